package refmodel

import (
	"maps"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/slbfake/slbfake/model"
)

// vServer groups (README, fidelity table, "vServer groups"): named sets of
// members of one LB, each member a server on a port of its own. The rules,
// restated from the table:
//
//   - A member passes what a default-group backend passes (resolve: exists
//     and Running, the network matrix, the ENI rules), and its identity in
//     its group is (ServerId, Port), with the ServerIp for eni members: one
//     server may be a member once per port, and in several groups.
//   - An LB's backends, in its default group and in every group, share one
//     network domain and one quota (the quota counts a server in two groups
//     twice).
//   - The calls that change members check, in order: RegionId; the group
//     (MissingParameter VServerGroupId; 404 InvalidParameter "The specified
//     VServerGroupId does not exist." for an unknown, deleted, another
//     account's or region's group) or, for Create, the LB as
//     AddBackendServers checks it; the LB not locked; the LB's configuring
//     window; VServerGroupName (Create, Set); BackendServers (the model's
//     own reading, parseGroupBackendServers: Port required, 40 elements);
//     each element in turn; the quota. All or nothing.
//   - Duplicates inside a request: the first kept, the Type part of the
//     identity (as for the default group).
//   - Remove ignores an element that names no member; Modify's old list and
//     Set refuse one (InvalidParameter "The specified BackendServers is
//     invalid."); an eni element without ServerIp names the ENI's members
//     on its port by every address.
//   - Modify removes the old members, then adds the new ones as Add does,
//     against the group the removal leaves.
//   - DeleteVServerGroup ignores the configuring window; a group a
//     listener forwards to is RspoolVipExist (slb_listener_groups.go).
//   - Cascades: DeleteLoadBalancer deletes the LB's groups; whatever removes
//     a server from the default group (DeleteInstance, an ENI detached or
//     deleted) removes its memberships in every group (dropBackends).

// VServerGroup is a vServer group as the model keeps it, with its members in
// the order they were added.
type VServerGroup struct {
	VServerGroupId   string
	LoadBalancerId   string
	AccountId        string
	RegionId         string
	VServerGroupName string
	// CreatedAt is the model's clock when the group was created.
	CreatedAt time.Time
	Members   []GroupMember
	// Tags are the group's tags as a tag resource, by key.
	Tags map[string]string
}

// GroupMember is one member of a vServer group.
type GroupMember struct {
	ServerId    string
	Port        int
	Type        model.ServerType
	ServerIp    string
	VpcId       string
	Weight      int
	Description string
}

// memberKey is a member's identity in its group: server and port, and the
// address for eni members.
type memberKey struct {
	id   string
	port int
	ip   string
}

func keyOfMember(g GroupMember) memberKey {
	if g.Type == model.ServerECS {
		return memberKey{id: g.ServerId, port: g.Port}
	}
	return memberKey{id: g.ServerId, port: g.Port, ip: g.ServerIp}
}

// groupDedup keeps the first element of each identity in a group (the
// default group's identity, elementKey, with the Port).
func groupDedup(specs []model.BackendServerSpec) []model.BackendServerSpec {
	type key struct {
		elementKey
		port int
	}
	var out []model.BackendServerSpec
	seen := map[key]bool{}
	for _, sp := range specs {
		k := key{keyOf(sp), sp.Port}
		if !seen[k] {
			seen[k] = true
			out = append(out, sp)
		}
	}
	return out
}

// groupsOf returns an LB's groups in creation order.
func (m *Model) groupsOf(lbId string) []*VServerGroup {
	var out []*VServerGroup
	for _, id := range m.groupOrder {
		if g := m.groups[id]; g.LoadBalancerId == lbId {
			out = append(out, g)
		}
	}
	return out
}

// memberCount counts the members of every group of an LB.
func (m *Model) memberCount(lbId string) int {
	n := 0
	for _, g := range m.groupsOf(lbId) {
		n += len(g.Members)
	}
	return n
}

