package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// dialServer opens a raw connection to s.
func dialServer(t *testing.T, s *server) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.url, "http://"))
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return conn
}

// closedByServer reads conn until the server closes it and fails when that
// has not happened within limit (a bound on the wait, not a timing check).
func closedByServer(t *testing.T, conn net.Conn, limit time.Duration) string {
	t.Helper()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(limit)))
	got, err := io.ReadAll(conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server kept the connection open for %v; read %q", limit, got)
	}
	return string(got) // nil or a reset: closed either way
}

func TestSlowClientsAndIdleConnectionsAreClosed(t *testing.T) {
	t.Parallel()
	s := start(t, "-read-header-timeout", "300ms", "-read-timeout", "500ms", "-idle-timeout", "300ms")

	t.Run("slow body", func(t *testing.T) {
		t.Parallel()
		conn := dialServer(t, s)
		_, err := io.WriteString(conn, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"+
			"Content-Length: 1000\r\n\r\nAction=Desc") // and nothing more
		require.NoError(t, err)
		closedByServer(t, conn, 10*time.Second)
	})
	t.Run("slow headers", func(t *testing.T) {
		t.Parallel()
		conn := dialServer(t, s)
		_, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n") // no blank line
		require.NoError(t, err)
		closedByServer(t, conn, 10*time.Second)
	})
	t.Run("idle keep-alive", func(t *testing.T) {
		t.Parallel()
		conn := dialServer(t, s)
		_, err := io.WriteString(conn, "GET /?Action=DescribeRegions HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
		require.NoError(t, err)
		r := bufio.NewReader(conn)
		resp, err := http.ReadResponse(r, nil)
		require.NoError(t, err)
		_, err = io.Copy(io.Discard, resp.Body)
		require.NoError(t, err)
		require.False(t, resp.Close, "the server meant to close the connection anyway")
		// The connection is now idle, kept alive: the server closes it.
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
		rest, err := io.ReadAll(r)
		var ne net.Error
		require.False(t, errors.As(err, &ne) && ne.Timeout(), "idle connection kept open; read %q", rest)
		require.Empty(t, rest)
	})
}

// TestLatencyFaultOutlivesReadAndWriteTimeouts: a call that waits out an
// injected latency longer than the read and write timeouts is answered, with
// a body (POST) and without one (GET).
func TestLatencyFaultOutlivesReadAndWriteTimeouts(t *testing.T) {
	t.Parallel()
	faults := filepath.Join(t.TempDir(), "faults.json")
	require.NoError(t, os.WriteFile(faults, []byte(`[{"Action":"DescribeLoadBalancers","Latency":"1s"}]`), 0o644))
	s := start(t, "-read-timeout", "200ms", "-write-timeout", "200ms", "-faults", faults)
	def := fake.DefaultAccessKey()
	params := map[string]string{"Action": "DescribeLoadBalancers", "Version": "2014-05-15", "RegionId": "cn-hangzhou"}

	began := time.Now()
	var out model.DescribeLoadBalancersResponse
	status, body := call(t, s.url, def, params, &out)
	require.Equal(t, http.StatusOK, status, body)
	require.GreaterOrEqual(t, time.Since(began), time.Second, "the latency fault did not act")

	// The same as a GET: every parameter in the query, no body.
	all := signedV1(http.MethodGet, def, params)
	resp, err := http.Get(s.url + "/?" + all.Encode())
	require.NoError(t, err)
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(raw))
}

func TestHeaderSizeIsBounded(t *testing.T) {
	t.Parallel()
	s := start(t, "-max-header-bytes", "4096")
	req, err := http.NewRequest(http.MethodGet, s.url+"/?Action=DescribeRegions", nil)
	require.NoError(t, err)
	req.Header.Set("X-Padding", strings.Repeat("a", 16<<10))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusRequestHeaderFieldsTooLarge, resp.StatusCode)

	// Within the bound, the request reaches the fake.
	req.Header.Set("X-Padding", strings.Repeat("a", 1<<10))
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.NotEqual(t, http.StatusRequestHeaderFieldsTooLarge, resp.StatusCode)
}

func TestNonLoopbackListenWarns(t *testing.T) {
	t.Parallel()
	// On loopback: no warning.
	s := start(t)
	require.NoError(t, s.stop(t))
	require.NotContains(t, s.stderr.String(), "WARNING")

	// On every interface: the warning, on standard error, before serving.
	ctx, cancel := context.WithCancel(t.Context())
	stderr := &syncBuffer{}
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, []string{"-listen", "0.0.0.0:0"}, pw, stderr)
		pw.Close()
		done <- err
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	require.NoError(t, err)
	require.Regexp(t, `^slbfake listening on http://(0\.0\.0\.0|\[::\]):[1-9][0-9]*\n$`, line)
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	cancel()
	require.NoError(t, <-done)
	msg := stderr.String()
	require.Regexp(t, `WARNING: slbfake is listening on (0\.0\.0\.0|\[::\]):`, msg)
	require.Contains(t, msg, "not a loopback address")
	require.Contains(t, msg, fake.AdminPrefix)
	require.Contains(t, msg, "no\n  authentication")
	require.Contains(t, msg, fake.DefaultAccessKeyId+" / "+fake.DefaultAccessKeySecret)
}

