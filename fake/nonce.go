package fake

import (
	"sync"
	"time"
)

// nonceWindow is how long a SignatureNonce stays used (DOC: 15 minutes), and
// the largest Timestamp skew accepted.
const nonceWindow = 15 * time.Minute

// Nonce limits (INF: the fake's, none is documented). A nonce longer than
// maxNonceLength is refused as an invalid parameter; the SDKs send 32 to 64
// characters. The cache holds at most maxNonces: when it is full the oldest
// nonce is forgotten before its window ends, so that memory stays bounded
// whatever the request rate (at most about maxNonces*(maxNonceLength+100)
// bytes); replays are then caught within the last maxNonces requests.
const (
	maxNonceLength = 128
	maxNonces      = 100_000
)

// nonceCache remembers the SignatureNonces of the last nonceWindow on the
// fake's clock. order holds them in the order they were claimed, so that
// forgetting the expired ones costs only the expired ones.
type nonceCache struct {
	mu    sync.Mutex
	seen  map[string]time.Time
	order []claimedNonce
}

type claimedNonce struct {
	nonce string
	at    time.Time
}

func newNonceCache() *nonceCache { return &nonceCache{seen: map[string]time.Time{}} }

// claim records nonce as used at now, unless it was used within the window:
// then it reports false. Check and record are one step, so two concurrent
// requests with one nonce cannot both pass.
func (c *nonceCache) claim(nonce string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	expired := 0
	for expired < len(c.order) && now.Sub(c.order[expired].at) >= nonceWindow {
		if at := c.seen[c.order[expired].nonce]; at.Equal(c.order[expired].at) {
			delete(c.seen, c.order[expired].nonce)
		}
		expired++
	}
	c.order = c.order[expired:]
	if at, ok := c.seen[nonce]; ok && now.Sub(at) < nonceWindow {
		return false
	}
	if len(c.order) >= maxNonces {
		oldest := c.order[0]
		if at := c.seen[oldest.nonce]; at.Equal(oldest.at) {
			delete(c.seen, oldest.nonce)
		}
		c.order = c.order[1:]
	}
	c.seen[nonce] = now
	c.order = append(c.order, claimedNonce{nonce, now})
	return true
}
