package engine_test

// vServer groups at the engine: the calls, their errors, the cascades, the
// state, and property tests for the member identity (server, port, IP), the
// per-LB quota across groups, and all-or-nothing.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// groupWorld: an ecsWorld with an internet LB, four Running VPC instances
// of vpc1 and a group on the LB.
type groupWorld struct {
	ecsWorld
	lb    string
	insts []string
	group string
}

func newGroupWorld(t testingT, cfg engine.Config) groupWorld {
	t.Helper()
	w := groupWorld{ecsWorld: newECSWorldWith(t, cfg)}
	r, e := createLB(w.s, model.CreateLoadBalancerRequest{})
	require.Nil(t, e)
	w.lb = r.LoadBalancerId
	w.insts = w.run(t, w.vswA, 4)
	w.group = w.create(t, w.lb, "")
	return w
}

func (w groupWorld) create(t testingT, lb, servers string) string {
	t.Helper()
	resp, e := w.s.CreateVServerGroup(testAccount, &model.CreateVServerGroupRequest{RegionId: testRegion, LoadBalancerId: lb, VServerGroupName: "k8s/30080/web/default/c1", BackendServers: servers})
	require.Nil(t, e)
	return resp.VServerGroupId
}

func (w groupWorld) add(group, servers string) (*model.AddVServerGroupBackendServersResponse, *model.Error) {
	return w.s.AddVServerGroupBackendServers(testAccount, &model.AddVServerGroupBackendServersRequest{RegionId: testRegion, VServerGroupId: group, BackendServers: servers})
}

func (w groupWorld) members(t testingT, group string) []model.GroupBackendServerView {
	t.Helper()
	resp, e := w.s.DescribeVServerGroupAttribute(testAccount, &model.DescribeVServerGroupAttributeRequest{RegionId: testRegion, VServerGroupId: group})
	require.Nil(t, e)
	return resp.BackendServers.BackendServer
}

// memberKeys renders members as "server:port".
func memberKeys(ms []model.GroupBackendServerView) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s:%d", m.ServerId, m.Port))
	}
	return out
}

