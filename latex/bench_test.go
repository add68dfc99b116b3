package latex

import (
	"fmt"
	"testing"

	"github.com/derivtex/derivtex/expr"
)

// midTerm is a logistic-regression loss with an L2 penalty, a term of the
// size the derivations in a handout have.
func midTerm() expr.Expr {
	yi := expr.Index("y", i)
	bsym := expr.Sym("b")
	z := add(mul(w, xi), bsym)
	sig := expr.Call(expr.FnSigmoid, z)
	body := add(mul(yi, log(sig)), mul(sub(one, yi), log(sub(one, sig))))
	lambda := expr.Sym("lambda")
	return add(neg(div(expr.SumOver(body, i, one, N), N)), mul(div(lambda, two), pow(w, two)),
		expr.Call(expr.FnAbs, sub(w, expr.Sym("w0"))))
}

// deepSin is sin(sin(...sin(w))) nested depth times.
func deepSin(depth int) expr.Expr {
	t := expr.Expr(w)
	for range depth {
		t = sin(t)
	}
	return t
}

// BenchmarkExpr measures rendering; the deep cases should grow linearly
// with depth (and so with output size).
func BenchmarkExpr(b *testing.B) {
	cases := []struct {
		name string
		x    expr.Expr
	}{
		{"mid-size", midTerm()},
		{"deep-sin-1000", deepSin(1000)},
		{"deep-sin-2000", deepSin(2000)},
		{"deep-sin-4000", deepSin(4000)},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(Expr(tc.x))))
			b.ReportAllocs()
			for b.Loop() {
				Expr(tc.x)
			}
		})
	}
}

// BenchmarkChain measures a derivation of 200 independent steps over a sum
// of 200 terms: one row, so grouping must not walk the state per step.
func BenchmarkChain(b *testing.B) {
	var terms, pending []expr.Expr
	var steps []expr.Step
	for k := 1; k <= 200; k++ {
		v := expr.Sym(fmt.Sprintf("w%d", k))
		d := expr.Diff(pow(v, two), w)
		pending = append(pending, d)
		terms = append(terms, pow(v, two))
		steps = append(steps, expr.Step{Rule: rulePower, Before: d, After: expr.Zero})
	}
	start := expr.Diff(add(terms...), w)
	steps = append([]expr.Step{{Rule: ruleSum, Before: start, After: add(pending...)}}, steps...)
	b.ReportAllocs()
	for b.Loop() {
		Chain(start, steps)
	}
}
