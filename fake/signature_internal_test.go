package fake

import (
	"testing"

	"github.com/slbfake/slbfake/internal/rpcsign"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestSignatureV1AgreesWithTheDocumentedSigner: for any parameters, the
// fake's Signature V1 of them is the one internal/rpcsign (written from the
// documentation, apart from the fake) computes.
func TestSignatureV1AgreesWithTheDocumentedSigner(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		params := rapid.MapOf(rapid.StringN(0, 8, -1), rapid.String()).Draw(t, "params")
		method := rapid.SampledFrom([]string{"GET", "POST"}).Draw(t, "method")
		require.Equal(t, rpcsign.Signature(method, params, "secret"), sign(stringToSign(method, params), "secret"))
	})
}
