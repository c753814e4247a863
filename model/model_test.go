package model_test

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// ---------------------------------------------------------------------------
// network.go: the attachment matrix (the README's fidelity table, AddBackendServers).

func TestCheckECSNetworkMatrix(t *testing.T) {
	t.Parallel()
	const lbVpc, otherVpc = "vpc-lb", "vpc-other"
	type combo struct {
		addr    model.AddressType
		lbNet   model.NetworkType
		instNet model.NetworkType
		sameVpc bool
	}
	// allowed lists the combinations the matrix accepts; every other one is
	// refused with the network-type error of the AddBackendServers reference page.
	allowed := map[combo]bool{
		// internet LB: classic and VPC instances, any VPC (the one-VPC rule is
		// the engine's Inconsistent check, not the matrix).
		{model.AddressInternet, model.NetworkClassic, model.NetworkClassic, true}:  true,
		{model.AddressInternet, model.NetworkClassic, model.NetworkClassic, false}: true,
		{model.AddressInternet, model.NetworkClassic, model.NetworkVPC, true}:      true,
		{model.AddressInternet, model.NetworkClassic, model.NetworkVPC, false}:     true,
		// An internet LB reports NetworkType classic; should a record ever say
		// vpc, the address type still decides.
		{model.AddressInternet, model.NetworkVPC, model.NetworkClassic, true}:  true,
		{model.AddressInternet, model.NetworkVPC, model.NetworkClassic, false}: true,
		{model.AddressInternet, model.NetworkVPC, model.NetworkVPC, true}:      true,
		{model.AddressInternet, model.NetworkVPC, model.NetworkVPC, false}:     true,
		// intranet classic LB: classic instances only.
		{model.AddressIntranet, model.NetworkClassic, model.NetworkClassic, true}:  true,
		{model.AddressIntranet, model.NetworkClassic, model.NetworkClassic, false}: true,
		// intranet VPC LB: VPC instances of the LB's VPC only.
		{model.AddressIntranet, model.NetworkVPC, model.NetworkVPC, true}: true,
	}
	n := 0
	for _, addr := range []model.AddressType{model.AddressInternet, model.AddressIntranet} {
		for _, lbNet := range []model.NetworkType{model.NetworkClassic, model.NetworkVPC} {
			for _, instNet := range []model.NetworkType{model.NetworkClassic, model.NetworkVPC} {
				for _, same := range []bool{true, false} {
					c := combo{addr, lbNet, instNet, same}
					name := fmt.Sprintf("%s-%s-LB/%s-instance/sameVpc=%v", addr, lbNet, instNet, same)
					t.Run(name, func(t *testing.T) {
						t.Parallel()
						lb := &model.LoadBalancer{AddressType: addr, NetworkType: lbNet}
						if lbNet == model.NetworkVPC {
							lb.VpcId = lbVpc
						}
						inst := &model.Instance{NetworkType: instNet}
						if instNet == model.NetworkVPC {
							inst.VpcId = otherVpc
							if same {
								inst.VpcId = lbVpc
							}
						}
						e := model.CheckECSNetwork(lb, inst)
						if allowed[c] {
							require.Nil(t, e)
							return
						}
						require.NotNil(t, e)
						require.Equal(t, http.StatusBadRequest, e.HTTPStatus)
						require.Equal(t, model.Code("InvalidParameter"), e.Code)
						require.Equal(t, "The specified load balancer does not support the network type of the ECS instance.", e.Message)
					})
					n++
				}
			}
		}
	}
	require.Equal(t, 16, n)
}

func TestNetworkDomain(t *testing.T) {
	t.Parallel()
	require.Equal(t, "classic", model.NetworkDomain(model.NetworkClassic, ""))
	require.Equal(t, "classic", model.NetworkDomain(model.NetworkClassic, "vpc-a"), "a classic server has no VPC")
	require.Equal(t, "vpc-a", model.NetworkDomain(model.NetworkVPC, "vpc-a"))
	require.NotEqual(t, model.NetworkDomain(model.NetworkVPC, "vpc-a"), model.NetworkDomain(model.NetworkVPC, "vpc-b"))
}

