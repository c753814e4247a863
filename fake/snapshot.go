package fake

import "github.com/slbfake/slbfake/engine"

// Snapshot is a frozen copy of a fake's whole world. Taking one costs O(1)
// (memdb's trees are persistent and shared until changed), so a test can
// take one before every step it wants to branch from.
type Snapshot struct{ s *engine.Snapshot }

// Snapshot returns a frozen copy of the world as it is now. Recorded calls,
// fault rules and the clock are not part of it.
func (f *Fake) Snapshot() *Snapshot { return &Snapshot{s: f.store.Snapshot()} }

// Restore puts the world back to snap (which stays usable). A call running
// while the world is swapped finishes first, in the world being replaced:
// its changes are not in the restored world.
func (f *Fake) Restore(snap *Snapshot) { f.store.Restore(snap.s) }

// Fork returns a new fake, built with opts (its own seed, clock, faults,
// keys), whose world starts as f's is now. The two never affect each other:
// explore "what if this call failed" on the fork, keep going on f.
func (f *Fake) Fork(opts ...Option) *Fake {
	g := New(opts...)
	g.Restore(f.Snapshot())
	return g
}
