package poly

import (
	"context"
	"math/big"
	"math/rand/v2"
)

// zpoly is a dense polynomial with integer coefficients, low degree first,
// no trailing zeros.
type zpoly []*big.Int

func (f zpoly) deg() int { return len(f) - 1 }

func (f zpoly) lc() *big.Int { return f[len(f)-1] }

func (f zpoly) trim() zpoly {
	for len(f) > 0 && f[len(f)-1].Sign() == 0 {
		f = f[:len(f)-1]
	}
	return f
}

func zMul(f, g zpoly) zpoly {
	if len(f) == 0 || len(g) == 0 {
		return nil
	}
	out := make(zpoly, len(f)+len(g)-1)
	for i := range out {
		out[i] = new(big.Int)
	}
	t := new(big.Int)
	for i, a := range f {
		if a.Sign() == 0 {
			continue
		}
		for j, b := range g {
			out[i+j].Add(out[i+j], t.Mul(a, b))
		}
	}
	return out.trim()
}

// zMod reduces f's coefficients into the symmetric range of m.
func zMod(f zpoly, m *big.Int) zpoly {
	half := new(big.Int).Rsh(m, 1)
	out := make(zpoly, len(f))
	for i, c := range f {
		r := new(big.Int).Mod(c, m)
		if r.Cmp(half) > 0 {
			r.Sub(r, m)
		}
		out[i] = r
	}
	return out.trim()
}

// zQuoExact returns f/g when g divides f over the integers.
func zQuoExact(f, g zpoly) (zpoly, bool) {
	if len(f) < len(g) {
		return nil, len(f) == 0
	}
	r := make(zpoly, len(f))
	for i, c := range f {
		r[i] = new(big.Int).Set(c)
	}
	q := make(zpoly, len(f)-len(g)+1)
	lc := g.lc()
	rem := new(big.Int)
	t := new(big.Int)
	for d := len(q) - 1; d >= 0; d-- {
		c, m := new(big.Int).QuoRem(r[d+len(g)-1], lc, rem)
		if m.Sign() != 0 {
			return nil, false
		}
		q[d] = c
		if c.Sign() == 0 {
			continue
		}
		for i, b := range g {
			r[d+i].Sub(r[d+i], t.Mul(c, b))
		}
	}
	for _, c := range r {
		if c.Sign() != 0 {
			return nil, false
		}
	}
	return q.trim(), true
}

// zPrimitive divides f by the GCD of its coefficients, with a positive
// leading coefficient.
func zPrimitive(f zpoly) zpoly {
	g := new(big.Int)
	for _, c := range f {
		g.GCD(nil, nil, g, new(big.Int).Abs(c))
	}
	if f.lc().Sign() < 0 {
		g.Neg(g)
	}
	out := make(zpoly, len(f))
	for i, c := range f {
		out[i] = new(big.Int).Quo(c, g)
	}
	return out
}

func (f zpoly) modp(p int64) gf {
	out := make(gf, len(f))
	bp := big.NewInt(p)
	for i, c := range f {
		out[i] = new(big.Int).Mod(c, bp).Int64()
	}
	return out.trim()
}

func fromGF(f gf) zpoly {
	out := make(zpoly, len(f))
	for i, c := range f {
		out[i] = big.NewInt(c)
	}
	return out
}

// smallPrimes are the odd primes Zassenhaus tries, in order.
var smallPrimes = func() []int64 {
	var ps []int64
	for n := int64(3); len(ps) < 200; n += 2 {
		prime := true
		for _, q := range ps {
			if q*q > n {
				break
			}
			if n%q == 0 {
				prime = false
				break
			}
		}
		if prime {
			ps = append(ps, n)
		}
	}
	return ps
}()

// maxSubsets bounds the recombination of modular factors: past it, what
// is left of the polynomial is returned as one factor, which may then be
// reducible. Only polynomials with dozens of modular factors and few true
// ones (Swinnerton-Dyer's) get there.
const maxSubsets = 1 << 16

// zassenhaus factors f, square-free and primitive with a positive leading
// coefficient and a nonzero constant term, into irreducibles over the
// integers.
func zassenhaus(ctx context.Context, f zpoly) ([]zpoly, error) {
	n := f.deg()
	if n <= 1 {
		return []zpoly{f}, nil
	}
	rng := rand.New(rand.NewPCG(uint64(n), 0x5eed))
	// Choose the prime with the fewest modular factors among the first
	// few that keep f square-free and its degree.
	var p int64
	var best []gf
	tried := 0
	for _, q := range smallPrimes {
		if new(big.Int).Mod(f.lc(), big.NewInt(q)).Sign() == 0 {
			continue
		}
		fq := f.modp(q)
		if gfGCD(fq, gfDiff(fq, q), q).deg() > 0 {
			continue
		}
		if err := charge(ctx, n*n*n); err != nil {
			return nil, err
		}
		fs := gfFactorSqf(gfMonic(fq, q), q, rng)
		if best == nil || len(fs) < len(best) {
			p, best = q, fs
		}
		if len(fs) == 1 {
			return []zpoly{f}, nil
		}
		if tried++; tried == 3 {
			break
		}
	}
	if best == nil {
		return []zpoly{f}, nil // every small prime divides the discriminant: never seen
	}
	// Mignotte's bound on the coefficients of lc(f) times a monic factor.
	a := new(big.Int)
	for _, c := range f {
		if c.CmpAbs(a) > 0 {
			a.Abs(c)
		}
	}
	bound := new(big.Int).Sqrt(big.NewInt(int64(n + 2)))
	bound.Mul(bound, a).Mul(bound, new(big.Int).Abs(f.lc())).Lsh(bound, uint(n))
	bound.Lsh(bound, 1).Add(bound, big.NewInt(1))
	l, pl := 1, big.NewInt(p)
	for pl.Cmp(bound) <= 0 {
		pl.Mul(pl, big.NewInt(p))
		l++
	}
	gs, err := henselLift(ctx, f, best, p, l)
	if err != nil {
		return nil, err
	}
	return recombine(ctx, f, gs, pl)
}

