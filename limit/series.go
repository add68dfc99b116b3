package limit

import (
	"context"
	"errors"
	"math"
	"math/big"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/simplify"
)

// scale is t^p e^(q t) (log t)^m, a function of t as t → +∞. Scales
// are ordered by q, then p, then m: e^t outgrows every power, and a power
// every power of log t.
type scale struct {
	q, p *big.Rat
	m    int
}

var one = scale{q: new(big.Rat), p: new(big.Rat)}

func (s scale) mul(o scale) scale {
	return scale{q: new(big.Rat).Add(s.q, o.q), p: new(big.Rat).Add(s.p, o.p), m: s.m + o.m}
}

func (s scale) inv() scale {
	return scale{q: new(big.Rat).Neg(s.q), p: new(big.Rat).Neg(s.p), m: -s.m}
}

// cmp is -1, 0 or 1 as s grows slower than, like, or faster than o.
func (s scale) cmp(o scale) int {
	if c := s.q.Cmp(o.q); c != 0 {
		return c
	}
	if c := s.p.Cmp(o.p); c != 0 {
		return c
	}
	switch {
	case s.m < o.m:
		return -1
	case s.m > o.m:
		return 1
	}
	return 0
}

// growth is 1 when the scale tends to ∞, 0 for the constant 1, -1 when
// it tends to 0.
func (s scale) growth() int { return s.cmp(one) }

// term is c times a scale; osc marks a factor that oscillates without
// a limit and stays between two bounds away from 0 (sin t), which the
// scale multiplies.
type term struct {
	c   expr.Expr // a real constant, never 0
	s   scale
	osc bool
}

// series is sum(terms) + o(rem): the terms ordered from the fastest
// growing, each of a scale at least rem; exact (rem nil) when the sum
// is the whole function.
type series struct {
	terms []term
	rem   *scale
}

// errOut is an expression outside the classes the procedure handles;
// errUndecided a cancellation past the terms kept. Either makes the
// caller fall back to numbers.
var (
	errOut       = errors.New("outside the classes handled")
	errUndecided = errors.New("cancellation past the terms kept")
)

// maxTerms is how many terms a series keeps: enough for the
// cancellations of rational functions of exponentials of low degree.
const maxTerms = 8

// engine does the arithmetic, with a work budget.
type engine struct {
	ctx    context.Context
	work   int
	tooBig bool // a coefficient grew past maxCoeff
}

// maxWork bounds the term operations of one limit.
const maxWork = 200000

func (e *engine) charge(n int) error {
	e.work += n
	if e.work > maxWork || e.tooBig {
		return errUndecided
	}
	return e.ctx.Err()
}

// constant is the series of a constant.
func constant(c expr.Expr) series {
	if isZero(c) {
		return series{}
	}
	return series{terms: []term{{c: c, s: one}}}
}

func isZero(c expr.Expr) bool {
	n, ok := c.(*expr.Number)
	return ok && n.Sign() == 0
}

// value is a constant's float value.
func value(c expr.Expr) (float64, bool) {
	if n, ok := c.(*expr.Number); ok {
		return n.Float(), true
	}
	v, err := expr.Eval(c, expr.Env{})
	return v, err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
}

// sign is the sign of a nonzero constant.
func sign(c expr.Expr) (int, error) {
	v, ok := value(c)
	if !ok || v == 0 {
		return 0, errOut
	}
	if v > 0 {
		return 1, nil
	}
	return -1, nil
}

// maxCoeff bounds the distinct subterms of a coefficient: past it the
// exact arithmetic costs more than the answer is worth.
const maxCoeff = 300

