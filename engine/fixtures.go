package engine

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// Fixtures let a test build a world directly, with IDs of its choosing, and
// move resources to any status. They check references (a vSwitch's VPC
// exists, an instance's vSwitch exists, an IP is free) but none of the API's
// business rules: a fixture can build a world the API could not. Each returns
// a Go error on misuse and changes nothing then.

func fixtureErr(format string, args ...interface{}) *model.Error {
	return &model.Error{Code: "Fixture", Message: fmt.Sprintf(format, args...)}
}

func (s *Store) fixture(fn func(txn *memdb.Txn) *model.Error) error {
	if e := s.write(fn); e != nil {
		return fmt.Errorf("engine fixture: %s", e.Message)
	}
	return nil
}

func fixtureRegion(txn *memdb.Txn, account, region string) (*model.Region, *model.Error) {
	if account == "" {
		return nil, fixtureErr("AccountId is required")
	}
	r, e := regionTxn(txn, region)
	if e != nil {
		return nil, fixtureErr("unknown region %q", region)
	}
	ensureAccountTxn(txn, account)
	return r, nil
}

// PutVpc stores a VPC. VpcId is drawn when empty; CidrBlock defaults to
// 172.16.0.0/12. It returns the stored VPC.
func (s *Store) PutVpc(v model.Vpc) (model.Vpc, error) {
	err := s.fixture(func(txn *memdb.Txn) *model.Error {
		r, e := fixtureRegion(txn, v.AccountId, v.RegionId)
		if e != nil {
			return e
		}
		if v.VpcId == "" {
			v.VpcId = s.newIDTxn(txn, tableVpcs, model.PrefixVpc, r.IDCode)
		}
		if first(txn, tableVpcs, indexID, v.VpcId) != nil {
			return fixtureErr("VPC %s exists", v.VpcId)
		}
		if v.CidrBlock == "" {
			v.CidrBlock = "172.16.0.0/12"
		}
		if _, err := netip.ParsePrefix(v.CidrBlock); err != nil {
			return fixtureErr("CidrBlock %q: %v", v.CidrBlock, err)
		}
		if v.Status == "" {
			v.Status = "Available"
		}
		if v.VRouterId == "" {
			v.VRouterId = s.ids.NewID(model.PrefixVRouter, r.IDCode)
		}
		if v.RouteTableId == "" {
			v.RouteTableId = s.ids.NewID(model.PrefixRouteTable, r.IDCode)
		}
		s.stamp(&v.CreationTime, &v.Seq)
		insert(txn, tableVpcs, &v)
		return nil
	})
	return v, err
}

// PutVSwitch stores a vSwitch of an existing VPC. VSwitchId is drawn when
// empty; ZoneId defaults to the region's first zone; CidrBlock must lie in the
// VPC's (default: the VPC's first /24).
func (s *Store) PutVSwitch(v model.VSwitch) (model.VSwitch, error) {
	err := s.fixture(func(txn *memdb.Txn) *model.Error {
		r, e := fixtureRegion(txn, v.AccountId, v.RegionId)
		if e != nil {
			return e
		}
		vpc := vpcTxn(txn, v.AccountId, v.RegionId, v.VpcId)
		if vpc == nil {
			return fixtureErr("VPC %q not found for account %s in %s", v.VpcId, v.AccountId, v.RegionId)
		}
		if v.ZoneId == "" {
			v.ZoneId = r.Zones[0]
		}
		if !r.HasZone(v.ZoneId) {
			return fixtureErr("zone %q not in %s", v.ZoneId, r.RegionId)
		}
		vpcNet := netip.MustParsePrefix(vpc.CidrBlock)
		if v.CidrBlock == "" {
			v.CidrBlock = netip.PrefixFrom(vpcNet.Masked().Addr(), 24).String()
		}
		p, err := netip.ParsePrefix(v.CidrBlock)
		if err != nil || !vpcNet.Contains(p.Addr()) || p.Bits() < vpcNet.Bits() {
			return fixtureErr("CidrBlock %q not inside VPC %s", v.CidrBlock, vpc.CidrBlock)
		}
		if v.VSwitchId == "" {
			v.VSwitchId = s.newIDTxn(txn, tableVSwitches, model.PrefixVSwitch, r.IDCode)
		}
		if first(txn, tableVSwitches, indexID, v.VSwitchId) != nil {
			return fixtureErr("vSwitch %s exists", v.VSwitchId)
		}
		if v.Status == "" {
			v.Status = "Available"
		}
		s.stamp(&v.CreationTime, &v.Seq)
		insert(txn, tableVSwitches, &v)
		return nil
	})
	return v, err
}

