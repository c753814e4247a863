//go:build unix

package conformance

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"syscall"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/slb"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

// The SDK benchmarks: what an official Go SDK call costs through the fake in
// process (f.RoundTripper()) beside the same SDK call on a transport that
// answers at once with the bytes the fake gave for it (same status, same
// headers, same body), in the same run. The constant transport stands for
// "the SDK's own cost": the ratio of the two is what the fake adds.
//
//	cd conformance
//	go test -run '^$' -bench 'SDK' -count 6 | tee sdk.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /transport -filter '-.name:/SDKPaired/' sdk.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -filter '.name:/SDKPaired/' sdk.txt
//
// BenchmarkSDKV1 and BenchmarkSDKV2 run each transport as a sub-benchmark
// of its own (the first benchstat: ns/op, cpu-ns/op, B/op, allocs/op side by
// side); BenchmarkSDKPaired times both transports inside one loop and
// reports their ratios (the second benchstat: fake/constant and
// cpu-fake/constant), the figure to read on a loaded machine.
//
// Two calls, for each SDK (the legacy alibaba-cloud-sdk-go slb client,
// Signature V1; the V2.0 darabonba client, Signature V3, through CallApi):
//
//   - AddBackendServers of one VPC instance to an intranet LB, the call the
//     fake is built around. Its undo (RemoveBackendServers through the Go
//     API) runs with the timer stopped, on both transports alike (the
//     constant transport stops and starts the timer too, with nothing to
//     undo), so that every timed call meets the same world.
//   - DescribeLoadBalancerAttribute of that LB with two backends: idempotent,
//     so the timed loop is nothing but the call.
//
// The fake is fake.New's default (every call recorded), as a test gets it.
//
// Besides the wall time (ns/op) every benchmark reports cpu-ns/op: the CPU
// time of the whole process (every thread, the garbage collector's
// included) spent in the timed calls, from getrusage. On a machine shared
// with other work the wall time counts the time the benchmark waited for a
// core; the CPU time does not, so its ratio is the steadier one.

// cpuNow is the process's CPU time so far, user and system, all threads.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// sdkBenchWorld is one VPC, one vSwitch, three Running instances and one
// intranet LB with two of them attached; the third is the one added.
type sdkBenchWorld struct {
	f        *fake.Fake
	lb       string
	addition string // BackendServers of the add and of its undo
}

func newSDKBenchWorld(b *testing.B) sdkBenchWorld {
	b.Helper()
	f := fake.New(fake.WithSeed(1))
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	vpcRow, err := f.PutVpc(model.Vpc{RegionId: region, CidrBlock: "192.168.0.0/16"})
	must(err)
	vsw, err := f.PutVSwitch(model.VSwitch{RegionId: region, VpcId: vpcRow.VpcId, CidrBlock: "192.168.1.0/24"})
	must(err)
	var ids []string
	for range 3 {
		inst, err := f.PutInstance(model.Instance{RegionId: region, VSwitchId: vsw.VSwitchId})
		must(err)
		ids = append(ids, inst.InstanceId)
	}
	lb, err := f.PutLoadBalancer(model.LoadBalancer{RegionId: region, VSwitchId: vsw.VSwitchId})
	must(err)
	_, err = f.Client().AddBackendServers(context.Background(), &model.AddBackendServersRequest{RegionId: region,
		LoadBalancerId: lb.LoadBalancerId, BackendServers: `[{"ServerId":"` + ids[0] + `","Weight":100},{"ServerId":"` + ids[1] + `","Weight":100}]`})
	must(err)
	return sdkBenchWorld{f: f, lb: lb.LoadBalancerId, addition: `[{"ServerId":"` + ids[2] + `","Weight":100}]`}
}

// undo detaches the added server through the Go API.
func (w sdkBenchWorld) undo(b *testing.B) {
	if _, err := w.f.Client().RemoveBackendServers(context.Background(), &model.RemoveBackendServersRequest{
		RegionId: region, LoadBalancerId: w.lb, BackendServers: w.addition}); err != nil {
		b.Fatal(err)
	}
}

// cannedResponse is a response as the fake gave it, to be given again.
type cannedResponse struct {
	status     int
	statusText string
	header     http.Header
	body       []byte
}

// recordingTransport passes requests on and keeps the last response.
type recordingTransport struct {
	next http.RoundTripper
	last *cannedResponse
}

