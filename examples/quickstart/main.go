// Command quickstart is a tour of slbfake in one run: it builds a VPC, an
// intranet VPC load balancer and a few ECS instances in an in-memory fake,
// attaches them with AddBackendServers, and prints what the real service
// would answer: a duplicate kept once, a stopped instance refused with
// ObtainIpFail, a classic-network instance refused with InvalidParameter, and
// the final backend list.
//
// Run it with:
//
//	go run ./examples/quickstart
//
// The output is the same on every run: the fake is seeded and its clock is
// fixed, so every ID, RequestId and timestamp is reproducible.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

// region is where the whole tour happens.
const region = "cn-hangzhou"

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// world is what the tour builds before it touches the backend list.
type world struct {
	vpcId, vswitchId string
	web1, web2       string // Running VPC instances
	stopped          string // a VPC instance that is Stopped
	classic          string // a Running classic-network instance
	lbId, lbAddress  string
	lbNetworkType    string
}

// run is the whole tour; main only picks the writer, so that the test can
// read the same output.
func run(out io.Writer) error {
	ctx := context.Background()
	// A fixed seed and a fixed clock: the same run prints the same IDs,
	// RequestIds and times, so the output can be compared across runs.
	fixedClock := fake.ClockFunc(func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) })
	c := fake.New(fake.WithSeed(42), fake.WithClock(fixedClock)).Client()

	w, err := buildWorld(ctx, c)
	if err != nil {
		return fmt.Errorf("building the world: %w", err)
	}
	p := printer{out: out}
	p.line("slbfake quickstart: an intranet VPC load balancer in %s", region)
	p.line("")
	p.line("world")
	p.line("  VPC            %s", w.vpcId)
	p.line("  vSwitch        %s", w.vswitchId)
	p.line("  load balancer  %s  intranet, %s network, address %s", w.lbId, w.lbNetworkType, w.lbAddress)
	p.line("  web-1          %s  Running, VPC", w.web1)
	p.line("  web-2          %s  Running, VPC", w.web2)
	p.line("  batch          %s  Stopped, VPC", w.stopped)
	p.line("  legacy         %s  Running, classic network", w.classic)

	add := func(title, backendServers string) {
		p.line("")
		p.line("%s", title)
		p.line("  BackendServers=%s", backendServers)
		resp, err := c.AddBackendServers(ctx, &model.AddBackendServersRequest{
			RegionId: region, LoadBalancerId: w.lbId, BackendServers: backendServers,
		})
		if err != nil {
			p.apiError(err)
			return
		}
		p.line("  OK, RequestId %s; the LB's backends now:", resp.RequestId)
		for _, b := range resp.BackendServers.BackendServer {
			p.line("    %s  %s  weight %d", b.ServerId, b.Type, b.Weight)
		}
	}

	add("1. web-1, web-2 and web-1 again (weight 50): the duplicate is dropped, the first occurrence wins",
		fmt.Sprintf(`[{"ServerId":"%s","Weight":"100"},{"ServerId":"%s","Weight":"100"},{"ServerId":"%s","Weight":"50"}]`, w.web1, w.web2, w.web1))
	add("2. batch, which is Stopped: only Running instances can be attached",
		fmt.Sprintf(`[{"ServerId":"%s"}]`, w.stopped))
	add("3. legacy, on the classic network: an intranet VPC LB takes instances of its own VPC only",
		fmt.Sprintf(`[{"ServerId":"%s"}]`, w.classic))
	// Terraform's own quoting: single quotes and string weights are accepted,
	// as the real service's lenient parser accepts them.
	add("4. web-2 again, in Terraform's single-quoted JSON: parsed, but web-2 is already attached; nothing changes",
		fmt.Sprintf(`[{'ServerId':'%s','Weight':'100', 'Type': 'ecs'}]`, w.web2))

	attr, err := c.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: w.lbId})
	if err != nil {
		return fmt.Errorf("DescribeLoadBalancerAttribute: %w", err)
	}
	p.line("")
	p.line("final backend list (DescribeLoadBalancerAttribute, in attachment order)")
	for _, b := range attr.BackendServers.BackendServer {
		p.line("  %s  %s  weight %3d  %-15s %s", b.ServerId, b.Type, b.Weight, b.ServerIp, b.VpcId)
	}
	return p.err
}

