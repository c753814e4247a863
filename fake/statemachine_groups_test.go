package fake_test

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/internal/refmodel"
	"github.com/slbfake/slbfake/model"
	"github.com/slbfake/slbfake/slbrapid"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// The vServer group actions of TestStateMachine: the eight calls, drawn as
// the default-group calls are (every BackendServers shape, the Go API and
// the wire, faults), compared with the reference model's groups after every
// step; the snapshot of the fake's groups; and the invariants of the fake's
// groups on its own state.

// smUnknownGroup is a vServer group ID nobody ever created.
const smUnknownGroup = "rsp-bp1unknown00000000000"

// drawGroup draws a VServerGroupId and the caller: mostly a live group and
// its owner, sometimes a deleted or unknown group, none, another account or
// region (drawAccount, drawRegion).
func (w *smWorld) drawGroup(t *rapid.T, liveWeight int) (groupId, account, region string) {
	switch smPick(t, "groupKind", liveWeight, 8, 4, 3) {
	case 0:
		var live []string
		for _, id := range w.groups {
			if _, ok := w.m.VServerGroupOf(id); ok {
				live = append(live, id)
			}
		}
		groupId = smGroupFrom(t, "groupId", live)
	case 1:
		groupId = smGroupFrom(t, "anyGroupId", w.groups) // deleted ones too
	case 2:
		groupId = smUnknownGroup
	}
	homeA, homeR := smAcctA, smRegionA
	if g, ok := w.m.VServerGroupOf(groupId); ok {
		homeA, homeR = g.AccountId, g.RegionId
	}
	return groupId, drawAccount(t, homeA), drawRegion(t, homeR)
}

// smGroupFrom draws a group ID from pool; with none, the unknown one.
func smGroupFrom(t *rapid.T, label string, pool []string) string {
	if len(pool) == 0 {
		return smUnknownGroup
	}
	return rapid.SampledFrom(pool).Draw(t, label)
}

// drawGroupName draws a VServerGroupName: mostly none or a good one.
func drawGroupName(t *rapid.T) string {
	return []string{"", "grp-1", "后端组", "a/b.c_d", strings.Repeat("g", 80), strings.Repeat("g", 81), "bad name!", "名" + strings.Repeat("x", 79)}[smPick(t, "groupName", 6, 4, 1, 1, 1, 1, 1, 1)]
}

// smGroupElem is one group BackendServers element before rendering: the
// default-group element, a raw Port token ("" absent), and the cloud
// controller's form (lower-case keys and its extra keys).
type smGroupElem struct {
	smElem
	port string
	ccm  bool
}

// drawGroupPort draws a Port token: mostly a small set of ports (so that
// members meet), the port of a member, or one at or past the edges.
func drawGroupPort(t *rapid.T, members []refmodel.GroupMember, clean bool) string {
	weights := []int{40, 20, 25, 5, 3, 2, 2, 2, 2, 1, 1, 1}
	if clean {
		weights = []int{40, 20, 25, 5, 0, 0, 0, 0, 0, 1, 1, 0}
	}
	switch smPick(t, "portKind", weights...) {
	case 0:
		return "80"
	case 1:
		return "443"
	case 2:
		if len(members) > 0 {
			return strconv.Itoa(members[rapid.IntRange(0, len(members)-1).Draw(t, "memberPort")].Port)
		}
		return "80"
	case 3:
		return "Q80Q" // a numeric string
	case 4:
		return ""
	case 5:
		return "0"
	case 6:
		return "65536"
	case 7:
		return "null"
	case 8:
		return rapid.SampledFrom([]string{"QabcQ", "80.5", "-1", "true", "[80]", "QQ"}).Draw(t, "badPort")
	case 9:
		return "65535"
	case 10:
		return "1"
	default:
		return "Q+8080Q"
	}
}