func TestSupportsENIBackends(t *testing.T) {
	t.Parallel()
	cases := []struct {
		lb   model.LoadBalancer
		want bool
	}{
		{model.LoadBalancer{AddressType: model.AddressIntranet, NetworkType: model.NetworkVPC, VpcId: "vpc-a", LoadBalancerSpec: "slb.s1.small"}, true},
		{model.LoadBalancer{AddressType: model.AddressIntranet, NetworkType: model.NetworkVPC, VpcId: "vpc-a"}, false},
		{model.LoadBalancer{AddressType: model.AddressIntranet, NetworkType: model.NetworkClassic, LoadBalancerSpec: "slb.s1.small"}, false},
		{model.LoadBalancer{AddressType: model.AddressInternet, NetworkType: model.NetworkClassic, LoadBalancerSpec: "slb.s1.small"}, false},
		{model.LoadBalancer{AddressType: model.AddressInternet, NetworkType: model.NetworkClassic}, false},
	}
	for _, tc := range cases {
		require.Equal(t, tc.want, model.SupportsENIBackends(&tc.lb), "%+v", tc.lb)
	}
}

// ---------------------------------------------------------------------------
// lifecycle.go: NextStatus for every status x action x force.

func TestNextStatusEveryCombination(t *testing.T) {
	t.Parallel()
	type key struct {
		from   model.InstanceStatus
		action model.InstanceAction
	}
	// allowed maps the transitions allowed without force to their result.
	allowed := map[key]model.InstanceStatus{
		{model.StatusStopped, model.ActionStart}:  model.StatusRunning,
		{model.StatusRunning, model.ActionStop}:   model.StatusStopped,
		{model.StatusStopped, model.ActionDelete}: model.StatusStopped,
	}
	actions := []model.InstanceAction{model.ActionStart, model.ActionStop, model.ActionDelete}
	n := 0
	for _, from := range model.InstanceStatuses() {
		for _, action := range actions {
			for _, force := range []bool{false, true} {
				n++
				got, e := model.NextStatus(from, action, force)
				want, ok := allowed[key{from, action}]
				if action == model.ActionDelete && force {
					// Force deletes from any status; the status returned is meaningless.
					ok, want = true, from
				}
				if ok {
					require.Nil(t, e, "%s %s force=%v", from, action, force)
					require.Equal(t, want, got, "%s %s force=%v", from, action, force)
					continue
				}
				require.NotNil(t, e, "%s %s force=%v", from, action, force)
				require.Equal(t, from, got, "a refused action leaves the status")
				require.Equal(t, http.StatusForbidden, e.HTTPStatus)
				require.Equal(t, model.Code("IncorrectInstanceStatus"), e.Code)
				require.Equal(t, "The current status of the resource does not support this operation.", e.Message)
			}
		}
	}
	require.Equal(t, 5*3*2, n)

	_, e := model.NextStatus(model.StatusRunning, model.InstanceAction("RebootInstance"), true)
	require.NotNil(t, e, "an unknown action is refused")
	require.Equal(t, model.Code("IncorrectInstanceStatus"), e.Code)
}

func TestAcceptsBackend(t *testing.T) {
	t.Parallel()
	for _, s := range model.InstanceStatuses() {
		require.Equal(t, s == model.StatusRunning, s.AcceptsBackend(), "%s", s)
		require.True(t, s.Valid())
	}
	require.False(t, model.InstanceStatus("Deleted").Valid())
	require.False(t, model.InstanceStatus("running").Valid(), "statuses are case-sensitive")
}

// ---------------------------------------------------------------------------
// ids.go.

const requestIDPattern = `^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`

func drawAll(s *model.IDSource) []string {
	var out []string
	for _, p := range []string{model.PrefixInstance, model.PrefixLoadBalancer, model.PrefixVpc, model.PrefixVSwitch,
		model.PrefixENI, model.PrefixVRouter, model.PrefixRouteTable, model.PrefixSecGroup} {
		out = append(out, s.NewID(p, ""), s.NewID(p, "bp1"))
	}
	out = append(out, s.RequestID(), s.RequestID(), fmt.Sprint(s.Pick(1000)))
	return out
}

