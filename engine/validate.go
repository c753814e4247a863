package engine

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"unicode"

	"github.com/slbfake/slbfake/model"
)

// maxReportedProblems is how many violations an InvalidStateError spells out;
// it counts the rest.
const maxReportedProblems = 10

// InvalidStateError is Validate's answer for a State that breaks the world's
// invariants: the first few violations, in table order (accounts, VPCs,
// vSwitches, instances, ENIs, load balancers, backends, IP leases), and how
// many more there were.
type InvalidStateError struct {
	Problems []string
	More     int
}

func (e *InvalidStateError) Error() string {
	n := len(e.Problems) + e.More
	var b strings.Builder
	if n == 1 {
		b.WriteString("engine: invalid state: ")
	} else {
		fmt.Fprintf(&b, "engine: invalid state, %d problems: ", n)
	}
	b.WriteString(strings.Join(e.Problems, "; "))
	if e.More > 0 {
		fmt.Fprintf(&b, "; and %d more", e.More)
	}
	return b.String()
}

// Validate checks that st is a world the engine could have built: the rules
// every call and every fixture keep, and that the property tests check
// (fake/statemachine_test.go, internal/refmodel). Load runs it before it
// replaces anything. The rules:
//
//   - IDs are well formed: the resource's prefix (vpc-, vsw-, i-, eni-, lb-)
//     then 1 to 64 of [A-Za-z0-9._-]; unique per table. Account IDs are
//     non-empty printable text of at most 256 bytes, listed once.
//   - Ownership: every resource's AccountId is a listed account and its
//     RegionId a region of the catalogue; a reference (a vSwitch's VPC, an
//     instance's, ENI's or LB's vSwitch, an ENI's instance, a backend's LB
//     and server) names a resource of the same account and region.
//   - References exist, and the fields a reference decides agree with it: a
//     vSwitch's zone is one of its region's and its CIDR block an IPv4 block
//     inside its VPC's; a VPC instance or ENI has its vSwitch's VPC and zone,
//     a classic instance no VPC; an ENI attached to an instance shares its
//     VPC; an LB with a vSwitch is an intranet VPC LB of the vSwitch's VPC,
//     one without is on the classic network.
//   - Statuses and enums are valid: instance Status, NetworkType and
//     Transition; ENI Status (InUse exactly when attached); LB Status,
//     AddressType and NetworkType; VPC and vSwitch Status non-empty.
//   - Addresses: an instance's PrivateIp, every ENI IP and an LB's Address
//     are canonical IPv4 addresses inside their pool's block (the vSwitch's
//     CIDR; 10.0.0.0/8 for the classic network; 47.0.0.0/8 for internet LBs)
//     and not one of the block's reserved addresses (its first and its last
//     three); no address is held twice in one pool; the IPs table leases
//     exactly the held addresses, each to its holder.
//   - Backends: Type ecs, eni or eci (no ECI exists in the fake, so an eci
//     backend is refused too); Weight 0..100; Description valid; the server
//     exists and its ServerIp, KeyIp and VpcId are the server's; the network
//     matrix allows it (model.CheckECSNetwork, model.SupportsENIBackends);
//     one network domain (one VPC, or classic) per LB; at most the store's
//     backend quota per LB; Seq from 1 to the LB's NextBackendSeq, unique per
//     LB.
//   - vServer groups: a well-formed unique ID (rsp-), a listed account and a
//     region, an LB of the same account and region, a valid name or none.
//     Their members: of a listed group and its LB, a Port 1..65535, a
//     unique identity (group, ServerId, Port, KeyIp) and a unique Seq (not
//     0) in the group, and the backend rules above; the LB's backends and
//     members share one network domain and the quota.
//   - ClientTokens: of a listed account, on one of the six idempotent create
//     actions, a valid token (1 to 64 printable ASCII characters), listed
//     once; Request is JSON and Response decodes as the action's response
//     (a later call with the token decodes it). The resources a response
//     names may have been deleted since.
//   - LBs' protection and charge fields are valid (validate_tags.go), and
//     ResourceTags name existing resources of their owner and type, with
//     their creation sequence, valid keys and values, at most 20 per
//     resource, one per key (validate_tags.go).
//
// It does not check what the fixtures leave free (names, descriptions,
// specs, a classic instance's or an LB's zones, overlapping vSwitch blocks,
// creation times and sequence numbers of resources). On success it returns
// nil; otherwise an *InvalidStateError.
//
// It is linear in the size of st: every reference is resolved through a map.
func (s *Store) Validate(st State) error {
	return s.validateRows(rowsOf(&st))
}

