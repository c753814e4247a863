package refmodel

import (
	"github.com/slbfake/slbfake/model"
)

// The links between listeners and vServer groups (README, fidelity table,
// "Listeners" and "vServer groups"), restated:
//
//   - A listener forwards to the LB's default server group, on its
//     BackendServerPort, or to one vServer group of its own LB
//     (VServerGroupId): a group that is unknown, deleted, another
//     account's or region's, or of another LB is 404 VServerGroupNotFound.
//   - DeleteVServerGroup of a group a listener forwards to is
//     RspoolVipExist; DescribeVServerGroups with IncludeListener lists,
//     for each group, the listeners that forward to it (by port, then
//     protocol).
//   - DescribeHealthStatus reports a group listener's members, each on its
//     own Port, with the health rules of the default group's backends.
//   - Set*ListenerAttribute: VServerGroup "off" moves the listener back to
//     the default group (it needs its BackendServerPort: MissingParameter);
//     a VServerGroupId (with VServerGroup "on" or absent) moves it to that
//     group of the LB; "on" without one is MissingParameter VServerGroupId
//     unless the listener has a group already; any other VServerGroup is
//     InvalidParameter.

// groupOfLB returns the vServer group id of lb, or nil.
func (m *Model) groupOfLB(lb *LoadBalancer, id string) *VServerGroup {
	if g := m.groups[id]; g != nil && g.LoadBalancerId == lb.LoadBalancerId {
		return g
	}
	return nil
}

// listenersOfGroup returns the listeners that forward to a group, by port
// then protocol.
func (m *Model) listenersOfGroup(g *VServerGroup) []*Listener {
	var out []*Listener
	for _, l := range m.listenersOf(g.LoadBalancerId) {
		if l.VServerGroupId == g.VServerGroupId {
			out = append(out, l)
		}
	}
	return out
}

// server is one server behind a listener, on the port traffic goes to.
type server struct {
	ServerId string
	ServerIp string
	Type     model.ServerType
	Port     int
}

// behind returns the servers behind a listener: its group's members on
// their ports, or the LB's backends on the listener's BackendServerPort.
func (m *Model) behind(lb *LoadBalancer, l *Listener) []server {
	var out []server
	if l.VServerGroupId != "" {
		for _, mb := range m.groups[l.VServerGroupId].Members {
			out = append(out, server{mb.ServerId, mb.ServerIp, mb.Type, mb.Port})
		}
		return out
	}
	for _, b := range lb.Backends {
		out = append(out, server{b.ServerId, b.ServerIp, b.Type, l.BackendServerPort})
	}
	return out
}

// ListenerSet is what the model reads of a Set*ListenerAttribute request:
// the shared parameters and the health-check switch (HealthCheckSwitch of
// TCP, HealthCheck of HTTP); the others are left out.
type ListenerSet struct {
	model.ListenerUpdate
	HealthCheck string
	// Drain are a TCP Set's draining and Proxy Protocol parameters.
	Drain model.ConnectionDrainOptions
}

// SetListenerAttribute is the model's SetLoadBalancerTCPListenerAttribute
// and SetLoadBalancerHTTPListenerAttribute. The checks, in order: the LB's
// (region, exists, not locked, no configuring window); the listener of
// protocol on the port (port given and in range; none: ListenerNotFound);
// its status (starting: Operation.Deny, stopping: ServiceIsStopping);
// Bandwidth when given (the create's rule, this listener's own not
// counted); the VServerGroup switch; Scheduler when given; the health-check
// switch on or off. A parameter not given keeps its value.
func (m *Model) SetListenerAttribute(account string, protocol model.ListenerProtocol, req ListenerSet) *model.Error {
	lb, e := m.mutableLB(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return e
	}
	if m.configuring(lb) {
		return model.ErrServiceIsConfiguring()
	}
	cur, e := m.namedListener(lb.LoadBalancerId, req.ListenerPort, string(protocol))
	if e != nil {
		return e
	}
	switch m.shown(cur) {
	case model.ListenerStarting:
		return model.ErrListenerConfiguring()
	case model.ListenerStopping:
		return model.ErrServiceIsStopping()
	}
	next := *cur
	if req.Bandwidth != 0 {
		if e := m.bandwidthOK(lb, req.Bandwidth, lkey(cur.LoadBalancerId, cur.ListenerPort, cur.Protocol)); e != nil {
			return e
		}
		next.Bandwidth = req.Bandwidth
	}
	switch req.VServerGroup {
	case "off":
		if next.BackendServerPort == 0 && next.Forward != "on" {
			return model.ErrMissingParameter("BackendServerPort")
		}
		next.VServerGroupId = ""
	case "", "on":
		switch {
		case req.VServerGroupId != "":
			if m.groupOfLB(lb, req.VServerGroupId) == nil {
				return model.ErrVServerGroupNotFound()
			}
			next.VServerGroupId = req.VServerGroupId
		case req.VServerGroup == "on" && next.VServerGroupId == "":
			return model.ErrMissingParameter("VServerGroupId")
		}
	default:
		return model.ErrInvalidParameterValue("VServerGroup")
	}
	if req.Scheduler != "" {
		if !schedulerOK(lb, protocol, req.Scheduler) {
			return model.ErrInvalidParameterValue("Scheduler")
		}
		next.Scheduler = req.Scheduler
	}
	if !listenerDescriptionOK(req.Description) {
		return model.ErrInvalidParameterValue("Description")
	}
	if req.Description != "" {
		next.Description = req.Description
	}
	if e := aclOK(req.ListenerACL); e != nil {
		return e
	}
	proxy := req.Drain.ProxyProtocolV2Enabled
	if proxy != "" && proxy != "true" && proxy != "false" {
		return model.ErrInvalidParameterValue("ProxyProtocolV2Enabled")
	}
	if req.HealthCheck != "" {
		next.HealthCheck = req.HealthCheck
	}
	if next.HealthCheck != "on" && next.HealthCheck != "off" {
		if protocol == model.ProtocolTCP {
			return model.ErrInvalidParameterValue("HealthCheckSwitch")
		}
		return model.ErrInvalidParameterValue("HealthCheck")
	}
	if protocol == model.ProtocolTCP {
		d := req.Drain
		if d.ConnectionDrain == "" {
			d.ConnectionDrain = next.Drain
		}
		if d.ConnectionDrainTimeout == 0 {
			d.ConnectionDrainTimeout = next.DrainTimeout
		}
		if e := drainOK(&next, d); e != nil {
			return e
		}
		if proxy != "" {
			next.ProxyV2 = proxy == "true"
		}
	}
	*cur = next
	return nil
}

// schedulerOK is the Scheduler rule of a given value: wrr, wlc, rr; sch
// and tch on TCP and UDP listeners of an LB with a spec; qch on UDP ones.
func schedulerOK(lb *LoadBalancer, protocol model.ListenerProtocol, sched string) bool {
	guaranteed := lb.LoadBalancerSpec != "" || lb.CLCU
	switch sched {
	case "wrr", "wlc", "rr":
		return true
	case "sch", "tch":
		return guaranteed && (protocol == model.ProtocolTCP || protocol == model.ProtocolUDP)
	case "qch":
		return guaranteed && protocol == model.ProtocolUDP
	}
	return false
}
