package fake_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/internal/refmodel"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestStateMachine drives the fake and the reference model (internal/refmodel)
// with the same long random sequences of calls and compares them after every
// call: every response, every error (HTTP status, code, message), and the
// whole world. After every step it also checks the invariants of the backend
// lists on the fake's own state, and that a failed call changed nothing.
//
// The default run is rapid's (100 sequences); for a longer one:
//
//	go test ./fake -run TestStateMachine -rapid.checks=5000 -rapid.steps=200
func TestStateMachine(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		quota := rapid.IntRange(3, 6).Draw(rt, "quota")
		seed := rapid.Uint64Range(0, 1<<20).Draw(rt, "seed")
		now := smNow()
		w := &smWorld{
			f:     fake.New(fake.WithSeed(seed), fake.WithClock(fake.ClockFunc(smNow)), fake.WithBackendQuota(quota)),
			m:     refmodel.New(refmodel.Config{Quota: quota, Now: now}),
			quota: quota,
		}
		w.bootstrap(rt)
		rt.Repeat(w.actions())
	})
}

// smNow is the fake's fixed clock in the state-machine test.
func smNow() time.Time { return time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC) }

// The accounts and regions of the test: A in its home region is the main
// caller; B and the second region check isolation.
const (
	smAcctA   = fake.DefaultAccountId
	smAcctB   = "2222333344445555"
	smRegionA = "cn-hangzhou"
	smRegionB = "cn-beijing"
)

// smUnknownIDs are IDs nobody ever created.
func smUnknownIDs() []string {
	return []string{"i-bp1unknown0000000000", "eni-bp1unknown000000000", "eci-bp1unknown000000000", "lb-bp1unknown0000000000", "vsw-bp1unknown000000000"}
}

// smWorld is one run: the fake, the model, and every ID handed out so far
// (deleted ones stay: they are the "deleted" unknown IDs).
type smWorld struct {
	f     *fake.Fake
	m     *refmodel.Model
	quota int

	vpcs      []string
	vswitches []string
	instances []string
	enis      []string
	lbs       []string
	// vswCount numbers the vSwitches of each VPC, for distinct CIDR blocks.
	vswCount map[string]int
}

