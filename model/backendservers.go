package model

import (
	"net/netip"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the backend-server operations.
const (
	// MaxBackendServersPerCall is the most elements one BackendServers
	// parameter of the default server group's calls may hold (DOC).
	MaxBackendServersPerCall = 20
	// MaxGroupBackendServersPerCall is the most elements one BackendServers
	// (OldBackendServers, NewBackendServers) parameter of the vServer group
	// calls may hold. CODE: the Kubernetes cloud controller, Alibaba's own,
	// sends them in batches of 40 by default (flag sg-batch-size, "The value
	// range is 1-40"), which the real service must accept; the help pages
	// still say 20 (DOC), which would break every cluster of more than 20
	// nodes. The README's fidelity table records the conflict.
	MaxGroupBackendServersPerCall = 40
	// MinPort and MaxPort bound a vServer group member's Port (DOC).
	MinPort, MaxPort = 1, 65535
	// MaxBackendServersLength is the longest BackendServers value, in bytes,
	// that is parsed at all (INF: no documented limit was found; 20 elements
	// with the longest fields take under 10 KiB). A longer value is refused
	// unread, so that a huge value costs no more than a small one.
	MaxBackendServersLength = 64 << 10
	// DefaultWeight is the weight of a server given without one (DOC).
	DefaultWeight = 100
	// MaxWeight is the largest weight (DOC); the smallest is 0.
	MaxWeight = 100
	// MaxDescriptionLength is the longest Description, in characters (DOC).
	MaxDescriptionLength = 80
	// DefaultBackendQuota is the default per-LB backend quota (CODE: CCM's
	// mock; configurable per fake).
	DefaultBackendQuota = 200
)

// BackendServerSpec is one element of a BackendServers parameter, parsed and
// checked field by field. Defaults are applied: Type ecs, Weight 100.
type BackendServerSpec struct {
	ServerId string
	Type     ServerType
	Weight   int
	// WeightSet records whether the element carried a Weight; SetBackendServers
	// keeps the current weight of elements without one.
	WeightSet   bool
	ServerIp    string
	Description string
	// Port is a vServer group member's port (ParseGroupBackendServers); the
	// default server group has none, and ParseBackendServers leaves it 0.
	Port int
}

// ParseBackendServers parses and validates a BackendServers parameter of
// the default server group's calls in the order the fake documents: length
// (InvalidParameter, over MaxBackendServersLength bytes), syntax
// (InvalidParameter), element count (TooManyBackendServers: parsing stops at
// the element past MaxBackendServersPerCall), then each element in turn:
// ServerId, Type, Weight, ServerIp, Description (InvalidParameter, or
// InvalidParameterLength for a long Description). The first failure wins. A
// field given as an empty string is refused like any other value outside its
// rule, as a blank ServerId and an empty Weight are: "Type":"" is none of
// ecs, eni, eci; "Description":"" is shorter than 1 character. The one
// exception is "ServerIp":"", taken as absent (INF: it is the default of
// every type). A field given as null is taken as absent.
//
// A blank value, and "[]", give no elements and no error: the real service
// accepts calls without BackendServers (Terraform sends them).
//
// Parsing is lenient as the real service's is, and as real clients need it:
// single or double quotes; Weight as a number or a numeric string; keys
// matched regardless of case (the Kubernetes cloud controller sends
// "serverId", "weight", "type", "description"); unknown keys, whatever
// their value (objects such as the controller's "TargetRef" included), and
// Port, ignored. An element key given twice, in any case, keeps its last
// value. Values are case-sensitive ("ECS" is not a Type).
func ParseBackendServers(s string) ([]BackendServerSpec, *Error) {
	return parseBackendServers(s, MaxBackendServersPerCall, ErrTooManyBackendServers, false)
}

// ParseGroupBackendServers parses a BackendServers parameter of the vServer
// group calls (and ModifyVServerGroupBackendServers' OldBackendServers and
// NewBackendServers) as ParseBackendServers does, with two differences:
// each element must carry a Port, an integer 1..65535 given as a number or a
// numeric string (InvalidParameter, ErrInvalidPort: absent, null, or outside
// the range; checked after ServerId, before Type), and a value may hold up
// to MaxGroupBackendServersPerCall elements (TooManyBackendServers, with the
// message ErrTooManyGroupBackendServers gives).
func ParseGroupBackendServers(s string) ([]BackendServerSpec, *Error) {
	return parseBackendServers(s, MaxGroupBackendServersPerCall, ErrTooManyGroupBackendServers, true)
}

func parseBackendServers(s string, limit int, tooMany func() *Error, withPort bool) ([]BackendServerSpec, *Error) {
	if strings.Trim(s, jsonSpace) == "" {
		return nil, nil
	}
	if len(s) > MaxBackendServersLength {
		return nil, ErrBackendServersInvalid()
	}
	v, err := parseLenient(s, limit)
	if err == errLenientTooMany {
		return nil, tooMany()
	}
	if err != nil || v.kind != kindArray {
		return nil, ErrBackendServersInvalid()
	}
	specs := make([]BackendServerSpec, 0, len(v.array))
	for _, elem := range v.array {
		spec, e := parseBackendServer(elem, withPort)
		if e != nil {
			return nil, e
		}
		specs = append(specs, spec)
	}
	return specs, nil
}

// elementKeys are the keys an element's fields are read from, lower-cased:
// keys are matched regardless of case.
const (
	keyServerId    = "serverid"
	keyType        = "type"
	keyWeight      = "weight"
	keyServerIp    = "serverip"
	keyDescription = "description"
	keyPort        = "port"
)

// elementField returns the value of the element's key (lower case) given
// last, in any case; ok is false when it is absent.
func elementField(elem lenientValue, key string) (v lenientValue, ok bool) {
	for _, m := range elem.object {
		if len(m.key) == len(key) && strings.EqualFold(m.key, key) {
			v, ok = m.value, true
		}
	}
	return v, ok
}

// parsePort reads a Port: an integer 1..65535, as a number or a numeric
// string.
func parsePort(elem lenientValue) (int, *Error) {
	p, ok := elementField(elem, keyPort)
	if !ok || (p.kind != kindNumber && p.kind != kindString) {
		return 0, ErrInvalidPort()
	}
	n, err := strconv.Atoi(p.str)
	if err != nil || n < MinPort || n > MaxPort {
		return 0, ErrInvalidPort()
	}
	return n, nil
}

func parseBackendServer(elem lenientValue, withPort bool) (BackendServerSpec, *Error) {
	if elem.kind != kindObject {
		return BackendServerSpec{}, ErrBackendServersInvalid()
	}
	spec := BackendServerSpec{Type: ServerECS, Weight: DefaultWeight}

	id, ok := elementField(elem, keyServerId)
	if !ok || id.kind != kindString || strings.TrimSpace(id.str) == "" {
		return spec, ErrBackendServersInvalid()
	}
	spec.ServerId = id.str

	if withPort {
		port, e := parsePort(elem)
		if e != nil {
			return spec, e
		}
		spec.Port = port
	}

	if t, ok := elementField(elem, keyType); ok && t.kind != kindNull {
		if t.kind != kindString {
			return spec, ErrBackendServersInvalid()
		}
		switch ServerType(t.str) {
		case ServerECS, ServerENI, ServerECI:
			spec.Type = ServerType(t.str)
		default:
			return spec, ErrBackendServersInvalid()
		}
	}

	if w, ok := elementField(elem, keyWeight); ok && w.kind != kindNull {
		if w.kind != kindNumber && w.kind != kindString {
			return spec, ErrBackendServersInvalid()
		}
		n, err := strconv.Atoi(w.str)
		if err != nil || n < 0 || n > MaxWeight {
			return spec, ErrBackendServersInvalid()
		}
		spec.Weight, spec.WeightSet = n, true
	}

	if ip, ok := elementField(elem, keyServerIp); ok && ip.kind != kindNull {
		if ip.kind != kindString {
			return spec, ErrBackendServersInvalid()
		}
		if ip.str != "" { // INF: an empty ServerIp is taken as absent, the default for every type
			addr, err := netip.ParseAddr(ip.str)
			if err != nil || !addr.Is4() {
				return spec, ErrBackendServersInvalid()
			}
			spec.ServerIp = addr.String()
		}
	}

	if d, ok := elementField(elem, keyDescription); ok && d.kind != kindNull {
		if d.kind != kindString || d.str == "" {
			return spec, ErrBackendServersInvalid()
		}
		if e := ValidateDescription(d.str); e != nil {
			return spec, e
		}
		spec.Description = d.str
	}
	return spec, nil
}

// ValidateDescription applies the Description rule to a stored description:
// empty (not set), or 1 to 80 characters of ASCII letters and digits, CJK ideographs, '-', '/', '.',
// '_'. Length is checked before the characters. Other scripts are refused:
// the documented set names only these, and refusing is the safe side.
func ValidateDescription(d string) *Error {
	if d == "" {
		return nil
	}
	if utf8.RuneCountInString(d) > MaxDescriptionLength {
		return ErrInvalidParameterLength()
	}
	if !DescriptionCharacters(d) {
		return ErrBackendServersInvalid()
	}
	return nil
}

// DescriptionCharacters reports whether every character of d is one a
// Description may hold: ASCII letters and digits, CJK ideographs, '-', '/',
// '.', '_' (the set the SLB help pages document for backend and listener
// descriptions; Chinese is documented for both).
func DescriptionCharacters(d string) bool {
	for _, r := range d {
		if !descriptionRune(r) {
			return false
		}
	}
	return true
}

func descriptionRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	case strings.ContainsRune("-/._", r):
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// Key is the identity of a backend on one LB: the ServerId for ecs, the
// ServerId and ServerIp for eni and eci (one ENI may be listed once per IP).
func (s BackendServerSpec) Key() BackendKey {
	if s.Type == ServerECS {
		return BackendKey{ServerId: s.ServerId}
	}
	return BackendKey{ServerId: s.ServerId, ServerIp: s.ServerIp}
}

// BackendKey identifies a backend on one LB.
type BackendKey struct {
	ServerId string
	ServerIp string
}

// GroupKey is the identity of a vServer group member (its group aside):
// ServerId and Port for ecs, and ServerIp too for eni and eci, as the
// Kubernetes cloud controller tells members apart (CODE).
type GroupKey struct {
	ServerId string
	Port     int
	ServerIp string
}

// GroupKey is the spec's identity in a vServer group.
func (s BackendServerSpec) GroupKey() GroupKey {
	k := s.Key()
	return GroupKey{ServerId: k.ServerId, Port: s.Port, ServerIp: k.ServerIp}
}
