package engine

import (
	"cmp"
	"math"
	"slices"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// Paged lists. A list call (Describe*) builds a listQuery over one owner's
// rows of a table: each filter is a predicate on a row and a source, the
// rows that may match it, in (Seq, ID) order. The query walks the smallest
// source, keeps the rows that every filter matches and stops at the end of
// the page as soon as it knows TotalCount without reading further.
// Sources:
//
//   - an equality filter (eq) walks its dimension's prefix of the list index
//     (schema.go), and knows its size from the counts table;
//   - an ID filter (ids) looks its IDs up and sorts the rows it finds;
//   - a call may bring its own (add): DescribeInstances' Status, which
//     depends on the clock (statusFilter, ecs_instance.go);
//   - with no filter, the owner's dimAll prefix;
//   - a check (check) has no source: it is a predicate on the rows the walk
//     reads, for a filter no index answers (DescribeLoadBalancers'
//     MasterZoneId, PayType...). A query with a check counts TotalCount by
//     reading its whole source: O(the rows of the most selective indexed
//     filter, or the owner's rows with none).
//
// TotalCount is kept, not counted: the counts table holds how many rows
// each listing key has, and how many each pair of keys of two counted
// dimensions (pairCountKey), and the write path keeps it up to date
// (derivedChangesTxn). With no filter TotalCount is dimAll's count, with
// one filter its source's count, with two filters on counted dimensions
// their pair's count: one lookup, and the walk stops at the end of the
// page, so a page costs O(PageNumber x PageSize / the share of the
// smallest source's rows that match) whatever the size of the world. With
// three filters or more, or two of which one is not a counted dimension
// (an ID list, ServerId, an LB's Address, an ENI's InstanceId: all small),
// it is the number of rows of the smallest source that match them all, and
// the walk reads that whole source: O(the rows of the most selective
// filter), never the owner's. Walking to count instead (O(matches) per
// call: go-memdb keeps no subtree sizes) would make a page of a large
// world as dear as the whole list.
//
// What keeping the counts costs: per created or deleted row, one lookup and
// one insert in the counts table per counted key of the row, once per key
// and transaction: an instance has 6 dimensions and 10 pairs, an LB up to
// 7 and 15. A change of a row that keeps its counted fields (an LB whose
// backends change) costs nothing, nor do rows of other tables (backends,
// leases); a change of one field (an instance's status) moves that field's
// key and its pairs.

// listCount is a row of the counts table: how many rows of a table have a
// listing key (schema.go, countKey). Rows are never changed in place.
type listCount struct {
	Key string
	N   int
}

// countsComplete is the key of the counts table's marker row: present when
// the table counts every listed row. A world the derived tables were never
// built for (one loaded without rebuildDerivedTxn) has none: its lists
// count by walking, until the next write rebuilds the counts.
const countsComplete = "\x00complete"

// checkPaging validates paging: PageNumber starts at 1; PageSize defaults
// to def and may not exceed max.
func checkPaging(p model.Paging, def, max int) (number, size int, e *model.Error) {
	number, size = p.PageNumber, p.PageSize
	if number == 0 {
		number = 1
	}
	if size == 0 {
		size = def
	}
	if number < 1 {
		return 0, 0, model.ErrInvalidParameterValue("PageNumber")
	}
	if size < 1 || size > max {
		return 0, 0, model.ErrInvalidParameterValue("PageSize")
	}
	return number, size, nil
}

// listSource is the rows that may match a filter, in (Seq, ID) order.
type listSource[T any] struct {
	// size is how many rows walk yields at most (math.MaxInt: unknown).
	size int
	// count is how many rows match the filter; exact says it is known.
	count int
	exact bool
	// tag and value, when tag is not 0, say that the filter's rows are
	// exactly those of a counted dimension's value: a pair of such filters
	// has its count in the counts table (pairCountKey).
	tag   dimTag
	value string
	walk  func(yield func(*T) bool)
}

// listQuery is one list call's filters on one owner's rows of a table.
type listQuery[T any] struct {
	txn             *memdb.Txn
	l               *listing[T]
	account, region string
	// counted: the counts table is complete.
	counted bool
	preds   []func(*T) bool
	sources []listSource[T]
	// checks are filters with no source (check).
	checks []func(*T) bool
}

func newListQuery[T any](txn *memdb.Txn, l *listing[T], account, region string) *listQuery[T] {
	return &listQuery[T]{txn: txn, l: l, account: account, region: region,
		counted: first(txn, tableCounts, indexID, countsComplete) != nil}
}

// add adds a filter: pred says whether a row matches it, src yields every
// row that does (and maybe others).
func (q *listQuery[T]) add(pred func(*T) bool, src listSource[T]) {
	q.preds = append(q.preds, pred)
	q.sources = append(q.sources, src)
}

// check adds a filter that no index answers: a predicate on the rows the
// walk reads, which then reads its whole source to count TotalCount.
func (q *listQuery[T]) check(pred func(*T) bool) {
	q.checks = append(q.checks, pred)
}

// eq filters on a dimension's value; an empty value is no filter.
func (q *listQuery[T]) eq(tag dimTag, value string) {
	if value == "" {
		return
	}
	field := q.l.dim(tag).value
	q.add(func(row *T) bool { return field(row) == value }, q.dimSource(tag, value))
}

// dimSource walks a dimension's prefix of the list index. With the counts
// complete, a counted dimension knows how many rows it yields; a small one
// (listDim.small) is taken to yield few.
func (q *listQuery[T]) dimSource(tag dimTag, value string) listSource[T] {
	key := listKey(tag, q.account, q.region, value)
	src := listSource[T]{size: math.MaxInt, walk: func(yield func(*T) bool) {
		it, err := q.txn.Get(q.l.table, indexList+"_prefix", key)
		if err != nil {
			panic("engine: list " + q.l.table + ": " + err.Error())
		}
		for obj := it.Next(); obj != nil; obj = it.Next() {
			if !yield(obj.(*T)) {
				return
			}
		}
	}}
	switch {
	case q.l.dim(tag).small:
		src.size = 1
	case q.counted:
		src.size = q.count(countKey(q.l.table, tag, q.account, q.region, value))
		src.count, src.exact = src.size, true
		if tag != dimAll {
			src.tag, src.value = tag, value
		}
	}
	return src
}

// ids keeps the rows whose ID is one of ids (duplicates count once; a nil
// or empty list matches nothing).
func (q *listQuery[T]) ids(ids []string) {
	set := make(map[string]struct{}, len(ids))
	var rows []*T
	for _, id := range ids {
		if _, dup := set[id]; dup {
			continue
		}
		set[id] = struct{}{}
		row, _ := first(q.txn, q.l.table, indexID, id).(*T)
		if row == nil {
			continue
		}
		if a, r := q.l.owner(row); a != q.account || r != q.region {
			continue
		}
		rows = append(rows, row)
	}
	q.sortRows(rows)
	q.add(func(row *T) bool {
		_, ok := set[q.l.id(row)]
		return ok
	}, q.rowsSource(rows))
}

// rowsSource yields rows, sorted by sortRows; they are what the filter
// matches.
func (q *listQuery[T]) rowsSource(rows []*T) listSource[T] {
	return listSource[T]{size: len(rows), count: len(rows), exact: true, walk: func(yield func(*T) bool) {
		for _, row := range rows {
			if !yield(row) {
				return
			}
		}
	}}
}

// compare orders rows as the list index does: by Seq, then ID.
func (q *listQuery[T]) compare(a, b *T) int {
	if c := cmp.Compare(q.l.seq(a), q.l.seq(b)); c != 0 {
		return c
	}
	return cmp.Compare(q.l.id(a), q.l.id(b))
}

func (q *listQuery[T]) sortRows(rows []*T) { slices.SortFunc(rows, q.compare) }

func (q *listQuery[T]) match(row *T) bool {
	for _, p := range q.preds {
		if !p(row) {
			return false
		}
	}
	for _, p := range q.checks {
		if !p(row) {
			return false
		}
	}
	return true
}

// page returns the requested page of the matching rows, in (Seq, ID) order,
// their total, and the effective page number and size (checkPaging).
func (q *listQuery[T]) page(p model.Paging, def, max int) (rows []*T, total, number, size int, e *model.Error) {
	number, size, e = checkPaging(p, def, max)
	if e != nil {
		return nil, 0, 0, 0, e
	}
	start := math.MaxInt // the first row of the page, were there enough
	if number-1 <= math.MaxInt/size {
		start = (number - 1) * size
	}
	var src listSource[T]
	switch len(q.sources) {
	case 0:
		src = q.dimSource(dimAll, "")
	default:
		src = q.sources[0]
		for _, s := range q.sources[1:] {
			if s.size < src.size {
				src = s
			}
		}
	}
	rows = []*T{}
	exact := src.exact && len(q.sources) <= 1 && len(q.checks) == 0
	if exact {
		total = src.count
	}
	if a, b := q.pair(); a.tag != 0 && b.tag != 0 && len(q.checks) == 0 {
		// Two filters, each a counted dimension's value: the counts table
		// has the rows that match both.
		exact, total = true, q.count(q.l.pairCountKey(q.account, q.region, a.tag, a.value, b.tag, b.value))
	}
	if exact {
		// TotalCount is known: stop at the page's end.
		lo := min(start, total)
		hi := lo + min(size, total-lo)
		if lo == hi {
			return rows, total, number, size, nil
		}
		i := 0
		src.walk(func(row *T) bool {
			if !q.match(row) {
				return true
			}
			if i >= lo {
				rows = append(rows, row)
			}
			i++
			return i < hi
		})
		return rows, total, number, size, nil
	}
	src.walk(func(row *T) bool {
		if !q.match(row) {
			return true
		}
		if total >= start && total-start < size {
			rows = append(rows, row)
		}
		total++
		return true
	})
	return rows, total, number, size, nil
}

// pair returns the query's two sources when it has exactly two filters.
func (q *listQuery[T]) pair() (a, b listSource[T]) {
	if len(q.sources) == 2 {
		return q.sources[0], q.sources[1]
	}
	return a, b
}

// count reads a count of the counts table.
func (q *listQuery[T]) count(key string) int {
	if c, _ := first(q.txn, tableCounts, indexID, key).(*listCount); c != nil {
		return c.N
	}
	return 0
}

// derivedChangesTxn is write's hook, called with the transaction's changes
// once the call succeeded and before the commit (store.go). It brings the
// counts up to date with the changes, and returns the changes without
// those of the derived tables, which are no part of the world a caller
// sees. It never fails.
//
// Cost: nothing for changes outside the listed tables, nor for updates that
// keep every counted field (an LB rewritten for its NextBackendSeq); a
// lookup and an insert per counted key that moved otherwise (a created
// instance moves 6).
func derivedChangesTxn(txn *memdb.Txn, changes memdb.Changes) memdb.Changes {
	out := changes
	for i, c := range changes {
		if isDerived(c.Table) {
			out = make(memdb.Changes, 0, len(changes))
			out = append(out, changes[:i]...)
			for _, c := range changes[i+1:] {
				if !isDerived(c.Table) {
					out = append(out, c)
				}
			}
			break
		}
	}
	countChangesTxn(txn, out)
	return out
}

func isDerived(table string) bool { return slices.Contains(derivedTables, table) }

// countChangesTxn applies changes to the counts table; when it is not
// complete it counts every row instead.
func countChangesTxn(txn *memdb.Txn, changes memdb.Changes) {
	var delta keyTally
	var buf []byte
	for _, c := range changes {
		l := listers[c.Table]
		if l == nil || (c.Before != nil && c.After != nil && l.sameCounts(c.Before, c.After)) {
			continue
		}
		if delta == nil {
			if first(txn, tableCounts, indexID, countsComplete) == nil {
				rebuildCountsTxn(txn)
				return
			}
			delta = keyTally{}
		}
		if c.Before != nil {
			buf = l.countKeys(c.Before, buf, func(k []byte) { delta.add(k, -1) })
		}
		if c.After != nil {
			buf = l.countKeys(c.After, buf, func(k []byte) { delta.add(k, 1) })
		}
	}
	for key, d := range delta {
		if *d != 0 {
			addCountTxn(txn, key, *d)
		}
	}
}

// keyTally adds up numbers by key. A key is copied only the first time it
// is seen, so tallying many rows' keys (built in one buffer) allocates per
// distinct key, not per row.
type keyTally map[string]*int

func (t keyTally) add(key []byte, d int) {
	if n := t[string(key)]; n != nil {
		*n += d
		return
	}
	t[string(key)] = &d
}

func addCountTxn(txn *memdb.Txn, key string, d int) {
	old, _ := first(txn, tableCounts, indexID, key).(*listCount)
	n := d
	if old != nil {
		n += old.N
	}
	switch {
	case n > 0:
		insert(txn, tableCounts, &listCount{Key: key, N: n})
	case old != nil:
		remove(txn, tableCounts, old)
	}
}

// rebuildCountsTxn counts every row of the listed tables from scratch.
func rebuildCountsTxn(txn *memdb.Txn) {
	if _, err := txn.DeleteAll(tableCounts, indexID); err != nil {
		panic("engine: clear counts: " + err.Error())
	}
	counts := keyTally{}
	var buf []byte
	for table, l := range listers {
		it, err := txn.Get(table, indexID)
		if err != nil {
			panic("engine: count " + table + ": " + err.Error())
		}
		for obj := it.Next(); obj != nil; obj = it.Next() {
			buf = l.countKeys(obj, buf, func(k []byte) { counts.add(k, 1) })
		}
	}
	for key, n := range counts {
		insert(txn, tableCounts, &listCount{Key: key, N: *n})
	}
	insert(txn, tableCounts, &listCount{Key: countsComplete, N: 1})
}

// rebuildDerivedTxn rebuilds every derived table from the world's tables:
// the hook of a write that fills the tables without going through write
// (Load), to call before its commit. O(rows + leases log leases).
func rebuildDerivedTxn(txn *memdb.Txn) {
	rebuildCountsTxn(txn)
	rebuildPoolsTxn(txn)
}
