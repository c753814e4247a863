package model

// SLB tags, protection and charge type: the requests and responses of the
// tag calls (TagResources, UntagResources, ListTagResources) and of the LB
// attribute calls (SetLoadBalancerDeleteProtection,
// SetLoadBalancerModificationProtection, ModifyLoadBalancerInstanceChargeType,
// SetLoadBalancerName). Field names are the wire names.

// Tag is one Tag.N of a request: Tag.N.Key and Tag.N.Value.
type Tag struct {
	Key   string
	Value string
}

// TagView is one tag as a response lists it.
type TagView struct {
	TagKey   string
	TagValue string
}

// TagList wraps a resource's tags ({"Tag":[...]}).
type TagList struct {
	Tag []TagView
}

// Tag resource types (DOC: the ResourceType of TagResources).
const (
	ResourceTypeInstance               = "instance"
	ResourceTypeCertificate            = "certificate"
	ResourceTypeAcl                    = "acl"
	ResourceTypeListener               = "listener"
	ResourceTypeVServerGroup           = "vservergroup"
	ResourceTypeMasterSlaveServerGroup = "masterslaveservergroup"
)

// ResourceTypes lists the documented ResourceType values, in the
// documentation's order.
func ResourceTypes() []string {
	return []string{ResourceTypeInstance, ResourceTypeCertificate, ResourceTypeAcl, ResourceTypeListener,
		ResourceTypeVServerGroup, ResourceTypeMasterSlaveServerGroup}
}

// ResourceTag is one tag of one resource: the fake's record. ResourceSeq is
// the resource's creation sequence (its Seq), which orders the resources a
// tag lists.
type ResourceTag struct {
	ResourceType string
	ResourceId   string
	AccountId    string
	RegionId     string
	ResourceSeq  uint64
	TagKey       string
	TagValue     string
}

// TagResourcesRequest is the input of TagResources: add or overwrite Tag.N
// on every ResourceId.N (each at most 20) of ResourceType.
type TagResourcesRequest struct {
	RegionId     string
	ResourceType string
	ResourceId   []string
	Tag          []Tag
}

// TagResourcesResponse is the output of TagResources.
type TagResourcesResponse struct {
	Response
}

// UntagResourcesRequest is the input of UntagResources: remove TagKey.N
// (at most 20) from every ResourceId.N; without TagKey.N, every tag.
type UntagResourcesRequest struct {
	RegionId     string
	ResourceType string
	ResourceId   []string
	TagKey       []string
	All          bool
}

// UntagResourcesResponse is the output of UntagResources.
type UntagResourcesResponse struct {
	Response
}

// ListTagResourcesRequest is the input of ListTagResources: the tags of
// ResourceId.N, or of the resources that have every Tag.N, paged by
// NextToken.
type ListTagResourcesRequest struct {
	RegionId     string
	ResourceType string
	ResourceId   []string
	Tag          []Tag
	NextToken    string
}

// TagResourceView is one tag of one resource as ListTagResources lists it.
type TagResourceView struct {
	ResourceType string
	ResourceId   string
	TagKey       string
	TagValue     string
}

// TagResources wraps the list of ListTagResources.
type TagResources struct {
	TagResource []TagResourceView
}

// ListTagResourcesResponse is the output of ListTagResources. NextToken is
// empty on the last page.
type ListTagResourcesResponse struct {
	Response
	NextToken    string
	TagResources TagResources
}

// SetLoadBalancerDeleteProtectionRequest is the input of
// SetLoadBalancerDeleteProtection: DeleteProtection is on or off.
type SetLoadBalancerDeleteProtectionRequest struct {
	RegionId         string
	LoadBalancerId   string
	DeleteProtection string
}

// SetLoadBalancerDeleteProtectionResponse is the output of
// SetLoadBalancerDeleteProtection.
type SetLoadBalancerDeleteProtectionResponse struct {
	Response
}

// SetLoadBalancerModificationProtectionRequest is the input of
// SetLoadBalancerModificationProtection.
type SetLoadBalancerModificationProtectionRequest struct {
	RegionId                     string
	LoadBalancerId               string
	ModificationProtectionStatus string
	ModificationProtectionReason string
}

// SetLoadBalancerModificationProtectionResponse is the output of
// SetLoadBalancerModificationProtection.
type SetLoadBalancerModificationProtectionResponse struct {
	Response
}

// ModifyLoadBalancerInstanceChargeTypeRequest is the input of
// ModifyLoadBalancerInstanceChargeType: InstanceChargeType is PayByCLCU
// (the only change the service makes); InternetChargeType, when given,
// paybytraffic. LoadBalancerSpec and Bandwidth do not apply to PayByCLCU.
type ModifyLoadBalancerInstanceChargeTypeRequest struct {
	RegionId           string
	LoadBalancerId     string
	InstanceChargeType string
	InternetChargeType string
	LoadBalancerSpec   string
	Bandwidth          int
}

// ModifyLoadBalancerInstanceChargeTypeResponse is the output of
// ModifyLoadBalancerInstanceChargeType.
type ModifyLoadBalancerInstanceChargeTypeResponse struct {
	Response
}

// SetLoadBalancerNameRequest is the input of SetLoadBalancerName.
type SetLoadBalancerNameRequest struct {
	RegionId         string
	LoadBalancerId   string
	LoadBalancerName string
}

// SetLoadBalancerNameResponse is the output of SetLoadBalancerName.
type SetLoadBalancerNameResponse struct {
	Response
}
