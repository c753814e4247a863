package fake_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/internal/refmodel"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// The links between listeners, vServer groups and tags in TestStateMachine:
// listeners that forward to a group (of their LB, or wrongly of another),
// the Set calls that switch them, deletes of groups in use, the health of a
// group listener, and the tag calls on group and listener resources
// (internal/refmodel/slb_listener_groups.go, slb_tag_resources.go).

// liveGroups returns the model's live groups, of lbId only when it is not
// empty.
func (w *smWorld) liveGroups(lbId string) []string {
	var out []string
	for _, id := range w.groups {
		if g, ok := w.m.VServerGroupOf(id); ok && (lbId == "" || g.LoadBalancerId == lbId) {
			out = append(out, id)
		}
	}
	return out
}

// drawListenerGroup draws the VServerGroupId of a listener create or Set
// on lbId: mostly none, often a live group of the LB, sometimes one of
// another LB (or deleted), or one nobody created.
func (w *smWorld) drawListenerGroup(t *rapid.T, lbId string) string {
	switch smPick(t, "listenerGroupKind", 10, 6, 2, 1) {
	case 1:
		return smGroupFrom(t, "ownGroup", w.liveGroups(lbId))
	case 2:
		return smGroupFrom(t, "otherGroup", slices.DeleteFunc(slices.Clone(w.groups), func(id string) bool {
			g, ok := w.m.VServerGroupOf(id)
			return ok && g.LoadBalancerId == lbId
		}))
	case 3:
		return smUnknownGroup
	}
	return ""
}

// setListener draws a SetLoadBalancerTCPListenerAttribute or
// SetLoadBalancerHTTPListenerAttribute: the VServerGroup switch and its
// group, Bandwidth, Scheduler, Description, the health-check switch.
func (w *smWorld) setListener(t *rapid.T) {
	tcp := smPick(t, "setProtocol", 1, 1) == 0
	req, account := w.drawListenerRequest(t)
	// Mostly a listener of the Set call's protocol, when the walk made one.
	want := model.ProtocolHTTP
	if tcp {
		want = model.ProtocolTCP
	}
	var mine []refmodel.Listener
	for _, l := range w.m.Snapshot().Listeners {
		if l.Protocol == want {
			mine = append(mine, l)
		}
	}
	if len(mine) > 0 && smPick(t, "setExisting", 1, 3) == 1 {
		l := rapid.SampledFrom(mine).Draw(t, "setListener")
		lb, _ := w.m.LoadBalancerOf(l.LoadBalancerId)
		req, account = &model.ListenerRequest{RegionId: lb.RegionId, LoadBalancerId: lb.LoadBalancerId, ListenerPort: l.ListenerPort}, lb.AccountId
	}
	u := model.ListenerUpdate{RegionId: req.RegionId, LoadBalancerId: req.LoadBalancerId, ListenerPort: req.ListenerPort,
		VServerGroup:   []string{"", "on", "off", "On"}[smPick(t, "vServerGroupSwitch", 6, 4, 4, 1)],
		VServerGroupId: w.drawListenerGroup(t, req.LoadBalancerId),
		Bandwidth:      []int{0, -1, 10, 6000}[smPick(t, "setBandwidth", 8, 2, 2, 1)],
		Scheduler:      []string{"", "wlc", "tch", "x"}[smPick(t, "setScheduler", 8, 2, 1, 1)],
		Description:    []string{"", "d2", "web server", "监听-2"}[smPick(t, "setDescription", 4, 1, 1, 1)],
		ListenerACL:    drawListenerACL(t),
	}
	health := []string{"", "on", "off", "ON"}[smPick(t, "setHealth", 6, 2, 2, 1)]
	ref := refmodel.ListenerSet{ListenerUpdate: u, HealthCheck: health}
	if tcp {
		ref.Drain = model.ConnectionDrainOptions{
			ConnectionDrain:        []string{"", "on", "off", "x"}[smPick(t, "setConnectionDrain", 6, 3, 2, 1)],
			ConnectionDrainTimeout: []int{0, 20, 1000}[smPick(t, "setConnectionDrainTimeout", 4, 3, 1)],
			ProxyProtocolV2Enabled: []string{"", "true", "false", "1"}[smPick(t, "setProxyProtocolV2", 6, 3, 2, 1)],
		}
		req := &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: u, HealthCheckSwitch: health, ConnectionDrainOptions: ref.Drain}
		smCall(t, w, "SetLoadBalancerTCPListenerAttribute", account, req,
			func(c *fake.Client) (*model.SetLoadBalancerTCPListenerAttributeResponse, error) {
				return c.SetLoadBalancerTCPListenerAttribute(context.Background(), req)
			},
			func(*model.SetLoadBalancerTCPListenerAttributeResponse) (*model.SetLoadBalancerTCPListenerAttributeResponse, *model.Error) {
				if e := w.m.SetListenerAttribute(account, model.ProtocolTCP, ref); e != nil {
					return nil, e
				}
				return &model.SetLoadBalancerTCPListenerAttributeResponse{}, nil
			})
		return
	}
	hreq := &model.SetLoadBalancerHTTPListenerAttributeRequest{ListenerUpdate: u, HTTPListenerOptions: model.HTTPListenerOptions{HealthCheck: health}}
	smCall(t, w, "SetLoadBalancerHTTPListenerAttribute", account, hreq,
		func(c *fake.Client) (*model.SetLoadBalancerHTTPListenerAttributeResponse, error) {
			return c.SetLoadBalancerHTTPListenerAttribute(context.Background(), hreq)
		},
		func(*model.SetLoadBalancerHTTPListenerAttributeResponse) (*model.SetLoadBalancerHTTPListenerAttributeResponse, *model.Error) {
			if e := w.m.SetListenerAttribute(account, model.ProtocolHTTP, ref); e != nil {
				return nil, e
			}
			return &model.SetLoadBalancerHTTPListenerAttributeResponse{}, nil
		})
}

