package conformance

import (
	"context"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/slb"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// TestWrongSecret: the fake's SignatureDoesNotMatch message carries its
// string to sign after "server string to sign is:", and it is the SDK's own,
// so the SDK's wrapper (sdk/errors/signature_does_not_match_wrapper.go)
// concludes that the secret is wrong rather than that it has a bug.
func TestWrongSecret(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := fake.New(fake.WithSeed(1))
			c := newClients(t, f, m, fake.DefaultAccessKeyId, "not-the-secret")
			r := slb.CreateDescribeLoadBalancersRequest()
			_, err := c.slb.DescribeLoadBalancers(r)
			se := requireServerError(t, err)
			require.Equal(t, "SignatureDoesNotMatch", se.ErrorCode())
			require.Equal(t, 400, se.HttpStatus())
			require.Equal(t, "InvalidAccessKeySecret: Please check you AccessKeySecret", se.Recommend())
			require.Contains(t, se.Message(), "server string to sign is:"+r.GetStringToSign())
			require.NotEmpty(t, se.RequestId())
			require.Equal(t, "slb.aliyuncs.com", se.HostId())
		})
	}
}

// TestUnknownAccessKeyId: a key the fake does not know is
// InvalidAccessKeyId.NotFound, whichever product.
func TestUnknownAccessKeyId(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := fake.New(fake.WithSeed(1))
			c := newClients(t, f, m, "LTAI5tNobodyKnowsThisKey", fake.DefaultAccessKeySecret)
			_, err := c.slb.DescribeLoadBalancers(slb.CreateDescribeLoadBalancersRequest())
			se := requireServerError(t, err)
			require.Equal(t, "InvalidAccessKeyId.NotFound", se.ErrorCode())
			require.Equal(t, 404, se.HttpStatus())
			require.Equal(t, model.ErrInvalidAccessKeyId().Message, se.Message())
			require.NotEmpty(t, se.RequestId())
			require.Equal(t, "slb.aliyuncs.com", se.HostId())

			_, err = c.vpc.DescribeVpcs(vpcDescribeRequest())
			se = requireServerError(t, err)
			require.Equal(t, "InvalidAccessKeyId.NotFound", se.ErrorCode())
			require.Equal(t, "vpc.aliyuncs.com", se.HostId())
		})
	}
}

// TestSecondAccount: a key of another account acts as that account, which
// does not see the first account's LB.
func TestSecondAccount(t *testing.T) {
	t.Parallel()
	other := fake.AccessKey{Id: "LTAI5tOtherAccountKey01", Secret: "other-secret", Account: "other"}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := fake.New(fake.WithSeed(1), fake.WithAccessKey(other))
			conn := connect(t, f, m)
			mine := newClientsIn(t, conn, m, region, fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)
			theirs := newClientsIn(t, conn, m, region, other.Id, other.Secret)

			created, err := mine.slb.CreateLoadBalancer(slb.CreateCreateLoadBalancerRequest())
			require.NoError(t, err)
			lbId := created.LoadBalancerId

			r := slb.CreateDescribeLoadBalancerAttributeRequest()
			r.LoadBalancerId = lbId
			got, err := mine.slb.DescribeLoadBalancerAttribute(r)
			require.NoError(t, err)
			require.Equal(t, lbId, got.LoadBalancerId)

			r = slb.CreateDescribeLoadBalancerAttributeRequest()
			r.LoadBalancerId = lbId
			_, err = theirs.slb.DescribeLoadBalancerAttribute(r)
			se := requireServerError(t, err)
			require.Equal(t, "InvalidLoadBalancerId.NotFound", se.ErrorCode())
			require.Equal(t, 404, se.HttpStatus())
			require.Equal(t, model.ErrLoadBalancerNotFound().Message, se.Message())

			list, err := theirs.slb.DescribeLoadBalancers(slb.CreateDescribeLoadBalancersRequest())
			require.NoError(t, err)
			require.Zero(t, list.TotalCount)
			require.Empty(t, list.LoadBalancers.LoadBalancer)

			_, err = f.ClientForAccount("other").DescribeLoadBalancerAttribute(context.Background(),
				&model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: lbId})
			require.ErrorIs(t, err, model.ErrLoadBalancerNotFound(), "the Go API agrees")
		})
	}
}

