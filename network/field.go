package network

import (
	"context"
	"math"
	"math/big"
	"strconv"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// A network is evaluated in one of two kinds of numbers, with one
// implementation of each operation over both: exact terms, as a teacher's
// handout shows them (sin(pi/2) is 1, the gradient [0, 1/2]), and
// float64, for networks whose exact entries would not stay small
// (tanh of a rational has no closed form, and twenty layers of them
// nest twenty deep).

// field is the arithmetic an operation needs of its numbers.
type field[T any] interface {
	fromExpr(x expr.Expr) (T, error) // a constant of the program or an input entry
	zero() T
	one() T
	add(a, b T) T
	mul(a, b T) T
	neg(a T) T
	div(a, b T) T
	pow(a, b T) T
	// call applies a function of the expr table; deriv its derivative in
	// its (only) argument.
	call(f *expr.Func, a T) T
	deriv(f *expr.Func, a T) T
	log(a T) T
	// sign is the sign of a, and false when a has no numeric value (a
	// symbol): for the domains of log and sqrt, and for max.
	sign(a T) (int, bool)
	// check reports a value the network must not go on with: a division
	// by zero, the log of a negative number.
	check(a T) error
	// stabilizer is what logsumexp and softmax subtract from their
	// arguments before exponentials: the largest in float64, where exp
	// of 710 overflows; 0 in exact terms, which stay as the handout
	// writes them (log(exp(1) + exp(2))).
	stabilizer(xs []T) T
	toExpr(a T) expr.Expr
}

// exact computes with expr terms: every value is exact, and a value that
// has no closed form stays a term (sin(1/3)).
type exact struct{ m *budget.Meter }

func (exact) fromExpr(x expr.Expr) (expr.Expr, error) { return x, nil }
func (exact) zero() expr.Expr                         { return expr.Zero }
func (exact) one() expr.Expr                          { return expr.One }
func (exact) add(a, b expr.Expr) expr.Expr            { return expr.Add(a, b) }
func (exact) mul(a, b expr.Expr) expr.Expr            { return expr.Mul(a, b) }
func (exact) neg(a expr.Expr) expr.Expr               { return expr.Neg(a) }
func (exact) div(a, b expr.Expr) expr.Expr            { return expr.Div(a, b) }
func (exact) pow(a, b expr.Expr) expr.Expr            { return expr.Pow(a, b) }
func (exact) log(a expr.Expr) expr.Expr               { return expr.Log(a) }
func (exact) toExpr(a expr.Expr) expr.Expr            { return a }
func (exact) call(f *expr.Func, a expr.Expr) expr.Expr {
	return expr.Call(f, a)
}

func (e exact) deriv(f *expr.Func, a expr.Expr) expr.Expr {
	return expr.Substitute(derivativeOf(f), map[expr.Expr]expr.Expr{argument: a})
}

func (exact) sign(a expr.Expr) (int, bool) {
	if n, ok := a.(*expr.Number); ok {
		return n.Sign(), true
	}
	x, err := expr.Eval(a, expr.Env{})
	if err != nil || math.IsNaN(x) {
		return 0, false
	}
	return cmpZero(x), true
}

func (exact) stabilizer([]expr.Expr) expr.Expr { return expr.Zero }

func (exact) check(a expr.Expr) error {
	if u := expr.UndefinedIn(a); u != nil {
		return diag.Errorf("%s", u.Reason())
	}
	return nil
}

// float computes with float64.
type float struct{}

func (float) fromExpr(x expr.Expr) (float64, error) {
	if n, ok := x.(*expr.Number); ok && n.FitsFloat() {
		return n.Float(), nil // what Eval gives, without its set-up
	}
	return expr.Eval(x, expr.Env{})
}

func (float) zero() float64              { return 0 }
func (float) one() float64               { return 1 }
func (float) add(a, b float64) float64   { return a + b }
func (float) mul(a, b float64) float64   { return a * b }
func (float) neg(a float64) float64      { return -a }
func (float) div(a, b float64) float64   { return a / b }
func (float) pow(a, b float64) float64   { return math.Pow(a, b) }
func (float) log(a float64) float64      { return math.Log(a) }
func (float) sign(a float64) (int, bool) { return cmpZero(a), !math.IsNaN(a) }
func (float) toExpr(a float64) expr.Expr { return decimal(a) }

func (float) call(f *expr.Func, a float64) float64 {
	v, err := f.Eval([]float64{a})
	if err != nil {
		return math.NaN()
	}
	return v
}

func (float) deriv(f *expr.Func, a float64) float64 {
	if d, ok := floatDerivatives[f]; ok {
		if v, ok := d(a); ok {
			return v
		}
		return math.NaN()
	}
	v, err := expr.Eval(derivativeOf(f), expr.Env{Scalars: map[string]float64{argument.Name(): a}})
	if err != nil {
		return math.NaN()
	}
	return v
}

func (float) stabilizer(xs []float64) float64 {
	m := math.Inf(-1)
	for _, v := range xs {
		m = math.Max(m, v)
	}
	if math.IsInf(m, 0) || math.IsNaN(m) {
		return 0
	}
	return m
}

func (float) check(a float64) error {
	if math.IsNaN(a) || math.IsInf(a, 0) {
		return diag.Errorf("the value is not a finite number")
	}
	return nil
}

// argument is the variable the derivatives of functions are taken in.
var argument = expr.Sym("u")

// derivatives caches f'(u) for each function of the table, worked out by
// package derive, so that a network differentiates what the rest of
// derivtex differentiates, the same way.
var derivatives = map[*expr.Func]expr.Expr{}

// floatDerivatives holds each f'(u) of derivatives compiled for float64
// (expr.EvalFunc): a backward pass evaluates one at every entry, and
// Eval's set-up for each would cost more than the forward pass.
var floatDerivatives = map[*expr.Func]func(float64) (float64, bool){}

func init() {
	for _, f := range expr.Funcs {
		if f.MinArgs != 1 || f.MaxArgs != 1 {
			continue
		}
		if d, err := derive.Diff(context.Background(), expr.Call(f, argument), argument); err == nil {
			derivatives[f] = d
			if c, ok := expr.EvalFunc(d, argument); ok {
				floatDerivatives[f] = c
			}
		}
	}
}

// derivativeOf is f'(u), or nil for a function without one (factorial).
func derivativeOf(f *expr.Func) expr.Expr { return derivatives[f] }

// decimal is the number a float64 prints as, exactly: 0.1 is 1/10, not
// the binary fraction nearest it, so that a float answer reads as its
// decimal in plain syntax.
func decimal(a float64) expr.Expr {
	if math.IsNaN(a) || math.IsInf(a, 0) {
		return expr.NewUndefined("not a finite number")
	}
	if x, ok := shortDecimal(a); ok {
		return x
	}
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(a, 'g', -1, 64))
	if !ok {
		return expr.NewUndefined("not a finite number")
	}
	return expr.NewNumber(r)
}

