package model

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestFormatUUIDIsFmts: the RequestId layout written by hand is fmt's.
func TestFormatUUIDIsFmts(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		hi, lo := rapid.Uint64().Draw(t, "hi"), rapid.Uint64().Draw(t, "lo")
		require.Equal(t, fmt.Sprintf("%08X-%04X-%04X-%04X-%012X", hi>>32, (hi>>16)&0xffff, hi&0xffff, lo>>48, lo&0xffffffffffff),
			formatUUID(hi, lo))
	})
}
