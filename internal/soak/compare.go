package main

// The -compare mode: the requests per second cmd/slbfake serves over
// loopback beside a constant net/http server that answers every request with
// the bytes the fake gave for its action, the same signed clients driving
// both:
//
//	go run ./internal/soak -compare -clients 1,4,16 -duration 10s
//
// The fake is built from ./cmd/slbfake (or -server) and started with its
// default flags on 127.0.0.1:0 (-server-args adds others). The world, seeded
// through the API: one VPC and vSwitch and, per client, an intranet LB with
// two instances attached for good and 20 more to add and remove. Every client
// repeats on its own LB the cycle AddBackendServers (a window of -batch
// instances), RemoveBackendServers (the same window),
// DescribeLoadBalancerAttribute twice, so that every DescribeLoadBalancerAttribute
// meets the same LB (two backends) and its answer has the same bytes each
// time. Every call is a Signature V1 POST with a fresh nonce over keep-alive
// connections, signed by the client (client.do, as in the soak).
//
// Before the measurement, one cycle through the fake records, per action, the
// status, Content-Type and body it answered. The constant server is this
// program again (re-executed with roleEnv=constant, so that it is a
// process of its own as the fake is), on 127.0.0.1:0, with the fake's
// http.Server limits: it parses the query and the form body (ParseForm) and
// answers the recorded bytes of the request's Action.
//
// For each client count, after -warmup on each server, -duration on each
// server is split into -rounds slices run alternately (fake, constant,
// constant, fake, ...), so that both meet the same load on a shared machine.
// It prints the requests per second of each slice and, per client count, the
// total rates and their ratio (fake/constant), and the median of the
// per-round ratios. Beside the rates, the CPU time per request of each
// server process (from /proc/PID/stat, in clock ticks) and of this client
// process (getrusage): on a machine shared with other work the rates move
// with the load, the CPU time per request much less. -bench-out writes
// every slice in the Go benchmark format for benchstat (-col /server).
// Bounded: it stops after the slices, or at -timeout; both servers are
// stopped with SIGTERM.
//
// -fake-profile FILE profiles the fake's side: the fake is then served not by
// the built cmd/slbfake but by this program re-executed with
// roleEnv=profiled-fake, which serves fake.Handler() with cmd/slbfake's
// default options and http.Server limits (a request log to standard error,
// discarded; a call record of 10,000; no state file) and writes a CPU
// profile of that process, seeding and warm-ups included, to FILE:
//
//	go run ./internal/soak -compare -clients 4 -duration 10s -fake-profile fake.cpu
//	go tool pprof -top -cum fake.cpu

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/slbfake/slbfake/fake"
)

// roleEnv, set in the environment, makes this program (or the test binary,
// see TestMain) a server instead (serveRole): "constant", the constant
// server, which reads the canned answers as JSON from standard input;
// "profiled-fake", the fake with a CPU profile written to the file named by
// profileEnv.
const (
	roleEnv    = "SLBFAKE_SOAK_ROLE"
	profileEnv = "SLBFAKE_SOAK_PROFILE"
)

// serveRole runs the server role names and returns its exit status.
func serveRole(role string, stdin io.Reader, stdout io.Writer) int {
	var h http.Handler
	var listening string
	switch role {
	case "constant":
		var answers map[string]canned
		if err := json.NewDecoder(stdin).Decode(&answers); err != nil {
			fmt.Fprintln(os.Stderr, "constant server:", err)
			return 1
		}
		h, listening = constantHandler(answers), constantListening
	case "floor":
		var answers map[string]canned
		err := json.NewDecoder(stdin).Decode(&answers)
		if err == nil {
			h, err = newFloor(answers, os.Getenv(floorModeEnv) != "memdb")
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "floor server:", err)
			return 1
		}
		listening = floorListening
	case "profiled-fake":
		out, err := os.Create(os.Getenv(profileEnv))
		if err == nil {
			err = pprof.StartCPUProfile(out)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "profiled fake:", err)
			return 1
		}
		defer func() {
			pprof.StopCPUProfile()
			_ = out.Close()
		}()
		// cmd/slbfake's defaults: run() in cmd/slbfake/main.go.
		f := fake.New(fake.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, nil))), fake.WithCallLimit(10000))
		h, listening = f.Handler(), fakeListening
	default:
		fmt.Fprintf(os.Stderr, "%s=%q: unknown role\n", roleEnv, role)
		return 2
	}
	return serveOnLoopback(h, listening, stdout)
}

