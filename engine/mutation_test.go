package engine_test

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// Tests written against the mutants gremlins left alive in package engine
// (scripts/mutation.sh): each pins a limit at its exact boundary, a default a
// fixture fills in, or a branch the rest of the suite did not tell apart.
// The survivors judged equivalent are listed in
// scripts/mutation-equivalent.txt.

const (
	mutAccount = "3333444455556666"
	mutRegion  = "cn-hangzhou"
)

func mutStore(t *testing.T) *engine.Store {
	t.Helper()
	s, err := engine.New(engine.Config{IDs: model.NewIDSource(7),
		Now: func() time.Time { return time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC) }})
	require.NoError(t, err)
	return s
}

// mutVSwitch creates a VPC and a vSwitch through the API.
func mutVSwitch(t *testing.T, s *engine.Store, vpcCidr, cidr string) (vpcId, vswId string) {
	t.Helper()
	vpc, e := s.CreateVpc(mutAccount, &model.CreateVpcRequest{RegionId: mutRegion, CidrBlock: vpcCidr})
	require.Nil(t, e)
	vsw, e := s.CreateVSwitch(mutAccount, &model.CreateVSwitchRequest{RegionId: mutRegion, VpcId: vpc.VpcId,
		ZoneId: "cn-hangzhou-h", CidrBlock: cidr})
	require.Nil(t, e)
	return vpc.VpcId, vsw.VSwitchId
}

func requireEntry(t *testing.T, want *model.Error, got *model.Error, what string) {
	t.Helper()
	if want == nil {
		require.Nil(t, got, what)
		return
	}
	require.NotNil(t, got, what)
	require.Equal(t, [2]string{want.Entry(), want.Message}, [2]string{got.Entry(), got.Message}, what)
}

// The ECS limits, each at its last accepted value and its first refused one.
func TestMutationECSLimits(t *testing.T) {
	s := mutStore(t)
	_, vsw := mutVSwitch(t, s, "192.168.0.0/16", "192.168.0.0/24")
	run := func(amount int, name string) *model.Error {
		_, e := s.RunInstances(mutAccount, &model.RunInstancesRequest{RegionId: mutRegion, ImageId: "img", InstanceType: "ecs.g7.large",
			VSwitchId: vsw, Amount: amount, InstanceName: name})
		return e
	}
	requireEntry(t, model.ErrInvalidAmount(), run(model.MaxRunInstancesAmount+1, ""), "Amount 101")
	requireEntry(t, model.ErrInvalidAmount(), run(-1, ""), "Amount -1")
	requireEntry(t, nil, run(model.MaxRunInstancesAmount, ""), "Amount 100")
	requireEntry(t, model.ErrInvalidInstanceName(), run(1, "x"), "name of 1")
	requireEntry(t, nil, run(1, "xy"), "name of 2")
	requireEntry(t, nil, run(1, "x"+strings.Repeat("y", 127)), "name of 128")
	requireEntry(t, model.ErrInvalidInstanceName(), run(1, "x"+strings.Repeat("y", 128)), "name of 129")
	requireEntry(t, model.ErrInvalidInstanceName(), run(1, "1x"), "name starting with a digit")
	requireEntry(t, model.ErrInvalidInstanceName(), run(1, "http://x"), "name starting with http://")

	eni := func(secondaries int, name, desc string) *model.Error {
		_, e := s.CreateNetworkInterface(mutAccount, &model.CreateNetworkInterfaceRequest{RegionId: mutRegion, VSwitchId: vsw,
			SecurityGroupId: "sg-1", SecondaryPrivateIpAddressCount: secondaries, NetworkInterfaceName: name, Description: desc})
		return e
	}
	requireEntry(t, nil, eni(model.MaxSecondaryPrivateIps, "", ""), "49 secondaries")
	requireEntry(t, model.ErrInvalidParameterValue("SecondaryPrivateIpAddressCount"), eni(model.MaxSecondaryPrivateIps+1, "", ""), "50 secondaries")
	requireEntry(t, model.ErrInvalidParameterValue("SecondaryPrivateIpAddressCount"), eni(-1, "", ""), "-1 secondaries")
	requireEntry(t, nil, eni(0, "ab", "ab"), "name and description of 2")
	requireEntry(t, model.ErrInvalidParameterValue("NetworkInterfaceName"), eni(0, "a", ""), "name of 1")
	requireEntry(t, model.ErrInvalidParameterValue("Description"), eni(0, "", "a"), "description of 1")
	requireEntry(t, nil, eni(0, "", strings.Repeat("d", 256)), "description of 256")
	requireEntry(t, model.ErrInvalidParameterValue("Description"), eni(0, "", strings.Repeat("d", 257)), "description of 257")
	requireEntry(t, model.ErrInvalidParameterValue("Description"), eni(0, "", "https://x"), "description starting with https://")

	// ID lists: 100 IDs are taken, 101 are not.
	ids := make([]string, model.MaxInstanceIdsPerCall+1)
	for i := range ids {
		ids[i] = fmt.Sprintf("i-bp1%017d", i)
	}
	list := func(n int) string { b, _ := json.Marshal(ids[:n]); return string(b) }
	_, e := s.DescribeInstances(mutAccount, &model.DescribeInstancesRequest{RegionId: mutRegion, InstanceIds: list(model.MaxInstanceIdsPerCall)})
	requireEntry(t, nil, e, "DescribeInstances of 100 IDs")
	_, e = s.DescribeInstances(mutAccount, &model.DescribeInstancesRequest{RegionId: mutRegion, InstanceIds: list(model.MaxInstanceIdsPerCall + 1)})
	requireEntry(t, model.ErrInvalidParameterValue("InstanceIds"), e, "DescribeInstances of 101 IDs")
	_, e = s.DescribeInstanceStatus(mutAccount, &model.DescribeInstanceStatusRequest{RegionId: mutRegion, InstanceId: ids[:model.MaxInstanceIdsPerCall]})
	requireEntry(t, nil, e, "DescribeInstanceStatus of 100 IDs")
	_, e = s.DescribeInstanceStatus(mutAccount, &model.DescribeInstanceStatusRequest{RegionId: mutRegion, InstanceId: ids})
	requireEntry(t, model.ErrInvalidParameterValue("InstanceId"), e, "DescribeInstanceStatus of 101 IDs")
	_, e = s.DescribeNetworkInterfaces(mutAccount, &model.DescribeNetworkInterfacesRequest{RegionId: mutRegion, NetworkInterfaceId: ids[:model.MaxNetworkInterfaceIdsPerCall]})
	requireEntry(t, nil, e, "DescribeNetworkInterfaces of 100 IDs")
	_, e = s.DescribeNetworkInterfaces(mutAccount, &model.DescribeNetworkInterfacesRequest{RegionId: mutRegion, NetworkInterfaceId: ids})
	requireEntry(t, model.ErrInvalidParameterValue("NetworkInterfaceId"), e, "DescribeNetworkInterfaces of 101 IDs")
}

