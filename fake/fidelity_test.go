package fake_test

// Fidelity cases of issue 10 ("Fidelity of the calls around
// AddBackendServers, idempotent retries"), one per wrong answer found, in the
// style of decisions_test.go: each says what it settles and where the answer
// comes from (DOC, CODE, INF), asserts the exact code, HTTP status and
// message of every error, and that a refused call changes nothing.

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

var (
	errDryRun        = apiErr{http.StatusBadRequest, "DryRunOperation", "Request validation has been passed with DryRun flag set."}
	errTokenMismatch = apiErr{http.StatusBadRequest, "IdempotentParameterMismatch",
		"Request uses a client token in a previous request but is not identical to that request."}
	errIpUsed         = apiErr{http.StatusBadRequest, "InvalidPrivateIpAddress.Duplicated", "Specified private IP address is duplicated."}
	errIpNotInVsw     = apiErr{http.StatusBadRequest, "InvalidPrivateIpAddress", "Specified private IP address is not in the CIDR block of virtual switch."}
	errEniNotFound    = apiErr{http.StatusNotFound, "InvalidEniId.NotFound", "The specified EniId is not found."}
	errEniNotAvail    = apiErr{http.StatusBadRequest, "InvalidOperation.InvalidEniState", `The operation is not allowed in the current ENI state. Expecting status is "Available" while current status is "InUse".`}
	errInstanceStatus = apiErr{http.StatusForbidden, "IncorrectInstanceStatus", "The current status of the resource does not support this operation."}
)

// lastCall returns the record of the last call of an action.
func lastCall(t *testing.T, f *fake.Fake, action string) fake.CallRecord {
	t.Helper()
	calls := f.CallsOf(action)
	require.NotEmpty(t, calls, "no %s call recorded", action)
	return calls[len(calls)-1]
}

// F01 (DOC: CreateLoadBalancer, VSwitchId: "if you specify this parameter,
// AddressType defaults to intranet"; the OpenAPI Explorer example of an
// internal-facing CLB sends VpcId and VSwitchId only). Settles: VpcId and
// VSwitchId without AddressType create an intranet VPC LB.
func TestF01VSwitchWithoutAddressTypeIsAnIntranetVPCLB(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	resp, err := w.c.CreateLoadBalancer(w.ctx, &model.CreateLoadBalancerRequest{RegionId: region, VpcId: w.vpcA.VpcId, VSwitchId: w.vswA.VSwitchId})
	require.NoError(t, err)
	require.Equal(t, "vpc", resp.NetworkType)
	require.Equal(t, w.vswA.VSwitchId, resp.VSwitchId)
	attr, err := w.c.DescribeLoadBalancerAttribute(w.ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: resp.LoadBalancerId})
	require.NoError(t, err)
	require.Equal(t, "intranet", attr.AddressType)
	// An intranet VPC LB takes the instances of its VPC.
	w.mustAdd(resp.LoadBalancerId, list(w.inVpc(w.vswA)))
}

// F02 (DOC: "specify a private IP address for an internal-facing CLB
// instance": inside the vSwitch's CIDR block and not in use; INF: the
// codes, the instances' private-address codes). Settles: Address is honoured,
// and refused when taken or outside the vSwitch.
func TestF02AddressIsHonoured(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	resp, err := w.c.CreateLoadBalancer(w.ctx, &model.CreateLoadBalancerRequest{RegionId: region, VSwitchId: w.vswA.VSwitchId, Address: "192.168.1.200"})
	require.NoError(t, err)
	require.Equal(t, "192.168.1.200", resp.Address)
	create := func(addr string) func() error {
		return func() error {
			_, err := w.c.CreateLoadBalancer(w.ctx, &model.CreateLoadBalancerRequest{RegionId: region, VSwitchId: w.vswA.VSwitchId, Address: addr})
			return err
		}
	}
	w.refused(errIpUsed, create("192.168.1.200"))
	w.refused(errIpNotInVsw, create("172.16.1.9"))
	w.refused(errIpNotInVsw, create("192.168.1.255"))
}

