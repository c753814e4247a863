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

// TestDescribeLoadBalancerListenersFiltersByTag: both SDKs send
// DescribeLoadBalancerListeners' Tag.N.Key/Value (the legacy SDK's
// DescribeLoadBalancerListenersTag, the V2.0 client's Tag); the fake once
// ignored it and listed every listener. A listener matches when it has
// every tag; an empty Value matches any value; the limits are
// DescribeLoadBalancers'.
func TestDescribeLoadBalancerListenersFiltersByTag(t *testing.T) {
	t.Parallel()
	w := newWorld(t, fake.WithSeed(4))
	lb := w.internetLB()
	for _, port := range []int{80, 81} {
		_, err := w.c.CreateLoadBalancerTCPListener(w.ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
			RegionId: region, LoadBalancerId: lb, ListenerPort: port, BackendServerPort: 80, Bandwidth: -1}})
		require.NoError(t, err)
	}
	_, err := w.c.TagResources(w.ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: model.ResourceTypeListener,
		ResourceId: []string{lb + "_tcp_81"}, Tag: []model.Tag{{Key: "team", Value: "a"}, {Key: "env", Value: "prod"}}})
	require.NoError(t, err)
	ports := func(extra map[string]string) []int {
		t.Helper()
		params := map[string]string{"Action": "DescribeLoadBalancerListeners", "Version": "2014-05-15", "RegionId": region, "LoadBalancerId.1": lb}
		for k, v := range extra {
			params[k] = v
		}
		status, body, _ := serve(w.f, signedRequest(t, http.MethodPost, params, fake.DefaultAccessKeySecret, time.Now(), fmt.Sprint(extra)))
		require.Equal(t, http.StatusOK, status, body)
		var got struct {
			Listeners  []struct{ ListenerPort int }
			TotalCount int
		}
		require.NoError(t, json.Unmarshal([]byte(body), &got))
		out := []int{}
		for _, l := range got.Listeners {
			out = append(out, l.ListenerPort)
		}
		assert.Equal(t, len(out), got.TotalCount)
		return out
	}
	assert.Equal(t, []int{80, 81}, ports(nil))
	assert.Equal(t, []int{81}, ports(map[string]string{"Tag.1.Key": "team"}), "a key alone matches any value")
	assert.Equal(t, []int{81}, ports(map[string]string{"Tag.1.Key": "team", "Tag.1.Value": "a", "Tag.2.Key": "env", "Tag.2.Value": "prod"}))
	assert.Equal(t, []int{}, ports(map[string]string{"Tag.1.Key": "team", "Tag.1.Value": "b"}))
	assert.Equal(t, []int{}, ports(map[string]string{"Tag.1.Key": "team", "Tag.2.Key": "owner"}), "every tag, not any")

	_, err = w.c.DescribeLoadBalancerListeners(w.ctx, &model.DescribeLoadBalancerListenersRequest{RegionId: region,
		Tag: []model.Tag{{Value: "a"}}})
	requireAPIErr(t, err, apiErr{http.StatusBadRequest, "MissingParam.TagKey", "The parameter TagKey is required."})
	many := make([]model.Tag, 21)
	for i := range many {
		many[i] = model.Tag{Key: fmt.Sprint("k", i)}
	}
	_, err = w.c.DescribeLoadBalancerListeners(w.ctx, &model.DescribeLoadBalancerListenersRequest{RegionId: region, Tag: many})
	requireAPIErr(t, err, apiErr{http.StatusBadRequest, "SizeLimitExceeded.Tag", "The maximum size of Tag is exceeded."})
}