// The VPC limits: the CIDR masks at both ends, names and descriptions at
// their lengths.
func TestMutationVPCLimits(t *testing.T) {
	s := mutStore(t)
	vpc := func(cidr, name, desc string) *model.Error {
		_, e := s.CreateVpc(mutAccount, &model.CreateVpcRequest{RegionId: mutRegion, CidrBlock: cidr, VpcName: name, Description: desc})
		return e
	}
	requireEntry(t, nil, vpc("10.0.0.0/8", "", ""), "a /8 VPC")
	requireEntry(t, nil, vpc("192.168.0.0/28", "", ""), "a /28 VPC")
	requireEntry(t, model.ErrVpcCidrBlockInvalid(), vpc("192.168.0.0/29", "", ""), "a /29 VPC")
	requireEntry(t, model.ErrVpcCidrBlockInvalid(), vpc("10.0.0.0/7", "", ""), "a /7 VPC")
	requireEntry(t, model.ErrVpcCidrBlockInvalid(), vpc("172.0.0.0/8", "", ""), "a /8 around 172.16.0.0/12")
	requireEntry(t, nil, vpc("172.16.0.0/12", strings.Repeat("n", 128), strings.Repeat("d", 256)), "name 128, description 256")
	requireEntry(t, model.ErrInvalidVpcName(), vpc("", strings.Repeat("n", 129), ""), "name 129")
	requireEntry(t, model.ErrInvalidVpcDescription(), vpc("", "", strings.Repeat("d", 257)), "description 257")

	big, e := s.CreateVpc(mutAccount, &model.CreateVpcRequest{RegionId: mutRegion, CidrBlock: "10.0.0.0/8"})
	require.Nil(t, e)
	vsw := func(cidr, name string) *model.Error {
		_, e := s.CreateVSwitch(mutAccount, &model.CreateVSwitchRequest{RegionId: mutRegion, VpcId: big.VpcId, ZoneId: "cn-hangzhou-h",
			CidrBlock: cidr, VSwitchName: name})
		return e
	}
	requireEntry(t, nil, vsw("10.0.0.0/16", ""), "a /16 vSwitch")
	requireEntry(t, nil, vsw("10.1.0.0/29", strings.Repeat("n", 128)), "a /29 vSwitch, name 128")
	requireEntry(t, model.ErrCidrBlockMaskLength(), vsw("10.2.0.0/15", ""), "a /15 vSwitch")
	requireEntry(t, model.ErrCidrBlockMaskLength(), vsw("10.3.0.0/30", ""), "a /30 vSwitch")
	requireEntry(t, model.ErrInvalidVSwitchName(), vsw("10.4.0.0/24", strings.Repeat("n", 129)), "name 129")
	requireEntry(t, model.ErrCidrBlockOverlapped(), vsw("10.0.5.0/24", ""), "inside the /16")

	small, e := s.CreateVpc(mutAccount, &model.CreateVpcRequest{RegionId: mutRegion, CidrBlock: "192.168.8.0/24"})
	require.Nil(t, e)
	_, e = s.CreateVSwitch(mutAccount, &model.CreateVSwitchRequest{RegionId: mutRegion, VpcId: small.VpcId, ZoneId: "cn-hangzhou-h", CidrBlock: "192.168.8.0/23"})
	requireEntry(t, model.ErrCidrBlockNotInVpc(), e, "a vSwitch larger than its VPC")
	_, e = s.CreateVSwitch(mutAccount, &model.CreateVSwitchRequest{RegionId: mutRegion, VpcId: small.VpcId, ZoneId: "cn-hangzhou-h", CidrBlock: "192.168.8.0/24"})
	requireEntry(t, nil, e, "a vSwitch as large as its VPC")
}

