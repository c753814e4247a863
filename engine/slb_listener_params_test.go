package engine_test

import (
	"testing"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// The listener parameters the SDK sends beside the core ones: connection
// draining, Proxy Protocol, X-Forwarded-For_*, redirection, HTTP/2 and TLS
// policies, ACLs.

// TestPropertyTCPDrainSetIsWhatDescribeShows: a TCP listener created, then
// changed by a Set, with draining and Proxy Protocol values drawn from the
// documented ones shows in both reads the last value given of each (the
// create's when the Set leaves it out, the default when neither gives it);
// a call whose draining is on without a timeout is refused and changes
// nothing.
func TestPropertyTCPDrainSetIsWhatDescribeShows(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		s := newTestStore(rt)
		lb, err := s.PutLoadBalancer(model.LoadBalancer{AccountId: testAccount, RegionId: testRegion})
		require.NoError(rt, err)
		draw := func(label string) model.ConnectionDrainOptions {
			return model.ConnectionDrainOptions{
				ConnectionDrain:        rapid.SampledFrom([]string{"", "on", "off"}).Draw(rt, label+"Drain"),
				ConnectionDrainTimeout: rapid.SampledFrom([]int{0, 10, 11, 450, 900}).Draw(rt, label+"Timeout"),
				ProxyProtocolV2Enabled: rapid.SampledFrom([]string{"", "true", "false"}).Draw(rt, label+"Proxy"),
			}
		}
		want := struct {
			drain   string
			timeout int
			proxy   bool
		}{"off", 0, false}
		apply := func(o model.ConnectionDrainOptions) bool {
			drain, timeout, proxy := want.drain, want.timeout, want.proxy
			if o.ConnectionDrain != "" {
				drain = o.ConnectionDrain
			}
			if o.ConnectionDrainTimeout != 0 {
				timeout = o.ConnectionDrainTimeout
			}
			if o.ProxyProtocolV2Enabled != "" {
				proxy = o.ProxyProtocolV2Enabled == "true"
			}
			if drain == "on" && timeout == 0 {
				return false
			}
			want.drain, want.timeout, want.proxy = drain, timeout, proxy
			return true
		}
		create := tcpReq(lb.LoadBalancerId, 80)
		create.ConnectionDrainOptions = draw("create")
		ok := apply(create.ConnectionDrainOptions)
		_, e := s.CreateLoadBalancerTCPListener(testAccount, create)
		if !ok {
			require.NotNil(rt, e)
			require.Equal(rt, model.ErrMissingParameter("ConnectionDrainTimeout"), e)
			return
		}
		require.Nil(rt, e, "%v", e)
		for range rapid.IntRange(0, 4).Draw(rt, "sets") {
			set := &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{RegionId: testRegion,
				LoadBalancerId: lb.LoadBalancerId, ListenerPort: 80}, ConnectionDrainOptions: draw("set")}
			ok := apply(set.ConnectionDrainOptions)
			_, e := s.SetLoadBalancerTCPListenerAttribute(testAccount, set)
			if ok {
				require.Nil(rt, e, "%v", e)
			} else {
				require.Equal(rt, model.ErrMissingParameter("ConnectionDrainTimeout"), e)
			}
		}
		attr := tcpAttr(rt, s, lb.LoadBalancerId, 80)
		wantCfg := model.DrainConfig{ConnectionDrain: want.drain, ConnectionDrainTimeout: want.timeout, ProxyProtocolV2Enabled: want.proxy}
		require.Equal(rt, wantCfg, attr.DrainConfig)
		list, e := s.DescribeLoadBalancerListeners(testAccount, &model.DescribeLoadBalancerListenersRequest{RegionId: testRegion})
		require.Nil(rt, e)
		require.Len(rt, list.Listeners, 1)
		require.Equal(rt, wantCfg, list.Listeners[0].TCPListenerConfig.DrainConfig)
	})
}

