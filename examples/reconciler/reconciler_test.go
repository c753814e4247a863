package reconciler_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/examples/reconciler"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// propertyOptions give the reconcilers more attempts than the drawn fault
// plans can use up: a rule fires at most 3 times in a row, a plan has at most
// 3 rules, a configuring window or a throttle is waited out in a few
// backoffs. So in a valid world, giving up is a bug too.
var propertyOptions = reconciler.Options{MaxAttempts: 25, BaseDelay: 100 * time.Millisecond, MaxDelay: 2 * time.Second}

// reconcileProperty is the property both variants are held to, in a drawn
// world (up to maxServers instances, a configuring window, a fault plan of
// failures before and after the change, dropped connections, throttling and
// latency, all of them retryable):
//
//  1. When the reconciler returns nil, DescribeLoadBalancerAttribute shows
//     exactly the desired servers with the desired weights.
//  2. It returns an error only for a non-retryable cause of the world (a
//     desired server that is Stopped and not attached: ObtainIpFail) or
//     after exhausting its retries, and with these options never the latter.
//  3. It never has a call refused as invalid (InvalidParameter: a server
//     already attached, a weight set on a server not attached), and it never
//     attaches a server twice: no double-applied change.
func reconcileProperty(rec reconcilerFunc, maxServers int) func(*rapid.T) {
	return func(t *rapid.T) {
		w := drawWorld(t, maxServers)
		t.Logf("world: %d instances, configuring window %v; faults: %s", len(w.servers), w.window, goString(w.faults))
		err := w.run(rec)
		t.Logf("reconciler returned: %v", err)
		t.Logf("calls:\n%s", trace(w.f))
		checkOutcome(t, w, err)
		checkNoDoubleApply(t, w)
	}
}

func checkOutcome(t *rapid.T, w *world, err error) {
	switch {
	case err == nil && w.refused():
		t.Fatalf("returned nil, but a desired server is Stopped and not attached")
	case err == nil:
		got, derr := w.backends()
		if derr != nil {
			t.Fatalf("DescribeLoadBalancerAttribute: %v", derr)
		}
		if !maps.Equal(got, w.desired) {
			t.Fatalf("returned nil, but the LB has %v, want %v", got, w.desired)
		}
	case errors.Is(err, reconciler.ErrRetriesExhausted):
		t.Fatalf("gave up although every fault of the plan is bounded: %v", err)
	case apiCode(err) == "ObtainIpFail" && w.refused():
		// The world's fault: a desired server that cannot be attached.
	default:
		t.Fatalf("returned an error with no non-retryable cause in the world: %v", err)
	}
}

func checkNoDoubleApply(t *rapid.T, w *world) {
	if err := doubleApplied(w.f); err != nil {
		t.Fatal(err)
	}
}

// doubleApplied returns an error for the first call refused as invalid, or
// the first server attached by two applied calls.
func doubleApplied(f *fake.Fake) error {
	added := map[string]uint64{}
	for _, c := range f.Calls() {
		if c.Code == "InvalidParameter" {
			return fmt.Errorf("call #%d %s was refused as invalid: %s", c.Seq, c.Action, c.Message)
		}
		if c.Action != "AddBackendServers" || !c.Applied {
			continue
		}
		specs, _ := model.ParseBackendServers(c.Request.(*model.AddBackendServersRequest).BackendServers)
		for _, s := range specs {
			if seq, twice := added[s.ServerId]; twice {
				return fmt.Errorf("%s attached twice: calls #%d and #%d", s.ServerId, seq, c.Seq)
			}
			added[s.ServerId] = c.Seq
		}
	}
	return nil
}

// TestReconcileProperty holds Reconcile to the property over random worlds
// and fault plans.
func TestReconcileProperty(t *testing.T) {
	rapid.Check(t, reconcileProperty(propertyOptions.Reconcile, 45))
}

