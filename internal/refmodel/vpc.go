package refmodel

// VPCs and vSwitches: their fixtures (the calls are in vpc_calls.go).

// Vpc is a VPC as the model keeps it.
type Vpc struct {
	VpcId     string
	AccountId string
	RegionId  string
	CidrBlock string
}

// VSwitch is a vSwitch as the model keeps it.
type VSwitch struct {
	VSwitchId string
	VpcId     string
	AccountId string
	RegionId  string
	ZoneId    string
	CidrBlock string
}

func (m *Model) vswitchFor(account, region, id string) *VSwitch {
	if v := m.vswitches[id]; v != nil && visible(account, region, v.AccountId, v.RegionId) {
		return v
	}
	return nil
}

func (m *Model) vpcFor(account, region, id string) *Vpc {
	if v := m.vpcs[id]; v != nil && visible(account, region, v.AccountId, v.RegionId) {
		return v
	}
	return nil
}

// PutVpc records a VPC the fixture stored with the CIDR block it has.
func (m *Model) PutVpc(account, region, id, cidr string) {
	m.accounts[account] = true
	m.vpcs[id] = &Vpc{VpcId: id, AccountId: account, RegionId: region, CidrBlock: cidr}
}

// PutVSwitch records a vSwitch; an empty zone is the region's first.
func (m *Model) PutVSwitch(account, region, id, vpcId, zone, cidr string) {
	m.accounts[account] = true
	if zone == "" {
		zone = regionZones[region][0]
	}
	m.vswitches[id] = &VSwitch{VSwitchId: id, VpcId: vpcId, AccountId: account, RegionId: region, ZoneId: zone, CidrBlock: cidr}
}

// VSwitchOf returns a copy of a vSwitch, or false.
func (m *Model) VSwitchOf(id string) (VSwitch, bool) {
	v := m.vswitches[id]
	if v == nil {
		return VSwitch{}, false
	}
	return *v, true
}

// VpcOf returns a copy of a VPC, or false.
func (m *Model) VpcOf(id string) (Vpc, bool) {
	v := m.vpcs[id]
	if v == nil {
		return Vpc{}, false
	}
	return *v, true
}
