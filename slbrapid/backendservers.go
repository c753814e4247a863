package slbrapid

import (
	"strconv"
	"strings"

	"github.com/slbfake/slbfake/model"
	"pgregory.net/rapid"
)

// The pieces BackendServers strings are made of.
var (
	bsSpaces       = []string{"", " ", "\n", "\t", "  ", "\r\n"}
	bsDescriptions = []string{"web-1", "a/b.c_d", "后端", "x", "backend_01.prod", strings.Repeat("d", model.MaxDescriptionLength)}
	bsExtraKeys    = []string{"Port", "ServerRegionId", "VpcId", "Comment", "TargetRef", "NodeName"}
	bsExtraValues  = []string{"80", `"x"`, "null", "true", "[1,2]", `{"a":1}`, "-3.5e2"}
)

// bsWriter renders a lenient-JSON BackendServers string from drawn pieces.
type bsWriter struct {
	t *rapid.T
	b strings.Builder
	// plain turns off the random quoting and spacing (for big element counts).
	plain bool
}

func (w *bsWriter) space() {
	if w.plain {
		return
	}
	if rapid.Bool().Draw(w.t, "space") {
		w.b.WriteString(rapid.SampledFrom(bsSpaces).Draw(w.t, "ws"))
	}
}

// quote writes s (which holds no quote or backslash) in double quotes, or in
// single quotes when drawn so.
func (w *bsWriter) quote(s string) {
	q := `"`
	if !w.plain && rapid.Bool().Draw(w.t, "singleQuote") {
		q = "'"
	}
	w.b.WriteString(q + s + q)
}

func (w *bsWriter) raw(s string) { w.b.WriteString(s) }

// member writes "key": value, with value already rendered.
func (w *bsWriter) member(first bool, key, value string) {
	if !first {
		w.raw(",")
	}
	w.space()
	w.quote(key)
	w.space()
	w.raw(":")
	w.space()
	w.raw(value)
	w.space()
}

// elemField is one drawn key and rendered value of an element.
type elemField struct{ key, value string }

// validElement draws the members of a valid element naming id.
func (w *bsWriter) validElement(id string) []elemField {
	t := w.t
	var fields []elemField
	str := func(s string) string {
		var sub bsWriter
		sub.t, sub.plain = t, w.plain
		sub.quote(s)
		return sub.b.String()
	}
	fields = append(fields, elemField{"ServerId", str(id)})
	if strings.HasPrefix(id, model.PrefixENI) {
		fields = append(fields, elemField{"Type", str(string(model.ServerENI))})
	} else if !w.plain {
		switch rapid.IntRange(0, 2).Draw(t, "type") {
		case 1:
			fields = append(fields, elemField{"Type", str(string(model.ServerECS))})
		case 2:
			fields = append(fields, elemField{"Type", "null"})
		}
	}
	if !w.plain {
		switch rapid.IntRange(0, 3).Draw(t, "weightForm") {
		case 1:
			fields = append(fields, elemField{"Weight", strconv.Itoa(rapid.IntRange(0, model.MaxWeight).Draw(t, "weight"))})
		case 2:
			fields = append(fields, elemField{"Weight", str(strconv.Itoa(rapid.IntRange(0, model.MaxWeight).Draw(t, "weight")))})
		case 3:
			fields = append(fields, elemField{"Weight", "null"})
		}
		if rapid.Bool().Draw(t, "hasDescription") {
			fields = append(fields, elemField{"Description", str(rapid.SampledFrom(bsDescriptions).Draw(t, "description"))})
		}
		if rapid.Bool().Draw(t, "hasExtra") {
			fields = append(fields, elemField{rapid.SampledFrom(bsExtraKeys).Draw(t, "extraKey"),
				rapid.SampledFrom(bsExtraValues).Draw(t, "extraValue")})
		}
		fields = rapid.Permutation(fields).Draw(t, "keyOrder")
	}
	return fields
}

func (w *bsWriter) object(fields []elemField) {
	w.space()
	w.raw("{")
	for i, f := range fields {
		w.member(i == 0, f.key, f.value)
	}
	if len(fields) == 0 {
		w.space()
	}
	w.raw("}")
	w.space()
}

// array writes the elements, rendered by elem, as an array.
func (w *bsWriter) array(n int, elem func(i int)) {
	w.space()
	w.raw("[")
	for i := 0; i < n; i++ {
		if i > 0 {
			w.raw(",")
		}
		elem(i)
	}
	if n == 0 {
		w.space()
	}
	w.raw("]")
	w.space()
}

// BackendServers draws valid BackendServers parameters naming only ids
// (duplicates included): 1 to 20 elements in double or single quotes, with
// Weight as a number, a string, null or absent, Type (eni for IDs starting
// with eni-, else ecs, null or absent), Description, an extra key and
// white space; or, now and then, an empty list ("", "[]"). Every draw parses
// with model.ParseBackendServers. With no ids, only empty lists are drawn.
// Strings shrink toward one plain element naming ids[0].
func BackendServers(ids []string) *rapid.Generator[string] {
	ids = append([]string(nil), ids...)
	return rapid.Custom(func(t *rapid.T) string {
		if len(ids) == 0 || rapid.Bool().Draw(t, "emptyList") {
			return rapid.SampledFrom([]string{"[]", "", " [ ] ", "\n[\n]\n"}).Draw(t, "empty")
		}
		w := &bsWriter{t: t}
		n := rapid.IntRange(1, model.MaxBackendServersPerCall).Draw(t, "elements")
		w.array(n, func(int) {
			w.object(w.validElement(ids[rapid.IntRange(0, len(ids)-1).Draw(t, "serverIndex")]))
		})
		return w.b.String()
	})
}

