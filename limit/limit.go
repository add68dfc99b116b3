// Package limit finds limits exactly, at ±∞ and at a point from either
// side, for the classes activation functions come from: rational
// functions of x and of exponentials of x, their logarithms and powers,
// and pieces of them (relu, max, min, abs, step, sign), sigmoid and the
// hyperbolic functions (written with exp), and sin or cos of a growing
// argument, which oscillate.
//
// The method is a truncated asymptotic series in the scale t^p e^(q t)
// (log t)^m as t → +∞ (series.go), the dominant-term analysis a person
// does by hand: x → +∞ is t, x → -∞ is -t, x → c from the right is c +
// 1/t and from the left c - 1/t. Sums merge terms of one scale, and a
// cancellation is carried to the next terms; a quotient divides by its
// leading term and expands 1/(1 + r); exp, log and powers expand around
// their leading term the same way (the work L'Hopital's rule would do
// on a quotient of such terms); a piece (relu(u), max(u, v)) is the
// branch the sign of its argument's leading term picks. The limit is read
// off the leading term. An expression outside the classes, or a
// cancellation past the terms kept, or the work budget spent, is
// ErrUnknown: the caller falls back to numbers, and says so.
package limit

import (
	"context"
	"errors"
	"math/big"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/simplify"
)

// Kind is the kind of a limit.
type Kind int

// The kinds of limit.
const (
	Finite Kind = iota
	PlusInf
	MinusInf
	None // no limit: the function oscillates
)

func (k Kind) String() string {
	return [...]string{"finite", "+inf", "-inf", "none"}[k]
}

// Result is a limit: its kind and, when finite, its exact value.
type Result struct {
	Kind  Kind
	Value expr.Expr // nil unless Finite
}

// Point is where a limit is taken: ±∞ (Inf = ±1), or At from the left
// (Side -1) or the right (Side 1).
type Point struct {
	Inf  int
	At   expr.Expr
	Side int
}

// ErrUnknown is the error of a limit the procedure cannot find.
var ErrUnknown = errors.New("limit: outside the classes handled")

// At is the limit of f as v tends to p.
func At(ctx context.Context, f expr.Expr, v *expr.Symbol, p Point) (Result, error) {
	t := expr.Sym("t·limit")
	var sub expr.Expr
	switch {
	case p.Inf > 0:
		sub = t
	case p.Inf < 0:
		sub = expr.Neg(t)
	case p.Side > 0:
		sub = expr.Add(p.At, expr.Pow(t, expr.MinusOne))
	default:
		sub = expr.Sub(p.At, expr.Pow(t, expr.MinusOne))
	}
	g := expr.Substitute(f, map[expr.Expr]expr.Expr{v: sub})
	e := &engine{ctx: ctx}
	s, err := e.expand(g, t, map[expr.Expr]series{})
	if err == nil {
		var r Result
		if r, err = read(s); err == nil {
			return r, nil
		}
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return Result{}, ctxErr
	}
	return Result{}, ErrUnknown
}

// read is the limit of a series.
func read(s series) (Result, error) {
	if len(s.terms) == 0 {
		if s.rem == nil || s.rem.growth() < 0 {
			return Result{Kind: Finite, Value: expr.Zero}, nil
		}
		return Result{}, errUndecided
	}
	l := s.terms[0]
	g := l.s.growth()
	switch {
	case l.osc && g >= 0:
		return Result{Kind: None}, nil
	case g < 0:
		return Result{Kind: Finite, Value: expr.Zero}, nil
	case g == 0:
		return Result{Kind: Finite, Value: l.c}, nil
	}
	sg, err := sign(l.c)
	if err != nil {
		return Result{}, err
	}
	if sg > 0 {
		return Result{Kind: PlusInf}, nil
	}
	return Result{Kind: MinusInf}, nil
}

// expand is the series of x in t, memoised on the shared subterms.
func (e *engine) expand(x expr.Expr, t *expr.Symbol, memo map[expr.Expr]series) (series, error) {
	if s, ok := memo[x]; ok {
		return s, nil
	}
	if err := e.charge(1); err != nil {
		return series{}, err
	}
	s, err := e.expand1(x, t, memo)
	if err != nil {
		return series{}, err
	}
	memo[x] = s
	return s, nil
}

func free(x expr.Expr, t *expr.Symbol) bool {
	for _, s := range expr.FreeSymbols(x) {
		if s == t {
			return false
		}
	}
	return true
}

