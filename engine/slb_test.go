package engine_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// The SLB rules of the engine, tested on the Store directly: the backend
// operations (slb_backend.go) and the load-balancer operations
// (slb_loadbalancer.go), as their Go doc and the README's fidelity table
// describe them. Every refused call must also leave the world as it was.

// slbWorld is an ecsWorld with instances and load balancers around them,
// built through the API (every world has the same IDs: same seed, same
// calls). LBs are created in the order of the fields.
type slbWorld struct {
	ecsWorld
	classic []string // 3 Running classic instances (zone h)
	a       []string // 4 Running instances in vSwitch A (VPC 1, zone h)
	b       string   // a Running instance in vSwitch B (VPC 1, zone i)
	c       []string // 2 Running instances in vSwitch C (VPC 2)
	stopped string   // a Stopped instance in vSwitch A
	other   string   // a Running classic instance of otherAcct
	beijing string   // a Running classic instance of testAccount in cn-beijing

	internet  string // internet LB
	internet2 string // another internet LB
	intranet  string // classic intranet LB
	vpcLB     string // intranet LB in vSwitch A (VPC 1), shared performance
	perfLB    string // intranet LB in vSwitch A with a LoadBalancerSpec: takes ENIs
	vpc2LB    string // intranet LB in vSwitch C (VPC 2)
	locked    string // internet LB, locked
}

func newSLBWorld(t testingT, cfg engine.Config) slbWorld {
	t.Helper()
	w := slbWorld{ecsWorld: newECSWorldWith(t, cfg)}
	w.classic = w.runClassic(t, testAccount, testRegion, 3)
	w.a = w.run(t, w.vswA, 4)
	w.b = w.run(t, w.vswB, 1)[0]
	w.c = w.run(t, w.vswC, 2)
	stopped, e := w.s.CreateInstance(testAccount, &model.CreateInstanceRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", VSwitchId: w.vswA})
	require.Nil(t, e)
	w.stopped = stopped.InstanceId
	w.other = w.runClassic(t, otherAcct, testRegion, 1)[0]
	w.beijing = w.runClassic(t, testAccount, "cn-beijing", 1)[0]

	w.internet = w.createLB(t, model.CreateLoadBalancerRequest{})
	w.internet2 = w.createLB(t, model.CreateLoadBalancerRequest{AddressType: "internet"})
	w.intranet = w.createLB(t, model.CreateLoadBalancerRequest{AddressType: "intranet"})
	w.vpcLB = w.createLB(t, model.CreateLoadBalancerRequest{AddressType: "intranet", VSwitchId: w.vswA})
	w.perfLB = w.createLB(t, model.CreateLoadBalancerRequest{AddressType: "intranet", VSwitchId: w.vswA, LoadBalancerSpec: "slb.s1.small"})
	w.vpc2LB = w.createLB(t, model.CreateLoadBalancerRequest{AddressType: "intranet", VSwitchId: w.vswC})
	w.locked = w.createLB(t, model.CreateLoadBalancerRequest{})
	require.NoError(t, w.s.ForceLoadBalancerStatus(w.locked, model.LBLocked))
	return w
}

// runClassic creates Running classic instances in zone h (or the region's
// first zone elsewhere).
func (w slbWorld) runClassic(t testingT, account, region string, amount int) []string {
	t.Helper()
	zone := "cn-hangzhou-h"
	if region != testRegion {
		r, ok := model.LookupRegion(region)
		require.True(t, ok)
		zone = r.Zones[0]
	}
	resp, e := w.s.RunInstances(account, &model.RunInstancesRequest{RegionId: region, ImageId: "img", InstanceType: "t", ZoneId: zone, Amount: amount})
	require.Nil(t, e)
	return resp.InstanceIdSets.InstanceIdSet
}

func (w slbWorld) createLB(t testingT, req model.CreateLoadBalancerRequest) string {
	t.Helper()
	if req.RegionId == "" {
		req.RegionId = testRegion
	}
	resp, e := w.s.CreateLoadBalancer(testAccount, &req)
	require.Nil(t, e)
	return resp.LoadBalancerId
}

// do runs a backend operation as testAccount that must succeed.
func (w slbWorld) do(t testingT, op backendOp, lb, servers string) *model.BackendServersResponse {
	t.Helper()
	resp, e := op(w.s, testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: lb, BackendServers: servers})
	require.Nil(t, e, "%v", e)
	require.Equal(t, lb, resp.LoadBalancerId)
	return resp
}

// attribute returns DescribeLoadBalancerAttribute of one of testAccount's LBs.
func (w slbWorld) attribute(t testingT, lb string) *model.DescribeLoadBalancerAttributeResponse {
	t.Helper()
	resp, e := w.s.DescribeLoadBalancerAttribute(testAccount, &model.DescribeLoadBalancerAttributeRequest{RegionId: testRegion, LoadBalancerId: lb})
	require.Nil(t, e)
	return resp
}

// backends returns the LB's backends as DescribeLoadBalancerAttribute lists them.
func (w slbWorld) backends(t testingT, lb string) []model.BackendServerView {
	t.Helper()
	return w.attribute(t, lb).BackendServers.BackendServer
}

func (w slbWorld) backendIds(t testingT, lb string) []string {
	t.Helper()
	return serverIds(w.backends(t, lb))
}

// stored returns the LB's row of the dump.
func stored(t testingT, s *engine.Store, lb string) model.LoadBalancer {
	t.Helper()
	for _, l := range s.Dump().LoadBalancers {
		if l.LoadBalancerId == lb {
			return l
		}
	}
	require.Failf(t, "LB not stored", "%s", lb)
	return model.LoadBalancer{}
}

func serverIds(views []model.BackendServerView) []string {
	out := []string{}
	for _, v := range views {
		out = append(out, v.ServerId)
	}
	return out
}

// srv renders ecs elements of BackendServers, one per ID, without Weight.
func srv(ids ...string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf(`{"ServerId":%q}`, id)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// backendOp is any of the three backend operations (they share their types).
type backendOp = func(*engine.Store, string, *model.AddBackendServersRequest) (*model.BackendServersResponse, *model.Error)

var (
	opAdd    backendOp = (*engine.Store).AddBackendServers
	opRemove backendOp = (*engine.Store).RemoveBackendServers
	opSet    backendOp = (*engine.Store).SetBackendServers
)

func backendCall(op backendOp, account, region, lb, servers string) func(*engine.Store) *model.Error {
	return func(s *engine.Store) *model.Error {
		_, e := op(s, account, &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: lb, BackendServers: servers})
		return e
	}
}

// add is an AddBackendServers call of testAccount in testRegion.
func add(lb, servers string) func(*engine.Store) *model.Error {
	return backendCall(opAdd, testAccount, testRegion, lb, servers)
}

const unknownInstance = "i-bp1doesnotexist0000"

// ---------------------------------------------------------------------------
// AddBackendServers.

