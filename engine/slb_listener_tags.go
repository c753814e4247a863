package engine

import (
	"strconv"
	"strings"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// Listeners as tag resources. The tag calls name a listener
// "<LoadBalancerId>_<protocol>_<port>" (DOC). A listener has no creation
// sequence of its own: its tags carry its LB's, so that they list with the
// LB's resources.

// listenerResourceId is the ID the tag calls give a listener.
func listenerResourceId(l *model.Listener) string {
	return l.LoadBalancerId + "_" + string(l.ListenerProtocol) + "_" + strconv.Itoa(l.ListenerPort)
}

// parseListenerResourceId splits a listener's tag resource ID; ok false
// when it is not of that form.
func parseListenerResourceId(id string) (lbId string, protocol model.ListenerProtocol, port int, ok bool) {
	rest, portText, found := cutLast(id, "_")
	if !found {
		return "", "", 0, false
	}
	lbId, proto, found := cutLast(rest, "_")
	if !found || lbId == "" {
		return "", "", 0, false
	}
	port, err := strconv.Atoi(portText)
	if err != nil || strconv.Itoa(port) != portText {
		return "", "", 0, false
	}
	return lbId, model.ListenerProtocol(proto), port, true
}

func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// listenerTagResourceTxn resolves a listener's tag resource ID for the
// caller: its LB's creation sequence, or ok false when no such listener
// exists for the caller.
func listenerTagResourceTxn(txn *memdb.Txn, account, region, id string) (uint64, bool) {
	lbId, protocol, port, ok := parseListenerResourceId(id)
	// Port 0 would match every port below (listenersMatchingTxn): a
	// listener's port is 1..65535.
	if !ok || !protocol.Valid() || port < 1 || port > 65535 {
		return 0, false
	}
	lb, _ := first(txn, tableLoadBalancers, indexID, lbId).(*model.LoadBalancer)
	if lb == nil || !owned(account, region, lb.AccountId, lb.RegionId) {
		return 0, false
	}
	found, e := listenersMatchingTxn(txn, lbId, port, string(protocol))
	if e != nil || len(found) != 1 {
		return 0, false
	}
	return lb.Seq, true
}

// removeListenerTxn deletes a listener and its tags.
func removeListenerTxn(txn *memdb.Txn, l *model.Listener) {
	removeResourceTagsTxn(txn, model.ResourceTypeListener, listenerResourceId(l))
	remove(txn, tableListeners, l)
}
