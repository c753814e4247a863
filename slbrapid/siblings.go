package slbrapid

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"pgregory.net/rapid"
)

// An LB's siblings: its vServer groups, listeners, tags and protection.
// They are drawn with the LB, built through the fake's client after the LB
// and before its backends, and printed in the same order by GoString.

// VServerGroupSpec is a vServer group of an LB. Its ID is drawn by the fake
// when Build creates it: Built.VServerGroups reports it.
type VServerGroupSpec struct {
	// Name is the VServerGroupName; empty sends none.
	Name    string
	Members []MemberSpec
	Tags    []model.Tag
}

// MemberSpec is one member of a vServer group: a server on a port.
type MemberSpec struct {
	ServerId string
	Type     model.ServerType
	Port     int
	Weight   int
}

// ListenerSpec is a listener of an LB. It forwards to the LB's
// VServerGroup-th group (counted from 1) when VServerGroup is set, else to
// the default server group on BackendPort.
type ListenerSpec struct {
	Protocol     model.ListenerProtocol
	Port         int
	VServerGroup int
	BackendPort  int
	// Running starts the listener (StartLoadBalancerListener); a new one is
	// stopped.
	Running bool
	Tags    []model.Tag
}

// ListenerID is a listener's tag resource ID, <lb>_<protocol>_<port>, the
// ResourceId TagResources and ListTagResources take for it.
func ListenerID(lb string, protocol model.ListenerProtocol, port int) string {
	return lb + "_" + string(protocol) + "_" + strconv.Itoa(port)
}

// listenerCertificate is the ServerCertificateId of the HTTPS listeners
// Build creates: the fake keeps it as an opaque string.
const listenerCertificate = "slbrapid-certificate"

// The values siblings are drawn from. Group names and tags include the
// shapes the Kubernetes cloud controller writes.
var (
	groupNames    = []string{"", "web", "k8s/80/nginx/default/c1", "api_v2", "后端组"}
	memberPorts   = []int{80, 8080, 30080, 443}
	listenerPorts = []int{80, 443, 8080, 53, 6443}
	tagKeys       = []string{"env", "team", "ack.aliyun.com", "kubernetes.do.not.delete", "app.kubernetes.io/name"}
	tagValues     = []string{"prod", "dev", "", "c4f2a1b9", "nginx"}
	reasons       = []string{"Managed instance", "ack"}
)

// memberCount is how many vServer group members the LB starts with.
func (lb LoadBalancerSpec) memberCount() int {
	n := 0
	for _, g := range lb.VServerGroups {
		n += len(g.Members)
	}
	return n
}

