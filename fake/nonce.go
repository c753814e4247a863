package fake

import (
	"sync"
	"time"
)

// nonceWindow is how long a SignatureNonce stays used (DOC: 15 minutes), and
// the largest Timestamp skew accepted.
const nonceWindow = 15 * time.Minute

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
	c.seen[nonce] = now
	c.order = append(c.order, claimedNonce{nonce, now})
	return true
}
