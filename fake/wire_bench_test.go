package fake_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

// BenchmarkWireSplit puts a signed AddBackendServers (with its undo, outside
// the timer) through the fake's Handler beside what it costs without the
// wire: the same call through the typed Client inside a bare handler that
// does only the HTTP decoding and encoding any handler does (ParseForm, the
// request struct by hand, json.Marshal). The ratio of the two is the wire's
// own cost: the gateway (timestamp, nonce, signature), the parameter
// decoding and the answer's encoding.
func BenchmarkWireSplit(b *testing.B) {
	t := &testing.T{}
	undo := func(f *fake.Fake) {
		_, _ = f.Client().RemoveBackendServers(context.Background(), &model.RemoveBackendServersRequest{
			RegionId: seedParams["RegionId"], LoadBalancerId: seedParams["LoadBalancerId"], BackendServers: seedParams["BackendServers"]})
	}
	b.Run("client-in-bare-handler", func(b *testing.B) {
		f := seedWorld(t)
		c := f.Client()
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if err := r.ParseForm(); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			resp, err := c.AddBackendServers(r.Context(), &model.AddBackendServersRequest{
				RegionId: r.Form.Get("RegionId"), LoadBalancerId: r.Form.Get("LoadBalancerId"), BackendServers: r.Form.Get("BackendServers")})
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			body, _ := json.Marshal(resp)
			w.Header().Set("Content-Type", "application/json;charset=utf-8")
			_, _ = w.Write(body)
		})
		serveSignedAdds(b, t, h, func() { undo(f) })
	})
	b.Run("fake-handler", func(b *testing.B) {
		f := seedWorld(t)
		h := f.Handler()
		serveSignedAdds(b, t, h, func() { undo(f) })
	})
}

// serveSignedAdds serves a freshly signed seed AddBackendServers through h
// per iteration, timing only h, and calls undo (untimed) after each.
func serveSignedAdds(b *testing.B, t *testing.T, h http.Handler, undo func()) {
	now := time.Now()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		b.StopTimer()
		req := signedRequest(t, http.MethodGet, seedParams, fake.DefaultAccessKeySecret, now, fmt.Sprint("a", i))
		b.StartTimer()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
		b.StopTimer()
		undo()
		b.StartTimer()
	}
}
