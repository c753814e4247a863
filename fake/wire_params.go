package fake

import (
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/slbfake/slbfake/model"
)

// decodeParams fills a request struct from RPC parameters. A field takes the
// parameter of its own name (embedded structs are flattened, as on the wire):
// strings as they are, ints and bools parsed (a malformed value is
// InvalidParameter naming it), []string from the repeated form Name.1,
// Name.2, ... in numeric order. Parameters no field names are ignored, as the
// real gateway ignores them.
func decodeParams(params map[string]string, req reflect.Value) *model.Error {
	t := req.Type()
	for i := 0; i < t.NumField(); i++ {
		field, value := t.Field(i), req.Field(i)
		if field.Anonymous && field.Type.Kind() == reflect.Struct {
			if e := decodeParams(params, value); e != nil {
				return e
			}
			continue
		}
		if !field.IsExported() {
			continue
		}
		name := field.Name
		switch field.Type.Kind() {
		case reflect.String:
			value.SetString(params[name])
		case reflect.Int, reflect.Int64:
			raw, ok := params[name]
			if !ok || raw == "" {
				continue
			}
			n, err := strconv.ParseInt(raw, 10, 64)
			if err != nil {
				return model.ErrInvalidParameterValue(name)
			}
			value.SetInt(n)
		case reflect.Bool:
			raw, ok := params[name]
			if !ok || raw == "" {
				continue
			}
			b, err := strconv.ParseBool(raw)
			if err != nil {
				return model.ErrInvalidParameterValue(name)
			}
			value.SetBool(b)
		case reflect.Slice:
			if field.Type.Elem().Kind() == reflect.String {
				value.Set(reflect.ValueOf(repeated(params, name)))
			}
		}
	}
	return nil
}

// repeated collects Name.1, Name.2, ... in numeric order.
func repeated(params map[string]string, name string) []string {
	type item struct {
		n int
		v string
	}
	var items []item
	for k, v := range params {
		rest, ok := strings.CutPrefix(k, name+".")
		if !ok {
			continue
		}
		if n, err := strconv.Atoi(rest); err == nil && n > 0 {
			items = append(items, item{n, v})
		}
	}
	sort.Slice(items, func(i, j int) bool { return items[i].n < items[j].n })
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, it.v)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