// drawGroupElem draws one element for an operation on group g (nil for a
// group being created) of lb: for Remove, Set and Modify's old list, often
// a member exactly; otherwise the default-group element (drawElem) over the
// LB seen with the group's members as its backends, with a drawn Port.
func (w *smWorld) drawGroupElem(t *rapid.T, op string, lb refmodel.LoadBalancer, g *refmodel.VServerGroup, prev []smElem, clean bool) smGroupElem {
	var members []refmodel.GroupMember
	if g != nil {
		members = g.Members
	}
	var e smGroupElem
	e.ccm = smPick(t, "ccmForm", 3, 1) == 1
	if op != "Add" && len(members) > 0 && smPick(t, "exactMember", 1, 1) == 1 {
		mb := members[rapid.IntRange(0, len(members)-1).Draw(t, "member")]
		e.id, e.port = sp(mb.ServerId), strconv.Itoa(mb.Port)
		if mb.Type == model.ServerENI {
			e.typ = sp("eni")
			if smPick(t, "memberIp", 1, 1) == 1 {
				e.ip = sp(mb.ServerIp)
			}
		}
		switch smPick(t, "memberWeight", 2, 1, 1) {
		case 1:
			e.weight = strconv.Itoa(mb.Weight)
		case 2:
			e.weight = strconv.Itoa(rapid.IntRange(0, 100).Draw(t, "w"))
		}
		if smPick(t, "memberDesc", 3, 1) == 1 {
			e.desc = sp(rapid.SampledFrom([]string{"web-1", "k8s/30080/web/default/c1"}).Draw(t, "descOK"))
		}
		return e
	}
	view := lb
	view.Backends = nil
	for _, mb := range members {
		view.Backends = append(view.Backends, refmodel.Backend{ServerId: mb.ServerId, Type: mb.Type, ServerIp: mb.ServerIp, VpcId: mb.VpcId})
	}
	e.smElem = w.drawElem(t, op, view, prev, clean)
	e.port = drawGroupPort(t, members, clean)
	return e
}

// renderGroupElems writes group elements as the wire string, each with its
// quote: the Port token as drawn (Q: the quote); in the cloud controller's
// form, keys in lower camel case with its extra keys (IsUserManaged,
// NodeName null, a TargetRef object) first.
func renderGroupElems(elems []smGroupElem, quotes []byte) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, e := range elems {
		q := string(quotes[i])
		if i > 0 {
			b.WriteByte(',')
		}
		var fields []string
		key := func(k string) string {
			if e.ccm {
				k = strings.ToLower(k[:1]) + k[1:]
			}
			return q + k + q
		}
		if e.ccm {
			fields = append(fields, q+"IsUserManaged"+q+":false", q+"NodeName"+q+":null",
				q+"TargetRef"+q+":{"+q+"kind"+q+":"+q+"Node"+q+","+q+"name"+q+":"+q+"node-"+strconv.Itoa(i)+q+"}")
		}
		str := func(k string, v *string) {
			if v != nil {
				fields = append(fields, key(k)+":"+q+*v+q)
			}
		}
		str("ServerId", e.id)
		if e.port != "" {
			fields = append(fields, key("Port")+":"+strings.ReplaceAll(e.port, "Q", q))
		}
		if e.weight != "" {
			fields = append(fields, key("Weight")+":"+strings.ReplaceAll(e.weight, "Q", q))
		}
		str("Type", e.typ)
		str("ServerIp", e.ip)
		str("Description", e.desc)
		b.WriteString("{" + strings.Join(fields, ",") + "}")
	}
	b.WriteByte(']')
	return b.String()
}

