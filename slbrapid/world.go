package slbrapid

import (
	"context"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"pgregory.net/rapid"
)

// LBKind is the network kind of a load balancer: one of the three
// placements model.PlaceLoadBalancer gives an LB.
type LBKind string

// The three kinds of Classic Load Balancer.
const (
	// InternetLB faces the internet (classic network); it takes classic and
	// VPC instances.
	InternetLB LBKind = "internet"
	// IntranetClassicLB is an intranet LB of the classic network; it takes
	// classic instances only.
	IntranetClassicLB LBKind = "intranet-classic"
	// IntranetVPCLB is an intranet LB in a vSwitch; it takes the instances of
	// its VPC, and ENIs too when it has a LoadBalancerSpec.
	IntranetVPCLB LBKind = "intranet-vpc"
)

// WorldSpec is a plain, printable description of a world. Every ID is chosen
// by the spec (see WorldWith), so that building the same spec twice gives the
// same world, and GoString replays it exactly.
type WorldSpec struct {
	// BackendQuota is the per-LB backend quota the world is meant for
	// (fake.WithBackendQuota); 0 means the fake's default. NewFake applies
	// it; Build checks the fake's quota can hold every LB's backends.
	BackendQuota  int
	Vpcs          []VpcSpec
	Instances     []InstanceSpec
	ENIs          []ENISpec
	LoadBalancers []LoadBalancerSpec
}

// VpcSpec is a VPC and its vSwitches.
type VpcSpec struct {
	Id        string
	Region    string
	Cidr      string
	VSwitches []VSwitchSpec
}

// VSwitchSpec is a vSwitch of a VPC.
type VSwitchSpec struct {
	Id   string
	Zone string
	Cidr string
}

// InstanceSpec is an ECS instance: classic when VSwitchId is empty.
type InstanceSpec struct {
	Id        string
	Region    string
	VSwitchId string
	Status    model.InstanceStatus
}

// ENISpec is an elastic network interface, attached to InstanceId when set.
type ENISpec struct {
	Id         string
	Region     string
	VSwitchId  string
	InstanceId string
}

// LoadBalancerSpec is a load balancer. VSwitchId is set for IntranetVPCLB
// only. Backends are attached (with one AddBackendServers call) while the
// LB is active and every instance Running; Status and the instances'
// statuses are forced afterwards, so a locked LB or a Stopped instance can
// hold backends.
type LoadBalancerSpec struct {
	Id        string
	Region    string
	Kind      LBKind
	VSwitchId string
	// Spec is the LoadBalancerSpec (performance-guaranteed), or empty.
	Spec     string
	Status   model.LoadBalancerStatus
	Backends []BackendSpec
	// VServerGroups are the LB's vServer groups, created in order; their
	// members share the network domain and the quota of Backends.
	VServerGroups []VServerGroupSpec
	// Listeners are the LB's listeners, created in order.
	Listeners []ListenerSpec
	// Tags are the LB's tags (TagResources, ResourceType instance).
	Tags []model.Tag
	// DeleteProtection turns SetLoadBalancerDeleteProtection on;
	// ConsoleProtection sets ModificationProtectionStatus ConsoleProtection
	// with ConsoleProtectionReason.
	DeleteProtection        bool
	ConsoleProtection       bool
	ConsoleProtectionReason string
}

// BackendSpec is one backend an LB starts with.
type BackendSpec struct {
	ServerId string
	Type     model.ServerType
	Weight   int
}

