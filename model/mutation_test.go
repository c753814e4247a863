package model

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Tests written against the mutants gremlins left alive or uncovered in
// package model (scripts/mutation.sh): each pins a boundary or a branch the
// rest of the suite reached only through other packages, or not at all. The
// survivors judged equivalent are listed in scripts/mutation-equivalent.txt.

// Errors outside the catalogue compare on code and message; a catalogue
// error is never one of them, even with the same code and message.
func TestMutationErrorIs(t *testing.T) {
	a, b := NewError(400, "A", "x"), NewError(400, "B", "y")
	require.False(t, errors.Is(a, b))
	require.True(t, errors.Is(a, NewError(500, "A", "x")))
	same := NewError(400, CodeInvalidParameter, ErrBackendServersInvalid().Message)
	require.False(t, errors.Is(same, ErrBackendServersInvalid()))
	require.False(t, errors.Is(ErrBackendServersInvalid(), same))
	require.True(t, errors.Is(ErrBackendServersInvalid(), ErrBackendServersInvalid()))
	require.False(t, errors.Is(ErrBackendServersInvalid(), ErrNetworkTypeUnsupported()))
	require.False(t, errors.Is(a, errors.New("x")))
}

// Params finds placeholders wherever they are, the first character
// included, and an empty one.
func TestMutationEntryParams(t *testing.T) {
	cases := map[string][]string{
		"{Name} is missing":        {"Name"},
		"no placeholder":           nil,
		"x {A} and {B}":            {"A", "B"},
		"{A}{B}":                   {"A", "B"},
		"{}":                       {""},
		"open { without a closing": nil,
		"a } before {X}":           {"X"},
	}
	for msg, want := range cases {
		require.Equal(t, want, Entry{Message: msg}.Params(), msg)
	}
	// new fills every placeholder in order.
	require.Equal(t, `The input parameter "Region" that is mandatory for processing this request is not supplied.`,
		ErrMissingParameter("Region").Message)
	e, err := NewFromEntry("IncorrectNetworkInterfaceStatus", "Available", "InUse")
	require.NoError(t, err)
	require.Contains(t, e.Message, `Expecting status is "Available" while current status is "InUse".`)
}

func parses(t *testing.T, s string) {
	t.Helper()
	_, e := ParseBackendServers(s)
	require.Nil(t, e, "%q", s)
}

func refused(t *testing.T, s string, want *Error) {
	t.Helper()
	_, e := ParseBackendServers(s)
	require.NotNil(t, e, "%q", s)
	require.Equal(t, want.Entry(), e.Entry(), "%q: %s", s, e.Message)
}

// nested returns an element with an unknown key holding n nested arrays.
func nested(open, close string, n int) string {
	return `[{"ServerId":"i-1","X":` + strings.Repeat(open, n) + strings.Repeat(close, n) + `}]`
}

// The depth limit (INF): values as deep as maxLenientDepth parse, deeper
// ones do not, through arrays and objects alike.
func TestMutationLenientDepth(t *testing.T) {
	// The element is at depth 1 and its member at 2: 31 arrays put the
	// innermost one at 32.
	parses(t, nested("[", "]", maxLenientDepth-1))
	refused(t, nested("[", "]", maxLenientDepth), ErrBackendServersInvalid())
	obj := `[{"ServerId":"i-1","X":` + strings.Repeat(`{"a":`, 40) + "1" + strings.Repeat("}", 40) + `}]`
	refused(t, obj, ErrBackendServersInvalid())
	// The 20-element limit is the top level's only.
	parses(t, `[{"ServerId":"i-1","X":[`+strings.Repeat("1,", 30)+`1]}]`)
	parses(t, `[{"ServerId":"i-1","X":{"a":[`+strings.Repeat("1,", 30)+`1]}}]`)
	parses(t, "["+strings.TrimSuffix(strings.Repeat(`{"ServerId":"i-1"},`, MaxBackendServersPerCall), ",")+"]")
	refused(t, "["+strings.TrimSuffix(strings.Repeat(`{"ServerId":"i-1"},`, MaxBackendServersPerCall+1), ",")+"]", ErrTooManyBackendServers())
}

