package latex

import (
	"strings"
	"testing"

	"github.com/derivtex/derivtex/expr"
	"github.com/stretchr/testify/assert"
)

// Short names for building test terms.
var (
	a, b, c   = expr.Sym("a"), expr.Sym("b"), expr.Sym("c")
	n, w, x   = expr.Sym("n"), expr.Sym("w"), expr.Sym("x")
	y, z      = expr.Sym("y"), expr.Sym("z")
	i, j, N   = expr.Sym("i"), expr.Sym("j"), expr.Sym("N")
	one, two  = expr.One, expr.Two
	add, mul  = expr.Add, expr.Mul
	pow, div  = expr.Pow, expr.Div
	neg, sub  = expr.Neg, expr.Sub
	num       = expr.Int
	rat       = expr.Rat
	xi, wi    = expr.Index("x", i), expr.Index("w", i)
	sin, cos  = fn1(expr.FnSin), fn1(expr.FnCos)
	log, expf = fn1(expr.FnLog), fn1(expr.FnExp)
)

func fn1(f *expr.Func) func(expr.Expr) expr.Expr {
	return func(x expr.Expr) expr.Expr { return expr.Call(f, x) }
}

func call(name string, args ...expr.Expr) expr.Expr {
	return expr.Call(expr.LookupFunc(name), args...)
}

type exprCase struct {
	name string
	x    expr.Expr
	opts []Option
}

