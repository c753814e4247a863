package reconciler_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/slbfake/slbfake/examples/reconciler"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"pgregory.net/rapid"
)

// region is where every test world lives.
const region = "cn-hangzhou"

// start is the virtual clock's reading when a world is built.
var start = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// serverSpec is one ECS instance of a drawn world and what the test wants
// of it.
type serverSpec struct {
	// Stopped: the instance is Stopped (after being attached, if Attached).
	Stopped bool
	// Attached, with Weight: a backend of the LB when the reconciler starts.
	Attached bool
	Weight   int
	// Desired, with DesiredWeight: in the desired set.
	Desired       bool
	DesiredWeight int
}

// weights are the weights drawn: few, so that equal weights (nothing to
// set) are common; 100 first, the value rapid shrinks to.
var weights = []int{100, 50, 0}

func serverGen() *rapid.Generator[serverSpec] {
	return rapid.Custom(func(t *rapid.T) serverSpec {
		return serverSpec{
			Stopped:       rapid.IntRange(0, 7).Draw(t, "stopped") == 7, // one in eight
			Attached:      rapid.Bool().Draw(t, "attached"),
			Weight:        rapid.SampledFrom(weights).Draw(t, "weight"),
			Desired:       rapid.IntRange(0, 3).Draw(t, "desired") > 0, // three in four
			DesiredWeight: rapid.SampledFrom(weights).Draw(t, "desiredWeight"),
		}
	})
}

// faultKinds are the kinds of fault a drawn rule has, simplest first (rapid
// shrinks towards the first).
var faultKinds = []string{"before", "after-commit", "drop", "throttle", "latency"}

// faultActions are the actions a drawn rule targets; "" is every action.
var faultActions = []string{"", "DescribeLoadBalancerAttribute", "AddBackendServers", "RemoveBackendServers", "SetBackendServers"}

// retryableCodes are the error codes a drawn rule answers with: all
// retryable, so that every failure of a valid world is worth retrying.
var retryableCodes = []model.Code{"InternalError", "ServiceUnavailable", "SystemBusy", "OperationBusy", "ServiceIsConfiguring", "BackendServer.configuring", "Throttling.User"}

