package fake_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// lbWorld is a world with one VPC LB and three Running instances of its
// vSwitch.
type lbWorld struct {
	*world
	lb  string
	ids []string
}

// faultWorld is the fault tests' world (seed 3, on a virtual clock at
// 2026-05-01): one VPC LB and three Running instances.
func faultWorld(t *testing.T, opts ...fake.Option) *lbWorld {
	t.Helper()
	w := &lbWorld{world: newWorldAt(t, time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), append([]fake.Option{fake.WithSeed(3)}, opts...)...)}
	vsw := w.vswitch(w.vpc("192.168.0.0/16"), "", "")
	for range 3 {
		w.ids = append(w.ids, w.inVpc(vsw))
	}
	w.lb = w.vpcLB(vsw, "")
	return w
}

func TestFaultBeforeTheChangeChangesNothing(t *testing.T) {
	t.Parallel()
	w := faultWorld(t, fake.WithFaults(fake.FaultRule{Name: "busy once", Action: "AddBackendServers", ErrorCode: "ServiceIsConfiguring", First: 1}))
	err := w.unchanged(func() error { return w.add(w.lb, list(w.ids[0])) }, "a fault before the change changes nothing")
	var apiErr *model.Error
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, model.ErrServiceIsConfiguring().Message, apiErr.Message)
	require.Equal(t, 400, apiErr.HTTPStatus)
	require.NotEmpty(t, apiErr.RequestId)
	require.NoError(t, w.add(w.lb, list(w.ids[0])), "First: 1 fires once")

	calls := w.f.CallsOf("AddBackendServers")
	require.Len(t, calls, 2)
	require.Equal(t, "busy once", calls[0].Fault)
	require.False(t, calls[0].Applied)
	require.Equal(t, model.Code("ServiceIsConfiguring"), calls[0].Code)
	require.True(t, calls[1].Applied)
	require.Equal(t, 200, calls[1].HTTPStatus)
}

func TestFaultAfterCommitAppliesThenFails(t *testing.T) {
	t.Parallel()
	w := faultWorld(t)
	require.NoError(t, w.f.SetFaults(
		fake.FaultRule{Action: "AddBackendServers", ResourceId: w.ids[0], AfterCommit: true, ErrorCode: "ServiceUnavailable", First: 1},
		fake.FaultRule{Action: "AddBackendServers", ResourceId: w.ids[1], AfterCommit: true, DropConnection: true, First: 1},
	))
	err := w.add(w.lb, list(w.ids[0]))
	require.Equal(t, "ServiceUnavailable", codeOf(t, err))
	require.Len(t, w.f.State().Backends, 1, "the change took effect")
	require.Equal(t, "InvalidParameter", codeOf(t, w.add(w.lb, list(w.ids[0]))), "a naive retry finds it attached")

	// The first rule is spent (First: 1); the second names the other server.
	err = w.add(w.lb, list(w.ids[1]))
	require.ErrorIs(t, err, fake.ErrConnectionDropped)
	require.Len(t, w.f.State().Backends, 2)
	last := w.f.Calls()[len(w.f.Calls())-1]
	require.True(t, last.Dropped)
	require.True(t, last.Applied)
}

func TestFaultCountsAndResourceMatch(t *testing.T) {
	t.Parallel()
	w := faultWorld(t)
	require.NoError(t, w.f.SetFaults(fake.FaultRule{Action: "AddBackendServers", ResourceId: "i-never", ErrorCode: "SystemBusy"}))
	require.NoError(t, w.add(w.lb, list(w.ids[0])), "the rule names another resource")

	require.NoError(t, w.f.SetFaults(fake.FaultRule{Action: "DescribeLoadBalancerAttribute", Every: 2, After: 1, ErrorCode: "OperationBusy"}))
	describe := func() error {
		_, err := w.c.DescribeLoadBalancerAttribute(w.ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: w.region, LoadBalancerId: w.lb})
		return err
	}
	var got []bool
	for range 6 {
		got = append(got, describe() == nil)
	}
	// Matching calls 1..6: After 1 excludes call 1; Every 2 fires on 2, 4, 6.
	require.Equal(t, []bool{true, false, true, false, true, false}, got)

	require.Error(t, w.f.SetFaults(fake.FaultRule{ErrorCode: "NoSuchCode"}))
	require.Len(t, w.f.Faults(), 1, "an invalid plan changes nothing")
	w.f.ClearFaults()
	require.NoError(t, describe())
}

