package fake_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// The state machine's tag, protection and charge-type calls, and how the
// fake's State shows them to the model's snapshot.

// smTagsByLB maps each LB of a State to its tags (nil: none).
func smTagsByLB(st engine.State) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, t := range st.ResourceTags {
		if t.ResourceType != model.ResourceTypeInstance {
			continue
		}
		if out[t.ResourceId] == nil {
			out[t.ResourceId] = map[string]string{}
		}
		out[t.ResourceId][t.TagKey] = t.TagValue
	}
	return out
}

// smModProtection is the model's spelling of a stored status (the fake
// stores NonProtection as "" too).
func smModProtection(status string) string { return status }

// smStructParams encodes one element of a Name.N.Field list: every string
// field, empty ones too (a Tag.N.Key the caller sent empty is sent).
func smStructParams(out map[string]string, prefix string, el reflect.Value) {
	for i := range el.NumField() {
		if f := el.Type().Field(i); f.IsExported() && f.Type.Kind() == reflect.String {
			out[prefix+"."+f.Name] = el.Field(i).String()
		}
	}
}

// smTagKeys and smTagValues are the keys and values the tag calls draw
// from: mostly valid, with every broken kind.
var (
	smTagKeys   = []string{"kubernetes.do.not.delete", "env", "app", "team", "", "aliyun-x", "ACS:y", strings.Repeat("k", 65)}
	smTagValues = []string{"a1b2", "prod", "", "dev", "https://x", strings.Repeat("v", 129)}
)

func drawTagKey(t *rapid.T, label string) string {
	return smTagKeys[smPick(t, label, 8, 8, 6, 4, 1, 1, 1, 1)]
}

func drawTagValue(t *rapid.T, label string) string {
	return smTagValues[smPick(t, label, 6, 6, 4, 3, 1, 1)]
}

// drawTags draws a Tag.N list: mostly 0 to 3 tags, now and then 21.
func drawTags(t *rapid.T, label string) []model.Tag {
	n := rapid.IntRange(0, 3).Draw(t, label+"N")
	if smPick(t, label+"Many", 30, 1) == 1 {
		n = 21
	}
	var tags []model.Tag
	for i := range n {
		key := drawTagKey(t, label+"Key")
		if n > 3 {
			key = fmt.Sprintf("k%d", i)
		}
		tags = append(tags, model.Tag{Key: key, Value: drawTagValue(t, label+"Value")})
	}
	return tags
}

// drawCreateProtectionAndTags draws CreateLoadBalancer's tags, protection
// and charge type (mostly absent).
func (w *smWorld) drawCreateProtectionAndTags(t *rapid.T, req *model.CreateLoadBalancerRequest) {
	if smPick(t, "createTags", 2, 1) == 1 {
		req.Tag = drawTags(t, "createTag")
	}
	req.DeleteProtection = []string{"", "on", "off", "On"}[smPick(t, "deleteProtection", 6, 3, 1, 1)]
	req.ModificationProtectionStatus = []string{"", "NonProtection", "ConsoleProtection", "Console"}[smPick(t, "modStatus", 6, 1, 3, 1)]
	req.ModificationProtectionReason = []string{"", "managed.by.ack", "Managed instance", "1st"}[smPick(t, "modReason", 4, 2, 1, 1)]
	req.InstanceChargeType = []string{"", "PayBySpec", "PayByCLCU", "payByCLCU"}[smPick(t, "chargeType", 6, 1, 3, 1)]
}

// drawTagTargets draws a tag call's ResourceType and ResourceId.N.
func (w *smWorld) drawTagTargets(t *rapid.T) (account, region, typ string, ids []string) {
	lbId, account, region := w.drawLB(t, 85, false)
	typ = []string{"instance", "", "vservergroup", "loadbalancer", "listener"}[smPick(t, "resourceType", 20, 1, 8, 1, 8)]
	if typ == model.ResourceTypeVServerGroup || typ == model.ResourceTypeListener { // statemachine_links_test.go
		return account, region, typ, w.drawTagResourceIds(t, typ)
	}
	switch smPick(t, "resourceIds", 8, 3, 1, 1) {
	case 0:
		ids = []string{lbId}
	case 1:
		ids = []string{lbId, smFrom(t, "secondLb", w.lbs)}
	case 2:
		ids = nil
	case 3:
		ids = slices.Repeat([]string{lbId}, 21)
	}
	return account, region, typ, ids
}

