package conformance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReadmeSnippetsAreTested keeps the README true: every Go block of the
// README that is a whole test function must stand, byte for byte, in a test
// file of the project, where it compiles and runs.
func TestReadmeSnippetsAreTested(t *testing.T) {
	raw, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	var sources strings.Builder
	for _, glob := range []string{"*_test.go", "../fake/*_test.go", "../examples/*/*_test.go", "../slbrapid/*_test.go"} {
		files, err := filepath.Glob(glob)
		require.NoError(t, err)
		for _, f := range files {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			sources.Write(b)
		}
	}
	blocks := strings.Split(string(raw), "```go\n")
	checked := 0
	for _, b := range blocks[1:] {
		code := b[:strings.Index(b, "```")]
		if !strings.HasPrefix(code, "func Test") && !strings.HasPrefix(code, "func Example") {
			continue
		}
		checked++
		require.Contains(t, sources.String(), code, "a README snippet is not in any test file:\n%s", code)
	}
	require.GreaterOrEqual(t, checked, 3, "the README's tested snippets")
}
