package fake_test

// Error-catalogue coverage: every entry of model.Catalogue() is produced by a
// scenario of its own, through the public API (Client calls, fixtures, the
// wire Handler for the gateway's codes), and every error the fake's code can
// construct is an entry of the catalogue.
//
// A scenario may use a fault rule only for an entry whose When says "fault
// rules only": an error the service produces by its own rules must be
// produced by those rules here. An entry no scenario can produce belongs in
// covUnreachable with the reason, and its When must say "unreachable" too.

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/internal/rpcsign"
	"github.com/slbfake/slbfake/model"
	"github.com/stretchr/testify/require"
)

// covUnreachable lists the catalogue entries (by name) that no scenario can
// produce, with the reason. Each must also say "unreachable" in its
// catalogue When. Empty: every entry is reachable.
var covUnreachable = map[string]string{}

// covPlaceholder finds the placeholders of a catalogue message template.
var covPlaceholder = regexp.MustCompile(`\{[A-Za-z]+\}`)

// covEntry is a catalogue entry with the pattern of the messages it stands for.
type covEntry struct {
	model.Entry
	pattern *regexp.Regexp
}

func covCatalogue(t *testing.T) []covEntry {
	t.Helper()
	var out []covEntry
	for _, e := range model.Catalogue() {
		var re strings.Builder
		re.WriteString("^")
		last := 0
		for _, loc := range covPlaceholder.FindAllStringIndex(e.Message, -1) {
			re.WriteString(regexp.QuoteMeta(e.Message[last:loc[0]]))
			re.WriteString(`(?s:.+)`)
			last = loc[1]
		}
		re.WriteString(regexp.QuoteMeta(e.Message[last:]) + "$")
		out = append(out, covEntry{Entry: e, pattern: regexp.MustCompile(re.String())})
	}
	return out
}

// covMatch returns the index of the catalogue entry an error is. An error
// that came through the Go API names its entry, which must then match its
// code, status and message; one decoded from the wire is matched by code,
// status and message pattern, and must match exactly one entry.
func covMatch(entries []covEntry, e *model.Error) (int, error) {
	found := -1
	for i, c := range entries {
		if c.Code != e.Code || c.HTTPStatus != e.HTTPStatus || !c.pattern.MatchString(e.Message) {
			continue
		}
		if e.Entry() != "" && e.Entry() != c.Name {
			continue
		}
		if found >= 0 {
			return -1, fmt.Errorf("%d %s %q matches two catalogue entries: %s and %s", e.HTTPStatus, e.Code, e.Message, entries[found].Name, c.Name)
		}
		found = i
	}
	if found < 0 {
		return -1, fmt.Errorf("%d %s %q (entry %q) is in no catalogue entry", e.HTTPStatus, e.Code, e.Message, e.Entry())
	}
	return found, nil
}

// covScenario produces one error.
type covScenario struct {
	name  string // how the error is produced, for the report
	fault bool   // the scenario uses a fault rule
	want  *model.Error
	run   func(t *testing.T) error
}

var covStart = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

// covWorld is a scenario's world: a fresh fake (seed 11) on a virtual clock
// at covStart.
func covWorld(t *testing.T, opts ...fake.Option) *world {
	t.Helper()
	return newWorldAt(t, covStart, append([]fake.Option{fake.WithSeed(11)}, opts...)...)
}

// covStringToSign is the string to sign of a GET request, built from its
// query independently of the fake (with internal/rpcsign).
func covStringToSign(req *http.Request) string {
	q := req.URL.Query()
	q.Del("Signature")
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]string, 0, len(keys))
	for _, k := range keys {
		pairs = append(pairs, rpcsign.PercentEncode(k)+"="+rpcsign.PercentEncode(q.Get(k)))
	}
	return req.Method + "&" + rpcsign.PercentEncode("/") + "&" + rpcsign.PercentEncode(strings.Join(pairs, "&"))
}

var covVpcs = map[string]string{"Action": "DescribeVpcs", "Version": "2016-04-28", "RegionId": region}

func covWith(base map[string]string, extra ...string) map[string]string {
	p := map[string]string{}
	for k, v := range base {
		p[k] = v
	}
	for i := 0; i+1 < len(extra); i += 2 {
		p[extra[i]] = extra[i+1]
	}
	return p
}

