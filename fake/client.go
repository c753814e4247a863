package fake

import (
	"context"

	"github.com/slbfake/slbfake/model"
)

// Client calls the fake as one account, with the request and response types
// of the real API. Every error it returns from the service is a *model.Error
// carrying the real code, HTTP status, message and the call's RequestId;
// errors.As(err, &apiErr) reaches it. A nil request is an empty one.
//
// Each method is one entry of the fake's action table (a test checks that
// the two agree): it draws the call's RequestId and sends the call down the
// dispatch chain that wire requests take too.
type Client struct {
	fake    *Fake
	account string
}

// Account returns the account the client acts as.
func (c *Client) Account() string { return c.account }

// CreateLoadBalancer creates a Classic Load Balancer.
func (c *Client) CreateLoadBalancer(ctx context.Context, req *model.CreateLoadBalancerRequest) (*model.CreateLoadBalancerResponse, error) {
	return actCreateLoadBalancer.call(ctx, c, req)
}

// DeleteLoadBalancer deletes a load balancer and its backend list.
func (c *Client) DeleteLoadBalancer(ctx context.Context, req *model.DeleteLoadBalancerRequest) (*model.DeleteLoadBalancerResponse, error) {
	return actDeleteLoadBalancer.call(ctx, c, req)
}

// SetLoadBalancerStatus sets a load balancer active or inactive.
func (c *Client) SetLoadBalancerStatus(ctx context.Context, req *model.SetLoadBalancerStatusRequest) (*model.SetLoadBalancerStatusResponse, error) {
	return actSetLoadBalancerStatus.call(ctx, c, req)
}

// DescribeLoadBalancers lists load balancers, filtered and paged.
func (c *Client) DescribeLoadBalancers(ctx context.Context, req *model.DescribeLoadBalancersRequest) (*model.DescribeLoadBalancersResponse, error) {
	return actDescribeLoadBalancers.call(ctx, c, req)
}

// DescribeLoadBalancerAttribute returns a load balancer with its backends.
func (c *Client) DescribeLoadBalancerAttribute(ctx context.Context, req *model.DescribeLoadBalancerAttributeRequest) (*model.DescribeLoadBalancerAttributeResponse, error) {
	return actDescribeLoadBalancerAttribute.call(ctx, c, req)
}

// AddBackendServers attaches servers to a load balancer (the rules and their order are
// engine.Store.AddBackendServers').
func (c *Client) AddBackendServers(ctx context.Context, req *model.AddBackendServersRequest) (*model.AddBackendServersResponse, error) {
	return actAddBackendServers.call(ctx, c, req)
}

// RemoveBackendServers detaches servers from a load balancer.
func (c *Client) RemoveBackendServers(ctx context.Context, req *model.RemoveBackendServersRequest) (*model.RemoveBackendServersResponse, error) {
	return actRemoveBackendServers.call(ctx, c, req)
}

// SetBackendServers changes the weight and description of attached servers.
func (c *Client) SetBackendServers(ctx context.Context, req *model.SetBackendServersRequest) (*model.SetBackendServersResponse, error) {
	return actSetBackendServers.call(ctx, c, req)
}

// TagResources adds tags to load balancers, vServer groups or listeners.
func (c *Client) TagResources(ctx context.Context, req *model.TagResourcesRequest) (*model.TagResourcesResponse, error) {
	return actTagResources.call(ctx, c, req)
}

// UntagResources removes tags from resources.
func (c *Client) UntagResources(ctx context.Context, req *model.UntagResourcesRequest) (*model.UntagResourcesResponse, error) {
	return actUntagResources.call(ctx, c, req)
}

// ListTagResources lists the tags of resources, paged by NextToken.
func (c *Client) ListTagResources(ctx context.Context, req *model.ListTagResourcesRequest) (*model.ListTagResourcesResponse, error) {
	return actListTagResources.call(ctx, c, req)
}

// SetLoadBalancerDeleteProtection turns a load balancer's deletion protection on or off.
func (c *Client) SetLoadBalancerDeleteProtection(ctx context.Context, req *model.SetLoadBalancerDeleteProtectionRequest) (*model.SetLoadBalancerDeleteProtectionResponse, error) {
	return actSetLoadBalancerDeleteProtection.call(ctx, c, req)
}

// SetLoadBalancerModificationProtection sets a load balancer's console modification protection.
func (c *Client) SetLoadBalancerModificationProtection(ctx context.Context, req *model.SetLoadBalancerModificationProtectionRequest) (*model.SetLoadBalancerModificationProtectionResponse, error) {
	return actSetLoadBalancerModificationProtection.call(ctx, c, req)
}

