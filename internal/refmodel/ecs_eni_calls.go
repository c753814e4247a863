package refmodel

import (
	"net/netip"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slbfake/slbfake/model"
)

// The ENI calls: CreateNetworkInterface, AttachNetworkInterface,
// DetachNetworkInterface (README, fidelity table, "ENIs"; DOC: the ECS API
// reference of each; the order of the checks is the fake's documented
// choice, INF). The model allocates the ENI's addresses itself, by the
// documented rule (the lowest free addresses of the vSwitch, the reserved
// ones never), so that the test compares the fake's choice with it.

// eniName: 2..128 characters, starting with a letter, not with http:// or
// https:// (DOC: CreateNetworkInterface, NetworkInterfaceName).
func eniName(s string) bool {
	n := utf8.RuneCountInString(s)
	r, _ := utf8.DecodeRuneInString(s)
	return n >= 2 && n <= 128 && unicode.IsLetter(r) && !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://")
}

// eniDescription: 2..256 characters, not starting with http:// or https://
// (DOC: CreateNetworkInterface, Description).
func eniDescription(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 2 && n <= 256 && !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://")
}

// CreateNetworkInterface is the model's CreateNetworkInterface: an Available
// secondary ENI of the vSwitch, with 1 + SecondaryPrivateIpAddressCount
// addresses. got.Id is the ID the fake assigned. The checks, in order:
// ClientToken (idempotency.go); RegionId; VSwitchId, SecurityGroupId given (MissingParameter);
// NetworkInterfaceName and Description when given (InvalidParameter naming
// them); SecondaryPrivateIpAddressCount 0..49 (InvalidParameter); the
// vSwitch exists for the caller (InvalidVSwitchId.NotFound);
// PrimaryIpAddress, when given, an IPv4 address inside the vSwitch and not
// reserved (InvalidVSwitchId.IpInvalid), and free
// (InvalidPrivateIpAddress.Duplicated); enough free addresses
// (QuotaExceeded.PrivateIpAddress). The answer's MacAddress is the fake's
// business (the test checks its shape).
func (m *Model) CreateNetworkInterface(account string, req *model.CreateNetworkInterfaceRequest, got Assigned) (*model.CreateNetworkInterfaceResponse, *model.Error) {
	params := *req
	params.ClientToken = ""
	return idempotent(m, account, "CreateNetworkInterface", req.ClientToken, params, func() (*model.CreateNetworkInterfaceResponse, *model.Error) {
		return m.createNetworkInterface(account, req, got)
	})
}

func (m *Model) createNetworkInterface(account string, req *model.CreateNetworkInterfaceRequest, got Assigned) (*model.CreateNetworkInterfaceResponse, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	if req.VSwitchId == "" {
		return nil, model.ErrMissingParameter("VSwitchId")
	}
	if req.SecurityGroupId == "" {
		return nil, model.ErrMissingParameter("SecurityGroupId")
	}
	if req.NetworkInterfaceName != "" && !eniName(req.NetworkInterfaceName) {
		return nil, model.ErrInvalidParameterValue("NetworkInterfaceName")
	}
	if req.Description != "" && !eniDescription(req.Description) {
		return nil, model.ErrInvalidParameterValue("Description")
	}
	if req.SecondaryPrivateIpAddressCount < 0 || req.SecondaryPrivateIpAddressCount > 49 {
		return nil, model.ErrInvalidParameterValue("SecondaryPrivateIpAddressCount")
	}
	vsw := m.vswitchFor(account, req.RegionId, req.VSwitchId)
	if vsw == nil {
		return nil, model.ErrVSwitchNotFound()
	}
	want := req.PrimaryIpAddress
	if want != "" {
		block := netip.MustParsePrefix(vsw.CidrBlock)
		a, err := netip.ParseAddr(want)
		if err != nil || !a.Is4() || !block.Contains(a) || reserved(block, a) {
			return nil, model.ErrEniIpInvalid()
		}
		want = a.String()
		if m.leases()[Pool(vsw.VSwitchId)][want] != "" {
			return nil, model.ErrIpAddressUsed()
		}
	}
	ips, ok := m.allocate(vsw.VSwitchId, want, 1+req.SecondaryPrivateIpAddressCount)
	if !ok {
		return nil, model.ErrVSwitchIpExhausted()
	}
	m.accounts[account] = true
	m.enis[got.Id] = &ENI{NetworkInterfaceId: got.Id, AccountId: account, RegionId: req.RegionId, ZoneId: vsw.ZoneId,
		VpcId: vsw.VpcId, VSwitchId: vsw.VSwitchId, Ips: ips}
	return &model.CreateNetworkInterfaceResponse{NetworkInterfaceId: got.Id, Status: string(model.ENIAvailable),
		Type: "Secondary", VpcId: vsw.VpcId, VSwitchId: vsw.VSwitchId, ZoneId: vsw.ZoneId, PrivateIpAddress: ips[0]}, nil
}