// drawSiblings draws the LB's groups, listeners, tags and protection.
// domain is the network domain of the LB's backends ("" when it has none):
// members come from it, or from one drawn domain, and with the backends
// stay within the quota.
func drawSiblings(t *rapid.T, cfg WorldConfig, w WorldSpec, lb *LoadBalancerSpec, domains map[string][]BackendSpec, order []string, domain string) {
	// A quarter of the LBs have groups.
	if !cfg.NoVServerGroups && rapid.IntRange(0, 3).Draw(t, "hasGroups") == 3 {
		room := w.BackendQuota - len(lb.Backends)
		// With SingleBackendChange, one backend call per LB: the groups of an
		// LB with backends have no members, and only the first may have.
		mayHaveMembers := !cfg.SingleBackendChange || len(lb.Backends) == 0
		for i := range rapid.IntRange(1, cfg.MaxVServerGroupsPerLB).Draw(t, "groups") {
			g := VServerGroupSpec{Name: rapid.SampledFrom(groupNames).Draw(t, "groupName")}
			if room > 0 && len(order) > 0 && mayHaveMembers && (!cfg.SingleBackendChange || i == 0) &&
				rapid.Bool().Draw(t, "hasMembers") {
				if domain == "" {
					domain = order[rapid.IntRange(0, len(order)-1).Draw(t, "memberDomain")]
				}
				g.Members = drawMembers(t, min(room, cfg.MaxMembersPerGroup), domains[domain])
				room -= len(g.Members)
			}
			g.Tags = drawTags(t, cfg)
			lb.VServerGroups = append(lb.VServerGroups, g)
		}
	}
	// A third of the LBs have listeners.
	if !cfg.NoListeners && rapid.IntRange(0, 2).Draw(t, "hasListeners") == 2 {
		taken := map[string]bool{}
		for range rapid.IntRange(1, cfg.MaxListenersPerLB).Draw(t, "listeners") {
			l := ListenerSpec{
				Protocol: rapid.SampledFrom(model.ListenerProtocols()).Draw(t, "protocol"),
				Port:     rapid.SampledFrom(listenerPorts).Draw(t, "listenerPort"),
			}
			key := l.Protocol.PortSpace() + "/" + strconv.Itoa(l.Port)
			if taken[key] {
				continue // the port is taken in its space: one listener fewer
			}
			taken[key] = true
			if len(lb.VServerGroups) > 0 && rapid.Bool().Draw(t, "onGroup") {
				l.VServerGroup = rapid.IntRange(1, len(lb.VServerGroups)).Draw(t, "listenerGroup")
			} else {
				l.BackendPort = rapid.SampledFrom(memberPorts).Draw(t, "backendPort")
			}
			l.Running = rapid.Bool().Draw(t, "running")
			l.Tags = drawTags(t, cfg)
			lb.Listeners = append(lb.Listeners, l)
		}
	}
	lb.Tags = drawTags(t, cfg)
	// One LB in eight is protected: from deletion, in the console, or both.
	if !cfg.NoProtection && rapid.IntRange(0, 7).Draw(t, "protected") == 7 {
		switch rapid.IntRange(0, 2).Draw(t, "protection") {
		case 0:
			lb.DeleteProtection = true
		case 1:
			lb.ConsoleProtection = true
		default:
			lb.DeleteProtection, lb.ConsoleProtection = true, true
		}
		if lb.ConsoleProtection {
			lb.ConsoleProtectionReason = rapid.SampledFrom(reasons).Draw(t, "reason")
		}
	}
}

// drawMembers draws 1..limit members over cands, each (server, port) once.
func drawMembers(t *rapid.T, limit int, cands []BackendSpec) []MemberSpec {
	var out []MemberSpec
	seen := map[string]bool{}
	for range rapid.IntRange(1, limit).Draw(t, "members") {
		b := cands[rapid.IntRange(0, len(cands)-1).Draw(t, "memberServer")]
		m := MemberSpec{ServerId: b.ServerId, Type: b.Type, Port: rapid.SampledFrom(memberPorts).Draw(t, "memberPort"),
			Weight: model.DefaultWeight}
		if rapid.Bool().Draw(t, "memberWeight") {
			m.Weight = rapid.IntRange(0, model.MaxWeight).Draw(t, "weight")
		}
		key := m.ServerId + ":" + strconv.Itoa(m.Port)
		if seen[key] {
			continue // already a member on that port: one member fewer
		}
		seen[key] = true
		out = append(out, m)
	}
	return out
}

// drawTags draws the tags of one resource: none three times in four, else
// 1..MaxTagsPerResource of distinct keys.
func drawTags(t *rapid.T, cfg WorldConfig) []model.Tag {
	if cfg.NoTags || rapid.IntRange(0, 3).Draw(t, "hasTags") != 3 {
		return nil
	}
	n := rapid.IntRange(1, cfg.MaxTagsPerResource).Draw(t, "tags")
	keys := rapid.Permutation(tagKeys).Draw(t, "tagKeys")[:n]
	out := make([]model.Tag, n)
	for i, k := range keys {
		out[i] = model.Tag{Key: k, Value: rapid.SampledFrom(tagValues).Draw(t, "tagValue")}
	}
	return out
}