func portElems(port int, ids ...string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf(`{"ServerId":%q,"Port":%d}`, id, port)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func TestVServerGroupLifecycle(t *testing.T) {
	t.Parallel()
	w := newGroupWorld(t, engine.Config{})
	a, b := w.insts[0], w.insts[1]

	// The cloud controller's form: lower-case keys and extra keys.
	ccm := fmt.Sprintf(`[{"IsUserManaged":false,"NodeName":null,"TargetRef":{"kind":"Node","name":"n1"},"serverId":%q,"port":30080,"weight":100,"type":"ecs","description":"k8s/30080/web/default/c1"}]`, a)
	resp, e := w.add(w.group, ccm)
	require.Nil(t, e)
	assert.Equal(t, w.group, resp.VServerGroupId)
	assert.Equal(t, []model.GroupBackendServerView{{ServerId: a, Port: 30080, Weight: 100, Type: "ecs", Description: "k8s/30080/web/default/c1"}},
		resp.BackendServers.BackendServer, "no ServerIp or VpcId for an ecs member of a change's response")

	// The same server on another port is another member; in attachment order.
	_, e = w.add(w.group, portElems(8080, a, b))
	require.Nil(t, e)
	assert.Equal(t, []string{a + ":30080", a + ":8080", b + ":8080"}, memberKeys(w.members(t, w.group)))
	full := w.members(t, w.group)[0]
	inst := w.describe(t, a)
	assert.Equal(t, inst.VpcAttributes.PrivateIpAddress.IpAddress[0], full.ServerIp)
	assert.Equal(t, w.vpc1, full.VpcId)

	// Set: weight by (server, port); the name.
	set, e := w.s.SetVServerGroupAttribute(testAccount, &model.SetVServerGroupAttributeRequest{RegionId: testRegion, VServerGroupId: w.group,
		VServerGroupName: "renamed", BackendServers: fmt.Sprintf(`[{"ServerId":%q,"Port":8080,"Weight":7}]`, a)})
	require.Nil(t, e)
	assert.Equal(t, "renamed", set.VServerGroupName)
	weights := map[string]int{}
	for _, m := range w.members(t, w.group) {
		weights[fmt.Sprintf("%s:%d", m.ServerId, m.Port)] = m.Weight
	}
	assert.Equal(t, map[string]int{a + ":30080": 100, a + ":8080": 7, b + ":8080": 100}, weights)

	// Modify: replace a:8080 by b:9090.
	_, e = w.s.ModifyVServerGroupBackendServers(testAccount, &model.ModifyVServerGroupBackendServersRequest{RegionId: testRegion, VServerGroupId: w.group,
		OldBackendServers: portElems(8080, a), NewBackendServers: portElems(9090, b)})
	require.Nil(t, e)
	assert.Equal(t, []string{a + ":30080", b + ":8080", b + ":9090"}, memberKeys(w.members(t, w.group)))

	// Remove: a member not there is ignored.
	_, e = w.s.RemoveVServerGroupBackendServers(testAccount, &model.RemoveVServerGroupBackendServersRequest{RegionId: testRegion, VServerGroupId: w.group,
		BackendServers: portElems(8080, a, b)})
	require.Nil(t, e)
	assert.Equal(t, []string{a + ":30080", b + ":9090"}, memberKeys(w.members(t, w.group)))

	// Describe the LB's groups.
	other := w.create(t, w.lb, portElems(80, a))
	list, e := w.s.DescribeVServerGroups(testAccount, &model.DescribeVServerGroupsRequest{RegionId: testRegion, LoadBalancerId: w.lb})
	require.Nil(t, e)
	require.Len(t, list.VServerGroups.VServerGroup, 2)
	assert.Equal(t, model.VServerGroupView{VServerGroupId: w.group, VServerGroupName: "renamed", ServerCount: 2, CreateTime: "2026-03-04T05:06:07Z",
		AssociatedObjects: model.AssociatedObjects{Listeners: model.VServerGroupListeners{Listener: []model.VServerGroupListenerView{}}, Rules: model.VServerGroupRules{Rule: []model.VServerGroupRuleView{}}}},
		list.VServerGroups.VServerGroup[0])
	assert.Equal(t, other, list.VServerGroups.VServerGroup[1].VServerGroupId)

	// Delete: the group and its members go; the ID is then unknown.
	_, e = w.s.DeleteVServerGroup(testAccount, &model.DeleteVServerGroupRequest{RegionId: testRegion, VServerGroupId: w.group})
	require.Nil(t, e)
	_, e = w.s.DescribeVServerGroupAttribute(testAccount, &model.DescribeVServerGroupAttributeRequest{RegionId: testRegion, VServerGroupId: w.group})
	requireAPIError(t, model.ErrVServerGroupNotFound(), e)
	left := w.s.Dump().GroupBackends
	require.Len(t, left, 1, "the other group's member stays")
	for _, m := range left {
		assert.Equal(t, other, m.VServerGroupId)
	}
}

func TestVServerGroupErrors(t *testing.T) {
	t.Parallel()
	build := func(t testingT) groupWorld { return newGroupWorld(t, engine.Config{}) }
	cases := []struct {
		name string
		want *model.Error
		call func(w groupWorld) *model.Error
	}{
		{"Add without VServerGroupId", model.ErrMissingParameter("VServerGroupId"), func(w groupWorld) *model.Error { _, e := w.add("", portElems(80, w.insts[0])); return e }},
		{"Add to an unknown group", model.ErrVServerGroupNotFound(), func(w groupWorld) *model.Error {
			_, e := w.add("rsp-bp1nosuchgroup0000000", portElems(80, w.insts[0]))
			return e
		}},
		{"Add to a group of another account", model.ErrVServerGroupNotFound(), func(w groupWorld) *model.Error {
			_, e := w.s.AddVServerGroupBackendServers(otherAcct, &model.AddVServerGroupBackendServersRequest{RegionId: testRegion, VServerGroupId: w.group, BackendServers: portElems(80, w.insts[0])})
			return e
		}},
		{"Add to a group in another region", model.ErrVServerGroupNotFound(), func(w groupWorld) *model.Error {
			_, e := w.s.AddVServerGroupBackendServers(testAccount, &model.AddVServerGroupBackendServersRequest{RegionId: "cn-beijing", VServerGroupId: w.group, BackendServers: portElems(80, w.insts[0])})
			return e
		}},
		{"Add without Port", model.ErrInvalidPort(), func(w groupWorld) *model.Error { _, e := w.add(w.group, jsonServers(w.insts[0])); return e }},
		{"Add port 0", model.ErrInvalidPort(), func(w groupWorld) *model.Error { _, e := w.add(w.group, portElems(0, w.insts[0])); return e }},
		{"Add of an unknown instance", model.ErrObtainIpFail(), func(w groupWorld) *model.Error {
			_, e := w.add(w.group, portElems(80, "i-bp1nosuchinstance000"))
			return e
		}},
		{"Add a member twice", model.ErrBackendServersInvalid(), func(w groupWorld) *model.Error {
			_, e := w.add(w.group, portElems(80, w.insts[0]))
			require.Nil(t, e)
			_, e = w.add(w.group, portElems(80, w.insts[1], w.insts[0]))
			return e
		}},
		{"Add of a classic instance beside VPC members of another group", model.ErrBackendServersInconsistent(), func(w groupWorld) *model.Error {
			w.create(t, w.lb, portElems(80, w.insts[0]))
			classic, err := w.s.PutInstance(model.Instance{AccountId: testAccount, RegionId: testRegion})
			require.NoError(t, err)
			_, e := w.add(w.group, portElems(80, classic.InstanceId))
			return e
		}},
		{"AddBackendServers of a classic instance beside a group's VPC members", model.ErrBackendServersInconsistent(), func(w groupWorld) *model.Error {
			_, e := w.add(w.group, portElems(80, w.insts[0]))
			require.Nil(t, e)
			classic, err := w.s.PutInstance(model.Instance{AccountId: testAccount, RegionId: testRegion})
			require.NoError(t, err)
			_, e = w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb, BackendServers: jsonServers(classic.InstanceId)})
			return e
		}},
		{"41 elements", model.ErrTooManyGroupBackendServers(), func(w groupWorld) *model.Error {
			ids := make([]string, 41)
			for i := range ids {
				ids[i] = w.insts[0]
			}
			_, e := w.add(w.group, portElems(80, ids...))
			return e
		}},
		{"Create on a locked LB", model.ErrActionNotAllowedLocked(), func(w groupWorld) *model.Error {
			require.NoError(t, w.s.ForceLoadBalancerStatus(w.lb, model.LBLocked))
			_, e := w.s.CreateVServerGroup(testAccount, &model.CreateVServerGroupRequest{RegionId: testRegion, LoadBalancerId: w.lb})
			return e
		}},
		{"Delete a group of a locked LB", model.ErrActionNotAllowedLocked(), func(w groupWorld) *model.Error {
			require.NoError(t, w.s.ForceLoadBalancerStatus(w.lb, model.LBLocked))
			_, e := w.s.DeleteVServerGroup(testAccount, &model.DeleteVServerGroupRequest{RegionId: testRegion, VServerGroupId: w.group})
			return e
		}},
		{"Create without LoadBalancerId", model.ErrMissingParameter("LoadBalancerId"), func(w groupWorld) *model.Error {
			_, e := w.s.CreateVServerGroup(testAccount, &model.CreateVServerGroupRequest{RegionId: testRegion})
			return e
		}},
		{"Create with an 81-character name", model.ErrInvalidParameterValue("VServerGroupName"), func(w groupWorld) *model.Error {
			_, e := w.s.CreateVServerGroup(testAccount, &model.CreateVServerGroupRequest{RegionId: testRegion, LoadBalancerId: w.lb, VServerGroupName: strings.Repeat("a", 81)})
			return e
		}},
		{"Set a member that is not there", model.ErrBackendServersInvalid(), func(w groupWorld) *model.Error {
			_, e := w.s.SetVServerGroupAttribute(testAccount, &model.SetVServerGroupAttributeRequest{RegionId: testRegion, VServerGroupId: w.group, BackendServers: portElems(80, w.insts[0])})
			return e
		}},
		{"Modify an old member that is not there", model.ErrBackendServersInvalid(), func(w groupWorld) *model.Error {
			_, e := w.s.ModifyVServerGroupBackendServers(testAccount, &model.ModifyVServerGroupBackendServersRequest{RegionId: testRegion, VServerGroupId: w.group,
				OldBackendServers: portElems(80, w.insts[0]), NewBackendServers: portElems(81, w.insts[0])})
			return e
		}},
		{"DescribeVServerGroups of an unknown LB", model.ErrLoadBalancerNotFound(), func(w groupWorld) *model.Error {
			_, e := w.s.DescribeVServerGroups(testAccount, &model.DescribeVServerGroupsRequest{RegionId: testRegion, LoadBalancerId: "lb-bp1nosuchlb000000000"})
			return e
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := build(t)
			before := w.s.Dump()
			e := tc.call(w)
			requireAPIError(t, tc.want, e)
			if !strings.HasPrefix(tc.name, "Add a member twice") && !strings.Contains(tc.name, "beside") && !strings.Contains(tc.name, "locked") {
				assert.Equal(t, before, w.s.Dump(), "a refused call changes nothing")
			}
		})
	}
}

