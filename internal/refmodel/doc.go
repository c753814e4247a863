// Package refmodel is the reference model of slbfake's property tests: a
// second, deliberately plain implementation of the fake's rules, on Go maps
// and slices, that the state-machine test (fake/statemachine_test.go) runs
// side by side with the fake and compares after every call.
//
// It is written from the behaviour the README's fidelity table documents (and
// the Alibaba Cloud API reference that table cites), not from the engine, and
// it does not import the engine. From package model it takes only the request
// and response types, the enums, the error constructors (so that codes, HTTP
// statuses and messages are spelt once), and the placement rule and defaults
// of a load balancer (PlaceLoadBalancer, FillLoadBalancerDefaults) for the
// LBs the fixture builds; its own CreateLoadBalancer restates the checks and
// the placement. It never calls the engine's BackendServers parser
// (model.ParseBackendServers): backendservers.go is its own reading of the
// parameter's syntax and field rules, so that a change to the parser's rules
// fails the state machine. Every business rule is restated here: the
// validation order of the backend operations, de-duplication inside a
// request, the network-type matrix, the one-VPC-or-all-classic rule, the
// per-LB quota, attachment order, the instance lifecycle with its
// transitional statuses and the configuring window (simulation.go), and
// account and region isolation.
//
// The model draws no IDs and no RequestIds: the test hands it the IDs the
// fake chose (the Assigned arguments), checks their shapes (CheckID), and
// compares responses with RequestId cleared. Addresses are checked, not just
// taken (addresses.go): the model allocates an ENI's addresses itself (the
// lowest free ones of the vSwitch), and of the instances' and LBs' addresses
// the fake chose it checks that they were the lowest free ones of their pool
// (CheckLowestFree) and that every address of the world lies in its vSwitch
// or pool, is none of the reserved ones, and is unique (CheckWorld).
//
// What it mirrors: accounts; the region catalogue; VPCs; vSwitches; instances
// (status, network type, VPC, vSwitch, zone, private IP); ENIs (VPC, vSwitch,
// IPs, attached instance); load balancers (address type, network type, VPC,
// spec, status and the descriptive fields a Describe returns); each LB's
// backends in attachment order; the backend quota; each LB's vServer groups
// with their members in the order they were added.
//
// Operations: AddBackendServers, RemoveBackendServers, SetBackendServers,
// CreateLoadBalancer, DeleteLoadBalancer, SetLoadBalancerStatus,
// DescribeLoadBalancers, DescribeLoadBalancerAttribute; RunInstances,
// CreateInstance, StartInstance, StopInstance, DeleteInstance (Force, and the
// detachment of a deleted instance from every LB); CreateNetworkInterface,
// AttachNetworkInterface, DetachNetworkInterface, DeleteNetworkInterface;
// CreateVpc, CreateVSwitch; the listener calls (slb_listener.go: the TCP
// and HTTP creates, Start, Stop and DeleteLoadBalancerListener,
// DescribeLoadBalancerListeners, DescribeHealthStatus; their links to
// vServer groups and the TCP and HTTP Set*ListenerAttribute calls,
// slb_listener_groups.go); the tags of LBs, vServer groups and listeners
// (slb_tags.go, slb_tag_resources.go); the eight vServer group calls
// (slb_vservergroup.go: CreateVServerGroup, Add, Remove and
// ModifyVServerGroupBackendServers, SetVServerGroupAttribute,
// DescribeVServerGroups, DescribeVServerGroupAttribute, DeleteVServerGroup,
// with the quota and the one network domain across the default group and
// every group, and the cascades of DeleteLoadBalancer, DeleteInstance and an
// ENI's end); and the fixtures (Put*, Force*Status) that build
// a world directly: the test tells the model what it stored through the
// fake's fixtures, with the IDs and addresses the fake chose, and since
// fixtures bypass the API's rules these only record (and derive what the
// fixture derives). The model's clock is the test's (SetNow); Sim wraps the
// LB calls the configuring window governs. Not modelled: PrivateIpAddress
// requests, the Describe calls of ECS and VPC.
//
// Where the documentation leaves a choice open and the fake's documented
// contract (an INF row of the fidelity table) settles it (the Type is part of
// an element's identity for de-duplication; RemoveBackendServers of an
// unattached server is ignored; an eni element without ServerIp names every
// attachment of that ENI in Remove and Set; SetBackendServers of an unattached
// server is InvalidParameter; the exact order of the ENI checks;
// CreateLoadBalancer's and RunInstances' parameter checks; an optional
// RegionId on Start/Stop/DeleteInstance; an ENI that is detached or deleted
// leaves every LB, eni_backends.go; a ClientToken is scoped per account and
// action and never expires, idempotency.go; a dry run draws nothing and
// ignores ClientToken), the model follows that contract and says so at the
// place it does.
//
// The files follow the engine's domains: model.go (the world, the region
// catalogue, isolation), vpc.go and vpc_calls.go, ecs_instance.go, ecs_eni.go
// and ecs_eni_calls.go, eni_backends.go, slb_loadbalancer.go, slb_backend.go,
// slb_vservergroup.go (each resource's type, lookup, fixture and operations), backendservers.go
// (the BackendServers parameter), idempotency.go (ClientToken),
// simulation.go (clock, lifecycle, configuring window), addresses.go (the
// rules of addresses and IDs) and snapshot.go (the comparison with the
// fake's state).
package refmodel
