package fake_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/internal/refmodel"
	"github.com/slbfake/slbfake/model"
	"github.com/slbfake/slbfake/slbrapid"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// An exported world, imported elsewhere, goes on exactly as the original
// would: same world, and the same IDs and RequestIds for the same calls.
func TestExportImportResumesTheIDSequence(t *testing.T) {
	t.Parallel()
	create := func(w *world) *model.CreateLoadBalancerResponse {
		lb, err := w.c.CreateLoadBalancer(w.ctx, &model.CreateLoadBalancerRequest{RegionId: "cn-shenzhen"})
		require.NoError(t, err)
		return lb
	}
	orig := newWorld(t, fake.WithSeed(5))
	create(orig)
	var saved bytes.Buffer
	require.NoError(t, orig.f.ExportState(&saved))

	restored := newWorld(t, fake.WithSeed(5))
	require.NoError(t, restored.f.ImportState(bytes.NewReader(saved.Bytes())))
	require.Equal(t, orig.f.State(), restored.f.State())
	a, b := create(orig), create(restored)
	require.Equal(t, a.LoadBalancerId, b.LoadBalancerId)
	require.Equal(t, a.RequestId, b.RequestId)
	require.Len(t, restored.f.State().LoadBalancers, 2)

	require.Error(t, restored.unchanged(func() error {
		return restored.f.ImportState(bytes.NewReader([]byte(`{"FormatVersion":1,"IDSource":"AAAA","State":{}}`)))
	}, "a bad file changes nothing"))
}

// exported is the JSON of an exported state, decoded so that a test can
// break it: the ExportState format.
type exported struct {
	FormatVersion int
	IDSource      []byte
	State         engine.State
}

func exportOf(t *testing.T, f *fake.Fake) ([]byte, exported) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, f.ExportState(&buf))
	var e exported
	require.NoError(t, json.Unmarshal(buf.Bytes(), &e))
	return buf.Bytes(), e
}

func (e exported) encode(t *testing.T) []byte {
	t.Helper()
	raw, err := json.Marshal(e)
	require.NoError(t, err)
	return raw
}

// stateWorld is a small world with one backend of each kind: a VPC LB with a
// spec holding a VPC instance and an ENI, an internet LB with a classic
// instance.
type stateWorld struct {
	*world
	vsw               model.VSwitch
	vpcInst, classic  string
	eni               model.NetworkInterface
	vpcLB, internetLB string
}

func newStateWorld(t *testing.T, opts ...fake.Option) stateWorld {
	t.Helper()
	w := stateWorld{world: newWorld(t, append([]fake.Option{fake.WithSeed(3)}, opts...)...)}
	w.vsw = w.vswitch(w.vpc("192.168.0.0/16"), "192.168.1.0/24", "")
	w.vpcInst = w.inVpc(w.vsw)
	w.eni = w.world.eni(w.vsw, w.vpcInst, 1)
	w.classic = w.world.classic()
	w.vpcLB = w.world.vpcLB(w.vsw, "slb.s2.small")
	w.internetLB = w.world.internetLB()
	w.mustAdd(w.vpcLB, `[{"ServerId":"`+w.vpcInst+`","Weight":30},{"ServerId":"`+w.eni.NetworkInterfaceId+`","Type":"eni"}]`)
	w.mustAdd(w.internetLB, list(w.classic))
	return w
}

// The state file and PUT /_slbfake/state must be one JSON value: trailing
// data is refused, trailing white space is not.
func TestImportStateRefusesTrailingData(t *testing.T) {
	t.Parallel()
	src := newStateWorld(t)
	raw, _ := exportOf(t, src.f)
	for name, tail := range map[string]string{
		"garbage":          "garbage",
		"a second value":   "{}",
		"a second state":   string(raw),
		"a closing brace":  "}",
		"a truncated json": `{"FormatVersion":`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dst := newWorld(t)
			dst.classic()
			err := dst.unchanged(func() error { return dst.f.ImportState(bytes.NewReader(append(slices.Clip(raw), tail...))) })
			require.ErrorContains(t, err, "trailing data after the JSON value")
		})
	}
	dst := newWorld(t)
	require.NoError(t, dst.f.ImportState(bytes.NewReader(append(slices.Clip(raw), " \n\t\r\n"...))))
	require.Equal(t, src.f.State(), dst.f.State())

	err := dst.unchanged(func() error {
		return dst.f.ImportState(strings.NewReader(`{"FormatVersion":1,"State":{},"Extra":true}`))
	})
	require.ErrorContains(t, err, `unknown field "Extra"`)
}

