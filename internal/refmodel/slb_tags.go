package refmodel

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slbfake/slbfake/model"
)

// Tags, protection and charge type of LBs, restated (README, fidelity
// table, "Tags", "Deletion and modification protection", "Instance charge
// type"). The model tags LBs (ResourceType instance), vServer
// groups and listeners (slb_tag_resources.go); every other documented type
// names no resource of the model.

// tagTypes are the documented ResourceType values.
var tagTypes = []string{"instance", "certificate", "acl", "listener", "vservergroup", "masterslaveservergroup"}

// badTagText: an aliyun or acs: prefix, or an http:// or https:// anywhere,
// whatever the case.
func badTagText(s string) bool {
	lower := strings.ToLower(s)
	for _, p := range []string{"aliyun", "acs:"} {
		if len(lower) >= len(p) && lower[:len(p)] == p {
			return true
		}
	}
	return strings.Contains(lower, "http://") || strings.Contains(lower, "https://")
}

func keyOK(k string) bool   { return utf8.RuneCountInString(k) <= 64 && !badTagText(k) }
func valueOK(v string) bool { return utf8.RuneCountInString(v) <= 128 && !badTagText(v) }

// newTags checks the Tag.N of CreateLoadBalancer and TagResources and
// returns them by key: at most 20; per tag, in order: a key, a valid key, a
// valid value, a new key.
func newTags(tags []model.Tag) (map[string]string, *model.Error) {
	if len(tags) > 20 {
		return nil, model.ErrTagSizeLimitExceeded()
	}
	out := map[string]string{}
	for _, t := range tags {
		switch _, dup := out[t.Key]; {
		case t.Key == "":
			return nil, model.ErrMissingTagKey()
		case !keyOK(t.Key):
			return nil, model.ErrInvalidTagKey()
		case !valueOK(t.Value):
			return nil, model.ErrInvalidTagValue()
		case dup:
			return nil, model.ErrDuplicateTagKey()
		}
		out[t.Key] = t.Value
	}
	return out, nil
}

// createProtection checks and sets CreateLoadBalancer's DeleteProtection,
// ModificationProtectionStatus/Reason and InstanceChargeType, in that order.
func createProtection(lb *LoadBalancer, req *model.CreateLoadBalancerRequest) *model.Error {
	switch req.DeleteProtection {
	case "", "off":
	case "on":
		lb.DeleteProtection = true
	default:
		return model.ErrInvalidParameterValue("DeleteProtection")
	}
	status, reason, e := modProtection(req.ModificationProtectionStatus, req.ModificationProtectionReason)
	if e != nil {
		return e
	}
	lb.ModProtection, lb.ModReason = status, reason
	switch req.InstanceChargeType {
	case "", "PayBySpec":
	case "PayByCLCU":
		if lb.InternetChargeType == "paybybandwidth" {
			return model.ErrInternetChargeTypeNotAllowed()
		}
		lb.CLCU, lb.LoadBalancerSpec = true, ""
	default:
		return model.ErrIllegalInstanceChargeType()
	}
	return nil
}

// modProtection: NonProtection (or nothing) keeps no reason; ConsoleProtection
// keeps a reason that is empty or 1..80 characters, a letter first, then
// letters, digits, '.', '_', '-', ' '.
func modProtection(status, reason string) (string, string, *model.Error) {
	switch status {
	case "", "NonProtection":
		return "", "", nil
	case "ConsoleProtection":
	default:
		return "", "", model.ErrInvalidModificationProtectionStatus()
	}
	if reason == "" {
		return status, "", nil
	}
	runes := []rune(reason)
	ok := utf8.ValidString(reason) && len(runes) <= 80 && unicode.IsLetter(runes[0])
	for _, r := range runes[1:] {
		ok = ok && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._- ", r))
	}
	if !ok {
		return "", "", model.ErrInvalidModificationProtectionReason()
	}
	return status, reason, nil
}

// tagView lists tags by key; none is no list.
func tagView(tags map[string]string) *model.TagList {
	if len(tags) == 0 {
		return nil
	}
	out := &model.TagList{}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out.Tag = append(out.Tag, model.TagView{TagKey: k, TagValue: tags[k]})
	}
	return out
}

// wantTag is one tag an LB must have; any: whatever its value.
type wantTag struct {
	key, value string
	any        bool
}

func hasEvery(lb *LoadBalancer, want []wantTag) bool { return hasEveryTag(lb.Tags, want) }

