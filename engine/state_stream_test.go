package engine_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// EncodeState writes what encoding Dump's State would, byte for byte, with
// and without indentation, for a world of every kind of row and for an empty
// one.
func TestEncodeStateIsTheJSONOfDump(t *testing.T) {
	t.Parallel()
	for name, s := range map[string]*engine.Store{"every kind of row": newValWorld(t).s, "empty": valNew(t, 0)} {
		t.Run(name, func(t *testing.T) {
			st := s.Dump()
			want, err := json.Marshal(st)
			require.NoError(t, err)
			var got bytes.Buffer
			require.NoError(t, s.EncodeState(&got, "", ""))
			require.Equal(t, string(want), got.String())
			for _, in := range [][2]string{{"", "  "}, {"  ", "  "}, {"> ", "\t"}} {
				want, err := json.MarshalIndent(st, in[0], in[1])
				require.NoError(t, err)
				got.Reset()
				require.NoError(t, s.EncodeState(&got, in[0], in[1]))
				require.Equal(t, string(want), got.String(), "prefix %q, indent %q", in[0], in[1])
			}
		})
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestEncodeStateReturnsTheWritersError(t *testing.T) {
	t.Parallel()
	s := newValWorld(t).s
	require.ErrorContains(t, s.EncodeState(&failingWriter{n: 100}, "", ""), "disk full")
}

// decodeInto reads text with DecodeState, as the fake does (unknown fields
// refused), and loads it into s.
func decodeInto(s *engine.Store, text string) error {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.DisallowUnknownFields()
	d, err := s.DecodeState(dec)
	if err != nil {
		return err
	}
	return s.LoadDecoded(d)
}

// A world written by EncodeState and read back by DecodeState and
// LoadDecoded is the same world, and it goes on working.
func TestDecodeStateRoundTrips(t *testing.T) {
	t.Parallel()
	w := newValWorld(t)
	var buf bytes.Buffer
	require.NoError(t, w.s.EncodeState(&buf, "  ", "  "))
	dst := valNew(t, 0)
	v := dst.Version()
	require.NoError(t, decodeInto(dst, buf.String()))
	require.Equal(t, w.s.Dump(), dst.Dump())
	require.Greater(t, dst.Version(), v)

	// The loaded world works: the classic instance is attached to the
	// internet LB, so adding it again is refused; removing it works, and a
	// new LB sorts after the loaded ones.
	_, e := dst.AddBackendServers(valAccount, &model.AddBackendServersRequest{RegionId: valRegion, LoadBalancerId: w.internet,
		BackendServers: valServers(`{"ServerId":"` + w.classic.InstanceId + `"}`)})
	require.Equal(t, model.ErrBackendServersInvalid(), e)
	_, e = dst.RemoveBackendServers(valAccount, &model.RemoveBackendServersRequest{RegionId: valRegion, LoadBalancerId: w.internet,
		BackendServers: valServers(`{"ServerId":"` + w.classic.InstanceId + `"}`)})
	valOK(t, e)
	lb, err := dst.PutLoadBalancer(model.LoadBalancer{AccountId: valAccount, RegionId: valRegion})
	require.NoError(t, err)
	for _, old := range w.s.Dump().LoadBalancers {
		require.Greater(t, lb.Seq, old.Seq)
	}
}

// DecodeState reads a State as encoding/json would: keys in any order and
// any case, null tables, a table given twice (the last counts), a null
// State; and it stops right after the State.
func TestDecodeStateReadsWhatEncodingJSONReads(t *testing.T) {
	t.Parallel()
	w := newValWorld(t)
	st := w.s.Dump()
	raw := func(v any) string {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		return string(b)
	}
	// The tables backwards, keys in lower case, and Vpcs twice: first empty.
	shuffled := `{"clienttokens":` + raw(st.ClientTokens) + `,"ips":` + raw(st.IPs) + `,"backends":` + raw(st.Backends) +
		`,"LOADBALANCERS":` + raw(st.LoadBalancers) + `,"networkInterfaces":` + raw(st.NetworkInterfaces) +
		`,"Instances":` + raw(st.Instances) + `,"Vpcs":null,"VSwitches":` + raw(st.VSwitches) + `,"Vpcs":` + raw(st.Vpcs) +
		`,"Accounts":` + raw(st.Accounts) + `}`
	dst := valNew(t, 0)
	require.NoError(t, decodeInto(dst, shuffled))
	require.Equal(t, st, dst.Dump())

	// In State's order, but Vpcs first empty, then again at the end: the
	// tables after Vpcs were checked (and found to refer to unknown VPCs)
	// before the second Vpcs came, which counts.
	inOrder := `{"Accounts":` + raw(st.Accounts) + `,"Vpcs":[],"VSwitches":` + raw(st.VSwitches) +
		`,"Instances":` + raw(st.Instances) + `,"NetworkInterfaces":` + raw(st.NetworkInterfaces) +
		`,"LoadBalancers":` + raw(st.LoadBalancers) + `,"Backends":` + raw(st.Backends) + `,"IPs":` + raw(st.IPs) +
		`,"ClientTokens":` + raw(st.ClientTokens) + `,"Vpcs":` + raw(st.Vpcs) + `}`
	dst = valNew(t, 0)
	require.NoError(t, decodeInto(dst, inOrder))
	require.Equal(t, st, dst.Dump())

	require.NoError(t, decodeInto(dst, "null"))
	require.Equal(t, engine.State{}, dst.Dump())
	require.NoError(t, decodeInto(dst, `{"Accounts":null,"Vpcs":[]}`))
	require.Equal(t, engine.State{}, dst.Dump())

	// The decoder goes on after the State.
	dec := json.NewDecoder(strings.NewReader(raw(st) + ` "after"`))
	d, err := dst.DecodeState(dec)
	require.NoError(t, err)
	var after string
	require.NoError(t, dec.Decode(&after))
	require.Equal(t, "after", after)
	require.NoError(t, dst.LoadDecoded(d))
	require.Equal(t, st, dst.Dump())
	require.Error(t, dst.LoadDecoded(d), "a decoded state loads once")
	_, err = dec.Token()
	require.Equal(t, io.EOF, err)
}

// Text that is not a State is refused, and the world is unchanged.
func TestDecodeStateRefusesWhatIsNotAState(t *testing.T) {
	t.Parallel()
	w := newValWorld(t)
	before := w.s.Dump()
	for text, want := range map[string]string{
		`[]`:                            "cannot unmarshal array into Go value of type engine.State",
		`{"Vpcs":5}`:                    "cannot unmarshal number into Go struct field State.Vpcs of type []model.Vpc",
		`{"Tables":[]}`:                 `unknown field "Tables"`,
		`{"Vpcs":[{"Color":"red"}]}`:    `unknown field "Color"`,
		`{"Backends":[{"Weight":"x"}]}`: "cannot unmarshal string into Go struct field Backend.Weight of type int",
		`{"Vpcs":[{}`:                   "unexpected EOF",
		``:                              "EOF",
	} {
		err := decodeInto(w.s, text)
		require.ErrorContains(t, err, want, "%s", text)
		require.Equal(t, before, w.s.Dump(), "%s changed the world", text)
	}
}

// A State that breaks the world's invariants is decoded, then refused by
// LoadDecoded with Validate's error, and nothing changes.
func TestLoadDecodedRefusesABrokenWorld(t *testing.T) {
	t.Parallel()
	w := newValWorld(t)
	st := valCopy(t, w.s.Dump())
	st.Backends[0].Weight = 101
	st.Instances[0].PrivateIp = "10.9.9.9"
	raw, err := json.Marshal(st)
	require.NoError(t, err)
	before := w.s.Dump()
	err = decodeInto(w.s, string(raw))
	var invalid *engine.InvalidStateError
	require.ErrorAs(t, err, &invalid)
	require.Equal(t, w.s.Validate(st).Error(), err.Error(), "the problems Validate reports, in its order")
	require.Equal(t, before, w.s.Dump())

	// The tables backwards: each is checked once the tables it refers to
	// are, so the problems are the same, in the same order.
	var fields map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &fields))
	names := []string{"ResourceTags", "UnhealthyBackends", "Listeners", "GroupBackends", "VServerGroups", "ClientTokens",
		"IPs", "Backends", "LoadBalancers", "NetworkInterfaces", "Instances", "VSwitches", "Vpcs", "Accounts"}
	require.Len(t, names, len(fields))
	backwards := "{"
	for i, name := range names {
		require.Contains(t, fields, name)
		if i > 0 {
			backwards += ","
		}
		backwards += `"` + name + `":` + string(fields[name])
	}
	backwards += "}"
	err = decodeInto(w.s, backwards)
	require.ErrorAs(t, err, &invalid)
	require.Equal(t, w.s.Validate(st).Error(), err.Error())
	require.Equal(t, before, w.s.Dump())
}

