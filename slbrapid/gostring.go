package slbrapid

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

// GoString renders the plan as a Go statement: f.SetFaults with one
// fake.FaultRule literal per rule (only the fields set), or f.ClearFaults()
// for an empty plan.
func (p FaultPlan) GoString() string {
	if len(p) == 0 {
		return "f.ClearFaults()"
	}
	return "f.SetFaults(" + p.rulesGo("") + ")"
}

// rulesGo renders the rule literals: on one line for one rule, one a line
// (indented by indent) for more.
func (p FaultPlan) rulesGo(indent string) string {
	if len(p) == 1 {
		return ruleGo(p[0])
	}
	var b strings.Builder
	b.WriteString("\n")
	for _, r := range p {
		b.WriteString(indent + "\t" + ruleGo(r) + ",\n")
	}
	b.WriteString(indent)
	return b.String()
}

func ruleGo(r fake.FaultRule) string {
	var fields []string
	add := func(name, value string) { fields = append(fields, name+": "+value) }
	str := func(name, v string) {
		if v != "" {
			add(name, strconv.Quote(v))
		}
	}
	num := func(name string, v int) {
		if v != 0 {
			add(name, strconv.Itoa(v))
		}
	}
	flag := func(name string, v bool) {
		if v {
			add(name, "true")
		}
	}
	str("Name", r.Name)
	str("Action", r.Action)
	str("Account", r.Account)
	str("ResourceId", r.ResourceId)
	if r.When != nil {
		add("When", "nil /* a Go func: not printable */")
	}
	switch e := r.Error; {
	case r.ErrorEntry != "":
		str("ErrorEntry", r.ErrorEntry)
		if len(r.ErrorArgs) > 0 {
			add("ErrorArgs", fmt.Sprintf("%#v", r.ErrorArgs))
		}
	case e != nil && e.Entry() != "":
		add("ErrorEntry", strconv.Quote(e.Entry())+" /* was Error */")
	case e != nil:
		add("ErrorCode", strconv.Quote(string(e.Code))+" /* was Error */")
		str("ErrorMessage", e.Message)
		add("HTTPStatus", strconv.Itoa(e.HTTPStatus))
	default:
		str("ErrorCode", string(r.ErrorCode))
		str("ErrorMessage", r.ErrorMessage)
		if r.HTTPStatus != 0 {
			add("HTTPStatus", strconv.Itoa(r.HTTPStatus))
		}
	}
	flag("AfterCommit", r.AfterCommit)
	flag("DropConnection", r.DropConnection)
	if r.Throttle != nil {
		add("Throttle", fmt.Sprintf("&fake.TokenBucket{Rate: %s, Burst: %d}", strconv.FormatFloat(r.Throttle.Rate, 'g', -1, 64), r.Throttle.Burst))
	}
	num("First", r.First)
	num("Every", r.Every)
	num("After", r.After)
	if r.Probability != 0 {
		add("Probability", strconv.FormatFloat(r.Probability, 'g', -1, 64))
	}
	if r.Latency != 0 {
		add("Latency", durationGo(time.Duration(r.Latency), "fake.Duration"))
	}
	return "fake.FaultRule{" + strings.Join(fields, ", ") + "}"
}

// durationGo renders d as a Go constant expression, converted to typ.
func durationGo(d time.Duration, typ string) string {
	var e string
	switch {
	case d%time.Second == 0:
		e = fmt.Sprintf("%d * time.Second", d/time.Second)
	case d%time.Millisecond == 0:
		e = fmt.Sprintf("%d * time.Millisecond", d/time.Millisecond)
	default:
		e = fmt.Sprintf("%d", int64(d))
	}
	if typ == "" {
		return e
	}
	return typ + "(" + e + ")"
}

var instanceStatusGo = map[model.InstanceStatus]string{
	model.StatusPending: "model.StatusPending", model.StatusStarting: "model.StatusStarting",
	model.StatusRunning: "model.StatusRunning", model.StatusStopping: "model.StatusStopping",
	model.StatusStopped: "model.StatusStopped",
}

var lbStatusGo = map[model.LoadBalancerStatus]string{
	model.LBActive: "model.LBActive", model.LBInactive: "model.LBInactive", model.LBLocked: "model.LBLocked",
}

