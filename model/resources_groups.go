package model

import "time"

// VServerGroup is a vServer group of a load balancer: a named set of backend
// servers, each with its own port, that listeners forward to. Its members
// are GroupBackend rows.
type VServerGroup struct {
	VServerGroupId   string
	LoadBalancerId   string
	AccountId        string
	RegionId         string
	VServerGroupName string
	CreationTime     time.Time
	Seq              uint64
}