func TestAddBackendServersErrors(t *testing.T) {
	t.Parallel()
	// A quota of 3; the internet LB has a classic backend, the VPC LB a[0].
	cfg := engine.Config{BackendQuota: 3}
	build := func(t *testing.T) *engine.Store {
		w := newSLBWorld(t, cfg)
		w.do(t, opAdd, w.internet, srv(w.classic[0]))
		w.do(t, opAdd, w.vpcLB, srv(w.a[0]))
		return w.s
	}
	x := newSLBWorld(t, cfg)
	ok := srv(x.a[1])
	twenty := slices.Repeat([]string{x.a[1]}, 20)
	tooMany := srv(append(twenty, x.a[1])...)
	tooManyFirstBad := "[" + `{"Weight":500},` + strings.TrimPrefix(srv(twenty...), "[")
	elem := func(fields string) string { return fmt.Sprintf(`[{"ServerId":%q,%s}]`, x.a[1], fields) }
	region := func(region, lb, servers string) func(*engine.Store) *model.Error {
		return backendCall(opAdd, testAccount, region, lb, servers)
	}

	runErrorCases(t, build, []errorCase{
		// RegionId, then LoadBalancerId, then the LB.
		{"no region", region("", x.vpcLB, ok), model.ErrMissingParameter("RegionId")},
		{"no region beats no LB id", region("", "", "garbage"), model.ErrMissingParameter("RegionId")},
		{"unknown region", region("cn-atlantis", x.vpcLB, ok), model.ErrInvalidRegionId()},
		{"unknown region beats no LB id", region("cn-atlantis", "", ok), model.ErrInvalidRegionId()},
		{"no LB id", add("", ok), model.ErrMissingParameter("LoadBalancerId")},
		{"no LB id beats unparsable", add("", "garbage"), model.ErrMissingParameter("LoadBalancerId")},
		{"no LB id beats 21 elements", add("", tooMany), model.ErrMissingParameter("LoadBalancerId")},
		{"unknown LB", add("lb-bp1doesnotexist00000", ok), model.ErrLoadBalancerNotFound()},
		{"unknown LB beats unparsable", add("lb-bp1doesnotexist00000", "garbage"), model.ErrLoadBalancerNotFound()},
		{"LB of another account", backendCall(opAdd, otherAcct, testRegion, x.vpcLB, ok), model.ErrLoadBalancerNotFound()},
		{"LB in another region", region("cn-beijing", x.vpcLB, ok), model.ErrLoadBalancerNotFound()},
		{"locked LB", add(x.locked, srv(x.classic[1])), model.ErrActionNotAllowedLocked()},
		{"locked beats unparsable", add(x.locked, "garbage"), model.ErrActionNotAllowedLocked()},
		{"locked refuses even an empty list", add(x.locked, "[]"), model.ErrActionNotAllowedLocked()},

		// BackendServers: syntax, count, then each element's fields.
		{"not JSON", add(x.vpcLB, "garbage"), model.ErrBackendServersInvalid()},
		{"an object, not an array", add(x.vpcLB, fmt.Sprintf(`{"ServerId":%q}`, x.a[1])), model.ErrBackendServersInvalid()},
		{"an array of strings", add(x.vpcLB, fmt.Sprintf(`[%q]`, x.a[1])), model.ErrBackendServersInvalid()},
		{"unterminated", add(x.vpcLB, strings.TrimSuffix(ok, "]")), model.ErrBackendServersInvalid()},
		{"null", add(x.vpcLB, "null"), model.ErrBackendServersInvalid()},
		{"21 elements", add(x.vpcLB, tooMany), model.ErrTooManyBackendServers()},
		{"21 elements, the first one bad: counted first", add(x.vpcLB, tooManyFirstBad), model.ErrTooManyBackendServers()},
		{"21 elements, then garbage: not read", add(x.vpcLB, strings.TrimSuffix(tooMany, "]")+",garbage"), model.ErrTooManyBackendServers()},
		{"garbage in the 20th element", add(x.vpcLB, strings.TrimSuffix(srv(twenty[:19]...), "]")+",{garbage}"+strings.TrimPrefix(srv(x.a[1]), "[")), model.ErrBackendServersInvalid()},
		{"over 64 KiB", add(x.vpcLB, ok+strings.Repeat(" ", model.MaxBackendServersLength)), model.ErrBackendServersInvalid()},
		{"locked beats over 64 KiB", add(x.locked, ok+strings.Repeat(" ", model.MaxBackendServersLength)), model.ErrActionNotAllowedLocked()},
		{"no ServerId", add(x.vpcLB, `[{"Weight":50}]`), model.ErrBackendServersInvalid()},
		{"blank ServerId", add(x.vpcLB, `[{"ServerId":"  "}]`), model.ErrBackendServersInvalid()},
		{"numeric ServerId", add(x.vpcLB, `[{"ServerId":5}]`), model.ErrBackendServersInvalid()},
		{"Weight 101", add(x.vpcLB, elem(`"Weight":101`)), model.ErrBackendServersInvalid()},
		{"Weight -1", add(x.vpcLB, elem(`"Weight":-1`)), model.ErrBackendServersInvalid()},
		{"Weight 1.5", add(x.vpcLB, elem(`"Weight":1.5`)), model.ErrBackendServersInvalid()},
		{"Weight a word", add(x.vpcLB, elem(`"Weight":"heavy"`)), model.ErrBackendServersInvalid()},
		{"Weight a boolean", add(x.vpcLB, elem(`"Weight":true`)), model.ErrBackendServersInvalid()},
		{"Type unknown", add(x.vpcLB, elem(`"Type":"slb"`)), model.ErrBackendServersInvalid()},
		{"Type is case-sensitive", add(x.vpcLB, elem(`"Type":"ECS"`)), model.ErrBackendServersInvalid()},
		{"Type empty", add(x.vpcLB, elem(`"Type":""`)), model.ErrBackendServersInvalid()},
		{"ServerIp malformed", add(x.vpcLB, elem(`"ServerIp":"192.168.1"`)), model.ErrBackendServersInvalid()},
		{"ServerIp IPv6", add(x.vpcLB, elem(`"ServerIp":"fd00::1"`)), model.ErrBackendServersInvalid()},
		{"Description of 81 characters", add(x.vpcLB, elem(`"Description":"`+strings.Repeat("d", 81)+`"`)), model.ErrInvalidParameterLength()},
		{"Description with a space", add(x.vpcLB, elem(`"Description":"web server"`)), model.ErrBackendServersInvalid()},
		{"Description in Cyrillic", add(x.vpcLB, elem(`"Description":"сервер"`)), model.ErrBackendServersInvalid()},
		{"Description empty", add(x.vpcLB, elem(`"Description":""`)), model.ErrBackendServersInvalid()},
		{"field checks before server checks", add(x.vpcLB, fmt.Sprintf(`[{"ServerId":%q},{"ServerId":%q,"Weight":101}]`, unknownInstance, x.a[1])), model.ErrBackendServersInvalid()},
		{"field checks before de-duplication", add(x.vpcLB, fmt.Sprintf(`[{"ServerId":%q},{"ServerId":%q,"Weight":101}]`, x.a[1], x.a[1])), model.ErrBackendServersInvalid()},

		// Each server in turn: exists and is Running.
		{"unknown instance", add(x.vpcLB, srv(unknownInstance)), model.ErrObtainIpFail()},
		{"stopped instance", add(x.vpcLB, srv(x.stopped)), model.ErrObtainIpFail()},
		{"instance of another account", add(x.internet, srv(x.other)), model.ErrObtainIpFail()},
		{"instance in another region", add(x.internet, srv(x.beijing)), model.ErrObtainIpFail()},
		{"eci backend", add(x.vpcLB, `[{"ServerId":"eci-bp1notmodelled","Type":"eci"}]`), model.ErrObtainIpFail()},
		{"an instance named as an eni", add(x.perfLB, fmt.Sprintf(`[{"ServerId":%q,"Type":"eni"}]`, x.a[1])), model.ErrObtainIpFail()},
		{"a good server, then a stopped one: nothing attached", add(x.vpcLB, srv(x.a[1], x.stopped)), model.ErrObtainIpFail()},

		// The network-type matrix.
		{"classic intranet LB, VPC instance", add(x.intranet, srv(x.a[1])), model.ErrNetworkTypeUnsupported()},
		{"VPC LB, classic instance", add(x.vpcLB, srv(x.classic[1])), model.ErrNetworkTypeUnsupported()},
		{"VPC LB, instance of another VPC", add(x.vpcLB, srv(x.c[0])), model.ErrNetworkTypeUnsupported()},
		{"servers in element order: network first", add(x.vpcLB, srv(x.c[0], unknownInstance)), model.ErrNetworkTypeUnsupported()},
		{"servers in element order: unknown first", add(x.vpcLB, srv(unknownInstance, x.c[0])), model.ErrObtainIpFail()},

		// One VPC or all classic per LB, existing and new backends together.
		{"classic backends, then a VPC instance", add(x.internet, srv(x.a[1])), model.ErrBackendServersInconsistent()},
		{"classic and VPC in one call", add(x.internet2, srv(x.classic[1], x.a[1])), model.ErrBackendServersInconsistent()},
		{"VPC and classic in one call", add(x.internet2, srv(x.a[1], x.classic[1])), model.ErrBackendServersInconsistent()},
		{"two VPCs in one call", add(x.internet2, srv(x.a[1], x.c[0])), model.ErrBackendServersInconsistent()},
		{"inconsistent before the attached one", add(x.internet, srv(x.a[1], x.classic[0])), model.ErrBackendServersInconsistent()},

		// Already attached.
		{"already attached", add(x.vpcLB, srv(x.a[0])), model.ErrBackendServersInvalid()},
		{"already attached among new ones", add(x.vpcLB, srv(x.a[1], x.a[0])), model.ErrBackendServersInvalid()},
		{"attached before the inconsistent one", add(x.internet, srv(x.classic[0], x.a[1])), model.ErrBackendServersInvalid()},

		// The quota, last.
		{"over the quota", add(x.vpcLB, srv(x.a[1], x.a[2], x.a[3])), model.ErrBackendServerQuota()},
		{"over the quota on an empty LB", add(x.perfLB, srv(x.a[0], x.a[1], x.a[2], x.a[3])), model.ErrBackendServerQuota()},
		{"server checks before the quota", add(x.vpcLB, srv(x.a[1], x.a[2], x.a[3], x.stopped)), model.ErrObtainIpFail()},
		{"attached check before the quota", add(x.vpcLB, srv(x.a[1], x.a[2], x.a[3], x.a[0])), model.ErrBackendServersInvalid()},
	})
}

func TestAddBackendServers(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	// Weight 0, a numeric string, single quotes, unknown keys, a Description
	// (CJK included), null fields and an empty ServerIp: all accepted.
	resp := w.do(t, opAdd, w.vpcLB, fmt.Sprintf(`[{"ServerId":%q,"Weight":0,"ServerIp":""},{'ServerId':'%s','Weight':'35','Port':'80','Type':null},`+
		`{"ServerId":%q,"Description":"web-1/a.b_c名","Type":"ecs","Weight":null}]`, w.a[2], w.a[0], w.a[1]))
	want := []model.BackendServerView{
		{ServerId: w.a[2], Weight: 0, Type: "ecs"},
		{ServerId: w.a[0], Weight: 35, Type: "ecs"},
		{ServerId: w.a[1], Weight: 100, Type: "ecs", Description: "web-1/a.b_c名"},
	}
	assert.Equal(t, model.BackendServers{BackendServer: want}, resp.BackendServers, "attachment (= element) order; no ServerIp or VpcId for ecs")

	// The response lists every backend after the call, old ones first.
	resp = w.do(t, opAdd, w.vpcLB, srv(w.a[3]))
	want = append(want, model.BackendServerView{ServerId: w.a[3], Weight: 100, Type: "ecs"})
	assert.Equal(t, want, resp.BackendServers.BackendServer)

	// DescribeLoadBalancerAttribute adds ServerIp and VpcId.
	full := make([]model.BackendServerView, len(want))
	copy(full, want)
	for i := range full {
		full[i].ServerIp = w.describe(t, full[i].ServerId).VpcAttributes.PrivateIpAddress.IpAddress[0]
		full[i].VpcId = w.vpc1
	}
	assert.Equal(t, full, w.backends(t, w.vpcLB))
	assert.Equal(t, "192.168.1.3", full[0].ServerIp, "a[2] is the third instance of vSwitch A")

	// Without a configuring window, no LB ever records one.
	assert.True(t, stored(t, w.s, w.vpcLB).ConfiguringUntil.IsZero())
	// The other LBs are untouched.
	assert.Empty(t, w.backends(t, w.perfLB))
}

func TestAddBackendServersDuplicatesFirstWins(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{BackendQuota: 2})
	// Four elements, two servers: de-duplicated before the quota of 2.
	resp := w.do(t, opAdd, w.vpcLB, fmt.Sprintf(`[{"ServerId":%q,"Weight":10},{"ServerId":%q,"Weight":20,"Description":"second"},`+
		`{"ServerId":%q},{"ServerId":%q,"Weight":40}]`, w.a[0], w.a[0], w.a[1], w.a[1]))
	assert.Equal(t, []model.BackendServerView{
		{ServerId: w.a[0], Weight: 10, Type: "ecs"},
		{ServerId: w.a[1], Weight: 100, Type: "ecs"},
	}, resp.BackendServers.BackendServer)

	// Twenty copies of one server are within the per-call limit.
	w2 := newSLBWorld(t, engine.Config{})
	resp = w2.do(t, opAdd, w2.internet, srv(slices.Repeat([]string{w2.classic[0]}, 20)...))
	assert.Equal(t, []string{w2.classic[0]}, serverIds(resp.BackendServers.BackendServer))
}

func TestAddBackendServersEmptyIsANoOp(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	w.do(t, opAdd, w.vpcLB, srv(w.a[0]))
	for _, op := range []struct {
		name string
		op   backendOp
	}{{"add", opAdd}, {"remove", opRemove}, {"set", opSet}} {
		for _, servers := range []string{"", "   ", "[]", " [ ] "} {
			before := w.s.Dump()
			resp := w.do(t, op.op, w.vpcLB, servers)
			assert.Equal(t, []model.BackendServerView{{ServerId: w.a[0], Weight: 100, Type: "ecs"}}, resp.BackendServers.BackendServer,
				"%s %q lists the current backends", op.name, servers)
			assert.Equal(t, before, w.s.Dump(), "%s %q changes nothing", op.name, servers)
		}
	}
	// On an LB without backends the list is empty, not nil.
	resp := w.do(t, opAdd, w.perfLB, "")
	assert.NotNil(t, resp.BackendServers.BackendServer)
	assert.Empty(t, resp.BackendServers.BackendServer)
}

func TestAddBackendServersQuotaBoundary(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{BackendQuota: 3})
	assert.Equal(t, 3, w.s.BackendQuota())
	w.do(t, opAdd, w.vpcLB, srv(w.a[0]))
	w.do(t, opAdd, w.vpcLB, srv(w.a[1], w.a[2])) // exactly the quota
	assert.Equal(t, []string{w.a[0], w.a[1], w.a[2]}, w.backendIds(t, w.vpcLB))
	before := w.s.Dump()
	_, e := w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB, BackendServers: srv(w.a[3])})
	requireAPIError(t, model.ErrBackendServerQuota(), e)
	assert.Equal(t, before, w.s.Dump())
	// The quota is per LB: another LB takes the same servers.
	w.do(t, opAdd, w.perfLB, srv(w.a[0], w.a[1], w.a[2]))
	// Removing one makes room again.
	w.do(t, opRemove, w.vpcLB, srv(w.a[1]))
	w.do(t, opAdd, w.vpcLB, srv(w.a[3]))
	assert.Equal(t, []string{w.a[0], w.a[2], w.a[3]}, w.backendIds(t, w.vpcLB))

	// The default quota is 200.
	assert.Equal(t, model.DefaultBackendQuota, newTestStore(t).BackendQuota())
	assert.Equal(t, 200, model.DefaultBackendQuota)
}

func TestAddBackendServersDefaultQuota(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	vsw := mustVSwitch(t, w.s, testAccount, w.vpc2, "cn-hangzhou-i", "10.0.4.0/22")
	ids := w.run(t, vsw, 100)
	ids = append(ids, w.run(t, vsw, 100)...)
	ids = append(ids, w.run(t, vsw, 1)...)
	lb, e := w.s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion})
	require.Nil(t, e)
	for i := 0; i < 200; i += 20 {
		_, e := w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: lb.LoadBalancerId, BackendServers: srv(ids[i : i+20]...)})
		require.Nil(t, e)
	}
	before := w.s.Dump()
	assert.Len(t, before.Backends, 200)
	_, e = w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: lb.LoadBalancerId, BackendServers: srv(ids[200])})
	requireAPIError(t, model.ErrBackendServerQuota(), e)
	assert.Equal(t, before, w.s.Dump())
}