func (w *smWorld) tagResources(t *rapid.T) {
	account, region, typ, ids := w.drawTagTargets(t)
	req := &model.TagResourcesRequest{RegionId: region, ResourceType: typ, ResourceId: ids, Tag: drawTags(t, "tag")}
	smCall(t, w, "TagResources", account, req,
		func(c *fake.Client) (*model.TagResourcesResponse, error) {
			return c.TagResources(context.Background(), req)
		},
		func(*model.TagResourcesResponse) (*model.TagResourcesResponse, *model.Error) {
			return w.m.TagResources(account, req)
		})
}

func (w *smWorld) untagResources(t *rapid.T) {
	account, region, typ, ids := w.drawTagTargets(t)
	req := &model.UntagResourcesRequest{RegionId: region, ResourceType: typ, ResourceId: ids, All: rapid.Bool().Draw(t, "all")}
	for range rapid.IntRange(0, 2).Draw(t, "untagKeys") {
		req.TagKey = append(req.TagKey, drawTagKey(t, "untagKey"))
	}
	smCall(t, w, "UntagResources", account, req,
		func(c *fake.Client) (*model.UntagResourcesResponse, error) {
			return c.UntagResources(context.Background(), req)
		},
		func(*model.UntagResourcesResponse) (*model.UntagResourcesResponse, *model.Error) {
			return w.m.UntagResources(account, req)
		})
}

// listTagResources pages the fake (Go API) to the end and compares the
// pages' concatenation, or the error, with the model's unpaged list. Pages
// hold at most 50 tags; only the last has no NextToken.
func (w *smWorld) listTagResources(t *rapid.T) {
	account, region, typ, ids := w.drawTagTargets(t)
	req := model.ListTagResourcesRequest{RegionId: region, ResourceType: typ}
	if smPick(t, "listById", 1, 1) == 0 {
		req.ResourceId = ids
	}
	for range rapid.IntRange(0, 2).Draw(t, "listTags") {
		req.Tag = append(req.Tag, model.Tag{Key: drawTagKey(t, "listKey"), Value: []string{"", "a1b2", "prod"}[smPick(t, "listValue", 3, 1, 1)]})
	}
	w.compareTagList(t, account, req)
}

// compareTagList is the comparison of listTagResources.
func (w *smWorld) compareTagList(t *rapid.T, account string, req model.ListTagResourcesRequest) {
	t.Logf("ListTagResources as %s %+v", account, req)
	before := w.f.State()
	want, wantErr := w.m.ListTagResources(account, &req)
	c := w.f.ClientForAccount(account)
	got := []model.TagResourceView{}
	for page := 0; ; page++ {
		require.Less(t, page, 100)
		resp, err := c.ListTagResources(context.Background(), &req)
		if wantErr != nil {
			var e *model.Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, [3]any{wantErr.HTTPStatus, wantErr.Code, wantErr.Message}, [3]any{e.HTTPStatus, e.Code, e.Message})
			require.Equal(t, before, w.f.State())
			return
		}
		require.NoError(t, err)
		require.LessOrEqual(t, len(resp.TagResources.TagResource), 50)
		got = append(got, resp.TagResources.TagResource...)
		if resp.NextToken == "" {
			break
		}
		require.Len(t, resp.TagResources.TagResource, 50, "a page before the last is full")
		req.NextToken = resp.NextToken
	}
	require.Equal(t, want, got)
	require.Equal(t, before, w.f.State())
}

func (w *smWorld) setDeleteProtection(t *rapid.T) {
	lbId, account, region := w.drawLB(t, 85, false)
	req := &model.SetLoadBalancerDeleteProtectionRequest{RegionId: region, LoadBalancerId: lbId,
		DeleteProtection: []string{"on", "off", "", "ON"}[smPick(t, "setDeleteProtection", 5, 5, 1, 1)]}
	smCall(t, w, "SetLoadBalancerDeleteProtection", account, req,
		func(c *fake.Client) (*model.SetLoadBalancerDeleteProtectionResponse, error) {
			return c.SetLoadBalancerDeleteProtection(context.Background(), req)
		},
		func(*model.SetLoadBalancerDeleteProtectionResponse) (*model.SetLoadBalancerDeleteProtectionResponse, *model.Error) {
			return w.m.SetLoadBalancerDeleteProtection(account, req)
		})
}

func (w *smWorld) setModificationProtection(t *rapid.T) {
	lbId, account, region := w.drawLB(t, 85, false)
	req := &model.SetLoadBalancerModificationProtectionRequest{RegionId: region, LoadBalancerId: lbId,
		ModificationProtectionStatus: []string{"ConsoleProtection", "NonProtection", "", "None"}[smPick(t, "setModStatus", 5, 4, 1, 1)],
		ModificationProtectionReason: []string{"", "托管实例", "a-b_c.d 1", "_x", strings.Repeat("r", 81)}[smPick(t, "setModReason", 4, 2, 2, 1, 1)]}
	smCall(t, w, "SetLoadBalancerModificationProtection", account, req,
		func(c *fake.Client) (*model.SetLoadBalancerModificationProtectionResponse, error) {
			return c.SetLoadBalancerModificationProtection(context.Background(), req)
		},
		func(*model.SetLoadBalancerModificationProtectionResponse) (*model.SetLoadBalancerModificationProtectionResponse, *model.Error) {
			return w.m.SetLoadBalancerModificationProtection(account, req)
		})
}

