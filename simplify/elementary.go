package simplify

import (
	"math/big"
	"slices"

	"github.com/derivtex/derivtex/expr"
)

// elementary is step 1 of the normal form (see zero.go): x with its
// functions in terms of exp, log, sin, cos and abs, and every function's
// arguments in normal form.
func (z *normalizer) elementary(x expr.Expr) expr.Expr {
	if r, ok := z.elem[x]; ok {
		return r
	}
	args := x.Args()
	if len(args) == 0 {
		return x
	}
	if !z.m.Work(1+len(args)) || z.depth > maxDepth {
		return x
	}
	z.depth++
	defer func() { z.depth-- }()
	na := make([]expr.Expr, len(args))
	for i, a := range args {
		na[i] = z.elementary(a)
		if x.Kind() == expr.KindCall {
			na[i] = z.argument(na[i])
		}
	}
	y := expr.Rebuild(x, na)
	if out := elementaryForm(y); out != nil && out != y {
		y = z.elementary(out)
	}
	z.elem[x] = y
	return y
}

// elementaryForm rewrites one node, or returns nil.
func elementaryForm(x expr.Expr) expr.Expr {
	switch x := x.(type) {
	case *expr.CallExpr:
		u := x.Args()[0]
		switch x.Func() {
		case expr.FnSigmoid:
			return expr.Pow(expr.Add(expr.One, expr.Exp(expr.Neg(u))), expr.MinusOne)
		case expr.FnTanh:
			e := expr.Exp(expr.Mul(expr.Two, u))
			return expr.Div(expr.Sub(e, expr.One), expr.Add(e, expr.One))
		case expr.FnSinh:
			return expr.Div(expr.Sub(expr.Exp(u), expr.Exp(expr.Neg(u))), expr.Two)
		case expr.FnCosh:
			return expr.Div(expr.Add(expr.Exp(u), expr.Exp(expr.Neg(u))), expr.Two)
		case expr.FnTan:
			return expr.Div(expr.Call(expr.FnSin, u), expr.Call(expr.FnCos, u))
		case expr.FnExp:
			out, _ := expLog(x)
			return out
		case expr.FnLog:
			return splitLog(u)
		case expr.FnAbs:
			return splitAbs(u)
		}
	case *expr.PowExpr:
		return rootOfPower(x)
	}
	return nil
}

// splitLog is log u as a sum of logs: of each factor of a product, the
// numerator and denominator of a fraction, exponent times the log of the
// base; log(exp(v)) = v. A negative factor leaves the log whole.
func splitLog(u expr.Expr) expr.Expr {
	switch u := u.(type) {
	case *expr.CallExpr:
		if u.Func() == expr.FnExp {
			return u.Args()[0]
		}
	case *expr.MulExpr:
		logs := make([]expr.Expr, 0, len(u.Factors()))
		for _, f := range u.Factors() {
			if k, ok := f.(*expr.Number); ok && k.Sign() < 0 {
				return nil
			}
			logs = append(logs, expr.Log(f))
		}
		return expr.Add(logs...)
	case *expr.PowExpr:
		return expr.Mul(u.Exp(), expr.Log(u.Base()))
	case *expr.AddExpr:
		if a, rest := expContent(u); a != nil {
			return expr.Add(a, expr.Log(rest))
		}
	case *expr.Number:
		if u.Sign() > 0 && !u.IsInt() {
			return expr.Sub(expr.Log(expr.NewNumber(new(big.Rat).SetInt(u.Num()))),
				expr.Log(expr.NewNumber(new(big.Rat).SetInt(u.Den()))))
		}
		if n, ok := u.Int64(); ok && n > 1 {
			return logOfPrimes(n)
		}
	}
	return nil
}

// logOfPrimes is log n as the sum of the logs of its prime factors, log
// 12 = 2 log 2 + log 3, when n is a product of primes below 1000 and not
// a prime itself; nil otherwise.
func logOfPrimes(n int64) expr.Expr {
	var logs []expr.Expr
	for p := int64(2); p < 1000 && n > 1; p++ {
		k := int64(0)
		for n%p == 0 {
			n /= p
			k++
		}
		if k > 0 {
			logs = append(logs, expr.Mul(expr.Int(k), expr.Log(expr.Int(p))))
		}
	}
	if n != 1 || len(logs) == 0 || len(logs) == 1 && expr.Coeff(logs[0]) == expr.One {
		return nil
	}
	return expr.Add(logs...)
}

