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
	// parameter may hold (DOC).
	MaxBackendServersPerCall = 20
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
}

// ParseBackendServers parses and validates a BackendServers parameter in the
// order the fake documents: length (InvalidParameter, over
// MaxBackendServersLength bytes), syntax (InvalidParameter), element count
// (TooManyBackendServers: parsing stops at the element past
// MaxBackendServersPerCall), then each element in turn: ServerId, Type,
// Weight, ServerIp, Description (InvalidParameter, or InvalidParameterLength
// for a long Description). The first failure wins. A field given as an empty
// string is refused like any other value outside its rule, as a blank
// ServerId and an empty Weight are: "Type":"" is none of ecs, eni, eci;
// "Description":"" is shorter than 1 character. The one exception is
// "ServerIp":"", taken as absent (INF: it is the default of every type). A
// field given as null is taken as absent.
//
// A blank value, and "[]", give no elements and no error: the real service
// accepts calls without BackendServers (Terraform sends them).
//
// Parsing is lenient as the real service's is: single or double quotes,
// Weight as a number or a numeric string, unknown keys (Port among them)
// ignored. Keys are case-sensitive; an element key given twice keeps its last
// value.
func ParseBackendServers(s string) ([]BackendServerSpec, *Error) {
	if strings.Trim(s, jsonSpace) == "" {
		return nil, nil
	}
	if len(s) > MaxBackendServersLength {
		return nil, ErrBackendServersInvalid()
	}
	v, err := parseLenient(s, MaxBackendServersPerCall)
	if err == errLenientTooMany {
		return nil, ErrTooManyBackendServers()
	}
	if err != nil || v.kind != kindArray {
		return nil, ErrBackendServersInvalid()
	}
	specs := make([]BackendServerSpec, 0, len(v.array))
	for _, elem := range v.array {
		spec, e := parseBackendServer(elem)
		if e != nil {
			return nil, e
		}
		specs = append(specs, spec)
	}
	return specs, nil
}

func parseBackendServer(elem lenientValue) (BackendServerSpec, *Error) {
	if elem.kind != kindObject {
		return BackendServerSpec{}, ErrBackendServersInvalid()
	}
	fields := map[string]lenientValue{}
	for _, m := range elem.object {
		fields[m.key] = m.value
	}
	spec := BackendServerSpec{Type: ServerECS, Weight: DefaultWeight}

	id, ok := fields["ServerId"]
	if !ok || id.kind != kindString || strings.TrimSpace(id.str) == "" {
		return spec, ErrBackendServersInvalid()
	}
	spec.ServerId = id.str

	if t, ok := fields["Type"]; ok && t.kind != kindNull {
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

	if w, ok := fields["Weight"]; ok && w.kind != kindNull {
		if w.kind != kindNumber && w.kind != kindString {
			return spec, ErrBackendServersInvalid()
		}
		n, err := strconv.Atoi(w.str)
		if err != nil || n < 0 || n > MaxWeight {
			return spec, ErrBackendServersInvalid()
		}
		spec.Weight, spec.WeightSet = n, true
	}

	if ip, ok := fields["ServerIp"]; ok && ip.kind != kindNull {
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

	if d, ok := fields["Description"]; ok && d.kind != kindNull {
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
	for _, r := range d {
		if !descriptionRune(r) {
			return ErrBackendServersInvalid()
		}
	}
	return nil
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
