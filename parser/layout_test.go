package parser_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser"
)

// TestLayoutAsWritten: the input printed as written is the author's text,
// in the printers' conventions (* for juxtaposition in plain syntax), in
// plain syntax and in LaTeX, whatever the constructors made of it.
func TestLayoutAsWritten(t *testing.T) {
	tests := []struct{ src, plain, tex string }{
		{"log(exp(w x)/exp(b))", "log(exp(w*x)/exp(b))", `\log\mathopen{}\left(\frac{\exp\mathopen{}\left(w x\right)}{\exp\mathopen{}\left(b\right)}\right)`},
		{"1/(1 + exp(-x))", "1/(1 + exp(-x))", `\frac{1}{1 + \exp\mathopen{}\left(-x\right)}`},
		{"(1 - y) log(1 - p)", "(1 - y)*log(1 - p)", `\left(1 - y\right) \log\mathopen{}\left(1 - p\right)`},
		{"-(y log(p) + (1 - y) log(1 - p))", "-(y*log(p) + (1 - y)*log(1 - p))", `-\left(y \log p + \left(1 - y\right) \log\mathopen{}\left(1 - p\right)\right)`},
		{"w - eta g", "w - eta*g", `w - \eta g`},
		{"0.5 x^2", "0.5*x^2", `0.5 x^{2}`},
		{"x + 1e-3", "x + 1e-3", `x + 10^{-3}`},
		{"x x + 2*3", "x*x + 2*3", `x x + 2 \cdot 3`},
		{"(x^2)^3", "(x^2)^3", `\left(x^{2}\right)^{3}`},
		{"b + w x", "b + w*x", `b + w x`},
		{"a - (b + c)", "a - (b + c)", `a - \left(b + c\right)`},
		{"-(-(x + 1))", "-(-(x + 1))", `-\left(-\left(x + 1\right)\right)`},
		{"sqrt(4) + x^2 + abs(-3) y", "sqrt(4) + x^2 + abs(-3)*y", `\sqrt{4} + x^{2} + \left|-3\right| y`},
		{"x x/x + exp(x)^2/exp(x)", "x*x/x + exp(x)^2/exp(x)", `\frac{x x}{x} + \frac{\left(\exp\mathopen{}\left(x\right)\right)^{2}}{\exp\mathopen{}\left(x\right)}`},
		{"W_out h + b_out", "W_out*h + b_out", `W_{\mathrm{out}} h + b_{\mathrm{out}}`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			x, _, l, err := parser.ParseLayout("", tt.src)
			require.NoError(t, err)
			assert.Equal(t, tt.plain, expr.PlainLayout(x, l, true, nil, nil))
			assert.Equal(t, tt.tex, latex.Expr(x, latex.WithLayout(l), latex.Written(true)))
			y, err := parser.Parse(tt.plain)
			require.NoError(t, err)
			assert.Same(t, x, y, "the written line reads back to the input's term")
		})
	}
}

// TestLayoutRewrite: the step from the input as written to the term the
// engine works on is shown, and labelled by what the constructors did,
// only when the two read differently.
func TestLayoutRewrite(t *testing.T) {
	tests := []struct {
		src    string
		titles []string // nil: no step
	}{
		{"log(exp(w x)/exp(b))", []string{"law of exponents"}},
		{"-(y log(p) + (1 - y) log(1 - p))", []string{"distributing the minus sign"}},
		{"x x + x", []string{"product of powers"}},
		{"x + 2 x", []string{"collecting like terms"}},
		{"0.5 x", []string{"decimals as exact fractions"}},
		{"(x^2)^3", []string{"power of a power"}},
		{"1/(1 + exp(-x))", nil},
		{"(1 - y) log(1 - p)", nil},
		{"-2 x", nil},
		{"w - eta g", nil},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			x, _, l, err := parser.ParseLayout("", tt.src)
			require.NoError(t, err)
			titles, ok := l.Rewrite(x)
			assert.Equal(t, tt.titles != nil, ok)
			assert.Equal(t, tt.titles, titles)
		})
	}
}

