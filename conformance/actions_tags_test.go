package conformance

import (
	"context"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/slb"
	"github.com/slbfake/slbfake/conformance/internal/slbv2models"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

// The tag, protection, charge-type and rename actions through the legacy
// SDK (tagScenario) and the V2.0 CallApi (tagScenarioV2), on an LB of the
// scenario: the cloud controller's calls, Tag.N.Key/Value and the Tags
// filter on the wire included.

// ccmTags is the cloud controller's Describe filter.
const ccmTags = `[{"TagKey":"kubernetes.do.not.delete","TagValue":"a1b2"}]`

func tagScenario(p *pair, lbId string) {
	do(p, "TagResources", func(c sdkClients) (*slb.TagResourcesResponse, error) {
		r := slb.CreateTagResourcesRequest()
		r.AcceptFormat = c.format()
		r.ResourceType, r.ResourceId = "instance", &[]string{lbId}
		r.Tag = &[]slb.TagResourcesTag{{Key: "kubernetes.do.not.delete", Value: "a1b2"}, {Key: "env", Value: ""}}
		return c.slb.TagResources(r)
	}, func(ctx context.Context, c *fake.Client) (*model.TagResourcesResponse, error) {
		return c.TagResources(ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lbId},
			Tag: []model.Tag{{Key: "kubernetes.do.not.delete", Value: "a1b2"}, {Key: "env"}}})
	})
	do(p, "DescribeLoadBalancers", func(c sdkClients) (*slb.DescribeLoadBalancersResponse, error) {
		r := slb.CreateDescribeLoadBalancersRequest()
		r.AcceptFormat = c.format()
		r.Tags = ccmTags
		return c.slb.DescribeLoadBalancers(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancersResponse, error) {
		return c.DescribeLoadBalancers(ctx, &model.DescribeLoadBalancersRequest{RegionId: region, Tags: ccmTags})
	})
	do(p, "ListTagResources", func(c sdkClients) (*slb.ListTagResourcesResponse, error) {
		r := slb.CreateListTagResourcesRequest()
		r.AcceptFormat = c.format()
		r.ResourceType, r.ResourceId = "instance", &[]string{lbId}
		r.Tag = &[]slb.ListTagResourcesTag{{Key: "env"}}
		return c.slb.ListTagResources(r)
	}, func(ctx context.Context, c *fake.Client) (*model.ListTagResourcesResponse, error) {
		return c.ListTagResources(ctx, &model.ListTagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lbId},
			Tag: []model.Tag{{Key: "env"}}})
	})
	do(p, "UntagResources", func(c sdkClients) (*slb.UntagResourcesResponse, error) {
		r := slb.CreateUntagResourcesRequest()
		r.AcceptFormat = c.format()
		r.ResourceType, r.ResourceId, r.TagKey = "instance", &[]string{lbId}, &[]string{"env"}
		return c.slb.UntagResources(r)
	}, func(ctx context.Context, c *fake.Client) (*model.UntagResourcesResponse, error) {
		return c.UntagResources(ctx, &model.UntagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lbId},
			TagKey: []string{"env"}})
	})
	do(p, "SetLoadBalancerModificationProtection", func(c sdkClients) (*slb.SetLoadBalancerModificationProtectionResponse, error) {
		r := slb.CreateSetLoadBalancerModificationProtectionRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.ModificationProtectionStatus, r.ModificationProtectionReason = lbId, "ConsoleProtection", "managed.by.ack"
		return c.slb.SetLoadBalancerModificationProtection(r)
	}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerModificationProtectionResponse, error) {
		return c.SetLoadBalancerModificationProtection(ctx, &model.SetLoadBalancerModificationProtectionRequest{RegionId: region,
			LoadBalancerId: lbId, ModificationProtectionStatus: "ConsoleProtection", ModificationProtectionReason: "managed.by.ack"})
	})
	do(p, "ModifyLoadBalancerInstanceChargeType", func(c sdkClients) (*slb.ModifyLoadBalancerInstanceChargeTypeResponse, error) {
		r := slb.CreateModifyLoadBalancerInstanceChargeTypeRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.InstanceChargeType = lbId, "PayByCLCU"
		return c.slb.ModifyLoadBalancerInstanceChargeType(r)
	}, func(ctx context.Context, c *fake.Client) (*model.ModifyLoadBalancerInstanceChargeTypeResponse, error) {
		return c.ModifyLoadBalancerInstanceChargeType(ctx, &model.ModifyLoadBalancerInstanceChargeTypeRequest{RegionId: region,
			LoadBalancerId: lbId, InstanceChargeType: "PayByCLCU"})
	})
	do(p, "SetLoadBalancerName", func(c sdkClients) (*slb.SetLoadBalancerNameResponse, error) {
		r := slb.CreateSetLoadBalancerNameRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.LoadBalancerName = lbId, "k8s-a1b2"
		return c.slb.SetLoadBalancerName(r)
	}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerNameResponse, error) {
		return c.SetLoadBalancerName(ctx, &model.SetLoadBalancerNameRequest{RegionId: region, LoadBalancerId: lbId, LoadBalancerName: "k8s-a1b2"})
	})
	for _, on := range []string{"on", "off"} {
		do(p, "SetLoadBalancerDeleteProtection", func(c sdkClients) (*slb.SetLoadBalancerDeleteProtectionResponse, error) {
			r := slb.CreateSetLoadBalancerDeleteProtectionRequest()
			r.AcceptFormat = c.format()
			r.LoadBalancerId, r.DeleteProtection = lbId, on
			return c.slb.SetLoadBalancerDeleteProtection(r)
		}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerDeleteProtectionResponse, error) {
			return c.SetLoadBalancerDeleteProtection(ctx, &model.SetLoadBalancerDeleteProtectionRequest{RegionId: region,
				LoadBalancerId: lbId, DeleteProtection: on})
		})
	}
}

