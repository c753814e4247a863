// Package refmodel is the reference model of slbfake's property tests: a
// second, deliberately plain implementation of the fake's rules, on Go maps
// and slices, that the state-machine test (fake/statemachine_test.go) runs
// side by side with the fake and compares after every call.
//
// It is written from the behaviour the README's fidelity table documents (and
// the Alibaba Cloud API reference that table cites), not from the engine, and
// it does not import the engine. From package model it takes only the request
// and response types, the enums, the error constructors (so that codes, HTTP
// statuses and messages are spelt once), ParseBackendServers (the lenient
// parser is tested on its own), and the placement rule and defaults of a load
// balancer (PlaceLoadBalancer, FillLoadBalancerDefaults) for the LBs the
// fixture builds; its own CreateLoadBalancer restates the checks and the
// placement. Every business rule is restated here: the validation order of the
// backend operations, de-duplication inside a request, the network-type
// matrix, the one-VPC-or-all-classic rule, the per-LB quota, attachment order,
// the instance lifecycle, and account and region isolation.
//
// The model knows nothing of how IDs, private addresses or RequestIds are
// drawn: the test feeds it the IDs and addresses the fake handed out (the
// Assigned arguments), and compares responses with RequestId cleared.
//
// What it mirrors: accounts; the region catalogue; VPCs; vSwitches; instances
// (status, network type, VPC, vSwitch, zone, private IP); ENIs (VPC, vSwitch,
// IPs, attached instance); load balancers (address type, network type, VPC,
// spec, status and the descriptive fields a Describe returns); each LB's
// backends in attachment order; the backend quota.
//
// Operations: AddBackendServers, RemoveBackendServers, SetBackendServers,
// CreateLoadBalancer, DeleteLoadBalancer, SetLoadBalancerStatus,
// DescribeLoadBalancers, DescribeLoadBalancerAttribute; RunInstances,
// CreateInstance, StartInstance, StopInstance, DeleteInstance (Force, and the
// detachment of a deleted instance from every LB); and the fixtures (Put*,
// Force*Status) that build a world directly: the test tells the model what it
// stored through the fake's fixtures, with the IDs and addresses the fake
// chose, and since fixtures bypass the API's rules these only record (and
// derive what the fixture derives). Not modelled: the ENI and VPC API calls
// (the fixtures stand in for them), PrivateIpAddress requests, vServer groups.
//
// Where the documentation leaves a choice open and the fake's documented
// contract (an INF row of the fidelity table) settles it (the Type is part of
// an element's identity for de-duplication; RemoveBackendServers of an
// unattached server is ignored; an eni element without ServerIp names every
// attachment of that ENI in Remove and Set; SetBackendServers of an unattached
// server is InvalidParameter; the exact order of the ENI checks;
// CreateLoadBalancer's and RunInstances' parameter checks; an optional
// RegionId on Start/Stop/DeleteInstance; ENIs of a deleted instance are
// detached and their backends stay), the model follows that contract and says
// so at the place it does.
//
// The files follow the engine's domains: model.go (the world, the region
// catalogue, isolation), vpc.go, ecs_instance.go, ecs_eni.go,
// slb_loadbalancer.go, slb_backend.go (each resource's type, lookup, fixture
// and operations) and snapshot.go (the comparison with the fake's state).
package refmodel
