package model

import (
	"fmt"
	"net/http"
)

// Error is an API error as the real service reports it: an HTTP status, a
// code and a message. RequestId is filled in by the fake when the error leaves
// a call; the catalogue constructors leave it empty.
type Error struct {
	HTTPStatus int
	Code       string
	Message    string
	RequestId  string
}

// Error implements the error interface in the form the Go SDK uses for
// server errors.
func (e *Error) Error() string {
	s := fmt.Sprintf("SDK.ServerError\nErrorCode: %s\nMessage: %s", e.Code, e.Message)
	if e.RequestId != "" {
		s += "\nRequestId: " + e.RequestId
	}
	return s
}

// Is reports whether target is an *Error with the same code, so that
// errors.Is(err, model.ErrObtainIpFail()) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// WithRequestId returns a copy of e carrying the given RequestId.
func (e *Error) WithRequestId(id string) *Error {
	c := *e
	c.RequestId = id
	return &c
}

// CatalogueEntry describes one error the fake can produce.
type CatalogueEntry struct {
	HTTPStatus int
	Code       string
	Message    string
	// Source is DOC, CODE or INF, as in shared/spec/slb-api.md.
	Source string
	// When says in one line when the fake returns it.
	When string
}

// Catalogue lists every error the fake produces, with its source. It returns
// a fresh slice on every call.
func Catalogue() []CatalogueEntry {
	entry := func(e *Error, source, when string) CatalogueEntry {
		return CatalogueEntry{HTTPStatus: e.HTTPStatus, Code: e.Code, Message: e.Message, Source: source, When: when}
	}
	return []CatalogueEntry{
		entry(ErrMissingParameter("X"), "INF", "a required parameter is absent or empty (message names it)"),
		entry(ErrInvalidParameterValue("X"), "INF", "a parameter value is malformed or out of range (message names it)"),
		entry(ErrInvalidAction(), "DOC", "wire: Action unknown to the product of Version"),
		entry(ErrInvalidVersion(), "DOC", "wire: Version is none of Slb 2014-05-15, Ecs 2014-05-26, Vpc 2016-04-28"),
		entry(ErrInvalidTimeStampFormat(), "INF", "wire: Timestamp is not ISO 8601 UTC"),
		entry(ErrInvalidTimeStampExpired(), "DOC", "wire: Timestamp more than 15 minutes from the fake's clock"),
		entry(ErrSignatureNonceUsed(), "DOC", "wire: SignatureNonce reused within 15 minutes"),
		entry(ErrInvalidAccessKeyId(), "INF", "wire: AccessKeyId unknown"),
		entry(ErrSignatureDoesNotMatch("<string to sign>"), "CODE", "wire: Signature is not HMAC-SHA1 of the string to sign with the key's secret"),
		entry(ErrInvalidRegionId(), "DOC", "unknown RegionId"),
		entry(ErrBackendServerConfiguring(), "DOC", "a backend change of an LB inside its configuring window (WithConfiguringWindow); fault rules"),
		entry(ErrServiceIsConfiguring(), "DOC", "SetLoadBalancerStatus or DeleteLoadBalancer inside the LB's configuring window; fault rules"),
		entry(ErrOperationBusy(), "DOC", "fault rules only"),
		entry(ErrSystemBusy(), "DOC", "fault rules only (ERRLIST gives 449, DOC-EN 400; the fake uses 400)"),
		entry(ErrThrottlingUser(), "DOC/INF", "fault rules only: a throttling rule's token bucket is empty"),
		entry(ErrServiceUnavailable(), "DOC", "fault rules; a wire request whose context has ended when its call runs, or ends inside injected latency (a Client call gets the context's error instead; one cut short in latency is recorded as ServiceUnavailable)"),
		entry(ErrInternalError(), "DOC", "fault rules only (the default error of a failure after commit)"),
		entry(ErrLoadBalancerNotFound(), "DOC", "LB unknown, deleted, in another region or another account"),
		entry(ErrActionNotAllowedLocked(), "DOC/INF", "a backend change, status change or delete of a locked LB"),
		entry(ErrBackendServersInvalid(), "DOC", "unparsable BackendServers, bad element, already attached, ENI rules, SetBackendServers on an unattached server"),
		entry(ErrTooManyBackendServers(), "DOC", "more than 20 BackendServers elements"),
		entry(ErrInvalidParameterLength(), "DOC/INF", "Description longer than 80 characters"),
		entry(ErrObtainIpFail(), "DOC", "backend server unknown or not Running"),
		entry(ErrNetworkTypeUnsupported(), "DOC", "network-type matrix refuses the server"),
		entry(ErrBackendServersInconsistent(), "DOC", "classic and VPC backends, or two VPCs, on one LB"),
		entry(ErrBackendServerQuota(), "CODE/INF", "the LB would exceed its backend quota (200 by default)"),
		entry(ErrInstanceNotFound(), "DOC", "Start/Stop/DeleteInstance: instance unknown"),
		entry(ErrIncorrectInstanceStatus(), "DOC", "Start/Stop/DeleteInstance from a status model.NextStatus refuses"),
		entry(ErrVpcNotFound(), "DOC", "unknown VpcId (CreateVSwitch)"),
		entry(ErrVSwitchNotFound(), "DOC", "unknown VSwitchId (RunInstances, CreateInstance, CreateNetworkInterface, CreateLoadBalancer)"),
		entry(ErrNetworkInterfaceNotFound(), "DOC", "unknown NetworkInterfaceId"),
		entry(ErrIncorrectNetworkInterfaceStatus("Available", "InUse"), "DOC", "attach an ENI that is not Available, detach one that is not InUse on that instance"),
		entry(ErrInvalidEcsState("Running/Stopped", "Pending"), "DOC", "attach or detach an ENI while the instance is neither Running nor Stopped"),
		entry(ErrEcsIdNotFound(), "DOC", "Attach/DetachNetworkInterface: instance unknown"),
		entry(ErrEniZoneMismatch(), "DOC", "AttachNetworkInterface: ENI and instance in different zones"),
		entry(ErrEniVpcMismatch(), "DOC/INF", "AttachNetworkInterface: ENI and instance in different VPCs, or a classic instance"),
		entry(ErrEniIpInvalid(), "DOC/INF", "CreateNetworkInterface: PrimaryIpAddress malformed or outside the vSwitch"),
		entry(ErrIpAddressUsed(), "DOC", "PrivateIpAddress or PrimaryIpAddress already in use in the vSwitch"),
		entry(ErrPrivateIpMalformed(), "DOC", "RunInstances/CreateInstance: PrivateIpAddress is not an IPv4 address"),
		entry(ErrPrivateIpNotInVSwitch(), "DOC", "RunInstances/CreateInstance: PrivateIpAddress outside the vSwitch's CIDR block"),
		entry(ErrVSwitchIpExhausted(), "DOC", "the vSwitch has no free private address left"),
		entry(ErrZoneNotFound(), "DOC", "ZoneId not in the region"),
		entry(ErrInvalidZoneIdMismatch(), "DOC", "RunInstances/CreateInstance: ZoneId differs from the vSwitch's zone"),
		entry(ErrInvalidAmount(), "DOC", "RunInstances: Amount outside 1..100"),
		entry(ErrInvalidInstanceName(), "DOC", "InstanceName not 2..128 characters starting with a letter, or starting with http(s)://"),
		entry(ErrInvalidCidrBlock(), "DOC", "CreateVSwitch: CidrBlock does not parse as an IPv4 CIDR block"),
		entry(ErrCidrBlockMaskLength(), "DOC", "CreateVSwitch: CidrBlock mask not /16../29"),
		entry(ErrCidrBlockNotInVpc(), "DOC", "CreateVSwitch: CidrBlock outside the VPC's"),
		entry(ErrCidrBlockOverlapped(), "DOC", "CreateVSwitch: CidrBlock overlaps another vSwitch of the VPC"),
		entry(ErrVpcCidrBlockInvalid(), "DOC", "CreateVpc: CidrBlock malformed, not a private block, or mask not /8../28"),
		entry(ErrInvalidVpcName(), "DOC", "VpcName longer than 128 characters or starting with http(s)://"),
		entry(ErrInvalidVpcDescription(), "DOC", "VPC Description longer than 256 characters or starting with http(s)://"),
		entry(ErrInvalidVSwitchName(), "DOC", "VSwitchName longer than 128 characters or starting with http(s)://"),
		entry(ErrInvalidVSwitchDescription(), "DOC", "vSwitch Description longer than 256 characters or starting with http(s)://"),
		entry(ErrVSwitchQuotaExceeded(), "DOC", "CreateVSwitch: the VPC already has 150 vSwitches"),
	}
}

