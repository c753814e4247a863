package engine

import (
	"fmt"
	"net/netip"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// The scale benchmarks run every list call, with paging and with each of its
// filters, on two worlds of one account and region built through the
// engine's fixtures (Put*) and AddBackendServers:
//
//	world a:   1,000 instances,    100 LBs,   2,000 backends,    100 ENIs,  5 VPCs,  10 vSwitches
//	world b: 100,000 instances, 10,000 LBs, 200,000 backends, 10,000 ENIs, 50 VPCs, 100 vSwitches
//
// A list call should cost about the same in both (issue 11: at most 1.3x).
// Every case answers as many rows in both worlds: the paging cases the
// issue's pages (50 LBs, 100 instances), the filter cases pages of 5 (the
// rows of a filter are 10 to 100 times more in world b). Besides ns/op,
// each reports cpu-ns/op, the process's CPU time per call, which a machine
// shared with other work disturbs less than the wall clock.
// World b takes a few seconds to build and about 1 GiB, so it is built only
// when SLBFAKE_BENCH_LARGE=1; each world is built once per process. The
// allocation benchmarks lease an automatic address in an empty /16 vSwitch
// and in one with 60,000 addresses leased. One command runs all of it and
// compares the worlds:
//
//	SLBFAKE_BENCH_LARGE=1 go test -run='^$' -bench='^BenchmarkScale' -count=6 ./engine/ | tee scale.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /world scale.txt

// scaleWorld is a built world and the filter values the benchmarks use.
type scaleWorld struct {
	s *Store
	// build is how long building took.
	build time.Duration

	vpcIds, vswIds []string
	zone           string
	// instIds, lbIds, eniIds: every ID, in creation order.
	instIds, lbIds, eniIds []string
	lbAddress              string
	// server is a running instance on a few LBs; eniOwner an instance with
	// an ENI attached.
	server, eniOwner string
}

type scaleSpec struct {
	name                           string
	vpcs, instances, lbs, enis     int
	backendsPerLB, vswitchesPerVpc int
}

var (
	scaleWorldA = scaleSpec{name: "a", vpcs: 5, instances: 1_000, lbs: 100, enis: 100, backendsPerLB: 20, vswitchesPerVpc: 2}
	scaleWorldB = scaleSpec{name: "b", vpcs: 50, instances: 100_000, lbs: 10_000, enis: 10_000, backendsPerLB: 20, vswitchesPerVpc: 2}
)

var (
	scaleWorldsMu sync.Mutex
	scaleWorlds   = map[string]*scaleWorld{}
)

// scaleWorlds returns the worlds to run on: a always, b with
// SLBFAKE_BENCH_LARGE=1.
func scaleWorldSpecs() []scaleSpec {
	if os.Getenv("SLBFAKE_BENCH_LARGE") == "1" {
		return []scaleSpec{scaleWorldA, scaleWorldB}
	}
	return []scaleSpec{scaleWorldA}
}

// worldOf returns the world of sp. The first call builds every world the
// run uses (once per process): each is then measured with the same heap,
// which paces the garbage collector alike.
func worldOf(tb testing.TB, sp scaleSpec) *scaleWorld {
	scaleWorldsMu.Lock()
	defer scaleWorldsMu.Unlock()
	for _, other := range scaleWorldSpecs() {
		if scaleWorlds[other.name] != nil {
			continue
		}
		w, err := buildScaleWorld(other)
		if err != nil {
			tb.Fatal(err)
		}
		scaleWorlds[other.name] = w
		runtime.GC() // none of the building left for the benchmarks to collect
	}
	return scaleWorlds[sp.name]
}

// buildScaleWorld builds a world of n vSwitches: instance i is in vSwitch
// i mod n, and every tenth instance of a vSwitch is Stopped; LB j is in
// vSwitch j mod n, and of the LBs of a vSwitch one in five is an internet
// LB on the classic network (with backends of that vSwitch's VPC), one in
// ten is inactive, and they are named lb-group-0 to lb-group-9 in turn;
// each LB has backendsPerLB running instances of its vSwitch. ENI k is in
// vSwitch k mod n, and every other ENI of a vSwitch is attached to one of
// its last instances (so that the first pages of instances show none). Both
// worlds have the same proportions, so that a page shows rows alike in
// both.
func buildScaleWorld(sp scaleSpec) (*scaleWorld, error) {
	start := time.Now()
	s, err := New(Config{IDs: model.NewIDSource(11), Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }, BackendQuota: 200})
	if err != nil {
		return nil, err
	}
	w := &scaleWorld{s: s}
	acct, region := benchAccount, benchRegion
	zones := model.Regions()[0].Zones
	for _, r := range model.Regions() {
		if r.RegionId == region {
			zones = r.Zones
		}
	}
	w.zone = zones[1]
	for v := 0; v < sp.vpcs; v++ {
		vpc, err := s.PutVpc(model.Vpc{AccountId: acct, RegionId: region, CidrBlock: fmt.Sprintf("10.%d.0.0/16", v), VpcName: fmt.Sprintf("vpc-%d", v)})
		if err != nil {
			return nil, err
		}
		w.vpcIds = append(w.vpcIds, vpc.VpcId)
		for k := 0; k < sp.vswitchesPerVpc; k++ {
			vsw, err := s.PutVSwitch(model.VSwitch{AccountId: acct, RegionId: region, VpcId: vpc.VpcId, ZoneId: zones[k%len(zones)],
				CidrBlock: fmt.Sprintf("10.%d.%d.0/%d", v, k*256/sp.vswitchesPerVpc, 16+bitsFor(sp.vswitchesPerVpc))})
			if err != nil {
				return nil, err
			}
			w.vswIds = append(w.vswIds, vsw.VSwitchId)
		}
	}
	nv := len(w.vswIds)
	running := make([][]string, nv) // running instances per vSwitch
	all := make([][]string, nv)
	for i := 0; i < sp.instances; i++ {
		st := model.StatusRunning
		if (i/nv)%10 == 9 {
			st = model.StatusStopped
		}
		inst, err := s.PutInstance(model.Instance{AccountId: acct, RegionId: region, VSwitchId: w.vswIds[i%nv], Status: st})
		if err != nil {
			return nil, err
		}
		w.instIds = append(w.instIds, inst.InstanceId)
		all[i%nv] = append(all[i%nv], inst.InstanceId)
		if st == model.StatusRunning {
			running[i%nv] = append(running[i%nv], inst.InstanceId)
		}
	}
	for j := 0; j < sp.lbs; j++ {
		v := j % nv
		lb := model.LoadBalancer{AccountId: acct, RegionId: region, LoadBalancerName: fmt.Sprintf("lb-group-%d", (j/nv)%10)}
		if (j/nv)%5 != 0 {
			lb.VSwitchId = w.vswIds[v]
		}
		created, err := s.PutLoadBalancer(lb)
		if err != nil {
			return nil, err
		}
		w.lbIds = append(w.lbIds, created.LoadBalancerId)
		pool := running[v]
		elems := make([]string, 0, sp.backendsPerLB)
		for t := 0; t < sp.backendsPerLB; t++ {
			elems = append(elems, `{"ServerId":"`+pool[(j/nv*sp.backendsPerLB+t)%len(pool)]+`"}`)
		}
		if _, e := s.AddBackendServers(acct, &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: created.LoadBalancerId,
			BackendServers: "[" + strings.Join(elems, ",") + "]"}); e != nil {
			return nil, fmt.Errorf("AddBackendServers: %v", e)
		}
		if (j/nv)%10 == 9 {
			if err := s.ForceLoadBalancerStatus(created.LoadBalancerId, model.LBInactive); err != nil {
				return nil, err
			}
		}
	}
	for k := 0; k < sp.enis; k++ {
		v := k % nv
		eni := model.NetworkInterface{AccountId: acct, RegionId: region, VSwitchId: w.vswIds[v], SecurityGroupId: "sg-bp1scale0000000000"}
		if (k/nv)%2 == 0 { // the vSwitch's last instances, in both worlds
			eni.InstanceId = all[v][len(all[v])-1-(k/nv)%len(all[v])]
		}
		created, err := s.PutNetworkInterface(eni)
		if err != nil {
			return nil, err
		}
		w.eniIds = append(w.eniIds, created.NetworkInterfaceId)
		if k >= sp.enis/2 && w.eniOwner == "" {
			w.eniOwner = created.InstanceId
		}
	}
	// The middle LB's address, and a running server of its pool.
	mid, e := s.DescribeLoadBalancerAttribute(acct, &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: w.lbIds[len(w.lbIds)/2+1]})
	if e != nil {
		return nil, fmt.Errorf("DescribeLoadBalancerAttribute: %v", e)
	}
	w.lbAddress = mid.Address
	w.server = mid.BackendServers.BackendServer[0].ServerId
	w.build = time.Since(start)
	return w, nil
}