// lbDomain is the network domain every backend of an LB shares, in its
// default group and in its groups: "classic" or a VPC ID; "" while it has
// none.
func (m *Model) lbDomain(lb *LoadBalancer) string {
	if len(lb.Backends) > 0 {
		return domainOf(lb.Backends[0])
	}
	for _, g := range m.groupsOf(lb.LoadBalancerId) {
		if len(g.Members) > 0 {
			return memberDomain(g.Members[0])
		}
	}
	return ""
}

func memberDomain(g GroupMember) string {
	if g.VpcId == "" {
		return "classic"
	}
	return g.VpcId
}

// validGroupName is the VServerGroupName rule (DOC): 1 to 80 characters of
// letters, digits, CJK ideographs, '-', '/', '.', '_' (the characters of a
// backend Description).
func validGroupName(name string) bool {
	if name == "" || utf8.RuneCountInString(name) > 80 {
		return false
	}
	for _, r := range name {
		if !bsDescriptionRune(r) {
			return false
		}
	}
	return true
}

// checkGroupName applies the name rule to a given name; "" is not given.
func checkGroupName(name string) *model.Error {
	if name != "" && !validGroupName(name) {
		return model.ErrInvalidParameterValue("VServerGroupName")
	}
	return nil
}

// groupFor resolves a call's RegionId and VServerGroupId.
func (m *Model) groupFor(account, region, id string) (*VServerGroup, *model.Error) {
	if e := checkRegion(region); e != nil {
		return nil, e
	}
	if id == "" {
		return nil, model.ErrMissingParameter("VServerGroupId")
	}
	g := m.groups[id]
	if g == nil || !visible(account, region, g.AccountId, g.RegionId) {
		return nil, model.ErrVServerGroupNotFound()
	}
	return g, nil
}

// mutableGroup is groupFor, then the group's LB not locked.
func (m *Model) mutableGroup(account, region, id string) (*VServerGroup, *LoadBalancer, *model.Error) {
	g, e := m.groupFor(account, region, id)
	if e != nil {
		return nil, nil, e
	}
	lb := m.lbs[g.LoadBalancerId]
	if lb.Status == model.LBLocked {
		return nil, nil, model.ErrActionNotAllowedLocked()
	}
	return g, lb, nil
}

// planMembers checks the elements to add to g (nil for a group being
// created), in order, as AddBackendServers checks its elements: the server
// (resolve), the same attachment named twice once defaults apply (dropped),
// the LB's one network domain, not a member of g already; then the LB's
// quota over its default group and every group. It returns the members to
// add.
func (m *Model) planMembers(account string, lb *LoadBalancer, g *VServerGroup, specs []model.BackendServerSpec) ([]GroupMember, *model.Error) {
	if len(specs) == 0 {
		return nil, nil
	}
	domain := m.lbDomain(lb)
	have := map[memberKey]bool{}
	if g != nil {
		for _, mb := range g.Members {
			have[keyOfMember(mb)] = true
		}
	}
	inRequest := map[memberKey]bool{}
	var adding []GroupMember
	for _, sp := range specs {
		b, e := m.resolve(account, lb, sp)
		if e != nil {
			return nil, e
		}
		mb := GroupMember{ServerId: b.ServerId, Port: sp.Port, Type: b.Type, ServerIp: b.ServerIp, VpcId: b.VpcId,
			Weight: b.Weight, Description: b.Description}
		k := keyOfMember(mb)
		if inRequest[k] {
			continue
		}
		if d := memberDomain(mb); domain != "" && d != domain {
			return nil, model.ErrBackendServersInconsistent()
		} else if domain == "" {
			domain = d
		}
		if have[k] {
			return nil, model.ErrBackendServersInvalid()
		}
		inRequest[k] = true
		adding = append(adding, mb)
	}
	if len(lb.Backends)+m.memberCount(lb.LoadBalancerId)+len(adding) > m.quota {
		return nil, model.ErrBackendServerQuota()
	}
	return adding, nil
}

// namedMembers returns the indexes of the members an element names: same
// server, Type and Port, and, for an eni element with a ServerIp, that
// address.
func namedMembers(members []GroupMember, sp model.BackendServerSpec) []int {
	var out []int
	for i, mb := range members {
		if mb.ServerId != sp.ServerId || mb.Type != sp.Type || mb.Port != sp.Port {
			continue
		}
		if sp.Type == model.ServerECS || sp.ServerIp == "" || sp.ServerIp == mb.ServerIp {
			out = append(out, i)
		}
	}
	return out
}

