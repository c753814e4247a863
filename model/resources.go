package model

import "time"

// The records below are the fake's state. The engine stores them in memdb by
// pointer: a stored record must never be changed in place. To update one,
// copy it, change the copy and insert the copy. Reads hand out copies.

// Account owns resources. Each access key of the wire layer maps to one.
type Account struct {
	AccountId string
}

// Vpc is a virtual private cloud.
type Vpc struct {
	VpcId        string
	AccountId    string
	RegionId     string
	VpcName      string
	Description  string
	CidrBlock    string
	VRouterId    string
	RouteTableId string
	Status       string
	IsDefault    bool
	CreationTime time.Time
	Seq          uint64
}

// VSwitch is a subnet of a VPC in one zone.
type VSwitch struct {
	VSwitchId    string
	VpcId        string
	AccountId    string
	RegionId     string
	ZoneId       string
	CidrBlock    string
	VSwitchName  string
	Description  string
	Status       string
	CreationTime time.Time
	Seq          uint64
}

// Instance is an ECS instance. PrivateIp is its VPC private IP, or its inner
// IP on the classic network. Status is the status the instance is in, or is
// moving to: with lifecycle durations set, StatusAt tells what it shows at a
// given time (Transition and TransitionAt record its last lifecycle call).
type Instance struct {
	InstanceId      string
	AccountId       string
	RegionId        string
	ZoneId          string
	InstanceName    string
	InstanceType    string
	ImageId         string
	SecurityGroupId string
	Status          InstanceStatus
	NetworkType     NetworkType
	VpcId           string
	VSwitchId       string
	PrivateIp       string
	Transition      Transition
	TransitionAt    time.Time
	CreationTime    time.Time
	Seq             uint64
}

// NetworkInterface is an elastic network interface (ENI) created by
// CreateNetworkInterface. InstanceId is set while it is attached.
type NetworkInterface struct {
	NetworkInterfaceId   string
	AccountId            string
	RegionId             string
	ZoneId               string
	VpcId                string
	VSwitchId            string
	NetworkInterfaceName string
	SecurityGroupId      string
	PrimaryIpAddress     string
	SecondaryIps         []string
	InstanceId           string
	Status               NetworkInterfaceStatus
	CreationTime         time.Time
	Seq                  uint64
}

// HasIp reports whether ip is the ENI's primary or one of its secondary IPs.
func (n *NetworkInterface) HasIp(ip string) bool {
	if ip == n.PrimaryIpAddress {
		return true
	}
	for _, s := range n.SecondaryIps {
		if s == ip {
			return true
		}
	}
	return false
}

// LoadBalancer is a Classic Load Balancer instance. NextBackendSeq numbers its
// backends in attachment order.
type LoadBalancer struct {
	LoadBalancerId     string
	AccountId          string
	RegionId           string
	LoadBalancerName   string
	AddressType        AddressType
	NetworkType        NetworkType
	VpcId              string
	VSwitchId          string
	Address            string
	LoadBalancerSpec   string
	MasterZoneId       string
	SlaveZoneId        string
	PayType            string
	InternetChargeType string
	Bandwidth          int
	Status             LoadBalancerStatus
	CreationTime       time.Time
	Seq                uint64
	NextBackendSeq     uint64
	// ConfiguringUntil is the end of the configuring window the last backend
	// change opened (zero: none).
	ConfiguringUntil time.Time
	// DeleteProtection is whether DeleteLoadBalancer is refused (on).
	DeleteProtection bool
	// ModificationProtectionStatus is "" (NonProtection) or
	// ConsoleProtection; the reason is kept only under ConsoleProtection.
	ModificationProtectionStatus string
	ModificationProtectionReason string
	// InstanceChargeType is "" (PayBySpec) or PayByCLCU.
	InstanceChargeType string
	// AddressIPVersion is "" (ipv4's one spelling): the fake has IPv4
	// addresses only and refuses to create an ipv6 LB.
	AddressIPVersion string
}

// Backend is a server in an LB's default server group. KeyIp is empty for ecs
// backends and the ServerIp for eni backends: with ServerId it is the
// backend's identity on the LB.
type Backend struct {
	LoadBalancerId string
	ServerId       string
	KeyIp          string
	Type           ServerType
	Weight         int
	ServerIp       string
	VpcId          string
	Description    string
	Seq            uint64
}

// Key returns the backend's identity on its LB.
func (b *Backend) Key() BackendKey { return BackendKey{ServerId: b.ServerId, ServerIp: b.KeyIp} }
