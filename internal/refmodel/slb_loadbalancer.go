package refmodel

import (
	"cmp"
	"maps"
	"net/netip"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slbfake/slbfake/model"
)

// Load balancers: their fixtures and the calls that create, delete, change
// and describe them (README, fidelity table, "Other load-balancer
// operations").

// LoadBalancer is an LB as the model keeps it, with its backends in
// attachment order.
type LoadBalancer struct {
	LoadBalancerId     string
	AccountId          string
	RegionId           string
	LoadBalancerName   string
	AddressType        model.AddressType
	NetworkType        model.NetworkType
	VpcId              string
	VSwitchId          string
	Address            string
	LoadBalancerSpec   string
	MasterZoneId       string
	SlaveZoneId        string
	PayType            string
	InternetChargeType string
	Bandwidth          int
	Status             model.LoadBalancerStatus
	// CreatedAt is the model's clock when the LB was created (Describe
	// calls show it).
	CreatedAt time.Time
	Backends  []Backend
	// Protection, charge type and tags (slb_tags.go): DeleteProtection on;
	// ModProtection "" (NonProtection) or ConsoleProtection with ModReason;
	// CLCU: billed by usage (PayByCLCU); Tags by key.
	DeleteProtection bool
	ModProtection    string
	ModReason        string
	CLCU             bool
	Tags             map[string]string
}

// lbFor resolves an LoadBalancerId for the caller: MissingParameter when
// absent, InvalidLoadBalancerId.NotFound when unknown, deleted, or another
// account's or region's.
func (m *Model) lbFor(account, region, id string) (*LoadBalancer, *model.Error) {
	if id == "" {
		return nil, model.ErrMissingParameter("LoadBalancerId")
	}
	lb := m.lbs[id]
	if lb == nil || !visible(account, region, lb.AccountId, lb.RegionId) {
		return nil, model.ErrLoadBalancerNotFound()
	}
	return lb, nil
}

// mutableLB is the frame of every call that changes an LB: region, LB, not
// locked (README, fidelity table, "LB `locked`": locked is ActionNotAllowed;
// inactive is accepted).
func (m *Model) mutableLB(account, region, id string) (*LoadBalancer, *model.Error) {
	if e := checkRegion(region); e != nil {
		return nil, e
	}
	lb, e := m.lbFor(account, region, id)
	if e != nil {
		return nil, e
	}
	if lb.Status == model.LBLocked {
		return nil, model.ErrActionNotAllowedLocked()
	}
	return lb, nil
}

// LoadBalancerFixture is what the test passed to the fake's PutLoadBalancer
// fixture, with the ID and Address the fake chose.
type LoadBalancerFixture struct {
	AccountId, RegionId, LoadBalancerId, Address string
	AddressType                                  model.AddressType
	VSwitchId, LoadBalancerSpec                  string
	Status                                       model.LoadBalancerStatus
}

// PutLoadBalancer records an LB stored by the fixture, placed by the rule
// the fake's fixture follows too (model.PlaceLoadBalancer): with a vSwitch an
// intranet VPC LB in the vSwitch's VPC and zone; otherwise AddressType
// (default internet) decides, both address types are then on the classic
// network, and the zone is the region's first. The descriptive fields take
// their defaults (model.FillLoadBalancerDefaults); an empty status is active.
func (m *Model) PutLoadBalancer(fx LoadBalancerFixture) {
	m.accounts[fx.AccountId] = true
	var vsw *model.VSwitch
	if fx.VSwitchId != "" {
		v := m.vswitches[fx.VSwitchId]
		vsw = &model.VSwitch{VSwitchId: v.VSwitchId, VpcId: v.VpcId, ZoneId: v.ZoneId}
	}
	p := model.PlaceLoadBalancer(fx.AddressType, "", vsw)
	if p.MasterZoneId == "" {
		p.MasterZoneId = regionZones[fx.RegionId][0]
	}
	lb := &LoadBalancer{
		LoadBalancerId: fx.LoadBalancerId, AccountId: fx.AccountId, RegionId: fx.RegionId,
		AddressType: p.AddressType, NetworkType: p.NetworkType, VpcId: p.VpcId, VSwitchId: p.VSwitchId,
		Address: fx.Address, LoadBalancerSpec: fx.LoadBalancerSpec, MasterZoneId: p.MasterZoneId, Status: fx.Status,
	}
	model.FillLoadBalancerDefaults(&lb.LoadBalancerName, &lb.PayType, &lb.InternetChargeType)
	if lb.Status == "" {
		lb.Status = model.LBActive
	}
	m.addLB(lb)
}

