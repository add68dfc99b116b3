package plot

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
)

var x = expr.Sym("x")

// figure samples src over [from, to], with its derivative, and checks
// what every figure must be: paths of two points or more, in order of x,
// inside the range and the y window.
func figure(t *testing.T, src string, from, to float64) *Figure {
	t.Helper()
	f, err := parser.Parse(src)
	require.NoError(t, err)
	fig, err := New(context.Background(), f, x, from, to, Options{Derivative: true})
	require.NoError(t, err)
	for _, c := range fig.Curves {
		for _, path := range c.Paths {
			require.GreaterOrEqual(t, len(path), 2)
			for i, p := range path {
				require.True(t, p.X >= from && p.X <= to, "x = %g out of range", p.X)
				require.True(t, p.Y >= fig.YMin && p.Y <= fig.YMax, "y = %g out of the window [%g, %g]", p.Y, fig.YMin, fig.YMax)
				if i > 0 {
					require.Greater(t, p.X, path[i-1].X)
				}
			}
		}
	}
	return fig
}

// nearest is the drawn point of c nearest to (px, py), and its distance.
func nearest(c Curve, px, py float64) (Point, float64) {
	best, dist := Point{}, math.Inf(1)
	for _, path := range c.Paths {
		for _, p := range path {
			if d := math.Hypot(p.X-px, p.Y-py); d < dist {
				best, dist = p, d
			}
		}
	}
	return best, dist
}

func TestKinks(t *testing.T) {
	// The grid's points miss each kink: the refinement must find it.
	for _, tc := range []struct {
		src      string
		from, to float64
		kx, ky   float64
	}{
		{"relu(x)", -3.7, 4.1, 0, 0},
		{"abs(x - 1/3)", -4, 4, 1.0 / 3, 0},
		{"max(x, 1 - x)", -2.9, 3.3, 0.5, 0.5},
		{"-abs(x + pi)", -4, 4, -math.Pi, 0},
	} {
		t.Run(tc.src, func(t *testing.T) {
			fig := figure(t, tc.src, tc.from, tc.to)
			p, d := nearest(fig.Curves[0], tc.kx, tc.ky)
			assert.Less(t, d, 1e-3*(tc.to-tc.from), "nearest drawn point to the kink: %v", p)
		})
	}
}

func TestJumpsSplitThePath(t *testing.T) {
	for _, tc := range []struct {
		src      string
		from, to float64
		jumps    []float64 // where the function's path is split, in order
	}{
		{"step(x)", -4, 4, []float64{0}},
		{"step(x - 1/3)", -4, 4, []float64{1.0 / 3}},
		{"sign(x)", -3.7, 4.1, []float64{0}},
		{"1/x", -4, 4, []float64{0}},
		{"1/x", -3.7, 4.1, []float64{0}},
		{"1/(x - 1)^2", -4, 4, []float64{1}},
		{"tan(x)", -4, 4, []float64{-math.Pi / 2, math.Pi / 2}},
		{"x + step(x)", -3, 3, []float64{0}},
	} {
		t.Run(tc.src, func(t *testing.T) {
			fig := figure(t, tc.src, tc.from, tc.to)
			paths := fig.Curves[0].Paths
			require.Len(t, paths, len(tc.jumps)+1)
			for k, at := range tc.jumps {
				left, right := paths[k], paths[k+1]
				assert.LessOrEqual(t, left[len(left)-1].X, at, "path %d runs past the jump at %g", k, at)
				assert.GreaterOrEqual(t, right[0].X, at, "path %d starts before the jump at %g", k+1, at)
			}
		})
	}
}

func TestDerivativeCutWhereTheFunctionJumps(t *testing.T) {
	// step has derivative 0, but the 0 is not drawn across the jump.
	fig := figure(t, "step(x)", -4, 4)
	require.Len(t, fig.Curves, 2)
	assert.Len(t, fig.Curves[1].Paths, 2)
	// relu's derivative, step, jumps itself at the kink.
	fig = figure(t, "relu(x)", -3.7, 4.1)
	assert.Len(t, fig.Curves[0].Paths, 1)
	assert.Len(t, fig.Curves[1].Paths, 2)
}

func TestDomainEnds(t *testing.T) {
	// log(x) is drawn for x > 0 only, from the bottom of the window.
	fig := figure(t, "log(x)", -4, 4)
	paths := fig.Curves[0].Paths
	require.Len(t, paths, 1)
	first := paths[0][0]
	assert.Greater(t, first.X, 0.0)
	assert.Less(t, first.X, 0.05)
	assert.Equal(t, fig.YMin, first.Y)
	// sqrt(x) starts at its domain's end, found to far below a pixel.
	fig = figure(t, "sqrt(x)", -4, 4)
	first = fig.Curves[0].Paths[0][0]
	assert.InDelta(t, 0, first.X, 1e-9)
	assert.InDelta(t, 0, first.Y, 1e-4)
	// A hole in the middle: sqrt(x^2 - 1) is undefined on (-1, 1).
	fig = figure(t, "sqrt(x^2 - 1)", -3, 3)
	paths = fig.Curves[0].Paths
	require.Len(t, paths, 2)
	assert.InDelta(t, -1, paths[0][len(paths[0])-1].X, 1e-9)
	assert.InDelta(t, 1, paths[1][0].X, 1e-9)
}

