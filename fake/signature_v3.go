package fake

// Signature V3 (ACS3-HMAC-SHA256), the fake's side: parsing the
// Authorization header, the stateless gateway checks, and the signature
// computed the way the V2.0 clients compute it (darabonba-openapi/v2
// utils.GetAuthorization and its getCanonicalQueryString /
// getCanonicalHeaders; @alicloud/openapi-core OpenApiUtil.getAuthorization):
//
//	CanonicalRequest = METHOD '\n' '/' '\n' CanonicalQuery '\n' CanonicalHeaders '\n' SignedHeaders '\n' HexSHA256(body)
//	StringToSign     = "ACS3-HMAC-SHA256" '\n' HexSHA256(CanonicalRequest)
//	Signature        = hex(HMAC-SHA256(key = AccessKeySecret, StringToSign))
//
// Everything here is pure: no clock, no key table, no nonce cache, no
// model.Error. Problems come back as *v3Error carrying a v3Problem, which the
// wire handler maps to catalogue entries. The clock (x-acs-date skew), the
// nonce, the key, the security token and the order of those checks are the
// wire handler's.
//
// Header names are matched case-insensitively by walking the header map:
// darabonba's Go runtime sets lower-case keys straight into http.Header
// (req.Header["x-acs-date"] = …), so on the in-process RoundTripper path
// Header.Get("X-Acs-Date") finds nothing. Over a real connection the server
// canonicalises the names; both shapes work here.

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"
)

const (
	// v3Algorithm is the one V3 algorithm the fake verifies.
	v3Algorithm = "ACS3-HMAC-SHA256"
	// v3DateLayout is the x-acs-date format (ISO 8601 UTC, seconds, literal Z).
	v3DateLayout = "2006-01-02T15:04:05Z"
	// v3CanonicalURI is the CanonicalURI of every RPC-style request.
	v3CanonicalURI = "/"
)

// The V3 headers the checks look at, in lower case.
const (
	v3HeaderAuthorization       = "authorization"
	v3HeaderHost                = "host"
	v3HeaderContentType         = "content-type"
	v3HeaderAction              = "x-acs-action"
	v3HeaderVersion             = "x-acs-version"
	v3HeaderDate                = "x-acs-date"
	v3HeaderNonce               = "x-acs-signature-nonce"
	v3HeaderContentSHA256       = "x-acs-content-sha256"
	v3HeaderSecurityToken       = "x-acs-security-token"
	v3HeaderAccessKeyID         = "x-acs-accesskey-id"
	v3HeaderCredentialsProvider = "x-acs-credentials-provider"
)

// v3Problem says what is wrong with a V3 request.
type v3Problem int

const (
	// v3MalformedAuthorization: the Authorization header is not
	// "ACS3-… Credential=<id>,SignedHeaders=<a;b>,Signature=<sig>" (a part
	// missing, empty, repeated or unknown; several Authorization headers).
	v3MalformedAuthorization v3Problem = iota + 1
	// v3UnsupportedAlgorithm: an ACS3 algorithm other than ACS3-HMAC-SHA256
	// (ACS3-HMAC-SM3, ACS3-RSA-SHA256).
	v3UnsupportedAlgorithm
	// v3MissingHeader: a header every V3 request carries is absent or empty
	// (v3Error.Header names it). For x-acs-action and x-acs-version only when
	// the query has no Action / Version either.
	v3MissingHeader
	// v3UnsignedHeader: SignedHeaders leaves out host, content-type (when
	// sent) or an x-acs-* header that was sent (v3Error.Header names the
	// first, in sorted order). The documentation's IncompleteSignature.
	v3UnsignedHeader
	// v3MalformedDate: x-acs-date is not 2006-01-02T15:04:05Z.
	v3MalformedDate
	// v3ContentSHA256Mismatch: x-acs-content-sha256 is not the hex SHA-256
	// of the body received.
	v3ContentSHA256Mismatch
	// v3MalformedQuery: the query string does not decode.
	v3MalformedQuery
	// v3SignatureMismatch: the signature is not the one computed with the
	// key's secret (v3Error.Detail holds the server's string to sign).
	v3SignatureMismatch
)

