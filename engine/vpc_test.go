package engine_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateVpcDefaults(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	resp, e := s.CreateVpc(testAccount, &model.CreateVpcRequest{RegionId: testRegion, VpcName: "main", Description: "the main VPC"})
	require.Nil(t, e)
	assert.Regexp(t, `^vpc-bp1[0-9a-z]{18}$`, resp.VpcId)
	assert.Regexp(t, `^vrt-bp1[0-9a-z]{18}$`, resp.VRouterId)
	assert.Regexp(t, `^vtb-bp1[0-9a-z]{18}$`, resp.RouteTableId)
	assert.Regexp(t, `^rg-acfm[0-9a-z]{11}$`, resp.ResourceGroupId)

	list, e := s.DescribeVpcs(testAccount, &model.DescribeVpcsRequest{RegionId: testRegion})
	require.Nil(t, e)
	assert.Equal(t, model.DescribeVpcsResponse{
		TotalCount: 1, PageNumber: 1, PageSize: 10,
		Vpcs: model.Vpcs{Vpc: []model.VpcView{{
			VpcId: resp.VpcId, VpcName: "main", Description: "the main VPC", RegionId: testRegion,
			Status: "Available", CidrBlock: "172.16.0.0/12", VRouterId: resp.VRouterId,
			RouterTableIds: model.RouterTableIds{RouterTableIds: []string{resp.RouteTableId}},
			VSwitchIds:     model.VSwitchIds{VSwitchId: []string{}}, ResourceGroupId: resp.ResourceGroupId,
			CreationTime: "2026-03-04T05:06:07Z",
		}}},
	}, *list)
}

func TestCreateVpcErrors(t *testing.T) {
	t.Parallel()
	create := func(req model.CreateVpcRequest) func(*engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			if req.RegionId == "" && req.VpcName != "no-region" {
				req.RegionId = testRegion
			}
			_, e := s.CreateVpc(testAccount, &req)
			return e
		}
	}
	runErrorCases(t, func(t *testing.T) *engine.Store { return newTestStore(t) }, []errorCase{
		{"no region", create(model.CreateVpcRequest{VpcName: "no-region"}), model.ErrMissingParameter("RegionId")},
		{"unknown region", create(model.CreateVpcRequest{RegionId: "mars-1"}), model.ErrInvalidRegionId()},
		{"name too long", create(model.CreateVpcRequest{VpcName: strings.Repeat("n", 129)}), model.ErrInvalidVpcName()},
		{"name is a URL", create(model.CreateVpcRequest{VpcName: "http://vpc"}), model.ErrInvalidVpcName()},
		{"description too long", create(model.CreateVpcRequest{Description: strings.Repeat("d", 257)}), model.ErrInvalidVpcDescription()},
		{"description is a URL", create(model.CreateVpcRequest{Description: "https://x"}), model.ErrInvalidVpcDescription()},
		{"CIDR garbage", create(model.CreateVpcRequest{CidrBlock: "ten/8"}), model.ErrVpcCidrBlockInvalid()},
		{"CIDR host bits", create(model.CreateVpcRequest{CidrBlock: "10.0.0.1/8"}), model.ErrVpcCidrBlockInvalid()},
		{"CIDR public", create(model.CreateVpcRequest{CidrBlock: "8.8.0.0/16"}), model.ErrVpcCidrBlockInvalid()},
		{"CIDR wider than its private block", create(model.CreateVpcRequest{CidrBlock: "172.0.0.0/8"}), model.ErrVpcCidrBlockInvalid()},
		{"CIDR mask too long", create(model.CreateVpcRequest{CidrBlock: "192.168.0.0/29"}), model.ErrVpcCidrBlockInvalid()},
		{"CIDR IPv6", create(model.CreateVpcRequest{CidrBlock: "fd00::/8"}), model.ErrVpcCidrBlockInvalid()},
	})
}