// staticBackends is how many instances stay attached to each client's LB.
const staticBackends = 2

// canned is one answer of the fake, to be given again.
type canned struct {
	Status      int
	ContentType string
	Body        []byte
}

// phase is one timed slice against one server.
type phase struct {
	server  string // "slbfake" (or "floor", see floor.go) or "constant"
	clients int
	round   int
	calls   int64
	elapsed time.Duration
	// serverCPU, clientCPU: the CPU time the server process and this
	// process spent during the slice.
	serverCPU, clientCPU time.Duration
}

// perCall is d per call of p, in microseconds.
func (p phase) perCall(d time.Duration) float64 {
	return float64(d.Microseconds()) / float64(max(p.calls, 1))
}

func (p phase) rps() float64 { return float64(p.calls) / p.elapsed.Seconds() }

// comparison is what -compare measured.
type comparison struct {
	phases   []phase
	failures map[string]int64
	exits    map[string]error // each server's exit after SIGTERM
}

// check reports a comparison that did not go as it should.
func (c *comparison) check() error {
	if len(c.failures) > 0 {
		return fmt.Errorf("calls failed: %v", c.failures)
	}
	for name, err := range c.exits {
		if err != nil {
			return fmt.Errorf("the %s server did not exit cleanly on SIGTERM: %w", name, err)
		}
	}
	return nil
}

// totals returns, for one client count, each server's total rate, the
// median of the per-round ratios, and each server's CPU time per call in
// microseconds.
func (c *comparison) totals(clients int) (fakeRPS, constRPS, medianRatio, fakeCPU, constCPU float64) {
	var fc, cc int64
	var fe, ce, fcpu, ccpu time.Duration
	byRound := map[int][2]float64{}
	for _, p := range c.phases {
		if p.clients != clients {
			continue
		}
		r := byRound[p.round]
		if p.server != "constant" {
			fc, fe, fcpu, r[0] = fc+p.calls, fe+p.elapsed, fcpu+p.serverCPU, p.rps()
		} else {
			cc, ce, ccpu, r[1] = cc+p.calls, ce+p.elapsed, ccpu+p.serverCPU, p.rps()
		}
		byRound[p.round] = r
	}
	var ratios []float64
	for _, r := range byRound {
		if r[0] > 0 && r[1] > 0 {
			ratios = append(ratios, r[0]/r[1])
		}
	}
	slices.Sort(ratios)
	if n := len(ratios); n > 0 {
		medianRatio = ratios[n/2]
		if n%2 == 0 {
			medianRatio = (ratios[n/2-1] + ratios[n/2]) / 2
		}
	}
	if fe > 0 && fc > 0 {
		fakeRPS, fakeCPU = float64(fc)/fe.Seconds(), float64(fcpu.Microseconds())/float64(fc)
	}
	if ce > 0 && cc > 0 {
		constRPS, constCPU = float64(cc)/ce.Seconds(), float64(ccpu.Microseconds())/float64(cc)
	}
	return fakeRPS, constRPS, medianRatio, fakeCPU, constCPU
}

// compareWorld is the seeded world: per client, its LB and the instances it
// adds and removes.
type compareWorld struct {
	lbs   []string
	spare [][]string
}

// cycle is one client's position in its call cycle, kept per server across
// slices so that every Add meets an LB without its window.
type cycle struct{ n int }

