package expr

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// MaxNumberBits caps the size of a numerator or denominator that folding
// may produce. A power or factorial whose exact value would be larger is
// left unevaluated (9^9^9^9 stays a tower), which keeps every constructor
// fast whatever the input.
const MaxNumberBits = 1 << 14

// Frequently used numbers.
var (
	Zero     = Int(0)
	One      = Int(1)
	Two      = Int(2)
	MinusOne = Int(-1)
	Half     = Rat(1, 2)
)

// Int returns the integer n as a term.
func Int(n int64) *Number {
	if n >= -maxSmall && n <= maxSmall {
		return internSmall(n, 1)
	}
	var r big.Rat
	r.SetInt64(n)
	return internNumber(&r)
}

// Rat returns the fraction a/b as a term. b must not be zero.
func Rat(a, b int64) *Number {
	if b != 0 && fitsSmall(max(a, -a), max(b, -b)) {
		if b < 0 {
			a, b = -a, -b
		}
		g := gcd64(a, b)
		return internSmall(a/g, b/g)
	}
	var r big.Rat
	r.SetFrac64(a, b)
	return internNumber(&r)
}

// NewNumber returns r as a term. r is copied, so the caller may reuse it.
func NewNumber(r *big.Rat) *Number {
	var c big.Rat
	c.Set(r)
	return internNumber(&c)
}

// Rat returns a copy of the number's value.
func (n *Number) Rat() *big.Rat { return new(big.Rat).Set(&n.val) }

// Sign returns -1, 0 or +1.
func (n *Number) Sign() int {
	if n.small {
		switch {
		case n.num > 0:
			return 1
		case n.num < 0:
			return -1
		}
		return 0
	}
	return n.val.Sign()
}

// IsInt reports whether the number is an integer.
func (n *Number) IsInt() bool {
	if n.small {
		return n.den == 1
	}
	return n.val.IsInt()
}

// Int64 returns the value as an int64 and whether it is an integer that fits.
func (n *Number) Int64() (int64, bool) {
	if n.small {
		return n.num, n.den == 1
	}
	if !n.val.IsInt() || !n.val.Num().IsInt64() {
		return 0, false
	}
	return n.val.Num().Int64(), true
}

// Float returns the nearest float64 (±Inf when out of range).
func (n *Number) Float() float64 { return n.f }

// Num returns the numerator; Den the (positive) denominator.
func (n *Number) Num() *big.Int { return new(big.Int).Set(n.val.Num()) }

// Den returns the positive denominator.
func (n *Number) Den() *big.Int { return new(big.Int).Set(n.val.Denom()) }

// Bits is the larger of the bit lengths of numerator and denominator.
func (n *Number) Bits() int { return ratBits(&n.val) }

func ratBits(r *big.Rat) int {
	return max(r.Num().BitLen(), r.Denom().BitLen())
}

func mulRat(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) }

// powRat returns a^e exactly when the result stays below MaxNumberBits, and
// whether it did. e may be any rational; fractional powers succeed only when
// the root is exact (8^(2/3) = 4, (1/4)^(1/2) = 1/2).
func powRat(a *big.Rat, e *big.Rat) (*big.Rat, bool) {
	if !e.Denom().IsInt64() || !e.Num().IsInt64() {
		return nil, false
	}
	p, q := e.Num().Int64(), e.Denom().Int64()
	if a.Sign() == 0 {
		if p > 0 {
			return new(big.Rat), true
		}
		return nil, false
	}
	if q != 1 {
		if a.Sign() < 0 || q > 64 {
			return nil, false
		}
		num, ok1 := intRoot(a.Num(), q)
		den, ok2 := intRoot(a.Denom(), q)
		if !ok1 || !ok2 {
			return nil, false
		}
		a = new(big.Rat).SetFrac(num, den)
	}
	neg := p < 0
	if neg {
		p = -p
	}
	// Estimate the size before computing it.
	if float64(ratBits(a))*float64(p) > MaxNumberBits {
		return nil, false
	}
	pe := big.NewInt(p)
	num := new(big.Int).Exp(a.Num(), pe, nil)
	den := new(big.Int).Exp(a.Denom(), pe, nil)
	if neg {
		num, den = den, num
		if den.Sign() < 0 {
			num.Neg(num)
			den.Neg(den)
		}
	}
	return new(big.Rat).SetFrac(num, den), true
}

// intRoot returns the exact q-th root of a non-negative integer, if any.
func intRoot(n *big.Int, q int64) (*big.Int, bool) {
	if n.Sign() == 0 || n.Cmp(big.NewInt(1)) == 0 {
		return new(big.Int).Set(n), true
	}
	if q == 2 {
		r := new(big.Int).Sqrt(n)
		return r, new(big.Int).Mul(r, r).Cmp(n) == 0
	}
	// Newton's iteration on integers, from a guess above the root: it
	// decreases to the floor of the root, whatever n's size (a float
	// guess would overflow past 2^1024).
	k := big.NewInt(q - 1)
	x := new(big.Int).Lsh(big.NewInt(1), uint((n.BitLen()+int(q)-1)/int(q)))
	for {
		// y = ((q-1)x + n/x^(q-1)) / q
		y := new(big.Int).Quo(n, new(big.Int).Exp(x, k, nil))
		y.Add(y, new(big.Int).Mul(k, x))
		y.Quo(y, big.NewInt(q))
		if y.Cmp(x) >= 0 {
			break
		}
		x = y
	}
	return x, new(big.Int).Exp(x, big.NewInt(q), nil).Cmp(n) == 0
}

// maxSmall bounds the numerator and denominator kept as int64: products of
// two such values, and sums of two products, cannot overflow.
const maxSmall = 1<<31 - 1

