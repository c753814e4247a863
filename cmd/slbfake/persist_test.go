package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/internal/rpcsign"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// These tests run the real binary, built with go build, and kill it.

// goTool finds the go command: the one running the tests when it is on PATH,
// or the one of GOROOT.
func goTool(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	for _, root := range []string{os.Getenv("GOROOT"), "/usr/local/go"} {
		if root == "" {
			continue
		}
		if p := filepath.Join(root, "bin", "go"); fileExists(p) {
			return p
		}
	}
	t.Skip("no go command to build the binary with")
	return ""
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// built is the binary, built once for the whole test run into a temporary
// directory that TestMain removes.
var built struct {
	once      sync.Once
	dir, path string
	err       error
}

// buildBinary builds cmd/slbfake (once per test run) and returns its path.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	tool := goTool(t)
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "slbfake-bin-"); built.err != nil {
			return
		}
		built.path = filepath.Join(built.dir, "slbfake")
		if out, err := exec.Command(tool, "build", "-o", built.path, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v: %s", err, out)
		}
	})
	require.NoError(t, built.err)
	return built.path
}

// removeBuilt removes the built binary, if any.
func removeBuilt() {
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
}

// proc is the binary running.
type proc struct {
	cmd    *exec.Cmd
	url    string
	stderr *syncBuffer
	exited chan struct{} // closed when it has exited; cmd.ProcessState is set then
}

// startBinary starts bin on a free loopback port and waits for its listening
// line.
func startBinary(t *testing.T, bin string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-listen", "127.0.0.1:0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	p := &proc{cmd: cmd, stderr: &syncBuffer{}, exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	require.NoError(t, cmd.Start())
	lines := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, _ := r.ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, r)
		_ = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-p.exited
	})
	select {
	case line := <-lines:
		m := listenLine.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
		require.NotNil(t, m, "first line %q; stderr: %s", line, p.stderr)
		p.url = "http://127.0.0.1:" + m[1]
	case <-time.After(20 * time.Second):
		t.Fatalf("no listening line; stderr: %s", p.stderr)
	}
	return p
}

// wait waits, at most limit, for the process to exit and returns its state.
func (p *proc) wait(t *testing.T, limit time.Duration) *os.ProcessState {
	t.Helper()
	select {
	case <-p.exited:
		return p.cmd.ProcessState
	case <-time.After(limit):
		t.Fatalf("still running after %v; stderr: %s", limit, p.stderr)
		return nil
	}
}

// kill9 kills the process with SIGKILL and waits for it.
func (p *proc) kill9(t *testing.T) {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGKILL))
	st := p.wait(t, 10*time.Second)
	ws, ok := st.Sys().(syscall.WaitStatus)
	require.True(t, ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL, "%v", st)
}

