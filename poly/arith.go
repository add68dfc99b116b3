package poly

import (
	"context"
	"math"
	"math/big"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
)

// Add returns p + q.
func Add(p, q Poly) Poly { return addScaled(p, q, 1) }

// Sub returns p - q.
func Sub(p, q Poly) Poly { return addScaled(p, q, -1) }

// addScaled returns p + sign*q by merging the two sorted term lists.
func addScaled(p, q Poly, sign int) Poly {
	p, q = align(p, q)
	if q.IsZero() {
		return p
	}
	if p.IsZero() && sign > 0 {
		return q
	}
	out := Poly{vars: p.vars, exps: make([]uint32, 0, len(p.exps)+len(q.exps)), cs: make([]*big.Rat, 0, p.Len()+q.Len())}
	qc := func(j int) *big.Rat {
		if sign > 0 {
			return q.cs[j]
		}
		return new(big.Rat).Neg(q.cs[j])
	}
	i, j := 0, 0
	for i < p.Len() || j < q.Len() {
		c := 0
		switch {
		case i == p.Len():
			c = -1
		case j == q.Len():
			c = 1
		default:
			c = cmpMono(p.mono(i), q.mono(j))
		}
		switch {
		case c > 0:
			out.exps = append(out.exps, p.mono(i)...)
			out.cs = append(out.cs, p.cs[i])
			i++
		case c < 0:
			out.exps = append(out.exps, q.mono(j)...)
			out.cs = append(out.cs, qc(j))
			j++
		default:
			s := new(big.Rat)
			if sign > 0 {
				s.Add(p.cs[i], q.cs[j])
			} else {
				s.Sub(p.cs[i], q.cs[j])
			}
			if s.Sign() != 0 {
				out.exps = append(out.exps, p.mono(i)...)
				out.cs = append(out.cs, s)
			}
			i++
			j++
		}
	}
	return out
}

// Neg returns -p.
func Neg(p Poly) Poly { return p.Scale(big.NewRat(-1, 1)) }

// Scale returns c p.
func (p Poly) Scale(c *big.Rat) Poly {
	if c.Sign() == 0 {
		return Poly{vars: p.vars}
	}
	if c.Cmp(ratOne) == 0 {
		return p
	}
	out := Poly{vars: p.vars, exps: p.exps, cs: make([]*big.Rat, p.Len())}
	for i, x := range p.cs {
		out.cs[i] = new(big.Rat).Mul(x, c)
	}
	return out
}

var ratOne = big.NewRat(1, 1)

// mulTerm returns c x^m p: multiplying by a monomial keeps the order.
func (p Poly) mulTerm(m []uint32, c *big.Rat) Poly {
	n := p.nv()
	out := Poly{vars: p.vars, exps: make([]uint32, len(p.exps)), cs: make([]*big.Rat, p.Len())}
	for t := range p.Len() {
		for i := range n {
			out.exps[t*n+i] = p.exps[t*n+i] + m[i]
		}
		if c.Cmp(ratOne) == 0 {
			out.cs[t] = p.cs[t]
		} else {
			out.cs[t] = new(big.Rat).Mul(p.cs[t], c)
		}
	}
	return out
}

// MaxPairs bounds one multiplication: the product of the operands' term
// counts. Beyond it Mul refuses, whatever the budget.
const MaxPairs = 1 << 24

// Mul returns p q, charging the budget of ctx for every pair of terms.
func Mul(ctx context.Context, p, q Poly) (Poly, error) {
	p, q = align(p, q)
	if p.IsZero() || q.IsZero() {
		return Poly{vars: p.vars}, nil
	}
	pairs := p.Len() * q.Len()
	if pairs > MaxPairs {
		return Poly{}, diag.Errorf("polynomial product too large: %d times %d terms (the limit is %d pairs)", p.Len(), q.Len(), MaxPairs)
	}
	if m := budget.From(ctx); !m.Work(pairs * (1 + (maxBits(p)+maxBits(q))/256)) {
		return Poly{}, m.Err()
	}
	for k := range p.nv() {
		if p.Degree(k)+q.Degree(k) > math.MaxInt32 {
			return Poly{}, diag.Errorf("polynomial product too large: degree over %d in %s", math.MaxInt32, p.vars[k])
		}
	}
	return mul(p, q), nil
}

