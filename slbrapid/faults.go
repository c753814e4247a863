package slbrapid

import (
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
	"pgregory.net/rapid"
)

// FaultPlan is a list of fault rules that can be printed and replayed: rules
// drawn by Faults never set When or Error (Go-only fields), only the
// serialisable ones.
type FaultPlan []fake.FaultRule

// Apply replaces f's fault rules with the plan (counters restart at zero).
func (p FaultPlan) Apply(f *fake.Fake) error { return f.SetFaults(p...) }

// DefaultActions are the actions Check draws fault rules over: the SLB calls
// of backend and LB orchestration and the describes around them, the
// vServer group, listener, tag and protection calls.
var DefaultActions = []string{
	"AddBackendServers", "RemoveBackendServers", "SetBackendServers",
	"DescribeLoadBalancerAttribute", "DescribeLoadBalancers",
	"CreateLoadBalancer", "DeleteLoadBalancer", "SetLoadBalancerStatus",
	"DescribeInstances", "DescribeInstanceStatus",
	"CreateVServerGroup", "AddVServerGroupBackendServers", "RemoveVServerGroupBackendServers",
	"ModifyVServerGroupBackendServers", "SetVServerGroupAttribute", "DeleteVServerGroup",
	"DescribeVServerGroups", "DescribeVServerGroupAttribute",
	"CreateLoadBalancerTCPListener", "CreateLoadBalancerUDPListener", "CreateLoadBalancerHTTPListener",
	"CreateLoadBalancerHTTPSListener", "StartLoadBalancerListener", "StopLoadBalancerListener",
	"DeleteLoadBalancerListener", "SetLoadBalancerTCPListenerAttribute", "SetLoadBalancerHTTPListenerAttribute",
	"DescribeLoadBalancerListeners", "DescribeHealthStatus",
	"TagResources", "UntagResources", "ListTagResources",
	"SetLoadBalancerDeleteProtection", "SetLoadBalancerModificationProtection",
}

// CreateActions are the create calls that take a ClientToken (README,
// fidelity table, "ClientToken"): a client that retries one of them with the
// same token after any failure, a failure after the change included, gets
// the first call's result and never creates twice. Fault plans drawn over
// them (Faults(CreateActions, cfg), or Config.Actions) put failures before
// and after the change on those calls, which is what a retrying create must
// survive.
var CreateActions = []string{
	"CreateLoadBalancer", "RunInstances", "CreateInstance", "CreateNetworkInterface", "CreateVpc", "CreateVSwitch",
}

// DefaultFaultCodes are the catalogue codes real clients meet from a healthy
// service under load, that a fault rule answers with by default.
var DefaultFaultCodes = []model.Code{
	model.CodeServiceUnavailable, model.CodeThrottlingUser, model.CodeInternalError, model.CodeSystemBusy,
	model.CodeServiceIsConfiguring, model.CodeBackendServerConfiguring, model.CodeOperationBusy,
}

// ActionFaultCodes are the busy codes of particular actions: a listener
// that is starting refuses a change with Operation.Deny, one that is
// stopping with ServiceIsStopping (README, fidelity table, "Listener
// lifecycle"). A rule over one of these actions draws its code from
// DefaultFaultCodes and the action's codes here, unless FaultConfig.Codes
// is set; other actions never answer with them.
var ActionFaultCodes = map[string][]model.Code{
	"StartLoadBalancerListener":            {model.CodeOperationDeny, model.CodeServiceIsStopping},
	"StopLoadBalancerListener":             {model.CodeOperationDeny, model.CodeServiceIsStopping},
	"DeleteLoadBalancerListener":           {model.CodeOperationDeny, model.CodeServiceIsStopping},
	"SetLoadBalancerTCPListenerAttribute":  {model.CodeOperationDeny, model.CodeServiceIsStopping},
	"SetLoadBalancerHTTPListenerAttribute": {model.CodeOperationDeny, model.CodeServiceIsStopping},
}

// FaultConfig bounds the plans Faults draws. The zero value draws up to 3
// rules with every feature on.
type FaultConfig struct {
	// MaxRules is the most rules a plan holds (default 3).
	MaxRules int
	// Codes are the error codes drawn (default DefaultFaultCodes, and
	// ActionFaultCodes of the rule's action); each must be in
	// model.Catalogue.
	Codes []model.Code
	// ResourceIds, when set, may narrow a rule to calls naming one of them.
	ResourceIds []string
	// MaxCount bounds First, Every and After (default 3).
	MaxCount int
	// MaxLatency bounds Latency (default 2s; drawn in steps of 100ms).
	MaxLatency time.Duration
	// NoAfterCommit draws no failures after the change (nor dropped
	// connections); NoDrop no dropped connections; NoLatency no latency;
	// NoThrottle no token-bucket rules; NoProbability no Probability.
	NoAfterCommit, NoDrop, NoLatency, NoThrottle, NoProbability bool

	// actionCodes is set when Codes was left to its default: the rule's
	// action adds its ActionFaultCodes.
	actionCodes bool
}

