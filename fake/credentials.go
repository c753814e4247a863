package fake

// AccessKey is a credential the wire endpoint accepts. Each maps to one
// account; a request signed with it acts as that account.
type AccessKey struct {
	Id      string
	Secret  string
	Account string
	// SecurityToken, when set, makes the key an STS credential: a request
	// signed with it must carry this token (the SecurityToken parameter in
	// Signature V1, the x-acs-security-token header in V3), or it is refused
	// with MissingSecurityToken or InvalidSecurityToken.MismatchWithAccessKey.
	// A key without one ignores any token a request carries.
	SecurityToken string `json:",omitempty"`
}

// The credentials every fake accepts, for the default account. Use them with
// the official SDKs: sdk.NewClientWithAccessKey(region, DefaultAccessKeyId,
// DefaultAccessKeySecret).
const (
	DefaultAccessKeyId     = "LTAI5tSlbFakeDefaultKey0"
	DefaultAccessKeySecret = "slbfake-default-secret"
)

// DefaultAccessKey is the credential of the default account.
func DefaultAccessKey() AccessKey {
	return AccessKey{Id: DefaultAccessKeyId, Secret: DefaultAccessKeySecret, Account: DefaultAccountId}
}

// WithAccessKey adds a credential (repeatable). An empty Account gets the
// default account. The default credential is always accepted too.
func WithAccessKey(k AccessKey) Option {
	return func(c *config) {
		if k.Account == "" {
			k.Account = DefaultAccountId
		}
		c.keys = append(c.keys, k)
	}
}

// AccessKeys returns every credential the fake accepts, the default first.
func (f *Fake) AccessKeys() []AccessKey {
	out := make([]AccessKey, 0, len(f.keys))
	for _, k := range f.keyOrder {
		out = append(out, f.keys[k])
	}
	return out
}
