// Command soak drives cmd/slbfake over loopback with many concurrent signed
// clients and reports throughput, latency percentiles and the server's
// resident memory along the way:
//
//	go run ./internal/soak -calls 1000000 -clients 16
//
// It builds cmd/slbfake (or runs -server PATH), starts it on 127.0.0.1 with
// its default flags (only the port is chosen: -listen 127.0.0.1:0; -server-args
// adds others, to compare), seeds one
// VPC world through the API (a vSwitch, 20 Running instances and one intranet
// load balancer per client), then has every client repeat, on its own load
// balancer, the cycle AddBackendServers (a window of -batch of its
// instances), DescribeLoadBalancerAttribute, RemoveBackendServers (the same
// window), DescribeLoadBalancers: a quarter adds, a quarter removes, half
// reads. Every call is a Signature V1 POST with a fresh nonce, as the SDKs
// send it, over keep-alive connections. It samples the server's VmRSS from
// /proc/PID/status every -sample-every, stops after -calls calls or
// -timeout, whichever comes first, stops the server with SIGTERM and prints
// the figures. It exits 1 when a call failed or the server did not exit 0.
//
// With -compare it measures instead the requests per second of the fake
// beside a constant net/http server answering the same bytes, at each of
// -clients (a list): see compare.go.
//
//	go run ./internal/soak -compare -clients 1,4,16 -duration 10s
//
// With -compare -floor signed (or memdb) the floor server (floor.go: the
// signature check and go-memdb, without the fake's rules) is measured in the
// fake's place: the bound of the ratio any fake kept in go-memdb can reach.
//
// It is not part of go test ./... (a million calls take minutes); the test of
// this package runs a short version of each mode.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/internal/rpcsign"
)

// config is the command line.
type config struct {
	calls       int
	clients     int
	batch       int
	server      string
	serverArgs  string
	timeout     time.Duration
	sampleEvery time.Duration

	// The -compare mode (compare.go).
	compare      bool
	clientCounts []int
	duration     time.Duration
	warmup       time.Duration
	rounds       int
	benchOut     string
	fakeProfile  string
	floor        string
}

// intList is a comma-separated list of positive integers.
type intList struct{ list *[]int }

