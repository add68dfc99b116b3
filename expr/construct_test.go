package expr_test

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/expr/exprtest"
)

// TestCanonicalForms checks the light canonical form the constructors keep,
// by the plain text of what they build.
func TestCanonicalForms(t *testing.T) {
	sq := func(u expr.Expr) expr.Expr { return expr.Pow(u, expr.Two) }
	tests := []struct {
		name string
		got  expr.Expr
		want string
	}{
		// flattening and constant folding
		{"nested sum flattens", expr.Add(x, expr.Add(y, expr.Add(z, w))), "w + x + y + z"},
		{"nested product flattens", expr.Mul(x, expr.Mul(y, expr.Mul(z, w))), "w*x*y*z"},
		{"numbers fold in a sum", expr.Add(expr.Two, x, expr.Int(3)), "x + 5"},
		{"numbers fold in a product", expr.Mul(expr.Two, x, expr.Int(3)), "6*x"},
		{"fractions fold", expr.Add(expr.Half, expr.Rat(1, 3)), "5/6"},
		{"numbers only", expr.Mul(expr.Rat(2, 3), expr.Rat(3, 4)), "1/2"},

		// like terms
		{"2x + 3x", expr.Add(expr.Mul(expr.Two, x), expr.Mul(expr.Int(3), x)), "5*x"},
		{"x - x", expr.Sub(x, x), "0"},
		{"x y + y x", expr.Add(expr.Mul(x, y), expr.Mul(y, x)), "2*x*y"},
		{"like terms in nested sums", expr.Add(expr.Add(x, y), expr.Add(x, expr.Neg(y))), "2*x"},
		{"like surds", expr.Add(expr.Sqrt(expr.Two), expr.Mul(expr.Two, expr.Sqrt(expr.Two))), "3*sqrt(2)"},
		{"like calls", expr.Add(call(expr.FnSin, x), call(expr.FnSin, x)), "2*sin(x)"},

		// powers
		{"x x", expr.Mul(x, x), "x^2"},
		{"x x^2", expr.Mul(x, sq(x)), "x^3"},
		{"x^a x^b", expr.Mul(expr.Pow(x, a), expr.Pow(x, b)), "x^(a + b)"},
		{"x^a x^-a", expr.Mul(expr.Pow(x, a), expr.Pow(x, expr.Neg(a))), "1"},
		{"x / x", expr.Div(x, x), "1"},
		{"x^2 / x", expr.Div(sq(x), x), "x"},
		{"sqrt x sqrt x", expr.Mul(expr.Sqrt(x), expr.Sqrt(x)), "x"},
		{"sqrt 2 sqrt 2", expr.Mul(expr.Sqrt(expr.Two), expr.Sqrt(expr.Two)), "2"},
		{"sqrt 2 cubed", expr.Mul(expr.Sqrt(expr.Two), expr.Sqrt(expr.Two), expr.Sqrt(expr.Two)), "2*sqrt(2)"},
		{"2^x 2^y", expr.Mul(expr.Pow(expr.Two, x), expr.Pow(expr.Two, y)), "2^(x + y)"},
		{"exp(a) exp(b)", expr.Mul(expr.Exp(a), expr.Exp(b)), "exp(a + b)"},
		{"exp(x) exp(-x)", expr.Mul(expr.Exp(x), expr.Exp(expr.Neg(x))), "1"},
		{"e exp(x)", expr.Mul(expr.E, expr.Exp(x)), "exp(x + 1)"},
		{"e e", expr.Mul(expr.E, expr.E), "exp(2)"},
		{"exp(a)^b", expr.Pow(expr.Exp(a), b), "exp(a*b)"},
		{"(x^2)^3", expr.Pow(sq(x), expr.Int(3)), "x^6"},
		{"(x^a)^2", expr.Pow(expr.Pow(x, a), expr.Two), "x^(2*a)"},
		{"(x^a)^b kept", expr.Pow(expr.Pow(x, a), b), "(x^a)^b"},
		{"(x^2)^(1/2) is |x|, kept", expr.Pow(sq(x), expr.Half), "sqrt(x^2)"},
		{"(x^2)^(3/2) kept", expr.Pow(sq(x), expr.Rat(3, 2)), "(x^2)^(3/2)"},
		{"(x y)^2", expr.Pow(expr.Mul(x, y), expr.Two), "x^2*y^2"},
		{"(2 x)^2", expr.Pow(expr.Mul(expr.Two, x), expr.Two), "4*x^2"},
		{"(-x)^3", expr.Pow(expr.Neg(x), expr.Int(3)), "-x^3"},
		{"(x y)^(1/2) kept", expr.Sqrt(expr.Mul(x, y)), "sqrt(x*y)"},
		{"(x y)^-1", expr.Pow(expr.Mul(x, y), expr.MinusOne), "1/(x*y)"},

		// identities
		{"x + 0", expr.Add(x, expr.Zero), "x"},
		{"x * 1", expr.Mul(x, expr.One), "x"},
		{"x * 0", expr.Mul(x, expr.Zero, expr.Exp(y)), "0"},
		{"x^1", expr.Pow(x, expr.One), "x"},
		{"x^0", expr.Pow(x, expr.Zero), "1"},
		{"1^x", expr.Pow(expr.One, x), "1"},
		{"empty sum", expr.Add(), "0"},
		{"empty product", expr.Mul(), "1"},

		// a number distributes over a lone sum, and only then
		{"2(x + 1)", expr.Mul(expr.Two, expr.Add(x, expr.One)), "2*x + 2"},
		{"-(x - y)", expr.Neg(expr.Sub(x, y)), "y - x"},
		{"(x + 1)/2", expr.Div(expr.Add(x, expr.One), expr.Two), "x/2 + 1/2"},
		{"2 x (x + 1) not distributed", expr.Mul(expr.Two, x, expr.Add(x, expr.One)), "2*x*(x + 1)"},
		{"two sums never multiplied", expr.Mul(expr.Add(x, expr.One), expr.Add(x, expr.Two)), "(x + 1)*(x + 2)"},
		{"2 (x + 1)^2 not expanded", expr.Mul(expr.Two, sq(expr.Add(x, expr.One))), "2*(x + 1)^2"},
		{"-(x + 1) y", expr.Mul(expr.MinusOne, expr.Add(x, expr.One), y), "-y*(x + 1)"},

		// exact numeric powers
		{"sqrt(8)", expr.Sqrt(expr.Int(8)), "2*sqrt(2)"},
		{"sqrt(12)", expr.Sqrt(expr.Int(12)), "2*sqrt(3)"},
		{"sqrt(72)", expr.Sqrt(expr.Int(72)), "6*sqrt(2)"},
		{"sqrt(9)", expr.Sqrt(expr.Int(9)), "3"},
		{"sqrt(2)", expr.Sqrt(expr.Two), "sqrt(2)"},
		{"8^(2/3)", expr.Pow(expr.Int(8), expr.Rat(2, 3)), "4"},
		{"16^(1/4)", expr.Pow(expr.Int(16), expr.Rat(1, 4)), "2"},
		{"54^(1/3)", expr.Pow(expr.Int(54), expr.Rat(1, 3)), "3*2^(1/3)"},
		{"(1/4)^(1/2)", expr.Sqrt(expr.Rat(1, 4)), "1/2"},
		{"(4/9)^(3/2)", expr.Pow(expr.Rat(4, 9), expr.Rat(3, 2)), "8/27"},
		{"4^(-1/2)", expr.Pow(expr.Int(4), expr.Rat(-1, 2)), "1/2"},
		{"2^(3/2)", expr.Pow(expr.Two, expr.Rat(3, 2)), "2*sqrt(2)"},
		{"2^(-1/2)", expr.Pow(expr.Two, expr.Rat(-1, 2)), "1/sqrt(2)"},
		{"(1/2)^(1/2)", expr.Sqrt(expr.Half), "1/sqrt(2)"},
		{"(2/3)^(1/2)", expr.Sqrt(expr.Rat(2, 3)), "sqrt(2/3)"},
		{"2^10", expr.Pow(expr.Two, expr.Int(10)), "1024"},
		{"2^-3", expr.Pow(expr.Two, expr.Int(-3)), "1/8"},
		{"(-2)^3", expr.Pow(expr.Int(-2), expr.Int(3)), "-8"},
		{"(-2/3)^-2", expr.Pow(expr.Rat(-2, 3), expr.Int(-2)), "9/4"},
		{"0^2", expr.Pow(expr.Zero, expr.Two), "0"},
		{"(-8)^(1/3) kept", expr.Pow(expr.Int(-8), expr.Rat(1, 3)), "(-8)^(1/3)"},
		// roots of numbers past float64's range are exact too
		{"(2^3000)^(1/3)", expr.Pow(expr.Pow(expr.Two, expr.Int(3000)), expr.Rat(1, 3)), expr.Pow(expr.Two, expr.Int(1000)).String()},
		{"(10^-400)^(1/4)", expr.Pow(expr.Pow(expr.Int(10), expr.Int(-400)), expr.Rat(1, 4)), expr.Pow(expr.Int(10), expr.Int(-100)).String()},
		{"(3^640)^(7/64)", expr.Pow(expr.Pow(expr.Int(3), expr.Int(640)), expr.Rat(7, 64)), "2503155504993241601315571986085849"},
		{"(2^3000 + 1)^(1/3) kept", expr.Pow(expr.Add(expr.Pow(expr.Two, expr.Int(3000)), expr.One), expr.Rat(1, 3)),
			expr.Add(expr.Pow(expr.Two, expr.Int(3000)), expr.One).String() + "^(1/3)"},

		// exact trigonometry
		{"sin(0)", call(expr.FnSin, expr.Zero), "0"},
		{"sin(pi/6)", call(expr.FnSin, expr.Div(expr.Pi, expr.Int(6))), "1/2"},
		{"sin(pi/4)", call(expr.FnSin, expr.Div(expr.Pi, expr.Int(4))), "sqrt(2)/2"},
		{"sin(pi/3)", call(expr.FnSin, expr.Div(expr.Pi, expr.Int(3))), "sqrt(3)/2"},
		{"sin(pi/2)", call(expr.FnSin, expr.Div(expr.Pi, expr.Two)), "1"},
		{"sin(5pi/6)", call(expr.FnSin, expr.Mul(expr.Rat(5, 6), expr.Pi)), "1/2"},
		{"sin(pi)", call(expr.FnSin, expr.Pi), "0"},
		{"sin(7pi/6)", call(expr.FnSin, expr.Mul(expr.Rat(7, 6), expr.Pi)), "-1/2"},
		{"sin(3pi/2)", call(expr.FnSin, expr.Mul(expr.Rat(3, 2), expr.Pi)), "-1"},
		{"sin(-pi/6)", call(expr.FnSin, expr.Mul(expr.Rat(-1, 6), expr.Pi)), "-1/2"},
		{"sin(13pi/6)", call(expr.FnSin, expr.Mul(expr.Rat(13, 6), expr.Pi)), "1/2"},
		{"sin(pi/12) kept", call(expr.FnSin, expr.Div(expr.Pi, expr.Int(12))), "sin(pi/12)"},
		{"sin(pi/5) kept", call(expr.FnSin, expr.Div(expr.Pi, expr.Int(5))), "sin(pi/5)"},
		{"cos(0)", call(expr.FnCos, expr.Zero), "1"},
		{"cos(pi/6)", call(expr.FnCos, expr.Div(expr.Pi, expr.Int(6))), "sqrt(3)/2"},
		{"cos(pi/4)", call(expr.FnCos, expr.Div(expr.Pi, expr.Int(4))), "sqrt(2)/2"},
		{"cos(pi/3)", call(expr.FnCos, expr.Div(expr.Pi, expr.Int(3))), "1/2"},
		{"cos(pi/2)", call(expr.FnCos, expr.Div(expr.Pi, expr.Two)), "0"},
		{"cos(2pi/3)", call(expr.FnCos, expr.Mul(expr.Rat(2, 3), expr.Pi)), "-1/2"},
		{"cos(pi)", call(expr.FnCos, expr.Pi), "-1"},
		{"cos(-pi/3)", call(expr.FnCos, expr.Mul(expr.Rat(-1, 3), expr.Pi)), "1/2"},
		{"cos(2pi)", call(expr.FnCos, expr.Mul(expr.Two, expr.Pi)), "1"},
		{"tan(0)", call(expr.FnTan, expr.Zero), "0"},
		{"tan(pi/4)", call(expr.FnTan, expr.Div(expr.Pi, expr.Int(4))), "1"},
		{"tan(pi/3)", call(expr.FnTan, expr.Div(expr.Pi, expr.Int(3))), "sqrt(3)"},
		{"tan(pi/6)", call(expr.FnTan, expr.Div(expr.Pi, expr.Int(6))), "1/sqrt(3)"},
		{"tan(3pi/4)", call(expr.FnTan, expr.Mul(expr.Rat(3, 4), expr.Pi)), "-1"},
		{"sin(-x)", call(expr.FnSin, expr.Neg(x)), "-sin(x)"},
		{"sin(y - x)", call(expr.FnSin, expr.Sub(y, x)), "-sin(x - y)"},
		{"cos(-x)", call(expr.FnCos, expr.Neg(x)), "cos(x)"},
		{"tan(-2x)", call(expr.FnTan, expr.Mul(expr.Int(-2), x)), "-tan(2*x)"},
		{"tanh(-x)", call(expr.FnTanh, expr.Neg(x)), "-tanh(x)"},
		{"tanh(0)", call(expr.FnTanh, expr.Zero), "0"},
		{"sigmoid(0)", call(expr.FnSigmoid, expr.Zero), "1/2"},
		{"sinh(-x)", call(expr.FnSinh, expr.Neg(x)), "-sinh(x)"},
		{"sinh(0)", call(expr.FnSinh, expr.Zero), "0"},
		{"cosh(-x)", call(expr.FnCosh, expr.Neg(x)), "cosh(x)"},
		{"cosh(0)", call(expr.FnCosh, expr.Zero), "1"},

		// functions of numbers
		{"abs(-3/2)", call(expr.FnAbs, expr.Rat(-3, 2)), "3/2"},
		{"abs(-x)", call(expr.FnAbs, expr.Neg(x)), "abs(x)"},
		{"abs(abs(x))", call(expr.FnAbs, call(expr.FnAbs, x)), "abs(x)"},
		{"abs(exp(x))", call(expr.FnAbs, expr.Exp(x)), "exp(x)"},
		{"abs(pi)", call(expr.FnAbs, expr.Pi), "pi"},
		{"sign(-2)", call(expr.FnSign, expr.Int(-2)), "-1"},
		{"sign(0)", call(expr.FnSign, expr.Zero), "0"},
		{"sign(1/3)", call(expr.FnSign, expr.Rat(1, 3)), "1"},
		{"sign(-x)", call(expr.FnSign, expr.Neg(x)), "-sign(x)"},
		{"relu(-2)", call(expr.FnRelu, expr.Int(-2)), "0"},
		{"relu(3/2)", call(expr.FnRelu, expr.Rat(3, 2)), "3/2"},
		{"relu(0)", call(expr.FnRelu, expr.Zero), "0"},
		{"step(0)", call(expr.FnStep, expr.Zero), "0"},
		{"step(2)", call(expr.FnStep, expr.Two), "1"},
		{"step(-1)", call(expr.FnStep, expr.MinusOne), "0"},
		{"max of numbers", call(expr.FnMax, expr.One, expr.Int(3), expr.Two), "3"},
		{"min of numbers", call(expr.FnMin, expr.One, expr.Rat(-3, 2)), "-3/2"},
		{"max with a symbol kept", call(expr.FnMax, x, expr.One), "max(x, 1)"},
		{"factorial(0)", call(expr.FnFactorial, expr.Zero), "1"},
		{"factorial(5)", call(expr.FnFactorial, expr.Int(5)), "120"},
		{"factorial(20)", call(expr.FnFactorial, expr.Int(20)), "2432902008176640000"},
		{"factorial(1/2) kept", call(expr.FnFactorial, expr.Half), "factorial(1/2)"},
		{"lgamma(1)", call(expr.FnLgamma, expr.One), "0"},
		{"lgamma(2)", call(expr.FnLgamma, expr.Two), "0"},
		{"log(1)", expr.Log(expr.One), "0"},
		{"log(e)", expr.Log(expr.E), "1"},
		{"log(2) kept", expr.Log(expr.Two), "log(2)"},
		{"log(exp(x)) kept for simplify", expr.Log(expr.Exp(x)), "log(exp(x))"},
		{"exp(0)", expr.Exp(expr.Zero), "1"},
		{"e", expr.E, "exp(1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.got.String())
		})
	}
}