func TestAddBackendServersNetworkMatrix(t *testing.T) {
	t.Parallel()
	x := newSLBWorld(t, engine.Config{})
	lbs := map[string]string{"internet": x.internet, "intranet classic": x.intranet, "intranet VPC 1": x.vpcLB, "intranet VPC 2": x.vpc2LB}
	servers := map[string]string{"classic": x.classic[0], "VPC 1": x.a[0], "VPC 2": x.c[0]}
	refused := model.ErrNetworkTypeUnsupported()
	tests := []struct {
		lb, server string
		want       *model.Error
	}{
		{"internet", "classic", nil},
		{"internet", "VPC 1", nil},
		{"internet", "VPC 2", nil},
		{"intranet classic", "classic", nil},
		{"intranet classic", "VPC 1", refused},
		{"intranet classic", "VPC 2", refused},
		{"intranet VPC 1", "classic", refused},
		{"intranet VPC 1", "VPC 1", nil},
		{"intranet VPC 1", "VPC 2", refused},
		{"intranet VPC 2", "classic", refused},
		{"intranet VPC 2", "VPC 1", refused},
		{"intranet VPC 2", "VPC 2", nil},
	}
	for _, tc := range tests {
		t.Run(tc.lb+" LB, "+tc.server+" instance", func(t *testing.T) {
			t.Parallel()
			w := newSLBWorld(t, engine.Config{})
			before := w.s.Dump()
			resp, e := w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion,
				LoadBalancerId: lbs[tc.lb], BackendServers: srv(servers[tc.server])})
			if tc.want != nil {
				requireAPIError(t, tc.want, e)
				assert.Equal(t, before, w.s.Dump())
				return
			}
			require.Nil(t, e)
			assert.Equal(t, []string{servers[tc.server]}, serverIds(resp.BackendServers.BackendServer))
		})
	}
}

func TestAddBackendServersOneDomainPerLB(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	// An internet LB takes VPC instances, all of one VPC, over several calls.
	w.do(t, opAdd, w.internet, srv(w.a[0], w.b))
	w.do(t, opAdd, w.internet, srv(w.a[1]))
	for _, id := range []string{w.c[0], w.classic[0]} {
		_, e := w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.internet, BackendServers: srv(id)})
		requireAPIError(t, model.ErrBackendServersInconsistent(), e)
	}
	// Once empty again, the LB takes another domain.
	w.do(t, opRemove, w.internet, srv(w.a[0], w.b, w.a[1]))
	w.do(t, opAdd, w.internet, srv(w.c[0], w.c[1]))
	assert.Equal(t, []model.BackendServerView{
		{ServerId: w.c[0], Weight: 100, Type: "ecs", ServerIp: "10.0.1.1", VpcId: w.vpc2},
		{ServerId: w.c[1], Weight: 100, Type: "ecs", ServerIp: "10.0.1.2", VpcId: w.vpc2},
	}, w.backends(t, w.internet))
	// Classic backends carry their classic address and no VPC.
	w.do(t, opAdd, w.internet2, srv(w.classic[1]))
	assert.Equal(t, []model.BackendServerView{{ServerId: w.classic[1], Weight: 100, Type: "ecs", ServerIp: "10.0.0.2"}}, w.backends(t, w.internet2))
}

func TestAddBackendServersLBStatus(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	// An inactive LB accepts backend changes.
	_, e := w.s.SetLoadBalancerStatus(testAccount, &model.SetLoadBalancerStatusRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB, LoadBalancerStatus: "inactive"})
	require.Nil(t, e)
	w.do(t, opAdd, w.vpcLB, srv(w.a[0], w.a[1]))
	w.do(t, opSet, w.vpcLB, fmt.Sprintf(`[{"ServerId":%q,"Weight":5}]`, w.a[0]))
	w.do(t, opRemove, w.vpcLB, srv(w.a[1]))
	assert.Equal(t, []model.BackendServerView{{ServerId: w.a[0], Weight: 5, Type: "ecs", ServerIp: "192.168.1.1", VpcId: w.vpc1}}, w.backends(t, w.vpcLB))

	// A locked LB refuses all three, and keeps its backends.
	require.NoError(t, w.s.ForceLoadBalancerStatus(w.vpcLB, model.LBLocked))
	for _, op := range []backendOp{opAdd, opRemove, opSet} {
		before := w.s.Dump()
		_, e := op(w.s, testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB, BackendServers: srv(w.a[0])})
		requireAPIError(t, model.ErrActionNotAllowedLocked(), e)
		assert.Equal(t, before, w.s.Dump())
	}
	// A locked LB can still be read.
	assert.Equal(t, "locked", w.attribute(t, w.vpcLB).LoadBalancerStatus)
	assert.Equal(t, []string{w.a[0]}, w.backendIds(t, w.vpcLB))
}

func TestAddBackendServersTransitionalStatuses(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	w := newSLBWorld(t, engine.Config{Now: clock.Now, Lifecycle: model.LifecycleDurations{Pending: time.Second, Starting: time.Second, Stopping: time.Second}})
	fresh := w.run(t, w.vswA, 1)[0]
	try := func() *model.Error {
		_, e := w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB, BackendServers: srv(fresh)})
		return e
	}
	require.Equal(t, "Pending", w.describe(t, fresh).Status)
	requireAPIError(t, model.ErrObtainIpFail(), try())
	clock.Advance(time.Second)
	require.Equal(t, "Starting", w.describe(t, fresh).Status)
	requireAPIError(t, model.ErrObtainIpFail(), try())
	clock.Advance(time.Second)
	require.Equal(t, "Running", w.describe(t, fresh).Status)
	require.Nil(t, try())

	// Stopping and Stopped instances stay attached; only new attachments need Running.
	_, e := w.s.StopInstance(testAccount, &model.StopInstanceRequest{InstanceId: fresh})
	require.Nil(t, e)
	require.Equal(t, "Stopping", w.describe(t, fresh).Status)
	assert.Equal(t, []string{fresh}, w.backendIds(t, w.vpcLB))
	w.do(t, opRemove, w.vpcLB, srv(fresh))
	requireAPIError(t, model.ErrObtainIpFail(), try())
}

func TestAddBackendServersENI(t *testing.T) {
	t.Parallel()
	type enis struct {
		onA, free, onStopped, onC string
		ipsA                      []string // primary first
	}
	world := func(t testingT, cfg engine.Config) (slbWorld, enis) {
		w := newSLBWorld(t, cfg)
		var x enis
		resp, e := w.s.CreateNetworkInterface(testAccount, &model.CreateNetworkInterfaceRequest{RegionId: testRegion, VSwitchId: w.vswA, SecurityGroupId: "sg-1", SecondaryPrivateIpAddressCount: 2})
		require.Nil(t, e)
		x.onA = resp.NetworkInterfaceId
		x.free = w.eni(t, w.vswA)
		x.onStopped = w.eni(t, w.vswA)
		x.onC = w.eni(t, w.vswC)
		for _, p := range [][2]string{{x.onA, w.a[1]}, {x.onStopped, w.stopped}, {x.onC, w.c[0]}} {
			_, e := w.s.AttachNetworkInterface(testAccount, &model.AttachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: p[0], InstanceId: p[1]})
			require.Nil(t, e)
		}
		for _, ip := range w.eniView(t, x.onA).PrivateIpSets.PrivateIpSet {
			x.ipsA = append(x.ipsA, ip.PrivateIpAddress)
		}
		return w, x
	}
	ref, x := world(t, engine.Config{})
	require.Len(t, x.ipsA, 3)
	eni := func(id, ip string) string {
		if ip == "" {
			return fmt.Sprintf(`{"ServerId":%q,"Type":"eni"}`, id)
		}
		return fmt.Sprintf(`{"ServerId":%q,"Type":"eni","ServerIp":%q}`, id, ip)
	}
	list := func(elems ...string) string { return "[" + strings.Join(elems, ",") + "]" }

	t.Run("errors", func(t *testing.T) {
		runErrorCases(t, func(t *testing.T) *engine.Store { w, _ := world(t, engine.Config{}); return w.s }, []errorCase{
			{"unknown ENI", add(ref.perfLB, list(eni("eni-bp1doesnotexist0000000", ""))), model.ErrObtainIpFail()},
			{"unknown ENI on an LB without spec: existence first", add(ref.vpcLB, list(eni("eni-bp1doesnotexist0000000", ""))), model.ErrObtainIpFail()},
			{"VPC LB without spec", add(ref.vpcLB, list(eni(x.onA, ""))), model.ErrBackendServersInvalid()},
			{"internet LB", add(ref.internet, list(eni(x.onA, ""))), model.ErrBackendServersInvalid()},
			{"classic intranet LB", add(ref.intranet, list(eni(x.onA, ""))), model.ErrBackendServersInvalid()},
			{"ENI of another VPC, LB without spec: spec first", add(ref.vpcLB, list(eni(x.onC, ""))), model.ErrBackendServersInvalid()},
			{"ENI of another VPC", add(ref.perfLB, list(eni(x.onC, ""))), model.ErrNetworkTypeUnsupported()},
			{"ENI not attached", add(ref.perfLB, list(eni(x.free, ""))), model.ErrBackendServersInvalid()},
			{"ENI of a stopped instance", add(ref.perfLB, list(eni(x.onStopped, ""))), model.ErrBackendServersInvalid()},
			{"ServerIp not the ENI's", add(ref.perfLB, list(eni(x.onA, "192.168.1.200"))), model.ErrBackendServersInvalid()},
			{"ServerIp of another ENI", add(ref.perfLB, list(eni(x.onA, ref.eniView(t, x.free).PrivateIpAddress))), model.ErrBackendServersInvalid()},
			{"an ENI named as ecs", add(ref.perfLB, srv(x.onA)), model.ErrObtainIpFail()},
		})
	})

	t.Run("attach", func(t *testing.T) {
		w, _ := world(t, engine.Config{})
		// No ServerIp: the primary IP. Listed with and without it: attached once.
		resp := w.do(t, opAdd, w.perfLB, list(eni(x.onA, ""), eni(x.onA, x.ipsA[0]), eni(x.onA, x.ipsA[2]), fmt.Sprintf(`{"ServerId":%q,"Weight":7}`, w.a[2])))
		assert.Equal(t, []model.BackendServerView{
			{ServerId: x.onA, Weight: 100, Type: "eni", ServerIp: x.ipsA[0]},
			{ServerId: x.onA, Weight: 100, Type: "eni", ServerIp: x.ipsA[2]},
			{ServerId: w.a[2], Weight: 7, Type: "ecs"},
		}, resp.BackendServers.BackendServer, "eni backends carry their ServerIp in the response")
		assert.Equal(t, []model.BackendServerView{
			{ServerId: x.onA, Weight: 100, Type: "eni", ServerIp: x.ipsA[0], VpcId: w.vpc1},
			{ServerId: x.onA, Weight: 100, Type: "eni", ServerIp: x.ipsA[2], VpcId: w.vpc1},
			{ServerId: w.a[2], Weight: 7, Type: "ecs", ServerIp: "192.168.1.3", VpcId: w.vpc1},
		}, w.backends(t, w.perfLB))

		// Each IP is attached once.
		for _, elem := range []string{eni(x.onA, ""), eni(x.onA, x.ipsA[2])} {
			before := w.s.Dump()
			_, e := w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.perfLB, BackendServers: list(elem)})
			requireAPIError(t, model.ErrBackendServersInvalid(), e)
			assert.Equal(t, before, w.s.Dump())
		}
		w.do(t, opAdd, w.perfLB, list(eni(x.onA, x.ipsA[1])))

		// Set without ServerIp changes every IP of the ENI; with one, that IP.
		w.do(t, opSet, w.perfLB, fmt.Sprintf(`[{"ServerId":%q,"Type":"eni","Weight":30}]`, x.onA))
		w.do(t, opSet, w.perfLB, fmt.Sprintf(`[{"ServerId":%q,"Type":"eni","ServerIp":%q,"Weight":60}]`, x.onA, x.ipsA[2]))
		weights := map[string]int{}
		for _, b := range w.backends(t, w.perfLB) {
			weights[b.ServerId+"/"+b.ServerIp] = b.Weight
		}
		assert.Equal(t, map[string]int{x.onA + "/" + x.ipsA[0]: 30, x.onA + "/" + x.ipsA[1]: 30, x.onA + "/" + x.ipsA[2]: 60, w.a[2] + "/192.168.1.3": 7}, weights)
		// Set of an IP that is not attached is refused.
		before := w.s.Dump()
		_, e := w.s.SetBackendServers(testAccount, &model.SetBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.perfLB,
			BackendServers: fmt.Sprintf(`[{"ServerId":%q,"Type":"eni","ServerIp":"192.168.1.250","Weight":1}]`, x.onA)})
		requireAPIError(t, model.ErrBackendServersInvalid(), e)
		assert.Equal(t, before, w.s.Dump())

		// An ecs element naming the ENI removes nothing; one IP, then the rest.
		w.do(t, opRemove, w.perfLB, srv(x.onA))
		assert.Len(t, w.backends(t, w.perfLB), 4)
		resp = w.do(t, opRemove, w.perfLB, list(eni(x.onA, x.ipsA[2])))
		assert.Equal(t, []model.BackendServerView{
			{ServerId: x.onA, Weight: 30, Type: "eni", ServerIp: x.ipsA[0]},
			{ServerId: w.a[2], Weight: 7, Type: "ecs"},
			{ServerId: x.onA, Weight: 30, Type: "eni", ServerIp: x.ipsA[1]},
		}, resp.BackendServers.BackendServer)
		resp = w.do(t, opRemove, w.perfLB, list(eni(x.onA, "")))
		assert.Equal(t, []model.BackendServerView{{ServerId: w.a[2], Weight: 7, Type: "ecs"}}, resp.BackendServers.BackendServer)
	})

	t.Run("listed with and without its primary IP, it counts once for the quota", func(t *testing.T) {
		w, _ := world(t, engine.Config{BackendQuota: 1})
		w.do(t, opAdd, w.perfLB, list(eni(x.onA, ""), eni(x.onA, x.ipsA[0])))
		assert.Equal(t, []model.BackendServerView{{ServerId: x.onA, Weight: 100, Type: "eni", ServerIp: x.ipsA[0], VpcId: w.vpc1}}, w.backends(t, w.perfLB))
		before := w.s.Dump()
		_, e := w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.perfLB, BackendServers: list(eni(x.onA, x.ipsA[1]))})
		requireAPIError(t, model.ErrBackendServerQuota(), e)
		assert.Equal(t, before, w.s.Dump())
	})

	t.Run("an ENI on two LBs", func(t *testing.T) {
		w, _ := world(t, engine.Config{})
		perf2 := w.createLB(t, model.CreateLoadBalancerRequest{AddressType: "intranet", VSwitchId: w.vswB, LoadBalancerSpec: "slb.s2.small"})
		w.do(t, opAdd, w.perfLB, list(eni(x.onA, "")))
		w.do(t, opAdd, perf2, list(eni(x.onA, ""), eni(x.onA, x.ipsA[1])))
		// Removing every IP from one LB leaves the other alone.
		w.do(t, opRemove, perf2, list(eni(x.onA, "")))
		assert.Empty(t, w.backends(t, perf2))
		assert.Equal(t, []string{x.onA}, w.backendIds(t, w.perfLB))
	})
}

