package refmodel

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/slbfake/slbfake/model"
)

// Listeners (README, fidelity table, "Listeners"), written again from the
// documented rules: the TCP and HTTP creates (with the parameters the
// state-machine test draws: ports, Bandwidth, VServerGroupId, Scheduler,
// the health-check switch, session persistence and Description; every
// other parameter at its default), Start, Stop, Delete,
// DescribeLoadBalancerListeners, the listeners of DescribeLoadBalancerAttribute
// and DescribeHealthStatus of the default server group.

// Listener is a listener as the model keeps it. Status is where it settles
// (stopped or running); the transitional status it shows on the way is kept
// apart (listenerBusy).
type Listener struct {
	LoadBalancerId    string
	ListenerPort      int
	Protocol          model.ListenerProtocol
	Status            model.ListenerStatus
	BackendServerPort int
	Bandwidth         int
	Scheduler         string
	Description       string
	HealthCheck       string
	StickySession     string
	StickySessionType string
	Cookie            string
	CookieTimeout     int
	// VServerGroupId is the vServer group of the listener's LB it forwards
	// to; "" is the default server group (on BackendServerPort).
	VServerGroupId string
	// Tags are the listener's tags as a tag resource
	// ("<lb>_<protocol>_<port>"), by key.
	Tags map[string]string
	// TCP: connection draining (on or off, its timeout) and Proxy Protocol.
	Drain        string
	DrainTimeout int
	ProxyV2      bool
	// HTTP: the X-Forwarded-For_* switches drawn (proto, SLBPORT,
	// ClientSrcPort; on or off) and the redirection to HTTPS.
	XFFProto, XFFPort, XFFSrcPort string
	Forward                       string
	ForwardPort                   int
}

// busyListener is a listener in a transitional status until a time.
type busyListener struct {
	status model.ListenerStatus
	until  time.Time
}

func lkey(lb string, port int, p model.ListenerProtocol) string {
	return fmt.Sprintf("%s/%05d/%s", lb, port, p)
}

// space is the port space of a protocol: UDP alone, TCP with HTTP and HTTPS.
func space(p model.ListenerProtocol) string {
	if p == model.ProtocolUDP {
		return "udp"
	}
	return "tcp"
}

// ListenerCreate is what the model reads of a Create*Listener request.
type ListenerCreate struct {
	model.ListenerCommon
	// HealthCheck is HealthCheckSwitch (TCP) or HealthCheck (HTTP).
	HealthCheck       string
	StickySession     string
	StickySessionType string
	Cookie            string
	CookieTimeout     int
	// Drain are a TCP create's connection-draining and Proxy Protocol
	// parameters.
	Drain model.ConnectionDrainOptions
	// XFFProto, XFFPort and XFFSrcPort are an HTTP create's
	// XForwardedFor_proto, _SLBPORT and _ClientSrcPort; Forward and
	// ForwardPort its ListenerForward and ForwardPort.
	XFFProto, XFFPort, XFFSrcPort string
	Forward                       string
	ForwardPort                   int
}

