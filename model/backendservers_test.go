package model_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// wantErr is the code, HTTP status and message a parse error must carry.
// They are spelled out here, not taken from the catalogue constructors, so
// that a change to the catalogue shows up as a failing test.
type wantErr struct {
	status int
	code   model.Code
	msg    string
}

var (
	errInvalid = wantErr{http.StatusBadRequest, "InvalidParameter", "The specified BackendServers is invalid."}
	errTooMany = wantErr{http.StatusBadRequest, "TooManyBackendServers",
		"The total number of input real servers exceeds max supported number: 20"}
	errLength = wantErr{http.StatusBadRequest, "InvalidParameterLength", "The specified parameter length is not valid."}
)

// requireParseErr asserts that in fails to parse with exactly want.
func requireParseErr(t require.TestingT, in string, want wantErr) {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	specs, e := model.ParseBackendServers(in)
	require.NotNil(t, e, "input %q parsed to %+v", in, specs)
	require.Nil(t, specs, "input %q: specs beside an error", in)
	assert.Equal(t, want.code, e.Code, "input %q", in)
	assert.Equal(t, want.status, e.HTTPStatus, "input %q", in)
	assert.Equal(t, want.msg, e.Message, "input %q", in)
	assert.Empty(t, e.RequestId, "the parser never sets a RequestId")
}

// ecs is the spec of an ecs element with defaults applied.
func ecs(id string) model.BackendServerSpec {
	return model.BackendServerSpec{ServerId: id, Type: model.ServerECS, Weight: model.DefaultWeight}
}

func weighted(s model.BackendServerSpec, w int) model.BackendServerSpec {
	s.Weight, s.WeightSet = w, true
	return s
}

