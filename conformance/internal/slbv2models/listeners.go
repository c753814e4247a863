package slbv2models

// The listener actions' answers and DescribeHealthStatus', as the API
// reference (and the generated slb-20140515 client's models) documents
// them: ports, Bandwidth, thresholds, intervals and timeouts are Integers;
// the switches (on/off), the protocol, the status and the scheduler are
// Strings. The Create*, Start, Stop, Delete and Set*Attribute calls answer
// with the RequestId only.
//
// The reference's list of DescribeLoadBalancerListeners is a bare JSON array
// (Listeners: [...], not {"Listener":[...]}), unlike every other list of the
// API; the attribute calls answer with the listener's fields flat, and their
// AclIds and Tags are wrapped lists.

// CreateLoadBalancerTCPListenerResponse is the response of CreateLoadBalancerTCPListener.
type CreateLoadBalancerTCPListenerResponse = Response[RequestIdBody]

// CreateLoadBalancerUDPListenerResponse is the response of CreateLoadBalancerUDPListener.
type CreateLoadBalancerUDPListenerResponse = Response[RequestIdBody]

// CreateLoadBalancerHTTPListenerResponse is the response of CreateLoadBalancerHTTPListener.
type CreateLoadBalancerHTTPListenerResponse = Response[RequestIdBody]

// CreateLoadBalancerHTTPSListenerResponse is the response of CreateLoadBalancerHTTPSListener.
type CreateLoadBalancerHTTPSListenerResponse = Response[RequestIdBody]

// StartLoadBalancerListenerResponse is the response of StartLoadBalancerListener.
type StartLoadBalancerListenerResponse = Response[RequestIdBody]

// StopLoadBalancerListenerResponse is the response of StopLoadBalancerListener.
type StopLoadBalancerListenerResponse = Response[RequestIdBody]

// DeleteLoadBalancerListenerResponse is the response of DeleteLoadBalancerListener.
type DeleteLoadBalancerListenerResponse = Response[RequestIdBody]

// SetLoadBalancerTCPListenerAttributeResponse is the response of SetLoadBalancerTCPListenerAttribute.
type SetLoadBalancerTCPListenerAttributeResponse = Response[RequestIdBody]

// SetLoadBalancerHTTPListenerAttributeResponse is the response of SetLoadBalancerHTTPListenerAttribute.
type SetLoadBalancerHTTPListenerAttributeResponse = Response[RequestIdBody]

// DescribeLoadBalancerListenersResponse is the response of DescribeLoadBalancerListeners.
type DescribeLoadBalancerListenersResponse = Response[DescribeLoadBalancerListenersBody]

// DescribeLoadBalancerTCPListenerAttributeResponse is the response of
// DescribeLoadBalancerTCPListenerAttribute.
type DescribeLoadBalancerTCPListenerAttributeResponse = Response[TCPListenerAttributeBody]

// DescribeLoadBalancerUDPListenerAttributeResponse is the response of
// DescribeLoadBalancerUDPListenerAttribute.
type DescribeLoadBalancerUDPListenerAttributeResponse = Response[UDPListenerAttributeBody]

// DescribeLoadBalancerHTTPListenerAttributeResponse is the response of
// DescribeLoadBalancerHTTPListenerAttribute.
type DescribeLoadBalancerHTTPListenerAttributeResponse = Response[HTTPListenerAttributeBody]

// DescribeLoadBalancerHTTPSListenerAttributeResponse is the response of
// DescribeLoadBalancerHTTPSListenerAttribute.
type DescribeLoadBalancerHTTPSListenerAttributeResponse = Response[HTTPSListenerAttributeBody]

// DescribeHealthStatusResponse is the response of DescribeHealthStatus.
type DescribeHealthStatusResponse = Response[DescribeHealthStatusBody]

// DescribeLoadBalancerListenersBody is the answer of
// DescribeLoadBalancerListeners: a bare array of listeners, MaxResults and
// TotalCount (Integers) and NextToken when more follow.
type DescribeLoadBalancerListenersBody struct {
	RequestId  *string     `json:"RequestId,omitempty"`
	Listeners  []*Listener `json:"Listeners,omitempty"`
	MaxResults *int32      `json:"MaxResults,omitempty"`
	NextToken  *string     `json:"NextToken,omitempty"`
	TotalCount *int32      `json:"TotalCount,omitempty"`
}