// membersParam renders members as a vServer group BackendServers parameter.
func membersParam(members []MemberSpec) string {
	parts := make([]string, len(members))
	for i, m := range members {
		typ := m.Type
		if typ == "" {
			typ = model.ServerECS
		}
		parts[i] = fmt.Sprintf(`{"ServerId":%q,"Type":%q,"Port":%d,"Weight":%d}`, m.ServerId, typ, m.Port, m.Weight)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// listenerCommon is the request part every listener create shares; group is
// the ID of the group the listener forwards to, or "".
func (l ListenerSpec) listenerCommon(region, lb, group string) model.ListenerCommon {
	c := model.ListenerCommon{RegionId: region, LoadBalancerId: lb, ListenerPort: l.Port, Bandwidth: -1}
	if l.VServerGroup > 0 {
		c.VServerGroupId = group
	} else {
		c.BackendServerPort = l.BackendPort
	}
	return c
}

// createListener creates the listener with the create call of its protocol.
func (l ListenerSpec) createListener(ctx context.Context, c *fake.Client, common model.ListenerCommon) error {
	var err error
	switch l.Protocol {
	case model.ProtocolTCP:
		_, err = c.CreateLoadBalancerTCPListener(ctx, &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: common})
	case model.ProtocolUDP:
		_, err = c.CreateLoadBalancerUDPListener(ctx, &model.CreateLoadBalancerUDPListenerRequest{ListenerCommon: common})
	case model.ProtocolHTTP:
		_, err = c.CreateLoadBalancerHTTPListener(ctx, &model.CreateLoadBalancerHTTPListenerRequest{ListenerCommon: common})
	case model.ProtocolHTTPS:
		_, err = c.CreateLoadBalancerHTTPSListener(ctx, &model.CreateLoadBalancerHTTPSListenerRequest{ListenerCommon: common,
			ServerCertificateId: listenerCertificate})
	default:
		err = fmt.Errorf("unknown protocol %q", l.Protocol)
	}
	return err
}

// tag tags one resource, when there are tags.
func tag(ctx context.Context, c *fake.Client, region, resourceType, id string, tags []model.Tag, b *Built) error {
	if len(tags) == 0 {
		return nil
	}
	if _, err := c.TagResources(ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: resourceType,
		ResourceId: []string{id}, Tag: tags}); err != nil {
		return fmt.Errorf("slbrapid: tags of %s: %w", id, err)
	}
	b.Tags[id] = append([]model.Tag(nil), tags...)
	return nil
}

