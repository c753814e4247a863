package engine

import (
	"encoding/binary"
	"fmt"
	"time"

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
	tableVServerGroups = "vservergroups"
	tableGroupBackends = "groupbackends"
	tableListeners     = "listeners"
	tableUnhealthy     = "unhealthy"
	tableTags          = "tags" // model.ResourceTag: resources' tags (slb_tags.go)
	// Derived tables: what the engine keeps to answer fast, derived from the
	// tables above and never part of a State. The write path keeps them
	// (derivedChangesTxn, allocateIPTxn, releaseIPTxn), a Load rebuilds
	// them (rebuildDerivedTxn).
	tableCounts  = "counts"  // listCount: rows per list key (paging.go)
	tableIPPools = "ippools" // ipPool: each address pool's allocator state (ipam.go)
	tableIPFree  = "ipfree"  // ipFreeRange: each pool's free addresses, as ranges (ipam.go)
)

// derivedTables are the derived tables, which are neither dumped, loaded
// nor reported as changes.
var derivedTables = []string{tableCounts, tableIPPools, tableIPFree}

// Index names. indexID is memdb's mandatory primary index.
const (
	indexID        = "id"
	indexList      = "list"      // listing keys: (dimension, AccountId, RegionId, value, Seq), see listing
	indexUnsettled = "unsettled" // instances in a lifecycle transition: (AccountId, RegionId, TransitionAt)
	indexVpc       = "vpc"       // VpcId
	indexInstance  = "instance"  // InstanceId (ENIs attached to it)
	indexLBOrder   = "lb_order"  // (LoadBalancerId, Seq): backends in attachment order
	indexServer    = "server"    // ServerId: every attachment of a server
	indexLB        = "lb"        // LoadBalancerId: the rows that belong to an LB
	indexGroup     = "group"     // a group's members in order (VServerGroupId, Seq); the listeners that forward to a group (VServerGroupId)
	indexOwner     = "owner"     // (AccountId, RegionId): an owner's rows
	indexTagValue  = "tag_value" // tags: (owner, ResourceType, TagKey, TagValue, ResourceSeq)
	indexTagKey    = "tag_key"   // tags: (owner, ResourceType, TagKey, ResourceSeq)
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
		vServerGroupsTableSchema,
		groupBackendsTableSchema,
		listenersTableSchema,
		unhealthyTableSchema,
		tagsTableSchema,
		countsTableSchema,
		ipPoolsTableSchema,
		ipFreeTableSchema,
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

// listIndex is a table's listing index (see listing): one entry per
// dimension the row has a value for, in Seq order within each.
func listIndex(l lister) *memdb.IndexSchema {
	return &memdb.IndexSchema{Name: indexList, Indexer: listIndexer{l}}
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
		indexID:   stringIndex(indexID, "VpcId", true),
		indexList: listIndex(vpcListing),
	}}
}

func vswitchesTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableVSwitches, Indexes: map[string]*memdb.IndexSchema{
		indexID:   stringIndex(indexID, "VSwitchId", true),
		indexList: listIndex(vswitchListing),
		indexVpc:  stringIndex(indexVpc, "VpcId", false),
	}}
}

func instancesTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableInstances, Indexes: map[string]*memdb.IndexSchema{
		indexID:        fieldIndex(indexID, func(obj any) string { return obj.(*model.Instance).InstanceId }),
		indexList:      listIndex(instanceListing),
		indexUnsettled: {Name: indexUnsettled, AllowMissing: true, Indexer: keyIndexer{unsettledKeyOf}},
	}}
}

func enisTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableENIs, Indexes: map[string]*memdb.IndexSchema{
		indexID:       fieldIndex(indexID, func(obj any) string { return obj.(*model.NetworkInterface).NetworkInterfaceId }),
		indexList:     listIndex(eniListing),
		indexInstance: optionalStringIndex(indexInstance, "InstanceId"),
	}}
}

func loadBalancersTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableLoadBalancers, Indexes: map[string]*memdb.IndexSchema{
		indexID:   fieldIndex(indexID, func(obj any) string { return obj.(*model.LoadBalancer).LoadBalancerId }),
		indexList: listIndex(loadBalancerListing),
	}}
}

