package fake

import "reflect"

// RuleMatchesForTest exposes a rule's matcher to the external tests.
func RuleMatchesForTest(r *FaultRule, c *Call) bool { return r.matches(c) }

// ActionTypesForTest returns the request and response types the action
// table declares for an action.
func ActionTypesForTest(name string) (req, resp reflect.Type, ok bool) {
	a, ok := lookupAction(name)
	if !ok {
		return nil, nil, false
	}
	return a.requestType(), a.responseType(), true
}
