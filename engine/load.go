package engine

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/internal/jsontok"
	"github.com/slbfake/slbfake/model"
)

// Load replaces the whole state with st: a State that Dump returned
// (possibly through JSON) comes back exactly. It first checks st against the
// world's invariants (Validate: well-formed and unique IDs, references,
// statuses, addresses, the backend rules and quota), so that a loaded world
// is one the engine could have built. On error (an *InvalidStateError for a
// broken invariant) nothing changes.
//
// The world is built in a database of its own, then put in place of the
// current one at once: a write in flight finishes first, in the world being
// replaced, and every later write lands in the loaded one. Hazard: st's rows
// become the world's rows, which must never be modified: do not change st
// (its slices' elements) after a successful Load.
func (s *Store) Load(st State) error {
	return s.LoadDecoded(s.checkAndBuild(rowsOf(&st)))
}

// stateRows are a State's rows by pointer, in table order: what Validate
// checks and Load stores.
type stateRows struct {
	accounts  []*model.Account
	vpcs      []*model.Vpc
	vswitches []*model.VSwitch
	instances []*model.Instance
	enis      []*model.NetworkInterface
	lbs       []*model.LoadBalancer
	backends  []*model.Backend
	ips       []*IPLease
	tokens    []*ClientTokenRecord
	groups    []*model.VServerGroup
	members   []*model.GroupBackend
	listeners []*model.Listener
	unhealthy []*model.UnhealthyBackend
	tags      []*model.ResourceTag
}

// rowsOf points at st's rows.
func rowsOf(st *State) *stateRows {
	return &stateRows{
		accounts: pointers(st.Accounts), vpcs: pointers(st.Vpcs), vswitches: pointers(st.VSwitches),
		instances: pointers(st.Instances), enis: pointers(st.NetworkInterfaces), lbs: pointers(st.LoadBalancers),
		backends: pointers(st.Backends), ips: pointers(st.IPs), tokens: pointers(st.ClientTokens),
		groups: pointers(st.VServerGroups), members: pointers(st.GroupBackends),
		listeners: pointers(st.Listeners), unhealthy: pointers(st.UnhealthyBackends),
		tags: pointers(st.ResourceTags),
	}
}

func pointers[T any](rows []T) []*T {
	out := make([]*T, len(rows))
	for i := range rows {
		out[i] = &rows[i]
	}
	return out
}

// stateTable is one table of a State: its field, how its rows are decoded,
// checked and stored, and how a decoded table is handed over (move: dst gets
// src's rows of this table). stateTables lists them in State's order, which
// is the order in which they are checked and stored (a table's references
// are to the tables before it).
type stateTable struct {
	field    string
	table    string
	decode   func(dec *json.Decoder, r *stateRows) error
	validate func(v *validator, r *stateRows)
	build    func(b *dbBuilder, r *stateRows) error
	move     func(dst, src *stateRows)
}

// tableOf describes the State field field, stored in table: rows are its
// rows in a stateRows, validate checks them, and seqOf and idOf give a row's
// creation order (nil for a table without one: see buildTable).
func tableOf[T any](field, table string, rows func(*stateRows) *[]*T, validate func(*validator, []*T),
	seqOf func(*T) uint64, idOf func(*T) string) stateTable {
	return stateTable{
		field:    field,
		table:    table,
		decode:   func(dec *json.Decoder, r *stateRows) error { return decodeRows(dec, field, rows(r)) },
		validate: func(v *validator, r *stateRows) { validate(v, *rows(r)) },
		build:    func(b *dbBuilder, r *stateRows) error { return buildTable(b, table, *rows(r), seqOf, idOf) },
		move:     func(dst, src *stateRows) { *rows(dst) = *rows(src) },
	}
}

