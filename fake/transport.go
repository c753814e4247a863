package fake

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// RoundTripper returns an http.RoundTripper that serves every request
// in-process with the fake's Handler: no socket, no port. Give it to a
// legacy SDK client (client.SetTransport), or wrap it for a V2.0 SDK client
// (darabonba's Config.HttpClient takes any value with
// Call(*http.Request, *http.Transport) (*http.Response, error)), with any
// domain; the host is not looked at.
func (f *Fake) RoundTripper() http.RoundTripper { return roundTripper{h: f.Handler()} }

type roundTripper struct{ h http.Handler }

func (rt roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	rec := httptest.NewRecorder()
	if dropped := serveRecovering(rt.h, rec, req); dropped {
		return nil, ErrConnectionDropped
	}
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

// serveRecovering runs h and reports whether it aborted the response (the
// way a dropped connection shows in-process).
func serveRecovering(h http.Handler, w http.ResponseWriter, r *http.Request) (aborted bool) {
	defer func() {
		if p := recover(); p != nil {
			if p != http.ErrAbortHandler {
				panic(p)
			}
			aborted = true
		}
	}()
	h.ServeHTTP(w, r)
	return false
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
