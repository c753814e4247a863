package engine

import (
	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// The listener lifecycle (DOC: StartLoadBalancerListener, only from
// stopped, goes through starting to running; StopLoadBalancerListener
// through stopping to stopped). With zero durations (the default,
// model.LifecycleDurations ListenerStarting and ListenerStopping) a call
// lands in its final status at once. A listener that is starting refuses
// every change with Operation.Deny, one that is stopping with
// ServiceIsStopping (409) (DOC codes; which calls they refuse is INF).
// Starting a running listener is Operation.NotAllowed (DOC: only a stopped
// listener can be started); stopping a stopped one succeeds and changes
// nothing (INF).

// StartLoadBalancerListener starts a stopped listener.
func (s *Store) StartLoadBalancerListener(account string, req *model.StartLoadBalancerListenerRequest) (*model.StartLoadBalancerListenerResponse, *model.Error) {
	e := s.changeListener(account, req, func(txn *memdb.Txn, l *model.Listener, status model.ListenerStatus) *model.Error {
		if status != model.ListenerStopped {
			return model.ErrListenerNotAllowed()
		}
		s.moveListenerTxn(txn, l, model.ListenerTransitionStart)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.StartLoadBalancerListenerResponse{}, nil
}

// StopLoadBalancerListener stops a running listener; a stopped one stays so.
func (s *Store) StopLoadBalancerListener(account string, req *model.StopLoadBalancerListenerRequest) (*model.StopLoadBalancerListenerResponse, *model.Error) {
	e := s.changeListener(account, req, func(txn *memdb.Txn, l *model.Listener, status model.ListenerStatus) *model.Error {
		if status == model.ListenerRunning {
			s.moveListenerTxn(txn, l, model.ListenerTransitionStop)
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.StopLoadBalancerListenerResponse{}, nil
}

// DeleteLoadBalancerListener deletes a listener, running or stopped.
func (s *Store) DeleteLoadBalancerListener(account string, req *model.DeleteLoadBalancerListenerRequest) (*model.DeleteLoadBalancerListenerResponse, *model.Error) {
	e := s.changeListener(account, req, func(txn *memdb.Txn, l *model.Listener, _ model.ListenerStatus) *model.Error {
		removeListenerTxn(txn, l)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.DeleteLoadBalancerListenerResponse{}, nil
}

// changeListener is the frame of Start, Stop and Delete: the LB's checks,
// the listener (findListenerTxn), its transitional status, then change.
func (s *Store) changeListener(account string, req *model.ListenerRequest, change func(txn *memdb.Txn, l *model.Listener, status model.ListenerStatus) *model.Error) *model.Error {
	return s.write(func(txn *memdb.Txn) *model.Error {
		lb, e := s.changeableLoadBalancerTxn(txn, account, req.RegionId, req.LoadBalancerId)
		if e != nil {
			return e
		}
		l, e := findListenerTxn(txn, lb.LoadBalancerId, req.ListenerPort, req.ListenerProtocol)
		if e != nil {
			return e
		}
		status, e := s.settledListenerStatus(l)
		if e != nil {
			return e
		}
		return change(txn, l, status)
	})
}

// settledListenerStatus returns a listener's status when it may be changed:
// neither starting nor stopping.
func (s *Store) settledListenerStatus(l *model.Listener) (model.ListenerStatus, *model.Error) {
	switch status := s.listenerStatusOf(l); status {
	case model.ListenerStarting:
		return status, model.ErrListenerConfiguring()
	case model.ListenerStopping:
		return status, model.ErrServiceIsStopping()
	default:
		return status, nil
	}
}

// listenerStatusOf is the status a listener shows now.
func (s *Store) listenerStatusOf(l *model.Listener) model.ListenerStatus {
	return l.StatusAt(s.now(), s.life)
}

// moveListenerTxn records a Start or Stop: the transition, when it began,
// and where the listener settles (listenerSettlesIn).
func (s *Store) moveListenerTxn(txn *memdb.Txn, l *model.Listener, t model.ListenerTransition) {
	updated := *l
	updated.Status, updated.Transition, updated.TransitionAt = listenerSettlesIn(t), t, s.now().UTC()
	insert(txn, tableListeners, &updated)
}

// listenerSettlesIn is the status a listener settles in after its last
// transition: a new listener (none) and a stopped one are stopped, a
// started one running. Start and Stop leave no other pair.
func listenerSettlesIn(t model.ListenerTransition) model.ListenerStatus {
	if t == model.ListenerTransitionStart {
		return model.ListenerRunning
	}
	return model.ListenerStopped
}

// findListenerTxn resolves the listener a call names by port and, when the
// port has listeners of two protocols, protocol: ListenerPort is required
// (MissingParameter) and in 1..65535; ListenerProtocol, when given, is one
// of tcp, udp, http, https (InvalidParameter). No listener is
// ListenerNotFound; two without ListenerProtocol TooManyListeners (DOC).
func findListenerTxn(txn *memdb.Txn, lbId string, port int, protocol string) (*model.Listener, *model.Error) {
	if e := checkListenerPort(port); e != nil {
		return nil, e
	}
	found, e := listenersMatchingTxn(txn, lbId, port, protocol)
	if e != nil {
		return nil, e
	}
	switch len(found) {
	case 0:
		return nil, model.ErrListenerNotFound()
	case 1:
		return found[0], nil
	}
	return nil, model.ErrTooManyListeners()
}

// listenersMatchingTxn returns an LB's listeners on port (every port when
// port is 0) of protocol (every protocol when empty).
func listenersMatchingTxn(txn *memdb.Txn, lbId string, port int, protocol string) ([]*model.Listener, *model.Error) {
	p := model.ListenerProtocol(protocol)
	if protocol != "" && !p.Valid() {
		return nil, model.ErrInvalidParameterValue("ListenerProtocol")
	}
	var candidates []*model.Listener
	if port != 0 {
		candidates = listenersOnPortTxn(txn, lbId, port)
	} else {
		candidates = listenersOfTxn(txn, lbId)
	}
	out := candidates[:0:0]
	for _, l := range candidates {
		if protocol == "" || l.ListenerProtocol == p {
			out = append(out, l)
		}
	}
	return out, nil
}
