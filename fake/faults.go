package fake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/slbfake/slbfake/model"
)

// FaultRule injects a failure into the calls it matches. Rules are tried in
// order and the first that matches a call decides its fault; a call no rule
// matches runs normally. A rule matches on Action, Account, ResourceId and
// When (all that are set), then on the count of calls that matched so far
// (First, Every, After) and on Probability. Its effect is Latency, then one
// of: Throttle, Error before the change (the default), or, with AfterCommit,
// the change applied and then Error (or a dropped connection) reported.
//
// Faults travel the normal dispatch path: a rule's error is indistinguishable
// from the service's own, and it is recorded like any other outcome.
type FaultRule struct {
	// Name shows in the call record of every call the rule decided.
	Name string `json:",omitempty"`

	// Action, Account: exact matches; empty matches every call.
	Action  string `json:",omitempty"`
	Account string `json:",omitempty"`
	// ResourceId matches a call whose request names it: a string field equal
	// to it, or a BackendServers or InstanceIds value that contains it.
	ResourceId string `json:",omitempty"`
	// When, if set, must return true. Go only: it is not serialised.
	When func(*Call) bool `json:"-"`

	// First: only the first N matching calls. Every: every Nth matching call
	// (the Nth, the 2Nth, ...). After: only the calls after the first N. Zero
	// means no limit. The counts are per rule.
	First int `json:",omitempty"`
	Every int `json:",omitempty"`
	After int `json:",omitempty"`
	// Probability, in (0, 1], fires the rule on that share of the calls it
	// would fire on, drawn from the fake's seeded source; 0 means always.
	Probability float64 `json:",omitempty"`

	// Latency delays the call by this much on the fake's clock: a
	// VirtualClock is advanced, a real clock slept on.
	Latency Duration `json:",omitempty"`
	// ErrorCode is the catalogue code to answer with (its real status and
	// message); Error, in Go, gives the error itself and wins. With neither,
	// and no Throttle, a rule with only Latency lets the call run;
	// AfterCommit defaults to InternalError.
	ErrorCode string       `json:",omitempty"`
	Error     *model.Error `json:"-"`
	// AfterCommit applies the call's change, then reports the error: the
	// failure after the change took effect that breaks naive retry logic.
	AfterCommit bool `json:",omitempty"`
	// DropConnection, with AfterCommit, closes the connection without an
	// answer on the wire; a Client call returns ErrConnectionDropped.
	DropConnection bool `json:",omitempty"`
	// Throttle answers Throttling.User when the rule's token bucket for the
	// call's action and account is empty.
	Throttle *TokenBucket `json:",omitempty"`
}

// TokenBucket refills Rate tokens per second of the fake's clock, up to
// Burst; each call takes one.
type TokenBucket struct {
	Rate  float64
	Burst int
}

// Duration is a time.Duration that reads and writes as a Go duration string
// in JSON ("250ms").
type Duration time.Duration

// MarshalJSON implements json.Marshaler.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON implements json.Unmarshaler.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.ParseDuration(s)
	*d = Duration(v)
	return err
}

// ErrConnectionDropped is what a Client call returns when a DropConnection
// fault closed its connection after the change was applied. On the wire the
// client sees the connection close with no response.
var ErrConnectionDropped = errors.New("slbfake: connection dropped after the change was applied")

// validate checks a rule on its own; it resolves ErrorCode.
func (r *FaultRule) validate() error {
	if r.Error != nil && r.ErrorCode == "" {
		r.ErrorCode = r.Error.Code // so that the rule shows its error in JSON
	}
	if r.Error == nil && r.ErrorCode != "" {
		e, ok := model.LookupError(r.ErrorCode)
		if !ok {
			return fmt.Errorf("slbfake: fault %q: unknown error code %q", r.Name, r.ErrorCode)
		}
		r.Error = e
	}
	switch {
	case r.First < 0 || r.Every < 0 || r.After < 0:
		return fmt.Errorf("slbfake: fault %q: First, Every and After must not be negative", r.Name)
	case r.Probability < 0 || r.Probability > 1:
		return fmt.Errorf("slbfake: fault %q: Probability must be in [0, 1]", r.Name)
	case r.Latency < 0:
		return fmt.Errorf("slbfake: fault %q: negative Latency", r.Name)
	case r.DropConnection && !r.AfterCommit:
		return fmt.Errorf("slbfake: fault %q: DropConnection needs AfterCommit", r.Name)
	case r.Throttle != nil && (r.Throttle.Rate < 0 || r.Throttle.Burst < 1):
		return fmt.Errorf("slbfake: fault %q: Throttle needs Burst >= 1 and Rate >= 0", r.Name)
	}
	return nil
}

// faultPlan is the fake's rules and their counters.
type faultPlan struct {
	mu      sync.Mutex
	rules   []FaultRule
	matched []int                   // per rule: calls that matched its filters
	buckets map[string]*bucketState // per rule, action and account
	rng     *rand.Rand
}

type bucketState struct {
	tokens float64
	at     time.Time
}

