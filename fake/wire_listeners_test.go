package fake_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCreateTCPListenerTakesTheSDKsSpellingOfHealthCheckInterval: the
// legacy Go SDK sends healthCheckInterval (lower case) on
// CreateLoadBalancerTCPListener, the documented name is HealthCheckInterval;
// the fake takes both, and no other case.
func TestCreateTCPListenerTakesTheSDKsSpellingOfHealthCheckInterval(t *testing.T) {
	t.Parallel()
	w := newWorld(t, fake.WithSeed(4))
	lb := w.internetLB()
	now := time.Now()
	for i, tc := range []struct {
		param, value string
		want         int
	}{
		{"healthCheckInterval", "7", 7}, // the legacy SDK's spelling
		{"HealthCheckInterval", "8", 8}, // the documented one
		{"HEALTHCHECKINTERVAL", "9", 2}, // neither: ignored, the default stays
	} {
		port := 80 + i
		params := map[string]string{"Action": "CreateLoadBalancerTCPListener", "Version": "2014-05-15", "RegionId": region,
			"LoadBalancerId": lb, "ListenerPort": fmt.Sprint(port), "BackendServerPort": "80", "Bandwidth": "-1", tc.param: tc.value}
		status, body, _ := serve(w.f, signedRequest(t, http.MethodPost, params, fake.DefaultAccessKeySecret, now, fmt.Sprint("hci", i)))
		require.Equal(t, http.StatusOK, status, body)
		attr, err := w.c.DescribeLoadBalancerTCPListenerAttribute(w.ctx, &model.ListenerAttributeRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: port})
		require.NoError(t, err)
		assert.Equal(t, tc.want, attr.HealthCheckInterval, tc.param)
	}
}

// TestDescribeLoadBalancerListenersOnTheWire: the repeated LoadBalancerId.N
// filter and the bare Listeners array of the JSON answer.
func TestDescribeLoadBalancerListenersOnTheWire(t *testing.T) {
	t.Parallel()
	w := newWorld(t, fake.WithSeed(4))
	lb, lb2 := w.internetLB(), w.internetLB()
	for _, id := range []string{lb, lb2} {
		_, err := w.c.CreateLoadBalancerTCPListener(w.ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
			RegionId: region, LoadBalancerId: id, ListenerPort: 80, BackendServerPort: 80, Bandwidth: -1}})
		require.NoError(t, err)
	}
	params := map[string]string{"Action": "DescribeLoadBalancerListeners", "Version": "2014-05-15", "RegionId": region, "LoadBalancerId.1": lb2}
	status, body, _ := serve(w.f, signedRequest(t, http.MethodGet, params, fake.DefaultAccessKeySecret, time.Now(), "dll"))
	require.Equal(t, http.StatusOK, status, body)
	var got struct {
		Listeners []struct {
			LoadBalancerId    string
			ListenerPort      int
			Status            string
			TCPListenerConfig *struct{ HealthCheck string }
		}
		TotalCount int
	}
	require.NoError(t, json.Unmarshal([]byte(body), &got))
	require.Len(t, got.Listeners, 1)
	assert.Equal(t, lb2, got.Listeners[0].LoadBalancerId)
	assert.Equal(t, "stopped", got.Listeners[0].Status)
	require.NotNil(t, got.Listeners[0].TCPListenerConfig)
	assert.Equal(t, "on", got.Listeners[0].TCPListenerConfig.HealthCheck)
}

// TestSetBackendHealthSurvivesASnapshot: the unhealthy mark is state.
func TestSetBackendHealthSurvivesASnapshot(t *testing.T) {
	t.Parallel()
	w := newWorld(t, fake.WithSeed(4))
	lb := w.internetLB()
	inst := w.classic()
	_, err := w.c.AddBackendServers(w.ctx, &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: lb, BackendServers: `[{"ServerId":"` + inst + `"}]`})
	require.NoError(t, err)
	_, err = w.c.CreateLoadBalancerTCPListener(w.ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
		RegionId: region, LoadBalancerId: lb, ListenerPort: 80, BackendServerPort: 80, Bandwidth: -1}})
	require.NoError(t, err)
	_, err = w.c.StartLoadBalancerListener(w.ctx, &model.ListenerRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: 80})
	require.NoError(t, err)
	health := func() string {
		resp, err := w.c.DescribeHealthStatus(w.ctx, &model.ListenerRequest{RegionId: region, LoadBalancerId: lb})
		require.NoError(t, err)
		require.Len(t, resp.BackendServers.BackendServer, 1)
		return resp.BackendServers.BackendServer[0].ServerHealthStatus
	}
	require.Equal(t, "normal", health())
	snap := w.f.Snapshot()
	require.NoError(t, w.f.SetBackendHealth(lb, inst, false))
	require.Equal(t, "abnormal", health())
	marked := w.f.Snapshot()
	w.f.Restore(snap)
	require.Equal(t, "normal", health())
	w.f.Restore(marked)
	require.Equal(t, "abnormal", health())
	require.Len(t, w.f.State().UnhealthyBackends, 1)
}