// ModifyLoadBalancerInstanceChargeType moves a load balancer from PayBySpec to PayByCLCU.
func (c *Client) ModifyLoadBalancerInstanceChargeType(ctx context.Context, req *model.ModifyLoadBalancerInstanceChargeTypeRequest) (*model.ModifyLoadBalancerInstanceChargeTypeResponse, error) {
	return actModifyLoadBalancerInstanceChargeType.call(ctx, c, req)
}

// SetLoadBalancerName renames a load balancer.
func (c *Client) SetLoadBalancerName(ctx context.Context, req *model.SetLoadBalancerNameRequest) (*model.SetLoadBalancerNameResponse, error) {
	return actSetLoadBalancerName.call(ctx, c, req)
}

// RunInstances creates instances that end Running (see engine.Store.RunInstances
// for the rules and their order).
func (c *Client) RunInstances(ctx context.Context, req *model.RunInstancesRequest) (*model.RunInstancesResponse, error) {
	return actRunInstances.call(ctx, c, req)
}

// CreateInstance creates one instance that ends Stopped.
func (c *Client) CreateInstance(ctx context.Context, req *model.CreateInstanceRequest) (*model.CreateInstanceResponse, error) {
	return actCreateInstance.call(ctx, c, req)
}

// StartInstance starts a Stopped instance.
func (c *Client) StartInstance(ctx context.Context, req *model.StartInstanceRequest) (*model.StartInstanceResponse, error) {
	return actStartInstance.call(ctx, c, req)
}

// StopInstance stops a Running instance.
func (c *Client) StopInstance(ctx context.Context, req *model.StopInstanceRequest) (*model.StopInstanceResponse, error) {
	return actStopInstance.call(ctx, c, req)
}

// DeleteInstance releases an instance (Stopped, or any status with Force); it
// leaves every load balancer and its ENIs are detached.
func (c *Client) DeleteInstance(ctx context.Context, req *model.DeleteInstanceRequest) (*model.DeleteInstanceResponse, error) {
	return actDeleteInstance.call(ctx, c, req)
}

// DescribeInstances lists instances, filtered and paged.
func (c *Client) DescribeInstances(ctx context.Context, req *model.DescribeInstancesRequest) (*model.DescribeInstancesResponse, error) {
	return actDescribeInstances.call(ctx, c, req)
}

// DescribeInstanceStatus lists instance statuses, filtered and paged.
func (c *Client) DescribeInstanceStatus(ctx context.Context, req *model.DescribeInstanceStatusRequest) (*model.DescribeInstanceStatusResponse, error) {
	return actDescribeInstanceStatus.call(ctx, c, req)
}

// CreateNetworkInterface creates an Available elastic network interface.
func (c *Client) CreateNetworkInterface(ctx context.Context, req *model.CreateNetworkInterfaceRequest) (*model.CreateNetworkInterfaceResponse, error) {
	return actCreateNetworkInterface.call(ctx, c, req)
}

// AttachNetworkInterface attaches an ENI to a VPC instance of its VPC and zone.
func (c *Client) AttachNetworkInterface(ctx context.Context, req *model.AttachNetworkInterfaceRequest) (*model.AttachNetworkInterfaceResponse, error) {
	return actAttachNetworkInterface.call(ctx, c, req)
}

// DetachNetworkInterface detaches an ENI from its instance.
func (c *Client) DetachNetworkInterface(ctx context.Context, req *model.DetachNetworkInterfaceRequest) (*model.DetachNetworkInterfaceResponse, error) {
	return actDetachNetworkInterface.call(ctx, c, req)
}

// DeleteNetworkInterface deletes an Available (detached) ENI and releases its
// addresses.
func (c *Client) DeleteNetworkInterface(ctx context.Context, req *model.DeleteNetworkInterfaceRequest) (*model.DeleteNetworkInterfaceResponse, error) {
	return actDeleteNetworkInterface.call(ctx, c, req)
}

// DescribeNetworkInterfaces lists ENIs, filtered and paged.
func (c *Client) DescribeNetworkInterfaces(ctx context.Context, req *model.DescribeNetworkInterfacesRequest) (*model.DescribeNetworkInterfacesResponse, error) {
	return actDescribeNetworkInterfaces.call(ctx, c, req)
}

// CreateVpc creates a VPC (CidrBlock default 172.16.0.0/12).
func (c *Client) CreateVpc(ctx context.Context, req *model.CreateVpcRequest) (*model.CreateVpcResponse, error) {
	return actCreateVpc.call(ctx, c, req)
}

