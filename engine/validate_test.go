package engine_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// The accounts and regions of the validation tests.
const (
	valAccount = "1111111111111111"
	valOther   = "2222222222222222"
	valRegion  = "cn-hangzhou"
)

// valWorld is a world of every kind of row, built by fixtures and API calls:
// classic and VPC instances (one Stopped, one deleted), an ENI with
// secondary IPs, LBs of every network kind (one locked, one deleted) with ecs
// and eni backends, a second account and a second region.
type valWorld struct {
	s                       *engine.Store
	vsw, vsw2               model.VSwitch
	classic, vpc1, vpc2     model.Instance
	eni                     model.NetworkInterface
	internet, intra, specLB string
}

func valNew(t *testing.T, quota int) *engine.Store {
	t.Helper()
	s, err := engine.New(engine.Config{IDs: model.NewIDSource(11), BackendQuota: quota,
		Now: func() time.Time { return time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC) }})
	require.NoError(t, err)
	return s
}

func valOK(t *testing.T, e *model.Error) {
	t.Helper()
	if e != nil {
		require.FailNow(t, "API call failed", "%s: %s", e.Code, e.Message)
	}
}

func valServers(elems ...string) string { return "[" + strings.Join(elems, ",") + "]" }

func valAdd(t *testing.T, s *engine.Store, account, lb string, elems ...string) {
	t.Helper()
	_, e := s.AddBackendServers(account, &model.AddBackendServersRequest{RegionId: valRegion, LoadBalancerId: lb, BackendServers: valServers(elems...)})
	valOK(t, e)
}

