package fake_test

import (
	"fmt"
	"strings"

	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// The world's vServer group helpers.

// group creates a vServer group on an LB, with the members servers names
// ("" for none), and returns its ID.
func (w *world) group(lbId, servers string) string {
	w.t.Helper()
	resp, err := w.c.CreateVServerGroup(w.ctx, &model.CreateVServerGroupRequest{RegionId: w.region, LoadBalancerId: lbId, VServerGroupName: "g", BackendServers: servers})
	require.NoError(w.t, err)
	return resp.VServerGroupId
}

// addToGroup adds members to a group.
func (w *world) addToGroup(groupId, servers string) error {
	_, err := w.c.AddVServerGroupBackendServers(w.ctx, &model.AddVServerGroupBackendServersRequest{RegionId: w.region, VServerGroupId: groupId, BackendServers: servers})
	return err
}

// members returns a group's members as DescribeVServerGroupAttribute lists them.
func (w *world) members(groupId string) []model.GroupBackendServerView {
	w.t.Helper()
	resp, err := w.c.DescribeVServerGroupAttribute(w.ctx, &model.DescribeVServerGroupAttributeRequest{RegionId: w.region, VServerGroupId: groupId})
	require.NoError(w.t, err)
	return resp.BackendServers.BackendServer
}

// onPort renders a group BackendServers value: each server on port.
func onPort(port int, ids ...string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf(`{"ServerId":%q,"Port":%d}`, id, port)
	}
	return "[" + strings.Join(parts, ",") + "]"
}
