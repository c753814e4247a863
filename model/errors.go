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
		entry(ErrInvalidRegionId(), "DOC", "unknown RegionId"),
		entry(ErrLoadBalancerNotFound(), "DOC", "LB unknown, deleted, in another region or another account"),
		entry(ErrActionNotAllowedLocked(), "DOC/INF", "backend or status change on a locked LB"),
		entry(ErrBackendServersInvalid(), "DOC", "unparsable BackendServers, bad element, already attached, ENI rules, SetBackendServers on an unattached server"),
		entry(ErrTooManyBackendServers(), "DOC", "more than 20 BackendServers elements"),
		entry(ErrInvalidParameterLength(), "DOC/INF", "Description longer than 80 characters"),
		entry(ErrObtainIpFail(), "DOC", "backend server unknown or not Running"),
		entry(ErrNetworkTypeUnsupported(), "DOC", "network-type matrix refuses the server"),
		entry(ErrBackendServersInconsistent(), "DOC", "classic and VPC backends, or two VPCs, on one LB"),
		entry(ErrBackendServerQuota(), "CODE/INF", "the LB would exceed its backend quota (200 by default)"),
		entry(ErrInstanceNotFound(), "CODE/INF", "ECS instance unknown"),
		entry(ErrIncorrectInstanceStatus(), "CODE/INF", "Start/Stop/Delete/Attach from a status that does not allow it"),
		entry(ErrVpcNotFound(), "INF", "unknown VpcId"),
		entry(ErrVSwitchNotFound(), "INF", "unknown VSwitchId"),
		entry(ErrNetworkInterfaceNotFound(), "INF", "unknown NetworkInterfaceId"),
		entry(ErrIncorrectNetworkInterfaceStatus(), "INF", "attach an ENI that is in use, detach one that is not"),
		entry(ErrInvalidCidrBlock(), "INF", "CidrBlock malformed or outside the VPC"),
		entry(ErrCidrBlockOverlapped(), "INF", "vSwitch CIDR overlaps another vSwitch of the VPC"),
		entry(ErrIpAddressUsed(), "INF", "PrimaryIpAddress already in use in the vSwitch"),
		entry(ErrZoneNotFound(), "INF", "ZoneId not in the region"),
		entry(ErrInvalidZoneIdMismatch(), "INF", "ZoneId differs from the vSwitch's zone; ENI and instance in different zones or VPCs"),
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

// ErrInstanceNotFound reports an unknown ECS instance.
func ErrInstanceNotFound() *Error {
	return newError(http.StatusNotFound, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist.")
}

// ErrIncorrectInstanceStatus reports an instance whose status forbids the call.
func ErrIncorrectInstanceStatus() *Error {
	return newError(http.StatusForbidden, "IncorrectInstanceStatus",
		"The current status of the resource does not support this operation.")
}

// ErrVpcNotFound reports an unknown VpcId.
func ErrVpcNotFound() *Error {
	return newError(http.StatusNotFound, "InvalidVpcId.NotFound", "The specified VpcId does not exist.")
}

// ErrVSwitchNotFound reports an unknown VSwitchId.
func ErrVSwitchNotFound() *Error {
	return newError(http.StatusNotFound, "InvalidVSwitchId.NotFound", "The specified VSwitchId does not exist.")
}

// ErrNetworkInterfaceNotFound reports an unknown ENI.
func ErrNetworkInterfaceNotFound() *Error {
	return newError(http.StatusNotFound, "InvalidEniId.NotFound", "The specified NetworkInterfaceId does not exist.")
}

// ErrIncorrectNetworkInterfaceStatus reports an ENI whose status forbids the call.
func ErrIncorrectNetworkInterfaceStatus() *Error {
	return newError(http.StatusForbidden, "InvalidOperation.InvalidEniState",
		"The operation is not allowed in the current ENI state.")
}

// ErrInvalidCidrBlock reports a malformed CIDR, or one outside its VPC.
func ErrInvalidCidrBlock() *Error {
	return newError(http.StatusBadRequest, "InvalidCidrBlock.Malformed", "Specified CIDR block is not valid.")
}

// ErrCidrBlockOverlapped reports a vSwitch CIDR that overlaps another.
func ErrCidrBlockOverlapped() *Error {
	return newError(http.StatusBadRequest, "InvalidCidrBlock.Overlapped", "Specified CIDR block overlapped with other vswitch.")
}

// ErrIpAddressUsed reports a requested private IP that is taken.
func ErrIpAddressUsed() *Error {
	return newError(http.StatusBadRequest, "InvalidPrivateIpAddress.Duplicated", "Specified private IP address is already in use.")
}

// ErrZoneNotFound reports a ZoneId that is not in the region.
func ErrZoneNotFound() *Error {
	return newError(http.StatusNotFound, "InvalidZoneId.NotFound", "The specified ZoneId does not exist.")
}

// ErrInvalidZoneIdMismatch reports resources that must share a zone or VPC but do not.
func ErrInvalidZoneIdMismatch() *Error {
	return newError(http.StatusBadRequest, "InvalidParameter.Mismatch", "The specified resources are not in the same zone or VPC.")
}
