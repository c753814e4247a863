package engine

import (
	"fmt"
	"slices"

	"github.com/slbfake/slbfake/model"
)

// The listener rules of Validate:
//
//   - a listener belongs to an LB of the State, of the same account and
//     region; its protocol is tcp, udp, http or https, its port 1..65535, and
//     no other listener of the LB takes the port in its port space (TCP,
//     HTTP and HTTPS share one);
//   - Status is stopped or running, Transition none, start or stop;
//   - it forwards to a vServer group of its LB (vServerGroupOfListener), or
//     has a BackendServerPort in 1..65535;
//   - Bandwidth is -1 or 1..5120, Scheduler one of the documented values,
//     HealthCheck on or off; an HTTPS listener has a ServerCertificateId;
//   - an unhealthy mark names an LB of the State and a server, once.

func listenerWhat(l *model.Listener) string {
	return fmt.Sprintf("listener %s/%d of %s", l.ListenerProtocol, l.ListenerPort, l.LoadBalancerId)
}

// validSchedulers are every Scheduler a listener may hold.
var validSchedulers = []string{"wrr", "wlc", "rr", "sch", "tch", "qch"}

func (v *validator) listeners(ls []*model.Listener) {
	type spaceKey struct {
		lb, space string
		port      int
	}
	taken := make(map[spaceKey]bool, len(ls))
	v.listenerIDs = make(map[string]bool, len(ls))
	for _, l := range ls {
		v.listenerIDs[listenerResourceId(l)] = true
		what := listenerWhat(l)
		if !l.ListenerProtocol.Valid() {
			v.addf("%s: unknown protocol %q", what, l.ListenerProtocol)
		}
		if l.ListenerPort < 1 || l.ListenerPort > 65535 {
			v.addf("%s: port outside 1..65535", what)
		}
		k := spaceKey{l.LoadBalancerId, l.ListenerProtocol.PortSpace(), l.ListenerPort}
		if taken[k] {
			v.addf("%s: another listener of the LB takes port %d in the %s port space", what, l.ListenerPort, k.space)
		}
		taken[k] = true
		lb := v.lbByID[l.LoadBalancerId]
		if lb == nil {
			v.addf("%s: the LB does not exist", what)
		} else {
			v.sameOwner("listener", what, "LB", lb.LoadBalancerId, l.AccountId, l.RegionId, lb.AccountId, lb.RegionId)
		}
		if !l.Status.Valid() {
			v.addf("%s: Status %q (want stopped or running)", what, l.Status)
		}
		if !l.Transition.Valid() {
			v.addf("%s: unknown Transition %q", what, l.Transition)
		}
		if l.VServerGroupId != "" {
			if !v.vServerGroupOfListener(l) {
				v.addf("%s: vServer group %q is not a group of the LB", what, l.VServerGroupId)
			}
		} else if l.BackendServerPort < 1 || l.BackendServerPort > 65535 {
			v.addf("%s: without a vServer group, BackendServerPort %d is outside 1..65535", what, l.BackendServerPort)
		}
		if l.Bandwidth != -1 && (l.Bandwidth < 1 || l.Bandwidth > maxListenerBandwidth) {
			v.addf("%s: Bandwidth %d (want -1 or 1..%d)", what, l.Bandwidth, maxListenerBandwidth)
		}
		if !slices.Contains(validSchedulers, l.Scheduler) {
			v.addf("%s: unknown Scheduler %q", what, l.Scheduler)
		}
		if l.HealthCheck != "on" && l.HealthCheck != "off" {
			v.addf("%s: HealthCheck %q (want on or off)", what, l.HealthCheck)
		}
		if l.ListenerProtocol == model.ProtocolHTTPS && l.ServerCertificateId == "" {
			v.addf("%s: an HTTPS listener without ServerCertificateId", what)
		}
	}
}

// vServerGroupOfListener reports whether a listener's vServer group is a
// group of its LB in the State (the groups are checked before the
// listeners).
func (v *validator) vServerGroupOfListener(l *model.Listener) bool {
	g := v.groupByID[l.VServerGroupId]
	return g != nil && g.LoadBalancerId == l.LoadBalancerId
}

func (v *validator) unhealthyBackends(us []*model.UnhealthyBackend) {
	seen := make(map[string]bool, len(us))
	for _, u := range us {
		k := unhealthyKey(u.LoadBalancerId, u.ServerId)
		if seen[k] {
			v.addf("unhealthy mark of %s on %s is listed twice", u.ServerId, u.LoadBalancerId)
			continue
		}
		seen[k] = true
		if v.lbByID[u.LoadBalancerId] == nil {
			v.addf("unhealthy mark of %s: LB %s does not exist", u.ServerId, u.LoadBalancerId)
		}
		if u.ServerId == "" {
			v.addf("unhealthy mark on %s: empty ServerId", u.LoadBalancerId)
		}
	}
}
