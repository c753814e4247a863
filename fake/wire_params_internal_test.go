package fake

import (
	"net/url"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestAddParamsReadsAsParseQuery: for any query string, addParams keeps the
// first value of each name that url.ParseQuery reads, and reports malformed
// input exactly when ParseQuery does (below maxParams pairs).
func TestAddParamsReadsAsParseQuery(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		raw := rapid.StringOfN(rapid.SampledFrom([]rune("ab=&%;+2F0 ~é")), 0, 40, -1).Draw(t, "raw")
		want, err := url.ParseQuery(raw)
		got := map[string]string{}
		ok := addParams(got, raw)
		require.Equal(t, err == nil, ok, "%q", raw)
		require.Len(t, got, len(want))
		for k, vs := range want {
			require.Equal(t, vs[0], got[k], "%q: %q", raw, k)
		}
	})
}

// TestAddParamsCopies: what addParams keeps shares no memory with its input.
func TestAddParamsCopies(t *testing.T) {
	t.Parallel()
	raw := "Name=plain&Other=with%20escape"
	params := map[string]string{}
	require.True(t, addParams(params, raw))
	lo, hi := uintptr(unsafe.Pointer(unsafe.StringData(raw))), uintptr(unsafe.Pointer(unsafe.StringData(raw)))+uintptr(len(raw))
	for k, v := range params {
		for _, s := range []string{k, v} {
			p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			require.False(t, p >= lo && p < hi, "%q is a view of the request", s)
		}
	}
	require.False(t, addParams(map[string]string{}, "a=1;b=2"))
	many := ""
	for i := range maxParams + 1 {
		many += "&k" + string(rune('a'+i%26)) + "=1"
	}
	require.False(t, addParams(map[string]string{}, many), "over maxParams")
}
