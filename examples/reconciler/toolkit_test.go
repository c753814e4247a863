package reconciler_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/examples/reconciler"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/slbfake/slbfake/slbrapid"
	"pgregory.net/rapid"
)

// toolkitConfig is what the slbrapid properties draw: worlds with at least
// one LB and one instance (classic and VPC instances in every status, LBs of
// every kind, locked ones, a small backend quota), fault plans over the four
// calls the reconcilers make (any retryable code, before or after the change,
// dropped connections, latency, throttling, and rules that never stop), and
// a configuring window.
var toolkitConfig = slbrapid.Config{
	World:             slbrapid.WorldConfig{MinLBs: 1, MinInstances: 1},
	Actions:           []string{"AddBackendServers", "DescribeLoadBalancerAttribute", "RemoveBackendServers", "SetBackendServers"},
	ConfiguringWindow: time.Second,
}

// TestReconcileToolkitProperty holds Reconcile to toolkitProperty over
// slbrapid's worlds and fault plans.
func TestReconcileToolkitProperty(t *testing.T) {
	slbrapid.CheckWith(t, toolkitConfig, toolkitProperty(toolkitConfig, toolkitOptions.Reconcile))
}

// toolkitOptions: the default attempts, a quick backoff.
var toolkitOptions = reconciler.Options{BaseDelay: 100 * time.Millisecond, MaxDelay: 2 * time.Second}

// toolkitProperty holds a reconciler to the property in an slbrapid
// scenario: it draws an LB of the world and a desired set of its instances,
// runs the reconciler under the scenario's faults, and compares with an
// oracle, the same reconciler run in the same world without faults:
//
//  1. A nil return means DescribeLoadBalancerAttribute shows exactly the
//     desired servers and weights.
//  2. An error is either ErrRetriesExhausted, after at least MaxAttempts
//     failed calls, or a non-retryable one whose cause is the world: the
//     oracle fails with the same code (a Stopped instance: ObtainIpFail; the
//     network type: InvalidParameter; the quota; a locked LB).
//  3. No call is refused as InvalidParameter that the oracle does not get
//     too: faults never make the reconciler send a change twice.
func toolkitProperty(cfg slbrapid.Config, rec reconcilerFunc) func(*rapid.T, *slbrapid.Scenario) {
	return func(t *rapid.T, s *slbrapid.Scenario) {
		lb := rapid.SampledFrom(s.Built.LoadBalancers).Draw(t, "lb")
		// The desired servers: any instances (Stopped ones, other networks,
		// more than the quota: the world refuses them), or Running ones only
		// (more often attachable).
		pool := s.Built.Instances
		if rapid.Bool().Draw(t, "runningOnly") {
			pool = s.Built.RunningInstances
		}
		mask := rapid.SliceOfN(rapid.Bool(), len(pool), len(pool)).Draw(t, "desiredMask")
		desired := map[string]int{}
		for i, id := range pool {
			if mask[i] {
				desired[id] = rapid.SampledFrom(weights).Draw(t, "weight")
			}
		}
		t.Logf("reconcile %s to desired = %s", lb, mapGo(desired))

		err := rec(context.Background(), s.Client, reconciler.VirtualSleeper{Clock: s.Clock}, lb, s.Built.Region, desired)
		t.Logf("reconciler returned: %v", err)

		// The oracle: the same world, no faults.
		clock := fake.NewVirtualClock(slbrapid.Epoch)
		f, _ := s.World.NewFake(fake.WithSeed(s.Seed), fake.WithClock(clock), fake.WithConfiguringWindow(cfg.ConfiguringWindow))
		clock.Advance(cfg.ConfiguringWindow)
		oracleErr := rec(context.Background(), f.Client(), reconciler.VirtualSleeper{Clock: clock}, lb, s.Built.Region, desired)

		switch {
		case err == nil:
			s.Fake.ClearFaults()
			attr, derr := s.Client.DescribeLoadBalancerAttribute(context.Background(), describeReq(s.Built.Region, lb))
			if derr != nil {
				t.Fatalf("DescribeLoadBalancerAttribute: %v", derr)
			}
			got := map[string]int{}
			for _, b := range attr.BackendServers.BackendServer {
				got[b.ServerId] = b.Weight
			}
			if !maps.Equal(got, desired) {
				t.Fatalf("returned nil, but the LB has %v", got)
			}
		case errors.Is(err, reconciler.ErrRetriesExhausted):
			if n := failedCalls(s.Fake); n < 8 {
				t.Fatalf("gave up after %d failed calls", n)
			}
		case reconciler.IsRetryable(err):
			t.Fatalf("gave up on a retryable error without exhausting the retries: %v", err)
		case apiCode(err) != apiCode(oracleErr):
			t.Fatalf("failed with %v; without faults it returns %v", err, oracleErr)
		}
		if refused, want := invalidCalls(s.Fake), invalidCalls(f); refused > want {
			t.Fatalf("%d calls refused as InvalidParameter; without faults, %d", refused, want)
		}
	}
}

func describeReq(region, lb string) *model.DescribeLoadBalancerAttributeRequest {
	return &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: lb}
}

// failedCalls counts the recorded calls that failed or lost their answer.
func failedCalls(f *fake.Fake) int {
	n := 0
	for _, c := range f.Calls() {
		if c.Code != "" || c.Dropped {
			n++
		}
	}
	return n
}

// invalidCalls counts the calls the service refused as InvalidParameter.
func invalidCalls(f *fake.Fake) int {
	n := 0
	for _, c := range f.Calls() {
		if c.Code == "InvalidParameter" {
			n++
		}
	}
	return n
}

// mapGo renders a desired set as a Go map literal, sorted.
func mapGo(m map[string]int) string {
	var parts []string
	for _, id := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%q: %d", id, m[id]))
	}
	return "map[string]int{" + strings.Join(parts, ", ") + "}"
}