// reportCPU reports the process's CPU time per iteration since start, when
// the platform tells it (processCPU).
func reportCPU(b *testing.B, start time.Duration) {
	if used := processCPU() - start; used > 0 && b.N > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// bitsFor is the number of bits that number n things.
func bitsFor(n int) int {
	b := 0
	for 1<<b < n {
		b++
	}
	return b
}

// spread picks n IDs spread over ids.
func spread(ids []string, n int) []string {
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, ids[(i*len(ids))/n+len(ids)/(2*n)])
	}
	return out
}

// scaleCase is one benchmarked call: it returns the TotalCount it saw.
type scaleCase struct {
	name string
	call func(w *scaleWorld) (int, *model.Error)
}

func scaleCases() []scaleCase {
	acct, region := benchAccount, benchRegion
	lbs := func(req model.DescribeLoadBalancersRequest) func(w *scaleWorld) (int, *model.Error) {
		return func(w *scaleWorld) (int, *model.Error) {
			req := req
			req.RegionId = region
			fillLB(w, &req)
			resp, e := w.s.DescribeLoadBalancers(acct, &req)
			if e != nil {
				return 0, e
			}
			return resp.TotalCount, nil
		}
	}
	insts := func(req model.DescribeInstancesRequest) func(w *scaleWorld) (int, *model.Error) {
		return func(w *scaleWorld) (int, *model.Error) {
			req := req
			req.RegionId = region
			switch req.VSwitchId {
			case "?":
				req.VSwitchId = w.vswIds[len(w.vswIds)/2]
			}
			switch req.VpcId {
			case "?":
				req.VpcId = w.vpcIds[len(w.vpcIds)/2]
			}
			if req.ZoneId == "?" {
				req.ZoneId = w.zone
			}
			if req.InstanceIds == "?" {
				req.InstanceIds = `["` + strings.Join(spread(w.instIds, 10), `","`) + `"]`
			}
			resp, e := w.s.DescribeInstances(acct, &req)
			if e != nil {
				return 0, e
			}
			return resp.TotalCount, nil
		}
	}
	status := func(req model.DescribeInstanceStatusRequest) func(w *scaleWorld) (int, *model.Error) {
		return func(w *scaleWorld) (int, *model.Error) {
			req := req
			req.RegionId = region
			if req.ZoneId == "?" {
				req.ZoneId = w.zone
			}
			if len(req.InstanceId) == 1 && req.InstanceId[0] == "?" {
				req.InstanceId = spread(w.instIds, 10)
			}
			resp, e := w.s.DescribeInstanceStatus(acct, &req)
			if e != nil {
				return 0, e
			}
			return resp.TotalCount, nil
		}
	}
	enis := func(req model.DescribeNetworkInterfacesRequest) func(w *scaleWorld) (int, *model.Error) {
		return func(w *scaleWorld) (int, *model.Error) {
			req := req
			req.RegionId = region
			if req.VSwitchId == "?" {
				req.VSwitchId = w.vswIds[len(w.vswIds)/2]
			}
			if req.VpcId == "?" {
				req.VpcId = w.vpcIds[len(w.vpcIds)/2]
			}
			if req.InstanceId == "?" {
				req.InstanceId = w.eniOwner
			}
			if len(req.NetworkInterfaceId) == 1 && req.NetworkInterfaceId[0] == "?" {
				req.NetworkInterfaceId = spread(w.eniIds, 10)
			}
			resp, e := w.s.DescribeNetworkInterfaces(acct, &req)
			if e != nil {
				return 0, e
			}
			return resp.TotalCount, nil
		}
	}
	vpcs := func(req model.DescribeVpcsRequest) func(w *scaleWorld) (int, *model.Error) {
		return func(w *scaleWorld) (int, *model.Error) {
			req := req
			req.RegionId = region
			if req.VpcId == "?" {
				req.VpcId = strings.Join(spread(w.vpcIds, 2), ",")
			}
			resp, e := w.s.DescribeVpcs(acct, &req)
			if e != nil {
				return 0, e
			}
			return resp.TotalCount, nil
		}
	}
	vsws := func(req model.DescribeVSwitchesRequest) func(w *scaleWorld) (int, *model.Error) {
		return func(w *scaleWorld) (int, *model.Error) {
			req := req
			req.RegionId = region
			if req.VpcId == "?" {
				req.VpcId = w.vpcIds[len(w.vpcIds)/2]
			}
			if req.VSwitchId == "?" {
				req.VSwitchId = w.vswIds[len(w.vswIds)/2]
			}
			if req.ZoneId == "?" {
				req.ZoneId = w.zone
			}
			resp, e := w.s.DescribeVSwitches(acct, &req)
			if e != nil {
				return 0, e
			}
			return resp.TotalCount, nil
		}
	}
	page := func(n, size int) model.Paging { return model.Paging{PageNumber: n, PageSize: size} }
	five := page(1, 5)
	return []scaleCase{
		{"DescribeLoadBalancers/page=1", lbs(model.DescribeLoadBalancersRequest{Paging: page(1, 50)})},
		{"DescribeLoadBalancers/page=2", lbs(model.DescribeLoadBalancersRequest{Paging: page(2, 50)})},
		{"DescribeLoadBalancers/ServerId", lbs(model.DescribeLoadBalancersRequest{ServerId: "?", Paging: five})},
		{"DescribeLoadBalancers/Address", lbs(model.DescribeLoadBalancersRequest{Address: "?", Paging: five})},
		{"DescribeLoadBalancers/LoadBalancerId", lbs(model.DescribeLoadBalancersRequest{LoadBalancerId: "?", Paging: five})},
		{"DescribeLoadBalancers/NetworkType", lbs(model.DescribeLoadBalancersRequest{NetworkType: "vpc", Paging: five})},
		{"DescribeLoadBalancers/AddressType", lbs(model.DescribeLoadBalancersRequest{AddressType: "internet", Paging: five})},
		{"DescribeLoadBalancers/Status", lbs(model.DescribeLoadBalancersRequest{LoadBalancerStatus: "inactive", Paging: five})},
		{"DescribeLoadBalancers/Name", lbs(model.DescribeLoadBalancersRequest{LoadBalancerName: "lb-group-3", Paging: five})},
		{"DescribeLoadBalancers/VpcId", lbs(model.DescribeLoadBalancersRequest{VpcId: "?", Paging: five})},
		{"DescribeLoadBalancers/VSwitchId", lbs(model.DescribeLoadBalancersRequest{VSwitchId: "?", Paging: five})},
		{"DescribeLoadBalancers/VSwitchId+Status", lbs(model.DescribeLoadBalancersRequest{VSwitchId: "?", LoadBalancerStatus: "active", Paging: five})},
		{"DescribeInstances/page=1", insts(model.DescribeInstancesRequest{Paging: page(1, 100)})},
		{"DescribeInstances/page=3", insts(model.DescribeInstancesRequest{Paging: page(3, 100)})},
		{"DescribeInstances/Status", insts(model.DescribeInstancesRequest{Status: "Stopped", Paging: five})},
		{"DescribeInstances/VSwitchId", insts(model.DescribeInstancesRequest{VSwitchId: "?", Paging: five})},
		{"DescribeInstances/VpcId", insts(model.DescribeInstancesRequest{VpcId: "?", Paging: five})},
		{"DescribeInstances/ZoneId", insts(model.DescribeInstancesRequest{ZoneId: "?", Paging: five})},
		{"DescribeInstances/NetworkType", insts(model.DescribeInstancesRequest{InstanceNetworkType: "vpc", Paging: five})},
		{"DescribeInstances/InstanceIds", insts(model.DescribeInstancesRequest{InstanceIds: "?", Paging: five})},
		{"DescribeInstances/VSwitchId+Status", insts(model.DescribeInstancesRequest{VSwitchId: "?", Status: "Stopped", Paging: five})},
		{"DescribeInstanceStatus/page=1", status(model.DescribeInstanceStatusRequest{Paging: page(1, 50)})},
		{"DescribeInstanceStatus/ZoneId", status(model.DescribeInstanceStatusRequest{ZoneId: "?", Paging: five})},
		{"DescribeInstanceStatus/InstanceId", status(model.DescribeInstanceStatusRequest{InstanceId: []string{"?"}})},
		{"DescribeNetworkInterfaces/page=1", enis(model.DescribeNetworkInterfacesRequest{Paging: page(1, 50)})},
		{"DescribeNetworkInterfaces/InstanceId", enis(model.DescribeNetworkInterfacesRequest{InstanceId: "?", Paging: five})},
		{"DescribeNetworkInterfaces/VSwitchId", enis(model.DescribeNetworkInterfacesRequest{VSwitchId: "?", Paging: five})},
		{"DescribeNetworkInterfaces/Status", enis(model.DescribeNetworkInterfacesRequest{Status: "Available", Paging: five})},
		{"DescribeNetworkInterfaces/NetworkInterfaceId", enis(model.DescribeNetworkInterfacesRequest{NetworkInterfaceId: []string{"?"}})},
		{"DescribeVpcs/page=1", vpcs(model.DescribeVpcsRequest{Paging: five})},
		{"DescribeVpcs/VpcId", vpcs(model.DescribeVpcsRequest{VpcId: "?", Paging: five})},
		{"DescribeVpcs/VpcName", vpcs(model.DescribeVpcsRequest{VpcName: "vpc-1", Paging: five})},
		{"DescribeVSwitches/page=1", vsws(model.DescribeVSwitchesRequest{Paging: five})},
		{"DescribeVSwitches/VpcId", vsws(model.DescribeVSwitchesRequest{VpcId: "?", Paging: five})},
		{"DescribeVSwitches/ZoneId", vsws(model.DescribeVSwitchesRequest{ZoneId: "?", Paging: five})},
		{"DescribeVSwitches/VSwitchId", vsws(model.DescribeVSwitchesRequest{VSwitchId: "?", Paging: five})},
	}
}

