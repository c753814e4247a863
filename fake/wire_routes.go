package fake

// product is one API product of the RPC endpoint, told apart by Version.
type product struct {
	Name    string // as in the troubleshooting URL: Slb, Ecs, Vpc
	Version string
	HostId  string
	Actions []string // each is the name of a Client method
}

// products lists what the endpoint serves. Every action is a Client method
// of the same name (a test checks that).
func products() []product {
	return []product{
		{Name: "Slb", Version: "2014-05-15", HostId: "slb.aliyuncs.com", Actions: []string{
			"CreateLoadBalancer", "DeleteLoadBalancer", "SetLoadBalancerStatus", "DescribeLoadBalancers",
			"DescribeLoadBalancerAttribute", "AddBackendServers", "RemoveBackendServers", "SetBackendServers",
		}},
		{Name: "Ecs", Version: "2014-05-26", HostId: "ecs.aliyuncs.com", Actions: []string{
			"RunInstances", "CreateInstance", "StartInstance", "StopInstance", "DeleteInstance",
			"DescribeInstances", "DescribeInstanceStatus", "CreateNetworkInterface",
			"AttachNetworkInterface", "DetachNetworkInterface", "DescribeNetworkInterfaces",
		}},
		{Name: "Vpc", Version: "2016-04-28", HostId: "vpc.aliyuncs.com", Actions: []string{
			"CreateVpc", "DescribeVpcs", "CreateVSwitch", "DescribeVSwitches",
		}},
	}
}

// productOf returns the product a Version names.
func productOf(version string) (product, bool) {
	for _, p := range products() {
		if p.Version == version {
			return p, true
		}
	}
	return product{}, false
}

func (p product) has(action string) bool {
	for _, a := range p.Actions {
		if a == action {
			return true
		}
	}
	return false
}
