package fake_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// ExampleNew creates a fake with every option set. The seed fixes every ID
// and RequestId, the clock fixes every timestamp: two fakes built alike and
// called alike answer alike.
func ExampleNew() {
	clock := fake.ClockFunc(func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) })
	createLB := func() *model.CreateLoadBalancerResponse {
		f := fake.New(fake.WithSeed(7), fake.WithClock(clock), fake.WithBackendQuota(50))
		lb, err := f.Client().CreateLoadBalancer(context.Background(), &model.CreateLoadBalancerRequest{RegionId: "cn-beijing"})
		if err != nil {
			panic(err)
		}
		return lb
	}
	first, second := createLB(), createLB()
	fmt.Println("same ID and RequestId:", first.LoadBalancerId == second.LoadBalancerId && first.RequestId == second.RequestId)
	// Real IDs of cn-beijing start with 2ze, and so do the fake's.
	fmt.Println("ID:", first.LoadBalancerId[:6]+"...", len(first.LoadBalancerId), "characters")
	fmt.Println("network:", first.NetworkType)

	f := fake.New(fake.WithClock(clock), fake.WithBackendQuota(50))
	fmt.Println("backend quota:", f.BackendQuota())
	// Output:
	// same ID and RequestId: true
	// ID: lb-2ze... 24 characters
	// network: classic
	// backend quota: 50
}

// ExampleClient_AddBackendServers replays the seed example of the API
// reference: two Running VPC instances attached to a VPC load balancer, then
// an error answered as the real service answers it.
func ExampleClient_AddBackendServers() {
	ctx := context.Background()
	f := fake.New(fake.WithSeed(1))
	// The seed example's world, built with fixtures. A fixture fails only on
	// misuse (see ExampleFake_PutInstance), so this example skips the checks.
	vpc, _ := f.PutVpc(model.Vpc{RegionId: "cn-beijing", CidrBlock: "192.168.0.0/16"})
	vsw, _ := f.PutVSwitch(model.VSwitch{RegionId: "cn-beijing", VpcId: vpc.VpcId, CidrBlock: "192.168.1.0/24"})
	for _, id := range []string{"i-2zej4lxhjoq1icue6kup", "i-2ze1u9ywulp5pbvvc7hv"} {
		_, _ = f.PutInstance(model.Instance{InstanceId: id, RegionId: "cn-beijing", VSwitchId: vsw.VSwitchId})
	}
	_, _ = f.PutLoadBalancer(model.LoadBalancer{LoadBalancerId: "lb-2ze7o5h52g02kkzze7lru", RegionId: "cn-beijing", VSwitchId: vsw.VSwitchId})

	c := f.Client()
	resp, err := c.AddBackendServers(ctx, &model.AddBackendServersRequest{
		RegionId:       "cn-beijing",
		LoadBalancerId: "lb-2ze7o5h52g02kkzze7lru",
		// Weight as a string, as the reference's example sends it.
		BackendServers: `[{"ServerId":"i-2zej4lxhjoq1icue6kup","Weight":"100"},{"ServerId":"i-2ze1u9ywulp5pbvvc7hv","Weight":"100"}]`,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(resp.LoadBalancerId)
	for _, b := range resp.BackendServers.BackendServer {
		fmt.Println(b.ServerId, b.Type, b.Weight)
	}

	// A server that does not exist: the error carries the real status, code
	// and message, and the failed call's RequestId.
	_, err = c.AddBackendServers(ctx, &model.AddBackendServersRequest{
		RegionId:       "cn-beijing",
		LoadBalancerId: "lb-2ze7o5h52g02kkzze7lru",
		BackendServers: `[{'ServerId':'i-2zenosuchinstance000'}]`, // Terraform's single quotes are accepted
	})
	var apiErr *model.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.HTTPStatus, apiErr.Code)
		fmt.Println(apiErr.Message)
		fmt.Println("RequestId set:", apiErr.RequestId != "")
	}
	// Output:
	// lb-2ze7o5h52g02kkzze7lru
	// i-2zej4lxhjoq1icue6kup ecs 100
	// i-2ze1u9ywulp5pbvvc7hv ecs 100
	// 400 ObtainIpFail
	// The specified BackendServers is invalid; some of the specified backend servers do not exist or are not running.
	// RequestId set: true
}

