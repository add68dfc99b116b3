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
func IsConstantSymbol(s *Symbol) bool { return s.name == "pi" }

// Add returns the canonical sum of terms: nested sums flattened, numbers
// folded, like terms collected (2x + 3x = 5x), zeros dropped, sorted.
func Add(terms ...Expr) Expr {
	switch len(terms) {
	case 0:
		return Zero
	case 1:
		return terms[0]
	}
	if u := firstUndefined(terms); u != nil {
		return u
	}
	b := sumBuilder{c: accOf(0)}
	b.like.slots = make([]slot[ratAcc], 0, len(terms))
	for _, t := range terms {
		b.add(t)
	}
	out := make([]Expr, 0, len(b.like.slots)+1)
	for i := range b.like.slots {
		s := &b.like.slots[i]
		if s.val.sign() == 0 {
			continue
		}
		out = append(out, scale(s.val.number(), s.key))
	}
	slices.SortFunc(out, compareAddTerms)
	if b.c.sign() != 0 {
		out = append(out, b.c.number())
	}
	switch len(out) {
	case 0:
		return Zero
	case 1:
		return out[0]
	}
	return newAdd(out)
}

// sumBuilder collects the terms of a sum: the number part in c, and for
// each non-numeric part (in order of appearance) its total coefficient.
type sumBuilder struct {
	c    ratAcc
	like collector[ratAcc]
}

func (b *sumBuilder) add(t Expr) {
	if a, ok := t.(*AddExpr); ok { // whose terms are not sums
		for _, u := range a.terms {
			b.addTerm(u)
		}
		return
	}
	b.addTerm(t)
}

func (b *sumBuilder) addTerm(t Expr) {
	switch t := t.(type) {
	case *Number:
		b.c.add(t)
		return
	}
	k, rest := SplitCoeff(t)
	if i, ok := b.like.find(rest); ok {
		b.like.slots[i].val.add(k)
		return
	}
	acc := accOf(0)
	acc.add(k)
	b.like.put(rest, acc)
}

// collector is an insertion-ordered map from interned terms to values.
// Sums and products are mostly short, so it scans a slice and builds a
// hash index only once it grows.
type collector[V any] struct {
	slots []slot[V]
	index map[Expr]int
}

type slot[V any] struct {
	key Expr
	val V
}

const collectorScan = 16

func (c *collector[V]) find(k Expr) (int, bool) {
	if c.index != nil {
		i, ok := c.index[k]
		return i, ok
	}
	for i := range c.slots {
		if c.slots[i].key == k {
			return i, true
		}
	}
	return 0, false
}

func (c *collector[V]) put(k Expr, v V) {
	c.slots = append(c.slots, slot[V]{k, v})
	switch {
	case c.index != nil:
		c.index[k] = len(c.slots) - 1
	case len(c.slots) > collectorScan:
		c.index = make(map[Expr]int, 2*len(c.slots))
		for i, s := range c.slots {
			c.index[s.key] = i
		}
	}
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
		out[i] = scale(mulNumbers(k, tk), rest)
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
	if u := firstUndefined(factors); u != nil {
		return u // 0 * (1/0) is undefined, not 0
	}
	if len(factors) == 2 {
		if x := mulOneMore(factors[0], factors[1]); x != nil {
			return x
		}
		if x := mulOneMore(factors[1], factors[0]); x != nil {
			return x
		}
	}
	return mulCollect(factors)
}