func newValWorld(t *testing.T) valWorld {
	t.Helper()
	s := valNew(t, 0)
	w := valWorld{s: s}
	must := func(err error) {
		t.Helper()
		require.NoError(t, err)
	}
	vpc, err := s.PutVpc(model.Vpc{AccountId: valAccount, RegionId: valRegion, CidrBlock: "192.168.0.0/16"})
	must(err)
	w.vsw, err = s.PutVSwitch(model.VSwitch{AccountId: valAccount, RegionId: valRegion, VpcId: vpc.VpcId, CidrBlock: "192.168.1.0/24", ZoneId: "cn-hangzhou-i"})
	must(err)
	vsw2, e := s.CreateVSwitch(valAccount, &model.CreateVSwitchRequest{RegionId: valRegion, VpcId: vpc.VpcId, ZoneId: "cn-hangzhou-j", CidrBlock: "192.168.2.0/28"})
	valOK(t, e)
	for _, v := range s.Dump().VSwitches {
		if v.VSwitchId == vsw2.VSwitchId {
			w.vsw2 = v
		}
	}
	w.classic, err = s.PutInstance(model.Instance{AccountId: valAccount, RegionId: valRegion})
	must(err)
	classic2, err := s.PutInstance(model.Instance{AccountId: valAccount, RegionId: valRegion})
	must(err)
	w.vpc1, err = s.PutInstance(model.Instance{AccountId: valAccount, RegionId: valRegion, VSwitchId: w.vsw.VSwitchId})
	must(err)
	w.vpc2, err = s.PutInstance(model.Instance{AccountId: valAccount, RegionId: valRegion, VSwitchId: w.vsw.VSwitchId, PrivateIp: "192.168.1.252"})
	must(err)
	run, e := s.RunInstances(valAccount, &model.RunInstancesRequest{RegionId: valRegion, VSwitchId: w.vsw2.VSwitchId, ImageId: "img", InstanceType: "ecs.g7.large", SecurityGroupId: "sg-1", Amount: 2})
	valOK(t, e)
	w.eni, err = s.PutNetworkInterface(model.NetworkInterface{AccountId: valAccount, RegionId: valRegion, VSwitchId: w.vsw.VSwitchId,
		InstanceId: w.vpc1.InstanceId, SecondaryIps: []string{"", ""}})
	must(err)
	free, e := s.CreateNetworkInterface(valAccount, &model.CreateNetworkInterfaceRequest{RegionId: valRegion, VSwitchId: w.vsw2.VSwitchId, SecurityGroupId: "sg-1", SecondaryPrivateIpAddressCount: 1})
	valOK(t, e)
	_, e = s.AttachNetworkInterface(valAccount, &model.AttachNetworkInterfaceRequest{RegionId: valRegion, NetworkInterfaceId: free.NetworkInterfaceId, InstanceId: run.InstanceIdSets.InstanceIdSet[0]})
	valOK(t, e)

	lb, e := s.CreateLoadBalancer(valAccount, &model.CreateLoadBalancerRequest{RegionId: valRegion, ClientToken: "token-1"})
	valOK(t, e)
	w.internet = lb.LoadBalancerId
	intra, err := s.PutLoadBalancer(model.LoadBalancer{AccountId: valAccount, RegionId: valRegion, AddressType: model.AddressIntranet})
	must(err)
	w.intra = intra.LoadBalancerId
	spec, e := s.CreateLoadBalancer(valAccount, &model.CreateLoadBalancerRequest{RegionId: valRegion, AddressType: "intranet",
		VSwitchId: w.vsw.VSwitchId, LoadBalancerSpec: "slb.s2.small"})
	valOK(t, e)
	w.specLB = spec.LoadBalancerId
	gone, e := s.CreateLoadBalancer(valAccount, &model.CreateLoadBalancerRequest{RegionId: valRegion, AddressType: "intranet", VSwitchId: w.vsw2.VSwitchId})
	valOK(t, e)

	doomed, err := s.PutInstance(model.Instance{AccountId: valAccount, RegionId: valRegion})
	must(err)
	classic3, err := s.PutInstance(model.Instance{AccountId: valAccount, RegionId: valRegion})
	must(err)
	valAdd(t, s, valAccount, w.internet, `{"ServerId":"`+w.classic.InstanceId+`","Weight":50,"Description":"web-1"}`,
		`{"ServerId":"`+classic3.InstanceId+`"}`, `{"ServerId":"`+doomed.InstanceId+`"}`)
	internet2, e := s.CreateLoadBalancer(valAccount, &model.CreateLoadBalancerRequest{RegionId: valRegion, AddressType: "internet"})
	valOK(t, e)
	valAdd(t, s, valAccount, internet2.LoadBalancerId, `{"ServerId":"`+w.vpc1.InstanceId+`"}`)
	valAdd(t, s, valAccount, w.intra, `{"ServerId":"`+classic2.InstanceId+`","Weight":0}`)
	valAdd(t, s, valAccount, w.specLB, `{"ServerId":"`+w.vpc2.InstanceId+`"}`,
		`{"ServerId":"`+w.eni.NetworkInterfaceId+`","Type":"eni","ServerIp":"`+w.eni.SecondaryIps[1]+`"}`,
		`{"ServerId":"`+w.eni.NetworkInterfaceId+`","Type":"eni"}`)
	valAdd(t, s, valAccount, gone.LoadBalancerId, `{"ServerId":"`+run.InstanceIdSets.InstanceIdSet[1]+`"}`)
	_, e = s.RemoveBackendServers(valAccount, &model.RemoveBackendServersRequest{RegionId: valRegion, LoadBalancerId: w.internet,
		BackendServers: valServers(`{"ServerId":"` + classic3.InstanceId + `"}`)})
	valOK(t, e)
	valAdd(t, s, valAccount, w.internet, `{"ServerId":"`+classic3.InstanceId+`","Weight":7}`)
	_, e = s.DeleteInstance(valAccount, &model.DeleteInstanceRequest{RegionId: valRegion, InstanceId: doomed.InstanceId, Force: true})
	valOK(t, e)
	_, e = s.DeleteLoadBalancer(valAccount, &model.DeleteLoadBalancerRequest{RegionId: valRegion, LoadBalancerId: gone.LoadBalancerId})
	valOK(t, e)
	must(s.ForceInstanceStatus(w.vpc2.InstanceId, model.StatusStopped))
	must(s.ForceLoadBalancerStatus(w.intra, model.LBLocked))

	// Another account, and another region.
	theirs, err := s.PutInstance(model.Instance{AccountId: valOther, RegionId: valRegion})
	must(err)
	theirLB, e := s.CreateLoadBalancer(valOther, &model.CreateLoadBalancerRequest{RegionId: valRegion})
	valOK(t, e)
	valAdd(t, s, valOther, theirLB.LoadBalancerId, `{"ServerId":"`+theirs.InstanceId+`"}`)
	_, err = s.PutLoadBalancer(model.LoadBalancer{AccountId: valAccount, RegionId: "cn-beijing", Status: model.LBInactive})
	must(err)
	return w
}

// valCopy is a deep copy of st, through JSON as a state file carries it.
func valCopy(t *testing.T, st engine.State) engine.State {
	t.Helper()
	raw, err := json.Marshal(st)
	require.NoError(t, err)
	var out engine.State
	require.NoError(t, json.Unmarshal(raw, &out))
	return out
}

func valFind[T any](t *testing.T, rows []T, match func(*T) bool) *T {
	t.Helper()
	for i := range rows {
		if match(&rows[i]) {
			return &rows[i]
		}
	}
	require.FailNow(t, "no such row")
	return nil
}