// ExampleFake_PutInstance builds a world with fixtures: IDs, addresses and
// statuses of the test's choosing, without API calls, so that a test can
// rebuild a world it saw elsewhere.
func ExampleFake_PutInstance() {
	f := fake.New()
	vpc, err := f.PutVpc(model.Vpc{VpcId: "vpc-bp1example000000000000", CidrBlock: "10.0.0.0/8"})
	if err != nil {
		panic(err)
	}
	vsw, err := f.PutVSwitch(model.VSwitch{VSwitchId: "vsw-bp1example000000000000", VpcId: vpc.VpcId, ZoneId: "cn-hangzhou-h", CidrBlock: "10.1.0.0/16"})
	if err != nil {
		panic(err)
	}
	inst, err := f.PutInstance(model.Instance{
		InstanceId: "i-bp1example00000000000",
		VSwitchId:  vsw.VSwitchId,
		PrivateIp:  "10.1.2.3",
		Status:     model.StatusStopped,
	})
	if err != nil {
		panic(err)
	}
	// Defaults are filled in: the default account and region, the vSwitch's
	// VPC and zone.
	fmt.Println(inst.InstanceId, inst.Status, inst.NetworkType, inst.VpcId, inst.ZoneId, inst.PrivateIp)
	fmt.Println(inst.AccountId == fake.DefaultAccountId, inst.RegionId)

	// Fixtures also move resources to any status, bypassing the lifecycle.
	if err := f.ForceInstanceStatus(inst.InstanceId, model.StatusRunning); err != nil {
		panic(err)
	}
	fmt.Println(f.State().Instances[0].Status)

	// A fixture checks references: a vSwitch that does not exist is a Go error.
	_, err = f.PutInstance(model.Instance{VSwitchId: "vsw-missing"})
	fmt.Println(err != nil)
	// Output:
	// i-bp1example00000000000 Stopped vpc vpc-bp1example000000000000 cn-hangzhou-h 10.1.2.3
	// true cn-hangzhou
	// Running
	// true
}

// TestAttachRefusesStoppedInstance is the README's "Use it in a unit test"
// snippet, kept here so that it compiles and passes; readme_test.go checks
// that the README shows exactly this function.
func TestAttachRefusesStoppedInstance(t *testing.T) {
	ctx := context.Background()
	f := fake.New(fake.WithSeed(1)) // a fresh world per test; the seed fixes every ID

	// Fixtures build the world directly, with no API call.
	vpc, err := f.PutVpc(model.Vpc{RegionId: "cn-hangzhou", CidrBlock: "192.168.0.0/16"})
	require.NoError(t, err)
	vsw, err := f.PutVSwitch(model.VSwitch{RegionId: "cn-hangzhou", VpcId: vpc.VpcId})
	require.NoError(t, err)
	web, err := f.PutInstance(model.Instance{RegionId: "cn-hangzhou", VSwitchId: vsw.VSwitchId})
	require.NoError(t, err)
	stopped, err := f.PutInstance(model.Instance{RegionId: "cn-hangzhou", VSwitchId: vsw.VSwitchId, Status: model.StatusStopped})
	require.NoError(t, err)
	lb, err := f.PutLoadBalancer(model.LoadBalancer{RegionId: "cn-hangzhou", VSwitchId: vsw.VSwitchId})
	require.NoError(t, err)

	// The code under test gets f.Client() where it would get the real client.
	_, err = f.Client().AddBackendServers(ctx, &model.AddBackendServersRequest{
		RegionId:       "cn-hangzhou",
		LoadBalancerId: lb.LoadBalancerId,
		BackendServers: `[{"ServerId":"` + web.InstanceId + `"},{"ServerId":"` + stopped.InstanceId + `"}]`,
	})

	// The error is the real service's: HTTP status, code and message.
	var apiErr *model.Error
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, 400, apiErr.HTTPStatus)
	require.Equal(t, model.CodeObtainIpFail, apiErr.Code)
	// All or nothing: web was not attached either.
	require.Empty(t, f.State().Backends)
}
