package fake

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
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
	w := &responseBuffer{header: make(http.Header, 2)}
	if dropped := serveRecovering(rt.h, w, req); dropped {
		return nil, ErrConnectionDropped
	}
	return w.response(req), nil
}

// responseBuffer is the ResponseWriter of an in-process call: it keeps the
// status, the header and the body, and hands them over as the response
// (httptest.ResponseRecorder does the same with copies the fake does not
// need: the handler is done with them).
type responseBuffer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *responseBuffer) Header() http.Header { return w.header }

func (w *responseBuffer) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

// Write sets, as net/http's server does, a status of 200 when the handler
// set none, and at the first bytes a Content-Type sniffed from them when
// the handler set none.
func (w *responseBuffer) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	if w.body.Len() == 0 && len(p) > 0 {
		if _, ok := w.header["Content-Type"]; !ok {
			w.header.Set("Content-Type", http.DetectContentType(p))
		}
	}
	return w.body.Write(p)
}

// response is what the handler wrote, as the response to req.
func (w *responseBuffer) response(req *http.Request) *http.Response {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return &http.Response{
		Status:     strconv.Itoa(w.status) + " " + http.StatusText(w.status),
		StatusCode: w.status, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: w.header, Body: io.NopCloser(&w.body), ContentLength: int64(w.body.Len()),
		Request: req,
	}
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
