package plot

import (
	"math"
	"slices"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
)

// The sampling's parameters, in units of the plotting window: its width
// (to - from) for x, its height (ymax - ymin) for y.
const (
	// gridIntervals is how many equal intervals the range is cut into
	// before refining.
	gridIntervals = 200
	// bendDepth bounds the bisections of a grid interval where the curve
	// bends: a kink is then found to within 1/1024 of a grid interval.
	bendDepth = 10
	// maxDepth bounds the bisections where the curve jumps or meets the
	// end of its domain: a jump is then placed to within 2^-40 of a grid
	// interval, past which a continuous function no longer changes by
	// jumpTol.
	maxDepth = 40
	// bendTol is how far (of the height) the curve may stray from the
	// chord between two samples before the interval is bisected.
	bendTol = 0.001
	// jumpTol is the largest change (of the height) between two
	// neighbouring samples that is drawn as a line; past it the interval
	// is bisected, down to maxDepth, where a change still that large is
	// a jump and the path is split.
	jumpTol = 0.02
	// perInterval bounds the samples spent in one grid interval, so a
	// curve that wiggles without end (sin(1/x) near 0) costs at most
	// gridIntervals*perInterval evaluations.
	perInterval = 256
)

// sample is a point of a curve, or a place where the curve has no value.
type sample struct {
	x, y float64
	ok   bool // y is a finite value; false where the function is undefined
	// cut is set when the path must not join this sample to the one
	// before it: a jump lies between them.
	cut bool
}

// span is an interval of x where a curve is cut (a jump or a hole), so
// that its derivative can be cut there too.
type span struct{ lo, hi float64 }

// function is an expression of one variable made a float function,
// charging a meter for each evaluation.
type function struct {
	f    func(float64) (float64, bool)
	cost int
	m    *budget.Meter
}

// newFunction compiles x in v (expr.EvalFunc), or falls back to
// expr.Eval for the terms that do not compile.
func newFunction(x expr.Expr, v *expr.Symbol, m *budget.Meter) *function {
	fn := &function{cost: expr.Size(x), m: m}
	if f, ok := expr.EvalFunc(x, v); ok {
		fn.f = f
		return fn
	}
	name := v.Name()
	fn.cost = 0 // expr.Eval charges the meter itself
	fn.f = func(u float64) (float64, bool) {
		y, err := expr.Eval(x, expr.Env{Scalars: map[string]float64{name: u}, Meter: m})
		return y, err == nil
	}
	return fn
}

// at evaluates the function at x; ok is false where it is undefined, or
// when the budget has run out (the meter says which).
func (fn *function) at(x float64) sample {
	if fn.cost > 0 && !fn.m.Work(fn.cost) {
		return sample{x: x}
	}
	y, ok := fn.f(x)
	return sample{x: x, y: y, ok: ok && !math.IsNaN(y) && !math.IsInf(y, 0)}
}

// grid samples fn at gridIntervals+1 equally spaced points of [from, to]
// and at the ends of every span of cuts (which split the grid there).
func grid(fn *function, from, to float64, cuts []span) []sample {
	xs := make([]float64, 0, gridIntervals+1+2*len(cuts))
	for k := 0; k <= gridIntervals; k++ {
		xs = append(xs, from+(to-from)*float64(k)/gridIntervals)
	}
	xs[gridIntervals] = to
	for _, c := range cuts {
		xs = append(xs, c.lo, c.hi)
	}
	slices.Sort(xs)
	xs = slices.Compact(xs)
	out := make([]sample, len(xs))
	for i, x := range xs {
		out[i] = fn.at(x)
	}
	return out
}

// window is the range of y shown: from the values on the grid, all of
// them unless a few are far out (the poles of 1/x, tan x), in which case
// the middle 90% with as much again either side. The path is clipped to
// it, and the refinement measures its tolerances in its height.
type window struct{ lo, hi float64 }

