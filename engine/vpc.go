package engine

import (
	"hash/fnv"
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// privateBlocks returns the blocks a VPC's CIDR must lie in (DOC: CreateVpc).
func privateBlocks() []netip.Prefix {
	return []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("172.16.0.0/12"),
		netip.MustParsePrefix("192.168.0.0/16"),
	}
}

// CIDR mask bounds of CreateVpc (INF: /8../28) and CreateVSwitch (DOC: /16../29).
const (
	minVpcMask     = 8
	maxVpcMask     = 28
	minVSwitchMask = 16
	maxVSwitchMask = 29
	// vswitchReserved is how many addresses of a vSwitch block are never
	// handed out: the first reservedHead (ipam.go) and the last three (DOC).
	vswitchReserved = reservedHead + reservedTail
)

// CreateVpc creates an Available VPC with its router and route table. The
// checks, in order: RegionId, VpcName, Description, CidrBlock (default
// 172.16.0.0/12; a private block with a /8../28 mask). ClientToken makes the
// call idempotent (idempotency.go); DryRun runs the checks and answers
// DryRunOperation, creating nothing (Store.dryRun).
func (s *Store) CreateVpc(account string, req *model.CreateVpcRequest) (*model.CreateVpcResponse, *model.Error) {
	if req.DryRun {
		return nil, s.dryRun(func(ds *Store, txn *memdb.Txn) *model.Error {
			_, e := ds.createVpcTxn(txn, account, req)
			return e
		})
	}
	var resp *model.CreateVpcResponse
	e := s.write(func(txn *memdb.Txn) *model.Error {
		var e *model.Error
		resp, e = idempotentTxn(txn, account, "CreateVpc", req.ClientToken, req, func() (*model.CreateVpcResponse, *model.Error) {
			vpc, e := s.createVpcTxn(txn, account, req)
			if e != nil {
				return nil, e
			}
			return &model.CreateVpcResponse{
				VpcId: vpc.VpcId, VRouterId: vpc.VRouterId, RouteTableId: vpc.RouteTableId,
				ResourceGroupId: defaultResourceGroupId(account),
			}, nil
		})
		return e
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

func (s *Store) createVpcTxn(txn *memdb.Txn, account string, req *model.CreateVpcRequest) (*model.Vpc, *model.Error) {
	region, e := regionTxn(txn, req.RegionId)
	if e != nil {
		return nil, e
	}
	if !validResourceText(req.VpcName, 128) {
		return nil, model.ErrInvalidVpcName()
	}
	if !validResourceText(req.Description, 256) {
		return nil, model.ErrInvalidVpcDescription()
	}
	cidr := req.CidrBlock
	if cidr == "" {
		cidr = model.DefaultVpcCidrBlock
	}
	p, ok := parseCIDR(cidr)
	if !ok || p.Bits() < minVpcMask || p.Bits() > maxVpcMask || !inPrivateBlock(p) {
		return nil, model.ErrVpcCidrBlockInvalid()
	}
	ensureAccountTxn(txn, account)
	vpc := &model.Vpc{
		VpcId: s.newIDTxn(txn, tableVpcs, model.PrefixVpc, region.IDCode), AccountId: account,
		RegionId: region.RegionId, VpcName: req.VpcName, Description: req.Description, CidrBlock: p.String(),
		Status: "Available", CreationTime: s.now().UTC(), Seq: s.nextSeq(),
	}
	vpc.VRouterId = s.newID(model.PrefixVRouter, region.IDCode)
	vpc.RouteTableId = s.newID(model.PrefixRouteTable, region.IDCode)
	insert(txn, tableVpcs, vpc)
	return vpc, nil
}

// DescribeVpcs lists the caller's VPCs of a region, in creation order,
// filtered and paged.
func (s *Store) DescribeVpcs(account string, req *model.DescribeVpcsRequest) (*model.DescribeVpcsResponse, *model.Error) {
	resp := &model.DescribeVpcsResponse{}
	e := s.read(func(txn *memdb.Txn) *model.Error {
		if _, e := regionTxn(txn, req.RegionId); e != nil {
			return e
		}
		q := newListQuery(txn, vpcListing, account, req.RegionId)
		if ids := splitList(req.VpcId); ids != nil {
			q.ids(ids)
		}
		q.eq(dimName, req.VpcName)
		page, total, number, size, e := q.page(req.Paging, 10, 50)
		if e != nil {
			return e
		}
		resp.PageNumber, resp.PageSize, resp.TotalCount = number, size, total
		resp.Vpcs.Vpc = make([]model.VpcView, 0, len(page))
		for _, v := range page {
			resp.Vpcs.Vpc = append(resp.Vpcs.Vpc, vpcView(txn, v))
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

func vpcView(txn *memdb.Txn, v *model.Vpc) model.VpcView {
	vsws := vswitchesOfTxn(txn, v.VpcId)
	ids := make([]string, 0, len(vsws))
	for _, vsw := range vsws {
		ids = append(ids, vsw.VSwitchId)
	}
	return model.VpcView{
		VpcId: v.VpcId, VpcName: v.VpcName, Description: v.Description, RegionId: v.RegionId, Status: v.Status,
		CidrBlock: v.CidrBlock, VRouterId: v.VRouterId, RouterTableIds: model.RouterTableIds{RouterTableIds: []string{v.RouteTableId}},
		VSwitchIds: model.VSwitchIds{VSwitchId: ids}, IsDefault: v.IsDefault,
		ResourceGroupId: defaultResourceGroupId(v.AccountId), CreationTime: v.CreationTime.Format(model.VPCTimeLayout),
	}
}

// vswitchesOfTxn returns a VPC's vSwitches in creation order.
func vswitchesOfTxn(txn *memdb.Txn, vpcId string) []*model.VSwitch {
	vsws := all[model.VSwitch](txn, tableVSwitches, indexVpc, vpcId)
	sortBySeq(vsws, func(v *model.VSwitch) uint64 { return v.Seq })
	return vsws
}

// CreateVSwitch creates an Available vSwitch. The checks, in order: RegionId;
// VpcId, ZoneId, CidrBlock given (MissingParameter); the zone is in the
// region (InvalidZoneId.NotFound); the VPC exists (InvalidVpcId.NotFound);
// VSwitchName and Description; CidrBlock parses (InvalidCidrBlock.Malformed),
// has a /16../29 mask (InvalidCirdrBlock.MaskLength), lies in the VPC's
// (InvalidParameter) and overlaps no other vSwitch (InvalidCidrBlock.Overlapped);
// the VPC has fewer than 150 vSwitches (QuotaExceeded.VSwitch). ClientToken
// makes the call idempotent (idempotency.go).
func (s *Store) CreateVSwitch(account string, req *model.CreateVSwitchRequest) (*model.CreateVSwitchResponse, *model.Error) {
	var resp *model.CreateVSwitchResponse
	e := s.write(func(txn *memdb.Txn) *model.Error {
		var e *model.Error
		resp, e = idempotentTxn(txn, account, "CreateVSwitch", req.ClientToken, req, func() (*model.CreateVSwitchResponse, *model.Error) {
			vsw, e := s.createVSwitchTxn(txn, account, req)
			if e != nil {
				return nil, e
			}
			return &model.CreateVSwitchResponse{VSwitchId: vsw.VSwitchId}, nil
		})
		return e
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

func (s *Store) createVSwitchTxn(txn *memdb.Txn, account string, req *model.CreateVSwitchRequest) (*model.VSwitch, *model.Error) {
	region, e := regionTxn(txn, req.RegionId)
	if e != nil {
		return nil, e
	}
	for _, p := range []struct{ name, value string }{{"VpcId", req.VpcId}, {"ZoneId", req.ZoneId}, {"CidrBlock", req.CidrBlock}} {
		if p.value == "" {
			return nil, model.ErrMissingParameter(p.name)
		}
	}
	if !region.HasZone(req.ZoneId) {
		return nil, model.ErrZoneNotFound()
	}
	vpc := vpcTxn(txn, account, region.RegionId, req.VpcId)
	if vpc == nil {
		return nil, model.ErrVpcNotFound()
	}
	if !validResourceText(req.VSwitchName, 128) {
		return nil, model.ErrInvalidVSwitchName()
	}
	if !validResourceText(req.Description, 256) {
		return nil, model.ErrInvalidVSwitchDescription()
	}
	p, ok := parseCIDR(req.CidrBlock)
	if !ok {
		return nil, model.ErrInvalidCidrBlock()
	}
	if p.Bits() < minVSwitchMask || p.Bits() > maxVSwitchMask {
		return nil, model.ErrCidrBlockMaskLength()
	}
	vpcNet := netip.MustParsePrefix(vpc.CidrBlock)
	if p.Bits() < vpcNet.Bits() || !vpcNet.Contains(p.Addr()) {
		return nil, model.ErrCidrBlockNotInVpc()
	}
	siblings := vswitchesOfTxn(txn, vpc.VpcId)
	for _, other := range siblings {
		if vswitchCIDR(other).Overlaps(p) {
			return nil, model.ErrCidrBlockOverlapped()
		}
	}
	if len(siblings) >= model.MaxVSwitchesPerVpc {
		return nil, model.ErrVSwitchQuotaExceeded()
	}
	vsw := &model.VSwitch{
		VSwitchId: s.newIDTxn(txn, tableVSwitches, model.PrefixVSwitch, region.IDCode), VpcId: vpc.VpcId,
		AccountId: account, RegionId: region.RegionId, ZoneId: req.ZoneId, CidrBlock: p.String(),
		VSwitchName: req.VSwitchName, Description: req.Description, Status: "Available",
		CreationTime: s.now().UTC(), Seq: s.nextSeq(),
	}
	insert(txn, tableVSwitches, vsw)
	return vsw, nil
}

// DescribeVSwitches lists the caller's vSwitches of a region, in creation
// order, filtered and paged.
func (s *Store) DescribeVSwitches(account string, req *model.DescribeVSwitchesRequest) (*model.DescribeVSwitchesResponse, *model.Error) {
	resp := &model.DescribeVSwitchesResponse{}
	e := s.read(func(txn *memdb.Txn) *model.Error {
		if _, e := regionTxn(txn, req.RegionId); e != nil {
			return e
		}
		q := newListQuery(txn, vswitchListing, account, req.RegionId)
		q.eq(dimVpc, req.VpcId)
		if req.VSwitchId != "" {
			q.ids([]string{req.VSwitchId})
		}
		q.eq(dimZone, req.ZoneId)
		page, total, number, size, e := q.page(req.Paging, 10, 50)
		if e != nil {
			return e
		}
		resp.PageNumber, resp.PageSize, resp.TotalCount = number, size, total
		resp.VSwitches.VSwitch = make([]model.VSwitchView, 0, len(page))
		for _, v := range page {
			resp.VSwitches.VSwitch = append(resp.VSwitches.VSwitch, vswitchView(txn, v))
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

func vswitchView(txn *memdb.Txn, v *model.VSwitch) model.VSwitchView {
	p := vswitchCIDR(v)
	used := int64(leasedTxn(txn, v.VSwitchId))
	avail := int64(1)<<(32-p.Bits()) - vswitchReserved - used
	return model.VSwitchView{
		VSwitchId: v.VSwitchId, VSwitchName: v.VSwitchName, Description: v.Description, VpcId: v.VpcId,
		ZoneId: v.ZoneId, Status: v.Status, CidrBlock: v.CidrBlock,
		AvailableIpAddressCount: max(avail, 0), ResourceGroupId: defaultResourceGroupId(v.AccountId),
		CreationTime: v.CreationTime.Format(model.VPCTimeLayout),
	}
}

// parseCIDR parses an IPv4 CIDR block in canonical form (no host bits set).
func parseCIDR(s string) (netip.Prefix, bool) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() || p.Masked() != p {
		return netip.Prefix{}, false
	}
	return p, true
}

func inPrivateBlock(p netip.Prefix) bool {
	for _, b := range privateBlocks() {
		if p.Bits() >= b.Bits() && b.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

// validResourceText is the rule of the optional names and descriptions of the
// VPC API: at most max characters, not starting with http:// or https://.
func validResourceText(s string, max int) bool {
	return utf8.RuneCountInString(s) <= max && !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://")
}

// splitList splits a comma-separated ID list; an empty string is no filter (nil).
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, id := range strings.Split(s, ",") {
		out = append(out, strings.TrimSpace(id))
	}
	return out
}

// defaultResourceGroupId is the account's default resource group, derived
// from the account so that it needs no state (INF: real ones look like
// rg-acfm... and are fixed per account).
func defaultResourceGroupId(account string) string {
	h := fnv.New64a()
	h.Write([]byte(account))
	body := strconv.FormatUint(h.Sum64(), 36)
	for len(body) < 13 {
		body = "0" + body
	}
	return "rg-acfm" + body[:11]
}
