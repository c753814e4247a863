package engine

import (
	"fmt"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// Table names.
const (
	tableRegions       = "regions"
	tableAccounts      = "accounts"
	tableVpcs          = "vpcs"
	tableVSwitches     = "vswitches"
	tableInstances     = "instances"
	tableENIs          = "enis"
	tableLoadBalancers = "loadbalancers"
	tableBackends      = "backends"
	tableIPs           = "ips"
	tableClientTokens  = "clienttokens"
)

// Index names. indexID is memdb's mandatory primary index.
const (
	indexID       = "id"
	indexOwner    = "owner"    // (AccountId, RegionId)
	indexVpc      = "vpc"      // VpcId
	indexVSwitch  = "vswitch"  // VSwitchId
	indexInstance = "instance" // InstanceId (ENIs attached to it)
	indexLBOrder  = "lb_order" // (LoadBalancerId, Seq): backends in attachment order
	indexServer   = "server"   // ServerId: every attachment of a server
	indexPool     = "pool"     // IP pool
)

// schemaFactories builds each table's schema; one factory per table, in the
// style of nomad's state store.
func schemaFactories() []func() *memdb.TableSchema {
	return []func() *memdb.TableSchema{
		regionsTableSchema,
		accountsTableSchema,
		vpcsTableSchema,
		vswitchesTableSchema,
		instancesTableSchema,
		enisTableSchema,
		loadBalancersTableSchema,
		backendsTableSchema,
		ipsTableSchema,
		clientTokensTableSchema,
	}
}

func stateSchema() *memdb.DBSchema {
	s := &memdb.DBSchema{Tables: map[string]*memdb.TableSchema{}}
	for _, f := range schemaFactories() {
		t := f()
		if _, dup := s.Tables[t.Name]; dup {
			panic(fmt.Sprintf("engine: table %q defined twice", t.Name))
		}
		s.Tables[t.Name] = t
	}
	return s
}

func stringIndex(name, field string, unique bool) *memdb.IndexSchema {
	return &memdb.IndexSchema{Name: name, Unique: unique, Indexer: &memdb.StringFieldIndex{Field: field}}
}

func optionalStringIndex(name, field string) *memdb.IndexSchema {
	return &memdb.IndexSchema{Name: name, AllowMissing: true, Indexer: &memdb.StringFieldIndex{Field: field}}
}

func ownerIndex() *memdb.IndexSchema {
	return &memdb.IndexSchema{Name: indexOwner, Indexer: &memdb.CompoundIndex{Indexes: []memdb.Indexer{
		&memdb.StringFieldIndex{Field: "AccountId"},
		&memdb.StringFieldIndex{Field: "RegionId"},
	}}}
}

func regionsTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableRegions, Indexes: map[string]*memdb.IndexSchema{
		indexID: stringIndex(indexID, "RegionId", true),
	}}
}

func accountsTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableAccounts, Indexes: map[string]*memdb.IndexSchema{
		indexID: stringIndex(indexID, "AccountId", true),
	}}
}

func vpcsTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableVpcs, Indexes: map[string]*memdb.IndexSchema{
		indexID:    stringIndex(indexID, "VpcId", true),
		indexOwner: ownerIndex(),
	}}
}

func vswitchesTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableVSwitches, Indexes: map[string]*memdb.IndexSchema{
		indexID:    stringIndex(indexID, "VSwitchId", true),
		indexOwner: ownerIndex(),
		indexVpc:   stringIndex(indexVpc, "VpcId", false),
	}}
}

func instancesTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableInstances, Indexes: map[string]*memdb.IndexSchema{
		indexID:      stringIndex(indexID, "InstanceId", true),
		indexOwner:   ownerIndex(),
		indexVpc:     optionalStringIndex(indexVpc, "VpcId"),
		indexVSwitch: optionalStringIndex(indexVSwitch, "VSwitchId"),
	}}
}

func enisTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableENIs, Indexes: map[string]*memdb.IndexSchema{
		indexID:       stringIndex(indexID, "NetworkInterfaceId", true),
		indexOwner:    ownerIndex(),
		indexInstance: optionalStringIndex(indexInstance, "InstanceId"),
		indexVSwitch:  stringIndex(indexVSwitch, "VSwitchId", false),
	}}
}

func loadBalancersTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableLoadBalancers, Indexes: map[string]*memdb.IndexSchema{
		indexID:    stringIndex(indexID, "LoadBalancerId", true),
		indexOwner: ownerIndex(),
	}}
}

// backendsTableSchema: the primary key is (LoadBalancerId, ServerId, KeyIp);
// KeyIp is empty for ecs backends.
func backendsTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableBackends, Indexes: map[string]*memdb.IndexSchema{
		indexID: {Name: indexID, Unique: true, Indexer: backendKeyIndexer{}},
		indexLBOrder: {Name: indexLBOrder, Unique: true, Indexer: &memdb.CompoundIndex{Indexes: []memdb.Indexer{
			&memdb.StringFieldIndex{Field: "LoadBalancerId"},
			&memdb.UintFieldIndex{Field: "Seq"},
		}}},
		indexServer: stringIndex(indexServer, "ServerId", false),
	}}
}

// ipsTableSchema records every allocated private IP by pool (a vSwitch ID, or
// "classic/<region>" for the classic network), so that no IP is handed out twice.
func ipsTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableIPs, Indexes: map[string]*memdb.IndexSchema{
		indexID: {Name: indexID, Unique: true, Indexer: &memdb.CompoundIndex{Indexes: []memdb.Indexer{
			&memdb.StringFieldIndex{Field: "Pool"},
			&memdb.StringFieldIndex{Field: "Ip"},
		}}},
		indexPool: stringIndex(indexPool, "Pool", false),
	}}
}

// clientTokensTableSchema records the ClientTokens of idempotent creates,
// keyed by (AccountId, Action, ClientToken): a token is scoped to the
// account and the action (idempotency.go).
func clientTokensTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableClientTokens, Indexes: map[string]*memdb.IndexSchema{
		indexID: {Name: indexID, Unique: true, Indexer: &memdb.CompoundIndex{Indexes: []memdb.Indexer{
			&memdb.StringFieldIndex{Field: "AccountId"},
			&memdb.StringFieldIndex{Field: "Action"},
			&memdb.StringFieldIndex{Field: "ClientToken"},
		}}},
	}}
}

// backendKeyIndexer indexes a *model.Backend by (LoadBalancerId, ServerId,
// KeyIp), where KeyIp may be empty: memdb's CompoundIndex cannot express an
// empty last component.
type backendKeyIndexer struct{}

func backendKey(lb, server, ip string) []byte {
	return []byte(lb + "\x00" + server + "\x00" + ip + "\x00")
}

func (backendKeyIndexer) FromObject(obj interface{}) (bool, []byte, error) {
	b, ok := obj.(*model.Backend)
	if !ok {
		return false, nil, fmt.Errorf("backendKeyIndexer: %T is not a *model.Backend", obj)
	}
	return true, backendKey(b.LoadBalancerId, b.ServerId, b.KeyIp), nil
}

func (backendKeyIndexer) FromArgs(args ...interface{}) ([]byte, error) {
	if len(args) != 3 {
		return nil, fmt.Errorf("backendKeyIndexer: want 3 args, got %d", len(args))
	}
	var parts [3]string
	for i, a := range args {
		s, ok := a.(string)
		if !ok {
			return nil, fmt.Errorf("backendKeyIndexer: arg %d is %T, not a string", i, a)
		}
		parts[i] = s
	}
	return backendKey(parts[0], parts[1], parts[2]), nil
}
