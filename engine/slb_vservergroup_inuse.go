package engine

import "github.com/hashicorp/go-memdb"

// vServerGroupInUseTxn reports whether a listener forwards to the vServer
// group, which DeleteVServerGroup then refuses (RspoolVipExist). Forwarding
// rules are not modelled, so listeners are the only users.
func vServerGroupInUseTxn(txn *memdb.Txn, groupId string) bool {
	return len(listenersUsingGroupTxn(txn, groupId)) > 0
}