func (m *Model) addLB(lb *LoadBalancer) {
	lb.Backends = []Backend{}
	lb.CreatedAt = m.now
	m.lbs[lb.LoadBalancerId] = lb
	m.lbOrder = append(m.lbOrder, lb.LoadBalancerId)
}

// ForceLoadBalancerStatus moves an LB to any status, locked included.
func (m *Model) ForceLoadBalancerStatus(id string, status model.LoadBalancerStatus) {
	m.lbs[id].Status = status
}

// loadBalancerSpecs are the performance-guaranteed specs (real spec names).
var loadBalancerSpecs = []string{
	"slb.s1.small", "slb.s2.small", "slb.s2.medium", "slb.s3.small",
	"slb.s3.medium", "slb.s3.large", "slb.s3.xlarge", "slb.s3.xxlarge",
}

// CreateLoadBalancer is the model's CreateLoadBalancer. got is what the fake
// assigned, used only when the call succeeds.
//
// The checks, in order (the fake's documented contract; the documentation
// only fixes the network rules): ClientToken (idempotency.go); RegionId;
// AddressType internet or intranet, by default intranet when a VSwitchId is
// given (DOC: "if VSwitchId is set, AddressType defaults to intranet") and
// internet otherwise; LoadBalancerSpec empty or a known spec; LoadBalancerName at most
// 80 characters; InternetChargeType empty, paybytraffic or paybybandwidth;
// MasterZoneId and SlaveZoneId in the region (after AddressType:
// AddressIPVersion empty or ipv4, ipv6 refused as not modelled, anything
// else InvalidParameter); then the network: a VSwitchId
// on an internet LB is invalid, the vSwitch must exist for the caller, a
// VpcId must be the vSwitch's; a VpcId without a VSwitchId is
// MissingParameter VSwitchId; then Address (DOC: the private address of a VPC
// LB, inside its vSwitch's CIDR block and not in use): without a vSwitch it
// is InvalidParameter Address on an internet LB and MissingParameter
// VSwitchId otherwise; it must be an IPv4 address
// (InvalidPrivateIpAddress.Malformed), inside the vSwitch's block and none of
// its reserved addresses (InvalidPrivateIpAddress), and free in the vSwitch
// (InvalidPrivateIpAddress.Duplicated); the codes are INF, the instances'.
// The LB then has that address. An intranet LB with a vSwitch is a VPC LB in
// the vSwitch's VPC (and, without MasterZoneId, its zone); every other LB is
// on the classic network (README, fidelity table, "CreateLoadBalancer:
// network type"): the model restates these checks and this placement on its
// own, and takes only the defaults of the descriptive fields from model. New
// LBs are active.
func (m *Model) CreateLoadBalancer(account string, req *model.CreateLoadBalancerRequest, got Assigned) (*model.CreateLoadBalancerResponse, *model.Error) {
	params := *req
	params.ClientToken = ""
	return idempotent(m, account, "CreateLoadBalancer", req.ClientToken, params, func() (*model.CreateLoadBalancerResponse, *model.Error) {
		return m.createLoadBalancer(account, req, got)
	})
}

