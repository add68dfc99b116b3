package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestInputLaTeX: every command that reads an expression reads LaTeX
// with --input latex, to the same answer as the plain syntax, and a LaTeX
// mistake is an input error with its position (exit status 2).
func TestInputLaTeX(t *testing.T) {
	tests := []struct {
		name        string
		plain, tex  []string
		stdin       string
		texStdinArg string
	}{
		{name: "diff",
			plain: []string{"diff", "sum((y[i] - w x[i])^2, i, 1, N)/2", "--wrt", "w"},
			tex:   []string{"diff", "--input", "latex", `\frac{1}{2}\sum_{i=1}^{N}\left(y_i - w x_i\right)^2`, "--wrt", "w"}},
		{name: "diff steps",
			plain: []string{"diff", "log(sigmoid(w x))", "--wrt", "w", "--steps"},
			tex:   []string{"diff", "--input=latex", `\log\sigma(w x)`, "--wrt", "w", "--steps"}},
		{name: "diff over the examples, softplus, justification",
			plain: []string{"diff", "sum((y[i] - log(1 + exp(w x[i])))^2, i, 1, N)", "--wrt", "w"},
			tex:   []string{"diff", "--input", "latex", `\sum_i (y_i - \operatorname{softplus}(w x_i))^2 \quad \text{(squared error)}`, "--wrt", "w"}},
		{name: "simplify a prime",
			plain: []string{"simplify", "diff(sigmoid(z), z)"},
			tex:   []string{"simplify", "--input", "latex", `\sigma'(z)`}},
		{name: "simplify",
			plain: []string{"simplify", "exp(log(x)) + sin(x)^2 + cos(x)^2"},
			tex:   []string{"simplify", "--input", "latex", `e^{\ln x} + \sin^2 x + \cos^2 x`}},
		{name: "eval",
			plain: []string{"eval", "x^2/2 + sqrt(y)", "x=3", "y=4"},
			tex:   []string{"eval", "--input", "latex", `\frac{x^2}{2} + \sqrt{y}`, "x=3", `y=$\sqrt{16}$`}},
		{name: "plot",
			plain: []string{"plot", "tanh(x)", "--derivative"},
			tex:   []string{"plot", "--input", "latex", `\tanh x`, "--derivative"}},
		{name: "activation",
			plain: []string{"activation", "max(alpha x, x), alpha = 1/10", "--json"},
			tex:   []string{"activation", "--input", "latex", `\max(\alpha x, x), \alpha = \frac{1}{10}`, "--json"}},
		{name: "activation definition",
			plain: []string{"activation", "f(x) = x/(1 + abs(x))"},
			tex:   []string{"activation", "--input", "latex", `f(x) = \frac{x}{1 + |x|}`}},
		{name: "diff batch",
			plain: []string{"diff", "-", "--wrt", "x"}, stdin: "x^2\nsin(x) x\n",
			tex: []string{"diff", "--input", "latex", "-", "--wrt", "x"}, texStdinArg: "x^2\n\\sin(x) x\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := runCLI(t, tc.stdin, tc.plain...)
			assert.Equal(t, 0, want.status, want.stderr)
			stdin := tc.stdin
			if tc.texStdinArg != "" {
				stdin = tc.texStdinArg
			}
			got := runCLI(t, stdin, tc.tex...)
			assert.Equal(t, 0, got.status, got.stderr)
			assert.Equal(t, want.stdout, got.stdout)
		})
	}
	r := runCLI(t, "", "diff", "--input", "latex", `\frac{1}{1 + e^{-x}`, "--wrt", "x")
	assert.Equal(t, 2, r.status)
	assert.Equal(t, "derivtex: 1:9: unclosed \"{\"\n\\frac{1}{1 + e^{-x}\n        ^\n", r.stderr)
	r = runCLI(t, "", "simplify", "--input", "latex", `\int x \, dx`)
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, `1:1: \int is not supported`)
	r = runCLI(t, "", "eval", "--input", "latex", `y + \frac{1}{x - 2}`, "x=2", "y=1")
	assert.Equal(t, 2, r.status)
	assert.Equal(t, "derivtex: 1:11: division by zero (in 1/(x - 2))\ny + \\frac{1}{x - 2}\n          ^\n", r.stderr)
	r = runCLI(t, "", "simplify", "--input", "tex", `x`)
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, `--input`)
}
