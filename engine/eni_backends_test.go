package engine_test

// ENI backends whose ENI is detached or deleted (issue 10, item 5), and
// DeleteNetworkInterface. The rule: an ENI backend exists only while its ENI
// is attached to an instance; Add refuses one that is not, and detaching or
// deleting the ENI (DetachNetworkInterface, DeleteInstance of its instance,
// DeleteNetworkInterface) takes it off every LB, so Describe, Set and Remove
// agree with Add.

import (
	"fmt"
	"testing"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// eniLBWorld: an ecsWorld, an instance in vSwitch A with an ENI (one
// secondary IP) attached, and two performance-guaranteed VPC LBs that have
// the ENI as a backend (by both IPs on the first) and the instance too.
type eniLBWorld struct {
	ecsWorld
	inst, eni string
	ips       []string
	lb1, lb2  string
}

func newENILBWorld(t *testing.T) eniLBWorld {
	w := eniLBWorld{ecsWorld: newECSWorld(t)}
	w.inst = w.run(t, w.vswA, 1)[0]
	resp, e := w.s.CreateNetworkInterface(testAccount, &model.CreateNetworkInterfaceRequest{RegionId: testRegion, VSwitchId: w.vswA,
		SecurityGroupId: "sg-bp1test", SecondaryPrivateIpAddressCount: 1})
	require.Nil(t, e)
	w.eni = resp.NetworkInterfaceId
	view := w.eniView(t, w.eni)
	for _, ip := range view.PrivateIpSets.PrivateIpSet {
		w.ips = append(w.ips, ip.PrivateIpAddress)
	}
	_, e = w.s.AttachNetworkInterface(testAccount, &model.AttachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: w.eni, InstanceId: w.inst})
	require.Nil(t, e)
	for i, lb := range []*string{&w.lb1, &w.lb2} {
		r, e := createLB(w.s, model.CreateLoadBalancerRequest{VSwitchId: w.vswA, LoadBalancerSpec: "slb.s2.small"})
		require.Nil(t, e)
		*lb = r.LoadBalancerId
		servers := fmt.Sprintf(`[{"ServerId":%q},{"ServerId":%q,"Type":"eni"}]`, w.inst, w.eni)
		if i == 0 {
			servers = fmt.Sprintf(`[{"ServerId":%q},{"ServerId":%q,"Type":"eni"},{"ServerId":%q,"Type":"eni","ServerIp":%q}]`, w.inst, w.eni, w.eni, w.ips[1])
		}
		_, e = w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: *lb, BackendServers: servers})
		require.Nil(t, e)
	}
	return w
}

func (w eniLBWorld) servers(t *testing.T, lb string) []string {
	t.Helper()
	attr, e := w.s.DescribeLoadBalancerAttribute(testAccount, &model.DescribeLoadBalancerAttributeRequest{RegionId: testRegion, LoadBalancerId: lb})
	require.Nil(t, e)
	var out []string
	for _, b := range attr.BackendServers.BackendServer {
		out = append(out, b.ServerId+"/"+b.ServerIp)
	}
	return out
}

func (w eniLBWorld) lbsWith(t *testing.T, server string) []string {
	t.Helper()
	resp, e := w.s.DescribeLoadBalancers(testAccount, &model.DescribeLoadBalancersRequest{RegionId: testRegion, ServerId: server})
	require.Nil(t, e)
	var out []string
	for _, lb := range resp.LoadBalancers.LoadBalancer {
		out = append(out, lb.LoadBalancerId)
	}
	return out
}

// afterENIGone checks the one rule from every side once the ENI is no longer
// attached: no LB lists it or is found by it, Set refuses it as it does any
// unattached server, Remove ignores it, Add refuses it; the instance stays.
func (w eniLBWorld) afterENIGone(t *testing.T, addErr *model.Error) {
	t.Helper()
	instIp := w.describe(t, w.inst).VpcAttributes.PrivateIpAddress.IpAddress[0]
	assert.Equal(t, []string{w.inst + "/" + instIp}, w.servers(t, w.lb1))
	assert.Equal(t, []string{w.inst + "/" + instIp}, w.servers(t, w.lb2))
	assert.Empty(t, w.lbsWith(t, w.eni))
	assert.ElementsMatch(t, []string{w.lb1, w.lb2}, w.lbsWith(t, w.inst))
	eniElem := fmt.Sprintf(`[{"ServerId":%q,"Type":"eni"}]`, w.eni)
	_, e := w.s.SetBackendServers(testAccount, &model.SetBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb1, BackendServers: eniElem})
	requireAPIError(t, model.ErrBackendServersInvalid(), e)
	var changes []engine.Change
	_, e = w.s.Tracked(&changes).RemoveBackendServers(testAccount, &model.RemoveBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb1, BackendServers: eniElem})
	require.Nil(t, e)
	assert.Empty(t, changes)
	_, e = w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb1, BackendServers: eniElem})
	requireAPIError(t, addErr, e)
}