func (w *smWorld) actions() map[string]func(*rapid.T) {
	return map[string]func(*rapid.T){
		"AddBackendServers":             func(t *rapid.T) { w.backendCall(t, "Add") },
		"AddBackendServers2":            func(t *rapid.T) { w.backendCall(t, "Add") },
		"AddBackendServersBatch":        w.addBatch,
		"RemoveBackendServers":          func(t *rapid.T) { w.backendCall(t, "Remove") },
		"SetBackendServers":             func(t *rapid.T) { w.backendCall(t, "Set") },
		"SetBackendServers2":            func(t *rapid.T) { w.backendCall(t, "Set") },
		"CreateLoadBalancer":            w.createLoadBalancer,
		"DeleteLoadBalancer":            w.deleteLoadBalancer,
		"SetLoadBalancerStatus":         w.setLoadBalancerStatus,
		"DescribeLoadBalancers":         w.describeLoadBalancers,
		"DescribeLoadBalancerAttribute": w.describeLoadBalancerAttribute,
		"PutVpc":                        w.putVpcAction,
		"PutVSwitch":                    w.putVSwitchAction,
		"PutInstance":                   w.putInstanceAction,
		"PutNetworkInterface":           w.putNetworkInterfaceAction,
		"PutLoadBalancer":               w.putLoadBalancerAction,
		"ForceInstanceStatus":           w.forceInstanceStatus,
		"ForceLoadBalancerStatus":       w.forceLoadBalancerStatus,
		"RunInstances":                  w.runInstances,
		"CreateInstance":                w.createInstance,
		"StartInstance":                 func(t *rapid.T) { w.lifecycle(t, "Start") },
		"StopInstance":                  func(t *rapid.T) { w.lifecycle(t, "Stop") },
		"DeleteInstance":                func(t *rapid.T) { w.lifecycle(t, "Delete") },
		"":                              w.check,
	}
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

func (w *smWorld) drawBackendServers(t *rapid.T, op string, lbId string) string {
	lb, _ := w.m.LoadBalancerOf(lbId)
	switch smPick(t, "bsShape", 86, 5, 9) {
	case 1: // absent or empty: a successful no-op
		return rapid.SampledFrom([]string{"", "[]", "  ", " [ ] "}).Draw(t, "empty")
	case 2:
		return rapid.SampledFrom([]string{
			"not json", "[{", `{"ServerId":"i-x"}`, "[1,2]", "[null]", "[{}]", `[{"ServerId":5}]`,
			`[{"ServerId":"i-x",}]`, `[{"ServerId":"i-x"}] trailing`, `[{'ServerId':"i-x'}]`, `[[]]`,
		}).Draw(t, "malformed")
	}
	var n int
	clean := smPick(t, "clean", 2, 1) == 0
	switch smPick(t, "count", 80, 12, 4, 4) {
	case 0:
		n = rapid.IntRange(1, 4).Draw(t, "n")
	case 1:
		n = rapid.IntRange(4, 8).Draw(t, "n")
	case 2:
		n = rapid.IntRange(19, 20).Draw(t, "n")
	default:
		n = rapid.IntRange(21, 23).Draw(t, "n")
	}
	elems := make([]smElem, 0, n)
	for range n {
		elems = append(elems, w.drawElem(t, op, lb, elems, clean))
	}
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
	return renderElems(elems, quotes)
}

// ---------------------------------------------------------------------------
// Comparing the fake with the model.

const smRequestIdRE = `^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`

type smErr struct {
	HTTPStatus     int
	Code           model.Code
	Message, Entry string
}

// smSame asserts that the fake's answer (got, gotErr) is the model's (want,
// wantErr), RequestId aside (it must be well formed).
func smSame[R any](t *rapid.T, what string, got *R, gotErr error, want *R, wantErr *model.Error) {
	t.Helper()
	if wantErr != nil {
		require.Error(t, gotErr, "%s: the model fails with %s %q, the fake succeeds with %+v", what, wantErr.Code, wantErr.Message, got)
		var e *model.Error
		require.ErrorAs(t, gotErr, &e, "%s", what)
		require.Equal(t, smErr{wantErr.HTTPStatus, wantErr.Code, wantErr.Message, wantErr.Entry()}, smErr{e.HTTPStatus, e.Code, e.Message, e.Entry()}, "%s: error", what)
		require.Regexp(t, smRequestIdRE, e.RequestId)
		return
	}
	require.NoError(t, gotErr, "%s: the model succeeds with %+v", what, want)
	rid := reflect.ValueOf(got).Elem().FieldByName("RequestId")
	require.Regexp(t, smRequestIdRE, rid.String())
	rid.SetString("")
	require.Equal(t, want, got, "%s: response", what)
}

// mutate runs one mutating API call on the fake and the model and compares
// them; a failed call must leave the fake's state exactly as it was.
func mutate[R any](t *rapid.T, w *smWorld, what string, call func() (*R, error), ref func() (*R, *model.Error)) (*R, error) {
	t.Helper()
	before := w.f.State()
	got, err := call()
	want, wantErr := ref()
	smSame(t, what, got, err, want, wantErr)
	if err != nil {
		require.Equal(t, before, w.f.State(), "%s failed but changed the state", what)
	}
	return got, err
}

// read runs one read-only call and compares; it must not change the state.
func read[R any](t *rapid.T, w *smWorld, what string, call func() (*R, error), ref func() (*R, *model.Error)) {
	t.Helper()
	before := w.f.State()
	got, err := call()
	want, wantErr := ref()
	smSame(t, what, got, err, want, wantErr)
	require.Equal(t, before, w.f.State(), "%s is a read but changed the state", what)
}

// ---------------------------------------------------------------------------
// SLB actions.

func (w *smWorld) backendCall(t *rapid.T, op string) {
	lbId, account, region := w.drawLB(t, 85, op != "Add")
	req := &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: lbId, BackendServers: w.drawBackendServers(t, op, lbId)}
	c := w.f.ClientForAccount(account)
	ctx := context.Background()
	what := fmt.Sprintf("%sBackendServers as %s %+v", op, account, *req)
	t.Log(what)
	switch op {
	case "Add":
		mutate(t, w, what, func() (*model.BackendServersResponse, error) { return c.AddBackendServers(ctx, req) },
			func() (*model.BackendServersResponse, *model.Error) { return w.m.AddBackendServers(account, req) })
	case "Remove":
		mutate(t, w, what, func() (*model.BackendServersResponse, error) { return c.RemoveBackendServers(ctx, req) },
			func() (*model.BackendServersResponse, *model.Error) { return w.m.RemoveBackendServers(account, req) })
	default:
		mutate(t, w, what, func() (*model.BackendServersResponse, error) { return c.SetBackendServers(ctx, req) },
			func() (*model.BackendServersResponse, *model.Error) { return w.m.SetBackendServers(account, req) })
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
	c := w.f.ClientForAccount(lb.AccountId)
	what := fmt.Sprintf("AddBackendServers (batch) as %s %+v", lb.AccountId, *req)
	t.Log(what)
	mutate(t, w, what, func() (*model.BackendServersResponse, error) { return c.AddBackendServers(context.Background(), req) },
		func() (*model.BackendServersResponse, *model.Error) { return w.m.AddBackendServers(lb.AccountId, req) })
}

func (w *smWorld) createLoadBalancer(t *rapid.T) {
	account, home := w.drawOwner(t)
	req := &model.CreateLoadBalancerRequest{RegionId: drawRegion(t, home)}
	req.AddressType = []string{"", "internet", "intranet", "intranet", "Internet"}[smPick(t, "addressType", 3, 3, 5, 0, 1)]
	switch smPick(t, "vswitch", 5, 5, 1) {
	case 1:
		req.VSwitchId = smFrom(t, "vswitchId", w.vswitches)
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
	c := w.f.ClientForAccount(account)
	what := fmt.Sprintf("CreateLoadBalancer as %s %+v", account, *req)
	t.Log(what)
	var got *model.CreateLoadBalancerResponse
	resp, err := mutate(t, w, what,
		func() (*model.CreateLoadBalancerResponse, error) {
			var err error
			got, err = c.CreateLoadBalancer(context.Background(), req)
			return got, err
		},
		func() (*model.CreateLoadBalancerResponse, *model.Error) {
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
	if err == nil {
		w.lbs = append(w.lbs, resp.LoadBalancerId)
	}
}

func (w *smWorld) deleteLoadBalancer(t *rapid.T) {
	lbId, account, region := w.drawLB(t, 12, false) // deletes are rarer than the other calls
	req := &model.DeleteLoadBalancerRequest{RegionId: region, LoadBalancerId: lbId}
	c := w.f.ClientForAccount(account)
	what := fmt.Sprintf("DeleteLoadBalancer as %s %+v", account, *req)
	t.Log(what)
	mutate(t, w, what, func() (*model.DeleteLoadBalancerResponse, error) {
		return c.DeleteLoadBalancer(context.Background(), req)
	},
		func() (*model.DeleteLoadBalancerResponse, *model.Error) { return w.m.DeleteLoadBalancer(account, req) })
}

func (w *smWorld) setLoadBalancerStatus(t *rapid.T) {
	lbId, account, region := w.drawLB(t, 85, false)
	status := []string{"active", "inactive", "", "locked", "Active"}[smPick(t, "status", 5, 5, 1, 1, 1)]
	req := &model.SetLoadBalancerStatusRequest{RegionId: region, LoadBalancerId: lbId, LoadBalancerStatus: status}
	c := w.f.ClientForAccount(account)
	what := fmt.Sprintf("SetLoadBalancerStatus as %s %+v", account, *req)
	t.Log(what)
	mutate(t, w, what, func() (*model.SetLoadBalancerStatusResponse, error) {
		return c.SetLoadBalancerStatus(context.Background(), req)
	},
		func() (*model.SetLoadBalancerStatusResponse, *model.Error) {
			return w.m.SetLoadBalancerStatus(account, req)
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
	switch smPick(t, "paging", 6, 3, 1, 1) {
	case 1:
		req.PageNumber = rapid.IntRange(0, 3).Draw(t, "pageNumber")
		req.PageSize = rapid.IntRange(0, 3).Draw(t, "pageSize")
	case 2:
		req.PageNumber = -1
	case 3:
		req.PageSize = rapid.SampledFrom([]int{-1, 100, 101}).Draw(t, "pageSize")
	}
	c := w.f.ClientForAccount(account)
	what := fmt.Sprintf("DescribeLoadBalancers as %s %+v", account, *req)
	t.Log(what)
	read(t, w, what, func() (*model.DescribeLoadBalancersResponse, error) {
		return c.DescribeLoadBalancers(context.Background(), req)
	},
		func() (*model.DescribeLoadBalancersResponse, *model.Error) {
			return w.m.DescribeLoadBalancers(account, req)
		})
}

func (w *smWorld) describeLoadBalancerAttribute(t *rapid.T) {
	lbId, account, region := w.drawLB(t, 85, false)
	req := &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: lbId}
	c := w.f.ClientForAccount(account)
	what := fmt.Sprintf("DescribeLoadBalancerAttribute as %s %+v", account, *req)
	t.Log(what)
	read(t, w, what, func() (*model.DescribeLoadBalancerAttributeResponse, error) {
		return c.DescribeLoadBalancerAttribute(context.Background(), req)
	}, func() (*model.DescribeLoadBalancerAttributeResponse, *model.Error) {
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
	if own := w.ownedVSwitches(account, req.RegionId); smPick(t, "instNet", 1, 1, 0) == 1 && len(own) > 0 {
		req.VSwitchId = rapid.SampledFrom(own).Draw(t, "runVSwitch")
	} else if smPick(t, "badVSwitch", 15, 1) == 1 {
		req.VSwitchId = smFrom(t, "anyVSwitch", append(w.vswitches, "vsw-bp1unknown000000000"))
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
	c := w.f.ClientForAccount(account)
	what := fmt.Sprintf("RunInstances as %s %+v", account, *req)
	t.Log(what)
	var got *model.RunInstancesResponse
	resp, err := mutate(t, w, what, func() (*model.RunInstancesResponse, error) {
		var err error
		got, err = c.RunInstances(context.Background(), req)
		return got, err
	}, func() (*model.RunInstancesResponse, *model.Error) {
		var a []refmodel.Assigned
		if got != nil {
			a = w.assignedInstances(t, got.InstanceIdSets.InstanceIdSet)
		}
		return w.m.RunInstances(account, req, a)
	})
	if err == nil {
		w.instances = append(w.instances, resp.InstanceIdSets.InstanceIdSet...)
	}
}

func (w *smWorld) createInstance(t *rapid.T) {
	account, r := w.drawInstanceRequest(t)
	req := &model.CreateInstanceRequest{RegionId: r.RegionId, ZoneId: r.ZoneId, ImageId: r.ImageId, InstanceType: r.InstanceType,
		VSwitchId: r.VSwitchId, InstanceName: r.InstanceName}
	c := w.f.ClientForAccount(account)
	what := fmt.Sprintf("CreateInstance as %s %+v", account, *req)
	t.Log(what)
	var got *model.CreateInstanceResponse
	resp, err := mutate(t, w, what, func() (*model.CreateInstanceResponse, error) {
		var err error
		got, err = c.CreateInstance(context.Background(), req)
		return got, err
	}, func() (*model.CreateInstanceResponse, *model.Error) {
		var a refmodel.Assigned
		if got != nil {
			a = w.assignedInstances(t, []string{got.InstanceId})[0]
		}
		return w.m.CreateInstance(account, req, a)
	})
	if err == nil {
		w.instances = append(w.instances, resp.InstanceId)
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
	c := w.f.ClientForAccount(account)
	ctx := context.Background()
	switch op {
	case "Start":
		req := &model.StartInstanceRequest{RegionId: region, InstanceId: id}
		what := fmt.Sprintf("StartInstance as %s %+v", account, *req)
		t.Log(what)
		mutate(t, w, what, func() (*model.StartInstanceResponse, error) { return c.StartInstance(ctx, req) },
			func() (*model.StartInstanceResponse, *model.Error) { return w.m.StartInstance(account, req) })
	case "Stop":
		req := &model.StopInstanceRequest{RegionId: region, InstanceId: id, ForceStop: smPick(t, "forceStop", 3, 1) == 1}
		what := fmt.Sprintf("StopInstance as %s %+v", account, *req)
		t.Log(what)
		mutate(t, w, what, func() (*model.StopInstanceResponse, error) { return c.StopInstance(ctx, req) },
			func() (*model.StopInstanceResponse, *model.Error) { return w.m.StopInstance(account, req) })
	default:
		req := &model.DeleteInstanceRequest{RegionId: region, InstanceId: id, Force: smPick(t, "force", 1, 1) == 1}
		what := fmt.Sprintf("DeleteInstance as %s %+v", account, *req)
		t.Log(what)
		mutate(t, w, what, func() (*model.DeleteInstanceResponse, error) { return c.DeleteInstance(ctx, req) },
			func() (*model.DeleteInstanceResponse, *model.Error) { return w.m.DeleteInstance(account, req) })
	}
}

// ---------------------------------------------------------------------------
// Fixtures. Each stores through the fake's fixture and tells the model what
// the fake chose; fixtures take valid references only (a fixture's own errors
// are Go errors, not API behaviour).

func (w *smWorld) putVpc(t *rapid.T, account, region string) string {
	v, err := w.f.PutVpc(model.Vpc{AccountId: account, RegionId: region})
	require.NoError(t, err)
	w.m.PutVpc(account, region, v.VpcId)
	w.vpcs = append(w.vpcs, v.VpcId)
	return v.VpcId
}

func (w *smWorld) putVSwitch(t *rapid.T, vpcId, zone string) string {
	vpc := w.findVpc(vpcId)
	n := w.vswCount[vpcId]
	w.vswCount[vpcId] = n + 1
	cidr := fmt.Sprintf("172.%d.%d.0/24", 16+n/256, n%256)
	v, err := w.f.PutVSwitch(model.VSwitch{AccountId: vpc.AccountId, RegionId: vpc.RegionId, VpcId: vpcId, ZoneId: zone, CidrBlock: cidr})
	require.NoError(t, err)
	w.m.PutVSwitch(vpc.AccountId, vpc.RegionId, v.VSwitchId, vpcId, zone)
	w.vswitches = append(w.vswitches, v.VSwitchId)
	return v.VSwitchId
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
// instances in two VPCs, ENIs with secondary IPs, LBs of every network kind,
// and resources of a second account and a second region.
func (w *smWorld) bootstrap(t *rapid.T) {
	w.vswCount = map[string]int{}
	vpc1 := w.putVpc(t, smAcctA, smRegionA)
	vpc2 := w.putVpc(t, smAcctA, smRegionA)
	vsw1 := w.putVSwitch(t, vpc1, "cn-hangzhou-h")
	vsw2 := w.putVSwitch(t, vpc2, "")
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
	internet := w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctA, RegionId: smRegionA})
	w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctA, RegionId: smRegionA, AddressType: model.AddressIntranet})
	w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctA, RegionId: smRegionA, VSwitchId: vsw1, LoadBalancerSpec: "slb.s2.small"})
	w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctA, RegionId: smRegionA, VSwitchId: vsw1})
	w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctA, RegionId: smRegionA, VSwitchId: vsw2, LoadBalancerSpec: "slb.s1.small"})
	// The internet LB starts with two backends, through the API.
	req := &model.AddBackendServersRequest{RegionId: smRegionA, LoadBalancerId: internet,
		BackendServers: `[{"ServerId":"` + classic[0] + `"},{"ServerId":"` + classic[1] + `","Weight":"50"}]`}
	mutate(t, w, "bootstrap AddBackendServers", func() (*model.BackendServersResponse, error) {
		return w.f.Client().AddBackendServers(context.Background(), req)
	}, func() (*model.BackendServersResponse, *model.Error) { return w.m.AddBackendServers(smAcctA, req) })
	// Another account and another region, each with a classic instance
	// and an internet LB.
	w.putInstance(t, smAcctB, smRegionA, "", model.StatusRunning)
	w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctB, RegionId: smRegionA})
	w.putInstance(t, smAcctA, smRegionB, "", model.StatusRunning)
	w.putLB(t, refmodel.LoadBalancerFixture{AccountId: smAcctA, RegionId: smRegionB})
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
	if own := w.ownedVSwitches(account, region); len(own) > 0 && smPick(t, "instVpc", 1, 1) == 1 {
		vsw = rapid.SampledFrom(own).Draw(t, "instVSwitch")
	}
	w.putInstance(t, account, region, vsw, drawStatus(t))
}

