package fake_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/internal/refmodel"
	"github.com/slbfake/slbfake/model"
	"github.com/slbfake/slbfake/slbrapid"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestStateMachine drives the fake and the reference model (internal/refmodel)
// with the same long random sequences of calls and compares them after every
// call: every response, every error (HTTP status, code, message), whether the
// call was applied (fake.CallRecord.Applied), and the whole world. After
// every step it also checks, on the fake's own state, the invariants of the
// backend lists, the rules of the addresses and IDs the fake handed out
// (inside their vSwitch or pool, never reserved, unique, the lowest free
// ones; the IDs' prefixes, lengths and region codes), that its address
// leases are exactly the addresses in use, and that a failed call changed
// nothing.
//
// Each run draws, besides the calls: the lifecycle durations
// (fake.WithLifecycle) and the configuring window, on a VirtualClock that an
// action advances; a fault plan (slbrapid.Faults: errors before and after the
// change, dropped connections, latency, throttling), after which the model
// reads from the call record whether the change was applied; and for each
// call the way it reaches the fake: the Go API, or the signed wire Handler
// with Signature V1 or V3, whose answers are compared with the model's as the
// Go API's are and, for the calls that draw no ID, with the same call through
// the Go API on a twin of the world (fake.Fork): same answer, same world
// after. Shrinking goes towards none of these.
//
// The calls: the backend operations (with BackendServers values of every
// shape, slbrapid's generators and the edge cases of the fidelity table
// among them), the LB calls (Address and ClientToken included), the ECS
// calls (RunInstances, CreateInstance, Start/Stop/DeleteInstance, with
// DryRun and ClientToken), the ENI calls (Create, Attach, Detach, Delete)
// and the VPC calls (CreateVpc, CreateVSwitch), beside the fixtures; and
// the vServer group calls (statemachine_groups_test.go).
//
// The default run is rapid's (100 sequences); for a longer one:
//
//	go test ./fake -run TestStateMachine -rapid.checks=5000 -rapid.steps=200
func TestStateMachine(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		w := newSmWorld(t, rt)
		w.bootstrap(rt)
		w.drawFaults(rt)
		rt.Repeat(w.actions())
	})
}

// smNow is where the state-machine test's clock starts.
func smNow() time.Time { return time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC) }

// The accounts and regions of the test: A in its home region is the main
// caller; B and the second region check isolation.
const (
	smAcctA   = fake.DefaultAccountId
	smAcctB   = "2222333344445555"
	smRegionA = "cn-hangzhou"
	smRegionB = "cn-beijing"
	// smKeyB signs account B's wire calls.
	smKeyB, smSecretB = "LTAI5tSmAccountBKey00000", "sm-secret-b"
)

// smUnknownIDs are IDs nobody ever created.
func smUnknownIDs() []string {
	return []string{"i-bp1unknown0000000000", "eni-bp1unknown000000000", "eci-bp1unknown000000000", "lb-bp1unknown0000000000", "vsw-bp1unknown000000000"}
}

// smWorld is one run: the fake, the model, and every ID handed out so far
// (deleted ones stay: they are the "deleted" unknown IDs). The zero value of
// the fields after quota (a fake on a fixed clock, no simulation, no faults,
// every call through the Go API) is what TestEveryStateTheFakeMakesImportsBack
// builds.
type smWorld struct {
	f     *fake.Fake
	m     *refmodel.Model
	quota int

	// tt signs wire requests (nil: every call through the Go API).
	tt *testing.T
	// clock is the fake's VirtualClock (nil: the fixed smNow).
	clock *fake.VirtualClock
	sim   refmodel.Simulation
	// faultKind names the kind of each fault rule by its Name: before,
	// after, drop, throttle, latency.
	faultKind map[string]string
	faultCode map[string]model.Code
	nonce     int
	// goOnly keeps calls on the Go API (the bootstrap).
	goOnly bool
	// twinOpts build a fork of the fake with the same configuration and no
	// fault rules: a call over the wire is made again there through the Go
	// API, and the two must answer and change the world alike.
	twinOpts []fake.Option

	vpcs      []string
	vswitches []string
	instances []string
	enis      []string
	lbs       []string
	groups    []string // vServer groups (statemachine_groups_test.go)
}

// newSmWorld draws a run's configuration: quota, seed, lifecycle durations
// and configuring window (mostly none), on a VirtualClock.
func newSmWorld(t *testing.T, rt *rapid.T) *smWorld {
	quota := rapid.IntRange(3, 6).Draw(rt, "quota")
	seed := rapid.Uint64Range(0, 1<<20).Draw(rt, "seed")
	var sim refmodel.Simulation
	steps := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}
	if smPick(rt, "lifecycle", 2, 1) == 1 {
		sim.Pending = rapid.SampledFrom(append([]time.Duration{0}, steps...)).Draw(rt, "pending")
		sim.Starting = rapid.SampledFrom(append([]time.Duration{0}, steps...)).Draw(rt, "starting")
		sim.Stopping = rapid.SampledFrom(append([]time.Duration{0}, steps...)).Draw(rt, "stopping")
		sim.ListenerStarting = rapid.SampledFrom(append([]time.Duration{0}, steps...)).Draw(rt, "listenerStarting")
		sim.ListenerStopping = rapid.SampledFrom(append([]time.Duration{0}, steps...)).Draw(rt, "listenerStopping")
	}
	if smPick(rt, "window", 2, 1) == 1 {
		sim.ConfiguringWindow = rapid.SampledFrom(steps).Draw(rt, "configuringWindow")
	}
	clock := fake.NewVirtualClock(smNow())
	opts := []fake.Option{fake.WithClock(clock), fake.WithBackendQuota(quota),
		fake.WithLifecycle(model.LifecycleDurations{Pending: sim.Pending, Starting: sim.Starting, Stopping: sim.Stopping,
			ListenerStarting: sim.ListenerStarting, ListenerStopping: sim.ListenerStopping}),
		fake.WithConfiguringWindow(sim.ConfiguringWindow), fake.WithCallLimit(4),
		fake.WithAccessKey(fake.AccessKey{Id: smKeyB, Secret: smSecretB, Account: smAcctB})}
	w := &smWorld{
		f:     fake.New(append([]fake.Option{fake.WithSeed(seed)}, opts...)...),
		m:     refmodel.New(refmodel.Config{Quota: quota, Now: smNow()}),
		quota: quota, tt: t, clock: clock, sim: sim, twinOpts: opts,
	}
	w.m.Simulate(sim)
	return w
}

// now is the fake's clock.
func (w *smWorld) now() time.Time {
	if w.clock == nil {
		return smNow()
	}
	return w.clock.Now()
}

func (w *smWorld) actions() map[string]func(*rapid.T) {
	return map[string]func(*rapid.T){
		"AddBackendServers":                     func(t *rapid.T) { w.backendCall(t, "Add") },
		"AddBackendServers2":                    func(t *rapid.T) { w.backendCall(t, "Add") },
		"AddBackendServersBatch":                w.addBatch,
		"RemoveBackendServers":                  func(t *rapid.T) { w.backendCall(t, "Remove") },
		"SetBackendServers":                     func(t *rapid.T) { w.backendCall(t, "Set") },
		"SetBackendServers2":                    func(t *rapid.T) { w.backendCall(t, "Set") },
		"CreateLoadBalancer":                    w.createLoadBalancer,
		"DeleteLoadBalancer":                    w.deleteLoadBalancer,
		"SetLoadBalancerStatus":                 w.setLoadBalancerStatus,
		"DescribeLoadBalancers":                 w.describeLoadBalancers,
		"DescribeLoadBalancerAttribute":         w.describeLoadBalancerAttribute,
		"PutVpc":                                w.putVpcAction,
		"PutVSwitch":                            w.putVSwitchAction,
		"PutInstance":                           w.putInstanceAction,
		"PutNetworkInterface":                   w.putNetworkInterfaceAction,
		"PutLoadBalancer":                       w.putLoadBalancerAction,
		"ForceInstanceStatus":                   w.forceInstanceStatus,
		"ForceLoadBalancerStatus":               w.forceLoadBalancerStatus,
		"RunInstances":                          w.runInstances,
		"CreateInstance":                        w.createInstance,
		"StartInstance":                         func(t *rapid.T) { w.lifecycle(t, "Start") },
		"StopInstance":                          func(t *rapid.T) { w.lifecycle(t, "Stop") },
		"DeleteInstance":                        func(t *rapid.T) { w.lifecycle(t, "Delete") },
		"CreateVpc":                             w.createVpc,
		"CreateVSwitch":                         w.createVSwitch,
		"CreateNetworkInterface":                w.createNetworkInterface,
		"AttachNetworkInterface":                func(t *rapid.T) { w.eniCall(t, "Attach") },
		"DetachNetworkInterface":                func(t *rapid.T) { w.eniCall(t, "Detach") },
		"DeleteNetworkInterface":                w.deleteNetworkInterface,
		"AdvanceClock":                          w.advance,
		"TagResources":                          w.tagResources,
		"UntagResources":                        w.untagResources,
		"ListTagResources":                      w.listTagResources,
		"SetLoadBalancerDeleteProtection":       w.setDeleteProtection,
		"SetLoadBalancerModificationProtection": w.setModificationProtection,
		"ModifyLoadBalancerInstanceChargeType":  w.modifyChargeType,
		"SetLoadBalancerName":                   w.setLoadBalancerName,
		"DescribeLoadBalancersByTags":           w.describeByTags,
		"CreateListener":                        w.createListener,
		"StartLoadBalancerListener":             func(t *rapid.T) { w.listenerCall(t, "Start") },
		"StopLoadBalancerListener":              func(t *rapid.T) { w.listenerCall(t, "Stop") },
		"DeleteLoadBalancerListener":            func(t *rapid.T) { w.listenerCall(t, "Delete") },
		"DescribeLoadBalancerListeners":         w.describeListeners,
		"DescribeHealthStatus":                  w.describeHealthStatus,
		"ListenerHealth":                        w.listenerHealth,
		"":                                      w.check,

		// vServer groups (statemachine_groups_test.go).
		"CreateVServerGroup":                 w.createVServerGroup,
		"AddVServerGroupBackendServers":      func(t *rapid.T) { w.groupMembersCall(t, "Add") },
		"RemoveVServerGroupBackendServers":   func(t *rapid.T) { w.groupMembersCall(t, "Remove") },
		"ModifyVServerGroupBackendServers":   w.modifyVServerGroup,
		"SetVServerGroupAttribute":           w.setVServerGroupAttribute,
		"DescribeVServerGroups":              w.describeVServerGroups,
		"DescribeVServerGroupAttribute":      w.describeVServerGroupAttribute,
		"DeleteVServerGroup":                 w.deleteVServerGroup,
		"AddVServerGroupBackendServersBatch": w.addGroupBatch,

		// Their links (statemachine_links_test.go).
		"SetListenerAttribute":    w.setListener,
		"DeleteVServerGroupInUse": w.deleteGroupInUse,
		"GroupListenerHealth":     w.groupListenerHealth,
		"SwitchListenerGroup":     w.switchListenerGroup,
		"TagListenersOfLB":        w.tagListenersOfLB,
	}
}

// smFaultActions are the actions fault rules target: the calls the test
// makes (the frequent ones more than once, so that rules meet calls), not
// DescribeInstanceStatus (check reads the statuses with it).
var smFaultActions = []string{
	"AddBackendServers", "AddBackendServers", "AddBackendServers", "RemoveBackendServers", "SetBackendServers",
	"SetBackendServers", "CreateLoadBalancer", "CreateLoadBalancer", "DeleteLoadBalancer", "SetLoadBalancerStatus",
	"DescribeLoadBalancers", "DescribeLoadBalancerAttribute", "RunInstances", "RunInstances", "CreateInstance",
	"StartInstance", "StopInstance", "DeleteInstance", "CreateVpc", "CreateVSwitch", "CreateNetworkInterface",
	"CreateNetworkInterface", "AttachNetworkInterface", "DetachNetworkInterface", "DeleteNetworkInterface",
	"CreateVServerGroup", "AddVServerGroupBackendServers", "AddVServerGroupBackendServers", "RemoveVServerGroupBackendServers",
	"ModifyVServerGroupBackendServers", "SetVServerGroupAttribute", "DescribeVServerGroups", "DeleteVServerGroup",
}

// drawFaults draws, now and then, a fault plan with slbrapid's generator,
// and names each rule after its kind so that the comparison knows what a
// rule that acted on a call did.
func (w *smWorld) drawFaults(t *rapid.T) {
	w.faultKind, w.faultCode = map[string]string{}, map[string]model.Code{}
	if smPick(t, "faulty", 1, 1) == 0 {
		return
	}
	var ids []string // narrowing rules to resources, now and then
	if smPick(t, "faultResources", 3, 1) == 1 {
		ids = append(slices.Clone(w.lbs), w.instances...)
	}
	plan := slbrapid.Faults(smFaultActions, slbrapid.FaultConfig{MaxRules: 4, ResourceIds: ids}).Draw(t, "faults")
	for i := range plan {
		r := &plan[i]
		kind := "before"
		switch {
		case r.Throttle != nil:
			kind = "throttle"
		case r.AfterCommit && r.DropConnection:
			kind = "drop"
		case r.AfterCommit:
			kind = "after"
		case r.ErrorCode == "":
			kind = "latency"
		}
		r.Name = fmt.Sprintf("%s-%d", kind, i+1)
		w.faultKind[r.Name] = kind
		w.faultCode[r.Name] = r.ErrorCode
		if kind == "throttle" {
			w.faultCode[r.Name] = model.CodeThrottlingUser
		}
	}
	t.Logf("fault plan: %s", plan.GoString())
	require.NoError(t, w.f.SetFaults(plan...))
}

