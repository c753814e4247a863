package fake_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/stretchr/testify/require"
)

// ExportState streams, and writes what encoding the whole stateFile at once
// (json.Encoder, two-space indentation) wrote before it did, byte for byte.
func TestExportStateWritesTheIndentedStateFile(t *testing.T) {
	t.Parallel()
	for name, f := range map[string]*fake.Fake{"a world": newStateWorld(t).f, "an empty world": fake.New()} {
		t.Run(name, func(t *testing.T) {
			got, e := exportOf(t, f)
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			require.NoError(t, enc.Encode(exported{FormatVersion: e.FormatVersion, IDSource: e.IDSource, State: f.State()}))
			require.Equal(t, want.String(), string(got))
		})
	}
}

// The import streams its input: a truncated file, or one whose State is
// not an object, is refused as unreadable, and a missing State is an empty
// world.
func TestImportStateReadsTheStateFileAsJSONDoes(t *testing.T) {
	t.Parallel()
	src := newStateWorld(t)
	raw, _ := exportOf(t, src.f)
	dst := newWorld(t)
	dst.classic()
	for text, want := range map[string]string{
		string(raw[:len(raw)/2]):                  "slbfake: read state: unexpected EOF",
		`{"FormatVersion":1,"State":[]}`:          "cannot unmarshal array into Go value of type engine.State",
		`{"FormatVersion":1,"State":{"Vpcs":{}}}`: "cannot unmarshal object into Go struct field State.Vpcs",
		`[1]`:  "slbfake: read state: json: cannot unmarshal array into Go value of type fake.stateFile",
		`null`: "slbfake: state format 0, want 1",
	} {
		err := dst.unchanged(func() error { return dst.f.ImportState(strings.NewReader(text)) })
		require.ErrorContains(t, err, want, "%.40s", text)
	}
	// Keys match regardless of case, as encoding/json matches them.
	require.NoError(t, dst.f.ImportState(strings.NewReader(strings.Replace(string(raw), `"State"`, `"state"`, 1))))
	require.Equal(t, src.f.State(), dst.f.State())
	require.NoError(t, dst.f.ImportState(strings.NewReader(`{"FormatVersion":1}`)))
	require.Empty(t, dst.f.State().Instances)
}
