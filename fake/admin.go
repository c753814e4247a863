package fake

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// AdminPrefix is the path under which the fake serves its admin endpoint. No
// real RPC action uses a path other than "/", so it cannot collide with one.
const AdminPrefix = "/_slbfake/"

// The largest request bodies the admin endpoint reads: a bigger one is
// refused with 413 before it is parsed, and the connection is closed.
const (
	// AdminMaxFaultsBytes bounds PUT /_slbfake/faults: 1 MiB, thousands of
	// rules.
	AdminMaxFaultsBytes = 1 << 20
	// AdminMaxStateBytes bounds PUT /_slbfake/state: 256 MiB, a world of
	// several hundred thousand resources. The -state file and ImportState
	// have no such bound: they are the operator's own input.
	AdminMaxStateBytes = 256 << 20
)

// adminHandler serves, unauthenticated (it is a test tool):
//
//	GET    /_slbfake/calls          recorded calls, JSON lines
//	DELETE /_slbfake/calls          forget them
//	GET    /_slbfake/faults         the fault rules, a JSON array
//	PUT    /_slbfake/faults         replace them (a JSON array of FaultRule)
//	DELETE /_slbfake/faults         remove them
//	GET    /_slbfake/state          the whole world (the -state file format)
//	PUT    /_slbfake/state          replace the whole world
//	GET    /_slbfake/clock          the fake's time, RFC 3339
//	POST   /_slbfake/clock?advance=D  move a virtual clock forward by D (e.g. 90s)
//	POST   /_slbfake/health?lb=ID&server=ID&healthy=false  mark a backend
//	       unhealthy (healthy=true clears the mark): SetBackendHealth
//
// Because it is unauthenticated, it answers only requests that cannot come
// from a web page of another site (403 otherwise, before anything is read):
//
//   - the Host header names a loopback host (localhost, 127.0.0.0/8, ::1),
//     the IP address of the server the request reached (the local address of
//     its connection), or a name given to AllowAdminHosts; a page whose name
//     an attacker points at 127.0.0.1 (DNS rebinding) sends its own name and
//     is refused. A request that came through no network connection (the
//     RoundTripper, a direct ServeHTTP call) or through a Unix socket has no
//     browser behind it and is served.
//   - a state-changing request (PUT, POST, DELETE) that a browser marks as
//     cross-origin (Sec-Fetch-Site, or an Origin other than the Host) is
//     refused: http.CrossOriginProtection.
//
// Bodies are bounded (AdminMaxFaultsBytes, AdminMaxStateBytes), and must be
// exactly one JSON value: unknown fields and trailing data are refused (400).
// A state is validated against the world's invariants before it replaces
// anything (ImportState).
type adminHandler struct{ fake *Fake }

// adminCrossOrigin refuses cross-origin browser requests that change
// anything.
var adminCrossOrigin = http.NewCrossOriginProtection()

