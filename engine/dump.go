package engine

import (
	"slices"

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
	st.Backends = dumpTable[model.Backend](txn, tableBackends)
	st.IPs = dumpTable[IPLease](txn, tableIPs)
	st.ClientTokens = dumpTable[ClientTokenRecord](txn, tableClientTokens)
	return st
}

// dumpTable copies a table in primary-key order.
func dumpTable[T any](txn *memdb.Txn, table string) []T {
	var out []T
	for _, p := range all[T](txn, table, indexID) {
		out = append(out, *p)
	}
	return out
}
