package fake

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"slices"
	"sync"
)

// stringToSign builds Signature V1's string to sign exactly as the Go SDK
// does (sdk/auth/rpc_signature_composer.go): every parameter but Signature,
// empty ones included, sorted by name and percent-encoded as RFC 3986 says
// (the SDK's url.Values.Encode with +, * and %7E rewritten comes to the
// same), then encoded once more behind METHOD&%2F&.
func stringToSign(method string, params map[string]string) string {
	return string(appendStringToSign(nil, method, params))
}

// appendStringToSign appends stringToSign's string to b, grown once to its
// final length.
func appendStringToSign(b []byte, method string, params map[string]string) []byte {
	var small [32]string
	keys := small[:0]
	size := len(method) + 5
	for k, v := range params {
		if k != "Signature" {
			keys = append(keys, k)
			size += encodedTwiceLen(k) + 3 + encodedTwiceLen(v) + 3
		}
	}
	slices.Sort(keys)
	b = slices.Grow(b, size)
	// One pass writes the final form: the canonical string, encoded once
	// more, is each name and value encoded twice (a byte that is not
	// unreserved becomes %25XX) joined by %3D and %26.
	b = append(b, method...)
	b = append(b, "&%2F&"...)
	for i, k := range keys {
		if i > 0 {
			b = append(b, "%26"...)
		}
		b = appendPercentEncodedTwice(b, k)
		b = append(b, "%3D"...)
		b = appendPercentEncodedTwice(b, params[k])
	}
	return b
}

// encodedTwiceLen is the length of s percent-encoded twice.
func encodedTwiceLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n += 4
		}
	}
	return n
}

// appendPercentEncodedTwice appends s percent-encoded as RFC 3986 says
// (unreserved bytes as they are, every other as %XX), and that encoded once
// more.
func appendPercentEncodedTwice(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', '2', '5', hex[c>>4], hex[c&15])
	}
	return b
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

// keySigner checks the signatures made with one secret, V1 and V3. It
// keeps HMAC states keyed with the secret, and buffers for the V1 string to
// sign, in pools: checking a request costs no key schedule and few
// allocations.
type keySigner struct {
	v1 sync.Pool // of *v1Scratch
	v3 sync.Pool // of hash.Hash: HMAC-SHA256 keyed by the secret
}

type v1Scratch struct {
	mac hash.Hash
	sts []byte
}

// maxPooledStringToSign bounds the buffer a scratch keeps between requests
// (a request's string to sign may be larger; its buffer is then dropped).
const maxPooledStringToSign = 16 << 10

func newKeySigner(secret string) *keySigner {
	s := &keySigner{}
	s.v1.New = func() any { return &v1Scratch{mac: hmac.New(sha1.New, []byte(secret+"&"))} }
	s.v3.New = func() any { return hmac.New(sha256.New, []byte(secret)) }
	return s
}

// verifyV1 reports whether got is the Signature V1 of the request's string
// to sign (stringToSign); when it is not, it also returns that string, which
// the error shows.
func (s *keySigner) verifyV1(method string, params map[string]string, got string) (ok bool, sts string) {
	sc := s.v1.Get().(*v1Scratch)
	defer func() {
		if cap(sc.sts) > maxPooledStringToSign {
			sc.sts = nil
		}
		s.v1.Put(sc)
	}()
	sc.sts = appendStringToSign(sc.sts[:0], method, params)
	sc.mac.Reset()
	sc.mac.Write(sc.sts)
	var sum [sha1.Size]byte
	var want [28]byte // base64.StdEncoding.EncodedLen(sha1.Size)
	base64.StdEncoding.Encode(want[:], sc.mac.Sum(sum[:0]))
	if subtle.ConstantTimeCompare(want[:], []byte(got)) == 1 {
		return true, ""
	}
	return false, string(sc.sts)
}

// signV3 is v3Sign with the key's secret.
func (s *keySigner) signV3(stringToSign string) string {
	mac := s.v3.Get().(hash.Hash)
	defer s.v3.Put(mac)
	mac.Reset()
	mac.Write([]byte(stringToSign))
	var sum [sha256.Size]byte
	var out [2 * sha256.Size]byte
	hex.Encode(out[:], mac.Sum(sum[:0]))
	return string(out[:])
}

// signatureMatches compares signatures in constant time.
func signatureMatches(want, got string) bool {
	return subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}
