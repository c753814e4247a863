// Package slbv2models describes what the V2.0 SLB client (Classic Load
// Balancer, API version 2014-05-15) expects of the answers to the SLB
// actions slbfake serves: for each response body, its JSON members and their
// JSON types as Alibaba Cloud's API reference documents them (String: a
// JSON string; Integer: a JSON number that fits 32 bits; Long: a JSON number
// that fits 64 bits; a list: an object wrapping an array, as in
// {"BackendServers":{"BackendServer":[...]}}).
//
// The module proxy serves no generated V2.0 SLB client, so the conformance
// tests call SLB through darabonba-openapi's generic CallApi and decode its
// result with dara.Convert into the Response types below. The fields are
// pointers, as in darabonba's models, so that an absent member stays nil and
// a present empty one does not. The json tags are the wire names and the
// only tags: the typed-model check of the conformance tests reads them to
// compare every member the fake sends, and its JSON type, with the
// documented one.
package slbv2models

// Response is the envelope CallApi returns for one call: the HTTP headers,
// the status code and the decoded JSON body B.
type Response[B any] struct {
	Headers    map[string]*string `json:"headers,omitempty"`
	StatusCode *int32             `json:"statusCode,omitempty"`
	Body       *B                 `json:"body,omitempty"`
}

// CreateLoadBalancerResponse is the response of CreateLoadBalancer.
type CreateLoadBalancerResponse = Response[CreateLoadBalancerBody]

// DeleteLoadBalancerResponse is the response of DeleteLoadBalancer.
type DeleteLoadBalancerResponse = Response[DeleteLoadBalancerBody]

// SetLoadBalancerStatusResponse is the response of SetLoadBalancerStatus.
type SetLoadBalancerStatusResponse = Response[SetLoadBalancerStatusBody]

// DescribeLoadBalancersResponse is the response of DescribeLoadBalancers.
type DescribeLoadBalancersResponse = Response[DescribeLoadBalancersBody]

// DescribeLoadBalancerAttributeResponse is the response of
// DescribeLoadBalancerAttribute.
type DescribeLoadBalancerAttributeResponse = Response[DescribeLoadBalancerAttributeBody]

// AddBackendServersResponse is the response of AddBackendServers.
type AddBackendServersResponse = Response[AddBackendServersBody]

// RemoveBackendServersResponse is the response of RemoveBackendServers.
type RemoveBackendServersResponse = Response[RemoveBackendServersBody]

// SetBackendServersResponse is the response of SetBackendServers.
type SetBackendServersResponse = Response[SetBackendServersBody]

// CreateLoadBalancerBody is the answer to CreateLoadBalancer: the new LB's
// identity and addressing. OrderId is a Long; every other member a String.
type CreateLoadBalancerBody struct {
	RequestId        *string `json:"RequestId,omitempty"`
	LoadBalancerId   *string `json:"LoadBalancerId,omitempty"`
	LoadBalancerName *string `json:"LoadBalancerName,omitempty"`
	Address          *string `json:"Address,omitempty"`
	AddressIPVersion *string `json:"AddressIPVersion,omitempty"`
	NetworkType      *string `json:"NetworkType,omitempty"`
	VpcId            *string `json:"VpcId,omitempty"`
	VSwitchId        *string `json:"VSwitchId,omitempty"`
	ResourceGroupId  *string `json:"ResourceGroupId,omitempty"`
	OrderId          *int64  `json:"OrderId,omitempty"`
}

// RequestIdBody is an answer that carries the request's ID and nothing else.
type RequestIdBody struct {
	RequestId *string `json:"RequestId,omitempty"`
}

// DeleteLoadBalancerBody is the answer to DeleteLoadBalancer.
type DeleteLoadBalancerBody = RequestIdBody

// SetLoadBalancerStatusBody is the answer to SetLoadBalancerStatus.
type SetLoadBalancerStatusBody = RequestIdBody

// DescribeLoadBalancersBody is the answer to DescribeLoadBalancers: one page
// of LBs. PageNumber, PageSize and TotalCount are Integers.
type DescribeLoadBalancersBody struct {
	RequestId     *string        `json:"RequestId,omitempty"`
	PageNumber    *int32         `json:"PageNumber,omitempty"`
	PageSize      *int32         `json:"PageSize,omitempty"`
	TotalCount    *int32         `json:"TotalCount,omitempty"`
	LoadBalancers *LoadBalancers `json:"LoadBalancers,omitempty"`
}

// LoadBalancers wraps the list of DescribeLoadBalancers.
type LoadBalancers struct {
	LoadBalancer []*LoadBalancerSummary `json:"LoadBalancer,omitempty"`
}