// WorldConfig bounds the worlds WorldWith draws. Zero fields take the
// DefaultWorldConfig value.
type WorldConfig struct {
	// Regions the world may use; the first is where shrinking goes.
	Regions              []string
	MaxVpcs              int
	MaxVSwitchesPerVpc   int
	MaxInstances         int
	MaxENIs              int
	MaxLoadBalancers     int
	MinQuota, MaxQuota   int
	MaxBackendsPerLB     int
	MinInstances, MinLBs int

	// MaxVServerGroupsPerLB, MaxMembersPerGroup, MaxListenersPerLB and
	// MaxTagsPerResource bound the LBs' siblings (defaults 2, 3, 3, 2).
	MaxVServerGroupsPerLB int
	MaxMembersPerGroup    int
	MaxListenersPerLB     int
	MaxTagsPerResource    int
	// NoVServerGroups, NoListeners, NoTags and NoProtection turn each
	// sibling off: worlds as slbrapid drew them before it drew siblings.
	NoVServerGroups, NoListeners, NoTags, NoProtection bool
	// SingleBackendChange draws worlds whose LBs each get their backends and
	// vServer group members in at most one call, so that they build on a fake
	// with a configuring window (fake.WithConfiguringWindow), which refuses a
	// second backend change of an LB inside the window. Draw sets it when
	// Config.ConfiguringWindow is set.
	SingleBackendChange bool
}

// DefaultWorldConfig is what World draws with: one region (cn-hangzhou), up
// to 2 VPCs of up to 2 vSwitches, 8 instances, 3 ENIs, 5 LBs, a backend
// quota of 3 to 8; on about a quarter of the LBs up to 2 vServer groups of up
// to 3 members, on a third up to 3 listeners, up to 2 tags on a quarter of
// the LBs, groups and listeners, and protection on one LB in eight.
var DefaultWorldConfig = WorldConfig{
	Regions: []string{"cn-hangzhou"}, MaxVpcs: 2, MaxVSwitchesPerVpc: 2, MaxInstances: 8, MaxENIs: 3,
	MaxLoadBalancers: 5, MinQuota: 3, MaxQuota: 8, MaxBackendsPerLB: 20,
	MaxVServerGroupsPerLB: 2, MaxMembersPerGroup: 3, MaxListenersPerLB: 3, MaxTagsPerResource: 2,
}

func (c WorldConfig) withDefaults() WorldConfig {
	d := DefaultWorldConfig
	if len(c.Regions) == 0 {
		c.Regions = d.Regions
	}
	set := func(v *int, def int) {
		if *v == 0 {
			*v = def
		}
	}
	set(&c.MaxVpcs, d.MaxVpcs)
	set(&c.MaxVSwitchesPerVpc, d.MaxVSwitchesPerVpc)
	set(&c.MaxInstances, d.MaxInstances)
	set(&c.MaxENIs, d.MaxENIs)
	set(&c.MaxLoadBalancers, d.MaxLoadBalancers)
	set(&c.MinQuota, d.MinQuota)
	set(&c.MaxQuota, d.MaxQuota)
	set(&c.MaxBackendsPerLB, d.MaxBackendsPerLB)
	set(&c.MaxVServerGroupsPerLB, d.MaxVServerGroupsPerLB)
	set(&c.MaxMembersPerGroup, d.MaxMembersPerGroup)
	set(&c.MaxListenersPerLB, d.MaxListenersPerLB)
	set(&c.MaxTagsPerResource, d.MaxTagsPerResource)
	c.MaxMembersPerGroup = min(c.MaxMembersPerGroup, model.MaxGroupBackendServersPerCall)
	c.MaxTagsPerResource = min(c.MaxTagsPerResource, len(tagKeys))
	c.MaxListenersPerLB = min(c.MaxListenersPerLB, 2*len(listenerPorts))
	c.MaxQuota = max(c.MaxQuota, c.MinQuota)
	c.MaxBackendsPerLB = min(c.MaxBackendsPerLB, model.MaxBackendServersPerCall)
	c.MinInstances = min(max(c.MinInstances, 0), c.MaxInstances)
	c.MinLBs = min(max(c.MinLBs, 0), c.MaxLoadBalancers)
	return c
}

// World draws worlds with DefaultWorldConfig.
func World() *rapid.Generator[WorldSpec] { return WorldWith(WorldConfig{}) }

