package poly

import (
	"context"
	"math/big"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
)

var (
	errDivZero   = diag.Errorf("division by the zero polynomial")
	errNotConst  = diag.Errorf("division in one variable needs a divisor whose leading coefficient is a number")
	errNotExact  = diag.Errorf("polynomial division is not exact")
	errNotInRing = diag.Errorf("not a variable of the polynomial")
)

// charge spends n operations of ctx's budget.
func charge(ctx context.Context, n int) error {
	if m := budget.From(ctx); !m.Work(n) {
		return m.Err()
	}
	return nil
}

// divMono returns a/b for monomials, or false if b does not divide a.
func divMono(a, b []uint32) ([]uint32, bool) {
	out := make([]uint32, len(a))
	for i := range a {
		if a[i] < b[i] {
			return nil, false
		}
		out[i] = a[i] - b[i]
	}
	return out, true
}

// divExact returns a/b when b divides a, by division in the lexicographic
// order; ok is false when it does not divide.
func divExact(a, b Poly) (q Poly, ok bool) {
	q, ok, _ = divExactCtx(nil, a, b)
	return q, ok
}

func divExactCtx(ctx context.Context, a, b Poly) (Poly, bool, error) {
	a, b = align(a, b)
	if b.IsZero() {
		return Poly{}, false, errDivZero
	}
	if b.IsConst() {
		return a.Scale(new(big.Rat).Inv(b.cs[0])), true, nil
	}
	var qb builder
	qb.vars = a.vars
	inv := new(big.Rat).Inv(b.cs[0])
	r := a
	for !r.IsZero() {
		m, ok := divMono(r.mono(0), b.mono(0))
		if !ok {
			return Poly{}, false, nil
		}
		c := new(big.Rat).Mul(r.cs[0], inv)
		qb.add(m, c)
		if err := charge(ctx, r.Len()+b.Len()); err != nil {
			return Poly{}, false, err
		}
		r = Sub(r, b.mulTerm(m, c))
	}
	return qb.poly(), true, nil
}

// Quo returns a/b when b divides a exactly, and an error otherwise.
func Quo(ctx context.Context, a, b Poly) (Poly, error) {
	q, ok, err := divExactCtx(ctx, a, b)
	if err != nil {
		return Poly{}, err
	}
	if !ok {
		return Poly{}, errNotExact
	}
	return q, nil
}

// coeffsIn returns the coefficients of p as a polynomial in variable k:
// out[d] is the coefficient of x_k^d, over the same ring (without x_k).
func (p Poly) coeffsIn(k int) []Poly {
	out := make([]Poly, p.Degree(k)+1)
	bs := make([]builder, len(out))
	for t := range p.Len() {
		m := p.mono(t)
		d := m[k]
		if bs[d].vars == nil {
			bs[d].vars = p.vars
		}
		mm := append([]uint32(nil), m...)
		mm[k] = 0
		bs[d].add(mm, p.cs[t])
	}
	for d := range out {
		// Terms of one degree in x_k come out in order already.
		out[d] = Poly{vars: p.vars, exps: bs[d].exps, cs: bs[d].cs}
	}
	return out
}

// LeadingCoeffIn returns the leading coefficient of p as a polynomial in
// variable k, a polynomial in the others.
func (p Poly) LeadingCoeffIn(k int) Poly { return p.lcIn(k) }

func (p Poly) lcIn(k int) Poly {
	if p.IsZero() {
		return p
	}
	d := uint32(p.Degree(k))
	var b builder
	b.vars = p.vars
	for t := range p.Len() {
		if m := p.mono(t); m[k] == d {
			mm := append([]uint32(nil), m...)
			mm[k] = 0
			b.add(mm, p.cs[t])
		}
	}
	return Poly{vars: p.vars, exps: b.exps, cs: b.cs}
}

// varPow returns x_k^d as a monomial of p's ring.
func (p Poly) varPow(k int, d int) []uint32 {
	m := make([]uint32, p.nv())
	m[k] = uint32(d)
	return m
}

