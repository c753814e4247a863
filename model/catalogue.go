package model

// The catalogue: every error the fake can return, as data. Each entry is
// written once, here, with its HTTP status, code, message template, source
// and when the fake returns it; the constructors below, Catalogue, LookupEntry
// and the README's error table all derive from this table.
//
// Sources: DOC is Alibaba's documentation (the API reference page of the
// action, or the SLB error center), CODE is real client code (the SDKs, the
// Terraform provider, the Kubernetes cloud controller), INF is inferred where
// neither says; "DOC/INF" means the code is documented and the message or
// status inferred. The README's fidelity table says more for each.

import "net/http"

// Code is an error code as the service spells it on the wire.
type Code string

// The codes of the catalogue. Several entries may share a code (eight are
// InvalidParameter): an entry, not a code, is what errors.Is compares.
const (
	CodeMissingParameter                          Code = "MissingParameter"
	CodeInvalidParameter                          Code = "InvalidParameter"
	CodeInvalidActionNotFound                     Code = "InvalidAction.NotFound"
	CodeInvalidVersion                            Code = "InvalidVersion"
	CodeInvalidTimeStampFormat                    Code = "InvalidTimeStamp.Format"
	CodeInvalidTimeStampExpired                   Code = "InvalidTimeStamp.Expired"
	CodeSignatureNonceUsed                        Code = "SignatureNonceUsed"
	CodeInvalidAccessKeyIdNotFound                Code = "InvalidAccessKeyId.NotFound"
	CodeIncompleteSignature                       Code = "IncompleteSignature"
	CodeInvalidSignatureMethod                    Code = "InvalidSignatureMethod"
	CodeMissingSecurityToken                      Code = "MissingSecurityToken"
	CodeInvalidSecurityTokenMismatchWithAccessKey Code = "InvalidSecurityToken.MismatchWithAccessKey"
	CodeSignatureDoesNotMatch                     Code = "SignatureDoesNotMatch"
	CodeInvalidRegionIdNotFound                   Code = "InvalidRegionId.NotFound"
	CodeBackendServerConfiguring                  Code = "BackendServer.configuring"
	CodeServiceIsConfiguring                      Code = "ServiceIsConfiguring"
	CodeOperationBusy                             Code = "OperationBusy"
	CodeSystemBusy                                Code = "SystemBusy"
	CodeThrottlingUser                            Code = "Throttling.User"
	CodeServiceUnavailable                        Code = "ServiceUnavailable"
	CodeInternalError                             Code = "InternalError"
	CodeInvalidLoadBalancerIdNotFound             Code = "InvalidLoadBalancerId.NotFound"
	CodeActionNotAllowed                          Code = "ActionNotAllowed"
	CodeTooManyBackendServers                     Code = "TooManyBackendServers"
	CodeInvalidParameterLength                    Code = "InvalidParameterLength"
	CodeObtainIpFail                              Code = "ObtainIpFail"
	CodeInvalidBackendServersInconsistent         Code = "InvalidBackendServers.Inconsistent"
	CodeInstanceBackendServerNumberOverLimit      Code = "InstanceBackendServerNumberOverLimit"
	CodeInvalidInstanceIdNotFound                 Code = "InvalidInstanceId.NotFound"
	CodeIncorrectInstanceStatus                   Code = "IncorrectInstanceStatus"
	CodeInvalidVpcIdNotFound                      Code = "InvalidVpcId.NotFound"
	CodeInvalidVSwitchIdNotFound                  Code = "InvalidVSwitchId.NotFound"
	CodeInvalidEniIdNotFound                      Code = "InvalidEniId.NotFound"
	CodeInvalidOperationInvalidEniState           Code = "InvalidOperation.InvalidEniState"
	CodeInvalidOperationInvalidEcsState           Code = "InvalidOperation.InvalidEcsState"
	CodeInvalidEcsIdNotFound                      Code = "InvalidEcsId.NotFound"
	CodeInvalidOperationAvailabilityZoneMismatch  Code = "InvalidOperation.AvailabilityZoneMismatch"
	CodeInvalidOperationVpcMismatch               Code = "InvalidOperation.VpcMismatch"
	CodeInvalidVSwitchIdIpInvalid                 Code = "InvalidVSwitchId.IpInvalid"
	CodeInvalidPrivateIpAddressDuplicated         Code = "InvalidPrivateIpAddress.Duplicated"
	CodeInvalidPrivateIpAddressMalformed          Code = "InvalidPrivateIpAddress.Malformed"
	CodeInvalidPrivateIpAddress                   Code = "InvalidPrivateIpAddress"
	CodeQuotaExceededPrivateIpAddress             Code = "QuotaExceeded.PrivateIpAddress"
	CodeInvalidZoneIdNotFound                     Code = "InvalidZoneId.NotFound"
	CodeInvalidParameterMismatch                  Code = "InvalidParameter.Mismatch"
	CodeInvalidAmountMalformed                    Code = "InvalidAmount.Malformed"
	CodeInvalidInstanceNameMalformed              Code = "InvalidInstanceName.Malformed"
	CodeInvalidCidrBlockMalformed                 Code = "InvalidCidrBlock.Malformed"
	CodeInvalidCirdrBlockMaskLength               Code = "InvalidCirdrBlock.MaskLength"
	CodeInvalidCidrBlockOverlapped                Code = "InvalidCidrBlock.Overlapped"
	CodeInvalidVpcNameMalformed                   Code = "InvalidVpcName.Malformed"
	CodeInvalidVpcDiscriptionMalformed            Code = "InvalidVpcDiscription.Malformed"
	CodeInvalidVSwitchNameMalformed               Code = "InvalidVSwitchName.Malformed"
	CodeInvalidVSwitchDiscriptionMalformed        Code = "InvalidVSwitchDiscription.Malformed"
	CodeQuotaExceededVSwitch                      Code = "QuotaExceeded.VSwitch"
	CodeDryRunOperation                           Code = "DryRunOperation"
	CodeIdempotentParameterMismatch               Code = "IdempotentParameterMismatch"
	CodeRspoolVipExist                            Code = "RspoolVipExist"
	CodeListenerAlreadyExists                     Code = "ListenerAlreadyExists"
	CodeTooManyListeners                          Code = "TooManyListeners"
	CodeOperationNotAllowed                       Code = "Operation.NotAllowed"
	CodeOperationDeny                             Code = "Operation.Deny"
	CodeServiceIsStopping                         Code = "ServiceIsStopping"
	CodeCheckedListenerNotFound                   Code = "CheckedListenerNotFound"
	CodeOperationDeniedDeleteProtectionIsOn       Code = "OperationDenied.DeleteProtectionIsOn"
	CodeIllegalParamInstanceChargeType            Code = "IllegalParam.InstanceChargeType"
	CodeIllegalParamInternetChargeType            Code = "IllegalParam.InternetChargeType"
	CodeInstanceInternetChargeTypeNotAllowed      Code = "Instance.InternetChargeTypeNotAllowed"
	CodeOperationDeniedPayByCLCU                  Code = "OperationDenied.PayByCLCU"
	CodeForbiddenLcuToSpec                        Code = "Forbidden.LcuToSpec"
	CodeInvalidParamModificationProtectionStatus  Code = "InvalidParam.ModificationProtectionStatus"
	CodeInvalidParamModificationProtectionReason  Code = "InvalidParam.ModificationProtectionReason"
	CodeInvalidParamTagKey                        Code = "InvalidParam.TagKey"
	CodeInvalidParamTagValue                      Code = "InvalidParam.TagValue"
	CodeMissingParamTagKey                        Code = "MissingParam.TagKey"
	CodeMissingParamResourceId                    Code = "MissingParam.ResourceId"
	CodeMissingParamTagOrResourceId               Code = "MissingParam.TagOrResourceId"
	CodeSizeLimitExceededTag                      Code = "SizeLimitExceeded.Tag"
	CodeSizeLimitExceededTagKey                   Code = "SizeLimitExceeded.TagKey"
	CodeSizeLimitExceededResourceId               Code = "SizeLimitExceeded.ResourceId"
	CodeDuplicateTagKey                           Code = "Duplicate.TagKey"
	CodeInvalidParamResourceType                  Code = "InvalidParam.ResourceType"
	CodeResourceNotExist                          Code = "ResourceNotExist"
	CodeQuotaLimitExceeds                         Code = "QuotaLimitExceeds"
	CodeInvalidParamNextToken                     Code = "InvalidParam.NextToken"
	CodeAclNotExist                               Code = "AclNotExist"
)

