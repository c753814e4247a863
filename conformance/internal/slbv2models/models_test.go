package slbv2models

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/alibabacloud-go/tea/dara"
	"github.com/stretchr/testify/require"
)

// TestResponsesDecodeLikeCallApi decodes a CallApi-shaped result into every
// response type with dara.Convert, as the conformance tests do.
func TestResponsesDecodeLikeCallApi(t *testing.T) {
	result := func(body map[string]any) map[string]any {
		return map[string]any{"headers": map[string]any{"x-acs-request-id": "r-1"}, "statusCode": 200, "body": body}
	}
	backends := map[string]any{"BackendServer": []any{map[string]any{"ServerId": "i-1", "Type": "ecs", "Weight": 100}}}

	var created CreateLoadBalancerResponse
	require.NoError(t, dara.Convert(result(map[string]any{"RequestId": "r-1", "LoadBalancerId": "lb-1", "OrderId": 7}), &created))
	require.Equal(t, int32(200), *created.StatusCode)
	require.Equal(t, "lb-1", *created.Body.LoadBalancerId)
	require.Equal(t, int64(7), *created.Body.OrderId)

	var deleted DeleteLoadBalancerResponse
	require.NoError(t, dara.Convert(result(map[string]any{"RequestId": "r-2"}), &deleted))
	require.Equal(t, "r-2", *deleted.Body.RequestId)

	var listed DescribeLoadBalancersResponse
	require.NoError(t, dara.Convert(result(map[string]any{"TotalCount": 1, "LoadBalancers": map[string]any{
		"LoadBalancer": []any{map[string]any{"LoadBalancerId": "lb-1", "Bandwidth": 5, "CreateTimeStamp": 1504147745000}}}}), &listed))
	require.Len(t, listed.Body.LoadBalancers.LoadBalancer, 1)
	require.Equal(t, int64(1504147745000), *listed.Body.LoadBalancers.LoadBalancer[0].CreateTimeStamp)

	var attr DescribeLoadBalancerAttributeResponse
	require.NoError(t, dara.Convert(result(map[string]any{"LoadBalancerId": "lb-1", "BackendServers": backends,
		"ListenerPorts": map[string]any{"ListenerPort": []any{80, 443}}}), &attr))
	require.Equal(t, int32(100), *attr.Body.BackendServers.BackendServer[0].Weight)
	require.Len(t, attr.Body.ListenerPorts.ListenerPort, 2)

	var removed RemoveBackendServersResponse
	require.NoError(t, dara.Convert(result(map[string]any{"LoadBalancerId": "lb-1", "BackendServers": backends}), &removed))
	require.Equal(t, int32(100), *removed.Body.BackendServers.BackendServer[0].Weight)

	// darabonba's decoder is lenient: the number 100 fits the String Weight.
	var added AddBackendServersResponse
	require.NoError(t, dara.Convert(result(map[string]any{"LoadBalancerId": "lb-1", "BackendServers": backends}), &added))
	require.Equal(t, "100", *added.Body.BackendServers.BackendServer[0].Weight)
}

// TestWeightTypes pins the documented JSON type of Weight in each backend
// list: a strict decoder refuses the other kind, which is what the
// conformance tests' typed-model check reports.
func TestWeightTypes(t *testing.T) {
	strict := func(raw string, v any) error {
		dec := json.NewDecoder(strings.NewReader(raw))
		dec.DisallowUnknownFields()
		return dec.Decode(v)
	}
	require.Error(t, strict(`{"Weight":100}`, new(ChangedBackendServer)), "Add/SetBackendServers: Weight is a String")
	require.NoError(t, strict(`{"Weight":"100"}`, new(ChangedBackendServer)))
	require.Error(t, strict(`{"Weight":"100"}`, new(RemainingBackendServer)), "RemoveBackendServers: Weight is an Integer")
	require.NoError(t, strict(`{"Weight":100}`, new(RemainingBackendServer)))
	require.Error(t, strict(`{"Weight":"100"}`, new(AttributeBackendServer)), "DescribeLoadBalancerAttribute: Weight is an Integer")
	require.NoError(t, strict(`{"Weight":100,"ServerIp":"192.168.1.5"}`, new(AttributeBackendServer)))
	require.Error(t, strict(`{"VpcId":"vpc-1"}`, new(AttributeBackendServer)), "the reference lists no VpcId for a backend")
	require.Error(t, strict(`{"ServerIp":"192.168.1.5"}`, new(ChangedBackendServer)), "nor a ServerIp in the Add/Set answers")
}

