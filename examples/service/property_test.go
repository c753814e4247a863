package service_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/slbfake/slbfake/examples/service"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/slbfake/slbfake/slbrapid"
	"pgregory.net/rapid"
)

// controllerActions are the calls the controller makes: the fault plans
// are drawn over them.
var controllerActions = []string{
	"DescribeInstances",
	"DescribeLoadBalancers", "DescribeLoadBalancerAttribute", "CreateLoadBalancer", "TagResources",
	"SetLoadBalancerDeleteProtection", "SetLoadBalancerModificationProtection", "ModifyLoadBalancerInstanceChargeType",
	"DeleteLoadBalancer",
	"DescribeVServerGroups", "CreateVServerGroup", "DescribeVServerGroupAttribute",
	"AddVServerGroupBackendServers", "RemoveVServerGroupBackendServers", "SetVServerGroupAttribute",
	"DescribeLoadBalancerListeners", "CreateLoadBalancerTCPListener", "SetLoadBalancerTCPListenerAttribute",
	"StartLoadBalancerListener",
}

// propertyOptions: the default attempts, a quick backoff (on the virtual
// clock: nothing waits).
var propertyOptions = service.Options{BaseDelay: 100 * time.Millisecond, MaxDelay: 2 * time.Second}

// TestControllerProperty holds Reconcile and Delete to their promise over
// drawn worlds and fault plans. A world has up to 8 instances, some of them
// Stopped, maybe a configuring window, and one of three starts: nothing; an
// LB someone made with the Service's name (no tag, no protection, charged
// by spec), maybe with a group of the Service's name holding stray members
// and a stopped listener on the Service port forwarding elsewhere; or the
// world an earlier Reconcile over other nodes left, then drifted (listener
// stopped, protection off). The plan is slbrapid.Faults over every call the
// controller makes: failures before and after the change, dropped
// connections, throttling, latency, rules that never stop.
//
// It runs Reconcile over drawn nodes, then again after nodes were added,
// removed, stopped or started, then Delete, all under the plan, and checks:
//
//  1. A nil Reconcile leaves the world exactly as desired (checkReconciled:
//     one tagged, protected PayByCLCU LB; one group with exactly the Running
//     nodes on the node port; one running TCP listener on the group); a nil
//     Delete leaves no LB, group, listener or tag of the Service.
//  2. An error is ErrRetriesExhausted after at least MaxAttempts failed
//     calls, and then a run without faults finishes the job: nothing the
//     failed run left behind stands in the way.
//  3. The service never refused a call with a code a retry cannot get past:
//     no change was applied twice (a member added twice, a second listener,
//     a second charge-type change) and no request was invalid.
func TestControllerProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "instances")
		window := rapid.SampledFrom([]time.Duration{0, time.Second}).Draw(t, "configuringWindow")
		w, err := newWorld(n, fake.WithSeed(rapid.Uint64Range(0, 1<<16).Draw(t, "seed")), fake.WithConfiguringWindow(window))
		if err != nil {
			t.Fatalf("building the world: %v", err)
		}
		w.ctl.Options = propertyOptions
		w.ctl.Options.BatchSize = rapid.SampledFrom([]int{0, 1, 3}).Draw(t, "batchSize")
		svc := web
		svc.Weight = rapid.SampledFrom([]int{0, 50, 1}).Draw(t, "weight")

		startKind := rapid.SampledFrom([]string{"empty", "by-name", "earlier"}).Draw(t, "start")
		if err := drawStart(t, w, svc, startKind, window); err != nil {
			t.Fatalf("building the start %s: %v", startKind, err)
		}
		for i, id := range w.nodes {
			if rapid.IntRange(0, 3).Draw(t, fmt.Sprintf("stopped%d", i)) == 0 {
				if err := w.f.ForceInstanceStatus(id, model.StatusStopped); err != nil {
					t.Fatal(err)
				}
			}
		}
		nodes1 := drawNodes(t, w, "nodes1")
		plan := slbrapid.Faults(controllerActions, slbrapid.FaultConfig{}).Draw(t, "faults")
		w.clock.Advance(window)
		w.f.ResetCalls()
		if err := plan.Apply(w.f); err != nil {
			t.Fatal(err)
		}

		step := func(name string, run func() error, check func() error) {
			before := len(w.f.Calls())
			err := run()
			t.Logf("%s returned %v", name, err)
			if err != nil {
				if !errors.Is(err, service.ErrRetriesExhausted) {
					t.Fatalf("%s failed with a cause no drawn world has: %v\n%s", name, err, trace(w.f))
				}
				if failed := failedCalls(w.f.Calls()[before:]); failed < 8 {
					t.Fatalf("%s gave up after %d failed calls: %v\n%s", name, failed, err, trace(w.f))
				}
				w.f.ClearFaults()
				if err := run(); err != nil {
					t.Fatalf("%s without faults, after a run that gave up: %v\n%s", name, err, trace(w.f))
				}
				if err := plan.Apply(w.f); err != nil {
					t.Fatal(err)
				}
			}
			if err := check(); err != nil {
				t.Fatalf("%s returned nil, but %v\n%s", name, err, trace(w.f))
			}
			if r := refusals(w.f); len(r) > 0 {
				t.Fatalf("refused calls: %v\n%s", r, trace(w.f))
			}
		}
		step("Reconcile", func() error { return w.ctl.Reconcile(ctx, svc, nodes1) },
			func() error { return w.checkReconciled(svc, nodes1) })

		// Between reconciles nodes come and go, and instances stop and start.
		nodes2 := drawNodes(t, w, "nodes2")
		for i, id := range w.nodes {
			switch rapid.IntRange(0, 5).Draw(t, fmt.Sprintf("flip%d", i)) {
			case 0:
				_ = w.f.ForceInstanceStatus(id, model.StatusStopped)
			case 1:
				_ = w.f.ForceInstanceStatus(id, model.StatusRunning)
			}
		}
		step("Reconcile after node changes", func() error { return w.ctl.Reconcile(ctx, svc, nodes2) },
			func() error { return w.checkReconciled(svc, nodes2) })

		step("Delete", func() error { return w.ctl.Delete(ctx, svc) },
			func() error { return w.checkDeleted(svc) })
	})
}