// TestConstructorInvariants checks the shapes the type comments promise.
func TestConstructorInvariants(t *testing.T) {
	for k := range 2000 {
		e := exprtest.New(uint64(k)).Expr(5)
		expr.Inspect(e, func(u expr.Expr) bool {
			switch u := u.(type) {
			case *expr.AddExpr:
				ts := u.Terms()
				require.GreaterOrEqual(t, len(ts), 2, "%s", u)
				seen := map[expr.Expr]bool{}
				for j, s := range ts {
					require.NotEqual(t, expr.KindAdd, s.Kind(), "nested sum in %s", u)
					if s.Kind() == expr.KindNumber {
						require.Equal(t, len(ts)-1, j, "number not last in %s", u)
						require.NotSame(t, expr.Zero, s, "zero term in %s", u)
					}
					_, rest := expr.SplitCoeff(s)
					require.False(t, seen[rest], "like terms not collected in %s", u)
					seen[rest] = true
				}
			case *expr.MulExpr:
				fs := u.Factors()
				require.GreaterOrEqual(t, len(fs), 2, "%s", u)
				bases := map[expr.Expr]bool{}
				for j, f := range fs {
					require.NotEqual(t, expr.KindMul, f.Kind(), "nested product in %s", u)
					if n, ok := f.(*expr.Number); ok {
						require.Equal(t, 0, j, "number not first in %s", u)
						require.False(t, n == expr.One || n == expr.Zero, "%s", u)
						continue
					}
					base, _ := expr.BaseExp(f)
					if c, ok := f.(*expr.CallExpr); ok && c.Func() == expr.FnExp {
						base = expr.E
					}
					require.False(t, bases[base], "powers of %s not merged in %s", base, u)
					bases[base] = true
				}
				if len(fs) == 2 {
					_, isNum := fs[0].(*expr.Number)
					require.False(t, isNum && fs[1].Kind() == expr.KindAdd,
						"number times a lone sum not distributed: %s", u)
				}
			case *expr.PowExpr:
				require.NotSame(t, expr.Zero, u.Exp(), "%s", u)
				require.NotSame(t, expr.One, u.Exp(), "%s", u)
				require.NotSame(t, expr.One, u.Base(), "%s", u)
			}
			return true
		})
	}
}

