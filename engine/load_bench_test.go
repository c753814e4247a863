package engine

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	iradix "github.com/hashicorp/go-immutable-radix"
	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// The load benchmarks read a saved world back: the -state file and
// ImportState path (DecodeState then LoadDecoded, from a file), and write it
// (EncodeState). Their worlds are built once per process through the
// fixtures and AddBackendServers, written to a temporary file, and dropped,
// so that the built world does not weigh on the garbage collector while a
// load is measured:
//
//	world a:   1,000 instances,    100 LBs,   2,000 backends
//	world b: 100,000 instances, 10,000 LBs, 200,000 backends
//
// one account and region, one VPC, four vSwitches, each LB with 20 running
// instances of its vSwitch. World b takes minutes to build, so it is only
// run with SLBFAKE_BENCH_LARGE=1:
//
//	SLBFAKE_BENCH_LARGE=1 go test -run='^$' -bench='^BenchmarkState(Load|Encode|Phases)$' -benchtime=3x -timeout=30m ./engine/
//	SLBFAKE_BENCH_LARGE=1 go test -run='^$' -bench='^BenchmarkStateMemory$' -benchtime=1x -timeout=30m ./engine/
//
// SLBFAKE_BENCH_STATE_DIR=dir keeps the saved worlds in dir, and reads them
// from there on the next run instead of building them again.
//
// Besides time, a load reports its CPU time (cpu-ms/op: the process's,
// garbage collection included, which a busy machine does not inflate as it
// inflates ns/op) and memory (MiB): world, the heap the loaded world holds
// (live heap after a GC, less the live heap before the load); peak-heap,
// the most heap in use during the load (sampled every 2 ms, less the heap in
// use before it); peak/world, their ratio; peak-rss, the process's
// resident-set high-water mark during the load (VmHWM, reset before it),
// less its resident set before it.

// loadSpec is a world of the load benchmarks.
type loadSpec struct {
	name                          string
	instances, lbs, backendsPerLB int
}

var (
	loadWorldA = loadSpec{name: "a", instances: 1_000, lbs: 100, backendsPerLB: 20}
	loadWorldB = loadSpec{name: "b", instances: 100_000, lbs: 10_000, backendsPerLB: 20}
)

// loadSpecs are the worlds to run on: a always, b with
// SLBFAKE_BENCH_LARGE=1.
func loadSpecs() []loadSpec {
	if os.Getenv("SLBFAKE_BENCH_LARGE") == "1" {
		return []loadSpec{loadWorldA, loadWorldB}
	}
	return []loadSpec{loadWorldA}
}

// buildLoadWorld builds sp's world: instance i in vSwitch i mod 4 with an
// address of its index, LB j in vSwitch j mod 4 with backendsPerLB of that
// vSwitch's instances (so that each instance is on backendsPerLB*lbs/instances
// LBs).
func buildLoadWorld(sp loadSpec) (*Store, error) {
	return buildLoadWorldPhases(sp, func(string, int) {})
}

