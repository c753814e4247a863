package fake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// AdminPrefix is the path under which the fake serves its admin endpoint. No
// real RPC action uses a path other than "/", so it cannot collide with one.
const AdminPrefix = "/_slbfake/"

// adminHandler serves, unauthenticated (it is a test tool; bind it to
// loopback):
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
type adminHandler struct{ fake *Fake }

func (h adminHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f := h.fake
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
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rules); err != nil {
			http.Error(w, "faults: "+err.Error(), http.StatusBadRequest)
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
		if err := f.ImportState(r.Body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
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
