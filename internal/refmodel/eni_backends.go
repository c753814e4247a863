package refmodel

import (
	"slices"

	"github.com/slbfake/slbfake/model"
)

// ENI backends and the end of an ENI (README, fidelity table, "ENI
// backends", "ENIs"): an ENI backend exists only while its ENI is attached
// to an instance. AddBackendServers refuses an ENI that is not attached
// (slb_backend.go, resolve); an ENI that is detached (DetachNetworkInterface,
// or DeleteInstance of its instance) or deleted (DeleteNetworkInterface)
// leaves every LB's backend list, by every IP, as a released instance does
// (INF: the documentation requires an attached ENI and says nothing of a
// detached one). So Describe, Set and Remove never meet an ENI backend whose
// ENI is not attached.

// dropBackends removes every backend that names serverId, on every LB, and
// every vServer group membership of it (README, fidelity table, "vServer
// groups", "Cascades").
func (m *Model) dropBackends(serverId string) {
	for _, lb := range m.lbs {
		lb.Backends = slices.DeleteFunc(lb.Backends, func(b Backend) bool { return b.ServerId == serverId })
	}
	m.dropMembers(serverId)
}

// detachENI detaches an ENI from its instance: it is Available again and
// on no LB. DetachNetworkInterface and DeleteInstance (for each ENI of the
// instance) detach so.
func (m *Model) detachENI(n *ENI) {
	n.InstanceId = ""
	m.dropBackends(n.NetworkInterfaceId)
}

// DeleteNetworkInterface is the model's DeleteNetworkInterface (DOC: ECS
// DeleteNetworkInterface, "the ENI must be in the Available state"; its
// addresses are released). The checks, in order: RegionId;
// NetworkInterfaceId given (MissingParameter); the ENI exists for the caller
// (InvalidEniId.NotFound); it is Available, not attached
// (InvalidOperation.InvalidEniState expecting Available; the code is the one
// Attach and Detach answer, INF). The ENI goes, with its addresses (the
// model's leases are its resources' addresses) and any backend naming it.
func (m *Model) DeleteNetworkInterface(account string, req *model.DeleteNetworkInterfaceRequest) (*model.DeleteNetworkInterfaceResponse, *model.Error) {
	if e := checkRegion(req.RegionId); e != nil {
		return nil, e
	}
	if req.NetworkInterfaceId == "" {
		return nil, model.ErrMissingParameter("NetworkInterfaceId")
	}
	n := m.eniFor(account, req.RegionId, req.NetworkInterfaceId)
	if n == nil {
		return nil, model.ErrNetworkInterfaceNotFound()
	}
	if n.InstanceId != "" {
		return nil, model.ErrIncorrectNetworkInterfaceStatus(string(model.ENIAvailable), string(model.ENIInUse))
	}
	delete(m.enis, n.NetworkInterfaceId)
	m.dropBackends(n.NetworkInterfaceId)
	return &model.DeleteNetworkInterfaceResponse{}, nil
}