// smEdgeGroupBackendServers are values at the edges of the group rules: 40
// and 41 elements, what follows the 41st, the Port's edges and forms, the
// cloud controller's element, a Port given twice in two cases.
func smEdgeGroupBackendServers(id string) []string {
	el := func(fields string) string { return `{"ServerId":"` + id + `"` + fields + `}` }
	forty := strings.Repeat(el(`,"Port":80`)+",", 40)
	return []string{
		"[" + strings.TrimSuffix(forty, ",") + "]",                                       // 40: taken (duplicates)
		"[" + forty + el(`,"Port":80`) + "]",                                             // 41
		"[" + forty + el(`,"Port":80`) + ", garbage",                                     // the 41st read, then garbage
		"[" + forty + `{"ServerId":`,                                                     // broken inside the 41st
		"[" + strings.TrimSuffix(strings.Repeat(el("")+",", 41), ",") + "]",              // 41 without Port
		"[" + el("") + "]", "[" + el(`,"Port":null`) + "]", "[" + el(`,"Port":""`) + "]", // no Port
		"[" + el(`,"Port":0`) + "]", "[" + el(`,"Port":1`) + "]", "[" + el(`,"Port":65535`) + "]", "[" + el(`,"Port":65536`) + "]",
		"[" + el(`,"Port":"8080"`) + "]", "[" + el(`,"Port":" 80"`) + "]", "[" + el(`,"Port":8e1`) + "]", "[" + el(`,"Port":-0`) + "]",
		"[" + el(`,"Port":80,"PORT":81`) + "]", "[" + el(`,"Port":80,"port":null`) + "]", "[" + el(`,"port":443,"Port":80`) + "]",
		"[" + el(`,"Port":80,"Weight":101`) + "]", "[" + el(`,"Weight":101`) + "]", // Port is checked before Weight
		`[{"Port":80}]`, `[{"ServerId":"","Port":80}]`, `[{"ServerId":"` + id + `","Port":80,"Type":""}]`,
		`[{"IsUserManaged":false,"NodeName":null,"TargetRef":{"kind":"Node","name":"n1"},"serverId":"` + id +
			`","serverIp":"","port":30080,"weight":100,"type":"ecs","description":"k8s/30080/web/default/c1"}]`,
		`[{'serverId':'` + id + `','port':'30080','weight':'0'}]`,
		"[" + el(`,"Port":80`) + "," + el(`,"Port":"80"`) + "," + el(`,"Port":443`) + "]", // a duplicate, then another port
	}
}

// drawGroupBackendServers draws a group BackendServers value for op (Add,
// Remove, Set) on group g (nil: a group being created) of LB lbId.
func (w *smWorld) drawGroupBackendServers(t *rapid.T, op, lbId string, g *refmodel.VServerGroup) string {
	lb, _ := w.m.LoadBalancerOf(lbId)
	weights := []int{76, 5, 4, 3, 4, 8}
	if g == nil {
		weights[1] = 35 // a group is mostly created empty
	}
	switch smPick(t, "gbsShape", weights...) {
	case 1:
		return rapid.SampledFrom([]string{"", "[]", "  ", " [ ] "}).Draw(t, "empty")
	case 2:
		return rapid.SampledFrom([]string{
			"not json", "[{", `{"ServerId":"i-x","Port":80}`, "[1,2]", "[null]", "[{}]", `[{"ServerId":5,"Port":80}]`,
			`[{"ServerId":"i-x","Port":80,}]`, `[{"ServerId":"i-x","Port":80}] trailing`, `[[]]`,
		}).Draw(t, "malformed")
	case 3:
		return slbrapid.MalformedBackendServers().Draw(t, "malformedGen")
	case 4: // the toolkit's valid default-group values, with a Port now and then
		ids := w.ownersServers(lb)
		s := slbrapid.BackendServers(ids).Draw(t, "validGen")
		if smPick(t, "genPort", 1, 3) == 1 {
			s = strings.ReplaceAll(s, "{", `{"Port":80,`)
		}
		return s
	case 5:
		id := smFrom(t, "edgeId", w.instances)
		if g != nil && len(g.Members) > 0 && smPick(t, "edgeMember", 1, 1) == 1 {
			id = g.Members[0].ServerId
		}
		return rapid.SampledFrom(smEdgeGroupBackendServers(id)).Draw(t, "edge")
	}
	clean := smPick(t, "clean", 2, 1) == 0
	n := smDrawCount(t, 40)
	elems := make([]smGroupElem, 0, n)
	prev := make([]smElem, 0, n)
	for range n {
		e := w.drawGroupElem(t, op, lb, g, prev, clean)
		elems = append(elems, e)
		prev = append(prev, e.smElem)
	}
	quotes := smDrawQuotes(t, n)
	return renderGroupElems(elems, quotes)
}

