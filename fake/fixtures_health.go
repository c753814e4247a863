package fake

// SetBackendHealth marks a server unhealthy on a load balancer (healthy
// false) or clears the mark (healthy true), for failure scenarios: while
// marked, DescribeHealthStatus reports the server abnormal behind every
// running listener of the LB that checks health, whatever its instance's
// status. The mark is part of the world (snapshots, ExportState) and is
// deleted with the LB. It fails when the LB does not exist or serverId is
// empty.
func (f *Fake) SetBackendHealth(lbId, serverId string, healthy bool) error {
	return f.store.SetBackendHealth(lbId, serverId, healthy)
}