// TestBackendServersForms: Terraform's provider sends BackendServers with
// single quotes, which the fake accepts through the SDK as through the Go
// API; and the SDK drops empty parameters, so BackendServers "" never
// reaches the wire: a successful no-op answering with the current list.
func TestBackendServersForms(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			p := newPair(t, m)
			vswId := setupVpc(p)
			ran := do(p, "RunInstances", func(c sdkClients) (*ecs.RunInstancesResponse, error) {
				return runInstances(c, vswId, 2)
			}, func(ctx context.Context, c *fake.Client) (*model.RunInstancesResponse, error) {
				return c.RunInstances(ctx, runInstancesModel(vswId, 2))
			})
			a, b := ran.InstanceIdSets.InstanceIdSet[0], ran.InstanceIdSets.InstanceIdSet[1]
			lbId := do(p, "CreateLoadBalancer", func(c sdkClients) (*slb.CreateLoadBalancerResponse, error) {
				return c.slb.CreateLoadBalancer(slb.CreateCreateLoadBalancerRequest())
			}, func(ctx context.Context, c *fake.Client) (*model.CreateLoadBalancerResponse, error) {
				return c.CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: region})
			}).LoadBalancerId

			add := func(servers string) *model.AddBackendServersResponse {
				t.Helper()
				return do(p, "AddBackendServers", func(c sdkClients) (*slb.AddBackendServersResponse, error) {
					r := slb.CreateAddBackendServersRequest()
					r.LoadBalancerId, r.BackendServers = lbId, servers
					return c.slb.AddBackendServers(r)
				}, func(ctx context.Context, c *fake.Client) (*model.AddBackendServersResponse, error) {
					return c.AddBackendServers(ctx, &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: lbId, BackendServers: servers})
				})
			}

			// Absent on an LB without backends: an empty list.
			resp := add("")
			require.Equal(t, lbId, resp.LoadBalancerId)
			require.Empty(t, resp.BackendServers.BackendServer)

			// Terraform's form (alicloud/service_alicloud_slb.go builds it
			// with single quotes and a string Weight).
			resp = add(`[{'ServerId':'` + a + `','Weight':'100','Type':'ecs'},{'ServerId':'` + b + `','Weight':'30','Type':'ecs'}]`)
			require.Equal(t, []model.BackendServerView{
				{ServerId: a, Weight: 100, Type: "ecs"},
				{ServerId: b, Weight: 30, Type: "ecs"},
			}, resp.BackendServers.BackendServer)

			// Absent again: the current list, unchanged.
			resp = add("")
			require.Len(t, resp.BackendServers.BackendServer, 2)
		})
	}
}

// TestXMLEqualsJSON: with AcceptFormat XML the SDK parses the fake's XML
// into the same structs as the JSON answer of a twin (the in-process-xml
// mode of TestEveryActionThroughTheSDK compares every action with the Go
// API as well).
func TestXMLEqualsJSON(t *testing.T) {
	t.Parallel()
	fXML, fJSON := twins()
	cXML := newClients(t, fXML, xmlMode, fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)
	cJSON := newClients(t, fJSON, inProcess, fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)

	type world struct{ lbId, a, b string }
	build := func(c sdkClients) world {
		vswId := setupVpcSDK(t, c)
		ran, err := runInstances(c, vswId, 2)
		require.NoError(t, err)
		r := slb.CreateCreateLoadBalancerRequest()
		r.AcceptFormat = c.format()
		r.AddressType, r.VSwitchId = "intranet", vswId
		lb, err := c.slb.CreateLoadBalancer(r)
		require.NoError(t, err)
		// A listener, so that the attribute's listener lists are not empty:
		// XML cannot tell an empty list from an absent one, JSON sends [].
		lr := slb.CreateCreateLoadBalancerTCPListenerRequest()
		lr.AcceptFormat = c.format()
		lr.LoadBalancerId, lr.ListenerPort, lr.BackendServerPort, lr.Bandwidth = lb.LoadBalancerId, requests.NewInteger(80), requests.NewInteger(80), requests.NewInteger(-1)
		_, err = c.slb.CreateLoadBalancerTCPListener(lr)
		require.NoError(t, err)
		return world{lb.LoadBalancerId, ran.InstanceIdSets.InstanceIdSet[0], ran.InstanceIdSets.InstanceIdSet[1]}
	}
	wXML, wJSON := build(cXML), build(cJSON)
	require.Equal(t, wJSON, wXML)

	servers := `[{"ServerId":"` + wXML.a + `","Weight":"40","Description":"xml-a"},{"ServerId":"` + wXML.b + `"}]`
	add := func(c sdkClients) *slb.AddBackendServersResponse {
		r := slb.CreateAddBackendServersRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId, r.BackendServers = wXML.lbId, servers
		resp, err := c.slb.AddBackendServers(r)
		require.NoError(t, err)
		require.Equal(t, c.format() == "XML", resp.GetHttpContentString()[0] == '<', "the body is in the format asked for")
		resp.BaseResponse = nil
		return resp
	}
	addedXML, addedJSON := add(cXML), add(cJSON)
	require.Equal(t, addedJSON, addedXML)
	require.Len(t, addedXML.BackendServers.BackendServer, 2)
	require.Equal(t, "40", addedXML.BackendServers.BackendServer[0].Weight)
	require.Equal(t, "xml-a", addedXML.BackendServers.BackendServer[0].Description)

	describe := func(c sdkClients) *slb.DescribeLoadBalancerAttributeResponse {
		r := slb.CreateDescribeLoadBalancerAttributeRequest()
		r.AcceptFormat = c.format()
		r.LoadBalancerId = wXML.lbId
		resp, err := c.slb.DescribeLoadBalancerAttribute(r)
		require.NoError(t, err)
		resp.BaseResponse = nil
		return resp
	}
	attrXML, attrJSON := describe(cXML), describe(cJSON)
	require.Equal(t, attrJSON, attrXML)
	require.Equal(t, wXML.lbId, attrXML.LoadBalancerId)
	require.NotZero(t, attrXML.CreateTimeStamp)
	require.Len(t, attrXML.BackendServers.BackendServer, 2)
	require.Equal(t, 40, attrXML.BackendServers.BackendServer[0].Weight)
}

