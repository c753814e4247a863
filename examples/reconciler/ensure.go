package reconciler

import (
	"context"
	"fmt"

	"github.com/slbfake/slbfake/model"
)

// CreateAPI is the call EnsureLoadBalancer makes. *fake.Client satisfies it.
type CreateAPI interface {
	CreateLoadBalancer(context.Context, *model.CreateLoadBalancerRequest) (*model.CreateLoadBalancerResponse, error)
}

// EnsureLoadBalancer creates the load balancer req describes, under the
// ClientToken token, and returns it. Unlike Reconcile it reads nothing before
// a retry: after a retryable failure (IsRetryable: a busy or server-side
// code, a dropped connection) it backs off and sends the very same request
// again, as Terraform's alicloud_slb_load_balancer does.
//
// That blind retry is safe only because of the token. A failure may come
// after the LB was created (an AfterCommit fault, a lost answer); without a
// token the retry would create a second LB. With it, the service answers the
// retry with the first call's result, the same LoadBalancerId, and creates
// nothing (README, fidelity table, "ClientToken"). The token must be the same
// across the retries of one intent and new for another: derive it from the
// intent (a resource name, a change ID), at most 64 ASCII characters.
//
// It returns ErrRetriesExhausted after MaxAttempts failures, and a
// non-retryable error at once.
func (o Options) EnsureLoadBalancer(ctx context.Context, api CreateAPI, clock Sleeper, req model.CreateLoadBalancerRequest, token string) (*model.CreateLoadBalancerResponse, error) {
	o = o.withDefaults()
	req.ClientToken = token
	var resp *model.CreateLoadBalancerResponse
	err := o.retrySame(ctx, clock, "CreateLoadBalancer", func() error {
		var err error
		resp, err = api.CreateLoadBalancer(ctx, &req)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("ensure load balancer %q: %w", req.LoadBalancerName, err)
	}
	return resp, nil
}

// EnsureLoadBalancer is Options.EnsureLoadBalancer with the default Options.
func EnsureLoadBalancer(ctx context.Context, api CreateAPI, clock Sleeper, req model.CreateLoadBalancerRequest, token string) (*model.CreateLoadBalancerResponse, error) {
	return Options{}.EnsureLoadBalancer(ctx, api, clock, req, token)
}