// backendsTableSchema: the primary key is (LoadBalancerId, ServerId, KeyIp);
// KeyIp is empty for ecs backends.
func backendsTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableBackends, Indexes: map[string]*memdb.IndexSchema{
		indexID:      {Name: indexID, Unique: true, Indexer: backendKeyIndexer{}},
		indexLBOrder: {Name: indexLBOrder, Unique: true, Indexer: backendOrderIndexer{}},
		indexServer: {Name: indexServer, Indexer: stringFieldIndexer{
			value: func(obj any) string { return obj.(*model.Backend).ServerId },
			room: func(obj any) int {
				b := obj.(*model.Backend)
				return len(b.LoadBalancerId) + len(b.ServerId) + len(b.KeyIp) + 3 // backendKey
			},
		}},
	}}
}

// vServerGroupsTableSchema: vServer groups by ID, and by LB in creation
// order (LoadBalancerId, Seq).
func vServerGroupsTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableVServerGroups, Indexes: map[string]*memdb.IndexSchema{
		indexID: stringIndex(indexID, "VServerGroupId", true),
		indexLB: {Name: indexLB, Unique: true, Indexer: &memdb.CompoundIndex{Indexes: []memdb.Indexer{
			&memdb.StringFieldIndex{Field: "LoadBalancerId"},
			&memdb.UintFieldIndex{Field: "Seq"},
		}}},
	}}
}

// groupBackendsTableSchema: vServer group members. The primary key is
// (VServerGroupId, ServerId, Port, KeyIp), the member's identity in its
// group; group lists a group's members in the order they were added; server
// finds every membership of a server (the cascades of detachServerTxn); lb
// every member of an LB's groups (the per-LB quota and network domain).
func groupBackendsTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableGroupBackends, Indexes: map[string]*memdb.IndexSchema{
		indexID: {Name: indexID, Unique: true, Indexer: groupBackendKeyIndexer{}},
		indexGroup: {Name: indexGroup, Unique: true, Indexer: &memdb.CompoundIndex{Indexes: []memdb.Indexer{
			&memdb.StringFieldIndex{Field: "VServerGroupId"},
			&memdb.UintFieldIndex{Field: "Seq"},
		}}},
		indexServer: stringIndex(indexServer, "ServerId", false),
		indexLB:     stringIndex(indexLB, "LoadBalancerId", false),
	}}
}

// groupBackendKeyIndexer indexes a *model.GroupBackend by (VServerGroupId,
// ServerId, Port, KeyIp); a lookup takes the group, server and IP as
// strings and the port as an int.
type groupBackendKeyIndexer struct{}

func groupBackendKey(group, server string, port int, ip string) []byte {
	b := make([]byte, 0, len(group)+len(server)+len(ip)+8)
	b = append(b, group...)
	b = append(b, 0)
	b = append(b, server...)
	b = append(b, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(port))
	b = append(b, ip...)
	return append(b, 0)
}

func (groupBackendKeyIndexer) FromObject(obj interface{}) (bool, []byte, error) {
	m, ok := obj.(*model.GroupBackend)
	if !ok {
		return false, nil, fmt.Errorf("groupBackendKeyIndexer: %T is not a *model.GroupBackend", obj)
	}
	return true, groupBackendKey(m.VServerGroupId, m.ServerId, m.Port, m.KeyIp), nil
}

func (groupBackendKeyIndexer) FromArgs(args ...interface{}) ([]byte, error) {
	if len(args) != 4 {
		return nil, fmt.Errorf("groupBackendKeyIndexer: want 4 args, got %d", len(args))
	}
	group, ok1 := args[0].(string)
	server, ok2 := args[1].(string)
	port, ok3 := args[2].(int)
	ip, ok4 := args[3].(string)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return nil, fmt.Errorf("groupBackendKeyIndexer: want (string, string, int, string), got (%T, %T, %T, %T)", args[0], args[1], args[2], args[3])
	}
	return groupBackendKey(group, server, port, ip), nil
}

