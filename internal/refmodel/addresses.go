package refmodel

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/slbfake/slbfake/model"
)

// Addresses and identifiers: the rules the fake's choices must follow, so
// that the test checks what the fake hands out instead of feeding it back to
// the model unchecked.
//
// Addresses (README, fidelity table, "Private addresses", "CreateLoadBalancer:
// names, zones, address"): every private address of a vSwitch (an instance's,
// an ENI's, a VPC LB's) is inside the vSwitch's CIDR block, never one of its
// reserved addresses (the first and the last three, DOC: as the real vSwitch
// keeps them), and unique in the vSwitch; it is the lowest free one unless
// the request named one. Classic instances and classic intranet LBs take
// addresses from one pool per region, internet LBs from another (the engine's
// documented pools, engine/ipam.go: 10.0.0.0/8 and 47.0.0.0/8), unique in
// their pool, never the pool's reserved addresses either.
//
// Identifiers (README, fidelity table, "Resource IDs"): the real prefixes
// and lengths, lowercase base36, starting with the region's code.

// Pool names an address pool: a vSwitch ID, "classic/<region>" or
// "internet/<region>".
type Pool string

// ClassicPool and InternetPool are a region's two pools outside vSwitches.
func ClassicPool(region string) Pool  { return Pool("classic/" + region) }
func InternetPool(region string) Pool { return Pool("internet/" + region) }

var (
	classicRange  = netip.MustParsePrefix("10.0.0.0/8")
	internetRange = netip.MustParsePrefix("47.0.0.0/8")
)

// poolRange is the block a pool hands out addresses from.
func (m *Model) poolRange(p Pool) (netip.Prefix, bool) {
	switch {
	case strings.HasPrefix(string(p), "classic/"):
		return classicRange, true
	case strings.HasPrefix(string(p), "internet/"):
		return internetRange, true
	}
	v := m.vswitches[string(p)]
	if v == nil {
		return netip.Prefix{}, false
	}
	return netip.MustParsePrefix(v.CidrBlock), true
}

// reserved reports whether addr is one a block never hands out: its first
// address and its last three.
func reserved(block netip.Prefix, addr netip.Addr) bool {
	first := block.Masked().Addr()
	if addr == first {
		return true
	}
	last := lastOf(block)
	for range 3 {
		if addr == last {
			return true
		}
		last = last.Prev()
	}
	return false
}

