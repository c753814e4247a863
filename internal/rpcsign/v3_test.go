package rpcsign

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The "Fixed parameter values" example of Alibaba's Signature V3
// documentation: ECS RunInstances in cn-shanghai, empty body.
func TestDocumentedExampleV3(t *testing.T) {
	date, err := time.Parse(DateLayoutV3, "2023-10-26T10:22:32Z")
	require.NoError(t, err)
	headers := HeadersV3("ecs.cn-shanghai.aliyuncs.com", "RunInstances", "2014-05-26", "3156853299f313e23d1673dc12e1703d", date)
	s := SignV3(RequestV3{
		Method: "POST",
		Query: map[string]string{
			"ImageId":  "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
			"RegionId": "cn-shanghai",
		},
		Headers: headers,
	}, "YourAccessKeyId", "YourAccessKeySecret")

	require.Equal(t, "POST\n/\n"+
		"ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"+
		"host:ecs.cn-shanghai.aliyuncs.com\n"+
		"x-acs-action:RunInstances\n"+
		"x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"+
		"x-acs-date:2023-10-26T10:22:32Z\n"+
		"x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"+
		"x-acs-version:2014-05-26\n"+
		"\n"+
		"host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"+
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", s.CanonicalRequest)
	require.Equal(t, "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259", s.HashedCanonicalRequest)
	require.Equal(t, "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259", s.StringToSign)
	require.Equal(t, "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0", s.Signature)
	require.Equal(t, "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,"+
		"SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"+
		"Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0", s.Authorization)
	require.Equal(t, s.Authorization, s.Headers["authorization"])
	require.Equal(t, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", s.Headers["x-acs-content-sha256"])
}

func TestSignV3Rules(t *testing.T) {
	t.Run("query encoding, empty values, unsigned headers", func(t *testing.T) {
		s := SignV3(RequestV3{
			Method: "post",
			Query:  map[string]string{"b": "a b*~/测", "a": "", "Tag.1.Key": "k"},
			Headers: map[string]string{
				"Host": "h:8080", "X-Acs-Date": "  d  ", "accept": "application/json",
				"User-Agent": "ua", "Content-Type": "application/x-www-form-urlencoded",
			},
			Body: []byte("x=1"),
		}, "id", "secret")
		require.Equal(t, "Tag.1.Key=k&a=&b=a%20b%2A~%2F%E6%B5%8B", s.CanonicalQuery)
		require.Equal(t, "content-type:application/x-www-form-urlencoded\nhost:h:8080\n"+
			"x-acs-content-sha256:"+HexSHA256([]byte("x=1"))+"\nx-acs-date:d\n", s.CanonicalHeaders)
		require.Equal(t, "content-type;host;x-acs-content-sha256;x-acs-date", s.SignedHeaders)
		require.Equal(t, HexSHA256([]byte("x=1")), s.HashedPayload)
		require.Contains(t, s.CanonicalRequest, "POST\n/\n")
	})
	t.Run("repeated header values are trimmed, sorted and comma-joined", func(t *testing.T) {
		s := SignV3(RequestV3{Method: "GET", Headers: map[string]string{"x-acs-foo": " b ", "X-Acs-Foo": "a"}}, "id", "k")
		require.Contains(t, s.CanonicalHeaders, "x-acs-foo:a,b\n")
	})
	t.Run("explicit signed list", func(t *testing.T) {
		s := SignV3(RequestV3{Method: "POST", Headers: map[string]string{"host": "h", "x-acs-action": "A"}, Signed: []string{"host"}}, "id", "k")
		require.Equal(t, "host", s.SignedHeaders)
		require.Equal(t, "host:h\n", s.CanonicalHeaders)
		require.Equal(t, "A", s.Headers["x-acs-action"])
	})
	t.Run("a given x-acs-content-sha256 is kept", func(t *testing.T) {
		s := SignV3(RequestV3{Method: "POST", Headers: map[string]string{"x-acs-content-sha256": "bogus"}, Body: []byte("b")}, "id", "k")
		require.Contains(t, s.CanonicalHeaders, "x-acs-content-sha256:bogus\n")
		require.Equal(t, HexSHA256([]byte("b")), s.HashedPayload)
	})
	t.Run("apply", func(t *testing.T) {
		s := SignV3(RequestV3{Method: "POST", Query: map[string]string{"A": "1 2"}, Headers: map[string]string{"host": "h:1", "x-acs-action": "A"}}, "id", "k")
		req, err := http.NewRequest("POST", "http://127.0.0.1:9/", nil)
		require.NoError(t, err)
		s.Apply(req)
		require.Equal(t, "h:1", req.Host)
		require.Equal(t, "A=1%202", req.URL.RawQuery)
		require.Equal(t, s.Authorization, req.Header.Get("Authorization"))
		require.Equal(t, "A", req.Header.Get("X-Acs-Action"))
	})
}
