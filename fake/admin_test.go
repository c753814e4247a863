package fake_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

func adminDo(t *testing.T, srvURL, method, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, srvURL+fake.AdminPrefix+path, strings.NewReader(body))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

func TestAdminEndpointFaultsCallsStateClock(t *testing.T) {
	t.Parallel()
	f := seedWorld(t)
	srv := f.StartTestServer(t)

	status, body := adminDo(t, srv.URL, "PUT", "faults", `[{"Name":"busy","Action":"AddBackendServers","ErrorCode":"SystemBusy","First":1}]`)
	require.Equal(t, 200, status, body)
	require.Len(t, f.Faults(), 1)
	status, _ = adminDo(t, srv.URL, "PUT", "faults", `[{"ErrorCode":"NoSuchCode"}]`)
	require.Equal(t, 400, status)
	require.Len(t, f.Faults(), 1, "a refused plan changes nothing")

	req := signedRequest(t, "GET", seedParams, fake.DefaultAccessKeySecret, time.Now(), "admin-1")
	resp, err := http.Get(srv.URL + req.URL.RequestURI())
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, 400, resp.StatusCode, "the fault answered")

	status, body = adminDo(t, srv.URL, "GET", "calls", "")
	require.Equal(t, 200, status)
	lines := strings.Split(strings.TrimSpace(body), "\n")
	require.Len(t, lines, 1)
	var rec map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &rec))
	require.Equal(t, "SystemBusy", rec["Code"])
	require.Equal(t, "busy", rec["Fault"])

	status, state := adminDo(t, srv.URL, "GET", "state", "")
	require.Equal(t, 200, status)
	other := fake.New()
	require.NoError(t, other.ImportState(strings.NewReader(state)))
	require.Equal(t, f.State(), other.State())

	status, _ = adminDo(t, srv.URL, "POST", "clock?advance=5s", "")
	require.Equal(t, http.StatusConflict, status, "a real clock cannot be advanced")
	status, _ = adminDo(t, srv.URL, "GET", "nothing-here", "")
	require.Equal(t, 404, status)
}

func TestAdminAdvancesAVirtualClock(t *testing.T) {
	t.Parallel()
	w := newWorldAt(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := w.f.StartTestServer(t)
	status, body := adminDo(t, srv.URL, "POST", "clock?advance=90s", "")
	require.Equal(t, 200, status, body)
	require.Equal(t, time.Date(2026, 1, 1, 0, 1, 30, 0, time.UTC), w.clock.Now())
}

// POST /_slbfake/health marks a backend unhealthy for the server's users,
// as SetBackendHealth does, and clears the mark.
func TestAdminMarksABackendUnhealthy(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	lb := w.internetLB()
	node := w.classic()
	w.mustAdd(lb, list(node))
	_, err := w.c.CreateLoadBalancerTCPListener(w.ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
		RegionId: w.region, LoadBalancerId: lb, ListenerPort: 80, BackendServerPort: 8080, Bandwidth: -1}})
	require.NoError(t, err)
	_, err = w.c.StartLoadBalancerListener(w.ctx, &model.ListenerRequest{RegionId: w.region, LoadBalancerId: lb, ListenerPort: 80})
	require.NoError(t, err)
	health := func() string {
		resp, err := w.c.DescribeHealthStatus(w.ctx, &model.DescribeHealthStatusRequest{RegionId: w.region, LoadBalancerId: lb})
		require.NoError(t, err)
		require.Len(t, resp.BackendServers.BackendServer, 1)
		return resp.BackendServers.BackendServer[0].ServerHealthStatus
	}
	srv := w.f.StartTestServer(t)
	require.Equal(t, "normal", health())

	status, body := adminDo(t, srv.URL, "POST", "health?lb="+lb+"&server="+node+"&healthy=false", "")
	require.Equal(t, http.StatusNoContent, status, body)
	require.Equal(t, "abnormal", health())
	status, body = adminDo(t, srv.URL, "POST", "health?lb="+lb+"&server="+node+"&healthy=true", "")
	require.Equal(t, http.StatusNoContent, status, body)
	require.Equal(t, "normal", health())

	before := w.f.State()
	for _, bad := range []string{"health?lb=" + lb + "&server=" + node, "health?lb=" + lb + "&healthy=false",
		"health?server=" + node + "&healthy=false", "health?lb=" + lb + "&server=" + node + "&healthy=maybe"} {
		status, _ = adminDo(t, srv.URL, "POST", bad, "")
		require.Equal(t, http.StatusBadRequest, status, bad)
	}
	status, _ = adminDo(t, srv.URL, "POST", "health?lb=lb-missing&server="+node+"&healthy=false", "")
	require.Equal(t, http.StatusNotFound, status)
	status, _ = adminDo(t, srv.URL, "GET", "health?lb="+lb+"&server="+node+"&healthy=false", "")
	require.Equal(t, http.StatusNotFound, status, "POST only")
	require.Equal(t, before, w.f.State(), "a refused request changes nothing")
}