// validateRows is Validate on a State's rows.
func (s *Store) validateRows(r *stateRows) error {
	v := newValidator(s.quota, r)
	for _, t := range stateTables {
		t.validate(v, r)
	}
	return v.err()
}

type validator struct {
	quota    int
	problems []string
	more     int

	regions  map[string]model.Region
	accts    map[string]bool
	vpcByID  map[string]*model.Vpc
	vswByID  map[string]*model.VSwitch
	instByID map[string]*model.Instance
	eniByID  map[string]*model.NetworkInterface
	lbByID   map[string]*model.LoadBalancer
	// held maps every address a resource holds, by pool and IP, to its holder.
	held map[poolIP]string
	// lbBackends and lbDomain are each LB's default-group backend count and
	// network domain, which its vServer group members share (validate_groups.go).
	lbBackends map[string]int
	lbDomain   map[string]string
	groupByID  map[string]*model.VServerGroup
	// listenerIDs are the listeners' tag resource IDs.
	listenerIDs map[string]bool
}

type poolIP struct{ pool, ip string }

// newValidator returns a validator whose maps are sized for r.
func newValidator(quota int, r *stateRows) *validator {
	v := &validator{quota: quota, regions: map[string]model.Region{}, accts: make(map[string]bool, len(r.accounts)),
		vpcByID: make(map[string]*model.Vpc, len(r.vpcs)), vswByID: make(map[string]*model.VSwitch, len(r.vswitches)),
		instByID: make(map[string]*model.Instance, len(r.instances)), eniByID: make(map[string]*model.NetworkInterface, len(r.enis)),
		lbByID: make(map[string]*model.LoadBalancer, len(r.lbs)), held: make(map[poolIP]string, len(r.ips))}
	for _, r := range model.Regions() {
		v.regions[r.RegionId] = r
	}
	return v
}

func (v *validator) addf(format string, args ...any) {
	if len(v.problems) < maxReportedProblems {
		v.problems = append(v.problems, fmt.Sprintf(format, args...))
	} else {
		v.more++
	}
}

func (v *validator) err() error {
	if len(v.problems) == 0 {
		return nil
	}
	return &InvalidStateError{Problems: v.problems, More: v.more}
}

// maxIDBody is the longest ID body (after the prefix) a State may hold; real
// ones have 20 to 22 characters.
const maxIDBody = 64

