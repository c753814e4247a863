package engine_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// Tags, protection and charge type (slb_tags.go, slb_protection.go), on the
// Store directly. Every refused call must leave the world as it was.

func tagLBs(t testingT, s *engine.Store, id string, tags ...model.Tag) {
	t.Helper()
	_, e := s.TagResources(testAccount, &model.TagResourcesRequest{RegionId: testRegion, ResourceType: "instance",
		ResourceId: []string{id}, Tag: tags})
	require.Nil(t, e)
}

func describeByTags(t testingT, s *engine.Store, req model.DescribeLoadBalancersRequest) ([]string, int) {
	t.Helper()
	req.RegionId = testRegion
	resp, e := s.DescribeLoadBalancers(testAccount, &req)
	require.Nil(t, e)
	var ids []string
	for _, lb := range resp.LoadBalancers.LoadBalancer {
		ids = append(ids, lb.LoadBalancerId)
	}
	return ids, resp.TotalCount
}

// TestDescribeByTagsFindsItsOwnLB is the cloud controller's story: two LBs
// in the world, one tagged with the Service's UID; the Tags filter finds
// that one only, and Describe echoes the tags.
func TestDescribeByTagsFindsItsOwnLB(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	other, e := s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion, LoadBalancerName: "k8s"})
	require.Nil(t, e)
	mine, e := s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion, LoadBalancerName: "k8s",
		ClientToken: "uid-1", DeleteProtection: "on", ModificationProtectionStatus: "ConsoleProtection",
		ModificationProtectionReason: "managed.by.ack", InstanceChargeType: "PayByCLCU", LoadBalancerSpec: "slb.s1.small",
		Tag: []model.Tag{{Key: "kubernetes.do.not.delete", Value: "a1b2"}, {Key: "ack.aliyun.com", Value: "c1"}}})
	require.Nil(t, e)
	tags := `[{"TagKey":"kubernetes.do.not.delete","TagValue":"a1b2"}]`
	ids, total := describeByTags(t, s, model.DescribeLoadBalancersRequest{Tags: tags})
	assert.Equal(t, []string{mine.LoadBalancerId}, ids)
	assert.Equal(t, 1, total)
	// The documentation's own spelling, tagKey and tagValue, works too.
	ids, _ = describeByTags(t, s, model.DescribeLoadBalancersRequest{Tags: `[{"tagKey":"kubernetes.do.not.delete","tagValue":"a1b2"}]`})
	assert.Equal(t, []string{mine.LoadBalancerId}, ids)
	ids, _ = describeByTags(t, s, model.DescribeLoadBalancersRequest{Tags: `[{"TagKey":"kubernetes.do.not.delete","TagValue":"zzz"}]`})
	assert.Empty(t, ids)
	ids, _ = describeByTags(t, s, model.DescribeLoadBalancersRequest{LoadBalancerName: "k8s"})
	assert.Equal(t, []string{other.LoadBalancerId, mine.LoadBalancerId}, ids)

	attr, e := s.DescribeLoadBalancerAttribute(testAccount, &model.DescribeLoadBalancerAttributeRequest{RegionId: testRegion, LoadBalancerId: mine.LoadBalancerId})
	require.Nil(t, e)
	assert.Equal(t, "on", attr.DeleteProtection)
	assert.Equal(t, "ConsoleProtection", attr.ModificationProtectionStatus)
	assert.Equal(t, "managed.by.ack", attr.ModificationProtectionReason)
	assert.Equal(t, "PayByCLCU", attr.InstanceChargeType)
	assert.Empty(t, attr.LoadBalancerSpec, "a PayByCLCU LB has no spec")
	assert.Equal(t, []model.TagView{{TagKey: "ack.aliyun.com", TagValue: "c1"}, {TagKey: "kubernetes.do.not.delete", TagValue: "a1b2"}}, attr.Tags.Tag)

	// The same ClientToken with other tags is another request.
	_, e = s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion, LoadBalancerName: "k8s",
		ClientToken: "uid-1", DeleteProtection: "on", ModificationProtectionStatus: "ConsoleProtection",
		ModificationProtectionReason: "managed.by.ack", InstanceChargeType: "PayByCLCU", LoadBalancerSpec: "slb.s1.small",
		Tag: []model.Tag{{Key: "kubernetes.do.not.delete", Value: "a1b2"}}})
	require.ErrorIs(t, e, model.ErrIdempotentParameterMismatch())
	_, e = s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion, LoadBalancerName: "k8s",
		ClientToken: "uid-1", DeleteProtection: "off", ModificationProtectionStatus: "ConsoleProtection",
		ModificationProtectionReason: "managed.by.ack", InstanceChargeType: "PayByCLCU", LoadBalancerSpec: "slb.s1.small",
		Tag: []model.Tag{{Key: "kubernetes.do.not.delete", Value: "a1b2"}, {Key: "ack.aliyun.com", Value: "c1"}}})
	require.ErrorIs(t, e, model.ErrIdempotentParameterMismatch())

	// Deleting: refused while protected; the tags go with the LB.
	before := s.Dump()
	_, e = s.DeleteLoadBalancer(testAccount, &model.DeleteLoadBalancerRequest{RegionId: testRegion, LoadBalancerId: mine.LoadBalancerId})
	require.ErrorIs(t, e, model.ErrDeleteProtectionIsOn())
	require.Equal(t, before, s.Dump())
	_, e = s.SetLoadBalancerDeleteProtection(testAccount, &model.SetLoadBalancerDeleteProtectionRequest{RegionId: testRegion,
		LoadBalancerId: mine.LoadBalancerId, DeleteProtection: "off"})
	require.Nil(t, e)
	_, e = s.DeleteLoadBalancer(testAccount, &model.DeleteLoadBalancerRequest{RegionId: testRegion, LoadBalancerId: mine.LoadBalancerId})
	require.Nil(t, e)
	assert.Empty(t, s.Dump().ResourceTags)
	ids, total = describeByTags(t, s, model.DescribeLoadBalancersRequest{Tags: tags})
	assert.Empty(t, ids)
	assert.Zero(t, total)
}

