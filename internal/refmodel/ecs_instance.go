package refmodel

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slbfake/slbfake/model"
)

// ECS instances: their fixtures and the lifecycle calls (README, fidelity
// table, "ECS and VPC").

// Instance is an ECS instance as the model keeps it.
type Instance struct {
	InstanceId  string
	AccountId   string
	RegionId    string
	ZoneId      string
	Status      model.InstanceStatus
	NetworkType model.NetworkType
	VpcId       string
	VSwitchId   string
	PrivateIp   string
}

func (m *Model) instanceFor(account, region, id string) *Instance {
	if i := m.instances[id]; i != nil && visible(account, region, i.AccountId, i.RegionId) {
		return i
	}
	return nil
}

// PutInstance records an instance. With a vSwitch it is a VPC instance of
// that vSwitch's VPC and zone (README, fidelity table, "Instance network
// type"); without, a classic one in zone
// (default: the region's first). An empty status is Running.
func (m *Model) PutInstance(account, region, id, vswitchId, zone string, status model.InstanceStatus, privateIp string) {
	m.accounts[account] = true
	if status == "" {
		status = model.StatusRunning
	}
	inst := &Instance{InstanceId: id, AccountId: account, RegionId: region, Status: status,
		NetworkType: model.NetworkClassic, PrivateIp: privateIp, ZoneId: zone}
	if vswitchId != "" {
		vsw := m.vswitches[vswitchId]
		inst.NetworkType, inst.VpcId, inst.VSwitchId, inst.ZoneId = model.NetworkVPC, vsw.VpcId, vsw.VSwitchId, vsw.ZoneId
	} else if inst.ZoneId == "" {
		inst.ZoneId = regionZones[region][0]
	}
	m.instances[id] = inst
}

// ForceInstanceStatus moves an instance to any status; nothing is detached.
func (m *Model) ForceInstanceStatus(id string, status model.InstanceStatus) {
	delete(m.transitions, id) // for good: no transition goes on
	m.instances[id].Status = status
}

// InstanceRequest is what RunInstances and CreateInstance have in common.
// DryRun: every check, then DryRunOperation instead of the instances (README,
// fidelity table, "DryRun"; DOC).
type InstanceRequest struct {
	RegionId, ZoneId, ImageId, InstanceType, VSwitchId, InstanceName string
	Amount                                                           int
	DryRun                                                           bool
}

// RunInstances is the model's RunInstances: Amount (default 1) instances
// that end Running. got lists what the fake assigned to each, in order. A
// ClientToken replays the first call's answer (idempotency.go); a dry run
// ignores it.
func (m *Model) RunInstances(account string, req *model.RunInstancesRequest, got []Assigned) (*model.RunInstancesResponse, *model.Error) {
	run := func() (*model.RunInstancesResponse, *model.Error) {
		ids, e := m.createInstances(account, InstanceRequest{RegionId: req.RegionId, ZoneId: req.ZoneId, ImageId: req.ImageId,
			InstanceType: req.InstanceType, VSwitchId: req.VSwitchId, InstanceName: req.InstanceName, Amount: req.Amount,
			DryRun: req.DryRun}, model.StatusRunning, got)
		if e != nil {
			return nil, e
		}
		return &model.RunInstancesResponse{InstanceIdSets: model.InstanceIdSets{InstanceIdSet: ids}}, nil
	}
	if req.DryRun {
		return run()
	}
	params := *req
	params.ClientToken = ""
	return idempotent(m, account, "RunInstances", req.ClientToken, params, run)
}

// CreateInstance is the model's CreateInstance: one instance that ends
// Stopped; ClientToken and DryRun as RunInstances.
func (m *Model) CreateInstance(account string, req *model.CreateInstanceRequest, got Assigned) (*model.CreateInstanceResponse, *model.Error) {
	create := func() (*model.CreateInstanceResponse, *model.Error) {
		ids, e := m.createInstances(account, InstanceRequest{RegionId: req.RegionId, ZoneId: req.ZoneId, ImageId: req.ImageId,
			InstanceType: req.InstanceType, VSwitchId: req.VSwitchId, InstanceName: req.InstanceName, Amount: 1,
			DryRun: req.DryRun}, model.StatusStopped, []Assigned{got})
		if e != nil {
			return nil, e
		}
		return &model.CreateInstanceResponse{InstanceId: ids[0]}, nil
	}
	if req.DryRun {
		return create()
	}
	params := *req
	params.ClientToken = ""
	return idempotent(m, account, "CreateInstance", req.ClientToken, params, create)
}

