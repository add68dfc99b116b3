// Package derivtex is a symbolic derivation engine with LaTeX output. The
// engine lives in the packages below this one (expr, parser, simplify,
// derive, mle, latex, solve) and the command in cmd/derivtex; this package
// only holds the embedded default problem set.
package derivtex

import _ "embed"

// MidtermA is testdata/midterm-a.drv: the seed midterm written in the
// problem language, which `derivtex solve` solves when given no file.
//
//go:embed testdata/midterm-a.drv
var MidtermA string

// MidtermAName is the name errors in MidtermA are reported under.
const MidtermAName = "midterm-a.drv"
