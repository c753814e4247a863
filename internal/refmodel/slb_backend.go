package refmodel

import (
	"slices"

	"github.com/slbfake/slbfake/model"
)

// The backend operations: Add, Remove and SetBackendServers (README, fidelity
// table, "AddBackendServers" and "RemoveBackendServers and
// SetBackendServers").

// Backend is one server of an LB's default server group.
type Backend struct {
	ServerId    string
	Type        model.ServerType
	ServerIp    string
	VpcId       string
	Weight      int
	Description string
}

// elementKey is the identity of a BackendServers element inside one request
// (README, fidelity table, "Duplicates inside one request"): the ServerId for
// ecs, (ServerId, ServerIp) for eni and eci; and the Type, so that an ecs and
// an eni element naming the same ID are two elements (the project's reading,
// commit "type-aware dedup").
type elementKey struct {
	typ    model.ServerType
	id, ip string
}

func keyOf(sp model.BackendServerSpec) elementKey {
	if sp.Type == model.ServerECS {
		return elementKey{typ: sp.Type, id: sp.ServerId}
	}
	return elementKey{typ: sp.Type, id: sp.ServerId, ip: sp.ServerIp}
}

// backendKey is a backend's identity on its LB: the ServerId for ecs, and the
// ServerId with the IP it is attached by for eni.
func backendKey(b Backend) elementKey {
	if b.Type == model.ServerECS {
		return elementKey{typ: b.Type, id: b.ServerId}
	}
	return elementKey{typ: b.Type, id: b.ServerId, ip: b.ServerIp}
}

// dedup keeps the first element of each identity; later ones are dropped
// silently (the API reference's note on AddBackendServers).
func dedup(specs []model.BackendServerSpec) []model.BackendServerSpec {
	var out []model.BackendServerSpec
	seen := map[elementKey]bool{}
	for _, sp := range specs {
		k := keyOf(sp)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, sp)
	}
	return out
}

// parseFrame is the start of the validation order (README, fidelity table,
// "Validation order") for Add, Remove and Set: region, LB (exists, not
// locked), its configuring window (closed), parse (syntax, count, fields:
// the model's own reading, backendservers.go), and de-duplication. No
// elements at all is not an error.
func (m *Model) parseFrame(account string, req *model.AddBackendServersRequest) (*LoadBalancer, []model.BackendServerSpec, *model.Error) {
	lb, e := m.mutableLB(account, req.RegionId, req.LoadBalancerId)
	if e != nil {
		return nil, nil, e
	}
	if m.configuring(lb) { // right after the LB (simulation.go)
		return nil, nil, model.ErrBackendServerConfiguring()
	}
	specs, e := parseBackendServers(req.BackendServers) // the model's own reading (backendservers.go)
	if e != nil {
		return nil, nil, e
	}
	return lb, dedup(specs), nil
}

// AddBackendServers is the model's AddBackendServers.
func (m *Model) AddBackendServers(account string, req *model.AddBackendServersRequest) (*model.AddBackendServersResponse, *model.Error) {
	lb, specs, e := m.parseFrame(account, req)
	if e != nil {
		return nil, e
	}
	// The network domain every backend of the LB shares, in its default
	// group and its vServer groups: "classic" or a VPC ID; "" while it has
	// none.
	domain := m.lbDomain(lb)
	attached := map[elementKey]bool{}
	for _, b := range lb.Backends {
		attached[backendKey(b)] = true
	}
	var adding []Backend
	inRequest := map[elementKey]bool{}
	for _, sp := range specs {
		b, e := m.resolve(account, lb, sp)
		if e != nil {
			return nil, e
		}
		k := backendKey(b)
		if inRequest[k] {
			// The same attachment named twice once defaults are applied (an
			// ENI with and without its primary IP): a duplicate, dropped.
			continue
		}
		if d := domainOf(b); domain != "" && d != domain {
			return nil, model.ErrBackendServersInconsistent()
		} else if domain == "" {
			domain = d
		}
		if attached[k] {
			return nil, model.ErrBackendServersInvalid()
		}
		inRequest[k] = true
		adding = append(adding, b)
	}
	if len(lb.Backends)+m.memberCount(lb.LoadBalancerId)+len(adding) > m.quota { // the quota counts every vServer group's members
		return nil, model.ErrBackendServerQuota()
	}
	lb.Backends = append(lb.Backends, adding...)
	return backendsResponse(lb), nil
}

func domainOf(b Backend) string {
	if b.VpcId == "" {
		return "classic"
	}
	return b.VpcId
}