// groupOf returns the model's group (nil when there is none) and its LB.
func (w *smWorld) groupOf(id string) (*refmodel.VServerGroup, string) {
	g, ok := w.m.VServerGroupOf(id)
	if !ok {
		return nil, ""
	}
	return &g, g.LoadBalancerId
}

func (w *smWorld) createVServerGroup(t *rapid.T) {
	lbId, account, region := w.drawLB(t, 85, false)
	req := &model.CreateVServerGroupRequest{RegionId: region, LoadBalancerId: lbId, VServerGroupName: drawGroupName(t),
		BackendServers: w.drawGroupBackendServers(t, "Add", lbId, nil)}
	if smPick(t, "groupTags", 3, 1) == 1 {
		req.Tag = drawTags(t, "groupTag")
	}
	resp, ok := smCall(t, w, "CreateVServerGroup", account, req,
		func(c *fake.Client) (*model.CreateVServerGroupResponse, error) {
			return c.CreateVServerGroup(context.Background(), req)
		},
		func(got *model.CreateVServerGroupResponse) (*model.CreateVServerGroupResponse, *model.Error) {
			var a refmodel.Assigned
			if got != nil {
				a.Id = got.VServerGroupId
			}
			return w.m.Sim().CreateVServerGroup(account, req, a)
		})
	if ok && len(fresh(w.groups, []string{resp.VServerGroupId})) == 1 {
		w.groups = append(w.groups, resp.VServerGroupId)
		checkIDs(t, "rsp-", req.RegionId, resp.VServerGroupId)
	}
}

// groupMembersCall runs AddVServerGroupBackendServers or
// RemoveVServerGroupBackendServers on a drawn group.
func (w *smWorld) groupMembersCall(t *rapid.T, op string) {
	groupId, account, region := w.drawGroup(t, 85)
	g, lbId := w.groupOf(groupId)
	req := &model.VServerGroupBackendServersRequest{RegionId: region, VServerGroupId: groupId,
		BackendServers: w.drawGroupBackendServers(t, op, lbId, g)}
	if op == "Add" {
		smCall(t, w, "AddVServerGroupBackendServers", account, req,
			func(c *fake.Client) (*model.VServerGroupBackendServersResponse, error) {
				return c.AddVServerGroupBackendServers(context.Background(), req)
			},
			func(*model.VServerGroupBackendServersResponse) (*model.VServerGroupBackendServersResponse, *model.Error) {
				return w.m.Sim().AddVServerGroupBackendServers(account, req)
			})
		return
	}
	smCall(t, w, "RemoveVServerGroupBackendServers", account, req,
		func(c *fake.Client) (*model.VServerGroupBackendServersResponse, error) {
			return c.RemoveVServerGroupBackendServers(context.Background(), req)
		},
		func(*model.VServerGroupBackendServersResponse) (*model.VServerGroupBackendServersResponse, *model.Error) {
			return w.m.Sim().RemoveVServerGroupBackendServers(account, req)
		})
}