// TestPropertyHTTPForwardedForSetIsWhatDescribeShows: the five
// X-Forwarded-For_* switches, given on an HTTP create and Sets, read back
// as the last value given, off when never given.
func TestPropertyHTTPForwardedForSetIsWhatDescribeShows(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		s := newTestStore(rt)
		lb, err := s.PutLoadBalancer(model.LoadBalancer{AccountId: testAccount, RegionId: testRegion})
		require.NoError(rt, err)
		want := [5]string{"off", "off", "off", "off", "off"}
		draw := func(label string) model.HTTPListenerOptions {
			var v [5]string
			for i := range v {
				v[i] = rapid.SampledFrom([]string{"", "on", "off"}).Draw(rt, label)
				if v[i] != "" {
					want[i] = v[i]
				}
			}
			return model.HTTPListenerOptions{XForwardedFor_proto: v[0], XForwardedFor_SLBPORT: v[1], XForwardedFor_ClientSrcPort: v[2],
				XForwardedFor_SLBIP: v[3], XForwardedFor_SLBID: v[4]}
		}
		create := httpReq(lb.LoadBalancerId, 80)
		create.HTTPListenerOptions = draw("create")
		_, e := s.CreateLoadBalancerHTTPListener(testAccount, create)
		require.Nil(rt, e, "%v", e)
		for range rapid.IntRange(0, 3).Draw(rt, "sets") {
			_, e := s.SetLoadBalancerHTTPListenerAttribute(testAccount, &model.SetLoadBalancerHTTPListenerAttributeRequest{
				ListenerUpdate:      model.ListenerUpdate{RegionId: testRegion, LoadBalancerId: lb.LoadBalancerId, ListenerPort: 80},
				HTTPListenerOptions: draw("set")})
			require.Nil(rt, e, "%v", e)
		}
		attr, e := s.DescribeLoadBalancerHTTPListenerAttribute(testAccount, &model.ListenerAttributeRequest{RegionId: testRegion,
			LoadBalancerId: lb.LoadBalancerId, ListenerPort: 80})
		require.Nil(rt, e)
		c := attr.HTTPListenerConfig
		require.Equal(rt, want, [5]string{c.XForwardedFor_proto, c.XForwardedFor_SLBPORT, c.XForwardedFor_ClientSrcPort,
			c.XForwardedFor_SLBIP, c.XForwardedFor_SLBID})
		require.Equal(rt, "off", c.ListenerForward)
	})
}

// Values outside the documented ones are refused, naming the parameter,
// and create nothing.
func TestListenerParametersOutsideTheirValuesAreRefused(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	tcp := func(o model.ConnectionDrainOptions) *model.Error {
		r := tcpReq(w.internet, 80)
		r.ConnectionDrainOptions = o
		_, e := w.s.CreateLoadBalancerTCPListener(testAccount, r)
		return e
	}
	assert.Equal(t, model.ErrInvalidParameterValue("ConnectionDrain"), tcp(model.ConnectionDrainOptions{ConnectionDrain: "On"}))
	assert.Equal(t, model.ErrInvalidParameterValue("ConnectionDrainTimeout"), tcp(model.ConnectionDrainOptions{ConnectionDrain: "on", ConnectionDrainTimeout: 9}))
	assert.Equal(t, model.ErrInvalidParameterValue("ConnectionDrainTimeout"), tcp(model.ConnectionDrainOptions{ConnectionDrainTimeout: 901}))
	assert.Equal(t, model.ErrMissingParameter("ConnectionDrainTimeout"), tcp(model.ConnectionDrainOptions{ConnectionDrain: "on"}))
	assert.Equal(t, model.ErrInvalidParameterValue("ProxyProtocolV2Enabled"), tcp(model.ConnectionDrainOptions{ProxyProtocolV2Enabled: "1"}))
	u := udpReq(w.internet, 53)
	u.ConnectionDrainOptions = model.ConnectionDrainOptions{ConnectionDrain: "on"}
	_, e := w.s.CreateLoadBalancerUDPListener(testAccount, u)
	assert.Equal(t, model.ErrMissingParameter("ConnectionDrainTimeout"), e)

	h := httpReq(w.internet, 80)
	h.XForwardedFor_SLBIP = "yes"
	_, e = w.s.CreateLoadBalancerHTTPListener(testAccount, h)
	assert.Equal(t, model.ErrInvalidParameterValue("XForwardedFor_SLBIP"), e)

	https := func(http2, policy string) *model.Error {
		r := &model.CreateLoadBalancerHTTPSListenerRequest{ListenerCommon: httpReq(w.internet, 443).ListenerCommon,
			ServerCertificateId: "idkp-1", EnableHttp2: http2, TLSCipherPolicy: policy}
		_, e := w.s.CreateLoadBalancerHTTPSListener(testAccount, r)
		return e
	}
	assert.Equal(t, model.ErrInvalidParameterValue("EnableHttp2"), https("true", ""))
	assert.Equal(t, model.ErrInvalidParameterValue("TLSCipherPolicy"), https("", "tls_cipher_policy_1_3"))
	list, e := w.s.DescribeLoadBalancerListeners(testAccount, &model.DescribeLoadBalancerListenersRequest{RegionId: testRegion})
	require.Nil(t, e)
	assert.Empty(t, list.Listeners, "every refused create stored nothing")
}

// An HTTPS listener shows EnableHttp2 and TLSCipherPolicy as given, or
// their defaults.
func TestHTTPSListenerEchoesHttp2AndTLSPolicyWithTheirDefaults(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	for port, tc := range map[int][2]string{443: {"", ""}, 8443: {"off", "tls_cipher_policy_1_2_strict_with_1_3"}} {
		_, e := w.s.CreateLoadBalancerHTTPSListener(testAccount, &model.CreateLoadBalancerHTTPSListenerRequest{
			ListenerCommon: httpReq(w.internet, port).ListenerCommon, ServerCertificateId: "idkp-1", EnableHttp2: tc[0], TLSCipherPolicy: tc[1]})
		require.Nil(t, e, "%v", e)
	}
	for port, want := range map[int][2]string{443: {"on", "tls_cipher_policy_1_0"}, 8443: {"off", "tls_cipher_policy_1_2_strict_with_1_3"}} {
		attr, e := w.s.DescribeLoadBalancerHTTPSListenerAttribute(testAccount, &model.ListenerAttributeRequest{RegionId: testRegion,
			LoadBalancerId: w.internet, ListenerPort: port})
		require.Nil(t, e)
		assert.Equal(t, want, [2]string{attr.EnableHttp2, attr.TLSCipherPolicy}, "port %d", port)
		assert.Empty(t, attr.ListenerForward, "no redirection on HTTPS")
	}
}

