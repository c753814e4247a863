package fake_test

import (
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

func TestLifecycleDurationsOnAVirtualClock(t *testing.T) {
	t.Parallel()
	w := newWorldAt(t, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), fake.WithLifecycle(model.LifecycleDurations{
		Pending: 10 * time.Second, Starting: 20 * time.Second, Stopping: 5 * time.Second,
	}))
	c, ctx, clock := w.c, w.ctx, w.clock
	vpc, err := c.CreateVpc(ctx, &model.CreateVpcRequest{RegionId: "cn-hangzhou", CidrBlock: "192.168.0.0/16"})
	require.NoError(t, err)
	vsw, err := c.CreateVSwitch(ctx, &model.CreateVSwitchRequest{RegionId: "cn-hangzhou", VpcId: vpc.VpcId, ZoneId: "cn-hangzhou-h", CidrBlock: "192.168.1.0/24"})
	require.NoError(t, err)
	run, err := c.RunInstances(ctx, &model.RunInstancesRequest{RegionId: "cn-hangzhou", ImageId: "img", InstanceType: "ecs.g7.large", VSwitchId: vsw.VSwitchId})
	require.NoError(t, err)
	id := run.InstanceIdSets.InstanceIdSet[0]
	lb, err := c.CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: "cn-hangzhou", AddressType: "intranet", VSwitchId: vsw.VSwitchId})
	require.NoError(t, err)

	status := func() string {
		out, err := c.DescribeInstanceStatus(ctx, &model.DescribeInstanceStatusRequest{RegionId: "cn-hangzhou", InstanceId: []string{id}})
		require.NoError(t, err)
		require.Len(t, out.InstanceStatuses.InstanceStatus, 1)
		return out.InstanceStatuses.InstanceStatus[0].Status
	}
	add := func() error { return w.add(lb.LoadBalancerId, list(id)) }

	require.Equal(t, "Pending", status())
	require.Equal(t, "ObtainIpFail", codeOf(t, add()))
	_, err = c.StopInstance(ctx, &model.StopInstanceRequest{InstanceId: id})
	require.Equal(t, "IncorrectInstanceStatus", codeOf(t, err))
	clock.Advance(10 * time.Second)
	require.Equal(t, "Starting", status())
	require.Equal(t, "ObtainIpFail", codeOf(t, add()))
	clock.Advance(20 * time.Second)
	require.Equal(t, "Running", status())
	require.NoError(t, add())

	_, err = c.StopInstance(ctx, &model.StopInstanceRequest{InstanceId: id})
	require.NoError(t, err)
	require.Equal(t, "Stopping", status())
	_, err = c.StartInstance(ctx, &model.StartInstanceRequest{InstanceId: id})
	require.Equal(t, "IncorrectInstanceStatus", codeOf(t, err))
	clock.Advance(5 * time.Second)
	require.Equal(t, "Stopped", status())
	_, err = c.StartInstance(ctx, &model.StartInstanceRequest{InstanceId: id})
	require.NoError(t, err)
	require.Equal(t, "Starting", status())
}
