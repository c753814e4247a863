package fake

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/slbfake/slbfake/model"
)

// Handler returns the fake's RPC endpoint: Alibaba Cloud's RPC protocol as
// the official SDKs speak it, for SLB, ECS and VPC on one URL, told apart by
// Version. GET and POST on "/"; parameters from the query and a form body,
// merged. Every request is checked as the real gateway checks it, in its
// order: Action and Version known, the common parameters present,
// SignatureMethod HMAC-SHA1 and SignatureVersion 1.0, Timestamp well formed
// and within 15 minutes of the fake's clock, SignatureNonce unused for 15
// minutes, AccessKeyId known, and the Signature V1 right. A request that
// passes acts as the account of its access key and goes down the same
// dispatch chain as a Client call.
//
// Paths under AdminPrefix serve the admin endpoint: GET and DELETE calls
// (the record, as JSON lines), GET, PUT and DELETE faults (a JSON array of
// FaultRule), GET and PUT state (the ExportState format), GET clock and POST
// clock?advance=D (a VirtualClock). It is unauthenticated: bind the server
// to loopback.
func (f *Fake) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle(AdminPrefix, adminHandler{fake: f})
	mux.Handle("/", &wireHandler{fake: f})
	return mux
}

type wireHandler struct{ fake *Fake }

// wireFormat is the response format a request asked for.
type wireFormat int

const (
	formatJSON wireFormat = iota
	formatXML
)

func (h *wireHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	requestId := h.fake.ids.RequestID()
	if status := oversized(r); status != 0 {
		refuseOversized(w, status)
		h.log(r, "", strconv.Itoa(status), start, requestId)
		return
	}
	wr, perr := readRequest(r)
	if wr.tooLarge {
		refuseOversized(w, http.StatusRequestEntityTooLarge)
		h.log(r, "", strconv.Itoa(http.StatusRequestEntityTooLarge), start, requestId)
		return
	}
	resp, act, err := h.serve(r, requestId, wr, perr)
	var prod *product
	name := wr.params["Action"]
	if act != nil {
		prod, name = act.product(), act.Name()
	} else if p, ok := productOf(wr.params["Version"]); ok {
		prod = p
	}
	code := "OK"
	var apiErr *model.Error
	switch {
	case err == nil:
		writeResponse(w, wr.format, name, resp)
	case errors.Is(err, ErrConnectionDropped):
		code = "ConnectionDropped"
		dropConnection(w)
	case errors.As(err, &apiErr):
		code = string(apiErr.Code)
		writeError(w, wr.format, prod, apiErr)
	default: // no call ends otherwise; answered as the service answers a bug
		apiErr = model.ErrInternalError().WithRequestId(requestId)
		code = string(apiErr.Code)
		writeError(w, wr.format, prod, apiErr)
	}
	h.log(r, name, code, start, requestId)
}

// log writes the request's line, when the fake has a logger.
func (h *wireHandler) log(r *http.Request, action, code string, start time.Time, requestId string) {
	if log := h.fake.logger; log != nil {
		log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("action", action), slog.String("code", code),
			slog.Duration("duration", time.Since(start)), slog.String("request_id", requestId))
	}
}

// dropConnection closes the client's connection without a response. Where
// the ResponseWriter cannot be hijacked (the in-process RoundTripper), it
// panics with http.ErrAbortHandler, which net/http and the RoundTripper
// both turn into a transport error.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// serve runs the gateway checks and then the action, as the account of the
// request's access key. It returns the action when the request named a
// known one. The gateway's own errors are stamped with requestId here; a
// call's outcome was stamped by the dispatch chain.
func (h *wireHandler) serve(r *http.Request, requestId string, wr wireRequest, perr *model.Error) (response, actionInfo, error) {
	if r.URL.Path != "/" || (r.Method != http.MethodGet && r.Method != http.MethodPost) {
		return nil, nil, model.ErrInvalidAction().WithRequestId(requestId)
	}
	if perr != nil {
		return nil, nil, perr.WithRequestId(requestId)
	}
	act, key, e := h.authenticate(r, wr)
	if e != nil {
		return nil, act, e.WithRequestId(requestId)
	}
	resp, err := act.serveWire(r.Context(), h.fake, key.Account, requestId, wr.params)
	return resp, act, err
}

// wireRequest is what the endpoint read of a request: its parameters (the
// query's, then a form body's; a key in both keeps the query's value; empty
// values kept, since SignatureType= is part of the V1 string to sign), the
// body as received (Signature V3 signs its hash), and the response format
// asked for.
type wireRequest struct {
	params map[string]string
	body   []byte
	format wireFormat
	// tooLarge: the body was over maxBodyBytes (a body that declared no
	// length); the request is refused by its size.
	tooLarge bool
}

// Request limits. No documented limit of the real gateway was found; these
// are the fake's (INF), far above what any SDK sends for the modelled
// actions, and they bound what one request can make the fake read or keep.
const (
	// maxBodyBytes bounds a request body.
	maxBodyBytes = 1 << 20
	// maxQueryBytes bounds a request's raw query string.
	maxQueryBytes = 64 << 10
)

// oversized returns the status that refuses a request by its size before
// anything of it is read, or 0: a query over maxQueryBytes (414), a declared
// body over maxBodyBytes (413).
func oversized(r *http.Request) int {
	switch {
	case len(r.URL.RawQuery) > maxQueryBytes:
		return http.StatusRequestURITooLong
	case r.ContentLength > maxBodyBytes:
		return http.StatusRequestEntityTooLarge
	}
	return 0
}