func TestIsLoopback(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "127.1.2.3:1": true, "[::1]:8080": true,
		"0.0.0.0:8080": false, "[::]:8080": false, "192.168.1.10:8080": false, "[2001:db8::1]:80": false,
	} {
		tcp, err := net.ResolveTCPAddr("tcp", addr)
		require.NoError(t, err)
		require.Equal(t, want, isLoopback(tcp), addr)
		require.Equal(t, want, isLoopback(fakeAddr(addr)), addr)
	}
	require.False(t, isLoopback(fakeAddr("nonsense")))
}

type fakeAddr string

func (a fakeAddr) Network() string { return "tcp" }
func (a fakeAddr) String() string  { return string(a) }

// TestFrontendTellsOfChangesOnly: the persister is told after requests that
// may change the world, and only after those.
func TestFrontendTellsOfChangesOnly(t *testing.T) {
	t.Parallel()
	var told atomic.Int64
	f := fake.New()
	srv := httptest.NewServer(&frontend{h: f.Handler(), readTimeout: time.Minute, writeTimeout: time.Minute,
		version: f.Version, changed: func() { told.Add(1) }})
	t.Cleanup(srv.Close)
	s := &server{url: srv.URL}
	def := fake.DefaultAccessKey()
	expect := func(n int64, what string) {
		t.Helper()
		require.Equal(t, n, told.Load(), what)
	}

	lbNames(t, s, def)
	expect(0, "a Describe")
	lb := createLB(t, s, def, "one")
	expect(1, "a create")
	status, _ := call(t, s.url, def, map[string]string{"Action": "DeleteLoadBalancer", "Version": "2014-05-15",
		"RegionId": "cn-hangzhou", "LoadBalancerId": "lb-nothere"}, nil)
	require.Equal(t, http.StatusNotFound, status)
	expect(1, "a refused write changes nothing")
	get := func(path string) {
		t.Helper()
		resp, err := http.Get(s.url + path)
		require.NoError(t, err)
		resp.Body.Close()
	}
	get("/nowhere")
	get("/?Version=2014-05-15")
	get("/?Action=NoSuchAction")
	expect(1, "requests refused at the gateway")
	for _, r := range []string{"GET state", "GET calls", "GET faults", "HEAD state", "DELETE calls"} {
		method, path, _ := strings.Cut(r, " ")
		req, err := http.NewRequest(method, s.url+fake.AdminPrefix+path, nil)
		require.NoError(t, err)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
	}
	expect(1, "admin calls that leave the world alone")
	var world bytes.Buffer
	require.NoError(t, f.ExportState(&world))
	req, err := http.NewRequest(http.MethodPut, s.url+fake.AdminPrefix+"state", &world)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusNoContent, resp.StatusCode)
	expect(2, "a PUT of the state")
	require.Len(t, f.State().LoadBalancers, 1)
	require.Equal(t, lb, f.State().LoadBalancers[0].LoadBalancerId)
}

// TestStateIsWrittenWhileServing: with -state, a change reaches the file
// without any signal, and a read does not rewrite it.
func TestStateIsWrittenWhileServing(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "world.json")
	s := start(t, "-state", state, "-state-interval", "10ms")
	def := fake.DefaultAccessKey()
	lb := createLB(t, s, def, "one")
	require.Eventually(t, func() bool {
		ids, err := savedLBs(state)
		return err == nil && ids[lb]
	}, 10*time.Second, 10*time.Millisecond)
	before, err := os.Stat(state)
	require.NoError(t, err)
	for range 5 {
		lbNames(t, s, def)
	}
	time.Sleep(100 * time.Millisecond) // ten intervals: a write would have happened
	after, err := os.Stat(state)
	require.NoError(t, err)
	require.True(t, os.SameFile(before, after), "a Describe rewrote the state file")
	require.NoError(t, s.stop(t))
}

// TestStopClosesConnectionsAfterTheGrace: a client still sending its body
// when the server is told to stop does not hold it up beyond shutdownGrace,
// and the run still ends well.
func TestStopClosesConnectionsAfterTheGrace(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "world.json")
	s := start(t, "-state", state)
	conn := dialServer(t, s)
	_, err := io.WriteString(conn, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"+
		"Content-Length: 1000\r\n\r\nAction=Desc")
	require.NoError(t, err)
	// A request on a new connection answered: the first one was accepted.
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := fresh.Get(s.url + fake.AdminPrefix + "clock")
	require.NoError(t, err)
	resp.Body.Close()

	require.NoError(t, s.stop(t))
	require.Contains(t, s.stderr.String(), "closing them")
	require.Contains(t, s.stderr.String(), "state written")
	closedByServer(t, conn, 10*time.Second)
}

// TestAdminHostFlag: -admin-host lets the admin endpoint answer a name; any
// other name is still refused.
func TestAdminHostFlag(t *testing.T) {
	t.Parallel()
	s := start(t, "-admin-host", "slbfake.test")
	get := func(host string) int {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, s.url+fake.AdminPrefix+"clock", nil)
		require.NoError(t, err)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	require.Equal(t, http.StatusOK, get("slbfake.test:8080"))
	require.Equal(t, http.StatusOK, get("localhost"))
	require.Equal(t, http.StatusForbidden, get("evil.example"))
}