// F03 (DOC: RunInstances, DryRun: "the system checks the request ... if the
// request passes, DryRunOperation is returned"; the error tables: 400,
// "Request validation has been passed with DryRun flag set."; INF: no
// resource ID is drawn). Settles: RunInstances with DryRun creates nothing.
func TestF03DryRunCreatesNothing(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	twin := twoVpcWorld(t)
	req := model.RunInstancesRequest{VSwitchId: w.vswA.VSwitchId, Amount: 2, DryRun: true}
	w.refused(errDryRun, func() error { return w.run(req) })
	rec := lastCall(t, w.f, "RunInstances")
	require.False(t, rec.Applied)
	require.Equal(t, model.Code("DryRunOperation"), rec.Code)
	// A dry run that would fail fails as the call would.
	bad := req
	bad.ZoneId = "cn-hangzhou-z"
	w.refused(apiErr{http.StatusNotFound, "InvalidZoneId.NotFound", "The specified zoneId does not exist."}, func() error { return w.run(bad) })

	// The twin makes two calls that fail before drawing any ID; both worlds
	// then draw the same instance IDs: the dry run drew none.
	_ = twin.run(model.RunInstancesRequest{RegionId: "cn-nowhere"})
	_ = twin.run(model.RunInstancesRequest{RegionId: "cn-nowhere"})
	req.DryRun, bad.DryRun = false, false
	require.NoError(t, w.run(req))
	require.NoError(t, twin.run(req))
	ids := func(w *twoVpcs) []string {
		var out []string
		for _, i := range w.f.State().Instances {
			out = append(out, i.InstanceId)
		}
		return out
	}
	require.Equal(t, ids(twin), ids(w))
}

// F04 (DOC: StartInstance, StopInstance, DeleteInstance document DryRun).
// Settles: their dry runs check the status and change nothing.
func TestF04DryRunOnTheLifecycleCalls(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	running, stopped := w.classic(), w.classic(model.StatusStopped)
	w.refused(errDryRun, func() error {
		_, err := w.c.StopInstance(w.ctx, &model.StopInstanceRequest{InstanceId: running, DryRun: true})
		return err
	})
	w.refused(errDryRun, func() error {
		_, err := w.c.StartInstance(w.ctx, &model.StartInstanceRequest{InstanceId: stopped, DryRun: true})
		return err
	})
	w.refused(errDryRun, func() error {
		_, err := w.c.DeleteInstance(w.ctx, &model.DeleteInstanceRequest{InstanceId: stopped, DryRun: true})
		return err
	})
	w.refused(errInstanceStatus, func() error {
		_, err := w.c.DeleteInstance(w.ctx, &model.DeleteInstanceRequest{InstanceId: running, DryRun: true})
		return err
	})
	for _, a := range []string{"StopInstance", "StartInstance", "DeleteInstance"} {
		require.False(t, lastCall(t, w.f, a).Applied, a)
	}
}

// F05 (DOC: ECS "How to ensure idempotence"; CODE: Terraform's
// alicloud_slb_load_balancer sends a ClientToken and retries). Settles: a
// retry of CreateLoadBalancer after a failure that took effect, with the same
// ClientToken, gets the first LB and creates no second one.
func TestF05ClientTokenMakesTheRetrySafe(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t, fake.WithFaults(fake.FaultRule{Action: "CreateLoadBalancer", AfterCommit: true, ErrorCode: "ServiceUnavailable", First: 1}))
	req := &model.CreateLoadBalancerRequest{RegionId: region, VSwitchId: w.vswA.VSwitchId, LoadBalancerName: "web", ClientToken: "tf-web-1"}
	_, err := w.c.CreateLoadBalancer(w.ctx, req)
	require.ErrorContains(t, err, "ServiceUnavailable")
	require.Len(t, w.f.State().LoadBalancers, 1, "the failure came after the LB was created")

	before := w.f.State()
	resp, err := w.c.CreateLoadBalancer(w.ctx, req) // the blind retry
	require.NoError(t, err)
	require.Equal(t, before, w.f.State(), "the retry created nothing")
	require.Equal(t, before.LoadBalancers[0].LoadBalancerId, resp.LoadBalancerId)
	calls := w.f.CallsOf("CreateLoadBalancer")
	require.True(t, calls[0].Applied)
	require.False(t, calls[1].Applied)
	require.NotEqual(t, calls[0].RequestId, resp.RequestId, "a new RequestId")

	// The same token with another parameter is refused.
	other := *req
	other.LoadBalancerName = "web2"
	w.refused(errTokenMismatch, func() error {
		_, err := w.c.CreateLoadBalancer(w.ctx, &other)
		return err
	})
	// Another account's token is another token.
	_, err = w.f.ClientForAccount("9999").CreateLoadBalancer(w.ctx, &model.CreateLoadBalancerRequest{RegionId: region, ClientToken: "tf-web-1"})
	require.NoError(t, err)
}

