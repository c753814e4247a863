// Package conformance checks the fake's wire endpoint against the official
// Alibaba Cloud Go SDK (github.com/aliyun/alibaba-cloud-sdk-go), the
// authority on the RPC wire format.
//
// It is a nested module so that the SDK and its many dependencies stay out of
// the main module's go.mod: users of github.com/slbfake/slbfake never
// download it. The replace directive points at the working tree (../), so the
// tests always exercise the code beside them.
//
// The tests drive every action the endpoint serves through the SDK's typed
// clients (services/slb, services/ecs, services/vpc), both in-process through
// Fake.RoundTripper and over a loopback socket from Fake.StartTestServer, and
// compare what the SDK parsed with what the fake's typed Go API returns for
// the same calls on a twin fake (same seed, same fixed clock): every field
// the SDK knows, IDs and RequestIds included. They also check that every
// decision of the README's fidelity table that ends in an error reaches SDK users as an
// *errors.ServerError with the Go API's code, HTTP status and message, that
// the SDK's own signature diagnostics work, that Format=XML responses parse,
// and the gateway's account and credential rules.
//
// Run it from this directory: go test -race ./...
package conformance
