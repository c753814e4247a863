package model

// SLB vServer group requests and responses (API 2014-05-15). Field names are
// the wire names and the JSON shapes those of the legacy Go SDK's structs
// (services/slb/*_v_server_group*.go): Port and Weight are JSON numbers,
// lists are wrapped ({"BackendServers":{"BackendServer":[...]}}). A
// BackendServers value is the JSON array string of the wire, parsed by
// ParseGroupBackendServers.

// CreateVServerGroupRequest is the input of CreateVServerGroup.
// VServerGroupName is optional: 1 to 80 characters when given.
type CreateVServerGroupRequest struct {
	RegionId         string
	LoadBalancerId   string
	VServerGroupName string
	BackendServers   string
	// Tag (Tag.N.Key, Tag.N.Value) tags the new group, as TagResources
	// would.
	Tag []Tag
}

// GroupBackendServerView is one vServer group member as the API reports it.
// The responses of Create, Add, Remove, Modify and SetVServerGroupAttribute
// carry ServerIp only for eni members and no VpcId, as the default server
// group's do; DescribeVServerGroupAttribute carries both. Description is
// present only when set.
type GroupBackendServerView struct {
	ServerId    string
	Port        int
	Weight      int
	Type        string
	ServerIp    string `json:",omitempty" xml:",omitempty"`
	VpcId       string `json:",omitempty" xml:",omitempty"`
	Description string `json:",omitempty" xml:",omitempty"`
}

// GroupBackendServers wraps a vServer group's member list.
type GroupBackendServers struct {
	BackendServer []GroupBackendServerView
}

// VServerGroupBackendServersResponse is the output of CreateVServerGroup,
// AddVServerGroupBackendServers, RemoveVServerGroupBackendServers and
// ModifyVServerGroupBackendServers: the group's whole member list after the
// call, in the order the members were added.
type VServerGroupBackendServersResponse struct {
	Response
	VServerGroupId string
	BackendServers GroupBackendServers
}

// CreateVServerGroupResponse is the output of CreateVServerGroup.
type CreateVServerGroupResponse = VServerGroupBackendServersResponse

// VServerGroupBackendServersRequest is the input of
// AddVServerGroupBackendServers and RemoveVServerGroupBackendServers.
type VServerGroupBackendServersRequest struct {
	RegionId       string
	VServerGroupId string
	BackendServers string
}

// AddVServerGroupBackendServersRequest is the input of AddVServerGroupBackendServers.
type AddVServerGroupBackendServersRequest = VServerGroupBackendServersRequest

// AddVServerGroupBackendServersResponse is the output of AddVServerGroupBackendServers.
type AddVServerGroupBackendServersResponse = VServerGroupBackendServersResponse

// RemoveVServerGroupBackendServersRequest is the input of RemoveVServerGroupBackendServers.
type RemoveVServerGroupBackendServersRequest = VServerGroupBackendServersRequest

// RemoveVServerGroupBackendServersResponse is the output of RemoveVServerGroupBackendServers.
type RemoveVServerGroupBackendServersResponse = VServerGroupBackendServersResponse

// ModifyVServerGroupBackendServersRequest is the input of
// ModifyVServerGroupBackendServers: the members OldBackendServers names are
// replaced by those NewBackendServers names.
type ModifyVServerGroupBackendServersRequest struct {
	RegionId          string
	VServerGroupId    string
	OldBackendServers string
	NewBackendServers string
}

// ModifyVServerGroupBackendServersResponse is the output of ModifyVServerGroupBackendServers.
type ModifyVServerGroupBackendServersResponse = VServerGroupBackendServersResponse

// SetVServerGroupAttributeRequest is the input of SetVServerGroupAttribute:
// a new VServerGroupName, new weights (and descriptions) of members, or both.
type SetVServerGroupAttributeRequest struct {
	RegionId         string
	VServerGroupId   string
	VServerGroupName string
	BackendServers   string
}

// SetVServerGroupAttributeResponse is the output of SetVServerGroupAttribute.
type SetVServerGroupAttributeResponse struct {
	Response
	VServerGroupId   string
	VServerGroupName string
	BackendServers   GroupBackendServers
}

// DeleteVServerGroupRequest is the input of DeleteVServerGroup.
type DeleteVServerGroupRequest struct {
	RegionId       string
	VServerGroupId string
}

// DeleteVServerGroupResponse is the output of DeleteVServerGroup.
type DeleteVServerGroupResponse struct {
	Response
}

// DescribeVServerGroupsRequest is the input of DescribeVServerGroups: the
// groups of one LB. IncludeListener and IncludeRule ask for the listeners
// and forwarding rules that use each group. Tag (Tag.N.Key, Tag.N.Value)
// keeps the groups that have every tag (an empty Value: any value).
type DescribeVServerGroupsRequest struct {
	RegionId        string
	LoadBalancerId  string
	IncludeListener bool
	IncludeRule     bool
	Tag             []Tag
}

// VServerGroupListenerView is a listener that uses a vServer group.
type VServerGroupListenerView struct {
	Protocol string
	Port     int
}

// VServerGroupListeners wraps the listeners of a group.
type VServerGroupListeners struct {
	Listener []VServerGroupListenerView
}

// VServerGroupRuleView is a forwarding rule that uses a vServer group.
type VServerGroupRuleView struct {
	RuleId   string
	RuleName string
	Domain   string
	Url      string
}

// VServerGroupRules wraps the forwarding rules of a group.
type VServerGroupRules struct {
	Rule []VServerGroupRuleView
}

// AssociatedObjects are the listeners and forwarding rules that use a
// vServer group.
type AssociatedObjects struct {
	Listeners VServerGroupListeners
	Rules     VServerGroupRules
}

// VServerGroupView is one group as DescribeVServerGroups lists it.
type VServerGroupView struct {
	VServerGroupId    string
	VServerGroupName  string
	ServerCount       int64
	CreateTime        string
	AssociatedObjects AssociatedObjects
}

// VServerGroups wraps the list of DescribeVServerGroups.
type VServerGroups struct {
	VServerGroup []VServerGroupView
}

// DescribeVServerGroupsResponse is the output of DescribeVServerGroups.
type DescribeVServerGroupsResponse struct {
	Response
	VServerGroups VServerGroups
}

// DescribeVServerGroupAttributeRequest is the input of DescribeVServerGroupAttribute.
type DescribeVServerGroupAttributeRequest struct {
	RegionId       string
	VServerGroupId string
}

// DescribeVServerGroupAttributeResponse is the output of
// DescribeVServerGroupAttribute: the group and every member, with ServerIp
// and VpcId.
type DescribeVServerGroupAttributeResponse struct {
	Response
	VServerGroupId   string
	VServerGroupName string
	LoadBalancerId   string
	CreateTime       string
	BackendServers   GroupBackendServers
}
