package fake_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/internal/rpcsign"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// v3Call is one Signature V3 request as the V2.0 SDKs build it: POST /,
// business parameters in the query (or in a form body), Action and Version
// in headers, signed with internal/rpcsign (written from the documentation,
// apart from the fake's verifier).
type v3Call struct {
	action, version string
	query           map[string]string
	form            map[string]string // sent as a form body when not nil
	keyId, secret   string
	now             time.Time
	nonce           string
	extra           map[string]string // more headers, signed (x-acs-*) or not
	signed          []string          // SignedHeaders override
	tamper          func(*http.Request)
}

func (c v3Call) request(t *testing.T) *http.Request {
	t.Helper()
	req, _ := c.sign(t)
	return req
}

// sign builds the request and returns it with what the signer computed.
func (c v3Call) sign(t *testing.T) (*http.Request, rpcsign.SignedV3) {
	t.Helper()
	if c.keyId == "" {
		c.keyId, c.secret = fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret
	}
	if c.nonce == "" {
		c.nonce = "nonce-" + c.action + c.now.String()
	}
	headers := rpcsign.HeadersV3("slb.aliyuncs.com", c.action, c.version, c.nonce, c.now)
	headers["x-acs-credentials-provider"] = "static_ak"
	var body []byte
	if c.form != nil {
		v := url.Values{}
		for k, val := range c.form {
			v.Set(k, val)
		}
		body = []byte(v.Encode())
		headers["content-type"] = "application/x-www-form-urlencoded"
	}
	for k, v := range c.extra {
		headers[k] = v
	}
	s := rpcsign.SignV3(rpcsign.RequestV3{Method: http.MethodPost, Query: c.query, Headers: headers, Body: body, Signed: c.signed}, c.keyId, c.secret)
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	s.Apply(req)
	req.Header.Set("Accept", "application/json") // sent, never signed
	if c.tamper != nil {
		c.tamper(req)
	}
	return req, s
}

// v3Error decodes an error answer.
func v3Answer(t *testing.T, f *fake.Fake, req *http.Request) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	f.Handler().ServeHTTP(rec, req)
	var out map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out), rec.Body.String())
	require.Equal(t, "application/json;charset=utf-8", rec.Header().Get("Content-Type"))
	return rec.Code, out
}

func TestSignatureV3ReachesTheSameDispatch(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	clock := fake.NewVirtualClock(now)
	v3 := fake.New(fake.WithSeed(9), fake.WithClock(clock))
	goAPI := fake.New(fake.WithSeed(9), fake.WithClock(clock))

	status, got := v3Answer(t, v3, v3Call{action: "CreateVpc", version: "2016-04-28", now: now,
		query: map[string]string{"RegionId": "cn-hangzhou", "VpcName": "v3 vpc*~"}}.request(t))
	require.Equal(t, http.StatusOK, status, got)
	want, err := goAPI.Client().CreateVpc(t.Context(), &model.CreateVpcRequest{RegionId: "cn-hangzhou", VpcName: "v3 vpc*~"})
	require.NoError(t, err)
	require.Equal(t, want.VpcId, got["VpcId"], "same seed, same IDs through V3 and the Go API")
	require.Equal(t, want.RequestId, got["RequestId"])
	require.Equal(t, goAPI.State(), v3.State())

	// A form body (the SDK's formData parameters) is read too.
	status, got = v3Answer(t, v3, v3Call{action: "DescribeVpcs", version: "2016-04-28", now: now,
		query: map[string]string{}, form: map[string]string{"RegionId": "cn-hangzhou", "VpcName": "v3 vpc*~"}}.request(t))
	require.Equal(t, http.StatusOK, status, got)
	require.EqualValues(t, 1, got["TotalCount"])

	calls := v3.Calls()
	require.Len(t, calls, 2)
	require.Equal(t, "CreateVpc", calls[0].Action)
	require.Equal(t, fake.DefaultAccountId, calls[0].Account)
}

