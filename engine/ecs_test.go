package engine_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func TestRunInstancesVPC(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	ids := w.run(t, w.vswA, 3)
	require.Len(t, ids, 3)
	for i, id := range ids {
		assert.Regexp(t, `^i-bp1[0-9a-z]{17}$`, id)
		assert.Equal(t, model.InstanceView{
			InstanceId: id, InstanceName: id, Status: "Running", InstanceNetworkType: "vpc",
			VpcAttributes: model.VpcAttributes{VpcId: w.vpc1, VSwitchId: w.vswA,
				PrivateIpAddress: model.IpAddressList{IpAddress: []string{fmt.Sprintf("192.168.1.%d", i+1)}}},
			InnerIpAddress:    model.IpAddressList{IpAddress: []string{}},
			PublicIpAddress:   model.IpAddressList{IpAddress: []string{}},
			SecurityGroupIds:  model.SecurityGroupIds{SecurityGroupId: []string{"sg-bp1test"}},
			NetworkInterfaces: model.InstanceNetworkInterfaces{NetworkInterface: []model.InstanceNetworkInterfaceView{}},
			RegionId:          testRegion, ZoneId: "cn-hangzhou-h", InstanceType: "ecs.g7.large",
			ImageId: "ubuntu_22_04_x64_20G_alibase_20240101.vhd", InstanceChargeType: "PostPaid",
			CreationTime: "2026-03-04T05:06Z",
		}, w.describe(t, id))
	}
}

func TestRunInstancesClassicAndOptions(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)

	resp, e := w.s.RunInstances(testAccount, &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", ZoneId: "cn-hangzhou-j", InstanceName: "web-1"})
	require.Nil(t, e)
	classic := w.describe(t, resp.InstanceIdSets.InstanceIdSet[0])
	assert.Equal(t, "classic", classic.InstanceNetworkType)
	assert.Equal(t, "cn-hangzhou-j", classic.ZoneId)
	assert.Equal(t, "web-1", classic.InstanceName)
	assert.Equal(t, []string{"10.0.0.1"}, classic.InnerIpAddress.IpAddress)
	assert.Equal(t, model.VpcAttributes{PrivateIpAddress: model.IpAddressList{IpAddress: []string{}}}, classic.VpcAttributes)
	assert.Equal(t, []string{}, classic.SecurityGroupIds.SecurityGroupId)

	// Without a zone, a classic instance lands in a zone of its region.
	resp, e = w.s.RunInstances(testAccount, &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t"})
	require.Nil(t, e)
	region, _ := model.LookupRegion(testRegion)
	assert.Contains(t, region.Zones, w.describe(t, resp.InstanceIdSets.InstanceIdSet[0]).ZoneId)

	// A chosen private IP, with the vSwitch's own zone spelled out.
	resp, e = w.s.RunInstances(testAccount, &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t",
		VSwitchId: w.vswB, ZoneId: "cn-hangzhou-i", PrivateIpAddress: "192.168.2.100"})
	require.Nil(t, e)
	vpcInst := w.describe(t, resp.InstanceIdSets.InstanceIdSet[0])
	assert.Equal(t, []string{"192.168.2.100"}, vpcInst.VpcAttributes.PrivateIpAddress.IpAddress)
	assert.Equal(t, "cn-hangzhou-i", vpcInst.ZoneId)

	// CreateInstance: one instance, Stopped.
	created, e := w.s.CreateInstance(testAccount, &model.CreateInstanceRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", VSwitchId: w.vswC})
	require.Nil(t, e)
	inst := w.describe(t, created.InstanceId)
	assert.Equal(t, "Stopped", inst.Status)
	assert.Equal(t, w.vpc2, inst.VpcAttributes.VpcId)
	assert.Equal(t, []string{"10.0.1.1"}, inst.VpcAttributes.PrivateIpAddress.IpAddress)
}

func TestRunInstancesErrors(t *testing.T) {
	t.Parallel()
	ref := newECSWorld(t) // every world has the same IDs: same seed, same calls
	build := func(t *testing.T) *engine.Store {
		w := newECSWorld(t)
		w.run(t, w.vswA, 1) // takes 192.168.1.2
		return w.s
	}
	run := func(mod func(r *model.RunInstancesRequest)) func(*engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			req := model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "ecs.g7.large", VSwitchId: ref.vswA}
			mod(&req)
			_, e := s.RunInstances(testAccount, &req)
			return e
		}
	}
	create := func(mod func(r *model.CreateInstanceRequest)) func(*engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			req := model.CreateInstanceRequest{RegionId: testRegion, ImageId: "img", InstanceType: "ecs.g7.large", VSwitchId: ref.vswA}
			mod(&req)
			_, e := s.CreateInstance(testAccount, &req)
			return e
		}
	}
	runErrorCases(t, build, []errorCase{
		{"no region", run(func(r *model.RunInstancesRequest) { r.RegionId = "" }), model.ErrMissingParameter("RegionId")},
		{"unknown region", run(func(r *model.RunInstancesRequest) { r.RegionId = "cn-atlantis" }), model.ErrInvalidRegionId()},
		{"no image", run(func(r *model.RunInstancesRequest) { r.ImageId = "" }), model.ErrMissingParameter("ImageId")},
		{"no instance type", run(func(r *model.RunInstancesRequest) { r.InstanceType = "" }), model.ErrMissingParameter("InstanceType")},
		{"amount 101", run(func(r *model.RunInstancesRequest) { r.Amount = 101 }), model.ErrInvalidAmount()},
		{"amount negative", run(func(r *model.RunInstancesRequest) { r.Amount = -1 }), model.ErrInvalidAmount()},
		{"name starts with a digit", run(func(r *model.RunInstancesRequest) { r.InstanceName = "1web" }), model.ErrInvalidInstanceName()},
		{"name too short", run(func(r *model.RunInstancesRequest) { r.InstanceName = "w" }), model.ErrInvalidInstanceName()},
		{"name is a URL", run(func(r *model.RunInstancesRequest) { r.InstanceName = "http://web" }), model.ErrInvalidInstanceName()},
		{"zone of another region", run(func(r *model.RunInstancesRequest) { r.ZoneId = "cn-beijing-a" }), model.ErrZoneNotFound()},
		{"unknown vSwitch", run(func(r *model.RunInstancesRequest) { r.VSwitchId = "vsw-nope" }), model.ErrVSwitchNotFound()},
		{"zone differs from the vSwitch's", run(func(r *model.RunInstancesRequest) { r.ZoneId = "cn-hangzhou-i" }), model.ErrInvalidZoneIdMismatch()},
		{"private IP without vSwitch", run(func(r *model.RunInstancesRequest) { r.VSwitchId, r.PrivateIpAddress = "", "10.0.0.9" }), model.ErrMissingParameter("VSwitchId")},
		{"private IP with amount 2", run(func(r *model.RunInstancesRequest) { r.Amount, r.PrivateIpAddress = 2, "192.168.1.9" }), model.ErrInvalidParameterValue("PrivateIpAddress")},
		{"private IP malformed", run(func(r *model.RunInstancesRequest) { r.PrivateIpAddress = "192.168.1" }), model.ErrPrivateIpMalformed()},
		{"private IP IPv6", run(func(r *model.RunInstancesRequest) { r.PrivateIpAddress = "fd00::1" }), model.ErrPrivateIpMalformed()},
		{"private IP outside the vSwitch", run(func(r *model.RunInstancesRequest) { r.PrivateIpAddress = "192.168.2.9" }), model.ErrPrivateIpNotInVSwitch()},
		{"private IP reserved (last)", run(func(r *model.RunInstancesRequest) { r.PrivateIpAddress = "192.168.1.255" }), model.ErrPrivateIpNotInVSwitch()},
		{"private IP reserved (network)", run(func(r *model.RunInstancesRequest) { r.PrivateIpAddress = "192.168.1.0" }), model.ErrPrivateIpNotInVSwitch()},
		{"private IP taken", run(func(r *model.RunInstancesRequest) { r.PrivateIpAddress = "192.168.1.1" }), model.ErrIpAddressUsed()},
		{"vSwitch runs out midway", run(func(r *model.RunInstancesRequest) { r.VSwitchId, r.Amount = ref.vswT, 5 }), model.ErrVSwitchIpExhausted()},
		{"CreateInstance: no image", create(func(r *model.CreateInstanceRequest) { r.ImageId = "" }), model.ErrMissingParameter("ImageId")},
		{"CreateInstance: zone mismatch", create(func(r *model.CreateInstanceRequest) { r.ZoneId = "cn-hangzhou-g" }), model.ErrInvalidZoneIdMismatch()},
		{"CreateInstance: vSwitch of another account", func(s *engine.Store) *model.Error {
			_, e := s.CreateInstance(otherAcct, &model.CreateInstanceRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", VSwitchId: ref.vswA})
			return e
		}, model.ErrVSwitchNotFound()},
	})
}

