package fake_test

// Conformance cases for AddBackendServers, RemoveBackendServers and
// SetBackendServers, one per decision of shared/spec/decisions.md (and the
// Remove/Set rules in engine/slb_backend.go), in the style of gofakes3's
// numbered cases. Each case says which ambiguity it settles and where the
// answer comes from: DOC (the official docs), CODE (real client code depends
// on it), INF (our inference, settled by decisions.md). Every error case
// asserts the exact code, HTTP status and message, and that the world is
// unchanged.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

var (
	errBackendsInvalid = apiErr{http.StatusBadRequest, "InvalidParameter", "The specified BackendServers is invalid."}
	errTooMany         = apiErr{http.StatusBadRequest, "TooManyBackendServers", "The total number of input real servers exceeds max supported number: 20"}
	errLength          = apiErr{http.StatusBadRequest, "InvalidParameterLength", "The specified parameter length is not valid."}
	errObtainIpFail    = apiErr{http.StatusBadRequest, "ObtainIpFail",
		"The specified BackendServers is invalid; some of the specified backend servers do not exist or are not running."}
	errNetworkType = apiErr{http.StatusBadRequest, "InvalidParameter",
		"The specified load balancer does not support the network type of the ECS instance."}
	errInconsistent = apiErr{http.StatusBadRequest, "InvalidBackendServers.Inconsistent",
		"All BackendServers on one Specified LoadBalancer have to be in the same vpc or all classic"}
	errQuota = apiErr{http.StatusBadRequest, "InstanceBackendServerNumberOverLimit",
		"The backend server number has reached to the quota limit of this load balancer."}
	errLocked     = apiErr{http.StatusBadRequest, "ActionNotAllowed", "Locked for any Business Reason."}
	errLBNotFound = apiErr{http.StatusNotFound, "InvalidLoadBalancerId.NotFound", "The specified LoadBalancerId does not exist."}
	errRegion     = apiErr{http.StatusNotFound, "InvalidRegionId.NotFound", "The specified RegionId does not exist."}
	errMissingLB  = apiErr{http.StatusBadRequest, "MissingParameter",
		`The input parameter "LoadBalancerId" that is mandatory for processing this request is not supplied.`}
	errMissingRegion = apiErr{http.StatusBadRequest, "MissingParameter",
		`The input parameter "RegionId" that is mandatory for processing this request is not supplied.`}
)

// twoVpcs is the decision tests' world (seed 1): two VPCs with one vSwitch
// each.
type twoVpcs struct {
	*world
	vpcA, vpcB model.Vpc
	vswA, vswB model.VSwitch
}

func twoVpcWorld(t *testing.T, opts ...fake.Option) *twoVpcs {
	t.Helper()
	w := &twoVpcs{world: newWorld(t, append([]fake.Option{fake.WithSeed(1)}, opts...)...)}
	w.vpcA = w.vpc("192.168.0.0/16")
	w.vswA = w.vswitch(w.vpcA, "192.168.1.0/24", "")
	w.vpcB = w.vpc("172.16.0.0/16")
	w.vswB = w.vswitch(w.vpcB, "172.16.1.0/24", "")
	return w
}

// ---------------------------------------------------------------------------
// Validation order (decisions.md "Validation order"; slb-api.md section 7).

// D01 (INF). Settles: which error wins when the LB is locked and the
// BackendServers value is unparsable. The LB is resolved before the value is
// parsed: ActionNotAllowed.
func TestD01LockedBeatsUnparsable(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.lb(model.LoadBalancer{Status: model.LBLocked})
	w.addRefused(lb, `[{ServerId:`, errLocked)
	w.addRefused(lb, list(w.classic()), errLocked)
}

// D02 (INF). Settles: unknown LB and a bad BackendServers value: the LB is
// looked up first, so the 404 wins.
func TestD02UnknownLBBeatsBadBackendServers(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	w.addRefused("lb-bp1doesnotexist0000000", `not json`, errLBNotFound)
	w.addRefused("lb-bp1doesnotexist0000000", elementsOf(21), errLBNotFound)
}

