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
	Code       string `json:",omitempty"`
	Message    string `json:",omitempty"`
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

// recorder keeps the calls, in the order they finished: every call, or the
// last limit of them.
type recorder struct {
	mu    sync.Mutex
	limit int // 0: no limit
	calls []*CallRecord
}

func (r *recorder) add(c *CallRecord) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, c)
	if r.limit > 0 && len(r.calls) > r.limit {
		r.calls = append(r.calls[:0:0], r.calls[len(r.calls)-r.limit:]...)
	}
}

// Calls returns the recorded calls, in the order they finished (all of them,
// or the last WithCallLimit).
func (f *Fake) Calls() []CallRecord {
	f.recorder.mu.Lock()
	defer f.recorder.mu.Unlock()
	out := make([]CallRecord, len(f.recorder.calls))
	for i, c := range f.recorder.calls {
		out[i] = *c
	}
	return out
}

// CallsOf returns the recorded calls of one action.
func (f *Fake) CallsOf(action string) []CallRecord {
	var out []CallRecord
	for _, c := range f.Calls() {
		if c.Action == action {
			out = append(out, c)
		}
	}
	return out
}

// ResetCalls forgets every recorded call.
func (f *Fake) ResetCalls() {
	f.recorder.mu.Lock()
	defer f.recorder.mu.Unlock()
	f.recorder.calls = nil
}

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

// newCall starts the record of one call.
func (f *Fake) newCall(action, account, requestId string, req any) *CallRecord {
	return &CallRecord{Call: Call{
		Seq: f.callSeq.Add(1), Time: f.clock.Now(), Action: action, Account: account,
		Request: snapshotRequest(req), RequestId: requestId,
	}}
}

// snapshotRequest copies the request struct, so that a caller reusing its
// request value does not rewrite the record.
func snapshotRequest(req any) any {
	v := reflect.ValueOf(req)
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		cp := reflect.New(v.Elem().Type())
		cp.Elem().Set(v.Elem())
		return cp.Interface()
	}
	return req
}

func (r *CallRecord) fail(e *model.Error) {
	r.HTTPStatus, r.Code, r.Message = e.HTTPStatus, e.Code, e.Message
}