func covScenarios() []covScenario {
	return []covScenario{
		// Gateway (wire Handler).
		{name: "wire: DescribeVpcs without Timestamp", want: model.ErrMissingParameter("Timestamp"),
			run: func(t *testing.T) error {
				e := covWorld(t)
				req := e.signed(covVpcs, fake.DefaultAccessKeySecret, "n1")
				q := req.URL.Query()
				q.Del("Timestamp")
				req.URL.RawQuery = q.Encode()
				return e.wire(req)
			}},
		{name: "wire: SignatureMethod HMAC-SHA256", want: model.ErrInvalidParameterValue("SignatureMethod"),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.wire(e.signed(covWith(covVpcs, "SignatureMethod", "HMAC-SHA256"), fake.DefaultAccessKeySecret, "n1"))
			}},
		{name: "wire: Slb Version with the Ecs action RunInstances", want: model.ErrInvalidAction(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.wire(e.signed(covWith(covVpcs, "Action", "RunInstances", "Version", "2014-05-15"), fake.DefaultAccessKeySecret, "n1"))
			}},
		{name: "wire: Version 2099-01-01", want: model.ErrInvalidVersion(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.wire(e.signed(covWith(covVpcs, "Version", "2099-01-01"), fake.DefaultAccessKeySecret, "n1"))
			}},
		{name: "wire: Timestamp \"yesterday\"", want: model.ErrInvalidTimeStampFormat(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.wire(e.signed(covWith(covVpcs, "Timestamp", "yesterday"), fake.DefaultAccessKeySecret, "n1"))
			}},
		{name: "wire: Timestamp 16 minutes behind the fake's clock", want: model.ErrInvalidTimeStampExpired(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.wire(signedRequest(t, http.MethodGet, covVpcs, fake.DefaultAccessKeySecret, e.clock.Now().Add(-16*time.Minute), "n1"))
			}},
		{name: "wire: a SignatureNonce reused a minute later", want: model.ErrSignatureNonceUsed(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				require.NoError(t, e.wire(e.signed(covVpcs, fake.DefaultAccessKeySecret, "same")))
				e.clock.Advance(time.Minute)
				return e.wire(e.signed(covVpcs, fake.DefaultAccessKeySecret, "same"))
			}},
		{name: "wire: AccessKeyId the fake does not know", want: model.ErrInvalidAccessKeyId(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.wire(e.signed(covWith(covVpcs, "AccessKeyId", "LTAInobody"), fake.DefaultAccessKeySecret, "n1"))
			}},
		func() covScenario {
			// The message ends with the string to sign of the request, which
			// run fills in once it has built the request.
			s := covScenario{name: "wire: signed with the wrong secret"}
			s.run = func(t *testing.T) error {
				e := covWorld(t)
				req := e.signed(covVpcs, "not-the-secret", "n1")
				s.want.Message = model.ErrSignatureDoesNotMatch(covStringToSign(req)).Message
				return e.wire(req)
			}
			s.want = model.ErrSignatureDoesNotMatch("")
			return s
		}(),
		func() covScenario {
			s := covScenario{name: "wire V3: signed with the wrong secret"}
			s.run = func(t *testing.T) error {
				e := covWorld(t)
				req, signed := covV3(e, nil).sign(t)
				s.want.Message = model.ErrSignatureDoesNotMatchV3(signed.StringToSign).Message
				req.Header.Set("Authorization", strings.Replace(signed.Authorization, "Signature="+signed.Signature, "Signature="+strings.Repeat("0", 64), 1))
				return e.wire(req)
			}
			s.want = model.ErrSignatureDoesNotMatchV3("")
			return s
		}(),
		{name: "wire V3: x-acs-date left out of SignedHeaders", want: model.ErrIncompleteSignature(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.wire(covV3(e, func(c *v3Call) {
					c.signed = []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-credentials-provider", "x-acs-signature-nonce", "x-acs-version"}
				}).request(t))
			}},
		{name: "wire V3: signed with ACS3-HMAC-SM3", want: model.ErrInvalidSignatureMethod(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				req := covV3(e, nil).request(t)
				req.Header.Set("Authorization", strings.Replace(req.Header.Get("Authorization"), "ACS3-HMAC-SHA256", "ACS3-HMAC-SM3", 1))
				return e.wire(req)
			}},
		{name: "wire V3: an STS credential without its token", want: model.ErrMissingSecurityToken(),
			run: func(t *testing.T) error {
				e := covWorld(t, fake.WithAccessKey(covSTS))
				return e.wire(covV3(e, func(c *v3Call) { c.keyId, c.secret = covSTS.Id, covSTS.Secret }).request(t))
			}},
		{name: "wire V1: an STS credential with another token", want: model.ErrInvalidSecurityToken(),
			run: func(t *testing.T) error {
				e := covWorld(t, fake.WithAccessKey(covSTS))
				all := rpcsign.Common(covSTS.Id, "n1", e.now())
				for k, v := range covWith(covVpcs, "SecurityToken", "CAIS-another") {
					all[k] = v
				}
				all["Signature"] = rpcsign.Signature(http.MethodGet, all, covSTS.Secret)
				q := url.Values{}
				for k, v := range all {
					q.Set(k, v)
				}
				return e.wire(httptest.NewRequest(http.MethodGet, "/?"+q.Encode(), nil))
			}},
		{name: "wire: a request whose context ended before the call ran", want: model.ErrServiceUnavailable(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				return e.wire(e.signed(covVpcs, fake.DefaultAccessKeySecret, "n1").WithContext(ctx))
			}},

		// Parameters, regions, lookups.
		{name: "SetLoadBalancerStatus without LoadBalancerStatus", want: model.ErrMissingParameter("LoadBalancerStatus"),
			run: func(t *testing.T) error {
				e := covWorld(t)
				lb := e.lb(model.LoadBalancer{})
				_, err := e.c.SetLoadBalancerStatus(e.ctx, &model.SetLoadBalancerStatusRequest{RegionId: region, LoadBalancerId: lb})
				return err
			}},
		{name: "DescribeLoadBalancers with PageSize 101", want: model.ErrInvalidParameterValue("PageSize"),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.DescribeLoadBalancers(e.ctx, &model.DescribeLoadBalancersRequest{RegionId: region, Paging: model.Paging{PageSize: 101}})
				return err
			}},
		{name: "DescribeVpcs in region xx-nowhere-1", want: model.ErrInvalidRegionId(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.DescribeVpcs(e.ctx, &model.DescribeVpcsRequest{RegionId: "xx-nowhere-1"})
				return err
			}},
		{name: "DescribeLoadBalancerAttribute of an LB of another account", want: model.ErrLoadBalancerNotFound(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				lb := e.lb(model.LoadBalancer{})
				_, err := e.f.ClientForAccount("9999").DescribeLoadBalancerAttribute(e.ctx,
					&model.DescribeLoadBalancerAttributeRequest{RegionId: region, LoadBalancerId: lb})
				return err
			}},

		// Backend servers.
		{name: "SetLoadBalancerStatus of a locked LB", want: model.ErrActionNotAllowedLocked(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				lb := e.lb(model.LoadBalancer{Status: model.LBLocked})
				_, err := e.c.SetLoadBalancerStatus(e.ctx, &model.SetLoadBalancerStatusRequest{RegionId: region, LoadBalancerId: lb, LoadBalancerStatus: "inactive"})
				return err
			}},
		{name: "AddBackendServers with BackendServers \"not json\"", want: model.ErrBackendServersInvalid(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.add(e.lb(model.LoadBalancer{}), "not json")
			}},
		{name: "AddBackendServers with 21 elements", want: model.ErrTooManyBackendServers(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				ids := make([]string, 21)
				for i := range ids {
					ids[i] = fmt.Sprintf("i-%02d", i)
				}
				return e.add(e.lb(model.LoadBalancer{}), list(ids...))
			}},
		{name: "AddBackendServers with an 81-character Description", want: model.ErrInvalidParameterLength(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				inst := e.classic()
				return e.add(e.lb(model.LoadBalancer{}), fmt.Sprintf(`[{"ServerId":%q,"Description":%q}]`, inst, strings.Repeat("a", 81)))
			}},
		{name: "AddBackendServers of an unknown instance", want: model.ErrObtainIpFail(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.add(e.lb(model.LoadBalancer{}), list("i-bp1nosuchinstance000"))
			}},
		{name: "AddBackendServers of a VPC instance to an intranet classic LB", want: model.ErrNetworkTypeUnsupported(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vpc := e.vpc("192.168.0.0/16")
				inst := e.inVpc(e.vswitch(vpc, "192.168.1.0/24", ""))
				return e.add(e.lb(model.LoadBalancer{AddressType: model.AddressIntranet}), list(inst))
			}},
		{name: "AddBackendServers of a VPC instance to an internet LB with a classic one", want: model.ErrBackendServersInconsistent(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vpc := e.vpc("192.168.0.0/16")
				inVpc := e.inVpc(e.vswitch(vpc, "192.168.1.0/24", ""))
				lb := e.lb(model.LoadBalancer{})
				require.NoError(t, e.add(lb, list(e.classic())))
				return e.add(lb, list(inVpc))
			}},
		{name: "AddBackendServers of a second instance with WithBackendQuota(1)", want: model.ErrBackendServerQuota(),
			run: func(t *testing.T) error {
				e := covWorld(t, fake.WithBackendQuota(1))
				lb := e.lb(model.LoadBalancer{})
				require.NoError(t, e.add(lb, list(e.classic())))
				return e.add(lb, list(e.classic()))
			}},
		{name: "AddBackendServers twice within WithConfiguringWindow(1m)", want: model.ErrBackendServerConfiguring(),
			run: func(t *testing.T) error {
				e := covWorld(t, fake.WithConfiguringWindow(time.Minute))
				lb := e.lb(model.LoadBalancer{})
				require.NoError(t, e.add(lb, list(e.classic())))
				e.clock.Advance(30 * time.Second)
				return e.add(lb, list(e.classic()))
			}},
		// vServer groups.
		{name: "DescribeVServerGroupAttribute of a deleted group", want: model.ErrVServerGroupNotFound(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				g := e.group(e.lb(model.LoadBalancer{}), "")
				_, err := e.c.DeleteVServerGroup(e.ctx, &model.DeleteVServerGroupRequest{RegionId: region, VServerGroupId: g})
				require.NoError(t, err)
				_, err = e.c.DescribeVServerGroupAttribute(e.ctx, &model.DescribeVServerGroupAttributeRequest{RegionId: region, VServerGroupId: g})
				return err
			}},
		{name: "AddVServerGroupBackendServers of an element without Port", want: model.ErrInvalidPort(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.addToGroup(e.group(e.lb(model.LoadBalancer{}), ""), list(e.classic()))
			}},
		{name: "AddVServerGroupBackendServers with 41 elements", want: model.ErrTooManyGroupBackendServers(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				ids := make([]string, 41)
				for i := range ids {
					ids[i] = fmt.Sprintf("i-%02d", i)
				}
				return e.addToGroup(e.group(e.lb(model.LoadBalancer{}), ""), onPort(80, ids...))
			}},
		{name: "SetLoadBalancerStatus right after AddBackendServers, WithConfiguringWindow(1m)", want: model.ErrServiceIsConfiguring(),
			run: func(t *testing.T) error {
				e := covWorld(t, fake.WithConfiguringWindow(time.Minute))
				lb := e.lb(model.LoadBalancer{})
				require.NoError(t, e.add(lb, list(e.classic())))
				_, err := e.c.SetLoadBalancerStatus(e.ctx, &model.SetLoadBalancerStatusRequest{RegionId: region, LoadBalancerId: lb, LoadBalancerStatus: "inactive"})
				return err
			}},

		// ECS instances.
		{name: "StopInstance of an unknown instance", want: model.ErrInstanceNotFound(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.StopInstance(e.ctx, &model.StopInstanceRequest{RegionId: region, InstanceId: "i-bp1nosuchinstance000"})
				return err
			}},
		{name: "StartInstance of a Running instance", want: model.ErrIncorrectInstanceStatus(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.StartInstance(e.ctx, &model.StartInstanceRequest{RegionId: region, InstanceId: e.classic()})
				return err
			}},
		{name: "RunInstances in an unknown vSwitch", want: model.ErrVSwitchNotFound(),
			run: func(t *testing.T) error {
				return covWorld(t).run(model.RunInstancesRequest{VSwitchId: "vsw-bp1nosuchvswitch000"})
			}},
		{name: "RunInstances with a PrivateIpAddress another instance holds", want: model.ErrIpAddressUsed(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vsw := e.vswitch(e.vpc("192.168.0.0/16"), "192.168.1.0/24", "")
				require.NoError(t, e.run(model.RunInstancesRequest{VSwitchId: vsw.VSwitchId, PrivateIpAddress: "192.168.1.10"}))
				return e.run(model.RunInstancesRequest{VSwitchId: vsw.VSwitchId, PrivateIpAddress: "192.168.1.10"})
			}},
		{name: "RunInstances with PrivateIpAddress \"not-an-ip\"", want: model.ErrPrivateIpMalformed(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vsw := e.vswitch(e.vpc("192.168.0.0/16"), "192.168.1.0/24", "")
				return e.run(model.RunInstancesRequest{VSwitchId: vsw.VSwitchId, PrivateIpAddress: "not-an-ip"})
			}},
		{name: "RunInstances with a PrivateIpAddress outside the vSwitch", want: model.ErrPrivateIpNotInVSwitch(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vsw := e.vswitch(e.vpc("192.168.0.0/16"), "192.168.1.0/24", "")
				return e.run(model.RunInstancesRequest{VSwitchId: vsw.VSwitchId, PrivateIpAddress: "192.168.2.10"})
			}},
		{name: "RunInstances Amount 5 in a /29 vSwitch (4 free addresses)", want: model.ErrVSwitchIpExhausted(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vsw := e.vswitch(e.vpc("192.168.0.0/16"), "192.168.1.0/29", "")
				return e.run(model.RunInstancesRequest{VSwitchId: vsw.VSwitchId, Amount: 5})
			}},
		{name: "RunInstances in zone cn-hangzhou-z", want: model.ErrZoneNotFound(),
			run: func(t *testing.T) error { return covWorld(t).run(model.RunInstancesRequest{ZoneId: "cn-hangzhou-z"}) }},
		{name: "RunInstances in zone cn-hangzhou-h with a vSwitch of cn-hangzhou-g", want: model.ErrInvalidZoneIdMismatch(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vsw := e.vswitch(e.vpc("192.168.0.0/16"), "192.168.1.0/24", "cn-hangzhou-g")
				return e.run(model.RunInstancesRequest{VSwitchId: vsw.VSwitchId, ZoneId: "cn-hangzhou-h"})
			}},
		{name: "RunInstances Amount 101", want: model.ErrInvalidAmount(),
			run: func(t *testing.T) error { return covWorld(t).run(model.RunInstancesRequest{Amount: 101}) }},
		{name: "RunInstances with DryRun, a request that would succeed", want: model.ErrDryRunOperation(),
			run: func(t *testing.T) error {
				return covWorld(t).run(model.RunInstancesRequest{DryRun: true})
			}},
		{name: "CreateLoadBalancer twice with one ClientToken and another name", want: model.ErrIdempotentParameterMismatch(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.CreateLoadBalancer(e.ctx, &model.CreateLoadBalancerRequest{RegionId: region, LoadBalancerName: "a", ClientToken: "tok-1"})
				require.NoError(t, err)
				_, err = e.c.CreateLoadBalancer(e.ctx, &model.CreateLoadBalancerRequest{RegionId: region, LoadBalancerName: "b", ClientToken: "tok-1"})
				return err
			}},
		{name: "CreateInstance with InstanceName \"1st\"", want: model.ErrInvalidInstanceName(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.CreateInstance(e.ctx, &model.CreateInstanceRequest{RegionId: region, ImageId: "img", InstanceType: "ecs.g7.large", InstanceName: "1st"})
				return err
			}},

		// ENIs.
		{name: "AttachNetworkInterface of an unknown ENI", want: model.ErrNetworkInterfaceNotFound(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vsw := e.vswitch(e.vpc("192.168.0.0/16"), "192.168.1.0/24", "")
				return e.attach("eni-bp1nosucheni0000000", e.inVpc(vsw))
			}},
		{name: "AttachNetworkInterface to an unknown instance", want: model.ErrEcsIdNotFound(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vsw := e.vswitch(e.vpc("192.168.0.0/16"), "192.168.1.0/24", "")
				return e.attach(e.eni(vsw, "", 0).NetworkInterfaceId, "i-bp1nosuchinstance000")
			}},
		{name: "AttachNetworkInterface of an InUse ENI", want: model.ErrIncorrectNetworkInterfaceStatus("Available", "InUse"),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vsw := e.vswitch(e.vpc("192.168.0.0/16"), "192.168.1.0/24", "")
				inst := e.inVpc(vsw)
				return e.attach(e.eni(vsw, inst, 0).NetworkInterfaceId, e.inVpc(vsw))
			}},
		{name: "DetachNetworkInterface of an Available ENI", want: model.ErrIncorrectNetworkInterfaceStatus("InUse", "Available"),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vsw := e.vswitch(e.vpc("192.168.0.0/16"), "192.168.1.0/24", "")
				_, err := e.c.DetachNetworkInterface(e.ctx, &model.DetachNetworkInterfaceRequest{RegionId: region,
					NetworkInterfaceId: e.eni(vsw, "", 0).NetworkInterfaceId, InstanceId: e.inVpc(vsw)})
				return err
			}},
		{name: "AttachNetworkInterface to an instance still Pending (WithLifecycle, RunInstances)", want: model.ErrInvalidEcsState("Running/Stopped", "Pending"),
			run: func(t *testing.T) error {
				e := covWorld(t, fake.WithLifecycle(model.LifecycleDurations{Pending: time.Minute}))
				vsw := e.vswitch(e.vpc("192.168.0.0/16"), "192.168.1.0/24", "")
				resp, err := e.c.RunInstances(e.ctx, &model.RunInstancesRequest{RegionId: region, ImageId: "img", InstanceType: "ecs.g7.large", VSwitchId: vsw.VSwitchId})
				require.NoError(t, err)
				return e.attach(e.eni(vsw, "", 0).NetworkInterfaceId, resp.InstanceIdSets.InstanceIdSet[0])
			}},
		{name: "AttachNetworkInterface to an instance of another zone of the VPC", want: model.ErrEniZoneMismatch(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vpc := e.vpc("192.168.0.0/16")
				vswG, vswH := e.vswitch(vpc, "192.168.1.0/24", "cn-hangzhou-g"), e.vswitch(vpc, "192.168.2.0/24", "cn-hangzhou-h")
				return e.attach(e.eni(vswG, "", 0).NetworkInterfaceId, e.inVpc(vswH))
			}},
		{name: "AttachNetworkInterface to a classic instance", want: model.ErrEniVpcMismatch(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vsw := e.vswitch(e.vpc("192.168.0.0/16"), "192.168.1.0/24", "")
				return e.attach(e.eni(vsw, "", 0).NetworkInterfaceId, e.classic())
			}},
		{name: "CreateNetworkInterface with a PrimaryIpAddress outside the vSwitch", want: model.ErrEniIpInvalid(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vsw := e.vswitch(e.vpc("192.168.0.0/16"), "192.168.1.0/24", "")
				_, err := e.c.CreateNetworkInterface(e.ctx, &model.CreateNetworkInterfaceRequest{RegionId: region,
					VSwitchId: vsw.VSwitchId, SecurityGroupId: "sg-bp1test", PrimaryIpAddress: "192.168.9.9"})
				return err
			}},

		// VPCs and vSwitches.
		{name: "CreateVSwitch in an unknown VPC", want: model.ErrVpcNotFound(),
			run: func(t *testing.T) error {
				return covWorld(t).createVSwitch(model.CreateVSwitchRequest{VpcId: "vpc-bp1nosuchvpc0000000", CidrBlock: "192.168.1.0/24"})
			}},
		{name: "CreateVSwitch with CidrBlock \"not-a-cidr\"", want: model.ErrInvalidCidrBlock(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.createVSwitch(model.CreateVSwitchRequest{VpcId: e.vpc("192.168.0.0/16").VpcId, CidrBlock: "not-a-cidr"})
			}},
		{name: "CreateVSwitch with a /30 CidrBlock", want: model.ErrCidrBlockMaskLength(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.createVSwitch(model.CreateVSwitchRequest{VpcId: e.vpc("192.168.0.0/16").VpcId, CidrBlock: "192.168.1.0/30"})
			}},
		{name: "CreateVSwitch with a CidrBlock outside the VPC's", want: model.ErrCidrBlockNotInVpc(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.createVSwitch(model.CreateVSwitchRequest{VpcId: e.vpc("192.168.0.0/16").VpcId, CidrBlock: "10.0.1.0/24"})
			}},
		{name: "CreateVSwitch overlapping another vSwitch of the VPC", want: model.ErrCidrBlockOverlapped(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vpc := e.vpc("192.168.0.0/16")
				e.vswitch(vpc, "192.168.1.0/24", "")
				return e.createVSwitch(model.CreateVSwitchRequest{VpcId: vpc.VpcId, CidrBlock: "192.168.1.128/25"})
			}},
		{name: "CreateVSwitch with VSwitchName \"http://x\"", want: model.ErrInvalidVSwitchName(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.createVSwitch(model.CreateVSwitchRequest{VpcId: e.vpc("192.168.0.0/16").VpcId, CidrBlock: "192.168.1.0/24", VSwitchName: "http://x"})
			}},
		{name: "CreateVSwitch with Description \"https://x\"", want: model.ErrInvalidVSwitchDescription(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				return e.createVSwitch(model.CreateVSwitchRequest{VpcId: e.vpc("192.168.0.0/16").VpcId, CidrBlock: "192.168.1.0/24", Description: "https://x"})
			}},
		{name: "CreateVSwitch in a VPC that has 150 vSwitches", want: model.ErrVSwitchQuotaExceeded(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				vpc := e.vpc("10.0.0.0/8")
				for i := 0; i < model.MaxVSwitchesPerVpc; i++ {
					e.vswitch(vpc, fmt.Sprintf("10.%d.0.0/24", i), "")
				}
				return e.createVSwitch(model.CreateVSwitchRequest{VpcId: vpc.VpcId, CidrBlock: "10.200.0.0/24"})
			}},
		{name: "CreateVpc with CidrBlock 8.8.8.0/24 (not private)", want: model.ErrVpcCidrBlockInvalid(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.CreateVpc(e.ctx, &model.CreateVpcRequest{RegionId: region, CidrBlock: "8.8.8.0/24"})
				return err
			}},
		{name: "CreateVpc with VpcName \"http://x\"", want: model.ErrInvalidVpcName(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.CreateVpc(e.ctx, &model.CreateVpcRequest{RegionId: region, VpcName: "http://x"})
				return err
			}},
		{name: "CreateVpc with a 257-character Description", want: model.ErrInvalidVpcDescription(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.CreateVpc(e.ctx, &model.CreateVpcRequest{RegionId: region, Description: strings.Repeat("d", 257)})
				return err
			}},

		// Fault rules, for the entries that only they produce.
		{name: "fault rule ErrorCode OperationBusy on DescribeVpcs", fault: true, want: model.ErrOperationBusy(),
			run: func(t *testing.T) error {
				return covFault(t, fake.FaultRule{Action: "DescribeVpcs", ErrorCode: "OperationBusy"})
			}},
		{name: "fault rule ErrorCode SystemBusy on DescribeVpcs", fault: true, want: model.ErrSystemBusy(),
			run: func(t *testing.T) error {
				return covFault(t, fake.FaultRule{Action: "DescribeVpcs", ErrorCode: "SystemBusy"})
			}},
		{name: "fault rule Throttle{Rate 0, Burst 1}: the second DescribeVpcs", fault: true, want: model.ErrThrottlingUser(),
			run: func(t *testing.T) error {
				return covFault(t, fake.FaultRule{Action: "DescribeVpcs", Throttle: &fake.TokenBucket{Rate: 0, Burst: 1}})
			}},
		{name: "fault rule AfterCommit (no error given) on DescribeVpcs", fault: true, want: model.ErrInternalError(),
			run: func(t *testing.T) error {
				return covFault(t, fake.FaultRule{Action: "DescribeVpcs", AfterCommit: true})
			}},

		// Tags, protection, charge type.
		{name: "DeleteLoadBalancer of an LB created with DeleteProtection on", want: model.ErrDeleteProtectionIsOn(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				lb, err := e.c.CreateLoadBalancer(e.ctx, &model.CreateLoadBalancerRequest{RegionId: region, DeleteProtection: "on"})
				require.NoError(t, err)
				_, err = e.c.DeleteLoadBalancer(e.ctx, &model.DeleteLoadBalancerRequest{RegionId: region, LoadBalancerId: lb.LoadBalancerId})
				return err
			}},
		{name: "CreateLoadBalancer with InstanceChargeType PayByLCU", want: model.ErrIllegalInstanceChargeType(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.CreateLoadBalancer(e.ctx, &model.CreateLoadBalancerRequest{RegionId: region, InstanceChargeType: "PayByLCU"})
				return err
			}},
		{name: "ModifyLoadBalancerInstanceChargeType with InternetChargeType paybybandwidth", want: model.ErrIllegalInternetChargeType(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				id := e.internetLB()
				_, err := e.c.ModifyLoadBalancerInstanceChargeType(e.ctx, &model.ModifyLoadBalancerInstanceChargeTypeRequest{RegionId: region,
					LoadBalancerId: id, InstanceChargeType: "PayByCLCU", InternetChargeType: "paybybandwidth"})
				return err
			}},
		{name: "CreateLoadBalancer AddressIPVersion ipv6", want: model.ErrIPv6NotModelled(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.CreateLoadBalancer(e.ctx, &model.CreateLoadBalancerRequest{RegionId: region, AddressIPVersion: "ipv6"})
				return err
			}},
		{name: "CreateLoadBalancer PayByCLCU with InternetChargeType paybybandwidth", want: model.ErrInternetChargeTypeNotAllowed(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.CreateLoadBalancer(e.ctx, &model.CreateLoadBalancerRequest{RegionId: region, InstanceChargeType: "PayByCLCU",
					InternetChargeType: "paybybandwidth"})
				return err
			}},
		{name: "ModifyLoadBalancerInstanceChargeType of a PayByCLCU LB", want: model.ErrAlreadyPayByCLCU(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				lb, err := e.c.CreateLoadBalancer(e.ctx, &model.CreateLoadBalancerRequest{RegionId: region, InstanceChargeType: "PayByCLCU"})
				require.NoError(t, err)
				_, err = e.c.ModifyLoadBalancerInstanceChargeType(e.ctx, &model.ModifyLoadBalancerInstanceChargeTypeRequest{RegionId: region,
					LoadBalancerId: lb.LoadBalancerId, InstanceChargeType: "PayByCLCU"})
				return err
			}},
		{name: "ModifyLoadBalancerInstanceChargeType to PayBySpec", want: model.ErrLcuToSpecForbidden(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				id := e.internetLB()
				_, err := e.c.ModifyLoadBalancerInstanceChargeType(e.ctx, &model.ModifyLoadBalancerInstanceChargeTypeRequest{RegionId: region,
					LoadBalancerId: id, InstanceChargeType: "PayBySpec"})
				return err
			}},
		{name: "SetLoadBalancerModificationProtection with status ApiProtection", want: model.ErrInvalidModificationProtectionStatus(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				id := e.internetLB()
				_, err := e.c.SetLoadBalancerModificationProtection(e.ctx, &model.SetLoadBalancerModificationProtectionRequest{RegionId: region,
					LoadBalancerId: id, ModificationProtectionStatus: "ApiProtection"})
				return err
			}},
		{name: "CreateLoadBalancer with ConsoleProtection and the reason \"1st\"", want: model.ErrInvalidModificationProtectionReason(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.CreateLoadBalancer(e.ctx, &model.CreateLoadBalancerRequest{RegionId: region,
					ModificationProtectionStatus: "ConsoleProtection", ModificationProtectionReason: "1st"})
				return err
			}},
		{name: "TagResources with the key aliyun:owner", want: model.ErrInvalidTagKey(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				id := e.internetLB()
				_, err := e.c.TagResources(e.ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "instance",
					ResourceId: []string{id}, Tag: []model.Tag{{Key: "aliyun:owner", Value: "x"}}})
				return err
			}},
		{name: "CreateLoadBalancer with a tag value holding https://", want: model.ErrInvalidTagValue(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.CreateLoadBalancer(e.ctx, &model.CreateLoadBalancerRequest{RegionId: region,
					Tag: []model.Tag{{Key: "site", Value: "see https://example.com"}}})
				return err
			}},
		{name: "CreateLoadBalancer with a Tag.1.Value and no Tag.1.Key", want: model.ErrMissingTagKey(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.CreateLoadBalancer(e.ctx, &model.CreateLoadBalancerRequest{RegionId: region, Tag: []model.Tag{{Value: "v"}}})
				return err
			}},
		{name: "TagResources without ResourceId.N", want: model.ErrMissingResourceId(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.TagResources(e.ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "instance",
					Tag: []model.Tag{{Key: "k", Value: "v"}}})
				return err
			}},
		{name: "ListTagResources with neither ResourceId.N nor Tag.N", want: model.ErrMissingTagOrResourceId(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.ListTagResources(e.ctx, &model.ListTagResourcesRequest{RegionId: region, ResourceType: "instance"})
				return err
			}},
		{name: "TagResources with 21 tags", want: model.ErrTagSizeLimitExceeded(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				id := e.internetLB()
				tags := make([]model.Tag, 21)
				for i := range tags {
					tags[i] = model.Tag{Key: fmt.Sprintf("k%d", i)}
				}
				_, err := e.c.TagResources(e.ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "instance",
					ResourceId: []string{id}, Tag: tags})
				return err
			}},
		{name: "UntagResources with 21 keys", want: model.ErrTagKeySizeLimitExceeded(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				id := e.internetLB()
				keys := make([]string, 21)
				for i := range keys {
					keys[i] = fmt.Sprintf("k%d", i)
				}
				_, err := e.c.UntagResources(e.ctx, &model.UntagResourcesRequest{RegionId: region, ResourceType: "instance",
					ResourceId: []string{id}, TagKey: keys})
				return err
			}},
		{name: "ListTagResources with 21 resource IDs", want: model.ErrResourceIdSizeLimitExceeded(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				ids := make([]string, 21)
				for i := range ids {
					ids[i] = fmt.Sprintf("lb-bp1nosuchlb%08d", i)
				}
				_, err := e.c.ListTagResources(e.ctx, &model.ListTagResourcesRequest{RegionId: region, ResourceType: "instance", ResourceId: ids})
				return err
			}},
		{name: "TagResources with the key env twice", want: model.ErrDuplicateTagKey(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				id := e.internetLB()
				_, err := e.c.TagResources(e.ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "instance",
					ResourceId: []string{id}, Tag: []model.Tag{{Key: "env", Value: "a"}, {Key: "env", Value: "b"}}})
				return err
			}},
		{name: "TagResources of ResourceType loadbalancer", want: model.ErrInvalidResourceType(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				id := e.internetLB()
				_, err := e.c.TagResources(e.ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "loadbalancer",
					ResourceId: []string{id}, Tag: []model.Tag{{Key: "k", Value: "v"}}})
				return err
			}},
		{name: "TagResources of an unknown LB", want: model.ErrResourceNotExist("lb-bp1nosuchlb000000000"),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.TagResources(e.ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "instance",
					ResourceId: []string{"lb-bp1nosuchlb000000000"}, Tag: []model.Tag{{Key: "k", Value: "v"}}})
				return err
			}},
		{name: "TagResources: an LB with 20 tags gets a 21st", want: model.ErrTagQuotaExceeded(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				id := e.internetLB()
				var err error
				for i := range 21 {
					_, err = e.c.TagResources(e.ctx, &model.TagResourcesRequest{RegionId: region, ResourceType: "instance",
						ResourceId: []string{id}, Tag: []model.Tag{{Key: fmt.Sprintf("k%d", i)}}})
					if i < 20 {
						require.NoError(t, err)
					}
				}
				return err
			}},
		{name: "ListTagResources with NextToken \"not-a-token\"", want: model.ErrInvalidNextToken(),
			run: func(t *testing.T) error {
				e := covWorld(t)
				_, err := e.c.ListTagResources(e.ctx, &model.ListTagResourcesRequest{RegionId: region, ResourceType: "instance",
					ResourceId: []string{"lb-bp1nosuchlb000000000"}, NextToken: "not-a-token"})
				return err
			}},
	}
}