// An HTTP listener redirecting to HTTPS needs no BackendServerPort, needs a
// ForwardPort, and that port must be an HTTPS listener of the same LB.
func TestHTTPListenerForwardNeedsAnHTTPSListenerOnForwardPort(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	forward := func(port, forwardPort int) *model.Error {
		r := httpReq(w.internet, port)
		r.BackendServerPort, r.ListenerForward, r.ForwardPort = 0, "on", forwardPort
		_, e := w.s.CreateLoadBalancerHTTPListener(testAccount, r)
		return e
	}
	assert.Equal(t, model.ErrMissingParameter("ForwardPort"), forward(80, 0))
	assert.Equal(t, model.ErrInvalidParameterValue("ForwardPort"), forward(80, 443), "no HTTPS listener yet")
	mustTCP(t, w.s, w.internet, 443)
	assert.Equal(t, model.ErrInvalidParameterValue("ForwardPort"), forward(80, 443), "a TCP listener is not HTTPS")
	_, e := w.s.CreateLoadBalancerHTTPSListener(testAccount, &model.CreateLoadBalancerHTTPSListenerRequest{
		ListenerCommon: httpReq(w.internet2, 443).ListenerCommon, ServerCertificateId: "idkp-1"})
	require.Nil(t, e)
	assert.Equal(t, model.ErrInvalidParameterValue("ForwardPort"), forward(80, 443), "an HTTPS listener of another LB")
	_, e = w.s.CreateLoadBalancerHTTPSListener(testAccount, &model.CreateLoadBalancerHTTPSListenerRequest{
		ListenerCommon: httpReq(w.internet, 8443).ListenerCommon, ServerCertificateId: "idkp-1"})
	require.Nil(t, e)
	require.Nil(t, forward(80, 8443))
	attr, e := w.s.DescribeLoadBalancerHTTPListenerAttribute(testAccount, &model.ListenerAttributeRequest{RegionId: testRegion,
		LoadBalancerId: w.internet, ListenerPort: 80})
	require.Nil(t, e)
	assert.Equal(t, "on", attr.ListenerForward)
	assert.Equal(t, 8443, attr.ForwardPort)
	assert.Zero(t, attr.BackendServerPort)
}

// No ACL exists: AclStatus off or absent passes, on needs an AclId, and an
// AclId is AclNotExist, on creates and Sets alike.
func TestListenerACLParameters(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	create := func(port int, a model.ListenerACL) *model.Error {
		r := tcpReq(w.internet, port)
		r.ListenerACL = a
		_, e := w.s.CreateLoadBalancerTCPListener(testAccount, r)
		return e
	}
	assert.Equal(t, model.ErrMissingParameter("AclId"), create(80, model.ListenerACL{AclStatus: "on"}))
	assert.Equal(t, model.ErrAclNotExist(), create(80, model.ListenerACL{AclStatus: "on", AclId: "acl-1"}))
	assert.Equal(t, model.ErrAclNotExist(), create(80, model.ListenerACL{AclId: "acl-1"}))
	assert.Equal(t, model.ErrInvalidParameterValue("AclStatus"), create(80, model.ListenerACL{AclStatus: "ON"}))
	assert.Equal(t, model.ErrInvalidParameterValue("AclType"), create(80, model.ListenerACL{AclType: "grey"}))
	require.Nil(t, create(80, model.ListenerACL{AclStatus: "off", AclType: "white"}))
	_, e := w.s.SetLoadBalancerTCPListenerAttribute(testAccount, &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
		RegionId: testRegion, LoadBalancerId: w.internet, ListenerPort: 80, Description: "d1", ListenerACL: model.ListenerACL{AclStatus: "on", AclId: "acl-1"}}})
	assert.Equal(t, model.ErrAclNotExist(), e)
	attr := tcpAttr(t, w.s, w.internet, 80)
	assert.Equal(t, "off", attr.AclStatus)
	assert.Empty(t, attr.Description, "the refused Set changed nothing")
	list, e := w.s.DescribeLoadBalancerListeners(testAccount, &model.DescribeLoadBalancerListenersRequest{RegionId: testRegion})
	require.Nil(t, e)
	require.Len(t, list.Listeners, 1)
	assert.Equal(t, "on", list.Listeners[0].TCPListenerConfig.HealthCheckSwitch, "the list shows HealthCheckSwitch beside HealthCheck")
}
