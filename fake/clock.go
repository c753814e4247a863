package fake

import (
	"context"
	"sync"
	"time"
)

// Clock is where the fake reads the time: every CreationTime and CreateTime.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

// Now implements Clock.
func (f ClockFunc) Now() time.Time { return f() }

// VirtualClock is a clock a test moves by hand: time stands still until
// Advance or Set. Use it with WithClock to make lifecycles, configuring
// windows, nonce windows and throttling deterministic. Safe for concurrent use.
type VirtualClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewVirtualClock returns a clock that reads start until it is moved.
func NewVirtualClock(start time.Time) *VirtualClock { return &VirtualClock{now: start} }

// Now implements Clock.
func (c *VirtualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d (a negative d is ignored: time does
// not run backwards).
func (c *VirtualClock) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set moves the clock to t, if t is not before the current time.
func (c *VirtualClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.After(c.now) {
		c.now = t
	}
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
