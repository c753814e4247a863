package model

import (
	"fmt"
	"strings"
)

// Error is an API error as the real service reports it: an HTTP status, a
// code and a message. RequestId is filled in by the fake when the error leaves
// a call; the constructors leave it empty.
//
// An Error made from the catalogue remembers its entry: errors.Is tells two
// entries apart even when they share a code (the "already attached" error is
// not the network-type error, though both are InvalidParameter).
type Error struct {
	HTTPStatus int
	Code       Code
	Message    string
	RequestId  string

	// entry is the catalogue entry's index plus one; zero for an error made
	// by NewError (a fault rule's own code and message).
	entry int
	// cause is what made the fake answer this, when it was not a rule of the
	// service (the caller's context ending); Unwrap returns it.
	cause error
}

// NewError returns an error with the given status, code and message that is
// not one of the catalogue's: what a fault rule answers when it gives its own
// code and message.
func NewError(status int, code Code, message string) *Error {
	return &Error{HTTPStatus: status, Code: code, Message: message}
}

// Error implements the error interface in the form the Go SDK uses for
// server errors.
func (e *Error) Error() string {
	s := fmt.Sprintf("SDK.ServerError\nErrorCode: %s\nMessage: %s", e.Code, e.Message)
	if e.RequestId != "" {
		s += "\nRequestId: " + e.RequestId
	}
	return s
}

// Is reports whether target is an *Error of the same catalogue entry (any
// parameters: every MissingParameter is a MissingParameter), so that
// errors.Is(err, model.ErrObtainIpFail()) works. Errors outside the catalogue
// match on code and message.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok {
		return false
	}
	if e.entry != 0 || t.entry != 0 {
		return e.entry == t.entry
	}
	return e.Code == t.Code && e.Message == t.Message
}

// Unwrap returns the cause of an error the fake answered for a reason of the
// caller's (a context that ended), or nil.
func (e *Error) Unwrap() error { return e.cause }

// Entry returns the name of the catalogue entry e was made from, or "" for an
// error that is not the catalogue's.
func (e *Error) Entry() string {
	if e.entry == 0 {
		return ""
	}
	return catalogue[e.entry-1].Name
}

// WithRequestId returns a copy of e carrying the given RequestId.
func (e *Error) WithRequestId(id string) *Error {
	c := *e
	c.RequestId = id
	return &c
}

// WithCause returns a copy of e that unwraps to cause.
func (e *Error) WithCause(cause error) *Error {
	c := *e
	c.cause = cause
	return &c
}

// Entry is one error of the catalogue.
type Entry struct {
	// Name identifies the entry (the constructor's name without Err): what
	// a fault rule names and what errors.Is compares.
	Name       string
	HTTPStatus int
	Code       Code
	// Message is the message, or its template: each {Placeholder} is filled,
	// in order, by the arguments the constructor takes.
	Message string
	// Source is DOC, CODE or INF (or two of them, "DOC/INF": code documented,
	// message inferred), as the README's fidelity table explains.
	Source string
	// When says in one line when the fake returns it.
	When string
}

// Params returns the names of the message's placeholders, in order.
func (en Entry) Params() []string {
	var out []string
	rest := en.Message
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, rest[i+1:i+j])
		rest = rest[i+j+1:]
	}
}

// new builds an error of the entry, its placeholders filled with args in
// order. A constructor passes exactly as many as the template has; a test
// checks every constructor against its entry.
func (i entryIndex) new(args ...string) *Error {
	en := &catalogue[i]
	msg := en.Message
	for _, a := range args {
		open := strings.IndexByte(msg, '{')
		end := strings.IndexByte(msg[open:], '}')
		msg = msg[:open] + a + msg[open+end+1:]
	}
	return &Error{HTTPStatus: en.HTTPStatus, Code: en.Code, Message: msg, entry: int(i) + 1}
}

// Catalogue lists every error the fake produces, in a fresh slice.
func Catalogue() []Entry { return append([]Entry(nil), catalogue[:]...) }

// LookupEntry returns the catalogue entry of the given name.
func LookupEntry(name string) (Entry, bool) {
	for _, en := range catalogue {
		if en.Name == name {
			return en, true
		}
	}
	return Entry{}, false
}

// EntriesWithCode returns the catalogue entries that answer with code.
func EntriesWithCode(code Code) []Entry {
	var out []Entry
	for _, en := range catalogue {
		if en.Code == code {
			out = append(out, en)
		}
	}
	return out
}

// NewFromEntry returns an error of the named entry, its placeholders filled
// with args. It fails when the entry is unknown or args do not fill every
// placeholder: the fake never answers with a template's placeholder.
func NewFromEntry(name string, args ...string) (*Error, error) {
	for i, en := range catalogue {
		if en.Name != name {
			continue
		}
		if want := len(en.Params()); len(args) != want {
			return nil, fmt.Errorf("error %s takes %d parameters (%s), got %d", name, want, strings.Join(en.Params(), ", "), len(args))
		}
		return entryIndex(i).new(args...), nil
	}
	return nil, fmt.Errorf("no error %q in the catalogue", name)
}
