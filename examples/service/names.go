package service

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/slbfake/slbfake/model"
)

// TagKey is the tag that marks a load balancer as a Service's: its value is
// the Service's UID. The controller finds its LB by it first.
const TagKey = "kubernetes.do.not.delete"

// DefaultWeight is the weight of a member when Service.Weight is 0.
const DefaultWeight = 100

// Service is what the controller needs of a Kubernetes Service of type
// LoadBalancer.
type Service struct {
	Namespace, Name string
	// UID is metadata.uid: the value of the LB's TagKey tag and the root of
	// its name.
	UID string
	// Generation is metadata.generation. It is part of the ClientToken, so
	// that a Service whose LB was deleted (its type changed away from
	// LoadBalancer and back, which bumps it) gets a new LB and not the
	// answer the first create's token recorded.
	Generation int64
	// Port is the Service port: the port of the TCP listener.
	Port int
	// NodePort is the members' port.
	NodePort int
	// Weight is every member's weight, 1..100; 0 means DefaultWeight.
	Weight int
}

func (s Service) weight() int {
	if s.Weight == 0 {
		return DefaultWeight
	}
	return s.Weight
}

// LoadBalancerName is the name of the Service's LB: "a" and the UID
// without dashes, at most 32 characters, the controller's default name.
// The controller finds an LB by it when none carries the tag.
func (s Service) LoadBalancerName() string {
	name := "a" + strings.ReplaceAll(s.UID, "-", "")
	return name[:min(len(name), 32)]
}

// GroupName is the name of the Service's vServer group:
// k8s/<nodePort>/<name>/<namespace>/<cluster>.
func (s Service) GroupName(cluster string) string {
	return fmt.Sprintf("k8s/%d/%s/%s/%s", s.NodePort, s.Name, s.Namespace, cluster)
}

// ClientToken is the token of the Service's CreateLoadBalancer: the same
// for every retry of one intent (the Service's cluster, namespace, name, UID
// and generation), so that a create retried after an ambiguous failure gets
// the first LB back and creates none; 44 ASCII characters (the API allows
// 64).
func (s Service) ClientToken(cluster string) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%s\x00%s\x00%d", cluster, s.Namespace, s.Name, s.UID, s.Generation))
	return "k8s-" + hex.EncodeToString(sum[:20])
}

// tagFilter is DescribeLoadBalancers' Tags parameter that selects the
// Service's LB: [{"TagKey":"kubernetes.do.not.delete","TagValue":"<uid>"}].
func (s Service) tagFilter() string {
	b, err := json.Marshal([]struct{ TagKey, TagValue string }{{TagKey, s.UID}})
	if err != nil {
		panic(err) // strings always marshal
	}
	return string(b)
}

// validate refuses what no call could serve.
func (s Service) validate(region, cluster string) error {
	switch {
	case region == "":
		return fmt.Errorf("%w: no region", ErrInvalidService)
	case strings.TrimSpace(s.UID) == "" || len(s.UID) > 128:
		return fmt.Errorf("%w: UID %q", ErrInvalidService, s.UID)
	case s.Port < model.MinPort || s.Port > model.MaxPort:
		return fmt.Errorf("%w: port %d", ErrInvalidService, s.Port)
	case s.NodePort < model.MinPort || s.NodePort > model.MaxPort:
		return fmt.Errorf("%w: node port %d", ErrInvalidService, s.NodePort)
	case s.Weight < 0 || s.Weight > model.MaxWeight:
		return fmt.Errorf("%w: weight %d", ErrInvalidService, s.Weight)
	case !model.ValidVServerGroupName(s.GroupName(cluster)):
		return fmt.Errorf("%w: group name %q (1..80 letters, digits, '-', '/', '.', '_')", ErrInvalidService, s.GroupName(cluster))
	}
	return nil
}
