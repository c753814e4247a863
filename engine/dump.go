package engine

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strings"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// State is a copy of the whole world, every table in a fixed order. Two
// stores in the same state give equal States (compare with reflect.DeepEqual
// or testify's Equal). The region catalogue is fixed and left out.
type State struct {
	Accounts          []model.Account
	Vpcs              []model.Vpc
	VSwitches         []model.VSwitch
	Instances         []model.Instance
	NetworkInterfaces []model.NetworkInterface
	LoadBalancers     []model.LoadBalancer
	Backends          []model.Backend
	IPs               []IPLease
	// ClientTokens are the tokens of idempotent creates, with what each
	// token's first call asked and answered.
	ClientTokens []ClientTokenRecord
	// VServerGroups are the LBs' vServer groups, GroupBackends their members.
	VServerGroups []model.VServerGroup
	GroupBackends []model.GroupBackend
	// Listeners are the SLB listeners; UnhealthyBackends the backends marked
	// unhealthy (Store.SetBackendHealth).
	Listeners         []model.Listener
	UnhealthyBackends []model.UnhealthyBackend
	// ResourceTags are the tags of LBs, vServer groups and listeners.
	ResourceTags []model.ResourceTag
}

// IPLease is one leased private or public address: Pool is a vSwitch ID,
// "classic/<region>" or "internet/<region>".
type IPLease struct {
	Pool  string
	Ip    string
	Owner string
}

// Dump returns a copy of the whole state, read from one snapshot.
func (s *Store) Dump() State {
	txn := s.db.Load().Txn(false)
	var st State
	st.Accounts = dumpTable[model.Account](txn, tableAccounts)
	st.Vpcs = dumpTable[model.Vpc](txn, tableVpcs)
	st.VSwitches = dumpTable[model.VSwitch](txn, tableVSwitches)
	st.Instances = dumpTable[model.Instance](txn, tableInstances)
	st.NetworkInterfaces = dumpTable[model.NetworkInterface](txn, tableENIs)
	for i := range st.NetworkInterfaces {
		st.NetworkInterfaces[i].SecondaryIps = slices.Clone(st.NetworkInterfaces[i].SecondaryIps)
	}
	st.LoadBalancers = dumpTable[model.LoadBalancer](txn, tableLoadBalancers)
	for i := range st.LoadBalancers {
		dumpLoadBalancer(txn, &st.LoadBalancers[i])
	}
	st.Backends = dumpTable[model.Backend](txn, tableBackends)
	st.IPs = dumpTable[IPLease](txn, tableIPs)
	st.ClientTokens = dumpTable[ClientTokenRecord](txn, tableClientTokens)
	st.VServerGroups = dumpTable[model.VServerGroup](txn, tableVServerGroups)
	st.GroupBackends = dumpTable[model.GroupBackend](txn, tableGroupBackends)
	st.Listeners = dumpTable[model.Listener](txn, tableListeners)
	st.UnhealthyBackends = dumpTable[model.UnhealthyBackend](txn, tableUnhealthy)
	st.ResourceTags = dumpTable[model.ResourceTag](txn, tableTags)
	return st
}

// dumpTable copies a table in primary-key order; nil when it is empty.
func dumpTable[T any](txn *memdb.Txn, table string) []T {
	var out []T
	eachRow(txn, table, func(row *T) { out = append(out, *row) })
	return out
}

// eachRow calls fn with every row of table, in primary-key order.
func eachRow[T any](txn *memdb.Txn, table string, fn func(*T)) {
	it, err := txn.Get(table, indexID)
	if err != nil {
		panic("engine: list " + table + ": " + err.Error())
	}
	for obj := it.Next(); obj != nil; obj = it.Next() {
		fn(obj.(*T))
	}
}

// dumpLoadBalancer completes a copied LB row for a State: its NextBackendSeq
// is the highest attachment number it has given (lbNextBackendSeq), which a
// backend change does not write into the row.
func dumpLoadBalancer(txn *memdb.Txn, lb *model.LoadBalancer) {
	lb.NextBackendSeq = lbNextBackendSeq(lb, backendsOfTxn(txn, lb.LoadBalancerId))
}