func TestDescribeVpcsFiltersAndPaging(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	var ids []string
	for i, cidr := range []string{"10.0.0.0/16", "10.1.0.0/16", "192.168.0.0/16"} {
		resp, e := s.CreateVpc(testAccount, &model.CreateVpcRequest{RegionId: testRegion, CidrBlock: cidr, VpcName: fmt.Sprintf("vpc-%d", i%2)})
		require.Nil(t, e)
		ids = append(ids, resp.VpcId)
	}
	_, e := s.CreateVpc(otherAcct, &model.CreateVpcRequest{RegionId: testRegion})
	require.Nil(t, e)
	_, e = s.CreateVpc(testAccount, &model.CreateVpcRequest{RegionId: "cn-beijing"})
	require.Nil(t, e)

	vpcIds := func(r *model.DescribeVpcsResponse) []string {
		out := []string{}
		for _, v := range r.Vpcs.Vpc {
			out = append(out, v.VpcId)
		}
		return out
	}
	tests := []struct {
		name  string
		req   model.DescribeVpcsRequest
		want  []string
		total int
	}{
		{"all, creation order", model.DescribeVpcsRequest{}, ids, 3},
		{"id list", model.DescribeVpcsRequest{VpcId: ids[2] + "," + ids[0]}, []string{ids[0], ids[2]}, 2},
		{"name", model.DescribeVpcsRequest{VpcName: "vpc-0"}, []string{ids[0], ids[2]}, 2},
		{"unknown id", model.DescribeVpcsRequest{VpcId: "vpc-nope"}, []string{}, 0},
		{"page 2 of 2", model.DescribeVpcsRequest{Paging: model.Paging{PageNumber: 2, PageSize: 2}}, ids[2:], 3},
		{"past the end", model.DescribeVpcsRequest{Paging: model.Paging{PageNumber: 9, PageSize: 2}}, []string{}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.RegionId = testRegion
			resp, e := s.DescribeVpcs(testAccount, &tc.req)
			require.Nil(t, e)
			assert.Equal(t, tc.want, vpcIds(resp))
			assert.Equal(t, tc.total, resp.TotalCount)
		})
	}

	for _, tc := range []struct {
		name string
		req  model.DescribeVpcsRequest
		want *model.Error
	}{
		{"no region", model.DescribeVpcsRequest{}, model.ErrMissingParameter("RegionId")},
		{"page size too big", model.DescribeVpcsRequest{RegionId: testRegion, Paging: model.Paging{PageSize: 51}}, model.ErrInvalidParameterValue("PageSize")},
		{"page number negative", model.DescribeVpcsRequest{RegionId: testRegion, Paging: model.Paging{PageNumber: -1}}, model.ErrInvalidParameterValue("PageNumber")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, e := s.DescribeVpcs(testAccount, &tc.req)
			requireAPIError(t, tc.want, e)
		})
	}
}

func TestCreateVSwitch(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	vpc := mustVpc(t, s, testAccount, "192.168.0.0/16")
	resp, e := s.CreateVSwitch(testAccount, &model.CreateVSwitchRequest{
		RegionId: testRegion, VpcId: vpc.VpcId, ZoneId: "cn-hangzhou-h", CidrBlock: "192.168.1.0/24",
		VSwitchName: "web", Description: "web tier",
	})
	require.Nil(t, e)
	assert.Regexp(t, `^vsw-bp1[0-9a-z]{18}$`, resp.VSwitchId)
	second := mustVSwitch(t, s, testAccount, vpc.VpcId, "cn-hangzhou-i", "192.168.2.0/29")

	list, e := s.DescribeVSwitches(testAccount, &model.DescribeVSwitchesRequest{RegionId: testRegion})
	require.Nil(t, e)
	assert.Equal(t, 2, list.TotalCount)
	assert.Equal(t, model.VSwitchView{
		VSwitchId: resp.VSwitchId, VSwitchName: "web", Description: "web tier", VpcId: vpc.VpcId,
		ZoneId: "cn-hangzhou-h", Status: "Available", CidrBlock: "192.168.1.0/24", AvailableIpAddressCount: 252,
		ResourceGroupId: vpc.ResourceGroupId, CreationTime: "2026-03-04T05:06:07Z",
	}, list.VSwitches.VSwitch[0])
	assert.Equal(t, second, list.VSwitches.VSwitch[1].VSwitchId)
	assert.Equal(t, int64(4), list.VSwitches.VSwitch[1].AvailableIpAddressCount)

	vpcs, e := s.DescribeVpcs(testAccount, &model.DescribeVpcsRequest{RegionId: testRegion})
	require.Nil(t, e)
	assert.Equal(t, []string{resp.VSwitchId, second}, vpcs.Vpcs.Vpc[0].VSwitchIds.VSwitchId)

	// An instance takes one address of the vSwitch.
	_, e = s.RunInstances(testAccount, &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "ecs.g7.large", VSwitchId: resp.VSwitchId})
	require.Nil(t, e)
	list, e = s.DescribeVSwitches(testAccount, &model.DescribeVSwitchesRequest{RegionId: testRegion, VSwitchId: resp.VSwitchId})
	require.Nil(t, e)
	assert.Equal(t, int64(251), list.VSwitches.VSwitch[0].AvailableIpAddressCount)
}