// validID reports whether id is prefix followed by 1 to maxIDBody of
// [A-Za-z0-9._-].
func validID(prefix, id string) bool {
	body, ok := strings.CutPrefix(id, prefix)
	if !ok || body == "" || len(body) > maxIDBody {
		return false
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// maxAccountID is the longest account ID a State may hold.
const maxAccountID = 256

func validAccountID(id string) bool {
	if id == "" || len(id) > maxAccountID {
		return false
	}
	for _, r := range id {
		if r == '\uFFFD' || !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// id checks a resource's ID and that it is the first of its table; it
// reports whether the row should be indexed (the first with that ID).
func (v *validator) id(what, prefix, id string, seen bool) bool {
	if !validID(prefix, id) {
		v.addf("%s %q: malformed ID (want %s followed by 1 to %d of [A-Za-z0-9._-])", what, id, prefix, maxIDBody)
	}
	if seen {
		v.addf("%s %s is listed twice", what, id)
		return false
	}
	return true
}

// owner checks a resource's account and region.
func (v *validator) owner(what, id, account, region string) {
	if !v.accts[account] {
		v.addf("%s %s: account %q is not in Accounts", what, id, account)
	}
	if _, ok := v.regions[region]; !ok {
		v.addf("%s %s: unknown region %q", what, id, region)
	}
}

// sameOwner checks that a reference is of the referrer's account and region.
func (v *validator) sameOwner(what, id, refWhat, refId, account, region, refAccount, refRegion string) {
	if account != refAccount || region != refRegion {
		v.addf("%s %s: %s %s belongs to account %s in %s, not %s in %s", what, id, refWhat, refId, refAccount, refRegion, account, region)
	}
}

func (v *validator) accounts(accts []*model.Account) {
	for _, a := range accts {
		if !validAccountID(a.AccountId) {
			v.addf("account %q: malformed ID (want 1 to %d bytes of printable text)", a.AccountId, maxAccountID)
		}
		if v.accts[a.AccountId] {
			v.addf("account %s is listed twice", a.AccountId)
		}
		v.accts[a.AccountId] = true
	}
}

// parsePrefix4 parses an IPv4 CIDR block (host bits may be set, as a fixture
// may store it).
func parsePrefix4(s string) (netip.Prefix, bool) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, false
	}
	return p, true
}

func (v *validator) vpcs(vpcs []*model.Vpc) {
	for _, vpc := range vpcs {
		_, seen := v.vpcByID[vpc.VpcId]
		if !v.id("VPC", model.PrefixVpc, vpc.VpcId, seen) {
			continue
		}
		v.vpcByID[vpc.VpcId] = vpc
		v.owner("VPC", vpc.VpcId, vpc.AccountId, vpc.RegionId)
		if _, ok := parsePrefix4(vpc.CidrBlock); !ok {
			v.addf("VPC %s: CidrBlock %q is not an IPv4 CIDR block", vpc.VpcId, vpc.CidrBlock)
		}
		if vpc.Status == "" {
			v.addf("VPC %s: empty Status", vpc.VpcId)
		}
	}
}

func (v *validator) vswitches(vsws []*model.VSwitch) {
	for _, vsw := range vsws {
		_, seen := v.vswByID[vsw.VSwitchId]
		if !v.id("vSwitch", model.PrefixVSwitch, vsw.VSwitchId, seen) {
			continue
		}
		v.owner("vSwitch", vsw.VSwitchId, vsw.AccountId, vsw.RegionId)
		if vsw.Status == "" {
			v.addf("vSwitch %s: empty Status", vsw.VSwitchId)
		}
		if r, ok := v.regions[vsw.RegionId]; ok && !r.HasZone(vsw.ZoneId) {
			v.addf("vSwitch %s: zone %q is not in %s", vsw.VSwitchId, vsw.ZoneId, vsw.RegionId)
		}
		p, ok := parsePrefix4(vsw.CidrBlock)
		if !ok {
			v.addf("vSwitch %s: CidrBlock %q is not an IPv4 CIDR block", vsw.VSwitchId, vsw.CidrBlock)
		}
		vpc := v.vpcByID[vsw.VpcId]
		if vpc == nil {
			v.addf("vSwitch %s: VPC %q does not exist", vsw.VSwitchId, vsw.VpcId)
		} else {
			v.sameOwner("vSwitch", vsw.VSwitchId, "VPC", vpc.VpcId, vsw.AccountId, vsw.RegionId, vpc.AccountId, vpc.RegionId)
			if vpcNet, vok := parsePrefix4(vpc.CidrBlock); ok && vok && (p.Bits() < vpcNet.Bits() || !vpcNet.Masked().Contains(p.Addr())) {
				v.addf("vSwitch %s: CidrBlock %s is not inside VPC %s's %s", vsw.VSwitchId, vsw.CidrBlock, vpc.VpcId, vpc.CidrBlock)
			}
		}
		// A vSwitch with a bad block is not indexed: what refers to it is
		// reported as referring to a missing vSwitch, and no address is
		// checked against a block that does not parse.
		if ok {
			v.vswByID[vsw.VSwitchId] = vsw
		}
	}
}

// vswitch resolves a resource's vSwitch, reporting a missing one or one of
// another owner; it returns nil when missing.
func (v *validator) vswitch(what, id, vswId, account, region string) *model.VSwitch {
	vsw := v.vswByID[vswId]
	if vsw == nil {
		v.addf("%s %s: vSwitch %q does not exist", what, id, vswId)
		return nil
	}
	v.sameOwner(what, id, "vSwitch", vswId, account, region, vsw.AccountId, vsw.RegionId)
	return vsw
}

// address checks one held address: canonical IPv4, inside cidr (when the
// pool's block is known), not reserved, and not held by another resource of
// the pool.
func (v *validator) address(what, id, field, pool string, cidr netip.Prefix, ip string) {
	addr, err := netip.ParseAddr(ip)
	switch {
	case err != nil || !addr.Is4() || !canonical4(addr, ip):
		v.addf("%s %s: %s %q is not an IPv4 address", what, id, field, ip)
	case cidr.IsValid() && !cidr.Masked().Contains(addr):
		v.addf("%s %s: %s %s is outside %s", what, id, field, ip, cidr)
	case cidr.IsValid() && reservedAddr(cidr, addr):
		v.addf("%s %s: %s %s is a reserved address of %s (its first or one of its last three)", what, id, field, ip, cidr)
	}
	k := poolIP{pool, ip}
	if other, dup := v.held[k]; dup {
		v.addf("%s %s: %s %s is also held by %s (pool %s)", what, id, field, ip, other, pool)
		return
	}
	v.held[k] = id
}

func (v *validator) instances(insts []*model.Instance) {
	for _, inst := range insts {
		_, seen := v.instByID[inst.InstanceId]
		if !v.id("instance", model.PrefixInstance, inst.InstanceId, seen) {
			continue
		}
		v.instByID[inst.InstanceId] = inst
		id := inst.InstanceId
		v.owner("instance", id, inst.AccountId, inst.RegionId)
		if !inst.Status.Valid() {
			v.addf("instance %s: unknown Status %q", id, inst.Status)
		}
		switch inst.Transition {
		case model.TransitionNone, model.TransitionRun, model.TransitionCreate, model.TransitionStart, model.TransitionStop:
		default:
			v.addf("instance %s: unknown Transition %q", id, inst.Transition)
		}
		if inst.ZoneId == "" {
			v.addf("instance %s: empty ZoneId", id)
		}
		if inst.VSwitchId == "" {
			if inst.NetworkType != model.NetworkClassic || inst.VpcId != "" {
				v.addf("instance %s: without a vSwitch it is a classic instance, not %q in VPC %q", id, inst.NetworkType, inst.VpcId)
			}
			v.address("instance", id, "PrivateIp", classicPool(inst.RegionId), classicCIDR, inst.PrivateIp)
			continue
		}
		vsw := v.vswitch("instance", id, inst.VSwitchId, inst.AccountId, inst.RegionId)
		var cidr netip.Prefix
		if vsw != nil {
			cidr = vswitchCIDR(vsw)
			if inst.NetworkType != model.NetworkVPC || inst.VpcId != vsw.VpcId || inst.ZoneId != vsw.ZoneId {
				v.addf("instance %s: vSwitch %s makes it a vpc instance of %s in %s, not %q of %q in %q",
					id, vsw.VSwitchId, vsw.VpcId, vsw.ZoneId, inst.NetworkType, inst.VpcId, inst.ZoneId)
			}
		}
		v.address("instance", id, "PrivateIp", inst.VSwitchId, cidr, inst.PrivateIp)
	}
}

func (v *validator) enis(enis []*model.NetworkInterface) {
	for _, eni := range enis {
		_, seen := v.eniByID[eni.NetworkInterfaceId]
		if !v.id("ENI", model.PrefixENI, eni.NetworkInterfaceId, seen) {
			continue
		}
		v.eniByID[eni.NetworkInterfaceId] = eni
		id := eni.NetworkInterfaceId
		v.owner("ENI", id, eni.AccountId, eni.RegionId)
		want := model.ENIAvailable
		if eni.InstanceId != "" {
			want = model.ENIInUse
		}
		if eni.Status != want {
			v.addf("ENI %s: Status %q, but with InstanceId %q it is %s", id, eni.Status, eni.InstanceId, want)
		}
		vsw := v.vswitch("ENI", id, eni.VSwitchId, eni.AccountId, eni.RegionId)
		var cidr netip.Prefix
		if vsw != nil {
			cidr = vswitchCIDR(vsw)
			if eni.VpcId != vsw.VpcId || eni.ZoneId != vsw.ZoneId {
				v.addf("ENI %s: vSwitch %s puts it in VPC %s and zone %s, not %q and %q", id, vsw.VSwitchId, vsw.VpcId, vsw.ZoneId, eni.VpcId, eni.ZoneId)
			}
		}
		if eni.InstanceId != "" {
			inst := v.instByID[eni.InstanceId]
			switch {
			case inst == nil:
				v.addf("ENI %s: attached to instance %q, which does not exist", id, eni.InstanceId)
			case inst.VpcId != eni.VpcId:
				v.addf("ENI %s: attached to instance %s of VPC %q, not of the ENI's %q", id, inst.InstanceId, inst.VpcId, eni.VpcId)
			default:
				v.sameOwner("ENI", id, "instance", inst.InstanceId, eni.AccountId, eni.RegionId, inst.AccountId, inst.RegionId)
			}
		}
		v.address("ENI", id, "PrimaryIpAddress", eni.VSwitchId, cidr, eni.PrimaryIpAddress)
		for _, ip := range eni.SecondaryIps {
			v.address("ENI", id, "secondary IP", eni.VSwitchId, cidr, ip)
		}
	}
}

func (v *validator) loadBalancers(lbs []*model.LoadBalancer) {
	for _, lb := range lbs {
		_, seen := v.lbByID[lb.LoadBalancerId]
		if !v.id("LB", model.PrefixLoadBalancer, lb.LoadBalancerId, seen) {
			continue
		}
		v.lbByID[lb.LoadBalancerId] = lb
		id := lb.LoadBalancerId
		v.owner("LB", id, lb.AccountId, lb.RegionId)
		v.loadBalancerProtection(lb)
		if !lb.Status.Valid() {
			v.addf("LB %s: unknown Status %q", id, lb.Status)
		}
		if !lb.AddressType.Valid() {
			v.addf("LB %s: unknown AddressType %q", id, lb.AddressType)
		}
		if lb.VSwitchId == "" {
			if lb.NetworkType != model.NetworkClassic || lb.VpcId != "" {
				v.addf("LB %s: without a vSwitch it is on the classic network, not %q in VPC %q", id, lb.NetworkType, lb.VpcId)
			}
			cidr := internetCIDR
			if lb.AddressType == model.AddressIntranet {
				cidr = classicCIDR
			}
			v.address("LB", id, "Address", lbPool(lb), cidr, lb.Address)
			continue
		}
		vsw := v.vswitch("LB", id, lb.VSwitchId, lb.AccountId, lb.RegionId)
		var cidr netip.Prefix
		if vsw != nil {
			cidr = vswitchCIDR(vsw)
			if lb.AddressType != model.AddressIntranet || lb.NetworkType != model.NetworkVPC || lb.VpcId != vsw.VpcId {
				v.addf("LB %s: vSwitch %s makes it an intranet vpc LB of %s, not %q %q of %q",
					id, vsw.VSwitchId, vsw.VpcId, lb.AddressType, lb.NetworkType, lb.VpcId)
			}
		}
		v.address("LB", id, "Address", lbPool(lb), cidr, lb.Address)
	}
}

// backendWhat names a backend in a problem.
func backendWhat(b *model.Backend) string {
	if b.KeyIp != "" {
		return fmt.Sprintf("backend %s (%s) of %s", b.ServerId, b.KeyIp, b.LoadBalancerId)
	}
	return fmt.Sprintf("backend %s of %s", b.ServerId, b.LoadBalancerId)
}

func (v *validator) backends(bs []*model.Backend) {
	type key struct{ lb, server, ip string }
	seen := make(map[key]bool, len(bs))
	type lbSeq struct {
		lb  string
		seq uint64
	}
	seqs := make(map[lbSeq]bool, len(bs))
	count := make(map[string]int, len(v.lbByID))
	domain := make(map[string]string, len(v.lbByID))
	for _, b := range bs {
		k := key{b.LoadBalancerId, b.ServerId, b.KeyIp}
		if seen[k] {
			v.addf("%s is listed twice", backendWhat(b))
			continue
		}
		seen[k] = true
		if b.Weight < 0 || b.Weight > model.MaxWeight {
			v.addf("%s: Weight %d outside 0..%d", backendWhat(b), b.Weight, model.MaxWeight)
		}
		if e := model.ValidateDescription(b.Description); e != nil {
			v.addf("%s: invalid Description (%s)", backendWhat(b), e.Code)
		}
		lb := v.lbByID[b.LoadBalancerId]
		if lb == nil {
			v.addf("%s: the LB does not exist", backendWhat(b))
		} else {
			count[lb.LoadBalancerId]++
			if b.Seq == 0 || b.Seq > lb.NextBackendSeq {
				v.addf("%s: Seq %d outside 1..%d (the LB's NextBackendSeq)", backendWhat(b), b.Seq, lb.NextBackendSeq)
			} else if s := (lbSeq{lb.LoadBalancerId, b.Seq}); seqs[s] {
				v.addf("%s: Seq %d is another backend's of the LB", backendWhat(b), b.Seq)
			} else {
				seqs[s] = true
			}
		}
		vpc, ok := v.backendServer(backendWhat(b), lb, b.Type, b.ServerId, b.KeyIp, b.ServerIp, b.VpcId)
		if !ok || lb == nil {
			continue
		}
		v.sameDomain(domain, lb.LoadBalancerId, vpc, backendWhat(b))
	}
	over := map[string]int{}
	for lb, n := range count {
		if n > v.quota {
			over[lb] = n
		}
	}
	for _, lb := range sortedKeys(over) {
		v.addf("LB %s: %d backends, over the backend quota of %d", lb, over[lb], v.quota)
	}
	v.lbBackends, v.lbDomain = count, domain // the vServer group members share both
}

// backendServer checks the server of a backend or vServer group member
// (what names it) against the server's row and the LB's network rules; lb
// may be nil (already reported). It returns the server's VPC ("" for a
// classic one), and false when the server is missing or of no valid type,
// when nothing more can be checked.
func (v *validator) backendServer(what string, lb *model.LoadBalancer, typ model.ServerType, serverId, keyIp, serverIp, vpcId string) (string, bool) {
	switch typ {
	case model.ServerECS:
		if keyIp != "" {
			v.addf("%s: an ecs backend has no KeyIp", what)
		}
		inst := v.instByID[serverId]
		if inst == nil {
			v.addf("%s: instance %s does not exist", what, serverId)
			return "", false
		}
		if serverIp != inst.PrivateIp || vpcId != inst.VpcId {
			v.addf("%s: ServerIp %q and VpcId %q are not the instance's %q and %q", what, serverIp, vpcId, inst.PrivateIp, inst.VpcId)
		}
		if lb == nil {
			return "", false
		}
		v.sameOwner("backend", serverId, "LB", lb.LoadBalancerId, inst.AccountId, inst.RegionId, lb.AccountId, lb.RegionId)
		if e := model.CheckECSNetwork(lb, inst); e != nil {
			v.addf("%s: a %s instance (VPC %q) cannot be a backend of an %s %s LB (VPC %q)", what, inst.NetworkType, inst.VpcId, lb.AddressType, lb.NetworkType, lb.VpcId)
		}
		return inst.VpcId, true
	case model.ServerENI:
		if keyIp != serverIp {
			v.addf("%s: an eni backend's KeyIp %q is its ServerIp %q", what, keyIp, serverIp)
		}
		eni := v.eniByID[serverId]
		if eni == nil {
			v.addf("%s: ENI %s does not exist", what, serverId)
			return "", false
		}
		if !eni.HasIp(serverIp) || vpcId != eni.VpcId {
			v.addf("%s: ServerIp %q or VpcId %q is not the ENI's", what, serverIp, vpcId)
		}
		if lb == nil {
			return "", false
		}
		v.sameOwner("backend", serverId, "LB", lb.LoadBalancerId, eni.AccountId, eni.RegionId, lb.AccountId, lb.RegionId)
		if !model.SupportsENIBackends(lb) || eni.VpcId != lb.VpcId {
			v.addf("%s: an ENI of VPC %s can only be a backend of a VPC LB of that VPC with a LoadBalancerSpec", what, eni.VpcId)
		}
		return eni.VpcId, true
	case model.ServerECI:
		v.addf("%s: Type eci, but no elastic container instance exists in the fake", what)
		return "", false
	default:
		v.addf("%s: unknown Type %q (want ecs, eni or eci)", what, typ)
		return "", false
	}
}

func (v *validator) leases(ips []*IPLease) {
	leased := make(map[poolIP]bool, len(ips))
	for _, l := range ips {
		k := poolIP{l.Pool, l.Ip}
		if leased[k] {
			v.addf("IP lease %s in pool %s is listed twice", l.Ip, l.Pool)
			continue
		}
		leased[k] = true
		holder, ok := v.held[k]
		switch {
		case !ok:
			v.addf("IP lease %s in pool %s (owner %q): no resource holds that address", l.Ip, l.Pool, l.Owner)
		case holder != l.Owner:
			v.addf("IP lease %s in pool %s: owner %q, but %s holds it", l.Ip, l.Pool, l.Owner, holder)
		}
	}
	if len(leased) == len(v.held) {
		return
	}
	missing := map[string]string{}
	for k, holder := range v.held {
		if !leased[k] {
			missing[k.pool+" "+k.ip] = holder
		}
	}
	for _, k := range sortedKeys(missing) {
		pool, ip, _ := strings.Cut(k, " ")
		v.addf("%s holds %s in pool %s, which has no lease in IPs", missing[k], ip, pool)
	}
}

// sortedKeys returns a map's keys in order, for reproducible messages.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// tokenResponses decodes the stored response of each idempotent action, as
// idempotentTxn does when the token is used again.
var tokenResponses = map[string]func(string) error{
	"CreateLoadBalancer":     decodeAs[model.CreateLoadBalancerResponse],
	"RunInstances":           decodeAs[model.RunInstancesResponse],
	"CreateInstance":         decodeAs[model.CreateInstanceResponse],
	"CreateNetworkInterface": decodeAs[model.CreateNetworkInterfaceResponse],
	"CreateVpc":              decodeAs[model.CreateVpcResponse],
	"CreateVSwitch":          decodeAs[model.CreateVSwitchResponse],
}

func decodeAs[T any](s string) error { return json.Unmarshal([]byte(s), new(T)) }

// tokenWhat names a ClientToken record in a problem.
func tokenWhat(r *ClientTokenRecord) string {
	return fmt.Sprintf("ClientToken %q of account %s on %s", r.ClientToken, r.AccountId, r.Action)
}

func (v *validator) clientTokens(recs []*ClientTokenRecord) {
	type key struct{ account, action, token string }
	seen := make(map[key]bool, len(recs))
	for _, r := range recs {
		k := key{r.AccountId, r.Action, r.ClientToken}
		if seen[k] {
			v.addf("%s is listed twice", tokenWhat(r))
			continue
		}
		seen[k] = true
		if !v.accts[r.AccountId] {
			v.addf("%s: account %q is not in Accounts", tokenWhat(r), r.AccountId)
		}
		if r.ClientToken == "" || !validClientToken(r.ClientToken) {
			v.addf("%s: malformed token (want 1 to %d printable ASCII characters)", tokenWhat(r), maxClientTokenLength)
		}
		decode, ok := tokenResponses[r.Action]
		if !ok {
			v.addf("%s: %s takes no ClientToken", tokenWhat(r), r.Action)
			continue
		}
		if !json.Valid([]byte(r.Request)) {
			v.addf("%s: Request is not JSON", tokenWhat(r))
		}
		if err := decode(r.Response); err != nil {
			v.addf("%s: Response is not a %s response: %v", tokenWhat(r), r.Action, err)
		}
	}
}

// canonical4 reports whether ip is addr's canonical text, without building
// the text.
func canonical4(addr netip.Addr, ip string) bool {
	var buf [len("255.255.255.255")]byte
	return string(addr.AppendTo(buf[:0])) == ip
}

// sameDomain records the network domain of a server on an LB (its VPC, or
// classic when vpc is empty) in domain, and reports what (the backend or
// member) when the LB's servers already have another one.
func (v *validator) sameDomain(domain map[string]string, lbId, vpc, what string) {
	d := serverDomain(vpc)
	if first, ok := domain[lbId]; !ok {
		domain[lbId] = d
	} else if first != d {
		v.addf("%s: the LB's backends mix networks (%s and %s)", what, first, d)
	}
}