func (m *Model) createLoadBalancer(account string, req *model.CreateLoadBalancerRequest, got Assigned) (*model.CreateLoadBalancerResponse, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	lb := &LoadBalancer{
		AccountId: account, RegionId: req.RegionId, LoadBalancerName: req.LoadBalancerName,
		AddressType: model.AddressType(req.AddressType), NetworkType: model.NetworkClassic,
		LoadBalancerSpec: req.LoadBalancerSpec, MasterZoneId: req.MasterZoneId, SlaveZoneId: req.SlaveZoneId,
		PayType: req.PayType, InternetChargeType: req.InternetChargeType, Bandwidth: req.Bandwidth,
		Status: model.LBActive,
	}
	if lb.AddressType == "" {
		lb.AddressType = model.AddressInternet
		if req.VSwitchId != "" {
			lb.AddressType = model.AddressIntranet
		}
	}
	if lb.AddressType != model.AddressInternet && lb.AddressType != model.AddressIntranet {
		return nil, model.ErrInvalidParameterValue("AddressType")
	}
	switch req.AddressIPVersion { // the model's LBs are all ipv4; ipv6 is refused
	case "", "ipv4":
	case "ipv6":
		return nil, model.ErrIPv6NotModelled()
	default:
		return nil, model.ErrInvalidParameterValue("AddressIPVersion")
	}
	if lb.LoadBalancerSpec != "" && !slices.Contains(loadBalancerSpecs, lb.LoadBalancerSpec) {
		return nil, model.ErrInvalidParameterValue("LoadBalancerSpec")
	}
	if utf8.RuneCountInString(lb.LoadBalancerName) > 80 {
		return nil, model.ErrInvalidParameterValue("LoadBalancerName")
	}
	switch lb.InternetChargeType {
	case "", "paybytraffic", "paybybandwidth":
	default:
		return nil, model.ErrInvalidParameterValue("InternetChargeType")
	}
	for _, z := range []string{lb.MasterZoneId, lb.SlaveZoneId} {
		if z != "" && !slices.Contains(regionZones[req.RegionId], z) {
			return nil, model.ErrZoneNotFound()
		}
	}
	if e := createProtection(lb, req); e != nil {
		return nil, e
	}
	tags, e := newTags(req.Tag)
	if e != nil {
		return nil, e
	}
	lb.Tags = tags
	switch {
	case req.VSwitchId != "":
		if lb.AddressType == model.AddressInternet {
			return nil, model.ErrInvalidParameterValue("VSwitchId")
		}
		vsw := m.vswitchFor(account, req.RegionId, req.VSwitchId)
		if vsw == nil {
			return nil, model.ErrVSwitchNotFound()
		}
		if req.VpcId != "" && req.VpcId != vsw.VpcId {
			return nil, model.ErrInvalidParameterValue("VpcId")
		}
		lb.NetworkType, lb.VpcId, lb.VSwitchId = model.NetworkVPC, vsw.VpcId, vsw.VSwitchId
		if lb.MasterZoneId == "" {
			lb.MasterZoneId = vsw.ZoneId
		}
	case req.VpcId != "":
		return nil, model.ErrMissingParameter("VSwitchId")
	}
	address := got.Address
	if req.Address != "" {
		if lb.VSwitchId == "" {
			if lb.AddressType == model.AddressInternet {
				return nil, model.ErrInvalidParameterValue("Address")
			}
			return nil, model.ErrMissingParameter("VSwitchId")
		}
		ip, err := netip.ParseAddr(req.Address)
		if err != nil || !ip.Is4() {
			return nil, model.ErrPrivateIpMalformed()
		}
		block := netip.MustParsePrefix(m.vswitches[lb.VSwitchId].CidrBlock)
		if !block.Contains(ip) || reserved(block, ip) {
			return nil, model.ErrPrivateIpNotInVSwitch()
		}
		if m.leases()[Pool(lb.VSwitchId)][ip.String()] != "" {
			return nil, model.ErrIpAddressUsed()
		}
		address = ip.String()
	}
	model.FillLoadBalancerDefaults(&lb.LoadBalancerName, &lb.PayType, &lb.InternetChargeType)
	lb.LoadBalancerId, lb.Address = got.Id, address
	if lb.MasterZoneId == "" {
		lb.MasterZoneId = got.Zone // drawn by the fake among the region's zones
	}
	m.accounts[account] = true
	m.addLB(lb)
	return &model.CreateLoadBalancerResponse{
		LoadBalancerId: lb.LoadBalancerId, LoadBalancerName: lb.LoadBalancerName, Address: lb.Address,
		NetworkType: string(lb.NetworkType), VpcId: lb.VpcId, VSwitchId: lb.VSwitchId, AddressIPVersion: "ipv4",
	}, nil
}

