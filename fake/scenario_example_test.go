package fake_test

import (
	"context"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

func TestRetryAfterAnAmbiguousFailure(t *testing.T) {
	ctx := context.Background()
	clock := fake.NewVirtualClock(time.Now())
	f := fake.New(fake.WithClock(clock),
		fake.WithConfiguringWindow(2*time.Second), // the LB refuses changes for 2s after each one
		fake.WithFaults(fake.FaultRule{ // the first add takes effect, then answers 503
			Action: "AddBackendServers", AfterCommit: true, ErrorCode: "ServiceUnavailable", First: 1,
		}))
	vpc, _ := f.PutVpc(model.Vpc{})
	vsw, _ := f.PutVSwitch(model.VSwitch{VpcId: vpc.VpcId})
	web, _ := f.PutInstance(model.Instance{VSwitchId: vsw.VSwitchId})
	lb, _ := f.PutLoadBalancer(model.LoadBalancer{VSwitchId: vsw.VSwitchId})
	add := &model.AddBackendServersRequest{RegionId: "cn-hangzhou", LoadBalancerId: lb.LoadBalancerId,
		BackendServers: `[{"ServerId":"` + web.InstanceId + `"}]`}

	_, err := f.Client().AddBackendServers(ctx, add)
	require.ErrorContains(t, err, "ServiceUnavailable") // the caller sees a failure...
	require.Len(t, f.State().Backends, 1)               // ...but the server is attached

	_, err = f.Client().AddBackendServers(ctx, add) // a blind retry, too soon
	require.ErrorContains(t, err, "BackendServer.configuring")
	clock.Advance(2 * time.Second)
	_, err = f.Client().AddBackendServers(ctx, add)             // a blind retry, later
	require.ErrorContains(t, err, "BackendServers is invalid.") // already attached

	calls := f.CallsOf("AddBackendServers") // every call, its outcome and its state changes
	require.True(t, calls[0].Applied)
	require.Equal(t, model.Code("ServiceUnavailable"), calls[0].Code)
}
