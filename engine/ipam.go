package engine

import (
	"encoding/binary"
	"fmt"
	"math"
	"net/netip"
	"slices"
	"strings"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// Private and public addresses. Every address is drawn in order from a pool,
// the lowest free one first, so the same calls give the same addresses. Pools: a vSwitch ID (its CIDR),
// the classic network of a region, the internet addresses of a region.

func classicPool(region string) string  { return "classic/" + region }
func internetPool(region string) string { return "internet/" + region }

var (
	classicCIDR  = netip.MustParsePrefix("10.0.0.0/8")
	internetCIDR = netip.MustParsePrefix("47.0.0.0/8")
)

// reservedHead is how many addresses at the start of a CIDR are never handed
// out: the first (DOC: a vSwitch reserves its first address and its last
// three, e.g. 192.168.1.0 and .253 to .255 of 192.168.1.0/24).
const reservedHead = 1

// reservedTail is how many addresses at the end of a CIDR are never handed
// out: the last three (DOC, as reservedHead).
const reservedTail = 3

// ipErrors names the errors of a private-address request: instances and ENIs
// answer differently.
type ipErrors struct {
	malformed, outside func() *model.Error
}

// privateIPErrors are the errors of ECS and SLB calls (and fixtures) for a bad
// requested address.
func privateIPErrors() ipErrors {
	return ipErrors{malformed: model.ErrPrivateIpMalformed, outside: model.ErrPrivateIpNotInVSwitch}
}

// eniIPErrors are the errors of the ENI calls for a bad requested address.
func eniIPErrors() ipErrors {
	return ipErrors{malformed: model.ErrEniIpInvalid, outside: model.ErrEniIpInvalid}
}

// allocateIPTxn leases an address of pool for owner: want if given (it must
// be an IPv4 address inside cidr, not one of its reserved addresses, and
// free), otherwise the lowest free address that is not reserved. A block with
// no such address left is QuotaExceeded.PrivateIpAddress. errs says how the
// calling API reports a bad requested address.
//
// The pool's free addresses are kept as ranges (ipFreeRange), ordered by
// address: the lowest free address is the start of the first range, and
// leasing or releasing any address splits, shrinks, merges or adds one
// range. Once the pool's state exists, every allocation and release is O(1)
// (a few lookups and inserts in radix trees, whose depth is bounded by the
// key's length), however full the pool is; a pool's first use, or one whose
// state is missing, builds it from its leases (initPoolTxn) once.
func allocateIPTxn(txn *memdb.Txn, pool string, cidr netip.Prefix, want, owner string, errs ipErrors) (string, *model.Error) {
	if want != "" {
		addr, err := netip.ParseAddr(want)
		if err != nil || !addr.Is4() {
			return "", errs.malformed()
		}
		if !cidr.Contains(addr) || reservedAddr(cidr, addr) {
			return "", errs.outside()
		}
		want = addr.String()
		if first(txn, tableIPs, indexID, pool, want) != nil {
			return "", model.ErrIpAddressUsed()
		}
		p := poolTxn(txn, pool, cidr)
		takeAddrTxn(txn, pool, addrU32(addr))
		leaseTxn(txn, p, want, owner)
		return want, nil
	}
	p := poolTxn(txn, pool, cidr)
	r, _ := first(txn, tableIPFree, indexID+"_prefix", freeRangePrefix(pool)).(*ipFreeRange)
	if r == nil {
		return "", model.ErrVSwitchIpExhausted()
	}
	if r.Start == r.End {
		remove(txn, tableIPFree, r)
	} else {
		insert(txn, tableIPFree, &ipFreeRange{Pool: pool, Start: r.Start + 1, End: r.End})
	}
	ip := u32Addr(r.Start).String()
	leaseTxn(txn, p, ip, owner)
	return ip, nil
}

// ipPool is an address pool's allocator state, a row of the ippools table:
// the block its free ranges were cut from and how many of its addresses
// are leased. It exists once the pool has leased an address.
type ipPool struct {
	Pool   string
	Cidr   netip.Prefix
	Leased int
}

// ipFreeRange is a run of free addresses of a pool, Start to End included,
// a row of the ipfree table. A pool's ranges are disjoint, not adjacent,
// and cover exactly its free addresses that are not reserved.
type ipFreeRange struct {
	Pool       string
	Start, End uint32
}

// freeRangeKey is a range's key: its pool, then its End, big-endian.
func freeRangeKey(pool string, end uint32) string {
	b := make([]byte, 0, len(pool)+5)
	b = append(b, pool...)
	b = append(b, 0)
	return string(binary.BigEndian.AppendUint32(b, end))
}

// freeRangePrefix is the key prefix of a pool's ranges.
func freeRangePrefix(pool string) string { return pool + "\x00" }

func addrU32(a netip.Addr) uint32 {
	b := a.As4()
	return binary.BigEndian.Uint32(b[:])
}

func u32Addr(v uint32) netip.Addr {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], v)
	return netip.AddrFrom4(b)
}

