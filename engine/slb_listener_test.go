package engine_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Listener tests: the create rules, the lifecycle, the reads,
// DescribeHealthStatus and the state.

func tcpReq(lb string, port int) *model.CreateLoadBalancerTCPListenerRequest {
	return &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
		RegionId: testRegion, LoadBalancerId: lb, ListenerPort: port, BackendServerPort: 8080, Bandwidth: -1}}
}

func udpReq(lb string, port int) *model.CreateLoadBalancerUDPListenerRequest {
	return &model.CreateLoadBalancerUDPListenerRequest{ListenerCommon: model.ListenerCommon{
		RegionId: testRegion, LoadBalancerId: lb, ListenerPort: port, BackendServerPort: 8080, Bandwidth: -1}}
}

func httpReq(lb string, port int) *model.CreateLoadBalancerHTTPListenerRequest {
	return &model.CreateLoadBalancerHTTPListenerRequest{ListenerCommon: model.ListenerCommon{
		RegionId: testRegion, LoadBalancerId: lb, ListenerPort: port, BackendServerPort: 8080}}
}

func lsn(lb string, port int, protocol string) *model.ListenerRequest {
	return &model.ListenerRequest{RegionId: testRegion, LoadBalancerId: lb, ListenerPort: port, ListenerProtocol: protocol}
}

func mustTCP(t testingT, s *engine.Store, lb string, port int) {
	t.Helper()
	_, e := s.CreateLoadBalancerTCPListener(testAccount, tcpReq(lb, port))
	require.Nil(t, e, "%v", e)
}

func tcpAttr(t testingT, s *engine.Store, lb string, port int) *model.DescribeLoadBalancerTCPListenerAttributeResponse {
	t.Helper()
	resp, e := s.DescribeLoadBalancerTCPListenerAttribute(testAccount, &model.ListenerAttributeRequest{RegionId: testRegion, LoadBalancerId: lb, ListenerPort: port})
	require.Nil(t, e, "%v", e)
	return resp
}

func TestCreateTCPListenerIsStoppedWithTheDocumentedDefaults(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	mustTCP(t, w.s, w.internet, 80)
	got := tcpAttr(t, w.s, w.internet, 80)
	assert.Equal(t, model.ListenerHead{LoadBalancerId: w.internet, ListenerPort: 80, Status: "stopped", BackendServerPort: 8080,
		Bandwidth: -1, Scheduler: "wrr", AclStatus: "off"}, got.ListenerHead)
	assert.Equal(t, model.TCPListenerConfig{HealthCheck: "on", HealthCheckType: "tcp", HealthyThreshold: 3, UnhealthyThreshold: 3,
		HealthCheckInterval: 2, HealthCheckConnectTimeout: 5, EstablishedTimeout: 900, DrainConfig: model.DrainConfig{ConnectionDrain: "off"}}, got.TCPListenerConfig)
}

func TestDescribeLoadBalancerListenersIsABareArrayWithOneConfigPerItem(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	mustTCP(t, w.s, w.internet, 80)
	_, e := w.s.CreateLoadBalancerHTTPListener(testAccount, httpReq(w.internet, 8080))
	require.Nil(t, e)
	resp, e := w.s.DescribeLoadBalancerListeners(testAccount, &model.DescribeLoadBalancerListenersRequest{RegionId: testRegion})
	require.Nil(t, e)
	raw, err := json.Marshal(resp)
	require.NoError(t, err)
	var shape struct {
		Listeners  []map[string]json.RawMessage
		TotalCount int
		MaxResults int
	}
	require.NoError(t, json.Unmarshal(raw, &shape))
	require.Len(t, shape.Listeners, 2)
	assert.Equal(t, 2, shape.TotalCount)
	assert.Equal(t, 20, shape.MaxResults)
	assert.Contains(t, shape.Listeners[0], "TCPListenerConfig")
	assert.NotContains(t, shape.Listeners[0], "HTTPListenerConfig")
	assert.JSONEq(t, `"tcp"`, string(shape.Listeners[0]["ListenerProtocol"]))
	assert.Contains(t, shape.Listeners[1], "HTTPListenerConfig")
	assert.NotContains(t, shape.Listeners[1], "TCPListenerConfig")
	assert.NotContains(t, string(raw), "NextToken", "no NextToken on the last page")
}