// eniStatus is an ENI's status: InUse while attached, else Available.
func eniStatus(n *ENI) model.NetworkInterfaceStatus {
	if n.InstanceId != "" {
		return model.ENIInUse
	}
	return model.ENIAvailable
}

// eniAndInstance resolves the ENI and the instance of Attach and Detach:
// RegionId (required here); NetworkInterfaceId, InstanceId given; the ENI
// exists for the caller (InvalidEniId.NotFound); the instance too
// (InvalidEcsId.NotFound).
func (m *Model) eniAndInstance(account, region, eniId, instId string) (*ENI, *Instance, *model.Error) {
	if e := checkRegion(region); e != nil {
		return nil, nil, e
	}
	if eniId == "" {
		return nil, nil, model.ErrMissingParameter("NetworkInterfaceId")
	}
	if instId == "" {
		return nil, nil, model.ErrMissingParameter("InstanceId")
	}
	n := m.eniFor(account, region, eniId)
	if n == nil {
		return nil, nil, model.ErrNetworkInterfaceNotFound()
	}
	inst := m.instanceFor(account, region, instId)
	if inst == nil {
		return nil, nil, model.ErrEcsIdNotFound()
	}
	return n, inst, nil
}

// eniReady: an instance gains or loses an ENI only while Running or Stopped
// (DOC).
func eniReady(inst *Instance) *model.Error {
	if inst.Status != model.StatusRunning && inst.Status != model.StatusStopped {
		return model.ErrInvalidEcsState("Running/Stopped", string(inst.Status))
	}
	return nil
}

// AttachNetworkInterface is the model's AttachNetworkInterface: after the
// lookups, the ENI is Available (InvalidOperation.InvalidEniState), the
// instance Running or Stopped (InvalidOperation.InvalidEcsState), a VPC
// instance of the ENI's VPC (InvalidOperation.VpcMismatch) and zone
// (InvalidOperation.AvailabilityZoneMismatch).
func (m *Model) AttachNetworkInterface(account string, req *model.AttachNetworkInterfaceRequest) (*model.AttachNetworkInterfaceResponse, *model.Error) {
	n, inst, e := m.eniAndInstance(account, req.RegionId, req.NetworkInterfaceId, req.InstanceId)
	if e != nil {
		return nil, e
	}
	if st := eniStatus(n); st != model.ENIAvailable {
		return nil, model.ErrIncorrectNetworkInterfaceStatus(string(model.ENIAvailable), string(st))
	}
	if e := eniReady(inst); e != nil {
		return nil, e
	}
	if inst.NetworkType != model.NetworkVPC || inst.VpcId != n.VpcId {
		return nil, model.ErrEniVpcMismatch()
	}
	if inst.ZoneId != n.ZoneId {
		return nil, model.ErrEniZoneMismatch()
	}
	n.InstanceId = inst.InstanceId
	return &model.AttachNetworkInterfaceResponse{}, nil
}

// DetachNetworkInterface is the model's DetachNetworkInterface: after the
// lookups, the ENI is InUse (InvalidOperation.InvalidEniState) on this
// instance (InvalidParameter naming InstanceId, INF), the instance Running
// or Stopped (InvalidOperation.InvalidEcsState). The ENI becomes Available
// and leaves every LB's backend list (eni_backends.go: an ENI backend exists
// only while its ENI is attached).
func (m *Model) DetachNetworkInterface(account string, req *model.DetachNetworkInterfaceRequest) (*model.DetachNetworkInterfaceResponse, *model.Error) {
	n, inst, e := m.eniAndInstance(account, req.RegionId, req.NetworkInterfaceId, req.InstanceId)
	if e != nil {
		return nil, e
	}
	if st := eniStatus(n); st != model.ENIInUse {
		return nil, model.ErrIncorrectNetworkInterfaceStatus(string(model.ENIInUse), string(st))
	}
	if n.InstanceId != inst.InstanceId {
		return nil, model.ErrInvalidParameterValue("InstanceId")
	}
	if e := eniReady(inst); e != nil {
		return nil, e
	}
	m.detachENI(n) // eni_backends.go
	return &model.DetachNetworkInterfaceResponse{}, nil
}
