// Package slbrapid is a pgregory.net/rapid toolkit for users of slbfake: it
// draws whole worlds, BackendServers strings and fault plans, and runs a
// property over them so that a failing run of orchestration code shrinks to a
// small scenario printed as a ready-to-paste Go test.
//
// Scope: generators and a harness for property-based tests of code that
// drives the fake through fake.Client. It builds worlds with the fake's
// fixtures and, per load balancer, client calls: its vServer groups,
// listeners, tags and protection, then one AddBackendServers call for its
// backends and one AddVServerGroupBackendServers call per group with
// members; it never touches the engine directly, and it models nothing
// itself (the fake is the model).
//
// # API
//
//	// Worlds
//	type WorldSpec struct{ BackendQuota int; Vpcs []VpcSpec; Instances []InstanceSpec;
//	                       ENIs []ENISpec; LoadBalancers []LoadBalancerSpec }
//	type LoadBalancerSpec struct{ Id, Region string; Kind LBKind; VSwitchId, Spec string;
//	    Status model.LoadBalancerStatus; Backends []BackendSpec; VServerGroups []VServerGroupSpec;
//	    Listeners []ListenerSpec; Tags []model.Tag; DeleteProtection, ConsoleProtection bool;
//	    ConsoleProtectionReason string }
//	type VServerGroupSpec struct{ Name string; Members []MemberSpec; Tags []model.Tag }
//	type MemberSpec struct{ ServerId string; Type model.ServerType; Port, Weight int }
//	type ListenerSpec struct{ Protocol model.ListenerProtocol; Port int;
//	    VServerGroup int /* 1-based; 0: BackendPort */; BackendPort int; Running bool; Tags []model.Tag }
//	type WorldConfig struct{ Regions []string; MaxVpcs, MaxVSwitchesPerVpc, MaxInstances, MaxENIs,
//	    MaxLoadBalancers, MinQuota, MaxQuota, MaxBackendsPerLB, MinInstances, MinLBs int;
//	    MaxVServerGroupsPerLB, MaxMembersPerGroup, MaxListenersPerLB, MaxTagsPerResource int;
//	    NoVServerGroups, NoListeners, NoTags, NoProtection, SingleBackendChange bool }
//	var DefaultWorldConfig WorldConfig
//	func World() *rapid.Generator[WorldSpec]                    // DefaultWorldConfig
//	func WorldWith(cfg WorldConfig) *rapid.Generator[WorldSpec]
//	func (w WorldSpec) Build(f *fake.Fake) (*Built, error)
//	func (w WorldSpec) NewFake(opts ...fake.Option) (*fake.Fake, *Built) // panics if Build fails
//	func (w WorldSpec) GoString() string                        // Go statements that rebuild it
//	func ID(prefix, region string, n int) string                // i-bp100000000000000001
//	func ListenerID(lb string, protocol model.ListenerProtocol, port int) string // <lb>_tcp_80
//	type Built struct{ Region string; Quota int; RegionOf map[string]string;
//	    Instances, RunningInstances, StoppedInstances, TransitionalInstances, ClassicInstances []string;
//	    InstanceStatus map[string]model.InstanceStatus; VPCInstances map[string][]string;
//	    ENIs, AttachedENIs, FreeENIs []string;
//	    LoadBalancers, InternetLBs, IntranetClassicLBs, IntranetVPCLBs, SpecLBs, ENILBs,
//	    ActiveLBs, InactiveLBs, LockedLBs, FullLBs, NearFullLBs []string;
//	    Backends map[string][]string; Vpcs, VSwitches []string; VSwitchesByVpc map[string][]string;
//	    VServerGroups map[string][]string; GroupMembers map[string][]MemberSpec;
//	    Listeners map[string][]string; RunningListeners, StoppedListeners []string;
//	    Tags map[string][]model.Tag; DeleteProtectedLBs, ConsoleProtectedLBs []string }
//
//	// BackendServers parameter strings
//	func BackendServers(ids []string) *rapid.Generator[string] // always parse, name only ids
//	func MalformedBackendServers() *rapid.Generator[string]    // never parse
//	func AnyBackendServers(ids []string) *rapid.Generator[string]
//	// ... of the vServer group calls: every element with a Port, up to 40
//	func GroupBackendServers(ids []string, ports []int) *rapid.Generator[string] // always parse
//	func MalformedGroupBackendServers() *rapid.Generator[string]                  // never parse
//	func CloudControllerBackendServers(ids []string, ports []int) *rapid.Generator[string]
//	    // the cloud controller's form: lower-case keys, IsUserManaged, NodeName, TargetRef
//
//	// Fault plans
//	type FaultPlan []fake.FaultRule
//	type FaultConfig struct{ MaxRules int; Codes []model.Code; ResourceIds []string; MaxCount int;
//	    MaxLatency time.Duration; NoAfterCommit, NoDrop, NoLatency, NoThrottle, NoProbability bool }
//	func Faults(actions []string, cfg FaultConfig) *rapid.Generator[FaultPlan]
//	func (p FaultPlan) Apply(f *fake.Fake) error
//	func (p FaultPlan) GoString() string
//	var DefaultActions []string; var DefaultFaultCodes []model.Code
//	var ActionFaultCodes map[string][]model.Code // busy codes of one action (listener changes)
//	var CreateActions []string // the creates that take a ClientToken: plans over them test retried creates
//
//	// Harness
//	type Scenario struct{ Seed uint64; World WorldSpec; Built *Built; Faults FaultPlan;
//	    Fake *fake.Fake; Clock *fake.VirtualClock; Client *fake.Client; ConfiguringWindow time.Duration }
//	type Config struct{ World WorldConfig; Actions []string; Faults FaultConfig; NoFaults bool;
//	    ConfiguringWindow time.Duration }
//	func Check(t *testing.T, prop func(t *rapid.T, s *Scenario))
//	func CheckWith(t *testing.T, cfg Config, prop func(t *rapid.T, s *Scenario))
//	func Property(cfg Config, prop func(t *rapid.T, s *Scenario)) func(*rapid.T)
//	func Draw(t *rapid.T, cfg Config) *Scenario
//	func (s *Scenario) Snippet() string // statements: clock, fake, world, faults
//	func (s *Scenario) Replay() string  // a whole func TestReplay(t *testing.T)
//	func CallLog(f *fake.Fake) string
//
// Fault rules fire only on the actions they name: pass Config.Actions the
// actions your code calls, or most drawn rules never fire.
//
// vServer group IDs are drawn by the fake, not by the spec: Built reports
// them, and GoString names them by variables (vsg1 := mustGroup(...)). With
// a configuring window, Check draws worlds whose LBs get their backends and
// members in one call (WorldConfig.SingleBackendChange), since the window
// refuses a second backend change.
//
// # Reading a failure
//
// rapid runs the property many times and, on a failure, shrinks the drawn
// values (fewer resources, fewer and simpler fault rules, seed 0) and then
// runs the minimal failing case once more with logging on: only the logs of
// that final run are printed. rapid itself prints each drawn value with
// %#v, so the world and the plan show as Go (GoString); Check adds, before
// the property runs, the scenario as a complete Go test (Scenario.Replay)
// and, after it (even on a panic), the calls the fake recorded with their
// outcome and the fault rule that decided each. For "AddBackendServers
// never fails" the output reads:
//
//	[rapid] draw seed: 0x0
//	[rapid] draw world: f := fake.New(fake.WithBackendQuota(3))
//	...
//	[rapid] draw faults: f.SetFaults(fake.FaultRule{Action: "AddBackendServers", ErrorCode: "ServiceUnavailable"})
//	slbrapid scenario (seed 0, 1 fault rules); replay it with:
//	func TestReplay(t *testing.T) {
//		clock := fake.NewVirtualClock(time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC))
//		f := fake.New(fake.WithSeed(0), fake.WithClock(clock), fake.WithBackendQuota(3))
//		must := func(_ any, err error) { ... }
//		must(f.PutInstance(model.Instance{InstanceId: "i-bp100000000000000001", RegionId: "cn-hangzhou"}))
//		must(f.PutLoadBalancer(model.LoadBalancer{LoadBalancerId: "lb-bp1000000000000000001", ...}))
//		f.ResetCalls()
//		must(nil, f.SetFaults(fake.FaultRule{Action: "AddBackendServers", ErrorCode: "ServiceUnavailable"}))
//		c := f.Client()
//		// The code under test and the property's checks go here, on c and f.
//		_, _ = t, c
//	}
//	AddBackendServers failed: ... ServiceUnavailable ...
//	slbrapid calls of this run:
//	  #1 AddBackendServers -> ServiceUnavailable [fault: rule 1]
//
// Paste TestReplay into a _test.go file (imports context, testing, time,
// fake, model), put the body of the property at the marked place, and it
// fails the same way without rapid: the world, the fault plan and the seed
// replay byte for byte (IDs, private IPs, RequestIds). Values the property
// itself draws are printed by rapid as "[rapid] draw <label>: ..." lines.
package slbrapid
