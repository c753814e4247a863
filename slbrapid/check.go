package slbrapid

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"pgregory.net/rapid"
)

// Epoch is where every Scenario's VirtualClock starts.
var Epoch = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

// Scenario is one drawn run: a world built in a fresh fake seeded with Seed on
// a VirtualClock at Epoch, with the fault plan applied after the world was
// built.
type Scenario struct {
	Seed   uint64
	World  WorldSpec
	Built  *Built
	Faults FaultPlan
	Fake   *fake.Fake
	Clock  *fake.VirtualClock
	// Client is Fake.Client(): the default account.
	Client *fake.Client
	// ConfiguringWindow is the fake's (Config.ConfiguringWindow); the clock
	// was advanced past the windows Build opened.
	ConfiguringWindow time.Duration
}

// Config says what CheckWith draws. The zero value is what Check uses.
type Config struct {
	// World bounds the world (zero: DefaultWorldConfig). With a
	// ConfiguringWindow, Draw sets World.SingleBackendChange.
	World WorldConfig
	// Actions are the actions fault rules target (nil: DefaultActions).
	Actions []string
	// Faults bounds the fault plans; NoFaults draws none.
	Faults   FaultConfig
	NoFaults bool
	// ConfiguringWindow starts the fake with WithConfiguringWindow.
	ConfiguringWindow time.Duration
}

// Check runs prop over drawn scenarios with Config{}: see CheckWith.
func Check(t *testing.T, prop func(t *rapid.T, s *Scenario)) {
	t.Helper()
	CheckWith(t, Config{}, prop)
}

// CheckWith runs prop with rapid.Check over scenarios drawn per cfg: a seed,
// a world, a fault plan. Before prop runs it logs the scenario as a Go test
// (Scenario.Replay); after, even when prop fails or panics, it logs the calls
// the fake recorded. rapid prints the logs of the minimal failing case only,
// after shrinking: read the "func TestReplay" block, paste it, put the body of
// the property where it says so, and it replays the failure.
func CheckWith(t *testing.T, cfg Config, prop func(t *rapid.T, s *Scenario)) {
	t.Helper()
	rapid.Check(t, Property(cfg, prop))
}

// Property returns the rapid property CheckWith runs, for use with
// rapid.Check, rapid.MakeCheck or rapid.MakeFuzz directly.
func Property(cfg Config, prop func(t *rapid.T, s *Scenario)) func(*rapid.T) {
	return func(t *rapid.T) {
		s := Draw(t, cfg)
		t.Logf("slbrapid scenario (seed %d, %d fault rules); replay it with:\n%s", s.Seed, len(s.Faults), s.Replay())
		defer func() { t.Logf("slbrapid calls of this run:\n%s", CallLog(s.Fake)) }()
		prop(t, s)
	}
}

// Draw draws and builds one scenario; CheckWith uses it, and so can a
// property that wants its own harness.
func Draw(t *rapid.T, cfg Config) *Scenario {
	wc := cfg.World
	if cfg.ConfiguringWindow > 0 {
		wc.SingleBackendChange = true // a second backend change of an LB would meet the window
	}
	worlds := WorldWith(wc)
	actions := cfg.Actions
	if actions == nil {
		actions = DefaultActions
	}
	s := &Scenario{ConfiguringWindow: cfg.ConfiguringWindow}
	s.Seed = rapid.Uint64().Draw(t, "seed")
	s.World = worlds.Draw(t, "world")
	if !cfg.NoFaults {
		fc := cfg.Faults
		if fc.ResourceIds == nil {
			fc.ResourceIds = s.World.resourceIds()
		}
		s.Faults = Faults(actions, fc).Draw(t, "faults")
	}
	if err := s.build(); err != nil {
		t.Fatalf("%v", err)
	}
	if drawn != nil {
		drawn(s)
	}
	return s
}

// build makes the scenario's fake from its seed, world, window and plan, as
// Snippet prints it.
func (s *Scenario) build() error {
	s.Clock = fake.NewVirtualClock(Epoch)
	opts := []fake.Option{fake.WithSeed(s.Seed), fake.WithClock(s.Clock)}
	if s.World.BackendQuota > 0 {
		opts = append(opts, fake.WithBackendQuota(s.World.BackendQuota))
	}
	if s.ConfiguringWindow > 0 {
		opts = append(opts, fake.WithConfiguringWindow(s.ConfiguringWindow))
	}
	s.Fake = fake.New(opts...)
	b, err := s.World.Build(s.Fake)
	if err != nil {
		return fmt.Errorf("slbrapid: world does not build (a bug in slbrapid): %w\n%s", err, s.World.GoString())
	}
	s.Built = b
	if s.ConfiguringWindow > 0 && s.World.hasBackends() {
		s.Clock.Advance(s.ConfiguringWindow)
	}
	if err := s.Faults.Apply(s.Fake); err != nil {
		return fmt.Errorf("slbrapid: fault plan refused (a bug in slbrapid): %w\n%s", err, s.Faults.GoString())
	}
	s.Client = s.Fake.Client()
	return nil
}

