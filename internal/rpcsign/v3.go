package rpcsign

// Signature V3 (ACS3-HMAC-SHA256), written from Alibaba Cloud's "Request
// syntax and signature method V3" documentation
// (https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature):
//
//	CanonicalRequest = HTTPRequestMethod '\n' CanonicalURI '\n' CanonicalQueryString '\n'
//	                   CanonicalHeaders '\n' SignedHeaders '\n' HashedRequestPayload
//	StringToSign     = SignatureAlgorithm '\n' HexEncode(Hash(CanonicalRequest))
//	Signature        = HexEncode(HMAC-SHA256(AccessKeySecret, StringToSign))
//	Authorization    = SignatureAlgorithm ' Credential=' AccessKeyId ',SignedHeaders=' SignedHeaders ',Signature=' Signature
//
// CanonicalURI is "/" for RPC APIs. CanonicalQueryString: parameters sorted
// by name, names and values percent-encoded per RFC 3986 (PercentEncode),
// joined as name=value with "&", a parameter without value as "name=".
// CanonicalHeaders: every x-acs-* header, host and content-type, names in
// lower case, sorted, values trimmed, each as "name:value\n"; several values
// of one header are trimmed, sorted and joined with ",". SignedHeaders: those
// names joined with ";". HashedRequestPayload: lower-case hex SHA-256 of the
// body (of the empty string when there is none), which is also the value of
// the x-acs-content-sha256 header. The HMAC key is the secret alone (no "&"
// suffix, unlike Signature V1).

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sort"
	"strings"
	"time"
)

// AlgorithmV3 is the only signature algorithm V3 requests use here.
const AlgorithmV3 = "ACS3-HMAC-SHA256"

// DateLayoutV3 is the format of the x-acs-date header (ISO 8601, UTC,
// seconds, literal Z).
const DateLayoutV3 = "2006-01-02T15:04:05Z"

// HexSHA256 is the lower-case hex SHA-256 of b: HashedRequestPayload and the
// value of x-acs-content-sha256.
func HexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// HeadersV3 returns the common headers of an RPC-style V3 request, before
// signing: host, x-acs-action, x-acs-version, x-acs-date (now, in UTC) and
// x-acs-signature-nonce. SignV3 adds x-acs-content-sha256.
func HeadersV3(host, action, version, nonce string, now time.Time) map[string]string {
	return map[string]string{
		"host":                  host,
		"x-acs-action":          action,
		"x-acs-version":         version,
		"x-acs-date":            now.UTC().Format(DateLayoutV3),
		"x-acs-signature-nonce": nonce,
	}
}

// RequestV3 is what a V3 signature covers.
type RequestV3 struct {
	// Method is the HTTP method in upper case, e.g. "POST".
	Method string
	// Query holds the query parameters, decoded (not percent-encoded).
	Query map[string]string
	// Headers are the request headers, names in any case. Headers that are
	// not x-acs-*, host or content-type (accept, user-agent) are sent but not
	// signed. When x-acs-content-sha256 is absent SignV3 adds it, computed
	// from Body; when present it is signed as given.
	Headers map[string]string
	// Body is the request body; nil or empty for none.
	Body []byte
	// Signed, when not nil, lists the (lower-case) names of the headers to
	// sign instead of the documented set; tests use it to leave a header out.
	Signed []string
}

// SignedV3 is the outcome of signing a request.
type SignedV3 struct {
	CanonicalQuery   string
	CanonicalHeaders string
	SignedHeaders    string
	HashedPayload    string
	CanonicalRequest string
	// HashedCanonicalRequest is hex SHA-256 of CanonicalRequest.
	HashedCanonicalRequest string
	StringToSign           string
	Signature              string
	Authorization          string
	// Headers are the headers to send: the request's, with names in lower
	// case, x-acs-content-sha256 and authorization added.
	Headers map[string]string
}

// CanonicalQueryV3 is the documentation's CanonicalQueryString of query.
func CanonicalQueryV3(query map[string]string) string {
	type pair struct{ k, v string }
	pairs := make([]pair, 0, len(query))
	for k, v := range query {
		pairs = append(pairs, pair{PercentEncode(k), PercentEncode(v)})
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = p.k + "=" + p.v
	}
	return strings.Join(parts, "&")
}

// signedByDefault reports whether the documentation requires a header of this
// (lower-case) name to be signed.
func signedByDefault(name string) bool {
	return strings.HasPrefix(name, "x-acs-") || name == "host" || name == "content-type"
}

// SignV3 signs r with the key pair and returns every intermediate value.
func SignV3(r RequestV3, accessKeyId, secret string) SignedV3 {
	headers := map[string][]string{}
	for name, value := range r.Headers {
		lower := strings.ToLower(name)
		headers[lower] = append(headers[lower], value)
	}
	payload := HexSHA256(r.Body)
	if _, ok := headers["x-acs-content-sha256"]; !ok {
		headers["x-acs-content-sha256"] = []string{payload}
	}

	var names []string
	if r.Signed != nil {
		for _, n := range r.Signed {
			names = append(names, strings.ToLower(n))
		}
	} else {
		for n := range headers {
			if signedByDefault(n) {
				names = append(names, n)
			}
		}
	}
	sort.Strings(names)

	var canonicalHeaders strings.Builder
	for _, n := range names {
		values := make([]string, len(headers[n]))
		for i, v := range headers[n] {
			values[i] = strings.TrimSpace(v)
		}
		sort.Strings(values)
		canonicalHeaders.WriteString(n + ":" + strings.Join(values, ",") + "\n")
	}

	out := SignedV3{
		CanonicalQuery:   CanonicalQueryV3(r.Query),
		CanonicalHeaders: canonicalHeaders.String(),
		SignedHeaders:    strings.Join(names, ";"),
		HashedPayload:    payload,
	}
	out.CanonicalRequest = strings.ToUpper(r.Method) + "\n/\n" + out.CanonicalQuery + "\n" +
		out.CanonicalHeaders + "\n" + out.SignedHeaders + "\n" + out.HashedPayload
	out.HashedCanonicalRequest = HexSHA256([]byte(out.CanonicalRequest))
	out.StringToSign = AlgorithmV3 + "\n" + out.HashedCanonicalRequest
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(out.StringToSign))
	out.Signature = hex.EncodeToString(mac.Sum(nil))
	out.Authorization = AlgorithmV3 + " Credential=" + accessKeyId + ",SignedHeaders=" + out.SignedHeaders + ",Signature=" + out.Signature

	out.Headers = map[string]string{}
	for n, vs := range headers {
		out.Headers[n] = strings.Join(vs, ",")
	}
	out.Headers["authorization"] = out.Authorization
	return out
}

// Apply puts the signed headers on an outgoing request: every header of
// s.Headers (host as req.Host) and the query as req.URL.RawQuery. The body is
// the caller's to set.
func (s SignedV3) Apply(req *http.Request) {
	for n, v := range s.Headers {
		if n == "host" {
			req.Host = v
			continue
		}
		req.Header.Set(n, v)
	}
	req.URL.RawQuery = s.CanonicalQuery
}