func TestInterning(t *testing.T) {
	tests := []struct {
		name string
		a, b expr.Expr
	}{
		{"symbols", expr.Sym("x"), x},
		{"small numbers", expr.Int(5), expr.NewNumber(big.NewRat(10, 2))},
		{"fractions", expr.Rat(2, 4), expr.Half},
		{"large numbers", expr.Int(1_000_000_007), expr.NewNumber(big.NewRat(2_000_000_014, 2))},
		{"huge numbers", expr.Pow(expr.Two, expr.Int(200)), expr.Pow(expr.Int(4), expr.Int(100))},
		{"x + y vs y + x", expr.Add(x, y), expr.Add(y, x)},
		{"sums in any order", expr.Add(x, expr.Add(y, z)), expr.Add(expr.Add(z, x), y)},
		{"a (b c) vs (a b) c", expr.Mul(a, expr.Mul(b, z)), expr.Mul(expr.Mul(a, b), z)},
		{"products in any order", expr.Mul(z, a, call(expr.FnSin, b)), expr.Mul(call(expr.FnSin, b), z, a)},
		{"powers", expr.Pow(x, y), expr.Pow(x, y)},
		{"calls", call(expr.FnSin, x), call(expr.FnSin, expr.Sym("x"))},
		{"indexed", expr.Index("x", i), expr.Index("x", expr.Sym("i"))},
		{"sums over i", expr.SumOver(expr.Index("x", i), i, expr.One, N), expr.SumOver(expr.Index("x", i), i, expr.One, N)},
		{"derivatives", expr.Diff(expr.Mul(x, y), x), expr.Diff(expr.Mul(y, x), x)},
		{"parsed", p("x*y + 2*x - 1"), p("-1 + 2x + y x")},
		{"parsed against built", p("2(x + 1)"), expr.Add(expr.Mul(expr.Two, x), expr.Two)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Same(t, tt.a, tt.b)
			assert.Equal(t, tt.a.ID(), tt.b.ID())
		})
	}
	t.Run("distinct terms differ", func(t *testing.T) {
		assert.NotSame(t, expr.Add(x, y), expr.Mul(x, y))
		assert.NotSame(t, expr.Sym("x"), expr.Sym("y"))
		assert.NotSame(t, expr.Int(2), expr.Rat(1, 2))
		assert.NotSame(t, expr.Int(-1), expr.Int(1))
		assert.NotEqual(t, expr.Int(3).ID(), expr.Int(4).ID())
	})
}

