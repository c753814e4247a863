package conformance

import (
	"context"
	"sort"
	"sync"
	"testing"

	ecs20140526 "github.com/alibabacloud-go/ecs-20140526/v7/client"
	"github.com/alibabacloud-go/tea/dara"
	vpc20160428 "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/slbfake/slbfake/conformance/internal/slbv2models"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// TestEveryActionThroughTheV2SDKs drives every action of fake.Actions()
// through the V2.0 clients (the generated ECS and VPC clients, CallApi for
// SLB), Signature V3 with their default settings, in process and on a
// loopback port, and compares each typed response with the Go API's on a
// twin fake. In process it also checks every raw body against the generated
// models' Go types (the typed-model check): what it finds must be exactly
// v2ModelDifferences.
func TestEveryActionThroughTheV2SDKs(t *testing.T) {
	t.Parallel()
	var want []string
	for _, a := range fake.Actions() {
		want = append(want, a.Name)
	}
	sort.Strings(want)
	require.Equal(t, wireActions(), want, "fake.Actions() and the Client's action methods agree")

	findings := newModelFindings()
	var mu sync.Mutex
	covered := map[string][]string{}
	t.Run("modes", func(t *testing.T) {
		for _, m := range modes {
			t.Run(m.name, func(t *testing.T) {
				t.Parallel()
				p := newV2Pair(t, m, findings)
				scenarioV2(p)
				mu.Lock()
				defer mu.Unlock()
				for a := range p.covered {
					covered[m.name] = append(covered[m.name], a)
				}
			})
		}
	})
	if t.Failed() {
		return
	}
	for _, m := range modes {
		got := covered[m.name]
		sort.Strings(got)
		require.Equal(t, want, got, "%s: every action must go through a V2.0 client", m.name)
	}
	require.Equal(t, v2ModelDifferences, findings.all(),
		"the JSON the fake sends against the API reference's models (update v2ModelDifferences, with the reason)")
}

// scenarioV2 is the call sequence of scenario (actions_test.go) through the
// V2.0 clients: every action at least once.
func scenarioV2(p *v2Pair) {
	t := p.t
	s, i32, b := dara.String, dara.Int32, dara.Bool

	// VPC.
	vpcId := do(p, "CreateVpc", func(c v2Clients) (*vpc20160428.CreateVpcResponse, error) {
		return c.vpc.CreateVpc(&vpc20160428.CreateVpcRequest{RegionId: s(region), CidrBlock: s("192.168.0.0/16"),
			VpcName: s("conformance-v2"), Description: s("made by the V2.0 SDK"), ClientToken: s("tok-1")})
	}, func(ctx context.Context, c *fake.Client) (*model.CreateVpcResponse, error) {
		return c.CreateVpc(ctx, &model.CreateVpcRequest{RegionId: region, CidrBlock: "192.168.0.0/16",
			VpcName: "conformance-v2", Description: "made by the V2.0 SDK", ClientToken: "tok-1"})
	}).VpcId
	require.NotEmpty(t, vpcId)

	vswId := do(p, "CreateVSwitch", func(c v2Clients) (*vpc20160428.CreateVSwitchResponse, error) {
		return c.vpc.CreateVSwitch(&vpc20160428.CreateVSwitchRequest{RegionId: s(region), VpcId: s(vpcId), ZoneId: s("cn-hangzhou-h"),
			CidrBlock: s("192.168.1.0/24"), VSwitchName: s("vsw-a"), Description: s("first")})
	}, func(ctx context.Context, c *fake.Client) (*model.CreateVSwitchResponse, error) {
		return c.CreateVSwitch(ctx, &model.CreateVSwitchRequest{RegionId: region, VpcId: vpcId, ZoneId: "cn-hangzhou-h",
			CidrBlock: "192.168.1.0/24", VSwitchName: "vsw-a", Description: "first"})
	}).VSwitchId

	do(p, "DescribeVpcs", func(c v2Clients) (*vpc20160428.DescribeVpcsResponse, error) {
		return c.vpc.DescribeVpcs(&vpc20160428.DescribeVpcsRequest{RegionId: s(region), VpcId: s(vpcId)})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeVpcsResponse, error) {
		return c.DescribeVpcs(ctx, &model.DescribeVpcsRequest{RegionId: region, VpcId: vpcId})
	})
	do(p, "DescribeVSwitches", func(c v2Clients) (*vpc20160428.DescribeVSwitchesResponse, error) {
		return c.vpc.DescribeVSwitches(&vpc20160428.DescribeVSwitchesRequest{RegionId: s(region), VpcId: s(vpcId), PageSize: i32(5), PageNumber: i32(1)})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeVSwitchesResponse, error) {
		return c.DescribeVSwitches(ctx, &model.DescribeVSwitchesRequest{RegionId: region, VpcId: vpcId, Paging: model.Paging{PageSize: 5, PageNumber: 1}})
	})

	// ECS instances: two Running, one Stopped then started and stopped.
	const image, instanceType, sg = "aliyun_3_x64_20G_alibase_20240819.vhd", "ecs.g7.large", "sg-bp1conformance0000"
	ran := do(p, "RunInstances", func(c v2Clients) (*ecs20140526.RunInstancesResponse, error) {
		return c.ecs.RunInstances(&ecs20140526.RunInstancesRequest{RegionId: s(region), VSwitchId: s(vswId), ImageId: s(image),
			InstanceType: s(instanceType), SecurityGroupId: s(sg), InstanceName: s("web"), Amount: i32(2)})
	}, func(ctx context.Context, c *fake.Client) (*model.RunInstancesResponse, error) {
		return c.RunInstances(ctx, &model.RunInstancesRequest{RegionId: region, VSwitchId: vswId, ImageId: image,
			InstanceType: instanceType, SecurityGroupId: sg, InstanceName: "web", Amount: 2})
	})
	require.Len(t, ran.InstanceIdSets.InstanceIdSet, 2)
	web1, web2 := ran.InstanceIdSets.InstanceIdSet[0], ran.InstanceIdSets.InstanceIdSet[1]

	spare := do(p, "CreateInstance", func(c v2Clients) (*ecs20140526.CreateInstanceResponse, error) {
		return c.ecs.CreateInstance(&ecs20140526.CreateInstanceRequest{RegionId: s(region), VSwitchId: s(vswId), ImageId: s(image),
			InstanceType: s(instanceType), SecurityGroupId: s(sg), InstanceName: s("spare"), PrivateIpAddress: s("192.168.1.200")})
	}, func(ctx context.Context, c *fake.Client) (*model.CreateInstanceResponse, error) {
		return c.CreateInstance(ctx, &model.CreateInstanceRequest{RegionId: region, VSwitchId: vswId, ImageId: image,
			InstanceType: instanceType, SecurityGroupId: sg, InstanceName: "spare", PrivateIpAddress: "192.168.1.200"})
	}).InstanceId

	// The generated StartInstance, StopInstance and DeleteInstance requests
	// have no RegionId: the V2.0 clients send none.
	do(p, "StartInstance", func(c v2Clients) (*ecs20140526.StartInstanceResponse, error) {
		return c.ecs.StartInstance(&ecs20140526.StartInstanceRequest{InstanceId: s(spare)})
	}, func(ctx context.Context, c *fake.Client) (*model.StartInstanceResponse, error) {
		return c.StartInstance(ctx, &model.StartInstanceRequest{InstanceId: spare})
	})
	do(p, "StopInstance", func(c v2Clients) (*ecs20140526.StopInstanceResponse, error) {
		return c.ecs.StopInstance(&ecs20140526.StopInstanceRequest{InstanceId: s(spare), ForceStop: b(true)})
	}, func(ctx context.Context, c *fake.Client) (*model.StopInstanceResponse, error) {
		return c.StopInstance(ctx, &model.StopInstanceRequest{InstanceId: spare, ForceStop: true})
	})
	statuses := do(p, "DescribeInstanceStatus", func(c v2Clients) (*ecs20140526.DescribeInstanceStatusResponse, error) {
		return c.ecs.DescribeInstanceStatus(&ecs20140526.DescribeInstanceStatusRequest{RegionId: s(region),
			InstanceId: dara.StringSlice([]string{spare, web2})}) // InstanceId.1, InstanceId.2
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeInstanceStatusResponse, error) {
		return c.DescribeInstanceStatus(ctx, &model.DescribeInstanceStatusRequest{RegionId: region, InstanceId: []string{spare, web2}})
	})
	require.Equal(t, 2, statuses.TotalCount, "the repeated InstanceId.N filter reached the fake")

	// ENIs.
	eniId := do(p, "CreateNetworkInterface", func(c v2Clients) (*ecs20140526.CreateNetworkInterfaceResponse, error) {
		return c.ecs.CreateNetworkInterface(&ecs20140526.CreateNetworkInterfaceRequest{RegionId: s(region), VSwitchId: s(vswId),
			SecurityGroupId: s(sg), NetworkInterfaceName: s("eni-a"), SecondaryPrivateIpAddressCount: i32(2)})
	}, func(ctx context.Context, c *fake.Client) (*model.CreateNetworkInterfaceResponse, error) {
		return c.CreateNetworkInterface(ctx, &model.CreateNetworkInterfaceRequest{RegionId: region, VSwitchId: vswId,
			SecurityGroupId: sg, NetworkInterfaceName: "eni-a", SecondaryPrivateIpAddressCount: 2})
	}).NetworkInterfaceId
	do(p, "CreateNetworkInterface", func(c v2Clients) (*ecs20140526.CreateNetworkInterfaceResponse, error) {
		return c.ecs.CreateNetworkInterface(&ecs20140526.CreateNetworkInterfaceRequest{RegionId: s(region), VSwitchId: s(vswId),
			SecurityGroupId: s(sg), PrimaryIpAddress: s("192.168.1.150"), Description: s("second")})
	}, func(ctx context.Context, c *fake.Client) (*model.CreateNetworkInterfaceResponse, error) {
		return c.CreateNetworkInterface(ctx, &model.CreateNetworkInterfaceRequest{RegionId: region, VSwitchId: vswId,
			SecurityGroupId: sg, PrimaryIpAddress: "192.168.1.150", Description: "second"})
	})
	do(p, "AttachNetworkInterface", func(c v2Clients) (*ecs20140526.AttachNetworkInterfaceResponse, error) {
		return c.ecs.AttachNetworkInterface(&ecs20140526.AttachNetworkInterfaceRequest{RegionId: s(region), NetworkInterfaceId: s(eniId), InstanceId: s(web1)})
	}, func(ctx context.Context, c *fake.Client) (*model.AttachNetworkInterfaceResponse, error) {
		return c.AttachNetworkInterface(ctx, &model.AttachNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eniId, InstanceId: web1})
	})
	enis := do(p, "DescribeNetworkInterfaces", func(c v2Clients) (*ecs20140526.DescribeNetworkInterfacesResponse, error) {
		return c.ecs.DescribeNetworkInterfaces(&ecs20140526.DescribeNetworkInterfacesRequest{RegionId: s(region),
			NetworkInterfaceId: dara.StringSlice([]string{eniId})}) // NetworkInterfaceId.1
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeNetworkInterfacesResponse, error) {
		return c.DescribeNetworkInterfaces(ctx, &model.DescribeNetworkInterfacesRequest{RegionId: region, NetworkInterfaceId: []string{eniId}})
	})
	require.Len(t, enis.NetworkInterfaceSets.NetworkInterfaceSet, 1, "the repeated NetworkInterfaceId.N filter reached the fake")
	eniIps := enis.NetworkInterfaceSets.NetworkInterfaceSet[0].PrivateIpSets.PrivateIpSet
	require.Len(t, eniIps, 3)

	described := do(p, "DescribeInstances", func(c v2Clients) (*ecs20140526.DescribeInstancesResponse, error) {
		return c.ecs.DescribeInstances(&ecs20140526.DescribeInstancesRequest{RegionId: s(region),
			InstanceIds: s(jsonArray(web1, spare)), VpcId: s(vpcId)}) // a JSON array string
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeInstancesResponse, error) {
		return c.DescribeInstances(ctx, &model.DescribeInstancesRequest{RegionId: region, InstanceIds: jsonArray(web1, spare), VpcId: vpcId})
	})
	require.Equal(t, 2, described.TotalCount, "the InstanceIds JSON array reached the fake")

	// SLB through CallApi: a performance-guaranteed VPC LB (eni backends
	// allowed) and an internet one.
	type q = map[string]any
	lbVpc := do(p, "CreateLoadBalancer", func(c v2Clients) (*slbv2models.CreateLoadBalancerResponse, error) {
		return callSLB[slbv2models.CreateLoadBalancerResponse](c, "CreateLoadBalancer", q{"RegionId": region,
			"AddressType": "intranet", "VSwitchId": vswId, "LoadBalancerSpec": "slb.s2.small", "LoadBalancerName": "inner"})
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerResponse, error) {
		return c.CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: region, AddressType: "intranet",
			VSwitchId: vswId, LoadBalancerSpec: "slb.s2.small", LoadBalancerName: "inner"})
	}).LoadBalancerId
	lbNet := do(p, "CreateLoadBalancer", func(c v2Clients) (*slbv2models.CreateLoadBalancerResponse, error) {
		// Bandwidth as the generated request's *int32 goes: a number into Query.
		return callSLB[slbv2models.CreateLoadBalancerResponse](c, "CreateLoadBalancer", q{"RegionId": region,
			"LoadBalancerName": "outer", "Bandwidth": i32(10), "InternetChargeType": "paybybandwidth"})
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerResponse, error) {
		return c.CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: region, LoadBalancerName: "outer",
			Bandwidth: 10, InternetChargeType: "paybybandwidth"})
	}).LoadBalancerId

	do(p, "DescribeLoadBalancers", func(c v2Clients) (*slbv2models.DescribeLoadBalancersResponse, error) {
		return callSLB[slbv2models.DescribeLoadBalancersResponse](c, "DescribeLoadBalancers", q{"RegionId": region})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancersResponse, error) {
		return c.DescribeLoadBalancers(ctx, &model.DescribeLoadBalancersRequest{RegionId: region})
	})

	servers := `[{"ServerId":"` + web1 + `","Weight":"50","Description":"web-1"},` +
		`{"ServerId":"` + web2 + `","Weight":70},` +
		`{"ServerId":"` + eniId + `","Type":"eni","ServerIp":"` + eniIps[1].PrivateIpAddress + `"}]`
	added := do(p, "AddBackendServers", func(c v2Clients) (*slbv2models.AddBackendServersResponse, error) {
		return callSLB[slbv2models.AddBackendServersResponse](c, "AddBackendServers", q{"RegionId": region,
			"LoadBalancerId": lbVpc, "BackendServers": servers})
	}, func(ctx context.Context, c *fake.Client) (*model.AddBackendServersResponse, error) {
		return c.AddBackendServers(ctx, &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: lbVpc, BackendServers: servers})
	})
	require.Len(t, added.BackendServers.BackendServer, 3)

	setServers := `[{"ServerId":"` + web2 + `","Weight":5,"Description":"drain"}]`
	do(p, "SetBackendServers", func(c v2Clients) (*slbv2models.SetBackendServersResponse, error) {
		return callSLB[slbv2models.SetBackendServersResponse](c, "SetBackendServers", q{"RegionId": region,
			"LoadBalancerId": lbVpc, "BackendServers": setServers})
	}, func(ctx context.Context, c *fake.Client) (*model.SetBackendServersResponse, error) {
		return c.SetBackendServers(ctx, &model.SetBackendServersRequest{RegionId: region, LoadBalancerId: lbVpc, BackendServers: setServers})
	})
	describeAttribute := func() {
		t.Helper()
		do(p, "DescribeLoadBalancerAttribute", func(c v2Clients) (*slbv2models.DescribeLoadBalancerAttributeResponse, error) {
			return callSLB[slbv2models.DescribeLoadBalancerAttributeResponse](c, "DescribeLoadBalancerAttribute", q{"RegionId": region,
				"LoadBalancerId": lbVpc})
		}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerAttributeResponse, error) {
			return c.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: lbVpc})
		})
	}
	describeAttribute()
	do(p, "DescribeLoadBalancers", func(c v2Clients) (*slbv2models.DescribeLoadBalancersResponse, error) {
		return callSLB[slbv2models.DescribeLoadBalancersResponse](c, "DescribeLoadBalancers", q{"RegionId": region,
			"ServerId": web2, "PageSize": i32(20)})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancersResponse, error) {
		return c.DescribeLoadBalancers(ctx, &model.DescribeLoadBalancersRequest{RegionId: region, ServerId: web2, Paging: model.Paging{PageSize: 20}})
	})

	removeServers := `[{"ServerId":"` + eniId + `","Type":"eni"},{"ServerId":"` + web1 + `"}]`
	do(p, "RemoveBackendServers", func(c v2Clients) (*slbv2models.RemoveBackendServersResponse, error) {
		return callSLB[slbv2models.RemoveBackendServersResponse](c, "RemoveBackendServers", q{"RegionId": region,
			"LoadBalancerId": lbVpc, "BackendServers": removeServers})
	}, func(ctx context.Context, c *fake.Client) (*model.RemoveBackendServersResponse, error) {
		return c.RemoveBackendServers(ctx, &model.RemoveBackendServersRequest{RegionId: region, LoadBalancerId: lbVpc, BackendServers: removeServers})
	})
	do(p, "SetLoadBalancerStatus", func(c v2Clients) (*slbv2models.SetLoadBalancerStatusResponse, error) {
		return callSLB[slbv2models.SetLoadBalancerStatusResponse](c, "SetLoadBalancerStatus", q{"RegionId": region,
			"LoadBalancerId": lbVpc, "LoadBalancerStatus": "inactive"})
	}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerStatusResponse, error) {
		return c.SetLoadBalancerStatus(ctx, &model.SetLoadBalancerStatusRequest{RegionId: region, LoadBalancerId: lbVpc, LoadBalancerStatus: "inactive"})
	})
	tagScenarioV2(p, lbVpc, lbNet)
	describeAttribute()
	scenarioGroupsV2(p, lbVpc, web1, web2) // vServer groups (actions_groups_v2_test.go)
	scenarioListenersV2(p, lbVpc)          // listeners and health (actions_listeners_v2_test.go)

	// Tear down: detach and delete the ENI, delete an LB and an instance.
	do(p, "DetachNetworkInterface", func(c v2Clients) (*ecs20140526.DetachNetworkInterfaceResponse, error) {
		return c.ecs.DetachNetworkInterface(&ecs20140526.DetachNetworkInterfaceRequest{RegionId: s(region), NetworkInterfaceId: s(eniId), InstanceId: s(web1)})
	}, func(ctx context.Context, c *fake.Client) (*model.DetachNetworkInterfaceResponse, error) {
		return c.DetachNetworkInterface(ctx, &model.DetachNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eniId, InstanceId: web1})
	})
	do(p, "DeleteNetworkInterface", func(c v2Clients) (*ecs20140526.DeleteNetworkInterfaceResponse, error) {
		return c.ecs.DeleteNetworkInterface(&ecs20140526.DeleteNetworkInterfaceRequest{RegionId: s(region), NetworkInterfaceId: s(eniId)}) // detached
	}, func(ctx context.Context, c *fake.Client) (*model.DeleteNetworkInterfaceResponse, error) {
		return c.DeleteNetworkInterface(ctx, &model.DeleteNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eniId})
	})
	do(p, "DeleteLoadBalancer", func(c v2Clients) (*slbv2models.DeleteLoadBalancerResponse, error) {
		return callSLB[slbv2models.DeleteLoadBalancerResponse](c, "DeleteLoadBalancer", q{"RegionId": region, "LoadBalancerId": lbNet})
	}, func(ctx context.Context, c *fake.Client) (*model.DeleteLoadBalancerResponse, error) {
		return c.DeleteLoadBalancer(ctx, &model.DeleteLoadBalancerRequest{RegionId: region, LoadBalancerId: lbNet})
	})
	do(p, "DeleteInstance", func(c v2Clients) (*ecs20140526.DeleteInstanceResponse, error) {
		return c.ecs.DeleteInstance(&ecs20140526.DeleteInstanceRequest{InstanceId: s(web2), Force: b(true)}) // Running: needs Force
	}, func(ctx context.Context, c *fake.Client) (*model.DeleteInstanceResponse, error) {
		return c.DeleteInstance(ctx, &model.DeleteInstanceRequest{InstanceId: web2, Force: true})
	})
	do(p, "DescribeInstances", func(c v2Clients) (*ecs20140526.DescribeInstancesResponse, error) {
		return c.ecs.DescribeInstances(&ecs20140526.DescribeInstancesRequest{RegionId: s(region), Status: s("Running"),
			InstanceNetworkType: s("vpc"), PageNumber: i32(1)})
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeInstancesResponse, error) {
		return c.DescribeInstances(ctx, &model.DescribeInstancesRequest{RegionId: region, Status: "Running", InstanceNetworkType: "vpc",
			Paging: model.Paging{PageNumber: 1}})
	})
	describeAttribute()
}