// modifyVServerGroup replaces members: the old list mostly names members,
// the new one is drawn as for Add, or is the old one again (a member
// replaced by itself, with another weight).
func (w *smWorld) modifyVServerGroup(t *rapid.T) {
	groupId, account, region := w.drawGroup(t, 85)
	g, lbId := w.groupOf(groupId)
	req := &model.ModifyVServerGroupBackendServersRequest{RegionId: region, VServerGroupId: groupId}
	if g != nil && len(g.Members) > 0 && smPick(t, "oldMembers", 1, 1) == 0 {
		// Members exactly, so that the old list names them all.
		ms := rapid.SliceOfNDistinct(rapid.SampledFrom(g.Members), 1, min(3, len(g.Members)), keyOfGroupMember).Draw(t, "oldList")
		req.OldBackendServers = renderMembers(ms)
	} else {
		req.OldBackendServers = w.drawGroupBackendServers(t, "Remove", lbId, g)
	}
	switch smPick(t, "newKind", 3, 1, 1) {
	case 0:
		req.NewBackendServers = w.drawGroupBackendServers(t, "Add", lbId, g)
	case 1:
		req.NewBackendServers = req.OldBackendServers
	default:
		req.NewBackendServers = strings.ReplaceAll(req.OldBackendServers, `"Weight":`, `"Weight":1`)
	}
	smCall(t, w, "ModifyVServerGroupBackendServers", account, req,
		func(c *fake.Client) (*model.ModifyVServerGroupBackendServersResponse, error) {
			return c.ModifyVServerGroupBackendServers(context.Background(), req)
		},
		func(*model.ModifyVServerGroupBackendServersResponse) (*model.ModifyVServerGroupBackendServersResponse, *model.Error) {
			return w.m.Sim().ModifyVServerGroupBackendServers(account, req)
		})
}

// keyOfGroupMember is a member's identity, for drawing distinct members.
func keyOfGroupMember(m refmodel.GroupMember) string {
	return m.ServerId + "/" + strconv.Itoa(m.Port) + "/" + m.ServerIp
}

// renderMembers names members exactly (eni ones by their address).
func renderMembers(ms []refmodel.GroupMember) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = `{"ServerId":"` + m.ServerId + `","Port":` + strconv.Itoa(m.Port) + `,"Weight":` + strconv.Itoa(m.Weight)
		if m.Type == model.ServerENI {
			parts[i] += `,"Type":"eni","ServerIp":"` + m.ServerIp + `"`
		}
		parts[i] += "}"
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// addGroupBatch adds a batch of distinct servers a group's LB would take,
// each on a drawn port of two, enough to reach (or pass) the LB's quota
// across its default group and its groups.
func (w *smWorld) addGroupBatch(t *rapid.T) {
	var live []string
	for _, id := range w.groups {
		if _, ok := w.m.VServerGroupOf(id); ok {
			live = append(live, id)
		}
	}
	if len(live) == 0 {
		t.Skip("no group")
	}
	g, lbId := w.groupOf(rapid.SampledFrom(live).Draw(t, "batchGroup"))
	lb, _ := w.m.LoadBalancerOf(lbId)
	// Keep to the LB's network domain, or one the LB accepts.
	domain, fixed := "", false
	switch {
	case len(lb.Backends) > 0:
		domain, fixed = lb.Backends[0].VpcId, true
	case lb.NetworkType == model.NetworkVPC:
		domain, fixed = lb.VpcId, true
	case lb.AddressType == model.AddressIntranet:
		fixed = true
	}
	for _, other := range w.groups {
		if o, ok := w.m.VServerGroupOf(other); ok && o.LoadBalancerId == lbId && len(o.Members) > 0 && !fixed {
			domain, fixed = o.Members[0].VpcId, true
		}
	}
	var good []string
	for _, id := range w.instances {
		i, ok := w.m.InstanceOf(id)
		if ok && i.AccountId == lb.AccountId && i.RegionId == lb.RegionId && i.Status == model.StatusRunning && (!fixed || i.VpcId == domain) {
			good = append(good, id)
		}
	}
	if !fixed && len(good) > 0 {
		i, _ := w.m.InstanceOf(rapid.SampledFrom(good).Draw(t, "batchDomain"))
		good = slices.DeleteFunc(good, func(id string) bool { o, _ := w.m.InstanceOf(id); return o.VpcId != i.VpcId })
	}
	if len(good) == 0 {
		t.Skip("nothing to add")
	}
	ids := rapid.SliceOfNDistinct(rapid.SampledFrom(good), 1, len(good), rapid.ID[string]).Draw(t, "batch")
	elems := make([]string, len(ids))
	for i, id := range ids {
		elems[i] = `{"ServerId":"` + id + `","Port":` + rapid.SampledFrom([]string{"8080", "8443"}).Draw(t, "batchPort") + `,"Weight":` + strconv.Itoa(i) + `}`
	}
	req := &model.AddVServerGroupBackendServersRequest{RegionId: g.RegionId, VServerGroupId: g.VServerGroupId, BackendServers: "[" + strings.Join(elems, ",") + "]"}
	smCall(t, w, "AddVServerGroupBackendServers", g.AccountId, req,
		func(c *fake.Client) (*model.AddVServerGroupBackendServersResponse, error) {
			return c.AddVServerGroupBackendServers(context.Background(), req)
		},
		func(*model.AddVServerGroupBackendServersResponse) (*model.AddVServerGroupBackendServersResponse, *model.Error) {
			return w.m.Sim().AddVServerGroupBackendServers(g.AccountId, req)
		})
}

