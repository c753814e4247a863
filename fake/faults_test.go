package fake_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// faultWorld is one VPC LB and three Running instances, on a virtual clock.
type faultWorld struct {
	f     *fake.Fake
	clock *fake.VirtualClock
	lb    string
	ids   []string
}

func newFaultWorld(t *testing.T, opts ...fake.Option) *faultWorld {
	t.Helper()
	clock := fake.NewVirtualClock(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
	f := fake.New(append([]fake.Option{fake.WithSeed(3), fake.WithClock(clock)}, opts...)...)
	vpc, err := f.PutVpc(model.Vpc{CidrBlock: "192.168.0.0/16"})
	require.NoError(t, err)
	vsw, err := f.PutVSwitch(model.VSwitch{VpcId: vpc.VpcId})
	require.NoError(t, err)
	w := &faultWorld{f: f, clock: clock}
	for range 3 {
		inst, err := f.PutInstance(model.Instance{VSwitchId: vsw.VSwitchId})
		require.NoError(t, err)
		w.ids = append(w.ids, inst.InstanceId)
	}
	lb, err := f.PutLoadBalancer(model.LoadBalancer{VSwitchId: vsw.VSwitchId})
	require.NoError(t, err)
	w.lb = lb.LoadBalancerId
	return w
}

func (w *faultWorld) add(id string) error {
	_, err := w.f.Client().AddBackendServers(context.Background(), &model.AddBackendServersRequest{
		RegionId: "cn-hangzhou", LoadBalancerId: w.lb, BackendServers: `[{"ServerId":"` + id + `"}]`})
	return err
}

func codeOf(t *testing.T, err error) string {
	t.Helper()
	var apiErr *model.Error
	require.ErrorAs(t, err, &apiErr)
	return string(apiErr.Code)
}

func TestFaultBeforeTheChangeChangesNothing(t *testing.T) {
	t.Parallel()
	w := newFaultWorld(t, fake.WithFaults(fake.FaultRule{Name: "busy once", Action: "AddBackendServers", ErrorCode: "ServiceIsConfiguring", First: 1}))
	before := w.f.State()
	err := w.add(w.ids[0])
	var apiErr *model.Error
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, model.ErrServiceIsConfiguring().Message, apiErr.Message)
	require.Equal(t, 400, apiErr.HTTPStatus)
	require.NotEmpty(t, apiErr.RequestId)
	require.Equal(t, before, w.f.State())
	require.NoError(t, w.add(w.ids[0]), "First: 1 fires once")

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
	w := newFaultWorld(t)
	require.NoError(t, w.f.SetFaults(
		fake.FaultRule{Action: "AddBackendServers", ResourceId: w.ids[0], AfterCommit: true, ErrorCode: "ServiceUnavailable", First: 1},
		fake.FaultRule{Action: "AddBackendServers", ResourceId: w.ids[1], AfterCommit: true, DropConnection: true, First: 1},
	))
	err := w.add(w.ids[0])
	require.Equal(t, "ServiceUnavailable", codeOf(t, err))
	require.Len(t, w.f.State().Backends, 1, "the change took effect")
	require.Equal(t, "InvalidParameter", codeOf(t, w.add(w.ids[0])), "a naive retry finds it attached")

	// The first rule is spent (First: 1); the second names the other server.
	err = w.add(w.ids[1])
	require.ErrorIs(t, err, fake.ErrConnectionDropped)
	require.Len(t, w.f.State().Backends, 2)
	last := w.f.Calls()[len(w.f.Calls())-1]
	require.True(t, last.Dropped)
	require.True(t, last.Applied)
}