// TestLayoutKeepsOrder: a sum or product the author wrote prints in the
// author's order wherever it occurs, also inside terms the parser never
// built, and new sums order their terms by where their pieces were
// written.
func TestLayoutKeepsOrder(t *testing.T) {
	x, _, l, err := parser.ParseLayout("", "(1 + exp(-x)) (1 - y) log(b + w x)")
	require.NoError(t, err)
	sum := expr.Add(expr.One, expr.Exp(expr.Neg(expr.Sym("x"))))
	other := expr.Mul(expr.Pow(sum, expr.Int(-2)), expr.Sym("z"), expr.Log(expr.Add(expr.Sym("b"), expr.Mul(expr.Sym("w"), expr.Sym("x")))))
	assert.Equal(t, "z*log(b + w*x)/(1 + exp(-x))^2", expr.PlainLayout(other, l, false, nil, nil))
	assert.Equal(t, "(1 + exp(-x))*(1 - y)*log(b + w*x)", expr.PlainLayout(x, l, false, nil, nil))
	// A new sum of two pieces the author wrote, in the order written.
	fresh := expr.Add(expr.Log(expr.Add(expr.Sym("b"), expr.Mul(expr.Sym("w"), expr.Sym("x")))), expr.Pow(sum, expr.Int(2)))
	assert.Equal(t, "(1 + exp(-x))^2 + log(b + w*x)", expr.PlainLayout(fresh, l, false, nil, nil))
	fresh = expr.Add(expr.Log(expr.Add(expr.Sym("b"), expr.Mul(expr.Sym("w"), expr.Sym("x")))), expr.Pow(expr.Sym("y"), expr.Int(2)), expr.Pow(sum, expr.Int(2)))
	assert.Equal(t, "y^2 + (1 + exp(-x))^2 + log(b + w*x)", expr.PlainLayout(fresh, l, false, nil, nil), "y^2 keeps its place")
}

// TestLayoutReadsBack is the property behind the first line: for random
// texts, the input as written and the term in display order both read
// back to the very term the input builds, and the LaTeX printers write
// both without failing.
func TestLayoutReadsBack(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 1))
	for range 3000 {
		src := randomText(r, 4)
		x, _, l, err := parser.ParseLayout("", src)
		if err != nil {
			continue // 0/0, log(0) and other undefined values
		}
		y, err := parser.Parse(src)
		require.NoError(t, err)
		require.Same(t, y, x, "%q: ParseLayout and Parse disagree", src)
		for _, written := range []bool{true, false} {
			printed := expr.PlainLayout(x, l, written, nil, nil)
			z, err := parser.Parse(printed)
			require.NoError(t, err, "%q printed as %q", src, printed)
			require.Same(t, x, z, "%q printed as %q (written %v), which reads back as %s", src, printed, written, z)
		}
		_ = latex.Expr(x, latex.WithLayout(l), latex.Written(true))
		_ = latex.Expr(x, latex.WithLayout(l))
	}
}

// randomText draws a term as a person might type it: juxtaposition,
// decimals, unary minus, nested parentheses, quotients of exponentials.
func randomText(r *rand.Rand, depth int) string {
	atoms := []string{"x", "y", "w", "b", "2", "3", "0.5", "1", "1e-3", "pi"}
	if depth == 0 || r.IntN(4) == 0 {
		return atoms[r.IntN(len(atoms))]
	}
	a, b := randomText(r, depth-1), randomText(r, depth-1)
	switch r.IntN(9) {
	case 0:
		return a + " + " + b
	case 1:
		return a + " - (" + b + ")"
	case 2:
		return "(" + a + ") (" + b + ")"
	case 3:
		return "(" + a + ")/(" + b + ")"
	case 4:
		return "-(" + a + ")"
	case 5:
		return "(" + a + ")^" + []string{"2", "3", "-1", "0.5"}[r.IntN(4)]
	case 6:
		return fmt.Sprintf("%s(%s)", []string{"exp", "log", "sin", "sqrt", "abs"}[r.IntN(5)], a)
	case 7:
		return "exp(" + a + ")/exp(" + b + ")"
	}
	return strings.Join([]string{a, b, a}, " + ")
}
