package engine

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// Config configures a Store. The zero value of each field has a default.
type Config struct {
	// IDs draws resource IDs and random choices; default: seed 0.
	IDs *model.IDSource
	// Now is the clock; default: time.Now.
	Now func() time.Time
	// BackendQuota is the most backends one LB may have; default 200.
	BackendQuota int
	// Lifecycle are the durations of the instances' transitional statuses;
	// default zero: none is ever seen.
	Lifecycle model.LifecycleDurations
	// ConfiguringWindow is how long an LB stays "configuring" after a backend
	// change; default zero: never.
	ConfiguringWindow time.Duration
}

// Store is the fake world. It is safe for concurrent use: memdb serialises
// writers and gives readers immutable snapshots.
//
// A Store value is a view of the world: Tracked returns another view of the
// same world that also reports what each committed call changed.
type Store struct {
	*world
	// changes, when not nil, receives the changes of every committed write.
	changes *[]Change
}

// world is what every view of one Store shares.
type world struct {
	// db is swapped whole by Restore.
	db    atomic.Pointer[memdb.MemDB]
	ids   *model.IDSource
	now   func() time.Time
	quota int
	life  model.LifecycleDurations
	// configuring is Config.ConfiguringWindow.
	configuring time.Duration
	// seq numbers created resources so that lists come out in creation order.
	// It only grows; a failed call may consume numbers, which is harmless.
	seq atomic.Uint64
}

// Change is one row a call created, updated or deleted: Before is nil for a
// created row, After for a deleted one. Both point to stored records, which
// are never changed in place: read them, do not modify them.
type Change struct {
	Table  string
	Before any
	After  any
}

// Tracked returns a view of the same world whose writes append their
// committed changes to *changes. Give each call its own slice: a view is not
// meant to be shared between goroutines.
func (s *Store) Tracked(changes *[]Change) *Store {
	return &Store{world: s.world, changes: changes}
}

// New returns a Store holding the region catalogue and nothing else.
func New(cfg Config) (*Store, error) {
	if cfg.IDs == nil {
		cfg.IDs = model.NewIDSource(0)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.BackendQuota <= 0 {
		cfg.BackendQuota = model.DefaultBackendQuota
	}
	db, err := memdb.NewMemDB(stateSchema())
	if err != nil {
		return nil, fmt.Errorf("engine: schema: %w", err)
	}
	s := &Store{world: &world{ids: cfg.IDs, now: cfg.Now, quota: cfg.BackendQuota, life: cfg.Lifecycle, configuring: cfg.ConfiguringWindow}}
	s.db.Store(db)
	txn := db.Txn(true)
	defer txn.Abort()
	for _, r := range model.Regions() {
		if err := txn.Insert(tableRegions, &r); err != nil {
			return nil, fmt.Errorf("engine: region catalogue: %w", err)
		}
	}
	txn.Commit()
	return s, nil
}

// BackendQuota returns the per-LB backend quota.
func (s *Store) BackendQuota() int { return s.quota }

// write runs fn in one write transaction and commits only if fn returns nil.
// fn must not commit or abort.
func (s *Store) write(fn func(txn *memdb.Txn) *model.Error) *model.Error {
	txn := s.db.Load().Txn(true)
	defer txn.Abort()
	if s.changes != nil {
		txn.TrackChanges()
	}
	if e := fn(txn); e != nil {
		return e
	}
	for _, c := range txn.Changes() {
		*s.changes = append(*s.changes, Change{Table: c.Table, Before: c.Before, After: c.After})
	}
	txn.Commit()
	return nil
}

// fixture runs fn in one write transaction, through write, and commits only
// if fn returns nil. It is the transaction of the fixtures, whose failures
// are ordinary Go errors, not API errors: fn's error is returned as it is.
// fn must not commit or abort.
func (s *Store) fixture(fn func(txn *memdb.Txn) error) error {
	var err error
	s.write(func(txn *memdb.Txn) *model.Error {
		if err = fn(txn); err != nil {
			return errAbortFixture
		}
		return nil
	})
	return err
}

// errAbortFixture only tells write to abort a fixture's transaction; it never
// leaves fixture.
var errAbortFixture = new(model.Error)

// read runs fn on a read transaction: a consistent snapshot.
func (s *Store) read(fn func(txn *memdb.Txn) *model.Error) *model.Error {
	return fn(s.db.Load().Txn(false))
}

// newIDTxn draws a fresh ID for table, drawing again in the (unlikely) case
// that it is taken.
func (s *Store) newIDTxn(txn *memdb.Txn, table, prefix, regionCode string) string {
	for {
		id := s.ids.NewID(prefix, regionCode)
		if first(txn, table, indexID, id) == nil {
			return id
		}
	}
}

func (s *Store) nextSeq() uint64 { return s.seq.Add(1) }

// statusOf is the status an instance shows now.
func (s *Store) statusOf(inst *model.Instance) model.InstanceStatus {
	return inst.StatusAt(s.now(), s.life)
}

// insert stores obj; memdb only fails on schema misuse, a bug of the engine.
func insert(txn *memdb.Txn, table string, obj interface{}) {
	if err := txn.Insert(table, obj); err != nil {
		panic(fmt.Sprintf("engine: insert into %s: %v", table, err))
	}
}

// remove deletes obj; see insert.
func remove(txn *memdb.Txn, table string, obj interface{}) {
	if err := txn.Delete(table, obj); err != nil {
		panic(fmt.Sprintf("engine: delete from %s: %v", table, err))
	}
}

// first returns the object index finds for args, or nil.
func first(txn *memdb.Txn, table, index string, args ...interface{}) interface{} {
	obj, err := txn.First(table, index, args...)
	if err != nil {
		panic(fmt.Sprintf("engine: lookup %s.%s: %v", table, index, err))
	}
	return obj
}

// all returns every object index finds for args, in index order.
func all[T any](txn *memdb.Txn, table, index string, args ...interface{}) []*T {
	it, err := txn.Get(table, index, args...)
	if err != nil {
		panic(fmt.Sprintf("engine: list %s.%s: %v", table, index, err))
	}
	var out []*T
	for obj := it.Next(); obj != nil; obj = it.Next() {
		out = append(out, obj.(*T))
	}
	return out
}
