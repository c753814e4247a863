package refmodel

import (
	"strings"
	"testing"

	"github.com/slbfake/slbfake/model"
	"github.com/slbfake/slbfake/slbrapid"
	"pgregory.net/rapid"
)

// The model's reading of BackendServers (backendservers.go) and the engine's
// (model.ParseBackendServers) are two implementations of the fidelity table's
// rows; these tests compare them directly on the toolkit's generators and on
// edge cases, so that a disagreement is reported here as well as by the
// state machine.

func sameParse(t interface {
	Helper()
	Fatalf(string, ...any)
}, s string) {
	t.Helper()
	got, gotErr := parseBackendServers(s)
	want, wantErr := model.ParseBackendServers(s)
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%q: model error %v, engine error %v", s, gotErr, wantErr)
	}
	if gotErr != nil {
		if gotErr.Entry() != wantErr.Entry() {
			t.Fatalf("%q: model %s (%s), engine %s (%s)", s, gotErr.Entry(), gotErr.Message, wantErr.Entry(), wantErr.Message)
		}
		return
	}
	if len(got) != len(want) {
		t.Fatalf("%q: model reads %d elements, engine %d", s, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%q: element %d: model %+v, engine %+v", s, i, got[i], want[i])
		}
	}
}

func TestBackendServersReadingAgreesOnGenerators(t *testing.T) {
	ids := []string{"i-bp100000000000000001", "eni-bp10000000000000000001", "i-bp100000000000000002"}
	rapid.Check(t, func(t *rapid.T) {
		sameParse(t, slbrapid.AnyBackendServers(ids).Draw(t, "bs"))
	})
}