// elements renders n elements i-0 .. i-(n-1), every one valid.
func elements(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf(`{"ServerId":"i-%d","Weight":"10"}`, i)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func TestParseBackendServersAccepts(t *testing.T) {
	t.Parallel()
	cjk := "后端服务器"
	desc80 := strings.Repeat("a", 80)
	cases := []struct {
		name string
		in   string
		want []model.BackendServerSpec
	}{
		{"seed example, double quotes, string weights",
			`[{"ServerId":"i-2zej4lxhjoq1icue6kup","Weight":"100"},{"ServerId":"i-2ze1u9ywulp5pbvvc7hv","Weight":"100"}]`,
			[]model.BackendServerSpec{weighted(ecs("i-2zej4lxhjoq1icue6kup"), 100), weighted(ecs("i-2ze1u9ywulp5pbvvc7hv"), 100)}},
		{"single quotes", `[{'ServerId':'i-a','Weight':'50'}]`,
			[]model.BackendServerSpec{weighted(ecs("i-a"), 50)}},
		{"terraform form", `[{'ServerId':'i-x','Weight':'100', 'Type': 'ecs'}]`,
			[]model.BackendServerSpec{weighted(ecs("i-x"), 100)}},
		{"mixed quotes", `[{"ServerId":'i-a','Weight':"7"}]`,
			[]model.BackendServerSpec{weighted(ecs("i-a"), 7)}},
		{"weight as number", `[{"ServerId":"i-a","Weight":42}]`,
			[]model.BackendServerSpec{weighted(ecs("i-a"), 42)}},
		{"weight 0 as number", `[{"ServerId":"i-a","Weight":0}]`,
			[]model.BackendServerSpec{weighted(ecs("i-a"), 0)}},
		{"weight 0 as string", `[{"ServerId":"i-a","Weight":"0"}]`,
			[]model.BackendServerSpec{weighted(ecs("i-a"), 0)}},
		{"weight 100 as number", `[{"ServerId":"i-a","Weight":100}]`,
			[]model.BackendServerSpec{weighted(ecs("i-a"), 100)}},
		{"weight absent defaults to 100, not set", `[{"ServerId":"i-a"}]`,
			[]model.BackendServerSpec{ecs("i-a")}},
		{"null values are absent",
			`[{"ServerId":"i-a","Weight":null,"Type":null,"ServerIp":null,"Description":null,"Port":null}]`,
			[]model.BackendServerSpec{ecs("i-a")}},
		{"unknown keys ignored (Port number, Port string, nested)",
			`[{"ServerId":"i-a","Port":80},{"ServerId":"i-b","Port":"8080","Extra":{"x":[1,2.5,true,false,null,{"y":"z"}]}}]`,
			[]model.BackendServerSpec{ecs("i-a"), ecs("i-b")}},
		{"type ecs explicit", `[{"ServerId":"i-a","Type":"ecs"}]`, []model.BackendServerSpec{ecs("i-a")}},
		{"type eni with ServerIp", `[{"ServerId":"eni-a","Type":"eni","ServerIp":"192.168.1.5","Weight":"30"}]`,
			[]model.BackendServerSpec{{ServerId: "eni-a", Type: model.ServerENI, Weight: 30, WeightSet: true, ServerIp: "192.168.1.5"}}},
		{"type eci", `[{"ServerId":"eci-a","Type":"eci"}]`,
			[]model.BackendServerSpec{{ServerId: "eci-a", Type: model.ServerECI, Weight: 100}}},
		{"ServerIp empty string is not set", `[{"ServerId":"i-a","ServerIp":""}]`, []model.BackendServerSpec{ecs("i-a")}},
		{"description allowed characters", `[{"ServerId":"i-a","Description":"web-01/a.b_C9"}]`,
			[]model.BackendServerSpec{{ServerId: "i-a", Type: model.ServerECS, Weight: 100, Description: "web-01/a.b_C9"}}},
		{"description CJK accepted", `[{"ServerId":"i-a","Description":"` + cjk + `"}]`,
			[]model.BackendServerSpec{{ServerId: "i-a", Type: model.ServerECS, Weight: 100, Description: cjk}}},
		{"description of 80 CJK characters", `[{"ServerId":"i-a","Description":"` + strings.Repeat("服", 80) + `"}]`,
			[]model.BackendServerSpec{{ServerId: "i-a", Type: model.ServerECS, Weight: 100, Description: strings.Repeat("服", 80)}}},
		{"description of 80 characters", `[{"ServerId":"i-a","Description":"` + desc80 + `"}]`,
			[]model.BackendServerSpec{{ServerId: "i-a", Type: model.ServerECS, Weight: 100, Description: desc80}}},
		{"whitespace everywhere", " \n[ {\t'ServerId' :\r\n'i-a' , 'Weight' : 5 } ,\n{ \"ServerId\":\"i-b\" } ]\t ",
			[]model.BackendServerSpec{weighted(ecs("i-a"), 5), ecs("i-b")}},
		{"escapes in strings", `[{"ServerId":"i-\u0061\/b"},{'ServerId':'i-\'c'}]`,
			[]model.BackendServerSpec{ecs("i-a/b"), ecs("i-'c")}},
		{"escaped surrogate pair is one character", `[{"ServerId":"i-\ud83d\ude00"}]`,
			[]model.BackendServerSpec{ecs("i-\U0001F600")}},
		{"lone high surrogate becomes U+FFFD", `[{"ServerId":"i-\ud83d"}]`,
			[]model.BackendServerSpec{ecs("i-\uFFFD")}},
		{"high surrogate before a non-surrogate escape", `[{"ServerId":"i-\ud83d\u0041"}]`,
			[]model.BackendServerSpec{ecs("i-\uFFFDA")}},
		{"lone low surrogate becomes U+FFFD", `[{'ServerId':'i-\ude00x'}]`,
			[]model.BackendServerSpec{ecs("i-\uFFFDx")}},
		{"duplicate key keeps the last value", `[{"ServerId":"i-a","ServerId":"i-b","Weight":1,"Weight":"2"}]`,
			[]model.BackendServerSpec{weighted(ecs("i-b"), 2)}},
		{"duplicate elements are kept by the parser (the engine dedups)", `[{"ServerId":"i-a","Weight":1},{"ServerId":"i-a","Weight":2}]`,
			[]model.BackendServerSpec{weighted(ecs("i-a"), 1), weighted(ecs("i-a"), 2)}},
		{"empty object member list elsewhere", `[{"ServerId":"i-a","Tags":{}}]`, []model.BackendServerSpec{ecs("i-a")}},
		// Keys in any case (issue: the Kubernetes cloud controller's
		// marshalled structs), extra keys of any value, null values.
		{"keys in any case", `[{"serverId":"i-a","WEIGHT":"5","type":"eni","serverip":"10.0.0.9","DESCRIPTION":"x"}]`,
			[]model.BackendServerSpec{{ServerId: "i-a", Type: model.ServerENI, Weight: 5, WeightSet: true, ServerIp: "10.0.0.9", Description: "x"}}},
		{"cloud controller form",
			`[{"IsUserManaged":false,"NodeName":null,"TargetRef":{"kind":"Pod","namespace":"default","name":"web-0","uid":"1"},` +
				`"serverId":"i-a","serverIp":"","port":30080,"weight":100,"type":"ecs","description":"k8s/30080/web/default/c1"}]`,
			[]model.BackendServerSpec{{ServerId: "i-a", Type: model.ServerECS, Weight: 100, WeightSet: true, Description: "k8s/30080/web/default/c1"}}},
		{"a key given twice in two cases keeps the last", `[{"ServerId":"i-a","serverId":"i-b","weight":1,"Weight":"2"}]`,
			[]model.BackendServerSpec{weighted(ecs("i-b"), 2)}},
		{"a null after a value makes the field absent", `[{"ServerId":"i-a","Weight":5,"weight":null}]`,
			[]model.BackendServerSpec{ecs("i-a")}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			specs, e := model.ParseBackendServers(tc.in)
			require.Nil(t, e)
			require.Equal(t, tc.want, specs)
		})
	}
}