// withoutNamed removes the members the elements name, element by element;
// with strict an element that names none (of what is left) is
// InvalidParameter.
func withoutNamed(members []GroupMember, specs []model.BackendServerSpec, strict bool) ([]GroupMember, *model.Error) {
	left := slices.Clone(members)
	for _, sp := range specs {
		idx := namedMembers(left, sp)
		if strict && len(idx) == 0 {
			return nil, model.ErrBackendServersInvalid()
		}
		gone := map[int]bool{}
		for _, i := range idx {
			gone[i] = true
		}
		kept := []GroupMember{}
		for i, mb := range left {
			if !gone[i] {
				kept = append(kept, mb)
			}
		}
		left = kept
	}
	return left, nil
}

// membersView renders members: full (DescribeVServerGroupAttribute) with
// ServerIp and VpcId; otherwise ServerIp only for eni members.
func membersView(members []GroupMember, full bool) model.GroupBackendServers {
	out := model.GroupBackendServers{BackendServer: []model.GroupBackendServerView{}}
	for _, mb := range members {
		v := model.GroupBackendServerView{ServerId: mb.ServerId, Port: mb.Port, Weight: mb.Weight, Type: string(mb.Type),
			Description: mb.Description}
		if full || mb.Type != model.ServerECS {
			v.ServerIp = mb.ServerIp
		}
		if full {
			v.VpcId = mb.VpcId
		}
		out.BackendServer = append(out.BackendServer, v)
	}
	return out
}

func groupResponse(g *VServerGroup) *model.VServerGroupBackendServersResponse {
	return &model.VServerGroupBackendServersResponse{VServerGroupId: g.VServerGroupId, BackendServers: membersView(g.Members, false)}
}

// CreateVServerGroup is the model's CreateVServerGroup. got is what the fake
// assigned (the group's ID), used only when the call succeeds.
func (m *Model) CreateVServerGroup(account string, req *model.CreateVServerGroupRequest, got Assigned) (*model.CreateVServerGroupResponse, *model.Error) {
	lb, e := m.mutableLB(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return nil, e
	}
	if m.configuring(lb) {
		return nil, model.ErrBackendServerConfiguring()
	}
	if e := checkGroupName(req.VServerGroupName); e != nil {
		return nil, e
	}
	specs, e := parseGroupBackendServers(req.BackendServers)
	if e != nil {
		return nil, e
	}
	adding, e := m.planMembers(account, lb, nil, groupDedup(specs))
	if e != nil {
		return nil, e
	}
	tags, e := newTags(req.Tag) // Tag.N, after the members
	if e != nil {
		return nil, e
	}
	g := &VServerGroup{Tags: tags, VServerGroupId: got.Id, LoadBalancerId: lb.LoadBalancerId, AccountId: lb.AccountId, RegionId: lb.RegionId,
		VServerGroupName: req.VServerGroupName, CreatedAt: m.now, Members: append([]GroupMember{}, adding...)}
	if m.groups == nil {
		m.groups = map[string]*VServerGroup{}
	}
	m.groups[g.VServerGroupId] = g
	m.groupOrder = append(m.groupOrder, g.VServerGroupId)
	return groupResponse(g), nil
}

// groupFrame is the start of Add, Remove and Modify: the group, its LB not
// locked, the LB's configuring window.
func (m *Model) groupFrame(account, region, id string) (*VServerGroup, *LoadBalancer, *model.Error) {
	g, lb, e := m.mutableGroup(account, region, id)
	if e != nil {
		return nil, nil, e
	}
	if m.configuring(lb) {
		return nil, nil, model.ErrBackendServerConfiguring()
	}
	return g, lb, nil
}