// aclOK is the access-control rule of a listener call: no ACL exists, so
// AclStatus (on or off) on needs an AclId and any AclId does not exist;
// AclType is white or black.
func aclOK(a model.ListenerACL) *model.Error {
	if a.AclStatus != "" && a.AclStatus != "on" && a.AclStatus != "off" {
		return model.ErrInvalidParameterValue("AclStatus")
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

// offOrOn is an optional switch: "" (its default), on or off.
func offOrOn(v string) bool { return v == "" || v == "on" || v == "off" }

// drainOK keeps and checks a TCP create's draining and Proxy Protocol:
// ProxyProtocolV2Enabled true or false; ConnectionDrain on or off;
// ConnectionDrainTimeout 10..900, required when draining is on.
func drainOK(l *Listener, d model.ConnectionDrainOptions) *model.Error {
	if d.ConnectionDrain != "" && d.ConnectionDrain != "on" && d.ConnectionDrain != "off" {
		return model.ErrInvalidParameterValue("ConnectionDrain")
	}
	if d.ConnectionDrainTimeout != 0 && (d.ConnectionDrainTimeout < 10 || d.ConnectionDrainTimeout > 900) {
		return model.ErrInvalidParameterValue("ConnectionDrainTimeout")
	}
	if d.ConnectionDrain == "on" && d.ConnectionDrainTimeout == 0 {
		return model.ErrMissingParameter("ConnectionDrainTimeout")
	}
	l.Drain, l.DrainTimeout = d.ConnectionDrain, d.ConnectionDrainTimeout
	return nil
}

// CreateListener is the model's Create<Protocol>Listener for TCP and HTTP.
// The checks, in order: region, LB (exists, not locked, no configuring
// window), ListenerPort (given, 1..65535), Bandwidth (required for TCP,
// -1 by default for HTTP; -1 not on a pay-by-bandwidth internet LB, else
// 1..5120, whose sum on such an LB stays within the LB's), the target (a
// VServerGroupId: a group of this LB, else VServerGroupNotFound; without
// one BackendServerPort is required), BackendServerPort 1..65535 when
// given, Scheduler (sch, tch, qch on an LB with a spec or billed PayByCLCU),
// Description (listenerDescriptionOK), the ACL (aclOK), TCP's
// ProxyProtocolV2Enabled, the switches, session persistence, the
// X-Forwarded-For_* switches and redirection (HTTP), draining (TCP), the
// port space, and last Tag.N (as TagResources checks it).
func (m *Model) CreateListener(account string, protocol model.ListenerProtocol, req ListenerCreate) *model.Error {
	lb, e := m.mutableLB(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return e
	}
	if m.configuring(lb) {
		return model.ErrServiceIsConfiguring()
	}
	if req.ListenerPort == 0 {
		return model.ErrMissingParameter("ListenerPort")
	}
	if req.ListenerPort < 1 || req.ListenerPort > 65535 {
		return model.ErrInvalidParameterValue("ListenerPort")
	}
	bw := req.Bandwidth
	if bw == 0 {
		if protocol == model.ProtocolTCP || protocol == model.ProtocolUDP {
			return model.ErrMissingParameter("Bandwidth")
		}
		bw = -1
	}
	if e := m.bandwidthOK(lb, bw, ""); e != nil {
		return e
	}
	if req.VServerGroupId != "" {
		if m.groupOfLB(lb, req.VServerGroupId) == nil {
			return model.ErrVServerGroupNotFound()
		}
	} else if req.BackendServerPort == 0 && !(protocol == model.ProtocolHTTP && req.Forward == "on") {
		return model.ErrMissingParameter("BackendServerPort")
	}
	if req.BackendServerPort != 0 && (req.BackendServerPort < 1 || req.BackendServerPort > 65535) {
		return model.ErrInvalidParameterValue("BackendServerPort")
	}
	sched := req.Scheduler
	guaranteed := lb.LoadBalancerSpec != "" || lb.CLCU // a PayByCLCU LB has no spec but counts
	switch {
	case sched == "":
		sched = "wrr"
	case sched == "wrr" || sched == "wlc" || sched == "rr":
	case (sched == "sch" || sched == "tch") && guaranteed && protocol == model.ProtocolTCP:
	case (sched == "sch" || sched == "tch" || sched == "qch") && guaranteed && protocol == model.ProtocolUDP:
	default:
		return model.ErrInvalidParameterValue("Scheduler")
	}
	if !listenerDescriptionOK(req.Description) {
		return model.ErrInvalidParameterValue("Description")
	}
	if e := aclOK(req.ListenerACL); e != nil {
		return e
	}
	proxy := req.Drain.ProxyProtocolV2Enabled
	if proxy != "" && proxy != "true" && proxy != "false" {
		return model.ErrInvalidParameterValue("ProxyProtocolV2Enabled")
	}
	l := &Listener{LoadBalancerId: lb.LoadBalancerId, ListenerPort: req.ListenerPort, Protocol: protocol, Status: model.ListenerStopped,
		BackendServerPort: req.BackendServerPort, Bandwidth: bw, Scheduler: sched, Description: req.Description, HealthCheck: req.HealthCheck}
	if l.HealthCheck == "" {
		l.HealthCheck = "on"
	}
	switchName := "HealthCheckSwitch"
	if protocol == model.ProtocolHTTP || protocol == model.ProtocolHTTPS {
		switchName = "HealthCheck"
	}
	if l.HealthCheck != "on" && l.HealthCheck != "off" {
		return model.ErrInvalidParameterValue(switchName)
	}
	if switchName == "HealthCheck" {
		if e := httpSession(l, req); e != nil {
			return e
		}
		if e := m.forwardOK(lb, req); e != nil {
			return e
		}
		l.Forward, l.ForwardPort = req.Forward, req.ForwardPort
	} else {
		if e := drainOK(l, req.Drain); e != nil {
			return e
		}
		l.ProxyV2 = proxy == "true"
	}
	for _, o := range m.listenersOf(lb.LoadBalancerId) {
		if o.ListenerPort == l.ListenerPort && space(o.Protocol) == space(protocol) {
			return model.ErrListenerAlreadyExists()
		}
	}
	tags, e := newTags(req.Tag) // Tag.N, last (slb_tag_resources.go)
	if e != nil {
		return e
	}
	l.VServerGroupId, l.Tags = req.VServerGroupId, tags
	if m.listeners == nil {
		m.listeners = map[string]*Listener{}
	}
	m.listeners[lkey(l.LoadBalancerId, l.ListenerPort, protocol)] = l
	return nil
}

// listenerDescriptionOK is the listener Description rule: empty (not
// given), or at most 256 characters, each an ASCII letter or digit, a Han
// ideograph, '-', '/', '.' or '_'.
func listenerDescriptionOK(d string) bool {
	n := 0
	for _, r := range d {
		n++
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-/._", r) || unicode.Is(unicode.Han, r)
		if !ok || n > 256 {
			return false
		}
	}
	return true
}

// httpSession checks and keeps an HTTP listener's session persistence:
// StickySession on or off (default off); when on, StickySessionType insert
// (with a CookieTimeout of 1..86400) or server (with a Cookie).
func httpSession(l *Listener, req ListenerCreate) *model.Error {
	l.StickySession = req.StickySession
	if l.StickySession == "" {
		l.StickySession = "off"
	}
	if l.StickySession != "on" && l.StickySession != "off" {
		return model.ErrInvalidParameterValue("StickySession")
	}
	if req.CookieTimeout != 0 && (req.CookieTimeout < 1 || req.CookieTimeout > 86400) {
		return model.ErrInvalidParameterValue("CookieTimeout")
	}
	l.StickySessionType, l.Cookie, l.CookieTimeout = req.StickySessionType, req.Cookie, req.CookieTimeout
	for _, x := range []struct{ name, v string }{{"XForwardedFor_proto", req.XFFProto}, {"XForwardedFor_SLBPORT", req.XFFPort},
		{"XForwardedFor_ClientSrcPort", req.XFFSrcPort}, {"ListenerForward", req.Forward}} {
		if !offOrOn(x.v) {
			return model.ErrInvalidParameterValue(x.name)
		}
	}
	if req.ForwardPort != 0 && (req.ForwardPort < 1 || req.ForwardPort > 65535) {
		return model.ErrInvalidParameterValue("ForwardPort")
	}
	if req.Forward == "on" && req.ForwardPort == 0 {
		return model.ErrMissingParameter("ForwardPort")
	}
	l.XFFProto, l.XFFPort, l.XFFSrcPort = req.XFFProto, req.XFFPort, req.XFFSrcPort
	if l.StickySession == "off" {
		return nil
	}
	switch req.StickySessionType {
	case "":
		return model.ErrMissingParameter("StickySessionType")
	case "insert":
		if req.CookieTimeout == 0 {
			return model.ErrMissingParameter("CookieTimeout")
		}
	case "server":
		if req.Cookie == "" {
			return model.ErrMissingParameter("Cookie")
		}
	default:
		return model.ErrInvalidParameterValue("StickySessionType")
	}
	return nil
}

// forwardOK is the redirection rule of an HTTP create: with ListenerForward
// on, ForwardPort is the port of an HTTPS listener of the LB.
func (m *Model) forwardOK(lb *LoadBalancer, req ListenerCreate) *model.Error {
	if req.Forward != "on" {
		return nil
	}
	for _, o := range m.listenersOf(lb.LoadBalancerId) {
		if o.Protocol == model.ProtocolHTTPS && o.ListenerPort == req.ForwardPort {
			return nil
		}
	}
	return model.ErrInvalidParameterValue("ForwardPort")
}

// or is v, or def when v is empty.
func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// bandwidthOK is the bandwidth rule; except is the key of a listener whose
// bandwidth does not count.
func (m *Model) bandwidthOK(lb *LoadBalancer, bw int, except string) *model.Error {
	shared := lb.AddressType == model.AddressInternet && lb.InternetChargeType == "paybybandwidth"
	if bw == -1 {
		if shared {
			return model.ErrInvalidParameterValue("Bandwidth")
		}
		return nil
	}
	if bw < 1 || bw > 5120 {
		return model.ErrInvalidParameterValue("Bandwidth")
	}
	if shared {
		sum := bw
		for _, o := range m.listenersOf(lb.LoadBalancerId) {
			if lkey(o.LoadBalancerId, o.ListenerPort, o.Protocol) != except && o.Bandwidth > 0 {
				sum += o.Bandwidth
			}
		}
		if sum > lb.Bandwidth {
			return model.ErrInvalidParameterValue("Bandwidth")
		}
	}
	return nil
}

// listenersOf returns an LB's listeners by port, then protocol.
func (m *Model) listenersOf(lbId string) []*Listener {
	var out []*Listener
	for _, l := range m.listeners {
		if l.LoadBalancerId == lbId {
			out = append(out, l)
		}
	}
	slices.SortFunc(out, func(a, b *Listener) int {
		return strings.Compare(lkey(a.LoadBalancerId, a.ListenerPort, a.Protocol), lkey(b.LoadBalancerId, b.ListenerPort, b.Protocol))
	})
	return out
}

// shown is the status a listener shows at the model's time.
func (m *Model) shown(l *Listener) model.ListenerStatus {
	if b, ok := m.listenerBusy[lkey(l.LoadBalancerId, l.ListenerPort, l.Protocol)]; ok && m.now.Before(b.until) {
		return b.status
	}
	return l.Status
}

// named is the listener a Start, Stop or Delete names: port required and in
// range, protocol known when given; none is ListenerNotFound, two (a TCP
// and a UDP one) without a protocol TooManyListeners.
func (m *Model) namedListener(lbId string, port int, protocol string) (*Listener, *model.Error) {
	if port == 0 {
		return nil, model.ErrMissingParameter("ListenerPort")
	}
	if port < 1 || port > 65535 {
		return nil, model.ErrInvalidParameterValue("ListenerPort")
	}
	if protocol != "" && !slices.Contains(model.ListenerProtocols(), model.ListenerProtocol(protocol)) {
		return nil, model.ErrInvalidParameterValue("ListenerProtocol")
	}
	var found []*Listener
	for _, l := range m.listenersOf(lbId) {
		if l.ListenerPort == port && (protocol == "" || string(l.Protocol) == protocol) {
			found = append(found, l)
		}
	}
	switch len(found) {
	case 0:
		return nil, model.ErrListenerNotFound()
	case 1:
		return found[0], nil
	}
	return nil, model.ErrTooManyListeners()
}

// ListenerCall is the model's StartLoadBalancerListener ("Start"),
// StopLoadBalancerListener ("Stop") and DeleteLoadBalancerListener
// ("Delete"): the LB's checks, the listener, then its status: a starting one
// refuses with Operation.Deny, a stopping one with ServiceIsStopping; Start
// needs a stopped listener (else Operation.NotAllowed) and shows starting for
// the simulation's ListenerStarting; Stop of a running one shows stopping
// for ListenerStopping, of a stopped one does nothing.
func (m *Model) ListenerCall(op, account string, req *model.ListenerRequest) *model.Error {
	lb, e := m.mutableLB(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return e
	}
	if m.configuring(lb) {
		return model.ErrServiceIsConfiguring()
	}
	l, e := m.namedListener(lb.LoadBalancerId, req.ListenerPort, req.ListenerProtocol)
	if e != nil {
		return e
	}
	switch m.shown(l) {
	case model.ListenerStarting:
		return model.ErrListenerConfiguring()
	case model.ListenerStopping:
		return model.ErrServiceIsStopping()
	}
	k := lkey(l.LoadBalancerId, l.ListenerPort, l.Protocol)
	if m.listenerBusy == nil {
		m.listenerBusy = map[string]busyListener{}
	}
	switch op {
	case "Start":
		if l.Status != model.ListenerStopped {
			return model.ErrListenerNotAllowed()
		}
		l.Status = model.ListenerRunning
		m.listenerBusy[k] = busyListener{model.ListenerStarting, m.now.Add(m.sim.ListenerStarting)}
	case "Stop":
		if l.Status == model.ListenerRunning {
			l.Status = model.ListenerStopped
			m.listenerBusy[k] = busyListener{model.ListenerStopping, m.now.Add(m.sim.ListenerStopping)}
		}
	case "Delete":
		delete(m.listeners, k)
		delete(m.listenerBusy, k)
	default:
		panic("refmodel: ListenerCall " + op)
	}
	return nil
}

// dropListeners removes an LB's listeners (DeleteLoadBalancer).
func (m *Model) dropListeners(lbId string) {
	for k, l := range m.listeners {
		if l.LoadBalancerId == lbId {
			delete(m.listeners, k)
			delete(m.listenerBusy, k)
		}
	}
}

// listenerView renders a listener as DescribeLoadBalancerListeners does,
// with the documented defaults of the parameters the model does not draw.
func (m *Model) listenerView(l *Listener) model.ListenerView {
	v := model.ListenerView{ListenerHead: model.ListenerHead{
		LoadBalancerId: l.LoadBalancerId, ListenerPort: l.ListenerPort, Status: string(m.shown(l)),
		BackendServerPort: l.BackendServerPort, Bandwidth: l.Bandwidth, Scheduler: l.Scheduler,
		Description: l.Description, AclStatus: "off", VServerGroupId: l.VServerGroupId,
	}, ListenerProtocol: string(l.Protocol)}
	switch l.Protocol {
	case model.ProtocolTCP:
		v.TCPListenerConfig = &model.TCPListenerConfig{HealthCheck: l.HealthCheck, HealthCheckSwitch: l.HealthCheck, HealthCheckType: "tcp", HealthyThreshold: 3,
			UnhealthyThreshold: 3, HealthCheckInterval: 2, HealthCheckConnectTimeout: 5, EstablishedTimeout: 900,
			DrainConfig: model.DrainConfig{ConnectionDrain: or(l.Drain, "off"), ConnectionDrainTimeout: l.DrainTimeout, ProxyProtocolV2Enabled: l.ProxyV2}}
	case model.ProtocolHTTP:
		v.HTTPListenerConfig = &model.HTTPListenerConfig{HealthCheck: l.HealthCheck, HealthyThreshold: 3, UnhealthyThreshold: 3,
			HealthCheckInterval: 2, HealthCheckTimeout: 5, StickySession: l.StickySession, StickySessionType: l.StickySessionType,
			Cookie: l.Cookie, CookieTimeout: l.CookieTimeout, XForwardedFor: "on", Gzip: "on", RequestTimeout: 60, IdleTimeout: 15,
			XForwardedFor_proto: or(l.XFFProto, "off"), XForwardedFor_SLBPORT: or(l.XFFPort, "off"), XForwardedFor_ClientSrcPort: or(l.XFFSrcPort, "off"),
			XForwardedFor_SLBIP: "off", XForwardedFor_SLBID: "off", ListenerForward: or(l.Forward, "off"), ForwardPort: l.ForwardPort}
	}
	return v
}

// DescribeLoadBalancerListeners is the model's: the caller's listeners of
// the region (of the LoadBalancerId list when given) by LB, port and
// protocol, filtered, MaxResults (1..100, default 20) at a time from
// NextToken, which is the URL-safe base64 (no padding) of the next
// listener's LB ID, 0, port in five digits, 0, protocol, 0.
func (m *Model) DescribeLoadBalancerListeners(account string, req *model.DescribeLoadBalancerListenersRequest) (*model.DescribeLoadBalancerListenersResponse, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	size := req.MaxResults
	if size == 0 {
		size = 20
	}
	if size < 1 || size > 100 {
		return nil, model.ErrInvalidParameterValue("MaxResults")
	}
	if req.ListenerProtocol != "" && !slices.Contains(model.ListenerProtocols(), model.ListenerProtocol(req.ListenerProtocol)) {
		return nil, model.ErrInvalidParameterValue("ListenerProtocol")
	}
	if req.ListenerPort < 0 || req.ListenerPort > 65535 {
		return nil, model.ErrInvalidParameterValue("ListenerPort")
	}
	want, e := describeTagFilter(&model.DescribeLoadBalancersRequest{Tag: req.Tag}) // Tag.N as DescribeLoadBalancers reads it
	if e != nil {
		return nil, e
	}
	token := func(l *Listener) string {
		return fmt.Sprintf("%s\x00%05d\x00%s\x00", l.LoadBalancerId, l.ListenerPort, l.Protocol)
	}
	from := ""
	if req.NextToken != "" {
		raw, err := base64.RawURLEncoding.DecodeString(req.NextToken)
		if err != nil || len(raw) == 0 {
			return nil, model.ErrInvalidParameterValue("NextToken")
		}
		from = string(raw)
	}
	var all []*Listener
	for _, id := range m.lbOrder {
		lb := m.lbs[id]
		if !visible(account, req.RegionId, lb.AccountId, lb.RegionId) || (len(req.LoadBalancerId) > 0 && !slices.Contains(req.LoadBalancerId, id)) {
			continue
		}
		for _, l := range m.listenersOf(id) {
			if (req.ListenerProtocol == "" || string(l.Protocol) == req.ListenerProtocol) &&
				(req.ListenerPort == 0 || l.ListenerPort == req.ListenerPort) && (req.Description == "" || req.Description == l.Description) &&
				hasEveryTag(l.Tags, want) {
				all = append(all, l)
			}
		}
	}
	slices.SortFunc(all, func(a, b *Listener) int { return strings.Compare(token(a), token(b)) })
	resp := &model.DescribeLoadBalancerListenersResponse{Listeners: []model.ListenerView{}, MaxResults: size, TotalCount: len(all)}
	for _, l := range all {
		if token(l) < from {
			continue
		}
		if len(resp.Listeners) == size {
			resp.NextToken = base64.RawURLEncoding.EncodeToString([]byte(token(l)))
			break
		}
		resp.Listeners = append(resp.Listeners, m.listenerView(l))
	}
	return resp, nil
}

// listenerPorts renders an LB's listeners for DescribeLoadBalancerAttribute.
func (m *Model) listenerPorts(lbId string) (model.ListenerPorts, model.ListenerPortsAndProtocol, model.ListenerPortsAndProtocal) {
	ports := model.ListenerPorts{ListenerPort: []int{}}
	pp := model.ListenerPortsAndProtocol{ListenerPortAndProtocol: []model.ListenerPortAndProtocol{}}
	pa := model.ListenerPortsAndProtocal{ListenerPortAndProtocal: []model.ListenerPortAndProtocal{}}
	for _, l := range m.listenersOf(lbId) {
		if !slices.Contains(ports.ListenerPort, l.ListenerPort) {
			ports.ListenerPort = append(ports.ListenerPort, l.ListenerPort)
		}
		pp.ListenerPortAndProtocol = append(pp.ListenerPortAndProtocol, model.ListenerPortAndProtocol{ListenerPort: l.ListenerPort, ListenerProtocol: string(l.Protocol)})
		pa.ListenerPortAndProtocal = append(pa.ListenerPortAndProtocal, model.ListenerPortAndProtocal{ListenerPort: l.ListenerPort, ListenerProtocal: string(l.Protocol)})
	}
	return ports, pp, pa
}

// DescribeHealthStatus is the model's: every listener of the LB (of the
// port and protocol when given; a port without a listener is
// CheckedListenerNotFound, a shared one without a protocol
// TooManyListeners), every server behind it (behind: the default group's
// backends on the listener's BackendServerPort, or its vServer group's
// members on their own ports): unavailable unless the listener is running with health
// checks on; then abnormal unless the server's instance (an ENI's: the one
// it is attached to) exists and is Running.
func (m *Model) DescribeHealthStatus(account string, req *model.DescribeHealthStatusRequest) (*model.DescribeHealthStatusResponse, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	lb, e := m.lbFor(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return nil, e
	}
	if req.ListenerPort < 0 || req.ListenerPort > 65535 {
		return nil, model.ErrInvalidParameterValue("ListenerPort")
	}
	if req.ListenerProtocol != "" && !slices.Contains(model.ListenerProtocols(), model.ListenerProtocol(req.ListenerProtocol)) {
		return nil, model.ErrInvalidParameterValue("ListenerProtocol")
	}
	var ls []*Listener
	for _, l := range m.listenersOf(lb.LoadBalancerId) {
		if (req.ListenerPort == 0 || l.ListenerPort == req.ListenerPort) && (req.ListenerProtocol == "" || string(l.Protocol) == req.ListenerProtocol) {
			ls = append(ls, l)
		}
	}
	if req.ListenerPort != 0 && len(ls) == 0 {
		return nil, model.ErrCheckedListenerNotFound()
	}
	if req.ListenerPort != 0 && len(ls) > 1 {
		return nil, model.ErrTooManyListeners()
	}
	resp := &model.DescribeHealthStatusResponse{BackendServers: model.HealthStatusServers{BackendServer: []model.HealthStatusView{}}}
	for _, l := range ls {
		for _, b := range m.behind(lb, l) {
			status := "unavailable"
			if l.HealthCheck == "on" && m.shown(l) == model.ListenerRunning {
				status = "abnormal"
				id := b.ServerId
				if b.Type == model.ServerENI {
					id = ""
					if n := m.enis[b.ServerId]; n != nil {
						id = n.InstanceId
					}
				}
				if inst := m.instances[id]; inst != nil && inst.Status == model.StatusRunning {
					status = "normal"
				}
			}
			resp.BackendServers.BackendServer = append(resp.BackendServers.BackendServer, model.HealthStatusView{
				ServerId: b.ServerId, ServerIp: b.ServerIp, Port: b.Port, ListenerPort: l.ListenerPort,
				Protocol: strings.ToUpper(string(l.Protocol)), ServerHealthStatus: status,
			})
		}
	}
	return resp, nil
}