// DeleteLoadBalancer is the model's DeleteLoadBalancer: the LB must exist for
// the caller and not be locked; its backend list and its vServer groups go
// with it.
func (m *Model) DeleteLoadBalancer(account string, req *model.DeleteLoadBalancerRequest) (*model.DeleteLoadBalancerResponse, *model.Error) {
	lb, e := m.mutableLB(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return nil, e
	}
	if lb.DeleteProtection {
		return nil, model.ErrDeleteProtectionIsOn()
	}
	delete(m.lbs, lb.LoadBalancerId)
	m.dropListeners(lb.LoadBalancerId)
	m.dropGroupsOf(lb.LoadBalancerId) // and its vServer groups
	m.lbOrder = slices.DeleteFunc(m.lbOrder, func(id string) bool { return id == lb.LoadBalancerId })
	return &model.DeleteLoadBalancerResponse{}, nil
}

// SetLoadBalancerStatus is the model's SetLoadBalancerStatus: a locked LB is
// refused; the status must be given and be active or inactive.
func (m *Model) SetLoadBalancerStatus(account string, req *model.SetLoadBalancerStatusRequest) (*model.SetLoadBalancerStatusResponse, *model.Error) {
	lb, e := m.mutableLB(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return nil, e
	}
	switch model.LoadBalancerStatus(req.LoadBalancerStatus) {
	case "":
		return nil, model.ErrMissingParameter("LoadBalancerStatus")
	case model.LBActive, model.LBInactive:
	default:
		return nil, model.ErrInvalidParameterValue("LoadBalancerStatus")
	}
	lb.Status = model.LoadBalancerStatus(req.LoadBalancerStatus)
	return &model.SetLoadBalancerStatusResponse{}, nil
}

// DescribeLoadBalancers is the model's DescribeLoadBalancers: the caller's
// LBs of the region in creation order, every given filter applied (ServerId:
// the LB has that server among its backends, by any IP; MasterZoneId,
// SlaveZoneId, PayType, InternetChargeType, InstanceChargeType and
// AddressIPVersion: the field as the answer shows it equals the value), then
// paged (page 1 and 10 by default; PageNumber at least 1; PageSize 1..100).
func (m *Model) DescribeLoadBalancers(account string, req *model.DescribeLoadBalancersRequest) (*model.DescribeLoadBalancersResponse, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	var ids []string
	if req.LoadBalancerId != "" {
		ids = strings.Split(req.LoadBalancerId, ",")
	}
	filter := func(want, have string) bool { return want == "" || want == have }
	want, e := describeTagFilter(req)
	if e != nil {
		return nil, e
	}
	var match []*LoadBalancer
	for _, id := range m.lbOrder {
		lb := m.lbs[id]
		if !visible(account, req.RegionId, lb.AccountId, lb.RegionId) {
			continue
		}
		if ids != nil && !slices.Contains(ids, id) {
			continue
		}
		if !filter(req.LoadBalancerName, lb.LoadBalancerName) || !filter(req.AddressType, string(lb.AddressType)) ||
			!filter(req.NetworkType, string(lb.NetworkType)) || !filter(req.VpcId, lb.VpcId) ||
			!filter(req.VSwitchId, lb.VSwitchId) || !filter(req.Address, lb.Address) ||
			!filter(req.LoadBalancerStatus, string(lb.Status)) {
			continue
		}
		chargeType := "PayBySpec"
		if lb.CLCU {
			chargeType = "PayByCLCU"
		}
		if !filter(req.MasterZoneId, lb.MasterZoneId) || !filter(req.SlaveZoneId, lb.SlaveZoneId) ||
			!filter(req.PayType, lb.PayType) || !filter(req.InternetChargeType, lb.InternetChargeType) ||
			!filter(req.InstanceChargeType, chargeType) || !filter(req.AddressIPVersion, "ipv4") {
			continue
		}
		if req.ServerId != "" && !slices.ContainsFunc(lb.Backends, func(b Backend) bool { return b.ServerId == req.ServerId }) {
			continue
		}
		if !hasEvery(lb, want) {
			continue
		}
		match = append(match, lb)
	}
	number, size := req.PageNumber, req.PageSize
	if number == 0 {
		number = 1
	}
	if size == 0 {
		size = 10
	}
	if number < 1 {
		return nil, model.ErrInvalidParameterValue("PageNumber")
	}
	if size < 1 || size > 100 {
		return nil, model.ErrInvalidParameterValue("PageSize")
	}
	resp := &model.DescribeLoadBalancersResponse{PageNumber: number, PageSize: size, TotalCount: len(match)}
	resp.LoadBalancers.LoadBalancer = []model.LoadBalancerView{}
	for i, lb := range match {
		if i/size == number-1 {
			resp.LoadBalancers.LoadBalancer = append(resp.LoadBalancers.LoadBalancer, m.view(lb))
		}
	}
	return resp, nil
}