func TestIDSourceDeterministic(t *testing.T) {
	t.Parallel()
	a := drawAll(model.NewIDSource(42))
	b := drawAll(model.NewIDSource(42))
	c := drawAll(model.NewIDSource(43))
	require.Equal(t, a, b, "same seed, same IDs")
	require.NotEqual(t, a, c, "another seed, other IDs")
	seen := map[string]bool{}
	for _, id := range a[:len(a)-1] {
		require.False(t, seen[id], "duplicate %s", id)
		seen[id] = true
	}
}

func TestIDFormats(t *testing.T) {
	t.Parallel()
	s := model.NewIDSource(1)
	cases := []struct {
		prefix string
		body   int
	}{
		{model.PrefixInstance, 20},
		{model.PrefixLoadBalancer, 21},
		{model.PrefixVpc, 21},
		{model.PrefixVSwitch, 21},
		{model.PrefixENI, 22},
		{model.PrefixVRouter, 21},
		{model.PrefixRouteTable, 21},
		{model.PrefixSecGroup, 20},
	}
	require.Equal(t, "i-", model.PrefixInstance)
	require.Equal(t, "lb-", model.PrefixLoadBalancer)
	require.Equal(t, "vpc-", model.PrefixVpc)
	require.Equal(t, "vsw-", model.PrefixVSwitch)
	require.Equal(t, "eni-", model.PrefixENI)
	require.Equal(t, "vrt-", model.PrefixVRouter)
	require.Equal(t, "vtb-", model.PrefixRouteTable)
	require.Equal(t, "sg-", model.PrefixSecGroup)
	for _, tc := range cases {
		plain := regexp.MustCompile(fmt.Sprintf(`^%s[0-9a-z]{%d}$`, regexp.QuoteMeta(tc.prefix), tc.body))
		regional := regexp.MustCompile(fmt.Sprintf(`^%s2ze[0-9a-z]{%d}$`, regexp.QuoteMeta(tc.prefix), tc.body-3))
		for i := 0; i < 50; i++ {
			require.Regexp(t, plain, s.NewID(tc.prefix, ""))
			require.Regexp(t, regional, s.NewID(tc.prefix, "2ze"))
		}
	}
	for i := 0; i < 200; i++ {
		id := s.RequestID()
		require.Regexp(t, requestIDPattern, id)
		require.Equal(t, byte('4'), id[14], "version 4: %s", id)
		require.Contains(t, "89AB", string(id[19]), "RFC 4122 variant: %s", id)
	}
	for i := 0; i < 200; i++ {
		p := s.Pick(7)
		require.GreaterOrEqual(t, p, 0)
		require.Less(t, p, 7)
	}
}

