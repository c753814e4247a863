package fake_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
)

// BenchmarkWire compares one signed AddBackendServers (with its undo, so the
// quota is never hit) served by the fake's Handler with a bare handler that
// only writes a fixed JSON body: the cost of the wire layer and the engine
// over net/http's own, measured in the same run.
func BenchmarkWire(b *testing.B) {
	t := &testing.T{}
	b.Run("bare-handler", func(b *testing.B) {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_ = r.ParseForm()
			w.Header().Set("Content-Type", "application/json;charset=utf-8")
			_, _ = w.Write([]byte(`{"RequestId":"X","LoadBalancerId":"lb","BackendServers":{"BackendServer":[]}}`))
		})
		req := signedRequest(t, http.MethodGet, seedParams, fake.DefaultAccessKeySecret, time.Now(), "bench")
		b.ReportAllocs()
		for b.Loop() {
			h.ServeHTTP(httptest.NewRecorder(), req)
		}
	})
	b.Run("fake-handler", func(b *testing.B) {
		f := seedWorld(&testing.T{})
		h := f.Handler()
		remove := map[string]string{}
		for k, v := range seedParams {
			remove[k] = v
		}
		remove["Action"] = "RemoveBackendServers"
		now := time.Now()
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			b.StopTimer()
			add := signedRequest(t, http.MethodGet, seedParams, fake.DefaultAccessKeySecret, now, fmt.Sprint("a", i))
			undo := signedRequest(t, http.MethodGet, remove, fake.DefaultAccessKeySecret, now, fmt.Sprint("r", i))
			b.StartTimer()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, add)
			if rec.Code != http.StatusOK {
				b.Fatalf("add: %d %s", rec.Code, rec.Body)
			}
			b.StopTimer()
			h.ServeHTTP(httptest.NewRecorder(), undo)
			b.StartTimer()
		}
	})
}
