package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/slbfake/slbfake/fake"
)

// readState returns the state file's content, or nil when it does not exist.
func readState(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

func importState(f *fake.Fake, saved []byte) error {
	return f.ImportState(bytes.NewReader(saved))
}

// effectiveSeed is the seed the fake gets. Without a saved state it is seed.
// With one it is a hash of seed and the state: the state file does not hold
// the position of the fake's ID source, and starting it over from seed would
// draw the IDs of the resources already there again. Hashing keeps the run
// deterministic (the same seed and state give the same IDs) without
// repeating the sequence that built the state.
func effectiveSeed(seed uint64, saved []byte) uint64 {
	if saved == nil {
		return seed
	}
	h := fnv.New64a()
	h.Write(binary.BigEndian.AppendUint64(nil, seed))
	h.Write(saved)
	return h.Sum64()
}

// writeState writes the fake's state to path atomically: a temporary file
// in the same directory, synced, then renamed over path.
func writeState(f *fake.Fake, path string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
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
	return os.Rename(tmp.Name(), path)
}
