package engine

import "github.com/slbfake/slbfake/model"

// pageOf validates paging and returns the slice bounds of the requested page
// of n items, and the effective page number and size. PageNumber starts at 1;
// PageSize defaults to def and may not exceed max.
func pageOf(p model.Paging, n, def, max int) (lo, hi, number, size int, e *model.Error) {
	number, size = p.PageNumber, p.PageSize
	if number == 0 {
		number = 1
	}
	if size == 0 {
		size = def
	}
	if number < 1 {
		return 0, 0, 0, 0, model.ErrInvalidParameterValue("PageNumber")
	}
	if size < 1 || size > max {
		return 0, 0, 0, 0, model.ErrInvalidParameterValue("PageSize")
	}
	lo = n
	if number-1 <= n/size { // guards the product against overflow
		lo = min((number-1)*size, n)
	}
	hi = lo + size
	if hi > n {
		hi = n
	}
	return lo, hi, number, size, nil
}