func TestDetachedENILeavesEveryLB(t *testing.T) {
	t.Parallel()
	w := newENILBWorld(t)
	require.Len(t, w.servers(t, w.lb1), 3)
	var changes []engine.Change
	_, e := w.s.Tracked(&changes).DetachNetworkInterface(testAccount, &model.DetachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: w.eni, InstanceId: w.inst})
	require.Nil(t, e)
	removed := 0
	for _, c := range changes {
		if c.Table == "backends" && c.After == nil {
			removed++
		}
	}
	assert.Equal(t, 3, removed, "both IPs on the first LB, one on the second: one transaction")
	w.afterENIGone(t, model.ErrBackendServersInvalid())

	// Attached again, it can be added again.
	_, e = w.s.AttachNetworkInterface(testAccount, &model.AttachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: w.eni, InstanceId: w.inst})
	require.Nil(t, e)
	_, e = w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb1,
		BackendServers: fmt.Sprintf(`[{"ServerId":%q,"Type":"eni"}]`, w.eni)})
	require.Nil(t, e)
}

func TestDeleteInstanceDetachesItsENIsFromEveryLB(t *testing.T) {
	t.Parallel()
	w := newENILBWorld(t)
	_, e := w.s.DeleteInstance(testAccount, &model.DeleteInstanceRequest{InstanceId: w.inst, Force: true})
	require.Nil(t, e)
	for _, lb := range []string{w.lb1, w.lb2} {
		assert.Empty(t, w.servers(t, lb), "the instance and its ENI's backends are gone")
	}
	assert.Empty(t, w.lbsWith(t, w.eni))
	assert.Equal(t, "Available", w.eniView(t, w.eni).Status)
}

func TestDeleteNetworkInterface(t *testing.T) {
	t.Parallel()
	w := newENILBWorld(t)
	del := func(s *engine.Store, req model.DeleteNetworkInterfaceRequest) *model.Error {
		if req.RegionId == "" {
			req.RegionId = testRegion
		}
		_, e := s.DeleteNetworkInterface(testAccount, &req)
		return e
	}
	// Refusals change nothing.
	for _, c := range []struct {
		req  model.DeleteNetworkInterfaceRequest
		want *model.Error
	}{
		{model.DeleteNetworkInterfaceRequest{NetworkInterfaceId: w.eni}, model.ErrIncorrectNetworkInterfaceStatus("Available", "InUse")},
		{model.DeleteNetworkInterfaceRequest{NetworkInterfaceId: "eni-bp1nosucheni00000000"}, model.ErrNetworkInterfaceNotFound()},
		{model.DeleteNetworkInterfaceRequest{}, model.ErrMissingParameter("NetworkInterfaceId")},
		{model.DeleteNetworkInterfaceRequest{RegionId: "cn-nowhere", NetworkInterfaceId: w.eni}, model.ErrInvalidRegionId()},
		{model.DeleteNetworkInterfaceRequest{RegionId: "cn-beijing", NetworkInterfaceId: w.eni}, model.ErrNetworkInterfaceNotFound()},
	} {
		before := w.s.Dump()
		requireAPIError(t, c.want, del(w.s, c.req))
		assert.Equal(t, before, w.s.Dump())
	}
	_, e := w.s.DeleteNetworkInterface(otherAcct, &model.DeleteNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: w.eni})
	requireAPIError(t, model.ErrNetworkInterfaceNotFound(), e)

	_, e = w.s.DetachNetworkInterface(testAccount, &model.DetachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: w.eni, InstanceId: w.inst})
	require.Nil(t, e)
	require.Nil(t, del(w.s, model.DeleteNetworkInterfaceRequest{NetworkInterfaceId: w.eni}))
	resp, e := w.s.DescribeNetworkInterfaces(testAccount, &model.DescribeNetworkInterfacesRequest{RegionId: testRegion, NetworkInterfaceId: []string{w.eni}})
	require.Nil(t, e)
	assert.Empty(t, resp.NetworkInterfaceSets.NetworkInterfaceSet)
	requireAPIError(t, model.ErrNetworkInterfaceNotFound(), del(w.s, model.DeleteNetworkInterfaceRequest{NetworkInterfaceId: w.eni}))
	w.afterENIGone(t, model.ErrObtainIpFail())

	// Its addresses are free again: a new ENI may take them.
	for _, ip := range w.ips {
		for _, lease := range w.s.Dump().IPs {
			assert.NotEqual(t, ip, lease.Ip, "address %s still leased", ip)
		}
	}
	again, e := w.s.CreateNetworkInterface(testAccount, &model.CreateNetworkInterfaceRequest{RegionId: testRegion, VSwitchId: w.vswA,
		SecurityGroupId: "sg-bp1test", PrimaryIpAddress: w.ips[1]})
	require.Nil(t, e)
	assert.Equal(t, w.ips[1], again.PrivateIpAddress)
}
