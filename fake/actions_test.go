package fake_test

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// TestActionTableIsTheClient checks that the action table and the Client's
// method set are the same list: every action is a method of its name taking
// (context.Context, *model.<Name>Request) and returning
// (*model.<Name>Response, error), and every such method is an action.
func TestActionTableIsTheClient(t *testing.T) {
	t.Parallel()
	ct := reflect.TypeFor[*fake.Client]()
	methods := map[string]reflect.Method{}
	for i := range ct.NumMethod() {
		m := ct.Method(i)
		if m.Type.NumIn() == 3 && m.Type.In(1) == reflect.TypeFor[context.Context]() {
			methods[m.Name] = m
		}
	}
	seen := map[string]bool{}
	for _, a := range fake.Actions() {
		require.False(t, seen[a.Name], "%s declared twice", a.Name)
		seen[a.Name] = true
		require.Contains(t, []string{"Slb", "Ecs", "Vpc"}, a.Product)
		m, ok := methods[a.Name]
		require.True(t, ok, "action %s has no Client method", a.Name)
		req, resp, ok := fake.ActionTypesForTest(a.Name)
		require.True(t, ok)
		require.Equal(t, reflect.PointerTo(req), m.Type.In(2), a.Name)
		require.Equal(t, 2, m.Type.NumOut())
		require.Equal(t, reflect.PointerTo(resp), m.Type.Out(0), a.Name)
		require.Equal(t, reflect.TypeFor[error](), m.Type.Out(1), a.Name)
	}
	for name := range methods {
		require.True(t, seen[name], "Client.%s is not in the action table", name)
	}
	require.Len(t, fake.Actions(), 54)
}

// TestEveryActionIsServedOnTheWire sends each action of the table, signed,
// with no parameters: the gateway must route every one to its action (an
// unknown one would be InvalidAction.NotFound), and the call must be recorded
// under its name with the RequestId the wire answered with.
func TestEveryActionIsServedOnTheWire(t *testing.T) {
	t.Parallel()
	f := fake.New(fake.WithSeed(3))
	now := time.Now()
	for i, a := range fake.Actions() {
		req := signedRequest(t, http.MethodGet, map[string]string{"Action": a.Name, "Version": a.Version}, fake.DefaultAccessKeySecret, now, "n"+a.Name)
		status, body, _ := serve(f, req)
		require.NotContains(t, body, "InvalidAction.NotFound", a.Name)
		calls := f.Calls()
		require.Len(t, calls, i+1, "%s was not dispatched: %d %s", a.Name, status, body)
		last := calls[len(calls)-1]
		require.Equal(t, a.Name, last.Action)
		require.Contains(t, body, last.RequestId, "the answer carries the recorded RequestId")
	}
	// An action of another product's Version is not found.
	req := signedRequest(t, http.MethodGet, map[string]string{"Action": "AddBackendServers", "Version": "2014-05-26"}, fake.DefaultAccessKeySecret, now, "cross")
	status, body, _ := serve(f, req)
	require.Equal(t, http.StatusNotFound, status)
	require.Contains(t, body, "InvalidAction.NotFound")
}

// TestFaultRuleActionIsChecked: a rule naming an action the table does not
// have is refused, so that a typo cannot make a rule that never fires.
func TestFaultRuleActionIsChecked(t *testing.T) {
	t.Parallel()
	f := fake.New()
	require.ErrorContains(t, f.AddFault(fake.FaultRule{Action: "AddBackendServer", ErrorCode: model.CodeSystemBusy}), "unknown action")
	require.NoError(t, f.AddFault(fake.FaultRule{Action: "AddBackendServers", ErrorCode: model.CodeSystemBusy}))
}

// TestCancelledContextRule: one rule for a context that has ended, whichever
// way the call came in: the call does not run, changes nothing, is
// recorded, and fails with ServiceUnavailable that unwraps to the context's
// error.
func TestCancelledContextRule(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := fake.New()
	before := f.State()
	_, err := f.Client().CreateVpc(ctx, &model.CreateVpcRequest{RegionId: "cn-hangzhou"})
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, err, model.ErrServiceUnavailable())
	var apiErr *model.Error
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, http.StatusServiceUnavailable, apiErr.HTTPStatus)
	require.NotEmpty(t, apiErr.RequestId)
	require.Equal(t, before, f.State())
	calls := f.Calls()
	require.Len(t, calls, 1)
	require.Equal(t, model.CodeServiceUnavailable, calls[0].Code)
	require.Equal(t, apiErr.RequestId, calls[0].RequestId)
	require.False(t, calls[0].Applied)

	// Cut short inside injected latency on a real clock: the same outcome.
	g := fake.New(fake.WithFaults(fake.FaultRule{Action: "CreateVpc", Latency: fake.Duration(time.Hour)}))
	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err = g.Client().CreateVpc(ctx, &model.CreateVpcRequest{RegionId: "cn-hangzhou"})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorIs(t, err, model.ErrServiceUnavailable())
	require.Empty(t, g.State().Vpcs)
	require.Equal(t, model.CodeServiceUnavailable, g.Calls()[0].Code)
}