// advance moves the clock by a drawn step: transitional statuses end,
// configuring windows close, throttles refill.
func (w *smWorld) advance(t *rapid.T) {
	if w.clock == nil {
		t.Skip("fixed clock")
	}
	d := time.Duration(rapid.IntRange(1, 30).Draw(t, "advance")) * 100 * time.Millisecond
	t.Logf("AdvanceClock %s", d)
	w.clock.Advance(d)
	w.m.SetNow(w.clock.Now())
}

// ---------------------------------------------------------------------------
// Drawing helpers.

// smPick draws an index with the given weights. Shrinking goes towards index
// 0, so the ordinary choice comes first.
func smPick(t *rapid.T, label string, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := rapid.IntRange(0, total-1).Draw(t, label)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

func smFrom(t *rapid.T, label string, pool []string) string {
	if len(pool) == 0 {
		return rapid.SampledFrom(smUnknownIDs()).Draw(t, label)
	}
	return rapid.SampledFrom(pool).Draw(t, label)
}

// drawRegion draws the region a call names: mostly a real one.
func drawRegion(t *rapid.T, home string) string {
	switch smPick(t, "region", 85, 9, 3, 3) {
	case 0:
		return home
	case 1:
		if home == smRegionA {
			return smRegionB
		}
		return smRegionA
	case 2:
		return "cn-nowhere"
	default:
		return ""
	}
}

func drawAccount(t *rapid.T, home string) string {
	if smPick(t, "account", 88, 12) == 0 {
		return home
	}
	if home == smAcctA {
		return smAcctB
	}
	return smAcctA
}

// drawLB draws an LoadBalancerId and the caller: mostly a live LB and its
// owner, sometimes a deleted or unknown LB, another account or region.
func (w *smWorld) drawLB(t *rapid.T, liveWeight int, withBackends bool) (lbId, account, region string) {
	switch smPick(t, "lbKind", liveWeight, 8, 4, 3) {
	case 0:
		live := w.liveLBs()
		if withBackends {
			var busy []string
			for _, id := range live {
				if lb, _ := w.m.LoadBalancerOf(id); len(lb.Backends) > 0 {
					busy = append(busy, id)
				}
			}
			if len(busy) > 0 && smPick(t, "busyLB", 1, 3) == 1 {
				live = busy
			}
		}
		lbId = smFrom(t, "lbId", live)
	case 1:
		lbId = smFrom(t, "anyLbId", w.lbs) // deleted ones too
	case 2:
		lbId = "lb-bp1unknown0000000000"
	default:
		lbId = ""
	}
	homeA, homeR := smAcctA, smRegionA
	if lb, ok := w.m.LoadBalancerOf(lbId); ok {
		homeA, homeR = lb.AccountId, lb.RegionId
	}
	return lbId, drawAccount(t, homeA), drawRegion(t, homeR)
}

func (w *smWorld) liveLBs() []string {
	var live []string
	for _, id := range w.lbs {
		if _, ok := w.m.LoadBalancerOf(id); ok {
			live = append(live, id)
		}
	}
	return live
}

func (w *smWorld) drawOwner(t *rapid.T) (account, region string) {
	account, region = smAcctA, smRegionA
	switch smPick(t, "owner", 70, 15, 15) {
	case 1:
		account = smAcctB
	case 2:
		region = smRegionB
	}
	return account, region
}

// ---------------------------------------------------------------------------
// BackendServers strings.

// smElem is one BackendServers element before rendering; nil pointers are
// absent keys, and weight is a raw token ("" = absent).
type smElem struct {
	id, typ, ip, desc *string
	weight            string
	port              bool
}

func sp(s string) *string { return &s }

// drawElem draws one element for an operation on lb. A clean element names
// a server the LB could take (or, for Remove and Set, one it has) with
// well-formed fields; otherwise anything goes.
func (w *smWorld) drawElem(t *rapid.T, op string, lb refmodel.LoadBalancer, prev []smElem, clean bool) smElem {
	var e smElem
	isENI := false
	kinds := []int{40, 22, 6, 3, 3, 2, 2, 20, 0, 0}
	if clean {
		kinds = []int{0, 0, 0, 0, 0, 0, 0, 3, 30, 15}
	}
	if op != "Add" {
		kinds[7] = 45 // Remove and Set mostly name attached servers
	}
	// fit: servers of the LB's owner; good: those the LB would take.
	var fit, good, fitENI []string
	for _, id := range w.instances {
		if i, ok := w.m.InstanceOf(id); ok && i.AccountId == lb.AccountId && i.RegionId == lb.RegionId {
			fit = append(fit, id)
			attached := slices.ContainsFunc(lb.Backends, func(b refmodel.Backend) bool { return b.ServerId == id })
			if !attached && i.Status == model.StatusRunning && (lb.AddressType == model.AddressInternet ||
				(lb.NetworkType == model.NetworkVPC) == (i.NetworkType == model.NetworkVPC) && i.VpcId == lb.VpcId) {
				good = append(good, id)
			}
		}
	}
	if len(good) > 0 && clean && smPick(t, "goodOnly", 1, 2) == 1 {
		fit = good
	}
	for _, id := range w.enis {
		if n, ok := w.m.ENIOf(id); ok && n.AccountId == lb.AccountId && n.RegionId == lb.RegionId {
			fitENI = append(fitENI, id)
		}
	}
	switch smPick(t, "idKind", kinds...) {
	case 0:
		e.id = sp(smFrom(t, "instance", w.instances))
	case 1:
		e.id = sp(smFrom(t, "eni", w.enis))
		isENI = true
	case 2:
		e.id = sp(rapid.SampledFrom(smUnknownIDs()).Draw(t, "unknownId"))
	case 3:
		e.id = sp("")
	case 4:
		e.id = nil
	case 5:
		e.id = sp(" " + smFrom(t, "instance", w.instances))
	case 6:
		e.id = sp(smFrom(t, "lbAsServer", w.lbs))
	case 8:
		e.id = sp(smFrom(t, "fitInstance", fit))
	case 9:
		e.id = sp(smFrom(t, "fitENI", fitENI))
		isENI = len(fitENI) > 0
	default:
		switch {
		case len(prev) > 0 && smPick(t, "repeat", 2, 1) == 1:
			p := prev[rapid.IntRange(0, len(prev)-1).Draw(t, "dupOf")]
			e.id, e.typ, e.ip = p.id, p.typ, p.ip
			isENI = p.typ != nil && *p.typ == "eni"
		case len(lb.Backends) > 0:
			b := lb.Backends[rapid.IntRange(0, len(lb.Backends)-1).Draw(t, "attached")]
			e.id = sp(b.ServerId)
			isENI = b.Type == model.ServerENI
			if isENI && smPick(t, "attachedIp", 1, 1) == 0 {
				e.ip = sp(b.ServerIp)
			}
		default:
			e.id = sp(smFrom(t, "fitInstance", fit))
		}
	}
	if e.typ == nil {
		if isENI {
			switch smPick(t, "eniType", 85, 5, 5, 5) {
			case 0:
				e.typ = sp("eni")
			case 1:
				e.typ = nil
			case 2:
				e.typ = sp("ecs")
			default:
				e.typ = sp("eci")
			}
			if clean {
				e.typ = sp("eni")
			}
		} else {
			switch smPick(t, "type", 70, 14, 4, 4, 4, 2, 2) {
			case 1:
				e.typ = sp("ecs")
			case 2:
				e.typ = sp("eni")
			case 3:
				e.typ = sp("eci")
			case 4:
				e.typ = sp("")
			case 5:
				e.typ = sp("ECS")
			case 6:
				e.typ = sp("bogus")
			}
			if clean && e.typ != nil && *e.typ != "ecs" && *e.typ != "" {
				e.typ = nil
			}
		}
	}
	weights := []int{45, 25, 17, 3, 3, 2, 2, 1, 1, 1}
	if clean {
		weights = []int{45, 25, 17, 0, 0, 0, 0, 0, 1, 0}
	}
	switch smPick(t, "weight", weights...) {
	case 1:
		e.weight = strconv.Itoa(rapid.IntRange(0, 100).Draw(t, "w"))
	case 2:
		e.weight = "Q" + strconv.Itoa(rapid.IntRange(0, 100).Draw(t, "w")) + "Q" // quoted
	case 3:
		e.weight = strconv.Itoa(rapid.IntRange(101, 1000).Draw(t, "wHigh"))
	case 4:
		e.weight = "-1"
	case 5:
		e.weight = "QabcQ"
	case 6:
		e.weight = "1.5"
	case 7:
		e.weight = "QQ"
	case 8:
		e.weight = "null"
	case 9:
		e.weight = "true"
	}
	if e.ip == nil && e.id != nil {
		if n, ok := w.m.ENIOf(strings.TrimSpace(*e.id)); ok && isENI {
			ips := []int{50, 25, 15, 5, 5}
			if clean {
				ips = []int{50, 25, 15, 0, 0}
			}
			switch smPick(t, "ip", ips...) {
			case 1:
				e.ip = sp(n.Ips[0])
			case 2:
				e.ip = sp(n.Ips[len(n.Ips)-1])
			case 3:
				e.ip = sp("192.168.254.254")
			case 4:
				e.ip = sp("not-an-ip")
			}
		} else if !clean && smPick(t, "ecsIp", 95, 5) == 1 {
			e.ip = sp("10.1.2.3")
		}
	}
	descs := []int{80, 12, 4, 4}
	if clean {
		descs = []int{80, 12, 0, 0}
	}
	switch smPick(t, "desc", descs...) {
	case 1:
		e.desc = sp(rapid.SampledFrom([]string{"web-1", "a/b.c_d", "后端", "x"}).Draw(t, "descOK"))
	case 2:
		e.desc = sp("bad desc!")
	case 3:
		e.desc = sp(strings.Repeat("d", 81))
	}
	e.port = smPick(t, "port", 9, 1) == 1
	return e
}

// render writes elements as the wire string, each with the quote q.
func renderElems(elems []smElem, quotes []byte) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, e := range elems {
		q := string(quotes[i])
		if i > 0 {
			b.WriteString(", ")
		}
		var fields []string
		str := func(k string, v *string) {
			if v != nil {
				fields = append(fields, q+k+q+":"+q+*v+q)
			}
		}
		str("ServerId", e.id)
		if e.weight != "" {
			fields = append(fields, q+"Weight"+q+":"+strings.ReplaceAll(e.weight, "Q", q))
		}
		str("Type", e.typ)
		str("ServerIp", e.ip)
		str("Description", e.desc)
		if e.port {
			fields = append(fields, q+"Port"+q+":80")
		}
		b.WriteString("{" + strings.Join(fields, ",") + "}")
	}
	b.WriteByte(']')
	return b.String()
}

// smEdgeBackendServers are values at the edges of the BackendServers rules
// (the README's fidelity table): the 64 KiB limit, the 21st element and
// what follows it, empty and null fields, numbers and strings for Weight,
// escapes, unknown and repeated keys.
func smEdgeBackendServers(id string) []string {
	el := func(fields string) string { return `{"ServerId":"` + id + `"` + fields + `}` }
	twenty := strings.Repeat(el("")+",", 20)
	return []string{
		"[" + el("") + "]" + strings.Repeat(" ", 64<<10),                   // blank padding past 64 KiB
		"[" + el(`,"Description":"`+strings.Repeat("d", 64<<10)+`"`) + "]", // over 64 KiB
		"[" + twenty + el("") + "]",                                        // 21 elements
		"[" + twenty + el("") + ", garbage",                                // the 21st read, then garbage
		"[" + twenty + `{"ServerId":`,                                      // broken inside the 21st
		"[" + twenty + el(`,"Weight":500`) + "]",                           // a bad 21st element
		"[" + strings.TrimSuffix(twenty, ",") + "] x",                      // 20, then garbage
		"[" + el(`,"Type":""`) + "]", "[" + el(`,"Description":""`) + "]", "[" + el(`,"ServerIp":""`) + "]",
		"[" + el(`,"Type":null,"Weight":null,"ServerIp":null,"Description":null`) + "]",
		"[" + el(`,"Weight":"0"`) + "]", "[" + el(`,"Weight":"+7"`) + "]", "[" + el(`,"Weight":-0`) + "]",
		"[" + el(`,"Weight":1e2`) + "]", "[" + el(`,"Weight":" 5"`) + "]", "[" + el(`,"Weight":""`) + "]",
		"[" + el(`,"Weight":[50]`) + "]", "[" + el(`,"ServerIp":"010.1.2.3"`) + "]",
		"[" + el(`,"Description":"`+strings.Repeat("名", 80)+`"`) + "]", "[" + el(`,"Description":"`+strings.Repeat("d", 81)+`"`) + "]",
		"[" + el(`,"Weight":101,"Description":"`+strings.Repeat("d", 81)+`"`) + "]",
		"[" + el(`,"Extra":{"a":[1,{"b":null}]},"port":80`) + "]", "[" + el(`,"ServerId":"i-bp1unknown0000000000"`) + "]",
		`[{"ServerId":"` + id + `","serverid":"x","Weight":"5","Weight":6}]`, `[{'ServerId':'` + id + `','Description':'a\'b'}]`,
		`[{"ServerId":"` + id + `","Description":"a\u002fb"}]`, `[{"ServerId":"` + id + `","Description":"a\qb"}]`,
		"[{\"ServerId\":\"" + id + "\",\"Description\":\"a\tb\"}]", "[{\"ServerId\":\"" + id + "\xff\"}]",
		`[{"ServerId":"` + id + `"}]]`, `[{"ServerId":"` + id + `"` + "\n}\n]\n",
	}
}

