package engine_test

// CreateLoadBalancer's network and address rules (issue 10, items 1 and 2),
// and calls that change nothing (item 7): they write nothing, so they are
// not applied and open no configuring window.

import (
	"fmt"
	"testing"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// createLB calls CreateLoadBalancer in testRegion as testAccount.
func createLB(s *engine.Store, req model.CreateLoadBalancerRequest) (*model.CreateLoadBalancerResponse, *model.Error) {
	if req.RegionId == "" {
		req.RegionId = testRegion
	}
	return s.CreateLoadBalancer(testAccount, &req)
}

// DOC (the CLB reference, VSwitchId: "if you specify this parameter,
// AddressType defaults to intranet"; the OpenAPI Explorer example "create an
// internal-facing CLB instance" sends VpcId and VSwitchId only).
func TestCreateLoadBalancerVSwitchImpliesIntranet(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	for _, req := range []model.CreateLoadBalancerRequest{
		{VpcId: w.vpc1, VSwitchId: w.vswA},
		{VSwitchId: w.vswA},
		{VSwitchId: w.vswA, AddressType: "intranet"},
	} {
		resp, e := createLB(w.s, req)
		require.Nil(t, e, "%+v", req)
		assert.Equal(t, "vpc", resp.NetworkType)
		assert.Equal(t, w.vpc1, resp.VpcId)
		assert.Equal(t, w.vswA, resp.VSwitchId)
		attr, e := w.s.DescribeLoadBalancerAttribute(testAccount, &model.DescribeLoadBalancerAttributeRequest{RegionId: testRegion, LoadBalancerId: resp.LoadBalancerId})
		require.Nil(t, e)
		assert.Equal(t, "intranet", attr.AddressType)
		assert.Equal(t, "cn-hangzhou-h", attr.MasterZoneId, "the vSwitch's zone")
	}
	// Without a vSwitch the default stays internet; an explicit internet LB
	// in a vSwitch is still refused (INF).
	resp, e := createLB(w.s, model.CreateLoadBalancerRequest{})
	require.Nil(t, e)
	assert.Equal(t, "classic", resp.NetworkType)
	_, e = createLB(w.s, model.CreateLoadBalancerRequest{VSwitchId: w.vswA, AddressType: "internet"})
	requireAPIError(t, model.ErrInvalidParameterValue("VSwitchId"), e)
}

// DOC ("specify the private IP address of an internal-facing CLB instance":
// an IPv4 address of the vSwitch's CIDR block, not in use; only for VPC
// intranet LBs).
func TestCreateLoadBalancerAddress(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	resp, e := createLB(w.s, model.CreateLoadBalancerRequest{VSwitchId: w.vswA, Address: "192.168.1.200"})
	require.Nil(t, e)
	assert.Equal(t, "192.168.1.200", resp.Address)
	lbs, e := w.s.DescribeLoadBalancers(testAccount, &model.DescribeLoadBalancersRequest{RegionId: testRegion, Address: "192.168.1.200"})
	require.Nil(t, e)
	require.Len(t, lbs.LoadBalancers.LoadBalancer, 1)
	assert.Equal(t, resp.LoadBalancerId, lbs.LoadBalancers.LoadBalancer[0].LoadBalancerId)

	// The address is leased: an instance cannot take it, nor another LB.
	_, e = w.s.RunInstances(testAccount, &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "ecs.g7.large",
		VSwitchId: w.vswA, PrivateIpAddress: "192.168.1.200"})
	requireAPIError(t, model.ErrIpAddressUsed(), e)

	// Deleting the LB frees it.
	_, e = w.s.DeleteLoadBalancer(testAccount, &model.DeleteLoadBalancerRequest{RegionId: testRegion, LoadBalancerId: resp.LoadBalancerId})
	require.Nil(t, e)
	again, e := createLB(w.s, model.CreateLoadBalancerRequest{VSwitchId: w.vswA, Address: "192.168.1.200"})
	require.Nil(t, e)
	assert.Equal(t, "192.168.1.200", again.Address)

	// Without Address the lowest free address of the vSwitch, as before.
	auto, e := createLB(w.s, model.CreateLoadBalancerRequest{VSwitchId: w.vswA})
	require.Nil(t, e)
	assert.Equal(t, "192.168.1.1", auto.Address)
}

