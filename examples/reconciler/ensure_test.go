package reconciler_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/slbfake/slbfake/examples/reconciler"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/slbfake/slbfake/slbrapid"
	"pgregory.net/rapid"
)

// Example_ensureLoadBalancer shows the blind retry of a create that is safe
// because of its ClientToken. The first CreateLoadBalancer creates the LB and
// is then answered with ServiceUnavailable (a failure after the change took
// effect); EnsureLoadBalancer sends the same request again. Without a token
// the retry creates a second LB; with one, the service answers the first
// LB's ID and creates nothing.
func Example_ensureLoadBalancer() {
	for _, token := range []string{"", "web-lb-2026-01"} {
		clock := fake.NewVirtualClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
		f := fake.New(fake.WithSeed(1), fake.WithClock(clock), fake.WithFaults(fake.FaultRule{
			Name: "first create fails after commit", Action: "CreateLoadBalancer", First: 1, AfterCommit: true, ErrorCode: "ServiceUnavailable",
		}))
		lb, err := reconciler.EnsureLoadBalancer(context.Background(), f.Client(), reconciler.VirtualSleeper{Clock: clock},
			model.CreateLoadBalancerRequest{RegionId: region, LoadBalancerName: "web"}, token)
		if err != nil {
			panic(err)
		}
		fmt.Printf("ClientToken %q: got %s; the world holds %d LBs\n", token, lb.LoadBalancerId, len(f.State().LoadBalancers))
		for _, c := range f.Calls() {
			outcome := "OK"
			if c.Code != "" {
				outcome = string(c.Code)
			}
			if c.Applied {
				outcome += ", applied"
			}
			fmt.Printf("  #%d %s -> %s\n", c.Seq, c.Action, outcome)
		}
	}
	// Output:
	// ClientToken "": got lb-bp1ez34i9gdm34bqxg9be; the world holds 2 LBs
	//   #1 CreateLoadBalancer -> ServiceUnavailable, applied
	//   #2 CreateLoadBalancer -> OK, applied
	// ClientToken "web-lb-2026-01": got lb-bp1o5w6nnwijlo5ov2kir; the world holds 1 LBs
	//   #1 CreateLoadBalancer -> ServiceUnavailable, applied
	//   #2 CreateLoadBalancer -> OK
}

// TestEnsureLoadBalancerToolkitProperty holds EnsureLoadBalancer to its
// promise over slbrapid's fault plans on the create calls (failures before
// and after the change, dropped connections, throttling, latency, rules that
// never stop): whatever it returns, the world holds at most one LB of its
// request, and exactly the one it returned when it returns one.
func TestEnsureLoadBalancerToolkitProperty(t *testing.T) {
	cfg := slbrapid.Config{Actions: slbrapid.CreateActions, World: slbrapid.WorldConfig{MaxLoadBalancers: 1}}
	slbrapid.CheckWith(t, cfg, func(t *rapid.T, s *slbrapid.Scenario) {
		req := model.CreateLoadBalancerRequest{RegionId: region, LoadBalancerName: "ensured"}
		if rapid.Bool().Draw(t, "intranet") && len(s.Built.VSwitches) > 0 {
			req.VSwitchId = rapid.SampledFrom(s.Built.VSwitches).Draw(t, "vswitch")
		}
		lb, err := toolkitOptions.EnsureLoadBalancer(context.Background(), s.Client, reconciler.VirtualSleeper{Clock: s.Clock}, req, "ensure-1")
		var ours []string
		for _, l := range s.Fake.State().LoadBalancers {
			if l.LoadBalancerName == "ensured" {
				ours = append(ours, l.LoadBalancerId)
			}
		}
		if len(ours) > 1 {
			t.Fatalf("EnsureLoadBalancer created %d LBs: %v", len(ours), ours)
		}
		switch {
		case err == nil:
			if len(ours) != 1 || ours[0] != lb.LoadBalancerId {
				t.Fatalf("EnsureLoadBalancer returned %s; the world holds %v", lb.LoadBalancerId, ours)
			}
		case !errors.Is(err, reconciler.ErrRetriesExhausted):
			t.Fatalf("EnsureLoadBalancer gave up on a retryable plan: %v", err)
		}
	})
}
