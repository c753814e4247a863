package refmodel

import (
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/slbfake/slbfake/model"
)

// Config configures a Model.
type Config struct {
	// Quota is the most backends one LB may have (decisions.md: 200 by
	// default, configurable per fake).
	Quota int
	// Now is the fixed time of the fake's clock: every creation time.
	Now time.Time
}

// Vpc is a VPC as the model keeps it.
type Vpc struct {
	VpcId     string
	AccountId string
	RegionId  string
}

// VSwitch is a vSwitch as the model keeps it.
type VSwitch struct {
	VSwitchId string
	VpcId     string
	AccountId string
	RegionId  string
	ZoneId    string
}

// Instance is an ECS instance as the model keeps it.
type Instance struct {
	InstanceId  string
	AccountId   string
	RegionId    string
	ZoneId      string
	Status      model.InstanceStatus
	NetworkType model.NetworkType
	VpcId       string
	VSwitchId   string
	PrivateIp   string
}

// ENI is an elastic network interface as the model keeps it. Ips holds the
// primary IP first, then the secondary ones.
type ENI struct {
	NetworkInterfaceId string
	AccountId          string
	RegionId           string
	ZoneId             string
	VpcId              string
	VSwitchId          string
	Ips                []string
	InstanceId         string
}

// Backend is one server of an LB's default server group.
type Backend struct {
	ServerId    string
	Type        model.ServerType
	ServerIp    string
	VpcId       string
	Weight      int
	Description string
}

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
	Backends           []Backend
}

// Model is the reference world. It is not safe for concurrent use; the
// state-machine test drives it from one goroutine.
type Model struct {
	quota     int
	now       time.Time
	accounts  map[string]bool
	vpcs      map[string]*Vpc
	vswitches map[string]*VSwitch
	instances map[string]*Instance
	enis      map[string]*ENI
	lbs       map[string]*LoadBalancer
	// lbOrder lists LB IDs in creation order (Describe lists them so).
	lbOrder []string
}

// New returns an empty world: the region catalogue and nothing else.
func New(cfg Config) *Model {
	q := cfg.Quota
	if q <= 0 {
		q = 200
	}
	return &Model{
		quota: q, now: cfg.Now.UTC(),
		accounts: map[string]bool{}, vpcs: map[string]*Vpc{}, vswitches: map[string]*VSwitch{},
		instances: map[string]*Instance{}, enis: map[string]*ENI{}, lbs: map[string]*LoadBalancer{},
	}
}

// Quota returns the per-LB backend quota.
func (m *Model) Quota() int { return m.quota }

// ---------------------------------------------------------------------------
// Regions, accounts and ownership.

// regions is the catalogue: region ID to zones, in order (decisions.md lists
// the regions; the zones are the real ones).
var regionZones = map[string][]string{
	"cn-hangzhou":    {"cn-hangzhou-g", "cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"},
	"cn-beijing":     {"cn-beijing-a", "cn-beijing-c", "cn-beijing-f", "cn-beijing-g", "cn-beijing-h"},
	"cn-shanghai":    {"cn-shanghai-a", "cn-shanghai-b", "cn-shanghai-e", "cn-shanghai-f", "cn-shanghai-g"},
	"cn-shenzhen":    {"cn-shenzhen-a", "cn-shenzhen-c", "cn-shenzhen-d", "cn-shenzhen-e", "cn-shenzhen-f"},
	"cn-hongkong":    {"cn-hongkong-b", "cn-hongkong-c", "cn-hongkong-d"},
	"ap-southeast-1": {"ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"},
	"us-west-1":      {"us-west-1a", "us-west-1b"},
	"eu-central-1":   {"eu-central-1a", "eu-central-1b", "eu-central-1c"},
}

// Zones returns the zones of a catalogue region, or nil.
func Zones(region string) []string { return slices.Clone(regionZones[region]) }

// checkRegion is the first check of every call: RegionId present and known.
func checkRegion(region string) *model.Error {
	if region == "" {
		return model.ErrMissingParameter("RegionId")
	}
	if _, ok := regionZones[region]; !ok {
		return model.ErrInvalidRegionId()
	}
	return nil
}

// visible is account and region isolation: a resource of another account or
// another region does not exist for the caller.
func visible(account, region, ownerAccount, ownerRegion string) bool {
	return account == ownerAccount && region == ownerRegion
}

func (m *Model) instanceFor(account, region, id string) *Instance {
	if i := m.instances[id]; i != nil && visible(account, region, i.AccountId, i.RegionId) {
		return i
	}
	return nil
}

