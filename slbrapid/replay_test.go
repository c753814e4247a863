package slbrapid

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
)

// TestGoStringRebuildsTheWorld compiles and runs what GoString and Snippet
// print, for worlds (with groups, members, listeners, tags and protection
// among them) and scenarios drawn from fixed seeds, and compares the state
// each printed program builds with the state Build and Draw built: equal,
// byte for byte as JSON (IDs, addresses, times, RequestId-drawn group IDs).
// GoString's fake has the real clock and seed 0; the test gives it the
// scenario's virtual clock and a seed, so that times compare.
func TestGoStringRebuildsTheWorld(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a program")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	const worlds, scenarios = 30, 12
	var src strings.Builder
	var want []string
	src.WriteString("package main\n\nimport (\n\t\"context\"\n\t\"encoding/json\"\n\t\"os\"\n\t\"time\"\n\n" +
		"\t\"github.com/slbfake/slbfake/fake\"\n\t\"github.com/slbfake/slbfake/model\"\n)\n\n" +
		"var _, _, _ = context.Background, model.ServerECS, time.Second\n\n")
	epoch := fmt.Sprintf("time.Date(%d, time.%s, %d, 0, 0, 0, 0, time.UTC)", Epoch.Year(), Epoch.Month(), Epoch.Day())
	siblings := 0
	gen := World()
	for i := range worlds {
		w := gen.Example(i)
		seed := uint64(i + 1)
		f, _ := w.NewFake(fake.WithSeed(seed), fake.WithClock(fake.NewVirtualClock(Epoch)))
		want = append(want, stateJSON(t, f))
		for _, lb := range w.LoadBalancers {
			siblings += len(lb.VServerGroups) + len(lb.Listeners) + len(lb.Tags)
		}
		body := strings.Replace(w.GoString(), "f := fake.New(",
			fmt.Sprintf("f := fake.New(fake.WithSeed(%d), fake.WithClock(fake.NewVirtualClock(%s)), ", seed, epoch), 1)
		fmt.Fprintf(&src, "func world%d() *fake.Fake {\n%s\treturn f\n}\n\n", i, body)
	}
	if siblings == 0 {
		t.Fatal("no world drawn had siblings")
	}
	for i := range scenarios {
		s := &Scenario{Seed: uint64(100 + i), World: gen.Example(100 + i),
			Faults: Faults(DefaultActions, FaultConfig{}).Example(i)}
		if i%2 == 1 {
			s.ConfiguringWindow = 2 * time.Second
			s.World = WorldWith(WorldConfig{SingleBackendChange: true}).Example(100 + i)
		}
		if err := s.build(); err != nil {
			t.Fatal(err)
		}
		want = append(want, stateJSON(t, s.Fake))
		fmt.Fprintf(&src, "func scenario%d() *fake.Fake {\n%s\treturn f\n}\n\n", i, s.Snippet())
	}
	src.WriteString("func main() {\n\tenc := json.NewEncoder(os.Stdout)\n\tfor _, f := range []func() *fake.Fake{")
	for i := range worlds {
		fmt.Fprintf(&src, "world%d, ", i)
	}
	for i := range scenarios {
		fmt.Fprintf(&src, "scenario%d, ", i)
	}
	src.WriteString("} {\n\t\tif err := enc.Encode(f().State()); err != nil {\n\t\t\tpanic(err)\n\t\t}\n\t}\n}\n")

	// The program lives in the module (a directory go's ./... patterns skip)
	// so that it builds against this checkout without a go.mod of its own.
	dir, err := os.MkdirTemp(".", "_replay")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goBin, "run", "./"+filepath.Base(dir))
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("the printed program does not run: %v\n%s", err, stderr)
	}
	got := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("the program printed %d states, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			name := fmt.Sprintf("world %d", i)
			if i >= worlds {
				name = fmt.Sprintf("scenario %d", i-worlds)
			}
			t.Errorf("%s: the printed statements build another state\n got %s\nwant %s", name, got[i], want[i])
		}
	}
}

func stateJSON(t *testing.T, f *fake.Fake) string {
	t.Helper()
	b, err := json.Marshal(f.State())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