// TestModificationProtectionIsForTheConsole: ConsoleProtection does not
// stop API changes (DOC).
func TestModificationProtectionIsForTheConsole(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	lb, e := s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion, ModificationProtectionStatus: "ConsoleProtection"})
	require.Nil(t, e)
	id := lb.LoadBalancerId
	_, e = s.SetLoadBalancerName(testAccount, &model.SetLoadBalancerNameRequest{RegionId: testRegion, LoadBalancerId: id, LoadBalancerName: "renamed"})
	require.Nil(t, e)
	_, e = s.SetLoadBalancerStatus(testAccount, &model.SetLoadBalancerStatusRequest{RegionId: testRegion, LoadBalancerId: id, LoadBalancerStatus: "inactive"})
	require.Nil(t, e)
	_, e = s.ModifyLoadBalancerInstanceChargeType(testAccount, &model.ModifyLoadBalancerInstanceChargeTypeRequest{RegionId: testRegion,
		LoadBalancerId: id, InstanceChargeType: "PayByCLCU"})
	require.Nil(t, e)
	_, e = s.SetLoadBalancerModificationProtection(testAccount, &model.SetLoadBalancerModificationProtectionRequest{RegionId: testRegion,
		LoadBalancerId: id, ModificationProtectionStatus: "ConsoleProtection", ModificationProtectionReason: "Managed instance"})
	require.Nil(t, e)
	attr, e := s.DescribeLoadBalancerAttribute(testAccount, &model.DescribeLoadBalancerAttributeRequest{RegionId: testRegion, LoadBalancerId: id})
	require.Nil(t, e)
	assert.Equal(t, "renamed", attr.LoadBalancerName)
	assert.Equal(t, "Managed instance", attr.ModificationProtectionReason)
	assert.Equal(t, "PayByCLCU", attr.InstanceChargeType)
	assert.Equal(t, "paybytraffic", attr.InternetChargeType)
	ids, _ := describeByTags(t, s, model.DescribeLoadBalancersRequest{LoadBalancerName: "renamed"})
	assert.Equal(t, []string{id}, ids, "the name index follows a rename")
	// NonProtection clears the reason.
	_, e = s.SetLoadBalancerModificationProtection(testAccount, &model.SetLoadBalancerModificationProtectionRequest{RegionId: testRegion,
		LoadBalancerId: id, ModificationProtectionStatus: "NonProtection", ModificationProtectionReason: "ignored"})
	require.Nil(t, e)
	attr, e = s.DescribeLoadBalancerAttribute(testAccount, &model.DescribeLoadBalancerAttributeRequest{RegionId: testRegion, LoadBalancerId: id})
	require.Nil(t, e)
	assert.Equal(t, "NonProtection", attr.ModificationProtectionStatus)
	assert.Empty(t, attr.ModificationProtectionReason)
}