// TestParseGroupBackendServers: the vServer group form carries a required
// Port, 1..65535, as a number or a numeric string, after ServerId and
// before Type; the rest is ParseBackendServers'.
func TestParseGroupBackendServers(t *testing.T) {
	t.Parallel()
	port := func(s model.BackendServerSpec, p int) model.BackendServerSpec { s.Port = p; return s }
	accepts := []struct {
		name string
		in   string
		want []model.BackendServerSpec
	}{
		{"documented example", `[{'ServerId':'vm-233','Port':'80','Weight':'100'},{'ServerId':'vm-232','Port':'90','Weight':'100'}]`,
			[]model.BackendServerSpec{port(weighted(ecs("vm-233"), 100), 80), port(weighted(ecs("vm-232"), 100), 90)}},
		{"port as a number, lower-case key", `[{"serverId":"i-a","port":30080}]`, []model.BackendServerSpec{port(ecs("i-a"), 30080)}},
		{"port 1 and 65535", `[{"ServerId":"i-a","Port":1},{"ServerId":"i-a","Port":"65535"}]`,
			[]model.BackendServerSpec{port(ecs("i-a"), 1), port(ecs("i-a"), 65535)}},
		{"terraform form", `[{'ServerId':'i-x','Port':'8080','Weight':'100', 'Type': 'ecs'}]`,
			[]model.BackendServerSpec{port(weighted(ecs("i-x"), 100), 8080)}},
		{"extra keys of any value", `[{"ServerId":"i-a","Port":80,"TargetRef":{"a":[1,{"b":null}]},"NodeName":null,"IsUserManaged":true}]`,
			[]model.BackendServerSpec{port(ecs("i-a"), 80)}},
	}
	for _, tc := range accepts {
		specs, e := model.ParseGroupBackendServers(tc.in)
		require.Nil(t, e, tc.name)
		require.Equal(t, tc.want, specs, tc.name)
	}
	errPort := wantErr{http.StatusBadRequest, "InvalidParameter", "Port value should be in [1, 65535]"}
	refuses := []struct {
		name string
		in   string
		want wantErr
	}{
		{"no Port", `[{"ServerId":"i-a"}]`, errPort},
		{"Port null", `[{"ServerId":"i-a","Port":null}]`, errPort},
		{"Port 0", `[{"ServerId":"i-a","Port":0}]`, errPort},
		{"Port 65536", `[{"ServerId":"i-a","Port":"65536"}]`, errPort},
		{"Port -1", `[{"ServerId":"i-a","Port":-1}]`, errPort},
		{"Port 80.5", `[{"ServerId":"i-a","Port":80.5}]`, errPort},
		{"Port empty string", `[{"ServerId":"i-a","Port":""}]`, errPort},
		{"Port bool", `[{"ServerId":"i-a","Port":true}]`, errPort},
		{"Port object", `[{"ServerId":"i-a","Port":{"p":80}}]`, errPort},
		{"ServerId before Port", `[{"Port":0}]`, errInvalid},
		{"Port before Type", `[{"ServerId":"i-a","Type":"vm"}]`, errPort},
		{"Port before Weight", `[{"ServerId":"i-a","Weight":101,"Port":0}]`, errPort},
		{"element 1's Port before element 2", `[{"ServerId":"i-a"},{"ServerId":""}]`, errPort},
		{"41 elements", groupElements(41), wantErr{http.StatusBadRequest, "TooManyBackendServers", "The backend server parameter has too many entries."}},
	}
	for _, tc := range refuses {
		specs, e := model.ParseGroupBackendServers(tc.in)
		require.NotNil(t, e, "%s: parsed to %+v", tc.name, specs)
		require.Nil(t, specs, tc.name)
		assert.Equal(t, tc.want, wantErr{e.HTTPStatus, e.Code, e.Message}, tc.name)
	}
	specs, e := model.ParseGroupBackendServers(groupElements(model.MaxGroupBackendServersPerCall))
	require.Nil(t, e)
	require.Len(t, specs, 40)
	// The default group's calls ignore Port, however it is written.
	specs, e = model.ParseBackendServers(`[{"ServerId":"i-a","Port":"x"},{"ServerId":"i-b","port":{}}]`)
	require.Nil(t, e)
	require.Equal(t, []model.BackendServerSpec{ecs("i-a"), ecs("i-b")}, specs)
}

// groupElements renders n vServer group elements, every one valid.
func groupElements(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf(`{"ServerId":"i-%d","Port":%d}`, i, 80+i)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func TestParseBackendServersEmpty(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"", " ", "\n\t\r ", "[]", "[ ]", " [\n] "} {
		specs, e := model.ParseBackendServers(in)
		require.Nil(t, e, "input %q", in)
		require.Empty(t, specs, "input %q", in)
	}
}

