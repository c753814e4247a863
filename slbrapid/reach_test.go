package slbrapid_test

import (
	"flag"
	"testing"

	"github.com/slbfake/slbfake/slbrapid"
)

// TestExampleReachesTheCodeUnderTest measures how often ExampleCheck's
// property gets past its "nothing to do in this world" return and calls
// ensureBackends (which always makes a call, so a scenario whose fake
// recorded a call reached it), over rapid's 100 draws from a fixed seed. The
// generators draw worlds where the property has something to do at least
// half of the time; the property itself is the README's, unchanged.
func TestExampleReachesTheCodeUnderTest(t *testing.T) {
	for name, value := range map[string]string{"rapid.seed": "20240101", "rapid.checks": "100"} {
		old := flag.Lookup(name).Value.String()
		if err := flag.Set(name, value); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = flag.Set(name, old) })
	}
	var scenarios []*slbrapid.Scenario
	restore := slbrapid.OnDraw(func(s *slbrapid.Scenario) { scenarios = append(scenarios, s) })
	defer restore()

	ExampleCheck()
	exampleCheckTest(t)

	reached := 0
	for _, s := range scenarios {
		if len(s.Fake.Calls()) > 0 {
			reached++
		}
	}
	t.Logf("the property reached ensureBackends in %d of %d scenarios", reached, len(scenarios))
	if len(scenarios) < 100 || 2*reached < len(scenarios) {
		t.Fatalf("the property reached ensureBackends in %d of %d scenarios; want at least half of at least 100", reached, len(scenarios))
	}
}
