package latex_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser"
)

// TestWrittenReciprocal: a product written as a reciprocal times factors
// reads so, not with a 1 in a numerator beside them.
func TestWrittenReciprocal(t *testing.T) {
	for src, want := range map[string]string{
		"1/(2 b) exp(-x)":     `\frac{1}{2 b} \exp\mathopen{}\left(-x\right)`,
		"1/sqrt(2 pi s) v w":  `\frac{1}{\sqrt{2 \pi s}} v w`,
		"a/(2 b) exp(-x)":     `\frac{a \exp\mathopen{}\left(-x\right)}{2 b}`,
		"1/(2 b) (-3) exp(x)": `\frac{1}{2 b} \left(-3\right) \exp\mathopen{}\left(x\right)`,
	} {
		x, _, l, err := parser.ParseLayout("", src)
		require.NoError(t, err)
		assert.Equal(t, want, latex.Expr(x, latex.WithLayout(l), latex.Written(true)), src)
	}
}