// The account's default resource group: derived from the account, padded,
// stable (INF: real ones look like rg-acfm...).
func TestMutationResourceGroup(t *testing.T) {
	s := mutStore(t)
	groups := map[string]string{}
	for _, account := range []string{mutAccount, "1234567890123456", "1", "2222333344445555"} {
		resp, e := s.CreateVpc(account, &model.CreateVpcRequest{RegionId: mutRegion})
		require.Nil(t, e)
		require.Regexp(t, regexp.MustCompile(`^rg-acfm[0-9a-z]{11}$`), resp.ResourceGroupId)
		again, e := s.CreateVpc(account, &model.CreateVpcRequest{RegionId: mutRegion})
		require.Nil(t, e)
		require.Equal(t, resp.ResourceGroupId, again.ResourceGroupId)
		groups[account] = resp.ResourceGroupId
	}
	require.Len(t, groups, 4)
	for account, group := range groups {
		require.Equal(t, mutResourceGroup(account), group, account)
	}
}

// mutResourceGroup restates the derivation: FNV-1a of the account, in base
// 36, padded with zeros to 13 digits, its first 11.
func mutResourceGroup(account string) string {
	var h uint64 = 14695981039346656037
	for _, c := range []byte(account) {
		h ^= uint64(c)
		h *= 1099511628211
	}
	body := base36(h)
	for len(body) < 13 {
		body = "0" + body
	}
	return "rg-acfm" + body[:11]
}

func base36(v uint64) string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	if v == 0 {
		return "0"
	}
	var b []byte
	for v > 0 {
		b = append([]byte{digits[v%36]}, b...)
		v /= 36
	}
	return string(b)
}

