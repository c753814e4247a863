package fake_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// TestEverythingAtOnce mixes every kind of operation from many goroutines:
// Client calls of each product, signed wire calls, and the whole-world
// operations (Snapshot, Restore, Fork, ExportState, ImportState). Under
// -race it finds data races; after every whole-world operation and at the
// end, the world's invariants must hold. Calls running while the world is
// swapped may be lost (the documented hazard of Restore and ImportState);
// the world is never half of one and half of another.
func TestEverythingAtOnce(t *testing.T) {
	t.Parallel()
	const quota = 4
	w := newWorld(t, fake.WithSeed(17), fake.WithBackendQuota(quota))
	vpc := w.vpc("192.168.0.0/16")
	vsw := w.vswitch(vpc, "192.168.1.0/24", "")
	var ids []string
	for range 6 {
		ids = append(ids, w.inVpc(vsw))
	}
	eni := w.eni(vsw, ids[0], 1)
	lbs := []string{w.vpcLB(vsw, "slb.s1.small"), w.internetLB(), w.intranetClassicLB()}
	f, ctx := w.f, context.Background()
	// saved is the last snapshot taken; the two whole-world goroutines
	// share it.
	var saved atomic.Pointer[fake.Snapshot]
	saved.Store(f.Snapshot())

	var mu sync.Mutex // guards check, which require may not call concurrently with itself
	check := func() {
		mu.Lock()
		defer mu.Unlock()
		checkBackendInvariants(t, f.State(), quota)
	}

	ops := []func(r *rand.Rand, c *fake.Client){
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.AddBackendServers(ctx, &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: lbs[r.IntN(3)],
				BackendServers: fmt.Sprintf(`[{"ServerId":"%s","Weight":%d}]`, ids[r.IntN(len(ids))], r.IntN(101))})
		},
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.AddBackendServers(ctx, &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: lbs[0],
				BackendServers: `[{"ServerId":"` + eni.NetworkInterfaceId + `","Type":"eni"}]`})
		},
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.RemoveBackendServers(ctx, &model.RemoveBackendServersRequest{RegionId: region, LoadBalancerId: lbs[r.IntN(3)],
				BackendServers: `[{"ServerId":"` + ids[r.IntN(len(ids))] + `"}]`})
		},
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.SetBackendServers(ctx, &model.SetBackendServersRequest{RegionId: region, LoadBalancerId: lbs[r.IntN(3)],
				BackendServers: `[{"ServerId":"` + ids[r.IntN(len(ids))] + `","Weight":7}]`})
		},
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.StopInstance(ctx, &model.StopInstanceRequest{InstanceId: ids[r.IntN(len(ids))]})
		},
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.StartInstance(ctx, &model.StartInstanceRequest{InstanceId: ids[r.IntN(len(ids))]})
		},
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.DeleteInstance(ctx, &model.DeleteInstanceRequest{InstanceId: ids[r.IntN(len(ids))], Force: true})
		},
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.DetachNetworkInterface(ctx, &model.DetachNetworkInterfaceRequest{RegionId: region,
				NetworkInterfaceId: eni.NetworkInterfaceId, InstanceId: ids[0]})
		},
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: region})
		},
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.SetLoadBalancerStatus(ctx, &model.SetLoadBalancerStatusRequest{RegionId: region, LoadBalancerId: lbs[r.IntN(3)],
				LoadBalancerStatus: []string{"active", "inactive"}[r.IntN(2)]})
		},
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.DescribeLoadBalancers(ctx, &model.DescribeLoadBalancersRequest{RegionId: region, ServerId: ids[r.IntN(len(ids))]})
		},
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.RunInstances(ctx, &model.RunInstancesRequest{RegionId: region, VSwitchId: vsw.VSwitchId,
				ImageId: "aliyun_3_x64_20G_alibase_20240819.vhd", InstanceType: "ecs.g7.large"})
		},
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.CreateVSwitch(ctx, &model.CreateVSwitchRequest{RegionId: region, VpcId: vpc.VpcId, ZoneId: vsw.ZoneId,
				CidrBlock: fmt.Sprintf("192.168.%d.0/24", 2+r.IntN(200))})
		},
		func(r *rand.Rand, c *fake.Client) {
			_, _ = c.DescribeInstances(ctx, &model.DescribeInstancesRequest{RegionId: region, Paging: model.Paging{PageSize: 100}})
		},
	}
	whole := []func(r *rand.Rand){
		func(r *rand.Rand) { saved.Store(f.Snapshot()) },
		func(r *rand.Rand) { f.Restore(saved.Load()) },
		func(r *rand.Rand) {
			g := f.Fork(fake.WithBackendQuota(quota))
			checkBackendInvariants(t, g.State(), quota)
		},
		func(r *rand.Rand) {
			var buf bytes.Buffer
			require.NoError(t, f.ExportState(&buf))
			g := fake.New(fake.WithBackendQuota(quota))
			require.NoError(t, g.ImportState(bytes.NewReader(buf.Bytes())))
			checkBackendInvariants(t, g.State(), quota)
			if r.IntN(2) == 0 {
				require.NoError(t, f.ImportState(&buf))
			}
		},
		func(r *rand.Rand) {
			status, body, _ := serve(f, signedRequest(t, http.MethodGet, map[string]string{
				"Action": "DescribeLoadBalancerAttribute", "Version": "2014-05-15", "RegionId": region, "LoadBalancerId": lbs[0],
			}, fake.DefaultAccessKeySecret, time.Now(), fmt.Sprint("n", r.Uint64())))
			require.Equal(t, http.StatusOK, status, body)
		},
	}

	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), 1))
			c := f.Client()
			for range 150 {
				ops[r.IntN(len(ops))](r, c)
			}
		}()
	}
	for g := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), 2))
			for range 40 {
				whole[r.IntN(len(whole))](r)
				check()
			}
		}()
	}
	wg.Wait()
	check()
}