// addC is a + b, with 0 when they cancel exactly. The constructors fold
// numbers; simplify is asked only when the float value says the sum
// may be 0, and a sum that only rounding tells from 0 is undecided.
func (e *engine) addC(a, b expr.Expr) (expr.Expr, error) {
	s := expr.Add(a, b)
	if _, num := s.(*expr.Number); num {
		return s, nil
	}
	va, _ := value(a)
	vb, _ := value(b)
	v, ok := value(s)
	if !ok {
		return nil, errOut
	}
	tiny := 1e-9 * (math.Abs(va) + math.Abs(vb))
	if math.Abs(v) > tiny {
		return s, e.sized(s)
	}
	if err := e.charge(expr.Size(s)); err != nil {
		return nil, err
	}
	s, _ = simplify.Simplify(e.ctx, s)
	if isZero(s) {
		return s, nil
	}
	return nil, errUndecided
}

func (e *engine) mulC(a, b expr.Expr) expr.Expr {
	p := expr.Mul(a, b)
	if e.sized(p) != nil {
		e.tooBig = true
	}
	return p
}

// sized refuses a coefficient past maxCoeff.
func (e *engine) sized(c expr.Expr) error {
	if _, num := c.(*expr.Number); num {
		return nil
	}
	if expr.Size(c) > maxCoeff {
		return errUndecided
	}
	return nil
}

// keep drops the terms below rem and truncates to maxTerms.
func keep(ts []term, rem *scale) series {
	var out []term
	for _, t := range ts {
		if rem == nil || t.s.cmp(*rem) >= 0 {
			out = append(out, t)
		}
	}
	if len(out) > maxTerms {
		r := out[maxTerms-1].s
		out, rem = out[:maxTerms], &r
	}
	return series{terms: out, rem: rem}
}

// maxRem is the larger of two remainders (nil: none).
func maxRem(a, b *scale) *scale {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case a.cmp(*b) >= 0:
		return a
	}
	return b
}

func (e *engine) add(a, b series) (series, error) {
	if err := e.charge(len(a.terms) + len(b.terms)); err != nil {
		return series{}, err
	}
	var ts []term
	i, j := 0, 0
	for i < len(a.terms) || j < len(b.terms) {
		switch {
		case j == len(b.terms) || i < len(a.terms) && a.terms[i].s.cmp(b.terms[j].s) > 0:
			ts = append(ts, a.terms[i])
			i++
		case i == len(a.terms) || a.terms[i].s.cmp(b.terms[j].s) < 0:
			ts = append(ts, b.terms[j])
			j++
		default:
			x, y := a.terms[i], b.terms[j]
			i, j = i+1, j+1
			switch {
			case x.osc && y.osc:
				return series{}, errUndecided // two oscillations may cancel
			case x.osc || y.osc:
				// A constant multiple of the scale added to an
				// oscillation still oscillates: t sin t + t.
				ts = append(ts, term{c: expr.One, s: x.s, osc: true})
				continue
			}
			c, err := e.addC(x.c, y.c)
			if err != nil {
				return series{}, err
			}
			if !isZero(c) {
				ts = append(ts, term{c: c, s: x.s})
			}
		}
	}
	return keep(ts, maxRem(a.rem, b.rem)), nil
}

func (e *engine) neg(a series) series {
	out := series{rem: a.rem}
	for _, t := range a.terms {
		out.terms = append(out.terms, term{c: expr.Neg(t.c), s: t.s, osc: t.osc})
	}
	return out
}

func (e *engine) mul(a, b series) (series, error) {
	if len(a.terms) == 0 && a.rem == nil || len(b.terms) == 0 && b.rem == nil {
		return series{}, nil // exactly 0
	}
	switch {
	case len(a.terms) == 0 && len(b.terms) == 0:
		return series{}, errUndecided
	case len(a.terms) == 0:
		r := a.rem.mul(b.terms[0].s)
		return series{rem: &r}, nil
	case len(b.terms) == 0:
		r := b.rem.mul(a.terms[0].s)
		return series{rem: &r}, nil
	}
	if err := e.charge(len(a.terms) * len(b.terms)); err != nil {
		return series{}, err
	}
	var rem *scale
	if a.rem != nil {
		r := a.rem.mul(b.terms[0].s)
		rem = &r
	}
	if b.rem != nil {
		r := b.rem.mul(a.terms[0].s)
		rem = maxRem(rem, &r)
	}
	sum := series{}
	for _, x := range a.terms {
		var row []term
		for _, y := range b.terms {
			s := x.s.mul(y.s)
			if rem != nil && s.cmp(*rem) < 0 {
				continue
			}
			row = append(row, term{c: e.mulC(x.c, y.c), s: s, osc: x.osc || y.osc})
		}
		var err error
		if sum, err = e.add(sum, series{terms: row}); err != nil {
			return series{}, err
		}
	}
	return keep(sum.terms, maxRem(rem, sum.rem)), nil
}

