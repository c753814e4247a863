package refmodel

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slbfake/slbfake/model"
)

// The model's own reading of the BackendServers parameter of Add, Remove and
// SetBackendServers. It is written from the README's fidelity table
// ("AddBackendServers": lenient parsing, unparsable BackendServers, more than
// 20 elements, length of BackendServers, ServerId, Weight, Type, ServerIp,
// Description) and the API reference those rows cite, not from the engine's
// parser (model.ParseBackendServers), which the model never calls: the
// state-machine test compares the two on every call it draws, so a change to
// either one's rules shows there.
//
// It is deliberately built differently from the engine's hand-written
// scanner: single-quoted strings are rewritten into double-quoted ones, and
// encoding/json reads the result, one top-level element at a time so that
// the count can stop the reading at the 21st element.

// Limits, restated from the fidelity table (not taken from package model).
const (
	// bsMaxElements: "The total number of input real servers exceeds max
	// supported number: 20" (DOC), counted before de-duplication.
	bsMaxElements = 20
	// bsMaxLength: a value over 64 KiB is refused unread (INF).
	bsMaxLength = 64 * 1024
	// bsDefaultWeight, bsMaxWeight: Weight is an integer 0..100, default
	// 100 (DOC).
	bsDefaultWeight = 100
	bsMaxWeight     = 100
	// bsMaxDescription: Description is 1..80 characters (DOC).
	bsMaxDescription = 80
)

// errBsSyntax and errBsTooMany are the two ways reading the value fails.
var (
	errBsSyntax  = errors.New("BackendServers does not parse")
	errBsTooMany = errors.New("more BackendServers elements than the call takes")
)

// parseBackendServers is the model's expectation of the parameter, checked in
// the documented order: blank (absent, spaces, or "[]" with spaces: no
// elements, no error); longer than 64 KiB (InvalidParameter, unread); the
// syntax (InvalidParameter) and the count (TooManyBackendServers: reading
// stops once a 21st element has been read, so what follows it is never
// looked at); then each element in turn, its fields in the order of the
// table's rows (ServerId, Weight, Type, ServerIp, Description), the first
// failure winning. Defaults: Type ecs, Weight 100.
func parseBackendServers(s string) ([]model.BackendServerSpec, *model.Error) {
	return bsParse(s, bsMaxElements, model.ErrTooManyBackendServers, false)
}

// parseGroupBackendServers is the model's expectation of a vServer group
// call's BackendServers (and OldBackendServers, NewBackendServers): as
// parseBackendServers, but each element needs a Port, 1..65535 (checked
// after ServerId), and the count stops at 40 ("The backend server parameter
// has too many entries.", the fidelity table's vServer group rows).
func parseGroupBackendServers(s string) ([]model.BackendServerSpec, *model.Error) {
	return bsParse(s, bsGroupMaxElements, model.ErrTooManyGroupBackendServers, true)
}

// bsGroupMaxElements is the most elements a vServer group call takes (CODE:
// the cloud controller's batches of 40).
const bsGroupMaxElements = 40

func bsParse(s string, max int, tooMany func() *model.Error, withPort bool) ([]model.BackendServerSpec, *model.Error) {
	if strings.TrimLeft(s, " \t\r\n") == "" {
		return nil, nil
	}
	if len(s) > bsMaxLength {
		return nil, model.ErrBackendServersInvalid()
	}
	elems, err := bsElements(s, max)
	switch {
	case errors.Is(err, errBsTooMany):
		return nil, tooMany()
	case err != nil:
		return nil, model.ErrBackendServersInvalid()
	}
	specs := []model.BackendServerSpec{}
	for _, raw := range elems {
		sp, e := bsGroupElement(raw, withPort)
		if e != nil {
			return nil, e
		}
		specs = append(specs, sp)
	}
	if len(specs) == 0 {
		return nil, nil
	}
	return specs, nil
}

// bsElements reads the top-level array and returns its elements undecoded.
// Anything but one array (with white space around it) is a syntax error.
func bsElements(s string, max int) ([]json.RawMessage, error) {
	dec := json.NewDecoder(strings.NewReader(doubleQuoted(s)))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('[') {
		return nil, errBsSyntax
	}
	var elems []json.RawMessage
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, errBsSyntax
		}
		elems = append(elems, raw)
		if len(elems) > max {
			return nil, errBsTooMany
		}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim(']') {
		return nil, errBsSyntax
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errBsSyntax // something after the array
	}
	return elems, nil
}

// doubleQuoted rewrites a lenient value into JSON: every single-quoted
// string becomes a double-quoted one (an inner " escaped, \' unescaped), and
// \' inside a double-quoted string becomes '. A byte that is not UTF-8 inside
// a string becomes a control character, so that encoding/json refuses that
// string instead of mending it (the service reads UTF-8 text; the model
// takes a string with broken UTF-8 for unparsable). Everything outside
// strings is left alone for encoding/json to judge.
func doubleQuoted(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		q := s[i]
		if q != '"' && q != '\'' {
			b.WriteByte(q)
			i++
			continue
		}
		b.WriteByte('"')
		i++
		for i < len(s) {
			c := s[i]
			if c == q {
				i++
				break
			}
			switch {
			case c == '\\' && i+1 < len(s):
				if s[i+1] == '\'' {
					b.WriteByte('\'')
				} else {
					b.WriteString(s[i : i+2])
				}
				i += 2
				continue
			case c == '"': // only inside single quotes
				b.WriteString(`\"`)
			case c >= utf8.RuneSelf:
				r, n := utf8.DecodeRuneInString(s[i:])
				if r == utf8.RuneError && n <= 1 {
					b.WriteByte(0x01)
				} else {
					b.WriteString(s[i : i+n])
				}
				i += n
				continue
			default:
				b.WriteByte(c)
			}
			i++
		}
		b.WriteByte('"')
	}
	// An unterminated string was closed above; mark it so that it stays a
	// syntax error.
	if open := bsUnterminated(s); open {
		b.WriteString("\x01")
	}
	return b.String()
}

