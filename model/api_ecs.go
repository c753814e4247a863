package model

// ECS (Version 2014-05-26) requests and responses: the instance and elastic
// network interface calls a test needs around SLB. Field names are the wire
// names; lists are wrapped as the API wraps them
// ({"Instances":{"Instance":[...]}}). Times are UTC.

// Limits and defaults of the ECS operations.
const (
	// MaxRunInstancesAmount is the largest Amount of RunInstances (DOC).
	MaxRunInstancesAmount = 100
	// MaxInstanceIdsPerCall is the most IDs DescribeInstances' InstanceIds and
	// DescribeInstanceStatus' InstanceId.N may carry (DOC for InstanceIds).
	MaxInstanceIdsPerCall = 100
	// MaxNetworkInterfaceIdsPerCall is the most NetworkInterfaceId.N values of
	// DescribeNetworkInterfaces (DOC).
	MaxNetworkInterfaceIdsPerCall = 100
	// MaxSecondaryPrivateIps is the most secondary private IPs
	// CreateNetworkInterface assigns (INF: the real limit depends on the
	// instance type).
	MaxSecondaryPrivateIps = 49
	// ECSTimeLayout is how ECS renders CreationTime of an instance
	// (2017-12-10T04:04Z, DOC).
	ECSTimeLayout = "2006-01-02T15:04Z"
	// ENITimeLayout is how ECS renders CreationTime of an ENI
	// (2017-11-24T06:14:22Z, DOC).
	ENITimeLayout = "2006-01-02T15:04:05Z"
)

// RunInstancesRequest is the input of RunInstances: Amount (default 1, at
// most 100) instances that end Running. ImageId and InstanceType are
// required. With a VSwitchId the instances are VPC instances in the vSwitch's
// VPC and zone (a ZoneId that differs is refused); without one they are
// classic instances in ZoneId, or in a zone the fake draws. PrivateIpAddress
// needs a VSwitchId and Amount 1. SecurityGroupId is stored, not checked.
// ClientToken makes the call idempotent: the same token with the same
// parameters returns the first call's instances and creates none. DryRun
// checks the request and answers DryRunOperation without creating anything.
type RunInstancesRequest struct {
	RegionId         string
	ZoneId           string
	ImageId          string
	InstanceType     string
	SecurityGroupId  string
	VSwitchId        string
	InstanceName     string
	PrivateIpAddress string
	Amount           int
	ClientToken      string
	DryRun           bool
}

// InstanceIdSets wraps the instance IDs RunInstances created.
type InstanceIdSets struct {
	InstanceIdSet []string
}

// RunInstancesResponse is the output of RunInstances: the new instance IDs in
// creation order.
type RunInstancesResponse struct {
	Response
	InstanceIdSets InstanceIdSets
}

// CreateInstanceRequest is the input of CreateInstance: one instance that
// ends Stopped. The parameters follow RunInstancesRequest (ClientToken and
// DryRun included).
type CreateInstanceRequest struct {
	RegionId         string
	ZoneId           string
	ImageId          string
	InstanceType     string
	SecurityGroupId  string
	VSwitchId        string
	InstanceName     string
	PrivateIpAddress string
	ClientToken      string
	DryRun           bool
}

// CreateInstanceResponse is the output of CreateInstance.
type CreateInstanceResponse struct {
	Response
	InstanceId string
}

// StartInstanceRequest is the input of StartInstance (Stopped to Running).
// RegionId is optional, as on the real API; when given, the instance must be
// in that region. DryRun checks the request and answers DryRunOperation
// without starting the instance.
type StartInstanceRequest struct {
	RegionId   string
	InstanceId string
	DryRun     bool
}

// StartInstanceResponse is the output of StartInstance.
type StartInstanceResponse struct {
	Response
}

// StopInstanceRequest is the input of StopInstance (Running to Stopped).
// ForceStop is accepted; with instantaneous transitions it changes nothing.
// DryRun checks the request and answers DryRunOperation without stopping the
// instance.
type StopInstanceRequest struct {
	RegionId   string
	InstanceId string
	ForceStop  bool
	DryRun     bool
}