func newError(status int, code, msg string) *Error {
	return &Error{HTTPStatus: status, Code: code, Message: msg}
}

// ErrMissingParameter is the gateway's answer to an absent required parameter.
func ErrMissingParameter(name string) *Error {
	return newError(http.StatusBadRequest, "MissingParameter",
		fmt.Sprintf("The input parameter %q that is mandatory for processing this request is not supplied.", name))
}

// ErrInvalidParameterValue reports a malformed or out-of-range parameter.
func ErrInvalidParameterValue(name string) *Error {
	return newError(http.StatusBadRequest, "InvalidParameter",
		fmt.Sprintf("The specified parameter %q is not valid.", name))
}

// ErrInvalidRegionId reports an unknown RegionId.
func ErrInvalidRegionId() *Error {
	return newError(http.StatusNotFound, "InvalidRegionId.NotFound", "The specified RegionId does not exist.")
}

// ErrLoadBalancerNotFound reports an LB that does not exist for the caller.
func ErrLoadBalancerNotFound() *Error {
	return newError(http.StatusNotFound, "InvalidLoadBalancerId.NotFound", "The specified LoadBalancerId does not exist.")
}

// ErrActionNotAllowedLocked reports a change to a locked LB.
func ErrActionNotAllowedLocked() *Error {
	return newError(http.StatusBadRequest, "ActionNotAllowed", "Locked for any Business Reason.")
}

