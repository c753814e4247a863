package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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

// TestMain lets the test binary stand in for the command: with
// SLBFAKE_RUN_MAIN=1 it runs main with the arguments after "--", so that
// exit codes and real signals are tested in a child process, never in the
// test process itself.
func TestMain(m *testing.M) {
	if os.Getenv("SLBFAKE_RUN_MAIN") == "1" {
		for i, a := range os.Args {
			if a == "--" {
				os.Args = append([]string{"slbfake"}, os.Args[i+1:]...)
				break
			}
		}
		main()
		os.Exit(0)
	}
	code := m.Run()
	removeBuilt()
	os.Exit(code)
}

var listenLine = regexp.MustCompile(`^slbfake listening on http://127\.0\.0\.1:([0-9]+)$`)

// syncBuffer is a bytes.Buffer safe for the server's log writes and the
// test's reads at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// server is one run() in a goroutine.
type server struct {
	url    string   // http://127.0.0.1:PORT
	banner []string // the standard output, line by line, up to the credentials
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// stop cancels the run's context and returns what run returned.
func (s *server) stop(t *testing.T) error {
	t.Helper()
	s.cancel()
	select {
	case err := <-s.done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("run did not return after its context was cancelled")
		return nil
	}
}

// start runs the server on a free loopback port with extra args and waits
// for its listening line.
func start(t *testing.T, args ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &server{stderr: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() {
		err := run(ctx, append([]string{"-listen", "127.0.0.1:0"}, args...), pw, s.stderr)
		pw.CloseWithError(io.EOF)
		s.done <- err
	}()
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	t.Cleanup(func() {
		cancel()
		for range lines { // drain, so that run never blocks on stdout
		}
	})
	select {
	case first, ok := <-lines:
		require.True(t, ok, "no output; stderr: %s", s.stderr)
		m := listenLine.FindStringSubmatch(first)
		require.NotNil(t, m, "first line %q", first)
		port, err := strconv.Atoi(m[1])
		require.NoError(t, err)
		require.NotZero(t, port, "port 0 must show the port chosen")
		s.url = "http://127.0.0.1:" + m[1]
		s.banner = append(s.banner, first)
	case <-time.After(20 * time.Second):
		t.Fatalf("no listening line; stderr: %s", s.stderr)
	}
	// The credentials follow: three lines per key.
	keys := 1 + strings.Count(strings.Join(args, " "), "-access-key")
	for range 3 * keys {
		select {
		case l := <-lines:
			s.banner = append(s.banner, l)
		case <-time.After(5 * time.Second):
			t.Fatalf("banner cut short: %q", s.banner)
		}
	}
	return s
}

var nonces atomic.Int64

// signedV1 returns the parameters of a Signature V1 request, common and
// signature included.
func signedV1(method string, key fake.AccessKey, params map[string]string) url.Values {
	all := rpcsign.Common(key.Id, fmt.Sprintf("v1-%d-%d", time.Now().UnixNano(), nonces.Add(1)), time.Now())
	for k, v := range params {
		all[k] = v
	}
	all["Signature"] = rpcsign.Signature(method, all, key.Secret)
	out := url.Values{}
	for k, v := range all {
		out.Set(k, v)
	}
	return out
}

// call sends a Signature V1 request (RPC style, as the SDKs do: common
// parameters in the query, the action's in a form body) and decodes the
// JSON answer into out when it is a success. It returns the status and body.
func call(t *testing.T, baseURL string, key fake.AccessKey, params map[string]string, out any) (int, string) {
	t.Helper()
	all := rpcsign.Common(key.Id, fmt.Sprintf("%s-%d-%d", t.Name(), time.Now().UnixNano(), nonces.Add(1)), time.Now())
	for k, v := range params {
		all[k] = v
	}
	all["Signature"] = rpcsign.Signature(http.MethodPost, all, key.Secret)
	query, form := url.Values{}, url.Values{}
	for k, v := range all {
		if _, business := params[k]; business {
			form.Set(k, v)
		} else {
			query.Set(k, v)
		}
	}
	resp, err := http.Post(baseURL+"/?"+query.Encode(), "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if resp.StatusCode == http.StatusOK && out != nil {
		require.NoError(t, json.Unmarshal(body, out), string(body))
	}
	return resp.StatusCode, string(body)
}

func createLB(t *testing.T, s *server, key fake.AccessKey, name string) string {
	t.Helper()
	var out model.CreateLoadBalancerResponse
	status, body := call(t, s.url, key, map[string]string{
		"Action": "CreateLoadBalancer", "Version": "2014-05-15", "RegionId": "cn-hangzhou", "LoadBalancerName": name,
	}, &out)
	require.Equal(t, http.StatusOK, status, body)
	require.True(t, strings.HasPrefix(out.LoadBalancerId, "lb-"), body)
	return out.LoadBalancerId
}

// lbNames lists the names of key's load balancers in cn-hangzhou, by ID.
func lbNames(t *testing.T, s *server, key fake.AccessKey) map[string]string {
	t.Helper()
	var out model.DescribeLoadBalancersResponse
	status, body := call(t, s.url, key, map[string]string{
		"Action": "DescribeLoadBalancers", "Version": "2014-05-15", "RegionId": "cn-hangzhou",
	}, &out)
	require.Equal(t, http.StatusOK, status, body)
	names := map[string]string{}
	for _, lb := range out.LoadBalancers.LoadBalancer {
		names[lb.LoadBalancerId] = lb.LoadBalancerName
	}
	return names
}

// logged waits for a log line on stderr with every one of attrs.
func logged(t *testing.T, s *server, attrs ...string) {
	t.Helper()
	require.Eventually(t, func() bool {
		for _, line := range strings.Split(s.stderr.String(), "\n") {
			all := true
			for _, a := range attrs {
				all = all && strings.Contains(line, a)
			}
			if all {
				return true
			}
		}
		return false
	}, 5*time.Second, 10*time.Millisecond, "no log line with %q in:\n%s", attrs, s.stderr)
}

func TestServeStopAndResume(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "world.json")
	def := fake.DefaultAccessKey()

	s := start(t, "-state", state)
	require.Equal(t, []string{
		"default credentials (account " + fake.DefaultAccountId + "):",
		"  ALIBABA_CLOUD_ACCESS_KEY_ID=" + fake.DefaultAccessKeyId,
		"  ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + fake.DefaultAccessKeySecret,
	}, s.banner[1:])
	first := createLB(t, s, def, "first")
	logged(t, s, "msg=request", "action=CreateLoadBalancer", "code=OK", "duration=")

	// A wrong signature is refused and logged with its code.
	status, body := call(t, s.url, fake.AccessKey{Id: def.Id, Secret: "wrong"},
		map[string]string{"Action": "DescribeLoadBalancers", "Version": "2014-05-15", "RegionId": "cn-hangzhou"}, nil)
	require.Equal(t, http.StatusBadRequest, status, body)
	require.Contains(t, body, "SignatureDoesNotMatch")
	logged(t, s, "action=DescribeLoadBalancers", "code=SignatureDoesNotMatch")

	require.NoError(t, s.stop(t))
	logged(t, s, "state written", "file="+state)
	_, err := http.Get(s.url)
	require.Error(t, err, "the server still answers after run returned")

	// The state file is a valid export, and nothing but it is left behind.
	raw, err := os.ReadFile(state)
	require.NoError(t, err)
	check := fake.New()
	require.NoError(t, check.ImportState(bytes.NewReader(raw)))
	require.Len(t, check.State().LoadBalancers, 1)
	require.Equal(t, first, check.State().LoadBalancers[0].LoadBalancerId)
	entries, err := os.ReadDir(filepath.Dir(state))
	require.NoError(t, err)
	require.Len(t, entries, 1, "temporary files left behind")

	// Started again on the same file, the server resumes where it stopped:
	// the LB is there, and a new one gets a new ID instead of the first's.
	s = start(t, "-state", state)
	logged(t, s, "state loaded", "file="+state)
	require.Equal(t, map[string]string{first: "first"}, lbNames(t, s, def))
	second := createLB(t, s, def, "second")
	require.NotEqual(t, first, second)
	require.Equal(t, map[string]string{first: "first", second: "second"}, lbNames(t, s, def))
	require.NoError(t, s.stop(t))

	s = start(t, "-state", state)
	require.Len(t, lbNames(t, s, def), 2)
	require.NoError(t, s.stop(t))
}

func TestAccessKeysActAsTheirAccounts(t *testing.T) {
	t.Parallel()
	s := start(t, "-access-key", "AKalice:alice-secret", "-access-key", "AKbob:bob-secret:4242424242424242", "-seed", "7")
	require.Equal(t, []string{
		"credentials (account 1000000000000001):",
		"  ALIBABA_CLOUD_ACCESS_KEY_ID=AKalice",
		"  ALIBABA_CLOUD_ACCESS_KEY_SECRET=alice-secret",
		"credentials (account 4242424242424242):",
		"  ALIBABA_CLOUD_ACCESS_KEY_ID=AKbob",
		"  ALIBABA_CLOUD_ACCESS_KEY_SECRET=bob-secret",
	}, s.banner[4:])
	alice := fake.AccessKey{Id: "AKalice", Secret: "alice-secret"}
	bob := fake.AccessKey{Id: "AKbob", Secret: "bob-secret"}
	lb := createLB(t, s, alice, "alice's")
	require.Equal(t, map[string]string{lb: "alice's"}, lbNames(t, s, alice))
	require.Empty(t, lbNames(t, s, bob), "another account's LB is visible")
	require.Empty(t, lbNames(t, s, fake.DefaultAccessKey()), "the default account sees alice's LB")

	status, body := call(t, s.url, fake.AccessKey{Id: "AKnobody", Secret: "x"},
		map[string]string{"Action": "DescribeLoadBalancers", "Version": "2014-05-15", "RegionId": "cn-hangzhou"}, nil)
	require.Equal(t, http.StatusNotFound, status, body)
	logged(t, s, "action=DescribeLoadBalancers", "code=InvalidAccessKeyId.NotFound")
	require.NoError(t, s.stop(t))
}

func TestSeedFixesIDs(t *testing.T) {
	t.Parallel()
	ids := make([]string, 3)
	for i, seed := range []string{"5", "5", "6"} {
		s := start(t, "-seed", seed)
		ids[i] = createLB(t, s, fake.DefaultAccessKey(), "lb")
		require.NoError(t, s.stop(t))
	}
	require.Equal(t, ids[0], ids[1], "same seed, same ID")
	require.NotEqual(t, ids[0], ids[2], "another seed, another ID")
}

func TestParseFlags(t *testing.T) {
	t.Parallel()
	cfg, err := parseFlags(nil, io.Discard)
	require.NoError(t, err)
	want := config{listen: "127.0.0.1:8080", callLimit: 10000, stateInterval: 200 * time.Millisecond,
		readHeaderTimeout: 10 * time.Second, readTimeout: time.Minute, writeTimeout: time.Minute,
		idleTimeout: 2 * time.Minute, maxHeaderBytes: 64 << 10}
	require.Equal(t, want, cfg)
	require.Equal(t, defaultConfig(), cfg)

	cfg, err = parseFlags([]string{
		"-listen", ":0", "-seed", "18446744073709551615", "-state", "s.json", "-call-limit", "100000",
		"-access-key", "AK1:s1", "-access-key", "AK2:s2:77", "-access-key", "AK3:s3",
		"-access-key", "STS.4:s4::CAIS/token+=", "-access-key", "STS.5:s5:78:tok",
		"-state-interval", "0", "-read-header-timeout", "1s", "-read-timeout", "2s", "-write-timeout", "0",
		"-idle-timeout", "3s", "-max-header-bytes", "8192",
	}, io.Discard)
	require.NoError(t, err)
	require.Equal(t, config{listen: ":0", seed: 1<<64 - 1, state: "s.json", callLimit: 100000,
		readHeaderTimeout: time.Second, readTimeout: 2 * time.Second, idleTimeout: 3 * time.Second, maxHeaderBytes: 8192,
		keys: []fake.AccessKey{
			{Id: "AK1", Secret: "s1", Account: "1000000000000001"},
			{Id: "AK2", Secret: "s2", Account: "77"},
			{Id: "AK3", Secret: "s3", Account: "1000000000000003"},
			{Id: "STS.4", Secret: "s4", Account: "1000000000000004", SecurityToken: "CAIS/token+="},
			{Id: "STS.5", Secret: "s5", Account: "78", SecurityToken: "tok"},
		}}, cfg)
	for _, k := range cfg.keys {
		require.NotEqual(t, fake.DefaultAccountId, k.Account)
	}
}

func TestParseFlagsRefuses(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-access-key", "AK1"}, "want ID:SECRET[:ACCOUNT[:TOKEN]]"},
		{[]string{"-access-key", "AK1:s:1:2:3"}, "want ID:SECRET[:ACCOUNT[:TOKEN]]"},
		{[]string{"-access-key", "AK1:s:1:"}, "empty security token"},
		{[]string{"-access-key", ":s"}, "empty access key ID"},
		{[]string{"-access-key", "AK1:"}, "empty access key secret"},
		{[]string{"-access-key", "AK1:s:"}, `account "" is not a number`},
		{[]string{"-access-key", "AK1:s:acme"}, `account "acme" is not a number`},
		{[]string{"-access-key", "AK 1:s"}, "white space"},
		{[]string{"-access-key", "AK1:s", "-access-key", "AK1:t"}, `access key "AK1" given twice`},
		{[]string{"-access-key", fake.DefaultAccessKeyId + ":other"}, "is the default access key"},
		{[]string{"-seed", "-1"}, `invalid value "-1" for flag -seed`},
		{[]string{"-seed", "many"}, `invalid value "many" for flag -seed`},
		{[]string{"-listen", "8080"}, `invalid value "8080" for flag -listen: want HOST:PORT`},
		{[]string{"-listen", "127.0.0.1:99999"}, `bad port "99999"`},
		{[]string{"-port", "1"}, "flag provided but not defined: -port"},
		{[]string{"serve"}, `unexpected argument "serve"`},
		{[]string{"-state-interval", "-1s"}, `invalid value "-1s" for flag -state-interval: negative`},
		{[]string{"-read-timeout", "-1s"}, `invalid value "-1s" for flag -read-timeout: negative`},
		{[]string{"-write-timeout", "soon"}, `invalid value "soon" for flag -write-timeout`},
		{[]string{"-max-header-bytes", "0"}, `invalid value 0 for flag -max-header-bytes`},
	} {
		var stderr bytes.Buffer
		_, err := parseFlags(c.args, &stderr)
		var uerr *usageError
		require.ErrorAs(t, err, &uerr, "%q", c.args)
		require.Contains(t, err.Error(), c.msg, "%q", c.args)
		require.Contains(t, stderr.String(), c.msg, "%q", c.args)
		require.Contains(t, stderr.String(), "Usage: slbfake", "%q", c.args)
	}

	var stderr bytes.Buffer
	_, err := parseFlags([]string{"-h"}, &stderr)
	require.ErrorIs(t, err, flag.ErrHelp)
	for _, name := range []string{"-listen", "-access-key", "-seed", "-state", "-state-interval", "-read-header-timeout", "-read-timeout",
		"-write-timeout", "-idle-timeout", "-max-header-bytes", fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret} {
		require.Contains(t, stderr.String(), name)
	}
}