var stateTables = []stateTable{
	tableOf("Accounts", tableAccounts, func(r *stateRows) *[]*model.Account { return &r.accounts },
		(*validator).accounts, nil, nil),
	tableOf("Vpcs", tableVpcs, func(r *stateRows) *[]*model.Vpc { return &r.vpcs },
		(*validator).vpcs, func(v *model.Vpc) uint64 { return v.Seq }, func(v *model.Vpc) string { return v.VpcId }),
	tableOf("VSwitches", tableVSwitches, func(r *stateRows) *[]*model.VSwitch { return &r.vswitches },
		(*validator).vswitches, func(v *model.VSwitch) uint64 { return v.Seq }, func(v *model.VSwitch) string { return v.VSwitchId }),
	tableOf("Instances", tableInstances, func(r *stateRows) *[]*model.Instance { return &r.instances },
		(*validator).instances, func(i *model.Instance) uint64 { return i.Seq }, func(i *model.Instance) string { return i.InstanceId }),
	tableOf("NetworkInterfaces", tableENIs, func(r *stateRows) *[]*model.NetworkInterface { return &r.enis },
		(*validator).enis, func(n *model.NetworkInterface) uint64 { return n.Seq },
		func(n *model.NetworkInterface) string { return n.NetworkInterfaceId }),
	tableOf("LoadBalancers", tableLoadBalancers, func(r *stateRows) *[]*model.LoadBalancer { return &r.lbs },
		(*validator).loadBalancers, func(lb *model.LoadBalancer) uint64 { return lb.Seq },
		func(lb *model.LoadBalancer) string { return lb.LoadBalancerId }),
	tableOf("Backends", tableBackends, func(r *stateRows) *[]*model.Backend { return &r.backends },
		(*validator).backends, nil, nil),
	tableOf("IPs", tableIPs, func(r *stateRows) *[]*IPLease { return &r.ips },
		(*validator).leases, nil, nil),
	tableOf("ClientTokens", tableClientTokens, func(r *stateRows) *[]*ClientTokenRecord { return &r.tokens },
		(*validator).clientTokens, nil, nil),
	tableOf("VServerGroups", tableVServerGroups, func(r *stateRows) *[]*model.VServerGroup { return &r.groups },
		(*validator).vServerGroups, func(g *model.VServerGroup) uint64 { return g.Seq },
		func(g *model.VServerGroup) string { return g.VServerGroupId }),
	tableOf("GroupBackends", tableGroupBackends, func(r *stateRows) *[]*model.GroupBackend { return &r.members },
		(*validator).groupBackends, func(m *model.GroupBackend) uint64 { return m.Seq },
		func(m *model.GroupBackend) string {
			return string(groupBackendKey(m.VServerGroupId, m.ServerId, m.Port, m.KeyIp))
		}),
	tableOf("Listeners", tableListeners, func(r *stateRows) *[]*model.Listener { return &r.listeners },
		(*validator).listeners, nil, nil),
	tableOf("UnhealthyBackends", tableUnhealthy, func(r *stateRows) *[]*model.UnhealthyBackend { return &r.unhealthy },
		(*validator).unhealthyBackends, nil, nil),
	tableOf("ResourceTags", tableTags, func(r *stateRows) *[]*model.ResourceTag { return &r.tags },
		(*validator).resourceTags, nil, nil),
}

// dbBuilder fills a new database, table by table, in one write transaction.
type dbBuilder struct {
	db  *memdb.MemDB
	txn *memdb.Txn
	// seq is the highest creation sequence of the rows stored.
	seq uint64
}

// newDBBuilder starts a database of the region catalogue (newDB: one whose
// changes notify no watcher, so that a load spends nothing on tracking what
// its inserts mutate).
func newDBBuilder() (*dbBuilder, error) {
	db, err := newDB()
	if err != nil {
		return nil, err
	}
	return &dbBuilder{db: db, txn: db.Txn(true)}, nil
}

