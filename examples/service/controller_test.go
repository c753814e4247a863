package service_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/examples/reconciler"
	"github.com/slbfake/slbfake/examples/service"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

func mustWorld(t *testing.T, n int, opts ...fake.Option) *world {
	t.Helper()
	w, err := newWorld(n, opts...)
	require.NoError(t, err)
	return w
}

// actions lists the recorded calls' actions, in order.
func actions(f *fake.Fake) []string {
	var out []string
	for _, c := range f.Calls() {
		out = append(out, c.Action)
	}
	return out
}

// changes lists the actions of the recorded calls that changed the world.
func changes(f *fake.Fake) []string {
	var out []string
	for _, c := range f.Calls() {
		if c.Applied {
			out = append(out, c.Action)
		}
	}
	return out
}

func TestNames(t *testing.T) {
	require.Equal(t, "a6a1c9e1e3f4b4d0a9b7e2f5d8c7a1b0", web.LoadBalancerName())
	require.Len(t, web.LoadBalancerName(), 32)
	require.Equal(t, "k8s/30080/web/default/c0ffee", web.GroupName(cluster))
	token := web.ClientToken(cluster)
	require.Len(t, token, 44)
	require.Equal(t, token, web.ClientToken(cluster), "the same intent, the same token")
	next := web
	next.Generation++
	require.NotEqual(t, token, next.ClientToken(cluster), "a new generation, a new token")
	require.NotEqual(t, token, web.ClientToken("other"))
}

// TestReconcileFresh: in an empty world one pass creates everything with
// the parameters the controller sends, and a second pass only reads.
func TestReconcileFresh(t *testing.T) {
	w := mustWorld(t, 3)
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	require.NoError(t, w.checkReconciled(web, w.nodes))
	require.Equal(t, []string{"CreateLoadBalancer", "CreateVServerGroup", "AddVServerGroupBackendServers",
		"CreateLoadBalancerTCPListener", "StartLoadBalancerListener"}, changes(w.f))

	create := w.f.CallsOf("CreateLoadBalancer")[0].Request.(*model.CreateLoadBalancerRequest)
	require.Equal(t, web.ClientToken(cluster), create.ClientToken)
	require.Equal(t, "on", create.DeleteProtection)
	require.Equal(t, "ConsoleProtection", create.ModificationProtectionStatus)
	require.Equal(t, "PayByCLCU", create.InstanceChargeType)
	require.Equal(t, []model.Tag{{Key: service.TagKey, Value: web.UID}}, create.Tag)
	require.Equal(t, "internet", create.AddressType)

	find := w.f.CallsOf("DescribeLoadBalancers")[0].Request.(*model.DescribeLoadBalancersRequest)
	require.JSONEq(t, `[{"TagKey":"kubernetes.do.not.delete","TagValue":"`+web.UID+`"}]`, find.Tags)
	byName := w.f.CallsOf("DescribeLoadBalancers")[1].Request.(*model.DescribeLoadBalancersRequest)
	require.Equal(t, web.LoadBalancerName(), byName.LoadBalancerName)

	listener := w.f.CallsOf("CreateLoadBalancerTCPListener")[0].Request.(*model.CreateLoadBalancerTCPListenerRequest)
	require.Equal(t, -1, listener.Bandwidth)
	require.Equal(t, "rr", listener.Scheduler)
	require.Equal(t, 80, listener.ListenerPort)
	require.Equal(t, w.f.State().VServerGroups[0].VServerGroupId, listener.VServerGroupId)

	w.f.ResetCalls()
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	require.Empty(t, changes(w.f), "in sync: reads only")
	require.Equal(t, []string{"DescribeInstances", "DescribeLoadBalancers", "DescribeLoadBalancerAttribute", "DescribeVServerGroups",
		"DescribeVServerGroupAttribute", "DescribeLoadBalancerListeners"}, actions(w.f))
}

// TestReconcileIntranet: with a VSwitchId the LB is an intranet LB there.
func TestReconcileIntranet(t *testing.T) {
	w := mustWorld(t, 2)
	w.ctl.VSwitchId = w.vsw
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	require.NoError(t, w.checkReconciled(web, w.nodes))
	lb := w.f.State().LoadBalancers[0]
	require.Equal(t, model.AddressType("intranet"), lb.AddressType)
	require.Equal(t, w.vsw, lb.VSwitchId)
}