// D03 (INF). Settles: the region is checked before the LB: an unknown region
// with a missing LoadBalancerId is InvalidRegionId.NotFound; a missing RegionId
// is MissingParameter before anything else.
func TestD03RegionBeforeLoadBalancer(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	w.refused(errRegion, func() error {
		_, err := w.c.AddBackendServers(w.ctx, &model.AddBackendServersRequest{RegionId: "cn-atlantis", BackendServers: "garbage"})
		return err
	})
	w.refused(errMissingRegion, func() error {
		_, err := w.c.AddBackendServers(w.ctx, &model.AddBackendServersRequest{BackendServers: "garbage"})
		return err
	})
}

// D04 (INF). Settles: field checks of every element run before any server is
// looked up: an unknown server in element 1 and a bad Weight in element 2
// report the Weight.
func TestD04FieldChecksBeforeServerChecks(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	w.addRefused(lb, `[{"ServerId":"i-unknown"},{"ServerId":"`+w.classic()+`","Weight":101}]`, errBackendsInvalid)
	w.addRefused(lb, `[{"ServerId":"i-unknown"},{"ServerId":"`+w.classic()+`","Description":"`+strings.Repeat("d", 81)+`"}]`, errLength)
}

// D05 (INF). Settles: per-server checks run element by element, all checks of
// one element before the next: ObtainIpFail on element 1 beats a network
// mismatch on element 2, and the other way round.
func TestD05PerServerChecksInElementOrder(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.intranetClassicLB()
	stopped, vpcInst := w.classic(model.StatusStopped), w.inVpc(w.vswA)
	w.addRefused(lb, list(stopped, vpcInst), errObtainIpFail)
	w.addRefused(lb, list(vpcInst, stopped), errNetworkType)
	w.addRefused(lb, list("i-unknown", vpcInst), errObtainIpFail)
}

// D06 (INF). Settles: the quota is checked last, after every per-element
// check: on a full LB a stopped server is ObtainIpFail, an attached one is
// InvalidParameter, and only a valid new one hits the quota.
func TestD06QuotaCheckedAfterPerElementChecks(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t, fake.WithBackendQuota(3))
	lb := w.internetLB()
	a, b, c := w.classic(), w.classic(), w.classic()
	w.mustAdd(lb, list(a, b, c))
	w.addRefused(lb, list(w.classic(model.StatusStopped)), errObtainIpFail)
	w.addRefused(lb, list(a), errBackendsInvalid)
	w.addRefused(lb, list(w.inVpc(w.vswA)), errInconsistent)
	w.addRefused(lb, list(w.classic()), errQuota)
}

// D07 (DOC / INF). Settles: the 20-element limit is counted on the parsed
// list before any element is checked and before duplicates are dropped.
func TestD07CountBeforeElementChecksAndDedup(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	inst := w.classic()
	w.addRefused(lb, "["+strings.Repeat(`{"ServerId":"`+inst+`"},`, 20)+`{"ServerId":"`+inst+`"}]`, errTooMany)
	w.addRefused(lb, "["+strings.Repeat(`{"ServerId":"","Weight":-1},`, 20)+`{"ServerId":""}]`, errTooMany)
}

// ---------------------------------------------------------------------------
// Duplicates, already attached, empty calls, limits.

// D10 (DOC: SEED "只会取第一个"). Settles: duplicates inside one request: the
// first occurrence is used (its Weight and Description), later ones are
// silently dropped.
func TestD10DuplicatesFirstWins(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	a, b := w.classic(), w.classic()
	resp := w.mustAdd(lb, `[{"ServerId":"`+a+`","Weight":"10","Description":"first"},{"ServerId":"`+b+`"},{"ServerId":"`+a+`","Weight":90,"Description":"second"}]`)
	require.Equal(t, []model.BackendServerView{
		{ServerId: a, Weight: 10, Type: "ecs", Description: "first"},
		{ServerId: b, Weight: 100, Type: "ecs"},
	}, resp.BackendServers.BackendServer)
}

// D11 (INF). Settles: duplicates are dropped after the field checks, so an
// invalid later duplicate still fails the call.
func TestD11InvalidDuplicateStillRefused(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	a := w.classic()
	w.addRefused(lb, `[{"ServerId":"`+a+`","Weight":10},{"ServerId":"`+a+`","Weight":101}]`, errBackendsInvalid)
}

