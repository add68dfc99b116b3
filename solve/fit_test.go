package solve

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/tensor"
)

// TestFit: rows, boxes and tensors are laid out to fit the handout's
// line, and left as they are when they do.
func TestFit(t *testing.T) {
	short := fitRow(`\bar{x}`, []string{`a`, `b`}, "")
	assert.Equal(t, `\bar{x} &= a = b`, short)
	long := strings.Repeat(`x + `, 20) + "x"
	rows := fitRow(`\bar{x}`, []string{long, `\approx 1.5`}, `&& \text{t}`)
	assert.Equal(t, `\bar{x} &= `+long+`&& \text{t}\\*`+"\n"+`& \approx 1.5`, rows, "one part a row, the tail on the first")

	assert.Equal(t, "\\[\n\\boxed{a},\\qquad \\boxed{b}\n\\]\n", sideBySide([]string{`\boxed{a}`, `\boxed{b}`}))
	wide := `\boxed{` + long + `}`
	assert.True(t, strings.HasPrefix(sideBySide([]string{wide, wide}), `\begin{gather*}`))

	exact, err := tensor.New([]int{2}, []expr.Expr{expr.Call(expr.FnTanh, expr.Rat(1, 2)), expr.One})
	require.NoError(t, err)
	s, approx := tensorFit(exact, 60, 4)
	assert.False(t, approx)
	assert.Contains(t, s, `\tanh`)
	s, approx = tensorFit(exact, 3, 4)
	assert.True(t, approx, "too wide: decimals")
	assert.Equal(t, `\begin{bmatrix} 0.4621 \\ 1.0000 \end{bmatrix}`, s)
}