// Truncated input ends a parse with an error, never a panic, wherever it is
// cut.
func TestMutationLenientTruncated(t *testing.T) {
	full := `[{"ServerId":"i-\u0031\ud83d\ude00","Weight":-5e1,"X":[true,false,null,{"a":'b\'c'}]}]`
	for i := 1; i < len(full); i++ {
		refused(t, full[:i], ErrBackendServersInvalid())
	}
	for _, s := range []string{`[{"ServerId"`, `[{"ServerId":`, `[{"ServerId":"\u12`, `[{"ServerId":"\ud83d\u`,
		`[{"ServerId":"\ud83d\u12`, `[{"ServerId":"\`, `[{"ServerId":"x"`, `[{"ServerId":"x",`} {
		refused(t, s, ErrBackendServersInvalid())
	}
}

// Every escape, literal and number form the lenient reader takes, and what
// it refuses inside strings.
func TestMutationLenientStrings(t *testing.T) {
	id := func(s string) string {
		t.Helper()
		specs, e := ParseBackendServers(s)
		require.Nil(t, e, "%q", s)
		return specs[0].ServerId
	}
	require.Equal(t, "a\"b'c\\d/e\bf\fg\nh\ri\tj", id(`[{"ServerId":"a\"b\'c\\d\/e\bf\fg\nh\ri\tj"}]`))
	require.Equal(t, "a'b\"c", id(`[{'ServerId':'a\'b"c'}]`))
	require.Equal(t, "é😀", id(`[{"ServerId":"\u00e9\ud83d\ude00"}]`))
	require.Equal(t, "x\uFFFDy", id(`[{"ServerId":"x\ud83dy"}]`))
	require.Equal(t, "x\uFFFD\uFFFD", id(`[{"ServerId":"x\ud83d\ud83d"}]`))
	require.Equal(t, "后端", id(`[{"ServerId":"后端"}]`))
	for _, s := range []string{
		"[{\"ServerId\":\"a\x01b\"}]", "[{\"ServerId\":\"a\nb\"}]", "[{\"ServerId\":\"a\xffb\"}]",
		`[{"ServerId":"a\xb"}]`, `[{"ServerId":"\uzzzz"}]`, `[{ServerId:"x"}]`, `[{"ServerId" "x"}]`,
		`[{"ServerId":"x" "Weight":1}]`, `[{"ServerId":"x"} {"ServerId":"y"}]`, `[{"ServerId":"x"}] y`,
		`[{"ServerId":"x","Weight":nul}]`, `[{"ServerId":"x","Weight":tru}]`, `[{"ServerId":"x","Weight":-}]`,
		`[{"ServerId":"x","Weight":1.2.3}]`, `[{"ServerId":"x","Weight":.5}]`, `[{"ServerId":"x","Weight":+5}]`,
	} {
		refused(t, s, ErrBackendServersInvalid())
	}
	for _, s := range []string{`[{"ServerId":"x","Weight":-0}]`, `[{"ServerId":"x","Weight":5,"Y":-1.5e3}]`,
		`[{"ServerId":"x","Y":true,"Z":false,"W":null}]`, ` [ { "ServerId" : "x" } ] `, "\t[\n{\r\"ServerId\":\"x\"}]"} {
		parses(t, s)
	}
	specs, e := ParseBackendServers(`[{"ServerId":"x","Weight":"-0"},{"ServerId":"y","Weight":0},{"ServerId":"z","Weight":100}]`)
	require.Nil(t, e)
	require.Equal(t, []int{0, 0, 100}, []int{specs[0].Weight, specs[1].Weight, specs[2].Weight})
	refused(t, `[{"ServerId":"x","Weight":101}]`, ErrBackendServersInvalid())
	refused(t, `[{"ServerId":"x","Weight":-1}]`, ErrBackendServersInvalid())
}

// The Description alphabet, at the edges of each range.
func TestMutationDescriptionRunes(t *testing.T) {
	for _, r := range "azAZ09-/._后" {
		require.True(t, descriptionRune(r), "%q", r)
		require.Nil(t, ValidateDescription(string(r)), "%q", r)
	}
	for _, r := range "`{@[/:" {
		if r == '/' {
			continue
		}
		require.False(t, descriptionRune(r), "%q", r)
	}
	for _, r := range " !,+*é\u3000Ａ" {
		require.False(t, descriptionRune(r), "%q", r)
		require.NotNil(t, ValidateDescription("ok"+string(r)), "%q", r)
	}
	require.Nil(t, ValidateDescription(strings.Repeat("名", MaxDescriptionLength)))
	require.Equal(t, ErrInvalidParameterLength().Entry(), ValidateDescription(strings.Repeat("名", MaxDescriptionLength+1)).Entry())
	require.Equal(t, ErrInvalidParameterLength().Entry(), ValidateDescription(strings.Repeat("!", MaxDescriptionLength+1)).Entry())
}

// The enums' Valid, each value and a near miss.
func TestMutationEnums(t *testing.T) {
	for _, s := range InstanceStatuses() {
		require.True(t, s.Valid())
	}
	require.False(t, InstanceStatus("running").Valid())
	require.True(t, NetworkClassic.Valid())
	require.True(t, NetworkVPC.Valid())
	require.False(t, NetworkType("VPC").Valid())
	require.True(t, AddressInternet.Valid())
	require.True(t, AddressIntranet.Valid())
	require.False(t, AddressType("").Valid())
	for _, s := range []LoadBalancerStatus{LBActive, LBInactive, LBLocked} {
		require.True(t, s.Valid(), s)
	}
	require.False(t, LoadBalancerStatus("Active").Valid())
	require.True(t, StatusRunning.AcceptsBackend())
	require.False(t, StatusStarting.AcceptsBackend())
}

func TestMutationRegionsAndENIs(t *testing.T) {
	r, ok := LookupRegion("cn-beijing")
	require.True(t, ok)
	require.Equal(t, "2ze", r.IDCode)
	require.True(t, r.HasZone("cn-beijing-a"))
	require.True(t, r.HasZone("cn-beijing-h"))
	require.False(t, r.HasZone("cn-hangzhou-g"))
	_, ok = LookupRegion("cn-nowhere")
	require.False(t, ok)
	n := &NetworkInterface{PrimaryIpAddress: "10.0.0.1", SecondaryIps: []string{"10.0.0.2", "10.0.0.3"}}
	for _, ip := range []string{"10.0.0.1", "10.0.0.2", "10.0.0.3"} {
		require.True(t, n.HasIp(ip), ip)
	}
	require.False(t, n.HasIp("10.0.0.4"))
	require.False(t, n.HasIp(""))
}

func TestMutationPlacementAndNetwork(t *testing.T) {
	vsw := &VSwitch{VSwitchId: "vsw-1", VpcId: "vpc-1", ZoneId: "cn-hangzhou-h"}
	require.Equal(t, LoadBalancerPlacement{AddressType: AddressIntranet, NetworkType: NetworkVPC, VpcId: "vpc-1",
		VSwitchId: "vsw-1", MasterZoneId: "cn-hangzhou-h"}, PlaceLoadBalancer("", "", vsw))
	require.Equal(t, "cn-hangzhou-k", PlaceLoadBalancer(AddressIntranet, "cn-hangzhou-k", vsw).MasterZoneId)
	require.Equal(t, LoadBalancerPlacement{AddressType: AddressIntranet, NetworkType: NetworkClassic, MasterZoneId: "z"},
		PlaceLoadBalancer(AddressIntranet, "z", nil))
	require.Equal(t, LoadBalancerPlacement{AddressType: AddressInternet, NetworkType: NetworkClassic},
		PlaceLoadBalancer("", "", nil))

	require.Equal(t, "classic", NetworkDomain(NetworkClassic, "vpc-1"))
	require.Equal(t, "vpc-1", NetworkDomain(NetworkVPC, "vpc-1"))
	internet := &LoadBalancer{AddressType: AddressInternet, NetworkType: NetworkClassic}
	classicLB := &LoadBalancer{AddressType: AddressIntranet, NetworkType: NetworkClassic}
	vpcLB := &LoadBalancer{AddressType: AddressIntranet, NetworkType: NetworkVPC, VpcId: "vpc-1"}
	classic := &Instance{NetworkType: NetworkClassic}
	inVpc := &Instance{NetworkType: NetworkVPC, VpcId: "vpc-1"}
	otherVpc := &Instance{NetworkType: NetworkVPC, VpcId: "vpc-2"}
	for _, c := range []struct {
		lb   *LoadBalancer
		inst *Instance
		ok   bool
	}{
		{internet, classic, true}, {internet, inVpc, true}, {classicLB, classic, true}, {classicLB, inVpc, false},
		{vpcLB, inVpc, true}, {vpcLB, otherVpc, false}, {vpcLB, classic, false},
	} {
		require.Equal(t, c.ok, CheckECSNetwork(c.lb, c.inst) == nil, "%+v %+v", c.lb, c.inst)
	}
	require.True(t, SupportsENIBackends(&LoadBalancer{NetworkType: NetworkVPC, LoadBalancerSpec: "slb.s1.small"}))
	require.False(t, SupportsENIBackends(&LoadBalancer{NetworkType: NetworkVPC}))
	require.True(t, SupportsENIBackends(&LoadBalancer{NetworkType: NetworkVPC, InstanceChargeType: "PayByCLCU"}))
	require.False(t, SupportsENIBackends(&LoadBalancer{NetworkType: NetworkClassic, InstanceChargeType: "PayByCLCU"}))
	require.False(t, SupportsENIBackends(&LoadBalancer{NetworkType: NetworkClassic, LoadBalancerSpec: "slb.s1.small"}))
}

// The transitional statuses last exactly their durations: [start,
// start+duration).
func TestMutationLifecycleBoundaries(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	d := LifecycleDurations{Pending: 2 * time.Second, Starting: 3 * time.Second, Stopping: 4 * time.Second}
	at := func(tr Transition, final InstanceStatus, after time.Duration) InstanceStatus {
		i := &Instance{Status: final, Transition: tr, TransitionAt: t0}
		return i.StatusAt(t0.Add(after), d)
	}
	ns := time.Nanosecond
	require.Equal(t, StatusPending, at(TransitionRun, StatusRunning, 0))
	require.Equal(t, StatusPending, at(TransitionRun, StatusRunning, 2*time.Second-ns))
	require.Equal(t, StatusStarting, at(TransitionRun, StatusRunning, 2*time.Second))
	require.Equal(t, StatusStarting, at(TransitionRun, StatusRunning, 5*time.Second-ns))
	require.Equal(t, StatusRunning, at(TransitionRun, StatusRunning, 5*time.Second))
	require.Equal(t, StatusPending, at(TransitionCreate, StatusStopped, 2*time.Second-ns))
	require.Equal(t, StatusStopped, at(TransitionCreate, StatusStopped, 2*time.Second))
	require.Equal(t, StatusStarting, at(TransitionStart, StatusRunning, 3*time.Second-ns))
	require.Equal(t, StatusRunning, at(TransitionStart, StatusRunning, 3*time.Second))
	require.Equal(t, StatusStopping, at(TransitionStop, StatusStopped, 4*time.Second-ns))
	require.Equal(t, StatusStopped, at(TransitionStop, StatusStopped, 4*time.Second))
	require.Equal(t, StatusStopped, at(TransitionNone, StatusStopped, 0))
	// Zero durations skip every transitional status.
	i := &Instance{Status: StatusRunning, Transition: TransitionRun, TransitionAt: t0}
	require.Equal(t, StatusRunning, i.StatusAt(t0, LifecycleDurations{}))

	require.Equal(t, TransitionStart, TransitionOf(ActionStart))
	require.Equal(t, TransitionStop, TransitionOf(ActionStop))
	require.Equal(t, TransitionNone, TransitionOf(ActionDelete))
	for _, c := range []struct {
		from   InstanceStatus
		action InstanceAction
		force  bool
		to     InstanceStatus
		ok     bool
	}{
		{StatusStopped, ActionStart, false, StatusRunning, true}, {StatusRunning, ActionStart, false, StatusRunning, false},
		{StatusRunning, ActionStop, false, StatusStopped, true}, {StatusStopped, ActionStop, false, StatusStopped, false},
		{StatusStopped, ActionDelete, false, StatusStopped, true}, {StatusRunning, ActionDelete, false, StatusRunning, false},
		{StatusRunning, ActionDelete, true, StatusRunning, true}, {StatusPending, ActionDelete, true, StatusPending, true},
		{StatusStopping, ActionStart, false, StatusStopping, false}, {StatusStarting, ActionStop, true, StatusStarting, false},
	} {
		to, e := NextStatus(c.from, c.action, c.force)
		require.Equal(t, c.ok, e == nil, "%+v", c)
		require.Equal(t, c.to, to, "%+v", c)
	}
}

// A listener's port space, settled statuses and transitions, and the status
// it shows on the clock: starting and stopping for exactly their durations.
func TestMutationListenerLifecycle(t *testing.T) {
	require.Equal(t, "udp", ProtocolUDP.PortSpace())
	for _, p := range []ListenerProtocol{ProtocolTCP, ProtocolHTTP, ProtocolHTTPS} {
		require.Equal(t, "tcp", p.PortSpace(), p)
	}
	require.True(t, ListenerStopped.Valid())
	require.True(t, ListenerRunning.Valid())
	require.False(t, ListenerStarting.Valid())
	require.False(t, ListenerStopping.Valid())
	for _, tr := range []ListenerTransition{ListenerTransitionNone, ListenerTransitionStart, ListenerTransitionStop} {
		require.True(t, tr.Valid(), tr)
	}
	require.False(t, ListenerTransition("restart").Valid())

	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	d := LifecycleDurations{ListenerStarting: 10 * time.Second, ListenerStopping: 20 * time.Second}
	start := &Listener{Status: ListenerRunning, Transition: ListenerTransitionStart, TransitionAt: at}
	require.Equal(t, ListenerStarting, start.StatusAt(at, d))
	require.Equal(t, ListenerStarting, start.StatusAt(at.Add(10*time.Second-1), d))
	require.Equal(t, ListenerRunning, start.StatusAt(at.Add(10*time.Second), d))
	stop := &Listener{Status: ListenerStopped, Transition: ListenerTransitionStop, TransitionAt: at}
	require.Equal(t, ListenerStopping, stop.StatusAt(at.Add(20*time.Second-1), d))
	require.Equal(t, ListenerStopped, stop.StatusAt(at.Add(20*time.Second), d))
	require.Equal(t, ListenerStopped, stop.StatusAt(at.Add(5*time.Second), LifecycleDurations{ListenerStarting: time.Minute}), "a stop waits out the stopping duration, not the starting one")
	none := &Listener{Status: ListenerStopped, TransitionAt: at}
	require.Equal(t, ListenerStopped, none.StatusAt(at, d))
}
