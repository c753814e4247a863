package fake_test

import (
	"context"
	"slices"
	"strconv"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/internal/refmodel"
	"github.com/slbfake/slbfake/model"
	"pgregory.net/rapid"
)

// The listener calls of the state-machine test: the fake against
// refmodel's listener rules (internal/refmodel/slb_listener.go).

// smListenerPorts are the listener ports the test draws: a few shared ones
// (so that port spaces collide), none, and out of range.
var smListenerPorts = []int{80, 443, 8080, 0, 70000, -1}

// createListener draws a TCP or HTTP listener create on an LB.
func (w *smWorld) createListener(t *rapid.T) {
	lbId, account, region := w.drawLB(t, 85, true)
	c := model.ListenerCommon{RegionId: region, LoadBalancerId: lbId,
		ListenerPort:      smListenerPorts[smPick(t, "listenerPort", 5, 5, 5, 1, 1, 1)],
		BackendServerPort: []int{80, 0, 70000}[smPick(t, "backendPort", 12, 1, 1)],
		Bandwidth:         []int{-1, 0, 10, 6000}[smPick(t, "bandwidth", 10, 2, 3, 1)],
		VServerGroupId:    w.drawListenerGroup(t, lbId),
		Scheduler:         []string{"", "wrr", "rr", "sch", "qch", "WRR"}[smPick(t, "scheduler", 6, 2, 2, 1, 1, 1)],
		Description:       []string{"", "d1", "d2", "web server", "监听-1"}[smPick(t, "description", 4, 1, 1, 1, 1)],
	}
	if smPick(t, "listenerTags", 3, 1) == 1 {
		c.Tag = drawTags(t, "listenerTag")
	}
	if c.VServerGroupId != "" && smPick(t, "groupBackendPort", 1, 1) == 1 {
		c.BackendServerPort = 0 // a group listener needs none
	}
	c.ListenerACL = drawListenerACL(t)
	health := []string{"", "on", "off", "On"}[smPick(t, "healthCheck", 6, 2, 3, 1)]
	if smPick(t, "protocol", 1, 1) == 0 {
		drain := model.ConnectionDrainOptions{
			ConnectionDrain:        []string{"", "on", "off", "On"}[smPick(t, "connectionDrain", 6, 3, 2, 1)],
			ConnectionDrainTimeout: []int{0, 10, 300, 900, 5, 901}[smPick(t, "connectionDrainTimeout", 4, 1, 3, 1, 1, 1)],
			ProxyProtocolV2Enabled: []string{"", "true", "false", "yes"}[smPick(t, "proxyProtocolV2", 6, 3, 2, 1)],
		}
		req := &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: c, HealthCheckSwitch: health, ConnectionDrainOptions: drain}
		smCall(t, w, "CreateLoadBalancerTCPListener", account, req,
			func(c *fake.Client) (*model.CreateLoadBalancerTCPListenerResponse, error) {
				return c.CreateLoadBalancerTCPListener(context.Background(), req)
			},
			func(*model.CreateLoadBalancerTCPListenerResponse) (*model.CreateLoadBalancerTCPListenerResponse, *model.Error) {
				if e := w.m.CreateListener(account, model.ProtocolTCP, refmodel.ListenerCreate{ListenerCommon: c, HealthCheck: health, Drain: drain}); e != nil {
					return nil, e
				}
				return &model.CreateLoadBalancerTCPListenerResponse{}, nil
			})
		return
	}
	o := model.HTTPListenerOptions{HealthCheck: health,
		StickySession:               []string{"", "off", "on", "yes"}[smPick(t, "stickySession", 4, 2, 3, 1)],
		StickySessionType:           []string{"", "insert", "server", "other"}[smPick(t, "stickySessionType", 2, 3, 3, 1)],
		CookieTimeout:               []int{0, 100, 90000}[smPick(t, "cookieTimeout", 2, 3, 1)],
		Cookie:                      []string{"", "c1"}[smPick(t, "cookie", 1, 1)],
		XForwardedFor_proto:         []string{"", "on", "off", "yes"}[smPick(t, "xffProto", 6, 3, 2, 1)],
		XForwardedFor_SLBPORT:       []string{"", "on", "off"}[smPick(t, "xffSLBPort", 6, 3, 2)],
		XForwardedFor_ClientSrcPort: []string{"", "on", "off", "ON"}[smPick(t, "xffClientSrcPort", 6, 3, 2, 1)],
	}
	// Redirection: the world has no HTTPS listener, so ListenerForward on
	// is refused whatever ForwardPort says (or its absence).
	forward := []string{"", "off", "on", "1"}[smPick(t, "listenerForward", 8, 2, 2, 1)]
	forwardPort := []int{0, 443, 70000}[smPick(t, "forwardPort", 3, 2, 1)]
	if smPick(t, "httpPlain", 1, 1) == 1 {
		// Half the HTTP creates leave the HTTP options at their defaults, so
		// that enough of them succeed for the calls on HTTP listeners to
		// reach one (each drawn option is refused in some of its values).
		o = model.HTTPListenerOptions{HealthCheck: []string{"", "on", "off"}[smPick(t, "plainHealthCheck", 1, 1, 1)]}
		health, forward, forwardPort = o.HealthCheck, "", 0
	}
	req := &model.CreateLoadBalancerHTTPListenerRequest{ListenerCommon: c, HTTPListenerOptions: o, ListenerForward: forward, ForwardPort: forwardPort}
	smCall(t, w, "CreateLoadBalancerHTTPListener", account, req,
		func(c *fake.Client) (*model.CreateLoadBalancerHTTPListenerResponse, error) {
			return c.CreateLoadBalancerHTTPListener(context.Background(), req)
		},
		func(*model.CreateLoadBalancerHTTPListenerResponse) (*model.CreateLoadBalancerHTTPListenerResponse, *model.Error) {
			e := w.m.CreateListener(account, model.ProtocolHTTP, refmodel.ListenerCreate{ListenerCommon: c, HealthCheck: health,
				StickySession: o.StickySession, StickySessionType: o.StickySessionType, Cookie: o.Cookie, CookieTimeout: o.CookieTimeout,
				XFFProto: o.XForwardedFor_proto, XFFPort: o.XForwardedFor_SLBPORT, XFFSrcPort: o.XForwardedFor_ClientSrcPort,
				Forward: forward, ForwardPort: forwardPort})
			if e != nil {
				return nil, e
			}
			return &model.CreateLoadBalancerHTTPListenerResponse{}, nil
		})
}