// ---------------------------------------------------------------------------
// RemoveBackendServers and SetBackendServers.

func TestRemoveBackendServers(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	w.do(t, opAdd, w.vpcLB, srv(w.a[0], w.a[1], w.a[2]))
	w.do(t, opAdd, w.perfLB, srv(w.a[0]))

	resp := w.do(t, opRemove, w.vpcLB, srv(w.a[1]))
	assert.Equal(t, []model.BackendServerView{{ServerId: w.a[0], Weight: 100, Type: "ecs"}, {ServerId: w.a[2], Weight: 100, Type: "ecs"}},
		resp.BackendServers.BackendServer, "the remaining backends, in attachment order")

	// Servers that are not attached, unknown or of another LB are ignored.
	before := w.s.Dump()
	resp = w.do(t, opRemove, w.vpcLB, srv(w.a[1], w.a[3], unknownInstance, w.classic[0], w.stopped))
	assert.Equal(t, []string{w.a[0], w.a[2]}, serverIds(resp.BackendServers.BackendServer))
	assert.Equal(t, before, w.s.Dump())

	// Attached and unattached together; duplicates.
	resp = w.do(t, opRemove, w.vpcLB, srv(w.a[3], w.a[0], w.a[0]))
	assert.Equal(t, []string{w.a[2]}, serverIds(resp.BackendServers.BackendServer))
	assert.Equal(t, []string{w.a[0]}, w.backendIds(t, w.perfLB), "only this LB's attachment goes")

	// A stopped server can be removed.
	_, e := w.s.StopInstance(testAccount, &model.StopInstanceRequest{InstanceId: w.a[2]})
	require.Nil(t, e)
	resp = w.do(t, opRemove, w.vpcLB, srv(w.a[2]))
	assert.Empty(t, resp.BackendServers.BackendServer)

	// Re-adding puts a server at the end.
	w.do(t, opAdd, w.perfLB, srv(w.a[1], w.a[3]))
	w.do(t, opRemove, w.perfLB, srv(w.a[0]))
	w.do(t, opAdd, w.perfLB, srv(w.a[0]))
	assert.Equal(t, []string{w.a[1], w.a[3], w.a[0]}, w.backendIds(t, w.perfLB))
}

func TestRemoveAndSetBackendServersErrors(t *testing.T) {
	t.Parallel()
	build := func(t *testing.T) *engine.Store {
		w := newSLBWorld(t, engine.Config{})
		w.do(t, opAdd, w.vpcLB, fmt.Sprintf(`[{"ServerId":%q,"Weight":20,"Description":"old"},{"ServerId":%q}]`, w.a[0], w.a[1]))
		w.do(t, opAdd, w.perfLB, srv(w.a[2]))
		return w.s
	}
	x := newSLBWorld(t, engine.Config{})
	var cases []errorCase
	for _, op := range []struct {
		name string
		op   backendOp
	}{{"remove", opRemove}, {"set", opSet}} {
		call := func(account, region, lb, servers string) func(*engine.Store) *model.Error {
			return backendCall(op.op, account, region, lb, servers)
		}
		ok := srv(x.a[0])
		cases = append(cases, []errorCase{
			{op.name + ": no region", call(testAccount, "", x.vpcLB, ok), model.ErrMissingParameter("RegionId")},
			{op.name + ": unknown region", call(testAccount, "cn-atlantis", x.vpcLB, ok), model.ErrInvalidRegionId()},
			{op.name + ": no LB id", call(testAccount, testRegion, "", ok), model.ErrMissingParameter("LoadBalancerId")},
			{op.name + ": unknown LB", call(testAccount, testRegion, "lb-bp1doesnotexist00000", ok), model.ErrLoadBalancerNotFound()},
			{op.name + ": LB of another account", call(otherAcct, testRegion, x.vpcLB, ok), model.ErrLoadBalancerNotFound()},
			{op.name + ": LB in another region", call(testAccount, "cn-beijing", x.vpcLB, ok), model.ErrLoadBalancerNotFound()},
			{op.name + ": locked LB", call(testAccount, testRegion, x.locked, "garbage"), model.ErrActionNotAllowedLocked()},
			{op.name + ": unparsable", call(testAccount, testRegion, x.vpcLB, "[{"), model.ErrBackendServersInvalid()},
			{op.name + ": 21 elements", call(testAccount, testRegion, x.vpcLB, srv(slices.Repeat([]string{x.a[0]}, 21)...)), model.ErrTooManyBackendServers()},
			{op.name + ": Weight 101 on an attached server", call(testAccount, testRegion, x.vpcLB, fmt.Sprintf(`[{"ServerId":%q,"Weight":101}]`, x.a[0])), model.ErrBackendServersInvalid()},
			{op.name + ": bad element after a good one", call(testAccount, testRegion, x.vpcLB, fmt.Sprintf(`[{"ServerId":%q},{"ServerId":%q,"Type":"x"}]`, x.a[0], x.a[1])), model.ErrBackendServersInvalid()},
			{op.name + ": long Description", call(testAccount, testRegion, x.vpcLB, fmt.Sprintf(`[{"ServerId":%q,"Description":%q}]`, x.a[0], strings.Repeat("名", 81))), model.ErrInvalidParameterLength()},
		}...)
	}
	set := func(servers string) func(*engine.Store) *model.Error {
		return backendCall(opSet, testAccount, testRegion, x.vpcLB, servers)
	}
	cases = append(cases, []errorCase{
		{"set: server not attached", set(fmt.Sprintf(`[{"ServerId":%q,"Weight":5}]`, x.a[3])), model.ErrBackendServersInvalid()},
		{"set: unknown server", set(srv(unknownInstance)), model.ErrBackendServersInvalid()},
		{"set: attached to another LB only", set(srv(x.a[2])), model.ErrBackendServersInvalid()},
		{"set: an attached server, then an unattached one", set(fmt.Sprintf(`[{"ServerId":%q,"Weight":5},{"ServerId":%q,"Weight":5}]`, x.a[0], x.a[3])), model.ErrBackendServersInvalid()},
		{"set: an attached ecs named as eni", set(fmt.Sprintf(`[{"ServerId":%q,"Type":"eni","Weight":5}]`, x.a[0])), model.ErrBackendServersInvalid()},
	}...)
	runErrorCases(t, build, cases)
}

func TestSetBackendServers(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	w.do(t, opAdd, w.vpcLB, fmt.Sprintf(`[{"ServerId":%q},{"ServerId":%q,"Weight":20,"Description":"old"},{"ServerId":%q,"Weight":30}]`, w.a[0], w.a[1], w.a[2]))

	resp := w.do(t, opSet, w.vpcLB, fmt.Sprintf(`[{"ServerId":%q,"Weight":5,"Description":"web"}]`, w.a[0]))
	want := []model.BackendServerView{
		{ServerId: w.a[0], Weight: 5, Type: "ecs", Description: "web"},
		{ServerId: w.a[1], Weight: 20, Type: "ecs", Description: "old"},
		{ServerId: w.a[2], Weight: 30, Type: "ecs"},
	}
	assert.Equal(t, want, resp.BackendServers.BackendServer, "the whole list, in attachment order")

	// No Weight keeps the weight; no (or a null) Description keeps the
	// description; setting the values they have writes nothing.
	before := w.s.Dump()
	resp = w.do(t, opSet, w.vpcLB, fmt.Sprintf(`[{"ServerId":%q},{"ServerId":%q,"Description":null,"Weight":5},{"ServerId":%q,"Weight":null}]`, w.a[1], w.a[0], w.a[2]))
	assert.Equal(t, want, resp.BackendServers.BackendServer)
	assert.Equal(t, before, w.s.Dump())

	// Weight 0 and a numeric string; the first duplicate wins.
	resp = w.do(t, opSet, w.vpcLB, fmt.Sprintf(`[{"ServerId":%q,"Weight":"0"},{"ServerId":%q,"Weight":7},{"ServerId":%q,"Weight":9,"Description":"dup"}]`, w.a[1], w.a[2], w.a[2]))
	want[1].Weight, want[2].Weight = 0, 7
	assert.Equal(t, want, resp.BackendServers.BackendServer)
	assert.Equal(t, want[2].Weight, w.backends(t, w.vpcLB)[2].Weight)

	// Set never attaches, even an attachable server.
	before = w.s.Dump()
	_, e := w.s.SetBackendServers(testAccount, &model.SetBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB, BackendServers: srv(w.a[3])})
	requireAPIError(t, model.ErrBackendServersInvalid(), e)
	assert.Equal(t, before, w.s.Dump())
}

// ---------------------------------------------------------------------------
// The configuring window.