// entryIndex names an entry of the catalogue.
type entryIndex int

const (
	entMissingParameter entryIndex = iota
	entInvalidParameterValue
	entInvalidAction
	entInvalidVersion
	entInvalidTimeStampFormat
	entInvalidTimeStampExpired
	entSignatureNonceUsed
	entInvalidAccessKeyId
	entSignatureDoesNotMatch
	entSignatureDoesNotMatchV3
	entIncompleteSignature
	entInvalidSignatureMethod
	entMissingSecurityToken
	entInvalidSecurityToken
	entInvalidRegionId
	entBackendServerConfiguring
	entServiceIsConfiguring
	entOperationBusy
	entSystemBusy
	entThrottlingUser
	entServiceUnavailable
	entInternalError
	entLoadBalancerNotFound
	entActionNotAllowedLocked
	entBackendServersInvalid
	entTooManyBackendServers
	entInvalidParameterLength
	entObtainIpFail
	entNetworkTypeUnsupported
	entBackendServersInconsistent
	entBackendServerQuota
	entInstanceNotFound
	entIncorrectInstanceStatus
	entVpcNotFound
	entVSwitchNotFound
	entNetworkInterfaceNotFound
	entIncorrectNetworkInterfaceStatus
	entInvalidEcsState
	entEcsIdNotFound
	entEniZoneMismatch
	entEniVpcMismatch
	entEniIpInvalid
	entIpAddressUsed
	entPrivateIpMalformed
	entPrivateIpNotInVSwitch
	entVSwitchIpExhausted
	entZoneNotFound
	entInvalidZoneIdMismatch
	entInvalidAmount
	entInvalidInstanceName
	entInvalidCidrBlock
	entCidrBlockMaskLength
	entCidrBlockNotInVpc
	entCidrBlockOverlapped
	entVpcCidrBlockInvalid
	entInvalidVpcName
	entInvalidVpcDescription
	entInvalidVSwitchName
	entInvalidVSwitchDescription
	entVSwitchQuotaExceeded
	entDryRunOperation
	entIdempotentParameterMismatch
	entVServerGroupNotFound
	entInvalidPort
	entTooManyGroupBackendServers
	entRspoolVipExist
	entListenerNotFound
	entListenerAlreadyExists
	entTooManyListeners
	entListenerNotAllowed
	entListenerConfiguring
	entServiceIsStopping
	entCheckedListenerNotFound
	entDeleteProtectionIsOn
	entIllegalInstanceChargeType
	entIllegalInternetChargeType
	entInternetChargeTypeNotAllowed
	entAlreadyPayByCLCU
	entLcuToSpecForbidden
	entInvalidModificationProtectionStatus
	entInvalidModificationProtectionReason
	entInvalidTagKey
	entInvalidTagValue
	entMissingTagKey
	entMissingResourceId
	entMissingTagOrResourceId
	entTagSizeLimitExceeded
	entTagKeySizeLimitExceeded
	entResourceIdSizeLimitExceeded
	entDuplicateTagKey
	entInvalidResourceType
	entResourceNotExist
	entTagQuotaExceeded
	entInvalidNextToken
	entIPv6NotModelled
	entAclNotExist
	entryCount // not an entry: the size of the table
)

