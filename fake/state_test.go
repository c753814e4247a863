package fake_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// An exported world, imported elsewhere, goes on exactly as the original
// would: same world, and the same IDs and RequestIds for the same calls.
func TestExportImportResumesTheIDSequence(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	create := func(f *fake.Fake) *model.CreateLoadBalancerResponse {
		lb, err := f.Client().CreateLoadBalancer(ctx, &model.CreateLoadBalancerRequest{RegionId: "cn-shenzhen"})
		require.NoError(t, err)
		return lb
	}
	orig := fake.New(fake.WithSeed(5))
	create(orig)
	var saved bytes.Buffer
	require.NoError(t, orig.ExportState(&saved))

	restored := fake.New(fake.WithSeed(5))
	require.NoError(t, restored.ImportState(bytes.NewReader(saved.Bytes())))
	require.Equal(t, orig.State(), restored.State())
	a, b := create(orig), create(restored)
	require.Equal(t, a.LoadBalancerId, b.LoadBalancerId)
	require.Equal(t, a.RequestId, b.RequestId)
	require.Len(t, restored.State().LoadBalancers, 2)

	before := restored.State()
	require.Error(t, restored.ImportState(bytes.NewReader([]byte(`{"FormatVersion":1,"IDSource":"AAAA","State":{}}`))))
	require.Equal(t, before, restored.State(), "a bad file changes nothing")
}
