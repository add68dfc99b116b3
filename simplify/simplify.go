// Package simplify holds the rewrites that go beyond expr's automatic
// canonical form. Each is a named rule; applying one to a term yields the
// new term and a step that says which rule made it and what it assumed,
// so a derivation can show every simplification it performs.
package simplify

import (
	"slices"

	"github.com/derivtex/derivtex/expr"
)

// Rewrite is a named local rewrite. Try looks at one node, whose subterms
// have already been rewritten, and returns its replacement and the terms it
// had to assume positive, or nil when the rule does not apply.
type Rewrite struct {
	Rule *expr.Rule
	Try  func(x expr.Expr) (out expr.Expr, assume []expr.Expr)
}

// maxPasses bounds how often a rewrite is swept over a term; every rule
// here reaches its fixpoint in one or two sweeps.
const maxPasses = 8

// Apply sweeps rw over x bottom-up until nothing changes, and returns the
// result with one step recording the whole rewrite, or nil if it did not
// apply anywhere.
//
// It sweeps rather than rewriting each output again at once: the
// constructors that rebuild a node can make subterms no rule has seen,
// and only a further sweep reaches those; a sweep that changes nothing is
// the proof of a fixpoint, and maxPasses bounds a rule that never settles.
func Apply(x expr.Expr, rw Rewrite) (expr.Expr, *expr.Step) {
	cur := x
	var assume []expr.Expr
	for range maxPasses {
		next := expr.Map(cur, func(n expr.Expr) expr.Expr {
			out, as := rw.Try(n)
			if out == nil {
				return n
			}
			for _, a := range as {
				if !slices.Contains(assume, a) {
					assume = append(assume, a)
				}
			}
			return out
		})
		if next == cur {
			break
		}
		cur = next
	}
	if cur == x {
		return x, nil
	}
	return cur, &expr.Step{Rule: rw.Rule, Before: x, After: cur, Assume: assume}
}

// Run applies the rewrites in order, each to the result of the last, and
// returns the final term and the steps of those that changed something.
func Run(x expr.Expr, rws ...Rewrite) (expr.Expr, []expr.Step) {
	var steps []expr.Step
	for _, rw := range rws {
		var s *expr.Step
		x, s = Apply(x, rw)
		if s != nil {
			steps = append(steps, *s)
		}
	}
	return x, steps
}

// AfterDerivative is the clean-up run on every derivative: clearing the
// fractions the quotient rule nests, then pulling common factors out of
// sums, which turns the product rule's output into the factored form a
// careful person writes (x e^{-wx}(1 - wx)).
func AfterDerivative(x expr.Expr) (expr.Expr, []expr.Step) {
	return Run(x, NestedFractions, FactorTerms)
}

// Simplify is the general-purpose pipeline behind `derivtex simplify`:
// the exact log and exp identities, then common factors.
func Simplify(x expr.Expr) (expr.Expr, []expr.Step) {
	return Run(x, LogExp, ExpLog, FactorTerms)
}