func TestDroppedConnectionAfterCommit(t *testing.T) {
	t.Parallel()
	// Over a socket: the client sees the connection close; the change happened.
	f := seedWorld(t)
	require.NoError(t, f.SetFaults(fake.FaultRule{Action: "AddBackendServers", AfterCommit: true, DropConnection: true}))
	srv := f.StartTestServer(t)
	req := signedRequest(t, "GET", seedParams, fake.DefaultAccessKeySecret, time.Now(), "drop-1")
	_, err := http.Get(srv.URL + req.URL.RequestURI())
	require.Error(t, err)
	require.Len(t, f.State().Backends, 2)

	// In-process: the RoundTripper reports the drop as a transport error.
	g := seedWorld(t)
	require.NoError(t, g.SetFaults(fake.FaultRule{Action: "AddBackendServers", AfterCommit: true, DropConnection: true}))
	client := &http.Client{Transport: g.RoundTripper()}
	req = signedRequest(t, "GET", seedParams, fake.DefaultAccessKeySecret, time.Now(), "drop-2")
	_, err = client.Get("http://slb.fake.local" + req.URL.RequestURI())
	require.ErrorIs(t, err, fake.ErrConnectionDropped)
	require.Len(t, g.State().Backends, 2)
	require.True(t, g.Calls()[0].Dropped)
}

// adminDoWith is adminDo with a change to the request (its Host, headers).
func adminDoWith(t *testing.T, srvURL, method, path string, body io.Reader, edit func(*http.Request)) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, srvURL+fake.AdminPrefix+path, body)
	require.NoError(t, err)
	if edit != nil {
		edit(req)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

func withHost(host string) func(*http.Request) { return func(r *http.Request) { r.Host = host } }

// adminServe serves one admin request in process, as the server would on a
// connection whose local address is local (nil: no connection at all).
func adminServe(h http.Handler, method, target, host string, local net.Addr, body io.Reader) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	req.Host = host
	if local != nil {
		req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, local))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// A page of another site must not reach the admin endpoint through a name