func TestRunRefusesBeforeListening(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	// A bad flag: a usage error, nothing on standard output.
	var stdout, stderr bytes.Buffer
	err := run(ctx, []string{"-access-key", "nope"}, &stdout, &stderr)
	var uerr *usageError
	require.ErrorAs(t, err, &uerr)
	require.Empty(t, stdout.String())

	// A state file that is not one: an error, not a usage error.
	state := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, os.WriteFile(state, []byte(`{"FormatVersion": 99}`), 0o644))
	err = run(ctx, []string{"-listen", "127.0.0.1:0", "-state", state}, &stdout, &stderr)
	require.ErrorContains(t, err, "load state "+state)
	require.NotErrorAs(t, err, &uerr)
	require.Empty(t, stdout.String())
	raw, _ := os.ReadFile(state)
	require.JSONEq(t, `{"FormatVersion": 99}`, string(raw), "a bad state file was overwritten")

	// A port in use.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	err = run(ctx, []string{"-listen", ln.Addr().String()}, &stdout, &stderr)
	require.Error(t, err)
	require.NotErrorAs(t, err, &uerr)
	require.Empty(t, stdout.String())
}

func TestWriteStateReplacesAtomically(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	require.NoError(t, os.WriteFile(state, []byte("old"), 0o644))
	f := fake.New()
	_, err := f.PutVpc(model.Vpc{RegionId: "cn-beijing", CidrBlock: "10.0.0.0/8"})
	require.NoError(t, err)
	require.NoError(t, writeState(f, state))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	raw, err := os.ReadFile(state)
	require.NoError(t, err)
	g := fake.New()
	require.NoError(t, g.ImportState(bytes.NewReader(raw)))
	require.Equal(t, f.State(), g.State())

	// A directory that does not exist: an error, and the old file untouched.
	require.Error(t, writeState(f, filepath.Join(dir, "missing", "state.json")))
}

