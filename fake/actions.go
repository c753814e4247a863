package fake

import (
	"context"
	"reflect"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
)

// The action table: every API action the fake serves is declared here, once,
// typed, with its product and its engine operation. The Client methods call
// these declarations; the wire finds them by product and name; fault rules
// are checked against their names; the README's action list and the
// coverage tests are checked against them. Nothing else in this package
// spells an action's name.
//
// The products and their actions are filled in while the package
// initialises and never change afterwards.

// product is one API product of the RPC endpoint, told apart by Version.
type product struct {
	name    string // as in the troubleshooting URL: Slb, Ecs, Vpc
	version string
	hostId  string
	actions map[string]actionInfo
	order   []actionInfo
}

var (
	productSLB = &product{name: "Slb", version: "2014-05-15", hostId: "slb.aliyuncs.com"}
	productECS = &product{name: "Ecs", version: "2014-05-26", hostId: "ecs.aliyuncs.com"}
	productVPC = &product{name: "Vpc", version: "2016-04-28", hostId: "vpc.aliyuncs.com"}
)

// products lists the products in the order the README lists them.
func products() []*product { return []*product{productSLB, productECS, productVPC} }

// productOf returns the product a Version names.
func productOf(version string) (*product, bool) {
	for _, p := range products() {
		if p.version == version {
			return p, true
		}
	}
	return nil, false
}

// lookupAction returns the action of a name, in any product.
func lookupAction(name string) (actionInfo, bool) {
	for _, p := range products() {
		if a, ok := p.actions[name]; ok {
			return a, true
		}
	}
	return nil, false
}

// actionInfo is what the wire, the fault rules and the tests need of an
// action without knowing its types.
type actionInfo interface {
	Name() string
	product() *product
	// requestType is the action's request struct, which the wire decodes
	// parameters into.
	requestType() reflect.Type
	// responseType is the action's response struct.
	responseType() reflect.Type
	// serveWire decodes params into a request and runs the call.
	serveWire(ctx context.Context, f *Fake, account, requestId string, params map[string]string) (response, error)
	// run applies a call of this action (req is its *Req) as account.
	run(s *engine.Store, account string, req any) (response, *model.Error)
}

// response is what every response type is: it carries its RequestId.
type response interface{ SetRequestId(string) }

// action is one declared action: Req and Resp are its request and response
// types, op the engine operation that runs it.
type action[Req, Resp any] struct {
	name string
	prod *product
	op   func(*engine.Store, string, *Req) (response, *model.Error)
	// params is how the wire decodes a request of this action.
	params paramPlan
}

// declare adds an action to its product's table and returns it, typed.
func declare[Req, Resp any, PResp interface {
	*Resp
	response
}](p *product, name string, op func(*engine.Store, string, *Req) (PResp, *model.Error)) *action[Req, Resp] {
	a := &action[Req, Resp]{name: name, prod: p, op: func(s *engine.Store, account string, req *Req) (response, *model.Error) {
		resp, e := op(s, account, req)
		if e != nil {
			return nil, e
		}
		return resp, nil
	}, params: planOf(reflect.TypeFor[Req]())}
	if p.actions == nil {
		p.actions = map[string]actionInfo{}
	}
	if _, dup := p.actions[name]; dup {
		panic("slbfake: action " + name + " declared twice")
	}
	p.actions[name] = a
	p.order = append(p.order, a)
	return a
}

// Name returns the action's name as the API spells it.
func (a *action[Req, Resp]) Name() string { return a.name }

func (a *action[Req, Resp]) product() *product { return a.prod }

func (a *action[Req, Resp]) requestType() reflect.Type { return reflect.TypeFor[Req]() }

func (a *action[Req, Resp]) responseType() reflect.Type { return reflect.TypeFor[Resp]() }

// call is a Client call: it draws the call's RequestId and runs it.
func (a *action[Req, Resp]) call(ctx context.Context, c *Client, req *Req) (*Resp, error) {
	if req == nil {
		req = new(Req)
	}
	resp, err := c.fake.dispatch(ctx, a, c.account, c.fake.ids.RequestID(), req, true)
	if err != nil {
		return nil, err
	}
	return any(resp).(*Resp), nil
}

func (a *action[Req, Resp]) serveWire(ctx context.Context, f *Fake, account, requestId string, params map[string]string) (response, error) {
	req := new(Req)
	if e := a.params.decode(params, reflect.ValueOf(req).Elem()); e != nil {
		return nil, e.WithRequestId(requestId) // refused before it became a call
	}
	return f.dispatch(ctx, a, account, requestId, req, false)
}

