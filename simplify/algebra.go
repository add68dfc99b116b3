package simplify

import (
	"context"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/poly"
)

// The algebra functions written in a term (expand(...), factor(...),
// cancel, together, apart, collect(f, x)) ask for a form of their
// argument; WorkOut computes each with package poly, innermost first,
// one recorded step per call.

// RuleCollect is the step of collect(...).
var RuleCollect = expr.NewRule("collect-by", "collecting powers of a variable")

// algebraForms maps each algebra function to how poly computes it and
// the rule its step records.
var algebraForms = map[*expr.Func]struct {
	rule *expr.Rule
	do   func(ctx context.Context, args []expr.Expr) (expr.Expr, error)
}{
	expr.FnExpand:   {Expand.Rule, func(ctx context.Context, a []expr.Expr) (expr.Expr, error) { return poly.Expand(ctx, a[0]) }},
	expr.FnFactor:   {RuleFactor, func(ctx context.Context, a []expr.Expr) (expr.Expr, error) { return poly.Factor(ctx, a[0]) }},
	expr.FnCancel:   {RuleCancel, func(ctx context.Context, a []expr.Expr) (expr.Expr, error) { return poly.Cancel(ctx, a[0]) }},
	expr.FnTogether: {Together.Rule, func(ctx context.Context, a []expr.Expr) (expr.Expr, error) { return poly.Together(ctx, a[0]) }},
	expr.FnApart: {RuleApart, func(ctx context.Context, a []expr.Expr) (expr.Expr, error) {
		vars := expr.FreeSymbols(a[0])
		if len(vars) != 1 {
			return a[0], nil // partial fractions in one variable only
		}
		return poly.Apart(ctx, a[0], vars[0])
	}},
	expr.FnCollect: {RuleCollect, func(ctx context.Context, a []expr.Expr) (expr.Expr, error) {
		return poly.Collect(ctx, a[0], a[1])
	}},
}

// WorkOut replaces every call of an algebra function in x by the form it
// asks for, innermost first. A call poly cannot work out (out of budget,
// too large) is left as its argument, which is its value.
func WorkOut(ctx context.Context, x expr.Expr) (expr.Expr, []expr.Step) {
	if !mentionsAlgebra(x) {
		return x, nil
	}
	var steps []expr.Step
	out := expr.Map(x, func(y expr.Expr) expr.Expr {
		c, ok := y.(*expr.CallExpr)
		if !ok {
			return y
		}
		form, ok := algebraForms[c.Func()]
		if !ok {
			return y
		}
		r, err := form.do(ctx, c.Args())
		if err != nil || !budget.From(ctx).OK() {
			r = c.Args()[0]
		}
		steps = append(steps, expr.Step{Rule: form.rule, Before: y, After: r})
		return r
	})
	return out, steps
}

func mentionsAlgebra(x expr.Expr) bool {
	found := false
	expr.Inspect(x, func(y expr.Expr) bool {
		if c, ok := y.(*expr.CallExpr); ok {
			if _, ok := algebraForms[c.Func()]; ok {
				found = true
			}
		}
		return !found
	})
	return found
}
