package engine

import (
	"unicode/utf8"

	"github.com/slbfake/slbfake/model"
)

// The rules on a listener's own fields that both the calls and Validate
// apply: the calls to what a request would store, Validate to what a State
// holds. One function per rule, so that the two cannot drift apart.

// maxListenerDescription is the longest listener Description, in
// characters (DOC: the Create*Listener and Set*ListenerAttribute help
// pages, 1 to 256 characters).
const maxListenerDescription = 256

// checkListenerDescription checks a listener's Description: empty (not
// given), or 1 to 256 characters of letters, digits, CJK ideographs, '-',
// '/', '.' and '_' (DOC for the rule; INF for the code: InvalidParameter
// naming Description, as for the fake's other malformed parameters).
func checkListenerDescription(d string) *model.Error {
	if utf8.RuneCountInString(d) > maxListenerDescription || !model.DescriptionCharacters(d) {
		return model.ErrInvalidParameterValue("Description")
	}
	return nil
}

// checkListenerBandwidth is the Bandwidth rule of a listener of lb: -1
// (unlimited) except on a pay-by-bandwidth internet LB, else 1..5120; on
// such an LB, bw and others (the positive bandwidths of the LB's other
// listeners, added up) stay within the LB's Bandwidth.
func checkListenerBandwidth(lb *model.LoadBalancer, bw, others int) *model.Error {
	switch {
	case bw == -1:
		if paysByBandwidth(lb) {
			return model.ErrInvalidParameterValue("Bandwidth")
		}
		return nil
	case bw < 1 || bw > maxListenerBandwidth:
		return model.ErrInvalidParameterValue("Bandwidth")
	}
	if paysByBandwidth(lb) && bw+others > lb.Bandwidth {
		return model.ErrInvalidParameterValue("Bandwidth")
	}
	return nil
}

// checkBackendServerPort checks a listener's BackendServerPort: required
// without a vServer group (MissingParameter), in 1..65535 when given.
func checkBackendServerPort(hasGroup bool, port int) *model.Error {
	switch {
	case port == 0 && !hasGroup:
		return model.ErrMissingParameter("BackendServerPort")
	case port != 0 && (port < 1 || port > 65535):
		return model.ErrInvalidParameterValue("BackendServerPort")
	}
	return nil
}

// checkProtocolFields checks the fields a listener's protocol has: the
// health check, session persistence and timeouts, and an HTTPS listener's
// certificate.
func checkProtocolFields(l *model.Listener) *model.Error {
	switch l.ListenerProtocol {
	case model.ProtocolTCP:
		return checkTCPListener(l)
	case model.ProtocolUDP:
		return checkUDPListener(l)
	}
	if e := checkHTTPListener(l); e != nil {
		return e
	}
	if l.ListenerProtocol == model.ProtocolHTTPS && l.ServerCertificateId == "" {
		return model.ErrMissingParameter("ServerCertificateId")
	}
	return nil
}

// listenerDefault is a parameter a protocol's create fills in when it is not
// given (DOC defaults): every stored listener of the protocol holds a value.
type listenerDefault struct {
	name   string
	str    func(*model.Listener) *string
	strDef string
	num    func(*model.Listener) *int
	numDef int
}

func strDefault(name, def string, field func(*model.Listener) *string) listenerDefault {
	return listenerDefault{name: name, str: field, strDef: def}
}

func intDefault(name string, def int, field func(*model.Listener) *int) listenerDefault {
	return listenerDefault{name: name, num: field, numDef: def}
}

// listenerDefaults are the defaults of a protocol's create.
func listenerDefaults(p model.ListenerProtocol) []listenerDefault {
	healthSwitch := "HealthCheckSwitch"
	if p == model.ProtocolHTTP || p == model.ProtocolHTTPS {
		healthSwitch = "HealthCheck"
	}
	ds := []listenerDefault{
		strDefault(healthSwitch, "on", func(l *model.Listener) *string { return &l.HealthCheck }),
		intDefault("HealthyThreshold", 3, func(l *model.Listener) *int { return &l.HealthyThreshold }),
		intDefault("UnhealthyThreshold", 3, func(l *model.Listener) *int { return &l.UnhealthyThreshold }),
		intDefault("HealthCheckInterval", 2, func(l *model.Listener) *int { return &l.HealthCheckInterval }),
	}
	switch p {
	case model.ProtocolTCP:
		return append(ds,
			strDefault("HealthCheckType", "tcp", func(l *model.Listener) *string { return &l.HealthCheckType }),
			intDefault("HealthCheckConnectTimeout", 5, func(l *model.Listener) *int { return &l.HealthCheckConnectTimeout }),
			intDefault("EstablishedTimeout", 900, func(l *model.Listener) *int { return &l.EstablishedTimeout }))
	case model.ProtocolUDP:
		return append(ds,
			intDefault("HealthCheckConnectTimeout", 5, func(l *model.Listener) *int { return &l.HealthCheckConnectTimeout }))
	}
	return append(ds,
		intDefault("HealthCheckTimeout", 5, func(l *model.Listener) *int { return &l.HealthCheckTimeout }),
		strDefault("StickySession", "off", func(l *model.Listener) *string { return &l.StickySession }),
		strDefault("XForwardedFor", "on", func(l *model.Listener) *string { return &l.XForwardedFor }),
		strDefault("Gzip", "on", func(l *model.Listener) *string { return &l.Gzip }),
		intDefault("RequestTimeout", 60, func(l *model.Listener) *int { return &l.RequestTimeout }),
		intDefault("IdleTimeout", 15, func(l *model.Listener) *int { return &l.IdleTimeout }))
}

