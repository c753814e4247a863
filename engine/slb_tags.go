package engine

import (
	"cmp"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// SLB tags (TagResources, UntagResources, ListTagResources, the Tag.N of
// CreateLoadBalancer, the Tags and Tag.N filters of DescribeLoadBalancers).
// The rules (DOC: the API reference of TagResources, UntagResources,
// ListTagResources, CreateLoadBalancer and DescribeLoadBalancers, and their
// error tables):
//
//   - ResourceType is one of instance, certificate, acl, listener,
//     vservergroup, masterslaveservergroup (InvalidParam.ResourceType). The
//     fake has LBs (instance), vServer groups and listeners (ResourceId
//     "<lb>_<protocol>_<port>", the port 1..65535); a ResourceId of any
//     other type names nothing (ResourceNotExist).
//   - At most 20 ResourceId.N (SizeLimitExceeded.ResourceId), 20 Tag.N
//     (SizeLimitExceeded.Tag), 20 TagKey.N (SizeLimitExceeded.TagKey) per
//     call; at most 20 tags per resource (QuotaLimitExceeds, INF message).
//   - A key is 1 to 64 characters (an empty one is MissingParam.TagKey), a
//     value 0 to 128; neither starts with aliyun or acs: nor contains
//     http:// or https:// (InvalidParam.TagKey, InvalidParam.TagValue). The
//     fake compares the prefixes and the schemes without regard to case
//     (INF: it never accepts what the service may refuse).
//   - One key twice in one call is Duplicate.TagKey. A key a resource has
//     gets the new value.
//   - A resource's tags go with it: DeleteLoadBalancer removes the LB's
//     (DOC: "the tags bound to the instance are deleted too"); the group
//     and listener deletions call removeResourceTagsTxn.

const (
	maxTagsPerCall      = 20  // Tag.N, TagKey.N (DOC)
	maxResourcesPerCall = 20  // ResourceId.N (DOC)
	maxTagsPerResource  = 20  // DOC: "at most 20 tags per instance"
	maxTagKeyLength     = 64  // characters (DOC)
	maxTagValueLength   = 128 // characters (DOC)
	maxTagsFilter       = 10  // DescribeLoadBalancers' Tags (DOC)
	// tagPageSize is how many tags a ListTagResources page holds (INF: the
	// call takes no page size).
	tagPageSize = 50
)

// tagsTableSchema: tags by (ResourceType, ResourceId, TagKey), and, for the
// filters, by owner, type, key and value (or key alone) in the resources'
// creation order.
func tagsTableSchema() *memdb.TableSchema {
	return &memdb.TableSchema{Name: tableTags, Indexes: map[string]*memdb.IndexSchema{
		indexID: {Name: indexID, Unique: true, Indexer: keyIndexer{func(obj any) (string, bool) {
			t := obj.(*model.ResourceTag)
			return tagIDKey(t.ResourceType, t.ResourceId, t.TagKey), true
		}}},
		indexTagValue: {Name: indexTagValue, Indexer: keyIndexer{func(obj any) (string, bool) {
			t := obj.(*model.ResourceTag)
			return tagWalkKey(t.AccountId, t.RegionId, t.ResourceType, t.TagKey, &t.TagValue) + seqBytes(t.ResourceSeq), true
		}}},
		indexTagKey: {Name: indexTagKey, Indexer: keyIndexer{func(obj any) (string, bool) {
			t := obj.(*model.ResourceTag)
			return tagWalkKey(t.AccountId, t.RegionId, t.ResourceType, t.TagKey, nil) + seqBytes(t.ResourceSeq), true
		}}},
	}}
}

// tagIDKey is a tag's primary key. keyIndexer looks keys up by prefix: the
// key ends in a NUL, and tagRowTxn checks what it finds.
func tagIDKey(typ, id, key string) string { return tagResourcePrefix(typ, id) + key + "\x00" }

// tagResourcePrefix is the prefix of a resource's tags in the id index.
func tagResourcePrefix(typ, id string) string { return typ + "\x00" + id + "\x00" }

// tagRowTxn returns a resource's tag of a key, or nil.
func tagRowTxn(txn *memdb.Txn, typ, id, key string) *model.ResourceTag {
	t, _ := first(txn, tableTags, indexID, tagIDKey(typ, id, key)).(*model.ResourceTag)
	if t == nil || t.ResourceType != typ || t.ResourceId != id || t.TagKey != key {
		return nil
	}
	return t
}

// tagWalkKey is the prefix of the tags of one owner and type with one key
// and, unless value is nil, one value.
func tagWalkKey(account, region, typ, key string, value *string) string {
	k := account + "\x00" + region + "\x00" + typ + "\x00" + key + "\x00"
	if value != nil {
		k += *value + "\x00"
	}
	return k
}

func seqBytes(seq uint64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seq)
	return string(b[:])
}

