package conformance

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	vpc20160428 "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/slbfake/slbfake/conformance/internal/slbv2models"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// callV2 runs a backend action of an error case through CallApi, the
// parameters in the query as the generated client puts them; an empty
// LoadBalancerId is left out, as by a caller who did not set it.
func callV2(c v2Clients, action, regionId, lbId, servers string) error {
	if action == "" {
		action = "AddBackendServers"
	}
	query := map[string]any{"RegionId": regionId, "BackendServers": servers}
	if lbId != "" {
		query["LoadBalancerId"] = lbId
	}
	_, err := callSLB[slbv2models.AddBackendServersResponse](c, action, query)
	return err
}

// TestDecisionErrorsThroughTheV2SDKs: every error row of decisions.md (the
// cases of TestDecisionErrorsThroughTheSDK) reaches a V2.0 client as a
// *tea.SDKError with the Go API's code, HTTP status and message, and the
// fake's error body (RequestId, HostId, Recommend) in Data.
func TestDecisionErrorsThroughTheV2SDKs(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		for _, tc := range errorCases() {
			t.Run(m.name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				e := prepareErrorCase(t, tc)
				c := newV2Clients(t, e.f, m)
				before := e.f.State()
				data := requireV2Error(t, callV2(c, tc.action, e.regionId, e.lbId, e.servers), string(e.want.Code), e.want.HTTPStatus, e.want.Message)
				require.Equal(t, e.want.RequestId, data["RequestId"], "one RequestId drawn per call on both paths")
				require.Equal(t, "slb.aliyuncs.com", data["HostId"])
				require.Contains(t, data["Recommend"], "requestId="+e.want.RequestId)
				require.Equal(t, before, e.f.State(), "a refused call changes nothing")
			})
		}
	}
}

// TestV2GatewayErrors: the gateway's own refusals of V3 requests, through
// the V2.0 clients.
func TestV2GatewayErrors(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := fake.New(fake.WithSeed(1))
			conn := connectV2(t, f, m)

			wrongSecret := newV2ClientsIn(t, conn, fake.DefaultAccessKeyId, "not-the-secret", "")
			_, err := wrongSecret.vpc.DescribeVpcs(&vpc20160428.DescribeVpcsRequest{RegionId: dara.String(region)})
			se, data := requireSDKError(t, err)
			require.Equal(t, "SignatureDoesNotMatch", tea.StringValue(se.Code))
			require.Equal(t, 400, tea.IntValue(se.StatusCode))
			require.True(t, strings.HasPrefix(data["Message"].(string),
				"Specified signature does not match our calculation. server string to sign is:ACS3-HMAC-SHA256\n"), data["Message"])
			require.Equal(t, "vpc.aliyuncs.com", data["HostId"])

			unknownKey := newV2ClientsIn(t, conn, "LTAI5tNobodyKnowsThisKey", fake.DefaultAccessKeySecret, "")
			_, err = callSLB[slbv2models.DescribeLoadBalancersResponse](unknownKey, "DescribeLoadBalancers", map[string]any{"RegionId": region})
			requireV2Error(t, err, "InvalidAccessKeyId.NotFound", 404, model.ErrInvalidAccessKeyId().Message)

			good := newV2ClientsIn(t, conn, fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret, "")
			_, err = callSLB[slbv2models.DescribeLoadBalancersResponse](good, "NoSuchAction", map[string]any{"RegionId": region})
			requireV2Error(t, err, "InvalidAction.NotFound", 404, model.ErrInvalidAction().Message)

			params := slbParams("DescribeLoadBalancers")
			params.Version = dara.String("2099-01-01")
			_, err = good.slb.CallApi(params, &openapiutil.OpenApiRequest{Query: openapiutil.Query(map[string]any{"RegionId": region})}, &dara.RuntimeOptions{})
			requireV2Error(t, err, "InvalidVersion", 400, model.ErrInvalidVersion().Message)

			require.Empty(t, f.State().LoadBalancers)
		})
	}
}

