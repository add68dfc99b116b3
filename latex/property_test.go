package latex

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/derivtex/derivtex/expr"
	"github.com/stretchr/testify/assert"
)

// randomTerm builds a random term from the constructors, depth-limited.
func randomTerm(r *rand.Rand, depth int) expr.Expr {
	leaves := []func() expr.Expr{
		func() expr.Expr {
			return []expr.Expr{a, b, x, w, expr.Pi, expr.Sym("alpha"), expr.Sym("w_1")}[r.IntN(7)]
		},
		func() expr.Expr { return expr.Int(int64(r.IntN(7) - 3)) },
		func() expr.Expr { return expr.Rat(int64(r.IntN(7)-3), int64(r.IntN(3)+2)) },
		func() expr.Expr { return expr.Index("x", []expr.Expr{i, one, add(i, one)}[r.IntN(3)]) },
	}
	if depth == 0 || r.IntN(4) == 0 {
		return leaves[r.IntN(len(leaves))]()
	}
	sub := func() expr.Expr { return randomTerm(r, depth-1) }
	switch r.IntN(9) {
	case 0:
		return add(sub(), sub(), sub())
	case 1:
		return expr.Sub(sub(), sub())
	case 2:
		return mul(sub(), sub())
	case 3:
		d := sub()
		if d == expr.Zero {
			d = two
		}
		return div(sub(), d)
	case 4:
		return pow(sub(), []expr.Expr{two, num(-1), rat(1, 2), rat(-1, 3), rat(3, 2), y, sub()}[r.IntN(7)])
	case 5:
		f := expr.Funcs[r.IntN(len(expr.Funcs))]
		args := []expr.Expr{sub()}
		switch {
		case f.Name == "polygamma":
			args = []expr.Expr{expr.Int(int64(r.IntN(3))), sub()}
		case f.MinArgs == 2:
			args = append(args, sub())
		case f.Name == "median":
			args = []expr.Expr{sub(), expr.Sym("i"), one, expr.Sym("N")}
		}
		return expr.Call(f, args...)
	case 6:
		return expr.SumOver(mul(sub(), expr.Index("x", i)), i, one, N)
	case 7:
		return expr.Diff(sub(), w)
	}
	return neg(sub())
}

// TestRandomTermsAreWellFormed renders random terms and checks what must
// hold of any output: balanced braces and delimiters, no "+ -", and the
// same text on a second rendering.
func TestRandomTermsAreWellFormed(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		x := randomTerm(r, 4)
		got := Expr(x)
		assert.Equal(t, got, Expr(x), "not deterministic")
		depth := 0
		for k := 0; k < len(got); k++ {
			switch got[k] {
			case '\\':
				k++ // skip the escaped character (\{ \} \\)
			case '{':
				depth++
			case '}':
				depth--
			}
			if depth < 0 {
				break
			}
		}
		assert.Zero(t, depth, "unbalanced braces in %s (from %s)", got, x)
		assert.Equal(t, strings.Count(got, `\left`), strings.Count(got, `\right`), "unbalanced \\left in %s", got)
		assert.NotContains(t, got, "+ -", "from %s", x)
		assert.NotContains(t, got, "- -", "from %s", x)
		assert.NotRegexp(t, `(^|[^0-9])[1-9][0-9]*\^\{-[0-9/]+\}|[a-z}]\^\{-[0-9/]+\}`, got, "a negative numeric exponent should be a quotient (0^{-n} excepted: it is a division by zero)")
	}
}
