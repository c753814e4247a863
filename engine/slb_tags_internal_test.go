package engine

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// putVServerGroupForTest stores a vServer group row as the group calls
// will (none exist on this branch): the tag calls' vservergroup type is
// tested on it.
func putVServerGroupForTest(t *testing.T, s *Store, account, region, lbId string) string {
	t.Helper()
	var id string
	e := s.write(func(txn *memdb.Txn) *model.Error {
		r, err := regionTxn(txn, region)
		require.Nil(t, err)
		id = s.newIDTxn(txn, tableVServerGroups, model.PrefixVServerGroup, r.IDCode)
		insert(txn, tableVServerGroups, &model.VServerGroup{VServerGroupId: id, LoadBalancerId: lbId, AccountId: account,
			RegionId: region, VServerGroupName: "g", CreationTime: s.now(), Seq: s.nextSeq()})
		return nil
	})
	require.Nil(t, e)
	return id
}

func TestTagsOfVServerGroups(t *testing.T) {
	s, err := New(Config{IDs: model.NewIDSource(5), Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }})
	require.NoError(t, err)
	const acct, region = "1111111111111111", "cn-hangzhou"
	lb, e := s.CreateLoadBalancer(acct, &model.CreateLoadBalancerRequest{RegionId: region})
	require.Nil(t, e)
	g1 := putVServerGroupForTest(t, s, acct, region, lb.LoadBalancerId)
	g2 := putVServerGroupForTest(t, s, acct, region, lb.LoadBalancerId)

	// A group is not an instance, nor an LB a group.
	_, e = s.TagResources(acct, &model.TagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: []string{g1},
		Tag: []model.Tag{{Key: "k", Value: "v"}}})
	require.ErrorIs(t, e, model.ErrResourceNotExist(g1))
	_, e = s.TagResources(acct, &model.TagResourcesRequest{RegionId: region, ResourceType: "vservergroup",
		ResourceId: []string{lb.LoadBalancerId}, Tag: []model.Tag{{Key: "k", Value: "v"}}})
	require.ErrorIs(t, e, model.ErrResourceNotExist(lb.LoadBalancerId))
	// Another account does not see the groups.
	_, e = s.TagResources("2222222222222222", &model.TagResourcesRequest{RegionId: region, ResourceType: "vservergroup",
		ResourceId: []string{g1}, Tag: []model.Tag{{Key: "k", Value: "v"}}})
	require.ErrorIs(t, e, model.ErrResourceNotExist(g1))

	_, e = s.TagResources(acct, &model.TagResourcesRequest{RegionId: region, ResourceType: "vservergroup",
		ResourceId: []string{g2, g1}, Tag: []model.Tag{{Key: "k", Value: "v"}, {Key: "a", Value: ""}}})
	require.Nil(t, e)
	got, e := s.ListTagResources(acct, &model.ListTagResourcesRequest{RegionId: region, ResourceType: "vservergroup",
		Tag: []model.Tag{{Key: "k", Value: "v"}}})
	require.Nil(t, e)
	require.Equal(t, []model.TagResourceView{
		{ResourceType: "vservergroup", ResourceId: g1, TagKey: "a"}, {ResourceType: "vservergroup", ResourceId: g1, TagKey: "k", TagValue: "v"},
		{ResourceType: "vservergroup", ResourceId: g2, TagKey: "a"}, {ResourceType: "vservergroup", ResourceId: g2, TagKey: "k", TagValue: "v"},
	}, got.TagResources.TagResource, "groups in creation order, each one's tags by key")
	// The LB's tags are another type's.
	got, e = s.ListTagResources(acct, &model.ListTagResourcesRequest{RegionId: region, ResourceType: "instance",
		Tag: []model.Tag{{Key: "k"}}})
	require.Nil(t, e)
	require.Empty(t, got.TagResources.TagResource)

	// The cascade hook the group deletion will call.
	require.Nil(t, s.write(func(txn *memdb.Txn) *model.Error {
		removeResourceTagsTxn(txn, model.ResourceTypeVServerGroup, g1)
		return nil
	}))
	got, e = s.ListTagResources(acct, &model.ListTagResourcesRequest{RegionId: region, ResourceType: "vservergroup",
		ResourceId: []string{g1, g2}})
	require.Nil(t, e)
	require.Equal(t, []model.TagResourceView{
		{ResourceType: "vservergroup", ResourceId: g2, TagKey: "a"}, {ResourceType: "vservergroup", ResourceId: g2, TagKey: "k", TagValue: "v"},
	}, got.TagResources.TagResource)

	// Listeners do not exist yet: their tags name nothing.
	id := lb.LoadBalancerId + "_http_80"
	_, e = s.TagResources(acct, &model.TagResourcesRequest{RegionId: region, ResourceType: "listener", ResourceId: []string{id},
		Tag: []model.Tag{{Key: "k", Value: "v"}}})
	require.ErrorIs(t, e, model.ErrResourceNotExist(id))
}

