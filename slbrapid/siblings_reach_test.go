package slbrapid

import (
	"context"
	"slices"
	"testing"

	"github.com/slbfake/slbfake/model"
	"pgregory.net/rapid"
)

// siblingActions are the actions of DefaultActions for groups, listeners,
// tags and protection.
var siblingActions = DefaultActions[slices.Index(DefaultActions, "CreateVServerGroup"):]

// siblingWorkload calls every sibling action twice, on the world's first
// LB, its first group and listener when it has them (made up otherwise):
// the calls a fault rule over these actions can meet.
func siblingWorkload(s *Scenario) {
	ctx, c := context.Background(), s.Client
	lb := s.Built.LoadBalancers[0]
	region := s.Built.RegionOf[lb]
	group := "rsp-bp1000000000000000000001"
	if ids := s.Built.VServerGroups[lb]; len(ids) > 0 {
		group = ids[0]
	}
	members := `[{"ServerId":"` + s.Built.Instances[0] + `","Port":80}]`
	listener := model.ListenerRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 80, ListenerProtocol: "tcp"}
	common := model.ListenerCommon{RegionId: region, LoadBalancerId: lb, ListenerPort: 9000, BackendServerPort: 80, Bandwidth: -1}
	for range 2 {
		_, _ = c.CreateVServerGroup(ctx, &model.CreateVServerGroupRequest{RegionId: region, LoadBalancerId: lb})
		_, _ = c.AddVServerGroupBackendServers(ctx, &model.AddVServerGroupBackendServersRequest{RegionId: region, VServerGroupId: group, BackendServers: members})
		_, _ = c.RemoveVServerGroupBackendServers(ctx, &model.RemoveVServerGroupBackendServersRequest{RegionId: region, VServerGroupId: group, BackendServers: members})
		_, _ = c.ModifyVServerGroupBackendServers(ctx, &model.ModifyVServerGroupBackendServersRequest{RegionId: region, VServerGroupId: group,
			OldBackendServers: members, NewBackendServers: members})
		_, _ = c.SetVServerGroupAttribute(ctx, &model.SetVServerGroupAttributeRequest{RegionId: region, VServerGroupId: group, VServerGroupName: "renamed"})
		_, _ = c.DescribeVServerGroups(ctx, &model.DescribeVServerGroupsRequest{RegionId: region, LoadBalancerId: lb})
		_, _ = c.DescribeVServerGroupAttribute(ctx, &model.DescribeVServerGroupAttributeRequest{RegionId: region, VServerGroupId: group})
		_, _ = c.CreateLoadBalancerTCPListener(ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: common})
		_, _ = c.CreateLoadBalancerUDPListener(ctx, &model.CreateLoadBalancerUDPListenerRequest{ListenerCommon: common})
		_, _ = c.CreateLoadBalancerHTTPListener(ctx, &model.CreateLoadBalancerHTTPListenerRequest{ListenerCommon: common})
		_, _ = c.CreateLoadBalancerHTTPSListener(ctx, &model.CreateLoadBalancerHTTPSListenerRequest{ListenerCommon: common, ServerCertificateId: "cert"})
		_, _ = c.StartLoadBalancerListener(ctx, &listener)
		_, _ = c.StopLoadBalancerListener(ctx, &listener)
		update := model.ListenerUpdate{RegionId: region, LoadBalancerId: lb, ListenerPort: 80, Bandwidth: -1}
		_, _ = c.SetLoadBalancerTCPListenerAttribute(ctx, &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: update})
		_, _ = c.SetLoadBalancerHTTPListenerAttribute(ctx, &model.SetLoadBalancerHTTPListenerAttributeRequest{ListenerUpdate: update})
		_, _ = c.DescribeLoadBalancerListeners(ctx, &model.DescribeLoadBalancerListenersRequest{RegionId: region, LoadBalancerId: []string{lb}})
		_, _ = c.DescribeHealthStatus(ctx, &model.DescribeHealthStatusRequest{RegionId: region, LoadBalancerId: lb})
		_, _ = c.TagResources(ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lb},
			Tag: []model.Tag{{Key: "k", Value: "v"}}})
		_, _ = c.ListTagResources(ctx, &model.ListTagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lb}})
		_, _ = c.UntagResources(ctx, &model.UntagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lb}, TagKey: []string{"k"}})
		_, _ = c.SetLoadBalancerDeleteProtection(ctx, &model.SetLoadBalancerDeleteProtectionRequest{RegionId: region, LoadBalancerId: lb, DeleteProtection: "off"})
		_, _ = c.SetLoadBalancerModificationProtection(ctx, &model.SetLoadBalancerModificationProtectionRequest{RegionId: region,
			LoadBalancerId: lb, ModificationProtectionStatus: "NonProtection"})
		_, _ = c.DeleteLoadBalancerListener(ctx, &listener)
		_, _ = c.DeleteVServerGroup(ctx, &model.DeleteVServerGroupRequest{RegionId: region, VServerGroupId: group})
	}
}

// TestSiblingFaultsFire: fault plans drawn over the group, listener, tag
// and protection actions fire on calls of every one of them, with the
// listener busy codes among the answers, over 400 of rapid's draws from a
// fixed seed (so that the test cannot flake).
func TestSiblingFaultsFire(t *testing.T) {
	if err := setFlag(t, "rapid.seed", "20240101"); err != nil {
		t.Fatalf("cannot fix rapid's seed: %v", err)
	}
	if err := setFlag(t, "rapid.checks", "400"); err != nil {
		t.Fatalf("cannot set rapid's checks: %v", err)
	}
	fired := map[string]int{}
	codes := map[model.Code]bool{}
	CheckWith(t, Config{Actions: siblingActions, World: WorldConfig{MinLBs: 1, MinInstances: 1}}, func(t *rapid.T, s *Scenario) {
		siblingWorkload(s)
		for _, c := range s.Fake.Calls() {
			if c.Fault != "" {
				fired[c.Action]++
				codes[c.Code] = true
			}
		}
	})
	for _, a := range siblingActions {
		if fired[a] == 0 {
			t.Errorf("no drawn fault fired on %s", a)
		}
	}
	for _, code := range []model.Code{model.CodeOperationDeny, model.CodeServiceIsStopping} {
		if !codes[code] {
			t.Errorf("no drawn fault answered %s", code)
		}
	}
	t.Logf("faults fired per action: %v", fired)
}
