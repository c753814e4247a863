package fake

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// RoundTripper returns an http.RoundTripper that serves every request
// in-process with the fake's Handler: no socket, no port. Give it to an SDK
// client (client.SetTransport) with any domain; the host is not looked at.
func (f *Fake) RoundTripper() http.RoundTripper { return roundTripper{h: f.Handler()} }

type roundTripper struct{ h http.Handler }

func (rt roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	rec := httptest.NewRecorder()
	rt.h.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

// StartTestServer serves the fake on a loopback port until the test ends
// (t.Cleanup closes it) and returns the server; its Listener address
// ("127.0.0.1:PORT") is the domain to give an SDK client, with scheme HTTP.
func (f *Fake) StartTestServer(t testing.TB) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(f.Handler())
	t.Cleanup(srv.Close)
	return srv
}
