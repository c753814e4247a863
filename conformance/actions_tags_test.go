package conformance

import (
	"context"

	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/slb"
	"github.com/slbfake/slbfake/conformance/internal/slbv2models"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// The tag, protection, charge-type and rename actions through the legacy
// SDK (tagScenario) and the V2.0 CallApi (tagScenarioV2), on an LB of the
// scenario: the cloud controller's calls, Tag.N.Key/Value and the Tags
// filter on the wire included.

// ccmTags is the cloud controller's Describe filter.
const ccmTags = `[{"TagKey":"kubernetes.do.not.delete","TagValue":"a1b2"}]`

func tagScenario(p *pair, lbId, other string) {
	t := p.t
	// ResourceId.N and Tag.N.Key/Value: both LBs get both tags.
	do(p, "TagResources", func(c sdkClients) (*slb.TagResourcesResponse, error) {
		r := slb.CreateTagResourcesRequest()
		r.AcceptFormat = c.format()
		r.ResourceType, r.ResourceId = "instance", &[]string{lbId, other}
		r.Tag = &[]slb.TagResourcesTag{{Key: "kubernetes.do.not.delete", Value: "a1b2"}, {Key: "env", Value: ""}}
		return c.slb.TagResources(r)
	}, func(ctx context.Context, c *fake.Client) (*model.TagResourcesResponse, error) {
		return c.TagResources(ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lbId, other},
			Tag: []model.Tag{{Key: "kubernetes.do.not.delete", Value: "a1b2"}, {Key: "env"}}})
	})
	listed := do(p, "ListTagResources", func(c sdkClients) (*slb.ListTagResourcesResponse, error) {
		r := slb.CreateListTagResourcesRequest()
		r.AcceptFormat = c.format()
		r.ResourceType, r.ResourceId = "instance", &[]string{lbId, other}
		r.Tag = &[]slb.ListTagResourcesTag{{Key: "env"}}
		return c.slb.ListTagResources(r)
	}, func(ctx context.Context, c *fake.Client) (*model.ListTagResourcesResponse, error) {
		return c.ListTagResources(ctx, &model.ListTagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lbId, other},
			Tag: []model.Tag{{Key: "env"}}})
	})
	require.Len(t, listed.TagResources.TagResource, 4, "ResourceId.1 and .2 each with both tags")
	// TagKey.N on one of the two: the Tags JSON filter then finds the other.
	do(p, "UntagResources", func(c sdkClients) (*slb.UntagResourcesResponse, error) {
		r := slb.CreateUntagResourcesRequest()
		r.AcceptFormat = c.format()
		r.ResourceType, r.ResourceId, r.TagKey = "instance", &[]string{other}, &[]string{"kubernetes.do.not.delete"}
		return c.slb.UntagResources(r)
	}, func(ctx context.Context, c *fake.Client) (*model.UntagResourcesResponse, error) {
		return c.UntagResources(ctx, &model.UntagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{other},
			TagKey: []string{"kubernetes.do.not.delete"}})
	})
	byTags := do(p, "DescribeLoadBalancers", func(c sdkClients) (*slb.DescribeLoadBalancersResponse, error) {
		r := slb.CreateDescribeLoadBalancersRequest()
		r.AcceptFormat = c.format()
		r.Tags = ccmTags
		return c.slb.DescribeLoadBalancers(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancersResponse, error) {
		return c.DescribeLoadBalancers(ctx, &model.DescribeLoadBalancersRequest{RegionId: region, Tags: ccmTags})
	})
	require.Len(t, byTags.LoadBalancers.LoadBalancer, 1, "the Tags JSON filter reached the fake")
	require.Equal(t, lbId, byTags.LoadBalancers.LoadBalancer[0].LoadBalancerId)
	byTag := do(p, "DescribeLoadBalancers", func(c sdkClients) (*slb.DescribeLoadBalancersResponse, error) {
		r := slb.CreateDescribeLoadBalancersRequest()
		r.AcceptFormat = c.format()
		r.Tag = &[]slb.DescribeLoadBalancersTag{{Key: "env"}}
		return c.slb.DescribeLoadBalancers(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancersResponse, error) {
		return c.DescribeLoadBalancers(ctx, &model.DescribeLoadBalancersRequest{RegionId: region, Tag: []model.Tag{{Key: "env"}}})
	})
	require.Len(t, byTag.LoadBalancers.LoadBalancer, 2, "Tag.1.Key alone matches any value")
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

func tagScenarioV2(p *v2Pair, lbId, other string) {
	t := p.t
	// Lists as the generated requests hold them ([]*string, []*Tag), which
	// openapiutil.Query flattens to ResourceId.N and Tag.N.Key/Value.
	type tag struct{ Key, Value *string }
	s := dara.String
	do(p, "TagResources", func(c v2Clients) (*requestIdResponse, error) {
		return callSLB[requestIdResponse](c, "TagResources", q{"RegionId": region, "ResourceType": "instance",
			"ResourceId": dara.StringSlice([]string{lbId, other}),
			"Tag":        []*tag{{Key: s("kubernetes.do.not.delete"), Value: s("a1b2")}, {Key: s("env"), Value: s("")}}})
	}, func(ctx context.Context, c *fake.Client) (*model.TagResourcesResponse, error) {
		return c.TagResources(ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lbId, other},
			Tag: []model.Tag{{Key: "kubernetes.do.not.delete", Value: "a1b2"}, {Key: "env"}}})
	})
	listed := do(p, "ListTagResources", func(c v2Clients) (*slbv2models.Response[listTagResourcesBody], error) {
		return callSLB[slbv2models.Response[listTagResourcesBody]](c, "ListTagResources", q{"RegionId": region,
			"ResourceType": "instance", "ResourceId": []any{lbId, other}})
	}, func(ctx context.Context, c *fake.Client) (*model.ListTagResourcesResponse, error) {
		return c.ListTagResources(ctx, &model.ListTagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lbId, other}})
	})
	require.Len(t, listed.TagResources.TagResource, 4, "ResourceId.1 and .2 each with both tags")
	do(p, "UntagResources", func(c v2Clients) (*requestIdResponse, error) {
		return callSLB[requestIdResponse](c, "UntagResources", q{"RegionId": region, "ResourceType": "instance",
			"ResourceId": []any{other}, "All": true})
	}, func(ctx context.Context, c *fake.Client) (*model.UntagResourcesResponse, error) {
		return c.UntagResources(ctx, &model.UntagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{other}, All: true})
	})
	for _, filter := range []q{{"Tags": ccmTags}, {"Tag": []*tag{{Key: s("env")}}}} {
		filter["RegionId"] = region
		byTags := do(p, "DescribeLoadBalancers", func(c v2Clients) (*slbv2models.DescribeLoadBalancersResponse, error) {
			return callSLB[slbv2models.DescribeLoadBalancersResponse](c, "DescribeLoadBalancers", filter)
		}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancersResponse, error) {
			r := &model.DescribeLoadBalancersRequest{RegionId: region, Tags: ccmTags}
			if _, ok := filter["Tag"]; ok {
				r = &model.DescribeLoadBalancersRequest{RegionId: region, Tag: []model.Tag{{Key: "env"}}}
			}
			return c.DescribeLoadBalancers(ctx, r)
		})
		require.Len(t, byTags.LoadBalancers.LoadBalancer, 1, "the filter %v reached the fake", filter)
		require.Equal(t, lbId, byTags.LoadBalancers.LoadBalancer[0].LoadBalancerId)
	}
	do(p, "UntagResources", func(c v2Clients) (*requestIdResponse, error) {
		return callSLB[requestIdResponse](c, "UntagResources", q{"RegionId": region, "ResourceType": "instance",
			"ResourceId": []any{lbId}, "TagKey": dara.StringSlice([]string{"env"})})
	}, func(ctx context.Context, c *fake.Client) (*model.UntagResourcesResponse, error) {
		return c.UntagResources(ctx, &model.UntagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{lbId},
			TagKey: []string{"env"}})
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