func TestParseBackendServersCount(t *testing.T) {
	t.Parallel()
	specs, e := model.ParseBackendServers(elements(20))
	require.Nil(t, e)
	require.Len(t, specs, 20)
	for i, s := range specs {
		require.Equal(t, weighted(ecs(fmt.Sprintf("i-%d", i)), 10), s)
	}

	requireParseErr(t, elements(21), errTooMany)
	requireParseErr(t, elements(100), errTooMany)
	// The count is checked before any element: 21 bad elements report the count.
	requireParseErr(t, "["+strings.Repeat(`{"ServerId":""},`, 20)+`{"ServerId":""}]`, errTooMany)
	requireParseErr(t, "["+strings.Repeat(`1,`, 20)+`1]`, errTooMany)
	// 21 identical elements are 21 elements: the count is taken before dedup.
	requireParseErr(t, "["+strings.Repeat(`{"ServerId":"i-a"},`, 20)+`{"ServerId":"i-a"}]`, errTooMany)
	// Parsing stops at the 21st element: what follows it is never read, so
	// a syntax error after it reports the count, and a syntax error before
	// it the syntax.
	requireParseErr(t, strings.TrimSuffix(elements(21), "]")+",garbage", errTooMany)
	requireParseErr(t, "[garbage,"+strings.TrimPrefix(elements(21), "["), errInvalid)
	// A value over MaxBackendServersLength is refused unread, whatever it is.
	requireParseErr(t, elements(1)+strings.Repeat(" ", model.MaxBackendServersLength), errInvalid)
	long := "[" + strings.Repeat("0,", model.MaxBackendServersLength) + "0]"
	requireParseErr(t, long, errInvalid)
	// Just under the limit, white space is still white space.
	specs, e = model.ParseBackendServers(elements(1) + strings.Repeat(" ", model.MaxBackendServersLength-len(elements(1))))
	require.Nil(t, e)
	require.Len(t, specs, 1)
}

