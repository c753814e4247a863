package conformance

import (
	"context"
	stderrors "errors"
	"fmt"
	"strings"
	"testing"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/slb"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// world mirrors fake/decisions_test.go's newTestWorld: two VPCs with one
// vSwitch each, and helpers that add instances, ENIs and LBs through the
// fixtures. Built on twin fakes it gives the same IDs on both.
type world struct {
	t          *testing.T
	f          *fake.Fake
	vpcA, vpcB model.Vpc
	vswA, vswB model.VSwitch
}

func newWorld(t *testing.T, f *fake.Fake) *world {
	t.Helper()
	w := &world{t: t, f: f}
	var err error
	w.vpcA, err = f.PutVpc(model.Vpc{CidrBlock: "192.168.0.0/16"})
	require.NoError(t, err)
	w.vswA, err = f.PutVSwitch(model.VSwitch{VpcId: w.vpcA.VpcId, CidrBlock: "192.168.1.0/24"})
	require.NoError(t, err)
	w.vpcB, err = f.PutVpc(model.Vpc{CidrBlock: "172.16.0.0/16"})
	require.NoError(t, err)
	w.vswB, err = f.PutVSwitch(model.VSwitch{VpcId: w.vpcB.VpcId, CidrBlock: "172.16.1.0/24"})
	require.NoError(t, err)
	return w
}

func (w *world) instance(i model.Instance, status ...model.InstanceStatus) string {
	w.t.Helper()
	if len(status) > 0 {
		i.Status = status[0]
	}
	inst, err := w.f.PutInstance(i)
	require.NoError(w.t, err)
	return inst.InstanceId
}

func (w *world) classic(status ...model.InstanceStatus) string {
	w.t.Helper()
	return w.instance(model.Instance{}, status...)
}

func (w *world) inVpc(vsw model.VSwitch) string {
	w.t.Helper()
	return w.instance(model.Instance{VSwitchId: vsw.VSwitchId})
}

func (w *world) lb(lb model.LoadBalancer) string {
	w.t.Helper()
	got, err := w.f.PutLoadBalancer(lb)
	require.NoError(w.t, err)
	return got.LoadBalancerId
}

func (w *world) internetLB() string { w.t.Helper(); return w.lb(model.LoadBalancer{}) }

// attach attaches servers through the Go API (a call: it draws a RequestId,
// the same on both twins).
func (w *world) attach(lbId string, servers string) {
	w.t.Helper()
	_, err := w.f.Client().AddBackendServers(context.Background(), &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: lbId, BackendServers: servers})
	require.NoError(w.t, err)
}

// errorCase is one error row of shared/spec/decisions.md, as
// fake/decisions_test.go exercises it: a world, then one backend call.
type errorCase struct {
	name   string
	opts   []fake.Option
	action string // AddBackendServers (default), RemoveBackendServers or SetBackendServers
	region string // default region
	setup  func(w *world) (lbId, servers string)
	code   string
	status int
}

