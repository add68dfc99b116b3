package simplify

import (
	"math/big"
	"slices"

	"github.com/derivtex/derivtex/expr"
)

// CommonFactor pulls the factors common to every term of a sum out in
// front: x e^{u} - w x^2 y e^{u} = x e^{u} (1 - w x y), and likewise the
// lowest common power (1/x + 1/x^2 = (x + 1)/x^2), and the numeric
// content of a sum that is a factor (2 (2a - 4b) = 4 (a - 2b)). It only
// fires when a non-numeric factor is common, and only when the result is
// no larger.
var CommonFactor = Rewrite{
	Rule: expr.NewRule("factor-terms", "common factor"),
	Try:  commonFactor,
}

// SignIntoSum moves a product's minus sign into the one sum among its
// factors that has a negative term: -(a - b) c = (b - a) c. It is a rule
// of its own, so that a sign rewrite is not called a common factor.
var SignIntoSum = Rewrite{
	Rule: expr.NewRule("sign-into-sum", "the minus sign into the sum"),
	Try: func(x expr.Expr) (expr.Expr, []expr.Expr) {
		if m, ok := x.(*expr.MulExpr); ok {
			if out := signIntoSum(m.Factors()); out != nil {
				return out, nil
			}
		}
		return nil, nil
	},
}

// FactorTerms is CommonFactor and SignIntoSum in one sweep, for the
// algebra whose steps are not shown (a common denominator's numerator, a
// gradient's final form); derivations run the two rules apart.
var FactorTerms = Rewrite{
	Rule: expr.NewRule("factor-terms-signed", "common factor, the minus sign into the sum"),
	Try:  factorTerms,
}

func factorTerms(x expr.Expr) (expr.Expr, []expr.Expr) {
	if m, ok := x.(*expr.MulExpr); ok {
		fs := m.Factors()
		changed := false
		if c := numericContent(m); c != nil {
			fs, changed = factorsOf1(c), true
		}
		if out := signIntoSum(fs); out != nil {
			return out, nil
		}
		if changed {
			return expr.Mul(fs...), nil
		}
		return nil, nil
	}
	return commonFactor(x)
}

// factorsOf1 is the factors of a product, or the term itself.
func factorsOf1(x expr.Expr) []expr.Expr {
	if m, ok := x.(*expr.MulExpr); ok {
		return m.Factors()
	}
	return []expr.Expr{x}
}

// treeLimit caps the size estimate used to decide whether factoring pays.
const treeLimit = 1 << 20

func commonFactor(x expr.Expr) (expr.Expr, []expr.Expr) {
	if m, ok := x.(*expr.MulExpr); ok {
		if c := numericContent(m); c != nil {
			return c, nil
		}
		return nil, nil
	}
	out := factorOut(x)
	if out == nil || expr.TreeSize(out, treeLimit) > expr.TreeSize(x, treeLimit) {
		return nil, nil
	}
	return out, nil
}

// factorOut is the sum x with the factors common to its terms in front,
// or nil when it has none.
func factorOut(x expr.Expr) expr.Expr {
	a, ok := x.(*expr.AddExpr)
	if !ok {
		return nil
	}
	terms := a.Terms()
	common := commonFactors(terms)
	if len(common) == 0 {
		return nil
	}
	coeff := content(terms)
	c := expr.Mul(common...)
	inv := expr.Pow(c, expr.MinusOne)
	kinv := expr.Pow(coeff, expr.MinusOne)
	rest := make([]expr.Expr, len(terms))
	for i, t := range terms {
		rest[i] = expr.Mul(kinv, t, inv)
	}
	out := expr.Mul(coeff, c, expr.Add(rest...))
	if out == x {
		return nil
	}
	return out
}

// factorsOf returns the non-numeric factors of a term.
func factorsOf(t expr.Expr) []expr.Expr {
	switch t := t.(type) {
	case *expr.Number:
		return nil
	case *expr.MulExpr:
		fs := t.Factors()
		if fs[0].Kind() == expr.KindNumber {
			return fs[1:]
		}
		return fs
	}
	return []expr.Expr{t}
}

// powerOf splits a factor into a base and a numeric exponent; a factor
// with a symbolic exponent is its own base.
func powerOf(f expr.Expr) (expr.Expr, *expr.Number) {
	b, e := expr.BaseExp(f)
	if n, ok := e.(*expr.Number); ok {
		return b, n
	}
	return f, expr.One
}

