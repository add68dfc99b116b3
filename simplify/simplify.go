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

// maxPasses bounds how often a rewrite is applied again to what it just
// produced at one node; every rule here settles after one or two.
const maxPasses = 8

// Apply rewrites x with rw bottom-up until nothing changes, and returns the
// result with one step recording the whole rewrite, or nil if it did not
// apply anywhere.
//
// It takes one pass: where rw fires, its output is normalised again at
// once (its new subterms bottom-up, then the node itself), and every
// result is remembered as normal, so nothing is visited twice and no
// second sweep is needed to see that nothing changes.
func Apply(x expr.Expr, rw Rewrite) (expr.Expr, *expr.Step) {
	a := applier{rw: rw, memo: make(map[uint64]expr.Expr, 64)}
	out := a.normal(x, 0)
	if out == x {
		return x, nil
	}
	return out, &expr.Step{Rule: rw.Rule, Before: x, After: out, Assume: a.assume}
}

type applier struct {
	rw     Rewrite
	memo   map[uint64]expr.Expr // term (by ID, the cheapest key) -> its normal form
	assume []expr.Expr
}

// normal returns the normal form of x; again counts the rewrites in a row
// that led to x, against maxPasses.
func (a *applier) normal(x expr.Expr, again int) expr.Expr {
	if r, ok := a.memo[x.ID()]; ok {
		return r
	}
	// Until x is done, reaching it again (only a rule that rebuilds its
	// own input inside its output could) finds it as it is: no loop.
	a.memo[x.ID()] = x
	r := x
	if args := x.Args(); len(args) > 0 {
		var na []expr.Expr
		for i, c := range args {
			n := a.normal(c, 0)
			if na == nil && n != c {
				na = append(make([]expr.Expr, 0, len(args)), args[:i]...)
			}
			if na != nil {
				na = append(na, n)
			}
		}
		if na != nil {
			r = expr.Rebuild(x, na)
		}
	}
	if out, as := a.rw.Try(r); out != nil && out != r && again < maxPasses {
		for _, t := range as {
			if !slices.Contains(a.assume, t) {
				a.assume = append(a.assume, t)
			}
		}
		r = a.normal(out, again+1)
	}
	a.memo[x.ID()] = r
	a.memo[r.ID()] = r
	return r
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