// fillLB puts the world's values where a request asks for them ("?").
func fillLB(w *scaleWorld, req *model.DescribeLoadBalancersRequest) {
	if req.ServerId == "?" {
		req.ServerId = w.server
	}
	if req.Address == "?" {
		req.Address = w.lbAddress
	}
	if req.LoadBalancerId == "?" {
		req.LoadBalancerId = strings.Join(spread(w.lbIds, 10), ",")
	}
	if req.VpcId == "?" {
		req.VpcId = w.vpcIds[len(w.vpcIds)/2]
	}
	if req.VSwitchId == "?" {
		req.VSwitchId = w.vswIds[len(w.vswIds)/2]
	}
}

// BenchmarkScaleList runs every list call on each world; compare the worlds
// with benchstat -col /world.
func BenchmarkScaleList(b *testing.B) {
	for _, c := range scaleCases() {
		b.Run("call="+c.name, func(b *testing.B) {
			for _, sp := range scaleWorldSpecs() {
				b.Run("world="+sp.name, func(b *testing.B) {
					w := worldOf(b, sp)
					b.ReportAllocs()
					start := processCPU()
					for b.Loop() {
						if _, e := c.call(w); e != nil {
							b.Fatal(e)
						}
					}
					reportCPU(b, start)
				})
			}
		})
	}
}