// next returns the parameters of the client's next call.
func (cy *cycle) next(w compareWorld, client, batch int) map[string]string {
	lb, ids := w.lbs[client], w.spare[client]
	turn := cy.n / 4
	lo := (turn * batch) % len(ids)
	window := make([]string, 0, batch)
	for i := range batch {
		window = append(window, ids[(lo+i)%len(ids)])
	}
	var params map[string]string
	switch cy.n % 4 {
	case 0:
		params = map[string]string{"Action": "AddBackendServers", "Version": "2014-05-15", "RegionId": region,
			"LoadBalancerId": lb, "BackendServers": backendServers(window, true)}
	case 1:
		params = map[string]string{"Action": "RemoveBackendServers", "Version": "2014-05-15", "RegionId": region,
			"LoadBalancerId": lb, "BackendServers": backendServers(window, false)}
	default:
		params = map[string]string{"Action": "DescribeLoadBalancerAttribute", "Version": "2014-05-15",
			"RegionId": region, "LoadBalancerId": lb}
	}
	cy.n++
	return params
}

// compare runs the -compare mode and prints its report to out.
func compare(ctx context.Context, cfg config, out io.Writer) (*comparison, error) {
	if cfg.floor != "" && cfg.floor != "signed" && cfg.floor != "memdb" {
		return nil, fmt.Errorf("-floor %q: want signed or memdb", cfg.floor)
	}
	if len(cfg.clientCounts) == 0 || slices.Min(cfg.clientCounts) < 1 || cfg.batch < 1 || cfg.batch > instancesPerClient ||
		cfg.rounds < 1 || cfg.duration <= 0 || cfg.warmup < 0 {
		return nil, errors.New("want -clients >= 1, -batch in 1..20, -rounds >= 1, -duration > 0 and -warmup >= 0")
	}
	maxClients := slices.Max(cfg.clientCounts)
	var fakeSrv *server
	var err error
	if cfg.fakeProfile != "" {
		if fakeSrv, err = startProfiledFake(cfg.fakeProfile); err != nil {
			return nil, err
		}
	} else {
		bin := cfg.server
		if bin == "" {
			dir, err := os.MkdirTemp("", "slbfake-soak-")
			if err != nil {
				return nil, err
			}
			defer os.RemoveAll(dir)
			if bin, err = build(dir); err != nil {
				return nil, err
			}
		}
		if fakeSrv, err = startServer(bin, strings.Fields(cfg.serverArgs)); err != nil {
			return nil, err
		}
	}
	defer fakeSrv.kill()
	setupTr := &http.Transport{DisableCompression: true}
	defer setupTr.CloseIdleConnections()
	setup := &client{http: &http.Client{Transport: setupTr}, url: fakeSrv.url, key: fake.DefaultAccessKey()}
	world, err := seedCompare(setup, maxClients)
	if err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	answers, err := record(setup, world, cfg.batch)
	if err != nil {
		return nil, fmt.Errorf("recording the fake's answers: %w", err)
	}
	constSrv, err := startConstant(answers)
	if err != nil {
		return nil, err
	}
	defer constSrv.kill()
	measured := "slbfake"
	if cfg.floor != "" {
		// The fake seeded the world and gave the answers; the floor server
		// is measured in its place.
		if err := fakeSrv.stop(30 * time.Second); err != nil {
			return nil, fmt.Errorf("stopping the fake before the floor: %w", err)
		}
		if fakeSrv, err = startAnswering("floor", floorListening, answers, floorModeEnv+"="+cfg.floor); err != nil {
			return nil, err
		}
		defer fakeSrv.kill()
		measured = "floor"
	}
	flags := "default flags"
	switch {
	case cfg.fakeProfile != "":
		flags = "this program's fake.Handler with cmd/slbfake's defaults, CPU profile to " + cfg.fakeProfile
	case cfg.serverArgs != "":
		flags = "flags " + cfg.serverArgs
	}
	switch cfg.floor {
	case "signed":
		flags = "the floor server in the fake's place: the signature and go-memdb, no rules"
	case "memdb":
		flags = "the floor server in the fake's place: go-memdb, no signature, no rules"
	}
	fmt.Fprintf(out, "%s pid %d at %s (%s); constant server pid %d at %s\n", measured, fakeSrv.cmd.Process.Pid, fakeSrv.url, flags,
		constSrv.cmd.Process.Pid, constSrv.url)
	fmt.Fprintf(out, "mix per client: AddBackendServers (%d), RemoveBackendServers (%d), DescribeLoadBalancerAttribute x2 (%d backends); %d cores, GOMAXPROCS %d\n",
		cfg.batch, cfg.batch, staticBackends, runtime.NumCPU(), runtime.GOMAXPROCS(0))
	fmt.Fprintf(out, "per client count: %v warm-up on each, then %v on each in %d alternating slices of %v\n\n",
		cfg.warmup, cfg.duration, cfg.rounds, cfg.duration/time.Duration(cfg.rounds))

	res := &comparison{failures: map[string]int64{}, exits: map[string]error{}}
	var mu sync.Mutex // guards res.failures
	fail := func(key string) {
		mu.Lock()
		res.failures[key]++
		mu.Unlock()
	}
	servers := []struct {
		name   string
		url    string
		pid    int
		cycles []cycle
	}{{measured, fakeSrv.url, fakeSrv.cmd.Process.Pid, make([]cycle, maxClients)},
		{"constant", constSrv.url, constSrv.cmd.Process.Pid, make([]cycle, maxClients)}}
	slice := cfg.duration / time.Duration(cfg.rounds)
	for _, n := range cfg.clientCounts {
		// One transport per server and client count: the connections of the
		// warm-up are those of the slices.
		clients := make([]*client, len(servers))
		for i, s := range servers {
			tr := &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: n, DisableCompression: true}
			defer tr.CloseIdleConnections()
			clients[i] = &client{http: &http.Client{Transport: tr}, url: s.url, key: fake.DefaultAccessKey()}
		}
		for i := range servers {
			if cfg.warmup > 0 {
				drive(ctx, clients[i], world, servers[i].cycles[:n], cfg.batch, cfg.warmup, fail)
			}
		}
		fmt.Fprintf(out, "%d clients:\n", n)
		for r := range cfg.rounds {
			order := []int{0, 1}
			if r%2 == 1 {
				order = []int{1, 0}
			}
			line := make([]phase, 2)
			for _, i := range order {
				srvBefore, cliBefore := processCPU(servers[i].pid), selfCPU()
				calls, elapsed := drive(ctx, clients[i], world, servers[i].cycles[:n], cfg.batch, slice, fail)
				p := phase{server: servers[i].name, clients: n, round: r, calls: calls, elapsed: elapsed,
					serverCPU: processCPU(servers[i].pid) - srvBefore, clientCPU: selfCPU() - cliBefore}
				res.phases = append(res.phases, p)
				line[i] = p
			}
			fmt.Fprintf(out, "  round %2d  %s %7.0f req/s (server %5.1f µs/req)  constant %7.0f req/s (server %5.1f µs/req)  ratio %.2f\n",
				r+1, measured, line[0].rps(), line[0].perCall(line[0].serverCPU), line[1].rps(), line[1].perCall(line[1].serverCPU),
				line[0].rps()/line[1].rps())
			if ctx.Err() != nil {
				break
			}
		}
		if ctx.Err() != nil {
			fmt.Fprintf(out, "stopped early: %v\n", ctx.Err())
			break
		}
	}
	res.exits[measured] = fakeSrv.stop(30 * time.Second)
	res.exits["constant"] = constSrv.stop(30 * time.Second)

	fmt.Fprintf(out, "\n%7s  %13s  %14s  %15s  %18s  %19s  %20s\n", "clients", measured+" req/s", "constant req/s",
		"ratio of totals", "median round ratio", "server CPU µs/req", "("+measured+" / constant)")
	for _, n := range cfg.clientCounts {
		f, c, med, fcpu, ccpu := res.totals(n)
		if f == 0 || c == 0 {
			continue
		}
		fmt.Fprintf(out, "%7d  %13.0f  %14.0f  %15.2f  %18.2f  %8.1f / %8.1f  %20.2f\n", n, f, c, f/c, med, fcpu, ccpu, fcpu/ccpu)
	}
	if len(res.failures) == 0 {
		fmt.Fprintln(out, "failures: none")
	} else {
		fmt.Fprintf(out, "failures: %v\n", res.failures)
	}
	if cfg.benchOut != "" {
		if err := writeBench(cfg.benchOut, res); err != nil {
			return res, err
		}
	}
	return res, nil
}