func TestThrottleAndLatencyOnTheVirtualClock(t *testing.T) {
	t.Parallel()
	w := faultWorld(t, fake.WithFaults(
		fake.FaultRule{Action: "DescribeLoadBalancers", Latency: fake.Duration(3 * time.Second)},
		fake.FaultRule{Action: "DescribeLoadBalancerAttribute", Throttle: &fake.TokenBucket{Rate: 1, Burst: 2}},
	))
	start := w.clock.Now()
	_, err := w.c.DescribeLoadBalancers(w.ctx, &model.DescribeLoadBalancersRequest{RegionId: w.region})
	require.NoError(t, err)
	require.Equal(t, 3*time.Second, w.clock.Now().Sub(start), "latency advances the virtual clock")

	describe := func(c *fake.Client) error {
		_, err := c.DescribeLoadBalancerAttribute(w.ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: w.region, LoadBalancerId: w.lb})
		return err
	}
	c := w.c
	require.NoError(t, describe(c))
	require.NoError(t, describe(c))
	err = describe(c)
	require.Equal(t, "Throttling.User", codeOf(t, err))
	var apiErr *model.Error
	require.True(t, errors.As(err, &apiErr))
	require.Equal(t, 400, apiErr.HTTPStatus)
	// Another account has a bucket of its own (and sees not-found: its own world).
	require.Equal(t, "InvalidLoadBalancerId.NotFound", codeOf(t, describe(w.f.ClientForAccount("other"))))
	w.clock.Advance(time.Second)
	require.NoError(t, describe(c), "one token refilled")
}

func TestFaultProbabilityReplaysFromTheSeed(t *testing.T) {
	t.Parallel()
	outcomes := func() []bool {
		w := faultWorld(t, fake.WithFaults(fake.FaultRule{Action: "DescribeLoadBalancers", Probability: 0.5, ErrorCode: "ServiceUnavailable"}))
		var out []bool
		for range 40 {
			_, err := w.c.DescribeLoadBalancers(w.ctx, &model.DescribeLoadBalancersRequest{RegionId: w.region})
			out = append(out, err == nil)
		}
		return out
	}
	a, b := outcomes(), outcomes()
	require.Equal(t, a, b)
	require.Contains(t, a, true)
	require.Contains(t, a, false)
}

func TestConfiguringWindow(t *testing.T) {
	t.Parallel()
	w := faultWorld(t, fake.WithConfiguringWindow(2*time.Second))
	require.NoError(t, w.add(w.lb, list(w.ids[0])))
	err := w.add(w.lb, list(w.ids[1]))
	var apiErr *model.Error
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, model.Code("BackendServer.configuring"), apiErr.Code)
	require.Equal(t, 409, apiErr.HTTPStatus)
	_, err = w.c.SetLoadBalancerStatus(w.ctx, &model.SetLoadBalancerStatusRequest{RegionId: w.region, LoadBalancerId: w.lb, LoadBalancerStatus: "inactive"})
	require.Equal(t, "ServiceIsConfiguring", codeOf(t, err))
	w.clock.Advance(2 * time.Second)
	require.NoError(t, w.add(w.lb, list(w.ids[1])))
}

