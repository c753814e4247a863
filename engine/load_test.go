package engine

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

func TestRestoreRoundTripsThroughJSON(t *testing.T) {
	t.Parallel()
	src, err := New(Config{IDs: model.NewIDSource(3)})
	require.NoError(t, err)
	vpc, err := src.PutVpc(model.Vpc{AccountId: "a", RegionId: "cn-hangzhou"})
	require.NoError(t, err)
	vsw, err := src.PutVSwitch(model.VSwitch{AccountId: "a", RegionId: "cn-hangzhou", VpcId: vpc.VpcId})
	require.NoError(t, err)
	inst, err := src.PutInstance(model.Instance{AccountId: "a", RegionId: "cn-hangzhou", VSwitchId: vsw.VSwitchId})
	require.NoError(t, err)
	_, err = src.PutNetworkInterface(model.NetworkInterface{AccountId: "a", RegionId: "cn-hangzhou", VSwitchId: vsw.VSwitchId, InstanceId: inst.InstanceId, SecondaryIps: []string{""}})
	require.NoError(t, err)
	lb, err := src.PutLoadBalancer(model.LoadBalancer{AccountId: "a", RegionId: "cn-hangzhou", VSwitchId: vsw.VSwitchId})
	require.NoError(t, err)
	_, e := src.AddBackendServers("a", &model.AddBackendServersRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb.LoadBalancerId, BackendServers: `[{"ServerId":"` + inst.InstanceId + `"}]`})
	require.Nil(t, e)

	raw, err := json.Marshal(src.Dump())
	require.NoError(t, err)
	var st State
	require.NoError(t, json.Unmarshal(raw, &st))

	dst, err := New(Config{})
	require.NoError(t, err)
	require.NoError(t, dst.Load(st))
	require.Equal(t, src.Dump(), dst.Dump())

	// A restored world keeps working: the instance is attached, so adding it
	// again is refused, and new resources sort after the restored ones.
	_, e = dst.AddBackendServers("a", &model.AddBackendServersRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb.LoadBalancerId, BackendServers: `[{"ServerId":"` + inst.InstanceId + `"}]`})
	require.Equal(t, model.ErrBackendServersInvalid(), e)
	lb2, err := dst.PutLoadBalancer(model.LoadBalancer{AccountId: "a", RegionId: "cn-hangzhou"})
	require.NoError(t, err)
	require.Greater(t, lb2.Seq, lb.Seq)
}

func TestRestoreRefusesDuplicatesAndChangesNothing(t *testing.T) {
	t.Parallel()
	s, err := New(Config{})
	require.NoError(t, err)
	_, err = s.PutVpc(model.Vpc{AccountId: "a", RegionId: "cn-hangzhou", VpcId: "vpc-keep"})
	require.NoError(t, err)
	before := s.Dump()
	bad := State{Vpcs: []model.Vpc{{VpcId: "vpc-x"}, {VpcId: "vpc-x"}}}
	require.Error(t, s.Load(bad))
	require.Equal(t, before, s.Dump())
}

// A world restored into a store with the same seed draws the same IDs again;
// a drawn ID that is taken must be drawn again, never overwrite a row.
func TestRestoredWorldWithSameSeedNeverReusesAnID(t *testing.T) {
	t.Parallel()
	src, err := New(Config{IDs: model.NewIDSource(9)})
	require.NoError(t, err)
	first, e := src.CreateLoadBalancer("a", &model.CreateLoadBalancerRequest{RegionId: "cn-hangzhou"})
	require.Nil(t, e)

	dst, err := New(Config{IDs: model.NewIDSource(9)})
	require.NoError(t, err)
	require.NoError(t, dst.Load(src.Dump()))
	second, e := dst.CreateLoadBalancer("a", &model.CreateLoadBalancerRequest{RegionId: "cn-hangzhou"})
	require.Nil(t, e)
	require.NotEqual(t, first.LoadBalancerId, second.LoadBalancerId)
	require.Len(t, dst.Dump().LoadBalancers, 2)
}

// TestStateTablesAreStatesFields: stateTables, which Load, DecodeState and
// Validate walk, has one entry per State field, in State's order, and each
// entry moves the rows of its own table only.
func TestStateTablesAreStatesFields(t *testing.T) {
	t.Parallel()
	typ := reflect.TypeFor[State]()
	require.Len(t, stateTables, typ.NumField())
	for i, tbl := range stateTables {
		require.Equal(t, typ.Field(i).Name, tbl.field)
		var st State
		reflect.ValueOf(&st).Elem().Field(i).Set(reflect.MakeSlice(typ.Field(i).Type, 1, 1))
		var dst stateRows
		tbl.move(&dst, rowsOf(&st))
		moved := reflect.ValueOf(dst)
		for j := range moved.NumField() {
			want := 0
			if j == i {
				want = 1
			}
			require.Equal(t, want, moved.Field(j).Len(), "table %s moved into stateRows field %d", tbl.field, j)
		}
	}
}
