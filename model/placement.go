package model

// The defaults of a load balancer's descriptive fields, when its creator
// leaves them empty (README, fidelity table, "Other load-balancer
// operations").
const (
	DefaultLoadBalancerName   = "auto_named_slb"
	DefaultPayType            = "PayOnDemand"
	DefaultInternetChargeType = "paybytraffic"
)

// LoadBalancerPlacement is where a load balancer sits on the network.
type LoadBalancerPlacement struct {
	AddressType AddressType
	NetworkType NetworkType
	// VpcId and VSwitchId are the vSwitch's on the VPC network, empty on the
	// classic network.
	VpcId     string
	VSwitchId string
	// MasterZoneId is the requested zone, by default the vSwitch's; it is
	// empty when neither gives one, and the caller then picks one of the
	// region's zones.
	MasterZoneId string
}

// PlaceLoadBalancer is the network rule of a Classic Load Balancer (README,
// fidelity table, "CreateLoadBalancer: network type"): with a vSwitch it is
// an intranet LB on the VPC network, in the vSwitch's VPC and, unless
// masterZone is given, its zone; without one, addressType decides (empty is
// internet) and the LB is on the classic network whichever its address type.
// vsw is the LB's vSwitch, or nil; only its VSwitchId, VpcId and ZoneId are
// read.
//
// PlaceLoadBalancer validates nothing: an address type other than intranet
// places as internet, and a vSwitch makes any address type intranet. Callers
// refuse what they must refuse (CreateLoadBalancer refuses an unknown address
// type and a vSwitch on an internet LB) before they place the LB.
func PlaceLoadBalancer(addressType AddressType, masterZone string, vsw *VSwitch) LoadBalancerPlacement {
	p := LoadBalancerPlacement{AddressType: AddressInternet, NetworkType: NetworkClassic, MasterZoneId: masterZone}
	switch {
	case vsw != nil:
		p.AddressType, p.NetworkType, p.VpcId, p.VSwitchId = AddressIntranet, NetworkVPC, vsw.VpcId, vsw.VSwitchId
		if p.MasterZoneId == "" {
			p.MasterZoneId = vsw.ZoneId
		}
	case addressType == AddressIntranet:
		p.AddressType = AddressIntranet
	}
	return p
}

// FillLoadBalancerDefaults sets each of a load balancer's descriptive fields
// that is empty to its default: DefaultLoadBalancerName, DefaultPayType and
// DefaultInternetChargeType. It leaves a non-empty field alone.
func FillLoadBalancerDefaults(name, payType, internetChargeType *string) {
	for _, f := range []struct {
		field *string
		def   string
	}{{name, DefaultLoadBalancerName}, {payType, DefaultPayType}, {internetChargeType, DefaultInternetChargeType}} {
		if *f.field == "" {
			*f.field = f.def
		}
	}
}
