package conformance

import (
	"context"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/slb"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// scenarioListeners is the cloud controller's listener reconcile through the
// legacy SDK, on an LB with backends: create a listener of each protocol
// (the SDK sends CreateLoadBalancerTCPListener's and
// CreateLoadBalancerUDPListener's HealthCheckInterval as
// healthCheckInterval), start, describe, change, read the backends' health,
// stop and delete.
func scenarioListeners(p *pair, lb string) {
	t := p.t
	common := func(port, backend int) model.ListenerCommon {
		return model.ListenerCommon{RegionId: region, LoadBalancerId: lb, ListenerPort: port, BackendServerPort: backend, Bandwidth: -1}
	}
	do(p, "CreateLoadBalancerTCPListener", func(c sdkClients) (*slb.CreateLoadBalancerTCPListenerResponse, error) {
		r := slb.CreateCreateLoadBalancerTCPListenerRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort, r.BackendServerPort = lb, requests.NewInteger(80), requests.NewInteger(8080)
		r.Bandwidth, r.Scheduler, r.HealthCheckInterval = requests.NewInteger(-1), "rr", requests.NewInteger(3)
		return c.slb.CreateLoadBalancerTCPListener(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerTCPListenerResponse, error) {
		cm := common(80, 8080)
		cm.Scheduler = "rr"
		return c.CreateLoadBalancerTCPListener(ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: cm, HealthCheckInterval: 3})
	})
	do(p, "CreateLoadBalancerUDPListener", func(c sdkClients) (*slb.CreateLoadBalancerUDPListenerResponse, error) {
		r := slb.CreateCreateLoadBalancerUDPListenerRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort, r.BackendServerPort = lb, requests.NewInteger(80), requests.NewInteger(8080)
		r.Bandwidth, r.HealthCheckInterval = requests.NewInteger(-1), requests.NewInteger(4)
		return c.slb.CreateLoadBalancerUDPListener(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerUDPListenerResponse, error) {
		return c.CreateLoadBalancerUDPListener(ctx, &model.CreateLoadBalancerUDPListenerRequest{ListenerCommon: common(80, 8080), HealthCheckInterval: 4})
	})
	do(p, "CreateLoadBalancerHTTPListener", func(c sdkClients) (*slb.CreateLoadBalancerHTTPListenerResponse, error) {
		r := slb.CreateCreateLoadBalancerHTTPListenerRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort, r.BackendServerPort = lb, requests.NewInteger(8081), requests.NewInteger(8080)
		r.HealthCheck, r.StickySession, r.StickySessionType, r.CookieTimeout = "on", "on", "insert", requests.NewInteger(600)
		return c.slb.CreateLoadBalancerHTTPListener(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerHTTPListenerResponse, error) {
		cm := common(8081, 8080)
		cm.Bandwidth = 0
		return c.CreateLoadBalancerHTTPListener(ctx, &model.CreateLoadBalancerHTTPListenerRequest{ListenerCommon: cm,
			HTTPListenerOptions: model.HTTPListenerOptions{HealthCheck: "on", StickySession: "on", StickySessionType: "insert", CookieTimeout: 600}})
	})
	do(p, "CreateLoadBalancerHTTPSListener", func(c sdkClients) (*slb.CreateLoadBalancerHTTPSListenerResponse, error) {
		r := slb.CreateCreateLoadBalancerHTTPSListenerRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort, r.BackendServerPort = lb, requests.NewInteger(443), requests.NewInteger(8443)
		r.Bandwidth, r.ServerCertificateId = requests.NewInteger(-1), "1231579085529123_166f8204689_1714763408_709341888"
		return c.slb.CreateLoadBalancerHTTPSListener(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerHTTPSListenerResponse, error) {
		return c.CreateLoadBalancerHTTPSListener(ctx, &model.CreateLoadBalancerHTTPSListenerRequest{ListenerCommon: common(443, 8443),
			ServerCertificateId: "1231579085529123_166f8204689_1714763408_709341888"})
	})
	do(p, "StartLoadBalancerListener", func(c sdkClients) (*slb.StartLoadBalancerListenerResponse, error) {
		r := slb.CreateStartLoadBalancerListenerRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort, r.ListenerProtocol = lb, requests.NewInteger(80), "tcp"
		return c.slb.StartLoadBalancerListener(r)
	}, func(ctx context.Context, c *fake.Client) (*model.StartLoadBalancerListenerResponse, error) {
		return c.StartLoadBalancerListener(ctx, &model.ListenerRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 80, ListenerProtocol: "tcp"})
	})
	listed := do(p, "DescribeLoadBalancerListeners", func(c sdkClients) (*slb.DescribeLoadBalancerListenersResponse, error) {
		r := slb.CreateDescribeLoadBalancerListenersRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId = &[]string{lb}
		return c.slb.DescribeLoadBalancerListeners(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerListenersResponse, error) {
		return c.DescribeLoadBalancerListeners(ctx, &model.DescribeLoadBalancerListenersRequest{RegionId: region, LoadBalancerId: []string{lb}})
	})
	require.Len(t, listed.Listeners, 4)
	// A listener as a tag resource (<lb>_<protocol>_<port>), and the
	// listing's Tag.N filter.
	do(p, "TagResources", func(c sdkClients) (*slb.TagResourcesResponse, error) {
		r := slb.CreateTagResourcesRequest()
		r.AcceptFormat = c.format()
		r.ResourceType, r.ResourceId = "listener", &[]string{lb + "_udp_80"}
		r.Tag = &[]slb.TagResourcesTag{{Key: "team", Value: "net"}}
		return c.slb.TagResources(r)
	}, func(ctx context.Context, c *fake.Client) (*model.TagResourcesResponse, error) {
		return c.TagResources(ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "listener", ResourceId: []string{lb + "_udp_80"},
			Tag: []model.Tag{{Key: "team", Value: "net"}}})
	})
	tagged := do(p, "DescribeLoadBalancerListeners", func(c sdkClients) (*slb.DescribeLoadBalancerListenersResponse, error) {
		r := slb.CreateDescribeLoadBalancerListenersRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId = &[]string{lb}
		r.Tag = &[]slb.DescribeLoadBalancerListenersTag{{Key: "team", Value: "net"}}
		return c.slb.DescribeLoadBalancerListeners(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerListenersResponse, error) {
		return c.DescribeLoadBalancerListeners(ctx, &model.DescribeLoadBalancerListenersRequest{RegionId: region, LoadBalancerId: []string{lb},
			Tag: []model.Tag{{Key: "team", Value: "net"}}})
	})
	require.Len(t, tagged.Listeners, 1, "the Tag.N filter reached the fake")
	require.Equal(t, "udp", tagged.Listeners[0].ListenerProtocol)
	tcp := do(p, "DescribeLoadBalancerTCPListenerAttribute", func(c sdkClients) (*slb.DescribeLoadBalancerTCPListenerAttributeResponse, error) {
		r := slb.CreateDescribeLoadBalancerTCPListenerAttributeRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort = lb, requests.NewInteger(80)
		return c.slb.DescribeLoadBalancerTCPListenerAttribute(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerTCPListenerAttributeResponse, error) {
		return c.DescribeLoadBalancerTCPListenerAttribute(ctx, &model.ListenerAttributeRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 80})
	})
	require.Equal(t, 3, tcp.HealthCheckInterval, "the SDK's healthCheckInterval reached the listener")
	require.Equal(t, "running", tcp.Status)
	udp := do(p, "DescribeLoadBalancerUDPListenerAttribute", func(c sdkClients) (*slb.DescribeLoadBalancerUDPListenerAttributeResponse, error) {
		r := slb.CreateDescribeLoadBalancerUDPListenerAttributeRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort = lb, requests.NewInteger(80)
		return c.slb.DescribeLoadBalancerUDPListenerAttribute(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerUDPListenerAttributeResponse, error) {
		return c.DescribeLoadBalancerUDPListenerAttribute(ctx, &model.ListenerAttributeRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 80})
	})
	require.Equal(t, 4, udp.HealthCheckInterval)
	do(p, "DescribeLoadBalancerHTTPListenerAttribute", func(c sdkClients) (*slb.DescribeLoadBalancerHTTPListenerAttributeResponse, error) {
		r := slb.CreateDescribeLoadBalancerHTTPListenerAttributeRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort = lb, requests.NewInteger(8081)
		return c.slb.DescribeLoadBalancerHTTPListenerAttribute(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerHTTPListenerAttributeResponse, error) {
		return c.DescribeLoadBalancerHTTPListenerAttribute(ctx, &model.ListenerAttributeRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 8081})
	})
	do(p, "DescribeLoadBalancerHTTPSListenerAttribute", func(c sdkClients) (*slb.DescribeLoadBalancerHTTPSListenerAttributeResponse, error) {
		r := slb.CreateDescribeLoadBalancerHTTPSListenerAttributeRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort = lb, requests.NewInteger(443)
		return c.slb.DescribeLoadBalancerHTTPSListenerAttribute(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerHTTPSListenerAttributeResponse, error) {
		return c.DescribeLoadBalancerHTTPSListenerAttribute(ctx, &model.ListenerAttributeRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 443})
	})
	do(p, "SetLoadBalancerTCPListenerAttribute", func(c sdkClients) (*slb.SetLoadBalancerTCPListenerAttributeResponse, error) {
		r := slb.CreateSetLoadBalancerTCPListenerAttributeRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort, r.Scheduler, r.HealthCheckInterval = lb, requests.NewInteger(80), "wlc", requests.NewInteger(5)
		return c.slb.SetLoadBalancerTCPListenerAttribute(r)
	}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerTCPListenerAttributeResponse, error) {
		return c.SetLoadBalancerTCPListenerAttribute(ctx, &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
			RegionId: region, LoadBalancerId: lb, ListenerPort: 80, Scheduler: "wlc"}, HealthCheckInterval: 5})
	})
	do(p, "SetLoadBalancerHTTPListenerAttribute", func(c sdkClients) (*slb.SetLoadBalancerHTTPListenerAttributeResponse, error) {
		r := slb.CreateSetLoadBalancerHTTPListenerAttributeRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort, r.Description = lb, requests.NewInteger(8081), "web"
		return c.slb.SetLoadBalancerHTTPListenerAttribute(r)
	}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerHTTPListenerAttributeResponse, error) {
		return c.SetLoadBalancerHTTPListenerAttribute(ctx, &model.SetLoadBalancerHTTPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
			RegionId: region, LoadBalancerId: lb, ListenerPort: 8081, Description: "web"}})
	})
	health := do(p, "DescribeHealthStatus", func(c sdkClients) (*slb.DescribeHealthStatusResponse, error) {
		r := slb.CreateDescribeHealthStatusRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId = lb
		return c.slb.DescribeHealthStatus(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeHealthStatusResponse, error) {
		return c.DescribeHealthStatus(ctx, &model.ListenerRequest{RegionId: region, LoadBalancerId: lb})
	})
	require.NotEmpty(t, health.BackendServers.BackendServer)
	do(p, "StopLoadBalancerListener", func(c sdkClients) (*slb.StopLoadBalancerListenerResponse, error) {
		r := slb.CreateStopLoadBalancerListenerRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort, r.ListenerProtocol = lb, requests.NewInteger(80), "tcp"
		return c.slb.StopLoadBalancerListener(r)
	}, func(ctx context.Context, c *fake.Client) (*model.StopLoadBalancerListenerResponse, error) {
		return c.StopLoadBalancerListener(ctx, &model.ListenerRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 80, ListenerProtocol: "tcp"})
	})
	do(p, "DeleteLoadBalancerListener", func(c sdkClients) (*slb.DeleteLoadBalancerListenerResponse, error) {
		r := slb.CreateDeleteLoadBalancerListenerRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort = lb, requests.NewInteger(8081)
		return c.slb.DeleteLoadBalancerListener(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DeleteLoadBalancerListenerResponse, error) {
		return c.DeleteLoadBalancerListener(ctx, &model.ListenerRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 8081})
	})
}

