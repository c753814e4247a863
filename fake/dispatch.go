package fake

import (
	"context"
	"errors"

	"github.com/slbfake/slbfake/model"
)

// ErrConnectionDropped is how a call ends when a DropConnection fault closed
// its connection after the change was applied: a Client call returns it, the
// RoundTripper returns it as its transport error, and over a real socket the
// client sees the connection close with no response. It is the only
// representation of a dropped connection.
var ErrConnectionDropped = errors.New("slbfake: connection dropped after the change was applied")

// dispatch is the one path every call takes, from a Client method or from the
// wire: the call is recorded, offered to the fault rules, and run by the
// engine last, so that an injected fault and a real rule travel the same
// path. requestId is drawn once by the caller (Client or wire) and stamped
// here, once, on the response or the error.
//
// A call ends in one of three ways: a response; a *model.Error (the
// service's or a fault's); or ErrConnectionDropped. The rule for a context
// that ends: a call whose context is done before the engine runs it (on
// entry, or while it waits out injected latency) does not run, changes
// nothing, and fails with ServiceUnavailable (503), which unwraps to the
// context's error (errors.Is(err, context.Canceled) holds); it is recorded
// so. Once the engine has run, the call's outcome stands.
//
// shared says the caller keeps req and gets the response (a Client call):
// the record then keeps copies of both, so that the caller cannot rewrite
// it. A wire call owns both (the request was just decoded, the response is
// only encoded), and the record keeps them as they are.
func (f *Fake) dispatch(ctx context.Context, a actionInfo, account, requestId string, req any, shared bool) (response, error) {
	rec := f.recorder.begin(f, a.Name(), account, requestId, req, shared)
	defer f.recorder.finish(rec)
	if err := ctx.Err(); err != nil {
		return nil, rec.fail(model.ErrServiceUnavailable().WithCause(err))
	}
	d := f.faults.decide(&rec.Call, f.clock.Now())
	if d.latency > 0 || d.before != nil {
		rec.Fault = d.rule // the rule acted; an after-commit rule acts only on a success
	}
	if err := f.wait(ctx, d.latency); err != nil {
		return nil, rec.fail(model.ErrServiceUnavailable().WithCause(err))
	}
	if d.before != nil {
		return nil, rec.fail(d.before)
	}
	resp, e := a.run(f.store.Tracked(&rec.Changes), account, req)
	rec.Applied = len(rec.Changes) > 0
	if e != nil {
		return nil, rec.fail(e)
	}
	resp.SetRequestId(requestId)
	rec.succeed(resp, shared)
	if d.after == nil {
		return resp, nil
	}
	rec.Fault = d.rule
	if d.drop {
		rec.Dropped = true
		return nil, ErrConnectionDropped
	}
	return nil, rec.fail(d.after)
}