// refuseOversized answers a request refused by its size as a front proxy
// does: the bare status, and the connection closed, so that the rest of the
// body is never read.
func refuseOversized(w http.ResponseWriter, status int) {
	w.Header().Set("Connection", "close")
	http.Error(w, http.StatusText(status), status)
}

// readRequest reads the parameters and the body. What it read before a
// malformed part is kept, so that an error can still be answered in the
// format asked for.
func readRequest(r *http.Request) (wireRequest, *model.Error) {
	wr := wireRequest{params: map[string]string{}}
	e := wr.read(r)
	if strings.EqualFold(wr.params["Format"], "XML") {
		wr.format = formatXML
	}
	return wr, e
}

func (wr *wireRequest) read(r *http.Request) *model.Error {
	if !addParams(wr.params, r.URL.RawQuery) {
		return model.ErrInvalidParameterValue("query")
	}
	if r.Body == nil || r.Method != http.MethodPost {
		return nil
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(http.MaxBytesReader(nil, r.Body, maxBodyBytes)); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			wr.tooLarge = true
			return nil
		}
		return model.ErrInvalidParameterValue("body")
	}
	wr.body = buf.Bytes()
	if ct, _, _ := mime.ParseMediaType(headerValue(r.Header, "Content-Type")); ct != "application/x-www-form-urlencoded" && ct != "" {
		return nil
	}
	if !addParams(wr.params, string(wr.body)) {
		return model.ErrInvalidParameterValue("body")
	}
	return nil
}

// detach returns decoded, copied when it is still a view of raw (decoding
// copies whenever it changed something).
func detach(decoded, raw string) string {
	if decoded == raw {
		return strings.Clone(decoded)
	}
	return decoded
}

// maxParams bounds the parameters one query or body may carry (INF).
const maxParams = 1000

// addParams adds the parameters of a query string or form body to params,
// as url.ParseQuery reads them (name=value pairs split at &, each
// percent-decoded with + as a space; a pair with a semicolon, or one that
// does not decode, is malformed), keeping the first value of a name and a
// name already in params. Names and values are copied: whatever the fake
// keeps (a nonce, a recorded request, a stored name) must not hold the whole
// request alive. It reports whether every pair was well formed (and there
// were at most maxParams); the well-formed pairs are added either way.
func addParams(params map[string]string, raw string) bool {
	ok, n := true, 0
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		if n++; n > maxParams || strings.Contains(pair, ";") {
			ok = false
			continue
		}
		rawKey, rawValue, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil {
			ok = false
			continue
		}
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			ok = false
			continue
		}
		if _, seen := params[key]; !seen {
			params[detach(key, rawKey)] = detach(value, rawValue)
		}
	}
	return ok
}

// headerValue returns a header's first value, whatever the case of its key:
// in process, the V2.0 SDKs hand over their header keys as they set them
// (content-type), not in Go's canonical form.
func headerValue(h http.Header, name string) string {
	if v := h.Get(name); v != "" {
		return v
	}
	for k, vs := range h {
		if strings.EqualFold(k, name) && len(vs) > 0 {
			return vs[0]
		}
	}
	return ""
}

// writeResponse encodes a success: JSON, or XML under <ActionResponse>.
func writeResponse(w http.ResponseWriter, format wireFormat, action string, resp any) {
	if format == formatXML {
		body, err := xml.MarshalIndent(resp, "", "  ")
		if err == nil {
			body, err = renameRoot(body, action+"Response")
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/xml;charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
		return
	}
	body, err := json.Marshal(resp)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// renameRoot replaces the root element's name, which encoding/xml takes from
// the Go type, with the API's.
func renameRoot(body []byte, root string) ([]byte, error) {
	open := bytes.IndexByte(body, '>')
	if open < 0 || body[0] != '<' {
		return nil, errors.New("slbfake: unexpected XML encoding")
	}
	oldName := string(body[1:open])
	if i := strings.IndexByte(oldName, ' '); i >= 0 {
		oldName = oldName[:i]
	}
	closing := []byte("</" + oldName + ">")
	if !bytes.HasSuffix(body, closing) {
		return nil, errors.New("slbfake: unexpected XML encoding")
	}
	out := append([]byte("<"+root), body[1+len(oldName):len(body)-len(closing)]...)
	return append(out, "</"+root+">"...), nil
}

// errorBody is the error envelope, every field a string.
type errorBody struct {
	XMLName   xml.Name `json:"-" xml:"Error"`
	RequestId string
	HostId    string
	Code      string
	Message   string
	Recommend string
}

// writeError encodes an error with its catalogue status: JSON, or XML when
// the request asked for Format=XML.
func writeError(w http.ResponseWriter, format wireFormat, prod *product, e *model.Error) {
	if prod == nil {
		prod = productSLB // a request that names no known product
	}
	host, name := prod.hostId, prod.name
	b := errorBody{RequestId: e.RequestId, HostId: host, Code: string(e.Code), Message: e.Message,
		Recommend: "https://api.aliyun.com/troubleshoot?q=" + url.QueryEscape(string(e.Code)) + "&product=" + name + "&requestId=" + e.RequestId}
	var body []byte
	var err error
	if format == formatXML {
		w.Header().Set("Content-Type", "text/xml;charset=utf-8")
		body, err = xml.MarshalIndent(b, "", "  ")
	} else {
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		body, err = json.Marshal(b)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(e.HTTPStatus)
	_, _ = w.Write(body)
}
