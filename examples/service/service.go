// Package service is an example of a controller-shaped routine tested
// against slbfake: a reconciler for one Kubernetes Service of type
// LoadBalancer, written for this project after the behaviour of the
// Alibaba Cloud cloud controller manager (kubernetes/cloud-provider-alibaba-cloud),
// not from its code. For one Service over a set of nodes (ECS instance IDs)
// and a node port it keeps:
//
//   - one Classic Load Balancer, found by its tag
//     kubernetes.do.not.delete=<service UID> (DescribeLoadBalancers, Tags
//     filter), then by its name; created when absent with a ClientToken
//     derived from the Service, delete protection on, console modification
//     protection and the PayByCLCU charge type, which are read back and set
//     again when the read does not show them;
//   - one vServer group named k8s/<nodePort>/<service>/<namespace>/<cluster>
//     whose members are exactly the Running nodes on the node port, diffed by
//     (ServerId, Port) and changed with AddVServerGroupBackendServers,
//     RemoveVServerGroupBackendServers and SetVServerGroupAttribute in
//     batches of 40, with BackendServers in the controller's JSON shape;
//   - one running TCP listener on the Service port forwarding to the group.
//
// Delete turns delete protection off and deletes the load balancer, with
// its group, listener and tags.
//
// Both retry the busy, throttling and server-side codes and transport
// errors with bounded exponential backoff, and after any failed call they
// read the world again before they change anything: a change that took
// effect although its call failed (an ambiguous failure) is never sent
// twice. The tests drive them against the fake under rapid-drawn fault
// plans (slbrapid.Faults) and check that the world ends exactly as desired
// and that the service never refused a call as invalid.
package service

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/slbfake/slbfake/examples/reconciler"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

// API is the part of the SLB and ECS APIs the controller calls.
// *fake.Client satisfies it; so would a thin adapter over the real SDK's
// slb.Client and ecs.Client that copies the request fields and turns an
// *errors.ServerError into a *model.Error with the same code and status.
type API interface {
	DescribeLoadBalancers(context.Context, *model.DescribeLoadBalancersRequest) (*model.DescribeLoadBalancersResponse, error)
	DescribeLoadBalancerAttribute(context.Context, *model.DescribeLoadBalancerAttributeRequest) (*model.DescribeLoadBalancerAttributeResponse, error)
	CreateLoadBalancer(context.Context, *model.CreateLoadBalancerRequest) (*model.CreateLoadBalancerResponse, error)
	TagResources(context.Context, *model.TagResourcesRequest) (*model.TagResourcesResponse, error)
	SetLoadBalancerDeleteProtection(context.Context, *model.SetLoadBalancerDeleteProtectionRequest) (*model.SetLoadBalancerDeleteProtectionResponse, error)
	SetLoadBalancerModificationProtection(context.Context, *model.SetLoadBalancerModificationProtectionRequest) (*model.SetLoadBalancerModificationProtectionResponse, error)
	ModifyLoadBalancerInstanceChargeType(context.Context, *model.ModifyLoadBalancerInstanceChargeTypeRequest) (*model.ModifyLoadBalancerInstanceChargeTypeResponse, error)
	DeleteLoadBalancer(context.Context, *model.DeleteLoadBalancerRequest) (*model.DeleteLoadBalancerResponse, error)

	DescribeVServerGroups(context.Context, *model.DescribeVServerGroupsRequest) (*model.DescribeVServerGroupsResponse, error)
	DescribeVServerGroupAttribute(context.Context, *model.DescribeVServerGroupAttributeRequest) (*model.DescribeVServerGroupAttributeResponse, error)
	CreateVServerGroup(context.Context, *model.CreateVServerGroupRequest) (*model.CreateVServerGroupResponse, error)
	AddVServerGroupBackendServers(context.Context, *model.AddVServerGroupBackendServersRequest) (*model.AddVServerGroupBackendServersResponse, error)
	RemoveVServerGroupBackendServers(context.Context, *model.RemoveVServerGroupBackendServersRequest) (*model.RemoveVServerGroupBackendServersResponse, error)
	SetVServerGroupAttribute(context.Context, *model.SetVServerGroupAttributeRequest) (*model.SetVServerGroupAttributeResponse, error)

	DescribeLoadBalancerListeners(context.Context, *model.DescribeLoadBalancerListenersRequest) (*model.DescribeLoadBalancerListenersResponse, error)
	CreateLoadBalancerTCPListener(context.Context, *model.CreateLoadBalancerTCPListenerRequest) (*model.CreateLoadBalancerTCPListenerResponse, error)
	SetLoadBalancerTCPListenerAttribute(context.Context, *model.SetLoadBalancerTCPListenerAttributeRequest) (*model.SetLoadBalancerTCPListenerAttributeResponse, error)
	StartLoadBalancerListener(context.Context, *model.StartLoadBalancerListenerRequest) (*model.StartLoadBalancerListenerResponse, error)

	DescribeInstances(context.Context, *model.DescribeInstancesRequest) (*model.DescribeInstancesResponse, error)
}

