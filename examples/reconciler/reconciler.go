// Package reconciler is an example of the code slbfake is for: an
// orchestration routine that brings the default server group of a Classic
// Load Balancer to a desired set of ECS backends, the way Terraform's
// alicloud_slb_backend_server update and the Kubernetes cloud controller
// manager do it (read, diff, then RemoveBackendServers, AddBackendServers and
// SetBackendServers in batches of 20), made correct under failures.
//
// Two variants are here:
//
//   - Reconcile is the correct one. It retries the busy, throttling and
//     server-side codes, and transport errors, with exponential backoff and
//     a bounded number of attempts; and after any failed change it re-reads
//     the load balancer before it tries again, so that a change that took
//     effect although the call failed (an ambiguous failure) is never applied
//     twice, and the "already attached" InvalidParameter never happens.
//   - ReconcileNaive (naive.go) retries the same call after a failure, as
//     most retry wrappers do. It is right as long as a failed call changed
//     nothing, and wrong when the change took effect: then the retried
//     AddBackendServers is refused with InvalidParameter "The specified
//     BackendServers is invalid." and the routine gives up.
//
// The tests drive both against the fake with random worlds and fault plans
// (pgregory.net/rapid); the toolkit finds the naive variant's bug and shrinks
// it to three calls.
package reconciler

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

// BackendAPI is the part of the SLB API the reconcilers call. *fake.Client
// satisfies it; so, by design, does a thin adapter over the real SDK
// (alibaba-cloud-sdk-go's slb.Client), which would copy the request fields
// into slb.CreateAddBackendServersRequest and friends and turn an
// *errors.ServerError into a *model.Error with the same code and status.
// The reconcilers depend on nothing else.
type BackendAPI interface {
	DescribeLoadBalancerAttribute(context.Context, *model.DescribeLoadBalancerAttributeRequest) (*model.DescribeLoadBalancerAttributeResponse, error)
	AddBackendServers(context.Context, *model.AddBackendServersRequest) (*model.AddBackendServersResponse, error)
	RemoveBackendServers(context.Context, *model.RemoveBackendServersRequest) (*model.RemoveBackendServersResponse, error)
	SetBackendServers(context.Context, *model.SetBackendServersRequest) (*model.SetBackendServersResponse, error)
}

var _ BackendAPI = (*fake.Client)(nil)

// Sleeper waits between attempts. Production code uses RealSleeper; tests
// use VirtualSleeper, which moves the fake's VirtualClock instead of waiting,
// so that configuring windows close and throttling buckets refill at once.
type Sleeper interface {
	Sleep(ctx context.Context, d time.Duration) error
}

// RealSleeper sleeps on the wall clock, or until ctx ends.
type RealSleeper struct{}

// Sleep implements Sleeper.
func (RealSleeper) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// VirtualSleeper "sleeps" by advancing a VirtualClock: the fake built
// WithClock(Clock) sees the time pass, nothing waits.
type VirtualSleeper struct {
	Clock *fake.VirtualClock
}

// Sleep implements Sleeper.
func (s VirtualSleeper) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.Clock.Advance(d)
	return nil
}

// ErrRetriesExhausted is wrapped by the error a reconciler returns when it
// gave up after Options.MaxAttempts failed attempts in a row; the last
// failure is wrapped too.
var ErrRetriesExhausted = errors.New("retries exhausted")

// ErrInvalidDesired is wrapped by the error returned for a desired set the
// API could never accept (an empty server ID, a weight outside 0..100).
var ErrInvalidDesired = errors.New("invalid desired backends")

// Options tune a reconciler. The zero value of a field means its default.
type Options struct {
	// MaxAttempts is how many failures in a row are tolerated before giving
	// up: the count restarts whenever the load balancer gets closer to the
	// desired state. Default 8.
	MaxAttempts int
	// BaseDelay is the first backoff; each failure in a row doubles it, up to
	// MaxDelay. Defaults 200ms and 5s.
	BaseDelay, MaxDelay time.Duration
	// BatchSize is the most servers per call. Default and maximum 20
	// (model.MaxBackendServersPerCall).
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
	if o.BatchSize <= 0 || o.BatchSize > model.MaxBackendServersPerCall {
		o.BatchSize = model.MaxBackendServersPerCall
	}
	return o
}

// backoff is the delay before attempt n+1 after n failures in a row (n >= 1).
func (o Options) backoff(n int) time.Duration {
	d := o.BaseDelay
	for i := 1; i < n && d < o.MaxDelay; i++ {
		d *= 2
	}
	return min(d, o.MaxDelay)
}