func (w *smWorld) setVServerGroupAttribute(t *rapid.T) {
	groupId, account, region := w.drawGroup(t, 85)
	g, lbId := w.groupOf(groupId)
	req := &model.SetVServerGroupAttributeRequest{RegionId: region, VServerGroupId: groupId, VServerGroupName: drawGroupName(t)}
	if smPick(t, "setMembers", 1, 3) == 1 {
		req.BackendServers = w.drawGroupBackendServers(t, "Set", lbId, g)
	}
	smCall(t, w, "SetVServerGroupAttribute", account, req,
		func(c *fake.Client) (*model.SetVServerGroupAttributeResponse, error) {
			return c.SetVServerGroupAttribute(context.Background(), req)
		},
		func(*model.SetVServerGroupAttributeResponse) (*model.SetVServerGroupAttributeResponse, *model.Error) {
			return w.m.Sim().SetVServerGroupAttribute(account, req)
		})
}

func (w *smWorld) deleteVServerGroup(t *rapid.T) {
	groupId, account, region := w.drawGroup(t, 20) // deletes are rarer than the other calls
	req := &model.DeleteVServerGroupRequest{RegionId: region, VServerGroupId: groupId}
	smCall(t, w, "DeleteVServerGroup", account, req,
		func(c *fake.Client) (*model.DeleteVServerGroupResponse, error) {
			return c.DeleteVServerGroup(context.Background(), req)
		},
		func(*model.DeleteVServerGroupResponse) (*model.DeleteVServerGroupResponse, *model.Error) {
			return w.m.DeleteVServerGroup(account, req)
		})
}

func (w *smWorld) describeVServerGroups(t *rapid.T) {
	lbId, account, region := w.drawLB(t, 85, false)
	req := &model.DescribeVServerGroupsRequest{RegionId: region, LoadBalancerId: lbId,
		IncludeListener: smPick(t, "includeListener", 1, 1) == 1, IncludeRule: smPick(t, "includeRule", 1, 1) == 1,
		Tag: drawTagFilter(t, "groupTagFilter")}
	read(t, w, "DescribeVServerGroups", account, req,
		func(c *fake.Client) (*model.DescribeVServerGroupsResponse, error) {
			return c.DescribeVServerGroups(context.Background(), req)
		},
		func() (*model.DescribeVServerGroupsResponse, *model.Error) {
			return w.m.DescribeVServerGroups(account, req)
		})
}