// switchListenerGroup moves a live listener between its LB's default
// server group and its groups (or, wrongly, another LB's group): the Set
// call of a cloud controller that changes a Service's backends.
func (w *smWorld) switchListenerGroup(t *rapid.T) {
	var ls []refmodel.Listener
	for _, l := range w.m.Snapshot().Listeners {
		if l.Protocol == model.ProtocolTCP || l.Protocol == model.ProtocolHTTP {
			ls = append(ls, l)
		}
	}
	if len(ls) == 0 {
		t.Skip("no listener")
	}
	l := rapid.SampledFrom(ls).Draw(t, "switchListener")
	lb, _ := w.m.LoadBalancerOf(l.LoadBalancerId)
	u := model.ListenerUpdate{RegionId: lb.RegionId, LoadBalancerId: lb.LoadBalancerId, ListenerPort: l.ListenerPort,
		VServerGroup: []string{"", "on", "off"}[smPick(t, "switchKind", 2, 2, 3)],
		Description:  []string{"", "web server"}[smPick(t, "switchDescription", 6, 1)]}
	if u.VServerGroup != "off" || smPick(t, "switchOffWithId", 3, 1) == 1 {
		u.VServerGroupId = w.drawListenerGroup(t, lb.LoadBalancerId)
	}
	ref := refmodel.ListenerSet{ListenerUpdate: u}
	if l.Protocol == model.ProtocolTCP {
		req := &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: u}
		smCall(t, w, "SetLoadBalancerTCPListenerAttribute", lb.AccountId, req,
			func(c *fake.Client) (*model.SetLoadBalancerTCPListenerAttributeResponse, error) {
				return c.SetLoadBalancerTCPListenerAttribute(context.Background(), req)
			},
			func(*model.SetLoadBalancerTCPListenerAttributeResponse) (*model.SetLoadBalancerTCPListenerAttributeResponse, *model.Error) {
				if e := w.m.SetListenerAttribute(lb.AccountId, model.ProtocolTCP, ref); e != nil {
					return nil, e
				}
				return &model.SetLoadBalancerTCPListenerAttributeResponse{}, nil
			})
		return
	}
	req := &model.SetLoadBalancerHTTPListenerAttributeRequest{ListenerUpdate: u}
	smCall(t, w, "SetLoadBalancerHTTPListenerAttribute", lb.AccountId, req,
		func(c *fake.Client) (*model.SetLoadBalancerHTTPListenerAttributeResponse, error) {
			return c.SetLoadBalancerHTTPListenerAttribute(context.Background(), req)
		},
		func(*model.SetLoadBalancerHTTPListenerAttributeResponse) (*model.SetLoadBalancerHTTPListenerAttributeResponse, *model.Error) {
			if e := w.m.SetListenerAttribute(lb.AccountId, model.ProtocolHTTP, ref); e != nil {
				return nil, e
			}
			return &model.SetLoadBalancerHTTPListenerAttributeResponse{}, nil
		})
}

