package model_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// FuzzParseBackendServers checks the parser's invariants on any input: it
// never panics; it returns specs or an error, never both; an error is one of
// the three documented codes; specs obey the field rules; and specs rendered
// again as strict JSON parse back to themselves.
//
//	go test -run=^$ -fuzz=FuzzParseBackendServers -fuzztime=60s ./model/
func FuzzParseBackendServers(f *testing.F) {
	for _, seed := range []string{
		``,
		`[]`,
		` [ ] `,
		`[{"ServerId":"i-2zej4lxhjoq1icue6kup","Weight":"100"},{"ServerId":"i-2ze1u9ywulp5pbvvc7hv","Weight":"100"}]`,
		`[{'ServerId':'i-x','Weight':'100', 'Type': 'ecs'}]`,
		`[{"ServerId":"i-a","Weight":50,"Port":80}]`,
		`[{"ServerId":"eni-a","Type":"eni","ServerIp":"192.168.1.5","Weight":"0"}]`,
		`[{"ServerId":"i-a","Weight":null,"Type":null,"ServerIp":null,"Description":null}]`,
		`[{"ServerId":"i-a","Description":"后端服务器-01/a.b_c"}]`,
		`[{"ServerId":"i-a","Description":"` + strings.Repeat("a", 81) + `"}]`,
		`[{"ServerId":"i-a","Weight":101}]`,
		`[{"ServerId":"i-a","Weight":1.5}]`,
		`[{"ServerId":"i-a","Type":"vm"}]`,
		`[{"ServerId":"i-\u0061\/\'b"}]`,
		`[{'ServerId':'it\'s'}]`,
		`[{"ServerId":"i-😀","Description":"服务器"}]`,
		`[{"ServerId":"i-\ud83d\ude00"}]`,
		`[{"ServerId":"\"0000"}]`,
		`[{"ServerId":"i-a"},]`,
		`[{ServerId:"i-a"}]`,
		`{"ServerId":"i-a"}`,
		`[{"ServerId":"i-a"}]garbage`,
		`[{"ServerId":"i-a`,
		`[{"ServerId":"i-\x"}]`,
		`[{"ServerId":"i-a","Extra":{"x":[1,-2.5e3,true,false,null]}}]`,
		`[{"IsUserManaged":false,"NodeName":null,"TargetRef":{"kind":"Pod"},"serverId":"i-a","port":30080,"weight":100,"type":"ecs","description":"k8s/30080/web/default/c1"}]`,
		`[{"SERVERID":"i-a","serverid":"i-b","Weight":1,"weight":null}]`,
		elements(20),
		elements(21),
		"[" + strings.Repeat("[", 33) + strings.Repeat("]", 33) + "]",
	} {
		f.Add(seed)
	}
	documented := map[model.Code]bool{"InvalidParameter": true, "TooManyBackendServers": true, "InvalidParameterLength": true}
	f.Fuzz(func(t *testing.T, in string) {
		specs, e := model.ParseBackendServers(in)
		if e != nil {
			require.Nil(t, specs, "specs beside an error")
			require.True(t, documented[e.Code], "undocumented code %q", e.Code)
			require.Equal(t, 400, e.HTTPStatus)
			return
		}
		checkSpecs(t, in, specs)
		if len(specs) == 0 {
			return
		}

		// Round trip: the specs, rendered as strict JSON, parse back to themselves.
		type elem struct {
			ServerId    string
			Type        string
			Weight      *int   `json:",omitempty"`
			ServerIp    string `json:",omitempty"`
			Description string `json:",omitempty"`
		}
		var out []elem
		for _, s := range specs {
			el := elem{ServerId: s.ServerId, Type: string(s.Type), ServerIp: s.ServerIp, Description: s.Description}
			if s.WeightSet {
				w := s.Weight
				el.Weight = &w
			}
			out = append(out, el)
		}
		raw, err := json.Marshal(out)
		require.NoError(t, err)
		again, e := model.ParseBackendServers(string(raw))
		require.Nil(t, e, "re-rendered %s", raw)
		require.Equal(t, specs, again, "re-rendered %s", raw)

		// The same in single quotes with every non-ASCII character escaped.
		ascii := singleQuotedASCII(string(raw))
		again, e = model.ParseBackendServers(ascii)
		require.Nil(t, e, "re-rendered %s", ascii)
		require.Equal(t, specs, again, "re-rendered %s", ascii)
	})
}