// drawListenerACL draws a listener call's access-control parameters: mostly
// none, sometimes off, on without or with an AclId (no ACL exists), or a
// value outside the documented ones.
func drawListenerACL(t *rapid.T) model.ListenerACL {
	return model.ListenerACL{
		AclStatus: []string{"", "off", "on", "On"}[smPick(t, "aclStatus", 12, 2, 2, 1)],
		AclId:     []string{"", "acl-bp1unknown000000000"}[smPick(t, "aclId", 10, 1)],
		AclType:   []string{"", "white", "black", "grey"}[smPick(t, "aclType", 12, 1, 1, 1)],
	}
}

// drawListenerRequest draws the listener a Start, Stop, Delete or
// DescribeHealthStatus names.
func (w *smWorld) drawListenerRequest(t *rapid.T) (*model.ListenerRequest, string) {
	// Mostly a listener the walk made, by its port (and, unless the draw
	// leaves it out, its protocol), so that Stop, Delete and the Set calls
	// succeed as often as they are refused.
	if ls := w.m.Snapshot().Listeners; len(ls) > 0 && smPick(t, "listenerExisting", 1, 2) == 1 {
		l := rapid.SampledFrom(ls).Draw(t, "existingListener")
		lb, _ := w.m.LoadBalancerOf(l.LoadBalancerId)
		protocol := []string{string(l.Protocol), ""}[smPick(t, "existingListenerProtocol", 3, 1)]
		return &model.ListenerRequest{RegionId: lb.RegionId, LoadBalancerId: lb.LoadBalancerId,
			ListenerPort: l.ListenerPort, ListenerProtocol: protocol}, lb.AccountId
	}
	lbId, account, region := w.drawLB(t, 85, true)
	return &model.ListenerRequest{RegionId: region, LoadBalancerId: lbId,
		ListenerPort:     smListenerPorts[smPick(t, "listenerPort", 5, 5, 5, 1, 1, 1)],
		ListenerProtocol: []string{"", "tcp", "http", "udp", "TCP"}[smPick(t, "listenerProtocol", 6, 3, 3, 1, 1)],
	}, account
}