func TestParseBackendServersRejectsElements(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 81)
	cases := []struct {
		name string
		in   string
		want wantErr
	}{
		// The element itself.
		{"element is a string", `["i-a"]`, errInvalid},
		{"element is a number", `[1]`, errInvalid},
		{"element is null", `[null]`, errInvalid},
		{"element is an array", `[[{"ServerId":"i-a"}]]`, errInvalid},
		{"second element bad", `[{"ServerId":"i-a"},true]`, errInvalid},
		// Empty strings are values, and outside every field's rule but
		// ServerIp's (issue 10).
		{"Type empty string", `[{"ServerId":"i-a","Type":""}]`, errInvalid},
		{"Type empty string, single quotes", `[{'ServerId':'i-a','Type':''}]`, errInvalid},
		{"Description empty string", `[{"ServerId":"i-a","Description":""}]`, errInvalid},
		{"Description empty string after a good element", `[{"ServerId":"i-a"},{"ServerId":"i-b","Description":""}]`, errInvalid},
		// ServerId.
		{"ServerId missing", `[{}]`, errInvalid},
		{"ServerId missing, other keys", `[{"Weight":"100","Type":"ecs"}]`, errInvalid},
		{"ServerId key in any case, empty", `[{"serverid":""}]`, errInvalid},
		{"Weight key in any case, out of range", `[{"ServerId":"i-a","WEIGHT":101}]`, errInvalid},
		{"Type key in any case, value case-sensitive", `[{"ServerId":"i-a","type":"ECS"}]`, errInvalid},
		{"ServerId empty", `[{"ServerId":""}]`, errInvalid},
		{"ServerId blank", `[{"ServerId":"  "}]`, errInvalid},
		{"ServerId number", `[{"ServerId":123}]`, errInvalid},
		{"ServerId null", `[{"ServerId":null}]`, errInvalid},
		{"ServerId bool", `[{"ServerId":true}]`, errInvalid},
		{"ServerId object", `[{"ServerId":{"id":"i-a"}}]`, errInvalid},
		{"ServerId array", `[{"ServerId":["i-a"]}]`, errInvalid},
		// Type.
		{"Type unknown", `[{"ServerId":"i-a","Type":"vm"}]`, errInvalid},
		{"Type is case-sensitive", `[{"ServerId":"i-a","Type":"ECS"}]`, errInvalid},
		{"Type with space", `[{"ServerId":"i-a","Type":"ecs "}]`, errInvalid},
		{"Type number", `[{"ServerId":"i-a","Type":1}]`, errInvalid},
		{"Type bool", `[{"ServerId":"i-a","Type":true}]`, errInvalid},
		// Weight.
		{"Weight -1", `[{"ServerId":"i-a","Weight":-1}]`, errInvalid},
		{"Weight \"-1\"", `[{"ServerId":"i-a","Weight":"-1"}]`, errInvalid},
		{"Weight 101", `[{"ServerId":"i-a","Weight":101}]`, errInvalid},
		{"Weight \"101\"", `[{"ServerId":"i-a","Weight":"101"}]`, errInvalid},
		{"Weight huge", `[{"ServerId":"i-a","Weight":99999999999999999999}]`, errInvalid},
		{"Weight abc", `[{"ServerId":"i-a","Weight":"abc"}]`, errInvalid},
		{"Weight 1.5", `[{"ServerId":"i-a","Weight":1.5}]`, errInvalid},
		{"Weight \"1.5\"", `[{"ServerId":"i-a","Weight":"1.5"}]`, errInvalid},
		{"Weight 1e1", `[{"ServerId":"i-a","Weight":1e1}]`, errInvalid},
		{"Weight true", `[{"ServerId":"i-a","Weight":true}]`, errInvalid},
		{"Weight empty string", `[{"ServerId":"i-a","Weight":""}]`, errInvalid},
		{"Weight padded string", `[{"ServerId":"i-a","Weight":" 5"}]`, errInvalid},
		{"Weight object", `[{"ServerId":"i-a","Weight":{}}]`, errInvalid},
		{"Weight array", `[{"ServerId":"i-a","Weight":[5]}]`, errInvalid},
		// ServerIp.
		{"ServerIp not an IP", `[{"ServerId":"eni-a","Type":"eni","ServerIp":"abc"}]`, errInvalid},
		{"ServerIp out of range", `[{"ServerId":"eni-a","Type":"eni","ServerIp":"256.1.1.1"}]`, errInvalid},
		{"ServerIp short", `[{"ServerId":"eni-a","Type":"eni","ServerIp":"10.0.0"}]`, errInvalid},
		{"ServerIp IPv6", `[{"ServerId":"eni-a","Type":"eni","ServerIp":"::1"}]`, errInvalid},
		{"ServerIp IPv4-mapped IPv6", `[{"ServerId":"eni-a","Type":"eni","ServerIp":"::ffff:10.0.0.1"}]`, errInvalid},
		{"ServerIp number", `[{"ServerId":"eni-a","Type":"eni","ServerIp":10}]`, errInvalid},
		// Description.
		{"Description 81 characters", `[{"ServerId":"i-a","Description":"` + long + `"}]`, errLength},
		{"Description 81 CJK characters", `[{"ServerId":"i-a","Description":"` + strings.Repeat("服", 81) + `"}]`, errLength},
		{"Description too long and bad characters: length first", `[{"ServerId":"i-a","Description":"` + strings.Repeat("@", 81) + `"}]`, errLength},
		{"Description with a space", `[{"ServerId":"i-a","Description":"web 01"}]`, errInvalid},
		{"Description with @", `[{"ServerId":"i-a","Description":"a@b"}]`, errInvalid},
		{"Description with a comma", `[{"ServerId":"i-a","Description":"a,b"}]`, errInvalid},
		{"Description with a newline escape", `[{"ServerId":"i-a","Description":"a\nb"}]`, errInvalid},
		{"Description with CJK punctuation", `[{"ServerId":"i-a","Description":"服务器。"}]`, errInvalid},
		{"Description number", `[{"ServerId":"i-a","Description":5}]`, errInvalid},
		// Field order inside an element: ServerId, Type, Weight, ServerIp, Description.
		{"bad Weight before long Description", `[{"Description":"` + long + `","ServerId":"i-a","Weight":101}]`, errInvalid},
		{"bad ServerIp before long Description", `[{"ServerId":"i-a","ServerIp":"x","Description":"` + long + `"}]`, errInvalid},
		{"missing ServerId before long Description", `[{"Description":"` + long + `"}]`, errInvalid},
		// Element order: the first bad element decides.
		{"long Description in element 1 beats bad element 2", `[{"ServerId":"i-a","Description":"` + long + `"},{"ServerId":""}]`, errLength},
		{"bad element 1 beats long Description in element 2", `[{"ServerId":""},{"ServerId":"i-a","Description":"` + long + `"}]`, errInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			requireParseErr(t, tc.in, tc.want)
		})
	}
}