// listTagResourcesBody is the V2.0 model of ListTagResources' answer.
type listTagResourcesBody struct {
	NextToken    *string `json:"NextToken,omitempty"`
	RequestId    *string `json:"RequestId,omitempty"`
	TagResources *struct {
		TagResource []*struct {
			ResourceId   *string `json:"ResourceId,omitempty"`
			ResourceType *string `json:"ResourceType,omitempty"`
			TagKey       *string `json:"TagKey,omitempty"`
			TagValue     *string `json:"TagValue,omitempty"`
		} `json:"TagResource,omitempty"`
	} `json:"TagResources,omitempty"`
}

type requestIdResponse = slbv2models.Response[slbv2models.RequestIdBody]

// q is a CallApi query.
type q = map[string]any

func tagScenarioV2(p *v2Pair, lbId string) {
	do(p, "TagResources", func(c v2Clients) (*requestIdResponse, error) {
		return callSLB[requestIdResponse](c, "TagResources", q{"RegionId": region, "ResourceType": "instance",
			"ResourceId": []any{lbId}, "Tag": []any{map[string]any{"Key": "kubernetes.do.not.delete", "Value": "a1b2"}}})
	}, func(ctx context.Context, c *fake.Client) (*model.TagResourcesResponse, error) {
		return c.TagResources(ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lbId},
			Tag: []model.Tag{{Key: "kubernetes.do.not.delete", Value: "a1b2"}}})
	})
	do(p, "ListTagResources", func(c v2Clients) (*slbv2models.Response[listTagResourcesBody], error) {
		return callSLB[slbv2models.Response[listTagResourcesBody]](c, "ListTagResources", q{"RegionId": region,
			"ResourceType": "instance", "ResourceId": []any{lbId}})
	}, func(ctx context.Context, c *fake.Client) (*model.ListTagResourcesResponse, error) {
		return c.ListTagResources(ctx, &model.ListTagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lbId}})
	})
	do(p, "UntagResources", func(c v2Clients) (*requestIdResponse, error) {
		return callSLB[requestIdResponse](c, "UntagResources", q{"RegionId": region, "ResourceType": "instance",
			"ResourceId": []any{lbId}, "All": true})
	}, func(ctx context.Context, c *fake.Client) (*model.UntagResourcesResponse, error) {
		return c.UntagResources(ctx, &model.UntagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lbId}, All: true})
	})
	do(p, "SetLoadBalancerModificationProtection", func(c v2Clients) (*requestIdResponse, error) {
		return callSLB[requestIdResponse](c, "SetLoadBalancerModificationProtection", q{"RegionId": region, "LoadBalancerId": lbId,
			"ModificationProtectionStatus": "ConsoleProtection", "ModificationProtectionReason": "managed.by.ack"})
	}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerModificationProtectionResponse, error) {
		return c.SetLoadBalancerModificationProtection(ctx, &model.SetLoadBalancerModificationProtectionRequest{RegionId: region,
			LoadBalancerId: lbId, ModificationProtectionStatus: "ConsoleProtection", ModificationProtectionReason: "managed.by.ack"})
	})
	do(p, "ModifyLoadBalancerInstanceChargeType", func(c v2Clients) (*requestIdResponse, error) {
		return callSLB[requestIdResponse](c, "ModifyLoadBalancerInstanceChargeType", q{"RegionId": region, "LoadBalancerId": lbId,
			"InstanceChargeType": "PayByCLCU"})
	}, func(ctx context.Context, c *fake.Client) (*model.ModifyLoadBalancerInstanceChargeTypeResponse, error) {
		return c.ModifyLoadBalancerInstanceChargeType(ctx, &model.ModifyLoadBalancerInstanceChargeTypeRequest{RegionId: region,
			LoadBalancerId: lbId, InstanceChargeType: "PayByCLCU"})
	})
	do(p, "SetLoadBalancerName", func(c v2Clients) (*requestIdResponse, error) {
		return callSLB[requestIdResponse](c, "SetLoadBalancerName", q{"RegionId": region, "LoadBalancerId": lbId, "LoadBalancerName": "k8s-a1b2"})
	}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerNameResponse, error) {
		return c.SetLoadBalancerName(ctx, &model.SetLoadBalancerNameRequest{RegionId: region, LoadBalancerId: lbId, LoadBalancerName: "k8s-a1b2"})
	})
	do(p, "SetLoadBalancerDeleteProtection", func(c v2Clients) (*requestIdResponse, error) {
		return callSLB[requestIdResponse](c, "SetLoadBalancerDeleteProtection", q{"RegionId": region, "LoadBalancerId": lbId, "DeleteProtection": "off"})
	}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerDeleteProtectionResponse, error) {
		return c.SetLoadBalancerDeleteProtection(ctx, &model.SetLoadBalancerDeleteProtectionRequest{RegionId: region, LoadBalancerId: lbId, DeleteProtection: "off"})
	})
}