// TestAdoptByName: an LB that has the Service's name but not its tag (made
// by hand, or by a controller that lost its tag) is adopted: tagged,
// protected and moved to PayByCLCU, each once.
func TestAdoptByName(t *testing.T) {
	w := mustWorld(t, 2)
	lb, err := w.f.Client().CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: region, LoadBalancerName: web.LoadBalancerName(),
		LoadBalancerSpec: "slb.s1.small"})
	require.NoError(t, err)
	w.f.ResetCalls()
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	require.NoError(t, w.checkReconciled(web, w.nodes))
	require.Equal(t, []string{lb.LoadBalancerId}, w.lbs(web))
	require.Equal(t, []string{"TagResources", "SetLoadBalancerDeleteProtection", "SetLoadBalancerModificationProtection",
		"ModifyLoadBalancerInstanceChargeType", "CreateVServerGroup", "AddVServerGroupBackendServers",
		"CreateLoadBalancerTCPListener", "StartLoadBalancerListener"}, changes(w.f))
	require.Empty(t, w.f.CallsOf("CreateLoadBalancer"))
}

// forgetful is an API whose CreateLoadBalancer drops the protection and
// charge-type parameters, as a service that ignored them would: the read
// back after the create shows them missing.
type forgetful struct{ *fake.Client }

func (f forgetful) CreateLoadBalancer(ctx context.Context, req *model.CreateLoadBalancerRequest) (*model.CreateLoadBalancerResponse, error) {
	r := *req
	r.DeleteProtection, r.ModificationProtectionStatus, r.ModificationProtectionReason, r.InstanceChargeType = "", "", "", ""
	return f.Client.CreateLoadBalancer(ctx, &r)
}

// TestReadBackFixesProtection: what the read after the create does not
// show is set with the setters.
func TestReadBackFixesProtection(t *testing.T) {
	w := mustWorld(t, 1)
	w.ctl.API = forgetful{w.f.Client()}
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	require.NoError(t, w.checkReconciled(web, w.nodes))
	require.Equal(t, []string{"CreateLoadBalancer", "SetLoadBalancerDeleteProtection", "SetLoadBalancerModificationProtection",
		"ModifyLoadBalancerInstanceChargeType"}, changes(w.f)[:4])
}

// laggard is an API whose DescribeLoadBalancers answers nothing for its
// first lag calls: a read that does not yet show a new LB, as an eventually
// consistent index would.
type laggard struct {
	*fake.Client
	lag int
}

func (l *laggard) DescribeLoadBalancers(ctx context.Context, req *model.DescribeLoadBalancersRequest) (*model.DescribeLoadBalancersResponse, error) {
	if l.lag > 0 {
		l.lag--
		return &model.DescribeLoadBalancersResponse{}, nil
	}
	return l.Client.DescribeLoadBalancers(ctx, req)
}

// TestClientTokenAdoptsTheFirstLB: the first create is applied and its
// answer lost, and the next find does not see the LB yet: the create is
// sent again, with the same ClientToken, and the service answers with the
// first LB and creates nothing.
func TestClientTokenAdoptsTheFirstLB(t *testing.T) {
	w := mustWorld(t, 1, fake.WithFaults(fake.FaultRule{Action: "CreateLoadBalancer", First: 1, AfterCommit: true, DropConnection: true}))
	w.ctl.API = &laggard{Client: w.f.Client(), lag: 4} // the finds of two passes, by tag and by name
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	require.NoError(t, w.checkReconciled(web, w.nodes))
	creates := w.f.CallsOf("CreateLoadBalancer")
	require.Len(t, creates, 2)
	require.True(t, creates[0].Applied && creates[0].Dropped)
	require.False(t, creates[1].Applied, "the retry creates nothing")
	require.Equal(t, creates[0].Request.(*model.CreateLoadBalancerRequest).ClientToken, creates[1].Request.(*model.CreateLoadBalancerRequest).ClientToken)
	require.Len(t, w.f.State().LoadBalancers, 1)
}

// TestNewGenerationAfterDelete: a token answers with its first LB forever,
// even when that LB was deleted; the Service's generation in the token is
// what gives a recreated Service a new LB. The same generation after a
// delete gets the deleted LB back, finds it gone, and gives up.
func TestNewGenerationAfterDelete(t *testing.T) {
	w := mustWorld(t, 1)
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	first := w.lbs(web)[0]
	require.NoError(t, w.ctl.Delete(ctx, web))
	require.NoError(t, w.checkDeleted(web))

	err := w.ctl.Reconcile(ctx, web, w.nodes)
	require.ErrorIs(t, err, service.ErrRetriesExhausted)
	require.Equal(t, "InvalidLoadBalancerId.NotFound", apiCode(err), "%v", err)
	require.Empty(t, w.lbs(web))

	next := web
	next.Generation++
	require.NoError(t, w.ctl.Reconcile(ctx, next, w.nodes))
	require.NoError(t, w.checkReconciled(next, w.nodes))
	require.NotEqual(t, first, w.lbs(next)[0])
}