// drive runs clients signed clients, each on its own LB from its cycle
// position, for d (every call begun before d ends is finished), and returns
// the calls made and the time they took.
func drive(ctx context.Context, c *client, w compareWorld, cycles []cycle, batch int, d time.Duration, fail func(string)) (int64, time.Duration) {
	var calls atomic.Int64
	var wg sync.WaitGroup
	began := time.Now()
	deadline := began.Add(d)
	for i := range cycles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && time.Now().Before(deadline) {
				params := cycles[i].next(w, i, batch)
				status, code, err := c.do(params, nil)
				calls.Add(1)
				if err != nil {
					fail(fmt.Sprintf("%s: %v", params["Action"], err))
				} else if status != http.StatusOK {
					fail(fmt.Sprintf("%s %d %s", params["Action"], status, code))
				}
			}
		}()
	}
	wg.Wait()
	return calls.Load(), time.Since(began)
}

// seedCompare builds the world through the API: one VPC and vSwitch and, per
// client, staticBackends+instancesPerClient Running instances and an
// intranet LB with the first staticBackends attached.
func seedCompare(c *client, clients int) (compareWorld, error) {
	var vpc struct{ VpcId string }
	if err := c.ok(map[string]string{"Action": "CreateVpc", "Version": "2016-04-28", "RegionId": region,
		"CidrBlock": "192.168.0.0/16", "VpcName": "compare"}, &vpc); err != nil {
		return compareWorld{}, err
	}
	var vsw struct{ VSwitchId string }
	if err := c.ok(map[string]string{"Action": "CreateVSwitch", "Version": "2016-04-28", "RegionId": region,
		"VpcId": vpc.VpcId, "ZoneId": "cn-hangzhou-h", "CidrBlock": "192.168.0.0/18", "VSwitchName": "compare"}, &vsw); err != nil {
		return compareWorld{}, err
	}
	per := staticBackends + instancesPerClient
	var all []string
	for len(all) < clients*per {
		amount := min(100, clients*per-len(all))
		var run struct {
			InstanceIdSets struct{ InstanceIdSet []string }
		}
		if err := c.ok(map[string]string{"Action": "RunInstances", "Version": "2014-05-26", "RegionId": region,
			"ImageId": "aliyun_3_x64_20G_alibase_20240819.vhd", "InstanceType": "ecs.g7.large",
			"VSwitchId": vsw.VSwitchId, "Amount": fmt.Sprint(amount)}, &run); err != nil {
			return compareWorld{}, err
		}
		all = append(all, run.InstanceIdSets.InstanceIdSet...)
	}
	var w compareWorld
	for i := range clients {
		var lb struct{ LoadBalancerId string }
		if err := c.ok(map[string]string{"Action": "CreateLoadBalancer", "Version": "2014-05-15", "RegionId": region,
			"AddressType": "intranet", "VSwitchId": vsw.VSwitchId, "LoadBalancerName": fmt.Sprintf("compare-%d", i)}, &lb); err != nil {
			return compareWorld{}, err
		}
		mine := all[i*per : (i+1)*per]
		if err := c.ok(map[string]string{"Action": "AddBackendServers", "Version": "2014-05-15", "RegionId": region,
			"LoadBalancerId": lb.LoadBalancerId, "BackendServers": backendServers(mine[:staticBackends], true)}, nil); err != nil {
			return compareWorld{}, err
		}
		w.lbs = append(w.lbs, lb.LoadBalancerId)
		w.spare = append(w.spare, mine[staticBackends:])
	}
	return w, nil
}

