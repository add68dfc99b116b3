package parser

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
)

// TestLaTeXRoundTrip prints random terms with derivtex's LaTeX printer and
// requires the LaTeX reader to read back the very same (interned) term:
// sums and products over an index, indexed names, every function of the
// table, derivatives, roots, fractions and powers. The names are those
// termGen draws; docs/latex-input.md says which names LaTeX cannot tell
// apart (w1 and w_1 are both w_{1}).
func TestLaTeXRoundTrip(t *testing.T) {
	g := termGen{r: rand.New(rand.NewPCG(3, 4))}
	for k := range *roundTrips {
		want := g.term(1 + k%5)
		if expr.IsUndefined(want) {
			continue
		}
		src := latex.Expr(want)
		got, err := ParseAs(LaTeX, "", src)
		require.NoError(t, err, "case %d: %s\nfrom %s", k, src, want)
		require.True(t, want == got, "case %d: %s\nread back as %s\nwant        %s", k, src, got, want)
	}
}

// TestLaTeXRoundTripHandoutNames is the round trip over the names
// handouts use: words (\mathrm{loss}), labels (W_{\mathrm{out}}), Greek
// letters that are also functions when applied (\sigma, \psi), and
// derivatives written with d (latex.Ordinary) as well as \partial.
func TestLaTeXRoundTripHandoutNames(t *testing.T) {
	savedSyms, savedVectors := genSyms, genVectors
	defer func() { genSyms, genVectors = savedSyms, savedVectors }()
	genSyms = []string{"sigma", "psi", "loss", "W_out", "x_max", "b_in", "lambda", "w_h1", "Sigma", "theta_2", "ell"}
	genVectors = []string{"z", "mu"}
	g := termGen{r: rand.New(rand.NewPCG(5, 6))}
	for k := range *roundTrips {
		want := g.term(1 + k%5)
		if expr.IsUndefined(want) || wordIndexed(want) {
			continue
		}
		src := latex.Expr(want, latex.Ordinary(k%2 == 0))
		got, err := ParseAs(LaTeX, "", src)
		require.NoError(t, err, "case %d: %s\nfrom %s", k, src, want)
		require.True(t, want == got, "case %d: %s\nread back as %s\nwant        %s", k, src, got, want)
	}
}

// wordIndexed reports whether x has an element indexed only by names and
// numbers, one of them a word: W[loss, 3] is written W_{\mathrm{loss},3},
// as the symbol W_loss_3 is, and read as that symbol.
func wordIndexed(x expr.Expr) bool {
	found := false
	expr.Inspect(x, func(y expr.Expr) bool {
		ix, ok := y.(*expr.Indexed)
		if !ok {
			return !found
		}
		word := false
		for _, i := range ix.Index() {
			if i == expr.E {
				continue // written e, a letter
			}
			switch i := i.(type) {
			case *expr.Symbol:
				word = word || isWord(i.Name())
			case *expr.Number:
			default:
				return true
			}
		}
		found = found || word
		return !found
	})
	return found
}

// isWord reports whether a name is written as a word in LaTeX: loss, and
// not a letter, a Greek letter, or a name with a subscript.
func isWord(name string) bool {
	return len(name) > 1 && !texGreek[name] && !strings.Contains(name, "_")
}