// TestGroupCreatedOnce: a CreateVServerGroup applied whose connection
// drops is found by the next pass's DescribeVServerGroups, not sent again.
func TestGroupCreatedOnce(t *testing.T) {
	w := mustWorld(t, 2, fake.WithFaults(fake.FaultRule{Action: "CreateVServerGroup", AfterCommit: true, DropConnection: true}))
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	require.NoError(t, w.checkReconciled(web, w.nodes))
	require.Len(t, w.f.CallsOf("CreateVServerGroup"), 1)
	require.Empty(t, refusals(w.f))
}

// TestAfterCommitEverywhere: every change is applied and then reported
// failed (every second one by a dropped connection): Reconcile and Delete
// converge by reading, and never send a change twice.
func TestAfterCommitEverywhere(t *testing.T) {
	var rules []fake.FaultRule
	for i, a := range controllerActions {
		if strings.HasPrefix(a, "Describe") {
			continue
		}
		rules = append(rules, fake.FaultRule{Action: a, AfterCommit: true, DropConnection: i%2 == 0, ErrorCode: "InternalError"})
	}
	w := mustWorld(t, 5)
	// TagResources and the setters run only on an adopted LB.
	_, err := w.f.Client().CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: region, LoadBalancerName: web.LoadBalancerName()})
	require.NoError(t, err)
	require.NoError(t, w.f.SetFaults(rules...))
	w.f.ResetCalls()
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes), trace(w.f))
	require.NoError(t, w.checkReconciled(web, w.nodes))
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes[2:]), trace(w.f))
	require.NoError(t, w.checkReconciled(web, w.nodes[2:]))
	require.NoError(t, w.ctl.Delete(ctx, web), trace(w.f))
	require.NoError(t, w.checkDeleted(web))
	require.Empty(t, refusals(w.f), trace(w.f))
	for _, c := range w.f.Calls() {
		if !strings.HasPrefix(c.Action, "Describe") {
			require.True(t, c.Applied, "#%d %s was sent again after it took effect:\n%s", c.Seq, c.Action, trace(w.f))
		}
	}
}

func TestDiffMembers(t *testing.T) {
	ecs := func(id string, port, weight int) model.GroupBackendServerView {
		return model.GroupBackendServerView{ServerId: id, Port: port, Weight: weight, Type: "ecs", ServerIp: "10.1.0.9"}
	}
	current := []model.GroupBackendServerView{
		ecs("i-b", 30080, 100),    // kept
		ecs("i-a", 30080, 50),     // weight set
		ecs("i-a", 30081, 100),    // another port: removed
		ecs("i-gone", 30080, 100), // not a running node: removed
		{ServerId: "eni-1", Port: 30080, Weight: 100, Type: "eni", ServerIp: "10.1.0.7"}, // not ecs: removed by IP
	}
	p := service.DiffMembers(current, []string{"i-a", "i-b", "i-c", "eni-1"}, 30080, 100, 0)
	require.Equal(t, [][]service.Member{{
		{ServerId: "eni-1", Port: 30080, Weight: 100, Type: "eni", ServerIp: "10.1.0.7"},
		{ServerId: "i-a", Port: 30081, Weight: 100, Type: "ecs", ServerIp: "10.1.0.9"},
		{ServerId: "i-gone", Port: 30080, Weight: 100, Type: "ecs", ServerIp: "10.1.0.9"},
	}}, p.Remove)
	require.Equal(t, [][]service.Member{{
		{ServerId: "eni-1", Port: 30080, Weight: 100, Type: "ecs"},
		{ServerId: "i-c", Port: 30080, Weight: 100, Type: "ecs"},
	}}, p.Add)
	require.Equal(t, [][]service.Member{{{ServerId: "i-a", Port: 30080, Weight: 100, Type: "ecs"}}}, p.Set)
	require.False(t, p.Empty())
	require.True(t, service.DiffMembers([]model.GroupBackendServerView{ecs("i-a", 1, 7)}, []string{"i-a"}, 1, 7, 0).Empty())

	var many []string
	for i := range 90 {
		many = append(many, fmt.Sprintf("i-%03d", i))
	}
	sizes := func(batches [][]service.Member) []int {
		out := []int{}
		for _, b := range batches {
			out = append(out, len(b))
		}
		return out
	}
	require.Equal(t, []int{40, 40, 10}, sizes(service.DiffMembers(nil, many, 1, 100, 0).Add))
	require.Equal(t, []int{40, 40, 10}, sizes(service.DiffMembers(nil, many, 1, 100, 99).Add), "capped at 40")
	require.Equal(t, []int{30, 30, 30}, sizes(service.DiffMembers(nil, many, 1, 100, 30).Add))
}