// D12 (DOC says "an error"; the code is INF). Settles: adding a server that is
// already attached is 400 InvalidParameter "The specified BackendServers is
// invalid." and nothing of the call is applied, not even the new servers.
func TestD12AlreadyAttached(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	a, b := w.classic(), w.classic()
	w.mustAdd(lb, list(a))
	w.addRefused(lb, list(a), errBackendsInvalid)
	w.addRefused(lb, list(b, a), errBackendsInvalid)
	require.Equal(t, []string{a}, ids(w.backends(lb)))
}

// D13 (CODE: Terraform sends such calls when its batch count is a multiple of
// 20; DOC-EN marks BackendServers optional). Settles: an absent, empty, blank
// or [] BackendServers is a successful no-op answering with the current list.
func TestD13AbsentOrEmptyBackendServers(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	a := w.classic()
	w.mustAdd(lb, list(a))
	for _, v := range []string{"", " ", "[]", " [ ] "} {
		before := w.f.State()
		resp := w.mustAdd(lb, v)
		require.Equal(t, before, w.f.State(), "BackendServers %q changes nothing", v)
		require.Equal(t, lb, resp.LoadBalancerId)
		require.Equal(t, []model.BackendServerView{{ServerId: a, Weight: 100, Type: "ecs"}}, resp.BackendServers.BackendServer)
	}
	empty := w.internetLB()
	resp := w.mustAdd(empty, "")
	require.NotNil(t, resp.BackendServers.BackendServer, "an empty list, not null")
	require.Empty(t, resp.BackendServers.BackendServer)
}

// D14 (DOC: at most 20 per call; message from ERRLIST). Settles: 20 elements
// are accepted, 21 are TooManyBackendServers.
func TestD14TwentyOneElements(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	var servers []string
	for i := 0; i < 21; i++ {
		servers = append(servers, w.classic())
	}
	w.addRefused(lb, list(servers...), errTooMany)
	resp := w.mustAdd(lb, list(servers[:20]...))
	require.Len(t, resp.BackendServers.BackendServer, 20)
}

// D15 (DOC range 0..100, default 100; the error code is DOC ERRLIST, its use
// for the weight INF). Settles: Weight is an integer 0..100 as a number or a
// numeric string; anything else is InvalidParameter.
func TestD15WeightRules(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	a, b, c, d := w.classic(), w.classic(), w.classic(), w.classic()
	resp := w.mustAdd(lb, `[{"ServerId":"`+a+`","Weight":0},{"ServerId":"`+b+`","Weight":"100"},{'ServerId':'`+c+`','Weight':'37'},{"ServerId":"`+d+`"}]`)
	var weights []int
	for _, v := range resp.BackendServers.BackendServer {
		weights = append(weights, v.Weight)
	}
	require.Equal(t, []int{0, 100, 37, 100}, weights)
	e := w.classic()
	for _, bad := range []string{`-1`, `101`, `"abc"`, `1.5`, `"1.5"`, `true`, `""`, `{}`} {
		w.addRefused(lb, `[{"ServerId":"`+e+`","Weight":`+bad+`}]`, errBackendsInvalid)
	}
}

// D16 (DOC: ecs default, eni, eci). Settles: Type is case-sensitive and
// limited to ecs, eni and eci; eci is accepted by the parser but no elastic
// container instance is modelled, so an eci element is "does not exist".
func TestD16TypeRules(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	a, b := w.classic(), w.classic()
	resp := w.mustAdd(lb, `[{"ServerId":"`+a+`","Type":"ecs"},{"ServerId":"`+b+`"}]`)
	require.Equal(t, "ecs", resp.BackendServers.BackendServer[0].Type)
	require.Equal(t, "ecs", resp.BackendServers.BackendServer[1].Type, "Type defaults to ecs")
	c := w.classic()
	for _, bad := range []string{`"vm"`, `"ECS"`, `"Eni"`, `1`} {
		w.addRefused(lb, `[{"ServerId":"`+c+`","Type":`+bad+`}]`, errBackendsInvalid)
	}
	w.addRefused(lb, `[{"ServerId":"eci-bp1xxxxxxxxxxxxxxxxx","Type":"eci","ServerIp":"192.168.1.9"}]`, errObtainIpFail)
}