func TestRunInstancesFillsVSwitch(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	// A /29 keeps .0 and .5 .. .7 (DOC): four addresses to hand out.
	ids := w.run(t, w.vswT, 4)
	got := []string{}
	for _, id := range ids {
		got = append(got, w.describe(t, id).VpcAttributes.PrivateIpAddress.IpAddress...)
	}
	assert.Equal(t, []string{"192.168.3.1", "192.168.3.2", "192.168.3.3", "192.168.3.4"}, got)
	vsws, e := w.s.DescribeVSwitches(testAccount, &model.DescribeVSwitchesRequest{RegionId: testRegion, VSwitchId: w.vswT})
	require.Nil(t, e)
	assert.Equal(t, int64(0), vsws.VSwitches.VSwitch[0].AvailableIpAddressCount)
	before := w.s.Dump()
	_, e = w.s.RunInstances(testAccount, &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", VSwitchId: w.vswT})
	requireAPIError(t, model.ErrVSwitchIpExhausted(), e)
	assert.Equal(t, before, w.s.Dump())
}

func TestInstanceLifecycle(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	id := w.run(t, w.vswA, 1)[0]
	status := func() string { return w.describe(t, id).Status }

	_, e := w.s.StopInstance(testAccount, &model.StopInstanceRequest{RegionId: testRegion, InstanceId: id})
	require.Nil(t, e)
	assert.Equal(t, "Stopped", status())
	// RegionId is optional on Start/Stop/Delete, as on the real API.
	_, e = w.s.StartInstance(testAccount, &model.StartInstanceRequest{InstanceId: id})
	require.Nil(t, e)
	assert.Equal(t, "Running", status())
	_, e = w.s.StopInstance(testAccount, &model.StopInstanceRequest{InstanceId: id, ForceStop: true})
	require.Nil(t, e)
	_, e = w.s.DeleteInstance(testAccount, &model.DeleteInstanceRequest{RegionId: testRegion, InstanceId: id})
	require.Nil(t, e)
	resp, e := w.s.DescribeInstances(testAccount, &model.DescribeInstancesRequest{RegionId: testRegion, InstanceIds: jsonIds(id)})
	require.Nil(t, e)
	assert.Empty(t, resp.Instances.Instance)

	// Force releases a Running instance.
	id = w.run(t, w.vswA, 1)[0]
	_, e = w.s.DeleteInstance(testAccount, &model.DeleteInstanceRequest{InstanceId: id, Force: true})
	require.Nil(t, e)
}

func TestInstanceLifecycleErrors(t *testing.T) {
	t.Parallel()
	ref := newECSWorld(t)
	running := ref.run(t, ref.vswA, 1)[0]
	stopped, e := ref.s.CreateInstance(testAccount, &model.CreateInstanceRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", VSwitchId: ref.vswA})
	require.Nil(t, e)
	build := func(t *testing.T) *engine.Store {
		w := newECSWorld(t)
		w.run(t, w.vswA, 1)
		_, e := w.s.CreateInstance(testAccount, &model.CreateInstanceRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", VSwitchId: w.vswA})
		require.Nil(t, e)
		return w.s
	}
	start := func(account, region, id string) func(*engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			_, e := s.StartInstance(account, &model.StartInstanceRequest{RegionId: region, InstanceId: id})
			return e
		}
	}
	stop := func(account, region, id string) func(*engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			_, e := s.StopInstance(account, &model.StopInstanceRequest{RegionId: region, InstanceId: id})
			return e
		}
	}
	del := func(account, region, id string, force bool) func(*engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			_, e := s.DeleteInstance(account, &model.DeleteInstanceRequest{RegionId: region, InstanceId: id, Force: force})
			return e
		}
	}
	runErrorCases(t, build, []errorCase{
		{"start: no id", start(testAccount, testRegion, ""), model.ErrMissingParameter("InstanceId")},
		{"start: unknown region", start(testAccount, "xx", running), model.ErrInvalidRegionId()},
		{"start: unknown", start(testAccount, testRegion, "i-nope"), model.ErrInstanceNotFound()},
		{"start: other account", start(otherAcct, "", stopped.InstanceId), model.ErrInstanceNotFound()},
		{"start: other region", start(testAccount, "cn-beijing", stopped.InstanceId), model.ErrInstanceNotFound()},
		{"start: running", start(testAccount, testRegion, running), model.ErrIncorrectInstanceStatus()},
		{"stop: no id", stop(testAccount, "", ""), model.ErrMissingParameter("InstanceId")},
		{"stop: unknown", stop(testAccount, "", "i-nope"), model.ErrInstanceNotFound()},
		{"stop: stopped", stop(testAccount, testRegion, stopped.InstanceId), model.ErrIncorrectInstanceStatus()},
		{"delete: no id", del(testAccount, testRegion, "", false), model.ErrMissingParameter("InstanceId")},
		{"delete: unknown", del(testAccount, testRegion, "i-nope", true), model.ErrInstanceNotFound()},
		{"delete: other account", del(otherAcct, testRegion, running, true), model.ErrInstanceNotFound()},
		{"delete: running without force", del(testAccount, testRegion, running, false), model.ErrIncorrectInstanceStatus()},
	})
}

