package engine

import (
	"slices"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// Listeners. A listener is keyed by (LoadBalancerId, ListenerPort,
// ListenerProtocol). Every Create*Listener call checks, in this order (the
// first failure wins; the order after the LB's checks is INF):
//
//  1. RegionId, LoadBalancerId, the LB (exists for the caller, not locked:
//     ActionNotAllowed), no configuring window open (ServiceIsConfiguring)
//  2. ListenerPort given (MissingParameter) and in 1..65535
//  3. Bandwidth: required for TCP and UDP (MissingParameter; HTTP and HTTPS
//     default to -1); -1 or 1..5120; -1 only on a pay-by-traffic LB; on a
//     pay-by-bandwidth internet LB the listeners' bandwidths add up to at
//     most the LB's (DOC for the values, INF for the codes: InvalidParameter
//     naming Bandwidth)
//  4. VServerGroupId, when given: a vServer group of this LB
//     (VServerGroupNotFound); otherwise BackendServerPort is required
//     (MissingParameter); BackendServerPort, when given, in 1..65535
//  5. Scheduler: wrr (default), wlc, rr; sch and tch only on a
//     performance-guaranteed LB (one with a LoadBalancerSpec, or PayByCLCU:
//     model.PerformanceGuaranteed, INF for PayByCLCU, so that an LB moved to
//     it keeps its listeners); qch only on UDP listeners of such LBs (DOC)
//  6. Description: empty, or 1 to 256 characters of letters, digits, CJK
//     ideographs, '-', '/', '.', '_' (checkListenerDescription)
//  7. the protocol's own parameters, with their defaults filled in (health
//     check, session persistence, cookies: their documented values and
//     ranges; InvalidParameter naming the parameter)
//  8. the port is free in its port space (ListenerAlreadyExists): TCP,
//     HTTP and HTTPS listeners share the LB's TCP ports; UDP listeners have
//     their own (DOC)
//
// A new listener is stopped (DOC). All or nothing. The rules on the stored
// fields are in slb_listener_rules.go; Validate applies the same ones.

// maxListenerBandwidth is the highest peak bandwidth a listener may have
// (DOC: 1 to 5120 Mbit/s).
const maxListenerBandwidth = 5120

// CreateLoadBalancerTCPListener creates a stopped TCP listener.
func (s *Store) CreateLoadBalancerTCPListener(account string, req *model.CreateLoadBalancerTCPListenerRequest) (*model.CreateLoadBalancerTCPListenerResponse, *model.Error) {
	e := s.createListener(account, &req.ListenerCommon, model.ProtocolTCP, true, func(l *model.Listener) *model.Error {
		l.HealthCheck, l.HealthCheckType = req.HealthCheckSwitch, req.HealthCheckType
		l.HealthCheckDomain, l.HealthCheckURI, l.HealthCheckHttpCode = req.HealthCheckDomain, req.HealthCheckURI, req.HealthCheckHttpCode
		l.HealthCheckConnectPort = req.HealthCheckConnectPort
		l.HealthyThreshold, l.UnhealthyThreshold = req.HealthyThreshold, req.UnhealthyThreshold
		l.HealthCheckInterval, l.HealthCheckConnectTimeout = req.HealthCheckInterval, req.HealthCheckConnectTimeout
		l.PersistenceTimeout, l.EstablishedTimeout = req.PersistenceTimeout, req.EstablishedTimeout
		return applyDrainOptions(l, &req.ConnectionDrainOptions)
	})
	if e != nil {
		return nil, e
	}
	return &model.CreateLoadBalancerTCPListenerResponse{}, nil
}

// CreateLoadBalancerUDPListener creates a stopped UDP listener.
func (s *Store) CreateLoadBalancerUDPListener(account string, req *model.CreateLoadBalancerUDPListenerRequest) (*model.CreateLoadBalancerUDPListenerResponse, *model.Error) {
	e := s.createListener(account, &req.ListenerCommon, model.ProtocolUDP, true, func(l *model.Listener) *model.Error {
		l.HealthCheck, l.HealthCheckConnectPort = req.HealthCheckSwitch, req.HealthCheckConnectPort
		l.HealthyThreshold, l.UnhealthyThreshold = req.HealthyThreshold, req.UnhealthyThreshold
		l.HealthCheckInterval, l.HealthCheckConnectTimeout = req.HealthCheckInterval, req.HealthCheckConnectTimeout
		l.PersistenceTimeout = req.PersistenceTimeout
		return applyDrainOptions(l, &req.ConnectionDrainOptions)
	})
	if e != nil {
		return nil, e
	}
	return &model.CreateLoadBalancerUDPListenerResponse{}, nil
}

// CreateLoadBalancerHTTPListener creates a stopped HTTP listener.
func (s *Store) CreateLoadBalancerHTTPListener(account string, req *model.CreateLoadBalancerHTTPListenerRequest) (*model.CreateLoadBalancerHTTPListenerResponse, *model.Error) {
	e := s.createListener(account, &req.ListenerCommon, model.ProtocolHTTP, false, func(l *model.Listener) *model.Error {
		applyHTTPOptions(l, &req.HTTPListenerOptions)
		l.ListenerForward, l.ForwardPort = req.ListenerForward, req.ForwardPort
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.CreateLoadBalancerHTTPListenerResponse{}, nil
}

// CreateLoadBalancerHTTPSListener creates a stopped HTTPS listener.
// ServerCertificateId is required (MissingParameter) and kept as given.
func (s *Store) CreateLoadBalancerHTTPSListener(account string, req *model.CreateLoadBalancerHTTPSListenerRequest) (*model.CreateLoadBalancerHTTPSListenerResponse, *model.Error) {
	e := s.createListener(account, &req.ListenerCommon, model.ProtocolHTTPS, false, func(l *model.Listener) *model.Error {
		applyHTTPOptions(l, &req.HTTPListenerOptions)
		l.ServerCertificateId = req.ServerCertificateId
		l.EnableHttp2, l.TLSCipherPolicy = req.EnableHttp2, req.TLSCipherPolicy
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.CreateLoadBalancerHTTPSListenerResponse{}, nil
}

// applyDrainOptions copies a TCP or UDP listener's connection-draining and
// Proxy Protocol parameters; a parameter left out keeps the listener's
// value. ProxyProtocolV2Enabled is true or false, as the SDK's Boolean
// sends it (INF: other spellings are refused).
func applyDrainOptions(l *model.Listener, o *model.ConnectionDrainOptions) *model.Error {
	setString(&l.ConnectionDrain, o.ConnectionDrain)
	setInt(&l.ConnectionDrainTimeout, o.ConnectionDrainTimeout)
	switch o.ProxyProtocolV2Enabled {
	case "":
	case "true", "false":
		l.ProxyProtocolV2Enabled = o.ProxyProtocolV2Enabled == "true"
	default:
		return model.ErrInvalidParameterValue("ProxyProtocolV2Enabled")
	}
	return nil
}

// applyHTTPOptions copies the HTTP or HTTPS listener parameters given; a
// parameter left out keeps the listener's value (a create's new listener
// has none, and fills in the defaults afterwards).
func applyHTTPOptions(l *model.Listener, o *model.HTTPListenerOptions) {
	setString(&l.HealthCheck, o.HealthCheck)
	setString(&l.HealthCheckDomain, o.HealthCheckDomain)
	setString(&l.HealthCheckURI, o.HealthCheckURI)
	setString(&l.HealthCheckHttpCode, o.HealthCheckHttpCode)
	setInt(&l.HealthCheckConnectPort, o.HealthCheckConnectPort)
	setInt(&l.HealthyThreshold, o.HealthyThreshold)
	setInt(&l.UnhealthyThreshold, o.UnhealthyThreshold)
	setInt(&l.HealthCheckInterval, o.HealthCheckInterval)
	setInt(&l.HealthCheckTimeout, o.HealthCheckTimeout)
	setString(&l.StickySession, o.StickySession)
	setString(&l.StickySessionType, o.StickySessionType)
	setString(&l.Cookie, o.Cookie)
	setInt(&l.CookieTimeout, o.CookieTimeout)
	setString(&l.XForwardedFor, o.XForwardedFor)
	setString(&l.Gzip, o.Gzip)
	setInt(&l.RequestTimeout, o.RequestTimeout)
	setInt(&l.IdleTimeout, o.IdleTimeout)
	applyForwardedFor(l, o)
}

// applyForwardedFor copies the X-Forwarded-For_* switches given.
func applyForwardedFor(l *model.Listener, o *model.HTTPListenerOptions) {
	setString(&l.XForwardedFor_proto, o.XForwardedFor_proto)
	setString(&l.XForwardedFor_SLBPORT, o.XForwardedFor_SLBPORT)
	setString(&l.XForwardedFor_ClientSrcPort, o.XForwardedFor_ClientSrcPort)
	setString(&l.XForwardedFor_SLBIP, o.XForwardedFor_SLBIP)
	setString(&l.XForwardedFor_SLBID, o.XForwardedFor_SLBID)
}

// createListener is the frame of the four creates: the shared checks, then
// fill (copies the protocol's own parameters), their defaults and checks,
// then the port rule. bandwidthRequired is the TCP and UDP rule.
func (s *Store) createListener(account string, c *model.ListenerCommon, protocol model.ListenerProtocol, bandwidthRequired bool, fill func(*model.Listener) *model.Error) *model.Error {
	return s.write(func(txn *memdb.Txn) *model.Error {
		lb, e := s.changeableLoadBalancerTxn(txn, account, c.RegionId, c.LoadBalancerId)
		if e != nil {
			return e
		}
		if e := checkListenerPort(c.ListenerPort); e != nil {
			return e
		}
		bw := c.Bandwidth
		if bw == 0 {
			if bandwidthRequired {
				return model.ErrMissingParameter("Bandwidth")
			}
			bw = -1
		}
		if e := checkListenerBandwidthTxn(txn, lb, bw, ""); e != nil {
			return e
		}
		l := &model.Listener{
			LoadBalancerId: lb.LoadBalancerId, ListenerPort: c.ListenerPort, ListenerProtocol: protocol,
			AccountId: account, RegionId: lb.RegionId, Status: model.ListenerStopped,
			Bandwidth: bw, Description: c.Description, CreationTime: s.now().UTC(),
		}
		fillErr := fill(l)
		if e := setListenerTargetTxn(txn, lb, l, c.VServerGroupId, c.BackendServerPort); e != nil {
			return e
		}
		scheduler, e := checkScheduler(lb, protocol, c.Scheduler)
		if e != nil {
			return e
		}
		l.Scheduler = scheduler
		if e := checkListenerDescription(c.Description); e != nil {
			return e
		}
		if e := checkListenerACL(&c.ListenerACL); e != nil {
			return e
		}
		if fillErr != nil {
			return fillErr
		}
		fillListenerDefaults(l)
		if e := checkProtocolFields(l); e != nil {
			return e
		}
		if e := checkForwardTargetTxn(txn, l); e != nil {
			return e
		}
		if portTakenTxn(txn, lb.LoadBalancerId, c.ListenerPort, protocol) {
			return model.ErrListenerAlreadyExists()
		}
		if e := checkNewTags(c.Tag); e != nil {
			return e
		}
		insert(txn, tableListeners, l)
		return setTagsTxn(txn, account, lb.RegionId, model.ResourceTypeListener, listenerResourceId(l), lb.Seq, c.Tag)
	})
}

// changeableLoadBalancerTxn resolves an LB whose listeners the call may
// change: it exists for the caller, is not locked and is not inside its
// configuring window.
func (s *Store) changeableLoadBalancerTxn(txn *memdb.Txn, account, region, id string) (*model.LoadBalancer, *model.Error) {
	lb, e := mutableLoadBalancerTxn(txn, account, region, id)
	if e != nil {
		return nil, e
	}
	if s.configuringTxn(lb) {
		return nil, model.ErrServiceIsConfiguring()
	}
	return lb, nil
}

// checkListenerPort checks a ListenerPort parameter.
func checkListenerPort(port int) *model.Error {
	switch {
	case port == 0:
		return model.ErrMissingParameter("ListenerPort")
	case port < 1 || port > 65535:
		return model.ErrInvalidParameterValue("ListenerPort")
	}
	return nil
}

// setListenerTargetTxn points a listener at a vServer group of its LB, or
// at the default server group on backendPort.
func setListenerTargetTxn(txn *memdb.Txn, lb *model.LoadBalancer, l *model.Listener, groupId string, backendPort int) *model.Error {
	if groupId != "" {
		g := vServerGroupTxn(txn, lb.AccountId, lb.RegionId, groupId)
		if g == nil || g.LoadBalancerId != lb.LoadBalancerId {
			return model.ErrVServerGroupNotFound()
		}
	}
	if e := checkBackendServerPort(groupId != "" || l.ListenerForward == "on", backendPort); e != nil {
		return e
	}
	l.VServerGroupId, l.BackendServerPort = groupId, backendPort
	return nil
}

// checkForwardTargetTxn checks an HTTP listener's redirection: with
// ListenerForward on, ForwardPort is the port of an HTTPS listener of its
// LB (DOC for the rule; INF for the code: InvalidParameter naming
// ForwardPort).
func checkForwardTargetTxn(txn *memdb.Txn, l *model.Listener) *model.Error {
	if l.ListenerForward != "on" {
		return nil
	}
	for _, o := range listenersOnPortTxn(txn, l.LoadBalancerId, l.ForwardPort) {
		if o.ListenerProtocol == model.ProtocolHTTPS {
			return nil
		}
	}
	return model.ErrInvalidParameterValue("ForwardPort")
}

// paysByBandwidth reports whether an LB's listeners share its bandwidth: a
// pay-by-bandwidth internet LB.
func paysByBandwidth(lb *model.LoadBalancer) bool {
	return lb.AddressType == model.AddressInternet && lb.InternetChargeType == "paybybandwidth"
}

// checkListenerBandwidthTxn checks a listener's Bandwidth on its LB
// (checkListenerBandwidth). except is the key of the listener being
// changed, whose current bandwidth does not count.
func checkListenerBandwidthTxn(txn *memdb.Txn, lb *model.LoadBalancer, bw int, except string) *model.Error {
	others := 0
	if paysByBandwidth(lb) {
		for _, o := range listenersOfTxn(txn, lb.LoadBalancerId) {
			if listenerKey(o.LoadBalancerId, o.ListenerPort, o.ListenerProtocol) != except && o.Bandwidth > 0 {
				others += o.Bandwidth
			}
		}
	}
	return checkListenerBandwidth(lb, bw, others)
}

// checkScheduler checks a Scheduler and returns it, or the default wrr.
func checkScheduler(lb *model.LoadBalancer, protocol model.ListenerProtocol, scheduler string) (string, *model.Error) {
	switch scheduler {
	case "":
		return "wrr", nil
	case "wrr", "wlc", "rr":
		return scheduler, nil
	case "sch", "tch":
		if model.PerformanceGuaranteed(lb) && (protocol == model.ProtocolTCP || protocol == model.ProtocolUDP) {
			return scheduler, nil
		}
	case "qch":
		if model.PerformanceGuaranteed(lb) && protocol == model.ProtocolUDP {
			return scheduler, nil
		}
	}
	return "", model.ErrInvalidParameterValue("Scheduler")
}

// intRange is one integer parameter's documented range; 0 is "not given"
// and is not checked.
type intRange struct {
	name     string
	value    int
	min, max int
}

func checkRanges(rs ...intRange) *model.Error {
	for _, r := range rs {
		if r.value != 0 && (r.value < r.min || r.value > r.max) {
			return model.ErrInvalidParameterValue(r.name)
		}
	}
	return nil
}

// checkOnOff checks on/off parameters.
func checkOnOff(pairs ...[2]string) *model.Error {
	for _, p := range pairs {
		if p[1] != "on" && p[1] != "off" {
			return model.ErrInvalidParameterValue(p[0])
		}
	}
	return nil
}

// checkHealthRanges checks the health-check parameters every protocol has.
func checkHealthRanges(l *model.Listener) *model.Error {
	return checkRanges(
		intRange{"HealthCheckConnectPort", l.HealthCheckConnectPort, 1, 65535},
		intRange{"HealthyThreshold", l.HealthyThreshold, 2, 10},
		intRange{"UnhealthyThreshold", l.UnhealthyThreshold, 2, 10},
		intRange{"HealthCheckInterval", l.HealthCheckInterval, 1, 50},
		intRange{"HealthCheckConnectTimeout", l.HealthCheckConnectTimeout, 1, 300},
		intRange{"HealthCheckTimeout", l.HealthCheckTimeout, 1, 300},
	)
}

// checkTCPListener checks a TCP listener's own fields.
func checkTCPListener(l *model.Listener) *model.Error {
	if e := checkOnOff([2]string{"HealthCheckSwitch", l.HealthCheck}); e != nil {
		return e
	}
	if l.HealthCheckType != "tcp" && l.HealthCheckType != "http" {
		return model.ErrInvalidParameterValue("HealthCheckType")
	}
	if e := checkHealthRanges(l); e != nil {
		return e
	}
	if l.PersistenceTimeout < 0 || l.PersistenceTimeout > 3600 {
		return model.ErrInvalidParameterValue("PersistenceTimeout")
	}
	if e := checkRanges(intRange{"EstablishedTimeout", l.EstablishedTimeout, 10, 900}); e != nil {
		return e
	}
	return checkConnectionDrain(l)
}

// checkConnectionDrain checks a TCP or UDP listener's connection draining:
// ConnectionDrain on or off ("" is off); ConnectionDrainTimeout 10 to 900
// when set, and required when draining is on (DOC for the values; INF for
// the codes: MissingParameter and InvalidParameter naming the parameter).
func checkConnectionDrain(l *model.Listener) *model.Error {
	if e := checkOptionalOnOff([2]string{"ConnectionDrain", l.ConnectionDrain}); e != nil {
		return e
	}
	if e := checkRanges(intRange{"ConnectionDrainTimeout", l.ConnectionDrainTimeout, 10, 900}); e != nil {
		return e
	}
	if l.ConnectionDrain == "on" && l.ConnectionDrainTimeout == 0 {
		return model.ErrMissingParameter("ConnectionDrainTimeout")
	}
	return nil
}

// checkOptionalOnOff checks on/off parameters whose empty value stands for
// their default.
func checkOptionalOnOff(pairs ...[2]string) *model.Error {
	for _, p := range pairs {
		if p[1] != "" && p[1] != "on" && p[1] != "off" {
			return model.ErrInvalidParameterValue(p[0])
		}
	}
	return nil
}

// tlsCipherPolicies are the predefined TLS security policies of CLB HTTPS
// listeners (DOC: the "TLS security policies" help page).
var tlsCipherPolicies = []string{
	"tls_cipher_policy_1_0", "tls_cipher_policy_1_1", "tls_cipher_policy_1_2",
	"tls_cipher_policy_1_2_strict", "tls_cipher_policy_1_2_strict_with_1_3",
}

// defaultTLSCipherPolicy is the TLSCipherPolicy of an HTTPS listener created
// without one (DOC).
const defaultTLSCipherPolicy = "tls_cipher_policy_1_0"

// checkHTTPExtras checks an HTTP or HTTPS listener's X-Forwarded-For_*
// switches, an HTTP listener's redirection (ListenerForward on or off;
// with on, ForwardPort is required and in 1..65535) and an HTTPS listener's
// EnableHttp2 and TLSCipherPolicy. An empty value is the default.
func checkHTTPExtras(l *model.Listener) *model.Error {
	if e := checkOptionalOnOff([2]string{"XForwardedFor_proto", l.XForwardedFor_proto}, [2]string{"XForwardedFor_SLBPORT", l.XForwardedFor_SLBPORT},
		[2]string{"XForwardedFor_ClientSrcPort", l.XForwardedFor_ClientSrcPort}, [2]string{"XForwardedFor_SLBIP", l.XForwardedFor_SLBIP},
		[2]string{"XForwardedFor_SLBID", l.XForwardedFor_SLBID}, [2]string{"ListenerForward", l.ListenerForward},
		[2]string{"EnableHttp2", l.EnableHttp2}); e != nil {
		return e
	}
	if e := checkRanges(intRange{"ForwardPort", l.ForwardPort, 1, 65535}); e != nil {
		return e
	}
	if l.ListenerForward == "on" && l.ForwardPort == 0 {
		return model.ErrMissingParameter("ForwardPort")
	}
	if l.TLSCipherPolicy != "" && !slices.Contains(tlsCipherPolicies, l.TLSCipherPolicy) {
		return model.ErrInvalidParameterValue("TLSCipherPolicy")
	}
	return nil
}

// checkListenerACL checks the access-control parameters of a listener call.
// No ACL exists (ACLs are not modelled): AclStatus off or not given passes;
// on needs an AclId (MissingParameter, DOC: "required when AclStatus is
// on"); any AclId is AclNotExist. AclStatus is on or off, AclType white or
// black (DOC values; INF codes: InvalidParameter naming them).
func checkListenerACL(a *model.ListenerACL) *model.Error {
	if e := checkOptionalOnOff([2]string{"AclStatus", a.AclStatus}); e != nil {
		return e
	}
	if a.AclType != "" && a.AclType != "white" && a.AclType != "black" {
		return model.ErrInvalidParameterValue("AclType")
	}
	if a.AclStatus == "on" && a.AclId == "" {
		return model.ErrMissingParameter("AclId")
	}
	if a.AclId != "" {
		return model.ErrAclNotExist()
	}
	return nil
}

// checkUDPListener checks a UDP listener's own fields.
func checkUDPListener(l *model.Listener) *model.Error {
	if e := checkOnOff([2]string{"HealthCheckSwitch", l.HealthCheck}); e != nil {
		return e
	}
	if e := checkHealthRanges(l); e != nil {
		return e
	}
	if l.PersistenceTimeout < 0 || l.PersistenceTimeout > 3600 {
		return model.ErrInvalidParameterValue("PersistenceTimeout")
	}
	return checkConnectionDrain(l)
}

// checkHTTPListener checks an HTTP or HTTPS listener's own fields: with
// StickySession on, StickySessionType is insert (with a CookieTimeout) or
// server (with a Cookie) (DOC).
func checkHTTPListener(l *model.Listener) *model.Error {
	if e := checkOnOff([2]string{"HealthCheck", l.HealthCheck}, [2]string{"StickySession", l.StickySession},
		[2]string{"XForwardedFor", l.XForwardedFor}, [2]string{"Gzip", l.Gzip}); e != nil {
		return e
	}
	if e := checkHealthRanges(l); e != nil {
		return e
	}
	if e := checkRanges(intRange{"CookieTimeout", l.CookieTimeout, 1, 86400}, intRange{"RequestTimeout", l.RequestTimeout, 1, 180},
		intRange{"IdleTimeout", l.IdleTimeout, 1, 60}); e != nil {
		return e
	}
	if e := checkHTTPExtras(l); e != nil {
		return e
	}
	if l.StickySession == "off" {
		return nil
	}
	switch l.StickySessionType {
	case "":
		return model.ErrMissingParameter("StickySessionType")
	case "insert":
		if l.CookieTimeout == 0 {
			return model.ErrMissingParameter("CookieTimeout")
		}
	case "server":
		if l.Cookie == "" {
			return model.ErrMissingParameter("Cookie")
		}
	default:
		return model.ErrInvalidParameterValue("StickySessionType")
	}
	return nil
}

// portTakenTxn reports whether an LB already listens on port in protocol's
// port space.
func portTakenTxn(txn *memdb.Txn, lbId string, port int, protocol model.ListenerProtocol) bool {
	for _, o := range listenersOnPortTxn(txn, lbId, port) {
		if o.ListenerProtocol.PortSpace() == protocol.PortSpace() {
			return true
		}
	}
	return false
}

// listenersOfTxn returns an LB's listeners in port order (then protocol).
func listenersOfTxn(txn *memdb.Txn, lbId string) []*model.Listener {
	return all[model.Listener](txn, tableListeners, indexID+"_prefix", listenerLBPrefix(lbId))
}

// listenersOnPortTxn returns an LB's listeners on one port.
func listenersOnPortTxn(txn *memdb.Txn, lbId string, port int) []*model.Listener {
	return all[model.Listener](txn, tableListeners, indexID+"_prefix", listenerPortPrefix(lbId, port))
}

// listenersUsingGroupTxn returns the listeners that forward to a vServer
// group (what DeleteVServerGroup must refuse with RspoolVipExist).
func listenersUsingGroupTxn(txn *memdb.Txn, groupId string) []*model.Listener {
	return all[model.Listener](txn, tableListeners, indexGroup, groupId)
}

// deleteListenersOfTxn removes an LB's listeners and its unhealthy marks,
// as DeleteLoadBalancer does.
func deleteListenersOfTxn(txn *memdb.Txn, lbId string) {
	for _, l := range listenersOfTxn(txn, lbId) {
		removeListenerTxn(txn, l)
	}
	for _, u := range all[model.UnhealthyBackend](txn, tableUnhealthy, indexID+"_prefix", listenerLBPrefix(lbId)) {
		remove(txn, tableUnhealthy, u)
	}
}

func defaultString(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func defaultInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