// EncodeState writes the State that Dump would return as JSON, exactly as
// json.MarshalIndent(s.Dump(), prefix, indent) would (an empty table is
// null), but streaming: it reads one snapshot table by table and writes each
// row as it comes, so that no copy of the world is built. It writes through
// a buffer, and returns the first error of w.
func (s *Store) EncodeState(w io.Writer, prefix, indent string) error {
	txn := s.db.Load().Txn(false)
	e := newStateEncoder(w, prefix, indent)
	e.open()
	encodeTable[model.Account](e, txn, tableAccounts, nil)
	encodeTable[model.Vpc](e, txn, tableVpcs, nil)
	encodeTable[model.VSwitch](e, txn, tableVSwitches, nil)
	encodeTable[model.Instance](e, txn, tableInstances, nil)
	encodeTable[model.NetworkInterface](e, txn, tableENIs, nil)
	encodeTable(e, txn, tableLoadBalancers, func(lb *model.LoadBalancer) *model.LoadBalancer {
		cp := *lb
		dumpLoadBalancer(txn, &cp)
		return &cp
	})
	encodeTable[model.Backend](e, txn, tableBackends, nil)
	encodeTable[IPLease](e, txn, tableIPs, nil)
	encodeTable[ClientTokenRecord](e, txn, tableClientTokens, nil)
	encodeTable[model.VServerGroup](e, txn, tableVServerGroups, nil)
	encodeTable[model.GroupBackend](e, txn, tableGroupBackends, nil)
	encodeTable[model.Listener](e, txn, tableListeners, nil)
	encodeTable[model.UnhealthyBackend](e, txn, tableUnhealthy, nil)
	encodeTable[model.ResourceTag](e, txn, tableTags, nil)
	return e.close()
}

// stateEncoder writes a State's JSON object, field by field and row by row,
// in json.MarshalIndent's layout.
type stateEncoder struct {
	w              *bufio.Writer
	prefix, indent string
	// row encodes one row into buf, indented for its depth.
	row    *json.Encoder
	buf    bytes.Buffer
	fields int
	err    error
}

func newStateEncoder(w io.Writer, prefix, indent string) *stateEncoder {
	e := &stateEncoder{w: bufio.NewWriterSize(w, 64<<10), prefix: prefix, indent: indent}
	e.row = json.NewEncoder(&e.buf)
	e.row.SetIndent(prefix+strings.Repeat(indent, 2), indent)
	return e
}

// newline starts a line at depth.
func (e *stateEncoder) newline(depth int) {
	if e.prefix == "" && e.indent == "" {
		return
	}
	e.w.WriteByte('\n')
	e.w.WriteString(e.prefix)
	for range depth {
		e.w.WriteString(e.indent)
	}
}

func (e *stateEncoder) open() { e.w.WriteByte('{') }

// field writes the key of the next field, then its value starts.
func (e *stateEncoder) field(name string) {
	if e.fields > 0 {
		e.w.WriteByte(',')
	}
	e.fields++
	e.newline(1)
	e.w.WriteString(`"` + name + `":`)
	if e.prefix != "" || e.indent != "" {
		e.w.WriteByte(' ')
	}
}

// value writes one row of the current table.
func (e *stateEncoder) value(first bool, v any) {
	if e.err != nil {
		return
	}
	if !first {
		e.w.WriteByte(',')
	}
	e.newline(2)
	e.buf.Reset()
	if e.err = e.row.Encode(v); e.err != nil {
		return
	}
	e.w.Write(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n")))
}

func (e *stateEncoder) close() error {
	e.newline(0)
	e.w.WriteByte('}')
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

// encodeTable writes a table as the State field of its name: its rows in
// primary-key order, each passed through view when view is not nil.
func encodeTable[T any](e *stateEncoder, txn *memdb.Txn, table string, view func(*T) *T) {
	e.field(stateFieldOf[table])
	n := 0
	eachRow(txn, table, func(row *T) {
		if view != nil {
			row = view(row)
		}
		if n == 0 {
			e.w.WriteByte('[')
		}
		e.value(n == 0, row)
		n++
	})
	if n == 0 {
		e.w.WriteString("null")
		return
	}
	e.newline(1)
	e.w.WriteByte(']')
}

// stateFieldOf names the State field of each dumped table (from
// stateTables, which lists them once).
var stateFieldOf = func() map[string]string {
	m := make(map[string]string, len(stateTables))
	for _, t := range stateTables {
		m[t.table] = t.field
	}
	return m
}()