// PutInstance stores an ECS instance. With a VSwitchId it is a VPC instance of
// that vSwitch's VPC and zone; without, a classic one. InstanceId is drawn when
// empty, Status defaults to Running, PrivateIp is leased (the given one if set).
func (s *Store) PutInstance(i model.Instance) (model.Instance, error) {
	err := s.fixture(func(txn *memdb.Txn) *model.Error {
		r, e := fixtureRegion(txn, i.AccountId, i.RegionId)
		if e != nil {
			return e
		}
		if i.InstanceId == "" {
			i.InstanceId = s.newIDTxn(txn, tableInstances, model.PrefixInstance, r.IDCode)
		}
		if first(txn, tableInstances, indexID, i.InstanceId) != nil {
			return fixtureErr("instance %s exists", i.InstanceId)
		}
		if i.Status == "" {
			i.Status = model.StatusRunning
		}
		if !i.Status.Valid() {
			return fixtureErr("unknown status %q", i.Status)
		}
		if i.InstanceType == "" {
			i.InstanceType = "ecs.g7.large"
		}
		pool, cidr := classicPool(r.RegionId), classicCIDR
		if i.VSwitchId != "" {
			vsw := vswitchTxn(txn, i.AccountId, i.RegionId, i.VSwitchId)
			if vsw == nil {
				return fixtureErr("vSwitch %q not found", i.VSwitchId)
			}
			i.NetworkType, i.VpcId, i.ZoneId = model.NetworkVPC, vsw.VpcId, vsw.ZoneId
			pool, cidr = vsw.VSwitchId, vswitchCIDR(vsw)
		} else {
			i.NetworkType, i.VpcId = model.NetworkClassic, ""
			if i.ZoneId == "" {
				i.ZoneId = r.Zones[0]
			}
		}
		ip, e := allocateIPTxn(txn, pool, cidr, i.PrivateIp, i.InstanceId, privateIPErrors())
		if e != nil {
			return fixtureErr("PrivateIp %q: %s", i.PrivateIp, e.Message)
		}
		i.PrivateIp = ip
		s.stamp(&i.CreationTime, &i.Seq)
		insert(txn, tableInstances, &i)
		return nil
	})
	return i, err
}

// PutNetworkInterface stores an ENI in an existing vSwitch, attached to
// InstanceId when that is set (the instance must be in the same VPC).
func (s *Store) PutNetworkInterface(n model.NetworkInterface) (model.NetworkInterface, error) {
	err := s.fixture(func(txn *memdb.Txn) *model.Error {
		r, e := fixtureRegion(txn, n.AccountId, n.RegionId)
		if e != nil {
			return e
		}
		vsw := vswitchTxn(txn, n.AccountId, n.RegionId, n.VSwitchId)
		if vsw == nil {
			return fixtureErr("vSwitch %q not found", n.VSwitchId)
		}
		n.VpcId, n.ZoneId = vsw.VpcId, vsw.ZoneId
		if n.NetworkInterfaceId == "" {
			n.NetworkInterfaceId = s.newIDTxn(txn, tableENIs, model.PrefixENI, r.IDCode)
		}
		if first(txn, tableENIs, indexID, n.NetworkInterfaceId) != nil {
			return fixtureErr("ENI %s exists", n.NetworkInterfaceId)
		}
		n.Status = model.ENIAvailable
		if n.InstanceId != "" {
			inst := instanceTxn(txn, n.AccountId, n.RegionId, n.InstanceId)
			if inst == nil || inst.VpcId != n.VpcId {
				return fixtureErr("instance %q not found in VPC %s", n.InstanceId, n.VpcId)
			}
			n.Status = model.ENIInUse
		}
		ip, e := allocateIPTxn(txn, vsw.VSwitchId, vswitchCIDR(vsw), n.PrimaryIpAddress, n.NetworkInterfaceId, eniIPErrors())
		if e != nil {
			return fixtureErr("PrimaryIpAddress %q: %s", n.PrimaryIpAddress, e.Message)
		}
		n.PrimaryIpAddress = ip
		n.SecondaryIps = append([]string(nil), n.SecondaryIps...)
		for i, want := range n.SecondaryIps {
			ip, e := allocateIPTxn(txn, vsw.VSwitchId, vswitchCIDR(vsw), want, n.NetworkInterfaceId, eniIPErrors())
			if e != nil {
				return fixtureErr("secondary IP %q: %s", want, e.Message)
			}
			n.SecondaryIps[i] = ip
		}
		s.stamp(&n.CreationTime, &n.Seq)
		insert(txn, tableENIs, &n)
		return nil
	})
	return n, err
}

