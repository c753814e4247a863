package engine_test

// DryRun (issue 10, item 3; DOC: the ECS reference pages of RunInstances,
// CreateInstance, StartInstance, StopInstance and DeleteInstance, and VPC's
// CreateVpc: "true: performs only a dry run ... if the request passes, the
// DryRunOperation error code is returned"): the checks only, the real error
// when one fails, DryRunOperation (400) when none does; nothing changes and
// no ID is drawn.

import (
	"testing"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDryRunOperationEntry(t *testing.T) {
	t.Parallel()
	e := model.ErrDryRunOperation()
	assert.Equal(t, 400, e.HTTPStatus)
	assert.Equal(t, model.Code("DryRunOperation"), e.Code)
	assert.Equal(t, "Request validation has been passed with DryRun flag set.", e.Message)
}

// dryRunCase is one dry run on a world built by newECSWorld plus a Running,
// a Stopped instance and an ENI.
type dryRunCase struct {
	name string
	call func(w dryWorld, s *engine.Store) *model.Error
	want *model.Error // DryRunOperation, or the real call's error
}

type dryWorld struct {
	ecsWorld
	running, stopped string
}

func newDryWorld(t *testing.T) dryWorld {
	w := dryWorld{ecsWorld: newECSWorld(t)}
	w.running = w.run(t, w.vswA, 1)[0]
	w.stopped = w.run(t, w.vswA, 1)[0]
	_, e := w.s.StopInstance(testAccount, &model.StopInstanceRequest{InstanceId: w.stopped})
	require.Nil(t, e)
	return w
}

func runReq(vsw string) *model.RunInstancesRequest {
	return &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "ecs.g7.large", VSwitchId: vsw, DryRun: true}
}

