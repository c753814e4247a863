package conformance

import (
	"context"
	"fmt"

	"github.com/slbfake/slbfake/conformance/internal/slbv2models"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// scenarioGroupsV2 is scenarioGroups (actions_groups_test.go) through the
// V2.0 clients' CallApi.
func scenarioGroupsV2(p *v2Pair, lb, a, b string) {
	t := p.t
	type q = map[string]any
	createServers := fmt.Sprintf(`[{'ServerId':'%s','Port':'80','Weight':'100', 'Type': 'ecs'}]`, a)
	created := do(p, "CreateVServerGroup", func(c v2Clients) (*slbv2models.CreateVServerGroupResponse, error) {
		return callSLB[slbv2models.CreateVServerGroupResponse](c, "CreateVServerGroup", q{"RegionId": region, "LoadBalancerId": lb,
			"VServerGroupName": "k8s/80/web/default/c1", "BackendServers": createServers})
	}, func(ctx context.Context, c *fake.Client) (*model.CreateVServerGroupResponse, error) {
		return c.CreateVServerGroup(ctx, &model.CreateVServerGroupRequest{RegionId: region, LoadBalancerId: lb, VServerGroupName: "k8s/80/web/default/c1", BackendServers: createServers})
	})
	g := created.VServerGroupId
	ccm := fmt.Sprintf(`[{"IsUserManaged":false,"NodeName":null,"TargetRef":{"kind":"Node","name":"n2"},"serverId":%q,"port":80,"weight":100,"type":"ecs","description":"k8s/80/web/default/c1"}]`, b)
	do(p, "AddVServerGroupBackendServers", func(c v2Clients) (*slbv2models.AddVServerGroupBackendServersResponse, error) {
		return callSLB[slbv2models.AddVServerGroupBackendServersResponse](c, "AddVServerGroupBackendServers", q{"RegionId": region, "VServerGroupId": g, "BackendServers": ccm})
	}, func(ctx context.Context, c *fake.Client) (*model.AddVServerGroupBackendServersResponse, error) {
		return c.AddVServerGroupBackendServers(ctx, &model.AddVServerGroupBackendServersRequest{RegionId: region, VServerGroupId: g, BackendServers: ccm})
	})
	weights := fmt.Sprintf(`[{"ServerId":%q,"Port":80,"Weight":30}]`, b)
	do(p, "SetVServerGroupAttribute", func(c v2Clients) (*slbv2models.SetVServerGroupAttributeResponse, error) {
		return callSLB[slbv2models.SetVServerGroupAttributeResponse](c, "SetVServerGroupAttribute", q{"RegionId": region, "VServerGroupId": g,
			"VServerGroupName": "renamed", "BackendServers": weights})
	}, func(ctx context.Context, c *fake.Client) (*model.SetVServerGroupAttributeResponse, error) {
		return c.SetVServerGroupAttribute(ctx, &model.SetVServerGroupAttributeRequest{RegionId: region, VServerGroupId: g, VServerGroupName: "renamed", BackendServers: weights})
	})
	oldServers, newServers := fmt.Sprintf(`[{"ServerId":%q,"Port":80}]`, a), fmt.Sprintf(`[{"ServerId":%q,"Port":81,"Weight":10}]`, a)
	do(p, "ModifyVServerGroupBackendServers", func(c v2Clients) (*slbv2models.ModifyVServerGroupBackendServersResponse, error) {
		return callSLB[slbv2models.ModifyVServerGroupBackendServersResponse](c, "ModifyVServerGroupBackendServers", q{"RegionId": region, "VServerGroupId": g,
			"OldBackendServers": oldServers, "NewBackendServers": newServers})
	}, func(ctx context.Context, c *fake.Client) (*model.ModifyVServerGroupBackendServersResponse, error) {
		return c.ModifyVServerGroupBackendServers(ctx, &model.ModifyVServerGroupBackendServersRequest{RegionId: region, VServerGroupId: g,
			OldBackendServers: oldServers, NewBackendServers: newServers})
	})
	list := do(p, "DescribeVServerGroups", func(c v2Clients) (*slbv2models.DescribeVServerGroupsResponse, error) {
		return callSLB[slbv2models.DescribeVServerGroupsResponse](c, "DescribeVServerGroups", q{"RegionId": region, "LoadBalancerId": lb})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeVServerGroupsResponse, error) {
		return c.DescribeVServerGroups(ctx, &model.DescribeVServerGroupsRequest{RegionId: region, LoadBalancerId: lb})
	})
	require.Len(t, list.VServerGroups.VServerGroup, 1)
	do(p, "DescribeVServerGroupAttribute", func(c v2Clients) (*slbv2models.DescribeVServerGroupAttributeResponse, error) {
		return callSLB[slbv2models.DescribeVServerGroupAttributeResponse](c, "DescribeVServerGroupAttribute", q{"RegionId": region, "VServerGroupId": g})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeVServerGroupAttributeResponse, error) {
		return c.DescribeVServerGroupAttribute(ctx, &model.DescribeVServerGroupAttributeRequest{RegionId: region, VServerGroupId: g})
	})
	removeServers := fmt.Sprintf(`[{"ServerId":%q,"Port":80}]`, b)
	do(p, "RemoveVServerGroupBackendServers", func(c v2Clients) (*slbv2models.RemoveVServerGroupBackendServersResponse, error) {
		return callSLB[slbv2models.RemoveVServerGroupBackendServersResponse](c, "RemoveVServerGroupBackendServers", q{"RegionId": region, "VServerGroupId": g, "BackendServers": removeServers})
	}, func(ctx context.Context, c *fake.Client) (*model.RemoveVServerGroupBackendServersResponse, error) {
		return c.RemoveVServerGroupBackendServers(ctx, &model.RemoveVServerGroupBackendServersRequest{RegionId: region, VServerGroupId: g, BackendServers: removeServers})
	})
	do(p, "DeleteVServerGroup", func(c v2Clients) (*slbv2models.DeleteVServerGroupResponse, error) {
		return callSLB[slbv2models.DeleteVServerGroupResponse](c, "DeleteVServerGroup", q{"RegionId": region, "VServerGroupId": g})
	}, func(ctx context.Context, c *fake.Client) (*model.DeleteVServerGroupResponse, error) {
		return c.DeleteVServerGroup(ctx, &model.DeleteVServerGroupRequest{RegionId: region, VServerGroupId: g})
	})
}