// TestEncodeMembers: the controller's shape, lower-case keys and its own
// fields beside them, which the service parses.
func TestEncodeMembers(t *testing.T) {
	s := service.EncodeMembers([]service.Member{{ServerId: "i-a", Port: 30080, Weight: 100, Type: "ecs"}}, "k8s/30080/web/default/c0ffee")
	require.JSONEq(t, `[{"serverId":"i-a","serverIp":"","port":30080,"weight":100,"type":"ecs","description":"k8s/30080/web/default/c0ffee",
		"NodeName":null,"TargetRef":null,"IsUserManaged":false,"Invalid":false}]`, s)
	specs, e := model.ParseGroupBackendServers(s)
	require.Nil(t, e)
	require.Equal(t, "i-a", specs[0].ServerId)
	require.Equal(t, 30080, specs[0].Port)
}

// TestMemberBatches: 90 nodes are added in batches of 40; then half of them
// go and the Service's weight changes: 45 removed and 45 set, 40 and 5 a
// call. The elements on the wire are in the controller's shape.
func TestMemberBatches(t *testing.T) {
	w := mustWorld(t, 90)
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	require.NoError(t, w.checkReconciled(web, w.nodes))
	require.Equal(t, []int{40, 40, 10}, memberCounts(t, w.f, "AddVServerGroupBackendServers"))
	var el map[string]any
	raw := w.f.CallsOf("AddVServerGroupBackendServers")[0].Request.(*model.AddVServerGroupBackendServersRequest).BackendServers
	var els []map[string]any
	require.NoError(t, json.Unmarshal([]byte(raw), &els))
	el = els[0]
	require.Contains(t, el, "serverId")
	require.Contains(t, el, "NodeName")
	require.Nil(t, el["NodeName"])
	require.Equal(t, web.GroupName(cluster), el["description"])

	w.f.ResetCalls()
	half := web
	half.Weight = 50
	require.NoError(t, w.ctl.Reconcile(ctx, half, w.nodes[45:]))
	require.NoError(t, w.checkReconciled(half, w.nodes[45:]))
	require.Equal(t, []int{40, 5}, memberCounts(t, w.f, "RemoveVServerGroupBackendServers"))
	require.Equal(t, []int{40, 5}, memberCounts(t, w.f, "SetVServerGroupAttribute"))
	require.Empty(t, w.f.CallsOf("AddVServerGroupBackendServers"))
}

// memberCounts lists the number of members each recorded call of action
// named.
func memberCounts(t *testing.T, f *fake.Fake, action string) []int {
	var out []int
	for _, c := range f.CallsOf(action) {
		var servers string
		switch r := c.Request.(type) {
		case *model.VServerGroupBackendServersRequest:
			servers = r.BackendServers
		case *model.SetVServerGroupAttributeRequest:
			servers = r.BackendServers
		}
		specs, e := model.ParseGroupBackendServers(servers)
		require.Nil(t, e)
		out = append(out, len(specs))
	}
	return out
}

// TestNodeChanges: later reconciles follow the nodes: one added, one
// removed, one stopped (left out), one started again (back in).
func TestNodeChanges(t *testing.T) {
	w := mustWorld(t, 4)
	n := w.nodes
	require.NoError(t, w.ctl.Reconcile(ctx, web, n[:2]))
	require.NoError(t, w.checkReconciled(web, n[:2]))

	require.NoError(t, w.ctl.Reconcile(ctx, web, n[1:3]))
	require.NoError(t, w.checkReconciled(web, n[1:3]))

	require.NoError(t, w.f.ForceInstanceStatus(n[2], model.StatusStopped))
	w.f.ResetCalls()
	require.NoError(t, w.ctl.Reconcile(ctx, web, n[1:]))
	require.NoError(t, w.checkReconciled(web, n[1:]))
	require.Equal(t, []string{"RemoveVServerGroupBackendServers", "AddVServerGroupBackendServers"}, changes(w.f))
	require.Len(t, w.desired(web, n[1:]), 2, "n[1] and n[3]; n[2] is Stopped")

	require.NoError(t, w.f.ForceInstanceStatus(n[2], model.StatusRunning))
	require.NoError(t, w.ctl.Reconcile(ctx, web, n[1:]))
	require.NoError(t, w.checkReconciled(web, n[1:]))
	require.Len(t, w.desired(web, n[1:]), 3)
}

