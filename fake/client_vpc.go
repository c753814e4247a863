package fake

import (
	"context"

	"github.com/slbfake/slbfake/engine"

	"github.com/slbfake/slbfake/model"
)

// CreateVpc creates a VPC (CidrBlock default 172.16.0.0/12).
func (c *Client) CreateVpc(ctx context.Context, req *model.CreateVpcRequest) (*model.CreateVpcResponse, error) {
	return invoke(ctx, c, "CreateVpc", req, (*engine.Store).CreateVpc)
}

// DescribeVpcs lists VPCs, filtered and paged.
func (c *Client) DescribeVpcs(ctx context.Context, req *model.DescribeVpcsRequest) (*model.DescribeVpcsResponse, error) {
	return invoke(ctx, c, "DescribeVpcs", req, (*engine.Store).DescribeVpcs)
}

// CreateVSwitch creates a vSwitch in a zone of a VPC (see
// engine.Store.CreateVSwitch for the CIDR rules).
func (c *Client) CreateVSwitch(ctx context.Context, req *model.CreateVSwitchRequest) (*model.CreateVSwitchResponse, error) {
	return invoke(ctx, c, "CreateVSwitch", req, (*engine.Store).CreateVSwitch)
}

// DescribeVSwitches lists vSwitches, filtered and paged.
func (c *Client) DescribeVSwitches(ctx context.Context, req *model.DescribeVSwitchesRequest) (*model.DescribeVSwitchesResponse, error) {
	return invoke(ctx, c, "DescribeVSwitches", req, (*engine.Store).DescribeVSwitches)
}