func (m *Model) eniFor(account, region, id string) *ENI {
	if n := m.enis[id]; n != nil && visible(account, region, n.AccountId, n.RegionId) {
		return n
	}
	return nil
}

func (m *Model) vswitchFor(account, region, id string) *VSwitch {
	if v := m.vswitches[id]; v != nil && visible(account, region, v.AccountId, v.RegionId) {
		return v
	}
	return nil
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
// locked (decisions.md: locked is ActionNotAllowed; inactive is accepted).
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

// ---------------------------------------------------------------------------
// Fixtures: the test tells the model what it stored through the fake's
// fixtures, with the IDs and addresses the fake chose. Fixtures bypass the
// API's rules, so these only record (and derive what the fixture derives).

// PutVpc records a VPC.
func (m *Model) PutVpc(account, region, id string) {
	m.accounts[account] = true
	m.vpcs[id] = &Vpc{VpcId: id, AccountId: account, RegionId: region}
}

// PutVSwitch records a vSwitch; an empty zone is the region's first.
func (m *Model) PutVSwitch(account, region, id, vpcId, zone string) {
	m.accounts[account] = true
	if zone == "" {
		zone = regionZones[region][0]
	}
	m.vswitches[id] = &VSwitch{VSwitchId: id, VpcId: vpcId, AccountId: account, RegionId: region, ZoneId: zone}
}

// PutInstance records an instance. With a vSwitch it is a VPC instance of
// that vSwitch's VPC and zone (decisions.md); without, a classic one in zone
// (default: the region's first). An empty status is Running.
func (m *Model) PutInstance(account, region, id, vswitchId, zone string, status model.InstanceStatus, privateIp string) {
	m.accounts[account] = true
	if status == "" {
		status = model.StatusRunning
	}
	inst := &Instance{InstanceId: id, AccountId: account, RegionId: region, Status: status,
		NetworkType: model.NetworkClassic, PrivateIp: privateIp, ZoneId: zone}
	if vswitchId != "" {
		vsw := m.vswitches[vswitchId]
		inst.NetworkType, inst.VpcId, inst.VSwitchId, inst.ZoneId = model.NetworkVPC, vsw.VpcId, vsw.VSwitchId, vsw.ZoneId
	} else if inst.ZoneId == "" {
		inst.ZoneId = regionZones[region][0]
	}
	m.instances[id] = inst
}

// PutNetworkInterface records an ENI of a vSwitch with its IPs (primary
// first), attached to instanceId when that is set.
func (m *Model) PutNetworkInterface(account, region, id, vswitchId string, ips []string, instanceId string) {
	m.accounts[account] = true
	vsw := m.vswitches[vswitchId]
	m.enis[id] = &ENI{NetworkInterfaceId: id, AccountId: account, RegionId: region, ZoneId: vsw.ZoneId,
		VpcId: vsw.VpcId, VSwitchId: vswitchId, Ips: slices.Clone(ips), InstanceId: instanceId}
}

// LoadBalancerFixture is what the test passed to the fake's PutLoadBalancer
// fixture, with the ID and Address the fake chose.
type LoadBalancerFixture struct {
	AccountId, RegionId, LoadBalancerId, Address string
	AddressType                                  model.AddressType
	VSwitchId, LoadBalancerSpec                  string
	Status                                       model.LoadBalancerStatus
}

// PutLoadBalancer records an LB stored by the fixture: with a vSwitch an
// intranet VPC LB; otherwise AddressType (default internet) decides, and
// both address types are then on the classic network.
func (m *Model) PutLoadBalancer(fx LoadBalancerFixture) {
	m.accounts[fx.AccountId] = true
	lb := &LoadBalancer{
		LoadBalancerId: fx.LoadBalancerId, AccountId: fx.AccountId, RegionId: fx.RegionId,
		LoadBalancerName: "auto_named_slb", AddressType: fx.AddressType, NetworkType: model.NetworkClassic,
		Address: fx.Address, LoadBalancerSpec: fx.LoadBalancerSpec, MasterZoneId: regionZones[fx.RegionId][0],
		PayType: "PayOnDemand", InternetChargeType: "paybytraffic", Status: fx.Status,
	}
	if lb.Status == "" {
		lb.Status = model.LBActive
	}
	switch {
	case fx.VSwitchId != "":
		vsw := m.vswitches[fx.VSwitchId]
		lb.AddressType, lb.NetworkType, lb.VpcId, lb.VSwitchId, lb.MasterZoneId =
			model.AddressIntranet, model.NetworkVPC, vsw.VpcId, vsw.VSwitchId, vsw.ZoneId
	case lb.AddressType != model.AddressIntranet:
		lb.AddressType = model.AddressInternet
	}
	m.addLB(lb)
}

func (m *Model) addLB(lb *LoadBalancer) {
	lb.Backends = []Backend{}
	m.lbs[lb.LoadBalancerId] = lb
	m.lbOrder = append(m.lbOrder, lb.LoadBalancerId)
}

// ForceInstanceStatus moves an instance to any status; nothing is detached.
func (m *Model) ForceInstanceStatus(id string, status model.InstanceStatus) {
	m.instances[id].Status = status
}

// ForceLoadBalancerStatus moves an LB to any status, locked included.
func (m *Model) ForceLoadBalancerStatus(id string, status model.LoadBalancerStatus) {
	m.lbs[id].Status = status
}

// ---------------------------------------------------------------------------
// Backend operations (decisions.md "AddBackendServers"; slb-api.md sections
// 1, 2 and 7).

// elementKey is the identity of a BackendServers element inside one request
// (decisions.md): the ServerId for ecs, (ServerId, ServerIp) for eni and eci;
// and the Type, so that an ecs and an eni element naming the same ID are two
// elements (the project's reading, commit "type-aware dedup").
type elementKey struct {
	typ    model.ServerType
	id, ip string
}

func keyOf(sp model.BackendServerSpec) elementKey {
	if sp.Type == model.ServerECS {
		return elementKey{typ: sp.Type, id: sp.ServerId}
	}
	return elementKey{typ: sp.Type, id: sp.ServerId, ip: sp.ServerIp}
}

// backendKey is a backend's identity on its LB: the ServerId for ecs, and the
// ServerId with the IP it is attached by for eni.
func backendKey(b Backend) elementKey {
	if b.Type == model.ServerECS {
		return elementKey{typ: b.Type, id: b.ServerId}
	}
	return elementKey{typ: b.Type, id: b.ServerId, ip: b.ServerIp}
}

// dedup keeps the first element of each identity; later ones are dropped
// silently (decisions.md, from the seed).
func dedup(specs []model.BackendServerSpec) []model.BackendServerSpec {
	var out []model.BackendServerSpec
	seen := map[elementKey]bool{}
	for _, sp := range specs {
		k := keyOf(sp)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, sp)
	}
	return out
}

