package expr_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/expr/exprtest"
	"github.com/derivtex/derivtex/parser"
)

func TestPlain(t *testing.T) {
	xi := expr.Index("x", i)
	tests := []struct {
		name string
		in   expr.Expr
		want string
	}{
		{"-x^2", expr.Neg(expr.Pow(x, expr.Two)), "-x^2"},
		{"(-x)^y", expr.Pow(expr.Neg(x), y), "(-x)^y"},
		{"(-2)^x", expr.Pow(expr.Int(-2), x), "(-2)^x"},
		{"(-1/2)^x", expr.Pow(expr.Rat(-1, 2), x), "(-1/2)^x"},
		{"(1/2)^x", expr.Pow(expr.Half, x), "(1/2)^x"},
		{"(2x)^y", expr.Pow(expr.Mul(expr.Two, x), y), "(2*x)^y"},
		{"(x^a)^b", expr.Pow(expr.Pow(x, a), b), "(x^a)^b"},
		{"x^y^z", expr.Pow(x, expr.Pow(y, z)), "x^y^z"},
		{"x^(-y)", expr.Pow(x, expr.Neg(y)), "x^(-y)"},
		{"x^(y + 1)", expr.Pow(x, expr.Add(y, expr.One)), "x^(y + 1)"},
		{"x^(y*z)", expr.Pow(x, expr.Mul(y, z)), "x^(y*z)"},
		{"x^(1/3)", expr.Pow(x, expr.Rat(1, 3)), "x^(1/3)"},
		{"x^(3/2)", expr.Pow(x, expr.Rat(3, 2)), "x^(3/2)"},
		{"x^-1", expr.Pow(x, expr.MinusOne), "1/x"},
		{"x^-2", expr.Pow(x, expr.Int(-2)), "1/x^2"},
		{"x^(-1/2)", expr.Pow(x, expr.Rat(-1, 2)), "1/sqrt(x)"},
		{"x^(-3/2)", expr.Pow(x, expr.Rat(-3, 2)), "1/x^(3/2)"},
		{"sqrt(x)^y", expr.Pow(expr.Sqrt(x), y), "sqrt(x)^y"},
		{"(x^(1/3))^y", expr.Pow(expr.Pow(x, expr.Rat(1, 3)), y), "(x^(1/3))^y"},
		{"(x + 1)^2", expr.Pow(expr.Add(x, expr.One), expr.Two), "(x + 1)^2"},
		{"1/(x*y)", expr.Div(expr.One, expr.Mul(x, y)), "1/(x*y)"},
		{"x/2", expr.Div(x, expr.Two), "x/2"},
		{"-x/2", expr.Mul(expr.Rat(-1, 2), x), "-x/2"},
		{"y/x", expr.Div(y, x), "y/x"},
		{"3/(2x)", expr.Div(expr.Int(3), expr.Mul(expr.Two, x)), "3/(2*x)"},
		{"-1/x", expr.Neg(expr.Pow(x, expr.MinusOne)), "-1/x"},
		{"-1/x^2", expr.Neg(expr.Pow(x, expr.Int(-2))), "-1/x^2"},
		{"-x/(y + 1)", expr.Neg(expr.Div(x, expr.Add(y, expr.One))), "-x/(y + 1)"},
		{"(x + 1)/(x - 1)", expr.Div(expr.Add(x, expr.One), expr.Sub(x, expr.One)), "(x + 1)/(x - 1)"},
		{"nested fraction", expr.Div(expr.One, expr.Add(expr.Div(expr.One, x), expr.One)), "1/(1/x + 1)"},
		{"x/sqrt(2)", expr.Div(x, expr.Sqrt(expr.Two)), "x/sqrt(2)"},
		{"sqrt(2)/3", expr.Div(expr.Sqrt(expr.Two), expr.Int(3)), "sqrt(2)/3"},
		{"-(x + 1) y", p("-(x + 1)*y"), "-y*(x + 1)"},
		{"-(x + 1)/y", p("-(x + 1)/y"), "-(x + 1)/y"},
		{"-sin(x)", expr.Neg(call(expr.FnSin, x)), "-sin(x)"},
		{"-2x", expr.Mul(expr.Int(-2), x), "-2*x"},
		{"x - 1/2", expr.Sub(x, expr.Half), "x - 1/2"},
		{"x - 2y", expr.Sub(x, expr.Mul(expr.Two, y)), "x - 2*y"},
		{"x - y/2", expr.Sub(x, expr.Div(y, expr.Two)), "x - y/2"},
		{"x + (-y)^z", expr.Add(x, expr.Pow(expr.Neg(y), z)), "x + (-y)^z"},
		{"negative number", expr.Rat(-3, 4), "-3/4"},
		{"x - (-2)^y", expr.Sub(x, expr.Pow(expr.Int(-2), y)), "x - (-2)^y"},
		{"a - (b - c)", expr.Sub(a, expr.Mul(b, expr.Sub(y, z))), "a - b*(y - z)"},
		{"indexed", expr.Index("W", i, expr.Add(expr.Sym("j"), expr.One)), "W[i, j + 1]"},
		{"sum", expr.SumOver(expr.Pow(xi, expr.Two), i, expr.One, N), "sum(x[i]^2, i, 1, N)"},
		{"prod", expr.ProdOver(xi, i, expr.One, N), "prod(x[i], i, 1, N)"},
		{"diff", expr.Diff(expr.Pow(x, expr.Two), x), "diff(x^2, x)"},
		{"max", call(expr.FnMax, x, y, z), "max(x, y, z)"},
		{"pi", expr.Mul(expr.Two, expr.Pi), "2*pi"},
		{"a power of ten", p("10^400"), "10^400"},
		{"a few digits and zeros", p("-37*10^30"), "-37*10^30"},
		{"its reciprocal", p("1/(3*10^30)"), "1/(3*10^30)"},
		{"over a power of ten", p("7/10^25"), "7/10^25"},
		{"a power of a power of ten", expr.Pow(p("10^400"), x), "(10^400)^x"},
		{"times a power of ten", expr.Pow(p("3*10^30"), x), "(3*10^30)^x"},
		{"a power of ten as an exponent", expr.Pow(x, p("10^30")), "x^10^30"},
		{"short enough to write out", p("10^20"), "100000000000000000000"},
		{"too many digits before the zeros", p("1234567*10^30"), "1234567000000000000000000000000000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, tt.in.String())
			back, err := parser.Parse(tt.want)
			require.NoError(t, err)
			assert.Same(t, tt.in, back, "%s read back as %s", tt.want, back)
		})
	}
}

