package fake

import "github.com/slbfake/slbfake/model"

// Fixtures build a world directly, with IDs of the test's choosing, so that a
// test can reproduce a world it saw elsewhere. They check references but not
// the API's business rules (see engine's fixtures). AccountId defaults to
// DefaultAccountId and RegionId to cn-hangzhou.

func defaults(account, region *string) {
	if *account == "" {
		*account = DefaultAccountId
	}
	if *region == "" {
		*region = "cn-hangzhou"
	}
}

// PutVpc stores a VPC and returns it with its defaults filled in.
func (f *Fake) PutVpc(v model.Vpc) (model.Vpc, error) {
	defaults(&v.AccountId, &v.RegionId)
	return f.store.PutVpc(v)
}

// PutVSwitch stores a vSwitch of an existing VPC.
func (f *Fake) PutVSwitch(v model.VSwitch) (model.VSwitch, error) {
	defaults(&v.AccountId, &v.RegionId)
	return f.store.PutVSwitch(v)
}

// PutInstance stores an ECS instance (Running unless Status says otherwise; a
// VPC instance when VSwitchId is set).
func (f *Fake) PutInstance(i model.Instance) (model.Instance, error) {
	defaults(&i.AccountId, &i.RegionId)
	return f.store.PutInstance(i)
}

// PutNetworkInterface stores an ENI, attached to InstanceId when set.
func (f *Fake) PutNetworkInterface(n model.NetworkInterface) (model.NetworkInterface, error) {
	defaults(&n.AccountId, &n.RegionId)
	return f.store.PutNetworkInterface(n)
}

// PutLoadBalancer stores a load balancer (an intranet VPC LB when VSwitchId
// is set; Status may be locked).
func (f *Fake) PutLoadBalancer(lb model.LoadBalancer) (model.LoadBalancer, error) {
	defaults(&lb.AccountId, &lb.RegionId)
	return f.store.PutLoadBalancer(lb)
}

// ForceInstanceStatus moves an instance to any status, bypassing the lifecycle.
func (f *Fake) ForceInstanceStatus(instanceId string, status model.InstanceStatus) error {
	return f.store.ForceInstanceStatus(instanceId, status)
}

// ForceLoadBalancerStatus moves a load balancer to any status, locked included.
func (f *Fake) ForceLoadBalancerStatus(lbId string, status model.LoadBalancerStatus) error {
	return f.store.ForceLoadBalancerStatus(lbId, status)
}
