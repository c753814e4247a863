package conformance

import (
	"context"
	"fmt"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/slb"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// scenarioGroups drives every vServer group action through the legacy SDK
// on lb, with two Running instances of its network: create, add (the
// Kubernetes cloud controller's lower-case form), set, modify, describe,
// remove, delete.
func scenarioGroups(p *pair, lb, a, b string) {
	t := p.t
	created := do(p, "CreateVServerGroup", func(c sdkClients) (*slb.CreateVServerGroupResponse, error) {
		r := slb.CreateCreateVServerGroupRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.VServerGroupName = lb, "k8s/80/web/default/c1"
		r.BackendServers = fmt.Sprintf(`[{'ServerId':'%s','Port':'80','Weight':'100', 'Type': 'ecs'}]`, a)
		return c.slb.CreateVServerGroup(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateVServerGroupResponse, error) {
		return c.CreateVServerGroup(ctx, &model.CreateVServerGroupRequest{RegionId: region, LoadBalancerId: lb, VServerGroupName: "k8s/80/web/default/c1",
			BackendServers: fmt.Sprintf(`[{'ServerId':'%s','Port':'80','Weight':'100', 'Type': 'ecs'}]`, a)})
	})
	g := created.VServerGroupId
	require.Len(t, created.BackendServers.BackendServer, 1)

	ccm := fmt.Sprintf(`[{"IsUserManaged":false,"NodeName":null,"TargetRef":{"kind":"Node","name":"n2"},"serverId":%q,"port":80,"weight":100,"type":"ecs","description":"k8s/80/web/default/c1"}]`, b)
	do(p, "AddVServerGroupBackendServers", func(c sdkClients) (*slb.AddVServerGroupBackendServersResponse, error) {
		r := slb.CreateAddVServerGroupBackendServersRequest()
		r.AcceptFormat = c.format()
		r.VServerGroupId, r.BackendServers = g, ccm
		return c.slb.AddVServerGroupBackendServers(r)
	}, func(ctx context.Context, c *fake.Client) (*model.AddVServerGroupBackendServersResponse, error) {
		return c.AddVServerGroupBackendServers(ctx, &model.AddVServerGroupBackendServersRequest{RegionId: region, VServerGroupId: g, BackendServers: ccm})
	})
	weights := fmt.Sprintf(`[{"ServerId":%q,"Port":80,"Weight":30}]`, b)
	do(p, "SetVServerGroupAttribute", func(c sdkClients) (*slb.SetVServerGroupAttributeResponse, error) {
		r := slb.CreateSetVServerGroupAttributeRequest()
		r.AcceptFormat = c.format()
		r.VServerGroupId, r.VServerGroupName, r.BackendServers = g, "renamed", weights
		return c.slb.SetVServerGroupAttribute(r)
	}, func(ctx context.Context, c *fake.Client) (*model.SetVServerGroupAttributeResponse, error) {
		return c.SetVServerGroupAttribute(ctx, &model.SetVServerGroupAttributeRequest{RegionId: region, VServerGroupId: g, VServerGroupName: "renamed", BackendServers: weights})
	})
	oldServers, newServers := fmt.Sprintf(`[{"ServerId":%q,"Port":80}]`, a), fmt.Sprintf(`[{"ServerId":%q,"Port":81,"Weight":10}]`, a)
	do(p, "ModifyVServerGroupBackendServers", func(c sdkClients) (*slb.ModifyVServerGroupBackendServersResponse, error) {
		r := slb.CreateModifyVServerGroupBackendServersRequest()
		r.AcceptFormat = c.format()
		r.VServerGroupId, r.OldBackendServers, r.NewBackendServers = g, oldServers, newServers
		return c.slb.ModifyVServerGroupBackendServers(r)
	}, func(ctx context.Context, c *fake.Client) (*model.ModifyVServerGroupBackendServersResponse, error) {
		return c.ModifyVServerGroupBackendServers(ctx, &model.ModifyVServerGroupBackendServersRequest{RegionId: region, VServerGroupId: g,
			OldBackendServers: oldServers, NewBackendServers: newServers})
	})
	list := do(p, "DescribeVServerGroups", func(c sdkClients) (*slb.DescribeVServerGroupsResponse, error) {
		r := slb.CreateDescribeVServerGroupsRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId = lb
		return c.slb.DescribeVServerGroups(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeVServerGroupsResponse, error) {
		return c.DescribeVServerGroups(ctx, &model.DescribeVServerGroupsRequest{RegionId: region, LoadBalancerId: lb})
	})
	require.Len(t, list.VServerGroups.VServerGroup, 1)
	attr := do(p, "DescribeVServerGroupAttribute", func(c sdkClients) (*slb.DescribeVServerGroupAttributeResponse, error) {
		r := slb.CreateDescribeVServerGroupAttributeRequest()
		r.AcceptFormat = c.format()
		r.VServerGroupId = g
		return c.slb.DescribeVServerGroupAttribute(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeVServerGroupAttributeResponse, error) {
		return c.DescribeVServerGroupAttribute(ctx, &model.DescribeVServerGroupAttributeRequest{RegionId: region, VServerGroupId: g})
	})
	require.Len(t, attr.BackendServers.BackendServer, 2)
	removeServers := fmt.Sprintf(`[{"ServerId":%q,"Port":80}]`, b)
	do(p, "RemoveVServerGroupBackendServers", func(c sdkClients) (*slb.RemoveVServerGroupBackendServersResponse, error) {
		r := slb.CreateRemoveVServerGroupBackendServersRequest()
		r.AcceptFormat = c.format()
		r.VServerGroupId, r.BackendServers = g, removeServers
		return c.slb.RemoveVServerGroupBackendServers(r)
	}, func(ctx context.Context, c *fake.Client) (*model.RemoveVServerGroupBackendServersResponse, error) {
		return c.RemoveVServerGroupBackendServers(ctx, &model.RemoveVServerGroupBackendServersRequest{RegionId: region, VServerGroupId: g, BackendServers: removeServers})
	})
	do(p, "DeleteVServerGroup", func(c sdkClients) (*slb.DeleteVServerGroupResponse, error) {
		r := slb.CreateDeleteVServerGroupRequest()
		r.AcceptFormat = c.format()
		r.VServerGroupId = g
		return c.slb.DeleteVServerGroup(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DeleteVServerGroupResponse, error) {
		return c.DeleteVServerGroup(ctx, &model.DeleteVServerGroupRequest{RegionId: region, VServerGroupId: g})
	})
}