// mulCollect is Mul of two or more defined factors the general way:
// every factor collected by its base, then sorted.
func mulCollect(factors []Expr) Expr {
	b := productBuilder{c: accOf(1)}
	b.bases.slots = make([]slot[exponents], 0, len(factors))
	for _, f := range factors {
		b.mul(f)
	}
	if b.c.sign() == 0 {
		return Zero
	}
	out := make([]Expr, 0, len(b.bases.slots)+1)
	var again []Expr // merged powers that came back as numbers or products
	for i := range b.bases.slots {
		s := &b.bases.slots[i]
		var p Expr
		switch {
		case s.val.more != nil:
			p = Pow(s.key, Add(append(s.val.more, s.val.first)...))
		default:
			p = s.val.factor
		}
		switch p := p.(type) {
		case *Number:
			b.c.mul(p)
		case *MulExpr:
			again = append(again, p)
		default:
			// A merged power can come out over another base, which may
			// be collected already: sqrt(x^3) sqrt(x^3) = x^3, next to 1/x^2.
			if base, _ := factorBase(p); base != s.key {
				again = append(again, p)
			} else {
				out = append(out, p)
			}
		}
	}
	if len(again) > 0 {
		rest := append(out, again...)
		return Mul(b.c.number(), Mul(rest...))
	}
	if b.c.sign() == 0 {
		return Zero
	}
	slices.SortFunc(out, compareFactors)
	k := b.c.number()
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

// mulOneMore is Mul(p, f) when p is a product and f one more factor over
// a base p does not have, or nil: f goes in its place in p's sorted
// factors, which is what the general path gives, without collecting p's
// factors again. Reverse mode multiplies a long product by one factor at
// every step back along a chain, and collecting would make each step
// cost a hash table of the whole product.
func mulOneMore(p, f Expr) Expr {
	m, ok := p.(*MulExpr)
	if !ok {
		return nil
	}
	switch f.(type) {
	case *Number, *MulExpr:
		return nil
	}
	base, _ := factorBase(f)
	first := 0 // the factors after the number part, sorted
	for i, g := range m.factors {
		if _, ok := g.(*Number); ok {
			first = i + 1
			continue
		}
		if b, _ := factorBase(g); b == base {
			return nil // x^a x^b: the exponents add up
		}
	}
	rest := m.factors[first:]
	i, tie := slices.BinarySearchFunc(rest, f, compareFactors)
	if tie {
		return nil
	}
	at := first + i
	out := make([]Expr, 0, len(m.factors)+1)
	out = append(out, m.factors[:at]...)
	out = append(out, f)
	out = append(out, m.factors[at:]...)
	return newMul(out)
}

// productBuilder collects the factors of a product: the number part in c,
// and for each base (in order of appearance) its exponents.
type productBuilder struct {
	c     ratAcc
	bases collector[exponents]
}

// exponents are the exponents a base occurs with; most occur once.
type exponents struct {
	first Expr
	more  []Expr
	// factor is the factor that gave first, already canonical: a base
	// that occurs once is kept as it came, not rebuilt from its base and
	// exponent, which for exp(exp(...)) would rebuild the whole tower.
	factor Expr
}

func (b *productBuilder) mul(f Expr) {
	if m, ok := f.(*MulExpr); ok { // whose factors are not products
		for _, g := range m.factors {
			b.mulFactor(g)
		}
		return
	}
	b.mulFactor(f)
}

func (b *productBuilder) mulFactor(f Expr) {
	if n, ok := f.(*Number); ok {
		b.c.mul(n)
		return
	}
	base, exp := factorBase(f)
	if i, ok := b.bases.find(base); ok {
		e := &b.bases.slots[i].val
		e.more = append(e.more, exp)
		return
	}
	b.bases.put(base, exponents{first: exp, factor: f})
}

// factorBase splits a non-numeric factor into the base a product collects
// it under and its exponent: x^a is (x, a), exp(a) is (e, a), since
// exp(a) exp(b) = exp(a + b), and anything else f is (f, 1).
func factorBase(f Expr) (base, exp Expr) {
	switch f := f.(type) {
	case *PowExpr:
		return f.base, f.exp
	case *CallExpr:
		if f.fn == FnExp {
			return E, f.args[0]
		}
	}
	return f, One
}

// Pow returns base^exp, folding exact numeric powers, x^0 = 1, x^1 = x,
// (x^a)^n = x^(a n) and (x y)^n = x^n y^n for integer n, and
// exp(a)^b = exp(a b).
func Pow(base, exp Expr) Expr {
	if u := firstUndefined([]Expr{base, exp}); u != nil {
		return u
	}
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
		if b.Sign() == 0 && e.Sign() < 0 {
			return NewUndefined(divisionByZero)
		}
		if b.Sign() < 0 && !e.IsInt() && e.Den().Bit(0) == 0 {
			return NewUndefined(notReal + ": an even root of a negative number")
		}
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

// Neg returns -x. It is Mul(MinusOne, x), done directly for the shapes
// printers negate all the time.
func Neg(x Expr) Expr {
	switch x := x.(type) {
	case *Number:
		return NegNumber(x)
	case *MulExpr:
		// Negating the coefficient keeps the factors canonical.
		if k, ok := x.factors[0].(*Number); ok {
			if k == MinusOne {
				if len(x.factors) == 2 {
					return x.factors[1]
				}
				return newMul(x.factors[1:])
			}
			fs := slices.Clone(x.factors)
			fs[0] = NegNumber(k)
			return newMul(fs)
		}
		fs := make([]Expr, 0, len(x.factors)+1)
		return newMul(append(append(fs, MinusOne), x.factors...))
	case *AddExpr:
		return distribute(MinusOne, x)
	}
	return Mul(MinusOne, x)
}

// Coeff returns the numeric coefficient of t: 3 for 3*x*y, 1 for x, t for
// a number. Unlike SplitCoeff it builds nothing.
func Coeff(t Expr) *Number {
	switch t := t.(type) {
	case *Number:
		return t
	case *MulExpr:
		if k, ok := t.factors[0].(*Number); ok {
			return k
		}
	}
	return One
}

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
	if u := firstUndefined(args); u != nil {
		return u
	}
	if fn.exact != nil {
		if r := fn.exact(args); r != nil {
			return r
		}
	}
	return newCall(fn, args)
}

// CouldExtractMinus reports whether x reads as a negative: a negative
// number, a product with a negative coefficient, or a sum of such terms.
func CouldExtractMinus(x Expr) bool {
	switch x := x.(type) {
	case *Number:
		return x.Sign() < 0
	case *MulExpr:
		return Coeff(x).Sign() < 0
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