// buildSiblings creates the LB's groups (without members), listeners, tags
// and protection, and returns the groups' IDs.
func (lb LoadBalancerSpec) buildSiblings(c *fake.Client, b *Built) ([]string, error) {
	ctx := context.Background()
	region := regionOr(lb.Region)
	var groups []string
	for _, g := range lb.VServerGroups {
		resp, err := c.CreateVServerGroup(ctx, &model.CreateVServerGroupRequest{RegionId: region, LoadBalancerId: lb.Id,
			VServerGroupName: g.Name})
		if err != nil {
			return nil, fmt.Errorf("slbrapid: vServer group of %s: %w", lb.Id, err)
		}
		groups = append(groups, resp.VServerGroupId)
		b.RegionOf[resp.VServerGroupId] = region
		b.VServerGroups[lb.Id] = append(b.VServerGroups[lb.Id], resp.VServerGroupId)
	}
	for _, l := range lb.Listeners {
		group := ""
		if l.VServerGroup > 0 {
			if l.VServerGroup > len(groups) {
				return nil, fmt.Errorf("slbrapid: listener %d of %s forwards to group %d of %d", l.Port, lb.Id, l.VServerGroup, len(groups))
			}
			group = groups[l.VServerGroup-1]
		}
		id := ListenerID(lb.Id, l.Protocol, l.Port)
		if err := l.createListener(ctx, c, l.listenerCommon(region, lb.Id, group)); err != nil {
			return nil, fmt.Errorf("slbrapid: listener %s: %w", id, err)
		}
		if l.Running {
			if _, err := c.StartLoadBalancerListener(ctx, &model.StartLoadBalancerListenerRequest{RegionId: region,
				LoadBalancerId: lb.Id, ListenerPort: l.Port, ListenerProtocol: string(l.Protocol)}); err != nil {
				return nil, fmt.Errorf("slbrapid: start listener %s: %w", id, err)
			}
			b.RunningListeners = append(b.RunningListeners, id)
		} else {
			b.StoppedListeners = append(b.StoppedListeners, id)
		}
		b.RegionOf[id] = region
		b.Listeners[lb.Id] = append(b.Listeners[lb.Id], id)
	}
	if err := tag(ctx, c, region, model.ResourceTypeInstance, lb.Id, lb.Tags, b); err != nil {
		return nil, err
	}
	for i, g := range lb.VServerGroups {
		if err := tag(ctx, c, region, model.ResourceTypeVServerGroup, groups[i], g.Tags, b); err != nil {
			return nil, err
		}
	}
	for _, l := range lb.Listeners {
		if err := tag(ctx, c, region, model.ResourceTypeListener, ListenerID(lb.Id, l.Protocol, l.Port), l.Tags, b); err != nil {
			return nil, err
		}
	}
	if lb.DeleteProtection {
		if _, err := c.SetLoadBalancerDeleteProtection(ctx, &model.SetLoadBalancerDeleteProtectionRequest{RegionId: region,
			LoadBalancerId: lb.Id, DeleteProtection: "on"}); err != nil {
			return nil, fmt.Errorf("slbrapid: delete protection of %s: %w", lb.Id, err)
		}
		b.DeleteProtectedLBs = append(b.DeleteProtectedLBs, lb.Id)
	}
	if lb.ConsoleProtection {
		if _, err := c.SetLoadBalancerModificationProtection(ctx, &model.SetLoadBalancerModificationProtectionRequest{
			RegionId: region, LoadBalancerId: lb.Id, ModificationProtectionStatus: consoleProtection,
			ModificationProtectionReason: lb.ConsoleProtectionReason}); err != nil {
			return nil, fmt.Errorf("slbrapid: modification protection of %s: %w", lb.Id, err)
		}
		b.ConsoleProtectedLBs = append(b.ConsoleProtectedLBs, lb.Id)
	}
	return groups, nil
}

// consoleProtection is the ModificationProtectionStatus of a protected LB.
const consoleProtection = "ConsoleProtection"

// buildMembers adds each group's members, one call per group.
func (lb LoadBalancerSpec) buildMembers(c *fake.Client, b *Built, groups []string) error {
	for i, g := range lb.VServerGroups {
		if len(g.Members) == 0 {
			continue
		}
		if _, err := c.AddVServerGroupBackendServers(context.Background(), &model.AddVServerGroupBackendServersRequest{
			RegionId: regionOr(lb.Region), VServerGroupId: groups[i], BackendServers: membersParam(g.Members)}); err != nil {
			return fmt.Errorf("slbrapid: members of %s (group %d of %s): %w", groups[i], i+1, lb.Id, err)
		}
		b.GroupMembers[groups[i]] = append([]MemberSpec(nil), g.Members...)
	}
	return nil
}