// run applies the call to the store as account.
func (a *action[Req, Resp]) run(s *engine.Store, account string, req any) (response, *model.Error) {
	return a.op(s, account, req.(*Req))
}

// The SLB actions.
var (
	actCreateLoadBalancer            = declare(productSLB, "CreateLoadBalancer", (*engine.Store).CreateLoadBalancer)
	actDeleteLoadBalancer            = declare(productSLB, "DeleteLoadBalancer", (*engine.Store).DeleteLoadBalancer)
	actSetLoadBalancerStatus         = declare(productSLB, "SetLoadBalancerStatus", (*engine.Store).SetLoadBalancerStatus)
	actDescribeLoadBalancers         = declare(productSLB, "DescribeLoadBalancers", (*engine.Store).DescribeLoadBalancers)
	actDescribeLoadBalancerAttribute = declare(productSLB, "DescribeLoadBalancerAttribute", (*engine.Store).DescribeLoadBalancerAttribute)
	actAddBackendServers             = declare(productSLB, "AddBackendServers", (*engine.Store).AddBackendServers)
	actRemoveBackendServers          = declare(productSLB, "RemoveBackendServers", (*engine.Store).RemoveBackendServers)
	actSetBackendServers             = declare(productSLB, "SetBackendServers", (*engine.Store).SetBackendServers)
)

// The SLB vServer group actions.
var (
	actCreateVServerGroup               = declare(productSLB, "CreateVServerGroup", (*engine.Store).CreateVServerGroup)
	actAddVServerGroupBackendServers    = declare(productSLB, "AddVServerGroupBackendServers", (*engine.Store).AddVServerGroupBackendServers)
	actRemoveVServerGroupBackendServers = declare(productSLB, "RemoveVServerGroupBackendServers", (*engine.Store).RemoveVServerGroupBackendServers)
	actModifyVServerGroupBackendServers = declare(productSLB, "ModifyVServerGroupBackendServers", (*engine.Store).ModifyVServerGroupBackendServers)
	actSetVServerGroupAttribute         = declare(productSLB, "SetVServerGroupAttribute", (*engine.Store).SetVServerGroupAttribute)
	actDescribeVServerGroups            = declare(productSLB, "DescribeVServerGroups", (*engine.Store).DescribeVServerGroups)
	actDescribeVServerGroupAttribute    = declare(productSLB, "DescribeVServerGroupAttribute", (*engine.Store).DescribeVServerGroupAttribute)
	actDeleteVServerGroup               = declare(productSLB, "DeleteVServerGroup", (*engine.Store).DeleteVServerGroup)
)

// The SLB listener actions.
var (
	actCreateLoadBalancerTCPListener              = declare(productSLB, "CreateLoadBalancerTCPListener", (*engine.Store).CreateLoadBalancerTCPListener)
	actCreateLoadBalancerUDPListener              = declare(productSLB, "CreateLoadBalancerUDPListener", (*engine.Store).CreateLoadBalancerUDPListener)
	actCreateLoadBalancerHTTPListener             = declare(productSLB, "CreateLoadBalancerHTTPListener", (*engine.Store).CreateLoadBalancerHTTPListener)
	actCreateLoadBalancerHTTPSListener            = declare(productSLB, "CreateLoadBalancerHTTPSListener", (*engine.Store).CreateLoadBalancerHTTPSListener)
	actStartLoadBalancerListener                  = declare(productSLB, "StartLoadBalancerListener", (*engine.Store).StartLoadBalancerListener)
	actStopLoadBalancerListener                   = declare(productSLB, "StopLoadBalancerListener", (*engine.Store).StopLoadBalancerListener)
	actDeleteLoadBalancerListener                 = declare(productSLB, "DeleteLoadBalancerListener", (*engine.Store).DeleteLoadBalancerListener)
	actDescribeLoadBalancerListeners              = declare(productSLB, "DescribeLoadBalancerListeners", (*engine.Store).DescribeLoadBalancerListeners)
	actDescribeLoadBalancerTCPListenerAttribute   = declare(productSLB, "DescribeLoadBalancerTCPListenerAttribute", (*engine.Store).DescribeLoadBalancerTCPListenerAttribute)
	actDescribeLoadBalancerUDPListenerAttribute   = declare(productSLB, "DescribeLoadBalancerUDPListenerAttribute", (*engine.Store).DescribeLoadBalancerUDPListenerAttribute)
	actDescribeLoadBalancerHTTPListenerAttribute  = declare(productSLB, "DescribeLoadBalancerHTTPListenerAttribute", (*engine.Store).DescribeLoadBalancerHTTPListenerAttribute)
	actDescribeLoadBalancerHTTPSListenerAttribute = declare(productSLB, "DescribeLoadBalancerHTTPSListenerAttribute", (*engine.Store).DescribeLoadBalancerHTTPSListenerAttribute)
	actSetLoadBalancerTCPListenerAttribute        = declare(productSLB, "SetLoadBalancerTCPListenerAttribute", (*engine.Store).SetLoadBalancerTCPListenerAttribute)
	actSetLoadBalancerHTTPListenerAttribute       = declare(productSLB, "SetLoadBalancerHTTPListenerAttribute", (*engine.Store).SetLoadBalancerHTTPListenerAttribute)
	actDescribeHealthStatus                       = declare(productSLB, "DescribeHealthStatus", (*engine.Store).DescribeHealthStatus)
)

