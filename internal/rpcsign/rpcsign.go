// Package rpcsign signs Alibaba Cloud RPC requests the way the documentation
// describes it, with RFC 3986 percent-encoding: Signature V1 (HMAC-SHA1
// parameters, Signature) and Signature V3 (ACS3-HMAC-SHA256 Authorization
// header, SignV3). It exists for slbfake's own tests: written apart from the
// fake's verifiers (which build the strings to sign as the SDKs do), so that
// the two check each other. Each is anchored to the documentation's worked
// example.
package rpcsign

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"sort"
	"strings"
	"time"
)

// PercentEncode is the RFC 3986 encoding of the signature documentation:
// unreserved characters as they are, every other byte as %XX.
func PercentEncode(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// Common returns the common parameters of a signed request (without
// Signature): JSON format, HMAC-SHA1, the given key, nonce and time.
func Common(accessKeyId, nonce string, now time.Time) map[string]string {
	return map[string]string{
		"AccessKeyId": accessKeyId, "Format": "JSON", "SignatureMethod": "HMAC-SHA1",
		"SignatureVersion": "1.0", "SignatureNonce": nonce, "SignatureType": "",
		"Timestamp": now.UTC().Format("2006-01-02T15:04:05Z"),
	}
}

// Signature returns the Signature V1 of params (every parameter but
// Signature) for an HTTP method and a secret.
func Signature(method string, params map[string]string, secret string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	pairs := make([]string, len(keys))
	for i, k := range keys {
		pairs[i] = PercentEncode(k) + "=" + PercentEncode(params[k])
	}
	sts := method + "&" + PercentEncode("/") + "&" + PercentEncode(strings.Join(pairs, "&"))
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(sts))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