// Listener is one listener of DescribeLoadBalancerListeners: the fields
// every protocol shares, and the configuration of its own protocol under
// one of the four *ListenerConfig members. AclIds and Tags are bare arrays
// here.
type Listener struct {
	LoadBalancerId      *string              `json:"LoadBalancerId,omitempty"`
	ListenerPort        *int32               `json:"ListenerPort,omitempty"`
	ListenerProtocol    *string              `json:"ListenerProtocol,omitempty"`
	Status              *string              `json:"Status,omitempty"`
	BackendServerPort   *int32               `json:"BackendServerPort,omitempty"`
	VServerGroupId      *string              `json:"VServerGroupId,omitempty"`
	Bandwidth           *int32               `json:"Bandwidth,omitempty"`
	Scheduler           *string              `json:"Scheduler,omitempty"`
	Description         *string              `json:"Description,omitempty"`
	AclId               *string              `json:"AclId,omitempty"`
	AclIds              []*string            `json:"AclIds,omitempty"`
	AclStatus           *string              `json:"AclStatus,omitempty"`
	AclType             *string              `json:"AclType,omitempty"`
	Tags                []*Tag               `json:"Tags,omitempty"`
	TCPListenerConfig   *TCPListenerConfig   `json:"TCPListenerConfig,omitempty"`
	UDPListenerConfig   *UDPListenerConfig   `json:"UDPListenerConfig,omitempty"`
	HTTPListenerConfig  *HTTPListenerConfig  `json:"HTTPListenerConfig,omitempty"`
	HTTPSListenerConfig *HTTPSListenerConfig `json:"HTTPSListenerConfig,omitempty"`
}

// TCPListenerConfig is a TCP listener's configuration in
// DescribeLoadBalancerListeners.
type TCPListenerConfig struct {
	HealthCheck               *string `json:"HealthCheck,omitempty"`
	HealthCheckType           *string `json:"HealthCheckType,omitempty"`
	HealthCheckDomain         *string `json:"HealthCheckDomain,omitempty"`
	HealthCheckURI            *string `json:"HealthCheckURI,omitempty"`
	HealthCheckHttpCode       *string `json:"HealthCheckHttpCode,omitempty"`
	HealthCheckMethod         *string `json:"HealthCheckMethod,omitempty"`
	HealthCheckConnectPort    *int32  `json:"HealthCheckConnectPort,omitempty"`
	HealthCheckConnectTimeout *int32  `json:"HealthCheckConnectTimeout,omitempty"`
	HealthCheckInterval       *int32  `json:"HealthCheckInterval,omitempty"`
	HealthyThreshold          *int32  `json:"HealthyThreshold,omitempty"`
	UnhealthyThreshold        *int32  `json:"UnhealthyThreshold,omitempty"`
	PersistenceTimeout        *int32  `json:"PersistenceTimeout,omitempty"`
	EstablishedTimeout        *int32  `json:"EstablishedTimeout,omitempty"`
	ConnectionDrain           *string `json:"ConnectionDrain,omitempty"`
	ConnectionDrainTimeout    *int32  `json:"ConnectionDrainTimeout,omitempty"`
	MasterSlaveServerGroupId  *string `json:"MasterSlaveServerGroupId,omitempty"`
}

// UDPListenerConfig is a UDP listener's configuration in
// DescribeLoadBalancerListeners. The reference lists no PersistenceTimeout.
type UDPListenerConfig struct {
	HealthCheck               *string `json:"HealthCheck,omitempty"`
	HealthCheckConnectPort    *int32  `json:"HealthCheckConnectPort,omitempty"`
	HealthCheckConnectTimeout *int32  `json:"HealthCheckConnectTimeout,omitempty"`
	HealthCheckInterval       *int32  `json:"HealthCheckInterval,omitempty"`
	HealthCheckExp            *string `json:"HealthCheckExp,omitempty"`
	HealthCheckReq            *string `json:"HealthCheckReq,omitempty"`
	HealthyThreshold          *int32  `json:"HealthyThreshold,omitempty"`
	UnhealthyThreshold        *int32  `json:"UnhealthyThreshold,omitempty"`
	ConnectionDrain           *string `json:"ConnectionDrain,omitempty"`
	ConnectionDrainTimeout    *int32  `json:"ConnectionDrainTimeout,omitempty"`
	MasterSlaveServerGroupId  *string `json:"MasterSlaveServerGroupId,omitempty"`
}