// TestPlainRoundTrip prints random terms and reads them back to the very
// same pointer.
func TestPlainRoundTrip(t *testing.T) {
	g := exprtest.New(7)
	g.Syms = append(g.Syms, "w2", "alpha")
	g.Funcs = append(g.Funcs, expr.FnSign, expr.FnStep, expr.FnFactorial, expr.FnLgamma)
	for k := range 5000 {
		want := g.Expr(5)
		switch k % 10 {
		case 0:
			want = expr.Pow(want, g.Expr(2)) // symbolic and negative-number exponents
		case 1:
			want = expr.Pow(expr.Rat(int64(k%7)-3, int64(k%4)+1), g.Expr(2)) // numbers as bases
		case 2:
			want = expr.Pow(want, expr.Rat(int64(k%9)-4, int64(k%5)+2)) // rational exponents
		case 3:
			want = expr.Neg(want)
		case 4:
			want = expr.Div(g.Expr(3), expr.Div(g.Expr(3), g.Expr(3)))
		}
		if expr.IsUndefined(want) {
			continue // 0^(-1): the parser refuses it
		}
		src := want.String()
		got, err := parser.Parse(src)
		require.NoError(t, err, "case %d: %s", k, src)
		require.Same(t, want, got, "case %d: %s read back as %s", k, src, got)
	}
}