func TestDeleteInstanceCleansUp(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	ids := w.run(t, w.vswA, 2)
	lb, err := w.s.PutLoadBalancer(model.LoadBalancer{AccountId: testAccount, RegionId: testRegion, VSwitchId: w.vswA})
	require.NoError(t, err)
	lb2, err := w.s.PutLoadBalancer(model.LoadBalancer{AccountId: testAccount, RegionId: testRegion})
	require.NoError(t, err)
	for _, lbId := range []string{lb.LoadBalancerId, lb2.LoadBalancerId} {
		_, e := w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion, LoadBalancerId: lbId,
			BackendServers: fmt.Sprintf(`[{"ServerId":%q},{"ServerId":%q}]`, ids[0], ids[1])})
		require.Nil(t, e)
	}
	eni := w.eni(t, w.vswA)
	_, e := w.s.AttachNetworkInterface(testAccount, &model.AttachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: eni, InstanceId: ids[0]})
	require.Nil(t, e)
	attached := w.describe(t, ids[0]).NetworkInterfaces.NetworkInterface
	require.Len(t, attached, 1)
	assert.Equal(t, eni, attached[0].NetworkInterfaceId)
	assert.Equal(t, "Secondary", attached[0].Type)

	_, e = w.s.DeleteInstance(testAccount, &model.DeleteInstanceRequest{RegionId: testRegion, InstanceId: ids[0], Force: true})
	require.Nil(t, e)
	for _, lbId := range []string{lb.LoadBalancerId, lb2.LoadBalancerId} {
		attr, e := w.s.DescribeLoadBalancerAttribute(testAccount, &model.DescribeLoadBalancerAttributeRequest{RegionId: testRegion, LoadBalancerId: lbId})
		require.Nil(t, e)
		require.Len(t, attr.BackendServers.BackendServer, 1, "the deleted instance left the LB")
		assert.Equal(t, ids[1], attr.BackendServers.BackendServer[0].ServerId)
	}
	v := w.eniView(t, eni)
	assert.Equal(t, "Available", v.Status)
	assert.Empty(t, v.InstanceId)
	// The released address (192.168.1.1) is handed out again.
	again := w.run(t, w.vswA, 1)[0]
	assert.Equal(t, []string{"192.168.1.1"}, w.describe(t, again).VpcAttributes.PrivateIpAddress.IpAddress)
}