// expContent writes a sum s as exp(a) rest, choosing a among the
// exponents of s's terms so that the exponents of rest, sorted, come
// first in expr's order: 1 + exp(x) and exp(x) (1 + exp(-x)) then have
// one spelling, exp(x) (exp(-x) + 1), so their logs agree. a is nil when
// it would be 0.
func expContent(s *expr.AddExpr) (a, rest expr.Expr) {
	exps := make([]expr.Expr, len(s.Terms()))
	for i, t := range s.Terms() {
		exps[i] = expr.Zero
		for _, f := range factorList(t) {
			if c, ok := f.(*expr.CallExpr); ok && c.Func() == expr.FnExp {
				exps[i] = c.Args()[0]
			}
		}
	}
	var best []expr.Expr
	for _, c := range exps {
		shifted := make([]expr.Expr, len(exps))
		for i, e := range exps {
			shifted[i] = expr.Sub(e, c)
		}
		slices.SortFunc(shifted, expr.Compare)
		if best == nil || slices.CompareFunc(shifted, best, expr.Compare) < 0 {
			best, a = shifted, c
		}
	}
	if a == expr.Zero {
		return nil, nil
	}
	return a, expr.Add(distributeOver(s.Terms(), expr.Exp(expr.Neg(a)))...)
}

// distributeOver multiplies each term by f.
func distributeOver(ts []expr.Expr, f expr.Expr) []expr.Expr {
	out := make([]expr.Expr, len(ts))
	for i, t := range ts {
		out[i] = expr.Mul(t, f)
	}
	return out
}

// splitAbs is |u v| = |u| |v|, |u^n| = |u|^n, and |u| = u for u known not
// to be negative (positive terms, even roots).
func splitAbs(u expr.Expr) expr.Expr {
	switch u := u.(type) {
	case *expr.MulExpr:
		fs := make([]expr.Expr, len(u.Factors()))
		for i, f := range u.Factors() {
			fs[i] = expr.Call(expr.FnAbs, f)
		}
		return expr.Mul(fs...)
	case *expr.PowExpr:
		if n, ok := u.Exp().(*expr.Number); ok {
			if n.IsInt() {
				return expr.Pow(expr.Call(expr.FnAbs, u.Base()), n)
			}
			if n.Den().Bit(0) == 0 {
				return u // an even root
			}
		}
	}
	if IsPositive(u) {
		return u
	}
	return nil
}

// rootOfPower is |u|^n = u^n for even n, and for a fractional power
// (u^(2k))^r = |u|^(2 k r), and (a b)^r = a^r b^r for the factors a that
// are not negative (positive numbers, even powers, |u|), the others kept
// together: sqrt(4 x^2 y) = 2 |x| sqrt(y).
func rootOfPower(x *expr.PowExpr) expr.Expr {
	n, ok := x.Exp().(*expr.Number)
	if !ok {
		return nil
	}
	if n.IsInt() {
		c, isCall := x.Base().(*expr.CallExpr)
		if k, _ := n.Int64(); isCall && c.Func() == expr.FnAbs && k%2 == 0 {
			return expr.Pow(c.Args()[0], n)
		}
		return nil
	}
	var split, rest []expr.Expr
	for _, f := range factorList(x.Base()) {
		if r := nonNegativePower(f, n); r != nil {
			split = append(split, r)
		} else {
			rest = append(rest, f)
		}
	}
	if len(split) == 0 {
		return nil
	}
	return expr.Mul(append(split, expr.Pow(expr.Mul(rest...), n))...)
}

// nonNegativePower is f^n for a factor f that is never negative, or nil.
func nonNegativePower(f expr.Expr, n *expr.Number) expr.Expr {
	b, e := expr.BaseExp(f)
	if k, ok := e.(*expr.Number); ok && k.IsInt() {
		if j, _ := k.Int64(); j%2 == 0 {
			e := expr.Mul(k, n)
			if isEvenInt(e) {
				return expr.Pow(b, e) // (u^4)^(1/2) = u^2
			}
			return expr.Pow(expr.Call(expr.FnAbs, b), e)
		}
	}
	if c, ok := f.(*expr.CallExpr); ok && c.Func() == expr.FnAbs || IsPositive(f) {
		return expr.Pow(f, n)
	}
	return nil
}