// mul multiplies aligned polynomials without a budget: by mulPacked when
// it can, else as a balanced sum of q shifted by each term of p, each
// already sorted.
func mul(p, q Poly) Poly {
	if p.Len() > 1 && q.Len() > 1 {
		if out, ok := mulPacked(p, q); ok {
			return out
		}
	}
	if p.Len() > q.Len() {
		p, q = q, p
	}
	if p.IsZero() {
		return Poly{vars: p.vars}
	}
	parts := make([]Poly, p.Len())
	for t := range p.Len() {
		parts[t] = q.mulTerm(p.mono(t), p.cs[t])
	}
	for len(parts) > 1 {
		k := 0
		for i := 0; i < len(parts); i += 2 {
			if i+1 < len(parts) {
				parts[k] = Add(parts[i], parts[i+1])
			} else {
				parts[k] = parts[i]
			}
			k++
		}
		parts = parts[:k]
	}
	return parts[0]
}

// mustMul is mul over aligned operands for the algorithms below, whose
// sizes their callers have already paid for.
func mustMul(p, q Poly) Poly {
	p, q = align(p, q)
	return mul(p, q)
}

func maxBits(p Poly) int {
	b := 0
	for _, c := range p.cs {
		b = max(b, c.Num().BitLen(), c.Denom().BitLen())
	}
	return b
}

// MaxTerms and MaxBits bound a power before it is expanded: a power whose
// expansion could have more than MaxTerms terms, or more than MaxBits bits
// of coefficients in all, is refused with an error saying so.
const (
	MaxTerms = 200_000
	MaxBits  = 1 << 24
)

// Pow returns p^n, refusing powers whose expansion would be too large
// (see MaxTerms) and charging the budget of ctx as it multiplies.
func Pow(ctx context.Context, p Poly, n int) (Poly, error) {
	switch {
	case n < 0:
		return Poly{}, diag.Errorf("negative power of a polynomial")
	case n == 0:
		return Constant(p.vars, big.NewRat(1, 1)), nil
	case n == 1 || p.IsZero():
		return p, nil
	}
	if p.Len() == 1 {
		if float64(maxBits(p))*float64(n) > MaxBits || float64(p.TotalDegree())*float64(n) > math.MaxInt32 {
			return Poly{}, diag.Errorf("expansion too large: a power %d of a term of degree %d with %d-bit coefficient", n, p.TotalDegree(), maxBits(p))
		}
		m := make([]uint32, p.nv())
		for i, e := range p.mono(0) {
			m[i] = e * uint32(n)
		}
		e := big.NewInt(int64(n))
		num := new(big.Int).Exp(p.cs[0].Num(), e, nil)
		c := new(big.Rat).SetFrac(num, new(big.Int).Exp(p.cs[0].Denom(), e, nil))
		return Poly{vars: p.vars, exps: m, cs: []*big.Rat{c}}, nil
	}
	terms, bits := powSize(p, n)
	if terms > MaxTerms || terms*bits > MaxBits {
		return Poly{}, diag.Errorf("expansion too large: a power %d of a polynomial with %d terms would have about %.0f terms of up to %.0f bits (the limits are %d terms and %d bits in all)",
			n, p.Len(), terms, bits, MaxTerms, MaxBits)
	}
	result := Constant(p.vars, big.NewRat(1, 1))
	sq := p
	for {
		if n&1 == 1 {
			var err error
			if result, err = Mul(ctx, result, sq); err != nil {
				return Poly{}, err
			}
		}
		n >>= 1
		if n == 0 {
			return result, nil
		}
		var err error
		if sq, err = Mul(ctx, sq, sq); err != nil {
			return Poly{}, err
		}
	}
}

// powSize estimates the size of p^n: its number of terms (the fewer of
// the multinomial count and the product of the degree ranges) and the bits
// of its largest coefficient, bounded by n log2 of p's 1-norm.
func powSize(p Poly, n int) (terms, bits float64) {
	multi := 1.0 // binomial(n + t - 1, t - 1)
	t := p.Len()
	for i := 1; i < t && multi < 1e18; i++ {
		multi = multi * float64(n+i) / float64(i)
	}
	box := 1.0
	for k := range p.nv() {
		lo, hi := p.Degree(k), p.Degree(k)
		for i := range p.Len() {
			lo = min(lo, int(p.mono(i)[k]))
		}
		box *= float64(n*(hi-lo) + 1)
		if box > 1e18 {
			break
		}
	}
	norm := 0.0
	for _, c := range p.cs {
		f, _ := new(big.Rat).Abs(c).Float64()
		norm += f
	}
	lg := 1.0
	if norm > 2 {
		lg = math.Log2(norm)
	}
	return min(multi, box), float64(n)*lg + float64(maxBits(p))
}