// TestV2SecurityToken: an STS credential (fake.AccessKey with a
// SecurityToken) works with Config.SecurityToken (the x-acs-security-token
// header); a wrong or missing token is refused; a key without a token
// ignores the token a client sends.
func TestV2SecurityToken(t *testing.T) {
	t.Parallel()
	sts := fake.AccessKey{Id: "STS.NUd2Dnq6kYpxwzSGLz9KzAzRf", Secret: "sts-secret", SecurityToken: "CAIS8gF1q6Ft5B2yfSjIr5bbHuvl"}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			f := fake.New(fake.WithSeed(1), fake.WithAccessKey(sts))
			conn := connectV2(t, f, m)
			create := func(c v2Clients) (*slbv2models.CreateLoadBalancerResponse, error) {
				return callSLB[slbv2models.CreateLoadBalancerResponse](c, "CreateLoadBalancer", map[string]any{"RegionId": region})
			}

			created, err := create(newV2ClientsIn(t, conn, sts.Id, sts.Secret, sts.SecurityToken))
			require.NoError(t, err)
			require.Len(t, f.State().LoadBalancers, 1)
			require.Equal(t, f.State().LoadBalancers[0].LoadBalancerId, tea.StringValue(created.Body.LoadBalancerId))
			require.Equal(t, fake.DefaultAccountId, f.State().LoadBalancers[0].AccountId, "the STS key acts as its account")

			_, err = create(newV2ClientsIn(t, conn, sts.Id, sts.Secret, "CAIS-not-the-token"))
			requireV2Error(t, err, "InvalidSecurityToken.MismatchWithAccessKey", 400, model.ErrInvalidSecurityToken().Message)
			_, err = create(newV2ClientsIn(t, conn, sts.Id, sts.Secret, ""))
			requireV2Error(t, err, "MissingSecurityToken", 400, model.ErrMissingSecurityToken().Message)
			require.Len(t, f.State().LoadBalancers, 1, "refused calls change nothing")

			_, err = create(newV2ClientsIn(t, conn, fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret, "any-token"))
			require.NoError(t, err, "a key without a token ignores the header")
			require.Len(t, f.State().LoadBalancers, 2)
		})
	}
}

// tamperingClient is a dara.HttpClient that alters each request after the
// client signed it, sends the altered one, and keeps the original so that a
// test can send it afterwards.
type tamperingClient struct {
	// send delivers a request: the fake's RoundTripper in process, the
	// runtime's transport on a loopback port.
	send   func(req *http.Request, tr *http.Transport) (*http.Response, error)
	tamper func(req *http.Request, body []byte) []byte

	mu       sync.Mutex
	original func() (*http.Response, error)
}

func (c *tamperingClient) Call(req *http.Request, tr *http.Transport) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
	}
	orig := req.Clone(req.Context())
	orig.Body, orig.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	c.mu.Lock()
	c.original = func() (*http.Response, error) { return c.send(orig, tr) }
	c.mu.Unlock()

	altered := c.tamper(req, bytes.Clone(body))
	req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(altered)), int64(len(altered))
	return c.send(req, tr)
}

// sendOriginal sends the last request as the client signed it.
func (c *tamperingClient) sendOriginal() (*http.Response, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.original()
}

// header returns the key under which h holds name, whatever its case
// (darabonba sets lower-case keys as they are).
func headerKey(h http.Header, name string) string {
	for k := range h {
		if strings.EqualFold(k, name) {
			return k
		}
	}
	return ""
}