// lead splits a into its leading term and r with a = lead (1 + r), r
// tending to 0.
func (e *engine) lead(a series) (term, series, error) {
	if len(a.terms) == 0 {
		if a.rem == nil {
			return term{}, series{}, errOut // exactly 0
		}
		return term{}, series{}, errUndecided
	}
	l := a.terms[0]
	if l.osc {
		return term{}, series{}, errOut
	}
	inv := l.s.inv()
	r := series{}
	for _, t := range a.terms[1:] {
		r.terms = append(r.terms, term{c: e.mulC(t.c, expr.Pow(l.c, expr.MinusOne)), s: t.s.mul(inv), osc: t.osc})
	}
	if a.rem != nil {
		s := a.rem.mul(inv)
		r.rem = &s
	}
	return l, r, nil
}

// power is sum_k coeff(k) r^k for k = 0..maxTerms, r tending to 0: the
// Taylor series of a function at 0 in r.
func (e *engine) power(r series, coeff func(k int) expr.Expr) (series, error) {
	sum := constant(coeff(0))
	if len(r.terms) == 0 && r.rem != nil {
		return keep(sum.terms, r.rem), nil // coeff(0) + o(r)
	}
	pow := constant(expr.One)
	for k := 1; k <= maxTerms; k++ {
		if len(r.terms) == 0 && r.rem == nil {
			break
		}
		var err error
		if pow, err = e.mul(pow, r); err != nil {
			return series{}, err
		}
		if len(pow.terms) == 0 && pow.rem == nil {
			break
		}
		c := coeff(k)
		if isZero(c) {
			continue
		}
		if sum, err = e.add(sum, e.scaleBy(pow, c)); err != nil {
			return series{}, err
		}
	}
	// The rest is of the order of r's leading scale to the next power.
	if len(r.terms) > 0 || r.rem != nil {
		s := one
		lead := r.rem
		if len(r.terms) > 0 {
			lead = &r.terms[0].s
		}
		for range maxTerms {
			s = s.mul(*lead)
		}
		sum = keep(sum.terms, maxRem(sum.rem, &s))
	}
	return sum, nil
}

func (e *engine) scaleBy(a series, c expr.Expr) series {
	out := series{rem: a.rem}
	for _, t := range a.terms {
		out.terms = append(out.terms, term{c: e.mulC(t.c, c), s: t.s, osc: t.osc})
	}
	return out
}

// tendsTo0 reports whether every term and the remainder tend to 0.
func tendsTo0(a series) bool {
	for _, t := range a.terms {
		if t.s.growth() >= 0 {
			return false
		}
	}
	return a.rem == nil || a.rem.growth() < 0
}

// split cuts a into the terms that grow, the constant term, and the
// rest, which tends to 0; the remainder must tend to 0.
func split(a series) (big []term, c expr.Expr, small series, err error) {
	if a.rem != nil && a.rem.growth() >= 0 {
		return nil, nil, series{}, errUndecided
	}
	c = expr.Zero
	small.rem = a.rem
	for _, t := range a.terms {
		switch g := t.s.growth(); {
		case t.osc && g >= 0:
			return nil, nil, series{}, errOut
		case g > 0:
			big = append(big, t)
		case g == 0:
			c = t.c
		default:
			small.terms = append(small.terms, t)
		}
	}
	return big, c, small, nil
}