func TestConfiguringWindow(t *testing.T) {
	t.Parallel()
	const window = 2 * time.Second
	clock := newTestClock()
	w := newSLBWorld(t, engine.Config{Now: clock.Now, ConfiguringWindow: window})
	t0 := clock.Now()

	// A change without elements does not open the window.
	before := w.s.Dump()
	w.do(t, opAdd, w.vpcLB, "[]")
	assert.Equal(t, before, w.s.Dump())
	w.do(t, opAdd, w.vpcLB, srv(w.a[0]))
	assert.Equal(t, t0.Add(window), stored(t, w.s, w.vpcLB).ConfiguringUntil)

	busy := model.ErrBackendServerConfiguring()
	refusedInWindow := func(name string, want *model.Error, call func() *model.Error) {
		t.Helper()
		before := w.s.Dump()
		requireAPIError(t, want, call())
		assert.Equal(t, before, w.s.Dump(), "%s: a refused call changes nothing, the window included", name)
	}
	backend := func(op backendOp, lb, servers string) func() *model.Error {
		return func() *model.Error { return backendCall(op, testAccount, testRegion, lb, servers)(w.s) }
	}
	setStatus := func() *model.Error {
		_, e := w.s.SetLoadBalancerStatus(testAccount, &model.SetLoadBalancerStatusRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB, LoadBalancerStatus: "inactive"})
		return e
	}
	del := func() *model.Error {
		_, e := w.s.DeleteLoadBalancer(testAccount, &model.DeleteLoadBalancerRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB})
		return e
	}
	checkBusy := func() {
		t.Helper()
		refusedInWindow("add", busy, backend(opAdd, w.vpcLB, srv(w.a[1])))
		refusedInWindow("add without elements", busy, backend(opAdd, w.vpcLB, ""))
		refusedInWindow("add, unparsable: the window first", busy, backend(opAdd, w.vpcLB, "garbage"))
		refusedInWindow("remove", busy, backend(opRemove, w.vpcLB, srv(w.a[0])))
		refusedInWindow("set", busy, backend(opSet, w.vpcLB, fmt.Sprintf(`[{"ServerId":%q,"Weight":1}]`, w.a[0])))
		refusedInWindow("set status", model.ErrServiceIsConfiguring(), setStatus)
		refusedInWindow("set status, empty: the window first", model.ErrServiceIsConfiguring(), func() *model.Error {
			_, e := w.s.SetLoadBalancerStatus(testAccount, &model.SetLoadBalancerStatusRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB})
			return e
		})
		refusedInWindow("delete", model.ErrServiceIsConfiguring(), del)
		// The LB checks come first.
		refusedInWindow("another account", model.ErrLoadBalancerNotFound(), func() *model.Error {
			return backendCall(opAdd, otherAcct, testRegion, w.vpcLB, srv(w.a[1]))(w.s)
		})
		// Reads are not affected.
		assert.Equal(t, []string{w.a[0]}, w.backendIds(t, w.vpcLB))
	}
	checkBusy()

	// Locked beats the window.
	require.NoError(t, w.s.ForceLoadBalancerStatus(w.vpcLB, model.LBLocked))
	refusedInWindow("locked", model.ErrActionNotAllowedLocked(), backend(opAdd, w.vpcLB, srv(w.a[1])))
	require.NoError(t, w.s.ForceLoadBalancerStatus(w.vpcLB, model.LBActive))

	// Other LBs are not affected, and get windows of their own.
	w.do(t, opAdd, w.perfLB, srv(w.a[1]))
	_, e := w.s.SetLoadBalancerStatus(testAccount, &model.SetLoadBalancerStatusRequest{RegionId: testRegion, LoadBalancerId: w.vpc2LB, LoadBalancerStatus: "inactive"})
	require.Nil(t, e)

	// Up to the last nanosecond the window holds; at its end it is over.
	clock.Advance(window - time.Nanosecond)
	checkBusy()
	clock.Advance(time.Nanosecond)
	// Calls that change nothing write nothing, and open no window: a removal
	// of servers that are not attached, a Set to the values the backends have.
	before = w.s.Dump()
	w.do(t, opRemove, w.vpcLB, srv(w.a[3], unknownInstance))
	w.do(t, opSet, w.vpcLB, fmt.Sprintf(`[{"ServerId":%q,"Weight":100}]`, w.a[0]))
	assert.Equal(t, before, w.s.Dump())
	// A change opens the window again, from now.
	w.do(t, opSet, w.vpcLB, fmt.Sprintf(`[{"ServerId":%q,"Weight":100,"Description":"web"}]`, w.a[0]))
	assert.Equal(t, t0.Add(2*window), stored(t, w.s, w.vpcLB).ConfiguringUntil)
	checkBusy()
	clock.Advance(window)
	w.do(t, opAdd, w.vpcLB, srv(w.a[1]))
	clock.Advance(window)
	w.do(t, opRemove, w.vpcLB, srv(w.a[1])) // a removal opens it too
	refusedInWindow("after a removal", busy, backend(opAdd, w.vpcLB, srv(w.a[1])))
	assert.Equal(t, t0.Add(4*window), stored(t, w.s, w.vpcLB).ConfiguringUntil)

	// SetLoadBalancerStatus does not open the window.
	clock.Advance(window)
	require.Nil(t, setStatus())
	assert.Equal(t, t0.Add(4*window), stored(t, w.s, w.vpcLB).ConfiguringUntil)
	w.do(t, opSet, w.vpcLB, fmt.Sprintf(`[{"ServerId":%q,"Weight":1}]`, w.a[0]))
	clock.Advance(window)
	require.Nil(t, del())
}

// ---------------------------------------------------------------------------
// Properties.

// TestBackendOperationsProperty runs random Add/Remove/Set calls, valid or
// not, on a few LBs with a small quota. A refused call changes nothing; a
// successful one does what a simple model of the default server group
// predicts (new servers appended in element order, removed ones dropped,
// weights set), and writes nothing when it changes no backend; an LB never
// exceeds its quota and its backends share one network domain.
func TestBackendOperationsProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		quota := rapid.IntRange(1, 5).Draw(rt, "quota")
		w := newSLBWorld(rt, engine.Config{BackendQuota: quota})
		lbs := []string{w.internet, w.internet, w.intranet, w.vpcLB, w.vpcLB, w.locked}
		pool := append(append(append([]string{}, w.classic...), w.a...), w.c[0], w.stopped, w.other, unknownInstance)
		domain := map[string]string{unknownInstance: "", w.stopped: w.vpc1, w.other: "classic", w.c[0]: w.vpc2}
		for _, id := range w.classic {
			domain[id] = "classic"
		}
		for _, id := range w.a {
			domain[id] = w.vpc1
		}

		attached := map[string][]backendRow{}
		// Most elements name a server the LB could take, so that calls
		// succeed often enough to matter.
		compatible := map[string][]string{w.internet: append(slices.Clone(w.classic), w.a...), w.intranet: w.classic, w.vpcLB: w.a, w.locked: w.a}
		ops := []string{"add", "remove", "set"}
		steps := rapid.IntRange(1, 30).Draw(rt, "steps")
		for step := 0; step < steps; step++ {
			lb := rapid.SampledFrom(lbs).Draw(rt, "lb")
			op := rapid.SampledFrom(ops).Draw(rt, "op")
			n := rapid.IntRange(0, 3).Draw(rt, "elements")
			var elems []string
			type spec struct {
				id        string
				weight    int
				weightSet bool
			}
			var specs []spec
			for i := 0; i < n; i++ {
				servers := pool
				if rapid.IntRange(0, 4).Draw(rt, "server kind") > 0 {
					servers = compatible[lb]
					if op != "add" && len(attached[lb]) > 0 {
						servers = nil
						for _, b := range attached[lb] {
							servers = append(servers, b.id)
						}
					}
				}
				sp := spec{id: rapid.SampledFrom(servers).Draw(rt, "server"), weight: model.DefaultWeight}
				switch rapid.IntRange(0, 9).Draw(rt, "weight kind") {
				case 0, 1, 2, 3: // none
					elems = append(elems, fmt.Sprintf(`{"ServerId":%q}`, sp.id))
				case 4, 5, 6, 7, 8:
					sp.weight, sp.weightSet = rapid.IntRange(0, 100).Draw(rt, "weight"), true
					elems = append(elems, fmt.Sprintf(`{"ServerId":%q,"Weight":%d}`, sp.id, sp.weight))
				case 9: // out of range: the call is refused
					sp.weightSet = true
					elems = append(elems, fmt.Sprintf(`{"ServerId":%q,"Weight":%d}`, sp.id, 101+rapid.IntRange(0, 5).Draw(rt, "excess")))
				}
				specs = append(specs, sp)
			}
			before := w.s.Dump()
			var call backendOp
			switch op {
			case "add":
				call = opAdd
			case "remove":
				call = opRemove
			default:
				call = opSet
			}
			resp, e := call(w.s, testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: lb, BackendServers: "[" + strings.Join(elems, ",") + "]"})
			if e != nil {
				require.Equal(rt, before, w.s.Dump(), "%s %v on %s refused with %s but changed the world", op, elems, lb, e.Code)
				continue
			}
			require.NotEqual(rt, w.locked, lb, "a locked LB accepted %s", op)
			// De-duplicate as the documentation says: the first element wins.
			var uniq []spec
			seen := map[string]bool{}
			for _, sp := range specs {
				if !seen[sp.id] {
					seen[sp.id] = true
					uniq = append(uniq, sp)
				}
			}
			cur := attached[lb]
			switch op {
			case "add":
				for _, sp := range uniq {
					cur = append(cur, backendRow{sp.id, sp.weight})
				}
			case "remove":
				cur = slices.DeleteFunc(slices.Clone(cur), func(b backendRow) bool { return seen[b.id] })
			case "set":
				cur = slices.Clone(cur)
				for _, sp := range uniq {
					i := slices.IndexFunc(cur, func(b backendRow) bool { return b.id == sp.id })
					require.GreaterOrEqual(rt, i, 0, "set of %s succeeded but it is not attached", sp.id)
					if sp.weightSet {
						cur[i].weight = sp.weight
					}
				}
			}
			if len(cur) == 0 {
				cur = nil
			}
			if slices.Equal(cur, attached[lb]) {
				require.Equal(rt, before, w.s.Dump(), "%s %v on %s changed no backend but wrote", op, elems, lb)
			} else {
				require.NotEqual(rt, before, w.s.Dump())
			}
			attached[lb] = cur

			var got []backendRow
			for _, v := range resp.BackendServers.BackendServer {
				got = append(got, backendRow{v.ServerId, v.Weight})
			}
			require.Equal(rt, cur, got, "%s %v on %s", op, elems, lb)
			require.Equal(rt, got, backendsOf(rt, w, lb), "the response is DescribeLoadBalancerAttribute's list")
			require.LessOrEqual(rt, len(cur), quota)
			domains := map[string]bool{}
			for _, b := range cur {
				domains[domain[b.id]] = true
			}
			require.LessOrEqual(rt, len(domains), 1, "backends of %s in several domains: %v", lb, cur)
		}
	})
}

// backendRow is what the property's model keeps of a backend.
type backendRow struct {
	id     string
	weight int
}

func backendsOf(t testingT, w slbWorld, lb string) []backendRow {
	t.Helper()
	var out []backendRow
	for _, v := range w.backends(t, lb) {
		out = append(out, backendRow{v.ServerId, v.Weight})
	}
	return out
}