// ipsTableSchema records every allocated private IP by pool (a vSwitch ID, or
// "classic/<region>" for the classic network), so that no IP is handed out
// twice. A pool's leases are the id index's prefix (Pool, "").
func ipsTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableIPs, Indexes: map[string]*memdb.IndexSchema{
		indexID: {Name: indexID, Unique: true, Indexer: &memdb.CompoundIndex{Indexes: []memdb.Indexer{
			&memdb.StringFieldIndex{Field: "Pool"},
			&memdb.StringFieldIndex{Field: "Ip"},
		}}},
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

// countsTableSchema: one row per listing key (paging.go), keyed by the key.
func countsTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableCounts, Indexes: map[string]*memdb.IndexSchema{
		indexID: {Name: indexID, Unique: true, Indexer: keyIndexer{func(obj any) (string, bool) { return obj.(*listCount).Key, true }}},
	}}
}

// ipPoolsTableSchema: one row per address pool that ever leased an address.
func ipPoolsTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableIPPools, Indexes: map[string]*memdb.IndexSchema{
		indexID: {Name: indexID, Unique: true, Indexer: keyIndexer{func(obj any) (string, bool) { return obj.(*ipPool).Pool, true }}},
	}}
}

// ipFreeTableSchema: a pool's free addresses as disjoint ranges, keyed by
// (Pool, End) so that a range keeps its key while its low end moves up.
func ipFreeTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableIPFree, Indexes: map[string]*memdb.IndexSchema{
		indexID: {Name: indexID, Unique: true, Indexer: keyIndexer{func(obj any) (string, bool) {
			r := obj.(*ipFreeRange)
			return freeRangeKey(r.Pool, r.End), true
		}}},
	}}
}

// keyIndexer indexes an object by the key its function builds (ok false:
// the object is not in the index). A lookup, exact or by prefix, takes one
// argument: the key, or its prefix, as a string.
type keyIndexer struct {
	key func(obj any) (string, bool)
}

func (k keyIndexer) FromObject(obj interface{}) (bool, []byte, error) {
	key, ok := k.key(obj)
	if !ok {
		return false, nil, nil
	}
	return true, []byte(key), nil
}

func (keyIndexer) FromArgs(args ...interface{}) ([]byte, error) {
	if len(args) != 1 {
		return nil, fmt.Errorf("keyIndexer: want 1 arg, got %d", len(args))
	}
	key, ok := args[0].(string)
	if !ok {
		return nil, fmt.Errorf("keyIndexer: arg is %T, not a string", args[0])
	}
	return []byte(key), nil
}

func (k keyIndexer) PrefixFromArgs(args ...interface{}) ([]byte, error) { return k.FromArgs(args...) }

// listIndexer indexes a row under every listing key it has (indexKeys),
// each followed by the row's Seq.
type listIndexer struct{ l lister }

func (x listIndexer) FromObject(obj interface{}) (bool, [][]byte, error) {
	return true, x.l.indexKeys(obj), nil
}

func (x listIndexer) FromArgs(args ...interface{}) ([]byte, error) {
	return keyIndexer{}.FromArgs(args...)
}

func (x listIndexer) PrefixFromArgs(args ...interface{}) ([]byte, error) {
	return keyIndexer{}.FromArgs(args...)
}

// fieldIndex is a unique index on a string field, laid out as
// memdb.StringFieldIndex lays it out, without its reflection.
func fieldIndex(name string, value func(obj any) string) *memdb.IndexSchema {
	return &memdb.IndexSchema{Name: name, Unique: true, Indexer: stringFieldIndexer{value: value}}
}

// stringFieldIndexer indexes an object by a string field as
// memdb.StringFieldIndex does (the value and a 0 byte; an empty value is
// no key; lookups take the value, or its prefix, as a string), but reads the
// field through a function rather than reflection and, for a non-unique
// index, builds the key with room for the primary key that memdb appends
// (room): one allocation per key, where StringFieldIndex makes three.
type stringFieldIndexer struct {
	value func(obj any) string
	room  func(obj any) int
}

