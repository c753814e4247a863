package conformance

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/slb"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// TestDiffCatchesDifferences checks the comparison the other tests rely on:
// it must see a changed value, a missing list element, an SDK-only value and
// a field the SDK does not know, and must let numbers and strings meet.
func TestDiffCatchesDifferences(t *testing.T) {
	t.Parallel()
	api := &model.AddBackendServersResponse{LoadBalancerId: "lb-1", BackendServers: model.BackendServers{
		BackendServer: []model.BackendServerView{{ServerId: "i-1", Weight: 100, Type: "ecs"}},
	}}
	run := func(api, sdk any) (mismatches, unknown []string) {
		diff("X", normalize(t, api), normalize(t, sdk), &mismatches, &unknown)
		return
	}
	sdk := func() *slb.AddBackendServersResponse {
		return &slb.AddBackendServersResponse{LoadBalancerId: "lb-1", BackendServers: slb.BackendServersInAddBackendServers{
			BackendServer: []slb.BackendServer{{ServerId: "i-1", Weight: "100", Type: "ecs"}},
		}}
	}

	m, u := run(api, sdk())
	require.Empty(t, m, "Weight 100 and \"100\" are the same value to the SDK")
	require.Empty(t, u)

	changed := sdk()
	changed.LoadBalancerId = "lb-2"
	m, _ = run(api, changed)
	require.Equal(t, []string{`X.LoadBalancerId: Go API "lb-1", SDK "lb-2"`}, m)

	short := sdk()
	short.BackendServers.BackendServer = nil
	m, _ = run(api, short)
	require.Len(t, m, 1)

	extra := sdk()
	extra.BackendServers.BackendServer[0].Port = 80
	m, _ = run(api, extra)
	require.Equal(t, []string{"X.BackendServers.BackendServer[0].Port: only the SDK has it, non-zero: 80"}, m)

	m, u = run(struct {
		model.AddBackendServersResponse
		Surprise string
	}{*api, "x"}, sdk())
	require.Empty(t, m)
	require.Equal(t, []string{"X.Surprise"}, u)
}

// TestModelTypeDiffsReadsEmbeddedStructs checks the typed-model check on a
// model that embeds structs, as the listener attribute bodies do: the
// embedded members are the model's, a member of neither is reported, and a
// wrong kind inside an embedded struct is reported at its flat path.
func TestModelTypeDiffsReadsEmbeddedStructs(t *testing.T) {
	t.Parallel()
	type inner struct {
		Port *int32 `json:"Port,omitempty"`
	}
	type body struct {
		inner
		Name *string `json:"Name,omitempty"`
	}
	check := func(v map[string]any) map[string]string {
		out := map[string]string{}
		modelTypeDiffs("X", v, reflect.TypeOf(body{}), out)
		return out
	}
	require.Empty(t, check(map[string]any{"Name": "a", "Port": json.Number("80")}))
	require.Equal(t, map[string]string{"X.Surprise": notInModel, "X.inner": notInModel},
		check(map[string]any{"Port": json.Number("80"), "Surprise": "x", "inner": map[string]any{}}))
	require.Equal(t, map[string]string{"X.Port": "the fake sends a string, the model has int32"},
		check(map[string]any{"Port": "80"}))
}
