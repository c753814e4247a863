package refmodel

// VPCs and vSwitches. Their API calls are not modelled: the fixtures stand in
// for them.

// Vpc is a VPC as the model keeps it.
type Vpc struct {
	VpcId     string
	AccountId string
	RegionId  string
}

// VSwitch is a vSwitch as the model keeps it.
type VSwitch struct {
	VSwitchId string
	VpcId     string
	AccountId string
	RegionId  string
	ZoneId    string
}

func (m *Model) vswitchFor(account, region, id string) *VSwitch {
	if v := m.vswitches[id]; v != nil && visible(account, region, v.AccountId, v.RegionId) {
		return v
	}
	return nil
}

// PutVpc records a VPC.
func (m *Model) PutVpc(account, region, id string) {
	m.accounts[account] = true
	m.vpcs[id] = &Vpc{VpcId: id, AccountId: account, RegionId: region}
}

// PutVSwitch records a vSwitch; an empty zone is the region's first.
func (m *Model) PutVSwitch(account, region, id, vpcId, zone string) {
	m.accounts[account] = true
	if zone == "" {
		zone = regionZones[region][0]
	}
	m.vswitches[id] = &VSwitch{VSwitchId: id, VpcId: vpcId, AccountId: account, RegionId: region, ZoneId: zone}
}

// VSwitchOf returns a copy of a vSwitch, or false.
func (m *Model) VSwitchOf(id string) (VSwitch, bool) {
	v := m.vswitches[id]
	if v == nil {
		return VSwitch{}, false
	}
	return *v, true
}