func (x stringFieldIndexer) FromObject(obj interface{}) (bool, []byte, error) {
	v := x.value(obj)
	if v == "" {
		return false, nil, nil
	}
	n := len(v) + 1
	if x.room != nil {
		n += x.room(obj)
	}
	return true, append(append(make([]byte, 0, n), v...), 0), nil
}

func (stringFieldIndexer) FromArgs(args ...interface{}) ([]byte, error) {
	if len(args) != 1 {
		return nil, fmt.Errorf("stringFieldIndexer: want 1 arg, got %d", len(args))
	}
	v, ok := args[0].(string)
	if !ok {
		return nil, fmt.Errorf("stringFieldIndexer: arg is %T, not a string", args[0])
	}
	return append([]byte(v), 0), nil
}

func (x stringFieldIndexer) PrefixFromArgs(args ...interface{}) ([]byte, error) {
	key, err := x.FromArgs(args...)
	if err != nil {
		return nil, err
	}
	return key[:len(key)-1], nil
}

// backendOrderIndexer indexes a *model.Backend by (LoadBalancerId, Seq):
// the LB's ID, 0, and Seq as 8 bytes big-endian, as memdb's CompoundIndex
// of a StringFieldIndex and a UintFieldIndex would, without reflection. A
// lookup takes the LB's ID and its Seq; a prefix lookup the LB's ID alone,
// which matches that LB's backends only (its 0 included).
type backendOrderIndexer struct{}

func backendOrderKey(lbId string, seq uint64) []byte {
	b := make([]byte, 0, len(lbId)+1+8)
	b = append(b, lbId...)
	b = append(b, 0)
	return binary.BigEndian.AppendUint64(b, seq)
}

func (backendOrderIndexer) FromObject(obj interface{}) (bool, []byte, error) {
	b, ok := obj.(*model.Backend)
	if !ok {
		return false, nil, fmt.Errorf("backendOrderIndexer: %T is not a *model.Backend", obj)
	}
	return true, backendOrderKey(b.LoadBalancerId, b.Seq), nil
}

func (backendOrderIndexer) FromArgs(args ...interface{}) ([]byte, error) {
	if len(args) != 2 {
		return nil, fmt.Errorf("backendOrderIndexer: want 2 args, got %d", len(args))
	}
	lbId, ok1 := args[0].(string)
	seq, ok2 := args[1].(uint64)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("backendOrderIndexer: args are %T, %T, not a string and a uint64", args[0], args[1])
	}
	return backendOrderKey(lbId, seq), nil
}

