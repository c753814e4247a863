package fake

import (
	"reflect"
	"testing"

	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// TestStructListsDecode: Tag.N.Key and Tag.N.Value become one model.Tag per
// N, in numeric order (10 after 9), gaps closed, unknown fields (which
// make no element) and malformed indexes ignored; []string lists beside them still decode.
func TestStructListsDecode(t *testing.T) {
	t.Parallel()
	plan := planOf(reflect.TypeFor[model.ListTagResourcesRequest]())
	params := map[string]string{
		"RegionId": "cn-hangzhou", "ResourceType": "instance",
		"Tag.1.Key": "a", "Tag.1.Value": "1",
		"Tag.10.Key": "j", "Tag.10.Value": "10",
		"Tag.9.Key":    "i",
		"Tag.3.Value":  "only a value",
		"Tag.2.Colour": "ignored", "Tag.x.Key": "ignored", "Tag.0.Key": "ignored", "Tag.-1.Key": "ignored",
		"ResourceId.2": "lb-2", "ResourceId.1": "lb-1",
	}
	var req model.ListTagResourcesRequest
	require.Nil(t, plan.decode(params, reflect.ValueOf(&req).Elem()))
	require.Equal(t, []model.Tag{{Key: "a", Value: "1"}, {Value: "only a value"}, {Key: "i"}, {Key: "j", Value: "10"}}, req.Tag)
	require.Equal(t, []string{"lb-1", "lb-2"}, req.ResourceId)
}

// TestStructListFieldNameIsExact: a Name.N.Field whose Field merely starts
// with a known field's name (here with a NUL after it, %00 on the wire) is
// an unknown field, ignored: it sets neither Key nor Value.
func TestStructListFieldNameIsExact(t *testing.T) {
	t.Parallel()
	plan := planOf(reflect.TypeFor[model.ListTagResourcesRequest]())
	params := map[string]string{"Tag.1.Key\x00x": "smuggled", "Tag.2.Key": "k"}
	var req model.ListTagResourcesRequest
	require.Nil(t, plan.decode(params, reflect.ValueOf(&req).Elem()))
	require.Equal(t, []model.Tag{{Key: "k"}}, req.Tag)
}