func TestDescribeLoadBalancerListenersPagesWithNextToken(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	for _, p := range []int{443, 80, 8080} {
		mustTCP(t, w.s, w.internet, p)
	}
	mustTCP(t, w.s, w.internet2, 81)
	_, e := w.s.CreateLoadBalancerUDPListener(testAccount, udpReq(w.internet, 80))
	require.Nil(t, e)
	var seen []string
	req := &model.DescribeLoadBalancerListenersRequest{RegionId: testRegion, MaxResults: 2}
	for range 10 {
		resp, e := w.s.DescribeLoadBalancerListeners(testAccount, req)
		require.Nil(t, e)
		assert.Equal(t, 5, resp.TotalCount)
		for _, l := range resp.Listeners {
			seen = append(seen, l.LoadBalancerId[len(l.LoadBalancerId)-3:]+"/"+l.ListenerProtocol+"/"+itoa(l.ListenerPort))
		}
		if resp.NextToken == "" {
			break
		}
		req.NextToken = resp.NextToken
	}
	in, in2 := w.internet[len(w.internet)-3:], w.internet2[len(w.internet2)-3:]
	want := []string{in + "/tcp/80", in + "/udp/80", in + "/tcp/443", in + "/tcp/8080", in2 + "/tcp/81"}
	if w.internet2 < w.internet {
		want = append([]string{want[4]}, want[:4]...)
	}
	assert.Equal(t, want, seen, "every listener once, by LB, port and protocol")

	only, e := w.s.DescribeLoadBalancerListeners(testAccount, &model.DescribeLoadBalancerListenersRequest{RegionId: testRegion,
		LoadBalancerId: []string{w.internet2, "lb-bp1nosuch00000000000"}})
	require.Nil(t, e)
	require.Len(t, only.Listeners, 1)
	assert.Equal(t, 81, only.Listeners[0].ListenerPort)
	udp, e := w.s.DescribeLoadBalancerListeners(testAccount, &model.DescribeLoadBalancerListenersRequest{RegionId: testRegion, ListenerProtocol: "udp"})
	require.Nil(t, e)
	require.Len(t, udp.Listeners, 1)
	other, e := w.s.DescribeLoadBalancerListeners(otherAcct, &model.DescribeLoadBalancerListenersRequest{RegionId: testRegion})
	require.Nil(t, e)
	assert.Empty(t, other.Listeners, "another account sees none")
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestListenerErrors(t *testing.T) {
	t.Parallel()
	build := func(t *testing.T) *engine.Store {
		w := newSLBWorld(t, engine.Config{})
		mustTCP(t, w.s, w.internet, 80)
		_, e := w.s.CreateLoadBalancerUDPListener(testAccount, udpReq(w.internet, 80))
		require.Nil(t, e)
		mustTCP(t, w.s, w.internet, 81)
		_, e = w.s.StartLoadBalancerListener(testAccount, lsn(w.internet, 81, ""))
		require.Nil(t, e)
		_, e = w.s.CreateLoadBalancerUDPListener(testAccount, udpReq(w.internet, 53))
		require.Nil(t, e)
		return w.s
	}
	w := newSLBWorld(t, engine.Config{})
	internet, locked := w.internet, w.locked
	tcp := func(edit func(*model.CreateLoadBalancerTCPListenerRequest)) func(s *engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			r := tcpReq(internet, 90)
			edit(r)
			_, e := s.CreateLoadBalancerTCPListener(testAccount, r)
			return e
		}
	}
	http := func(edit func(*model.CreateLoadBalancerHTTPListenerRequest)) func(s *engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			r := httpReq(internet, 90)
			edit(r)
			_, e := s.CreateLoadBalancerHTTPListener(testAccount, r)
			return e
		}
	}
	runErrorCases(t, build, []errorCase{
		{"locked LB", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.LoadBalancerId = locked }), model.ErrActionNotAllowedLocked()},
		{"unknown LB", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.LoadBalancerId = "lb-bp1nosuch00000000000" }), model.ErrLoadBalancerNotFound()},
		{"no port", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.ListenerPort = 0 }), model.ErrMissingParameter("ListenerPort")},
		{"port 65536", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.ListenerPort = 65536 }), model.ErrInvalidParameterValue("ListenerPort")},
		{"TCP without Bandwidth", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.Bandwidth = 0 }), model.ErrMissingParameter("Bandwidth")},
		{"Bandwidth 5121", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.Bandwidth = 5121 }), model.ErrInvalidParameterValue("Bandwidth")},
		{"Bandwidth -2", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.Bandwidth = -2 }), model.ErrInvalidParameterValue("Bandwidth")},
		{"no BackendServerPort and no group", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.BackendServerPort = 0 }), model.ErrMissingParameter("BackendServerPort")},
		{"BackendServerPort 70000", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.BackendServerPort = 70000 }), model.ErrInvalidParameterValue("BackendServerPort")},
		{"unknown vServer group", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.VServerGroupId = "rsp-bp1nosuch0000000000" }), model.ErrVServerGroupNotFound()},
		{"sch on a shared-performance LB", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.Scheduler = "sch" }), model.ErrInvalidParameterValue("Scheduler")},
		{"qch on TCP", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.Scheduler = "qch" }), model.ErrInvalidParameterValue("Scheduler")},
		{"HealthCheckSwitch yes", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.HealthCheckSwitch = "yes" }), model.ErrInvalidParameterValue("HealthCheckSwitch")},
		{"HealthyThreshold 11", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.HealthyThreshold = 11 }), model.ErrInvalidParameterValue("HealthyThreshold")},
		{"PersistenceTimeout 3601", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.PersistenceTimeout = 3601 }), model.ErrInvalidParameterValue("PersistenceTimeout")},
		{"TCP on a TCP port", tcp(func(r *model.CreateLoadBalancerTCPListenerRequest) { r.ListenerPort = 80 }), model.ErrListenerAlreadyExists()},
		{"HTTP on a TCP port", http(func(r *model.CreateLoadBalancerHTTPListenerRequest) { r.ListenerPort = 81 }), model.ErrListenerAlreadyExists()},
		{"sticky session without a type", http(func(r *model.CreateLoadBalancerHTTPListenerRequest) { r.StickySession = "on" }), model.ErrMissingParameter("StickySessionType")},
		{"insert without CookieTimeout", http(func(r *model.CreateLoadBalancerHTTPListenerRequest) {
			r.StickySession, r.StickySessionType = "on", "insert"
		}), model.ErrMissingParameter("CookieTimeout")},
		{"server without Cookie", http(func(r *model.CreateLoadBalancerHTTPListenerRequest) {
			r.StickySession, r.StickySessionType = "on", "server"
		}), model.ErrMissingParameter("Cookie")},
		{"HTTPS without a certificate", func(s *engine.Store) *model.Error {
			_, e := s.CreateLoadBalancerHTTPSListener(testAccount, &model.CreateLoadBalancerHTTPSListenerRequest{ListenerCommon: httpReq(internet, 443).ListenerCommon})
			return e
		}, model.ErrMissingParameter("ServerCertificateId")},
		{"start without a protocol on a shared port", func(s *engine.Store) *model.Error {
			_, e := s.StartLoadBalancerListener(testAccount, lsn(internet, 80, ""))
			return e
		}, model.ErrTooManyListeners()},
		{"start of a missing listener", func(s *engine.Store) *model.Error {
			_, e := s.StartLoadBalancerListener(testAccount, lsn(internet, 80, "http"))
			return e
		}, model.ErrListenerNotFound()},
		{"start with protocol TCP", func(s *engine.Store) *model.Error {
			_, e := s.StartLoadBalancerListener(testAccount, lsn(internet, 80, "TCP"))
			return e
		}, model.ErrInvalidParameterValue("ListenerProtocol")},
		{"start of a running listener", func(s *engine.Store) *model.Error {
			_, e := s.StartLoadBalancerListener(testAccount, lsn(internet, 81, ""))
			return e
		}, model.ErrListenerNotAllowed()},
		{"delete on a locked LB", func(s *engine.Store) *model.Error {
			_, e := s.DeleteLoadBalancerListener(testAccount, lsn(locked, 80, ""))
			return e
		}, model.ErrActionNotAllowedLocked()},
		{"TCP attribute of a UDP-only port", func(s *engine.Store) *model.Error {
			_, e := s.DescribeLoadBalancerTCPListenerAttribute(testAccount, &model.ListenerAttributeRequest{RegionId: testRegion, LoadBalancerId: internet, ListenerPort: 53})
			return e
		}, model.ErrListenerNotFound()},
		{"health of a port without listener", func(s *engine.Store) *model.Error {
			_, e := s.DescribeHealthStatus(testAccount, lsn(internet, 82, ""))
			return e
		}, model.ErrCheckedListenerNotFound()},
		{"MaxResults 101", func(s *engine.Store) *model.Error {
			_, e := s.DescribeLoadBalancerListeners(testAccount, &model.DescribeLoadBalancerListenersRequest{RegionId: testRegion, MaxResults: 101})
			return e
		}, model.ErrInvalidParameterValue("MaxResults")},
		{"a NextToken the fake did not hand out", func(s *engine.Store) *model.Error {
			_, e := s.DescribeLoadBalancerListeners(testAccount, &model.DescribeLoadBalancerListenersRequest{RegionId: testRegion, NextToken: "!!"})
			return e
		}, model.ErrInvalidParameterValue("NextToken")},
	})
}

