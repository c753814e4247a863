package fake

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/slbfake/slbfake/engine"
)

// stateFormatVersion is written into every exported state; ImportState
// refuses another.
const stateFormatVersion = 1

type stateFile struct {
	FormatVersion int
	State         engine.State
}

// ExportState writes the whole world as JSON: the format of the server's
// -state file.
func (f *Fake) ExportState(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(stateFile{FormatVersion: stateFormatVersion, State: f.store.Dump()})
}

// ImportState replaces the whole world with one ExportState wrote. On error
// the world is unchanged.
func (f *Fake) ImportState(r io.Reader) error {
	var sf stateFile
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sf); err != nil {
		return fmt.Errorf("slbfake: read state: %w", err)
	}
	if sf.FormatVersion != stateFormatVersion {
		return fmt.Errorf("slbfake: state format %d, want %d", sf.FormatVersion, stateFormatVersion)
	}
	return f.store.Restore(sf.State)
}
