// Package fuzzcheck holds what the fuzz targets of every stage share: the
// bounds that keep one input fast, so the fuzzer explores breadth rather
// than size, and the invariants every output must satisfy (a term prints
// to text that parses back to it; generated LaTeX is balanced).
//
// The targets live beside the code they exercise (derive, simplify, mle,
// solve, cmd/derivtex); this package is imported by their tests only.
package fuzzcheck

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
)

// Bounds on one fuzz input. Inputs beyond them are skipped, not failed.
//
// The engines run under budgets (Job), so a big term fails fast; MaxHeight
// and MaxSize only keep the fuzzer from spending its time on terms far
// beyond what the budgets let through.
const (
	// MaxInputBytes bounds the text of one input, all arguments together.
	MaxInputBytes = 4 << 10
	// MaxHeight bounds expr.Height of a parsed term.
	MaxHeight = 200
	// MaxSize bounds expr.Size (distinct subterms) of a parsed term.
	MaxSize = 3000
)

// Limits are the budgets one fuzz input runs under: small, so that no
// input takes long and the fuzzer explores breadth. Running out of one is
// an accepted outcome (see Exceeded), and reaching it is part of what is
// fuzzed: the engines must stop cleanly wherever a budget runs out.
var Limits = budget.Limits{Work: 200_000, Output: 1 << 20}

// Job returns the context of one call under Limits, with a fresh meter.
func Job(t testing.TB) context.Context {
	return budget.With(t.Context(), budget.New(t.Context(), Limits))
}

// Exceeded reports whether err is a budget running out.
func Exceeded(err error) bool {
	var e *budget.Exceeded
	return errors.As(err, &e)
}

// TooLong reports whether the texts of one input together exceed
// MaxInputBytes.
func TooLong(texts ...string) bool {
	n := 0
	for _, s := range texts {
		n += len(s)
	}
	return n > MaxInputBytes
}

// TooBig reports whether any of the terms exceeds MaxHeight or MaxSize.
// Nil terms are ignored.
func TooBig(xs ...expr.Expr) bool {
	for _, x := range xs {
		if x != nil && (expr.Height(x) > MaxHeight || expr.Size(x) > MaxSize) {
			return true
		}
	}
	return false
}

// NoPanic turns a panic of the code under test into a failure of this
// input with its stack, so that every seed of a corpus is reported rather
// than the first panic ending the test binary: defer fuzzcheck.NoPanic(t).
// (A panic on another goroutine, such as solve.File's workers, still ends
// the binary.)
func NoPanic(t testing.TB) {
	if r := recover(); r != nil {
		t.Fatalf("panic: %v\n%s", r, debug.Stack())
	}
}

// RoundTrip checks that x prints, in plain syntax, to text that parses
// back to x itself (terms are interned, so that is pointer equality).
// what names x in the failure message. A term whose numbers together come
// near parser.MaxFoldBits may be refused on reading although the parser
// built it, since the parser estimates folding work from what it is
// given; such a term is skipped.
func RoundTrip(t testing.TB, what string, x expr.Expr) {
	t.Helper()
	if x == nil {
		t.Fatalf("%s is nil", what)
	}
	printed := x.String()
	y, err := parser.Parse(printed)
	if err != nil {
		if nearFoldLimit(x) && strings.Contains(err.Error(), "too large") {
			t.Skipf("%s has numbers near the parser's folding limit", what)
		}
		t.Fatalf("%s = %s does not parse back: %v", what, printed, err)
	}
	if y != x {
		t.Fatalf("%s = %s parses back as %s", what, printed, y)
	}
}

// nearFoldLimit reports whether the numbers of x come within a factor of
// two of parser.MaxFoldBits.
func nearFoldLimit(x expr.Expr) bool {
	total := 0
	expr.Inspect(x, func(y expr.Expr) bool {
		if n, ok := y.(*expr.Number); ok {
			total += n.Bits()
		}
		return true
	})
	return 2*total > parser.MaxFoldBits
}

// LaTeX checks generated LaTeX: braces balance (a backslash escapes the
// character after it, so \{ and \\ do not count) and every \left has its
// \right. what names the text in the failure message. Text an author
// wrote (titles, questions, notes) is theirs to balance; pass only what
// derivtex generated.
func LaTeX(t testing.TB, what, tex string) {
	t.Helper()
	if err := Balanced(tex); err != nil {
		t.Fatalf("%s: %v in\n%s", what, err, tex)
	}
}

// Balanced reports the first imbalance of braces or of \left and \right in
// tex, or nil.
func Balanced(tex string) error {
	depth, lefts := 0, 0
	for k := 0; k < len(tex); k++ {
		switch tex[k] {
		case '\\':
			word := k + 1
			for word < len(tex) && isLetter(tex[word]) {
				word++
			}
			switch tex[k+1 : word] {
			case "left":
				lefts++
			case "right":
				if lefts--; lefts < 0 {
					return fmt.Errorf("\\right without its \\left at byte %d", k)
				}
			}
			if word == k+1 {
				word++ // a control symbol: \{ \} \\ \,
			}
			k = word - 1
		case '{':
			depth++
		case '}':
			if depth--; depth < 0 {
				return fmt.Errorf("} without its { at byte %d", k)
			}
		}
	}
	if depth != 0 {
		return fmt.Errorf("%d { not closed", depth)
	}
	if lefts != 0 {
		return fmt.Errorf("%d \\left without its \\right", lefts)
	}
	return nil
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