// fillListenerDefaults gives every defaulted parameter left out its default.
func fillListenerDefaults(l *model.Listener) {
	for _, d := range listenerDefaults(l.ListenerProtocol) {
		if d.str != nil {
			*d.str(l) = defaultString(*d.str(l), d.strDef)
		} else {
			*d.num(l) = defaultInt(*d.num(l), d.numDef)
		}
	}
}

// missingListenerDefault names a defaulted parameter a listener holds no
// value of, which no create leaves so; "" when there is none.
func missingListenerDefault(l *model.Listener) string {
	for _, d := range listenerDefaults(l.ListenerProtocol) {
		if d.str != nil && *d.str(l) == "" || d.num != nil && *d.num(l) == 0 {
			return d.name
		}
	}
	return ""
}

// protocolField is a field only some protocols have; the others' creates
// and Sets never set it.
type protocolField struct {
	name           string
	set            func(*model.Listener) bool
	tcp, udp, http bool // http: HTTP and HTTPS
}

var protocolFields = []protocolField{
	{"HealthCheckType", func(l *model.Listener) bool { return l.HealthCheckType != "" }, true, false, false},
	{"HealthCheckDomain", func(l *model.Listener) bool { return l.HealthCheckDomain != "" }, true, false, true},
	{"HealthCheckURI", func(l *model.Listener) bool { return l.HealthCheckURI != "" }, true, false, true},
	{"HealthCheckHttpCode", func(l *model.Listener) bool { return l.HealthCheckHttpCode != "" }, true, false, true},
	{"HealthCheckConnectTimeout", func(l *model.Listener) bool { return l.HealthCheckConnectTimeout != 0 }, true, true, false},
	{"HealthCheckTimeout", func(l *model.Listener) bool { return l.HealthCheckTimeout != 0 }, false, false, true},
	{"PersistenceTimeout", func(l *model.Listener) bool { return l.PersistenceTimeout != 0 }, true, true, false},
	{"EstablishedTimeout", func(l *model.Listener) bool { return l.EstablishedTimeout != 0 }, true, false, false},
	{"StickySession", func(l *model.Listener) bool { return l.StickySession != "" }, false, false, true},
	{"StickySessionType", func(l *model.Listener) bool { return l.StickySessionType != "" }, false, false, true},
	{"Cookie", func(l *model.Listener) bool { return l.Cookie != "" }, false, false, true},
	{"CookieTimeout", func(l *model.Listener) bool { return l.CookieTimeout != 0 }, false, false, true},
	{"XForwardedFor", func(l *model.Listener) bool { return l.XForwardedFor != "" }, false, false, true},
	{"Gzip", func(l *model.Listener) bool { return l.Gzip != "" }, false, false, true},
	{"RequestTimeout", func(l *model.Listener) bool { return l.RequestTimeout != 0 }, false, false, true},
	{"IdleTimeout", func(l *model.Listener) bool { return l.IdleTimeout != 0 }, false, false, true},
}

// foreignListenerField names a field a listener holds that its protocol
// does not have; "" when there is none.
func foreignListenerField(l *model.Listener) string {
	for _, f := range protocolFields {
		has := f.tcp
		switch l.ListenerProtocol {
		case model.ProtocolUDP:
			has = f.udp
		case model.ProtocolHTTP, model.ProtocolHTTPS:
			has = f.http
		}
		if !has && f.set(l) {
			return f.name
		}
	}
	if l.ListenerProtocol != model.ProtocolHTTPS && l.ServerCertificateId != "" {
		return "ServerCertificateId"
	}
	return foreignListenerExtra(l)
}

// foreignListenerExtra names a connection-draining, Proxy Protocol,
// X-Forwarded-For_*, redirection or HTTP/2 and TLS field a listener holds
// that its protocol does not have; "" when there is none.
func foreignListenerExtra(l *model.Listener) string {
	p := l.ListenerProtocol
	l4 := p == model.ProtocolTCP || p == model.ProtocolUDP
	fields := []struct {
		name string
		set  bool
		has  bool
	}{
		{"ConnectionDrain", l.ConnectionDrain != "", l4},
		{"ConnectionDrainTimeout", l.ConnectionDrainTimeout != 0, l4},
		{"ProxyProtocolV2Enabled", l.ProxyProtocolV2Enabled, l4},
		{"XForwardedFor_proto", l.XForwardedFor_proto != "", !l4},
		{"XForwardedFor_SLBPORT", l.XForwardedFor_SLBPORT != "", !l4},
		{"XForwardedFor_ClientSrcPort", l.XForwardedFor_ClientSrcPort != "", !l4},
		{"XForwardedFor_SLBIP", l.XForwardedFor_SLBIP != "", !l4},
		{"XForwardedFor_SLBID", l.XForwardedFor_SLBID != "", !l4},
		{"ListenerForward", l.ListenerForward != "", p == model.ProtocolHTTP},
		{"ForwardPort", l.ForwardPort != 0, p == model.ProtocolHTTP},
		{"EnableHttp2", l.EnableHttp2 != "", p == model.ProtocolHTTPS},
		{"TLSCipherPolicy", l.TLSCipherPolicy != "", p == model.ProtocolHTTPS},
	}
	for _, f := range fields {
		if f.set && !f.has {
			return f.name
		}
	}
	return ""
}
