package fake_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// fuzzWorld is a small world the Handler fuzz acts on: a VPC LB with a
// spec, two Running instances (one attached), an internet LB and an ENI on
// the first instance, a tagged vServer group of the VPC LB with the first
// instance on port 80 and a TCP listener on it, so that fuzzed IDs can hit
// real resources.
type fuzzWorld struct {
	*world
	ids []string
}

var fuzzStart = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

func newFuzzWorld(t *testing.T) *fuzzWorld {
	w := newWorldAt(t, fuzzStart, fake.WithSeed(21), fake.WithBackendQuota(3))
	vpc := w.vpc("192.168.0.0/16")
	vsw := w.vswitch(vpc, "192.168.1.0/24", "")
	a, b := w.inVpc(vsw), w.inVpc(vsw)
	eni := w.eni(vsw, a, 1)
	lb := w.vpcLB(vsw, "slb.s1.small")
	internet := w.internetLB()
	w.mustAdd(lb, `[{"ServerId":"`+a+`"}]`)
	g := w.group(lb, onPort(80, a))
	_, err := w.c.CreateLoadBalancerTCPListener(w.ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
		RegionId: w.region, LoadBalancerId: lb, ListenerPort: 80, VServerGroupId: g, Bandwidth: -1, Tag: []model.Tag{{Key: "k", Value: "v"}}}})
	require.NoError(t, err)
	_, err = w.c.TagResources(w.ctx, &model.TagResourcesRequest{RegionId: w.region, ResourceType: "vservergroup", ResourceId: []string{g}, Tag: []model.Tag{{Key: "k", Value: "v"}}})
	require.NoError(t, err)
	return &fuzzWorld{world: w, ids: []string{a, b, eni.NetworkInterfaceId, lb, internet, vpc.VpcId, vsw.VSwitchId, g}}
}

// expand replaces $0..$7 in a fuzzed value with the world's IDs, so that the
// fuzzer reaches the engine's rules and not only "not found".
func (w *fuzzWorld) expand(s string) string {
	for i := len(w.ids) - 1; i >= 0; i-- {
		s = strings.ReplaceAll(s, "$"+string(rune('0'+i)), w.ids[i])
	}
	return s
}

