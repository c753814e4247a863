package fake

import (
	"encoding/json"
	"io"
	"reflect"
	"sync"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
)

// Recording: every call that reaches the dispatch chain is kept, with its
// outcome and its changes, in the order calls finished. Records are values:
// what Calls returns is a deep copy, so a caller who changes it changes
// neither the record nor the world; the record keeps its own copies of the
// request and the response, so a caller who reuses or changes those does not
// rewrite history.

// Call is one API call as it enters the fake: what fault rules match on.
type Call struct {
	// Seq numbers calls in the order they reached the fake, from 1.
	Seq       uint64
	Time      time.Time
	Action    string
	Account   string
	Request   any
	RequestId string
}

// CallRecord is one call with its outcome: what the fake recorded.
type CallRecord struct {
	Call
	// Response is set on success (and on a failure after commit, where the
	// caller never saw it).
	Response any `json:",omitempty"`
	// HTTPStatus is 200 on success; Code and Message are the error's.
	HTTPStatus int
	Code       model.Code `json:",omitempty"`
	Message    string     `json:",omitempty"`
	// Fault names the fault rule that acted on the call: it answered, delayed
	// it, or failed it after the change. A rule that matched without acting
	// (a throttle with tokens left, an after-commit rule on a call that failed
	// anyway) is not named.
	Fault string `json:",omitempty"`
	// Applied reports that the call changed the state; Changes says how.
	Applied bool
	Changes []engine.Change `json:",omitempty"`
	// Dropped reports that the connection was dropped after the change.
	Dropped bool `json:",omitempty"`
}

// fail records e, stamped with the call's RequestId, as the outcome and
// returns the stamped error.
func (r *CallRecord) fail(e *model.Error) *model.Error {
	e = e.WithRequestId(r.RequestId)
	r.HTTPStatus, r.Code, r.Message = e.HTTPStatus, e.Code, e.Message
	return e
}

// succeed records resp as the outcome: a copy of it when the caller keeps
// resp.
func (r *CallRecord) succeed(resp response, shared bool) {
	r.Response, r.HTTPStatus = any(resp), 200
	if shared {
		r.Response = deepCopy(resp)
	}
}

// recorder keeps the finished calls: all of them, or, with a limit, the last
// limit in a ring, so that keeping one costs O(1) however full it is.
type recorder struct {
	seq   uint64 // calls begun
	mu    sync.Mutex
	limit int // 0: no limit
	// calls holds the records; with a limit it is a ring whose oldest
	// record is at next once the ring is full.
	calls []*CallRecord
	next  int
}

// begin starts the record of one call; its request is copied when the caller
// keeps it.
func (r *recorder) begin(f *Fake, action, account, requestId string, req any, shared bool) *CallRecord {
	if shared {
		req = deepCopy(req)
	}
	r.mu.Lock()
	r.seq++
	seq := r.seq
	r.mu.Unlock()
	return &CallRecord{Call: Call{
		Seq: seq, Time: f.clock.Now(), Action: action, Account: account,
		Request: req, RequestId: requestId,
	}}
}

// finish keeps a finished call.
func (r *recorder) finish(c *CallRecord) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.limit <= 0 || len(r.calls) < r.limit {
		r.calls = append(r.calls, c)
		return
	}
	r.calls[r.next] = c
	r.next = (r.next + 1) % r.limit
}

// snapshot returns the kept records, oldest first, as deep copies.
func (r *recorder) snapshot(keep func(*CallRecord) bool) []CallRecord {
	r.mu.Lock()
	ordered := make([]*CallRecord, 0, len(r.calls))
	ordered = append(ordered, r.calls[r.next:]...)
	ordered = append(ordered, r.calls[:r.next]...)
	r.mu.Unlock()
	// Records are never changed once kept, so they are copied outside the
	// lock.
	var out []CallRecord
	for _, c := range ordered {
		if keep == nil || keep(c) {
			out = append(out, c.copy())
		}
	}
	return out
}

func (r *recorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls, r.next = nil, 0
}

// copy returns a deep copy of the record: its request, response and changes
// are the caller's to change.
func (c *CallRecord) copy() CallRecord {
	out := *c
	out.Request = deepCopy(c.Request)
	out.Response = deepCopy(c.Response)
	if c.Changes != nil {
		out.Changes = make([]engine.Change, len(c.Changes))
		for i, ch := range c.Changes {
			out.Changes[i] = engine.Change{Table: ch.Table, Before: deepCopy(ch.Before), After: deepCopy(ch.After)}
		}
	}
	return out
}

// Calls returns the recorded calls, in the order they finished (all of them,
// or the last WithCallLimit). They are copies: changing them changes neither
// the record nor the world.
func (f *Fake) Calls() []CallRecord { return f.recorder.snapshot(nil) }

// CallsOf returns the recorded calls of one action, as Calls does.
func (f *Fake) CallsOf(action string) []CallRecord {
	return f.recorder.snapshot(func(c *CallRecord) bool { return c.Action == action })
}

// ResetCalls forgets every recorded call.
func (f *Fake) ResetCalls() { f.recorder.reset() }

// WriteCalls writes the recorded calls as JSON lines, one call a line.
func (f *Fake) WriteCalls(w io.Writer) error {
	enc := json.NewEncoder(w)
	for _, c := range f.Calls() {
		if err := enc.Encode(c); err != nil {
			return err
		}
	}
	return nil
}

// deepCopy returns a copy of v that shares nothing changeable with it:
// pointers, slices, maps and interfaces are copied all the way down. Struct
// fields that are not exported (time.Time's location, say) are copied as
// they are; the records the fake keeps have none that can change.
func deepCopy(v any) any {
	if v == nil {
		return nil
	}
	return copyValue(reflect.ValueOf(v)).Interface()
}

func copyValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		cp := reflect.New(v.Type().Elem())
		cp.Elem().Set(copyValue(v.Elem()))
		return cp
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		cp := reflect.New(v.Type()).Elem()
		cp.Set(copyValue(v.Elem()))
		return cp
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		cp := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			cp.Index(i).Set(copyValue(v.Index(i)))
		}
		return cp
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		cp := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			cp.SetMapIndex(it.Key(), copyValue(it.Value()))
		}
		return cp
	case reflect.Struct:
		cp := reflect.New(v.Type()).Elem()
		cp.Set(v)
		for i := range v.NumField() {
			if cp.Field(i).CanSet() {
				cp.Field(i).Set(copyValue(v.Field(i)))
			}
		}
		return cp
	case reflect.Array:
		cp := reflect.New(v.Type()).Elem()
		for i := range v.Len() {
			cp.Index(i).Set(copyValue(v.Index(i)))
		}
		return cp
	default:
		return v
	}
}
