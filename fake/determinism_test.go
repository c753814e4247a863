package fake_test

import (
	"context"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// script runs the same calls in cn-shanghai against a fresh world and
// returns every ID, RequestId and timestamp the fake handed out.
func script(w *world) []string {
	w.t.Helper()
	w.region = "cn-shanghai"
	var out []string
	vpc := w.vpc("")
	vsw := w.vswitch(vpc, "", "")
	inst := w.putInstance(model.Instance{VSwitchId: vsw.VSwitchId})
	out = append(out, vpc.VpcId, vpc.VRouterId, vsw.VSwitchId, inst.InstanceId, inst.PrivateIp)
	lb, err := w.c.CreateLoadBalancer(w.ctx, &model.CreateLoadBalancerRequest{RegionId: w.region, AddressType: "intranet", VSwitchId: vsw.VSwitchId})
	require.NoError(w.t, err)
	out = append(out, lb.RequestId, lb.LoadBalancerId, lb.Address)
	add := w.mustAdd(lb.LoadBalancerId, list(inst.InstanceId))
	out = append(out, add.RequestId)
	var apiErr *model.Error
	require.ErrorAs(w.t, w.add("lb-missing", ""), &apiErr)
	out = append(out, apiErr.RequestId)
	attr, err := w.c.DescribeLoadBalancerAttribute(w.ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: w.region, LoadBalancerId: lb.LoadBalancerId})
	require.NoError(w.t, err)
	out = append(out, attr.RequestId, attr.CreateTime, attr.MasterZoneId)
	return out
}

func TestSameSeedSameIDs(t *testing.T) {
	t.Parallel()
	clock := fake.ClockFunc(func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) })
	a := script(newWorld(t, fake.WithSeed(7), fake.WithClock(clock)))
	b := script(newWorld(t, fake.WithSeed(7), fake.WithClock(clock)))
	c := script(newWorld(t, fake.WithSeed(8), fake.WithClock(clock)))
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
	w := newWorld(t)
	ctx, cancel := context.WithCancel(w.ctx)
	cancel()
	require.ErrorIs(t, w.unchanged(func() error {
		_, err := w.c.CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: "cn-hangzhou"})
		return err
	}), context.Canceled)
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
