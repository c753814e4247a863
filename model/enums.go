package model

// InstanceStatus is the status of an ECS instance as DescribeInstances reports it.
type InstanceStatus string

// The ECS instance statuses (DOC: ECS instance lifecycle).
const (
	StatusPending  InstanceStatus = "Pending"
	StatusStarting InstanceStatus = "Starting"
	StatusRunning  InstanceStatus = "Running"
	StatusStopping InstanceStatus = "Stopping"
	StatusStopped  InstanceStatus = "Stopped"
)

// InstanceStatuses lists every instance status, in lifecycle order.
func InstanceStatuses() []InstanceStatus {
	return []InstanceStatus{StatusPending, StatusStarting, StatusRunning, StatusStopping, StatusStopped}
}

// Valid reports whether s is a known status.
func (s InstanceStatus) Valid() bool {
	for _, v := range InstanceStatuses() {
		if s == v {
			return true
		}
	}
	return false
}

// NetworkType is classic or vpc, for instances and load balancers alike.
type NetworkType string

// Network types.
const (
	NetworkClassic NetworkType = "classic"
	NetworkVPC     NetworkType = "vpc"
)

// Valid reports whether n is a known network type.
func (n NetworkType) Valid() bool { return n == NetworkClassic || n == NetworkVPC }

// AddressType says whether a load balancer faces the internet or an intranet.
type AddressType string

// Address types.
const (
	AddressInternet AddressType = "internet"
	AddressIntranet AddressType = "intranet"
)

// Valid reports whether a is a known address type.
func (a AddressType) Valid() bool { return a == AddressInternet || a == AddressIntranet }

// LoadBalancerStatus is the LoadBalancerStatus attribute of an LB.
type LoadBalancerStatus string

// Load balancer statuses. Users can set active and inactive; locked is set by
// the provider (in the fake: by a test fixture).
const (
	LBActive   LoadBalancerStatus = "active"
	LBInactive LoadBalancerStatus = "inactive"
	LBLocked   LoadBalancerStatus = "locked"
)

// Valid reports whether s is a known LB status.
func (s LoadBalancerStatus) Valid() bool { return s == LBActive || s == LBInactive || s == LBLocked }

// ServerType is the Type of a backend server.
type ServerType string

// Backend server types.
const (
	ServerECS ServerType = "ecs"
	ServerENI ServerType = "eni"
	ServerECI ServerType = "eci"
)

// NetworkInterfaceStatus is the status of an ENI.
type NetworkInterfaceStatus string

// ENI statuses.
const (
	ENIAvailable NetworkInterfaceStatus = "Available"
	ENIInUse     NetworkInterfaceStatus = "InUse"
)