// AddVServerGroupBackendServers is the model's AddVServerGroupBackendServers.
func (m *Model) AddVServerGroupBackendServers(account string, req *model.AddVServerGroupBackendServersRequest) (*model.AddVServerGroupBackendServersResponse, *model.Error) {
	g, lb, e := m.groupFrame(account, req.RegionId, req.VServerGroupId)
	if e != nil {
		return nil, e
	}
	specs, e := parseGroupBackendServers(req.BackendServers)
	if e != nil {
		return nil, e
	}
	adding, e := m.planMembers(account, lb, g, groupDedup(specs))
	if e != nil {
		return nil, e
	}
	g.Members = append(g.Members, adding...)
	return groupResponse(g), nil
}

// RemoveVServerGroupBackendServers is the model's
// RemoveVServerGroupBackendServers: an element that names no member is
// ignored.
func (m *Model) RemoveVServerGroupBackendServers(account string, req *model.RemoveVServerGroupBackendServersRequest) (*model.RemoveVServerGroupBackendServersResponse, *model.Error) {
	g, _, e := m.groupFrame(account, req.RegionId, req.VServerGroupId)
	if e != nil {
		return nil, e
	}
	specs, e := parseGroupBackendServers(req.BackendServers)
	if e != nil {
		return nil, e
	}
	g.Members, _ = withoutNamed(g.Members, groupDedup(specs), false)
	return groupResponse(g), nil
}

// ModifyVServerGroupBackendServers is the model's
// ModifyVServerGroupBackendServers: OldBackendServers parsed (and its error
// reported) before NewBackendServers; each old element must name a member
// of what the earlier ones left; the new ones are planned against the group
// the removal leaves.
func (m *Model) ModifyVServerGroupBackendServers(account string, req *model.ModifyVServerGroupBackendServersRequest) (*model.ModifyVServerGroupBackendServersResponse, *model.Error) {
	g, lb, e := m.groupFrame(account, req.RegionId, req.VServerGroupId)
	if e != nil {
		return nil, e
	}
	olds, e := parseGroupBackendServers(req.OldBackendServers)
	if e != nil {
		return nil, e
	}
	news, e := parseGroupBackendServers(req.NewBackendServers)
	if e != nil {
		return nil, e
	}
	left, e := withoutNamed(g.Members, groupDedup(olds), true)
	if e != nil {
		return nil, e
	}
	before := g.Members
	g.Members = left
	adding, e := m.planMembers(account, lb, g, groupDedup(news))
	if e != nil {
		g.Members = before
		return nil, e
	}
	g.Members = append(g.Members, adding...)
	return groupResponse(g), nil
}

// SetVServerGroupAttribute is the model's SetVServerGroupAttribute: the name
// (when given) and the weights and descriptions of members, each element
// naming at least one member.
func (m *Model) SetVServerGroupAttribute(account string, req *model.SetVServerGroupAttributeRequest) (*model.SetVServerGroupAttributeResponse, *model.Error) {
	g, _, e := m.groupFrame(account, req.RegionId, req.VServerGroupId)
	if e != nil {
		return nil, e
	}
	if e := checkGroupName(req.VServerGroupName); e != nil {
		return nil, e
	}
	specs, e := parseGroupBackendServers(req.BackendServers)
	if e != nil {
		return nil, e
	}
	next := slices.Clone(g.Members)
	for _, sp := range groupDedup(specs) {
		idx := namedMembers(next, sp)
		if len(idx) == 0 {
			return nil, model.ErrBackendServersInvalid()
		}
		for _, i := range idx {
			if sp.WeightSet {
				next[i].Weight = sp.Weight
			}
			if sp.Description != "" {
				next[i].Description = sp.Description
			}
		}
	}
	g.Members = next
	if req.VServerGroupName != "" {
		g.VServerGroupName = req.VServerGroupName
	}
	return &model.SetVServerGroupAttributeResponse{VServerGroupId: g.VServerGroupId, VServerGroupName: g.VServerGroupName,
		BackendServers: membersView(g.Members, false)}, nil
}

