package fake

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"net/url"
	"strings"
)

// stringToSign builds Signature V1's string to sign exactly as the Go SDK
// does (sdk/auth/rpc_signature_composer.go): every parameter but Signature,
// empty ones included, sorted and form-encoded, with +, * and %7E rewritten
// to the RFC 3986 forms, then escaped once more behind METHOD&%2F&.
func stringToSign(method string, params map[string]string) string {
	values := url.Values{}
	for k, v := range params {
		if k != "Signature" {
			values.Set(k, v)
		}
	}
	canonical := values.Encode()
	canonical = strings.ReplaceAll(canonical, "+", "%20")
	canonical = strings.ReplaceAll(canonical, "*", "%2A")
	canonical = strings.ReplaceAll(canonical, "%7E", "~")
	return method + "&%2F&" + url.QueryEscape(canonical)
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
