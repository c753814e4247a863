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
		signer := newKeySigner("secret")
		for range 2 { // the second time with a reused HMAC state and buffer
			ok, sts := signer.verifyV1(method, params, want)
			require.True(t, ok)
			require.Empty(t, sts)
		}
		bad := []byte(want)
		bad[0] ^= 1
		ok, sts := signer.verifyV1(method, params, string(bad))
		require.False(t, ok)
		require.Equal(t, stringToSign(method, params), sts)
		ok, _ = newKeySigner("other").verifyV1(method, params, want)
		require.False(t, ok)
	})
}

// TestPooledV3SignatureIsV3Sign: a key's pooled HMAC-SHA256 signs as v3Sign
// does, used again as well as fresh.
func TestPooledV3SignatureIsV3Sign(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		secret := rapid.String().Draw(t, "secret")
		signer := newKeySigner(secret)
		for range 2 {
			sts := rapid.String().Draw(t, "stringToSign")
			require.Equal(t, v3Sign(secret, sts), signer.signV3(sts))
		}
	})
}
