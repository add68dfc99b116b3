package derive_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
)

// TestSubstitutionKeepsOrder: written through an inner function, every
// line keeps the author's order: the outer function in z reads as the
// input did, the terms of the author's sum stay in their order, and a
// factor the author wrote 1 - y is not turned into y - 1. Each case
// names the input, the outer function as its lines must show it, pairs
// of pieces that must read in that order on every line holding both,
// and what no line may show.
func TestSubstitutionKeepsOrder(t *testing.T) {
	for _, tc := range []struct {
		src, wrt, outer string
		before          [][2]string
		never           []string
	}{
		{
			src: "-y log(sigmoid(w x + b)) - (1 - y) log(1 - sigmoid(w x + b))", wrt: "w",
			outer:  "-y*log(sigmoid(z)) - (1 - y)*log(1 - sigmoid(z))",
			before: [][2]string{{"log(sigmoid(z)", "log(1 - sigmoid(z)"}, {"/sigmoid(z)", "/(1 - sigmoid(z))"}},
			never:  []string{"(y - 1)", "log(1 - sigmoid(z))*(1 - y)"},
		},
		{
			src: "-y log(sigmoid(w x + b)) - (1 - y) log(1 - sigmoid(w x + b))", wrt: "b",
			outer:  "-y*log(sigmoid(z)) - (1 - y)*log(1 - sigmoid(z))",
			before: [][2]string{{"log(sigmoid(z)", "log(1 - sigmoid(z)"}, {"/sigmoid(z)", "/(1 - sigmoid(z))"}},
			never:  []string{"(y - 1)"},
		},
		{
			src: "(1 - t) log(1 + exp(a u + c)) + t exp(a u + c)", wrt: "u",
			outer:  "(1 - t)*log(1 + exp(z)) + t*exp(z)",
			before: [][2]string{{"(1 - t)", "t*exp"}},
			never:  []string{"exp(z) + 1", "(t - 1)", "log(1 + exp(z))*(1 - t)"},
		},
		{
			src: "cos(3 v - 1) (2 - k) + k sin(3 v - 1)", wrt: "v",
			outer: "cos(z)*(2 - k) + k*sin(z)",
			never: []string{"(k - 2)"},
		},
	} {
		t.Run(tc.src+"/"+tc.wrt, func(t *testing.T) {
			f, _, l, err := parser.ParseLayout("", tc.src)
			require.NoError(t, err)
			d, err := derive.Steps(t.Context(), f, expr.Sym(tc.wrt))
			require.NoError(t, err)
			d.Layout = l
			lines, sub, err := d.Presented(t.Context(), derive.SubstOn)
			require.NoError(t, err)
			require.NotNil(t, sub)
			layout := d.LayoutOf(sub)
			m := budget.From(t.Context())
			var text []string
			for _, line := range lines {
				text = append(text, expr.PlainLayout(line.State, layout, false, nil, m))
			}
			all := strings.Join(text, "\n")
			assert.Contains(t, text[0], tc.outer, "the outer function as written:\n%s", all)
			for _, s := range text {
				for _, p := range tc.before {
					i, j := strings.Index(s, p[0]), strings.Index(s, p[1])
					if i >= 0 && j >= 0 {
						assert.Less(t, i, j, "%q before %q in %s", p[0], p[1], s)
					}
				}
				for _, n := range tc.never {
					assert.NotContains(t, s, n)
				}
			}
		})
	}
}
