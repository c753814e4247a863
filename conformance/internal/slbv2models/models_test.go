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
// fields, each with a json tag naming its wire member and no other tag.
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
			require.False(t, f.Anonymous, "%s.%s: no embedding (the typed-model check does not flatten)", typ, f.Name)
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
	} {
		walk(reflect.TypeOf(r))
	}
}
