package fake_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// listenerStateWorld is a world of listeners of every protocol, made by API
// calls: on a pay-by-bandwidth internet LB of 10 Mbit/s, a running TCP
// listener (4), an HTTP one (5) and an HTTPS one (1), which take all of it;
// on a shared-performance LB billed by traffic, TCP and UDP listeners
// unlimited; on an LB with a spec, TCP (tch) and UDP (qch) listeners.
type listenerStateWorld struct {
	*world
	paid, shared, spec string
}

func newListenerStateWorld(t *testing.T) listenerStateWorld {
	t.Helper()
	w := listenerStateWorld{world: newWorld(t, fake.WithSeed(4))}
	createLB := func(req model.CreateLoadBalancerRequest) string {
		req.RegionId = w.region
		lb, err := w.c.CreateLoadBalancer(w.ctx, &req)
		require.NoError(t, err)
		return lb.LoadBalancerId
	}
	w.paid = createLB(model.CreateLoadBalancerRequest{InternetChargeType: "paybybandwidth", Bandwidth: 10})
	w.shared = createLB(model.CreateLoadBalancerRequest{})
	w.spec = createLB(model.CreateLoadBalancerRequest{LoadBalancerSpec: "slb.s2.small"})
	common := func(lb string, port, bw int, scheduler string) model.ListenerCommon {
		return model.ListenerCommon{RegionId: w.region, LoadBalancerId: lb, ListenerPort: port, BackendServerPort: 8080,
			Bandwidth: bw, Scheduler: scheduler, Description: "web-" + fmt.Sprint(port)}
	}
	tcp := func(c model.ListenerCommon) {
		_, err := w.c.CreateLoadBalancerTCPListener(w.ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: c})
		require.NoError(t, err)
	}
	udp := func(c model.ListenerCommon) {
		_, err := w.c.CreateLoadBalancerUDPListener(w.ctx, &model.CreateLoadBalancerUDPListenerRequest{ListenerCommon: c})
		require.NoError(t, err)
	}
	tcp(common(w.paid, 80, 4, ""))
	_, err := w.c.CreateLoadBalancerHTTPListener(w.ctx, &model.CreateLoadBalancerHTTPListenerRequest{ListenerCommon: common(w.paid, 8080, 5, ""),
		HTTPListenerOptions: model.HTTPListenerOptions{StickySession: "on", StickySessionType: "insert", CookieTimeout: 100}})
	require.NoError(t, err)
	_, err = w.c.CreateLoadBalancerHTTPSListener(w.ctx, &model.CreateLoadBalancerHTTPSListenerRequest{ListenerCommon: common(w.paid, 443, 1, ""),
		ServerCertificateId: "idkp-123-cn-test-01"})
	require.NoError(t, err)
	_, err = w.c.StartLoadBalancerListener(w.ctx, &model.ListenerRequest{RegionId: w.region, LoadBalancerId: w.paid, ListenerPort: 80, ListenerProtocol: "tcp"})
	require.NoError(t, err)
	tcp(common(w.shared, 81, -1, "wlc"))
	udp(common(w.shared, 53, -1, ""))
	tcp(common(w.spec, 22, -1, "tch"))
	udp(common(w.spec, 53, -1, "qch"))
	return w
}

// patchListener sets one field of one listener in an exported state file,
// as a hand-edited file would.
func patchListener(t *testing.T, file []byte, lb string, port int, protocol, field string, value any) []byte {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(file, &doc))
	found := 0
	for _, row := range doc["State"].(map[string]any)["Listeners"].([]any) {
		l := row.(map[string]any)
		if l["LoadBalancerId"] == lb && l["ListenerPort"] == float64(port) && l["ListenerProtocol"] == protocol {
			_, known := l[field]
			require.True(t, known, "listeners have no field %s", field)
			l[field] = value
			found++
		}
	}
	require.Equal(t, 1, found, "listener %s/%d of %s", protocol, port, lb)
	out, err := json.Marshal(doc)
	require.NoError(t, err)
	return out
}

