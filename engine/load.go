package engine

import (
	"fmt"

	"github.com/slbfake/slbfake/model"
)

// Load replaces the whole state with st, in one transaction: a State that
// Dump returned (possibly through JSON) comes back exactly. It first checks
// st against the world's invariants (Validate: well-formed and unique IDs,
// references, statuses, addresses, the backend rules and quota), so that a
// loaded world is one the engine could have built; then that every row has
// its key. On error (an *InvalidStateError for a broken invariant) nothing
// changes.
func (s *Store) Load(st State) error {
	if err := s.Validate(st); err != nil {
		return err
	}
	txn := s.db.Load().Txn(true)
	defer txn.Abort()
	for _, table := range []string{tableAccounts, tableVpcs, tableVSwitches, tableInstances, tableENIs, tableLoadBalancers, tableBackends, tableIPs, tableClientTokens} {
		if _, err := txn.DeleteAll(table, indexID); err != nil {
			return fmt.Errorf("engine load: clear %s: %w", table, err)
		}
	}
	var maxSeq uint64
	put := func(table string, obj interface{}, seq uint64) error {
		maxSeq = max(maxSeq, seq)
		if existing, _ := txn.First(table, indexID, primaryKeyArgs(obj)...); existing != nil {
			return fmt.Errorf("engine load: duplicate key in %s: %v", table, primaryKeyArgs(obj))
		}
		if err := txn.Insert(table, obj); err != nil {
			return fmt.Errorf("engine load: %s: %w", table, err)
		}
		return nil
	}
	var err error
	for i := range st.Accounts {
		err = firstErr(err, put(tableAccounts, &st.Accounts[i], 0))
	}
	for i := range st.Vpcs {
		err = firstErr(err, put(tableVpcs, &st.Vpcs[i], st.Vpcs[i].Seq))
	}
	for i := range st.VSwitches {
		err = firstErr(err, put(tableVSwitches, &st.VSwitches[i], st.VSwitches[i].Seq))
	}
	for i := range st.Instances {
		err = firstErr(err, put(tableInstances, &st.Instances[i], st.Instances[i].Seq))
	}
	for i := range st.NetworkInterfaces {
		err = firstErr(err, put(tableENIs, &st.NetworkInterfaces[i], st.NetworkInterfaces[i].Seq))
	}
	for i := range st.LoadBalancers {
		err = firstErr(err, put(tableLoadBalancers, &st.LoadBalancers[i], st.LoadBalancers[i].Seq))
	}
	for i := range st.Backends {
		err = firstErr(err, put(tableBackends, &st.Backends[i], 0))
	}
	for i := range st.IPs {
		err = firstErr(err, put(tableIPs, &st.IPs[i], 0))
	}
	for i := range st.ClientTokens {
		err = firstErr(err, put(tableClientTokens, &st.ClientTokens[i], 0))
	}
	if err != nil {
		return err
	}
	txn.Commit()
	s.version.Add(1)
	// New resources must sort after loaded ones.
	for cur := s.seq.Load(); cur < maxSeq && !s.seq.CompareAndSwap(cur, maxSeq); cur = s.seq.Load() {
	}
	return nil
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// primaryKeyArgs returns the arguments of a record's primary-key lookup.
func primaryKeyArgs(obj interface{}) []interface{} {
	switch o := obj.(type) {
	case *model.Account:
		return []interface{}{o.AccountId}
	case *model.Vpc:
		return []interface{}{o.VpcId}
	case *model.VSwitch:
		return []interface{}{o.VSwitchId}
	case *model.Instance:
		return []interface{}{o.InstanceId}
	case *model.NetworkInterface:
		return []interface{}{o.NetworkInterfaceId}
	case *model.LoadBalancer:
		return []interface{}{o.LoadBalancerId}
	case *model.Backend:
		return []interface{}{o.LoadBalancerId, o.ServerId, o.KeyIp}
	case *IPLease:
		return []interface{}{o.Pool, o.Ip}
	case *ClientTokenRecord:
		return []interface{}{o.AccountId, o.Action, o.ClientToken}
	}
	panic(fmt.Sprintf("engine: no primary key for %T", obj))
}
