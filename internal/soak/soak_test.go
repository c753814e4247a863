package main

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

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