// post sends a signed V1 request like call, without failing the test: for
// goroutines other than the test's.
func post(baseURL string, key fake.AccessKey, params map[string]string) (int, string, error) {
	all := rpcsign.Common(key.Id, fmt.Sprintf("post-%d-%d", time.Now().UnixNano(), nonces.Add(1)), time.Now())
	form := url.Values{}
	for k, v := range params {
		all[k] = v
		form.Set(k, v)
	}
	all["Signature"] = rpcsign.Signature(http.MethodPost, all, key.Secret)
	query := url.Values{}
	for k, v := range all {
		if _, business := params[k]; !business {
			query.Set(k, v)
		}
	}
	resp, err := http.Post(baseURL+"/?"+query.Encode(), "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}

// savedLBs reads the state file as it is now: the IDs of its load
// balancers, or an error when it is missing or does not load.
func savedLBs(path string) (map[string]bool, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f := fake.New()
	if err := f.ImportState(bytes.NewReader(raw)); err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, lb := range f.State().LoadBalancers {
		ids[lb.LoadBalancerId] = true
	}
	return ids, nil
}

// tempFiles lists the state's temporary files in dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestStateSurvivesKill9(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	dir := t.TempDir()
	state := filepath.Join(dir, "world.json")
	def := fake.DefaultAccessKey()

	p := startBinary(t, bin, "-state", state, "-state-interval", "50ms")
	s := &server{url: p.url}
	want := map[string]string{}
	for i := range 3 {
		name := fmt.Sprintf("lb-%d", i)
		want[createLB(t, s, def, name)] = name
	}
	// No signal: the changes reach the file on their own, within the
	// interval (the wait is only bounded, not timed).
	require.Eventually(t, func() bool {
		ids, err := savedLBs(state)
		return err == nil && len(ids) == 3
	}, 10*time.Second, 20*time.Millisecond, "the changes never reached %s; stderr: %s", state, p.stderr)
	p.kill9(t)
	require.Empty(t, tempFiles(t, dir))

	// Restarted, the server has every change, and goes on from there.
	p = startBinary(t, bin, "-state", state)
	s = &server{url: p.url}
	require.Equal(t, want, lbNames(t, s, def))
	next := createLB(t, s, def, "after")
	require.NotContains(t, want, next)
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	require.True(t, p.wait(t, 10*time.Second).Success(), "stderr: %s", p.stderr)
	ids, err := savedLBs(state)
	require.NoError(t, err)
	require.Len(t, ids, 4)
}

// TestKill9DuringWritesNeverTearsTheFile kills the server again and again
// while calls change the world and the file is rewritten every few
// milliseconds: every restart loads a complete state that holds at least
// what the last one held, and no temporary file survives a start.
func TestKill9DuringWritesNeverTearsTheFile(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	dir := t.TempDir()
	state := filepath.Join(dir, "world.json")
	def := fake.DefaultAccessKey()
	// A world large enough that a write takes a while.
	seed := fake.New()
	for i := range 300 {
		_, err := seed.PutLoadBalancer(model.LoadBalancer{LoadBalancerName: fmt.Sprintf("seed-%d", i)})
		require.NoError(t, err)
	}
	require.NoError(t, writeState(seed, state))

	last := 300
	for round := range 4 {
		p := startBinary(t, bin, "-state", state, "-state-interval", "0") // it starts: the file loads
		require.Empty(t, tempFiles(t, dir), "round %d: a temporary file survived the start", round)
		var out model.DescribeLoadBalancersResponse
		status, body := call(t, p.url, def, map[string]string{"Action": "DescribeLoadBalancers", "Version": "2014-05-15",
			"RegionId": "cn-hangzhou"}, &out)
		require.Equal(t, http.StatusOK, status, body)
		require.GreaterOrEqual(t, out.TotalCount, last, "round %d lost changes that had been written", round)
		last = out.TotalCount

		var stop atomic.Bool
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; !stop.Load(); i++ {
					if _, _, err := post(p.url, def, map[string]string{"Action": "CreateLoadBalancer", "Version": "2014-05-15",
						"RegionId": "cn-hangzhou", "LoadBalancerName": fmt.Sprintf("r%d-w%d-%d", round, w, i)}); err != nil {
						return // the server is gone
					}
				}
			}()
		}
		time.Sleep(time.Duration(100+round*70) * time.Millisecond)
		p.kill9(t)
		stop.Store(true)
		wg.Wait()
		ids, err := savedLBs(state)
		require.NoError(t, err, "round %d: the file does not load after kill -9", round)
		require.GreaterOrEqual(t, len(ids), last)
		t.Logf("round %d: %d LBs on disk after kill -9", round, len(ids))
	}
}

