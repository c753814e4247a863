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
	params, format, perr := readParams(r)
	resp, prod, err := h.serve(r, requestId, params, perr)
	code := "OK"
	var apiErr *model.Error
	switch {
	case err == nil:
		writeResponse(w, format, params["Action"], resp)
	case errors.Is(err, ErrConnectionDropped):
		code = "ConnectionDropped"
		dropConnection(w)
	case errors.As(err, &apiErr):
		code = string(apiErr.Code)
		writeError(w, format, prod, apiErr)
	default: // no call ends otherwise; answered as the service answers a bug
		apiErr = model.ErrInternalError().WithRequestId(requestId)
		code = string(apiErr.Code)
		writeError(w, format, prod, apiErr)
	}
	h.log(r, params["Action"], code, start, requestId)
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
// request's access key. The gateway's own errors are stamped with requestId
// here; a call's outcome was stamped by the dispatch chain.
func (h *wireHandler) serve(r *http.Request, requestId string, params map[string]string, perr *model.Error) (response, *product, error) {
	if r.URL.Path != "/" || (r.Method != http.MethodGet && r.Method != http.MethodPost) {
		return nil, nil, model.ErrInvalidAction().WithRequestId(requestId)
	}
	if perr != nil {
		return nil, nil, perr.WithRequestId(requestId)
	}
	act, key, e := h.gatewayCheck(r.Method, params)
	if e != nil {
		var prod *product
		if act != nil {
			prod = act.product()
		} else if p, ok := productOf(params["Version"]); ok {
			prod = p
		}
		return nil, prod, e.WithRequestId(requestId)
	}
	resp, err := act.serveWire(r.Context(), h.fake, key.Account, requestId, params)
	return resp, act.product(), err
}

// commonParams are the parameters every signed request carries.
var commonParams = []string{"AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"}

// gatewayCheck applies the checks every product shares, in the real
// gateway's order: Version and Action known (InvalidVersion,
// InvalidAction.NotFound), common parameters present (MissingParameter),
// SignatureMethod HMAC-SHA1 and SignatureVersion 1.0 (InvalidParameter),
// Timestamp well formed and within 15 minutes of the fake's clock
// (InvalidTimeStamp.Format / .Expired), SignatureNonce not used in the last
// 15 minutes (SignatureNonceUsed), AccessKeyId known
// (InvalidAccessKeyId.NotFound), Signature right (SignatureDoesNotMatch).
func (h *wireHandler) gatewayCheck(method string, params map[string]string) (actionInfo, AccessKey, *model.Error) {
	for _, name := range []string{"Action", "Version"} {
		if params[name] == "" {
			return nil, AccessKey{}, model.ErrMissingParameter(name)
		}
	}
	prod, ok := productOf(params["Version"])
	if !ok {
		return nil, AccessKey{}, model.ErrInvalidVersion()
	}
	act, ok := prod.actions[params["Action"]]
	if !ok {
		return nil, AccessKey{}, model.ErrInvalidAction()
	}
	for _, name := range commonParams {
		if params[name] == "" {
			return act, AccessKey{}, model.ErrMissingParameter(name)
		}
	}
	if params["SignatureMethod"] != "HMAC-SHA1" {
		return act, AccessKey{}, model.ErrInvalidParameterValue("SignatureMethod")
	}
	if params["SignatureVersion"] != "1.0" {
		return act, AccessKey{}, model.ErrInvalidParameterValue("SignatureVersion")
	}
	ts, err := time.Parse(time.RFC3339, params["Timestamp"])
	if err != nil || !strings.HasSuffix(params["Timestamp"], "Z") {
		return act, AccessKey{}, model.ErrInvalidTimeStampFormat()
	}
	now := h.fake.clock.Now()
	if skew := now.Sub(ts); skew > nonceWindow || skew < -nonceWindow {
		return act, AccessKey{}, model.ErrInvalidTimeStampExpired()
	}
	if !h.fake.nonces.claim(params["SignatureNonce"], now) {
		return act, AccessKey{}, model.ErrSignatureNonceUsed()
	}
	key, ok := h.fake.keys[params["AccessKeyId"]]
	if !ok {
		return act, AccessKey{}, model.ErrInvalidAccessKeyId()
	}
	sts := stringToSign(method, params)
	if !signatureMatches(sign(sts, key.Secret), params["Signature"]) {
		return act, AccessKey{}, model.ErrSignatureDoesNotMatch(sts)
	}
	return act, key, nil
}

// readParams merges the query and a form body (query first; a key in both
// keeps the query's value), keeping empty values: SignatureType= is part of
// the string to sign. It also returns the requested format.
func readParams(r *http.Request) (map[string]string, wireFormat, *model.Error) {
	params := map[string]string{}
	e := mergeParams(r, params)
	format := formatJSON
	if strings.EqualFold(params["Format"], "XML") {
		format = formatXML
	}
	return params, format, e
}

// mergeParams adds the query's parameters, then a form body's, to params;
// what it read before a malformed part is kept, so that an error can still
// be answered in the format asked for.
func mergeParams(r *http.Request, params map[string]string) *model.Error {
	merge := func(v url.Values) {
		for k, vs := range v {
			if _, seen := params[k]; !seen && len(vs) > 0 {
				params[k] = vs[0]
			}
		}
	}
	query, err := url.ParseQuery(r.URL.RawQuery)
	merge(query)
	if err != nil {
		return model.ErrInvalidParameterValue("query")
	}
	if r.Body == nil || r.Method != http.MethodPost {
		return nil
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/x-www-form-urlencoded" && ct != "" {
		return nil
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(http.MaxBytesReader(nil, r.Body, 10<<20)); err != nil {
		return model.ErrInvalidParameterValue("body")
	}
	form, err := url.ParseQuery(buf.String())
	merge(form)
	if err != nil {
		return model.ErrInvalidParameterValue("body")
	}
	return nil
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