func lastOf(p netip.Prefix) netip.Addr {
	a := p.Masked().Addr().As4()
	v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	v |= uint32(uint64(1)<<(32-p.Bits()) - 1)
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// instancePool, lbPool: where a resource's address comes from.
func instancePool(i *Instance) Pool {
	if i.VSwitchId != "" {
		return Pool(i.VSwitchId)
	}
	return ClassicPool(i.RegionId)
}

func lbPool(lb *LoadBalancer) Pool {
	switch {
	case lb.VSwitchId != "":
		return Pool(lb.VSwitchId)
	case lb.AddressType == "internet":
		return InternetPool(lb.RegionId)
	default:
		return ClassicPool(lb.RegionId)
	}
}

// leases returns every address in use, by pool: instances, ENIs (every IP)
// and LBs, of every account.
func (m *Model) leases() map[Pool]map[string]string {
	out := map[Pool]map[string]string{}
	add := func(p Pool, ip, owner string) {
		if out[p] == nil {
			out[p] = map[string]string{}
		}
		out[p][ip] = owner
	}
	for _, i := range m.instances {
		add(instancePool(i), i.PrivateIp, i.InstanceId)
	}
	for _, n := range m.enis {
		for _, ip := range n.Ips {
			add(Pool(n.VSwitchId), ip, n.NetworkInterfaceId)
		}
	}
	for _, lb := range m.lbs {
		add(lbPool(lb), lb.Address, lb.LoadBalancerId)
	}
	return out
}

// LowestFree returns the n lowest addresses of a pool that are neither
// reserved nor in use, in order: the addresses the next allocation of n
// addresses hands out (README: "the lowest free one"). It returns fewer when
// the pool has fewer left.
func (m *Model) LowestFree(p Pool, n int) []string { return m.lowestFree(p, n, nil) }

// lowestFree is LowestFree with the addresses of the owners in except taken
// as free.
func (m *Model) lowestFree(p Pool, n int, except map[string]bool) []string {
	block, ok := m.poolRange(p)
	if !ok {
		return nil
	}
	used := m.leases()[p]
	var out []string
	last := lastOf(block)
	for a := block.Masked().Addr(); len(out) < n; a = a.Next() {
		if owner := used[a.String()]; !reserved(block, a) && (owner == "" || except[owner]) {
			out = append(out, a.String())
		}
		if a == last {
			break
		}
	}
	return out
}

// CheckLowestFree checks that the resources ids, just created in this order
// by one call, took the lowest free addresses of their pools (README,
// "Private addresses": "the lowest free one"): with them left out, the
// lowest free addresses of each pool are theirs, in order.
func (m *Model) CheckLowestFree(ids ...string) error {
	except := map[string]bool{}
	for _, id := range ids {
		except[id] = true
	}
	taken := map[Pool][]string{}
	var pools []Pool
	add := func(p Pool, ip string) {
		if _, ok := taken[p]; !ok {
			pools = append(pools, p)
		}
		taken[p] = append(taken[p], ip)
	}
	for _, id := range ids {
		if i := m.instances[id]; i != nil {
			add(instancePool(i), i.PrivateIp)
		} else if lb := m.lbs[id]; lb != nil {
			add(lbPool(lb), lb.Address)
		} else if n := m.enis[id]; n != nil {
			for _, ip := range n.Ips {
				add(Pool(n.VSwitchId), ip)
			}
		}
	}
	for _, p := range pools {
		if want := m.lowestFree(p, len(taken[p]), except); !slices.Equal(want, taken[p]) {
			return fmt.Errorf("%v took %v in %s; the lowest free addresses were %v", ids, taken[p], p, want)
		}
	}
	return nil
}

// PoolOfInstance is the pool an instance created in the region (and
// vSwitch, when given) draws its address from.
func (m *Model) PoolOfInstance(region, vswitchId string) Pool {
	if vswitchId != "" {
		return Pool(vswitchId)
	}
	return ClassicPool(region)
}

// PoolOfLoadBalancer is the pool of an LB of this address type in this
// vSwitch (none: the region's classic or internet pool).
func (m *Model) PoolOfLoadBalancer(region, addressType, vswitchId string) Pool {
	return lbPool(&LoadBalancer{RegionId: region, AddressType: model.AddressType(addressType), VSwitchId: vswitchId})
}

// allocate picks n addresses of a vSwitch for one resource (the model's own
// allocation, for the calls it fully owns: the ENI calls): want first when
// set (already checked to be free), then the lowest free ones. ok is false
// when the block has too few left.
func (m *Model) allocate(vswitchId, want string, n int) ([]string, bool) {
	out := []string{}
	if want != "" {
		out = append(out, want)
	}
	for _, a := range m.LowestFree(Pool(vswitchId), n+1) {
		if len(out) == n {
			break
		}
		if a != want {
			out = append(out, a)
		}
	}
	return out, len(out) == n
}

// idCodes are the regions' ID codes, as real IDs start (lb-bp1... in
// cn-hangzhou, lb-2ze... in cn-beijing; the others the real services' too).
var idCodes = map[string]string{
	"cn-hangzhou": "bp1", "cn-beijing": "2ze", "cn-shanghai": "uf6", "cn-shenzhen": "wz9",
	"cn-hongkong": "j6c", "ap-southeast-1": "t4n", "us-west-1": "rj9", "eu-central-1": "gw8",
}

// idBody is the length after the prefix (i-2zej4lxhjoq1icue6kup: 20).
var idBody = map[string]int{"i-": 20, "lb-": 21, "vpc-": 21, "vsw-": 21, "vrt-": 21, "vtb-": 21, "eni-": 22, "rsp-": 21}

var base36Body = regexp.MustCompile(`^[0-9a-z]+$`)

// CheckID checks an ID handed out in a region: prefix, length, the region's
// code first, lowercase base36.
func CheckID(prefix, region, id string) error {
	body, ok := strings.CutPrefix(id, prefix)
	if !ok {
		return fmt.Errorf("ID %q does not start with %q", id, prefix)
	}
	if n := idBody[prefix]; len(body) != n {
		return fmt.Errorf("ID %q: %d characters after %q, real IDs have %d", id, len(body), prefix, n)
	}
	if code := idCodes[region]; !strings.HasPrefix(body, code) {
		return fmt.Errorf("ID %q of %s does not start with the region's code %q", id, region, code)
	}
	if !base36Body.MatchString(body) {
		return fmt.Errorf("ID %q is not lowercase base36", id)
	}
	return nil
}

// CheckWorld checks the rules of the model's world that the fake chose:
// every ID's shape, every address inside its pool's block, not reserved,
// unique in its pool; every vSwitch inside its VPC, overlapping no sibling.
// The test compares the model's world with the fake's after every step, so
// these hold of the fake's world too.
func (m *Model) CheckWorld() error {
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	check := func(err error) {
		if err != nil {
			errs = append(errs, err.Error())
		}
	}
	for _, v := range m.vpcs {
		check(CheckID("vpc-", v.RegionId, v.VpcId))
	}
	for _, v := range m.vswitches {
		check(CheckID("vsw-", v.RegionId, v.VSwitchId))
		block := netip.MustParsePrefix(v.CidrBlock)
		if vpc := m.vpcs[v.VpcId]; vpc != nil {
			outer := netip.MustParsePrefix(vpc.CidrBlock)
			if block.Bits() < outer.Bits() || !outer.Contains(block.Addr()) {
				fail("vSwitch %s %s is outside its VPC's %s", v.VSwitchId, v.CidrBlock, vpc.CidrBlock)
			}
		}
		for _, o := range m.vswitches {
			if o.VpcId == v.VpcId && o.VSwitchId < v.VSwitchId && netip.MustParsePrefix(o.CidrBlock).Overlaps(block) {
				fail("vSwitches %s and %s overlap", o.VSwitchId, v.VSwitchId)
			}
		}
	}
	seen := map[Pool]map[string]string{}
	addr := func(p Pool, ip, owner string) {
		block, ok := m.poolRange(p)
		a, err := netip.ParseAddr(ip)
		switch {
		case !ok:
			fail("%s: address pool %s unknown", owner, p)
			return
		case err != nil || !a.Is4():
			fail("%s: address %q is not IPv4", owner, ip)
			return
		case !block.Contains(a):
			fail("%s: address %s is outside %s (%s)", owner, ip, block, p)
		case reserved(block, a):
			fail("%s: address %s is reserved in %s (%s)", owner, ip, block, p)
		}
		if seen[p] == nil {
			seen[p] = map[string]string{}
		}
		if other := seen[p][ip]; other != "" && other != owner {
			fail("%s and %s share %s in %s", other, owner, ip, p)
		}
		seen[p][ip] = owner
	}
	for _, i := range sortedValues(m.instances) {
		check(CheckID("i-", i.RegionId, i.InstanceId))
		addr(instancePool(i), i.PrivateIp, i.InstanceId)
	}
	for _, n := range sortedValues(m.enis) {
		check(CheckID("eni-", n.RegionId, n.NetworkInterfaceId))
		if len(slices.Compact(slices.Sorted(slices.Values(n.Ips)))) != len(n.Ips) {
			fail("ENI %s lists an IP twice: %v", n.NetworkInterfaceId, n.Ips)
		}
		for _, ip := range n.Ips {
			addr(Pool(n.VSwitchId), ip, n.NetworkInterfaceId)
		}
	}
	for _, lb := range sortedValues(m.lbs) {
		check(CheckID("lb-", lb.RegionId, lb.LoadBalancerId))
		addr(lbPool(lb), lb.Address, lb.LoadBalancerId)
	}
	for _, g := range sortedValues(m.groups) {
		check(CheckID("rsp-", g.RegionId, g.VServerGroupId))
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

func sortedValues[T any](m map[string]*T) []*T {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*T, 0, len(keys))
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out
}
