package engine

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// BenchmarkAddBackendServers compares engine AddBackendServers with the floor
// it is built on, side by side in one run: a raw go-memdb write transaction
// inserting the same rows (model.Backend, as the engine stores them) into a
// table with the same indexes (backendsTableSchema) and committing.
//
//	go test -run='^$' -bench='^BenchmarkAddBackendServers$' -count=6 ./engine/ | tee add.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /impl add.txt
//
// Both rotate over benchLBs empty load balancers: each iteration attaches n
// servers to the next empty LB, and once every LB has been used the timer is
// stopped and all of them are emptied again. So no iteration hits the quota
// or an "already attached" error, every add lands on an empty LB, the state
// stays bounded, and setup and cleanup stay out of the timer (the timer is
// stopped once per benchLBs iterations, not once per iteration).

const (
	benchLBs     = 256
	benchAccount = "1234567890123456"
	benchRegion  = "cn-hangzhou"
)

func BenchmarkAddBackendServers(b *testing.B) {
	for _, n := range []int{1, 20} {
		for _, impl := range []struct {
			name  string
			setup func(b *testing.B, n int) addBench
		}{{"engine", engineAddBench}, {"raw-memdb", rawAddBench}} {
			b.Run(fmt.Sprintf("servers=%d/impl=%s", n, impl.name), func(b *testing.B) {
				ab := impl.setup(b, n)
				b.ReportAllocs()
				next := 0
				for b.Loop() {
					if next == benchLBs {
						b.StopTimer()
						ab.empty()
						next = 0
						b.StartTimer()
					}
					ab.add(next)
					next++
				}
			})
		}
	}
}

// BenchmarkAddBackendServersRatio runs the two of BenchmarkAddBackendServers
// in turn, one call of each per iteration, and reports each one's time per
// call and their ratio (engine/raw): on a busy machine, whatever slows one
// slows the other alike.
func BenchmarkAddBackendServersRatio(b *testing.B) {
	for _, n := range []int{1, 20} {
		b.Run(fmt.Sprintf("servers=%d", n), func(b *testing.B) {
			eng, raw := engineAddBench(b, n), rawAddBench(b, n)
			var engT, rawT time.Duration
			next := 0
			for b.Loop() {
				if next == benchLBs {
					b.StopTimer()
					eng.empty()
					raw.empty()
					next = 0
					b.StartTimer()
				}
				t0 := time.Now()
				eng.add(next)
				t1 := time.Now()
				raw.add(next)
				rawT += time.Since(t1)
				engT += t1.Sub(t0)
				next++
			}
			b.ReportMetric(float64(engT.Nanoseconds())/float64(b.N), "engine-ns/op")
			b.ReportMetric(float64(rawT.Nanoseconds())/float64(b.N), "raw-ns/op")
			b.ReportMetric(float64(engT)/float64(rawT), "engine/raw")
		})
	}
}

// addBench is one side of the comparison: add attaches n servers to the
// i-th of benchLBs empty LBs; empty empties them all again.
type addBench struct {
	add   func(i int)
	empty func()
}

// engineAddBench is engine AddBackendServers of n servers.
func engineAddBench(b *testing.B, n int) addBench {
	s, err := New(Config{IDs: model.NewIDSource(1)})
	if err != nil {
		b.Fatal(err)
	}
	vpc, err := s.PutVpc(model.Vpc{AccountId: benchAccount, RegionId: benchRegion, CidrBlock: "192.168.0.0/16"})
	if err != nil {
		b.Fatal(err)
	}
	vsw, err := s.PutVSwitch(model.VSwitch{AccountId: benchAccount, RegionId: benchRegion, VpcId: vpc.VpcId, CidrBlock: "192.168.0.0/20"})
	if err != nil {
		b.Fatal(err)
	}
	elems := make([]string, n)
	for i := range elems {
		inst, err := s.PutInstance(model.Instance{AccountId: benchAccount, RegionId: benchRegion, VSwitchId: vsw.VSwitchId})
		if err != nil {
			b.Fatal(err)
		}
		// The API reference's form: double quotes, Weight as a string.
		elems[i] = `{"ServerId":"` + inst.InstanceId + `","Weight":"100"}`
	}
	body := "[" + strings.Join(elems, ",") + "]"
	adds := make([]*model.AddBackendServersRequest, benchLBs)
	for i := range adds {
		lb, err := s.PutLoadBalancer(model.LoadBalancer{AccountId: benchAccount, RegionId: benchRegion, VSwitchId: vsw.VSwitchId})
		if err != nil {
			b.Fatal(err)
		}
		adds[i] = &model.AddBackendServersRequest{RegionId: benchRegion, LoadBalancerId: lb.LoadBalancerId, BackendServers: body}
	}
	used := 0
	return addBench{
		add: func(i int) {
			resp, e := s.AddBackendServers(benchAccount, adds[i])
			if e != nil {
				b.Fatal(e)
			}
			if len(resp.BackendServers.BackendServer) != n {
				b.Fatalf("got %d backends, want %d", len(resp.BackendServers.BackendServer), n)
			}
			used = max(used, i+1)
		},
		empty: func() {
			for _, req := range adds[:used] {
				if _, e := s.RemoveBackendServers(benchAccount, req); e != nil {
					b.Fatal(e)
				}
			}
			used = 0
		},
	}
}

// rawAddBench is the floor: one go-memdb write transaction inserting the n
// rows engine AddBackendServers inserts, into a table with the same schema
// as the engine's backends table, then committing. No lookup, no change
// tracking, no response.
func rawAddBench(b *testing.B, n int) addBench {
	schema := &memdb.DBSchema{Tables: map[string]*memdb.TableSchema{tableBackends: backendsTableSchema()}}
	db, err := memdb.NewMemDB(schema)
	if err != nil {
		b.Fatal(err)
	}
	ids := model.NewIDSource(1)
	lbs := make([]string, benchLBs)
	for i := range lbs {
		lbs[i] = ids.NewID(model.PrefixLoadBalancer, "bp1")
	}
	servers := make([]string, n)
	ips := make([]string, n)
	for i := range servers {
		servers[i] = ids.NewID(model.PrefixInstance, "bp1")
		ips[i] = fmt.Sprintf("192.168.0.%d", i+1)
	}
	vpcId := ids.NewID(model.PrefixVpc, "bp1")
	return addBench{
		add: func(i int) {
			txn := db.Txn(true)
			for k, id := range servers {
				row := &model.Backend{LoadBalancerId: lbs[i], ServerId: id, Type: model.ServerECS, Weight: 100,
					ServerIp: ips[k], VpcId: vpcId, Seq: uint64(k + 1)}
				if err := txn.Insert(tableBackends, row); err != nil {
					b.Fatal(err)
				}
			}
			txn.Commit()
		},
		empty: func() {
			txn := db.Txn(true)
			if _, err := txn.DeleteAll(tableBackends, indexID); err != nil {
				b.Fatal(err)
			}
			txn.Commit()
		},
	}
}