// D17 (DOC-EN charset and length; the codes are INF). Settles: Description is
// 1..80 letters (CJK included), digits, - / . _; too long is
// InvalidParameterLength, a bad character InvalidParameter.
func TestD17DescriptionRules(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	a, b := w.classic(), w.classic()
	long := strings.Repeat("x", 80)
	resp := w.mustAdd(lb, `[{"ServerId":"`+a+`","Description":"`+long+`"},{"ServerId":"`+b+`","Description":"后端服务器-01/a.b_c"}]`)
	require.Equal(t, long, resp.BackendServers.BackendServer[0].Description)
	require.Equal(t, "后端服务器-01/a.b_c", resp.BackendServers.BackendServer[1].Description)
	c := w.classic()
	w.addRefused(lb, `[{"ServerId":"`+c+`","Description":"`+long+`x"}]`, errLength)
	w.addRefused(lb, `[{"ServerId":"`+c+`","Description":"`+strings.Repeat("服", 81)+`"}]`, errLength)
	w.addRefused(lb, `[{"ServerId":"`+c+`","Description":"web 01"}]`, errBackendsInvalid)
	w.addRefused(lb, `[{"ServerId":"`+c+`","Description":"a;b"}]`, errBackendsInvalid)
}

// D18 (DOC: SEED "必须是运行中"; code from ERRLIST; INF that unknown ids share
// it). Settles: an unknown server, a server in another region or account, and
// a server that is not Running are all ObtainIpFail.
func TestD18UnknownAndNotRunningServers(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	w.addRefused(lb, list("i-bp1doesnotexist00000"), errObtainIpFail)
	for _, s := range []model.InstanceStatus{model.StatusPending, model.StatusStarting, model.StatusStopping, model.StatusStopped} {
		w.addRefused(lb, list(w.classic(s)), errObtainIpFail)
	}
	// Running once, then stopped.
	inst := w.classic()
	require.NoError(t, w.f.ForceInstanceStatus(inst, model.StatusStopped))
	w.addRefused(lb, list(inst), errObtainIpFail)
	// Another region and another account.
	other := w.putInstance(model.Instance{RegionId: "cn-beijing"})
	w.addRefused(lb, list(other.InstanceId), errObtainIpFail)
	foreign := w.putInstance(model.Instance{AccountId: "9999"})
	w.addRefused(lb, list(foreign.InstanceId), errObtainIpFail)
}

// ---------------------------------------------------------------------------
// Network rules.

// D20 (DOC: SEED error; matrix from the maintainer in terraform-provider
// issue #218). Settles the full attachment matrix of slb-api.md section 2.
func TestD20NetworkMatrix(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		lb     func(w *twoVpcs) string
		server func(w *twoVpcs) string
		err    *apiErr
	}{
		{"internet LB, classic instance", (*twoVpcs).internetLB, func(w *twoVpcs) string { return w.classic() }, nil},
		{"internet LB, VPC instance", (*twoVpcs).internetLB, func(w *twoVpcs) string { return w.inVpc(w.vswA) }, nil},
		{"intranet classic LB, classic instance", (*twoVpcs).intranetClassicLB, func(w *twoVpcs) string { return w.classic() }, nil},
		{"intranet classic LB, VPC instance", (*twoVpcs).intranetClassicLB, func(w *twoVpcs) string { return w.inVpc(w.vswA) }, &errNetworkType},
		{"intranet VPC LB, instance of the same VPC", func(w *twoVpcs) string { return w.vpcLB(w.vswA, "") }, func(w *twoVpcs) string { return w.inVpc(w.vswA) }, nil},
		{"intranet VPC LB, classic instance", func(w *twoVpcs) string { return w.vpcLB(w.vswA, "") }, func(w *twoVpcs) string { return w.classic() }, &errNetworkType},
		{"intranet VPC LB, instance of another VPC", func(w *twoVpcs) string { return w.vpcLB(w.vswA, "") }, func(w *twoVpcs) string { return w.inVpc(w.vswB) }, &errNetworkType},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := twoVpcWorld(t)
			lb, server := tc.lb(w), tc.server(w)
			if tc.err != nil {
				w.addRefused(lb, list(server), *tc.err)
				return
			}
			resp := w.mustAdd(lb, list(server))
			require.Equal(t, []string{server}, ids(resp.BackendServers.BackendServer))
		})
	}
}