// The SLB tag, protection and charge-type actions.
var (
	actTagResources                          = declare(productSLB, "TagResources", (*engine.Store).TagResources)
	actUntagResources                        = declare(productSLB, "UntagResources", (*engine.Store).UntagResources)
	actListTagResources                      = declare(productSLB, "ListTagResources", (*engine.Store).ListTagResources)
	actSetLoadBalancerDeleteProtection       = declare(productSLB, "SetLoadBalancerDeleteProtection", (*engine.Store).SetLoadBalancerDeleteProtection)
	actSetLoadBalancerModificationProtection = declare(productSLB, "SetLoadBalancerModificationProtection", (*engine.Store).SetLoadBalancerModificationProtection)
	actModifyLoadBalancerInstanceChargeType  = declare(productSLB, "ModifyLoadBalancerInstanceChargeType", (*engine.Store).ModifyLoadBalancerInstanceChargeType)
	actSetLoadBalancerName                   = declare(productSLB, "SetLoadBalancerName", (*engine.Store).SetLoadBalancerName)
)

// The ECS actions.
var (
	actRunInstances              = declare(productECS, "RunInstances", (*engine.Store).RunInstances)
	actCreateInstance            = declare(productECS, "CreateInstance", (*engine.Store).CreateInstance)
	actStartInstance             = declare(productECS, "StartInstance", (*engine.Store).StartInstance)
	actStopInstance              = declare(productECS, "StopInstance", (*engine.Store).StopInstance)
	actDeleteInstance            = declare(productECS, "DeleteInstance", (*engine.Store).DeleteInstance)
	actDescribeInstances         = declare(productECS, "DescribeInstances", (*engine.Store).DescribeInstances)
	actDescribeInstanceStatus    = declare(productECS, "DescribeInstanceStatus", (*engine.Store).DescribeInstanceStatus)
	actCreateNetworkInterface    = declare(productECS, "CreateNetworkInterface", (*engine.Store).CreateNetworkInterface)
	actAttachNetworkInterface    = declare(productECS, "AttachNetworkInterface", (*engine.Store).AttachNetworkInterface)
	actDetachNetworkInterface    = declare(productECS, "DetachNetworkInterface", (*engine.Store).DetachNetworkInterface)
	actDeleteNetworkInterface    = declare(productECS, "DeleteNetworkInterface", (*engine.Store).DeleteNetworkInterface)
	actDescribeNetworkInterfaces = declare(productECS, "DescribeNetworkInterfaces", (*engine.Store).DescribeNetworkInterfaces)
)

// The VPC actions.
var (
	actCreateVpc         = declare(productVPC, "CreateVpc", (*engine.Store).CreateVpc)
	actDescribeVpcs      = declare(productVPC, "DescribeVpcs", (*engine.Store).DescribeVpcs)
	actCreateVSwitch     = declare(productVPC, "CreateVSwitch", (*engine.Store).CreateVSwitch)
	actDescribeVSwitches = declare(productVPC, "DescribeVSwitches", (*engine.Store).DescribeVSwitches)
)

// Action describes one action the fake serves.
type Action struct {
	// Product is the product's name as the API spells it (Slb, Ecs, Vpc),
	// Version the API version that selects it on the wire.
	Product string
	Version string
	Name    string
}

// Actions lists every action the fake serves, product by product, in the
// order of the action table. Each is a method of Client of the same name.
func Actions() []Action {
	var out []Action
	for _, p := range products() {
		for _, a := range p.order {
			out = append(out, Action{Product: p.name, Version: p.version, Name: a.Name()})
		}
	}
	return out
}