// buildTable stores a table's rows, already checked: in creation order (seq,
// then id) when the table has one, so that the listing indexes, which end in
// the creation sequence, grow at their ends; otherwise as they come (a
// State's order: primary-key order). Validate has checked that every
// primary key is unique, so no insert replaces another row. rows keeps its
// order (a State given a table twice is checked again in its own order).
func buildTable[T any](b *dbBuilder, table string, rows []*T, seqOf func(*T) uint64, idOf func(*T) string) error {
	if seqOf != nil {
		rows = slices.Clone(rows)
		slices.SortStableFunc(rows, func(x, y *T) int {
			return cmp.Or(cmp.Compare(seqOf(x), seqOf(y)), strings.Compare(idOf(x), idOf(y)))
		})
	}
	for _, row := range rows {
		if err := b.txn.Insert(table, row); err != nil {
			return fmt.Errorf("engine load: %s: %w", table, err)
		}
		if seqOf != nil {
			b.seq = max(b.seq, seqOf(row))
		}
	}
	return nil
}

// finish builds the derived tables and commits; it returns the database
// and the highest creation sequence of its rows.
func (b *dbBuilder) finish() (*memdb.MemDB, uint64) {
	rebuildDerivedTxn(b.txn)
	b.txn.Commit()
	return b.db, b.seq
}

// abort drops the database unless finish committed it.
func (b *dbBuilder) abort() { b.txn.Abort() }

// DecodedState is a world that Store.DecodeState read, checked and built,
// not yet in use: Store.LoadDecoded puts it in place.
type DecodedState struct {
	db  *memdb.MemDB
	seq uint64
	// invalid is Validate's error for the State read; db is nil then.
	invalid error
}

// LoadDecoded puts a world that DecodeState read in place of the current
// one, as Load does; a State that breaks the world's invariants is refused
// with Validate's *InvalidStateError, and nothing changes. d cannot be loaded
// twice.
//
// A nil d is an empty world: a State without rows.
func (s *Store) LoadDecoded(d *DecodedState) error {
	if d == nil {
		return s.Load(State{})
	}
	if d.invalid != nil {
		return d.invalid
	}
	if d.db == nil {
		return fmt.Errorf("engine: this decoded state was already loaded")
	}
	db := d.db
	d.db = nil
	s.install(db, d.seq)
	return nil
}

// DecodeState reads one State from dec, as encoding/json would decode it (a
// JSON object whose keys match State's fields regardless of case, or null),
// and builds it into a world of its own, to be put in place by LoadDecoded.
// It streams: each row is decoded on its own, into the record the world will
// keep, and each table is checked as soon as the tables before it are (on
// another goroutine, which reads and checks, and is done with dec when
// DecodeState returns) and stored while the rest is read and checked, so
// that the text is never held whole, no second copy of the rows is ever
// made, and the checks do not wait on the build. The
// decoder's settings apply to the rows (Decoder.DisallowUnknownFields); an
// unknown key of the State object itself is always refused. The error is the
// JSON's; whether the State keeps the world's invariants is LoadDecoded's
// answer (Validate's, with the quota of s). dec may go on with what follows
// the State.
func (s *Store) DecodeState(dec *json.Decoder) (*DecodedState, error) {
	p := newStatePipe(newValidator(s.quota, &stateRows{}))
	decoded := make(chan error, 1)
	go func() { decoded <- p.decode(dec) }()
	d := buildFrom(p)
	if err := <-decoded; err != nil {
		return nil, err
	}
	if p.redo {
		// A table was given twice: the last one counts, and the first may
		// have been checked and built already. Check and build again, as
		// Load does.
		d = s.checkAndBuild(&p.rows)
	}
	return d, nil
}

// checkAndBuild checks every table of r, then builds them.
func (s *Store) checkAndBuild(r *stateRows) *DecodedState {
	if err := s.validateRows(r); err != nil {
		return &DecodedState{invalid: err}
	}
	b, err := buildRows(r)
	if err != nil {
		return &DecodedState{invalid: err}
	}
	db, seq := b.finish()
	return &DecodedState{db: db, seq: seq}
}

// buildRows builds every table of r, already checked, into a new database,
// not yet finished.
func buildRows(r *stateRows) (*dbBuilder, error) {
	b, err := newDBBuilder()
	if err != nil {
		return nil, err
	}
	for _, t := range stateTables {
		if err := t.build(b, r); err != nil {
			b.abort()
			return nil, err
		}
	}
	return b, nil
}

