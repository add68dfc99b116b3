// Package exprtest generates random terms for property tests, fuzz seeds
// and benchmark corpora.
package exprtest

import (
	"math/rand/v2"

	"github.com/derivtex/derivtex/expr"
)

// Gen draws random terms over a fixed set of symbols.
type Gen struct {
	R     *rand.Rand
	Syms  []string
	Funcs []*expr.Func // unary functions to draw from
	// Smooth leaves out functions with kinks (abs, relu, max, ...), for
	// checks against finite differences.
	Smooth bool
}

// New returns a generator seeded with seed over symbols x, y, w.
func New(seed uint64) *Gen {
	return &Gen{
		R:    rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		Syms: []string{"x", "y", "w"},
		Funcs: []*expr.Func{expr.FnExp, expr.FnLog, expr.FnSin, expr.FnCos, expr.FnTan,
			expr.FnTanh, expr.FnSigmoid, expr.FnAbs, expr.FnRelu},
	}
}

// SmoothFuncs are the unary functions without kinks.
var SmoothFuncs = []*expr.Func{expr.FnExp, expr.FnLog, expr.FnSin, expr.FnCos, expr.FnTan, expr.FnTanh, expr.FnSigmoid}

// Leaf returns a symbol or a small number.
func (g *Gen) Leaf() expr.Expr {
	switch g.R.IntN(6) {
	case 0:
		return expr.Int(int64(g.R.IntN(9)) - 3)
	case 1:
		return expr.Rat(int64(g.R.IntN(7))-3, int64(g.R.IntN(4))+2)
	}
	return expr.Sym(g.Syms[g.R.IntN(len(g.Syms))])
}

// Expr returns a random term of at most the given depth.
func (g *Gen) Expr(depth int) expr.Expr {
	if depth <= 0 || g.R.IntN(5) == 0 {
		return g.Leaf()
	}
	a := func() expr.Expr { return g.Expr(depth - 1) }
	switch g.R.IntN(8) {
	case 0, 1:
		return expr.Add(a(), a())
	case 2:
		return expr.Sub(a(), a())
	case 3, 4:
		return expr.Mul(a(), a())
	case 5:
		return expr.Div(a(), a())
	case 6:
		exps := []expr.Expr{expr.Two, expr.Int(3), expr.MinusOne, expr.Half, expr.Int(-2)}
		return expr.Pow(a(), exps[g.R.IntN(len(exps))])
	}
	fs := g.Funcs
	if g.Smooth {
		fs = SmoothFuncs
	}
	return expr.Call(fs[g.R.IntN(len(fs))], a())
}

// Nested returns f(f(...f(v)...)) with the given depth.
func Nested(f *expr.Func, v expr.Expr, depth int) expr.Expr {
	x := v
	for range depth {
		x = expr.Call(f, x)
	}
	return x
}