// DeleteVServerGroup is the model's DeleteVServerGroup: the group, its LB
// not locked, no listener forwarding to it (RspoolVipExist); the
// configuring window does not apply. Its tags go with it.
func (m *Model) DeleteVServerGroup(account string, req *model.DeleteVServerGroupRequest) (*model.DeleteVServerGroupResponse, *model.Error) {
	g, _, e := m.mutableGroup(account, req.RegionId, req.VServerGroupId)
	if e != nil {
		return nil, e
	}
	if len(m.listenersOfGroup(g)) > 0 {
		return nil, model.ErrRspoolVipExist()
	}
	m.deleteGroup(g.VServerGroupId)
	return &model.DeleteVServerGroupResponse{}, nil
}

func (m *Model) deleteGroup(id string) {
	delete(m.groups, id)
	m.groupOrder = slices.DeleteFunc(m.groupOrder, func(g string) bool { return g == id })
}

// dropGroupsOf deletes an LB's groups with their members (DeleteLoadBalancer).
func (m *Model) dropGroupsOf(lbId string) {
	for _, g := range m.groupsOf(lbId) {
		m.deleteGroup(g.VServerGroupId)
	}
}

// dropMembers removes every membership of a server, in every group.
func (m *Model) dropMembers(serverId string) {
	for _, g := range m.groups {
		g.Members = slices.DeleteFunc(g.Members, func(mb GroupMember) bool { return mb.ServerId == serverId })
	}
}

// groupCreateTime is a group's CreateTime as the API writes it.
func groupCreateTime(g *VServerGroup) string { return g.CreatedAt.UTC().Format("2006-01-02T15:04:05Z") }

// DescribeVServerGroups is the model's DescribeVServerGroups: RegionId, the
// LB (required, visible; locked ones too), Tag.N (as DescribeLoadBalancers
// reads it), then its groups that have every tag, in creation order, with
// their member counts; AssociatedObjects lists the listeners forwarding to
// each group when IncludeListener asks, and no rules.
func (m *Model) DescribeVServerGroups(account string, req *model.DescribeVServerGroupsRequest) (*model.DescribeVServerGroupsResponse, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	lb, e := m.lbFor(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return nil, e
	}
	want, e := describeTagFilter(&model.DescribeLoadBalancersRequest{Tag: req.Tag})
	if e != nil {
		return nil, e
	}
	resp := &model.DescribeVServerGroupsResponse{}
	resp.VServerGroups.VServerGroup = []model.VServerGroupView{}
	for _, g := range m.groupsOf(lb.LoadBalancerId) {
		if !hasEveryTag(g.Tags, want) {
			continue
		}
		listeners := []model.VServerGroupListenerView{}
		for _, l := range m.listenersOfGroup(g) {
			if req.IncludeListener {
				listeners = append(listeners, model.VServerGroupListenerView{Protocol: string(l.Protocol), Port: l.ListenerPort})
			}
		}
		resp.VServerGroups.VServerGroup = append(resp.VServerGroups.VServerGroup, model.VServerGroupView{
			VServerGroupId: g.VServerGroupId, VServerGroupName: g.VServerGroupName, ServerCount: int64(len(g.Members)),
			CreateTime: groupCreateTime(g),
			AssociatedObjects: model.AssociatedObjects{
				Listeners: model.VServerGroupListeners{Listener: listeners},
				Rules:     model.VServerGroupRules{Rule: []model.VServerGroupRuleView{}},
			},
		})
	}
	return resp, nil
}

// DescribeVServerGroupAttribute is the model's DescribeVServerGroupAttribute
// (a locked LB's group too): every member with ServerIp and VpcId.
func (m *Model) DescribeVServerGroupAttribute(account string, req *model.DescribeVServerGroupAttributeRequest) (*model.DescribeVServerGroupAttributeResponse, *model.Error) {
	g, e := m.groupFor(account, req.RegionId, req.VServerGroupId)
	if e != nil {
		return nil, e
	}
	return &model.DescribeVServerGroupAttributeResponse{VServerGroupId: g.VServerGroupId, VServerGroupName: g.VServerGroupName,
		LoadBalancerId: g.LoadBalancerId, CreateTime: groupCreateTime(g), BackendServers: membersView(g.Members, true)}, nil
}

