package model

// SLB listener requests and responses. Field names are the wire names; a
// field tagged `alias:"name"` also takes the parameter of that spelling (the
// legacy Go SDK sends a few parameters in another case than the documented
// one, fake/wire_params.go). Integer fields left at 0 are "not given".

// ListenerCommon are the parameters every Create*Listener call shares.
// Bandwidth is the listener's peak bandwidth in Mbit/s: -1 (unlimited) or
// 1 to 5120. BackendServerPort is required unless VServerGroupId names a
// vServer group of the LB. Scheduler is wrr (the default), wlc, rr; sch and
// tch on performance-guaranteed LBs only; qch on UDP listeners of those.
type ListenerCommon struct {
	RegionId          string
	LoadBalancerId    string
	ListenerPort      int
	BackendServerPort int
	Bandwidth         int
	VServerGroupId    string
	Scheduler         string
	Description       string
	// Tag (Tag.N.Key, Tag.N.Value) tags the new listener, as TagResources
	// would.
	Tag []Tag
	ListenerACL
}

// ListenerACL are the access-control parameters of the listener creates and
// Sets. ACLs are not modelled, so none exists: AclStatus is off (the
// default) or on, which needs an AclId; any AclId is AclNotExist. AclType is
// white or black.
type ListenerACL struct {
	AclStatus string
	AclId     string
	AclType   string
}

// ConnectionDrainOptions are the connection-draining and Proxy Protocol
// parameters of TCP and UDP listeners. ConnectionDrain is on or off (the
// default); ConnectionDrainTimeout (10 to 900 s) is required when it is on.
// ProxyProtocolV2Enabled is true or false (the default).
type ConnectionDrainOptions struct {
	ConnectionDrain        string
	ConnectionDrainTimeout int
	ProxyProtocolV2Enabled string
}

// CreateLoadBalancerTCPListenerRequest is the input of
// CreateLoadBalancerTCPListener. Bandwidth is required. HealthCheckSwitch is
// on (the default) or off; HealthCheckType tcp (the default) or http.
type CreateLoadBalancerTCPListenerRequest struct {
	ListenerCommon
	PersistenceTimeout        int
	EstablishedTimeout        int
	HealthCheckSwitch         string
	HealthCheckType           string
	HealthCheckDomain         string
	HealthCheckURI            string
	HealthCheckHttpCode       string
	HealthCheckConnectPort    int
	HealthyThreshold          int
	UnhealthyThreshold        int
	HealthCheckInterval       int `alias:"healthCheckInterval"`
	HealthCheckConnectTimeout int
	ConnectionDrainOptions
}

// CreateLoadBalancerTCPListenerResponse is the output of
// CreateLoadBalancerTCPListener.
type CreateLoadBalancerTCPListenerResponse struct {
	Response
}

// CreateLoadBalancerUDPListenerRequest is the input of
// CreateLoadBalancerUDPListener. Bandwidth is required.
type CreateLoadBalancerUDPListenerRequest struct {
	ListenerCommon
	PersistenceTimeout        int
	HealthCheckSwitch         string
	HealthCheckConnectPort    int
	HealthyThreshold          int
	UnhealthyThreshold        int
	HealthCheckInterval       int `alias:"healthCheckInterval"`
	HealthCheckConnectTimeout int
	ConnectionDrainOptions
}

// CreateLoadBalancerUDPListenerResponse is the output of
// CreateLoadBalancerUDPListener.
type CreateLoadBalancerUDPListenerResponse struct {
	Response
}

// HTTPListenerOptions are the parameters of HTTP and HTTPS listeners.
// HealthCheck and StickySession are on or off (default: on and off).
// StickySessionType (insert or server) is required when StickySession is on;
// CookieTimeout (1 to 86400) with insert, Cookie with server.
type HTTPListenerOptions struct {
	HealthCheck            string
	HealthCheckDomain      string
	HealthCheckURI         string
	HealthCheckHttpCode    string
	HealthCheckConnectPort int
	HealthyThreshold       int
	UnhealthyThreshold     int
	HealthCheckInterval    int
	HealthCheckTimeout     int
	StickySession          string
	StickySessionType      string
	Cookie                 string
	CookieTimeout          int
	XForwardedFor          string
	Gzip                   string
	RequestTimeout         int
	IdleTimeout            int
	// The X-Forwarded-For_* switches (on or off, default off) add the
	// headers X-Forwarded-Proto, X-Forwarded-Port (the SLB's port),
	// X-Forwarded-Client-srcport, SLB-IP and SLB-ID to the requests the
	// listener forwards. The wire names keep their underscore.
	XForwardedFor_proto         string
	XForwardedFor_SLBPORT       string
	XForwardedFor_ClientSrcPort string
	XForwardedFor_SLBIP         string
	XForwardedFor_SLBID         string
}