// commonFactors finds the bases present in every term, each with its least
// numeric exponent, in the order of the first term.
func commonFactors(terms []expr.Expr) []expr.Expr {
	type power struct {
		base expr.Expr
		exp  *expr.Number
	}
	var least []power
	for _, f := range factorsOf(terms[0]) {
		b, e := powerOf(f)
		least = append(least, power{b, e})
	}
	for _, t := range terms[1:] {
		if len(least) == 0 {
			return nil
		}
		fs := factorsOf(t)
		kept := least[:0]
		for _, p := range least {
			for _, f := range fs {
				if b, e := powerOf(f); b == p.base {
					if expr.Compare(e, p.exp) < 0 {
						p.exp = e
					}
					kept = append(kept, p)
					break
				}
			}
		}
		least = kept
	}
	common := make([]expr.Expr, 0, len(least))
	for _, p := range least {
		if p.exp.Sign() != 0 {
			common = append(common, expr.Pow(p.base, p.exp))
		}
	}
	return common
}

// content is the rational content of the terms' coefficients: the gcd of
// their numerators over the lcm of their denominators, negative when every
// coefficient is (so that -2x - 4y factors as -2 (x + 2y)).
func content(terms []expr.Expr) *expr.Number {
	if c, ok := smallContent(terms); ok {
		return c
	}
	var gnum, lden *big.Int
	allNeg := true
	for i, t := range terms {
		k := expr.Coeff(t)
		num, den := new(big.Int).Abs(k.Num()), k.Den()
		if i == 0 {
			gnum, lden = num, den
		} else {
			gnum = new(big.Int).GCD(nil, nil, gnum, num)
			g := new(big.Int).GCD(nil, nil, lden, den)
			lden = new(big.Int).Mul(lden, new(big.Int).Quo(den, g))
		}
		allNeg = allNeg && k.Sign() < 0
	}
	c := new(big.Rat).SetFrac(gnum, lden)
	if c.Sign() == 0 {
		c.SetInt64(1)
	}
	if allNeg {
		c.Neg(c)
	}
	return expr.NewNumber(c)
}

// smallContent is content in int64, for coefficients that are all small
// and a denominator lcm that stays so; ok is false otherwise.
func smallContent(terms []expr.Expr) (*expr.Number, bool) {
	const limit = 1 << 31
	var g, l int64 = 0, 1
	allNeg := true
	for _, t := range terms {
		k := expr.Coeff(t)
		num, den, ok := k.Small()
		if !ok {
			return nil, false
		}
		if num < 0 {
			num = -num
		} else {
			allNeg = false
		}
		g = gcd(g, num)
		l = l / gcd(l, den) * den
		if l >= limit {
			return nil, false
		}
	}
	if g == 0 {
		g = 1
	}
	if allNeg {
		g = -g
	}
	return expr.Rat(g, l), true
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// numericContent moves the positive numeric content of each sum in a
// product into the product's coefficient: 2 (2a - 4b)/c = 4 (a - 2b)/c.
// (A lone number times a sum is distributed by construction instead.)
func numericContent(m *expr.MulExpr) expr.Expr {
	changed := false
	var fs []expr.Expr
	for i, f := range m.Factors() {
		b, e := expr.BaseExp(f)
		a, ok := b.(*expr.AddExpr)
		if !ok {
			continue
		}
		if n, ok := e.(*expr.Number); ok && !n.IsInt() {
			continue // sqrt(x + 1/2) is not sqrt(2 x + 1)/sqrt(2)
		}
		c := content(a.Terms())
		if c.Sign() < 0 {
			c = expr.NegNumber(c)
		}
		if c == expr.One {
			continue
		}
		if fs == nil {
			fs = slices.Clone(m.Factors())
		}
		inner := expr.Mul(expr.Pow(c, expr.MinusOne), a)
		fs[i] = expr.Pow(inner, e)
		fs = append(fs, expr.Pow(c, e))
		changed = true
	}
	if !changed {
		return nil
	}
	return expr.Mul(fs...)
}

// signIntoSum is the product of fs with its minus sign moved into the one
// sum there is, when that sum has a negative term: -(a - b) c = (b - a) c,
// but -(a + b) c stays. It is nil when there is nothing to move.
func signIntoSum(fs []expr.Expr) expr.Expr {
	if fs[0].Kind() != expr.KindNumber || fs[0].(*expr.Number).Sign() >= 0 {
		return nil
	}
	sums := 0
	at := -1
	for i, f := range fs {
		if f.Kind() == expr.KindAdd {
			sums++
			at = i
		}
	}
	if sums != 1 || !hasNegativeTerm(fs[at]) {
		return nil
	}
	fs = slices.Clone(fs)
	fs[at] = expr.Neg(fs[at])
	fs = append(fs, expr.MinusOne)
	return expr.Mul(fs...)
}

// hasNegativeTerm reports whether some term of sum reads as negative.
func hasNegativeTerm(sum expr.Expr) bool {
	return slices.ContainsFunc(sum.Args(), expr.CouldExtractMinus)
}