// TestTagRules: every refused tag call names the rule it breaks and
// changes nothing.
func TestTagRules(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	lb, e := s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion})
	require.Nil(t, e)
	id := lb.LoadBalancerId
	tagLBs(t, s, id, model.Tag{Key: "keep", Value: "1"})
	many := func(n int) []model.Tag {
		out := make([]model.Tag, n)
		for i := range out {
			out[i] = model.Tag{Key: fmt.Sprintf("k%02d", i)}
		}
		return out
	}
	tag := func(tags ...model.Tag) *model.TagResourcesRequest {
		return &model.TagResourcesRequest{RegionId: testRegion, ResourceType: "instance", ResourceId: []string{id}, Tag: tags}
	}
	for _, c := range []struct {
		req  *model.TagResourcesRequest
		want *model.Error
	}{
		{tag(model.Tag{Key: strings.Repeat("键", 65)}), model.ErrInvalidTagKey()},
		{tag(model.Tag{Key: "acs:x"}), model.ErrInvalidTagKey()},
		{tag(model.Tag{Key: "Aliyun-x"}), model.ErrInvalidTagKey()},
		{tag(model.Tag{Key: "a", Value: strings.Repeat("v", 129)}), model.ErrInvalidTagValue()},
		{tag(model.Tag{Key: "a", Value: "HTTP://x"}), model.ErrInvalidTagValue()},
		{tag(model.Tag{Key: "", Value: "v"}), model.ErrMissingTagKey()},
		{tag(), model.ErrMissingTagKey()},
		{tag(many(21)...), model.ErrTagSizeLimitExceeded()},
		{tag(append(many(19), model.Tag{Key: "x"})...), model.ErrTagQuotaExceeded()}, // 1 + 20 > 20
		{tag(model.Tag{Key: "a"}, model.Tag{Key: "a"}), model.ErrDuplicateTagKey()},
		{&model.TagResourcesRequest{RegionId: testRegion, ResourceType: "instance", Tag: many(1)}, model.ErrMissingResourceId()},
		{&model.TagResourcesRequest{RegionId: testRegion, ResourceType: "instance", ResourceId: slices.Repeat([]string{id}, 21), Tag: many(1)},
			model.ErrResourceIdSizeLimitExceeded()},
		{&model.TagResourcesRequest{RegionId: testRegion, ResourceType: "lb", ResourceId: []string{id}, Tag: many(1)}, model.ErrInvalidResourceType()},
		{&model.TagResourcesRequest{RegionId: testRegion, ResourceId: []string{id}, Tag: many(1)}, model.ErrMissingParameter("ResourceType")},
		{&model.TagResourcesRequest{RegionId: testRegion, ResourceType: "certificate", ResourceId: []string{id}, Tag: many(1)},
			model.ErrResourceNotExist(id)},
		{&model.TagResourcesRequest{RegionId: testRegion, ResourceType: "instance", ResourceId: []string{id, "lb-bp1nosuch"}, Tag: many(1)},
			model.ErrResourceNotExist("lb-bp1nosuch")},
	} {
		before := s.Dump()
		_, e := s.TagResources(testAccount, c.req)
		require.ErrorIs(t, e, c.want, "%+v", c.req)
		require.Equal(t, c.want.Message, e.Message)
		require.Equal(t, before, s.Dump())
	}
	// Exactly 20 fit; a key it has takes the new value and counts once.
	tagLBs(t, s, id, many(19)...)
	tagLBs(t, s, id, model.Tag{Key: "keep", Value: "2"})
	require.Len(t, s.Dump().ResourceTags, 20)
	// Untag: unknown keys are ignored; no TagKey removes every tag.
	_, e = s.UntagResources(testAccount, &model.UntagResourcesRequest{RegionId: testRegion, ResourceType: "instance",
		ResourceId: []string{id}, TagKey: []string{"k00", "nope"}})
	require.Nil(t, e)
	require.Len(t, s.Dump().ResourceTags, 19)
	_, e = s.UntagResources(testAccount, &model.UntagResourcesRequest{RegionId: testRegion, ResourceType: "instance",
		ResourceId: []string{id}, TagKey: []string{"k01", "k01"}})
	require.ErrorIs(t, e, model.ErrDuplicateTagKey())
	_, e = s.UntagResources(testAccount, &model.UntagResourcesRequest{RegionId: testRegion, ResourceType: "instance", ResourceId: []string{id}})
	require.Nil(t, e)
	require.Empty(t, s.Dump().ResourceTags)
}

