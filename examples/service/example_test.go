package service_test

import (
	"fmt"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

// Example_reconcile reconciles the Service web over three nodes, one of
// them Stopped, in an empty world, where the first CreateLoadBalancer is
// applied and answered with ServiceUnavailable (its answer lost). The next
// pass finds the LB by its tag and goes on; the first create's ClientToken
// is never needed. A second pass sends nothing: the world is as desired.
// Then one node is removed and Delete runs.
func Example_reconcile() {
	w, err := newWorld(3, fake.WithFaults(fake.FaultRule{
		Name: "create answer lost", Action: "CreateLoadBalancer", First: 1, AfterCommit: true, ErrorCode: "ServiceUnavailable",
	}))
	if err != nil {
		panic(err)
	}
	if err := w.f.ForceInstanceStatus(w.nodes[2], model.StatusStopped); err != nil {
		panic(err)
	}
	show := func(what string, err error) {
		fmt.Printf("%s returned %v\n%s", what, err, trace(w.f))
		w.f.ResetCalls()
	}
	show("Reconcile", w.ctl.Reconcile(ctx, web, w.nodes))
	fmt.Println("as desired:", w.checkReconciled(web, w.nodes) == nil)

	show("Reconcile without the first node", w.ctl.Reconcile(ctx, web, w.nodes[1:]))
	show("Delete", w.ctl.Delete(ctx, web))
	fmt.Println("deleted:", w.checkDeleted(web) == nil)
	// Output:
	// Reconcile returned <nil>
	//   #1 DescribeInstances -> OK
	//   #2 DescribeLoadBalancers (Tags) -> OK
	//   #3 DescribeLoadBalancers (LoadBalancerName) -> OK
	//   #4 CreateLoadBalancer -> ServiceUnavailable, applied [create answer lost]
	//   #5 DescribeInstances -> OK
	//   #6 DescribeLoadBalancers (Tags) -> OK
	//   #7 DescribeLoadBalancerAttribute -> OK
	//   #8 DescribeVServerGroups -> OK
	//   #9 CreateVServerGroup -> OK, applied
	//   #10 DescribeVServerGroupAttribute -> OK
	//   #11 AddVServerGroupBackendServers (2 members) -> OK, applied
	//   #12 DescribeLoadBalancerListeners -> OK
	//   #13 CreateLoadBalancerTCPListener -> OK, applied
	//   #14 StartLoadBalancerListener -> OK, applied
	//   #15 DescribeInstances -> OK
	//   #16 DescribeLoadBalancers (Tags) -> OK
	//   #17 DescribeLoadBalancerAttribute -> OK
	//   #18 DescribeVServerGroups -> OK
	//   #19 DescribeVServerGroupAttribute -> OK
	//   #20 DescribeLoadBalancerListeners -> OK
	// as desired: true
	// Reconcile without the first node returned <nil>
	//   #21 DescribeInstances -> OK
	//   #22 DescribeLoadBalancers (Tags) -> OK
	//   #23 DescribeLoadBalancerAttribute -> OK
	//   #24 DescribeVServerGroups -> OK
	//   #25 DescribeVServerGroupAttribute -> OK
	//   #26 RemoveVServerGroupBackendServers (1 members) -> OK, applied
	//   #27 DescribeLoadBalancerListeners -> OK
	//   #28 DescribeInstances -> OK
	//   #29 DescribeLoadBalancers (Tags) -> OK
	//   #30 DescribeLoadBalancerAttribute -> OK
	//   #31 DescribeVServerGroups -> OK
	//   #32 DescribeVServerGroupAttribute -> OK
	//   #33 DescribeLoadBalancerListeners -> OK
	// Delete returned <nil>
	//   #34 DescribeLoadBalancers (Tags) -> OK
	//   #35 DescribeLoadBalancerAttribute -> OK
	//   #36 SetLoadBalancerDeleteProtection -> OK, applied
	//   #37 DeleteLoadBalancer -> OK, applied
	//   #38 DescribeLoadBalancers (Tags) -> OK
	//   #39 DescribeLoadBalancers (LoadBalancerName) -> OK
	// deleted: true
}