// GoString renders the world as Go statements that rebuild it with the
// fixtures, exactly as Build does: f := fake.New(...), then a must helper,
// then one fixture call a line. Paste it into a test (imports: context, fake,
// model).
func (w WorldSpec) GoString() string {
	var opts []string
	if w.BackendQuota > 0 {
		opts = append(opts, fmt.Sprintf("fake.WithBackendQuota(%d)", w.BackendQuota))
	}
	body := w.buildGo()
	if body == "" {
		body = "_ = f\n"
	}
	return "f := fake.New(" + strings.Join(opts, ", ") + ")\n" + body
}

func regionOr(r string) string {
	if r == "" {
		return "cn-hangzhou"
	}
	return r
}

// buildGo renders the statements of Build, on a fake named f. It declares
// must when it needs it.
func (w WorldSpec) buildGo() string {
	var lines []string
	put := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	for _, v := range w.Vpcs {
		put("must(f.PutVpc(model.Vpc{VpcId: %q, RegionId: %q, CidrBlock: %q}))", v.Id, v.Region, v.Cidr)
		for _, s := range v.VSwitches {
			put("must(f.PutVSwitch(model.VSwitch{VSwitchId: %q, VpcId: %q, RegionId: %q, ZoneId: %q, CidrBlock: %q}))",
				s.Id, v.Id, v.Region, s.Zone, s.Cidr)
		}
	}
	for _, in := range w.Instances {
		if in.VSwitchId == "" {
			put("must(f.PutInstance(model.Instance{InstanceId: %q, RegionId: %q}))", in.Id, in.Region)
		} else {
			put("must(f.PutInstance(model.Instance{InstanceId: %q, RegionId: %q, VSwitchId: %q}))", in.Id, in.Region, in.VSwitchId)
		}
	}
	for _, e := range w.ENIs {
		if e.InstanceId == "" {
			put("must(f.PutNetworkInterface(model.NetworkInterface{NetworkInterfaceId: %q, RegionId: %q, VSwitchId: %q}))",
				e.Id, e.Region, e.VSwitchId)
		} else {
			put("must(f.PutNetworkInterface(model.NetworkInterface{NetworkInterfaceId: %q, RegionId: %q, VSwitchId: %q, InstanceId: %q}))",
				e.Id, e.Region, e.VSwitchId, e.InstanceId)
		}
	}
	groups := 0
	for _, lb := range w.LoadBalancers {
		fields := fmt.Sprintf("LoadBalancerId: %q, RegionId: %q", lb.Id, lb.Region)
		switch lb.Kind {
		case IntranetVPCLB:
			fields += fmt.Sprintf(", VSwitchId: %q", lb.VSwitchId)
		case IntranetClassicLB:
			fields += ", AddressType: model.AddressIntranet"
		default:
			fields += ", AddressType: model.AddressInternet"
		}
		if lb.Spec != "" {
			fields += fmt.Sprintf(", LoadBalancerSpec: %q", lb.Spec)
		}
		put("must(f.PutLoadBalancer(model.LoadBalancer{%s}))", fields)
		siblings, members := lb.siblingsGo(&groups)
		lines = append(lines, siblings...)
		if len(lb.Backends) > 0 {
			put("must(f.Client().AddBackendServers(context.Background(), &model.AddBackendServersRequest{RegionId: %q, LoadBalancerId: %q,\n\tBackendServers: %s}))",
				regionOr(lb.Region), lb.Id, goStringLit(lb.backendServers()))
		}
		lines = append(lines, members...)
	}
	for _, in := range w.Instances {
		if in.Status != "" && in.Status != model.StatusRunning {
			put("must(nil, f.ForceInstanceStatus(%q, %s))", in.Id, statusGo(instanceStatusGo[in.Status], string(in.Status)))
		}
	}
	for _, lb := range w.LoadBalancers {
		if lb.Status != "" && lb.Status != model.LBActive {
			put("must(nil, f.ForceLoadBalancerStatus(%q, %s))", lb.Id, statusGo(lbStatusGo[lb.Status], string(lb.Status)))
		}
	}
	if len(lines) == 0 {
		return ""
	}
	decl := mustDecl
	if strings.Contains(strings.Join(lines, "\n"), "mustGroup(") {
		decl += mustGroupDecl
	}
	return decl + strings.Join(lines, "\n") + "\nf.ResetCalls()\n"
}

const mustDecl = `must := func(_ any, err error) {
	if err != nil {
		panic(err)
	}
}
`

func statusGo(constant, value string) string {
	if constant != "" {
		return constant
	}
	return strconv.Quote(value)
}

// goStringLit quotes s as a raw string literal when it can, an interpreted
// one otherwise.
func goStringLit(s string) string {
	if !strings.ContainsAny(s, "`\r") && strconv.CanBackquote(s) {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}