func (w *smWorld) drawBackendServers(t *rapid.T, op string, lbId string) string {
	lb, _ := w.m.LoadBalancerOf(lbId)
	switch smPick(t, "bsShape", 78, 5, 5, 4, 4, 4) {
	case 1: // absent or empty: a successful no-op
		return rapid.SampledFrom([]string{"", "[]", "  ", " [ ] "}).Draw(t, "empty")
	case 2:
		return rapid.SampledFrom([]string{
			"not json", "[{", `{"ServerId":"i-x"}`, "[1,2]", "[null]", "[{}]", `[{"ServerId":5}]`,
			`[{"ServerId":"i-x",}]`, `[{"ServerId":"i-x"}] trailing`, `[{'ServerId':"i-x'}]`, `[[]]`,
		}).Draw(t, "malformed")
	case 3: // the toolkit's malformed values
		return slbrapid.MalformedBackendServers().Draw(t, "malformedGen")
	case 4: // the toolkit's valid values, over servers of the LB's owner
		ids := w.ownersServers(lb)
		return slbrapid.BackendServers(ids).Draw(t, "validGen")
	case 5:
		id := smFrom(t, "edgeId", w.instances)
		if len(lb.Backends) > 0 && smPick(t, "edgeAttached", 1, 1) == 1 {
			id = lb.Backends[0].ServerId
		}
		return rapid.SampledFrom(smEdgeBackendServers(id)).Draw(t, "edge")
	}
	clean := smPick(t, "clean", 2, 1) == 0
	n := smDrawCount(t, 20)
	elems := make([]smElem, 0, n)
	for range n {
		elems = append(elems, w.drawElem(t, op, lb, elems, clean))
	}
	quotes := smDrawQuotes(t, n)
	return renderElems(elems, quotes)
}

// ownersServers are the instances and ENIs the test made that belong to lb's
// account and region.
func (w *smWorld) ownersServers(lb refmodel.LoadBalancer) []string {
	var ids []string
	for _, id := range append(slices.Clone(w.instances), w.enis...) {
		if i, ok := w.m.InstanceOf(id); ok && i.AccountId == lb.AccountId && i.RegionId == lb.RegionId {
			ids = append(ids, id)
		} else if n, ok := w.m.ENIOf(id); ok && n.AccountId == lb.AccountId && n.RegionId == lb.RegionId {
			ids = append(ids, id)
		}
	}
	return ids
}

// smDrawCount draws how many elements a BackendServers value has, for a call
// that takes at most limit: mostly a few, sometimes up to the limit, or past it.
func smDrawCount(t *rapid.T, limit int) int {
	switch smPick(t, "count", 80, 12, 4, 4) {
	case 0:
		return rapid.IntRange(1, 4).Draw(t, "n")
	case 1:
		return rapid.IntRange(4, 8).Draw(t, "n")
	case 2:
		return rapid.IntRange(limit-1, limit).Draw(t, "n")
	}
	return rapid.IntRange(limit+1, limit+3).Draw(t, "n")
}

// smDrawQuotes draws the quote of each of n elements: all double, all
// single, or mixed.
func smDrawQuotes(t *rapid.T, n int) []byte {
	quotes := make([]byte, n)
	switch smPick(t, "quoting", 2, 2, 1) {
	case 0:
		for i := range quotes {
			quotes[i] = '"'
		}
	case 1:
		for i := range quotes {
			quotes[i] = '\''
		}
	default:
		for i := range quotes {
			quotes[i] = rapid.SampledFrom([]byte{'"', '\''}).Draw(t, "q")
		}
	}
	return quotes
}

// ---------------------------------------------------------------------------
// Comparing the fake with the model.

const smRequestIdRE = `^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`

type smErr struct {
	HTTPStatus     int
	Code           model.Code
	Message, Entry string
}

// smTransport is how a call reaches the fake.
type smTransport string

const (
	smGo smTransport = "Go API"
	smV1 smTransport = "wire V1"
	smV3 smTransport = "wire V3"
)

// drawTransport draws the path of one call: mostly the Go API; a share
// through the signed wire Handler (V1 signs as account A only, with the
// helper of wire_test.go; V3 as either account).
func (w *smWorld) drawTransport(t *rapid.T, account string) smTransport {
	if w.tt == nil || w.goOnly {
		return smGo
	}
	switch smPick(t, "transport", 8, 1, 1) {
	case 1:
		if account == smAcctA {
			return smV1
		}
		return smV3
	case 2:
		return smV3
	}
	return smGo
}

// smTwinned are the actions whose wire calls are made again on a twin
// through the Go API: those that draw no ID (the twin has a seed of its
// own) but a RequestId.
var smTwinned = map[string]bool{
	"AddBackendServers": true, "RemoveBackendServers": true, "SetBackendServers": true, "DeleteLoadBalancer": true,
	"SetLoadBalancerStatus": true, "DescribeLoadBalancers": true, "DescribeLoadBalancerAttribute": true,
	"StartInstance": true, "StopInstance": true, "DeleteInstance": true, "AttachNetworkInterface": true,
	"DetachNetworkInterface": true, "DeleteNetworkInterface": true,
	"AddVServerGroupBackendServers": true, "RemoveVServerGroupBackendServers": true, "ModifyVServerGroupBackendServers": true,
	"SetVServerGroupAttribute": true, "DescribeVServerGroups": true, "DescribeVServerGroupAttribute": true, "DeleteVServerGroup": true,
}

// smVersions maps each action to its product's Version.
var smVersions = func() map[string]string {
	out := map[string]string{}
	for _, a := range fake.Actions() {
		out[a.Name] = a.Version
	}
	return out
}()

// smParams encodes a request as RPC parameters, by field name (embedded
// structs flattened): strings as they are, ints and bools formatted, lists
// as Name.1, Name.2...; zero values left out (the gateway reads an absent
// parameter as the zero value).
func smParams(req any) map[string]string {
	out := map[string]string{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		t := v.Type()
		for i := range t.NumField() {
			f, fv := t.Field(i), v.Field(i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				walk(fv)
				continue
			}
			switch fv.Kind() {
			case reflect.String:
				if fv.String() != "" {
					out[f.Name] = fv.String()
				}
			case reflect.Int, reflect.Int64:
				if fv.Int() != 0 {
					out[f.Name] = strconv.FormatInt(fv.Int(), 10)
				}
			case reflect.Bool:
				if fv.Bool() {
					out[f.Name] = "true"
				}
			case reflect.Slice:
				for j := range fv.Len() {
					if el := fv.Index(j); el.Kind() == reflect.Struct {
						smStructParams(out, fmt.Sprintf("%s.%d", f.Name, j+1), el)
						continue
					}
					out[fmt.Sprintf("%s.%d", f.Name, j+1)] = fv.Index(j).String()
				}
			}
		}
	}
	walk(reflect.ValueOf(req).Elem())
	return out
}

// wireCall sends one signed request to the fake's Handler and decodes the
// answer into resp (a success) or an error (a *model.Error without catalogue
// entry; fake.ErrConnectionDropped when the handler dropped the
// connection).
func wireCall[R any](t *rapid.T, w *smWorld, tr smTransport, action, account string, req any) (*R, error) {
	params := smParams(req)
	for k, v := range params {
		if len(v) > 8<<10 { // the wire is not where huge values are compared
			t.Skipf("parameter %s of %d bytes", k, len(v))
		}
	}
	w.nonce++
	nonce := fmt.Sprintf("sm-%d", w.nonce)
	var hreq *http.Request
	switch tr {
	case smV1:
		params["Action"], params["Version"] = action, smVersions[action]
		method := rapid.SampledFrom([]string{http.MethodGet, http.MethodPost}).Draw(t, "method")
		hreq = signedRequest(w.tt, method, params, fake.DefaultAccessKeySecret, w.now(), nonce)
	default:
		c := v3Call{action: action, version: smVersions[action], query: params, now: w.now(), nonce: nonce}
		if account == smAcctB {
			c.keyId, c.secret = smKeyB, smSecretB
		}
		hreq = c.request(w.tt)
	}
	rec := httptest.NewRecorder()
	dropped := false
	func() {
		defer func() {
			if p := recover(); p != nil {
				if p != http.ErrAbortHandler {
					panic(p)
				}
				dropped = true
			}
		}()
		w.f.Handler().ServeHTTP(rec, hreq)
	}()
	if dropped {
		return nil, fake.ErrConnectionDropped
	}
	require.Equal(t, "application/json;charset=utf-8", rec.Header().Get("Content-Type"), rec.Body.String())
	if rec.Code == http.StatusOK {
		var resp R
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp), rec.Body.String())
		return &resp, nil
	}
	var e struct{ RequestId, HostId, Code, Message, Recommend string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e), rec.Body.String())
	me := model.NewError(rec.Code, model.Code(e.Code), e.Message)
	me.RequestId = e.RequestId
	return nil, me
}

// smSame asserts that the fake's answer (got, gotErr) is the model's (want,
// wantErr), RequestId aside (it must be well formed). Over the wire the
// catalogue entry is not seen: status, code and message are compared.
func smSame[R any](t *rapid.T, what string, tr smTransport, got *R, gotErr error, want *R, wantErr *model.Error) {
	t.Helper()
	if wantErr != nil {
		require.Error(t, gotErr, "%s: the model fails with %s %q, the fake succeeds with %+v", what, wantErr.Code, wantErr.Message, got)
		var e *model.Error
		require.ErrorAs(t, gotErr, &e, "%s", what)
		wantE, gotE := smErr{wantErr.HTTPStatus, wantErr.Code, wantErr.Message, wantErr.Entry()}, smErr{e.HTTPStatus, e.Code, e.Message, e.Entry()}
		if tr != smGo {
			wantE.Entry, gotE.Entry = "", ""
		}
		require.Equal(t, wantE, gotE, "%s: error", what)
		require.Regexp(t, smRequestIdRE, e.RequestId)
		return
	}
	require.NoError(t, gotErr, "%s: the model succeeds with %+v", what, want)
	require.Equal(t, want, smCleared(t, got), "%s: response", what)
}

// smCleared returns a copy of a response with RequestId checked and
// cleared.
func smCleared[R any](t *rapid.T, got *R) *R {
	c := *got
	rid := reflect.ValueOf(&c).Elem().FieldByName("RequestId")
	require.Regexp(t, smRequestIdRE, rid.String())
	rid.SetString("")
	return &c
}

