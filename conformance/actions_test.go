package conformance

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/slb"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// twinPair drives two twin fakes in lockstep: one through an SDK (its
// clients C), one through the fake's typed Go API. Each call runs on both and
// the responses must be equal; the Go API's response feeds the next calls
// (the twin's are equal). The legacy SDK's pair is pair; the V2.0 SDKs' is
// v2Pair (harness_v2_test.go).
type twinPair[C any] struct {
	t       *testing.T
	sdk     C
	api     *fake.Client
	ctx     context.Context
	covered map[string]bool
	// same asserts that the SDK parsed what the Go API returned.
	same func(action string, api, sdk any)
}

// pair is the twin pair of the legacy SDK (alibaba-cloud-sdk-go).
type pair = twinPair[sdkClients]

func newPair(t *testing.T, m mode, opts ...fake.Option) *pair {
	t.Helper()
	fSDK, fAPI := twins(opts...)
	c := newClients(t, fSDK, m, fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)
	return &pair{
		t:       t,
		sdk:     c,
		api:     fAPI.Client(),
		ctx:     context.Background(),
		covered: map[string]bool{},
		same: func(action string, api, sdk any) {
			t.Helper()
			requireSame(t, action, api, sdk)
			if body, ok := sdk.(interface{ GetHttpContentString() string }); ok {
				require.Equal(t, c.xml, strings.HasPrefix(body.GetHttpContentString(), "<"), "%s: the body is in the format asked for", action)
			}
		},
	}
}

// do runs one action on both fakes and asserts the SDK parsed what the Go
// API returned, field by field (RequestId and IDs included).
func do[C, S, A any](p *twinPair[C], action string, sdkCall func(C) (S, error), apiCall func(context.Context, *fake.Client) (A, error)) A {
	p.t.Helper()
	s, serr := sdkCall(p.sdk)
	a, aerr := apiCall(p.ctx, p.api)
	require.NoError(p.t, aerr, "%s via the Go API", action)
	require.NoError(p.t, serr, "%s via the SDK", action)
	p.same(action, a, s)
	p.covered[action] = true
	return a
}

// wireActions lists the Client methods that are actions: every method of
// the form (context.Context, *model.XRequest) (*model.XResponse, error). A
// test in package fake checks that the wire serves exactly these.
func wireActions() []string {
	ctxType := reflect.TypeOf((*context.Context)(nil)).Elem()
	errType := reflect.TypeOf((*error)(nil)).Elem()
	ct := reflect.TypeOf(&fake.Client{})
	var out []string
	for i := 0; i < ct.NumMethod(); i++ {
		m := ct.Method(i).Type // receiver first
		if m.NumIn() == 3 && m.In(1) == ctxType && m.NumOut() == 2 && m.Out(1) == errType {
			out = append(out, ct.Method(i).Name)
		}
	}
	sort.Strings(out)
	return out
}