// catalogue is the table. It is written only here, at compile time, and read
// everywhere else: Catalogue hands out copies.
var catalogue = [entryCount]Entry{
	entMissingParameter: {Name: "MissingParameter", HTTPStatus: http.StatusBadRequest, Code: CodeMissingParameter, Source: "INF",
		Message: `The input parameter "{Name}" that is mandatory for processing this request is not supplied.`,
		When:    "a required parameter is absent or empty (message names it)"},
	entInvalidParameterValue: {Name: "InvalidParameterValue", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParameter, Source: "INF",
		Message: `The specified parameter "{Name}" is not valid.`,
		When:    "a parameter value is malformed or out of range (message names it)"},
	entInvalidAction: {Name: "InvalidAction", HTTPStatus: http.StatusNotFound, Code: CodeInvalidActionNotFound, Source: "DOC",
		Message: "Specified api is not found, please check your url and method",
		When:    "wire: Action unknown to the product of Version"},
	entInvalidVersion: {Name: "InvalidVersion", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidVersion, Source: "DOC",
		Message: "Specified parameter Version is not valid.",
		When:    "wire: Version is none of Slb 2014-05-15, Ecs 2014-05-26, Vpc 2016-04-28"},
	entInvalidTimeStampFormat: {Name: "InvalidTimeStampFormat", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidTimeStampFormat, Source: "INF",
		Message: "Specified time stamp or date value is not well formatted.",
		When:    "wire: Timestamp is not ISO 8601 UTC"},
	entInvalidTimeStampExpired: {Name: "InvalidTimeStampExpired", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidTimeStampExpired, Source: "DOC",
		Message: "Specified time stamp or date value is expired.",
		When:    "wire: Timestamp more than 15 minutes from the fake's clock"},
	entSignatureNonceUsed: {Name: "SignatureNonceUsed", HTTPStatus: http.StatusBadRequest, Code: CodeSignatureNonceUsed, Source: "DOC",
		Message: "Specified signature nonce was used already.",
		When:    "wire: SignatureNonce reused within 15 minutes"},
	entInvalidAccessKeyId: {Name: "InvalidAccessKeyId", HTTPStatus: http.StatusNotFound, Code: CodeInvalidAccessKeyIdNotFound, Source: "INF",
		Message: "Specified access key is not found.",
		When:    "wire: AccessKeyId unknown"},
	entSignatureDoesNotMatch: {Name: "SignatureDoesNotMatch", HTTPStatus: http.StatusBadRequest, Code: CodeSignatureDoesNotMatch, Source: "CODE",
		Message: "Specified signature is not matched with our calculation. server string to sign is:{StringToSign}",
		When:    "wire, Signature V1: Signature is not HMAC-SHA1 of the string to sign with the key's secret"},
	entSignatureDoesNotMatchV3: {Name: "SignatureDoesNotMatchV3", HTTPStatus: http.StatusBadRequest, Code: CodeSignatureDoesNotMatch, Source: "DOC/INF",
		Message: "Specified signature does not match our calculation. server string to sign is:{StringToSign}",
		When:    "wire, Signature V3: the signature is not HMAC-SHA256 of the string to sign with the key's secret, or x-acs-content-sha256 is not the body's hash (the string to sign appended is INF)"},
	entIncompleteSignature: {Name: "IncompleteSignature", HTTPStatus: http.StatusBadRequest, Code: CodeIncompleteSignature, Source: "DOC/INF",
		Message: "The request signature does not conform to Aliyun standards.",
		When:    "wire, Signature V3: Authorization ill-formed, or SignedHeaders leaves out host, content-type (when sent) or an x-acs-* header sent"},
	entInvalidSignatureMethod: {Name: "InvalidSignatureMethod", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidSignatureMethod, Source: "DOC/INF",
		Message: "Specified signature method is not valid.",
		When:    "wire, Signature V3: an ACS3 algorithm other than ACS3-HMAC-SHA256 (SM3 and RSA are not modelled)"},
	entMissingSecurityToken: {Name: "MissingSecurityToken", HTTPStatus: http.StatusBadRequest, Code: CodeMissingSecurityToken, Source: "DOC/INF",
		Message: "SecurityToken is mandatory for this action.",
		When:    "wire: an STS credential (AccessKey.SecurityToken) signed a request without SecurityToken (V1) or x-acs-security-token (V3)"},
	entInvalidSecurityToken: {Name: "InvalidSecurityToken", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidSecurityTokenMismatchWithAccessKey, Source: "DOC",
		Message: "Specified SecurityToken mismatch with the AccessKey.",
		When:    "wire: an STS credential signed a request with another security token"},
	entInvalidRegionId: {Name: "InvalidRegionId", HTTPStatus: http.StatusNotFound, Code: CodeInvalidRegionIdNotFound, Source: "DOC",
		Message: "The specified RegionId does not exist.",
		When:    "unknown RegionId"},
	entBackendServerConfiguring: {Name: "BackendServerConfiguring", HTTPStatus: http.StatusConflict, Code: CodeBackendServerConfiguring, Source: "DOC",
		Message: "A previous configuration of the load balancer is pending; please try again later.",
		When:    "a backend change of an LB inside its configuring window (WithConfiguringWindow); fault rules"},
	entServiceIsConfiguring: {Name: "ServiceIsConfiguring", HTTPStatus: http.StatusBadRequest, Code: CodeServiceIsConfiguring, Source: "DOC",
		Message: "A previous configuration is pending; please try again later.",
		When:    "SetLoadBalancerStatus, DeleteLoadBalancer or a listener change (Create*Listener, Start, Stop, Delete, Set*ListenerAttribute) inside the LB's configuring window; fault rules"},
	entOperationBusy: {Name: "OperationBusy", HTTPStatus: http.StatusBadRequest, Code: CodeOperationBusy, Source: "DOC",
		Message: "A previous operation is pending.",
		When:    "fault rules only"},
	entSystemBusy: {Name: "SystemBusy", HTTPStatus: http.StatusBadRequest, Code: CodeSystemBusy, Source: "DOC",
		Message: "The system is busy.",
		When:    "fault rules only (ERRLIST gives 449, DOC-EN 400; the fake uses 400)"},
	entThrottlingUser: {Name: "ThrottlingUser", HTTPStatus: http.StatusBadRequest, Code: CodeThrottlingUser, Source: "DOC/INF",
		Message: "Request was denied due to user flow control.",
		When:    "fault rules only: a throttling rule's token bucket is empty"},
	entServiceUnavailable: {Name: "ServiceUnavailable", HTTPStatus: http.StatusServiceUnavailable, Code: CodeServiceUnavailable, Source: "DOC",
		Message: "The request has failed due to a temporary failure of the server.",
		When:    "fault rules; a wire request whose context has ended when its call runs, or ends inside injected latency (a Client call gets the context's error instead; one cut short in latency is recorded as ServiceUnavailable)"},
	entInternalError: {Name: "InternalError", HTTPStatus: http.StatusInternalServerError, Code: CodeInternalError, Source: "DOC",
		Message: "The request processing has failed due to backend service exception.",
		When:    "fault rules only (the default error of a failure after commit)"},
	entLoadBalancerNotFound: {Name: "LoadBalancerNotFound", HTTPStatus: http.StatusNotFound, Code: CodeInvalidLoadBalancerIdNotFound, Source: "DOC",
		Message: "The specified LoadBalancerId does not exist.",
		When:    "LB unknown, deleted, in another region or another account"},
	entActionNotAllowedLocked: {Name: "ActionNotAllowedLocked", HTTPStatus: http.StatusBadRequest, Code: CodeActionNotAllowed, Source: "DOC/INF",
		Message: "Locked for any Business Reason.",
		When:    "a backend change, status change, listener change or delete of a locked LB"},
	entBackendServersInvalid: {Name: "BackendServersInvalid", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParameter, Source: "DOC",
		Message: "The specified BackendServers is invalid.",
		When:    "unparsable BackendServers, bad element, already attached, ENI rules, SetBackendServers on an unattached server"},
	entTooManyBackendServers: {Name: "TooManyBackendServers", HTTPStatus: http.StatusBadRequest, Code: CodeTooManyBackendServers, Source: "DOC",
		Message: "The total number of input real servers exceeds max supported number: 20",
		When:    "more than 20 BackendServers elements"},
	entInvalidParameterLength: {Name: "InvalidParameterLength", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParameterLength, Source: "DOC/INF",
		Message: "The specified parameter length is not valid.",
		When:    "Description longer than 80 characters"},
	entObtainIpFail: {Name: "ObtainIpFail", HTTPStatus: http.StatusBadRequest, Code: CodeObtainIpFail, Source: "DOC",
		Message: "The specified BackendServers is invalid; some of the specified backend servers do not exist or are not running.",
		When:    "backend server unknown or not Running"},
	entNetworkTypeUnsupported: {Name: "NetworkTypeUnsupported", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParameter, Source: "DOC",
		Message: "The specified load balancer does not support the network type of the ECS instance.",
		When:    "network-type matrix refuses the server"},
	entBackendServersInconsistent: {Name: "BackendServersInconsistent", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidBackendServersInconsistent, Source: "DOC",
		Message: "All BackendServers on one Specified LoadBalancer have to be in the same vpc or all classic",
		When:    "classic and VPC backends, or two VPCs, on one LB"},
	entBackendServerQuota: {Name: "BackendServerQuota", HTTPStatus: http.StatusBadRequest, Code: CodeInstanceBackendServerNumberOverLimit, Source: "CODE/INF",
		Message: "The backend server number has reached to the quota limit of this load balancer.",
		When:    "the LB would exceed its backend quota (200 by default)"},
	entInstanceNotFound: {Name: "InstanceNotFound", HTTPStatus: http.StatusNotFound, Code: CodeInvalidInstanceIdNotFound, Source: "DOC",
		Message: "The specified InstanceId does not exist.",
		When:    "Start/Stop/DeleteInstance: instance unknown"},
	entIncorrectInstanceStatus: {Name: "IncorrectInstanceStatus", HTTPStatus: http.StatusForbidden, Code: CodeIncorrectInstanceStatus, Source: "DOC",
		Message: "The current status of the resource does not support this operation.",
		When:    "Start/Stop/DeleteInstance from a status model.NextStatus refuses"},
	entVpcNotFound: {Name: "VpcNotFound", HTTPStatus: http.StatusNotFound, Code: CodeInvalidVpcIdNotFound, Source: "DOC",
		Message: "Specified VPC does not exist.",
		When:    "unknown VpcId (CreateVSwitch)"},
	entVSwitchNotFound: {Name: "VSwitchNotFound", HTTPStatus: http.StatusNotFound, Code: CodeInvalidVSwitchIdNotFound, Source: "DOC",
		Message: "Specified virtual switch does not exist.",
		When:    "unknown VSwitchId (RunInstances, CreateInstance, CreateNetworkInterface, CreateLoadBalancer)"},
	entNetworkInterfaceNotFound: {Name: "NetworkInterfaceNotFound", HTTPStatus: http.StatusNotFound, Code: CodeInvalidEniIdNotFound, Source: "DOC",
		Message: "The specified EniId is not found.",
		When:    "unknown NetworkInterfaceId"},
	entIncorrectNetworkInterfaceStatus: {Name: "IncorrectNetworkInterfaceStatus", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidOperationInvalidEniState, Source: "DOC",
		Message: `The operation is not allowed in the current ENI state. Expecting status is "{Expecting}" while current status is "{Current}".`,
		When:    "attach or delete an ENI that is not Available, detach one that is not InUse on that instance"},
	entInvalidEcsState: {Name: "InvalidEcsState", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidOperationInvalidEcsState, Source: "DOC",
		Message: `The operation is not allowed in the current ECS state. Expecting status is "{Expecting}" while current status is "{Current}".`,
		When:    "attach or detach an ENI while the instance is neither Running nor Stopped"},
	entEcsIdNotFound: {Name: "EcsIdNotFound", HTTPStatus: http.StatusNotFound, Code: CodeInvalidEcsIdNotFound, Source: "DOC",
		Message: "The specified EcsId is not found.",
		When:    "Attach/DetachNetworkInterface: instance unknown"},
	entEniZoneMismatch: {Name: "EniZoneMismatch", HTTPStatus: http.StatusForbidden, Code: CodeInvalidOperationAvailabilityZoneMismatch, Source: "DOC",
		Message: "The VPC VSwitch of the specified ENI and ECS instance are not in the same availability zone.",
		When:    "AttachNetworkInterface: ENI and instance in different zones"},
	entEniVpcMismatch: {Name: "EniVpcMismatch", HTTPStatus: http.StatusForbidden, Code: CodeInvalidOperationVpcMismatch, Source: "DOC/INF",
		Message: "The specified ENI and ECS instance are not in the same VPC.",
		When:    "AttachNetworkInterface: ENI and instance in different VPCs, or a classic instance"},
	entEniIpInvalid: {Name: "EniIpInvalid", HTTPStatus: http.StatusForbidden, Code: CodeInvalidVSwitchIdIpInvalid, Source: "DOC/INF",
		Message: "The specified IpAddress is not valid in VSwitch CIDR block.",
		When:    "CreateNetworkInterface: PrimaryIpAddress malformed or outside the vSwitch"},
	entIpAddressUsed: {Name: "IpAddressUsed", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidPrivateIpAddressDuplicated, Source: "DOC",
		Message: "Specified private IP address is duplicated.",
		When:    "PrivateIpAddress, PrimaryIpAddress or CreateLoadBalancer's Address already in use in the vSwitch (for an LB: code INF)"},
	entPrivateIpMalformed: {Name: "PrivateIpMalformed", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidPrivateIpAddressMalformed, Source: "DOC",
		Message: "Specified private IP address is malformed.",
		When:    "RunInstances/CreateInstance: PrivateIpAddress, CreateLoadBalancer: Address (code INF), is not an IPv4 address"},
	entPrivateIpNotInVSwitch: {Name: "PrivateIpNotInVSwitch", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidPrivateIpAddress, Source: "DOC",
		Message: "Specified private IP address is not in the CIDR block of virtual switch.",
		When:    "RunInstances/CreateInstance: PrivateIpAddress, CreateLoadBalancer: Address (code INF), outside the vSwitch's CIDR block or one of its reserved addresses"},
	entVSwitchIpExhausted: {Name: "VSwitchIpExhausted", HTTPStatus: http.StatusBadRequest, Code: CodeQuotaExceededPrivateIpAddress, Source: "DOC",
		Message: "Don't have enough private IPs in this switch",
		When:    "the vSwitch has no free private address left"},
	entZoneNotFound: {Name: "ZoneNotFound", HTTPStatus: http.StatusNotFound, Code: CodeInvalidZoneIdNotFound, Source: "DOC",
		Message: "The specified zoneId does not exist.",
		When:    "ZoneId not in the region"},
	entInvalidZoneIdMismatch: {Name: "InvalidZoneIdMismatch", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParameterMismatch, Source: "DOC",
		Message: "Specified virtual switch is not in the specified zone.",
		When:    "RunInstances/CreateInstance: ZoneId differs from the vSwitch's zone"},
	entInvalidAmount: {Name: "InvalidAmount", HTTPStatus: http.StatusForbidden, Code: CodeInvalidAmountMalformed, Source: "DOC",
		Message: "The specified parameter Amount is not valid.",
		When:    "RunInstances: Amount outside 1..100"},
	entInvalidInstanceName: {Name: "InvalidInstanceName", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidInstanceNameMalformed, Source: "DOC",
		Message: `The specified parameter "InstanceName" is not valid.`,
		When:    "InstanceName not 2..128 characters starting with a letter, or starting with http(s)://"},
	entInvalidCidrBlock: {Name: "InvalidCidrBlock", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidCidrBlockMalformed, Source: "DOC",
		Message: "Specified CIDR block is not valid.",
		When:    "CreateVSwitch: CidrBlock does not parse as an IPv4 CIDR block"},
	entCidrBlockMaskLength: {Name: "CidrBlockMaskLength", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidCirdrBlockMaskLength, Source: "DOC",
		Message: "Specified CIDR block is not valid .",
		When:    "CreateVSwitch: CidrBlock mask not /16../29"},
	entCidrBlockNotInVpc: {Name: "CidrBlockNotInVpc", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParameter, Source: "DOC",
		Message: "Specified CIDR block is not valid in VPC.",
		When:    "CreateVSwitch: CidrBlock outside the VPC's"},
	entCidrBlockOverlapped: {Name: "CidrBlockOverlapped", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidCidrBlockOverlapped, Source: "DOC",
		Message: "Specified CIDR block overlapped with other subnets.",
		When:    "CreateVSwitch: CidrBlock overlaps another vSwitch of the VPC"},
	entVpcCidrBlockInvalid: {Name: "VpcCidrBlockInvalid", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParameter, Source: "DOC",
		Message: "Specified CIDR block is not valid",
		When:    "CreateVpc: CidrBlock malformed, not a private block, or mask not /8../28"},
	entInvalidVpcName: {Name: "InvalidVpcName", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidVpcNameMalformed, Source: "DOC",
		Message: "Specified VPC name is not valid.",
		When:    "VpcName longer than 128 characters or starting with http(s)://"},
	entInvalidVpcDescription: {Name: "InvalidVpcDescription", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidVpcDiscriptionMalformed, Source: "DOC",
		Message: "Specified VPC description is not valid.",
		When:    "VPC Description longer than 256 characters or starting with http(s)://"},
	entInvalidVSwitchName: {Name: "InvalidVSwitchName", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidVSwitchNameMalformed, Source: "DOC",
		Message: "Specified virtual switch name is not valid.",
		When:    "VSwitchName longer than 128 characters or starting with http(s)://"},
	entInvalidVSwitchDescription: {Name: "InvalidVSwitchDescription", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidVSwitchDiscriptionMalformed, Source: "DOC",
		Message: "Specified virtual switch description is not valid.",
		When:    "vSwitch Description longer than 256 characters or starting with http(s)://"},
	entVSwitchQuotaExceeded: {Name: "VSwitchQuotaExceeded", HTTPStatus: http.StatusBadRequest, Code: CodeQuotaExceededVSwitch, Source: "DOC",
		Message: "Virtual switch quota exceeded.",
		When:    "CreateVSwitch: the VPC already has 150 vSwitches"},
	entDryRunOperation: {Name: "DryRunOperation", HTTPStatus: http.StatusBadRequest, Code: CodeDryRunOperation, Source: "DOC",
		Message: "Request validation has been passed with DryRun flag set.",
		When:    "DryRun=true on RunInstances, CreateInstance, StartInstance, StopInstance, DeleteInstance or CreateVpc that would succeed: nothing is changed"},
	entIdempotentParameterMismatch: {Name: "IdempotentParameterMismatch", HTTPStatus: http.StatusBadRequest, Code: CodeIdempotentParameterMismatch, Source: "DOC/INF",
		Message: "Request uses a client token in a previous request but is not identical to that request.",
		When:    "a ClientToken the account already used on that action, with other parameters (CreateLoadBalancer, RunInstances, CreateInstance, CreateNetworkInterface, CreateVpc, CreateVSwitch)"},
	entVServerGroupNotFound: {Name: "VServerGroupNotFound", HTTPStatus: http.StatusNotFound, Code: CodeInvalidParameter, Source: "DOC",
		Message: "The specified VServerGroupId does not exist.",
		When:    "a vServer group call on a group unknown, deleted, in another region or another account; a listener naming such a group, or a group of another LB (INF for the last)"},
	entInvalidPort: {Name: "InvalidPort", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParameter, Source: "DOC/INF",
		Message: "Port value should be in [1, 65535]",
		When:    "a vServer group BackendServers element without a Port, or with one that is not an integer 1..65535"},
	entTooManyGroupBackendServers: {Name: "TooManyGroupBackendServers", HTTPStatus: http.StatusBadRequest, Code: CodeTooManyBackendServers, Source: "DOC/INF",
		Message: "The backend server parameter has too many entries.",
		When:    "more than 40 elements in a vServer group call's BackendServers, OldBackendServers or NewBackendServers"},
	entRspoolVipExist: {Name: "RspoolVipExist", HTTPStatus: http.StatusBadRequest, Code: CodeRspoolVipExist, Source: "DOC",
		Message: "there are vips associating with this vServer group.",
		When:    "DeleteVServerGroup of a group a listener forwards to"},
	entListenerNotFound: {Name: "ListenerNotFound", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParameter, Source: "CODE/INF",
		Message: "The specified resource does not exist.",
		When:    "no listener of the LB has the port (and protocol) a listener call names; Describe<Protocol>ListenerAttribute of a port whose listener has another protocol"},
	entListenerAlreadyExists: {Name: "ListenerAlreadyExists", HTTPStatus: http.StatusBadRequest, Code: CodeListenerAlreadyExists, Source: "CODE/INF",
		Message: "The specified listener port is already in use.",
		When:    "Create*Listener on a port the LB already listens on in the same port space (TCP, HTTP and HTTPS share one; UDP has its own)"},
	entTooManyListeners: {Name: "TooManyListeners", HTTPStatus: http.StatusBadRequest, Code: CodeTooManyListeners, Source: "DOC",
		Message: "More than 1 listener is found, please be more specified.",
		When:    "Start, Stop or DeleteLoadBalancerListener, or DescribeHealthStatus, without ListenerProtocol on a port that a TCP and a UDP listener share"},
	entListenerNotAllowed: {Name: "ListenerNotAllowed", HTTPStatus: http.StatusBadRequest, Code: CodeOperationNotAllowed, Source: "DOC/INF",
		Message: "The specified listener is not allowed to operate.",
		When:    "StartLoadBalancerListener of a listener that is running (only a stopped listener can be started)"},
	entListenerConfiguring: {Name: "ListenerConfiguring", HTTPStatus: http.StatusBadRequest, Code: CodeOperationDeny, Source: "DOC/INF",
		Message: "The specified listener is configuring, please try again later.",
		When:    "a change (Start, Stop, Set*ListenerAttribute, Delete) of a listener that is starting (WithLifecycle ListenerStarting)"},
	entServiceIsStopping: {Name: "ServiceIsStopping", HTTPStatus: http.StatusConflict, Code: CodeServiceIsStopping, Source: "DOC",
		Message: "The specified Listener is stopping, please retry later.",
		When:    "a change (Start, Stop, Set*ListenerAttribute, Delete) of a listener that is stopping (WithLifecycle ListenerStopping); fault rules"},
	entCheckedListenerNotFound: {Name: "CheckedListenerNotFound", HTTPStatus: http.StatusNotFound, Code: CodeCheckedListenerNotFound, Source: "DOC",
		Message: "No health-checked Listener to the specified port of the Load Balancer.",
		When:    "DescribeHealthStatus with a ListenerPort (and ListenerProtocol) that no listener of the LB has"},
	entDeleteProtectionIsOn: {Name: "DeleteProtectionIsOn", HTTPStatus: http.StatusBadRequest, Code: CodeOperationDeniedDeleteProtectionIsOn, Source: "DOC",
		Message: "The loadbalancer can not be deleted due to DeleteProtection is enabled.",
		When:    "DeleteLoadBalancer of an LB whose DeleteProtection is on"},
	entIllegalInstanceChargeType: {Name: "IllegalInstanceChargeType", HTTPStatus: http.StatusBadRequest, Code: CodeIllegalParamInstanceChargeType, Source: "DOC",
		Message: "The parameter InstanceChargeType is illegal.",
		When:    "CreateLoadBalancer: InstanceChargeType neither PayBySpec nor PayByCLCU; ModifyLoadBalancerInstanceChargeType: InstanceChargeType neither PayByCLCU nor PayBySpec"},
	entIllegalInternetChargeType: {Name: "IllegalInternetChargeType", HTTPStatus: http.StatusBadRequest, Code: CodeIllegalParamInternetChargeType, Source: "DOC",
		Message: "The parameter InternetChargeType is illegal.",
		When:    "ModifyLoadBalancerInstanceChargeType: InternetChargeType given and not paybytraffic"},
	entInternetChargeTypeNotAllowed: {Name: "InternetChargeTypeNotAllowed", HTTPStatus: http.StatusBadRequest, Code: CodeInstanceInternetChargeTypeNotAllowed, Source: "DOC/INF",
		Message: "Illegal parameter. The specified InternetChargeType not allowed.",
		When:    "CreateLoadBalancer: InstanceChargeType PayByCLCU with InternetChargeType paybybandwidth (a PayByCLCU LB is billed by traffic; the case is INF)"},
	entAlreadyPayByCLCU: {Name: "AlreadyPayByCLCU", HTTPStatus: http.StatusBadRequest, Code: CodeOperationDeniedPayByCLCU, Source: "DOC/INF",
		Message: "The operation is not allowed because the instanceChargeType of loadbalancer is PayByCLCU.",
		When:    "ModifyLoadBalancerInstanceChargeType of an LB that is already PayByCLCU (the case is INF)"},
	entLcuToSpecForbidden: {Name: "LcuToSpecForbidden", HTTPStatus: http.StatusBadRequest, Code: CodeForbiddenLcuToSpec, Source: "DOC",
		Message: "User does not have permission modify InstanceChargeType to spec.",
		When:    "ModifyLoadBalancerInstanceChargeType to PayBySpec (only PayBySpec to PayByCLCU is supported)"},
	entInvalidModificationProtectionStatus: {Name: "InvalidModificationProtectionStatus", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParamModificationProtectionStatus, Source: "DOC",
		Message: "The param ModificationProtectionStatus is invalid.",
		When:    "ModificationProtectionStatus neither NonProtection nor ConsoleProtection (CreateLoadBalancer, SetLoadBalancerModificationProtection)"},
	entInvalidModificationProtectionReason: {Name: "InvalidModificationProtectionReason", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParamModificationProtectionReason, Source: "DOC",
		Message: "The param ModificationProtectionReason is invalid.",
		When:    "with ConsoleProtection: a ModificationProtectionReason longer than 80 characters, not starting with a letter, or with a character other than letters, digits, '.', '_', '-' and space"},
	entInvalidTagKey: {Name: "InvalidTagKey", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParamTagKey, Source: "DOC",
		Message: "The specified TagKey is invalid.",
		When:    "a tag key longer than 64 characters, starting with aliyun or acs:, or containing http:// or https://; an empty TagKey.N of UntagResources; a Tag.N.Value without its key in ListTagResources"},
	entInvalidTagValue: {Name: "InvalidTagValue", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParamTagValue, Source: "DOC",
		Message: "The specified TagValue is invalid.",
		When:    "a tag value longer than 128 characters, starting with aliyun or acs:, or containing http:// or https://"},
	entMissingTagKey: {Name: "MissingTagKey", HTTPStatus: http.StatusBadRequest, Code: CodeMissingParamTagKey, Source: "DOC",
		Message: "The parameter TagKey is required.",
		When:    "a Tag.N with an empty Key (CreateLoadBalancer, TagResources); TagResources without any Tag.N"},
	entMissingResourceId: {Name: "MissingResourceId", HTTPStatus: http.StatusBadRequest, Code: CodeMissingParamResourceId, Source: "DOC",
		Message: "The parameter ResourceId is required.",
		When:    "TagResources or UntagResources without ResourceId.N"},
	entMissingTagOrResourceId: {Name: "MissingTagOrResourceId", HTTPStatus: http.StatusBadRequest, Code: CodeMissingParamTagOrResourceId, Source: "DOC",
		Message: "The parameter Tag or ResourceId is required at least one.",
		When:    "ListTagResources with neither ResourceId.N nor Tag.N"},
	entTagSizeLimitExceeded: {Name: "TagSizeLimitExceeded", HTTPStatus: http.StatusBadRequest, Code: CodeSizeLimitExceededTag, Source: "DOC",
		Message: "The maximum size of Tag is exceeded.",
		When:    "more than 20 Tag.N (CreateLoadBalancer, DescribeLoadBalancers, TagResources, ListTagResources)"},
	entTagKeySizeLimitExceeded: {Name: "TagKeySizeLimitExceeded", HTTPStatus: http.StatusBadRequest, Code: CodeSizeLimitExceededTagKey, Source: "DOC",
		Message: "The maximum size of TagKey is exceeded.",
		When:    "UntagResources with more than 20 TagKey.N"},
	entResourceIdSizeLimitExceeded: {Name: "ResourceIdSizeLimitExceeded", HTTPStatus: http.StatusBadRequest, Code: CodeSizeLimitExceededResourceId, Source: "DOC",
		Message: "The maximum size of ResourceId is exceeded.",
		When:    "more than 20 ResourceId.N (TagResources, UntagResources, ListTagResources)"},
	entDuplicateTagKey: {Name: "DuplicateTagKey", HTTPStatus: http.StatusBadRequest, Code: CodeDuplicateTagKey, Source: "DOC",
		Message: "The param TagKey has duplicate value.",
		When:    "one tag key twice in Tag.N (TagResources; CreateLoadBalancer, INF) or TagKey.N (UntagResources)"},
	entInvalidResourceType: {Name: "InvalidResourceType", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParamResourceType, Source: "DOC",
		Message: "The specified ResourceType is invalid.",
		When:    "ResourceType none of instance, certificate, acl, listener, vservergroup, masterslaveservergroup"},
	entResourceNotExist: {Name: "ResourceNotExist", HTTPStatus: http.StatusBadRequest, Code: CodeResourceNotExist, Source: "DOC/INF",
		Message: "The specified resource {ResourceId} does not exist.",
		When:    "TagResources or UntagResources: a ResourceId.N that is not a resource of ResourceType for the caller in the region (the documented message is a bare %s: the wording is INF)"},
	entTagQuotaExceeded: {Name: "TagQuotaExceeded", HTTPStatus: http.StatusBadRequest, Code: CodeQuotaLimitExceeds, Source: "DOC/INF",
		Message: "The maximum number of tags for each resource is exceeded.",
		When:    "TagResources that would leave a resource with more than 20 tags (the message is AddTags' QuotaExceed.TagsPerResource one: INF)"},
	entInvalidNextToken: {Name: "InvalidNextToken", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParamNextToken, Source: "DOC",
		Message: "The specified NextToken is invalid.",
		When:    "ListTagResources: a NextToken the fake did not hand out"},
	entIPv6NotModelled: {Name: "IPv6NotModelled", HTTPStatus: http.StatusBadRequest, Code: CodeInvalidParameter, Source: "INF",
		Message: `The specified parameter "AddressIPVersion" is not valid: slbfake does not model IPv6 load balancers.`,
		When:    "CreateLoadBalancer: AddressIPVersion ipv6 (the fake has no IPv6 addresses; it refuses rather than create an IPv4 LB)"},
	entAclNotExist: {Name: "AclNotExist", HTTPStatus: http.StatusBadRequest, Code: CodeAclNotExist, Source: "CODE/INF",
		Message: "The specified acl does not exist.",
		When:    "a listener create or Set naming an AclId: ACLs are not modelled, so none exists"},
}

