package slbv2models

// The vServer group actions' answers, as the API reference documents them
// (CreateVServerGroup, AddVServerGroupBackendServers,
// RemoveVServerGroupBackendServers, ModifyVServerGroupBackendServers,
// SetVServerGroupAttribute, DescribeVServerGroups,
// DescribeVServerGroupAttribute, DeleteVServerGroup): Port and Weight are
// Integers, ServerCount a Long.

// CreateVServerGroupResponse is the response of CreateVServerGroup.
type CreateVServerGroupResponse = Response[GroupBackendServersBody]

// AddVServerGroupBackendServersResponse is the response of AddVServerGroupBackendServers.
type AddVServerGroupBackendServersResponse = Response[GroupBackendServersBody]

// RemoveVServerGroupBackendServersResponse is the response of RemoveVServerGroupBackendServers.
type RemoveVServerGroupBackendServersResponse = Response[GroupBackendServersBody]

// ModifyVServerGroupBackendServersResponse is the response of ModifyVServerGroupBackendServers.
type ModifyVServerGroupBackendServersResponse = Response[GroupBackendServersBody]

// SetVServerGroupAttributeResponse is the response of SetVServerGroupAttribute.
type SetVServerGroupAttributeResponse = Response[SetVServerGroupAttributeBody]

// DescribeVServerGroupsResponse is the response of DescribeVServerGroups.
type DescribeVServerGroupsResponse = Response[DescribeVServerGroupsBody]

// DescribeVServerGroupAttributeResponse is the response of DescribeVServerGroupAttribute.
type DescribeVServerGroupAttributeResponse = Response[DescribeVServerGroupAttributeBody]

// DeleteVServerGroupResponse is the response of DeleteVServerGroup.
type DeleteVServerGroupResponse = Response[RequestIdBody]

// GroupBackendServersBody is the answer of the calls that change a group's
// members: the group and its member list.
type GroupBackendServersBody struct {
	RequestId      *string              `json:"RequestId,omitempty"`
	VServerGroupId *string              `json:"VServerGroupId,omitempty"`
	BackendServers *GroupBackendServers `json:"BackendServers,omitempty"`
}

// SetVServerGroupAttributeBody is the answer of SetVServerGroupAttribute.
type SetVServerGroupAttributeBody struct {
	RequestId        *string              `json:"RequestId,omitempty"`
	VServerGroupId   *string              `json:"VServerGroupId,omitempty"`
	VServerGroupName *string              `json:"VServerGroupName,omitempty"`
	BackendServers   *GroupBackendServers `json:"BackendServers,omitempty"`
}

// GroupBackendServers wraps a member list.
type GroupBackendServers struct {
	BackendServer []*GroupBackendServer `json:"BackendServer,omitempty"`
}

// GroupBackendServer is one member in the answers of the calls that change
// members.
type GroupBackendServer struct {
	ServerId    *string `json:"ServerId,omitempty"`
	Port        *int32  `json:"Port,omitempty"`
	Weight      *int32  `json:"Weight,omitempty"`
	Type        *string `json:"Type,omitempty"`
	Description *string `json:"Description,omitempty"`
}

// DescribeVServerGroupAttributeBody is the answer of DescribeVServerGroupAttribute.
type DescribeVServerGroupAttributeBody struct {
	RequestId        *string                       `json:"RequestId,omitempty"`
	VServerGroupId   *string                       `json:"VServerGroupId,omitempty"`
	VServerGroupName *string                       `json:"VServerGroupName,omitempty"`
	LoadBalancerId   *string                       `json:"LoadBalancerId,omitempty"`
	CreateTime       *string                       `json:"CreateTime,omitempty"`
	BackendServers   *AttributeGroupBackendServers `json:"BackendServers,omitempty"`
}

// AttributeGroupBackendServers wraps the members of DescribeVServerGroupAttribute.
type AttributeGroupBackendServers struct {
	BackendServer []*AttributeGroupBackendServer `json:"BackendServer,omitempty"`
}

// AttributeGroupBackendServer is one member in DescribeVServerGroupAttribute:
// with its ServerIp.
type AttributeGroupBackendServer struct {
	ServerId    *string `json:"ServerId,omitempty"`
	ServerIp    *string `json:"ServerIp,omitempty"`
	Port        *int32  `json:"Port,omitempty"`
	Weight      *int32  `json:"Weight,omitempty"`
	Type        *string `json:"Type,omitempty"`
	Description *string `json:"Description,omitempty"`
}

// DescribeVServerGroupsBody is the answer of DescribeVServerGroups.
type DescribeVServerGroupsBody struct {
	RequestId     *string        `json:"RequestId,omitempty"`
	VServerGroups *VServerGroups `json:"VServerGroups,omitempty"`
}

// VServerGroups wraps the groups of DescribeVServerGroups.
type VServerGroups struct {
	VServerGroup []*VServerGroup `json:"VServerGroup,omitempty"`
}

// VServerGroup is one group of DescribeVServerGroups.
type VServerGroup struct {
	VServerGroupId    *string            `json:"VServerGroupId,omitempty"`
	VServerGroupName  *string            `json:"VServerGroupName,omitempty"`
	ServerCount       *int64             `json:"ServerCount,omitempty"`
	CreateTime        *string            `json:"CreateTime,omitempty"`
	AssociatedObjects *AssociatedObjects `json:"AssociatedObjects,omitempty"`
}

// AssociatedObjects are the listeners and forwarding rules that use a group.
type AssociatedObjects struct {
	Listeners *AssociatedListeners `json:"Listeners,omitempty"`
	Rules     *AssociatedRules     `json:"Rules,omitempty"`
}

// AssociatedListeners wraps the listeners that use a group.
type AssociatedListeners struct {
	Listener []*AssociatedListener `json:"Listener,omitempty"`
}

// AssociatedListener is a listener that uses a group.
type AssociatedListener struct {
	Protocol *string `json:"Protocol,omitempty"`
	Port     *int32  `json:"Port,omitempty"`
}

// AssociatedRules wraps the forwarding rules that use a group.
type AssociatedRules struct {
	Rule []*AssociatedRule `json:"Rule,omitempty"`
}

// AssociatedRule is a forwarding rule that uses a group.
type AssociatedRule struct {
	RuleId   *string `json:"RuleId,omitempty"`
	RuleName *string `json:"RuleName,omitempty"`
	Domain   *string `json:"Domain,omitempty"`
	Url      *string `json:"Url,omitempty"`
}
