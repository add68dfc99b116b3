// Package simplify holds the rewrites that go beyond expr's automatic
// canonical form. Each is a named rule; applying one to a term yields the
// new term and a step that says which rule made it and what it assumed,
// so a derivation can show every simplification it performs.
package simplify

import (
	"context"
	"slices"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/poly"
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
//
// Each node a sweep visits is charged to ctx's budget (see package
// budget) by its number of children; once the budget is spent, the sweep
// leaves the rest of the term alone and Apply returns what it has, and
// the caller learns why from the meter.
func Apply(ctx context.Context, x expr.Expr, rw Rewrite) (expr.Expr, *expr.Step) {
	m := budget.From(ctx)
	cur := x
	var assume []expr.Expr
	for range maxPasses {
		if !m.OK() {
			break
		}
		next := expr.Map(cur, func(n expr.Expr) expr.Expr {
			if !m.Work(tryCost(n)) {
				return n
			}
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

// tryCost is the work of trying a rule on x: rules look at x's children
// and at their children (the factors of a sum's terms, say), so that is
// what a try is charged.
func tryCost(x expr.Expr) int {
	n := 1
	for _, a := range x.Args() {
		n += 1 + len(a.Args())
	}
	return n
}

// Run applies the rewrites in order, each to the result of the last, and
// returns the final term and the steps of those that changed something.
func Run(ctx context.Context, x expr.Expr, rws ...Rewrite) (expr.Expr, []expr.Step) {
	var steps []expr.Step
	for _, rw := range rws {
		var s *expr.Step
		x, s = Apply(ctx, x, rw)
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
//
// Then the textbook forms of the sigmoid and tanh (e^-x/(1 + e^-x)^2 =
// σ(x)(1 - σ(x))), and sums collected where that makes them smaller, so
// the logistic gradient reads (σ(z) - y) x. Each of these looks at one
// node and its children, so the clean-up stays linear in the size of the
// derivative.
func AfterDerivative(ctx context.Context, x expr.Expr) (expr.Expr, []expr.Step) {
	x, steps := Run(ctx, x, SignAbs, NestedFractions, SigmoidForm, TanhForm, CommonFactor)
	// A common factor taken out can bare a form of tanh the products hid:
	// x ((e^z + e^-z)^2 - (e^z - e^-z)^2)/(e^z + e^-z)^2.
	// Taken out again, that factor shows the textbook x (1 - tanh^2 z).
	if y, s := Apply(ctx, x, TanhForm); s != nil {
		x, steps = y, append(steps, *s)
		if out := factorOut(x); out != nil {
			steps = append(steps, expr.Step{Rule: CommonFactor.Rule, Before: x, After: out})
			x = out
		}
	}
	if out := collectOuter(x); out != x {
		steps = append(steps, expr.Step{Rule: Collect.Rule, Before: x, After: out})
		x = out
	}
	x, s := Apply(ctx, x, SignIntoSum)
	if s != nil {
		steps = append(steps, *s)
	}
	return x, steps
}

// collectOuter is Collect at the top of x only: x itself, or the sums
// that are factors of x. A sweep of Collect over every sum of every
// derivative would cost the batch a tenth of its time, for forms that
// matter where a reader looks first.
func collectOuter(x expr.Expr) expr.Expr {
	if out, _ := collect(x); out != nil {
		return out
	}
	m, ok := x.(*expr.MulExpr)
	if !ok {
		return x
	}
	var fs []expr.Expr
	for i, f := range m.Factors() {
		out, _ := collect(f)
		if out == nil {
			continue
		}
		if fs == nil {
			fs = slices.Clone(m.Factors())
		}
		fs[i] = out
	}
	if fs == nil {
		return x
	}
	return expr.Mul(fs...)
}

// Basic is the cheap part of Simplify: the exact log and exp identities,
// then common factors. It is linear in the size of x, so a derivative
// can afford it on its input.
func Basic(ctx context.Context, x expr.Expr) (expr.Expr, []expr.Step) {
	return Run(ctx, x, LogExp, ExpLog, CommonFactor, SignIntoSum)
}

// textbook is Simplify's pipeline, run until nothing changes (the
// rewrites feed each other: a common factor taken out can make a
// square root split) or simplifyRounds times.
var textbook = []Rewrite{LogExp, ExpLog, SumLinearity, SumConstant, SigmoidForm, SigmoidPair, TanhForm, HyperbolicForm, TanhForm,
	Pythagorean, DoubleAngle, RootAbs, CommonFactor, SignIntoSum}

const simplifyRounds = 4

// Simplify is the general-purpose pipeline behind `derivtex simplify`:
// Basic with the textbook forms of the sigmoid, tanh, sinh and cosh, the
// Pythagorean and double-angle identities and sqrt(u^2) = |u|, then the
// answer 0 for a term that is identically zero (IsZero,
// bounded by its own budget).
func Simplify(ctx context.Context, x expr.Expr) (expr.Expr, []expr.Step) {
	if mentionsAlgebra(x) {
		// The term asks for forms (factor(...)): they are the answer,
		// which the pipeline would rewrite to its own choice.
		return WorkOut(ctx, x)
	}
	out := x
	var steps []expr.Step
	for range simplifyRounds {
		next, s := Run(ctx, out, textbook...)
		steps = append(steps, s...)
		next, steps = polynomial(ctx, next, steps)
		if next == out {
			break
		}
		out = next
	}
	if out != expr.Zero && IsZero(ctx, out) {
		steps = append(steps, expr.Step{Rule: IdenticallyZero, Before: out, After: expr.Zero})
		out = expr.Zero
	}
	return out, steps
}

// smaller reports whether a is smaller than b as written out (a tree,
// not counting sharing): x y + x is no smaller than x (y + 1).
func smaller(a, b expr.Expr) bool {
	const limit = 1 << 16
	return expr.TreeSize(a, limit) < expr.TreeSize(b, limit)
}

// polynomial tries the rational-function normal forms of package poly
// on the whole term: cancelled ((x^2 - 1)/(x - 1) = x + 1), then
// expanded ((a + b)^2 - a^2 - b^2 = 2 a b), each kept only when it makes
// the term smaller, as a textbook does not multiply out what reads
// better factored. Both are charged to ctx's budget; one that runs out
// leaves the term as it is.
func polynomial(ctx context.Context, x expr.Expr, steps []expr.Step) (expr.Expr, []expr.Step) {
	if !expr.HasDerivative(x) && budget.From(ctx).OK() {
		if c, err := poly.Cancel(ctx, x); err == nil && smaller(c, x) {
			// Without a fraction there is nothing to cancel: the normal
			// form only multiplied out and collected.
			rule := RuleCancel
			if !hasFraction(x) {
				rule = Collect.Rule
			}
			steps = append(steps, expr.Step{Rule: rule, Before: x, After: c})
			x = c
		}
		if e, err := poly.Expand(ctx, x); err == nil && smaller(e, x) {
			steps = append(steps, expr.Step{Rule: Expand.Rule, Before: x, After: e})
			x = e
		}
	}
	return x, steps
}

// hasFraction reports whether x divides by a term that is not a number.
func hasFraction(x expr.Expr) bool {
	found := false
	expr.Inspect(x, func(u expr.Expr) bool {
		if b, e := expr.BaseExp(u); !found && b.Kind() != expr.KindNumber {
			if n, ok := e.(*expr.Number); ok && n.Sign() < 0 {
				found = true
			}
		}
		return !found
	})
	return found
}

// RuleCancel is the rule of Cancel's step.
var RuleCancel = expr.NewRule("cancel", "cancelling common factors")

// Forms are the targets of `derivtex simplify --to`: each brings a term
// to one form by named rewrites, each recorded as a step.
var Forms = map[string]func(ctx context.Context, x expr.Expr) (expr.Expr, []expr.Step){
	"expanded": func(ctx context.Context, x expr.Expr) (expr.Expr, []expr.Step) {
		return Run(ctx, x, Expand)
	},
	"factored": polyForm(RuleFactor, poly.Factor),
	"together": func(ctx context.Context, x expr.Expr) (expr.Expr, []expr.Step) {
		return Run(ctx, x, Together)
	},
	"cancelled": polyForm(RuleCancel, poly.Cancel),
	"apart": polyForm(RuleApart, func(ctx context.Context, x expr.Expr) (expr.Expr, error) {
		vars := expr.FreeSymbols(x)
		if len(vars) != 1 {
			return x, nil // partial fractions in one variable: a term of several stays
		}
		return poly.Apart(ctx, x, vars[0])
	}),
	"exponential": func(ctx context.Context, x expr.Expr) (expr.Expr, []expr.Step) {
		return Run(ctx, x, HyperbolicExp)
	},
	"trig-expanded": func(ctx context.Context, x expr.Expr) (expr.Expr, []expr.Step) {
		return Run(ctx, x, AngleSum, Expand)
	},
	"textbook": Simplify,
}

// RuleFactor and RuleApart are the rules of the factored and apart
// forms' steps.
var (
	RuleFactor = expr.NewRule("factor", "factoring over the rationals")
	RuleApart  = expr.NewRule("apart", "partial fractions")
)

// polyForm is a form that package poly computes whole, one step.
func polyForm(rule *expr.Rule, f func(context.Context, expr.Expr) (expr.Expr, error)) func(context.Context, expr.Expr) (expr.Expr, []expr.Step) {
	return func(ctx context.Context, x expr.Expr) (expr.Expr, []expr.Step) {
		out, err := f(ctx, x)
		if err != nil || out == x {
			return x, nil
		}
		return out, []expr.Step{{Rule: rule, Before: x, After: out}}
	}
}

// FormNames lists Forms' keys in a fixed order, for help and messages.
var FormNames = []string{"expanded", "factored", "together", "cancelled", "apart", "exponential", "trig-expanded", "textbook"}