func (r *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	r.last = &cannedResponse{status: resp.StatusCode, statusText: resp.Status, header: resp.Header.Clone(), body: body}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// constantTransport answers every request with one canned response, after
// reading and closing the request body as a transport does.
type constantTransport struct{ resp *cannedResponse }

func (c constantTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	return &http.Response{
		Status: c.resp.statusText, StatusCode: c.resp.status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: c.resp.header.Clone(), Body: io.NopCloser(bytes.NewReader(c.resp.body)),
		ContentLength: int64(len(c.resp.body)), Request: req,
	}, nil
}

// sdkBenchCall is one call of the benchmarks, on one SDK: call makes it
// (after setup built the client on a transport), undo puts the world back.
type sdkBenchCall struct {
	name string
	undo bool
}

var sdkBenchCalls = []sdkBenchCall{{name: "AddBackendServers", undo: true}, {name: "DescribeLoadBalancerAttribute"}}

// sdkBenchSetup returns the bytes the fake gives for c, from one call
// through it, checked to be a success.
func sdkBenchSetup(b *testing.B, c sdkBenchCall, connect func(w sdkBenchWorld, rt http.RoundTripper) func() error) *cannedResponse {
	b.Helper()
	w := newSDKBenchWorld(b)
	rec := &recordingTransport{next: w.f.RoundTripper()}
	if err := connect(w, rec)(); err != nil {
		b.Fatal(err)
	}
	if rec.last == nil || rec.last.status != http.StatusOK {
		b.Fatalf("the fake's answer: %+v", rec.last)
	}
	return rec.last
}

// runSDKBench times c on both transports, one sub-benchmark each, in the
// same run. connect returns the call bound to a client on rt.
func runSDKBench(b *testing.B, c sdkBenchCall, connect func(w sdkBenchWorld, rt http.RoundTripper) func() error) {
	canned := sdkBenchSetup(b, c, connect)
	for _, transport := range []string{"fake", "constant"} {
		b.Run("call="+c.name+"/transport="+transport, func(b *testing.B) {
			w := newSDKBenchWorld(b)
			var rt http.RoundTripper = w.f.RoundTripper()
			if transport == "constant" {
				rt = constantTransport{resp: canned}
			}
			call := connect(w, rt)
			b.ReportAllocs()
			var cpu time.Duration
			n := 0
			for b.Loop() {
				start := cpuNow()
				err := call()
				cpu += cpuNow() - start
				n++
				if err != nil {
					b.Fatal(err)
				}
				if c.undo { // on both transports alike
					b.StopTimer()
					if transport == "fake" {
						w.undo(b)
					}
					b.StartTimer()
				}
			}
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(n), "cpu-ns/op")
		})
	}
}

// runSDKPaired times c on both transports within each iteration: one call
// through the fake and one on the constant transport, in alternating order,
// each timed on its own. On a loaded machine this is the figure to trust:
// both calls of a pair meet the same load, microseconds apart, where two
// sub-benchmarks a second apart do not. It reports fake-ns/op,
// constant-ns/op and their ratio, fake/constant, and the same for the CPU
// time: fake-cpu-ns/op, constant-cpu-ns/op, cpu-fake/constant. (A
// collection that the fake's garbage starts may run during either call, so
// the paired CPU ratio leans a little towards 1; the separate benchmarks
// charge it where it belongs.)
func runSDKPaired(b *testing.B, c sdkBenchCall, connect func(w sdkBenchWorld, rt http.RoundTripper) func() error) {
	canned := sdkBenchSetup(b, c, connect)
	b.Run("call="+c.name, func(b *testing.B) {
		w := newSDKBenchWorld(b)
		viaFake := connect(w, w.f.RoundTripper())
		constant := connect(newSDKBenchWorld(b), constantTransport{resp: canned})
		var inFake, inConstant, cpuFake, cpuConstant time.Duration
		timed := func(call func() error, wall, cpu *time.Duration) {
			start, startCPU := time.Now(), cpuNow()
			err := call()
			*cpu += cpuNow() - startCPU
			*wall += time.Since(start)
			if err != nil {
				b.Fatal(err)
			}
		}
		n := 0
		for b.Loop() {
			if n%2 == 0 {
				timed(viaFake, &inFake, &cpuFake)
				timed(constant, &inConstant, &cpuConstant)
			} else {
				timed(constant, &inConstant, &cpuConstant)
				timed(viaFake, &inFake, &cpuFake)
			}
			n++
			if c.undo {
				b.StopTimer()
				w.undo(b)
				b.StartTimer()
			}
		}
		b.ReportMetric(float64(inFake.Nanoseconds())/float64(n), "fake-ns/op")
		b.ReportMetric(float64(inConstant.Nanoseconds())/float64(n), "constant-ns/op")
		b.ReportMetric(float64(inFake)/float64(inConstant), "fake/constant")
		b.ReportMetric(float64(cpuFake.Nanoseconds())/float64(n), "fake-cpu-ns/op")
		b.ReportMetric(float64(cpuConstant.Nanoseconds())/float64(n), "constant-cpu-ns/op")
		b.ReportMetric(float64(cpuFake)/float64(cpuConstant), "cpu-fake/constant")
	})
}

