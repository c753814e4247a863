package model

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
