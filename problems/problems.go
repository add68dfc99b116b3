// Package problems holds the problem sets that ship with derivtex, in the
// problem language (docs/problem-language.md), embedded in the binary.
package problems

import _ "embed"

// MidtermA is midterm-a.drv: the seed midterm, which `derivtex solve`
// solves when given no file.
//
//go:embed midterm-a.drv
var MidtermA string

// MidtermAName is the name errors in MidtermA are reported under.
const MidtermAName = "midterm-a.drv"