func TestBackendServersReadingEdgeCases(t *testing.T) {
	el := func(body string) string { return "{" + body + "}" }
	twenty := strings.Repeat(`{"ServerId":"i-1"},`, 20)
	cases := []string{
		"", " ", "\n\t", "[]", " [ ] ", "[", "]", "null", "{}", `"x"`, "[1]", "[null]", "[[]]", "[{}]",
		`[{"ServerId":"i-1"}]`, `[{'ServerId':'i-1'}]`, `[{'ServerId':"i-1"}]`, `[{"ServerId":"i-1'}]`,
		`[{"ServerId":"i-1"},]`, `[{"ServerId":"i-1"}] x`, `[{"ServerId":"i-1"} {"ServerId":"i-2"}]`,
		`[{"ServerId":"i-1","ServerId":"i-2"}]`, `[{"serverid":"i-1"}]`, `[{"ServerId":" "}]`, `[{"ServerId":" i-1"}]`,
		`[{"ServerId":null}]`, `[{"ServerId":1}]`, `[{'ServerId':'i-\'1'}]`, `[{'ServerId':'i-"1'}]`, `[{"ServerId":"i-\'1"}]`,
		`[{"ServerId":"i-\u0031"}]`, `[{"ServerId":"i-\x"}]`, "[{\"ServerId\":\"i-\n1\"}]", "[{\"ServerId\":\"i-\xff\"}]",
		"[{\"ServerId\":\"i-1", "[{'ServerId':'i-1", `[{"ServerId":"i-1\`,
		"[" + el(`"ServerId":"i-1","Weight":0`) + "]", "[" + el(`"ServerId":"i-1","Weight":100`) + "]",
		"[" + el(`"ServerId":"i-1","Weight":101`) + "]", "[" + el(`"ServerId":"i-1","Weight":-1`) + "]",
		"[" + el(`"ServerId":"i-1","Weight":-0`) + "]", "[" + el(`"ServerId":"i-1","Weight":"+5"`) + "]",
		"[" + el(`"ServerId":"i-1","Weight":" 5"`) + "]", "[" + el(`"ServerId":"i-1","Weight":1e2`) + "]",
		"[" + el(`"ServerId":"i-1","Weight":50.0`) + "]", "[" + el(`"ServerId":"i-1","Weight":"50"`) + "]",
		"[" + el(`"ServerId":"i-1","Weight":null`) + "]", "[" + el(`"ServerId":"i-1","Weight":true`) + "]",
		"[" + el(`"ServerId":"i-1","Weight":""`) + "]", "[" + el(`"ServerId":"i-1","Weight":"007"`) + "]",
		"[" + el(`"ServerId":"i-1","Type":"eni"`) + "]", "[" + el(`"ServerId":"i-1","Type":"eci"`) + "]",
		"[" + el(`"ServerId":"i-1","Type":"ECS"`) + "]", "[" + el(`"ServerId":"i-1","Type":null`) + "]",
		"[" + el(`"ServerId":"i-1","Type":1`) + "]", "[" + el(`"ServerId":"i-1","Type":""`) + "]",
		"[" + el(`"ServerId":"i-1","Description":""`) + "]",
		"[" + el(`"ServerId":"i-1","ServerIp":"10.0.0.1"`) + "]", "[" + el(`"ServerId":"i-1","ServerIp":""`) + "]",
		"[" + el(`"ServerId":"i-1","ServerIp":"010.0.0.1"`) + "]", "[" + el(`"ServerId":"i-1","ServerIp":"::1"`) + "]",
		"[" + el(`"ServerId":"i-1","ServerIp":"::ffff:10.0.0.1"`) + "]", "[" + el(`"ServerId":"i-1","ServerIp":"256.0.0.1"`) + "]",
		"[" + el(`"ServerId":"i-1","ServerIp":null`) + "]", "[" + el(`"ServerId":"i-1","ServerIp":7`) + "]",
		"[" + el(`"ServerId":"i-1","Description":"web-1"`) + "]", "[" + el(`"ServerId":"i-1","Description":"后端"`) + "]",
		"[" + el(`"ServerId":"i-1","Description":"café"`) + "]", "[" + el(`"ServerId":"i-1","Description":"a b"`) + "]",
		"[" + el(`"ServerId":"i-1","Description":"`+strings.Repeat("d", 80)+`"`) + "]",
		"[" + el(`"ServerId":"i-1","Description":"`+strings.Repeat("d", 81)+`"`) + "]",
		"[" + el(`"ServerId":"i-1","Description":"`+strings.Repeat("d", 80)+`!"`) + "]",
		"[" + el(`"ServerId":"i-1","Weight":500,"Description":"`+strings.Repeat("d", 81)+`"`) + "]",
		"[" + el(`"ServerId":"i-1","Description":null`) + "]", "[" + el(`"ServerId":"i-1","Description":3`) + "]",
		"[" + el(`"ServerId":"i-1","Port":80,"Extra":{"a":[1,{"b":null}]}`) + "]",
		"[" + twenty + `{"ServerId":"i-21"}]`, "[" + strings.TrimSuffix(twenty, ",") + "]",
		"[" + twenty + `{"ServerId":"i-21"}, garbage`, "[" + twenty + `{"ServerId":`, "[" + twenty + "]",
		"[" + twenty + `{"ServerId":"i-21"} x]`, "[" + twenty + `{"Weight":500}]`,
		"[" + strings.Repeat(`{"ServerId":"i-1","Weight":500},`, 21) + "]",
		"[" + el(`"ServerId":"i-1"`) + "," + el(`"ServerId":"i-2","Weight":"x"`) + "," + el(`"Description":"`+strings.Repeat("d", 81)+`"`) + "]",
		`[{"ServerId":"i-1"}]` + strings.Repeat(" ", 70000),
	}
	for _, s := range cases {
		sameParse(t, s)
	}
}

// sameGroupParse is sameParse for the vServer group form (Port required,
// 40 elements).
func sameGroupParse(t interface {
	Helper()
	Fatalf(string, ...any)
}, s string) {
	t.Helper()
	got, gotErr := parseGroupBackendServers(s)
	want, wantErr := model.ParseGroupBackendServers(s)
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%q: model error %v, engine error %v", s, gotErr, wantErr)
	}
	if gotErr != nil {
		if gotErr.Entry() != wantErr.Entry() {
			t.Fatalf("%q: model %s (%s), engine %s (%s)", s, gotErr.Entry(), gotErr.Message, wantErr.Entry(), wantErr.Message)
		}
		return
	}
	if len(got) != len(want) {
		t.Fatalf("%q: model reads %d elements, engine %d", s, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%q: element %d: model %+v, engine %+v", s, i, got[i], want[i])
		}
	}
}

func TestGroupBackendServersReadingEdgeCases(t *testing.T) {
	el := func(body string) string { return "[{" + body + "}]" }
	forty := strings.Repeat(`{"ServerId":"i-1","Port":80},`, 40)
	cases := []string{
		"", "[]", `[{"ServerId":"i-1"}]`, el(`"ServerId":"i-1","Port":80`), el(`"ServerId":"i-1","Port":"80"`),
		el(`"serverId":"i-1","port":30080,"weight":100,"type":"ecs","description":"k8s/30080/web/default/c1","IsUserManaged":false,"NodeName":null,"TargetRef":{"kind":"Node"}`),
		el(`"ServerId":"i-1","Port":0`), el(`"ServerId":"i-1","Port":1`), el(`"ServerId":"i-1","Port":65535`), el(`"ServerId":"i-1","Port":65536`),
		el(`"ServerId":"i-1","Port":-1`), el(`"ServerId":"i-1","Port":80.5`), el(`"ServerId":"i-1","Port":""`), el(`"ServerId":"i-1","Port":null`),
		el(`"ServerId":"i-1","Port":true`), el(`"ServerId":"i-1","Port":[80]`), el(`"ServerId":"i-1","Port":"+80"`),
		el(`"Port":80`), el(`"ServerId":"i-1","Type":"vm"`), el(`"ServerId":"i-1","Port":80,"Type":"vm"`),
		el(`"ServerId":"i-1","Port":80,"PORT":81`), el(`"ServerId":"i-1","Port":80,"port":null`),
		el(`"ServerId":"i-1","Weight":101`), el(`"ServerId":"i-1","Port":80,"Weight":101`),
		"[" + forty + `{"ServerId":"i-1","Port":80}]`, "[" + strings.TrimSuffix(forty, ",") + "]",
		"[" + forty + `{"ServerId":"i-1"} x]`,
	}
	for _, s := range cases {
		sameGroupParse(t, s)
	}
}
