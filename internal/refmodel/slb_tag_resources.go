package refmodel

import (
	"slices"
	"strconv"
	"strings"
)

// The resources the tag calls reach (README, fidelity table, "Tags,
// protection, charge type", "Tag resource types"): LBs (ResourceType
// instance), vServer groups (vservergroup) and listeners (listener, whose
// ResourceId is exactly "<LoadBalancerId>_<protocol>_<port>", the protocol
// in lower case and the port in decimal). A resource's tags live on it, so
// they go with it: DeleteLoadBalancer (with its groups and listeners),
// DeleteVServerGroup, DeleteLoadBalancerListener.

// tagResource is one resource a tag call may name: its ID and its tags.
type tagResource struct {
	id   string
	tags *map[string]string
}

// listenerResourceId is a listener's ID as a tag resource.
func listenerResourceId(l *Listener) string {
	return l.LoadBalancerId + "_" + string(l.Protocol) + "_" + strconv.Itoa(l.ListenerPort)
}

// tagResources returns the caller's resources of a type in the order
// ListTagResources lists them: LBs and groups in creation order; listeners
// by their LB's creation order, then by ResourceId as a string (INF: a
// listener's tags list with its LB's).
func (m *Model) tagResources(account, region, typ string) []tagResource {
	var out []tagResource
	switch typ {
	case "instance":
		for _, id := range m.lbOrder {
			if lb := m.lbs[id]; visible(account, region, lb.AccountId, lb.RegionId) {
				out = append(out, tagResource{id, &lb.Tags})
			}
		}
	case "vservergroup":
		for _, id := range m.groupOrder {
			if g := m.groups[id]; visible(account, region, g.AccountId, g.RegionId) {
				out = append(out, tagResource{id, &g.Tags})
			}
		}
	case "listener":
		for _, lbId := range m.lbOrder {
			lb := m.lbs[lbId]
			if !visible(account, region, lb.AccountId, lb.RegionId) {
				continue
			}
			var ls []tagResource
			for _, l := range m.listenersOf(lbId) {
				ls = append(ls, tagResource{listenerResourceId(l), &l.Tags})
			}
			slices.SortFunc(ls, func(a, b tagResource) int { return strings.Compare(a.id, b.id) })
			out = append(out, ls...)
		}
	}
	return out
}

// hasEveryTag reports whether tags have every wanted tag.
func hasEveryTag(tags map[string]string, want []wantTag) bool {
	for _, w := range want {
		v, ok := tags[w.key]
		if !ok || (!w.any && v != w.value) {
			return false
		}
	}
	return true
}
