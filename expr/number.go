package expr

import (
	"math"
	"math/big"
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
	var r big.Rat
	r.SetInt64(n)
	return internNumber(&r)
}

// Rat returns the fraction a/b as a term. b must not be zero.
func Rat(a, b int64) *Number {
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
func (n *Number) Sign() int { return n.val.Sign() }

// IsInt reports whether the number is an integer.
func (n *Number) IsInt() bool { return n.val.IsInt() }

// Int64 returns the value as an int64 and whether it is an integer that fits.
func (n *Number) Int64() (int64, bool) {
	if !n.val.IsInt() || !n.val.Num().IsInt64() {
		return 0, false
	}
	return n.val.Num().Int64(), true
}

// Float returns the nearest float64 (±Inf when out of range).
func (n *Number) Float() float64 {
	f, _ := n.val.Float64()
	return f
}

// Num returns the numerator; Den the (positive) denominator.
func (n *Number) Num() *big.Int { return new(big.Int).Set(n.val.Num()) }

// Den returns the positive denominator.
func (n *Number) Den() *big.Int { return new(big.Int).Set(n.val.Denom()) }

// Bits is the larger of the bit lengths of numerator and denominator.
func (n *Number) Bits() int { return ratBits(&n.val) }

func ratBits(r *big.Rat) int {
	return max(r.Num().BitLen(), r.Denom().BitLen())
}

// IsNumber reports whether e is a Number equal to v.
func IsNumber(e Expr, v int64) bool {
	n, ok := e.(*Number)
	if !ok {
		return false
	}
	i, ok := n.Int64()
	return ok && i == v
}

func addRat(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }
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
	// Newton's guess from floats, then check neighbours exactly.
	f, _ := new(big.Float).SetInt(n).Float64()
	if math.IsInf(f, 0) {
		return nil, false
	}
	g := int64(math.Round(math.Pow(f, 1/float64(q))))
	for d := int64(-1); d <= 1; d++ {
		c := big.NewInt(g + d)
		if c.Sign() < 0 {
			continue
		}
		if new(big.Int).Exp(c, big.NewInt(q), nil).Cmp(n) == 0 {
			return c, true
		}
	}
	return nil, false
}