// TestDroppedConnectionIsOneError: a dropped connection is
// ErrConnectionDropped through the Client and through the RoundTripper, and
// the change stands.
func TestDroppedConnectionIsOneError(t *testing.T) {
	t.Parallel()
	f := fake.New(fake.WithFaults(fake.FaultRule{Action: "CreateVpc", AfterCommit: true, DropConnection: true}))
	_, err := f.Client().CreateVpc(context.Background(), &model.CreateVpcRequest{RegionId: "cn-hangzhou"})
	require.ErrorIs(t, err, fake.ErrConnectionDropped)
	require.Len(t, f.State().Vpcs, 1)

	req := signedRequest(t, http.MethodGet, map[string]string{"Action": "CreateVpc", "Version": "2016-04-28", "RegionId": "cn-hangzhou"},
		fake.DefaultAccessKeySecret, time.Now(), "drop")
	_, err = f.RoundTripper().RoundTrip(req)
	require.ErrorIs(t, err, fake.ErrConnectionDropped)
	require.Len(t, f.State().Vpcs, 2)
	for _, c := range f.Calls() {
		require.True(t, c.Dropped)
		require.True(t, c.Applied)
	}
}

// TestCallRecordsAreValues: nothing a caller gets from Calls, CallsOf or a
// response can change the record or the world.
func TestCallRecordsAreValues(t *testing.T) {
	t.Parallel()
	f := fake.New(fake.WithSeed(1))
	c := f.Client()
	ctx := context.Background()
	req := &model.CreateVpcRequest{RegionId: "cn-hangzhou", VpcName: "first"}
	resp, err := c.CreateVpc(ctx, req)
	require.NoError(t, err)
	state := f.State()
	record := f.Calls()

	// The caller reuses its request and changes the response.
	req.VpcName = "rewritten"
	resp.VpcId = "vpc-rewritten"
	// It changes what Calls returned, all the way down.
	got := f.Calls()
	got[0].Request.(*model.CreateVpcRequest).VpcName = "changed"
	got[0].Response.(*model.CreateVpcResponse).VpcId = "vpc-changed"
	require.NotEmpty(t, got[0].Changes)
	for _, ch := range got[0].Changes {
		if vpc, ok := ch.After.(*model.Vpc); ok {
			vpc.VpcName, vpc.CidrBlock = "changed", "10.0.0.0/8"
		}
	}
	of := f.CallsOf("CreateVpc")
	of[0].Request.(*model.CreateVpcRequest).VpcName = "changed too"

	require.Equal(t, state, f.State(), "the world changed")
	require.Equal(t, record, f.Calls(), "the record changed")
	require.Equal(t, "first", f.Calls()[0].Request.(*model.CreateVpcRequest).VpcName)
	require.NotEqual(t, "vpc-rewritten", f.Calls()[0].Response.(*model.CreateVpcResponse).VpcId)
}

// TestCallLimitKeepsTheLastCalls: with a limit, the record is the last n
// calls, oldest first, however many came before.
func TestCallLimitRingKeepsTheLastCalls(t *testing.T) {
	t.Parallel()
	const limit = 5
	f := fake.New(fake.WithCallLimit(limit))
	c := f.Client()
	for i := range 13 {
		_, _ = c.DescribeVpcs(context.Background(), &model.DescribeVpcsRequest{RegionId: "cn-hangzhou", VpcName: strings.Repeat("x", i)})
		calls := f.Calls()
		require.Len(t, calls, min(i+1, limit))
		for j, call := range calls {
			require.Equal(t, uint64(i+1-len(calls)+j+1), call.Seq, "oldest first")
		}
	}
	f.ResetCalls()
	require.Empty(t, f.Calls())
	_, _ = c.DescribeVpcs(context.Background(), nil)
	require.Len(t, f.Calls(), 1)
}

