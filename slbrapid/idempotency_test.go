package slbrapid

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"pgregory.net/rapid"
)

// retryCreate calls create up to 12 times, advancing the clock a second
// between attempts, while it fails with a transient error (any fault code of
// DefaultFaultCodes, a dropped connection): a blind retry of the same request,
// the same ClientToken included.
func retryCreate[R any](s *Scenario, create func() (*R, error)) (*R, error) {
	var err error
	for range 12 {
		var resp *R
		if resp, err = create(); err == nil {
			return resp, nil
		}
		var apiErr *model.Error
		if errors.As(err, &apiErr) && !slices.Contains(DefaultFaultCodes, apiErr.Code) {
			return nil, err
		}
		s.Clock.Advance(time.Second)
	}
	return nil, err
}

// TestRetriedCreatesCreateOnce: fault plans over CreateActions (failures
// before and after the change, dropped connections, throttling) never make
// a create retried with its ClientToken create twice; when the retries end
// in success, the answer names the one resource created.
func TestRetriedCreatesCreateOnce(t *testing.T) {
	sawAfterCommit := false
	CheckWith(t, Config{Actions: CreateActions, World: WorldConfig{MaxLoadBalancers: 1, MaxInstances: 1}},
		func(t *rapid.T, s *Scenario) {
			ctx := context.Background()
			for _, r := range s.Faults {
				sawAfterCommit = sawAfterCommit || (r.AfterCommit && (r.Action == "CreateLoadBalancer" || r.Action == "RunInstances"))
			}
			before := s.Fake.State()
			lbReq := &model.CreateLoadBalancerRequest{RegionId: "cn-hangzhou", LoadBalancerName: "retried", ClientToken: "lb-retried-1"}
			lb, lbErr := retryCreate(s, func() (*model.CreateLoadBalancerResponse, error) { return s.Client.CreateLoadBalancer(ctx, lbReq) })
			runReq := &model.RunInstancesRequest{RegionId: "cn-hangzhou", ImageId: "img", InstanceType: "ecs.g7.large", Amount: 2, ClientToken: "run-retried-1"}
			run, runErr := retryCreate(s, func() (*model.RunInstancesResponse, error) { return s.Client.RunInstances(ctx, runReq) })

			after := s.Fake.State()
			var named []string
			for _, l := range after.LoadBalancers {
				if l.LoadBalancerName == "retried" {
					named = append(named, l.LoadBalancerId)
				}
			}
			if len(named) > 1 {
				t.Fatalf("a CreateLoadBalancer retried with one ClientToken created %d LBs: %v", len(named), named)
			}
			if lbErr == nil && (len(named) != 1 || named[0] != lb.LoadBalancerId) {
				t.Fatalf("CreateLoadBalancer answered %s, the world holds %v", lb.LoadBalancerId, named)
			}
			created := len(after.Instances) - len(before.Instances)
			if created != 0 && created != 2 {
				t.Fatalf("RunInstances Amount 2 retried with one ClientToken created %d instances", created)
			}
			if runErr == nil {
				if created != 2 {
					t.Fatalf("RunInstances answered %v, %d instances were created", run.InstanceIdSets.InstanceIdSet, created)
				}
				for _, id := range run.InstanceIdSets.InstanceIdSet {
					if !slices.ContainsFunc(after.Instances, func(i model.Instance) bool { return i.InstanceId == id }) {
						t.Fatalf("RunInstances answered %s, which does not exist", id)
					}
				}
			}
		})
	if !sawAfterCommit {
		t.Error("no drawn plan put a failure after the change on CreateLoadBalancer or RunInstances")
	}
}

// TestCreateActionsAreActions: every name of CreateActions is an action of
// the fake that takes a ClientToken.
func TestCreateActionsAreActions(t *testing.T) {
	f := fake.New()
	for _, a := range CreateActions {
		if err := f.SetFaults(fake.FaultRule{Action: a}); err != nil {
			t.Errorf("%s: %v", a, err)
		}
	}
}
