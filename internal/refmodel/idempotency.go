package refmodel

import (
	"encoding/json"
	"reflect"

	"github.com/slbfake/slbfake/model"
)

// ClientToken (README, fidelity table, "ClientToken"; DOC: ECS "How to
// ensure idempotence"): a create call with a ClientToken the same account
// already used on the same action, and the same parameters, answers what the
// first call answered and creates nothing; with other parameters it is
// IdempotentParameterMismatch. The token is looked up before every other
// check. A token is at most 64 printable ASCII characters (InvalidParameter
// naming ClientToken otherwise, INF). Only a successful call records its
// token; a dry run neither looks one up nor records one. Tokens never expire.

type tokenKey struct{ account, action, token string }

// tokenRecord is what the first call with a token asked (its parameters
// without ClientToken and DryRun: a comparable request struct) and answered
// (its response, as JSON, so that a replay hands out a fresh copy).
type tokenRecord struct {
	params   any
	response []byte
}

// validToken: at most 64 characters, each printable ASCII.
func validToken(token string) bool {
	if len(token) > 64 {
		return false
	}
	for _, c := range []byte(token) {
		if c < ' ' || c > '~' {
			return false
		}
	}
	return true
}

// idempotent runs create under token ("" for none): params is the request
// with ClientToken and DryRun cleared (a struct, compared deeply: a
// request may hold lists), action the action's name.
func idempotent[Resp any](m *Model, account, action, token string, params any, create func() (*Resp, *model.Error)) (*Resp, *model.Error) {
	if token == "" {
		return create()
	}
	if !validToken(token) {
		return nil, model.ErrInvalidParameterValue("ClientToken")
	}
	key := tokenKey{account, action, token}
	if rec, ok := m.tokens[key]; ok {
		if !reflect.DeepEqual(rec.params, params) {
			return nil, model.ErrIdempotentParameterMismatch()
		}
		resp := new(Resp)
		if err := json.Unmarshal(rec.response, resp); err != nil {
			panic(err)
		}
		return resp, nil
	}
	resp, e := create()
	if e != nil {
		return nil, e
	}
	body, err := json.Marshal(resp)
	if err != nil {
		panic(err)
	}
	if m.tokens == nil {
		m.tokens = map[tokenKey]tokenRecord{}
	}
	m.tokens[key] = tokenRecord{params: params, response: body}
	return resp, nil
}