func newFaultPlan(seed uint64) *faultPlan {
	// A stream of its own, so that fault draws never shift the IDs.
	return &faultPlan{rng: rand.New(rand.NewPCG(seed, 0xfa017)), buckets: map[string]*bucketState{}}
}

// set replaces the rules and resets every counter and bucket.
func (p *faultPlan) set(rules []FaultRule) error {
	checked := make([]FaultRule, len(rules))
	for i, r := range rules {
		if err := r.validate(); err != nil {
			return err
		}
		checked[i] = r
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules, p.matched, p.buckets = checked, make([]int, len(checked)), map[string]*bucketState{}
	return nil
}

// add appends one rule with fresh counters, keeping the others'.
func (p *faultPlan) add(rule FaultRule) error {
	if err := rule.validate(); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules = append(p.rules, rule)
	p.matched = append(p.matched, 0)
	return nil
}

func (p *faultPlan) list() []FaultRule {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]FaultRule(nil), p.rules...)
}

// decision is what the plan does to one call.
type decision struct {
	rule    string
	latency time.Duration
	before  *model.Error // answer this without running the call
	after   *model.Error // run the call, then answer this
	drop    bool
}

// decide finds the first rule that fires on call.
func (p *faultPlan) decide(call *Call, now time.Time) decision {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range p.rules {
		r := &p.rules[i]
		if !r.matches(call) {
			continue
		}
		p.matched[i]++
		n := p.matched[i]
		if (r.First > 0 && n > r.First) || (r.Every > 0 && n%r.Every != 0) || (r.After > 0 && n <= r.After) {
			continue
		}
		if r.Probability > 0 && p.rng.Float64() >= r.Probability {
			continue
		}
		d := decision{rule: r.Name, latency: time.Duration(r.Latency)}
		if d.rule == "" {
			d.rule = fmt.Sprintf("rule %d", i+1)
		}
		switch {
		case r.Throttle != nil:
			if !p.take(i, r.Throttle, call, now) {
				d.before = model.ErrThrottlingUser()
			}
		case r.AfterCommit:
			d.after, d.drop = r.Error, r.DropConnection
			if d.after == nil {
				d.after = model.ErrInternalError()
			}
		default:
			d.before = r.Error
		}
		return d
	}
	return decision{}
}

// take draws a token from the rule's bucket of the call's action and account.
func (p *faultPlan) take(rule int, tb *TokenBucket, call *Call, now time.Time) bool {
	key := fmt.Sprintf("%d\x00%s\x00%s", rule, call.Action, call.Account)
	b, ok := p.buckets[key]
	if !ok {
		b = &bucketState{tokens: float64(tb.Burst), at: now}
		p.buckets[key] = b
	}
	if elapsed := now.Sub(b.at).Seconds(); elapsed > 0 {
		b.tokens = min(float64(tb.Burst), b.tokens+elapsed*tb.Rate)
		b.at = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (r *FaultRule) matches(call *Call) bool {
	if (r.Action != "" && r.Action != call.Action) || (r.Account != "" && r.Account != call.Account) {
		return false
	}
	if r.ResourceId != "" && !requestMentions(call.Request, r.ResourceId) {
		return false
	}
	return r.When == nil || r.When(call)
}

// requestMentions reports whether a request names id: a string field equal
// to it, a list field holding it, or a JSON-list field (BackendServers,
// InstanceIds) whose text contains it.
func requestMentions(req any, id string) bool {
	v := reflect.ValueOf(req)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return false
	}
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			s := f.String()
			if s == id || ((strings.HasPrefix(s, "[") || strings.Contains(s, ",")) && strings.Contains(s, id)) {
				return true
			}
		case reflect.Slice:
			for j := 0; j < f.Len(); j++ {
				if f.Index(j).Kind() == reflect.String && f.Index(j).String() == id {
					return true
				}
			}
		case reflect.Struct:
			if requestMentions(f.Addr().Interface(), id) {
				return true
			}
		}
	}
	return false
}

// SetFaults replaces the fault rules (and resets their counters). A rule
// with an unknown ErrorCode or out-of-range field is refused, and then
// nothing changes.
func (f *Fake) SetFaults(rules ...FaultRule) error { return f.faults.set(rules) }

// AddFault appends a rule to the current ones; their counters and token
// buckets carry on.
func (f *Fake) AddFault(rule FaultRule) error { return f.faults.add(rule) }

// ClearFaults removes every fault rule.
func (f *Fake) ClearFaults() { _ = f.faults.set(nil) }

// Faults returns the current fault rules.
func (f *Fake) Faults() []FaultRule { return f.faults.list() }

// WithFaults starts the fake with these fault rules; New panics on an
// invalid one, since that is a bug in the test.
func WithFaults(rules ...FaultRule) Option {
	return func(c *config) { c.faults = append(c.faults, rules...) }
}

// wait spends d on the fake's clock: a clock that can be advanced is, any
// other is slept on (until ctx ends).
func (f *Fake) wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	if adv, ok := f.clock.(interface{ Advance(time.Duration) }); ok {
		adv.Advance(d)
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