// LoadBalancerSummary is one LB as DescribeLoadBalancers lists it. Bandwidth
// is an Integer and CreateTimeStamp a Long (milliseconds); the rest are
// Strings, DeleteProtection ("on"/"off") included.
type LoadBalancerSummary struct {
	LoadBalancerId               *string `json:"LoadBalancerId,omitempty"`
	LoadBalancerName             *string `json:"LoadBalancerName,omitempty"`
	LoadBalancerStatus           *string `json:"LoadBalancerStatus,omitempty"`
	LoadBalancerSpec             *string `json:"LoadBalancerSpec,omitempty"`
	Address                      *string `json:"Address,omitempty"`
	AddressType                  *string `json:"AddressType,omitempty"`
	AddressIPVersion             *string `json:"AddressIPVersion,omitempty"`
	NetworkType                  *string `json:"NetworkType,omitempty"`
	VpcId                        *string `json:"VpcId,omitempty"`
	VSwitchId                    *string `json:"VSwitchId,omitempty"`
	RegionId                     *string `json:"RegionId,omitempty"`
	RegionIdAlias                *string `json:"RegionIdAlias,omitempty"`
	MasterZoneId                 *string `json:"MasterZoneId,omitempty"`
	SlaveZoneId                  *string `json:"SlaveZoneId,omitempty"`
	PayType                      *string `json:"PayType,omitempty"`
	InstanceChargeType           *string `json:"InstanceChargeType,omitempty"`
	InternetChargeType           *string `json:"InternetChargeType,omitempty"`
	InternetChargeTypeAlias      *string `json:"InternetChargeTypeAlias,omitempty"`
	Bandwidth                    *int32  `json:"Bandwidth,omitempty"`
	CreateTime                   *string `json:"CreateTime,omitempty"`
	CreateTimeStamp              *int64  `json:"CreateTimeStamp,omitempty"`
	ResourceGroupId              *string `json:"ResourceGroupId,omitempty"`
	DeleteProtection             *string `json:"DeleteProtection,omitempty"`
	ModificationProtectionStatus *string `json:"ModificationProtectionStatus,omitempty"`
	ModificationProtectionReason *string `json:"ModificationProtectionReason,omitempty"`
	Tags                         *Tags   `json:"Tags,omitempty"`
}

// Tags wraps an LB's tag list.
type Tags struct {
	Tag []*Tag `json:"Tag,omitempty"`
}

// Tag is one tag of an LB.
type Tag struct {
	TagKey   *string `json:"TagKey,omitempty"`
	TagValue *string `json:"TagValue,omitempty"`
}

// DescribeLoadBalancerAttributeBody is the answer to
// DescribeLoadBalancerAttribute: the LB, its listeners' ports and its default
// server group. Bandwidth and RenewalDuration are Integers; CreateTimeStamp,
// EndTimeStamp and AutoReleaseTime are Longs; the scalars not named here are
// Strings.
type DescribeLoadBalancerAttributeBody struct {
	RequestId                    *string `json:"RequestId,omitempty"`
	LoadBalancerId               *string `json:"LoadBalancerId,omitempty"`
	LoadBalancerName             *string `json:"LoadBalancerName,omitempty"`
	LoadBalancerStatus           *string `json:"LoadBalancerStatus,omitempty"`
	LoadBalancerSpec             *string `json:"LoadBalancerSpec,omitempty"`
	Address                      *string `json:"Address,omitempty"`
	AddressType                  *string `json:"AddressType,omitempty"`
	AddressIPVersion             *string `json:"AddressIPVersion,omitempty"`
	NetworkType                  *string `json:"NetworkType,omitempty"`
	VpcId                        *string `json:"VpcId,omitempty"`
	VSwitchId                    *string `json:"VSwitchId,omitempty"`
	RegionId                     *string `json:"RegionId,omitempty"`
	RegionIdAlias                *string `json:"RegionIdAlias,omitempty"`
	MasterZoneId                 *string `json:"MasterZoneId,omitempty"`
	SlaveZoneId                  *string `json:"SlaveZoneId,omitempty"`
	PayType                      *string `json:"PayType,omitempty"`
	InstanceChargeType           *string `json:"InstanceChargeType,omitempty"`
	InternetChargeType           *string `json:"InternetChargeType,omitempty"`
	Bandwidth                    *int32  `json:"Bandwidth,omitempty"`
	CreateTime                   *string `json:"CreateTime,omitempty"`
	CreateTimeStamp              *int64  `json:"CreateTimeStamp,omitempty"`
	EndTime                      *string `json:"EndTime,omitempty"`
	EndTimeStamp                 *int64  `json:"EndTimeStamp,omitempty"`
	AutoReleaseTime              *int64  `json:"AutoReleaseTime,omitempty"`
	RenewalStatus                *string `json:"RenewalStatus,omitempty"`
	RenewalDuration              *int32  `json:"RenewalDuration,omitempty"`
	RenewalCycUnit               *string `json:"RenewalCycUnit,omitempty"`
	ResourceGroupId              *string `json:"ResourceGroupId,omitempty"`
	DeleteProtection             *string `json:"DeleteProtection,omitempty"`
	ModificationProtectionStatus *string `json:"ModificationProtectionStatus,omitempty"`
	ModificationProtectionReason *string `json:"ModificationProtectionReason,omitempty"`
	Tags                         *Tags   `json:"Tags,omitempty"`

	ListenerPorts            *ListenerPorts            `json:"ListenerPorts,omitempty"`
	ListenerPortsAndProtocol *ListenerPortsAndProtocol `json:"ListenerPortsAndProtocol,omitempty"`
	// ListenerPortsAndProtocal is the older, misspelt twin of
	// ListenerPortsAndProtocol that the API still returns.
	ListenerPortsAndProtocal *ListenerPortsAndProtocal `json:"ListenerPortsAndProtocal,omitempty"`
	BackendServers           *AttributeBackendServers  `json:"BackendServers,omitempty"`
}

