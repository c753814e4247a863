package model

import "time"

// The ECS run-state machine (DOC: ECS instance lifecycle):
//
//	RunInstances     Pending -> Starting -> Running
//	CreateInstance   Pending -> Stopped
//	StartInstance    Stopped -> Starting -> Running
//	StopInstance     Running -> Stopping -> Stopped
//	DeleteInstance   Stopped, or any status with Force
//
// With zero transition durations (the default) the intermediate statuses are
// skipped and a call lands directly in its final status.

// InstanceAction is a call that moves an instance through its lifecycle.
type InstanceAction string

// Lifecycle actions.
const (
	ActionStart  InstanceAction = "StartInstance"
	ActionStop   InstanceAction = "StopInstance"
	ActionDelete InstanceAction = "DeleteInstance"
)

// NextStatus returns the status an instance in status from ends in after
// action, or IncorrectInstanceStatus when the action is not allowed from it.
// For ActionDelete the returned status is meaningless: the instance is gone.
func NextStatus(from InstanceStatus, action InstanceAction, force bool) (InstanceStatus, *Error) {
	switch action {
	case ActionStart:
		if from == StatusStopped {
			return StatusRunning, nil
		}
	case ActionStop:
		if from == StatusRunning {
			return StatusStopped, nil
		}
	case ActionDelete:
		if from == StatusStopped || force {
			return from, nil
		}
	}
	return from, ErrIncorrectInstanceStatus()
}

// AcceptsBackend reports whether an instance in status s can be added to an
// LB: only Running instances can (DOC).
func (s InstanceStatus) AcceptsBackend() bool { return s == StatusRunning }

// Transition is the last lifecycle call an instance went through; with
// LifecycleDurations it decides which transitional status the instance shows
// until it settles.
type Transition string

// Transitions.
const (
	TransitionNone   Transition = ""
	TransitionRun    Transition = "run"    // RunInstances: Pending, Starting, Running
	TransitionCreate Transition = "create" // CreateInstance: Pending, Stopped
	TransitionStart  Transition = "start"  // StartInstance: Starting, Running
	TransitionStop   Transition = "stop"   // StopInstance: Stopping, Stopped
)

// TransitionOf is the transition a lifecycle action starts.
func TransitionOf(action InstanceAction) Transition {
	switch action {
	case ActionStart:
		return TransitionStart
	case ActionStop:
		return TransitionStop
	}
	return TransitionNone
}

// LifecycleDurations are how long instances, and SLB listeners, stay in each
// transitional status.
// The zero value skips them all: every call lands in its final status at once.
type LifecycleDurations struct {
	Pending  time.Duration
	Starting time.Duration
	Stopping time.Duration
	// ListenerStarting and ListenerStopping are how long an SLB listener
	// stays starting after StartLoadBalancerListener and stopping after
	// StopLoadBalancerListener.
	ListenerStarting time.Duration
	ListenerStopping time.Duration
}

// StatusAt returns the status an instance shows at now: Status is where it
// settles, Transition and TransitionAt say how it got going.
func (i *Instance) StatusAt(now time.Time, d LifecycleDurations) InstanceStatus {
	elapsed := now.Sub(i.TransitionAt)
	switch i.Transition {
	case TransitionRun:
		switch {
		case elapsed < d.Pending:
			return StatusPending
		case elapsed < d.Pending+d.Starting:
			return StatusStarting
		}
	case TransitionCreate:
		if elapsed < d.Pending {
			return StatusPending
		}
	case TransitionStart:
		if elapsed < d.Starting {
			return StatusStarting
		}
	case TransitionStop:
		if elapsed < d.Stopping {
			return StatusStopping
		}
	}
	return i.Status
}
