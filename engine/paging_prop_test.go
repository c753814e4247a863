package engine

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/model"
	"pgregory.net/rapid"
)

// TestListsAgainstAFullScan builds random worlds (two accounts, two regions,
// VPCs, vSwitches, instances through fixtures and RunInstances, their
// lifecycle on a clock that moves, ENIs, LBs, backends, deletions, Load of
// a Dump, Restore of a Snapshot) and, after every step, asks every list
// call with random filters and paging. Each answer must be the one a full
// scan gives: every row of the owner, filtered, sorted by Seq, paged
// (what the list calls did before listQuery); errors included.
func TestListsAgainstAFullScan(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		w := newListWorld(rt)
		rt.Repeat(w.actions())
	})
}

var (
	lwAccounts = []string{"1111111111111111", "2222222222222222"}
	lwRegions  = []string{"cn-hangzhou", "cn-beijing"}
)

type listWorld struct {
	s     *Store
	clock time.Time
	life  model.LifecycleDurations
	// Every ID handed out (deleted ones stay), for fixtures and filters.
	vpcs, vsws, insts, enis, lbs []string
}

func newListWorld(rt *rapid.T) *listWorld {
	w := &listWorld{clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	if rapid.Bool().Draw(rt, "lifecycle") {
		w.life = model.LifecycleDurations{Pending: time.Second, Starting: 2 * time.Second, Stopping: time.Second}
	}
	s, err := New(Config{IDs: model.NewIDSource(rapid.Uint64().Draw(rt, "seed")), Now: func() time.Time { return w.clock }, Lifecycle: w.life})
	if err != nil {
		rt.Fatal(err)
	}
	w.s = s
	return w
}

func (w *listWorld) owner(rt *rapid.T) (string, string) {
	// Mostly the first account and region.
	a := lwAccounts[rapid.IntRange(0, 5).Draw(rt, "account")/5]
	r := lwRegions[rapid.IntRange(0, 5).Draw(rt, "region")/5]
	return a, r
}

// pick draws one of ids, or an unknown one.
func pick(rt *rapid.T, ids []string, label string) string {
	i := rapid.IntRange(-1, len(ids)-1).Draw(rt, label)
	if i < 0 {
		return "x-unknown"
	}
	return ids[i]
}

func (w *listWorld) vswitchOf(id string) *model.VSwitch {
	v, _ := first(w.s.db.Load().Txn(false), tableVSwitches, indexID, id).(*model.VSwitch)
	return v
}

func (w *listWorld) actions() map[string]func(*rapid.T) {
	return map[string]func(*rapid.T){
		"vpc": func(rt *rapid.T) {
			a, r := w.owner(rt)
			v, err := w.s.PutVpc(model.Vpc{AccountId: a, RegionId: r, CidrBlock: "10.0.0.0/8",
				VpcName: rapid.SampledFrom([]string{"", "web", "db"}).Draw(rt, "name")})
			if err == nil {
				w.vpcs = append(w.vpcs, v.VpcId)
			}
		},
		"vswitch": func(rt *rapid.T) {
			if len(w.vpcs) == 0 {
				rt.Skip()
			}
			vpcId := rapid.SampledFrom(w.vpcs).Draw(rt, "vpc")
			vpc, _ := first(w.s.db.Load().Txn(false), tableVpcs, indexID, vpcId).(*model.Vpc)
			r := model.Regions()[0]
			for _, reg := range model.Regions() {
				if reg.RegionId == vpc.RegionId {
					r = reg
				}
			}
			v, err := w.s.PutVSwitch(model.VSwitch{AccountId: vpc.AccountId, RegionId: vpc.RegionId, VpcId: vpcId,
				ZoneId: rapid.SampledFrom(r.Zones[:2]).Draw(rt, "zone"), CidrBlock: fmt.Sprintf("10.%d.0.0/28", len(w.vsws))})
			if err == nil {
				w.vsws = append(w.vsws, v.VSwitchId)
			}
		},
		"instance": func(rt *rapid.T) {
			a, r := w.owner(rt)
			inst := model.Instance{AccountId: a, RegionId: r,
				Status: rapid.SampledFrom([]model.InstanceStatus{model.StatusRunning, model.StatusStopped, model.StatusStarting}).Draw(rt, "status")}
			if len(w.vsws) > 0 && rapid.Bool().Draw(rt, "vpc") {
				vsw := w.vswitchOf(rapid.SampledFrom(w.vsws).Draw(rt, "vsw"))
				inst.AccountId, inst.RegionId, inst.VSwitchId = vsw.AccountId, vsw.RegionId, vsw.VSwitchId
			}
			if got, err := w.s.PutInstance(inst); err == nil {
				w.insts = append(w.insts, got.InstanceId)
			}
		},
		"run": func(rt *rapid.T) {
			a, r := w.owner(rt)
			req := &model.RunInstancesRequest{RegionId: r, ImageId: "img", InstanceType: "ecs.g7.large", Amount: rapid.IntRange(1, 3).Draw(rt, "amount")}
			if len(w.vsws) > 0 && rapid.Bool().Draw(rt, "vpc") {
				vsw := w.vswitchOf(rapid.SampledFrom(w.vsws).Draw(rt, "vsw"))
				a, req.RegionId, req.VSwitchId = vsw.AccountId, vsw.RegionId, vsw.VSwitchId
			}
			if resp, e := w.s.RunInstances(a, req); e == nil {
				w.insts = append(w.insts, resp.InstanceIdSets.InstanceIdSet...)
			}
		},
		"lifecycle": func(rt *rapid.T) {
			id := pick(rt, w.insts, "inst")
			inst, _ := first(w.s.db.Load().Txn(false), tableInstances, indexID, id).(*model.Instance)
			if inst == nil {
				rt.Skip()
			}
			switch rapid.IntRange(0, 2).Draw(rt, "action") {
			case 0:
				w.s.StartInstance(inst.AccountId, &model.StartInstanceRequest{RegionId: inst.RegionId, InstanceId: id})
			case 1:
				w.s.StopInstance(inst.AccountId, &model.StopInstanceRequest{RegionId: inst.RegionId, InstanceId: id})
			default:
				w.s.DeleteInstance(inst.AccountId, &model.DeleteInstanceRequest{RegionId: inst.RegionId, InstanceId: id, Force: true})
			}
		},
		"clock": func(rt *rapid.T) {
			w.clock = w.clock.Add(time.Duration(rapid.IntRange(-1, 4).Draw(rt, "seconds")) * time.Second / 2)
		},
		"eni": func(rt *rapid.T) {
			if len(w.vsws) == 0 {
				rt.Skip()
			}
			vsw := w.vswitchOf(rapid.SampledFrom(w.vsws).Draw(rt, "vsw"))
			n := model.NetworkInterface{AccountId: vsw.AccountId, RegionId: vsw.RegionId, VSwitchId: vsw.VSwitchId}
			if id := pick(rt, w.insts, "inst"); rapid.Bool().Draw(rt, "attached") {
				n.InstanceId = id
			}
			if got, err := w.s.PutNetworkInterface(n); err == nil {
				w.enis = append(w.enis, got.NetworkInterfaceId)
			}
		},
		"eniChange": func(rt *rapid.T) {
			id := pick(rt, w.enis, "eni")
			eni, _ := first(w.s.db.Load().Txn(false), tableENIs, indexID, id).(*model.NetworkInterface)
			if eni == nil {
				rt.Skip()
			}
			switch rapid.IntRange(0, 2).Draw(rt, "action") {
			case 0:
				w.s.AttachNetworkInterface(eni.AccountId, &model.AttachNetworkInterfaceRequest{RegionId: eni.RegionId, NetworkInterfaceId: id, InstanceId: pick(rt, w.insts, "inst")})
			case 1:
				w.s.DetachNetworkInterface(eni.AccountId, &model.DetachNetworkInterfaceRequest{RegionId: eni.RegionId, NetworkInterfaceId: id, InstanceId: eni.InstanceId})
			default:
				w.s.DeleteNetworkInterface(eni.AccountId, &model.DeleteNetworkInterfaceRequest{RegionId: eni.RegionId, NetworkInterfaceId: id})
			}
		},
		"lb": func(rt *rapid.T) {
			a, r := w.owner(rt)
			lb := model.LoadBalancer{AccountId: a, RegionId: r, LoadBalancerName: rapid.SampledFrom([]string{"", "web", "api"}).Draw(rt, "name"),
				Status: rapid.SampledFrom([]model.LoadBalancerStatus{"", model.LBInactive, model.LBLocked}).Draw(rt, "status")}
			switch rapid.IntRange(0, 2).Draw(rt, "kind") {
			case 0:
				if len(w.vsws) > 0 {
					vsw := w.vswitchOf(rapid.SampledFrom(w.vsws).Draw(rt, "vsw"))
					lb.AccountId, lb.RegionId, lb.VSwitchId = vsw.AccountId, vsw.RegionId, vsw.VSwitchId
				}
			case 1:
				lb.AddressType = model.AddressIntranet
			}
			if got, err := w.s.PutLoadBalancer(lb); err == nil {
				w.lbs = append(w.lbs, got.LoadBalancerId)
			}
		},
		"lbChange": func(rt *rapid.T) {
			id := pick(rt, w.lbs, "lb")
			lb, _ := first(w.s.db.Load().Txn(false), tableLoadBalancers, indexID, id).(*model.LoadBalancer)
			if lb == nil {
				rt.Skip()
			}
			switch rapid.IntRange(0, 3).Draw(rt, "action") {
			case 0:
				w.s.SetLoadBalancerStatus(lb.AccountId, &model.SetLoadBalancerStatusRequest{RegionId: lb.RegionId, LoadBalancerId: id,
					LoadBalancerStatus: rapid.SampledFrom([]string{"active", "inactive"}).Draw(rt, "status")})
			case 1:
				w.s.DeleteLoadBalancer(lb.AccountId, &model.DeleteLoadBalancerRequest{RegionId: lb.RegionId, LoadBalancerId: id})
			default:
				servers := rapid.SliceOfN(rapid.Custom(func(rt *rapid.T) string { return pick(rt, w.insts, "server") }), 1, 3).Draw(rt, "servers")
				var elems []string
				for _, s := range servers {
					elems = append(elems, `{"ServerId":"`+s+`"}`)
				}
				req := &model.AddBackendServersRequest{RegionId: lb.RegionId, LoadBalancerId: id, BackendServers: "[" + strings.Join(elems, ",") + "]"}
				if rapid.Bool().Draw(rt, "remove") {
					w.s.RemoveBackendServers(lb.AccountId, req)
				} else {
					w.s.AddBackendServers(lb.AccountId, req)
				}
			}
		},
		"reload": func(rt *rapid.T) {
			if err := w.s.Load(w.s.Dump()); err != nil {
				rt.Fatal(err)
			}
		},
		"restore": func(rt *rapid.T) {
			w.s.Restore(w.s.Snapshot())
		},
		"": w.checkLists,
	}
}

// listPaging draws paging, valid or not.
func listPaging(rt *rapid.T) model.Paging {
	return model.Paging{
		PageNumber: rapid.SampledFrom([]int{0, 0, 1, 2, 3, -1, 1 << 62}).Draw(rt, "pageNumber"),
		PageSize:   rapid.SampledFrom([]int{0, 0, 1, 2, 3, 50, 100, 101, -1}).Draw(rt, "pageSize"),
	}
}

// scanPage is the full scan: rows sorted by Seq, paged as pageOf did.
func scanPage[T any](rows []T, seq func(*T) uint64, p model.Paging, def, max int) (page []T, total, number, size int, e *model.Error) {
	slices.SortStableFunc(rows, func(a, b T) int { return cmp.Compare(seq(&a), seq(&b)) })
	number, size = p.PageNumber, p.PageSize
	if number == 0 {
		number = 1
	}
	if size == 0 {
		size = def
	}
	if number < 1 {
		return nil, 0, 0, 0, model.ErrInvalidParameterValue("PageNumber")
	}
	if size < 1 || size > max {
		return nil, 0, 0, 0, model.ErrInvalidParameterValue("PageSize")
	}
	n := len(rows)
	lo := n
	if number-1 <= n/size {
		lo = min((number-1)*size, n)
	}
	hi := min(lo+size, n)
	return rows[lo:hi], n, number, size, nil
}

// filterValue draws a filter: none, a value some row has, or another.
func filterValue(rt *rapid.T, label string, values []string) string {
	switch rapid.IntRange(0, 3).Draw(rt, label+"Kind") {
	case 0, 1:
		return ""
	case 2:
		if len(values) > 0 {
			return rapid.SampledFrom(values).Draw(rt, label)
		}
	}
	return "other"
}

// listResult is what a list call answered, for comparison.
type listResult struct {
	IDs                         []string
	Statuses                    []string
	Total, PageNumber, PageSize int
	Err                         string
}

// column is one string of each row, in order; nil for no rows.
func column[R any](rows []R, f func(*R) string) []string {
	var out []string
	for i := range rows {
		out = append(out, f(&rows[i]))
	}
	return out
}

// resultOf is a list call's outcome: its error alone, or its page.
func resultOf(e *model.Error, total, number, size int, ids, statuses []string) listResult {
	if e != nil {
		return listResult{Err: string(e.Code) + ": " + e.Message}
	}
	return listResult{IDs: ids, Statuses: statuses, Total: total, PageNumber: number, PageSize: size}
}

func (w *listWorld) checkLists(rt *rapid.T) {
	st := w.s.Dump()
	account, region := w.owner(rt)
	owned := func(a, r string) bool { return a == account && r == region }
	compare := func(call string, got, want listResult) {
		if fmt.Sprint(got) != fmt.Sprint(want) {
			rt.Fatalf("%s: got %+v, want %+v", call, got, want)
		}
	}

	// DescribeLoadBalancers.
	{
		var names, vpcs, vsws, addrs []string
		for _, lb := range st.LoadBalancers {
			names, vpcs, vsws, addrs = append(names, lb.LoadBalancerName), append(vpcs, lb.VpcId), append(vsws, lb.VSwitchId), append(addrs, lb.Address)
		}
		req := &model.DescribeLoadBalancersRequest{RegionId: region, Paging: listPaging(rt),
			LoadBalancerName: filterValue(rt, "name", names), AddressType: filterValue(rt, "addressType", []string{"internet", "intranet"}),
			NetworkType: filterValue(rt, "networkType", []string{"vpc", "classic"}), VpcId: filterValue(rt, "vpcId", vpcs),
			VSwitchId: filterValue(rt, "vSwitchId", vsws), Address: filterValue(rt, "address", addrs),
			LoadBalancerStatus: filterValue(rt, "status", []string{"active", "inactive", "locked"}),
			ServerId:           filterValue(rt, "serverId", w.insts)}
		if rapid.IntRange(0, 3).Draw(rt, "lbIds") == 0 {
			req.LoadBalancerId = strings.Join(rapid.SliceOfN(rapid.Custom(func(rt *rapid.T) string { return pick(rt, w.lbs, "lbId") }), 0, 4).Draw(rt, "ids"), ",")
		}
		var ids []string
		if req.LoadBalancerId != "" {
			ids = strings.Split(req.LoadBalancerId, ",")
		}
		var rows []model.LoadBalancer
		for _, lb := range st.LoadBalancers {
			if !owned(lb.AccountId, lb.RegionId) || (ids != nil && !slices.Contains(ids, lb.LoadBalancerId)) ||
				!matches(req.LoadBalancerName, lb.LoadBalancerName) || !matches(req.AddressType, string(lb.AddressType)) ||
				!matches(req.NetworkType, string(lb.NetworkType)) || !matches(req.VpcId, lb.VpcId) ||
				!matches(req.VSwitchId, lb.VSwitchId) || !matches(req.Address, lb.Address) ||
				!matches(req.LoadBalancerStatus, string(lb.Status)) {
				continue
			}
			if req.ServerId != "" && !slices.ContainsFunc(st.Backends, func(b model.Backend) bool {
				return b.LoadBalancerId == lb.LoadBalancerId && b.ServerId == req.ServerId
			}) {
				continue
			}
			rows = append(rows, lb)
		}
		page, total, number, size, e := scanPage(rows, func(lb *model.LoadBalancer) uint64 { return lb.Seq }, req.Paging, 10, 100)
		want := resultOf(e, total, number, size, column(page, func(lb *model.LoadBalancer) string { return lb.LoadBalancerId }), nil)
		resp, ge := w.s.DescribeLoadBalancers(account, req)
		got := resultOf(ge, 0, 0, 0, nil, nil)
		if ge == nil {
			got = resultOf(nil, resp.TotalCount, resp.PageNumber, resp.PageSize,
				column(resp.LoadBalancers.LoadBalancer, func(v *model.LoadBalancerView) string { return v.LoadBalancerId }), nil)
		}
		compare(fmt.Sprintf("DescribeLoadBalancers %+v", *req), got, want)
	}

	// DescribeInstances and DescribeInstanceStatus.
	{
		var vpcs, vsws, zones []string
		for _, i := range st.Instances {
			vpcs, vsws, zones = append(vpcs, i.VpcId), append(vsws, i.VSwitchId), append(zones, i.ZoneId)
		}
		req := &model.DescribeInstancesRequest{RegionId: region, Paging: listPaging(rt),
			VpcId: filterValue(rt, "vpcId", vpcs), VSwitchId: filterValue(rt, "vSwitchId", vsws), ZoneId: filterValue(rt, "zoneId", zones),
			Status:              filterValue(rt, "status", []string{"Pending", "Starting", "Running", "Stopping", "Stopped"}),
			InstanceNetworkType: filterValue(rt, "networkType", []string{"vpc", "classic"})}
		var ids []string
		switch rapid.IntRange(0, 4).Draw(rt, "instanceIds") {
		case 0:
			ids = append([]string{}, rapid.SliceOfN(rapid.Custom(func(rt *rapid.T) string { return pick(rt, w.insts, "instId") }), 0, 4).Draw(rt, "ids")...)
			b, _ := json.Marshal(ids)
			req.InstanceIds = string(b)
		case 1:
			req.InstanceIds = rapid.SampledFrom([]string{"[", `"x"`, " "}).Draw(rt, "badIds")
		}
		now := w.clock
		var rows []model.Instance
		for _, i := range st.Instances {
			if !owned(i.AccountId, i.RegionId) || (ids != nil && !slices.Contains(ids, i.InstanceId)) ||
				!matches(req.VpcId, i.VpcId) || !matches(req.VSwitchId, i.VSwitchId) || !matches(req.ZoneId, i.ZoneId) ||
				!matches(req.Status, string(i.StatusAt(now, w.life))) || !matches(req.InstanceNetworkType, string(i.NetworkType)) {
				continue
			}
			rows = append(rows, i)
		}
		page, total, number, size, e := scanPage(rows, func(i *model.Instance) uint64 { return i.Seq }, req.Paging, 10, 100)
		if req.InstanceIds == "[" || req.InstanceIds == `"x"` {
			e = model.ErrInvalidParameterValue("InstanceIds")
		}
		instanceID := func(i *model.Instance) string { return i.InstanceId }
		statusNow := func(i *model.Instance) string { return string(i.StatusAt(now, w.life)) }
		want := resultOf(e, total, number, size, column(page, instanceID), column(page, statusNow))
		resp, ge := w.s.DescribeInstances(account, req)
		got := resultOf(ge, 0, 0, 0, nil, nil)
		if ge == nil {
			views := resp.Instances.Instance
			got = resultOf(nil, resp.TotalCount, resp.PageNumber, resp.PageSize,
				column(views, func(v *model.InstanceView) string { return v.InstanceId }),
				column(views, func(v *model.InstanceView) string { return v.Status }))
		}
		compare(fmt.Sprintf("DescribeInstances %+v", *req), got, want)

		sreq := &model.DescribeInstanceStatusRequest{RegionId: region, Paging: listPaging(rt), ZoneId: filterValue(rt, "zoneId", zones)}
		if rapid.IntRange(0, 3).Draw(rt, "statusIds") == 0 {
			sreq.InstanceId = rapid.SliceOfN(rapid.Custom(func(rt *rapid.T) string { return pick(rt, w.insts, "instId") }), 0, 4).Draw(rt, "ids")
		}
		rows = nil
		for _, i := range st.Instances {
			if !owned(i.AccountId, i.RegionId) || (len(sreq.InstanceId) > 0 && !slices.Contains(sreq.InstanceId, i.InstanceId)) || !matches(sreq.ZoneId, i.ZoneId) {
				continue
			}
			rows = append(rows, i)
		}
		page, total, number, size, e = scanPage(rows, func(i *model.Instance) uint64 { return i.Seq }, sreq.Paging, 10, 50)
		want = resultOf(e, total, number, size, column(page, instanceID), column(page, statusNow))
		sresp, ge := w.s.DescribeInstanceStatus(account, sreq)
		got = resultOf(ge, 0, 0, 0, nil, nil)
		if ge == nil {
			views := sresp.InstanceStatuses.InstanceStatus
			got = resultOf(nil, sresp.TotalCount, sresp.PageNumber, sresp.PageSize,
				column(views, func(v *model.InstanceStatusView) string { return v.InstanceId }),
				column(views, func(v *model.InstanceStatusView) string { return v.Status }))
		}
		compare(fmt.Sprintf("DescribeInstanceStatus %+v", *sreq), got, want)
	}

	// DescribeNetworkInterfaces.
	{
		var insts, vpcs, vsws []string
		for _, n := range st.NetworkInterfaces {
			insts, vpcs, vsws = append(insts, n.InstanceId), append(vpcs, n.VpcId), append(vsws, n.VSwitchId)
		}
		req := &model.DescribeNetworkInterfacesRequest{RegionId: region, Paging: listPaging(rt),
			InstanceId: filterValue(rt, "instanceId", insts), VpcId: filterValue(rt, "vpcId", vpcs), VSwitchId: filterValue(rt, "vSwitchId", vsws),
			Status: filterValue(rt, "status", []string{"Available", "InUse"})}
		if rapid.IntRange(0, 3).Draw(rt, "eniIds") == 0 {
			req.NetworkInterfaceId = rapid.SliceOfN(rapid.Custom(func(rt *rapid.T) string { return pick(rt, w.enis, "eniId") }), 0, 4).Draw(rt, "ids")
		}
		var rows []model.NetworkInterface
		for _, n := range st.NetworkInterfaces {
			if !owned(n.AccountId, n.RegionId) || (len(req.NetworkInterfaceId) > 0 && !slices.Contains(req.NetworkInterfaceId, n.NetworkInterfaceId)) ||
				!matches(req.InstanceId, n.InstanceId) || !matches(req.VpcId, n.VpcId) || !matches(req.VSwitchId, n.VSwitchId) ||
				!matches(req.Status, string(n.Status)) {
				continue
			}
			rows = append(rows, n)
		}
		page, total, number, size, e := scanPage(rows, func(n *model.NetworkInterface) uint64 { return n.Seq }, req.Paging, 10, 100)
		want := resultOf(e, total, number, size, column(page, func(n *model.NetworkInterface) string { return n.NetworkInterfaceId }), nil)
		resp, ge := w.s.DescribeNetworkInterfaces(account, req)
		got := resultOf(ge, 0, 0, 0, nil, nil)
		if ge == nil {
			got = resultOf(nil, resp.TotalCount, resp.PageNumber, resp.PageSize,
				column(resp.NetworkInterfaceSets.NetworkInterfaceSet, func(v *model.NetworkInterfaceView) string { return v.NetworkInterfaceId }), nil)
		}
		compare(fmt.Sprintf("DescribeNetworkInterfaces %+v", *req), got, want)
	}

	// DescribeVpcs and DescribeVSwitches (with each vSwitch's free count).
	{
		var names []string
		for _, v := range st.Vpcs {
			names = append(names, v.VpcName)
		}
		req := &model.DescribeVpcsRequest{RegionId: region, Paging: listPaging(rt), VpcName: filterValue(rt, "vpcName", names)}
		if rapid.IntRange(0, 3).Draw(rt, "vpcIds") == 0 {
			req.VpcId = strings.Join(rapid.SliceOfN(rapid.Custom(func(rt *rapid.T) string { return pick(rt, w.vpcs, "vpcId") }), 1, 3).Draw(rt, "ids"), ", ")
		}
		ids := splitList(req.VpcId)
		var rows []model.Vpc
		for _, v := range st.Vpcs {
			if owned(v.AccountId, v.RegionId) && (ids == nil || slices.Contains(ids, v.VpcId)) && matches(req.VpcName, v.VpcName) {
				rows = append(rows, v)
			}
		}
		page, total, number, size, e := scanPage(rows, func(v *model.Vpc) uint64 { return v.Seq }, req.Paging, 10, 50)
		want := resultOf(e, total, number, size, column(page, func(v *model.Vpc) string { return v.VpcId }), nil)
		resp, ge := w.s.DescribeVpcs(account, req)
		got := resultOf(ge, 0, 0, 0, nil, nil)
		if ge == nil {
			got = resultOf(nil, resp.TotalCount, resp.PageNumber, resp.PageSize,
				column(resp.Vpcs.Vpc, func(v *model.VpcView) string { return v.VpcId }), nil)
		}
		compare(fmt.Sprintf("DescribeVpcs %+v", *req), got, want)

		var vpcs, vsws, zones []string
		for _, v := range st.VSwitches {
			vpcs, vsws, zones = append(vpcs, v.VpcId), append(vsws, v.VSwitchId), append(zones, v.ZoneId)
		}
		sreq := &model.DescribeVSwitchesRequest{RegionId: region, Paging: listPaging(rt),
			VpcId: filterValue(rt, "vpcId", vpcs), VSwitchId: filterValue(rt, "vSwitchId", vsws), ZoneId: filterValue(rt, "zoneId", zones)}
		var vrows []model.VSwitch
		for _, v := range st.VSwitches {
			if owned(v.AccountId, v.RegionId) && matches(sreq.VpcId, v.VpcId) && matches(sreq.VSwitchId, v.VSwitchId) && matches(sreq.ZoneId, v.ZoneId) {
				vrows = append(vrows, v)
			}
		}
		vpage, total, number, size, e := scanPage(vrows, func(v *model.VSwitch) uint64 { return v.Seq }, sreq.Paging, 10, 50)
		free := func(v *model.VSwitch) string {
			leased := 0
			for _, l := range st.IPs {
				if l.Pool == v.VSwitchId {
					leased++
				}
			}
			return fmt.Sprint(max(16-vswitchReserved-leased, 0))
		}
		want = resultOf(e, total, number, size, column(vpage, func(v *model.VSwitch) string { return v.VSwitchId }), column(vpage, free))
		sresp, ge := w.s.DescribeVSwitches(account, sreq)
		got = resultOf(ge, 0, 0, 0, nil, nil)
		if ge == nil {
			views := sresp.VSwitches.VSwitch
			got = resultOf(nil, sresp.TotalCount, sresp.PageNumber, sresp.PageSize,
				column(views, func(v *model.VSwitchView) string { return v.VSwitchId }),
				column(views, func(v *model.VSwitchView) string { return fmt.Sprint(v.AvailableIpAddressCount) }))
		}
		compare(fmt.Sprintf("DescribeVSwitches %+v", *sreq), got, want)
	}
}
