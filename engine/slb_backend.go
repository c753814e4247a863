package engine

import (
	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// AddBackendServers attaches servers to an LB's default server group. The
// checks run in the documented order and the first failure wins:
//
//  1. RegionId (MissingParameter, InvalidRegionId.NotFound)
//  2. LoadBalancerId (MissingParameter), the LB (InvalidLoadBalancerId.NotFound),
//     not locked (ActionNotAllowed)
//  3. BackendServers: syntax, at most 20 elements, each element's fields
//     (model.ParseBackendServers); none at all is a successful no-op
//  4. duplicates inside the request dropped, the first kept
//  5. each server in turn: exists and is Running (ObtainIpFail), the network
//     matrix (InvalidParameter), one VPC or all classic per LB, its vServer
//     groups' members included (InvalidBackendServers.Inconsistent), not
//     already attached (InvalidParameter)
//  6. the LB's backend quota, which counts its vServer groups' members too
//     (InstanceBackendServerNumberOverLimit)
//
// With a configuring window (Config.ConfiguringWindow), a backend change of
// an LB whose window is open is refused right after the LB checks
// (BackendServer.configuring, 409), and every successful call that changed
// the backend list opens the window again. A call that changes nothing (no
// elements; Remove of servers that are not attached; Set to the values the
// backends have) writes nothing: it opens no window and is not recorded as
// applied.
//
// All or nothing: on any error nothing is attached. The response lists all
// of the LB's backends after the call, in attachment order.
func (s *Store) AddBackendServers(account string, req *model.AddBackendServersRequest) (*model.AddBackendServersResponse, *model.Error) {
	return s.changeBackends(account, req, s.addBackendsTxn)
}

// RemoveBackendServers detaches servers from an LB. Elements are parsed and
// checked as for AddBackendServers; a server that is not attached is ignored
// (INF). An eni element without ServerIp removes every attachment of that ENI.
// The response lists the LB's remaining backends.
func (s *Store) RemoveBackendServers(account string, req *model.RemoveBackendServersRequest) (*model.RemoveBackendServersResponse, *model.Error) {
	return s.changeBackends(account, req, removeBackendsTxn)
}

// SetBackendServers changes the weight and description of attached servers;
// it never attaches or detaches. An element whose server is not attached is
// InvalidParameter (INF). Elements without Weight keep their weight; a
// Description replaces the current one. The response lists all backends.
func (s *Store) SetBackendServers(account string, req *model.SetBackendServersRequest) (*model.SetBackendServersResponse, *model.Error) {
	return s.changeBackends(account, req, setBackendsTxn)
}

// backendChange applies one backend operation's elements to an LB and
// reports whether it changed anything. after is the LB's backend list after
// the change, in attachment order, when the operation has it at hand (nil:
// changeBackends reads it).
type backendChange func(txn *memdb.Txn, account string, lb *model.LoadBalancer, specs []model.BackendServerSpec) (after []*model.Backend, changed bool, e *model.Error)

// changeBackends is the frame shared by the three backend operations: resolve
// the LB, parse, apply change to the de-duplicated elements, and answer with
// the LB's backend list, all in one transaction. BackendServers is parsed
// before the transaction opens, so that a large or slow value never holds
// the write lock; its error is still answered after the LB's, in the
// documented order.
func (s *Store) changeBackends(account string, req *model.AddBackendServersRequest, change backendChange) (*model.BackendServersResponse, *model.Error) {
	specs, parseErr := model.ParseBackendServers(req.BackendServers)
	resp := &model.BackendServersResponse{}
	e := s.write(func(txn *memdb.Txn) *model.Error {
		lb, e := mutableLoadBalancerTxn(txn, account, req.RegionId, req.LoadBalancerId)
		if e != nil {
			return e
		}
		if s.configuringTxn(lb) {
			return model.ErrBackendServerConfiguring()
		}
		if parseErr != nil {
			return parseErr
		}
		var after []*model.Backend
		if len(specs) > 0 {
			var changed bool
			var e *model.Error
			after, changed, e = change(txn, account, lb, dedupSpecs(specs))
			if e != nil {
				return e
			}
			if changed {
				s.openConfiguringWindowTxn(txn, lb)
			}
		}
		if after == nil {
			after = backendsOfTxn(txn, lb.LoadBalancerId)
		}
		resp.LoadBalancerId = lb.LoadBalancerId
		resp.BackendServers = backendServersView(after, false)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

// configuringTxn reports whether lb is inside the configuring window of its
// last backend change.
func (s *Store) configuringTxn(lb *model.LoadBalancer) bool {
	return s.now().Before(lb.ConfiguringUntil)
}

// openConfiguringWindowTxn starts an LB's configuring window, when the store
// has one. lb is the LB's row as the transaction has it: a backend change
// never rewrites the LB row itself.
func (s *Store) openConfiguringWindowTxn(txn *memdb.Txn, lb *model.LoadBalancer) {
	if s.configuring <= 0 {
		return
	}
	updated := *lb
	updated.ConfiguringUntil = s.now().UTC().Add(s.configuring)
	insert(txn, tableLoadBalancers, &updated)
}

// dedupSpecs keeps the first element of each identity on an LB (SEED: later
// duplicates are ignored).
func dedupSpecs(specs []model.BackendServerSpec) []model.BackendServerSpec {
	return dedupSpecsBy(specs, model.BackendServerSpec.Key)
}

// dedupSpecsBy keeps the first element of each identity, key's with the
// Type: the Type is part of the identity here, so that an ecs and an eni
// element naming the same ID are not taken for one another.
func dedupSpecsBy[K comparable](specs []model.BackendServerSpec, key func(model.BackendServerSpec) K) []model.BackendServerSpec {
	type dedupKey struct {
		t model.ServerType
		k K
	}
	seen := make(map[dedupKey]bool, len(specs))
	out := specs[:0:0]
	for _, sp := range specs {
		if k := (dedupKey{sp.Type, key(sp)}); !seen[k] {
			seen[k] = true
			out = append(out, sp)
		}
	}
	return out
}

// addBackendsTxn attaches the elements in order, all or nothing, and returns
// the LB's backend list after the call: the existing backends then the added
// ones, in attachment order.
//
// Attachment order is kept by Seq, the second part of the lb_order index: a
// new backend gets one more than the highest Seq the LB's backends hold (or
// the LB's NextBackendSeq, as a loaded State gives it, if that is higher).
// The LB row itself is not written: its NextBackendSeq only ever comes from a
// State, and Dump reports it as that high-water mark (see lbNextBackendSeq).
func (s *Store) addBackendsTxn(txn *memdb.Txn, account string, lb *model.LoadBalancer, specs []model.BackendServerSpec) ([]*model.Backend, bool, *model.Error) {
	existing := backendsOfTxn(txn, lb.LoadBalancerId)
	domain := ""
	if len(existing) > 0 {
		domain = serverDomain(existing[0].VpcId)
	} else {
		domain = lbGroupDomainTxn(txn, lb.LoadBalancerId) // the LB's vServer groups share the domain
	}
	toAdd := make([]*model.Backend, 0, len(specs))
	for _, sp := range specs {
		b, e := s.resolveBackendTxn(txn, account, lb, sp)
		if e != nil {
			return nil, false, e
		}
		if containsKey(toAdd, b.ServerId, b.KeyIp) { // an eni listed with and without its primary IP
			continue
		}
		if d := serverDomain(b.VpcId); domain != "" && d != domain {
			return nil, false, model.ErrBackendServersInconsistent()
		} else {
			domain = d
		}
		if attachedTxn(txn, existing, b) {
			return nil, false, model.ErrBackendServersInvalid()
		}
		toAdd = append(toAdd, b)
	}
	if len(existing)+len(toAdd)+lbGroupMemberCountTxn(txn, lb.LoadBalancerId) > s.quota { // the quota counts every group
		return nil, false, model.ErrBackendServerQuota()
	}
	if len(toAdd) == 0 {
		return existing, false, nil
	}
	seq := lbNextBackendSeq(lb, existing)
	for _, b := range toAdd {
		seq++
		b.Seq = seq
		insert(txn, tableBackends, b)
	}
	after := make([]*model.Backend, 0, len(existing)+len(toAdd))
	return append(append(after, existing...), toAdd...), true, nil
}

// lbNextBackendSeq is the highest attachment number an LB has given: the
// highest Seq of its backends, or its NextBackendSeq (only ever set by a
// loaded State) when that is higher. Its next backend gets one more.
func lbNextBackendSeq(lb *model.LoadBalancer, backends []*model.Backend) uint64 {
	seq := lb.NextBackendSeq
	for _, b := range backends {
		seq = max(seq, b.Seq)
	}
	return seq
}

// containsKey reports whether one of bs has the identity (serverId, keyIp).
func containsKey(bs []*model.Backend, serverId, keyIp string) bool {
	for _, o := range bs {
		if o.ServerId == serverId && o.KeyIp == keyIp {
			return true
		}
	}
	return false
}

// linearAttachedMax is how many backends an LB may have for attachedTxn to
// scan them rather than look the key up in the index.
const linearAttachedMax = 16

// attachedTxn reports whether b's identity is already attached to its LB,
// whose backends are existing.
func attachedTxn(txn *memdb.Txn, existing []*model.Backend, b *model.Backend) bool {
	if len(existing) <= linearAttachedMax {
		return containsKey(existing, b.ServerId, b.KeyIp)
	}
	return first(txn, tableBackends, indexID, b.LoadBalancerId, b.ServerId, b.KeyIp) != nil
}

// serverDomain is the network domain of an attached server, in an LB's
// default group or in a vServer group: its VPC (vpcId), or classic when it
// has none.
func serverDomain(vpcId string) string {
	if vpcId == "" {
		return model.NetworkDomain(model.NetworkClassic, "")
	}
	return model.NetworkDomain(model.NetworkVPC, vpcId)
}

// resolveBackendTxn checks one element against the world and returns the
// backend it would attach.
func (s *Store) resolveBackendTxn(txn *memdb.Txn, account string, lb *model.LoadBalancer, sp model.BackendServerSpec) (*model.Backend, *model.Error) {
	b := &model.Backend{LoadBalancerId: lb.LoadBalancerId, ServerId: sp.ServerId, Type: sp.Type, Weight: sp.Weight, Description: sp.Description}
	switch sp.Type {
	case model.ServerECS:
		inst := instanceTxn(txn, account, lb.RegionId, sp.ServerId)
		if inst == nil || !s.statusOf(inst).AcceptsBackend() {
			return nil, model.ErrObtainIpFail()
		}
		if e := model.CheckECSNetwork(lb, inst); e != nil {
			return nil, e
		}
		b.ServerIp, b.VpcId = inst.PrivateIp, inst.VpcId
	case model.ServerENI:
		eni := eniTxn(txn, account, lb.RegionId, sp.ServerId)
		if eni == nil {
			return nil, model.ErrObtainIpFail()
		}
		if !model.SupportsENIBackends(lb) {
			return nil, model.ErrBackendServersInvalid()
		}
		if eni.VpcId != lb.VpcId {
			return nil, model.ErrNetworkTypeUnsupported()
		}
		if eni.InstanceId == "" {
			return nil, model.ErrBackendServersInvalid()
		}
		if inst := instanceTxn(txn, account, lb.RegionId, eni.InstanceId); inst == nil || !s.statusOf(inst).AcceptsBackend() {
			return nil, model.ErrBackendServersInvalid()
		}
		ip := sp.ServerIp
		if ip == "" {
			ip = eni.PrimaryIpAddress
		}
		if !eni.HasIp(ip) {
			return nil, model.ErrBackendServersInvalid()
		}
		b.ServerIp, b.KeyIp, b.VpcId = ip, ip, eni.VpcId
	default: // eci: no elastic container instances are modelled, so none exists
		return nil, model.ErrObtainIpFail()
	}
	return b, nil
}

// attachmentsTxn returns the LB's attachments an element names: by ServerId
// for ecs; by ServerId and ServerIp for eni, or every IP of the ENI when the
// element has no ServerIp.
func attachmentsTxn(txn *memdb.Txn, lbId string, sp model.BackendServerSpec) []*model.Backend {
	if sp.Type == model.ServerECS || sp.ServerIp != "" {
		key := sp.Key()
		if b, _ := first(txn, tableBackends, indexID, lbId, key.ServerId, key.ServerIp).(*model.Backend); b != nil && b.Type == sp.Type {
			return []*model.Backend{b}
		}
		return nil
	}
	var out []*model.Backend
	for _, b := range all[model.Backend](txn, tableBackends, indexServer, sp.ServerId) {
		if b.LoadBalancerId == lbId && b.Type == sp.Type {
			out = append(out, b)
		}
	}
	return out
}

func removeBackendsTxn(txn *memdb.Txn, _ string, lb *model.LoadBalancer, specs []model.BackendServerSpec) ([]*model.Backend, bool, *model.Error) {
	changed := false
	for _, sp := range specs {
		for _, b := range attachmentsTxn(txn, lb.LoadBalancerId, sp) {
			remove(txn, tableBackends, b)
			changed = true
		}
	}
	return nil, changed, nil
}

// setBackendsTxn writes only the backends whose weight or description it
// changes, so that a Set to the current values writes nothing.
func setBackendsTxn(txn *memdb.Txn, _ string, lb *model.LoadBalancer, specs []model.BackendServerSpec) ([]*model.Backend, bool, *model.Error) {
	changed := false
	for _, sp := range specs {
		found := attachmentsTxn(txn, lb.LoadBalancerId, sp)
		if len(found) == 0 {
			return nil, false, model.ErrBackendServersInvalid()
		}
		for _, b := range found {
			updated := *b
			if sp.WeightSet {
				updated.Weight = sp.Weight
			}
			if sp.Description != "" {
				updated.Description = sp.Description
			}
			if updated != *b {
				insert(txn, tableBackends, &updated)
				changed = true
			}
		}
	}
	return nil, changed, nil
}