func TestUDPAndTCPShareAPortHTTPAndTCPDoNot(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	mustTCP(t, w.s, w.internet, 80)
	_, e := w.s.CreateLoadBalancerUDPListener(testAccount, udpReq(w.internet, 80))
	require.Nil(t, e, "UDP beside TCP")
	_, e = w.s.CreateLoadBalancerUDPListener(testAccount, udpReq(w.internet, 80))
	requireAPIError(t, model.ErrListenerAlreadyExists(), e)
	_, e = w.s.CreateLoadBalancerHTTPSListener(testAccount, &model.CreateLoadBalancerHTTPSListenerRequest{ListenerCommon: httpReq(w.internet, 80).ListenerCommon, ServerCertificateId: "cert"})
	requireAPIError(t, model.ErrListenerAlreadyExists(), e)
	mustTCP(t, w.s, w.internet2, 80) // another LB's ports are its own
	attr := w.attribute(t, w.internet)
	assert.Equal(t, []int{80}, attr.ListenerPorts.ListenerPort)
	assert.Equal(t, []model.ListenerPortAndProtocol{{ListenerPort: 80, ListenerProtocol: "tcp"}, {ListenerPort: 80, ListenerProtocol: "udp"}},
		attr.ListenerPortsAndProtocol.ListenerPortAndProtocol)
	assert.Equal(t, []model.ListenerPortAndProtocal{{ListenerPort: 80, ListenerProtocal: "tcp"}, {ListenerPort: 80, ListenerProtocal: "udp"}},
		attr.ListenerPortsAndProtocal.ListenerPortAndProtocal)
}

