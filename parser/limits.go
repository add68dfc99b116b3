package parser

import (
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/expr"
)

// Limits on hostile input. Each breach is a positioned *Error returned
// quickly: nothing here recurses without bound or computes numbers whose
// size the input did not pay for.
const (
	// MaxInputBytes bounds the source text.
	MaxInputBytes = 1 << 20
	// MaxDepth bounds nesting: parentheses, calls, indices, abs bars,
	// unary minus and ^ chains all count, and the right operand of any
	// operator is one level further in. The parser and the conversion to
	// terms recurse once per level, so this is what keeps 20,000 "(" from
	// growing the stack.
	MaxDepth = 5000
	// MaxNodes bounds the operands and operators of one term.
	MaxNodes = 100_000
	// MaxLiteralDigits bounds the digits of one number literal. It admits
	// every number the parser lets fold (MaxFoldBits is 19,729 digits), so
	// that what it built prints to text it reads back.
	MaxLiteralDigits = 20_000
	// MaxLiteralExponent bounds |n| in a literal like 1e-n.
	MaxLiteralExponent = 1000
	// MaxFoldBits bounds the exact numbers one sum, product or power may
	// fold, estimated before the call. The expr constructors cap powers and
	// factorials (expr.MaxNumberBits) but multiply and add whatever numbers
	// they are given, so a long product of 2^8000 factors, or a sum
	// 1/2 + 1/3 + 1/5 + ... whose denominators multiply, would otherwise
	// take minutes inside one constructor call.
	MaxFoldBits = 1 << 16
	// MaxFoldWork bounds the sum of those estimates over one parse (counting
	// only calls of 4096 bits or more), so that many calls just under
	// MaxFoldBits cannot add up to minutes either.
	MaxFoldWork = 1 << 22
)

// parseNumber reads a Number token exactly: 0.25 is 1/4, 1e-3 is 1/1000.
func parseNumber(t *lexer.Token) *expr.Number {
	if len(t.Value) <= 18 && strings.Trim(t.Value, "0123456789") == "" {
		n, _ := strconv.ParseInt(t.Value, 10, 64) // up to 18 digits: fits
		return expr.Int(n)
	}
	mant, exp, _ := strings.Cut(strings.ToLower(t.Value), "e")
	if len(mant)-strings.Count(mant, ".") > MaxLiteralDigits {
		panic(errorAt(t.Pos, "number too large"))
	}
	if exp != "" {
		digits := strings.TrimLeft(strings.TrimLeft(exp, "+-"), "0")
		n, err := strconv.Atoi(digits)
		if len(digits) > 6 || (err == nil && n > MaxLiteralExponent) {
			panic(errorAt(t.Pos, "number too large"))
		}
	}
	r, ok := new(big.Rat).SetString(t.Value)
	if !ok { // the lexer's pattern admits only what SetString reads
		panic(errorAt(t.Pos, "malformed number %q", t.Value))
	}
	return expr.NewNumber(r)
}

// foldBits bounds the bits of the numbers that a constructor may multiply
// together when x is one of its operands: x's own coefficient, the
// coefficients a number distributes into when x is a sum, and the
// exponents that merge when x is a power (x^a x^b, (x^a)^n, exp(a)^b).
// Results are memoised per parse, since the same subterm is an operand of
// every enclosing product.
func (b *builder) foldBits(x expr.Expr) int {
	if n, ok := b.bits[x]; ok {
		return n
	}
	n := 0
	switch x := x.(type) {
	case *expr.Number:
		n = x.Bits()
	case *expr.AddExpr:
		for _, t := range x.Terms() {
			n = max(n, b.foldBits(t))
		}
	case *expr.MulExpr:
		for _, f := range x.Factors() {
			n += b.foldBits(f)
		}
	case *expr.PowExpr:
		n = b.foldBits(x.Exp())
	case *expr.CallExpr:
		if x.Func() == expr.FnExp {
			n = b.foldBits(x.Args()[0])
		}
	}
	b.bits[x] = n
	return n
}

// Folding estimates at least this large count against MaxFoldWork; smaller
// ones cost too little to matter.
const foldWorkFloor = 1 << 12

// fold checks one constructor call whose numbers may fold to est bits,
// against MaxFoldBits for the call and MaxFoldWork for the whole parse.
func (b *builder) fold(pos lexer.Position, est int) {
	if est > MaxFoldBits {
		panic(errorAt(pos, "number too large"))
	}
	if est >= foldWorkFloor {
		if b.work += est; b.work > MaxFoldWork {
			panic(errorAt(pos, "too much arithmetic on large numbers"))
		}
	}
}

// ratBits is the bit length of an integer, counting 1 as nothing, so that
// the two numbers of a printed fraction a/b, read back as a * b^-1, are
// estimated as the fraction itself was.
func ratBits(n *big.Int) int {
	if n.IsInt64() && (n.Int64() == 1 || n.Int64() == -1) {
		return 0
	}
	return n.BitLen()
}

// checkProduct checks a product: numerators multiply, and so do
// denominators, so each side's bits add up; other operands contribute the
// numbers they would merge (see foldBits) to both sides.
func (b *builder) checkProduct(pos lexer.Position, operands ...expr.Expr) {
	num, den := 0, 0
	for _, x := range operands {
		if n, ok := x.(*expr.Number); ok {
			num += ratBits(n.Num())
			den += ratBits(n.Den())
			continue
		}
		f := b.foldBits(x)
		num += f
		den += f
	}
	b.fold(pos, max(num, den))
}

// checkSum checks a sum. Adding fractions brings their denominators to a
// least common multiple, computed here with a cap, and the numerator may
// grow by that much plus a carry; integers only grow by the carry.
func (b *builder) checkSum(pos lexer.Position, operands []expr.Expr) {
	lcm := big.NewInt(1)
	var g big.Int
	widest, count := 0, 0
	var visit func(x expr.Expr)
	visit = func(x expr.Expr) {
		if a, ok := x.(*expr.AddExpr); ok {
			for _, t := range a.Terms() {
				visit(t)
			}
			return
		}
		count++
		k, _ := expr.SplitCoeff(x)
		widest = max(widest, k.Bits())
		if k.IsInt() {
			return
		}
		d := k.Den()
		g.GCD(nil, nil, lcm, d)
		lcm.Mul(lcm, d.Quo(d, &g))
		if lcm.BitLen() > MaxFoldBits {
			panic(errorAt(pos, "number too large"))
		}
	}
	for _, x := range operands {
		visit(x)
	}
	b.fold(pos, lcm.BitLen()+widest+bits.Len(uint(count)))
}
