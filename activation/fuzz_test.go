package activation

import (
	"context"
	"testing"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
)

// FuzzParse: Parse never panics, and its errors are placed inside the
// source.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"sigmoid", "elu, alpha = 1/2", "f(x) = x/(1 + abs(x))", "relu(x) + alpha*x", "elu, alpha", "(", "g(u) = u, u = 1", ", ,"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := Parse(src)
		if err != nil {
			d := diag.From(err)
			if !d.Pos.IsValid() || d.Pos.Offset > len(src) {
				t.Fatalf("%q: error %v placed outside the source", src, err)
			}
			return
		}
		if s.F == nil || s.Var == nil {
			t.Fatalf("%q: parsed without a function or a variable", src)
		}
		m := budget.New(context.Background(), budget.Limits{Work: 200_000})
		if a, err := Analyze(budget.With(context.Background(), m), s); err == nil {
			_ = a.Text()
		} else if d := diag.From(err); d.Kind == diag.Internal {
			t.Fatalf("%q: %v", src, err)
		}
	})
}