var v3ProblemNames = map[v3Problem]string{
	v3MalformedAuthorization: "malformed Authorization",
	v3UnsupportedAlgorithm:   "unsupported signature algorithm",
	v3MissingHeader:          "missing header",
	v3UnsignedHeader:         "header not signed",
	v3MalformedDate:          "malformed x-acs-date",
	v3ContentSHA256Mismatch:  "x-acs-content-sha256 does not match the body",
	v3MalformedQuery:         "malformed query",
	v3SignatureMismatch:      "signature mismatch",
}

func (p v3Problem) String() string {
	if s, ok := v3ProblemNames[p]; ok {
		return s
	}
	return "unknown V3 problem"
}

// v3Error is a V3 check's failure.
type v3Error struct {
	Problem v3Problem
	// Header is the header concerned, in lower case, when there is one.
	Header string
	// Detail is free text (for v3SignatureMismatch, the server's string to
	// sign).
	Detail string
}

func (e *v3Error) Error() string {
	s := "signature v3: " + e.Problem.String()
	if e.Header != "" {
		s += " (" + e.Header + ")"
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// v3Authorization is a parsed Authorization header.
type v3Authorization struct {
	// Algorithm is the scheme, "ACS3-HMAC-SHA256".
	Algorithm string
	// Credential is the AccessKeyId.
	Credential string
	// SignedHeaders are the signed header names, lower-cased, sorted and
	// without duplicates (the order the canonical request uses).
	SignedHeaders []string
	// Signature is the hex signature as sent.
	Signature string
}

// v3Request is what the V3 checks read from an HTTP request: the fields of
// *http.Request they need and the body, read once by the caller.
type v3Request struct {
	Method   string
	RawQuery string
	// Host is the request's Host (r.Host; r.URL.Host when that is empty).
	Host   string
	Header http.Header
	Body   []byte
	// twoForms: every header key is in canonical form (X-Acs-Date, as
	// net/http reads them) or in lower case (x-acs-date, as the V2.0 SDKs
	// hand them over in process), so that a name's values are under those
	// two keys and no other.
	twoForms bool
}

// v3RequestOf takes what the checks need from r; body is r's body, already
// read (the checks never read r.Body).
func v3RequestOf(r *http.Request, body []byte) v3Request {
	q := v3Request{Method: r.Method, Host: r.Host, Header: r.Header, Body: body, twoForms: true}
	if r.URL != nil {
		q.RawQuery = r.URL.RawQuery
		if q.Host == "" {
			q.Host = r.URL.Host
		}
	}
	for k := range q.Header {
		if !isLowerASCII(k) && textproto.CanonicalMIMEHeaderKey(k) != k {
			q.twoForms = false
			break
		}
	}
	return q
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return false
		}
	}
	return true
}

// v3CanonicalKeys are the canonical forms of the header names the checks
// read.
var v3CanonicalKeys = map[string]string{
	v3HeaderAuthorization: "Authorization", v3HeaderHost: "Host", v3HeaderContentType: "Content-Type",
	v3HeaderAction: "X-Acs-Action", v3HeaderVersion: "X-Acs-Version", v3HeaderDate: "X-Acs-Date",
	v3HeaderNonce: "X-Acs-Signature-Nonce", v3HeaderContentSHA256: "X-Acs-Content-Sha256",
	v3HeaderSecurityToken: "X-Acs-Security-Token", v3HeaderAccessKeyID: "X-Acs-Accesskey-Id",
	v3HeaderCredentialsProvider: "X-Acs-Credentials-Provider",
}