// TestV2TamperedRequests: a request altered after the V2.0 client signed it
// (a query value, a signed header, the body, the signed header list, an
// unsigned x-acs-* header) is refused with SignatureDoesNotMatch or
// IncompleteSignature, changes nothing, and does not use up its nonce: the
// untampered original is accepted afterwards.
func TestV2TamperedRequests(t *testing.T) {
	t.Parallel()
	type tamperCase struct {
		name   string
		tamper func(t *testing.T, req *http.Request, body []byte, w tamperWorld) []byte
		code   string
	}
	cases := []tamperCase{
		{name: "query value", code: "SignatureDoesNotMatch", tamper: func(t *testing.T, req *http.Request, body []byte, w tamperWorld) []byte {
			q := req.URL.Query()
			require.Equal(t, w.lb, q.Get("LoadBalancerId"))
			q.Set("LoadBalancerId", w.otherLB)
			req.URL.RawQuery = q.Encode()
			return body
		}},
		{name: "signed header", code: "SignatureDoesNotMatch", tamper: func(t *testing.T, req *http.Request, body []byte, _ tamperWorld) []byte {
			k := headerKey(req.Header, "x-acs-action")
			require.Equal(t, []string{"AddBackendServers"}, req.Header[k])
			req.Header[k] = []string{"RemoveBackendServers"}
			return body
		}},
		{name: "unsigned x-acs header", code: "IncompleteSignature", tamper: func(t *testing.T, req *http.Request, body []byte, _ tamperWorld) []byte {
			req.Header["x-acs-extra"] = []string{"1"}
			return body
		}},
		{name: "content-type left out of SignedHeaders", code: "IncompleteSignature", tamper: func(t *testing.T, req *http.Request, body []byte, _ tamperWorld) []byte {
			k := headerKey(req.Header, "Authorization")
			auth := req.Header[k][0]
			require.Contains(t, auth, "SignedHeaders=content-type;host;")
			req.Header[k] = []string{strings.Replace(auth, "SignedHeaders=content-type;", "SignedHeaders=", 1)}
			return body
		}},
		{name: "body", code: "SignatureDoesNotMatch", tamper: func(t *testing.T, _ *http.Request, body []byte, w tamperWorld) []byte {
			require.Contains(t, string(body), w.web)
			return []byte(strings.Replace(string(body), w.web, w.other, 1)) // the same length
		}},
		{name: "body and its hash", code: "SignatureDoesNotMatch", tamper: func(t *testing.T, req *http.Request, body []byte, w tamperWorld) []byte {
			altered := []byte(strings.Replace(string(body), w.web, w.other, 1))
			sum := sha256.Sum256(altered)
			req.Header[headerKey(req.Header, "x-acs-content-sha256")] = []string{hex.EncodeToString(sum[:])}
			return altered
		}},
	}
	for _, m := range modes {
		for _, tc := range cases {
			t.Run(m.name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				f := fake.New(fake.WithSeed(1), fixedClock())
				w := newTamperWorld(t, f)
				client := &tamperingClient{tamper: func(req *http.Request, body []byte) []byte { return tc.tamper(t, req, body, w) }}
				conn := connectV2(t, f, m)
				if m.loopback {
					client.send = func(req *http.Request, tr *http.Transport) (*http.Response, error) { return tr.RoundTrip(req) }
				} else {
					rt := f.RoundTripper()
					client.send = func(req *http.Request, _ *http.Transport) (*http.Response, error) { return rt.RoundTrip(req) }
				}
				conn.http = client
				c := newV2ClientsIn(t, conn, fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret, "")

				// AddBackendServers with BackendServers in a form body, as
				// the generated client sends the parameters an API marks as
				// form data: content-type is then a signed header.
				before := f.State()
				_, err := callSLBWith[slbv2models.AddBackendServersResponse](c, "AddBackendServers", &openapiutil.OpenApiRequest{
					Query: openapiutil.Query(map[string]any{"RegionId": region, "LoadBalancerId": w.lb}),
					Body:  map[string]any{"BackendServers": backendList(w.web)},
				})
				se, data := requireSDKError(t, err)
				require.Equal(t, tc.code, tea.StringValue(se.Code), "message %q", data["Message"])
				require.Equal(t, 400, tea.IntValue(se.StatusCode))
				require.Equal(t, before, f.State(), "a refused request changes nothing")

				resp, err := client.sendOriginal()
				require.NoError(t, err)
				defer resp.Body.Close()
				raw, _ := io.ReadAll(resp.Body)
				require.Equal(t, 200, resp.StatusCode, "the original, signed request is accepted after the refusal: %s", raw)
				require.Len(t, f.State().Backends, 1)
				require.Equal(t, w.web, f.State().Backends[0].ServerId)
				require.Equal(t, w.lb, f.State().Backends[0].LoadBalancerId)
			})
		}
	}
}

// tamperWorld is two internet LBs and two running classic instances.
type tamperWorld struct{ lb, otherLB, web, other string }

func newTamperWorld(t *testing.T, f *fake.Fake) tamperWorld {
	t.Helper()
	w := newWorld(t, f)
	return tamperWorld{lb: w.internetLB(), otherLB: w.internetLB(), web: w.classic(), other: w.classic()}
}

// TestV2Faults: injected faults reach a V2.0 client as *tea.SDKError too,
// whichever error class darabonba picks (Throttling.User: ThrottlingError;
// 5xx: ServerError), and the client does not retry by default: one call.
func TestV2Faults(t *testing.T) {
	t.Parallel()
	for _, m := range modes {
		for _, fault := range []struct {
			code   string
			status int
		}{{"Throttling.User", 400}, {"ServiceUnavailable", 503}, {"InternalError", 500}} {
			t.Run(m.name+"/"+fault.code, func(t *testing.T) {
				t.Parallel()
				f := fake.New(fake.WithSeed(1), fake.WithFaults(fake.FaultRule{Action: "DescribeLoadBalancers", ErrorCode: model.Code(fault.code), First: 1}))
				c := newV2Clients(t, f, m)
				_, err := callSLB[slbv2models.DescribeLoadBalancersResponse](c, "DescribeLoadBalancers", map[string]any{"RegionId": region})
				_, data := requireSDKError(t, err)
				requireV2Error(t, err, fault.code, fault.status, data["Message"].(string))
				require.Len(t, f.CallsOf("DescribeLoadBalancers"), 1, "no retry by default")

				_, err = callSLB[slbv2models.DescribeLoadBalancersResponse](c, "DescribeLoadBalancers", map[string]any{"RegionId": region})
				require.NoError(t, err, "the rule acted once")
			})
		}
	}
}