// child starts the test binary as the command (see TestMain).
func child(t *testing.T, args ...string) (*exec.Cmd, io.Reader, *syncBuffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "SLBFAKE_RUN_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	return cmd, stdout, stderr
}

func TestMainExitCodes(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts child processes")
	}
	t.Run("bad flag exits 2", func(t *testing.T) {
		t.Parallel()
		cmd, stdout, stderr := child(t, "-access-key", "nope")
		out, _ := io.ReadAll(stdout)
		err := cmd.Wait()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit)
		require.Equal(t, 2, exit.ExitCode())
		require.Empty(t, out)
		require.Contains(t, stderr.String(), `invalid value "nope" for flag -access-key`)
	})
	t.Run("SIGTERM writes the state and exits 0", func(t *testing.T) {
		t.Parallel()
		state := filepath.Join(t.TempDir(), "state.json")
		cmd, stdout, stderr := child(t, "-listen", "127.0.0.1:0", "-state", state)
		line, err := bufio.NewReader(stdout).ReadString('\n')
		require.NoError(t, err, "stderr: %s", stderr)
		require.Regexp(t, listenLine, strings.TrimSuffix(line, "\n"))
		go func() { _, _ = io.Copy(io.Discard, stdout) }()
		s := &server{url: "http://" + strings.TrimPrefix(strings.TrimSpace(line), "slbfake listening on http://")}
		lb := createLB(t, s, fake.DefaultAccessKey(), "kept")
		require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
		require.NoError(t, cmd.Wait(), "stderr: %s", stderr)
		raw, err := os.ReadFile(state)
		require.NoError(t, err)
		f := fake.New()
		require.NoError(t, f.ImportState(bytes.NewReader(raw)))
		require.Len(t, f.State().LoadBalancers, 1)
		require.Equal(t, lb, f.State().LoadBalancers[0].LoadBalancerId)
		require.Contains(t, stderr.String(), "action=CreateLoadBalancer code=OK")
	})
}