// values returns the values of the header name (lower case), matched
// case-insensitively. host is the request's Host when it has one. The
// slice may be the header's own: do not modify it.
func (q v3Request) values(name string) []string {
	if name == v3HeaderHost && q.Host != "" {
		return []string{q.Host}
	}
	if q.twoForms {
		canonical, ok := v3CanonicalKeys[name]
		if !ok {
			canonical = textproto.CanonicalMIMEHeaderKey(name)
		}
		lower := q.Header[name]
		if canonical == name {
			return lower
		}
		upper := q.Header[canonical]
		switch {
		case len(lower) == 0:
			return upper
		case len(upper) == 0:
			return lower
		}
		return append(slices.Clip(lower), upper...)
	}
	var out []string
	for k, vs := range q.Header {
		if strings.EqualFold(k, name) {
			out = append(out, vs...)
		}
	}
	return out
}

// get returns the header's first value, trimmed; "" when absent.
func (q v3Request) get(name string) string {
	if vs := q.values(name); len(vs) > 0 {
		return strings.TrimSpace(vs[0])
	}
	return ""
}

// headerNames returns the lower-case names of the headers sent, host
// included, sorted, without duplicates.
func (q v3Request) headerNames() []string {
	seen := map[string]bool{}
	if q.Host != "" {
		seen[v3HeaderHost] = true
	}
	for k := range q.Header {
		seen[strings.ToLower(k)] = true
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// isV3Request reports whether h carries a Signature V3 Authorization header
// (any "ACS3-" scheme, so that an unsupported ACS3 algorithm is refused as
// V3 rather than taken for a V1 request).
func isV3Request(h http.Header) bool {
	for k, vs := range h {
		if strings.EqualFold(k, v3HeaderAuthorization) {
			for _, v := range vs {
				if strings.HasPrefix(strings.TrimSpace(v), "ACS3-") {
					return true
				}
			}
		}
	}
	return false
}

// parseV3Authorization parses
// "ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b;c>,Signature=<hex>".
// Spaces around the parts are tolerated (the clients send none).
func parseV3Authorization(value string) (v3Authorization, error) {
	bad := &v3Error{Problem: v3MalformedAuthorization, Header: v3HeaderAuthorization}
	value = strings.TrimSpace(value)
	scheme, rest, ok := strings.Cut(value, " ")
	if !ok || !strings.HasPrefix(scheme, "ACS3-") {
		return v3Authorization{}, bad
	}
	if scheme != v3Algorithm {
		return v3Authorization{}, &v3Error{Problem: v3UnsupportedAlgorithm, Header: v3HeaderAuthorization, Detail: scheme}
	}
	parts := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || v == "" {
			return v3Authorization{}, bad
		}
		switch k {
		case "Credential", "SignedHeaders", "Signature":
		default:
			return v3Authorization{}, bad
		}
		if _, dup := parts[k]; dup {
			return v3Authorization{}, bad
		}
		parts[k] = v
	}
	if len(parts) != 3 {
		return v3Authorization{}, bad
	}
	seen := map[string]bool{}
	var signed []string
	for _, n := range strings.Split(parts["SignedHeaders"], ";") {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			return v3Authorization{}, bad
		}
		if !seen[n] {
			seen[n] = true
			signed = append(signed, n)
		}
	}
	sort.Strings(signed)
	return v3Authorization{Algorithm: scheme, Credential: parts["Credential"], SignedHeaders: signed, Signature: parts["Signature"]}, nil
}

// v3AuthorizationOf finds and parses q's one Authorization header.
func v3AuthorizationOf(q v3Request) (v3Authorization, error) {
	vs := q.values(v3HeaderAuthorization)
	if len(vs) != 1 {
		return v3Authorization{}, &v3Error{Problem: v3MalformedAuthorization, Header: v3HeaderAuthorization}
	}
	return parseV3Authorization(vs[0])
}

