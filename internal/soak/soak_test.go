package main

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/stretchr/testify/require"
)

// TestMain lets the test binary be the constant server of -compare, as the
// program is (selfAs re-executes os.Executable()).
func TestMain(m *testing.M) {
	if role := os.Getenv(roleEnv); role != "" {
		os.Exit(serveRole(role, os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// TestSoakShort runs the soak for a few thousand calls: every call succeeds,
// the latencies and RSS samples are there, and the server exits 0.
func TestSoakShort(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc: the RSS cannot be read")
	}
	var out bytes.Buffer
	res, err := soak(t.Context(), config{calls: 2000, clients: 4, batch: 5, timeout: time.Minute, sampleEvery: 20 * time.Millisecond}, &out)
	require.NoError(t, err, out.String())
	require.NoError(t, res.check(), out.String())
	require.EqualValues(t, 2000, res.calls)
	require.Len(t, res.latencies, 2000)
	require.NotEmpty(t, res.samples)
	require.Positive(t, res.samples[len(res.samples)-1].rssKB)
	require.LessOrEqual(t, res.percentile(0.5), res.percentile(0.99))
	for _, want := range []string{"calls/s", "p50", "p99", "RSS", "failures: none", "exited 0 on SIGTERM"} {
		require.Contains(t, out.String(), want)
	}
	t.Log("\n" + out.String())
}

func TestBackendServers(t *testing.T) {
	require.Equal(t, `[{"ServerId":"i-1","Weight":100},{"ServerId":"i-2","Weight":100}]`, backendServers([]string{"i-1", "i-2"}, true))
	require.Equal(t, `[{"ServerId":"i-1"}]`, backendServers([]string{"i-1"}, false))
}

// TestCompareShort runs -compare briefly at two client counts: every call
// succeeds on both servers, every slice made calls, both servers exit 0, and
// the benchmark file is there.
func TestCompareShort(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server")
	}
	var out bytes.Buffer
	bench := filepath.Join(t.TempDir(), "loopback.txt")
	res, err := compare(t.Context(), config{clientCounts: []int{1, 3}, batch: 5, duration: 400 * time.Millisecond,
		warmup: 50 * time.Millisecond, rounds: 2, benchOut: bench}, &out)
	require.NoError(t, err, out.String())
	require.NoError(t, res.check(), out.String())
	require.Len(t, res.phases, 8)
	for _, p := range res.phases {
		require.Positive(t, p.calls, "%+v", p)
	}
	for _, n := range []int{1, 3} {
		f, c, med, fcpu, ccpu := res.totals(n)
		require.Positive(t, f)
		require.Positive(t, c)
		require.Positive(t, med)
		require.GreaterOrEqual(t, fcpu, 0.0)
		require.GreaterOrEqual(t, ccpu, 0.0)
	}
	raw, err := os.ReadFile(bench)
	require.NoError(t, err)
	require.Equal(t, 8, strings.Count(string(raw), "BenchmarkLoopback/clients="))
	require.Contains(t, out.String(), "failures: none")
	t.Log("\n" + out.String())

	// The floor in the fake's place: every call of the mix answered.
	out.Reset()
	res, err = compare(t.Context(), config{clientCounts: []int{2}, batch: 5, duration: 200 * time.Millisecond,
		rounds: 2, floor: "signed"}, &out)
	require.NoError(t, err, out.String())
	require.NoError(t, res.check(), out.String())
	require.Len(t, res.phases, 4)
	for _, p := range res.phases {
		require.Positive(t, p.calls, "%+v", p)
		require.Contains(t, []string{"floor", "constant"}, p.server)
	}
	require.Contains(t, out.String(), "floor req/s")
	_, err = compare(t.Context(), config{clientCounts: []int{2}, batch: 5, duration: time.Second, rounds: 1, floor: "none"}, &out)
	require.ErrorContains(t, err, `-floor "none"`)
}

// TestConstantHandler: the constant server reads the Action from the query
// or the form body and answers its canned bytes.
func TestConstantHandler(t *testing.T) {
	h := constantHandler(map[string]canned{"DescribeLoadBalancerAttribute": {Status: 200,
		ContentType: "application/json;charset=utf-8", Body: []byte(`{"RequestId":"R"}`)}})
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.PostForm(srv.URL+"/?Format=JSON", url.Values{"Action": {"DescribeLoadBalancerAttribute"}})
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	require.Equal(t, "application/json;charset=utf-8", resp.Header.Get("Content-Type"))
	require.Equal(t, `{"RequestId":"R"}`, string(body))
	resp, err = http.Get(srv.URL + "/?Action=AddBackendServers")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestIntList(t *testing.T) {
	var got []int
	require.NoError(t, intList{&got}.Set("1, 4,16"))
	require.Equal(t, []int{1, 4, 16}, got)
	require.Equal(t, "1,4,16", intList{&got}.String())
	require.Error(t, intList{&got}.Set("1,0"))
	require.Error(t, intList{&got}.Set("a"))
}

// BenchmarkLoopback serves the -compare mix in process, for a CPU profile
// of the fake's side: the fake's Handler as cmd/slbfake sets it up by
// default (a request log, here to io.Discard, and a call record of 10,000)
// on a loopback httptest server, driven by the soak's signed client, one
// call per iteration, beside the constant handler answering the same bytes.
//
//	go test ./internal/soak -run '^$' -bench Loopback -count 6 -cpuprofile cpu.out
//	go tool pprof -top -focus 'net/http.\(\*conn\).serve' internal/soak/soak.test cpu.out
func BenchmarkLoopback(b *testing.B) {
	f := fake.New(fake.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))), fake.WithCallLimit(10000))
	fakeSrv := httptest.NewServer(f.Handler())
	defer fakeSrv.Close()
	setup := &client{http: &http.Client{Transport: &http.Transport{}}, url: fakeSrv.URL, key: fake.DefaultAccessKey()}
	world, err := seedCompare(setup, 1)
	if err != nil {
		b.Fatal(err)
	}
	answers, err := record(setup, world, 5)
	if err != nil {
		b.Fatal(err)
	}
	constSrv := httptest.NewServer(constantHandler(answers))
	defer constSrv.Close()
	for _, s := range []struct{ name, url string }{{"slbfake", fakeSrv.URL}, {"constant", constSrv.URL}} {
		b.Run("server="+s.name, func(b *testing.B) {
			tr := &http.Transport{DisableCompression: true}
			defer tr.CloseIdleConnections()
			c := &client{http: &http.Client{Transport: tr}, url: s.url, key: fake.DefaultAccessKey()}
			var cy cycle
			for b.Loop() {
				params := cy.next(world, 0, 5)
				if status, code, err := c.do(params, nil); err != nil || status != http.StatusOK {
					b.Fatalf("%s: %d %s %v", params["Action"], status, code, err)
				}
			}
		})
	}
}

