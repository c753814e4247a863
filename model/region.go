package model

// Region is one entry of the region catalogue.
type Region struct {
	RegionId  string
	LocalName string
	// IDCode is the three-character code real resource IDs of the region start
	// with (lb-2ze... in cn-beijing). The fake's IDs use it too.
	IDCode string
	Zones  []string
}

// Regions returns the fixed region catalogue: real region and zone IDs. It
// returns a fresh slice on every call.
func Regions() []Region {
	return []Region{
		{"cn-hangzhou", "China (Hangzhou)", "bp1", []string{"cn-hangzhou-g", "cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"}},
		{"cn-beijing", "China (Beijing)", "2ze", []string{"cn-beijing-a", "cn-beijing-c", "cn-beijing-f", "cn-beijing-g", "cn-beijing-h"}},
		{"cn-shanghai", "China (Shanghai)", "uf6", []string{"cn-shanghai-a", "cn-shanghai-b", "cn-shanghai-e", "cn-shanghai-f", "cn-shanghai-g"}},
		{"cn-shenzhen", "China (Shenzhen)", "wz9", []string{"cn-shenzhen-a", "cn-shenzhen-c", "cn-shenzhen-d", "cn-shenzhen-e", "cn-shenzhen-f"}},
		{"cn-hongkong", "China (Hong Kong)", "j6c", []string{"cn-hongkong-b", "cn-hongkong-c", "cn-hongkong-d"}},
		{"ap-southeast-1", "Singapore", "t4n", []string{"ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"}},
		{"us-west-1", "US (Silicon Valley)", "rj9", []string{"us-west-1a", "us-west-1b"}},
		{"eu-central-1", "Germany (Frankfurt)", "gw8", []string{"eu-central-1a", "eu-central-1b", "eu-central-1c"}},
	}
}

// LookupRegion returns the catalogue entry of id.
func LookupRegion(id string) (Region, bool) {
	for _, r := range Regions() {
		if r.RegionId == id {
			return r, true
		}
	}
	return Region{}, false
}

// HasZone reports whether zone belongs to r.
func (r Region) HasZone(zone string) bool {
	for _, z := range r.Zones {
		if z == zone {
			return true
		}
	}
	return false
}