// TestReconcileAfterCommitEverywhere runs Reconcile where every change is
// applied and then reported failed, or its connection dropped: it must
// converge by reading, never by repeating.
func TestReconcileAfterCommitEverywhere(t *testing.T) {
	specs := make([]serverSpec, 30)
	for i := range specs {
		specs[i] = serverSpec{Attached: i%3 == 0, Weight: 100, Desired: i%2 == 0, DesiredWeight: 50}
	}
	w, err := newWorld(specs, time.Second,
		fake.FaultRule{Name: "add-after-commit", Action: "AddBackendServers", AfterCommit: true},
		fake.FaultRule{Name: "remove-drop", Action: "RemoveBackendServers", AfterCommit: true, DropConnection: true},
		fake.FaultRule{Name: "set-after-commit", Action: "SetBackendServers", AfterCommit: true, ErrorCode: "ServiceUnavailable"},
	)
	require.NoError(t, err)
	require.NoError(t, w.run(reconciler.Reconcile), trace(w.f))
	got, err := w.backends()
	require.NoError(t, err)
	require.Equal(t, w.desired, got)
	require.NoError(t, doubleApplied(w.f), trace(w.f))
	// Every change that took effect was reported failed, and none was sent
	// again: one applied call per batch of the first diff.
	applied := 0
	for _, c := range w.f.Calls() {
		if c.Applied {
			applied++
			require.NotEmpty(t, string(c.Code)+fmt.Sprint(c.Dropped), "every change is reported failed")
		}
	}
	require.Equal(t, 3, applied, trace(w.f)) // remove 5 (dropped), add 10, set 5: one call each
}

// TestReconcileGivesUp: a failure that never ends is retried MaxAttempts
// times with exponential backoff on the virtual clock, then reported.
func TestReconcileGivesUp(t *testing.T) {
	w, err := newWorld([]serverSpec{{Desired: true, DesiredWeight: 100}}, 0,
		fake.FaultRule{Action: "AddBackendServers", ErrorCode: "SystemBusy"})
	require.NoError(t, err)
	opts := reconciler.Options{MaxAttempts: 5, BaseDelay: time.Second, MaxDelay: 4 * time.Second}
	err = opts.Reconcile(context.Background(), w.f.Client(), reconciler.VirtualSleeper{Clock: w.clock}, w.lbID, region, w.desired)
	require.ErrorIs(t, err, reconciler.ErrRetriesExhausted)
	require.Equal(t, "SystemBusy", apiCode(err))
	require.Len(t, w.f.CallsOf("AddBackendServers"), 5)
	// 1s + 2s + 4s + 4s between the five attempts.
	require.Equal(t, 11*time.Second, w.clock.Now().Sub(start))
}

// TestReconcileStopsOnNonRetryable: a desired server that is Stopped is
// refused with ObtainIpFail, which no retry can fix: one attempt.
func TestReconcileStopsOnNonRetryable(t *testing.T) {
	w, err := newWorld([]serverSpec{{Desired: true, DesiredWeight: 100}, {Desired: true, Stopped: true, DesiredWeight: 100}}, 0)
	require.NoError(t, err)
	err = w.run(reconciler.Reconcile)
	require.Equal(t, "ObtainIpFail", apiCode(err), "%v", err)
	require.False(t, reconciler.IsRetryable(err))
	require.Len(t, w.f.CallsOf("AddBackendServers"), 1)
	require.Equal(t, start, w.clock.Now(), "no backoff")
}

// TestReconcileContext: a canceled context ends the reconciler.
func TestReconcileContext(t *testing.T) {
	w, err := newWorld([]serverSpec{{Desired: true, DesiredWeight: 100}}, 0)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = reconciler.Reconcile(ctx, w.f.Client(), reconciler.VirtualSleeper{Clock: w.clock}, w.lbID, region, w.desired)
	require.ErrorIs(t, err, context.Canceled)
}

