package fake

import (
	"sync"
	"time"
)

// nonceWindow is how long a SignatureNonce stays used (DOC: 15 minutes), and
// the largest Timestamp skew accepted.
const nonceWindow = 15 * time.Minute

// nonceCache remembers the SignatureNonces of the last nonceWindow on the
// fake's clock.
type nonceCache struct {
	mu   sync.Mutex
	seen map[string]time.Time
}

func newNonceCache() *nonceCache { return &nonceCache{seen: map[string]time.Time{}} }

// claim records nonce as used at now, unless it was used within the window:
// then it reports false. Check and record are one step, so two concurrent
// requests with one nonce cannot both pass. Nonces older than the window are
// forgotten.
func (c *nonceCache) claim(nonce string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if at, ok := c.seen[nonce]; ok && now.Sub(at) < nonceWindow {
		return false
	}
	for n, at := range c.seen {
		if now.Sub(at) >= nonceWindow {
			delete(c.seen, n)
		}
	}
	c.seen[nonce] = now
	return true
}