// tagListenersOfLB tags every listener of an LB with one tag, then lists
// the listeners with that tag: the order of listeners within their LB.
func (w *smWorld) tagListenersOfLB(t *rapid.T) {
	byLB := map[string][]string{}
	for _, l := range w.m.Snapshot().Listeners {
		byLB[l.LoadBalancerId] = append(byLB[l.LoadBalancerId], smListenerResourceId(l.LoadBalancerId, string(l.Protocol), strconv.Itoa(l.ListenerPort)))
	}
	var lbs []string
	for id, ls := range byLB {
		if len(ls) > 1 {
			lbs = append(lbs, id)
		}
	}
	if len(lbs) == 0 {
		t.Skip("no LB with two listeners")
	}
	slices.Sort(lbs)
	lb, _ := w.m.LoadBalancerOf(rapid.SampledFrom(lbs).Draw(t, "tagListenersLB"))
	req := &model.TagResourcesRequest{RegionId: lb.RegionId, ResourceType: model.ResourceTypeListener, ResourceId: byLB[lb.LoadBalancerId],
		Tag: []model.Tag{{Key: "team", Value: drawTagValue(t, "teamValue")}}}
	smCall(t, w, "TagResources", lb.AccountId, req,
		func(c *fake.Client) (*model.TagResourcesResponse, error) {
			return c.TagResources(context.Background(), req)
		},
		func(*model.TagResourcesResponse) (*model.TagResourcesResponse, *model.Error) {
			return w.m.TagResources(lb.AccountId, req)
		})
	w.compareTagList(t, lb.AccountId, model.ListTagResourcesRequest{RegionId: lb.RegionId, ResourceType: model.ResourceTypeListener,
		Tag: []model.Tag{{Key: "team"}}})
}

// groupsInUse returns the live groups a listener of the model forwards to.
func (w *smWorld) groupsInUse() []string {
	var out []string
	for _, l := range w.m.Snapshot().Listeners {
		if l.VServerGroupId != "" && !slices.Contains(out, l.VServerGroupId) {
			out = append(out, l.VServerGroupId)
		}
	}
	slices.Sort(out)
	return out
}

// deleteGroupInUse deletes a group a listener forwards to (RspoolVipExist),
// as its owner.
func (w *smWorld) deleteGroupInUse(t *rapid.T) {
	used := w.groupsInUse()
	if len(used) == 0 {
		t.Skip("no group in use")
	}
	g, _ := w.m.VServerGroupOf(rapid.SampledFrom(used).Draw(t, "usedGroup"))
	req := &model.DeleteVServerGroupRequest{RegionId: g.RegionId, VServerGroupId: g.VServerGroupId}
	smCall(t, w, "DeleteVServerGroup", g.AccountId, req,
		func(c *fake.Client) (*model.DeleteVServerGroupResponse, error) {
			return c.DeleteVServerGroup(context.Background(), req)
		},
		func(*model.DeleteVServerGroupResponse) (*model.DeleteVServerGroupResponse, *model.Error) {
			return w.m.DeleteVServerGroup(g.AccountId, req)
		})
}