// BenchmarkScaleBuild reports how long building each world took (once per
// process) and the heap in use once it is built, every world built so far
// included (run it first, and alone for the heap of one world).
func BenchmarkScaleBuild(b *testing.B) {
	for _, sp := range scaleWorldSpecs() {
		b.Run("world="+sp.name, func(b *testing.B) {
			w := worldOf(b, sp)
			for b.Loop() {
			}
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			b.ReportMetric(w.build.Seconds(), "build-s")
			b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "heap-MiB")
			runtime.KeepAlive(w)
		})
	}
}

// BenchmarkScaleAllocate leases one automatic address in a /16 vSwitch that
// is empty, and in one of the same world that has 60,000 of its 65,532
// addresses leased, in a transaction that is then aborted: the pool is the
// same at every iteration. PutInstance does the same through the fixture,
// deleting the instance again with the timer stopped (the address it
// releases is then the pool's lowest free one).
func BenchmarkScaleAllocate(b *testing.B) {
	w := allocWorld(b)
	for _, pool := range []struct {
		name string
		vsw  model.VSwitch
	}{{"empty", w.empty}, {"full", w.full}} {
		cidr := netip.MustParsePrefix(pool.vsw.CidrBlock)
		b.Run("call=allocate/pool="+pool.name, func(b *testing.B) {
			b.ReportAllocs()
			runtime.GC()
			start := processCPU()
			for b.Loop() {
				txn := w.s.db.Load().Txn(true)
				if _, e := allocateIPTxn(txn, pool.vsw.VSwitchId, cidr, "", "i-bench", privateIPErrors()); e != nil {
					b.Fatal(e)
				}
				txn.Abort()
			}
			reportCPU(b, start)
		})
		b.Run("call=PutInstance/pool="+pool.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				inst, err := w.s.PutInstance(model.Instance{AccountId: benchAccount, RegionId: benchRegion, VSwitchId: pool.vsw.VSwitchId})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if _, e := w.s.DeleteInstance(benchAccount, &model.DeleteInstanceRequest{RegionId: benchRegion, InstanceId: inst.InstanceId, Force: true}); e != nil {
					b.Fatal(e)
				}
				b.StartTimer()
			}
		})
	}
}

