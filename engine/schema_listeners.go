package engine

import (
	"fmt"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// listenersTableSchema: listeners by (LoadBalancerId, ListenerPort,
// ListenerProtocol), so that an LB's listeners are one prefix walk in port
// order; by owner, for DescribeLoadBalancerListeners without
// LoadBalancerId; and by vServer group.
func listenersTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableListeners, Indexes: map[string]*memdb.IndexSchema{
		indexID: {Name: indexID, Unique: true, Indexer: keyIndexer{func(obj any) (string, bool) {
			l := obj.(*model.Listener)
			return listenerKey(l.LoadBalancerId, l.ListenerPort, l.ListenerProtocol), true
		}}},
		indexOwner: {Name: indexOwner, Indexer: keyIndexer{func(obj any) (string, bool) {
			l := obj.(*model.Listener)
			return ownerKey(l.AccountId, l.RegionId), true
		}}},
		indexGroup: optionalStringIndex(indexGroup, "VServerGroupId"),
	}}
}

// unhealthyTableSchema: the backends marked unhealthy, by (LoadBalancerId,
// ServerId).
func unhealthyTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableUnhealthy, Indexes: map[string]*memdb.IndexSchema{
		indexID: {Name: indexID, Unique: true, Indexer: keyIndexer{func(obj any) (string, bool) {
			u := obj.(*model.UnhealthyBackend)
			return unhealthyKey(u.LoadBalancerId, u.ServerId), true
		}}},
	}}
}

// listenerKey is a listener's primary key. The port is zero-padded so that
// an LB's listeners come out in port order.
func listenerKey(lbId string, port int, protocol model.ListenerProtocol) string {
	return fmt.Sprintf("%s\x00%05d\x00%s\x00", lbId, port, protocol)
}

// listenerLBPrefix is the primary-key prefix of an LB's listeners.
func listenerLBPrefix(lbId string) string { return lbId + "\x00" }

// listenerPortPrefix is the primary-key prefix of an LB's listeners on one
// port.
func listenerPortPrefix(lbId string, port int) string {
	return fmt.Sprintf("%s\x00%05d\x00", lbId, port)
}

// ownerKey is the owner index key of an account in a region.
func ownerKey(account, region string) string { return account + "\x00" + region + "\x00" }

// unhealthyKey is an unhealthy mark's primary key.
func unhealthyKey(lbId, serverId string) string { return lbId + "\x00" + serverId + "\x00" }
