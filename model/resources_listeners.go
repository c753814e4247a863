package model

import "time"

// ListenerProtocol is the frontend protocol of a listener, as the API spells
// it in ListenerProtocol (lower case).
type ListenerProtocol string

// Listener protocols.
const (
	ProtocolTCP   ListenerProtocol = "tcp"
	ProtocolUDP   ListenerProtocol = "udp"
	ProtocolHTTP  ListenerProtocol = "http"
	ProtocolHTTPS ListenerProtocol = "https"
)

// ListenerProtocols lists every listener protocol.
func ListenerProtocols() []ListenerProtocol {
	return []ListenerProtocol{ProtocolTCP, ProtocolUDP, ProtocolHTTP, ProtocolHTTPS}
}

// Valid reports whether p is a known protocol.
func (p ListenerProtocol) Valid() bool {
	switch p {
	case ProtocolTCP, ProtocolUDP, ProtocolHTTP, ProtocolHTTPS:
		return true
	}
	return false
}

// PortSpace names the transport port space a listener of protocol p takes
// its port from: "udp" for UDP listeners, "tcp" for TCP, HTTP and HTTPS ones,
// which run over TCP. Two listeners of one LB may share a port only when
// their port spaces differ (DOC: a TCP and a UDP listener may use the same
// port; HTTP and HTTPS listeners are TCP listeners on the wire).
func (p ListenerProtocol) PortSpace() string {
	if p == ProtocolUDP {
		return "udp"
	}
	return "tcp"
}

// ListenerStatus is the Status of a listener as the Describe calls report it.
type ListenerStatus string

// Listener statuses (DOC: a new listener is stopped; StartLoadBalancerListener
// moves it to starting, then running; StopLoadBalancerListener to stopped,
// through stopping).
const (
	ListenerStopped  ListenerStatus = "stopped"
	ListenerStarting ListenerStatus = "starting"
	ListenerRunning  ListenerStatus = "running"
	ListenerStopping ListenerStatus = "stopping"
)

// Valid reports whether s is a status a listener settles in: stopped or
// running. The transitional ones are derived from the clock (StatusAt).
func (s ListenerStatus) Valid() bool { return s == ListenerStopped || s == ListenerRunning }

// ListenerTransition is the last Start or Stop a listener went through; with
// LifecycleDurations it decides the transitional status the listener shows
// until it settles.
type ListenerTransition string

// Listener transitions.
const (
	ListenerTransitionNone  ListenerTransition = ""
	ListenerTransitionStart ListenerTransition = "start"
	ListenerTransitionStop  ListenerTransition = "stop"
)

// Valid reports whether t is a known transition.
func (t ListenerTransition) Valid() bool {
	return t == ListenerTransitionNone || t == ListenerTransitionStart || t == ListenerTransitionStop
}

// Listener is one listener of a load balancer, identified by
// (LoadBalancerId, ListenerPort, ListenerProtocol). It forwards to the LB's
// default server group (its backends, on BackendServerPort), or to the
// vServer group VServerGroupId when that is set.
type Listener struct {
	LoadBalancerId   string
	ListenerPort     int
	ListenerProtocol ListenerProtocol
	AccountId        string
	RegionId         string
	// Status is where the listener settles (stopped or running);
	// Transition and TransitionAt say how it got going (StatusAt).
	Status       ListenerStatus
	Transition   ListenerTransition
	TransitionAt time.Time

	VServerGroupId    string
	BackendServerPort int
	// Bandwidth is the listener's peak bandwidth in Mbit/s; -1 is unlimited.
	Bandwidth   int
	Scheduler   string
	Description string

	// HealthCheck is on or off (HealthCheckSwitch for TCP and UDP).
	HealthCheck               string
	HealthCheckType           string // tcp or http (TCP listeners)
	HealthCheckDomain         string
	HealthCheckURI            string
	HealthCheckHttpCode       string
	HealthCheckConnectPort    int
	HealthyThreshold          int
	UnhealthyThreshold        int
	HealthCheckInterval       int
	HealthCheckConnectTimeout int // TCP and UDP
	HealthCheckTimeout        int // HTTP and HTTPS

	// TCP and UDP.
	PersistenceTimeout int
	EstablishedTimeout int // TCP only
	// ConnectionDrain is on or off ("" is off, its default);
	// ConnectionDrainTimeout is kept as set.
	ConnectionDrain        string
	ConnectionDrainTimeout int
	ProxyProtocolV2Enabled bool

	// HTTP and HTTPS.
	StickySession     string
	StickySessionType string
	Cookie            string
	CookieTimeout     int
	XForwardedFor     string
	Gzip              string
	RequestTimeout    int
	IdleTimeout       int
	// The X-Forwarded-For_* switches: on or off ("" is off, the default).
	XForwardedFor_proto         string
	XForwardedFor_SLBPORT       string
	XForwardedFor_ClientSrcPort string
	XForwardedFor_SLBIP         string
	XForwardedFor_SLBID         string
	// ListenerForward (HTTP only) on redirects to the HTTPS listener of the
	// LB on ForwardPort ("" is off).
	ListenerForward string
	ForwardPort     int
	// EnableHttp2 (HTTPS only; "" is on, its default) and TLSCipherPolicy
	// ("" is tls_cipher_policy_1_0, its default).
	EnableHttp2     string
	TLSCipherPolicy string
	// ServerCertificateId is an HTTPS listener's certificate, kept as an
	// opaque string: certificates are not modelled.
	ServerCertificateId string

	CreationTime time.Time
}

// StatusAt returns the status a listener shows at now: starting for
// d.ListenerStarting after a Start, stopping for d.ListenerStopping after a
// Stop, then where it settles.
func (l *Listener) StatusAt(now time.Time, d LifecycleDurations) ListenerStatus {
	elapsed := now.Sub(l.TransitionAt)
	switch l.Transition {
	case ListenerTransitionStart:
		if elapsed < d.ListenerStarting {
			return ListenerStarting
		}
	case ListenerTransitionStop:
		if elapsed < d.ListenerStopping {
			return ListenerStopping
		}
	}
	return l.Status
}

// UnhealthyBackend marks a server unhealthy on one LB, whatever its instance
// status: DescribeHealthStatus reports it abnormal behind every running
// listener of the LB that checks health. It is a fixture of failure
// scenarios ((*fake.Fake).SetBackendHealth); the real service has no such
// call.
type UnhealthyBackend struct {
	LoadBalancerId string
	ServerId       string
}

// Health statuses of DescribeHealthStatus (DOC: normal, abnormal,
// unavailable).
const (
	HealthNormal      = "normal"
	HealthAbnormal    = "abnormal"
	HealthUnavailable = "unavailable"
)