// TestReconcileInvalidDesired: a weight out of range is refused before any call.
func TestReconcileInvalidDesired(t *testing.T) {
	w, err := newWorld(nil, 0)
	require.NoError(t, err)
	w.desired = map[string]int{"i-x": 101}
	require.ErrorIs(t, w.run(reconciler.Reconcile), reconciler.ErrInvalidDesired)
	require.ErrorIs(t, w.run(reconciler.ReconcileNaive), reconciler.ErrInvalidDesired)
	require.Empty(t, w.f.Calls())
}

func TestIsRetryable(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{model.ErrThrottlingUser(), true},
		{&model.Error{HTTPStatus: 400, Code: "Throttling.Api"}, true},
		{model.ErrServiceUnavailable(), true},
		{model.ErrInternalError(), true},
		{model.ErrSystemBusy(), true},
		{model.ErrOperationBusy(), true},
		{model.ErrServiceIsConfiguring(), true},
		{model.ErrBackendServerConfiguring(), true},
		{fake.ErrConnectionDropped, true},
		{fmt.Errorf("post: %w", errors.New("connection reset by peer")), true},
		{model.ErrBackendServersInvalid(), false},
		{model.ErrObtainIpFail(), false},
		{model.ErrBackendServerQuota(), false},
		{model.ErrLoadBalancerNotFound(), false},
		{context.Canceled, false},
		{fmt.Errorf("x: %w", context.DeadlineExceeded), false},
	} {
		require.Equal(t, tc.want, reconciler.IsRetryable(tc.err), "%v", tc.err)
	}
}

func TestSleepers(t *testing.T) {
	ctx := context.Background()
	begin := time.Now()
	require.NoError(t, reconciler.RealSleeper{}.Sleep(ctx, 5*time.Millisecond))
	require.GreaterOrEqual(t, time.Since(begin), 5*time.Millisecond)
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	require.ErrorIs(t, reconciler.RealSleeper{}.Sleep(canceled, time.Hour), context.Canceled)

	clock := fake.NewVirtualClock(start)
	require.NoError(t, reconciler.VirtualSleeper{Clock: clock}.Sleep(ctx, time.Minute))
	require.Equal(t, start.Add(time.Minute), clock.Now())
	require.ErrorIs(t, reconciler.VirtualSleeper{Clock: clock}.Sleep(canceled, time.Minute), context.Canceled)
}

// view is a backend as DescribeLoadBalancerAttribute lists it.
func view(id string, weight int) model.BackendServerView {
	return model.BackendServerView{ServerId: id, Weight: weight, Type: "ecs"}
}

func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%03d", prefix, i)
	}
	return out
}

func sizes(batches [][]reconciler.Server) []int {
	out := []int{}
	for _, b := range batches {
		out = append(out, len(b))
	}
	return out
}

func TestDiff(t *testing.T) {
	desiredOf := func(ids []string, w int) map[string]int {
		m := map[string]int{}
		for _, id := range ids {
			m[id] = w
		}
		return m
	}
	viewsOf := func(ids []string, w int) []model.BackendServerView {
		var out []model.BackendServerView
		for _, id := range ids {
			out = append(out, view(id, w))
		}
		return out
	}
	for _, tc := range []struct {
		name             string
		current          []model.BackendServerView
		desired          map[string]int
		remove, add, set []int
	}{
		{"nothing", nil, nil, []int{}, []int{}, []int{}},
		{"in sync", viewsOf(ids("i-a", 3), 100), desiredOf(ids("i-a", 3), 100), []int{}, []int{}, []int{}},
		{"45 to add: 3 batches", nil, desiredOf(ids("i-a", 45), 100), []int{}, []int{20, 20, 5}, []int{}},
		{"40 to add: 2 batches, no empty third (Terraform's len/20+1)", nil, desiredOf(ids("i-a", 40), 100), []int{}, []int{20, 20}, []int{}},
		{"21 to remove", viewsOf(ids("i-a", 21), 100), nil, []int{20, 1}, []int{}, []int{}},
		{"weights differ", viewsOf(ids("i-a", 25), 100), desiredOf(ids("i-a", 25), 0), []int{}, []int{}, []int{20, 5}},
		{"all three", append(viewsOf(ids("i-a", 10), 100), viewsOf(ids("i-b", 5), 100)...),
			maps.Collect(func(yield func(string, int) bool) {
				maps.All(desiredOf(ids("i-a", 10), 50))(yield)
				maps.All(desiredOf(ids("i-c", 22), 100))(yield)
			}), []int{5}, []int{20, 2}, []int{10}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := reconciler.Diff(tc.current, tc.desired, 0)
			require.Equal(t, tc.remove, sizes(p.Remove), "remove")
			require.Equal(t, tc.add, sizes(p.Add), "add")
			require.Equal(t, tc.set, sizes(p.Set), "set")
		})
	}
}