// TestFloor checks that the floor server does the work it stands for: a
// signed change lands in its go-memdb table, in attachment order, and is
// undone by the matching removal; a request with a wrong signature is
// refused and changes nothing, unless the floor leaves the signature out.
func TestFloor(t *testing.T) {
	answers := map[string]canned{}
	for _, a := range []string{"AddBackendServers", "RemoveBackendServers", "DescribeLoadBalancerAttribute"} {
		answers[a] = canned{Status: 200, ContentType: "application/json;charset=utf-8", Body: []byte(`{"RequestId":"` + a + `"}`)}
	}
	for _, signed := range []bool{true, false} {
		f, err := newFloor(answers, signed)
		require.NoError(t, err)
		srv := httptest.NewServer(f)
		t.Cleanup(srv.Close)
		good := &client{http: srv.Client(), url: srv.URL, key: fake.DefaultAccessKey()}
		wrong := &client{http: srv.Client(), url: srv.URL, key: fake.AccessKey{Id: fake.DefaultAccessKeyId, Secret: "not-the-secret"}}
		add := map[string]string{"Action": "AddBackendServers", "LoadBalancerId": "lb-1", "BackendServers": backendServers([]string{"i-b", "i-a"}, true)}

		status, _, body, err := wrong.raw(add)
		require.NoError(t, err)
		attached, err := f.backendsOf("lb-1")
		require.NoError(t, err)
		if signed {
			require.Equal(t, http.StatusBadRequest, status, string(body))
			require.Empty(t, attached)
		} else {
			require.Equal(t, http.StatusOK, status, string(body))
			require.Len(t, attached, 2)
			continue
		}

		status, _, body, err = good.raw(add)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, status)
		require.Equal(t, `{"RequestId":"AddBackendServers"}`, string(body))
		attached, err = f.backendsOf("lb-1")
		require.NoError(t, err)
		require.Len(t, attached, 2)
		require.Equal(t, []string{"i-b", "i-a"}, []string{attached[0].ServerId, attached[1].ServerId})
		require.Equal(t, 100, attached[0].Weight)

		status, _, _, err = good.raw(map[string]string{"Action": "RemoveBackendServers", "LoadBalancerId": "lb-1",
			"BackendServers": backendServers([]string{"i-a"}, false)})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, status)
		attached, err = f.backendsOf("lb-1")
		require.NoError(t, err)
		require.Len(t, attached, 1)
		require.Equal(t, "i-b", attached[0].ServerId)
	}
}