// buildLoadWorldPhases is buildLoadWorld, calling phase after the instances,
// the LBs and the backends are built, with what was built and how many.
func buildLoadWorldPhases(sp loadSpec, phase func(what string, n int)) (*Store, error) {
	const vsws = 4
	s, err := New(Config{IDs: model.NewIDSource(21), Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }})
	if err != nil {
		return nil, err
	}
	vpc, err := s.PutVpc(model.Vpc{AccountId: benchAccount, RegionId: benchRegion, CidrBlock: "10.0.0.0/8"})
	if err != nil {
		return nil, err
	}
	var vswIds []string
	for v := range vsws {
		vsw, err := s.PutVSwitch(model.VSwitch{AccountId: benchAccount, RegionId: benchRegion, VpcId: vpc.VpcId, CidrBlock: fmt.Sprintf("10.%d.0.0/16", v)})
		if err != nil {
			return nil, err
		}
		vswIds = append(vswIds, vsw.VSwitchId)
	}
	// ip is the n-th address of vSwitch v, from 10.v.0.1.
	ip := func(v, n int) string { return fmt.Sprintf("10.%d.%d.%d", v, (n+1)>>8, (n+1)&255) }
	insts := make([][]string, vsws)
	for i := range sp.instances {
		v := i % vsws
		inst, err := s.PutInstance(model.Instance{AccountId: benchAccount, RegionId: benchRegion, VSwitchId: vswIds[v],
			InstanceName: fmt.Sprintf("web-%d", i), PrivateIp: ip(v, len(insts[v]))})
		if err != nil {
			return nil, err
		}
		insts[v] = append(insts[v], inst.InstanceId)
	}
	phase("instance", sp.instances)
	lbIds := make([]string, sp.lbs)
	for j := range sp.lbs {
		v := j % vsws
		lb, err := s.PutLoadBalancer(model.LoadBalancer{AccountId: benchAccount, RegionId: benchRegion, VSwitchId: vswIds[v],
			LoadBalancerName: fmt.Sprintf("lb-%d", j), Address: ip(v, len(insts[v])+j/vsws)})
		if err != nil {
			return nil, err
		}
		lbIds[j] = lb.LoadBalancerId
	}
	phase("LB", sp.lbs)
	for j, lbId := range lbIds {
		v := j % vsws
		pool := insts[v]
		elems := make([]string, sp.backendsPerLB)
		for t := range elems {
			elems[t] = `{"ServerId":"` + pool[(j/vsws*sp.backendsPerLB+t)%len(pool)] + `"}`
		}
		if _, e := s.AddBackendServers(benchAccount, &model.AddBackendServersRequest{RegionId: benchRegion, LoadBalancerId: lbId,
			BackendServers: "[" + strings.Join(elems, ",") + "]"}); e != nil {
			return nil, fmt.Errorf("AddBackendServers: %v", e)
		}
	}
	phase("backend", sp.lbs*sp.backendsPerLB)
	return s, nil
}

// BenchmarkStateMemory reports the heap each kind of resource of a world
// takes (B/instance with its address lease, B/LB with its address lease,
// B/backend), as the fixtures and AddBackendServers build them: the growth
// of the live heap while each kind is added, per resource. It builds the
// world once per iteration (world b: minutes), so run it with -benchtime=1x.
func BenchmarkStateMemory(b *testing.B) {
	for _, sp := range loadSpecs() {
		b.Run("world="+sp.name, func(b *testing.B) {
			per := map[string]float64{}
			for b.Loop() {
				runtime.GC()
				last := liveHeap()
				s, err := buildLoadWorldPhases(sp, func(what string, n int) {
					runtime.GC()
					now := liveHeap()
					per[what] = float64(now-last) / float64(n)
					last = now
				})
				if err != nil {
					b.Fatal(err)
				}
				runtime.KeepAlive(s)
			}
			for what, bytes := range per {
				b.ReportMetric(bytes, "B/"+what)
			}
		})
	}
}

// stateFiles are the saved worlds, by world name.
var (
	stateFilesMu sync.Mutex
	stateFiles   = map[string]savedWorld{}
)

// savedWorld is a world written by EncodeState, and what it took.
type savedWorld struct {
	// file holds the world; it stays open for the process, and its name is
	// removed at once unless it is kept (SLBFAKE_BENCH_STATE_DIR), so that no
	// run leaves a file behind.
	file      *os.File
	size      int64
	buildTime time.Duration
	// built is the heap the built world held (zero when it was read from
	// SLBFAKE_BENCH_STATE_DIR).
	built uint64
}

// open returns a reader of the saved world, from its start.
func (sw savedWorld) open() io.Reader { return io.NewSectionReader(sw.file, 0, sw.size) }