// ErrMissingParameter is the gateway's answer to an absent required parameter.
func ErrMissingParameter(name string) *Error { return entMissingParameter.new(name) }

// ErrInvalidParameterValue reports a malformed or out-of-range parameter.
func ErrInvalidParameterValue(name string) *Error { return entInvalidParameterValue.new(name) }

// ErrInvalidAction reports an Action the product does not have.
func ErrInvalidAction() *Error { return entInvalidAction.new() }

// ErrInvalidVersion reports an unknown Version.
func ErrInvalidVersion() *Error { return entInvalidVersion.new() }

// ErrInvalidTimeStampFormat reports a Timestamp that is not ISO 8601 UTC.
func ErrInvalidTimeStampFormat() *Error { return entInvalidTimeStampFormat.new() }

// ErrInvalidTimeStampExpired reports a Timestamp more than 15 minutes from
// the fake's clock.
func ErrInvalidTimeStampExpired() *Error { return entInvalidTimeStampExpired.new() }

// ErrSignatureNonceUsed reports a SignatureNonce seen in the last 15 minutes.
func ErrSignatureNonceUsed() *Error { return entSignatureNonceUsed.new() }

// ErrInvalidAccessKeyId reports an unknown AccessKeyId.
func ErrInvalidAccessKeyId() *Error { return entInvalidAccessKeyId.new() }

