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
	// dry, when not nil, makes the view a dry run's (see dryRun): it draws
	// no ID, no random choice and no sequence number from the world.
	dry *dryDraws
}

// dryDraws numbers the placeholder IDs of one dry run.
type dryDraws struct{ n int }

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
	// version counts the changes of the world: every committed write that
	// changed a row, every Load and every Restore.
	version atomic.Uint64
}

// Version returns the world's change counter: it moves with every committed
// write that changed a row, every Load and every Restore, and with nothing
// else. Equal versions of one Store mean an unchanged world; a reader that
// saw version v and reads v again has nothing new to save.
func (s *Store) Version() uint64 { return s.version.Load() }

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
	db, err := newDB()
	if err != nil {
		return nil, err
	}
	s := &Store{world: &world{ids: cfg.IDs, now: cfg.Now, quota: cfg.BackendQuota, life: cfg.Lifecycle, configuring: cfg.ConfiguringWindow}}
	s.db.Store(db)
	return s, nil
}

// newDB returns a database holding the region catalogue and nothing else.
// It is a snapshot of the database it filled: memdb tracks what a write
// transaction mutates, to wake watchers, only in the database a snapshot
// was taken of, and the engine watches nothing, so that no write of the
// world pays for it (as no database Load or Restore installs does).
func newDB() (*memdb.MemDB, error) {
	db, err := memdb.NewMemDB(stateSchema())
	if err != nil {
		return nil, fmt.Errorf("engine: schema: %w", err)
	}
	txn := db.Txn(true)
	defer txn.Abort()
	for _, r := range model.Regions() {
		if err := txn.Insert(tableRegions, &r); err != nil {
			return nil, fmt.Errorf("engine: region catalogue: %w", err)
		}
	}
	txn.Commit()
	return db.Snapshot(), nil
}

// writeTxn opens a write transaction on the world's current database. It
// holds that database's writer lock, and the database is still the world's
// once the lock is held: a swap (install) waits for the lock too, so a write
// lands either in the world before the swap or in the one after it, never in
// a database that was already replaced.
func (s *Store) writeTxn() *memdb.Txn {
	for {
		db := s.db.Load()
		txn := db.Txn(true)
		if s.db.Load() == db {
			return txn
		}
		txn.Abort()
	}
}

// install makes db, which no one else holds, the world's database, once the
// write in flight (if any) has committed (writeTxn); then it counts the
// change (Version) and moves the sequence past seq, so that new resources
// sort after the installed ones.
func (s *Store) install(db *memdb.MemDB, seq uint64) {
	txn := s.writeTxn()
	s.db.Store(db)
	txn.Abort()
	s.version.Add(1)
	for cur := s.seq.Load(); cur < seq && !s.seq.CompareAndSwap(cur, seq); cur = s.seq.Load() {
	}
}

// BackendQuota returns the per-LB backend quota.
func (s *Store) BackendQuota() int { return s.quota }

// write runs fn in one write transaction and commits only if fn returns nil.
// fn must not commit or abort.
func (s *Store) write(fn func(txn *memdb.Txn) *model.Error) *model.Error {
	txn := s.writeTxn()
	defer txn.Abort()
	// Changes are always tracked: they tell whether the world changed, for
	// Version, as well as what changed, for a Tracked view. The derived
	// tables follow them (paging.go) and are left out of them.
	txn.TrackChanges()
	if e := fn(txn); e != nil {
		return e
	}
	changes := derivedChangesTxn(txn, txn.Changes())
	if s.changes != nil {
		for _, c := range changes {
			*s.changes = append(*s.changes, Change{Table: c.Table, Before: c.Before, After: c.After})
		}
	}
	txn.Commit()
	if len(changes) > 0 {
		s.version.Add(1)
	}
	return nil
}

// writeOrDryRun runs fn in one write transaction (write), or, when dry, as a
// dry run (dryRun). fn gets the view to call the engine on.
func (s *Store) writeOrDryRun(dry bool, fn func(s *Store, txn *memdb.Txn) *model.Error) *model.Error {
	if dry {
		return s.dryRun(fn)
	}
	return s.write(func(txn *memdb.Txn) *model.Error { return fn(s, txn) })
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
		id := s.newID(prefix, regionCode)
		if first(txn, table, indexID, id) == nil {
			return id
		}
	}
}

// newID draws an ID from the world's seeded source; a dry run's view makes
// a placeholder instead, so that a dry run leaves the source where it was.
func (s *Store) newID(prefix, regionCode string) string {
	if s.dry != nil {
		s.dry.n++
		return fmt.Sprintf("%s%sdryrun%d", prefix, regionCode, s.dry.n)
	}
	return s.ids.NewID(prefix, regionCode)
}

// pick draws a number in [0, n) from the world's seeded source; a dry run's
// view answers 0 and draws nothing.
func (s *Store) pick(n int) int {
	if s.dry != nil {
		return 0
	}
	return s.ids.Pick(n)
}

// nextSeq numbers a created resource; a dry run's view takes no number.
func (s *Store) nextSeq() uint64 {
	if s.dry != nil {
		return 0
	}
	return s.seq.Add(1)
}

// dryRun runs fn, the checks and changes of one call, in a write
// transaction that is always aborted, on a view of the world that draws no
// ID (dryDraws): a dry run changes nothing, records no change and leaves the
// seeded source where it was (only the call's RequestId is drawn, as for
// every call). It answers fn's error, the one the real call would get, or
// DryRunOperation when the call would have succeeded (DOC: the ECS
// reference pages of RunInstances, CreateInstance, StartInstance,
// StopInstance, DeleteInstance; VPC's CreateVpc).
func (s *Store) dryRun(fn func(ds *Store, txn *memdb.Txn) *model.Error) *model.Error {
	ds := &Store{world: s.world, dry: &dryDraws{}}
	txn := s.db.Load().Txn(true)
	defer txn.Abort()
	if e := fn(ds, txn); e != nil {
		return e
	}
	return model.ErrDryRunOperation()
}

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
