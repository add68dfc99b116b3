package poly

import (
	"context"
	"math/big"
)

// heuristicGCD is the heuristic GCD of Char and Davenport (SymPy's
// dmp_zz_heu_gcd, without its cofactors): evaluate a main variable at a
// large integer, take the GCD of the images recursively (of integers at
// the bottom), read the answer back from its digits in that base, and
// keep it only if it divides both. ok is false when six evaluation points
// all failed; the caller then falls back to the remainder sequence.
func heuristicGCD(ctx context.Context, a, b Poly) (Poly, bool, error) {
	_, a = a.Primitive()
	_, b = b.Primitive()
	return heu(ctx, a, b, 0)
}

// heu is the heuristic GCD of a and b, integer polynomials, normalised
// as GCD's answers except for its integer content, which it keeps.
func heu(ctx context.Context, a, b Poly, depth int) (Poly, bool, error) {
	if a.IsZero() || b.IsZero() {
		return Poly{}, false, nil
	}
	k := -1
	for i := range a.nv() {
		if a.Degree(i) > 0 || b.Degree(i) > 0 {
			k = i
			break
		}
	}
	if k < 0 { // two integers
		g := new(big.Int).GCD(nil, nil, new(big.Int).Abs(a.cs[0].Num()), new(big.Int).Abs(b.cs[0].Num()))
		return Constant(a.vars, new(big.Rat).SetInt(g)), true, nil
	}
	ca, cb := a.Content(), b.Content()
	content := new(big.Int).GCD(nil, nil, ca.Num(), cb.Num())
	_, pa := a.Primitive()
	_, pb := b.Primitive()
	na, nb := maxNorm(pa), maxNorm(pb)
	bound := new(big.Int).Add(new(big.Int).Lsh(minInt(na, nb), 1), big.NewInt(29))
	x := minInt(bound, new(big.Int).Mul(big.NewInt(99), new(big.Int).Sqrt(bound)))
	la := new(big.Int).Quo(na, new(big.Int).Abs(pa.cs[0].Num()))
	lb := new(big.Int).Quo(nb, new(big.Int).Abs(pb.cs[0].Num()))
	y := new(big.Int).Add(new(big.Int).Lsh(minInt(la, lb), 1), big.NewInt(2))
	if y.Cmp(x) > 0 {
		x = y
	}
	for range 6 {
		if err := charge(ctx, (pa.Len()+pb.Len())*(1+x.BitLen()/64)); err != nil {
			return Poly{}, false, err
		}
		fa, fb := evalAt(pa, k, x), evalAt(pb, k, x)
		if !fa.IsZero() && !fb.IsZero() {
			h, ok, err := heu(ctx, fa, fb, depth+1)
			if err != nil {
				return Poly{}, false, err
			}
			if ok {
				h = interpolate(h, k, x)
				_, h = h.Primitive()
				if !h.IsZero() && divides(ctx, h, pa) && divides(ctx, h, pb) {
					return h.Scale(new(big.Rat).SetInt(content)), true, nil
				}
			}
		}
		// x = 73794 x sqrt(sqrt(x)) / 27011, as SymPy steps it.
		s := new(big.Int).Sqrt(new(big.Int).Sqrt(x))
		x = new(big.Int).Quo(new(big.Int).Mul(new(big.Int).Mul(big.NewInt(73794), x), s), big.NewInt(27011))
	}
	return Poly{}, false, nil
}

func divides(ctx context.Context, d, p Poly) bool {
	_, ok, err := divExactCtx(ctx, p, d)
	return err == nil && ok
}

func minInt(a, b *big.Int) *big.Int {
	if a.Cmp(b) < 0 {
		return a
	}
	return b
}

// maxNorm returns the largest absolute value of p's coefficients, which
// must be integers.
func maxNorm(p Poly) *big.Int {
	m := new(big.Int)
	for _, c := range p.cs {
		if c.Num().CmpAbs(m) > 0 {
			m.Abs(c.Num())
		}
	}
	return m
}

// evalAt substitutes the integer x for variable k.
func evalAt(p Poly, k int, x *big.Int) Poly {
	var b builder
	b.vars = p.vars
	pows := map[uint32]*big.Int{}
	for t := range p.Len() {
		m := append([]uint32(nil), p.mono(t)...)
		e := m[k]
		xe, ok := pows[e]
		if !ok {
			xe = new(big.Int).Exp(x, big.NewInt(int64(e)), nil)
			pows[e] = xe
		}
		m[k] = 0
		b.add(m, new(big.Rat).SetInt(new(big.Int).Mul(p.cs[t].Num(), xe)))
	}
	return b.poly()
}

// interpolate reads h, the image of a polynomial at x_k = x, back as a
// polynomial in x_k whose coefficients are the symmetric digits of h's in
// base x.
func interpolate(h Poly, k int, x *big.Int) Poly {
	var b builder
	b.vars = h.vars
	half := new(big.Int).Rsh(x, 1)
	for i := uint32(0); !h.IsZero(); i++ {
		var digit builder
		digit.vars = h.vars
		for t := range h.Len() {
			r := new(big.Int).Mod(h.cs[t].Num(), x)
			if r.Cmp(half) > 0 {
				r.Sub(r, x)
			}
			if r.Sign() != 0 {
				m := append([]uint32(nil), h.mono(t)...)
				digit.add(m, new(big.Rat).SetInt(r))
				m2 := append([]uint32(nil), m...)
				m2[k] = i
				b.add(m2, new(big.Rat).SetInt(r))
			}
		}
		d := digit.poly()
		h = Sub(h, d).Scale(new(big.Rat).SetFrac(big.NewInt(1), x))
	}
	return b.poly()
}