// HTTPHealthAndSessions are the members the HTTP and HTTPS configurations
// share: health checks, session persistence, timeouts and the
// X-Forwarded-For headers.
type HTTPHealthAndSessions struct {
	HealthCheck                 *string `json:"HealthCheck,omitempty"`
	HealthCheckType             *string `json:"HealthCheckType,omitempty"`
	HealthCheckDomain           *string `json:"HealthCheckDomain,omitempty"`
	HealthCheckURI              *string `json:"HealthCheckURI,omitempty"`
	HealthCheckHttpCode         *string `json:"HealthCheckHttpCode,omitempty"`
	HealthCheckHttpVersion      *string `json:"HealthCheckHttpVersion,omitempty"`
	HealthCheckMethod           *string `json:"HealthCheckMethod,omitempty"`
	HealthCheckConnectPort      *int32  `json:"HealthCheckConnectPort,omitempty"`
	HealthCheckInterval         *int32  `json:"HealthCheckInterval,omitempty"`
	HealthCheckTimeout          *int32  `json:"HealthCheckTimeout,omitempty"`
	HealthyThreshold            *int32  `json:"HealthyThreshold,omitempty"`
	UnhealthyThreshold          *int32  `json:"UnhealthyThreshold,omitempty"`
	StickySession               *string `json:"StickySession,omitempty"`
	StickySessionType           *string `json:"StickySessionType,omitempty"`
	Cookie                      *string `json:"Cookie,omitempty"`
	CookieTimeout               *int32  `json:"CookieTimeout,omitempty"`
	Gzip                        *string `json:"Gzip,omitempty"`
	RequestTimeout              *int32  `json:"RequestTimeout,omitempty"`
	IdleTimeout                 *int32  `json:"IdleTimeout,omitempty"`
	XForwardedFor               *string `json:"XForwardedFor,omitempty"`
	XForwardedFor_ClientSrcPort *string `json:"XForwardedFor_ClientSrcPort,omitempty"`
	XForwardedFor_SLBID         *string `json:"XForwardedFor_SLBID,omitempty"`
	XForwardedFor_SLBIP         *string `json:"XForwardedFor_SLBIP,omitempty"`
	XForwardedFor_SLBPORT       *string `json:"XForwardedFor_SLBPORT,omitempty"`
	XForwardedFor_proto         *string `json:"XForwardedFor_proto,omitempty"`
}

// HTTPListenerConfig is an HTTP listener's configuration in
// DescribeLoadBalancerListeners, with its redirection to HTTPS.
type HTTPListenerConfig struct {
	HTTPHealthAndSessions
	ListenerForward *string `json:"ListenerForward,omitempty"`
	ForwardPort     *int32  `json:"ForwardPort,omitempty"`
}

// HTTPSListenerConfig is an HTTPS listener's configuration in
// DescribeLoadBalancerListeners, with its certificates.
type HTTPSListenerConfig struct {
	HTTPHealthAndSessions
	ServerCertificateId *string `json:"ServerCertificateId,omitempty"`
	CACertificateId     *string `json:"CACertificateId,omitempty"`
	TLSCipherPolicy     *string `json:"TLSCipherPolicy,omitempty"`
}

// ListenerAttributeHead are the members every Describe*ListenerAttribute
// answer shares. AclIds and Tags are wrapped lists here.
//
// The attribute bodies embed the list's configuration of their protocol, a
// superset of the reference's attribute members by a few the fake never
// sends (HealthCheckType and HealthCheckHttpVersion of HTTP and HTTPS,
// ConnectionDrain and ConnectionDrainTimeout of UDP), so that the check
// still finds every member the fake sends that the reference lacks.
type ListenerAttributeHead struct {
	RequestId         *string `json:"RequestId,omitempty"`
	LoadBalancerId    *string `json:"LoadBalancerId,omitempty"`
	ListenerPort      *int32  `json:"ListenerPort,omitempty"`
	Status            *string `json:"Status,omitempty"`
	BackendServerPort *int32  `json:"BackendServerPort,omitempty"`
	VServerGroupId    *string `json:"VServerGroupId,omitempty"`
	Bandwidth         *int32  `json:"Bandwidth,omitempty"`
	Scheduler         *string `json:"Scheduler,omitempty"`
	Description       *string `json:"Description,omitempty"`
	AclId             *string `json:"AclId,omitempty"`
	AclIds            *AclIds `json:"AclIds,omitempty"`
	AclStatus         *string `json:"AclStatus,omitempty"`
	AclType           *string `json:"AclType,omitempty"`
	Tags              *Tags   `json:"Tags,omitempty"`
}

