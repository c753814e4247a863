// Package refmodel is the reference model of slbfake's property tests: a
// second, deliberately plain implementation of the fake's rules, on Go maps
// and slices, that the state-machine test (fake/statemachine_test.go) runs
// side by side with the fake and compares after every call.
//
// It is written from shared/spec/decisions.md and shared/spec/slb-api.md
// (sections 1, 2 and 7), not from the engine, and it does not import the
// engine. From package model it takes only the request and response types,
// the enums, the error constructors (so that codes, HTTP statuses and
// messages are spelt once) and ParseBackendServers (the lenient parser is
// tested on its own). Every business rule is restated here: the validation
// order of the backend operations, de-duplication inside a request, the
// network-type matrix, the one-VPC-or-all-classic rule, the per-LB quota,
// attachment order, the instance lifecycle, and account and region
// isolation.
//
// The model knows nothing of how IDs, private addresses or RequestIds are
// drawn: the test feeds it the IDs and addresses the fake handed out (the
// Assigned arguments), and compares responses with RequestId cleared.
//
// What it mirrors: accounts; the region catalogue; VPCs; vSwitches;
// instances (status, network type, VPC, vSwitch, zone, private IP); ENIs
// (VPC, vSwitch, IPs, attached instance); load balancers (address type,
// network type, VPC, spec, status and the descriptive fields a Describe
// returns); each LB's backends in attachment order; the backend quota.
//
// Operations: AddBackendServers, RemoveBackendServers, SetBackendServers,
// CreateLoadBalancer, DeleteLoadBalancer, SetLoadBalancerStatus,
// DescribeLoadBalancers, DescribeLoadBalancerAttribute; RunInstances,
// CreateInstance, StartInstance, StopInstance, DeleteInstance (Force, and
// the detachment of a deleted instance from every LB); and the fixtures
// (Put*, Force*Status) that build a world directly. Not modelled: the ENI
// and VPC API calls (the fixtures stand in for them), PrivateIpAddress
// requests, vServer groups.
//
// Where the specs leave a choice open and the fake's documented contract
// settles it (the Type is part of an element's identity for de-duplication;
// RemoveBackendServers of an unattached server is ignored; an eni element
// without ServerIp names every attachment of that ENI in Remove and Set;
// SetBackendServers of an unattached server is InvalidParameter; the exact
// order of the ENI checks; CreateLoadBalancer's and RunInstances' parameter
// checks; an optional RegionId on Start/Stop/DeleteInstance; ENIs of a
// deleted instance are detached and their backends stay), the model follows
// that contract and says so at the place it does.
package refmodel
