package fake_test

// vServer groups through the Client and the wire, as the Kubernetes cloud
// controller drives them: a group per service port, members added in
// batches of 40 with its marshalled structs (lower-case keys, extra keys),
// read back, then removed when a node goes.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ccmBackends renders members as the cloud controller marshals them.
func ccmBackends(port int, ids ...string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf(`{"IsUserManaged":false,"NodeName":null,"TargetRef":{"kind":"Node","name":"node-%d"},"serverId":%q,"serverIp":"","port":%d,"weight":100,"type":"ecs","description":"k8s/%d/web/default/c1"}`, i, id, port, port)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func TestCloudControllerVServerGroupFlow(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	vpc := w.vpc("192.168.0.0/16")
	vsw := w.vswitch(vpc, "192.168.0.0/20", "")
	lb := w.internetLB()
	nodes := make([]string, 45)
	for i := range nodes {
		nodes[i] = w.inVpc(vsw)
	}
	g := w.group(lb, "")

	// A batch of 40 (the controller's default), then the rest.
	require.NoError(t, w.addToGroup(g, ccmBackends(30080, nodes[:40]...)))
	require.NoError(t, w.addToGroup(g, ccmBackends(30080, nodes[40:]...)))
	got := w.members(g)
	require.Len(t, got, 45)
	assert.Equal(t, nodes[0], got[0].ServerId)
	assert.Equal(t, 30080, got[0].Port)
	assert.Equal(t, "k8s/30080/web/default/c1", got[0].Description)

	// A node goes: the controller removes it.
	_, err := w.c.RemoveVServerGroupBackendServers(w.ctx, &model.RemoveVServerGroupBackendServersRequest{RegionId: region, VServerGroupId: g, BackendServers: ccmBackends(30080, nodes[3])})
	require.NoError(t, err)
	assert.Len(t, w.members(g), 44)

	list, err := w.c.DescribeVServerGroups(w.ctx, &model.DescribeVServerGroupsRequest{RegionId: region, LoadBalancerId: lb})
	require.NoError(t, err)
	require.Len(t, list.VServerGroups.VServerGroup, 1)
	assert.Equal(t, int64(44), list.VServerGroups.VServerGroup[0].ServerCount)
}

// TestVServerGroupOnTheWire: the JSON of a signed AddVServerGroupBackendServers
// and DescribeVServerGroupAttribute has the SDK's shapes (Port and Weight
// numbers, BackendServers.BackendServer[]).
func TestVServerGroupOnTheWire(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	lb := w.internetLB()
	inst := w.classic()
	g := w.group(lb, "")
	call := func(params map[string]string, nonce string) map[string]any {
		rec := httptest.NewRecorder()
		w.f.Handler().ServeHTTP(rec, w.signed(params, fake.DefaultAccessKeySecret, nonce))
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var body map[string]any
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
		return body
	}
	add := call(map[string]string{"Action": "AddVServerGroupBackendServers", "Version": "2014-05-15", "RegionId": region,
		"VServerGroupId": g, "BackendServers": ccmBackends(443, inst)}, "n1")
	assert.Equal(t, g, add["VServerGroupId"])
	member := add["BackendServers"].(map[string]any)["BackendServer"].([]any)[0].(map[string]any)
	assert.Equal(t, map[string]any{"ServerId": inst, "Port": 443.0, "Weight": 100.0, "Type": "ecs", "Description": "k8s/443/web/default/c1"}, member)

	attr := call(map[string]string{"Action": "DescribeVServerGroupAttribute", "Version": "2014-05-15", "RegionId": region, "VServerGroupId": g}, "n2")
	assert.Equal(t, lb, attr["LoadBalancerId"])
	member = attr["BackendServers"].(map[string]any)["BackendServer"].([]any)[0].(map[string]any)
	assert.Equal(t, 443.0, member["Port"])
	assert.NotEmpty(t, member["ServerIp"])

	err := w.wire(w.signed(map[string]string{"Action": "DeleteVServerGroup", "Version": "2014-05-15", "RegionId": region, "VServerGroupId": "rsp-bp1nosuchgroup0000000"}, fake.DefaultAccessKeySecret, "n3"))
	requireAPIErr(t, err, apiErr{http.StatusNotFound, "InvalidParameter", "The specified VServerGroupId does not exist."})
}
