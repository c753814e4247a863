// Package fake is what users of slbfake touch: an in-memory Alibaba Cloud
// Server Load Balancer (Classic Load Balancer, API 2014-05-15) with the ECS and
// VPC calls a test needs around it, built for AddBackendServers.
//
//	f := fake.New(fake.WithSeed(1))
//	c := f.Client()
//	resp, err := c.AddBackendServers(ctx, &model.AddBackendServersRequest{...})
//
// The fidelity table (what is modelled, from which source, and what is not)
// is in the project README.
package fake