// ID returns the deterministic ID slbrapid gives the nth resource (from 0) of
// a prefix in a region: the prefix, the region's ID code, then n+1 in base 36
// padded with zeros to the real length (i-bp100000000000000001).
func ID(prefix, region string, n int) string {
	code := "xxx"
	if r, ok := model.LookupRegion(region); ok {
		code = r.IDCode
	}
	length := 20
	switch prefix {
	case model.PrefixLoadBalancer, model.PrefixVpc, model.PrefixVSwitch:
		length = 21
	case model.PrefixENI:
		length = 22
	}
	num := strconv.FormatInt(int64(n+1), 36)
	return prefix + code + strings.Repeat("0", max(length-len(code)-len(num), 0)) + num
}

var vpcCidrs = []string{"192.168.0.0/16", "172.16.0.0/12", "10.0.0.0/8"}

var lbSpecs = []string{"slb.s1.small", "slb.s2.small", "slb.s3.medium"}

// WorldWith draws worlds bounded by cfg. The draws favour what an
// orchestration step usually meets: most instances classic, most LBs active
// internet ones without backends, the other kinds and statuses among them; a
// world without instances or without LBs one time in ten.
// Shrinking goes toward fewer resources (one instance and one LB, unless the
// failure needs none), the first region, Running instances, active internet
// LBs and no backends.
func WorldWith(cfg WorldConfig) *rapid.Generator[WorldSpec] {
	cfg = cfg.withDefaults()
	return rapid.Custom(func(t *rapid.T) WorldSpec {
		return drawWorld(t, cfg)
	})
}

type vswRef struct {
	vpc, region, id, zone string
}

