package service

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/slbfake/slbfake/model"
)

// Member is one member of a vServer group, as the diff sees it.
type Member struct {
	ServerId string
	Port     int
	Weight   int
	// Type is ecs for the desired members; a member to remove keeps the
	// type it has, and an eni or eci member its ServerIp.
	Type     string
	ServerIp string
}

func (m Member) key() model.GroupKey {
	k := model.GroupKey{ServerId: m.ServerId, Port: m.Port}
	if m.Type != string(model.ServerECS) {
		k.ServerIp = m.ServerIp
	}
	return k
}

// MemberPlan is what the member diff says to send, each list in batches:
// RemoveVServerGroupBackendServers, AddVServerGroupBackendServers, then
// SetVServerGroupAttribute for the weights (removing first frees quota for
// the adds).
type MemberPlan struct {
	Remove, Add, Set [][]Member
}

// Empty reports whether the group is already as desired.
func (p MemberPlan) Empty() bool { return len(p.Remove)+len(p.Add)+len(p.Set) == 0 }

// DiffMembers compares a group's members (DescribeVServerGroupAttribute's
// list) with the desired ones: the Running nodes on nodePort with weight.
// Members are told apart by (ServerId, Port), and ServerIp for eni and eci
// members. Every member that is not a desired ecs member is removed; every
// desired one missing is added; every one whose weight differs is set.
// Each list is sorted by ServerId, Port and ServerIp, and cut in batches of
// batchSize (40 when not in 1..40).
func DiffMembers(current []model.GroupBackendServerView, running []string, nodePort, weight, batchSize int) MemberPlan {
	if batchSize <= 0 || batchSize > model.MaxGroupBackendServersPerCall {
		batchSize = model.MaxGroupBackendServersPerCall
	}
	desired := map[model.GroupKey]Member{}
	for _, id := range running {
		m := Member{ServerId: id, Port: nodePort, Weight: weight, Type: string(model.ServerECS)}
		desired[m.key()] = m
	}
	var remove, add, set []Member
	seen := map[model.GroupKey]bool{}
	for _, b := range current {
		m := Member{ServerId: b.ServerId, Port: b.Port, Weight: b.Weight, Type: cmp.Or(b.Type, string(model.ServerECS)), ServerIp: b.ServerIp}
		want, ok := desired[m.key()]
		switch {
		case !ok:
			remove = append(remove, m)
		case m.Weight != want.Weight:
			set = append(set, want)
		}
		seen[m.key()] = true
	}
	for k, m := range desired {
		if !seen[k] {
			add = append(add, m)
		}
	}
	order := func(a, b Member) int {
		return cmp.Or(cmp.Compare(a.ServerId, b.ServerId), cmp.Compare(a.Port, b.Port), cmp.Compare(a.ServerIp, b.ServerIp))
	}
	for _, l := range [][]Member{remove, add, set} {
		slices.SortFunc(l, order)
	}
	return MemberPlan{Remove: chunks(remove, batchSize), Add: chunks(add, batchSize), Set: chunks(set, batchSize)}
}

func chunks(l []Member, size int) [][]Member {
	return slices.Collect(slices.Chunk(l, size))
}

// wireMember is a BackendServers element in the shape the Kubernetes cloud
// controller marshals its backends: lower-case keys for the fields the API
// reads, and its own fields beside them (NodeName, TargetRef, IsUserManaged,
// Invalid), which the API ignores. serverIp is always sent, empty for ecs
// members.
type wireMember struct {
	ServerId      string  `json:"serverId"`
	ServerIp      string  `json:"serverIp"`
	Port          int     `json:"port"`
	Weight        int     `json:"weight"`
	Type          string  `json:"type"`
	Description   string  `json:"description"`
	NodeName      *string `json:"NodeName"`
	TargetRef     *struct{}
	IsUserManaged bool
	Invalid       bool
}

