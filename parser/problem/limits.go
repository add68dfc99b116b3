package problem

// Limits on hostile input. Each breach is a positioned error returned
// quickly; nothing in this package recurses on the input, and the
// expression parser bounds the terms it is handed (see parser/limits.go).
const (
	// MaxFileBytes bounds the source text of one file.
	MaxFileBytes = 4 << 20
	// MaxProblems bounds the problems of one file.
	MaxProblems = 1000
	// MaxStringBytes bounds one string argument, "..." or """...""".
	MaxStringBytes = 64 << 10
	// MaxTokens bounds the tokens of one file. A real problem file has a
	// few per line; the bound stops a 4 MiB file of braces from costing
	// hundreds of megabytes of tokens and grammar nodes.
	MaxTokens = 1 << 19
	// MaxErrors bounds the errors reported for one file; the last one
	// says that more were left out.
	MaxErrors = 100
)