// parseFrame is steps 2 to 5 of slb-api.md section 7 for Add, Remove and
// Set: region, LB (exists, not locked), parse (syntax, count, fields), and
// de-duplication. No elements at all is not an error.
func (m *Model) parseFrame(account string, req *model.AddBackendServersRequest) (*LoadBalancer, []model.BackendServerSpec, *model.Error) {
	lb, e := m.mutableLB(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return nil, nil, e
	}
	specs, e := model.ParseBackendServers(req.BackendServers)
	if e != nil {
		return nil, nil, e
	}
	return lb, dedup(specs), nil
}

// AddBackendServers is the model's AddBackendServers.
func (m *Model) AddBackendServers(account string, req *model.AddBackendServersRequest) (*model.AddBackendServersResponse, *model.Error) {
	lb, specs, e := m.parseFrame(account, req)
	if e != nil {
		return nil, e
	}
	// The network domain every backend of the LB shares: "classic" or a VPC
	// ID; "" while the LB is empty.
	domain := ""
	if len(lb.Backends) > 0 {
		domain = domainOf(lb.Backends[0])
	}
	attached := map[elementKey]bool{}
	for _, b := range lb.Backends {
		attached[backendKey(b)] = true
	}
	var adding []Backend
	inRequest := map[elementKey]bool{}
	for _, sp := range specs {
		b, e := m.resolve(account, lb, sp)
		if e != nil {
			return nil, e
		}
		k := backendKey(b)
		if inRequest[k] {
			// The same attachment named twice once defaults are applied (an
			// ENI with and without its primary IP): a duplicate, dropped.
			continue
		}
		if d := domainOf(b); domain != "" && d != domain {
			return nil, model.ErrBackendServersInconsistent()
		} else if domain == "" {
			domain = d
		}
		if attached[k] {
			return nil, model.ErrBackendServersInvalid()
		}
		inRequest[k] = true
		adding = append(adding, b)
	}
	if len(lb.Backends)+len(adding) > m.quota {
		return nil, model.ErrBackendServerQuota()
	}
	lb.Backends = append(lb.Backends, adding...)
	return backendsResponse(lb), nil
}

func domainOf(b Backend) string {
	if b.VpcId == "" {
		return "classic"
	}
	return b.VpcId
}