// statePipe hands a State's tables, as they are decoded and checked, to the
// goroutine that builds them. The decoding goroutine checks the tables, in
// stateTables' order (a table's checks refer to the tables before it),
// each as soon as it and the tables before it are decoded.
type statePipe struct {
	mu   sync.Mutex
	cond *sync.Cond
	rows stateRows
	// checkedRows are the tables as they were checked: a table given again
	// after it was checked is in rows, not here (and sets redo).
	checkedRows stateRows
	// ready marks the tables decoded, by index in stateTables; checked,
	// those checked; clean, those before which, themselves included, no
	// problem was found; done, that decoding ended (successfully or not).
	ready   []bool
	checked []bool
	clean   []bool
	done    bool
	failed  bool
	// redo is set when a table was given twice.
	redo bool
	// v checks the tables (nil: they are not checked), next is the first
	// table it has not checked. Only the decoding goroutine uses them, but
	// for v's problems once every table is checked.
	v    *validator
	next int
}

// newStatePipe is a pipe whose tables v checks (none if v is nil).
func newStatePipe(v *validator) *statePipe {
	n := len(stateTables)
	p := &statePipe{ready: make([]bool, n), checked: make([]bool, n), clean: make([]bool, n), v: v}
	p.cond = sync.NewCond(&p.mu)
	return p
}

// check checks, in stateTables' order, every table not yet checked whose
// predecessors are checked and which is decoded; with ended (decoding is
// over, successfully), every table: one not given is empty.
func (p *statePipe) check(ended bool) {
	for p.next < len(stateTables) {
		p.mu.Lock()
		decoded, r := p.ready[p.next], p.rows
		p.mu.Unlock()
		if !decoded && !ended {
			return
		}
		clean := true
		if p.v != nil {
			stateTables[p.next].validate(p.v, &r)
			clean = len(p.v.problems) == 0
		}
		p.mu.Lock()
		stateTables[p.next].move(&p.checkedRows, &r)
		p.checked[p.next], p.clean[p.next] = true, clean
		p.next++
		p.cond.Broadcast()
		p.mu.Unlock()
	}
}

// decode reads the State into p.rows, telling of each table as it ends, and
// checks the tables.
func (p *statePipe) decode(dec *json.Decoder) (err error) {
	defer func() {
		p.mu.Lock()
		p.done, p.failed = true, err != nil
		p.cond.Broadcast()
		p.mu.Unlock()
	}()
	if err := p.decodeTables(dec); err != nil {
		return err
	}
	p.check(true)
	return nil
}

// decodeTables reads the State into p.rows, checking each table as soon as
// it can be.
func (p *statePipe) decodeTables(dec *json.Decoder) (err error) {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return err
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("json: cannot unmarshal %s into Go value of type engine.State", jsontok.Kind(tok))
	}
	defer func() { err = jsontok.UnexpectedEOF(err) }()
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		i := stateField(key)
		if i < 0 {
			return fmt.Errorf("json: unknown field %q", key)
		}
		var table stateRows
		if err := stateTables[i].decode(dec, &table); err != nil {
			return err
		}
		internRows(&table)
		p.mu.Lock()
		p.redo = p.redo || p.ready[i]
		stateTables[i].move(&p.rows, &table)
		p.ready[i] = true
		p.mu.Unlock()
		p.check(false)
	}
	_, err = dec.Token() // the closing brace
	return err
}

// wait waits until table i is checked or decoding has ended; it reports
// whether the table cannot be built (decoding failed) and whether it is
// clean (no problem found up to it).
func (p *statePipe) wait(i int) (failed, clean bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !p.checked[i] && !p.done {
		p.cond.Wait()
	}
	return p.failed || !p.checked[i], p.clean[i]
}

