package engine_test

// DescribeLoadBalancers' filters that no index answers (MasterZoneId,
// SlaveZoneId, PayType, InternetChargeType, InstanceChargeType,
// AddressIPVersion) and CreateLoadBalancer's AddressIPVersion.

import (
	"fmt"
	"slices"
	"testing"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

var filterZones = []string{"cn-hangzhou-g", "cn-hangzhou-h", "cn-hangzhou-i"}

// lbFilters is a draw of DescribeLoadBalancers' filters, with the field of
// the answer each one must equal.
type lbFilter struct {
	name  string
	set   func(*model.DescribeLoadBalancersRequest, string)
	field func(model.LoadBalancerView) string
	// values are the values drawn, one of which no LB can have.
	values []string
}

var lbFilters = []lbFilter{
	{"MasterZoneId", func(r *model.DescribeLoadBalancersRequest, v string) { r.MasterZoneId = v },
		func(v model.LoadBalancerView) string { return v.MasterZoneId }, append(slices.Clone(filterZones), "no-such-zone")},
	{"SlaveZoneId", func(r *model.DescribeLoadBalancersRequest, v string) { r.SlaveZoneId = v },
		func(v model.LoadBalancerView) string { return v.SlaveZoneId }, append(slices.Clone(filterZones), "no-such-zone")},
	{"PayType", func(r *model.DescribeLoadBalancersRequest, v string) { r.PayType = v },
		func(v model.LoadBalancerView) string { return v.PayType }, []string{"PayOnDemand", "PrePay"}},
	{"InternetChargeType", func(r *model.DescribeLoadBalancersRequest, v string) { r.InternetChargeType = v },
		func(v model.LoadBalancerView) string { return v.InternetChargeType }, []string{"paybytraffic", "paybybandwidth", "PayByTraffic"}},
	{"InstanceChargeType", func(r *model.DescribeLoadBalancersRequest, v string) { r.InstanceChargeType = v },
		func(v model.LoadBalancerView) string { return v.InstanceChargeType }, []string{"PayBySpec", "PayByCLCU", "spec"}},
	{"AddressIPVersion", func(r *model.DescribeLoadBalancersRequest, v string) { r.AddressIPVersion = v },
		func(v model.LoadBalancerView) string { return v.AddressIPVersion }, []string{"ipv4", "ipv6"}},
	// Indexed filters, so that checks meet sources and pairs of counts.
	{"AddressType", func(r *model.DescribeLoadBalancersRequest, v string) { r.AddressType = v },
		func(v model.LoadBalancerView) string { return v.AddressType }, []string{"internet", "intranet"}},
	{"LoadBalancerStatus", func(r *model.DescribeLoadBalancersRequest, v string) { r.LoadBalancerStatus = v },
		func(v model.LoadBalancerView) string { return v.LoadBalancerStatus }, []string{"active", "inactive"}},
}

// describeAll pages through DescribeLoadBalancers with size, checking that
// every page reports the same TotalCount and that the pages add up to it.
func describeAll(t require.TestingT, s *engine.Store, req model.DescribeLoadBalancersRequest, size int) []model.LoadBalancerView {
	var all []model.LoadBalancerView
	total := -1
	for page := 1; ; page++ {
		req.PageNumber, req.PageSize = page, size
		resp, e := s.DescribeLoadBalancers(testAccount, &req)
		require.Nil(t, e)
		if total < 0 {
			total = resp.TotalCount
		}
		require.Equal(t, total, resp.TotalCount, "page %d", page)
		all = append(all, resp.LoadBalancers.LoadBalancer...)
		if len(resp.LoadBalancers.LoadBalancer) < size {
			break
		}
	}
	require.Len(t, all, total, "the pages hold TotalCount LBs")
	return all
}

func ids(views []model.LoadBalancerView) []string {
	out := make([]string, 0, len(views))
	for _, v := range views {
		out = append(out, v.LoadBalancerId)
	}
	return out
}

// TestDescribeLoadBalancersFiltersProperty: LBs with drawn zones, charge
// types and statuses; a drawn set of filters. Every LB returned, across the
// pages, matches every filter; every LB that matches (judged on the
// unfiltered listing's fields) is returned, once and in creation order.
func TestDescribeLoadBalancersFiltersProperty(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		s := newTestStore(rt)
		n := rapid.IntRange(0, 25).Draw(rt, "lbs")
		for i := range n {
			req := model.CreateLoadBalancerRequest{
				AddressType:        rapid.SampledFrom([]string{"internet", "intranet"}).Draw(rt, "addressType"),
				MasterZoneId:       rapid.SampledFrom(append([]string{""}, filterZones...)).Draw(rt, "master"),
				SlaveZoneId:        rapid.SampledFrom(append([]string{""}, filterZones...)).Draw(rt, "slave"),
				PayType:            rapid.SampledFrom([]string{"", "PayOnDemand", "PrePay"}).Draw(rt, "payType"),
				InternetChargeType: rapid.SampledFrom([]string{"", "paybytraffic", "paybybandwidth"}).Draw(rt, "ict"),
				AddressIPVersion:   rapid.SampledFrom([]string{"", "ipv4"}).Draw(rt, "ipVersion"),
			}
			if req.InternetChargeType != "paybybandwidth" && rapid.Bool().Draw(rt, "clcu") {
				req.InstanceChargeType = "PayByCLCU"
			}
			resp, e := createLB(s, req)
			require.Nil(rt, e, "LB %d: %+v", i, req)
			if rapid.IntRange(0, 3).Draw(rt, "inactive") == 0 {
				_, e := s.SetLoadBalancerStatus(testAccount, &model.SetLoadBalancerStatusRequest{RegionId: testRegion,
					LoadBalancerId: resp.LoadBalancerId, LoadBalancerStatus: "inactive"})
				require.Nil(rt, e)
			}
		}
		every := describeAll(rt, s, model.DescribeLoadBalancersRequest{RegionId: testRegion}, 100)
		require.Len(rt, every, n)

		req := model.DescribeLoadBalancersRequest{RegionId: testRegion}
		var given []lbFilter
		var values []string
		for _, f := range lbFilters {
			if rapid.IntRange(0, 2).Draw(rt, "use "+f.name) == 0 {
				v := rapid.SampledFrom(f.values).Draw(rt, f.name)
				f.set(&req, v)
				given, values = append(given, f), append(values, v)
			}
		}
		size := rapid.IntRange(1, 7).Draw(rt, "pageSize")
		got := describeAll(rt, s, req, size)
		var want []string
		for _, v := range every {
			ok := true
			for i, f := range given {
				ok = ok && f.field(v) == values[i]
			}
			if ok {
				want = append(want, v.LoadBalancerId)
			}
		}
		for _, v := range got {
			for i, f := range given {
				require.Equal(rt, values[i], f.field(v), "%s of %s", f.name, v.LoadBalancerId)
			}
		}
		require.Equal(rt, fmt.Sprint(want), fmt.Sprint(ids(got)), "every match, once, in creation order")
	})
}