func (backendOrderIndexer) PrefixFromArgs(args ...interface{}) ([]byte, error) {
	if len(args) != 1 {
		return nil, fmt.Errorf("backendOrderIndexer: want 1 prefix arg, got %d", len(args))
	}
	lbId, ok := args[0].(string)
	if !ok {
		return nil, fmt.Errorf("backendOrderIndexer: arg is %T, not a string", args[0])
	}
	return append([]byte(lbId), 0), nil
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

// Listings. Every list call (Describe*) answers one owner's rows of a table
// (an account in a region) in creation order, Seq, filtered by equality on
// a few fields and paged. A listing names those fields, its dimensions, and
// the table's list index holds one key per dimension a row has a value for:
//
//	tag, AccountId, 0, RegionId, 0, [value, 0,] Seq (8 bytes, big-endian)
//
// (memdb appends the primary key, which breaks ties of Seq). So the rows of
// an owner with one value of one field come out of a single prefix walk, in
// Seq order, and a page costs what the rows before its end cost, however
// many rows the owner has. The counts table holds, for each key without its
// Seq, how many rows have it (paging.go, countKey): a TotalCount without a
// walk.
//
// A value that contains a 0 byte may share a prefix with another value: a
// walk always checks every filter on the rows it reads, so that costs time,
// never a wrong answer.

// dimTag names a dimension in a listing key. Tags are per table.
type dimTag byte

// Dimensions.
const (
	dimAll         dimTag = iota + 1 // every row of the owner; no value
	dimName                          // LoadBalancerName, VpcName
	dimAddressType                   // an LB's AddressType
	dimNetworkType                   // NetworkType
	dimVpc                           // VpcId
	dimVSwitch                       // VSwitchId
	dimAddress                       // an LB's Address
	dimStatus                        // the stored Status (an instance's where it settles)
	dimZone                          // ZoneId
	dimInstance                      // an ENI's InstanceId
)

// listDim is one dimension of a listing: value is a row's value, "" for none
// (a filter never asks for the empty value: empty means no filter). A small
// dimension is not counted: few rows share one of its values (an LB's
// address, an ENI's instance), and a filter on it counts by walking them.
type listDim[T any] struct {
	tag   dimTag
	value func(*T) string
	small bool
}

// listing describes how a table's rows are listed.
type listing[T any] struct {
	table string
	owner func(*T) (account, region string)
	seq   func(*T) uint64
	id    func(*T) string
	dims  []listDim[T]
}

// dim returns the listing's dimension tag.
func (l *listing[T]) dim(tag dimTag) listDim[T] {
	for _, d := range l.dims {
		if d.tag == tag {
			return d
		}
	}
	panic(fmt.Sprintf("engine: %s has no dimension %d", l.table, tag))
}

// pairCountKey is the count key of the rows with value v1 of dimension t1
// and v2 of t2 (two counted dimensions, in any order).
func (l *listing[T]) pairCountKey(account, region string, t1 dimTag, v1 string, t2 dimTag, v2 string) string {
	for _, d := range l.dims {
		switch d.tag {
		case t1:
			return pairCountKey(l.table, account, region, t1, v1, t2, v2)
		case t2:
			return pairCountKey(l.table, account, region, t2, v2, t1, v1)
		}
	}
	panic(fmt.Sprintf("engine: %s has no dimension %d", l.table, t1))
}

// lister is what the list index and the counts need of a listing, for a
// row of any table.
type lister interface {
	// indexKeys are a row's list index keys, with room left for the
	// primary key that memdb appends.
	indexKeys(obj any) [][]byte
	// countKeys calls fn with each of a row's counted keys: its listing
	// keys (indexKeys without the Seq) but for small dimensions, and a key
	// for each pair of its counted dimensions (pairCountKey). The keys are
	// built in buf, which it returns (grown): a key is only valid during
	// its call, so that counting a world's rows allocates nothing per key.
	countKeys(obj any, buf []byte, fn func(key []byte)) []byte
	// sameCounts reports whether two versions of a row have the same
	// counted keys.
	sameCounts(a, b any) bool
}

// listers are the listings by table.
var listers = map[string]lister{
	tableLoadBalancers: loadBalancerListing,
	tableInstances:     instanceListing,
	tableENIs:          eniListing,
	tableVpcs:          vpcListing,
	tableVSwitches:     vswitchListing,
	tableTags:          tagCounting{},
}

var loadBalancerListing = &listing[model.LoadBalancer]{
	table: tableLoadBalancers,
	owner: func(lb *model.LoadBalancer) (string, string) { return lb.AccountId, lb.RegionId },
	seq:   func(lb *model.LoadBalancer) uint64 { return lb.Seq },
	id:    func(lb *model.LoadBalancer) string { return lb.LoadBalancerId },
	dims: []listDim[model.LoadBalancer]{
		{tag: dimAll},
		{tag: dimName, value: func(lb *model.LoadBalancer) string { return lb.LoadBalancerName }},
		{tag: dimAddressType, value: func(lb *model.LoadBalancer) string { return string(lb.AddressType) }},
		{tag: dimNetworkType, value: func(lb *model.LoadBalancer) string { return string(lb.NetworkType) }},
		{tag: dimVpc, value: func(lb *model.LoadBalancer) string { return lb.VpcId }},
		{tag: dimVSwitch, value: func(lb *model.LoadBalancer) string { return lb.VSwitchId }},
		{tag: dimAddress, value: func(lb *model.LoadBalancer) string { return lb.Address }, small: true},
		{tag: dimStatus, value: func(lb *model.LoadBalancer) string { return string(lb.Status) }},
	},
}

var instanceListing = &listing[model.Instance]{
	table: tableInstances,
	owner: func(i *model.Instance) (string, string) { return i.AccountId, i.RegionId },
	seq:   func(i *model.Instance) uint64 { return i.Seq },
	id:    func(i *model.Instance) string { return i.InstanceId },
	dims: []listDim[model.Instance]{
		{tag: dimAll},
		{tag: dimVpc, value: func(i *model.Instance) string { return i.VpcId }},
		{tag: dimVSwitch, value: func(i *model.Instance) string { return i.VSwitchId }},
		{tag: dimZone, value: func(i *model.Instance) string { return i.ZoneId }},
		{tag: dimStatus, value: func(i *model.Instance) string { return string(i.Status) }},
		{tag: dimNetworkType, value: func(i *model.Instance) string { return string(i.NetworkType) }},
	},
}

var eniListing = &listing[model.NetworkInterface]{
	table: tableENIs,
	owner: func(n *model.NetworkInterface) (string, string) { return n.AccountId, n.RegionId },
	seq:   func(n *model.NetworkInterface) uint64 { return n.Seq },
	id:    func(n *model.NetworkInterface) string { return n.NetworkInterfaceId },
	dims: []listDim[model.NetworkInterface]{
		{tag: dimAll},
		{tag: dimInstance, value: func(n *model.NetworkInterface) string { return n.InstanceId }, small: true},
		{tag: dimVpc, value: func(n *model.NetworkInterface) string { return n.VpcId }},
		{tag: dimVSwitch, value: func(n *model.NetworkInterface) string { return n.VSwitchId }},
		{tag: dimStatus, value: func(n *model.NetworkInterface) string { return string(n.Status) }},
	},
}

var vpcListing = &listing[model.Vpc]{
	table: tableVpcs,
	owner: func(v *model.Vpc) (string, string) { return v.AccountId, v.RegionId },
	seq:   func(v *model.Vpc) uint64 { return v.Seq },
	id:    func(v *model.Vpc) string { return v.VpcId },
	dims: []listDim[model.Vpc]{
		{tag: dimAll},
		{tag: dimName, value: func(v *model.Vpc) string { return v.VpcName }},
	},
}

var vswitchListing = &listing[model.VSwitch]{
	table: tableVSwitches,
	owner: func(v *model.VSwitch) (string, string) { return v.AccountId, v.RegionId },
	seq:   func(v *model.VSwitch) uint64 { return v.Seq },
	id:    func(v *model.VSwitch) string { return v.VSwitchId },
	dims: []listDim[model.VSwitch]{
		{tag: dimAll},
		{tag: dimVpc, value: func(v *model.VSwitch) string { return v.VpcId }},
		{tag: dimZone, value: func(v *model.VSwitch) string { return v.ZoneId }},
	},
}

// listKeyLen is the length of a counted key.
func listKeyLen(account, region, value string, all bool) int {
	n := 1 + len(account) + 1 + len(region) + 1
	if !all {
		n += len(value) + 1
	}
	return n
}

// appendListKey appends a counted key: tag, account, region and, but for
// dimAll, the value.
func appendListKey(b []byte, tag dimTag, account, region, value string) []byte {
	b = append(b, byte(tag))
	b = append(b, account...)
	b = append(b, 0)
	b = append(b, region...)
	b = append(b, 0)
	if tag != dimAll {
		b = append(b, value...)
		b = append(b, 0)
	}
	return b
}

// listKey is a counted key, and the prefix of a list index walk.
func listKey(tag dimTag, account, region, value string) string {
	return string(appendListKey(make([]byte, 0, listKeyLen(account, region, value, tag == dimAll)), tag, account, region, value))
}

func (l *listing[T]) indexKeys(obj any) [][]byte {
	row := obj.(*T)
	account, region := l.owner(row)
	var seq [8]byte
	binary.BigEndian.PutUint64(seq[:], l.seq(row))
	// One buffer for every key; each key keeps room for the primary key
	// (the ID and its 0) that memdb appends to a non-unique index's keys.
	idLen := len(l.id(row)) + 1
	type entry struct {
		tag   dimTag
		value string
	}
	var entries [16]entry
	n, size := 0, 0
	for _, d := range l.dims {
		v := ""
		if d.value != nil {
			if v = d.value(row); v == "" {
				continue
			}
		}
		entries[n] = entry{d.tag, v}
		n++
		size += listKeyLen(account, region, v, d.tag == dimAll) + len(seq) + idLen
	}
	buf := make([]byte, 0, size)
	keys := make([][]byte, n)
	for i, e := range entries[:n] {
		start := len(buf)
		buf = appendListKey(buf, e.tag, account, region, e.value)
		buf = append(buf, seq[:]...)
		end := len(buf)
		buf = buf[:end+idLen]
		keys[i] = buf[start : end : end+idLen]
	}
	return keys
}

func (l *listing[T]) countKeys(obj any, buf []byte, fn func(key []byte)) []byte {
	row := obj.(*T)
	account, region := l.owner(row)
	type entry struct {
		tag   dimTag
		value string
	}
	var counted [16]entry
	n := 0
	for _, d := range l.dims {
		v := ""
		if d.value != nil {
			if v = d.value(row); v == "" || d.small {
				continue
			}
		}
		buf = appendCountKey(buf[:0], l.table, d.tag, account, region, v)
		fn(buf)
		if d.tag != dimAll {
			counted[n] = entry{d.tag, v}
			n++
		}
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			buf = appendPairCountKey(buf[:0], l.table, account, region, counted[i].tag, counted[i].value, counted[j].tag, counted[j].value)
			fn(buf)
		}
	}
	return buf
}