func TestSignatureV3GatewayChecks(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	base := v3Call{action: "DescribeVpcs", version: "2016-04-28", now: now, query: map[string]string{"RegionId": "cn-hangzhou"}}
	with := func(edit func(*v3Call)) v3Call { c := base; edit(&c); return c }
	cases := []struct {
		name   string
		call   v3Call
		status int
		code   string
	}{
		{"unknown version", with(func(c *v3Call) { c.version = "2099-01-01" }), 400, "InvalidVersion"},
		{"unknown action", with(func(c *v3Call) { c.action = "DescribeNothing" }), 404, "InvalidAction.NotFound"},
		{"ill-formed Authorization", with(func(c *v3Call) {
			c.tamper = func(r *http.Request) { r.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential=x") }
		}), 400, "IncompleteSignature"},
		{"unsupported algorithm", with(func(c *v3Call) {
			c.tamper = func(r *http.Request) {
				r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "ACS3-HMAC-SHA256", "ACS3-HMAC-SM3", 1))
			}
		}), 400, "InvalidSignatureMethod"},
		{"x-acs-date not signed", with(func(c *v3Call) {
			c.signed = []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-credentials-provider", "x-acs-signature-nonce", "x-acs-version"}
		}), 400, "IncompleteSignature"},
		{"host not signed", with(func(c *v3Call) {
			c.signed = []string{"x-acs-action", "x-acs-content-sha256", "x-acs-credentials-provider", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}
		}), 400, "IncompleteSignature"},
		{"date malformed", with(func(c *v3Call) {
			c.tamper = func(r *http.Request) { r.Header.Set("x-acs-date", "2026-05-01 00:00:00") }
		}), 400, "InvalidTimeStamp.Format"},
		{"date expired", with(func(c *v3Call) { c.now = now.Add(-16 * time.Minute) }), 400, "InvalidTimeStamp.Expired"},
		{"date in the future", with(func(c *v3Call) { c.now = now.Add(16 * time.Minute) }), 400, "InvalidTimeStamp.Expired"},
		{"unknown key", with(func(c *v3Call) { c.keyId, c.secret = "LTAI-unknown", "x" }), 404, "InvalidAccessKeyId.NotFound"},
		{"wrong secret", with(func(c *v3Call) { c.keyId, c.secret = fake.DefaultAccessKeyId, "wrong" }), 400, "SignatureDoesNotMatch"},
		{"tampered query", with(func(c *v3Call) {
			c.tamper = func(r *http.Request) { r.URL.RawQuery = "RegionId=cn-beijing" }
		}), 400, "SignatureDoesNotMatch"},
		{"tampered signed header", with(func(c *v3Call) {
			c.tamper = func(r *http.Request) { r.Header.Set("x-acs-signature-nonce", "other") }
		}), 400, "SignatureDoesNotMatch"},
		{"tampered body", with(func(c *v3Call) {
			c.form = map[string]string{"VpcName": "a"}
			c.tamper = func(r *http.Request) {
				r.Body = httptestBody("VpcName=b")
			}
		}), 400, "SignatureDoesNotMatch"},
		{"missing nonce", with(func(c *v3Call) {
			c.tamper = func(r *http.Request) { r.Header.Del("x-acs-signature-nonce") }
		}), 400, "MissingParameter"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := fake.New(fake.WithClock(fake.NewVirtualClock(now)))
			before := f.State()
			status, body := v3Answer(t, f, tc.call.request(t))
			require.Equal(t, tc.code, body["Code"], body)
			require.Equal(t, tc.status, status, body)
			require.Regexp(t, `^[0-9A-F-]{36}$`, body["RequestId"])
			require.Equal(t, before, f.State())
			require.Empty(t, f.Calls(), "a refused request never becomes a call")

			// A refused request does not use up its nonce: the same nonce,
			// correctly signed, is accepted afterwards.
			good := base
			good.nonce = tc.call.nonce
			if good.nonce == "" {
				good.nonce = "nonce-" + tc.call.action + tc.call.now.String()
			}
			status, body = v3Answer(t, f, good.request(t))
			require.Equal(t, http.StatusOK, status, body)
		})
	}
}

func TestSignatureV3NonceAndSignatureDetail(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	f := fake.New(fake.WithClock(fake.NewVirtualClock(now)))
	call := v3Call{action: "DescribeVpcs", version: "2016-04-28", now: now, query: map[string]string{"RegionId": "cn-hangzhou"}, nonce: "once"}
	status, _ := v3Answer(t, f, call.request(t))
	require.Equal(t, http.StatusOK, status)
	status, body := v3Answer(t, f, call.request(t))
	require.Equal(t, http.StatusBadRequest, status)
	require.Equal(t, "SignatureNonceUsed", body["Code"])

	// A wrong secret is told with the server's string to sign, which a
	// developer compares with the client's.
	call.nonce, call.secret, call.keyId = "twice", "wrong", fake.DefaultAccessKeyId
	req := call.request(t)
	want := rpcsign.SignV3(rpcsign.RequestV3{Method: http.MethodPost, Query: call.query,
		Headers: map[string]string{
			"host": "slb.aliyuncs.com", "x-acs-action": call.action, "x-acs-version": call.version,
			"x-acs-date": now.Format(rpcsign.DateLayoutV3), "x-acs-signature-nonce": "twice", "x-acs-credentials-provider": "static_ak",
		}}, fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)
	_, body = v3Answer(t, f, req)
	require.Equal(t, "SignatureDoesNotMatch", body["Code"])
	require.True(t, strings.HasSuffix(body["Message"].(string), "server string to sign is:"+want.StringToSign), body["Message"])
}

