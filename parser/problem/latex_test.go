package problem

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
)

// TestLaTeXExpressions: wherever a statement takes an expression, LaTeX
// math between $ signs reads as the plain syntax does, braces, commas and
// equals signs inside it included.
func TestLaTeXExpressions(t *testing.T) {
	f := mustParse(t, `problem "LaTeX" {
    diff     $\frac{1}{2}\sum_{i=1}^{N} \left(y_i - w x_i\right)^2$   # a comment
    wrt      w
}
problem "eval" {
    given    x = $\frac{\pi}{2}$, W = [[1, 2], [3, 4]]
    eval     y = $\sigma(x) + W_{1,2} \log_2 8$
}
problem "simplify" {
    simplify $e^{\ln x} + \sin^2 x + \cos^2 x$
}
`)
	require.Len(t, f.Problems, 3)
	given := f.Problems[1].Statements[0]
	require.Equal(t, "given", given.Key)
	assert.Equal(t, "pi/2", given.Bindings[0].Value.String())
	want := []string{"sum((y[i] - w*x[i])^2, i, 1, N)/2", "sigmoid(x) + W[1, 2]*log(8)/log(2)", "exp(log(x)) + sin(x)^2 + cos(x)^2"}
	for i, p := range f.Problems {
		var got *Statement
		for _, s := range p.Statements {
			if s.Expr != nil {
				got = s
			}
		}
		require.NotNil(t, got, "problem %d", i)
		assert.True(t, term(t, want[i]) == got.Expr, "problem %d: %s", i, got.Expr)
	}
}

// TestLaTeXExpressionErrors: a LaTeX mistake is reported at its place in
// the file.
func TestLaTeXExpressionErrors(t *testing.T) {
	_, err := Parse("test.drv", "problem \"p\" {\n    diff $x + \\int x$\n    wrt x\n}\n")
	require.Error(t, err)
	assert.Equal(t, "test.drv:2:15: \\int is not supported", err.(diag.List)[0].Error())
	_, err = Parse("test.drv", "problem \"p\" {\n    given w = $\\frac{x}{2}$\n    eval y = w\n}\n")
	require.Error(t, err)
	assert.Equal(t, "test.drv:2:22: a value must be a number, but it mentions x", err.(diag.List)[0].Error())
	_, err = Parse("test.drv", "problem \"p\" {\n    eval y = $\\frac{1}{$\n}\n")
	require.Error(t, err)
	assert.Equal(t, "test.drv:2:24: unexpected end of input, expected an operand", err.(diag.List)[0].Error())
}
