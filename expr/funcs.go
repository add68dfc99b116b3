package expr

import (
	"fmt"
	"math"
	"math/big"
)

// Func is an entry of the function table: everything the core knows about
// a named function. Derivative rules live in package derive and LaTeX forms
// in package latex, each keyed by Name, so this table stays about values.
type Func struct {
	Name string
	// MinArgs and MaxArgs bound the arity; MaxArgs < 0 means unbounded.
	MinArgs, MaxArgs int
	// Eval computes a float value, or says why it cannot (domain errors).
	Eval func(x []float64) (float64, error)
	// exact returns a simpler exact term for args, or nil.
	exact func(args []Expr) Expr
	// wide is the value at an argument out of float64's range, for the
	// functions whose value there is not their value at its float (see
	// wideRules); nil for the others.
	wide func(w wide) (float64, error)
}

// ArityOK reports whether n arguments fit.
func (f *Func) ArityOK(n int) bool {
	return n >= f.MinArgs && (f.MaxArgs < 0 || n <= f.MaxArgs)
}

// The functions of the table.
var (
	FnExp       = &Func{Name: "exp", MinArgs: 1, MaxArgs: 1}
	FnLog       = &Func{Name: "log", MinArgs: 1, MaxArgs: 1}
	FnSin       = &Func{Name: "sin", MinArgs: 1, MaxArgs: 1}
	FnCos       = &Func{Name: "cos", MinArgs: 1, MaxArgs: 1}
	FnTan       = &Func{Name: "tan", MinArgs: 1, MaxArgs: 1}
	FnTanh      = &Func{Name: "tanh", MinArgs: 1, MaxArgs: 1}
	FnSinh      = &Func{Name: "sinh", MinArgs: 1, MaxArgs: 1}
	FnCosh      = &Func{Name: "cosh", MinArgs: 1, MaxArgs: 1}
	FnSigmoid   = &Func{Name: "sigmoid", MinArgs: 1, MaxArgs: 1}
	FnRelu      = &Func{Name: "relu", MinArgs: 1, MaxArgs: 1}
	FnStep      = &Func{Name: "step", MinArgs: 1, MaxArgs: 1}
	FnAbs       = &Func{Name: "abs", MinArgs: 1, MaxArgs: 1}
	FnSign      = &Func{Name: "sign", MinArgs: 1, MaxArgs: 1}
	FnMax       = &Func{Name: "max", MinArgs: 2, MaxArgs: -1}
	FnMin       = &Func{Name: "min", MinArgs: 2, MaxArgs: -1}
	FnFactorial = &Func{Name: "factorial", MinArgs: 1, MaxArgs: 1}
	FnLgamma    = &Func{Name: "lgamma", MinArgs: 1, MaxArgs: 1}
	FnPolygamma = &Func{Name: "polygamma", MinArgs: 2, MaxArgs: 2}
	// FnMedian is the median of a term over the examples,
	// median(y[i], i, 1, N), written as a sum is: the stated minimiser of
	// a sum of absolute deviations. It has no value without the data.
	FnMedian = &Func{Name: "median", MinArgs: 4, MaxArgs: 4}

	// The algebra functions are the identity in value: they ask the
	// simplifier for a form of their argument (package simplify works
	// them out; a derivative passes through them). collect takes the
	// variable to collect by; apart works in the argument's one variable.
	FnExpand   = &Func{Name: "expand", MinArgs: 1, MaxArgs: 1}
	FnFactor   = &Func{Name: "factor", MinArgs: 1, MaxArgs: 1}
	FnCancel   = &Func{Name: "cancel", MinArgs: 1, MaxArgs: 1}
	FnTogether = &Func{Name: "together", MinArgs: 1, MaxArgs: 1}
	FnApart    = &Func{Name: "apart", MinArgs: 1, MaxArgs: 1}
	FnCollect  = &Func{Name: "collect", MinArgs: 2, MaxArgs: 2}
)

// AlgebraFuncs are the functions that ask for a form of their argument.
var AlgebraFuncs = []*Func{FnExpand, FnFactor, FnCancel, FnTogether, FnApart, FnCollect}

// Funcs lists the table in a fixed order.
var Funcs = []*Func{FnExp, FnLog, FnSin, FnCos, FnTan, FnTanh, FnSinh, FnCosh,
	FnSigmoid, FnRelu, FnStep, FnAbs, FnSign, FnMax, FnMin, FnFactorial, FnLgamma, FnPolygamma,
	FnMedian, FnExpand, FnFactor, FnCancel, FnTogether, FnApart, FnCollect}

var funcByName = map[string]*Func{}

// LookupFunc returns the function called name, or nil.
func LookupFunc(name string) *Func { return funcByName[name] }

