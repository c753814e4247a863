package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// The benchmarks compare AddBackendServers with the floor it is built on: a
// raw go-memdb write transaction inserting the same number of rows into a
// comparable table and committing.
//
//	go test -run=^$ -bench=. -benchtime=2s ./engine/
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
		b.Run(fmt.Sprintf("servers=%d", n), func(b *testing.B) {
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
			empty := func(used int) {
				for _, req := range adds[:used] {
					if _, e := s.RemoveBackendServers(benchAccount, req); e != nil {
						b.Fatal(e)
					}
				}
			}

			b.ReportAllocs()
			next := 0
			for b.Loop() {
				if next == benchLBs {
					b.StopTimer()
					empty(next)
					next = 0
					b.StartTimer()
				}
				resp, e := s.AddBackendServers(benchAccount, adds[next])
				if e != nil {
					b.Fatal(e)
				}
				if len(resp.BackendServers.BackendServer) != n {
					b.Fatalf("got %d backends, want %d", len(resp.BackendServers.BackendServer), n)
				}
				next++
			}
		})
	}
}

// benchRow is a row of the baseline table, shaped like model.Backend.
type benchRow struct {
	LoadBalancerId string
	ServerId       string
	Type           string
	Weight         int
	ServerIp       string
	Seq            uint64
}

func benchBaselineSchema() *memdb.DBSchema {
	return &memdb.DBSchema{Tables: map[string]*memdb.TableSchema{
		"rows": {Name: "rows", Indexes: map[string]*memdb.IndexSchema{
			"id": {Name: "id", Unique: true, Indexer: &memdb.CompoundIndex{Indexes: []memdb.Indexer{
				&memdb.StringFieldIndex{Field: "LoadBalancerId"},
				&memdb.StringFieldIndex{Field: "ServerId"},
			}}},
			"lb": {Name: "lb", Indexer: &memdb.StringFieldIndex{Field: "LoadBalancerId"}},
		}},
	}}
}

func BenchmarkBaselineMemdbInsert(b *testing.B) {
	for _, n := range []int{1, 20} {
		b.Run(fmt.Sprintf("servers=%d", n), func(b *testing.B) {
			db, err := memdb.NewMemDB(benchBaselineSchema())
			if err != nil {
				b.Fatal(err)
			}
			ids := model.NewIDSource(1)
			lbs := make([]string, benchLBs)
			for i := range lbs {
				lbs[i] = ids.NewID(model.PrefixLoadBalancer, "bp1")
			}
			servers := make([]string, n)
			for i := range servers {
				servers[i] = ids.NewID(model.PrefixInstance, "bp1")
			}
			empty := func() {
				txn := db.Txn(true)
				if _, err := txn.DeleteAll("rows", "id"); err != nil {
					b.Fatal(err)
				}
				txn.Commit()
			}

			b.ReportAllocs()
			next := 0
			for b.Loop() {
				if next == benchLBs {
					b.StopTimer()
					empty()
					next = 0
					b.StartTimer()
				}
				txn := db.Txn(true)
				for i, id := range servers {
					row := &benchRow{LoadBalancerId: lbs[next], ServerId: id, Type: "ecs", Weight: 100, ServerIp: "192.168.0.10", Seq: uint64(i + 1)}
					if err := txn.Insert("rows", row); err != nil {
						b.Fatal(err)
					}
				}
				txn.Commit()
				next++
			}
		})
	}
}
