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
