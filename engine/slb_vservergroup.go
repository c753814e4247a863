package engine

import (
	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// vServer groups: named sets of backend servers of one LB, each member on a
// port of its own, that listeners forward to. A member passes the rules a
// default-group backend passes (resolveBackendTxn: the server exists and is
// Running, the network matrix, the ENI rules), and an LB's backends, in its
// default group and in every vServer group, share one network domain (one
// VPC, or classic) and one quota (Config.BackendQuota counts them all). A
// member's identity in its group is (ServerId, Port), and its ServerIp too
// for eni members: one server may be a member once per port.
//
// The calls that change members (Create, Add, Remove, Modify and
// SetVServerGroupAttribute) check, in order: RegionId (MissingParameter,
// InvalidRegionId.NotFound); the group (MissingParameter VServerGroupId;
// 404 InvalidParameter "The specified VServerGroupId does not exist.") or,
// for Create, the LB (MissingParameter, InvalidLoadBalancerId.NotFound);
// the LB not locked (ActionNotAllowed); the LB's configuring window
// (BackendServer.configuring, when Config.ConfiguringWindow is set: a
// group's members are the LB's backends); VServerGroupName (Create, Set);
// then BackendServers (model.ParseGroupBackendServers: at most 40
// elements, each with a Port), each element in turn, and the quota. The
// first failure wins; all or nothing. A call that changed members opens the
// LB's configuring window again, as a default-group change does. Group
// names need not be unique (INF: the documentation asks for no uniqueness).

// groupMembersOfTxn returns a group's members in the order they were added.
func groupMembersOfTxn(txn *memdb.Txn, groupId string) []*model.GroupBackend {
	return all[model.GroupBackend](txn, tableGroupBackends, indexGroup+"_prefix", groupId)
}

// lbGroupMemberCountTxn counts the members of every vServer group of an LB.
func lbGroupMemberCountTxn(txn *memdb.Txn, lbId string) int {
	return countRows(txn, tableGroupBackends, indexLB, lbId)
}

// countRows counts the rows index finds for args.
func countRows(txn *memdb.Txn, table, index string, args ...interface{}) int {
	it, err := txn.Get(table, index, args...)
	if err != nil {
		panic("engine: list " + table + "." + index + ": " + err.Error())
	}
	n := 0
	for obj := it.Next(); obj != nil; obj = it.Next() {
		n++
	}
	return n
}

// lbDomainTxn is the network domain an LB's backends share, in its default
// group and in its vServer groups; "" when it has none.
func lbDomainTxn(txn *memdb.Txn, lbId string) string {
	if b, _ := first(txn, tableBackends, indexLBOrder+"_prefix", lbId).(*model.Backend); b != nil {
		return serverDomain(b.VpcId)
	}
	return lbGroupDomainTxn(txn, lbId)
}

// lbGroupDomainTxn is the network domain of an LB's vServer group members;
// "" when its groups have none.
func lbGroupDomainTxn(txn *memdb.Txn, lbId string) string {
	if m, _ := first(txn, tableGroupBackends, indexLB, lbId).(*model.GroupBackend); m != nil {
		return serverDomain(m.VpcId)
	}
	return ""
}

// mutableVServerGroupTxn resolves the group of a call that may change it:
// it exists for the caller and its LB is not locked.
func mutableVServerGroupTxn(txn *memdb.Txn, account, region, id string) (*model.VServerGroup, *model.LoadBalancer, *model.Error) {
	g, e := vServerGroupOfCallTxn(txn, account, region, id)
	if e != nil {
		return nil, nil, e
	}
	lb, _ := first(txn, tableLoadBalancers, indexID, g.LoadBalancerId).(*model.LoadBalancer)
	if lb == nil { // Validate and the cascades keep every group's LB
		return nil, nil, model.ErrVServerGroupNotFound()
	}
	if lb.Status == model.LBLocked {
		return nil, nil, model.ErrActionNotAllowedLocked()
	}
	return g, lb, nil
}

// vServerGroupOfCallTxn checks a call's RegionId and VServerGroupId and
// returns the group.
func vServerGroupOfCallTxn(txn *memdb.Txn, account, region, id string) (*model.VServerGroup, *model.Error) {
	if _, e := regionTxn(txn, region); e != nil {
		return nil, e
	}
	if id == "" {
		return nil, model.ErrMissingParameter("VServerGroupId")
	}
	g := vServerGroupTxn(txn, account, region, id)
	if g == nil {
		return nil, model.ErrVServerGroupNotFound()
	}
	return g, nil
}

// checkVServerGroupName applies the name rule (DOC: 1 to 80 characters of
// letters, digits, CJK ideographs, '-', '/', '.', '_'); an empty name is
// "not given". The code and message are INF: the documentation names none.
func checkVServerGroupName(name string) *model.Error {
	if name != "" && !model.ValidVServerGroupName(name) {
		return model.ErrInvalidParameterValue("VServerGroupName")
	}
	return nil
}

// CreateVServerGroup creates a vServer group on an LB, with the members
// BackendServers names (none is fine). The checks are those of the package
// comment above, with the LB in place of the group; the group's ID is drawn
// only once every check has passed.
func (s *Store) CreateVServerGroup(account string, req *model.CreateVServerGroupRequest) (*model.CreateVServerGroupResponse, *model.Error) {
	specs, parseErr := model.ParseGroupBackendServers(req.BackendServers)
	resp := &model.CreateVServerGroupResponse{}
	e := s.write(func(txn *memdb.Txn) *model.Error {
		lb, e := mutableLoadBalancerTxn(txn, account, req.RegionId, req.LoadBalancerId)
		if e != nil {
			return e
		}
		if s.configuringTxn(lb) {
			return model.ErrBackendServerConfiguring()
		}
		if e := checkVServerGroupName(req.VServerGroupName); e != nil {
			return e
		}
		if parseErr != nil {
			return parseErr
		}
		toAdd, e := s.planGroupAddTxn(txn, account, lb, "", dedupGroupSpecs(specs))
		if e != nil {
			return e
		}
		if e := checkNewTags(req.Tag); e != nil {
			return e
		}
		region, _ := regionTxn(txn, lb.RegionId)
		g := &model.VServerGroup{
			VServerGroupId: s.newIDTxn(txn, tableVServerGroups, model.PrefixVServerGroup, region.IDCode),
			LoadBalancerId: lb.LoadBalancerId, AccountId: account, RegionId: lb.RegionId,
			VServerGroupName: req.VServerGroupName, CreationTime: s.now().UTC(), Seq: s.nextSeq(),
		}
		insert(txn, tableVServerGroups, g)
		if e := setTagsTxn(txn, account, lb.RegionId, model.ResourceTypeVServerGroup, g.VServerGroupId, g.Seq, req.Tag); e != nil {
			return e
		}
		if s.commitGroupAddTxn(txn, g, toAdd) {
			s.openConfiguringWindowTxn(txn, lb)
		}
		resp.VServerGroupId = g.VServerGroupId
		resp.BackendServers = groupMembersView(groupMembersOfTxn(txn, g.VServerGroupId), false)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

// AddVServerGroupBackendServers adds members to a vServer group, all or
// nothing: each element's server must pass the backend rules and must not
// be a member on that port already (InvalidParameter "The specified
// BackendServers is invalid.", as for AddBackendServers); duplicates inside
// the request are dropped, the first kept. The response lists every member.
func (s *Store) AddVServerGroupBackendServers(account string, req *model.AddVServerGroupBackendServersRequest) (*model.AddVServerGroupBackendServersResponse, *model.Error) {
	specs, parseErr := model.ParseGroupBackendServers(req.BackendServers)
	return s.changeGroupMembers(account, req.RegionId, req.VServerGroupId, parseErr,
		func(txn *memdb.Txn, lb *model.LoadBalancer, g *model.VServerGroup) (bool, *model.Error) {
			toAdd, e := s.planGroupAddTxn(txn, account, lb, g.VServerGroupId, dedupGroupSpecs(specs))
			if e != nil {
				return false, e
			}
			return s.commitGroupAddTxn(txn, g, toAdd), nil
		})
}

// RemoveVServerGroupBackendServers removes members from a vServer group. An
// element that names no member is ignored (INF, as for
// RemoveBackendServers); an eni element without ServerIp removes the ENI's
// members on that port by every address. The response lists the members left.
func (s *Store) RemoveVServerGroupBackendServers(account string, req *model.RemoveVServerGroupBackendServersRequest) (*model.RemoveVServerGroupBackendServersResponse, *model.Error) {
	specs, parseErr := model.ParseGroupBackendServers(req.BackendServers)
	return s.changeGroupMembers(account, req.RegionId, req.VServerGroupId, parseErr,
		func(txn *memdb.Txn, _ *model.LoadBalancer, g *model.VServerGroup) (bool, *model.Error) {
			return removeGroupMembersTxn(txn, g.VServerGroupId, dedupGroupSpecs(specs), false)
		})
}

// ModifyVServerGroupBackendServers replaces members: the members
// OldBackendServers names are removed, then those NewBackendServers names
// are added, in one transaction, all or nothing. Old elements must each name
// a member (InvalidParameter otherwise, INF: as SetVServerGroupAttribute);
// new ones pass the rules of AddVServerGroupBackendServers against the group
// as the removal leaves it, so that a member may be replaced by itself with
// another weight. A Modify that leaves the members as they were, in the
// same order (a last member replaced by itself, unchanged), writes nothing:
// it is not applied and opens no configuring window, as a Set to the
// current values. OldBackendServers is parsed, and its errors reported,
// before NewBackendServers.
func (s *Store) ModifyVServerGroupBackendServers(account string, req *model.ModifyVServerGroupBackendServersRequest) (*model.ModifyVServerGroupBackendServersResponse, *model.Error) {
	olds, parseErr := model.ParseGroupBackendServers(req.OldBackendServers)
	var news []model.BackendServerSpec
	if parseErr == nil {
		news, parseErr = model.ParseGroupBackendServers(req.NewBackendServers)
	}
	return s.changeGroupMembers(account, req.RegionId, req.VServerGroupId, parseErr,
		func(txn *memdb.Txn, lb *model.LoadBalancer, g *model.VServerGroup) (bool, *model.Error) {
			before := groupMembersOfTxn(txn, g.VServerGroupId)
			removed, e := removeGroupMembersTxn(txn, g.VServerGroupId, dedupGroupSpecs(olds), true)
			if e != nil {
				return false, e
			}
			toAdd, e := s.planGroupAddTxn(txn, account, lb, g.VServerGroupId, dedupGroupSpecs(news))
			if e != nil {
				return false, e
			}
			changed := s.commitGroupAddTxn(txn, g, toAdd) || removed
			if changed && sameMembers(before, groupMembersOfTxn(txn, g.VServerGroupId)) {
				return false, errMembersUnchanged
			}
			return changed, nil
		})
}

// errMembersUnchanged tells changeGroupMembers that a change left the
// group's members as they were (their Seq aside): the call succeeds and
// its transaction is dropped, so that nothing is written. It never leaves
// changeGroupMembers.
var errMembersUnchanged = new(model.Error)

// sameMembers reports whether two member lists are the same members in the
// same order, Seq aside.
func sameMembers(a, b []*model.GroupBackend) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := *a[i], *b[i]
		x.Seq, y.Seq = 0, 0
		if x != y {
			return false
		}
	}
	return true
}

// SetVServerGroupAttribute renames a vServer group (VServerGroupName, when
// given and valid) and changes the weight and description of members
// (BackendServers, each element naming a member: InvalidParameter
// otherwise, INF as for SetBackendServers; an element without Weight keeps
// the weight). It never adds or removes members. The response carries the
// group's name and every member.
func (s *Store) SetVServerGroupAttribute(account string, req *model.SetVServerGroupAttributeRequest) (*model.SetVServerGroupAttributeResponse, *model.Error) {
	specs, parseErr := model.ParseGroupBackendServers(req.BackendServers)
	resp := &model.SetVServerGroupAttributeResponse{}
	e := s.write(func(txn *memdb.Txn) *model.Error {
		g, lb, e := mutableVServerGroupTxn(txn, account, req.RegionId, req.VServerGroupId)
		if e != nil {
			return e
		}
		if s.configuringTxn(lb) {
			return model.ErrBackendServerConfiguring()
		}
		if e := checkVServerGroupName(req.VServerGroupName); e != nil {
			return e
		}
		if parseErr != nil {
			return parseErr
		}
		changed, e := setGroupMembersTxn(txn, g.VServerGroupId, dedupGroupSpecs(specs))
		if e != nil {
			return e
		}
		if changed {
			s.openConfiguringWindowTxn(txn, lb)
		}
		if req.VServerGroupName != "" && req.VServerGroupName != g.VServerGroupName {
			renamed := *g
			renamed.VServerGroupName = req.VServerGroupName
			insert(txn, tableVServerGroups, &renamed)
			g = &renamed
		}
		resp.VServerGroupId, resp.VServerGroupName = g.VServerGroupId, g.VServerGroupName
		resp.BackendServers = groupMembersView(groupMembersOfTxn(txn, g.VServerGroupId), false)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

// DeleteVServerGroup deletes a vServer group and its members. A group a
// listener uses is refused (RspoolVipExist, DOC); a locked LB's group too
// (ActionNotAllowed). The configuring window does not apply (INF: deleting
// a group no listener uses changes no forwarding).
func (s *Store) DeleteVServerGroup(account string, req *model.DeleteVServerGroupRequest) (*model.DeleteVServerGroupResponse, *model.Error) {
	e := s.write(func(txn *memdb.Txn) *model.Error {
		g, _, e := mutableVServerGroupTxn(txn, account, req.RegionId, req.VServerGroupId)
		if e != nil {
			return e
		}
		if vServerGroupInUseTxn(txn, g.VServerGroupId) {
			return model.ErrRspoolVipExist()
		}
		deleteVServerGroupTxn(txn, g)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.DeleteVServerGroupResponse{}, nil
}

// deleteVServerGroupTxn removes a group and its members.
func deleteVServerGroupTxn(txn *memdb.Txn, g *model.VServerGroup) {
	for _, m := range groupMembersOfTxn(txn, g.VServerGroupId) {
		remove(txn, tableGroupBackends, m)
	}
	removeResourceTagsTxn(txn, model.ResourceTypeVServerGroup, g.VServerGroupId)
	remove(txn, tableVServerGroups, g)
}

// groupListenersView lists the listeners that forward to a group, as
// DescribeVServerGroups shows them (none unless include).
func groupListenersView(txn *memdb.Txn, groupId string, include bool) []model.VServerGroupListenerView {
	out := []model.VServerGroupListenerView{}
	if !include {
		return out
	}
	for _, l := range listenersUsingGroupTxn(txn, groupId) {
		out = append(out, model.VServerGroupListenerView{Protocol: string(l.ListenerProtocol), Port: l.ListenerPort})
	}
	return out
}

// deleteVServerGroupsOfTxn removes every group of an LB and their members
// (DeleteLoadBalancer).
func deleteVServerGroupsOfTxn(txn *memdb.Txn, lbId string) {
	for _, g := range vServerGroupsOfTxn(txn, lbId) {
		deleteVServerGroupTxn(txn, g)
	}
}

// DescribeVServerGroups lists an LB's vServer groups in creation order,
// each with its member count. AssociatedObjects is always there; its
// Listeners lists the listeners that forward to the group when
// IncludeListener asks for them, and its Rules is empty (forwarding rules
// are not modelled).
func (s *Store) DescribeVServerGroups(account string, req *model.DescribeVServerGroupsRequest) (*model.DescribeVServerGroupsResponse, *model.Error) {
	resp := &model.DescribeVServerGroupsResponse{}
	e := s.read(func(txn *memdb.Txn) *model.Error {
		lb, e := loadBalancerInRegionTxn(txn, account, req.RegionId, req.LoadBalancerId)
		if e != nil {
			return e
		}
		conds, e := describeTagConds("", req.Tag)
		if e != nil {
			return e
		}
		groups := vServerGroupsOfTxn(txn, lb.LoadBalancerId)
		resp.VServerGroups.VServerGroup = make([]model.VServerGroupView, 0, len(groups))
		for _, g := range groups {
			if !hasTagsTxn(txn, model.ResourceTypeVServerGroup, g.VServerGroupId, conds) {
				continue
			}
			resp.VServerGroups.VServerGroup = append(resp.VServerGroups.VServerGroup, model.VServerGroupView{
				VServerGroupId: g.VServerGroupId, VServerGroupName: g.VServerGroupName,
				ServerCount: int64(countRows(txn, tableGroupBackends, indexGroup+"_prefix", g.VServerGroupId)),
				CreateTime:  vServerGroupCreateTime(g),
				AssociatedObjects: model.AssociatedObjects{
					Listeners: model.VServerGroupListeners{Listener: groupListenersView(txn, g.VServerGroupId, req.IncludeListener)},
					Rules:     model.VServerGroupRules{Rule: []model.VServerGroupRuleView{}},
				},
			})
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

// DescribeVServerGroupAttribute returns a vServer group with every member,
// ServerIp and VpcId included.
func (s *Store) DescribeVServerGroupAttribute(account string, req *model.DescribeVServerGroupAttributeRequest) (*model.DescribeVServerGroupAttributeResponse, *model.Error) {
	resp := &model.DescribeVServerGroupAttributeResponse{}
	e := s.read(func(txn *memdb.Txn) *model.Error {
		g, e := vServerGroupOfCallTxn(txn, account, req.RegionId, req.VServerGroupId)
		if e != nil {
			return e
		}
		resp.VServerGroupId, resp.VServerGroupName, resp.LoadBalancerId = g.VServerGroupId, g.VServerGroupName, g.LoadBalancerId
		resp.CreateTime = vServerGroupCreateTime(g)
		resp.BackendServers = groupMembersView(groupMembersOfTxn(txn, g.VServerGroupId), true)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

// vServerGroupCreateTime is a group's CreateTime as the API writes it (DOC
// example: "2022-08-31T02:49:05Z").
func vServerGroupCreateTime(g *model.VServerGroup) string {
	return g.CreationTime.UTC().Format("2006-01-02T15:04:05Z")
}

// groupMembersView renders a member list. full adds ServerIp and VpcId to
// every element (DescribeVServerGroupAttribute); otherwise only eni members
// carry their ServerIp.
func groupMembersView(members []*model.GroupBackend, full bool) model.GroupBackendServers {
	out := model.GroupBackendServers{BackendServer: make([]model.GroupBackendServerView, len(members))}
	for i, m := range members {
		v := &out.BackendServer[i]
		v.ServerId, v.Port, v.Weight, v.Type, v.Description = m.ServerId, m.Port, m.Weight, string(m.Type), m.Description
		if full || m.Type != model.ServerECS {
			v.ServerIp = m.ServerIp
		}
		if full {
			v.VpcId = m.VpcId
		}
	}
	return out
}

// groupMemberChange applies one member operation to a group and reports
// whether it changed anything.
type groupMemberChange func(txn *memdb.Txn, lb *model.LoadBalancer, g *model.VServerGroup) (changed bool, e *model.Error)

// changeGroupMembers is the frame of Add, Remove and Modify: resolve the
// group, check the LB's configuring window, report the parse error (parsed
// before the transaction, so that a large value never holds the write
// lock), apply change, and answer with the group's members, in one
// transaction (dropped, the call still succeeding, when change answers
// errMembersUnchanged).
func (s *Store) changeGroupMembers(account, region, groupId string, parseErr *model.Error, change groupMemberChange) (*model.VServerGroupBackendServersResponse, *model.Error) {
	resp := &model.VServerGroupBackendServersResponse{}
	e := s.write(func(txn *memdb.Txn) *model.Error {
		g, lb, e := mutableVServerGroupTxn(txn, account, region, groupId)
		if e != nil {
			return e
		}
		if s.configuringTxn(lb) {
			return model.ErrBackendServerConfiguring()
		}
		if parseErr != nil {
			return parseErr
		}
		changed, e := change(txn, lb, g)
		if e != nil && e != errMembersUnchanged {
			return e
		}
		if changed {
			s.openConfiguringWindowTxn(txn, lb)
		}
		resp.VServerGroupId = g.VServerGroupId
		resp.BackendServers = groupMembersView(groupMembersOfTxn(txn, g.VServerGroupId), false)
		return e // nil, or errMembersUnchanged: drop the transaction
	})
	if e != nil && e != errMembersUnchanged {
		return nil, e
	}
	return resp, nil
}

// dedupGroupSpecs keeps the first element of each identity in a group (Type
// included, as dedupSpecs does).
func dedupGroupSpecs(specs []model.BackendServerSpec) []model.BackendServerSpec {
	return dedupSpecsBy(specs, model.BackendServerSpec.GroupKey)
}

// planGroupAddTxn checks the elements to add to a group (groupId; "" for a
// group being created, which has no member) in order, as addBackendsTxn
// does: each server (resolveBackendTxn), the LB's network domain, not a
// member already; then the LB's quota over its default group and every
// vServer group. It returns the members to add, without group or Seq.
func (s *Store) planGroupAddTxn(txn *memdb.Txn, account string, lb *model.LoadBalancer, groupId string, specs []model.BackendServerSpec) ([]*model.GroupBackend, *model.Error) {
	if len(specs) == 0 {
		return nil, nil
	}
	domain := lbDomainTxn(txn, lb.LoadBalancerId)
	toAdd := make([]*model.GroupBackend, 0, len(specs))
	for _, sp := range specs {
		b, e := s.resolveBackendTxn(txn, account, lb, sp)
		if e != nil {
			return nil, e
		}
		m := &model.GroupBackend{
			LoadBalancerId: lb.LoadBalancerId, ServerId: b.ServerId, Port: sp.Port, KeyIp: b.KeyIp, Type: b.Type,
			Weight: b.Weight, ServerIp: b.ServerIp, VpcId: b.VpcId, Description: b.Description,
		}
		if containsMember(toAdd, m.GroupKey()) { // an eni listed with and without its primary IP
			continue
		}
		if d := serverDomain(m.VpcId); domain != "" && d != domain {
			return nil, model.ErrBackendServersInconsistent()
		} else {
			domain = d
		}
		if groupId != "" && first(txn, tableGroupBackends, indexID, groupId, m.ServerId, m.Port, m.KeyIp) != nil {
			return nil, model.ErrBackendServersInvalid()
		}
		toAdd = append(toAdd, m)
	}
	total := countRows(txn, tableBackends, indexLBOrder+"_prefix", lb.LoadBalancerId) + lbGroupMemberCountTxn(txn, lb.LoadBalancerId)
	if total+len(toAdd) > s.quota {
		return nil, model.ErrBackendServerQuota()
	}
	return toAdd, nil
}

// commitGroupAddTxn stores planned members in g, in order, each numbered
// from the store's sequence; it reports whether it stored any.
func (s *Store) commitGroupAddTxn(txn *memdb.Txn, g *model.VServerGroup, toAdd []*model.GroupBackend) bool {
	for _, m := range toAdd {
		m.VServerGroupId = g.VServerGroupId
		m.Seq = s.nextSeq()
		insert(txn, tableGroupBackends, m)
	}
	return len(toAdd) > 0
}

// containsMember reports whether one of ms has the identity k.
func containsMember(ms []*model.GroupBackend, k model.GroupKey) bool {
	for _, m := range ms {
		if m.GroupKey() == k {
			return true
		}
	}
	return false
}

// groupAttachmentsTxn returns the members of a group an element names: by
// ServerId and Port for ecs; by ServerId, Port and ServerIp for eni, or on
// that port by every IP of the ENI when the element has no ServerIp.
func groupAttachmentsTxn(txn *memdb.Txn, groupId string, sp model.BackendServerSpec) []*model.GroupBackend {
	if sp.Type == model.ServerECS || sp.ServerIp != "" {
		k := sp.GroupKey()
		if m, _ := first(txn, tableGroupBackends, indexID, groupId, k.ServerId, k.Port, k.ServerIp).(*model.GroupBackend); m != nil && m.Type == sp.Type {
			return []*model.GroupBackend{m}
		}
		return nil
	}
	var out []*model.GroupBackend
	for _, m := range all[model.GroupBackend](txn, tableGroupBackends, indexServer, sp.ServerId) {
		if m.VServerGroupId == groupId && m.Port == sp.Port && m.Type == sp.Type {
			out = append(out, m)
		}
	}
	return out
}

// removeGroupMembersTxn removes the members the elements name. With strict,
// an element that names no member is InvalidParameter (Modify's old list);
// without, it is ignored (Remove).
func removeGroupMembersTxn(txn *memdb.Txn, groupId string, specs []model.BackendServerSpec, strict bool) (bool, *model.Error) {
	changed := false
	for _, sp := range specs {
		found := groupAttachmentsTxn(txn, groupId, sp)
		if strict && len(found) == 0 {
			return false, model.ErrBackendServersInvalid()
		}
		for _, m := range found {
			remove(txn, tableGroupBackends, m)
			changed = true
		}
	}
	return changed, nil
}

// setGroupMembersTxn writes only the members whose weight or description
// it changes, so that a Set to the current values writes nothing.
func setGroupMembersTxn(txn *memdb.Txn, groupId string, specs []model.BackendServerSpec) (bool, *model.Error) {
	changed := false
	for _, sp := range specs {
		found := groupAttachmentsTxn(txn, groupId, sp)
		if len(found) == 0 {
			return false, model.ErrBackendServersInvalid()
		}
		for _, m := range found {
			updated := *m
			if sp.WeightSet {
				updated.Weight = sp.Weight
			}
			if sp.Description != "" {
				updated.Description = sp.Description
			}
			if updated != *m {
				insert(txn, tableGroupBackends, &updated)
				changed = true
			}
		}
	}
	return changed, nil
}
