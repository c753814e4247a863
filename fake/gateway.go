package fake

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/slbfake/slbfake/model"
)

// The gateway: the checks every product shares, before a request becomes a
// call. A request with an "Authorization: ACS3-…" header is checked as
// Signature V3 (the V2.0 SDKs); any other as Signature V1 (the legacy SDKs).
// Both end in the same place: an action of the table and the access key
// whose account the call acts as. The nonce is claimed last, once the key,
// the signature and the security token are good, so that a refused request
// does not use up its nonce.

// authenticate runs the checks of the request's signature version. It
// returns the action as soon as the request names a known one, so that an
// error can name its product.
func (h *wireHandler) authenticate(r *http.Request, wr wireRequest) (actionInfo, AccessKey, *model.Error) {
	if isV3Request(r.Header) {
		return h.gatewayV3(r, wr)
	}
	return h.gatewayV1(r.Method, wr.params)
}

// lookupWireAction finds the action a Version and an Action name: an
// unknown Version is InvalidVersion, an action its product does not have
// InvalidAction.NotFound.
func lookupWireAction(version, name string) (actionInfo, *model.Error) {
	prod, ok := productOf(version)
	if !ok {
		return nil, model.ErrInvalidVersion()
	}
	act, ok := prod.actions[name]
	if !ok {
		return nil, model.ErrInvalidAction()
	}
	return act, nil
}

// checkSkew refuses a request time more than nonceWindow from the fake's.
func (h *wireHandler) checkSkew(at, now time.Time) *model.Error {
	if skew := now.Sub(at); skew > nonceWindow || skew < -nonceWindow {
		return model.ErrInvalidTimeStampExpired()
	}
	return nil
}

// checkToken applies a credential's security token: a key configured with
// one (an STS credential) accepts only requests that carry it; a key
// without one ignores whatever the request carries.
func checkToken(key AccessKey, token string) *model.Error {
	switch {
	case key.SecurityToken == "":
		return nil
	case token == "":
		return model.ErrMissingSecurityToken()
	case !signatureMatches(key.SecurityToken, token):
		return model.ErrInvalidSecurityToken()
	}
	return nil
}

// v1CommonParams are the parameters every Signature V1 request carries.
var v1CommonParams = [...]string{"AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"}

