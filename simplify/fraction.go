package simplify

import (
	"github.com/derivtex/derivtex/expr"
)

// fraction is a term in the rational normal form of zero recognition: an
// expanded numerator, a sum of monomials (products of powers of atoms,
// negative powers allowed), over a product of powers of expanded sums.
// It does not cancel: two fractions for one function may differ, but the
// numerator of a function that is identically zero is 0.
type fraction struct {
	num expr.Expr
	den []power // distinct bases, each an expanded sum
}

// power is a base to a positive integer exponent.
type power struct {
	base expr.Expr
	exp  int64
}

// maxPower is the largest integer power the normal form expands.
const maxPower = 64

// expr writes the fraction as one term.
func (f *fraction) expr() expr.Expr {
	fs := []expr.Expr{f.num}
	for _, p := range f.den {
		fs = append(fs, expr.Pow(p.base, expr.Int(-p.exp)))
	}
	return expr.Mul(fs...)
}

// fractionOf returns x's normal form, or nil when it is too large for the
// budget or has a denominator that is 0.
func (z *normalizer) fractionOf(x expr.Expr) *fraction {
	if f, ok := z.frac[x]; ok {
		return f
	}
	if !z.m.Work(1+len(x.Args())) || z.depth > maxDepth {
		return nil
	}
	z.depth++
	defer func() { z.depth-- }()
	var f *fraction
	switch x := x.(type) {
	case *expr.AddExpr:
		f = z.fracSum(x.Terms())
	case *expr.MulExpr:
		f = &fraction{num: expr.One}
		for _, g := range x.Factors() {
			if f = z.fracMul(f, z.fractionOf(g)); f == nil {
				break
			}
		}
	case *expr.PowExpr:
		f = z.fracPow(x)
	default:
		f = &fraction{num: x}
	}
	z.frac[x] = f
	return f
}

// fracSum adds fractions over the least common multiple of their
// denominators (as products of powers of bases, without factoring).
func (z *normalizer) fracSum(terms []expr.Expr) *fraction {
	fs := make([]*fraction, len(terms))
	var den []power
	for i, t := range terms {
		if fs[i] = z.fractionOf(t); fs[i] == nil {
			return nil
		}
		for _, p := range fs[i].den {
			den = raise(den, p)
		}
	}
	nums := make([]expr.Expr, 0, len(terms))
	for _, f := range fs {
		n := f.num
		for _, p := range den {
			if k := p.exp - expOf(f.den, p.base); k > 0 {
				if n = z.polyMul(n, z.polyPow(p.base, k)); n == nil {
					return nil
				}
			}
		}
		nums = append(nums, n)
	}
	return &fraction{num: expr.Add(nums...), den: den}
}

// raise returns den with base p.base to at least p.exp.
func raise(den []power, p power) []power {
	for i, q := range den {
		if q.base == p.base {
			if p.exp > q.exp {
				out := append([]power(nil), den...)
				out[i].exp = p.exp
				return out
			}
			return den
		}
	}
	return append(den[:len(den):len(den)], p)
}

// expOf is base's exponent in den, 0 when absent.
func expOf(den []power, base expr.Expr) int64 {
	for _, p := range den {
		if p.base == base {
			return p.exp
		}
	}
	return 0
}

func (z *normalizer) fracMul(a, b *fraction) *fraction {
	if a == nil || b == nil {
		return nil
	}
	num := z.polyMul(a.num, b.num)
	if num == nil {
		return nil
	}
	den := append([]power(nil), a.den...)
	for _, p := range b.den {
		found := false
		for i, q := range den {
			if q.base == p.base {
				den[i].exp += p.exp
				found = true
			}
		}
		if !found {
			den = append(den, p)
		}
	}
	return &fraction{num: num, den: den}
}