// listenerCall draws a Start, Stop or Delete of a listener.
func (w *smWorld) listenerCall(t *rapid.T, op string) {
	req, account := w.drawListenerRequest(t)
	ref := func() *model.Error { return w.m.ListenerCall(op, account, req) }
	switch op {
	case "Start":
		smCall(t, w, "StartLoadBalancerListener", account, req,
			func(c *fake.Client) (*model.StartLoadBalancerListenerResponse, error) {
				return c.StartLoadBalancerListener(context.Background(), req)
			},
			func(*model.StartLoadBalancerListenerResponse) (*model.StartLoadBalancerListenerResponse, *model.Error) {
				if e := ref(); e != nil {
					return nil, e
				}
				return &model.StartLoadBalancerListenerResponse{}, nil
			})
	case "Stop":
		smCall(t, w, "StopLoadBalancerListener", account, req,
			func(c *fake.Client) (*model.StopLoadBalancerListenerResponse, error) {
				return c.StopLoadBalancerListener(context.Background(), req)
			},
			func(*model.StopLoadBalancerListenerResponse) (*model.StopLoadBalancerListenerResponse, *model.Error) {
				if e := ref(); e != nil {
					return nil, e
				}
				return &model.StopLoadBalancerListenerResponse{}, nil
			})
	default:
		smCall(t, w, "DeleteLoadBalancerListener", account, req,
			func(c *fake.Client) (*model.DeleteLoadBalancerListenerResponse, error) {
				return c.DeleteLoadBalancerListener(context.Background(), req)
			},
			func(*model.DeleteLoadBalancerListenerResponse) (*model.DeleteLoadBalancerListenerResponse, *model.Error) {
				if e := ref(); e != nil {
					return nil, e
				}
				return &model.DeleteLoadBalancerListenerResponse{}, nil
			})
	}
}

// describeListeners draws a DescribeLoadBalancerListeners and follows its
// NextToken once.
func (w *smWorld) describeListeners(t *rapid.T) {
	account, region := w.drawOwner(t)
	req := &model.DescribeLoadBalancerListenersRequest{RegionId: region,
		ListenerProtocol: []string{"", "tcp", "http", "Tcp"}[smPick(t, "listenerProtocol", 6, 2, 2, 1)],
		ListenerPort:     []int{0, 80, 443, 70000}[smPick(t, "listenerPort", 6, 2, 2, 1)],
		MaxResults:       []int{0, 1, 2, 101}[smPick(t, "maxResults", 3, 3, 3, 1)],
		Description:      []string{"", "d1"}[smPick(t, "description", 4, 1)],
		Tag:              drawTagFilter(t, "listenerTagFilter"),
	}
	if smPick(t, "byLB", 1, 2) == 1 && len(w.lbs) > 0 {
		req.LoadBalancerId = rapid.SliceOfNDistinct(rapid.SampledFrom(append(slices.Clone(w.lbs), "lb-bp1unknown0000000000")), 1, 3, rapid.ID[string]).Draw(t, "lbIds")
	}
	if smPick(t, "badToken", 8, 1) == 1 {
		req.NextToken = "%%"
	}
	for range 2 {
		got := w.readListeners(t, account, req)
		if got == nil || got.NextToken == "" {
			return
		}
		next := *req
		next.NextToken = got.NextToken
		req = &next
	}
}

func (w *smWorld) readListeners(t *rapid.T, account string, req *model.DescribeLoadBalancerListenersRequest) *model.DescribeLoadBalancerListenersResponse {
	var got *model.DescribeLoadBalancerListenersResponse
	read(t, w, "DescribeLoadBalancerListeners", account, req,
		func(c *fake.Client) (*model.DescribeLoadBalancerListenersResponse, error) {
			r, err := c.DescribeLoadBalancerListeners(context.Background(), req)
			got = r
			return r, err
		},
		func() (*model.DescribeLoadBalancerListenersResponse, *model.Error) {
			return w.m.DescribeLoadBalancerListeners(account, req)
		})
	return got
}

// describeHealthStatus draws a DescribeHealthStatus.
func (w *smWorld) describeHealthStatus(t *rapid.T) {
	req, account := w.drawListenerRequest(t)
	if smPick(t, "allPorts", 1, 1) == 0 {
		req.ListenerPort = 0
	}
	read(t, w, "DescribeHealthStatus", account, req,
		func(c *fake.Client) (*model.DescribeHealthStatusResponse, error) {
			return c.DescribeHealthStatus(context.Background(), req)
		},
		func() (*model.DescribeHealthStatusResponse, *model.Error) {
			return w.m.DescribeHealthStatus(account, req)
		})
}