// usableRange is the range of a block's addresses that are not reserved;
// ok is false when there is none.
func usableRange(cidr netip.Prefix) (lo, hi uint32, ok bool) {
	base := int64(addrU32(cidr.Masked().Addr()))
	size := int64(1) << (32 - cidr.Bits())
	first, last := base+reservedHead, base+size-1-reservedTail
	if first > last {
		return 0, 0, false
	}
	return uint32(first), uint32(last), true
}

// poolTxn returns a pool's state, made from its leases when it has none yet
// (or one cut from another block).
func poolTxn(txn *memdb.Txn, pool string, cidr netip.Prefix) *ipPool {
	if p, _ := first(txn, tableIPPools, indexID, pool).(*ipPool); p != nil && p.Cidr == cidr {
		return p
	}
	return initPoolTxn(txn, pool, cidr)
}

// initPoolTxn makes a pool's state from its leases: O(leases log leases).
func initPoolTxn(txn *memdb.Txn, pool string, cidr netip.Prefix) *ipPool {
	if _, err := txn.DeletePrefix(tableIPFree, indexID+"_prefix", freeRangePrefix(pool)); err != nil {
		panic("engine: ipam: " + err.Error())
	}
	leases := leasesOfTxn(txn, pool)
	lo, hi, ok := usableRange(cidr)
	if ok {
		used := make([]uint32, 0, len(leases))
		for _, l := range leases {
			if a, err := netip.ParseAddr(l.Ip); err == nil && a.Is4() && cidr.Contains(a) {
				used = append(used, addrU32(a))
			}
		}
		slices.Sort(used)
		next := uint64(lo) // the lowest address not yet known to be leased
		for _, a := range used {
			if uint64(a) > next && a <= hi {
				insert(txn, tableIPFree, &ipFreeRange{Pool: pool, Start: uint32(next), End: min(a-1, hi)})
			}
			next = max(next, uint64(a)+1)
		}
		if next <= uint64(hi) {
			insert(txn, tableIPFree, &ipFreeRange{Pool: pool, Start: uint32(next), End: hi})
		}
	}
	p := &ipPool{Pool: pool, Cidr: cidr, Leased: len(leases)}
	insert(txn, tableIPPools, p)
	return p
}

// leaseTxn records a lease of ip, an address that was just taken from p's
// free ranges.
func leaseTxn(txn *memdb.Txn, p *ipPool, ip, owner string) {
	insert(txn, tableIPs, &IPLease{Pool: p.Pool, Ip: ip, Owner: owner})
	insert(txn, tableIPPools, &ipPool{Pool: p.Pool, Cidr: p.Cidr, Leased: p.Leased + 1})
}

// takeAddrTxn takes a free address out of its pool's range.
func takeAddrTxn(txn *memdb.Txn, pool string, a uint32) {
	r := rangeFromTxn(txn, pool, a)
	if r == nil || r.Start > a {
		panic(fmt.Sprintf("engine: ipam: %s is neither leased nor free in %s", u32Addr(a), pool))
	}
	switch {
	case r.Start == r.End:
		remove(txn, tableIPFree, r)
	case a == r.Start:
		insert(txn, tableIPFree, &ipFreeRange{Pool: pool, Start: a + 1, End: r.End})
	case a == r.End:
		remove(txn, tableIPFree, r)
		insert(txn, tableIPFree, &ipFreeRange{Pool: pool, Start: r.Start, End: a - 1})
	default:
		insert(txn, tableIPFree, &ipFreeRange{Pool: pool, Start: r.Start, End: a - 1})
		insert(txn, tableIPFree, &ipFreeRange{Pool: pool, Start: a + 1, End: r.End})
	}
}

