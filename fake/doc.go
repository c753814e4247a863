// Package fake is what users of slbfake touch: an in-memory Alibaba Cloud
// Server Load Balancer (Classic Load Balancer, API 2014-05-15) with the ECS and
// VPC calls a test needs around it, built for AddBackendServers.
//
//	f := fake.New(fake.WithSeed(1))
//	c := f.Client()
//	resp, err := c.AddBackendServers(ctx, &model.AddBackendServersRequest{...})
//
// New takes options (options.go): WithSeed (every ID, RequestId and random
// choice), WithClock (every timestamp; NewVirtualClock for one the test
// moves), WithBackendQuota, WithLifecycle (transitional instance statuses),
// WithConfiguringWindow (an LB busy after each change), WithFaults,
// WithCallLimit, WithAccessKey and WithLogger.
//
// The package's parts, one concern per file:
//
//	actions.go    the action table: every action declared once, typed (Actions lists it)
//	client.go     Client: one method per action, acting as one account
//	dispatch.go   the one path of every call: record, fault rules, engine
//	faults.go     FaultRule and the plan that decides a call's fault
//	record.go     the call record (Calls, CallsOf, WriteCalls): a ring of values
//	wire*.go, signature.go, nonce.go, credentials.go, transport.go
//	              the RPC endpoint (Handler, RoundTripper, StartTestServer)
//	admin.go      the admin endpoint under AdminPrefix
//	clock.go      Clock, VirtualClock and how the fake waits
//	snapshot.go, state.go, fixtures.go
//	              Snapshot, Restore, Fork; ExportState, ImportState; the fixtures
//
// A call from a Client method or from the wire draws its RequestId once and
// goes down one dispatch chain: it is recorded, offered to the fault rules,
// and run by the engine last, so an injected fault and a real rule travel
// the same path. A call whose context has ended before the engine runs it
// fails with ServiceUnavailable (503), which unwraps to the context's error;
// a dropped connection is ErrConnectionDropped. Every service error is a
// *model.Error with the real HTTP status, code and message, made from one
// entry of model.Catalogue.
//
// # Fidelity
//
// Where each modelled behaviour comes from: DOC (Alibaba's documentation),
// CODE (real client code depends on it) or INF (inferred: slbfake's decision).
// The README has the full table with a note per row, and the error table.
//
// AddBackendServers:
//
//	INF      validation order: region, LoadBalancerId, LB exists, not locked, syntax,
//	         at most 20, element fields, de-duplication, each server, quota; first failure wins
//	DOC/INF  RegionId required (MissingParameter), unknown: 404 InvalidRegionId.NotFound
//	INF      LoadBalancerId missing: 400 MissingParameter
//	DOC      LB unknown, deleted, other region or account: 404 InvalidLoadBalancerId.NotFound
//	DOC/INF  LB locked: 400 ActionNotAllowed; inactive accepted (INF)
//	CODE/INF BackendServers absent, blank or []: success, no change
//	CODE/INF lenient parsing: single or double quotes, Weight number or string, unknown keys ignored
//	DOC/INF  unparsable: 400 InvalidParameter "The specified BackendServers is invalid."
//	DOC      more than 20 elements (before de-duplication): 400 TooManyBackendServers
//	DOC      ServerId required; Weight 0..100 (default 100); Type ecs (default), eni, eci:
//	         else 400 InvalidParameter; ServerIp an IPv4 address when given
//	DOC/INF  Description 1..80 ASCII letters and digits, CJK ideographs, - / . _:
//	         400 InvalidParameterLength or InvalidParameter
//	DOC/INF  duplicates in one request: first wins; identity Type plus ServerId (ecs),
//	         ServerId+ServerIp (eni, eci)
//	DOC      server unknown or not Running: 400 ObtainIpFail
//	DOC      network matrix (internet: any; intranet classic: classic; intranet VPC: its VPC):
//	         400 InvalidParameter "...does not support the network type of the ECS instance."
//	DOC/INF  classic with VPC, or two VPCs, on one LB: 400 InvalidBackendServers.Inconsistent
//	DOC/INF  already attached: 400 InvalidParameter, nothing changed
//	DOC/INF  eni: VPC LB with a LoadBalancerSpec, ENI in its VPC, attached to a Running instance,
//	         ServerIp one of its IPs (default primary); else 400 InvalidParameter
//	INF      eci: no ECI exists, always 400 ObtainIpFail
//	CODE/INF per-LB quota 200 (WithBackendQuota): 400 InstanceBackendServerNumberOverLimit
//	INF      all or nothing: one transaction per call
//	DOC/INF  response: the LB's whole backend list in attachment order, Weight a number
//
// RemoveBackendServers and SetBackendServers:
//
//	INF      the same LB, parsing, limit, field and de-duplication rules as AddBackendServers
//	INF      Remove of an unattached server: ignored
//	INF      Remove of an eni without ServerIp: removes all its IPs
//	DOC/INF  Set changes only Weight (kept when absent) and Description of attached servers
//	INF      Set of an unattached server: 400 InvalidParameter
//
// Other operations, identifiers, time:
//
//	CODE/INF CreateLoadBalancer: active at once; internet (default) or intranet; intranet with
//	         VSwitchId is a VPC LB; VSwitchId on an internet LB refused (INF)
//	INF      CreateLoadBalancer: LoadBalancerSpec from the slb.s1/s2/s3 list,
//	         InternetChargeType paybytraffic or paybybandwidth, else 400 InvalidParameter
//	CODE/INF DeleteLoadBalancer with backends allowed; SetLoadBalancerStatus active or inactive
//	INF      Describe calls list in creation order; PageSize 10 by default
//	DOC/INF  IDs with real prefixes, lengths and region codes; RequestIds uppercase UUIDs
//	INF      IDs and RequestIds from the seed; failed calls still consume IDs
//	INF      clock injectable; accounts isolated (another account's resource is not found)
//	DOC/INF  RunInstances ends Running, CreateInstance Stopped; transitions immediate unless
//	         WithLifecycle, then Pending/Starting/Stopping visible and refused by AddBackendServers;
//	         VSwitchId makes a VPC instance; DeleteInstance needs Stopped unless Force and
//	         detaches the instance from every LB
//	INF      StopInstance leaves the instance on its LBs; an ENI backend exists only while
//	         its ENI is attached (Detach, DeleteInstance, DeleteNetworkInterface remove it)
//	DOC/INF  ClientToken on the six creates: the same token and parameters return the first
//	         result, other parameters 400 IdempotentParameterMismatch; per account and action
//	DOC/CODE DryRun on RunInstances, CreateInstance, Start/Stop/DeleteInstance, CreateVpc:
//	         every check, then 400 DryRunOperation; nothing changes
//	DOC/INF  CreateLoadBalancer: a VSwitchId makes an intranet VPC LB; Address inside the
//	         vSwitch, not reserved, free
//	INF      a call that changes nothing writes nothing: not applied, no configuring window
//	INF      images, instance types, security groups: accepted, not modelled
//
// The wire and the simulation:
//
//	CODE     one endpoint, GET and POST on /, query and form merged; Version picks the product
//	DOC/INF  V1 gateway order: Action/Version, common parameters, SignatureMethod/Version,
//	         Timestamp format and 15-minute skew, access key, signature, security token, nonce
//	CODE     Signature V1 exactly as the Go SDK builds it; SignatureDoesNotMatch ends with
//	         "server string to sign is:" and the string
//	DOC/CODE Signature V3 (ACS3-HMAC-SHA256, Authorization header) as the V2.0 SDKs sign:
//	         x-acs-* headers signed (IncompleteSignature), x-acs-date format and skew, body hash,
//	         access key, signature, security token, nonce; same dispatch as V1
//	DOC/INF  STS: a key with a SecurityToken accepts only requests carrying it
//	         (MissingSecurityToken, InvalidSecurityToken.MismatchWithAccessKey)
//	CODE/INF JSON or XML (Format=XML); errors {RequestId, HostId, Code, Message, Recommend}
//	DOC/INF  configuring window: 409 BackendServer.configuring, 400 ServiceIsConfiguring
//	INF      fault rules: first match decides; before or after commit; drop; latency on the
//	         fake's clock; token-bucket Throttling.User; probabilities from the seed
//
// Not modelled (the README lists it all): master-slave server groups,
// certificates, access control lists, health checks actually performed,
// forwarding rules, ECI, resource groups, RAM, STS token expiry, Signature
// V3's SM3 and RSA algorithms.
package fake
