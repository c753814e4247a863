package engine_test

// ClientToken (issue 10, item 2; DOC: ECS "How to ensure idempotence", the
// ClientToken parameter of every create call modelled): the same token with
// the same parameters answers the first call's result and creates nothing;
// with other parameters IdempotentParameterMismatch; tokens per account and
// action; kept in the state (Dump and Load).

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIdempotentParameterMismatchEntry(t *testing.T) {
	t.Parallel()
	e := model.ErrIdempotentParameterMismatch()
	assert.Equal(t, 400, e.HTTPStatus)
	assert.Equal(t, model.Code("IdempotentParameterMismatch"), e.Code)
	assert.Equal(t, "Request uses a client token in a previous request but is not identical to that request.", e.Message)
}

// tokenCase is one create call with a token: create calls it with that
// token as account; vary returns the same request with one other parameter.
type tokenCase struct {
	action string
	create func(w ecsWorld, s *engine.Store, account, token string, vary bool) (any, *model.Error)
}

func tokenCases() []tokenCase {
	return []tokenCase{
		{"CreateLoadBalancer", func(w ecsWorld, s *engine.Store, account, token string, vary bool) (any, *model.Error) {
			req := &model.CreateLoadBalancerRequest{RegionId: testRegion, VSwitchId: w.vswA, LoadBalancerName: "web", ClientToken: token}
			if vary {
				req.LoadBalancerName = "web2"
			}
			return s.CreateLoadBalancer(account, req)
		}},
		{"RunInstances", func(w ecsWorld, s *engine.Store, account, token string, vary bool) (any, *model.Error) {
			req := &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "ecs.g7.large", Amount: 2, ClientToken: token}
			if vary {
				req.Amount = 3
			}
			return s.RunInstances(account, req)
		}},
		{"CreateInstance", func(w ecsWorld, s *engine.Store, account, token string, vary bool) (any, *model.Error) {
			req := &model.CreateInstanceRequest{RegionId: testRegion, ImageId: "img", InstanceType: "ecs.g7.large", ClientToken: token}
			if vary {
				req.InstanceType = "ecs.g7.xlarge"
			}
			return s.CreateInstance(account, req)
		}},
		{"CreateNetworkInterface", func(w ecsWorld, s *engine.Store, account, token string, vary bool) (any, *model.Error) {
			req := &model.CreateNetworkInterfaceRequest{RegionId: testRegion, VSwitchId: w.vswA, SecurityGroupId: "sg-bp1test", ClientToken: token}
			if vary {
				req.SecondaryPrivateIpAddressCount = 1
			}
			return s.CreateNetworkInterface(account, req)
		}},
		{"CreateVpc", func(w ecsWorld, s *engine.Store, account, token string, vary bool) (any, *model.Error) {
			req := &model.CreateVpcRequest{RegionId: testRegion, CidrBlock: "172.16.0.0/16", ClientToken: token}
			if vary {
				req.CidrBlock = "172.17.0.0/16"
			}
			return s.CreateVpc(account, req)
		}},
		{"CreateVSwitch", func(w ecsWorld, s *engine.Store, account, token string, vary bool) (any, *model.Error) {
			req := &model.CreateVSwitchRequest{RegionId: testRegion, VpcId: w.vpc2, ZoneId: "cn-hangzhou-h", CidrBlock: "10.0.7.0/24", ClientToken: token}
			if vary {
				req.CidrBlock = "10.0.8.0/24"
			}
			return s.CreateVSwitch(account, req)
		}},
	}
}

func TestClientTokenReplaysTheFirstResult(t *testing.T) {
	t.Parallel()
	for _, tc := range tokenCases() {
		t.Run(tc.action, func(t *testing.T) {
			t.Parallel()
			w := newECSWorld(t)
			first, e := tc.create(w, w.s, testAccount, "token-1", false)
			require.Nil(t, e)
			created := w.s.Dump()
			require.Len(t, created.ClientTokens, 1)
			assert.Equal(t, tc.action, created.ClientTokens[0].Action)

			// The same token and parameters: the same answer, nothing written.
			var changes []engine.Change
			again, e := tc.create(w, w.s.Tracked(&changes), testAccount, "token-1", false)
			require.Nil(t, e)
			assert.Equal(t, first, again, "the first call's result, the same IDs")
			assert.Empty(t, changes, "a replay writes nothing")
			assert.Equal(t, created, w.s.Dump())

			// The same token with another parameter.
			_, e = tc.create(w, w.s, testAccount, "token-1", true)
			requireAPIError(t, model.ErrIdempotentParameterMismatch(), e)
			assert.Equal(t, created, w.s.Dump())

			// Tokens are case-sensitive (DOC): another token is a new
			// request, which runs (a second vSwitch of the same block overlaps
			// the first).
			other, e := tc.create(w, w.s, testAccount, "TOKEN-1", false)
			if tc.action == "CreateVSwitch" {
				requireAPIError(t, model.ErrCidrBlockOverlapped(), e)
			} else {
				require.Nil(t, e)
				assert.NotEqual(t, first, other)
			}
		})
	}
}