func TestRecordingExportsJSONLinesWithChanges(t *testing.T) {
	t.Parallel()
	w := faultWorld(t)
	require.NoError(t, w.add(w.lb, list(w.ids[0])))
	require.Error(t, w.add(w.lb, list("i-unknown")))
	var buf bytes.Buffer
	require.NoError(t, w.f.WriteCalls(&buf))
	var lines []map[string]any
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		var m map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &m))
		lines = append(lines, m)
	}
	require.Len(t, lines, 2)
	require.Equal(t, "AddBackendServers", lines[0]["Action"])
	require.Equal(t, true, lines[0]["Applied"])
	changes := lines[0]["Changes"].([]any)
	tables := map[string]bool{}
	for _, c := range changes {
		tables[c.(map[string]any)["Table"].(string)] = true
	}
	require.True(t, tables["backends"], "the attachment is among the changes")
	require.Equal(t, "ObtainIpFail", lines[1]["Code"])
	require.Nil(t, lines[1]["Changes"])
	require.EqualValues(t, 2, lines[1]["Seq"])
	w.f.ResetCalls()
	require.Empty(t, w.f.Calls())
}

func TestAddFaultKeepsTheOtherRulesCounters(t *testing.T) {
	t.Parallel()
	w := faultWorld(t, fake.WithFaults(fake.FaultRule{Action: "DescribeLoadBalancers", First: 1, ErrorCode: "SystemBusy"}))
	describe := func() error {
		_, err := w.c.DescribeLoadBalancers(w.ctx, &model.DescribeLoadBalancersRequest{RegionId: w.region})
		return err
	}
	require.Error(t, describe(), "First: 1 fires once")
	require.NoError(t, w.f.AddFault(fake.FaultRule{Action: "AddBackendServers", ErrorCode: "SystemBusy"}))
	require.NoError(t, describe(), "the first rule is still spent after AddFault")
	require.Error(t, w.add(w.lb, list(w.ids[0])))
	require.Error(t, w.f.AddFault(fake.FaultRule{ErrorCode: "NoSuchCode"}))
	require.Len(t, w.f.Faults(), 2)
}

func TestCallLimitKeepsTheLastCalls(t *testing.T) {
	t.Parallel()
	w := faultWorld(t, fake.WithCallLimit(2))
	for _, id := range w.ids {
		require.NoError(t, w.add(w.lb, list(id)))
	}
	calls := w.f.Calls()
	require.Len(t, calls, 2)
	require.Equal(t, []uint64{2, 3}, []uint64{calls[0].Seq, calls[1].Seq})
}

// A rule's ResourceId finds a server in every BackendServers a vServer
// group call takes: BackendServers of up to 40 elements with ports, and
// ModifyVServerGroupBackendServers' OldBackendServers and NewBackendServers.
func TestFaultResourceIdInGroupCalls(t *testing.T) {
	w := newWorld(t)
	lb := w.internetLB()
	var many []string
	for range 30 {
		many = append(many, w.classic())
	}
	target := many[29]
	g := w.group(lb, onPort(80, many[0]))
	busy := apiErr{status: 400, code: "SystemBusy", msg: "The system is busy."}
	require.NoError(t, w.f.SetFaults(
		fake.FaultRule{Action: "AddVServerGroupBackendServers", ResourceId: target, ErrorCode: "SystemBusy"},
		fake.FaultRule{Action: "ModifyVServerGroupBackendServers", ResourceId: target, ErrorCode: "SystemBusy"}))
	requireAPIErr(t, w.addToGroup(g, onPort(80, many[1:]...)), busy)
	require.NoError(t, w.addToGroup(g, onPort(80, many[1:29]...)), "the rule names a server the call does not")

	modify := func(old, new string) error {
		_, err := w.c.ModifyVServerGroupBackendServers(w.ctx, &model.ModifyVServerGroupBackendServersRequest{RegionId: w.region,
			VServerGroupId: g, OldBackendServers: old, NewBackendServers: new})
		return err
	}
	requireAPIErr(t, modify(onPort(80, many[0]), onPort(80, target)), busy)
	require.NoError(t, w.f.SetFaults(fake.FaultRule{Action: "ModifyVServerGroupBackendServers", ResourceId: many[0], ErrorCode: "SystemBusy"}))
	requireAPIErr(t, modify(onPort(80, many[0]), onPort(81, many[0])), busy)
}