func drawWorld(t *rapid.T, cfg WorldConfig) WorldSpec {
	var w WorldSpec
	w.BackendQuota = rapid.IntRange(cfg.MinQuota, cfg.MaxQuota).Draw(t, "quota")
	region := func(label string) string {
		return cfg.Regions[rapid.IntRange(0, len(cfg.Regions)-1).Draw(t, label)]
	}

	// VPCs and vSwitches.
	var vsws []vswRef
	nVpc := rapid.IntRange(0, cfg.MaxVpcs).Draw(t, "vpcs")
	nVsw := 0
	for i := 0; i < nVpc; i++ {
		r := region("vpcRegion")
		v := VpcSpec{Id: ID(model.PrefixVpc, r, i), Region: r, Cidr: vpcCidrs[rapid.IntRange(0, len(vpcCidrs)-1).Draw(t, "vpcCidr")]}
		reg, _ := model.LookupRegion(r)
		base := netip.MustParsePrefix(v.Cidr).Addr().As4()
		for j := range rapid.IntRange(0, cfg.MaxVSwitchesPerVpc).Draw(t, "vswitches") {
			zone := reg.Zones[rapid.IntRange(0, min(1, len(reg.Zones)-1)).Draw(t, "zone")]
			a := base
			a[2] = byte(j)
			s := VSwitchSpec{Id: ID(model.PrefixVSwitch, r, nVsw), Zone: zone,
				Cidr: netip.PrefixFrom(netip.AddrFrom4(a), 24).String()}
			nVsw++
			v.VSwitches = append(v.VSwitches, s)
			vsws = append(vsws, vswRef{vpc: v.Id, region: r, id: s.Id, zone: zone})
		}
		w.Vpcs = append(w.Vpcs, v)
	}

	// Instances: classic, or in a vSwitch.
	nInst := drawCount(t, "instances", cfg.MinInstances, cfg.MaxInstances)
	vswOf := map[string]vswRef{}
	for _, s := range vsws {
		vswOf[s.id] = s
	}
	for i := 0; i < nInst; i++ {
		in := InstanceSpec{Status: model.StatusRunning}
		// A third of the instances are in a vSwitch (when there is one):
		// most orchestration starts from classic ones.
		if len(vsws) > 0 && rapid.IntRange(0, 2).Draw(t, "vpcInstance") == 2 {
			s := vsws[rapid.IntRange(0, len(vsws)-1).Draw(t, "instanceVSwitch")]
			in.Region, in.VSwitchId = s.region, s.id
		} else {
			in.Region = region("instanceRegion")
		}
		if rapid.Bool().Draw(t, "notRunning") {
			in.Status = rapid.SampledFrom([]model.InstanceStatus{model.StatusStopped, model.StatusPending,
				model.StatusStarting, model.StatusStopping}).Draw(t, "status")
		}
		in.Id = ID(model.PrefixInstance, in.Region, i)
		w.Instances = append(w.Instances, in)
	}

	// ENIs, attached to a VPC instance (in its vSwitch) or free.
	if len(vsws) > 0 {
		var vpcInst []InstanceSpec
		for _, in := range w.Instances {
			if in.VSwitchId != "" {
				vpcInst = append(vpcInst, in)
			}
		}
		for i := range rapid.IntRange(0, cfg.MaxENIs).Draw(t, "enis") {
			var e ENISpec
			if len(vpcInst) > 0 && rapid.Bool().Draw(t, "attached") {
				in := vpcInst[rapid.IntRange(0, len(vpcInst)-1).Draw(t, "eniInstance")]
				e.Region, e.VSwitchId, e.InstanceId = in.Region, in.VSwitchId, in.Id
			} else {
				s := vsws[rapid.IntRange(0, len(vsws)-1).Draw(t, "eniVSwitch")]
				e.Region, e.VSwitchId = s.region, s.id
			}
			e.Id = ID(model.PrefixENI, e.Region, i)
			w.ENIs = append(w.ENIs, e)
		}
	}

	// Load balancers and their backends.
	nLB := drawCount(t, "lbs", cfg.MinLBs, cfg.MaxLoadBalancers)
	for i := 0; i < nLB; i++ {
		lb := LoadBalancerSpec{Kind: InternetLB, Status: model.LBActive}
		// Internet LBs, the common case, weigh three times each intranet
		// kind.
		kinds := []LBKind{InternetLB, InternetLB, InternetLB, IntranetClassicLB}
		if len(vsws) > 0 {
			kinds = append(kinds, InternetLB, InternetLB, InternetLB, IntranetVPCLB)
		}
		lb.Kind = kinds[rapid.IntRange(0, len(kinds)-1).Draw(t, "lbKind")]
		if lb.Kind == IntranetVPCLB {
			s := vsws[rapid.IntRange(0, len(vsws)-1).Draw(t, "lbVSwitch")]
			lb.Region, lb.VSwitchId = s.region, s.id
		} else {
			lb.Region = region("lbRegion")
		}
		if rapid.Bool().Draw(t, "hasSpec") {
			lb.Spec = rapid.SampledFrom(lbSpecs).Draw(t, "spec")
		}
		if rapid.IntRange(0, 3).Draw(t, "notActive") == 3 { // a quarter
			lb.Status = rapid.SampledFrom([]model.LoadBalancerStatus{model.LBInactive, model.LBLocked}).Draw(t, "lbStatus")
		}
		lb.Id = ID(model.PrefixLoadBalancer, lb.Region, i)
		domains, order := backendCandidates(w, lb, vswOf)
		var domain string
		lb.Backends, domain = drawBackends(t, cfg, w, domains, order)
		drawSiblings(t, cfg, w, &lb, domains, order, domain)
		w.LoadBalancers = append(w.LoadBalancers, lb)
	}
	return w
}

// drawCount draws how many instances or LBs a world has, between lo and
// hi: none only one time in ten (rapid favours the low end of a range, and
// a world without them is of little use to most properties), else at least
// one.
func drawCount(t *rapid.T, label string, lo, hi int) int {
	if lo == 0 && hi > 0 && rapid.IntRange(0, 9).Draw(t, label+"None") != 9 {
		lo = 1
	}
	return rapid.IntRange(lo, hi).Draw(t, label)
}