// TestListTagResourcesPages: 3 LBs with 30 tags each list in 50-tag pages
// that together are every tag once, in order; a bad token is refused.
func TestListTagResourcesPages(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	var ids []string
	var want []model.TagResourceView
	for range 3 {
		lb, e := s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion})
		require.Nil(t, e)
		ids = append(ids, lb.LoadBalancerId)
		for half := range 2 {
			var tags []model.Tag
			for i := range 10 {
				tags = append(tags, model.Tag{Key: fmt.Sprintf("k%d%d", half, i), Value: "v"})
			}
			tagLBs(t, s, lb.LoadBalancerId, tags...)
		}
		for half := range 2 {
			for i := range 10 {
				want = append(want, model.TagResourceView{ResourceType: "instance", ResourceId: lb.LoadBalancerId,
					TagKey: fmt.Sprintf("k%d%d", half, i), TagValue: "v"})
			}
		}
	}
	for _, req := range []model.ListTagResourcesRequest{
		{ResourceId: []string{ids[2], ids[0], ids[1], ids[0]}},
		{Tag: []model.Tag{{Key: "k05", Value: "v"}, {Key: "k13"}}},
	} {
		req.RegionId, req.ResourceType = testRegion, "instance"
		var got []model.TagResourceView
		pages := 0
		for {
			resp, e := s.ListTagResources(testAccount, &req)
			require.Nil(t, e)
			require.LessOrEqual(t, len(resp.TagResources.TagResource), 50)
			got = append(got, resp.TagResources.TagResource...)
			pages++
			if resp.NextToken == "" {
				break
			}
			req.NextToken = resp.NextToken
		}
		require.Equal(t, want, got)
		require.Equal(t, 2, pages)
	}
	_, e := s.ListTagResources(testAccount, &model.ListTagResourcesRequest{RegionId: testRegion, ResourceType: "instance",
		ResourceId: ids, NextToken: "!!"})
	require.ErrorIs(t, e, model.ErrInvalidNextToken())
	_, e = s.ListTagResources(testAccount, &model.ListTagResourcesRequest{RegionId: testRegion, ResourceType: "instance",
		Tag: []model.Tag{{Value: "v"}}})
	require.ErrorIs(t, e, model.ErrInvalidTagKey())
}