// shortDecimal is decimal(a) for the common case, from the shortest
// digits d1.d2...dn e±k read as one int64 over a power of ten, without
// parsing a decimal into a big.Rat: a float pass turns every entry of every value and
// adjoint into a term this way. It fails, for decimal's slow path, when
// a whole number needs more than int64's range.
func shortDecimal(a float64) (expr.Expr, bool) {
	var buf [32]byte
	s := strconv.AppendFloat(buf[:0], a, 'e', -1, 64) // -1.2345e-07
	i, neg := 0, false
	if s[0] == '-' {
		i, neg = 1, true
	}
	var mant int64
	frac := 0 // digits after the point
	point := false
	for ; s[i] != 'e'; i++ {
		if s[i] == '.' {
			point = true
			continue
		}
		mant = mant*10 + int64(s[i]-'0') // at most 17 digits: no overflow
		if point {
			frac++
		}
	}
	exp, err := strconv.Atoi(string(s[i+1:]))
	if err != nil {
		return nil, false
	}
	if neg {
		mant = -mant
	}
	switch k := exp - frac; {
	case k < 0 && k >= -18:
		return expr.Rat(mant, pow10[-k]), true
	case k >= 0 && k <= 18 && (mant == 0 || max(mant, -mant) <= math.MaxInt64/pow10[k]):
		return expr.Int(mant * pow10[k]), true
	case k < 0 && -k < len(bigPow10):
		var r big.Rat
		r.SetFrac(big.NewInt(mant), bigPow10[-k])
		return expr.NewNumber(&r), true
	}
	return nil, false
}

// bigPow10 are the powers of ten to 10^400, past the denominator of any
// float64's shortest decimal (10^-324 with 17 digits).
var bigPow10 = func() (p [401]*big.Int) {
	p[0] = big.NewInt(1)
	ten := big.NewInt(10)
	for i := 1; i < len(p); i++ {
		p[i] = new(big.Int).Mul(p[i-1], ten)
	}
	return p
}()

// pow10 are the powers of ten that fit an int64.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// cmpZero is the sign of x.
func cmpZero(x float64) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}
