package fake

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/slbfake/slbfake/model"
)

// Handler returns the fake's RPC endpoint: Alibaba Cloud's RPC protocol as
// the official SDKs speak it, for SLB, ECS and VPC on one URL, told apart by
// Version. GET and POST on "/"; parameters from the query and a form body,
// merged. Every request is checked as the real gateway checks it (see
// gatewayCheck), signed with Signature V1 by one of the fake's access keys,
// and acts as that key's account.
//
// Paths under AdminPrefix serve the admin endpoint (recorded calls, fault
// rules, state, clock): see adminHandler.
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
	action := params["Action"]
	ctx := context.WithValue(r.Context(), requestIdKey{}, requestId)
	resp, prod, e := h.serve(r.WithContext(ctx), params, perr)
	if e == errDropConnection {
		dropConnection(w)
		h.log(r, action, "ConnectionDropped", start, requestId)
		return
	}
	if e != nil {
		e = e.WithRequestId(requestId)
		writeError(w, format, prod, e)
	} else {
		resp.(interface{ SetRequestId(string) }).SetRequestId(requestId)
		writeResponse(w, format, action, resp)
	}
	code := "OK"
	if e != nil {
		code = e.Code
	}
	h.log(r, action, code, start, requestId)
}

// log writes the request's line, when the fake has a logger.
func (h *wireHandler) log(r *http.Request, action, code string, start time.Time, requestId string) {
	if log := h.fake.logger; log != nil {
		log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("action", action), slog.String("code", code),
			slog.Duration("duration", time.Since(start)), slog.String("request_id", requestId))
	}
}

// errDropConnection marks a call whose fault drops the connection after the
// change: it is answered by closing the connection, not by an error body.
var errDropConnection = &model.Error{Code: "ConnectionDropped"}

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
// request's access key.
func (h *wireHandler) serve(r *http.Request, params map[string]string, perr *model.Error) (any, product, *model.Error) {
	if r.URL.Path != "/" || (r.Method != http.MethodGet && r.Method != http.MethodPost) {
		return nil, product{}, model.ErrInvalidAction()
	}
	if perr != nil {
		return nil, product{}, perr
	}
	prod, key, e := h.gatewayCheck(r.Method, params)
	if e != nil {
		return nil, prod, e
	}
	method := reflect.ValueOf(h.fake.ClientForAccount(key.Account)).MethodByName(params["Action"])
	req := reflect.New(method.Type().In(1).Elem())
	if e := decodeParams(params, req.Elem()); e != nil {
		return nil, prod, e
	}
	out := method.Call([]reflect.Value{reflect.ValueOf(r.Context()), req})
	if err, _ := out[1].Interface().(error); err != nil {
		if errors.Is(err, ErrConnectionDropped) {
			return nil, prod, errDropConnection
		}
		var apiErr *model.Error
		if errors.As(err, &apiErr) {
			return nil, prod, apiErr
		}
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, prod, model.ErrServiceUnavailable()
		}
		return nil, prod, model.ErrInternalError()
	}
	return out[0].Interface(), prod, nil
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
func (h *wireHandler) gatewayCheck(method string, params map[string]string) (product, AccessKey, *model.Error) {
	for _, name := range []string{"Action", "Version"} {
		if params[name] == "" {
			return product{}, AccessKey{}, model.ErrMissingParameter(name)
		}
	}
	prod, ok := productOf(params["Version"])
	if !ok {
		return product{}, AccessKey{}, model.ErrInvalidVersion()
	}
	if !prod.has(params["Action"]) {
		return prod, AccessKey{}, model.ErrInvalidAction()
	}
	for _, name := range commonParams {
		if params[name] == "" {
			return prod, AccessKey{}, model.ErrMissingParameter(name)
		}
	}
	if params["SignatureMethod"] != "HMAC-SHA1" {
		return prod, AccessKey{}, model.ErrInvalidParameterValue("SignatureMethod")
	}
	if params["SignatureVersion"] != "1.0" {
		return prod, AccessKey{}, model.ErrInvalidParameterValue("SignatureVersion")
	}
	ts, err := time.Parse(time.RFC3339, params["Timestamp"])
	if err != nil || !strings.HasSuffix(params["Timestamp"], "Z") {
		return prod, AccessKey{}, model.ErrInvalidTimeStampFormat()
	}
	now := h.fake.clock.Now()
	if skew := now.Sub(ts); skew > nonceWindow || skew < -nonceWindow {
		return prod, AccessKey{}, model.ErrInvalidTimeStampExpired()
	}
	if !h.fake.nonces.claim(params["SignatureNonce"], now) {
		return prod, AccessKey{}, model.ErrSignatureNonceUsed()
	}
	key, ok := h.fake.keys[params["AccessKeyId"]]
	if !ok {
		return prod, AccessKey{}, model.ErrInvalidAccessKeyId()
	}
	sts := stringToSign(method, params)
	if !signatureMatches(sign(sts, key.Secret), params["Signature"]) {
		return prod, AccessKey{}, model.ErrSignatureDoesNotMatch(sts)
	}
	return prod, key, nil
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
func writeError(w http.ResponseWriter, format wireFormat, prod product, e *model.Error) {
	host := prod.HostId
	name := prod.Name
	if host == "" {
		host, name = "slb.aliyuncs.com", "Slb"
	}
	b := errorBody{RequestId: e.RequestId, HostId: host, Code: e.Code, Message: e.Message,
		Recommend: "https://api.aliyun.com/troubleshoot?q=" + url.QueryEscape(e.Code) + "&product=" + name + "&requestId=" + e.RequestId}
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
