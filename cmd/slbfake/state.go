package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/slbfake/slbfake/fake"
)

// The -state file. It is replaced whole, never edited in place: writeState
// writes the world to a temporary file in the same directory
// (".FILE.tmpDIGITS"), fsyncs it, renames it over FILE and fsyncs the
// directory, so that at any moment, a kill -9 or a power cut included, FILE
// is either the previous complete state or the new complete state. A kill
// during a write leaves the temporary file behind; removeLeftovers deletes
// such files at the next start.
//
// While the server runs, a persister rewrites the file after changes: at most
// -state-interval after the first change it was told of, coalescing every
// change of that interval into one write, one write at a time. On shutdown
// run writes it once more, after the last call has ended.

// openState opens the state file, or returns nil when it does not exist.
func openState(path string) (*os.File, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return f, err
}

// loadGCPercent is the garbage collector's GOGC while the state file loads.
const loadGCPercent = 400

// importMu makes the loads of runs sharing a process (tests) take turns, so
// that each puts back the GOGC it found. It is package-level, against the
// rule, because what it guards is: GOGC is the process's, not a run's.
var importMu sync.Mutex

// importState streams the state file into f: it is decoded as it is read,
// never held whole (fake.ImportState). While it loads, the garbage collector
// runs less often (GOGC 400 unless the process's setting is higher or off;
// put back after): a load makes little garbage besides the world it builds,
// so the heap stays under 1.5x the world's, and the load of a large world
// takes a quarter less CPU time (README, Performance). The server loads
// before it serves, so nothing else in the process is slowed or grown by it.
func importState(f *fake.Fake, file *os.File) error {
	importMu.Lock()
	defer importMu.Unlock()
	if old := debug.SetGCPercent(loadGCPercent); old < 0 || old > loadGCPercent {
		debug.SetGCPercent(old)
	} else {
		defer debug.SetGCPercent(old)
	}
	return f.ImportState(bufio.NewReaderSize(file, 64<<10))
}

// tempPrefix is the name of path's temporary files, before their random
// digits (os.CreateTemp's "*").
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp" }

// writeState writes the fake's state to path atomically: a temporary file in
// the same directory, fsynced, renamed over path, then the directory fsynced
// so that the rename itself survives a crash.
func writeState(f *fake.Fake, path string) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPrefix(path)+"*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = f.ExportState(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir fsyncs a directory, which makes a rename in it durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// removeLeftovers deletes the temporary files a killed writeState left next
// to path: regular files named tempPrefix(path) followed by digits only. It
// returns their names. It fails when path's directory cannot be read, so that
// a -state in a missing directory stops the server at start.
func removeLeftovers(path string) ([]string, error) {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("state directory: %w", err)
	}
	prefix := tempPrefix(path)
	var removed []string
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" || !e.Type().IsRegular() {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, fmt.Errorf("remove leftover state file: %w", err)
		}
		removed = append(removed, e.Name())
	}
	return removed, nil
}

// persister rewrites the state file after changes. changed tells it that a
// change was committed; loop writes.
type persister struct {
	f        *fake.Fake
	path     string
	interval time.Duration
	logger   *slog.Logger
	// dirty holds one token when a change has not been written yet.
	dirty chan struct{}
}

func newPersister(f *fake.Fake, path string, interval time.Duration, logger *slog.Logger) *persister {
	return &persister{f: f, path: path, interval: interval, logger: logger, dirty: make(chan struct{}, 1)}
}

// changed records that the world changed. It never blocks.
func (p *persister) changed() {
	select {
	case p.dirty <- struct{}{}:
	default:
	}
}

// loop writes the state file until ctx ends: after a change, it waits
// p.interval (gathering the changes that follow), then writes once. The token
// is taken just before the export, so a change told after it is written by
// the next round; a change told before it is in the export (it was committed
// before being told). So a change is in the file at most p.interval plus the
// duration of two writes after it was told. A failed write is logged and
// tried again after p.interval, or a second if that is shorter.
func (p *persister) loop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.dirty:
		}
		if p.interval > 0 {
			t := time.NewTimer(p.interval)
			select {
			case <-ctx.Done():
				t.Stop()
				return // the final write is run's
			case <-t.C:
			}
		}
		select {
		case <-p.dirty:
		default:
		}
		if err := writeState(p.f, p.path); err != nil {
			p.logger.Warn("state write failed; will retry", "file", p.path, "err", err)
			p.changed()
			t := time.NewTimer(max(p.interval, time.Second))
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
		}
	}
}
