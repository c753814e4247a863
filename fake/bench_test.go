package fake_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
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
	// The same signed AddBackendServers, with its undo, through the fake's
	// Handler, signed with Signature V1 and with V3, in the same run.
	for _, version := range []string{"v1", "v3"} {
		b.Run("fake-handler-"+version, func(b *testing.B) {
			f := seedWorld(&testing.T{})
			h := f.Handler()
			now := time.Now()
			sign := func(action, nonce string) *http.Request {
				params := map[string]string{}
				for k, v := range seedParams {
					params[k] = v
				}
				params["Action"] = action
				if version == "v1" {
					return signedRequest(t, http.MethodGet, params, fake.DefaultAccessKeySecret, now, nonce)
				}
				delete(params, "Action")
				delete(params, "Version")
				return v3Call{action: action, version: "2014-05-15", query: params, now: now, nonce: nonce}.request(t)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				b.StopTimer()
				add := sign("AddBackendServers", fmt.Sprint("a", i))
				undo := sign("RemoveBackendServers", fmt.Sprint("r", i))
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
}

// BenchmarkRecordCall measures one cheap call (DescribeVpcs of an empty
// region) with the record empty and with a full record of the server's
// default limit, in the same run: keeping a call must cost the same however
// full the record is.
func BenchmarkRecordCall(b *testing.B) {
	const limit = 100000
	ctx := context.Background()
	req := &model.DescribeVpcsRequest{RegionId: "cn-hangzhou"}
	for _, fill := range []int{0, limit} {
		b.Run(fmt.Sprintf("record=%d", fill), func(b *testing.B) {
			f := fake.New(fake.WithCallLimit(limit))
			c := f.Client()
			for range fill {
				_, _ = c.DescribeVpcs(ctx, req)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := c.DescribeVpcs(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