// TestTagFilterWalksTheTaggedLBs: the Tags filter's source is the LBs that
// have the tag, however many LBs the owner has; its size and TotalCount
// come from the counts table, which every tag change keeps exact.
func TestTagFilterWalksTheTaggedLBs(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		s, err := New(Config{IDs: model.NewIDSource(rapid.Uint64().Draw(rt, "seed"))})
		require.NoError(rt, err)
		const acct, region = "1111111111111111", "cn-hangzhou"
		var ids []string
		for range rapid.IntRange(1, 12).Draw(rt, "lbs") {
			lb, e := s.CreateLoadBalancer(acct, &model.CreateLoadBalancerRequest{RegionId: region})
			require.Nil(rt, e)
			ids = append(ids, lb.LoadBalancerId)
		}
		values := []string{"a", "b", ""}
		for range rapid.IntRange(0, 30).Draw(rt, "ops") {
			id := rapid.SampledFrom(ids).Draw(rt, "lb")
			key := rapid.SampledFrom([]string{"x", "y"}).Draw(rt, "key")
			if rapid.Bool().Draw(rt, "untag") {
				_, e := s.UntagResources(acct, &model.UntagResourcesRequest{RegionId: region, ResourceType: "instance",
					ResourceId: []string{id}, TagKey: []string{key}})
				require.Nil(rt, e)
				continue
			}
			_, e := s.TagResources(acct, &model.TagResourcesRequest{RegionId: region, ResourceType: "instance",
				ResourceId: []string{id}, Tag: []model.Tag{{Key: key, Value: rapid.SampledFrom(values).Draw(rt, "value")}}})
			require.Nil(rt, e)
		}
		require.NoError(rt, s.Validate(s.Dump()))
		// Whatever the history, the counts equal the rows.
		txn := s.db.Load().Txn(false)
		for _, key := range []string{"x", "y"} {
			byValue := map[string]int{}
			n := 0
			eachRow(txn, tableTags, func(tag *model.ResourceTag) {
				if tag.TagKey == key {
					byValue[tag.TagValue]++
					n++
				}
			})
			q := newListQuery(txn, loadBalancerListing, acct, region)
			require.True(rt, q.counted)
			require.Equal(rt, n, q.count(tagCountKeyOf(acct, region, "instance", key, nil)), "key %s", key)
			for _, v := range values {
				require.Equal(rt, byValue[v], q.count(tagCountKeyOf(acct, region, "instance", key, &v)), fmt.Sprintf("%s=%q", key, v))
			}
			// The walk yields exactly the tagged LBs, in creation order.
			var walked []string
			walkTaggedTxn(txn, acct, region, "instance", tagCond{key: key, anyValue: true}, func(tag *model.ResourceTag) bool {
				walked = append(walked, tag.ResourceId)
				return true
			})
			var want []string
			for _, id := range ids {
				if tagRowTxn(txn, "instance", id, key) != nil {
					want = append(want, id)
				}
			}
			require.True(rt, slices.Equal(want, walked), "walk %v, want %v", walked, want)
		}
	})
}
