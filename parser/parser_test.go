package parser

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
)

var (
	a, b, c = expr.Sym("a"), expr.Sym("b"), expr.Sym("c")
	x, y, w = expr.Sym("x"), expr.Sym("y"), expr.Sym("w")
	i, j, n = expr.Sym("i"), expr.Sym("j"), expr.Sym("N")
)

func abs(x expr.Expr) expr.Expr { return expr.Call(expr.FnAbs, x) }

// TestParse compares parsed terms with terms built by expr's constructors:
// the same pointer, since terms are interned, and the same print, which
// is what a failure shows.
func TestParse(t *testing.T) {
	tests := []struct {
		src  string
		want expr.Expr
	}{
		// Associativity: the right operand of a left-associative operator
		// binds tighter, ^ groups to the right.
		{"a - b - c", expr.Sub(expr.Sub(a, b), c)},
		{"a / b / c", expr.Div(expr.Div(a, b), c)},
		{"a ^ b ^ c", expr.Pow(a, expr.Pow(b, c))},
		{"(a ^ b) ^ c", expr.Pow(expr.Pow(a, b), c)},
		{"a - (b - c)", expr.Sub(a, expr.Sub(b, c))},
		{"a / (b / c)", expr.Div(a, expr.Div(b, c))},
		{"a - b + c", expr.Add(expr.Sub(a, b), c)},
		{"a / b * c", expr.Mul(expr.Div(a, b), c)},
		// Precedence, unary minus between * and ^.
		{"-x^2", expr.Neg(expr.Pow(x, expr.Two))},
		{"(-x)^2", expr.Pow(expr.Neg(x), expr.Two)},
		{"2^-x", expr.Pow(expr.Two, expr.Neg(x))},
		{"2^-x^2", expr.Pow(expr.Two, expr.Neg(expr.Pow(x, expr.Two)))},
		{"2^-x*y", expr.Mul(expr.Pow(expr.Two, expr.Neg(x)), y)},
		{"-a b", expr.Mul(expr.Neg(a), b)},
		{"a - -b", expr.Add(a, b)},
		{"--a", a},
		{"a + b*c", expr.Add(a, expr.Mul(b, c))},
		{"a*b + c", expr.Add(expr.Mul(a, b), c)},
		{"a*b^c", expr.Mul(a, expr.Pow(b, c))},
		// Juxtaposition is * at the same precedence, left-associative.
		{"x w exp(-x w y)", expr.Mul(x, w, expr.Exp(expr.Neg(expr.Mul(x, w, y))))},
		{"1/2 exp(x)", expr.Mul(expr.Half, expr.Exp(x))},
		{"2x^2", expr.Mul(expr.Two, expr.Pow(x, expr.Two))},
		{"a/b c", expr.Mul(expr.Div(a, b), c)},
		{"x (y + 1)", expr.Mul(x, expr.Add(y, expr.One))},
		{"2(x + 1)", expr.Add(expr.Mul(expr.Two, x), expr.Two)},
		{"(a)(b)", expr.Mul(a, b)},
		{"2exp(x)", expr.Mul(expr.Two, expr.Exp(x))},
		// Abs bars.
		{"1/2 exp(-|w x + b - y|)", expr.Mul(expr.Half, expr.Exp(expr.Neg(abs(expr.Sub(expr.Add(expr.Mul(w, x), b), y)))))},
		{"|a| |b|", expr.Mul(abs(a), abs(b))},
		{"|a*|b|*c|", abs(expr.Mul(a, abs(b), c))},
		{"|a |b| c|", expr.Mul(abs(a), b, abs(c))},
		{"|(a |b|)|", abs(expr.Mul(a, abs(b)))},
		{"||a||", abs(a)},
		{"|x - y|^2", expr.Pow(abs(expr.Sub(x, y)), expr.Two)},
		// Indexing, calls and special forms.
		{"x[i]", expr.Index("x", i)},
		{"W[i, j]", expr.Index("W", i, j)},
		{"x[i + 1]^2", expr.Pow(expr.Index("x", expr.Add(i, expr.One)), expr.Two)},
		{"sum(x[i] y[i], i, 1, N)", expr.SumOver(expr.Mul(expr.Index("x", i), expr.Index("y", i)), i, expr.One, n)},
		{"prod(x[i], i, 1, N)", expr.ProdOver(expr.Index("x", i), i, expr.One, n)},
		{"diff(x^2, x)", expr.Diff(expr.Pow(x, expr.Two), x)},
		{"diff(w[i] x, w[i])", expr.Diff(expr.Mul(expr.Index("w", i), x), expr.Index("w", i))},
		{"ln(x)", expr.Log(x)},
		{"log (x)", expr.Log(x)},
		{"sqrt(x)", expr.Sqrt(x)},
		{"max(a, b, c)", expr.Call(expr.FnMax, a, b, c)},
		{"polygamma(1, x)", expr.Call(expr.FnPolygamma, expr.One, x)},
		{"sigmoid(w x + b)", expr.Call(expr.FnSigmoid, expr.Add(expr.Mul(w, x), b))},
		// Numbers and constants.
		{"0.25", expr.Rat(1, 4)},
		{".5", expr.Half},
		{"5.", expr.Int(5)},
		{"5. x", expr.Mul(expr.Int(5), x)},
		{"(5.)", expr.Int(5)},
		{"5.+1", expr.Int(6)},
		{"x^2.", expr.Pow(x, expr.Two)},
		{"max(1., 2.)", expr.Two},
		{"1e-3", expr.Rat(1, 1000)},
		{"2.5E2", expr.Int(250)},
		{"007", expr.Int(7)},
		{"2^3", expr.Int(8)},
		{"pi", expr.Pi},
		{"e", expr.E},
		{"e^x", expr.Exp(x)},
		{"2e", expr.Mul(expr.Two, expr.E)},
		{"e[i]", expr.Index("e", i)},
		{"alpha x_1", expr.Mul(expr.Sym("alpha"), expr.Sym("x_1"))},
		{"9^9^9^9", expr.Pow(expr.Int(9), expr.Pow(expr.Int(9), expr.Int(387420489)))},
		// The printer's idioms, read factor by factor.
		{"-(x + 1)*y", expr.Mul(expr.MinusOne, expr.Add(x, expr.One), y)},
		{"1/(3*(x - 1))", expr.Mul(expr.Rat(1, 3), expr.Pow(expr.Sub(x, expr.One), expr.MinusOne))},
		{"a/(b/c)", expr.Mul(a, expr.Pow(b, expr.MinusOne), c)},
		// Whitespace, including line breaks.
		{" x +\n\ty ", expr.Add(x, y)},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			got, err := Parse(tt.src)
			require.NoError(t, err)
			require.Equal(t, tt.want.String(), got.String())
			assert.True(t, tt.want == got, "same print, different term")
		})
	}
}

func TestParseEquation(t *testing.T) {
	lhs, rhs, err := ParseEquation("diff(x^2, x) = 2x")
	require.NoError(t, err)
	assert.Equal(t, expr.Diff(expr.Pow(x, expr.Two), x), lhs)
	assert.Equal(t, expr.Mul(expr.Two, x), rhs)

	for _, tt := range []struct{ src, want string }{
		{"x + 1", `1:6: unexpected end of input, expected "="`},
		{"x = y = z", `1:7: unexpected "="`},
		{"= y", `1:1: unexpected "="`},
		{"x =", `1:4: unexpected end of input, expected an operand`},
		{"x = foo(y)", `1:5: unknown function "foo"`},
	} {
		t.Run(tt.src, func(t *testing.T) {
			_, _, err := ParseEquation(tt.src)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

// TestConcurrentParse runs the parsers from several goroutines: they are
// built once and only read afterwards (run with -race to check).
func TestConcurrentParse(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				_, err := ParseDensity("p(y | x; w, b) = 1/2 exp(-|w x + b - y|)")
				assert.NoError(t, err)
				_, err = Parse("x +")
				assert.Error(t, err)
			}
		})
	}
	wg.Wait()
}
