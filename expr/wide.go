package expr

import (
	"fmt"
	"math"
	"math/big"
)

// wide is a value out of float64's normal range as ±frac·2^exp, frac in
// [0.5, 1): the magnitude of an exact rational whose float under- or
// overflows (10^-400, 10^400), kept for the functions and powers whose
// value is in range though their argument is not: log(10^-400) is
// -921.034..., (10^400)^(-1/4) is 10^-100.
type wide struct {
	neg  bool
	frac float64
	exp  int
}

// FitsFloat reports whether n's float64 carries n to full precision: n is
// 0, or its magnitude is neither above the largest float64 nor below the
// smallest normal one.
func (n *Number) FitsFloat() bool {
	f := math.Abs(n.f)
	return n.Sign() == 0 || (f >= minNormal && !math.IsInf(f, 0))
}

// minNormal is the smallest normal float64, 2^-1022.
const minNormal = 0x1p-1022

// wide returns n, which is not 0, as a wide value.
func (n *Number) wide() wide {
	var f, mant big.Float
	f.SetPrec(64).SetRat(&n.val)
	exp := f.MantExp(&mant)
	frac, _ := mant.Float64()
	return wide{neg: frac < 0, frac: math.Abs(frac), exp: exp}
}

// Decimal writes n in decimal as strconv.FormatFloat writes a float64
// with format 'e', 'f' or 'g' and prec digits (-1: the fewest that
// identify a float64 of that value), whatever n's size: 1e+400 for
// 10^400, where the float64 would be +Inf.
func (n *Number) Decimal(format byte, prec int) string {
	var f big.Float
	f.SetPrec(53).SetRat(&n.val)
	return f.Text(format, prec)
}

// widen makes a wide value of a nonzero float.
func widen(f float64) wide {
	frac, exp := math.Frexp(math.Abs(f))
	return wide{neg: f < 0, frac: frac, exp: exp}
}

// mul returns w·v.
func (w wide) mul(v wide) wide {
	frac, exp := math.Frexp(w.frac * v.frac)
	return wide{neg: w.neg != v.neg, frac: frac, exp: w.exp + v.exp + exp}
}

// float returns w as a float64: ±Inf when it overflows, ±0 or a
// subnormal when it underflows.
func (w wide) float() float64 {
	return math.Copysign(math.Ldexp(w.frac, w.exp), sign1(w.neg))
}

func sign1(neg bool) float64 {
	if neg {
		return -1
	}
	return 1
}

// log returns log|w|.
func (w wide) log() float64 { return math.Log(w.frac) + float64(w.exp)*math.Ln2 }

// pow returns |w|^p = frac^p · 2^(exp·p), the integer part of exp·p
// applied exactly with Ldexp and the product's rounding error kept.
func (w wide) pow(p float64) wide {
	t := float64(w.exp) * p
	k := math.Floor(t)
	r := t - k + math.FMA(float64(w.exp), p, -t)
	if math.Abs(k) > 1<<40 {
		return wide{frac: 0.5, exp: int(math.Copysign(1<<40, k))} // far out of range either way
	}
	frac, exp := math.Frexp(math.Pow(w.frac, p) * math.Exp2(r))
	return wide{frac: frac, exp: int(k) + exp}
}

