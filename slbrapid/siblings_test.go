package slbrapid

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"pgregory.net/rapid"
)

// TestSiblingsMatchDescribes: every drawn world builds (with a configuring
// window when drawn for one), and what Built reports of the groups,
// members, listeners, tags and protection is what the Describe calls show,
// and what the spec asked for.
func TestSiblingsMatchDescribes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := WorldConfig{Regions: []string{"cn-hangzhou", "cn-beijing"}, SingleBackendChange: rapid.Bool().Draw(t, "single")}
		w := WorldWith(cfg).Draw(t, "world")
		opts := []fake.Option{fake.WithBackendQuota(w.BackendQuota), fake.WithClock(fake.NewVirtualClock(Epoch))}
		if cfg.SingleBackendChange {
			opts = append(opts, fake.WithConfiguringWindow(time.Minute))
		}
		f := fake.New(opts...)
		b, err := w.Build(f)
		if err != nil {
			t.Fatalf("Build: %v\n%s", err, w.GoString())
		}
		c, ctx := f.Client(), context.Background()
		var nGroups, nMembers, nListeners, nTags int
		for _, lb := range w.LoadBalancers {
			region := regionOr(lb.Region)
			groups, err := c.DescribeVServerGroups(ctx, &model.DescribeVServerGroupsRequest{RegionId: region, LoadBalancerId: lb.Id})
			if err != nil {
				t.Fatalf("DescribeVServerGroups %s: %v", lb.Id, err)
			}
			var ids []string
			for i, g := range groups.VServerGroups.VServerGroup {
				ids = append(ids, g.VServerGroupId)
				if i < len(lb.VServerGroups) && g.VServerGroupName != lb.VServerGroups[i].Name && lb.VServerGroups[i].Name != "" {
					t.Fatalf("group %s is named %q, the spec says %q", g.VServerGroupId, g.VServerGroupName, lb.VServerGroups[i].Name)
				}
			}
			if !slices.Equal(ids, b.VServerGroups[lb.Id]) || len(ids) != len(lb.VServerGroups) {
				t.Fatalf("%s: groups %v, Built says %v, the spec has %d", lb.Id, ids, b.VServerGroups[lb.Id], len(lb.VServerGroups))
			}
			nGroups += len(ids)
			for i, id := range ids {
				attr, err := c.DescribeVServerGroupAttribute(ctx, &model.DescribeVServerGroupAttributeRequest{RegionId: region, VServerGroupId: id})
				if err != nil {
					t.Fatalf("DescribeVServerGroupAttribute %s: %v", id, err)
				}
				var got []MemberSpec
				for _, m := range attr.BackendServers.BackendServer {
					got = append(got, MemberSpec{ServerId: m.ServerId, Type: model.ServerType(m.Type), Port: m.Port, Weight: m.Weight})
				}
				if !slices.Equal(got, b.GroupMembers[id]) || !slices.Equal(got, lb.VServerGroups[i].Members) {
					t.Fatalf("group %s has %v; Built says %v, the spec %v", id, got, b.GroupMembers[id], lb.VServerGroups[i].Members)
				}
				nMembers += len(got)
				checkTags(t, c, region, model.ResourceTypeVServerGroup, id, lb.VServerGroups[i].Tags, b)
			}

			ls, err := c.DescribeLoadBalancerListeners(ctx, &model.DescribeLoadBalancerListenersRequest{RegionId: region,
				LoadBalancerId: []string{lb.Id}, MaxResults: 100})
			if err != nil {
				t.Fatalf("DescribeLoadBalancerListeners %s: %v", lb.Id, err)
			}
			if len(ls.Listeners) != len(lb.Listeners) || len(b.Listeners[lb.Id]) != len(lb.Listeners) {
				t.Fatalf("%s: %d listeners, Built says %d, the spec %d", lb.Id, len(ls.Listeners), len(b.Listeners[lb.Id]), len(lb.Listeners))
			}
			for _, l := range lb.Listeners {
				id := ListenerID(lb.Id, l.Protocol, l.Port)
				if !slices.Contains(b.Listeners[lb.Id], id) {
					t.Fatalf("Built lacks listener %s", id)
				}
				i := slices.IndexFunc(ls.Listeners, func(v model.ListenerView) bool {
					return v.ListenerPort == l.Port && v.ListenerProtocol == string(l.Protocol)
				})
				if i < 0 {
					t.Fatalf("no listener %s described", id)
				}
				v := ls.Listeners[i]
				wantStatus := model.ListenerStopped
				if l.Running {
					wantStatus = model.ListenerRunning
				}
				if v.Status != string(wantStatus) || slices.Contains(b.RunningListeners, id) != l.Running ||
					slices.Contains(b.StoppedListeners, id) == l.Running {
					t.Fatalf("listener %s is %s; spec running %v; Built running %v", id, v.Status, l.Running, slices.Contains(b.RunningListeners, id))
				}
				if l.VServerGroup > 0 {
					if v.VServerGroupId != b.VServerGroups[lb.Id][l.VServerGroup-1] {
						t.Fatalf("listener %s forwards to %q, want group %d %s", id, v.VServerGroupId, l.VServerGroup, b.VServerGroups[lb.Id][l.VServerGroup-1])
					}
				} else if v.BackendServerPort != l.BackendPort || v.VServerGroupId != "" {
					t.Fatalf("listener %s forwards to %q port %d, want port %d", id, v.VServerGroupId, v.BackendServerPort, l.BackendPort)
				}
				checkTags(t, c, region, model.ResourceTypeListener, id, l.Tags, b)
			}
			nListeners += len(ls.Listeners)
			checkTags(t, c, region, model.ResourceTypeInstance, lb.Id, lb.Tags, b)

			attr, err := c.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: lb.Id})
			if err != nil {
				t.Fatalf("DescribeLoadBalancerAttribute %s: %v", lb.Id, err)
			}
			if (attr.DeleteProtection == "on") != lb.DeleteProtection || slices.Contains(b.DeleteProtectedLBs, lb.Id) != lb.DeleteProtection {
				t.Fatalf("%s: DeleteProtection %s, spec %v", lb.Id, attr.DeleteProtection, lb.DeleteProtection)
			}
			console := attr.ModificationProtectionStatus == consoleProtection
			if console != lb.ConsoleProtection || slices.Contains(b.ConsoleProtectedLBs, lb.Id) != lb.ConsoleProtection ||
				(console && attr.ModificationProtectionReason != lb.ConsoleProtectionReason) {
				t.Fatalf("%s: modification protection %s %q, spec %v %q", lb.Id, attr.ModificationProtectionStatus,
					attr.ModificationProtectionReason, lb.ConsoleProtection, lb.ConsoleProtectionReason)
			}
			total := len(b.Backends[lb.Id])
			for _, g := range b.VServerGroups[lb.Id] {
				total += len(b.GroupMembers[g])
			}
			if total > b.Quota || slices.Contains(b.FullLBs, lb.Id) != (total > 0 && total == b.Quota) {
				t.Fatalf("%s holds %d backends and members, quota %d, full %v", lb.Id, total, b.Quota, slices.Contains(b.FullLBs, lb.Id))
			}
		}
		for _, tags := range b.Tags {
			nTags += len(tags)
		}
		st := f.State()
		if len(st.VServerGroups) != nGroups || len(st.GroupBackends) != nMembers || len(st.Listeners) != nListeners || len(st.ResourceTags) != nTags {
			t.Fatalf("state: %d groups, %d members, %d listeners, %d tags; the Describe calls show %d, %d, %d, %d",
				len(st.VServerGroups), len(st.GroupBackends), len(st.Listeners), len(st.ResourceTags), nGroups, nMembers, nListeners, nTags)
		}
	})
}

