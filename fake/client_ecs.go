package fake

import (
	"context"

	"github.com/slbfake/slbfake/engine"

	"github.com/slbfake/slbfake/model"
)

// RunInstances creates instances that end Running (see engine.Store.RunInstances
// for the rules and their order).
func (c *Client) RunInstances(ctx context.Context, req *model.RunInstancesRequest) (*model.RunInstancesResponse, error) {
	return invoke(ctx, c, "RunInstances", req, (*engine.Store).RunInstances)
}

// CreateInstance creates one instance that ends Stopped.
func (c *Client) CreateInstance(ctx context.Context, req *model.CreateInstanceRequest) (*model.CreateInstanceResponse, error) {
	return invoke(ctx, c, "CreateInstance", req, (*engine.Store).CreateInstance)
}

// StartInstance starts a Stopped instance.
func (c *Client) StartInstance(ctx context.Context, req *model.StartInstanceRequest) (*model.StartInstanceResponse, error) {
	return invoke(ctx, c, "StartInstance", req, (*engine.Store).StartInstance)
}

// StopInstance stops a Running instance.
func (c *Client) StopInstance(ctx context.Context, req *model.StopInstanceRequest) (*model.StopInstanceResponse, error) {
	return invoke(ctx, c, "StopInstance", req, (*engine.Store).StopInstance)
}

// DeleteInstance releases an instance (Stopped, or any status with Force); it
// leaves every load balancer and its ENIs are detached.
func (c *Client) DeleteInstance(ctx context.Context, req *model.DeleteInstanceRequest) (*model.DeleteInstanceResponse, error) {
	return invoke(ctx, c, "DeleteInstance", req, (*engine.Store).DeleteInstance)
}

// DescribeInstances lists instances, filtered and paged.
func (c *Client) DescribeInstances(ctx context.Context, req *model.DescribeInstancesRequest) (*model.DescribeInstancesResponse, error) {
	return invoke(ctx, c, "DescribeInstances", req, (*engine.Store).DescribeInstances)
}

// DescribeInstanceStatus lists instance statuses, filtered and paged.
func (c *Client) DescribeInstanceStatus(ctx context.Context, req *model.DescribeInstanceStatusRequest) (*model.DescribeInstanceStatusResponse, error) {
	return invoke(ctx, c, "DescribeInstanceStatus", req, (*engine.Store).DescribeInstanceStatus)
}

// CreateNetworkInterface creates an Available elastic network interface.
func (c *Client) CreateNetworkInterface(ctx context.Context, req *model.CreateNetworkInterfaceRequest) (*model.CreateNetworkInterfaceResponse, error) {
	return invoke(ctx, c, "CreateNetworkInterface", req, (*engine.Store).CreateNetworkInterface)
}

// AttachNetworkInterface attaches an ENI to a VPC instance of its VPC and zone.
func (c *Client) AttachNetworkInterface(ctx context.Context, req *model.AttachNetworkInterfaceRequest) (*model.AttachNetworkInterfaceResponse, error) {
	return invoke(ctx, c, "AttachNetworkInterface", req, (*engine.Store).AttachNetworkInterface)
}

// DetachNetworkInterface detaches an ENI from its instance.
func (c *Client) DetachNetworkInterface(ctx context.Context, req *model.DetachNetworkInterfaceRequest) (*model.DetachNetworkInterfaceResponse, error) {
	return invoke(ctx, c, "DetachNetworkInterface", req, (*engine.Store).DetachNetworkInterface)
}

// DescribeNetworkInterfaces lists ENIs, filtered and paged.
func (c *Client) DescribeNetworkInterfaces(ctx context.Context, req *model.DescribeNetworkInterfacesRequest) (*model.DescribeNetworkInterfacesResponse, error) {
	return invoke(ctx, c, "DescribeNetworkInterfaces", req, (*engine.Store).DescribeNetworkInterfaces)
}