// henselLift lifts f = lc(f) g_1 ... g_r modulo p, the g_i monic, to the
// same modulo p^l, one power of p at a time.
func henselLift(ctx context.Context, f zpoly, g []gf, p int64, l int) ([]zpoly, error) {
	r := len(g)
	// s_i with sum_i s_i prod_{j != i} g_j = 1 modulo p.
	s := make([]gf, r)
	for i := range g {
		others := gf{1}
		for j := range g {
			if j != i {
				others = gfMul(others, g[j], p)
			}
		}
		s[i] = gfInvMod(gfRem(others, g[i], p), g[i], p)
	}
	bp := big.NewInt(p)
	pl := new(big.Int).Exp(bp, big.NewInt(int64(l)), nil)
	inv := new(big.Int).ModInverse(new(big.Int).Mod(f.lc(), pl), pl)
	monic := make(zpoly, len(f))
	for i, c := range f {
		monic[i] = new(big.Int).Mod(new(big.Int).Mul(c, inv), pl)
	}
	lifted := make([]zpoly, r)
	for i := range g {
		lifted[i] = fromGF(g[i])
	}
	pj := new(big.Int).Set(bp)
	for range l - 1 {
		if err := charge(ctx, r*len(f)*len(f)); err != nil {
			return nil, err
		}
		pj1 := new(big.Int).Mul(pj, bp)
		prod := zpoly{big.NewInt(1)}
		for _, h := range lifted {
			prod = zMul(prod, h)
		}
		e := make(zpoly, len(monic))
		for i := range e {
			c := new(big.Int).Set(monic[i])
			if i < len(prod) {
				c.Sub(c, prod[i])
			}
			c.Mod(c, pj1)
			e[i] = c.Quo(c, pj)
		}
		ep := e.trim().modp(p)
		for i := range lifted {
			d := gfRem(gfMul(ep, s[i], p), g[i], p)
			h := lifted[i]
			for k, c := range d {
				h[k].Add(h[k], new(big.Int).Mul(big.NewInt(c), pj))
			}
		}
		pj = pj1
	}
	return lifted, nil
}

// recombine finds the true factors of f among products of subsets of its
// lifted modular factors, smallest subsets first, by trial division.
func recombine(ctx context.Context, f zpoly, g []zpoly, pl *big.Int) ([]zpoly, error) {
	var out []zpoly
	idx := make([]int, len(g))
	for i := range idx {
		idx[i] = i
	}
	trials := 0
	for s := 1; 2*s <= len(idx); {
		found := false
		for S := range subsets(len(idx), s) {
			if trials++; trials > maxSubsets {
				return append(out, f), nil
			}
			if err := charge(ctx, len(f)*s); err != nil {
				return nil, err
			}
			G := zpoly{new(big.Int).Set(f.lc())}
			for _, i := range S {
				G = zMod(zMul(G, g[idx[i]]), pl)
			}
			G = zPrimitive(G)
			if f[0].Sign() != 0 && new(big.Int).Rem(f[0], G[0]).Sign() != 0 {
				continue
			}
			q, ok := zQuoExact(f, G)
			if !ok {
				continue
			}
			out = append(out, G)
			f = q
			rest := idx[:0:0]
			for k, i := range idx {
				if !containsInt(S, k) {
					rest = append(rest, i)
				}
			}
			idx = rest
			found = true
			break
		}
		if !found {
			s++
		}
	}
	return append(out, zPrimitive(f)), nil
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// subsets yields the k-element subsets of {0, ..., n-1} in lexicographic
// order. The yielded slice is reused.
func subsets(n, k int) func(func([]int) bool) {
	return func(yield func([]int) bool) {
		c := make([]int, k)
		for i := range c {
			c[i] = i
		}
		for {
			if !yield(c) {
				return
			}
			i := k - 1
			for i >= 0 && c[i] == n-k+i {
				i--
			}
			if i < 0 {
				return
			}
			c[i]++
			for j := i + 1; j < k; j++ {
				c[j] = c[j-1] + 1
			}
		}
	}
}
