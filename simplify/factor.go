package simplify

import (
	"math/big"
	"slices"

	"github.com/derivtex/derivtex/expr"
)

// FactorTerms pulls the factors common to every term of a sum out in
// front: x e^{u} - w x^2 y e^{u} = x e^{u} (1 - w x y), and likewise the
// lowest common power (1/x + 1/x^2 = (x + 1)/x^2). It only fires when a
// non-numeric factor is common, and only when the result is no larger.
var FactorTerms = Rewrite{
	Rule: expr.NewRule("factor-terms", "common factor"),
	Try:  factorTerms,
}

// treeLimit caps the size estimate used to decide whether factoring pays.
const treeLimit = 1 << 20

func factorTerms(x expr.Expr) (expr.Expr, []expr.Expr) {
	if m, ok := x.(*expr.MulExpr); ok {
		return numericContent(m), nil
	}
	a, ok := x.(*expr.AddExpr)
	if !ok {
		return nil, nil
	}
	terms := a.Terms()
	common, coeff := commonFactors(terms)
	if len(common) == 0 {
		return nil, nil
	}
	c := expr.Mul(common...)
	inv := expr.Pow(c, expr.MinusOne)
	k := expr.NewNumber(coeff)
	kinv := expr.NewNumber(new(big.Rat).Inv(coeff))
	rest := make([]expr.Expr, len(terms))
	for i, t := range terms {
		rest[i] = expr.Mul(kinv, t, inv)
	}
	out := expr.Mul(k, c, expr.Add(rest...))
	if out == x || expr.TreeSize(out, treeLimit) > expr.TreeSize(x, treeLimit) {
		return nil, nil
	}
	return out, nil
}

// commonFactors finds the bases present in every term with their least
// numeric exponent, and the rational content of the coefficients (its sign
// taken from the first term when all are negative).
func commonFactors(terms []expr.Expr) ([]expr.Expr, *big.Rat) {
	var bases []expr.Expr
	var least map[expr.Expr]*big.Rat
	var gnum, lden *big.Int
	allNeg := true
	for i, t := range terms {
		k, rest := expr.SplitCoeff(t)
		num, den := new(big.Int).Abs(k.Num()), k.Den()
		if i == 0 {
			gnum, lden = num, den
		} else {
			gnum = new(big.Int).GCD(nil, nil, gnum, num)
			g := new(big.Int).GCD(nil, nil, lden, den)
			lden = new(big.Int).Mul(lden, new(big.Int).Quo(den, g))
		}
		if k.Sign() > 0 {
			allNeg = false
		}
		here := map[expr.Expr]*big.Rat{}
		fs := []expr.Expr{rest}
		if m, ok := rest.(*expr.MulExpr); ok {
			fs = m.Factors()
		}
		for _, f := range fs {
			if f == expr.One {
				continue
			}
			b, e := expr.BaseExp(f)
			n, ok := e.(*expr.Number)
			if !ok {
				b, n = f, expr.One
			}
			here[b] = n.Rat()
		}
		if i == 0 {
			least = here
			for _, f := range fs {
				b, e := expr.BaseExp(f)
				if _, ok := e.(*expr.Number); !ok {
					b = f
				}
				if _, ok := here[b]; ok {
					bases = append(bases, b)
				}
			}
			continue
		}
		for b, e := range least {
			h, ok := here[b]
			if !ok {
				delete(least, b)
				continue
			}
			if h.Cmp(e) < 0 {
				least[b] = h
			}
		}
	}
	var common []expr.Expr
	for _, b := range bases {
		if e, ok := least[b]; ok && e.Sign() != 0 {
			common = append(common, expr.Pow(b, expr.NewNumber(e)))
		}
	}
	coeff := new(big.Rat).SetFrac(gnum, lden)
	if coeff.Sign() == 0 {
		coeff.SetInt64(1)
	}
	if allNeg {
		coeff.Neg(coeff)
	}
	return common, coeff
}

// numericContent moves the positive numeric content of each sum in a
// product into the product's coefficient: 2 (2a - 4b)/c = 4 (a - 2b)/c.
// (A lone number times a sum is distributed by construction instead.)
func numericContent(m *expr.MulExpr) expr.Expr {
	changed := false
	fs := slices.Clone(m.Factors())
	for i, f := range m.Factors() {
		b, e := expr.BaseExp(f)
		a, ok := b.(*expr.AddExpr)
		if !ok {
			continue
		}
		if n, ok := e.(*expr.Number); ok && !n.IsInt() {
			continue // sqrt(x + 1/2) is not sqrt(2 x + 1)/sqrt(2)
		}
		_, c := commonFactors(a.Terms())
		if c.Sign() < 0 {
			c.Neg(c)
		}
		if c.Cmp(big.NewRat(1, 1)) == 0 {
			continue
		}
		inner := expr.Mul(expr.NewNumber(new(big.Rat).Inv(c)), a)
		fs[i] = expr.Pow(inner, e)
		fs = append(fs, expr.Pow(expr.NewNumber(c), e))
		changed = true
	}
	// A minus sign goes into the one sum there is: -(a - b) c = (b - a) c.
	if k, _ := expr.SplitCoeff(m); k.Sign() < 0 {
		sums := 0
		at := -1
		for i, f := range fs {
			if f.Kind() == expr.KindAdd {
				sums++
				at = i
			}
		}
		if sums == 1 && hasNegativeTerm(fs[at]) { // but -(a + b) c stays
			fs[at] = expr.Neg(fs[at])
			fs = append(fs, expr.MinusOne)
			changed = true
		}
	}
	if !changed {
		return nil
	}
	return expr.Mul(fs...)
}

// hasNegativeTerm reports whether some term of sum reads as negative.
func hasNegativeTerm(sum expr.Expr) bool {
	return slices.ContainsFunc(sum.Args(), expr.CouldExtractMinus)
}
