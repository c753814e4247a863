package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

func runTour(t *testing.T) string {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, run(&out))
	return out.String()
}

// TestTourShowsTheRealAnswers checks that the tour prints the codes, statuses
// and messages the real service gives for each step.
func TestTourShowsTheRealAnswers(t *testing.T) {
	t.Parallel()
	out := runTour(t)
	steps := strings.Split(out, "\n\n")
	require.Len(t, steps, 7, "title, world, four AddBackendServers calls, final list:\n%s", out)

	_, dedup, ok := strings.Cut(steps[2], "OK, RequestId ")
	require.True(t, ok, "the first call succeeds:\n%s", steps[2])
	require.Equal(t, 2, strings.Count(dedup, "  ecs  weight 100"), "web-1 is kept once, with its first weight:\n%s", dedup)
	require.NotContains(t, dedup, "weight 50")

	stopped := steps[3]
	require.Contains(t, stopped, "HTTP 400  ObtainIpFail")
	require.Contains(t, stopped, "Message: "+model.ErrObtainIpFail().Message)

	network := steps[4]
	require.Contains(t, network, "HTTP 400  InvalidParameter")
	require.Contains(t, network, "Message: The specified load balancer does not support the network type of the ECS instance.")

	again := steps[5]
	require.Contains(t, again, "HTTP 400  InvalidParameter")
	require.Contains(t, again, "Message: "+model.ErrBackendServersInvalid().Message)

	final := steps[6]
	require.Contains(t, final, "DescribeLoadBalancerAttribute")
	require.Equal(t, 2, strings.Count(final, "  ecs  weight 100"), "the failed calls attached nothing:\n%s", final)
}

// TestTourIsDeterministic checks the promise of the package comment: the
// same output on every run.
func TestTourIsDeterministic(t *testing.T) {
	t.Parallel()
	require.Equal(t, runTour(t), runTour(t))
}
