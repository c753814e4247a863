package fake

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/slbfake/slbfake/engine"
	"github.com/slbfake/slbfake/model"
)

// DefaultAccountId is the account of Fake.Client.
const DefaultAccountId = "1234567890123456"

// Fake is an in-memory Alibaba Cloud SLB, ECS and VPC. It is safe for
// concurrent use by many goroutines. Create one per test with New.
type Fake struct {
	store *engine.Store
	ids   *model.IDSource
	clock Clock
	// keys maps AccessKeyId to credential; keyOrder keeps the order given.
	keys     map[string]AccessKey
	keyOrder []string
	// signers checks signatures by AccessKeyId, one per key.
	signers  map[string]*keySigner
	nonces   *nonceCache
	logger   *slog.Logger
	faults   *faultPlan
	recorder recorder
}

// New returns an empty fake world: the region catalogue and nothing else.
func New(opts ...Option) *Fake {
	cfg := config{clock: ClockFunc(time.Now)}
	for _, o := range opts {
		o(&cfg)
	}
	ids := model.NewIDSource(cfg.seed)
	store, err := engine.New(engine.Config{IDs: ids, Now: cfg.clock.Now, BackendQuota: cfg.quota, Lifecycle: cfg.life,
		ConfiguringWindow: cfg.configuring})
	if err != nil {
		panic(fmt.Sprintf("slbfake: %v", err)) // only a schema bug gets here
	}
	f := &Fake{store: store, ids: ids, clock: cfg.clock, keys: map[string]AccessKey{}, nonces: newNonceCache(),
		logger: cfg.log, faults: newFaultPlan(cfg.seed), recorder: recorder{limit: cfg.callLimit}}
	if err := f.faults.set(cfg.faults); err != nil {
		panic(err) // WithFaults with an invalid rule: a bug in the test
	}
	for _, k := range append([]AccessKey{DefaultAccessKey()}, cfg.keys...) {
		if _, dup := f.keys[k.Id]; !dup {
			f.keyOrder = append(f.keyOrder, k.Id)
		}
		f.keys[k.Id] = k
	}
	f.signers = make(map[string]*keySigner, len(f.keys))
	for id, k := range f.keys {
		f.signers[id] = newKeySigner(k.Secret)
	}
	return f
}

// Client returns a client of the default account (DefaultAccountId).
func (f *Fake) Client() *Client { return f.ClientForAccount(DefaultAccountId) }

// ClientForAccount returns a client acting as account. Accounts see only
// their own resources: another account's are "not found".
func (f *Fake) ClientForAccount(account string) *Client {
	return &Client{fake: f, account: account}
}

// State returns a copy of the whole world, for assertions.
func (f *Fake) State() engine.State { return f.store.Dump() }

// Version returns the world's change counter: it moves with every call or
// fixture that changed the world, every Restore and every ImportState, and
// with nothing else. A server that saved the world at version v has nothing
// new to save while Version is still v.
func (f *Fake) Version() uint64 { return f.store.Version() }

// BackendQuota returns the per-LB backend quota in force.
func (f *Fake) BackendQuota() int { return f.store.BackendQuota() }