// PutLoadBalancer stores an LB. With a VSwitchId it is an intranet VPC LB;
// otherwise AddressType (default internet) decides. Status defaults to active
// and may be locked. Address is leased (the given one if set).
func (s *Store) PutLoadBalancer(lb model.LoadBalancer) (model.LoadBalancer, error) {
	err := s.fixture(func(txn *memdb.Txn) *model.Error {
		r, e := fixtureRegion(txn, lb.AccountId, lb.RegionId)
		if e != nil {
			return e
		}
		if lb.LoadBalancerId == "" {
			lb.LoadBalancerId = s.newIDTxn(txn, tableLoadBalancers, model.PrefixLoadBalancer, r.IDCode)
		}
		if first(txn, tableLoadBalancers, indexID, lb.LoadBalancerId) != nil {
			return fixtureErr("LB %s exists", lb.LoadBalancerId)
		}
		if lb.Status == "" {
			lb.Status = model.LBActive
		}
		if !lb.Status.Valid() {
			return fixtureErr("unknown LB status %q", lb.Status)
		}
		var vsw *model.VSwitch
		if lb.VSwitchId != "" {
			if vsw = vswitchTxn(txn, lb.AccountId, lb.RegionId, lb.VSwitchId); vsw == nil {
				return fixtureErr("vSwitch %q not found", lb.VSwitchId)
			}
		}
		if lb.MasterZoneId == "" && vsw == nil {
			lb.MasterZoneId = r.Zones[0]
		}
		if e := placeLoadBalancerTxn(txn, &lb, vsw, lb.Address); e != nil {
			return fixtureErr("Address %q: %s", lb.Address, e.Message)
		}
		lb.NextBackendSeq = 0
		s.stamp(&lb.CreationTime, &lb.Seq)
		insert(txn, tableLoadBalancers, &lb)
		return nil
	})
	return lb, err
}

// ForceInstanceStatus moves an instance to any status, bypassing the lifecycle.
func (s *Store) ForceInstanceStatus(instanceId string, status model.InstanceStatus) error {
	return s.fixture(func(txn *memdb.Txn) *model.Error {
		if !status.Valid() {
			return fixtureErr("unknown status %q", status)
		}
		inst, _ := first(txn, tableInstances, indexID, instanceId).(*model.Instance)
		if inst == nil {
			return fixtureErr("instance %q not found", instanceId)
		}
		updated := *inst
		updated.Status, updated.Transition = status, model.TransitionNone
		insert(txn, tableInstances, &updated)
		return nil
	})
}

// ForceLoadBalancerStatus moves an LB to any status, locked included.
func (s *Store) ForceLoadBalancerStatus(lbId string, status model.LoadBalancerStatus) error {
	return s.fixture(func(txn *memdb.Txn) *model.Error {
		if !status.Valid() {
			return fixtureErr("unknown LB status %q", status)
		}
		lb, _ := first(txn, tableLoadBalancers, indexID, lbId).(*model.LoadBalancer)
		if lb == nil {
			return fixtureErr("LB %q not found", lbId)
		}
		updated := *lb
		updated.Status = status
		insert(txn, tableLoadBalancers, &updated)
		return nil
	})
}

// stamp sets a creation time (unless given) and the creation sequence.
func (s *Store) stamp(t *time.Time, seq *uint64) {
	if t.IsZero() {
		*t = s.now().UTC()
	}
	*seq = s.nextSeq()
}