// TestVServerGroupConfiguringWindow: a group's members are its LB's
// backends, so the LB's window refuses group changes and a group change
// opens it.
func TestVServerGroupConfiguringWindow(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	w := newGroupWorld(t, engine.Config{Now: clock.Now, ConfiguringWindow: time.Minute})
	_, e := w.add(w.group, portElems(80, w.insts[0]))
	require.Nil(t, e)
	_, e = w.add(w.group, portElems(80, w.insts[1]))
	requireAPIError(t, model.ErrBackendServerConfiguring(), e)
	_, e = w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb, BackendServers: jsonServers(w.insts[1])})
	requireAPIError(t, model.ErrBackendServerConfiguring(), e)
	clock.Advance(time.Minute)
	_, e = w.add(w.group, portElems(80, w.insts[1]))
	require.Nil(t, e)
}

func TestVServerGroupCascades(t *testing.T) {
	t.Parallel()
	t.Run("DeleteInstance removes its memberships; StopInstance keeps them", func(t *testing.T) {
		t.Parallel()
		w := newGroupWorld(t, engine.Config{})
		a, b := w.insts[0], w.insts[1]
		g2 := w.create(t, w.lb, portElems(80, a, b))
		_, e := w.add(w.group, portElems(80, a, b))
		require.Nil(t, e)
		_, e = w.s.StopInstance(testAccount, &model.StopInstanceRequest{InstanceId: a})
		require.Nil(t, e)
		assert.Equal(t, []string{a + ":80", b + ":80"}, memberKeys(w.members(t, w.group)), "a stopped instance stays a member")
		_, e = w.s.DeleteInstance(testAccount, &model.DeleteInstanceRequest{InstanceId: a})
		require.Nil(t, e)
		assert.Equal(t, []string{b + ":80"}, memberKeys(w.members(t, w.group)))
		assert.Equal(t, []string{b + ":80"}, memberKeys(w.members(t, g2)))
		require.NoError(t, w.s.Validate(w.s.Dump()))
	})
	t.Run("DeleteLoadBalancer removes its groups and members", func(t *testing.T) {
		t.Parallel()
		w := newGroupWorld(t, engine.Config{})
		_, e := w.add(w.group, portElems(80, w.insts[0]))
		require.Nil(t, e)
		_, e = w.s.DeleteLoadBalancer(testAccount, &model.DeleteLoadBalancerRequest{RegionId: testRegion, LoadBalancerId: w.lb})
		require.Nil(t, e)
		st := w.s.Dump()
		assert.Empty(t, st.VServerGroups)
		assert.Empty(t, st.GroupBackends)
	})
	t.Run("a detached ENI leaves every group", func(t *testing.T) {
		t.Parallel()
		w := newENILBWorld(t)
		gw := groupWorld{ecsWorld: w.ecsWorld}
		g := gw.create(t, w.lb1, fmt.Sprintf(`[{"ServerId":%q,"Type":"eni","Port":80},{"ServerId":%q,"Type":"eni","ServerIp":%q,"Port":80},{"ServerId":%q,"Port":80}]`, w.eni, w.eni, w.ips[1], w.inst))
		require.Len(t, gw.members(t, g), 3, "one ENI by two addresses on one port is two members")
		_, e := w.s.DetachNetworkInterface(testAccount, &model.DetachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: w.eni, InstanceId: w.inst})
		require.Nil(t, e)
		assert.Equal(t, []string{w.inst + ":80"}, memberKeys(gw.members(t, g)))
	})
}