// savedWorldOf builds the world of sp once per process, writes it to a
// temporary file and returns that file.
func savedWorldOf(tb testing.TB, sp loadSpec) savedWorld {
	tb.Helper()
	stateFilesMu.Lock()
	defer stateFilesMu.Unlock()
	if sw, ok := stateFiles[sp.name]; ok {
		return sw
	}
	var sw savedWorld
	keep := ""
	if dir := os.Getenv("SLBFAKE_BENCH_STATE_DIR"); dir != "" {
		// A world saved by an earlier run, when there is one.
		keep = filepath.Join(dir, "world-"+sp.name+".json")
		if f, err := os.Open(keep); err == nil {
			fi, err := f.Stat()
			if err != nil {
				tb.Fatal(err)
			}
			sw.file, sw.size = f, fi.Size()
			stateFiles[sp.name] = sw
			return sw
		}
	}
	func() {
		runtime.GC()
		before := liveHeap()
		start := time.Now()
		s, err := buildLoadWorld(sp)
		if err != nil {
			tb.Fatal(err)
		}
		sw.buildTime = time.Since(start)
		runtime.GC()
		sw.built = liveHeap() - before
		var f *os.File
		if keep != "" {
			f, err = os.Create(keep)
		} else if f, err = os.CreateTemp("", "slbfake-world-"+sp.name+"-*.json"); err == nil {
			err = os.Remove(f.Name())
		}
		if err != nil {
			tb.Fatal(err)
		}
		if err := s.EncodeState(f, "  ", "  "); err != nil {
			tb.Fatal(err)
		}
		fi, err := f.Stat()
		if err != nil {
			tb.Fatal(err)
		}
		sw.file, sw.size = f, fi.Size()
	}()
	runtime.GC()
	debug.FreeOSMemory()
	stateFiles[sp.name] = sw
	return sw
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuMeter reports the CPU time per operation of a benchmark (cpu-ms/op):
// the process's, so that a machine busy with other work does not inflate it
// as it inflates ns/op.
type cpuMeter struct{ start time.Duration }

func startCPU() cpuMeter { return cpuMeter{start: cpuTime()} }

func (m cpuMeter) report(b *testing.B) {
	b.ReportMetric(float64(cpuTime()-m.start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// liveHeap is the heap the live objects take (after a GC: HeapAlloc).
func liveHeap() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// heapInUse reads the heap in use (runtime.MemStats.HeapInuse) without
// stopping the world.
func heapInUse(samples []metrics.Sample) uint64 {
	metrics.Read(samples)
	return samples[0].Value.Uint64() + samples[1].Value.Uint64()
}

func heapSamples() []metrics.Sample {
	return []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
}

// memProbe measures the memory one operation takes: start it just before,
// stop it just after.
type memProbe struct {
	baseLive, baseInUse, baseRSS uint64
	peak                         uint64
	stop                         chan struct{}
	done                         sync.WaitGroup
}

func startMemProbe() *memProbe {
	runtime.GC()
	debug.FreeOSMemory()
	p := &memProbe{baseLive: liveHeap(), stop: make(chan struct{})}
	samples := heapSamples()
	p.baseInUse = heapInUse(samples)
	p.peak = p.baseInUse
	resetPeakRSS()
	p.baseRSS = procStatus("VmRSS")
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		samples := heapSamples()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			p.peak = max(p.peak, heapInUse(samples))
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

// memReport is what a memProbe measured, in bytes.
type memReport struct {
	world, peakHeap, peakRSS uint64
}

// finish stops the probe; keep is what the operation built, kept alive until
// the world's heap is measured.
func (p *memProbe) finish(keep any) memReport {
	close(p.stop)
	p.done.Wait()
	hwm := procStatus("VmHWM")
	runtime.GC()
	r := memReport{world: liveHeap() - p.baseLive, peakHeap: p.peak - p.baseInUse}
	if hwm > p.baseRSS {
		r.peakRSS = hwm - p.baseRSS
	}
	runtime.KeepAlive(keep)
	return r
}

func (r memReport) report(b *testing.B) {
	const mib = 1 << 20
	b.ReportMetric(float64(r.world)/mib, "world-MiB")
	b.ReportMetric(float64(r.peakHeap)/mib, "peak-heap-MiB")
	b.ReportMetric(float64(r.peakHeap)/float64(r.world), "peak/world")
	if r.peakRSS > 0 {
		b.ReportMetric(float64(r.peakRSS)/mib, "peak-rss-MiB")
	}
}

// resetPeakRSS resets the process's VmHWM to its current resident set
// (Linux; elsewhere it does nothing).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// procStatus reads a kB field of /proc/self/status, in bytes (0 when there
// is none).
func procStatus(field string) uint64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return n << 10
		}
	}
	return 0
}

// loadFile is the -state path: a file decoded row by row, checked and built
// as it is read, then put in place.
func loadFile(s *Store, r io.Reader) error {
	d, err := s.DecodeState(json.NewDecoder(bufio.NewReaderSize(r, 64<<10)))
	if err != nil {
		return err
	}
	return s.LoadDecoded(d)
}

// BenchmarkStateLoad loads a saved world into an empty store: from the file
// (source=file, what ImportState does with an *os.File), and from the file
// read whole first (source=bytes, what cmd/slbfake's -state did before it
// streamed: the bytes are held while the world is built, and counted in the
// peak).
func BenchmarkStateLoad(b *testing.B) {
	for _, sp := range loadSpecs() {
		for _, source := range []string{"file", "bytes"} {
			b.Run("world="+sp.name+"/source="+source, func(b *testing.B) {
				sw := savedWorldOf(b, sp)
				b.Logf("world %s: built through the fixtures in %v, %.0f MiB of heap; file %.0f MiB",
					sp.name, sw.buildTime.Round(time.Millisecond), float64(sw.built)/(1<<20), float64(sw.size)/(1<<20))
				var last memReport
				var cpu time.Duration
				for b.Loop() {
					b.StopTimer()
					s, err := New(Config{BackendQuota: 200})
					if err != nil {
						b.Fatal(err)
					}
					p := startMemProbe()
					b.StartTimer()
					c := cpuTime()
					r := sw.open()
					var raw []byte
					if source == "bytes" {
						if raw, err = io.ReadAll(r); err != nil {
							b.Fatal(err)
						}
						r = bytes.NewReader(raw)
					}
					if err := loadFile(s, r); err != nil {
						b.Fatal(err)
					}
					cpu += cpuTime() - c
					b.StopTimer()
					raw = nil
					last = p.finish(s)
					b.StartTimer()
				}
				last.report(b)
				b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

func BenchmarkStateEncode(b *testing.B) {
	for _, sp := range loadSpecs() {
		b.Run("world="+sp.name, func(b *testing.B) {
			sw := savedWorldOf(b, sp)
			s, err := New(Config{BackendQuota: 200})
			if err != nil {
				b.Fatal(err)
			}
			if err := loadFile(s, sw.open()); err != nil {
				b.Fatal(err)
			}
			dir := b.TempDir()
			var last memReport
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				f, err := os.Create(filepath.Join(dir, "out.json"))
				if err != nil {
					b.Fatal(err)
				}
				p := startMemProbe()
				b.StartTimer()
				c := cpuTime()
				if err := s.EncodeState(f, "  ", "  "); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - c
				b.StopTimer()
				last = p.finish(nil)
				if err := f.Close(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(last.peakHeap)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkStatePhases splits a load into its phases, one after the other
// on the same rows (a load runs them side by side): decode (the file into
// rows), validate, build (the database and its derived tables); and floor,
// the least any build into go-memdb costs: the built world's index keys
// inserted into radix trees alone, in their best order.
func BenchmarkStatePhases(b *testing.B) {
	for _, sp := range loadSpecs() {
		sw := savedWorldOf(b, sp)
		// The rows the later phases use, whether or not -bench runs the
		// decode phase.
		rows, err := decodeFile(sw.open())
		if err != nil {
			b.Fatal(err)
		}
		b.Run("world="+sp.name+"/phase=decode", func(b *testing.B) {
			m := startCPU()
			for b.Loop() {
				var err error
				if rows, err = decodeFile(sw.open()); err != nil {
					b.Fatal(err)
				}
			}
			m.report(b)
		})
		s, err := New(Config{BackendQuota: 200})
		if err != nil {
			b.Fatal(err)
		}
		b.Run("world="+sp.name+"/phase=validate", func(b *testing.B) {
			m := startCPU()
			for b.Loop() {
				if err := s.validateRows(rows); err != nil {
					b.Fatal(err)
				}
			}
			m.report(b)
		})
		b.Run("world="+sp.name+"/phase=build", func(b *testing.B) {
			m := startCPU()
			for b.Loop() {
				db, err := buildRows(rows)
				if err != nil {
					b.Fatal(err)
				}
				db.finish()
			}
			m.report(b)
		})
		// The floor of the build: every key of every index of the built
		// database (derived tables included), inserted into go-memdb's
		// radix trees (go-immutable-radix, one tree per index as go-memdb
		// keeps them, mutations untracked as in the engine's databases)
		// each index's keys in sorted order, which no insert order beats,
		// without go-memdb's own work around them.
		db, err := buildRows(rows)
		if err != nil {
			b.Fatal(err)
		}
		rebuildDerivedTxn(db.txn)
		indexes := indexKeysOf(b, db.txn)
		db.abort()
		rows = nil
		keys := 0
		for _, ks := range indexes {
			keys += len(ks)
		}
		b.Run("world="+sp.name+"/phase=floor", func(b *testing.B) {
			m := startCPU()
			for b.Loop() {
				for _, ks := range indexes {
					txn := iradix.New().Txn()
					for _, k := range ks {
						txn.Insert(k, nil)
					}
					txn.Commit()
				}
			}
			m.report(b)
			b.ReportMetric(float64(keys), "keys")
		})
	}
}

// indexKeysOf returns the keys of each index of each table of txn's
// database, as go-memdb keeps them (a non-unique index's keys end with the
// row's primary key), sorted.
func indexKeysOf(tb testing.TB, txn *memdb.Txn) [][][]byte {
	tb.Helper()
	var out [][][]byte
	for name, table := range stateSchema().Tables {
		byIndex := map[string][][]byte{}
		it, err := txn.Get(name, indexID)
		if err != nil {
			tb.Fatal(err)
		}
		for obj := it.Next(); obj != nil; obj = it.Next() {
			_, id, err := table.Indexes[indexID].Indexer.(memdb.SingleIndexer).FromObject(obj)
			if err != nil {
				tb.Fatal(err)
			}
			for _, index := range table.Indexes {
				var vals [][]byte
				switch x := index.Indexer.(type) {
				case memdb.SingleIndexer:
					ok, v, err := x.FromObject(obj)
					if err != nil {
						tb.Fatal(err)
					}
					if ok {
						vals = [][]byte{v}
					}
				case memdb.MultiIndexer:
					ok, vs, err := x.FromObject(obj)
					if err != nil {
						tb.Fatal(err)
					}
					if ok {
						vals = vs
					}
				}
				for _, v := range vals {
					if !index.Unique {
						v = append(v, id...)
					}
					byIndex[index.Name] = append(byIndex[index.Name], v)
				}
			}
		}
		for _, ks := range byIndex {
			slices.SortFunc(ks, bytes.Compare)
			out = append(out, ks)
		}
	}
	return out
}

// decodeFile decodes a saved world's rows, without checking or building
// them.
func decodeFile(r io.Reader) (*stateRows, error) {
	p := newStatePipe(nil)
	if err := p.decode(json.NewDecoder(bufio.NewReaderSize(r, 64<<10))); err != nil {
		return nil, err
	}
	return &p.rows, nil
}