var _ API = (*fake.Client)(nil)

// Sleeper waits between attempts: reconciler.RealSleeper in production,
// reconciler.VirtualSleeper (which advances the fake's VirtualClock) in
// tests, so that no test sleeps.
type Sleeper = reconciler.Sleeper

// ErrRetriesExhausted is wrapped by the error Reconcile and Delete return
// when they gave up: after Options.MaxAttempts failed passes in a row that
// sent no change new to the run, or after MaxAttempts passes whose changes
// all succeeded and still did not leave the world as desired (someone else
// keeps changing it). The last failure is wrapped too.
var ErrRetriesExhausted = errors.New("retries exhausted")

// ErrInvalidService is wrapped by the error returned for a Service no call
// could ever serve (a port out of range, a name the group name rule
// refuses); nothing is called.
var ErrInvalidService = errors.New("invalid service")

// ErrAmbiguous is wrapped by the error returned when two load balancers
// carry the Service's tag, or none does and two have its name: the
// controller cannot tell which one is the Service's and changes neither.
var ErrAmbiguous = errors.New("more than one load balancer matches the service")

// Options tune the controller. The zero value of a field means its default.
type Options struct {
	// MaxAttempts is how many failed passes in a row are tolerated (the
	// count restarts after a pass that sent a change not sent before in the
	// run), and how many full passes without a failure may end with the
	// world still not as desired. Default 8.
	MaxAttempts int
	// BaseDelay is the first backoff; each failure in a row doubles it, up
	// to MaxDelay. Defaults 200ms and 5s.
	BaseDelay, MaxDelay time.Duration
	// BatchSize is the most members per vServer group call. Default and
	// maximum 40 (model.MaxGroupBackendServersPerCall), the controller's
	// sg-batch-size.
	BatchSize int
}

func (o Options) withDefaults() Options {
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 8
	}
	if o.BaseDelay <= 0 {
		o.BaseDelay = 200 * time.Millisecond
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = 5 * time.Second
	}
	if o.BatchSize <= 0 || o.BatchSize > model.MaxGroupBackendServersPerCall {
		o.BatchSize = model.MaxGroupBackendServersPerCall
	}
	return o
}

// backoff is the delay after n failures in a row (n >= 1).
func (o Options) backoff(n int) time.Duration {
	d := o.BaseDelay
	for i := 1; i < n && d < o.MaxDelay; i++ {
		d *= 2
	}
	return min(d, o.MaxDelay)
}

// retryableCodes are the codes worth another attempt: busy, configuring,
// throttling and server-side failures, and a listener still starting
// (Operation.Deny) or stopping (ServiceIsStopping).
var retryableCodes = []model.Code{
	"ServiceUnavailable", "InternalError", "SystemBusy", "OperationBusy", "SlbIsBusy",
	"ServiceIsConfiguring", "BackendServer.configuring", "BackendServerProcessing",
	"Operation.Deny", "ServiceIsStopping", "OperationFailed.TokenIsProcessing",
}

// IsRetryable reports whether err is worth another attempt: one of the
// retryable codes, any Throttling code, any 5xx, or a transport error (a
// dropped connection, fake.ErrConnectionDropped), which may or may not have
// reached the service. A canceled or expired context is not, nor is an
// error of this package (ErrInvalidService, ErrAmbiguous,
// ErrRetriesExhausted).
func IsRetryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, ErrInvalidService) || errors.Is(err, ErrAmbiguous) || errors.Is(err, ErrRetriesExhausted) {
		return false
	}
	if errors.Is(err, errNotYet) {
		return true
	}
	var apiErr *model.Error
	if !errors.As(err, &apiErr) {
		return true // transport: the call may or may not have been applied
	}
	return slices.Contains(retryableCodes, apiErr.Code) || strings.HasPrefix(string(apiErr.Code), "Throttling") || apiErr.HTTPStatus >= 500
}

// errNotYet is the "failure" of a pass that found the world in a transient
// state it has to wait out (a listener starting or stopping).
var errNotYet = errors.New("not ready yet")