// ErrSignatureDoesNotMatch reports a wrong signature. The message ends with
// the server's string to sign, right after the colon, as the Go SDK expects:
// it compares that text with its own to tell a wrong secret from a bug.
func ErrSignatureDoesNotMatch(stringToSign string) *Error {
	return entSignatureDoesNotMatch.new(stringToSign)
}

// ErrSignatureDoesNotMatchV3 reports a wrong Signature V3 (or a body whose
// hash is not the x-acs-content-sha256 signed). The message ends with the
// server's string to sign.
func ErrSignatureDoesNotMatchV3(stringToSign string) *Error {
	return entSignatureDoesNotMatchV3.new(stringToSign)
}

// ErrIncompleteSignature reports a Signature V3 Authorization header that is
// ill-formed or that leaves a header out of SignedHeaders.
func ErrIncompleteSignature() *Error { return entIncompleteSignature.new() }

// ErrInvalidSignatureMethod reports a signature algorithm the fake does not
// verify.
func ErrInvalidSignatureMethod() *Error { return entInvalidSignatureMethod.new() }

// ErrMissingSecurityToken reports an STS credential used without its
// security token.
func ErrMissingSecurityToken() *Error { return entMissingSecurityToken.new() }

// ErrInvalidSecurityToken reports an STS credential used with another
// security token.
func ErrInvalidSecurityToken() *Error { return entInvalidSecurityToken.new() }

