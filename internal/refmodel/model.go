package refmodel

import (
	"slices"
	"time"

	"github.com/slbfake/slbfake/model"
)

// The model's world: its configuration, the region catalogue, and account and
// region isolation. Each resource's type, lookup, fixture and operations are
// in the file of its domain.

// Config configures a Model.
type Config struct {
	// Quota is the most backends one LB may have (200 by default,
	// configurable per fake: README, fidelity table, "Per-LB backend quota").
	// 0 is the default.
	Quota int
	// Now is the fixed time of the fake's clock: every creation time.
	Now time.Time
}

// Model is the reference world. It is not safe for concurrent use; the
// state-machine test drives it from one goroutine.
type Model struct {
	quota     int
	now       time.Time
	accounts  map[string]bool
	vpcs      map[string]*Vpc
	vswitches map[string]*VSwitch
	instances map[string]*Instance
	enis      map[string]*ENI
	lbs       map[string]*LoadBalancer
	// lbOrder lists LB IDs in creation order (Describe lists them so).
	lbOrder []string
	// tokens are the ClientTokens of idempotent creates (idempotency.go).
	tokens map[tokenKey]tokenRecord
	// The simulation (simulation.go): durations, the instances in a
	// transitional status, the LBs' configuring windows.
	sim         Simulation
	transitions map[string]*transition
	busyUntil   map[string]time.Time
	// listeners by LB, port and protocol; listenerBusy the ones in a
	// transitional status (slb_listener.go).
	listeners    map[string]*Listener
	listenerBusy map[string]busyListener
	// groups are the vServer groups by ID, groupOrder their IDs in
	// creation order (slb_vservergroup.go).
	groups     map[string]*VServerGroup
	groupOrder []string
}

// New returns an empty world: the region catalogue and nothing else.
func New(cfg Config) *Model {
	q := cfg.Quota
	if q <= 0 {
		q = 200
	}
	return &Model{
		quota: q, now: cfg.Now.UTC(),
		accounts: map[string]bool{}, vpcs: map[string]*Vpc{}, vswitches: map[string]*VSwitch{},
		instances: map[string]*Instance{}, enis: map[string]*ENI{}, lbs: map[string]*LoadBalancer{},
		transitions: map[string]*transition{}, busyUntil: map[string]time.Time{},
	}
}

// Quota returns the per-LB backend quota.
func (m *Model) Quota() int { return m.quota }

// regionZones is the catalogue: region ID to zones, in order (the regions
// are those of the README's fidelity table, "Regions"; the zones are the real
// ones).
var regionZones = map[string][]string{
	"cn-hangzhou":    {"cn-hangzhou-g", "cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"},
	"cn-beijing":     {"cn-beijing-a", "cn-beijing-c", "cn-beijing-f", "cn-beijing-g", "cn-beijing-h"},
	"cn-shanghai":    {"cn-shanghai-a", "cn-shanghai-b", "cn-shanghai-e", "cn-shanghai-f", "cn-shanghai-g"},
	"cn-shenzhen":    {"cn-shenzhen-a", "cn-shenzhen-c", "cn-shenzhen-d", "cn-shenzhen-e", "cn-shenzhen-f"},
	"cn-hongkong":    {"cn-hongkong-b", "cn-hongkong-c", "cn-hongkong-d"},
	"ap-southeast-1": {"ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"},
	"us-west-1":      {"us-west-1a", "us-west-1b"},
	"eu-central-1":   {"eu-central-1a", "eu-central-1b", "eu-central-1c"},
}

// Zones returns the zones of a catalogue region, or nil.
func Zones(region string) []string { return slices.Clone(regionZones[region]) }

// checkRegion is the first check of every call: RegionId present and known.
func checkRegion(region string) *model.Error {
	if region == "" {
		return model.ErrMissingParameter("RegionId")
	}
	if _, ok := regionZones[region]; !ok {
		return model.ErrInvalidRegionId()
	}
	return nil
}

// visible is account and region isolation: a resource of another account or
// another region does not exist for the caller.
func visible(account, region, ownerAccount, ownerRegion string) bool {
	return account == ownerAccount && region == ownerRegion
}

// Assigned is what the fake chose for a created resource: its ID, its
// address (an LB's Address, an instance's private IP), and the zone it drew
// when the request named none and nothing else decides it.
type Assigned struct {
	Id      string
	Address string
	Zone    string
}
