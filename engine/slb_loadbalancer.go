package engine

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// loadBalancerSpecs are the performance-guaranteed specs CreateLoadBalancer
// accepts; an empty spec is a shared-performance LB.
var loadBalancerSpecs = []string{
	"slb.s1.small", "slb.s2.small", "slb.s2.medium", "slb.s3.small",
	"slb.s3.medium", "slb.s3.large", "slb.s3.xlarge", "slb.s3.xxlarge",
}

// CreateLoadBalancer creates an active LB, placed by model.PlaceLoadBalancer:
// an intranet LB with a VSwitchId is a VPC LB; an internet LB, or an intranet
// one without a vSwitch, is classic. AddressType defaults to intranet when
// the request names a VSwitchId (DOC: "if VSwitchId is set, AddressType
// defaults to intranet"), to internet otherwise. Address, when given, is the
// VPC LB's private address: it needs a VSwitchId (MissingParameter VSwitchId;
// on an internet LB, InvalidParameter Address) and must be an IPv4 address
// of the vSwitch's CIDR block that is not reserved
// (InvalidPrivateIpAddress.Malformed, InvalidPrivateIpAddress) and free
// (InvalidPrivateIpAddress.Duplicated); DOC for the rule, INF for the codes,
// which are the instances'. After the zones come the protection and charge
// parameters (slb_protection.go) and the Tag.N (slb_tags.go), before the
// network. ClientToken makes the call idempotent (idempotency.go): every
// parameter, the tags in their order included, is part of the parameters
// a repeated token must repeat.
func (s *Store) CreateLoadBalancer(account string, req *model.CreateLoadBalancerRequest) (*model.CreateLoadBalancerResponse, *model.Error) {
	var resp *model.CreateLoadBalancerResponse
	e := s.write(func(txn *memdb.Txn) *model.Error {
		var e *model.Error
		resp, e = idempotentTxn(txn, account, "CreateLoadBalancer", req.ClientToken, req, func() (*model.CreateLoadBalancerResponse, *model.Error) {
			lb, e := s.createLoadBalancerTxn(txn, account, req)
			if e != nil {
				return nil, e
			}
			return &model.CreateLoadBalancerResponse{
				LoadBalancerId: lb.LoadBalancerId, LoadBalancerName: lb.LoadBalancerName, Address: lb.Address,
				NetworkType: string(lb.NetworkType), VpcId: lb.VpcId, VSwitchId: lb.VSwitchId, AddressIPVersion: addressIPVersionOf(lb),
			}, nil
		})
		return e
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

func (s *Store) createLoadBalancerTxn(txn *memdb.Txn, account string, req *model.CreateLoadBalancerRequest) (*model.LoadBalancer, *model.Error) {
	region, e := regionTxn(txn, req.RegionId)
	if e != nil {
		return nil, e
	}
	ensureAccountTxn(txn, account)
	lb := &model.LoadBalancer{
		AccountId: account, RegionId: region.RegionId, AddressType: model.AddressType(req.AddressType),
		LoadBalancerName: req.LoadBalancerName, LoadBalancerSpec: req.LoadBalancerSpec, PayType: req.PayType,
		InternetChargeType: req.InternetChargeType, Bandwidth: req.Bandwidth, Status: model.LBActive,
		CreationTime: s.now().UTC(), Seq: s.nextSeq(), MasterZoneId: req.MasterZoneId, SlaveZoneId: req.SlaveZoneId,
	}
	if lb.AddressType == "" {
		lb.AddressType = model.AddressInternet
		if req.VSwitchId != "" {
			lb.AddressType = model.AddressIntranet
		}
	}
	if !lb.AddressType.Valid() {
		return nil, model.ErrInvalidParameterValue("AddressType")
	}
	switch req.AddressIPVersion {
	case "", ipv4:
		// ipv4's one spelling is "" (model.LoadBalancer.AddressIPVersion).
	case "ipv6":
		// DOC: an ipv6 LB is an internet LB with an IPv6 address; the fake
		// has no IPv6 addresses, and refuses it rather than make an IPv4 LB
		// (INF).
		return nil, model.ErrIPv6NotModelled()
	default:
		return nil, model.ErrInvalidParameterValue("AddressIPVersion")
	}
	if lb.LoadBalancerSpec != "" && !slices.Contains(loadBalancerSpecs, lb.LoadBalancerSpec) {
		return nil, model.ErrInvalidParameterValue("LoadBalancerSpec")
	}
	if utf8.RuneCountInString(lb.LoadBalancerName) > 80 {
		return nil, model.ErrInvalidParameterValue("LoadBalancerName")
	}
	switch lb.InternetChargeType {
	case "", "paybytraffic", "paybybandwidth":
	default:
		return nil, model.ErrInvalidParameterValue("InternetChargeType")
	}
	for _, z := range []string{lb.MasterZoneId, lb.SlaveZoneId} {
		if z != "" && !region.HasZone(z) {
			return nil, model.ErrZoneNotFound()
		}
	}
	if e := checkCreateProtection(lb, req); e != nil {
		return nil, e
	}
	if e := checkNewTags(req.Tag); e != nil {
		return nil, e
	}

	lb.LoadBalancerId = s.newIDTxn(txn, tableLoadBalancers, model.PrefixLoadBalancer, region.IDCode)
	var vsw *model.VSwitch
	switch {
	case req.VSwitchId != "":
		if lb.AddressType == model.AddressInternet {
			return nil, model.ErrInvalidParameterValue("VSwitchId")
		}
		vsw = vswitchTxn(txn, account, region.RegionId, req.VSwitchId)
		if vsw == nil {
			return nil, model.ErrVSwitchNotFound()
		}
		if req.VpcId != "" && req.VpcId != vsw.VpcId {
			return nil, model.ErrInvalidParameterValue("VpcId")
		}
	case req.VpcId != "":
		return nil, model.ErrMissingParameter("VSwitchId")
	}
	if req.Address != "" && vsw == nil {
		if lb.AddressType == model.AddressInternet {
			return nil, model.ErrInvalidParameterValue("Address")
		}
		return nil, model.ErrMissingParameter("VSwitchId")
	}
	pickZone := func() string { return region.Zones[s.pick(len(region.Zones))] }
	if e := placeLoadBalancerTxn(txn, lb, vsw, pickZone, req.Address); e != nil {
		return nil, e
	}
	insert(txn, tableLoadBalancers, lb)
	if e := setTagsTxn(txn, account, lb.RegionId, model.ResourceTypeInstance, lb.LoadBalancerId, lb.Seq, req.Tag); e != nil {
		return nil, e
	}
	return lb, nil
}

// placeLoadBalancerTxn settles what an LB's network decides, for
// CreateLoadBalancer and the fixture alike, by model.PlaceLoadBalancer: vsw is
// the LB's vSwitch, or nil. pickZone chooses the master zone when neither the
// LB nor its vSwitch gives one. It fills the defaults of the descriptive
// fields (model.FillLoadBalancerDefaults) and leases the address (want, when
// given).
func placeLoadBalancerTxn(txn *memdb.Txn, lb *model.LoadBalancer, vsw *model.VSwitch, pickZone func() string, want string) *model.Error {
	p := model.PlaceLoadBalancer(lb.AddressType, lb.MasterZoneId, vsw)
	lb.AddressType, lb.NetworkType, lb.VpcId, lb.VSwitchId, lb.MasterZoneId = p.AddressType, p.NetworkType, p.VpcId, p.VSwitchId, p.MasterZoneId
	if lb.MasterZoneId == "" {
		lb.MasterZoneId = pickZone()
	}
	model.FillLoadBalancerDefaults(&lb.LoadBalancerName, &lb.PayType, &lb.InternetChargeType)
	cidr := internetCIDR
	switch {
	case vsw != nil:
		cidr = vswitchCIDR(vsw)
	case lb.AddressType == model.AddressIntranet:
		cidr = classicCIDR
	}
	addr, e := allocateIPTxn(txn, lbPool(lb), cidr, want, lb.LoadBalancerId, privateIPErrors())
	if e != nil {
		return e
	}
	lb.Address = addr
	return nil
}

// lbPool is the address pool an LB's address comes from.
func lbPool(lb *model.LoadBalancer) string {
	switch {
	case lb.VSwitchId != "":
		return lb.VSwitchId
	case lb.AddressType == model.AddressInternet:
		return internetPool(lb.RegionId)
	default:
		return classicPool(lb.RegionId)
	}
}

// DeleteLoadBalancer deletes an LB, its backend list, its vServer groups with
// their members, its listeners, and the tags of all of them. A locked LB is
// refused, then one inside its configuring window, then one whose
// DeleteProtection is on (OperationDenied.DeleteProtectionIsOn, DOC; the
// order INF).
func (s *Store) DeleteLoadBalancer(account string, req *model.DeleteLoadBalancerRequest) (*model.DeleteLoadBalancerResponse, *model.Error) {
	e := s.write(func(txn *memdb.Txn) *model.Error {
		lb, e := mutableLoadBalancerTxn(txn, account, req.RegionId, req.LoadBalancerId)
		if e != nil {
			return e
		}
		if s.configuringTxn(lb) {
			return model.ErrServiceIsConfiguring()
		}
		if lb.DeleteProtection {
			return model.ErrDeleteProtectionIsOn()
		}
		for _, b := range backendsOfTxn(txn, lb.LoadBalancerId) {
			remove(txn, tableBackends, b)
		}
		deleteVServerGroupsOfTxn(txn, lb.LoadBalancerId)
		deleteListenersOfTxn(txn, lb.LoadBalancerId)
		removeResourceTagsTxn(txn, model.ResourceTypeInstance, lb.LoadBalancerId)
		releaseIPTxn(txn, lbPool(lb), lb.Address)
		remove(txn, tableLoadBalancers, lb)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.DeleteLoadBalancerResponse{}, nil
}

// mutableLoadBalancerTxn resolves an LB that the call may change: it exists
// for the caller and is not locked.
func mutableLoadBalancerTxn(txn *memdb.Txn, account, region, id string) (*model.LoadBalancer, *model.Error) {
	lb, e := loadBalancerInRegionTxn(txn, account, region, id)
	if e != nil {
		return nil, e
	}
	if lb.Status == model.LBLocked {
		return nil, model.ErrActionNotAllowedLocked()
	}
	return lb, nil
}

// SetLoadBalancerStatus sets an LB active or inactive.
func (s *Store) SetLoadBalancerStatus(account string, req *model.SetLoadBalancerStatusRequest) (*model.SetLoadBalancerStatusResponse, *model.Error) {
	e := s.write(func(txn *memdb.Txn) *model.Error {
		lb, e := mutableLoadBalancerTxn(txn, account, req.RegionId, req.LoadBalancerId)
		if e != nil {
			return e
		}
		if s.configuringTxn(lb) {
			return model.ErrServiceIsConfiguring()
		}
		status := model.LoadBalancerStatus(req.LoadBalancerStatus)
		switch status {
		case "":
			return model.ErrMissingParameter("LoadBalancerStatus")
		case model.LBActive, model.LBInactive:
		default:
			return model.ErrInvalidParameterValue("LoadBalancerStatus")
		}
		if status == lb.Status {
			return nil // already so: nothing written, not applied
		}
		updated := *lb
		updated.Status = status
		insert(txn, tableLoadBalancers, &updated)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.SetLoadBalancerStatusResponse{}, nil
}

// ipv4 is the AddressIPVersion every LB of the fake has.
const ipv4 = "ipv4"

// addressIPVersionOf returns an LB's shown AddressIPVersion.
func addressIPVersionOf(lb *model.LoadBalancer) string {
	if lb.AddressIPVersion == "" {
		return ipv4
	}
	return lb.AddressIPVersion
}

// DescribeLoadBalancers lists the caller's LBs of a region, in creation
// order, filtered and paged (listQuery: the page is walked from the
// smallest filter's index; ServerId goes through the backends' server
// index; each tag of Tags and Tag.N through the tags' index: an LB matches
// when it has every one, slb_tags.go). MasterZoneId, SlaveZoneId, PayType,
// InternetChargeType, InstanceChargeType and AddressIPVersion are not
// index-backed: they are checks on the rows the walk reads (listQuery.check),
// compared with the field as the answer shows it. Six more list dimensions
// would cost every LB write their keys and pairs in the counts table, for
// filters that callers give rarely and mostly with an indexed one.
func (s *Store) DescribeLoadBalancers(account string, req *model.DescribeLoadBalancersRequest) (*model.DescribeLoadBalancersResponse, *model.Error) {
	resp := &model.DescribeLoadBalancersResponse{}
	e := s.read(func(txn *memdb.Txn) *model.Error {
		if _, e := regionTxn(txn, req.RegionId); e != nil {
			return e
		}
		q := newListQuery(txn, loadBalancerListing, account, req.RegionId)
		if req.LoadBalancerId != "" {
			q.ids(strings.Split(req.LoadBalancerId, ","))
		}
		q.eq(dimName, req.LoadBalancerName)
		q.eq(dimAddressType, req.AddressType)
		q.eq(dimNetworkType, req.NetworkType)
		q.eq(dimVpc, req.VpcId)
		q.eq(dimVSwitch, req.VSwitchId)
		q.eq(dimAddress, req.Address)
		q.eq(dimStatus, req.LoadBalancerStatus)
		if req.ServerId != "" {
			q.ids(loadBalancersOfServerTxn(txn, req.ServerId))
		}
		for _, f := range []struct {
			want string
			have func(*model.LoadBalancer) string
		}{
			{req.MasterZoneId, func(lb *model.LoadBalancer) string { return lb.MasterZoneId }},
			{req.SlaveZoneId, func(lb *model.LoadBalancer) string { return lb.SlaveZoneId }},
			{req.PayType, func(lb *model.LoadBalancer) string { return lb.PayType }},
			{req.InternetChargeType, func(lb *model.LoadBalancer) string { return lb.InternetChargeType }},
			{req.InstanceChargeType, chargeTypeOf},
			{req.AddressIPVersion, addressIPVersionOf},
		} {
			if f.want != "" {
				want, have := f.want, f.have
				q.check(func(lb *model.LoadBalancer) bool { return have(lb) == want })
			}
		}
		conds, e := describeTagConds(req.Tags, req.Tag)
		if e != nil {
			return e
		}
		for _, c := range conds {
			tagFilter(q, c)
		}
		page, total, number, size, e := q.page(req.Paging, 10, 100)
		if e != nil {
			return e
		}
		resp.PageNumber, resp.PageSize, resp.TotalCount = number, size, total
		resp.LoadBalancers.LoadBalancer = make([]model.LoadBalancerView, 0, len(page))
		for _, lb := range page {
			v := loadBalancerView(lb)
			v.Tags = tagListTxn(txn, model.ResourceTypeInstance, lb.LoadBalancerId)
			resp.LoadBalancers.LoadBalancer = append(resp.LoadBalancers.LoadBalancer, v)
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

// matches is the rule of an optional filter: empty matches everything.
func matches(filter, value string) bool { return filter == "" || filter == value }

func sortBySeq[T any](xs []*T, seq func(*T) uint64) {
	slices.SortFunc(xs, func(a, b *T) int {
		sa, sb := seq(a), seq(b)
		switch {
		case sa < sb:
			return -1
		case sa > sb:
			return 1
		}
		return 0
	})
}

// DescribeLoadBalancerAttribute returns an LB with its default server group
// and its listeners' ports and protocols.
func (s *Store) DescribeLoadBalancerAttribute(account string, req *model.DescribeLoadBalancerAttributeRequest) (*model.DescribeLoadBalancerAttributeResponse, *model.Error) {
	resp := &model.DescribeLoadBalancerAttributeResponse{}
	e := s.read(func(txn *memdb.Txn) *model.Error {
		lb, e := loadBalancerInRegionTxn(txn, account, req.RegionId, req.LoadBalancerId)
		if e != nil {
			return e
		}
		resp.LoadBalancerView = loadBalancerView(lb)
		resp.Tags = tagListTxn(txn, model.ResourceTypeInstance, lb.LoadBalancerId)
		resp.BackendServers = backendServersView(backendsOfTxn(txn, lb.LoadBalancerId), true)
		resp.ListenerPorts, resp.ListenerPortsAndProtocol, resp.ListenerPortsAndProtocal = listenerPortsViews(listenersOfTxn(txn, lb.LoadBalancerId))
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

func loadBalancerView(lb *model.LoadBalancer) model.LoadBalancerView {
	return model.LoadBalancerView{
		LoadBalancerId: lb.LoadBalancerId, LoadBalancerName: lb.LoadBalancerName,
		LoadBalancerStatus: string(lb.Status), Address: lb.Address, AddressType: string(lb.AddressType),
		AddressIPVersion: addressIPVersionOf(lb), NetworkType: string(lb.NetworkType), VpcId: lb.VpcId, VSwitchId: lb.VSwitchId,
		RegionId: lb.RegionId, RegionIdAlias: lb.RegionId, MasterZoneId: lb.MasterZoneId, SlaveZoneId: lb.SlaveZoneId,
		LoadBalancerSpec: lb.LoadBalancerSpec, PayType: lb.PayType, InternetChargeType: lb.InternetChargeType,
		Bandwidth: lb.Bandwidth, CreateTime: lb.CreationTime.Format("2006-01-02T15:04Z"),
		CreateTimeStamp:  lb.CreationTime.UnixMilli(),
		DeleteProtection: deleteProtectionOf(lb), ModificationProtectionStatus: modificationStatusOf(lb),
		ModificationProtectionReason: lb.ModificationProtectionReason, InstanceChargeType: chargeTypeOf(lb),
	}
}

// backendServersView renders a backend list. full adds ServerIp and VpcId to
// every element (DescribeLoadBalancerAttribute); otherwise only eni backends
// carry their ServerIp (Add/Remove/Set responses, as in the documentation's
// example response).
func backendServersView(backends []*model.Backend, full bool) model.BackendServers {
	out := model.BackendServers{BackendServer: make([]model.BackendServerView, 0, len(backends))}
	for _, b := range backends {
		v := model.BackendServerView{ServerId: b.ServerId, Weight: b.Weight, Type: string(b.Type), Description: b.Description}
		if full || b.Type != model.ServerECS {
			v.ServerIp = b.ServerIp
		}
		if full {
			v.VpcId = b.VpcId
		}
		out.BackendServer = append(out.BackendServer, v)
	}
	return out
}