// kindOf is the kind of an LB placed at p.
func kindOf(p model.LoadBalancerPlacement) LBKind {
	switch {
	case p.NetworkType == model.NetworkVPC:
		return IntranetVPCLB
	case p.AddressType == model.AddressIntranet:
		return IntranetClassicLB
	default:
		return InternetLB
	}
}

// fixture returns what Build gives PutLoadBalancer for the LB: a vSwitch for
// an IntranetVPCLB, an address type for the others. It checks that the
// placement rule (model.PlaceLoadBalancer) makes an LB of the spec's kind of
// it; vpcOf maps each vSwitch ID to its VPC.
func (lb LoadBalancerSpec) fixture(vpcOf map[string]string) (model.LoadBalancer, error) {
	m := model.LoadBalancer{LoadBalancerId: lb.Id, RegionId: lb.Region, LoadBalancerSpec: lb.Spec}
	var vsw *model.VSwitch
	switch lb.Kind {
	case IntranetVPCLB:
		m.VSwitchId = lb.VSwitchId
		if m.VSwitchId != "" {
			vsw = &model.VSwitch{VSwitchId: m.VSwitchId, VpcId: vpcOf[m.VSwitchId]}
		}
	case IntranetClassicLB:
		m.AddressType = model.AddressIntranet
	case InternetLB:
		m.AddressType = model.AddressInternet
	default:
		return m, fmt.Errorf("slbrapid: LB %s: unknown kind %q", lb.Id, lb.Kind)
	}
	if got := kindOf(model.PlaceLoadBalancer(m.AddressType, "", vsw)); got != lb.Kind {
		return m, fmt.Errorf("slbrapid: LB %s of kind %q would be placed as %q (VSwitchId %q)", lb.Id, lb.Kind, got, lb.VSwitchId)
	}
	return m, nil
}

// backendCandidates lists the servers an LB may take, by network domain
// ("classic" or a VPC ID; order lists the domains as first met): the LB's
// backends and vServer group members all come from one domain.
func backendCandidates(w WorldSpec, lb LoadBalancerSpec, vswOf map[string]vswRef) (domains map[string][]BackendSpec, order []string) {
	domains = map[string][]BackendSpec{}
	add := func(domain string, b BackendSpec) {
		if _, ok := domains[domain]; !ok {
			order = append(order, domain)
		}
		domains[domain] = append(domains[domain], b)
	}
	lbVpc := ""
	if lb.Kind == IntranetVPCLB {
		lbVpc = vswOf[lb.VSwitchId].vpc
	}
	for _, in := range w.Instances {
		if in.Region != lb.Region {
			continue
		}
		domain := "classic"
		if in.VSwitchId != "" {
			domain = vswOf[in.VSwitchId].vpc
		}
		switch lb.Kind {
		case IntranetClassicLB:
			if domain != "classic" {
				continue
			}
		case IntranetVPCLB:
			if domain != lbVpc {
				continue
			}
		}
		add(domain, BackendSpec{ServerId: in.Id, Type: model.ServerECS})
	}
	if lb.Kind == IntranetVPCLB && lb.Spec != "" {
		for _, e := range w.ENIs {
			if e.InstanceId != "" && vswOf[e.VSwitchId].vpc == lbVpc {
				add(lbVpc, BackendSpec{ServerId: e.Id, Type: model.ServerENI})
			}
		}
	}
	return domains, order
}