func TestCreateVSwitchErrors(t *testing.T) {
	t.Parallel()
	world := func(t *testing.T) (s *engine.Store, vpcId, otherVpcId string) {
		s = newTestStore(t)
		vpcId = mustVpc(t, s, testAccount, "192.168.0.0/16").VpcId
		otherVpcId = mustVpc(t, s, otherAcct, "192.168.0.0/16").VpcId
		mustVSwitch(t, s, testAccount, vpcId, "cn-hangzhou-h", "192.168.1.0/24")
		return s, vpcId, otherVpcId
	}
	// Every world has the same IDs: same seed, same calls.
	_, vpcId, otherVpcId := world(t)
	build := func(t *testing.T) *engine.Store { s, _, _ := world(t); return s }
	create := func(mod func(r *model.CreateVSwitchRequest)) func(*engine.Store) *model.Error {
		return func(s *engine.Store) *model.Error {
			req := model.CreateVSwitchRequest{RegionId: testRegion, VpcId: vpcId, ZoneId: "cn-hangzhou-i", CidrBlock: "192.168.2.0/24"}
			mod(&req)
			_, e := s.CreateVSwitch(testAccount, &req)
			return e
		}
	}
	runErrorCases(t, build, []errorCase{
		{"no region", create(func(r *model.CreateVSwitchRequest) { r.RegionId = "" }), model.ErrMissingParameter("RegionId")},
		{"unknown region", create(func(r *model.CreateVSwitchRequest) { r.RegionId = "xx-1" }), model.ErrInvalidRegionId()},
		{"no VpcId", create(func(r *model.CreateVSwitchRequest) { r.VpcId = "" }), model.ErrMissingParameter("VpcId")},
		{"no ZoneId", create(func(r *model.CreateVSwitchRequest) { r.ZoneId = "" }), model.ErrMissingParameter("ZoneId")},
		{"no CidrBlock", create(func(r *model.CreateVSwitchRequest) { r.CidrBlock = "" }), model.ErrMissingParameter("CidrBlock")},
		{"zone of another region", create(func(r *model.CreateVSwitchRequest) { r.ZoneId = "cn-beijing-a" }), model.ErrZoneNotFound()},
		{"unknown VPC", create(func(r *model.CreateVSwitchRequest) { r.VpcId = "vpc-nope" }), model.ErrVpcNotFound()},
		{"VPC of another account", create(func(r *model.CreateVSwitchRequest) { r.VpcId = otherVpcId }), model.ErrVpcNotFound()},
		{"name too long", create(func(r *model.CreateVSwitchRequest) { r.VSwitchName = strings.Repeat("n", 129) }), model.ErrInvalidVSwitchName()},
		{"description is a URL", create(func(r *model.CreateVSwitchRequest) { r.Description = "http://d" }), model.ErrInvalidVSwitchDescription()},
		{"CIDR garbage", create(func(r *model.CreateVSwitchRequest) { r.CidrBlock = "192.168.2.0" }), model.ErrInvalidCidrBlock()},
		{"CIDR host bits", create(func(r *model.CreateVSwitchRequest) { r.CidrBlock = "192.168.2.1/24" }), model.ErrInvalidCidrBlock()},
		{"mask /30", create(func(r *model.CreateVSwitchRequest) { r.CidrBlock = "192.168.2.0/30" }), model.ErrCidrBlockMaskLength()},
		{"mask /15", create(func(r *model.CreateVSwitchRequest) { r.CidrBlock = "192.168.0.0/15" }), model.ErrCidrBlockMaskLength()},
		{"outside the VPC", create(func(r *model.CreateVSwitchRequest) { r.CidrBlock = "10.0.0.0/24" }), model.ErrCidrBlockNotInVpc()},
		{"overlaps a vSwitch", create(func(r *model.CreateVSwitchRequest) { r.CidrBlock = "192.168.1.128/25" }), model.ErrCidrBlockOverlapped()},
		{"contains a vSwitch", create(func(r *model.CreateVSwitchRequest) { r.CidrBlock = "192.168.0.0/16" }), model.ErrCidrBlockOverlapped()},
	})
}