// CreateLoadBalancerHTTPListenerRequest is the input of
// CreateLoadBalancerHTTPListener. Bandwidth defaults to -1.
// ListenerForward on (default off) redirects the listener's requests to the
// HTTPS listener of the LB on ForwardPort (required then); such a listener
// needs no BackendServerPort.
type CreateLoadBalancerHTTPListenerRequest struct {
	ListenerCommon
	HTTPListenerOptions
	ListenerForward string
	ForwardPort     int
}

// CreateLoadBalancerHTTPListenerResponse is the output of
// CreateLoadBalancerHTTPListener.
type CreateLoadBalancerHTTPListenerResponse struct {
	Response
}

// CreateLoadBalancerHTTPSListenerRequest is the input of
// CreateLoadBalancerHTTPSListener. ServerCertificateId is required; it is
// kept as given (certificates are not modelled).
// EnableHttp2 is on (the default) or off; TLSCipherPolicy one of the
// predefined TLS policies (default tls_cipher_policy_1_0).
type CreateLoadBalancerHTTPSListenerRequest struct {
	ListenerCommon
	HTTPListenerOptions
	ServerCertificateId string
	EnableHttp2         string
	TLSCipherPolicy     string
}

// CreateLoadBalancerHTTPSListenerResponse is the output of
// CreateLoadBalancerHTTPSListener.
type CreateLoadBalancerHTTPSListenerResponse struct {
	Response
}

// ListenerRequest names one listener: ListenerProtocol is needed only when
// listeners of several protocols share the port.
type ListenerRequest struct {
	RegionId         string
	LoadBalancerId   string
	ListenerPort     int
	ListenerProtocol string
}

// StartLoadBalancerListenerRequest is the input of StartLoadBalancerListener.
type StartLoadBalancerListenerRequest = ListenerRequest

// StartLoadBalancerListenerResponse is the output of StartLoadBalancerListener.
type StartLoadBalancerListenerResponse struct {
	Response
}

// StopLoadBalancerListenerRequest is the input of StopLoadBalancerListener.
type StopLoadBalancerListenerRequest = ListenerRequest

// StopLoadBalancerListenerResponse is the output of StopLoadBalancerListener.
type StopLoadBalancerListenerResponse struct {
	Response
}

// DeleteLoadBalancerListenerRequest is the input of DeleteLoadBalancerListener.
type DeleteLoadBalancerListenerRequest = ListenerRequest

// DeleteLoadBalancerListenerResponse is the output of
// DeleteLoadBalancerListener.
type DeleteLoadBalancerListenerResponse struct {
	Response
}

// DescribeLoadBalancerListenersRequest is the input of
// DescribeLoadBalancerListeners. LoadBalancerId is the repeated
// LoadBalancerId.N of the wire; every filter is optional. MaxResults is 1 to
// 100 (default 20); NextToken continues a listing. Tag (Tag.N.Key,
// Tag.N.Value; at most 20) keeps the listeners that have every tag; an
// empty Value matches any value.
type DescribeLoadBalancerListenersRequest struct {
	RegionId         string
	LoadBalancerId   []string
	ListenerProtocol string
	ListenerPort     int
	Description      string
	NextToken        string
	MaxResults       int
	Tag              []Tag
}

// ListenerHead are the fields every listener read reports.
type ListenerHead struct {
	LoadBalancerId    string
	ListenerPort      int
	Status            string
	VServerGroupId    string `json:",omitempty" xml:",omitempty"`
	BackendServerPort int    `json:",omitempty" xml:",omitempty"`
	Bandwidth         int
	Scheduler         string
	Description       string `json:",omitempty" xml:",omitempty"`
	AclStatus         string
}

// DrainConfig is the connection-draining and Proxy Protocol configuration of
// a TCP or UDP listener.
type DrainConfig struct {
	ConnectionDrain        string
	ConnectionDrainTimeout int `json:",omitempty" xml:",omitempty"`
	ProxyProtocolV2Enabled bool
}

// TCPListenerConfig is a TCP listener's own configuration.
// HealthCheckSwitch repeats HealthCheck under the name the cloud controller
// reads, in DescribeLoadBalancerListeners only (the SDK's TCP attribute
// answer has no such member).
type TCPListenerConfig struct {
	HealthCheck               string
	HealthCheckSwitch         string `json:",omitempty" xml:",omitempty"`
	HealthCheckType           string
	HealthCheckDomain         string `json:",omitempty" xml:",omitempty"`
	HealthCheckURI            string `json:",omitempty" xml:",omitempty"`
	HealthCheckHttpCode       string `json:",omitempty" xml:",omitempty"`
	HealthCheckConnectPort    int    `json:",omitempty" xml:",omitempty"`
	HealthyThreshold          int
	UnhealthyThreshold        int
	HealthCheckInterval       int
	HealthCheckConnectTimeout int
	PersistenceTimeout        int
	EstablishedTimeout        int
	DrainConfig
}