func (e *engine) expand1(x expr.Expr, t *expr.Symbol, memo map[expr.Expr]series) (series, error) {
	if free(x, t) {
		if len(expr.FreeSymbols(x)) > 0 {
			return series{}, errOut // a parameter without a value
		}
		if _, ok := value(x); !ok {
			return series{}, errOut
		}
		return constant(x), nil
	}
	if x == t {
		return series{terms: []term{{c: expr.One, s: scale{q: new(big.Rat), p: big.NewRat(1, 1)}}}}, nil
	}
	sub := func(y expr.Expr) (series, error) { return e.expand(y, t, memo) }
	switch y := x.(type) {
	case *expr.AddExpr:
		sum := series{}
		for _, a := range y.Args() {
			s, err := sub(a)
			if err != nil {
				return series{}, err
			}
			if sum, err = e.add(sum, s); err != nil {
				return series{}, err
			}
		}
		return sum, nil
	case *expr.MulExpr:
		prod := constant(expr.One)
		for _, a := range y.Args() {
			s, err := sub(a)
			if err != nil {
				return series{}, err
			}
			if prod, err = e.mul(prod, s); err != nil {
				return series{}, err
			}
		}
		return prod, nil
	case *expr.PowExpr:
		base, ex := y.Args()[0], y.Args()[1]
		if n, ok := ex.(*expr.Number); ok {
			b, err := sub(base)
			if err != nil {
				return series{}, err
			}
			return e.pow(b, n)
		}
		// b^u = exp(u log b)
		return sub(expr.Call(expr.FnExp, expr.Mul(ex, expr.Call(expr.FnLog, base))))
	case *expr.CallExpr:
		return e.call(y, t, memo)
	}
	return series{}, errOut
}

// pow is a^n for a rational n.
func (e *engine) pow(a series, n *expr.Number) (series, error) {
	if len(a.terms) == 0 && a.rem == nil {
		if n.Sign() > 0 {
			return series{}, nil
		}
		return series{}, errOut // 1/0
	}
	l, r, err := e.lead(a)
	if err != nil {
		return series{}, err
	}
	nr := n.Rat()
	// l.c^n: a negative base only to a whole power.
	if sg, err := sign(l.c); err != nil || sg < 0 && !n.IsInt() {
		return series{}, errOut
	}
	mr := new(big.Rat).Mul(big.NewRat(int64(l.s.m), 1), nr)
	if !mr.IsInt() || !mr.Num().IsInt64() {
		return series{}, errOut
	}
	s := scale{q: new(big.Rat).Mul(l.s.q, nr), p: new(big.Rat).Mul(l.s.p, nr), m: int(mr.Num().Int64())}
	c := e.mulC(expr.Pow(l.c, n), expr.One)
	// (1 + r)^n = sum binom(n, k) r^k
	binom := func(k int) expr.Expr {
		b := expr.Expr(expr.One)
		for i := 0; i < k; i++ {
			b = expr.Mul(b, expr.Div(expr.Sub(n, expr.Int(int64(i))), expr.Int(int64(i+1))))
		}
		return b
	}
	rest, err := e.power(r, binom)
	if err != nil {
		return series{}, err
	}
	return e.mul(series{terms: []term{{c: c, s: s}}}, rest)
}

// exp is e^a: a's growing terms must be a multiple of t and of log t.
func (e *engine) exp(a series) (series, error) {
	big_, c, small, err := split(a)
	if err != nil {
		return series{}, err
	}
	s := scale{q: new(big.Rat), p: new(big.Rat)}
	for _, b := range big_ {
		n, ok := b.c.(*expr.Number)
		switch {
		case !ok:
			return series{}, errOut
		case b.s.q.Sign() == 0 && b.s.p.Cmp(big.NewRat(1, 1)) == 0 && b.s.m == 0:
			s.q = n.Rat() // e^(q t)
		case b.s.q.Sign() == 0 && b.s.p.Sign() == 0 && b.s.m == 1:
			s.p = n.Rat() // t^p
		default:
			return series{}, errOut // e^(t^2), e^(e^t): outside the scale
		}
	}
	lead, _ := simplify.Simplify(e.ctx, expr.Call(expr.FnExp, c))
	fact := expr.Expr(expr.One)
	rest, err := e.power(small, func(k int) expr.Expr {
		if k > 0 {
			fact = expr.Mul(fact, expr.Int(int64(k)))
		}
		return expr.Pow(fact, expr.MinusOne)
	})
	if err != nil {
		return series{}, err
	}
	return e.mul(series{terms: []term{{c: lead, s: s}}}, rest)
}

// log is log a, a positive.
func (e *engine) log(a series) (series, error) {
	l, r, err := e.lead(a)
	if err != nil {
		return series{}, err
	}
	if sg, err := sign(l.c); err != nil || sg < 0 || l.s.m != 0 {
		return series{}, errOut // log of a negative; log log t
	}
	lc, _ := simplify.Simplify(e.ctx, expr.Call(expr.FnLog, l.c))
	out := constant(lc)
	// log(t^p e^(q t)) = q t + p log t
	if l.s.q.Sign() != 0 {
		out, err = e.add(out, series{terms: []term{{c: expr.NewNumber(l.s.q), s: scale{q: new(big.Rat), p: big.NewRat(1, 1)}}}})
		if err != nil {
			return series{}, err
		}
	}
	if l.s.p.Sign() != 0 {
		out, err = e.add(out, series{terms: []term{{c: expr.NewNumber(l.s.p), s: scale{q: new(big.Rat), p: new(big.Rat), m: 1}}}})
		if err != nil {
			return series{}, err
		}
	}
	rest, err := e.power(r, func(k int) expr.Expr {
		if k == 0 {
			return expr.Zero
		}
		c := expr.Rat(1, int64(k))
		if k%2 == 0 {
			return expr.Neg(c)
		}
		return c
	})
	if err != nil {
		return series{}, err
	}
	return e.add(out, rest)
}