// describeTagFilter reads DescribeLoadBalancers' Tags (a JSON array of
// objects with TagKey and TagValue, in any case; at most 10; every element
// has a key; a missing TagValue is any value) and Tag.N (at most 20; a key
// each; an empty value is any value).
func describeTagFilter(req *model.DescribeLoadBalancersRequest) ([]wantTag, *model.Error) {
	var want []wantTag
	if strings.TrimSpace(req.Tags) != "" {
		var elems []map[string]json.RawMessage
		if json.Unmarshal([]byte(req.Tags), &elems) != nil || len(elems) > 10 {
			return nil, model.ErrInvalidParameterValue("Tags")
		}
		for _, el := range elems {
			var w wantTag
			var haveKey, haveValue bool
			for name, raw := range el {
				var dst *string
				switch {
				case strings.EqualFold(name, "TagKey"):
					dst, haveKey = &w.key, true
				case strings.EqualFold(name, "TagValue"):
					dst, haveValue = &w.value, true
				default:
					continue
				}
				if string(raw) == "null" {
					if dst == &w.key {
						haveKey = false
					} else {
						haveValue = false
					}
					continue
				}
				if json.Unmarshal(raw, dst) != nil {
					return nil, model.ErrInvalidParameterValue("Tags")
				}
			}
			if !haveKey || w.key == "" {
				return nil, model.ErrInvalidParameterValue("Tags")
			}
			w.any = !haveValue
			want = append(want, w)
		}
	}
	if len(req.Tag) > 20 {
		return nil, model.ErrTagSizeLimitExceeded()
	}
	for _, t := range req.Tag {
		if t.Key == "" {
			return nil, model.ErrMissingTagKey()
		}
		want = append(want, wantTag{key: t.Key, value: t.Value, any: t.Value == ""})
	}
	return want, nil
}

// tagTargets checks a tag call's ResourceType and ResourceId.N (present,
// at most 20).
func tagTargets(typ string, ids []string) *model.Error {
	switch {
	case typ == "":
		return model.ErrMissingParameter("ResourceType")
	case !slices.Contains(tagTypes, typ):
		return model.ErrInvalidResourceType()
	case len(ids) == 0:
		return model.ErrMissingResourceId()
	case len(ids) > 20:
		return model.ErrResourceIdSizeLimitExceeded()
	}
	return nil
}

// resolveTargets resolves a tag call's resources, once each, in order:
// ResourceNotExist names the first that is not a resource of the type of
// the caller (slb_tag_resources.go).
func (m *Model) resolveTargets(account, region, typ string, ids []string) ([]tagResource, *model.Error) {
	all := m.tagResources(account, region, typ)
	var out []tagResource
	for _, id := range ids {
		i := slices.IndexFunc(all, func(r tagResource) bool { return r.id == id })
		if i < 0 {
			return nil, model.ErrResourceNotExist(id)
		}
		if !slices.ContainsFunc(out, func(r tagResource) bool { return r.id == id }) {
			out = append(out, all[i])
		}
	}
	return out, nil
}

// TagResources is the model's TagResources: RegionId, the targets' type
// and count, the tags (none: MissingParam.TagKey), the targets, then every
// target's quota of 20 tags; all or nothing.
func (m *Model) TagResources(account string, req *model.TagResourcesRequest) (*model.TagResourcesResponse, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	if e := tagTargets(req.ResourceType, req.ResourceId); e != nil {
		return nil, e
	}
	if len(req.Tag) == 0 {
		return nil, model.ErrMissingTagKey()
	}
	tags, e := newTags(req.Tag)
	if e != nil {
		return nil, e
	}
	targets, e := m.resolveTargets(account, req.RegionId, req.ResourceType, req.ResourceId)
	if e != nil {
		return nil, e
	}
	for _, r := range targets {
		merged := maps.Clone(*r.tags)
		if merged == nil {
			merged = map[string]string{}
		}
		maps.Copy(merged, tags)
		if len(merged) > 20 {
			return nil, model.ErrTagQuotaExceeded()
		}
	}
	for _, r := range targets {
		if *r.tags == nil {
			*r.tags = map[string]string{}
		}
		maps.Copy(*r.tags, tags)
	}
	return &model.TagResourcesResponse{}, nil
}

// UntagResources is the model's UntagResources: TagKey.N at most 20, each
// a valid key given once; no TagKey.N removes every tag.
func (m *Model) UntagResources(account string, req *model.UntagResourcesRequest) (*model.UntagResourcesResponse, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	if e := tagTargets(req.ResourceType, req.ResourceId); e != nil {
		return nil, e
	}
	if len(req.TagKey) > 20 {
		return nil, model.ErrTagKeySizeLimitExceeded()
	}
	seen := map[string]bool{}
	for _, k := range req.TagKey {
		if k == "" || !keyOK(k) {
			return nil, model.ErrInvalidTagKey()
		}
		if seen[k] {
			return nil, model.ErrDuplicateTagKey()
		}
		seen[k] = true
	}
	targets, e := m.resolveTargets(account, req.RegionId, req.ResourceType, req.ResourceId)
	if e != nil {
		return nil, e
	}
	for _, r := range targets {
		if len(req.TagKey) == 0 {
			*r.tags = nil
		}
		for _, k := range req.TagKey {
			delete(*r.tags, k)
		}
	}
	return &model.UntagResourcesResponse{}, nil
}

