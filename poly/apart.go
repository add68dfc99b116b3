package poly

import (
	"context"
	"math/big"

	"github.com/derivtex/derivtex/diag"
)

// extGCD returns s and t with s a + t b = 1, for a and b coprime
// polynomials in variable k alone.
func extGCD(ctx context.Context, a, b Poly, k int) (s, t Poly, err error) {
	a, b = align(a, b)
	one := Constant(a.vars, big.NewRat(1, 1))
	zero := Poly{vars: a.vars}
	r0, r1 := a, b
	s0, s1 := one, zero
	t0, t1 := zero, one
	for !r1.IsZero() {
		q, r, err := DivMod(ctx, r0, r1, k)
		if err != nil {
			return Poly{}, Poly{}, err
		}
		r0, r1 = r1, r
		s0, s1 = s1, Sub(s0, mustMul(q, s1))
		t0, t1 = t1, Sub(t0, mustMul(q, t1))
	}
	if !r0.IsConst() {
		return Poly{}, Poly{}, diag.Internalf("poly: extGCD of polynomials with a common factor")
	}
	inv := new(big.Rat).Inv(r0.cs[0])
	return s0.Scale(inv), t0.Scale(inv), nil
}

// Fraction is one term c/f^m of a partial fraction decomposition.
type Fraction struct {
	Num   Poly // of lower degree than Denom in the variable
	Denom Poly // irreducible, integer-primitive
	Mult  int
}

// ApartList decomposes num/den into partial fractions in variable k: a
// polynomial part and a sum of Num/Denom^Mult with each Denom an
// irreducible factor of den over the rationals and deg Num < deg Denom.
// den must involve x_k alone; num may involve other variables, which are
// then parameters of the numerators.
func ApartList(ctx context.Context, num, den Poly, k int) (Poly, []Fraction, error) {
	num, den = align(num, den)
	if den.IsZero() {
		return Poly{}, nil, errDivZero
	}
	for _, j := range usedVars(den) {
		if j != k {
			return Poly{}, nil, diag.Errorf("apart: the denominator %s involves %s as well as %s", den, den.vars[j], den.vars[k])
		}
	}
	num, den, err := cancel(ctx, num, den)
	if err != nil {
		return Poly{}, nil, err
	}
	if den.IsConst() {
		return num.Scale(new(big.Rat).Inv(den.cs[0])), nil, nil
	}
	poly, r, err := DivMod(ctx, num, den, k)
	if err != nil {
		return Poly{}, nil, err
	}
	c, fs, err := FactorList(ctx, den)
	if err != nil {
		return Poly{}, nil, err
	}
	r = r.Scale(new(big.Rat).Inv(c))
	rest := den.Scale(new(big.Rat).Inv(c)) // the product of the factors still to split off
	var out []Fraction
	for i, f := range fs {
		u, err := Pow(ctx, f.Poly, f.Mult)
		if err != nil {
			return Poly{}, nil, err
		}
		a := r
		if i < len(fs)-1 {
			w, err := Quo(ctx, rest, u)
			if err != nil {
				return Poly{}, nil, err
			}
			// r/(u w) = r t/u + r s/w, with s u + t w = 1.
			s, t, err := extGCD(ctx, u, w, k)
			if err != nil {
				return Poly{}, nil, err
			}
			if _, a, err = DivMod(ctx, mustMul(r, t), u, k); err != nil {
				return Poly{}, nil, err
			}
			if _, r, err = DivMod(ctx, mustMul(r, s), w, k); err != nil {
				return Poly{}, nil, err
			}
			rest = w
		}
		// a/f^m = sum_j c_j/f^j, the c_j the digits of a in base f.
		for j := f.Mult; j >= 1 && !a.IsZero(); j-- {
			q, c, err := DivMod(ctx, a, f.Poly, k)
			if err != nil {
				return Poly{}, nil, err
			}
			if !c.IsZero() {
				out = append(out, Fraction{c, f.Poly, j})
			}
			a = q
		}
	}
	return poly, out, nil
}