func TestSteepPartsAreResolved(t *testing.T) {
	// sigmoid(200 x) rises within 0.05 of 0: between the grid's points
	// (0.04 apart) it must still be sampled finely enough that no drawn
	// sample-to-sample step exceeds jumpTol of the height.
	f, err := parser.Parse("sigmoid(200 x)")
	require.NoError(t, err)
	fn := newFunction(f, x, nil)
	g := grid(fn, -4, 4, nil)
	w, ok := windowOf(g)
	require.True(t, ok)
	ss := refine(fn, w, g, nil)
	for i := 1; i < len(ss); i++ {
		require.False(t, ss[i].cut, "a continuous function is cut at %g", ss[i].x)
		assert.LessOrEqual(t, math.Abs(w.level(ss[i].y)-w.level(ss[i-1].y)), jumpTol)
	}
	assert.Len(t, pieces(ss, w), 1)
}

func TestWindowLeavesPolesOut(t *testing.T) {
	// exp is shown whole; 1/x and tan x are not shown to their poles.
	fig := figure(t, "exp(x)", -4, 4)
	assert.GreaterOrEqual(t, fig.YMax, math.Exp(4))
	fig = figure(t, "1/x", -4, 4)
	assert.Less(t, fig.YMax, 100.0)
	assert.Greater(t, fig.YMin, -100.0)
	// A constant gets a window around it.
	fig = figure(t, "3", -1, 1)
	assert.Less(t, fig.YMin, 3.0)
	assert.Greater(t, fig.YMax, 3.0)
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		src      string
		from, to float64
		want     string
	}{
		{"reversed range", "x", 4, -4, "the range from 4 to -4 is empty: from must be below to"},
		{"empty range", "x", 1, 1, "the range from 1 to 1 is empty"},
		{"NaN", "x", math.NaN(), 1, "the range must be finite numbers, not NaN"},
		{"infinity", "x", -1, math.Inf(1), "the range must be finite numbers, not +Inf"},
		{"huge", "x", -1e300, 1e300, "-1e+300 is too large: plots are drawn within ±10^15"},
		{"narrow", "x", 1e12, 1e12 + 1e-4, "too narrow to sample"},
		{"two variables", "x y", -1, 1, "the expression has a second variable, y, besides x"},
		{"indexed", "x + w[1]", -1, 1, "the expression has a second variable, w, besides x"},
		{"undefined", "log(-x^2 - 1)", -4, 4, "the expression has no value to draw between -4 and 4"},
		{"isolated point", "sqrt(-x^2)", -4, 4, "the expression has no value to draw between -4 and 4"},
		{"undefined here", "log(x)", -4, -1, "the expression has no value to draw between -4 and -1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := parser.Parse(tc.src)
			require.NoError(t, err)
			_, err = TeX(context.Background(), f, x, tc.from, tc.to, Options{Derivative: true})
			require.Error(t, err)
			assert.Equal(t, diag.Input, diag.KindOf(err))
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestSecondVariableIsNamed(t *testing.T) {
	f, err := parser.Parse("sin(x) + y^2")
	require.NoError(t, err)
	err = CheckVariable(f, x)
	var te *expr.TermError
	require.True(t, errors.As(err, &te))
	assert.Equal(t, expr.Sym("y"), te.Term)
}

func TestBudget(t *testing.T) {
	f, err := parser.Parse("sin(1/x) + cos(3 x) exp(x)")
	require.NoError(t, err)
	m := budget.New(context.Background(), budget.Limits{Work: 5000})
	_, err = TeX(budget.With(context.Background(), m), f, x, -4, 4, Options{})
	var be *budget.Exceeded
	require.True(t, errors.As(err, &be), "%v", err)
	assert.Equal(t, budget.Work, be.Kind)
}

func TestWiggleIsBounded(t *testing.T) {
	// sin(1/x) wiggles without end near 0: the sampling stops at its
	// bound, and the figure keeps few points.
	fig := figure(t, "sin(1/x)", -1, 1)
	n := 0
	for _, p := range fig.Curves[0].Paths {
		n += len(p)
	}
	assert.Less(t, n, gridIntervals*perInterval/4)
}

func TestFastWigglesAreDecimated(t *testing.T) {
	// sin x over ±10^15 has a period far below a sample's spacing: the
	// figure is a band, drawn with at most maxPoints points, so pdflatex
	// has the memory for it.
	fig := figure(t, "sin(x)", -1e15, 1e15)
	n := 0
	for _, p := range fig.Curves[0].Paths {
		n += len(p)
	}
	assert.LessOrEqual(t, n, maxPoints)
	assert.Greater(t, n, columns)
}
