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
		want := rpcsign.Signature(method, params, "secret")
		require.Equal(t, want, sign(stringToSign(method, params), "secret"))
		// The pooled signer accepts that signature, and refuses another
		// (the same with one character changed) with the string to sign.
		signer := newV1Signer("secret")
		for range 2 { // the second time with a reused HMAC state and buffer
			ok, sts := signer.verify(method, params, want)
			require.True(t, ok)
			require.Empty(t, sts)
		}
		bad := []byte(want)
		bad[0] ^= 1
		ok, sts := signer.verify(method, params, string(bad))
		require.False(t, ok)
		require.Equal(t, stringToSign(method, params), sts)
		ok, _ = newV1Signer("other").verify(method, params, want)
		require.False(t, ok)
	})
}
