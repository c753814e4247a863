package fake_test

import (
	"context"
	"fmt"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

// ExampleClient_CreateVServerGroup is the shape of what a Kubernetes cloud
// controller does for a Service: a vServer group with the nodes on the node
// port (BackendServers with the lower-case keys it sends), a TCP listener
// forwarding to it, and the health of each node behind the listener.
func ExampleClient_CreateVServerGroup() {
	ctx := context.Background()
	f := fake.New(fake.WithSeed(1))
	// Two nodes, one of them stopped, built with fixtures (a fixture fails
	// only on misuse, so this example skips the checks).
	vpc, _ := f.PutVpc(model.Vpc{RegionId: "cn-beijing", CidrBlock: "192.168.0.0/16"})
	vsw, _ := f.PutVSwitch(model.VSwitch{RegionId: "cn-beijing", VpcId: vpc.VpcId, CidrBlock: "192.168.1.0/24"})
	node1, _ := f.PutInstance(model.Instance{InstanceId: "i-2zej4lxhjoq1icue6kup", RegionId: "cn-beijing", VSwitchId: vsw.VSwitchId})
	node2, _ := f.PutInstance(model.Instance{InstanceId: "i-2ze1u9ywulp5pbvvc7hv", RegionId: "cn-beijing", VSwitchId: vsw.VSwitchId})

	c := f.Client()
	lb, err := c.CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: "cn-beijing", VSwitchId: vsw.VSwitchId})
	if err != nil {
		panic(err)
	}
	group, err := c.CreateVServerGroup(ctx, &model.CreateVServerGroupRequest{
		RegionId: "cn-beijing", LoadBalancerId: lb.LoadBalancerId, VServerGroupName: "k8s/30080/web/default/c1",
		BackendServers: fmt.Sprintf(`[{"serverId":%q,"port":30080,"weight":100,"type":"ecs","NodeName":null},
			{"serverId":%q,"port":30080,"weight":100,"type":"ecs","NodeName":null}]`, node1.InstanceId, node2.InstanceId),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("members:", len(group.BackendServers.BackendServer))

	_, err = c.CreateLoadBalancerTCPListener(ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
		RegionId: "cn-beijing", LoadBalancerId: lb.LoadBalancerId, ListenerPort: 80, VServerGroupId: group.VServerGroupId, Bandwidth: -1, Scheduler: "rr"}})
	if err != nil {
		panic(err)
	}
	_, err = c.StartLoadBalancerListener(ctx, &model.ListenerRequest{RegionId: "cn-beijing", LoadBalancerId: lb.LoadBalancerId, ListenerPort: 80})
	if err != nil {
		panic(err)
	}
	_, _ = c.StopInstance(ctx, &model.StopInstanceRequest{RegionId: "cn-beijing", InstanceId: node2.InstanceId})

	health, err := c.DescribeHealthStatus(ctx, &model.DescribeHealthStatusRequest{RegionId: "cn-beijing", LoadBalancerId: lb.LoadBalancerId})
	if err != nil {
		panic(err)
	}
	for _, b := range health.BackendServers.BackendServer {
		fmt.Println(b.ServerId, b.Protocol, b.ListenerPort, "->", b.Port, b.ServerHealthStatus)
	}

	// A group a listener uses cannot go.
	_, err = c.DeleteVServerGroup(ctx, &model.DeleteVServerGroupRequest{RegionId: "cn-beijing", VServerGroupId: group.VServerGroupId})
	fmt.Println(err.(*model.Error).Code)
	// Output:
	// members: 2
	// i-2zej4lxhjoq1icue6kup TCP 80 -> 30080 normal
	// i-2ze1u9ywulp5pbvvc7hv TCP 80 -> 30080 abnormal
	// RspoolVipExist
}
