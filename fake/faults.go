package fake

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
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
	// ResourceId matches a call whose request names it in an ID field: a
	// field whose name ends in Id equal to it, an Ids list (InstanceIds,
	// LoadBalancerIds: repeated or JSON) holding it, or an element of a
	// BackendServers (OldBackendServers, NewBackendServers) whose ServerId it
	// is. Names and descriptions are never
	// looked at.
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
	// The error to answer with, the first of these that is set: Error (Go
	// only); ErrorEntry, the name of a model.Catalogue entry (with
	// ErrorArgs for its message's placeholders); ErrorCode, a code of
	// exactly one entry without placeholders (its status and message), or
	// any code with ErrorMessage (and HTTPStatus, unless the catalogue
	// gives the code one status). A rule never answers with a template's
	// placeholder. With none, and no Throttle, a rule with only Latency
	// lets the call run; AfterCommit defaults to InternalError. Once the
	// rule is set, all of these describe its error.
	Error        *model.Error `json:"-"`
	ErrorEntry   string       `json:",omitempty"`
	ErrorArgs    []string     `json:",omitempty"`
	ErrorCode    model.Code   `json:",omitempty"`
	ErrorMessage string       `json:",omitempty"`
	HTTPStatus   int          `json:",omitempty"`
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

// maxFaultLatency caps a rule's Latency: long enough for any timeout a
// client sets, short enough that a typo cannot park a call for years.
const maxFaultLatency = time.Hour

// validate checks a rule on its own and resolves its error.
func (r *FaultRule) validate() error {
	if r.Action != "" {
		if _, ok := lookupAction(r.Action); !ok {
			return fmt.Errorf("slbfake: fault %q: unknown action %q", r.Name, r.Action)
		}
	}
	e, err := r.resolveError()
	if err != nil {
		return fmt.Errorf("slbfake: fault %q: %w", r.Name, err)
	}
	if e != nil {
		r.Error, r.ErrorEntry, r.ErrorCode, r.ErrorMessage, r.HTTPStatus = e, e.Entry(), e.Code, e.Message, e.HTTPStatus
	}
	switch {
	case r.First < 0 || r.Every < 0 || r.After < 0:
		return fmt.Errorf("slbfake: fault %q: First, Every and After must not be negative", r.Name)
	case r.Probability < 0 || r.Probability > 1:
		return fmt.Errorf("slbfake: fault %q: Probability must be in [0, 1]", r.Name)
	case r.Latency < 0 || r.Latency > Duration(maxFaultLatency):
		return fmt.Errorf("slbfake: fault %q: Latency must be in [0, %v]", r.Name, maxFaultLatency)
	case r.DropConnection && !r.AfterCommit:
		return fmt.Errorf("slbfake: fault %q: DropConnection needs AfterCommit", r.Name)
	case r.Throttle != nil && (r.Throttle.Rate < 0 || r.Throttle.Burst < 1):
		return fmt.Errorf("slbfake: fault %q: Throttle needs Burst >= 1 and Rate >= 0", r.Name)
	}
	return nil
}

// resolveError finds the rule's error from whichever fields give it; nil
// when none does.
func (r *FaultRule) resolveError() (*model.Error, error) {
	switch {
	case r.Error != nil:
		return r.Error, nil
	case r.ErrorEntry != "":
		return model.NewFromEntry(r.ErrorEntry, r.ErrorArgs...)
	case r.ErrorCode == "":
		if r.ErrorMessage != "" || r.HTTPStatus != 0 || len(r.ErrorArgs) > 0 {
			return nil, errors.New("ErrorMessage, HTTPStatus and ErrorArgs need ErrorCode or ErrorEntry")
		}
		return nil, nil
	}
	entries := model.EntriesWithCode(r.ErrorCode)
	if r.ErrorMessage == "" {
		if len(entries) == 1 && len(entries[0].Params()) == 0 {
			return model.NewFromEntry(entries[0].Name)
		}
		if len(entries) == 0 {
			return nil, fmt.Errorf("code %q is not in the catalogue: give ErrorMessage and HTTPStatus", r.ErrorCode)
		}
		names := make([]string, len(entries))
		for i, en := range entries {
			names[i] = en.Name
		}
		return nil, fmt.Errorf("code %q needs ErrorMessage, or ErrorEntry one of %s", r.ErrorCode, strings.Join(names, ", "))
	}
	status := r.HTTPStatus
	for _, en := range entries {
		if status == 0 {
			status = en.HTTPStatus
		} else if r.HTTPStatus == 0 && en.HTTPStatus != status {
			return nil, fmt.Errorf("code %q has several statuses in the catalogue: give HTTPStatus", r.ErrorCode)
		}
	}
	if status < 400 || status > 599 {
		return nil, fmt.Errorf("HTTPStatus %d: an error's status is 400 to 599", status)
	}
	return model.NewError(status, r.ErrorCode, r.ErrorMessage), nil
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

// requestMentions reports whether a request names id in one of its ID
// fields: a string field whose name ends in Id equal to it, a field whose
// name ends in Ids ([]string, or a JSON list in a string) holding it, or
// BackendServers with an element of that ServerId. Free text (names,
// descriptions) is never matched.
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
	t := v.Type()
	for i := range v.NumField() {
		f, name := v.Field(i), t.Field(i).Name
		switch {
		case f.Kind() == reflect.Struct && t.Field(i).Anonymous:
			if requestMentions(f.Addr().Interface(), id) {
				return true
			}
		case f.Kind() == reflect.String && strings.HasSuffix(name, "Id"):
			if f.String() == id {
				return true
			}
		case f.Kind() == reflect.String && strings.HasSuffix(name, "Ids"):
			var ids []string
			if json.Unmarshal([]byte(f.String()), &ids) == nil && slices.Contains(ids, id) {
				return true
			}
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String &&
			(strings.HasSuffix(name, "Id") || strings.HasSuffix(name, "Ids")): // InstanceId.N
			if slices.Contains(f.Interface().([]string), id) {
				return true
			}
		case f.Kind() == reflect.String && strings.HasSuffix(name, "BackendServers"): // Old, New too
			specs, e := model.ParseBackendServers(f.String())
			if e != nil { // a vServer group call's form: Port, up to 40 elements
				specs, e = model.ParseGroupBackendServers(f.String())
			}
			if e == nil && slices.ContainsFunc(specs, func(sp model.BackendServerSpec) bool { return sp.ServerId == id }) {
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