// tagCounting is the counts table's lister of the tags table (paging.go):
// how many resources of an owner and type have a key, and a key with a
// value, so that a tag filter knows its size and TotalCount without a walk.
type tagCounting struct{}

// The counted keys' tags (any but dimAll, whose keys have no value).
const (
	tagCountValue dimTag = 0x40 // (type, key, value)
	tagCountKey   dimTag = 0x41 // (type, key)
)

func (tagCounting) indexKeys(any) [][]byte { return nil } // the tags table has no list index

func (tagCounting) countKeys(obj any, buf []byte, fn func(key []byte)) []byte {
	t := obj.(*model.ResourceTag)
	buf = append(buf[:0], tagCountKeyOf(t.AccountId, t.RegionId, t.ResourceType, t.TagKey, &t.TagValue)...)
	fn(buf)
	buf = append(buf[:0], tagCountKeyOf(t.AccountId, t.RegionId, t.ResourceType, t.TagKey, nil)...)
	fn(buf)
	return buf
}

func (tagCounting) sameCounts(a, b any) bool {
	x, y := a.(*model.ResourceTag), b.(*model.ResourceTag)
	return x.AccountId == y.AccountId && x.RegionId == y.RegionId && x.ResourceType == y.ResourceType &&
		x.TagKey == y.TagKey && x.TagValue == y.TagValue
}

// tagCountKeyOf is the counts key of a tag filter (value nil: any value).
func tagCountKeyOf(account, region, typ, key string, value *string) string {
	if value == nil {
		return countKey(tableTags, tagCountKey, account, region, typ+"\x00"+key)
	}
	return countKey(tableTags, tagCountValue, account, region, typ+"\x00"+key+"\x00"+*value)
}

// tagCond is one tag a resource must have: a key and a value, or any value
// (anyValue).
type tagCond struct {
	key, value string
	anyValue   bool
}

// hasTagTxn reports whether a resource has a tag that cond matches.
func hasTagTxn(txn *memdb.Txn, typ, id string, cond tagCond) bool {
	t := tagRowTxn(txn, typ, id, cond.key)
	return t != nil && (cond.anyValue || t.TagValue == cond.value)
}

// hasTagsTxn reports whether a resource has a tag that each of conds
// matches (every one of a call's tag filters).
func hasTagsTxn(txn *memdb.Txn, typ, id string, conds []tagCond) bool {
	for _, c := range conds {
		if !hasTagTxn(txn, typ, id, c) {
			return false
		}
	}
	return true
}

// walkTaggedTxn yields the tags of an owner's resources of one type that
// cond matches, in the resources' creation order.
func walkTaggedTxn(txn *memdb.Txn, account, region, typ string, cond tagCond, yield func(*model.ResourceTag) bool) {
	index, prefix := indexTagValue, tagWalkKey(account, region, typ, cond.key, &cond.value)
	if cond.anyValue {
		index, prefix = indexTagKey, tagWalkKey(account, region, typ, cond.key, nil)
	}
	it, err := txn.Get(tableTags, index+"_prefix", prefix)
	if err != nil {
		panic("engine: walk tags: " + err.Error())
	}
	for obj := it.Next(); obj != nil; obj = it.Next() {
		t := obj.(*model.ResourceTag)
		// A key or value with a NUL may share the prefix: check exactly.
		if t.TagKey != cond.key || (!cond.anyValue && t.TagValue != cond.value) {
			continue
		}
		if !yield(t) {
			return
		}
	}
}