// Reconcile brings the default server group of load balancer lbID to desired
// (ECS instance ID -> weight), with the default Options. See
// Options.Reconcile.
func Reconcile(ctx context.Context, api BackendAPI, clock Sleeper, lbID, region string, desired map[string]int) error {
	return Options{}.Reconcile(ctx, api, clock, lbID, region, desired)
}

// Reconcile brings the default server group of load balancer lbID to desired
// (ECS instance ID -> weight): it reads the LB with
// DescribeLoadBalancerAttribute, diffs (Diff), then removes the backends not
// desired (ecs or not), adds the desired ones missing and sets the weights
// that differ, each in batches, and reads the LB again to confirm.
//
// A call that fails with a retryable error (IsRetryable) is not simply sent
// again: the failure may have come after the change took effect. Reconcile
// backs off on clock, re-reads the LB and diffs again, so it only ever sends
// what is still missing. It returns nil once a read shows exactly desired; a
// non-retryable error at once, wrapped with the call that got it
// (ObtainIpFail for a desired server that is not Running, the backend quota,
// a locked or unknown LB); and ErrRetriesExhausted after MaxAttempts
// failures in a row without progress.
func (o Options) Reconcile(ctx context.Context, api BackendAPI, clock Sleeper, lbID, region string, desired map[string]int) error {
	o = o.withDefaults()
	if err := validateDesired(desired); err != nil {
		return err
	}
	// failures counts the failed attempts since the LB last got closer to
	// desired; best is the fewest pending changes seen. best only falls and
	// failures restarts only when it does, so the loop ends.
	failures, best := 0, -1
	// passes counts the plans sent in full without an error: the read after
	// one shows the LB as desired, unless someone else changes it too.
	passes := 0
	retry := func(op string, err error) error {
		if !IsRetryable(err) {
			return fmt.Errorf("%s: %w", op, err)
		}
		failures++
		if failures >= o.MaxAttempts {
			return fmt.Errorf("%s: %w after %d failed attempts: %w", op, ErrRetriesExhausted, failures, err)
		}
		return clock.Sleep(ctx, o.backoff(failures))
	}
	for {
		current, err := api.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: lbID})
		if err != nil {
			if err := retry("DescribeLoadBalancerAttribute", err); err != nil {
				return err
			}
			continue
		}
		plan := Diff(current.BackendServers.BackendServer, desired, o.BatchSize)
		if plan.Empty() {
			return nil
		}
		if passes >= o.MaxAttempts {
			return fmt.Errorf("reconcile: %w: the load balancer is still not as desired after %d passes", ErrRetriesExhausted, passes)
		}
		if n := plan.Size(); best < 0 || n < best {
			best, failures = n, 0
		}
		if ce := plan.apply(ctx, api, lbID, region); ce != nil {
			// Whatever failed, the LB is re-read before anything is sent
			// again: the failed call may have taken effect.
			if err := retry(ce.op, ce.err); err != nil {
				return err
			}
			continue
		}
		// Every call succeeded; the next read confirms. Should someone else
		// keep changing the LB, give up after MaxAttempts full passes.
		passes++
	}
}

// retryableCodes are the codes worth another attempt: busy, configuring,
// throttling and server-side failures (the SLB error center and the busy codes real clients retry on).
var retryableCodes = []model.Code{
	"ServiceUnavailable", "InternalError", "SystemBusy", "OperationBusy", "SlbIsBusy",
	"ServiceIsConfiguring", "BackendServer.configuring", "BackendServerProcessing",
}

// IsRetryable reports whether err is worth another attempt: one of the
// retryable codes, any Throttling code, any 5xx, or a transport error (a
// dropped connection, fake.ErrConnectionDropped, a timeout), which may or
// may not have reached the service. A canceled or expired context is not.
func IsRetryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var apiErr *model.Error
	if !errors.As(err, &apiErr) {
		return true // transport: the call may or may not have been applied
	}
	return slices.Contains(retryableCodes, apiErr.Code) || strings.HasPrefix(string(apiErr.Code), "Throttling") || apiErr.HTTPStatus >= 500
}

// validateDesired refuses what no call could ever do.
func validateDesired(desired map[string]int) error {
	for id, w := range desired {
		if strings.TrimSpace(id) == "" || w < 0 || w > model.MaxWeight {
			return fmt.Errorf("%w: server %q weight %d", ErrInvalidDesired, id, w)
		}
	}
	return nil
}