func errorCases() []errorCase {
	return []errorCase{
		{name: "network type mismatch", code: "InvalidParameter", status: 400, setup: func(w *world) (string, string) {
			return w.lb(model.LoadBalancer{AddressType: model.AddressIntranet}), backendList(w.inVpc(w.vswA))
		}},
		{name: "classic and VPC on one LB", code: "InvalidBackendServers.Inconsistent", status: 400, setup: func(w *world) (string, string) {
			return w.internetLB(), backendList(w.classic(), w.inVpc(w.vswA))
		}},
		{name: "two VPCs on one LB", code: "InvalidBackendServers.Inconsistent", status: 400, setup: func(w *world) (string, string) {
			lb := w.internetLB()
			w.attach(lb, backendList(w.inVpc(w.vswA)))
			return lb, backendList(w.inVpc(w.vswB))
		}},
		{name: "server not running", code: "ObtainIpFail", status: 400, setup: func(w *world) (string, string) {
			return w.internetLB(), backendList(w.classic(model.StatusStopped))
		}},
		{name: "server unknown", code: "ObtainIpFail", status: 400, setup: func(w *world) (string, string) {
			return w.internetLB(), backendList("i-bp1doesnotexist00000")
		}},
		{name: "21 elements", code: "TooManyBackendServers", status: 400, setup: func(w *world) (string, string) {
			ids := make([]string, 21)
			for i := range ids {
				ids[i] = fmt.Sprintf("i-bp1fake%012d", i)
			}
			return w.internetLB(), backendList(ids...)
		}},
		{name: "backend quota", opts: []fake.Option{fake.WithBackendQuota(2)}, code: "InstanceBackendServerNumberOverLimit", status: 400, setup: func(w *world) (string, string) {
			lb := w.internetLB()
			w.attach(lb, backendList(w.classic(), w.classic()))
			return lb, backendList(w.classic())
		}},
		{name: "locked LB", code: "ActionNotAllowed", status: 400, setup: func(w *world) (string, string) {
			return w.lb(model.LoadBalancer{Status: model.LBLocked}), backendList(w.classic())
		}},
		{name: "locked LB, remove", action: "RemoveBackendServers", code: "ActionNotAllowed", status: 400, setup: func(w *world) (string, string) {
			lb := w.internetLB()
			a := w.classic()
			w.attach(lb, backendList(a))
			require.NoError(w.t, w.f.ForceLoadBalancerStatus(lb, model.LBLocked))
			return lb, backendList(a)
		}},
		{name: "LB not found", code: "InvalidLoadBalancerId.NotFound", status: 404, setup: func(w *world) (string, string) {
			return "lb-bp1doesnotexist0000000", backendList(w.classic())
		}},
		{name: "LB of another region", code: "InvalidLoadBalancerId.NotFound", status: 404, setup: func(w *world) (string, string) {
			return w.lb(model.LoadBalancer{RegionId: "cn-beijing"}), backendList(w.classic())
		}},
		{name: "LoadBalancerId missing", code: "MissingParameter", status: 400, setup: func(w *world) (string, string) {
			return "", backendList(w.classic())
		}},
		{name: "already attached", code: "InvalidParameter", status: 400, setup: func(w *world) (string, string) {
			lb, a := w.internetLB(), w.classic()
			w.attach(lb, backendList(a))
			return lb, backendList(w.classic(), a)
		}},
		{name: "unparsable BackendServers", code: "InvalidParameter", status: 400, setup: func(w *world) (string, string) {
			return w.internetLB(), `[{ServerId:`
		}},
		{name: "Weight out of range", code: "InvalidParameter", status: 400, setup: func(w *world) (string, string) {
			return w.internetLB(), `[{"ServerId":"` + w.classic() + `","Weight":101}]`
		}},
		{name: "Type unknown", code: "InvalidParameter", status: 400, setup: func(w *world) (string, string) {
			return w.internetLB(), `[{"ServerId":"` + w.classic() + `","Type":"ECS"}]`
		}},
		{name: "eni on a shared-performance LB", code: "InvalidParameter", status: 400, setup: func(w *world) (string, string) {
			inst := w.inVpc(w.vswA)
			eni, err := w.f.PutNetworkInterface(model.NetworkInterface{VSwitchId: w.vswA.VSwitchId, InstanceId: inst})
			require.NoError(w.t, err)
			return w.lb(model.LoadBalancer{VSwitchId: w.vswA.VSwitchId}), `[{"ServerId":"` + eni.NetworkInterfaceId + `","Type":"eni"}]`
		}},
		{name: "Set on an unattached server", action: "SetBackendServers", code: "InvalidParameter", status: 400, setup: func(w *world) (string, string) {
			return w.internetLB(), `[{"ServerId":"` + w.classic() + `","Weight":1}]`
		}},
		{name: "Description too long", code: "InvalidParameterLength", status: 400, setup: func(w *world) (string, string) {
			return w.internetLB(), `[{"ServerId":"` + w.classic() + `","Description":"` + strings.Repeat("d", 81) + `"}]`
		}},
		{name: "unknown region", region: "cn-atlantis", code: "InvalidRegionId.NotFound", status: 404, setup: func(w *world) (string, string) {
			return w.internetLB(), backendList(w.classic())
		}},
	}
}

