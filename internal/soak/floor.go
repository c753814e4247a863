package main

// The floor server (-compare -floor signed|memdb): the least that any
// faithful fake kept in go-memdb must do for the comparison's requests,
// served as the constant server is (this program re-executed, roleEnv=floor)
// and measured in the fake's place. Its ratio to the constant server bounds
// the fake's: the fake cannot serve more requests per second than the floor
// does.
//
// Per request it reads the request (ParseForm, as the constant server
// does); with -floor signed it checks its Signature V1 (the string to sign
// and its HMAC-SHA1, which a fake cannot skip), with -floor memdb it does
// not (a bound that holds even for a signature that cost nothing); and
// then:
//   - AddBackendServers, RemoveBackendServers: decodes BackendServers with
//     encoding/json and applies the change in one go-memdb write transaction
//     to a table with the three indexes the engine's backends need (the
//     (LB, server) identity, the LB's attachment order, the server's
//     attachments), with go-memdb's own indexers;
//   - DescribeLoadBalancerAttribute: reads the LB's rows in order in a read
//     transaction.
//
// It answers the bytes the fake gave, as the constant server does. What it
// leaves out, and the fake does on top: the LB and instance lookups and
// their rules (status, network, quota), the call record, the request log,
// building the response, the nonce and timestamp checks.

import (
	"crypto/hmac"
	"encoding/json"
	"net/http"
	"sync/atomic"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/internal/rpcsign"
)

// floorBackend is the floor server's row: one attachment.
type floorBackend struct {
	LoadBalancerId string
	ServerId       string
	Weight         int
	Seq            uint64
}

// floorSchema has one table with the indexes of the engine's backends.
func floorSchema() *memdb.DBSchema {
	return &memdb.DBSchema{Tables: map[string]*memdb.TableSchema{
		"backends": {Name: "backends", Indexes: map[string]*memdb.IndexSchema{
			"id": {Name: "id", Unique: true, Indexer: &memdb.CompoundIndex{Indexes: []memdb.Indexer{
				&memdb.StringFieldIndex{Field: "LoadBalancerId"}, &memdb.StringFieldIndex{Field: "ServerId"},
			}}},
			"lb_order": {Name: "lb_order", Unique: true, Indexer: &memdb.CompoundIndex{Indexes: []memdb.Indexer{
				&memdb.StringFieldIndex{Field: "LoadBalancerId"}, &memdb.UintFieldIndex{Field: "Seq"},
			}}},
			"server": {Name: "server", Indexer: &memdb.StringFieldIndex{Field: "ServerId"}},
		}},
	}}
}

// floorModeEnv names the floor's mode in its environment: "signed" or
// "memdb".
const floorModeEnv = "SLBFAKE_SOAK_FLOOR"

// floor is the floor server's handler; answers are the fake's, by Action;
// signed whether it checks the signature.
type floor struct {
	db      *memdb.MemDB
	answers map[string]canned
	signed  bool
	secret  string
	seq     atomic.Uint64
}

func newFloor(answers map[string]canned, signed bool) (*floor, error) {
	db, err := memdb.NewMemDB(floorSchema())
	if err != nil {
		return nil, err
	}
	return &floor{db: db, answers: answers, signed: signed, secret: fake.DefaultAccessKey().Secret}, nil
}

func (f *floor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	params := make(map[string]string, len(r.Form))
	for k, v := range r.Form {
		params[k] = v[0]
	}
	if f.signed && !hmac.Equal([]byte(rpcsign.Signature(r.Method, params, f.secret)), []byte(params["Signature"])) {
		http.Error(w, "signature mismatch", http.StatusBadRequest)
		return
	}
	action := params["Action"]
	a, ok := f.answers[action]
	if !ok {
		http.Error(w, "no canned answer for "+action, http.StatusNotFound)
		return
	}
	var err error
	switch action {
	case "AddBackendServers", "RemoveBackendServers":
		err = f.change(params["LoadBalancerId"], params["BackendServers"], action == "AddBackendServers")
	default:
		_, err = f.backendsOf(params["LoadBalancerId"])
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.WriteHeader(a.Status)
	_, _ = w.Write(a.Body)
}

// change adds or removes an LB's backends in one write transaction.
func (f *floor) change(lb, backendServers string, add bool) error {
	var servers []struct {
		ServerId string
		Weight   int
	}
	if err := json.Unmarshal([]byte(backendServers), &servers); err != nil {
		return err
	}
	txn := f.db.Txn(true)
	defer txn.Abort()
	for _, s := range servers {
		var err error
		if add {
			err = txn.Insert("backends", &floorBackend{LoadBalancerId: lb, ServerId: s.ServerId, Weight: s.Weight, Seq: f.seq.Add(1)})
		} else if old, _ := txn.First("backends", "id", lb, s.ServerId); old != nil {
			err = txn.Delete("backends", old)
		}
		if err != nil {
			return err
		}
	}
	txn.Commit()
	return nil
}

// backendsOf reads an LB's backends in attachment order.
func (f *floor) backendsOf(lb string) ([]*floorBackend, error) {
	it, err := f.db.Txn(false).Get("backends", "lb_order_prefix", lb)
	if err != nil {
		return nil, err
	}
	var out []*floorBackend
	for obj := it.Next(); obj != nil; obj = it.Next() {
		out = append(out, obj.(*floorBackend))
	}
	return out, nil
}
