package fake

import (
	"log/slog"
	"time"

	"github.com/slbfake/slbfake/model"
)

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

// WithLifecycle makes instances and SLB listeners spend d in each
// transitional status: RunInstances goes Pending, Starting, Running;
// CreateInstance Pending, Stopped; StartInstance Starting, Running;
// StopInstance Stopping, Stopped; StartLoadBalancerListener starting,
// running; StopLoadBalancerListener stopping, stopped. Describe calls show the transitional statuses and AddBackendServers refuses
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

// WithFaults starts the fake with these fault rules; New panics on an
// invalid one, since that is a bug in the test.
func WithFaults(rules ...FaultRule) Option {
	return func(c *config) { c.faults = append(c.faults, rules...) }
}