// that resolves to the loopback (DNS rebinding): only loopback names and
// addresses are served, whatever the port.
func TestAdminRefusesForeignHosts(t *testing.T) {
	t.Parallel()
	f := seedWorld(t)
	srv := f.StartTestServer(t)
	port := strconv.Itoa(srv.Listener.Addr().(*net.TCPAddr).Port)
	_, state := adminDo(t, srv.URL, "GET", "state", "")
	before := f.State()

	for _, host := range []string{"evil.example", "evil.example:" + port, "localhost.evil.example:" + port, "127.0.0.1.nip.io:" + port,
		"2130706433:" + port, "0x7f.1:" + port, "10.1.2.3:" + port, "[::2]:" + port, "localhost@evil.example"} {
		for _, call := range []struct{ method, path, body string }{
			{"GET", "state", ""}, {"PUT", "state", state}, {"GET", "calls", ""}, {"DELETE", "calls", ""},
			{"PUT", "faults", "[]"}, {"DELETE", "faults", ""}, {"GET", "clock", ""}, {"POST", "clock?advance=1s", ""},
		} {
			status, body := adminDoWith(t, srv.URL, call.method, call.path, strings.NewReader(call.body), withHost(host))
			require.Equal(t, http.StatusForbidden, status, "%s %s with Host %s: %s", call.method, call.path, host, body)
			require.Contains(t, body, "refused", host)
			require.Contains(t, body, "DNS rebinding")
		}
	}
	require.Equal(t, before, f.State())

	for _, host := range []string{"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LocalHost.", "127.3.2.1:9", "[::1]", "localhost"} {
		status, body := adminDoWith(t, srv.URL, "GET", "state", nil, withHost(host))
		require.Equal(t, http.StatusOK, status, "Host %s: %s", host, body)
		require.JSONEq(t, state, body)
		status, _ = adminDoWith(t, srv.URL, "PUT", "state", strings.NewReader(state), withHost(host))
		require.Equal(t, http.StatusNoContent, status, "Host %s", host)
	}

	// The RPC endpoint is not the admin endpoint: it answers any Host (its
	// requests are signed).
	status, body := adminDoWith(t, srv.URL, "GET", "", nil, func(r *http.Request) {
		r.URL.Path, r.Host = "/", "evil.example"
	})
	require.NotEqual(t, http.StatusForbidden, status, body)
}

// A server listening on every interface (-listen 0.0.0.0:PORT) is reached at
// one of its own addresses: that address, the local address of the
// connection, is accepted as Host too; another is not.
func TestAdminAcceptsTheAddressTheServerWasReachedAt(t *testing.T) {
	t.Parallel()
	f := seedWorld(t)
	h := f.Handler()
	local := &net.TCPAddr{IP: net.ParseIP("192.0.2.10"), Port: 8080}
	for host, want := range map[string]int{
		"192.0.2.10:8080": http.StatusOK, "192.0.2.10": http.StatusOK, "192.0.2.10:9999": http.StatusOK,
		"192.0.2.11:8080": http.StatusForbidden, "evil.example:8080": http.StatusForbidden, "": http.StatusForbidden,
	} {
		rec := adminServe(h, "GET", "/_slbfake/clock", host, local, nil)
		require.Equal(t, want, rec.Code, "Host %q: %s", host, rec.Body)
	}
	// A dual-stack listener sees an IPv4 client at an IPv4-mapped address.
	mapped := &net.TCPAddr{IP: net.ParseIP("::ffff:192.0.2.10"), Port: 8080}
	require.Equal(t, http.StatusOK, adminServe(h, "GET", "/_slbfake/clock", "192.0.2.10:8080", mapped, nil).Code)
	v6 := &net.TCPAddr{IP: net.ParseIP("2001:db8::10"), Port: 8080}
	require.Equal(t, http.StatusOK, adminServe(h, "GET", "/_slbfake/clock", "[2001:db8::10]:8080", v6, nil).Code)
	require.Equal(t, http.StatusForbidden, adminServe(h, "GET", "/_slbfake/clock", "[2001:db8::11]:8080", v6, nil).Code)

	// No connection (the RoundTripper, a direct ServeHTTP) or a Unix socket:
	// no browser can send it, so any Host is served.
	require.Equal(t, http.StatusOK, adminServe(h, "GET", "/_slbfake/clock", "slb.fake.local", nil, nil).Code)
	unix := &net.UnixAddr{Name: "/tmp/slbfake.sock", Net: "unix"}
	require.Equal(t, http.StatusOK, adminServe(h, "GET", "/_slbfake/clock", "evil.example", unix, nil).Code)
	client := &http.Client{Transport: f.RoundTripper()}
	resp, err := client.Get("http://slb.fake.local" + fake.AdminPrefix + "state")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
}

