package fake

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
)

// DefaultAccountId is the account of Fake.Client.
const DefaultAccountId = "1234567890123456"

// Clock is where the fake reads the time: every CreationTime and CreateTime.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

// Now implements Clock.
func (f ClockFunc) Now() time.Time { return f() }

type config struct {
	seed  uint64
	clock Clock
	quota int
	keys  []AccessKey
	log   *slog.Logger
	life  model.LifecycleDurations
	// configuring is the LB configuring window.
	configuring time.Duration
	faults      []FaultRule
	callLimit   int
}

// Option configures a Fake.
type Option func(*config)

// WithSeed seeds every ID, RequestId and random choice. The same seed and the
// same calls give the same results. Default: 0.
func WithSeed(seed uint64) Option { return func(c *config) { c.seed = seed } }

// WithClock sets the clock. Default: the real time.
func WithClock(clock Clock) Option { return func(c *config) { c.clock = clock } }

// WithBackendQuota sets the most backends one LB may have. Default: 200.
func WithBackendQuota(n int) Option { return func(c *config) { c.quota = n } }

// WithLifecycle makes instances spend d in each transitional status:
// RunInstances goes Pending, Starting, Running; CreateInstance Pending,
// Stopped; StartInstance Starting, Running; StopInstance Stopping, Stopped.
// Describe calls show the transitional statuses and AddBackendServers refuses
// instances in them (ObtainIpFail), as the real service does. Default: zero
// durations, every call lands in its final status at once. Pair it with a
// VirtualClock to step through the statuses.
func WithLifecycle(d model.LifecycleDurations) Option { return func(c *config) { c.life = d } }

// WithConfiguringWindow keeps an LB "configuring" for d after each backend
// change: another backend change of it is refused with
// BackendServer.configuring (409), and SetLoadBalancerStatus or
// DeleteLoadBalancer with ServiceIsConfiguring, until d has passed on the
// fake's clock, as the real service refuses changes while it applies one.
// Default: zero, no window.
func WithConfiguringWindow(d time.Duration) Option { return func(c *config) { c.configuring = d } }

// WithCallLimit keeps only the last n calls in the record, for long-running
// servers. Default: 0, every call is kept (the record grows with each call).
func WithCallLimit(n int) Option { return func(c *config) { c.callLimit = n } }

// WithLogger logs one line per wire request (action, code, duration) to l.
// Default: no logging.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.log = l } }

// Fake is an in-memory Alibaba Cloud SLB, ECS and VPC. It is safe for
// concurrent use by many goroutines. Create one per test with New.
type Fake struct {
	store *engine.Store
	ids   *model.IDSource
	clock Clock
	// keys maps AccessKeyId to credential; keyOrder keeps the order given.
	keys     map[string]AccessKey
	keyOrder []string
	nonces   *nonceCache
	logger   *slog.Logger
	faults   *faultPlan
	recorder recorder
	callSeq  atomic.Uint64
}

// New returns an empty fake world: the region catalogue and nothing else.
func New(opts ...Option) *Fake {
	cfg := config{clock: ClockFunc(time.Now)}
	for _, o := range opts {
		o(&cfg)
	}
	ids := model.NewIDSource(cfg.seed)
	store, err := engine.New(engine.Config{IDs: ids, Now: cfg.clock.Now, BackendQuota: cfg.quota, Lifecycle: cfg.life,
		ConfiguringWindow: cfg.configuring})
	if err != nil {
		panic(fmt.Sprintf("slbfake: %v", err)) // only a schema bug gets here
	}
	f := &Fake{store: store, ids: ids, clock: cfg.clock, keys: map[string]AccessKey{}, nonces: newNonceCache(),
		logger: cfg.log, faults: newFaultPlan(cfg.seed), recorder: recorder{limit: cfg.callLimit}}
	if err := f.faults.set(cfg.faults); err != nil {
		panic(err) // WithFaults with an invalid rule: a bug in the test
	}
	for _, k := range append([]AccessKey{DefaultAccessKey()}, cfg.keys...) {
		if _, dup := f.keys[k.Id]; !dup {
			f.keyOrder = append(f.keyOrder, k.Id)
		}
		f.keys[k.Id] = k
	}
	return f
}

// Client returns a client of the default account (DefaultAccountId).
func (f *Fake) Client() *Client { return f.ClientForAccount(DefaultAccountId) }

// ClientForAccount returns a client acting as account. Accounts see only
// their own resources: another account's are "not found".
func (f *Fake) ClientForAccount(account string) *Client {
	return &Client{fake: f, account: account}
}

// State returns a copy of the whole world, for assertions.
func (f *Fake) State() engine.State { return f.store.Dump() }

// BackendQuota returns the per-LB backend quota in force.
func (f *Fake) BackendQuota() int { return f.store.BackendQuota() }

// requestIdKey carries the RequestId the wire handler drew into invoke, so
// that a call draws exactly one RequestId whichever way it came in: the same
// seed and calls give the same RequestIds over the wire and through Client.
type requestIdKey struct{}

// invoke runs one call through the dispatch chain: record, fault rules, and
// last the engine, so that an injected fault and a real rule travel the same
// path. It draws the RequestId (unless the wire handler did) and stamps it on
// the response or the error.
func invoke[Req any, Resp any, PResp interface {
	*Resp
	SetRequestId(string)
}](ctx context.Context, c *Client, action string, req *Req, op func(*engine.Store, string, *Req) (PResp, *model.Error)) (PResp, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if req == nil {
		req = new(Req)
	}
	requestId, ok := ctx.Value(requestIdKey{}).(string)
	if !ok {
		requestId = c.fake.ids.RequestID()
	}
	resp, err := c.fake.dispatch(ctx, c.fake.newCall(action, c.account, requestId, req), func(store *engine.Store) (response, *model.Error) {
		r, e := op(store, c.account, req)
		if e != nil {
			return nil, e
		}
		return r, nil
	})
	if err != nil {
		return nil, err
	}
	return resp.(PResp), nil
}

// response is what every response type is.
type response interface{ SetRequestId(string) }

// dispatch is the chain every call goes through: the fault plan decides, its
// latency is spent, a fault before the change answers at once; otherwise run
// applies the call on a change-tracking view of the store, and a fault after
// the change replaces a success. The call is recorded with its outcome.
func (f *Fake) dispatch(ctx context.Context, rec *CallRecord, run func(*engine.Store) (response, *model.Error)) (response, error) {
	defer f.recorder.add(rec)
	d := f.faults.decide(&rec.Call, f.clock.Now())
	if d.latency > 0 || d.before != nil {
		rec.Fault = d.rule // the rule acted; an after-commit rule acts only on a success
	}
	if err := f.wait(ctx, d.latency); err != nil {
		rec.fail(model.ErrServiceUnavailable())
		return nil, err
	}
	if d.before != nil {
		e := d.before.WithRequestId(rec.RequestId)
		rec.fail(e)
		return nil, e
	}
	resp, e := run(f.store.Tracked(&rec.Changes))
	rec.Applied = len(rec.Changes) > 0
	if e != nil {
		e = e.WithRequestId(rec.RequestId)
		rec.fail(e)
		return nil, e
	}
	resp.SetRequestId(rec.RequestId)
	rec.Response, rec.HTTPStatus = resp, 200
	if d.after != nil {
		rec.Fault = d.rule
	}
	switch {
	case d.after != nil && d.drop:
		rec.Dropped = true
		return nil, ErrConnectionDropped
	case d.after != nil:
		e := d.after.WithRequestId(rec.RequestId)
		rec.fail(e)
		return nil, e
	}
	return resp, nil
}
