package fake_test

import (
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// covTCP creates a TCP listener on port for the default server group.
func (w *world) covTCP(lb string, port int) error {
	_, err := w.c.CreateLoadBalancerTCPListener(w.ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
		RegionId: region, LoadBalancerId: lb, ListenerPort: port, BackendServerPort: 80, Bandwidth: -1}})
	return err
}

// covUDP creates a UDP listener on port.
func (w *world) covUDP(lb string, port int) error {
	_, err := w.c.CreateLoadBalancerUDPListener(w.ctx, &model.CreateLoadBalancerUDPListenerRequest{ListenerCommon: model.ListenerCommon{
		RegionId: region, LoadBalancerId: lb, ListenerPort: port, BackendServerPort: 80, Bandwidth: -1}})
	return err
}

// covListener names a listener for Start, Stop, Delete.
func covListener(lb string, port int, protocol string) *model.ListenerRequest {
	return &model.ListenerRequest{RegionId: region, LoadBalancerId: lb, ListenerPort: port, ListenerProtocol: protocol}
}

// covListenerScenarios produce the listener entries of the catalogue.
func covListenerScenarios() []covScenario {
	return []covScenario{
		{name: "CreateLoadBalancerTCPListener with AclStatus on and an AclId (no ACL exists)", want: model.ErrAclNotExist(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.CreateLoadBalancerTCPListener(e.ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
					RegionId: region, LoadBalancerId: e.internetLB(), ListenerPort: 80, BackendServerPort: 80, Bandwidth: -1,
					ListenerACL: model.ListenerACL{AclStatus: "on", AclId: "acl-bp1l0kk4gxce43i5w8r3d", AclType: "white"}}})
				return err
			}},
		{name: "DeleteVServerGroup of a group a TCP listener forwards to", want: model.ErrRspoolVipExist(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				lb := e.internetLB()
				g := e.group(lb, "")
				_, err := e.c.CreateLoadBalancerTCPListener(e.ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
					RegionId: region, LoadBalancerId: lb, ListenerPort: 80, VServerGroupId: g, Bandwidth: -1}})
				require.NoError(t, err)
				_, err = e.c.DeleteVServerGroup(e.ctx, &model.DeleteVServerGroupRequest{RegionId: region, VServerGroupId: g})
				return err
			}},
		{name: "DescribeLoadBalancerTCPListenerAttribute of a port without a listener", want: model.ErrListenerNotFound(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.DescribeLoadBalancerTCPListenerAttribute(e.ctx, &model.ListenerAttributeRequest{RegionId: region,
					LoadBalancerId: e.internetLB(), ListenerPort: 80})
				return err
			}},
		{name: "CreateLoadBalancerHTTPListener on the port of a TCP listener", want: model.ErrListenerAlreadyExists(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				lb := e.internetLB()
				require.NoError(t, e.covTCP(lb, 80))
				_, err := e.c.CreateLoadBalancerHTTPListener(e.ctx, &model.CreateLoadBalancerHTTPListenerRequest{ListenerCommon: model.ListenerCommon{
					RegionId: region, LoadBalancerId: lb, ListenerPort: 80, BackendServerPort: 80}})
				return err
			}},
		{name: "StartLoadBalancerListener without ListenerProtocol on a port a TCP and a UDP listener share", want: model.ErrTooManyListeners(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				lb := e.internetLB()
				require.NoError(t, e.covTCP(lb, 53))
				require.NoError(t, e.covUDP(lb, 53))
				_, err := e.c.StartLoadBalancerListener(e.ctx, covListener(lb, 53, ""))
				return err
			}},
		{name: "StartLoadBalancerListener of a running listener", want: model.ErrListenerNotAllowed(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				lb := e.internetLB()
				require.NoError(t, e.covTCP(lb, 80))
				_, err := e.c.StartLoadBalancerListener(e.ctx, covListener(lb, 80, "tcp"))
				require.NoError(t, err)
				_, err = e.c.StartLoadBalancerListener(e.ctx, covListener(lb, 80, "tcp"))
				return err
			}},
		{name: "StopLoadBalancerListener of a listener still starting (WithLifecycle ListenerStarting 10s)", want: model.ErrListenerConfiguring(),
			run: func(t *testing.T) error {
				e := covWorld(t, fake.WithLifecycle(model.LifecycleDurations{ListenerStarting: 10 * time.Second}))
				lb := e.internetLB()
				require.NoError(t, e.covTCP(lb, 80))
				_, err := e.c.StartLoadBalancerListener(e.ctx, covListener(lb, 80, ""))
				require.NoError(t, err)
				e.clock.Advance(5 * time.Second)
				_, err = e.c.StopLoadBalancerListener(e.ctx, covListener(lb, 80, ""))
				return err
			}},
		{name: "DeleteLoadBalancerListener of a listener still stopping (WithLifecycle ListenerStopping 10s)", want: model.ErrServiceIsStopping(),
			run: func(t *testing.T) error {
				e := covWorld(t, fake.WithLifecycle(model.LifecycleDurations{ListenerStopping: 10 * time.Second}))
				lb := e.internetLB()
				require.NoError(t, e.covTCP(lb, 80))
				_, err := e.c.StartLoadBalancerListener(e.ctx, covListener(lb, 80, ""))
				require.NoError(t, err)
				_, err = e.c.StopLoadBalancerListener(e.ctx, covListener(lb, 80, ""))
				require.NoError(t, err)
				_, err = e.c.DeleteLoadBalancerListener(e.ctx, covListener(lb, 80, ""))
				return err
			}},
		{name: "CreateLoadBalancerTCPListener with an unknown VServerGroupId", want: model.ErrVServerGroupNotFound(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.CreateLoadBalancerTCPListener(e.ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
					RegionId: region, LoadBalancerId: e.internetLB(), ListenerPort: 80, Bandwidth: -1, VServerGroupId: "rsp-bp1nosuchgroup0000000"}})
				return err
			}},
		{name: "DescribeHealthStatus of a port without a listener", want: model.ErrCheckedListenerNotFound(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.DescribeHealthStatus(e.ctx, covListener(e.internetLB(), 80, ""))
				return err
			}},
	}
}