func TestSignalDuringLatencyFaultExitsZeroWithTheState(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			state := filepath.Join(dir, "world.json")
			faults := filepath.Join(dir, "faults.json")
			require.NoError(t, os.WriteFile(faults, []byte(`[{"Action":"DescribeLoadBalancers","Latency":"1h"}]`), 0o644))
			// The interval is an hour: only the write on the signal can
			// save the LB.
			p := startBinary(t, bin, "-state", state, "-state-interval", "1h", "-faults", faults)
			lb := createLB(t, &server{url: p.url}, fake.DefaultAccessKey(), "kept")

			// The stuck call goes on a connection of its own, dialled first;
			// a request on another new connection answered after it means
			// the server has accepted the first (it accepts in order).
			conn, err := net.Dial("tcp", strings.TrimPrefix(p.url, "http://"))
			require.NoError(t, err)
			t.Cleanup(func() { conn.Close() })
			params := map[string]string{"Action": "DescribeLoadBalancers", "Version": "2014-05-15", "RegionId": "cn-hangzhou"}
			req, err := http.NewRequest(http.MethodPost, p.url+"/?"+signedV1(http.MethodPost, fake.DefaultAccessKey(), params).Encode(), nil)
			require.NoError(t, err)
			require.NoError(t, req.Write(conn))
			type answer struct {
				status int
				body   string
				err    error
			}
			stuck := make(chan answer, 1)
			go func() {
				resp, err := http.ReadResponse(bufio.NewReader(conn), req)
				if err != nil {
					stuck <- answer{err: err}
					return
				}
				body, err := io.ReadAll(resp.Body)
				stuck <- answer{resp.StatusCode, string(body), err}
			}()
			fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
			resp, err := fresh.Get(p.url + fake.AdminPrefix + "clock")
			require.NoError(t, err)
			resp.Body.Close()
			time.Sleep(100 * time.Millisecond) // not needed for the outcome: a call read after the signal fails the same way
			require.NoError(t, p.cmd.Process.Signal(sig))
			st := p.wait(t, 10*time.Second)
			require.True(t, st.Success(), "exit %v; stderr: %s", st, p.stderr)

			select {
			case a := <-stuck:
				require.NoError(t, a.err)
				require.Equal(t, http.StatusServiceUnavailable, a.status, a.body)
				var e struct{ Code string }
				require.NoError(t, json.Unmarshal([]byte(a.body), &e), a.body)
				require.Equal(t, "ServiceUnavailable", e.Code)
			case <-time.After(10 * time.Second):
				t.Fatal("the call in flight never ended")
			}
			ids, err := savedLBs(state)
			require.NoError(t, err)
			require.Equal(t, map[string]bool{lb: true}, ids)
			require.Contains(t, p.stderr.String(), "state written")
			require.Empty(t, tempFiles(t, dir))
		})
	}
}

func TestLeftoverTempFilesAreRemovedAtStart(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	dir := t.TempDir()
	state := filepath.Join(dir, "world.json")
	f := fake.New()
	lb, err := f.PutLoadBalancer(model.LoadBalancer{LoadBalancerName: "saved"})
	require.NoError(t, err)
	require.NoError(t, writeState(f, state))
	// What a kill during writeState leaves: its temporary files, one of
	// them cut short. Other files are not the server's to remove.
	leftovers := []string{".world.json.tmp123456789", ".world.json.tmp7"}
	require.NoError(t, os.WriteFile(filepath.Join(dir, leftovers[0]), []byte(`{"FormatVersion": 1, "Sta`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, leftovers[1]), nil, 0o644))
	others := []string{".world.json.tmpnotdigits", ".other.json.tmp123", "world.json.bak", ".world.json.tmp"}
	for _, name := range others {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("keep"), 0o644))
	}
	require.NoError(t, os.Mkdir(filepath.Join(dir, ".world.json.tmp99"), 0o755)) // not a regular file

	p := startBinary(t, bin, "-state", state)
	require.Equal(t, map[string]string{lb.LoadBalancerId: "saved"}, lbNames(t, &server{url: p.url}, fake.DefaultAccessKey()))
	for _, name := range leftovers {
		require.NoFileExists(t, filepath.Join(dir, name))
		// The log line comes after the banner, through another pipe.
		require.Eventually(t, func() bool { return strings.Contains(p.stderr.String(), name) }, 10*time.Second, 10*time.Millisecond,
			"no log line of %s in: %s", name, p.stderr)
	}
	for _, name := range others {
		require.FileExists(t, filepath.Join(dir, name))
	}
	require.DirExists(t, filepath.Join(dir, ".world.json.tmp99"))
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	require.True(t, p.wait(t, 10*time.Second).Success(), "stderr: %s", p.stderr)
}

func TestStateInAMissingDirectoryStopsTheStart(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"-listen", "127.0.0.1:0", "-state", filepath.Join(t.TempDir(), "missing", "s.json")}, &stdout, &stderr)
	require.ErrorContains(t, err, "state directory")
	require.Empty(t, stdout.String())
}