// The audit's cases: a filter on a value no LB has returns none, and
// InstanceChargeType=PayByCLCU only the LBs billed so.
func TestDescribeLoadBalancersFilterExamples(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	spec, e := createLB(s, model.CreateLoadBalancerRequest{MasterZoneId: "cn-hangzhou-g", SlaveZoneId: "cn-hangzhou-h"})
	require.Nil(t, e)
	clcu, e := createLB(s, model.CreateLoadBalancerRequest{MasterZoneId: "cn-hangzhou-h", InstanceChargeType: "PayByCLCU",
		InternetChargeType: "paybytraffic", PayType: "PayOnDemand"})
	require.Nil(t, e)
	bw, e := createLB(s, model.CreateLoadBalancerRequest{MasterZoneId: "cn-hangzhou-g", InternetChargeType: "paybybandwidth", Bandwidth: 10})
	require.Nil(t, e)
	for _, tc := range []struct {
		req  model.DescribeLoadBalancersRequest
		want []string
	}{
		{model.DescribeLoadBalancersRequest{InstanceChargeType: "PayByCLCU"}, []string{clcu.LoadBalancerId}},
		{model.DescribeLoadBalancersRequest{InstanceChargeType: "PayBySpec"}, []string{spec.LoadBalancerId, bw.LoadBalancerId}},
		{model.DescribeLoadBalancersRequest{MasterZoneId: "no-such-zone"}, nil},
		{model.DescribeLoadBalancersRequest{MasterZoneId: "cn-hangzhou-g"}, []string{spec.LoadBalancerId, bw.LoadBalancerId}},
		{model.DescribeLoadBalancersRequest{SlaveZoneId: "cn-hangzhou-h"}, []string{spec.LoadBalancerId}},
		{model.DescribeLoadBalancersRequest{PayType: "PrePay"}, nil},
		{model.DescribeLoadBalancersRequest{PayType: "PayOnDemand"}, []string{spec.LoadBalancerId, clcu.LoadBalancerId, bw.LoadBalancerId}},
		{model.DescribeLoadBalancersRequest{InternetChargeType: "paybybandwidth"}, []string{bw.LoadBalancerId}},
		{model.DescribeLoadBalancersRequest{AddressIPVersion: "ipv6"}, nil},
		{model.DescribeLoadBalancersRequest{AddressIPVersion: "ipv4", MasterZoneId: "cn-hangzhou-h"}, []string{clcu.LoadBalancerId}},
	} {
		tc.req.RegionId = testRegion
		resp, e := s.DescribeLoadBalancers(testAccount, &tc.req)
		require.Nil(t, e)
		assert.Equal(t, len(tc.want), resp.TotalCount, "%+v", tc.req)
		assert.Equal(t, fmt.Sprint(tc.want), fmt.Sprint(ids(resp.LoadBalancers.LoadBalancer)), "%+v", tc.req)
	}
}