func (l intList) String() string {
	if l.list == nil {
		return ""
	}
	parts := make([]string, len(*l.list))
	for i, n := range *l.list {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

func (l intList) Set(v string) error {
	var out []int
	for _, part := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 1 {
			return fmt.Errorf("%q: want positive integers separated by commas", v)
		}
		out = append(out, n)
	}
	*l.list = out
	return nil
}

func main() {
	if role := os.Getenv(roleEnv); role != "" {
		os.Exit(serveRole(role, os.Stdin, os.Stdout))
	}
	cfg := config{clientCounts: []int{16}}
	flag.IntVar(&cfg.calls, "calls", 1_000_000, "calls to make in all (the seeding calls not counted)")
	flag.Var(intList{&cfg.clientCounts}, "clients", "concurrent clients, each on its own load balancer and connection;\n"+
		"with -compare a list, e.g. 1,4,16")
	flag.IntVar(&cfg.batch, "batch", 5, "backends per AddBackendServers/RemoveBackendServers call (1..20)")
	flag.StringVar(&cfg.server, "server", "", "a built slbfake binary (default: go build ./cmd/slbfake)")
	flag.StringVar(&cfg.serverArgs, "server-args", "", "extra flags for the server, space-separated (default: none, every\n"+
		"flag at its default), e.g. \"-call-limit 10000\"; -listen is always 127.0.0.1:0")
	flag.DurationVar(&cfg.timeout, "timeout", 30*time.Minute, "stop after this long even if -calls were not made")
	flag.DurationVar(&cfg.sampleEvery, "sample-every", time.Second, "how often to sample the server's RSS")
	flag.BoolVar(&cfg.compare, "compare", false, "compare the fake's requests per second with a constant server's (see compare.go)")
	flag.DurationVar(&cfg.duration, "duration", 10*time.Second, "-compare: time on each server per client count")
	flag.DurationVar(&cfg.warmup, "warmup", time.Second, "-compare: warm-up on each server per client count, not counted")
	flag.IntVar(&cfg.rounds, "rounds", 10, "-compare: alternating slices -duration is split into")
	flag.StringVar(&cfg.fakeProfile, "fake-profile", "", "-compare: serve the fake from this program with cmd/slbfake's defaults and write\n"+
		"a CPU profile of its process to this file (see compare.go)")
	flag.StringVar(&cfg.floor, "floor", "", "-compare: measure the floor server (floor.go: go-memdb, no rules) in the fake's place,\n"+
		"the bound of the fake's ratio: signed (it checks the signature) or memdb (it does not)")
	flag.StringVar(&cfg.benchOut, "bench-out", "", "-compare: write every slice to this file in the Go benchmark format, for benchstat")
	flag.Parse()
	ctx, stop := context.WithTimeout(context.Background(), cfg.timeout)
	defer stop()
	var err error
	if cfg.compare {
		var res *comparison
		if res, err = compare(ctx, cfg, os.Stdout); err == nil {
			err = res.check()
		}
	} else if len(cfg.clientCounts) != 1 {
		err = errors.New("a soak takes one -clients count (a list is for -compare)")
	} else {
		cfg.clients = cfg.clientCounts[0]
		var res *result
		if res, err = soak(ctx, cfg, os.Stdout); err == nil {
			err = res.check()
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

// instancesPerClient is how many instances each client attaches and
// detaches, in windows of -batch.
const instancesPerClient = 20

// sample is one reading of the server's memory.
type sample struct {
	elapsed time.Duration
	calls   int64
	rssKB   int64
	hwmKB   int64
}

// result is what a soak measured.
type result struct {
	calls     int64
	failures  map[string]int64 // by HTTP status and error code
	elapsed   time.Duration
	latencies []time.Duration // sorted
	samples   []sample
	exit      error // the server's exit after SIGTERM
}

func (r *result) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(p * float64(len(r.latencies)-1))
	return r.latencies[i]
}

// check reports a soak that did not go as it should.
func (r *result) check() error {
	if len(r.failures) > 0 {
		return fmt.Errorf("calls failed: %v", r.failures)
	}
	if r.exit != nil {
		return fmt.Errorf("the server did not exit cleanly on SIGTERM: %w", r.exit)
	}
	return nil
}

// soak runs one soak and prints its report to out.
func soak(ctx context.Context, cfg config, out io.Writer) (*result, error) {
	if cfg.clients < 1 || cfg.calls < 1 || cfg.batch < 1 || cfg.batch > instancesPerClient {
		return nil, errors.New("want -calls >= 1, -clients >= 1 and -batch in 1..20")
	}
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
	srv, err := startServer(bin, strings.Fields(cfg.serverArgs))
	if err != nil {
		return nil, err
	}
	defer srv.kill()
	flags := "default flags"
	if cfg.serverArgs != "" {
		flags = "flags " + cfg.serverArgs
	}
	fmt.Fprintf(out, "server pid %d at %s (%s), %d clients, %d calls, batch %d\n",
		srv.cmd.Process.Pid, srv.url, flags, cfg.clients, cfg.calls, cfg.batch)

	tr := &http.Transport{MaxIdleConnsPerHost: cfg.clients, MaxConnsPerHost: cfg.clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	c := &client{http: &http.Client{Transport: tr}, url: srv.url, key: fake.DefaultAccessKey()}
	lbs, instances, err := seed(c, cfg.clients)
	if err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	if rss, hwm, err := readRSS(srv.cmd.Process.Pid); err == nil {
		fmt.Fprintf(out, "seeded: %d LBs, %d instances; server RSS %d MB (peak %d MB)\n",
			len(lbs), len(instances)*instancesPerClient, rss>>10, hwm>>10)
	}

	res := &result{failures: map[string]int64{}}
	var issued, done atomic.Int64
	var mu sync.Mutex // guards res.failures and res.samples
	lat := make([][]time.Duration, cfg.clients)
	began := time.Now()

	// The sampler reads the server's RSS until the clients are done.
	sampled := make(chan struct{})
	stopSampling := make(chan struct{})
	go func() {
		defer close(sampled)
		t := time.NewTicker(cfg.sampleEvery)
		defer t.Stop()
		for {
			select {
			case <-stopSampling:
				return
			case <-t.C:
			}
			rss, hwm, err := readRSS(srv.cmd.Process.Pid)
			if err != nil {
				continue
			}
			s := sample{elapsed: time.Since(began), calls: done.Load(), rssKB: rss, hwmKB: hwm}
			mu.Lock()
			res.samples = append(res.samples, s)
			mu.Unlock()
		}
	}()

	var wg sync.WaitGroup
	for w := range cfg.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat[w] = make([]time.Duration, 0, cfg.calls/cfg.clients+1)
			lb, ids := lbs[w], instances[w]
			for n := 0; ctx.Err() == nil && issued.Add(1) <= int64(cfg.calls); n++ {
				cycle := n / 4
				lo := (cycle * cfg.batch) % instancesPerClient
				window := make([]string, 0, cfg.batch)
				for i := range cfg.batch {
					window = append(window, ids[(lo+i)%instancesPerClient])
				}
				var params map[string]string
				switch n % 4 {
				case 0:
					params = map[string]string{"Action": "AddBackendServers", "Version": "2014-05-15", "RegionId": region,
						"LoadBalancerId": lb, "BackendServers": backendServers(window, true)}
				case 1:
					params = map[string]string{"Action": "DescribeLoadBalancerAttribute", "Version": "2014-05-15",
						"RegionId": region, "LoadBalancerId": lb}
				case 2:
					params = map[string]string{"Action": "RemoveBackendServers", "Version": "2014-05-15", "RegionId": region,
						"LoadBalancerId": lb, "BackendServers": backendServers(window, false)}
				case 3:
					params = map[string]string{"Action": "DescribeLoadBalancers", "Version": "2014-05-15", "RegionId": region,
						"PageSize": "10"}
				}
				start := time.Now()
				status, code, err := c.do(params, nil)
				lat[w] = append(lat[w], time.Since(start))
				done.Add(1)
				if err != nil || status != http.StatusOK {
					key := fmt.Sprintf("%s %d %s", params["Action"], status, code)
					if err != nil {
						key = fmt.Sprintf("%s: %v", params["Action"], err)
					}
					mu.Lock()
					res.failures[key]++
					mu.Unlock()
				}
			}
		}()
	}
	// Progress, every tenth of the calls.
	progressDone := make(chan struct{})
	go func() {
		defer close(progressDone)
		next := int64(cfg.calls / 10)
		if next == 0 {
			return
		}
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for range t.C {
			d := done.Load()
			if d >= next {
				rss, _, _ := readRSS(srv.cmd.Process.Pid)
				el := time.Since(began)
				fmt.Fprintf(out, "  %8d calls  %7.1fs  %7.0f calls/s  RSS %4d MB\n", d, el.Seconds(), float64(d)/el.Seconds(), rss>>10)
				for next <= d {
					next += int64(cfg.calls / 10)
				}
			}
			if d >= int64(cfg.calls) || ctx.Err() != nil {
				return
			}
		}
	}()
	wg.Wait()
	res.elapsed = time.Since(began)
	res.calls = done.Load()
	close(stopSampling)
	<-sampled
	<-progressDone
	if rss, hwm, err := readRSS(srv.cmd.Process.Pid); err == nil {
		res.samples = append(res.samples, sample{elapsed: res.elapsed, calls: res.calls, rssKB: rss, hwmKB: hwm})
	}
	for _, l := range lat {
		res.latencies = append(res.latencies, l...)
	}
	slices.Sort(res.latencies)
	res.exit = srv.stop(30 * time.Second)
	report(out, cfg, res, ctx.Err())
	return res, nil
}

// report prints the figures.
func report(out io.Writer, cfg config, res *result, ctxErr error) {
	fmt.Fprintf(out, "\n%d calls in %.1fs by %d clients: %.0f calls/s\n", res.calls, res.elapsed.Seconds(), cfg.clients,
		float64(res.calls)/res.elapsed.Seconds())
	if ctxErr != nil {
		fmt.Fprintf(out, "stopped early: %v\n", ctxErr)
	}
	fmt.Fprintf(out, "latency: p50 %v  p90 %v  p99 %v  p99.9 %v  max %v\n",
		res.percentile(0.50).Round(time.Microsecond), res.percentile(0.90).Round(time.Microsecond),
		res.percentile(0.99).Round(time.Microsecond), res.percentile(0.999).Round(time.Microsecond),
		res.percentile(1).Round(time.Microsecond))
	if len(res.failures) == 0 {
		fmt.Fprintln(out, "failures: none")
	} else {
		fmt.Fprintf(out, "failures: %v\n", res.failures)
	}
	// The RSS over time, at most about 12 rows: evenly spaced samples.
	fmt.Fprintln(out, "server RSS over the run:")
	step := max(1, len(res.samples)/12)
	for i, s := range res.samples {
		if i%step == 0 || i == len(res.samples)-1 {
			fmt.Fprintf(out, "  %7.1fs  %8d calls  RSS %4d MB  (peak so far %4d MB)\n", s.elapsed.Seconds(), s.calls, s.rssKB>>10, s.hwmKB>>10)
		}
	}
	if n := len(res.samples); n >= 4 {
		half, last := res.samples[n/2], res.samples[n-1]
		fmt.Fprintf(out, "RSS from the middle of the run to its end: %d MB -> %d MB (%+.1f%%)\n", half.rssKB>>10, last.rssKB>>10,
			100*float64(last.rssKB-half.rssKB)/float64(half.rssKB))
	}
	if res.exit == nil {
		fmt.Fprintln(out, "server: exited 0 on SIGTERM")
	} else {
		fmt.Fprintf(out, "server: %v\n", res.exit)
	}
}

const region = "cn-hangzhou"

// backendServers is the BackendServers parameter for ids.
func backendServers(ids []string, weight bool) string {
	type elem struct {
		ServerId string
		Weight   int `json:",omitempty"`
	}
	els := make([]elem, len(ids))
	for i, id := range ids {
		els[i] = elem{ServerId: id}
		if weight {
			els[i].Weight = 100
		}
	}
	b, _ := json.Marshal(els)
	return string(b)
}

// seed builds the world: one VPC and vSwitch, instancesPerClient Running
// instances and one intranet LB per client.
func seed(c *client, clients int) (lbs []string, instances [][]string, err error) {
	var vpc struct{ VpcId string }
	if err := c.ok(map[string]string{"Action": "CreateVpc", "Version": "2016-04-28", "RegionId": region,
		"CidrBlock": "192.168.0.0/16", "VpcName": "soak"}, &vpc); err != nil {
		return nil, nil, err
	}
	var vsw struct{ VSwitchId string }
	if err := c.ok(map[string]string{"Action": "CreateVSwitch", "Version": "2016-04-28", "RegionId": region,
		"VpcId": vpc.VpcId, "ZoneId": "cn-hangzhou-h", "CidrBlock": "192.168.0.0/18", "VSwitchName": "soak"}, &vsw); err != nil {
		return nil, nil, err
	}
	var all []string
	for len(all) < clients*instancesPerClient {
		amount := min(100, clients*instancesPerClient-len(all))
		var run struct {
			InstanceIdSets struct{ InstanceIdSet []string }
		}
		if err := c.ok(map[string]string{"Action": "RunInstances", "Version": "2014-05-26", "RegionId": region,
			"ImageId": "aliyun_3_x64_20G_alibase_20240819.vhd", "InstanceType": "ecs.g7.large",
			"VSwitchId": vsw.VSwitchId, "Amount": strconv.Itoa(amount)}, &run); err != nil {
			return nil, nil, err
		}
		all = append(all, run.InstanceIdSets.InstanceIdSet...)
	}
	for w := range clients {
		var lb struct{ LoadBalancerId string }
		if err := c.ok(map[string]string{"Action": "CreateLoadBalancer", "Version": "2014-05-15", "RegionId": region,
			"AddressType": "intranet", "VSwitchId": vsw.VSwitchId, "LoadBalancerName": fmt.Sprintf("soak-%d", w)}, &lb); err != nil {
			return nil, nil, err
		}
		lbs = append(lbs, lb.LoadBalancerId)
		instances = append(instances, all[w*instancesPerClient:(w+1)*instancesPerClient])
	}
	return lbs, instances, nil
}

// client signs and sends RPC calls.
type client struct {
	http  *http.Client
	url   string
	key   fake.AccessKey
	nonce atomic.Int64
}

// do sends one Signature V1 POST (common parameters in the query, the
// action's in a form body, as the SDKs do) and decodes a success into out.
// It returns the status and, on an API error, its code.
func (c *client) do(params map[string]string, out any) (int, string, error) {
	status, _, body, err := c.raw(params)
	if err != nil {
		return status, "", err
	}
	if status != http.StatusOK {
		var e struct{ Code string }
		_ = json.Unmarshal(body, &e)
		return status, e.Code, nil
	}
	if out != nil {
		return status, "", json.Unmarshal(body, out)
	}
	return status, "", nil
}

// raw sends one signed call as do does and returns the status, the
// Content-Type and the body as received.
func (c *client) raw(params map[string]string) (status int, contentType string, body []byte, err error) {
	all := rpcsign.Common(c.key.Id, "soak-"+strconv.FormatInt(c.nonce.Add(1), 10)+"-"+strconv.FormatInt(time.Now().UnixNano(), 36), time.Now())
	form := url.Values{}
	for k, v := range params {
		all[k] = v
		form.Set(k, v)
	}
	all["Signature"] = rpcsign.Signature(http.MethodPost, all, c.key.Secret)
	query := url.Values{}
	for k, v := range all {
		if _, business := params[k]; !business {
			query.Set(k, v)
		}
	}
	resp, err := c.http.Post(c.url+"/?"+query.Encode(), "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		return 0, "", nil, err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), body, err
}

// ok is do for calls that must succeed.
func (c *client) ok(params map[string]string, out any) error {
	status, code, err := c.do(params, out)
	if err != nil {
		return fmt.Errorf("%s: %w", params["Action"], err)
	}
	if status != http.StatusOK {
		return fmt.Errorf("%s: %d %s", params["Action"], status, code)
	}
	return nil
}

// build builds cmd/slbfake into dir.
func build(dir string) (string, error) {
	tool, err := exec.LookPath("go")
	if err != nil {
		tool = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
		if _, serr := os.Stat(tool); serr != nil {
			tool = "/usr/local/go/bin/go"
		}
	}
	bin := filepath.Join(dir, "slbfake")
	if out, err := exec.Command(tool, "build", "-o", bin, "github.com/slbfake/slbfake/cmd/slbfake").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v: %s", err, out)
	}
	return bin, nil
}

// server is the slbfake process.
type server struct {
	cmd    *exec.Cmd
	url    string
	exited chan struct{}
	err    error // cmd.Wait's, once exited is closed
}

// startServer starts bin on a free loopback port, with args and every other
// flag at its default, and waits for its listening line. Its request log
// (standard error) is discarded.
func startServer(bin string, args []string) (*server, error) {
	return startProcess(exec.Command(bin, append(args, "-listen", "127.0.0.1:0")...), "slbfake listening on ")
}

// startProcess starts a server process and waits for its first line, prefix
// then its loopback URL. Its standard error is discarded.
func startProcess(cmd *exec.Cmd, prefix string) (*server, error) {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, exited: make(chan struct{})}
	first := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, _ := r.ReadString('\n')
		first <- line
		_, _ = io.Copy(io.Discard, r)
		s.err = cmd.Wait()
		close(s.exited)
	}()
	select {
	case line := <-first:
		addr, ok := strings.CutPrefix(strings.TrimSpace(line), prefix)
		if !ok || !strings.HasPrefix(addr, "http://127.0.0.1:") {
			s.kill()
			return nil, fmt.Errorf("unexpected first line %q", line)
		}
		s.url = addr
		return s, nil
	case <-time.After(30 * time.Second):
		s.kill()
		return nil, errors.New("the server printed no listening line in 30s")
	}
}

// stop sends SIGTERM and waits at most limit for the exit.
func (s *server) stop(limit time.Duration) error {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case <-s.exited:
		return s.err
	case <-time.After(limit):
		return fmt.Errorf("still running %v after SIGTERM", limit)
	}
}

// kill ends the server if it still runs.
func (s *server) kill() {
	select {
	case <-s.exited:
	default:
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

// readRSS reads the resident set size and its peak (VmRSS, VmHWM), in kB,
// from /proc/PID/status.
func readRSS(pid int) (rss, hwm int64, err error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(raw), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		var dst *int64
		switch name {
		case "VmRSS":
			dst = &rss
		case "VmHWM":
			dst = &hwm
		default:
			continue
		}
		n, perr := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if perr != nil {
			return 0, 0, fmt.Errorf("/proc/%d/status: %s: %w", pid, line, perr)
		}
		*dst = n
	}
	if rss == 0 {
		return 0, 0, fmt.Errorf("/proc/%d/status: no VmRSS", pid)
	}
	return rss, hwm, nil
}