// A state whose listeners hold what no call could have stored is refused,
// with a message naming the field, and changes nothing; the world as
// exported imports.
func TestImportStateRefusesListenersTheEngineCannotMake(t *testing.T) {
	t.Parallel()
	src := newListenerStateWorld(t)
	file, _ := exportOf(t, src.f)
	require.NoError(t, fake.New().ImportState(bytes.NewReader(file)), "the unpatched state imports")

	type target struct {
		lb       string
		port     int
		protocol string
	}
	paidTCP, paidHTTP, paidHTTPS := target{src.paid, 80, "tcp"}, target{src.paid, 8080, "http"}, target{src.paid, 443, "https"}
	sharedTCP, sharedUDP := target{src.shared, 81, "tcp"}, target{src.shared, 53, "udp"}
	specTCP := target{src.spec, 22, "tcp"}
	for _, tc := range []struct {
		name  string
		on    target
		field string
		value any
		want  string
	}{
		{"unlimited on a pay-by-bandwidth LB", paidTCP, "Bandwidth", -1, `"Bandwidth"`},
		{"listeners over the LB's bandwidth", paidTCP, "Bandwidth", 5, `"Bandwidth"`},
		{"Bandwidth 0", sharedTCP, "Bandwidth", 0, `"Bandwidth"`},
		{"Bandwidth 5121", sharedUDP, "Bandwidth", 5121, `"Bandwidth"`},
		{"sch on a shared LB", sharedTCP, "Scheduler", "sch", `Scheduler "sch"`},
		{"tch on HTTP", paidHTTP, "Scheduler", "tch", `Scheduler "tch"`},
		{"qch on TCP", specTCP, "Scheduler", "qch", `Scheduler "qch"`},
		{"no Scheduler", sharedUDP, "Scheduler", "", `Scheduler ""`},
		{"HealthCheckInterval 0", sharedTCP, "HealthCheckInterval", 0, "HealthCheckInterval"},
		{"HealthCheckInterval 51", sharedUDP, "HealthCheckInterval", 51, `"HealthCheckInterval"`},
		{"HealthyThreshold 99", paidHTTP, "HealthyThreshold", 99, `"HealthyThreshold"`},
		{"UnhealthyThreshold 1", specTCP, "UnhealthyThreshold", 1, `"UnhealthyThreshold"`},
		{"HealthCheckType bogus", sharedTCP, "HealthCheckType", "bogus", `"HealthCheckType"`},
		{"HealthCheckConnectTimeout 301", sharedUDP, "HealthCheckConnectTimeout", 301, `"HealthCheckConnectTimeout"`},
		{"HealthCheckTimeout 0", paidHTTPS, "HealthCheckTimeout", 0, "HealthCheckTimeout"},
		{"HealthCheckConnectPort 65536", paidHTTP, "HealthCheckConnectPort", 65536, `"HealthCheckConnectPort"`},
		{"HealthCheck maybe", paidHTTP, "HealthCheck", "maybe", `"HealthCheck"`},
		{"EstablishedTimeout 5", specTCP, "EstablishedTimeout", 5, `"EstablishedTimeout"`},
		{"PersistenceTimeout 3601", sharedUDP, "PersistenceTimeout", 3601, `"PersistenceTimeout"`},
		{"CookieTimeout 0 with insert", paidHTTP, "CookieTimeout", 0, `"CookieTimeout"`},
		{"RequestTimeout 181", paidHTTPS, "RequestTimeout", 181, `"RequestTimeout"`},
		{"Gzip missing", paidHTTP, "Gzip", "", "Gzip"},
		{"HTTPS without its certificate", paidHTTPS, "ServerCertificateId", "", `"ServerCertificateId"`},
		{"a sticky UDP listener", sharedUDP, "StickySession", "on", "StickySession is set, which a udp listener does not have"},
		{"a TCP listener with a certificate", sharedTCP, "ServerCertificateId", "idkp-1", "ServerCertificateId is set"},
		{"no BackendServerPort and no group", sharedTCP, "BackendServerPort", 0, `"BackendServerPort"`},
		{"BackendServerPort 70000", sharedTCP, "BackendServerPort", 70000, `"BackendServerPort"`},
		{"a stopped listener that was started", sharedTCP, "Transition", "start", `Status stopped after Transition "start"`},
		{"a running listener that was stopped", paidTCP, "Transition", "stop", `Status running after Transition "stop"`},
		{"a running listener never started", sharedUDP, "Status", "running", `Status running after Transition ""`},
		{"a transition time without a transition", sharedUDP, "TransitionAt", "2026-01-02T03:04:05Z", "TransitionAt"},
		{"Description with a space", sharedTCP, "Description", "web server", `"Description"`},
		{"Description of 257 characters", paidHTTP, "Description", strings.Repeat("d", 257), `"Description"`},
		{"ConnectionDrain maybe", sharedTCP, "ConnectionDrain", "maybe", `"ConnectionDrain"`},
		{"draining on without its timeout", sharedUDP, "ConnectionDrain", "on", `"ConnectionDrainTimeout"`},
		{"ConnectionDrainTimeout 901", sharedTCP, "ConnectionDrainTimeout", 901, `"ConnectionDrainTimeout"`},
		{"a draining HTTP listener", paidHTTP, "ConnectionDrain", "off", "ConnectionDrain is set, which a http listener does not have"},
		{"Proxy Protocol on HTTPS", paidHTTPS, "ProxyProtocolV2Enabled", true, "ProxyProtocolV2Enabled is set"},
		{"XForwardedFor_proto yes", paidHTTP, "XForwardedFor_proto", "yes", `"XForwardedFor_proto"`},
		{"XForwardedFor_SLBID on a TCP listener", sharedTCP, "XForwardedFor_SLBID", "on", "XForwardedFor_SLBID is set"},
		{"redirecting without a port", paidHTTP, "ListenerForward", "on", `"ForwardPort"`},
		{"ListenerForward on HTTPS", paidHTTPS, "ListenerForward", "off", "ListenerForward is set, which a https listener does not have"},
		{"ForwardPort 70000", paidHTTP, "ForwardPort", 70000, `"ForwardPort"`},
		{"EnableHttp2 maybe", paidHTTPS, "EnableHttp2", "maybe", `"EnableHttp2"`},
		{"TLSCipherPolicy unknown", paidHTTPS, "TLSCipherPolicy", "tls_cipher_policy_9", `"TLSCipherPolicy"`},
		{"TLSCipherPolicy on HTTP", paidHTTP, "TLSCipherPolicy", "tls_cipher_policy_1_2", "TLSCipherPolicy is set"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			bad := patchListener(t, file, tc.on.lb, tc.on.port, tc.on.protocol, tc.field, tc.value)
			dst := newStateWorld(t, fake.WithSeed(8))
			err := dst.unchanged(func() error { return dst.f.ImportState(bytes.NewReader(bad)) })
			var invalid *engine.InvalidStateError
			require.ErrorAs(t, err, &invalid)
			require.ErrorContains(t, err, fmt.Sprintf("listener %s/%d of %s: ", tc.on.protocol, tc.on.port, tc.on.lb))
			require.ErrorContains(t, err, tc.want)
		})
	}
}
