package reconciler_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/examples/reconciler"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/slbfake/slbfake/slbrapid"
	"github.com/stretchr/testify/require"
)

// naiveEnv, set to 1, makes TestNaiveReconcilerBugIsFound run the property
// itself, in the subprocess its outer run starts.
const naiveEnv = "SLBFAKE_NAIVE"

// naiveConfig is toolkitConfig with smaller worlds (quicker to shrink) and
// no configuring window (whose refusals would lengthen the shrunk run).
var naiveConfig = slbrapid.Config{
	World:   slbrapid.WorldConfig{MinLBs: 1, MinInstances: 1, MaxVpcs: 1, MaxInstances: 4, MaxENIs: 1, MaxLoadBalancers: 2},
	Actions: toolkitConfig.Actions,
	// Failures and dropped connections only: the rules that make a
	// difference here, so that a few hundred checks find the bug.
	Faults: slbrapid.FaultConfig{NoLatency: true, NoThrottle: true, NoProbability: true},
}

// TestNaiveReconcilerBugIsFound shows the toolkit finding the naive
// variant's bug and shrinking it. The property run over the naive reconciler
// fails, and a failing rapid.Check fails its test: so the test runs itself
// in a subprocess (this test binary, with naiveEnv=1, a fixed -rapid.seed,
// at most 200 checks, no fail file) and asserts that the subprocess failed
// and printed a minimal scenario: one fault rule, AfterCommit on
// AddBackendServers, and a handful of calls ending in the already-attached
// InvalidParameter. Run with -v to see what rapid printed.
func TestNaiveReconcilerBugIsFound(t *testing.T) {
	if os.Getenv(naiveEnv) == "1" {
		slbrapid.CheckWith(t, naiveConfig, toolkitProperty(naiveConfig, toolkitOptions.ReconcileNaive))
		return
	}
	if testing.Short() {
		t.Skip("runs the property in a subprocess")
	}
	// A fixed seed makes the run reproducible; should a change of slbrapid's
	// generators make 200 checks of one seed miss the bug, the next seeds
	// are tried: the bug is found in about one scenario in a hundred.
	// Shrinking gets up to a minute: under -race on a busy machine ten
	// seconds once stopped it at four calls instead of three. It stops as
	// soon as the run is minimal, so a quick machine spends seconds.
	var output string
	for seed := 1; seed <= 5 && output == ""; seed++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestNaiveReconcilerBugIsFound$",
			fmt.Sprintf("-rapid.seed=%d", seed), "-rapid.checks=200", "-rapid.nofailfile", "-rapid.shrinktime=60s")
		cmd.Env = append(os.Environ(), naiveEnv+"=1")
		begin := time.Now()
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			output = string(out)
			t.Logf("with -rapid.seed=%d the subprocess failed in %v, as it should; rapid printed:\n%s", seed, time.Since(begin).Round(time.Millisecond), output)
		} else {
			require.NoError(t, err, "running the subprocess")
			t.Logf("-rapid.seed=%d: 200 checks did not find the bug", seed)
		}
	}
	require.NotEmpty(t, output, "the property must fail on the naive reconciler")

	// rapid found the bug...
	require.Contains(t, output, "[rapid] failed after")
	require.Contains(t, output, "AfterCommit: true", "the minimal plan has a failure after commit")
	require.Contains(t, output, `Action: "AddBackendServers"`)
	require.Contains(t, output, "InvalidParameter")
	require.Contains(t, output, "The specified BackendServers is invalid.")
	// ...and shrank it: one fault rule, a few calls.
	require.Contains(t, output, "slbrapid scenario (seed 0,")
	calls := output[strings.Index(output, "slbrapid calls of this run:"):]
	n := len(regexp.MustCompile(`(?m)^\s+#\d+ `).FindAllString(calls, -1))
	require.LessOrEqual(t, n, 3, "the shrunk run makes a few calls:\n%s", calls)
}

// Example_afterCommit replays the scenario the toolkit shrinks the naive
// reconciler's bug to: one Running instance to attach to an empty load
// balancer, and the first AddBackendServers applied and then answered with
// InternalError. The naive reconciler retries the same add and stops on the
// already-attached InvalidParameter, though the LB is as desired; Reconcile
// re-reads the LB, sees the change took effect, and returns nil.
func Example_afterCommit() {
	for _, variant := range []struct {
		name      string
		reconcile reconcilerFunc
	}{
		{"ReconcileNaive", reconciler.ReconcileNaive},
		{"Reconcile", reconciler.Reconcile},
	} {
		clock := fake.NewVirtualClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
		f := fake.New(fake.WithSeed(1), fake.WithClock(clock), fake.WithFaults(fake.FaultRule{
			Name: "first add fails after commit", Action: "AddBackendServers", First: 1, AfterCommit: true,
		}))
		if _, err := f.PutInstance(model.Instance{InstanceId: "i-bp1web0000000000001", RegionId: region}); err != nil {
			panic(err)
		}
		if _, err := f.PutLoadBalancer(model.LoadBalancer{LoadBalancerId: "lb-bp1example000000001", RegionId: region}); err != nil {
			panic(err)
		}

		err := variant.reconcile(context.Background(), f.Client(), reconciler.VirtualSleeper{Clock: clock},
			"lb-bp1example000000001", region, map[string]int{"i-bp1web0000000000001": 100})

		fmt.Printf("%s returned: %s\n", variant.name, describe(err))
		for _, c := range f.Calls() {
			outcome := "OK"
			if c.Code != "" {
				outcome = string(c.Code)
			}
			if c.Applied {
				outcome += ", applied"
			}
			if c.Fault != "" {
				outcome += " [" + c.Fault + "]"
			}
			fmt.Printf("  #%d %s -> %s\n", c.Seq, c.Action, outcome)
		}
		fmt.Println("  backends:", f.State().Backends[0].ServerId, f.State().Backends[0].Weight)
	}
	// Output:
	// ReconcileNaive returned: AddBackendServers (call 1 of 1, 1 servers): InvalidParameter "The specified BackendServers is invalid."
	//   #1 DescribeLoadBalancerAttribute -> OK
	//   #2 AddBackendServers -> InternalError, applied [first add fails after commit]
	//   #3 AddBackendServers -> InvalidParameter
	//   backends: i-bp1web0000000000001 100
	// Reconcile returned: <nil>
	//   #1 DescribeLoadBalancerAttribute -> OK
	//   #2 AddBackendServers -> InternalError, applied [first add fails after commit]
	//   #3 DescribeLoadBalancerAttribute -> OK
	//   backends: i-bp1web0000000000001 100
}

// describe renders an error as its call and code, without the RequestId.
func describe(err error) string {
	var apiErr *model.Error
	if !errors.As(err, &apiErr) {
		return fmt.Sprint(err)
	}
	op, _, _ := strings.Cut(err.Error(), ": SDK.ServerError")
	return fmt.Sprintf("%s: %s %q", op, apiErr.Code, apiErr.Message)
}
