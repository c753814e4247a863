package model

import (
	"time"
	"unicode/utf8"
)

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

// GroupBackend is one member of a vServer group: a server (and, for an ENI,
// one of its addresses) on one port. Its identity in the group is
// (ServerId, Port, KeyIp); KeyIp is empty for ecs members and the member's
// ServerIp for eni ones, as for Backend. LoadBalancerId is the group's LB,
// kept on the row so that an LB's members are found without its groups.
// Seq orders a group's members by when they were added.
type GroupBackend struct {
	VServerGroupId string
	LoadBalancerId string
	ServerId       string
	Port           int
	KeyIp          string
	Type           ServerType
	Weight         int
	ServerIp       string
	VpcId          string
	Description    string
	Seq            uint64
}

// GroupKey returns the member's identity in its group.
func (b *GroupBackend) GroupKey() GroupKey {
	return GroupKey{ServerId: b.ServerId, Port: b.Port, ServerIp: b.KeyIp}
}

// MaxVServerGroupNameLength is the longest VServerGroupName, in characters
// (DOC).
const MaxVServerGroupNameLength = 80

// ValidVServerGroupName reports whether name follows the documented rule: 1
// to 80 characters of letters, digits, CJK ideographs, '-', '/', '.' and
// '_' (DOC: CreateVServerGroup), the characters of a backend Description.
func ValidVServerGroupName(name string) bool {
	if name == "" || utf8.RuneCountInString(name) > MaxVServerGroupNameLength {
		return false
	}
	for _, r := range name {
		if !descriptionRune(r) {
			return false
		}
	}
	return true
}