// drawNodes draws a node list: some of the world's instances, maybe one
// that does not exist (a node whose instance was released).
func drawNodes(t *rapid.T, w *world, label string) []string {
	var nodes []string
	for i, id := range w.nodes {
		if rapid.Bool().Draw(t, fmt.Sprintf("%s[%d]", label, i)) {
			nodes = append(nodes, id)
		}
	}
	if rapid.IntRange(0, 4).Draw(t, label+"Gone") == 0 {
		nodes = append(nodes, "i-bp1gone000000000000")
	}
	return nodes
}

// drawStart builds the world the controller starts from, with plain calls
// (no faults, and the calls are not recorded: the caller resets them).
// Each change is followed by the configuring window.
func drawStart(t *rapid.T, w *world, svc service.Service, kind string, window time.Duration) error {
	c := w.f.Client()
	switch kind {
	case "by-name":
		lb, err := c.CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: region, LoadBalancerName: svc.LoadBalancerName()})
		if err != nil {
			return err
		}
		if !rapid.Bool().Draw(t, "strayGroup") {
			return nil
		}
		var stray []service.Member
		for i, id := range w.nodes {
			switch rapid.IntRange(0, 3).Draw(t, fmt.Sprintf("stray%d", i)) {
			case 1:
				stray = append(stray, service.Member{ServerId: id, Port: svc.NodePort, Weight: 7, Type: "ecs"})
			case 2:
				stray = append(stray, service.Member{ServerId: id, Port: svc.NodePort + 1, Weight: 100, Type: "ecs"})
			}
		}
		_, err = c.CreateVServerGroup(ctx, &model.CreateVServerGroupRequest{RegionId: region, LoadBalancerId: lb.LoadBalancerId,
			VServerGroupName: svc.GroupName(cluster), BackendServers: service.EncodeMembers(stray, "stray")})
		if err != nil {
			return err
		}
		w.clock.Advance(window)
		if !rapid.Bool().Draw(t, "strayListener") {
			return nil
		}
		other, err := c.CreateVServerGroup(ctx, &model.CreateVServerGroupRequest{RegionId: region, LoadBalancerId: lb.LoadBalancerId, VServerGroupName: "other"})
		if err != nil {
			return err
		}
		_, err = c.CreateLoadBalancerTCPListener(ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
			RegionId: region, LoadBalancerId: lb.LoadBalancerId, ListenerPort: svc.Port, Bandwidth: -1, VServerGroupId: other.VServerGroupId}})
		return err
	case "earlier":
		if err := w.ctl.Reconcile(ctx, svc, drawNodes(t, w, "earlierNodes")); err != nil {
			return err
		}
		lb := w.lbs(svc)[0]
		if rapid.Bool().Draw(t, "listenerStopped") {
			if _, err := c.StopLoadBalancerListener(ctx, &model.StopLoadBalancerListenerRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: svc.Port}); err != nil {
				return err
			}
		}
		if rapid.Bool().Draw(t, "protectionOff") {
			if _, err := c.SetLoadBalancerDeleteProtection(ctx, &model.SetLoadBalancerDeleteProtectionRequest{RegionId: region, LoadBalancerId: lb, DeleteProtection: "off"}); err != nil {
				return err
			}
			if _, err := c.SetLoadBalancerModificationProtection(ctx, &model.SetLoadBalancerModificationProtectionRequest{RegionId: region, LoadBalancerId: lb, ModificationProtectionStatus: "NonProtection"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// failedCalls counts the calls that failed or lost their answer.
func failedCalls(calls []fake.CallRecord) int {
	n := 0
	for _, c := range calls {
		if c.Code != "" || c.Dropped {
			n++
		}
	}
	return n
}
