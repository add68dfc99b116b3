package expr

import (
	"math/big"
	"slices"
)

// Pi is the circle constant; E is Euler's number, exp(1).
var (
	Pi Expr = Sym("pi")
	E  Expr
)

func init() { E = Exp(One) }

// IsConstantSymbol reports whether s names a mathematical constant rather
// than a variable.
func IsConstantSymbol(s *Symbol) bool { return s.Name == "pi" }

// Add returns the canonical sum of terms: nested sums flattened, numbers
// folded, like terms collected (2x + 3x = 5x), zeros dropped, sorted.
func Add(terms ...Expr) Expr {
	switch len(terms) {
	case 0:
		return Zero
	case 1:
		return terms[0]
	}
	var c big.Rat
	order := make([]Expr, 0, len(terms))
	coeff := make(map[Expr]*big.Rat, len(terms))
	var add func(t Expr)
	add = func(t Expr) {
		switch t := t.(type) {
		case *AddExpr:
			for _, u := range t.terms {
				add(u)
			}
			return
		case *Number:
			c.Add(&c, &t.val)
			return
		}
		k, rest := SplitCoeff(t)
		if r, ok := coeff[rest]; ok {
			r.Add(r, &k.val)
			return
		}
		coeff[rest] = new(big.Rat).Set(&k.val)
		order = append(order, rest)
	}
	for _, t := range terms {
		add(t)
	}
	out := make([]Expr, 0, len(order)+1)
	for _, rest := range order {
		r := coeff[rest]
		if r.Sign() == 0 {
			continue
		}
		out = append(out, scale(internNumber(r), rest))
	}
	slices.SortFunc(out, compareAddTerms)
	if c.Sign() != 0 {
		out = append(out, internNumber(&c))
	}
	switch len(out) {
	case 0:
		return Zero
	case 1:
		return out[0]
	}
	return newAdd(out)
}

// SplitCoeff splits t into its numeric coefficient and the rest:
// 3*x*y gives (3, x*y); x gives (1, x); 5 gives (5, 1).
func SplitCoeff(t Expr) (*Number, Expr) {
	switch t := t.(type) {
	case *Number:
		return t, One
	case *MulExpr:
		if k, ok := t.factors[0].(*Number); ok {
			if len(t.factors) == 2 {
				return k, t.factors[1]
			}
			return k, newMul(t.factors[1:])
		}
	}
	return One, t
}

// scale returns k*rest for a rest that is already a canonical non-numeric
// product or factor.
func scale(k *Number, rest Expr) Expr {
	switch {
	case k == One:
		return rest
	case rest == One:
		return k
	case k.Sign() == 0:
		return Zero
	}
	if m, ok := rest.(*MulExpr); ok {
		f := make([]Expr, 0, len(m.factors)+1)
		f = append(f, k)
		return newMul(append(f, m.factors...))
	}
	if a, ok := rest.(*AddExpr); ok {
		return distribute(k, a)
	}
	return newMul([]Expr{k, rest})
}

// distribute multiplies every term of a by the number k. Doing this by
// construction (as SymPy does) keeps -(a - b) and 2(x + 1) from hiding
// like terms; it never multiplies two sums.
func distribute(k *Number, a *AddExpr) Expr {
	out := make([]Expr, len(a.terms))
	for i, t := range a.terms {
		tk, rest := SplitCoeff(t)
		out[i] = scale(internNumber(mulRat(&k.val, &tk.val)), rest)
	}
	return Add(out...)
}

// Mul returns the canonical product of factors: nested products flattened,
// numbers folded, powers of the same base merged (x x = x^2), ones dropped,
// sorted, and a lone number times a sum distributed.
func Mul(factors ...Expr) Expr {
	switch len(factors) {
	case 0:
		return One
	case 1:
		return factors[0]
	}
	var c big.Rat
	c.SetInt64(1)
	order := make([]Expr, 0, len(factors))
	exps := make(map[Expr][]Expr, len(factors))
	var mul func(f Expr)
	mul = func(f Expr) {
		var base, exp Expr
		switch f := f.(type) {
		case *MulExpr:
			for _, g := range f.factors {
				mul(g)
			}
			return
		case *Number:
			c.Mul(&c, &f.val)
			return
		case *PowExpr:
			base, exp = f.base, f.exp
		case *CallExpr:
			if f.fn == FnExp { // exp(a) exp(b) = exp(a + b)
				base, exp = E, f.args[0]
			} else {
				base, exp = f, One
			}
		default:
			base, exp = f, One
		}
		if _, ok := exps[base]; !ok {
			order = append(order, base)
		}
		exps[base] = append(exps[base], exp)
	}
	for _, f := range factors {
		mul(f)
	}
	if c.Sign() == 0 {
		return Zero
	}
	out := make([]Expr, 0, len(order)+1)
	var again []Expr // merged powers that came back as numbers or products
	for _, b := range order {
		es := exps[b]
		var p Expr
		if len(es) == 1 {
			if es[0] == One {
				p = b
			} else {
				p = Pow(b, es[0])
			}
		} else {
			p = Pow(b, Add(es...))
		}
		switch p := p.(type) {
		case *Number:
			c.Mul(&c, &p.val)
		case *MulExpr:
			again = append(again, p)
		default:
			out = append(out, p)
		}
	}
	if len(again) > 0 {
		rest := append(out, again...)
		return Mul(internNumber(&c), Mul(rest...))
	}
	if c.Sign() == 0 {
		return Zero
	}
	slices.SortFunc(out, compareFactors)
	k := internNumber(&c)
	switch len(out) {
	case 0:
		return k
	case 1:
		if k == One {
			return out[0]
		}
		if a, ok := out[0].(*AddExpr); ok {
			return distribute(k, a)
		}
	}
	if k != One {
		out = slices.Insert(out, 0, Expr(k))
	}
	return newMul(out)
}

