package fake

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestNonceWindow(t *testing.T) {
	t.Parallel()
	c := newNonceCache()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	require.True(t, c.claim("a", t0))
	require.False(t, c.claim("a", t0.Add(14*time.Minute)), "used within 15 minutes")
	require.True(t, c.claim("b", t0.Add(14*time.Minute)))
	require.True(t, c.claim("a", t0.Add(15*time.Minute)), "free again after the window")
	require.False(t, c.claim("b", t0.Add(16*time.Minute)), "b was claimed at 14m")
	require.Len(t, c.seen, 2, "expired entries are forgotten")
	require.True(t, c.claim("b", t0.Add(29*time.Minute)))
	require.Len(t, c.order, 2)
}

// TestNonceCacheIsBounded: however fast nonces come, the cache holds at most
// maxNonces; the oldest are forgotten first, the newest still refused.
func TestNonceCacheIsBounded(t *testing.T) {
	t.Parallel()
	c := newNonceCache()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range maxNonces + 10 {
		require.True(t, c.claim(strconv.Itoa(i), t0))
	}
	require.Len(t, c.seen, maxNonces)
	require.Len(t, c.order, maxNonces)
	require.True(t, c.claim("0", t0), "the oldest was forgotten early")
	require.False(t, c.claim(strconv.Itoa(maxNonces+9), t0), "the newest is still used")
	require.Len(t, c.seen, maxNonces)
}