// checkTags compares ListTagResources of one resource with the spec's tags
// and Built's.
func checkTags(t *rapid.T, c *fake.Client, region, resourceType, id string, want []model.Tag, b *Built) {
	resp, err := c.ListTagResources(context.Background(), &model.ListTagResourcesRequest{RegionId: region,
		ResourceType: resourceType, ResourceId: []string{id}})
	if err != nil {
		t.Fatalf("ListTagResources %s: %v", id, err)
	}
	var got []model.Tag
	for _, v := range resp.TagResources.TagResource {
		if v.ResourceId != id || v.ResourceType != resourceType {
			t.Fatalf("ListTagResources %s lists %s %s", id, v.ResourceType, v.ResourceId)
		}
		got = append(got, model.Tag{Key: v.TagKey, Value: v.TagValue})
	}
	byKey := func(a, b model.Tag) int { return cmp.Compare(a.Key, b.Key) }
	want = slices.SortedFunc(slices.Values(want), byKey)
	slices.SortFunc(got, byKey)
	built := slices.SortedFunc(slices.Values(b.Tags[id]), byKey)
	if !slices.Equal(got, want) || !slices.Equal(built, want) {
		t.Fatalf("%s has tags %v; the spec %v, Built %v", id, got, want, built)
	}
}

// TestWorldCoversSiblings: the default generator reaches every kind of
// sibling in a modest number of fixed-seed draws, and turning a sibling
// off draws none of it.
func TestWorldCoversSiblings(t *testing.T) {
	seen := map[string]bool{}
	gen := World()
	for seed := range 300 {
		w := gen.Example(seed)
		for _, lb := range w.LoadBalancers {
			mark := func(name string, ok bool) { seen[name] = seen[name] || ok }
			mark("group", len(lb.VServerGroups) > 0)
			mark("two groups", len(lb.VServerGroups) > 1)
			mark("group with backends", len(lb.VServerGroups) > 0 && len(lb.Backends) > 0)
			mark("tagged LB", len(lb.Tags) > 0)
			mark("delete protection", lb.DeleteProtection)
			mark("console protection", lb.ConsoleProtection)
			mark("locked with listeners", lb.Status == model.LBLocked && len(lb.Listeners) > 0)
			for _, g := range lb.VServerGroups {
				mark("members", len(g.Members) > 0)
				mark("tagged group", len(g.Tags) > 0)
				for _, m := range g.Members {
					mark("eni member", m.Type == model.ServerENI)
				}
			}
			for _, l := range lb.Listeners {
				mark("listener "+string(l.Protocol), true)
				mark("listener on a group", l.VServerGroup > 0)
				mark("listener on a port", l.VServerGroup == 0)
				mark("running listener", l.Running)
				mark("stopped listener", !l.Running)
				mark("tagged listener", len(l.Tags) > 0)
			}
		}
		_, b := w.NewFake()
		for _, lb := range b.FullLBs {
			seen["full with members"] = seen["full with members"] || len(b.VServerGroups[lb]) > 0
		}
	}
	for _, k := range []string{"group", "two groups", "group with backends", "tagged LB", "delete protection",
		"console protection", "locked with listeners", "members", "tagged group", "eni member", "listener tcp",
		"listener udp", "listener http", "listener https", "listener on a group", "listener on a port",
		"running listener", "stopped listener", "tagged listener", "full with members"} {
		if !seen[k] {
			t.Errorf("no world had %s", k)
		}
	}

	off := WorldWith(WorldConfig{NoVServerGroups: true, NoListeners: true, NoTags: true, NoProtection: true})
	for seed := range 100 {
		for _, lb := range off.Example(seed).LoadBalancers {
			if len(lb.VServerGroups)+len(lb.Listeners)+len(lb.Tags) > 0 || lb.DeleteProtection || lb.ConsoleProtection {
				t.Fatalf("a world drawn with every sibling off has %+v", lb)
			}
		}
	}
}