func TestSecurityTokens(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	sts := fake.AccessKey{Id: "STS.NUxKeyId", Secret: "sts-secret", SecurityToken: "CAIS-token-1"}
	f := fake.New(fake.WithClock(fake.NewVirtualClock(now)), fake.WithAccessKey(sts))
	params := map[string]string{"Action": "DescribeVpcs", "Version": "2016-04-28", "RegionId": "cn-hangzhou"}

	v1 := func(token, nonce string) (int, string) {
		p := map[string]string{}
		for k, v := range params {
			p[k] = v
		}
		if token != "" {
			p["SecurityToken"] = token
		}
		all := rpcsign.Common(sts.Id, nonce, now)
		for k, v := range p {
			all[k] = v
		}
		all["Signature"] = rpcsign.Signature(http.MethodGet, all, sts.Secret)
		q := url.Values{}
		for k, v := range all {
			q.Set(k, v)
		}
		status, body, _ := serve(f, httptest.NewRequest(http.MethodGet, "/?"+q.Encode(), nil))
		return status, body
	}
	status, body := v1("", "v1-a")
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, `"Code":"MissingSecurityToken"`)
	status, body = v1("CAIS-other", "v1-b")
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, `"Code":"InvalidSecurityToken.MismatchWithAccessKey"`)
	status, body = v1(sts.SecurityToken, "v1-c")
	require.Equal(t, http.StatusOK, status, body)

	v3 := func(token, nonce string) (int, map[string]any) {
		c := v3Call{action: "DescribeVpcs", version: "2016-04-28", now: now, query: map[string]string{"RegionId": "cn-hangzhou"},
			keyId: sts.Id, secret: sts.Secret, nonce: nonce, extra: map[string]string{"x-acs-credentials-provider": "static_sts"}}
		if token != "" {
			c.extra["x-acs-security-token"] = token
			c.extra["x-acs-accesskey-id"] = sts.Id
		}
		return v3Answer(t, f, c.request(t))
	}
	status, got := v3("", "v3-a")
	require.Equal(t, "MissingSecurityToken", got["Code"], got)
	require.Equal(t, http.StatusBadRequest, status)
	_, got = v3("CAIS-other", "v3-b")
	require.Equal(t, "InvalidSecurityToken.MismatchWithAccessKey", got["Code"], got)
	status, got = v3(sts.SecurityToken, "v3-c")
	require.Equal(t, http.StatusOK, status, got)

	// A key without a token ignores one.
	status, body, _ = serve(f, signedRequest(t, http.MethodGet, map[string]string{
		"Action": "DescribeVpcs", "Version": "2016-04-28", "RegionId": "cn-hangzhou", "SecurityToken": "anything"},
		fake.DefaultAccessKeySecret, now, "plain"))
	require.Equal(t, http.StatusOK, status, body)
}

// TestSignatureV1NonceClaimedLast: a V1 request with a bad signature does not
// use up its nonce.
func TestSignatureV1NonceClaimedLast(t *testing.T) {
	t.Parallel()
	now := time.Now()
	f := fake.New()
	params := map[string]string{"Action": "DescribeVpcs", "Version": "2016-04-28", "RegionId": "cn-hangzhou"}
	status, body, _ := serve(f, signedRequest(t, http.MethodGet, params, "wrong secret", now, "same"))
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, "SignatureDoesNotMatch")
	status, body, _ = serve(f, signedRequest(t, http.MethodGet, params, fake.DefaultAccessKeySecret, now, "same"))
	require.Equal(t, http.StatusOK, status, body)
	status, body, _ = serve(f, signedRequest(t, http.MethodGet, params, fake.DefaultAccessKeySecret, now, "same"))
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, "SignatureNonceUsed")
}

func httptestBody(s string) *readCloser { return &readCloser{strings.NewReader(s)} }

type readCloser struct{ *strings.Reader }

func (readCloser) Close() error { return nil }