// Pages at their edges: the last, partial page and the one after it.
func TestMutationPaging(t *testing.T) {
	s := mutStore(t)
	for range 11 {
		_, e := s.CreateLoadBalancer(mutAccount, &model.CreateLoadBalancerRequest{RegionId: mutRegion})
		require.Nil(t, e)
	}
	sizes := []int{}
	for page := 1; page <= 4; page++ {
		resp, e := s.DescribeLoadBalancers(mutAccount, &model.DescribeLoadBalancersRequest{RegionId: mutRegion,
			Paging: model.Paging{PageNumber: page, PageSize: 5}})
		require.Nil(t, e)
		require.Equal(t, 11, resp.TotalCount)
		sizes = append(sizes, len(resp.LoadBalancers.LoadBalancer))
	}
	require.Equal(t, []int{5, 5, 1, 0}, sizes)
	resp, e := s.DescribeLoadBalancers(mutAccount, &model.DescribeLoadBalancersRequest{RegionId: mutRegion, Paging: model.Paging{PageNumber: 2, PageSize: 10}})
	require.Nil(t, e)
	require.Len(t, resp.LoadBalancers.LoadBalancer, 1)
	resp, e = s.DescribeLoadBalancers(mutAccount, &model.DescribeLoadBalancersRequest{RegionId: mutRegion, Paging: model.Paging{PageSize: 100}})
	require.Nil(t, e)
	require.Len(t, resp.LoadBalancers.LoadBalancer, 11)
	_, e = s.DescribeLoadBalancers(mutAccount, &model.DescribeLoadBalancersRequest{RegionId: mutRegion, Paging: model.Paging{PageSize: 101}})
	requireEntry(t, model.ErrInvalidParameterValue("PageSize"), e, "PageSize 101")
	// A page far past the end, however far: empty, with the right total.
	for _, number := range []int{math.MaxInt, math.MaxInt / 2, math.MaxInt/5 + 1} {
		for _, size := range []int{1, 2, 5} {
			resp, e = s.DescribeLoadBalancers(mutAccount, &model.DescribeLoadBalancersRequest{RegionId: mutRegion,
				Paging: model.Paging{PageNumber: number, PageSize: size}})
			require.Nil(t, e)
			require.Empty(t, resp.LoadBalancers.LoadBalancer, "page %d of %d", number, size)
			require.Equal(t, 11, resp.TotalCount)
		}
	}
	// Three filters (no one index answers them, nor the counts of a pair):
	// pages of the matches.
	for i, id := range []int{1, 4, 7} {
		lbs, e := s.DescribeLoadBalancers(mutAccount, &model.DescribeLoadBalancersRequest{RegionId: mutRegion, Paging: model.Paging{PageSize: 100}})
		require.Nil(t, e)
		_, e = s.SetLoadBalancerStatus(mutAccount, &model.SetLoadBalancerStatusRequest{RegionId: mutRegion,
			LoadBalancerId: lbs.LoadBalancers.LoadBalancer[id].LoadBalancerId, LoadBalancerStatus: "inactive"})
		require.Nil(t, e, "LB %d", i)
	}
	sizes = nil
	for page := 1; page <= 4; page++ {
		resp, e := s.DescribeLoadBalancers(mutAccount, &model.DescribeLoadBalancersRequest{RegionId: mutRegion,
			AddressType: "internet", NetworkType: "classic", LoadBalancerStatus: "active", Paging: model.Paging{PageNumber: page, PageSize: 3}})
		require.Nil(t, e)
		require.Equal(t, 8, resp.TotalCount)
		sizes = append(sizes, len(resp.LoadBalancers.LoadBalancer))
		for _, lb := range resp.LoadBalancers.LoadBalancer {
			require.Equal(t, "active", lb.LoadBalancerStatus)
		}
	}
	require.Equal(t, []int{3, 3, 2, 0}, sizes)
	// Two filters, answered by the counts of the pair.
	sizes = nil
	for page := 1; page <= 4; page++ {
		resp, e := s.DescribeLoadBalancers(mutAccount, &model.DescribeLoadBalancersRequest{RegionId: mutRegion,
			AddressType: "internet", LoadBalancerStatus: "active", Paging: model.Paging{PageNumber: page, PageSize: 3}})
		require.Nil(t, e)
		require.Equal(t, 8, resp.TotalCount)
		sizes = append(sizes, len(resp.LoadBalancers.LoadBalancer))
	}
	require.Equal(t, []int{3, 3, 2, 0}, sizes)
	_, e = s.CreateLoadBalancer(mutAccount, &model.CreateLoadBalancerRequest{RegionId: mutRegion, LoadBalancerName: strings.Repeat("n", 80)})
	requireEntry(t, nil, e, "LB name of 80")
	_, e = s.CreateLoadBalancer(mutAccount, &model.CreateLoadBalancerRequest{RegionId: mutRegion, LoadBalancerName: strings.Repeat("n", 81)})
	requireEntry(t, model.ErrInvalidParameterValue("LoadBalancerName"), e, "LB name of 81")
}

