package engine

import (
	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// healthMember is one server behind a listener, as DescribeHealthStatus
// reports it: the server, its address and the backend port traffic goes to.
type healthMember struct {
	ServerId string
	ServerIp string
	Type     model.ServerType
	Port     int
}

// groupMembersForHealthTxn returns the members of a vServer group, in the
// group's order, each with its own Port, for DescribeHealthStatus.
func groupMembersForHealthTxn(txn *memdb.Txn, groupId string) []healthMember {
	members := groupMembersOfTxn(txn, groupId)
	out := make([]healthMember, 0, len(members))
	for _, m := range members {
		out = append(out, healthMember{ServerId: m.ServerId, ServerIp: m.ServerIp, Type: m.Type, Port: m.Port})
	}
	return out
}
