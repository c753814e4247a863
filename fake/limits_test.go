package fake_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// TestOversizedRequestsAreRefusedUnread: a query over 64 KiB or a body over
// 1 MiB is refused by its size, with the connection closed, and never
// becomes a call.
func TestOversizedRequestsAreRefusedUnread(t *testing.T) {
	t.Parallel()
	f := fake.New()
	srv := f.StartTestServer(t)

	resp, err := http.Get(srv.URL + "/?Action=DescribeVpcs&X=" + strings.Repeat("a", 64<<10))
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.Equal(t, http.StatusRequestURITooLong, resp.StatusCode)
	require.True(t, resp.Close, "the connection is closed")

	big := strings.Repeat("a", 10<<20)
	resp, err = http.Post(srv.URL+"/", "application/x-www-form-urlencoded", strings.NewReader("Unknown="+big))
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	require.True(t, resp.Close)

	// A body that declares no length is cut at the limit.
	pr, pw := io.Pipe()
	go func() {
		_, _ = io.Copy(pw, strings.NewReader("Unknown="+big))
		_ = pw.Close()
	}()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/", pr)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	require.Empty(t, f.Calls())
}

// TestLongNonceIsRefused: a nonce is a bounded thing the fake keeps.
func TestLongNonceIsRefused(t *testing.T) {
	t.Parallel()
	f := fake.New()
	params := map[string]string{"Action": "DescribeVpcs", "Version": "2016-04-28", "RegionId": "cn-hangzhou"}
	status, body, _ := serve(f, signedRequest(t, http.MethodGet, params, fake.DefaultAccessKeySecret, time.Now(), strings.Repeat("n", 129)))
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, `"The specified parameter \"SignatureNonce\" is not valid."`)
	status, body, _ = serve(f, signedRequest(t, http.MethodGet, params, fake.DefaultAccessKeySecret, time.Now(), strings.Repeat("n", 128)))
	require.Equal(t, http.StatusOK, status, body)
}

// TestHugeBackendServersCostsWhatTwentyCost: a 10 MB BackendServers value is
// refused by its size, over the wire and through the Client, and changes
// nothing.
func TestHugeBackendServersCostsWhatTwentyCost(t *testing.T) {
	t.Parallel()
	f := seedWorld(t)
	before := f.State()
	huge := "[" + strings.Repeat("0,", 5<<20) + "0]"
	_, err := f.Client().AddBackendServers(context.Background(), &model.AddBackendServersRequest{
		RegionId: "cn-beijing", LoadBalancerId: "lb-2ze7o5h52g02kkzze7lru", BackendServers: huge})
	require.ErrorIs(t, err, model.ErrBackendServersInvalid())
	require.Equal(t, before, f.State())

	// On a missing LB the LB's error still comes first.
	_, err = f.Client().AddBackendServers(context.Background(), &model.AddBackendServersRequest{
		RegionId: "cn-beijing", LoadBalancerId: "lb-missing", BackendServers: huge})
	require.ErrorIs(t, err, model.ErrLoadBalancerNotFound())
}
