package engine

import (
	"encoding/json"
	"math"
	"strings"
	"time"
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
// order, filtered and paged (listQuery). InstanceIds must be a JSON array of
// at most 100 strings (InvalidParameter otherwise); an empty array matches
// nothing. The status of an instance is computed only for the rows the
// Status filter reads and the rows returned.
func (s *Store) DescribeInstances(account string, req *model.DescribeInstancesRequest) (*model.DescribeInstancesResponse, *model.Error) {
	resp := &model.DescribeInstancesResponse{}
	e := s.read(func(txn *memdb.Txn) *model.Error {
		if _, e := regionTxn(txn, req.RegionId); e != nil {
			return e
		}
		q := newListQuery(txn, instanceListing, account, req.RegionId)
		if strings.TrimSpace(req.InstanceIds) != "" {
			ids := []string{}
			err := json.Unmarshal([]byte(req.InstanceIds), &ids)
			if err != nil || ids == nil || len(ids) > model.MaxInstanceIdsPerCall {
				return model.ErrInvalidParameterValue("InstanceIds")
			}
			q.ids(ids)
		}
		now := s.now()
		q.eq(dimVpc, req.VpcId)
		q.eq(dimVSwitch, req.VSwitchId)
		q.eq(dimZone, req.ZoneId)
		s.statusFilter(q, req.Status, now)
		q.eq(dimNetworkType, req.InstanceNetworkType)
		page, total, number, size, e := q.page(req.Paging, 10, 100)
		if e != nil {
			return e
		}
		resp.PageNumber, resp.PageSize, resp.TotalCount = number, size, total
		resp.Instances.Instance = make([]model.InstanceView, 0, len(page))
		for _, inst := range page {
			resp.Instances.Instance = append(resp.Instances.Instance, instanceView(txn, inst, inst.StatusAt(now, s.life)))
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

// statusFilter adds DescribeInstances' Status filter to q. An instance shows
// the Status it settles in, unless a lifecycle transition that began less
// than the longest transition ago has not settled yet (model.Instance.StatusAt).
// The instances whose transition began since, usually few, come from the
// unsettled index; the others are the status dimension's rows. So the
// filter walks the status dimension merged with the unsettled instances
// that show status without having settled in it, skipping the unsettled
// ones that show another, and counts status's rows less the latter plus
// the former. With no unsettled instance that shows another status than
// its own, the filter is the dimension's, and counted with another filter
// (pairCountKey) as any dimension is.
func (s *Store) statusFilter(q *listQuery[model.Instance], status string, now time.Time) {
	if status == "" {
		return
	}
	shows := func(inst *model.Instance) bool { return string(inst.StatusAt(now, s.life)) == status }
	var extra []*model.Instance // show status, settle in another
	left := 0                   // settle in status, show another
	for _, inst := range unsettledTxn(q.txn, q.account, q.region, now.Add(-longestTransition(s.life))) {
		switch in, settles := shows(inst), string(inst.Status) == status; {
		case in && !settles:
			extra = append(extra, inst)
		case !in && settles:
			left++
		}
	}
	q.sortRows(extra)
	base := q.dimSource(dimStatus, status)
	src := listSource[model.Instance]{size: base.size, count: base.count - left + len(extra), exact: base.exact}
	if len(extra) == 0 && left == 0 {
		// Every instance shows the status it settles in: the filter is the
		// status dimension's, whose pairs with other filters are counted.
		src.tag, src.value = base.tag, base.value
	}
	if base.size != math.MaxInt {
		src.size += len(extra)
	}
	src.walk = func(yield func(*model.Instance) bool) {
		i := 0
		stopped := false
		base.walk(func(inst *model.Instance) bool {
			for ; i < len(extra) && q.compare(extra[i], inst) < 0; i++ {
				if !yield(extra[i]) {
					stopped = true
					return false
				}
			}
			if !yield(inst) {
				stopped = true
				return false
			}
			return true
		})
		for ; !stopped && i < len(extra); i++ {
			if !yield(extra[i]) {
				return
			}
		}
	}
	q.add(shows, src)
}

// longestTransition is how long after its start a lifecycle transition may
// still show a transitional status (model.Instance.StatusAt).
func longestTransition(d model.LifecycleDurations) time.Duration {
	return max(0, d.Pending, d.Starting, d.Stopping, d.Pending+d.Starting)
}

// unsettledTxn returns the owner's instances whose last lifecycle
// transition began after since: O(their number).
func unsettledTxn(txn *memdb.Txn, account, region string, since time.Time) []*model.Instance {
	it, err := txn.LowerBound(tableInstances, indexUnsettled, unsettledKey(account, region, since.Add(time.Nanosecond)))
	if err != nil {
		panic("engine: unsettled instances: " + err.Error())
	}
	var out []*model.Instance
	for obj := it.Next(); obj != nil; obj = it.Next() {
		inst := obj.(*model.Instance)
		if inst.AccountId != account || inst.RegionId != region {
			break
		}
		out = append(out, inst)
	}
	return out
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
		q := newListQuery(txn, instanceListing, account, req.RegionId)
		if len(req.InstanceId) > 0 {
			q.ids(req.InstanceId)
		}
		q.eq(dimZone, req.ZoneId)
		page, total, number, size, e := q.page(req.Paging, 10, 50)
		if e != nil {
			return e
		}
		now := s.now()
		resp.PageNumber, resp.PageSize, resp.TotalCount = number, size, total
		resp.InstanceStatuses.InstanceStatus = make([]model.InstanceStatusView, 0, len(page))
		for _, inst := range page {
			resp.InstanceStatuses.InstanceStatus = append(resp.InstanceStatuses.InstanceStatus,
				model.InstanceStatusView{InstanceId: inst.InstanceId, Status: string(inst.StatusAt(now, s.life))})
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}
