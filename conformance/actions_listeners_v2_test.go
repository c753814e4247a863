package conformance

import (
	"context"

	"github.com/alibabacloud-go/tea/dara"
	"github.com/slbfake/slbfake/conformance/internal/slbv2models"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// scenarioListenersV2 is scenarioListeners (actions_listeners_test.go)
// through the V2.0 clients' CallApi, with the parameter names the generated
// slb-20140515 client puts in the query: healthCheckInterval in lower case
// for CreateLoadBalancerTCPListener and CreateLoadBalancerUDPListener (as
// the legacy SDK), HealthCheckInterval for the other calls, and
// DescribeLoadBalancerListeners' LoadBalancerId as a list (LoadBalancerId.N).
func scenarioListenersV2(p *v2Pair, lb string) {
	t := p.t
	i32 := dara.Int32
	common := func(port, backend int) model.ListenerCommon {
		return model.ListenerCommon{RegionId: region, LoadBalancerId: lb, ListenerPort: port, BackendServerPort: backend, Bandwidth: -1}
	}
	do(p, "CreateLoadBalancerTCPListener", func(c v2Clients) (*slbv2models.CreateLoadBalancerTCPListenerResponse, error) {
		return callSLB[slbv2models.CreateLoadBalancerTCPListenerResponse](c, "CreateLoadBalancerTCPListener", q{"RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": i32(80), "BackendServerPort": i32(8080), "Bandwidth": i32(-1), "Scheduler": "rr",
			"healthCheckInterval": i32(3)})
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerTCPListenerResponse, error) {
		cm := common(80, 8080)
		cm.Scheduler = "rr"
		return c.CreateLoadBalancerTCPListener(ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: cm, HealthCheckInterval: 3})
	})
	do(p, "CreateLoadBalancerUDPListener", func(c v2Clients) (*slbv2models.CreateLoadBalancerUDPListenerResponse, error) {
		return callSLB[slbv2models.CreateLoadBalancerUDPListenerResponse](c, "CreateLoadBalancerUDPListener", q{"RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": i32(80), "BackendServerPort": i32(8080), "Bandwidth": i32(-1),
			"healthCheckInterval": i32(4)})
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerUDPListenerResponse, error) {
		return c.CreateLoadBalancerUDPListener(ctx, &model.CreateLoadBalancerUDPListenerRequest{ListenerCommon: common(80, 8080), HealthCheckInterval: 4})
	})
	do(p, "CreateLoadBalancerHTTPListener", func(c v2Clients) (*slbv2models.CreateLoadBalancerHTTPListenerResponse, error) {
		return callSLB[slbv2models.CreateLoadBalancerHTTPListenerResponse](c, "CreateLoadBalancerHTTPListener", q{"RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": i32(8081), "BackendServerPort": i32(8080), "HealthCheck": "on",
			"HealthCheckInterval": i32(6), "StickySession": "on", "StickySessionType": "insert", "CookieTimeout": i32(600)})
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerHTTPListenerResponse, error) {
		cm := common(8081, 8080)
		cm.Bandwidth = 0
		return c.CreateLoadBalancerHTTPListener(ctx, &model.CreateLoadBalancerHTTPListenerRequest{ListenerCommon: cm,
			HTTPListenerOptions: model.HTTPListenerOptions{HealthCheck: "on", HealthCheckInterval: 6, StickySession: "on",
				StickySessionType: "insert", CookieTimeout: 600}})
	})
	const cert = "1231579085529123_166f8204689_1714763408_709341888"
	do(p, "CreateLoadBalancerHTTPSListener", func(c v2Clients) (*slbv2models.CreateLoadBalancerHTTPSListenerResponse, error) {
		return callSLB[slbv2models.CreateLoadBalancerHTTPSListenerResponse](c, "CreateLoadBalancerHTTPSListener", q{"RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": i32(443), "BackendServerPort": i32(8443), "Bandwidth": i32(-1),
			"ServerCertificateId": cert})
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerHTTPSListenerResponse, error) {
		return c.CreateLoadBalancerHTTPSListener(ctx, &model.CreateLoadBalancerHTTPSListenerRequest{ListenerCommon: common(443, 8443),
			ServerCertificateId: cert})
	})
	do(p, "StartLoadBalancerListener", func(c v2Clients) (*slbv2models.StartLoadBalancerListenerResponse, error) {
		return callSLB[slbv2models.StartLoadBalancerListenerResponse](c, "StartLoadBalancerListener", q{"RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": i32(80), "ListenerProtocol": "tcp"})
	}, func(ctx context.Context, c *fake.Client) (*model.StartLoadBalancerListenerResponse, error) {
		return c.StartLoadBalancerListener(ctx, &model.ListenerRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 80, ListenerProtocol: "tcp"})
	})
	listed := do(p, "DescribeLoadBalancerListeners", func(c v2Clients) (*slbv2models.DescribeLoadBalancerListenersResponse, error) {
		return callSLB[slbv2models.DescribeLoadBalancerListenersResponse](c, "DescribeLoadBalancerListeners", q{"RegionId": region,
			"LoadBalancerId": dara.StringSlice([]string{lb})}) // LoadBalancerId.1
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerListenersResponse, error) {
		return c.DescribeLoadBalancerListeners(ctx, &model.DescribeLoadBalancerListenersRequest{RegionId: region, LoadBalancerId: []string{lb}})
	})
	require.Len(t, listed.Listeners, 4, "the bare Listeners array, filtered by LoadBalancerId.1")
	do(p, "TagResources", func(c v2Clients) (*requestIdResponse, error) {
		return callSLB[requestIdResponse](c, "TagResources", q{"RegionId": region, "ResourceType": "listener",
			"ResourceId": dara.StringSlice([]string{lb + "_udp_80"}), "Tag": []any{map[string]any{"Key": "team", "Value": "net"}}})
	}, func(ctx context.Context, c *fake.Client) (*model.TagResourcesResponse, error) {
		return c.TagResources(ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "listener", ResourceId: []string{lb + "_udp_80"},
			Tag: []model.Tag{{Key: "team", Value: "net"}}})
	})
	tagged := do(p, "DescribeLoadBalancerListeners", func(c v2Clients) (*slbv2models.DescribeLoadBalancerListenersResponse, error) {
		return callSLB[slbv2models.DescribeLoadBalancerListenersResponse](c, "DescribeLoadBalancerListeners", q{"RegionId": region,
			"Tag": []any{map[string]any{"Key": "team", "Value": "net"}}}) // Tag.1.Key, Tag.1.Value
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerListenersResponse, error) {
		return c.DescribeLoadBalancerListeners(ctx, &model.DescribeLoadBalancerListenersRequest{RegionId: region,
			Tag: []model.Tag{{Key: "team", Value: "net"}}})
	})
	require.Len(t, tagged.Listeners, 1, "the Tag.N filter reached the fake")
	require.Equal(t, "udp", tagged.Listeners[0].ListenerProtocol)
	filtered := do(p, "DescribeLoadBalancerListeners", func(c v2Clients) (*slbv2models.DescribeLoadBalancerListenersResponse, error) {
		return callSLB[slbv2models.DescribeLoadBalancerListenersResponse](c, "DescribeLoadBalancerListeners", q{"RegionId": region,
			"LoadBalancerId": dara.StringSlice([]string{lb}), "ListenerProtocol": "udp", "MaxResults": i32(10)})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerListenersResponse, error) {
		return c.DescribeLoadBalancerListeners(ctx, &model.DescribeLoadBalancerListenersRequest{RegionId: region, LoadBalancerId: []string{lb},
			ListenerProtocol: "udp", MaxResults: 10})
	})
	require.Len(t, filtered.Listeners, 1, "the ListenerProtocol filter reached the fake")
	require.NotNil(t, filtered.Listeners[0].UDPListenerConfig)
	require.Equal(t, 4, filtered.Listeners[0].UDPListenerConfig.HealthCheckInterval, "healthCheckInterval reached the UDP listener")

	tcp := do(p, "DescribeLoadBalancerTCPListenerAttribute", func(c v2Clients) (*slbv2models.DescribeLoadBalancerTCPListenerAttributeResponse, error) {
		return callSLB[slbv2models.DescribeLoadBalancerTCPListenerAttributeResponse](c, "DescribeLoadBalancerTCPListenerAttribute", q{"RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": i32(80)})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerTCPListenerAttributeResponse, error) {
		return c.DescribeLoadBalancerTCPListenerAttribute(ctx, &model.ListenerAttributeRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 80})
	})
	require.Equal(t, 3, tcp.HealthCheckInterval, "the V2.0 client's healthCheckInterval reached the listener")
	require.Equal(t, "running", tcp.Status)
	do(p, "DescribeLoadBalancerUDPListenerAttribute", func(c v2Clients) (*slbv2models.DescribeLoadBalancerUDPListenerAttributeResponse, error) {
		return callSLB[slbv2models.DescribeLoadBalancerUDPListenerAttributeResponse](c, "DescribeLoadBalancerUDPListenerAttribute", q{"RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": i32(80)})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerUDPListenerAttributeResponse, error) {
		return c.DescribeLoadBalancerUDPListenerAttribute(ctx, &model.ListenerAttributeRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 80})
	})
	httpAttr := do(p, "DescribeLoadBalancerHTTPListenerAttribute", func(c v2Clients) (*slbv2models.DescribeLoadBalancerHTTPListenerAttributeResponse, error) {
		return callSLB[slbv2models.DescribeLoadBalancerHTTPListenerAttributeResponse](c, "DescribeLoadBalancerHTTPListenerAttribute", q{"RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": i32(8081)})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerHTTPListenerAttributeResponse, error) {
		return c.DescribeLoadBalancerHTTPListenerAttribute(ctx, &model.ListenerAttributeRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 8081})
	})
	require.Equal(t, 6, httpAttr.HealthCheckInterval, "HealthCheckInterval reached the HTTP listener")
	do(p, "DescribeLoadBalancerHTTPSListenerAttribute", func(c v2Clients) (*slbv2models.DescribeLoadBalancerHTTPSListenerAttributeResponse, error) {
		return callSLB[slbv2models.DescribeLoadBalancerHTTPSListenerAttributeResponse](c, "DescribeLoadBalancerHTTPSListenerAttribute", q{"RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": i32(443)})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerHTTPSListenerAttributeResponse, error) {
		return c.DescribeLoadBalancerHTTPSListenerAttribute(ctx, &model.ListenerAttributeRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 443})
	})
	// SetLoadBalancerTCPListenerAttribute's interval is HealthCheckInterval,
	// capitalised, in both SDKs.
	do(p, "SetLoadBalancerTCPListenerAttribute", func(c v2Clients) (*slbv2models.SetLoadBalancerTCPListenerAttributeResponse, error) {
		return callSLB[slbv2models.SetLoadBalancerTCPListenerAttributeResponse](c, "SetLoadBalancerTCPListenerAttribute", q{"RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": i32(80), "Scheduler": "wlc", "HealthCheckInterval": i32(5), "PersistenceTimeout": i32(0)})
	}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerTCPListenerAttributeResponse, error) {
		zero := 0
		return c.SetLoadBalancerTCPListenerAttribute(ctx, &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
			RegionId: region, LoadBalancerId: lb, ListenerPort: 80, Scheduler: "wlc"}, HealthCheckInterval: 5, PersistenceTimeout: &zero})
	})
	do(p, "SetLoadBalancerHTTPListenerAttribute", func(c v2Clients) (*slbv2models.SetLoadBalancerHTTPListenerAttributeResponse, error) {
		return callSLB[slbv2models.SetLoadBalancerHTTPListenerAttributeResponse](c, "SetLoadBalancerHTTPListenerAttribute", q{"RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": i32(8081), "Description": "web"})
	}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerHTTPListenerAttributeResponse, error) {
		return c.SetLoadBalancerHTTPListenerAttribute(ctx, &model.SetLoadBalancerHTTPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
			RegionId: region, LoadBalancerId: lb, ListenerPort: 8081, Description: "web"}})
	})
	listed = do(p, "DescribeLoadBalancerListeners", func(c v2Clients) (*slbv2models.DescribeLoadBalancerListenersResponse, error) {
		return callSLB[slbv2models.DescribeLoadBalancerListenersResponse](c, "DescribeLoadBalancerListeners", q{"RegionId": region,
			"ListenerPort": i32(80), "ListenerProtocol": "tcp"})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerListenersResponse, error) {
		return c.DescribeLoadBalancerListeners(ctx, &model.DescribeLoadBalancerListenersRequest{RegionId: region, ListenerPort: 80, ListenerProtocol: "tcp"})
	})
	require.Len(t, listed.Listeners, 1)
	require.Equal(t, 5, listed.Listeners[0].TCPListenerConfig.HealthCheckInterval, "the Set call's HealthCheckInterval reached the listener")

	health := do(p, "DescribeHealthStatus", func(c v2Clients) (*slbv2models.DescribeHealthStatusResponse, error) {
		return callSLB[slbv2models.DescribeHealthStatusResponse](c, "DescribeHealthStatus", q{"RegionId": region, "LoadBalancerId": lb})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeHealthStatusResponse, error) {
		return c.DescribeHealthStatus(ctx, &model.ListenerRequest{RegionId: region, LoadBalancerId: lb})
	})
	require.NotEmpty(t, health.BackendServers.BackendServer)
	narrowed := do(p, "DescribeHealthStatus", func(c v2Clients) (*slbv2models.DescribeHealthStatusResponse, error) {
		return callSLB[slbv2models.DescribeHealthStatusResponse](c, "DescribeHealthStatus", q{"RegionId": region, "LoadBalancerId": lb,
			"ListenerPort": i32(80), "ListenerProtocol": "tcp"})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeHealthStatusResponse, error) {
		return c.DescribeHealthStatus(ctx, &model.ListenerRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 80, ListenerProtocol: "tcp"})
	})
	for _, s := range narrowed.BackendServers.BackendServer {
		require.Equal(t, 80, s.ListenerPort, "the ListenerPort filter reached the fake")
		require.Equal(t, "TCP", s.Protocol)
	}
	do(p, "StopLoadBalancerListener", func(c v2Clients) (*slbv2models.StopLoadBalancerListenerResponse, error) {
		return callSLB[slbv2models.StopLoadBalancerListenerResponse](c, "StopLoadBalancerListener", q{"RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": i32(80), "ListenerProtocol": "tcp"})
	}, func(ctx context.Context, c *fake.Client) (*model.StopLoadBalancerListenerResponse, error) {
		return c.StopLoadBalancerListener(ctx, &model.ListenerRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 80, ListenerProtocol: "tcp"})
	})
	do(p, "DeleteLoadBalancerListener", func(c v2Clients) (*slbv2models.DeleteLoadBalancerListenerResponse, error) {
		return callSLB[slbv2models.DeleteLoadBalancerListenerResponse](c, "DeleteLoadBalancerListener", q{"RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": i32(80), "ListenerProtocol": "udp"})
	}, func(ctx context.Context, c *fake.Client) (*model.DeleteLoadBalancerListenerResponse, error) {
		return c.DeleteLoadBalancerListener(ctx, &model.ListenerRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 80, ListenerProtocol: "udp"})
	})
	listed = do(p, "DescribeLoadBalancerListeners", func(c v2Clients) (*slbv2models.DescribeLoadBalancerListenersResponse, error) {
		return callSLB[slbv2models.DescribeLoadBalancerListenersResponse](c, "DescribeLoadBalancerListeners", q{"RegionId": region,
			"LoadBalancerId": dara.StringSlice([]string{lb}), "ListenerPort": i32(80)})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerListenersResponse, error) {
		return c.DescribeLoadBalancerListeners(ctx, &model.DescribeLoadBalancerListenersRequest{RegionId: region, LoadBalancerId: []string{lb}, ListenerPort: 80})
	})
	require.Len(t, listed.Listeners, 1, "ListenerProtocol udp deleted the UDP listener on the port the TCP one shares")
	require.Equal(t, "tcp", listed.Listeners[0].ListenerProtocol)
}