// D21 (DOC: ERRLIST's Inconsistent code; INF that it applies to internet LBs
// as "all in one VPC or all classic"). Settles: classic and VPC servers, or
// servers of two VPCs, cannot share an LB, whether they come in one request
// or one is already attached; the rule follows the current backends.
func TestD21Inconsistent(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	classic, inA, inA2, inB := w.classic(), w.inVpc(w.vswA), w.inVpc(w.vswA), w.inVpc(w.vswB)

	// Within one request.
	w.addRefused(lb, list(classic, inA), errInconsistent)
	w.addRefused(lb, list(inA, classic), errInconsistent)
	w.addRefused(lb, list(inA, inB), errInconsistent)

	// Against existing backends.
	w.mustAdd(lb, list(classic))
	w.addRefused(lb, list(inA), errInconsistent)
	_, err := w.remove(lb, list(classic))
	require.NoError(t, err)
	w.mustAdd(lb, list(inA))
	w.addRefused(lb, list(inB), errInconsistent)
	w.addRefused(lb, list(classic), errInconsistent)
	resp := w.mustAdd(lb, list(inA2))
	require.Equal(t, []string{inA, inA2}, ids(resp.BackendServers.BackendServer), "the same VPC is fine")
}

// ---------------------------------------------------------------------------
// ENI backends (DOC-EN: eni only on performance-guaranteed specs; the rest
// INF, decisions.md "ENI / ECI backends").

// D30 (DOC-EN / INF). Settles: an LB without a LoadBalancerSpec (shared
// performance), and any non-VPC LB, refuse eni backends with InvalidParameter.
func TestD30ENIRequiresGuaranteedVPCLB(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	eni := w.eni(w.vswA, w.inVpc(w.vswA), 0)
	elem := `[{"ServerId":"` + eni.NetworkInterfaceId + `","Type":"eni"}]`
	w.addRefused(w.vpcLB(w.vswA, ""), elem, errBackendsInvalid)
	w.addRefused(w.lb(model.LoadBalancer{LoadBalancerSpec: "slb.s2.small"}), elem, errBackendsInvalid)
	w.addRefused(w.lb(model.LoadBalancer{AddressType: model.AddressIntranet, LoadBalancerSpec: "slb.s2.small"}), elem, errBackendsInvalid)
}

// D31 (INF). Settles: the ENI must be in the LB's VPC (the network-type
// message, as for an ECS instance of another VPC), must be attached, and its
// instance must be Running; an unknown ENI is ObtainIpFail like any unknown
// server.
func TestD31ENIPlacementAndInstance(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.vpcLB(w.vswA, "slb.s2.small")
	eniElem := func(id string) string { return `[{"ServerId":"` + id + `","Type":"eni"}]` }

	otherVpc := w.eni(w.vswB, w.inVpc(w.vswB), 0)
	w.addRefused(lb, eniElem(otherVpc.NetworkInterfaceId), errNetworkType)

	detached := w.eni(w.vswA, "", 0)
	w.addRefused(lb, eniElem(detached.NetworkInterfaceId), errBackendsInvalid)

	host := w.inVpc(w.vswA)
	stoppedHost := w.eni(w.vswA, host, 0)
	require.NoError(t, w.f.ForceInstanceStatus(host, model.StatusStopped))
	w.addRefused(lb, eniElem(stoppedHost.NetworkInterfaceId), errBackendsInvalid)

	w.addRefused(lb, eniElem("eni-bp1doesnotexist000000"), errObtainIpFail)
}

