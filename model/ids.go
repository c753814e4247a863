package model

import (
	"math/rand/v2"
	"strings"
	"sync"
)

// Resource ID prefixes and the length of the part after the prefix, as real
// IDs have them (i-2zej4lxhjoq1icue6kup: 20 characters after "i-").
const (
	PrefixInstance     = "i-"
	PrefixLoadBalancer = "lb-"
	PrefixVpc          = "vpc-"
	PrefixVSwitch      = "vsw-"
	PrefixENI          = "eni-"
	PrefixVRouter      = "vrt-"
	PrefixRouteTable   = "vtb-"
	PrefixSecGroup     = "sg-"
	PrefixVServerGroup = "rsp-"
)

func idBodyLen(prefix string) int {
	switch prefix {
	case PrefixLoadBalancer, PrefixVpc, PrefixVSwitch, PrefixVRouter, PrefixRouteTable, PrefixVServerGroup:
		return 21
	case PrefixENI:
		return 22
	default:
		return 20
	}
}

const base36 = "0123456789abcdefghijklmnopqrstuvwxyz"

// IDSource draws every identifier and RequestId of one fake from one seeded
// generator, so that the same seed and the same calls give the same IDs. It is
// safe for concurrent use; with concurrent callers the order of draws, and so
// the IDs, follows the order in which calls reach it.
type IDSource struct {
	mu  sync.Mutex
	pcg *rand.PCG
	rng *rand.Rand
}

// NewIDSource returns a source seeded with seed.
func NewIDSource(seed uint64) *IDSource {
	pcg := rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)
	return &IDSource{pcg: pcg, rng: rand.New(pcg)}
}

// MarshalBinary returns the source's position, so that a saved world can go
// on drawing exactly where it stopped.
func (s *IDSource) MarshalBinary() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pcg.MarshalBinary()
}

// UnmarshalBinary moves the source to a position MarshalBinary returned.
func (s *IDSource) UnmarshalBinary(b []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pcg.UnmarshalBinary(b)
}

// NewID returns a fresh ID with the given prefix. regionCode, when not empty,
// starts the body as real IDs do (lb-2ze... in cn-beijing).
func (s *IDSource) NewID(prefix, regionCode string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := idBodyLen(prefix)
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteString(regionCode)
	for i := len(regionCode); i < n; i++ {
		b.WriteByte(base36[s.rng.IntN(len(base36))])
	}
	return b.String()
}

// RequestID returns an uppercase UUID (8-4-4-4-12), version 4 layout.
func (s *IDSource) RequestID() string {
	s.mu.Lock()
	hi, lo := s.rng.Uint64(), s.rng.Uint64()
	s.mu.Unlock()
	hi = hi&^0xf000 | 0x4000     // version 4
	lo = lo&^(0xc<<60) | 0x8<<60 // RFC 4122 variant
	return formatUUID(hi, lo)
}

// formatUUID writes hi and lo as fmt's "%08X-%04X-%04X-%04X-%012X" of
// hi>>32, (hi>>16)&0xffff, hi&0xffff, lo>>48 and lo&0xffffffffffff would,
// without fmt: a RequestId is drawn for every call.
func formatUUID(hi, lo uint64) string {
	const hex = "0123456789ABCDEF"
	var b [36]byte
	i := 0
	for _, v := range [2]uint64{hi, lo} {
		for shift := 60; shift >= 0; shift -= 4 {
			if i == 8 || i == 13 || i == 18 || i == 23 {
				b[i] = '-'
				i++
			}
			b[i] = hex[(v>>shift)&15]
			i++
		}
	}
	return string(b[:])
}

// Pick returns a number in [0, n), drawn from the same source.
func (s *IDSource) Pick(n int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rng.IntN(n)
}
