package expr_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
)

// TestAbbreviationNamesAreFree: the names of shared subterms never start
// like a name of the term (u1 beside a variable u or u_2 would read as
// one of them), even when every letter is taken.
func TestAbbreviationNamesAreFree(t *testing.T) {
	shared := func(vars []expr.Expr) expr.Expr {
		inner := expr.Call(expr.FnSin, expr.Call(expr.FnCos, expr.Add(vars...)))
		return expr.Mul(expr.Call(expr.FnExp, inner), expr.Call(expr.FnLog, inner))
	}
	stems := func(n *expr.Names) string {
		name, ok := n.Of(n.Named()[0])
		require.True(t, ok)
		return strings.TrimRight(name, "0123456789")
	}
	x := expr.Sym("x")
	assert.Equal(t, "u", stems(expr.AbbreviateFrom(2, shared([]expr.Expr{x}))))
	assert.Equal(t, "v", stems(expr.AbbreviateFrom(2, shared([]expr.Expr{x, expr.Sym("u_2")}))))

	var every []expr.Expr
	for _, l := range "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" {
		every = append(every, expr.Sym(string(l)+"1"))
	}
	stem := stems(expr.AbbreviateFrom(2, shared(append(every, expr.Sym("uu3"), expr.Index("uv", x)))))
	assert.Equal(t, "uz", stem, "two letters that no name starts with")
}

// TestAbbreviationKeepsInSight: a pending derivative is never named (the
// step that works it out must show it), nor a negated product, which a
// sum prints as "- w x" where no name could stand for it.
func TestAbbreviationKeepsInSight(t *testing.T) {
	w, x := expr.Sym("w"), expr.Sym("x")
	wx := expr.Add(expr.Mul(w, x), expr.Sym("b"))
	sig := expr.Call(expr.FnSigmoid, wx)
	pending := expr.Diff(sig, w)
	names := expr.AbbreviateFrom(2, expr.Mul(pending, x), expr.Add(pending, w), sig)
	_, named := names.Of(pending)
	assert.False(t, named)
	_, named = names.Of(sig)
	assert.True(t, named, "its parts are named instead")

	neg := expr.Neg(expr.Mul(w, x))
	names = expr.AbbreviateFrom(2, expr.Mul(expr.Exp(neg), expr.Add(expr.One, neg)))
	assert.Equal(t, 0, names.Len())
}

// TestUnion: a union names what each set names, numbered afresh
// innermost first.
func TestUnion(t *testing.T) {
	x := expr.Sym("x")
	inner := expr.Call(expr.FnSin, expr.Add(x, expr.One))
	outer := expr.Call(expr.FnCos, expr.Mul(inner, x))
	a := expr.AbbreviateFrom(2, expr.Mul(outer, outer, x), expr.Add(outer, x))
	b := expr.AbbreviateFrom(2, expr.Mul(inner, x), expr.Add(inner, x))
	u := expr.Union([]expr.Expr{outer}, a, nil, b)
	require.Equal(t, 2, u.Len())
	assert.Equal(t, []expr.Expr{inner, outer}, u.Named())
	n1, _ := u.Of(inner)
	n2, _ := u.Of(outer)
	assert.Equal(t, []string{"u1", "u2"}, []string{n1, n2})
	assert.Nil(t, expr.Union(nil, nil))
}