// record makes one cycle of client 0 through the fake and keeps, per
// action, what it answered (the client's cycle position is put back: the
// cycle ends where it began).
func record(c *client, w compareWorld, batch int) (map[string]canned, error) {
	answers := map[string]canned{}
	var cy cycle
	for range 4 {
		params := cy.next(w, 0, batch)
		status, contentType, body, err := c.raw(params)
		if err != nil {
			return nil, err
		}
		if status != http.StatusOK {
			return nil, fmt.Errorf("%s: %d %s", params["Action"], status, body)
		}
		if _, seen := answers[params["Action"]]; !seen {
			answers[params["Action"]] = canned{Status: status, ContentType: contentType, Body: body}
		}
	}
	return answers, nil
}

// startConstant starts this program as the constant server, handing it the
// answers on standard input.
func startConstant(answers map[string]canned) (*server, error) {
	return startAnswering("constant", constantListening, answers)
}

// startAnswering starts this program in role, a server that answers the
// answers it reads on standard input, with env added to its environment.
func startAnswering(role, listening string, answers map[string]canned, env ...string) (*server, error) {
	raw, err := json.Marshal(answers)
	if err != nil {
		return nil, err
	}
	cmd, err := selfAs(role)
	if err != nil {
		return nil, err
	}
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdin = strings.NewReader(string(raw))
	return startProcess(cmd, listening)
}