func TestDescribeInstancesFilters(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	a := w.run(t, w.vswA, 2)
	b := w.run(t, w.vswB, 1)
	c := w.run(t, w.vswC, 1)
	classic, e := w.s.RunInstances(testAccount, &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", ZoneId: "cn-hangzhou-h"})
	require.Nil(t, e)
	k := classic.InstanceIdSets.InstanceIdSet[0]
	_, e = w.s.StopInstance(testAccount, &model.StopInstanceRequest{InstanceId: b[0]})
	require.Nil(t, e)
	_, e = w.s.RunInstances(otherAcct, &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t"})
	require.Nil(t, e)
	_, e = w.s.RunInstances(testAccount, &model.RunInstancesRequest{RegionId: "cn-beijing", ImageId: "img", InstanceType: "t"})
	require.Nil(t, e)

	tests := []struct {
		name  string
		req   model.DescribeInstancesRequest
		want  []string
		total int
	}{
		{"all, creation order", model.DescribeInstancesRequest{}, []string{a[0], a[1], b[0], c[0], k}, 5},
		{"ids", model.DescribeInstancesRequest{InstanceIds: jsonIds(k, a[1], "i-unknown")}, []string{a[1], k}, 2},
		{"empty id array selects nothing", model.DescribeInstancesRequest{InstanceIds: "[]"}, []string{}, 0},
		{"VPC", model.DescribeInstancesRequest{VpcId: w.vpc1}, []string{a[0], a[1], b[0]}, 3},
		{"vSwitch", model.DescribeInstancesRequest{VSwitchId: w.vswC}, []string{c[0]}, 1},
		{"zone", model.DescribeInstancesRequest{ZoneId: "cn-hangzhou-h"}, []string{a[0], a[1], c[0], k}, 4},
		{"status", model.DescribeInstancesRequest{Status: "Stopped"}, []string{b[0]}, 1},
		{"network type", model.DescribeInstancesRequest{InstanceNetworkType: "classic"}, []string{k}, 1},
		{"combined", model.DescribeInstancesRequest{VpcId: w.vpc1, Status: "Running", ZoneId: "cn-hangzhou-h"}, []string{a[0], a[1]}, 2},
		{"page 2", model.DescribeInstancesRequest{Paging: model.Paging{PageNumber: 2, PageSize: 2}}, []string{b[0], c[0]}, 5},
		{"past the end", model.DescribeInstancesRequest{Paging: model.Paging{PageNumber: 4, PageSize: 2}}, []string{}, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.RegionId = testRegion
			resp, e := w.s.DescribeInstances(testAccount, &tc.req)
			require.Nil(t, e)
			got := []string{}
			for _, v := range resp.Instances.Instance {
				got = append(got, v.InstanceId)
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.total, resp.TotalCount)
		})
	}
	resp, e := w.s.DescribeInstances(testAccount, &model.DescribeInstancesRequest{RegionId: testRegion})
	require.Nil(t, e)
	assert.Equal(t, 1, resp.PageNumber)
	assert.Equal(t, 10, resp.PageSize)

	tooMany := make([]string, 101)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("i-%d", i)
	}
	for _, tc := range []struct {
		name string
		req  model.DescribeInstancesRequest
		want *model.Error
	}{
		{"no region", model.DescribeInstancesRequest{}, model.ErrMissingParameter("RegionId")},
		{"ids not JSON", model.DescribeInstancesRequest{RegionId: testRegion, InstanceIds: a[0] + "," + a[1]}, model.ErrInvalidParameterValue("InstanceIds")},
		{"ids not strings", model.DescribeInstancesRequest{RegionId: testRegion, InstanceIds: "[1,2]"}, model.ErrInvalidParameterValue("InstanceIds")},
		{"ids null", model.DescribeInstancesRequest{RegionId: testRegion, InstanceIds: "null"}, model.ErrInvalidParameterValue("InstanceIds")},
		{"101 ids", model.DescribeInstancesRequest{RegionId: testRegion, InstanceIds: jsonIds(tooMany...)}, model.ErrInvalidParameterValue("InstanceIds")},
		{"page size 101", model.DescribeInstancesRequest{RegionId: testRegion, Paging: model.Paging{PageSize: 101}}, model.ErrInvalidParameterValue("PageSize")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, e := w.s.DescribeInstances(testAccount, &tc.req)
			requireAPIError(t, tc.want, e)
		})
	}
}