// DivMod divides a by b as polynomials in variable k, the other variables
// being part of the coefficients: a = q b + r with deg_k r < deg_k b. The
// leading coefficient of b in x_k must be a number, as it always is in
// one variable; PseudoDivMod serves the others.
func DivMod(ctx context.Context, a, b Poly, k int) (q, r Poly, err error) {
	a, b = align(a, b)
	if b.IsZero() {
		return Poly{}, Poly{}, errDivZero
	}
	if k < 0 || k >= a.nv() {
		if b.IsConst() {
			return a.Scale(new(big.Rat).Inv(b.cs[0])), Poly{vars: a.vars}, nil
		}
		return Poly{}, Poly{}, errNotInRing
	}
	lc := b.lcIn(k)
	if !lc.IsConst() {
		return Poly{}, Poly{}, errNotConst
	}
	inv := new(big.Rat).Inv(lc.cs[0])
	db := b.Degree(k)
	q, r = Poly{vars: a.vars}, a
	for !r.IsZero() && r.Degree(k) >= db {
		t := r.lcIn(k).mulTerm(a.varPow(k, r.Degree(k)-db), inv)
		if err := charge(ctx, (r.Len()+b.Len())*t.Len()); err != nil {
			return Poly{}, Poly{}, err
		}
		q = Add(q, t)
		r = Sub(r, mustMul(t, b))
	}
	return q, r, nil
}

// PseudoDivMod divides lc^e a by b in variable k, where lc is b's leading
// coefficient in x_k and e = deg_k a - deg_k b + 1 (or 0 when a's degree
// is lower): lc^e a = q b + r with deg_k r < deg_k b, all polynomials.
func PseudoDivMod(ctx context.Context, a, b Poly, k int) (q, r Poly, err error) {
	a, b = align(a, b)
	if b.IsZero() {
		return Poly{}, Poly{}, errDivZero
	}
	db, da := b.Degree(k), a.Degree(k)
	q, r = Poly{vars: a.vars}, a
	if da < db {
		return q, r, nil
	}
	lc := b.lcIn(k)
	e := da - db + 1
	one := big.NewRat(1, 1)
	for !r.IsZero() && r.Degree(k) >= db {
		t := r.lcIn(k).mulTerm(a.varPow(k, r.Degree(k)-db), one)
		if err := charge(ctx, (r.Len()+b.Len())*(t.Len()+lc.Len())); err != nil {
			return Poly{}, Poly{}, err
		}
		q = Add(mustMul(q, lc), t)
		r = Sub(mustMul(r, lc), mustMul(t, b))
		e--
	}
	if e > 0 {
		f, err := Pow(ctx, lc, e)
		if err != nil {
			return Poly{}, Poly{}, err
		}
		q, r = mustMul(q, f), mustMul(r, f)
	}
	return q, r, nil
}

// prem is the pseudo-remainder of a by b in variable k.
func prem(ctx context.Context, a, b Poly, k int) (Poly, error) {
	_, r, err := PseudoDivMod(ctx, a, b, k)
	return r, err
}

// Content returns the rational content of p: the positive rational c with
// p/c a polynomial with coprime integer coefficients (0 for zero).
func (p Poly) Content() *big.Rat {
	if p.IsZero() {
		return new(big.Rat)
	}
	num := new(big.Int)
	den := big.NewInt(1)
	for _, c := range p.cs {
		num.GCD(nil, nil, num, new(big.Int).Abs(c.Num()))
		g := new(big.Int).GCD(nil, nil, den, c.Denom())
		den.Mul(den, new(big.Int).Quo(c.Denom(), g))
	}
	return new(big.Rat).SetFrac(num, den)
}

// Primitive returns p's content and p divided by it, with the sign making
// the leading coefficient positive: p = c q, c rational, q with coprime
// integer coefficients and a positive leading coefficient.
func (p Poly) Primitive() (*big.Rat, Poly) {
	if p.IsZero() {
		return new(big.Rat), p
	}
	c := p.Content()
	if p.cs[0].Sign() < 0 {
		c.Neg(c)
	}
	return c, p.Scale(new(big.Rat).Inv(c))
}

// Monic returns p divided by its leading coefficient.
func (p Poly) Monic() Poly {
	if p.IsZero() {
		return p
	}
	return p.Scale(new(big.Rat).Inv(p.cs[0]))
}

// Diff returns the derivative of p in variable k.
func (p Poly) Diff(k int) Poly {
	var b builder
	b.vars = p.vars
	for t := range p.Len() {
		m := p.mono(t)
		if m[k] == 0 {
			continue
		}
		mm := append([]uint32(nil), m...)
		mm[k]--
		b.add(mm, new(big.Rat).Mul(p.cs[t], new(big.Rat).SetInt64(int64(m[k]))))
	}
	return Poly{vars: p.vars, exps: b.exps, cs: b.cs}
}
