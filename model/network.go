package model

// NetworkDomain is what the Inconsistent rule compares: "classic" for a
// classic-network server, the VPC ID for a VPC server. All backends of one LB
// share one domain.
func NetworkDomain(nt NetworkType, vpcId string) string {
	if nt == NetworkVPC {
		return vpcId
	}
	return string(NetworkClassic)
}

// CheckECSNetwork applies the attachment matrix (README, fidelity table,
// "Network-type matrix") to an ECS backend:
//
//	internet LB:          classic and VPC instances
//	intranet classic LB:  classic instances only
//	intranet VPC LB:      VPC instances of the LB's VPC only
//
// A refusal is InvalidParameter with the message of the API reference's
// error table.
func CheckECSNetwork(lb *LoadBalancer, inst *Instance) *Error {
	if lb.AddressType == AddressInternet {
		return nil
	}
	switch lb.NetworkType {
	case NetworkVPC:
		if inst.NetworkType != NetworkVPC || inst.VpcId != lb.VpcId {
			return ErrNetworkTypeUnsupported()
		}
	default:
		if inst.NetworkType != NetworkClassic {
			return ErrNetworkTypeUnsupported()
		}
	}
	return nil
}

// SupportsENIBackends reports whether lb may take eni backends: a VPC LB that
// is performance-guaranteed, that is, with a LoadBalancerSpec or billed by
// capacity units (PayByCLCU, which has no spec). DOC-EN for the spec; the
// exact boundary, and PayByCLCU counting as performance-guaranteed, are INF
// (so that an LB moved to PayByCLCU keeps its eni backends valid).
func SupportsENIBackends(lb *LoadBalancer) bool {
	return lb.NetworkType == NetworkVPC && PerformanceGuaranteed(lb)
}

// PerformanceGuaranteed reports whether lb is a performance-guaranteed LB:
// one with a LoadBalancerSpec (DOC), or billed by capacity units
// (PayByCLCU, which has no spec; INF). ENI backends and the
// consistent-hash schedulers need one.
func PerformanceGuaranteed(lb *LoadBalancer) bool {
	return lb.LoadBalancerSpec != "" || lb.InstanceChargeType == "PayByCLCU"
}
