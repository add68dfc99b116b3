package expr_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/expr/exprtest"
)

// TestPrintOrder checks that the canonical order reads like hand-written
// algebra, whatever order the parts were given in.
func TestPrintOrder(t *testing.T) {
	xi, yi := expr.Index("x", i), expr.Index("y", i)
	tests := []struct {
		name string
		got  expr.Expr
		want string
	}{
		{"coefficient then symbols", expr.Mul(x, expr.Two, w), "2*w*x"},
		{"descending degree, constant last", expr.Add(expr.One, expr.Mul(expr.Two, x), expr.Pow(x, expr.Two)), "x^2 + 2*x + 1"},
		{"cubic", expr.Add(x, expr.Pow(x, expr.Int(3)), expr.Int(-7), expr.Mul(expr.Int(-4), expr.Pow(x, expr.Two))), "x^3 - 4*x^2 + x - 7"},
		{"linear model residual", expr.Add(expr.Neg(y), b, expr.Mul(x, w)), "w*x + b - y"},
		{"1 - x", expr.Sub(expr.One, x), "1 - x"},
		{"y - x", expr.Sub(y, x), "y - x"},
		{"-x - y", expr.Sub(expr.Neg(y), x), "-x - y"},
		{"sum term then log",
			expr.Sub(expr.Mul(w, expr.SumOver(expr.Mul(yi, xi), i, expr.One, N)), expr.Mul(N, expr.Log(w))),
			"w*sum(x[i]*y[i], i, 1, N) - N*log(w)"},
		{"symbols, indexed, sums, calls, then sums", expr.Mul(expr.Add(x, expr.One), expr.Exp(y), xi, expr.SumOver(xi, i, expr.One, N), z),
			"z*x[i]*sum(x[i], i, 1, N)*exp(y)*(x + 1)"},
		{"sqrt(2) after the coefficient", expr.Mul(x, expr.Sqrt(expr.Int(8))), "2*sqrt(2)*x"},
		{"w2 before w10 in a sum", expr.Add(expr.Sym("w10"), expr.Sym("w2"), expr.Sym("w1")), "w1 + w2 + w10"},
		{"w2 before w10 in a product", expr.Mul(expr.Sym("w10"), expr.Sym("w2")), "w2*w10"},
		{"x2 before x10 indexed", expr.Add(expr.Index("x", expr.Int(10)), expr.Index("x", expr.Two)), "x[2] + x[10]"},
		{"leading zeros", expr.Add(expr.Sym("a010"), expr.Sym("a9")), "a9 + a010"},
		{"alphabetical", expr.Mul(expr.Sym("beta"), expr.Sym("alpha")), "alpha*beta"},
		{"x0 before x00", expr.Mul(expr.Sym("x00"), expr.Sym("x0")), "x0*x00"},
		{"x0 before x00, given the other way", expr.Mul(expr.Sym("x0"), expr.Sym("x00")), "x0*x00"},
		{"x01 before x1", expr.Add(expr.Sym("x1"), expr.Sym("x01")), "x01 + x1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.got.String())
		})
	}
}

func sign(c int) int {
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

// TestCompareTotalOrder checks Compare on random terms: consistent with ==,
// antisymmetric and transitive.
func TestCompareTotalOrder(t *testing.T) {
	var terms []expr.Expr
	for k := range 300 {
		terms = append(terms, exprtest.New(uint64(k)).Expr(1+k%4))
	}
	terms = append(terms, x, y, expr.Zero, expr.Half, expr.Pi, expr.Sym("w2"), expr.Sym("w10"),
		expr.Index("x", i), expr.SumOver(expr.Index("x", i), i, expr.One, N), expr.Diff(x, y),
		// Names equal as numbers but spelled apart are still apart.
		expr.Sym("x0"), expr.Sym("x00"), expr.Sym("x01"), expr.Sym("x1"), expr.Sym("x001a"), expr.Sym("x1b"),
		expr.Index("a0", i), expr.Index("a00", i))
	for _, a := range terms {
		require.Equal(t, 0, expr.Compare(a, a))
		for _, b := range terms {
			ab, ba := expr.Compare(a, b), expr.Compare(b, a)
			require.Equal(t, a == b, ab == 0, "Compare(%s, %s) = %d", a, b, ab)
			require.Equal(t, sign(ab), -sign(ba), "%s vs %s", a, b)
		}
	}
	// transitivity on triples, sampled
	for j, a := range terms {
		for k := j % 7; k < len(terms); k += 7 {
			b := terms[k]
			for _, c := range terms[:100] {
				if expr.Compare(a, b) < 0 && expr.Compare(b, c) < 0 {
					require.Negative(t, expr.Compare(a, c), "%s < %s < %s", a, b, c)
				}
			}
		}
	}
}

func TestDegree(t *testing.T) {
	tests := []struct {
		in   expr.Expr
		want string
	}{
		{expr.Int(5), "0"},
		{x, "1"},
		{expr.Mul(expr.Int(3), expr.Pow(x, expr.Two), y), "3"},
		{expr.Sqrt(x), "1/2"},
		{expr.Pow(x, y), "1"},
		{expr.Mul(expr.Sqrt(expr.Two), x), "1"},
		{expr.Exp(x), "1"},
	}
	for _, tt := range tests {
		t.Run(tt.in.String(), func(t *testing.T) {
			assert.Equal(t, tt.want, expr.Degree(tt.in).RatString())
		})
	}
}