// countKey is the key of a listing key's row in the counts table, which
// counts the keys of every table: the table, 0, the listing key.
func countKey(table string, tag dimTag, account, region, value string) string {
	return string(appendCountKey(make([]byte, 0, len(table)+1+listKeyLen(account, region, value, tag == dimAll)), table, tag, account, region, value))
}

func appendCountKey(b []byte, table string, tag dimTag, account, region, value string) []byte {
	b = append(b, table...)
	b = append(b, 0)
	return appendListKey(b, tag, account, region, value)
}

// pairCountKey is the key of the count of the rows that have two values
// of two dimensions (counted ones, in the listing's order: t1 before t2):
// the table, 0, 0x80|t1, t2, the account, the region and the two values,
// each ended by 0.
func pairCountKey(table, account, region string, t1 dimTag, v1 string, t2 dimTag, v2 string) string {
	return string(appendPairCountKey(make([]byte, 0, len(table)+1+2+len(account)+len(region)+len(v1)+len(v2)+4), table, account, region, t1, v1, t2, v2))
}

func appendPairCountKey(b []byte, table, account, region string, t1 dimTag, v1 string, t2 dimTag, v2 string) []byte {
	b = append(b, table...)
	b = append(b, 0, 0x80|byte(t1), byte(t2))
	for _, part := range [...]string{account, region, v1, v2} {
		b = append(b, part...)
		b = append(b, 0)
	}
	return b
}