// tagFilter adds a tag condition to an LB list query: its source walks the
// LBs that have the tag, in creation order, and knows their number from the
// counts table.
func tagFilter(q *listQuery[model.LoadBalancer], cond tagCond) {
	src := listSource[model.LoadBalancer]{size: 1 << 62, walk: func(yield func(*model.LoadBalancer) bool) {
		walkTaggedTxn(q.txn, q.account, q.region, model.ResourceTypeInstance, cond, func(t *model.ResourceTag) bool {
			lb, _ := first(q.txn, tableLoadBalancers, indexID, t.ResourceId).(*model.LoadBalancer)
			if lb == nil {
				return true
			}
			return yield(lb)
		})
	}}
	if q.counted {
		value := &cond.value
		if cond.anyValue {
			value = nil
		}
		src.size = q.count(tagCountKeyOf(q.account, q.region, model.ResourceTypeInstance, cond.key, value))
		src.count, src.exact = src.size, true
	}
	q.add(func(lb *model.LoadBalancer) bool {
		return hasTagTxn(q.txn, model.ResourceTypeInstance, lb.LoadBalancerId, cond)
	}, src)
}

// describeTagConds reads the tag filters of DescribeLoadBalancers: Tags, a
// JSON array of {"TagKey","TagValue"} (at most 10; keys matched without
// regard to case, as the documentation's own example spells them tagKey
// and tagValue; a missing TagValue matches any value; malformed, too long,
// or an element without a key: InvalidParameter Tags, INF), and Tag.N (at
// most 20, SizeLimitExceeded.Tag; an empty Key is MissingParam.TagKey; an
// empty Value matches any value, INF: the wire cannot tell it from none).
func describeTagConds(tags string, tagN []model.Tag) ([]tagCond, *model.Error) {
	var conds []tagCond
	if strings.TrimSpace(tags) != "" {
		var elems []struct {
			TagKey   *string
			TagValue *string
		}
		if err := json.Unmarshal([]byte(tags), &elems); err != nil || len(elems) > maxTagsFilter {
			return nil, model.ErrInvalidParameterValue("Tags")
		}
		for _, el := range elems {
			if el.TagKey == nil || *el.TagKey == "" {
				return nil, model.ErrInvalidParameterValue("Tags")
			}
			c := tagCond{key: *el.TagKey, anyValue: el.TagValue == nil}
			if el.TagValue != nil {
				c.value = *el.TagValue
			}
			conds = append(conds, c)
		}
	}
	if len(tagN) > maxTagsPerCall {
		return nil, model.ErrTagSizeLimitExceeded()
	}
	for _, t := range tagN {
		if t.Key == "" {
			return nil, model.ErrMissingTagKey()
		}
		conds = append(conds, tagCond{key: t.Key, value: t.Value, anyValue: t.Value == ""})
	}
	return conds, nil
}

// reservedTagText reports whether s starts with aliyun or acs:, or holds
// http:// or https://, in any case.
func reservedTagText(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "aliyun") || strings.HasPrefix(l, "acs:") ||
		strings.Contains(l, "http://") || strings.Contains(l, "https://")
}

// checkTagKey applies the key rules to a given, non-empty key.
func checkTagKey(key string) *model.Error {
	if utf8.RuneCountInString(key) > maxTagKeyLength || reservedTagText(key) {
		return model.ErrInvalidTagKey()
	}
	return nil
}

// checkTagValue applies the value rules.
func checkTagValue(value string) *model.Error {
	if utf8.RuneCountInString(value) > maxTagValueLength || reservedTagText(value) {
		return model.ErrInvalidTagValue()
	}
	return nil
}

// checkNewTags checks the Tag.N of a call that sets tags (TagResources,
// CreateLoadBalancer): at most 20, each with a key, valid, no key twice.
func checkNewTags(tags []model.Tag) *model.Error {
	if len(tags) > maxTagsPerCall {
		return model.ErrTagSizeLimitExceeded()
	}
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		if t.Key == "" {
			return model.ErrMissingTagKey()
		}
		if e := checkTagKey(t.Key); e != nil {
			return e
		}
		if e := checkTagValue(t.Value); e != nil {
			return e
		}
		if seen[t.Key] {
			return model.ErrDuplicateTagKey()
		}
		seen[t.Key] = true
	}
	return nil
}

// checkResourceType checks a tag call's ResourceType.
func checkResourceType(typ string) *model.Error {
	switch {
	case typ == "":
		return model.ErrMissingParameter("ResourceType")
	case !slices.Contains(model.ResourceTypes(), typ):
		return model.ErrInvalidResourceType()
	}
	return nil
}

