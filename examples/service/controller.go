package service

import (
	"context"
	"errors"
	"fmt"

	"github.com/slbfake/slbfake/model"
)

// Controller reconciles Services of one cluster in one region.
type Controller struct {
	API     API
	Sleeper Sleeper
	// Region is where the load balancers live; ClusterID ends every group
	// name.
	Region, ClusterID string
	// VSwitchId, when set, makes new LBs intranet LBs in that vSwitch;
	// otherwise they are internet-facing.
	VSwitchId string
	Options   Options
}

// Reconcile brings the world to the Service's desired state over nodes (ECS
// instance IDs; those that are not Running, or gone, are left out of the
// group): one LB with the Service's tag, delete protection on, console
// modification protection and PayByCLCU; one vServer group named
// svc.GroupName(ClusterID) whose members are exactly the Running nodes on
// svc.NodePort with svc's weight; one running TCP listener on svc.Port
// forwarding to that group.
//
// Each pass reads the world (the nodes' statuses, the LB, its attribute,
// its groups, the group's members, the listener) and sends only the changes
// still missing; a pass that sends none ends Reconcile with nil. After a
// failed call Reconcile backs off and starts a new pass, so a change that
// took effect although its call failed is seen and not sent again. It
// returns a non-retryable error at once, wrapped with the call that got it,
// and ErrRetriesExhausted as Options.MaxAttempts says.
func (c *Controller) Reconcile(ctx context.Context, svc Service, nodes []string) error {
	if err := svc.validate(c.Region, c.ClusterID); err != nil {
		return err
	}
	return c.run(ctx, "reconcile", func(s *session) error {
		running, err := c.runningNodes(s, nodes)
		if err != nil {
			return err
		}
		lb, err := c.ensureLoadBalancer(s, svc)
		if err != nil {
			return err
		}
		group, err := c.ensureGroup(s, lb, svc)
		if err != nil {
			return err
		}
		if err := c.ensureMembers(s, group, svc, running); err != nil {
			return err
		}
		return c.ensureListener(s, lb, group, svc)
	})
}

// Delete deletes the Service's LB (with its listener, groups and tags): it
// finds it as Reconcile does, turns its delete protection off, deletes it,
// and returns nil once a find shows no LB of the Service. An LB that is
// gone already, or goes while Delete runs, counts as deleted.
func (c *Controller) Delete(ctx context.Context, svc Service) error {
	if err := svc.validate(c.Region, c.ClusterID); err != nil {
		return err
	}
	return c.run(ctx, "delete", func(s *session) error {
		lb, _, err := c.find(s, svc)
		if err != nil || lb == "" {
			return err
		}
		attr, err := c.attribute(s, lb)
		if err != nil {
			return err
		}
		if attr.DeleteProtection != "off" {
			if err := s.change("SetLoadBalancerDeleteProtection off", lb, func(ctx context.Context) error {
				_, err := c.API.SetLoadBalancerDeleteProtection(ctx, &model.SetLoadBalancerDeleteProtectionRequest{
					RegionId: c.Region, LoadBalancerId: lb, DeleteProtection: "off"})
				return gone(err)
			}); err != nil {
				return err
			}
		}
		return s.change("DeleteLoadBalancer", lb, func(ctx context.Context) error {
			_, err := c.API.DeleteLoadBalancer(ctx, &model.DeleteLoadBalancerRequest{RegionId: c.Region, LoadBalancerId: lb})
			return gone(err)
		})
	})
}

// session is the state of one Reconcile or Delete run shared by its passes.
type session struct {
	ctx  context.Context
	opts Options
	// changed is set by a change call that succeeded in the current pass;
	// progressed by the attempt of a change not attempted before in this
	// run.
	changed, progressed bool
	// attempted holds the changes (operation and target) this run sent.
	// Only a change new to it restarts the count of failures. A change that
	// took effect is not sent again (the next pass reads it), so a pass that
	// sends a new one has moved on, even when every call fails after its
	// change; the same change sent again is no progress (it failed before
	// taking effect, someone undoes it, or a ClientToken keeps answering
	// with an LB that is gone), and must not keep the run going forever.
	attempted map[string]bool
	// passes counts the passes whose calls all succeeded; once it reaches
	// MaxAttempts, change refuses to send more.
	passes int
}

// read makes a call that changes nothing; a failure is wrapped with op.
func (s *session) read(op string, call func(context.Context) error) error {
	if err := call(s.ctx); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// change makes a call that changes target (an LB, a group and the members
// the call names); a failure is wrapped with op.
func (s *session) change(op, target string, call func(context.Context) error) error {
	if s.passes >= s.opts.MaxAttempts {
		return fmt.Errorf("%s: %w: the world is still not as desired after %d passes", op, ErrRetriesExhausted, s.passes)
	}
	if key := op + "\x00" + target; !s.attempted[key] {
		s.attempted[key], s.progressed = true, true
	}
	if err := call(s.ctx); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	s.changed = true
	return nil
}

// run repeats pass until one sends no change and fails nowhere. A failed
// pass is retried after a backoff when its error is retryable; failures
// counts the failed passes since the last pass that made progress (see
// session.attempted), and gives up at MaxAttempts.
func (c *Controller) run(ctx context.Context, op string, pass func(*session) error) error {
	s := &session{ctx: ctx, opts: c.Options.withDefaults(), attempted: map[string]bool{}}
	failures := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		s.changed, s.progressed = false, false
		err := pass(s)
		if s.progressed {
			failures = 0
		}
		switch {
		case err == nil && !s.changed:
			return nil
		case err == nil:
			s.passes++
			continue
		case !IsRetryable(err):
			return fmt.Errorf("%s: %w", op, err)
		}
		failures++
		if failures >= s.opts.MaxAttempts {
			return fmt.Errorf("%s: %w after %d failed attempts: %w", op, ErrRetriesExhausted, failures, err)
		}
		if err := c.Sleeper.Sleep(ctx, s.opts.backoff(failures)); err != nil {
			return err
		}
	}
}

// gone turns "the LB does not exist" into errNotYet: the LB went away
// between the find and the call (deleted by someone else, or by a call of
// ours whose answer was lost), and the next pass finds again.
func gone(err error) error {
	var apiErr *model.Error
	if errors.As(err, &apiErr) && apiErr.Code == notFoundLoadBalancer {
		return fmt.Errorf("%w: %w", errNotYet, err)
	}
	return err
}