// siblingsGo renders the statements of buildSiblings for the LB (the
// groups, listeners, tags and protection) and, as members, those of
// buildMembers. A group that a later statement names gets a variable,
// vsg<n>, n counting the groups of the whole world (*n is the count so far).
func (lb LoadBalancerSpec) siblingsGo(n *int) (siblings, members []string) {
	region := regionOr(lb.Region)
	put := func(format string, args ...any) { siblings = append(siblings, fmt.Sprintf(format, args...)) }
	vars := make([]string, len(lb.VServerGroups))
	for i, g := range lb.VServerGroups {
		used := len(g.Members) > 0 || len(g.Tags) > 0
		for _, l := range lb.Listeners {
			used = used || l.VServerGroup == i+1
		}
		req := fmt.Sprintf("&model.CreateVServerGroupRequest{RegionId: %q, LoadBalancerId: %q", region, lb.Id)
		if g.Name != "" {
			req += fmt.Sprintf(", VServerGroupName: %q", g.Name)
		}
		req += "}"
		*n++
		if used {
			vars[i] = "vsg" + strconv.Itoa(*n)
			put("%s := mustGroup(f.Client().CreateVServerGroup(context.Background(), %s))", vars[i], req)
		} else {
			put("must(f.Client().CreateVServerGroup(context.Background(), %s))", req)
		}
	}
	for _, l := range lb.Listeners {
		common := fmt.Sprintf("model.ListenerCommon{RegionId: %q, LoadBalancerId: %q, ListenerPort: %d, ", region, lb.Id, l.Port)
		if l.VServerGroup > 0 && l.VServerGroup <= len(vars) {
			common += "VServerGroupId: " + vars[l.VServerGroup-1]
		} else {
			common += fmt.Sprintf("BackendServerPort: %d", l.BackendPort)
		}
		common += ", Bandwidth: -1}"
		extra := ""
		if l.Protocol == model.ProtocolHTTPS {
			extra = fmt.Sprintf(", ServerCertificateId: %q", listenerCertificate)
		}
		put("must(f.Client().CreateLoadBalancer%sListener(context.Background(), &model.CreateLoadBalancer%sListenerRequest{ListenerCommon: %s%s}))",
			strings.ToUpper(string(l.Protocol)), strings.ToUpper(string(l.Protocol)), common, extra)
		if l.Running {
			put("must(f.Client().StartLoadBalancerListener(context.Background(), &model.StartLoadBalancerListenerRequest{RegionId: %q, LoadBalancerId: %q, ListenerPort: %d, ListenerProtocol: %q}))",
				region, lb.Id, l.Port, l.Protocol)
		}
	}
	tagGo := func(resourceType, id string, tags []model.Tag) {
		if len(tags) == 0 {
			return
		}
		lits := make([]string, len(tags))
		for i, t := range tags {
			lits[i] = fmt.Sprintf("{Key: %q, Value: %q}", t.Key, t.Value)
		}
		put("must(f.Client().TagResources(context.Background(), &model.TagResourcesRequest{RegionId: %q, ResourceType: %q, ResourceId: []string{%s},\n\tTag: []model.Tag{%s}}))",
			region, resourceType, id, strings.Join(lits, ", "))
	}
	tagGo(model.ResourceTypeInstance, strconv.Quote(lb.Id), lb.Tags)
	for i, g := range lb.VServerGroups {
		tagGo(model.ResourceTypeVServerGroup, vars[i], g.Tags)
	}
	for _, l := range lb.Listeners {
		tagGo(model.ResourceTypeListener, strconv.Quote(ListenerID(lb.Id, l.Protocol, l.Port)), l.Tags)
	}
	if lb.DeleteProtection {
		put(`must(f.Client().SetLoadBalancerDeleteProtection(context.Background(), &model.SetLoadBalancerDeleteProtectionRequest{RegionId: %q, LoadBalancerId: %q, DeleteProtection: "on"}))`,
			region, lb.Id)
	}
	if lb.ConsoleProtection {
		put("must(f.Client().SetLoadBalancerModificationProtection(context.Background(), &model.SetLoadBalancerModificationProtectionRequest{RegionId: %q, LoadBalancerId: %q,\n\tModificationProtectionStatus: %q, ModificationProtectionReason: %q}))",
			region, lb.Id, consoleProtection, lb.ConsoleProtectionReason)
	}
	for i, g := range lb.VServerGroups {
		if len(g.Members) > 0 {
			members = append(members, fmt.Sprintf("must(f.Client().AddVServerGroupBackendServers(context.Background(), &model.AddVServerGroupBackendServersRequest{RegionId: %q, VServerGroupId: %s,\n\tBackendServers: %s}))",
				region, vars[i], goStringLit(membersParam(g.Members))))
		}
	}
	return siblings, members
}

// mustGroupDecl declares the helper GoString's group statements use: it
// returns the new group's ID.
const mustGroupDecl = `mustGroup := func(r *model.CreateVServerGroupResponse, err error) string {
	must(r, err)
	return r.VServerGroupId
}
`