// TestInterningAnyOrder builds sums and products of random terms in every
// order and grouping, which must all give the same pointer.
func TestInterningAnyOrder(t *testing.T) {
	for k := range 500 {
		g := exprtest.New(uint64(k))
		u, v, s := g.Expr(3), g.Expr(3), g.Expr(3)
		add := expr.Add(u, v, s)
		require.Same(t, add, expr.Add(s, u, v), "%s, %s, %s", u, v, s)
		require.Same(t, add, expr.Add(v, expr.Add(s, u)), "%s, %s, %s", u, v, s)
		require.Same(t, add, expr.Add(expr.Add(u, v), s), "%s, %s, %s", u, v, s)
		mul := expr.Mul(u, v, s)
		require.Same(t, mul, expr.Mul(s, v, u), "%s, %s, %s", u, v, s)
		require.Same(t, mul, expr.Mul(v, u, s), "%s, %s, %s", u, v, s)
		if !distributes(s, u) {
			require.Same(t, mul, expr.Mul(v, expr.Mul(s, u)), "%s, %s, %s", u, v, s)
		}
		if !distributes(u, v) {
			require.Same(t, mul, expr.Mul(expr.Mul(u, v), s), "%s, %s, %s", u, v, s)
		}
	}
}

// distributes reports whether Mul(p, q) is a number distributed over a
// lone sum, after which grouping matters; see TestGroupingWithDistribution.
func distributes(p, q expr.Expr) bool {
	m := expr.Mul(p, q)
	return m.Kind() == expr.KindAdd && m != p && m != q
}