// covFault calls DescribeVpcs twice under one fault rule and returns the
// error of the second call (the first may be let through, as a throttle's is).
func covFault(t *testing.T, rule fake.FaultRule) error {
	e := covWorld(t, fake.WithFaults(rule))
	req := &model.DescribeVpcsRequest{RegionId: region}
	_, _ = e.c.DescribeVpcs(e.ctx, req)
	_, err := e.c.DescribeVpcs(e.ctx, req)
	return err
}

// TestEveryCatalogueEntryIsReachable produces every entry of model.Catalogue()
// by a scenario, asserts the exact code, HTTP status and message of each,
// and reports which scenario produced which entry.
func TestEveryCatalogueEntryIsReachable(t *testing.T) {
	entries := covCatalogue(t)
	producedBy := make([][]string, len(entries))
	failed := false
	for _, s := range append(covScenarios(), covListenerScenarios()...) {
		ok := t.Run(s.name, func(t *testing.T) {
			err := s.run(t)
			require.Error(t, err, "the scenario produced no error")
			var got *model.Error
			require.ErrorAs(t, err, &got)
			require.Equal(t, s.want.Code, got.Code, "code (message %q)", got.Message)
			require.Equal(t, s.want.HTTPStatus, got.HTTPStatus, "HTTP status of %s", got.Code)
			require.Equal(t, s.want.Message, got.Message, "message of %s", got.Code)
			require.Regexp(t, `^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`, got.RequestId)
			i, merr := covMatch(entries, got)
			require.NoError(t, merr)
			if s.fault {
				require.Contains(t, entries[i].When, "fault rules only",
					"%s is produced by the service's own rules (When: %q): produce it without a fault rule", entries[i].Code, entries[i].When)
			}
			via := "rules"
			if s.fault {
				via = "fault"
			}
			producedBy[i] = append(producedBy[i], fmt.Sprintf("[%s] %s", via, s.name))
		})
		failed = failed || !ok
	}
	if failed {
		t.Fatal("a scenario failed; no coverage report")
	}

	var report strings.Builder
	var unreachable []string
	missing := 0
	for i, e := range entries {
		reason, listed := covUnreachable[e.Name]
		whenSays := strings.Contains(strings.ToLower(e.When), "unreachable")
		switch {
		case len(producedBy[i]) > 0:
			fmt.Fprintf(&report, "  %-45s %3d %q\n      <- %s\n", e.Code, e.HTTPStatus, e.Message, strings.Join(producedBy[i], "\n      <- "))
			if listed {
				t.Errorf("%s is listed in covUnreachable (%s) but a scenario produces it", e.Name, reason)
			}
			if whenSays {
				t.Errorf("%s: When says it is unreachable (%q) but a scenario produces it", e.Name, e.When)
			}
		case listed:
			unreachable = append(unreachable, fmt.Sprintf("  %s: %s (When: %q)", e.Name, reason, e.When))
			if !whenSays {
				t.Errorf("%s is unreachable (%s) but its catalogue When does not say so: %q", e.Name, reason, e.When)
			}
		default:
			missing++
			t.Errorf("no scenario produces %d %s %q (When: %q): add one, or list it in covUnreachable and say why in its When", e.HTTPStatus, e.Code, e.Message, e.When)
		}
	}
	for key := range covUnreachable {
		found := false
		for _, e := range entries {
			found = found || e.Name == key
		}
		if !found {
			t.Errorf("covUnreachable lists %s, which is not in the catalogue", key)
		}
	}
	t.Logf("error catalogue coverage: %d of %d entries produced, %d unreachable, %d missing\n%s",
		len(entries)-len(unreachable)-missing, len(entries), len(unreachable), missing, report.String())
	if len(unreachable) > 0 {
		t.Logf("unreachable entries:\n%s", strings.Join(unreachable, "\n"))
	} else {
		t.Logf("unreachable entries: none")
	}
}