func dryRunCases() []dryRunCase {
	ok := model.ErrDryRunOperation()
	return []dryRunCase{
		{"RunInstances", func(w dryWorld, s *engine.Store) *model.Error {
			_, e := s.RunInstances(testAccount, runReq(w.vswA))
			return e
		}, ok},
		{"RunInstances Amount 3, ClientToken ignored", func(w dryWorld, s *engine.Store) *model.Error {
			r := runReq(w.vswA)
			r.Amount, r.ClientToken = 3, "tok"
			_, e := s.RunInstances(testAccount, r)
			return e
		}, ok},
		{"RunInstances, no ImageId", func(w dryWorld, s *engine.Store) *model.Error {
			r := runReq(w.vswA)
			r.ImageId = ""
			_, e := s.RunInstances(testAccount, r)
			return e
		}, model.ErrMissingParameter("ImageId")},
		{"RunInstances, unknown vSwitch", func(w dryWorld, s *engine.Store) *model.Error {
			_, e := s.RunInstances(testAccount, runReq("vsw-bp1nosuchvswitch0000"))
			return e
		}, model.ErrVSwitchNotFound()},
		{"RunInstances Amount 5 in a vSwitch with 4 free addresses", func(w dryWorld, s *engine.Store) *model.Error {
			r := runReq(w.vswT)
			r.Amount = 5
			_, e := s.RunInstances(testAccount, r)
			return e
		}, model.ErrVSwitchIpExhausted()},
		{"RunInstances, a taken PrivateIpAddress", func(w dryWorld, s *engine.Store) *model.Error {
			r := runReq(w.vswA)
			r.PrivateIpAddress = "192.168.1.1"
			_, e := s.RunInstances(testAccount, r)
			return e
		}, model.ErrIpAddressUsed()},
		{"CreateInstance", func(w dryWorld, s *engine.Store) *model.Error {
			_, e := s.CreateInstance(testAccount, &model.CreateInstanceRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", DryRun: true})
			return e
		}, ok},
		{"CreateInstance, bad name", func(w dryWorld, s *engine.Store) *model.Error {
			_, e := s.CreateInstance(testAccount, &model.CreateInstanceRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", InstanceName: "1x", DryRun: true})
			return e
		}, model.ErrInvalidInstanceName()},
		{"StartInstance of a Stopped instance", func(w dryWorld, s *engine.Store) *model.Error {
			_, e := s.StartInstance(testAccount, &model.StartInstanceRequest{InstanceId: w.stopped, DryRun: true})
			return e
		}, ok},
		{"StartInstance of a Running instance", func(w dryWorld, s *engine.Store) *model.Error {
			_, e := s.StartInstance(testAccount, &model.StartInstanceRequest{InstanceId: w.running, DryRun: true})
			return e
		}, model.ErrIncorrectInstanceStatus()},
		{"StopInstance of a Running instance", func(w dryWorld, s *engine.Store) *model.Error {
			_, e := s.StopInstance(testAccount, &model.StopInstanceRequest{InstanceId: w.running, DryRun: true})
			return e
		}, ok},
		{"StopInstance of an unknown instance", func(w dryWorld, s *engine.Store) *model.Error {
			_, e := s.StopInstance(testAccount, &model.StopInstanceRequest{InstanceId: "i-bp1nosuchinstance000", DryRun: true})
			return e
		}, model.ErrInstanceNotFound()},
		{"DeleteInstance of a Stopped instance", func(w dryWorld, s *engine.Store) *model.Error {
			_, e := s.DeleteInstance(testAccount, &model.DeleteInstanceRequest{InstanceId: w.stopped, DryRun: true})
			return e
		}, ok},
		{"DeleteInstance Force of a Running instance", func(w dryWorld, s *engine.Store) *model.Error {
			_, e := s.DeleteInstance(testAccount, &model.DeleteInstanceRequest{InstanceId: w.running, Force: true, DryRun: true})
			return e
		}, ok},
		{"DeleteInstance of a Running instance", func(w dryWorld, s *engine.Store) *model.Error {
			_, e := s.DeleteInstance(testAccount, &model.DeleteInstanceRequest{InstanceId: w.running, DryRun: true})
			return e
		}, model.ErrIncorrectInstanceStatus()},
		{"CreateVpc", func(w dryWorld, s *engine.Store) *model.Error {
			_, e := s.CreateVpc(otherAcct, &model.CreateVpcRequest{RegionId: testRegion, DryRun: true})
			return e
		}, ok},
		{"CreateVpc, public block", func(w dryWorld, s *engine.Store) *model.Error {
			_, e := s.CreateVpc(testAccount, &model.CreateVpcRequest{RegionId: testRegion, CidrBlock: "8.8.8.0/24", DryRun: true})
			return e
		}, model.ErrVpcCidrBlockInvalid()},
	}
}

// Every dry run: its answer, no change (not even the new account of
// CreateVpc as otherAcct), nothing tracked, and the seeded ID source left
// where it was: the next real call draws the IDs it would have drawn without
// the dry run.
func TestDryRunChangesNothing(t *testing.T) {
	t.Parallel()
	for _, tc := range dryRunCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newDryWorld(t)
			twin := newDryWorld(t) // the same world, which makes no dry run
			before := w.s.Dump()
			var changes []engine.Change
			requireAPIError(t, tc.want, tc.call(w, w.s.Tracked(&changes)))
			assert.Empty(t, changes)
			assert.Equal(t, before, w.s.Dump())
			assert.Equal(t, twin.s.Dump(), w.s.Dump())

			got := w.run(t, w.vswA, 2)
			want := twin.run(t, twin.vswA, 2)
			assert.Equal(t, want, got, "a dry run draws no ID")
			lb, e := createLB(w.s, model.CreateLoadBalancerRequest{})
			require.Nil(t, e)
			lbTwin, e := createLB(twin.s, model.CreateLoadBalancerRequest{})
			require.Nil(t, e)
			assert.Equal(t, lbTwin, lb, "nor a random choice (the LB's zone)")
		})
	}
}

// Without DryRun the same calls act: DryRun false is the default.
func TestDryRunFalseActs(t *testing.T) {
	t.Parallel()
	w := newDryWorld(t)
	r := runReq(w.vswA)
	r.DryRun = false
	resp, e := w.s.RunInstances(testAccount, r)
	require.Nil(t, e)
	assert.Len(t, resp.InstanceIdSets.InstanceIdSet, 1)
	_, e = w.s.StartInstance(testAccount, &model.StartInstanceRequest{InstanceId: w.stopped})
	require.Nil(t, e)
	assert.Equal(t, "Running", w.describe(t, w.stopped).Status)
}
