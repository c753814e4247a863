package conformance

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/slb"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
	"github.com/slbfake/slbfake/fake"
	"github.com/stretchr/testify/require"
)

const region = "cn-hangzhou"

// fixedClock returns a clock frozen near real time, so that two fakes built
// by one test stamp the same CreationTime and CreateTimeStamp and the
// gateway's 15-minute Timestamp window still accepts the SDK's requests.
func fixedClock() fake.Option {
	now := time.Now().UTC().Truncate(time.Second)
	return fake.WithClock(fake.ClockFunc(func() time.Time { return now }))
}

// twins returns two fakes built alike: same seed, same frozen clock, same
// options. One is driven through the SDK, the other through the Go API.
func twins(opts ...fake.Option) (*fake.Fake, *fake.Fake) {
	all := append([]fake.Option{fake.WithSeed(7), fixedClock()}, opts...)
	return fake.New(all...), fake.New(all...)
}

// mode is how an SDK client reaches a fake.
type mode struct {
	name string
	// xml makes every request ask for Format=XML.
	xml bool
	// loopback serves the fake on a loopback port instead of in-process.
	loopback bool
}

var (
	inProcess = mode{name: "in-process"}
	loopback  = mode{name: "loopback", loopback: true}
	xmlMode   = mode{name: "in-process-xml", xml: true}
	modes     = []mode{inProcess, loopback}
)

// sdkClients are the SDK's typed clients, all wired to one fake.
type sdkClients struct {
	slb *slb.Client
	ecs *ecs.Client
	vpc *vpc.Client
	xml bool
}

// format is the AcceptFormat every request of the clients uses.
func (c sdkClients) format() string {
	if c.xml {
		return "XML"
	}
	return "JSON"
}

// sdkConn is what the SDK clients need to reach a fake: a transport and a
// domain (never resolved: the transport is the fake, or the domain is the
// loopback address).
type sdkConn struct {
	transport http.RoundTripper
	domain    string
	noProxy   string
}

func connect(t *testing.T, f *fake.Fake, m mode) sdkConn {
	t.Helper()
	if m.loopback {
		srv := f.StartTestServer(t)
		// A fresh transport without a proxy: the SDK would otherwise take
		// HTTP_PROXY from the environment; NO_PROXY-style bypass for the
		// loopback host as a second guard.
		return sdkConn{transport: &http.Transport{}, domain: srv.Listener.Addr().String(), noProxy: "127.0.0.1"}
	}
	return sdkConn{transport: f.RoundTripper(), domain: "slb.fake.local"}
}

// newClients builds the SDK clients of one credential for a fake.
func newClients(t *testing.T, f *fake.Fake, m mode, keyId, secret string) sdkClients {
	t.Helper()
	return newClientsIn(t, connect(t, f, m), m, region, keyId, secret)
}

// newClientMu serialises SDK client construction (see newClientsIn).
var newClientMu sync.Mutex

func newClientsIn(t *testing.T, conn sdkConn, m mode, regionId, keyId, secret string) sdkClients {
	t.Helper()
	// The SDK fills each product's endpoint map lazily and unguarded
	// (services/*/endpoint.go GetEndpointMap): building clients in parallel
	// tests is a data race inside the SDK, so build them one at a time.
	newClientMu.Lock()
	s, errS := slb.NewClientWithAccessKey(regionId, keyId, secret)
	e, errE := ecs.NewClientWithAccessKey(regionId, keyId, secret)
	v, errV := vpc.NewClientWithAccessKey(regionId, keyId, secret)
	newClientMu.Unlock()
	require.NoError(t, errS)
	require.NoError(t, errE)
	require.NoError(t, errV)
	// client.Domain wins over every endpoint resolution step of
	// sdk/client.go buildRequestWithSigner; the default scheme is HTTP.
	s.Domain, e.Domain, v.Domain = conn.domain, conn.domain, conn.domain
	s.SetTransport(conn.transport)
	e.SetTransport(conn.transport)
	v.SetTransport(conn.transport)
	if conn.noProxy != "" {
		s.SetNoProxy(conn.noProxy)
		e.SetNoProxy(conn.noProxy)
		v.SetNoProxy(conn.noProxy)
	}
	return sdkClients{slb: s, ecs: e, vpc: v, xml: m.xml}
}