// powRat returns |w|^(num/den), den > 0, splitting exp·num/den into its
// integer part and an exact remainder.
func (w wide) powRat(num, den int64) wide {
	t := int64(w.exp) * num // |exp| < 2^32 and |num| < 2^31: no overflow
	k := floorDiv(t, den)
	r := float64(t-k*den) / float64(den)
	frac, exp := math.Frexp(math.Pow(w.frac, float64(num)/float64(den)) * math.Exp2(r))
	return wide{frac: frac, exp: int(k) + exp}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// String writes w with six significant digits, for messages.
func (w wide) String() string {
	f := new(big.Float).SetMantExp(big.NewFloat(w.frac), w.exp)
	if w.neg {
		f.Neg(f)
	}
	return f.Text('g', 6)
}

// wideRules are the functions whose value at an argument out of float64's
// range is not their value at that argument's float (0 or ±Inf): log
// and lgamma have poles at 0, sign and step tell a tiny number from 0,
// and exp, tanh and sigmoid have limits at ±Inf. The other functions
// take the float: their value at 0 is the value near 0 to float
// precision, and an overflowing argument is an error.
// Their rules are set in the table (Func.wide) at init.
var wideRules = map[*Func]func(w wide) (float64, error){
	FnLog: func(w wide) (float64, error) {
		if w.neg {
			return 0, fmt.Errorf("log of non-positive number %s", w)
		}
		return w.log(), nil
	},
	FnLgamma: func(w wide) (float64, error) {
		switch {
		case w.exp > 0:
			return atFloat(FnLgamma)(w) // ±Inf: an error
		case w.neg:
			return 0, fmt.Errorf("lgamma of %s: gamma is negative there", w)
		}
		return -w.log(), nil // lgamma(x) = -log x - γx + O(x^2)
	},
	FnSign:    func(w wide) (float64, error) { return sign1(w.neg), nil },
	FnStep:    func(w wide) (float64, error) { return heaviside(sign1(w.neg)), nil },
	FnExp:     atFloat(FnExp),
	FnTanh:    atFloat(FnTanh),
	FnSigmoid: atFloat(FnSigmoid),
}

// atFloat evaluates fn at w's float, ±Inf included: exp(-10^400) is 0 and
// tanh(10^400) is 1.
func atFloat(fn *Func) func(w wide) (float64, error) {
	return func(w wide) (float64, error) { return fn.Eval([]float64{w.float()}) }
}

// wideOf returns the value of x as a wide number when x is out of
// float64's range because of an exact rational in it: a number
// (10^-400), a name bound to one (Env.Unfit), a power of one with a
// float exponent, or a product with such a factor (pi·10^-400). ok is
// false for every other term, whose float is its value.
func (ev *evaluator) wideOf(x Expr) (w wide, ok bool, err error) {
	switch x := x.(type) {
	case *Number:
		if x.FitsFloat() {
			return wide{}, false, nil
		}
		return x.wide(), true, nil
	case *Symbol, *Indexed:
		if len(ev.env.Unfit) == 0 {
			return wide{}, false, nil
		}
		v, err := ev.unfit(x)
		if n, isNumber := v.(*Number); err == nil && isNumber {
			return ev.wideOf(n)
		}
		return wide{}, false, err
	case *PowExpr:
		b, ok, err := ev.wideOf(x.base)
		if !ok || err != nil {
			return wide{}, false, err
		}
		p, err := ev.eval(x.exp)
		if err != nil {
			return wide{}, false, err
		}
		w := b.pow(p)
		if n, ok := x.exp.(*Number); ok && n.small {
			w = b.powRat(n.num, n.den) // 1/5 exactly, not 0.2
		}
		switch {
		case !b.neg:
		case p == math.Trunc(p):
			w.neg = math.Mod(p, 2) != 0
		default:
			if w.neg, err = ev.rootSign(x, b.String(), p); err != nil {
				return wide{}, false, err
			}
		}
		return w, true, nil
	case *MulExpr:
		w = wide{frac: 0.5, exp: 1}
		for _, f := range x.factors {
			v, isWide, err := ev.wideOf(f)
			if err != nil {
				return wide{}, false, err
			}
			if !isWide {
				fv, err := ev.eval(f)
				if err != nil || fv == 0 {
					return wide{}, false, err
				}
				v = widen(fv)
			}
			w, ok = w.mul(v), ok || isWide
		}
		return w, ok, nil
	}
	return wide{}, false, nil
}

// mayBeWide reports, without evaluating anything, whether x may be out of
// float64's range because of an exact rational (see wideOf): it looks
// through powers and products to a depth of 3, enough for the forms
// wideOf takes (pi/x^2 at x = 10^-400), and never deeper, so that it
// costs nothing on deep terms.
func (ev *evaluator) mayBeWide(x Expr, depth int) bool {
	if !ev.wide {
		return false
	}
	switch x := x.(type) {
	case *Number:
		return !x.FitsFloat()
	case *Symbol, *Indexed:
		return len(ev.env.Unfit) > 0
	case *PowExpr:
		return depth > 0 && ev.mayBeWide(x.base, depth-1)
	case *MulExpr:
		if depth == 0 {
			return false
		}
		for _, f := range x.factors {
			if ev.mayBeWide(f, depth-1) {
				return true
			}
		}
	}
	return false
}

// maxWideDepth bounds mayBeWide's look into a term.
const maxWideDepth = 3

// unfit returns the exact value Env.Unfit binds x to, x being a name or
// an element, or nil.
func (ev *evaluator) unfit(x Expr) (Expr, error) {
	if el, ok := x.(*Indexed); ok {
		index := make([]Expr, len(el.index))
		for k, ix := range el.index {
			v, err := ev.eval(ix)
			if err != nil {
				return nil, err
			}
			if v != math.Trunc(v) || math.Abs(v) > 1<<53 {
				return nil, nil // the element's own evaluation says what is wrong
			}
			index[k] = Int(int64(v))
		}
		x = Index(el.name, index...)
	}
	if s, ok := x.(*Symbol); ok {
		if _, inLoop := ev.loop[s]; inLoop {
			return nil, nil
		}
	}
	return ev.env.Unfit[x], nil
}
