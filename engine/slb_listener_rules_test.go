package engine_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// The listener Description: 1 to 256 characters of letters, digits, CJK
// ideographs, '-', '/', '.', '_', on the creates and the Sets; anything else
// is InvalidParameter naming Description and changes nothing.
func TestListenerDescriptionOnCreateAndSet(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	longest := "监听-" + strings.Repeat("a", 253)
	require.Equal(t, 256, utf8.RuneCountInString(longest))
	r := tcpReq(w.internet, 80)
	r.Description = longest
	_, e := w.s.CreateLoadBalancerTCPListener(testAccount, r)
	require.Nil(t, e, "%v", e)
	assert.Equal(t, longest, tcpAttr(t, w.s, w.internet, 80).Description)

	bad := []string{strings.Repeat("a", 257), "web server", "a,b", "<b>", "tab\there", "emoji-😀", "ü"}
	for _, d := range bad {
		before := w.s.Dump()
		r := tcpReq(w.internet, 81)
		r.Description = d
		_, e := w.s.CreateLoadBalancerTCPListener(testAccount, r)
		requireAPIError(t, model.ErrInvalidParameterValue("Description"), e)
		h := httpReq(w.internet, 82)
		h.Description = d
		_, e = w.s.CreateLoadBalancerHTTPListener(testAccount, h)
		requireAPIError(t, model.ErrInvalidParameterValue("Description"), e)
		_, e = w.s.SetLoadBalancerTCPListenerAttribute(testAccount, &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
			RegionId: testRegion, LoadBalancerId: w.internet, ListenerPort: 80, Description: d}})
		requireAPIError(t, model.ErrInvalidParameterValue("Description"), e)
		assert.Equal(t, before, w.s.Dump(), "%q: a refused call changes nothing", d)
	}

	_, e = w.s.SetLoadBalancerTCPListenerAttribute(testAccount, &model.SetLoadBalancerTCPListenerAttributeRequest{ListenerUpdate: model.ListenerUpdate{
		RegionId: testRegion, LoadBalancerId: w.internet, ListenerPort: 80, Description: "web/v2.0_b"}})
	require.Nil(t, e, "%v", e)
	assert.Equal(t, "web/v2.0_b", tcpAttr(t, w.s, w.internet, 80).Description)
	require.NoError(t, w.s.Validate(w.s.Dump()))
}

// Property: a create with any Description succeeds exactly when the
// description passes the rule written here (at most 256 characters, each
// an ASCII letter or digit, a Han ideograph or one of -/._), and the
// stored state then validates; Validate refuses a stored description the
// rule refuses.
func TestPropertyListenerDescription(t *testing.T) {
	t.Parallel()
	alphabet := []rune("aZ09-/._监听 ,<%😀éü\t") // the first 10 are valid
	ok := func(d string) bool {
		if utf8.RuneCountInString(d) > 256 {
			return false
		}
		for _, r := range d {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-/._监听", r)) {
				return false
			}
		}
		return true
	}
	rapid.Check(t, func(rt *rapid.T) {
		s := newTestStore(rt)
		lb, err := s.PutLoadBalancer(model.LoadBalancer{AccountId: testAccount, RegionId: testRegion})
		require.NoError(rt, err)
		n := rapid.SampledFrom([]int{0, 1, 5, 255, 256, 257, 300}).Draw(rt, "length")
		valid := rapid.Bool().Draw(rt, "valid")
		runes := make([]rune, n)
		for i := range runes {
			if valid {
				runes[i] = rapid.SampledFrom(alphabet[:10]).Draw(rt, "rune")
			} else {
				runes[i] = rapid.SampledFrom(alphabet).Draw(rt, "rune")
			}
		}
		d := string(runes)
		r := tcpReq(lb.LoadBalancerId, 80)
		r.Description = d
		_, e := s.CreateLoadBalancerTCPListener(testAccount, r)
		if !ok(d) {
			requireAPIError(rt, model.ErrInvalidParameterValue("Description"), e)
			require.Empty(rt, s.Dump().Listeners)
			mustTCP(rt, s, lb.LoadBalancerId, 80)
			st := s.Dump()
			st.Listeners[0].Description = d
			require.ErrorContains(rt, s.Validate(st), `"Description"`)
			return
		}
		require.Nil(rt, e, "%q: %v", d, e)
		require.NoError(rt, s.Validate(s.Dump()))
	})
}

// An LB moved to PayByCLCU loses its spec and keeps its consistent-hash
// listeners; it takes new ones too (it is performance-guaranteed), and its
// state validates.
func TestConsistentHashListenersOnPayByCLCU(t *testing.T) {
	t.Parallel()
	w := newSLBWorld(t, engine.Config{})
	r := tcpReq(w.perfLB, 80)
	r.Scheduler = "sch"
	_, e := w.s.CreateLoadBalancerTCPListener(testAccount, r)
	require.Nil(t, e, "%v", e)
	_, e = w.s.ModifyLoadBalancerInstanceChargeType(testAccount, &model.ModifyLoadBalancerInstanceChargeTypeRequest{
		RegionId: testRegion, LoadBalancerId: w.perfLB, InstanceChargeType: "PayByCLCU"})
	require.Nil(t, e, "%v", e)
	require.NoError(t, w.s.Validate(w.s.Dump()))
	u := udpReq(w.perfLB, 53)
	u.Scheduler = "qch"
	_, e = w.s.CreateLoadBalancerUDPListener(testAccount, u)
	require.Nil(t, e, "%v", e)
	require.NoError(t, w.s.Validate(w.s.Dump()))

	r = tcpReq(w.vpcLB, 80)
	r.Scheduler = "tch"
	_, e = w.s.CreateLoadBalancerTCPListener(testAccount, r)
	requireAPIError(t, model.ErrInvalidParameterValue("Scheduler"), e)
}