// TestGroupingWithDistribution pins down where products are not
// associative: a number meeting a lone sum is distributed at once (so that
// -(a - b) and 2(x + 1) expose like terms), and the sum then stays a sum
// when more factors come.
func TestGroupingWithDistribution(t *testing.T) {
	sum := expr.Add(y, expr.One)
	assert.Equal(t, "2*x*(y + 1)", expr.Mul(expr.Mul(x, expr.Two), sum).String())
	assert.Equal(t, "2*x*(y + 1)", expr.Mul(expr.Two, x, sum).String())
	assert.Equal(t, "x*(2*y + 2)", expr.Mul(x, expr.Mul(expr.Two, sum)).String())
}

func TestNumberLimits(t *testing.T) {
	nine := expr.Int(9)
	t.Run("9^9^9^9 stays a tower", func(t *testing.T) {
		tower := expr.Pow(nine, expr.Pow(nine, expr.Pow(nine, nine)))
		require.Equal(t, expr.KindPow, tower.Kind())
		assert.Equal(t, "9^9^387420489", tower.String())
	})
	t.Run("9^9^9 stays a power", func(t *testing.T) {
		assert.Equal(t, "9^387420489", expr.Pow(nine, expr.Pow(nine, nine)).String())
	})
	t.Run("powers fold up to MaxNumberBits", func(t *testing.T) {
		n, ok := expr.Pow(expr.Two, expr.Int(expr.MaxNumberBits/2)).(*expr.Number)
		require.True(t, ok)
		assert.LessOrEqual(t, n.Bits(), expr.MaxNumberBits)
		big := expr.Pow(expr.Two, expr.Int(expr.MaxNumberBits))
		assert.Equal(t, expr.KindPow, big.Kind())
		assert.Equal(t, expr.KindPow, expr.Pow(expr.Int(3), expr.Int(10_000)).Kind())
		assert.Equal(t, "1/3^10000", expr.Pow(expr.Rat(1, 3), expr.Int(10_000)).String())
	})
	t.Run("merged huge powers stay powers and can cancel", func(t *testing.T) {
		p := expr.Pow(expr.Two, expr.Int(10_000))
		assert.Equal(t, "2^20000", expr.Mul(p, p).String())
		assert.Same(t, expr.Two, expr.Mul(p, expr.Pow(expr.Two, expr.Int(-9_999))))
	})
	t.Run("fractional powers of huge exponents", func(t *testing.T) {
		assert.Equal(t, "2^100001", expr.Pow(expr.Int(4), expr.Rat(100_001, 2)).String())
	})
	t.Run("factorials", func(t *testing.T) {
		f, ok := call(expr.FnFactorial, expr.Int(expr.MaxFactorialArg)).(*expr.Number)
		require.True(t, ok)
		assert.LessOrEqual(t, f.Bits(), expr.MaxNumberBits)
		assert.Equal(t, "factorial(1001)", call(expr.FnFactorial, expr.Int(expr.MaxFactorialArg+1)).String())
		assert.Equal(t, "factorial(100000)", call(expr.FnFactorial, expr.Int(100_000)).String())
	})
	t.Run("every folded number is bounded", func(t *testing.T) {
		for _, e := range []expr.Expr{
			expr.Pow(expr.Int(12345), expr.Int(5000)),
			expr.Pow(expr.Rat(7, 3), expr.Int(-9000)),
			expr.Pow(expr.Int(1<<40), expr.Rat(1000, 3)),
			expr.Pow(expr.Int(-3), expr.Int(20_000)),
		} {
			expr.Inspect(e, func(u expr.Expr) bool {
				if n, ok := u.(*expr.Number); ok {
					assert.LessOrEqual(t, n.Bits(), expr.MaxNumberBits, "%s", e)
				}
				return true
			})
		}
	})
}