// TestFaultResourceIdMatchesIdsOnly: ResourceId matches ID fields and
// BackendServers elements, never a name or a description that contains the
// ID.
func TestFaultResourceIdMatchesIdsOnly(t *testing.T) {
	t.Parallel()
	const id = "i-bp1target00000000001"
	cases := []struct {
		name string
		req  any
		want bool
	}{
		{"InstanceId", &model.StartInstanceRequest{InstanceId: id}, true},
		{"another InstanceId", &model.StartInstanceRequest{InstanceId: id + "x"}, false},
		{"BackendServers element", &model.AddBackendServersRequest{BackendServers: `[{"ServerId":"` + id + `","Weight":10}]`}, true},
		{"BackendServers description", &model.AddBackendServersRequest{BackendServers: `[{"ServerId":"i-other","Description":"` + id + `"}]`}, false},
		{"InstanceIds JSON", &model.DescribeInstancesRequest{InstanceIds: `["i-a","` + id + `"]`}, true},
		{"InstanceName", &model.CreateInstanceRequest{InstanceName: id}, false},
		{"LB name", &model.CreateLoadBalancerRequest{LoadBalancerName: "lb-for-" + id + ",x"}, false},
	}
	for _, tc := range cases {
		rule := fake.FaultRule{ResourceId: id, When: nil}
		call := &fake.Call{Request: tc.req}
		require.Equal(t, tc.want, fake.RuleMatchesForTest(&rule, call), tc.name)
	}
}

// TestFaultRuleErrors: a rule names a catalogue entry, or a code and message;
// it never answers with a template's placeholder, and an ambiguous code is
// refused with the entries to choose from.
func TestFaultRuleErrors(t *testing.T) {
	t.Parallel()
	f := fake.New()
	err := f.AddFault(fake.FaultRule{ErrorCode: model.CodeInvalidParameter})
	require.ErrorContains(t, err, "BackendServersInvalid")
	require.ErrorContains(t, err, "NetworkTypeUnsupported")
	require.ErrorContains(t, f.AddFault(fake.FaultRule{ErrorCode: model.CodeMissingParameter}), "ErrorMessage")
	require.ErrorContains(t, f.AddFault(fake.FaultRule{ErrorEntry: "MissingParameter"}), "takes 1 parameters")
	require.ErrorContains(t, f.AddFault(fake.FaultRule{ErrorEntry: "NoSuchEntry"}), "NoSuchEntry")
	require.ErrorContains(t, f.AddFault(fake.FaultRule{ErrorCode: "Made.Up", ErrorMessage: "x"}), "HTTPStatus")
	require.ErrorContains(t, f.AddFault(fake.FaultRule{Latency: fake.Duration(2562047 * time.Hour)}), "Latency")

	require.NoError(t, f.SetFaults(
		fake.FaultRule{Action: "CreateVpc", ErrorEntry: "NetworkTypeUnsupported", First: 1},
		fake.FaultRule{Action: "CreateVpc", ErrorEntry: "MissingParameter", ErrorArgs: []string{"VpcName"}, First: 1},
		fake.FaultRule{Action: "CreateVpc", ErrorCode: "Made.Up", ErrorMessage: "Made up.", HTTPStatus: 418 + 100, First: 1},
	))
	ctx := context.Background()
	_, err = f.Client().CreateVpc(ctx, &model.CreateVpcRequest{RegionId: "cn-hangzhou"})
	require.ErrorIs(t, err, model.ErrNetworkTypeUnsupported())
	require.NotErrorIs(t, err, model.ErrBackendServersInvalid(), "entries that share a code are told apart")
	_, err = f.Client().CreateVpc(ctx, &model.CreateVpcRequest{RegionId: "cn-hangzhou"})
	require.ErrorIs(t, err, model.ErrMissingParameter("VpcName"))
	require.ErrorContains(t, err, `"VpcName"`)
	_, err = f.Client().CreateVpc(ctx, &model.CreateVpcRequest{RegionId: "cn-hangzhou"})
	var apiErr *model.Error
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, model.Code("Made.Up"), apiErr.Code)
	require.Equal(t, 518, apiErr.HTTPStatus)
	require.Empty(t, f.State().Vpcs)
	for _, r := range f.Faults() {
		require.NotContains(t, r.ErrorMessage, "{")
	}
}
