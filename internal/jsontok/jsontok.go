// Package jsontok holds the two small helpers the streaming state decoders
// (engine's State, fake's state file) share, so that their errors read as
// encoding/json's do.
package jsontok

import (
	"encoding/json"
	"fmt"
	"io"
)

// UnexpectedEOF returns io.ErrUnexpectedEOF for io.EOF, and any other error
// as it is: input that ends inside a value is cut short, not empty.
func UnexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// Kind names a JSON value by its first token, as encoding/json's errors do
// ("cannot unmarshal array into ...").
func Kind(tok json.Token) string {
	switch tok.(type) {
	case bool:
		return "bool"
	case float64, json.Number:
		return "number"
	case string:
		return "string"
	case json.Delim:
		if tok == json.Delim('[') {
			return "array"
		}
		return "object"
	}
	return fmt.Sprint(tok)
}