func (c FaultConfig) withDefaults() FaultConfig {
	if c.MaxRules <= 0 {
		c.MaxRules = 3
	}
	if len(c.Codes) == 0 {
		c.Codes, c.actionCodes = DefaultFaultCodes, true
	}
	if c.MaxCount <= 0 {
		c.MaxCount = 3
	}
	if c.MaxLatency <= 0 {
		c.MaxLatency = 2 * time.Second
	}
	return c
}

// Faults draws fault plans over actions (an empty list: rules that match
// every action). Each rule fails a call before the change or, AfterCommit,
// after it (maybe dropping the connection); or only delays it; or throttles
// it with a token bucket; it may fire on the First, Every or After N matching
// calls, with a Probability, and carry Latency.
//
// Plans shrink toward fewer rules, then toward simpler ones: the first
// action and code, before the change, no count limit, no latency, no
// probability. A minimal failing plan reads like "the first
// AddBackendServers fails with ServiceUnavailable after the change".
func Faults(actions []string, cfg FaultConfig) *rapid.Generator[FaultPlan] {
	cfg = cfg.withDefaults()
	return rapid.Custom(func(t *rapid.T) FaultPlan {
		n := rapid.IntRange(0, cfg.MaxRules).Draw(t, "faultRules")
		if n == 0 {
			return nil
		}
		plan := make(FaultPlan, n)
		for i := range plan {
			plan[i] = drawRule(t, actions, cfg)
		}
		return plan
	})
}

func drawRule(t *rapid.T, actions []string, cfg FaultConfig) fake.FaultRule {
	var r fake.FaultRule
	if len(actions) > 0 {
		r.Action = actions[rapid.IntRange(0, len(actions)-1).Draw(t, "faultAction")]
	}
	// kind: 0 an error (the shrink target, half the rules), 1 latency only,
	// 2 throttle.
	kind := 0
	var mild []int
	if !cfg.NoLatency {
		mild = append(mild, 1)
	}
	if !cfg.NoThrottle {
		mild = append(mild, 2)
	}
	if len(mild) > 0 && rapid.Bool().Draw(t, "mildFault") {
		kind = mild[rapid.IntRange(0, len(mild)-1).Draw(t, "mildKind")]
	}
	switch kind {
	case 0:
		codes := cfg.Codes
		if cfg.actionCodes && len(ActionFaultCodes[r.Action]) > 0 {
			codes = append(append([]model.Code(nil), codes...), ActionFaultCodes[r.Action]...)
		}
		r.ErrorCode = codes[rapid.IntRange(0, len(codes)-1).Draw(t, "faultCode")]
		if !cfg.NoAfterCommit && rapid.Bool().Draw(t, "afterCommit") {
			r.AfterCommit = true
			if !cfg.NoDrop && rapid.Bool().Draw(t, "dropConnection") {
				r.DropConnection = true
			}
		}
	case 1:
		r.Latency = drawLatency(t, cfg)
	case 2:
		r.Throttle = &fake.TokenBucket{
			Burst: rapid.IntRange(1, 3).Draw(t, "throttleBurst"),
			Rate:  float64(rapid.IntRange(0, 2).Draw(t, "throttleRate")),
		}
	}
	limit := 0
	if rapid.Bool().Draw(t, "limitCount") {
		limit = rapid.IntRange(1, 3).Draw(t, "countKind")
	}
	switch limit {
	case 1:
		r.First = rapid.IntRange(1, cfg.MaxCount).Draw(t, "first")
	case 2:
		r.Every = rapid.IntRange(2, max(2, cfg.MaxCount)).Draw(t, "every")
	case 3:
		r.After = rapid.IntRange(1, cfg.MaxCount).Draw(t, "after")
	}
	if len(cfg.ResourceIds) > 0 && rapid.Bool().Draw(t, "faultResource") {
		r.ResourceId = cfg.ResourceIds[rapid.IntRange(0, len(cfg.ResourceIds)-1).Draw(t, "resourceId")]
	}
	if !cfg.NoProbability && rapid.Bool().Draw(t, "hasProbability") {
		r.Probability = []float64{0.5, 0.25, 0.75}[rapid.IntRange(0, 2).Draw(t, "probability")]
	}
	if kind != 1 && !cfg.NoLatency && rapid.Bool().Draw(t, "hasLatency") {
		r.Latency = drawLatency(t, cfg)
	}
	return r
}

func drawLatency(t *rapid.T, cfg FaultConfig) fake.Duration {
	steps := max(int(cfg.MaxLatency/(100*time.Millisecond)), 1)
	return fake.Duration(time.Duration(rapid.IntRange(1, steps).Draw(t, "latencySteps")) * 100 * time.Millisecond)
}