func (w *smWorld) putNetworkInterfaceAction(t *rapid.T) {
	account, region := w.drawOwner(t)
	own := w.ownedVSwitches(account, region)
	if len(own) == 0 {
		t.Skip("no vSwitch for this owner")
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
		if own := w.ownedVSwitches(account, region); len(own) > 0 {
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
	require.Equal(t, w.m.Snapshot(), snapshotOf(st), "the fake's world differs from the model's")
}

// snapshotOf projects the fake's state on the model's terms.
func snapshotOf(st engine.State) refmodel.Snapshot {
	var s refmodel.Snapshot
	for _, a := range st.Accounts {
		s.Accounts = append(s.Accounts, a.AccountId)
	}
	for _, v := range st.Vpcs {
		s.Vpcs = append(s.Vpcs, refmodel.Vpc{VpcId: v.VpcId, AccountId: v.AccountId, RegionId: v.RegionId})
	}
	for _, v := range st.VSwitches {
		s.VSwitches = append(s.VSwitches, refmodel.VSwitch{VSwitchId: v.VSwitchId, VpcId: v.VpcId, AccountId: v.AccountId, RegionId: v.RegionId, ZoneId: v.ZoneId})
	}
	for _, i := range st.Instances {
		s.Instances = append(s.Instances, refmodel.Instance{InstanceId: i.InstanceId, AccountId: i.AccountId, RegionId: i.RegionId,
			ZoneId: i.ZoneId, Status: i.Status, NetworkType: i.NetworkType, VpcId: i.VpcId, VSwitchId: i.VSwitchId, PrivateIp: i.PrivateIp})
	}
	for _, n := range st.NetworkInterfaces {
		s.NetworkInterfaces = append(s.NetworkInterfaces, refmodel.ENI{NetworkInterfaceId: n.NetworkInterfaceId, AccountId: n.AccountId,
			RegionId: n.RegionId, ZoneId: n.ZoneId, VpcId: n.VpcId, VSwitchId: n.VSwitchId,
			Ips: append([]string{n.PrimaryIpAddress}, n.SecondaryIps...), InstanceId: n.InstanceId})
	}
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
			InternetChargeType: lb.InternetChargeType, Bandwidth: lb.Bandwidth, Status: lb.Status, Backends: backends,
		})
	}
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
			require.True(t, lb.NetworkType == model.NetworkVPC && lb.LoadBalancerSpec != "" && lb.VpcId == n.VpcId,
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