// ErrInvalidRegionId reports an unknown RegionId.
func ErrInvalidRegionId() *Error { return entInvalidRegionId.new() }

// ErrBackendServerConfiguring refuses a backend change while the LB is still
// applying the previous one (409).
func ErrBackendServerConfiguring() *Error { return entBackendServerConfiguring.new() }

// ErrServiceIsConfiguring refuses an LB change while a configuration is pending.
func ErrServiceIsConfiguring() *Error { return entServiceIsConfiguring.new() }

// ErrOperationBusy reports a pending operation.
func ErrOperationBusy() *Error { return entOperationBusy.new() }

// ErrSystemBusy reports a busy system.
func ErrSystemBusy() *Error { return entSystemBusy.new() }

// ErrThrottlingUser reports a call over the account's rate for the action.
func ErrThrottlingUser() *Error { return entThrottlingUser.new() }

// ErrServiceUnavailable is the temporary server failure clients retry on.
func ErrServiceUnavailable() *Error { return entServiceUnavailable.new() }

// ErrInternalError is the server-side failure.
func ErrInternalError() *Error { return entInternalError.new() }

// ErrLoadBalancerNotFound reports an LB that does not exist for the caller.
func ErrLoadBalancerNotFound() *Error { return entLoadBalancerNotFound.new() }