// TestAddBackendServersValidationOrderProperty draws requests with several
// faults at once and checks that the one reported is the first in the
// documented order: RegionId, LoadBalancerId, the LB (exists, not locked),
// syntax, count (a syntax error after the 21st element is not read), each
// element's fields in element order, then each
// de-duplicated server in element order (exists and Running, network,
// already attached), then the quota.
func TestAddBackendServersValidationOrderProperty(t *testing.T) {
	t.Parallel()
	const quota = 3
	rapid.Check(t, func(rt *rapid.T) {
		w := newSLBWorld(rt, engine.Config{BackendQuota: quota})
		w.do(rt, opAdd, w.vpcLB, srv(w.a[0]))
		existing := 1

		region := rapid.SampledFrom([]string{"ok", "missing", "unknown"}).Draw(rt, "region")
		lbKind := rapid.SampledFrom([]string{"ok", "missing", "unknown", "locked", "another account"}).Draw(rt, "lb")
		// A syntax error at the start of the value, or at its end (after the
		// 21st element when there are more than 20: then it is not read).
		broken := rapid.SampledFrom([]string{"", "", "", "", "", "", "", "", "start", "end"}).Draw(rt, "syntax error")
		kinds := []string{"good", "good", "good", "bad weight", "long description", "bad type", "unknown", "stopped", "classic", "other VPC", "attached"}
		n := rapid.IntRange(0, 22).Draw(rt, "elements")
		var elems []string
		var want *model.Error
		fieldErr, serverErr := (*model.Error)(nil), (*model.Error)(nil)
		good := map[string]bool{}
		seen := map[string]bool{}
		for i := 0; i < n; i++ {
			kind := rapid.SampledFrom(kinds).Draw(rt, "kind")
			id, extra := "", ""
			var srvErr *model.Error
			switch kind {
			case "good":
				id = rapid.SampledFrom(w.a[1:]).Draw(rt, "good server")
			case "bad weight":
				id, extra = w.a[1], `,"Weight":-3`
			case "long description":
				id, extra = w.a[1], `,"Description":"`+strings.Repeat("x", 81)+`"`
			case "bad type":
				id, extra = w.a[1], `,"Type":"vm"`
			case "unknown":
				id, srvErr = unknownInstance, model.ErrObtainIpFail()
			case "stopped":
				id, srvErr = w.stopped, model.ErrObtainIpFail()
			case "classic":
				id, srvErr = w.classic[0], model.ErrNetworkTypeUnsupported()
			case "other VPC":
				id, srvErr = w.c[0], model.ErrNetworkTypeUnsupported()
			case "attached":
				id, srvErr = w.a[0], model.ErrBackendServersInvalid()
			}
			elems = append(elems, fmt.Sprintf(`{"ServerId":%q%s}`, id, extra))
			switch kind {
			case "bad weight", "bad type":
				if fieldErr == nil {
					fieldErr = model.ErrBackendServersInvalid()
				}
				continue
			case "long description":
				if fieldErr == nil {
					fieldErr = model.ErrInvalidParameterLength()
				}
				continue
			}
			if seen[id] { // a later duplicate is dropped
				continue
			}
			seen[id] = true
			if srvErr != nil && serverErr == nil {
				serverErr = srvErr
			}
			if kind == "good" {
				good[id] = true
			}
		}
		body := "[" + strings.Join(elems, ",") + "]"
		switch broken {
		case "start":
			body = "[{," + strings.TrimPrefix(body, "[")
		case "end":
			body = strings.TrimSuffix(body, "]")
		}

		switch {
		case region == "missing":
			want = model.ErrMissingParameter("RegionId")
		case region == "unknown":
			want = model.ErrInvalidRegionId()
		case lbKind == "missing":
			want = model.ErrMissingParameter("LoadBalancerId")
		case lbKind == "unknown", lbKind == "another account":
			want = model.ErrLoadBalancerNotFound()
		case lbKind == "locked":
			want = model.ErrActionNotAllowedLocked()
		case broken == "start":
			want = model.ErrBackendServersInvalid()
		case n > model.MaxBackendServersPerCall:
			want = model.ErrTooManyBackendServers()
		case broken == "end":
			want = model.ErrBackendServersInvalid()
		case fieldErr != nil:
			want = fieldErr
		case serverErr != nil:
			want = serverErr
		case existing+len(good) > quota:
			want = model.ErrBackendServerQuota()
		}

		req := model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB, BackendServers: body}
		account := testAccount
		switch region {
		case "missing":
			req.RegionId = ""
		case "unknown":
			req.RegionId = "cn-atlantis"
		}
		switch lbKind {
		case "missing":
			req.LoadBalancerId = ""
		case "unknown":
			req.LoadBalancerId = "lb-bp1doesnotexist00000"
		case "locked":
			require.NoError(rt, w.s.ForceLoadBalancerStatus(w.vpcLB, model.LBLocked))
		case "another account":
			account = otherAcct
		}
		before := w.s.Dump()
		resp, e := w.s.AddBackendServers(account, &req)
		if want != nil {
			requireAPIError(rt, want, e)
			require.Equal(rt, before, w.s.Dump())
			return
		}
		require.Nil(rt, e, "%s", body)
		require.Len(rt, resp.BackendServers.BackendServer, existing+len(good))
	})
}

// ---------------------------------------------------------------------------
// CreateLoadBalancer.

func TestCreateLoadBalancer(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	region, ok := model.LookupRegion(testRegion)
	require.True(t, ok)
	view := func(id string) model.LoadBalancerView {
		t.Helper()
		resp, e := w.s.DescribeLoadBalancerAttribute(testAccount, &model.DescribeLoadBalancerAttributeRequest{RegionId: testRegion, LoadBalancerId: id})
		require.Nil(t, e)
		return resp.LoadBalancerView
	}
	common := model.LoadBalancerView{LoadBalancerStatus: "active", AddressIPVersion: "ipv4", RegionId: testRegion, RegionIdAlias: testRegion,
		CreateTime: "2026-03-04T05:06Z", CreateTimeStamp: testNow().UnixMilli(),
		DeleteProtection: "off", ModificationProtectionStatus: "NonProtection", InstanceChargeType: "PayBySpec"}

	// Internet by default, with every default.
	internet, e := w.s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion})
	require.Nil(t, e)
	assert.Regexp(t, `^lb-bp1[0-9a-z]{18}$`, internet.LoadBalancerId)
	assert.Equal(t, model.CreateLoadBalancerResponse{LoadBalancerId: internet.LoadBalancerId, LoadBalancerName: "auto_named_slb",
		Address: "47.0.0.1", NetworkType: "classic", AddressIPVersion: "ipv4"}, *internet)
	got := view(internet.LoadBalancerId)
	assert.Contains(t, region.Zones, got.MasterZoneId, "a zone of the region, drawn from the seed")
	want := common
	want.LoadBalancerId, want.LoadBalancerName, want.Address, want.AddressType, want.NetworkType = internet.LoadBalancerId, "auto_named_slb", "47.0.0.1", "internet", "classic"
	want.MasterZoneId, want.PayType, want.InternetChargeType = got.MasterZoneId, "PayOnDemand", "paybytraffic"
	assert.Equal(t, want, got)

	// A classic intranet LB, every field given; 80 characters of name.
	name := strings.Repeat("名", 80)
	intranet, e := w.s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion, AddressType: "intranet",
		LoadBalancerName: name, LoadBalancerSpec: "slb.s3.xxlarge", MasterZoneId: "cn-hangzhou-i", SlaveZoneId: "cn-hangzhou-k",
		InternetChargeType: "paybybandwidth", PayType: "PrePay", Bandwidth: 5})
	require.Nil(t, e)
	assert.Equal(t, model.CreateLoadBalancerResponse{LoadBalancerId: intranet.LoadBalancerId, LoadBalancerName: name,
		Address: "10.0.0.1", NetworkType: "classic", AddressIPVersion: "ipv4"}, *intranet)
	want = common
	want.LoadBalancerId, want.LoadBalancerName, want.Address, want.AddressType, want.NetworkType = intranet.LoadBalancerId, name, "10.0.0.1", "intranet", "classic"
	want.MasterZoneId, want.SlaveZoneId, want.LoadBalancerSpec = "cn-hangzhou-i", "cn-hangzhou-k", "slb.s3.xxlarge"
	want.PayType, want.InternetChargeType, want.Bandwidth = "PrePay", "paybybandwidth", 5
	assert.Equal(t, want, view(intranet.LoadBalancerId))

	// A VPC LB: the vSwitch's VPC and zone, an address of its block.
	vpcLB, e := w.s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion, AddressType: "intranet", VSwitchId: w.vswB, VpcId: w.vpc1})
	require.Nil(t, e)
	assert.Equal(t, model.CreateLoadBalancerResponse{LoadBalancerId: vpcLB.LoadBalancerId, LoadBalancerName: "auto_named_slb",
		Address: "192.168.2.1", NetworkType: "vpc", VpcId: w.vpc1, VSwitchId: w.vswB, AddressIPVersion: "ipv4"}, *vpcLB)
	want = common
	want.LoadBalancerId, want.LoadBalancerName, want.Address, want.AddressType, want.NetworkType = vpcLB.LoadBalancerId, "auto_named_slb", "192.168.2.1", "intranet", "vpc"
	want.VpcId, want.VSwitchId, want.MasterZoneId, want.PayType, want.InternetChargeType = w.vpc1, w.vswB, "cn-hangzhou-i", "PayOnDemand", "paybytraffic"
	assert.Equal(t, want, view(vpcLB.LoadBalancerId))

	// The addresses are leased: the next LBs get the next ones. With a
	// VSwitchId, AddressType defaults to intranet.
	next, e := w.s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion, VSwitchId: w.vswB, MasterZoneId: "cn-hangzhou-h"})
	require.Nil(t, e)
	assert.Equal(t, "192.168.2.2", next.Address)
	assert.Equal(t, "vpc", next.NetworkType)
	assert.Equal(t, "intranet", view(next.LoadBalancerId).AddressType)
	assert.Equal(t, "cn-hangzhou-h", view(next.LoadBalancerId).MasterZoneId, "a given master zone is kept")
	next, e = w.s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion, AddressType: "internet"})
	require.Nil(t, e)
	assert.Equal(t, "47.0.0.2", next.Address)
	leases := map[string]string{}
	for _, l := range w.s.Dump().IPs {
		leases[l.Ip] = l.Pool
	}
	assert.Equal(t, map[string]string{"47.0.0.1": "internet/cn-hangzhou", "47.0.0.2": "internet/cn-hangzhou", "10.0.0.1": "classic/cn-hangzhou",
		"192.168.2.1": w.vswB, "192.168.2.2": w.vswB}, leases)
	assert.Len(t, w.s.Dump().LoadBalancers, 5)

	// Another account and another region have LBs of their own; the account
	// is recorded on its first call.
	assert.Equal(t, []model.Account{{AccountId: testAccount}}, w.s.Dump().Accounts)
	other, e := w.s.CreateLoadBalancer(otherAcct, &model.CreateLoadBalancerRequest{RegionId: "cn-beijing"})
	require.Nil(t, e)
	assert.Regexp(t, `^lb-2ze[0-9a-z]{18}$`, other.LoadBalancerId)
	assert.Equal(t, []model.Account{{AccountId: testAccount}, {AccountId: otherAcct}}, w.s.Dump().Accounts)
}

