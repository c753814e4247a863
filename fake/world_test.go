package fake_test

// The one fixture world of the external tests. Every test that needs a
// world builds it with newWorld (or newWorldAt, the same on a virtual clock)
// and its fixture methods; the worlds of particular test files (the decision
// tests' two VPCs, the fault tests' LB with three instances, the seed
// example's world, the coverage scenarios' world) are small functions on top
// of it, next to the tests that use them.

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// region is a world's region unless the test sets world.region.
const region = "cn-hangzhou"

// world is a fresh fake, its default account's client, and the fixture and
// call helpers the tests build their worlds with. Fixtures and calls use the
// world's region; every helper fails the test on an unexpected error.
type world struct {
	t      *testing.T
	f      *fake.Fake
	c      *fake.Client
	ctx    context.Context
	clock  *fake.VirtualClock // nil on the real clock (newWorld)
	region string
}

// newWorld returns a world on fake.New(opts...), in region, on the real
// clock (or the one an option gives).
func newWorld(t *testing.T, opts ...fake.Option) *world {
	t.Helper()
	f := fake.New(opts...)
	return &world{t: t, f: f, c: f.Client(), ctx: context.Background(), region: region}
}

// newWorldAt is newWorld on a virtual clock that starts at start (w.clock).
func newWorldAt(t *testing.T, start time.Time, opts ...fake.Option) *world {
	t.Helper()
	clock := fake.NewVirtualClock(start)
	w := newWorld(t, append([]fake.Option{fake.WithClock(clock)}, opts...)...)
	w.clock = clock
	return w
}

// now is the world's time: its virtual clock's, or the wall clock's.
func (w *world) now() time.Time {
	if w.clock != nil {
		return w.clock.Now()
	}
	return time.Now()
}

// ---------------------------------------------------------------------------
// Fixtures.

// must returns a fixture's result; the function it returns fails the test
// on the fixture's error: must(w.f.PutVpc(v))(w.t).
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		require.NoError(t, err)
		return v
	}
}

// vpc adds a VPC ("" lets the fixture choose the CIDR block).
func (w *world) vpc(cidr string) model.Vpc {
	w.t.Helper()
	return must(w.f.PutVpc(model.Vpc{RegionId: w.region, CidrBlock: cidr}))(w.t)
}

// vswitch adds a vSwitch of vpc ("" lets the fixture choose CIDR or zone).
func (w *world) vswitch(vpc model.Vpc, cidr, zone string) model.VSwitch {
	w.t.Helper()
	return must(w.f.PutVSwitch(model.VSwitch{RegionId: w.region, VpcId: vpc.VpcId, CidrBlock: cidr, ZoneId: zone}))(w.t)
}

// putInstance adds an instance as given (in the world's region unless it
// names one).
func (w *world) putInstance(i model.Instance) model.Instance {
	w.t.Helper()
	i.RegionId = cmp.Or(i.RegionId, w.region)
	return must(w.f.PutInstance(i))(w.t)
}

// classic adds a classic-network instance, Running unless status says otherwise.
func (w *world) classic(status ...model.InstanceStatus) string {
	w.t.Helper()
	return w.instanceIn("", status...)
}

// inVpc adds an instance in vsw, Running unless status says otherwise.
func (w *world) inVpc(vsw model.VSwitch, status ...model.InstanceStatus) string {
	w.t.Helper()
	return w.instanceIn(vsw.VSwitchId, status...)
}

func (w *world) instanceIn(vswId string, status ...model.InstanceStatus) string {
	w.t.Helper()
	i := model.Instance{VSwitchId: vswId}
	if len(status) > 0 {
		i.Status = status[0]
	}
	return w.putInstance(i).InstanceId
}

// eni adds an ENI in vsw, attached to instanceId when it is not empty, with
// the given number of secondary IPs.
func (w *world) eni(vsw model.VSwitch, instanceId string, secondary int) model.NetworkInterface {
	w.t.Helper()
	n := model.NetworkInterface{RegionId: w.region, VSwitchId: vsw.VSwitchId, InstanceId: instanceId}
	for range secondary {
		n.SecondaryIps = append(n.SecondaryIps, "")
	}
	return must(w.f.PutNetworkInterface(n))(w.t)
}

// lb adds a load balancer as given (in the world's region unless it names one).
func (w *world) lb(lb model.LoadBalancer) string {
	w.t.Helper()
	lb.RegionId = cmp.Or(lb.RegionId, w.region)
	return must(w.f.PutLoadBalancer(lb))(w.t).LoadBalancerId
}

// internetLB adds an internet (classic) LB.
func (w *world) internetLB() string { w.t.Helper(); return w.lb(model.LoadBalancer{}) }

// intranetClassicLB adds an intranet LB of the classic network.
func (w *world) intranetClassicLB() string {
	w.t.Helper()
	return w.lb(model.LoadBalancer{AddressType: model.AddressIntranet})
}

// vpcLB adds an intranet VPC LB in vsw; spec is its LoadBalancerSpec ("" for
// shared performance).
func (w *world) vpcLB(vsw model.VSwitch, spec string) string {
	w.t.Helper()
	return w.lb(model.LoadBalancer{VSwitchId: vsw.VSwitchId, LoadBalancerSpec: spec})
}

// ---------------------------------------------------------------------------
// Backend calls, in the world's region.

// addServers calls AddBackendServers.
func (w *world) addServers(lbId, servers string) (*model.AddBackendServersResponse, error) {
	return w.c.AddBackendServers(w.ctx, &model.AddBackendServersRequest{RegionId: w.region, LoadBalancerId: lbId, BackendServers: servers})
}

