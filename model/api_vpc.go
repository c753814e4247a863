package model

// VPC (Version 2016-04-28) requests and responses: the VPC and vSwitch calls
// a test needs. Field names are the wire names; lists are wrapped as the API
// wraps them ({"Vpcs":{"Vpc":[...]}}). Times are UTC.

// Limits and defaults of the VPC operations.
const (
	// DefaultVpcCidrBlock is the CidrBlock of CreateVpc when none is given
	// (DOC).
	DefaultVpcCidrBlock = "172.16.0.0/12"
	// MaxVSwitchesPerVpc is the most vSwitches one VPC may have (DOC).
	MaxVSwitchesPerVpc = 150
	// VPCTimeLayout is how VPC renders CreationTime (2018-04-18T15:02:37Z, DOC).
	VPCTimeLayout = "2006-01-02T15:04:05Z"
)

// CreateVpcRequest is the input of CreateVpc. CidrBlock defaults to
// 172.16.0.0/12 and must lie in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16
// with a mask of /8 to /28. ClientToken makes the call idempotent; DryRun
// checks the request and answers DryRunOperation without creating anything.
type CreateVpcRequest struct {
	RegionId    string
	CidrBlock   string
	VpcName     string
	Description string
	ClientToken string
	DryRun      bool
}

// CreateVpcResponse is the output of CreateVpc. ResourceGroupId is the
// account's default resource group.
type CreateVpcResponse struct {
	Response
	VpcId           string
	VRouterId       string
	RouteTableId    string
	ResourceGroupId string
}

// DescribeVpcsRequest is the input of DescribeVpcs. VpcId takes a
// comma-separated list; VpcName is exact. PageSize defaults to 10, at most 50.
type DescribeVpcsRequest struct {
	RegionId string
	VpcId    string
	VpcName  string
	Paging
}

// VSwitchIds wraps a list of vSwitch IDs.
type VSwitchIds struct {
	VSwitchId []string
}

// RouterTableIds wraps a VPC's route table IDs.
type RouterTableIds struct {
	RouterTableIds []string
}

// VpcView is one VPC as DescribeVpcs lists it. VSwitchIds are in creation
// order; CreationTime is in VPCTimeLayout.
type VpcView struct {
	VpcId           string
	VpcName         string
	Description     string
	RegionId        string
	Status          string
	CidrBlock       string
	VRouterId       string
	RouterTableIds  RouterTableIds
	VSwitchIds      VSwitchIds
	IsDefault       bool
	ResourceGroupId string
	CreationTime    string
}

// Vpcs wraps the list of DescribeVpcs.
type Vpcs struct {
	Vpc []VpcView
}

// DescribeVpcsResponse is the output of DescribeVpcs.
type DescribeVpcsResponse struct {
	Response
	TotalCount int
	PageNumber int
	PageSize   int
	Vpcs       Vpcs
}

// CreateVSwitchRequest is the input of CreateVSwitch. VpcId, ZoneId and
// CidrBlock are required; the CIDR block must have a /16 to /29 mask, lie in
// the VPC's and overlap no other vSwitch of the VPC. ClientToken makes the
// call idempotent.
type CreateVSwitchRequest struct {
	RegionId    string
	VpcId       string
	ZoneId      string
	CidrBlock   string
	VSwitchName string
	Description string
	ClientToken string
}

// CreateVSwitchResponse is the output of CreateVSwitch.
type CreateVSwitchResponse struct {
	Response
	VSwitchId string
}

// DescribeVSwitchesRequest is the input of DescribeVSwitches. Every filter is
// optional and exact. PageSize defaults to 10, at most 50.
type DescribeVSwitchesRequest struct {
	RegionId  string
	VpcId     string
	VSwitchId string
	ZoneId    string
	Paging
}

// VSwitchView is one vSwitch as DescribeVSwitches lists it.
// AvailableIpAddressCount is the block's size less its reserved addresses
// (the first one and the last three, as the real service keeps them) and
// the ones in use. CreationTime is in VPCTimeLayout.
type VSwitchView struct {
	VSwitchId               string
	VSwitchName             string
	Description             string
	VpcId                   string
	ZoneId                  string
	Status                  string
	CidrBlock               string
	AvailableIpAddressCount int64
	IsDefault               bool
	ResourceGroupId         string
	CreationTime            string
}

// VSwitches wraps the list of DescribeVSwitches.
type VSwitches struct {
	VSwitch []VSwitchView
}

// DescribeVSwitchesResponse is the output of DescribeVSwitches.
type DescribeVSwitchesResponse struct {
	Response
	TotalCount int
	PageNumber int
	PageSize   int
	VSwitches  VSwitches
}