// ErrBackendServersInvalid is InvalidParameter for a BackendServers value or
// element the service refuses.
func ErrBackendServersInvalid() *Error {
	return newError(http.StatusBadRequest, "InvalidParameter", "The specified BackendServers is invalid.")
}

// ErrTooManyBackendServers reports more than MaxBackendServersPerCall elements.
func ErrTooManyBackendServers() *Error {
	return newError(http.StatusBadRequest, "TooManyBackendServers",
		fmt.Sprintf("The total number of input real servers exceeds max supported number: %d", MaxBackendServersPerCall))
}

// ErrInvalidParameterLength reports a Description that is too long.
func ErrInvalidParameterLength() *Error {
	return newError(http.StatusBadRequest, "InvalidParameterLength", "The specified parameter length is not valid.")
}

// ErrObtainIpFail reports a backend server that is unknown or not Running.
func ErrObtainIpFail() *Error {
	return newError(http.StatusBadRequest, "ObtainIpFail",
		"The specified BackendServers is invalid; some of the specified backend servers do not exist or are not running.")
}

// ErrNetworkTypeUnsupported reports a network-type mismatch (the seed's error).
func ErrNetworkTypeUnsupported() *Error {
	return newError(http.StatusBadRequest, "InvalidParameter",
		"The specified load balancer does not support the network type of the ECS instance.")
}

// ErrBackendServersInconsistent reports classic and VPC backends, or two VPCs,
// on one LB.
func ErrBackendServersInconsistent() *Error {
	return newError(http.StatusBadRequest, "InvalidBackendServers.Inconsistent",
		"All BackendServers on one Specified LoadBalancer have to be in the same vpc or all classic")
}

// ErrBackendServerQuota reports an LB that would exceed its backend quota.
func ErrBackendServerQuota() *Error {
	return newError(http.StatusBadRequest, "InstanceBackendServerNumberOverLimit",
		"The backend server number has reached to the quota limit of this load balancer.")
}

// The ECS and VPC errors below were checked against Alibaba's API reference
// pages (the error tables of StartInstance, StopInstance, DeleteInstance,
// CreateInstance/RunInstances, CreateNetworkInterface, AttachNetworkInterface,
// DetachNetworkInterface, the ENI private-IP operations, CreateVpc and
// CreateVSwitch). Where a page gives the message as "%s", the message here is
// the one an older copy of the page spells out, or INF (see Catalogue).