// What the fixtures fill in when the test leaves it empty, and keep when it
// does not.
func TestMutationFixtureDefaults(t *testing.T) {
	s := mutStore(t)
	v, err := s.PutVpc(model.Vpc{AccountId: mutAccount, RegionId: mutRegion, CidrBlock: "192.168.0.0/16"})
	require.NoError(t, err)
	require.Equal(t, "Available", v.Status)
	require.Regexp(t, `^vrt-bp1`, v.VRouterId)
	require.Regexp(t, `^vtb-bp1`, v.RouteTableId)
	kept, err := s.PutVpc(model.Vpc{AccountId: mutAccount, RegionId: mutRegion, Status: "Pending",
		VRouterId: "vrt-bp1mine000000000000", RouteTableId: "vtb-bp1mine000000000000"})
	require.NoError(t, err)
	require.Equal(t, [3]string{"Pending", "vrt-bp1mine000000000000", "vtb-bp1mine000000000000"}, [3]string{kept.Status, kept.VRouterId, kept.RouteTableId})

	vsw, err := s.PutVSwitch(model.VSwitch{AccountId: mutAccount, RegionId: mutRegion, VpcId: v.VpcId, CidrBlock: "192.168.0.0/16"})
	require.NoError(t, err, "a vSwitch as large as its VPC")
	require.Equal(t, "Available", vsw.Status)
	_, err = s.PutVSwitch(model.VSwitch{AccountId: mutAccount, RegionId: mutRegion, VpcId: v.VpcId, CidrBlock: "192.168.0.0/15"})
	require.Error(t, err, "a vSwitch larger than its VPC")
	pending, err := s.PutVSwitch(model.VSwitch{AccountId: mutAccount, RegionId: mutRegion, VpcId: kept.VpcId, Status: "Pending"})
	if err == nil {
		require.Equal(t, "Pending", pending.Status)
	}

	i, err := s.PutInstance(model.Instance{AccountId: mutAccount, RegionId: mutRegion})
	require.NoError(t, err)
	require.NotEmpty(t, i.InstanceType)
	require.NotEmpty(t, i.ZoneId)
	mine, err := s.PutInstance(model.Instance{AccountId: mutAccount, RegionId: mutRegion, InstanceType: "ecs.mine", ZoneId: "cn-hangzhou-k"})
	require.NoError(t, err)
	require.Equal(t, [2]string{"ecs.mine", "cn-hangzhou-k"}, [2]string{mine.InstanceType, mine.ZoneId})

	inVpc, err := s.PutInstance(model.Instance{AccountId: mutAccount, RegionId: mutRegion, VSwitchId: vsw.VSwitchId})
	require.NoError(t, err)
	free, err := s.PutNetworkInterface(model.NetworkInterface{AccountId: mutAccount, RegionId: mutRegion, VSwitchId: vsw.VSwitchId})
	require.NoError(t, err)
	require.Equal(t, model.ENIAvailable, free.Status)
	used, err := s.PutNetworkInterface(model.NetworkInterface{AccountId: mutAccount, RegionId: mutRegion, VSwitchId: vsw.VSwitchId,
		InstanceId: inVpc.InstanceId})
	require.NoError(t, err)
	require.Equal(t, model.ENIInUse, used.Status)

	// One account row, however many resources it owns.
	require.Len(t, s.Dump().Accounts, 1)
}

// Add, Remove and Set answer the list without ServerIp and VpcId for ecs
// backends; DescribeLoadBalancerAttribute with both.
func TestMutationBackendViews(t *testing.T) {
	s := mutStore(t)
	vpc, vsw := mutVSwitch(t, s, "192.168.0.0/16", "192.168.1.0/24")
	run, e := s.RunInstances(mutAccount, &model.RunInstancesRequest{RegionId: mutRegion, ImageId: "img", InstanceType: "t", VSwitchId: vsw})
	require.Nil(t, e)
	lb, e := s.CreateLoadBalancer(mutAccount, &model.CreateLoadBalancerRequest{RegionId: mutRegion, AddressType: "intranet", VSwitchId: vsw})
	require.Nil(t, e)
	id := run.InstanceIdSets.InstanceIdSet[0]
	resp, e := s.AddBackendServers(mutAccount, &model.AddBackendServersRequest{RegionId: mutRegion, LoadBalancerId: lb.LoadBalancerId,
		BackendServers: `[{"ServerId":"` + id + `","Weight":7}]`})
	require.Nil(t, e)
	require.Equal(t, []model.BackendServerView{{ServerId: id, Weight: 7, Type: "ecs"}}, resp.BackendServers.BackendServer)
	attr, e := s.DescribeLoadBalancerAttribute(mutAccount, &model.DescribeLoadBalancerAttributeRequest{RegionId: mutRegion, LoadBalancerId: lb.LoadBalancerId})
	require.Nil(t, e)
	require.Len(t, attr.BackendServers.BackendServer, 1)
	b := attr.BackendServers.BackendServer[0]
	require.Equal(t, [2]string{"192.168.1.1", vpc}, [2]string{b.ServerIp, b.VpcId})
}

