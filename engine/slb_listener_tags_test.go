package engine_test

import (
	"testing"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// TestListenerTagResourceIdIsExact: a listener's tag resource is named by
// exactly "<lb>_<protocol>_<port>"; an ID with port 0, a port with a
// leading zero or an upper-case protocol names no listener, even when the
// LB has a single listener of that protocol (port 0 was read as "any
// port", and the tag stayed behind when the listener went).
func TestListenerTagResourceIdIsExact(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	lb, e := s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion})
	require.Nil(t, e)
	_, e = s.CreateLoadBalancerTCPListener(testAccount, tcpReq(lb.LoadBalancerId, 80))
	require.Nil(t, e)
	tag := func(id string) *model.Error {
		_, e := s.TagResources(testAccount, &model.TagResourcesRequest{RegionId: testRegion, ResourceType: "listener",
			ResourceId: []string{id}, Tag: []model.Tag{{Key: "k", Value: "v"}}})
		return e
	}
	for _, id := range []string{lb.LoadBalancerId + "_tcp_0", lb.LoadBalancerId + "_tcp_080", lb.LoadBalancerId + "_TCP_80",
		lb.LoadBalancerId + "_udp_80", lb.LoadBalancerId + "_tcp", lb.LoadBalancerId} {
		e := tag(id)
		require.NotNil(t, e, "%s names no listener", id)
		require.ErrorIs(t, e, model.ErrResourceNotExist(id), id)
	}
	before := s.Dump()
	list, e := s.ListTagResources(testAccount, &model.ListTagResourcesRequest{RegionId: testRegion, ResourceType: "listener",
		ResourceId: []string{lb.LoadBalancerId + "_tcp_0"}})
	require.Nil(t, e)
	require.Empty(t, list.TagResources.TagResource)
	require.Equal(t, before, s.Dump())

	id := lb.LoadBalancerId + "_tcp_80"
	require.Nil(t, tag(id))
	_, e = s.DeleteLoadBalancerListener(testAccount, &model.DeleteLoadBalancerListenerRequest{RegionId: testRegion,
		LoadBalancerId: lb.LoadBalancerId, ListenerPort: 80})
	require.Nil(t, e)
	require.Empty(t, s.Dump().ResourceTags, "the listener's tags went with it")
}

// TestTagResourcesToTheTagsItHasWritesNothing: tagging resources with the
// tags they have changes nothing and writes nothing (no change tracked, so
// the fake's record is not applied); one new value is one change.
func TestTagResourcesToTheTagsItHasWritesNothing(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	lb, e := s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion})
	require.Nil(t, e)
	_, e = s.CreateLoadBalancerTCPListener(testAccount, tcpReq(lb.LoadBalancerId, 80))
	require.Nil(t, e)
	for _, r := range [][2]string{{"instance", lb.LoadBalancerId}, {"listener", lb.LoadBalancerId + "_tcp_80"}} {
		req := &model.TagResourcesRequest{RegionId: testRegion, ResourceType: r[0], ResourceId: []string{r[1]},
			Tag: []model.Tag{{Key: "team", Value: "prod"}, {Key: "env", Value: ""}}}
		_, e = s.TagResources(testAccount, req)
		require.Nil(t, e)
		var changes []engine.Change
		_, e = s.Tracked(&changes).TagResources(testAccount, req)
		require.Nil(t, e)
		require.Empty(t, changes, "%s: the same tags again", r[0])
		req.Tag[1].Value = "dev"
		_, e = s.Tracked(&changes).TagResources(testAccount, req)
		require.Nil(t, e)
		require.Len(t, changes, 1, "%s: one new value", r[0])
	}
}
