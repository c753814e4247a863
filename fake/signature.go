package fake

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"sort"
	"strings"
)

// stringToSign builds Signature V1's string to sign exactly as the Go SDK
// does (sdk/auth/rpc_signature_composer.go): every parameter but Signature,
// empty ones included, sorted by name and percent-encoded as RFC 3986 says
// (the SDK's url.Values.Encode with +, * and %7E rewritten comes to the
// same), then encoded once more behind METHOD&%2F&.
func stringToSign(method string, params map[string]string) string {
	keys := make([]string, 0, len(params))
	size := len(method) + 5
	for k, v := range params {
		if k != "Signature" {
			keys = append(keys, k)
			size += 3*(len(k)+len(v)) + 6
		}
	}
	sort.Strings(keys)
	// One pass writes the final form: the canonical string, encoded once
	// more, is each name and value encoded twice (a byte that is not
	// unreserved becomes %25XX) joined by %3D and %26.
	var out strings.Builder
	out.Grow(size)
	out.WriteString(method)
	out.WriteString("&%2F&")
	for i, k := range keys {
		if i > 0 {
			out.WriteString("%26")
		}
		percentEncodeTwice(&out, k)
		out.WriteString("%3D")
		percentEncodeTwice(&out, params[k])
	}
	return out.String()
}

// percentEncodeTwice writes s percent-encoded as RFC 3986 says (unreserved
// bytes as they are, every other as %XX), and that encoded once more.
func percentEncodeTwice(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%25")
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}

// unreserved reports whether RFC 3986 leaves c as it is: A-Z a-z 0-9 - _ . ~.
func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
}

// sign returns the Signature V1 (HMAC-SHA1, key secret+"&") of a string to sign.
func sign(stringToSign, secret string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// signatureMatches compares signatures in constant time.
func signatureMatches(want, got string) bool {
	return subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}
