package conformance

import (
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/slb"
	"github.com/slbfake/slbfake/fake"
	"github.com/stretchr/testify/require"
)

// The legacy SDK's DescribeLoadBalancers filters reach the fake and are
// honoured (the audit's cases: InstanceChargeType=PayByCLCU and an unknown
// MasterZoneId returned every LB), and CreateLoadBalancer refuses ipv6
// rather than make an IPv4 LB.
func TestSDKDescribeLoadBalancersFiltersAndIPv6(t *testing.T) {
	f := fake.New()
	client, err := slb.NewClientWithAccessKey("cn-hangzhou", fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)
	require.NoError(t, err)
	client.SetTransport(f.RoundTripper())
	client.Domain = "slb.fake.local"

	create := func(chargeType, version string) (*slb.CreateLoadBalancerResponse, error) {
		req := slb.CreateCreateLoadBalancerRequest()
		req.InstanceChargeType, req.AddressIPVersion = chargeType, version
		return client.CreateLoadBalancer(req)
	}
	spec, err := create("", "ipv4")
	require.NoError(t, err)
	require.Equal(t, "ipv4", spec.AddressIPVersion)
	clcu, err := create("PayByCLCU", "")
	require.NoError(t, err)
	_, err = create("", "ipv6")
	require.ErrorContains(t, err, "InvalidParameter")
	require.ErrorContains(t, err, "IPv6")
	require.Len(t, f.State().LoadBalancers, 2, "the refused ipv6 LB was not created")

	list := func(set func(*slb.DescribeLoadBalancersRequest)) []string {
		req := slb.CreateDescribeLoadBalancersRequest()
		set(req)
		resp, err := client.DescribeLoadBalancers(req)
		require.NoError(t, err)
		var ids []string
		for _, lb := range resp.LoadBalancers.LoadBalancer {
			ids = append(ids, lb.LoadBalancerId)
		}
		require.Len(t, ids, resp.TotalCount)
		return ids
	}
	require.Equal(t, []string{clcu.LoadBalancerId}, list(func(r *slb.DescribeLoadBalancersRequest) { r.InstanceChargeType = "PayByCLCU" }))
	require.Empty(t, list(func(r *slb.DescribeLoadBalancersRequest) { r.MasterZoneId = "no-such-zone" }))
	require.Empty(t, list(func(r *slb.DescribeLoadBalancersRequest) { r.AddressIPVersion = "ipv6" }))
	require.Len(t, list(func(r *slb.DescribeLoadBalancersRequest) { r.AddressIPVersion = "ipv4" }), 2)
}