// D32 (DOC-OLD: ServerIp names the ENI's IP; INF: default primary). Settles:
// a ServerIp that is not one of the ENI's IPs is InvalidParameter; without
// ServerIp the primary IP is used; one ENI with two IPs is two backends; the
// same ENI and IP given twice (once implicitly) is one.
func TestD32ENIServerIp(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.vpcLB(w.vswA, "slb.s2.small")
	eni := w.eni(w.vswA, w.inVpc(w.vswA), 1)
	id, primary, secondary := eni.NetworkInterfaceId, eni.PrimaryIpAddress, eni.SecondaryIps[0]

	w.addRefused(lb, `[{"ServerId":"`+id+`","Type":"eni","ServerIp":"192.168.1.250"}]`, errBackendsInvalid)
	w.addRefused(lb, `[{"ServerId":"`+id+`","Type":"eni","ServerIp":"10.9.9.9"}]`, errBackendsInvalid)

	resp := w.mustAdd(lb, `[{"ServerId":"`+id+`","Type":"eni","Weight":30},{"ServerId":"`+id+`","Type":"eni","ServerIp":"`+primary+`","Weight":70},{"ServerId":"`+id+`","Type":"eni","ServerIp":"`+secondary+`"}]`)
	require.Equal(t, []model.BackendServerView{
		{ServerId: id, Weight: 30, Type: "eni", ServerIp: primary},
		{ServerId: id, Weight: 100, Type: "eni", ServerIp: secondary},
	}, resp.BackendServers.BackendServer, "primary by default, listed once; the secondary IP is a second backend")

	w.addRefused(lb, `[{"ServerId":"`+id+`","Type":"eni","ServerIp":"`+secondary+`"}]`, errBackendsInvalid)
	w.addRefused(lb, `[{"ServerId":"`+id+`","Type":"eni"}]`, errBackendsInvalid)
}

// D33 (INF). Settles: ENI and ECS backends of the LB's VPC live side by side
// on a guaranteed VPC LB (one VPC, so not Inconsistent).
func TestD33ENIAndECSTogether(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.vpcLB(w.vswA, "slb.s2.small")
	host := w.inVpc(w.vswA)
	eni := w.eni(w.vswA, host, 0)
	resp := w.mustAdd(lb, `[{"ServerId":"`+host+`"},{"ServerId":"`+eni.NetworkInterfaceId+`","Type":"eni"}]`)
	require.Equal(t, []string{host, eni.NetworkInterfaceId}, ids(resp.BackendServers.BackendServer))
}

// ---------------------------------------------------------------------------
// Quota and LB status.

// D40 (CODE: CCM's mock; the number is configurable). Settles: the per-LB
// quota counts existing plus new backends after dedup; over it the whole call
// is InstanceBackendServerNumberOverLimit.
func TestD40Quota(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t, fake.WithBackendQuota(3))
	require.Equal(t, 3, w.f.BackendQuota())
	lb := w.internetLB()
	a, b, c, d := w.classic(), w.classic(), w.classic(), w.classic()
	w.addRefused(lb, list(a, b, c, d), errQuota)
	w.mustAdd(lb, list(a, b))
	w.addRefused(lb, list(c, d), errQuota)
	resp := w.mustAdd(lb, list(c, c))
	require.Len(t, resp.BackendServers.BackendServer, 3, "a duplicate does not count")
	w.addRefused(lb, list(d), errQuota)
	// Quota is per LB.
	w.mustAdd(w.internetLB(), list(d))
}

// D41 (DOC ERRLIST; INF that it applies here). Settles: a locked LB refuses
// Add, Remove and Set with ActionNotAllowed.
func TestD41LockedLB(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	a := w.classic()
	w.mustAdd(lb, list(a))
	require.NoError(t, w.f.ForceLoadBalancerStatus(lb, model.LBLocked))
	w.addRefused(lb, list(w.classic()), errLocked)
	w.addRefused(lb, "", errLocked)
	w.refused(errLocked, func() error { _, err := w.remove(lb, list(a)); return err })
	w.refused(errLocked, func() error { _, err := w.set(lb, `[{"ServerId":"`+a+`","Weight":5}]`); return err })
}

// D42 (INF). Settles: an inactive LB (SetLoadBalancerStatus inactive) still
// accepts backend changes.
func TestD42InactiveLBAccepted(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	_, err := w.c.SetLoadBalancerStatus(w.ctx, &model.SetLoadBalancerStatusRequest{RegionId: region, LoadBalancerId: lb, LoadBalancerStatus: "inactive"})
	require.NoError(t, err)
	a := w.classic()
	resp := w.mustAdd(lb, list(a))
	require.Equal(t, []string{a}, ids(resp.BackendServers.BackendServer))
}

