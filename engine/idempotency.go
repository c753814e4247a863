package engine

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// Idempotent creation with ClientToken (DOC: ECS "How to ensure
// idempotence"; the ClientToken parameter of CreateLoadBalancer,
// RunInstances, CreateInstance, CreateNetworkInterface, CreateVpc and
// CreateVSwitch):
//
//   - A token is a case-sensitive string of at most 64 ASCII characters
//     (DOC); any other is InvalidParameter naming ClientToken (INF).
//   - The first successful call with a token records it, in the same
//     transaction as the resources it creates, with the call's parameters
//     and its response. A failed call records nothing: its token may be used
//     again (INF).
//   - A later call of the same account and action with that token and the
//     same parameters gets the first call's response (the same IDs; its own
//     RequestId) and creates nothing: it writes nothing, so it is not
//     recorded as applied. The token is looked up before any other check, so
//     the answer is the same whatever happened to the world since (INF).
//   - The same token with other parameters is IdempotentParameterMismatch
//     (DOC: ECS).
//   - Tokens are scoped per account and per action, so per product too: the
//     same token on CreateVpc and CreateVSwitch names two requests (INF; the
//     documentation scopes them to the caller's requests of one API).
//   - Tokens do not expire (INF: the documentation gives no lifetime).
//   - A dry run (DryRun) neither looks up nor records a token (INF).

// maxClientTokenLength is the longest ClientToken, in ASCII characters (DOC).
const maxClientTokenLength = 64

// ClientTokenRecord is a ClientToken an account used on an action: the
// parameters of the call that first used it (Request: its JSON with
// ClientToken and DryRun left out) and that call's response (Response: its
// JSON, RequestId empty).
type ClientTokenRecord struct {
	AccountId   string
	Action      string
	ClientToken string
	Request     string
	Response    string
}

// validClientToken: 1 to 64 printable ASCII characters (DOC: "up to 64
// ASCII characters").
func validClientToken(token string) bool {
	if len(token) > maxClientTokenLength {
		return false
	}
	for i := 0; i < len(token); i++ {
		if token[i] < 0x20 || token[i] > 0x7e {
			return false
		}
	}
	return true
}

// idempotentTxn runs create, the body of a create call, under the call's
// ClientToken (token, "" for none): see the rules above. req is the call's
// request (a pointer to its struct), action the action's name.
func idempotentTxn[Resp any](txn *memdb.Txn, account, action, token string, req any, create func() (*Resp, *model.Error)) (*Resp, *model.Error) {
	if token == "" {
		return create()
	}
	if !validClientToken(token) {
		return nil, model.ErrInvalidParameterValue("ClientToken")
	}
	params := requestFingerprint(req)
	if rec, _ := first(txn, tableClientTokens, indexID, account, action, token).(*ClientTokenRecord); rec != nil {
		if rec.Request != params {
			return nil, model.ErrIdempotentParameterMismatch()
		}
		resp := new(Resp)
		if err := json.Unmarshal([]byte(rec.Response), resp); err != nil {
			panic(fmt.Sprintf("engine: stored response of ClientToken %q on %s: %v", token, action, err))
		}
		return resp, nil
	}
	resp, e := create()
	if e != nil {
		return nil, e
	}
	body, err := json.Marshal(resp)
	if err != nil {
		panic(fmt.Sprintf("engine: response of %s: %v", action, err))
	}
	insert(txn, tableClientTokens, &ClientTokenRecord{
		AccountId: account, Action: action, ClientToken: token, Request: params, Response: string(body),
	})
	return resp, nil
}

// requestFingerprint is the JSON of a request (a pointer to a struct) with
// its ClientToken and DryRun fields zeroed: the parameters two calls with
// one token must share.
func requestFingerprint(req any) string {
	v := reflect.ValueOf(req).Elem()
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	for _, name := range []string{"ClientToken", "DryRun"} {
		if f := c.FieldByName(name); f.IsValid() {
			f.SetZero()
		}
	}
	b, err := json.Marshal(c.Interface())
	if err != nil {
		panic(fmt.Sprintf("engine: request %T: %v", req, err))
	}
	return string(b)
}
