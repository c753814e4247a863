package model

// Response carries the fields every response has. Every response type embeds
// it; the fake fills RequestId when the call returns.
type Response struct {
	RequestId string
}

// SetRequestId sets the RequestId of the response that embeds r.
func (r *Response) SetRequestId(id string) { r.RequestId = id }

// Paging is the PageNumber/PageSize pair of Describe requests. Zero means
// "not given": page 1, and the operation's default size.
type Paging struct {
	PageNumber int
	PageSize   int
}