// AllowAdminHosts adds the names a server is reached by (a container's
// service name, a proxy's host); "*" gives the protection up.
func TestAllowAdminHosts(t *testing.T) {
	t.Parallel()
	f := seedWorld(t)
	srv := httptest.NewServer(fake.AllowAdminHosts(f.Handler(), "slbfake", "Proxy.Example:443", "[2001:db8::1]"))
	t.Cleanup(srv.Close)
	for host, want := range map[string]int{
		"slbfake:8080": http.StatusOK, "SLBFAKE": http.StatusOK, "proxy.example": http.StatusOK, "[2001:db8::1]:80": http.StatusOK,
		"localhost:1": http.StatusOK, "evil.example": http.StatusForbidden, "slbfake.evil.example": http.StatusForbidden,
	} {
		status, body := adminDoWith(t, srv.URL, "GET", "clock", nil, withHost(host))
		require.Equal(t, want, status, "Host %s: %s", host, body)
	}
	// Wrappers add up.
	both := httptest.NewServer(fake.AllowAdminHosts(fake.AllowAdminHosts(f.Handler(), "inner"), "outer"))
	t.Cleanup(both.Close)
	for _, host := range []string{"inner", "outer"} {
		status, _ := adminDoWith(t, both.URL, "GET", "clock", nil, withHost(host))
		require.Equal(t, http.StatusOK, status, host)
	}
	anyHost := httptest.NewServer(fake.AllowAdminHosts(f.Handler(), "*"))
	t.Cleanup(anyHost.Close)
	status, _ := adminDoWith(t, anyHost.URL, "GET", "clock", nil, withHost("evil.example"))
	require.Equal(t, http.StatusOK, status)
}

// A page of another site cannot change anything with a request the browser
// sends without asking (a form POST): browsers mark it cross-origin.
func TestAdminRefusesCrossOriginWrites(t *testing.T) {
	t.Parallel()
	w := newWorldAt(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := w.f.StartTestServer(t)
	for name, edit := range map[string]func(*http.Request){
		"Sec-Fetch-Site": func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") },
		"Origin":         func(r *http.Request) { r.Header.Set("Origin", "http://evil.example") },
	} {
		status, body := adminDoWith(t, srv.URL, "POST", "clock?advance=1h", nil, edit)
		require.Equal(t, http.StatusForbidden, status, name)
		require.Contains(t, body, "cross-origin request refused", name)
		status, _ = adminDoWith(t, srv.URL, "DELETE", "faults", nil, edit)
		require.Equal(t, http.StatusForbidden, status, name)
	}
	require.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), w.clock.Now())

	status, _ := adminDoWith(t, srv.URL, "POST", "clock?advance=1h", nil, func(r *http.Request) {
		r.Header.Set("Sec-Fetch-Site", "same-origin")
		r.Header.Set("Origin", "http://"+r.Host)
	})
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC), w.clock.Now())
}