// smCall runs one API call on the fake, through a drawn transport, then on
// the model, and compares them. ref gets the fake's response (on success,
// and on a failure after commit, from the call record) for the IDs and
// addresses the fake chose, and must check them itself.
//
// What the model runs depends on the fault rule that acted on the call (the
// call record names it): none, or one that only delayed it, and the model
// answers the call; one that answered before the change (an error, or a
// throttle), and the model does not run, the fake must answer the rule's
// error and change nothing; one that failed the call after the change (an
// error, or a dropped connection), and the model runs the call, must
// succeed, and its answer is compared with the response the fake recorded.
// In every case the record's Applied must say whether the model's world
// changed. It returns the fake's response when the change took effect.
func smCall[R any](t *rapid.T, w *smWorld, action, account string, req any,
	goCall func(c *fake.Client) (*R, error), ref func(fakeResp *R) (*R, *model.Error)) (*R, bool) {
	t.Helper()
	tr := w.drawTransport(t, account)
	what := fmt.Sprintf("%s as %s via %s %+v", action, account, tr, reflect.ValueOf(req).Elem().Interface())
	t.Log(what)
	before := w.f.State()
	var twin *fake.Fake
	if tr != smGo && smTwinned[action] {
		twin = w.f.Fork(w.twinOpts...)
	}
	var got *R
	var err error
	if tr == smGo {
		got, err = goCall(w.f.ClientForAccount(account))
	} else {
		got, err = wireCall[R](t, w, tr, action, account, req)
	}
	calls := w.f.Calls()
	require.NotEmpty(t, calls)
	rec := calls[len(calls)-1]
	require.Equal(t, action, rec.Action, "%s: the last recorded call", what)
	require.Equal(t, account, rec.Account, "%s: the recorded account", what)
	// The call ran at the fake's time after any latency.
	w.m.SetNow(w.now())
	modelBefore := w.m.Snapshot()
	changed := func() bool { return !reflect.DeepEqual(modelBefore, w.m.Snapshot()) }
	// Which way did the rule named in the record act? A rule records its
	// name when it delays a call, too, so a throttle that had tokens left
	// and an after-commit rule on a call that failed on its own (nothing
	// recorded as its response) let the call run as usual.
	kind := w.faultKind[rec.Fault]
	var code model.Code
	if e := (*model.Error)(nil); errors.As(err, &e) {
		code = e.Code
	}
	switch {
	case kind == "before", kind == "throttle" && code == model.CodeThrottlingUser:
		kind = "before"
	case (kind == "after" || kind == "drop") && rec.Response != nil:
	default:
		kind = ""
	}
	switch kind {
	case "before":
		t.Logf("  answered by fault rule %s before the change", rec.Fault)
		var e *model.Error
		require.ErrorAs(t, err, &e, "%s", what)
		require.Equal(t, w.faultCode[rec.Fault], e.Code, "%s: the fault's error", what)
		require.False(t, rec.Applied, "%s: a fault before the change, yet applied", what)
		require.Equal(t, before, w.f.State(), "%s: a fault before the change, yet the state changed", what)
		return nil, false
	case "after", "drop":
		t.Logf("  failed by fault rule %s after the change", rec.Fault)
		if kind == "drop" {
			require.ErrorIs(t, err, fake.ErrConnectionDropped, "%s", what)
		} else {
			var e *model.Error
			require.ErrorAs(t, err, &e, "%s", what)
			require.Equal(t, w.faultCode[rec.Fault], e.Code, "%s: the fault's error", what)
		}
		fakeResp, ok := rec.Response.(*R)
		require.True(t, ok, "%s: recorded response %T", what, rec.Response)
		want, wantErr := ref(fakeResp)
		require.Nil(t, wantErr, "%s: the fake applied the call before failing it, the model refuses it", what)
		require.Equal(t, want, smCleared(t, fakeResp), "%s: recorded response", what)
		require.Equal(t, changed(), rec.Applied, "%s: the record's Applied against the model's world", what)
		return fakeResp, true
	}
	if twin != nil {
		// The same call through the Go API on a twin of the world before
		// it: the same answer (RequestId aside) and the same world after.
		twinGot, twinErr := goCall(twin.ClientForAccount(account))
		if twinErr != nil {
			var e *model.Error
			require.ErrorAs(t, twinErr, &e, "%s: the Go API's error", what)
			smSame(t, what+" (the wire against the Go API)", tr, got, err, (*R)(nil), e)
		} else {
			smSame(t, what+" (the wire against the Go API)", tr, got, err, smCleared(t, twinGot), nil)
		}
		require.Equal(t, twin.State(), w.f.State(), "%s: the wire and the Go API leave different worlds", what)
	}
	want, wantErr := ref(got)
	smSame(t, what, tr, got, err, want, wantErr)
	if err != nil {
		require.False(t, rec.Applied, "%s failed but is recorded as applied", what)
		require.Equal(t, before, w.f.State(), "%s failed but changed the state", what)
		return nil, false
	}
	require.Equal(t, changed(), rec.Applied, "%s: the record's Applied against the model's world", what)
	return got, true
}

// read runs one read-only call; it must not change the state.
func read[R any](t *rapid.T, w *smWorld, action, account string, req any,
	goCall func(c *fake.Client) (*R, error), ref func() (*R, *model.Error)) {
	t.Helper()
	before := w.f.State()
	smCall(t, w, action, account, req, goCall, func(*R) (*R, *model.Error) { return ref() })
	require.Equal(t, before, w.f.State(), "%s is a read but changed the state", action)
}

// checkNew checks what the fake chose for resources a call just created:
// ID shapes, and the lowest free addresses (the model now holds them).
func (w *smWorld) checkNew(t *rapid.T, prefix, region string, ids ...string) {
	for _, id := range ids {
		require.NoError(t, refmodel.CheckID(prefix, region, id))
	}
	require.NoError(t, w.m.CheckLowestFree(ids...))
}

// drawToken draws a ClientToken: mostly none; else one of two tokens every
// create call of the run shares (so that retries replay, and other
// parameters under a used token are a mismatch), or an invalid one.
func drawToken(t *rapid.T) string {
	return []string{"", "sm-token-1", "sm-token-2", strings.Repeat("t", 65), "tök"}[smPick(t, "clientToken", 12, 2, 2, 1, 1)]
}

func drawDryRun(t *rapid.T) bool { return smPick(t, "dryRun", 10, 1) == 1 }

// fresh returns the IDs of ids not in known: what a call created, as opposed
// to what a ClientToken replay answered again.
func fresh(known, ids []string) []string {
	return slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return slices.Contains(known, id) })
}

// checkIDs checks the shapes of new IDs only (the call named its address).
func checkIDs(t *rapid.T, prefix, region string, ids ...string) {
	for _, id := range ids {
		require.NoError(t, refmodel.CheckID(prefix, region, id))
	}
}

// ---------------------------------------------------------------------------
// SLB actions.

func (w *smWorld) backendCall(t *rapid.T, op string) {
	lbId, account, region := w.drawLB(t, 85, op != "Add")
	req := &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: lbId, BackendServers: w.drawBackendServers(t, op, lbId)}
	switch op {
	case "Add":
		smCall(t, w, "AddBackendServers", account, req,
			func(c *fake.Client) (*model.BackendServersResponse, error) {
				return c.AddBackendServers(context.Background(), req)
			},
			func(*model.BackendServersResponse) (*model.BackendServersResponse, *model.Error) {
				return w.m.Sim().AddBackendServers(account, req)
			})
	case "Remove":
		smCall(t, w, "RemoveBackendServers", account, req,
			func(c *fake.Client) (*model.BackendServersResponse, error) {
				return c.RemoveBackendServers(context.Background(), req)
			},
			func(*model.BackendServersResponse) (*model.BackendServersResponse, *model.Error) {
				return w.m.Sim().RemoveBackendServers(account, req)
			})
	default:
		smCall(t, w, "SetBackendServers", account, req,
			func(c *fake.Client) (*model.BackendServersResponse, error) {
				return c.SetBackendServers(context.Background(), req)
			},
			func(*model.BackendServersResponse) (*model.BackendServersResponse, *model.Error) {
				return w.m.Sim().SetBackendServers(account, req)
			})
	}
}

// addBatch adds a batch of distinct servers the LB would take, enough to
// reach (or pass) its quota.
func (w *smWorld) addBatch(t *rapid.T) {
	live := w.liveLBs()
	if len(live) == 0 {
		t.Skip("no LB")
	}
	lb, _ := w.m.LoadBalancerOf(rapid.SampledFrom(live).Draw(t, "batchLB"))
	var good []string
	for _, id := range w.instances {
		i, ok := w.m.InstanceOf(id)
		if !ok || i.AccountId != lb.AccountId || i.RegionId != lb.RegionId || i.Status != model.StatusRunning ||
			slices.ContainsFunc(lb.Backends, func(b refmodel.Backend) bool { return b.ServerId == id }) {
			continue
		}
		good = append(good, id)
	}
	// Keep to one network domain the LB accepts.
	domainOf := func(id string) string { i, _ := w.m.InstanceOf(id); return i.VpcId }
	var domain string
	switch {
	case lb.NetworkType == model.NetworkVPC:
		domain = lb.VpcId
	case lb.AddressType == model.AddressIntranet:
		domain = ""
	case len(lb.Backends) > 0:
		domain = lb.Backends[0].VpcId
	case len(good) > 0:
		domain = domainOf(rapid.SampledFrom(good).Draw(t, "batchDomain"))
	}
	good = slices.DeleteFunc(good, func(id string) bool { return domainOf(id) != domain })
	if len(good) == 0 {
		t.Skip("nothing to add")
	}
	ids := rapid.SliceOfNDistinct(rapid.SampledFrom(good), 1, len(good), rapid.ID[string]).Draw(t, "batch")
	elems := make([]string, len(ids))
	for i, id := range ids {
		elems[i] = `{"ServerId":"` + id + `","Weight":` + strconv.Itoa(i) + `}`
	}
	req := &model.AddBackendServersRequest{RegionId: lb.RegionId, LoadBalancerId: lb.LoadBalancerId, BackendServers: "[" + strings.Join(elems, ",") + "]"}
	smCall(t, w, "AddBackendServers", lb.AccountId, req,
		func(c *fake.Client) (*model.BackendServersResponse, error) {
			return c.AddBackendServers(context.Background(), req)
		},
		func(*model.BackendServersResponse) (*model.BackendServersResponse, *model.Error) {
			return w.m.Sim().AddBackendServers(lb.AccountId, req)
		})
}

// roomy reports whether a vSwitch has room for a few more addresses: the
// calls whose model takes the fake's address (instances, LBs) are drawn in
// such vSwitches only; a full vSwitch is reached by the ENI calls, whose
// model allocates addresses itself.
func (w *smWorld) roomy(vswitchId string) bool {
	return len(w.m.LowestFree(refmodel.Pool(vswitchId), 4)) == 4
}

func (w *smWorld) createLoadBalancer(t *rapid.T) {
	account, home := w.drawOwner(t)
	req := &model.CreateLoadBalancerRequest{RegionId: drawRegion(t, home)}
	req.AddressType = []string{"", "internet", "intranet", "intranet", "Internet"}[smPick(t, "addressType", 3, 3, 5, 0, 1)]
	switch smPick(t, "vswitch", 5, 5, 1) {
	case 1:
		req.VSwitchId = smFrom(t, "vswitchId", slices.DeleteFunc(slices.Clone(w.vswitches), func(id string) bool { return !w.roomy(id) }))
		if v, ok := w.m.VSwitchOf(req.VSwitchId); ok {
			switch smPick(t, "vpcId", 6, 2, 1) {
			case 1:
				req.VpcId = v.VpcId
			case 2:
				req.VpcId = smFrom(t, "otherVpc", w.vpcs)
			}
		}
	case 2:
		req.VpcId = smFrom(t, "vpcOnly", w.vpcs)
	}
	req.LoadBalancerSpec = []string{"", "slb.s1.small", "slb.s3.large", "slb.s9.huge"}[smPick(t, "spec", 5, 4, 2, 1)]
	zones := refmodel.Zones(req.RegionId)
	switch smPick(t, "zone", 4, 4, 1) {
	case 1:
		if len(zones) > 0 {
			req.MasterZoneId = rapid.SampledFrom(zones).Draw(t, "masterZone")
		}
	case 2:
		req.MasterZoneId = "cn-nowhere-z"
	}
	if smPick(t, "slaveZone", 8, 1, 1) == 1 && len(zones) > 0 {
		req.SlaveZoneId = rapid.SampledFrom(zones).Draw(t, "slaveZone")
	} else if smPick(t, "badSlave", 15, 1) == 1 {
		req.SlaveZoneId = "nope-a"
	}
	req.LoadBalancerName = []string{"", "web", strings.Repeat("n", 81), strings.Repeat("名", 80)}[smPick(t, "name", 6, 3, 1, 1)]
	req.InternetChargeType = []string{"", "paybytraffic", "paybybandwidth", "free"}[smPick(t, "ict", 6, 2, 2, 1)]
	if smPick(t, "bandwidth", 3, 1) == 1 {
		req.Bandwidth = rapid.IntRange(1, 5000).Draw(t, "bw")
	}
	if v, ok := w.m.VSwitchOf(req.VSwitchId); ok {
		switch smPick(t, "lbAddress", 12, 2, 1, 1, 1) {
		case 1: // free: the third lowest
			if free := w.m.LowestFree(refmodel.Pool(v.VSwitchId), 3); len(free) > 0 {
				req.Address = free[len(free)-1]
			}
		case 2: // in use
			for _, id := range w.instances {
				if i, ok := w.m.InstanceOf(id); ok && i.VSwitchId == v.VSwitchId {
					req.Address = i.PrivateIp
				}
			}
		case 3: // reserved
			req.Address = netip.MustParsePrefix(v.CidrBlock).Addr().String()
		case 4:
			req.Address = rapid.SampledFrom([]string{"1.2.3.4", "not-an-ip"}).Draw(t, "badAddress")
		}
	} else if smPick(t, "lbAddressNoVsw", 20, 1) == 1 {
		req.Address = "192.168.0.9"
	}
	w.drawCreateProtectionAndTags(t, req)
	req.AddressIPVersion = []string{"", "ipv4", "ipv6", "IPv4"}[smPick(t, "ipVersion", 12, 3, 1, 1)]
	req.ClientToken = drawToken(t)
	resp, ok := smCall(t, w, "CreateLoadBalancer", account, req,
		func(c *fake.Client) (*model.CreateLoadBalancerResponse, error) {
			return c.CreateLoadBalancer(context.Background(), req)
		},
		func(got *model.CreateLoadBalancerResponse) (*model.CreateLoadBalancerResponse, *model.Error) {
			var a refmodel.Assigned
			if got != nil {
				a = refmodel.Assigned{Id: got.LoadBalancerId, Address: got.Address}
				for _, lb := range w.f.State().LoadBalancers {
					if lb.LoadBalancerId == got.LoadBalancerId {
						a.Zone = lb.MasterZoneId // the fake's draw when the request has none
						require.Contains(t, refmodel.Zones(lb.RegionId), lb.MasterZoneId)
					}
				}
			}
			return w.m.CreateLoadBalancer(account, req, a)
		})
	if ok && len(fresh(w.lbs, []string{resp.LoadBalancerId})) == 1 {
		w.lbs = append(w.lbs, resp.LoadBalancerId)
		if req.Address == "" {
			w.checkNew(t, "lb-", req.RegionId, resp.LoadBalancerId)
		} else {
			checkIDs(t, "lb-", req.RegionId, resp.LoadBalancerId)
		}
	}
}

