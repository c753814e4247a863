package engine

import (
	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// SetLoadBalancerTCPListenerAttribute changes a TCP listener. A parameter
// left out keeps its value; the checks are those of the create, in its order,
// on the listener as it would be (the port rule aside: the port does not
// change). A listener that is starting or stopping refuses the change
// (Operation.Deny, ServiceIsStopping). A call that changes nothing writes
// nothing.
func (s *Store) SetLoadBalancerTCPListenerAttribute(account string, req *model.SetLoadBalancerTCPListenerAttributeRequest) (*model.SetLoadBalancerTCPListenerAttributeResponse, *model.Error) {
	e := s.setListener(account, &req.ListenerUpdate, model.ProtocolTCP, func(l *model.Listener) *model.Error {
		setString(&l.HealthCheck, req.HealthCheckSwitch)
		setString(&l.HealthCheckType, req.HealthCheckType)
		setString(&l.HealthCheckDomain, req.HealthCheckDomain)
		setString(&l.HealthCheckURI, req.HealthCheckURI)
		setString(&l.HealthCheckHttpCode, req.HealthCheckHttpCode)
		setInt(&l.HealthCheckConnectPort, req.HealthCheckConnectPort)
		setInt(&l.HealthyThreshold, req.HealthyThreshold)
		setInt(&l.UnhealthyThreshold, req.UnhealthyThreshold)
		setInt(&l.HealthCheckInterval, req.HealthCheckInterval)
		setInt(&l.HealthCheckConnectTimeout, req.HealthCheckConnectTimeout)
		if req.PersistenceTimeout != nil {
			l.PersistenceTimeout = *req.PersistenceTimeout
		}
		setInt(&l.EstablishedTimeout, req.EstablishedTimeout)
		return applyDrainOptions(l, &req.ConnectionDrainOptions)
	})
	if e != nil {
		return nil, e
	}
	return &model.SetLoadBalancerTCPListenerAttributeResponse{}, nil
}

// SetLoadBalancerHTTPListenerAttribute changes an HTTP listener, as
// SetLoadBalancerTCPListenerAttribute changes a TCP one.
func (s *Store) SetLoadBalancerHTTPListenerAttribute(account string, req *model.SetLoadBalancerHTTPListenerAttributeRequest) (*model.SetLoadBalancerHTTPListenerAttributeResponse, *model.Error) {
	e := s.setListener(account, &req.ListenerUpdate, model.ProtocolHTTP, func(l *model.Listener) *model.Error {
		applyHTTPOptions(l, &req.HTTPListenerOptions)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.SetLoadBalancerHTTPListenerAttributeResponse{}, nil
}

// setListener is the frame of the Set*ListenerAttribute calls: the LB's
// checks, the listener of protocol on the port, its status, the shared
// parameters, then apply (copies the protocol's own) and their checks.
func (s *Store) setListener(account string, u *model.ListenerUpdate, protocol model.ListenerProtocol, apply func(*model.Listener) *model.Error) *model.Error {
	return s.write(func(txn *memdb.Txn) *model.Error {
		lb, e := s.changeableLoadBalancerTxn(txn, account, u.RegionId, u.LoadBalancerId)
		if e != nil {
			return e
		}
		cur, e := findListenerTxn(txn, lb.LoadBalancerId, u.ListenerPort, string(protocol))
		if e != nil {
			return e
		}
		if _, e := s.settledListenerStatus(cur); e != nil {
			return e
		}
		l := *cur
		if u.Bandwidth != 0 {
			if e := checkListenerBandwidthTxn(txn, lb, u.Bandwidth, keyOfListener(cur)); e != nil {
				return e
			}
			l.Bandwidth = u.Bandwidth
		}
		switch u.VServerGroup {
		case "off":
			if e := setListenerTargetTxn(txn, lb, &l, "", l.BackendServerPort); e != nil {
				return e
			}
		case "", "on":
			if u.VServerGroupId != "" {
				if e := setListenerTargetTxn(txn, lb, &l, u.VServerGroupId, l.BackendServerPort); e != nil {
					return e
				}
			} else if u.VServerGroup == "on" && l.VServerGroupId == "" {
				return model.ErrMissingParameter("VServerGroupId")
			}
		default:
			return model.ErrInvalidParameterValue("VServerGroup")
		}
		if u.Scheduler != "" {
			scheduler, e := checkScheduler(lb, protocol, u.Scheduler)
			if e != nil {
				return e
			}
			l.Scheduler = scheduler
		}
		if e := checkListenerDescription(u.Description); e != nil {
			return e
		}
		setString(&l.Description, u.Description)
		if e := checkListenerACL(&u.ListenerACL); e != nil {
			return e
		}
		if e := apply(&l); e != nil {
			return e
		}
		if e := checkProtocolFields(&l); e != nil {
			return e
		}
		if l != *cur {
			insert(txn, tableListeners, &l)
		}
		return nil
	})
}

func setString(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

func setInt(dst *int, v int) {
	if v != 0 {
		*dst = v
	}
}
