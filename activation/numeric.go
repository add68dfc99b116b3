package activation

import (
	"math"
	"math/big"
	"sort"

	"github.com/derivtex/derivtex/expr"
)

// The numerics of the analysis. Limits at infinity are found exactly by
// package limit where the function is in its classes; otherwise the
// function is evaluated (expr.Eval, in float64) at
// |x| = 10^(k/4) for k = 4, 5, ... up to 10^300 or the first point where
// it overflows, and the tail of that sequence is read: converged when two
// consecutive values agree to 1e-9, divergent when the magnitudes grow
// monotonically without their increments shrinking. That is right for
// the classes activations come from (rational functions of x, exp and
// log, and pieces of them), whose tails are monotone; a function that
// oscillates (sin x) is reported as having no limit found. A limit
// within 1e-9 of a fraction with a small denominator is taken to be
// that fraction (denominators).

// fn is a function of one variable in float64, false where undefined.
type fn func(float64) (float64, bool)

func compile(x expr.Expr, v *expr.Symbol) fn {
	if f, ok := expr.EvalFunc(x, v); ok {
		return f
	}
	return func(u float64) (float64, bool) {
		y, err := expr.Eval(x, expr.Env{Scalars: map[string]float64{v.Name(): u}})
		return y, err == nil
	}
}

// Limit is a limit at an infinity.
type Limit struct {
	// Kind is "finite", "+inf", "-inf" or "none" (no limit: the function
	// oscillates, or, numerically, none was found).
	Kind  string
	Value float64
	// Exact is the value when it is a fraction, or nil.
	Exact *big.Rat
	// Expr is the exact value the limit procedure found (log(3), e^-1),
	// nil for a limit found numerically.
	Expr expr.Expr
	// Numeric marks a limit found by evaluation (limitAt), because the
	// function is outside the classes package limit decides.
	Numeric bool
}

// Finite reports whether the limit is a number.
func (l Limit) Finite() bool { return l.Kind == "finite" }

func limitAt(f fn, sign float64) Limit {
	l := limitAtNumeric(f, sign)
	l.Numeric = true
	return l
}

func limitAtNumeric(f fn, sign float64) Limit {
	var vals []float64
	for k := 4; k <= 1200; k++ {
		y, ok := f(sign * math.Pow(10, float64(k)/4))
		if !ok || math.IsInf(y, 0) || math.IsNaN(y) {
			break
		}
		vals = append(vals, y)
	}
	n := len(vals)
	if n < 4 {
		return Limit{Kind: "none"}
	}
	last, prev := vals[n-1], vals[n-2]
	if math.Abs(last-prev) <= 1e-9*(1+math.Abs(last)) {
		l := Limit{Kind: "finite", Value: last}
		l.Exact = snap(last)
		if l.Exact != nil {
			l.Value, _ = l.Exact.Float64()
		}
		return l
	}
	tail := vals[max(0, n-8):]
	growing := true
	for i := 1; i < len(tail); i++ {
		growing = growing && math.Abs(tail[i]) > math.Abs(tail[i-1]) && (tail[i] > 0) == (tail[0] > 0)
	}
	d0, d1 := math.Abs(tail[1]-tail[0]), math.Abs(tail[len(tail)-1]-tail[len(tail)-2])
	if growing && (d1 >= d0/2 || math.Abs(last) > 1e6) {
		if last > 0 {
			return Limit{Kind: "+inf", Value: math.Inf(1)}
		}
		return Limit{Kind: "-inf", Value: math.Inf(-1)}
	}
	return Limit{Kind: "none", Value: last}
}

// denominators are those snap tries: small ones, and the powers of ten a
// parameter is written with (leaky ReLU's 1/100).
var denominators = []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 20, 100, 1000}

// snap returns the fraction with one of the denominators within 1e-9 of
// v, or nil.
func snap(v float64) *big.Rat {
	for _, q := range denominators {
		p := math.Round(v * float64(q))
		if math.Abs(p/float64(q)-v) <= 1e-9*(1+math.Abs(v)) && math.Abs(p) < 1e15 {
			return big.NewRat(int64(p), q)
		}
	}
	return nil
}

// grid is the sample of the real line the analysis looks at: dense
// near 0, where activations bend, and out to ±50.
func grid() []float64 {
	var xs []float64
	for i := -2000; i <= 2000; i++ {
		xs = append(xs, float64(i)/40) // step 1/40 on [-50, 50]
	}
	return xs
}

// roots finds where f changes sign on the grid (or is exactly 0 at a
// grid point), refined by bisection to float64 precision, and snapped to
// a simple fraction where one is that close.
func roots(f fn) []float64 {
	xs := grid()
	var out []float64
	add := func(r float64) {
		if q := snap(r); q != nil {
			r, _ = q.Float64()
		}
		for _, o := range out {
			if math.Abs(o-r) < 1e-6 {
				return
			}
		}
		out = append(out, r)
	}
	for i := 1; i < len(xs); i++ {
		a, b := xs[i-1], xs[i]
		fa, oka := f(a)
		fb, okb := f(b)
		if !oka || !okb {
			continue
		}
		if fa == 0 {
			// a zero at a grid point counts only where f crosses or
			// touches there, not on a whole interval of zeros.
			fl, okl := f(a - 1e-3)
			if okl && fl != 0 && fb != 0 {
				add(a)
			}
			continue
		}
		if fa*fb < 0 {
			for range 200 {
				m := (a + b) / 2
				fm, ok := f(m)
				if !ok || m == a || m == b {
					break
				}
				if (fm < 0) == (fa < 0) {
					a, fa = m, fm
				} else {
					b = m
				}
			}
			// A jump across 0 (a step) is no root.
			if y, ok := f((a + b) / 2); ok && math.Abs(y) <= 1e-6 {
				add((a + b) / 2)
			}
		}
	}
	sort.Float64s(out)
	return out
}