func (w *smWorld) deleteLoadBalancer(t *rapid.T) {
	lbId, account, region := w.drawLB(t, 12, false) // deletes are rarer than the other calls
	req := &model.DeleteLoadBalancerRequest{RegionId: region, LoadBalancerId: lbId}
	smCall(t, w, "DeleteLoadBalancer", account, req,
		func(c *fake.Client) (*model.DeleteLoadBalancerResponse, error) {
			return c.DeleteLoadBalancer(context.Background(), req)
		},
		func(*model.DeleteLoadBalancerResponse) (*model.DeleteLoadBalancerResponse, *model.Error) {
			return w.m.Sim().DeleteLoadBalancer(account, req)
		})
}

func (w *smWorld) setLoadBalancerStatus(t *rapid.T) {
	lbId, account, region := w.drawLB(t, 85, false)
	status := []string{"active", "inactive", "", "locked", "Active"}[smPick(t, "status", 5, 5, 1, 1, 1)]
	req := &model.SetLoadBalancerStatusRequest{RegionId: region, LoadBalancerId: lbId, LoadBalancerStatus: status}
	smCall(t, w, "SetLoadBalancerStatus", account, req,
		func(c *fake.Client) (*model.SetLoadBalancerStatusResponse, error) {
			return c.SetLoadBalancerStatus(context.Background(), req)
		},
		func(*model.SetLoadBalancerStatusResponse) (*model.SetLoadBalancerStatusResponse, *model.Error) {
			return w.m.Sim().SetLoadBalancerStatus(account, req)
		})
}

func (w *smWorld) describeLoadBalancers(t *rapid.T) {
	account, home := w.drawOwner(t)
	req := &model.DescribeLoadBalancersRequest{RegionId: drawRegion(t, home)}
	switch smPick(t, "serverFilter", 3, 3, 1, 1) {
	case 1:
		req.ServerId = smFrom(t, "serverId", w.instances)
	case 2:
		req.ServerId = smFrom(t, "serverId", w.enis)
	case 3:
		req.ServerId = rapid.SampledFrom(smUnknownIDs()).Draw(t, "serverId")
	}
	if smPick(t, "idFilter", 4, 1) == 1 && len(w.lbs) > 0 {
		ids := rapid.SliceOfNDistinct(rapid.SampledFrom(w.lbs), 1, 3, rapid.ID[string]).Draw(t, "lbIds")
		req.LoadBalancerId = strings.Join(ids, ",")
	}
	req.LoadBalancerStatus = []string{"", "active", "inactive", "locked"}[smPick(t, "statusFilter", 6, 1, 1, 1)]
	req.NetworkType = []string{"", "classic", "vpc"}[smPick(t, "ntFilter", 6, 1, 1)]
	req.AddressType = []string{"", "internet", "intranet"}[smPick(t, "atFilter", 6, 1, 1)]
	if zones := refmodel.Zones(req.RegionId); len(zones) > 0 {
		if smPick(t, "masterZoneFilter", 6, 2, 1) > 0 {
			req.MasterZoneId = rapid.SampledFrom(append(zones, "no-such-zone")).Draw(t, "masterZoneId")
		}
		if smPick(t, "slaveZoneFilter", 8, 1) == 1 {
			req.SlaveZoneId = rapid.SampledFrom(append(zones, "no-such-zone")).Draw(t, "slaveZoneId")
		}
	}
	req.PayType = []string{"", "PayOnDemand", "PrePay"}[smPick(t, "payTypeFilter", 8, 1, 1)]
	req.InternetChargeType = []string{"", "paybytraffic", "paybybandwidth", "PayByTraffic"}[smPick(t, "ictFilter", 6, 1, 1, 1)]
	req.InstanceChargeType = []string{"", "PayBySpec", "PayByCLCU", "spec"}[smPick(t, "chargeFilter", 6, 1, 2, 1)]
	req.AddressIPVersion = []string{"", "ipv4", "ipv6"}[smPick(t, "ipVersionFilter", 8, 1, 1)]
	switch smPick(t, "paging", 6, 3, 1, 1) {
	case 1:
		req.PageNumber = rapid.IntRange(0, 3).Draw(t, "pageNumber")
		req.PageSize = rapid.IntRange(0, 3).Draw(t, "pageSize")
	case 2:
		req.PageNumber = -1
	case 3:
		req.PageSize = rapid.SampledFrom([]int{-1, 100, 101}).Draw(t, "pageSize")
	}
	read(t, w, "DescribeLoadBalancers", account, req,
		func(c *fake.Client) (*model.DescribeLoadBalancersResponse, error) {
			return c.DescribeLoadBalancers(context.Background(), req)
		},
		func() (*model.DescribeLoadBalancersResponse, *model.Error) {
			return w.m.DescribeLoadBalancers(account, req)
		})
}

func (w *smWorld) describeLoadBalancerAttribute(t *rapid.T) {
	lbId, account, region := w.drawLB(t, 85, false)
	req := &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: lbId}
	read(t, w, "DescribeLoadBalancerAttribute", account, req,
		func(c *fake.Client) (*model.DescribeLoadBalancerAttributeResponse, error) {
			return c.DescribeLoadBalancerAttribute(context.Background(), req)
		},
		func() (*model.DescribeLoadBalancerAttributeResponse, *model.Error) {
			return w.m.DescribeLoadBalancerAttribute(account, req)
		})
}

// ---------------------------------------------------------------------------
// ECS actions.

// assignedInstances reads from the fake's state what it chose for the
// instances ids: private IP and zone.
func (w *smWorld) assignedInstances(t *rapid.T, ids []string) []refmodel.Assigned {
	var out []refmodel.Assigned
	st := w.f.State()
	for _, id := range ids {
		a := refmodel.Assigned{Id: id}
		for _, i := range st.Instances {
			if i.InstanceId == id {
				a.Address, a.Zone = i.PrivateIp, i.ZoneId
				require.Contains(t, refmodel.Zones(i.RegionId), i.ZoneId)
			}
		}
		out = append(out, a)
	}
	return out
}

func (w *smWorld) drawInstanceRequest(t *rapid.T) (string, refmodel.InstanceRequest) {
	account, home := w.drawOwner(t)
	req := refmodel.InstanceRequest{RegionId: drawRegion(t, home), ImageId: "ubuntu_22_04_x64_20G_alibase_20240101.vhd", InstanceType: "ecs.g7.large"}
	switch smPick(t, "missing", 20, 1, 1) {
	case 1:
		req.ImageId = ""
	case 2:
		req.InstanceType = ""
	}
	own := slices.DeleteFunc(w.ownedVSwitches(account, req.RegionId), func(id string) bool { return !w.roomy(id) })
	if smPick(t, "instNet", 1, 1, 0) == 1 && len(own) > 0 {
		req.VSwitchId = rapid.SampledFrom(own).Draw(t, "runVSwitch")
	} else if smPick(t, "badVSwitch", 15, 1) == 1 {
		req.VSwitchId = smFrom(t, "anyVSwitch", append(slices.DeleteFunc(slices.Clone(w.vswitches), func(id string) bool { return !w.roomy(id) }),
			"vsw-bp1unknown000000000"))
	}
	if zones := refmodel.Zones(req.RegionId); len(zones) > 0 && smPick(t, "runZone", 2, 1) == 1 {
		req.ZoneId = rapid.SampledFrom(zones).Draw(t, "runZoneId")
		if v, ok := w.m.VSwitchOf(req.VSwitchId); ok && smPick(t, "vswZone", 1, 2) == 1 {
			req.ZoneId = v.ZoneId
		}
	} else if smPick(t, "badZone", 15, 1) == 1 {
		req.ZoneId = "cn-nowhere-z"
	}
	req.InstanceName = []string{"", "web-1", "1bad", "http://x", "x"}[smPick(t, "instName", 8, 4, 1, 1, 1)]
	return account, req
}

func (w *smWorld) runInstances(t *rapid.T) {
	account, r := w.drawInstanceRequest(t)
	req := &model.RunInstancesRequest{RegionId: r.RegionId, ZoneId: r.ZoneId, ImageId: r.ImageId, InstanceType: r.InstanceType,
		VSwitchId: r.VSwitchId, InstanceName: r.InstanceName}
	req.Amount = []int{0, 1, 2, 3, -1, 101}[smPick(t, "amount", 4, 4, 2, 1, 1, 1)]
	req.ClientToken, req.DryRun = drawToken(t), drawDryRun(t)
	resp, ok := smCall(t, w, "RunInstances", account, req,
		func(c *fake.Client) (*model.RunInstancesResponse, error) {
			return c.RunInstances(context.Background(), req)
		},
		func(got *model.RunInstancesResponse) (*model.RunInstancesResponse, *model.Error) {
			var a []refmodel.Assigned
			if got != nil {
				a = w.assignedInstances(t, got.InstanceIdSets.InstanceIdSet)
			}
			resp, e := w.m.RunInstances(account, req, a)
			if e == nil {
				w.m.Began("RunInstances", fresh(w.instances, resp.InstanceIdSets.InstanceIdSet)...)
			}
			return resp, e
		})
	if ids := fresh(w.instances, smRunIds(resp)); ok && len(ids) > 0 {
		w.instances = append(w.instances, ids...)
		w.checkNew(t, "i-", req.RegionId, ids...)
	}
}

// smRunIds are the IDs of a RunInstances answer (none for no answer).
func smRunIds(resp *model.RunInstancesResponse) []string {
	if resp == nil {
		return nil
	}
	return resp.InstanceIdSets.InstanceIdSet
}

func (w *smWorld) createInstance(t *rapid.T) {
	account, r := w.drawInstanceRequest(t)
	req := &model.CreateInstanceRequest{RegionId: r.RegionId, ZoneId: r.ZoneId, ImageId: r.ImageId, InstanceType: r.InstanceType,
		VSwitchId: r.VSwitchId, InstanceName: r.InstanceName}
	req.ClientToken, req.DryRun = drawToken(t), drawDryRun(t)
	resp, ok := smCall(t, w, "CreateInstance", account, req,
		func(c *fake.Client) (*model.CreateInstanceResponse, error) {
			return c.CreateInstance(context.Background(), req)
		},
		func(got *model.CreateInstanceResponse) (*model.CreateInstanceResponse, *model.Error) {
			var a refmodel.Assigned
			if got != nil {
				a = w.assignedInstances(t, []string{got.InstanceId})[0]
			}
			resp, e := w.m.CreateInstance(account, req, a)
			if e == nil {
				w.m.Began("CreateInstance", fresh(w.instances, []string{resp.InstanceId})...)
			}
			return resp, e
		})
	if ok && len(fresh(w.instances, []string{resp.InstanceId})) == 1 {
		w.instances = append(w.instances, resp.InstanceId)
		w.checkNew(t, "i-", req.RegionId, resp.InstanceId)
	}
}

// lifecycle runs StartInstance, StopInstance or DeleteInstance (with or
// without Force) on a drawn instance, mostly a live one of its owner.
func (w *smWorld) lifecycle(t *rapid.T, op string) {
	var id string
	switch smPick(t, "instKind", 85, 7, 4, 4) {
	case 0:
		var live []string
		for _, id := range w.instances {
			if _, ok := w.m.InstanceOf(id); ok {
				live = append(live, id)
			}
		}
		id = smFrom(t, "lifecycleInstance", live)
	case 1:
		id = smFrom(t, "anyInstance", w.instances) // deleted ones too
	case 2:
		id = "i-bp1unknown0000000000"
	}
	account, region := smAcctA, ""
	if i, ok := w.m.InstanceOf(id); ok {
		account, region = i.AccountId, i.RegionId
	}
	account = drawAccount(t, account)
	switch smPick(t, "lifecycleRegion", 3, 4, 1, 1) {
	case 0:
		region = ""
	case 2:
		region = smRegionB
	case 3:
		region = "cn-nowhere"
	}
	ctx := context.Background()
	switch op {
	case "Start":
		req := &model.StartInstanceRequest{RegionId: region, InstanceId: id, DryRun: drawDryRun(t)}
		smCall(t, w, "StartInstance", account, req,
			func(c *fake.Client) (*model.StartInstanceResponse, error) { return c.StartInstance(ctx, req) },
			func(*model.StartInstanceResponse) (*model.StartInstanceResponse, *model.Error) {
				resp, e := w.m.StartInstance(account, req)
				if e == nil {
					w.m.Began("StartInstance", id)
				}
				return resp, e
			})
	case "Stop":
		req := &model.StopInstanceRequest{RegionId: region, InstanceId: id, ForceStop: smPick(t, "forceStop", 3, 1) == 1, DryRun: drawDryRun(t)}
		smCall(t, w, "StopInstance", account, req,
			func(c *fake.Client) (*model.StopInstanceResponse, error) { return c.StopInstance(ctx, req) },
			func(*model.StopInstanceResponse) (*model.StopInstanceResponse, *model.Error) {
				resp, e := w.m.StopInstance(account, req)
				if e == nil {
					w.m.Began("StopInstance", id)
				}
				return resp, e
			})
	default:
		req := &model.DeleteInstanceRequest{RegionId: region, InstanceId: id, Force: smPick(t, "force", 1, 1) == 1, DryRun: drawDryRun(t)}
		smCall(t, w, "DeleteInstance", account, req,
			func(c *fake.Client) (*model.DeleteInstanceResponse, error) { return c.DeleteInstance(ctx, req) },
			func(*model.DeleteInstanceResponse) (*model.DeleteInstanceResponse, *model.Error) {
				return w.m.DeleteInstance(account, req)
			})
	}
}

