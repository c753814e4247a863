package service

import (
	"context"
	"fmt"

	"github.com/slbfake/slbfake/model"
)

// The listener the controller keeps: TCP, unlimited bandwidth (the LB is
// billed by traffic), round robin.
const (
	listenerBandwidth = -1
	listenerScheduler = "rr"
)

// ensureListener makes the LB's TCP listener on svc.Port forward to group
// and run: it creates it (CreateLoadBalancerTCPListener) when
// DescribeLoadBalancerListeners lists none, points it at the group
// (SetLoadBalancerTCPListenerAttribute) when it forwards elsewhere, and
// starts it (StartLoadBalancerListener) when it is stopped. A listener
// starting or stopping is waited out (errNotYet).
func (c *Controller) ensureListener(s *session, lb, group string, svc Service) error {
	var found *model.ListenerView
	err := s.read("DescribeLoadBalancerListeners", func(ctx context.Context) error {
		resp, err := c.API.DescribeLoadBalancerListeners(ctx, &model.DescribeLoadBalancerListenersRequest{
			RegionId: c.Region, LoadBalancerId: []string{lb}, ListenerProtocol: string(model.ProtocolTCP), ListenerPort: svc.Port})
		if err != nil {
			return err
		}
		for i, l := range resp.Listeners {
			if l.ListenerPort == svc.Port && l.ListenerProtocol == string(model.ProtocolTCP) {
				found = &resp.Listeners[i]
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	status := model.ListenerStatus("")
	if found == nil {
		if err := s.change("CreateLoadBalancerTCPListener", lb, func(ctx context.Context) error {
			_, err := c.API.CreateLoadBalancerTCPListener(ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: model.ListenerCommon{
				RegionId: c.Region, LoadBalancerId: lb, ListenerPort: svc.Port, Bandwidth: listenerBandwidth,
				VServerGroupId: group, Scheduler: listenerScheduler}})
			return gone(err)
		}); err != nil {
			return err
		}
		status = model.ListenerStopped // a new listener is stopped
	} else {
		status = model.ListenerStatus(found.Status)
		if found.VServerGroupId != group {
			if err := s.change("SetLoadBalancerTCPListenerAttribute", lb, func(ctx context.Context) error {
				_, err := c.API.SetLoadBalancerTCPListenerAttribute(ctx, &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
					RegionId: c.Region, LoadBalancerId: lb, ListenerPort: svc.Port, VServerGroup: "on", VServerGroupId: group}})
				return gone(err)
			}); err != nil {
				return err
			}
		}
	}
	switch status {
	case model.ListenerRunning:
		return nil
	case model.ListenerStopped:
		return s.change("StartLoadBalancerListener", lb, func(ctx context.Context) error {
			_, err := c.API.StartLoadBalancerListener(ctx, &model.StartLoadBalancerListenerRequest{
				RegionId: c.Region, LoadBalancerId: lb, ListenerPort: svc.Port, ListenerProtocol: string(model.ProtocolTCP)})
			return gone(err)
		})
	default:
		return fmt.Errorf("listener %d/tcp is %s: %w", svc.Port, status, errNotYet)
	}
}
