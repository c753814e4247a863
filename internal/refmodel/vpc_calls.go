package refmodel

import (
	"net/netip"
	"strings"
	"unicode/utf8"

	"github.com/slbfake/slbfake/model"
)

// The VPC calls: CreateVpc and CreateVSwitch (README, fidelity table, "ECS
// and VPC", "CreateVpc, CreateVSwitch"; the order of the checks is the
// fake's documented choice, INF).

// vpcPrivateBlocks are the blocks a VPC's CIDR block must lie in (DOC:
// CreateVpc, "10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or one of their
// subnets").
var vpcPrivateBlocks = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
}

// vpcText is the rule of the VPC API's optional names and descriptions: at
// most n characters, not starting with http:// or https://.
func vpcText(s string, n int) bool {
	return utf8.RuneCountInString(s) <= n && !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://")
}

// cidrBlock parses a CIDR block written as a block: an IPv4 prefix whose
// address is the block's first (192.168.0.0/16, not 192.168.1.0/16).
func cidrBlock(s string) (netip.Prefix, bool) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() || p.Masked().Addr() != p.Addr() {
		return netip.Prefix{}, false
	}
	return p, true
}

// CreateVpc is the model's CreateVpc. got is what the fake assigned (the
// VpcId), used only when the call succeeds; the router, route table and
// resource group IDs are the fake's business and the test checks their
// shapes. The checks, in order: ClientToken (idempotency.go; a dry run
// ignores it); RegionId; VpcName (at most 128 characters,
// not http(s)://); Description (256); CidrBlock (default 172.16.0.0/12) a
// block inside one of the private blocks with a /8../28 mask. DryRun answers
// DryRunOperation once every check passed, and creates nothing.
func (m *Model) CreateVpc(account string, req *model.CreateVpcRequest, got Assigned) (*model.CreateVpcResponse, *model.Error) {
	if req.DryRun {
		return m.createVpc(account, req, got)
	}
	params := *req
	params.ClientToken = ""
	return idempotent(m, account, "CreateVpc", req.ClientToken, params, func() (*model.CreateVpcResponse, *model.Error) {
		return m.createVpc(account, req, got)
	})
}

func (m *Model) createVpc(account string, req *model.CreateVpcRequest, got Assigned) (*model.CreateVpcResponse, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	if !vpcText(req.VpcName, 128) {
		return nil, model.ErrInvalidVpcName()
	}
	if !vpcText(req.Description, 256) {
		return nil, model.ErrInvalidVpcDescription()
	}
	cidr := req.CidrBlock
	if cidr == "" {
		cidr = "172.16.0.0/12"
	}
	p, ok := cidrBlock(cidr)
	inPrivate := false
	for _, b := range vpcPrivateBlocks {
		inPrivate = inPrivate || (ok && p.Bits() >= b.Bits() && b.Contains(p.Addr()))
	}
	if !ok || p.Bits() < 8 || p.Bits() > 28 || !inPrivate {
		return nil, model.ErrVpcCidrBlockInvalid()
	}
	if req.DryRun {
		return nil, model.ErrDryRunOperation()
	}
	m.accounts[account] = true
	m.vpcs[got.Id] = &Vpc{VpcId: got.Id, AccountId: account, RegionId: req.RegionId, CidrBlock: p.String()}
	return &model.CreateVpcResponse{VpcId: got.Id}, nil
}

// CreateVSwitch is the model's CreateVSwitch. The checks, in order:
// ClientToken (idempotency.go); RegionId; VpcId, ZoneId, CidrBlock given (MissingParameter, in that
// order); the zone is the region's (InvalidZoneId.NotFound); the VPC exists
// for the caller (InvalidVpcId.NotFound); VSwitchName (128) and Description
// (256); the CIDR block parses as a block (InvalidCidrBlock.Malformed), has a
// /16../29 mask (InvalidCirdrBlock.MaskLength), lies in the VPC's
// (InvalidParameter), overlaps no other vSwitch of the VPC
// (InvalidCidrBlock.Overlapped); the VPC has fewer than 150 vSwitches
// (QuotaExceeded.VSwitch).
func (m *Model) CreateVSwitch(account string, req *model.CreateVSwitchRequest, got Assigned) (*model.CreateVSwitchResponse, *model.Error) {
	params := *req
	params.ClientToken = ""
	return idempotent(m, account, "CreateVSwitch", req.ClientToken, params, func() (*model.CreateVSwitchResponse, *model.Error) {
		return m.createVSwitch(account, req, got)
	})
}

func (m *Model) createVSwitch(account string, req *model.CreateVSwitchRequest, got Assigned) (*model.CreateVSwitchResponse, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	for _, p := range []struct{ name, value string }{{"VpcId", req.VpcId}, {"ZoneId", req.ZoneId}, {"CidrBlock", req.CidrBlock}} {
		if p.value == "" {
			return nil, model.ErrMissingParameter(p.name)
		}
	}
	if !containsString(regionZones[req.RegionId], req.ZoneId) {
		return nil, model.ErrZoneNotFound()
	}
	vpc := m.vpcFor(account, req.RegionId, req.VpcId)
	if vpc == nil {
		return nil, model.ErrVpcNotFound()
	}
	if !vpcText(req.VSwitchName, 128) {
		return nil, model.ErrInvalidVSwitchName()
	}
	if !vpcText(req.Description, 256) {
		return nil, model.ErrInvalidVSwitchDescription()
	}
	p, ok := cidrBlock(req.CidrBlock)
	if !ok {
		return nil, model.ErrInvalidCidrBlock()
	}
	if p.Bits() < 16 || p.Bits() > 29 {
		return nil, model.ErrCidrBlockMaskLength()
	}
	vpcNet := netip.MustParsePrefix(vpc.CidrBlock)
	if p.Bits() < vpcNet.Bits() || !vpcNet.Contains(p.Addr()) {
		return nil, model.ErrCidrBlockNotInVpc()
	}
	siblings := 0
	for _, v := range m.vswitches {
		if v.VpcId != vpc.VpcId {
			continue
		}
		siblings++
		if netip.MustParsePrefix(v.CidrBlock).Overlaps(p) {
			return nil, model.ErrCidrBlockOverlapped()
		}
	}
	if siblings >= 150 {
		return nil, model.ErrVSwitchQuotaExceeded()
	}
	m.accounts[account] = true
	m.vswitches[got.Id] = &VSwitch{VSwitchId: got.Id, VpcId: vpc.VpcId, AccountId: account, RegionId: req.RegionId,
		ZoneId: req.ZoneId, CidrBlock: p.String()}
	return &model.CreateVSwitchResponse{VSwitchId: got.Id}, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