// MaxFactorialArg bounds exact factorials; larger ones stay symbolic.
const MaxFactorialArg = 1000

func domainErr(f string, x float64) error {
	return fmt.Errorf("%s is undefined at %s", f, FormatFloat(x))
}

func init() {
	un := func(f func(float64) float64) func([]float64) (float64, error) {
		return func(x []float64) (float64, error) { return f(x[0]), nil }
	}
	FnExp.Eval = un(math.Exp)
	FnMedian.Eval = func([]float64) (float64, error) {
		return 0, fmt.Errorf("median has no value without the data it is the median of")
	}
	FnLog.Eval = func(x []float64) (float64, error) {
		if x[0] <= 0 {
			return 0, fmt.Errorf("log of non-positive number %s", FormatFloat(x[0]))
		}
		return math.Log(x[0]), nil
	}
	for _, f := range AlgebraFuncs {
		f.Eval = func(x []float64) (float64, error) { return x[0], nil }
	}
	FnSin.Eval = un(math.Sin)
	FnCos.Eval = un(math.Cos)
	FnTan.Eval = un(math.Tan)
	FnTanh.Eval = un(math.Tanh)
	FnSinh.Eval = un(math.Sinh)
	FnCosh.Eval = un(math.Cosh)
	FnSigmoid.Eval = un(func(x float64) float64 {
		if x >= 0 {
			return 1 / (1 + math.Exp(-x))
		}
		z := math.Exp(x)
		return z / (1 + z)
	})
	FnRelu.Eval = un(func(x float64) float64 { return math.Max(x, 0) })
	FnStep.Eval = un(heaviside)
	FnAbs.Eval = un(math.Abs)
	FnSign.Eval = un(func(x float64) float64 { return float64(sign(x)) })
	FnMax.Eval = func(x []float64) (float64, error) {
		m := x[0]
		for _, v := range x[1:] {
			m = math.Max(m, v)
		}
		return m, nil
	}
	FnMin.Eval = func(x []float64) (float64, error) {
		m := x[0]
		for _, v := range x[1:] {
			m = math.Min(m, v)
		}
		return m, nil
	}
	FnFactorial.Eval = func(x []float64) (float64, error) {
		if x[0] < 0 && x[0] == math.Trunc(x[0]) {
			return 0, domainErr("factorial", x[0])
		}
		return math.Gamma(x[0] + 1), nil
	}
	FnLgamma.Eval = func(x []float64) (float64, error) {
		if x[0] <= 0 && x[0] == math.Trunc(x[0]) {
			return 0, domainErr("lgamma", x[0])
		}
		v, s := math.Lgamma(x[0])
		if s < 0 {
			return 0, fmt.Errorf("lgamma of %s: gamma is negative there", FormatFloat(x[0]))
		}
		return v, nil
	}
	FnPolygamma.Eval = func(x []float64) (float64, error) {
		n := x[0]
		if n < 0 || n != math.Trunc(n) {
			return 0, fmt.Errorf("polygamma order must be a non-negative integer, got %s", FormatFloat(n))
		}
		if n > maxPolygammaOrder {
			return 0, fmt.Errorf("polygamma order %s is above %d", FormatFloat(n), maxPolygammaOrder)
		}
		if x[1] <= 0 && x[1] == math.Trunc(x[1]) {
			return 0, domainErr("polygamma", x[1])
		}
		if n > 0 && x[1] < minPolygammaArg {
			return 0, fmt.Errorf("polygamma of order %d is not evaluated below %d, got %s", int(n), minPolygammaArg, FormatFloat(x[1]))
		}
		return polygamma(int(n), x[1]), nil
	}

	for fn, rule := range wideRules {
		fn.wide = rule
	}
	FnExp.exact = exactExp
	FnLog.exact = exactLog
	FnSin.exact = exactTrig(FnSin, sinTable, true)
	FnCos.exact = exactTrig(FnCos, cosTable, false)
	FnTan.exact = exactTan
	FnTanh.exact = oddAtZero(FnTanh, Zero)
	FnSinh.exact = oddAtZero(FnSinh, Zero)
	FnCosh.exact = evenAtZero(FnCosh, One)
	FnSigmoid.exact = func(a []Expr) Expr {
		if a[0] == Zero {
			return Half
		}
		return nil
	}
	FnRelu.exact = numeric1(func(r *big.Rat) Expr {
		if r.Sign() > 0 {
			return internNumber(r)
		}
		return Zero
	})
	FnStep.exact = numeric1(func(r *big.Rat) Expr {
		if r.Sign() > 0 {
			return One
		}
		return Zero
	})
	FnSign.exact = func(a []Expr) Expr {
		if n, ok := a[0].(*Number); ok {
			return Int(int64(n.Sign()))
		}
		if CouldExtractMinus(a[0]) {
			return Neg(Call(FnSign, Neg(a[0])))
		}
		return nil
	}
	FnAbs.exact = exactAbs
	FnMax.exact = exactExtremum(1)
	FnMin.exact = exactExtremum(-1)
	FnFactorial.exact = numeric1(func(r *big.Rat) Expr {
		if r.IsInt() && r.Sign() < 0 {
			return NewUndefined("factorial of a negative integer")
		}
		if !r.IsInt() || r.Sign() < 0 || r.Num().Cmp(big.NewInt(MaxFactorialArg)) > 0 {
			return nil
		}
		f := new(big.Int).MulRange(1, r.Num().Int64())
		return internNumber(new(big.Rat).SetInt(f))
	})
	FnLgamma.exact = func(a []Expr) Expr {
		if a[0] == One || a[0] == Two {
			return Zero
		}
		if atPole(a[0]) {
			return NewUndefined("lgamma at a non-positive integer")
		}
		return nil
	}
	FnPolygamma.exact = func(a []Expr) Expr {
		if n, ok := a[0].(*Number); ok && (!n.IsInt() || n.Sign() < 0) {
			return NewUndefined("polygamma order must be a non-negative integer")
		}
		if atPole(a[1]) {
			return NewUndefined("polygamma at a non-positive integer")
		}
		return nil
	}

	for _, f := range Funcs {
		funcByName[f.Name] = f
	}
}