func (w *smWorld) describeVServerGroupAttribute(t *rapid.T) {
	groupId, account, region := w.drawGroup(t, 85)
	req := &model.DescribeVServerGroupAttributeRequest{RegionId: region, VServerGroupId: groupId}
	read(t, w, "DescribeVServerGroupAttribute", account, req,
		func(c *fake.Client) (*model.DescribeVServerGroupAttributeResponse, error) {
			return c.DescribeVServerGroupAttribute(context.Background(), req)
		},
		func() (*model.DescribeVServerGroupAttributeResponse, *model.Error) {
			return w.m.DescribeVServerGroupAttribute(account, req)
		})
}

// smGroupsOf projects the fake's groups on the model's terms: each with
// its members in the order they were added (nil when it has none).
func smGroupsOf(st engine.State) []refmodel.VServerGroup {
	byGroup := map[string][]model.GroupBackend{}
	for _, m := range st.GroupBackends {
		byGroup[m.VServerGroupId] = append(byGroup[m.VServerGroupId], m)
	}
	var out []refmodel.VServerGroup
	tags := smTagsOf(st, model.ResourceTypeVServerGroup)
	for _, g := range st.VServerGroups {
		ms := byGroup[g.VServerGroupId]
		slices.SortFunc(ms, func(a, b model.GroupBackend) int { return int(a.Seq) - int(b.Seq) })
		var members []refmodel.GroupMember
		for _, m := range ms {
			members = append(members, refmodel.GroupMember{ServerId: m.ServerId, Port: m.Port, Type: m.Type, ServerIp: m.ServerIp,
				VpcId: m.VpcId, Weight: m.Weight, Description: m.Description})
		}
		out = append(out, refmodel.VServerGroup{VServerGroupId: g.VServerGroupId, LoadBalancerId: g.LoadBalancerId,
			AccountId: g.AccountId, RegionId: g.RegionId, VServerGroupName: g.VServerGroupName,
			CreatedAt: g.CreationTime.UTC(), Members: members, Tags: tags[g.VServerGroupId]})
	}
	return out
}

// checkGroupInvariants checks the fake's groups on its own state, without
// the model: every group's LB exists, with the group's owner; every member's
// group exists, on the group's LB, with a Port in 1..65535, its server of
// the LB's owner (an ENI attached), once per (server, port, address) in its
// group; an LB's default group and groups share one network domain; no LB
// holds more backends and members together than the quota.
func checkGroupInvariants(t require.TestingT, st engine.State, quota int) {
	lbs := map[string]model.LoadBalancer{}
	for _, lb := range st.LoadBalancers {
		lbs[lb.LoadBalancerId] = lb
	}
	groups := map[string]model.VServerGroup{}
	for _, g := range st.VServerGroups {
		lb, ok := lbs[g.LoadBalancerId]
		require.True(t, ok, "group %s of missing LB %s", g.VServerGroupId, g.LoadBalancerId)
		require.Equal(t, [2]string{lb.AccountId, lb.RegionId}, [2]string{g.AccountId, g.RegionId}, "group %s: owner", g.VServerGroupId)
		groups[g.VServerGroupId] = g
	}
	owners := map[string][2]string{}
	domains := map[string]string{}
	for _, i := range st.Instances {
		owners[i.InstanceId] = [2]string{i.AccountId, i.RegionId}
		domains[i.InstanceId] = i.VpcId
	}
	attached := map[string]bool{}
	for _, n := range st.NetworkInterfaces {
		owners[n.NetworkInterfaceId] = [2]string{n.AccountId, n.RegionId}
		domains[n.NetworkInterfaceId] = n.VpcId
		attached[n.NetworkInterfaceId] = n.InstanceId != ""
	}
	type key struct {
		group, id string
		port      int
		ip        string
	}
	seen := map[key]bool{}
	count := map[string]int{}
	lbDomains := map[string]map[string]bool{}
	note := func(lb, domain string) {
		if lbDomains[lb] == nil {
			lbDomains[lb] = map[string]bool{}
		}
		lbDomains[lb][domain] = true
		count[lb]++
	}
	for _, b := range st.Backends {
		note(b.LoadBalancerId, b.VpcId)
	}
	for _, m := range st.GroupBackends {
		g, ok := groups[m.VServerGroupId]
		require.True(t, ok, "member %s of missing group %s", m.ServerId, m.VServerGroupId)
		require.Equal(t, g.LoadBalancerId, m.LoadBalancerId, "member %s of %s", m.ServerId, m.VServerGroupId)
		require.True(t, m.Port >= 1 && m.Port <= 65535, "member %s of %s on port %d", m.ServerId, m.VServerGroupId, m.Port)
		require.Equal(t, [2]string{g.AccountId, g.RegionId}, owners[m.ServerId], "member %s of %s: owner", m.ServerId, m.VServerGroupId)
		require.Equal(t, domains[m.ServerId], m.VpcId, "member %s of %s: VPC", m.ServerId, m.VServerGroupId)
		k := key{m.VServerGroupId, m.ServerId, m.Port, m.KeyIp}
		switch m.Type {
		case model.ServerECS:
			require.Empty(t, m.KeyIp, "ecs member %s has a KeyIp", m.ServerId)
		case model.ServerENI:
			require.Equal(t, m.ServerIp, m.KeyIp, "eni member %s", m.ServerId)
			require.True(t, attached[m.ServerId], "eni member %s of %s: the ENI is detached", m.ServerId, m.VServerGroupId)
		default:
			require.Failf(t, "member type", "member %s of %s has type %q", m.ServerId, m.VServerGroupId, m.Type)
		}
		require.False(t, seen[k], "member %s (%d, %s) twice in %s", m.ServerId, m.Port, m.KeyIp, m.VServerGroupId)
		seen[k] = true
		note(m.LoadBalancerId, m.VpcId)
	}
	for lb, ds := range lbDomains {
		require.Len(t, ds, 1, "LB %s mixes networks across its groups: %v", lb, ds)
	}
	for lb, n := range count {
		require.LessOrEqual(t, n, quota, "LB %s is above its quota, counting its groups", lb)
	}
}