func TestDescribeInstanceStatus(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	a := w.run(t, w.vswA, 11)
	b := w.run(t, w.vswB, 1)
	_, e := w.s.StopInstance(testAccount, &model.StopInstanceRequest{InstanceId: a[3]})
	require.Nil(t, e)

	resp, e := w.s.DescribeInstanceStatus(testAccount, &model.DescribeInstanceStatusRequest{RegionId: testRegion})
	require.Nil(t, e)
	assert.Equal(t, 12, resp.TotalCount)
	assert.Equal(t, 10, resp.PageSize)
	assert.Len(t, resp.InstanceStatuses.InstanceStatus, 10)
	assert.Equal(t, model.InstanceStatusView{InstanceId: a[3], Status: "Stopped"}, resp.InstanceStatuses.InstanceStatus[3])

	resp, e = w.s.DescribeInstanceStatus(testAccount, &model.DescribeInstanceStatusRequest{RegionId: testRegion, InstanceId: []string{b[0], a[3]}})
	require.Nil(t, e)
	assert.Equal(t, []model.InstanceStatusView{{InstanceId: a[3], Status: "Stopped"}, {InstanceId: b[0], Status: "Running"}},
		resp.InstanceStatuses.InstanceStatus)

	resp, e = w.s.DescribeInstanceStatus(testAccount, &model.DescribeInstanceStatusRequest{RegionId: testRegion, ZoneId: "cn-hangzhou-i"})
	require.Nil(t, e)
	assert.Equal(t, []model.InstanceStatusView{{InstanceId: b[0], Status: "Running"}}, resp.InstanceStatuses.InstanceStatus)

	_, e = w.s.DescribeInstanceStatus(testAccount, &model.DescribeInstanceStatusRequest{RegionId: testRegion, Paging: model.Paging{PageSize: 51}})
	requireAPIError(t, model.ErrInvalidParameterValue("PageSize"), e)
	_, e = w.s.DescribeInstanceStatus(testAccount, &model.DescribeInstanceStatusRequest{RegionId: testRegion, InstanceId: make([]string, 101)})
	requireAPIError(t, model.ErrInvalidParameterValue("InstanceId"), e)
	_, e = w.s.DescribeInstanceStatus(testAccount, &model.DescribeInstanceStatusRequest{})
	requireAPIError(t, model.ErrMissingParameter("RegionId"), e)
}

func TestCreateNetworkInterface(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	resp, e := w.s.CreateNetworkInterface(testAccount, &model.CreateNetworkInterfaceRequest{
		RegionId: testRegion, VSwitchId: w.vswB, SecurityGroupId: "sg-1", PrimaryIpAddress: "192.168.2.50",
		SecondaryPrivateIpAddressCount: 2, NetworkInterfaceName: "eni-web", Description: "for the web tier",
	})
	require.Nil(t, e)
	assert.Regexp(t, `^eni-bp1[0-9a-z]{19}$`, resp.NetworkInterfaceId)
	assert.Regexp(t, `^00:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$`, resp.MacAddress)
	assert.Equal(t, model.CreateNetworkInterfaceResponse{
		NetworkInterfaceId: resp.NetworkInterfaceId, Status: "Available", Type: "Secondary", VpcId: w.vpc1,
		VSwitchId: w.vswB, ZoneId: "cn-hangzhou-i", PrivateIpAddress: "192.168.2.50", MacAddress: resp.MacAddress,
	}, *resp)
	assert.Equal(t, model.NetworkInterfaceView{
		NetworkInterfaceId: resp.NetworkInterfaceId, NetworkInterfaceName: "eni-web", Status: "Available", Type: "Secondary",
		VpcId: w.vpc1, VSwitchId: w.vswB, ZoneId: "cn-hangzhou-i", PrivateIpAddress: "192.168.2.50", MacAddress: resp.MacAddress,
		SecurityGroupIds: model.SecurityGroupIds{SecurityGroupId: []string{"sg-1"}},
		PrivateIpSets: model.PrivateIpSets{PrivateIpSet: []model.PrivateIpSetView{
			{PrivateIpAddress: "192.168.2.50", Primary: true}, {PrivateIpAddress: "192.168.2.1"}, {PrivateIpAddress: "192.168.2.2"},
		}},
		CreationTime: "2026-03-04T05:06:07Z",
	}, w.eniView(t, resp.NetworkInterfaceId))
}

func TestCreateNetworkInterfaceErrors(t *testing.T) {
	t.Parallel()
	ref := newECSWorld(t)
	build := func(t *testing.T) *engine.Store {
		w := newECSWorld(t)
		w.run(t, w.vswA, 1) // takes 192.168.1.2
		return w.s
	}
	create := func(mod func(r *model.CreateNetworkInterfaceRequest)) func(*engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			req := model.CreateNetworkInterfaceRequest{RegionId: testRegion, VSwitchId: ref.vswA, SecurityGroupId: "sg-1"}
			mod(&req)
			_, e := s.CreateNetworkInterface(testAccount, &req)
			return e
		}
	}
	runErrorCases(t, build, []errorCase{
		{"no region", create(func(r *model.CreateNetworkInterfaceRequest) { r.RegionId = "" }), model.ErrMissingParameter("RegionId")},
		{"no vSwitch", create(func(r *model.CreateNetworkInterfaceRequest) { r.VSwitchId = "" }), model.ErrMissingParameter("VSwitchId")},
		{"no security group", create(func(r *model.CreateNetworkInterfaceRequest) { r.SecurityGroupId = "" }), model.ErrMissingParameter("SecurityGroupId")},
		{"bad name", create(func(r *model.CreateNetworkInterfaceRequest) { r.NetworkInterfaceName = "-eni" }), model.ErrInvalidParameterValue("NetworkInterfaceName")},
		{"bad description", create(func(r *model.CreateNetworkInterfaceRequest) { r.Description = strings.Repeat("d", 257) }), model.ErrInvalidParameterValue("Description")},
		{"50 secondary IPs", create(func(r *model.CreateNetworkInterfaceRequest) { r.SecondaryPrivateIpAddressCount = 50 }), model.ErrInvalidParameterValue("SecondaryPrivateIpAddressCount")},
		{"negative secondary IPs", create(func(r *model.CreateNetworkInterfaceRequest) { r.SecondaryPrivateIpAddressCount = -1 }), model.ErrInvalidParameterValue("SecondaryPrivateIpAddressCount")},
		{"unknown vSwitch", create(func(r *model.CreateNetworkInterfaceRequest) { r.VSwitchId = "vsw-nope" }), model.ErrVSwitchNotFound()},
		{"primary IP malformed", create(func(r *model.CreateNetworkInterfaceRequest) { r.PrimaryIpAddress = "192.168.1.x" }), model.ErrEniIpInvalid()},
		{"primary IP outside", create(func(r *model.CreateNetworkInterfaceRequest) { r.PrimaryIpAddress = "192.168.9.9" }), model.ErrEniIpInvalid()},
		{"primary IP taken", create(func(r *model.CreateNetworkInterfaceRequest) { r.PrimaryIpAddress = "192.168.1.1" }), model.ErrIpAddressUsed()},
		{"not enough addresses", create(func(r *model.CreateNetworkInterfaceRequest) {
			r.VSwitchId, r.SecondaryPrivateIpAddressCount = ref.vswT, 4
		}), model.ErrVSwitchIpExhausted()},
	})
}

