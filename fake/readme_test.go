package fake_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// updateReadme rewrites the README's generated sections (the error table
// and the action list) instead of failing on a difference:
//
//	go test ./fake -run TestReadme -update-readme
var updateReadme = flag.Bool("update-readme", false, "rewrite the README's generated sections")

const (
	readmePath      = "../README.md"
	errorTableBegin = "<!-- error table: generated from model.Catalogue() by fake/readme_test.go; do not edit -->\n"
	errorTableEnd   = "<!-- end of error table -->\n"
	actionListBegin = "<!-- action list: generated from fake.Actions() by fake/readme_test.go; do not edit -->\n"
	actionListEnd   = "<!-- end of action list -->\n"
	snippetHeading  = "## Use it in a unit test\n"
	snippetFunc     = "func TestAttachRefusesStoppedInstance("
)

// errorTable renders model.Catalogue() as the README shows it.
func errorTable() string {
	var b strings.Builder
	b.WriteString("| HTTP | Code | Message | Entry | When the fake returns it | Source |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, e := range model.Catalogue() {
		fmt.Fprintf(&b, "| %d | `%s` | %s | `%s` | %s | %s |\n", e.HTTPStatus, e.Code, escapeCell(e.Message), e.Name, escapeCell(e.When), e.Source)
	}
	return b.String()
}

// actionList renders fake.Actions() as the README shows it: one row per
// product.
func actionList() string {
	var b strings.Builder
	b.WriteString("| Product | Version | Actions (each a `Client` method) |\n")
	b.WriteString("|---|---|---|\n")
	var row []string
	actions := fake.Actions()
	for i, a := range actions {
		row = append(row, "`"+a.Name+"`")
		if i == len(actions)-1 || actions[i+1].Product != a.Product {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", a.Product, a.Version, strings.Join(row, ", "))
			row = nil
		}
	}
	return b.String()
}

// checkGenerated keeps a generated section of the README equal to want, or
// rewrites it with -update-readme.
func checkGenerated(t *testing.T, begin, end, want string) string {
	t.Helper()
	readme := readReadme(t)
	got, start := between(t, readme, begin, end)
	if *updateReadme && got != want {
		updated := readme[:start] + want + readme[start+len(got):]
		require.NoError(t, os.WriteFile(readmePath, []byte(updated), 0o644))
		got = want
	}
	require.Equal(t, want, got, "a generated section of the README is stale; run: go test ./fake -run TestReadme -update-readme")
	return got
}

// escapeCell keeps a table cell one cell: a bare | would split it.
func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// between returns the text of s between begin and end, and where it starts.
func between(t *testing.T, s, begin, end string) (string, int) {
	t.Helper()
	i := strings.Index(s, begin)
	require.GreaterOrEqual(t, i, 0, "README has no %q", strings.TrimSpace(begin))
	start := i + len(begin)
	j := strings.Index(s[start:], end)
	require.GreaterOrEqual(t, j, 0, "README has no %q after %q", strings.TrimSpace(end), strings.TrimSpace(begin))
	return s[start : start+j], start
}

func readReadme(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile(readmePath)
	require.NoError(t, err)
	return string(raw)
}

// TestReadmeErrorTable keeps the README's error table equal to the
// catalogue: every code, HTTP status, message, entry, occasion and source.
func TestReadmeErrorTable(t *testing.T) {
	got := checkGenerated(t, errorTableBegin, errorTableEnd, errorTable())
	// Belt and braces: every entry's code, status and message is in a row.
	rows := strings.Split(got, "\n")
	for _, e := range model.Catalogue() {
		found := false
		for _, row := range rows {
			if strings.HasPrefix(row, fmt.Sprintf("| %d | `%s` |", e.HTTPStatus, e.Code)) &&
				strings.Contains(row, escapeCell(e.Message)) && strings.Contains(row, "`"+e.Name+"`") {
				found = true
				break
			}
		}
		require.True(t, found, "no README row for %d %s %q", e.HTTPStatus, e.Code, e.Message)
	}
}

// TestReadmeActionList keeps the README's list of actions equal to the
// action table.
func TestReadmeActionList(t *testing.T) {
	got := checkGenerated(t, actionListBegin, actionListEnd, actionList())
	for _, a := range fake.Actions() {
		require.Contains(t, got, "`"+a.Name+"`")
	}
}

// TestReadmeUnitTestSnippet keeps the README's "Use it in a unit test"
// snippet identical to TestAttachRefusesStoppedInstance in example_test.go,
// which compiles and runs with every go test.
func TestReadmeUnitTestSnippet(t *testing.T) {
	readme := readReadme(t)
	section, _ := between(t, readme, snippetHeading, "\n## ")
	snippet, _ := between(t, section, "```go\n", "```\n")

	raw, err := os.ReadFile("example_test.go")
	require.NoError(t, err)
	source := string(raw)
	i := strings.Index(source, snippetFunc)
	require.GreaterOrEqual(t, i, 0, "example_test.go has no %s", snippetFunc)
	j := strings.Index(source[i:], "\n}\n")
	require.GreaterOrEqual(t, j, 0, "unterminated %s", snippetFunc)
	function := source[i : i+j+len("\n}\n")]

	require.Equal(t, function, snippet, "the README's unit-test snippet differs from %s...} in fake/example_test.go", snippetFunc)
}