// ListenerPorts wraps an LB's frontend ports, Integers.
type ListenerPorts struct {
	ListenerPort []*int32 `json:"ListenerPort,omitempty"`
}

// ListenerPortsAndProtocol wraps an LB's listeners.
type ListenerPortsAndProtocol struct {
	ListenerPortAndProtocol []*ListenerPortAndProtocol `json:"ListenerPortAndProtocol,omitempty"`
}

// ListenerPortAndProtocol is one listener of an LB. ListenerPort and
// ForwardPort are Integers.
type ListenerPortAndProtocol struct {
	ListenerPort     *int32  `json:"ListenerPort,omitempty"`
	ListenerProtocol *string `json:"ListenerProtocol,omitempty"`
	ListenerForward  *string `json:"ListenerForward,omitempty"`
	ForwardPort      *int32  `json:"ForwardPort,omitempty"`
	Description      *string `json:"Description,omitempty"`
}

// ListenerPortsAndProtocal wraps the listeners in their older spelling.
type ListenerPortsAndProtocal struct {
	ListenerPortAndProtocal []*ListenerPortAndProtocal `json:"ListenerPortAndProtocal,omitempty"`
}

// ListenerPortAndProtocal is one listener in the older spelling: the port,
// an Integer, and the protocol.
type ListenerPortAndProtocal struct {
	ListenerPort     *int32  `json:"ListenerPort,omitempty"`
	ListenerProtocal *string `json:"ListenerProtocal,omitempty"`
}

// AttributeBackendServers wraps the backend list of
// DescribeLoadBalancerAttribute.
type AttributeBackendServers struct {
	BackendServer []*AttributeBackendServer `json:"BackendServer,omitempty"`
}

// AttributeBackendServer is one backend as DescribeLoadBalancerAttribute
// lists it: Weight is an Integer, and the reference lists ServerIp but no
// VpcId.
type AttributeBackendServer struct {
	ServerId    *string `json:"ServerId,omitempty"`
	ServerIp    *string `json:"ServerIp,omitempty"`
	Type        *string `json:"Type,omitempty"`
	Weight      *int32  `json:"Weight,omitempty"`
	Description *string `json:"Description,omitempty"`
}

// AddBackendServersBody is the answer to AddBackendServers: the LB's backend
// list after the call.
type AddBackendServersBody struct {
	RequestId      *string                `json:"RequestId,omitempty"`
	LoadBalancerId *string                `json:"LoadBalancerId,omitempty"`
	BackendServers *ChangedBackendServers `json:"BackendServers,omitempty"`
}

// SetBackendServersBody is the answer to SetBackendServers, documented with
// the members and types of AddBackendServers'.
type SetBackendServersBody = AddBackendServersBody

// ChangedBackendServers wraps the backend list of the AddBackendServers and
// SetBackendServers answers.
type ChangedBackendServers struct {
	BackendServer []*ChangedBackendServer `json:"BackendServer,omitempty"`
}

// ChangedBackendServer is one backend in the AddBackendServers and
// SetBackendServers answers. The reference types its Weight as a String
// here ("100"), unlike in the RemoveBackendServers and
// DescribeLoadBalancerAttribute answers, and lists no ServerIp.
type ChangedBackendServer struct {
	ServerId    *string `json:"ServerId,omitempty"`
	Type        *string `json:"Type,omitempty"`
	Weight      *string `json:"Weight,omitempty"`
	Description *string `json:"Description,omitempty"`
}

// RemoveBackendServersBody is the answer to RemoveBackendServers: the LB's
// backend list after the call.
type RemoveBackendServersBody struct {
	RequestId      *string                  `json:"RequestId,omitempty"`
	LoadBalancerId *string                  `json:"LoadBalancerId,omitempty"`
	BackendServers *RemainingBackendServers `json:"BackendServers,omitempty"`
}

// RemainingBackendServers wraps the backend list of the RemoveBackendServers
// answer.
type RemainingBackendServers struct {
	BackendServer []*RemainingBackendServer `json:"BackendServer,omitempty"`
}

// RemainingBackendServer is one backend in the RemoveBackendServers answer:
// Weight is an Integer, and the reference lists no ServerIp.
type RemainingBackendServer struct {
	ServerId    *string `json:"ServerId,omitempty"`
	Type        *string `json:"Type,omitempty"`
	Weight      *int32  `json:"Weight,omitempty"`
	Description *string `json:"Description,omitempty"`
}
