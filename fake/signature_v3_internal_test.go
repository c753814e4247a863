package fake

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/slbfake/slbfake/internal/rpcsign"
)

// requireV3Problem asserts that err is a *v3Error with this problem (and
// header, when want.Header is set).
func requireV3Problem(t *testing.T, err error, problem v3Problem, header string) *v3Error {
	t.Helper()
	var e *v3Error
	require.True(t, errors.As(err, &e), "want *v3Error, got %v", err)
	require.Equal(t, problem, e.Problem, "%v", err)
	if header != "" {
		require.Equal(t, header, e.Header, "%v", err)
	}
	return e
}

// serverSide starts a loopback server, sends it the request build makes for
// the server's host:port, and returns what the checks see there
// (canonicalised header names, Host moved to r.Host, body read).
func serverSide(t *testing.T, build func(host string) *http.Request) v3Request {
	t.Helper()
	var got v3Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		got = v3RequestOf(r, body)
	}))
	defer srv.Close()
	host := srv.Listener.Addr().String()
	req := build(host)
	req.URL.Scheme, req.URL.Host = "http", host
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return got
}

// The worked example of Alibaba's V3 documentation ("Fixed parameter
// values"), as a server receives it.
func TestV3DocumentedExample(t *testing.T) {
	const auth = "ACS3-HMAC-SHA256 Credential=YourAccessKeyId," +
		"SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version," +
		"Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
	q := v3Request{
		Method:   "POST",
		RawQuery: "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai",
		Host:     "ecs.cn-shanghai.aliyuncs.com",
		Header: http.Header{
			"Authorization":         {auth},
			"X-Acs-Action":          {"RunInstances"},
			"X-Acs-Version":         {"2014-05-26"},
			"X-Acs-Date":            {"2023-10-26T10:22:32Z"},
			"X-Acs-Signature-Nonce": {"3156853299f313e23d1673dc12e1703d"},
			"X-Acs-Content-Sha256":  {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
			"Accept":                {"application/json"},
		},
	}
	require.True(t, isV3Request(q.Header))
	env, err := checkV3Request(q)
	require.NoError(t, err)
	require.Equal(t, "YourAccessKeyId", env.Auth.Credential)
	require.Equal(t, "RunInstances", env.Action)
	require.Equal(t, "2014-05-26", env.Version)
	require.Equal(t, time.Date(2023, 10, 26, 10, 22, 32, 0, time.UTC), env.Date)
	require.Equal(t, "3156853299f313e23d1673dc12e1703d", env.Nonce)

	c, err := verifyV3Signature(q, env.Auth, "YourAccessKeySecret")
	require.NoError(t, err)
	require.Equal(t, "POST\n/\n"+
		"ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"+
		"host:ecs.cn-shanghai.aliyuncs.com\n"+
		"x-acs-action:RunInstances\n"+
		"x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"+
		"x-acs-date:2023-10-26T10:22:32Z\n"+
		"x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"+
		"x-acs-version:2014-05-26\n"+
		"\n"+
		"host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"+
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", c.CanonicalRequest)
	require.Equal(t, "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259", c.StringToSign)
	require.Equal(t, "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0", c.Signature)

	_, err = verifyV3Signature(q, env.Auth, "WrongSecret")
	e := requireV3Problem(t, err, v3SignatureMismatch, "")
	require.Equal(t, c.StringToSign, e.Detail)
}

// Requests signed by the real clients (captured once from
// darabonba-openapi/v2 v2.1.14 CallApi and @alicloud/openapi-client 0.4.15
// callApi against a loopback server; key testid / testsecret).
func TestV3CapturedClientRequests(t *testing.T) {
	t.Run("go darabonba, STS credentials, form body", func(t *testing.T) {
		q := v3Request{
			Method:   "POST",
			RawQuery: "Empty=&LoadBalancerId=lb-1&RegionId=cn-hangzhou&Tag.1.Key=k&Tag.1.Value=v+w&Tags=%5B%7B%22TagKey%22%3A%22a+b%22%2C%22TagValue%22%3A%22%2A~%2F%E6%B5%8B%2B%22%7D%5D",
			Host:     "127.0.0.1:43849",
			Body:     []byte("Description=x+y%26z"),
			Header: http.Header{
				"Accept":                     {"application/json"},
				"Accept-Encoding":            {"gzip"},
				"Authorization":              {"ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=content-type;host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=301d98244484bbd78b3b91ae500f5b364fd7cb76579c5e8cf820253e85931e6e"},
				"Content-Length":             {"19"},
				"Content-Type":               {"application/x-www-form-urlencoded"},
				"User-Agent":                 {"AlibabaCloud (linux; amd64) Golang/1.26.8 Core/0.01 TeaDSL/2"},
				"X-Acs-Accesskey-Id":         {"testid"},
				"X-Acs-Action":               {"AddTags"},
				"X-Acs-Content-Sha256":       {"8ad1efa5e1ed401324ebcbf76edbbcddc377c60ac33e85e2ea5a458291ef508f"},
				"X-Acs-Credentials-Provider": {"static_sts"},
				"X-Acs-Date":                 {"2026-12-01T15:07:12Z"},
				"X-Acs-Security-Token":       {"sts-token"},
				"X-Acs-Signature-Nonce":      {"d069c39d37da8da49279342f3ebd3f97"},
				"X-Acs-Version":              {"2014-05-15"},
			},
		}
		env, err := checkV3Request(q)
		require.NoError(t, err)
		require.Equal(t, "sts-token", env.SecurityToken)
		require.Equal(t, "testid", env.AccessKeyID)
		require.Equal(t, "static_sts", env.CredentialsProvider)
		require.Equal(t, "AddTags", env.Action)
		_, err = verifyV3Signature(q, env.Auth, "testsecret")
		require.NoError(t, err)
	})
	t.Run("node openapi-client, query with raw *!'()", func(t *testing.T) {
		q := v3Request{
			Method:   "POST",
			RawQuery: "RegionId=cn-hangzhou&Tags=%5B%7B%22TagKey%22%3A%22a%20b%22%2C%22TagValue%22%3A%22*~%2F%E6%B5%8B%2B!%27()%22%7D%5D&Empty=&Tag.1.Key=k&Tag.1.Value=v%20w",
			Host:     "127.0.0.1:45327",
			Header: http.Header{
				"X-Acs-Version":              {"2014-05-15"},
				"X-Acs-Action":               {"AddTags"},
				"User-Agent":                 {"AlibabaCloud (linux; x64) Node.js/v20.20.2 Core/1.0.1 TeaDSL/1"},
				"X-Acs-Date":                 {"2026-12-01T15:07:15Z"},
				"X-Acs-Signature-Nonce":      {"7b05e7f71a38eb1315bc4cc6ddd54d0b"},
				"Accept":                     {"application/json"},
				"X-Acs-Content-Sha256":       {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
				"X-Acs-Credentials-Provider": {"static_ak"},
				"Authorization":              {"ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=2e3dfd2b1f6152a5d05b6c915ae587062fea14d3ec9c2c0a23e8c82b0b754786"},
				"Connection":                 {"keep-alive"},
				"Content-Length":             {"0"},
			},
		}
		env, err := checkV3Request(q)
		require.NoError(t, err)
		require.Empty(t, env.SecurityToken)
		_, err = verifyV3Signature(q, env.Auth, "testsecret")
		require.NoError(t, err)
	})
}

// v3Case is a request for the test signer.
type v3Case struct {
	name   string
	query  map[string]string
	body   []byte
	header map[string]string // beyond the common ones
}

var v3Cases = []v3Case{
	{name: "plain", query: map[string]string{"RegionId": "cn-hangzhou", "LoadBalancerId": "lb-1"}},
	{name: "no query"},
	{name: "special characters", query: map[string]string{
		"BackendServers": `[{"ServerId":"i-1","Weight":"100"}]`, "Description": "a b*c~d/e+f&g=h%i 测试",
		"Empty": "", "Tag.1.Key": "k", "Tag.1.Value": "!'()", "Tag.2.Key": "\t\n",
	}},
	{name: "form body", query: map[string]string{"RegionId": "cn-hangzhou"}, body: []byte("Description=x+y%26z"),
		header: map[string]string{"content-type": "application/x-www-form-urlencoded"}},
	{name: "sts", query: map[string]string{"RegionId": "cn-hangzhou"},
		header: map[string]string{"x-acs-security-token": "tok en", "x-acs-accesskey-id": "testid", "x-acs-credentials-provider": "static_sts"}},
	{name: "padded header value", header: map[string]string{"x-acs-credentials-provider": "  static_ak  "}},
}

// signV3Case signs c with the test signer at now with nonce.
func signV3Case(c v3Case, host, nonce string, now time.Time, secret string) rpcsign.SignedV3 {
	headers := rpcsign.HeadersV3(host, "DescribeLoadBalancers", "2014-05-15", nonce, now)
	headers["accept"] = "application/json"
	headers["user-agent"] = "test"
	for k, v := range c.header {
		headers[k] = v
	}
	return rpcsign.SignV3(rpcsign.RequestV3{Method: "POST", Query: c.query, Headers: headers, Body: c.body}, "testid", secret)
}

// newV3HTTPRequest builds the request a client would send for s, with the
// query encoded the Go client's way (url.Values: "+" for spaces) or the Node
// client's (%20).
func newV3HTTPRequest(t *testing.T, s rpcsign.SignedV3, query map[string]string, body []byte, nodeStyle bool) *http.Request {
	t.Helper()
	values := url.Values{}
	for k, v := range query {
		values.Set(k, v)
	}
	raw := values.Encode()
	if nodeStyle {
		raw = strings.ReplaceAll(raw, "+", "%20")
	}
	req, err := http.NewRequest("POST", "http://placeholder/?"+raw, bytes.NewReader(body))
	require.NoError(t, err)
	s.Apply(req)
	req.URL.RawQuery = raw
	return req
}

// The test signer (written from the documentation) and the verifier
// (written from the clients) agree, over a real connection and in process.
func TestV3AgreesWithTestSigner(t *testing.T) {
	now := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	for _, c := range v3Cases {
		for _, nodeStyle := range []bool{false, true} {
			style := "go query"
			if nodeStyle {
				style = "node query"
			}
			t.Run(c.name+", "+style, func(t *testing.T) {
				t.Run("wire", func(t *testing.T) {
					var s rpcsign.SignedV3
					q := serverSide(t, func(host string) *http.Request {
						s = signV3Case(c, host, "n1", now, "testsecret")
						return newV3HTTPRequest(t, s, c.query, c.body, nodeStyle)
					})
					require.True(t, isV3Request(q.Header))
					env, err := checkV3Request(q)
					require.NoError(t, err)
					require.Equal(t, now, env.Date)
					got, err := verifyV3Signature(q, env.Auth, "testsecret")
					require.NoError(t, err)
					require.Equal(t, s.CanonicalRequest, got.CanonicalRequest)
					require.Equal(t, s.Signature, got.Signature)
				})
				t.Run("in process, lower-case header keys", func(t *testing.T) {
					s := signV3Case(c, "slb.fake:80", "n2", now, "testsecret")
					req := newV3HTTPRequest(t, s, c.query, c.body, nodeStyle)
					// What darabonba's Go runtime hands an HttpClient.
					req.Header = http.Header{}
					for k, v := range s.Headers {
						req.Header[k] = []string{v}
					}
					require.Empty(t, req.Header.Get("X-Acs-Date"))
					q := v3RequestOf(req, c.body)
					env, err := checkV3Request(q)
					require.NoError(t, err)
					got, err := verifyV3Signature(q, env.Auth, "testsecret")
					require.NoError(t, err)
					require.Equal(t, s.CanonicalRequest, got.CanonicalRequest)
				})
			})
		}
	}
}

// baseV3Request is a well-signed in-process request of the "form body" case
// with the changes applied before signing, and the secret it is signed with.
func baseV3Request(t *testing.T, change func(*rpcsign.RequestV3)) v3Request {
	t.Helper()
	now := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	headers := rpcsign.HeadersV3("slb.fake:80", "AddTags", "2014-05-15", "n", now)
	headers["content-type"] = "application/x-www-form-urlencoded"
	r := rpcsign.RequestV3{Method: "POST", Query: map[string]string{"RegionId": "cn-hangzhou", "Tags": "a b"}, Headers: headers, Body: []byte("Description=x")}
	if change != nil {
		change(&r)
	}
	s := rpcsign.SignV3(r, "testid", "testsecret")
	h := http.Header{}
	for k, v := range s.Headers {
		if k != "host" {
			h.Set(k, v)
		}
	}
	return v3Request{Method: r.Method, RawQuery: s.CanonicalQuery, Host: s.Headers["host"], Header: h, Body: r.Body}
}

func TestV3Tampering(t *testing.T) {
	ok := baseV3Request(t, nil)
	env, err := checkV3Request(ok)
	require.NoError(t, err)
	_, err = verifyV3Signature(ok, env.Auth, "testsecret")
	require.NoError(t, err)

	cases := map[string]struct {
		tamper  func(q *v3Request)
		problem v3Problem
		header  string
	}{
		"query value":            {func(q *v3Request) { q.RawQuery = strings.Replace(q.RawQuery, "cn-hangzhou", "cn-beijing", 1) }, v3SignatureMismatch, ""},
		"query parameter added":  {func(q *v3Request) { q.RawQuery += "&Extra=1" }, v3SignatureMismatch, ""},
		"signed header value":    {func(q *v3Request) { q.Header.Set("X-Acs-Action", "RemoveTags") }, v3SignatureMismatch, ""},
		"host":                   {func(q *v3Request) { q.Host = "slb.fake:81" }, v3SignatureMismatch, ""},
		"method":                 {func(q *v3Request) { q.Method = "GET" }, v3SignatureMismatch, ""},
		"body, hash header kept": {func(q *v3Request) { q.Body = []byte("Description=y") }, v3ContentSHA256Mismatch, v3HeaderContentSHA256},
		"hash header, body kept": {func(q *v3Request) { q.Header.Set(v3HeaderContentSHA256, v3HexSHA256(nil)) }, v3ContentSHA256Mismatch, v3HeaderContentSHA256},
		"body and its hash": {func(q *v3Request) {
			q.Body = []byte("Description=y")
			q.Header.Set(v3HeaderContentSHA256, v3HexSHA256(q.Body))
		}, v3SignatureMismatch, ""},
		"unsigned x-acs added": {func(q *v3Request) { q.Header.Set("X-Acs-Foo", "bar") }, v3UnsignedHeader, "x-acs-foo"},
		"signature altered": {func(q *v3Request) {
			q.Header.Set("Authorization", strings.Replace(q.Header.Get("Authorization"), "Signature=", "Signature=F", 1))
		}, v3SignatureMismatch, ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			q := baseV3Request(t, nil)
			c.tamper(&q)
			env, err := checkV3Request(q)
			if err == nil {
				_, err = verifyV3Signature(q, env.Auth, "testsecret")
			}
			requireV3Problem(t, err, c.problem, c.header)
		})
	}
	t.Run("unsigned headers are free to change", func(t *testing.T) {
		q := baseV3Request(t, nil)
		q.Header.Set("User-Agent", "other")
		q.Header.Set("Accept", "text/xml")
		env, err := checkV3Request(q)
		require.NoError(t, err)
		_, err = verifyV3Signature(q, env.Auth, "testsecret")
		require.NoError(t, err)
	})
	t.Run("query re-encoded the other way still verifies", func(t *testing.T) {
		q := baseV3Request(t, nil)
		q.RawQuery = strings.ReplaceAll(q.RawQuery, "%20", "+")
		env, err := checkV3Request(q)
		require.NoError(t, err)
		_, err = verifyV3Signature(q, env.Auth, "testsecret")
		require.NoError(t, err)
	})
}

func TestV3SignedHeadersMustBeComplete(t *testing.T) {
	all := []string{"content-type", "host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}
	require.Equal(t, all, v3RequiredSignedHeaders(baseV3Request(t, nil)))
	for _, leftOut := range all {
		t.Run(leftOut, func(t *testing.T) {
			var signed []string
			for _, n := range all {
				if n != leftOut {
					signed = append(signed, n)
				}
			}
			q := baseV3Request(t, func(r *rpcsign.RequestV3) { r.Signed = signed })
			_, err := checkV3Request(q)
			requireV3Problem(t, err, v3UnsignedHeader, leftOut)
		})
	}
	t.Run("no content-type sent, none required", func(t *testing.T) {
		q := baseV3Request(t, func(r *rpcsign.RequestV3) { delete(r.Headers, "content-type"); r.Body = nil })
		require.NotContains(t, v3RequiredSignedHeaders(q), "content-type")
		env, err := checkV3Request(q)
		require.NoError(t, err)
		_, err = verifyV3Signature(q, env.Auth, "testsecret")
		require.NoError(t, err)
	})
	t.Run("signing more than required is fine", func(t *testing.T) {
		q := baseV3Request(t, func(r *rpcsign.RequestV3) {
			r.Headers["accept"] = "application/json"
			r.Signed = append(append([]string{}, all...), "accept")
		})
		env, err := checkV3Request(q)
		require.NoError(t, err)
		_, err = verifyV3Signature(q, env.Auth, "testsecret")
		require.NoError(t, err)
	})
	t.Run("SignedHeaders out of order or in capitals is normalised", func(t *testing.T) {
		q := baseV3Request(t, nil)
		a := q.Header.Get("Authorization")
		q.Header.Set("Authorization", strings.Replace(a, "SignedHeaders=content-type;host;", "SignedHeaders=HOST;content-type;", 1))
		env, err := checkV3Request(q)
		require.NoError(t, err)
		require.Equal(t, all, env.Auth.SignedHeaders)
		_, err = verifyV3Signature(q, env.Auth, "testsecret")
		require.NoError(t, err)
	})
}

func TestV3MissingHeaders(t *testing.T) {
	for _, h := range []string{v3HeaderAction, v3HeaderVersion, v3HeaderDate, v3HeaderNonce, v3HeaderContentSHA256} {
		t.Run(h, func(t *testing.T) {
			q := baseV3Request(t, nil)
			q.Header.Del(h)
			_, err := checkV3Request(q)
			requireV3Problem(t, err, v3MissingHeader, h)
		})
	}
	t.Run("Action and Version from the query", func(t *testing.T) {
		q := baseV3Request(t, func(r *rpcsign.RequestV3) {
			delete(r.Headers, "x-acs-action")
			delete(r.Headers, "x-acs-version")
			r.Query["Action"] = "AddTags"
			r.Query["Version"] = "2014-05-15"
		})
		env, err := checkV3Request(q)
		require.NoError(t, err)
		require.Equal(t, "AddTags", env.Action)
		require.Equal(t, "2014-05-15", env.Version)
	})
	t.Run("the header wins over the query", func(t *testing.T) {
		q := baseV3Request(t, func(r *rpcsign.RequestV3) { r.Query["Action"] = "Other" })
		env, err := checkV3Request(q)
		require.NoError(t, err)
		require.Equal(t, "AddTags", env.Action)
	})
}

func TestV3Date(t *testing.T) {
	for _, s := range []string{"2023-10-26T10:22:32Z"} {
		d, err := parseV3Date(s)
		require.NoError(t, err)
		require.Equal(t, time.UTC, d.Location())
	}
	for _, s := range []string{
		"", "2023-10-26T10:22:32", "2023-10-26T10:22:32.000Z", "2023-10-26T10:22:32+08:00",
		"2023-10-26 10:22:32Z", "Thu, 26 Oct 2023 10:22:32 GMT", "2023-13-26T10:22:32Z", "2023-10-26t10:22:32z",
	} {
		_, err := parseV3Date(s)
		requireV3Problem(t, err, v3MalformedDate, v3HeaderDate)
	}
	q := baseV3Request(t, func(r *rpcsign.RequestV3) { r.Headers["x-acs-date"] = "2024-05-06T07:08:09+00:00" })
	_, err := checkV3Request(q)
	requireV3Problem(t, err, v3MalformedDate, v3HeaderDate)
}

func TestV3Authorization(t *testing.T) {
	a, err := parseV3Authorization("ACS3-HMAC-SHA256 Credential=id,SignedHeaders=x-acs-date;host;x-acs-date,Signature=abc")
	require.NoError(t, err)
	require.Equal(t, v3Authorization{Algorithm: v3Algorithm, Credential: "id", SignedHeaders: []string{"host", "x-acs-date"}, Signature: "abc"}, a)

	a, err = parseV3Authorization("  ACS3-HMAC-SHA256 Credential=id, SignedHeaders=host, Signature=abc ")
	require.NoError(t, err, "spaces after the commas are tolerated")
	require.Equal(t, "abc", a.Signature)

	for _, bad := range []string{
		"", "ACS3-HMAC-SHA256", "ACS3-HMAC-SHA256 ",
		"ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host",
		"ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=abc",
		"ACS3-HMAC-SHA256 Credential=id,SignedHeaders=,Signature=abc",
		"ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;;x-acs-date,Signature=abc",
		"ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=",
		"ACS3-HMAC-SHA256 Credential=id,Credential=id,SignedHeaders=host,Signature=abc",
		"ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=abc,Extra=1",
		"ACS3-HMAC-SHA256 credential=id,signedheaders=host,signature=abc",
		"ACS3-HMAC-SHA256 Credential id,SignedHeaders host,Signature abc",
		"acs3-hmac-sha256 Credential=id,SignedHeaders=host,Signature=abc",
		"OSS4-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=abc",
	} {
		_, err := parseV3Authorization(bad)
		requireV3Problem(t, err, v3MalformedAuthorization, v3HeaderAuthorization)
	}
	for _, alg := range []string{"ACS3-HMAC-SM3", "ACS3-RSA-SHA256"} {
		_, err := parseV3Authorization(alg + " Credential=id,SignedHeaders=host,Signature=abc")
		e := requireV3Problem(t, err, v3UnsupportedAlgorithm, v3HeaderAuthorization)
		require.Equal(t, alg, e.Detail)
	}

	t.Run("isV3Request", func(t *testing.T) {
		require.True(t, isV3Request(http.Header{"Authorization": {"ACS3-HMAC-SHA256 Credential=a"}}))
		require.True(t, isV3Request(http.Header{"authorization": {"ACS3-HMAC-SM3 x"}}))
		require.False(t, isV3Request(http.Header{}))
		require.False(t, isV3Request(http.Header{"Authorization": {"Bearer x"}}))
		require.False(t, isV3Request(http.Header{"X-Acs-Date": {"ACS3-"}}))
	})
	t.Run("no or two Authorization headers", func(t *testing.T) {
		q := baseV3Request(t, nil)
		a := q.Header.Get("Authorization")
		q.Header.Del("Authorization")
		_, err := checkV3Request(q)
		requireV3Problem(t, err, v3MalformedAuthorization, v3HeaderAuthorization)
		q.Header["Authorization"] = []string{a}
		q.Header["authorization"] = []string{a}
		_, err = checkV3Request(q)
		requireV3Problem(t, err, v3MalformedAuthorization, v3HeaderAuthorization)
	})
}

func TestV3CanonicalQuery(t *testing.T) {
	for raw, want := range map[string]string{
		"":                          "",
		"b=2&a=1":                   "a=1&b=2",
		"a=x+y&b=x%20y":             "a=x%20y&b=x%20y",
		"a=*&b=%2A&c=~&d=%7E&e=%2B": "a=%2A&b=%2A&c=~&d=~&e=%2B",
		"flag&empty=":               "empty=&flag=",
		"k=2&k=1&K=3":               "K=3&k=1&k=2",
		"a=%E6%B5%8B&b=!'()":        "a=%E6%B5%8B&b=%21%27%28%29",
		"Tag.2.Key=b&Tag.10.Key=c":  "Tag.10.Key=c&Tag.2.Key=b",
	} {
		got, err := v3CanonicalQuery(raw)
		require.NoError(t, err, raw)
		require.Equal(t, want, got, raw)
	}
	for _, raw := range []string{"a=%zz", "a=1;b=2"} {
		_, err := v3CanonicalQuery(raw)
		requireV3Problem(t, err, v3MalformedQuery, "")
	}
	q := baseV3Request(t, nil)
	q.RawQuery += "&bad=%zz"
	_, err := checkV3Request(q)
	requireV3Problem(t, err, v3MalformedQuery, "")
	_, err = verifyV3Signature(q, v3Authorization{SignedHeaders: []string{"host"}}, "testsecret")
	requireV3Problem(t, err, v3MalformedQuery, "")
}

// v3PercentEncode is exactly the clients' url.QueryEscape with "+"→"%20",
// "*"→"%2A", "%7E"→"~", for every byte and for mixed strings.
func TestV3PercentEncodeMatchesClients(t *testing.T) {
	client := func(s string) string {
		e := url.QueryEscape(s)
		e = strings.ReplaceAll(e, "+", "%20")
		e = strings.ReplaceAll(e, "*", "%2A")
		return strings.ReplaceAll(e, "%7E", "~")
	}
	for c := 0; c < 256; c++ {
		s := string([]byte{byte(c)})
		require.Equal(t, client(s), v3PercentEncode(s), "byte %#x", c)
	}
	for _, s := range []string{"a b*c~d", `[{"ServerId":"i-1"}]`, "测试", "100%", "x+y&z=w"} {
		require.Equal(t, client(s), v3PercentEncode(s), s)
		require.Equal(t, rpcsign.PercentEncode(s), v3PercentEncode(s), s)
	}
}

func TestV3CanonicalHeaders(t *testing.T) {
	q := v3Request{Host: "h:1", Header: http.Header{
		"X-Acs-Foo": {" b ", "a"},
		"x-acs-foo": {"c"},
		"X-Acs-Bar": {"  x  y  "},
	}}
	require.Equal(t, "host:h:1\nx-acs-bar:x  y\nx-acs-foo:a,b,c\nx-acs-missing:\n",
		v3CanonicalHeaders(q, []string{"host", "x-acs-bar", "x-acs-foo", "x-acs-missing"}))
	require.Equal(t, []string{"host", "x-acs-bar", "x-acs-foo"}, v3RequiredSignedHeaders(q))

	t.Run("host from the Host header when the request has no Host", func(t *testing.T) {
		q := v3Request{Header: http.Header{"Host": {"h:2"}}}
		require.Equal(t, "host:h:2\n", v3CanonicalHeaders(q, []string{"host"}))
	})
	t.Run("v3RequestOf", func(t *testing.T) {
		r := httptest.NewRequest("POST", "http://slb.fake:80/?A=1", nil)
		q := v3RequestOf(r, []byte("b"))
		require.Equal(t, v3Request{Method: "POST", RawQuery: "A=1", Host: "slb.fake:80", Header: r.Header, Body: []byte("b"), twoForms: true}, q)
		r.Host = ""
		require.Equal(t, "slb.fake:80", v3RequestOf(r, nil).Host)
		r.Header["X-ACS-Date"] = []string{"d"}
		require.False(t, v3RequestOf(r, nil).twoForms)
	})
}

// TestV3HeaderValuesByTheirTwoForms: looking a header up under its lower-case
// and canonical keys (twoForms) finds what a case-insensitive scan of every
// key finds, for headers sent under any mix of keys.
func TestV3HeaderValuesByTheirTwoForms(t *testing.T) {
	t.Parallel()
	names := []string{v3HeaderAuthorization, v3HeaderContentType, v3HeaderDate, v3HeaderNonce, "x-acs-other", "accept"}
	rapid.Check(t, func(t *rapid.T) {
		r := httptest.NewRequest("POST", "http://h/", nil)
		r.Header = http.Header{}
		for i := rapid.IntRange(0, 8).Draw(t, "headers"); i > 0; i-- {
			name := rapid.SampledFrom(names).Draw(t, "name")
			key := name
			switch rapid.IntRange(0, 2).Draw(t, "form") {
			case 1:
				key = textproto.CanonicalMIMEHeaderKey(name)
			case 2:
				key = strings.ToUpper(name)
			}
			r.Header[key] = append(r.Header[key], rapid.StringMatching(`[a-z]{0,3}`).Draw(t, "value"))
		}
		q := v3RequestOf(r, nil)
		scan := q
		scan.twoForms = false
		for _, name := range names {
			want, got := scan.values(name), slices.Clone(q.values(name))
			slices.Sort(want)
			slices.Sort(got)
			require.Equal(t, len(want), len(got), name)
			if len(want) > 0 {
				require.Equal(t, want, got, name)
			}
		}
	})
}

func TestV3ErrorText(t *testing.T) {
	require.Equal(t, "signature v3: missing header (x-acs-date)", (&v3Error{Problem: v3MissingHeader, Header: "x-acs-date"}).Error())
	require.Equal(t, "signature v3: signature mismatch: sts", (&v3Error{Problem: v3SignatureMismatch, Detail: "sts"}).Error())
	require.Equal(t, "unknown V3 problem", v3Problem(0).String())
}

// TestV3QueryDecodesAsParseQuery: the validity check agrees with
// url.ParseQuery on queries made of the bytes that matter to it.
func TestV3QueryDecodesAsParseQuery(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		raw := rapid.StringOf(rapid.SampledFrom([]rune("a=&;%+2fGz"))).Draw(t, "query")
		_, err := url.ParseQuery(raw)
		require.Equal(t, err == nil, v3QueryDecodes(raw), raw)
	})
}