// bootstrapGroups gives the world vServer groups through the API: one on
// the classic intranet LB with one of the classic instances on port 80, and
// an empty one on the VPC LB with a spec, which takes ENI members (not on
// the internet LB: its backends opened its configuring window).
func (w *smWorld) bootstrapGroups(t *rapid.T, classic []string) {
	w.goOnly = true
	defer func() { w.goOnly = false }()
	create := func(lbId, servers string) {
		req := &model.CreateVServerGroupRequest{RegionId: smRegionA, LoadBalancerId: lbId, VServerGroupName: "k8s/80/web/default/c1", BackendServers: servers}
		resp, ok := smCall(t, w, "CreateVServerGroup", smAcctA, req,
			func(c *fake.Client) (*model.CreateVServerGroupResponse, error) {
				return c.CreateVServerGroup(context.Background(), req)
			},
			func(got *model.CreateVServerGroupResponse) (*model.CreateVServerGroupResponse, *model.Error) {
				var a refmodel.Assigned
				if got != nil {
					a.Id = got.VServerGroupId
				}
				return w.m.Sim().CreateVServerGroup(smAcctA, req, a)
			})
		require.True(t, ok, "the bootstrap's group")
		w.groups = append(w.groups, resp.VServerGroupId)
	}
	var classicLB, eniLB string
	for _, id := range w.lbs {
		lb, _ := w.m.LoadBalancerOf(id)
		switch {
		case lb.AccountId != smAcctA || lb.RegionId != smRegionA:
		case lb.AddressType == model.AddressIntranet && lb.NetworkType == model.NetworkClassic && classicLB == "":
			classicLB = id
		case lb.NetworkType == model.NetworkVPC && lb.LoadBalancerSpec != "" && eniLB == "":
			eniLB = id
		}
	}
	create(classicLB, `[{"serverId":"`+classic[2]+`","port":"80","weight":50}]`)
	create(eniLB, "")
}
