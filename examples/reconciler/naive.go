package reconciler

import (
	"context"
	"fmt"

	"github.com/slbfake/slbfake/model"
)

// ReconcileNaive is Reconcile as it is usually first written, with the
// default Options. See Options.ReconcileNaive.
func ReconcileNaive(ctx context.Context, api BackendAPI, clock Sleeper, lbID, region string, desired map[string]int) error {
	return Options{}.ReconcileNaive(ctx, api, clock, lbID, region, desired)
}

// ReconcileNaive reads the LB once, diffs, and sends the same calls as
// Reconcile, each wrapped in a retry loop that sends the same request again
// after a retryable error, with the same backoff and the same bound.
//
// BUG (kept on purpose, it is this example's point): a retryable error is
// taken to mean "not applied". When the change took effect and only the
// answer was lost (an InternalError after commit, a dropped connection), the
// retried AddBackendServers names servers that are now attached; the service
// refuses it with InvalidParameter "The specified BackendServers is
// invalid.", which is not retryable, and ReconcileNaive gives up with it,
// although the LB is as desired. Retrying Remove and Set is harmless (they
// are idempotent), so only Add shows it. Terraform's resource.Retry wrappers
// and most hand-written controllers have this shape.
func (o Options) ReconcileNaive(ctx context.Context, api BackendAPI, clock Sleeper, lbID, region string, desired map[string]int) error {
	o = o.withDefaults()
	if err := validateDesired(desired); err != nil {
		return err
	}
	var current *model.DescribeLoadBalancerAttributeResponse
	err := o.retrySame(ctx, clock, "DescribeLoadBalancerAttribute", func() (err error) {
		current, err = api.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: lbID})
		return err
	})
	if err != nil {
		return err
	}
	plan := Diff(current.BackendServers.BackendServer, desired, o.BatchSize)
	steps := plan.steps(api)
	for i, s := range steps {
		req := s.request(lbID, region)
		if err := o.retrySame(ctx, clock, s.name(i, len(steps)), func() error {
			_, err := s.call(ctx, req)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// retrySame calls call until it succeeds, fails with a non-retryable error,
// or has failed MaxAttempts times.
func (o Options) retrySame(ctx context.Context, clock Sleeper, op string, call func() error) error {
	for n := 1; ; n++ {
		err := call()
		if err == nil {
			return nil
		}
		if !IsRetryable(err) {
			return fmt.Errorf("%s: %w", op, err)
		}
		if n >= o.MaxAttempts {
			return fmt.Errorf("%s: %w after %d failed attempts: %w", op, ErrRetriesExhausted, n, err)
		}
		if err := clock.Sleep(ctx, o.backoff(n)); err != nil {
			return err
		}
	}
}
