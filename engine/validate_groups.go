package engine

import (
	"fmt"

	"github.com/slbfake/slbfake/model"
)

// The State checks of vServer groups and their members (Validate).

func (v *validator) vServerGroups(groups []*model.VServerGroup) {
	if v.groupByID == nil {
		v.groupByID = make(map[string]*model.VServerGroup, len(groups))
	}
	for _, g := range groups {
		_, seen := v.groupByID[g.VServerGroupId]
		if !v.id("vServer group", model.PrefixVServerGroup, g.VServerGroupId, seen) {
			continue
		}
		v.groupByID[g.VServerGroupId] = g
		id := g.VServerGroupId
		v.owner("vServer group", id, g.AccountId, g.RegionId)
		if g.VServerGroupName != "" && !model.ValidVServerGroupName(g.VServerGroupName) {
			v.addf("vServer group %s: invalid VServerGroupName %q", id, g.VServerGroupName)
		}
		lb := v.lbByID[g.LoadBalancerId]
		if lb == nil {
			v.addf("vServer group %s: LB %q does not exist", id, g.LoadBalancerId)
			continue
		}
		v.sameOwner("vServer group", id, "LB", lb.LoadBalancerId, g.AccountId, g.RegionId, lb.AccountId, lb.RegionId)
	}
}

// memberWhat names a vServer group member in a problem.
func memberWhat(m *model.GroupBackend) string {
	if m.KeyIp != "" {
		return fmt.Sprintf("member %s (%s) port %d of %s", m.ServerId, m.KeyIp, m.Port, m.VServerGroupId)
	}
	return fmt.Sprintf("member %s port %d of %s", m.ServerId, m.Port, m.VServerGroupId)
}

func (v *validator) groupBackends(ms []*model.GroupBackend) {
	type key struct {
		group, server string
		port          int
		ip            string
	}
	type groupSeq struct {
		group string
		seq   uint64
	}
	seen := make(map[key]bool, len(ms))
	seqs := make(map[groupSeq]bool, len(ms))
	count := map[string]int{}
	domain := map[string]string{}
	for lb, d := range v.lbDomain {
		domain[lb] = d
	}
	for _, m := range ms {
		k := key{m.VServerGroupId, m.ServerId, m.Port, m.KeyIp}
		if seen[k] {
			v.addf("%s is listed twice", memberWhat(m))
			continue
		}
		seen[k] = true
		if m.Port < model.MinPort || m.Port > model.MaxPort {
			v.addf("%s: Port %d outside %d..%d", memberWhat(m), m.Port, model.MinPort, model.MaxPort)
		}
		if m.Weight < 0 || m.Weight > model.MaxWeight {
			v.addf("%s: Weight %d outside 0..%d", memberWhat(m), m.Weight, model.MaxWeight)
		}
		if e := model.ValidateDescription(m.Description); e != nil {
			v.addf("%s: invalid Description (%s)", memberWhat(m), e.Code)
		}
		if m.Seq == 0 {
			v.addf("%s: Seq 0", memberWhat(m))
		} else if s := (groupSeq{m.VServerGroupId, m.Seq}); seqs[s] {
			v.addf("%s: Seq %d is another member's of the group", memberWhat(m), m.Seq)
		} else {
			seqs[s] = true
		}
		var lb *model.LoadBalancer
		if g := v.groupByID[m.VServerGroupId]; g == nil {
			v.addf("%s: the vServer group does not exist", memberWhat(m))
		} else if g.LoadBalancerId != m.LoadBalancerId {
			v.addf("%s: LoadBalancerId %q is not the group's %q", memberWhat(m), m.LoadBalancerId, g.LoadBalancerId)
		} else {
			lb = v.lbByID[g.LoadBalancerId] // nil when missing: reported with the group
		}
		if lb != nil {
			count[lb.LoadBalancerId]++
		}
		vpc, ok := v.backendServer(memberWhat(m), lb, m.Type, m.ServerId, m.KeyIp, m.ServerIp, m.VpcId)
		if !ok || lb == nil {
			continue
		}
		v.sameDomain(domain, lb.LoadBalancerId, vpc, memberWhat(m))
	}
	over := map[string]int{}
	for lb, n := range count {
		if total := n + v.lbBackends[lb]; total > v.quota && v.lbBackends[lb] <= v.quota {
			over[lb] = total
		}
	}
	for _, lb := range sortedKeys(over) {
		v.addf("LB %s: %d backends in its default and vServer groups, over the backend quota of %d", lb, over[lb], v.quota)
	}
}