// F06 (DOC: the ClientToken of RunInstances, CreateInstance,
// CreateNetworkInterface, CreateVpc, CreateVSwitch). Settles: every create
// call that takes a ClientToken honours it, over the wire too (the wire and
// the Go API are one fake).
func TestF06ClientTokenOnEveryCreate(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	twice := func(call func() (string, error)) {
		t.Helper()
		a, err := call()
		require.NoError(t, err)
		before := w.f.State()
		b, err := call()
		require.NoError(t, err)
		require.Equal(t, a, b)
		require.Equal(t, before, w.f.State())
	}
	twice(func() (string, error) {
		r, err := w.c.RunInstances(w.ctx, &model.RunInstancesRequest{RegionId: region, ImageId: "img", InstanceType: "t", Amount: 2, ClientToken: "c1"})
		if err != nil {
			return "", err
		}
		return strings.Join(r.InstanceIdSets.InstanceIdSet, ","), nil
	})
	twice(func() (string, error) {
		r, err := w.c.CreateInstance(w.ctx, &model.CreateInstanceRequest{RegionId: region, ImageId: "img", InstanceType: "t", ClientToken: "c1"})
		return idOf(r, err, func() string { return r.InstanceId })
	})
	twice(func() (string, error) {
		r, err := w.c.CreateNetworkInterface(w.ctx, &model.CreateNetworkInterfaceRequest{RegionId: region, VSwitchId: w.vswA.VSwitchId, SecurityGroupId: "sg-1", ClientToken: "c1"})
		return idOf(r, err, func() string { return r.NetworkInterfaceId })
	})
	twice(func() (string, error) {
		r, err := w.c.CreateVpc(w.ctx, &model.CreateVpcRequest{RegionId: region, ClientToken: "c1"})
		return idOf(r, err, func() string { return r.VpcId + r.VRouterId + r.RouteTableId })
	})
	twice(func() (string, error) {
		r, err := w.c.CreateVSwitch(w.ctx, &model.CreateVSwitchRequest{RegionId: region, VpcId: w.vpcB.VpcId, ZoneId: "cn-hangzhou-h", CidrBlock: "172.16.9.0/24", ClientToken: "c1"})
		return idOf(r, err, func() string { return r.VSwitchId })
	})

	// Over the wire, with DryRun and ClientToken as query parameters.
	wire := map[string]string{"Action": "RunInstances", "Version": "2014-05-26", "RegionId": region, "ImageId": "img",
		"InstanceType": "t", "Amount": "2", "ClientToken": "c1"}
	before := w.f.State()
	require.NoError(t, w.wire(w.signed(wire, fake.DefaultAccessKeySecret, "n1")), "the Go API's token, replayed")
	require.Equal(t, before, w.f.State())
	wire["DryRun"], wire["ClientToken"] = "true", "c9"
	requireAPIErr(t, w.wire(w.signed(wire, fake.DefaultAccessKeySecret, "n2")), errDryRun)
	require.Equal(t, before, w.f.State())
}

func idOf[R any](r *R, err error, id func() string) (string, error) {
	if err != nil {
		return "", err
	}
	return id(), nil
}