// ErrActionNotAllowedLocked reports a change to a locked LB.
func ErrActionNotAllowedLocked() *Error { return entActionNotAllowedLocked.new() }

// ErrBackendServersInvalid is InvalidParameter for a BackendServers value or
// element the service refuses.
func ErrBackendServersInvalid() *Error { return entBackendServersInvalid.new() }

// ErrTooManyBackendServers reports more than MaxBackendServersPerCall elements.
func ErrTooManyBackendServers() *Error { return entTooManyBackendServers.new() }

// ErrInvalidParameterLength reports a Description that is too long.
func ErrInvalidParameterLength() *Error { return entInvalidParameterLength.new() }

// ErrObtainIpFail reports a backend server that is unknown or not Running.
func ErrObtainIpFail() *Error { return entObtainIpFail.new() }

// ErrNetworkTypeUnsupported reports a network-type mismatch (the error of the AddBackendServers reference page's example).
func ErrNetworkTypeUnsupported() *Error { return entNetworkTypeUnsupported.new() }

// ErrBackendServersInconsistent reports classic and VPC backends, or two VPCs,
// on one LB.
func ErrBackendServersInconsistent() *Error { return entBackendServersInconsistent.new() }

// ErrBackendServerQuota reports an LB that would exceed its backend quota.
func ErrBackendServerQuota() *Error { return entBackendServerQuota.new() }

// ErrInstanceNotFound reports an unknown ECS instance (StartInstance,
// StopInstance, DeleteInstance; DOC).
func ErrInstanceNotFound() *Error { return entInstanceNotFound.new() }

// ErrIncorrectInstanceStatus reports an instance whose status forbids the call
// (StartInstance, StopInstance, DeleteInstance; DOC).
func ErrIncorrectInstanceStatus() *Error { return entIncorrectInstanceStatus.new() }

// ErrVpcNotFound reports an unknown VpcId (CreateVSwitch; DOC).
func ErrVpcNotFound() *Error { return entVpcNotFound.new() }

// ErrVSwitchNotFound reports an unknown VSwitchId (CreateInstance,
// RunInstances; DOC).
func ErrVSwitchNotFound() *Error { return entVSwitchNotFound.new() }

// ErrNetworkInterfaceNotFound reports an unknown ENI (the ENI operations; DOC).
func ErrNetworkInterfaceNotFound() *Error { return entNetworkInterfaceNotFound.new() }

// ErrIncorrectNetworkInterfaceStatus reports an ENI whose status forbids the
// call. Given the expected and the current status, the message names them as
// the real one does.
func ErrIncorrectNetworkInterfaceStatus(expecting, current string) *Error {
	return entIncorrectNetworkInterfaceStatus.new(expecting, current)
}

// ErrInvalidEcsState reports an instance whose status forbids an ENI
// operation. Given the expected and the current status, the message names
// them.
func ErrInvalidEcsState(expecting, current string) *Error {
	return entInvalidEcsState.new(expecting, current)
}

// ErrEcsIdNotFound reports an unknown instance in an ENI operation
// (CreateNetworkInterface, AttachNetworkInterface, DetachNetworkInterface; DOC).
func ErrEcsIdNotFound() *Error { return entEcsIdNotFound.new() }

// ErrEniZoneMismatch reports an ENI and an instance in different zones.
func ErrEniZoneMismatch() *Error { return entEniZoneMismatch.new() }

// ErrEniVpcMismatch reports an ENI and an instance in different VPCs (or a
// classic instance). Code and status DOC; the message is INF.
func ErrEniVpcMismatch() *Error { return entEniVpcMismatch.new() }

// ErrEniIpInvalid reports an ENI address that is malformed or outside the
// vSwitch's CIDR block.
func ErrEniIpInvalid() *Error { return entEniIpInvalid.new() }

// ErrIpAddressUsed reports a requested private IP that is taken.
func ErrIpAddressUsed() *Error { return entIpAddressUsed.new() }

// ErrPrivateIpMalformed reports a PrivateIpAddress that is not an IPv4
// address.
func ErrPrivateIpMalformed() *Error { return entPrivateIpMalformed.new() }

// ErrPrivateIpNotInVSwitch reports a PrivateIpAddress outside the vSwitch's
// CIDR block.
func ErrPrivateIpNotInVSwitch() *Error { return entPrivateIpNotInVSwitch.new() }

// ErrVSwitchIpExhausted reports a vSwitch with no free private address.
func ErrVSwitchIpExhausted() *Error { return entVSwitchIpExhausted.new() }

// ErrZoneNotFound reports a ZoneId that is not in the region.
func ErrZoneNotFound() *Error { return entZoneNotFound.new() }

// ErrInvalidZoneIdMismatch reports a ZoneId that differs from the zone of the
// given vSwitch.
func ErrInvalidZoneIdMismatch() *Error { return entInvalidZoneIdMismatch.new() }

// ErrInvalidAmount reports an Amount outside 1..100.
func ErrInvalidAmount() *Error { return entInvalidAmount.new() }

// ErrInvalidInstanceName reports a malformed InstanceName.
func ErrInvalidInstanceName() *Error { return entInvalidInstanceName.new() }

// ErrInvalidCidrBlock reports a vSwitch CIDR block that does not parse.
func ErrInvalidCidrBlock() *Error { return entInvalidCidrBlock.new() }

// ErrCidrBlockMaskLength reports a vSwitch CIDR block whose mask is not /16
// to /29. Code and message are the documented ones, typos included.
func ErrCidrBlockMaskLength() *Error { return entCidrBlockMaskLength.new() }

// ErrCidrBlockNotInVpc reports a vSwitch CIDR block outside its VPC's.
func ErrCidrBlockNotInVpc() *Error { return entCidrBlockNotInVpc.new() }

// ErrCidrBlockOverlapped reports a vSwitch CIDR that overlaps another vSwitch
// of the VPC.
func ErrCidrBlockOverlapped() *Error { return entCidrBlockOverlapped.new() }

// ErrVpcCidrBlockInvalid reports a CreateVpc CidrBlock that is malformed or
// not a private block.
func ErrVpcCidrBlockInvalid() *Error { return entVpcCidrBlockInvalid.new() }

// ErrInvalidVpcName reports a malformed VpcName.
func ErrInvalidVpcName() *Error { return entInvalidVpcName.new() }

