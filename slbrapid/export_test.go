package slbrapid

// OnDraw makes f see every scenario Draw builds, until restore is called.
func OnDraw(f func(*Scenario)) (restore func()) {
	old := drawn
	drawn = f
	return func() { drawn = old }
}