// gatewayV1 applies the Signature V1 checks in the real gateway's order:
// Action and Version present (MissingParameter) and known (InvalidVersion,
// InvalidAction.NotFound); the common parameters present
// (MissingParameter); SignatureMethod HMAC-SHA1 and SignatureVersion 1.0
// (InvalidParameter); Timestamp well formed and within 15 minutes of the
// fake's clock (InvalidTimeStamp.Format / .Expired); AccessKeyId known
// (InvalidAccessKeyId.NotFound); Signature right (SignatureDoesNotMatch);
// SecurityToken as the key requires (MissingSecurityToken,
// InvalidSecurityToken.MismatchWithAccessKey); last, SignatureNonce not used
// in the last 15 minutes (SignatureNonceUsed).
func (h *wireHandler) gatewayV1(method string, params map[string]string) (actionInfo, AccessKey, *model.Error) {
	for _, name := range []string{"Action", "Version"} {
		if params[name] == "" {
			return nil, AccessKey{}, model.ErrMissingParameter(name)
		}
	}
	act, e := lookupWireAction(params["Version"], params["Action"])
	if e != nil {
		return act, AccessKey{}, e
	}
	for _, name := range v1CommonParams {
		if params[name] == "" {
			return act, AccessKey{}, model.ErrMissingParameter(name)
		}
	}
	if len(params["SignatureNonce"]) > maxNonceLength {
		return act, AccessKey{}, model.ErrInvalidParameterValue("SignatureNonce")
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
	if e := h.checkSkew(ts, now); e != nil {
		return act, AccessKey{}, e
	}
	key, ok := h.fake.keys[params["AccessKeyId"]]
	if !ok {
		return act, AccessKey{}, model.ErrInvalidAccessKeyId()
	}
	if ok, sts := h.fake.signers[key.Id].verifyV1(method, params, params["Signature"]); !ok {
		return act, AccessKey{}, model.ErrSignatureDoesNotMatch(sts)
	}
	if e := checkToken(key, params["SecurityToken"]); e != nil {
		return act, AccessKey{}, e
	}
	if !h.fake.nonces.claim(params["SignatureNonce"], now) {
		return act, AccessKey{}, model.ErrSignatureNonceUsed()
	}
	return act, key, nil
}

// gatewayV3 applies the Signature V3 checks: the Authorization header well
// formed (IncompleteSignature) with ACS3-HMAC-SHA256
// (InvalidSignatureMethod); x-acs-action and x-acs-version present
// (MissingParameter naming the header) and known (InvalidVersion,
// InvalidAction.NotFound); x-acs-date, x-acs-signature-nonce and
// x-acs-content-sha256 present (MissingParameter); SignedHeaders covering
// host, content-type when sent and every x-acs-* header sent
// (IncompleteSignature); x-acs-date well formed and within 15 minutes of the
// fake's clock (InvalidTimeStamp.Format / .Expired); x-acs-content-sha256
// the body's hash (SignatureDoesNotMatch); the query well formed
// (InvalidParameter); the key known (InvalidAccessKeyId.NotFound); the
// signature right (SignatureDoesNotMatch); x-acs-security-token as the key
// requires; last, the nonce not used in the last 15 minutes
// (SignatureNonceUsed).
func (h *wireHandler) gatewayV3(r *http.Request, wr wireRequest) (actionInfo, AccessKey, *model.Error) {
	q := v3RequestOf(r, wr.body)
	env, err := checkV3Request(q)
	var v3e *v3Error
	if err != nil && !errors.As(err, &v3e) {
		return nil, AccessKey{}, model.ErrIncompleteSignature()
	}
	if v3e != nil {
		switch v3e.Problem {
		case v3MalformedAuthorization:
			return nil, AccessKey{}, model.ErrIncompleteSignature()
		case v3UnsupportedAlgorithm:
			return nil, AccessKey{}, model.ErrInvalidSignatureMethod()
		}
	}
	var act actionInfo
	if env.Action != "" && env.Version != "" {
		var e *model.Error
		if act, e = lookupWireAction(env.Version, env.Action); e != nil {
			return act, AccessKey{}, e
		}
	}
	if v3e != nil {
		switch v3e.Problem {
		case v3MissingHeader:
			return act, AccessKey{}, model.ErrMissingParameter(v3e.Header)
		case v3UnsignedHeader:
			return act, AccessKey{}, model.ErrIncompleteSignature()
		case v3MalformedDate:
			return act, AccessKey{}, model.ErrInvalidTimeStampFormat()
		case v3ContentSHA256Mismatch:
			c, _ := computeV3With(q, env.Auth, func(string) string { return "" }) // the string to sign, no signature
			return act, AccessKey{}, model.ErrSignatureDoesNotMatchV3(c.StringToSign)
		default: // v3MalformedQuery
			return act, AccessKey{}, model.ErrInvalidParameterValue("query")
		}
	}
	if len(env.Nonce) > maxNonceLength {
		return act, AccessKey{}, model.ErrInvalidParameterValue(v3HeaderNonce)
	}
	now := h.fake.clock.Now()
	if e := h.checkSkew(env.Date, now); e != nil {
		return act, AccessKey{}, e
	}
	key, ok := h.fake.keys[env.Auth.Credential]
	if !ok {
		return act, AccessKey{}, model.ErrInvalidAccessKeyId()
	}
	if c, err := verifyV3SignatureWith(q, env.Auth, h.fake.signers[key.Id].signV3); err != nil {
		return act, AccessKey{}, model.ErrSignatureDoesNotMatchV3(c.StringToSign)
	}
	if e := checkToken(key, env.SecurityToken); e != nil {
		return act, AccessKey{}, e
	}
	if !h.fake.nonces.claim(env.Nonce, now) {
		return act, AccessKey{}, model.ErrSignatureNonceUsed()
	}
	return act, key, nil
}
