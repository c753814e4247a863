package slbrapid

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slbfake/slbfake/model"
	"pgregory.net/rapid"
)

// BackendServers strings of the vServer group calls: every element carries
// a Port (model.ParseGroupBackendServers), and a call takes up to 40.

// drawPort draws one of ports, or any valid port when ports is empty.
func drawPort(t *rapid.T, ports []int) int {
	if len(ports) == 0 {
		return rapid.IntRange(model.MinPort, model.MaxPort).Draw(t, "port")
	}
	return ports[rapid.IntRange(0, len(ports)-1).Draw(t, "portIndex")]
}

// groupElement draws the members of a valid group element naming id on
// port: a valid default-group element (validElement) without any Port key
// of its own, with Port as a number or a numeric string.
func (w *bsWriter) groupElement(id string, port int) []elemField {
	fields := withoutKey(w.validElement(id), "Port")
	value := strconv.Itoa(port)
	if !w.plain && rapid.Bool().Draw(w.t, "portAsString") {
		value = `"` + value + `"`
	}
	fields = append(fields, elemField{"Port", value})
	if !w.plain {
		fields = rapid.Permutation(fields).Draw(w.t, "groupKeyOrder")
	}
	return fields
}

// withoutKey drops the members whose key is key in any case.
func withoutKey(fields []elemField, key string) []elemField {
	out := fields[:0:0]
	for _, f := range fields {
		if !strings.EqualFold(f.key, key) {
			out = append(out, f)
		}
	}
	return out
}

// GroupBackendServers draws valid BackendServers parameters of the vServer
// group calls naming only ids, each element on one of ports (any port
// 1..65535 when ports is empty): 1 to 40 elements in the forms
// BackendServers draws, with Port as a number or a numeric string; or, now
// and then, an empty list. Every draw parses with
// model.ParseGroupBackendServers. With no ids, only empty lists are drawn.
func GroupBackendServers(ids []string, ports []int) *rapid.Generator[string] {
	ids, ports = append([]string(nil), ids...), append([]int(nil), ports...)
	return rapid.Custom(func(t *rapid.T) string {
		if len(ids) == 0 || rapid.Bool().Draw(t, "emptyList") {
			return rapid.SampledFrom([]string{"[]", "", " [ ] "}).Draw(t, "empty")
		}
		w := &bsWriter{t: t}
		n := rapid.IntRange(1, model.MaxGroupBackendServersPerCall).Draw(t, "elements")
		w.array(n, func(int) {
			w.object(w.groupElement(ids[rapid.IntRange(0, len(ids)-1).Draw(t, "serverIndex")], drawPort(t, ports)))
		})
		return w.b.String()
	})
}

// badPorts are Port members that make a group element invalid ("" key: no
// Port at all).
var badPorts = []elemField{
	{"", ""}, {"Port", "null"}, {"Port", "0"}, {"Port", "65536"}, {"Port", "-1"}, {"Port", `"abc"`},
	{"Port", "80.5"}, {"Port", `""`}, {"Port", "true"}, {"Port", "[80]"}, {"port", `"8o"`},
}

// MalformedGroupBackendServers draws BackendServers parameters of the
// vServer group calls that model.ParseGroupBackendServers refuses: one
// element with a bad Port (none, null, 0, 65536, not an integer) or
// another bad field among good ones, more than 40 elements, or what
// MalformedBackendServers draws.
func MalformedGroupBackendServers() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		switch rapid.IntRange(0, 3).Draw(t, "malformedGroupKind") {
		case 0, 1:
			w := &bsWriter{t: t}
			n := rapid.IntRange(1, model.MaxGroupBackendServersPerCall).Draw(t, "elements")
			bad := rapid.IntRange(0, n-1).Draw(t, "badElement")
			portBad := rapid.Bool().Draw(t, "badPort")
			w.array(n, func(i int) {
				fields := w.groupElement(malformedIds[rapid.IntRange(0, len(malformedIds)-1).Draw(t, "serverIndex")], drawPort(t, memberPorts))
				if i == bad {
					if portBad {
						fields = withoutKey(fields, "Port")
						if f := rapid.SampledFrom(badPorts).Draw(t, "badPortField"); f.key != "" {
							fields = append(fields, f)
						}
					} else {
						fields = spoil(fields, rapid.SampledFrom(badFields).Draw(t, "badField"))
					}
				}
				w.object(fields)
			})
			return w.b.String()
		case 2:
			w := &bsWriter{t: t, plain: rapid.Bool().Draw(t, "plain")}
			n := rapid.IntRange(model.MaxGroupBackendServersPerCall+1, model.MaxGroupBackendServersPerCall+5).Draw(t, "elements")
			w.array(n, func(i int) {
				w.object(w.groupElement(malformedIds[i%2], memberPorts[i%len(memberPorts)]))
			})
			return w.b.String()
		default:
			return MalformedBackendServers().Draw(t, "defaultGroupForm")
		}
	})
}

// CloudControllerBackendServers draws BackendServers parameters of the
// vServer group calls as the Kubernetes cloud controller marshals them
// (its backend struct through encoding/json): 1 to 40 elements, each with
// the keys IsUserManaged, NodeName (null, or a node name), TargetRef (an
// object, or null), then the lower-case serverId, serverIp (empty),
// port (one of ports; any when empty), weight, type (eni for IDs starting
// with eni-, else ecs) and description (k8s/<port>/<service>/<namespace>/<cluster>),
// without white space. Every draw parses with
// model.ParseGroupBackendServers (unknown keys are ignored, keys matched
// in any case); ids must not be empty.
func CloudControllerBackendServers(ids []string, ports []int) *rapid.Generator[string] {
	ids, ports = append([]string(nil), ids...), append([]int(nil), ports...)
	if len(ids) == 0 {
		panic("slbrapid: CloudControllerBackendServers needs server IDs")
	}
	return rapid.Custom(func(t *rapid.T) string {
		n := rapid.IntRange(1, model.MaxGroupBackendServersPerCall).Draw(t, "elements")
		elems := make([]string, n)
		for i := range elems {
			id := ids[rapid.IntRange(0, len(ids)-1).Draw(t, "serverIndex")]
			port := drawPort(t, ports)
			typ := model.ServerECS
			if strings.HasPrefix(id, model.PrefixENI) {
				typ = model.ServerENI
			}
			node := "null"
			if rapid.Bool().Draw(t, "hasNodeName") {
				node = `"cn-hangzhou.192.168.0.` + strconv.Itoa(rapid.IntRange(1, 254).Draw(t, "node")) + `"`
			}
			ref := "null"
			if rapid.Bool().Draw(t, "hasTargetRef") {
				ref = fmt.Sprintf(`{"kind":"Pod","namespace":"default","name":"web-%d","uid":"%d","resourceVersion":"1"}`,
					rapid.IntRange(0, 9).Draw(t, "pod"), rapid.IntRange(1, 999).Draw(t, "uid"))
			}
			weight := rapid.SampledFrom([]int{model.DefaultWeight, 0, 50, 1}).Draw(t, "ccmWeight")
			elems[i] = fmt.Sprintf(`{"IsUserManaged":%t,"NodeName":%s,"TargetRef":%s,"serverId":%q,"serverIp":"","port":%d,"weight":%d,"type":%q,"description":"k8s/%d/web/default/c4f2a1b9"}`,
				rapid.Bool().Draw(t, "userManaged"), node, ref, id, port, weight, typ, port)
		}
		return "[" + strings.Join(elems, ",") + "]"
	})
}