// resolve applies the per-server checks of one element and returns the
// backend it would attach.
//
// ecs: the instance exists for the caller and is Running (ObtainIpFail),
// then the matrix of slb-api.md section 2 (InvalidParameter, network
// message).
//
// eni (decisions.md, INF; the order of these checks is the fake's
// documented choice): the ENI exists for the caller (ObtainIpFail); the LB is
// a VPC LB with a LoadBalancerSpec (InvalidParameter); the ENI is in the LB's
// VPC (InvalidParameter with the network message, as the matrix); it is
// attached to a Running instance (InvalidParameter); ServerIp, default the
// primary IP, is one of its IPs (InvalidParameter).
//
// eci: no ECI is modelled, so none exists (ObtainIpFail).
func (m *Model) resolve(account string, lb *LoadBalancer, sp model.BackendServerSpec) (Backend, *model.Error) {
	b := Backend{ServerId: sp.ServerId, Type: sp.Type, Weight: sp.Weight, Description: sp.Description}
	switch sp.Type {
	case model.ServerECS:
		inst := m.instanceFor(account, lb.RegionId, sp.ServerId)
		if inst == nil || inst.Status != model.StatusRunning {
			return b, model.ErrObtainIpFail()
		}
		if !matrixAllows(lb, inst) {
			return b, model.ErrNetworkTypeUnsupported()
		}
		b.ServerIp, b.VpcId = inst.PrivateIp, inst.VpcId
		return b, nil
	case model.ServerENI:
		eni := m.eniFor(account, lb.RegionId, sp.ServerId)
		if eni == nil {
			return b, model.ErrObtainIpFail()
		}
		if lb.NetworkType != model.NetworkVPC || lb.LoadBalancerSpec == "" {
			return b, model.ErrBackendServersInvalid()
		}
		if eni.VpcId != lb.VpcId {
			return b, model.ErrNetworkTypeUnsupported()
		}
		if eni.InstanceId == "" {
			return b, model.ErrBackendServersInvalid()
		}
		if inst := m.instanceFor(account, lb.RegionId, eni.InstanceId); inst == nil || inst.Status != model.StatusRunning {
			return b, model.ErrBackendServersInvalid()
		}
		ip := sp.ServerIp
		if ip == "" {
			ip = eni.Ips[0]
		}
		if !slices.Contains(eni.Ips, ip) {
			return b, model.ErrBackendServersInvalid()
		}
		b.ServerIp, b.VpcId = ip, eni.VpcId
		return b, nil
	default:
		return b, model.ErrObtainIpFail()
	}
}

// matrixAllows is slb-api.md section 2: an internet LB takes classic and VPC
// instances; an intranet classic LB only classic ones; an intranet VPC LB
// only instances of its own VPC.
func matrixAllows(lb *LoadBalancer, inst *Instance) bool {
	switch {
	case lb.AddressType == model.AddressInternet:
		return true
	case lb.NetworkType == model.NetworkVPC:
		return inst.NetworkType == model.NetworkVPC && inst.VpcId == lb.VpcId
	default:
		return inst.NetworkType == model.NetworkClassic
	}
}

// named returns the indexes of the LB's backends an element names: the
// attachment with the element's identity and Type; for an eni element without
// ServerIp, every attachment of that ENI (the fake's documented choice).
func named(lb *LoadBalancer, sp model.BackendServerSpec) []int {
	var out []int
	for i, b := range lb.Backends {
		if b.ServerId != sp.ServerId || b.Type != sp.Type {
			continue
		}
		if sp.Type == model.ServerECS || sp.ServerIp == "" || sp.ServerIp == b.ServerIp {
			out = append(out, i)
		}
	}
	return out
}

// RemoveBackendServers is the model's RemoveBackendServers: the frame of
// AddBackendServers, then every named attachment is detached; a server that
// is not attached, or does not exist, is ignored (slb-api.md 4.1, INF).
func (m *Model) RemoveBackendServers(account string, req *model.RemoveBackendServersRequest) (*model.RemoveBackendServersResponse, *model.Error) {
	lb, specs, e := m.parseFrame(account, req)
	if e != nil {
		return nil, e
	}
	gone := map[int]bool{}
	for _, sp := range specs {
		for _, i := range named(lb, sp) {
			gone[i] = true
		}
	}
	kept := []Backend{}
	for i, b := range lb.Backends {
		if !gone[i] {
			kept = append(kept, b)
		}
	}
	lb.Backends = kept
	return backendsResponse(lb), nil
}

