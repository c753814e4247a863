package model

// SLB (Classic Load Balancer, Version 2014-05-15) requests and responses. Field
// names are the wire names. Lists are wrapped as the API wraps them
// ({"BackendServers":{"BackendServer":[...]}}).

// CreateLoadBalancerRequest is the input of CreateLoadBalancer. AddressType
// defaults to intranet when a VSwitchId is given (DOC) and to internet
// otherwise. An intranet LB with a VSwitchId is a VPC LB in the vSwitch's
// VPC; without one it is a classic intranet LB. Address asks for the LB's
// private address: it needs a VSwitchId and must be a free, unreserved
// address of the vSwitch's CIDR block (DOC). ClientToken makes the call
// idempotent: the same token with the same parameters returns the first
// call's result and creates nothing.
type CreateLoadBalancerRequest struct {
	RegionId           string
	AddressType        string
	VSwitchId          string
	VpcId              string
	Address            string
	LoadBalancerName   string
	LoadBalancerSpec   string
	MasterZoneId       string
	SlaveZoneId        string
	InternetChargeType string
	PayType            string
	Bandwidth          int
	ClientToken        string
	// Tag is the LB's first tags (Tag.N.Key, Tag.N.Value; at most 20).
	Tag []Tag
	// DeleteProtection is on or off (default off).
	DeleteProtection string
	// ModificationProtectionStatus is NonProtection (default) or
	// ConsoleProtection; ModificationProtectionReason counts only with
	// ConsoleProtection.
	ModificationProtectionStatus string
	ModificationProtectionReason string
	// InstanceChargeType is PayBySpec (default) or PayByCLCU.
	InstanceChargeType string
	// AddressIPVersion is ipv4 (default); ipv6 is refused
	// (ErrIPv6NotModelled), any other value is InvalidParameter.
	AddressIPVersion string
}

// CreateLoadBalancerResponse is the output of CreateLoadBalancer.
type CreateLoadBalancerResponse struct {
	Response
	LoadBalancerId   string
	LoadBalancerName string
	Address          string
	NetworkType      string
	VpcId            string
	VSwitchId        string
	AddressIPVersion string
}

// DeleteLoadBalancerRequest is the input of DeleteLoadBalancer.
type DeleteLoadBalancerRequest struct {
	RegionId       string
	LoadBalancerId string
}

// DeleteLoadBalancerResponse is the output of DeleteLoadBalancer.
type DeleteLoadBalancerResponse struct {
	Response
}

// SetLoadBalancerStatusRequest is the input of SetLoadBalancerStatus:
// LoadBalancerStatus is active or inactive.
type SetLoadBalancerStatusRequest struct {
	RegionId           string
	LoadBalancerId     string
	LoadBalancerStatus string
}

// SetLoadBalancerStatusResponse is the output of SetLoadBalancerStatus.
type SetLoadBalancerStatusResponse struct {
	Response
}

// DescribeLoadBalancersRequest is the input of DescribeLoadBalancers. Every
// filter is optional; LoadBalancerId takes a comma-separated list; ServerId
// selects the LBs that have that backend. PageSize defaults to 10, at most 100.
type DescribeLoadBalancersRequest struct {
	RegionId           string
	LoadBalancerId     string
	LoadBalancerName   string
	AddressType        string
	NetworkType        string
	VpcId              string
	VSwitchId          string
	Address            string
	LoadBalancerStatus string
	ServerId           string
	Paging
	// Tags keeps the LBs that have every tag of a JSON array of
	// {"TagKey","TagValue"} objects (at most 10; a missing TagValue matches
	// any value).
	Tags string
	// Tag keeps the LBs that have every Tag.N (at most 20; an empty Value
	// matches any value).
	Tag []Tag
	// MasterZoneId, SlaveZoneId, PayType, InternetChargeType,
	// InstanceChargeType and AddressIPVersion keep the LBs whose field, as
	// DescribeLoadBalancers shows it, equals the value (exactly; a value no
	// LB can have matches none).
	MasterZoneId       string
	SlaveZoneId        string
	PayType            string
	InternetChargeType string
	InstanceChargeType string
	AddressIPVersion   string
}

