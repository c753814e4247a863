package fake

import (
	"context"

	"github.com/slbfake/slbfake/engine"

	"github.com/slbfake/slbfake/model"
)

// Client calls the fake as one account, with the request and response types
// of the real API. Every error it returns from the service is a *model.Error
// carrying the real code, HTTP status, message and the call's RequestId;
// errors.As(err, &apiErr) reaches it.
type Client struct {
	fake    *Fake
	account string
}

// Account returns the account the client acts as.
func (c *Client) Account() string { return c.account }

// CreateLoadBalancer creates a Classic Load Balancer.
func (c *Client) CreateLoadBalancer(ctx context.Context, req *model.CreateLoadBalancerRequest) (*model.CreateLoadBalancerResponse, error) {
	return invoke(ctx, c, "CreateLoadBalancer", req, (*engine.Store).CreateLoadBalancer)
}

// DeleteLoadBalancer deletes a load balancer and its backend list.
func (c *Client) DeleteLoadBalancer(ctx context.Context, req *model.DeleteLoadBalancerRequest) (*model.DeleteLoadBalancerResponse, error) {
	return invoke(ctx, c, "DeleteLoadBalancer", req, (*engine.Store).DeleteLoadBalancer)
}

// SetLoadBalancerStatus sets a load balancer active or inactive.
func (c *Client) SetLoadBalancerStatus(ctx context.Context, req *model.SetLoadBalancerStatusRequest) (*model.SetLoadBalancerStatusResponse, error) {
	return invoke(ctx, c, "SetLoadBalancerStatus", req, (*engine.Store).SetLoadBalancerStatus)
}

// DescribeLoadBalancers lists load balancers, filtered and paged.
func (c *Client) DescribeLoadBalancers(ctx context.Context, req *model.DescribeLoadBalancersRequest) (*model.DescribeLoadBalancersResponse, error) {
	return invoke(ctx, c, "DescribeLoadBalancers", req, (*engine.Store).DescribeLoadBalancers)
}

// DescribeLoadBalancerAttribute returns a load balancer with its backends.
func (c *Client) DescribeLoadBalancerAttribute(ctx context.Context, req *model.DescribeLoadBalancerAttributeRequest) (*model.DescribeLoadBalancerAttributeResponse, error) {
	return invoke(ctx, c, "DescribeLoadBalancerAttribute", req, (*engine.Store).DescribeLoadBalancerAttribute)
}

// AddBackendServers attaches servers to a load balancer (see engine.Store.AddBackendServers
// for the rules and their order).
func (c *Client) AddBackendServers(ctx context.Context, req *model.AddBackendServersRequest) (*model.AddBackendServersResponse, error) {
	return invoke(ctx, c, "AddBackendServers", req, (*engine.Store).AddBackendServers)
}

// RemoveBackendServers detaches servers from a load balancer.
func (c *Client) RemoveBackendServers(ctx context.Context, req *model.RemoveBackendServersRequest) (*model.RemoveBackendServersResponse, error) {
	return invoke(ctx, c, "RemoveBackendServers", req, (*engine.Store).RemoveBackendServers)
}

// SetBackendServers changes the weight and description of attached servers.
func (c *Client) SetBackendServers(ctx context.Context, req *model.SetBackendServersRequest) (*model.SetBackendServersResponse, error) {
	return invoke(ctx, c, "SetBackendServers", req, (*engine.Store).SetBackendServers)
}