// trig is sin or cos of a: oscillating where a grows like t^p (p > 0,
// no exponential), a Taylor series where a tends to a constant.
func (e *engine) trig(fn *expr.Func, a series) (series, error) {
	big_, c, small, err := split(a)
	if err != nil {
		return series{}, err
	}
	if len(big_) > 0 {
		l := big_[0]
		if l.s.q.Sign() != 0 {
			return series{}, errOut
		}
		return series{terms: []term{{c: expr.One, s: one, osc: true}}}, nil
	}
	// sin(c + h) = sin c cos h + cos c sin h, likewise cos.
	sc, _ := simplify.Simplify(e.ctx, expr.Call(expr.FnSin, c))
	cc, _ := simplify.Simplify(e.ctx, expr.Call(expr.FnCos, c))
	if fn == expr.FnCos {
		sc, cc = cc, expr.Neg(sc)
	}
	fact := expr.Expr(expr.One)
	taylor := func(k int) expr.Expr {
		if k > 0 {
			fact = expr.Mul(fact, expr.Int(int64(k)))
		}
		// the k-th derivative of sin at c over k!: sc, cc, -sc, -cc, ...
		d := []expr.Expr{sc, cc, expr.Neg(sc), expr.Neg(cc)}[k%4]
		return expr.Div(d, fact)
	}
	return e.power(small, taylor)
}

// call expands a function of the engine's table.
func (e *engine) call(c *expr.CallExpr, t *expr.Symbol, memo map[expr.Expr]series) (series, error) {
	args := c.Args()
	sub := func(y expr.Expr) (series, error) { return e.expand(y, t, memo) }
	exp := func(y expr.Expr) expr.Expr { return expr.Call(expr.FnExp, y) }
	switch c.Func() {
	case expr.FnExp:
		a, err := sub(args[0])
		if err != nil {
			return series{}, err
		}
		return e.exp(a)
	case expr.FnLog:
		a, err := sub(args[0])
		if err != nil {
			return series{}, err
		}
		return e.log(a)
	case expr.FnSin, expr.FnCos:
		a, err := sub(args[0])
		if err != nil {
			return series{}, err
		}
		return e.trig(c.Func(), a)
	case expr.FnSigmoid:
		return sub(expr.Pow(expr.Add(expr.One, exp(expr.Neg(args[0]))), expr.MinusOne))
	case expr.FnTanh:
		// tanh u = (1 - e^(-2u))/(1 + e^(-2u)) for u > 0, the mirror for u < 0.
		u := args[0]
		sg, err := e.eventualSign(u, t, memo)
		if err != nil {
			return series{}, err
		}
		if sg < 0 {
			u = expr.Neg(u)
		}
		m := exp(expr.Mul(expr.Int(-2), u))
		s, err := sub(expr.Div(expr.Sub(expr.One, m), expr.Add(expr.One, m)))
		if err != nil || sg >= 0 {
			return s, err
		}
		return e.neg(s), nil
	case expr.FnSinh:
		return sub(expr.Div(expr.Sub(exp(args[0]), exp(expr.Neg(args[0]))), expr.Int(2)))
	case expr.FnCosh:
		return sub(expr.Div(expr.Add(exp(args[0]), exp(expr.Neg(args[0]))), expr.Int(2)))
	case expr.FnRelu, expr.FnAbs, expr.FnStep, expr.FnSign:
		sg, err := e.eventualSign(args[0], t, memo)
		if err != nil {
			return series{}, err
		}
		var branch expr.Expr
		switch c.Func() {
		case expr.FnRelu:
			branch = map[bool]expr.Expr{true: args[0], false: expr.Zero}[sg > 0]
		case expr.FnAbs:
			branch = map[bool]expr.Expr{true: args[0], false: expr.Neg(args[0])}[sg >= 0]
		case expr.FnStep:
			branch = map[bool]expr.Expr{true: expr.One, false: expr.Zero}[sg > 0]
		default:
			branch = expr.Int(int64(sg))
		}
		return sub(branch)
	case expr.FnMax, expr.FnMin:
		best := args[0]
		for _, a := range args[1:] {
			sg, err := e.eventualSign(expr.Sub(a, best), t, memo)
			if err != nil {
				return series{}, err
			}
			if sg > 0 == (c.Func() == expr.FnMax) && sg != 0 {
				best = a
			}
		}
		return sub(best)
	}
	return series{}, errOut
}

// eventualSign is the sign u keeps as t → ∞: its leading term's, or 0
// when u is exactly 0.
func (e *engine) eventualSign(u expr.Expr, t *expr.Symbol, memo map[expr.Expr]series) (int, error) {
	s, err := e.expand(u, t, memo)
	if err != nil {
		return 0, err
	}
	if len(s.terms) == 0 {
		if s.rem == nil {
			return 0, nil
		}
		return 0, errUndecided
	}
	if s.terms[0].osc {
		return 0, errOut // changes sign for ever
	}
	return sign(s.terms[0].c)
}