var (
	allocWorldOnce sync.Once
	allocWorldV    *allocWorldT
)

// allocWorldT is a store with two /16 vSwitches: empty, and full with
// 60,000 leased addresses.
type allocWorldT struct {
	s           *Store
	empty, full model.VSwitch
}

// allocWorld builds the allocation world once per process.
func allocWorld(b *testing.B) *allocWorldT {
	allocWorldOnce.Do(func() {
		s, err := New(Config{IDs: model.NewIDSource(3)})
		if err != nil {
			b.Fatal(err)
		}
		vpc, err := s.PutVpc(model.Vpc{AccountId: benchAccount, RegionId: benchRegion, CidrBlock: "172.16.0.0/12"})
		if err != nil {
			b.Fatal(err)
		}
		w := &allocWorldT{s: s}
		for i, vsw := range []*model.VSwitch{&w.empty, &w.full} {
			if *vsw, err = s.PutVSwitch(model.VSwitch{AccountId: benchAccount, RegionId: benchRegion, VpcId: vpc.VpcId,
				CidrBlock: fmt.Sprintf("172.%d.0.0/16", 16+i)}); err != nil {
				b.Fatal(err)
			}
		}
		// The empty pool has leased and released an address: it has its
		// allocator state, as a pool that was ever used has.
		inst, err := s.PutInstance(model.Instance{AccountId: benchAccount, RegionId: benchRegion, VSwitchId: w.empty.VSwitchId})
		if err != nil {
			b.Fatal(err)
		}
		if _, e := s.DeleteInstance(benchAccount, &model.DeleteInstanceRequest{RegionId: benchRegion, InstanceId: inst.InstanceId, Force: true}); e != nil {
			b.Fatal(e)
		}
		// 59,999 addresses by name (cheap for any allocator), then one
		// automatic one: the pool's lowest free address is then the next.
		const fill = 60_000
		cidr := netip.MustParsePrefix(w.full.CidrBlock)
		e := s.write(func(txn *memdb.Txn) *model.Error {
			addr := cidr.Addr().Next()
			for i := 0; i < fill; i++ {
				want := addr.String()
				if i == fill-1 {
					want = ""
				}
				if _, e := allocateIPTxn(txn, w.full.VSwitchId, cidr, want, fmt.Sprintf("i-fill%06d", i), privateIPErrors()); e != nil {
					return e
				}
				addr = addr.Next()
			}
			return nil
		})
		if e != nil {
			b.Fatal(e)
		}
		allocWorldV = w
	})
	if allocWorldV == nil {
		b.Fatal("the allocation world failed to build")
	}
	return allocWorldV
}
