package poly

import (
	"context"
	"math/big"

	"github.com/derivtex/derivtex/expr"
)

// GCDPoly returns the greatest common divisor of a and b over the rationals,
// normalised to coprime integer coefficients with a positive leading
// coefficient (so gcd(2x + 2, 4x + 4) = x + 1). GCD(0, 0) is 0, and the
// GCD of a nonzero number with anything is 1.
//
// It tries a heuristic GCD first (evaluation at a large integer, integer
// GCD, interpolation back, checked by division: SymPy's default), and
// falls back to a recursive primitive remainder sequence, which is always
// right.
func GCDPoly(ctx context.Context, a, b Poly) (Poly, error) {
	return gcd(ctx, a, b)
}

func gcd(ctx context.Context, a, b Poly) (Poly, error) {
	a, b = align(a, b)
	switch {
	case a.IsZero():
		_, q := b.Primitive()
		return q, nil
	case b.IsZero():
		_, q := a.Primitive()
		return q, nil
	case a.IsConst() || b.IsConst():
		return Constant(a.vars, big.NewRat(1, 1)), nil
	}
	// The monomial content (the lowest power of each variable) first.
	m := minMono(a)
	mb := minMono(b)
	for i := range m {
		m[i] = min(m[i], mb[i])
	}
	if a.Len() == 1 || b.Len() == 1 {
		return monoPoly(a.vars, m), nil
	}
	if !isZeroMono(m) {
		a, _ = divExact(a, monoPoly(a.vars, m))
		b, _ = divExact(b, monoPoly(a.vars, m))
	}
	if err := charge(ctx, a.Len()+b.Len()); err != nil {
		return Poly{}, err
	}
	g, ok, err := heuristicGCD(ctx, a, b)
	if err != nil {
		return Poly{}, err
	}
	if !ok {
		if g, err = gcdPRS(ctx, a, b); err != nil {
			return Poly{}, err
		}
	}
	if !isZeroMono(m) {
		g = g.mulTerm(m, ratOne)
	}
	return g, nil
}

func monoPoly(vars []expr.Expr, m []uint32) Poly {
	return Poly{vars: vars, exps: m, cs: []*big.Rat{big.NewRat(1, 1)}}
}

// minMono returns the lowest exponent of each variable over p's terms.
func minMono(p Poly) []uint32 {
	m := append([]uint32(nil), p.mono(0)...)
	for t := 1; t < p.Len(); t++ {
		for i, e := range p.mono(t) {
			m[i] = min(m[i], e)
		}
	}
	return m
}

// mainVar picks the variable to recurse on: one that only one of a and b
// has (then the GCD is that of the other with a content), else the one of
// lowest degree, which keeps remainder sequences short.
func mainVar(a, b Poly) (k int, onlyOne bool) {
	k, best := -1, 0
	for i := range a.nv() {
		da, db := a.Degree(i), b.Degree(i)
		switch {
		case da == 0 && db == 0:
			continue
		case da == 0 || db == 0:
			return i, true
		}
		if d := max(da, db); k < 0 || d < best {
			k, best = i, d
		}
	}
	return k, false
}

// gcdPRS is the GCD of nonconstant a and b by a primitive remainder
// sequence in a main variable, with the contents' GCD found recursively
// in the other variables.
func gcdPRS(ctx context.Context, a, b Poly) (Poly, error) {
	k, onlyOne := mainVar(a, b)
	if onlyOne {
		if a.Degree(k) == 0 {
			a, b = b, a
		}
		c, err := contentIn(ctx, a, k)
		if err != nil {
			return Poly{}, err
		}
		return gcd(ctx, c, b)
	}
	ca, pa, err := primitiveIn(ctx, a, k)
	if err != nil {
		return Poly{}, err
	}
	cb, pb, err := primitiveIn(ctx, b, k)
	if err != nil {
		return Poly{}, err
	}
	c, err := gcd(ctx, ca, cb)
	if err != nil {
		return Poly{}, err
	}
	if pa.Degree(k) < pb.Degree(k) {
		pa, pb = pb, pa
	}
	for {
		r, err := prem(ctx, pa, pb, k)
		if err != nil {
			return Poly{}, err
		}
		if r.IsZero() {
			break
		}
		if r.Degree(k) == 0 {
			pb = Constant(a.vars, big.NewRat(1, 1))
			break
		}
		pa = pb
		if _, pb, err = primitiveIn(ctx, r, k); err != nil {
			return Poly{}, err
		}
	}
	_, g := mustMul(c, pb).Primitive()
	return g, nil
}

// contentIn returns the GCD of p's coefficients as a polynomial in
// variable k.
func contentIn(ctx context.Context, p Poly, k int) (Poly, error) {
	cs := p.coeffsIn(k)
	// Start from the shortest, and stop at 1.
	g := Poly{vars: p.vars}
	best := -1
	for i, c := range cs {
		if !c.IsZero() && (best < 0 || c.Len() < cs[best].Len()) {
			best = i
		}
	}
	g = cs[best]
	for _, c := range cs {
		if c.IsZero() {
			continue
		}
		var err error
		if g, err = gcd(ctx, g, c); err != nil {
			return Poly{}, err
		}
		if g.IsConst() {
			break
		}
	}
	_, g = g.Primitive()
	return g, nil
}

// primitiveIn splits p into its content in variable k and the quotient,
// made integer-primitive with a positive leading coefficient.
func primitiveIn(ctx context.Context, p Poly, k int) (Poly, Poly, error) {
	c, err := contentIn(ctx, p, k)
	if err != nil {
		return Poly{}, Poly{}, err
	}
	q, ok, err := divExactCtx(ctx, p, c)
	if err != nil {
		return Poly{}, Poly{}, err
	}
	if !ok {
		panic("poly: content does not divide")
	}
	_, q = q.Primitive()
	return c, q, nil
}

// LCMPoly returns the least common multiple of a and b, normalised as
// GCDPoly.
func LCMPoly(ctx context.Context, a, b Poly) (Poly, error) {
	if a.IsZero() || b.IsZero() {
		return Poly{vars: a.vars}, nil
	}
	g, err := gcd(ctx, a, b)
	if err != nil {
		return Poly{}, err
	}
	q, err := Quo(ctx, a, g)
	if err != nil {
		return Poly{}, err
	}
	l, err := Mul(ctx, q, b)
	if err != nil {
		return Poly{}, err
	}
	_, l = l.Primitive()
	return l, nil
}