func TestParseBackendServersRejectsSyntax(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, in string }{
		{"trailing comma in array", `[{"ServerId":"i-a"},]`},
		{"trailing comma in object", `[{"ServerId":"i-a",}]`},
		{"leading comma", `[,{"ServerId":"i-a"}]`},
		{"double comma", `[{"ServerId":"i-a"},,{"ServerId":"i-b"}]`},
		{"missing comma", `[{"ServerId":"i-a"} {"ServerId":"i-b"}]`},
		{"missing colon", `[{"ServerId" "i-a"}]`},
		{"missing value", `[{"ServerId":}]`},
		{"unquoted key", `[{ServerId:"i-a"}]`},
		{"unquoted value", `[{"ServerId":i-a}]`},
		{"number key", `[{1:"i-a"}]`},
		{"trailing garbage", `[{"ServerId":"i-a"}]x`},
		{"trailing bracket", `[{"ServerId":"i-a"}]]`},
		{"two arrays", `[][]`},
		{"top-level object", `{"ServerId":"i-a"}`},
		{"top-level string", `"i-a"`},
		{"top-level number", `1`},
		{"top-level null", `null`},
		{"top-level true", `true`},
		{"bare id", `i-a`},
		{"unterminated array", `[{"ServerId":"i-a"}`},
		{"unterminated object", `[{"ServerId":"i-a"`},
		{"only an open bracket", `[`},
		{"unterminated double-quoted string", `[{"ServerId":"i-a}]`},
		{"unterminated single-quoted string", `[{'ServerId':'i-a}]`},
		{"quotes do not pair across kinds", `[{"ServerId':'i-a"}]`},
		{"bad escape", `[{"ServerId":"i-\x"}]`},
		{"escape at the end", `[{"ServerId":"i-\`},
		{"short unicode escape", `[{"ServerId":"i-\u12"}]`},
		{"non-hex unicode escape", `[{"ServerId":"i-\uZZZZ"}]`},
		{"signed unicode escape", `[{"ServerId":"i-\u+123"}]`},
		{"surrogate then a bad escape", `[{"ServerId":"i-\ud83d\uZZZZ"}]`},
		{"raw newline in string", "[{\"ServerId\":\"i-\na\"}]"},
		{"raw tab in string", "[{\"ServerId\":\"i-\ta\"}]"},
		{"invalid UTF-8 in string", "[{\"ServerId\":\"i-\xff\"}]"},
		{"invalid UTF-8 outside strings", "[\xff]"},
		{"bad number", `[{"ServerId":"i-a","Weight":1-2}]`},
		{"bare minus", `[{"ServerId":"i-a","Weight":-}]`},
		{"bad literal", `[{"ServerId":"i-a","Weight":nul}]`},
		{"literal with a tail", `[{"ServerId":"i-a","Weight":nullx}]`},
		{"capitalised literal", `[{"ServerId":"i-a","Weight":NULL}]`},
		{"nested too deep", "[" + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "]"},
		{"NUL byte", "[\x00]"},
		{"comment", `[/* c */{"ServerId":"i-a"}]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			requireParseErr(t, tc.in, errInvalid)
		})
	}
}

func TestValidateDescription(t *testing.T) {
	t.Parallel()
	require.Nil(t, model.ValidateDescription(""))
	require.Nil(t, model.ValidateDescription("a"))
	require.Nil(t, model.ValidateDescription("负载均衡-后端_01/x.y"))
	require.Nil(t, model.ValidateDescription(strings.Repeat("x", 80)))
	e := model.ValidateDescription(strings.Repeat("x", 81))
	require.NotNil(t, e)
	require.Equal(t, model.Code("InvalidParameterLength"), e.Code)
	e = model.ValidateDescription("a b")
	require.NotNil(t, e)
	require.Equal(t, model.Code("InvalidParameter"), e.Code)
}

func TestBackendServerSpecGroupKey(t *testing.T) {
	t.Parallel()
	require.Equal(t, model.GroupKey{ServerId: "i-a", Port: 80},
		model.BackendServerSpec{ServerId: "i-a", Type: model.ServerECS, ServerIp: "10.0.0.1", Port: 80}.GroupKey(),
		"an ecs identity ignores ServerIp")
	require.Equal(t, model.GroupKey{ServerId: "eni-a", Port: 80, ServerIp: "10.0.0.1"},
		model.BackendServerSpec{ServerId: "eni-a", Type: model.ServerENI, ServerIp: "10.0.0.1", Port: 80}.GroupKey())
	m := model.GroupBackend{ServerId: "eni-a", Port: 80, KeyIp: "10.0.0.1", ServerIp: "10.0.0.1"}
	require.Equal(t, model.GroupKey{ServerId: "eni-a", Port: 80, ServerIp: "10.0.0.1"}, m.GroupKey())
}

func TestValidVServerGroupName(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"a", "k8s/30080/web/default/c1234", "Group1", "组-1.a_b", strings.Repeat("a", 80), strings.Repeat("组", 80)} {
		require.True(t, model.ValidVServerGroupName(ok), ok)
	}
	for _, bad := range []string{"", strings.Repeat("a", 81), "a b", "a@b", "a:b", "名前"[:1]} {
		require.False(t, model.ValidVServerGroupName(bad), bad)
	}
}

func TestBackendServerSpecKey(t *testing.T) {
	t.Parallel()
	require.Equal(t, model.BackendKey{ServerId: "i-a"},
		model.BackendServerSpec{ServerId: "i-a", Type: model.ServerECS, ServerIp: "10.0.0.1"}.Key(),
		"an ecs identity ignores ServerIp")
	require.Equal(t, model.BackendKey{ServerId: "eni-a", ServerIp: "10.0.0.1"},
		model.BackendServerSpec{ServerId: "eni-a", Type: model.ServerENI, ServerIp: "10.0.0.1"}.Key())
	require.Equal(t, model.BackendKey{ServerId: "eci-a", ServerIp: "10.0.0.2"},
		model.BackendServerSpec{ServerId: "eci-a", Type: model.ServerECI, ServerIp: "10.0.0.2"}.Key())
}

// ---------------------------------------------------------------------------
// Property tests.

// descRunes are the characters a valid Description may hold, CJK included.
const descRunes = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/._后端服务器负载均衡"

