package service_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/slbfake/slbfake/examples/reconciler"
	"github.com/slbfake/slbfake/examples/service"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

// region is where every test world lives; cluster is its cluster ID.
const (
	region  = "cn-hangzhou"
	cluster = "c0ffee"
)

// start is the virtual clock's reading when a world is built.
var start = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// web is the Service most tests reconcile.
var web = service.Service{
	Namespace: "default", Name: "web", UID: "6a1c9e1e-3f4b-4d0a-9b7e-2f5d8c7a1b00", Generation: 1,
	Port: 80, NodePort: 30080,
}

// world is a fake on a virtual clock with one VPC, one vSwitch and n
// instances (the nodes), and a Controller over it.
type world struct {
	f     *fake.Fake
	clock *fake.VirtualClock
	vsw   string
	nodes []string
	ctl   *service.Controller
}

// newWorld builds a world of n Running instances; opts go to fake.New after
// the seed and the clock.
func newWorld(n int, opts ...fake.Option) (*world, error) {
	w := &world{clock: fake.NewVirtualClock(start)}
	w.f = fake.New(append([]fake.Option{fake.WithSeed(1), fake.WithClock(w.clock)}, opts...)...)
	vpc, err := w.f.PutVpc(model.Vpc{RegionId: region, CidrBlock: "10.0.0.0/8"})
	if err != nil {
		return nil, err
	}
	vsw, err := w.f.PutVSwitch(model.VSwitch{RegionId: region, VpcId: vpc.VpcId, CidrBlock: "10.1.0.0/16"})
	if err != nil {
		return nil, err
	}
	w.vsw = vsw.VSwitchId
	for range n {
		inst, err := w.f.PutInstance(model.Instance{RegionId: region, VSwitchId: vsw.VSwitchId})
		if err != nil {
			return nil, err
		}
		w.nodes = append(w.nodes, inst.InstanceId)
	}
	w.ctl = &service.Controller{API: w.f.Client(), Sleeper: reconciler.VirtualSleeper{Clock: w.clock}, Region: region, ClusterID: cluster}
	return w, nil
}

// lbs returns the IDs of the LBs that carry svc's tag or have its name.
func (w *world) lbs(svc service.Service) []string {
	st := w.f.State()
	var out []string
	for _, lb := range st.LoadBalancers {
		tagged := slices.ContainsFunc(st.ResourceTags, func(t model.ResourceTag) bool {
			return t.ResourceId == lb.LoadBalancerId && t.TagKey == service.TagKey && t.TagValue == svc.UID
		})
		if tagged || lb.LoadBalancerName == svc.LoadBalancerName() {
			out = append(out, lb.LoadBalancerId)
		}
	}
	return out
}

// desired is the member set a reconcile of nodes must leave: the Running
// ones, on the node port, with the Service's weight.
func (w *world) desired(svc service.Service, nodes []string) map[model.GroupKey]int {
	status := map[string]model.InstanceStatus{}
	for _, inst := range w.f.State().Instances {
		status[inst.InstanceId] = inst.Status
	}
	weight := svc.Weight
	if weight == 0 {
		weight = service.DefaultWeight
	}
	out := map[model.GroupKey]int{}
	for _, n := range nodes {
		if status[n] == model.StatusRunning {
			out[model.GroupKey{ServerId: n, Port: svc.NodePort}] = weight
		}
	}
	return out
}

// checkReconciled returns an error unless the world is exactly what a
// Reconcile of svc over nodes promises: one LB with the tag, protected and
// PayByCLCU; one group of the Service's name with exactly the Running nodes
// on the node port; one TCP listener on the Service port, running, on that
// group, and no other listener on that port.
func (w *world) checkReconciled(svc service.Service, nodes []string) error {
	st := w.f.State()
	ids := w.lbs(svc)
	if len(ids) != 1 {
		return fmt.Errorf("want one LB of the service, the world has %v", ids)
	}
	id := ids[0]
	lb := st.LoadBalancers[slices.IndexFunc(st.LoadBalancers, func(l model.LoadBalancer) bool { return l.LoadBalancerId == id })]
	tags := 0
	for _, t := range st.ResourceTags {
		if t.ResourceId == id && t.TagKey == service.TagKey && t.TagValue == svc.UID {
			tags++
		}
	}
	switch {
	case tags != 1:
		return fmt.Errorf("LB %s has %d tags %s=%s", id, tags, service.TagKey, svc.UID)
	case !lb.DeleteProtection:
		return fmt.Errorf("LB %s has no delete protection", id)
	case lb.ModificationProtectionStatus != "ConsoleProtection":
		return fmt.Errorf("LB %s has modification protection %q", id, lb.ModificationProtectionStatus)
	case lb.InstanceChargeType != "PayByCLCU":
		return fmt.Errorf("LB %s is charged %q", id, lb.InstanceChargeType)
	}
	var groups []string
	for _, g := range st.VServerGroups {
		if g.LoadBalancerId == id && g.VServerGroupName == svc.GroupName(cluster) {
			groups = append(groups, g.VServerGroupId)
		}
	}
	if len(groups) != 1 {
		return fmt.Errorf("want one group %s on %s, the world has %v", svc.GroupName(cluster), id, groups)
	}
	members := map[model.GroupKey]int{}
	for _, m := range st.GroupBackends {
		if m.VServerGroupId == groups[0] {
			members[model.GroupKey{ServerId: m.ServerId, Port: m.Port, ServerIp: m.KeyIp}] = m.Weight
		}
	}
	if want := w.desired(svc, nodes); !maps.Equal(members, want) {
		return fmt.Errorf("group %s has members %v, want %v", groups[0], members, want)
	}
	var listeners []model.Listener
	for _, l := range st.Listeners {
		if l.LoadBalancerId == id && l.ListenerPort == svc.Port {
			listeners = append(listeners, l)
		}
	}
	if len(listeners) != 1 {
		return fmt.Errorf("want one listener on port %d of %s, the world has %d", svc.Port, id, len(listeners))
	}
	l := listeners[0]
	if l.ListenerProtocol != model.ProtocolTCP || l.Status != model.ListenerRunning || l.VServerGroupId != groups[0] {
		return fmt.Errorf("listener %d is %s, %s, on group %q; want tcp, running, on %s", l.ListenerPort, l.ListenerProtocol, l.Status, l.VServerGroupId, groups[0])
	}
	return nil
}

