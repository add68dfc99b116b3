package expr

import "math"

// EvalFunc turns x, a term in the one variable v, into a function of v's
// value that computes what Eval would with v bound in Env.Scalars, bit
// for bit, with no allocation: the same operations in the same order. It
// returns false where Eval would fail (a domain error, a NaN or an
// infinity on the way), not saying why. For a term it does not compile
// (sums, indexed names, other free symbols, numbers out of float64's
// range, which Eval reads exactly) ok is false: call Eval instead. The
// derivatives of a network's functions are evaluated this way at every
// entry of a backward pass.
func EvalFunc(x Expr, v *Symbol) (f func(float64) (float64, bool), ok bool) {
	c := compileFloat(x, v)
	if c == nil {
		return nil, false
	}
	return c, true
}

// floatFunc is a compiled term: its value, false where Eval fails.
type floatFunc func(u float64) (float64, bool)

// compileFloat compiles x as evaluator.eval evaluates it, or returns nil.
func compileFloat(x Expr, v *Symbol) floatFunc {
	if x.hdr().flags&(flagOutOfRange|flagUndefined) != 0 {
		return nil
	}
	var c floatFunc
	switch x := x.(type) {
	case *Number:
		f := x.Float()
		c = func(float64) (float64, bool) { return f, true }
	case *Symbol:
		switch x {
		case v:
			c = func(u float64) (float64, bool) { return u, true }
		case Pi:
			c = func(float64) (float64, bool) { return math.Pi, true }
		default:
			return nil
		}
	case *AddExpr:
		terms := compileAll(x.terms, v)
		if terms == nil {
			return nil
		}
		c = func(u float64) (float64, bool) {
			s := 0.0
			for _, t := range terms {
				a, ok := t(u)
				if !ok {
					return 0, false
				}
				s += a
			}
			return s, true
		}
	case *MulExpr:
		factors := compileAll(x.factors, v)
		if factors == nil {
			return nil
		}
		c = func(u float64) (float64, bool) {
			p := 1.0
			for _, f := range factors {
				a, ok := f(u)
				if !ok {
					return 0, false
				}
				p *= a
			}
			return p, true
		}
	case *PowExpr:
		c = compilePow(x, v)
	case *CallExpr:
		args := compileAll(x.args, v)
		if args == nil {
			return nil
		}
		fn := x.fn
		c = func(u float64) (float64, bool) {
			var buf [2]float64
			vals := buf[:0]
			for _, a := range args {
				r, ok := a(u)
				if !ok {
					return 0, false
				}
				vals = append(vals, r)
			}
			r, err := fn.Eval(vals)
			return r, err == nil
		}
	}
	if c == nil {
		return nil
	}
	// Eval fails at a NaN or an infinity of any subterm.
	return func(u float64) (float64, bool) {
		r, ok := c(u)
		return r, ok && !math.IsNaN(r) && !math.IsInf(r, 0)
	}
}

// compileAll compiles every term, or returns nil.
func compileAll(xs []Expr, v *Symbol) []floatFunc {
	out := make([]floatFunc, len(xs))
	for i, x := range xs {
		if out[i] = compileFloat(x, v); out[i] == nil {
			return nil
		}
	}
	return out
}

// compilePow is evaluator.power without wide numbers.
func compilePow(x *PowExpr, v *Symbol) floatFunc {
	base, exp := compileFloat(x.base, v), compileFloat(x.exp, v)
	if base == nil || exp == nil {
		return nil
	}
	// rootSign: a negative base to a rational power with an odd
	// denominator is real, negative for an odd numerator.
	oddRoot, negRoot := false, false
	if n, ok := x.exp.(*Number); ok && !n.IsInt() && n.Den().Bit(0) == 1 {
		oddRoot, negRoot = true, n.Num().Bit(0) == 1
	}
	return func(u float64) (float64, bool) {
		b, ok := base(u)
		if !ok {
			return 0, false
		}
		e, ok := exp(u)
		if !ok {
			return 0, false
		}
		if b == 0 && e < 0 {
			return 0, false
		}
		if b < 0 && e != math.Trunc(e) {
			if !oddRoot {
				return 0, false
			}
			if negRoot {
				return -math.Pow(-b, e), true
			}
			return math.Pow(-b, e), true
		}
		return math.Pow(b, e), true
	}
}