// SetBackendServers is the model's SetBackendServers: it changes the weight
// (when the element has one) and the description (when non-empty) of
// attached servers, element by element; an element that names no
// attachment fails the whole call with InvalidParameter (slb-api.md 4.1,
// INF) and nothing changes.
func (m *Model) SetBackendServers(account string, req *model.SetBackendServersRequest) (*model.SetBackendServersResponse, *model.Error) {
	lb, specs, e := m.parseFrame(account, req)
	if e != nil {
		return nil, e
	}
	next := slices.Clone(lb.Backends)
	for _, sp := range specs {
		idx := named(lb, sp)
		if len(idx) == 0 {
			return nil, model.ErrBackendServersInvalid()
		}
		for _, i := range idx {
			if sp.WeightSet {
				next[i].Weight = sp.Weight
			}
			if sp.Description != "" {
				next[i].Description = sp.Description
			}
		}
	}
	lb.Backends = next
	return backendsResponse(lb), nil
}

// backendsResponse is the answer of Add, Remove and Set: the LB's whole
// list in attachment order; ServerIp only for non-ecs backends, no VpcId.
func backendsResponse(lb *LoadBalancer) *model.BackendServersResponse {
	return &model.BackendServersResponse{LoadBalancerId: lb.LoadBalancerId, BackendServers: backendViews(lb, false)}
}

func backendViews(lb *LoadBalancer, full bool) model.BackendServers {
	out := model.BackendServers{BackendServer: []model.BackendServerView{}}
	for _, b := range lb.Backends {
		v := model.BackendServerView{ServerId: b.ServerId, Weight: b.Weight, Type: string(b.Type), Description: b.Description}
		if full || b.Type != model.ServerECS {
			v.ServerIp = b.ServerIp
		}
		if full {
			v.VpcId = b.VpcId
		}
		out.BackendServer = append(out.BackendServer, v)
	}
	return out
}

// ---------------------------------------------------------------------------
// Load balancers.

// loadBalancerSpecs are the performance-guaranteed specs (real spec names).
var loadBalancerSpecs = []string{
	"slb.s1.small", "slb.s2.small", "slb.s2.medium", "slb.s3.small",
	"slb.s3.medium", "slb.s3.large", "slb.s3.xlarge", "slb.s3.xxlarge",
}

// Assigned is what the fake chose for a created resource: its ID, its
// address (an LB's Address, an instance's private IP), and the zone it drew
// when the request named none and nothing else decides it.
type Assigned struct {
	Id      string
	Address string
	Zone    string
}

