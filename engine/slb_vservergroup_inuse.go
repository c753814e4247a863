package engine

import "github.com/hashicorp/go-memdb"

// vServerGroupInUseTxn reports whether a listener (or a forwarding rule)
// forwards to the vServer group, which DeleteVServerGroup then refuses
// (RspoolVipExist). No listener is modelled on this branch, so no group is
// in use: the listener merge fills this in from the listener table.
func vServerGroupInUseTxn(_ *memdb.Txn, _ string) bool {
	return false
}