// tagResourceTxn resolves a tag call's resource for the caller: its
// creation sequence, or ok false when it is no resource of that type.
func tagResourceTxn(txn *memdb.Txn, account, region, typ, id string) (seq uint64, ok bool) {
	switch typ {
	case model.ResourceTypeInstance:
		lb, _ := first(txn, tableLoadBalancers, indexID, id).(*model.LoadBalancer)
		if lb != nil && owned(account, region, lb.AccountId, lb.RegionId) {
			return lb.Seq, true
		}
	case model.ResourceTypeVServerGroup:
		if g := vServerGroupTxn(txn, account, region, id); g != nil {
			return g.Seq, true
		}
	case model.ResourceTypeListener:
		return listenerTagResourceTxn(txn, account, region, id)
	}
	return 0, false
}

// tagResourcesOfCall resolves a tag call's ResourceId.N, each once, in
// order (ResourceNotExist naming the first that is not a resource of the
// type).
func tagResourcesOfCall(txn *memdb.Txn, account, region, typ string, ids []string) ([]string, []uint64, *model.Error) {
	var out []string
	var seqs []uint64
	for _, id := range ids {
		if slices.Contains(out, id) {
			continue
		}
		seq, ok := tagResourceTxn(txn, account, region, typ, id)
		if !ok {
			return nil, nil, model.ErrResourceNotExist(id)
		}
		out, seqs = append(out, id), append(seqs, seq)
	}
	return out, seqs, nil
}

// checkTagTargetsTxn checks what TagResources and UntagResources check
// first, in order: RegionId, ResourceType, and ResourceId.N (present, at
// most 20).
func checkTagTargetsTxn(txn *memdb.Txn, region, typ string, ids []string) *model.Error {
	if _, e := regionTxn(txn, region); e != nil {
		return e
	}
	if e := checkResourceType(typ); e != nil {
		return e
	}
	switch {
	case len(ids) == 0:
		return model.ErrMissingResourceId()
	case len(ids) > maxResourcesPerCall:
		return model.ErrResourceIdSizeLimitExceeded()
	}
	return nil
}

// resourceTagsTxn returns a resource's tags in key order.
func resourceTagsTxn(txn *memdb.Txn, typ, id string) []*model.ResourceTag {
	all := all[model.ResourceTag](txn, tableTags, indexID+"_prefix", tagResourcePrefix(typ, id))
	// An ID with a NUL may share the prefix: keep the resource's own.
	return slices.DeleteFunc(all, func(t *model.ResourceTag) bool { return t.ResourceType != typ || t.ResourceId != id })
}

// setTagsTxn adds tags (already checked) to a resource, or gives its keys
// their new values; QuotaLimitExceeds when it would have more than 20. A
// tag the resource has with that value is not written again.
func setTagsTxn(txn *memdb.Txn, account, region, typ, id string, seq uint64, tags []model.Tag) *model.Error {
	n := len(resourceTagsTxn(txn, typ, id))
	for _, t := range tags {
		if tagRowTxn(txn, typ, id, t.Key) == nil {
			n++
		}
	}
	if n > maxTagsPerResource {
		return model.ErrTagQuotaExceeded()
	}
	for _, t := range tags {
		if cur := tagRowTxn(txn, typ, id, t.Key); cur != nil && cur.TagValue == t.Value {
			continue // the tag as it is: no write, so a call that changes nothing is not applied
		}
		insert(txn, tableTags, &model.ResourceTag{ResourceType: typ, ResourceId: id, AccountId: account, RegionId: region,
			ResourceSeq: seq, TagKey: t.Key, TagValue: t.Value})
	}
	return nil
}

// removeResourceTagsTxn removes every tag of a resource: the cascade of its
// deletion (DeleteLoadBalancer, DeleteVServerGroup, DeleteLoadBalancerListener
// and the LB's cascade to its groups and listeners).
func removeResourceTagsTxn(txn *memdb.Txn, resourceType, resourceId string) {
	for _, t := range resourceTagsTxn(txn, resourceType, resourceId) {
		remove(txn, tableTags, t)
	}
}

// tagListTxn renders a resource's tags for a Describe response: nil when
// it has none.
func tagListTxn(txn *memdb.Txn, typ, id string) *model.TagList {
	tags := resourceTagsTxn(txn, typ, id)
	if len(tags) == 0 {
		return nil
	}
	out := &model.TagList{Tag: make([]model.TagView, 0, len(tags))}
	for _, t := range tags {
		out.Tag = append(out.Tag, model.TagView{TagKey: t.TagKey, TagValue: t.TagValue})
	}
	return out
}

