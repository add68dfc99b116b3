package expr_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
)

// TestLayoutThrough: a layout carried through a replacement keeps the
// author's order and places on the replaced terms; written forms go with
// a renaming only, for a replacement of a compound term can cut across
// what a form groups.
func TestLayoutThrough(t *testing.T) {
	m := budget.From(t.Context())
	x, _, l, err := parser.ParseLayout("", "(1 - t) log(1 + exp(a u + c)) + t exp(a u + c) + exp(a u)/exp(c)")
	require.NoError(t, err)
	z := expr.Sym("z")
	inner := expr.Add(expr.Mul(expr.Sym("a"), expr.Sym("u")), expr.Sym("c"))
	sub := map[expr.Expr]expr.Expr{inner: z}
	y := expr.Substitute(x, sub)
	through := l.Through(sub)
	assert.NotEqual(t, "(1 - t)*log(1 + exp(z)) + t*exp(z) + exp(a*u - c)", expr.PlainLayout(y, l, false, nil, m), "the layout of the terms in a u + c says nothing of those in z")
	assert.Equal(t, "(1 - t)*log(1 + exp(z)) + t*exp(z) + exp(a*u - c)", expr.PlainLayout(y, through, false, nil, m))
	assert.Equal(t, "(1 - t)*log(1 + exp(z)) + t*exp(z) + exp(a*u)/exp(c)", expr.PlainLayout(y, through, true, nil, m), "the forms of the terms left alone stay")

	ui := expr.Index("u", expr.Sym("i"))
	rename := map[expr.Expr]expr.Expr{expr.Sym("u"): ui}
	yi := expr.Substitute(x, rename)
	assert.Equal(t, "(1 - t)*log(1 + exp(a*u[i] + c)) + t*exp(a*u[i] + c) + exp(a*u[i])/exp(c)", expr.PlainLayout(yi, l.Through(rename), true, nil, m))
	assert.Nil(t, (*expr.Layout)(nil).Through(rename))
}

// TestLayoutMinus: under a layout, a sum factor the author wrote 1 - y
// is written so after a minus rather than as y - 1, and bars hold what
// the author wrote between them.
func TestLayoutMinus(t *testing.T) {
	m := budget.From(t.Context())
	_, _, l, err := parser.ParseLayout("", "(1 - y) log(s) + abs(y - q)")
	require.NoError(t, err)
	y, s, q := expr.Sym("y"), expr.Sym("s"), expr.Sym("q")
	ym1 := expr.Sub(y, expr.One)
	d := expr.Add(expr.Mul(y, s), expr.Mul(ym1, expr.Log(s)), expr.Call(expr.FnAbs, expr.Sub(q, y)))
	assert.Equal(t, "s*y - (1 - y)*log(s) + abs(y - q)", expr.PlainLayout(d, l, false, nil, m))
	assert.Equal(t, "s*y + log(s)*(y - 1) + abs(q - y)", expr.PlainLayout(d, nil, false, nil, m))
}