// Bodies are bounded before they are parsed: 413, and nothing changes.
func TestAdminBodyLimits(t *testing.T) {
	t.Parallel()
	f := seedWorld(t)
	require.NoError(t, f.SetFaults(fake.FaultRule{Name: "keep", Action: "AddBackendServers", ErrorCode: "SystemBusy"}))
	srv := f.StartTestServer(t)

	// Streamed, with no length announced: cut at the limit.
	big := io.MultiReader(strings.NewReader("["), strings.NewReader(strings.Repeat(" ", fake.AdminMaxFaultsBytes)), strings.NewReader("]"))
	status, body := adminDoWith(t, srv.URL, "PUT", "faults", big, func(r *http.Request) { r.ContentLength = -1 })
	require.Equal(t, http.StatusRequestEntityTooLarge, status, body)
	require.Contains(t, body, "larger than 1 MiB (fake.AdminMaxFaultsBytes)")
	// Announced: refused before a byte is read.
	status, body = adminDoWith(t, srv.URL, "PUT", "faults", strings.NewReader(strings.Repeat(" ", fake.AdminMaxFaultsBytes+1)), nil)
	require.Equal(t, http.StatusRequestEntityTooLarge, status, body)
	require.Len(t, f.Faults(), 1)
	require.Equal(t, "keep", f.Faults()[0].Name)
	// Just under the limit is fine.
	status, body = adminDoWith(t, srv.URL, "PUT", "faults", strings.NewReader("[]"+strings.Repeat(" ", fake.AdminMaxFaultsBytes-2)), nil)
	require.Equal(t, http.StatusOK, status, body)
	require.Empty(t, f.Faults())

	// The state's limit, announced (in process: 256 MiB is not sent).
	before := f.State()
	req := httptest.NewRequest("PUT", fake.AdminPrefix+"state", strings.NewReader("{}"))
	req.ContentLength = fake.AdminMaxStateBytes + 1
	rec := httptest.NewRecorder()
	f.Handler().ServeHTTP(rec, req)
	require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), "state: body larger than 256 MiB (fake.AdminMaxStateBytes)")
	require.Equal(t, before, f.State())
}

// Faults and state are one JSON value each: trailing data is a 400 and
// changes nothing; trailing white space is fine.
func TestAdminRefusesTrailingData(t *testing.T) {
	t.Parallel()
	f := seedWorld(t)
	srv := f.StartTestServer(t)
	for _, body := range []string{`[]garbage`, `[] []`, `[]]`, `[{"Action":"AddBackendServers","ErrorCode":"SystemBusy"}] {}`} {
		status, msg := adminDo(t, srv.URL, "PUT", "faults", body)
		require.Equal(t, http.StatusBadRequest, status, body)
		require.Contains(t, msg, "trailing data after the JSON value", body)
		require.Empty(t, f.Faults(), body)
	}
	status, _ := adminDo(t, srv.URL, "PUT", "faults", "[{\"Action\":\"AddBackendServers\",\"ErrorCode\":\"SystemBusy\"}]\n\n")
	require.Equal(t, http.StatusOK, status)
	require.Len(t, f.Faults(), 1)

	_, state := adminDo(t, srv.URL, "GET", "state", "")
	before := f.State()
	for _, tail := range []string{"garbage", "{}", state} {
		status, msg := adminDo(t, srv.URL, "PUT", "state", state+tail)
		require.Equal(t, http.StatusBadRequest, status)
		require.Contains(t, msg, "trailing data after the JSON value")
		require.Equal(t, before, f.State())
	}
	status, _ = adminDo(t, srv.URL, "PUT", "state", state+"\r\n\t ")
	require.Equal(t, http.StatusNoContent, status)
}

// A PUT of the state that breaks the world's invariants is a 400 that says
// which, and the world stays as it was.
func TestAdminRefusesABrokenState(t *testing.T) {
	t.Parallel()
	f := seedWorld(t)
	srv := f.StartTestServer(t)
	_, err := f.Client().AddBackendServers(context.Background(), &model.AddBackendServersRequest{RegionId: "cn-beijing",
		LoadBalancerId: "lb-2ze7o5h52g02kkzze7lru", BackendServers: `[{"ServerId":"i-2zej4lxhjoq1icue6kup"}]`})
	require.NoError(t, err)
	_, state := adminDo(t, srv.URL, "GET", "state", "")
	before := f.State()

	for from, to := range map[string]string{
		`"Weight": 100`: `"Weight": -5`,
		`"Type": "ecs"`: `"Type": "weird"`,
	} {
		require.Contains(t, state, from)
		status, msg := adminDo(t, srv.URL, "PUT", "state", strings.Replace(state, from, to, 1))
		require.Equal(t, http.StatusBadRequest, status, msg)
		require.Contains(t, msg, "engine: invalid state")
		require.Equal(t, before, f.State())
	}
}