// DescribeVpcs lists VPCs, filtered and paged.
func (c *Client) DescribeVpcs(ctx context.Context, req *model.DescribeVpcsRequest) (*model.DescribeVpcsResponse, error) {
	return actDescribeVpcs.call(ctx, c, req)
}

// CreateVSwitch creates a vSwitch in a zone of a VPC (see
// engine.Store.CreateVSwitch for the CIDR rules).
func (c *Client) CreateVSwitch(ctx context.Context, req *model.CreateVSwitchRequest) (*model.CreateVSwitchResponse, error) {
	return actCreateVSwitch.call(ctx, c, req)
}

// DescribeVSwitches lists vSwitches, filtered and paged.
func (c *Client) DescribeVSwitches(ctx context.Context, req *model.DescribeVSwitchesRequest) (*model.DescribeVSwitchesResponse, error) {
	return actDescribeVSwitches.call(ctx, c, req)
}

// CreateVServerGroup creates a vServer group on a load balancer, with members.
func (c *Client) CreateVServerGroup(ctx context.Context, req *model.CreateVServerGroupRequest) (*model.CreateVServerGroupResponse, error) {
	return actCreateVServerGroup.call(ctx, c, req)
}

// AddVServerGroupBackendServers adds members to a vServer group (the rules
// are engine.Store.AddVServerGroupBackendServers').
func (c *Client) AddVServerGroupBackendServers(ctx context.Context, req *model.AddVServerGroupBackendServersRequest) (*model.AddVServerGroupBackendServersResponse, error) {
	return actAddVServerGroupBackendServers.call(ctx, c, req)
}

// RemoveVServerGroupBackendServers removes members from a vServer group.
func (c *Client) RemoveVServerGroupBackendServers(ctx context.Context, req *model.RemoveVServerGroupBackendServersRequest) (*model.RemoveVServerGroupBackendServersResponse, error) {
	return actRemoveVServerGroupBackendServers.call(ctx, c, req)
}

// ModifyVServerGroupBackendServers replaces members of a vServer group.
func (c *Client) ModifyVServerGroupBackendServers(ctx context.Context, req *model.ModifyVServerGroupBackendServersRequest) (*model.ModifyVServerGroupBackendServersResponse, error) {
	return actModifyVServerGroupBackendServers.call(ctx, c, req)
}

// SetVServerGroupAttribute renames a vServer group and changes its members' weights.
func (c *Client) SetVServerGroupAttribute(ctx context.Context, req *model.SetVServerGroupAttributeRequest) (*model.SetVServerGroupAttributeResponse, error) {
	return actSetVServerGroupAttribute.call(ctx, c, req)
}

// DescribeVServerGroups lists a load balancer's vServer groups.
func (c *Client) DescribeVServerGroups(ctx context.Context, req *model.DescribeVServerGroupsRequest) (*model.DescribeVServerGroupsResponse, error) {
	return actDescribeVServerGroups.call(ctx, c, req)
}

// DescribeVServerGroupAttribute returns a vServer group with its members.
func (c *Client) DescribeVServerGroupAttribute(ctx context.Context, req *model.DescribeVServerGroupAttributeRequest) (*model.DescribeVServerGroupAttributeResponse, error) {
	return actDescribeVServerGroupAttribute.call(ctx, c, req)
}

// DeleteVServerGroup deletes a vServer group and its members.
func (c *Client) DeleteVServerGroup(ctx context.Context, req *model.DeleteVServerGroupRequest) (*model.DeleteVServerGroupResponse, error) {
	return actDeleteVServerGroup.call(ctx, c, req)
}

// CreateLoadBalancerTCPListener creates a stopped TCP listener (the rules and their order are engine.Store's).
func (c *Client) CreateLoadBalancerTCPListener(ctx context.Context, req *model.CreateLoadBalancerTCPListenerRequest) (*model.CreateLoadBalancerTCPListenerResponse, error) {
	return actCreateLoadBalancerTCPListener.call(ctx, c, req)
}

// CreateLoadBalancerUDPListener creates a stopped UDP listener.
func (c *Client) CreateLoadBalancerUDPListener(ctx context.Context, req *model.CreateLoadBalancerUDPListenerRequest) (*model.CreateLoadBalancerUDPListenerResponse, error) {
	return actCreateLoadBalancerUDPListener.call(ctx, c, req)
}

// CreateLoadBalancerHTTPListener creates a stopped HTTP listener.
func (c *Client) CreateLoadBalancerHTTPListener(ctx context.Context, req *model.CreateLoadBalancerHTTPListenerRequest) (*model.CreateLoadBalancerHTTPListenerResponse, error) {
	return actCreateLoadBalancerHTTPListener.call(ctx, c, req)
}

