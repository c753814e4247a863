package fake_test

import (
	"bytes"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// An exported world, imported elsewhere, goes on exactly as the original
// would: same world, and the same IDs and RequestIds for the same calls.
func TestExportImportResumesTheIDSequence(t *testing.T) {
	t.Parallel()
	create := func(w *world) *model.CreateLoadBalancerResponse {
		lb, err := w.c.CreateLoadBalancer(w.ctx, &model.CreateLoadBalancerRequest{RegionId: "cn-shenzhen"})
		require.NoError(t, err)
		return lb
	}
	orig := newWorld(t, fake.WithSeed(5))
	create(orig)
	var saved bytes.Buffer
	require.NoError(t, orig.f.ExportState(&saved))

	restored := newWorld(t, fake.WithSeed(5))
	require.NoError(t, restored.f.ImportState(bytes.NewReader(saved.Bytes())))
	require.Equal(t, orig.f.State(), restored.f.State())
	a, b := create(orig), create(restored)
	require.Equal(t, a.LoadBalancerId, b.LoadBalancerId)
	require.Equal(t, a.RequestId, b.RequestId)
	require.Len(t, restored.f.State().LoadBalancers, 2)

	require.Error(t, restored.unchanged(func() error {
		return restored.f.ImportState(bytes.NewReader([]byte(`{"FormatVersion":1,"IDSource":"AAAA","State":{}}`)))
	}, "a bad file changes nothing"))
}