// TestListenerRepaired: a listener someone stopped and pointed at another
// group is pointed back and started.
func TestListenerRepaired(t *testing.T) {
	w := mustWorld(t, 2)
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	lb := w.lbs(web)[0]
	c := w.f.Client()
	other, err := c.CreateVServerGroup(ctx, &model.CreateVServerGroupRequest{RegionId: region, LoadBalancerId: lb, VServerGroupName: "other"})
	require.NoError(t, err)
	_, err = c.StopLoadBalancerListener(ctx, &model.StopLoadBalancerListenerRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: web.Port})
	require.NoError(t, err)
	_, err = c.SetLoadBalancerTCPListenerAttribute(ctx, &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
		RegionId: region, LoadBalancerId: lb, ListenerPort: web.Port, VServerGroup: "on", VServerGroupId: other.VServerGroupId}})
	require.NoError(t, err)
	w.f.ResetCalls()
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	require.NoError(t, w.checkReconciled(web, w.nodes))
	require.Equal(t, []string{"SetLoadBalancerTCPListenerAttribute", "StartLoadBalancerListener"}, changes(w.f))
}

// TestListenerStartingIsWaitedOut: a listener takes 3s to start; Reconcile
// backs off on the virtual clock until a read shows it running.
func TestListenerStartingIsWaitedOut(t *testing.T) {
	w := mustWorld(t, 1, fake.WithLifecycle(model.LifecycleDurations{ListenerStarting: 3 * time.Second}))
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	require.NoError(t, w.checkReconciled(web, w.nodes))
	require.Len(t, w.f.CallsOf("StartLoadBalancerListener"), 1)
	// The first read finds no listener; the next five see it starting after
	// 0, 0.2, 0.6, 1.4 and 3s (backoffs of 200ms, 400ms, 800ms and 1.6s):
	// running at the last.
	require.Equal(t, 3*time.Second, w.clock.Now().Sub(start))
	require.Len(t, w.f.CallsOf("DescribeLoadBalancerListeners"), 6)
}

// TestDelete: protection off, then the delete; the LB's group, listener and
// tags go with it. A second Delete finds nothing and changes nothing.
func TestDelete(t *testing.T) {
	w := mustWorld(t, 2)
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	w.f.ResetCalls()
	require.NoError(t, w.ctl.Delete(ctx, web))
	require.NoError(t, w.checkDeleted(web))
	require.Equal(t, []string{"SetLoadBalancerDeleteProtection", "DeleteLoadBalancer"}, changes(w.f))
	require.Empty(t, w.f.State().VServerGroups)
	require.Empty(t, w.f.State().Listeners)
	require.Empty(t, w.f.State().ResourceTags)

	w.f.ResetCalls()
	require.NoError(t, w.ctl.Delete(ctx, web))
	require.Equal(t, []string{"DescribeLoadBalancers", "DescribeLoadBalancers"}, actions(w.f), "by tag, by name")
}

// TestDeleteAnswerLost: the DeleteLoadBalancer applied and its answer lost
// is confirmed by the next find, never sent again (which would be refused
// with InvalidLoadBalancerId.NotFound).
func TestDeleteAnswerLost(t *testing.T) {
	w := mustWorld(t, 1)
	require.NoError(t, w.ctl.Reconcile(ctx, web, w.nodes))
	require.NoError(t, w.f.SetFaults(fake.FaultRule{Action: "DeleteLoadBalancer", AfterCommit: true, ErrorCode: "InternalError"},
		fake.FaultRule{Action: "SetLoadBalancerDeleteProtection", AfterCommit: true, DropConnection: true}))
	w.f.ResetCalls()
	require.NoError(t, w.ctl.Delete(ctx, web))
	require.NoError(t, w.checkDeleted(web))
	require.Len(t, w.f.CallsOf("DeleteLoadBalancer"), 1)
	require.Len(t, w.f.CallsOf("SetLoadBalancerDeleteProtection"), 1)
	require.Empty(t, refusals(w.f))
}