// StopInstanceResponse is the output of StopInstance.
type StopInstanceResponse struct {
	Response
}

// DeleteInstanceRequest is the input of DeleteInstance: the instance must be
// Stopped unless Force is set. DryRun checks the request and answers
// DryRunOperation without deleting the instance.
type DeleteInstanceRequest struct {
	RegionId   string
	InstanceId string
	Force      bool
	DryRun     bool
}

// DeleteInstanceResponse is the output of DeleteInstance.
type DeleteInstanceResponse struct {
	Response
}

// DescribeInstancesRequest is the input of DescribeInstances. InstanceIds is
// a JSON array string of at most 100 IDs; an empty array selects nothing
// (DOC). Every other filter is optional and exact. PageSize defaults to 10,
// at most 100.
type DescribeInstancesRequest struct {
	RegionId            string
	InstanceIds         string
	VpcId               string
	VSwitchId           string
	ZoneId              string
	Status              string
	InstanceNetworkType string
	Paging
}

// IpAddressList wraps a list of addresses ({"IpAddress":[...]}).
type IpAddressList struct {
	IpAddress []string
}

// VpcAttributes are the VPC fields of an instance; empty for a classic one.
type VpcAttributes struct {
	VpcId            string
	VSwitchId        string
	PrivateIpAddress IpAddressList
	NatIpAddress     string
}

// SecurityGroupIds wraps a list of security group IDs.
type SecurityGroupIds struct {
	SecurityGroupId []string
}

// InstanceNetworkInterfaceView is one ENI attached to an instance, as
// DescribeInstances lists it.
type InstanceNetworkInterfaceView struct {
	NetworkInterfaceId string
	PrimaryIpAddress   string
	MacAddress         string
	Type               string
}

// InstanceNetworkInterfaces wraps the ENIs attached to an instance.
type InstanceNetworkInterfaces struct {
	NetworkInterface []InstanceNetworkInterfaceView
}

// InstanceView is one instance as DescribeInstances lists it. A VPC instance
// has its address in VpcAttributes.PrivateIpAddress, a classic one in
// InnerIpAddress; the other list is empty. CreationTime is in ECSTimeLayout.
type InstanceView struct {
	InstanceId          string
	InstanceName        string
	Status              string
	InstanceNetworkType string
	VpcAttributes       VpcAttributes
	InnerIpAddress      IpAddressList
	PublicIpAddress     IpAddressList
	SecurityGroupIds    SecurityGroupIds
	NetworkInterfaces   InstanceNetworkInterfaces
	RegionId            string
	ZoneId              string
	InstanceType        string
	ImageId             string
	InstanceChargeType  string
	CreationTime        string
}

// Instances wraps the list of DescribeInstances.
type Instances struct {
	Instance []InstanceView
}

// DescribeInstancesResponse is the output of DescribeInstances.
type DescribeInstancesResponse struct {
	Response
	TotalCount int
	PageNumber int
	PageSize   int
	Instances  Instances
}

// DescribeInstanceStatusRequest is the input of DescribeInstanceStatus:
// InstanceId.N (at most 100) and ZoneId are optional filters. PageSize
// defaults to 10, at most 50.
type DescribeInstanceStatusRequest struct {
	RegionId   string
	InstanceId []string
	ZoneId     string
	Paging
}

// InstanceStatusView is one instance's status.
type InstanceStatusView struct {
	InstanceId string
	Status     string
}

// InstanceStatusSet wraps the list of DescribeInstanceStatus.
type InstanceStatusSet struct {
	InstanceStatus []InstanceStatusView
}

// DescribeInstanceStatusResponse is the output of DescribeInstanceStatus.
type DescribeInstanceStatusResponse struct {
	Response
	TotalCount       int
	PageNumber       int
	PageSize         int
	InstanceStatuses InstanceStatusSet
}

