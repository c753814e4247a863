package slbrapid

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"pgregory.net/rapid"
)

var groupTestIds = []string{"i-bp100000000000000001", "i-bp100000000000000002", "i-bp100000000000000003", "eni-bp10000000000000000001"}

// TestGroupBackendServersParse: valid group strings parse, name only the
// given IDs and ports, and an eni ID has Type eni.
func TestGroupBackendServersParse(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ids := rapid.SliceOfN(rapid.SampledFrom(groupTestIds), 0, 4).Draw(t, "ids")
		ports := rapid.SliceOfN(rapid.IntRange(1, 65535), 0, 3).Draw(t, "ports")
		s := GroupBackendServers(ids, ports).Draw(t, "backendServers")
		specs, e := model.ParseGroupBackendServers(s)
		if e != nil {
			t.Fatalf("%q: %v", s, e)
		}
		if len(ids) == 0 && len(specs) != 0 {
			t.Fatalf("%q: elements without IDs", s)
		}
		for _, sp := range specs {
			if !slices.Contains(ids, sp.ServerId) {
				t.Fatalf("%q names %s, not in %v", s, sp.ServerId, ids)
			}
			if len(ports) > 0 && !slices.Contains(ports, sp.Port) {
				t.Fatalf("%q: port %d, not in %v", s, sp.Port, ports)
			}
			if strings.HasPrefix(sp.ServerId, "eni-") != (sp.Type == model.ServerENI) {
				t.Fatalf("%q: %s has Type %s", s, sp.ServerId, sp.Type)
			}
		}
	})
}

// TestMalformedGroupBackendServers: malformed group strings never parse as
// group strings, with one of the codes the parser gives.
func TestMalformedGroupBackendServers(t *testing.T) {
	var badPort int
	rapid.Check(t, func(t *rapid.T) {
		s := MalformedGroupBackendServers().Draw(t, "malformed")
		specs, e := model.ParseGroupBackendServers(s)
		if e == nil {
			t.Fatalf("%q parsed: %+v", s, specs)
		}
		switch {
		case e.Is(model.ErrInvalidPort()):
			badPort++
		case e.Is(model.ErrTooManyGroupBackendServers()), e.Is(model.ErrTooManyBackendServers()),
			e.Is(model.ErrBackendServersInvalid()), e.Is(model.ErrInvalidParameterLength()):
		default:
			t.Fatalf("%q: unexpected error %v", s, e)
		}
	})
	if badPort == 0 {
		t.Error("no malformed string had a bad Port")
	}
}

// TestCloudControllerBackendServers: the cloud controller's form parses,
// names only the given IDs and ports with the drawn weights, and adds to a
// vServer group of the fake.
func TestCloudControllerBackendServers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ids := []string{ID(model.PrefixInstance, "cn-hangzhou", 0), ID(model.PrefixInstance, "cn-hangzhou", 1)}
		ports := []int{30080, 30443}
		s := CloudControllerBackendServers(ids, ports).Draw(t, "ccm")
		for _, key := range []string{`"IsUserManaged":`, `"NodeName":`, `"TargetRef":`, `"serverId":`, `"port":`} {
			if !strings.Contains(s, key) {
				t.Fatalf("%q lacks %s", s, key)
			}
		}
		specs, e := model.ParseGroupBackendServers(s)
		if e != nil {
			t.Fatalf("%q: %v", s, e)
		}
		for _, sp := range specs {
			if !slices.Contains(ids, sp.ServerId) || !slices.Contains(ports, sp.Port) || !sp.WeightSet {
				t.Fatalf("%q: element %+v", s, sp)
			}
		}
		f := fake.New(fake.WithBackendQuota(100))
		for _, id := range ids {
			if _, err := f.PutInstance(model.Instance{InstanceId: id}); err != nil {
				t.Fatal(err)
			}
		}
		lb, err := f.PutLoadBalancer(model.LoadBalancer{LoadBalancerId: ID(model.PrefixLoadBalancer, "cn-hangzhou", 0)})
		if err != nil {
			t.Fatal(err)
		}
		resp, err := f.Client().CreateVServerGroup(context.Background(), &model.CreateVServerGroupRequest{
			RegionId: "cn-hangzhou", LoadBalancerId: lb.LoadBalancerId, BackendServers: s})
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		distinct := map[[2]any]bool{}
		for _, sp := range specs {
			distinct[[2]any{sp.ServerId, sp.Port}] = true
		}
		if got := len(resp.BackendServers.BackendServer); got != len(distinct) {
			t.Fatalf("%q: %d members, want %d", s, got, len(distinct))
		}
	})
}
