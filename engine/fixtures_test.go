package engine_test

import (
	"errors"
	"testing"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// fxAccount and fxRegion own every resource of the fixture tests.
const fxAccount, fxRegion = "1111111111111111", "cn-hangzhou"

// fxWorld is a store built by the fixtures alone: a VPC with one vSwitch
// (zone i), a VPC instance, a classic instance.
type fxWorld struct {
	s    *engine.Store
	vpc  model.Vpc
	vsw  model.VSwitch
	inst model.Instance
}

func newFxWorld(t *testing.T) fxWorld {
	t.Helper()
	s, err := engine.New(engine.Config{IDs: model.NewIDSource(7),
		Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }})
	require.NoError(t, err)
	w := fxWorld{s: s}
	w.vpc, err = s.PutVpc(model.Vpc{AccountId: fxAccount, RegionId: fxRegion, CidrBlock: "192.168.0.0/16"})
	require.NoError(t, err)
	w.vsw, err = s.PutVSwitch(model.VSwitch{AccountId: fxAccount, RegionId: fxRegion, VpcId: w.vpc.VpcId, ZoneId: "cn-hangzhou-i"})
	require.NoError(t, err)
	w.inst, err = s.PutInstance(model.Instance{AccountId: fxAccount, RegionId: fxRegion, VSwitchId: w.vsw.VSwitchId})
	require.NoError(t, err)
	_, err = s.PutInstance(model.Instance{AccountId: fxAccount, RegionId: fxRegion})
	require.NoError(t, err)
	return w
}

// fxCase is one fixture call on a fxWorld.
type fxCase struct {
	name string
	put  func(w fxWorld) error
	// field is the field the error must name.
	field string
}

// errOf keeps the error of a fixture call.
func errOf[T any](_ T, err error) error { return err }

// requireRefused checks that every case fails with an ordinary Go error
// naming its field, changes nothing and consumes no ID: the same world then
// draws the same IDs as a twin that never made the call.
func requireRefused(t *testing.T, cases []fxCase, wantText string) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w, twin := newFxWorld(t), newFxWorld(t)
			before := w.s.Dump()
			err := tc.put(w)
			require.Error(t, err)
			require.ErrorContains(t, err, "field "+tc.field+" ")
			require.ErrorContains(t, err, wantText)
			var apiErr *model.Error
			require.False(t, errors.As(err, &apiErr), "a fixture error is not an API error: %v", err)
			require.Equal(t, before, w.s.Dump(), "a refused fixture changes nothing")

			lb, err := w.s.PutLoadBalancer(model.LoadBalancer{AccountId: fxAccount, RegionId: fxRegion})
			require.NoError(t, err)
			want, err := twin.s.PutLoadBalancer(model.LoadBalancer{AccountId: fxAccount, RegionId: fxRegion})
			require.NoError(t, err)
			require.Equal(t, want.LoadBalancerId, lb.LoadBalancerId, "a refused fixture draws no ID")
		})
	}
}

func TestFixturesRefuseEngineOwnedFields(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	requireRefused(t, []fxCase{
		{"Vpc.Seq", func(w fxWorld) error {
			return errOf(w.s.PutVpc(model.Vpc{AccountId: fxAccount, RegionId: fxRegion, Seq: 99}))
		}, "Seq"},
		{"VSwitch.Seq", func(w fxWorld) error {
			return errOf(w.s.PutVSwitch(model.VSwitch{AccountId: fxAccount, RegionId: fxRegion, VpcId: w.vpc.VpcId, CidrBlock: "192.168.9.0/24", Seq: 1}))
		}, "Seq"},
		{"Instance.Seq", func(w fxWorld) error {
			return errOf(w.s.PutInstance(model.Instance{AccountId: fxAccount, RegionId: fxRegion, Seq: 5}))
		}, "Seq"},
		{"Instance.Transition", func(w fxWorld) error {
			return errOf(w.s.PutInstance(model.Instance{AccountId: fxAccount, RegionId: fxRegion, Transition: model.TransitionStart}))
		}, "Transition"},
		{"Instance.TransitionAt", func(w fxWorld) error {
			return errOf(w.s.PutInstance(model.Instance{AccountId: fxAccount, RegionId: fxRegion, TransitionAt: at}))
		}, "TransitionAt"},
		{"NetworkInterface.Seq", func(w fxWorld) error {
			return errOf(w.s.PutNetworkInterface(model.NetworkInterface{AccountId: fxAccount, RegionId: fxRegion, VSwitchId: w.vsw.VSwitchId, Seq: 3}))
		}, "Seq"},
		{"LoadBalancer.Seq", func(w fxWorld) error {
			return errOf(w.s.PutLoadBalancer(model.LoadBalancer{AccountId: fxAccount, RegionId: fxRegion, Seq: 1}))
		}, "Seq"},
		{"LoadBalancer.NextBackendSeq", func(w fxWorld) error {
			return errOf(w.s.PutLoadBalancer(model.LoadBalancer{AccountId: fxAccount, RegionId: fxRegion, NextBackendSeq: 4}))
		}, "NextBackendSeq"},
		{"LoadBalancer.ConfiguringUntil", func(w fxWorld) error {
			return errOf(w.s.PutLoadBalancer(model.LoadBalancer{AccountId: fxAccount, RegionId: fxRegion, VSwitchId: w.vsw.VSwitchId, ConfiguringUntil: at}))
		}, "ConfiguringUntil"},
	}, "owned by the engine")
}

