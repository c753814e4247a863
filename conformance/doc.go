// Package conformance checks the fake's wire endpoint against Alibaba
// Cloud's official Go SDKs: the legacy github.com/aliyun/alibaba-cloud-sdk-go
// (Signature V1), the authority on the RPC wire format, and the V2.0 SDKs
// (Signature V3): github.com/alibabacloud-go/darabonba-openapi/v2 and the
// clients generated on it, ecs-20140526/v7 and vpc-20160428/v6.
//
// It is a nested module so that the SDKs and their many dependencies stay out
// of the main module's go.mod: users of github.com/slbfake/slbfake never
// download them. The replace directive points at the working tree (../), so
// the tests always exercise the code beside them.
//
// The tests drive every action the endpoint serves through each SDK, both
// in-process through Fake.RoundTripper (for the V2.0 SDKs through
// Config.HttpClient, a dara.HttpClient adapter) and over a loopback socket
// from Fake.StartTestServer, and compare what the SDK parsed with what the
// fake's typed Go API returns for the same calls on a twin fake (same seed,
// same fixed clock): every field the SDK knows, IDs and RequestIds included.
// SLB, which has no generated V2.0 Go client on the module proxy, goes through
// darabonba's generic CallApi with the Params the generated slb-20140515
// client builds, and its answers decode into the response models the API
// reference documents, written for this project in internal/slbv2models.
// Every raw V2.0 answer is also checked against the models' JSON types
// (v2ModelDifferences lists what differs). The
// tests also check that every decision of the README's fidelity table that
// ends in an error reaches SDK users as the SDK's error type (*errors.ServerError,
// *tea.SDKError) with the Go API's code, HTTP status and message, that the
// SDKs' signature diagnostics work, that Format=XML responses parse, that a
// V3 request tampered with after signing is refused, STS credentials, and the
// gateway's account and credential rules.
//
// Run it from this directory: go test -race ./...
package conformance
