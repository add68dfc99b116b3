package poly

import (
	"math/big"
	"math/rand/v2"
)

// gf is a dense polynomial over the integers modulo a prime p < 2^31,
// coefficients low degree first, no trailing zeros (nil is zero). It
// serves Zassenhaus's factorisation, which factors modulo a small prime
// first.
type gf []int64

func (f gf) deg() int { return len(f) - 1 }

func (f gf) trim() gf {
	for len(f) > 0 && f[len(f)-1] == 0 {
		f = f[:len(f)-1]
	}
	return f
}

func modp(a, p int64) int64 {
	a %= p
	if a < 0 {
		a += p
	}
	return a
}

// invp returns 1/a modulo p.
func invp(a, p int64) int64 {
	return new(big.Int).ModInverse(big.NewInt(modp(a, p)), big.NewInt(p)).Int64()
}

func gfSub(f, g gf, p int64) gf {
	out := make(gf, max(len(f), len(g)))
	copy(out, f)
	for i, c := range g {
		out[i] = modp(out[i]-c, p)
	}
	return out.trim()
}

func gfMul(f, g gf, p int64) gf {
	if len(f) == 0 || len(g) == 0 {
		return nil
	}
	out := make(gf, len(f)+len(g)-1)
	for i, a := range f {
		if a == 0 {
			continue
		}
		for j, b := range g {
			out[i+j] = (out[i+j] + a*b) % p
		}
	}
	return out.trim()
}

// gfDivMod divides f by g (nonzero) modulo p.
func gfDivMod(f, g gf, p int64) (q, r gf) {
	r = append(gf(nil), f...)
	if len(r) < len(g) {
		return nil, r
	}
	inv := invp(g[len(g)-1], p)
	q = make(gf, len(r)-len(g)+1)
	for d := len(r) - len(g); d >= 0; d-- {
		c := r[d+len(g)-1] * inv % p
		q[d] = c
		if c == 0 {
			continue
		}
		for i, b := range g {
			r[d+i] = modp(r[d+i]-c*b, p)
		}
	}
	return q.trim(), r.trim()
}

func gfRem(f, g gf, p int64) gf { _, r := gfDivMod(f, g, p); return r }

func gfMonic(f gf, p int64) gf {
	if len(f) == 0 {
		return f
	}
	inv := invp(f[len(f)-1], p)
	out := make(gf, len(f))
	for i, c := range f {
		out[i] = c * inv % p
	}
	return out
}

// gfGCD returns the monic GCD of f and g modulo p.
func gfGCD(f, g gf, p int64) gf {
	for len(g) > 0 {
		f, g = g, gfRem(f, g, p)
	}
	return gfMonic(f, p)
}

// gfInvMod returns a with a f = 1 modulo g and p, for f coprime to g.
func gfInvMod(f, g gf, p int64) gf {
	// Extended Euclid on (g, f), tracking f's cofactor.
	r0, r1 := g, gfRem(f, g, p)
	s0, s1 := gf(nil), gf{1}
	for len(r1) > 0 {
		q, r := gfDivMod(r0, r1, p)
		r0, r1 = r1, r
		s0, s1 = s1, gfSub(s0, gfMul(q, s1, p), p)
	}
	// r0 is a nonzero constant.
	inv := invp(r0[0], p)
	out := make(gf, len(s0))
	for i, c := range s0 {
		out[i] = c * inv % p
	}
	return gfRem(out.trim(), g, p)
}

func gfDiff(f gf, p int64) gf {
	if len(f) <= 1 {
		return nil
	}
	out := make(gf, len(f)-1)
	for i := 1; i < len(f); i++ {
		out[i-1] = f[i] * int64(i) % p
	}
	return out.trim()
}

// gfPowMod returns f^e modulo g and p.
func gfPowMod(f gf, e *big.Int, g gf, p int64) gf {
	out := gf{1}
	base := gfRem(f, g, p)
	for i := e.BitLen() - 1; i >= 0; i-- {
		out = gfRem(gfMul(out, out, p), g, p)
		if e.Bit(i) == 1 {
			out = gfRem(gfMul(out, base, p), g, p)
		}
	}
	return out
}

// gfFactorSqf factors a monic square-free f modulo an odd prime p into
// monic irreducibles: distinct-degree factorisation, then Cantor and
// Zassenhaus's equal-degree splitting with random polynomials drawn
// from r.
func gfFactorSqf(f gf, p int64, r *rand.Rand) []gf {
	var out []gf
	x := gf{0, 1}
	h := x
	bp := big.NewInt(p)
	for d := 1; 2*d <= f.deg(); d++ {
		h = gfPowMod(h, bp, f, p)
		g := gfGCD(f, gfSub(h, x, p), p)
		if g.deg() > 0 {
			out = append(out, gfEqualDegree(g, d, p, r)...)
			f, _ = gfDivMod(f, g, p)
			h = gfRem(h, f, p)
		}
	}
	if f.deg() > 0 {
		out = append(out, gfMonic(f, p))
	}
	return out
}

// gfEqualDegree splits f, a product of distinct monic irreducibles of
// degree d, into them.
func gfEqualDegree(f gf, d int, p int64, r *rand.Rand) []gf {
	if f.deg() == d {
		return []gf{f}
	}
	// (p^d - 1)/2
	e := new(big.Int).Exp(big.NewInt(p), big.NewInt(int64(d)), nil)
	e.Sub(e, big.NewInt(1)).Rsh(e, 1)
	for {
		a := make(gf, f.deg())
		for i := range a {
			a[i] = r.Int64N(p)
		}
		a = a.trim()
		if a.deg() < 1 {
			continue
		}
		b := gfSub(gfPowMod(a, e, f, p), gf{1}, p)
		g := gfGCD(f, b, p)
		if g.deg() > 0 && g.deg() < f.deg() {
			q, _ := gfDivMod(f, g, p)
			return append(gfEqualDegree(g, d, p, r), gfEqualDegree(gfMonic(q, p), d, p, r)...)
		}
	}
}