func TestCreateVSwitchQuota(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	vpc := mustVpc(t, s, testAccount, "10.0.0.0/8")
	for i := 0; i < model.MaxVSwitchesPerVpc; i++ {
		mustVSwitch(t, s, testAccount, vpc.VpcId, "cn-hangzhou-h", fmt.Sprintf("10.0.%d.0/24", i))
	}
	before := s.Dump()
	_, e := s.CreateVSwitch(testAccount, &model.CreateVSwitchRequest{RegionId: testRegion, VpcId: vpc.VpcId, ZoneId: "cn-hangzhou-h", CidrBlock: "10.1.0.0/24"})
	requireAPIError(t, model.ErrVSwitchQuotaExceeded(), e)
	assert.Equal(t, before, s.Dump())
}

func TestDescribeVSwitchesFiltersAndPaging(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	vpc1 := mustVpc(t, s, testAccount, "192.168.0.0/16").VpcId
	vpc2 := mustVpc(t, s, testAccount, "10.0.0.0/16").VpcId
	a := mustVSwitch(t, s, testAccount, vpc1, "cn-hangzhou-h", "192.168.1.0/24")
	b := mustVSwitch(t, s, testAccount, vpc1, "cn-hangzhou-i", "192.168.2.0/24")
	c := mustVSwitch(t, s, testAccount, vpc2, "cn-hangzhou-h", "10.0.1.0/24")
	otherVpc := mustVpc(t, s, otherAcct, "10.0.0.0/16").VpcId
	mustVSwitch(t, s, otherAcct, otherVpc, "cn-hangzhou-h", "10.0.1.0/24")

	tests := []struct {
		name  string
		req   model.DescribeVSwitchesRequest
		want  []string
		total int
	}{
		{"all", model.DescribeVSwitchesRequest{}, []string{a, b, c}, 3},
		{"by VPC", model.DescribeVSwitchesRequest{VpcId: vpc1}, []string{a, b}, 2},
		{"by zone", model.DescribeVSwitchesRequest{ZoneId: "cn-hangzhou-h"}, []string{a, c}, 2},
		{"by id", model.DescribeVSwitchesRequest{VSwitchId: b}, []string{b}, 1},
		{"VPC and zone", model.DescribeVSwitchesRequest{VpcId: vpc1, ZoneId: "cn-hangzhou-h"}, []string{a}, 1},
		{"paged", model.DescribeVSwitchesRequest{Paging: model.Paging{PageNumber: 2, PageSize: 1}}, []string{b}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.RegionId = testRegion
			resp, e := s.DescribeVSwitches(testAccount, &tc.req)
			require.Nil(t, e)
			got := []string{}
			for _, v := range resp.VSwitches.VSwitch {
				got = append(got, v.VSwitchId)
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.total, resp.TotalCount)
		})
	}
	_, e := s.DescribeVSwitches(testAccount, &model.DescribeVSwitchesRequest{RegionId: testRegion, Paging: model.Paging{PageSize: 51}})
	requireAPIError(t, model.ErrInvalidParameterValue("PageSize"), e)
	_, e = s.DescribeVSwitches(testAccount, &model.DescribeVSwitchesRequest{RegionId: "nowhere"})
	requireAPIError(t, model.ErrInvalidRegionId(), e)
}