// TestXMLError documents what an SDK user who asks for XML gets on an
// error: the SDK parses error bodies as JSON only (sdk/errors NewServerError),
// so the fake's XML envelope arrives whole in Message with the right HTTP
// status and an empty ErrorCode, as it would from the real service.
func TestXMLError(t *testing.T) {
	t.Parallel()
	f := fake.New(fake.WithSeed(1))
	c := newClients(t, f, xmlMode, fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)
	r := slb.CreateDescribeLoadBalancerAttributeRequest()
	r.AcceptFormat = "XML"
	r.LoadBalancerId = "lb-bp1doesnotexist0000000"
	_, err := c.slb.DescribeLoadBalancerAttribute(r)
	se := requireServerError(t, err)
	require.Equal(t, 404, se.HttpStatus())
	require.Empty(t, se.ErrorCode())
	require.Contains(t, se.Message(), "<Code>InvalidLoadBalancerId.NotFound</Code>")
	require.Contains(t, se.Message(), "<Error>")
}

// vpcDescribeRequest is a DescribeVpcs request without filters.
func vpcDescribeRequest() *vpc.DescribeVpcsRequest { return vpc.CreateDescribeVpcsRequest() }

// setupVpc creates a VPC and a vSwitch on both twins of p and returns the
// vSwitch.
func setupVpc(p *pair) string {
	p.t.Helper()
	vpcId := do(p, "CreateVpc", func(c sdkClients) (*vpc.CreateVpcResponse, error) {
		r := vpc.CreateCreateVpcRequest()
		r.AcceptFormat, r.CidrBlock = c.format(), "10.0.0.0/8"
		return c.vpc.CreateVpc(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateVpcResponse, error) {
		return c.CreateVpc(ctx, &model.CreateVpcRequest{RegionId: region, CidrBlock: "10.0.0.0/8"})
	}).VpcId
	return do(p, "CreateVSwitch", func(c sdkClients) (*vpc.CreateVSwitchResponse, error) {
		r := vpc.CreateCreateVSwitchRequest()
		r.AcceptFormat, r.VpcId, r.ZoneId, r.CidrBlock = c.format(), vpcId, "cn-hangzhou-i", "10.1.0.0/16"
		return c.vpc.CreateVSwitch(r)
	}, func(ctx context.Context, c *fake.Client) (*model.CreateVSwitchResponse, error) {
		return c.CreateVSwitch(ctx, &model.CreateVSwitchRequest{RegionId: region, VpcId: vpcId, ZoneId: "cn-hangzhou-i", CidrBlock: "10.1.0.0/16"})
	}).VSwitchId
}

// setupVpcSDK creates a VPC and a vSwitch through the SDK alone.
func setupVpcSDK(t *testing.T, c sdkClients) string {
	t.Helper()
	rv := vpc.CreateCreateVpcRequest()
	rv.AcceptFormat, rv.CidrBlock = c.format(), "10.0.0.0/8"
	v, err := c.vpc.CreateVpc(rv)
	require.NoError(t, err)
	rs := vpc.CreateCreateVSwitchRequest()
	rs.AcceptFormat, rs.VpcId, rs.ZoneId, rs.CidrBlock = c.format(), v.VpcId, "cn-hangzhou-i", "10.1.0.0/16"
	s, err := c.vpc.CreateVSwitch(rs)
	require.NoError(t, err)
	return s.VSwitchId
}

// runInstances starts n Running VPC instances in vswId through the SDK.
func runInstances(c sdkClients, vswId string, n int) (*ecs.RunInstancesResponse, error) {
	r := ecs.CreateRunInstancesRequest()
	r.AcceptFormat = c.format()
	m := runInstancesModel(vswId, n)
	r.VSwitchId, r.ImageId, r.InstanceType, r.Amount = m.VSwitchId, m.ImageId, m.InstanceType, requests.NewInteger(n)
	return c.ecs.RunInstances(r)
}

// runInstancesModel is runInstances' request for the Go API.
func runInstancesModel(vswId string, n int) *model.RunInstancesRequest {
	return &model.RunInstancesRequest{RegionId: region, VSwitchId: vswId, ImageId: "ubuntu_22_04_x64_20G_alibase_20240926.vhd", InstanceType: "ecs.t6-c1m1.large", Amount: n}
}