func TestCreateLoadBalancerErrors(t *testing.T) {
	t.Parallel()
	build := func(t *testing.T) *engine.Store {
		w := newECSWorld(t)
		otherVpc := mustVpc(t, w.s, otherAcct, "192.168.0.0/16").VpcId
		mustVSwitch(t, w.s, otherAcct, otherVpc, "cn-hangzhou-h", "192.168.1.0/24")
		w.run(t, w.vswT, 4) // fills vSwitch T
		return w.s
	}
	ref := newECSWorld(t)
	otherVpc := mustVpc(t, ref.s, otherAcct, "192.168.0.0/16").VpcId
	otherVsw := mustVSwitch(t, ref.s, otherAcct, otherVpc, "cn-hangzhou-h", "192.168.1.0/24")
	create := func(mod func(r *model.CreateLoadBalancerRequest)) func(*engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			req := model.CreateLoadBalancerRequest{RegionId: testRegion, AddressType: "intranet", VSwitchId: ref.vswA}
			mod(&req)
			_, e := s.CreateLoadBalancer(testAccount, &req)
			return e
		}
	}
	type req = model.CreateLoadBalancerRequest
	runErrorCases(t, build, []errorCase{
		{"no region", create(func(r *req) { r.RegionId = "" }), model.ErrMissingParameter("RegionId")},
		{"unknown region", create(func(r *req) { r.RegionId = "cn-atlantis" }), model.ErrInvalidRegionId()},
		{"unknown AddressType", create(func(r *req) { r.AddressType = "public" }), model.ErrInvalidParameterValue("AddressType")},
		{"AddressType is case-sensitive", create(func(r *req) { r.AddressType = "Intranet" }), model.ErrInvalidParameterValue("AddressType")},
		{"unknown spec", create(func(r *req) { r.LoadBalancerSpec = "slb.s9.huge" }), model.ErrInvalidParameterValue("LoadBalancerSpec")},
		{"name of 81 characters", create(func(r *req) { r.LoadBalancerName = strings.Repeat("n", 81) }), model.ErrInvalidParameterValue("LoadBalancerName")},
		{"unknown InternetChargeType", create(func(r *req) { r.InternetChargeType = "free" }), model.ErrInvalidParameterValue("InternetChargeType")},
		{"master zone of another region", create(func(r *req) { r.MasterZoneId = "cn-beijing-a" }), model.ErrZoneNotFound()},
		{"slave zone unknown", create(func(r *req) { r.SlaveZoneId = "cn-hangzhou-z" }), model.ErrZoneNotFound()},
		{"AddressType before spec", create(func(r *req) { r.AddressType, r.LoadBalancerSpec = "x", "x" }), model.ErrInvalidParameterValue("AddressType")},
		{"spec before name", create(func(r *req) { r.LoadBalancerSpec, r.LoadBalancerName = "x", strings.Repeat("n", 81) }), model.ErrInvalidParameterValue("LoadBalancerSpec")},
		{"name before charge type", create(func(r *req) { r.LoadBalancerName, r.InternetChargeType = strings.Repeat("n", 81), "x" }), model.ErrInvalidParameterValue("LoadBalancerName")},
		{"charge type before zones", create(func(r *req) { r.InternetChargeType, r.MasterZoneId = "x", "x" }), model.ErrInvalidParameterValue("InternetChargeType")},
		{"zones before the vSwitch", create(func(r *req) { r.SlaveZoneId, r.VSwitchId = "x", "vsw-nope" }), model.ErrZoneNotFound()},
		{"VSwitchId on an internet LB", create(func(r *req) { r.AddressType = "internet" }), model.ErrInvalidParameterValue("VSwitchId")},
		{"unknown vSwitch", create(func(r *req) { r.VSwitchId = "vsw-nope" }), model.ErrVSwitchNotFound()},
		{"vSwitch of another account", create(func(r *req) { r.VSwitchId = otherVsw }), model.ErrVSwitchNotFound()},
		{"vSwitch in another region", create(func(r *req) { r.RegionId = "cn-beijing" }), model.ErrVSwitchNotFound()},
		{"VpcId not the vSwitch's", create(func(r *req) { r.VpcId = ref.vpc2 }), model.ErrInvalidParameterValue("VpcId")},
		{"VpcId without VSwitchId", create(func(r *req) { r.VSwitchId, r.VpcId = "", ref.vpc1 }), model.ErrMissingParameter("VSwitchId")},
		{"VpcId without VSwitchId, internet", create(func(r *req) { r.AddressType, r.VSwitchId, r.VpcId = "internet", "", ref.vpc1 }), model.ErrMissingParameter("VSwitchId")},
		{"vSwitch full", create(func(r *req) { r.VSwitchId = ref.vswT }), model.ErrVSwitchIpExhausted()},
	})
}

// ---------------------------------------------------------------------------
// DeleteLoadBalancer and SetLoadBalancerStatus.

func TestDeleteLoadBalancer(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	w.do(t, opAdd, w.vpcLB, srv(w.a[0], w.a[1]))
	w.do(t, opAdd, w.perfLB, srv(w.a[0]))
	w.do(t, opAdd, w.internet, srv(w.classic[0]))
	address := w.attribute(t, w.vpcLB).Address
	before := w.s.Dump()

	// An inactive LB with backends can be deleted.
	_, e := w.s.SetLoadBalancerStatus(testAccount, &model.SetLoadBalancerStatusRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB, LoadBalancerStatus: "inactive"})
	require.Nil(t, e)
	deleted, e := w.s.DeleteLoadBalancer(testAccount, &model.DeleteLoadBalancerRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB})
	require.Nil(t, e)
	require.NotNil(t, deleted)

	after := w.s.Dump()
	// Exactly the LB, its two backends and its address are gone.
	var wantLBs []model.LoadBalancer
	for _, lb := range before.LoadBalancers {
		if lb.LoadBalancerId != w.vpcLB {
			wantLBs = append(wantLBs, lb)
		}
	}
	assert.Equal(t, wantLBs, after.LoadBalancers)
	var wantBackends []model.Backend
	for _, b := range before.Backends {
		if b.LoadBalancerId != w.vpcLB {
			wantBackends = append(wantBackends, b)
		}
	}
	assert.Len(t, wantBackends, 2)
	assert.Equal(t, wantBackends, after.Backends)
	var wantIPs []engine.IPLease
	for _, l := range before.IPs {
		if l.Owner != w.vpcLB {
			wantIPs = append(wantIPs, l)
		}
	}
	assert.Len(t, wantIPs, len(before.IPs)-1)
	assert.Equal(t, wantIPs, after.IPs)
	assert.Equal(t, before.Instances, after.Instances)

	_, e = w.s.DescribeLoadBalancerAttribute(testAccount, &model.DescribeLoadBalancerAttributeRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB})
	requireAPIError(t, model.ErrLoadBalancerNotFound(), e)
	_, e = w.s.DeleteLoadBalancer(testAccount, &model.DeleteLoadBalancerRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB})
	requireAPIError(t, model.ErrLoadBalancerNotFound(), e)
	_, e = w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB, BackendServers: srv(w.a[2])})
	requireAPIError(t, model.ErrLoadBalancerNotFound(), e)

	// The freed address is handed out again.
	again, e := w.s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion, AddressType: "intranet", VSwitchId: w.vswA})
	require.Nil(t, e)
	assert.Equal(t, address, again.Address)
	// The instances are free to join another LB of VPC 1.
	w.do(t, opAdd, again.LoadBalancerId, srv(w.a[1]))
}

func TestDeleteAndSetStatusErrors(t *testing.T) {
	t.Parallel()
	build := func(t *testing.T) *engine.Store {
		w := newSLBWorld(t, engine.Config{})
		w.do(t, opAdd, w.vpcLB, srv(w.a[0]))
		return w.s
	}
	x := newSLBWorld(t, engine.Config{})
	del := func(account, region, lb string) func(*engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			_, e := s.DeleteLoadBalancer(account, &model.DeleteLoadBalancerRequest{RegionId: region, LoadBalancerId: lb})
			return e
		}
	}
	status := func(account, region, lb, status string) func(*engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			_, e := s.SetLoadBalancerStatus(account, &model.SetLoadBalancerStatusRequest{RegionId: region, LoadBalancerId: lb, LoadBalancerStatus: status})
			return e
		}
	}
	runErrorCases(t, build, []errorCase{
		{"delete: no region", del(testAccount, "", x.vpcLB), model.ErrMissingParameter("RegionId")},
		{"delete: unknown region", del(testAccount, "cn-atlantis", x.vpcLB), model.ErrInvalidRegionId()},
		{"delete: no id", del(testAccount, testRegion, ""), model.ErrMissingParameter("LoadBalancerId")},
		{"delete: unknown", del(testAccount, testRegion, "lb-bp1doesnotexist00000"), model.ErrLoadBalancerNotFound()},
		{"delete: another account", del(otherAcct, testRegion, x.vpcLB), model.ErrLoadBalancerNotFound()},
		{"delete: another region", del(testAccount, "cn-beijing", x.vpcLB), model.ErrLoadBalancerNotFound()},
		{"delete: locked", del(testAccount, testRegion, x.locked), model.ErrActionNotAllowedLocked()},
		{"status: no region", status(testAccount, "", x.vpcLB, "inactive"), model.ErrMissingParameter("RegionId")},
		{"status: unknown region", status(testAccount, "cn-atlantis", x.vpcLB, "inactive"), model.ErrInvalidRegionId()},
		{"status: no id", status(testAccount, testRegion, "", "inactive"), model.ErrMissingParameter("LoadBalancerId")},
		{"status: unknown", status(testAccount, testRegion, "lb-bp1doesnotexist00000", "inactive"), model.ErrLoadBalancerNotFound()},
		{"status: unknown LB beats empty status", status(testAccount, testRegion, "lb-bp1doesnotexist00000", ""), model.ErrLoadBalancerNotFound()},
		{"status: another account", status(otherAcct, testRegion, x.vpcLB, "inactive"), model.ErrLoadBalancerNotFound()},
		{"status: another region", status(testAccount, "cn-beijing", x.vpcLB, "inactive"), model.ErrLoadBalancerNotFound()},
		{"status: locked", status(testAccount, testRegion, x.locked, "active"), model.ErrActionNotAllowedLocked()},
		{"status: locked beats empty status", status(testAccount, testRegion, x.locked, ""), model.ErrActionNotAllowedLocked()},
		{"status: empty", status(testAccount, testRegion, x.vpcLB, ""), model.ErrMissingParameter("LoadBalancerStatus")},
		{"status: locked is not settable", status(testAccount, testRegion, x.vpcLB, "locked"), model.ErrInvalidParameterValue("LoadBalancerStatus")},
		{"status: case-sensitive", status(testAccount, testRegion, x.vpcLB, "Inactive"), model.ErrInvalidParameterValue("LoadBalancerStatus")},
	})
}

func TestSetLoadBalancerStatus(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	w.do(t, opAdd, w.vpcLB, srv(w.a[0]))
	set := func(status string) {
		t.Helper()
		resp, e := w.s.SetLoadBalancerStatus(testAccount, &model.SetLoadBalancerStatusRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB, LoadBalancerStatus: status})
		require.Nil(t, e)
		require.NotNil(t, resp)
		assert.Equal(t, status, w.attribute(t, w.vpcLB).LoadBalancerStatus)
	}
	before := w.s.Dump()
	set("inactive")
	inactive := w.s.Dump()
	assert.NotEqual(t, before, inactive)
	set("inactive") // again: no error, nothing written
	assert.Equal(t, inactive, w.s.Dump())
	set("active")
	assert.Equal(t, before, w.s.Dump(), "back where it started: the status is all that changed")
	assert.Equal(t, "active", w.attribute(t, w.perfLB).LoadBalancerStatus, "other LBs untouched")
}

// ---------------------------------------------------------------------------
// DescribeLoadBalancers and DescribeLoadBalancerAttribute.