// D43 (DOC code; INF for the cases). Settles: an LB that is unknown, deleted,
// in another region than the request's, or owned by another account is 404
// InvalidLoadBalancerId.NotFound.
func TestD43LoadBalancerNotFound(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	a := w.classic()
	w.addRefused("lb-bp1doesnotexist0000000", list(a), errLBNotFound)

	deleted := w.internetLB()
	_, err := w.c.DeleteLoadBalancer(w.ctx, &model.DeleteLoadBalancerRequest{RegionId: region, LoadBalancerId: deleted})
	require.NoError(t, err)
	w.addRefused(deleted, list(a), errLBNotFound)

	beijing := w.lb(model.LoadBalancer{RegionId: "cn-beijing"})
	w.addRefused(beijing, list(a), errLBNotFound)

	lb := w.internetLB()
	other := w.f.ClientForAccount("9999")
	w.refused(errLBNotFound, func() error {
		_, err := other.AddBackendServers(w.ctx, &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: lb, BackendServers: list(a)})
		return err
	})
	w.refused(errLBNotFound, func() error {
		_, err := other.RemoveBackendServers(w.ctx, &model.RemoveBackendServersRequest{RegionId: region, LoadBalancerId: lb, BackendServers: list(a)})
		return err
	})
}

// D44 (INF: the common gateway wording). Settles: a missing LoadBalancerId or
// RegionId is MissingParameter naming it; an unknown RegionId is 404
// InvalidRegionId.NotFound.
func TestD44MissingParameters(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	a := w.classic()
	w.addRefused("", list(a), errMissingLB)
	w.refused(errMissingRegion, func() error {
		_, err := w.c.AddBackendServers(w.ctx, &model.AddBackendServersRequest{LoadBalancerId: lb, BackendServers: list(a)})
		return err
	})
	w.refused(errRegion, func() error {
		_, err := w.c.AddBackendServers(w.ctx, &model.AddBackendServersRequest{RegionId: "cn-nowhere", LoadBalancerId: lb, BackendServers: list(a)})
		return err
	})
	w.refused(errMissingRegion, func() error {
		_, err := w.c.AddBackendServers(w.ctx, nil)
		return err
	})
}

// ---------------------------------------------------------------------------
// The response.

// D50 (DOC-OLD "returns this load balancer's backend server list"; SEED
// example for the JSON shape; INF for the order). Settles: the response lists
// every backend after the call in attachment order, Weight is a JSON number,
// Description appears only when set, and ecs elements carry no ServerIp.
func TestD50ResponseShape(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	a, b, c := w.classic(), w.classic(), w.classic()
	w.mustAdd(lb, `[{"ServerId":"`+b+`","Weight":"20","Description":"bee"}]`)
	resp := w.mustAdd(lb, list(c, a))
	require.Equal(t, lb, resp.LoadBalancerId)
	require.Regexp(t, `^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`, resp.RequestId)
	require.Equal(t, []string{b, c, a}, ids(resp.BackendServers.BackendServer), "attachment order, not id order")

	raw, err := json.Marshal(resp)
	require.NoError(t, err)
	var got struct {
		LoadBalancerId string
		RequestId      string
		BackendServers struct {
			BackendServer []map[string]any
		}
	}
	require.NoError(t, json.Unmarshal(raw, &got))
	require.Equal(t, []map[string]any{
		{"ServerId": b, "Weight": float64(20), "Type": "ecs", "Description": "bee"},
		{"ServerId": c, "Weight": float64(100), "Type": "ecs"},
		{"ServerId": a, "Weight": float64(100), "Type": "ecs"},
	}, got.BackendServers.BackendServer)
	require.Equal(t, ids(resp.BackendServers.BackendServer), ids(w.backends(lb)), "Describe agrees")
}

// D51 (INF). Settles: all or nothing: when the last element fails, the
// earlier valid ones are not attached either.
func TestD51Atomicity(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	a, b := w.classic(), w.classic()
	w.addRefused(lb, list(a, b, "i-bp1doesnotexist00000"), errObtainIpFail)
	require.Empty(t, w.backends(lb))
}

// ---------------------------------------------------------------------------
// RemoveBackendServers and SetBackendServers (engine/slb_backend.go).

