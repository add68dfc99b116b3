package simplify

import (
	"math/big"

	"github.com/derivtex/derivtex/expr"
)

// Steps 2 and 4 of the normal form (see zero.go): sines and cosines of
// sums and multiples in terms of those of the atoms, and sin^2 = 1 -
// cos^2.

// Bounds of the trigonometric expansion: an argument with more terms, or a
// multiple n a with |n| above maxMultiple, stays an atom.
const (
	maxAngleTerms = 8
	maxMultiple   = 24
	maxAngleDen   = 1 << 12
)

func isTrig(x expr.Expr) (*expr.CallExpr, bool) {
	c, ok := x.(*expr.CallExpr)
	return c, ok && (c.Func() == expr.FnSin || c.Func() == expr.FnCos)
}

// expandTrig writes every sin and cos in x in terms of sin and cos of its
// atoms a/L; nil when the budget ran out.
func (z *normalizer) expandTrig(x expr.Expr) expr.Expr {
	z.angle = map[expr.Expr]int64{}
	found := false
	expr.Inspect(x, func(y expr.Expr) bool {
		c, ok := isTrig(y)
		if !ok {
			return true
		}
		found = true
		for _, t := range terms(c.Args()[0]) {
			k, m := expr.SplitCoeff(t)
			if !k.Den().IsInt64() {
				continue
			}
			l := lcm(max(z.angle[m], 1), k.Den().Int64())
			if l <= maxAngleDen {
				z.angle[m] = l
			}
		}
		return true
	})
	if !found {
		return x
	}
	memo := map[expr.Expr]expr.Expr{}
	var walk func(expr.Expr) expr.Expr
	walk = func(x expr.Expr) expr.Expr {
		if r, ok := memo[x]; ok {
			return r
		}
		args := x.Args()
		if len(args) == 0 || !z.m.Work(1+len(args)) {
			return x
		}
		na := make([]expr.Expr, len(args))
		changed := false
		for i, a := range args {
			na[i] = walk(a)
			changed = changed || na[i] != a
		}
		_, trig := isTrig(x)
		if changed && x.Kind() == expr.KindCall {
			for i := range na {
				na[i] = z.argument(na[i])
			}
		}
		y := x
		if changed {
			y = expr.Rebuild(x, na)
		}
		if c, ok := isTrig(y); ok && trig {
			s, co := z.sinCos(c.Args()[0])
			if c.Func() == expr.FnSin {
				y = s
			} else {
				y = co
			}
		}
		memo[x] = y
		return y
	}
	return walk(x)
}

// sinCos returns sin u and cos u in terms of the atoms of u's terms, by
// the addition formulas and those of multiple angles.
func (z *normalizer) sinCos(u expr.Expr) (sin, cos expr.Expr) {
	ts := terms(u)
	if len(ts) > maxAngleTerms {
		return expr.Call(expr.FnSin, u), expr.Call(expr.FnCos, u)
	}
	sin, cos = expr.Zero, expr.One
	var rest []expr.Expr
	for _, t := range ts {
		k, m := expr.SplitCoeff(t)
		l := z.angle[m]
		n := new(big.Rat).Mul(k.Rat(), big.NewRat(max(l, 1), 1))
		if l == 0 || !n.IsInt() || !n.Num().IsInt64() || abs64(n.Num().Int64()) > maxMultiple {
			rest = append(rest, t)
			continue
		}
		a := expr.Mul(expr.Rat(1, l), m)
		s, c := multipleAngle(n.Num().Int64(), expr.Call(expr.FnSin, a), expr.Call(expr.FnCos, a))
		sin, cos = expr.Add(expr.Mul(sin, c), expr.Mul(cos, s)), expr.Sub(expr.Mul(cos, c), expr.Mul(sin, s))
	}
	if len(rest) > 0 {
		r := expr.Add(rest...)
		s, c := expr.Call(expr.FnSin, r), expr.Call(expr.FnCos, r)
		sin, cos = expr.Add(expr.Mul(sin, c), expr.Mul(cos, s)), expr.Sub(expr.Mul(cos, c), expr.Mul(sin, s))
	}
	return sin, cos
}

// multipleAngle returns sin(n a) and cos(n a) as polynomials in s = sin a
// and c = cos a, the imaginary and real parts of (c + i s)^n.
func multipleAngle(n int64, s, c expr.Expr) (sin, cos expr.Expr) {
	neg := n < 0
	if neg {
		n = -n
	}
	var st, ct []expr.Expr
	binom := big.NewInt(1)
	for k := int64(0); k <= n; k++ {
		t := expr.Mul(expr.NewNumber(new(big.Rat).SetInt(binom)), expr.Pow(c, expr.Int(n-k)), expr.Pow(s, expr.Int(k)))
		if k%4 >= 2 {
			t = expr.Neg(t)
		}
		if k%2 == 0 {
			ct = append(ct, t)
		} else {
			st = append(st, t)
		}
		binom.Mul(binom, big.NewInt(n-k))
		binom.Quo(binom, big.NewInt(k+1))
	}
	sin, cos = expr.Add(st...), expr.Add(ct...)
	if neg {
		sin = expr.Neg(sin)
	}
	return sin, cos
}

// reduceSines writes every power sin(a)^k, k >= 2, of the expanded sum p
// as sin(a)^(k mod 2) (1 - cos(a)^2)^(k div 2), after multiplying p by the
// powers of sines it divides by; nil when the budget ran out.
func (z *normalizer) reduceSines(p expr.Expr) expr.Expr {
	lowest := map[expr.Expr]int64{}
	var sines []expr.Expr
	for _, t := range terms(p) {
		for _, f := range factorList(t) {
			if s, k, ok := sinePower(f); ok && k < lowest[s] {
				if _, seen := lowest[s]; !seen {
					sines = append(sines, s)
				}
				lowest[s] = k
			}
		}
	}
	for _, s := range sines {
		if p = z.polyMul(p, expr.Pow(s, expr.Int(-lowest[s]))); p == nil {
			return nil
		}
	}
	out := make([]expr.Expr, 0, len(terms(p)))
	for _, t := range terms(p) {
		rest := []expr.Expr{}
		extra := expr.Expr(expr.One)
		for _, f := range factorList(t) {
			s, k, ok := sinePower(f)
			if !ok || k < 2 {
				rest = append(rest, f)
				continue
			}
			c := expr.Call(expr.FnCos, s.(*expr.CallExpr).Args()[0])
			oneMinus := expr.Sub(expr.One, expr.Pow(c, expr.Two))
			rest = append(rest, expr.Pow(s, expr.Int(k%2)))
			if extra = z.polyMul(extra, z.polyPow(oneMinus, k/2)); extra == nil {
				return nil
			}
		}
		r := z.polyMul(expr.Mul(rest...), extra)
		if r == nil {
			return nil
		}
		out = append(out, r)
	}
	return expr.Add(out...)
}

// sinePower splits sin(a)^k into sin(a) and k.
func sinePower(f expr.Expr) (expr.Expr, int64, bool) {
	b, e := expr.BaseExp(f)
	c, ok := b.(*expr.CallExpr)
	if !ok || c.Func() != expr.FnSin {
		return nil, 0, false
	}
	n, ok := e.(*expr.Number)
	if !ok {
		return nil, 0, false
	}
	k, isInt := n.Int64()
	return b, k, isInt
}

func lcm(a, b int64) int64 { return a / gcd(a, b) * b }

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