// F07 (DOC: DeleteNetworkInterface, "the ENI must be in the Available
// state"; INF: an ENI backend goes when its ENI is detached or deleted, as a
// released instance's does). Settles: an ENI backend does not outlive its
// attachment; Describe, Set and Remove agree with Add; a detached ENI can be
// deleted.
func TestF07ENIBackendsFollowTheirAttachment(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	inst := w.inVpc(w.vswA)
	eni := w.eni(w.vswA, inst, 0).NetworkInterfaceId
	lb := w.vpcLB(w.vswA, "slb.s2.small")
	w.mustAdd(lb, fmt.Sprintf(`[{"ServerId":%q,"Type":"eni"},{"ServerId":%q}]`, eni, inst))

	w.refused(errEniNotAvail, func() error {
		_, err := w.c.DeleteNetworkInterface(w.ctx, &model.DeleteNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eni})
		return err
	})
	_, err := w.c.DetachNetworkInterface(w.ctx, &model.DetachNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eni, InstanceId: inst})
	require.NoError(t, err)
	require.Equal(t, []string{inst}, ids(w.backends(lb)), "the ENI left the LB")
	found, err := w.c.DescribeLoadBalancers(w.ctx, &model.DescribeLoadBalancersRequest{RegionId: region, ServerId: eni})
	require.NoError(t, err)
	require.Empty(t, found.LoadBalancers.LoadBalancer)
	eniElem := fmt.Sprintf(`[{"ServerId":%q,"Type":"eni"}]`, eni)
	w.refused(errBackendsInvalid, func() error { _, err := w.set(lb, eniElem); return err })
	w.addRefused(lb, eniElem, errBackendsInvalid)

	_, err = w.c.DeleteNetworkInterface(w.ctx, &model.DeleteNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eni})
	require.NoError(t, err)
	require.Empty(t, w.f.State().NetworkInterfaces)
	w.refused(errEniNotFound, func() error {
		_, err := w.c.DeleteNetworkInterface(w.ctx, &model.DeleteNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eni})
		return err
	})
	w.addRefused(lb, eniElem, errObtainIpFail)
}

// F08 (DOC: Description is 1 to 80 characters; Type is ecs, eni or eci).
// Settles: "Description":"" and "Type":"" are refused as the values they
// are, like a blank ServerId.
func TestF08EmptyDescriptionAndTypeAreRefused(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb, inst := w.internetLB(), w.classic()
	w.addRefused(lb, fmt.Sprintf(`[{"ServerId":%q,"Description":""}]`, inst), errBackendsInvalid)
	w.addRefused(lb, fmt.Sprintf(`[{'ServerId':'%s','Type':''}]`, inst), errBackendsInvalid)
	w.mustAdd(lb, list(inst))
	w.refused(errBackendsInvalid, func() error {
		_, err := w.set(lb, fmt.Sprintf(`[{"ServerId":%q,"Description":""}]`, inst))
		return err
	})
	w.refused(errBackendsInvalid, func() error {
		_, err := w.remove(lb, fmt.Sprintf(`[{"ServerId":%q,"Type":""}]`, inst))
		return err
	})
}

// F09 (INF: a call is applied when it changed the world; the window follows
// a change). Settles: with a configuring window, a RemoveBackendServers that
// names only unattached servers changes nothing, is not applied, and opens no
// window: the next AddBackendServers goes through.
func TestF09ACallThatChangesNothingIsNotApplied(t *testing.T) {
	t.Parallel()
	w := &twoVpcs{world: newWorldAt(t, time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), fake.WithSeed(1), fake.WithConfiguringWindow(time.Minute))}
	lb := w.internetLB()
	attached, idle := w.classic(), w.classic()
	w.mustAdd(lb, list(attached))
	w.clock.Advance(time.Minute)

	before := w.f.State()
	_, err := w.remove(lb, list(idle, "i-bp1nosuchinstance000"))
	require.NoError(t, err)
	require.Equal(t, before, w.f.State())
	rec := lastCall(t, w.f, "RemoveBackendServers")
	require.False(t, rec.Applied)
	require.Empty(t, rec.Changes)

	_, err = w.set(lb, fmt.Sprintf(`[{"ServerId":%q,"Weight":100}]`, attached)) // the weight it has
	require.NoError(t, err)
	require.False(t, lastCall(t, w.f, "SetBackendServers").Applied)

	w.mustAdd(lb, "")
	require.False(t, lastCall(t, w.f, "AddBackendServers").Applied)
	w.mustAdd(lb, list(idle)) // no window was open
	require.True(t, lastCall(t, w.f, "AddBackendServers").Applied)
}