// CreateLoadBalancer is the model's CreateLoadBalancer. got is what the fake
// assigned, used only when the call succeeds.
//
// The checks, in order (the fake's documented contract; the spec only fixes
// the network rules): RegionId; AddressType internet (default) or intranet;
// LoadBalancerSpec empty or a known spec; LoadBalancerName at most 80
// characters; InternetChargeType empty, paybytraffic or paybybandwidth;
// MasterZoneId and SlaveZoneId in the region; then the network: a VSwitchId
// on an internet LB is invalid, the vSwitch must exist for the caller, a
// VpcId must be the vSwitch's; a VpcId without a VSwitchId is
// MissingParameter VSwitchId. An intranet LB with a vSwitch is a VPC LB in
// the vSwitch's VPC (and, without MasterZoneId, its zone); every other LB is
// on the classic network (slb-api.md section 2). New LBs are active.
func (m *Model) CreateLoadBalancer(account string, req *model.CreateLoadBalancerRequest, got Assigned) (*model.CreateLoadBalancerResponse, *model.Error) {
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
	}
	if lb.AddressType != model.AddressInternet && lb.AddressType != model.AddressIntranet {
		return nil, model.ErrInvalidParameterValue("AddressType")
	}
	if lb.LoadBalancerSpec != "" && !slices.Contains(loadBalancerSpecs, lb.LoadBalancerSpec) {
		return nil, model.ErrInvalidParameterValue("LoadBalancerSpec")
	}
	if utf8.RuneCountInString(lb.LoadBalancerName) > 80 {
		return nil, model.ErrInvalidParameterValue("LoadBalancerName")
	}
	switch lb.InternetChargeType {
	case "":
		lb.InternetChargeType = "paybytraffic"
	case "paybytraffic", "paybybandwidth":
	default:
		return nil, model.ErrInvalidParameterValue("InternetChargeType")
	}
	if lb.PayType == "" {
		lb.PayType = "PayOnDemand"
	}
	for _, z := range []string{lb.MasterZoneId, lb.SlaveZoneId} {
		if z != "" && !slices.Contains(regionZones[req.RegionId], z) {
			return nil, model.ErrZoneNotFound()
		}
	}
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
	if lb.LoadBalancerName == "" {
		lb.LoadBalancerName = "auto_named_slb"
	}
	lb.LoadBalancerId, lb.Address = got.Id, got.Address
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
// the caller and not be locked; its backend list goes with it.
func (m *Model) DeleteLoadBalancer(account string, req *model.DeleteLoadBalancerRequest) (*model.DeleteLoadBalancerResponse, *model.Error) {
	lb, e := m.mutableLB(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return nil, e
	}
	delete(m.lbs, lb.LoadBalancerId)
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
// the LB has that server among its backends, by any IP), then paged (page 1
// and 10 by default; PageNumber at least 1; PageSize 1..100).
func (m *Model) DescribeLoadBalancers(account string, req *model.DescribeLoadBalancersRequest) (*model.DescribeLoadBalancersResponse, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	var ids []string
	if req.LoadBalancerId != "" {
		ids = strings.Split(req.LoadBalancerId, ",")
	}
	filter := func(want, have string) bool { return want == "" || want == have }
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
		if req.ServerId != "" && !slices.ContainsFunc(lb.Backends, func(b Backend) bool { return b.ServerId == req.ServerId }) {
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
	return &model.DescribeLoadBalancerAttributeResponse{LoadBalancerView: m.view(lb), BackendServers: backendViews(lb, true)}, nil
}

func (m *Model) view(lb *LoadBalancer) model.LoadBalancerView {
	return model.LoadBalancerView{
		LoadBalancerId: lb.LoadBalancerId, LoadBalancerName: lb.LoadBalancerName,
		LoadBalancerStatus: string(lb.Status), Address: lb.Address, AddressType: string(lb.AddressType),
		AddressIPVersion: "ipv4", NetworkType: string(lb.NetworkType), VpcId: lb.VpcId, VSwitchId: lb.VSwitchId,
		RegionId: lb.RegionId, RegionIdAlias: lb.RegionId, MasterZoneId: lb.MasterZoneId, SlaveZoneId: lb.SlaveZoneId,
		LoadBalancerSpec: lb.LoadBalancerSpec, PayType: lb.PayType, InternetChargeType: lb.InternetChargeType,
		Bandwidth: lb.Bandwidth, CreateTime: m.now.Format("2006-01-02T15:04Z"), CreateTimeStamp: m.now.UnixMilli(),
	}
}

// ---------------------------------------------------------------------------
// ECS instances (slb-api.md 4.2; decisions.md "ECS, VPC and regions").

// InstanceRequest is what RunInstances and CreateInstance have in common.
type InstanceRequest struct {
	RegionId, ZoneId, ImageId, InstanceType, VSwitchId, InstanceName string
	Amount                                                           int
}

// RunInstances is the model's RunInstances: Amount (default 1) instances
// that end Running. got lists what the fake assigned to each, in order.
func (m *Model) RunInstances(account string, req *model.RunInstancesRequest, got []Assigned) (*model.RunInstancesResponse, *model.Error) {
	ids, e := m.createInstances(account, InstanceRequest{RegionId: req.RegionId, ZoneId: req.ZoneId, ImageId: req.ImageId,
		InstanceType: req.InstanceType, VSwitchId: req.VSwitchId, InstanceName: req.InstanceName, Amount: req.Amount},
		model.StatusRunning, got)
	if e != nil {
		return nil, e
	}
	return &model.RunInstancesResponse{InstanceIdSets: model.InstanceIdSets{InstanceIdSet: ids}}, nil
}

// CreateInstance is the model's CreateInstance: one instance that ends
// Stopped.
func (m *Model) CreateInstance(account string, req *model.CreateInstanceRequest, got Assigned) (*model.CreateInstanceResponse, *model.Error) {
	ids, e := m.createInstances(account, InstanceRequest{RegionId: req.RegionId, ZoneId: req.ZoneId, ImageId: req.ImageId,
		InstanceType: req.InstanceType, VSwitchId: req.VSwitchId, InstanceName: req.InstanceName, Amount: 1},
		model.StatusStopped, []Assigned{got})
	if e != nil {
		return nil, e
	}
	return &model.CreateInstanceResponse{InstanceId: ids[0]}, nil
}

// createInstances checks, in the fake's documented order: RegionId; ImageId
// and InstanceType given; Amount 1..100 (0 is 1); InstanceName 2..128
// characters starting with a letter and not with http:// or https://; ZoneId
// in the region; the vSwitch exists for the caller and is in ZoneId. With a
// vSwitch the instances are VPC instances of its VPC and zone, otherwise
// classic ones in ZoneId (or the zone the fake drew). PrivateIpAddress is
// not modelled (address allocation is the fake's business).
func (m *Model) createInstances(account string, req InstanceRequest, status model.InstanceStatus, got []Assigned) ([]string, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	if req.ImageId == "" {
		return nil, model.ErrMissingParameter("ImageId")
	}
	if req.InstanceType == "" {
		return nil, model.ErrMissingParameter("InstanceType")
	}
	amount := req.Amount
	if amount == 0 {
		amount = 1
	}
	if amount < 1 || amount > 100 {
		return nil, model.ErrInvalidAmount()
	}
	if name := req.InstanceName; name != "" {
		n := utf8.RuneCountInString(name)
		r, _ := utf8.DecodeRuneInString(name)
		if n < 2 || n > 128 || !unicode.IsLetter(r) || strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
			return nil, model.ErrInvalidInstanceName()
		}
	}
	if req.ZoneId != "" && !slices.Contains(regionZones[req.RegionId], req.ZoneId) {
		return nil, model.ErrZoneNotFound()
	}
	var vsw *VSwitch
	if req.VSwitchId != "" {
		if vsw = m.vswitchFor(account, req.RegionId, req.VSwitchId); vsw == nil {
			return nil, model.ErrVSwitchNotFound()
		}
		if req.ZoneId != "" && req.ZoneId != vsw.ZoneId {
			return nil, model.ErrInvalidZoneIdMismatch()
		}
	}
	if len(got) != amount {
		// The fake did not create what the model expects: answer as the
		// model would, the test's comparison of IDs reports the difference.
		got = append(got, make([]Assigned, max(0, amount-len(got)))...)[:amount]
	}
	m.accounts[account] = true
	ids := []string{}
	for _, a := range got {
		inst := &Instance{InstanceId: a.Id, AccountId: account, RegionId: req.RegionId, Status: status,
			NetworkType: model.NetworkClassic, ZoneId: req.ZoneId, PrivateIp: a.Address}
		if vsw != nil {
			inst.NetworkType, inst.VpcId, inst.VSwitchId, inst.ZoneId = model.NetworkVPC, vsw.VpcId, vsw.VSwitchId, vsw.ZoneId
		} else if inst.ZoneId == "" {
			inst.ZoneId = a.Zone // drawn by the fake among the region's zones
		}
		m.instances[a.Id] = inst
		ids = append(ids, a.Id)
	}
	return ids, nil
}

// lifecycleInstance resolves the instance of Start, Stop and
// DeleteInstance. RegionId is optional there (the fake's documented choice:
// the real API does not list it); when given it must be known and the
// instance in it.
func (m *Model) lifecycleInstance(account, region, id string) (*Instance, *model.Error) {
	if region != "" {
		if e := checkRegion(region); e != nil {
			return nil, e
		}
	}
	if id == "" {
		return nil, model.ErrMissingParameter("InstanceId")
	}
	inst := m.instances[id]
	if inst == nil || inst.AccountId != account || (region != "" && inst.RegionId != region) {
		return nil, model.ErrInstanceNotFound()
	}
	return inst, nil
}

// StartInstance: Stopped to Running; any other status is
// IncorrectInstanceStatus (slb-api.md 4.2).
func (m *Model) StartInstance(account string, req *model.StartInstanceRequest) (*model.StartInstanceResponse, *model.Error) {
	inst, e := m.lifecycleInstance(account, req.RegionId, req.InstanceId)
	if e != nil {
		return nil, e
	}
	if inst.Status != model.StatusStopped {
		return nil, model.ErrIncorrectInstanceStatus()
	}
	inst.Status = model.StatusRunning
	return &model.StartInstanceResponse{}, nil
}

// StopInstance: Running to Stopped; the instance stays on its LBs (where
// it can no longer be added, being not Running).
func (m *Model) StopInstance(account string, req *model.StopInstanceRequest) (*model.StopInstanceResponse, *model.Error) {
	inst, e := m.lifecycleInstance(account, req.RegionId, req.InstanceId)
	if e != nil {
		return nil, e
	}
	if inst.Status != model.StatusRunning {
		return nil, model.ErrIncorrectInstanceStatus()
	}
	inst.Status = model.StatusStopped
	return &model.StopInstanceResponse{}, nil
}

// DeleteInstance: the instance must be Stopped unless Force (decisions.md).
// It disappears from every LB's backend list, and the ENIs attached to it
// are detached (they stay, Available; backends naming those ENIs stay on
// their LBs: the fake's documented choice).
func (m *Model) DeleteInstance(account string, req *model.DeleteInstanceRequest) (*model.DeleteInstanceResponse, *model.Error) {
	inst, e := m.lifecycleInstance(account, req.RegionId, req.InstanceId)
	if e != nil {
		return nil, e
	}
	if inst.Status != model.StatusStopped && !req.Force {
		return nil, model.ErrIncorrectInstanceStatus()
	}
	delete(m.instances, inst.InstanceId)
	for _, lb := range m.lbs {
		lb.Backends = slices.DeleteFunc(lb.Backends, func(b Backend) bool { return b.ServerId == inst.InstanceId })
	}
	for _, n := range m.enis {
		if n.InstanceId == inst.InstanceId {
			n.InstanceId = ""
		}
	}
	return &model.DeleteInstanceResponse{}, nil
}

// ---------------------------------------------------------------------------
// Snapshot: the whole model world in a canonical order, to compare with the
// fake's state.

// Snapshot is the model world: every slice sorted by ID (accounts by
// themselves), each LB's backends in attachment order.
type Snapshot struct {
	Accounts          []string
	Vpcs              []Vpc
	VSwitches         []VSwitch
	Instances         []Instance
	NetworkInterfaces []ENI
	LoadBalancers     []LoadBalancer
}

// Snapshot returns a deep copy of the world.
func (m *Model) Snapshot() Snapshot {
	var s Snapshot
	for a := range m.accounts {
		s.Accounts = append(s.Accounts, a)
	}
	sort.Strings(s.Accounts)
	for _, v := range m.vpcs {
		s.Vpcs = append(s.Vpcs, *v)
	}
	for _, v := range m.vswitches {
		s.VSwitches = append(s.VSwitches, *v)
	}
	for _, i := range m.instances {
		s.Instances = append(s.Instances, *i)
	}
	for _, n := range m.enis {
		c := *n
		c.Ips = slices.Clone(n.Ips)
		s.NetworkInterfaces = append(s.NetworkInterfaces, c)
	}
	for _, lb := range m.lbs {
		c := *lb
		c.Backends = slices.Clone(lb.Backends)
		s.LoadBalancers = append(s.LoadBalancers, c)
	}
	s.Sort()
	return s
}

// Sort puts a snapshot in canonical order (the test builds one from the
// fake's state and sorts it the same way).
func (s *Snapshot) Sort() {
	sort.Strings(s.Accounts)
	sort.Slice(s.Vpcs, func(i, j int) bool { return s.Vpcs[i].VpcId < s.Vpcs[j].VpcId })
	sort.Slice(s.VSwitches, func(i, j int) bool { return s.VSwitches[i].VSwitchId < s.VSwitches[j].VSwitchId })
	sort.Slice(s.Instances, func(i, j int) bool { return s.Instances[i].InstanceId < s.Instances[j].InstanceId })
	sort.Slice(s.NetworkInterfaces, func(i, j int) bool {
		return s.NetworkInterfaces[i].NetworkInterfaceId < s.NetworkInterfaces[j].NetworkInterfaceId
	})
	sort.Slice(s.LoadBalancers, func(i, j int) bool {
		return s.LoadBalancers[i].LoadBalancerId < s.LoadBalancers[j].LoadBalancerId
	})
}

// ---------------------------------------------------------------------------
// Queries the test uses to draw IDs that matter.

// LoadBalancerOf returns a copy of an LB, or false.
func (m *Model) LoadBalancerOf(id string) (LoadBalancer, bool) {
	lb := m.lbs[id]
	if lb == nil {
		return LoadBalancer{}, false
	}
	c := *lb
	c.Backends = slices.Clone(lb.Backends)
	return c, true
}

// InstanceOf returns a copy of an instance, or false.
func (m *Model) InstanceOf(id string) (Instance, bool) {
	i := m.instances[id]
	if i == nil {
		return Instance{}, false
	}
	return *i, true
}

// ENIOf returns a copy of an ENI, or false.
func (m *Model) ENIOf(id string) (ENI, bool) {
	n := m.enis[id]
	if n == nil {
		return ENI{}, false
	}
	c := *n
	c.Ips = slices.Clone(n.Ips)
	return c, true
}

// VSwitchOf returns a copy of a vSwitch, or false.
func (m *Model) VSwitchOf(id string) (VSwitch, bool) {
	v := m.vswitches[id]
	if v == nil {
		return VSwitch{}, false
	}
	return *v, true
}
