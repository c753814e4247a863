package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"syscall"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

func BenchmarkWriteState(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			f := fake.New()
			for i := range n {
				if _, err := f.PutLoadBalancer(model.LoadBalancer{LoadBalancerName: fmt.Sprint(i)}); err != nil {
					b.Fatal(err)
				}
			}
			path := filepath.Join(b.TempDir(), "s.json")
			for b.Loop() {
				if err := writeState(f, path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkImportState loads a saved world as the server does at start
// (importState: streamed, GOGC raised while it loads) and through
// fake.ImportState alone (the process's GOGC), from the worlds that the
// engine's load benchmarks saved in SLBFAKE_BENCH_STATE_DIR (world-a.json,
// world-b.json; it skips a world that is not there):
//
//	SLBFAKE_BENCH_LARGE=1 SLBFAKE_BENCH_STATE_DIR=/tmp/worlds go test -run='^$' -bench='^BenchmarkStateLoad$' -benchtime=1x ./engine/
//	SLBFAKE_BENCH_STATE_DIR=/tmp/worlds go test -run='^$' -bench='^BenchmarkImportState$' -benchtime=3x ./cmd/slbfake/
//
// Besides time it reports the process's CPU time per load (cpu-ms/op) and
// the most heap in use during it, less the heap before (peak-heap-MiB,
// sampled every 2 ms).
func BenchmarkImportState(b *testing.B) {
	dir := os.Getenv("SLBFAKE_BENCH_STATE_DIR")
	if dir == "" {
		b.Skip("SLBFAKE_BENCH_STATE_DIR is not set")
	}
	for _, world := range []string{"a", "b"} {
		src, err := os.Open(filepath.Join(dir, "world-"+world+".json"))
		if err != nil {
			continue
		}
		// The -state format: the engine's State inside a stateFile.
		path := filepath.Join(b.TempDir(), "state.json")
		dst, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.WriteString(dst, `{"FormatVersion": 1, "State": `); err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(dst, src); err != nil {
			b.Fatal(err)
		}
		if _, err := io.WriteString(dst, "}\n"); err != nil {
			b.Fatal(err)
		}
		src.Close()
		if err := dst.Close(); err != nil {
			b.Fatal(err)
		}
		for _, how := range []string{"server", "ImportState"} {
			b.Run("world="+world+"/via="+how, func(b *testing.B) {
				var cpu time.Duration
				var peak uint64
				for b.Loop() {
					b.StopTimer()
					f := fake.New()
					file, err := os.Open(path)
					if err != nil {
						b.Fatal(err)
					}
					runtime.GC()
					base, stop := sampleHeap()
					b.StartTimer()
					c := processCPU()
					if how == "server" {
						err = importState(f, file)
					} else {
						err = f.ImportState(bufio.NewReaderSize(file, 64<<10))
					}
					cpu += processCPU() - c
					b.StopTimer()
					peak = max(peak, stop()-base)
					file.Close()
					if err != nil {
						b.Fatal(err)
					}
					runtime.KeepAlive(f)
					b.StartTimer()
				}
				b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			})
		}
	}
}

// processCPU is the CPU time the process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// sampleHeap returns the heap in use now, and a function that stops
// sampling it (every 2 ms) and returns the most seen.
func sampleHeap() (base uint64, stop func() uint64) {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	read := func() uint64 {
		metrics.Read(samples)
		return samples[0].Value.Uint64() + samples[1].Value.Uint64()
	}
	base = read()
	peak := base
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			peak = max(peak, read())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return base, func() uint64 {
		close(done)
		<-finished
		return peak
	}
}