// v3PercentEncode is RFC 3986 percent-encoding: A-Z a-z 0-9 - _ . ~ as they
// are, every other byte as %XX (upper-case hex). It is what url.QueryEscape
// followed by the clients' "+"→"%20", "*"→"%2A", "%7E"→"~" gives. A string
// with nothing to encode comes back as it is.
func v3PercentEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	reserved := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			reserved++
		}
	}
	if reserved == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2*reserved)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// v3CanonicalQuery decodes a raw query (form decoding: "+" is a space, as Go
// clients send it; Node clients send %20) and re-encodes it canonically:
// names and values RFC 3986-encoded, sorted bytewise by name then value,
// "name=value" joined with "&", an empty value as "name=". The clients do
// not encode names, the documentation does; RPC parameter names
// ([A-Za-z0-9.]) are the same either way. It reads the query as
// url.ParseQuery does (pairs split at &, a pair with a semicolon or a bad
// escape is malformed), without building its map.
func v3CanonicalQuery(rawQuery string) (string, error) {
	type pair struct{ k, v string }
	var small [16]pair
	pairs := small[:0]
	size := 0
	for raw := rawQuery; raw != ""; {
		var kv string
		kv, raw, _ = strings.Cut(raw, "&")
		if strings.Contains(kv, ";") {
			return "", v3MalformedQueryError(rawQuery)
		}
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, err1 := url.QueryUnescape(k)
		v, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return "", v3MalformedQueryError(rawQuery)
		}
		p := pair{v3PercentEncode(k), v3PercentEncode(v)}
		pairs = append(pairs, p)
		size += len(p.k) + len(p.v) + 2
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	var b strings.Builder
	b.Grow(size)
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.k)
		b.WriteByte('=')
		b.WriteString(p.v)
	}
	return b.String(), nil
}

// v3MalformedQueryError is the error of a query that does not decode, with
// url.ParseQuery's words for it.
func v3MalformedQueryError(rawQuery string) error {
	detail := "malformed query"
	if _, err := url.ParseQuery(rawQuery); err != nil {
		detail = err.Error()
	}
	return &v3Error{Problem: v3MalformedQuery, Detail: detail}
}

// v3CanonicalHeaders builds CanonicalHeaders for the signed names (lower
// case, sorted): "name:value\n" each, the values trimmed, several values of
// one header sorted and joined with ",". A signed header that was not sent
// contributes "name:\n".
func v3CanonicalHeaders(q v3Request, signed []string) string {
	var b strings.Builder
	for _, n := range signed {
		vs := q.values(n)
		trimmed := make([]string, len(vs))
		for i, v := range vs {
			trimmed[i] = strings.TrimSpace(v)
		}
		sort.Strings(trimmed)
		b.WriteString(n + ":" + strings.Join(trimmed, ",") + "\n")
	}
	return b.String()
}

// v3HexSHA256 is the lower-case hex SHA-256 of b.
func v3HexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// v3Computation is the server's side of a V3 signature, every step kept for
// error messages and tests.
type v3Computation struct {
	CanonicalQuery   string
	CanonicalHeaders string
	SignedHeaders    string
	HashedPayload    string
	CanonicalRequest string
	StringToSign     string
	Signature        string
}

// v3StringToSign is "ACS3-HMAC-SHA256\n" + hex SHA-256 of the canonical request.
func v3StringToSign(canonicalRequest string) string {
	return v3Algorithm + "\n" + v3HexSHA256([]byte(canonicalRequest))
}

// v3Sign is the lower-case hex HMAC-SHA256 of the string to sign, keyed by
// the secret alone.
func v3Sign(secret, stringToSign string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(stringToSign))
	return hex.EncodeToString(mac.Sum(nil))
}

