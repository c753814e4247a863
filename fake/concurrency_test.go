package fake_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentBackendChanges has many goroutines add, re-weigh and remove
// batches of servers on shared LBs while others read them. Run it with -race.
//
// Each writer owns a batch of five servers, so nobody else touches them: its
// calls may only fail for reasons other writers cause (the quota, or another
// network domain on the LB). Readers check that they never see half a call: a
// batch is on an LB with all five servers or none, contiguous and in request
// order, all with the weight of one SetBackendServers call; an LB never holds
// more than its quota, nor classic and VPC servers together. Afterwards the
// invariants hold and each LB holds exactly the batches their writers last
// left on it.
func TestConcurrentBackendChanges(t *testing.T) {
	t.Parallel()
	const (
		batchSize      = 5
		classicWriters = 6
		vpcWriters     = 3
		rounds         = 40
		readers        = 4
		quota          = 17 // three batches, not four
	)
	fx := newWorld(t, fake.WithSeed(11), fake.WithBackendQuota(quota))
	c, ctx := fx.c, fx.ctx
	vsw := fx.vswitch(fx.vpc("192.168.0.0/16"), "192.168.1.0/24", "")

	// Two internet LBs that every writer shares.
	var lbs []string
	for range 2 {
		lb, err := c.CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: "cn-hangzhou"})
		require.NoError(t, err)
		lbs = append(lbs, lb.LoadBalancerId)
	}
	batches := make([][]string, classicWriters+vpcWriters)
	for w := range batches {
		for range batchSize {
			if w < classicWriters {
				batches[w] = append(batches[w], fx.classic())
			} else {
				batches[w] = append(batches[w], fx.inVpc(vsw))
			}
		}
	}
	owner := map[string]int{} // server ID -> writer
	for w, b := range batches {
		for _, id := range b {
			owner[id] = w
		}
	}

	// lastOn[w] is the LB writer w's batch is on after its last call ("" for
	// none), and lastWeight its weight there.
	lastOn := make([]string, len(batches))
	lastWeight := make([]int, len(batches))
	var reads, adds, refusals atomic.Int64
	var writersDone sync.WaitGroup
	stop := make(chan struct{})

	elems := func(ids []string, weight int) string {
		parts := make([]string, len(ids))
		for i, id := range ids {
			if weight < 0 {
				parts[i] = fmt.Sprintf(`{'ServerId':'%s'}`, id)
			} else {
				parts[i] = fmt.Sprintf(`{"ServerId":"%s","Weight":%d}`, id, weight)
			}
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	codeOf := func(err error) string {
		var e *model.Error
		if errors.As(err, &e) {
			return string(e.Code)
		}
		return err.Error()
	}

	for w := range batches {
		writersDone.Add(1)
		go func() {
			defer writersDone.Done()
			batch := batches[w]
			remove := func(lb string) bool {
				_, err := c.RemoveBackendServers(ctx, &model.RemoveBackendServersRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb, BackendServers: elems(batch, -1)})
				return assert.NoError(t, err, "writer %d remove", w)
			}
			for r := range rounds {
				if lastOn[w] != "" {
					if !remove(lastOn[w]) {
						return
					}
					lastOn[w] = ""
				}
				lb := lbs[(w+r)%len(lbs)]
				_, err := c.AddBackendServers(ctx, &model.AddBackendServersRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb, BackendServers: elems(batch, -1)})
				if err != nil {
					code := codeOf(err)
					assert.Contains(t, []string{"InstanceBackendServerNumberOverLimit", "InvalidBackendServers.Inconsistent"}, code, "writer %d add", w)
					refusals.Add(1)
					continue
				}
				adds.Add(1)
				lastOn[w], lastWeight[w] = lb, model.DefaultWeight
				weight := (w*rounds + r) % 101
				_, err = c.SetBackendServers(ctx, &model.SetBackendServersRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb, BackendServers: elems(batch, weight)})
				if !assert.NoError(t, err, "writer %d set", w) {
					return
				}
				lastWeight[w] = weight
				if r%3 != 2 { // every third round the batch stays till the next
					if !remove(lb) {
						return
					}
					lastOn[w] = ""
				}
			}
		}()
	}

	// checkList checks one backend list read in one call.
	checkList := func(lb string, list []model.BackendServerView) {
		assert.LessOrEqual(t, len(list), quota, "LB %s above quota", lb)
		vpcs := map[string]bool{}
		seen := map[string]bool{}
		for i := 0; i < len(list); {
			v := list[i]
			vpcs[v.VpcId] = true
			w, ok := owner[v.ServerId]
			if !assert.True(t, ok, "unknown server %s", v.ServerId) || !assert.False(t, seen[v.ServerId], "server %s twice on %s", v.ServerId, lb) {
				return
			}
			// The batch of v starts here: all of it, in order, one weight.
			batch := batches[w]
			if !assert.LessOrEqual(t, i+len(batch), len(list), "LB %s: a partial batch of writer %d at the end: %v", lb, w, list) {
				return
			}
			for j, id := range batch {
				got := list[i+j]
				assert.Equal(t, id, got.ServerId, "LB %s: batch of writer %d not whole and in order: %v", lb, w, list)
				assert.Equal(t, v.Weight, got.Weight, "LB %s: batch of writer %d has mixed weights: %v", lb, w, list)
				seen[got.ServerId] = true
			}
			i += len(batch)
		}
		assert.LessOrEqual(t, len(vpcs), 1, "LB %s mixes networks: %v", lb, list)
	}

	var readersDone sync.WaitGroup
	for r := range readers {
		readersDone.Add(1)
		go func() {
			defer readersDone.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				lb := lbs[(r+n)%len(lbs)]
				if n%4 == 3 {
					// DescribeLoadBalancers with a ServerId filter: runs
					// concurrently too (the race detector watches it).
					server := batches[(r+n)%len(batches)][0]
					_, err := c.DescribeLoadBalancers(ctx, &model.DescribeLoadBalancersRequest{RegionId: "cn-hangzhou", ServerId: server})
					assert.NoError(t, err)
					continue
				}
				attr, err := c.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb})
				if assert.NoError(t, err) {
					checkList(lb, attr.BackendServers.BackendServer)
					reads.Add(1)
				}
			}
		}()
	}

	writersDone.Wait()
	close(stop)
	readersDone.Wait()
	t.Logf("%d adds, %d refused (quota or network), %d backend lists read", adds.Load(), refusals.Load(), reads.Load())
	require.Positive(t, reads.Load())
	require.Positive(t, adds.Load())

	// The invariants hold, and each LB holds exactly the batches whose
	// writers left them there, with their last weights.
	checkBackendInvariants(t, fx.f.State(), quota)
	for _, lb := range lbs {
		attr, err := c.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb})
		require.NoError(t, err)
		checkList(lb, attr.BackendServers.BackendServer)
		want := map[string]int{}
		for w, on := range lastOn {
			if on == lb {
				for _, id := range batches[w] {
					want[id] = lastWeight[w]
				}
			}
		}
		got := map[string]int{}
		for _, v := range attr.BackendServers.BackendServer {
			got[v.ServerId] = v.Weight
		}
		require.Equal(t, want, got, "LB %s", lb)
	}
}
