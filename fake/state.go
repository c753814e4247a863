package fake

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
)

// stateFormatVersion is written into every exported state; ImportState
// refuses another.
const stateFormatVersion = 1

type stateFile struct {
	FormatVersion int
	// IDSource is the position of the seeded source of IDs and RequestIds,
	// so that an imported world goes on drawing where the exported one
	// stopped; absent in files written before it existed.
	IDSource []byte `json:",omitempty"`
	State    engine.State
}

// ExportState writes the whole world as JSON, with the position of the
// fake's ID source: the format of the server's -state file.
func (f *Fake) ExportState(w io.Writer) error {
	pos, err := f.ids.MarshalBinary()
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(stateFile{FormatVersion: stateFormatVersion, IDSource: pos, State: f.store.Dump()})
}

// ImportState replaces the whole world with one ExportState wrote, and moves
// the fake's ID source to where the exporting fake's was: the same calls then
// draw the same IDs as they would have there. On error the world is unchanged.
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
	if len(sf.IDSource) > 0 {
		// Checked on a scratch source first, so that a bad position leaves
		// everything as it was.
		if err := model.NewIDSource(0).UnmarshalBinary(sf.IDSource); err != nil {
			return fmt.Errorf("slbfake: state ID source: %w", err)
		}
	}
	if err := f.store.Load(sf.State); err != nil {
		return err
	}
	if len(sf.IDSource) > 0 {
		return f.ids.UnmarshalBinary(sf.IDSource)
	}
	return nil
}
