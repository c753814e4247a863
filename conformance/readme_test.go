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
		if !strings.HasPrefix(code, "func Test") && !strings.HasPrefix(code, "func Example") &&
			!(strings.HasPrefix(code, "// ") && strings.Contains(code, "\ntype ")) {
			continue
		}
		checked++
		require.Contains(t, sources.String(), code, "a README snippet is not in any test file:\n%s", code)
	}
	require.GreaterOrEqual(t, checked, 3, "the README's tested snippets")
}

// TestReadmeNodeSnippetIsTested keeps the README's Node.js block of the V2.0
// SDKs equal, line for line, to the part of node/v2sdks.test.js between its
// "README snippet" markers, which the Node tests run.
func TestReadmeNodeSnippetIsTested(t *testing.T) {
	raw, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	blocks := strings.Split(string(raw), "```js\n")
	require.Len(t, blocks, 2, "the README has one js block")
	readme := blocks[1][:strings.Index(blocks[1], "```")]

	src, err := os.ReadFile("node/v2sdks.test.js")
	require.NoError(t, err)
	const begin, end = "// README snippet begin\n", "// README snippet end"
	s := string(src)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	require.True(t, i >= 0 && j > i, "node/v2sdks.test.js has no README snippet markers")
	var lines []string
	for _, l := range strings.Split(s[i+len(begin):j], "\n") {
		lines = append(lines, strings.TrimPrefix(l, "  "))
	}
	require.Equal(t, strings.Join(lines, "\n"), readme)
}