// CreateLoadBalancer: ipv4 (or nothing) makes an ipv4 LB, shown as such;
// ipv6 is refused as not modelled and any other value as invalid, and a
// refused call creates nothing.
func TestCreateLoadBalancerAddressIPVersion(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	for _, v := range []string{"", "ipv4"} {
		resp, e := createLB(s, model.CreateLoadBalancerRequest{AddressIPVersion: v})
		require.Nil(t, e)
		assert.Equal(t, "ipv4", resp.AddressIPVersion)
		attr, e := s.DescribeLoadBalancerAttribute(testAccount, &model.DescribeLoadBalancerAttributeRequest{RegionId: testRegion,
			LoadBalancerId: resp.LoadBalancerId})
		require.Nil(t, e)
		assert.Equal(t, "ipv4", attr.AddressIPVersion)
	}
	before := s.Dump()
	for _, tc := range []struct {
		v    string
		want *model.Error
	}{
		{"ipv6", model.ErrIPv6NotModelled()},
		{"IPv4", model.ErrInvalidParameterValue("AddressIPVersion")},
		{"dual", model.ErrInvalidParameterValue("AddressIPVersion")},
	} {
		_, e := createLB(s, model.CreateLoadBalancerRequest{AddressIPVersion: tc.v})
		requireAPIError(t, tc.want, e)
	}
	require.Equal(t, before, s.Dump(), "a refused create changes nothing")
	for _, lb := range before.LoadBalancers {
		assert.Empty(t, lb.AddressIPVersion, "ipv4's one stored spelling")
	}
}

// The fixture takes ipv4 and refuses ipv6.
func TestPutLoadBalancerAddressIPVersion(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	lb, err := s.PutLoadBalancer(model.LoadBalancer{AccountId: testAccount, RegionId: testRegion, AddressIPVersion: "ipv4"})
	require.NoError(t, err)
	assert.Empty(t, lb.AddressIPVersion)
	_, err = s.PutLoadBalancer(model.LoadBalancer{AccountId: testAccount, RegionId: testRegion, AddressIPVersion: "ipv6"})
	require.ErrorContains(t, err, "AddressIPVersion")
}