// groupListenerHealth puts a TCP listener in front of a group with
// members, starts it now and then, and reads its health: the members on
// their own ports.
func (w *smWorld) groupListenerHealth(t *rapid.T) {
	var full []string
	for _, id := range w.liveGroups("") {
		if g, _ := w.m.VServerGroupOf(id); len(g.Members) > 0 {
			full = append(full, id)
		}
	}
	if len(full) == 0 {
		t.Skip("no group with members")
	}
	g, _ := w.m.VServerGroupOf(rapid.SampledFrom(full).Draw(t, "healthGroup"))
	c := model.ListenerCommon{RegionId: g.RegionId, LoadBalancerId: g.LoadBalancerId, VServerGroupId: g.VServerGroupId,
		ListenerPort: rapid.IntRange(2000, 2002).Draw(t, "groupHealthPort"), Bandwidth: -1}
	health := []string{"", "off"}[smPick(t, "groupHealthSwitch", 3, 1)]
	req := &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: c, HealthCheckSwitch: health}
	smCall(t, w, "CreateLoadBalancerTCPListener", g.AccountId, req,
		func(c *fake.Client) (*model.CreateLoadBalancerTCPListenerResponse, error) {
			return c.CreateLoadBalancerTCPListener(context.Background(), req)
		},
		func(*model.CreateLoadBalancerTCPListenerResponse) (*model.CreateLoadBalancerTCPListenerResponse, *model.Error) {
			if e := w.m.CreateListener(g.AccountId, model.ProtocolTCP, refmodel.ListenerCreate{ListenerCommon: c, HealthCheck: health}); e != nil {
				return nil, e
			}
			return &model.CreateLoadBalancerTCPListenerResponse{}, nil
		})
	start := &model.ListenerRequest{RegionId: g.RegionId, LoadBalancerId: g.LoadBalancerId, ListenerPort: c.ListenerPort, ListenerProtocol: "tcp"}
	if smPick(t, "groupHealthStart", 1, 3) == 1 {
		smCall(t, w, "StartLoadBalancerListener", g.AccountId, start,
			func(c *fake.Client) (*model.StartLoadBalancerListenerResponse, error) {
				return c.StartLoadBalancerListener(context.Background(), start)
			},
			func(*model.StartLoadBalancerListenerResponse) (*model.StartLoadBalancerListenerResponse, *model.Error) {
				if e := w.m.ListenerCall("Start", g.AccountId, start); e != nil {
					return nil, e
				}
				return &model.StartLoadBalancerListenerResponse{}, nil
			})
	}
	read := &model.ListenerRequest{RegionId: g.RegionId, LoadBalancerId: g.LoadBalancerId}
	read.ListenerPort = []int{0, c.ListenerPort}[smPick(t, "groupHealthRead", 1, 1)]
	readHealth(t, w, g.AccountId, read)
}

