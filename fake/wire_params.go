package fake

import (
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/slbfake/slbfake/model"
)

// Decoding RPC parameters into a request struct. A field takes the parameter
// of its own name (embedded structs are flattened, as on the wire): strings as
// they are, ints and bools parsed (a malformed value is InvalidParameter
// naming it), []string from the repeated form Name.1, Name.2, ... in numeric
// order, and a slice of structs of string fields ([]model.Tag) from
// Name.N.Field (Tag.1.Key, Tag.1.Value, ...), one element per N. Parameters
// no field names are ignored, as the real gateway ignores
// them. The fields are found once per request type, when its action is
// declared: a call only walks the plan.
//
// Names are matched exactly, in their case: the gateway's parameter names
// are case-sensitive. A few actions take a parameter in two spellings, the
// documented one and the one the legacy Go SDK sends (its request structs
// tag CreateLoadBalancerTCPListener's and CreateLoadBalancerUDPListener's
// HealthCheckInterval as healthCheckInterval, while
// SetLoadBalancerTCPListenerAttribute's is HealthCheckInterval): such a
// field carries the other spelling in an alias tag (`alias:"name"`), and
// takes that parameter when its own name is absent. A *int field is set only
// when its parameter is given, so that 0 can be told from absent.

// paramField is one field a request type decodes.
type paramField struct {
	name  string
	alias string // the field's other spelling on the wire, or empty
	index []int  // reflect.Value.FieldByIndex path, through embedded structs
	kind  reflect.Kind
	// elemFields are the string fields of a Name.N.Field list's element
	// type (kind reflect.Struct), by name.
	elemFields map[string]int
}

// paramPlan is how one request type decodes.
type paramPlan struct {
	fields []paramField
	// repeated reports that some field is a Name.N list, so that the
	// parameters are scanned for them once.
	repeated bool
}

// planOf builds the plan of a request struct type.
func planOf(t reflect.Type) paramPlan {
	var p paramPlan
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			at := append(append([]int(nil), index...), i)
			switch {
			case f.Anonymous && f.Type.Kind() == reflect.Struct:
				walk(f.Type, at)
			case !f.IsExported():
			case f.Type.Kind() == reflect.String, f.Type.Kind() == reflect.Int, f.Type.Kind() == reflect.Int64, f.Type.Kind() == reflect.Bool:
				p.fields = append(p.fields, paramField{name: f.Name, alias: f.Tag.Get("alias"), index: at, kind: f.Type.Kind()})
			case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Int:
				p.fields = append(p.fields, paramField{name: f.Name, alias: f.Tag.Get("alias"), index: at, kind: reflect.Pointer})
			case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
				p.fields = append(p.fields, paramField{name: f.Name, index: at, kind: reflect.Slice})
				p.repeated = true
			case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
				elem := map[string]int{}
				for j := range f.Type.Elem().NumField() {
					if ef := f.Type.Elem().Field(j); ef.IsExported() && ef.Type.Kind() == reflect.String {
						elem[ef.Name] = j
					}
				}
				p.fields = append(p.fields, paramField{name: f.Name, index: at, kind: reflect.Struct, elemFields: elem})
				p.repeated = true
			}
		}
	}
	walk(t, nil)
	return p
}

// decode fills req (a pointer's element of the plan's type) from params.
func (p paramPlan) decode(params map[string]string, req reflect.Value) *model.Error {
	var lists map[string][]indexedValue
	var structLists map[string][]indexedValue
	if p.repeated {
		lists, structLists = repeatedParams(params)
	}
	for _, f := range p.fields {
		switch f.kind {
		case reflect.String:
			if v, ok := f.lookup(params); ok {
				req.FieldByIndex(f.index).SetString(v)
			}
		case reflect.Pointer:
			raw, _ := f.lookup(params)
			if raw == "" {
				continue
			}
			n, err := strconv.Atoi(raw)
			if err != nil {
				return model.ErrInvalidParameterValue(f.name)
			}
			req.FieldByIndex(f.index).Set(reflect.ValueOf(&n))
		case reflect.Int, reflect.Int64:
			raw, _ := f.lookup(params)
			if raw == "" {
				continue
			}
			n, err := strconv.ParseInt(raw, 10, 64)
			if err != nil {
				return model.ErrInvalidParameterValue(f.name)
			}
			req.FieldByIndex(f.index).SetInt(n)
		case reflect.Bool:
			raw, _ := f.lookup(params)
			if raw == "" {
				continue
			}
			b, err := strconv.ParseBool(raw)
			if err != nil {
				return model.ErrInvalidParameterValue(f.name)
			}
			req.FieldByIndex(f.index).SetBool(b)
		case reflect.Slice:
			if items := lists[f.name]; len(items) > 0 {
				sort.Slice(items, func(i, j int) bool { return items[i].n < items[j].n })
				out := make([]string, len(items))
				for i, it := range items {
					out[i] = it.v
				}
				req.FieldByIndex(f.index).Set(reflect.ValueOf(out))
			}
		case reflect.Struct:
			if items := structLists[f.name]; len(items) > 0 {
				setStructList(req.FieldByIndex(f.index), f.elemFields, items)
			}
		}
	}
	return nil
}

// lookup returns the field's parameter: by its name, or else by its alias.
func (f *paramField) lookup(params map[string]string) (string, bool) {
	if v, ok := params[f.name]; ok {
		return v, true
	}
	if f.alias != "" {
		v, ok := params[f.alias]
		return v, ok
	}
	return "", false
}

// setStructList fills a slice of structs from its Name.N.Field values: one
// element per N that names a field of the element type, in numeric order;
// other fields are ignored.
func setStructList(slice reflect.Value, fields map[string]int, items []indexedValue) {
	sort.SliceStable(items, func(i, j int) bool { return items[i].n < items[j].n })
	out := reflect.MakeSlice(slice.Type(), 0, len(items))
	last := -1
	for _, it := range items {
		j, ok := fields[it.field]
		if !ok {
			continue
		}
		if it.n != last {
			out = reflect.Append(out, reflect.New(slice.Type().Elem()).Elem())
			last = it.n
		}
		out.Index(out.Len() - 1).Field(j).SetString(it.v)
	}
	slice.Set(out)
}

// indexedValue is the value of Name.N, or of Name.N.Field.
type indexedValue struct {
	n     int
	field string // Field of Name.N.Field; empty for Name.N
	v     string
}

// repeatedParams groups the parameters of the form Name.N (N > 0) by Name,
// and those of the form Name.N.Field by Name.
func repeatedParams(params map[string]string) (lists, structLists map[string][]indexedValue) {
	lists, structLists = map[string][]indexedValue{}, map[string][]indexedValue{}
	for k, v := range params {
		name, rest, ok := strings.Cut(k, ".")
		if !ok {
			continue
		}
		num, field, nested := strings.Cut(rest, ".")
		n, err := strconv.Atoi(num)
		if err != nil || n <= 0 {
			continue
		}
		if nested {
			structLists[name] = append(structLists[name], indexedValue{n: n, field: field, v: v})
		} else {
			lists[name] = append(lists[name], indexedValue{n: n, v: v})
		}
	}
	return lists, structLists
}
