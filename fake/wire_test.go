package fake_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/internal/rpcsign"
	"github.com/stretchr/testify/require"
)

// signedRequest builds a signed RPC request the way the documentation
// describes (internal/rpcsign, written apart from the fake's verifier);
// secret and nonce are the test's. POST puts the business parameters in a
// form body, as tea-rpc sends them.
func signedRequest(t *testing.T, method string, params map[string]string, secret string, now time.Time, nonce string) *http.Request {
	t.Helper()
	all := rpcsign.Common(fake.DefaultAccessKeyId, nonce, now)
	for k, v := range params {
		all[k] = v
	}
	all["Signature"] = rpcsign.Signature(method, all, secret)
	q := url.Values{}
	for k, v := range all {
		q.Set(k, v)
	}
	if method == http.MethodPost {
		form := url.Values{}
		for k := range params {
			form.Set(k, q.Get(k))
			q.Del(k)
		}
		req := httptest.NewRequest(method, "/?"+q.Encode(), strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return req
	}
	return httptest.NewRequest(method, "/?"+q.Encode(), nil)
}

func serve(f *fake.Fake, req *http.Request) (int, string, http.Header) {
	rec := httptest.NewRecorder()
	f.Handler().ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(body), rec.Result().Header
}

const seedXML = `<AddBackendServersResponse>
  <BackendServers>
    <BackendServer>
      <ServerId>i-2zej4lxhjoq1icue6kup</ServerId>
      <Weight>100</Weight>
      <Type>ecs</Type>
    </BackendServer>
    <BackendServer>
      <ServerId>i-2ze1u9ywulp5pbvvc7hv</ServerId>
      <Weight>100</Weight>
      <Type>ecs</Type>
    </BackendServer>
  </BackendServers>
  <RequestId>REQUEST-ID</RequestId>
  <LoadBalancerId>lb-2ze7o5h52g02kkzze7lru</LoadBalancerId>
</AddBackendServersResponse>`

var seedParams = map[string]string{
	"Action": "AddBackendServers", "Version": "2014-05-15", "RegionId": "cn-beijing",
	"LoadBalancerId": "lb-2ze7o5h52g02kkzze7lru",
	"BackendServers": `[{"ServerId":"i-2zej4lxhjoq1icue6kup","Weight":"100"},{"ServerId":"i-2ze1u9ywulp5pbvvc7hv","Weight":"100"}]`,
}

func TestWireSeedJSONGolden(t *testing.T) {
	t.Parallel()
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		f := seedWorld(t)
		status, body, hdr := serve(f, signedRequest(t, method, seedParams, fake.DefaultAccessKeySecret, time.Now(), "n-"+method))
		require.Equal(t, http.StatusOK, status, body)
		require.Equal(t, "application/json;charset=utf-8", hdr.Get("Content-Type"))
		var want, got map[string]any
		require.NoError(t, json.Unmarshal([]byte(seedJSON), &want))
		require.NoError(t, json.Unmarshal([]byte(body), &got))
		require.NotContains(t, got, "Code", "a success body carries no Code")
		require.Regexp(t, `^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`, got["RequestId"])
		delete(want, "RequestId")
		delete(got, "RequestId")
		require.Equal(t, want, got, method)
	}
}

func TestWireSeedXMLGolden(t *testing.T) {
	t.Parallel()
	f := seedWorld(t)
	params := map[string]string{"Format": "XML"}
	for k, v := range seedParams {
		params[k] = v
	}
	status, body, hdr := serve(f, signedRequest(t, http.MethodGet, params, fake.DefaultAccessKeySecret, time.Now(), "n1"))
	require.Equal(t, http.StatusOK, status, body)
	require.Equal(t, "text/xml;charset=utf-8", hdr.Get("Content-Type"))
	start, end := strings.Index(body, "<RequestId>")+len("<RequestId>"), strings.Index(body, "</RequestId>")
	require.Equal(t, seedXML, body[:start]+"REQUEST-ID"+body[end:])
}

func TestWireGatewayChecks(t *testing.T) {
	t.Parallel()
	now := time.Now()
	type tc struct {
		name   string
		req    func() *http.Request
		status int
		code   string
	}
	with := func(extra map[string]string) map[string]string {
		p := map[string]string{}
		for k, v := range seedParams {
			p[k] = v
		}
		for k, v := range extra {
			p[k] = v
		}
		return p
	}
	cases := []tc{
		{"unknown version", func() *http.Request {
			return signedRequest(t, "GET", with(map[string]string{"Version": "2099-01-01"}), fake.DefaultAccessKeySecret, now, "a")
		}, 400, "InvalidVersion"},
		{"action of another product", func() *http.Request {
			return signedRequest(t, "GET", with(map[string]string{"Action": "RunInstances"}), fake.DefaultAccessKeySecret, now, "b")
		}, 404, "InvalidAction.NotFound"},
		{"stale timestamp", func() *http.Request {
			return signedRequest(t, "GET", seedParams, fake.DefaultAccessKeySecret, now.Add(-16*time.Minute), "c")
		}, 400, "InvalidTimeStamp.Expired"},
		{"wrong secret", func() *http.Request {
			return signedRequest(t, "GET", seedParams, "not-the-secret", now, "d")
		}, 400, "SignatureDoesNotMatch"},
		{"unknown key", func() *http.Request {
			return signedRequest(t, "GET", with(map[string]string{"AccessKeyId": "LTAInobody"}), fake.DefaultAccessKeySecret, now, "e")
		}, 404, "InvalidAccessKeyId.NotFound"},
		{"bad timestamp", func() *http.Request {
			return signedRequest(t, "GET", with(map[string]string{"Timestamp": "yesterday"}), fake.DefaultAccessKeySecret, now, "f")
		}, 400, "InvalidTimeStamp.Format"},
	}
	for _, c := range cases {
		f := seedWorld(t)
		status, body, _ := serve(f, c.req())
		require.Equal(t, c.status, status, c.name)
		var env map[string]any
		require.NoError(t, json.Unmarshal([]byte(body), &env), c.name)
		require.Equal(t, c.code, env["Code"], c.name)
		for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
			require.IsType(t, "", env[k], c.name+": "+k)
		}
		require.Empty(t, f.State().Backends, c.name)
	}

	// A nonce is good once in 15 minutes.
	f := seedWorld(t)
	status, _, _ := serve(f, signedRequest(t, "GET", seedParams, fake.DefaultAccessKeySecret, now, "same"))
	require.Equal(t, 200, status)
	status, body, _ := serve(f, signedRequest(t, "GET", with(map[string]string{"BackendServers": "[]"}), fake.DefaultAccessKeySecret, now, "same"))
	require.Equal(t, 400, status)
	require.Contains(t, body, "SignatureNonceUsed")
}

func TestWireMalformedParametersAnswerInTheAskedFormat(t *testing.T) {
	t.Parallel()
	f := fake.New()
	status, body, hdr := serve(f, httptest.NewRequest(http.MethodGet, "/?Format=XML&bad=%zz", nil))
	require.Equal(t, http.StatusBadRequest, status)
	require.Equal(t, "text/xml;charset=utf-8", hdr.Get("Content-Type"))
	require.Contains(t, body, "<Code>InvalidParameter</Code>")
	require.Contains(t, body, `The specified parameter &#34;query&#34; is not valid.`)

	req := httptest.NewRequest(http.MethodPost, "/?Format=JSON", strings.NewReader("a=%zz"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	status, body, _ = serve(f, req)
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, `"Code":"InvalidParameter"`)
	require.Contains(t, body, `\"body\"`)
}