// fracPow raises to an integer power; any other power is an atom over
// its base in normal form.
func (z *normalizer) fracPow(x *expr.PowExpr) *fraction {
	n, ok := x.Exp().(*expr.Number)
	k, isInt := int64(0), false
	if ok {
		k, isInt = n.Int64()
	}
	if !isInt || k > maxPower || k < -maxPower {
		return &fraction{num: expr.Pow(z.argument(x.Base()), z.argument(x.Exp()))}
	}
	f := z.fractionOf(x.Base())
	if f == nil {
		return nil
	}
	if k < 0 {
		if f = z.invert(f); f == nil {
			return nil
		}
		k = -k
	}
	num := z.polyPow(f.num, k)
	if num == nil {
		return nil
	}
	den := make([]power, len(f.den))
	for i, p := range f.den {
		den[i] = power{p.base, p.exp * k}
	}
	return &fraction{num: num, den: den}
}

// invert returns 1/f: a monomial numerator goes to the new numerator as
// its reciprocal, a sum becomes a base of the denominator, with its sign
// and rational content taken out so that x - 1 and 2 - 2 x are one base.
func (z *normalizer) invert(f *fraction) *fraction {
	if f.num == expr.Zero {
		return nil
	}
	num := expr.Expr(expr.One)
	for _, p := range f.den {
		if num = z.polyMul(num, z.polyPow(p.base, p.exp)); num == nil {
			return nil
		}
	}
	a, ok := f.num.(*expr.AddExpr)
	if !ok {
		return &fraction{num: z.polyMul(num, expr.Pow(f.num, expr.MinusOne))}
	}
	c := content(a.Terms())
	if expr.Coeff(a.Terms()[0]).Sign() != c.Sign() {
		c = expr.NegNumber(c) // the first term positive: 1 - x is -(x - 1)
	}
	base := expr.Mul(expr.Pow(c, expr.MinusOne), a)
	return &fraction{num: expr.Mul(expr.Pow(c, expr.MinusOne), num), den: []power{{base, 1}}}
}

// polyMul multiplies two expanded sums, or returns nil past
// MaxExpandTerms terms or the budget. A product of monomials that is not
// a monomial (sqrt(x + 1) sqrt(x + 1) = x + 1) is brought to normal form
// again, and must have no denominator.
func (z *normalizer) polyMul(a, b expr.Expr) expr.Expr {
	if a == nil || b == nil {
		return nil
	}
	if a == expr.One {
		return b
	}
	if b == expr.One {
		return a
	}
	ta, tb := terms(a), terms(b)
	if len(ta)*len(tb) > MaxExpandTerms || !z.m.Work(len(ta)*len(tb)) {
		return nil
	}
	out := make([]expr.Expr, 0, len(ta)*len(tb))
	again := false
	for _, s := range ta {
		for _, t := range tb {
			p := expr.Mul(s, t)
			again = again || !isMonomial(p)
			out = append(out, p)
		}
	}
	sum := expr.Add(out...)
	if !again {
		return sum
	}
	f := z.fracSum(terms(sum))
	if f == nil || len(f.den) > 0 {
		return nil
	}
	return f.num
}

func (z *normalizer) polyPow(a expr.Expr, k int64) expr.Expr {
	out := expr.Expr(expr.One)
	for range k {
		if out = z.polyMul(out, a); out == nil {
			return nil
		}
	}
	return out
}

// isMonomial reports whether t is a product of powers of atoms: no sum
// as a factor or as the base of an integer power.
func isMonomial(t expr.Expr) bool {
	for _, f := range factorList(t) {
		b, e := expr.BaseExp(f)
		if b.Kind() != expr.KindAdd {
			continue
		}
		if n, ok := e.(*expr.Number); ok && n.IsInt() {
			return false
		}
	}
	return true
}

// factorList is the factors of a product, or t alone.
func factorList(t expr.Expr) []expr.Expr {
	if m, ok := t.(*expr.MulExpr); ok {
		return m.Factors()
	}
	return []expr.Expr{t}
}