func TestFaultsFlagLoadsRulesAndRefusesBadOnes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "faults.json")
	require.NoError(t, os.WriteFile(good, []byte(`[{"Name":"slow","Action":"DescribeLoadBalancers","Latency":"10ms"},{"Action":"AddBackendServers","ErrorCode":"ServiceUnavailable","AfterCommit":true,"First":1}]`), 0o644))
	rules, err := readFaults(good)
	require.NoError(t, err)
	require.Len(t, rules, 2)
	require.Equal(t, fake.Duration(10*time.Millisecond), rules[0].Latency)

	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`[{"ErrorCode":"NoSuchCode"}]`), 0o644))
	_, err = readFaults(bad)
	require.ErrorContains(t, err, "NoSuchCode")
	require.NoError(t, os.WriteFile(bad, []byte(`[{"Typo":1}]`), 0o644))
	_, err = readFaults(bad)
	require.ErrorContains(t, err, "Typo")

	cfg, err := parseFlags([]string{"-faults", good, "-virtual-clock", "-pending", "2s", "-configuring-window", "1s"}, io.Discard)
	require.NoError(t, err)
	require.True(t, cfg.virtualClock)
	require.Equal(t, 2*time.Second, cfg.pending)
	require.Equal(t, time.Second, cfg.configuring)
}
