package refmodel

import (
	"slices"
	"time"

	"github.com/slbfake/slbfake/model"
)

// The simulation (README, fidelity table, "Instance lifecycle" and
// "Simulation"): the model's clock, the transitional statuses instances
// pass through, and the configuring window of load balancers.
//
// The clock is the test's: it moves the model to the fake's time with
// SetNow before each call (a fault's latency moves the fake's clock inside a
// call, and the call runs after it). An instance's Status is the status it
// shows at the model's time: SetNow settles the instances whose transitional
// status ended.

// Simulation is what the fake was started with: fake.WithLifecycle's
// durations and fake.WithConfiguringWindow's window. The zero value skips
// the transitional statuses and has no window.
type Simulation struct {
	Pending, Starting, Stopping time.Duration
	ConfiguringWindow           time.Duration
	// ListenerStarting and ListenerStopping are the listeners' durations.
	ListenerStarting, ListenerStopping time.Duration
}

// Simulate sets the simulation; call it before anything happens.
func (m *Model) Simulate(s Simulation) { m.sim = s }

// Now is the model's clock.
func (m *Model) Now() time.Time { return m.now }

// SetNow moves the model's clock to t and settles the instances whose
// transitional status has ended by then.
func (m *Model) SetNow(t time.Time) {
	m.now = t.UTC()
	m.settle()
}

// transition is an instance on its way: the statuses it shows, each until
// a time, then final.
type transition struct {
	steps []step
	final model.InstanceStatus
}

type step struct {
	status model.InstanceStatus
	until  time.Time
}

// Began tells the model that a lifecycle call on an instance took effect at
// the model's time (RunInstances, CreateInstance, StartInstance,
// StopInstance): the instance shows each transitional status for its
// duration (a status lasts [start, start+duration)), then the call's final
// status:
//
//	RunInstances     Pending, Starting, then Running
//	CreateInstance   Pending, then Stopped
//	StartInstance    Starting, then Running
//	StopInstance     Stopping, then Stopped
func (m *Model) Began(action string, ids ...string) {
	var final model.InstanceStatus
	var plan []struct {
		status model.InstanceStatus
		d      time.Duration
	}
	add := func(st model.InstanceStatus, d time.Duration) {
		plan = append(plan, struct {
			status model.InstanceStatus
			d      time.Duration
		}{st, d})
	}
	switch action {
	case "RunInstances":
		add(model.StatusPending, m.sim.Pending)
		add(model.StatusStarting, m.sim.Starting)
		final = model.StatusRunning
	case "CreateInstance":
		add(model.StatusPending, m.sim.Pending)
		final = model.StatusStopped
	case "StartInstance":
		add(model.StatusStarting, m.sim.Starting)
		final = model.StatusRunning
	case "StopInstance":
		add(model.StatusStopping, m.sim.Stopping)
		final = model.StatusStopped
	default:
		panic("refmodel: Began of " + action)
	}
	for _, id := range ids {
		tr := &transition{final: final}
		at := m.now
		for _, p := range plan {
			if p.d > 0 {
				at = at.Add(p.d)
				tr.steps = append(tr.steps, step{p.status, at})
			}
		}
		m.transitions[id] = tr
	}
	m.settle()
}

// settle gives every instance in transition the status it shows now.
func (m *Model) settle() {
	for id, tr := range m.transitions {
		inst := m.instances[id]
		if inst == nil {
			delete(m.transitions, id)
			continue
		}
		for len(tr.steps) > 0 && !m.now.Before(tr.steps[0].until) {
			tr.steps = tr.steps[1:]
		}
		if len(tr.steps) == 0 {
			inst.Status = tr.final
			delete(m.transitions, id)
			continue
		}
		inst.Status = tr.steps[0].status
	}
}

// configuring reports whether an LB is inside its configuring window: for
// the window's duration after a backend change ([change, change+window)).
func (m *Model) configuring(lb *LoadBalancer) bool {
	return m.now.Before(m.busyUntil[lb.LoadBalancerId])
}