func TestAttachDetachNetworkInterface(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	inst := w.run(t, w.vswA, 1)[0]
	eni := w.eni(t, w.vswA)

	_, e := w.s.AttachNetworkInterface(testAccount, &model.AttachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: eni, InstanceId: inst})
	require.Nil(t, e)
	v := w.eniView(t, eni)
	assert.Equal(t, "InUse", v.Status)
	assert.Equal(t, inst, v.InstanceId)
	byInstance, e := w.s.DescribeNetworkInterfaces(testAccount, &model.DescribeNetworkInterfacesRequest{RegionId: testRegion, InstanceId: inst})
	require.Nil(t, e)
	assert.Equal(t, 1, byInstance.TotalCount)

	// A Stopped instance may lose and gain ENIs too.
	_, e = w.s.StopInstance(testAccount, &model.StopInstanceRequest{InstanceId: inst})
	require.Nil(t, e)
	_, e = w.s.DetachNetworkInterface(testAccount, &model.DetachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: eni, InstanceId: inst})
	require.Nil(t, e)
	v = w.eniView(t, eni)
	assert.Equal(t, "Available", v.Status)
	assert.Empty(t, v.InstanceId)
	_, e = w.s.AttachNetworkInterface(testAccount, &model.AttachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: eni, InstanceId: inst})
	require.Nil(t, e)
}

func TestAttachNetworkInterfaceErrors(t *testing.T) {
	t.Parallel()
	type ids struct{ running, pending, classic, inVpc2, inZoneI, eni, eniInUse, eniOther string }
	world := func(t *testing.T) (*engine.Store, ids) {
		w := newECSWorld(t)
		var x ids
		x.running = w.run(t, w.vswA, 1)[0]
		x.pending = w.run(t, w.vswA, 1)[0]
		require.NoError(t, w.s.ForceInstanceStatus(x.pending, model.StatusPending))
		classic, e := w.s.RunInstances(testAccount, &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", ZoneId: "cn-hangzhou-h"})
		require.Nil(t, e)
		x.classic = classic.InstanceIdSets.InstanceIdSet[0]
		x.inVpc2 = w.run(t, w.vswC, 1)[0]
		x.inZoneI = w.run(t, w.vswB, 1)[0]
		x.eni = w.eni(t, w.vswA)
		x.eniInUse = w.eni(t, w.vswA)
		_, e = w.s.AttachNetworkInterface(testAccount, &model.AttachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: x.eniInUse, InstanceId: x.running})
		require.Nil(t, e)
		otherVpc := mustVpc(t, w.s, otherAcct, "192.168.0.0/16").VpcId
		otherVsw := mustVSwitch(t, w.s, otherAcct, otherVpc, "cn-hangzhou-h", "192.168.1.0/24")
		other, e := w.s.CreateNetworkInterface(otherAcct, &model.CreateNetworkInterfaceRequest{RegionId: testRegion, VSwitchId: otherVsw, SecurityGroupId: "sg"})
		require.Nil(t, e)
		x.eniOther = other.NetworkInterfaceId
		return w.s, x
	}
	_, x := world(t)
	attach := func(region, eni, inst string) func(*engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			_, e := s.AttachNetworkInterface(testAccount, &model.AttachNetworkInterfaceRequest{RegionId: region, NetworkInterfaceId: eni, InstanceId: inst})
			return e
		}
	}
	runErrorCases(t, func(t *testing.T) *engine.Store { s, _ := world(t); return s }, []errorCase{
		{"no region", attach("", x.eni, x.running), model.ErrMissingParameter("RegionId")},
		{"no ENI id", attach(testRegion, "", x.running), model.ErrMissingParameter("NetworkInterfaceId")},
		{"no instance id", attach(testRegion, x.eni, ""), model.ErrMissingParameter("InstanceId")},
		{"unknown ENI", attach(testRegion, "eni-nope", x.running), model.ErrNetworkInterfaceNotFound()},
		{"ENI of another account", attach(testRegion, x.eniOther, x.running), model.ErrNetworkInterfaceNotFound()},
		{"ENI in another region", attach("cn-beijing", x.eni, x.running), model.ErrNetworkInterfaceNotFound()},
		{"unknown instance", attach(testRegion, x.eni, "i-nope"), model.ErrEcsIdNotFound()},
		{"ENI in use", attach(testRegion, x.eniInUse, x.inVpc2), model.ErrIncorrectNetworkInterfaceStatus("Available", "InUse")},
		{"instance pending", attach(testRegion, x.eni, x.pending), model.ErrInvalidEcsState("Running/Stopped", "Pending")},
		{"classic instance", attach(testRegion, x.eni, x.classic), model.ErrEniVpcMismatch()},
		{"instance in another VPC", attach(testRegion, x.eni, x.inVpc2), model.ErrEniVpcMismatch()},
		{"instance in another zone", attach(testRegion, x.eni, x.inZoneI), model.ErrEniZoneMismatch()},
	})
	assert.Equal(t, `The operation is not allowed in the current ENI state. Expecting status is "Available" while current status is "InUse".`,
		model.ErrIncorrectNetworkInterfaceStatus("Available", "InUse").Message)
}