// atPole reports whether x is a non-positive integer, where the gamma
// function and its logarithmic derivatives have poles.
func atPole(x Expr) bool {
	n, ok := x.(*Number)
	return ok && n.IsInt() && n.Sign() <= 0
}

func heaviside(x float64) float64 {
	if x > 0 {
		return 1
	}
	return 0
}

func sign(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// numeric1 lifts an exact rule on a single rational argument.
func numeric1(f func(*big.Rat) Expr) func([]Expr) Expr {
	return func(a []Expr) Expr {
		if n, ok := a[0].(*Number); ok {
			return f(&n.val)
		}
		return nil
	}
}

func exactExp(a []Expr) Expr {
	if a[0] == Zero {
		return One
	}
	return nil
}

func exactLog(a []Expr) Expr {
	switch {
	case a[0] == One:
		return Zero
	case a[0] == E:
		return One
	}
	if n, ok := a[0].(*Number); ok && n.Sign() <= 0 {
		if n.Sign() == 0 {
			return NewUndefined("log of zero")
		}
		return NewUndefined("log of a negative number")
	}
	return nil
}

// oddAtZero: f(0) = v, and f(-x) = -f(x).
func oddAtZero(fn *Func, v Expr) func([]Expr) Expr {
	return func(a []Expr) Expr {
		if a[0] == Zero {
			return v
		}
		if CouldExtractMinus(a[0]) {
			return Neg(Call(fn, Neg(a[0])))
		}
		return nil
	}
}

// evenAtZero: f(0) = v, and f(-x) = f(x).
func evenAtZero(fn *Func, v Expr) func([]Expr) Expr {
	return func(a []Expr) Expr {
		if a[0] == Zero {
			return v
		}
		if CouldExtractMinus(a[0]) {
			return Call(fn, Neg(a[0]))
		}
		return nil
	}
}

func exactAbs(a []Expr) Expr {
	x := a[0]
	if n, ok := x.(*Number); ok {
		return internNumber(new(big.Rat).Abs(&n.val))
	}
	if c, ok := x.(*CallExpr); ok && (c.fn == FnAbs || c.fn == FnExp) {
		return c
	}
	if x == Pi {
		return Pi
	}
	if CouldExtractMinus(x) {
		return Call(FnAbs, Neg(x))
	}
	return nil
}

func exactExtremum(dir int) func([]Expr) Expr {
	return func(a []Expr) Expr {
		var best *Number
		for _, x := range a {
			n, ok := x.(*Number)
			if !ok {
				return nil
			}
			if best == nil || n.val.Cmp(&best.val)*dir > 0 {
				best = n
			}
		}
		return best
	}
}

// piMultiple returns c when x = c*pi for a rational c.
func piMultiple(x Expr) (*big.Rat, bool) {
	if x == Pi {
		return big.NewRat(1, 1), true
	}
	if x == Zero {
		return new(big.Rat), true
	}
	if m, ok := x.(*MulExpr); ok && len(m.factors) == 2 && m.factors[1] == Pi {
		if k, ok := m.factors[0].(*Number); ok {
			return &k.val, true
		}
	}
	return nil, false
}

// sinTable[k] is sin(k pi/12) for k = 0..6, where it is a rational or a
// simple surd; cosines follow from sin(pi/2 - x).
var sinTable = map[int64]func() Expr{
	0: func() Expr { return Zero },
	2: func() Expr { return Half },
	3: func() Expr { return Div(Sqrt(Two), Two) },
	4: func() Expr { return Div(Sqrt(Int(3)), Two) },
	6: func() Expr { return One },
}

var cosTable = map[int64]func() Expr{
	0: func() Expr { return One },
	2: func() Expr { return Div(Sqrt(Int(3)), Two) },
	3: func() Expr { return Div(Sqrt(Two), Two) },
	4: func() Expr { return Half },
	6: func() Expr { return Zero },
}

// exactTrig evaluates sin or cos at multiples of pi/4 and pi/6, and
// extracts the sign of the argument (sin odd, cos even).
func exactTrig(fn *Func, table map[int64]func() Expr, odd bool) func([]Expr) Expr {
	return func(a []Expr) Expr {
		if c, ok := piMultiple(a[0]); ok {
			if v := trigAt(c, odd); v != nil {
				return v
			}
		}
		if CouldExtractMinus(a[0]) {
			inner := Call(fn, Neg(a[0]))
			if odd {
				return Neg(inner)
			}
			return inner
		}
		return nil
	}
}

// trigAt returns sin(c pi) (odd) or cos(c pi) exactly, or nil.
func trigAt(c *big.Rat, odd bool) Expr {
	twelfths := new(big.Rat).Mul(c, big.NewRat(12, 1))
	if !twelfths.IsInt() || !twelfths.Num().IsInt64() {
		return nil
	}
	k := twelfths.Num().Int64() % 24 // period 2 pi
	if k < 0 {
		k += 24
	}
	sign := int64(1)
	if !odd { // cos(x) = sin(x + pi/2)
		k = (k + 6) % 24
	}
	if k >= 12 { // sin(x + pi) = -sin(x)
		k -= 12
		sign = -1
	}
	if k > 6 { // sin(pi - x) = sin(x)
		k = 12 - k
	}
	v, ok := sinTable[k]
	if !ok {
		return nil
	}
	if sign < 0 {
		return Neg(v())
	}
	return v()
}

func exactTan(a []Expr) Expr {
	if c, ok := piMultiple(a[0]); ok {
		s, co := trigAt(c, true), trigAt(c, false)
		if co == Zero {
			return NewUndefined("tan of an odd multiple of pi/2")
		}
		if s != nil && co != nil {
			return Div(s, co)
		}
	}
	return oddAtZero(FnTan, Zero)(a)
}

// Bounds on polygamma's arguments. polygamma's loops run n times and, for
// x < 20, 20 - x times, so without them polygamma(10^12, 1) or
// polygamma(1, -10^15 - 1/2) would run for hours. Beyond the order, n!
// overflows a float64. Below the argument, only order 0 has the
// reflection formula that would avoid the loop.
const (
	maxPolygammaOrder = 170
	minPolygammaArg   = -100_000
)

// polygamma computes the n-th derivative of the digamma function for x > 0
// or non-integer x < 0: shift x up with the recurrence, then use the
// asymptotic series, which is accurate to double precision for x >= 20.
func polygamma(n int, x float64) float64 {
	if x < 0 && n == 0 { // reflection: psi(1-x) - psi(x) = pi cot(pi x)
		return polygamma(0, 1-x) - math.Pi/math.Tan(math.Pi*x)
	}
	nf := 1.0
	for i := 2; i <= n; i++ {
		nf *= float64(i)
	}
	sgn := 1.0
	if n%2 == 0 {
		sgn = -1
	}
	acc := 0.0
	for x < 20 {
		if n == 0 {
			acc -= 1 / x
		} else {
			acc += sgn * nf / math.Pow(x, float64(n+1))
		}
		x++
	}
	// Bernoulli numbers B_2k for the asymptotic expansion.
	b2k := []float64{1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6}
	if n == 0 {
		s := math.Log(x) - 1/(2*x)
		for k, b := range b2k {
			s -= b / (float64(2*(k+1)) * math.Pow(x, float64(2*(k+1))))
		}
		return acc + s
	}
	// psi^(n)(x) ~ (-1)^(n+1) [ (n-1)!/x^n + n!/(2x^(n+1)) + sum B_2k (2k+n-1)!/((2k)! x^(2k+n)) ]
	fact := func(m int) float64 {
		r := 1.0
		for i := 2; i <= m; i++ {
			r *= float64(i)
		}
		return r
	}
	s := fact(n-1)/math.Pow(x, float64(n)) + nf/(2*math.Pow(x, float64(n+1)))
	for k, b := range b2k {
		kk := 2 * (k + 1)
		s += b * fact(kk+n-1) / (fact(kk) * math.Pow(x, float64(kk+n)))
	}
	return acc + sgn*s
}