func TestPayByBandwidthListenersShareTheLBsBandwidth(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	lb := w.createLB(t, model.CreateLoadBalancerRequest{InternetChargeType: "paybybandwidth", Bandwidth: 10})
	r := tcpReq(lb, 80)
	_, e := w.s.CreateLoadBalancerTCPListener(testAccount, r)
	requireAPIError(t, model.ErrInvalidParameterValue("Bandwidth"), e) // -1 is pay-by-traffic's
	r.Bandwidth = 6
	_, e = w.s.CreateLoadBalancerTCPListener(testAccount, r)
	require.Nil(t, e)
	r2 := tcpReq(lb, 81)
	r2.Bandwidth = 5
	_, e = w.s.CreateLoadBalancerTCPListener(testAccount, r2)
	requireAPIError(t, model.ErrInvalidParameterValue("Bandwidth"), e)
	r2.Bandwidth = 4
	_, e = w.s.CreateLoadBalancerTCPListener(testAccount, r2)
	require.Nil(t, e, "6 + 4 = the LB's 10")
	// A Set of one listener counts the others, not its own old value.
	_, e = w.s.SetLoadBalancerTCPListenerAttribute(testAccount, &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
		RegionId: testRegion, LoadBalancerId: lb, ListenerPort: 80, Bandwidth: 6}})
	require.Nil(t, e)
}