// ---------------------------------------------------------------------------
// VPC and ENI actions.

var (
	smResourceGroupRE = regexp.MustCompile(`^rg-acfm[0-9a-z]{11}$`)
	smMacRE           = regexp.MustCompile(`^00:16:3e(:[0-9a-f]{2}){3}$`)
)

func (w *smWorld) createVpc(t *rapid.T) {
	account, home := w.drawOwner(t)
	req := &model.CreateVpcRequest{RegionId: drawRegion(t, home)}
	req.CidrBlock = []string{"", "192.168.0.0/16", "10.0.0.0/8", "172.16.0.0/16", "192.168.8.0/28",
		"8.8.0.0/16", "192.168.1.0/16", "192.168.0.0/29", "10.0.0.0/7", "not-a-cidr"}[smPick(t, "vpcCidr", 4, 4, 2, 2, 2, 1, 1, 1, 1, 1)]
	req.VpcName = []string{"", "vpc-1", strings.Repeat("v", 129), "http://v"}[smPick(t, "vpcName", 6, 3, 1, 1)]
	req.Description = []string{"", "the vpc", strings.Repeat("d", 257), "https://d"}[smPick(t, "vpcDesc", 6, 3, 1, 1)]
	req.DryRun, req.ClientToken = drawDryRun(t), drawToken(t)
	resp, ok := smCall(t, w, "CreateVpc", account, req,
		func(c *fake.Client) (*model.CreateVpcResponse, error) { return c.CreateVpc(context.Background(), req) },
		func(got *model.CreateVpcResponse) (*model.CreateVpcResponse, *model.Error) {
			var a refmodel.Assigned
			if got != nil {
				a.Id = got.VpcId
			}
			resp, e := w.m.CreateVpc(account, req, a)
			if e == nil {
				// The router, route table and resource group are the fake's
				// to name: their shapes are checked, their values taken.
				require.NoError(t, refmodel.CheckID("vrt-", req.RegionId, got.VRouterId))
				require.NoError(t, refmodel.CheckID("vtb-", req.RegionId, got.RouteTableId))
				require.Regexp(t, smResourceGroupRE, got.ResourceGroupId)
				resp.VRouterId, resp.RouteTableId, resp.ResourceGroupId = got.VRouterId, got.RouteTableId, got.ResourceGroupId
			}
			return resp, e
		})
	if ok && len(fresh(w.vpcs, []string{resp.VpcId})) == 1 {
		w.vpcs = append(w.vpcs, resp.VpcId)
		checkIDs(t, "vpc-", req.RegionId, resp.VpcId)
	}
}

// drawSubnet draws a CIDR block for a vSwitch of the VPC: mostly one of the
// first blocks of a drawn size inside it (some overlap the existing ones),
// now and then one outside it, of a refused size, or malformed.
func (w *smWorld) drawSubnet(t *rapid.T, vpc refmodel.Vpc) string {
	p, err := netip.ParsePrefix(vpc.CidrBlock)
	if err != nil {
		return "10.9.9.0/24"
	}
	switch smPick(t, "subnetKind", 20, 1, 1, 1, 1) {
	case 1:
		return "1.2.3.0/24"
	case 2:
		return netip.PrefixFrom(p.Addr(), 30).String()
	case 3:
		return netip.PrefixFrom(p.Addr(), max(p.Bits()-1, 8)).String()
	case 4:
		return rapid.SampledFrom([]string{"192.168.0.1/24", "garbage", "::/64"}).Draw(t, "badSubnet")
	}
	bits := rapid.SampledFrom([]int{24, 28, 29}).Draw(t, "subnetBits")
	bits = min(max(bits, p.Bits(), 16), 29)
	k := rapid.IntRange(0, 3).Draw(t, "subnetIndex")
	a := p.Addr().As4()
	v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	v += uint32(k) << (32 - bits)
	sub := netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), bits)
	if !p.Contains(sub.Addr()) {
		sub = netip.PrefixFrom(p.Addr(), bits)
	}
	return sub.String()
}

func (w *smWorld) createVSwitch(t *rapid.T) {
	account, home := w.drawOwner(t)
	req := &model.CreateVSwitchRequest{RegionId: drawRegion(t, home)}
	var own []string
	for _, id := range w.vpcs {
		if v, ok := w.m.VpcOf(id); ok && v.AccountId == account && v.RegionId == home {
			own = append(own, id)
		}
	}
	switch smPick(t, "vswVpc", 10, 1, 1) {
	case 0:
		req.VpcId = smFrom(t, "vswVpcId", own)
	case 1:
		req.VpcId = smFrom(t, "anyVpc", w.vpcs)
	}
	if zones := refmodel.Zones(req.RegionId); len(zones) > 0 && smPick(t, "vswZoneKind", 10, 1, 1) == 0 {
		req.ZoneId = rapid.SampledFrom(zones).Draw(t, "vswZoneId")
	} else if smPick(t, "vswZoneBad", 1, 1) == 1 {
		req.ZoneId = "cn-nowhere-z"
	}
	if vpc, ok := w.m.VpcOf(req.VpcId); ok {
		req.CidrBlock = w.drawSubnet(t, vpc)
	} else if smPick(t, "vswCidr", 1, 1) == 1 {
		req.CidrBlock = "192.168.0.0/24"
	}
	req.VSwitchName = []string{"", "vsw-1", strings.Repeat("v", 129)}[smPick(t, "vswName", 8, 3, 1)]
	req.Description = []string{"", "a vswitch", "http://d"}[smPick(t, "vswDesc", 8, 3, 1)]
	req.ClientToken = drawToken(t)
	resp, ok := smCall(t, w, "CreateVSwitch", account, req,
		func(c *fake.Client) (*model.CreateVSwitchResponse, error) {
			return c.CreateVSwitch(context.Background(), req)
		},
		func(got *model.CreateVSwitchResponse) (*model.CreateVSwitchResponse, *model.Error) {
			var a refmodel.Assigned
			if got != nil {
				a.Id = got.VSwitchId
			}
			return w.m.CreateVSwitch(account, req, a)
		})
	if ok && len(fresh(w.vswitches, []string{resp.VSwitchId})) == 1 {
		w.vswitches = append(w.vswitches, resp.VSwitchId)
		checkIDs(t, "vsw-", req.RegionId, resp.VSwitchId)
	}
}

func (w *smWorld) createNetworkInterface(t *rapid.T) {
	account, home := w.drawOwner(t)
	req := &model.CreateNetworkInterfaceRequest{RegionId: drawRegion(t, home), SecurityGroupId: "sg-bp1smtest0000000001"}
	own := w.ownedVSwitches(account, home)
	switch smPick(t, "eniVswKind", 12, 1, 1) {
	case 0:
		req.VSwitchId = smFrom(t, "eniVsw", own)
	case 1:
		req.VSwitchId = smFrom(t, "anyVsw", w.vswitches)
	}
	if smPick(t, "eniSg", 15, 1) == 1 {
		req.SecurityGroupId = ""
	}
	if v, ok := w.m.VSwitchOf(req.VSwitchId); ok {
		switch smPick(t, "primaryIp", 10, 2, 1, 1, 1, 1) {
		case 1:
			if free := w.m.LowestFree(refmodel.Pool(v.VSwitchId), 3); len(free) > 0 {
				req.PrimaryIpAddress = free[len(free)-1]
			}
		case 2: // in use, when there is one
			for _, id := range w.instances {
				if i, ok := w.m.InstanceOf(id); ok && i.VSwitchId == v.VSwitchId {
					req.PrimaryIpAddress = i.PrivateIp
				}
			}
		case 3: // reserved: the block's first or last
			p := netip.MustParsePrefix(v.CidrBlock)
			req.PrimaryIpAddress = p.Addr().String()
		case 4:
			req.PrimaryIpAddress = "1.2.3.4"
		case 5:
			req.PrimaryIpAddress = "not-an-ip"
		}
	}
	req.SecondaryPrivateIpAddressCount = []int{0, 1, 2, 3, 50, -1}[smPick(t, "secondaries", 6, 3, 2, 2, 1, 1)]
	req.NetworkInterfaceName = []string{"", "eniweb", "1bad", "x"}[smPick(t, "eniName", 8, 3, 1, 1)]
	req.Description = []string{"", "an eni", "x", "http://x"}[smPick(t, "eniDesc", 8, 3, 1, 1)]
	req.ClientToken = drawToken(t)
	resp, ok := smCall(t, w, "CreateNetworkInterface", account, req,
		func(c *fake.Client) (*model.CreateNetworkInterfaceResponse, error) {
			return c.CreateNetworkInterface(context.Background(), req)
		},
		func(got *model.CreateNetworkInterfaceResponse) (*model.CreateNetworkInterfaceResponse, *model.Error) {
			var a refmodel.Assigned
			if got != nil {
				a.Id = got.NetworkInterfaceId
			}
			resp, e := w.m.CreateNetworkInterface(account, req, a)
			if e == nil {
				require.Regexp(t, smMacRE, got.MacAddress)
				resp.MacAddress = got.MacAddress
			}
			return resp, e
		})
	if ok && len(fresh(w.enis, []string{resp.NetworkInterfaceId})) == 1 {
		w.enis = append(w.enis, resp.NetworkInterfaceId)
		if req.PrimaryIpAddress == "" {
			w.checkNew(t, "eni-", req.RegionId, resp.NetworkInterfaceId)
		} else {
			checkIDs(t, "eni-", req.RegionId, resp.NetworkInterfaceId)
		}
	}
}

// deleteNetworkInterface deletes a drawn ENI: mostly one of the caller's.
func (w *smWorld) deleteNetworkInterface(t *rapid.T) {
	var eniId string
	switch smPick(t, "delEniKind", 20, 2, 1, 1) {
	case 0:
		var live []string
		for _, id := range w.enis {
			if _, ok := w.m.ENIOf(id); ok {
				live = append(live, id)
			}
		}
		eniId = smFrom(t, "delEniId", live)
	case 1:
		eniId = smFrom(t, "delAnyEni", w.enis)
	case 2:
		eniId = "eni-bp1unknown000000000"
	}
	account, region := smAcctA, smRegionA
	if n, ok := w.m.ENIOf(eniId); ok {
		account, region = n.AccountId, n.RegionId
	}
	account, region = drawAccount(t, account), drawRegion(t, region)
	req := &model.DeleteNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eniId}
	smCall(t, w, "DeleteNetworkInterface", account, req,
		func(c *fake.Client) (*model.DeleteNetworkInterfaceResponse, error) {
			return c.DeleteNetworkInterface(context.Background(), req)
		},
		func(*model.DeleteNetworkInterfaceResponse) (*model.DeleteNetworkInterfaceResponse, *model.Error) {
			return w.m.DeleteNetworkInterface(account, req)
		})
}