// CreateLoadBalancerHTTPSListener creates a stopped HTTPS listener.
func (c *Client) CreateLoadBalancerHTTPSListener(ctx context.Context, req *model.CreateLoadBalancerHTTPSListenerRequest) (*model.CreateLoadBalancerHTTPSListenerResponse, error) {
	return actCreateLoadBalancerHTTPSListener.call(ctx, c, req)
}

// StartLoadBalancerListener starts a stopped listener (starting, then running).
func (c *Client) StartLoadBalancerListener(ctx context.Context, req *model.StartLoadBalancerListenerRequest) (*model.StartLoadBalancerListenerResponse, error) {
	return actStartLoadBalancerListener.call(ctx, c, req)
}

// StopLoadBalancerListener stops a running listener (stopping, then stopped).
func (c *Client) StopLoadBalancerListener(ctx context.Context, req *model.StopLoadBalancerListenerRequest) (*model.StopLoadBalancerListenerResponse, error) {
	return actStopLoadBalancerListener.call(ctx, c, req)
}

// DeleteLoadBalancerListener deletes a listener.
func (c *Client) DeleteLoadBalancerListener(ctx context.Context, req *model.DeleteLoadBalancerListenerRequest) (*model.DeleteLoadBalancerListenerResponse, error) {
	return actDeleteLoadBalancerListener.call(ctx, c, req)
}

// DescribeLoadBalancerListeners lists listeners, filtered, MaxResults at a time.
func (c *Client) DescribeLoadBalancerListeners(ctx context.Context, req *model.DescribeLoadBalancerListenersRequest) (*model.DescribeLoadBalancerListenersResponse, error) {
	return actDescribeLoadBalancerListeners.call(ctx, c, req)
}

// DescribeLoadBalancerTCPListenerAttribute returns a TCP listener.
func (c *Client) DescribeLoadBalancerTCPListenerAttribute(ctx context.Context, req *model.DescribeLoadBalancerTCPListenerAttributeRequest) (*model.DescribeLoadBalancerTCPListenerAttributeResponse, error) {
	return actDescribeLoadBalancerTCPListenerAttribute.call(ctx, c, req)
}

// DescribeLoadBalancerUDPListenerAttribute returns a UDP listener.
func (c *Client) DescribeLoadBalancerUDPListenerAttribute(ctx context.Context, req *model.DescribeLoadBalancerUDPListenerAttributeRequest) (*model.DescribeLoadBalancerUDPListenerAttributeResponse, error) {
	return actDescribeLoadBalancerUDPListenerAttribute.call(ctx, c, req)
}

// DescribeLoadBalancerHTTPListenerAttribute returns an HTTP listener.
func (c *Client) DescribeLoadBalancerHTTPListenerAttribute(ctx context.Context, req *model.DescribeLoadBalancerHTTPListenerAttributeRequest) (*model.DescribeLoadBalancerHTTPListenerAttributeResponse, error) {
	return actDescribeLoadBalancerHTTPListenerAttribute.call(ctx, c, req)
}

// DescribeLoadBalancerHTTPSListenerAttribute returns an HTTPS listener.
func (c *Client) DescribeLoadBalancerHTTPSListenerAttribute(ctx context.Context, req *model.DescribeLoadBalancerHTTPSListenerAttributeRequest) (*model.DescribeLoadBalancerHTTPSListenerAttributeResponse, error) {
	return actDescribeLoadBalancerHTTPSListenerAttribute.call(ctx, c, req)
}

// SetLoadBalancerTCPListenerAttribute changes a TCP listener.
func (c *Client) SetLoadBalancerTCPListenerAttribute(ctx context.Context, req *model.SetLoadBalancerTCPListenerAttributeRequest) (*model.SetLoadBalancerTCPListenerAttributeResponse, error) {
	return actSetLoadBalancerTCPListenerAttribute.call(ctx, c, req)
}

// SetLoadBalancerHTTPListenerAttribute changes an HTTP listener.
func (c *Client) SetLoadBalancerHTTPListenerAttribute(ctx context.Context, req *model.SetLoadBalancerHTTPListenerAttributeRequest) (*model.SetLoadBalancerHTTPListenerAttributeResponse, error) {
	return actSetLoadBalancerHTTPListenerAttribute.call(ctx, c, req)
}

// DescribeHealthStatus reports the health of a load balancer's backends per listener.
func (c *Client) DescribeHealthStatus(ctx context.Context, req *model.DescribeHealthStatusRequest) (*model.DescribeHealthStatusResponse, error) {
	return actDescribeHealthStatus.call(ctx, c, req)
}