// giveAddrTxn returns an address to its pool's ranges, merging it with the
// ranges just below and above it.
func giveAddrTxn(txn *memdb.Txn, pool string, a uint32) {
	var below *ipFreeRange
	if a > 0 {
		below, _ = first(txn, tableIPFree, indexID, freeRangeKey(pool, a-1)).(*ipFreeRange)
	}
	var above *ipFreeRange
	if a < math.MaxUint32 {
		if r := rangeFromTxn(txn, pool, a+1); r != nil && r.Start == a+1 {
			above = r
		}
	}
	switch {
	case below != nil && above != nil:
		remove(txn, tableIPFree, below)
		insert(txn, tableIPFree, &ipFreeRange{Pool: pool, Start: below.Start, End: above.End})
	case below != nil:
		remove(txn, tableIPFree, below)
		insert(txn, tableIPFree, &ipFreeRange{Pool: pool, Start: below.Start, End: a})
	case above != nil:
		insert(txn, tableIPFree, &ipFreeRange{Pool: pool, Start: a, End: above.End})
	default:
		insert(txn, tableIPFree, &ipFreeRange{Pool: pool, Start: a, End: a})
	}
}

// rangeFromTxn returns the pool's first range that ends at a or above, or nil.
func rangeFromTxn(txn *memdb.Txn, pool string, a uint32) *ipFreeRange {
	it, err := txn.LowerBound(tableIPFree, indexID, freeRangeKey(pool, a))
	if err != nil {
		panic("engine: ipam: " + err.Error())
	}
	r, _ := it.Next().(*ipFreeRange)
	if r == nil || r.Pool != pool {
		return nil
	}
	return r
}

// poolCIDRTxn is the block a pool's addresses come from; ok is false for a
// vSwitch that does not exist.
func poolCIDRTxn(txn *memdb.Txn, pool string) (netip.Prefix, bool) {
	switch {
	case strings.HasPrefix(pool, "classic/"):
		return classicCIDR, true
	case strings.HasPrefix(pool, "internet/"):
		return internetCIDR, true
	}
	vsw, _ := first(txn, tableVSwitches, indexID, pool).(*model.VSwitch)
	if vsw == nil {
		return netip.Prefix{}, false
	}
	return vswitchCIDR(vsw), true
}

// leasedTxn is how many addresses of a pool are leased.
func leasedTxn(txn *memdb.Txn, pool string) int {
	if p, _ := first(txn, tableIPPools, indexID, pool).(*ipPool); p != nil {
		return p.Leased
	}
	return len(leasesOfTxn(txn, pool))
}

// leasesOfTxn returns a pool's leases, by address.
func leasesOfTxn(txn *memdb.Txn, pool string) []*IPLease {
	return all[IPLease](txn, tableIPs, indexID+"_prefix", pool, "")
}

// rebuildPoolsTxn makes every pool's state again from the leases
// (rebuildDerivedTxn).
func rebuildPoolsTxn(txn *memdb.Txn) {
	for _, table := range []string{tableIPPools, tableIPFree} {
		if _, err := txn.DeleteAll(table, indexID); err != nil {
			panic("engine: ipam: " + err.Error())
		}
	}
	var pools []string
	for _, l := range all[IPLease](txn, tableIPs, indexID) {
		if len(pools) == 0 || pools[len(pools)-1] != l.Pool {
			pools = append(pools, l.Pool)
		}
	}
	for _, pool := range pools {
		if cidr, ok := poolCIDRTxn(txn, pool); ok {
			initPoolTxn(txn, pool, cidr)
		}
	}
}

// reservedAddr reports whether addr is one of the addresses a block keeps for
// itself: the first reservedHead and the last reservedTail, those outside
// its usableRange.
func reservedAddr(cidr netip.Prefix, addr netip.Addr) bool {
	if !addr.Is4() || !cidr.Contains(addr) {
		return false
	}
	lo, hi, ok := usableRange(cidr)
	a := addrU32(addr)
	return !ok || a < lo || a > hi
}

// releaseIPTxn returns an address to its pool.
func releaseIPTxn(txn *memdb.Txn, pool, ip string) {
	lease := first(txn, tableIPs, indexID, pool, ip)
	if lease == nil {
		return
	}
	remove(txn, tableIPs, lease)
	p, _ := first(txn, tableIPPools, indexID, pool).(*ipPool)
	if p == nil {
		if cidr, ok := poolCIDRTxn(txn, pool); ok {
			initPoolTxn(txn, pool, cidr)
		}
		return
	}
	insert(txn, tableIPPools, &ipPool{Pool: p.Pool, Cidr: p.Cidr, Leased: p.Leased - 1})
	if a, err := netip.ParseAddr(ip); err == nil && a.Is4() && p.Cidr.Contains(a) && !reservedAddr(p.Cidr, a) {
		giveAddrTxn(txn, pool, addrU32(a))
	}
}

// vswitchCIDR parses a stored vSwitch CIDR; stored CIDRs were validated.
func vswitchCIDR(vsw *model.VSwitch) netip.Prefix {
	return netip.MustParsePrefix(vsw.CidrBlock)
}
