package jsontok

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestKindNamesAsEncodingJSONDoes(t *testing.T) {
	for text, want := range map[string]string{`[1]`: "array", `{"a":1}`: "object", `"s"`: "string", `true`: "bool", `1.5`: "number"} {
		tok, err := json.NewDecoder(strings.NewReader(text)).Token()
		require.NoError(t, err)
		require.Equal(t, want, Kind(tok), text)
		var into struct{ X int }
		if want != "object" { // encoding/json names the same kind in its error
			require.ErrorContains(t, json.Unmarshal([]byte(text), &into), "cannot unmarshal "+want, text)
		}
	}
	require.Equal(t, "number", Kind(json.Number("7")))
	require.Equal(t, "<nil>", Kind(nil))
}

func TestUnexpectedEOF(t *testing.T) {
	require.Equal(t, io.ErrUnexpectedEOF, UnexpectedEOF(io.EOF))
	other := errors.New("other")
	require.Equal(t, other, UnexpectedEOF(other))
	require.NoError(t, UnexpectedEOF(nil))
}