// LoadBalancerView is one LB as DescribeLoadBalancers lists it.
type LoadBalancerView struct {
	LoadBalancerId     string
	LoadBalancerName   string
	LoadBalancerStatus string
	Address            string
	AddressType        string
	AddressIPVersion   string
	NetworkType        string
	VpcId              string
	VSwitchId          string
	RegionId           string
	RegionIdAlias      string
	MasterZoneId       string
	SlaveZoneId        string
	LoadBalancerSpec   string
	PayType            string
	InternetChargeType string
	Bandwidth          int
	CreateTime         string
	CreateTimeStamp    int64
	// DeleteProtection is on or off.
	DeleteProtection string
	// ModificationProtectionStatus is NonProtection or ConsoleProtection.
	ModificationProtectionStatus string
	ModificationProtectionReason string
	// InstanceChargeType is PayBySpec or PayByCLCU.
	InstanceChargeType string
	// Tags are the LB's tags, by key; absent when it has none (INF: so
	// that JSON and XML read the same, as XML has no empty list).
	Tags *TagList `json:",omitempty" xml:",omitempty"`
}

// LoadBalancers wraps the list of DescribeLoadBalancers.
type LoadBalancers struct {
	LoadBalancer []LoadBalancerView
}

// DescribeLoadBalancersResponse is the output of DescribeLoadBalancers.
type DescribeLoadBalancersResponse struct {
	Response
	PageNumber    int
	PageSize      int
	TotalCount    int
	LoadBalancers LoadBalancers
}

// DescribeLoadBalancerAttributeRequest is the input of DescribeLoadBalancerAttribute.
type DescribeLoadBalancerAttributeRequest struct {
	RegionId       string
	LoadBalancerId string
}

// DescribeLoadBalancerAttributeResponse is the output of
// DescribeLoadBalancerAttribute: the LB, its default server group and its
// listeners (by port, and by port and protocol in both spellings).
type DescribeLoadBalancerAttributeResponse struct {
	Response
	LoadBalancerView
	BackendServers           BackendServers
	ListenerPorts            ListenerPorts
	ListenerPortsAndProtocol ListenerPortsAndProtocol
	ListenerPortsAndProtocal ListenerPortsAndProtocal
}

// BackendServerView is one backend as the API reports it. Weight is a JSON
// number. Description is present only when set. The responses of Add, Remove
// and SetBackendServers carry ServerIp only for eni backends and no VpcId (as
// in the API reference's example response); DescribeLoadBalancerAttribute
// carries both.
type BackendServerView struct {
	ServerId    string
	Weight      int
	Type        string
	ServerIp    string `json:",omitempty" xml:",omitempty"`
	VpcId       string `json:",omitempty" xml:",omitempty"`
	Description string `json:",omitempty" xml:",omitempty"`
}

// BackendServers wraps a backend list.
type BackendServers struct {
	BackendServer []BackendServerView
}

// AddBackendServersRequest is the input of AddBackendServers. BackendServers is
// the JSON array string of the wire (see ParseBackendServers).
type AddBackendServersRequest struct {
	RegionId       string
	LoadBalancerId string
	BackendServers string
}

// BackendServersResponse is the output of AddBackendServers,
// RemoveBackendServers and SetBackendServers: the LB's whole backend list
// after the call, in attachment order. The field order is that of the API
// reference's XML example (JSON readers do not depend on order).
type BackendServersResponse struct {
	BackendServers BackendServers
	Response
	LoadBalancerId string
}

// AddBackendServersResponse is the output of AddBackendServers.
type AddBackendServersResponse = BackendServersResponse

// RemoveBackendServersRequest is the input of RemoveBackendServers.
type RemoveBackendServersRequest = AddBackendServersRequest

// RemoveBackendServersResponse is the output of RemoveBackendServers.
type RemoveBackendServersResponse = BackendServersResponse

// SetBackendServersRequest is the input of SetBackendServers.
type SetBackendServersRequest = AddBackendServersRequest

// SetBackendServersResponse is the output of SetBackendServers.
type SetBackendServersResponse = BackendServersResponse