func TestValidateAcceptsWhatTheEngineBuilds(t *testing.T) {
	t.Parallel()
	w := newValWorld(t)
	st := w.s.Dump()
	require.NoError(t, w.s.Validate(st))
	require.Len(t, st.Accounts, 2)
	require.NotEmpty(t, st.Backends)
	require.Len(t, st.ClientTokens, 1)

	dst := valNew(t, 0)
	require.NoError(t, dst.Load(valCopy(t, st)))
	require.Equal(t, st, dst.Dump())
	require.NoError(t, dst.Load(engine.State{}), "the empty world is valid")
	require.Empty(t, dst.Dump().LoadBalancers)
}

// Each mutation breaks one invariant; Load refuses the State, says why, and
// leaves the world as it was (it still works, too).
func TestLoadRefusesABrokenWorldAndChangesNothing(t *testing.T) {
	t.Parallel()
	w := newValWorld(t)
	good := w.s.Dump()
	inst := func(st *engine.State, id string) *model.Instance {
		return valFind(t, st.Instances, func(i *model.Instance) bool { return i.InstanceId == id })
	}
	lb := func(st *engine.State, id string) *model.LoadBalancer {
		return valFind(t, st.LoadBalancers, func(l *model.LoadBalancer) bool { return l.LoadBalancerId == id })
	}
	backend := func(st *engine.State, lbId string) *model.Backend {
		return valFind(t, st.Backends, func(b *model.Backend) bool { return b.LoadBalancerId == lbId && b.Type == model.ServerECS })
	}
	eniBackend := func(st *engine.State) *model.Backend {
		return valFind(t, st.Backends, func(b *model.Backend) bool { return b.Type == model.ServerENI })
	}
	lease := func(st *engine.State, owner, ip string) *engine.IPLease {
		return valFind(t, st.IPs, func(l *engine.IPLease) bool { return l.Owner == owner && l.Ip == ip })
	}
	cases := []struct {
		name   string
		mutate func(st *engine.State)
		want   string
	}{
		{"LB in a missing vSwitch", func(st *engine.State) { lb(st, w.specLB).VSwitchId = "vsw-bp1missing000000000000" },
			`LB ` + w.specLB + `: vSwitch "vsw-bp1missing000000000000" does not exist`},
		{"backend of a missing LB", func(st *engine.State) { backend(st, w.intra).LoadBalancerId = "lb-bp1missing0000000000" },
			"of lb-bp1missing0000000000: the LB does not exist"},
		{"backend of a missing instance", func(st *engine.State) { backend(st, w.internet).ServerId = "i-bp1missing0000000000" },
			"instance i-bp1missing0000000000 does not exist"},
		{"backend of a missing ENI", func(st *engine.State) { eniBackend(st).ServerId = "eni-bp1missing00000000000" },
			"ENI eni-bp1missing00000000000 does not exist"},
		{"Weight -5", func(st *engine.State) { backend(st, w.internet).Weight = -5 }, "Weight -5 outside 0..100"},
		{"Weight 101", func(st *engine.State) { backend(st, w.internet).Weight = 101 }, "Weight 101 outside 0..100"},
		{"Type weird", func(st *engine.State) { backend(st, w.internet).Type = "weird" }, `unknown Type "weird"`},
		{"Type eci", func(st *engine.State) { backend(st, w.internet).Type = model.ServerECI }, "no elastic container instance"},
		{"bad Description", func(st *engine.State) { backend(st, w.internet).Description = strings.Repeat("x", 81) }, "invalid Description"},
		{"instance IP outside its vSwitch", func(st *engine.State) {
			inst(st, w.vpc1.InstanceId).PrivateIp = "10.9.9.9"
			lease(st, w.vpc1.InstanceId, w.vpc1.PrivateIp).Ip = "10.9.9.9"
		}, "PrivateIp 10.9.9.9 is outside 192.168.1.0/24"},
		{"reserved IP", func(st *engine.State) {
			inst(st, w.vpc2.InstanceId).PrivateIp = "192.168.1.253"
			lease(st, w.vpc2.InstanceId, "192.168.1.252").Ip = "192.168.1.253"
		}, "192.168.1.253 is a reserved address of 192.168.1.0/24"},
		{"network address", func(st *engine.State) {
			inst(st, w.vpc2.InstanceId).PrivateIp = "192.168.1.0"
			lease(st, w.vpc2.InstanceId, "192.168.1.252").Ip = "192.168.1.0"
		}, "192.168.1.0 is a reserved address"},
		{"ENI IP outside its vSwitch", func(st *engine.State) {
			n := valFind(t, st.NetworkInterfaces, func(n *model.NetworkInterface) bool { return n.NetworkInterfaceId == w.eni.NetworkInterfaceId })
			n.SecondaryIps[0] = "192.168.2.5"
		}, "secondary IP 192.168.2.5 is outside 192.168.1.0/24"},
		{"LB address outside its vSwitch", func(st *engine.State) { lb(st, w.specLB).Address = "192.168.9.9" }, "Address 192.168.9.9 is outside"},
		{"malformed IP", func(st *engine.State) { inst(st, w.classic.InstanceId).PrivateIp = "10.0.0.01" }, `PrivateIp "10.0.0.01" is not an IPv4 address`},
		{"duplicate IP", func(st *engine.State) { inst(st, w.vpc2.InstanceId).PrivateIp = w.vpc1.PrivateIp },
			fmt.Sprintf("PrivateIp %s is also held by %s", w.vpc1.PrivateIp, w.vpc1.InstanceId)},
		{"IP without a lease", func(st *engine.State) {
			st.IPs = slices.DeleteFunc(st.IPs, func(l engine.IPLease) bool { return l.Owner == w.classic.InstanceId })
		}, "which has no lease in IPs"},
		{"lease of nobody", func(st *engine.State) {
			st.IPs = append(st.IPs, engine.IPLease{Pool: w.vsw.VSwitchId, Ip: "192.168.1.100", Owner: "i-bp1ghost000000000000"})
		}, "no resource holds that address"},
		{"lease of another owner", func(st *engine.State) { lease(st, w.classic.InstanceId, w.classic.PrivateIp).Owner = w.vpc1.InstanceId },
			"but " + w.classic.InstanceId + " holds it"},
		{"instance status", func(st *engine.State) { inst(st, w.classic.InstanceId).Status = "Exploded" }, `unknown Status "Exploded"`},
		{"instance transition", func(st *engine.State) { inst(st, w.classic.InstanceId).Transition = "teleport" }, `unknown Transition "teleport"`},
		{"LB status", func(st *engine.State) { lb(st, w.internet).Status = "gone" }, `unknown Status "gone"`},
		{"LB address type", func(st *engine.State) { lb(st, w.internet).AddressType = "both" }, `unknown AddressType "both"`},
		{"ENI status", func(st *engine.State) {
			valFind(t, st.NetworkInterfaces, func(n *model.NetworkInterface) bool { return n.InstanceId != "" }).Status = model.ENIAvailable
		}, `Status "Available", but with InstanceId`},
		{"ENI of a missing instance", func(st *engine.State) {
			valFind(t, st.NetworkInterfaces, func(n *model.NetworkInterface) bool { return n.InstanceId != "" }).InstanceId = "i-bp1missing0000000000"
		}, `attached to instance "i-bp1missing0000000000", which does not exist`},
		{"vSwitch of a missing VPC", func(st *engine.State) { st.VSwitches[0].VpcId = "vpc-bp1missing00000000000" }, `VPC "vpc-bp1missing00000000000" does not exist`},
		{"vSwitch outside its VPC", func(st *engine.State) { st.VSwitches[0].CidrBlock = "10.1.0.0/24" }, "is not inside VPC"},
		{"vSwitch zone", func(st *engine.State) { st.VSwitches[0].ZoneId = "cn-beijing-a" }, `zone "cn-beijing-a" is not in cn-hangzhou`},
		{"instance of a missing vSwitch", func(st *engine.State) { inst(st, w.vpc1.InstanceId).VSwitchId = "vsw-bp1missing000000000000" }, "does not exist"},
		{"instance VPC disagrees with its vSwitch", func(st *engine.State) { inst(st, w.vpc1.InstanceId).ZoneId = "cn-hangzhou-h" }, "makes it a vpc instance"},
		{"malformed ID", func(st *engine.State) { inst(st, w.classic.InstanceId).InstanceId = "web server" }, `instance "web server": malformed ID`},
		{"empty ID", func(st *engine.State) { st.Vpcs[0].VpcId = "" }, `VPC "": malformed ID`},
		{"duplicate ID", func(st *engine.State) { st.Instances = append(st.Instances, st.Instances[0]) }, "is listed twice"},
		{"unlisted account", func(st *engine.State) { st.Accounts = st.Accounts[:1] }, "is not in Accounts"},
		{"unknown region", func(st *engine.State) { lb(st, w.internet).RegionId = "mars-north-1" }, `unknown region "mars-north-1"`},
		{"backend of another account", func(st *engine.State) {
			other := valFind(t, st.Instances, func(i *model.Instance) bool { return i.AccountId == valOther })
			b := backend(st, w.intra)
			b.ServerId, b.ServerIp = other.InstanceId, other.PrivateIp
		}, "belongs to account " + valAccount},
		{"network matrix", func(st *engine.State) {
			b := backend(st, w.intra)
			b.ServerId, b.ServerIp, b.VpcId = w.vpc1.InstanceId, w.vpc1.PrivateIp, w.vpc1.VpcId
		}, "cannot be a backend of an intranet classic LB"},
		{"ENI backend of an LB without a spec", func(st *engine.State) { lb(st, w.specLB).LoadBalancerSpec = "" }, "with a LoadBalancerSpec"},
		{"backend IP not the server's", func(st *engine.State) { backend(st, w.internet).ServerIp = "10.0.0.200" }, "are not the instance's"},
		{"mixed networks", func(st *engine.State) {
			st.Backends = append(st.Backends, model.Backend{LoadBalancerId: w.internet, ServerId: w.vpc2.InstanceId, Type: model.ServerECS,
				Weight: 100, ServerIp: w.vpc2.PrivateIp, VpcId: w.vpc2.VpcId, Seq: 90})
			lb(st, w.internet).NextBackendSeq = 90
		}, "the LB's backends mix networks"},
		{"ClientToken response", func(st *engine.State) { st.ClientTokens[0].Response = `{"LoadBalancerId":7}` },
			`ClientToken "token-1" of account ` + valAccount + ` on CreateLoadBalancer: Response is not a CreateLoadBalancer response`},
		{"ClientToken request", func(st *engine.State) { st.ClientTokens[0].Request = `{` }, "Request is not JSON"},
		{"ClientToken action", func(st *engine.State) { st.ClientTokens[0].Action = "DeleteLoadBalancer" }, "DeleteLoadBalancer takes no ClientToken"},
		{"ClientToken token", func(st *engine.State) { st.ClientTokens[0].ClientToken = strings.Repeat("t", 65) }, "malformed token"},
		{"ClientToken account", func(st *engine.State) { st.ClientTokens[0].AccountId = "3333" }, `account "3333" is not in Accounts`},
		{"backend Seq past NextBackendSeq", func(st *engine.State) { backend(st, w.intra).Seq = 99 }, "Seq 99 outside 1..1"},
		{"backend Seq twice", func(st *engine.State) {
			var seqs []*model.Backend
			for i := range st.Backends {
				if st.Backends[i].LoadBalancerId == w.specLB {
					seqs = append(seqs, &st.Backends[i])
				}
			}
			seqs[1].Seq = seqs[0].Seq
		}, "is another backend's of the LB"},
		{"AddressIPVersion ipv6", func(st *engine.State) { lb(st, w.internet).AddressIPVersion = "ipv6" }, `AddressIPVersion "ipv6"`},
		{"AddressIPVersion ipv4 spelt out", func(st *engine.State) { lb(st, w.intra).AddressIPVersion = "ipv4" }, `AddressIPVersion "ipv4"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := valCopy(t, good)
			tc.mutate(&st)
			err := w.s.Load(st)
			require.Error(t, err)
			var invalid *engine.InvalidStateError
			require.True(t, errors.As(err, &invalid), "%v", err)
			require.Contains(t, err.Error(), tc.want)
			require.Equal(t, good, w.s.Dump(), "a refused Load changes nothing")
		})
	}
	// The world still works after all those refusals.
	_, e := w.s.RemoveBackendServers(valAccount, &model.RemoveBackendServersRequest{RegionId: valRegion, LoadBalancerId: w.internet,
		BackendServers: valServers(`{"ServerId":"` + w.classic.InstanceId + `"}`)})
	valOK(t, e)
}

// A world with 300 backends on one LB, exported by a store whose quota is 300,
// does not load into one whose quota is the default 200.
func TestLoadRefusesBackendsOverTheQuota(t *testing.T) {
	t.Parallel()
	big := valNew(t, 300)
	lb, e := big.CreateLoadBalancer(valAccount, &model.CreateLoadBalancerRequest{RegionId: valRegion})
	valOK(t, e)
	var batch []string
	for range 300 {
		inst, err := big.PutInstance(model.Instance{AccountId: valAccount, RegionId: valRegion})
		require.NoError(t, err)
		batch = append(batch, `{"ServerId":"`+inst.InstanceId+`"}`)
		if len(batch) == model.MaxBackendServersPerCall {
			valAdd(t, big, valAccount, lb.LoadBalancerId, batch...)
			batch = nil
		}
	}
	st := big.Dump()
	require.Len(t, st.Backends, 300)

	small := valNew(t, 0)
	_, err := small.PutVpc(model.Vpc{AccountId: valAccount, RegionId: valRegion, VpcId: "vpc-keep"})
	require.NoError(t, err)
	before := small.Dump()
	err = small.Load(st)
	require.ErrorContains(t, err, fmt.Sprintf("LB %s: 300 backends, over the backend quota of 200", lb.LoadBalancerId))
	require.Equal(t, before, small.Dump())
	require.NoError(t, valNew(t, 300).Load(st), "a store with the exporter's quota takes it")
}

// The error spells out the first few problems and counts the rest.
func TestInvalidStateErrorListsTheFirstProblems(t *testing.T) {
	t.Parallel()
	s := valNew(t, 0)
	st := engine.State{Accounts: []model.Account{{AccountId: valAccount}}}
	for i := range 15 {
		st.Vpcs = append(st.Vpcs, model.Vpc{VpcId: fmt.Sprintf("vpc-%d", i), AccountId: valAccount, RegionId: "nowhere", CidrBlock: "172.16.0.0/12", Status: "Available"})
	}
	err := s.Validate(st)
	var invalid *engine.InvalidStateError
	require.ErrorAs(t, err, &invalid)
	require.Len(t, invalid.Problems, 10)
	require.Equal(t, 5, invalid.More)
	require.True(t, strings.HasPrefix(err.Error(), `engine: invalid state, 15 problems: VPC vpc-0: unknown region "nowhere"; `), err.Error())
	require.True(t, strings.HasSuffix(err.Error(), "; and 5 more"), err.Error())

	st.Vpcs = st.Vpcs[:1]
	require.EqualError(t, s.Validate(st), `engine: invalid state: VPC vpc-0: unknown region "nowhere"`)
}

// Whatever the API and the fixtures do, the world they leave is valid: a
// random walk over every write of the engine, validated after each step, and
// loaded into a fresh store at the end.
func TestValidateAcceptsEveryWorldTheAPIBuilds(t *testing.T) {
	t.Parallel()
	// What the walks reached, so that the test cannot pass by building
	// nothing: ecs backends, eni backends, attached ENIs, ClientTokens.
	var withECS, withENI, withAttached, withTokens int
	rapid.Check(t, func(rt *rapid.T) {
		quota := rapid.IntRange(2, 5).Draw(rt, "quota")
		now := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
		var life model.LifecycleDurations
		if rapid.Bool().Draw(rt, "lifecycle") {
			life = model.LifecycleDurations{Pending: time.Second, Starting: time.Second, Stopping: time.Second}
		}
		s, err := engine.New(engine.Config{IDs: model.NewIDSource(rapid.Uint64().Draw(rt, "seed")), BackendQuota: quota,
			Now: func() time.Time { return now }, Lifecycle: life})
		require.NoError(rt, err)

		// Every created resource, and its owner; calls mostly act as the
		// owner of the resources they name, so that most of them succeed.
		type owner struct{ account, region string }
		owners := map[string]owner{}
		var vsws, insts, enis, lbs []string
		newOwner := func(t *rapid.T) owner {
			o := owner{valAccount, valRegion}
			if rapid.IntRange(0, 4).Draw(t, "otherAccount") == 4 {
				o.account = valOther
			}
			if rapid.IntRange(0, 4).Draw(t, "otherRegion") == 4 {
				o.region = "cn-beijing"
			}
			return o
		}
		// pick draws an ID, mostly one of o's (any owner when o is nil).
		pick := func(t *rapid.T, label string, ids []string, o *owner) string {
			var mine []string
			for _, id := range ids {
				if o == nil || owners[id] == *o {
					mine = append(mine, id)
				}
			}
			if len(mine) == 0 || rapid.IntRange(0, 19).Draw(t, label+"Stray") == 19 {
				mine = slices.Concat(ids, []string{"x-none"})
			}
			return rapid.SampledFrom(mine).Draw(t, label)
		}
		vpcLB := map[string]bool{}
		elems := func(t *rapid.T, lb string, o owner) string {
			var out []string
			for range rapid.IntRange(1, 3).Draw(t, "elems") {
				w := rapid.IntRange(0, 100).Draw(t, "weight")
				if vpcLB[lb] && rapid.Bool().Draw(t, "eniElem") {
					out = append(out, fmt.Sprintf(`{"ServerId":"%s","Type":"eni","Weight":%d}`, pick(t, "eni", enis, &o), w))
				} else {
					out = append(out, fmt.Sprintf(`{"ServerId":"%s","Weight":%d}`, pick(t, "inst", insts, &o), w))
				}
			}
			return valServers(out...)
		}
		backendCall := func(op func(string, *model.AddBackendServersRequest) (*model.BackendServersResponse, *model.Error)) func(*rapid.T) {
			return func(t *rapid.T) {
				lb := pick(t, "lb", lbs, nil)
				o := owners[lb]
				_, _ = op(o.account, &model.AddBackendServersRequest{RegionId: o.region, LoadBalancerId: lb, BackendServers: elems(t, lb, o)})
			}
		}
		steps := map[string]func(*rapid.T){
			"CreateVpcAndVSwitch": func(t *rapid.T) {
				o := newOwner(t)
				vpc, e := s.CreateVpc(o.account, &model.CreateVpcRequest{RegionId: o.region, CidrBlock: "192.168.0.0/16"})
				require.Nil(t, e)
				r, _ := model.LookupRegion(o.region)
				for i := range rapid.IntRange(1, 2).Draw(t, "vswitches") {
					vsw, e := s.CreateVSwitch(o.account, &model.CreateVSwitchRequest{RegionId: o.region, VpcId: vpc.VpcId,
						ZoneId: r.Zones[i], CidrBlock: fmt.Sprintf("192.168.%d.0/%d", i, rapid.SampledFrom([]int{24, 29}).Draw(t, "mask"))})
					require.Nil(t, e)
					vsws = append(vsws, vsw.VSwitchId)
					owners[vsw.VSwitchId] = o
				}
			},
			"RunInstances": func(t *rapid.T) {
				o, vsw := newOwner(t), ""
				if rapid.Bool().Draw(t, "inVpc") && len(vsws) > 0 {
					vsw = pick(t, "vsw", vsws, nil)
					o = owners[vsw]
				}
				r, e := s.RunInstances(o.account, &model.RunInstancesRequest{RegionId: o.region, VSwitchId: vsw, ImageId: "img",
					InstanceType: "ecs.g7.large", SecurityGroupId: "sg-1", Amount: rapid.IntRange(1, 3).Draw(t, "amount"),
					ClientToken: rapid.SampledFrom([]string{"", "run-1", "run-2"}).Draw(t, "token")})
				if e == nil {
					for _, id := range r.InstanceIdSets.InstanceIdSet {
						if _, known := owners[id]; known {
							continue // the answer of a ClientToken already used
						}
						insts = append(insts, id)
						owners[id] = o
					}
				}
			},
			"CreateNetworkInterface": func(t *rapid.T) {
				vsw := pick(t, "vsw", vsws, nil)
				o := owners[vsw]
				r, e := s.CreateNetworkInterface(o.account, &model.CreateNetworkInterfaceRequest{RegionId: o.region, VSwitchId: vsw,
					SecurityGroupId: "sg-1", SecondaryPrivateIpAddressCount: rapid.IntRange(0, 2).Draw(t, "secondaries")})
				if e == nil {
					enis = append(enis, r.NetworkInterfaceId)
					owners[r.NetworkInterfaceId] = o
				}
			},
			"AttachNetworkInterface": func(t *rapid.T) {
				eni := pick(t, "eni", enis, nil)
				o := owners[eni]
				_, _ = s.AttachNetworkInterface(o.account, &model.AttachNetworkInterfaceRequest{RegionId: o.region, NetworkInterfaceId: eni, InstanceId: pick(t, "inst", insts, &o)})
			},
			"DetachNetworkInterface": func(t *rapid.T) {
				eni := pick(t, "eni", enis, nil)
				o := owners[eni]
				_, _ = s.DetachNetworkInterface(o.account, &model.DetachNetworkInterfaceRequest{RegionId: o.region, NetworkInterfaceId: eni, InstanceId: pick(t, "inst", insts, &o)})
			},
			"DeleteNetworkInterface": func(t *rapid.T) {
				eni := pick(t, "eni", enis, nil)
				o := owners[eni]
				_, _ = s.DeleteNetworkInterface(o.account, &model.DeleteNetworkInterfaceRequest{RegionId: o.region, NetworkInterfaceId: eni})
			},
			"CreateLoadBalancer": func(t *rapid.T) {
				o := newOwner(t)
				req := &model.CreateLoadBalancerRequest{RegionId: o.region, ClientToken: rapid.SampledFrom([]string{"", "lb-1"}).Draw(t, "token")}
				switch rapid.IntRange(0, 2).Draw(t, "kind") {
				case 1:
					req.AddressType = "intranet"
				case 2:
					req.AddressType, req.VSwitchId = "intranet", pick(t, "vsw", vsws, nil)
					o = owners[req.VSwitchId]
					req.RegionId = o.region
					req.LoadBalancerSpec = rapid.SampledFrom([]string{"slb.s2.small", ""}).Draw(t, "spec")
				}
				r, e := s.CreateLoadBalancer(o.account, req)
				if e != nil {
					return
				}
				if _, known := owners[r.LoadBalancerId]; !known { // not the answer of a token already used
					lbs = append(lbs, r.LoadBalancerId)
					owners[r.LoadBalancerId] = o
					vpcLB[r.LoadBalancerId] = req.VSwitchId != ""
				}
			},
			"AddBackendServers":    backendCall(s.AddBackendServers),
			"AddBackendServers2":   backendCall(s.AddBackendServers),
			"RemoveBackendServers": backendCall(s.RemoveBackendServers),
			"SetBackendServers":    backendCall(s.SetBackendServers),
			"DeleteLoadBalancer": func(t *rapid.T) {
				lb := pick(t, "lb", lbs, nil)
				o := owners[lb]
				_, _ = s.DeleteLoadBalancer(o.account, &model.DeleteLoadBalancerRequest{RegionId: o.region, LoadBalancerId: lb})
			},
			"StopInstance": func(t *rapid.T) {
				inst := pick(t, "inst", insts, nil)
				o := owners[inst]
				_, _ = s.StopInstance(o.account, &model.StopInstanceRequest{RegionId: o.region, InstanceId: inst})
			},
			"DeleteInstance": func(t *rapid.T) {
				inst := pick(t, "inst", insts, nil)
				o := owners[inst]
				_, _ = s.DeleteInstance(o.account, &model.DeleteInstanceRequest{RegionId: o.region, InstanceId: inst, Force: rapid.Bool().Draw(t, "force")})
			},
			"Advance": func(t *rapid.T) { now = now.Add(time.Second) },
			"ForceInstanceStatus": func(t *rapid.T) {
				_ = s.ForceInstanceStatus(pick(t, "inst", insts, nil), rapid.SampledFrom(model.InstanceStatuses()).Draw(t, "status"))
			},
			"ForceLoadBalancerStatus": func(t *rapid.T) {
				_ = s.ForceLoadBalancerStatus(pick(t, "lb", lbs, nil), rapid.SampledFrom([]model.LoadBalancerStatus{model.LBActive, model.LBInactive, model.LBLocked}).Draw(t, "lbStatus"))
			},
			"": func(t *rapid.T) {
				require.NoError(t, s.Validate(s.Dump()))
			},
		}
		// A start where every kind of backend can be added at once: a VPC,
		// classic and VPC instances, an attached ENI, LBs of every kind.
		home := owner{valAccount, valRegion}
		vpc, e := s.CreateVpc(home.account, &model.CreateVpcRequest{RegionId: home.region, CidrBlock: "10.0.0.0/8"})
		require.Nil(rt, e)
		vsw, e := s.CreateVSwitch(home.account, &model.CreateVSwitchRequest{RegionId: home.region, VpcId: vpc.VpcId, ZoneId: "cn-hangzhou-k", CidrBlock: "10.1.0.0/24"})
		require.Nil(rt, e)
		vsws, owners[vsw.VSwitchId] = append(vsws, vsw.VSwitchId), home
		for _, in := range []string{"", vsw.VSwitchId} {
			r, e := s.RunInstances(home.account, &model.RunInstancesRequest{RegionId: home.region, VSwitchId: in, ImageId: "img",
				InstanceType: "ecs.g7.large", SecurityGroupId: "sg-1", Amount: 3})
			require.Nil(rt, e)
			for _, id := range r.InstanceIdSets.InstanceIdSet {
				insts, owners[id] = append(insts, id), home
			}
		}
		now = now.Add(time.Minute)
		eni, e := s.CreateNetworkInterface(home.account, &model.CreateNetworkInterfaceRequest{RegionId: home.region, VSwitchId: vsw.VSwitchId,
			SecurityGroupId: "sg-1", SecondaryPrivateIpAddressCount: 1})
		require.Nil(rt, e)
		enis, owners[eni.NetworkInterfaceId] = append(enis, eni.NetworkInterfaceId), home
		_, e = s.AttachNetworkInterface(home.account, &model.AttachNetworkInterfaceRequest{RegionId: home.region,
			NetworkInterfaceId: eni.NetworkInterfaceId, InstanceId: insts[len(insts)-1]})
		require.Nil(rt, e)
		for _, req := range []model.CreateLoadBalancerRequest{{}, {AddressType: "intranet"},
			{AddressType: "intranet", VSwitchId: vsw.VSwitchId, LoadBalancerSpec: "slb.s3.small"}} {
			req.RegionId = home.region
			r, e := s.CreateLoadBalancer(home.account, &req)
			require.Nil(rt, e)
			lbs, owners[r.LoadBalancerId], vpcLB[r.LoadBalancerId] = append(lbs, r.LoadBalancerId), home, req.VSwitchId != ""
		}

		rt.Repeat(steps)
		st := s.Dump()
		for _, b := range st.Backends {
			switch b.Type {
			case model.ServerECS:
				withECS++
			case model.ServerENI:
				withENI++
			}
		}
		for _, n := range st.NetworkInterfaces {
			if n.InstanceId != "" {
				withAttached++
			}
		}
		withTokens += len(st.ClientTokens)
		dst, err := engine.New(engine.Config{BackendQuota: quota})
		require.NoError(rt, err)
		require.NoError(rt, dst.Load(st))
		require.Equal(rt, st, dst.Dump())
	})
	t.Logf("backends: %d ecs, %d eni; %d attached ENIs; %d ClientTokens", withECS, withENI, withAttached, withTokens)
	require.Positive(t, withECS)
	require.Positive(t, withTokens)
	require.Positive(t, withENI)
	require.Positive(t, withAttached)
}