// Pow returns base^exp, folding exact numeric powers, x^0 = 1, x^1 = x,
// (x^a)^n = x^(a n) and (x y)^n = x^n y^n for integer n, and
// exp(a)^b = exp(a b).
func Pow(base, exp Expr) Expr {
	if base == One {
		return One
	}
	if c, ok := base.(*CallExpr); ok && c.fn == FnExp {
		return Exp(Mul(c.args[0], exp))
	}
	e, ok := exp.(*Number)
	if !ok {
		return newPow(base, exp)
	}
	switch {
	case e.Sign() == 0:
		return One
	case e == One:
		return base
	}
	switch b := base.(type) {
	case *Number:
		return powNumber(b, e)
	case *PowExpr:
		if e.IsInt() {
			return Pow(b.base, Mul(b.exp, e))
		}
	case *MulExpr:
		if e.IsInt() {
			fs := make([]Expr, len(b.factors))
			for i, f := range b.factors {
				fs[i] = Pow(f, e)
			}
			return Mul(fs...)
		}
	}
	return newPow(base, exp)
}

// powNumber folds b^e when the result is exact and small enough, splitting
// off the integer part of a fractional exponent (2^(3/2) = 2 sqrt(2)).
func powNumber(b, e *Number) Expr {
	if r, ok := powRat(&b.val, &e.val); ok {
		return internNumber(r)
	}
	if b.Sign() > 0 && !e.IsInt() {
		whole := new(big.Int).Quo(e.val.Num(), e.val.Denom()) // truncates toward zero
		if whole.Sign() != 0 && whole.IsInt64() {
			w := new(big.Rat).SetInt(whole)
			if r, ok := powRat(&b.val, w); ok {
				frac := new(big.Rat).Sub(&e.val, w)
				return Mul(internNumber(r), Pow(b, internNumber(frac)))
			}
		}
		if k, rest, ok := extractRoot(b, e); ok {
			return Mul(Pow(k, internNumber(new(big.Rat).SetInt(e.val.Num()))), Pow(rest, e))
		}
	}
	if b.Sign() > 0 && !b.IsInt() && b.val.Num().IsInt64() && b.val.Num().Int64() == 1 {
		// (1/q)^e = q^(-e): one spelling for reciprocals of powers.
		return Pow(internNumber(new(big.Rat).SetInt(b.val.Denom())), internNumber(new(big.Rat).Neg(&e.val)))
	}
	return newPow(b, e)
}

// extractRoot splits an integer base n = k^q * rest for an exponent p/q
// with 0 < |p/q| < 1, so sqrt(8) = 2 sqrt(2). Only small prime factors are
// tried; a base with none stays as it is.
func extractRoot(b, e *Number) (k, rest *Number, ok bool) {
	if !b.IsInt() || !b.val.Num().IsInt64() || !e.val.Denom().IsInt64() {
		return nil, nil, false
	}
	n, q := b.val.Num().Int64(), e.val.Denom().Int64()
	kk := int64(1)
	for p := int64(2); p < 1000 && p*p <= n; p++ {
		pq, over := int64(1), false
		for range q {
			if pq > n/p {
				over = true
				break
			}
			pq *= p
		}
		if over {
			break
		}
		for n%pq == 0 {
			n /= pq
			kk *= p
		}
	}
	if kk == 1 {
		return nil, nil, false
	}
	return Int(kk), Int(n), true
}

// Neg returns -x.
func Neg(x Expr) Expr { return Mul(MinusOne, x) }

// Sub returns a - b.
func Sub(a, b Expr) Expr { return Add(a, Neg(b)) }

// Div returns a / b.
func Div(a, b Expr) Expr { return Mul(a, Pow(b, MinusOne)) }

// Sqrt returns x^(1/2); square roots are powers, printed with a radical.
func Sqrt(x Expr) Expr { return Pow(x, Half) }

// Exp returns exp(x).
func Exp(x Expr) Expr { return Call(FnExp, x) }

// Log returns the natural logarithm of x.
func Log(x Expr) Expr { return Call(FnLog, x) }

// Call applies fn to args, evaluating exactly where the value is known
// (sin(pi/2) = 1, abs(-3) = 3, exp(0) = 1) and pulling a minus sign out of
// odd functions. It panics if the arity is wrong: the parser checks arity
// with a position before calling it.
func Call(fn *Func, args ...Expr) Expr {
	if !fn.ArityOK(len(args)) {
		panic("expr: " + fn.Name + ": wrong number of arguments")
	}
	if fn.exact != nil {
		if r := fn.exact(args); r != nil {
			return r
		}
	}
	return newCall(fn, slices.Clone(args))
}

// CouldExtractMinus reports whether x reads as a negative: a negative
// number, a product with a negative coefficient, or a sum of such terms.
func CouldExtractMinus(x Expr) bool {
	switch x := x.(type) {
	case *Number:
		return x.Sign() < 0
	case *MulExpr:
		k, _ := SplitCoeff(x)
		return k.Sign() < 0
	case *AddExpr:
		neg := 0
		for _, t := range x.terms {
			if CouldExtractMinus(t) {
				neg++
			}
		}
		return 2*neg > len(x.terms) || (2*neg == len(x.terms) && CouldExtractMinus(x.terms[0]))
	}
	return false
}