func TestDetachNetworkInterfaceErrors(t *testing.T) {
	t.Parallel()
	type ids struct{ a, b, c, eniFree, eniOnA, eniOnC string }
	world := func(t *testing.T) (*engine.Store, ids) {
		w := newECSWorld(t)
		var x ids
		x.a = w.run(t, w.vswA, 1)[0]
		x.b = w.run(t, w.vswA, 1)[0]
		x.eniFree = w.eni(t, w.vswA)
		x.eniOnA = w.eni(t, w.vswA)
		x.c = w.run(t, w.vswA, 1)[0]
		x.eniOnC = w.eni(t, w.vswA)
		for _, p := range [][2]string{{x.eniOnA, x.a}, {x.eniOnC, x.c}} {
			_, e := w.s.AttachNetworkInterface(testAccount, &model.AttachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: p[0], InstanceId: p[1]})
			require.Nil(t, e)
		}
		require.NoError(t, w.s.ForceInstanceStatus(x.c, model.StatusStarting))
		return w.s, x
	}
	_, x := world(t)
	detach := func(eni, inst string) func(*engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			_, e := s.DetachNetworkInterface(testAccount, &model.DetachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: eni, InstanceId: inst})
			return e
		}
	}
	runErrorCases(t, func(t *testing.T) *engine.Store { s, _ := world(t); return s }, []errorCase{
		{"no ENI id", detach("", x.a), model.ErrMissingParameter("NetworkInterfaceId")},
		{"no instance id", detach(x.eniOnA, ""), model.ErrMissingParameter("InstanceId")},
		{"unknown ENI", detach("eni-nope", x.a), model.ErrNetworkInterfaceNotFound()},
		{"unknown instance", detach(x.eniOnA, "i-nope"), model.ErrEcsIdNotFound()},
		{"ENI not attached", detach(x.eniFree, x.a), model.ErrIncorrectNetworkInterfaceStatus("InUse", "Available")},
		{"ENI on another instance", detach(x.eniOnA, x.b), model.ErrInvalidParameterValue("InstanceId")},
		{"instance starting", detach(x.eniOnC, x.c), model.ErrInvalidEcsState("Running/Stopped", "Starting")},
	})
}

func TestDescribeNetworkInterfaces(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	inst := w.run(t, w.vswA, 1)[0]
	e1, e2, e3 := w.eni(t, w.vswA), w.eni(t, w.vswB), w.eni(t, w.vswC)
	_, e := w.s.AttachNetworkInterface(testAccount, &model.AttachNetworkInterfaceRequest{RegionId: testRegion, NetworkInterfaceId: e1, InstanceId: inst})
	require.Nil(t, e)

	tests := []struct {
		name  string
		req   model.DescribeNetworkInterfacesRequest
		want  []string
		total int
	}{
		{"all", model.DescribeNetworkInterfacesRequest{}, []string{e1, e2, e3}, 3},
		{"ids", model.DescribeNetworkInterfacesRequest{NetworkInterfaceId: []string{e3, e1}}, []string{e1, e3}, 2},
		{"instance", model.DescribeNetworkInterfacesRequest{InstanceId: inst}, []string{e1}, 1},
		{"VPC", model.DescribeNetworkInterfacesRequest{VpcId: w.vpc1}, []string{e1, e2}, 2},
		{"vSwitch", model.DescribeNetworkInterfacesRequest{VSwitchId: w.vswC}, []string{e3}, 1},
		{"status", model.DescribeNetworkInterfacesRequest{Status: "Available"}, []string{e2, e3}, 2},
		{"paged", model.DescribeNetworkInterfacesRequest{Paging: model.Paging{PageNumber: 3, PageSize: 1}}, []string{e3}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.RegionId = testRegion
			resp, e := w.s.DescribeNetworkInterfaces(testAccount, &tc.req)
			require.Nil(t, e)
			got := []string{}
			for _, v := range resp.NetworkInterfaceSets.NetworkInterfaceSet {
				got = append(got, v.NetworkInterfaceId)
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.total, resp.TotalCount)
		})
	}
	resp, e := w.s.DescribeNetworkInterfaces(testAccount, &model.DescribeNetworkInterfacesRequest{RegionId: testRegion, Paging: model.Paging{PageSize: 100}})
	require.Nil(t, e)
	assert.Equal(t, 100, resp.PageSize)
	_, e = w.s.DescribeNetworkInterfaces(testAccount, &model.DescribeNetworkInterfacesRequest{RegionId: testRegion, Paging: model.Paging{PageSize: 101}})
	requireAPIError(t, model.ErrInvalidParameterValue("PageSize"), e)
	_, e = w.s.DescribeNetworkInterfaces(testAccount, &model.DescribeNetworkInterfacesRequest{RegionId: testRegion, NetworkInterfaceId: make([]string, 101)})
	requireAPIError(t, model.ErrInvalidParameterValue("NetworkInterfaceId"), e)
	resp, e = w.s.DescribeNetworkInterfaces(otherAcct, &model.DescribeNetworkInterfacesRequest{RegionId: testRegion})
	require.Nil(t, e)
	assert.Equal(t, 0, resp.TotalCount)
}

