package conformance

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	ecs "github.com/alibabacloud-go/ecs-20140526/v7/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// httpClient lets a darabonba client (Config.HttpClient) call the fake in process.
type httpClient struct{ http.RoundTripper }

func (c httpClient) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	return c.RoundTrip(req) // f.RoundTripper(): no socket
}

func TestV2SDKInProcess(t *testing.T) {
	f := fake.New()
	lb, err := f.PutLoadBalancer(model.LoadBalancer{RegionId: "cn-hangzhou"})
	require.NoError(t, err)

	client, err := openapi.NewClient(&openapi.Config{
		AccessKeyId:     dara.String(fake.DefaultAccessKeyId),
		AccessKeySecret: dara.String(fake.DefaultAccessKeySecret),
		Endpoint:        dara.String("slb.fake.local"), // any host: never resolved
		Protocol:        dara.String("HTTP"),
		HttpClient:      httpClient{f.RoundTripper()}, // served in-process: no socket
	})
	require.NoError(t, err)

	// No generated SLB client is published for Go: CallApi with the Params it would build.
	params := &openapi.Params{Action: dara.String("AddBackendServers"), Version: dara.String("2014-05-15"),
		Protocol: dara.String("HTTPS"), Pathname: dara.String("/"), Method: dara.String("POST"), AuthType: dara.String("AK"),
		Style: dara.String("RPC"), ReqBodyType: dara.String("formData"), BodyType: dara.String("json")}
	query := openapiutil.Query(map[string]any{"RegionId": "cn-hangzhou", "LoadBalancerId": lb.LoadBalancerId,
		"BackendServers": `[{"ServerId":"i-bp1notthere0000000001"}]`})
	_, err = client.CallApi(params, &openapi.OpenApiRequest{Query: query}, &dara.RuntimeOptions{})

	var sdkErr *tea.SDKError // every service error, with Code, StatusCode, Message, Data
	require.ErrorAs(t, err, &sdkErr)
	require.Equal(t, "ObtainIpFail", tea.StringValue(sdkErr.Code))
	require.Equal(t, 400, tea.IntValue(sdkErr.StatusCode))
}

func TestV2SDKOnALoopbackPort(t *testing.T) {
	f := fake.New()
	addr := f.StartTestServer(t).Listener.Addr().String() // 127.0.0.1:PORT, closed by t.Cleanup

	client, err := ecs.NewClient(&openapi.Config{ // the generated ECS client, Signature V3 as by default
		AccessKeyId:     dara.String(fake.DefaultAccessKeyId),
		AccessKeySecret: dara.String(fake.DefaultAccessKeySecret),
		Endpoint:        dara.String(addr), // wins over every endpoint lookup
		Protocol:        dara.String("HTTP"),
		NoProxy:         dara.String(addr), // never through an HTTP_PROXY of the environment
	})
	require.NoError(t, err)

	resp, err := client.CreateInstance(&ecs.CreateInstanceRequest{RegionId: dara.String("cn-hangzhou"),
		ImageId: dara.String("aliyun_3_x64_20G_alibase_20240819.vhd"), InstanceType: dara.String("ecs.g7.large")})
	require.NoError(t, err)
	require.Len(t, f.State().Instances, 1)
	require.Equal(t, f.State().Instances[0].InstanceId, tea.StringValue(resp.Body.InstanceId))
}

// ExampleFake_RoundTripper_v2SDK points a V2.0 (darabonba) client at a fake
// in process, through an adapter from http.RoundTripper to dara.HttpClient.
func ExampleFake_RoundTripper_v2SDK() {
	f := fake.New()
	client, err := openapi.NewClient(&openapi.Config{
		AccessKeyId:     dara.String(fake.DefaultAccessKeyId),
		AccessKeySecret: dara.String(fake.DefaultAccessKeySecret),
		Endpoint:        dara.String("slb.fake.local"),
		Protocol:        dara.String("HTTP"),
		HttpClient:      httpClient{f.RoundTripper()},
	})
	if err != nil {
		panic(err)
	}
	call := func(action string, query map[string]any) (map[string]any, error) {
		return client.CallApi(slbParams(action), &openapi.OpenApiRequest{Query: openapiutil.Query(query)}, &dara.RuntimeOptions{})
	}

	created, err := call("CreateLoadBalancer", map[string]any{"RegionId": "cn-hangzhou", "AddressType": "intranet"})
	if err != nil {
		panic(err)
	}
	body := created["body"].(map[string]any)
	fmt.Println(created["statusCode"], body["NetworkType"], len(f.State().LoadBalancers))

	_, err = call("DescribeLoadBalancerAttribute", map[string]any{"RegionId": "cn-hangzhou", "LoadBalancerId": "lb-bp1doesnotexist000000"})
	var sdkErr *tea.SDKError
	if errors.As(err, &sdkErr) {
		fmt.Println(tea.IntValue(sdkErr.StatusCode), tea.StringValue(sdkErr.Code))
	}
	// Output:
	// 200 classic 1
	// 404 InvalidLoadBalancerId.NotFound
}