// bsUnterminated reports whether s ends inside a quoted string.
func bsUnterminated(s string) bool {
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q == 0 && (c == '"' || c == '\''):
			q = c
		case q != 0 && c == '\\':
			i++
		case q != 0 && c == q:
			q = 0
		}
	}
	return q != 0
}

// bsGroupElement decodes and checks one element: an object whose keys
// match regardless of case (the Kubernetes cloud controller writes
// "serverId", "weight"), unknown keys of any value ignored, a key given
// twice (in any case) keeping its last value, and null meaning absent (for
// every field but ServerId). With withPort it is a vServer group element: a
// Port, an integer 1..65535 as a number or a string holding one, is
// required, and checked right after ServerId.
func bsGroupElement(raw json.RawMessage, withPort bool) (model.BackendServerSpec, *model.Error) {
	sp := model.BackendServerSpec{Type: model.ServerECS, Weight: bsDefaultWeight}
	fields, ok := bsFields(raw)
	if !ok {
		return sp, model.ErrBackendServersInvalid() // not an object
	}
	// ServerId: required, a string that is not blank (DOC).
	id, ok := fields["serverid"].(string)
	if !ok || strings.TrimSpace(id) == "" {
		return sp, model.ErrBackendServersInvalid()
	}
	sp.ServerId = id
	if withPort {
		p, ok := bsInteger(fields["port"])
		if !ok || p < 1 || p > 65535 {
			return sp, model.ErrInvalidPort()
		}
		sp.Port = p
	}
	// Weight: an integer 0..100, as a JSON number or a string holding one.
	if w, ok := fields["weight"]; ok && w != nil {
		n, ok := bsWeight(w)
		if !ok {
			return sp, model.ErrBackendServersInvalid()
		}
		sp.Weight, sp.WeightSet = n, true
	}
	// Type: ecs, eni or eci; the empty string is none of them.
	if t, ok := fields["type"]; ok && t != nil {
		s, ok := t.(string)
		if !ok || (s != "ecs" && s != "eni" && s != "eci") {
			return sp, model.ErrBackendServersInvalid()
		}
		sp.Type = model.ServerType(s)
	}
	// ServerIp: optional; an empty string is no ServerIp, any other value
	// must be an IPv4 address in dotted-decimal form.
	if ip, ok := fields["serverip"]; ok && ip != nil {
		s, ok := ip.(string)
		if !ok {
			return sp, model.ErrBackendServersInvalid()
		}
		if s != "" {
			if !bsIPv4.MatchString(s) {
				return sp, model.ErrBackendServersInvalid()
			}
			sp.ServerIp = s
		}
	}
	// Description: 1..80 characters (longer: InvalidParameterLength,
	// checked first), of ASCII letters and digits, CJK ideographs, and
	// - / . _ (else InvalidParameter).
	if d, ok := fields["description"]; ok && d != nil {
		s, ok := d.(string)
		if !ok || s == "" {
			return sp, model.ErrBackendServersInvalid()
		}
		if utf8.RuneCountInString(s) > bsMaxDescription {
			return sp, model.ErrInvalidParameterLength()
		}
		for _, r := range s {
			if !bsDescriptionRune(r) {
				return sp, model.ErrBackendServersInvalid()
			}
		}
		sp.Description = s
	}
	return sp, nil
}

// bsIPv4 is a dotted-decimal IPv4 address: four numbers 0..255 without
// leading zeros.
var bsIPv4 = regexp.MustCompile(`^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$`)

// bsIntegerText is the text of an integer: an optional sign and digits.
var bsIntegerText = regexp.MustCompile(`^[+-]?[0-9]+$`)

// bsFields decodes an object's members, keys lower-cased, in order, so
// that the last of a key given in two cases wins; false when raw is not an
// object.
func bsFields(raw json.RawMessage) (map[string]any, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	fields := map[string]any{}
	for dec.More() {
		tok, err := dec.Token()
		key, isKey := tok.(string)
		if err != nil || !isKey {
			return nil, false
		}
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		fields[strings.ToLower(key)] = v
	}
	return fields, true
}

// bsWeight reads a Weight: a JSON number or a string that is an integer
// (50, "50"); 50.0, "50.5", "", true, [50] are not.
func bsWeight(v any) (int, bool) {
	n, ok := bsInteger(v)
	if !ok || n < 0 || n > bsMaxWeight {
		return 0, false
	}
	return n, true
}

// bsInteger reads an integer given as a JSON number or a string holding
// one.
func bsInteger(v any) (int, bool) {
	var text string
	switch w := v.(type) {
	case json.Number:
		text = w.String()
	case string:
		text = w
	default:
		return 0, false
	}
	if !bsIntegerText.MatchString(text) {
		return 0, false
	}
	n, err := strconv.Atoi(text)
	return n, err == nil
}

func bsDescriptionRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-/._", r)
	default:
		return unicode.In(r, unicode.Han)
	}
}
