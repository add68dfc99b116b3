package latex

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
)

// nestSin is sin(sin(...sin(x))), n deep.
func nestSin(n int, x expr.Expr) expr.Expr {
	for range n {
		x = expr.Call(expr.FnSin, x)
	}
	return x
}

// chainRows are the rows a derivation of a depth-n composition shows: the
// product of the cosines of every level, a product that shares its
// subterms with the start.
func chainRows(n int) (expr.Expr, []Row) {
	w := expr.Sym("w")
	var factors []expr.Expr
	for k := range n {
		factors = append(factors, expr.Call(expr.FnCos, nestSin(k, w)))
	}
	start := expr.Diff(nestSin(n, w), w)
	return start, []Row{{State: expr.Mul(factors...), Steps: []expr.Step{{Rule: ruleChain}}}}
}

func TestAbbreviateNothingSmall(t *testing.T) {
	x := expr.Sym("x")
	small := expr.Mul(expr.Call(expr.FnSin, x), expr.Exp(expr.Pow(x, expr.Two)))
	assert.Nil(t, expr.Abbreviate(small, small, expr.Diff(small, x)))
	assert.Equal(t, 0, expr.Abbreviate().Len())
}

// TestAbbreviatedChainIsLinear: a chain over terms that share structure
// prints in size proportional to the distinct subterms, where written out
// as trees it would grow with the square of the depth.
func TestAbbreviatedChainIsLinear(t *testing.T) {
	size := func(n int) int {
		start, rows := chainRows(n)
		return len(Rows(start, rows))
	}
	s200, s400 := size(200), size(400)
	assert.Less(t, float64(s400)/float64(s200), 2.5, "%d then %d bytes", s200, s400)

	start, rows := chainRows(100)
	out := Rows(start, rows)
	require.Contains(t, out, `\intertext{where}`)
	assert.Contains(t, out, `u_{1} &= \sin`)
	// Every name used is defined, once.
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "u_{") {
			name, _, _ := strings.Cut(line, " &= ")
			assert.Equal(t, 1, strings.Count(out, name+" &= "), name)
		}
	}
}

// TestAbbreviationsAvoidNames: the letter chosen for the names is not the
// head of any name in the terms.
func TestAbbreviationsAvoidNames(t *testing.T) {
	u := expr.Sym("u1")
	v := expr.Index("v", expr.One)
	deep := nestSin(40, expr.Add(u, v))
	a := expr.Abbreviate(deep, expr.Mul(deep, expr.Sym("z")))
	require.Equal(t, 1, a.Len())
	got := Expr(expr.Mul(deep, expr.Sym("w")), Abbreviated(a))
	assert.Equal(t, "w q_{1}", got, "u and v are taken, z too; a name is a symbol, no \\cdot")
}

// TestAbbreviationsStayInsideSums: a subterm that mentions the index of a
// sum around it is not named, since a name outside the sum could not
// mention the index.
func TestAbbreviationsStayInsideSums(t *testing.T) {
	i := expr.Sym("i")
	deep := nestSin(40, expr.Index("x", i))
	s := expr.SumOver(expr.Add(deep, expr.Exp(deep)), i, expr.One, expr.Sym("N"))
	a := expr.Abbreviate(s, expr.Mul(expr.Two, s))
	require.Equal(t, 1, a.Len(), "deep occurs twice, but mentions i")
	assert.Equal(t, []expr.Expr{s}, a.Named(), "the sum itself binds i and can be named")
}

// TestPrinterStopsAtTheOutputBudget: a printer refuses to write more than
// the budget allows, without first writing it all.
func TestPrinterStopsAtTheOutputBudget(t *testing.T) {
	m := budget.New(context.Background(), budget.Limits{Output: 1000})
	start, rows := chainRows(300)
	big := rows[0].State
	out := Expr(big, WithBudget(m))
	assert.Empty(t, out)
	var e *budget.Exceeded
	require.ErrorAs(t, m.Err(), &e)
	assert.Equal(t, budget.Output, e.Kind)
	_, spent := m.Spent()
	assert.Less(t, spent, int64(2000), "the printer stopped near the limit")
	assert.Empty(t, Rows(start, rows, WithBudget(m)))
}

// TestAbbreviationIsAName: a named subterm is written as a name wherever
// it occurs: raised to a power (u_1^{3}, not \tanh^{3} of its definition),
// as the argument of a bare function (\log u_{1}), and before one (not
// \cos u_1 u_1, which reads as a product inside the cosine).
func TestAbbreviationIsAName(t *testing.T) {
	a, x, c := expr.Sym("a"), expr.Sym("x"), expr.Sym("c")
	th := expr.Call(expr.FnTanh, expr.Add(expr.Mul(a, x), c))
	u := expr.Exp(expr.Neg(expr.Mul(a, x)))
	names := expr.AbbreviateFrom(2, expr.Pow(th, expr.Int(3)), th, expr.Mul(expr.Call(expr.FnCos, u), u), expr.Log(u))
	n := Abbreviated(names)
	assert.Equal(t, `u_{2}^{3}`, Expr(expr.Pow(th, expr.Int(3)), n))
	assert.Equal(t, `\log u_{1}`, Expr(expr.Log(u), n))
	assert.Equal(t, `\cos\mathopen{}\left(u_{1}\right) u_{1}`, Expr(expr.Mul(expr.Call(expr.FnCos, u), u), n))
}
