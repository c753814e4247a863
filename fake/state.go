package fake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/internal/jsontok"
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
// fake's ID source: the format of the server's -state file. It streams: the
// world is read from one snapshot and written table by table, row by row
// (engine.Store.EncodeState), never copied whole; the output is the
// indented JSON of a stateFile.
func (f *Fake) ExportState(w io.Writer) error {
	pos, err := f.ids.MarshalBinary()
	if err != nil {
		return err
	}
	// The fields before State, as json.Encoder.SetIndent("", "  ") writes
	// a stateFile.
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\n  \"FormatVersion\": %d", stateFormatVersion)
	if len(pos) > 0 {
		id, err := json.Marshal(pos)
		if err != nil {
			return err
		}
		b.WriteString(",\n  \"IDSource\": ")
		b.Write(id)
	}
	b.WriteString(",\n  \"State\": ")
	if _, err := w.Write(b.Bytes()); err != nil {
		return err
	}
	if err := f.store.EncodeState(w, "  ", "  "); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n}\n")
	return err
}

// ImportState replaces the whole world with one ExportState wrote, and moves
// the fake's ID source to where the exporting fake's was: the same calls then
// draw the same IDs as they would have there. The input must be one JSON
// object of the export format and nothing after it but white space (unknown
// fields and trailing data are refused), and its world must keep the world's
// invariants (engine.Store.Validate: references exist, statuses, types and
// weights are valid, addresses lie in their vSwitch and are unique, no LB is
// above this fake's backend quota). On error the world is unchanged.
//
// It streams: the rows are decoded one by one into the records the world
// keeps, checked and built into a database of their own while the rest is
// read (engine.Store.DecodeState), which then replaces the world's at once;
// the input is never held whole.
func (f *Fake) ImportState(r io.Reader) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	sf, st, err := decodeStateFile(dec, f.store)
	if err == nil {
		err = endOfInput(dec)
	}
	if err != nil {
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
	if err := f.store.LoadDecoded(st); err != nil {
		return err
	}
	if len(sf.IDSource) > 0 {
		return f.ids.UnmarshalBinary(sf.IDSource)
	}
	return nil
}

// decodeStateFile reads a stateFile's JSON object from dec, as decodeStrict
// would (keys matched regardless of case, unknown ones refused), with its
// State read row by row, checked and built by store (Store.DecodeState). A
// missing State is an empty world.
func decodeStateFile(dec *json.Decoder, store *engine.Store) (stateFile, *engine.DecodedState, error) {
	var sf stateFile
	var st *engine.DecodedState // none: an empty world
	tok, err := dec.Token()
	if err != nil {
		return sf, nil, err
	}
	if tok == nil { // null: a zero stateFile, as encoding/json decodes it
		return sf, nil, nil
	}
	if tok != json.Delim('{') {
		return sf, nil, fmt.Errorf("json: cannot unmarshal %s into Go value of type fake.stateFile", jsontok.Kind(tok))
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return sf, nil, jsontok.UnexpectedEOF(err)
		}
		key, _ := tok.(string)
		switch {
		case strings.EqualFold(key, "FormatVersion"):
			err = dec.Decode(&sf.FormatVersion)
		case strings.EqualFold(key, "IDSource"):
			err = dec.Decode(&sf.IDSource)
		case strings.EqualFold(key, "State"):
			st, err = store.DecodeState(dec)
		default:
			err = fmt.Errorf("json: unknown field %q", key)
		}
		if err != nil {
			return sf, nil, jsontok.UnexpectedEOF(err)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return sf, nil, jsontok.UnexpectedEOF(err)
	}
	return sf, st, nil
}

// decodeStrict decodes exactly one JSON value from r into v: unknown fields
// are refused, and so is anything but white space after the value.
func decodeStrict(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	return endOfInput(dec)
}

// endOfInput checks that nothing but white space follows the value dec read.
func endOfInput(dec *json.Decoder) error {
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("more than one JSON value")
		}
		return fmt.Errorf("trailing data after the JSON value: %w", err)
	}
	return nil
}
