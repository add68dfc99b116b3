package equiv

import (
	"math"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// numericTol is the relative tolerance when a side is a derivative the
// engine could not work out and is evaluated by central differences
// (with Richardson extrapolation their error is about h^4, far below it).
const numericTol = 1e-6

// numericDerivative reports whether x is a derivative that evaluation
// can approximate: diff(body, v) with no derivative inside body, v a
// variable or an element (w[j] with j an index symbol given a value at
// each point).
func numericDerivative(x expr.Expr) bool {
	d, ok := x.(*expr.Derivative)
	return ok && !expr.HasDerivative(d.Body())
}

// value is x at p: by evaluation, or for a derivative left unevaluated
// (see numericDerivative) by central differences.
func (d *decider) value(x expr.Expr, p *point, env expr.Env) (float64, error) {
	dv, ok := x.(*expr.Derivative)
	if !ok {
		return expr.Eval(x, env)
	}
	at := func(delta float64) (float64, error) {
		q := p.clone()
		if err := nudge(q, dv.Var(), env, delta); err != nil {
			return 0, err
		}
		e := q.env()
		e.Meter = d.m
		return expr.Eval(dv.Body(), e)
	}
	x0, err := coordinate(p, dv.Var(), env)
	if err != nil {
		return 0, err
	}
	h := 1e-3 * max(1, math.Abs(x0))
	central := func(h float64) (float64, error) {
		a, err := at(h)
		if err != nil {
			return 0, err
		}
		b, err := at(-h)
		if err != nil {
			return 0, err
		}
		return (a - b) / (2 * h), nil
	}
	d1, err := central(h)
	if err != nil {
		return 0, err
	}
	d2, err := central(h / 2)
	if err != nil {
		return 0, err
	}
	return (4*d2 - d1) / 3, nil
}

// coordinate is the value of the variable v at p.
func coordinate(p *point, v expr.Expr, env expr.Env) (float64, error) {
	switch y := v.(type) {
	case *expr.Symbol:
		return p.scalars[y.Name()], nil
	case *expr.Indexed:
		a, k, err := element(p, y, env)
		if err != nil {
			return 0, err
		}
		return a.Data[k], nil
	}
	return 0, diag.Errorf("cannot differentiate with respect to %s", v)
}

// nudge adds delta to the variable v at q.
func nudge(q *point, v expr.Expr, env expr.Env, delta float64) error {
	switch y := v.(type) {
	case *expr.Symbol:
		q.scalars[y.Name()] += delta
		return nil
	case *expr.Indexed:
		a, k, err := element(q, y, env)
		if err != nil {
			return err
		}
		a.Data[k] += delta
		return nil
	}
	return diag.Errorf("cannot differentiate with respect to %s", v)
}

// element finds the entry y (w[j], its indices evaluated at the point) in
// its array at q: the array and the entry's flat position.
func element(q *point, y *expr.Indexed, env expr.Env) (expr.Array, int, error) {
	a, ok := q.arrays[y.Name()]
	if !ok || len(a.Shape) != len(y.Index()) {
		return a, 0, diag.Errorf("no value for %s", y)
	}
	k := 0
	for i, ix := range y.Index() {
		f, err := expr.Eval(ix, env)
		if err != nil {
			return a, 0, err
		}
		n := int(f)
		if float64(n) != f || n < 1 || n > a.Shape[i] {
			return a, 0, diag.Errorf("index %s out of range", ix)
		}
		k = k*a.Shape[i] + n - 1
	}
	return a, k, nil
}