// UDPListenerConfig is a UDP listener's own configuration, with
// HealthCheckSwitch beside HealthCheck as for TCP.
type UDPListenerConfig struct {
	HealthCheck               string
	HealthCheckSwitch         string
	HealthCheckConnectPort    int `json:",omitempty" xml:",omitempty"`
	HealthyThreshold          int
	UnhealthyThreshold        int
	HealthCheckInterval       int
	HealthCheckConnectTimeout int
	PersistenceTimeout        int
	DrainConfig
}

// HTTPListenerConfig is an HTTP listener's own configuration.
type HTTPListenerConfig struct {
	HealthCheck            string
	HealthCheckDomain      string `json:",omitempty" xml:",omitempty"`
	HealthCheckURI         string `json:",omitempty" xml:",omitempty"`
	HealthCheckHttpCode    string `json:",omitempty" xml:",omitempty"`
	HealthCheckConnectPort int    `json:",omitempty" xml:",omitempty"`
	HealthyThreshold       int
	UnhealthyThreshold     int
	HealthCheckInterval    int
	HealthCheckTimeout     int
	StickySession          string
	StickySessionType      string `json:",omitempty" xml:",omitempty"`
	Cookie                 string `json:",omitempty" xml:",omitempty"`
	CookieTimeout          int    `json:",omitempty" xml:",omitempty"`
	XForwardedFor          string
	Gzip                   string
	RequestTimeout         int
	IdleTimeout            int

	XForwardedFor_proto         string
	XForwardedFor_SLBPORT       string
	XForwardedFor_ClientSrcPort string
	XForwardedFor_SLBIP         string
	XForwardedFor_SLBID         string
	// ListenerForward and ForwardPort are an HTTP listener's redirection
	// to HTTPS (absent on HTTPS listeners).
	ListenerForward string `json:",omitempty" xml:",omitempty"`
	ForwardPort     int    `json:",omitempty" xml:",omitempty"`
}

// HTTPSListenerConfig is an HTTPS listener's own configuration.
type HTTPSListenerConfig struct {
	HTTPListenerConfig
	ServerCertificateId string
	EnableHttp2         string
	TLSCipherPolicy     string
}

// ListenerView is one listener as DescribeLoadBalancerListeners lists it:
// the configuration of its protocol, and no other, under
// TCPListenerConfig, UDPListenerConfig, HTTPListenerConfig or
// HTTPSListenerConfig.
type ListenerView struct {
	ListenerHead
	ListenerProtocol    string
	TCPListenerConfig   *TCPListenerConfig   `json:",omitempty" xml:",omitempty"`
	UDPListenerConfig   *UDPListenerConfig   `json:",omitempty" xml:",omitempty"`
	HTTPListenerConfig  *HTTPListenerConfig  `json:",omitempty" xml:",omitempty"`
	HTTPSListenerConfig *HTTPSListenerConfig `json:",omitempty" xml:",omitempty"`
}

// DescribeLoadBalancerListenersResponse is the output of
// DescribeLoadBalancerListeners: a bare Listeners array (not wrapped), and
// NextToken when more listeners follow.
type DescribeLoadBalancerListenersResponse struct {
	Response
	Listeners  []ListenerView
	NextToken  string `json:",omitempty" xml:",omitempty"`
	MaxResults int
	TotalCount int
}

// ListenerAttributeRequest names a listener of the protocol of the call.
type ListenerAttributeRequest struct {
	RegionId       string
	LoadBalancerId string
	ListenerPort   int
}

// DescribeLoadBalancerTCPListenerAttributeRequest is the input of
// DescribeLoadBalancerTCPListenerAttribute.
type DescribeLoadBalancerTCPListenerAttributeRequest = ListenerAttributeRequest

// DescribeLoadBalancerTCPListenerAttributeResponse is the output of
// DescribeLoadBalancerTCPListenerAttribute: the listener's fields, flat.
type DescribeLoadBalancerTCPListenerAttributeResponse struct {
	Response
	ListenerHead
	TCPListenerConfig
}

// DescribeLoadBalancerUDPListenerAttributeRequest is the input of
// DescribeLoadBalancerUDPListenerAttribute.
type DescribeLoadBalancerUDPListenerAttributeRequest = ListenerAttributeRequest

// DescribeLoadBalancerUDPListenerAttributeResponse is the output of
// DescribeLoadBalancerUDPListenerAttribute.
type DescribeLoadBalancerUDPListenerAttributeResponse struct {
	Response
	ListenerHead
	UDPListenerConfig
}

// DescribeLoadBalancerHTTPListenerAttributeRequest is the input of
// DescribeLoadBalancerHTTPListenerAttribute.
type DescribeLoadBalancerHTTPListenerAttributeRequest = ListenerAttributeRequest