// Validate (the check of an imported world) names what is wrong: each
// corruption of a good world is reported, and the report counts what it
// does not spell out.
func TestMutationValidateCatches(t *testing.T) {
	s := mutStore(t)
	vpc, vsw := mutVSwitch(t, s, "192.168.0.0/16", "192.168.1.0/24")
	run, e := s.RunInstances(mutAccount, &model.RunInstancesRequest{RegionId: mutRegion, ImageId: "img", InstanceType: "t", Amount: 2})
	require.Nil(t, e)
	classic := run.InstanceIdSets.InstanceIdSet
	run, e = s.RunInstances(mutAccount, &model.RunInstancesRequest{RegionId: mutRegion, ImageId: "img", InstanceType: "t", VSwitchId: vsw})
	require.Nil(t, e)
	inVpc := run.InstanceIdSets.InstanceIdSet[0]
	eni, e := s.CreateNetworkInterface(mutAccount, &model.CreateNetworkInterfaceRequest{RegionId: mutRegion, VSwitchId: vsw, SecurityGroupId: "sg-1"})
	require.Nil(t, e)
	_, e = s.AttachNetworkInterface(mutAccount, &model.AttachNetworkInterfaceRequest{RegionId: mutRegion, NetworkInterfaceId: eni.NetworkInterfaceId, InstanceId: inVpc})
	require.Nil(t, e)
	vpcLB, e := s.CreateLoadBalancer(mutAccount, &model.CreateLoadBalancerRequest{RegionId: mutRegion, AddressType: "intranet", VSwitchId: vsw, LoadBalancerSpec: "slb.s1.small"})
	require.Nil(t, e)
	internet, e := s.CreateLoadBalancer(mutAccount, &model.CreateLoadBalancerRequest{RegionId: mutRegion})
	require.Nil(t, e)
	_, e = s.AddBackendServers(mutAccount, &model.AddBackendServersRequest{RegionId: mutRegion, LoadBalancerId: vpcLB.LoadBalancerId,
		BackendServers: `[{"ServerId":"` + eni.NetworkInterfaceId + `","Type":"eni"},{"ServerId":"` + inVpc + `"}]`})
	require.Nil(t, e)
	_, e = s.AddBackendServers(mutAccount, &model.AddBackendServersRequest{RegionId: mutRegion, LoadBalancerId: internet.LoadBalancerId,
		BackendServers: `[{"ServerId":"` + classic[0] + `"}]`})
	require.Nil(t, e)
	require.NoError(t, s.Validate(s.Dump()))

	backend := func(st *engine.State, server string) *model.Backend {
		for i := range st.Backends {
			if st.Backends[i].ServerId == server {
				return &st.Backends[i]
			}
		}
		t.Fatalf("no backend %s", server)
		return nil
	}
	instance := func(st *engine.State, id string) *model.Instance {
		for i := range st.Instances {
			if st.Instances[i].InstanceId == id {
				return &st.Instances[i]
			}
		}
		t.Fatalf("no instance %s", id)
		return nil
	}
	cases := []struct {
		name    string
		corrupt func(st *engine.State)
		want    string
	}{
		{"a classic instance in a VPC", func(st *engine.State) { instance(st, classic[1]).VpcId = vpc },
			"without a vSwitch it is a classic instance"},
		{"an eni backend keyed by another IP", func(st *engine.State) { backend(st, eni.NetworkInterfaceId).KeyIp = "192.168.1.250" },
			"an eni backend's KeyIp"},
		{"an eni backend of a missing ENI", func(st *engine.State) {
			b := backend(st, eni.NetworkInterfaceId)
			b.ServerId = "eni-bp1missing00000000000"
		}, "does not exist"},
		{"an eni backend by an IP the ENI lacks", func(st *engine.State) {
			b := backend(st, eni.NetworkInterfaceId)
			b.ServerIp, b.KeyIp = "192.168.1.250", "192.168.1.250"
		}, "is not the ENI's"},
		{"a backend of a missing LB", func(st *engine.State) { backend(st, classic[0]).LoadBalancerId = "lb-bp1missing000000000000" },
			"the LB does not exist"},
		{"an eni backend of an LB without a spec", func(st *engine.State) {
			for i := range st.LoadBalancers {
				if st.LoadBalancers[i].LoadBalancerId == vpcLB.LoadBalancerId {
					st.LoadBalancers[i].LoadBalancerSpec = ""
				}
			}
		}, "can only be a backend of a VPC LB"},
		{"an LB mixing networks", func(st *engine.State) {
			b := *backend(st, classic[0])
			b.ServerId, b.ServerIp, b.VpcId, b.Seq = inVpc, instance(st, inVpc).PrivateIp, vpc, b.Seq+1
			for i := range st.LoadBalancers {
				if st.LoadBalancers[i].LoadBalancerId == internet.LoadBalancerId {
					st.LoadBalancers[i].NextBackendSeq = b.Seq
				}
			}
			st.Backends = append(st.Backends, b)
		}, "mix networks"},
		{"a lease of another owner", func(st *engine.State) { st.IPs[0].Owner = "i-bp1someoneelse000000" }, "holds it"},
		{"an address without a lease", func(st *engine.State) { st.IPs = st.IPs[1:] }, "which has no lease in IPs"},
	}
	for _, c := range cases {
		st := s.Dump()
		c.corrupt(&st)
		err := s.Validate(st)
		require.Error(t, err, c.name)
		var inv *engine.InvalidStateError
		require.ErrorAs(t, err, &inv, c.name)
		require.Contains(t, err.Error(), c.want, c.name)
	}

	// One problem, several, and more than the report spells out.
	st := s.Dump()
	instance(&st, classic[1]).VpcId = vpc
	require.True(t, strings.HasPrefix(s.Validate(st).Error(), "engine: invalid state: instance "), s.Validate(st).Error())
	st = s.Dump()
	for i := range st.IPs {
		st.IPs[i].Owner = "i-bp1someoneelse000000"
	}
	err := s.Validate(st)
	var inv *engine.InvalidStateError
	require.ErrorAs(t, err, &inv)
	n := len(inv.Problems) + inv.More
	require.Greater(t, n, 1)
	require.Contains(t, err.Error(), fmt.Sprintf("engine: invalid state, %d problems: ", n))
	if inv.More > 0 {
		require.Contains(t, err.Error(), fmt.Sprintf("; and %d more", inv.More))
	}
	for range 12 { // more problems than are spelt out
		st.IPs = append(st.IPs, engine.IPLease{Pool: "classic/" + mutRegion, Ip: fmt.Sprintf("10.9.9.%d", len(st.IPs)), Owner: "x"})
	}
	require.ErrorAs(t, s.Validate(st), &inv)
	require.Positive(t, inv.More)
	require.Contains(t, s.Validate(st).Error(), fmt.Sprintf("; and %d more", inv.More))
}

