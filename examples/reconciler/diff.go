package reconciler

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/slbfake/slbfake/model"
)

// Server is one element of a BackendServers parameter.
type Server struct {
	ServerId string
	// Type is ecs for the desired servers; a backend to remove keeps the
	// type it has (eni backends are removed by ServerId and ServerIp).
	Type     model.ServerType
	ServerIp string
	// Weight is sent by Add and Set, not by Remove.
	Weight int
}

// Plan is what a diff says to send: the batches of RemoveBackendServers,
// AddBackendServers and SetBackendServers, in that order (Terraform's
// order: removing first frees quota for the adds).
type Plan struct {
	Remove, Add, Set [][]Server
}

// Empty reports whether the LB is already as desired.
func (p Plan) Empty() bool { return p.Size() == 0 }

// Size is the number of servers the plan changes.
func (p Plan) Size() int {
	n := 0
	for _, batches := range [][][]Server{p.Remove, p.Add, p.Set} {
		for _, b := range batches {
			n += len(b)
		}
	}
	return n
}

// Calls is the number of calls the plan makes.
func (p Plan) Calls() int { return len(p.Remove) + len(p.Add) + len(p.Set) }

// Diff compares the backends an LB has (DescribeLoadBalancerAttribute's
// list) with the desired ECS servers (ID -> weight) and batches the
// differences, at most batchSize servers a call (20 when batchSize is not in
// 1..20). Every backend that is not a desired ecs server is removed; every
// desired server not attached is added with its weight; every attached one
// whose weight differs is set. Servers are sorted by ID, so that the same
// inputs give the same calls.
func Diff(current []model.BackendServerView, desired map[string]int, batchSize int) Plan {
	if batchSize <= 0 || batchSize > model.MaxBackendServersPerCall {
		batchSize = model.MaxBackendServersPerCall
	}
	var remove, add, set []Server
	attached := make(map[string]bool, len(current))
	for _, b := range current {
		typ := model.ServerType(b.Type)
		if typ == "" {
			typ = model.ServerECS
		}
		w, want := desired[b.ServerId]
		switch {
		case typ != model.ServerECS || !want:
			s := Server{ServerId: b.ServerId, Type: typ}
			if typ != model.ServerECS {
				s.ServerIp = b.ServerIp
			}
			remove = append(remove, s)
		case b.Weight != w:
			attached[b.ServerId] = true
			set = append(set, Server{ServerId: b.ServerId, Type: model.ServerECS, Weight: w})
		default:
			attached[b.ServerId] = true
		}
	}
	for id, w := range desired {
		if !attached[id] {
			add = append(add, Server{ServerId: id, Type: model.ServerECS, Weight: w})
		}
	}
	byID := func(a, b Server) int {
		return cmp.Or(cmp.Compare(a.ServerId, b.ServerId), cmp.Compare(a.ServerIp, b.ServerIp))
	}
	for _, l := range [][]Server{remove, add, set} {
		slices.SortFunc(l, byID)
	}
	return Plan{Remove: batches(remove, batchSize), Add: batches(add, batchSize), Set: batches(set, batchSize)}
}

func batches(l []Server, size int) [][]Server {
	var out [][]Server
	for len(l) > 0 {
		n := min(size, len(l))
		out = append(out, l[:n:n])
		l = l[n:]
	}
	return out
}

// element is a BackendServers element as the SDK and Terraform send it:
// Weight as a string.
type element struct {
	ServerId string
	Type     string `json:",omitempty"`
	ServerIp string `json:",omitempty"`
	Weight   string `json:",omitempty"`
}

// encode renders a batch as the BackendServers parameter; withWeight is
// false for RemoveBackendServers.
func encode(batch []Server, withWeight bool) string {
	els := make([]element, len(batch))
	for i, s := range batch {
		els[i] = element{ServerId: s.ServerId, Type: string(s.Type), ServerIp: s.ServerIp}
		if withWeight {
			els[i].Weight = strconv.Itoa(s.Weight)
		}
	}
	b, err := json.Marshal(els)
	if err != nil {
		panic(err) // strings and ints always marshal
	}
	return string(b)
}

// callError is the failure of one call of a plan.
type callError struct {
	op  string
	err error
}

// step is one call of a plan.
type step struct {
	action string
	batch  []Server
	call   func(context.Context, *model.AddBackendServersRequest) (*model.BackendServersResponse, error)
}

// steps lists the plan's calls in order, each with its request.
func (p Plan) steps(api BackendAPI) []step {
	var out []step
	for _, b := range p.Remove {
		out = append(out, step{"RemoveBackendServers", b, api.RemoveBackendServers})
	}
	for _, b := range p.Add {
		out = append(out, step{"AddBackendServers", b, api.AddBackendServers})
	}
	for _, b := range p.Set {
		out = append(out, step{"SetBackendServers", b, api.SetBackendServers})
	}
	return out
}

func (s step) request(lbID, region string) *model.AddBackendServersRequest {
	return &model.AddBackendServersRequest{RegionId: region, LoadBalancerId: lbID,
		BackendServers: encode(s.batch, s.action != "RemoveBackendServers")}
}

func (s step) name(i, n int) string {
	return fmt.Sprintf("%s (call %d of %d, %d servers)", s.action, i+1, n, len(s.batch))
}

// apply sends the plan's calls in order and stops at the first failure.
func (p Plan) apply(ctx context.Context, api BackendAPI, lbID, region string) *callError {
	steps := p.steps(api)
	for i, s := range steps {
		if _, err := s.call(ctx, s.request(lbID, region)); err != nil {
			return &callError{op: s.name(i, len(steps)), err: err}
		}
	}
	return nil
}
