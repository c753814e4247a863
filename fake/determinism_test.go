package fake_test

import (
	"context"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// script runs the same calls against a fake and returns every ID,
// RequestId and timestamp the fake handed out.
func script(t *testing.T, f *fake.Fake) []string {
	t.Helper()
	ctx := context.Background()
	c := f.Client()
	var out []string
	vpc, err := f.PutVpc(model.Vpc{RegionId: "cn-shanghai"})
	require.NoError(t, err)
	vsw, err := f.PutVSwitch(model.VSwitch{RegionId: "cn-shanghai", VpcId: vpc.VpcId})
	require.NoError(t, err)
	inst, err := f.PutInstance(model.Instance{RegionId: "cn-shanghai", VSwitchId: vsw.VSwitchId})
	require.NoError(t, err)
	out = append(out, vpc.VpcId, vpc.VRouterId, vsw.VSwitchId, inst.InstanceId, inst.PrivateIp)
	lb, err := c.CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: "cn-shanghai", AddressType: "intranet", VSwitchId: vsw.VSwitchId})
	require.NoError(t, err)
	out = append(out, lb.RequestId, lb.LoadBalancerId, lb.Address)
	add, err := c.AddBackendServers(ctx, &model.AddBackendServersRequest{RegionId: "cn-shanghai", LoadBalancerId: lb.LoadBalancerId,
		BackendServers: `[{"ServerId":"` + inst.InstanceId + `"}]`})
	require.NoError(t, err)
	out = append(out, add.RequestId)
	_, err = c.AddBackendServers(ctx, &model.AddBackendServersRequest{RegionId: "cn-shanghai", LoadBalancerId: "lb-missing"})
	var apiErr *model.Error
	require.ErrorAs(t, err, &apiErr)
	out = append(out, apiErr.RequestId)
	attr, err := c.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: "cn-shanghai", LoadBalancerId: lb.LoadBalancerId})
	require.NoError(t, err)
	out = append(out, attr.RequestId, attr.CreateTime, attr.MasterZoneId)
	return out
}

func TestSameSeedSameIDs(t *testing.T) {
	t.Parallel()
	clock := fake.ClockFunc(func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) })
	a := script(t, fake.New(fake.WithSeed(7), fake.WithClock(clock)))
	b := script(t, fake.New(fake.WithSeed(7), fake.WithClock(clock)))
	c := script(t, fake.New(fake.WithSeed(8), fake.WithClock(clock)))
	require.Equal(t, a, b, "same seed, same calls")
	require.NotEqual(t, a[0], c[0], "another seed draws other IDs")
	require.Regexp(t, `^vpc-uf6[0-9a-z]{18}$`, a[0])
	require.Regexp(t, `^vsw-uf6[0-9a-z]{18}$`, a[2])
	require.Regexp(t, `^i-uf6[0-9a-z]{17}$`, a[3])
	require.Regexp(t, `^lb-uf6[0-9a-z]{18}$`, a[6])
	require.Equal(t, "2026-01-02T03:04Z", a[len(a)-2], "CreateTime comes from the injected clock")
}

func TestCanceledContextChangesNothing(t *testing.T) {
	t.Parallel()
	f := fake.New()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	before := f.State()
	_, err := f.Client().CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: "cn-hangzhou"})
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, before, f.State())
}

func TestAccountsAreIsolated(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := fake.New()
	lb, err := f.ClientForAccount("1111").CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: "cn-hangzhou"})
	require.NoError(t, err)
	list, err := f.ClientForAccount("2222").DescribeLoadBalancers(ctx, &model.DescribeLoadBalancersRequest{RegionId: "cn-hangzhou"})
	require.NoError(t, err)
	require.Zero(t, list.TotalCount)
	_, err = f.ClientForAccount("2222").DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb.LoadBalancerId})
	var apiErr *model.Error
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, model.Code("InvalidLoadBalancerId.NotFound"), apiErr.Code)
	require.Equal(t, 404, apiErr.HTTPStatus)
}
