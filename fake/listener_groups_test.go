package fake_test

import (
	"bytes"
	"testing"

	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// A listener that forwards to a vServer group: the group lists it, refuses
// deletion while it is there, and DescribeHealthStatus reports the group's
// members on their own ports; the world survives an export and import.
func TestListenerOnAVServerGroup(t *testing.T) {
	w := newWorld(t)
	lb := w.internetLB()
	running, stopped := w.classic(), w.classic(model.StatusStopped)
	g := w.group(lb, onPort(8080, running))
	require.NoError(t, w.addToGroup(g, onPort(9090, running)))
	other := w.group(lb, "")

	_, err := w.c.CreateLoadBalancerTCPListener(w.ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
		RegionId: w.region, LoadBalancerId: lb, ListenerPort: 80, VServerGroupId: g, Bandwidth: -1}})
	require.NoError(t, err)
	_, err = w.c.StartLoadBalancerListener(w.ctx, &model.ListenerRequest{RegionId: w.region, LoadBalancerId: lb, ListenerPort: 80, ListenerProtocol: "tcp"})
	require.NoError(t, err)

	groups, err := w.c.DescribeVServerGroups(w.ctx, &model.DescribeVServerGroupsRequest{RegionId: w.region, LoadBalancerId: lb, IncludeListener: true})
	require.NoError(t, err)
	require.Len(t, groups.VServerGroups.VServerGroup, 2)
	require.Equal(t, []model.VServerGroupListenerView{{Protocol: "tcp", Port: 80}}, groups.VServerGroups.VServerGroup[0].AssociatedObjects.Listeners.Listener)
	require.Empty(t, groups.VServerGroups.VServerGroup[1].AssociatedObjects.Listeners.Listener, "no listener uses the other group")
	groups, err = w.c.DescribeVServerGroups(w.ctx, &model.DescribeVServerGroupsRequest{RegionId: w.region, LoadBalancerId: lb})
	require.NoError(t, err)
	require.Empty(t, groups.VServerGroups.VServerGroup[0].AssociatedObjects.Listeners.Listener, "listeners only when IncludeListener asks")

	health, err := w.c.DescribeHealthStatus(w.ctx, &model.DescribeHealthStatusRequest{RegionId: w.region, LoadBalancerId: lb})
	require.NoError(t, err)
	var ports []int
	for _, b := range health.BackendServers.BackendServer {
		require.Equal(t, running, b.ServerId)
		require.Equal(t, 80, b.ListenerPort)
		require.Equal(t, "normal", b.ServerHealthStatus)
		ports = append(ports, b.Port)
	}
	require.ElementsMatch(t, []int{8080, 9090}, ports, "each member on its own port")
	require.Error(t, w.addToGroup(g, onPort(8081, stopped)), "a stopped instance never joins")

	_, err = w.c.DeleteVServerGroup(w.ctx, &model.DeleteVServerGroupRequest{RegionId: w.region, VServerGroupId: g})
	requireAPIErr(t, err, apiErr{status: 400, code: "RspoolVipExist", msg: "there are vips associating with this vServer group."})
	_, err = w.c.DeleteVServerGroup(w.ctx, &model.DeleteVServerGroupRequest{RegionId: w.region, VServerGroupId: other})
	require.NoError(t, err, "a group no listener uses goes")

	var state bytes.Buffer
	require.NoError(t, w.f.ExportState(&state))
	require.NoError(t, w.f.ImportState(&state), "a listener on a group is a valid state")

	_, err = w.c.DeleteLoadBalancerListener(w.ctx, &model.ListenerRequest{RegionId: w.region, LoadBalancerId: lb, ListenerPort: 80, ListenerProtocol: "tcp"})
	require.NoError(t, err)
	_, err = w.c.DeleteVServerGroup(w.ctx, &model.DeleteVServerGroupRequest{RegionId: w.region, VServerGroupId: g})
	require.NoError(t, err, "once the listener is gone, the group may go")
}