// genSpec draws a valid element: the spec the parser must return, with
// defaults applied and WeightSet recording whether a Weight is rendered.
type genElem struct {
	spec     model.BackendServerSpec
	typeForm string // "absent", "null" or the type itself ("" is refused)
}

func drawSpec(t *rapid.T, label string) genElem {
	var g genElem
	g.spec.ServerId = rapid.StringMatching(`(i|eni|eci)-[0-9a-z]{1,22}`).Draw(t, label+".ServerId")
	g.typeForm = rapid.SampledFrom([]string{"absent", "null", "ecs", "eni", "eci"}).Draw(t, label+".Type")
	switch g.typeForm {
	case "eni", "eci":
		g.spec.Type = model.ServerType(g.typeForm)
	default:
		g.spec.Type = model.ServerECS
	}
	g.spec.Weight = model.DefaultWeight
	if rapid.Bool().Draw(t, label+".WeightSet") {
		g.spec.Weight, g.spec.WeightSet = rapid.IntRange(0, model.MaxWeight).Draw(t, label+".Weight"), true
	}
	if rapid.Bool().Draw(t, label+".HasIp") {
		b := rapid.SliceOfN(rapid.Byte(), 4, 4).Draw(t, label+".Ip")
		g.spec.ServerIp = fmt.Sprintf("%d.%d.%d.%d", b[0], b[1], b[2], b[3])
	}
	if rapid.Bool().Draw(t, label+".HasDescription") {
		g.spec.Description = rapid.StringOfN(rapid.RuneFrom([]rune(descRunes)), 1, model.MaxDescriptionLength, -1).Draw(t, label+".Description")
	}
	return g
}

// renderer writes values with random quoting, whitespace and escapes.
type renderer struct{ t *rapid.T }

func (r renderer) ws() string {
	return rapid.StringOfN(rapid.RuneFrom([]rune(" \t\r\n")), 0, 3, -1).Draw(r.t, "ws")
}

func (r renderer) str(s string) string {
	q := rapid.SampledFrom([]string{`"`, `'`}).Draw(r.t, "quote")
	var b strings.Builder
	b.WriteString(q)
	for _, c := range s {
		switch {
		case string(c) == q || c == '\\':
			b.WriteString(`\` + string(c))
		case c == '/' && rapid.Bool().Draw(r.t, "escapeSlash"):
			b.WriteString(`\/`)
		case c < 0x10000 && rapid.IntRange(0, 9).Draw(r.t, "unicodeEscape") == 0:
			fmt.Fprintf(&b, `\u%04x`, c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteString(q)
	return b.String()
}

// member renders a key and its value; the key in the case the parser
// reads (as given), all lower or all upper case: keys match regardless of
// case.
func (r renderer) member(key, value string) string {
	switch rapid.IntRange(0, 3).Draw(r.t, "keyCase") {
	case 0:
		key = strings.ToLower(key)
	case 1:
		key = strings.ToUpper(key)
	}
	return r.ws() + r.str(key) + r.ws() + ":" + r.ws() + value + r.ws()
}

func (r renderer) element(g genElem) string {
	var members []string
	members = append(members, r.member("ServerId", r.str(g.spec.ServerId)))
	switch g.typeForm {
	case "absent":
	case "null":
		members = append(members, r.member("Type", "null"))
	default:
		members = append(members, r.member("Type", r.str(g.typeForm)))
	}
	if g.spec.WeightSet {
		w := strconv.Itoa(g.spec.Weight)
		if rapid.Bool().Draw(r.t, "weightAsString") {
			w = r.str(w)
		}
		members = append(members, r.member("Weight", w))
	} else if rapid.Bool().Draw(r.t, "weightNull") {
		members = append(members, r.member("Weight", "null"))
	}
	if g.spec.ServerIp != "" {
		members = append(members, r.member("ServerIp", r.str(g.spec.ServerIp)))
	}
	if g.spec.Description != "" {
		members = append(members, r.member("Description", r.str(g.spec.Description)))
	}
	extras := []string{
		r.member("Port", "80"),
		r.member("Port", r.str("443")),
		r.member("VServerGroupId", r.str("rsp-x")),
		r.member("Tags", "{"+r.member("k", "[1, -2.5e3, true, false, null]")+"}"),
		r.member("Unknown", "null"),
		r.member("TargetRef", "{"+r.member("kind", r.str("Pod"))+","+r.member("name", r.str("web-0"))+"}"),
		r.member("NodeName", "null"),
		r.member("IsUserManaged", "false"),
	}
	for _, x := range extras {
		if rapid.IntRange(0, 3).Draw(r.t, "extra") == 0 {
			members = append(members, x)
		}
	}
	members = rapid.Permutation(members).Draw(r.t, "order")
	return r.ws() + "{" + strings.Join(members, ",") + "}" + r.ws()
}

func TestPropertyValidSpecsRoundTrip(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, model.MaxBackendServersPerCall).Draw(t, "n")
		r := renderer{t}
		var want []model.BackendServerSpec
		var elems []string
		for i := 0; i < n; i++ {
			g := drawSpec(t, fmt.Sprintf("e%d", i))
			want = append(want, g.spec)
			elems = append(elems, r.element(g))
		}
		in := r.ws() + "[" + strings.Join(elems, ",") + r.ws() + "]" + r.ws()
		got, e := model.ParseBackendServers(in)
		require.Nil(t, e, "input %q", in)
		if n == 0 {
			require.Empty(t, got)
			return
		}
		require.Equal(t, want, got, "input %q", in)
	})
}

// TestPropertyValidGroupSpecsRoundTrip: valid vServer group elements, with
// a Port as a number or a string and the keys in any case, parse back to
// their specs.
func TestPropertyValidGroupSpecsRoundTrip(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, model.MaxGroupBackendServersPerCall).Draw(t, "n")
		r := renderer{t}
		var want []model.BackendServerSpec
		var elems []string
		for i := 0; i < n; i++ {
			g := drawSpec(t, fmt.Sprintf("e%d", i))
			g.spec.Port = rapid.IntRange(model.MinPort, model.MaxPort).Draw(t, fmt.Sprintf("e%d.Port", i))
			p := strconv.Itoa(g.spec.Port)
			if rapid.Bool().Draw(t, "portAsString") {
				p = r.str(p)
			}
			want = append(want, g.spec)
			// The Port goes last: the element's extra keys may carry a Port
			// of their own, and the last value given counts.
			el := r.element(g)
			end := strings.LastIndex(el, "}")
			el = el[:end] + "," + r.member("Port", p) + el[end:]
			elems = append(elems, el)
		}
		in := "[" + strings.Join(elems, ",") + "]"
		got, e := model.ParseGroupBackendServers(in)
		require.Nil(t, e, "input %q", in)
		if n == 0 {
			require.Empty(t, got)
			return
		}
		require.Equal(t, want, got, "input %q", in)
	})
}

// syntaxTokens are the pieces of which near-valid BackendServers values are
// built, so that random strings reach deep into the parser.
func syntaxTokens() []string {
	return []string{
		"[", "]", "{", "}", ",", ":", `"`, `'`, `\`, `\u`, `\'`, " ", "\n",
		`"ServerId"`, `'ServerId'`, `"Weight"`, `'Type'`, `"ServerIp"`, `"Description"`, `"Port"`,
		`"i-a"`, `'eni-b'`, `"ecs"`, `"eni"`, `"10.0.0.1"`, `"100"`, "100", "101", "-1", "1.5", "1e2",
		"null", "true", "false", "0041", "服", "\xff", "\x00",
	}
}

func arbitraryInput() *rapid.Generator[string] {
	tokens := rapid.Map(rapid.SliceOfN(rapid.SampledFrom(syntaxTokens()), 0, 60),
		func(ts []string) string { return strings.Join(ts, "") })
	return rapid.OneOf(rapid.String(), rapid.StringN(0, 200, -1), tokens)
}

func TestPropertyParseNeverPanics(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		in := arbitraryInput().Draw(t, "in")
		require.NotPanics(t, func() { _, _ = model.ParseBackendServers(in) }, "input %q", in)
	})
}

