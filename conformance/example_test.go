package conformance

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/slb"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

func TestOfficialSDKInProcess(t *testing.T) {
	f := fake.New()
	lb, err := f.PutLoadBalancer(model.LoadBalancer{RegionId: "cn-hangzhou"})
	require.NoError(t, err)

	client, err := slb.NewClientWithAccessKey("cn-hangzhou", fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)
	require.NoError(t, err)
	client.SetTransport(f.RoundTripper()) // served in-process: no socket
	client.Domain = "slb.fake.local"      // any host: it skips the SDK's endpoint lookup

	req := slb.CreateAddBackendServersRequest()
	req.LoadBalancerId = lb.LoadBalancerId
	req.BackendServers = `[{"ServerId":"i-bp1notthere0000000001"}]`
	_, err = client.AddBackendServers(req)
	require.ErrorContains(t, err, "ObtainIpFail") // a *errors.ServerError, status 400
}

func TestOfficialSDKOnALoopbackPort(t *testing.T) {
	f := fake.New()
	srv := f.StartTestServer(t) // closed by t.Cleanup

	client, err := slb.NewClientWithAccessKey("cn-hangzhou", fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)
	require.NoError(t, err)
	client.Domain = srv.Listener.Addr().String() // 127.0.0.1:PORT, over HTTP (the SDK's default scheme)
	client.SetNoProxy("127.0.0.1")               // never through an HTTP_PROXY of the environment

	req := slb.CreateCreateLoadBalancerRequest()
	req.AddressType = "internet"
	resp, err := client.CreateLoadBalancer(req)
	require.NoError(t, err)
	require.Len(t, f.State().LoadBalancers, 1)
	require.Equal(t, f.State().LoadBalancers[0].LoadBalancerId, resp.LoadBalancerId)
}

// ExampleFake_RoundTripper points the official SDK at a fake in process.
func ExampleFake_RoundTripper() {
	f := fake.New()
	client, err := slb.NewClientWithAccessKey("cn-hangzhou", fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret)
	if err != nil {
		panic(err)
	}
	client.SetTransport(f.RoundTripper())
	client.Domain = "slb.fake.local"

	req := slb.CreateCreateLoadBalancerRequest()
	req.AddressType = "intranet"
	resp, err := client.CreateLoadBalancer(req)
	if err != nil {
		panic(err)
	}
	fmt.Println(resp.NetworkType, len(f.State().LoadBalancers))

	missing := slb.CreateDescribeLoadBalancerAttributeRequest()
	missing.LoadBalancerId = "lb-bp1doesnotexist000000"
	_, err = client.DescribeLoadBalancerAttribute(missing)
	var serverErr *sdkerrors.ServerError
	if errors.As(err, &serverErr) {
		fmt.Println(serverErr.HttpStatus(), serverErr.ErrorCode())
	}
	// Output:
	// classic 1
	// 404 InvalidLoadBalancerId.NotFound
}

// ExampleFake_Handler mounts the fake's endpoint in a server of one's own.
func ExampleFake_Handler() {
	f := fake.New()
	mux := http.NewServeMux()
	mux.Handle("/", f.Handler()) // the RPC endpoint, and the admin endpoint under /_slbfake/
	srv := httptest.NewServer(mux)
	defer srv.Close()

	resp, err := http.Get(srv.URL + fake.AdminPrefix + "calls")
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"))
	// Output:
	// 200 application/x-ndjson
}
