package activation

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/budget"
)

// TestDerivationStartsAsWritten: the definition and the first line of
// the derivative's steps read as the author wrote the activation (1 +
// e^{-x}, not e^{-x} + 1), with parameters' values put in too, and the
// later lines keep that order.
func TestDerivationStartsAsWritten(t *testing.T) {
	for src, want := range map[string]string{
		"x/(1 + exp(-x))":                      `\frac{x}{1 + \exp\mathopen{}\left(-x\right)}`,
		"swish(x) = x/(1 + exp(-x))":           `\frac{x}{1 + \exp\mathopen{}\left(-x\right)}`,
		"softsign":                             `\frac{x}{1 + \left|x\right|}`,
		"g(x; c) = log(1 + exp(c x)), c = 2":   `\log\mathopen{}\left(1 + \exp\mathopen{}\left(2 x\right)\right)`,
		"h(u) = u (3 + exp(u)) / (2 + sin(u))": `\frac{u \left(3 + \exp\mathopen{}\left(u\right)\right)}{2 + \sin u}`,
	} {
		a := analyze(t, src)
		tex, err := a.DerivationTeX(t.Context(), 200)
		require.NoError(t, err, src)
		first, _, _ := strings.Cut(tex, `\\`)
		assert.Contains(t, first, want, src)
		doc, err := a.LaTeX(t.Context(), tex)
		require.NoError(t, err, src)
		assert.Contains(t, doc, want, src)
		title := a.Spec.TitleTeX(budget.From(t.Context()))
		if !strings.Contains(src, ";") {
			assert.Contains(t, title, want, src)
		}
	}
}

// TestDerivationKeepsOrder: a term a rule rewrites keeps its place (the
// derivative of ReLU(x) is H(x), where ReLU(x) was), and a definition in
// the engine's terms (ELU's, piecewise) keeps the order of the formula
// the sentence before the derivation prints, on every line.
func TestDerivationKeepsOrder(t *testing.T) {
	a := analyze(t, "elu")
	tex, err := a.DerivationTeX(t.Context(), 200)
	require.NoError(t, err)
	lines := strings.Split(tex, `\\`)
	require.Greater(t, len(lines), 3)
	for _, l := range lines {
		i, j := strings.Index(l, `\exp`), strings.LastIndex(l, `\operatorname{ReLU}`)
		if j < 0 {
			j = strings.LastIndex(l, `\operatorname{H}\mathopen{}\left(x\right)`)
		}
		if i >= 0 && j >= 0 {
			assert.Less(t, i, j, "exp(min(x, 0)) before ReLU(x) or H(x): %s", l)
		}
	}
}
