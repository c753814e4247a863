package fake_test

import (
	"flag"
	"sort"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"pgregory.net/rapid"
)

// smReachGaps are the actions the walk may call without ever succeeding
// (none today: a drawer that only builds refused requests is a gap to close,
// not a rule).
var smReachGaps = map[string]bool{}

// TestStateMachineReachesSuccess guards TestStateMachine against comparing
// only refusals: over rapid's draws from a fixed seed, every action the walk
// calls succeeds at least once (a drawer that always built a bad request
// would pass the fake-against-model comparison with both refusing).
func TestStateMachineReachesSuccess(t *testing.T) {
	for name, value := range map[string]string{"rapid.seed": "20240101", "rapid.checks": "200"} {
		fl := flag.Lookup(name)
		if fl == nil {
			t.Fatalf("no flag %s", name)
		}
		old := fl.Value.String()
		if err := flag.Set(name, value); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = flag.Set(name, old) })
	}
	called, succeeded := map[string]int{}, map[string]int{}
	rapid.Check(t, func(rt *rapid.T) {
		w := newSmWorld(t, rt)
		w.bootstrap(rt)
		w.drawFaults(rt)
		actions := w.actions()
		for name, act := range actions {
			actions[name] = func(rt *rapid.T) {
				before := len(w.f.Calls())
				last := fake.CallRecord{}
				if before > 0 {
					last = w.f.Calls()[before-1]
				}
				act(rt)
				calls := w.f.Calls()
				if len(calls) == 0 || calls[len(calls)-1].Seq == last.Seq {
					return // no call made (a check, a fixture or a skip)
				}
				c := calls[len(calls)-1]
				called[c.Action]++
				if c.Code == "" && c.Fault == "" {
					succeeded[c.Action]++
				}
			}
		}
		rt.Repeat(actions)
	})
	var never []string
	for a := range called {
		if succeeded[a] == 0 && !smReachGaps[a] {
			never = append(never, a)
		}
	}
	sort.Strings(never)
	if len(never) > 0 {
		t.Errorf("never succeeded over %v calls: %v", called, never)
	}
	t.Logf("calls per action: %v", called)
}
