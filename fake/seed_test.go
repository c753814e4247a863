package fake_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// seedJSON is the JSON example of shared/seed/AddBackendServers.zh.md.
const seedJSON = `{
	"RequestId":"34B82C81-F13B-4EEB-99F6-A048C67CC830",
	"BackendServers":{
		"BackendServer":[
			{"ServerId":"i-2zej4lxhjoq1icue6kup","Weight":100,"Type":"ecs"},
			{"ServerId":"i-2ze1u9ywulp5pbvvc7hv","Weight":100,"Type":"ecs"}
		]
	},
	"LoadBalancerId":"lb-2ze7o5h52g02kkzze7lru"
}`

// seedWorld builds the seed's world (seed 1, in cn-beijing, with the seed's
// IDs): two Running VPC instances and a VPC LB that accepts them. It returns
// the fake, which is what its users (and BenchmarkWire) serve.
func seedWorld(t *testing.T) *fake.Fake {
	t.Helper()
	w := newWorld(t, fake.WithSeed(1))
	w.region = "cn-beijing"
	vsw := w.vswitch(w.vpc("192.168.0.0/16"), "192.168.1.0/24", "cn-beijing-h")
	for _, id := range []string{"i-2zej4lxhjoq1icue6kup", "i-2ze1u9ywulp5pbvvc7hv"} {
		w.putInstance(model.Instance{InstanceId: id, VSwitchId: vsw.VSwitchId})
	}
	w.lb(model.LoadBalancer{LoadBalancerId: "lb-2ze7o5h52g02kkzze7lru", VSwitchId: vsw.VSwitchId})
	return w.f
}

func TestSeedExample(t *testing.T) {
	t.Parallel()
	f := seedWorld(t)
	resp, err := f.Client().AddBackendServers(context.Background(), &model.AddBackendServersRequest{
		RegionId:       "cn-beijing",
		LoadBalancerId: "lb-2ze7o5h52g02kkzze7lru",
		BackendServers: `[{"ServerId":"i-2zej4lxhjoq1icue6kup","Weight":"100"},{"ServerId":"i-2ze1u9ywulp5pbvvc7hv","Weight":"100"}]`,
	})
	require.NoError(t, err)
	require.Regexp(t, `^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`, resp.RequestId)

	var want, got map[string]any
	require.NoError(t, json.Unmarshal([]byte(seedJSON), &want))
	raw, err := json.Marshal(resp)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &got))
	require.Equal(t, want["RequestId"].(string) != "", got["RequestId"].(string) != "")
	delete(want, "RequestId")
	delete(got, "RequestId")
	require.Equal(t, want, got)
}