// TagResources adds Tag.N to every ResourceId.N of ResourceType, or gives
// the keys they have the new values. The checks, in order: RegionId;
// ResourceType; ResourceId.N (MissingParam.ResourceId,
// SizeLimitExceeded.ResourceId); Tag.N (MissingParam.TagKey without any,
// then checkNewTags); each resource (ResourceNotExist); each resource's
// quota (QuotaLimitExceeds). All or nothing.
func (s *Store) TagResources(account string, req *model.TagResourcesRequest) (*model.TagResourcesResponse, *model.Error) {
	e := s.write(func(txn *memdb.Txn) *model.Error {
		if e := checkTagTargetsTxn(txn, req.RegionId, req.ResourceType, req.ResourceId); e != nil {
			return e
		}
		if len(req.Tag) == 0 {
			return model.ErrMissingTagKey()
		}
		if e := checkNewTags(req.Tag); e != nil {
			return e
		}
		ids, seqs, e := tagResourcesOfCall(txn, account, req.RegionId, req.ResourceType, req.ResourceId)
		if e != nil {
			return e
		}
		for i, id := range ids {
			if e := setTagsTxn(txn, account, req.RegionId, req.ResourceType, id, seqs[i], req.Tag); e != nil {
				return e
			}
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.TagResourcesResponse{}, nil
}

// UntagResources removes TagKey.N from every ResourceId.N; without
// TagKey.N it removes every tag of the resources (DOC: "if TagKey is not
// given, all the instance's tags are removed"; All, which the documentation
// gives effect only without TagKey.N, changes nothing more). Keys a
// resource does not have are ignored. The checks, in order: RegionId;
// ResourceType; ResourceId.N; TagKey.N (SizeLimitExceeded.TagKey; an empty
// or malformed key InvalidParam.TagKey; Duplicate.TagKey); each resource
// (ResourceNotExist).
func (s *Store) UntagResources(account string, req *model.UntagResourcesRequest) (*model.UntagResourcesResponse, *model.Error) {
	e := s.write(func(txn *memdb.Txn) *model.Error {
		if e := checkTagTargetsTxn(txn, req.RegionId, req.ResourceType, req.ResourceId); e != nil {
			return e
		}
		if len(req.TagKey) > maxTagsPerCall {
			return model.ErrTagKeySizeLimitExceeded()
		}
		for i, k := range req.TagKey {
			if k == "" {
				return model.ErrInvalidTagKey()
			}
			if e := checkTagKey(k); e != nil {
				return e
			}
			if slices.Contains(req.TagKey[:i], k) {
				return model.ErrDuplicateTagKey()
			}
		}
		ids, _, e := tagResourcesOfCall(txn, account, req.RegionId, req.ResourceType, req.ResourceId)
		if e != nil {
			return e
		}
		for _, id := range ids {
			if len(req.TagKey) == 0 {
				removeResourceTagsTxn(txn, req.ResourceType, id)
				continue
			}
			for _, k := range req.TagKey {
				if t := tagRowTxn(txn, req.ResourceType, id, k); t != nil {
					remove(txn, tableTags, t)
				}
			}
		}
		return nil
	})
	if e != nil {
		return nil, e
	}
	return &model.UntagResourcesResponse{}, nil
}

// tagPosition is where a ListTagResources page ends: a resource (by
// creation sequence and ID) and one of its keys.
type tagPosition struct {
	seq     uint64
	id, key string
}

func (p tagPosition) token() string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatUint(p.seq, 16) + "\x00" + p.id + "\x00" + p.key))
}

func parseTagToken(token string) (tagPosition, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return tagPosition{}, false
	}
	parts := strings.Split(string(raw), "\x00")
	if len(parts) != 3 || parts[1] == "" || parts[2] == "" {
		return tagPosition{}, false
	}
	seq, err := strconv.ParseUint(parts[0], 16, 64)
	if err != nil {
		return tagPosition{}, false
	}
	return tagPosition{seq: seq, id: parts[1], key: parts[2]}, true
}

// compareResource orders resources by creation sequence, then ID.
func compareResource(seqA uint64, idA string, seqB uint64, idB string) int {
	return cmp.Or(cmp.Compare(seqA, seqB), strings.Compare(idA, idB))
}