func TestCreateLoadBalancerAddressErrors(t *testing.T) {
	t.Parallel()
	build := func(t *testing.T) (*engine.Store, ecsWorld) {
		w := newECSWorld(t)
		_, e := createLB(w.s, model.CreateLoadBalancerRequest{VSwitchId: w.vswA, Address: "192.168.1.50"})
		require.Nil(t, e)
		return w.s, w
	}
	w := newECSWorld(t) // for the IDs of the names below; each case builds its own
	cases := []struct {
		name string
		req  model.CreateLoadBalancerRequest
		want *model.Error
	}{
		{"taken by another LB", model.CreateLoadBalancerRequest{VSwitchId: w.vswA, Address: "192.168.1.50"}, model.ErrIpAddressUsed()},
		{"outside the vSwitch", model.CreateLoadBalancerRequest{VSwitchId: w.vswA, Address: "192.168.2.50"}, model.ErrPrivateIpNotInVSwitch()},
		{"the vSwitch's first address (reserved)", model.CreateLoadBalancerRequest{VSwitchId: w.vswA, Address: "192.168.1.0"}, model.ErrPrivateIpNotInVSwitch()},
		{"one of its last three (reserved)", model.CreateLoadBalancerRequest{VSwitchId: w.vswA, Address: "192.168.1.253"}, model.ErrPrivateIpNotInVSwitch()},
		{"not an address", model.CreateLoadBalancerRequest{VSwitchId: w.vswA, Address: "192.168.1"}, model.ErrPrivateIpMalformed()},
		{"IPv6", model.CreateLoadBalancerRequest{VSwitchId: w.vswA, Address: "fd00::1"}, model.ErrPrivateIpMalformed()},
		{"intranet without a vSwitch", model.CreateLoadBalancerRequest{AddressType: "intranet", Address: "10.0.0.9"}, model.ErrMissingParameter("VSwitchId")},
		{"internet", model.CreateLoadBalancerRequest{Address: "47.0.0.9"}, model.ErrInvalidParameterValue("Address")},
		{"unknown vSwitch first", model.CreateLoadBalancerRequest{VSwitchId: "vsw-bp1nosuchvswitch0000", Address: "bad"}, model.ErrVSwitchNotFound()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, _ := build(t)
			before := s.Dump()
			var changes []engine.Change
			_, e := createLB(s.Tracked(&changes), tc.req)
			requireAPIError(t, tc.want, e)
			assert.Equal(t, before, s.Dump())
			assert.Empty(t, changes)
		})
	}
}

// lbWithBackends is a VPC LB of an ecsWorld with two Running instances
// attached, on a store with a configuring window of a minute.
type lbWithBackends struct {
	ecsWorld
	clock *testClock
	lb    string
	inst  []string
}

func newLBWithBackends(t *testing.T) lbWithBackends {
	clock := newTestClock()
	w := lbWithBackends{ecsWorld: newECSWorldWith(t, engine.Config{Now: clock.Now, ConfiguringWindow: time.Minute}), clock: clock}
	w.inst = w.run(t, w.vswA, 3)
	resp, e := createLB(w.s, model.CreateLoadBalancerRequest{VSwitchId: w.vswA})
	require.Nil(t, e)
	w.lb = resp.LoadBalancerId
	_, e = w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb,
		BackendServers: fmt.Sprintf(`[{"ServerId":%q,"Weight":10,"Description":"a"},{"ServerId":%q}]`, w.inst[0], w.inst[1])})
	require.Nil(t, e)
	clock.Advance(time.Minute) // the window of that add is over
	return w
}

// Issue 10, item 7: a call that changes nothing writes nothing (so the fake
// records it as not applied) and opens no configuring window.
func TestNoOpBackendCallsWriteNothing(t *testing.T) {
	t.Parallel()
	w := newLBWithBackends(t)
	noop := map[string]func(s *engine.Store) *model.Error{
		"Remove of an unattached server": func(s *engine.Store) *model.Error {
			_, e := s.RemoveBackendServers(testAccount, &model.RemoveBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb,
				BackendServers: fmt.Sprintf(`[{"ServerId":%q},{"ServerId":"i-bp1nosuchinstance000"}]`, w.inst[2])})
			return e
		},
		"Set to the current weight and description": func(s *engine.Store) *model.Error {
			_, e := s.SetBackendServers(testAccount, &model.SetBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb,
				BackendServers: fmt.Sprintf(`[{"ServerId":%q,"Weight":10,"Description":"a"},{"ServerId":%q,"Weight":100}]`, w.inst[0], w.inst[1])})
			return e
		},
		"Set without weight or description": func(s *engine.Store) *model.Error {
			_, e := s.SetBackendServers(testAccount, &model.SetBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb,
				BackendServers: fmt.Sprintf(`[{"ServerId":%q}]`, w.inst[1])})
			return e
		},
		"Add without elements": func(s *engine.Store) *model.Error {
			_, e := s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb, BackendServers: "[]"})
			return e
		},
		"SetLoadBalancerStatus to the current status": func(s *engine.Store) *model.Error {
			_, e := s.SetLoadBalancerStatus(testAccount, &model.SetLoadBalancerStatusRequest{RegionId: testRegion, LoadBalancerId: w.lb, LoadBalancerStatus: "active"})
			return e
		},
	}
	for name, call := range noop {
		before := w.s.Dump()
		var changes []engine.Change
		require.Nil(t, call(w.s.Tracked(&changes)), name)
		assert.Empty(t, changes, "%s: nothing written", name)
		assert.Equal(t, before, w.s.Dump(), name)
	}
	// No window was opened: a change goes through at once, and opens one.
	_, e := w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb,
		BackendServers: fmt.Sprintf(`[{"ServerId":%q}]`, w.inst[2])})
	require.Nil(t, e)
	_, e = w.s.RemoveBackendServers(testAccount, &model.RemoveBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb,
		BackendServers: fmt.Sprintf(`[{"ServerId":%q}]`, w.inst[2])})
	requireAPIError(t, model.ErrBackendServerConfiguring(), e)

	// A Set that changes one value writes that backend only, and is a change.
	w.clock.Advance(time.Minute)
	var changes []engine.Change
	_, e = w.s.Tracked(&changes).SetBackendServers(testAccount, &model.SetBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb,
		BackendServers: fmt.Sprintf(`[{"ServerId":%q,"Weight":10},{"ServerId":%q,"Weight":11}]`, w.inst[0], w.inst[1])})
	require.Nil(t, e)
	tables := map[string]int{}
	for _, c := range changes {
		tables[c.Table]++
	}
	assert.Equal(t, map[string]int{"backends": 1, "loadbalancers": 1}, tables, "the changed backend and the LB's window")
}
