package engine

import (
	"fmt"

	"github.com/slbfake/slbfake/model"
)

// Validate's rules for LB protection and charge fields and for resource
// tags (slb_protection.go, slb_tags.go).

// loadBalancerProtection checks an LB's protection and charge fields: a
// ModificationProtectionStatus of "" (NonProtection's one spelling) or
// ConsoleProtection, a reason only with ConsoleProtection and then a valid
// one, an InstanceChargeType of "" (PayBySpec) or PayByCLCU, no spec on
// a PayByCLCU LB, and an AddressIPVersion of "" (ipv4).
func (v *validator) loadBalancerProtection(lb *model.LoadBalancer) {
	id := lb.LoadBalancerId
	switch lb.ModificationProtectionStatus {
	case "":
		if lb.ModificationProtectionReason != "" {
			v.addf("LB %s: a ModificationProtectionReason without ConsoleProtection", id)
		}
	case consoleProtection:
		if lb.ModificationProtectionReason != "" && !validProtectionReason(lb.ModificationProtectionReason) {
			v.addf("LB %s: malformed ModificationProtectionReason %q", id, lb.ModificationProtectionReason)
		}
	default:
		v.addf("LB %s: unknown ModificationProtectionStatus %q", id, lb.ModificationProtectionStatus)
	}
	switch lb.InstanceChargeType {
	case "":
	case payByCLCU:
		if lb.LoadBalancerSpec != "" {
			v.addf("LB %s: a PayByCLCU LB has no LoadBalancerSpec, not %q", id, lb.LoadBalancerSpec)
		}
	default:
		v.addf("LB %s: unknown InstanceChargeType %q", id, lb.InstanceChargeType)
	}
	if lb.AddressIPVersion != "" {
		v.addf("LB %s: AddressIPVersion %q: the fake's LBs are ipv4, spelt \"\"", id, lb.AddressIPVersion)
	}
}

// tagWhat names a tag in a problem.
func tagWhat(t *model.ResourceTag) string {
	return fmt.Sprintf("tag %q of %s %s", t.TagKey, t.ResourceType, t.ResourceId)
}

// tagResource resolves a tag's resource among the State's rows: its owner
// and creation sequence (a listener's is its LB's: it has none of its own).
func (v *validator) tagResource(t *model.ResourceTag) (account, region string, seq uint64, ok bool) {
	switch t.ResourceType {
	case model.ResourceTypeInstance:
		if lb := v.lbByID[t.ResourceId]; lb != nil {
			return lb.AccountId, lb.RegionId, lb.Seq, true
		}
	case model.ResourceTypeVServerGroup:
		if g := v.groupByID[t.ResourceId]; g != nil {
			return g.AccountId, g.RegionId, g.Seq, true
		}
	case model.ResourceTypeListener:
		if v.listenerIDs[t.ResourceId] {
			lbId, _, _, _ := parseListenerResourceId(t.ResourceId)
			if lb := v.lbByID[lbId]; lb != nil {
				return lb.AccountId, lb.RegionId, lb.Seq, true
			}
		}
	}
	return "", "", 0, false
}

func (v *validator) resourceTags(tags []*model.ResourceTag) {
	type key struct{ typ, id, tag string }
	seen := make(map[key]bool, len(tags))
	count := map[key]int{}
	for _, t := range tags {
		k := key{t.ResourceType, t.ResourceId, t.TagKey}
		if seen[k] {
			v.addf("%s is listed twice", tagWhat(t))
			continue
		}
		seen[k] = true
		account, region, seq, ok := v.tagResource(t)
		switch {
		case !ok:
			v.addf("%s: no such resource", tagWhat(t))
		case account != t.AccountId || region != t.RegionId || seq != t.ResourceSeq:
			v.addf("%s: owner %s/%s and sequence %d are not its resource's (%s/%s, %d)",
				tagWhat(t), t.AccountId, t.RegionId, t.ResourceSeq, account, region, seq)
		}
		if t.TagKey == "" || checkTagKey(t.TagKey) != nil {
			v.addf("%s: malformed key", tagWhat(t))
		}
		if checkTagValue(t.TagValue) != nil {
			v.addf("%s: malformed value %q", tagWhat(t), t.TagValue)
		}
		r := key{t.ResourceType, t.ResourceId, ""}
		if count[r]++; count[r] == maxTagsPerResource+1 {
			v.addf("%s %s has more than %d tags", t.ResourceType, t.ResourceId, maxTagsPerResource)
		}
	}
}