// ListTagResources lists the tags of resources of one type: of
// ResourceId.N (IDs that are no resource of the caller list nothing, INF),
// or of the resources that have every Tag.N, or of those of ResourceId.N
// that have every Tag.N (DOC). Each matched resource is listed with all
// its tags (INF), resources in creation order and each one's tags by key,
// 50 a page (INF); NextToken, opaque, resumes after the page (a token the
// fake did not make is InvalidParam.NextToken). Tag.N: at most 20; a Value
// without its Key is InvalidParam.TagKey (DOC: "setting only Tag.N.Value
// is an error"); a Key alone matches any value (DOC). The checks, in
// order: RegionId; ResourceType; ResourceId.N and Tag.N sizes; neither
// given (MissingParam.TagOrResourceId); the tags; NextToken.
func (s *Store) ListTagResources(account string, req *model.ListTagResourcesRequest) (*model.ListTagResourcesResponse, *model.Error) {
	resp := &model.ListTagResourcesResponse{TagResources: model.TagResources{TagResource: []model.TagResourceView{}}}
	e := s.read(func(txn *memdb.Txn) *model.Error {
		if _, e := regionTxn(txn, req.RegionId); e != nil {
			return e
		}
		if e := checkResourceType(req.ResourceType); e != nil {
			return e
		}
		switch {
		case len(req.ResourceId) > maxResourcesPerCall:
			return model.ErrResourceIdSizeLimitExceeded()
		case len(req.Tag) > maxTagsPerCall:
			return model.ErrTagSizeLimitExceeded()
		case len(req.ResourceId) == 0 && len(req.Tag) == 0:
			return model.ErrMissingTagOrResourceId()
		}
		conds := make([]tagCond, 0, len(req.Tag))
		for _, t := range req.Tag {
			if t.Key == "" {
				return model.ErrInvalidTagKey()
			}
			if e := checkTagKey(t.Key); e != nil {
				return e
			}
			if e := checkTagValue(t.Value); e != nil {
				return e
			}
			conds = append(conds, tagCond{key: t.Key, value: t.Value, anyValue: t.Value == ""})
		}
		var after *tagPosition
		if req.NextToken != "" {
			p, ok := parseTagToken(req.NextToken)
			if !ok {
				return model.ErrInvalidNextToken()
			}
			after = &p
		}
		listTagPage(txn, account, req, conds, after, resp)
		return nil
	})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

// listTagPage fills a ListTagResources page (see ListTagResources).
func listTagPage(txn *memdb.Txn, account string, req *model.ListTagResourcesRequest, conds []tagCond,
	after *tagPosition, resp *model.ListTagResourcesResponse) {
	typ := req.ResourceType
	matches := func(id string) bool { return hasTagsTxn(txn, typ, id, conds) }
	var last tagPosition
	full := false
	// emit lists one resource's tags; false once the page is full and
	// another tag is left (the page then has a NextToken).
	emit := func(seq uint64, id string) bool {
		if after != nil {
			if c := compareResource(seq, id, after.seq, after.id); c < 0 {
				return true
			}
		}
		for _, t := range resourceTagsTxn(txn, typ, id) {
			if after != nil && seq == after.seq && id == after.id && t.TagKey <= after.key {
				continue
			}
			if full {
				resp.NextToken = last.token()
				return false
			}
			resp.TagResources.TagResource = append(resp.TagResources.TagResource, model.TagResourceView{
				ResourceType: typ, ResourceId: id, TagKey: t.TagKey, TagValue: t.TagValue})
			last = tagPosition{seq: seq, id: id, key: t.TagKey}
			full = len(resp.TagResources.TagResource) == tagPageSize
		}
		return true
	}
	if len(req.ResourceId) > 0 {
		type res struct {
			seq uint64
			id  string
		}
		var rs []res
		for _, id := range req.ResourceId {
			if slices.ContainsFunc(rs, func(r res) bool { return r.id == id }) {
				continue
			}
			if seq, ok := tagResourceTxn(txn, account, req.RegionId, typ, id); ok && matches(id) {
				rs = append(rs, res{seq, id})
			}
		}
		slices.SortFunc(rs, func(a, b res) int { return compareResource(a.seq, a.id, b.seq, b.id) })
		for _, r := range rs {
			if !emit(r.seq, r.id) {
				return
			}
		}
		return
	}
	walkTaggedTxn(txn, account, req.RegionId, typ, conds[0], func(t *model.ResourceTag) bool {
		if !matches(t.ResourceId) {
			return true
		}
		return emit(t.ResourceSeq, t.ResourceId)
	})
}