// faultRuleGen draws one rule. Every rule fires a bounded number of times in
// a row (First 1..3; Every 0 or 2), and a throttle refills, so that a
// reconciler with enough attempts always gets through.
func faultRuleGen() *rapid.Generator[fake.FaultRule] {
	return rapid.Custom(func(t *rapid.T) fake.FaultRule {
		r := fake.FaultRule{
			Action: rapid.SampledFrom(faultActions).Draw(t, "action"),
			First:  rapid.IntRange(1, 3).Draw(t, "first"),
			After:  rapid.IntRange(0, 3).Draw(t, "after"),
			Every:  rapid.SampledFrom([]int{0, 2}).Draw(t, "every"),
		}
		switch kind := rapid.SampledFrom(faultKinds).Draw(t, "kind"); kind {
		case "before":
			r.ErrorCode = rapid.SampledFrom(retryableCodes).Draw(t, "code")
		case "after-commit":
			r.AfterCommit = true
			r.ErrorCode = rapid.SampledFrom(retryableCodes).Draw(t, "code")
		case "drop":
			r.AfterCommit, r.DropConnection = true, true
		case "throttle":
			r.First, r.After, r.Every = 0, 0, 0
			r.Throttle = &fake.TokenBucket{
				Burst: rapid.IntRange(1, 3).Draw(t, "burst"),
				Rate:  rapid.SampledFrom([]float64{1, 0.5, 5}).Draw(t, "rate"),
			}
		case "latency":
			r.Latency = fake.Duration(rapid.SampledFrom([]time.Duration{time.Second, 100 * time.Millisecond}).Draw(t, "latency"))
		}
		r.Name = fmt.Sprintf("%s %s", kindOf(r), or(r.Action, "any"))
		return r
	})
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func kindOf(r fake.FaultRule) string {
	switch {
	case r.Throttle != nil:
		return "throttle"
	case r.DropConnection:
		return "drop"
	case r.AfterCommit:
		return "after-commit"
	case r.ErrorCode != "":
		return "before"
	default:
		return "latency"
	}
}

// world is a fake with one intranet VPC load balancer, drawn instances, some
// of them attached, a desired set and a fault plan (installed after the
// world was built: the setup calls are not faulted, nor recorded).
type world struct {
	f       *fake.Fake
	clock   *fake.VirtualClock
	lbID    string
	servers []string // instance IDs, in the order of specs
	specs   []serverSpec
	desired map[string]int
	faults  []fake.FaultRule
	window  time.Duration
}

// drawWorld draws and builds a world of up to maxServers instances.
func drawWorld(t *rapid.T, maxServers int) *world {
	w := &world{
		clock:  fake.NewVirtualClock(start),
		window: rapid.SampledFrom([]time.Duration{0, 2 * time.Second, 500 * time.Millisecond}).Draw(t, "configuringWindow"),
	}
	seed := rapid.Uint64Range(0, 1<<16).Draw(t, "seed")
	w.specs = rapid.SliceOfN(serverGen(), 0, maxServers).Draw(t, "servers")
	w.faults = rapid.SliceOfN(faultRuleGen(), 0, 3).Draw(t, "faults")
	w.f = fake.New(fake.WithSeed(seed), fake.WithClock(w.clock), fake.WithConfiguringWindow(w.window), fake.WithBackendQuota(300))
	if err := w.build(); err != nil {
		t.Fatalf("building the world: %v", err)
	}
	return w
}

// newWorld builds a world from given specs and faults (for table tests and
// examples).
func newWorld(specs []serverSpec, window time.Duration, faults ...fake.FaultRule) (*world, error) {
	w := &world{clock: fake.NewVirtualClock(start), specs: specs, faults: faults, window: window}
	w.f = fake.New(fake.WithSeed(1), fake.WithClock(w.clock), fake.WithConfiguringWindow(window), fake.WithBackendQuota(300))
	return w, w.build()
}

func (w *world) build() error {
	ctx := context.Background()
	vpc, err := w.f.PutVpc(model.Vpc{RegionId: region, CidrBlock: "10.0.0.0/8"})
	if err != nil {
		return err
	}
	vsw, err := w.f.PutVSwitch(model.VSwitch{RegionId: region, VpcId: vpc.VpcId, CidrBlock: "10.1.0.0/16"})
	if err != nil {
		return err
	}
	lb, err := w.f.PutLoadBalancer(model.LoadBalancer{RegionId: region, VSwitchId: vsw.VSwitchId})
	if err != nil {
		return err
	}
	w.lbID = lb.LoadBalancerId
	w.desired = map[string]int{}
	var attach []reconciler.Server
	for _, s := range w.specs {
		inst, err := w.f.PutInstance(model.Instance{RegionId: region, VSwitchId: vsw.VSwitchId})
		if err != nil {
			return err
		}
		w.servers = append(w.servers, inst.InstanceId)
		if s.Attached {
			attach = append(attach, reconciler.Server{ServerId: inst.InstanceId, Type: model.ServerECS, Weight: s.Weight})
		}
		if s.Desired {
			w.desired[inst.InstanceId] = s.DesiredWeight
		}
	}
	for batch := range slices.Chunk(attach, model.MaxBackendServersPerCall) {
		if _, err := w.f.Client().AddBackendServers(ctx, &model.AddBackendServersRequest{
			RegionId: region, LoadBalancerId: w.lbID, BackendServers: encodeServers(batch),
		}); err != nil {
			return err
		}
		w.clock.Advance(w.window)
	}
	for i, s := range w.specs {
		if s.Stopped {
			if err := w.f.ForceInstanceStatus(w.servers[i], model.StatusStopped); err != nil {
				return err
			}
		}
	}
	w.f.ResetCalls()
	return w.f.SetFaults(w.faults...)
}

// encodeServers renders servers as a BackendServers parameter.
func encodeServers(servers []reconciler.Server) string {
	var b strings.Builder
	b.WriteString("[")
	for i, s := range servers {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"ServerId":%q,"Weight":"%d"}`, s.ServerId, s.Weight)
	}
	b.WriteString("]")
	return b.String()
}

// refused reports whether a desired server can never be attached: it is
// Stopped and not attached already (an attached server stays attached when
// it stops, and Set works on it).
func (w *world) refused() bool {
	for _, s := range w.specs {
		if s.Desired && s.Stopped && !s.Attached {
			return true
		}
	}
	return false
}

// reconcilerFunc is the signature both variants share.
type reconcilerFunc func(ctx context.Context, api reconciler.BackendAPI, clock reconciler.Sleeper, lbID, region string, desired map[string]int) error

// run runs rec in the world.
func (w *world) run(rec reconcilerFunc) error {
	return rec(context.Background(), w.f.Client(), reconciler.VirtualSleeper{Clock: w.clock}, w.lbID, region, w.desired)
}

// backends reads the LB's backends with the faults off, as ID -> weight.
func (w *world) backends() (map[string]int, error) {
	saved := w.f.Faults()
	w.f.ClearFaults()
	defer func() { _ = w.f.SetFaults(saved...) }()
	attr, err := w.f.Client().DescribeLoadBalancerAttribute(context.Background(), &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: w.lbID})
	if err != nil {
		return nil, err
	}
	got := map[string]int{}
	for _, b := range attr.BackendServers.BackendServer {
		got[b.ServerId] = b.Weight
	}
	return got, nil
}

// goString renders the fault rules as Go, the fields that are set only.
func goString(rules []fake.FaultRule) string {
	var b strings.Builder
	b.WriteString("[]fake.FaultRule{")
	for i, r := range rules {
		if i > 0 {
			b.WriteString(", ")
		}
		var fields []string
		add := func(format string, args ...any) { fields = append(fields, fmt.Sprintf(format, args...)) }
		if r.Name != "" {
			add("Name: %q", r.Name)
		}
		if r.Action != "" {
			add("Action: %q", r.Action)
		}
		if r.First > 0 {
			add("First: %d", r.First)
		}
		if r.Every > 0 {
			add("Every: %d", r.Every)
		}
		if r.After > 0 {
			add("After: %d", r.After)
		}
		if r.Latency > 0 {
			add("Latency: fake.Duration(%v)", time.Duration(r.Latency))
		}
		if r.ErrorCode != "" {
			add("ErrorCode: %q", r.ErrorCode)
		}
		if r.AfterCommit {
			add("AfterCommit: true")
		}
		if r.DropConnection {
			add("DropConnection: true")
		}
		if r.Throttle != nil {
			add("Throttle: &fake.TokenBucket{Rate: %v, Burst: %d}", r.Throttle.Rate, r.Throttle.Burst)
		}
		b.WriteString("{" + strings.Join(fields, ", ") + "}")
	}
	b.WriteString("}")
	return b.String()
}

// trace renders the recorded calls, one a line: action, servers, outcome,
// the fault rule that decided it and whether it changed the state.
func trace(f *fake.Fake) string {
	var b strings.Builder
	for _, c := range f.Calls() {
		fmt.Fprintf(&b, "  #%d %s", c.Seq, c.Action)
		if req, ok := c.Request.(*model.AddBackendServersRequest); ok {
			fmt.Fprintf(&b, " %s", req.BackendServers)
		}
		switch {
		case c.Dropped:
			b.WriteString(" -> connection dropped")
		case c.Code != "":
			fmt.Fprintf(&b, " -> %d %s %q", c.HTTPStatus, c.Code, c.Message)
		default:
			b.WriteString(" -> OK")
		}
		if c.Fault != "" {
			fmt.Fprintf(&b, " [fault %q]", c.Fault)
		}
		if c.Applied {
			b.WriteString(" (applied)")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// apiCode returns the code of the *model.Error err wraps, or "".
func apiCode(err error) string {
	var apiErr *model.Error
	if errors.As(err, &apiErr) {
		return string(apiErr.Code)
	}
	return ""
}