func TestCallArity(t *testing.T) {
	assert.Panics(t, func() { expr.Call(expr.FnSin) })
	assert.Panics(t, func() { expr.Call(expr.FnMax, x) })
	assert.NotPanics(t, func() { expr.Call(expr.FnMax, x, y, z) })
}

func TestCouldExtractMinus(t *testing.T) {
	tests := []struct {
		in   expr.Expr
		want bool
	}{
		{expr.Int(-2), true},
		{expr.Int(2), false},
		{expr.Neg(x), true},
		{expr.Mul(expr.Rat(-1, 2), x, y), true},
		{x, false},
		{expr.Sub(expr.Neg(x), y), true},
		{expr.Sub(x, y), false},
		{expr.Sub(y, x), true}, // -x + y: ties go by the first term in canonical order
		{expr.Sub(expr.One, x), true},
		{call(expr.FnSin, expr.Neg(x)), true},
	}
	for _, tt := range tests {
		t.Run(tt.in.String(), func(t *testing.T) {
			assert.Equal(t, tt.want, expr.CouldExtractMinus(tt.in))
		})
	}
}

// TestFastPathsAgree checks the shortcuts the constructors take against the
// general path: Neg against Mul(-1, x), and numbers built through int64
// arithmetic against the same values built through math/big, on both sides
// of the small range.
func TestFastPathsAgree(t *testing.T) {
	for k := range 2000 {
		e := exprtest.New(uint64(k)).Expr(4)
		require.Same(t, expr.Mul(expr.MinusOne, e), expr.Neg(e), "%s", e)
		require.Same(t, e, expr.Neg(expr.Neg(e)), "%s", e)
	}
	edge := []int64{0, 1, 2, 3, 1<<31 - 2, 1<<31 - 1, 1 << 31, 1<<31 + 1, 1 << 40, 1<<62 + 7}
	for _, a := range edge {
		for _, b := range edge {
			if b == 0 {
				continue
			}
			for _, sa := range []int64{1, -1} {
				ra := big.NewRat(sa*a, b)
				n := expr.NewNumber(ra)
				require.Same(t, n, expr.Div(expr.Int(sa*a), expr.Int(b)), "%d/%d", sa*a, b)
				require.Equal(t, ra.RatString(), n.String())
				sum := new(big.Rat).Add(ra, big.NewRat(b, 3))
				require.Same(t, expr.NewNumber(sum), expr.Add(n, expr.Rat(b, 3)), "%s + %d/3", ra, b)
				prod := new(big.Rat).Mul(ra, big.NewRat(7, b))
				require.Same(t, expr.NewNumber(prod), expr.Mul(n, expr.Rat(7, b)), "%s * 7/%d", ra, b)
				require.Same(t, expr.NewNumber(new(big.Rat).Neg(ra)), expr.Neg(n))
				f, _ := ra.Float64()
				require.Equal(t, f, n.Float())
			}
		}
	}
}