func TestDiffDetails(t *testing.T) {
	current := []model.BackendServerView{
		view("i-b", 100),
		{ServerId: "eni-1", Type: "eni", ServerIp: "10.1.0.9", Weight: 100},
		view("i-a", 10),
	}
	p := reconciler.Diff(current, map[string]int{"i-a": 20, "i-c": 0, "eni-1": 100}, 0)
	// An eni backend is removed by ServerId and ServerIp, even when its ID
	// is desired: the desired set is ECS instances.
	require.Equal(t, [][]reconciler.Server{{{ServerId: "eni-1", Type: "eni", ServerIp: "10.1.0.9"}, {ServerId: "i-b", Type: "ecs"}}}, p.Remove)
	require.Equal(t, [][]reconciler.Server{{{ServerId: "eni-1", Type: "ecs", Weight: 100}, {ServerId: "i-c", Type: "ecs", Weight: 0}}}, p.Add)
	require.Equal(t, [][]reconciler.Server{{{ServerId: "i-a", Type: "ecs", Weight: 20}}}, p.Set)
	require.Equal(t, 5, p.Size())
	require.Equal(t, 3, p.Calls())
	// Batch size is capped at the API's 20.
	require.Equal(t, []int{7, 7, 7, 1}, sizes(reconciler.Diff(nil, map[string]int{
		"1": 1, "2": 1, "3": 1, "4": 1, "5": 1, "6": 1, "7": 1, "8": 1, "9": 1, "10": 1, "11": 1,
		"12": 1, "13": 1, "14": 1, "15": 1, "16": 1, "17": 1, "18": 1, "19": 1, "20": 1, "21": 1, "22": 1,
	}, 7).Add))
	require.Len(t, reconciler.Diff(nil, map[string]int{"a": 1}, 500).Add, 1)
}

// TestReconcileBatches runs the diff against the fake: the calls Reconcile
// sends, batch by batch.
func TestReconcileBatches(t *testing.T) {
	for _, tc := range []struct {
		name                     string
		attached, desired, reset int // the first attached servers; then desired ones; of those, reweighted
		removes, adds, sets      []int
	}{
		{"45 new servers: 3 add batches", 0, 45, 0, nil, []int{20, 20, 5}, nil},
		{"250 new servers, quota 300: 13 add batches", 0, 250, 0, nil, repeat(20, 12, 10), nil},
		{"30 attached, 10 of them kept with a new weight, 25 new", 30, 35, 10, []int{20}, []int{20, 5}, []int{10}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Servers 0..attached-1 are attached; the last `desired` ones of
			// 0..max are desired; the first `reset` desired ones that are
			// attached get weight 50.
			total := max(tc.attached, tc.desired)
			if tc.attached > 0 && tc.desired > 0 {
				total = tc.attached + tc.desired - tc.reset
			}
			specs := make([]serverSpec, total)
			for i := range specs {
				specs[i] = serverSpec{Attached: i < tc.attached, Weight: 100, Desired: i >= total-tc.desired, DesiredWeight: 100}
				if specs[i].Attached && specs[i].Desired {
					specs[i].DesiredWeight = 50
				}
			}
			w, err := newWorld(specs, 0)
			require.NoError(t, err)
			require.NoError(t, w.run(reconciler.Reconcile))
			require.Equal(t, fmt.Sprint(tc.removes), fmt.Sprint(batchSizes(w.f, "RemoveBackendServers")), "removes")
			require.Equal(t, fmt.Sprint(tc.adds), fmt.Sprint(batchSizes(w.f, "AddBackendServers")), "adds")
			require.Equal(t, fmt.Sprint(tc.sets), fmt.Sprint(batchSizes(w.f, "SetBackendServers")), "sets")
			// One read to diff, one to confirm.
			require.Len(t, w.f.CallsOf("DescribeLoadBalancerAttribute"), 2)
			got, err := w.backends()
			require.NoError(t, err)
			require.Equal(t, w.desired, got)
		})
	}
}