func TestListenerLifecycleOnTheClock(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	w := newSLBWorld(t, engine.Config{Now: clock.Now, Lifecycle: model.LifecycleDurations{ListenerStarting: 2 * time.Second, ListenerStopping: 3 * time.Second}})
	mustTCP(t, w.s, w.internet, 80)
	_, e := w.s.StartLoadBalancerListener(testAccount, lsn(w.internet, 80, "tcp"))
	require.Nil(t, e)
	assert.Equal(t, "starting", tcpAttr(t, w.s, w.internet, 80).Status)
	_, e = w.s.StopLoadBalancerListener(testAccount, lsn(w.internet, 80, ""))
	requireAPIError(t, model.ErrListenerConfiguring(), e)
	_, e = w.s.SetLoadBalancerTCPListenerAttribute(testAccount, &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
		RegionId: testRegion, LoadBalancerId: w.internet, ListenerPort: 80, Description: "x"}})
	requireAPIError(t, model.ErrListenerConfiguring(), e)
	clock.Advance(2 * time.Second)
	assert.Equal(t, "running", tcpAttr(t, w.s, w.internet, 80).Status)
	_, e = w.s.StopLoadBalancerListener(testAccount, lsn(w.internet, 80, ""))
	require.Nil(t, e)
	assert.Equal(t, "stopping", tcpAttr(t, w.s, w.internet, 80).Status)
	for _, call := range []func() *model.Error{
		func() *model.Error {
			_, e := w.s.StartLoadBalancerListener(testAccount, lsn(w.internet, 80, ""))
			return e
		},
		func() *model.Error {
			_, e := w.s.DeleteLoadBalancerListener(testAccount, lsn(w.internet, 80, ""))
			return e
		},
	} {
		requireAPIError(t, model.ErrServiceIsStopping(), call())
	}
	clock.Advance(3 * time.Second)
	assert.Equal(t, "stopped", tcpAttr(t, w.s, w.internet, 80).Status)
	_, e = w.s.StopLoadBalancerListener(testAccount, lsn(w.internet, 80, ""))
	require.Nil(t, e, "stopping a stopped listener succeeds")
	_, e = w.s.DeleteLoadBalancerListener(testAccount, lsn(w.internet, 80, ""))
	require.Nil(t, e)
	_, e = w.s.DescribeLoadBalancerTCPListenerAttribute(testAccount, &model.ListenerAttributeRequest{RegionId: testRegion, LoadBalancerId: w.internet, ListenerPort: 80})
	requireAPIError(t, model.ErrListenerNotFound(), e)
}