// startProfiledFake starts this program as the profiled fake, writing its
// CPU profile to path.
func startProfiledFake(path string) (*server, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	cmd, err := selfAs("profiled-fake")
	if err != nil {
		return nil, err
	}
	cmd.Env = append(cmd.Env, profileEnv+"="+abs)
	return startProcess(cmd, fakeListening)
}

// selfAs is this program, to be run in a server role.
func selfAs(role string) (*exec.Cmd, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), roleEnv+"="+role)
	return cmd, nil
}

// The first lines of the servers of the roles, before their URL.
const (
	constantListening = "constant server listening on "
	floorListening    = "floor server listening on "
	fakeListening     = "slbfake listening on "
)

// serveOnLoopback serves h on 127.0.0.1:0 with the http.Server limits of
// cmd/slbfake's defaults, prints listening and its URL and serves until
// SIGTERM or SIGINT. It returns the exit status.
func serveOnLoopback(h http.Handler, listening string, stdout io.Writer) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak server:", err)
		return 1
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: time.Minute,
		IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	shutDown := make(chan struct{})
	go func() {
		defer close(shutDown)
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	fmt.Fprintf(stdout, "%shttp://%s\n", listening, ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "soak server:", err)
		return 1
	}
	<-shutDown
	return 0
}

// constantHandler reads a request as any server would (the query and the
// form body) and answers the canned bytes of its Action.
func constantHandler(answers map[string]canned) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		a, ok := answers[r.Form.Get("Action")]
		if !ok {
			http.Error(w, "no canned answer for "+r.Form.Get("Action"), http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", a.ContentType)
		w.WriteHeader(a.Status)
		_, _ = w.Write(a.Body)
	})
}

// processCPU is the CPU time (user and system) process pid has used so far,
// from /proc/PID/stat in clock ticks (USER_HZ, 100 on Linux); 0 when it
// cannot be read.
func processCPU(pid int) time.Duration {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command name, which is in parentheses and may
	// hold spaces: state is field 3, utime 14, stime 15.
	i := strings.LastIndexByte(string(raw), ')')
	if i < 0 {
		return 0
	}
	fields := strings.Fields(string(raw[i+1:]))
	if len(fields) < 13 {
		return 0
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(utime+stime) * (time.Second / 100)
}

// selfCPU is this process's CPU time so far, user and system.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// writeBench writes every slice in the Go benchmark format:
// BenchmarkLoopback/clients=N/server=S, the calls as the iteration count,
// ns/op and req/s.
func writeBench(path string, res *comparison) error {
	var b strings.Builder
	fmt.Fprintf(&b, "goos: %s\ngoarch: %s\npkg: github.com/slbfake/slbfake/internal/soak\n", runtime.GOOS, runtime.GOARCH)
	for _, p := range res.phases {
		fmt.Fprintf(&b, "BenchmarkLoopback/clients=%d/server=%s \t%d\t%.0f ns/op\t%.1f req/s\t%.0f server-cpu-ns/op\t%.0f client-cpu-ns/op\n",
			p.clients, p.server, p.calls, float64(p.elapsed.Nanoseconds())/float64(max(p.calls, 1)), p.rps(),
			1000*p.perCall(p.serverCPU), 1000*p.perCall(p.clientCPU))
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