// singleQuotedASCII rewrites strict JSON in the other form the lenient
// parser accepts: strings in single quotes, every non-ASCII character as a
// \u escape (a surrogate pair beyond the BMP), quotes inside strings as
// \u0022 and \u0027.
func singleQuotedASCII(js string) string {
	var b strings.Builder
	inString, escaped := false, false
	for _, r := range js {
		switch {
		case escaped:
			escaped = false
			if r == '"' {
				b.WriteString(`u0022`)
			} else {
				b.WriteRune(r)
			}
		case inString && r == '\\':
			escaped = true
			b.WriteRune(r)
		case r == '"':
			inString = !inString
			b.WriteByte('\'')
		case r == '\'':
			b.WriteString(`\u0027`)
		case r < 0x80:
			b.WriteRune(r)
		case r > 0xFFFF:
			hi, lo := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// FuzzParseGroupBackendServers checks the vServer group parser's invariants
// on any input: never a panic; specs or an error, never both; an error is a
// documented 400; specs obey the field rules, carry a Port in 1..65535, and
// parse back to themselves from strict JSON with lower-case keys.
//
//	go test -run=^$ -fuzz=FuzzParseGroupBackendServers -fuzztime=60s ./model/
func FuzzParseGroupBackendServers(f *testing.F) {
	for _, seed := range []string{
		``, `[]`,
		`[{'ServerId':'vm-233','Port':'80','Weight':'100'}]`,
		`[{"IsUserManaged":false,"NodeName":null,"TargetRef":{"kind":"Pod"},"serverId":"i-a","port":30080,"weight":100,"type":"ecs"}]`,
		`[{"ServerId":"eni-a","Type":"eni","ServerIp":"192.168.1.5","Port":443}]`,
		`[{"ServerId":"i-a"}]`, `[{"ServerId":"i-a","Port":0}]`, `[{"ServerId":"i-a","Port":"65536"}]`,
		groupElements(40), groupElements(41),
	} {
		f.Add(seed)
	}
	documented := map[model.Code]bool{"InvalidParameter": true, "TooManyBackendServers": true, "InvalidParameterLength": true}
	f.Fuzz(func(t *testing.T, in string) {
		specs, e := model.ParseGroupBackendServers(in)
		if e != nil {
			require.Nil(t, specs, "specs beside an error")
			require.True(t, documented[e.Code], "undocumented code %q", e.Code)
			require.Equal(t, 400, e.HTTPStatus)
			return
		}
		require.LessOrEqual(t, len(specs), model.MaxGroupBackendServersPerCall)
		type elem struct {
			ServerId    string `json:"serverId"`
			Port        int    `json:"port"`
			Type        string `json:"type"`
			Weight      *int   `json:"weight,omitempty"`
			ServerIp    string `json:"serverIp,omitempty"`
			Description string `json:"description,omitempty"`
		}
		var out []elem
		for _, s := range specs {
			require.GreaterOrEqual(t, s.Port, model.MinPort)
			require.LessOrEqual(t, s.Port, model.MaxPort)
			el := elem{ServerId: s.ServerId, Port: s.Port, Type: string(s.Type), ServerIp: s.ServerIp, Description: s.Description}
			if s.WeightSet {
				w := s.Weight
				el.Weight = &w
			}
			out = append(out, el)
		}
		if len(out) == 0 {
			return
		}
		raw, err := json.Marshal(out)
		require.NoError(t, err)
		again, e := model.ParseGroupBackendServers(string(raw))
		require.Nil(t, e, "re-rendered %s", raw)
		require.Equal(t, specs, again, "re-rendered %s", raw)
	})
}