func TestDescribeLoadBalancers(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	w.do(t, opAdd, w.internet, srv(w.classic[0]))
	w.do(t, opAdd, w.vpcLB, srv(w.a[0]))
	w.do(t, opAdd, w.perfLB, srv(w.a[0], w.a[1]))
	_, e := w.s.SetLoadBalancerStatus(testAccount, &model.SetLoadBalancerStatusRequest{RegionId: testRegion, LoadBalancerId: w.intranet, LoadBalancerStatus: "inactive"})
	require.Nil(t, e)
	named := w.createLB(t, model.CreateLoadBalancerRequest{LoadBalancerName: "web"})
	// LBs of another account and region are never listed.
	_, e = w.s.CreateLoadBalancer(otherAcct, &model.CreateLoadBalancerRequest{RegionId: testRegion, LoadBalancerName: "web"})
	require.Nil(t, e)
	beijing := w.createLB(t, model.CreateLoadBalancerRequest{RegionId: "cn-beijing", LoadBalancerName: "web"})

	all := []string{w.internet, w.internet2, w.intranet, w.vpcLB, w.perfLB, w.vpc2LB, w.locked, named}
	require.False(t, slices.IsSorted(all), "the IDs are not in creation order, so the order is the engine's doing")
	vpcAddress := w.attribute(t, w.vpcLB).Address
	tests := []struct {
		name  string
		req   model.DescribeLoadBalancersRequest
		want  []string
		total int
	}{
		{"all, creation order", model.DescribeLoadBalancersRequest{}, all, 8},
		{"id list", model.DescribeLoadBalancersRequest{LoadBalancerId: w.vpc2LB + "," + w.internet + ",lb-bp1nope," + beijing}, []string{w.internet, w.vpc2LB}, 2},
		{"one id", model.DescribeLoadBalancersRequest{LoadBalancerId: w.intranet}, []string{w.intranet}, 1},
		{"name", model.DescribeLoadBalancersRequest{LoadBalancerName: "web"}, []string{named}, 1},
		{"default name", model.DescribeLoadBalancersRequest{LoadBalancerName: "auto_named_slb"}, all[:7], 7},
		{"address type", model.DescribeLoadBalancersRequest{AddressType: "intranet"}, []string{w.intranet, w.vpcLB, w.perfLB, w.vpc2LB}, 4},
		{"network type vpc", model.DescribeLoadBalancersRequest{NetworkType: "vpc"}, []string{w.vpcLB, w.perfLB, w.vpc2LB}, 3},
		{"network type classic", model.DescribeLoadBalancersRequest{NetworkType: "classic"}, []string{w.internet, w.internet2, w.intranet, w.locked, named}, 5},
		{"VPC", model.DescribeLoadBalancersRequest{VpcId: w.vpc1}, []string{w.vpcLB, w.perfLB}, 2},
		{"vSwitch", model.DescribeLoadBalancersRequest{VSwitchId: w.vswC}, []string{w.vpc2LB}, 1},
		{"address", model.DescribeLoadBalancersRequest{Address: vpcAddress}, []string{w.vpcLB}, 1},
		{"status inactive", model.DescribeLoadBalancersRequest{LoadBalancerStatus: "inactive"}, []string{w.intranet}, 1},
		{"status locked", model.DescribeLoadBalancersRequest{LoadBalancerStatus: "locked"}, []string{w.locked}, 1},
		{"server on two LBs", model.DescribeLoadBalancersRequest{ServerId: w.a[0]}, []string{w.vpcLB, w.perfLB}, 2},
		{"server on one LB", model.DescribeLoadBalancersRequest{ServerId: w.classic[0]}, []string{w.internet}, 1},
		{"server on none", model.DescribeLoadBalancersRequest{ServerId: w.a[2]}, []string{}, 0},
		{"combined", model.DescribeLoadBalancersRequest{AddressType: "intranet", VpcId: w.vpc1, ServerId: w.a[1]}, []string{w.perfLB}, 1},
		{"combined, no match", model.DescribeLoadBalancersRequest{NetworkType: "classic", VpcId: w.vpc1}, []string{}, 0},
		{"page 2 of 3", model.DescribeLoadBalancersRequest{Paging: model.Paging{PageNumber: 2, PageSize: 3}}, all[3:6], 8},
		{"last page", model.DescribeLoadBalancersRequest{Paging: model.Paging{PageNumber: 3, PageSize: 3}}, all[6:], 8},
		{"past the end", model.DescribeLoadBalancersRequest{Paging: model.Paging{PageNumber: 4, PageSize: 3}}, []string{}, 8},
		{"far past the end", model.DescribeLoadBalancersRequest{Paging: model.Paging{PageNumber: 1 << 40, PageSize: 100}}, []string{}, 8},
		{"page of one", model.DescribeLoadBalancersRequest{Paging: model.Paging{PageNumber: 8, PageSize: 1}}, []string{named}, 8},
		{"filtered then paged", model.DescribeLoadBalancersRequest{NetworkType: "vpc", Paging: model.Paging{PageNumber: 2, PageSize: 2}}, []string{w.vpc2LB}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.RegionId = testRegion
			resp, e := w.s.DescribeLoadBalancers(testAccount, &tc.req)
			require.Nil(t, e)
			got := []string{}
			for _, v := range resp.LoadBalancers.LoadBalancer {
				got = append(got, v.LoadBalancerId)
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.total, resp.TotalCount)
		})
	}

	// The page defaults, and the views: the same as DescribeLoadBalancerAttribute's.
	resp, e := w.s.DescribeLoadBalancers(testAccount, &model.DescribeLoadBalancersRequest{RegionId: testRegion})
	require.Nil(t, e)
	assert.Equal(t, 1, resp.PageNumber)
	assert.Equal(t, 10, resp.PageSize)
	for _, v := range resp.LoadBalancers.LoadBalancer {
		assert.Equal(t, w.attribute(t, v.LoadBalancerId).LoadBalancerView, v)
	}
	resp, e = w.s.DescribeLoadBalancers(testAccount, &model.DescribeLoadBalancersRequest{RegionId: testRegion, Paging: model.Paging{PageNumber: 2, PageSize: 100}})
	require.Nil(t, e)
	assert.Equal(t, 2, resp.PageNumber)
	assert.Equal(t, 100, resp.PageSize)
	assert.Empty(t, resp.LoadBalancers.LoadBalancer)
	assert.NotNil(t, resp.LoadBalancers.LoadBalancer)

	// Other accounts and regions see their own.
	for _, tc := range []struct {
		account, region string
		want            int
	}{{otherAcct, testRegion, 1}, {testAccount, "cn-beijing", 1}, {otherAcct, "cn-beijing", 0}, {testAccount, "cn-shanghai", 0}} {
		resp, e := w.s.DescribeLoadBalancers(tc.account, &model.DescribeLoadBalancersRequest{RegionId: tc.region})
		require.Nil(t, e)
		assert.Equal(t, tc.want, resp.TotalCount, "%s in %s", tc.account, tc.region)
	}

	for _, tc := range []struct {
		name string
		req  model.DescribeLoadBalancersRequest
		want *model.Error
	}{
		{"no region", model.DescribeLoadBalancersRequest{}, model.ErrMissingParameter("RegionId")},
		{"unknown region", model.DescribeLoadBalancersRequest{RegionId: "cn-atlantis"}, model.ErrInvalidRegionId()},
		{"page size 101", model.DescribeLoadBalancersRequest{RegionId: testRegion, Paging: model.Paging{PageSize: 101}}, model.ErrInvalidParameterValue("PageSize")},
		{"page size negative", model.DescribeLoadBalancersRequest{RegionId: testRegion, Paging: model.Paging{PageSize: -1}}, model.ErrInvalidParameterValue("PageSize")},
		{"page number negative", model.DescribeLoadBalancersRequest{RegionId: testRegion, Paging: model.Paging{PageNumber: -1}}, model.ErrInvalidParameterValue("PageNumber")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, e := w.s.DescribeLoadBalancers(testAccount, &tc.req)
			requireAPIError(t, tc.want, e)
		})
	}
}

func TestDescribeLoadBalancerAttribute(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	w.do(t, opAdd, w.vpcLB, fmt.Sprintf(`[{"ServerId":%q,"Weight":3,"Description":"d"},{"ServerId":%q}]`, w.a[3], w.a[1]))
	attr := w.attribute(t, w.vpcLB)
	assert.Equal(t, model.BackendServers{BackendServer: []model.BackendServerView{
		{ServerId: w.a[3], Weight: 3, Type: "ecs", ServerIp: "192.168.1.4", VpcId: w.vpc1, Description: "d"},
		{ServerId: w.a[1], Weight: 100, Type: "ecs", ServerIp: "192.168.1.2", VpcId: w.vpc1},
	}}, attr.BackendServers)
	assert.Equal(t, w.vpcLB, attr.LoadBalancerId)
	assert.Equal(t, "vpc", attr.NetworkType)
	assert.Equal(t, w.vswA, attr.VSwitchId)
	// An LB without backends has an empty list, not nil.
	empty := w.attribute(t, w.perfLB).BackendServers.BackendServer
	assert.NotNil(t, empty)
	assert.Empty(t, empty)
	// A locked LB is still described.
	assert.Equal(t, "locked", w.attribute(t, w.locked).LoadBalancerStatus)

	for _, tc := range []struct {
		name            string
		account, region string
		lb              string
		want            *model.Error
	}{
		{"no region", testAccount, "", w.vpcLB, model.ErrMissingParameter("RegionId")},
		{"unknown region", testAccount, "cn-atlantis", w.vpcLB, model.ErrInvalidRegionId()},
		{"no id", testAccount, testRegion, "", model.ErrMissingParameter("LoadBalancerId")},
		{"unknown", testAccount, testRegion, "lb-bp1doesnotexist00000", model.ErrLoadBalancerNotFound()},
		{"another account", otherAcct, testRegion, w.vpcLB, model.ErrLoadBalancerNotFound()},
		{"another region", testAccount, "cn-beijing", w.vpcLB, model.ErrLoadBalancerNotFound()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, e := w.s.DescribeLoadBalancerAttribute(tc.account, &model.DescribeLoadBalancerAttributeRequest{RegionId: tc.region, LoadBalancerId: tc.lb})
			requireAPIError(t, tc.want, e)
		})
	}
}

// TestSLBErrorsOnTheWire pins the code, HTTP status and message of every
// error the SLB rules return, as the README's error table documents them,
// independently of the model's constructors.
func TestSLBErrorsOnTheWire(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	w := newSLBWorld(t, engine.Config{BackendQuota: 1, Now: clock.Now, ConfiguringWindow: time.Second})
	w.do(t, opAdd, w.internet, srv(w.classic[0]))
	clock.Advance(time.Second)
	addTo := func(lb, servers string) *model.Error {
		_, e := w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: lb, BackendServers: servers})
		return e
	}
	tests := []struct {
		name    string
		got     *model.Error
		code    string
		status  int
		message string
	}{
		{"missing LoadBalancerId", addTo("", srv(w.a[0])), "MissingParameter", 400,
			`The input parameter "LoadBalancerId" that is mandatory for processing this request is not supplied.`},
		{"unknown region", func() *model.Error {
			_, e := w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: "cn-atlantis", LoadBalancerId: w.vpcLB})
			return e
		}(), "InvalidRegionId.NotFound", 404, "The specified RegionId does not exist."},
		{"unknown LB", addTo("lb-bp1doesnotexist00000", ""), "InvalidLoadBalancerId.NotFound", 404, "The specified LoadBalancerId does not exist."},
		{"locked", addTo(w.locked, ""), "ActionNotAllowed", 400, "Locked for any Business Reason."},
		{"unparsable", addTo(w.vpcLB, "x"), "InvalidParameter", 400, "The specified BackendServers is invalid."},
		{"21 elements", addTo(w.vpcLB, srv(slices.Repeat([]string{"i-x"}, 21)...)), "TooManyBackendServers", 400,
			"The total number of input real servers exceeds max supported number: 20"},
		{"long description", addTo(w.vpcLB, fmt.Sprintf(`[{"ServerId":"i-x","Description":%q}]`, strings.Repeat("d", 81))), "InvalidParameterLength", 400,
			"The specified parameter length is not valid."},
		{"stopped", addTo(w.vpcLB, srv(w.stopped)), "ObtainIpFail", 400,
			"The specified BackendServers is invalid; some of the specified backend servers do not exist or are not running."},
		{"network type", addTo(w.vpcLB, srv(w.classic[0])), "InvalidParameter", 400,
			"The specified load balancer does not support the network type of the ECS instance."},
		{"inconsistent", addTo(w.internet, srv(w.a[0])), "InvalidBackendServers.Inconsistent", 400,
			"All BackendServers on one Specified LoadBalancer have to be in the same vpc or all classic"},
		{"quota", addTo(w.internet, srv(w.classic[1])), "InstanceBackendServerNumberOverLimit", 400,
			"The backend server number has reached to the quota limit of this load balancer."},
		{"status", func() *model.Error {
			_, e := w.s.SetLoadBalancerStatus(testAccount, &model.SetLoadBalancerStatusRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB, LoadBalancerStatus: "on"})
			return e
		}(), "InvalidParameter", 400, `The specified parameter "LoadBalancerStatus" is not valid.`},
		{"configuring", func() *model.Error {
			w.do(t, opAdd, w.vpcLB, srv(w.a[0]))
			return addTo(w.vpcLB, srv(w.a[1]))
		}(), "BackendServer.configuring", 409, "A previous configuration of the load balancer is pending; please try again later."},
		{"configuring, delete", func() *model.Error {
			_, e := w.s.DeleteLoadBalancer(testAccount, &model.DeleteLoadBalancerRequest{RegionId: testRegion, LoadBalancerId: w.vpcLB})
			return e
		}(), "ServiceIsConfiguring", 400, "A previous configuration is pending; please try again later."},
	}
	for _, tc := range tests {
		require.NotNil(t, tc.got, tc.name)
		assert.Equal(t, tc.code, string(tc.got.Code), tc.name)
		assert.Equal(t, tc.status, tc.got.HTTPStatus, tc.name)
		assert.Equal(t, tc.message, tc.got.Message, tc.name)
	}
}