func TestListenerChangesWaitForTheConfiguringWindow(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	w := newSLBWorld(t, engine.Config{Now: clock.Now, ConfiguringWindow: time.Minute})
	w.do(t, (*engine.Store).AddBackendServers, w.internet, `[{"ServerId":"`+w.classic[0]+`"}]`)
	_, e := w.s.CreateLoadBalancerTCPListener(testAccount, tcpReq(w.internet, 80))
	requireAPIError(t, model.ErrServiceIsConfiguring(), e)
	clock.Advance(time.Minute)
	mustTCP(t, w.s, w.internet, 80)
}

func TestSetTCPListenerAttributeChangesOnlyWhatIsGiven(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	r := tcpReq(w.internet, 80)
	r.PersistenceTimeout, r.Description = 100, "first"
	_, e := w.s.CreateLoadBalancerTCPListener(testAccount, r)
	require.Nil(t, e)
	zero := 0
	_, e = w.s.SetLoadBalancerTCPListenerAttribute(testAccount, &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
		RegionId: testRegion, LoadBalancerId: w.internet, ListenerPort: 80, Scheduler: "wlc"}, PersistenceTimeout: &zero, HealthCheckSwitch: "off"})
	require.Nil(t, e)
	got := tcpAttr(t, w.s, w.internet, 80)
	assert.Equal(t, "wlc", got.Scheduler)
	assert.Equal(t, 0, got.PersistenceTimeout, "a pointer sets 0")
	assert.Equal(t, "off", got.HealthCheck)
	assert.Equal(t, "first", got.Description, "kept")
	assert.Equal(t, 8080, got.BackendServerPort, "kept")
	before := w.s.Version()
	_, e = w.s.SetLoadBalancerTCPListenerAttribute(testAccount, &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
		RegionId: testRegion, LoadBalancerId: w.internet, ListenerPort: 80, Scheduler: "wlc"}})
	require.Nil(t, e)
	assert.Equal(t, before, w.s.Version(), "a Set to the current values writes nothing")
	_, e = w.s.SetLoadBalancerHTTPListenerAttribute(testAccount, &model.SetLoadBalancerHTTPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
		RegionId: testRegion, LoadBalancerId: w.internet, ListenerPort: 80}})
	requireAPIError(t, model.ErrListenerNotFound(), e)
}

func TestDescribeHealthStatusOfTheDefaultServerGroup(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	w.do(t, (*engine.Store).AddBackendServers, w.internet, `[{"ServerId":"`+w.classic[0]+`"},{"ServerId":"`+w.classic[1]+`"}]`)
	mustTCP(t, w.s, w.internet, 80)
	off := tcpReq(w.internet, 81)
	off.HealthCheckSwitch = "off"
	_, e := w.s.CreateLoadBalancerTCPListener(testAccount, off)
	require.Nil(t, e)
	health := func(port int) map[string]string {
		t.Helper()
		resp, e := w.s.DescribeHealthStatus(testAccount, lsn(w.internet, port, ""))
		require.Nil(t, e)
		out := map[string]string{}
		for _, b := range resp.BackendServers.BackendServer {
			assert.Equal(t, 8080, b.Port)
			assert.Equal(t, port, b.ListenerPort)
			assert.Equal(t, "TCP", b.Protocol)
			out[b.ServerId] = b.ServerHealthStatus
		}
		return out
	}
	assert.Equal(t, map[string]string{w.classic[0]: "unavailable", w.classic[1]: "unavailable"}, health(80), "a stopped listener")
	for _, p := range []int{80, 81} {
		_, e := w.s.StartLoadBalancerListener(testAccount, lsn(w.internet, p, ""))
		require.Nil(t, e)
	}
	assert.Equal(t, map[string]string{w.classic[0]: "normal", w.classic[1]: "normal"}, health(80))
	assert.Equal(t, map[string]string{w.classic[0]: "unavailable", w.classic[1]: "unavailable"}, health(81), "health checks off")
	_, e = w.s.StopInstance(testAccount, &model.StopInstanceRequest{RegionId: testRegion, InstanceId: w.classic[1]})
	require.Nil(t, e)
	require.NoError(t, w.s.SetBackendHealth(w.internet, w.classic[0], false))
	assert.Equal(t, map[string]string{w.classic[0]: "abnormal", w.classic[1]: "abnormal"}, health(80), "marked; stopped")
	require.NoError(t, w.s.SetBackendHealth(w.internet, w.classic[0], true))
	assert.Equal(t, "normal", health(80)[w.classic[0]], "the mark cleared")
	all, e := w.s.DescribeHealthStatus(testAccount, lsn(w.internet, 0, ""))
	require.Nil(t, e)
	assert.Len(t, all.BackendServers.BackendServer, 4, "two listeners, two backends")
	require.Error(t, w.s.SetBackendHealth("lb-bp1nosuch00000000000", w.classic[0], false))
	require.Error(t, w.s.SetBackendHealth(w.internet, "", false))
}