// eniCall attaches or detaches a drawn ENI: mostly one of the caller's, to
// or from an instance of its VPC (or the one it is attached to).
func (w *smWorld) eniCall(t *rapid.T, op string) {
	var eniId string
	switch smPick(t, "eniKind", 20, 2, 1, 1) {
	case 0:
		var live []string
		for _, id := range w.enis {
			if _, ok := w.m.ENIOf(id); ok {
				live = append(live, id)
			}
		}
		eniId = smFrom(t, "eniId", live)
	case 1:
		eniId = smFrom(t, "anyEni", w.enis)
	case 2:
		eniId = "eni-bp1unknown000000000"
	}
	account, region := smAcctA, smRegionA
	n, known := w.m.ENIOf(eniId)
	if known {
		account, region = n.AccountId, n.RegionId
	}
	var fit []string
	for _, id := range w.instances {
		if i, ok := w.m.InstanceOf(id); ok && known && i.AccountId == n.AccountId && i.RegionId == n.RegionId && i.VpcId == n.VpcId {
			fit = append(fit, id)
		}
	}
	var instId string
	switch smPick(t, "eniInstKind", 14, 3, 1, 1) {
	case 0:
		if op == "Detach" && known && n.InstanceId != "" && smPick(t, "ownInstance", 1, 4) == 1 {
			instId = n.InstanceId
		} else {
			instId = smFrom(t, "eniInst", fit)
		}
	case 1:
		instId = smFrom(t, "anyInst", w.instances)
	case 2:
		instId = "i-bp1unknown0000000000"
	}
	account = drawAccount(t, account)
	region = drawRegion(t, region)
	ctx := context.Background()
	if op == "Attach" {
		req := &model.AttachNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eniId, InstanceId: instId}
		smCall(t, w, "AttachNetworkInterface", account, req,
			func(c *fake.Client) (*model.AttachNetworkInterfaceResponse, error) {
				return c.AttachNetworkInterface(ctx, req)
			},
			func(*model.AttachNetworkInterfaceResponse) (*model.AttachNetworkInterfaceResponse, *model.Error) {
				return w.m.AttachNetworkInterface(account, req)
			})
		return
	}
	req := &model.DetachNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eniId, InstanceId: instId}
	smCall(t, w, "DetachNetworkInterface", account, req,
		func(c *fake.Client) (*model.DetachNetworkInterfaceResponse, error) {
			return c.DetachNetworkInterface(ctx, req)
		},
		func(*model.DetachNetworkInterfaceResponse) (*model.DetachNetworkInterfaceResponse, *model.Error) {
			return w.m.DetachNetworkInterface(account, req)
		})
}

// ---------------------------------------------------------------------------
// Fixtures. Each stores through the fake's fixture and tells the model what
// the fake chose; fixtures take valid references only (a fixture's own errors
// are Go errors, not API behaviour).

func (w *smWorld) putVpc(t *rapid.T, account, region string) string {
	v, err := w.f.PutVpc(model.Vpc{AccountId: account, RegionId: region, CidrBlock: "172.16.0.0/12"})
	require.NoError(t, err)
	w.m.PutVpc(account, region, v.VpcId, v.CidrBlock)
	w.vpcs = append(w.vpcs, v.VpcId)
	return v.VpcId
}

func (w *smWorld) putVSwitch(t *rapid.T, vpcId, zone string) string {
	vpc := w.findVpc(vpcId)
	cidr, ok := w.freeSubnet(vpc.CidrBlock, vpcId)
	if !ok {
		t.Skip("no free block left in " + vpcId)
	}
	v, err := w.f.PutVSwitch(model.VSwitch{AccountId: vpc.AccountId, RegionId: vpc.RegionId, VpcId: vpcId, ZoneId: zone, CidrBlock: cidr})
	require.NoError(t, err)
	w.m.PutVSwitch(vpc.AccountId, vpc.RegionId, v.VSwitchId, vpcId, zone, v.CidrBlock)
	w.vswitches = append(w.vswitches, v.VSwitchId)
	return v.VSwitchId
}

// freeSubnet returns the first /24 of a VPC's block (a /28 or /29 when the
// block is smaller) that overlaps none of its vSwitches.
func (w *smWorld) freeSubnet(block, vpcId string) (string, bool) {
	p := netip.MustParsePrefix(block)
	bits := 24
	if p.Bits() > 24 {
		bits = max(p.Bits(), 28)
	}
	var taken []netip.Prefix
	for _, id := range w.vswitches {
		if v, ok := w.m.VSwitchOf(id); ok && v.VpcId == vpcId {
			taken = append(taken, netip.MustParsePrefix(v.CidrBlock))
		}
	}
	a := p.Addr().As4()
	base := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	for k := uint32(0); k < 64; k++ {
		v := base + k<<(32-bits)
		sub := netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), bits)
		if !p.Contains(sub.Addr()) {
			break
		}
		if !slices.ContainsFunc(taken, sub.Overlaps) {
			return sub.String(), true
		}
	}
	return "", false
}

func (w *smWorld) findVpc(id string) model.Vpc {
	for _, v := range w.f.State().Vpcs {
		if v.VpcId == id {
			return v
		}
	}
	panic("unknown VPC " + id)
}

func (w *smWorld) putInstance(t *rapid.T, account, region, vswitchId string, status model.InstanceStatus) string {
	i, err := w.f.PutInstance(model.Instance{AccountId: account, RegionId: region, VSwitchId: vswitchId, Status: status})
	require.NoError(t, err)
	w.m.PutInstance(account, region, i.InstanceId, vswitchId, "", status, i.PrivateIp)
	w.instances = append(w.instances, i.InstanceId)
	return i.InstanceId
}

func (w *smWorld) putENI(t *rapid.T, vswitchId, instanceId string, secondaries int) string {
	vsw, _ := w.m.VSwitchOf(vswitchId)
	n, err := w.f.PutNetworkInterface(model.NetworkInterface{AccountId: vsw.AccountId, RegionId: vsw.RegionId,
		VSwitchId: vswitchId, InstanceId: instanceId, SecondaryIps: make([]string, secondaries)})
	require.NoError(t, err)
	w.m.PutNetworkInterface(vsw.AccountId, vsw.RegionId, n.NetworkInterfaceId, vswitchId,
		append([]string{n.PrimaryIpAddress}, n.SecondaryIps...), instanceId)
	w.enis = append(w.enis, n.NetworkInterfaceId)
	return n.NetworkInterfaceId
}

func (w *smWorld) putLB(t *rapid.T, fx refmodel.LoadBalancerFixture) string {
	lb, err := w.f.PutLoadBalancer(model.LoadBalancer{AccountId: fx.AccountId, RegionId: fx.RegionId,
		AddressType: fx.AddressType, VSwitchId: fx.VSwitchId, LoadBalancerSpec: fx.LoadBalancerSpec, Status: fx.Status})
	require.NoError(t, err)
	fx.LoadBalancerId, fx.Address = lb.LoadBalancerId, lb.Address
	w.m.PutLoadBalancer(fx)
	w.lbs = append(w.lbs, lb.LoadBalancerId)
	return lb.LoadBalancerId
}

// bootstrap builds a small world where every rule can fire: classic and VPC
// instances in two VPCs (VPC 1 over two zones), ENIs with secondary IPs, LBs
// of every network kind, and resources of a second account and a second
// region.
func (w *smWorld) bootstrap(t *rapid.T) {
	vpc1 := w.putVpc(t, smAcctA, smRegionA)
	vpc2 := w.putVpc(t, smAcctA, smRegionA)
	vsw1 := w.putVSwitch(t, vpc1, "cn-hangzhou-h")
	vsw2 := w.putVSwitch(t, vpc2, "")
	vsw3 := w.putVSwitch(t, vpc1, "cn-hangzhou-i") // VPC 1 again, another zone
	var classic []string
	for range 5 {
		classic = append(classic, w.putInstance(t, smAcctA, smRegionA, "", model.StatusRunning))
	}
	w.putInstance(t, smAcctA, smRegionA, "", model.StatusStopped)
	i1 := w.putInstance(t, smAcctA, smRegionA, vsw1, model.StatusRunning)
	i2 := w.putInstance(t, smAcctA, smRegionA, vsw1, model.StatusRunning)
	w.putInstance(t, smAcctA, smRegionA, vsw1, model.StatusRunning)
	w.putInstance(t, smAcctA, smRegionA, vsw1, model.StatusRunning)
	w.putInstance(t, smAcctA, smRegionA, vsw2, model.StatusRunning)
	w.putInstance(t, smAcctA, smRegionA, vsw2, model.StatusRunning)
	w.putENI(t, vsw1, i1, 1)
	w.putENI(t, vsw1, i2, 2)
	w.putENI(t, vsw1, "", 0)
	w.putInstance(t, smAcctA, smRegionA, vsw3, model.StatusRunning)
	w.putENI(t, vsw3, "", 1)
	internet := w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctA, RegionId: smRegionA})
	w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctA, RegionId: smRegionA, AddressType: model.AddressIntranet})
	w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctA, RegionId: smRegionA, VSwitchId: vsw1, LoadBalancerSpec: "slb.s2.small"})
	w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctA, RegionId: smRegionA, VSwitchId: vsw1})
	w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctA, RegionId: smRegionA, VSwitchId: vsw2, LoadBalancerSpec: "slb.s1.small"})
	// The internet LB starts with two backends, through the API.
	req := &model.AddBackendServersRequest{RegionId: smRegionA, LoadBalancerId: internet,
		BackendServers: `[{"ServerId":"` + classic[0] + `"},{"ServerId":"` + classic[1] + `","Weight":"50"}]`}
	w.goOnly = true
	smCall(t, w, "AddBackendServers", smAcctA, req, func(c *fake.Client) (*model.BackendServersResponse, error) {
		return c.AddBackendServers(context.Background(), req)
	}, func(*model.BackendServersResponse) (*model.BackendServersResponse, *model.Error) {
		return w.m.Sim().AddBackendServers(smAcctA, req)
	})
	w.goOnly = false
	// Another account and another region, each with a classic instance
	// and an internet LB.
	w.putInstance(t, smAcctB, smRegionA, "", model.StatusRunning)
	w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctB, RegionId: smRegionA})
	w.putInstance(t, smAcctA, smRegionB, "", model.StatusRunning)
	w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctA, RegionId: smRegionB})
	w.bootstrapGroups(t, classic)
}

func (w *smWorld) putVpcAction(t *rapid.T) {
	account, region := w.drawOwner(t)
	w.putVpc(t, account, region)
}

func (w *smWorld) putVSwitchAction(t *rapid.T) {
	vpcId := smFrom(t, "vpc", w.vpcs)
	vpc := w.findVpc(vpcId)
	zone := ""
	if smPick(t, "vswZone", 1, 1) == 1 {
		zone = rapid.SampledFrom(refmodel.Zones(vpc.RegionId)).Draw(t, "zone")
	}
	w.putVSwitch(t, vpcId, zone)
}

func (w *smWorld) ownedVSwitches(account, region string) []string {
	var out []string
	for _, id := range w.vswitches {
		if v, ok := w.m.VSwitchOf(id); ok && v.AccountId == account && v.RegionId == region {
			out = append(out, id)
		}
	}
	return out
}

func drawStatus(t *rapid.T) model.InstanceStatus {
	return []model.InstanceStatus{model.StatusRunning, model.StatusStopped, model.StatusPending,
		model.StatusStarting, model.StatusStopping, ""}[smPick(t, "instStatus", 10, 3, 1, 1, 1, 2)]
}

func (w *smWorld) putInstanceAction(t *rapid.T) {
	account, region := w.drawOwner(t)
	vsw := ""
	own := slices.DeleteFunc(w.ownedVSwitches(account, region), func(id string) bool { return !w.roomy(id) })
	if len(own) > 0 && smPick(t, "instVpc", 1, 1) == 1 {
		vsw = rapid.SampledFrom(own).Draw(t, "instVSwitch")
	}
	w.putInstance(t, account, region, vsw, drawStatus(t))
}

func (w *smWorld) putNetworkInterfaceAction(t *rapid.T) {
	account, region := w.drawOwner(t)
	own := slices.DeleteFunc(w.ownedVSwitches(account, region), func(id string) bool { return !w.roomy(id) })
	if len(own) == 0 {
		t.Skip("no vSwitch with room for this owner")
	}
	vswId := rapid.SampledFrom(own).Draw(t, "eniVSwitch")
	vsw, _ := w.m.VSwitchOf(vswId)
	var candidates []string
	for _, id := range w.instances {
		if i, ok := w.m.InstanceOf(id); ok && i.AccountId == account && i.RegionId == region && i.VpcId == vsw.VpcId {
			candidates = append(candidates, id)
		}
	}
	inst := ""
	if len(candidates) > 0 && smPick(t, "eniAttached", 1, 3) == 1 {
		inst = rapid.SampledFrom(candidates).Draw(t, "eniInstance")
	}
	w.putENI(t, vswId, inst, rapid.IntRange(0, 2).Draw(t, "secondaries"))
}

func (w *smWorld) putLoadBalancerAction(t *rapid.T) {
	account, region := w.drawOwner(t)
	fx := refmodel.LoadBalancerFixture{AccountId: account, RegionId: region}
	switch smPick(t, "fxLbKind", 1, 1, 2) {
	case 1:
		fx.AddressType = model.AddressIntranet
	case 2:
		own := slices.DeleteFunc(w.ownedVSwitches(account, region), func(id string) bool { return !w.roomy(id) })
		if len(own) > 0 {
			fx.VSwitchId = rapid.SampledFrom(own).Draw(t, "fxLbVSwitch")
		}
	}
	fx.LoadBalancerSpec = []string{"", "slb.s2.medium"}[smPick(t, "fxSpec", 1, 1)]
	fx.Status = []model.LoadBalancerStatus{"", model.LBActive, model.LBInactive, model.LBLocked}[smPick(t, "fxLbStatus", 4, 2, 2, 3)]
	w.putLB(t, fx)
}

func (w *smWorld) forceInstanceStatus(t *rapid.T) {
	var live []string
	for _, id := range w.instances {
		if _, ok := w.m.InstanceOf(id); ok {
			live = append(live, id)
		}
	}
	if len(live) == 0 {
		t.Skip("no instance")
	}
	id := rapid.SampledFrom(live).Draw(t, "forceInstance")
	st := drawStatus(t)
	if st == "" {
		st = model.StatusRunning
	}
	t.Logf("ForceInstanceStatus %s %s", id, st)
	require.NoError(t, w.f.ForceInstanceStatus(id, st))
	w.m.ForceInstanceStatus(id, st)
}