// buildFrom builds the tables of p as they are checked, in State's order,
// until a problem is found; the problems are those of every table (p's
// validator goes on checking, to report every problem, as Validate does).
func buildFrom(p *statePipe) *DecodedState {
	b, err := newDBBuilder()
	if err != nil {
		return &DecodedState{invalid: err}
	}
	defer b.abort()
	building := true
	for i, t := range stateTables {
		failed, clean := p.wait(i)
		if failed {
			return &DecodedState{} // the JSON's error is DecodeState's answer
		}
		building = building && clean
		if !building {
			continue
		}
		p.mu.Lock()
		r := p.checkedRows
		p.mu.Unlock()
		if err := t.build(b, &r); err != nil {
			return &DecodedState{invalid: err}
		}
	}
	// Every table is checked: the validator is done.
	p.mu.Lock()
	invalid := p.v.err()
	p.mu.Unlock()
	if invalid != nil {
		return &DecodedState{invalid: invalid}
	}
	db, seq := b.finish()
	return &DecodedState{db: db, seq: seq}
}

// stateField returns the index in stateTables of the State field key names,
// matched as encoding/json matches keys (an exact match, else one that
// differs only in case), or -1.
func stateField(key string) int {
	for i, t := range stateTables {
		if t.field == key {
			return i
		}
	}
	for i, t := range stateTables {
		if strings.EqualFold(t.field, key) {
			return i
		}
	}
	return -1
}

// decodeRows reads a JSON array (or null) of rows into *out, one row at a
// time, each into a record of its own.
func decodeRows[T any](dec *json.Decoder, field string, out *[]*T) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		*out = nil
		return nil
	}
	if tok != json.Delim('[') {
		return fmt.Errorf("json: cannot unmarshal %s into Go struct field State.%s of type %T", jsontok.Kind(tok), field, []T(nil))
	}
	rows := []*T{}
	for dec.More() {
		row := new(T)
		if err := dec.Decode(row); err != nil {
			return err
		}
		rows = append(rows, row)
	}
	if _, err := dec.Token(); err != nil { // the closing bracket
		return err
	}
	*out = rows
	return nil
}

// internRows makes the rows of a decoded table share one copy of each text
// that many rows repeat (accounts, regions, zones, statuses, types, the IDs
// of the VPCs, vSwitches and load balancers that rows refer to), as the rows
// the engine makes share their caller's strings: JSON decoding allocates
// every string of every row anew.
func internRows(r *stateRows) {
	in := interner{}
	for _, v := range r.vpcs {
		in.all(&v.AccountId, &v.RegionId, &v.Status)
	}
	for _, v := range r.vswitches {
		in.all(&v.VpcId, &v.AccountId, &v.RegionId, &v.ZoneId, &v.Status)
	}
	for _, i := range r.instances {
		in.all(&i.AccountId, &i.RegionId, &i.ZoneId, &i.InstanceType, &i.ImageId, &i.SecurityGroupId,
			(*string)(&i.Status), (*string)(&i.NetworkType), &i.VpcId, &i.VSwitchId, (*string)(&i.Transition))
	}
	for _, n := range r.enis {
		in.all(&n.AccountId, &n.RegionId, &n.ZoneId, &n.VpcId, &n.VSwitchId, &n.SecurityGroupId, (*string)(&n.Status))
	}
	for _, lb := range r.lbs {
		in.all(&lb.AccountId, &lb.RegionId, (*string)(&lb.AddressType), (*string)(&lb.NetworkType), &lb.VpcId,
			&lb.VSwitchId, &lb.LoadBalancerSpec, &lb.MasterZoneId, &lb.SlaveZoneId, &lb.PayType, &lb.InternetChargeType, (*string)(&lb.Status))
	}
	for _, b := range r.backends {
		in.all(&b.LoadBalancerId, (*string)(&b.Type), &b.VpcId)
	}
	for _, l := range r.ips {
		in.all(&l.Pool)
	}
	for _, g := range r.groups {
		in.all(&g.LoadBalancerId, &g.AccountId, &g.RegionId)
	}
	for _, m := range r.members {
		in.all(&m.VServerGroupId, &m.LoadBalancerId, (*string)(&m.Type), &m.VpcId)
	}
}

// interner keeps one copy of each string it is given.
type interner map[string]string

func (in interner) all(fields ...*string) {
	for _, f := range fields {
		if *f == "" {
			continue
		}
		if s, ok := in[*f]; ok {
			*f = s
		} else {
			in[*f] = *f
		}
	}
}