// drawn, when a test sets it (export_test.go), sees every scenario Draw
// builds, before the property runs.
var drawn func(*Scenario)

// resourceIds are the IDs fault rules may narrow to: the LBs and instances.
func (w WorldSpec) resourceIds() []string {
	ids := []string{}
	for _, lb := range w.LoadBalancers {
		ids = append(ids, lb.Id)
	}
	for _, in := range w.Instances {
		ids = append(ids, in.Id)
	}
	return ids
}

// hasBackends reports whether Build makes a backend change, which opens a
// configuring window: backends or vServer group members.
func (w WorldSpec) hasBackends() bool {
	for _, lb := range w.LoadBalancers {
		if len(lb.Backends) > 0 || lb.memberCount() > 0 {
			return true
		}
	}
	return false
}

// Snippet returns Go statements that rebuild the scenario's fake, f (with
// clock, its VirtualClock): the options, the world, the fault plan. They
// need the imports context, time, fake and model.
func (s *Scenario) Snippet() string {
	var b strings.Builder
	fmt.Fprintf(&b, "clock := fake.NewVirtualClock(time.Date(%d, time.%s, %d, %d, %d, %d, %d, time.UTC))\n",
		Epoch.Year(), Epoch.Month(), Epoch.Day(), Epoch.Hour(), Epoch.Minute(), Epoch.Second(), Epoch.Nanosecond())
	opts := []string{fmt.Sprintf("fake.WithSeed(%d)", s.Seed), "fake.WithClock(clock)"}
	if s.World.BackendQuota > 0 {
		opts = append(opts, fmt.Sprintf("fake.WithBackendQuota(%d)", s.World.BackendQuota))
	}
	if s.ConfiguringWindow > 0 {
		opts = append(opts, "fake.WithConfiguringWindow("+durationGo(s.ConfiguringWindow, "")+")")
	}
	fmt.Fprintf(&b, "f := fake.New(%s)\n", strings.Join(opts, ", "))
	world := s.World.buildGo()
	b.WriteString(world)
	if s.ConfiguringWindow > 0 && s.World.hasBackends() {
		fmt.Fprintf(&b, "clock.Advance(%s)\n", durationGo(s.ConfiguringWindow, ""))
	}
	switch {
	case len(s.Faults) == 0:
	case world == "":
		fmt.Fprintf(&b, "if err := f.SetFaults(%s); err != nil {\n\tpanic(err)\n}\n", s.Faults.rulesGo("\t"))
	default:
		fmt.Fprintf(&b, "must(nil, f.SetFaults(%s))\n", s.Faults.rulesGo(""))
	}
	return b.String()
}

// Replay returns a whole Go test that rebuilds the scenario, for pasting into
// a _test.go file of a package that imports context, testing, time,
// github.com/slbfake/slbfake/fake and github.com/slbfake/slbfake/model. The
// property's body goes where the comment says.
func (s *Scenario) Replay() string {
	var b strings.Builder
	b.WriteString("func TestReplay(t *testing.T) {\n")
	for _, line := range strings.Split(strings.TrimRight(s.Snippet(), "\n"), "\n") {
		if line == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString("\t" + line + "\n")
	}
	b.WriteString("\tc := f.Client()\n")
	b.WriteString("\t// The code under test and the property's checks go here, on c and f.\n")
	b.WriteString("\t_, _ = t, c\n")
	b.WriteString("}\n")
	return b.String()
}

// CallLog renders f's recorded calls, one a line: sequence number, action,
// outcome (OK or the error code, applied or not, dropped) and the fault
// rule that decided it.
func CallLog(f *fake.Fake) string {
	calls := f.Calls()
	if len(calls) == 0 {
		return "  (no calls)\n"
	}
	var b strings.Builder
	for _, c := range calls {
		outcome := "OK"
		switch {
		case c.Dropped:
			outcome = "connection dropped after commit"
		case c.Code != "":
			outcome = string(c.Code)
			if c.Applied {
				outcome += " (after commit: the change was applied)"
			}
		}
		fmt.Fprintf(&b, "  #%d %s -> %s", c.Seq, c.Action, outcome)
		if c.Fault != "" {
			fmt.Fprintf(&b, " [fault: %s]", c.Fault)
		}
		b.WriteString("\n")
	}
	return b.String()
}