func TestVServerGroupStateRoundTripAndValidate(t *testing.T) {
	t.Parallel()
	w := newGroupWorld(t, engine.Config{})
	_, e := w.add(w.group, portElems(80, w.insts[0], w.insts[1]))
	require.Nil(t, e)
	st := w.s.Dump()
	require.Len(t, st.VServerGroups, 1)
	require.Len(t, st.GroupBackends, 2)

	s2 := newTestStore(t)
	require.NoError(t, s2.Load(st))
	assert.Equal(t, st, s2.Dump())

	broken := func(edit func(st *engine.State)) error {
		c := w.s.Dump()
		c.VServerGroups = append([]model.VServerGroup(nil), c.VServerGroups...)
		c.GroupBackends = append([]model.GroupBackend(nil), c.GroupBackends...)
		edit(&c)
		return w.s.Validate(c)
	}
	for name, edit := range map[string]func(st *engine.State){
		"member of an unknown group": func(st *engine.State) { st.GroupBackends[0].VServerGroupId = "rsp-bp1nosuchgroup0000000" },
		"group of an unknown LB":     func(st *engine.State) { st.VServerGroups[0].LoadBalancerId = "lb-bp1nosuchlb000000000" },
		"port 0":                     func(st *engine.State) { st.GroupBackends[0].Port = 0 },
		"port 65536":                 func(st *engine.State) { st.GroupBackends[0].Port = 65536 },
		"duplicate identity":         func(st *engine.State) { st.GroupBackends = append(st.GroupBackends, st.GroupBackends[0]) },
		"member of another LB than its group's": func(st *engine.State) {
			st.GroupBackends[0].LoadBalancerId = "lb-bp1nosuchlb000000000"
		},
		"malformed group ID": func(st *engine.State) { st.VServerGroups[0].VServerGroupId = "sg-x" },
	} {
		assert.Error(t, broken(edit), name)
	}
	q := newTestStoreWith(t, engine.Config{BackendQuota: 1})
	err := q.Validate(st)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "over the backend quota of 1")
}