// DescribeLoadBalancerAttribute is the model's DescribeLoadBalancerAttribute:
// the LB (locked ones too) and its backends, each with ServerIp and VpcId.
func (m *Model) DescribeLoadBalancerAttribute(account string, req *model.DescribeLoadBalancerAttributeRequest) (*model.DescribeLoadBalancerAttributeResponse, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	lb, e := m.lbFor(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return nil, e
	}
	resp := &model.DescribeLoadBalancerAttributeResponse{LoadBalancerView: m.view(lb), BackendServers: backendViews(lb, true)}
	resp.ListenerPorts, resp.ListenerPortsAndProtocol, resp.ListenerPortsAndProtocal = m.listenerPorts(lb.LoadBalancerId)
	return resp, nil
}

func (m *Model) view(lb *LoadBalancer) model.LoadBalancerView {
	return model.LoadBalancerView{
		LoadBalancerId: lb.LoadBalancerId, LoadBalancerName: lb.LoadBalancerName,
		LoadBalancerStatus: string(lb.Status), Address: lb.Address, AddressType: string(lb.AddressType),
		AddressIPVersion: "ipv4", NetworkType: string(lb.NetworkType), VpcId: lb.VpcId, VSwitchId: lb.VSwitchId,
		RegionId: lb.RegionId, RegionIdAlias: lb.RegionId, MasterZoneId: lb.MasterZoneId, SlaveZoneId: lb.SlaveZoneId,
		LoadBalancerSpec: lb.LoadBalancerSpec, PayType: lb.PayType, InternetChargeType: lb.InternetChargeType,
		Bandwidth: lb.Bandwidth, CreateTime: lb.CreatedAt.Format("2006-01-02T15:04Z"), CreateTimeStamp: lb.CreatedAt.UnixMilli(),
		DeleteProtection:             map[bool]string{true: "on", false: "off"}[lb.DeleteProtection],
		ModificationProtectionStatus: cmp.Or(lb.ModProtection, "NonProtection"), ModificationProtectionReason: lb.ModReason,
		InstanceChargeType: map[bool]string{true: "PayByCLCU", false: "PayBySpec"}[lb.CLCU], Tags: tagView(lb.Tags),
	}
}

// LoadBalancerOf returns a copy of an LB, or false.
func (m *Model) LoadBalancerOf(id string) (LoadBalancer, bool) {
	lb := m.lbs[id]
	if lb == nil {
		return LoadBalancer{}, false
	}
	c := *lb
	c.Backends = slices.Clone(lb.Backends)
	c.Tags = maps.Clone(lb.Tags)
	return c, true
}