// The broken worlds of the report, each refused with the world
// unchanged: an LB in a missing vSwitch, backends of a missing LB or
// instance, Weight -5, Type "weird", an address outside its vSwitch, a
// duplicate address.
func TestImportStateRefusesABrokenWorld(t *testing.T) {
	t.Parallel()
	src := newStateWorld(t)
	_, good := exportOf(t, src.f)
	ecs := func(st *engine.State) *model.Backend {
		i := slices.IndexFunc(st.Backends, func(b model.Backend) bool { return b.ServerId == src.vpcInst })
		return &st.Backends[i]
	}
	instance := func(st *engine.State, id string) *model.Instance {
		return &st.Instances[slices.IndexFunc(st.Instances, func(i model.Instance) bool { return i.InstanceId == id })]
	}
	for _, tc := range []struct {
		name   string
		mutate func(st *engine.State)
		want   string
	}{
		{"LB in a missing vSwitch", func(st *engine.State) {
			lb := &st.LoadBalancers[slices.IndexFunc(st.LoadBalancers, func(l model.LoadBalancer) bool { return l.LoadBalancerId == src.vpcLB })]
			lb.VSwitchId = "vsw-bp1missing000000000000"
		}, `vSwitch "vsw-bp1missing000000000000" does not exist`},
		{"backend of a missing LB", func(st *engine.State) { ecs(st).LoadBalancerId = "lb-bp1missing0000000000" }, "the LB does not exist"},
		{"backend of a missing instance", func(st *engine.State) { ecs(st).ServerId = "i-bp1missing0000000000" }, "instance i-bp1missing0000000000 does not exist"},
		{"Weight -5", func(st *engine.State) { ecs(st).Weight = -5 }, "Weight -5 outside 0..100"},
		{"Type weird", func(st *engine.State) { ecs(st).Type = "weird" }, `unknown Type "weird"`},
		{"IP outside the vSwitch", func(st *engine.State) { instance(st, src.vpcInst).PrivateIp = "172.16.0.9" }, "PrivateIp 172.16.0.9 is outside 192.168.1.0/24"},
		{"duplicate IP", func(st *engine.State) {
			instance(st, src.vpcInst).PrivateIp = src.eni.PrimaryIpAddress
		}, "PrimaryIpAddress " + src.eni.PrimaryIpAddress + " is also held by " + src.vpcInst},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			bad := good
			bad.State = cloneState(t, good.State)
			tc.mutate(&bad.State)
			dst := newStateWorld(t, fake.WithSeed(8))
			err := dst.unchanged(func() error { return dst.f.ImportState(bytes.NewReader(bad.encode(t))) })
			require.ErrorContains(t, err, tc.want)
			var invalid *engine.InvalidStateError
			require.ErrorAs(t, err, &invalid)
		})
	}
}

func cloneState(t *testing.T, st engine.State) engine.State {
	t.Helper()
	raw, err := json.Marshal(st)
	require.NoError(t, err)
	var out engine.State
	require.NoError(t, json.Unmarshal(raw, &out))
	return out
}

// A world of a fake whose quota is 300, with 300 backends on one LB, does not
// import into a fake with the default quota of 200; it does into one of 300.
func TestImportStateRefusesBackendsOverTheQuota(t *testing.T) {
	t.Parallel()
	big := newWorld(t, fake.WithBackendQuota(300))
	lb := big.internetLB()
	var batch []string
	for range 300 {
		batch = append(batch, big.classic())
		if len(batch) == model.MaxBackendServersPerCall {
			big.mustAdd(lb, list(batch...))
			batch = nil
		}
	}
	raw, _ := exportOf(t, big.f)

	dst := newWorld(t)
	dst.classic()
	err := dst.unchanged(func() error { return dst.f.ImportState(bytes.NewReader(raw)) })
	require.ErrorContains(t, err, "LB "+lb+": 300 backends, over the backend quota of 200")
	require.NoError(t, fake.New(fake.WithBackendQuota(300)).ImportState(bytes.NewReader(raw)))
}

// roundTrip exports f and imports the file into a fresh fake with the same
// quota: the import succeeds and gives the same world, and the same file.
func roundTrip(t require.TestingT, f *fake.Fake) {
	var saved bytes.Buffer
	require.NoError(t, f.ExportState(&saved))
	g := fake.New(fake.WithSeed(99), fake.WithBackendQuota(f.BackendQuota()))
	require.NoError(t, g.ImportState(bytes.NewReader(saved.Bytes())), "a state the fake made must import")
	require.Equal(t, f.State(), g.State())
	var again bytes.Buffer
	require.NoError(t, g.ExportState(&again))
	require.Equal(t, saved.String(), again.String())
}

// Every world the fake makes imports back: the state-machine test's random
// walks (every API call and fixture, two accounts, two regions), exported and
// imported at random points and at the end.
func TestEveryStateTheFakeMakesImportsBack(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		quota := rapid.IntRange(3, 6).Draw(rt, "quota")
		seed := rapid.Uint64Range(0, 1<<20).Draw(rt, "seed")
		w := &smWorld{
			f:     fake.New(fake.WithSeed(seed), fake.WithClock(fake.ClockFunc(smNow)), fake.WithBackendQuota(quota)),
			m:     refmodel.New(refmodel.Config{Quota: quota, Now: smNow()}),
			quota: quota,
		}
		w.bootstrap(rt)
		actions := w.actions()
		delete(actions, "") // TestStateMachine checks the model
		actions["ExportImport"] = func(t *rapid.T) { roundTrip(t, w.f) }
		rt.Repeat(actions)
		roundTrip(rt, w.f)
	})
}

// So do the worlds of slbrapid: every network kind, locked, full and
// nearly full LBs, stopped and transitional instances, backends attached
// through the API.
func TestSlbrapidWorldsImportBack(t *testing.T) {
	t.Parallel()
	slbrapid.CheckWith(t, slbrapid.Config{NoFaults: true}, func(t *rapid.T, s *slbrapid.Scenario) {
		roundTrip(t, s.Fake)
	})
}
