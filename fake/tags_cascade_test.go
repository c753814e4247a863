package fake_test

import (
	"bytes"
	"testing"

	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// Listeners and vServer groups take tags as LBs do, by their tag resource
// IDs; deleting a listener, a group or their LB deletes their tags.
func TestTagsOfListenersAndGroups(t *testing.T) {
	w := newWorld(t)
	lb := w.internetLB()
	g := w.group(lb, "")
	for _, port := range []int{80, 81} {
		_, err := w.c.CreateLoadBalancerTCPListener(w.ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
			RegionId: w.region, LoadBalancerId: lb, ListenerPort: port, BackendServerPort: 8080, Bandwidth: -1}})
		require.NoError(t, err)
	}
	tag := func(typ string, ids ...string) error {
		_, err := w.c.TagResources(w.ctx, &model.TagResourcesRequest{RegionId: w.region, ResourceType: typ, ResourceId: ids, Tag: []model.Tag{{Key: "team", Value: "web"}}})
		return err
	}
	listed := func(typ string, ids ...string) []string {
		resp, err := w.c.ListTagResources(w.ctx, &model.ListTagResourcesRequest{RegionId: w.region, ResourceType: typ, ResourceId: ids})
		require.NoError(t, err)
		var out []string
		for _, r := range resp.TagResources.TagResource {
			require.Equal(t, typ, r.ResourceType)
			out = append(out, r.ResourceId)
		}
		return out
	}
	l80, l81 := lb+"_tcp_80", lb+"_tcp_81"
	require.NoError(t, tag("listener", l80, l81))
	require.NoError(t, tag("vservergroup", g))
	require.ElementsMatch(t, []string{l80, l81}, listed("listener", l80, l81))
	require.Equal(t, []string{g}, listed("vservergroup", g))

	for _, missing := range []string{lb + "_udp_80", lb + "_tcp_82", lb + "_tcp_080", lb + "-tcp-80", "tcp_80", lb} {
		require.Error(t, tag("listener", missing), "%s names no listener", missing)
	}

	var state bytes.Buffer
	require.NoError(t, w.f.ExportState(&state))
	require.NoError(t, w.f.ImportState(&state), "listener and group tags are a valid state")

	_, err := w.c.DeleteLoadBalancerListener(w.ctx, &model.ListenerRequest{RegionId: w.region, LoadBalancerId: lb, ListenerPort: 80, ListenerProtocol: "tcp"})
	require.NoError(t, err)
	require.Equal(t, []string{l81}, listed("listener", l80, l81), "a deleted listener's tags go with it")
	_, err = w.c.DeleteVServerGroup(w.ctx, &model.DeleteVServerGroupRequest{RegionId: w.region, VServerGroupId: g})
	require.NoError(t, err)
	require.Empty(t, listed("vservergroup", g), "a deleted group's tags go with it")

	g2 := w.group(lb, "")
	require.NoError(t, tag("vservergroup", g2))
	_, err = w.c.DeleteLoadBalancer(w.ctx, &model.DeleteLoadBalancerRequest{RegionId: w.region, LoadBalancerId: lb})
	require.NoError(t, err)
	require.Empty(t, listed("listener", l81), "the LB's listeners' tags go with it")
	require.Empty(t, listed("vservergroup", g2), "the LB's groups' tags go with it")
	require.Empty(t, w.f.State().ResourceTags, "no tag is left")
}
