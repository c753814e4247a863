package engine

import (
	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// Lookups shared by every operation. Each resolves an ID for one account and
// one region: a resource of another account or region is "not found", as the
// real service reports it.

// regionTxn checks that regionId is given and known.
func regionTxn(txn *memdb.Txn, regionId string) (*model.Region, *model.Error) {
	if regionId == "" {
		return nil, model.ErrMissingParameter("RegionId")
	}
	r, _ := first(txn, tableRegions, indexID, regionId).(*model.Region)
	if r == nil {
		return nil, model.ErrInvalidRegionId()
	}
	return r, nil
}

// ensureAccountTxn records the account on first use.
func ensureAccountTxn(txn *memdb.Txn, account string) {
	if first(txn, tableAccounts, indexID, account) == nil {
		insert(txn, tableAccounts, &model.Account{AccountId: account})
	}
}

func owned(account, region, gotAccount, gotRegion string) bool {
	return account == gotAccount && region == gotRegion
}

func loadBalancerTxn(txn *memdb.Txn, account, region, id string) (*model.LoadBalancer, *model.Error) {
	if id == "" {
		return nil, model.ErrMissingParameter("LoadBalancerId")
	}
	lb, _ := first(txn, tableLoadBalancers, indexID, id).(*model.LoadBalancer)
	if lb == nil || !owned(account, region, lb.AccountId, lb.RegionId) {
		return nil, model.ErrLoadBalancerNotFound()
	}
	return lb, nil
}

// loadBalancerInRegionTxn checks the region (regionTxn), then finds the
// caller's LB in it (loadBalancerTxn): a call's first steps on an LB.
func loadBalancerInRegionTxn(txn *memdb.Txn, account, region, id string) (*model.LoadBalancer, *model.Error) {
	if _, e := regionTxn(txn, region); e != nil {
		return nil, e
	}
	return loadBalancerTxn(txn, account, region, id)
}

// instanceTxn returns the instance, or nil if it does not exist for the caller.
func instanceTxn(txn *memdb.Txn, account, region, id string) *model.Instance {
	inst, _ := first(txn, tableInstances, indexID, id).(*model.Instance)
	if inst == nil || !owned(account, region, inst.AccountId, inst.RegionId) {
		return nil
	}
	return inst
}

// eniTxn returns the ENI, or nil if it does not exist for the caller.
func eniTxn(txn *memdb.Txn, account, region, id string) *model.NetworkInterface {
	eni, _ := first(txn, tableENIs, indexID, id).(*model.NetworkInterface)
	if eni == nil || !owned(account, region, eni.AccountId, eni.RegionId) {
		return nil
	}
	return eni
}

// vpcTxn returns the VPC, or nil if it does not exist for the caller.
func vpcTxn(txn *memdb.Txn, account, region, id string) *model.Vpc {
	v, _ := first(txn, tableVpcs, indexID, id).(*model.Vpc)
	if v == nil || !owned(account, region, v.AccountId, v.RegionId) {
		return nil
	}
	return v
}

// vswitchTxn returns the vSwitch, or nil if it does not exist for the caller.
func vswitchTxn(txn *memdb.Txn, account, region, id string) *model.VSwitch {
	v, _ := first(txn, tableVSwitches, indexID, id).(*model.VSwitch)
	if v == nil || !owned(account, region, v.AccountId, v.RegionId) {
		return nil
	}
	return v
}

// vServerGroupTxn returns the vServer group, or nil if it does not exist for
// the caller.
func vServerGroupTxn(txn *memdb.Txn, account, region, id string) *model.VServerGroup {
	g, _ := first(txn, tableVServerGroups, indexID, id).(*model.VServerGroup)
	if g == nil || !owned(account, region, g.AccountId, g.RegionId) {
		return nil
	}
	return g
}

// vServerGroupsOfTxn returns an LB's vServer groups in creation order.
func vServerGroupsOfTxn(txn *memdb.Txn, lbId string) []*model.VServerGroup {
	return all[model.VServerGroup](txn, tableVServerGroups, indexLB+"_prefix", lbId)
}

// backendsOfTxn returns an LB's backends in attachment order.
func backendsOfTxn(txn *memdb.Txn, lbId string) []*model.Backend {
	return all[model.Backend](txn, tableBackends, indexLBOrder+"_prefix", lbId)
}

// loadBalancersOfServerTxn returns the IDs of the LBs a server is attached
// to, once per attachment (an ENI may be attached by several addresses):
// O(its attachments).
func loadBalancersOfServerTxn(txn *memdb.Txn, serverId string) []string {
	ids := []string{}
	for _, b := range all[model.Backend](txn, tableBackends, indexServer, serverId) {
		ids = append(ids, b.LoadBalancerId)
	}
	return ids
}

// detachServerTxn removes every attachment of a server, on every LB, in
// its default group and in every vServer group: what the real service does
// when an instance is released (and the fake when an ENI is detached or
// deleted).
func detachServerTxn(txn *memdb.Txn, serverId string) {
	for _, b := range all[model.Backend](txn, tableBackends, indexServer, serverId) {
		remove(txn, tableBackends, b)
	}
	for _, m := range all[model.GroupBackend](txn, tableGroupBackends, indexServer, serverId) {
		remove(txn, tableGroupBackends, m)
	}
}
