package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
)

func TestParseDensity(t *testing.T) {
	bSym := expr.Sym("b")
	tests := []struct {
		src  string
		want Density
	}{
		{"p(y | x, w) = x w exp(-x w y)", Density{
			Name: "p", Response: "y", Given: []string{"x", "w"},
			Body: expr.Mul(x, w, expr.Exp(expr.Neg(expr.Mul(x, w, y)))),
		}},
		{"p(y | x; w, b) = 1/2 exp(-|w x + b - y|)", Density{
			Name: "p", Response: "y", Given: []string{"x"}, Params: []string{"w", "b"},
			Body: expr.Mul(expr.Half, expr.Exp(expr.Neg(abs(expr.Sub(expr.Add(expr.Mul(w, x), bSym), y))))),
		}},
		{"f(y; lambda) = lambda exp(-lambda y)", Density{
			Name: "f", Response: "y", Params: []string{"lambda"},
			Body: expr.Mul(expr.Sym("lambda"), expr.Exp(expr.Neg(expr.Mul(expr.Sym("lambda"), y)))),
		}},
		{"p(y) = y", Density{Name: "p", Response: "y", Body: y}},
		{"  p(y |x;w)=\n  w", Density{Name: "p", Response: "y", Given: []string{"x"}, Params: []string{"w"}, Body: w}},
		// Without a header: a bare term, also when it starts with a call
		// or a name followed by a space and "(".
		{"x w exp(-x w y)", Density{Body: expr.Mul(x, w, expr.Exp(expr.Neg(expr.Mul(x, w, y))))}},
		{"exp(-y)", Density{Body: expr.Exp(expr.Neg(y))}},
		{"w (y + 1)", Density{Body: expr.Mul(w, expr.Add(y, expr.One))}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			got, err := ParseDensity(tt.src)
			require.NoError(t, err)
			require.Equal(t, tt.want.Body.String(), got.Body.String())
			assert.True(t, tt.want.Body == got.Body)
			var names []string
			for _, u := range got.Uses {
				names = append(names, u.Name)
			}
			assert.ElementsMatch(t, expr.FreeSymbols(got.Body), symbols(names), "Uses names what the body mentions")
			got.Uses = nil
			assert.Equal(t, tt.want, *got)
		})
	}
}

func TestParseDensityErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"p(y | x w) = 1", "1:9: unexpected \"w\", expected \")\"\np(y | x w) = 1\n        ^"},
		{"p(y | x) x", "1:10: unexpected \"x\", expected \"=\"\np(y | x) x\n         ^"},
		{"p(y | x) =", "1:11: unexpected end of input, expected an operand\np(y | x) =\n          ^"},
		{"p(y | ) = 1", "1:7: unexpected \")\", expected a name\np(y | ) = 1\n      ^"},
		{"p(y | x;) = 1", "1:9: unexpected \")\", expected a name\np(y | x;) = 1\n        ^"},
		{"p(2) = 1", "1:3: unexpected \"2\", expected a name\np(2) = 1\n  ^"},
		{"p(y | x", "1:8: unexpected end of input, expected \")\"\np(y | x\n       ^"},
		{"p(y | x, x) = x", "1:10: x is listed twice\np(y | x, x) = x\n         ^"},
		{"p(y | x; y) = x", "1:10: y is listed twice\np(y | x; y) = x\n         ^"},
		{"p(y; pi) = y", "1:6: pi is a constant, not a variable\np(y; pi) = y\n     ^"},
		{"p(y | sin) = y", "1:7: sin is a function, not a variable\np(y | sin) = y\n      ^"},
		{"p(y | x) = foo(x)", "1:12: unknown function \"foo\"\np(y | x) = foo(x)\n           ^"},
		{"p(y | x) = x = y", "1:14: unexpected \"=\"\np(y | x) = x = y\n             ^"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := ParseDensity(tt.src)
			require.Error(t, err)
			assert.Equal(t, tt.want, render(err))
		})
	}
}

func symbols(names []string) []*expr.Symbol {
	var out []*expr.Symbol
	for _, n := range names {
		out = append(out, expr.Sym(n))
	}
	return out
}