func TestListenersAndMarksLiveAndDieWithTheirLB(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	mustTCP(t, w.s, w.internet, 80)
	mustTCP(t, w.s, w.internet2, 80)
	require.NoError(t, w.s.SetBackendHealth(w.internet, w.classic[0], false))
	st := w.s.Dump()
	require.Len(t, st.Listeners, 2)
	require.Len(t, st.UnhealthyBackends, 1)

	// The state round-trips, through JSON too.
	raw, err := json.Marshal(st)
	require.NoError(t, err)
	var back engine.State
	require.NoError(t, json.Unmarshal(raw, &back))
	s2 := newTestStore(t)
	require.NoError(t, s2.Load(back))
	assert.Equal(t, st, s2.Dump())

	_, e := w.s.DeleteLoadBalancer(testAccount, &model.DeleteLoadBalancerRequest{RegionId: testRegion, LoadBalancerId: w.internet})
	require.Nil(t, e)
	st = w.s.Dump()
	require.Len(t, st.Listeners, 1)
	assert.Equal(t, w.internet2, st.Listeners[0].LoadBalancerId)
	assert.Empty(t, st.UnhealthyBackends)
}

func TestValidateRefusesInconsistentListeners(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	mustTCP(t, w.s, w.internet, 80)
	good := w.s.Dump()
	require.NoError(t, w.s.Validate(good))
	cases := map[string]func(st *engine.State){
		"listener of a missing LB": func(st *engine.State) { st.Listeners[0].LoadBalancerId = "lb-bp1nosuch00000000000" },
		"HTTP on the TCP port": func(st *engine.State) {
			l := st.Listeners[0]
			l.ListenerProtocol = model.ProtocolHTTP
			st.Listeners = append(st.Listeners, l)
		},
		"status starting":           func(st *engine.State) { st.Listeners[0].Status = model.ListenerStarting },
		"no backend port, no group": func(st *engine.State) { st.Listeners[0].BackendServerPort = 0 },
		"a vServer group the state does not have": func(st *engine.State) {
			st.Listeners[0].VServerGroupId = "rsp-bp1nosuch0000000000"
		},
		"bandwidth 0": func(st *engine.State) { st.Listeners[0].Bandwidth = 0 },
		"mark of a missing LB": func(st *engine.State) {
			st.UnhealthyBackends = []model.UnhealthyBackend{{LoadBalancerId: "lb-x", ServerId: "i-x"}}
		},
		"port 0":                 func(st *engine.State) { st.Listeners[0].ListenerPort = 0 },
		"account of another LB":  func(st *engine.State) { st.Listeners[0].AccountId = otherAcct },
		"HTTPS without its cert": func(st *engine.State) { st.Listeners[0].ListenerProtocol = model.ProtocolHTTPS },
	}
	for name, edit := range cases {
		st := w.s.Dump()
		edit(&st)
		var inv *engine.InvalidStateError
		require.ErrorAs(t, w.s.Validate(st), &inv, name)
	}
}