// ---------------------------------------------------------------------------
// Comparing an SDK response with a Go API response.

// normalize turns a value into the generic JSON tree encoding/json gives,
// numbers kept as json.Number so that large integers stay exact.
func normalize(t *testing.T, v any) any {
	t.Helper()
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out any
	require.NoError(t, dec.Decode(&out))
	return out
}

// diff compares the Go API's response (want) with the SDK's parsed response
// (got), both as JSON trees. Every field of want must be in got with the same
// value; scalars compare by their text, because the SDK decodes with fuzzy
// decoders (a number into a string field and back). Fields only the SDK
// struct has must be zero: the fake does not send them. Fields of want that
// the SDK struct does not have are returned in unknown rather than reported
// as mismatches.
func diff(path string, want, got any, mismatches, unknown *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*mismatches = append(*mismatches, path+": Go API has an object, SDK has "+describe(got))
			return
		}
		for _, k := range sortedKeys(w) {
			gv, ok := g[k]
			if !ok {
				*unknown = append(*unknown, path+"."+k)
				continue
			}
			diff(path+"."+k, w[k], gv, mismatches, unknown)
		}
		for _, k := range sortedKeys(g) {
			if _, ok := w[k]; !ok && !isZero(g[k]) {
				*mismatches = append(*mismatches, path+"."+k+": only the SDK has it, non-zero: "+describe(g[k]))
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			if got == nil && len(w) == 0 {
				return
			}
			*mismatches = append(*mismatches, path+": Go API has a list, SDK has "+describe(got))
			return
		}
		if len(w) != len(g) {
			*mismatches = append(*mismatches, path+": Go API lists "+describe(w)+", SDK "+describe(g))
			return
		}
		for i := range w {
			diff(path+"["+strconv.Itoa(i)+"]", w[i], g[i], mismatches, unknown)
		}
	case nil:
		if !isZero(got) {
			*mismatches = append(*mismatches, path+": Go API has null, SDK has "+describe(got))
		}
	default:
		if scalar(want) != scalar(got) {
			*mismatches = append(*mismatches, path+": Go API "+describe(want)+", SDK "+describe(got))
		}
	}
}

func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	case nil:
		return "<nil>"
	default:
		return "<" + describe(v) + ">"
	}
}

func isZero(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case json.Number:
		return x.String() == "0"
	case bool:
		return !x
	case []any:
		return len(x) == 0
	case map[string]any:
		for _, e := range x {
			if !isZero(e) {
				return false
			}
		}
		return true
	}
	return false
}

func describe(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(raw)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// requireSame asserts that the SDK parsed exactly what the Go API returned,
// field by field, and that every field of the Go API's response is one the
// SDK knows.
func requireSame(t *testing.T, action string, api, sdk any) {
	t.Helper()
	var mismatches, unknown []string
	diff(action, normalize(t, api), normalize(t, sdk), &mismatches, &unknown)
	require.Empty(t, mismatches, "%s: the SDK parsed something else than the Go API returned", action)
	var surprising []string
	for _, path := range unknown {
		if _, ok := sdkUnknownFields[indexless.ReplaceAllString(path, "[]")]; !ok {
			surprising = append(surprising, path)
		}
	}
	require.Empty(t, surprising, "%s: fields the SDK's response struct does not have (a wire name the SDK does not know)", action)
}

var indexless = regexp.MustCompile(`\[[0-9]+\]`)

// sdkUnknownFields are the fields the fake sends that the SDK's response
// structs do not have, each with why it is tolerated. The SDK ignores them;
// anything not listed here fails the test.
var sdkUnknownFields = map[string]string{}

// jsonArray renders ids as the JSON array string of DescribeInstances' InstanceIds.
func jsonArray(ids ...string) string {
	raw, _ := json.Marshal(ids)
	return string(raw)
}

// backendList renders a BackendServers value of plain ecs elements.
func backendList(ids ...string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = `{"ServerId":"` + id + `"}`
	}
	return "[" + strings.Join(parts, ",") + "]"
}
