package engine

import (
	"testing"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// putGroupForTest stores a vServer group row directly: the group actions are
// built beside the listeners, and a listener only needs the group to exist
// and its LoadBalancerId.
func putGroupForTest(t *testing.T, s *Store, g model.VServerGroup) {
	t.Helper()
	require.Nil(t, s.write(func(txn *memdb.Txn) *model.Error {
		g.Seq = s.nextSeq()
		insert(txn, tableVServerGroups, &g)
		return nil
	}))
}

func TestListenerOfAVServerGroup(t *testing.T) {
	t.Parallel()
	s, err := New(Config{IDs: model.NewIDSource(5)})
	require.NoError(t, err)
	lb, err := s.PutLoadBalancer(model.LoadBalancer{AccountId: "a", RegionId: "cn-hangzhou"})
	require.NoError(t, err)
	other, err := s.PutLoadBalancer(model.LoadBalancer{AccountId: "a", RegionId: "cn-hangzhou"})
	require.NoError(t, err)
	putGroupForTest(t, s, model.VServerGroup{VServerGroupId: "rsp-bp1mine", LoadBalancerId: lb.LoadBalancerId, AccountId: "a", RegionId: "cn-hangzhou"})
	putGroupForTest(t, s, model.VServerGroup{VServerGroupId: "rsp-bp1other", LoadBalancerId: other.LoadBalancerId, AccountId: "a", RegionId: "cn-hangzhou"})
	create := func(group string) *model.Error {
		_, e := s.CreateLoadBalancerTCPListener("a", &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
			RegionId: "cn-hangzhou", LoadBalancerId: lb.LoadBalancerId, ListenerPort: 80, Bandwidth: -1, VServerGroupId: group}})
		return e
	}
	require.Equal(t, model.ErrVServerGroupNotFound().Entry(), create("rsp-bp1other").Entry(), "a group of another LB")
	require.Nil(t, create("rsp-bp1mine"), "no BackendServerPort needed with a group")

	var users []*model.Listener
	require.Nil(t, s.read(func(txn *memdb.Txn) *model.Error {
		users = listenersUsingGroupTxn(txn, "rsp-bp1mine")
		return nil
	}))
	require.Len(t, users, 1)
	require.Equal(t, 80, users[0].ListenerPort)

	_, e := s.StartLoadBalancerListener("a", &model.ListenerRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb.LoadBalancerId, ListenerPort: 80})
	require.Nil(t, e)
	resp, e := s.DescribeHealthStatus("a", &model.ListenerRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb.LoadBalancerId})
	require.Nil(t, e)
	require.Empty(t, resp.BackendServers.BackendServer, "the group has no members")

	// Switching back to the default server group needs a BackendServerPort.
	_, e = s.SetLoadBalancerTCPListenerAttribute("a", &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
		RegionId: "cn-hangzhou", LoadBalancerId: lb.LoadBalancerId, ListenerPort: 80, VServerGroup: "off"}})
	require.Equal(t, model.ErrMissingParameter("BackendServerPort").Message, e.Message)

	// A listener of a group of its LB is a valid State.
	require.NoError(t, s.Validate(s.Dump()))
}
