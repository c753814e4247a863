package engine

import (
	"net/netip"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// Private and public addresses. Every address is drawn in order from a pool,
// so the same calls give the same addresses. Pools: a vSwitch ID (its CIDR),
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
	}
	if want != "" {
		if first(txn, tableIPs, indexID, pool, want) != nil {
			return "", model.ErrIpAddressUsed()
		}
		insert(txn, tableIPs, &IPLease{Pool: pool, Ip: want, Owner: owner})
		return want, nil
	}
	last := lastAddr(cidr)
	for addr := cidr.Masked().Addr(); addr.IsValid() && cidr.Contains(addr); addr = addr.Next() {
		if reservedAddr(cidr, addr) || first(txn, tableIPs, indexID, pool, addr.String()) != nil {
			if addr == last {
				break
			}
			continue
		}
		insert(txn, tableIPs, &IPLease{Pool: pool, Ip: addr.String(), Owner: owner})
		return addr.String(), nil
	}
	return "", model.ErrVSwitchIpExhausted()
}

// reservedAddr reports whether addr is one of the addresses a block keeps for
// itself: the first reservedHead (see ipam.go) and the last three (DOC).
func reservedAddr(cidr netip.Prefix, addr netip.Addr) bool {
	head := cidr.Masked().Addr()
	for i := 0; i < reservedHead; i++ {
		if addr == head {
			return true
		}
		head = head.Next()
	}
	tail := lastAddr(cidr)
	for i := 0; i < 3 && tail.IsValid(); i++ {
		if addr == tail {
			return true
		}
		tail = tail.Prev()
	}
	return false
}

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().As4()
	hostBits := 32 - p.Bits()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	v |= uint32(uint64(1)<<hostBits - 1)
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// releaseIPTxn returns an address to its pool.
func releaseIPTxn(txn *memdb.Txn, pool, ip string) {
	if lease := first(txn, tableIPs, indexID, pool, ip); lease != nil {
		remove(txn, tableIPs, lease)
	}
}

// vswitchCIDR parses a stored vSwitch CIDR; stored CIDRs were validated.
func vswitchCIDR(vsw *model.VSwitch) netip.Prefix {
	return netip.MustParsePrefix(vsw.CidrBlock)
}