func TestIDSourceConcurrent(t *testing.T) {
	t.Parallel()
	s := model.NewIDSource(9)
	const workers, each = 8, 200
	ids := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range each {
				ids[w] = append(ids[w], s.NewID(model.PrefixInstance, ""), s.RequestID())
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, list := range ids {
		for _, id := range list {
			require.False(t, seen[id], "duplicate %s", id)
			seen[id] = true
		}
	}
	require.Len(t, seen, workers*each*2)
}

// ---------------------------------------------------------------------------
// errors.go: the catalogue and the error type.

func TestErrorCatalogue(t *testing.T) {
	t.Parallel()
	names := map[string]bool{}
	texts := map[string]string{}
	for _, c := range model.Catalogue() {
		require.NotEmpty(t, c.Name)
		require.False(t, names[c.Name], "entry %s twice", c.Name)
		names[c.Name] = true
		require.NotEmpty(t, c.Code)
		require.NotEmpty(t, c.Message)
		require.Contains(t, []int{400, 403, 404, 409, 500, 503}, c.HTTPStatus, c.Code)
		require.Regexp(t, `^(DOC|CODE|INF)(/(DOC|CODE|INF))?$`, c.Source, c.Code)
		require.NotEmpty(t, c.When, c.Code)
		// Two entries with one code must differ in their message, or a
		// reader of the wire could not tell them apart either.
		text := string(c.Code) + "|" + c.Message
		require.Empty(t, texts[text], "%s and %s answer the same", texts[text], c.Name)
		texts[text] = c.Name
		got, ok := model.LookupEntry(c.Name)
		require.True(t, ok)
		require.Equal(t, c, got)
		require.Contains(t, model.EntriesWithCode(c.Code), c)
	}
	_, ok := model.LookupEntry("NoSuchEntry")
	require.False(t, ok)
	require.Len(t, model.EntriesWithCode(model.CodeInvalidParameter), 9)
	require.Equal(t, strconv.Itoa(model.MaxBackendServersPerCall), strings.TrimPrefix(model.ErrTooManyBackendServers().Message,
		"The total number of input real servers exceeds max supported number: "))

	e := model.ErrMissingParameter("LoadBalancerId")
	require.Equal(t, `The input parameter "LoadBalancerId" that is mandatory for processing this request is not supplied.`, e.Message)
	require.Equal(t, "MissingParameter", e.Entry())
	e = model.ErrIncorrectNetworkInterfaceStatus("Available", "InUse")
	require.Equal(t, `The operation is not allowed in the current ENI state. Expecting status is "Available" while current status is "InUse".`, e.Message)
}

// TestErrorConstructorsMatchTheirEntries builds every entry through
// NewFromEntry and checks that its status, code and filled message are the
// entry's, so that a constructor cannot drift from the table.
func TestErrorConstructorsMatchTheirEntries(t *testing.T) {
	t.Parallel()
	for _, c := range model.Catalogue() {
		args := make([]string, len(c.Params()))
		for i, p := range c.Params() {
			args[i] = "<" + p + ">"
		}
		e, err := model.NewFromEntry(c.Name, args...)
		require.NoError(t, err, c.Name)
		require.Equal(t, c.HTTPStatus, e.HTTPStatus)
		require.Equal(t, c.Code, e.Code)
		require.Equal(t, c.Name, e.Entry())
		require.NotContains(t, e.Message, "{", "%s: placeholder left in %q", c.Name, e.Message)
		for _, a := range args {
			require.Contains(t, e.Message, a)
		}
		if len(args) > 0 {
			_, err := model.NewFromEntry(c.Name)
			require.Error(t, err, "%s without its parameters", c.Name)
		}
	}
	_, err := model.NewFromEntry("NoSuchEntry")
	require.Error(t, err)
}

// TestErrorsIsTellsEntriesApart: entries that share a code are different
// errors; the same entry with other parameters is the same error.
func TestErrorsIsTellsEntriesApart(t *testing.T) {
	t.Parallel()
	attached, network := model.ErrBackendServersInvalid(), model.ErrNetworkTypeUnsupported()
	require.Equal(t, attached.Code, network.Code)
	require.NotErrorIs(t, attached, network)
	require.NotErrorIs(t, network, attached)
	require.ErrorIs(t, model.ErrInvalidParameterValue("A"), model.ErrInvalidParameterValue("B"))
	require.NotErrorIs(t, model.ErrInvalidParameterValue("A"), attached)
	own := model.NewError(400, model.CodeInvalidParameter, "The specified BackendServers is invalid.")
	require.NotErrorIs(t, own, attached, "an error outside the catalogue is not its entry")
	require.ErrorIs(t, own, model.NewError(400, model.CodeInvalidParameter, "The specified BackendServers is invalid."))
	require.Empty(t, own.Entry())
	cause := errors.New("context canceled")
	wrapped := model.ErrServiceUnavailable().WithCause(cause)
	require.ErrorIs(t, wrapped, cause)
	require.ErrorIs(t, wrapped, model.ErrServiceUnavailable())
}

func TestErrorWithRequestId(t *testing.T) {
	t.Parallel()
	base := model.ErrObtainIpFail()
	e := base.WithRequestId("34B82C81-F13B-4EEB-99F6-A048C67CC830")
	require.Empty(t, base.RequestId, "WithRequestId copies")
	require.Equal(t, "34B82C81-F13B-4EEB-99F6-A048C67CC830", e.RequestId)
	require.ErrorIs(t, e, model.ErrObtainIpFail())
	require.NotErrorIs(t, e, model.ErrBackendServerQuota())
	require.Contains(t, e.Error(), "ErrorCode: ObtainIpFail")
	require.Contains(t, e.Error(), "RequestId: 34B82C81-F13B-4EEB-99F6-A048C67CC830")
}