// EncodeMembers renders a batch as the BackendServers parameter, each
// member described by description (the group's name: a description must be
// 1..80 characters of the group name's alphabet).
func EncodeMembers(batch []Member, description string) string {
	els := make([]wireMember, len(batch))
	for i, m := range batch {
		els[i] = wireMember{ServerId: m.ServerId, ServerIp: m.ServerIp, Port: m.Port, Weight: m.Weight, Type: m.Type, Description: description}
	}
	b, err := json.Marshal(els)
	if err != nil {
		panic(err) // strings, ints and nil pointers always marshal
	}
	return string(b)
}

// ensureGroup returns the ID of the LB's vServer group named
// svc.GroupName, creating it (with no members) when DescribeVServerGroups
// lists none. Should several groups have the name, the first created is
// the Service's (the controller never makes a second: it lists before it
// creates, after every failure too).
func (c *Controller) ensureGroup(s *session, lb string, svc Service) (string, error) {
	name := svc.GroupName(c.ClusterID)
	var id string
	err := s.read("DescribeVServerGroups", func(ctx context.Context) error {
		resp, err := c.API.DescribeVServerGroups(ctx, &model.DescribeVServerGroupsRequest{RegionId: c.Region, LoadBalancerId: lb})
		if err != nil {
			return gone(err)
		}
		for _, g := range resp.VServerGroups.VServerGroup {
			if g.VServerGroupName == name {
				id = g.VServerGroupId
				break
			}
		}
		return nil
	})
	if err != nil || id != "" {
		return id, err
	}
	err = s.change("CreateVServerGroup", lb, func(ctx context.Context) error {
		resp, err := c.API.CreateVServerGroup(ctx, &model.CreateVServerGroupRequest{RegionId: c.Region, LoadBalancerId: lb, VServerGroupName: name})
		if err != nil {
			return gone(err)
		}
		id = resp.VServerGroupId
		return nil
	})
	return id, err
}

// ensureMembers reads the group's members and sends the member plan.
func (c *Controller) ensureMembers(s *session, group string, svc Service, running []string) error {
	var current []model.GroupBackendServerView
	err := s.read("DescribeVServerGroupAttribute", func(ctx context.Context) error {
		resp, err := c.API.DescribeVServerGroupAttribute(ctx, &model.DescribeVServerGroupAttributeRequest{RegionId: c.Region, VServerGroupId: group})
		if err != nil {
			return err
		}
		current = resp.BackendServers.BackendServer
		return nil
	})
	if err != nil {
		return err
	}
	plan := DiffMembers(current, running, svc.NodePort, svc.weight(), s.opts.BatchSize)
	description := svc.GroupName(c.ClusterID)
	steps := []struct {
		action  string
		batches [][]Member
		call    func(context.Context, string) error
	}{
		{"RemoveVServerGroupBackendServers", plan.Remove, func(ctx context.Context, servers string) error {
			_, err := c.API.RemoveVServerGroupBackendServers(ctx, &model.RemoveVServerGroupBackendServersRequest{RegionId: c.Region, VServerGroupId: group, BackendServers: servers})
			return err
		}},
		{"AddVServerGroupBackendServers", plan.Add, func(ctx context.Context, servers string) error {
			_, err := c.API.AddVServerGroupBackendServers(ctx, &model.AddVServerGroupBackendServersRequest{RegionId: c.Region, VServerGroupId: group, BackendServers: servers})
			return err
		}},
		{"SetVServerGroupAttribute", plan.Set, func(ctx context.Context, servers string) error {
			_, err := c.API.SetVServerGroupAttribute(ctx, &model.SetVServerGroupAttributeRequest{RegionId: c.Region, VServerGroupId: group, BackendServers: servers})
			return err
		}},
	}
	for _, step := range steps {
		for i, batch := range step.batches {
			op := fmt.Sprintf("%s (call %d of %d, %d members)", step.action, i+1, len(step.batches), len(batch))
			servers := EncodeMembers(batch, description)
			if err := s.change(op, group+servers, func(ctx context.Context) error { return step.call(ctx, servers) }); err != nil {
				return err
			}
		}
	}
	return nil
}