// AclIds wraps a listener's ACL IDs in the attribute answers.
type AclIds struct {
	AclId []*string `json:"AclId,omitempty"`
}

// TCPListenerAttributeBody is the answer of
// DescribeLoadBalancerTCPListenerAttribute: the listener's fields, flat.
type TCPListenerAttributeBody struct {
	ListenerAttributeHead
	TCPListenerConfig
	SynProxy *string `json:"SynProxy,omitempty"`
}

// UDPListenerAttributeBody is the answer of
// DescribeLoadBalancerUDPListenerAttribute. The reference lists no
// PersistenceTimeout.
type UDPListenerAttributeBody struct {
	ListenerAttributeHead
	UDPListenerConfig
}

// ListenerRules wraps the forwarding rules of an HTTP or HTTPS listener.
type ListenerRules struct {
	Rule []*ListenerRule `json:"Rule,omitempty"`
}

// ListenerRule is one forwarding rule of an HTTP or HTTPS listener.
type ListenerRule struct {
	RuleId         *string `json:"RuleId,omitempty"`
	RuleName       *string `json:"RuleName,omitempty"`
	Domain         *string `json:"Domain,omitempty"`
	Url            *string `json:"Url,omitempty"`
	VServerGroupId *string `json:"VServerGroupId,omitempty"`
}

// HTTPListenerAttributeBody is the answer of
// DescribeLoadBalancerHTTPListenerAttribute.
type HTTPListenerAttributeBody struct {
	ListenerAttributeHead
	HTTPListenerConfig
	SecurityStatus *string        `json:"SecurityStatus,omitempty"`
	Rules          *ListenerRules `json:"Rules,omitempty"`
}

// DomainExtensions wraps the extra certificates of an HTTPS listener.
type DomainExtensions struct {
	DomainExtension []*DomainExtension `json:"DomainExtension,omitempty"`
}

// DomainExtension is one extra domain of an HTTPS listener, with its
// certificate.
type DomainExtension struct {
	DomainExtensionId   *string `json:"DomainExtensionId,omitempty"`
	Domain              *string `json:"Domain,omitempty"`
	ServerCertificateId *string `json:"ServerCertificateId,omitempty"`
}

// HTTPSListenerAttributeBody is the answer of
// DescribeLoadBalancerHTTPSListenerAttribute.
type HTTPSListenerAttributeBody struct {
	ListenerAttributeHead
	HTTPSListenerConfig
	SecurityStatus   *string           `json:"SecurityStatus,omitempty"`
	Rules            *ListenerRules    `json:"Rules,omitempty"`
	DomainExtensions *DomainExtensions `json:"DomainExtensions,omitempty"`
}

// DescribeHealthStatusBody is the answer of DescribeHealthStatus: one entry
// per backend and listener.
type DescribeHealthStatusBody struct {
	RequestId      *string              `json:"RequestId,omitempty"`
	BackendServers *HealthStatusServers `json:"BackendServers,omitempty"`
}

// HealthStatusServers wraps the list of DescribeHealthStatus.
type HealthStatusServers struct {
	BackendServer []*HealthStatusServer `json:"BackendServer,omitempty"`
}

// HealthStatusServer is one backend behind one listener: Port (the backend
// port) and ListenerPort are Integers; Protocol is upper case.
type HealthStatusServer struct {
	ServerId           *string `json:"ServerId,omitempty"`
	ServerIp           *string `json:"ServerIp,omitempty"`
	Port               *int32  `json:"Port,omitempty"`
	ListenerPort       *int32  `json:"ListenerPort,omitempty"`
	Protocol           *string `json:"Protocol,omitempty"`
	ServerHealthStatus *string `json:"ServerHealthStatus,omitempty"`
}