// ErrInvalidVpcDescription reports a malformed VPC Description. The code's
// spelling is the documented one.
func ErrInvalidVpcDescription() *Error { return entInvalidVpcDescription.new() }

// ErrInvalidVSwitchName reports a malformed VSwitchName.
func ErrInvalidVSwitchName() *Error { return entInvalidVSwitchName.new() }

// ErrInvalidVSwitchDescription reports a malformed vSwitch Description. The
// code's spelling is the documented one.
func ErrInvalidVSwitchDescription() *Error { return entInvalidVSwitchDescription.new() }

// ErrVSwitchQuotaExceeded reports a VPC that already has MaxVSwitchesPerVpc
// vSwitches.
func ErrVSwitchQuotaExceeded() *Error { return entVSwitchQuotaExceeded.new() }

// ErrDryRunOperation is the answer to a dry run that passed every check: the
// request would have succeeded, and nothing was changed (DOC: the ECS and
// VPC error tables).
func ErrDryRunOperation() *Error { return entDryRunOperation.new() }

// ErrIdempotentParameterMismatch reports a ClientToken used before, on the
// same action by the same account, with other parameters (DOC: ECS "How to
// ensure idempotence"; the SLB and VPC calls answer the same, INF).
func ErrIdempotentParameterMismatch() *Error { return entIdempotentParameterMismatch.new() }

// ErrVServerGroupNotFound reports a vServer group that does not exist for
// the caller: 404 InvalidParameter (DOC; Terraform matches its message).
func ErrVServerGroupNotFound() *Error { return entVServerGroupNotFound.new() }

// ErrInvalidPort reports a vServer group member without a Port in 1..65535.
func ErrInvalidPort() *Error { return entInvalidPort.new() }

// ErrTooManyGroupBackendServers reports more than
// MaxGroupBackendServersPerCall elements in a vServer group call.
func ErrTooManyGroupBackendServers() *Error { return entTooManyGroupBackendServers.new() }

// ErrRspoolVipExist refuses to delete a vServer group a listener uses.
func ErrRspoolVipExist() *Error { return entRspoolVipExist.new() }

// ErrListenerNotFound reports a listener that the LB does not have (the
// message Terraform matches to tell a deleted listener).
func ErrListenerNotFound() *Error { return entListenerNotFound.new() }

// ErrListenerAlreadyExists reports a listener port already taken in its
// port space.
func ErrListenerAlreadyExists() *Error { return entListenerAlreadyExists.new() }

// ErrTooManyListeners reports a listener call that names a port shared by
// listeners of two protocols without ListenerProtocol.
func ErrTooManyListeners() *Error { return entTooManyListeners.new() }

// ErrListenerNotAllowed refuses to start a listener that is not stopped.
func ErrListenerNotAllowed() *Error { return entListenerNotAllowed.new() }

// ErrListenerConfiguring refuses a change of a listener that is starting.
func ErrListenerConfiguring() *Error { return entListenerConfiguring.new() }

// ErrServiceIsStopping refuses a change of a listener that is stopping (409).
func ErrServiceIsStopping() *Error { return entServiceIsStopping.new() }

// ErrCheckedListenerNotFound reports a DescribeHealthStatus of a port that
// has no listener (404).
func ErrCheckedListenerNotFound() *Error { return entCheckedListenerNotFound.new() }

// ErrDeleteProtectionIsOn refuses to delete an LB whose deletion protection
// is on (DOC: the DeleteLoadBalancer error table).
func ErrDeleteProtectionIsOn() *Error { return entDeleteProtectionIsOn.new() }

// ErrIllegalInstanceChargeType reports an InstanceChargeType the call does
// not take.
func ErrIllegalInstanceChargeType() *Error { return entIllegalInstanceChargeType.new() }

// ErrIllegalInternetChargeType reports an InternetChargeType that
// ModifyLoadBalancerInstanceChargeType does not take.
func ErrIllegalInternetChargeType() *Error { return entIllegalInternetChargeType.new() }

// ErrInternetChargeTypeNotAllowed refuses a pay-by-bandwidth PayByCLCU LB.
func ErrInternetChargeTypeNotAllowed() *Error { return entInternetChargeTypeNotAllowed.new() }

// ErrAlreadyPayByCLCU refuses to change the charge type of an LB that is
// already billed by usage.
func ErrAlreadyPayByCLCU() *Error { return entAlreadyPayByCLCU.new() }

// ErrLcuToSpecForbidden refuses to move an LB back to PayBySpec.
func ErrLcuToSpecForbidden() *Error { return entLcuToSpecForbidden.new() }

// ErrInvalidModificationProtectionStatus reports a ModificationProtectionStatus
// that is neither NonProtection nor ConsoleProtection.
func ErrInvalidModificationProtectionStatus() *Error {
	return entInvalidModificationProtectionStatus.new()
}

// ErrInvalidModificationProtectionReason reports a malformed
// ModificationProtectionReason.
func ErrInvalidModificationProtectionReason() *Error {
	return entInvalidModificationProtectionReason.new()
}

// ErrInvalidTagKey reports a tag key that breaks the tag rules.
func ErrInvalidTagKey() *Error { return entInvalidTagKey.new() }

// ErrInvalidTagValue reports a tag value that breaks the tag rules.
func ErrInvalidTagValue() *Error { return entInvalidTagValue.new() }

// ErrMissingTagKey reports a tag without a key, or a TagResources call
// without tags.
func ErrMissingTagKey() *Error { return entMissingTagKey.new() }

// ErrMissingResourceId reports a tag call without ResourceId.N.
func ErrMissingResourceId() *Error { return entMissingResourceId.new() }

// ErrMissingTagOrResourceId reports a ListTagResources call with neither
// ResourceId.N nor Tag.N.
func ErrMissingTagOrResourceId() *Error { return entMissingTagOrResourceId.new() }

// ErrTagSizeLimitExceeded reports more than 20 Tag.N in one call.
func ErrTagSizeLimitExceeded() *Error { return entTagSizeLimitExceeded.new() }

// ErrTagKeySizeLimitExceeded reports more than 20 TagKey.N in one call.
func ErrTagKeySizeLimitExceeded() *Error { return entTagKeySizeLimitExceeded.new() }

// ErrResourceIdSizeLimitExceeded reports more than 20 ResourceId.N in one
// call.
func ErrResourceIdSizeLimitExceeded() *Error { return entResourceIdSizeLimitExceeded.new() }

// ErrDuplicateTagKey reports one tag key given twice in one call.
func ErrDuplicateTagKey() *Error { return entDuplicateTagKey.new() }

// ErrInvalidResourceType reports an unknown ResourceType of a tag call.
func ErrInvalidResourceType() *Error { return entInvalidResourceType.new() }

// ErrResourceNotExist reports a ResourceId.N that names no resource of the
// call's ResourceType for the caller; the message names it.
func ErrResourceNotExist(resourceId string) *Error { return entResourceNotExist.new(resourceId) }

// ErrTagQuotaExceeded reports a resource that would have more than 20 tags.
func ErrTagQuotaExceeded() *Error { return entTagQuotaExceeded.new() }

// ErrInvalidNextToken reports a ListTagResources NextToken the fake did not
// hand out.
func ErrInvalidNextToken() *Error { return entInvalidNextToken.new() }

// ErrIPv6NotModelled refuses an IPv6 LB, which the fake cannot give an IPv6
// address.
func ErrIPv6NotModelled() *Error { return entIPv6NotModelled.new() }

// ErrAclNotExist reports an AclId on a listener call: ACLs are not modelled,
// so no ACL exists (CODE: the Terraform provider matches AclNotExist; INF:
// the message and status).
func ErrAclNotExist() *Error { return entAclNotExist.new() }
