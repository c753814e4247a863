package engine

import (
	"fmt"

	"github.com/slbfake/slbfake/model"
)

// The listener rules of Validate:
//
//   - a listener belongs to an LB of the State, of the same account and
//     region; its protocol is tcp, udp, http or https, its port 1..65535, and
//     no other listener of the LB takes the port in its port space (TCP,
//     HTTP and HTTPS share one);
//   - Status is stopped or running, Transition none, start or stop, and
//     the pair is one a create, Start or Stop leaves (listenerSettlesIn); a
//     listener that never moved has no TransitionAt;
//   - it forwards to a vServer group of its LB (vServerGroupOfListener);
//     BackendServerPort as checkBackendServerPort wants it;
//   - every field the calls check holds what they let through, by the
//     calls' own rule functions (slb_listener_rules.go): Bandwidth on its
//     LB, the LB's listeners' bandwidths added up (checkListenerBandwidth),
//     Scheduler on its LB and protocol (checkScheduler), Description
//     (checkListenerDescription), the protocol's fields
//     (checkProtocolFields); every parameter a create defaults holds a
//     value (missingListenerDefault), and no field of another protocol is
//     set (foreignListenerField);
//   - an unhealthy mark names an LB of the State and a server, once.

func listenerWhat(l *model.Listener) string {
	return fmt.Sprintf("listener %s/%d of %s", l.ListenerProtocol, l.ListenerPort, l.LoadBalancerId)
}

func (v *validator) listeners(ls []*model.Listener) {
	type spaceKey struct {
		lb, space string
		port      int
	}
	taken := make(map[spaceKey]bool, len(ls))
	v.listenerIDs = make(map[string]bool, len(ls))
	// bandwidths adds up each LB's listeners' positive bandwidths.
	bandwidths := make(map[string]int)
	for _, l := range ls {
		if l.Bandwidth > 0 {
			bandwidths[l.LoadBalancerId] += l.Bandwidth
		}
	}
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
		} else if l.Status.Valid() && l.Status != listenerSettlesIn(l.Transition) {
			v.addf("%s: Status %s after Transition %q, which leaves it %s", what, l.Status, l.Transition, listenerSettlesIn(l.Transition))
		}
		if l.Transition == model.ListenerTransitionNone && !l.TransitionAt.IsZero() {
			v.addf("%s: a TransitionAt without a Transition", what)
		}
		if l.VServerGroupId != "" && !v.vServerGroupOfListener(l) {
			v.addf("%s: vServer group %q is not a group of the LB", what, l.VServerGroupId)
		}
		v.listenerRule(what, fmt.Sprintf("BackendServerPort %d", l.BackendServerPort), checkBackendServerPort(l.VServerGroupId != "" || l.ListenerForward == "on", l.BackendServerPort))
		if lb != nil && l.ListenerProtocol.Valid() {
			others := bandwidths[l.LoadBalancerId] - max(l.Bandwidth, 0)
			v.listenerRule(what, fmt.Sprintf("Bandwidth %d", l.Bandwidth), checkListenerBandwidth(lb, l.Bandwidth, others))
			if scheduler, e := checkScheduler(lb, l.ListenerProtocol, l.Scheduler); e != nil || scheduler != l.Scheduler {
				v.addf("%s: Scheduler %q on this LB and protocol: %s", what, l.Scheduler, model.ErrInvalidParameterValue("Scheduler").Message)
			}
		}
		v.listenerRule(what, "Description", checkListenerDescription(l.Description))
		if !l.ListenerProtocol.Valid() {
			continue
		}
		if name := missingListenerDefault(l); name != "" {
			v.addf("%s: no %s, which every create stores (its default when not given)", what, name)
		} else {
			v.listenerRule(what, "a field of its protocol", checkProtocolFields(l))
		}
		if name := foreignListenerField(l); name != "" {
			v.addf("%s: %s is set, which a %s listener does not have", what, name, l.ListenerProtocol)
		}
	}
}

// listenerRule reports a listener field that a call's rule refuses, with
// the call's message (it names the parameter).
func (v *validator) listenerRule(what, field string, e *model.Error) {
	if e != nil {
		v.addf("%s: %s refused: %s", what, field, e.Message)
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
