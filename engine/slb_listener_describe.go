package engine

import (
	"encoding/base64"
	"slices"
	"strings"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// Listener reads.

// listenersPageDefault and listenersPageMax are DescribeLoadBalancerListeners'
// MaxResults default and limit (DOC: 1 to 100, default 20).
const (
	listenersPageDefault = 20
	listenersPageMax     = 100
)

// DescribeLoadBalancerListeners lists the caller's listeners of a region,
// by LB and port (INF: the order is not documented), filtered by
// LoadBalancerId.N (LBs that do not exist for the caller match nothing),
// ListenerProtocol, ListenerPort, Description and Tag.N (the listeners
// with every tag; the limits and errors of DescribeLoadBalancers' Tag.N,
// INF: the reference only says "the tags"), MaxResults at a time.
// NextToken, when the answer has one, continues the listing; a token the
// fake did not hand out is InvalidParameter naming NextToken (INF).
func (s *Store) DescribeLoadBalancerListeners(account string, req *model.DescribeLoadBalancerListenersRequest) (*model.DescribeLoadBalancerListenersResponse, *model.Error) {
	resp := &model.DescribeLoadBalancerListenersResponse{Listeners: []model.ListenerView{}}
	e := s.read(func(txn *memdb.Txn) *model.Error {
		if _, e := regionTxn(txn, req.RegionId); e != nil {
			return e
		}
		size := req.MaxResults
		switch {
		case size == 0:
			size = listenersPageDefault
		case size < 1 || size > listenersPageMax:
			return model.ErrInvalidParameterValue("MaxResults")
		}
		protocol := model.ListenerProtocol(req.ListenerProtocol)
		if req.ListenerProtocol != "" && !protocol.Valid() {
			return model.ErrInvalidParameterValue("ListenerProtocol")
		}
		if req.ListenerPort != 0 && (req.ListenerPort < 1 || req.ListenerPort > 65535) {
			return model.ErrInvalidParameterValue("ListenerPort")
		}
		conds, e := describeTagConds("", req.Tag)
		if e != nil {
			return e
		}
		start := ""
		if req.NextToken != "" {
			raw, err := base64.RawURLEncoding.DecodeString(req.NextToken)
			if err != nil || len(raw) == 0 {
				return model.ErrInvalidParameterValue("NextToken")
			}
			start = string(raw)
		}
		var candidates []*model.Listener
		if len(req.LoadBalancerId) > 0 {
			ids := slices.Clone(req.LoadBalancerId)
			slices.Sort(ids)
			for _, id := range slices.Compact(ids) {
				if lb, _ := first(txn, tableLoadBalancers, indexID, id).(*model.LoadBalancer); lb != nil && owned(account, req.RegionId, lb.AccountId, lb.RegionId) {
					candidates = append(candidates, listenersOfTxn(txn, id)...)
				}
			}
		} else {
			candidates = all[model.Listener](txn, tableListeners, indexOwner, ownerKey(account, req.RegionId))
		}
		var matched []*model.Listener
		for _, l := range candidates {
			if (req.ListenerProtocol == "" || l.ListenerProtocol == protocol) &&
				(req.ListenerPort == 0 || l.ListenerPort == req.ListenerPort) && matches(req.Description, l.Description) &&
				(len(conds) == 0 || hasTagsTxn(txn, model.ResourceTypeListener, listenerResourceId(l), conds)) {
				matched = append(matched, l)
			}
		}
		slices.SortFunc(matched, func(a, b *model.Listener) int { return strings.Compare(keyOfListener(a), keyOfListener(b)) })
		resp.TotalCount, resp.MaxResults = len(matched), size
		i, _ := slices.BinarySearchFunc(matched, start, func(l *model.Listener, k string) int { return strings.Compare(keyOfListener(l), k) })
		for ; i < len(matched) && len(resp.Listeners) < size; i++ {
			resp.Listeners = append(resp.Listeners, s.listenerView(matched[i]))
		}
		if i < len(matched) {
			resp.NextToken = base64.RawURLEncoding.EncodeToString([]byte(keyOfListener(matched[i])))
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

func keyOfListener(l *model.Listener) string {
	return listenerKey(l.LoadBalancerId, l.ListenerPort, l.ListenerProtocol)
}

// DescribeLoadBalancerTCPListenerAttribute returns a TCP listener.
func (s *Store) DescribeLoadBalancerTCPListenerAttribute(account string, req *model.DescribeLoadBalancerTCPListenerAttributeRequest) (*model.DescribeLoadBalancerTCPListenerAttributeResponse, *model.Error) {
	l, e := s.listenerAttribute(account, req, model.ProtocolTCP)
	if e != nil {
		return nil, e
	}
	cfg := *tcpConfig(l)
	cfg.HealthCheckSwitch = "" // not a member of the TCP attribute answer (CODE: the SDK's struct)
	return &model.DescribeLoadBalancerTCPListenerAttributeResponse{ListenerHead: s.listenerHead(l), TCPListenerConfig: cfg}, nil
}

// DescribeLoadBalancerUDPListenerAttribute returns a UDP listener.
func (s *Store) DescribeLoadBalancerUDPListenerAttribute(account string, req *model.DescribeLoadBalancerUDPListenerAttributeRequest) (*model.DescribeLoadBalancerUDPListenerAttributeResponse, *model.Error) {
	l, e := s.listenerAttribute(account, req, model.ProtocolUDP)
	if e != nil {
		return nil, e
	}
	return &model.DescribeLoadBalancerUDPListenerAttributeResponse{ListenerHead: s.listenerHead(l), UDPListenerConfig: *udpConfig(l)}, nil
}

// DescribeLoadBalancerHTTPListenerAttribute returns an HTTP listener.
func (s *Store) DescribeLoadBalancerHTTPListenerAttribute(account string, req *model.DescribeLoadBalancerHTTPListenerAttributeRequest) (*model.DescribeLoadBalancerHTTPListenerAttributeResponse, *model.Error) {
	l, e := s.listenerAttribute(account, req, model.ProtocolHTTP)
	if e != nil {
		return nil, e
	}
	return &model.DescribeLoadBalancerHTTPListenerAttributeResponse{ListenerHead: s.listenerHead(l), HTTPListenerConfig: *httpConfig(l)}, nil
}

// DescribeLoadBalancerHTTPSListenerAttribute returns an HTTPS listener.
func (s *Store) DescribeLoadBalancerHTTPSListenerAttribute(account string, req *model.DescribeLoadBalancerHTTPSListenerAttributeRequest) (*model.DescribeLoadBalancerHTTPSListenerAttributeResponse, *model.Error) {
	l, e := s.listenerAttribute(account, req, model.ProtocolHTTPS)
	if e != nil {
		return nil, e
	}
	return &model.DescribeLoadBalancerHTTPSListenerAttributeResponse{ListenerHead: s.listenerHead(l),
		HTTPSListenerConfig: *httpsConfig(l)}, nil
}

// listenerAttribute reads the listener of protocol on a port: one of another
// protocol there is not it (ListenerNotFound).
func (s *Store) listenerAttribute(account string, req *model.ListenerAttributeRequest, protocol model.ListenerProtocol) (*model.Listener, *model.Error) {
	var l *model.Listener
	e := s.read(func(txn *memdb.Txn) *model.Error {
		lb, e := loadBalancerInRegionTxn(txn, account, req.RegionId, req.LoadBalancerId)
		if e != nil {
			return e
		}
		l, e = findListenerTxn(txn, lb.LoadBalancerId, req.ListenerPort, string(protocol))
		return e
	})
	return l, e
}

// listenerHead renders the fields every listener read reports.
func (s *Store) listenerHead(l *model.Listener) model.ListenerHead {
	return model.ListenerHead{
		LoadBalancerId: l.LoadBalancerId, ListenerPort: l.ListenerPort, Status: string(s.listenerStatusOf(l)),
		VServerGroupId: l.VServerGroupId, BackendServerPort: l.BackendServerPort, Bandwidth: l.Bandwidth,
		Scheduler: l.Scheduler, Description: l.Description, AclStatus: "off",
	}
}

// listenerView renders a listener for DescribeLoadBalancerListeners.
func (s *Store) listenerView(l *model.Listener) model.ListenerView {
	v := model.ListenerView{ListenerHead: s.listenerHead(l), ListenerProtocol: string(l.ListenerProtocol)}
	switch l.ListenerProtocol {
	case model.ProtocolTCP:
		v.TCPListenerConfig = tcpConfig(l)
	case model.ProtocolUDP:
		v.UDPListenerConfig = udpConfig(l)
	case model.ProtocolHTTP:
		v.HTTPListenerConfig = httpConfig(l)
	case model.ProtocolHTTPS:
		v.HTTPSListenerConfig = httpsConfig(l)
	}
	return v
}

func tcpConfig(l *model.Listener) *model.TCPListenerConfig {
	return &model.TCPListenerConfig{
		HealthCheck: l.HealthCheck, HealthCheckType: l.HealthCheckType, HealthCheckDomain: l.HealthCheckDomain,
		HealthCheckURI: l.HealthCheckURI, HealthCheckHttpCode: l.HealthCheckHttpCode, HealthCheckConnectPort: l.HealthCheckConnectPort,
		HealthyThreshold: l.HealthyThreshold, UnhealthyThreshold: l.UnhealthyThreshold, HealthCheckInterval: l.HealthCheckInterval,
		HealthCheckConnectTimeout: l.HealthCheckConnectTimeout, PersistenceTimeout: l.PersistenceTimeout, EstablishedTimeout: l.EstablishedTimeout,
		HealthCheckSwitch: l.HealthCheck, DrainConfig: drainConfig(l),
	}
}

// drainConfig renders a TCP or UDP listener's connection draining and Proxy
// Protocol; draining left unset is off.
func drainConfig(l *model.Listener) model.DrainConfig {
	return model.DrainConfig{ConnectionDrain: defaultString(l.ConnectionDrain, "off"), ConnectionDrainTimeout: l.ConnectionDrainTimeout,
		ProxyProtocolV2Enabled: l.ProxyProtocolV2Enabled}
}

// httpsConfig renders an HTTPS listener's own configuration, with the
// defaults of EnableHttp2 (on) and TLSCipherPolicy when they are unset.
func httpsConfig(l *model.Listener) *model.HTTPSListenerConfig {
	return &model.HTTPSListenerConfig{HTTPListenerConfig: *httpConfig(l), ServerCertificateId: l.ServerCertificateId,
		EnableHttp2: defaultString(l.EnableHttp2, "on"), TLSCipherPolicy: defaultString(l.TLSCipherPolicy, defaultTLSCipherPolicy)}
}

func udpConfig(l *model.Listener) *model.UDPListenerConfig {
	return &model.UDPListenerConfig{
		HealthCheck: l.HealthCheck, HealthCheckConnectPort: l.HealthCheckConnectPort, HealthyThreshold: l.HealthyThreshold,
		UnhealthyThreshold: l.UnhealthyThreshold, HealthCheckInterval: l.HealthCheckInterval,
		HealthCheckConnectTimeout: l.HealthCheckConnectTimeout, PersistenceTimeout: l.PersistenceTimeout,
		HealthCheckSwitch: l.HealthCheck, DrainConfig: drainConfig(l),
	}
}

func httpConfig(l *model.Listener) *model.HTTPListenerConfig {
	c := &model.HTTPListenerConfig{
		HealthCheck: l.HealthCheck, HealthCheckDomain: l.HealthCheckDomain, HealthCheckURI: l.HealthCheckURI,
		HealthCheckHttpCode: l.HealthCheckHttpCode, HealthCheckConnectPort: l.HealthCheckConnectPort,
		HealthyThreshold: l.HealthyThreshold, UnhealthyThreshold: l.UnhealthyThreshold, HealthCheckInterval: l.HealthCheckInterval,
		HealthCheckTimeout: l.HealthCheckTimeout, StickySession: l.StickySession, StickySessionType: l.StickySessionType,
		Cookie: l.Cookie, CookieTimeout: l.CookieTimeout, XForwardedFor: l.XForwardedFor, Gzip: l.Gzip,
		RequestTimeout: l.RequestTimeout, IdleTimeout: l.IdleTimeout,
		XForwardedFor_proto: defaultString(l.XForwardedFor_proto, "off"), XForwardedFor_SLBPORT: defaultString(l.XForwardedFor_SLBPORT, "off"),
		XForwardedFor_ClientSrcPort: defaultString(l.XForwardedFor_ClientSrcPort, "off"),
		XForwardedFor_SLBIP:         defaultString(l.XForwardedFor_SLBIP, "off"), XForwardedFor_SLBID: defaultString(l.XForwardedFor_SLBID, "off"),
	}
	if l.ListenerProtocol == model.ProtocolHTTP {
		c.ListenerForward, c.ForwardPort = defaultString(l.ListenerForward, "off"), l.ForwardPort
	}
	return c
}

// listenerPortsViews renders an LB's listeners for
// DescribeLoadBalancerAttribute: by port, and by port and protocol in both
// spellings, in port order.
func listenerPortsViews(ls []*model.Listener) (model.ListenerPorts, model.ListenerPortsAndProtocol, model.ListenerPortsAndProtocal) {
	ports := model.ListenerPorts{ListenerPort: []int{}}
	pp := model.ListenerPortsAndProtocol{ListenerPortAndProtocol: []model.ListenerPortAndProtocol{}}
	pa := model.ListenerPortsAndProtocal{ListenerPortAndProtocal: []model.ListenerPortAndProtocal{}}
	for _, l := range ls {
		if n := len(ports.ListenerPort); n == 0 || ports.ListenerPort[n-1] != l.ListenerPort {
			ports.ListenerPort = append(ports.ListenerPort, l.ListenerPort)
		}
		pp.ListenerPortAndProtocol = append(pp.ListenerPortAndProtocol, model.ListenerPortAndProtocol{ListenerPort: l.ListenerPort, ListenerProtocol: string(l.ListenerProtocol)})
		pa.ListenerPortAndProtocal = append(pa.ListenerPortAndProtocal, model.ListenerPortAndProtocal{ListenerPort: l.ListenerPort, ListenerProtocal: string(l.ListenerProtocol)})
	}
	return ports, pp, pa
}
