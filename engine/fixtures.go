package engine

import (
	"errors"
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
// an ordinary Go error on misuse, and the zero row, and changes nothing then.
//
// A fixture takes the row it stores, but not every field of it is the test's
// to set. The engine owns the bookkeeping fields (Seq everywhere; an
// instance's Transition and TransitionAt; an LB's NextBackendSeq and
// ConfiguringUntil): a row that sets one is refused, so that nothing the test
// wrote is silently overwritten. The fields a fixture derives from the row's
// references (the network type, VPC and zone that a vSwitch decides, an ENI's
// status) may be left empty or given their derived value; any other value is
// refused too.

// put runs a fixture's transaction and names the fixture in its error.
func (s *Store) put(name string, fn func(txn *memdb.Txn) error) error {
	if err := s.fixture(fn); err != nil {
		return fmt.Errorf("engine fixture: %s: %w", name, err)
	}
	return nil
}

// ownedField is a field the engine sets itself, and whether the row sets it.
type ownedField struct {
	name string
	set  bool
}

// refuseOwned returns an error naming the first engine-owned field the row
// sets, or nil.
func refuseOwned(fields ...ownedField) error {
	for _, f := range fields {
		if f.set {
			return fmt.Errorf("field %s is owned by the engine and must be left zero", f.name)
		}
	}
	return nil
}

// checkDerived refuses a field the fixture derives when the row gives it a
// value other than the derived one; empty is always accepted.
func checkDerived[T ~string](name string, given, derived T, from string) error {
	if given != "" && given != derived {
		return fmt.Errorf("field %s is %q, but %s makes it %q: leave it empty", name, given, from, derived)
	}
	return nil
}

func fixtureRegion(txn *memdb.Txn, account, region string) (*model.Region, error) {
	if account == "" {
		return nil, errors.New("AccountId is required")
	}
	r, e := regionTxn(txn, region)
	if e != nil {
		return nil, fmt.Errorf("unknown region %q", region)
	}
	ensureAccountTxn(txn, account)
	return r, nil
}

// firstOf returns the first non-nil error, or nil.
func firstOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// wrapAPIError turns the API error of an engine helper into a fixture's Go
// error: its code and message, prefixed by what was being done.
func wrapAPIError(e *model.Error, format string, args ...any) error {
	return fmt.Errorf("%s: %s: %s", fmt.Sprintf(format, args...), e.Code, e.Message)
}

// PutVpc stores a VPC. VpcId, VRouterId and RouteTableId are drawn when
// empty; CidrBlock defaults to 172.16.0.0/12, Status to Available,
// CreationTime to the clock's time. Seq is the engine's. It returns the
// stored VPC.
func (s *Store) PutVpc(v model.Vpc) (model.Vpc, error) {
	err := s.put("PutVpc", func(txn *memdb.Txn) error {
		if err := refuseOwned(ownedField{"Seq", v.Seq != 0}); err != nil {
			return err
		}
		r, err := fixtureRegion(txn, v.AccountId, v.RegionId)
		if err != nil {
			return err
		}
		if v.VpcId == "" {
			v.VpcId = s.newIDTxn(txn, tableVpcs, model.PrefixVpc, r.IDCode)
		}
		if first(txn, tableVpcs, indexID, v.VpcId) != nil {
			return fmt.Errorf("VPC %s exists", v.VpcId)
		}
		if v.CidrBlock == "" {
			v.CidrBlock = "172.16.0.0/12"
		}
		if _, err := netip.ParsePrefix(v.CidrBlock); err != nil {
			return fmt.Errorf("CidrBlock %q: %w", v.CidrBlock, err)
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
	if err != nil {
		return model.Vpc{}, err
	}
	return v, nil
}

// PutVSwitch stores a vSwitch of an existing VPC. VSwitchId is drawn when
// empty; ZoneId defaults to the region's first zone; CidrBlock must lie in the
// VPC's (default: the VPC's first /24). Seq is the engine's.
func (s *Store) PutVSwitch(v model.VSwitch) (model.VSwitch, error) {
	err := s.put("PutVSwitch", func(txn *memdb.Txn) error {
		if err := refuseOwned(ownedField{"Seq", v.Seq != 0}); err != nil {
			return err
		}
		r, err := fixtureRegion(txn, v.AccountId, v.RegionId)
		if err != nil {
			return err
		}
		vpc := vpcTxn(txn, v.AccountId, v.RegionId, v.VpcId)
		if vpc == nil {
			return fmt.Errorf("VPC %q not found for account %s in %s", v.VpcId, v.AccountId, v.RegionId)
		}
		if v.ZoneId == "" {
			v.ZoneId = r.Zones[0]
		}
		if !r.HasZone(v.ZoneId) {
			return fmt.Errorf("zone %q not in %s", v.ZoneId, r.RegionId)
		}
		vpcNet := netip.MustParsePrefix(vpc.CidrBlock)
		if v.CidrBlock == "" {
			v.CidrBlock = netip.PrefixFrom(vpcNet.Masked().Addr(), 24).String()
		}
		p, err := netip.ParsePrefix(v.CidrBlock)
		if err != nil || !vpcNet.Contains(p.Addr()) || p.Bits() < vpcNet.Bits() {
			return fmt.Errorf("CidrBlock %q not inside VPC %s", v.CidrBlock, vpc.CidrBlock)
		}
		if v.VSwitchId == "" {
			v.VSwitchId = s.newIDTxn(txn, tableVSwitches, model.PrefixVSwitch, r.IDCode)
		}
		if first(txn, tableVSwitches, indexID, v.VSwitchId) != nil {
			return fmt.Errorf("vSwitch %s exists", v.VSwitchId)
		}
		if v.Status == "" {
			v.Status = "Available"
		}
		s.stamp(&v.CreationTime, &v.Seq)
		insert(txn, tableVSwitches, &v)
		return nil
	})
	if err != nil {
		return model.VSwitch{}, err
	}
	return v, nil
}

// PutInstance stores an ECS instance. With a VSwitchId it is a VPC instance of
// that vSwitch's VPC and zone; without, a classic one (ZoneId defaults to the
// region's first zone). NetworkType, VpcId and, with a vSwitch, ZoneId follow
// from that. InstanceId is drawn when empty, Status defaults to Running,
// PrivateIp is leased (the given one if set). Seq, Transition and
// TransitionAt are the engine's.
func (s *Store) PutInstance(i model.Instance) (model.Instance, error) {
	err := s.put("PutInstance", func(txn *memdb.Txn) error {
		if err := refuseOwned(ownedField{"Seq", i.Seq != 0}, ownedField{"Transition", i.Transition != model.TransitionNone},
			ownedField{"TransitionAt", !i.TransitionAt.IsZero()}); err != nil {
			return err
		}
		r, err := fixtureRegion(txn, i.AccountId, i.RegionId)
		if err != nil {
			return err
		}
		// The derived fields are checked before anything is drawn; a missing
		// vSwitch is reported where it always was, after the ID is drawn.
		var vsw *model.VSwitch
		if i.VSwitchId != "" {
			vsw = vswitchTxn(txn, i.AccountId, i.RegionId, i.VSwitchId)
		}
		switch {
		case vsw != nil:
			from := "vSwitch " + vsw.VSwitchId
			if err := firstOf(checkDerived("NetworkType", i.NetworkType, model.NetworkVPC, from),
				checkDerived("VpcId", i.VpcId, vsw.VpcId, from), checkDerived("ZoneId", i.ZoneId, vsw.ZoneId, from)); err != nil {
				return err
			}
		case i.VSwitchId == "":
			if err := firstOf(checkDerived("NetworkType", i.NetworkType, model.NetworkClassic, "no VSwitchId"),
				checkDerived("VpcId", i.VpcId, "", "no VSwitchId")); err != nil {
				return err
			}
		}
		if i.InstanceId == "" {
			i.InstanceId = s.newIDTxn(txn, tableInstances, model.PrefixInstance, r.IDCode)
		}
		if first(txn, tableInstances, indexID, i.InstanceId) != nil {
			return fmt.Errorf("instance %s exists", i.InstanceId)
		}
		if i.Status == "" {
			i.Status = model.StatusRunning
		}
		if !i.Status.Valid() {
			return fmt.Errorf("unknown status %q", i.Status)
		}
		if i.InstanceType == "" {
			i.InstanceType = "ecs.g7.large"
		}
		if i.VSwitchId != "" && vsw == nil {
			return fmt.Errorf("vSwitch %q not found", i.VSwitchId)
		}
		pool, cidr := classicPool(r.RegionId), classicCIDR
		if vsw != nil {
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
			return wrapAPIError(e, "PrivateIp %q", i.PrivateIp)
		}
		i.PrivateIp = ip
		s.stamp(&i.CreationTime, &i.Seq)
		insert(txn, tableInstances, &i)
		return nil
	})
	if err != nil {
		return model.Instance{}, err
	}
	return i, nil
}

// PutNetworkInterface stores an ENI in an existing vSwitch, attached to
// InstanceId when that is set (the instance must be in the same VPC). VpcId
// and ZoneId are the vSwitch's, Status is InUse when attached and Available
// otherwise. NetworkInterfaceId is drawn when empty; PrimaryIpAddress and
// each SecondaryIps element are leased (the given ones if set; an empty
// element draws one). Seq is the engine's.
func (s *Store) PutNetworkInterface(n model.NetworkInterface) (model.NetworkInterface, error) {
	err := s.put("PutNetworkInterface", func(txn *memdb.Txn) error {
		if err := refuseOwned(ownedField{"Seq", n.Seq != 0}); err != nil {
			return err
		}
		r, err := fixtureRegion(txn, n.AccountId, n.RegionId)
		if err != nil {
			return err
		}
		vsw := vswitchTxn(txn, n.AccountId, n.RegionId, n.VSwitchId)
		if vsw == nil {
			return fmt.Errorf("vSwitch %q not found", n.VSwitchId)
		}
		status := model.ENIAvailable
		if n.InstanceId != "" {
			status = model.ENIInUse
		}
		from := "vSwitch " + vsw.VSwitchId
		if err := firstOf(checkDerived("VpcId", n.VpcId, vsw.VpcId, from), checkDerived("ZoneId", n.ZoneId, vsw.ZoneId, from),
			checkDerived("Status", n.Status, status, fmt.Sprintf("InstanceId %q", n.InstanceId))); err != nil {
			return err
		}
		n.VpcId, n.ZoneId, n.Status = vsw.VpcId, vsw.ZoneId, status
		if n.NetworkInterfaceId == "" {
			n.NetworkInterfaceId = s.newIDTxn(txn, tableENIs, model.PrefixENI, r.IDCode)
		}
		if first(txn, tableENIs, indexID, n.NetworkInterfaceId) != nil {
			return fmt.Errorf("ENI %s exists", n.NetworkInterfaceId)
		}
		if n.InstanceId != "" {
			inst := instanceTxn(txn, n.AccountId, n.RegionId, n.InstanceId)
			if inst == nil || inst.VpcId != n.VpcId {
				return fmt.Errorf("instance %q not found in VPC %s", n.InstanceId, n.VpcId)
			}
		}
		ip, e := allocateIPTxn(txn, vsw.VSwitchId, vswitchCIDR(vsw), n.PrimaryIpAddress, n.NetworkInterfaceId, eniIPErrors())
		if e != nil {
			return wrapAPIError(e, "PrimaryIpAddress %q", n.PrimaryIpAddress)
		}
		n.PrimaryIpAddress = ip
		n.SecondaryIps = append([]string(nil), n.SecondaryIps...)
		for i, want := range n.SecondaryIps {
			ip, e := allocateIPTxn(txn, vsw.VSwitchId, vswitchCIDR(vsw), want, n.NetworkInterfaceId, eniIPErrors())
			if e != nil {
				return wrapAPIError(e, "secondary IP %q", want)
			}
			n.SecondaryIps[i] = ip
		}
		s.stamp(&n.CreationTime, &n.Seq)
		insert(txn, tableENIs, &n)
		return nil
	})
	if err != nil {
		return model.NetworkInterface{}, err
	}
	return n, nil
}

// PutLoadBalancer stores an LB, placed as CreateLoadBalancer places one
// (model.PlaceLoadBalancer): with a VSwitchId it is an intranet VPC LB in the
// vSwitch's VPC; otherwise AddressType (default internet) decides, on the
// classic network. NetworkType and VpcId follow, and so does AddressType with
// a vSwitch. MasterZoneId defaults to the vSwitch's zone, else the region's
// first; the descriptive fields take CreateLoadBalancer's defaults. Status
// defaults to active and may be locked. AddressIPVersion is empty or ipv4
// (stored empty). LoadBalancerId is drawn when empty;
// Address is leased (the given one if set). Seq, NextBackendSeq and
// ConfiguringUntil are the engine's.
func (s *Store) PutLoadBalancer(lb model.LoadBalancer) (model.LoadBalancer, error) {
	err := s.put("PutLoadBalancer", func(txn *memdb.Txn) error {
		if err := refuseOwned(ownedField{"Seq", lb.Seq != 0}, ownedField{"NextBackendSeq", lb.NextBackendSeq != 0},
			ownedField{"ConfiguringUntil", !lb.ConfiguringUntil.IsZero()}); err != nil {
			return err
		}
		r, err := fixtureRegion(txn, lb.AccountId, lb.RegionId)
		if err != nil {
			return err
		}
		if lb.AddressType != "" && !lb.AddressType.Valid() {
			return fmt.Errorf("unknown AddressType %q", lb.AddressType)
		}
		switch lb.AddressIPVersion {
		case "", ipv4:
			lb.AddressIPVersion = "" // ipv4's one spelling
		default:
			return fmt.Errorf("AddressIPVersion %q: the fake's LBs are ipv4", lb.AddressIPVersion)
		}
		// The derived fields are checked before anything is drawn; a missing
		// vSwitch is reported where it always was, after the ID is drawn.
		var vsw *model.VSwitch
		if lb.VSwitchId != "" {
			vsw = vswitchTxn(txn, lb.AccountId, lb.RegionId, lb.VSwitchId)
		}
		if vsw != nil || lb.VSwitchId == "" {
			p, from := model.PlaceLoadBalancer(lb.AddressType, lb.MasterZoneId, vsw), "no VSwitchId"
			if vsw != nil {
				from = "vSwitch " + vsw.VSwitchId
			}
			if err := firstOf(checkDerived("AddressType", lb.AddressType, p.AddressType, from),
				checkDerived("NetworkType", lb.NetworkType, p.NetworkType, from), checkDerived("VpcId", lb.VpcId, p.VpcId, from)); err != nil {
				return err
			}
		}
		if lb.LoadBalancerId == "" {
			lb.LoadBalancerId = s.newIDTxn(txn, tableLoadBalancers, model.PrefixLoadBalancer, r.IDCode)
		}
		if first(txn, tableLoadBalancers, indexID, lb.LoadBalancerId) != nil {
			return fmt.Errorf("LB %s exists", lb.LoadBalancerId)
		}
		if lb.Status == "" {
			lb.Status = model.LBActive
		}
		if !lb.Status.Valid() {
			return fmt.Errorf("unknown LB status %q", lb.Status)
		}
		if lb.VSwitchId != "" && vsw == nil {
			return fmt.Errorf("vSwitch %q not found", lb.VSwitchId)
		}
		firstZone := func() string { return r.Zones[0] }
		if e := placeLoadBalancerTxn(txn, &lb, vsw, firstZone, lb.Address); e != nil {
			return wrapAPIError(e, "Address %q", lb.Address)
		}
		s.stamp(&lb.CreationTime, &lb.Seq)
		insert(txn, tableLoadBalancers, &lb)
		return nil
	})
	if err != nil {
		return model.LoadBalancer{}, err
	}
	return lb, nil
}

// ForceInstanceStatus moves an instance to any status, bypassing the lifecycle.
func (s *Store) ForceInstanceStatus(instanceId string, status model.InstanceStatus) error {
	return s.put("ForceInstanceStatus", func(txn *memdb.Txn) error {
		if !status.Valid() {
			return fmt.Errorf("unknown status %q", status)
		}
		inst, _ := first(txn, tableInstances, indexID, instanceId).(*model.Instance)
		if inst == nil {
			return fmt.Errorf("instance %q not found", instanceId)
		}
		updated := *inst
		updated.Status, updated.Transition = status, model.TransitionNone
		insert(txn, tableInstances, &updated)
		return nil
	})
}

// ForceLoadBalancerStatus moves an LB to any status, locked included.
func (s *Store) ForceLoadBalancerStatus(lbId string, status model.LoadBalancerStatus) error {
	return s.put("ForceLoadBalancerStatus", func(txn *memdb.Txn) error {
		if !status.Valid() {
			return fmt.Errorf("unknown LB status %q", status)
		}
		lb, _ := first(txn, tableLoadBalancers, indexID, lbId).(*model.LoadBalancer)
		if lb == nil {
			return fmt.Errorf("LB %q not found", lbId)
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