func TestFaultCountsAndResourceMatch(t *testing.T) {
	t.Parallel()
	w := newFaultWorld(t)
	require.NoError(t, w.f.SetFaults(fake.FaultRule{Action: "AddBackendServers", ResourceId: "i-never", ErrorCode: "SystemBusy"}))
	require.NoError(t, w.add(w.ids[0]), "the rule names another resource")

	require.NoError(t, w.f.SetFaults(fake.FaultRule{Action: "DescribeLoadBalancerAttribute", Every: 2, After: 1, ErrorCode: "OperationBusy"}))
	describe := func() error {
		_, err := w.f.Client().DescribeLoadBalancerAttribute(context.Background(), &model.DescribeLoadBalancerAttributeRequest{RegionId: "cn-hangzhou", LoadBalancerId: w.lb})
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
	w := newFaultWorld(t, fake.WithFaults(
		fake.FaultRule{Action: "DescribeLoadBalancers", Latency: fake.Duration(3 * time.Second)},
		fake.FaultRule{Action: "DescribeLoadBalancerAttribute", Throttle: &fake.TokenBucket{Rate: 1, Burst: 2}},
	))
	ctx := context.Background()
	start := w.clock.Now()
	_, err := w.f.Client().DescribeLoadBalancers(ctx, &model.DescribeLoadBalancersRequest{RegionId: "cn-hangzhou"})
	require.NoError(t, err)
	require.Equal(t, 3*time.Second, w.clock.Now().Sub(start), "latency advances the virtual clock")

	describe := func(c *fake.Client) error {
		_, err := c.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: "cn-hangzhou", LoadBalancerId: w.lb})
		return err
	}
	c := w.f.Client()
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
		w := newFaultWorld(t, fake.WithFaults(fake.FaultRule{Action: "DescribeLoadBalancers", Probability: 0.5, ErrorCode: "ServiceUnavailable"}))
		var out []bool
		for range 40 {
			_, err := w.f.Client().DescribeLoadBalancers(context.Background(), &model.DescribeLoadBalancersRequest{RegionId: "cn-hangzhou"})
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
	w := newFaultWorld(t, fake.WithConfiguringWindow(2*time.Second))
	require.NoError(t, w.add(w.ids[0]))
	err := w.add(w.ids[1])
	var apiErr *model.Error
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, model.Code("BackendServer.configuring"), apiErr.Code)
	require.Equal(t, 409, apiErr.HTTPStatus)
	_, err = w.f.Client().SetLoadBalancerStatus(context.Background(), &model.SetLoadBalancerStatusRequest{RegionId: "cn-hangzhou", LoadBalancerId: w.lb, LoadBalancerStatus: "inactive"})
	require.Equal(t, "ServiceIsConfiguring", codeOf(t, err))
	w.clock.Advance(2 * time.Second)
	require.NoError(t, w.add(w.ids[1]))
}

func TestRecordingExportsJSONLinesWithChanges(t *testing.T) {
	t.Parallel()
	w := newFaultWorld(t)
	require.NoError(t, w.add(w.ids[0]))
	require.Error(t, w.add("i-unknown"))
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
	w := newFaultWorld(t, fake.WithFaults(fake.FaultRule{Action: "DescribeLoadBalancers", First: 1, ErrorCode: "SystemBusy"}))
	describe := func() error {
		_, err := w.f.Client().DescribeLoadBalancers(context.Background(), &model.DescribeLoadBalancersRequest{RegionId: "cn-hangzhou"})
		return err
	}
	require.Error(t, describe(), "First: 1 fires once")
	require.NoError(t, w.f.AddFault(fake.FaultRule{Action: "AddBackendServers", ErrorCode: "SystemBusy"}))
	require.NoError(t, describe(), "the first rule is still spent after AddFault")
	require.Error(t, w.add(w.ids[0]))
	require.Error(t, w.f.AddFault(fake.FaultRule{ErrorCode: "NoSuchCode"}))
	require.Len(t, w.f.Faults(), 2)
}

func TestCallLimitKeepsTheLastCalls(t *testing.T) {
	t.Parallel()
	w := newFaultWorld(t, fake.WithCallLimit(2))
	for _, id := range w.ids {
		require.NoError(t, w.add(id))
	}
	calls := w.f.Calls()
	require.Len(t, calls, 2)
	require.Equal(t, []uint64{2, 3}, []uint64{calls[0].Seq, calls[1].Seq})
}
