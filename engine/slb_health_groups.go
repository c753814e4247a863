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
// group's order, for DescribeHealthStatus. The group members are another
// table, built beside the listeners: until the vServer group work is merged
// it returns nil, so that a listener of a vServer group reports no backends.
// The merge fills it from the members table (ServerId, ServerIp, Type and
// each member's own Port).
func groupMembersForHealthTxn(txn *memdb.Txn, groupId string) []healthMember {
	_, _ = txn, groupId
	return nil
}
