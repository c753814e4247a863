package fake_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
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
