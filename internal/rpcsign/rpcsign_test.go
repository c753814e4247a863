package rpcsign

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The worked example of Alibaba's Signature V1 documentation (ECS
// DescribeRegions, secret "testsecret").
func TestDocumentedExample(t *testing.T) {
	params := map[string]string{
		"AccessKeyId": "testid", "Action": "DescribeRegions", "Format": "XML",
		"SignatureMethod": "HMAC-SHA1", "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
		"SignatureVersion": "1.0", "Timestamp": "2016-02-23T12:46:24Z", "Version": "2014-05-26",
	}
	require.Equal(t, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=", Signature("GET", params, "testsecret"))
	require.Equal(t, "a%20b%2A~%2F%E6%B5%8B", PercentEncode("a b*~/测"))
}
