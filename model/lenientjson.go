package model

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// lenientValue is a value read by parseLenient. Exactly one of the fields is
// meaningful, chosen by kind.
type lenientValue struct {
	kind   lenientKind
	str    string // kindString; the raw literal for kindNumber
	object []lenientMember
	array  []lenientValue
}

type lenientKind int

const (
	kindNull lenientKind = iota
	kindString
	kindNumber
	kindBool
	kindObject
	kindArray
)

type lenientMember struct {
	key   string
	value lenientValue
}

var errLenient = errors.New("malformed BackendServers")

// errLenientTooMany stops a parse at the top-level element past the limit.
var errLenientTooMany = errors.New("too many BackendServers elements")

// maxLenientDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxLenientDepth = 32

// parseLenient reads JSON the way the real service's fastjson-style parser
// accepts it: strings and keys in double or single quotes, any JSON value.
// It rejects trailing garbage, unquoted keys and trailing commas.
func parseLenient(s string, maxElements int) (lenientValue, error) {
	p := lenientParser{s: s, maxElements: maxElements}
	v, err := p.value(0)
	if err != nil {
		return lenientValue{}, err
	}
	p.space()
	if p.i != len(p.s) {
		return lenientValue{}, errLenient
	}
	return v, nil
}

type lenientParser struct {
	s string
	i int
	// maxElements, when positive, bounds the top-level array: parsing stops
	// with errLenientTooMany at the element past it.
	maxElements int
}

// jsonSpace is the white space JSON allows between tokens.
const jsonSpace = " \t\n\r"

func (p *lenientParser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *lenientParser) value(depth int) (lenientValue, error) {
	if depth > maxLenientDepth {
		return lenientValue{}, errLenient
	}
	p.space()
	if p.i >= len(p.s) {
		return lenientValue{}, errLenient
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.objectValue(depth)
	case c == '[':
		return p.arrayValue(depth)
	case c == '"' || c == '\'':
		str, err := p.quoted()
		return lenientValue{kind: kindString, str: str}, err
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		for _, lit := range []struct {
			word string
			kind lenientKind
		}{{"null", kindNull}, {"true", kindBool}, {"false", kindBool}} {
			if strings.HasPrefix(p.s[p.i:], lit.word) {
				p.i += len(lit.word)
				return lenientValue{kind: lit.kind, str: lit.word}, nil
			}
		}
		return lenientValue{}, errLenient
	}
}

func (p *lenientParser) objectValue(depth int) (lenientValue, error) {
	p.i++ // {
	v := lenientValue{kind: kindObject}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return v, nil
	}
	for {
		p.space()
		if p.i >= len(p.s) || (p.s[p.i] != '"' && p.s[p.i] != '\'') {
			return lenientValue{}, errLenient
		}
		key, err := p.quoted()
		if err != nil {
			return lenientValue{}, err
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return lenientValue{}, errLenient
		}
		p.i++
		member, err := p.value(depth + 1)
		if err != nil {
			return lenientValue{}, err
		}
		v.object = append(v.object, lenientMember{key: key, value: member})
		p.space()
		if p.i >= len(p.s) {
			return lenientValue{}, errLenient
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return v, nil
		default:
			return lenientValue{}, errLenient
		}
	}
}

func (p *lenientParser) arrayValue(depth int) (lenientValue, error) {
	p.i++ // [
	v := lenientValue{kind: kindArray}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return v, nil
	}
	for {
		elem, err := p.value(depth + 1)
		if err != nil {
			return lenientValue{}, err
		}
		v.array = append(v.array, elem)
		if depth == 0 && p.maxElements > 0 && len(v.array) > p.maxElements {
			return lenientValue{}, errLenientTooMany
		}
		p.space()
		if p.i >= len(p.s) {
			return lenientValue{}, errLenient
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return v, nil
		default:
			return lenientValue{}, errLenient
		}
	}
}

// quoted reads a string in double or single quotes with JSON escapes; inside
// single quotes \' is an escape too.
func (p *lenientParser) quoted() (string, error) {
	q := p.s[p.i]
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), nil
		case c == '\\':
			if p.i+1 >= len(p.s) {
				return "", errLenient
			}
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case '"', '\'', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				if p.i+4 > len(p.s) {
					return "", errLenient
				}
				n, err := strconv.ParseUint(p.s[p.i:p.i+4], 16, 16)
				if err != nil {
					return "", errLenient
				}
				p.i += 4
				r := rune(n)
				// A surrogate pair (\ud83d\ude00) is one character, as in JSON;
				// a lone surrogate becomes U+FFFD.
				if utf16.IsSurrogate(r) && p.i+6 <= len(p.s) && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
					if lo, err := strconv.ParseUint(p.s[p.i+2:p.i+6], 16, 16); err == nil {
						if pair := utf16.DecodeRune(r, rune(lo)); pair != utf8.RuneError {
							r = pair
							p.i += 6
						}
					}
				}
				b.WriteRune(r)
			default:
				return "", errLenient
			}
		case c < 0x20:
			return "", errLenient
		default:
			r, size := utf8.DecodeRuneInString(p.s[p.i:])
			if r == utf8.RuneError && size <= 1 {
				return "", errLenient
			}
			b.WriteString(p.s[p.i : p.i+size])
			p.i += size
		}
	}
	return "", errLenient
}

func (p *lenientParser) number() (lenientValue, error) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	for p.i < len(p.s) && strings.IndexByte("0123456789.eE+-", p.s[p.i]) >= 0 {
		p.i++
	}
	lit := p.s[start:p.i]
	if _, err := strconv.ParseFloat(lit, 64); err != nil {
		return lenientValue{}, errLenient
	}
	return lenientValue{kind: kindNumber, str: lit}, nil
}
