package engine

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// instanceSpec is what RunInstances and CreateInstance have in common.
type instanceSpec struct {
	RegionId, ZoneId, ImageId, InstanceType, SecurityGroupId string
	VSwitchId, InstanceName, PrivateIpAddress                string
	Amount                                                   int
	Status                                                   model.InstanceStatus
	Transition                                               model.Transition
}

// RunInstances creates Amount instances that end Running. The checks, in
// order: RegionId; ImageId and InstanceType given (MissingParameter); Amount
// 1..100 (InvalidAmount.Malformed); InstanceName (InvalidInstanceName.Malformed);
// ZoneId in the region (InvalidZoneId.NotFound); the vSwitch exists
// (InvalidVSwitchId.NotFound) and is in ZoneId (InvalidParameter.Mismatch);
// PrivateIpAddress only with a vSwitch (MissingParameter VSwitchId) and Amount 1
// (InvalidParameter), well-formed, in the vSwitch and free; then an address
// for each instance (QuotaExceeded.PrivateIpAddress when the vSwitch is full).
// All or nothing. ClientToken makes the call idempotent (idempotency.go);
// DryRun runs the checks and answers DryRunOperation, creating nothing and
// drawing no ID (Store.dryRun).
func (s *Store) RunInstances(account string, req *model.RunInstancesRequest) (*model.RunInstancesResponse, *model.Error) {
	sp := instanceSpec{
		RegionId: req.RegionId, ZoneId: req.ZoneId, ImageId: req.ImageId, InstanceType: req.InstanceType,
		SecurityGroupId: req.SecurityGroupId, VSwitchId: req.VSwitchId, InstanceName: req.InstanceName,
		PrivateIpAddress: req.PrivateIpAddress, Amount: req.Amount, Status: model.StatusRunning, Transition: model.TransitionRun,
	}
	if req.DryRun {
		return nil, s.dryRun(func(ds *Store, txn *memdb.Txn) *model.Error {
			_, e := ds.createInstancesTxn(txn, account, sp)
			return e
		})
	}
	var resp *model.RunInstancesResponse
	e := s.write(func(txn *memdb.Txn) *model.Error {
		var e *model.Error
		resp, e = idempotentTxn(txn, account, "RunInstances", req.ClientToken, req, func() (*model.RunInstancesResponse, *model.Error) {
			created, e := s.createInstancesTxn(txn, account, sp)
			if e != nil {
				return nil, e
			}
			resp := &model.RunInstancesResponse{InstanceIdSets: model.InstanceIdSets{InstanceIdSet: []string{}}}
			for _, inst := range created {
				resp.InstanceIdSets.InstanceIdSet = append(resp.InstanceIdSets.InstanceIdSet, inst.InstanceId)
			}
			return resp, nil
		})
		return e
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

// CreateInstance creates one instance that ends Stopped; its checks are those
// of RunInstances, and so are ClientToken and DryRun.
func (s *Store) CreateInstance(account string, req *model.CreateInstanceRequest) (*model.CreateInstanceResponse, *model.Error) {
	sp := instanceSpec{
		RegionId: req.RegionId, ZoneId: req.ZoneId, ImageId: req.ImageId, InstanceType: req.InstanceType,
		SecurityGroupId: req.SecurityGroupId, VSwitchId: req.VSwitchId, InstanceName: req.InstanceName,
		PrivateIpAddress: req.PrivateIpAddress, Amount: 1, Status: model.StatusStopped, Transition: model.TransitionCreate,
	}
	if req.DryRun {
		return nil, s.dryRun(func(ds *Store, txn *memdb.Txn) *model.Error {
			_, e := ds.createInstancesTxn(txn, account, sp)
			return e
		})
	}
	var resp *model.CreateInstanceResponse
	e := s.write(func(txn *memdb.Txn) *model.Error {
		var e *model.Error
		resp, e = idempotentTxn(txn, account, "CreateInstance", req.ClientToken, req, func() (*model.CreateInstanceResponse, *model.Error) {
			created, e := s.createInstancesTxn(txn, account, sp)
			if e != nil {
				return nil, e
			}
			return &model.CreateInstanceResponse{InstanceId: created[0].InstanceId}, nil
		})
		return e
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

func (s *Store) createInstancesTxn(txn *memdb.Txn, account string, sp instanceSpec) ([]*model.Instance, *model.Error) {
	region, e := regionTxn(txn, sp.RegionId)
	if e != nil {
		return nil, e
	}
	if sp.ImageId == "" {
		return nil, model.ErrMissingParameter("ImageId")
	}
	if sp.InstanceType == "" {
		return nil, model.ErrMissingParameter("InstanceType")
	}
	if sp.Amount == 0 {
		sp.Amount = 1
	}
	if sp.Amount < 1 || sp.Amount > model.MaxRunInstancesAmount {
		return nil, model.ErrInvalidAmount()
	}
	if sp.InstanceName != "" && !validInstanceName(sp.InstanceName) {
		return nil, model.ErrInvalidInstanceName()
	}
	if sp.ZoneId != "" && !region.HasZone(sp.ZoneId) {
		return nil, model.ErrZoneNotFound()
	}
	var vsw *model.VSwitch
	if sp.VSwitchId != "" {
		if vsw = vswitchTxn(txn, account, region.RegionId, sp.VSwitchId); vsw == nil {
			return nil, model.ErrVSwitchNotFound()
		}
		if sp.ZoneId != "" && sp.ZoneId != vsw.ZoneId {
			return nil, model.ErrInvalidZoneIdMismatch()
		}
	} else if sp.PrivateIpAddress != "" {
		return nil, model.ErrMissingParameter("VSwitchId")
	}
	if sp.PrivateIpAddress != "" && sp.Amount > 1 {
		return nil, model.ErrInvalidParameterValue("PrivateIpAddress")
	}
	ensureAccountTxn(txn, account)

	zone, pool, cidr, nt, vpcId := sp.ZoneId, classicPool(region.RegionId), classicCIDR, model.NetworkClassic, ""
	if vsw != nil {
		zone, pool, cidr, nt, vpcId = vsw.ZoneId, vsw.VSwitchId, vswitchCIDR(vsw), model.NetworkVPC, vsw.VpcId
	} else if zone == "" {
		zone = region.Zones[s.pick(len(region.Zones))]
	}
	out := make([]*model.Instance, 0, sp.Amount)
	for i := 0; i < sp.Amount; i++ {
		inst := &model.Instance{
			InstanceId: s.newIDTxn(txn, tableInstances, model.PrefixInstance, region.IDCode), AccountId: account,
			RegionId: region.RegionId, ZoneId: zone, InstanceName: sp.InstanceName, InstanceType: sp.InstanceType,
			ImageId: sp.ImageId, SecurityGroupId: sp.SecurityGroupId, Status: sp.Status, NetworkType: nt,
			VpcId: vpcId, VSwitchId: sp.VSwitchId, CreationTime: s.now().UTC(), Seq: s.nextSeq(),
			Transition: sp.Transition, TransitionAt: s.now().UTC(),
		}
		if inst.InstanceName == "" {
			inst.InstanceName = inst.InstanceId // the real default (INF)
		}
		ip, e := allocateIPTxn(txn, pool, cidr, sp.PrivateIpAddress, inst.InstanceId, privateIPErrors())
		if e != nil {
			return nil, e
		}
		inst.PrivateIp = ip
		insert(txn, tableInstances, inst)
		out = append(out, inst)
	}
	return out, nil
}

// validInstanceName: 2..128 characters, starting with a letter, not with
// http:// or https:// (DOC: CreateInstance's InstanceName).
func validInstanceName(name string) bool {
	r, _ := utf8.DecodeRuneInString(name)
	n := utf8.RuneCountInString(name)
	return n >= 2 && n <= 128 && unicode.IsLetter(r) &&
		!strings.HasPrefix(name, "http://") && !strings.HasPrefix(name, "https://")
}

// instancePool is the address pool an instance's private IP came from.
func instancePool(inst *model.Instance) string {
	if inst.NetworkType == model.NetworkVPC {
		return inst.VSwitchId
	}
	return classicPool(inst.RegionId)
}

// StartInstance moves a Stopped instance to Running. DryRun runs the checks
// and answers DryRunOperation, changing nothing.
func (s *Store) StartInstance(account string, req *model.StartInstanceRequest) (*model.StartInstanceResponse, *model.Error) {
	e := s.writeOrDryRun(req.DryRun, func(s *Store, txn *memdb.Txn) *model.Error {
		return s.transitionTxn(txn, account, req.RegionId, req.InstanceId, model.ActionStart, false)
	})
	if e != nil {
		return nil, e
	}
	return &model.StartInstanceResponse{}, nil
}

// StopInstance moves a Running instance to Stopped. The instance stays on
// every LB it is attached to. DryRun runs the checks and answers
// DryRunOperation, changing nothing.
func (s *Store) StopInstance(account string, req *model.StopInstanceRequest) (*model.StopInstanceResponse, *model.Error) {
	e := s.writeOrDryRun(req.DryRun, func(s *Store, txn *memdb.Txn) *model.Error {
		return s.transitionTxn(txn, account, req.RegionId, req.InstanceId, model.ActionStop, false)
	})
	if e != nil {
		return nil, e
	}
	return &model.StopInstanceResponse{}, nil
}

// DeleteInstance releases an instance: it must be Stopped unless Force. The
// instance leaves every LB's backend list, its private IP is released and its
// ENIs are detached (they become Available, and leave every LB's backend list
// as DetachNetworkInterface makes them). DryRun runs the checks and answers
// DryRunOperation, changing nothing.
func (s *Store) DeleteInstance(account string, req *model.DeleteInstanceRequest) (*model.DeleteInstanceResponse, *model.Error) {
	e := s.writeOrDryRun(req.DryRun, func(s *Store, txn *memdb.Txn) *model.Error {
		return s.transitionTxn(txn, account, req.RegionId, req.InstanceId, model.ActionDelete, req.Force)
	})
	if e != nil {
		return nil, e
	}
	return &model.DeleteInstanceResponse{}, nil
}

// transitionTxn applies a lifecycle action (model.NextStatus) to an instance.
func (s *Store) transitionTxn(txn *memdb.Txn, account, region, id string, action model.InstanceAction, force bool) *model.Error {
	inst, e := lifecycleInstanceTxn(txn, account, region, id)
	if e != nil {
		return e
	}
	next, e := model.NextStatus(s.statusOf(inst), action, force)
	if e != nil {
		return e
	}
	if action == model.ActionDelete {
		deleteInstanceTxn(txn, inst)
		return nil
	}
	updated := *inst
	updated.Status, updated.Transition, updated.TransitionAt = next, model.TransitionOf(action), s.now().UTC()
	insert(txn, tableInstances, &updated)
	return nil
}

// lifecycleInstanceTxn resolves the instance of Start/Stop/DeleteInstance.
// Their RegionId is optional (the real API does not list it): without one the
// instance is looked up in every region of the account.
func lifecycleInstanceTxn(txn *memdb.Txn, account, region, id string) (*model.Instance, *model.Error) {
	if region != "" {
		if _, e := regionTxn(txn, region); e != nil {
			return nil, e
		}
	}
	if id == "" {
		return nil, model.ErrMissingParameter("InstanceId")
	}
	inst, _ := first(txn, tableInstances, indexID, id).(*model.Instance)
	if inst == nil || inst.AccountId != account || (region != "" && inst.RegionId != region) {
		return nil, model.ErrInstanceNotFound()
	}
	return inst, nil
}

// deleteInstanceTxn removes an instance and everything that refers to it.
func deleteInstanceTxn(txn *memdb.Txn, inst *model.Instance) {
	detachServerTxn(txn, inst.InstanceId)
	for _, eni := range all[model.NetworkInterface](txn, tableENIs, indexInstance, inst.InstanceId) {
		detachENITxn(txn, eni)
	}
	releaseIPTxn(txn, instancePool(inst), inst.PrivateIp)
	remove(txn, tableInstances, inst)
}

// DescribeInstances lists the caller's instances of a region, in creation
// order, filtered and paged. InstanceIds must be a JSON array of at most 100
// strings (InvalidParameter otherwise); an empty array matches nothing.
func (s *Store) DescribeInstances(account string, req *model.DescribeInstancesRequest) (*model.DescribeInstancesResponse, *model.Error) {
	resp := &model.DescribeInstancesResponse{}
	e := s.read(func(txn *memdb.Txn) *model.Error {
		if _, e := regionTxn(txn, req.RegionId); e != nil {
			return e
		}
		var ids []string
		if strings.TrimSpace(req.InstanceIds) != "" {
			ids = []string{}
			err := json.Unmarshal([]byte(req.InstanceIds), &ids)
			if err != nil || ids == nil || len(ids) > model.MaxInstanceIdsPerCall {
				return model.ErrInvalidParameterValue("InstanceIds")
			}
		}
		var match []*model.Instance
		for _, inst := range all[model.Instance](txn, tableInstances, indexOwner, account, req.RegionId) {
			if (ids != nil && !slices.Contains(ids, inst.InstanceId)) ||
				!matches(req.VpcId, inst.VpcId) ||
				!matches(req.VSwitchId, inst.VSwitchId) ||
				!matches(req.ZoneId, inst.ZoneId) ||
				!matches(req.Status, string(s.statusOf(inst))) ||
				!matches(req.InstanceNetworkType, string(inst.NetworkType)) {
				continue
			}
			match = append(match, inst)
		}
		sortBySeq(match, func(i *model.Instance) uint64 { return i.Seq })
		lo, hi, number, size, e := pageOf(req.Paging, len(match), 10, 100)
		if e != nil {
			return e
		}
		resp.PageNumber, resp.PageSize, resp.TotalCount = number, size, len(match)
		resp.Instances.Instance = []model.InstanceView{}
		for _, inst := range match[lo:hi] {
			resp.Instances.Instance = append(resp.Instances.Instance, instanceView(txn, inst, s.statusOf(inst)))
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

func instanceView(txn *memdb.Txn, inst *model.Instance, status model.InstanceStatus) model.InstanceView {
	v := model.InstanceView{
		InstanceId: inst.InstanceId, InstanceName: inst.InstanceName, Status: string(status),
		InstanceNetworkType: string(inst.NetworkType),
		VpcAttributes: model.VpcAttributes{VpcId: inst.VpcId, VSwitchId: inst.VSwitchId,
			PrivateIpAddress: model.IpAddressList{IpAddress: []string{}}},
		InnerIpAddress:    model.IpAddressList{IpAddress: []string{}},
		PublicIpAddress:   model.IpAddressList{IpAddress: []string{}},
		SecurityGroupIds:  model.SecurityGroupIds{SecurityGroupId: []string{}},
		NetworkInterfaces: model.InstanceNetworkInterfaces{NetworkInterface: []model.InstanceNetworkInterfaceView{}},
		RegionId:          inst.RegionId, ZoneId: inst.ZoneId, InstanceType: inst.InstanceType, ImageId: inst.ImageId,
		InstanceChargeType: "PostPaid", CreationTime: inst.CreationTime.Format(model.ECSTimeLayout),
	}
	if inst.NetworkType == model.NetworkVPC {
		v.VpcAttributes.PrivateIpAddress.IpAddress = append(v.VpcAttributes.PrivateIpAddress.IpAddress, inst.PrivateIp)
	} else {
		v.InnerIpAddress.IpAddress = append(v.InnerIpAddress.IpAddress, inst.PrivateIp)
	}
	if inst.SecurityGroupId != "" {
		v.SecurityGroupIds.SecurityGroupId = append(v.SecurityGroupIds.SecurityGroupId, inst.SecurityGroupId)
	}
	for _, eni := range enisOfInstanceTxn(txn, inst.InstanceId) {
		v.NetworkInterfaces.NetworkInterface = append(v.NetworkInterfaces.NetworkInterface, model.InstanceNetworkInterfaceView{
			NetworkInterfaceId: eni.NetworkInterfaceId, PrimaryIpAddress: eni.PrimaryIpAddress,
			MacAddress: macAddress(eni.NetworkInterfaceId), Type: eniTypeSecondary,
		})
	}
	return v
}

// DescribeInstanceStatus lists the status of the caller's instances of a
// region, in creation order, filtered by InstanceId.N (at most 100) and
// ZoneId, and paged (PageSize default 10, at most 50).
func (s *Store) DescribeInstanceStatus(account string, req *model.DescribeInstanceStatusRequest) (*model.DescribeInstanceStatusResponse, *model.Error) {
	resp := &model.DescribeInstanceStatusResponse{}
	e := s.read(func(txn *memdb.Txn) *model.Error {
		if _, e := regionTxn(txn, req.RegionId); e != nil {
			return e
		}
		if len(req.InstanceId) > model.MaxInstanceIdsPerCall {
			return model.ErrInvalidParameterValue("InstanceId")
		}
		var match []*model.Instance
		for _, inst := range all[model.Instance](txn, tableInstances, indexOwner, account, req.RegionId) {
			if (len(req.InstanceId) > 0 && !slices.Contains(req.InstanceId, inst.InstanceId)) || !matches(req.ZoneId, inst.ZoneId) {
				continue
			}
			match = append(match, inst)
		}
		sortBySeq(match, func(i *model.Instance) uint64 { return i.Seq })
		lo, hi, number, size, e := pageOf(req.Paging, len(match), 10, 50)
		if e != nil {
			return e
		}
		resp.PageNumber, resp.PageSize, resp.TotalCount = number, size, len(match)
		resp.InstanceStatuses.InstanceStatus = []model.InstanceStatusView{}
		for _, inst := range match[lo:hi] {
			resp.InstanceStatuses.InstanceStatus = append(resp.InstanceStatuses.InstanceStatus,
				model.InstanceStatusView{InstanceId: inst.InstanceId, Status: string(s.statusOf(inst))})
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}