// malformedIds are the IDs MalformedBackendServers names.
var malformedIds = []string{"i-bp100000000000000001", "i-bp100000000000000002", "eni-bp10000000000000000001"}

// MalformedBackendServers draws BackendServers parameters that
// model.ParseBackendServers refuses: broken syntax (unquoted keys, trailing
// commas, unclosed brackets or strings, trailing garbage, not an array), more
// than 20 elements, or one bad element among good ones (no or empty
// ServerId, a bad Type, a Weight out of 0..100 or not an integer, a bad
// ServerIp, a Description too long or with characters outside the allowed
// set).
func MalformedBackendServers() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		switch rapid.IntRange(0, 2).Draw(t, "malformedKind") {
		case 0:
			return drawBadElementList(t)
		case 1:
			return rapid.SampledFrom(badSyntax).Draw(t, "badSyntax")
		default:
			w := &bsWriter{t: t, plain: rapid.Bool().Draw(t, "plain")}
			n := rapid.IntRange(model.MaxBackendServersPerCall+1, model.MaxBackendServersPerCall+5).Draw(t, "elements")
			w.array(n, func(i int) {
				w.object(w.validElement(malformedIds[i%2]))
			})
			return w.b.String()
		}
	})
}

var badSyntax = []string{
	`[{ServerId:"i-bp100000000000000001"}]`,
	`[{"ServerId":"i-bp100000000000000001"},]`,
	`[{"ServerId":"i-bp100000000000000001","Weight":50,}]`,
	`[{"ServerId":"i-bp100000000000000001"}`,
	`[{"ServerId":"i-bp100000000000000001"]`,
	`{"ServerId":"i-bp100000000000000001"}`,
	`[{"ServerId":"i-bp100000000000000001"}]x`,
	`[{"ServerId":"i-bp100000000000000001}]`,
	`[{'ServerId':'i-bp100000000000000001"}]`,
	`"i-bp100000000000000001"`,
	`i-bp100000000000000001`,
	`["i-bp100000000000000001"]`,
	`[1]`,
	`[null]`,
	`[[]]`,
	`[{"ServerId" "i-bp100000000000000001"}]`,
	`[{"ServerId":"i-bp100000000000000001"} {"ServerId":"i-bp100000000000000002"}]`,
	`null`,
	`[`,
	`]`,
	`{}`,
	`ServerId=i-bp100000000000000001`,
}

// badFields are replacements that make an element invalid: key and rendered
// value ("" key: drop ServerId).
var badFields = []elemField{
	{"", ""},
	{"ServerId", `""`},
	{"ServerId", `"  "`},
	{"ServerId", `12345`},
	{"ServerId", `null`},
	{"Type", `"vm"`},
	{"Type", `""`},
	{"Type", `"ECS"`},
	{"Type", `1`},
	{"Type", `true`},
	{"Weight", `-1`},
	{"Weight", `101`},
	{"Weight", `1000`},
	{"Weight", `"abc"`},
	{"Weight", `50.5`},
	{"Weight", `"50.0"`},
	{"Weight", `""`},
	{"Weight", `true`},
	{"Weight", `[50]`},
	{"ServerIp", `"1.2.3"`},
	{"ServerIp", `"300.1.1.1"`},
	{"ServerIp", `"::1"`},
	{"ServerIp", `7`},
	{"Description", `"` + strings.Repeat("d", model.MaxDescriptionLength+1) + `"`},
	{"Description", `"has space"`},
	{"Description", `"bang!"`},
	{"Description", `"café"`},
	{"Description", `42`},
	{"Description", `""`},
}

// drawBadElementList draws 1..20 elements of which one is made invalid.
func drawBadElementList(t *rapid.T) string {
	w := &bsWriter{t: t}
	n := rapid.IntRange(1, model.MaxBackendServersPerCall).Draw(t, "elements")
	bad := rapid.IntRange(0, n-1).Draw(t, "badElement")
	w.array(n, func(i int) {
		fields := w.validElement(malformedIds[rapid.IntRange(0, len(malformedIds)-1).Draw(t, "serverIndex")])
		if i == bad {
			fields = spoil(fields, rapid.SampledFrom(badFields).Draw(t, "badField"))
		}
		w.object(fields)
	})
	return w.b.String()
}

// spoil replaces (or adds) the bad field; a bad field with no key removes
// ServerId. Every other member with the same key is dropped, so that the bad
// value is the one the parser sees.
func spoil(fields []elemField, bad elemField) []elemField {
	out := make([]elemField, 0, len(fields)+1)
	for _, f := range fields {
		if f.key == bad.key || (bad.key == "" && f.key == "ServerId") {
			continue
		}
		out = append(out, f)
	}
	if bad.key != "" {
		out = append(out, bad)
	}
	return out
}

// AnyBackendServers draws valid BackendServers over ids (BackendServers) or
// malformed ones (MalformedBackendServers), about half each.
func AnyBackendServers(ids []string) *rapid.Generator[string] {
	return rapid.OneOf(BackendServers(ids), MalformedBackendServers())
}