// ListTagResources is the model's ListTagResources, unpaged: every tag of
// the matched resources of the type (those of ResourceId.N that exist, or
// the caller's of the region, that have every Tag.N), in tagResources'
// order, tags by key.
// The test pages the fake and compares the pages' concatenation.
func (m *Model) ListTagResources(account string, req *model.ListTagResourcesRequest) ([]model.TagResourceView, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	if req.ResourceType == "" {
		return nil, model.ErrMissingParameter("ResourceType")
	}
	if !slices.Contains(tagTypes, req.ResourceType) {
		return nil, model.ErrInvalidResourceType()
	}
	switch {
	case len(req.ResourceId) > 20:
		return nil, model.ErrResourceIdSizeLimitExceeded()
	case len(req.Tag) > 20:
		return nil, model.ErrTagSizeLimitExceeded()
	case len(req.ResourceId) == 0 && len(req.Tag) == 0:
		return nil, model.ErrMissingTagOrResourceId()
	}
	var want []wantTag
	for _, t := range req.Tag {
		switch {
		case t.Key == "" || !keyOK(t.Key):
			return nil, model.ErrInvalidTagKey()
		case !valueOK(t.Value):
			return nil, model.ErrInvalidTagValue()
		}
		want = append(want, wantTag{key: t.Key, value: t.Value, any: t.Value == ""})
	}
	out := []model.TagResourceView{}
	for _, r := range m.tagResources(account, req.RegionId, req.ResourceType) {
		tags := *r.tags
		if !hasEveryTag(tags, want) || (len(req.ResourceId) > 0 && !slices.Contains(req.ResourceId, r.id)) {
			continue
		}
		for _, k := range slices.Sorted(maps.Keys(tags)) {
			out = append(out, model.TagResourceView{ResourceType: req.ResourceType, ResourceId: r.id, TagKey: k, TagValue: tags[k]})
		}
	}
	return out, nil
}

// SetLoadBalancerDeleteProtection is the model's: the LB (mutable), then
// DeleteProtection given, on or off.
func (m *Model) SetLoadBalancerDeleteProtection(account string, req *model.SetLoadBalancerDeleteProtectionRequest) (*model.SetLoadBalancerDeleteProtectionResponse, *model.Error) {
	lb, e := m.mutableLB(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return nil, e
	}
	switch req.DeleteProtection {
	case "":
		return nil, model.ErrMissingParameter("DeleteProtection")
	case "on", "off":
		lb.DeleteProtection = req.DeleteProtection == "on"
	default:
		return nil, model.ErrInvalidParameterValue("DeleteProtection")
	}
	return &model.SetLoadBalancerDeleteProtectionResponse{}, nil
}

// SetLoadBalancerModificationProtection is the model's: the LB, then the
// status given, then modProtection.
func (m *Model) SetLoadBalancerModificationProtection(account string, req *model.SetLoadBalancerModificationProtectionRequest) (*model.SetLoadBalancerModificationProtectionResponse, *model.Error) {
	lb, e := m.mutableLB(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return nil, e
	}
	if req.ModificationProtectionStatus == "" {
		return nil, model.ErrMissingParameter("ModificationProtectionStatus")
	}
	status, reason, e := modProtection(req.ModificationProtectionStatus, req.ModificationProtectionReason)
	if e != nil {
		return nil, e
	}
	lb.ModProtection, lb.ModReason = status, reason
	return &model.SetLoadBalancerModificationProtectionResponse{}, nil
}

// ModifyLoadBalancerInstanceChargeType is the model's: the LB; the type
// given, PayByCLCU (PayBySpec: Forbidden.LcuToSpec); InternetChargeType
// empty or paybytraffic; the LB not PayByCLCU already. The LB then has no
// spec and is billed by traffic.
func (m *Model) ModifyLoadBalancerInstanceChargeType(account string, req *model.ModifyLoadBalancerInstanceChargeTypeRequest) (*model.ModifyLoadBalancerInstanceChargeTypeResponse, *model.Error) {
	lb, e := m.mutableLB(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return nil, e
	}
	switch req.InstanceChargeType {
	case "":
		return nil, model.ErrMissingParameter("InstanceChargeType")
	case "PayBySpec":
		return nil, model.ErrLcuToSpecForbidden()
	case "PayByCLCU":
	default:
		return nil, model.ErrIllegalInstanceChargeType()
	}
	if req.InternetChargeType != "" && req.InternetChargeType != "paybytraffic" {
		return nil, model.ErrIllegalInternetChargeType()
	}
	if lb.CLCU {
		return nil, model.ErrAlreadyPayByCLCU()
	}
	lb.CLCU, lb.LoadBalancerSpec, lb.InternetChargeType = true, "", "paybytraffic"
	return &model.ModifyLoadBalancerInstanceChargeTypeResponse{}, nil
}

// SetLoadBalancerName is the model's: the LB, then a name of 1 to 80
// characters.
func (m *Model) SetLoadBalancerName(account string, req *model.SetLoadBalancerNameRequest) (*model.SetLoadBalancerNameResponse, *model.Error) {
	lb, e := m.mutableLB(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return nil, e
	}
	if req.LoadBalancerName == "" {
		return nil, model.ErrMissingParameter("LoadBalancerName")
	}
	if utf8.RuneCountInString(req.LoadBalancerName) > 80 {
		return nil, model.ErrInvalidParameterValue("LoadBalancerName")
	}
	lb.LoadBalancerName = req.LoadBalancerName
	return &model.SetLoadBalancerNameResponse{}, nil
}
