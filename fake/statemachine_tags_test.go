package fake_test

import (
	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
)

// The state machine's tag, protection and charge-type calls, and how the
// fake's State shows them to the model's snapshot.

// smTagsByLB maps each LB of a State to its tags (nil: none).
func smTagsByLB(st engine.State) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, t := range st.ResourceTags {
		if t.ResourceType != model.ResourceTypeInstance {
			continue
		}
		if out[t.ResourceId] == nil {
			out[t.ResourceId] = map[string]string{}
		}
		out[t.ResourceId][t.TagKey] = t.TagValue
	}
	return out
}

// smModProtection is the model's spelling of a stored status: "" for
// NonProtection.
func smModProtection(status string) string {
	if status == "NonProtection" {
		return ""
	}
	return status
}