// add calls AddBackendServers and returns its error.
func (w *world) add(lbId, servers string) error {
	_, err := w.addServers(lbId, servers)
	return err
}

// mustAdd calls AddBackendServers, which must succeed.
func (w *world) mustAdd(lbId, servers string) *model.AddBackendServersResponse {
	w.t.Helper()
	resp, err := w.addServers(lbId, servers)
	require.NoError(w.t, err, "AddBackendServers %s", servers)
	return resp
}

func (w *world) remove(lbId, servers string) (*model.RemoveBackendServersResponse, error) {
	return w.c.RemoveBackendServers(w.ctx, &model.RemoveBackendServersRequest{RegionId: w.region, LoadBalancerId: lbId, BackendServers: servers})
}

func (w *world) set(lbId, servers string) (*model.SetBackendServersResponse, error) {
	return w.c.SetBackendServers(w.ctx, &model.SetBackendServersRequest{RegionId: w.region, LoadBalancerId: lbId, BackendServers: servers})
}

// backends returns the LB's backends as DescribeLoadBalancerAttribute lists them.
func (w *world) backends(lbId string) []model.BackendServerView {
	w.t.Helper()
	attr, err := w.c.DescribeLoadBalancerAttribute(w.ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: w.region, LoadBalancerId: lbId})
	require.NoError(w.t, err)
	return attr.BackendServers.BackendServer
}

// list renders a BackendServers value of plain ecs elements.
func list(ids ...string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf(`{"ServerId":%q}`, id)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// ids returns the ServerIds of a backend list, in order.
func ids(views []model.BackendServerView) []string {
	out := []string{}
	for _, v := range views {
		out = append(out, v.ServerId)
	}
	return out
}

// ---------------------------------------------------------------------------
// Other calls, in the world's region.

// run calls RunInstances, with an image and an instance type unless req
// names them.
func (w *world) run(req model.RunInstancesRequest) error {
	if req.RegionId == "" {
		req.RegionId = w.region
	}
	if req.ImageId == "" {
		req.ImageId = "aliyun_3_x64_20G_alibase_20240819.vhd"
	}
	if req.InstanceType == "" {
		req.InstanceType = "ecs.g7.large"
	}
	_, err := w.c.RunInstances(w.ctx, &req)
	return err
}

// createVSwitch calls CreateVSwitch, in zone cn-hangzhou-g unless req names one.
func (w *world) createVSwitch(req model.CreateVSwitchRequest) error {
	req.RegionId = w.region
	if req.ZoneId == "" {
		req.ZoneId = "cn-hangzhou-g"
	}
	_, err := w.c.CreateVSwitch(w.ctx, &req)
	return err
}

// attach calls AttachNetworkInterface.
func (w *world) attach(eniId, instanceId string) error {
	_, err := w.c.AttachNetworkInterface(w.ctx, &model.AttachNetworkInterfaceRequest{RegionId: w.region, NetworkInterfaceId: eniId, InstanceId: instanceId})
	return err
}

// signed is a GET request signed with the default key at the world's time.
func (w *world) signed(params map[string]string, secret, nonce string) *http.Request {
	w.t.Helper()
	return signedRequest(w.t, http.MethodGet, params, secret, w.now(), nonce)
}

// wire serves a request through the fake's Handler and returns its error
// envelope as a *model.Error (nil on a 200).
func (w *world) wire(req *http.Request) error {
	w.t.Helper()
	rec := httptest.NewRecorder()
	w.f.Handler().ServeHTTP(rec, req)
	if rec.Code == http.StatusOK {
		return nil
	}
	var body struct {
		RequestId, Message string
		Code               model.Code
	}
	require.NoError(w.t, json.Unmarshal(rec.Body.Bytes(), &body), rec.Body.String())
	return model.NewError(rec.Code, body.Code, body.Message).WithRequestId(body.RequestId)
}

// ---------------------------------------------------------------------------
// Assertions.

// unchanged runs call, asserts that the world is as it was before, and
// returns call's error. msgAndArgs says why (by default: a refused call must
// change nothing).
func (w *world) unchanged(call func() error, msgAndArgs ...any) error {
	w.t.Helper()
	if len(msgAndArgs) == 0 {
		msgAndArgs = []any{"a refused call must change nothing"}
	}
	before := w.f.State()
	err := call()
	require.Equal(w.t, before, w.f.State(), msgAndArgs...)
	return err
}

// refused runs call and asserts that it fails with exactly want and leaves
// the world as it was.
func (w *world) refused(want apiErr, call func() error) {
	w.t.Helper()
	requireAPIErr(w.t, w.unchanged(call), want)
}

// addRefused asserts that AddBackendServers fails with exactly want and
// changes nothing.
func (w *world) addRefused(lbId, servers string, want apiErr) {
	w.t.Helper()
	w.refused(want, func() error { return w.add(lbId, servers) })
}

// apiErr is the code, HTTP status and message an error must carry, spelled
// out rather than taken from the catalogue.
type apiErr struct {
	status int
	code   model.Code
	msg    string
}

func requireAPIErr(t *testing.T, err error, want apiErr) {
	t.Helper()
	require.Error(t, err)
	var e *model.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, want.code, e.Code, "code (message %q)", e.Message)
	require.Equal(t, want.status, e.HTTPStatus, "HTTP status of %s", e.Code)
	require.Equal(t, want.msg, e.Message, "message of %s", e.Code)
	require.Regexp(t, `^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`, e.RequestId)
}

// codeOf returns the code of an API error.
func codeOf(t *testing.T, err error) string {
	t.Helper()
	var apiErr *model.Error
	require.ErrorAs(t, err, &apiErr)
	return string(apiErr.Code)
}