func repeat(n, times, last int) []int {
	var out []int
	for range times {
		out = append(out, n)
	}
	return append(out, last)
}

// batchSizes lists the number of servers of each recorded call of action.
func batchSizes(f *fake.Fake, action string) []int {
	var out []int
	for _, c := range f.CallsOf(action) {
		specs, e := model.ParseBackendServers(c.Request.(*model.AddBackendServersRequest).BackendServers)
		if e != nil {
			panic(e)
		}
		out = append(out, len(specs))
	}
	return out
}

// TestReconcileQuota: the quota is not retryable; Reconcile reports it.
func TestReconcileQuota(t *testing.T) {
	specs := make([]serverSpec, 45)
	for i := range specs {
		specs[i] = serverSpec{Desired: true, DesiredWeight: 100}
	}
	w := &world{clock: fake.NewVirtualClock(start), specs: specs}
	w.f = fake.New(fake.WithClock(w.clock), fake.WithBackendQuota(30))
	require.NoError(t, w.build())
	err := w.run(reconciler.Reconcile)
	require.Equal(t, "InstanceBackendServerNumberOverLimit", apiCode(err), "%v", err)
	require.True(t, strings.HasPrefix(err.Error(), "AddBackendServers (call 2 of 3, 20 servers)"), err.Error())
}

// meddler is a BackendAPI whose every successful AddBackendServers is
// undone at once by someone else: the LB never stays as desired.
type meddler struct{ *fake.Client }

func (m meddler) AddBackendServers(ctx context.Context, req *model.AddBackendServersRequest) (*model.AddBackendServersResponse, error) {
	resp, err := m.Client.AddBackendServers(ctx, req)
	if err == nil {
		_, err = m.Client.RemoveBackendServers(ctx, req)
	}
	return resp, err
}

// TestReconcileKeepsChanging: when someone else undoes every change,
// Reconcile gives up after MaxAttempts full passes; with one attempt and no
// meddling, one pass and its confirming read suffice.
func TestReconcileKeepsChanging(t *testing.T) {
	w, err := newWorld([]serverSpec{{Desired: true, DesiredWeight: 100}}, 0)
	require.NoError(t, err)
	err = reconciler.Options{MaxAttempts: 3}.Reconcile(context.Background(), meddler{w.f.Client()}, reconciler.VirtualSleeper{Clock: w.clock}, w.lbID, region, w.desired)
	require.ErrorIs(t, err, reconciler.ErrRetriesExhausted)
	require.Len(t, w.f.CallsOf("AddBackendServers"), 3)

	w, err = newWorld([]serverSpec{{Desired: true, DesiredWeight: 100}}, 0)
	require.NoError(t, err)
	err = reconciler.Options{MaxAttempts: 1}.Reconcile(context.Background(), w.f.Client(), reconciler.VirtualSleeper{Clock: w.clock}, w.lbID, region, w.desired)
	require.NoError(t, err)
	require.Len(t, w.f.Calls(), 3) // describe, add, describe
}
