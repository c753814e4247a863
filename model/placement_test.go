package model_test

import (
	"fmt"
	"testing"

	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// TestPlaceLoadBalancer runs the placement rule over every combination of
// address type (absent, both valid ones, an unknown one), vSwitch (none, one)
// and requested master zone (none, one).
func TestPlaceLoadBalancer(t *testing.T) {
	t.Parallel()
	vsw := &model.VSwitch{VSwitchId: "vsw-1", VpcId: "vpc-1", ZoneId: "cn-hangzhou-i"}
	for _, at := range []model.AddressType{"", model.AddressInternet, model.AddressIntranet, "bogus"} {
		for _, sw := range []*model.VSwitch{nil, vsw} {
			for _, zone := range []string{"", "cn-hangzhou-k"} {
				t.Run(fmt.Sprintf("%q/vsw=%t/zone=%q", at, sw != nil, zone), func(t *testing.T) {
					got := model.PlaceLoadBalancer(at, zone, sw)
					var want model.LoadBalancerPlacement
					switch {
					case sw != nil:
						// With a vSwitch: an intranet VPC LB in its VPC and, by
						// default, its zone.
						want = model.LoadBalancerPlacement{AddressType: model.AddressIntranet, NetworkType: model.NetworkVPC,
							VpcId: "vpc-1", VSwitchId: "vsw-1", MasterZoneId: "cn-hangzhou-i"}
						if zone != "" {
							want.MasterZoneId = zone
						}
					case at == model.AddressIntranet:
						want = model.LoadBalancerPlacement{AddressType: model.AddressIntranet, NetworkType: model.NetworkClassic, MasterZoneId: zone}
					default:
						// Absent (and, unvalidated, unknown) is internet.
						want = model.LoadBalancerPlacement{AddressType: model.AddressInternet, NetworkType: model.NetworkClassic, MasterZoneId: zone}
					}
					require.Equal(t, want, got)
					// Invariants: the result is always valid, and only a VPC LB has
					// a VPC.
					require.True(t, got.AddressType.Valid())
					require.True(t, got.NetworkType.Valid())
					require.Equal(t, got.NetworkType == model.NetworkVPC, got.VpcId != "")
					require.False(t, got.NetworkType == model.NetworkVPC && got.AddressType == model.AddressInternet,
						"there is no internet VPC LB")
				})
			}
		}
	}
}

func TestFillLoadBalancerDefaults(t *testing.T) {
	t.Parallel()
	var name, pay, charge string
	model.FillLoadBalancerDefaults(&name, &pay, &charge)
	require.Equal(t, []string{"auto_named_slb", "PayOnDemand", "paybytraffic"}, []string{name, pay, charge})

	name, pay, charge = "web", "PrePay", "paybybandwidth"
	model.FillLoadBalancerDefaults(&name, &pay, &charge)
	require.Equal(t, []string{"web", "PrePay", "paybybandwidth"}, []string{name, pay, charge}, "given values are kept")
}
