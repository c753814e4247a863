package engine

import (
	"testing"

	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

func TestSnapshotRestoreAndFork(t *testing.T) {
	t.Parallel()
	s, err := New(Config{IDs: model.NewIDSource(1)})
	require.NoError(t, err)
	lb, err := s.PutLoadBalancer(model.LoadBalancer{AccountId: "a", RegionId: "cn-hangzhou"})
	require.NoError(t, err)
	snap := s.Snapshot()
	before := s.Dump()

	_, e := s.DeleteLoadBalancer("a", &model.DeleteLoadBalancerRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb.LoadBalancerId})
	require.Nil(t, e)
	require.Empty(t, s.Dump().LoadBalancers)

	s.Restore(snap)
	require.Equal(t, before, s.Dump())
	s.Restore(snap) // a snapshot can be restored again
	require.Equal(t, before, s.Dump())

	fork, err := New(Config{IDs: model.NewIDSource(2)})
	require.NoError(t, err)
	fork.Restore(snap)
	require.Equal(t, before, fork.Dump())
	_, e = fork.DeleteLoadBalancer("a", &model.DeleteLoadBalancerRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb.LoadBalancerId})
	require.Nil(t, e)
	require.Equal(t, before, s.Dump(), "the fork does not touch the original")
	lb2, err := fork.PutLoadBalancer(model.LoadBalancer{AccountId: "a", RegionId: "cn-hangzhou"})
	require.NoError(t, err)
	require.Greater(t, lb2.Seq, lb.Seq, "new rows sort after restored ones")
}

func TestTrackedReportsCommittedChangesOnly(t *testing.T) {
	t.Parallel()
	s, err := New(Config{})
	require.NoError(t, err)
	lb, err := s.PutLoadBalancer(model.LoadBalancer{AccountId: "a", RegionId: "cn-hangzhou"})
	require.NoError(t, err)

	var changes []Change
	_, e := s.Tracked(&changes).SetLoadBalancerStatus("a", &model.SetLoadBalancerStatusRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb.LoadBalancerId, LoadBalancerStatus: "inactive"})
	require.Nil(t, e)
	require.Len(t, changes, 1)
	require.Equal(t, tableLoadBalancers, changes[0].Table)
	require.Equal(t, model.LBActive, changes[0].Before.(*model.LoadBalancer).Status)
	require.Equal(t, model.LBInactive, changes[0].After.(*model.LoadBalancer).Status)

	var none []Change
	_, e = s.Tracked(&none).SetLoadBalancerStatus("a", &model.SetLoadBalancerStatusRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb.LoadBalancerId, LoadBalancerStatus: "bogus"})
	require.NotNil(t, e)
	require.Empty(t, none, "a failed call commits nothing and reports nothing")
}