// drawBackends draws the backends an LB starts with: servers of one network
// domain the LB accepts, at most the quota. It returns the domain drawn
// ("" when there are no backends).
func drawBackends(t *rapid.T, cfg WorldConfig, w WorldSpec, domains map[string][]BackendSpec, order []string) ([]BackendSpec, string) {
	if len(order) == 0 {
		return nil, ""
	}
	limit := min(cfg.MaxBackendsPerLB, w.BackendQuota)
	if limit <= 0 {
		return nil, ""
	}
	// A quarter of the LBs start with backends (up to the limit, full ones
	// among them); the others are fresh, as most LBs an orchestration step
	// meets.
	if rapid.IntRange(0, 3).Draw(t, "hasBackends") != 3 {
		return nil, ""
	}
	n := rapid.IntRange(1, limit).Draw(t, "backends")
	domain := order[rapid.IntRange(0, len(order)-1).Draw(t, "backendDomain")]
	cands := rapid.Permutation(domains[domain]).Draw(t, "backendOrder")
	out := make([]BackendSpec, 0, min(n, len(cands)))
	for _, b := range cands[:min(n, len(cands))] {
		b.Weight = model.DefaultWeight
		if rapid.Bool().Draw(t, "customWeight") {
			b.Weight = rapid.IntRange(0, model.MaxWeight).Draw(t, "weight")
		}
		out = append(out, b)
	}
	return out, domain
}

// Built is what Build made: the IDs of the world by role.
type Built struct {
	// Region is the region of the first resource (cn-hangzhou by default).
	Region string
	// Quota is the fake's per-LB backend quota.
	Quota int
	// RegionOf maps every resource ID to its region (for the RegionId of
	// requests).
	RegionOf map[string]string

	Vpcs      []string
	VSwitches []string
	// VSwitchesByVpc lists each VPC's vSwitches.
	VSwitchesByVpc map[string][]string

	Instances []string
	// InstanceStatus is each instance's status after Build.
	InstanceStatus   map[string]model.InstanceStatus
	RunningInstances []string
	StoppedInstances []string
	// TransitionalInstances are Pending, Starting or Stopping.
	TransitionalInstances []string
	ClassicInstances      []string
	// VPCInstances lists each VPC's instances.
	VPCInstances map[string][]string

	ENIs         []string
	AttachedENIs []string
	FreeENIs     []string

	LoadBalancers      []string
	InternetLBs        []string
	IntranetClassicLBs []string
	IntranetVPCLBs     []string
	// SpecLBs have a LoadBalancerSpec; ENILBs are the VPC ones among them,
	// that take ENI backends.
	SpecLBs     []string
	ENILBs      []string
	ActiveLBs   []string
	InactiveLBs []string
	LockedLBs   []string
	// Backends lists each LB's backend ServerIds, in attachment order (LBs
	// without backends are absent).
	Backends map[string][]string
	// FullLBs hold as many backends as the quota allows; NearFullLBs one
	// less. The quota counts default-group backends and vServer group
	// members together, and so do these.
	FullLBs     []string
	NearFullLBs []string

	// VServerGroups lists each LB's vServer group IDs in the spec's order
	// (LBs without groups are absent); GroupMembers each group's members,
	// in the order they were added (groups without members are absent).
	VServerGroups map[string][]string
	GroupMembers  map[string][]MemberSpec
	// Listeners lists each LB's listeners by their tag resource IDs
	// (ListenerID), in the spec's order; RunningListeners are those Build
	// started (starting until the fake's ListenerStarting duration passes),
	// StoppedListeners the others.
	Listeners        map[string][]string
	RunningListeners []string
	StoppedListeners []string
	// Tags maps every tagged resource (an LB, group or listener ID) to its
	// tags, in the spec's order.
	Tags map[string][]model.Tag
	// DeleteProtectedLBs have DeleteProtection on; ConsoleProtectedLBs
	// ModificationProtectionStatus ConsoleProtection.
	DeleteProtectedLBs  []string
	ConsoleProtectedLBs []string
}