// A table given twice is checked again, as the State has it: the problems
// are Validate's, in its order, whether the tables after the first copy were
// already built (and their rows stored in creation order) or the second copy
// came after the first was checked.
func TestDecodeStateChecksATableGivenTwiceAsGiven(t *testing.T) {
	t.Parallel()
	s := valNew(t, 0)
	vpc := func(id string, seq int, cidr string) string {
		return fmt.Sprintf(`{"VpcId":%q,"AccountId":"a","RegionId":"cn-hangzhou","CidrBlock":%q,"Status":"Available","Seq":%d}`, id, cidr, seq)
	}
	for _, text := range []string{
		// Vpcs built (in Seq order) before Accounts comes again, empty.
		`{"Accounts":[{"AccountId":"a"}],"Vpcs":[` + vpc("vpc-b", 2, "10.0.0.0/8") + `,` + vpc("vpc-a", 1, "10.0.0.0/8") + `],"Accounts":[]}`,
		// The second Vpcs, never checked on the way, has a problem and a duplicate.
		`{"Accounts":[{"AccountId":"a"}],"Vpcs":[],"Vpcs":[` + vpc("vpc-x", 2, "bad") + `,` + vpc("vpc-x", 1, "10.0.0.0/8") + `]}`,
	} {
		var st engine.State
		require.NoError(t, json.Unmarshal([]byte(text), &st))
		want := s.Validate(st)
		require.Error(t, want)
		got := decodeInto(s, text)
		require.Error(t, got, text)
		require.Equal(t, want.Error(), got.Error(), text)
	}
}