// sdkV1Call binds c to a legacy SDK slb client on rt.
func sdkV1Call(b *testing.B, c sdkBenchCall) func(w sdkBenchWorld, rt http.RoundTripper) func() error {
	return func(w sdkBenchWorld, rt http.RoundTripper) func() error {
		client, err := slb.NewClientWithAccessKey(region, fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)
		if err != nil {
			b.Fatal(err)
		}
		client.SetTransport(rt)
		client.Domain = "slb.fake.local"
		switch c.name {
		case "AddBackendServers":
			return func() error {
				req := slb.CreateAddBackendServersRequest()
				req.LoadBalancerId = w.lb
				req.BackendServers = w.addition
				_, err := client.AddBackendServers(req)
				return err
			}
		default:
			return func() error {
				req := slb.CreateDescribeLoadBalancerAttributeRequest()
				req.LoadBalancerId = w.lb
				_, err := client.DescribeLoadBalancerAttribute(req)
				return err
			}
		}
	}
}

// sdkV2Call binds c to a V2.0 darabonba client on rt: CallApi with the
// Params the generated slb-20140515 client builds, through the httpClient
// adapter of example_v2_test.go (on the constant transport, the same
// adapter makes a constant dara.HttpClient).
func sdkV2Call(b *testing.B, c sdkBenchCall) func(w sdkBenchWorld, rt http.RoundTripper) func() error {
	return func(w sdkBenchWorld, rt http.RoundTripper) func() error {
		client, err := openapi.NewClient(&openapi.Config{
			AccessKeyId:     dara.String(fake.DefaultAccessKeyId),
			AccessKeySecret: dara.String(fake.DefaultAccessKeySecret),
			Endpoint:        dara.String("slb.fake.local"),
			Protocol:        dara.String("HTTP"),
			HttpClient:      httpClient{rt},
		})
		if err != nil {
			b.Fatal(err)
		}
		query := map[string]any{"RegionId": region, "LoadBalancerId": w.lb}
		if c.name == "AddBackendServers" {
			query["BackendServers"] = w.addition
		}
		params := slbParams(c.name)
		return func() error {
			_, err := client.CallApi(params, &openapiutil.OpenApiRequest{Query: openapiutil.Query(query)}, &dara.RuntimeOptions{})
			return err
		}
	}
}

// BenchmarkSDKV1 is the legacy SDK's slb client (Signature V1).
func BenchmarkSDKV1(b *testing.B) {
	for _, c := range sdkBenchCalls {
		runSDKBench(b, c, sdkV1Call(b, c))
	}
}

// BenchmarkSDKV2 is the V2.0 darabonba client (Signature V3).
func BenchmarkSDKV2(b *testing.B) {
	for _, c := range sdkBenchCalls {
		runSDKBench(b, c, sdkV2Call(b, c))
	}
}

// BenchmarkSDKPaired is both SDKs, both calls, the two transports timed in
// pairs (runSDKPaired).
func BenchmarkSDKPaired(b *testing.B) {
	for _, sdk := range []struct {
		name string
		bind func(*testing.B, sdkBenchCall) func(sdkBenchWorld, http.RoundTripper) func() error
	}{{"V1", sdkV1Call}, {"V2", sdkV2Call}} {
		b.Run("sdk="+sdk.name, func(b *testing.B) {
			for _, c := range sdkBenchCalls {
				runSDKPaired(b, c, sdk.bind(b, c))
			}
		})
	}
}