// TestOnlyJSONTags checks the declarations' form: pointer, slice or map
// fields, each with a json tag naming its wire member and no other tag, and
// embedded structs without a tag.
func TestOnlyJSONTags(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			if f.Anonymous {
				// An embedded struct lends its members, flat, as
				// encoding/json and the typed-model check read it.
				require.Equal(t, reflect.Struct, f.Type.Kind(), "%s.%s: only structs are embedded", typ, f.Name)
				require.Empty(t, string(f.Tag), "%s.%s: an embedded struct has no tag", typ, f.Name)
				walk(f.Type)
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			require.Equal(t, "omitempty", opts, "%s.%s", typ, f.Name)
			require.Equal(t, `json:"`+name+`,omitempty"`, string(f.Tag), "%s.%s: only a json tag", typ, f.Name)
			if strings.HasPrefix(typ.Name(), "Response[") {
				require.Contains(t, []string{"headers", "statusCode", "body"}, name)
			} else {
				require.Equal(t, f.Name, name, "%s.%s: the wire name", typ, f.Name)
			}
			k := f.Type.Kind()
			require.True(t, k == reflect.Pointer || k == reflect.Slice || k == reflect.Map, "%s.%s: %s", typ, f.Name, f.Type)
			walk(f.Type)
		}
	}
	for _, r := range []any{
		CreateLoadBalancerResponse{}, DeleteLoadBalancerResponse{}, SetLoadBalancerStatusResponse{},
		DescribeLoadBalancersResponse{}, DescribeLoadBalancerAttributeResponse{},
		AddBackendServersResponse{}, RemoveBackendServersResponse{}, SetBackendServersResponse{},
		CreateVServerGroupResponse{}, SetVServerGroupAttributeResponse{}, DescribeVServerGroupsResponse{},
		DescribeVServerGroupAttributeResponse{}, DescribeLoadBalancerListenersResponse{},
		DescribeLoadBalancerTCPListenerAttributeResponse{}, DescribeLoadBalancerUDPListenerAttributeResponse{},
		DescribeLoadBalancerHTTPListenerAttributeResponse{}, DescribeLoadBalancerHTTPSListenerAttributeResponse{},
		DescribeHealthStatusResponse{},
	} {
		walk(reflect.TypeOf(r))
	}
}

// TestListenerModels decodes the listener answers as CallApi hands them
// over: DescribeLoadBalancerListeners' bare Listeners array, and an
// attribute answer whose members are flat although the model embeds the
// shared ones.
func TestListenerModels(t *testing.T) {
	result := func(body map[string]any) map[string]any {
		return map[string]any{"statusCode": 200, "body": body}
	}
	var listed DescribeLoadBalancerListenersResponse
	require.NoError(t, dara.Convert(result(map[string]any{"TotalCount": 2, "MaxResults": 20, "Listeners": []any{
		map[string]any{"ListenerPort": 80, "ListenerProtocol": "tcp", "TCPListenerConfig": map[string]any{"HealthCheckInterval": 3}},
		map[string]any{"ListenerPort": 443, "ListenerProtocol": "https", "HTTPSListenerConfig": map[string]any{
			"ServerCertificateId": "c-1", "StickySession": "off"}},
	}}), &listed))
	require.Len(t, listed.Body.Listeners, 2)
	require.Equal(t, int32(3), *listed.Body.Listeners[0].TCPListenerConfig.HealthCheckInterval)
	require.Equal(t, "c-1", *listed.Body.Listeners[1].HTTPSListenerConfig.ServerCertificateId)
	require.Equal(t, "off", *listed.Body.Listeners[1].HTTPSListenerConfig.StickySession)

	var attr DescribeLoadBalancerHTTPListenerAttributeResponse
	require.NoError(t, dara.Convert(result(map[string]any{"RequestId": "r-1", "ListenerPort": 80, "Status": "running",
		"CookieTimeout": 600, "ForwardPort": 443, "SecurityStatus": "on"}), &attr))
	require.Equal(t, "r-1", *attr.Body.RequestId)
	require.Equal(t, int32(80), *attr.Body.ListenerPort)
	require.Equal(t, int32(600), *attr.Body.CookieTimeout)
	require.Equal(t, int32(443), *attr.Body.ForwardPort)

	var health DescribeHealthStatusResponse
	require.NoError(t, dara.Convert(result(map[string]any{"BackendServers": map[string]any{"BackendServer": []any{
		map[string]any{"ServerId": "i-1", "Port": 8080, "ListenerPort": 80, "Protocol": "TCP", "ServerHealthStatus": "normal"}}}}), &health))
	require.Equal(t, "normal", *health.Body.BackendServers.BackendServer[0].ServerHealthStatus)

	strict := func(raw string, v any) error {
		dec := json.NewDecoder(strings.NewReader(raw))
		dec.DisallowUnknownFields()
		return dec.Decode(v)
	}
	require.Error(t, strict(`{"PersistenceTimeout":0}`, new(UDPListenerConfig)), "the reference lists no UDP PersistenceTimeout")
	require.NoError(t, strict(`{"PersistenceTimeout":0}`, new(TCPListenerConfig)))
	require.Error(t, strict(`{"Listeners":{"Listener":[]}}`, new(DescribeLoadBalancerListenersBody)), "Listeners is a bare array")
}
