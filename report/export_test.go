package report

// Helpers of the package's own tests, for its external tests.
var (
	EqualLine = equalLine
	FmtLine   = fmtLine
)