// D60 (INF). Settles: RemoveBackendServers ignores servers that are not
// attached (even unknown ones), answers with the remaining list in
// attachment order, and checks elements as AddBackendServers does.
func TestD60Remove(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	a, b, c := w.classic(), w.classic(), w.classic()
	w.mustAdd(lb, list(a, b, c))
	resp, err := w.remove(lb, `[{'ServerId':'`+b+`','Weight':'100', 'Type': 'ecs'},{"ServerId":"i-bp1doesnotexist00000"}]`)
	require.NoError(t, err)
	require.Equal(t, lb, resp.LoadBalancerId)
	require.Equal(t, []string{a, c}, ids(resp.BackendServers.BackendServer))

	before := w.f.State()
	resp, err = w.remove(lb, list(b))
	require.NoError(t, err, "removing a server that is not attached is not an error")
	require.Equal(t, []string{a, c}, ids(resp.BackendServers.BackendServer))
	require.Equal(t, before, w.f.State())

	w.refused(errBackendsInvalid, func() error { _, err := w.remove(lb, `[{"ServerId":"`+a+`"},{"ServerId":""}]`); return err })
	w.refused(errTooMany, func() error { _, err := w.remove(lb, elementsOf(21)); return err })
	w.refused(errLBNotFound, func() error { _, err := w.remove("lb-bp1doesnotexist0000000", list(a)); return err })

	resp, err = w.remove(lb, "")
	require.NoError(t, err)
	require.Equal(t, []string{a, c}, ids(resp.BackendServers.BackendServer))
}

// D61 (INF). Settles: an eni element without ServerIp removes every
// attachment of that ENI; with ServerIp only that one.
func TestD61RemoveENI(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.vpcLB(w.vswA, "slb.s2.small")
	eni := w.eni(w.vswA, w.inVpc(w.vswA), 2)
	id := eni.NetworkInterfaceId
	w.mustAdd(lb, `[{"ServerId":"`+id+`","Type":"eni"},{"ServerId":"`+id+`","Type":"eni","ServerIp":"`+eni.SecondaryIps[0]+`"},{"ServerId":"`+id+`","Type":"eni","ServerIp":"`+eni.SecondaryIps[1]+`"}]`)
	resp, err := w.remove(lb, `[{"ServerId":"`+id+`","Type":"eni","ServerIp":"`+eni.SecondaryIps[0]+`"}]`)
	require.NoError(t, err)
	require.Len(t, resp.BackendServers.BackendServer, 2)
	resp, err = w.remove(lb, `[{"ServerId":"`+id+`","Type":"eni"}]`)
	require.NoError(t, err)
	require.Empty(t, resp.BackendServers.BackendServer)
}

// D62 (INF). Settles: SetBackendServers changes the weight (and description)
// of attached servers, keeps the weight of elements without one, never
// attaches, and refuses an unattached server with InvalidParameter, applying
// nothing of the call.
func TestD62Set(t *testing.T) {
	t.Parallel()
	w := twoVpcWorld(t)
	lb := w.internetLB()
	a, b, unattached := w.classic(), w.classic(), w.classic()
	w.mustAdd(lb, `[{"ServerId":"`+a+`","Weight":10},{"ServerId":"`+b+`","Weight":20,"Description":"old"}]`)

	resp, err := w.set(lb, `[{'ServerId':'`+a+`','Weight':'55'},{"ServerId":"`+b+`","Description":"new"}]`)
	require.NoError(t, err)
	require.Equal(t, []model.BackendServerView{
		{ServerId: a, Weight: 55, Type: "ecs"},
		{ServerId: b, Weight: 20, Type: "ecs", Description: "new"},
	}, resp.BackendServers.BackendServer)

	w.refused(errBackendsInvalid, func() error {
		_, err := w.set(lb, `[{"ServerId":"`+a+`","Weight":1},{"ServerId":"`+unattached+`","Weight":1}]`)
		return err
	})
	w.refused(errBackendsInvalid, func() error { _, err := w.set(lb, `[{"ServerId":"`+a+`","Weight":101}]`); return err })
	w.refused(errBackendsInvalid, func() error { _, err := w.set(lb, `[{"ServerId":"`+a+`","Type":"eni","Weight":1}]`); return err })

	resp, err = w.set(lb, `[{"ServerId":"`+a+`","Weight":0},{"ServerId":"`+a+`","Weight":99}]`)
	require.NoError(t, err)
	require.Equal(t, 0, resp.BackendServers.BackendServer[0].Weight, "the first duplicate wins in Set too")
	require.Len(t, w.backends(lb), 2, "Set never attaches")
}

// elementsOf renders n valid-looking ecs elements of servers that need not
// exist.
func elementsOf(n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("i-bp1fake%012d", i)
	}
	return list(out...)
}