// exprCases covers every node kind, the parenthesisation rules, names, and
// the options. Each renders to one line of the golden file.
func exprCases() []exprCase {
	sumXi := expr.SumOver(xi, i, one, N)
	return []exprCase{
		// atoms and numbers
		{"number/int", num(42), nil},
		{"number/negative", num(-7), nil},
		{"number/fraction", rat(1, 2), nil},
		{"number/negative-fraction", rat(-3, 4), nil},
		{"number/huge", pow(num(10), num(50)), nil},
		{"number/huge-fraction", div(one, pow(num(7), num(60))), nil},

		// sums
		{"sum/poly", add(pow(x, two), mul(two, x), one), nil},
		{"sum/minus", sub(a, b), nil},
		{"sum/minus-leading", sub(one, x), nil},
		{"sum/a-b-c", sub(sub(a, b), c), nil},
		{"sum/x-(y-z)", sub(x, sub(y, z)), nil},
		{"sum/all-negative", neg(add(x, y)), nil},
		{"sum/fraction-term", add(x, rat(1, 2)), nil},
		{"sum/negative-fraction-term", sub(x, div(y, two)), nil},

		// products
		{"product/juxtaposition", mul(two, w, x), nil},
		{"product/x/2", div(x, two), nil},
		{"product/1/(x y)", div(one, mul(x, y)), nil},
		{"product/a/b/c", div(div(a, b), c), nil},
		{"product/coefficient-fraction", mul(rat(3, 4), x, y), nil},
		{"product/minus", neg(x), nil},
		{"product/minus-fraction", neg(div(x, two)), nil},
		{"product/2sqrt2", expr.Sqrt(num(8)), nil},
		{"product/sqrt2/2", div(expr.Sqrt(two), two), nil},
		{"product/root-thin-space", mul(expr.Sqrt(two), x), nil},
		{"product/roots-thin-space", mul(num(3), expr.Sqrt(two), pow(x, rat(1, 3)), y), nil},
		{"product/number-power-factor", mul(two, pow(num(3), x)), nil},
		{"product/sum-factor", mul(x, add(y, one)), nil},
		{"product/two-sums", mul(add(x, one), sub(x, one)), nil},
		{"product/minus-sum-factor", neg(mul(y, add(x, one))), nil},
		{"product/sum-over-sum", div(add(x, one), add(y, one)), nil},
		{"product/negative-power", pow(x, num(-2)), nil},
		{"product/quotient-of-powers", div(pow(x, two), pow(y, num(3))), nil},

		// powers
		{"power/(a+b)^2", pow(add(a, b), two), nil},
		{"power/a^b^c", pow(a, pow(b, c)), nil},
		{"power/(a^b)^c", pow(pow(a, b), c), nil},
		{"power/(-2)^x", pow(num(-2), x), nil},
		{"power/-x^2", neg(pow(x, two)), nil},
		{"power/(-x)^y", pow(neg(x), y), nil},
		{"power/(ab)^c", pow(mul(a, b), c), nil},
		{"power/(x/y)^z", pow(div(x, y), z), nil},
		{"power/(1/2)^x", pow(rat(1, 2), x), nil},
		{"power/symbolic-negative", pow(x, neg(y)), nil},
		{"power/sum-exponent", pow(x, add(y, one)), nil},
		{"power/sqrt", expr.Sqrt(x), nil},
		{"power/sqrt-sum", expr.Sqrt(add(x, one)), nil},
		{"power/cube-root", pow(x, rat(1, 3)), nil},
		{"power/three-halves", pow(x, rat(3, 2)), nil},
		{"power/two-thirds", pow(x, rat(2, 3)), nil},
		{"power/inverse-sqrt", pow(add(x, one), rat(-1, 2)), nil},
		{"power/indexed-base", pow(xi, two), nil},

		// functions
		{"func/exp", expf(x), nil},
		{"func/e", expr.E, nil},
		{"func/exp-sum", expf(add(x, one)), nil},
		{"func/exp-negative", expf(neg(mul(x, w, y))), nil},
		{"func/log-symbol", log(w), nil},
		{"func/log-indexed", log(xi), nil},
		{"func/log-number", log(two), nil},
		{"func/log-fraction", log(rat(1, 3)), nil},
		{"func/log-product", log(mul(x, w)), nil},
		{"func/log-squared", pow(log(w), two), nil},
		{"func/log-then-sum", mul(log(w), add(w, one)), nil},
		{"func/log-after-symbol", mul(x, log(w)), nil},
		{"func/log-then-sin", mul(log(x), sin(x)), nil},
		{"func/sin", sin(x), nil},
		{"func/sin-squared", pow(sin(x), two), nil},
		{"func/sin-sum-squared", pow(sin(add(x, one)), two), nil},
		{"func/cos-cubed-factor", mul(y, pow(cos(x), num(3))), nil},
		{"func/sin-cos", mul(sin(x), cos(x)), nil},
		{"func/sin-over-cos-squared", div(sin(x), pow(cos(x), two)), nil},
		{"func/sin-three-halves", pow(sin(x), rat(3, 2)), nil},
		{"func/sin-sin", sin(sin(w)), nil},
		{"func/tan", call("tan", x), nil},
		{"func/tanh-squared", pow(call("tanh", x), two), nil},
		{"func/sinh", call("sinh", x), nil},
		{"func/cosh-squared", pow(call("cosh", x), two), nil},
		{"func/sigmoid", call("sigmoid", x), nil},
		{"func/sigmoid-squared", pow(call("sigmoid", x), two), nil},
		{"func/relu", call("relu", sub(mul(w, x), y)), nil},
		{"func/step", call("step", x), nil},
		{"func/abs", call("abs", sub(mul(w, x), y)), nil},
		{"func/abs-squared", pow(call("abs", x), two), nil},
		{"func/sign", call("sign", x), nil},
		{"func/max", call("max", a, b), nil},
		{"func/min", call("min", a, b, c), nil},
		{"func/factorial", call("factorial", n), nil},
		{"func/factorial-sum", call("factorial", add(n, one)), nil},
		{"func/factorial-factorial", call("factorial", call("factorial", n)), nil},
		{"func/factorial-power", call("factorial", pow(n, two)), nil},
		{"func/factorial-squared", pow(call("factorial", n), two), nil},
		{"func/lgamma", call("lgamma", x), nil},
		{"func/digamma", call("polygamma", expr.Zero, x), nil},
		{"func/polygamma", call("polygamma", one, x), nil},
		{"func/polygamma-n", call("polygamma", n, add(x, one)), nil},

		// names
		{"name/greek", mul(expr.Sym("alpha"), expr.Sym("beta")), nil},
		{"name/capital-greek", add(expr.Sym("Sigma"), expr.Sym("Omega")), nil},
		{"name/capital-latin-looking", expr.Sym("Alpha"), nil},
		{"name/pi", mul(two, expr.Pi), nil},
		{"name/digit-suffix", add(expr.Sym("w1"), expr.Sym("W12")), nil},
		{"name/underscore", mul(expr.Sym("w_1"), expr.Sym("x_i")), nil},
		{"name/greek-subscript", add(expr.Sym("alpha1"), expr.Sym("alpha_i"), expr.Sym("x_alpha")), nil},
		{"name/word", expr.Sym("loss"), nil},
		{"name/word-subscript", expr.Sym("x_max"), nil},
		// Words are labels, upright; letters and letters with digits are
		// indices, italic.
		{"name/label-subscripts", mul(expr.Sym("W_out"), expr.Sym("b_in"), expr.Sym("x_ij"), expr.Sym("W_h1"), expr.Sym("sigma_noise")), nil},
		{"name/two-subscripts", expr.Sym("W1_j"), nil},
		{"name/unicode-greek", expr.Sym("λ"), nil},
		{"name/escape", add(expr.Sym(`a}\b$`), expr.Sym("c#_%d"), expr.Sym("x^2~")), nil},
		{"name/escape-unicode", expr.Sym("naïve"), nil},
		{"name/trailing-underscore", expr.Sym("x_"), nil},

		// indexed
		{"indexed/vector", xi, nil},
		{"indexed/matrix", expr.Index("W", i, j), nil},
		{"indexed/greek", expr.Index("alpha", i), nil},
		{"indexed/subscripted-name", expr.Index("w1", i), nil},
		{"indexed/sum-index", expr.Index("x", add(i, one)), nil},

		// indexed sums and products
		{"bigop/sum", sumXi, nil},
		{"bigop/weighted", expr.SumOver(mul(wi, xi), i, one, N), nil},
		{"bigop/sum-body", expr.SumOver(add(xi, one), i, one, N), nil},
		{"bigop/negative-body", expr.SumOver(neg(xi), i, one, N), nil},
		{"bigop/prod", expr.ProdOver(xi, i, one, N), nil},
		{"bigop/squared", pow(sumXi, two), nil},
		{"bigop/factor-then-log", mul(y, sumXi, log(w)), nil},
		{"bigop/last-factor", mul(two, sumXi), nil},
		{"bigop/nested", expr.SumOver(expr.SumOver(expr.Index("W", i, j), j, one, N), i, one, N), nil},
		{"bigop/in-sum", add(sumXi, y), nil},
		{"bigop/minus", neg(sumXi), nil},

		// derivatives
		{"diff/symbol", expr.Diff(x, w), nil},
		{"diff/indexed", expr.Diff(xi, expr.Index("w", j)), nil},
		{"diff/power", expr.Diff(pow(w, two), w), nil},
		{"diff/product", expr.Diff(mul(w, x), w), nil},
		{"diff/sum", expr.Diff(add(w, x), w), nil},
		{"diff/call", expr.Diff(sin(w), w), nil},
		{"diff/two-factors", mul(expr.Diff(sin(w), w), expr.Diff(cos(w), w)), nil},
		{"diff/squared", pow(expr.Diff(sin(w), w), two), nil},
		{"diff/ordinary", expr.Diff(pow(x, two), x), []Option{Ordinary(true)}},
		{"diff/ordinary-symbol", expr.Diff(y, x), []Option{Ordinary(true)}},
		{"diff/ordinary-two-variables", expr.Diff(mul(x, w), w), []Option{Ordinary(true)}},

		// options
		{"subst/numbers-in", add(mul(x, sin(a)), mul(y, sin(b))),
			[]Option{WithSubst(map[expr.Expr]expr.Expr{a: div(expr.Pi, two), b: expr.Pi, x: two, y: one})}},
		{"subst/two-numbers", mul(x, y), []Option{WithSubst(map[expr.Expr]expr.Expr{x: two, y: num(3)})}},
		{"subst/negative-factor", mul(x, y), []Option{WithSubst(map[expr.Expr]expr.Expr{x: num(-2), y: num(3)})}},
		{"subst/fraction-factor", mul(x, y), []Option{WithSubst(map[expr.Expr]expr.Expr{x: rat(1, 2), y: num(3)})}},
		{"subst/negative-base", pow(x, two), []Option{WithSubst(map[expr.Expr]expr.Expr{x: num(-3)})}},
		{"subst/minus-negative", sub(x, y), []Option{WithSubst(map[expr.Expr]expr.Expr{y: num(-3)})}},
		{"subst/sum-into-product", mul(two, x), []Option{WithSubst(map[expr.Expr]expr.Expr{x: add(y, one)})}},
		{"subst/log-number", log(w), []Option{WithSubst(map[expr.Expr]expr.Expr{w: two})}},
		{"subst/not-again", add(x, y), []Option{WithSubst(map[expr.Expr]expr.Expr{x: y, y: two})}},
		{"subst/bound-index", expr.SumOver(mul(i, xi), i, one, N), []Option{WithSubst(map[expr.Expr]expr.Expr{i: two, N: num(3)})}},
		{"subst/indexed", mul(wi, expr.Index("x", one)), []Option{WithSubst(map[expr.Expr]expr.Expr{expr.Index("x", one): num(5)})}},
		{"names/override", add(mul(w, x), wi), []Option{WithNames(map[string]string{"w": `\mathbf{w}`})}},
		{"names/override-power", pow(w, two), []Option{WithNames(map[string]string{"w": `w^{*}`})}},
	}
}