// TestMergedPowerOverAnotherBase: merging the powers of one base can give
// a power of another base that the product holds too.
func TestMergedPowerOverAnotherBase(t *testing.T) {
	r3 := expr.Sqrt(expr.Pow(x, expr.Int(3)))
	assert.Same(t, x, expr.Mul(r3, r3, expr.Pow(x, expr.Int(-2))))
	assert.Same(t, x, expr.Mul(expr.Pow(x, expr.Int(-2)), r3, r3))
	assert.Equal(t, "x^4*y", expr.Mul(r3, y, x, r3).String())
}

// TestMulOneMoreFactor: a product times one more factor, which Mul puts
// in place without collecting the product again, is the very term the
// general path builds, on random products of numbers, powers of one base
// (x^2, x^-1, sqrt(x), x^y, exp, e^x), surds, sums, calls, nested
// products and undefined terms.
func TestMulOneMoreFactor(t *testing.T) {
	x, y, z := expr.Sym("x"), expr.Sym("y"), expr.Sym("z")
	pool := []expr.Expr{
		x, y, z, expr.Int(2), expr.Int(-3), expr.Rat(1, 2), expr.Rat(-5, 7), expr.Zero, expr.MinusOne,
		expr.Pow(x, expr.Two), expr.Pow(x, expr.MinusOne), expr.Sqrt(x), expr.Pow(x, y), expr.Pow(y, expr.Rat(-2, 3)),
		expr.Sqrt(expr.Int(2)), expr.Sqrt(expr.Int(3)), expr.Pow(expr.Int(2), expr.Rat(1, 3)),
		expr.Exp(x), expr.Exp(expr.Neg(y)), expr.E, expr.Pow(expr.E, z),
		expr.Add(x, expr.One), expr.Pow(expr.Add(x, expr.One), expr.Two), expr.Call(expr.FnSin, x), expr.Call(expr.FnTanh, y),
		expr.Div(expr.One, expr.Zero),
	}
	g := exprtest.New(29)
	var factor func(depth int) expr.Expr
	factor = func(depth int) expr.Expr {
		switch k := g.R.IntN(10); {
		case k < 6:
			return pool[g.R.IntN(len(pool))]
		case k < 8 && depth > 0:
			return expr.Mul(factor(depth-1), factor(depth-1), factor(depth-1)) // a nested product
		default:
			return g.Expr(3)
		}
	}
	shortcut := 0 // cases where the shortcut can apply: a product times a non-number, non-product
	for range 20000 {
		var fs []expr.Expr
		for range 1 + g.R.IntN(20) {
			fs = append(fs, factor(2))
		}
		p, f := expr.Mul(fs...), factor(2)
		if p.Kind() == expr.KindMul && f.Kind() != expr.KindMul && f.Kind() != expr.KindNumber {
			shortcut++
		}
		require.Same(t, expr.MulCollect(p, f), expr.Mul(p, f), "(%s) * (%s)", p, f)
		require.Same(t, expr.MulCollect(f, p), expr.Mul(f, p), "(%s) * (%s)", f, p)
	}
	assert.Greater(t, shortcut, 2000)
}