// scenarioListenerParams sets, through the legacy SDK, the listener
// parameters the cloud controller takes from Service annotations
// (connection draining, Proxy Protocol, the X-Forwarded-For_* headers, an
// HTTPS redirection) and reads them back through the SDK, as its "needs
// update" check does: what was set is what comes back.
func scenarioListenerParams(p *pair, lb string) {
	t := p.t
	common := func(port, backend int) model.ListenerCommon {
		return model.ListenerCommon{RegionId: region, LoadBalancerId: lb, ListenerPort: port, BackendServerPort: backend, Bandwidth: -1}
	}
	do(p, "CreateLoadBalancerTCPListener", func(c sdkClients) (*slb.CreateLoadBalancerTCPListenerResponse, error) {
		r := slb.CreateCreateLoadBalancerTCPListenerRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort, r.BackendServerPort, r.Bandwidth = lb, requests.NewInteger(9000), requests.NewInteger(8080), requests.NewInteger(-1)
		r.ProxyProtocolV2Enabled = requests.NewBoolean(true)
		return c.slb.CreateLoadBalancerTCPListener(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerTCPListenerResponse, error) {
		return c.CreateLoadBalancerTCPListener(ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: common(9000, 8080),
			ConnectionDrainOptions: model.ConnectionDrainOptions{ProxyProtocolV2Enabled: "true"}})
	})
	do(p, "SetLoadBalancerTCPListenerAttribute", func(c sdkClients) (*slb.SetLoadBalancerTCPListenerAttributeResponse, error) {
		r := slb.CreateSetLoadBalancerTCPListenerAttributeRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort = lb, requests.NewInteger(9000)
		r.ConnectionDrain, r.ConnectionDrainTimeout, r.HealthCheckSwitch = "on", requests.NewInteger(300), "off"
		return c.slb.SetLoadBalancerTCPListenerAttribute(r)
	}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerTCPListenerAttributeResponse, error) {
		return c.SetLoadBalancerTCPListenerAttribute(ctx, &model.SetLoadBalancerTCPListenerAttributeRequest{
			ListenerUpdate: model.ListenerUpdate{RegionId: region, LoadBalancerId: lb, ListenerPort: 9000}, HealthCheckSwitch: "off",
			ConnectionDrainOptions: model.ConnectionDrainOptions{ConnectionDrain: "on", ConnectionDrainTimeout: 300}})
	})
	tcpReq := slb.CreateDescribeLoadBalancerTCPListenerAttributeRequest()
	tcpReq.AcceptFormat = p.sdk.format()
	tcpReq.LoadBalancerId, tcpReq.ListenerPort = lb, requests.NewInteger(9000)
	tcp, err := p.sdk.slb.DescribeLoadBalancerTCPListenerAttribute(tcpReq)
	require.NoError(t, err)
	// The same read on the Go API twin keeps the twins' request IDs in step.
	_, err = p.api.DescribeLoadBalancerTCPListenerAttribute(p.ctx, &model.ListenerAttributeRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 9000})
	require.NoError(t, err)
	require.Equal(t, "on", tcp.ConnectionDrain)
	require.Equal(t, 300, tcp.ConnectionDrainTimeout)
	require.True(t, tcp.ProxyProtocolV2Enabled)
	require.Equal(t, "off", tcp.HealthCheck)
	require.Equal(t, "off", tcp.AclStatus)

	listReq := slb.CreateDescribeLoadBalancerListenersRequest()
	listReq.AcceptFormat = p.sdk.format()
	listReq.LoadBalancerId = &[]string{lb}
	listReq.ListenerProtocol = "tcp"
	listed, err := p.sdk.slb.DescribeLoadBalancerListeners(listReq)
	require.NoError(t, err)
	_, err = p.api.DescribeLoadBalancerListeners(p.ctx, &model.DescribeLoadBalancerListenersRequest{RegionId: region, LoadBalancerId: []string{lb}, ListenerProtocol: "tcp"})
	require.NoError(t, err)
	var found bool
	for _, l := range listed.Listeners {
		if l.ListenerPort == 9000 {
			found = true
			require.Equal(t, "off", l.TCPListenerConfig.HealthCheckSwitch, "the cloud controller reads HealthCheckSwitch")
			require.Equal(t, "on", l.TCPListenerConfig.ConnectionDrain)
			require.Equal(t, 300, l.TCPListenerConfig.ConnectionDrainTimeout)
			require.Equal(t, "true", l.TCPListenerConfig.ProxyProtocolV2Enabled)
		}
	}
	require.True(t, found, "the TCP listener on 9000 is listed")

	do(p, "CreateLoadBalancerHTTPListener", func(c sdkClients) (*slb.CreateLoadBalancerHTTPListenerResponse, error) {
		r := slb.CreateCreateLoadBalancerHTTPListenerRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort, r.BackendServerPort = lb, requests.NewInteger(9080), requests.NewInteger(8080)
		r.XForwardedForProto, r.XForwardedForSLBPORT = "on", "on"
		return c.slb.CreateLoadBalancerHTTPListener(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerHTTPListenerResponse, error) {
		cm := common(9080, 8080)
		cm.Bandwidth = 0
		return c.CreateLoadBalancerHTTPListener(ctx, &model.CreateLoadBalancerHTTPListenerRequest{ListenerCommon: cm,
			HTTPListenerOptions: model.HTTPListenerOptions{XForwardedFor_proto: "on", XForwardedFor_SLBPORT: "on"}})
	})
	do(p, "SetLoadBalancerHTTPListenerAttribute", func(c sdkClients) (*slb.SetLoadBalancerHTTPListenerAttributeResponse, error) {
		r := slb.CreateSetLoadBalancerHTTPListenerAttributeRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ListenerPort = lb, requests.NewInteger(9080)
		r.XForwardedForClientSrcPort, r.XForwardedForSLBIP, r.XForwardedForSLBID = "on", "on", "on"
		return c.slb.SetLoadBalancerHTTPListenerAttribute(r)
	}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerHTTPListenerAttributeResponse, error) {
		return c.SetLoadBalancerHTTPListenerAttribute(ctx, &model.SetLoadBalancerHTTPListenerAttributeRequest{
			ListenerUpdate:      model.ListenerUpdate{RegionId: region, LoadBalancerId: lb, ListenerPort: 9080},
			HTTPListenerOptions: model.HTTPListenerOptions{XForwardedFor_ClientSrcPort: "on", XForwardedFor_SLBIP: "on", XForwardedFor_SLBID: "on"}})
	})
	httpReq := slb.CreateDescribeLoadBalancerHTTPListenerAttributeRequest()
	httpReq.AcceptFormat = p.sdk.format()
	httpReq.LoadBalancerId, httpReq.ListenerPort = lb, requests.NewInteger(9080)
	http, err := p.sdk.slb.DescribeLoadBalancerHTTPListenerAttribute(httpReq)
	require.NoError(t, err)
	_, err = p.api.DescribeLoadBalancerHTTPListenerAttribute(p.ctx, &model.ListenerAttributeRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 9080})
	require.NoError(t, err)
	require.Equal(t, [5]string{"on", "on", "on", "on", "on"}, [5]string{http.XForwardedForProto, http.XForwardedForSLBPORT,
		http.XForwardedForClientSrcPort, http.XForwardedForSLBIP, http.XForwardedForSLBID})
	require.Equal(t, "off", http.ListenerForward)
}
