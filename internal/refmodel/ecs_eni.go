package refmodel

import "slices"

// Elastic network interfaces. Their API calls are not modelled: the fixture
// stands in for them.

// ENI is an elastic network interface as the model keeps it. Ips holds the
// primary IP first, then the secondary ones.
type ENI struct {
	NetworkInterfaceId string
	AccountId          string
	RegionId           string
	ZoneId             string
	VpcId              string
	VSwitchId          string
	Ips                []string
	InstanceId         string
}

func (m *Model) eniFor(account, region, id string) *ENI {
	if n := m.enis[id]; n != nil && visible(account, region, n.AccountId, n.RegionId) {
		return n
	}
	return nil
}

// PutNetworkInterface records an ENI of a vSwitch with its IPs (primary
// first), attached to instanceId when that is set.
func (m *Model) PutNetworkInterface(account, region, id, vswitchId string, ips []string, instanceId string) {
	m.accounts[account] = true
	vsw := m.vswitches[vswitchId]
	m.enis[id] = &ENI{NetworkInterfaceId: id, AccountId: account, RegionId: region, ZoneId: vsw.ZoneId,
		VpcId: vsw.VpcId, VSwitchId: vswitchId, Ips: slices.Clone(ips), InstanceId: instanceId}
}

// ENIOf returns a copy of an ENI, or false.
func (m *Model) ENIOf(id string) (ENI, bool) {
	n := m.enis[id]
	if n == nil {
		return ENI{}, false
	}
	c := *n
	c.Ips = slices.Clone(n.Ips)
	return c, true
}