func (w *smWorld) forceLoadBalancerStatus(t *rapid.T) {
	var live []string
	for _, id := range w.lbs {
		if _, ok := w.m.LoadBalancerOf(id); ok {
			live = append(live, id)
		}
	}
	if len(live) == 0 {
		t.Skip("no LB")
	}
	id := rapid.SampledFrom(live).Draw(t, "forceLB")
	st := []model.LoadBalancerStatus{model.LBLocked, model.LBActive, model.LBInactive}[smPick(t, "forceLbStatus", 2, 2, 1)]
	t.Logf("ForceLoadBalancerStatus %s %s", id, st)
	require.NoError(t, w.f.ForceLoadBalancerStatus(id, st))
	w.m.ForceLoadBalancerStatus(id, st)
}

// ---------------------------------------------------------------------------
// The check after every step.

func (w *smWorld) check(t *rapid.T) {
	st := w.f.State()
	checkBackendInvariants(t, st, w.quota)
	checkGroupInvariants(t, st, w.quota)
	checkTagOwners(t, st)
	w.m.SetNow(w.now())
	require.Equal(t, w.m.Snapshot(), snapshotOf(st, w.shownStatuses(t, st)), "the fake's world differs from the model's")
	// The model's world is the fake's: its rules hold of what the fake chose.
	require.NoError(t, w.m.CheckWorld(), "the addresses and IDs the fake handed out")
	checkLeases(t, st)
}

// shownStatuses reads the status every instance shows now from the fake's
// DescribeInstanceStatus (the state holds where an instance settles; what it
// shows on the way is the lifecycle's business), page by page.
func (w *smWorld) shownStatuses(t *rapid.T, st engine.State) map[string]model.InstanceStatus {
	type owner struct{ account, region string }
	owners := map[owner]bool{}
	for _, i := range st.Instances {
		owners[owner{i.AccountId, i.RegionId}] = true
	}
	out := map[string]model.InstanceStatus{}
	for o := range owners {
		c := w.f.ClientForAccount(o.account)
		for page := 1; ; page++ {
			resp, err := c.DescribeInstanceStatus(context.Background(), &model.DescribeInstanceStatusRequest{RegionId: o.region,
				Paging: model.Paging{PageNumber: page, PageSize: 50}})
			require.NoError(t, err)
			for _, s := range resp.InstanceStatuses.InstanceStatus {
				out[s.InstanceId] = model.InstanceStatus(s.Status)
			}
			if page*50 >= resp.TotalCount {
				break
			}
		}
	}
	return out
}

// checkLeases checks the fake's address leases: exactly the addresses its
// resources hold, each in the pool it came from (a vSwitch, or a region's
// classic or internet pool), none leaked by a delete.
func checkLeases(t require.TestingT, st engine.State) {
	type lease struct{ pool, ip, owner string }
	var want []lease
	for _, i := range st.Instances {
		pool := "classic/" + i.RegionId
		if i.VSwitchId != "" {
			pool = i.VSwitchId
		}
		want = append(want, lease{pool, i.PrivateIp, i.InstanceId})
	}
	for _, n := range st.NetworkInterfaces {
		for _, ip := range append([]string{n.PrimaryIpAddress}, n.SecondaryIps...) {
			want = append(want, lease{n.VSwitchId, ip, n.NetworkInterfaceId})
		}
	}
	for _, lb := range st.LoadBalancers {
		pool := "classic/" + lb.RegionId
		switch {
		case lb.VSwitchId != "":
			pool = lb.VSwitchId
		case lb.AddressType == model.AddressInternet:
			pool = "internet/" + lb.RegionId
		}
		want = append(want, lease{pool, lb.Address, lb.LoadBalancerId})
	}
	var got []lease
	for _, l := range st.IPs {
		got = append(got, lease{l.Pool, l.Ip, l.Owner})
	}
	cmp := func(a, b lease) int { return strings.Compare(a.pool+" "+a.ip, b.pool+" "+b.ip) }
	slices.SortFunc(want, cmp)
	slices.SortFunc(got, cmp)
	require.Equal(t, want, got, "the address leases are not the addresses in use")
}

// snapshotOf projects the fake's state on the model's terms; statuses, when
// given, are the statuses the instances show (else their settled ones).
func snapshotOf(st engine.State, statuses map[string]model.InstanceStatus) refmodel.Snapshot {
	var s refmodel.Snapshot
	for _, a := range st.Accounts {
		s.Accounts = append(s.Accounts, a.AccountId)
	}
	for _, v := range st.Vpcs {
		s.Vpcs = append(s.Vpcs, refmodel.Vpc{VpcId: v.VpcId, AccountId: v.AccountId, RegionId: v.RegionId, CidrBlock: v.CidrBlock})
	}
	for _, v := range st.VSwitches {
		s.VSwitches = append(s.VSwitches, refmodel.VSwitch{VSwitchId: v.VSwitchId, VpcId: v.VpcId, AccountId: v.AccountId,
			RegionId: v.RegionId, ZoneId: v.ZoneId, CidrBlock: v.CidrBlock})
	}
	for _, i := range st.Instances {
		status := i.Status
		if shown, ok := statuses[i.InstanceId]; ok {
			status = shown
		}
		s.Instances = append(s.Instances, refmodel.Instance{InstanceId: i.InstanceId, AccountId: i.AccountId, RegionId: i.RegionId,
			ZoneId: i.ZoneId, Status: status, NetworkType: i.NetworkType, VpcId: i.VpcId, VSwitchId: i.VSwitchId, PrivateIp: i.PrivateIp})
	}
	for _, n := range st.NetworkInterfaces {
		s.NetworkInterfaces = append(s.NetworkInterfaces, refmodel.ENI{NetworkInterfaceId: n.NetworkInterfaceId, AccountId: n.AccountId,
			RegionId: n.RegionId, ZoneId: n.ZoneId, VpcId: n.VpcId, VSwitchId: n.VSwitchId,
			Ips: append([]string{n.PrimaryIpAddress}, n.SecondaryIps...), InstanceId: n.InstanceId})
	}
	tagsOf := smTagsByLB(st)
	byLB := map[string][]model.Backend{}
	for _, b := range st.Backends {
		byLB[b.LoadBalancerId] = append(byLB[b.LoadBalancerId], b)
	}
	for _, lb := range st.LoadBalancers {
		bs := byLB[lb.LoadBalancerId]
		slices.SortFunc(bs, func(a, b model.Backend) int { return int(a.Seq) - int(b.Seq) })
		backends := []refmodel.Backend{}
		for _, b := range bs {
			backends = append(backends, refmodel.Backend{ServerId: b.ServerId, Type: b.Type, ServerIp: b.ServerIp,
				VpcId: b.VpcId, Weight: b.Weight, Description: b.Description})
		}
		s.LoadBalancers = append(s.LoadBalancers, refmodel.LoadBalancer{
			LoadBalancerId: lb.LoadBalancerId, AccountId: lb.AccountId, RegionId: lb.RegionId,
			LoadBalancerName: lb.LoadBalancerName, AddressType: lb.AddressType, NetworkType: lb.NetworkType,
			VpcId: lb.VpcId, VSwitchId: lb.VSwitchId, Address: lb.Address, LoadBalancerSpec: lb.LoadBalancerSpec,
			MasterZoneId: lb.MasterZoneId, SlaveZoneId: lb.SlaveZoneId, PayType: lb.PayType,
			InternetChargeType: lb.InternetChargeType, Bandwidth: lb.Bandwidth, Status: lb.Status,
			CreatedAt: lb.CreationTime.UTC(), Backends: backends,
			DeleteProtection: lb.DeleteProtection, ModProtection: smModProtection(lb.ModificationProtectionStatus),
			ModReason: lb.ModificationProtectionReason, CLCU: lb.InstanceChargeType == "PayByCLCU", Tags: tagsOf[lb.LoadBalancerId],
		})
	}
	s.Listeners = listenersSnapshotOf(st)
	s.VServerGroups = smGroupsOf(st)
	s.Sort()
	return s
}

// checkBackendInvariants checks the fake's own state, without the model:
// no server twice on one LB; every backend's LB and server exist, in the
// LB's account and region; every backend fits the network matrix; the
// backends of an LB are all classic or all in one VPC; no LB above quota.
// (A deleted instance is therefore on no LB.)
func checkBackendInvariants(t require.TestingT, st engine.State, quota int) {
	lbs := map[string]model.LoadBalancer{}
	for _, lb := range st.LoadBalancers {
		lbs[lb.LoadBalancerId] = lb
	}
	insts := map[string]model.Instance{}
	for _, i := range st.Instances {
		insts[i.InstanceId] = i
	}
	enis := map[string]model.NetworkInterface{}
	for _, n := range st.NetworkInterfaces {
		enis[n.NetworkInterfaceId] = n
		require.Equal(t, n.InstanceId != "", n.Status == model.ENIInUse, "ENI %s status %s with instance %q", n.NetworkInterfaceId, n.Status, n.InstanceId)
		if n.InstanceId != "" {
			_, ok := insts[n.InstanceId]
			require.True(t, ok, "ENI %s is attached to missing instance %s", n.NetworkInterfaceId, n.InstanceId)
		}
	}
	type key struct{ lb, id, ip string }
	seen := map[key]bool{}
	domains := map[string]map[string]bool{}
	count := map[string]int{}
	for _, b := range st.Backends {
		lb, ok := lbs[b.LoadBalancerId]
		require.True(t, ok, "backend %s on missing LB %s", b.ServerId, b.LoadBalancerId)
		k := key{b.LoadBalancerId, b.ServerId, b.ServerIp}
		if b.Type == model.ServerECS {
			k.ip = ""
			require.Empty(t, b.KeyIp, "ecs backend %s has a KeyIp", b.ServerId)
		} else {
			require.Equal(t, b.ServerIp, b.KeyIp, "eni backend %s", b.ServerId)
		}
		require.False(t, seen[k], "server %s (%s) attached twice to %s", b.ServerId, k.ip, b.LoadBalancerId)
		seen[k] = true
		count[b.LoadBalancerId]++
		var domain string
		switch b.Type {
		case model.ServerECS:
			i, ok := insts[b.ServerId]
			require.True(t, ok, "backend %s of %s: no such instance", b.ServerId, b.LoadBalancerId)
			require.Equal(t, [2]string{lb.AccountId, lb.RegionId}, [2]string{i.AccountId, i.RegionId}, "backend %s of %s: owner", b.ServerId, lb.LoadBalancerId)
			require.Equal(t, i.PrivateIp, b.ServerIp)
			require.Equal(t, i.VpcId, b.VpcId)
			switch {
			case lb.AddressType == model.AddressInternet:
			case lb.NetworkType == model.NetworkVPC:
				require.True(t, i.NetworkType == model.NetworkVPC && i.VpcId == lb.VpcId, "VPC LB %s has %s of %s/%s", lb.LoadBalancerId, i.InstanceId, i.NetworkType, i.VpcId)
			default:
				require.Equal(t, model.NetworkClassic, i.NetworkType, "classic intranet LB %s has VPC instance %s", lb.LoadBalancerId, i.InstanceId)
			}
			domain = string(i.NetworkType) + "/" + i.VpcId
		case model.ServerENI:
			n, ok := enis[b.ServerId]
			require.True(t, ok, "backend %s of %s: no such ENI", b.ServerId, b.LoadBalancerId)
			require.Equal(t, [2]string{lb.AccountId, lb.RegionId}, [2]string{n.AccountId, n.RegionId}, "backend %s of %s: owner", b.ServerId, lb.LoadBalancerId)
			require.True(t, n.HasIp(b.ServerIp), "ENI backend %s by IP %s it does not have", b.ServerId, b.ServerIp)
			require.NotEmpty(t, n.InstanceId, "ENI backend %s of %s: the ENI is detached", b.ServerId, b.LoadBalancerId)
			require.True(t, lb.NetworkType == model.NetworkVPC && (lb.LoadBalancerSpec != "" || lb.InstanceChargeType == "PayByCLCU") && lb.VpcId == n.VpcId,
				"ENI %s of %s on LB %s (%s, spec %q, %s)", n.NetworkInterfaceId, n.VpcId, lb.LoadBalancerId, lb.NetworkType, lb.LoadBalancerSpec, lb.VpcId)
			domain = "vpc/" + n.VpcId
		default:
			require.Failf(t, "backend type", "backend %s of %s has type %q", b.ServerId, b.LoadBalancerId, b.Type)
		}
		if domains[b.LoadBalancerId] == nil {
			domains[b.LoadBalancerId] = map[string]bool{}
		}
		domains[b.LoadBalancerId][domain] = true
	}
	for lb, ds := range domains {
		require.Len(t, ds, 1, "LB %s mixes networks: %v", lb, ds)
	}
	for lb, n := range count {
		require.LessOrEqual(t, n, quota, "LB %s is above its quota", lb)
	}
}