// computeV3With rebuilds the canonical request of q from the signed header
// list of auth and signs its string to sign with sign (v3Sign with the key's
// secret). The payload hash is that of the body received (checkV3Request
// compares x-acs-content-sha256 with it).
func computeV3With(q v3Request, auth v3Authorization, sign func(stringToSign string) string) (v3Computation, error) {
	query, err := v3CanonicalQuery(q.RawQuery)
	if err != nil {
		return v3Computation{}, err
	}
	c := v3Computation{
		CanonicalQuery:   query,
		CanonicalHeaders: v3CanonicalHeaders(q, auth.SignedHeaders),
		SignedHeaders:    strings.Join(auth.SignedHeaders, ";"),
		HashedPayload:    v3HexSHA256(q.Body),
	}
	c.CanonicalRequest = q.Method + "\n" + v3CanonicalURI + "\n" + c.CanonicalQuery + "\n" +
		c.CanonicalHeaders + "\n" + c.SignedHeaders + "\n" + c.HashedPayload
	c.StringToSign = v3StringToSign(c.CanonicalRequest)
	c.Signature = sign(c.StringToSign)
	return c, nil
}

// verifyV3Signature computes q's signature with secret and compares it, in
// constant time, with the one auth carries: v3SignatureMismatch (Detail: the
// server's string to sign) when they differ.
func verifyV3Signature(q v3Request, auth v3Authorization, secret string) (v3Computation, error) {
	return verifyV3SignatureWith(q, auth, func(sts string) string { return v3Sign(secret, sts) })
}

// verifyV3SignatureWith is verifyV3Signature with the signature made by
// sign (v3Sign with the key's secret).
func verifyV3SignatureWith(q v3Request, auth v3Authorization, sign func(stringToSign string) string) (v3Computation, error) {
	c, err := computeV3With(q, auth, sign)
	if err != nil {
		return c, err
	}
	if subtle.ConstantTimeCompare([]byte(c.Signature), []byte(auth.Signature)) != 1 {
		return c, &v3Error{Problem: v3SignatureMismatch, Detail: c.StringToSign}
	}
	return c, nil
}

// v3RequiredSignedHeaders lists, sorted, the headers of q that SignedHeaders
// must name: host, content-type when sent, and every x-acs-* header sent.
func v3RequiredSignedHeaders(q v3Request) []string {
	var out []string
	for _, n := range q.headerNames() {
		if n == v3HeaderHost || n == v3HeaderContentType || strings.HasPrefix(n, "x-acs-") {
			out = append(out, n)
		}
	}
	return out
}

// v3UnsignedHeaders lists, sorted, the required headers that auth does not sign.
func v3UnsignedHeaders(q v3Request, auth v3Authorization) []string {
	signed := map[string]bool{}
	for _, n := range auth.SignedHeaders {
		signed[n] = true
	}
	var out []string
	for _, n := range v3RequiredSignedHeaders(q) {
		if !signed[n] {
			out = append(out, n)
		}
	}
	return out
}

// parseV3Date parses an x-acs-date value; the format is strict (UTC,
// seconds, literal Z; no fractional seconds, which time.Parse alone would
// accept). The skew against the fake's clock is the caller's.
func parseV3Date(s string) (time.Time, error) {
	t, err := time.Parse(v3DateLayout, s)
	if err != nil || t.Format(v3DateLayout) != s {
		return time.Time{}, &v3Error{Problem: v3MalformedDate, Header: v3HeaderDate, Detail: s}
	}
	return t, nil
}

// v3Envelope is what a V3 request says about itself outside its business
// parameters.
type v3Envelope struct {
	Auth v3Authorization
	// Action and Version come from x-acs-action / x-acs-version, or, when a
	// header is absent, from the query's Action / Version.
	Action, Version string
	// Date is x-acs-date parsed (UTC).
	Date time.Time
	// Nonce is x-acs-signature-nonce.
	Nonce string
	// ContentSHA256 is x-acs-content-sha256 as sent.
	ContentSHA256 string
	// SecurityToken is x-acs-security-token ("" without STS).
	SecurityToken string
	// AccessKeyID is x-acs-accesskey-id, sent beside the token by the
	// clients with STS credentials ("" otherwise). Credential is the key the
	// signature is checked with.
	AccessKeyID string
	// CredentialsProvider is x-acs-credentials-provider (static_ak, static_sts, …).
	CredentialsProvider string
}

