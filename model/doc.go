// Package model is the pure domain of slbfake: identifiers, enumerations, the
// ECS run-state machine, the network compatibility rules of Classic Load
// Balancer, the lenient BackendServers parser, request and response types, and
// the error catalogue.
//
// Nothing here stores state or does I/O. The engine package holds state and
// applies these rules inside memdb transactions; the fake package exposes them
// to users. Request and response types carry the field names of the wire
// protocol, so that encoding them is a mechanical step.
package model