// TestEveryActionThroughTheSDK drives every action of the endpoint through
// the SDK's typed clients, in-process, over a loopback socket and with
// Format=XML, and compares each response with the Go API's.
func TestEveryActionThroughTheSDK(t *testing.T) {
	t.Parallel()
	want := wireActions()
	require.Len(t, want, 54, "the fake's actions changed: update this scenario")
	var mu sync.Mutex
	covered := map[string][]string{}
	t.Run("modes", func(t *testing.T) {
		for _, m := range append(modes, xmlMode) {
			t.Run(m.name, func(t *testing.T) {
				t.Parallel()
				p := newPair(t, m)
				scenario(p)
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
	for _, m := range append(modes, xmlMode) {
		got := covered[m.name]
		sort.Strings(got)
		require.Equal(t, want, got, "%s: every action must go through the SDK", m.name)
	}
}

// scenario is one call sequence that uses every action: a VPC and vSwitch,
// instances in every lifecycle call, an ENI attached and detached, two LBs
// and every backend call on them.
func scenario(p *pair) {
	t := p.t

	// VPC.
	createdVpc := do(p, "CreateVpc", func(c sdkClients) (*vpc.CreateVpcResponse, error) {
		r := vpc.CreateCreateVpcRequest()
		r.AcceptFormat = c.format()
		r.CidrBlock, r.VpcName, r.Description, r.ClientToken = "192.168.0.0/16", "conformance", "made-by-the-SDK", "tok-1"
		return c.vpc.CreateVpc(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateVpcResponse, error) {
		return c.CreateVpc(ctx, &model.CreateVpcRequest{RegionId: region, CidrBlock: "192.168.0.0/16", VpcName: "conformance", Description: "made-by-the-SDK", ClientToken: "tok-1"})
	})
	vpcId := createdVpc.VpcId
	require.NotEmpty(t, vpcId)

	createdVsw := do(p, "CreateVSwitch", func(c sdkClients) (*vpc.CreateVSwitchResponse, error) {
		r := vpc.CreateCreateVSwitchRequest()
		r.AcceptFormat = c.format()
		r.VpcId, r.ZoneId, r.CidrBlock, r.VSwitchName, r.Description = vpcId, "cn-hangzhou-h", "192.168.1.0/24", "vsw-a", "first"
		return c.vpc.CreateVSwitch(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateVSwitchResponse, error) {
		return c.CreateVSwitch(ctx, &model.CreateVSwitchRequest{RegionId: region, VpcId: vpcId, ZoneId: "cn-hangzhou-h", CidrBlock: "192.168.1.0/24", VSwitchName: "vsw-a", Description: "first"})
	})
	vswId := createdVsw.VSwitchId

	do(p, "DescribeVpcs", func(c sdkClients) (*vpc.DescribeVpcsResponse, error) {
		r := vpc.CreateDescribeVpcsRequest()
		r.AcceptFormat = c.format()
		r.VpcId = vpcId
		return c.vpc.DescribeVpcs(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeVpcsResponse, error) {
		return c.DescribeVpcs(ctx, &model.DescribeVpcsRequest{RegionId: region, VpcId: vpcId})
	})
	do(p, "DescribeVSwitches", func(c sdkClients) (*vpc.DescribeVSwitchesResponse, error) {
		r := vpc.CreateDescribeVSwitchesRequest()
		r.AcceptFormat = c.format()
		r.VpcId, r.PageSize, r.PageNumber = vpcId, requests.NewInteger(5), requests.NewInteger(1)
		return c.vpc.DescribeVSwitches(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeVSwitchesResponse, error) {
		return c.DescribeVSwitches(ctx, &model.DescribeVSwitchesRequest{RegionId: region, VpcId: vpcId, Paging: model.Paging{PageSize: 5, PageNumber: 1}})
	})

	// ECS instances: two Running, one Stopped then started and stopped.
	ran := do(p, "RunInstances", func(c sdkClients) (*ecs.RunInstancesResponse, error) {
		r := ecs.CreateRunInstancesRequest()
		r.AcceptFormat = c.format()
		r.VSwitchId, r.ImageId, r.InstanceType, r.SecurityGroupId = vswId, "aliyun_3_x64_20G_alibase_20240819.vhd", "ecs.g7.large", "sg-bp1conformance0000"
		r.InstanceName, r.Amount = "web", requests.NewInteger(2)
		return c.ecs.RunInstances(r)
	}, func(ctx context.Context, c *fake.Client) (*model.RunInstancesResponse, error) {
		return c.RunInstances(ctx, &model.RunInstancesRequest{RegionId: region, VSwitchId: vswId, ImageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
			InstanceType: "ecs.g7.large", SecurityGroupId: "sg-bp1conformance0000", InstanceName: "web", Amount: 2})
	})
	require.Len(t, ran.InstanceIdSets.InstanceIdSet, 2)
	web1, web2 := ran.InstanceIdSets.InstanceIdSet[0], ran.InstanceIdSets.InstanceIdSet[1]

	created := do(p, "CreateInstance", func(c sdkClients) (*ecs.CreateInstanceResponse, error) {
		r := ecs.CreateCreateInstanceRequest()
		r.AcceptFormat = c.format()
		r.VSwitchId, r.ImageId, r.InstanceType, r.SecurityGroupId = vswId, "aliyun_3_x64_20G_alibase_20240819.vhd", "ecs.g7.large", "sg-bp1conformance0000"
		r.InstanceName, r.PrivateIpAddress = "spare", "192.168.1.200"
		return c.ecs.CreateInstance(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateInstanceResponse, error) {
		return c.CreateInstance(ctx, &model.CreateInstanceRequest{RegionId: region, VSwitchId: vswId, ImageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
			InstanceType: "ecs.g7.large", SecurityGroupId: "sg-bp1conformance0000", InstanceName: "spare", PrivateIpAddress: "192.168.1.200"})
	})
	spare := created.InstanceId

	do(p, "StartInstance", func(c sdkClients) (*ecs.StartInstanceResponse, error) {
		r := ecs.CreateStartInstanceRequest()
		r.AcceptFormat = c.format()
		r.InstanceId = spare
		return c.ecs.StartInstance(r)
	}, func(ctx context.Context, c *fake.Client) (*model.StartInstanceResponse, error) {
		// The SDK always sends the client's RegionId.
		return c.StartInstance(ctx, &model.StartInstanceRequest{RegionId: region, InstanceId: spare})
	})
	do(p, "StopInstance", func(c sdkClients) (*ecs.StopInstanceResponse, error) {
		r := ecs.CreateStopInstanceRequest()
		r.AcceptFormat = c.format()
		r.InstanceId, r.ForceStop = spare, requests.NewBoolean(true)
		return c.ecs.StopInstance(r)
	}, func(ctx context.Context, c *fake.Client) (*model.StopInstanceResponse, error) {
		return c.StopInstance(ctx, &model.StopInstanceRequest{RegionId: region, InstanceId: spare, ForceStop: true})
	})
	statuses := do(p, "DescribeInstanceStatus", func(c sdkClients) (*ecs.DescribeInstanceStatusResponse, error) {
		r := ecs.CreateDescribeInstanceStatusRequest()
		r.AcceptFormat = c.format()
		ids := []string{spare, web2} // InstanceId.1, InstanceId.2
		r.InstanceId = &ids
		return c.ecs.DescribeInstanceStatus(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeInstanceStatusResponse, error) {
		return c.DescribeInstanceStatus(ctx, &model.DescribeInstanceStatusRequest{RegionId: region, InstanceId: []string{spare, web2}})
	})
	require.Equal(t, 2, statuses.TotalCount, "the repeated InstanceId.N filter reached the fake")

	// ENI.
	eni := do(p, "CreateNetworkInterface", func(c sdkClients) (*ecs.CreateNetworkInterfaceResponse, error) {
		r := ecs.CreateCreateNetworkInterfaceRequest()
		r.AcceptFormat = c.format()
		r.VSwitchId, r.SecurityGroupId, r.NetworkInterfaceName = vswId, "sg-bp1conformance0000", "eni-a"
		r.SecondaryPrivateIpAddressCount = requests.NewInteger(2)
		return c.ecs.CreateNetworkInterface(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateNetworkInterfaceResponse, error) {
		return c.CreateNetworkInterface(ctx, &model.CreateNetworkInterfaceRequest{RegionId: region, VSwitchId: vswId,
			SecurityGroupId: "sg-bp1conformance0000", NetworkInterfaceName: "eni-a", SecondaryPrivateIpAddressCount: 2})
	})
	eniId := eni.NetworkInterfaceId
	do(p, "CreateNetworkInterface", func(c sdkClients) (*ecs.CreateNetworkInterfaceResponse, error) {
		r := ecs.CreateCreateNetworkInterfaceRequest()
		r.AcceptFormat = c.format()
		r.VSwitchId, r.SecurityGroupId, r.PrimaryIpAddress, r.Description = vswId, "sg-bp1conformance0000", "192.168.1.150", "second"
		return c.ecs.CreateNetworkInterface(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateNetworkInterfaceResponse, error) {
		return c.CreateNetworkInterface(ctx, &model.CreateNetworkInterfaceRequest{RegionId: region, VSwitchId: vswId,
			SecurityGroupId: "sg-bp1conformance0000", PrimaryIpAddress: "192.168.1.150", Description: "second"})
	})
	do(p, "AttachNetworkInterface", func(c sdkClients) (*ecs.AttachNetworkInterfaceResponse, error) {
		r := ecs.CreateAttachNetworkInterfaceRequest()
		r.AcceptFormat = c.format()
		r.NetworkInterfaceId, r.InstanceId = eniId, web1
		return c.ecs.AttachNetworkInterface(r)
	}, func(ctx context.Context, c *fake.Client) (*model.AttachNetworkInterfaceResponse, error) {
		return c.AttachNetworkInterface(ctx, &model.AttachNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eniId, InstanceId: web1})
	})
	enis := do(p, "DescribeNetworkInterfaces", func(c sdkClients) (*ecs.DescribeNetworkInterfacesResponse, error) {
		r := ecs.CreateDescribeNetworkInterfacesRequest()
		r.AcceptFormat = c.format()
		ids := []string{eniId} // NetworkInterfaceId.1
		r.NetworkInterfaceId = &ids
		return c.ecs.DescribeNetworkInterfaces(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeNetworkInterfacesResponse, error) {
		return c.DescribeNetworkInterfaces(ctx, &model.DescribeNetworkInterfacesRequest{RegionId: region, NetworkInterfaceId: []string{eniId}})
	})
	require.Len(t, enis.NetworkInterfaceSets.NetworkInterfaceSet, 1, "the repeated NetworkInterfaceId.N filter reached the fake")
	eniIps := enis.NetworkInterfaceSets.NetworkInterfaceSet[0].PrivateIpSets.PrivateIpSet
	require.Len(t, eniIps, 3)

	described := do(p, "DescribeInstances", func(c sdkClients) (*ecs.DescribeInstancesResponse, error) {
		r := ecs.CreateDescribeInstancesRequest()
		r.AcceptFormat = c.format()
		r.InstanceIds, r.VpcId = jsonArray(web1, spare), vpcId // a JSON array string
		return c.ecs.DescribeInstances(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeInstancesResponse, error) {
		return c.DescribeInstances(ctx, &model.DescribeInstancesRequest{RegionId: region, InstanceIds: jsonArray(web1, spare), VpcId: vpcId})
	})
	require.Equal(t, 2, described.TotalCount, "the InstanceIds JSON array reached the fake")
	require.Equal(t, web1, described.Instances.Instance[0].InstanceId)
	require.Equal(t, eniId, described.Instances.Instance[0].NetworkInterfaces.NetworkInterface[0].NetworkInterfaceId, "the attached ENI")

	// SLB: a performance-guaranteed VPC LB (eni backends allowed) and an
	// internet one.
	lbVpc := do(p, "CreateLoadBalancer", func(c sdkClients) (*slb.CreateLoadBalancerResponse, error) {
		r := slb.CreateCreateLoadBalancerRequest()
		r.AcceptFormat = c.format()
		r.AddressType, r.VSwitchId, r.LoadBalancerSpec, r.LoadBalancerName = "intranet", vswId, "slb.s2.small", "inner"
		return c.slb.CreateLoadBalancer(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerResponse, error) {
		return c.CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: region, AddressType: "intranet", VSwitchId: vswId, LoadBalancerSpec: "slb.s2.small", LoadBalancerName: "inner"})
	}).LoadBalancerId
	lbNet := do(p, "CreateLoadBalancer", func(c sdkClients) (*slb.CreateLoadBalancerResponse, error) {
		r := slb.CreateCreateLoadBalancerRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerName, r.Bandwidth, r.InternetChargeType = "outer", requests.NewInteger(10), "paybybandwidth"
		return c.slb.CreateLoadBalancer(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerResponse, error) {
		return c.CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: region, LoadBalancerName: "outer", Bandwidth: 10, InternetChargeType: "paybybandwidth"})
	}).LoadBalancerId

	do(p, "DescribeLoadBalancers", func(c sdkClients) (*slb.DescribeLoadBalancersResponse, error) {
		r := slb.CreateDescribeLoadBalancersRequest()
		r.AcceptFormat = c.format()
		return c.slb.DescribeLoadBalancers(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancersResponse, error) {
		return c.DescribeLoadBalancers(ctx, &model.DescribeLoadBalancersRequest{RegionId: region})
	})

	servers := `[{"ServerId":"` + web1 + `","Weight":"50","Description":"web-1"},` +
		`{"ServerId":"` + web2 + `","Weight":70},` +
		`{"ServerId":"` + eniId + `","Type":"eni","ServerIp":"` + eniIps[1].PrivateIpAddress + `"}]`
	added := do(p, "AddBackendServers", func(c sdkClients) (*slb.AddBackendServersResponse, error) {
		r := slb.CreateAddBackendServersRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.BackendServers = lbVpc, servers
		return c.slb.AddBackendServers(r)
	}, func(ctx context.Context, c *fake.Client) (*model.AddBackendServersResponse, error) {
		return c.AddBackendServers(ctx, &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: lbVpc, BackendServers: servers})
	})
	require.Len(t, added.BackendServers.BackendServer, 3)

	setServers := `[{"ServerId":"` + web2 + `","Weight":5,"Description":"drain"}]`
	do(p, "SetBackendServers", func(c sdkClients) (*slb.SetBackendServersResponse, error) {
		r := slb.CreateSetBackendServersRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.BackendServers = lbVpc, setServers
		return c.slb.SetBackendServers(r)
	}, func(ctx context.Context, c *fake.Client) (*model.SetBackendServersResponse, error) {
		return c.SetBackendServers(ctx, &model.SetBackendServersRequest{RegionId: region, LoadBalancerId: lbVpc, BackendServers: setServers})
	})
	do(p, "DescribeLoadBalancerAttribute", func(c sdkClients) (*slb.DescribeLoadBalancerAttributeResponse, error) {
		r := slb.CreateDescribeLoadBalancerAttributeRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId = lbVpc
		return c.slb.DescribeLoadBalancerAttribute(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerAttributeResponse, error) {
		return c.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: lbVpc})
	})
	do(p, "DescribeLoadBalancers", func(c sdkClients) (*slb.DescribeLoadBalancersResponse, error) {
		r := slb.CreateDescribeLoadBalancersRequest()
		r.AcceptFormat = c.format()
		r.ServerId, r.PageSize = web2, requests.NewInteger(20)
		return c.slb.DescribeLoadBalancers(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancersResponse, error) {
		return c.DescribeLoadBalancers(ctx, &model.DescribeLoadBalancersRequest{RegionId: region, ServerId: web2, Paging: model.Paging{PageSize: 20}})
	})

	removeServers := `[{"ServerId":"` + eniId + `","Type":"eni"},{"ServerId":"` + web1 + `"}]`
	do(p, "RemoveBackendServers", func(c sdkClients) (*slb.RemoveBackendServersResponse, error) {
		r := slb.CreateRemoveBackendServersRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.BackendServers = lbVpc, removeServers
		return c.slb.RemoveBackendServers(r)
	}, func(ctx context.Context, c *fake.Client) (*model.RemoveBackendServersResponse, error) {
		return c.RemoveBackendServers(ctx, &model.RemoveBackendServersRequest{RegionId: region, LoadBalancerId: lbVpc, BackendServers: removeServers})
	})
	do(p, "SetLoadBalancerStatus", func(c sdkClients) (*slb.SetLoadBalancerStatusResponse, error) {
		r := slb.CreateSetLoadBalancerStatusRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.LoadBalancerStatus = lbVpc, "inactive"
		return c.slb.SetLoadBalancerStatus(r)
	}, func(ctx context.Context, c *fake.Client) (*model.SetLoadBalancerStatusResponse, error) {
		return c.SetLoadBalancerStatus(ctx, &model.SetLoadBalancerStatusRequest{RegionId: region, LoadBalancerId: lbVpc, LoadBalancerStatus: "inactive"})
	})
	tagScenario(p, lbVpc, lbNet)
	do(p, "DescribeLoadBalancerAttribute", func(c sdkClients) (*slb.DescribeLoadBalancerAttributeResponse, error) {
		r := slb.CreateDescribeLoadBalancerAttributeRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId = lbVpc
		return c.slb.DescribeLoadBalancerAttribute(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerAttributeResponse, error) {
		return c.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: lbVpc})
	})

	scenarioGroups(p, lbVpc, web1, web2) // vServer groups (actions_groups_test.go)
	scenarioListeners(p, lbVpc)
	scenarioListenerParams(p, lbVpc)

	// Tear down: detach and delete the ENI, delete an LB and an instance.
	do(p, "DetachNetworkInterface", func(c sdkClients) (*ecs.DetachNetworkInterfaceResponse, error) {
		r := ecs.CreateDetachNetworkInterfaceRequest()
		r.AcceptFormat = c.format()
		r.NetworkInterfaceId, r.InstanceId = eniId, web1
		return c.ecs.DetachNetworkInterface(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DetachNetworkInterfaceResponse, error) {
		return c.DetachNetworkInterface(ctx, &model.DetachNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eniId, InstanceId: web1})
	})
	do(p, "DeleteNetworkInterface", func(c sdkClients) (*ecs.DeleteNetworkInterfaceResponse, error) {
		r := ecs.CreateDeleteNetworkInterfaceRequest()
		r.AcceptFormat = c.format()
		r.NetworkInterfaceId = eniId // Available again: detached
		return c.ecs.DeleteNetworkInterface(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DeleteNetworkInterfaceResponse, error) {
		return c.DeleteNetworkInterface(ctx, &model.DeleteNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eniId})
	})
	do(p, "DeleteLoadBalancer", func(c sdkClients) (*slb.DeleteLoadBalancerResponse, error) {
		r := slb.CreateDeleteLoadBalancerRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId = lbNet
		return c.slb.DeleteLoadBalancer(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DeleteLoadBalancerResponse, error) {
		return c.DeleteLoadBalancer(ctx, &model.DeleteLoadBalancerRequest{RegionId: region, LoadBalancerId: lbNet})
	})
	do(p, "DeleteInstance", func(c sdkClients) (*ecs.DeleteInstanceResponse, error) {
		r := ecs.CreateDeleteInstanceRequest()
		r.AcceptFormat = c.format()
		r.InstanceId, r.Force = web2, requests.NewBoolean(true) // Running: needs Force
		return c.ecs.DeleteInstance(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DeleteInstanceResponse, error) {
		return c.DeleteInstance(ctx, &model.DeleteInstanceRequest{RegionId: region, InstanceId: web2, Force: true})
	})
	do(p, "DescribeInstances", func(c sdkClients) (*ecs.DescribeInstancesResponse, error) {
		r := ecs.CreateDescribeInstancesRequest()
		r.AcceptFormat = c.format()
		r.Status, r.InstanceNetworkType, r.PageNumber = "Running", "vpc", requests.NewInteger(1)
		return c.ecs.DescribeInstances(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeInstancesResponse, error) {
		return c.DescribeInstances(ctx, &model.DescribeInstancesRequest{RegionId: region, Status: "Running", InstanceNetworkType: "vpc", Paging: model.Paging{PageNumber: 1}})
	})
	do(p, "DescribeLoadBalancerAttribute", func(c sdkClients) (*slb.DescribeLoadBalancerAttributeResponse, error) {
		r := slb.CreateDescribeLoadBalancerAttributeRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId = lbVpc
		return c.slb.DescribeLoadBalancerAttribute(r)
	}, func(ctx context.Context, c *fake.Client) (*model.DescribeLoadBalancerAttributeResponse, error) {
		return c.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: lbVpc})
	})
}
