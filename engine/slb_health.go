package engine

import (
	"fmt"
	"strings"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// DescribeHealthStatus reports the health of an LB's backends, per listener
// (by port, then protocol) and per backend (in the order of the listener's
// server group). ListenerPort, when given, narrows it to that port's
// listeners: none is CheckedListenerNotFound, a TCP and a UDP listener
// without ListenerProtocol TooManyListeners. ListenerProtocol alone narrows
// it to that protocol's listeners.
//
// A backend is (INF, the documentation names the three values only):
//   - unavailable behind a listener that does not check health
//     (HealthCheck off) or is not running (stopped, starting, stopping);
//   - abnormal when its server is not Running (an ENI: its instance), no
//     longer exists, or is marked unhealthy on the LB (SetBackendHealth);
//   - normal otherwise.
//
// A listener without VServerGroupId serves the LB's default server group
// (its backends, on the listener's BackendServerPort); one with a vServer
// group serves the group's members (groupMembersForHealthTxn).
func (s *Store) DescribeHealthStatus(account string, req *model.DescribeHealthStatusRequest) (*model.DescribeHealthStatusResponse, *model.Error) {
	resp := &model.DescribeHealthStatusResponse{BackendServers: model.HealthStatusServers{BackendServer: []model.HealthStatusView{}}}
	e := s.read(func(txn *memdb.Txn) *model.Error {
		lb, e := loadBalancerInRegionTxn(txn, account, req.RegionId, req.LoadBalancerId)
		if e != nil {
			return e
		}
		if req.ListenerPort != 0 && (req.ListenerPort < 1 || req.ListenerPort > 65535) {
			return model.ErrInvalidParameterValue("ListenerPort")
		}
		ls, e := listenersMatchingTxn(txn, lb.LoadBalancerId, req.ListenerPort, req.ListenerProtocol)
		if e != nil {
			return e
		}
		if req.ListenerPort != 0 {
			switch {
			case len(ls) == 0:
				return model.ErrCheckedListenerNotFound()
			case len(ls) > 1:
				return model.ErrTooManyListeners()
			}
		}
		for _, l := range ls {
			checked := l.HealthCheck == "on" && s.listenerStatusOf(l) == model.ListenerRunning
			for _, m := range listenerMembersTxn(txn, l) {
				status := model.HealthUnavailable
				if checked {
					status = s.memberHealthTxn(txn, lb, m)
				}
				resp.BackendServers.BackendServer = append(resp.BackendServers.BackendServer, model.HealthStatusView{
					ServerId: m.ServerId, ServerIp: m.ServerIp, Port: m.Port, ListenerPort: l.ListenerPort,
					Protocol: strings.ToUpper(string(l.ListenerProtocol)), ServerHealthStatus: status,
				})
			}
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

// listenerMembersTxn returns the servers behind a listener: its vServer
// group's members, or the LB's backends on the listener's backend port.
func listenerMembersTxn(txn *memdb.Txn, l *model.Listener) []healthMember {
	if l.VServerGroupId != "" {
		return groupMembersForHealthTxn(txn, l.VServerGroupId)
	}
	backends := backendsOfTxn(txn, l.LoadBalancerId)
	out := make([]healthMember, 0, len(backends))
	for _, b := range backends {
		out = append(out, healthMember{ServerId: b.ServerId, ServerIp: b.ServerIp, Type: b.Type, Port: l.BackendServerPort})
	}
	return out
}

// memberHealthTxn is the health of a server behind a listener that checks
// health and runs: abnormal if marked so on the LB, or if its instance is
// gone or not Running; normal otherwise.
func (s *Store) memberHealthTxn(txn *memdb.Txn, lb *model.LoadBalancer, m healthMember) string {
	if first(txn, tableUnhealthy, indexID, unhealthyKey(lb.LoadBalancerId, m.ServerId)) != nil {
		return model.HealthAbnormal
	}
	instanceId := m.ServerId
	switch m.Type {
	case model.ServerECS:
	case model.ServerENI:
		eni := eniTxn(txn, lb.AccountId, lb.RegionId, m.ServerId)
		if eni == nil || eni.InstanceId == "" {
			return model.HealthAbnormal
		}
		instanceId = eni.InstanceId
	default:
		return model.HealthAbnormal
	}
	if inst := instanceTxn(txn, lb.AccountId, lb.RegionId, instanceId); inst == nil || s.statusOf(inst) != model.StatusRunning {
		return model.HealthAbnormal
	}
	return model.HealthNormal
}

// SetBackendHealth marks a server unhealthy on an LB (healthy false), or
// clears the mark (healthy true): a fixture for failure scenarios, which the
// real service does not have. DescribeHealthStatus then reports the server
// abnormal behind every running listener of the LB that checks health,
// whatever its instance's status. The mark is part of the state (Dump,
// snapshots) and goes with the LB; the server need not be attached (yet).
// It fails when the LB does not exist or serverId is empty.
func (s *Store) SetBackendHealth(lbId, serverId string, healthy bool) error {
	return s.fixture(func(txn *memdb.Txn) error {
		if first(txn, tableLoadBalancers, indexID, lbId) == nil {
			return fmt.Errorf("engine: SetBackendHealth: LB %q does not exist", lbId)
		}
		if serverId == "" {
			return fmt.Errorf("engine: SetBackendHealth: empty server ID")
		}
		cur := first(txn, tableUnhealthy, indexID, unhealthyKey(lbId, serverId))
		switch {
		case healthy && cur != nil:
			remove(txn, tableUnhealthy, cur)
		case !healthy && cur == nil:
			insert(txn, tableUnhealthy, &model.UnhealthyBackend{LoadBalancerId: lbId, ServerId: serverId})
		}
		return nil
	})
}