// Build creates the world in f with the fixtures; then, per LB, its vServer
// groups (CreateVServerGroup, without members), its listeners (Create and
// Start*Listener), its tags and those of its groups and listeners
// (TagResources, one call per resource), its protection
// (SetLoadBalancerDeleteProtection, SetLoadBalancerModificationProtection),
// its backends (one AddBackendServers call) and its groups' members (one
// AddVServerGroupBackendServers call per group), all through f.Client();
// then it forces the statuses. Backend changes come last, as they open the
// LB's configuring window when the fake has one. It clears
// f's fault rules while it runs and puts them back after (their counters
// restart at zero), and drops the calls it made from f's record, so that the
// record and the fault counters start with the caller's calls. Build on a
// fresh fake: IDs of resources already in f may clash.
func (w WorldSpec) Build(f *fake.Fake) (*Built, error) {
	saved := f.Faults()
	f.ClearFaults()
	defer func() { _ = f.SetFaults(saved...) }()
	defer f.ResetCalls()

	b := &Built{Region: "cn-hangzhou", Quota: f.BackendQuota(), VSwitchesByVpc: map[string][]string{},
		VPCInstances: map[string][]string{}, RegionOf: map[string]string{}, InstanceStatus: map[string]model.InstanceStatus{}, Backends: map[string][]string{},
		VServerGroups: map[string][]string{}, GroupMembers: map[string][]MemberSpec{}, Listeners: map[string][]string{}, Tags: map[string][]model.Tag{}}
	first := true
	region := func(id, r string) {
		if r == "" {
			r = "cn-hangzhou"
		}
		b.RegionOf[id] = r
		if first {
			b.Region, first = r, false
		}
	}
	vpcOfVsw := map[string]string{}
	for _, v := range w.Vpcs {
		region(v.Id, v.Region)
		if _, err := f.PutVpc(model.Vpc{VpcId: v.Id, RegionId: v.Region, CidrBlock: v.Cidr}); err != nil {
			return nil, err
		}
		b.Vpcs = append(b.Vpcs, v.Id)
		for _, s := range v.VSwitches {
			if _, err := f.PutVSwitch(model.VSwitch{VSwitchId: s.Id, VpcId: v.Id, RegionId: v.Region, ZoneId: s.Zone, CidrBlock: s.Cidr}); err != nil {
				return nil, err
			}
			b.RegionOf[s.Id] = b.RegionOf[v.Id]
			b.VSwitches = append(b.VSwitches, s.Id)
			b.VSwitchesByVpc[v.Id] = append(b.VSwitchesByVpc[v.Id], s.Id)
			vpcOfVsw[s.Id] = v.Id
		}
	}
	for _, in := range w.Instances {
		region(in.Id, in.Region)
		if _, err := f.PutInstance(model.Instance{InstanceId: in.Id, RegionId: in.Region, VSwitchId: in.VSwitchId}); err != nil {
			return nil, err
		}
		b.Instances = append(b.Instances, in.Id)
		if in.VSwitchId == "" {
			b.ClassicInstances = append(b.ClassicInstances, in.Id)
		} else {
			vpc := vpcOfVsw[in.VSwitchId]
			b.VPCInstances[vpc] = append(b.VPCInstances[vpc], in.Id)
		}
	}
	for _, e := range w.ENIs {
		region(e.Id, e.Region)
		if _, err := f.PutNetworkInterface(model.NetworkInterface{NetworkInterfaceId: e.Id, RegionId: e.Region,
			VSwitchId: e.VSwitchId, InstanceId: e.InstanceId}); err != nil {
			return nil, err
		}
		b.ENIs = append(b.ENIs, e.Id)
		if e.InstanceId != "" {
			b.AttachedENIs = append(b.AttachedENIs, e.Id)
		} else {
			b.FreeENIs = append(b.FreeENIs, e.Id)
		}
	}
	c := f.Client()
	for _, lb := range w.LoadBalancers {
		region(lb.Id, lb.Region)
		m, err := lb.fixture(vpcOfVsw)
		if err != nil {
			return nil, err
		}
		switch lb.Kind {
		case IntranetVPCLB:
			b.IntranetVPCLBs = append(b.IntranetVPCLBs, lb.Id)
			if lb.Spec != "" {
				b.ENILBs = append(b.ENILBs, lb.Id)
			}
		case IntranetClassicLB:
			b.IntranetClassicLBs = append(b.IntranetClassicLBs, lb.Id)
		case InternetLB:
			b.InternetLBs = append(b.InternetLBs, lb.Id)
		}
		if _, err := f.PutLoadBalancer(m); err != nil {
			return nil, err
		}
		b.LoadBalancers = append(b.LoadBalancers, lb.Id)
		if lb.Spec != "" {
			b.SpecLBs = append(b.SpecLBs, lb.Id)
		}
		groups, err := lb.buildSiblings(c, b)
		if err != nil {
			return nil, err
		}
		if len(lb.Backends) > 0 {
			if _, err := c.AddBackendServers(context.Background(), &model.AddBackendServersRequest{
				RegionId: b.RegionOf[lb.Id], LoadBalancerId: lb.Id, BackendServers: lb.backendServers()}); err != nil {
				return nil, fmt.Errorf("slbrapid: backends of %s: %w", lb.Id, err)
			}
			for _, be := range lb.Backends {
				b.Backends[lb.Id] = append(b.Backends[lb.Id], be.ServerId)
			}
		}
		if err := lb.buildMembers(c, b, groups); err != nil {
			return nil, err
		}
		switch n := len(lb.Backends) + lb.memberCount(); {
		case n > 0 && n == b.Quota:
			b.FullLBs = append(b.FullLBs, lb.Id)
		case n > 0 && n == b.Quota-1:
			b.NearFullLBs = append(b.NearFullLBs, lb.Id)
		}
	}
	for _, in := range w.Instances {
		st := in.Status
		if st == "" {
			st = model.StatusRunning
		}
		if st != model.StatusRunning {
			if err := f.ForceInstanceStatus(in.Id, st); err != nil {
				return nil, err
			}
		}
		b.InstanceStatus[in.Id] = st
		switch st {
		case model.StatusRunning:
			b.RunningInstances = append(b.RunningInstances, in.Id)
		case model.StatusStopped:
			b.StoppedInstances = append(b.StoppedInstances, in.Id)
		default:
			b.TransitionalInstances = append(b.TransitionalInstances, in.Id)
		}
	}
	for _, lb := range w.LoadBalancers {
		st := lb.Status
		if st == "" {
			st = model.LBActive
		}
		if st != model.LBActive {
			if err := f.ForceLoadBalancerStatus(lb.Id, st); err != nil {
				return nil, err
			}
		}
		switch st {
		case model.LBActive:
			b.ActiveLBs = append(b.ActiveLBs, lb.Id)
		case model.LBInactive:
			b.InactiveLBs = append(b.InactiveLBs, lb.Id)
		default:
			b.LockedLBs = append(b.LockedLBs, lb.Id)
		}
	}
	return b, nil
}

// backendServers renders the LB's starting backends as a BackendServers
// parameter.
func (lb LoadBalancerSpec) backendServers() string {
	parts := make([]string, len(lb.Backends))
	for i, b := range lb.Backends {
		typ := b.Type
		if typ == "" {
			typ = model.ServerECS
		}
		parts[i] = fmt.Sprintf(`{"ServerId":%q,"Type":%q,"Weight":%d}`, b.ServerId, typ, b.Weight)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// NewFake returns a fake (with WithBackendQuota(w.BackendQuota) when that is
// set, then opts) holding the world. It panics if Build fails: a spec drawn
// by World always builds.
func (w WorldSpec) NewFake(opts ...fake.Option) (*fake.Fake, *Built) {
	if w.BackendQuota > 0 {
		opts = append([]fake.Option{fake.WithBackendQuota(w.BackendQuota)}, opts...)
	}
	f := fake.New(opts...)
	b, err := w.Build(f)
	if err != nil {
		panic(fmt.Sprintf("slbrapid: %v", err))
	}
	return f, b
}