// CreateNetworkInterfaceRequest is the input of CreateNetworkInterface: a
// secondary ENI, Available, in VSwitchId. VSwitchId and SecurityGroupId are
// required (DOC); the security group is stored, not checked.
// PrimaryIpAddress must be a free address of the vSwitch (default: the lowest
// free one). SecondaryPrivateIpAddressCount (0..49) more addresses are
// assigned. Description is checked but not kept. ClientToken makes the call
// idempotent.
type CreateNetworkInterfaceRequest struct {
	RegionId                       string
	VSwitchId                      string
	SecurityGroupId                string
	PrimaryIpAddress               string
	SecondaryPrivateIpAddressCount int
	NetworkInterfaceName           string
	Description                    string
	ClientToken                    string
}

// CreateNetworkInterfaceResponse is the output of CreateNetworkInterface.
type CreateNetworkInterfaceResponse struct {
	Response
	NetworkInterfaceId string
	Status             string
	Type               string
	VpcId              string
	VSwitchId          string
	ZoneId             string
	PrivateIpAddress   string
	MacAddress         string
}

// AttachNetworkInterfaceRequest is the input of AttachNetworkInterface: the
// ENI must be Available, the instance a VPC instance in the ENI's VPC and
// zone, Running or Stopped.
type AttachNetworkInterfaceRequest struct {
	RegionId           string
	NetworkInterfaceId string
	InstanceId         string
}

// AttachNetworkInterfaceResponse is the output of AttachNetworkInterface.
type AttachNetworkInterfaceResponse struct {
	Response
}

// DetachNetworkInterfaceRequest is the input of DetachNetworkInterface: the
// ENI must be InUse on InstanceId, which must be Running or Stopped. The
// ENI leaves every load balancer it is a backend of.
type DetachNetworkInterfaceRequest struct {
	RegionId           string
	NetworkInterfaceId string
	InstanceId         string
}

// DetachNetworkInterfaceResponse is the output of DetachNetworkInterface.
type DetachNetworkInterfaceResponse struct {
	Response
}

// DeleteNetworkInterfaceRequest is the input of DeleteNetworkInterface: the
// ENI must be Available (detached); its addresses are released (DOC).
type DeleteNetworkInterfaceRequest struct {
	RegionId           string
	NetworkInterfaceId string
}

// DeleteNetworkInterfaceResponse is the output of DeleteNetworkInterface.
type DeleteNetworkInterfaceResponse struct {
	Response
}

// DescribeNetworkInterfacesRequest is the input of DescribeNetworkInterfaces.
// Every filter is optional: NetworkInterfaceId.N (at most 100), InstanceId,
// VpcId, VSwitchId, Status. PageSize defaults to 10, at most 100 (DOC).
type DescribeNetworkInterfacesRequest struct {
	RegionId           string
	NetworkInterfaceId []string
	InstanceId         string
	VpcId              string
	VSwitchId          string
	Status             string
	Paging
}

// PrivateIpSetView is one private address of an ENI.
type PrivateIpSetView struct {
	PrivateIpAddress string
	Primary          bool
}

// PrivateIpSets wraps an ENI's private addresses, the primary first.
type PrivateIpSets struct {
	PrivateIpSet []PrivateIpSetView
}

// NetworkInterfaceView is one ENI as DescribeNetworkInterfaces lists it.
// CreationTime is in ENITimeLayout.
type NetworkInterfaceView struct {
	NetworkInterfaceId   string
	NetworkInterfaceName string
	Status               string
	Type                 string
	VpcId                string
	VSwitchId            string
	ZoneId               string
	PrivateIpAddress     string
	MacAddress           string
	InstanceId           string
	SecurityGroupIds     SecurityGroupIds
	PrivateIpSets        PrivateIpSets
	CreationTime         string
}

// NetworkInterfaceSets wraps the list of DescribeNetworkInterfaces.
type NetworkInterfaceSets struct {
	NetworkInterfaceSet []NetworkInterfaceView
}

// DescribeNetworkInterfacesResponse is the output of DescribeNetworkInterfaces.
type DescribeNetworkInterfacesResponse struct {
	Response
	TotalCount           int
	PageNumber           int
	PageSize             int
	NetworkInterfaceSets NetworkInterfaceSets
}