// checkDeleted returns an error unless the world holds no LB of svc, and
// no group, listener or tag of a deleted LB.
func (w *world) checkDeleted(svc service.Service) error {
	if ids := w.lbs(svc); len(ids) > 0 {
		return fmt.Errorf("the service's LBs %v are still there", ids)
	}
	st := w.f.State()
	live := map[string]bool{}
	for _, lb := range st.LoadBalancers {
		live[lb.LoadBalancerId] = true
	}
	for _, g := range st.VServerGroups {
		if !live[g.LoadBalancerId] || g.VServerGroupName == svc.GroupName(cluster) {
			return fmt.Errorf("group %s (%s) of LB %s is still there", g.VServerGroupId, g.VServerGroupName, g.LoadBalancerId)
		}
	}
	for _, l := range st.Listeners {
		if !live[l.LoadBalancerId] {
			return fmt.Errorf("listener %d of deleted LB %s is still there", l.ListenerPort, l.LoadBalancerId)
		}
	}
	for _, t := range st.ResourceTags {
		if t.TagKey == service.TagKey && t.TagValue == svc.UID {
			return fmt.Errorf("tag %s=%s of %s %s is still there", t.TagKey, t.TagValue, t.ResourceType, t.ResourceId)
		}
	}
	return nil
}

// refusals lists the calls the service refused with a code no retry can
// get past (anything IsRetryable says no to): a double-applied change (a
// member added twice, a second listener on the port, a PayByCLCU LB moved to
// PayByCLCU again, a second delete) or a request the API never accepts.
// Drawn faults answer only retryable codes, so every refusal listed here is
// the service's own.
func refusals(f *fake.Fake) []string {
	var out []string
	for _, c := range f.Calls() {
		if c.Code != "" && !service.IsRetryable(&model.Error{Code: c.Code, HTTPStatus: c.HTTPStatus}) {
			out = append(out, fmt.Sprintf("#%d %s: %d %s %q", c.Seq, c.Action, c.HTTPStatus, c.Code, c.Message))
		}
	}
	return out
}

// trace renders the recorded calls, one a line, with the outcome, the fault
// rule that acted and whether the call changed the world.
func trace(f *fake.Fake) string {
	var b strings.Builder
	for _, c := range f.Calls() {
		fmt.Fprintf(&b, "  #%d %s%s -> %s\n", c.Seq, c.Action, detail(c.Request), outcome(c))
	}
	return b.String()
}

// detail says what a request asks, for the calls where the action alone
// does not: how DescribeLoadBalancers selects, how many members a group
// call names.
func detail(req any) string {
	switch r := req.(type) {
	case *model.DescribeLoadBalancersRequest:
		if r.Tags != "" {
			return " (Tags)"
		}
		return " (LoadBalancerName)"
	case *model.VServerGroupBackendServersRequest:
		return countMembers(r.BackendServers)
	case *model.SetVServerGroupAttributeRequest:
		return countMembers(r.BackendServers)
	}
	return ""
}

func countMembers(servers string) string {
	specs, e := model.ParseGroupBackendServers(servers)
	if e != nil {
		return " (" + e.Error() + ")"
	}
	return fmt.Sprintf(" (%d members)", len(specs))
}

// outcome is a call's answer: OK, its code, or a dropped connection, with
// the fault rule that acted and "applied" when it changed the world.
func outcome(c fake.CallRecord) string {
	s := "OK"
	switch {
	case c.Dropped:
		s = "connection dropped"
	case c.Code != "":
		s = string(c.Code)
	}
	if c.Applied {
		s += ", applied"
	}
	if c.Fault != "" {
		s += " [" + c.Fault + "]"
	}
	return s
}

// apiCode returns the code of the *model.Error err wraps, or "".
func apiCode(err error) string {
	var apiErr *model.Error
	if errors.As(err, &apiErr) {
		return string(apiErr.Code)
	}
	return ""
}

// ctx is the context of every call of the tests.
var ctx = context.Background()
