// Package plot draws the graph of a function of one variable, and of its
// derivative on request, as pgfplots code for a handout: the coordinates
// are computed here (adaptive sampling, with the path split at jumps,
// poles and where the function is undefined), so pdflatex needs no shell
// escape and no gnuplot.
//
// Sampling starts from an even grid and bisects where the curve bends
// (kinks are found to within a thousandth of a grid step), where it is
// steep, and where it jumps or meets the end of its domain (found to
// within 2^-40 of a grid step). The y range shown is that of the values,
// unless a few of them run far away (a pole), and the path is clipped to
// it, so 1/x and tan x read as a textbook draws them.
package plot

import (
	"context"
	"math"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// MaxMagnitude bounds the ends of a range: past it the tick labels and
// pgfplots' arithmetic stop being useful long before float64 does.
const MaxMagnitude = 1e15

// Options says what to draw besides the function.
type Options struct {
	// Derivative draws the derivative (derive.Diff) as a second curve.
	Derivative bool
}

// Curve is one function as drawn.
type Curve struct {
	Expr expr.Expr // the function of Figure.Var
	// Derivative is set for the derivative of the figure's function.
	Derivative bool
	// Label is the legend's formula (LaTeX, without $) when the caller
	// names the curve itself, elu(x) for a function defined by cases;
	// "" for f(x) = its expression.
	Label string
	// Paths are the pieces drawn, each continuous and inside the y range,
	// in order of x; a jump, a pole or a gap in the domain lies between
	// two of them.
	Paths [][]Point
}

// Figure is a plot, sampled and ready to typeset.
type Figure struct {
	Var        *expr.Symbol
	From, To   float64 // the x range
	YMin, YMax float64 // the y range shown; paths are clipped to it
	Curves     []Curve // the function first, then its derivative if asked
}

// CheckEnd says what is wrong with end as an end of a range, or nil.
func CheckEnd(end float64) error {
	switch {
	case math.IsNaN(end) || math.IsInf(end, 0):
		return diag.Errorf("the range must be finite numbers, not %s", expr.FormatFloat(end))
	case math.Abs(end) > MaxMagnitude:
		return diag.Errorf("%s is too large: plots are drawn within ±10^15", expr.FormatFloat(end))
	}
	return nil
}

// CheckRange says what is wrong with the x range [from, to], or nil.
func CheckRange(from, to float64) error {
	for _, end := range []float64{from, to} {
		if err := CheckEnd(end); err != nil {
			return err
		}
	}
	if from >= to {
		return diag.Errorf("the range from %s to %s is empty: from must be below to", expr.FormatFloat(from), expr.FormatFloat(to))
	}
	if to-from < 1e-9*max(math.Abs(from), math.Abs(to)) {
		return diag.Errorf("the range from %s to %s is too narrow to sample in float64: widen it, or shift the variable", expr.FormatFloat(from), expr.FormatFloat(to))
	}
	return nil
}

// CheckVariable says what is wrong with plotting f against v: another
// variable in f (the error's cause is an *expr.TermError naming it, so
// the command line points at it), or nil.
func CheckVariable(f expr.Expr, v *expr.Symbol) error {
	for _, s := range expr.FreeSymbols(f) {
		if s.Name() == v.Name() {
			continue
		}
		var at expr.Expr = s
		expr.Inspect(f, func(y expr.Expr) bool {
			if ix, ok := y.(*expr.Indexed); ok && ix.Name() == s.Name() {
				at = ix
			}
			return true
		})
		e := diag.Errorf("the expression has a second variable, %s, besides %s: a plot is of one variable (give %s a value first)", s.Name(), v.Name(), s.Name())
		e.Err = &expr.TermError{Term: at}
		return e
	}
	return nil
}

// New samples f, a function of v alone, over [from, to], and its
// derivative if opts asks. The sampling is charged to ctx's budget
// (budget.From); an error is a *diag.Error of kind Input for a bad range,
// a second variable, or a function (or derivative) undefined on the
// whole range, or the budget's error.
func New(ctx context.Context, f expr.Expr, v *expr.Symbol, from, to float64, opts Options) (*Figure, error) {
	if err := CheckRange(from, to); err != nil {
		return nil, err
	}
	if err := CheckVariable(f, v); err != nil {
		return nil, err
	}
	m := budget.From(ctx)
	exprs := []expr.Expr{f}
	if opts.Derivative {
		d, err := derive.Diff(ctx, f, v)
		if err != nil {
			return nil, err
		}
		exprs = append(exprs, d)
	}
	fns := make([]*function, len(exprs))
	grids := make([][]sample, len(exprs))
	for i, x := range exprs {
		fns[i] = newFunction(x, v, m)
		grids[i] = grid(fns[i], from, to, nil)
	}
	if err := m.Err(); err != nil {
		return nil, err
	}
	w, ok := windowOf(grids...)
	if !ok {
		return nil, undefined(f, false, from, to)
	}
	fig := &Figure{Var: v, From: from, To: to, YMin: w.lo, YMax: w.hi}
	var cuts []span
	for i, x := range exprs {
		g := grids[i]
		if i > 0 {
			// The derivative is cut wherever the function is: step(x)
			// has derivative 0, but not across its jump.
			g = grid(fns[i], from, to, cuts)
		}
		ss := refine(fns[i], w, g, cuts)
		if err := m.Err(); err != nil {
			return nil, err
		}
		if i == 0 {
			cuts = cutsOf(ss)
		}
		c := Curve{Expr: x, Derivative: i > 0}
		sx, sy := (to-from)*aspect, w.height()
		for _, p := range pieces(ss, w) {
			c.Paths = append(c.Paths, simplify(p, sx, sy, drawTol))
		}
		c.Paths = decimate(c.Paths, from, to)
		if len(c.Paths) == 0 {
			return nil, undefined(f, i > 0, from, to)
		}
		fig.Curves = append(fig.Curves, c)
	}
	return fig, nil
}

// drawTol is how far (of the height) a drawn path may stray from the
// sampled one: a tenth of a millimetre on the figure.
const drawTol = 0.0015

// undefined is the error of a function (or its derivative) with nothing
// to draw between from and to.
func undefined(f expr.Expr, derivative bool, from, to float64) error {
	what := "the expression"
	if derivative {
		what = "the derivative of the expression"
	}
	e := diag.Errorf("%s has no value to draw between %s and %s (undefined, or defined only at isolated points)", what, expr.FormatFloat(from), expr.FormatFloat(to))
	e.Err = &expr.TermError{Term: f}
	return e
}
