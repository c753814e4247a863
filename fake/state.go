package fake

import (
	"encoding/json"
	"errors"
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
// draw the same IDs as they would have there. The input must be one JSON
// object of the export format and nothing after it but white space (unknown
// fields and trailing data are refused), and its world must keep the world's
// invariants (engine.Store.Validate: references exist, statuses, types and
// weights are valid, addresses lie in their vSwitch and are unique, no LB is
// above this fake's backend quota). On error the world is unchanged.
func (f *Fake) ImportState(r io.Reader) error {
	var sf stateFile
	if err := decodeStrict(r, &sf); err != nil {
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

// decodeStrict decodes exactly one JSON value from r into v: unknown fields
// are refused, and so is anything but white space after the value.
func decodeStrict(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("more than one JSON value")
		}
		return fmt.Errorf("trailing data after the JSON value: %w", err)
	}
	return nil
}
