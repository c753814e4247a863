package fake_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

// BenchmarkRecordMemory reports the heap one recorded call keeps (B/call):
// the same calls made on a fake that records every call and on one that
// keeps only the last, the difference in live heap per call. Each
// AddBackendServers attaches one instance to one of 50 LBs, which end with
// 20 backends each (the response, which the record copies, lists the LB's
// backends); DescribeLoadBalancerAttribute reads one of them.
//
//	go test -run='^$' -bench='^BenchmarkRecordMemory' -benchtime=1x ./fake/
func BenchmarkRecordMemory(b *testing.B) {
	const lbs, perLB = 50, 20
	ctx := context.Background()
	type world struct {
		f     *fake.Fake
		lbs   []string
		insts []string
	}
	build := func(b *testing.B, opts ...fake.Option) world {
		w := world{f: fake.New(opts...)}
		vpc, err := w.f.PutVpc(model.Vpc{CidrBlock: "10.0.0.0/16"})
		if err != nil {
			b.Fatal(err)
		}
		vsw, err := w.f.PutVSwitch(model.VSwitch{VpcId: vpc.VpcId, CidrBlock: "10.0.0.0/20"})
		if err != nil {
			b.Fatal(err)
		}
		for range lbs * perLB {
			inst, err := w.f.PutInstance(model.Instance{VSwitchId: vsw.VSwitchId})
			if err != nil {
				b.Fatal(err)
			}
			w.insts = append(w.insts, inst.InstanceId)
		}
		for range lbs {
			lb, err := w.f.PutLoadBalancer(model.LoadBalancer{VSwitchId: vsw.VSwitchId})
			if err != nil {
				b.Fatal(err)
			}
			w.lbs = append(w.lbs, lb.LoadBalancerId)
		}
		return w
	}
	calls := map[string]func(b *testing.B, w world, i int){
		"AddBackendServers": func(b *testing.B, w world, i int) {
			_, err := w.f.Client().AddBackendServers(ctx, &model.AddBackendServersRequest{RegionId: "cn-hangzhou", LoadBalancerId: w.lbs[i%lbs],
				BackendServers: `[{"ServerId":"` + w.insts[i] + `","Weight":"100"}]`})
			if err != nil {
				b.Fatal(err)
			}
		},
		"DescribeLoadBalancerAttribute": func(b *testing.B, w world, i int) {
			_, err := w.f.Client().DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: "cn-hangzhou",
				LoadBalancerId: w.lbs[i%lbs]})
			if err != nil {
				b.Fatal(err)
			}
		},
	}
	for _, name := range []string{"AddBackendServers", "DescribeLoadBalancerAttribute"} {
		b.Run(fmt.Sprintf("call=%s", name), func(b *testing.B) {
			var perCall float64
			for b.Loop() {
				var heap [2]uint64
				for k, opts := range [][]fake.Option{{fake.WithCallLimit(1)}, nil} {
					w := build(b, opts...)
					if name != "AddBackendServers" {
						for i := range lbs * perLB {
							calls["AddBackendServers"](b, w, i)
						}
						w.f.ResetCalls()
					}
					runtime.GC()
					before := heapAlloc()
					for i := range lbs * perLB {
						calls[name](b, w, i)
					}
					runtime.GC()
					heap[k] = heapAlloc() - before
					runtime.KeepAlive(w)
				}
				perCall = float64(heap[1]-heap[0]) / (lbs * perLB)
			}
			b.ReportMetric(perCall, "B/call")
		})
	}
}

func heapAlloc() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
