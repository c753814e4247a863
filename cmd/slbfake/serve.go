package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/slbfake/slbfake/fake"
)

// frontend wraps the fake's Handler for the server. It does two things the
// http.Server cannot do alone:
//
//   - Timeouts that never cut an injected latency. net/http's ReadTimeout
//     keeps running while the handler works, and when it expires the request
//     context is cancelled (the connection's background read fails), which
//     would end a call waiting out a latency fault. So the read deadline is
//     lifted once the request body has been read to its end (at once for a
//     request without a body). WriteTimeout would cut the response of a call
//     that waited longer than it; so the write deadline is lifted while the
//     handler runs and set, to writeTimeout, when the response starts.
//   - Telling the persister that the world changed: after every request
//     during which the world's change counter moved (fake.Version). A
//     concurrent request's change may be reported by another request too;
//     a change is never missed, since the request that made it sees it.
type frontend struct {
	h                         http.Handler
	readTimeout, writeTimeout time.Duration
	// version is the world's change counter (nil: nobody is interested in
	// changes); changed is called after a request during which it moved.
	version func() uint64
	changed func()
}

func (fe *frontend) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	if fe.readTimeout > 0 {
		if r.Body == nil || r.Body == http.NoBody {
			_ = rc.SetReadDeadline(time.Time{})
		} else {
			r.Body = &bodyEnd{ReadCloser: r.Body, end: func() { _ = rc.SetReadDeadline(time.Time{}) }}
		}
	}
	if fe.writeTimeout > 0 {
		_ = rc.SetWriteDeadline(time.Time{})
		tw := &timedWriter{ResponseWriter: w, rc: rc, d: fe.writeTimeout}
		defer tw.start() // a handler that wrote nothing: the server writes after it returns
		w = tw
	}
	if fe.changed == nil {
		fe.h.ServeHTTP(w, r)
		return
	}
	before := fe.version()
	fe.h.ServeHTTP(w, r)
	if fe.version() != before {
		fe.changed()
	}
}

// bodyEnd calls end once, when the body has been read to its end.
type bodyEnd struct {
	io.ReadCloser
	once sync.Once
	end  func()
}

func (b *bodyEnd) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF {
		b.once.Do(b.end)
	}
	return n, err
}

// timedWriter sets the connection's write deadline when the response starts.
// It keeps the ResponseWriter's Hijack (the fake drops connections with it)
// and Flush, and unwraps for http.ResponseController.
type timedWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController
	d       time.Duration
	started bool
}

func (w *timedWriter) start() {
	if !w.started {
		w.started = true
		_ = w.rc.SetWriteDeadline(time.Now().Add(w.d))
	}
}

func (w *timedWriter) WriteHeader(code int) {
	w.start()
	w.ResponseWriter.WriteHeader(code)
}

func (w *timedWriter) Write(p []byte) (int, error) {
	w.start()
	return w.ResponseWriter.Write(p)
}

func (w *timedWriter) Flush() {
	w.start()
	_ = w.rc.Flush()
}

func (w *timedWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	w.started = true // the connection is the hijacker's now
	return w.rc.Hijack()
}

func (w *timedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// isLoopback reports whether a bound address is reachable only from this
// machine. An unspecified address (0.0.0.0, ::) listens on every interface.
func isLoopback(addr net.Addr) bool {
	if tcp, ok := addr.(*net.TCPAddr); ok {
		return tcp.IP.IsLoopback()
	}
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// nonLoopbackWarning is printed on standard error when the server listens on
// an address other machines may reach.
func nonLoopbackWarning(addr net.Addr) string {
	return "WARNING: slbfake is listening on " + addr.String() + ", which is not a loopback address.\n" +
		"  Anyone who can reach it can use the admin endpoint " + fake.AdminPrefix + ", which has no\n" +
		"  authentication (read and replace the whole world, the faults and the call record), and\n" +
		"  the default credential " + fake.DefaultAccessKeyId + " / " + fake.DefaultAccessKeySecret + ", which is public.\n" +
		"  Listen on 127.0.0.1 (the default) unless every client of this network is trusted.\n"
}