func (w *smWorld) modifyChargeType(t *rapid.T) {
	lbId, account, region := w.drawLB(t, 85, false)
	req := &model.ModifyLoadBalancerInstanceChargeTypeRequest{RegionId: region, LoadBalancerId: lbId,
		InstanceChargeType: []string{"PayByCLCU", "PayBySpec", "", "CLCU"}[smPick(t, "modChargeType", 6, 2, 1, 1)],
		InternetChargeType: []string{"", "paybytraffic", "paybybandwidth"}[smPick(t, "modInternetCharge", 5, 2, 1)]}
	smCall(t, w, "ModifyLoadBalancerInstanceChargeType", account, req,
		func(c *fake.Client) (*model.ModifyLoadBalancerInstanceChargeTypeResponse, error) {
			return c.ModifyLoadBalancerInstanceChargeType(context.Background(), req)
		},
		func(*model.ModifyLoadBalancerInstanceChargeTypeResponse) (*model.ModifyLoadBalancerInstanceChargeTypeResponse, *model.Error) {
			return w.m.ModifyLoadBalancerInstanceChargeType(account, req)
		})
}

func (w *smWorld) setLoadBalancerName(t *rapid.T) {
	lbId, account, region := w.drawLB(t, 85, false)
	req := &model.SetLoadBalancerNameRequest{RegionId: region, LoadBalancerId: lbId,
		LoadBalancerName: []string{"web", "k8s", "", strings.Repeat("n", 81)}[smPick(t, "newName", 5, 5, 1, 1)]}
	smCall(t, w, "SetLoadBalancerName", account, req,
		func(c *fake.Client) (*model.SetLoadBalancerNameResponse, error) {
			return c.SetLoadBalancerName(context.Background(), req)
		},
		func(*model.SetLoadBalancerNameResponse) (*model.SetLoadBalancerNameResponse, *model.Error) {
			return w.m.SetLoadBalancerName(account, req)
		})
}

// describeByTags is DescribeLoadBalancers with the Tags filter (and at
// times Tag.N and a name), across every LB of the owner: the cloud
// controller's lookup.
func (w *smWorld) describeByTags(t *rapid.T) {
	account, home := w.drawOwner(t)
	req := &model.DescribeLoadBalancersRequest{RegionId: drawRegion(t, home)}
	var elems []string
	for range rapid.IntRange(1, 2).Draw(t, "filterTags") {
		key := smTagKeys[smPick(t, "filterKey", 6, 4, 3, 1, 1)]
		switch smPick(t, "filterValueKind", 4, 1, 1) {
		case 0:
			elems = append(elems, fmt.Sprintf(`{"TagKey":%q,"TagValue":%q}`, key, drawTagValue(t, "filterValue")))
		case 1:
			elems = append(elems, fmt.Sprintf(`{"tagKey":%q}`, key))
		case 2:
			elems = append(elems, fmt.Sprintf(`{"TagValue":%q}`, "a1b2"))
		}
	}
	req.Tags = "[" + strings.Join(elems, ",") + "]"
	if smPick(t, "malformedTags", 15, 1) == 1 {
		req.Tags = `[{"TagKey":`
	}
	if smPick(t, "alsoTagN", 3, 1) == 1 {
		req.Tag = []model.Tag{{Key: drawTagKey(t, "filterTagNKey"), Value: []string{"", "prod"}[smPick(t, "filterTagNValue", 1, 1)]}}
	}
	if smPick(t, "alsoName", 3, 1) == 1 {
		req.LoadBalancerName = "k8s"
	}
	if smPick(t, "tagPaging", 2, 1) == 1 {
		req.PageNumber = rapid.IntRange(1, 3).Draw(t, "tagPageNumber")
		req.PageSize = rapid.IntRange(1, 2).Draw(t, "tagPageSize")
	}
	read(t, w, "DescribeLoadBalancers", account, req,
		func(c *fake.Client) (*model.DescribeLoadBalancersResponse, error) {
			return c.DescribeLoadBalancers(context.Background(), req)
		},
		func() (*model.DescribeLoadBalancersResponse, *model.Error) {
			return w.m.DescribeLoadBalancers(account, req)
		})
}
