package fake_test

import (
	"context"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

func TestSnapshotRestoreAndFork(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := seedWorld(t)
	snap := f.Snapshot()
	empty := f.State()

	add := func(g *fake.Fake) error {
		_, err := g.Client().AddBackendServers(ctx, &model.AddBackendServersRequest{RegionId: "cn-beijing",
			LoadBalancerId: "lb-2ze7o5h52g02kkzze7lru", BackendServers: `[{"ServerId":"i-2zej4lxhjoq1icue6kup"}]`})
		return err
	}
	fork := f.Fork(fake.WithSeed(99))
	require.NoError(t, add(f))
	require.Len(t, f.State().Backends, 1)
	require.Equal(t, empty, fork.State(), "the fork was taken before the add")

	require.NoError(t, add(fork), "the fork takes its own branch")
	f.Restore(snap)
	require.Equal(t, empty, f.State())
	require.NoError(t, add(f), "after restore the add works again")
	require.Len(t, fork.State().Backends, 1)
}