func TestFixturesRefuseContradictedDerivedFields(t *testing.T) {
	t.Parallel()
	requireRefused(t, []fxCase{
		{"classic Instance.NetworkType vpc", func(w fxWorld) error {
			return errOf(w.s.PutInstance(model.Instance{AccountId: fxAccount, RegionId: fxRegion, NetworkType: model.NetworkVPC}))
		}, "NetworkType"},
		{"classic Instance.VpcId", func(w fxWorld) error {
			return errOf(w.s.PutInstance(model.Instance{AccountId: fxAccount, RegionId: fxRegion, VpcId: w.vpc.VpcId}))
		}, "VpcId"},
		{"VPC Instance.ZoneId", func(w fxWorld) error {
			return errOf(w.s.PutInstance(model.Instance{AccountId: fxAccount, RegionId: fxRegion, VSwitchId: w.vsw.VSwitchId, ZoneId: "cn-hangzhou-h"}))
		}, "ZoneId"},
		{"NetworkInterface.Status", func(w fxWorld) error {
			return errOf(w.s.PutNetworkInterface(model.NetworkInterface{AccountId: fxAccount, RegionId: fxRegion, VSwitchId: w.vsw.VSwitchId,
				InstanceId: w.inst.InstanceId, Status: model.ENIAvailable}))
		}, "Status"},
		{"NetworkInterface.VpcId", func(w fxWorld) error {
			return errOf(w.s.PutNetworkInterface(model.NetworkInterface{AccountId: fxAccount, RegionId: fxRegion, VSwitchId: w.vsw.VSwitchId, VpcId: "vpc-other"}))
		}, "VpcId"},
		{"internet LoadBalancer in a vSwitch", func(w fxWorld) error {
			return errOf(w.s.PutLoadBalancer(model.LoadBalancer{AccountId: fxAccount, RegionId: fxRegion, VSwitchId: w.vsw.VSwitchId, AddressType: model.AddressInternet}))
		}, "AddressType"},
		{"classic LoadBalancer.NetworkType vpc", func(w fxWorld) error {
			return errOf(w.s.PutLoadBalancer(model.LoadBalancer{AccountId: fxAccount, RegionId: fxRegion, AddressType: model.AddressIntranet, NetworkType: model.NetworkVPC}))
		}, "NetworkType"},
		{"VPC LoadBalancer.VpcId", func(w fxWorld) error {
			return errOf(w.s.PutLoadBalancer(model.LoadBalancer{AccountId: fxAccount, RegionId: fxRegion, VSwitchId: w.vsw.VSwitchId, VpcId: "vpc-other"}))
		}, "VpcId"},
	}, "leave it empty")
}