// VServerGroupOf returns a copy of a group, or false.
func (m *Model) VServerGroupOf(id string) (VServerGroup, bool) {
	g := m.groups[id]
	if g == nil {
		return VServerGroup{}, false
	}
	c := *g
	c.Members = slices.Clone(g.Members)
	c.Tags = maps.Clone(g.Tags)
	return c, true
}

// The configuring window of the group calls (README, fidelity table,
// "vServer groups", "Configuring window"): it is the LB's; Create, Add,
// Remove, Modify and SetVServerGroupAttribute inside it are refused (the
// check above, right after the group's LB), and one that changed the
// members of the LB's groups opens it again, as a default-group change does.

// lbMember is a member with its group, to compare an LB's memberships before
// and after a call.
type lbMember struct {
	group string
	GroupMember
}

func (s Sim) lbMembers(lbId string) []lbMember {
	var out []lbMember
	for _, g := range s.m.groupsOf(lbId) {
		for _, mb := range g.Members {
			out = append(out, lbMember{g.VServerGroupId, mb})
		}
	}
	return out
}

// groupLB is the LB of a group, or "".
func (s Sim) groupLB(id string) string {
	if g := s.m.groups[id]; g != nil {
		return g.LoadBalancerId
	}
	return ""
}

// windowed runs call, a group call on LB lbId, and opens the LB's window
// when it succeeded and changed the members of the LB's groups.
func windowed[R any](s Sim, lbId string, call func() (R, *model.Error)) (R, *model.Error) {
	before := s.lbMembers(lbId)
	resp, e := call()
	if e == nil && s.m.sim.ConfiguringWindow > 0 && !slices.Equal(before, s.lbMembers(lbId)) {
		s.m.busyUntil[lbId] = s.m.now.Add(s.m.sim.ConfiguringWindow)
	}
	return resp, e
}

// CreateVServerGroup is the model's, with the window.
func (s Sim) CreateVServerGroup(account string, req *model.CreateVServerGroupRequest, got Assigned) (*model.CreateVServerGroupResponse, *model.Error) {
	return windowed(s, req.LoadBalancerId, func() (*model.CreateVServerGroupResponse, *model.Error) {
		return s.m.CreateVServerGroup(account, req, got)
	})
}

// AddVServerGroupBackendServers is the model's, with the window.
func (s Sim) AddVServerGroupBackendServers(account string, req *model.AddVServerGroupBackendServersRequest) (*model.AddVServerGroupBackendServersResponse, *model.Error) {
	return windowed(s, s.groupLB(req.VServerGroupId), func() (*model.AddVServerGroupBackendServersResponse, *model.Error) {
		return s.m.AddVServerGroupBackendServers(account, req)
	})
}

// RemoveVServerGroupBackendServers is the model's, with the window.
func (s Sim) RemoveVServerGroupBackendServers(account string, req *model.RemoveVServerGroupBackendServersRequest) (*model.RemoveVServerGroupBackendServersResponse, *model.Error) {
	return windowed(s, s.groupLB(req.VServerGroupId), func() (*model.RemoveVServerGroupBackendServersResponse, *model.Error) {
		return s.m.RemoveVServerGroupBackendServers(account, req)
	})
}

// ModifyVServerGroupBackendServers is the model's, with the window.
func (s Sim) ModifyVServerGroupBackendServers(account string, req *model.ModifyVServerGroupBackendServersRequest) (*model.ModifyVServerGroupBackendServersResponse, *model.Error) {
	return windowed(s, s.groupLB(req.VServerGroupId), func() (*model.ModifyVServerGroupBackendServersResponse, *model.Error) {
		return s.m.ModifyVServerGroupBackendServers(account, req)
	})
}

// SetVServerGroupAttribute is the model's, with the window: a rename alone
// opens none.
func (s Sim) SetVServerGroupAttribute(account string, req *model.SetVServerGroupAttributeRequest) (*model.SetVServerGroupAttributeResponse, *model.Error) {
	return windowed(s, s.groupLB(req.VServerGroupId), func() (*model.SetVServerGroupAttributeResponse, *model.Error) {
		return s.m.SetVServerGroupAttribute(account, req)
	})
}
