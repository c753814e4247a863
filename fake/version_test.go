package fake_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// TestVersionMovesWithChangesOnly: the change counter moves with a call or
// fixture that changed the world, Restore and ImportState, and with nothing
// else: not with reads, refused calls or calls that change nothing.
func TestVersionMovesWithChangesOnly(t *testing.T) {
	t.Parallel()
	w := newWorld(t, fake.WithSeed(2))
	f, ctx := w.f, context.Background()
	moved := func(what string, do func()) {
		t.Helper()
		before := f.Version()
		do()
		require.Greater(t, f.Version(), before, what)
	}
	still := func(what string, do func()) {
		t.Helper()
		before := f.Version()
		do()
		require.Equal(t, before, f.Version(), what)
	}
	var vpc model.Vpc
	moved("a fixture", func() { vpc = w.vpc("192.168.0.0/16") })
	vsw := w.vswitch(vpc, "192.168.1.0/24", "")
	id := w.inVpc(vsw)
	lb := w.vpcLB(vsw, "")
	snap := f.Snapshot()
	still("a read", func() { _, _ = f.Client().DescribeVpcs(ctx, &model.DescribeVpcsRequest{RegionId: region}) })
	still("a refused call", func() { require.Error(t, w.add("lb-missing", `[{"ServerId":"`+id+`"}]`)) })
	moved("a call that changes the world", func() { w.mustAdd(lb, `[{"ServerId":"`+id+`"}]`) })
	still("a call that changes nothing", func() {
		_, err := w.remove(lb, `[{"ServerId":"i-notattached"}]`)
		require.NoError(t, err)
	})
	moved("Restore", func() { f.Restore(snap) })
	var buf bytes.Buffer
	require.NoError(t, f.ExportState(&buf))
	still("ExportState", func() {})
	moved("ImportState", func() { require.NoError(t, f.ImportState(&buf)) })
}