// TestTagsFilterProperty: DescribeLoadBalancers with Tags (and Tag.N, and
// a name filter beside them) returns exactly the LBs that have every tag,
// in creation order, with the right TotalCount, on every page.
func TestTagsFilterProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		s := newTestStore(rt)
		type lbTags struct {
			id, name string
			tags     map[string]string
		}
		var lbs []lbTags
		keys, values := []string{"a", "b", "c"}, []string{"1", "2", ""}
		for i := range rapid.IntRange(1, 10).Draw(rt, "lbs") {
			name := rapid.SampledFrom([]string{"n1", "n2"}).Draw(rt, "name")
			lb, e := s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion, LoadBalancerName: name})
			require.Nil(rt, e)
			l := lbTags{id: lb.LoadBalancerId, name: name, tags: map[string]string{}}
			for _, k := range keys {
				if rapid.Bool().Draw(rt, fmt.Sprintf("has %d %s", i, k)) {
					v := rapid.SampledFrom(values).Draw(rt, "value")
					tagLBs(rt, s, l.id, model.Tag{Key: k, Value: v})
					l.tags[k] = v
				}
			}
			lbs = append(lbs, l)
		}
		// Another account's LB with every tag is never listed.
		other, e := s.CreateLoadBalancer(otherAcct, &model.CreateLoadBalancerRequest{RegionId: testRegion})
		require.Nil(rt, e)
		_, e = s.TagResources(otherAcct, &model.TagResourcesRequest{RegionId: testRegion, ResourceType: "instance",
			ResourceId: []string{other.LoadBalancerId}, Tag: []model.Tag{{Key: "a", Value: "1"}, {Key: "b", Value: "1"}}})
		require.Nil(rt, e)

		type cond struct {
			key, value string
			any        bool
		}
		var conds []cond
		var jsonTags []map[string]string
		for range rapid.IntRange(1, 3).Draw(rt, "conds") {
			c := cond{key: rapid.SampledFrom(keys).Draw(rt, "key"), any: rapid.Bool().Draw(rt, "any")}
			el := map[string]string{"TagKey": c.key}
			if !c.any {
				c.value = rapid.SampledFrom(values).Draw(rt, "cvalue")
				el["TagValue"] = c.value
			}
			conds = append(conds, c)
			jsonTags = append(jsonTags, el)
		}
		raw, err := json.Marshal(jsonTags)
		require.NoError(rt, err)
		req := model.DescribeLoadBalancersRequest{Tags: string(raw)}
		if rapid.Bool().Draw(rt, "as Tag.N too") {
			c := cond{key: rapid.SampledFrom(keys).Draw(rt, "nkey"), value: rapid.SampledFrom(values[:2]).Draw(rt, "nvalue")}
			conds = append(conds, c)
			req.Tag = []model.Tag{{Key: c.key, Value: c.value}}
		}
		if rapid.Bool().Draw(rt, "by name") {
			req.LoadBalancerName = "n1"
		}
		var want []string
		for _, l := range lbs {
			ok := req.LoadBalancerName == "" || l.name == req.LoadBalancerName
			for _, c := range conds {
				v, has := l.tags[c.key]
				ok = ok && has && (c.any || v == c.value)
			}
			if ok {
				want = append(want, l.id)
			}
		}
		req.PageSize = rapid.IntRange(1, 4).Draw(rt, "size")
		var got []string
		for page := 1; ; page++ {
			req.PageNumber = page
			ids, total := describeByTags(rt, s, req)
			require.Equal(rt, len(want), total)
			got = append(got, ids...)
			if len(ids) < req.PageSize {
				break
			}
		}
		require.Equal(rt, want, got)
	})
}

// TestCreateProtectionRules: the protection and charge parameters of
// CreateLoadBalancer, refused ones changing nothing.
func TestCreateProtectionRules(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	for _, c := range []struct {
		req  model.CreateLoadBalancerRequest
		want *model.Error
	}{
		{model.CreateLoadBalancerRequest{DeleteProtection: "yes"}, model.ErrInvalidParameterValue("DeleteProtection")},
		{model.CreateLoadBalancerRequest{ModificationProtectionStatus: "Console"}, model.ErrInvalidModificationProtectionStatus()},
		{model.CreateLoadBalancerRequest{ModificationProtectionStatus: "ConsoleProtection", ModificationProtectionReason: "-x"},
			model.ErrInvalidModificationProtectionReason()},
		{model.CreateLoadBalancerRequest{ModificationProtectionStatus: "ConsoleProtection", ModificationProtectionReason: "a" + strings.Repeat("b", 80)},
			model.ErrInvalidModificationProtectionReason()},
		{model.CreateLoadBalancerRequest{ModificationProtectionStatus: "ConsoleProtection", ModificationProtectionReason: "a/b"},
			model.ErrInvalidModificationProtectionReason()},
		{model.CreateLoadBalancerRequest{InstanceChargeType: "paybyclcu"}, model.ErrIllegalInstanceChargeType()},
		{model.CreateLoadBalancerRequest{InstanceChargeType: "PayByCLCU", InternetChargeType: "paybybandwidth"}, model.ErrInternetChargeTypeNotAllowed()},
		{model.CreateLoadBalancerRequest{Tag: []model.Tag{{Key: "a"}, {Key: "a"}}}, model.ErrDuplicateTagKey()},
	} {
		c.req.RegionId = testRegion
		before := s.Dump()
		_, e := s.CreateLoadBalancer(testAccount, &c.req)
		require.ErrorIs(t, e, c.want, "%+v", c.req)
		require.Equal(t, before, s.Dump())
	}
	// Accepted: a reason with a letter first, then digits, '.', '_', '-',
	// spaces, 80 characters; Chinese letters count as letters.
	for _, reason := range []string{"a" + strings.Repeat("1", 79), "托管实例", "Managed instance_1.2-3"} {
		_, e := s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion,
			ModificationProtectionStatus: "ConsoleProtection", ModificationProtectionReason: reason})
		require.Nil(t, e, reason)
	}
	require.NoError(t, s.Validate(s.Dump()))
}