// covParseDir parses the non-test Go files of a directory of the module.
func covParseDir(t *testing.T, dir string) (*token.FileSet, map[string]*ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	files := map[string]*ast.File{}
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		src, err := os.ReadFile(p)
		require.NoError(t, err)
		f, err := parser.ParseFile(fset, p, src, 0)
		require.NoError(t, err)
		files[p] = f
	}
	require.NotEmpty(t, files, "no Go files in %s", dir)
	return fset, files
}

// TestEveryErrorComesFromTheCatalogue checks, from the source, that the
// catalogue is the only place errors are made: each exported Err<Name>
// constructor of package model returns its own entry (ent<Name>.new), every
// entry has its constructor, no code builds a model.Error literal outside
// model/errors.go, and model.NewError (an error outside the catalogue) is
// called only where a fault rule gives its own code and message.
func TestEveryErrorComesFromTheCatalogue(t *testing.T) {
	_, modelFiles := covParseDir(t, "../model")
	constructors := map[string]bool{}
	for path, f := range modelFiles {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Err") || !fn.Name.IsExported() {
				continue
			}
			name := strings.TrimPrefix(fn.Name.Name, "Err")
			constructors[name] = true
			ok = len(fn.Body.List) == 1
			if ok {
				ret, isRet := fn.Body.List[0].(*ast.ReturnStmt)
				ok = isRet && len(ret.Results) == 1
				if ok {
					call, isCall := ret.Results[0].(*ast.CallExpr)
					sel, isSel := (*ast.SelectorExpr)(nil), false
					if isCall {
						sel, isSel = call.Fun.(*ast.SelectorExpr)
					}
					ok = isSel && sel.Sel.Name == "new"
					if ok {
						id, isId := sel.X.(*ast.Ident)
						ok = isId && id.Name == "ent"+name
					}
				}
			}
			if !ok {
				t.Errorf("%s: model.%s must be `return ent%s.new(...)`: the catalogue entry is the error", filepath.Base(path), fn.Name.Name, name)
			}
		}
	}
	for _, e := range model.Catalogue() {
		if !constructors[e.Name] {
			t.Errorf("catalogue entry %s has no constructor model.Err%s", e.Name, e.Name)
		}
	}
	require.Len(t, constructors, len(model.Catalogue()), "one constructor per entry")

	for _, dir := range []string{"../engine", "../fake", "../model"} {
		fset, files := covParseDir(t, dir)
		for path, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CompositeLit:
					if covIsErrorType(n.Type) && !(dir == "../model" && filepath.Base(path) == "errors.go") {
						t.Errorf("%s: a model.Error literal: use a catalogue constructor", fset.Position(n.Pos()))
					}
				case *ast.SelectorExpr:
					if pkg, ok := n.X.(*ast.Ident); ok && pkg.Name == "model" && n.Sel.Name == "NewError" &&
						!(dir == "../fake" && filepath.Base(path) == "faults.go") {
						t.Errorf("%s: model.NewError outside the fault rules: use a catalogue constructor", fset.Position(n.Pos()))
					}
				}
				return true
			})
		}
	}
}

// covIsErrorType reports whether a composite literal's type is model.Error
// (or Error inside package model).
func covIsErrorType(typ ast.Expr) bool {
	switch x := typ.(type) {
	case *ast.SelectorExpr:
		pkg, ok := x.X.(*ast.Ident)
		return ok && pkg.Name == "model" && x.Sel.Name == "Error"
	case *ast.Ident:
		return x.Name == "Error"
	}
	return false
}

// covSTS is an STS credential: its requests must carry its token.
var covSTS = fake.AccessKey{Id: "STS.covKey", Secret: "sts-secret", SecurityToken: "CAIS-cov-token"}

// covV3 is a correct Signature V3 DescribeVpcs at the world's time, edited
// by edit.
func covV3(w *world, edit func(*v3Call)) v3Call {
	c := v3Call{action: "DescribeVpcs", version: "2016-04-28", now: w.now(), query: map[string]string{"RegionId": region}, nonce: "v3"}
	if edit != nil {
		edit(&c)
	}
	return c
}