func windowOf(curves ...[]sample) (window, bool) {
	var ys []float64
	for _, c := range curves {
		for _, s := range c {
			if s.ok {
				ys = append(ys, s.y)
			}
		}
	}
	if len(ys) == 0 {
		return window{}, false
	}
	slices.Sort(ys)
	lo, hi := ys[0], ys[len(ys)-1]
	q05, q95 := ys[len(ys)*5/100], ys[(len(ys)-1)*95/100]
	if d := q95 - q05; hi-lo > 3*d {
		lo, hi = max(lo, q05-d), min(hi, q95+d)
	}
	if hi-lo <= 1e-9*max(math.Abs(lo), math.Abs(hi)) || hi-lo < 1e-300 {
		// A constant: a window of height 2 around it (or 20% of it).
		h := max(1, 0.2*math.Abs(lo))
		lo, hi = lo-h/2, hi+h/2
	}
	pad := 0.05 * (hi - lo)
	return window{lo - pad, hi + pad}, true
}

func (w window) height() float64 { return w.hi - w.lo }

// level is y in units of the window's height, held within a tenth of a
// height of the window: how steep or bent the curve is out of sight does
// not matter, only where it leaves and enters, and a pole (from far above
// to far below) still changes by more than the window.
func (w window) level(y float64) float64 {
	h := w.height()
	return (min(max(y, w.lo-h/10), w.hi+h/10) - w.lo) / h
}

// refiner bisects the intervals of a grid where the curve bends, is
// steep, jumps, or meets the end of its domain.
type refiner struct {
	fn    *function
	w     window
	out   []sample
	spent int // samples spent in the current grid interval
}

// refine samples the curve between the grid's points, and returns the
// samples in order with the cuts marked. An interval of cuts is cut
// without a look inside.
func refine(fn *function, w window, g []sample, cuts []span) []sample {
	r := &refiner{fn: fn, w: w, out: []sample{g[0]}}
	for i := 1; i < len(g); i++ {
		a, b := g[i-1], g[i]
		if slices.Contains(cuts, span{a.x, b.x}) {
			b.cut = true
			r.out = append(r.out, b)
			continue
		}
		r.spent = 0
		r.between(a, b, 0)
	}
	return r.out
}

// between appends the samples after a up to b.
func (r *refiner) between(a, b sample, depth int) {
	mx := a.x + (b.x-a.x)/2
	if mx <= a.x || mx >= b.x {
		// As close as float64 gets: a change still too large is a jump.
		b.cut = a.ok && b.ok && r.jump(a, b)
		r.out = append(r.out, b)
		return
	}
	if r.spent >= perInterval || !r.fn.m.OK() {
		// Out of samples here (a curve that wiggles without end): the
		// line is drawn; a cut would be a guess.
		r.out = append(r.out, b)
		return
	}
	split := false
	var mid sample
	look := func() {
		mid = r.fn.at(mx)
		r.spent++
	}
	switch {
	case a.ok != b.ok: // the end of the domain: find it
		split = depth < maxDepth
		if split {
			look()
		}
	case !a.ok: // undefined at both ends: is there anything between?
		if depth == 0 {
			look()
			split = mid.ok
		}
	default:
		look()
		if !mid.ok { // a hole between two values
			split = depth < maxDepth
			break
		}
		la, lm, lb := r.w.level(a.y), r.w.level(mid.y), r.w.level(b.y)
		bend := math.Abs(lm-(la+lb)/2) > bendTol
		split = bend && depth < bendDepth || math.Abs(lb-la) > jumpTol && depth < maxDepth
	}
	if !split {
		b.cut = a.ok && b.ok && r.jump(a, b) && depth >= maxDepth
		r.out = append(r.out, b)
		return
	}
	r.between(a, mid, depth+1)
	r.between(mid, b, depth+1)
}

// jump reports whether a and b, neighbours after all the bisection there
// is, are too far apart to be joined.
func (r *refiner) jump(a, b sample) bool {
	return math.Abs(r.w.level(b.y)-r.w.level(a.y)) > jumpTol
}

// cutsOf returns where the samples are cut: around every jump and every
// stretch where the function is undefined.
func cutsOf(ss []sample) []span {
	var out []span
	for i := 1; i < len(ss); i++ {
		if ss[i].cut || !ss[i].ok || !ss[i-1].ok {
			out = append(out, span{ss[i-1].x, ss[i].x})
		}
	}
	return out
}