func (h adminHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f := h.fake
	if host, ok := adminHostAllowed(r); !ok {
		http.Error(w, fmt.Sprintf("slbfake admin: Host %q refused: the admin endpoint is unauthenticated and answers only "+
			"requests addressed to localhost, 127.0.0.0/8, [::1] or the IP address of this server, so that no web page "+
			"can reach it (DNS rebinding); to allow another name, serve the handler through fake.AllowAdminHosts", host),
			http.StatusForbidden)
		return
	}
	if err := adminCrossOrigin.Check(r); err != nil {
		http.Error(w, "slbfake admin: cross-origin request refused: "+err.Error(), http.StatusForbidden)
		return
	}
	switch route := r.Method + " " + strings.TrimPrefix(r.URL.Path, AdminPrefix); route {
	case "GET calls":
		w.Header().Set("Content-Type", "application/x-ndjson")
		_ = f.WriteCalls(w)
	case "DELETE calls":
		f.ResetCalls()
		w.WriteHeader(http.StatusNoContent)
	case "GET faults":
		writeJSON(w, f.Faults())
	case "PUT faults":
		var rules []FaultRule
		if !limitBody(w, r, AdminMaxFaultsBytes, "faults", "AdminMaxFaultsBytes") {
			return
		}
		if err := decodeStrict(r.Body, &rules); err != nil {
			adminBodyError(w, "faults", "faults: "+err.Error(), err, AdminMaxFaultsBytes, "AdminMaxFaultsBytes")
			return
		}
		if err := f.SetFaults(rules...); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		writeJSON(w, f.Faults())
	case "DELETE faults":
		f.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	case "GET state":
		w.Header().Set("Content-Type", "application/json")
		_ = f.ExportState(w)
	case "PUT state":
		if !limitBody(w, r, AdminMaxStateBytes, "state", "AdminMaxStateBytes") {
			return
		}
		if err := f.ImportState(r.Body); err != nil {
			adminBodyError(w, "state", err.Error(), err, AdminMaxStateBytes, "AdminMaxStateBytes")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case "GET clock":
		writeJSON(w, map[string]string{"Now": f.clock.Now().UTC().Format(time.RFC3339Nano)})
	case "POST clock":
		d, err := time.ParseDuration(r.URL.Query().Get("advance"))
		if err != nil || d < 0 {
			http.Error(w, "clock: advance=DURATION (e.g. 90s) is required", http.StatusBadRequest)
			return
		}
		adv, ok := f.clock.(interface{ Advance(time.Duration) })
		if !ok {
			http.Error(w, "clock: the fake runs on real time; start it with a virtual clock", http.StatusConflict)
			return
		}
		adv.Advance(d)
		writeJSON(w, map[string]string{"Now": f.clock.Now().UTC().Format(time.RFC3339Nano)})
	case "POST health":
		q := r.URL.Query()
		healthy, err := strconv.ParseBool(q.Get("healthy"))
		if err != nil || q.Get("lb") == "" || q.Get("server") == "" {
			http.Error(w, "health: lb=LOADBALANCERID, server=SERVERID and healthy=true|false are required", http.StatusBadRequest)
			return
		}
		if err := f.SetBackendHealth(q.Get("lb"), q.Get("server"), healthy); err != nil {
			http.Error(w, "health: "+err.Error(), http.StatusNotFound)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		http.Error(w, fmt.Sprintf("slbfake admin: no route %q", route), http.StatusNotFound)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// limitBody bounds r's body to limit bytes; a request that announces a longer
// one is answered 413 at once (and limitBody reports false).
func limitBody(w http.ResponseWriter, r *http.Request, limit int64, what, name string) bool {
	if r.ContentLength > limit {
		adminTooLarge(w, what, limit, name)
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	return true
}

// adminBodyError answers a body that did not decode: 413 when it was too
// long, 400 otherwise.
func adminBodyError(w http.ResponseWriter, what, msg string, err error, limit int64, name string) {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		adminTooLarge(w, what, limit, name)
		return
	}
	http.Error(w, msg, http.StatusBadRequest)
}

func adminTooLarge(w http.ResponseWriter, what string, limit int64, name string) {
	http.Error(w, fmt.Sprintf("slbfake admin: %s: body larger than %d MiB (fake.%s)", what, limit>>20, name),
		http.StatusRequestEntityTooLarge)
}

// adminHostAllowed applies the admin endpoint's Host rule (see adminHandler)
// and returns the Host it judged.
func adminHostAllowed(r *http.Request) (string, bool) {
	for _, h := range extraAdminHosts(r) {
		if h == "*" {
			return r.Host, true
		}
	}
	local, fromNetwork := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !fromNetwork {
		return r.Host, true // in process: no browser can send it
	}
	if _, unix := local.(*net.UnixAddr); unix {
		return r.Host, true // no browser speaks to a Unix socket
	}
	host := normalizeHost(r.Host)
	if host == "" {
		return r.Host, false
	}
	if host == "localhost" {
		return r.Host, true
	}
	for _, h := range extraAdminHosts(r) {
		if h == host {
			return r.Host, true
		}
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return r.Host, false // a name: only localhost and the allowed ones
	}
	addr = addr.Unmap().WithZone("")
	if addr.IsLoopback() {
		return r.Host, true
	}
	if tcp, ok := local.(*net.TCPAddr); ok {
		if ip, ok := netip.AddrFromSlice(tcp.IP); ok && ip.Unmap() == addr {
			return r.Host, true
		}
	}
	return r.Host, false
}

// normalizeHost reduces a Host header (or a name given to AllowAdminHosts) to
// its lower-case host part: no port, no IPv6 brackets, no trailing dot. It
// returns "" for an empty or malformed one.
func normalizeHost(hostport string) string {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" || strings.ContainsAny(host, "/[]@ \t") {
		return ""
	}
	return host
}