// TestSingleBackendChange: worlds drawn for a configuring window make at
// most one backend change per LB, and build on a fake with a window.
func TestSingleBackendChange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := WorldWith(WorldConfig{SingleBackendChange: true}).Draw(t, "world")
		for _, lb := range w.LoadBalancers {
			changes := 0
			if len(lb.Backends) > 0 {
				changes++
			}
			for _, g := range lb.VServerGroups {
				if len(g.Members) > 0 {
					changes++
				}
			}
			if changes > 1 {
				t.Fatalf("%s gets %d backend changes", lb.Id, changes)
			}
		}
		if _, err := w.Build(fake.New(fake.WithBackendQuota(w.BackendQuota), fake.WithConfiguringWindow(time.Hour))); err != nil {
			t.Fatalf("Build: %v\n%s", err, w.GoString())
		}
	})
}

// TestDefaultActionsAreActions: every action fault plans draw over by
// default, or that has codes of its own, is an action of the fake, and its
// codes are catalogue codes a rule may answer with.
func TestDefaultActionsAreActions(t *testing.T) {
	f := fake.New()
	for _, a := range DefaultActions {
		if err := f.SetFaults(fake.FaultRule{Action: a}); err != nil {
			t.Errorf("%s: %v", a, err)
		}
	}
	for a, codes := range ActionFaultCodes {
		if !slices.Contains(DefaultActions, a) {
			t.Errorf("%s has fault codes but is not in DefaultActions", a)
		}
		for _, code := range codes {
			if err := f.SetFaults(fake.FaultRule{Action: a, ErrorCode: code}); err != nil {
				t.Errorf("%s, %s: %v", a, code, err)
			}
		}
	}
}