// buildWorld creates the VPC, vSwitch, instances and load balancer of the
// tour through the API, as the code under test would: the VPC calls, then the
// ECS calls, then CreateLoadBalancer.
func buildWorld(ctx context.Context, c *fake.Client) (world, error) {
	var w world
	vpc, err := c.CreateVpc(ctx, &model.CreateVpcRequest{RegionId: region, CidrBlock: "192.168.0.0/16", VpcName: "quickstart"})
	if err != nil {
		return w, fmt.Errorf("CreateVpc: %w", err)
	}
	vsw, err := c.CreateVSwitch(ctx, &model.CreateVSwitchRequest{
		RegionId: region, VpcId: vpc.VpcId, ZoneId: "cn-hangzhou-h", CidrBlock: "192.168.1.0/24", VSwitchName: "web",
	})
	if err != nil {
		return w, fmt.Errorf("CreateVSwitch: %w", err)
	}
	w.vpcId, w.vswitchId = vpc.VpcId, vsw.VSwitchId

	// Images, instance types and security groups are required but not
	// modelled: any well-formed value will do.
	const image, instanceType, securityGroup = "ubuntu_24_04_x64_20G_alibase_20260101.vhd", "ecs.g7.large", "sg-bp1quickstart0000000"
	web, err := c.RunInstances(ctx, &model.RunInstancesRequest{
		RegionId: region, VSwitchId: vsw.VSwitchId, ImageId: image, InstanceType: instanceType,
		SecurityGroupId: securityGroup, InstanceName: "web", Amount: 2,
	})
	if err != nil {
		return w, fmt.Errorf("RunInstances (web): %w", err)
	}
	w.web1, w.web2 = web.InstanceIdSets.InstanceIdSet[0], web.InstanceIdSets.InstanceIdSet[1]

	// CreateInstance leaves its instance Stopped, as the real one does.
	batch, err := c.CreateInstance(ctx, &model.CreateInstanceRequest{
		RegionId: region, VSwitchId: vsw.VSwitchId, ImageId: image, InstanceType: instanceType,
		SecurityGroupId: securityGroup, InstanceName: "batch",
	})
	if err != nil {
		return w, fmt.Errorf("CreateInstance (batch): %w", err)
	}
	w.stopped = batch.InstanceId

	// No vSwitch: a classic-network instance.
	legacy, err := c.RunInstances(ctx, &model.RunInstancesRequest{
		RegionId: region, ZoneId: "cn-hangzhou-h", ImageId: image, InstanceType: instanceType, InstanceName: "legacy",
	})
	if err != nil {
		return w, fmt.Errorf("RunInstances (legacy): %w", err)
	}
	w.classic = legacy.InstanceIdSets.InstanceIdSet[0]

	lb, err := c.CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{
		RegionId: region, AddressType: "intranet", VSwitchId: vsw.VSwitchId, LoadBalancerName: "quickstart",
	})
	if err != nil {
		return w, fmt.Errorf("CreateLoadBalancer: %w", err)
	}
	w.lbId, w.lbAddress, w.lbNetworkType = lb.LoadBalancerId, lb.Address, lb.NetworkType
	return w, nil
}

// printer writes lines and keeps the first error (of a write, or a call that
// failed outside the service), so that the tour reads as a list of lines
// rather than a list of error checks.
type printer struct {
	out io.Writer
	err error
}

func (p *printer) line(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.out, format+"\n", args...)
	}
}

// apiError prints an error as the real service reports it: HTTP status,
// code, message and the RequestId of the failed call.
func (p *printer) apiError(err error) {
	var apiErr *model.Error
	if !errors.As(err, &apiErr) {
		// Not an answer of the service (a cancelled context, say): the tour
		// cannot go on meaningfully.
		if p.err == nil {
			p.err = err
		}
		return
	}
	p.line("  HTTP %d  %s", apiErr.HTTPStatus, apiErr.Code)
	p.line("  Message: %s", apiErr.Message)
	p.line("  RequestId: %s", apiErr.RequestId)
}