// createInstances checks, in the fake's documented order: RegionId; ImageId
// and InstanceType given; Amount 1..100 (0 is 1); InstanceName 2..128
// characters starting with a letter and not with http:// or https://; ZoneId
// in the region; the vSwitch exists for the caller and is in ZoneId. With a
// vSwitch the instances are VPC instances of its VPC and zone, otherwise
// classic ones in ZoneId (or the zone the fake drew). PrivateIpAddress is
// not modelled (address allocation is the fake's business).
func (m *Model) createInstances(account string, req InstanceRequest, status model.InstanceStatus, got []Assigned) ([]string, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	if req.ImageId == "" {
		return nil, model.ErrMissingParameter("ImageId")
	}
	if req.InstanceType == "" {
		return nil, model.ErrMissingParameter("InstanceType")
	}
	amount := req.Amount
	if amount == 0 {
		amount = 1
	}
	if amount < 1 || amount > 100 {
		return nil, model.ErrInvalidAmount()
	}
	if name := req.InstanceName; name != "" {
		n := utf8.RuneCountInString(name)
		r, _ := utf8.DecodeRuneInString(name)
		if n < 2 || n > 128 || !unicode.IsLetter(r) || strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
			return nil, model.ErrInvalidInstanceName()
		}
	}
	if req.ZoneId != "" && !slices.Contains(regionZones[req.RegionId], req.ZoneId) {
		return nil, model.ErrZoneNotFound()
	}
	var vsw *VSwitch
	if req.VSwitchId != "" {
		if vsw = m.vswitchFor(account, req.RegionId, req.VSwitchId); vsw == nil {
			return nil, model.ErrVSwitchNotFound()
		}
		if req.ZoneId != "" && req.ZoneId != vsw.ZoneId {
			return nil, model.ErrInvalidZoneIdMismatch()
		}
	}
	if req.DryRun {
		return nil, model.ErrDryRunOperation()
	}
	if len(got) != amount {
		// The fake did not create what the model expects: answer as the
		// model would, the test's comparison of IDs reports the difference.
		got = append(got, make([]Assigned, max(0, amount-len(got)))...)[:amount]
	}
	m.accounts[account] = true
	ids := []string{}
	for _, a := range got {
		inst := &Instance{InstanceId: a.Id, AccountId: account, RegionId: req.RegionId, Status: status,
			NetworkType: model.NetworkClassic, ZoneId: req.ZoneId, PrivateIp: a.Address}
		if vsw != nil {
			inst.NetworkType, inst.VpcId, inst.VSwitchId, inst.ZoneId = model.NetworkVPC, vsw.VpcId, vsw.VSwitchId, vsw.ZoneId
		} else if inst.ZoneId == "" {
			inst.ZoneId = a.Zone // drawn by the fake among the region's zones
		}
		m.instances[a.Id] = inst
		ids = append(ids, a.Id)
	}
	return ids, nil
}

// lifecycleInstance resolves the instance of Start, Stop and
// DeleteInstance. RegionId is optional there (the fake's documented choice:
// the real API does not list it); when given it must be known and the
// instance in it.
func (m *Model) lifecycleInstance(account, region, id string) (*Instance, *model.Error) {
	if region != "" {
		if e := checkRegion(region); e != nil {
			return nil, e
		}
	}
	if id == "" {
		return nil, model.ErrMissingParameter("InstanceId")
	}
	inst := m.instances[id]
	if inst == nil || inst.AccountId != account || (region != "" && inst.RegionId != region) {
		return nil, model.ErrInstanceNotFound()
	}
	return inst, nil
}

// StartInstance: Stopped to Running; any other status is
// IncorrectInstanceStatus (README, fidelity table, "Instance lifecycle").
func (m *Model) StartInstance(account string, req *model.StartInstanceRequest) (*model.StartInstanceResponse, *model.Error) {
	inst, e := m.lifecycleInstance(account, req.RegionId, req.InstanceId)
	if e != nil {
		return nil, e
	}
	if inst.Status != model.StatusStopped {
		return nil, model.ErrIncorrectInstanceStatus()
	}
	if req.DryRun {
		return nil, model.ErrDryRunOperation() // every check passed; nothing changes
	}
	inst.Status = model.StatusRunning
	return &model.StartInstanceResponse{}, nil
}

// StopInstance: Running to Stopped; the instance stays on its LBs (where
// it can no longer be added, being not Running).
func (m *Model) StopInstance(account string, req *model.StopInstanceRequest) (*model.StopInstanceResponse, *model.Error) {
	inst, e := m.lifecycleInstance(account, req.RegionId, req.InstanceId)
	if e != nil {
		return nil, e
	}
	if inst.Status != model.StatusRunning {
		return nil, model.ErrIncorrectInstanceStatus()
	}
	if req.DryRun {
		return nil, model.ErrDryRunOperation()
	}
	inst.Status = model.StatusStopped
	return &model.StopInstanceResponse{}, nil
}

// DeleteInstance: the instance must be Stopped unless Force (README, fidelity
// table, "DeleteInstance").
// It disappears from every LB's backend list, and the ENIs attached to it
// are detached: they stay, Available, and leave every LB's backend list
// (detachENI). DryRun: the checks, then DryRunOperation.
func (m *Model) DeleteInstance(account string, req *model.DeleteInstanceRequest) (*model.DeleteInstanceResponse, *model.Error) {
	inst, e := m.lifecycleInstance(account, req.RegionId, req.InstanceId)
	if e != nil {
		return nil, e
	}
	if inst.Status != model.StatusStopped && !req.Force {
		return nil, model.ErrIncorrectInstanceStatus()
	}
	if req.DryRun {
		return nil, model.ErrDryRunOperation()
	}
	delete(m.instances, inst.InstanceId)
	m.dropBackends(inst.InstanceId)
	for _, n := range m.enis {
		if n.InstanceId == inst.InstanceId {
			m.detachENI(n)
		}
	}
	return &model.DeleteInstanceResponse{}, nil
}

// InstanceOf returns a copy of an instance, or false.
func (m *Model) InstanceOf(id string) (Instance, bool) {
	i := m.instances[id]
	if i == nil {
		return Instance{}, false
	}
	return *i, true
}