// Sim is the model with the configuring window around the LB calls it
// governs: the backend calls open an LB's window when they change its
// backend list (a call that changes nothing opens none), and inside the
// window every backend call is BackendServer.configuring (409, checked
// right after the LB, in parseFrame) and SetLoadBalancerStatus and
// DeleteLoadBalancer are ServiceIsConfiguring (400, right after the LB).
// Without a window Sim's calls are the model's.
type Sim struct{ m *Model }

// Sim returns the model's calls with the configuring window.
func (m *Model) Sim() Sim { return Sim{m} }

func (s Sim) backends(lbId string) []Backend {
	if lb := s.m.lbs[lbId]; lb != nil {
		return slices.Clone(lb.Backends)
	}
	return nil
}

// opened opens an LB's window after a call that changed its backend list.
func (s Sim) opened(lbId string, before []Backend) {
	if lb := s.m.lbs[lbId]; lb != nil && s.m.sim.ConfiguringWindow > 0 && !slices.Equal(before, lb.Backends) {
		s.m.busyUntil[lbId] = s.m.now.Add(s.m.sim.ConfiguringWindow)
	}
}

// AddBackendServers is the model's, with the window.
func (s Sim) AddBackendServers(account string, req *model.AddBackendServersRequest) (*model.AddBackendServersResponse, *model.Error) {
	before := s.backends(req.LoadBalancerId)
	resp, e := s.m.AddBackendServers(account, req)
	if e == nil {
		s.opened(req.LoadBalancerId, before)
	}
	return resp, e
}

// RemoveBackendServers is the model's, with the window.
func (s Sim) RemoveBackendServers(account string, req *model.RemoveBackendServersRequest) (*model.RemoveBackendServersResponse, *model.Error) {
	before := s.backends(req.LoadBalancerId)
	resp, e := s.m.RemoveBackendServers(account, req)
	if e == nil {
		s.opened(req.LoadBalancerId, before)
	}
	return resp, e
}

// SetBackendServers is the model's, with the window.
func (s Sim) SetBackendServers(account string, req *model.SetBackendServersRequest) (*model.SetBackendServersResponse, *model.Error) {
	before := s.backends(req.LoadBalancerId)
	resp, e := s.m.SetBackendServers(account, req)
	if e == nil {
		s.opened(req.LoadBalancerId, before)
	}
	return resp, e
}

// busy is the window's check of SetLoadBalancerStatus and
// DeleteLoadBalancer: after the LB's own checks (region, exists, not
// locked), before the call's other checks.
func (s Sim) busy(account, region, id string) *model.Error {
	if lb, e := s.m.mutableLB(account, region, id); e == nil && s.m.configuring(lb) {
		return model.ErrServiceIsConfiguring()
	}
	return nil
}

// SetLoadBalancerStatus is the model's, with the window.
func (s Sim) SetLoadBalancerStatus(account string, req *model.SetLoadBalancerStatusRequest) (*model.SetLoadBalancerStatusResponse, *model.Error) {
	if e := s.busy(account, req.RegionId, req.LoadBalancerId); e != nil {
		return nil, e
	}
	return s.m.SetLoadBalancerStatus(account, req)
}

// DeleteLoadBalancer is the model's, with the window.
func (s Sim) DeleteLoadBalancer(account string, req *model.DeleteLoadBalancerRequest) (*model.DeleteLoadBalancerResponse, *model.Error) {
	if e := s.busy(account, req.RegionId, req.LoadBalancerId); e != nil {
		return nil, e
	}
	resp, e := s.m.DeleteLoadBalancer(account, req)
	if e == nil {
		delete(s.m.busyUntil, req.LoadBalancerId)
	}
	return resp, e
}

// Statuses returns the status every instance of an account and region
// shows at the model's time, by ID.
func (m *Model) Statuses(account, region string) map[string]model.InstanceStatus {
	out := map[string]model.InstanceStatus{}
	for id, i := range m.instances {
		if i.AccountId == account && i.RegionId == region {
			out[id] = i.Status
		}
	}
	return out
}