func (l *listing[T]) sameCounts(a, b any) bool {
	ra, rb := a.(*T), b.(*T)
	accA, regA := l.owner(ra)
	accB, regB := l.owner(rb)
	if accA != accB || regA != regB {
		return false
	}
	for _, d := range l.dims {
		if d.value != nil && d.value(ra) != d.value(rb) {
			return false
		}
	}
	return true
}

// unsettledKeyOf is an instance's key in the unsettled index: its owner and
// when its last lifecycle transition began; none without a transition.
func unsettledKeyOf(obj any) (string, bool) {
	inst := obj.(*model.Instance)
	if inst.Transition == model.TransitionNone {
		return "", false
	}
	return unsettledKey(inst.AccountId, inst.RegionId, inst.TransitionAt), true
}

// unsettledKey orders by owner, then time: seconds with the sign bit
// flipped, then nanoseconds, big-endian.
func unsettledKey(account, region string, t time.Time) string {
	b := make([]byte, 0, len(account)+len(region)+2+12)
	b = append(b, account...)
	b = append(b, 0)
	b = append(b, region...)
	b = append(b, 0)
	b = binary.BigEndian.AppendUint64(b, uint64(t.Unix())^(1<<63))
	b = binary.BigEndian.AppendUint32(b, uint32(t.Nanosecond()))
	return string(b)
}
