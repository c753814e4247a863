package slbrapid_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/slbfake/slbfake/slbrapid"
	"pgregory.net/rapid"
)

// ensureBackends is the code under test: a small orchestration step that
// makes ids backends of an LB, retrying transient failures. It re-reads the
// LB before each attempt, so a failure after commit (the change applied,
// an error reported) does not make it add a server twice.
func ensureBackends(ctx context.Context, c *fake.Client, region, lb string, ids []string) error {
	for attempt := 0; attempt < 5; attempt++ {
		attr, err := c.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: lb})
		if err != nil {
			if transient(err) {
				continue
			}
			return err
		}
		var missing []string
		for _, id := range ids {
			if !slices.ContainsFunc(attr.BackendServers.BackendServer, func(b model.BackendServerView) bool { return b.ServerId == id }) {
				missing = append(missing, id)
			}
		}
		if len(missing) == 0 {
			return nil
		}
		list := ""
		for i, id := range missing {
			if i > 0 {
				list += ","
			}
			list += fmt.Sprintf(`{"ServerId":%q}`, id)
		}
		if _, err := c.AddBackendServers(ctx, &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: lb,
			BackendServers: "[" + list + "]"}); err != nil && !transient(err) {
			return err
		}
	}
	return errors.New("ensureBackends: gave up after 5 attempts")
}

// transient reports the failures worth retrying.
func transient(err error) bool {
	var me *model.Error
	return errors.Is(err, fake.ErrConnectionDropped) ||
		(errors.As(err, &me) && slices.Contains(slbrapid.DefaultFaultCodes, me.Code))
}

// exampleCheckTest is the test ExampleCheck defines; TestExampleCheck runs it.
var exampleCheckTest func(*testing.T)

// A property over drawn worlds and fault plans: whenever ensureBackends
// reports success, every server is attached, whatever failed on the way.
// Were it to fail, rapid would shrink the scenario and print a func
// TestReplay that rebuilds the minimal world, fault plan and seed.
func ExampleCheck() {
	testEnsureBackends := func(t *testing.T) {
		slbrapid.Check(t, func(t *rapid.T, s *slbrapid.Scenario) {
			// Pick an active internet LB without backends and the Running
			// classic instances, up to the quota.
			var lb string
			for _, id := range s.Built.InternetLBs {
				if slices.Contains(s.Built.ActiveLBs, id) && len(s.Built.Backends[id]) == 0 {
					lb = id
					break
				}
			}
			var ids []string
			for _, id := range s.Built.ClassicInstances {
				if s.Built.InstanceStatus[id] == model.StatusRunning && len(ids) < s.Built.Quota {
					ids = append(ids, id)
				}
			}
			if lb == "" || len(ids) == 0 {
				return // nothing to do in this world
			}
			err := ensureBackends(context.Background(), s.Client, s.Built.RegionOf[lb], lb, ids)
			if err != nil {
				return // giving up is allowed; claiming success falsely is not
			}
			var attached []string
			for _, b := range s.Fake.State().Backends {
				if b.LoadBalancerId == lb {
					attached = append(attached, b.ServerId)
				}
			}
			for _, id := range ids {
				if !slices.Contains(attached, id) {
					t.Fatalf("ensureBackends returned nil but %s is not attached to %s", id, lb)
				}
			}
		})
	}
	exampleCheckTest = testEnsureBackends
}

func TestExampleCheck(t *testing.T) {
	ExampleCheck()
	exampleCheckTest(t)
}
