package fake_test

import (
	"bytes"
	"testing"

	"github.com/slbfake/slbfake/fake"
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

// CreateVServerGroup and the listener creates take Tag.N (the SDKs send it),
// checked as TagResources checks it, and DescribeVServerGroups filters by
// Tag.N: over the wire as through the Go API.
func TestTagsOnCreateOfGroupsAndListeners(t *testing.T) {
	w := newWorld(t)
	lb := w.internetLB()
	web := []model.Tag{{Key: "team", Value: "web"}}
	g1, err := w.c.CreateVServerGroup(w.ctx, &model.CreateVServerGroupRequest{RegionId: w.region, LoadBalancerId: lb, VServerGroupName: "a", Tag: web})
	require.NoError(t, err)
	w.group(lb, "")
	require.NoError(t, w.wire(w.signed(map[string]string{"Action": "CreateVServerGroup", "Version": "2014-05-15", "RegionId": w.region,
		"LoadBalancerId": lb, "VServerGroupName": "c", "Tag.1.Key": "team", "Tag.1.Value": "web", "Tag.2.Key": "tier"}, fake.DefaultAccessKeySecret, "n1")))

	byTag := func(tags ...model.Tag) []string {
		resp, err := w.c.DescribeVServerGroups(w.ctx, &model.DescribeVServerGroupsRequest{RegionId: w.region, LoadBalancerId: lb, Tag: tags})
		require.NoError(t, err)
		var names []string
		for _, g := range resp.VServerGroups.VServerGroup {
			names = append(names, g.VServerGroupName)
		}
		return names
	}
	require.Equal(t, []string{"a", "g", "c"}, byTag())
	require.Equal(t, []string{"a", "c"}, byTag(web...))
	require.Equal(t, []string{"c"}, byTag(model.Tag{Key: "tier"}), "an empty value matches any")
	require.Empty(t, byTag(model.Tag{Key: "team", Value: "db"}))

	_, err = w.c.CreateLoadBalancerTCPListener(w.ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
		RegionId: w.region, LoadBalancerId: lb, ListenerPort: 80, VServerGroupId: g1.VServerGroupId, Bandwidth: -1, Tag: web}})
	require.NoError(t, err)
	require.NoError(t, w.wire(w.signed(map[string]string{"Action": "CreateLoadBalancerUDPListener", "Version": "2014-05-15", "RegionId": w.region,
		"LoadBalancerId": lb, "ListenerPort": "53", "BackendServerPort": "53", "Bandwidth": "-1", "Tag.1.Key": "team", "Tag.1.Value": "dns"}, fake.DefaultAccessKeySecret, "n2")))
	tags, err := w.c.ListTagResources(w.ctx, &model.ListTagResourcesRequest{RegionId: w.region, ResourceType: "listener", ResourceId: []string{lb + "_tcp_80", lb + "_udp_53"}})
	require.NoError(t, err)
	require.Equal(t, []model.TagResourceView{
		{ResourceType: "listener", ResourceId: lb + "_tcp_80", TagKey: "team", TagValue: "web"},
		{ResourceType: "listener", ResourceId: lb + "_udp_53", TagKey: "team", TagValue: "dns"},
	}, tags.TagResources.TagResource)

	// A bad Tag.N refuses the create, and creates nothing.
	for _, bad := range [][]model.Tag{{{Key: "aliyun-x"}}, {{Key: "k"}, {Key: "k"}}, {{Value: "no key"}}} {
		before := w.f.State()
		_, err := w.c.CreateVServerGroup(w.ctx, &model.CreateVServerGroupRequest{RegionId: w.region, LoadBalancerId: lb, VServerGroupName: "bad", Tag: bad})
		require.Error(t, err, "%v", bad)
		_, err = w.c.CreateLoadBalancerHTTPListener(w.ctx, &model.CreateLoadBalancerHTTPListenerRequest{ListenerCommon: model.ListenerCommon{
			RegionId: w.region, LoadBalancerId: lb, ListenerPort: 8080, BackendServerPort: 80, Tag: bad}})
		require.Error(t, err, "%v", bad)
		require.Equal(t, before, w.f.State())
	}
}