// Tokens are scoped per account (and an account's token is no other's) and
// per action: the same token on CreateInstance and RunInstances names two
// requests.
func TestClientTokenScope(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	run := func(account string) *model.RunInstancesResponse {
		resp, e := w.s.RunInstances(account, &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", ClientToken: "shared"})
		require.Nil(t, e)
		return resp
	}
	a, b := run(testAccount), run(otherAcct)
	assert.NotEqual(t, a, b, "another account's token is another token")
	assert.Equal(t, a, run(testAccount))
	created, e := w.s.CreateInstance(testAccount, &model.CreateInstanceRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", ClientToken: "shared"})
	require.Nil(t, e)
	assert.NotEqual(t, a.InstanceIdSets.InstanceIdSet[0], created.InstanceId, "another action's token is another token")
	assert.Len(t, w.s.Dump().ClientTokens, 3)
}

// The token is looked up first: a replay answers the first call's result even
// once the resource is gone; a failed call records no token, so its token
// may be used again; a dry run neither looks up nor records one.
func TestClientTokenRules(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	req := &model.CreateLoadBalancerRequest{RegionId: testRegion, VSwitchId: w.vswA, ClientToken: "t1"}
	first, e := w.s.CreateLoadBalancer(testAccount, req)
	require.Nil(t, e)
	_, e = w.s.DeleteLoadBalancer(testAccount, &model.DeleteLoadBalancerRequest{RegionId: testRegion, LoadBalancerId: first.LoadBalancerId})
	require.Nil(t, e)
	again, e := w.s.CreateLoadBalancer(testAccount, req)
	require.Nil(t, e)
	assert.Equal(t, first, again, "the first call's result, though the LB is gone")

	// A failed call records nothing.
	bad := &model.CreateLoadBalancerRequest{RegionId: testRegion, VSwitchId: "vsw-bp1nosuchvswitch0000", ClientToken: "t2"}
	_, e = w.s.CreateLoadBalancer(testAccount, bad)
	requireAPIError(t, model.ErrVSwitchNotFound(), e)
	good := *bad
	good.VSwitchId = w.vswA
	_, e = w.s.CreateLoadBalancer(testAccount, &good)
	require.Nil(t, e, "the token of a failed call is free")

	// A dry run ignores the token, used or not.
	dry := &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", ClientToken: "t1", DryRun: true}
	_, e = w.s.RunInstances(testAccount, dry)
	requireAPIError(t, model.ErrDryRunOperation(), e)
	dry.DryRun = false
	resp, e := w.s.RunInstances(testAccount, dry)
	require.Nil(t, e)
	dry.DryRun = true
	_, e = w.s.RunInstances(testAccount, dry)
	requireAPIError(t, model.ErrDryRunOperation(), e)
	dry.DryRun = false
	replay, e := w.s.RunInstances(testAccount, dry)
	require.Nil(t, e)
	assert.Equal(t, resp, replay)

	// At most 64 ASCII characters (DOC); the check comes first.
	for _, tok := range []string{strings.Repeat("x", 65), "tök", "tab\there"} {
		_, e = w.s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{ClientToken: tok})
		requireAPIError(t, model.ErrInvalidParameterValue("ClientToken"), e)
	}
	_, e = w.s.CreateLoadBalancer(testAccount, &model.CreateLoadBalancerRequest{RegionId: testRegion, ClientToken: strings.Repeat("x", 64)})
	require.Nil(t, e)

	// A replay with the same parameters but another RegionId is a mismatch.
	other := *req
	other.RegionId = "cn-beijing"
	_, e = w.s.CreateLoadBalancer(testAccount, &other)
	requireAPIError(t, model.ErrIdempotentParameterMismatch(), e)
}

// The tokens are part of the state: Dump lists them, Load restores them, and
// a loaded store replays them.
func TestClientTokensSurviveDumpAndLoad(t *testing.T) {
	t.Parallel()
	w := newECSWorld(t)
	req := &model.RunInstancesRequest{RegionId: testRegion, ImageId: "img", InstanceType: "t", VSwitchId: w.vswA, Amount: 2, ClientToken: "keep"}
	first, e := w.s.RunInstances(testAccount, req)
	require.Nil(t, e)
	st := w.s.Dump()
	require.Len(t, st.ClientTokens, 1)

	raw, err := json.Marshal(st)
	require.NoError(t, err)
	var back engine.State
	require.NoError(t, json.Unmarshal(raw, &back))
	loaded := newTestStore(t)
	require.NoError(t, loaded.Load(back))
	assert.Equal(t, st, loaded.Dump())
	again, e := loaded.RunInstances(testAccount, req)
	require.Nil(t, e)
	assert.Equal(t, first, again)
	assert.Equal(t, st, loaded.Dump(), "the replay created nothing")
	req.Amount = 1
	_, e = loaded.RunInstances(testAccount, req)
	requireAPIError(t, model.ErrIdempotentParameterMismatch(), e)
}
