package engine

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// eniTypeSecondary is the Type of every ENI the fake models: the ones
// CreateNetworkInterface makes. Primary ENIs of instances are not modelled.
const eniTypeSecondary = "Secondary"

// CreateNetworkInterface creates an Available secondary ENI. The checks, in
// order: RegionId; VSwitchId and SecurityGroupId given (MissingParameter);
// NetworkInterfaceName and Description (InvalidParameter, INF);
// SecondaryPrivateIpAddressCount 0..49 (InvalidParameter, INF); the vSwitch
// exists (InvalidVSwitchId.NotFound); PrimaryIpAddress well-formed and inside
// the vSwitch (InvalidVSwitchId.IpInvalid) and free
// (InvalidPrivateIpAddress.Duplicated); enough free addresses
// (QuotaExceeded.PrivateIpAddress). ClientToken makes the call idempotent
// (idempotency.go).
func (s *Store) CreateNetworkInterface(account string, req *model.CreateNetworkInterfaceRequest) (*model.CreateNetworkInterfaceResponse, *model.Error) {
	var resp *model.CreateNetworkInterfaceResponse
	e := s.write(func(txn *memdb.Txn) *model.Error {
		var e *model.Error
		resp, e = idempotentTxn(txn, account, "CreateNetworkInterface", req.ClientToken, req, func() (*model.CreateNetworkInterfaceResponse, *model.Error) {
			eni, e := s.createNetworkInterfaceTxn(txn, account, req)
			if e != nil {
				return nil, e
			}
			return &model.CreateNetworkInterfaceResponse{
				NetworkInterfaceId: eni.NetworkInterfaceId, Status: string(eni.Status), Type: eniTypeSecondary,
				VpcId: eni.VpcId, VSwitchId: eni.VSwitchId, ZoneId: eni.ZoneId, PrivateIpAddress: eni.PrimaryIpAddress,
				MacAddress: macAddress(eni.NetworkInterfaceId),
			}, nil
		})
		return e
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

func (s *Store) createNetworkInterfaceTxn(txn *memdb.Txn, account string, req *model.CreateNetworkInterfaceRequest) (*model.NetworkInterface, *model.Error) {
	region, e := regionTxn(txn, req.RegionId)
	if e != nil {
		return nil, e
	}
	if req.VSwitchId == "" {
		return nil, model.ErrMissingParameter("VSwitchId")
	}
	if req.SecurityGroupId == "" {
		return nil, model.ErrMissingParameter("SecurityGroupId")
	}
	if req.NetworkInterfaceName != "" && !validENIName(req.NetworkInterfaceName) {
		return nil, model.ErrInvalidParameterValue("NetworkInterfaceName")
	}
	if req.Description != "" && !validENIDescription(req.Description) {
		return nil, model.ErrInvalidParameterValue("Description")
	}
	if req.SecondaryPrivateIpAddressCount < 0 || req.SecondaryPrivateIpAddressCount > model.MaxSecondaryPrivateIps {
		return nil, model.ErrInvalidParameterValue("SecondaryPrivateIpAddressCount")
	}
	vsw := vswitchTxn(txn, account, region.RegionId, req.VSwitchId)
	if vsw == nil {
		return nil, model.ErrVSwitchNotFound()
	}
	ensureAccountTxn(txn, account)
	eni := &model.NetworkInterface{
		NetworkInterfaceId: s.newIDTxn(txn, tableENIs, model.PrefixENI, region.IDCode), AccountId: account,
		RegionId: region.RegionId, ZoneId: vsw.ZoneId, VpcId: vsw.VpcId, VSwitchId: vsw.VSwitchId,
		NetworkInterfaceName: req.NetworkInterfaceName, SecurityGroupId: req.SecurityGroupId,
		Status: model.ENIAvailable, CreationTime: s.now().UTC(), Seq: s.nextSeq(),
	}
	cidr := vswitchCIDR(vsw)
	ip, e := allocateIPTxn(txn, vsw.VSwitchId, cidr, req.PrimaryIpAddress, eni.NetworkInterfaceId, eniIPErrors())
	if e != nil {
		return nil, e
	}
	eni.PrimaryIpAddress = ip
	for i := 0; i < req.SecondaryPrivateIpAddressCount; i++ {
		ip, e := allocateIPTxn(txn, vsw.VSwitchId, cidr, "", eni.NetworkInterfaceId, eniIPErrors())
		if e != nil {
			return nil, e
		}
		eni.SecondaryIps = append(eni.SecondaryIps, ip)
	}
	insert(txn, tableENIs, eni)
	return eni, nil
}

// validENIName: 2..128 characters starting with a letter, not with http://
// or https:// (DOC: CreateNetworkInterface).
func validENIName(name string) bool { return validInstanceName(name) }

// validENIDescription: 2..256 characters, not starting with http:// or
// https:// (DOC: CreateNetworkInterface).
func validENIDescription(d string) bool {
	n := utf8.RuneCountInString(d)
	return n >= 2 && n <= 256 && !strings.HasPrefix(d, "http://") && !strings.HasPrefix(d, "https://")
}

// AttachNetworkInterface attaches an Available ENI to an instance. The
// checks, in order: RegionId; NetworkInterfaceId and InstanceId given
// (MissingParameter); the ENI exists (InvalidEniId.NotFound); the instance
// exists (InvalidEcsId.NotFound); the ENI is Available
// (InvalidOperation.InvalidEniState); the instance is Running or Stopped
// (InvalidOperation.InvalidEcsState); it is a VPC instance of the ENI's VPC
// (InvalidOperation.VpcMismatch) and zone
// (InvalidOperation.AvailabilityZoneMismatch).
func (s *Store) AttachNetworkInterface(account string, req *model.AttachNetworkInterfaceRequest) (*model.AttachNetworkInterfaceResponse, *model.Error) {
	e := s.write(func(txn *memdb.Txn) *model.Error {
		eni, inst, e := eniAndInstanceTxn(txn, account, req.RegionId, req.NetworkInterfaceId, req.InstanceId)
		if e != nil {
			return e
		}
		if eni.Status != model.ENIAvailable {
			return model.ErrIncorrectNetworkInterfaceStatus(string(model.ENIAvailable), string(eni.Status))
		}
		if e := eniReadyInstance(s.statusOf(inst)); e != nil {
			return e
		}
		if inst.NetworkType != model.NetworkVPC || inst.VpcId != eni.VpcId {
			return model.ErrEniVpcMismatch()
		}
		if inst.ZoneId != eni.ZoneId {
			return model.ErrEniZoneMismatch()
		}
		updated := *eni
		updated.InstanceId, updated.Status = inst.InstanceId, model.ENIInUse
		insert(txn, tableENIs, &updated)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.AttachNetworkInterfaceResponse{}, nil
}

// DetachNetworkInterface detaches an ENI from the instance it is attached
// to. The checks, in order: as AttachNetworkInterface up to the two lookups;
// the ENI is InUse (InvalidOperation.InvalidEniState) on this instance
// (InvalidParameter, INF); the instance is Running or Stopped
// (InvalidOperation.InvalidEcsState). The ENI leaves every LB's backend list
// (detachENITxn).
func (s *Store) DetachNetworkInterface(account string, req *model.DetachNetworkInterfaceRequest) (*model.DetachNetworkInterfaceResponse, *model.Error) {
	e := s.write(func(txn *memdb.Txn) *model.Error {
		eni, inst, e := eniAndInstanceTxn(txn, account, req.RegionId, req.NetworkInterfaceId, req.InstanceId)
		if e != nil {
			return e
		}
		if eni.Status != model.ENIInUse {
			return model.ErrIncorrectNetworkInterfaceStatus(string(model.ENIInUse), string(eni.Status))
		}
		if eni.InstanceId != inst.InstanceId {
			return model.ErrInvalidParameterValue("InstanceId")
		}
		if e := eniReadyInstance(s.statusOf(inst)); e != nil {
			return e
		}
		detachENITxn(txn, eni)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.DetachNetworkInterfaceResponse{}, nil
}

// detachENITxn detaches an ENI from its instance (DetachNetworkInterface, and
// DeleteInstance for each ENI of the instance): it becomes Available, and
// every LB backend that names it goes, on every LB and by every IP. The
// rule, for Add, Describe, Set and Remove alike: an ENI backend exists only
// while its ENI is attached to an instance; AddBackendServers refuses an ENI
// that is not (InvalidParameter), and an ENI that is detached or deleted
// leaves every backend list, as a released instance does (INF: the
// documentation requires an attached ENI and says nothing of a detached one;
// this is the DeleteInstance rule applied to ENIs).
func detachENITxn(txn *memdb.Txn, eni *model.NetworkInterface) {
	detachServerTxn(txn, eni.NetworkInterfaceId)
	updated := *eni
	updated.InstanceId, updated.Status = "", model.ENIAvailable
	insert(txn, tableENIs, &updated)
}

// DeleteNetworkInterface deletes an ENI (DOC: ECS DeleteNetworkInterface).
// The checks, in order: RegionId; NetworkInterfaceId given
// (MissingParameter); the ENI exists for the caller (InvalidEniId.NotFound);
// it is Available, detached (InvalidOperation.InvalidEniState, expecting
// Available; DOC: "The ENI must be in the Available state", the code INF as
// the one Attach and Detach answer). Its primary and secondary addresses are
// released (DOC), and it leaves every LB's backend list (an Available ENI is
// on none: detachENITxn).
func (s *Store) DeleteNetworkInterface(account string, req *model.DeleteNetworkInterfaceRequest) (*model.DeleteNetworkInterfaceResponse, *model.Error) {
	e := s.write(func(txn *memdb.Txn) *model.Error {
		if _, e := regionTxn(txn, req.RegionId); e != nil {
			return e
		}
		if req.NetworkInterfaceId == "" {
			return model.ErrMissingParameter("NetworkInterfaceId")
		}
		eni := eniTxn(txn, account, req.RegionId, req.NetworkInterfaceId)
		if eni == nil {
			return model.ErrNetworkInterfaceNotFound()
		}
		if eni.Status != model.ENIAvailable {
			return model.ErrIncorrectNetworkInterfaceStatus(string(model.ENIAvailable), string(eni.Status))
		}
		detachServerTxn(txn, eni.NetworkInterfaceId)
		releaseIPTxn(txn, eni.VSwitchId, eni.PrimaryIpAddress)
		for _, ip := range eni.SecondaryIps {
			releaseIPTxn(txn, eni.VSwitchId, ip)
		}
		remove(txn, tableENIs, eni)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.DeleteNetworkInterfaceResponse{}, nil
}

// eniAndInstanceTxn resolves the ENI and the instance of Attach/Detach.
func eniAndInstanceTxn(txn *memdb.Txn, account, region, eniId, instId string) (*model.NetworkInterface, *model.Instance, *model.Error) {
	if _, e := regionTxn(txn, region); e != nil {
		return nil, nil, e
	}
	if eniId == "" {
		return nil, nil, model.ErrMissingParameter("NetworkInterfaceId")
	}
	if instId == "" {
		return nil, nil, model.ErrMissingParameter("InstanceId")
	}
	eni := eniTxn(txn, account, region, eniId)
	if eni == nil {
		return nil, nil, model.ErrNetworkInterfaceNotFound()
	}
	inst := instanceTxn(txn, account, region, instId)
	if inst == nil {
		return nil, nil, model.ErrEcsIdNotFound()
	}
	return eni, inst, nil
}

// eniReadyInstance checks that an instance may gain or lose an ENI: Running
// or Stopped (DOC).
func eniReadyInstance(status model.InstanceStatus) *model.Error {
	if status != model.StatusRunning && status != model.StatusStopped {
		return model.ErrInvalidEcsState(fmt.Sprintf("%s/%s", model.StatusRunning, model.StatusStopped), string(status))
	}
	return nil
}

// enisOfInstanceTxn returns the ENIs attached to an instance, in creation order.
func enisOfInstanceTxn(txn *memdb.Txn, instanceId string) []*model.NetworkInterface {
	enis := all[model.NetworkInterface](txn, tableENIs, indexInstance, instanceId)
	sortBySeq(enis, func(n *model.NetworkInterface) uint64 { return n.Seq })
	return enis
}

// DescribeNetworkInterfaces lists the caller's ENIs of a region, in creation
// order, filtered and paged (PageSize default 10, at most 100, DOC;
// listQuery).
func (s *Store) DescribeNetworkInterfaces(account string, req *model.DescribeNetworkInterfacesRequest) (*model.DescribeNetworkInterfacesResponse, *model.Error) {
	resp := &model.DescribeNetworkInterfacesResponse{}
	e := s.read(func(txn *memdb.Txn) *model.Error {
		if _, e := regionTxn(txn, req.RegionId); e != nil {
			return e
		}
		if len(req.NetworkInterfaceId) > model.MaxNetworkInterfaceIdsPerCall {
			return model.ErrInvalidParameterValue("NetworkInterfaceId")
		}
		q := newListQuery(txn, eniListing, account, req.RegionId)
		if len(req.NetworkInterfaceId) > 0 {
			q.ids(req.NetworkInterfaceId)
		}
		q.eq(dimInstance, req.InstanceId)
		q.eq(dimVpc, req.VpcId)
		q.eq(dimVSwitch, req.VSwitchId)
		q.eq(dimStatus, req.Status)
		page, total, number, size, e := q.page(req.Paging, 10, 100)
		if e != nil {
			return e
		}
		resp.PageNumber, resp.PageSize, resp.TotalCount = number, size, total
		resp.NetworkInterfaceSets.NetworkInterfaceSet = make([]model.NetworkInterfaceView, 0, len(page))
		for _, eni := range page {
			resp.NetworkInterfaceSets.NetworkInterfaceSet = append(resp.NetworkInterfaceSets.NetworkInterfaceSet, networkInterfaceView(eni))
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

func networkInterfaceView(eni *model.NetworkInterface) model.NetworkInterfaceView {
	v := model.NetworkInterfaceView{
		NetworkInterfaceId: eni.NetworkInterfaceId, NetworkInterfaceName: eni.NetworkInterfaceName,
		Status: string(eni.Status), Type: eniTypeSecondary, VpcId: eni.VpcId, VSwitchId: eni.VSwitchId,
		ZoneId: eni.ZoneId, PrivateIpAddress: eni.PrimaryIpAddress, MacAddress: macAddress(eni.NetworkInterfaceId),
		InstanceId: eni.InstanceId, SecurityGroupIds: model.SecurityGroupIds{SecurityGroupId: []string{}},
		PrivateIpSets: model.PrivateIpSets{PrivateIpSet: []model.PrivateIpSetView{{PrivateIpAddress: eni.PrimaryIpAddress, Primary: true}}},
		CreationTime:  eni.CreationTime.Format(model.ENITimeLayout),
	}
	if eni.SecurityGroupId != "" {
		v.SecurityGroupIds.SecurityGroupId = append(v.SecurityGroupIds.SecurityGroupId, eni.SecurityGroupId)
	}
	for _, ip := range eni.SecondaryIps {
		v.PrivateIpSets.PrivateIpSet = append(v.PrivateIpSets.PrivateIpSet, model.PrivateIpSetView{PrivateIpAddress: ip})
	}
	return v
}

// macAddress derives a stable MAC address in Alibaba's 00:16:3e prefix from
// an ENI ID (INF: the fake keeps no MAC addresses).
func macAddress(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	v := h.Sum32()
	return fmt.Sprintf("00:16:3e:%02x:%02x:%02x", byte(v>>16), byte(v>>8), byte(v))
}