// checkV3Request applies the V3 checks that need neither clock, keys nor
// nonces, in this order, and returns the first failure:
//
//  1. one Authorization header, well formed (v3MalformedAuthorization), with
//     ACS3-HMAC-SHA256 (v3UnsupportedAlgorithm);
//  2. x-acs-action and x-acs-version present, or Action / Version in the
//     query (v3MissingHeader);
//  3. x-acs-date, x-acs-signature-nonce, x-acs-content-sha256 present
//     (v3MissingHeader);
//  4. SignedHeaders names host, content-type when sent and every x-acs-*
//     header sent (v3UnsignedHeader);
//  5. x-acs-date well formed (v3MalformedDate);
//  6. x-acs-content-sha256 equal to the body's hash (v3ContentSHA256Mismatch);
//  7. the query decodes (v3MalformedQuery).
//
// Then the caller checks the version and action, the date's skew, the key
// (auth.Credential), the security token, the signature (verifyV3Signature)
// and last claims the nonce.
func checkV3Request(q v3Request) (v3Envelope, error) {
	auth, err := v3AuthorizationOf(q)
	if err != nil {
		return v3Envelope{}, err
	}
	env := v3Envelope{
		Auth:                auth,
		Action:              q.get(v3HeaderAction),
		Version:             q.get(v3HeaderVersion),
		Nonce:               q.get(v3HeaderNonce),
		ContentSHA256:       q.get(v3HeaderContentSHA256),
		SecurityToken:       q.get(v3HeaderSecurityToken),
		AccessKeyID:         q.get(v3HeaderAccessKeyID),
		CredentialsProvider: q.get(v3HeaderCredentialsProvider),
	}
	if env.Action == "" || env.Version == "" {
		if query, err := url.ParseQuery(q.RawQuery); err == nil {
			if env.Action == "" {
				env.Action = query.Get("Action")
			}
			if env.Version == "" {
				env.Version = query.Get("Version")
			}
		}
	}
	if env.Action == "" {
		return env, &v3Error{Problem: v3MissingHeader, Header: v3HeaderAction}
	}
	if env.Version == "" {
		return env, &v3Error{Problem: v3MissingHeader, Header: v3HeaderVersion}
	}
	for _, h := range []string{v3HeaderDate, v3HeaderNonce, v3HeaderContentSHA256} {
		if q.get(h) == "" {
			return env, &v3Error{Problem: v3MissingHeader, Header: h}
		}
	}
	if missing := v3UnsignedHeaders(q, auth); len(missing) > 0 {
		return env, &v3Error{Problem: v3UnsignedHeader, Header: missing[0]}
	}
	if env.Date, err = parseV3Date(q.get(v3HeaderDate)); err != nil {
		return env, err
	}
	if !strings.EqualFold(env.ContentSHA256, v3HexSHA256(q.Body)) {
		return env, &v3Error{Problem: v3ContentSHA256Mismatch, Header: v3HeaderContentSHA256}
	}
	if !v3QueryDecodes(q.RawQuery) {
		return env, v3MalformedQueryError(q.RawQuery)
	}
	return env, nil
}

// v3QueryDecodes reports whether url.ParseQuery reads rawQuery without an
// error: no pair holds a semicolon, and every % starts an escape of two hex
// digits. It decodes nothing.
func v3QueryDecodes(rawQuery string) bool {
	if strings.Contains(rawQuery, ";") {
		return false
	}
	for i := 0; i < len(rawQuery); i++ {
		if rawQuery[i] != '%' {
			continue
		}
		if i+2 >= len(rawQuery) || !isHexDigit(rawQuery[i+1]) || !isHexDigit(rawQuery[i+2]) {
			return false
		}
		i += 2
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
