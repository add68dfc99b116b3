package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser"
)

// TestStepsStartAsWritten: a derivation starts from the input as the
// author wrote it; a rewrite of it beyond order is a step of its own,
// labelled, and a mere reordering is no step at all.
func TestStepsStartAsWritten(t *testing.T) {
	r := runCLI(t, "", "diff", "log(exp(w x)/exp(b))", "--wrt", "w", "--steps")
	require.Equal(t, 0, r.status, r.stderr)
	lines := strings.Split(r.stdout, "\n")
	assert.Equal(t, "diff(log(exp(w*x)/exp(b)), w)", lines[0])
	assert.Regexp(t, `^  = diff\(log\(exp\(w\*x - b\)\), w\) +law of exponents$`, lines[1])

	r = runCLI(t, "", "diff", "log(exp(w x)/exp(b))", "--wrt", "w", "--steps", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\frac{\partial}{\partial w} \log\mathopen{}\left(\frac{\exp\mathopen{}\left(w x\right)}{\exp\mathopen{}\left(b\right)}\right)`)
	assert.Contains(t, r.stdout, `\text{law of exponents}`)

	r = runCLI(t, "", "diff", "1/(1+exp(-x))", "--wrt", "x", "--steps")
	require.Equal(t, 0, r.status, r.stderr)
	lines = strings.Split(r.stdout, "\n")
	assert.Equal(t, "diff(1/(1 + exp(-x)), x)", lines[0])
	assert.Contains(t, lines[1], "chain rule", "no step for a reordering")
}

// TestStepsKeepOrder fails if any line of a derivation writes a sum or
// product the author wrote in another order than the author's.
func TestStepsKeepOrder(t *testing.T) {
	for _, src := range []string{
		"1/(1 + exp(-x))",
		"-(y log(1/(1 + exp(-(w x + b)))) + (1 - y) log(1 - 1/(1 + exp(-(w x + b)))))",
		"(1 - y) log(1 - sigmoid(w x + b))",
		"log(1 + exp(b + w x))",
		"(b + w x - y)^2/2",
	} {
		t.Run(src, func(t *testing.T) {
			x, _, l, err := parser.ParseLayout("", src)
			require.NoError(t, err)
			var plain, tex []string // the author's sums and products, in canonical order
			expr.Inspect(x, func(y expr.Expr) bool {
				if y.Kind() == expr.KindAdd || y.Kind() == expr.KindMul {
					if c := expr.Plain(y); c != expr.PlainLayout(y, l, false, nil, nil) {
						plain = append(plain, c)
						tex = append(tex, latex.Expr(y))
					}
				}
				return true
			})
			require.NotEmpty(t, plain, "the canonical order is the author's: the test would show nothing")
			r := runCLI(t, "", "diff", src, "--wrt", "w", "--steps")
			require.Equal(t, 0, r.status, r.stderr)
			for _, c := range plain {
				assert.NotContains(t, r.stdout, c)
			}
			r = runCLI(t, "", "diff", src, "--wrt", "w", "--steps", "--latex")
			require.Equal(t, 0, r.status, r.stderr)
			for _, c := range tex {
				assert.NotContains(t, r.stdout, c)
			}
		})
	}
}

// TestSimplifyStepsStartAsWritten: simplify --steps starts from the input
// as written too, its rewrite a labelled step.
func TestSimplifyStepsStartAsWritten(t *testing.T) {
	r := runCLI(t, "", "simplify", "--steps", "log(exp(w x)/exp(b)) + (1 - y) log(1 + x)")
	require.Equal(t, 0, r.status, r.stderr)
	lines := strings.Split(r.stdout, "\n")
	assert.Equal(t, "log(exp(w*x)/exp(b)) + (1 - y)*log(1 + x)", lines[0])
	assert.Regexp(t, `^  = log\(exp\(w\*x - b\)\) \+ \(1 - y\)\*log\(1 \+ x\) +law of exponents$`, lines[1])
}
