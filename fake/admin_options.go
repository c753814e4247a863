package fake

import (
	"context"
	"net/http"
	"slices"
)

// AllowAdminHosts returns h (the fake's Handler, or a handler that serves it)
// with more Host names accepted by the admin endpoint under AdminPrefix. By
// default the admin endpoint answers only a request addressed to a loopback
// name or address (localhost, 127.0.0.0/8, [::1]) or to the IP address of the
// server it reached (the local address of the connection, so that a server
// listening on 0.0.0.0 answers at http://ITS-IP:PORT/); any other Host,
// evil.example included (DNS rebinding), gets 403. Give here the names the
// server is reached by besides those: the host of -listen when it is a name, a
// container's service name, a reverse proxy's host. A name is matched without
// its port and case-insensitively; "*" accepts any Host, which gives up the
// protection. The RPC endpoint is not affected.
func AllowAdminHosts(h http.Handler, hosts ...string) http.Handler {
	allowed := make([]string, 0, len(hosts))
	for _, host := range hosts {
		if host == "*" {
			allowed = append(allowed, host)
			continue
		}
		if n := normalizeHost(host); n != "" {
			allowed = append(allowed, n)
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		all := allowed
		if outer := extraAdminHosts(r); len(outer) > 0 {
			all = append(slices.Clip(outer), allowed...)
		}
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), adminHostsKey{}, all)))
	})
}

// adminHostsKey is the context key of the names AllowAdminHosts adds; only
// this package can set it.
type adminHostsKey struct{}

// extraAdminHosts returns the names AllowAdminHosts added for r.
func extraAdminHosts(r *http.Request) []string {
	hosts, _ := r.Context().Value(adminHostsKey{}).([]string)
	return hosts
}