// drawTagResourceIds draws the ResourceId.N of a tag call on groups or
// listeners: mostly live ones of the caller's home, deleted ones, unknown
// ones, and for listeners IDs that are almost a listener's (another
// case, a port 0 or with a leading zero, no port).
func (w *smWorld) drawTagResourceIds(t *rapid.T, typ string) []string {
	var live, near, any []string
	switch typ {
	case model.ResourceTypeVServerGroup:
		live, any = w.liveGroups(""), append(slices.Clone(w.groups), smUnknownGroup)
	default:
		for _, l := range w.m.Snapshot().Listeners {
			live = append(live, smListenerResourceId(l.LoadBalancerId, string(l.Protocol), strconv.Itoa(l.ListenerPort)))
		}
		for _, lb := range append(slices.Clone(w.lbs), "lb-bp1unknown0000000000") {
			for _, p := range []string{"tcp", "http"} {
				any = append(any, smListenerResourceId(lb, p, "80"), smListenerResourceId(lb, p, "8080"))
			}
		}
		if len(live) > 0 {
			l := rapid.SampledFrom(w.m.Snapshot().Listeners).Draw(t, "nearListener")
			near = append(near, smListenerResourceId(l.LoadBalancerId, "TCP", strconv.Itoa(l.ListenerPort)),
				smListenerResourceId(l.LoadBalancerId, string(l.Protocol), "0"),
				smListenerResourceId(l.LoadBalancerId, string(l.Protocol), "0"+strconv.Itoa(l.ListenerPort)),
				l.LoadBalancerId+"_"+string(l.Protocol), l.LoadBalancerId)
		}
	}
	pick := func(label string) string {
		switch smPick(t, label+"Kind", 2, 6, 2) {
		case 1:
			if len(live) > 0 {
				return rapid.SampledFrom(live).Draw(t, label)
			}
		case 2:
			if len(near) > 0 {
				return rapid.SampledFrom(near).Draw(t, label)
			}
		}
		return rapid.SampledFrom(any).Draw(t, label)
	}
	switch smPick(t, "resourceIdsN", 8, 3, 1) {
	case 1:
		return []string{pick("tagId"), pick("tagId2")}
	case 2:
		return nil
	}
	return []string{pick("tagId")}
}

func smListenerResourceId(lbId, protocol, port string) string {
	return fmt.Sprintf("%s_%s_%s", lbId, protocol, port)
}

// smTagsOf maps each resource of a type in a State to its tags.
func smTagsOf(st engine.State, typ string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, t := range st.ResourceTags {
		if t.ResourceType != typ {
			continue
		}
		if out[t.ResourceId] == nil {
			out[t.ResourceId] = map[string]string{}
		}
		out[t.ResourceId][t.TagKey] = t.TagValue
	}
	return out
}

// checkTagOwners checks, on the fake's state alone, that every tag is a
// tag of a resource that exists, of its owner: an LB, a vServer group or
// a listener (by its ResourceId).
func checkTagOwners(t require.TestingT, st engine.State) {
	owners := map[[2]string][2]string{}
	for _, lb := range st.LoadBalancers {
		owners[[2]string{model.ResourceTypeInstance, lb.LoadBalancerId}] = [2]string{lb.AccountId, lb.RegionId}
	}
	for _, g := range st.VServerGroups {
		owners[[2]string{model.ResourceTypeVServerGroup, g.VServerGroupId}] = [2]string{g.AccountId, g.RegionId}
	}
	for _, l := range st.Listeners {
		id := smListenerResourceId(l.LoadBalancerId, string(l.ListenerProtocol), strconv.Itoa(l.ListenerPort))
		owners[[2]string{model.ResourceTypeListener, id}] = [2]string{l.AccountId, l.RegionId}
	}
	for _, tag := range st.ResourceTags {
		owner, ok := owners[[2]string{tag.ResourceType, tag.ResourceId}]
		require.True(t, ok, "tag %s=%s of %s %s, which does not exist", tag.TagKey, tag.TagValue, tag.ResourceType, tag.ResourceId)
		require.Equal(t, owner, [2]string{tag.AccountId, tag.RegionId}, "tag %s of %s %s: owner", tag.TagKey, tag.ResourceType, tag.ResourceId)
	}
}

// drawTagFilter draws the Tag.N filter of a Describe call: mostly none.
func drawTagFilter(t *rapid.T, label string) []model.Tag {
	if smPick(t, label, 3, 1) == 0 {
		return nil
	}
	var tags []model.Tag
	for range rapid.IntRange(1, 2).Draw(t, label+"N") {
		tags = append(tags, model.Tag{Key: smTagKeys[smPick(t, label+"Key", 6, 4, 3, 1, 1)],
			Value: []string{"", "a1b2", "prod"}[smPick(t, label+"Value", 2, 1, 1)]})
	}
	if smPick(t, label+"Many", 20, 1) == 1 {
		tags = slices.Repeat([]model.Tag{{Key: "env"}}, 21)
	}
	return tags
}
