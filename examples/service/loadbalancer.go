package service

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/slbfake/slbfake/model"
)

// The LB attributes the controller keeps.
const (
	deleteProtectionOn   = "on"
	consoleProtection    = "ConsoleProtection"
	protectionReason     = "managed.by.kubernetes"
	payByCLCU            = "PayByCLCU"
	tagResourceTypeLB    = "instance"
	notFoundLoadBalancer = "InvalidLoadBalancerId.NotFound"
)

// find looks for the Service's LB: by its tag (DescribeLoadBalancers with
// the Tags filter), then by its name. It returns "" when there is none,
// and tagged false when the LB was found by name only. Two matches are
// ErrAmbiguous.
func (c *Controller) find(s *session, svc Service) (lb string, tagged bool, err error) {
	byTag, err := c.describeLoadBalancers(s, "DescribeLoadBalancers by tag", &model.DescribeLoadBalancersRequest{RegionId: c.Region, Tags: svc.tagFilter()})
	if err != nil || len(byTag) > 0 {
		return first(byTag), true, err
	}
	byName, err := c.describeLoadBalancers(s, "DescribeLoadBalancers by name", &model.DescribeLoadBalancersRequest{RegionId: c.Region, LoadBalancerName: svc.LoadBalancerName()})
	return first(byName), false, err
}

func first(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return ids[0]
}

// describeLoadBalancers lists the IDs of the LBs req selects; more than one
// is ErrAmbiguous.
func (c *Controller) describeLoadBalancers(s *session, op string, req *model.DescribeLoadBalancersRequest) ([]string, error) {
	var ids []string
	err := s.read(op, func(ctx context.Context) error {
		resp, err := c.API.DescribeLoadBalancers(ctx, req)
		if err != nil {
			return err
		}
		for _, lb := range resp.LoadBalancers.LoadBalancer {
			ids = append(ids, lb.LoadBalancerId)
		}
		if resp.TotalCount > len(ids) || len(ids) > 1 {
			return fmt.Errorf("%w: %d load balancers %v", ErrAmbiguous, max(resp.TotalCount, len(ids)), ids)
		}
		return nil
	})
	return ids, err
}

// attribute reads an LB (DescribeLoadBalancerAttribute). An LB that is gone
// is errNotYet: the next pass finds again.
func (c *Controller) attribute(s *session, lb string) (*model.DescribeLoadBalancerAttributeResponse, error) {
	var attr *model.DescribeLoadBalancerAttributeResponse
	err := s.read("DescribeLoadBalancerAttribute", func(ctx context.Context) (err error) {
		attr, err = c.API.DescribeLoadBalancerAttribute(ctx, &model.DescribeLoadBalancerAttributeRequest{RegionId: c.Region, LoadBalancerId: lb})
		return gone(err)
	})
	return attr, err
}

// createRequest is the Service's CreateLoadBalancer: the same on every
// retry, as its ClientToken requires.
func (c *Controller) createRequest(svc Service) *model.CreateLoadBalancerRequest {
	req := &model.CreateLoadBalancerRequest{
		RegionId:                     c.Region,
		LoadBalancerName:             svc.LoadBalancerName(),
		AddressType:                  "internet",
		ClientToken:                  svc.ClientToken(c.ClusterID),
		DeleteProtection:             deleteProtectionOn,
		ModificationProtectionStatus: consoleProtection,
		ModificationProtectionReason: protectionReason,
		InstanceChargeType:           payByCLCU,
		Tag:                          []model.Tag{{Key: TagKey, Value: svc.UID}},
	}
	if c.VSwitchId != "" {
		req.AddressType, req.VSwitchId = "intranet", c.VSwitchId
	}
	return req
}