// resolve applies the per-server checks of one element and returns the backend
// it would attach.
//
// ecs: the instance exists for the caller and is Running (ObtainIpFail), then
// the network-type matrix (README, fidelity table, "Network-type matrix":
// InvalidParameter, network message).
//
// eni (README, fidelity table, "ENI backends", DOC/INF; the order of these
// checks is the fake's documented choice): the ENI exists for the caller
// (ObtainIpFail); the LB is a VPC LB with a LoadBalancerSpec
// (InvalidParameter); the ENI is in the LB's VPC (InvalidParameter with the
// network message, as the matrix); it is attached to a Running instance
// (InvalidParameter); ServerIp, default the primary IP, is one of its IPs
// (InvalidParameter).
//
// eci: no ECI is modelled, so none exists (ObtainIpFail).
func (m *Model) resolve(account string, lb *LoadBalancer, sp model.BackendServerSpec) (Backend, *model.Error) {
	b := Backend{ServerId: sp.ServerId, Type: sp.Type, Weight: sp.Weight, Description: sp.Description}
	switch sp.Type {
	case model.ServerECS:
		inst := m.instanceFor(account, lb.RegionId, sp.ServerId)
		if inst == nil || inst.Status != model.StatusRunning {
			return b, model.ErrObtainIpFail()
		}
		if !matrixAllows(lb, inst) {
			return b, model.ErrNetworkTypeUnsupported()
		}
		b.ServerIp, b.VpcId = inst.PrivateIp, inst.VpcId
		return b, nil
	case model.ServerENI:
		eni := m.eniFor(account, lb.RegionId, sp.ServerId)
		if eni == nil {
			return b, model.ErrObtainIpFail()
		}
		if lb.NetworkType != model.NetworkVPC || (lb.LoadBalancerSpec == "" && !lb.CLCU) {
			return b, model.ErrBackendServersInvalid()
		}
		if eni.VpcId != lb.VpcId {
			return b, model.ErrNetworkTypeUnsupported()
		}
		if eni.InstanceId == "" {
			return b, model.ErrBackendServersInvalid()
		}
		if inst := m.instanceFor(account, lb.RegionId, eni.InstanceId); inst == nil || inst.Status != model.StatusRunning {
			return b, model.ErrBackendServersInvalid()
		}
		ip := sp.ServerIp
		if ip == "" {
			ip = eni.Ips[0]
		}
		if !slices.Contains(eni.Ips, ip) {
			return b, model.ErrBackendServersInvalid()
		}
		b.ServerIp, b.VpcId = ip, eni.VpcId
		return b, nil
	default:
		return b, model.ErrObtainIpFail()
	}
}

// matrixAllows is the network-type matrix (README, fidelity table): an
// internet LB takes classic and VPC instances; an intranet classic LB only
// classic ones; an intranet VPC LB only instances of its own VPC.
func matrixAllows(lb *LoadBalancer, inst *Instance) bool {
	switch {
	case lb.AddressType == model.AddressInternet:
		return true
	case lb.NetworkType == model.NetworkVPC:
		return inst.NetworkType == model.NetworkVPC && inst.VpcId == lb.VpcId
	default:
		return inst.NetworkType == model.NetworkClassic
	}
}

// named returns the indexes of the LB's backends an element names: the
// attachment with the element's identity and Type; for an eni element without
// ServerIp, every attachment of that ENI (the fake's documented choice).
func named(lb *LoadBalancer, sp model.BackendServerSpec) []int {
	var out []int
	for i, b := range lb.Backends {
		if b.ServerId != sp.ServerId || b.Type != sp.Type {
			continue
		}
		if sp.Type == model.ServerECS || sp.ServerIp == "" || sp.ServerIp == b.ServerIp {
			out = append(out, i)
		}
	}
	return out
}

// RemoveBackendServers is the model's RemoveBackendServers: the frame of
// AddBackendServers, then every named attachment is detached; a server that
// is not attached, or does not exist, is ignored (README, fidelity table,
// "Remove a server that is not attached", INF).
func (m *Model) RemoveBackendServers(account string, req *model.RemoveBackendServersRequest) (*model.RemoveBackendServersResponse, *model.Error) {
	lb, specs, e := m.parseFrame(account, req)
	if e != nil {
		return nil, e
	}
	gone := map[int]bool{}
	for _, sp := range specs {
		for _, i := range named(lb, sp) {
			gone[i] = true
		}
	}
	kept := []Backend{}
	for i, b := range lb.Backends {
		if !gone[i] {
			kept = append(kept, b)
		}
	}
	lb.Backends = kept
	return backendsResponse(lb), nil
}

// SetBackendServers is the model's SetBackendServers: it changes the weight
// (when the element has one) and the description (when non-empty) of
// attached servers, element by element; an element that names no
// attachment fails the whole call with InvalidParameter (README, fidelity
// table, "Set a server that is not attached", INF) and nothing changes.
func (m *Model) SetBackendServers(account string, req *model.SetBackendServersRequest) (*model.SetBackendServersResponse, *model.Error) {
	lb, specs, e := m.parseFrame(account, req)
	if e != nil {
		return nil, e
	}
	next := slices.Clone(lb.Backends)
	for _, sp := range specs {
		idx := named(lb, sp)
		if len(idx) == 0 {
			return nil, model.ErrBackendServersInvalid()
		}
		for _, i := range idx {
			if sp.WeightSet {
				next[i].Weight = sp.Weight
			}
			if sp.Description != "" {
				next[i].Description = sp.Description
			}
		}
	}
	lb.Backends = next
	return backendsResponse(lb), nil
}

// backendsResponse is the answer of Add, Remove and Set: the LB's whole
// list in attachment order; ServerIp only for non-ecs backends, no VpcId.
func backendsResponse(lb *LoadBalancer) *model.BackendServersResponse {
	return &model.BackendServersResponse{LoadBalancerId: lb.LoadBalancerId, BackendServers: backendViews(lb, false)}
}

func backendViews(lb *LoadBalancer, full bool) model.BackendServers {
	out := model.BackendServers{BackendServer: []model.BackendServerView{}}
	for _, b := range lb.Backends {
		v := model.BackendServerView{ServerId: b.ServerId, Weight: b.Weight, Type: string(b.Type), Description: b.Description}
		if full || b.Type != model.ServerECS {
			v.ServerIp = b.ServerIp
		}
		if full {
			v.VpcId = b.VpcId
		}
		out.BackendServer = append(out.BackendServer, v)
	}
	return out
}