// FuzzHandler drives the whole Handler: raw HTTP requests (mode 0; the admin
// endpoint included), and correctly signed Signature V1 (mode 1) and V3
// (mode 2) requests of a table action with fuzzed parameters. Every answer
// must be a well-formed success or API error (or the bare 413/414 of an
// oversized request, or an admin answer), every API error a catalogue entry
// with its status, and the world's invariants must hold afterwards.
func FuzzHandler(f *testing.F) {
	f.Add(uint8(0), uint8(0), "GET /?Action=DescribeVpcs&Version=2016-04-28 HTTP/1.1\r\nHost: x\r\n\r\n", "", "", "", "")
	f.Add(uint8(0), uint8(0), "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\nAction=%%", "", "", "", "")
	f.Add(uint8(0), uint8(0), "GET /_slbfake/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "", "", "", "")
	f.Add(uint8(0), uint8(0), "PUT /_slbfake/faults HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n[]", "", "", "", "")
	f.Add(uint8(0), uint8(0), "POST / HTTP/1.1\r\nHost: x\r\nAuthorization: ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=0\r\n\r\n", "", "", "", "")
	f.Add(uint8(1), uint8(5), "", "LoadBalancerId", "$3", "BackendServers", `[{"ServerId":"$1","Weight":"50"}]`)
	f.Add(uint8(2), uint8(5), "", "LoadBalancerId", "$3", "BackendServers", `[{"ServerId":"$2","Type":"eni","ServerIp":"x"}]`)
	f.Add(uint8(1), uint8(6), "", "LoadBalancerId", "$3", "BackendServers", `[{"ServerId":"$0"}]`)
	f.Add(uint8(2), uint8(7), "", "LoadBalancerId", "$3", "BackendServers", `[{'ServerId':'$0','Weight':0}]`)
	f.Add(uint8(1), uint8(12), "", "InstanceId", "$1", "Force", "true")
	f.Add(uint8(2), uint8(0), "", "VSwitchId", "$6", "AddressType", "intranet")
	f.Add(uint8(1), uint8(3), "", "PageSize", "100", "PageNumber", "-1")
	f.Add(uint8(2), uint8(11), "", "InstanceIds", `["$0","$1"]`, "Format", "XML")
	f.Add(uint8(1), uint8(21), "", "CidrBlock", "192.168.1.0/24", "VpcId", "$5")
	// The vServer group, listener and tag actions, by name (the index of an
	// action moves as the table grows).
	for _, seed := range []struct{ action, k1, v1, k2, v2 string }{
		{"AddVServerGroupBackendServers", "VServerGroupId", "$7", "BackendServers", `[{"serverId":"$1","port":8080,"NodeName":null,"TargetRef":{"a":1}}]`},
		{"ModifyVServerGroupBackendServers", "VServerGroupId", "$7", "OldBackendServers", `[{"ServerId":"$0","Port":80}]`},
		{"CreateLoadBalancerTCPListener", "LoadBalancerId", "$3", "healthCheckInterval", "5"},
		{"CreateLoadBalancerUDPListener", "LoadBalancerId", "$3", "Tag.1.Key", "k"},
		{"DeleteVServerGroup", "VServerGroupId", "$7", "", ""},
		{"StartLoadBalancerListener", "LoadBalancerId", "$3", "ListenerPort", "80"},
		{"DescribeHealthStatus", "LoadBalancerId", "$3", "ListenerPort", "80"},
		{"TagResources", "ResourceType", "listener", "ResourceId.1", "$3_tcp_80"},
		{"ListTagResources", "ResourceType", "vservergroup", "ResourceId.1", "$7"},
		{"DescribeLoadBalancers", "Tags", `[{"TagKey":"k","TagValue":"v"}]`, "", ""},
		{"DeleteLoadBalancer", "LoadBalancerId", "$3", "", ""},
	} {
		f.Add(uint8(1), fuzzActionIndex(seed.action), "", seed.k1, seed.v1, seed.k2, seed.v2)
		f.Add(uint8(2), fuzzActionIndex(seed.action), "", seed.k1, seed.v1, seed.k2, seed.v2)
	}
	f.Fuzz(func(t *testing.T, mode, action uint8, raw, k1, v1, k2, v2 string) {
		w := newFuzzWorld(t)
		var req *http.Request
		switch mode % 3 {
		case 0:
			r, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
			if err != nil {
				return
			}
			r.RequestURI, r.RemoteAddr = "", "127.0.0.1:1234"
			req = r
		default:
			actions := fake.Actions()
			a := actions[int(action)%len(actions)]
			query := map[string]string{"RegionId": region}
			for _, kv := range [][2]string{{k1, v1}, {k2, v2}} {
				if kv[0] != "" {
					query[w.expand(kv[0])] = w.expand(kv[1])
				}
			}
			if mode%3 == 1 {
				query["Action"], query["Version"] = a.Name, a.Version
				req = signedRequest(t, http.MethodPost, query, fake.DefaultAccessKeySecret, fuzzStart, "fuzz")
			} else {
				delete(query, "Action")
				delete(query, "Version")
				req = v3Call{action: a.Name, version: a.Version, query: query, now: fuzzStart, nonce: "fuzz"}.request(t)
			}
		}
		rec := httptest.NewRecorder()
		func() {
			defer func() {
				if p := recover(); p != nil && p != http.ErrAbortHandler {
					t.Fatalf("the Handler panicked: %v", p)
				}
			}()
			w.f.Handler().ServeHTTP(rec, req)
		}()
		checkAnswer(t, req, rec)
		checkBackendInvariants(t, w.f.State(), 3)
		var state bytes.Buffer
		require.NoError(t, w.f.ExportState(&state))
		require.NoError(t, fake.New().ImportState(&state), "the world the call left is a valid state")
	})
}

// checkAnswer asserts that an answer is one the Handler may give.
func checkAnswer(t *testing.T, req *http.Request, rec *httptest.ResponseRecorder) {
	body := rec.Body.Bytes()
	switch {
	case strings.HasPrefix(req.URL.Path, fake.AdminPrefix):
		require.Contains(t, []int{200, 204, 400, 403, 404, 405, 409, 413}, rec.Code, "admin: %s", body)
		return
	case rec.Code == http.StatusRequestEntityTooLarge || rec.Code == http.StatusRequestURITooLong:
		require.Equal(t, "close", rec.Header().Get("Connection"))
		return
	}
	var envelope struct {
		RequestId, Code, Message, HostId string
	}
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/xml") {
		require.NoError(t, xml.Unmarshal(body, &envelope), "%s", body)
	} else {
		require.Equal(t, "application/json;charset=utf-8", rec.Header().Get("Content-Type"))
		require.True(t, json.Valid(body), "%s", body)
		require.NoError(t, json.Unmarshal(body, &envelope), "%s", body)
	}
	require.Regexp(t, `^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`, envelope.RequestId, "%s", body)
	if rec.Code == http.StatusOK {
		require.Empty(t, envelope.Code, "a success carries no Code: %s", body)
		return
	}
	require.NotEmpty(t, envelope.Code, "%d without a Code: %s", rec.Code, body)
	require.NotEmpty(t, envelope.Message)
	require.NotContains(t, envelope.Message, "{", "a placeholder left in %q", envelope.Message)
	statuses := map[int]bool{}
	for _, e := range model.EntriesWithCode(model.Code(envelope.Code)) {
		statuses[e.HTTPStatus] = true
	}
	require.True(t, statuses[rec.Code], "%d %s is not a catalogue entry: %s", rec.Code, envelope.Code, bytes.TrimSpace(body))
}

// fuzzActionIndex is the index of an action in fake.Actions(), as the fuzz
// target takes it.
func fuzzActionIndex(name string) uint8 {
	for i, a := range fake.Actions() {
		if a.Name == name {
			return uint8(i)
		}
	}
	panic("no action " + name)
}