func TestExprGolden(t *testing.T) {
	var got []golden
	for _, tc := range exprCases() {
		got = append(got, golden{tc.name, expr.Plain(tc.x), Expr(tc.x, tc.opts...)})
	}
	checkGolden(t, "expr", got)
}

// TestFormsCoverTable fails when expr's function table gains a function
// this package has no form for.
func TestFormsCoverTable(t *testing.T) {
	for _, f := range expr.Funcs {
		assert.Contains(t, forms, f.Name)
	}
}

// TestNamesCannotInject checks that no name, however hostile, leaves a
// TeX special character unescaped.
func TestNamesCannotInject(t *testing.T) {
	for _, name := range []string{`\input{/etc/passwd}`, `}$\def\x{`, "a b", "%comment", "x^^5c", "\x00\x1b", `\\`} {
		got := Expr(expr.Sym(name))
		stripped := strings.NewReplacer(`\mathrm{`, "", `\backslash{}`, "", `\{`, "", `\}`, "", `\$`, "",
			`\%`, "", `\#`, "", `\&`, "", `\_`, "", `\hat{}`, "", `\sim{}`, "", `\ `, "").Replace(got)
		stripped = strings.TrimSuffix(stripped, "}")
		assert.NotContainsf(t, stripped, `\`, "%q rendered as %s", name, got)
		for _, special := range []string{"{", "}", "$", "%", "#", "&", "^", "~", "_"} {
			assert.NotContainsf(t, stripped, special, "%q rendered as %s", name, got)
		}
	}
}

// TestPowersOfTen: a long integer written with a power of ten is a
// product or a power, parenthesised where a number would not be.
func TestPowersOfTen(t *testing.T) {
	big := mul(num(3), pow(num(10), num(30)))
	assert.Equal(t, `3 \cdot 10^{30}`, Expr(big))
	assert.Equal(t, `y \sin\mathopen{}\left(3 \cdot 10^{30}\right)`, Expr(mul(y, sin(big))))
	assert.Equal(t, `\left(3 \cdot 10^{30}\right)^{x}`, Expr(pow(big, x)))
	assert.Equal(t, `\frac{x}{10^{40}}`, Expr(div(x, pow(num(10), num(40)))))
	assert.Equal(t, `\sin 7`, Expr(sin(num(7))))
}
