package engine

import "github.com/hashicorp/go-memdb"

// Snapshot is a frozen copy of the whole world. Taking one is O(1): memdb's
// trees are persistent, so the snapshot and the live world share every row
// until one of them changes.
type Snapshot struct {
	db  *memdb.MemDB
	seq uint64
}

// Snapshot returns a frozen copy of the world as it is now.
func (s *Store) Snapshot() *Snapshot {
	return &Snapshot{db: s.db.Load().Snapshot(), seq: s.seq.Load()}
}

// Restore puts the world back to snap; snap may come from another
// Store (that is how a world is forked). snap stays usable: it can be
// restored again, anywhere. IDs keep coming from this Store's own source.
// A write in flight finishes first, in the world being replaced (install):
// its changes are not in the restored world.
func (s *Store) Restore(snap *Snapshot) {
	s.install(snap.db.Snapshot(), snap.seq)
}