// TestInstanceLifecycleProperty runs random Start/Stop/Delete sequences on a
// few instances in random statuses: every call does what model.NextStatus
// says, a failed call changes nothing, and a deleted instance is gone from
// the instance list, every LB and its vSwitch's address pool.
func TestInstanceLifecycleProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		w := newECSWorld(rt)
		ids := w.run(rt, w.vswA, rapid.IntRange(1, 4).Draw(rt, "instances"))
		lb, err := w.s.PutLoadBalancer(model.LoadBalancer{AccountId: testAccount, RegionId: testRegion, VSwitchId: w.vswA})
		require.NoError(rt, err)
		servers := []string{}
		for _, id := range ids {
			servers = append(servers, fmt.Sprintf(`{"ServerId":%q}`, id))
		}
		_, e := w.s.AddBackendServers(testAccount, &model.AddBackendServersRequest{RegionId: testRegion,
			LoadBalancerId: lb.LoadBalancerId, BackendServers: "[" + strings.Join(servers, ",") + "]"})
		require.Nil(rt, e)

		status := map[string]model.InstanceStatus{}
		for _, id := range ids {
			status[id] = rapid.SampledFrom(model.InstanceStatuses()).Draw(rt, "status "+id)
			require.NoError(rt, w.s.ForceInstanceStatus(id, status[id]))
		}
		actions := []model.InstanceAction{model.ActionStart, model.ActionStop, model.ActionDelete}
		candidates := append(slices.Clone(ids), "i-bp1doesnotexist0000")
		steps := rapid.IntRange(1, 30).Draw(rt, "steps")
		for step := 0; step < steps; step++ {
			id := rapid.SampledFrom(candidates).Draw(rt, "instance")
			action := rapid.SampledFrom(actions).Draw(rt, "action")
			force := rapid.Bool().Draw(rt, "force")
			withRegion := rapid.Bool().Draw(rt, "with region")
			region := ""
			if withRegion {
				region = testRegion
			}

			before := w.s.Dump()
			var e *model.Error
			switch action {
			case model.ActionStart:
				_, e = w.s.StartInstance(testAccount, &model.StartInstanceRequest{RegionId: region, InstanceId: id})
			case model.ActionStop:
				_, e = w.s.StopInstance(testAccount, &model.StopInstanceRequest{RegionId: region, InstanceId: id, ForceStop: force})
			case model.ActionDelete:
				_, e = w.s.DeleteInstance(testAccount, &model.DeleteInstanceRequest{RegionId: region, InstanceId: id, Force: force})
			}

			from, exists := status[id]
			var want *model.Error
			next := from
			if !exists {
				want = model.ErrInstanceNotFound()
			} else {
				next, want = model.NextStatus(from, action, force)
			}
			if want != nil {
				requireAPIError(rt, want, e)
				require.Equal(rt, before, w.s.Dump(), "%s %s from %s: a failed call changed the state", action, id, from)
				continue
			}
			require.Nil(rt, e, "%s %s from %s (force %v)", action, id, from, force)
			if action == model.ActionDelete {
				delete(status, id)
			} else {
				status[id] = next
			}
			checkInstances(rt, w, lb.LoadBalancerId, ids, status)
		}
	})
}

// checkInstances compares the store with the expected statuses: the instance
// list, the LB's backends (the live instances, in attachment order) and the
// vSwitch's leases (one per live instance, plus the LB's address).
func checkInstances(t testingT, w ecsWorld, lbId string, ids []string, status map[string]model.InstanceStatus) {
	t.Helper()
	var want []model.InstanceStatusView
	var live []string
	for _, id := range ids {
		if s, ok := status[id]; ok {
			want = append(want, model.InstanceStatusView{InstanceId: id, Status: string(s)})
			live = append(live, id)
		}
	}
	resp, e := w.s.DescribeInstanceStatus(testAccount, &model.DescribeInstanceStatusRequest{RegionId: testRegion, ZoneId: "cn-hangzhou-h"})
	require.Nil(t, e)
	if want == nil {
		want = []model.InstanceStatusView{}
	}
	require.Equal(t, want, resp.InstanceStatuses.InstanceStatus)

	attr, e := w.s.DescribeLoadBalancerAttribute(testAccount, &model.DescribeLoadBalancerAttributeRequest{RegionId: testRegion, LoadBalancerId: lbId})
	require.Nil(t, e)
	var backends []string
	for _, b := range attr.BackendServers.BackendServer {
		backends = append(backends, b.ServerId)
	}
	require.Equal(t, live, backends)

	leases := 0
	for _, l := range w.s.Dump().IPs {
		if l.Pool == w.vswA {
			leases++
		}
	}
	require.Equal(t, len(live)+1, leases)
}