// ---------------------------------------------------------------------------
// Property tests.

// TestPropertyGroupMemberIdentity: a group holds each (server, port) once;
// the same server on two ports, or in two groups, is two members.
func TestPropertyGroupMemberIdentity(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		w := newGroupWorld(t, engine.Config{})
		g2 := w.create(t, w.lb, "")
		groups := []string{w.group, g2}
		want := map[string]map[string]bool{w.group: {}, g2: {}}
		for i := range rapid.IntRange(1, 12).Draw(t, "calls") {
			g := rapid.SampledFrom(groups).Draw(t, fmt.Sprintf("g%d", i))
			id := rapid.SampledFrom(w.insts).Draw(t, fmt.Sprintf("id%d", i))
			port := rapid.IntRange(80, 82).Draw(t, fmt.Sprintf("port%d", i))
			key := fmt.Sprintf("%s:%d", id, port)
			_, e := w.add(g, portElems(port, id))
			if want[g][key] {
				requireAPIError(t, model.ErrBackendServersInvalid(), e)
			} else {
				require.Nil(t, e)
				want[g][key] = true
			}
		}
		for _, g := range groups {
			assert.ElementsMatch(t, keysOf(want[g]), memberKeys(w.members(t, g)))
		}
	})
}

func keysOf(m map[string]bool) []string {
	out := []string{}
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestPropertyQuotaAcrossGroups: the LB's default group and every group
// share the quota; a call over it changes nothing.
func TestPropertyQuotaAcrossGroups(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		quota := rapid.IntRange(1, 6).Draw(t, "quota")
		w := newGroupWorld(t, engine.Config{BackendQuota: quota})
		g2 := w.create(t, w.lb, "")
		total := 0
		for i := range rapid.IntRange(1, 10).Draw(t, "calls") {
			n := rapid.IntRange(1, 3).Draw(t, fmt.Sprintf("n%d", i))
			port := 1000 + i // a fresh port: never a duplicate member
			ids := w.insts[:n]
			before := w.s.Dump()
			var e *model.Error
			switch rapid.IntRange(0, 2).Draw(t, fmt.Sprintf("where%d", i)) {
			case 0:
				_, e = w.add(w.group, portElems(port, ids...))
			case 1:
				_, e = w.add(g2, portElems(port, ids...))
			default: // the default group, once per instance
				if total > 0 && len(w.s.Dump().Backends) > 0 {
					continue
				}
				_, e = w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.lb, BackendServers: jsonServers(ids...)})
			}
			if total+n > quota {
				requireAPIError(t, model.ErrBackendServerQuota(), e)
				require.Equal(t, before, w.s.Dump())
			} else {
				require.Nil(t, e)
				total += n
			}
		}
		st := w.s.Dump()
		require.Equal(t, total, len(st.Backends)+len(st.GroupBackends))
		require.NoError(t, w.s.Validate(st))
	})
}