// TestFixturesKeepTheTestsFields: every field a test may set comes back as
// given, derived fields may be given their derived value, and the fixture
// fills the rest.
func TestFixturesKeepTheTestsFields(t *testing.T) {
	t.Parallel()
	w := newFxWorld(t)
	created := time.Date(2020, 5, 6, 7, 8, 9, 0, time.UTC)

	inst, err := w.s.PutInstance(model.Instance{InstanceId: "i-bp1chosen", AccountId: fxAccount, RegionId: fxRegion,
		VSwitchId: w.vsw.VSwitchId, NetworkType: model.NetworkVPC, VpcId: w.vpc.VpcId, ZoneId: w.vsw.ZoneId,
		Status: model.StatusStopped, PrivateIp: "192.168.0.77", InstanceName: "web", CreationTime: created})
	require.NoError(t, err)
	require.Equal(t, "i-bp1chosen", inst.InstanceId)
	require.Equal(t, model.StatusStopped, inst.Status)
	require.Equal(t, "192.168.0.77", inst.PrivateIp)
	require.Equal(t, created, inst.CreationTime)
	require.NotZero(t, inst.Seq)

	eni, err := w.s.PutNetworkInterface(model.NetworkInterface{NetworkInterfaceId: "eni-bp1chosen", AccountId: fxAccount,
		RegionId: fxRegion, VSwitchId: w.vsw.VSwitchId, InstanceId: inst.InstanceId, Status: model.ENIInUse,
		PrimaryIpAddress: "192.168.0.88", SecondaryIps: []string{"", "192.168.0.99"}})
	require.NoError(t, err)
	require.Equal(t, model.ENIInUse, eni.Status)
	require.Equal(t, w.vpc.VpcId, eni.VpcId)
	require.Equal(t, "192.168.0.88", eni.PrimaryIpAddress)
	require.Equal(t, "192.168.0.99", eni.SecondaryIps[1])

	lb, err := w.s.PutLoadBalancer(model.LoadBalancer{LoadBalancerId: "lb-bp1chosen", AccountId: fxAccount, RegionId: fxRegion,
		VSwitchId: w.vsw.VSwitchId, AddressType: model.AddressIntranet, NetworkType: model.NetworkVPC, VpcId: w.vpc.VpcId,
		Address: "192.168.0.50", LoadBalancerSpec: "slb.s2.small", Status: model.LBLocked, LoadBalancerName: "front",
		MasterZoneId: "cn-hangzhou-k", CreationTime: created})
	require.NoError(t, err)
	require.Equal(t, "lb-bp1chosen", lb.LoadBalancerId)
	require.Equal(t, "192.168.0.50", lb.Address)
	require.Equal(t, model.LBLocked, lb.Status)
	require.Equal(t, "front", lb.LoadBalancerName)
	require.Equal(t, "cn-hangzhou-k", lb.MasterZoneId)
	require.Equal(t, created, lb.CreationTime)
	require.Equal(t, "PayOnDemand", lb.PayType)
	require.Equal(t, "paybytraffic", lb.InternetChargeType)

	def, err := w.s.PutLoadBalancer(model.LoadBalancer{AccountId: fxAccount, RegionId: fxRegion, VSwitchId: w.vsw.VSwitchId})
	require.NoError(t, err)
	require.Equal(t, model.AddressIntranet, def.AddressType)
	require.Equal(t, model.NetworkVPC, def.NetworkType)
	require.Equal(t, w.vsw.ZoneId, def.MasterZoneId, "a VPC LB's zone defaults to its vSwitch's")
	require.Equal(t, "auto_named_slb", def.LoadBalancerName)

	classic, err := w.s.PutLoadBalancer(model.LoadBalancer{AccountId: fxAccount, RegionId: fxRegion, AddressType: model.AddressIntranet})
	require.NoError(t, err)
	require.Equal(t, model.NetworkClassic, classic.NetworkType)
	require.Equal(t, "cn-hangzhou-g", classic.MasterZoneId, "the region's first zone")

	require.ElementsMatch(t, []model.LoadBalancer{lb, def, classic}, w.s.Dump().LoadBalancers, "what a fixture returns is what it stored")
}

// TestFixtureErrorsArePlainGoErrors: a fixture's failure is a Go error, even
// where an engine helper reported an API error (its code and message are in
// the text).
func TestFixtureErrorsArePlainGoErrors(t *testing.T) {
	t.Parallel()
	w := newFxWorld(t)
	for _, err := range []error{
		errOf(w.s.PutInstance(model.Instance{AccountId: fxAccount, RegionId: fxRegion, VSwitchId: "vsw-nowhere"})),
		errOf(w.s.PutInstance(model.Instance{AccountId: fxAccount, RegionId: fxRegion, VSwitchId: w.vsw.VSwitchId, PrivateIp: w.inst.PrivateIp})),
		errOf(w.s.PutLoadBalancer(model.LoadBalancer{AccountId: fxAccount, RegionId: fxRegion, Status: "melting"})),
		errOf(w.s.PutLoadBalancer(model.LoadBalancer{AccountId: fxAccount, RegionId: fxRegion, AddressType: "dark"})),
		errOf(w.s.PutVpc(model.Vpc{RegionId: fxRegion})),
		w.s.ForceInstanceStatus("i-nowhere", model.StatusStopped),
	} {
		require.Error(t, err)
		require.Regexp(t, `^engine fixture: (Put|Force)[A-Za-z]+: `, err.Error())
		var apiErr *model.Error
		require.False(t, errors.As(err, &apiErr), "a fixture error is not an API error: %v", err)
	}
	_, err := w.s.PutInstance(model.Instance{AccountId: fxAccount, RegionId: fxRegion, VSwitchId: w.vsw.VSwitchId, PrivateIp: w.inst.PrivateIp})
	require.ErrorContains(t, err, "InvalidPrivateIpAddress.Duplicated", "the helper's code is in the message")
}