// ensureLoadBalancer finds the Service's LB or creates it, reads it back,
// and sets what the read does not show: the tag (an LB found by name),
// delete protection, console modification protection, PayByCLCU.
func (c *Controller) ensureLoadBalancer(s *session, svc Service) (string, error) {
	lb, tagged, err := c.find(s, svc)
	if err != nil {
		return "", err
	}
	if lb == "" {
		err := s.change("CreateLoadBalancer", svc.ClientToken(c.ClusterID), func(ctx context.Context) error {
			resp, err := c.API.CreateLoadBalancer(ctx, c.createRequest(svc))
			if err == nil {
				lb = resp.LoadBalancerId
			}
			return err
		})
		if err != nil {
			return "", err
		}
		tagged = true
	}
	attr, err := c.attribute(s, lb)
	if err != nil {
		return "", err
	}
	if !tagged && !hasTag(attr, TagKey, svc.UID) {
		if err := s.change("TagResources", lb, func(ctx context.Context) error {
			_, err := c.API.TagResources(ctx, &model.TagResourcesRequest{RegionId: c.Region, ResourceType: tagResourceTypeLB,
				ResourceId: []string{lb}, Tag: []model.Tag{{Key: TagKey, Value: svc.UID}}})
			return err
		}); err != nil {
			return "", err
		}
	}
	if attr.DeleteProtection != deleteProtectionOn {
		if err := s.change("SetLoadBalancerDeleteProtection on", lb, func(ctx context.Context) error {
			_, err := c.API.SetLoadBalancerDeleteProtection(ctx, &model.SetLoadBalancerDeleteProtectionRequest{
				RegionId: c.Region, LoadBalancerId: lb, DeleteProtection: deleteProtectionOn})
			return gone(err)
		}); err != nil {
			return "", err
		}
	}
	if attr.ModificationProtectionStatus != consoleProtection {
		if err := s.change("SetLoadBalancerModificationProtection", lb, func(ctx context.Context) error {
			_, err := c.API.SetLoadBalancerModificationProtection(ctx, &model.SetLoadBalancerModificationProtectionRequest{
				RegionId: c.Region, LoadBalancerId: lb, ModificationProtectionStatus: consoleProtection, ModificationProtectionReason: protectionReason})
			return gone(err)
		}); err != nil {
			return "", err
		}
	}
	if attr.InstanceChargeType != payByCLCU {
		if err := s.change("ModifyLoadBalancerInstanceChargeType", lb, func(ctx context.Context) error {
			_, err := c.API.ModifyLoadBalancerInstanceChargeType(ctx, &model.ModifyLoadBalancerInstanceChargeTypeRequest{
				RegionId: c.Region, LoadBalancerId: lb, InstanceChargeType: payByCLCU})
			return gone(err)
		}); err != nil {
			return "", err
		}
	}
	return lb, nil
}

// hasTag reports whether the LB the read shows carries key=value.
func hasTag(attr *model.DescribeLoadBalancerAttributeResponse, key, value string) bool {
	return attr.Tags != nil && slices.Contains(attr.Tags.Tag, model.TagView{TagKey: key, TagValue: value})
}

// runningNodes returns the nodes whose instance is Running
// (DescribeInstances, 100 IDs a call), in the order given, without
// duplicates. A node whose instance is gone is left out too.
func (c *Controller) runningNodes(s *session, nodes []string) ([]string, error) {
	var unique []string
	for _, n := range nodes {
		if !slices.Contains(unique, n) {
			unique = append(unique, n)
		}
	}
	running := map[string]bool{}
	for batch := range slices.Chunk(unique, model.MaxInstanceIdsPerCall) {
		ids, err := json.Marshal(batch)
		if err != nil {
			return nil, err
		}
		err = s.read("DescribeInstances", func(ctx context.Context) error {
			resp, err := c.API.DescribeInstances(ctx, &model.DescribeInstancesRequest{RegionId: c.Region, InstanceIds: string(ids),
				Paging: model.Paging{PageSize: model.MaxInstanceIdsPerCall}})
			if err != nil {
				return err
			}
			for _, inst := range resp.Instances.Instance {
				running[inst.InstanceId] = inst.Status == string(model.StatusRunning)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return slices.DeleteFunc(unique, func(n string) bool { return !running[n] }), nil
}