func TestPropertyParseErrorsAreDocumented(t *testing.T) {
	t.Parallel()
	documented := map[model.Code]wantErr{errInvalid.code: errInvalid, errTooMany.code: errTooMany, errLength.code: errLength}
	rapid.Check(t, func(t *rapid.T) {
		in := arbitraryInput().Draw(t, "in")
		specs, e := model.ParseBackendServers(in)
		if e == nil {
			checkSpecs(t, in, specs)
			return
		}
		require.Nil(t, specs)
		want, ok := documented[e.Code]
		require.True(t, ok, "input %q: undocumented code %q", in, e.Code)
		require.Equal(t, want.status, e.HTTPStatus)
		require.Equal(t, want.msg, e.Message)
	})
}

// checkSpecs asserts the field rules every successfully parsed spec obeys.
func checkSpecs(t require.TestingT, in string, specs []model.BackendServerSpec) {
	require.LessOrEqual(t, len(specs), model.MaxBackendServersPerCall, "input %q", in)
	for _, s := range specs {
		require.NotEmpty(t, strings.TrimSpace(s.ServerId), "input %q", in)
		require.Contains(t, []model.ServerType{model.ServerECS, model.ServerENI, model.ServerECI}, s.Type, "input %q", in)
		require.GreaterOrEqual(t, s.Weight, 0, "input %q", in)
		require.LessOrEqual(t, s.Weight, model.MaxWeight, "input %q", in)
		if !s.WeightSet {
			require.Equal(t, model.DefaultWeight, s.Weight, "input %q", in)
		}
		require.LessOrEqual(t, utf8.RuneCountInString(s.Description), model.MaxDescriptionLength, "input %q", in)
		require.Nil(t, model.ValidateDescription(s.Description), "input %q", in)
		if s.ServerIp != "" {
			require.Regexp(t, `^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$`, s.ServerIp, "input %q", in)
		}
	}
}