// TestAmbiguous: two LBs carry the Service's tag: the controller changes
// neither and says so.
func TestAmbiguous(t *testing.T) {
	w := mustWorld(t, 1)
	for range 2 {
		_, err := w.f.Client().CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: region, Tag: []model.Tag{{Key: service.TagKey, Value: web.UID}}})
		require.NoError(t, err)
	}
	w.f.ResetCalls()
	require.ErrorIs(t, w.ctl.Reconcile(ctx, web, w.nodes), service.ErrAmbiguous)
	require.ErrorIs(t, w.ctl.Delete(ctx, web), service.ErrAmbiguous)
	require.Empty(t, changes(w.f))
	require.Len(t, w.f.State().LoadBalancers, 2)
}

// TestInvalidService: what no call could serve is refused before any call.
func TestInvalidService(t *testing.T) {
	w := mustWorld(t, 1)
	for _, mutate := range []func(*service.Service){
		func(s *service.Service) { s.Port = 0 },
		func(s *service.Service) { s.NodePort = 70000 },
		func(s *service.Service) { s.UID = " " },
		func(s *service.Service) { s.Weight = 101 },
		func(s *service.Service) { s.Name = "web+api" },
		func(s *service.Service) { s.Namespace = strings.Repeat("n", 80) },
	} {
		svc := web
		mutate(&svc)
		require.ErrorIs(t, w.ctl.Reconcile(ctx, svc, w.nodes), service.ErrInvalidService)
		require.ErrorIs(t, w.ctl.Delete(ctx, svc), service.ErrInvalidService)
	}
	require.Empty(t, w.f.Calls())
}

// TestGivesUp: a failure that never ends is retried MaxAttempts times with
// exponential backoff on the virtual clock, then reported with its code.
func TestGivesUp(t *testing.T) {
	w := mustWorld(t, 1, fake.WithFaults(fake.FaultRule{Action: "DescribeInstances", ErrorCode: "SystemBusy"}))
	err := w.ctl.Reconcile(ctx, web, w.nodes)
	require.ErrorIs(t, err, service.ErrRetriesExhausted)
	require.Equal(t, "SystemBusy", apiCode(err))
	require.Len(t, w.f.Calls(), 8)
	// 0.2 + 0.4 + 0.8 + 1.6 + 3.2 + 5 + 5 seconds between the eight attempts.
	require.Equal(t, 16200*time.Millisecond, w.clock.Now().Sub(start))
}

// meddler is an API whose every StartLoadBalancerListener is undone at
// once by someone else.
type meddler struct{ *fake.Client }

func (m meddler) StartLoadBalancerListener(ctx context.Context, req *model.StartLoadBalancerListenerRequest) (*model.StartLoadBalancerListenerResponse, error) {
	resp, err := m.Client.StartLoadBalancerListener(ctx, req)
	if err == nil {
		_, err = m.Client.StopLoadBalancerListener(ctx, req)
	}
	return resp, err
}

// TestKeepsChanging: when someone undoes a change every time, the
// controller gives up after MaxAttempts passes rather than loop forever.
func TestKeepsChanging(t *testing.T) {
	w := mustWorld(t, 1)
	w.ctl.API = meddler{w.f.Client()}
	err := w.ctl.Reconcile(ctx, web, w.nodes)
	require.ErrorIs(t, err, service.ErrRetriesExhausted)
	require.Len(t, w.f.CallsOf("StartLoadBalancerListener"), 8)
}

// TestContext: a canceled context ends the run before any call.
func TestContext(t *testing.T) {
	w := mustWorld(t, 1)
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	require.ErrorIs(t, w.ctl.Reconcile(canceled, web, w.nodes), context.Canceled)
	require.Empty(t, w.f.Calls())
}

func TestIsRetryable(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{model.ErrThrottlingUser(), true},
		{model.ErrServiceUnavailable(), true},
		{model.ErrBackendServerConfiguring(), true},
		{&model.Error{HTTPStatus: 400, Code: "Operation.Deny"}, true},
		{fake.ErrConnectionDropped, true},
		{model.ErrBackendServersInvalid(), false},
		{model.ErrLoadBalancerNotFound(), false},
		{fmt.Errorf("x: %w", service.ErrAmbiguous), false},
		{fmt.Errorf("x: %w", service.ErrRetriesExhausted), false},
		{context.Canceled, false},
	} {
		require.Equal(t, tc.want, service.IsRetryable(tc.err), "%v", tc.err)
	}
	require.False(t, errors.Is(reconciler.ErrRetriesExhausted, service.ErrRetriesExhausted), "each package its own")
}
