package engine_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// Property tests of the listener rules against small models written here.

// TestPropertyListenerPortSpaces: any sequence of creates and deletes on
// one LB succeeds exactly when the port is free in the protocol's port space
// (UDP alone; TCP, HTTP and HTTPS together) or, for a delete, when the
// listener exists; the LB then lists exactly the model's listeners.
func TestPropertyListenerPortSpaces(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		s := newTestStore(rt)
		lb, err := s.PutLoadBalancer(model.LoadBalancer{AccountId: testAccount, RegionId: testRegion})
		require.NoError(rt, err)
		id := lb.LoadBalancerId
		type key struct {
			port  int
			space string
		}
		taken := map[key]model.ListenerProtocol{}
		spaceOf := func(p model.ListenerProtocol) string {
			if p == model.ProtocolUDP {
				return "udp"
			}
			return "tcp"
		}
		for range rapid.IntRange(1, 30).Draw(rt, "steps") {
			p := rapid.SampledFrom(model.ListenerProtocols()).Draw(rt, "protocol")
			port := rapid.IntRange(1, 3).Draw(rt, "port")
			k := key{port, spaceOf(p)}
			if rapid.Bool().Draw(rt, "delete") {
				_, e := s.DeleteLoadBalancerListener(testAccount, &model.ListenerRequest{RegionId: testRegion, LoadBalancerId: id, ListenerPort: port, ListenerProtocol: string(p)})
				if taken[k] == p {
					require.Nil(rt, e)
					delete(taken, k)
				} else {
					requireAPIError(rt, model.ErrListenerNotFound(), e)
				}
				continue
			}
			var e *model.Error
			c := model.ListenerCommon{RegionId: testRegion, LoadBalancerId: id, ListenerPort: port, BackendServerPort: 80, Bandwidth: -1}
			switch p {
			case model.ProtocolTCP:
				_, e = s.CreateLoadBalancerTCPListener(testAccount, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: c})
			case model.ProtocolUDP:
				_, e = s.CreateLoadBalancerUDPListener(testAccount, &model.CreateLoadBalancerUDPListenerRequest{ListenerCommon: c})
			case model.ProtocolHTTP:
				_, e = s.CreateLoadBalancerHTTPListener(testAccount, &model.CreateLoadBalancerHTTPListenerRequest{ListenerCommon: c})
			default:
				_, e = s.CreateLoadBalancerHTTPSListener(testAccount, &model.CreateLoadBalancerHTTPSListenerRequest{ListenerCommon: c, ServerCertificateId: "cert"})
			}
			if _, busy := taken[k]; busy {
				requireAPIError(rt, model.ErrListenerAlreadyExists(), e)
			} else {
				require.Nil(rt, e)
				taken[k] = p
			}
		}
		var want []string
		for k, p := range taken {
			want = append(want, fmt.Sprintf("%05d/%s", k.port, p))
		}
		slices.Sort(want)
		attr, e := s.DescribeLoadBalancerAttribute(testAccount, &model.DescribeLoadBalancerAttributeRequest{RegionId: testRegion, LoadBalancerId: id})
		require.Nil(rt, e)
		got := []string{}
		for _, l := range attr.ListenerPortsAndProtocol.ListenerPortAndProtocol {
			got = append(got, fmt.Sprintf("%05d/%s", l.ListenerPort, l.ListenerProtocol))
		}
		if want == nil {
			want = []string{}
		}
		require.Equal(rt, want, got)
		require.NoError(rt, s.Validate(s.Dump()))
	})
}

// TestPropertyListenerLifecycle: Start, Stop and the clock moving, with
// drawn durations, against a model of the documented lifecycle: Start only
// from stopped, through starting; Stop through stopping (of a stopped
// listener, nothing); no change while starting (Operation.Deny) or stopping
// (ServiceIsStopping).
func TestPropertyListenerLifecycle(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		steps := []time.Duration{0, time.Second, 3 * time.Second}
		d := model.LifecycleDurations{
			ListenerStarting: rapid.SampledFrom(steps).Draw(rt, "starting"),
			ListenerStopping: rapid.SampledFrom(steps).Draw(rt, "stopping"),
		}
		clock := newTestClock()
		s := newTestStoreWith(rt, engine.Config{Now: clock.Now, Lifecycle: d})
		lb, err := s.PutLoadBalancer(model.LoadBalancer{AccountId: testAccount, RegionId: testRegion})
		require.NoError(rt, err)
		_, e := s.CreateLoadBalancerTCPListener(testAccount, tcpReq(lb.LoadBalancerId, 80))
		require.Nil(rt, e)
		settled, shownUntil, shownAs := "stopped", clock.Now(), ""
		shown := func() string {
			if clock.Now().Before(shownUntil) {
				return shownAs
			}
			return settled
		}
		req := lsn(lb.LoadBalancerId, 80, "")
		for range rapid.IntRange(1, 25).Draw(rt, "steps") {
			switch rapid.IntRange(0, 2).Draw(rt, "op") {
			case 0:
				clock.Advance(time.Duration(rapid.IntRange(0, 4).Draw(rt, "seconds")) * time.Second)
			case 1:
				_, e := s.StartLoadBalancerListener(testAccount, req)
				switch shown() {
				case "starting":
					requireAPIError(rt, model.ErrListenerConfiguring(), e)
				case "stopping":
					requireAPIError(rt, model.ErrServiceIsStopping(), e)
				case "running":
					requireAPIError(rt, model.ErrListenerNotAllowed(), e)
				default:
					require.Nil(rt, e)
					settled, shownUntil, shownAs = "running", clock.Now().Add(d.ListenerStarting), "starting"
				}
			default:
				_, e := s.StopLoadBalancerListener(testAccount, req)
				switch shown() {
				case "starting":
					requireAPIError(rt, model.ErrListenerConfiguring(), e)
				case "stopping":
					requireAPIError(rt, model.ErrServiceIsStopping(), e)
				case "running":
					require.Nil(rt, e)
					settled, shownUntil, shownAs = "stopped", clock.Now().Add(d.ListenerStopping), "stopping"
				default:
					require.Nil(rt, e)
				}
			}
			require.Equal(rt, shown(), tcpAttr(rt, s, lb.LoadBalancerId, 80).Status)
		}
	})
}
