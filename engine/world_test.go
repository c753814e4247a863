package engine_test

// Helpers shared by the engine's tests (ecs_test.go, vpc_test.go,
// slb_test.go): stores, worlds built through the API, error-case tables.

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testAccount = "1111111111111111"
	otherAcct   = "2222222222222222"
	testRegion  = "cn-hangzhou"
)

// testingT is what the helpers need of *testing.T and *rapid.T alike.
type testingT interface {
	Helper()
	Errorf(format string, args ...any)
	FailNow()
}

// testNow is the fixed time of every store built here.
func testNow() time.Time { return time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC) }

func newTestStore(t testingT) *engine.Store {
	t.Helper()
	return newTestStoreWith(t, engine.Config{})
}

// newTestStoreWith builds a store from cfg, with the seed and the fixed clock
// of newTestStore where cfg leaves IDs and Now unset.
func newTestStoreWith(t testingT, cfg engine.Config) *engine.Store {
	t.Helper()
	if cfg.IDs == nil {
		cfg.IDs = model.NewIDSource(42)
	}
	if cfg.Now == nil {
		cfg.Now = testNow
	}
	s, err := engine.New(cfg)
	require.NoError(t, err)
	return s
}

// testClock is a clock the test moves; safe for concurrent use.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newTestClock() *testClock { return &testClock{now: testNow()} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// requireAPIError asserts the exact code, HTTP status and message of an error.
func requireAPIError(t testingT, want, got *model.Error) {
	t.Helper()
	require.NotNil(t, got, "want %s, got success", want.Code)
	assert.Equal(t, want.Code, got.Code)
	assert.Equal(t, want.HTTPStatus, got.HTTPStatus)
	assert.Equal(t, want.Message, got.Message)
}

// errorCase is one failing call: it must return want and change nothing.
type errorCase struct {
	name string
	call func(s *engine.Store) *model.Error
	want *model.Error
}

func runErrorCases(t *testing.T, build func(t *testing.T) *engine.Store, cases []errorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := build(t)
			before := s.Dump()
			requireAPIError(t, tc.want, tc.call(s))
			assert.Equal(t, before, s.Dump(), "a failed call must change nothing")
		})
	}
}

func mustVpc(t testingT, s *engine.Store, account, cidr string) *model.CreateVpcResponse {
	t.Helper()
	resp, e := s.CreateVpc(account, &model.CreateVpcRequest{RegionId: testRegion, CidrBlock: cidr})
	require.Nil(t, e)
	return resp
}

func mustVSwitch(t testingT, s *engine.Store, account, vpcId, zone, cidr string) string {
	t.Helper()
	resp, e := s.CreateVSwitch(account, &model.CreateVSwitchRequest{RegionId: testRegion, VpcId: vpcId, ZoneId: zone, CidrBlock: cidr})
	require.Nil(t, e)
	return resp.VSwitchId
}

// ecsWorld is built through the API: VPC 1 (192.168.0.0/16) with vSwitch A
// (zone h, 192.168.1.0/24), B (zone i, 192.168.2.0/24) and T (zone h, a
// /29 with 4 free addresses); VPC 2 (10.0.0.0/16) with vSwitch C (zone h).
type ecsWorld struct {
	s                *engine.Store
	vpc1, vpc2       string
	vswA, vswB, vswT string
	vswC             string
}

func newECSWorld(t testingT) ecsWorld {
	t.Helper()
	return newECSWorldWith(t, engine.Config{})
}

// newECSWorldWith builds the same world on a store configured by cfg (see
// newTestStoreWith).
func newECSWorldWith(t testingT, cfg engine.Config) ecsWorld {
	t.Helper()
	w := ecsWorld{s: newTestStoreWith(t, cfg)}
	w.vpc1 = mustVpc(t, w.s, testAccount, "192.168.0.0/16").VpcId
	w.vpc2 = mustVpc(t, w.s, testAccount, "10.0.0.0/16").VpcId
	w.vswA = mustVSwitch(t, w.s, testAccount, w.vpc1, "cn-hangzhou-h", "192.168.1.0/24")
	w.vswB = mustVSwitch(t, w.s, testAccount, w.vpc1, "cn-hangzhou-i", "192.168.2.0/24")
	w.vswT = mustVSwitch(t, w.s, testAccount, w.vpc1, "cn-hangzhou-h", "192.168.3.0/29")
	w.vswC = mustVSwitch(t, w.s, testAccount, w.vpc2, "cn-hangzhou-h", "10.0.1.0/24")
	return w
}

// run creates instances through RunInstances with the given vSwitch.
func (w ecsWorld) run(t testingT, vswId string, amount int) []string {
	t.Helper()
	resp, e := w.s.RunInstances(testAccount, &model.RunInstancesRequest{
		RegionId: testRegion, ImageId: "ubuntu_22_04_x64_20G_alibase_20240101.vhd", InstanceType: "ecs.g7.large",
		SecurityGroupId: "sg-bp1test", VSwitchId: vswId, Amount: amount,
	})
	require.Nil(t, e)
	return resp.InstanceIdSets.InstanceIdSet
}

func (w ecsWorld) describe(t testingT, id string) model.InstanceView {
	t.Helper()
	resp, e := w.s.DescribeInstances(testAccount, &model.DescribeInstancesRequest{RegionId: testRegion, InstanceIds: jsonIds(id)})
	require.Nil(t, e)
	require.Len(t, resp.Instances.Instance, 1)
	return resp.Instances.Instance[0]
}

func (w ecsWorld) eni(t testingT, vswId string) string {
	t.Helper()
	resp, e := w.s.CreateNetworkInterface(testAccount, &model.CreateNetworkInterfaceRequest{RegionId: testRegion, VSwitchId: vswId, SecurityGroupId: "sg-bp1test"})
	require.Nil(t, e)
	return resp.NetworkInterfaceId
}

func (w ecsWorld) eniView(t testingT, id string) model.NetworkInterfaceView {
	t.Helper()
	resp, e := w.s.DescribeNetworkInterfaces(testAccount, &model.DescribeNetworkInterfacesRequest{RegionId: testRegion, NetworkInterfaceId: []string{id}})
	require.Nil(t, e)
	require.Len(t, resp.NetworkInterfaceSets.NetworkInterfaceSet, 1)
	return resp.NetworkInterfaceSets.NetworkInterfaceSet[0]
}

func jsonIds(ids ...string) string {
	b, _ := json.Marshal(ids)
	return string(b)
}