func fitsSmall(n, d int64) bool {
	return n >= -maxSmall && n <= maxSmall && d > 0 && d <= maxSmall
}

// setCache fills the fields derived from val.
func (n *Number) setCache() {
	n.f, _ = n.val.Float64()
	if !n.FitsFloat() {
		n.flags |= flagOutOfRange
	}
	if n.val.Num().IsInt64() && n.val.Denom().IsInt64() {
		if a, b := n.val.Num().Int64(), n.val.Denom().Int64(); fitsSmall(a, b) {
			n.small, n.num, n.den = true, a, b
		}
	}
}

func gcd64(a, b int64) int64 {
	if a < 0 {
		a = -a
	}
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// ratAcc accumulates a sum or product of Numbers, in int64 while the value
// stays small and in a big.Rat after that.
type ratAcc struct {
	n, d int64
	big  *big.Rat // non-nil once the value left the small range
}

func accOf(v int64) ratAcc { return ratAcc{n: v, d: 1} }

func (a *ratAcc) promote() {
	if a.big == nil {
		a.big = new(big.Rat).SetFrac64(a.n, a.d)
	}
}

// set stores n/d (d > 0), reduced, going big if it does not fit.
func (a *ratAcc) set(n, d int64) {
	if g := gcd64(n, d); g > 1 {
		n, d = n/g, d/g
	}
	a.n, a.d = n, d
	if !fitsSmall(n, d) {
		a.promote()
	}
}

func (a *ratAcc) mul(x *Number) {
	if a.big == nil && x.small {
		a.set(a.n*x.num, a.d*x.den)
		return
	}
	a.promote()
	a.big.Mul(a.big, &x.val)
}

func (a *ratAcc) add(x *Number) {
	if a.big == nil && x.small {
		if a.d == x.den {
			a.set(a.n+x.num, a.d)
		} else {
			a.set(a.n*x.den+x.num*a.d, a.d*x.den)
		}
		return
	}
	a.promote()
	a.big.Add(a.big, &x.val)
}

func (a *ratAcc) sign() int {
	if a.big != nil {
		return a.big.Sign()
	}
	switch {
	case a.n > 0:
		return 1
	case a.n < 0:
		return -1
	}
	return 0
}

// number returns the accumulated value as a term.
func (a *ratAcc) number() *Number {
	if a.big != nil {
		return internNumber(a.big)
	}
	return internSmall(a.n, a.d)
}

// mulNumbers returns a*b.
func mulNumbers(a, b *Number) *Number {
	if a.small && b.small {
		acc := ratAcc{n: a.num, d: a.den}
		acc.mul(b)
		return acc.number()
	}
	return internNumber(mulRat(&a.val, &b.val))
}

// NegNumber returns -n.
func NegNumber(n *Number) *Number {
	if n.small {
		return internSmall(-n.num, n.den)
	}
	return internNumber(new(big.Rat).Neg(&n.val))
}

// numDen returns |n|'s numerator and denominator as terms.
func numDen(n *Number) (num, den *Number) {
	if n.small {
		a := n.num
		if a < 0 {
			a = -a
		}
		return internSmall(a, 1), internSmall(n.den, 1)
	}
	return internNumber(new(big.Rat).SetInt(new(big.Int).Abs(n.val.Num()))),
		internNumber(new(big.Rat).SetInt(n.val.Denom()))
}

// Small returns the value as num/den in lowest terms (den > 0) when both fit
// in 32 bits, as they do for most numbers; callers keep a math/big path for
// the rest.
func (n *Number) Small() (num, den int64, ok bool) { return n.num, n.den, n.small }

// MaxPlainDigits is the length of the longest integer written out digit
// by digit in every case, as JavaScript writes numbers below 10^21 in
// full. A longer one that is a few digits and zeros is written with a
// power of ten (10^400, 3*10^25, see Scientific), and eval gives any
// longer one its decimal too (1e+30).
const MaxPlainDigits = 21

// sciDigits is the length from which an integer may be written with a
// power of ten.
const sciDigits = MaxPlainDigits + 1

// FormatFloat writes f with the fewest digits that identify it, as
// JavaScript writes a number: in full between 10^-7 and 10^21 (12502500,
// 0.001), with an exponent outside (1e+21, 1e-07).
func FormatFloat(f float64) string {
	if a := math.Abs(f); a == 0 || a >= 1e-7 && a < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// Scientific splits the decimal digits of a non-negative integer into a
// mantissa and a power of ten when the integer is long and is a few
// digits followed by zeros: "3" and 25 for 3 followed by 25 zeros. The
// plain and LaTeX printers write such integers as mantissa*10^exp; one
// with more digits before its zeros (500000000000500000000000) is
// clearer written out.
func Scientific(digits string) (mantissa string, exp int, ok bool) {
	if len(digits) < sciDigits {
		return "", 0, false
	}
	trimmed := strings.TrimRight(digits, "0")
	zeros := len(digits) - len(trimmed)
	// A power of ten that the constructors would not fold back into a
	// number (powRat estimates 10^k at 4k bits) is written out, so that
	// the text reads back as this very number.
	if len(trimmed) > 6 || 4*zeros > MaxNumberBits {
		return "", 0, false
	}
	return trimmed, zeros, true
}

// scientificParts reports whether n prints with a power of ten, and
// whether it prints as a lone power (10^400) rather than a product.
func (n *Number) scientificParts() (sci, lone bool) {
	if n.small {
		return false, false
	}
	parts := []*big.Int{n.val.Num()}
	if !n.val.IsInt() {
		parts = append(parts, n.val.Denom())
	}
	lone = true
	for _, p := range parts {
		if m, _, ok := Scientific(new(big.Int).Abs(p).String()); ok {
			sci = true
			lone = lone && m == "1"
		} else {
			lone = false
		}
	}
	return sci, lone
}
