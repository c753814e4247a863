package engine

import "github.com/hashicorp/go-memdb"

// listenerExistsTxn reports whether a listener, named as the tag calls name
// it ("<LoadBalancerId>_<protocol>_<port>", DOC), exists for the caller.
// The fake has no listeners yet: it returns false, and tags of type
// listener name nothing. The listener merge fills it in (and calls
// removeResourceTagsTxn when it deletes a listener).
func listenerExistsTxn(_ *memdb.Txn, _, _, _ string) bool { return false }