// DescribeLoadBalancerHTTPListenerAttributeResponse is the output of
// DescribeLoadBalancerHTTPListenerAttribute.
type DescribeLoadBalancerHTTPListenerAttributeResponse struct {
	Response
	ListenerHead
	HTTPListenerConfig
}

// DescribeLoadBalancerHTTPSListenerAttributeRequest is the input of
// DescribeLoadBalancerHTTPSListenerAttribute.
type DescribeLoadBalancerHTTPSListenerAttributeRequest = ListenerAttributeRequest

// DescribeLoadBalancerHTTPSListenerAttributeResponse is the output of
// DescribeLoadBalancerHTTPSListenerAttribute.
type DescribeLoadBalancerHTTPSListenerAttributeResponse struct {
	Response
	ListenerHead
	HTTPSListenerConfig
}

// ListenerUpdate are the parameters every Set*ListenerAttribute call shares.
// A parameter left out keeps the listener's value. VServerGroup off makes the
// listener forward to the default server group again (it needs a
// BackendServerPort); VServerGroupId, with VServerGroup on or not given,
// switches it to that vServer group.
type ListenerUpdate struct {
	RegionId       string
	LoadBalancerId string
	ListenerPort   int
	Bandwidth      int
	VServerGroup   string
	VServerGroupId string
	Scheduler      string
	Description    string
	ListenerACL
}

// SetLoadBalancerTCPListenerAttributeRequest is the input of
// SetLoadBalancerTCPListenerAttribute. PersistenceTimeout is a pointer so
// that 0 (session persistence off) can be set.
type SetLoadBalancerTCPListenerAttributeRequest struct {
	ListenerUpdate
	PersistenceTimeout        *int
	EstablishedTimeout        int
	HealthCheckSwitch         string
	HealthCheckType           string
	HealthCheckDomain         string
	HealthCheckURI            string
	HealthCheckHttpCode       string
	HealthCheckConnectPort    int
	HealthyThreshold          int
	UnhealthyThreshold        int
	HealthCheckInterval       int
	HealthCheckConnectTimeout int
	ConnectionDrainOptions
}

// SetLoadBalancerTCPListenerAttributeResponse is the output of
// SetLoadBalancerTCPListenerAttribute.
type SetLoadBalancerTCPListenerAttributeResponse struct {
	Response
}

// SetLoadBalancerHTTPListenerAttributeRequest is the input of
// SetLoadBalancerHTTPListenerAttribute.
type SetLoadBalancerHTTPListenerAttributeRequest struct {
	ListenerUpdate
	HTTPListenerOptions
}

// SetLoadBalancerHTTPListenerAttributeResponse is the output of
// SetLoadBalancerHTTPListenerAttribute.
type SetLoadBalancerHTTPListenerAttributeResponse struct {
	Response
}

// DescribeHealthStatusRequest is the input of DescribeHealthStatus.
// ListenerPort and ListenerProtocol narrow the answer to some listeners.
type DescribeHealthStatusRequest = ListenerRequest

// HealthStatusView is one backend behind one listener, with its health.
// Protocol is the listener's protocol in upper case (TCP, UDP, HTTP, HTTPS);
// Port the backend port; ServerHealthStatus normal, abnormal or unavailable.
type HealthStatusView struct {
	ServerId           string
	ServerIp           string
	Port               int
	ListenerPort       int
	Protocol           string
	ServerHealthStatus string
	EniHost            string `json:",omitempty" xml:",omitempty"`
}

// HealthStatusServers wraps the list of DescribeHealthStatus.
type HealthStatusServers struct {
	BackendServer []HealthStatusView
}

// DescribeHealthStatusResponse is the output of DescribeHealthStatus.
type DescribeHealthStatusResponse struct {
	Response
	BackendServers HealthStatusServers
}

// ListenerPorts wraps an LB's listener ports (DescribeLoadBalancerAttribute).
type ListenerPorts struct {
	ListenerPort []int
}

// ListenerPortAndProtocol is one listener of an LB, by port and protocol.
type ListenerPortAndProtocol struct {
	ListenerPort     int
	ListenerProtocol string
}

// ListenerPortsAndProtocol wraps an LB's listeners by port and protocol.
type ListenerPortsAndProtocol struct {
	ListenerPortAndProtocol []ListenerPortAndProtocol
}

// ListenerPortAndProtocal is ListenerPortAndProtocol in the older,
// misspelt form that DescribeLoadBalancerAttribute still returns beside it
// (the SDK decodes both).
type ListenerPortAndProtocal struct {
	ListenerPort     int
	ListenerProtocal string
}

// ListenerPortsAndProtocal wraps the misspelt list.
type ListenerPortsAndProtocal struct {
	ListenerPortAndProtocal []ListenerPortAndProtocal
}