// callSDK runs a backend action through the SDK.
func callSDK(c sdkClients, action, regionId, lbId, servers string) error {
	switch action {
	case "RemoveBackendServers":
		r := slb.CreateRemoveBackendServersRequest()
		r.RegionId, r.LoadBalancerId, r.BackendServers, r.AcceptFormat = regionId, lbId, servers, c.format()
		_, err := c.slb.RemoveBackendServers(r)
		return err
	case "SetBackendServers":
		r := slb.CreateSetBackendServersRequest()
		r.RegionId, r.LoadBalancerId, r.BackendServers, r.AcceptFormat = regionId, lbId, servers, c.format()
		_, err := c.slb.SetBackendServers(r)
		return err
	default:
		r := slb.CreateAddBackendServersRequest()
		r.RegionId, r.LoadBalancerId, r.BackendServers, r.AcceptFormat = regionId, lbId, servers, c.format()
		_, err := c.slb.AddBackendServers(r)
		return err
	}
}

// callAPI runs a backend action through the Go API.
func callAPI(c *fake.Client, action, regionId, lbId, servers string) error {
	ctx := context.Background()
	req := &model.AddBackendServersRequest{RegionId: regionId, LoadBalancerId: lbId, BackendServers: servers}
	var err error
	switch action {
	case "RemoveBackendServers":
		_, err = c.RemoveBackendServers(ctx, req)
	case "SetBackendServers":
		_, err = c.SetBackendServers(ctx, req)
	default:
		_, err = c.AddBackendServers(ctx, req)
	}
	return err
}

// requireServerError asserts err is the SDK's *errors.ServerError and returns it.
func requireServerError(t *testing.T, err error) *sdkerrors.ServerError {
	t.Helper()
	require.Error(t, err)
	var se *sdkerrors.ServerError
	require.True(t, stderrors.As(err, &se), "want *errors.ServerError, got %T: %v", err, err)
	return se
}

// errorTwin is an error case made ready for an SDK: its world built on twin
// fakes, its call already made through the Go API on one twin (want), the
// other twin (f) waiting for the same call through an SDK.
type errorTwin struct {
	f                       *fake.Fake
	regionId, lbId, servers string
	want                    *model.Error
}

// prepareErrorCase builds tc's world on twin fakes and makes tc's call on
// one of them through the Go API, which must fail with tc's code and status.
func prepareErrorCase(t *testing.T, tc errorCase) errorTwin {
	t.Helper()
	fSDK, fAPI := twins(tc.opts...)
	wSDK, wAPI := newWorld(t, fSDK), newWorld(t, fAPI)
	lbSDK, serversSDK := tc.setup(wSDK)
	lbAPI, serversAPI := tc.setup(wAPI)
	require.Equal(t, lbAPI, lbSDK, "twins must build the same world")
	require.Equal(t, serversAPI, serversSDK, "twins must build the same world")
	regionId := tc.region
	if regionId == "" {
		regionId = region
	}
	apiErr := callAPI(fAPI.Client(), tc.action, regionId, lbAPI, serversAPI)
	var want *model.Error
	require.ErrorAs(t, apiErr, &want)
	require.Equal(t, tc.code, string(want.Code), "the Go API's code (message %q)", want.Message)
	require.Equal(t, tc.status, want.HTTPStatus)
	return errorTwin{f: fSDK, regionId: regionId, lbId: lbSDK, servers: serversSDK, want: want}
}

// TestDecisionErrorsThroughTheSDK checks that every error row of
// decisions.md reaches an SDK user as a ServerError with the Go API's code,
// HTTP status and message, and the same RequestId (twins draw alike).
func TestDecisionErrorsThroughTheSDK(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		for _, tc := range errorCases() {
			t.Run(m.name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				e := prepareErrorCase(t, tc)
				c := newClients(t, e.f, m, fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)
				before := e.f.State()
				se := requireServerError(t, callSDK(c, tc.action, e.regionId, e.lbId, e.servers))
				require.Equal(t, string(e.want.Code), se.ErrorCode())
				require.Equal(t, e.want.HTTPStatus, se.HttpStatus())
				require.Equal(t, e.want.Message, se.Message())
				require.NotEmpty(t, se.RequestId())
				require.Equal(t, e.want.RequestId, se.RequestId(), "one RequestId drawn per call on both paths")
				require.Equal(t, "slb.aliyuncs.com", se.HostId())
				require.Contains(t, se.Recommend(), "requestId="+se.RequestId())
				require.Equal(t, before, e.f.State(), "a refused call changes nothing")
			})
		}
	}
}
