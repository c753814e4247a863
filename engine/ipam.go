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
// out (the network address and the gateway's, as in a real vSwitch).
const reservedHead = 2

// allocateIPTxn leases an address of pool. With want set, that address is
// leased if it is inside cidr and free; otherwise the lowest free one is.
func allocateIPTxn(txn *memdb.Txn, pool string, cidr netip.Prefix, want, owner string) (string, *model.Error) {
	if want != "" {
		addr, err := netip.ParseAddr(want)
		if err != nil || !cidr.Contains(addr) {
			return "", model.ErrInvalidParameterValue("PrivateIpAddress")
		}
		if first(txn, tableIPs, indexID, pool, addr.String()) != nil {
			return "", model.ErrIpAddressUsed()
		}
		insert(txn, tableIPs, &IPLease{Pool: pool, Ip: addr.String(), Owner: owner})
		return addr.String(), nil
	}
	addr := cidr.Masked().Addr()
	for i := 0; i < reservedHead; i++ {
		addr = addr.Next()
	}
	for ; addr.IsValid() && cidr.Contains(addr); addr = addr.Next() {
		if first(txn, tableIPs, indexID, pool, addr.String()) == nil {
			insert(txn, tableIPs, &IPLease{Pool: pool, Ip: addr.String(), Owner: owner})
			return addr.String(), nil
		}
	}
	return "", model.ErrInvalidParameterValue("VSwitchId") // the vSwitch is full
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