// mutClock is a clock the test moves.
type mutClock struct{ now time.Time }

func (c *mutClock) Now() time.Time { return c.now }

// DescribeInstances' Status filter (served from indexes, with the instances
// in a transitional status merged in) lists exactly the instances an
// unfiltered listing shows in that status, in the same order, with the same
// TotalCount, page by page, whatever the lifecycle calls and the clock did.
func TestMutationDescribeInstancesStatusFilter(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		clock := &mutClock{now: time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)}
		life := model.LifecycleDurations{
			Pending:  time.Duration(rapid.IntRange(0, 3).Draw(rt, "pending")) * time.Second,
			Starting: time.Duration(rapid.IntRange(0, 3).Draw(rt, "starting")) * time.Second,
			Stopping: time.Duration(rapid.IntRange(0, 3).Draw(rt, "stopping")) * time.Second,
		}
		s, err := engine.New(engine.Config{IDs: model.NewIDSource(7), Now: clock.Now, Lifecycle: life})
		require.NoError(rt, err)
		var ids []string
		for range rapid.IntRange(1, 25).Draw(rt, "steps") {
			switch rapid.IntRange(0, 6).Draw(rt, "op") {
			case 0:
				resp, e := s.RunInstances(mutAccount, &model.RunInstancesRequest{RegionId: mutRegion, ImageId: "img", InstanceType: "t",
					Amount: rapid.IntRange(1, 3).Draw(rt, "amount")})
				require.Nil(rt, e)
				ids = append(ids, resp.InstanceIdSets.InstanceIdSet...)
			case 1:
				resp, e := s.CreateInstance(mutAccount, &model.CreateInstanceRequest{RegionId: mutRegion, ImageId: "img", InstanceType: "t"})
				require.Nil(rt, e)
				ids = append(ids, resp.InstanceId)
			case 2, 3:
				if len(ids) == 0 {
					continue
				}
				id := rapid.SampledFrom(ids).Draw(rt, "instance")
				_, _ = s.StartInstance(mutAccount, &model.StartInstanceRequest{InstanceId: id})
				_, _ = s.StopInstance(mutAccount, &model.StopInstanceRequest{InstanceId: id})
			case 4:
				// A fixture that sets a transitional status for good: such an
				// instance is in the status's rows, beside the ones passing
				// through it.
				if len(ids) == 0 {
					continue
				}
				require.NoError(rt, s.ForceInstanceStatus(rapid.SampledFrom(ids).Draw(rt, "forced"),
					rapid.SampledFrom(model.InstanceStatuses()).Draw(rt, "forcedStatus")))
			default:
				clock.now = clock.now.Add(time.Duration(rapid.IntRange(0, 30).Draw(rt, "advance")) * 100 * time.Millisecond)
			}
		}
		size := rapid.IntRange(1, 4).Draw(rt, "pageSize")
		pages := func(status string) ([]string, int) {
			var out []string
			total := -1
			for page := 1; ; page++ {
				resp, e := s.DescribeInstances(mutAccount, &model.DescribeInstancesRequest{RegionId: mutRegion, Status: status,
					Paging: model.Paging{PageNumber: page, PageSize: size}})
				require.Nil(rt, e)
				if total >= 0 {
					require.Equal(rt, total, resp.TotalCount, "TotalCount changes between pages")
				}
				total = resp.TotalCount
				for _, v := range resp.Instances.Instance {
					if status != "" {
						require.Equal(rt, status, v.Status)
					}
					out = append(out, v.InstanceId+" "+v.Status)
				}
				if page*size >= total {
					require.Len(rt, out, total)
					return out, total
				}
			}
		}
		all, _ := pages("")
		for _, st := range model.InstanceStatuses() {
			var want []string
			for _, row := range all {
				if strings.HasSuffix(row, " "+string(st)) {
					want = append(want, row)
				}
			}
			got, total := pages(string(st))
			require.Equal(rt, want, got, "Status %s", st)
			require.Equal(rt, len(want), total, "Status %s: TotalCount", st)
		}
	})
}