// listenersSnapshotOf projects the fake's listeners on the model's terms.
func listenersSnapshotOf(st engine.State) []refmodel.Listener {
	var out []refmodel.Listener
	tags := smTagsOf(st, model.ResourceTypeListener)
	for _, l := range st.Listeners {
		out = append(out, refmodel.Listener{LoadBalancerId: l.LoadBalancerId, ListenerPort: l.ListenerPort, Protocol: l.ListenerProtocol,
			Status: l.Status, BackendServerPort: l.BackendServerPort, Bandwidth: l.Bandwidth, Scheduler: l.Scheduler,
			Description: l.Description, HealthCheck: l.HealthCheck, StickySession: l.StickySession,
			StickySessionType: l.StickySessionType, Cookie: l.Cookie, CookieTimeout: l.CookieTimeout,
			VServerGroupId: l.VServerGroupId, Tags: tags[smListenerResourceId(l.LoadBalancerId, string(l.ListenerProtocol), strconv.Itoa(l.ListenerPort))],
			Drain: l.ConnectionDrain, DrainTimeout: l.ConnectionDrainTimeout, ProxyV2: l.ProxyProtocolV2Enabled,
			XFFProto: l.XForwardedFor_proto, XFFPort: l.XForwardedFor_SLBPORT, XFFSrcPort: l.XForwardedFor_ClientSrcPort,
			Forward: l.ListenerForward, ForwardPort: l.ForwardPort})
	}
	return out
}

// listenerHealth puts a started TCP listener on an LB that has backends and
// reads the backends' health: the path of a reconcile that waits for its
// backends to turn healthy (the other listener actions rarely meet an LB
// with backends).
func (w *smWorld) listenerHealth(t *rapid.T) {
	var busy []string
	for _, id := range w.liveLBs() {
		if lb, _ := w.m.LoadBalancerOf(id); len(lb.Backends) > 0 {
			busy = append(busy, id)
		}
	}
	if len(busy) == 0 {
		t.Skip("no LB with backends")
	}
	lb, _ := w.m.LoadBalancerOf(rapid.SampledFrom(busy).Draw(t, "healthLB"))
	c := model.ListenerCommon{RegionId: lb.RegionId, LoadBalancerId: lb.LoadBalancerId,
		ListenerPort: rapid.IntRange(1000, 1003).Draw(t, "healthPort"), BackendServerPort: 80, Bandwidth: -1}
	health := []string{"", "off"}[smPick(t, "healthSwitch", 3, 1)]
	req := &model.CreateLoadBalancerTCPListenerRequest{ListenerCommon: c, HealthCheckSwitch: health}
	smCall(t, w, "CreateLoadBalancerTCPListener", lb.AccountId, req,
		func(c *fake.Client) (*model.CreateLoadBalancerTCPListenerResponse, error) {
			return c.CreateLoadBalancerTCPListener(context.Background(), req)
		},
		func(*model.CreateLoadBalancerTCPListenerResponse) (*model.CreateLoadBalancerTCPListenerResponse, *model.Error) {
			if e := w.m.CreateListener(lb.AccountId, model.ProtocolTCP, refmodel.ListenerCreate{ListenerCommon: c, HealthCheck: health}); e != nil {
				return nil, e
			}
			return &model.CreateLoadBalancerTCPListenerResponse{}, nil
		})
	start := &model.ListenerRequest{RegionId: lb.RegionId, LoadBalancerId: lb.LoadBalancerId, ListenerPort: c.ListenerPort, ListenerProtocol: "tcp"}
	if smPick(t, "healthStart", 1, 3) == 1 {
		smCall(t, w, "StartLoadBalancerListener", lb.AccountId, start,
			func(c *fake.Client) (*model.StartLoadBalancerListenerResponse, error) {
				return c.StartLoadBalancerListener(context.Background(), start)
			},
			func(*model.StartLoadBalancerListenerResponse) (*model.StartLoadBalancerListenerResponse, *model.Error) {
				if e := w.m.ListenerCall("Start", lb.AccountId, start); e != nil {
					return nil, e
				}
				return &model.StartLoadBalancerListenerResponse{}, nil
			})
	}
	read := &model.ListenerRequest{RegionId: lb.RegionId, LoadBalancerId: lb.LoadBalancerId}
	read.ListenerPort = []int{0, c.ListenerPort}[smPick(t, "healthRead", 1, 1)]
	readHealth(t, w, lb.AccountId, read)
}

func readHealth(t *rapid.T, w *smWorld, account string, req *model.ListenerRequest) {
	read(t, w, "DescribeHealthStatus", account, req,
		func(c *fake.Client) (*model.DescribeHealthStatusResponse, error) {
			return c.DescribeHealthStatus(context.Background(), req)
		},
		func() (*model.DescribeHealthStatusResponse, *model.Error) {
			return w.m.DescribeHealthStatus(account, req)
		})
}