// ErrInstanceNotFound reports an unknown ECS instance (StartInstance,
// StopInstance, DeleteInstance; DOC).
func ErrInstanceNotFound() *Error {
	return newError(http.StatusNotFound, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist.")
}

// ErrIncorrectInstanceStatus reports an instance whose status forbids the call
// (StartInstance, StopInstance, DeleteInstance; DOC).
func ErrIncorrectInstanceStatus() *Error {
	return newError(http.StatusForbidden, "IncorrectInstanceStatus",
		"The current status of the resource does not support this operation.")
}

// ErrVpcNotFound reports an unknown VpcId (CreateVSwitch; DOC).
func ErrVpcNotFound() *Error {
	return newError(http.StatusNotFound, "InvalidVpcId.NotFound", "Specified VPC does not exist.")
}

// ErrVSwitchNotFound reports an unknown VSwitchId (CreateInstance,
// RunInstances; DOC).
func ErrVSwitchNotFound() *Error {
	return newError(http.StatusNotFound, "InvalidVSwitchId.NotFound", "Specified virtual switch does not exist.")
}

// ErrNetworkInterfaceNotFound reports an unknown ENI (the ENI operations; DOC).
func ErrNetworkInterfaceNotFound() *Error {
	return newError(http.StatusNotFound, "InvalidEniId.NotFound", "The specified EniId is not found.")
}

// ErrIncorrectNetworkInterfaceStatus reports an ENI whose status forbids the
// call. Given the expected and the current status, the message names them as
// the real one does (DOC).
func ErrIncorrectNetworkInterfaceStatus(expectingAndCurrent ...string) *Error {
	return newError(http.StatusBadRequest, "InvalidOperation.InvalidEniState",
		"The operation is not allowed in the current ENI state."+expecting(expectingAndCurrent))
}

// ErrInvalidEcsState reports an instance whose status forbids an ENI
// operation. Given the expected and the current status, the message names
// them (DOC).
func ErrInvalidEcsState(expectingAndCurrent ...string) *Error {
	return newError(http.StatusBadRequest, "InvalidOperation.InvalidEcsState",
		"The operation is not allowed in the current ECS state."+expecting(expectingAndCurrent))
}

// expecting renders the second sentence of the InvalidEniState and
// InvalidEcsState messages from (expected, current).
func expecting(states []string) string {
	if len(states) < 2 {
		return ""
	}
	return fmt.Sprintf(" Expecting status is %q while current status is %q.", states[0], states[1])
}

// ErrEcsIdNotFound reports an unknown instance in an ENI operation
// (CreateNetworkInterface, AttachNetworkInterface, DetachNetworkInterface; DOC).
func ErrEcsIdNotFound() *Error {
	return newError(http.StatusNotFound, "InvalidEcsId.NotFound", "The specified EcsId is not found.")
}

// ErrEniZoneMismatch reports an ENI and an instance in different zones (DOC).
func ErrEniZoneMismatch() *Error {
	return newError(http.StatusForbidden, "InvalidOperation.AvailabilityZoneMismatch",
		"The VPC VSwitch of the specified ENI and ECS instance are not in the same availability zone.")
}

// ErrEniVpcMismatch reports an ENI and an instance in different VPCs (or a
// classic instance). Code and status DOC; the message is INF.
func ErrEniVpcMismatch() *Error {
	return newError(http.StatusForbidden, "InvalidOperation.VpcMismatch",
		"The specified ENI and ECS instance are not in the same VPC.")
}

// ErrEniIpInvalid reports an ENI address that is malformed or outside the
// vSwitch's CIDR block (DOC for the ENI private-IP operations; INF that
// CreateNetworkInterface answers the same).
func ErrEniIpInvalid() *Error {
	return newError(http.StatusForbidden, "InvalidVSwitchId.IpInvalid",
		"The specified IpAddress is not valid in VSwitch CIDR block.")
}

// ErrCidrBlockOverlapped reports a vSwitch CIDR that overlaps another vSwitch
// of the VPC (DOC).
func ErrCidrBlockOverlapped() *Error {
	return newError(http.StatusBadRequest, "InvalidCidrBlock.Overlapped", "Specified CIDR block overlapped with other subnets.")
}

// ErrIpAddressUsed reports a requested private IP that is taken (DOC).
func ErrIpAddressUsed() *Error {
	return newError(http.StatusBadRequest, "InvalidPrivateIpAddress.Duplicated", "Specified private IP address is duplicated.")
}

// ErrPrivateIpMalformed reports a PrivateIpAddress that is not an IPv4
// address (DOC).
func ErrPrivateIpMalformed() *Error {
	return newError(http.StatusBadRequest, "InvalidPrivateIpAddress.Malformed", "Specified private IP address is malformed.")
}

// ErrPrivateIpNotInVSwitch reports a PrivateIpAddress outside the vSwitch's
// CIDR block (DOC).
func ErrPrivateIpNotInVSwitch() *Error {
	return newError(http.StatusBadRequest, "InvalidPrivateIpAddress",
		"Specified private IP address is not in the CIDR block of virtual switch.")
}

// ErrVSwitchIpExhausted reports a vSwitch with no free private address (DOC).
func ErrVSwitchIpExhausted() *Error {
	return newError(http.StatusBadRequest, "QuotaExceeded.PrivateIpAddress", "Don't have enough private IPs in this switch")
}

// ErrZoneNotFound reports a ZoneId that is not in the region (DOC).
func ErrZoneNotFound() *Error {
	return newError(http.StatusNotFound, "InvalidZoneId.NotFound", "The specified zoneId does not exist.")
}

// ErrInvalidZoneIdMismatch reports a ZoneId that differs from the zone of the
// given vSwitch (DOC).
func ErrInvalidZoneIdMismatch() *Error {
	return newError(http.StatusBadRequest, "InvalidParameter.Mismatch", "Specified virtual switch is not in the specified zone.")
}

// ErrInvalidAmount reports an Amount outside 1..100 (DOC).
func ErrInvalidAmount() *Error {
	return newError(http.StatusForbidden, "InvalidAmount.Malformed", "The specified parameter Amount is not valid.")
}

// ErrInvalidInstanceName reports a malformed InstanceName (DOC).
func ErrInvalidInstanceName() *Error {
	return newError(http.StatusBadRequest, "InvalidInstanceName.Malformed", `The specified parameter "InstanceName" is not valid.`)
}

// ErrInvalidCidrBlock reports a vSwitch CIDR block that does not parse (DOC).
func ErrInvalidCidrBlock() *Error {
	return newError(http.StatusBadRequest, "InvalidCidrBlock.Malformed", "Specified CIDR block is not valid.")
}

// ErrCidrBlockMaskLength reports a vSwitch CIDR block whose mask is not /16
// to /29. Code and message are the documented ones, typos included (DOC).
func ErrCidrBlockMaskLength() *Error {
	return newError(http.StatusBadRequest, "InvalidCirdrBlock.MaskLength", "Specified CIDR block is not valid .")
}

// ErrCidrBlockNotInVpc reports a vSwitch CIDR block outside its VPC's (DOC).
func ErrCidrBlockNotInVpc() *Error {
	return newError(http.StatusBadRequest, "InvalidParameter", "Specified CIDR block is not valid in VPC.")
}

// ErrVpcCidrBlockInvalid reports a CreateVpc CidrBlock that is malformed or
// not a private block (DOC).
func ErrVpcCidrBlockInvalid() *Error {
	return newError(http.StatusBadRequest, "InvalidParameter", "Specified CIDR block is not valid")
}

// ErrInvalidVpcName reports a malformed VpcName (DOC).
func ErrInvalidVpcName() *Error {
	return newError(http.StatusBadRequest, "InvalidVpcName.Malformed", "Specified VPC name is not valid.")
}

// ErrInvalidVpcDescription reports a malformed VPC Description. The code's
// spelling is the documented one (DOC).
func ErrInvalidVpcDescription() *Error {
	return newError(http.StatusBadRequest, "InvalidVpcDiscription.Malformed", "Specified VPC description is not valid.")
}

// ErrInvalidVSwitchName reports a malformed VSwitchName (DOC).
func ErrInvalidVSwitchName() *Error {
	return newError(http.StatusBadRequest, "InvalidVSwitchName.Malformed", "Specified virtual switch name is not valid.")
}

// ErrInvalidVSwitchDescription reports a malformed vSwitch Description. The
// code's spelling is the documented one (DOC).
func ErrInvalidVSwitchDescription() *Error {
	return newError(http.StatusBadRequest, "InvalidVSwitchDiscription.Malformed", "Specified virtual switch description is not valid.")
}

// ErrVSwitchQuotaExceeded reports a VPC that already has MaxVSwitchesPerVpc
// vSwitches (DOC).
func ErrVSwitchQuotaExceeded() *Error {
	return newError(http.StatusBadRequest, "QuotaExceeded.VSwitch", "Virtual switch quota exceeded.")
}

// Gateway (common POP) errors: every product answers these before it looks at
// the call's own parameters.

// ErrInvalidAction reports an Action the product does not have.
func ErrInvalidAction() *Error {
	return newError(http.StatusNotFound, "InvalidAction.NotFound", "Specified api is not found, please check your url and method")
}

// ErrInvalidVersion reports an unknown Version.
func ErrInvalidVersion() *Error {
	return newError(http.StatusBadRequest, "InvalidVersion", "Specified parameter Version is not valid.")
}

// ErrInvalidTimeStampFormat reports a Timestamp that is not ISO 8601 UTC.
func ErrInvalidTimeStampFormat() *Error {
	return newError(http.StatusBadRequest, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.")
}

// ErrInvalidTimeStampExpired reports a Timestamp more than 15 minutes from
// the fake's clock.
func ErrInvalidTimeStampExpired() *Error {
	return newError(http.StatusBadRequest, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
}

// ErrSignatureNonceUsed reports a SignatureNonce seen in the last 15 minutes.
func ErrSignatureNonceUsed() *Error {
	return newError(http.StatusBadRequest, "SignatureNonceUsed", "Specified signature nonce was used already.")
}

// ErrInvalidAccessKeyId reports an unknown AccessKeyId.
func ErrInvalidAccessKeyId() *Error {
	return newError(http.StatusNotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
}

// ErrSignatureDoesNotMatch reports a wrong signature. The message ends with
// the server's string to sign, right after the colon, as the Go SDK expects:
// it compares that text with its own to tell a wrong secret from a bug.
func ErrSignatureDoesNotMatch(stringToSign string) *Error {
	return newError(http.StatusBadRequest, "SignatureDoesNotMatch",
		"Specified signature is not matched with our calculation. server string to sign is:"+stringToSign)
}

// Busy, throttling and server errors. The fake produces them from its
// configuring window and from fault rules; their codes and statuses are the
// ones real clients retry on (slb-api.md section 3).

// ErrBackendServerConfiguring refuses a backend change while the LB is still
// applying the previous one (409).
func ErrBackendServerConfiguring() *Error {
	return newError(http.StatusConflict, "BackendServer.configuring",
		"A previous configuration of the load balancer is pending; please try again later.")
}

// ErrServiceIsConfiguring refuses an LB change while a configuration is pending.
func ErrServiceIsConfiguring() *Error {
	return newError(http.StatusBadRequest, "ServiceIsConfiguring", "A previous configuration is pending; please try again later.")
}

// ErrOperationBusy reports a pending operation.
func ErrOperationBusy() *Error {
	return newError(http.StatusBadRequest, "OperationBusy", "A previous operation is pending.")
}

// ErrSystemBusy reports a busy system.
func ErrSystemBusy() *Error {
	return newError(http.StatusBadRequest, "SystemBusy", "The system is busy.")
}

// ErrThrottlingUser reports a call over the account's rate for the action.
func ErrThrottlingUser() *Error {
	return newError(http.StatusBadRequest, "Throttling.User", "Request was denied due to user flow control.")
}

// ErrServiceUnavailable is the temporary server failure clients retry on.
func ErrServiceUnavailable() *Error {
	return newError(http.StatusServiceUnavailable, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")
}

// ErrInternalError is the server-side failure.
func ErrInternalError() *Error {
	return newError(http.StatusInternalServerError, "InternalError", "The request processing has failed due to backend service exception.")
}

// LookupError returns a fresh error of the catalogue with the given code (the
// first entry, for codes with several messages).
func LookupError(code string) (*Error, bool) {
	for _, c := range Catalogue() {
		if c.Code == code {
			return newError(c.HTTPStatus, c.Code, c.Message), true
		}
	}
	return nil, false
}