// TestPropertyGroupCallsAllOrNothing: a group call with one bad element
// anywhere changes nothing, and the same call without it applies whole.
func TestPropertyGroupCallsAllOrNothing(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		w := newGroupWorld(t, engine.Config{})
		n := rapid.IntRange(1, 4).Draw(t, "n")
		ids := w.insts[:n]
		bad := rapid.SampledFrom([]string{`{"ServerId":"i-bp1nosuchinstance000","Port":80}`, `{"ServerId":"x","Port":0}`, `{"ServerId":"x"}`}).Draw(t, "bad")
		at := rapid.IntRange(0, n).Draw(t, "at")
		elems := []string{}
		for i, id := range ids {
			if i == at {
				elems = append(elems, bad)
			}
			elems = append(elems, fmt.Sprintf(`{"ServerId":%q,"Port":80}`, id))
		}
		if at == n {
			elems = append(elems, bad)
		}
		before := w.s.Dump()
		var changes []engine.Change
		_, e := w.s.Tracked(&changes).AddVServerGroupBackendServers(testAccount, &model.AddVServerGroupBackendServersRequest{RegionId: testRegion, VServerGroupId: w.group, BackendServers: "[" + strings.Join(elems, ",") + "]"})
		require.NotNil(t, e)
		require.Equal(t, before, w.s.Dump())
		require.Empty(t, changes)
		_, e = w.add(w.group, portElems(80, ids...))
		require.Nil(t, e)
		require.Len(t, w.members(t, w.group), n)
	})
}

// jsonServers renders a default-group BackendServers value naming ids.
func jsonServers(ids ...string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf(`{"ServerId":%q}`, id)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// A Modify that replaces the last member by itself, unchanged, leaves the
// members as they were: it succeeds, writes nothing (Version, the state) and
// opens no configuring window, as a Set to the current values. Replacing a
// member that is not the last moves it to the end: a change, which opens the
// window. (Found by the state machine: the engine recorded the first as
// applied and opened the window; the reference model saw no change.)
func TestModifyVServerGroupReplacingAMemberByItselfWritesNothing(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	w := newGroupWorld(t, engine.Config{Now: clock.Now, ConfiguringWindow: time.Minute})
	a, b, c := w.insts[0], w.insts[1], w.insts[2]
	_, e := w.add(w.group, portElems(80, a, b))
	require.Nil(t, e)
	clock.Advance(time.Minute)
	modify := func(old, new string) (*model.ModifyVServerGroupBackendServersResponse, *model.Error) {
		return w.s.ModifyVServerGroupBackendServers(testAccount, &model.ModifyVServerGroupBackendServersRequest{RegionId: testRegion,
			VServerGroupId: w.group, OldBackendServers: old, NewBackendServers: new})
	}

	version, state := w.s.Version(), w.s.Dump()
	resp, e := modify(portElems(80, b), portElems(80, b))
	require.Nil(t, e)
	assert.Equal(t, []string{a + ":80", b + ":80"}, memberKeys(resp.BackendServers.BackendServer))
	assert.Equal(t, version, w.s.Version(), "a Modify that changes nothing writes nothing")
	assert.Equal(t, state, w.s.Dump())

	resp, e = modify(portElems(80, a), portElems(80, a))
	require.Nil(t, e)
	assert.Equal(t, []string{b + ":80", a + ":80"}, memberKeys(resp.BackendServers.BackendServer))
	assert.NotEqual(t, version, w.s.Version())
	_, e = w.add(w.group, portElems(80, c))
	requireAPIError(t, model.ErrBackendServerConfiguring(), e)
}
