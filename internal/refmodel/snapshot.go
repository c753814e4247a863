package refmodel

import (
	"maps"
	"slices"
	"sort"
)

// Snapshot: the whole model world in a canonical order, to compare with the
// fake's state.

// Snapshot is the model world: every slice sorted by ID (accounts by
// themselves), each LB's backends in attachment order.
type Snapshot struct {
	Accounts          []string
	Vpcs              []Vpc
	VSwitches         []VSwitch
	Instances         []Instance
	NetworkInterfaces []ENI
	LoadBalancers     []LoadBalancer
	Listeners         []Listener
	// VServerGroups are the vServer groups, each with its members in the
	// order they were added (nil when it has none).
	VServerGroups []VServerGroup
}

// Snapshot returns a deep copy of the world.
func (m *Model) Snapshot() Snapshot {
	var s Snapshot
	for a := range m.accounts {
		s.Accounts = append(s.Accounts, a)
	}
	sort.Strings(s.Accounts)
	for _, v := range m.vpcs {
		s.Vpcs = append(s.Vpcs, *v)
	}
	for _, v := range m.vswitches {
		s.VSwitches = append(s.VSwitches, *v)
	}
	for _, i := range m.instances {
		s.Instances = append(s.Instances, *i)
	}
	for _, n := range m.enis {
		c := *n
		c.Ips = slices.Clone(n.Ips)
		s.NetworkInterfaces = append(s.NetworkInterfaces, c)
	}
	for _, lb := range m.lbs {
		c := *lb
		c.Backends = slices.Clone(lb.Backends)
		c.Tags = nil // an LB without tags has none, however they went
		if len(lb.Tags) > 0 {
			c.Tags = maps.Clone(lb.Tags)
		}
		s.LoadBalancers = append(s.LoadBalancers, c)
	}
	for _, l := range m.listeners {
		c := *l
		c.Tags = cloneTags(l.Tags)
		s.Listeners = append(s.Listeners, c)
	}
	for _, g := range m.groups {
		c := *g
		c.Members = nil
		if len(g.Members) > 0 {
			c.Members = slices.Clone(g.Members)
		}
		c.Tags = cloneTags(g.Tags)
		s.VServerGroups = append(s.VServerGroups, c)
	}
	s.Sort()
	return s
}

// Sort puts a snapshot in canonical order (the test builds one from the
// fake's state and sorts it the same way).
func (s *Snapshot) Sort() {
	sort.Strings(s.Accounts)
	sort.Slice(s.Vpcs, func(i, j int) bool { return s.Vpcs[i].VpcId < s.Vpcs[j].VpcId })
	sort.Slice(s.VSwitches, func(i, j int) bool { return s.VSwitches[i].VSwitchId < s.VSwitches[j].VSwitchId })
	sort.Slice(s.Instances, func(i, j int) bool { return s.Instances[i].InstanceId < s.Instances[j].InstanceId })
	sort.Slice(s.NetworkInterfaces, func(i, j int) bool {
		return s.NetworkInterfaces[i].NetworkInterfaceId < s.NetworkInterfaces[j].NetworkInterfaceId
	})
	sort.Slice(s.LoadBalancers, func(i, j int) bool {
		return s.LoadBalancers[i].LoadBalancerId < s.LoadBalancers[j].LoadBalancerId
	})
	sort.Slice(s.Listeners, func(i, j int) bool {
		a, b := s.Listeners[i], s.Listeners[j]
		return lkey(a.LoadBalancerId, a.ListenerPort, a.Protocol) < lkey(b.LoadBalancerId, b.ListenerPort, b.Protocol)
	})
	sort.Slice(s.VServerGroups, func(i, j int) bool {
		return s.VServerGroups[i].VServerGroupId < s.VServerGroups[j].VServerGroupId
	})
}

// cloneTags copies tags; none (however they went) is nil.
func cloneTags(tags map[string]string) map[string]string {
	if len(tags) == 0 {
		return nil
	}
	return maps.Clone(tags)
}
