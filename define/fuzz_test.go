package define_test

import (
	"context"
	"testing"

	"github.com/derivtex/derivtex/define"
	"github.com/derivtex/derivtex/diag"
)

// FuzzDefine: any text read as a definition or a term is a term or a
// positioned input error, never a panic.
func FuzzDefine(f *testing.F) {
	for _, s := range []string{
		"elu(x; alpha) = piecewise(x > 0: x, alpha (exp(x) - 1))",
		"piecewise(x < -1: -1, x > 1: 1, x)",
		"piecewise(-1 <= x <= 1: piecewise(x > 0: x, 0), otherwise: sign(x))",
		"f(x; a) = g(x; a)",
		"piecewise(x > 0: log(x), 0)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 2000 {
			return
		}
		s := define.NewScope()
		g, err := s.Define(context.Background(), "g(x; a) = piecewise(x > a - a: a x, x)")
		if err != nil {
			t.Fatal(err)
		}
		s.Add(g)
		var errs []error
		if define.IsDefinition(src) {
			_, err = s.Define(context.Background(), src)
			errs = append(errs, err)
		} else {
			_, _, err = s.Term(context.Background(), src)
			errs = append(errs, err)
		}
		for _, err := range errs {
			if err != nil && diag.From(err).Kind != diag.Input {
				t.Fatalf("%q: not an input error: %v", src, err)
			}
			if err != nil && !diag.From(err).Pos.IsValid() {
				t.Fatalf("%q: no position: %v", src, err)
			}
		}
	})
}
