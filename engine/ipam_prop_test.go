package engine

import (
	"fmt"
	"net/netip"
	"slices"
	"testing"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
	"pgregory.net/rapid"
)

// TestAllocatorAgainstANaiveModel drives the allocator (allocateIPTxn,
// releaseIPTxn) with random sequences of automatic and named leases and of
// releases, in small vSwitches that fill up, and compares every answer with
// a naive model that scans the block: an automatic lease is the lowest
// address that is neither reserved nor leased, a named one is refused when
// outside the block, reserved or leased, and a full block is
// QuotaExceeded.PrivateIpAddress. Some steps run in a transaction that is
// then aborted (nothing changes), and some rebuild the allocator's state
// from the leases (as Load does) or drop it (as a world loaded without it):
// the answers stay the same. After every step the free ranges must be
// exactly the complement of the leases, and the leased count right.
func TestAllocatorAgainstANaiveModel(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		s, err := New(Config{IDs: model.NewIDSource(1)})
		if err != nil {
			rt.Fatal(err)
		}
		vpc, err := s.PutVpc(model.Vpc{AccountId: benchAccount, RegionId: benchRegion, CidrBlock: "192.168.0.0/16"})
		if err != nil {
			rt.Fatal(err)
		}
		type pool struct {
			id     string
			cidr   netip.Prefix
			leased map[netip.Addr]bool
		}
		var pools []*pool
		for i, bits := range []int{29, 28, 27} {
			cidr := fmt.Sprintf("192.168.%d.0/%d", i, bits)
			if i == 2 {
				cidr = fmt.Sprintf("192.168.%d.%d/%d", i, 32, bits) // not at the start of a /24
			}
			vsw, err := s.PutVSwitch(model.VSwitch{AccountId: benchAccount, RegionId: benchRegion, VpcId: vpc.VpcId, CidrBlock: cidr})
			if err != nil {
				rt.Fatal(err)
			}
			pools = append(pools, &pool{id: vsw.VSwitchId, cidr: netip.MustParsePrefix(cidr), leased: map[netip.Addr]bool{}})
		}
		// naiveReserved: the block's first address and its last three,
		// counted from the block's ends (not through the allocator's
		// reservedAddr and usableRange, which the model checks).
		naiveReserved := func(p *pool, a netip.Addr) bool {
			if !p.cidr.Contains(a) {
				return false
			}
			last := p.cidr.Addr()
			for next := last.Next(); p.cidr.Contains(next); next = next.Next() {
				last = next
			}
			return a == p.cidr.Addr() || a == last || a == last.Prev() || a == last.Prev().Prev()
		}
		// naiveLowest scans the block from its first address.
		naiveLowest := func(p *pool) (netip.Addr, bool) {
			for a := p.cidr.Addr(); p.cidr.Contains(a); a = a.Next() {
				if !naiveReserved(p, a) && !p.leased[a] {
					return a, true
				}
			}
			return netip.Addr{}, false
		}
		// anyAddr draws an address in or around the block.
		anyAddr := func(rt *rapid.T, p *pool) netip.Addr {
			a := p.cidr.Addr()
			for range rapid.IntRange(-2, 1<<(32-p.cidr.Bits())+1).Draw(rt, "offset") + 2 {
				a = a.Next()
			}
			for range 2 {
				a = a.Prev()
			}
			return a
		}
		check := func(rt *rapid.T) {
			txn := s.db.Load().Txn(false)
			for _, p := range pools {
				var want []ipFreeRange
				for addr := p.cidr.Addr(); p.cidr.Contains(addr); addr = addr.Next() {
					if naiveReserved(p, addr) || p.leased[addr] {
						continue
					}
					a := addrU32(addr)
					if n := len(want); n > 0 && want[n-1].End == a-1 {
						want[n-1].End = a
					} else {
						want = append(want, ipFreeRange{Pool: p.id, Start: a, End: a})
					}
				}
				st, _ := first(txn, tableIPPools, indexID, p.id).(*ipPool)
				if st == nil {
					continue // no state yet: the next allocation makes it
				}
				var got []ipFreeRange
				for _, r := range all[ipFreeRange](txn, tableIPFree, indexID+"_prefix", freeRangePrefix(p.id)) {
					got = append(got, *r)
				}
				if !slices.Equal(got, want) {
					rt.Fatalf("%s: free ranges %v, want %v", p.cidr, got, want)
				}
				if st.Leased != len(p.leased) {
					rt.Fatalf("%s: %d leased, want %d", p.cidr, st.Leased, len(p.leased))
				}
			}
		}
		rt.Repeat(map[string]func(*rapid.T){
			"auto": func(rt *rapid.T) {
				p := rapid.SampledFrom(pools).Draw(rt, "pool")
				abort := rapid.Bool().Draw(rt, "abort")
				want, ok := naiveLowest(p)
				var got string
				var e *model.Error
				runTxn(s, abort, func(txn *memdb.Txn) {
					got, e = allocateIPTxn(txn, p.id, p.cidr, "", "owner", privateIPErrors())
				})
				switch {
				case !ok:
					if e == nil || e.Code != model.ErrVSwitchIpExhausted().Code {
						rt.Fatalf("%s full: got %q, %v", p.cidr, got, e)
					}
				case e != nil || got != want.String():
					rt.Fatalf("%s: got %q, %v; want %s", p.cidr, got, e, want)
				case !abort:
					p.leased[want] = true
				}
			},
			"named": func(rt *rapid.T) {
				p := rapid.SampledFrom(pools).Draw(rt, "pool")
				a := anyAddr(rt, p)
				abort := rapid.Bool().Draw(rt, "abort")
				var e *model.Error
				runTxn(s, abort, func(txn *memdb.Txn) {
					_, e = allocateIPTxn(txn, p.id, p.cidr, a.String(), "owner", privateIPErrors())
				})
				var want *model.Error
				switch {
				case !p.cidr.Contains(a) || naiveReserved(p, a):
					want = model.ErrPrivateIpNotInVSwitch()
				case p.leased[a]:
					want = model.ErrIpAddressUsed()
				}
				if (e == nil) != (want == nil) || (e != nil && e.Code != want.Code) {
					rt.Fatalf("%s: lease %s: got %v, want %v", p.cidr, a, e, want)
				}
				if e == nil && !abort {
					p.leased[a] = true
				}
			},
			"release": func(rt *rapid.T) {
				p := rapid.SampledFrom(pools).Draw(rt, "pool")
				a := anyAddr(rt, p)
				if len(p.leased) > 0 && rapid.Bool().Draw(rt, "leased") {
					keys := make([]netip.Addr, 0, len(p.leased))
					for k := range p.leased {
						keys = append(keys, k)
					}
					slices.SortFunc(keys, netip.Addr.Compare)
					a = rapid.SampledFrom(keys).Draw(rt, "addr")
				}
				abort := rapid.Bool().Draw(rt, "abort")
				runTxn(s, abort, func(txn *memdb.Txn) { releaseIPTxn(txn, p.id, a.String()) })
				if !abort {
					delete(p.leased, a)
				}
			},
			"rebuild": func(rt *rapid.T) {
				runTxn(s, false, rebuildPoolsTxn)
			},
			"forget": func(rt *rapid.T) {
				// A world whose allocator state was never built: the next
				// allocation or release builds a pool's from its leases.
				runTxn(s, false, func(txn *memdb.Txn) {
					for _, table := range []string{tableIPPools, tableIPFree} {
						if _, err := txn.DeleteAll(table, indexID); err != nil {
							rt.Fatal(err)
						}
					}
				})
			},
			"": check,
		})
	})
}

// runTxn runs fn in a write transaction and commits it, or aborts it.
func runTxn(s *Store, abort bool, fn func(txn *memdb.Txn)) {
	txn := s.db.Load().Txn(true)
	fn(txn)
	if abort {
		txn.Abort()
		return
	}
	txn.Commit()
}