// A ClientToken is 1 to 64 printable ASCII characters: the space and the
// tilde at the ends of the range are taken, the characters just outside
// them are not.
func TestMutationClientTokenCharacters(t *testing.T) {
	s := mutStore(t)
	create := func(token string) *model.Error {
		_, e := s.CreateVpc(mutAccount, &model.CreateVpcRequest{RegionId: mutRegion, ClientToken: token})
		return e
	}
	for _, token := range []string{"a b", "~", " ", "x~y", strings.Repeat("t", 64)} {
		requireEntry(t, nil, create(token), fmt.Sprintf("token %q", token))
	}
	for _, token := range []string{"a\x1fb", "a\x7fb", "tök", strings.Repeat("t", 65)} {
		requireEntry(t, model.ErrInvalidParameterValue("ClientToken"), create(token), fmt.Sprintf("token %q", token))
	}
}

// Version moves with every write that changed a row, and with nothing else:
// not with a read, a refused call, or a call that changed nothing.
func TestMutationVersion(t *testing.T) {
	s := mutStore(t)
	v0 := s.Version()
	lb, e := s.CreateLoadBalancer(mutAccount, &model.CreateLoadBalancerRequest{RegionId: mutRegion})
	require.Nil(t, e)
	v1 := s.Version()
	require.Greater(t, v1, v0, "a create")
	_, e = s.DescribeLoadBalancers(mutAccount, &model.DescribeLoadBalancersRequest{RegionId: mutRegion})
	require.Nil(t, e)
	_, e = s.SetLoadBalancerStatus(mutAccount, &model.SetLoadBalancerStatusRequest{RegionId: mutRegion, LoadBalancerId: lb.LoadBalancerId, LoadBalancerStatus: "active"})
	require.Nil(t, e, "already active: nothing to write")
	_, e = s.SetLoadBalancerStatus(mutAccount, &model.SetLoadBalancerStatusRequest{RegionId: mutRegion, LoadBalancerId: lb.LoadBalancerId, LoadBalancerStatus: "bogus"})
	require.NotNil(t, e)
	_, e = s.AddBackendServers(mutAccount, &model.AddBackendServersRequest{RegionId: mutRegion, LoadBalancerId: lb.LoadBalancerId, BackendServers: "[]"})
	require.Nil(t, e)
	require.Equal(t, v1, s.Version(), "a read, a no-op and a refused call")
	_, e = s.SetLoadBalancerStatus(mutAccount, &model.SetLoadBalancerStatusRequest{RegionId: mutRegion, LoadBalancerId: lb.LoadBalancerId, LoadBalancerStatus: "inactive"})
	require.Nil(t, e)
	require.Greater(t, s.Version(), v1, "a change")
}
