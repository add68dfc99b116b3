package expr

// Precedence levels, loosest first. The parser climbs them and both
// printers parenthesise by them, so the two can never disagree.
const (
	PrecAdd     = 10 // a + b, a - b
	PrecMul     = 20 // a * b, a / b, juxtaposition
	PrecUnary   = 25 // -a (binds looser than ^: -x^2 = -(x^2))
	PrecPow     = 30 // a ^ b
	PrecPostfix = 40 // f(x), x[i]
	PrecAtom    = 50 // numbers, names, parenthesised terms
)

// Assoc is an operator's associativity.
type Assoc uint8

// Associativities.
const (
	Left Assoc = iota
	Right
)

// BinaryOp describes an infix operator of the plain syntax.
type BinaryOp struct {
	Token string
	Prec  int
	Assoc Assoc
	// Build makes the term for a op b.
	Build func(a, b Expr) Expr
}

// BinaryOps is the operator table, by token.
var BinaryOps = map[string]BinaryOp{
	"+": {"+", PrecAdd, Left, func(a, b Expr) Expr { return Add(a, b) }},
	"-": {"-", PrecAdd, Left, Sub},
	"*": {"*", PrecMul, Left, func(a, b Expr) Expr { return Mul(a, b) }},
	"/": {"/", PrecMul, Left, Div},
	"^": {"^", PrecPow, Right, Pow},
}

// RightOperandPrec is the least precedence the right operand of op may have
// without parentheses: a left-associative operator's right operand must
// bind tighter (a - (b - c)), a right-associative one's may bind equally
// (a^b^c = a^(b^c)).
func RightOperandPrec(op BinaryOp) int {
	if op.Assoc == Left {
		return op.Prec + 1
	}
	return op.Prec
}

// LeftOperandPrec is the least precedence the left operand of op may have
// without parentheses.
func LeftOperandPrec(op BinaryOp) int {
	if op.Assoc == Right {
		return op.Prec + 1
	}
	return op.Prec
}

// Precedence is how tightly x binds as printed, which depends on its value
// as well as its kind: a negative number or a product with a negative
// coefficient prints with a leading minus, so it counts as a sum; a
// fraction prints with a slash or \frac, so it counts as a product.
func Precedence(x Expr) int {
	switch x := x.(type) {
	case *Number:
		if x.Sign() < 0 {
			return PrecAdd
		}
		if !x.IsInt() {
			return PrecMul
		}
		if sci, lone := x.scientificParts(); lone {
			return PrecPow // 10^400
		} else if sci {
			return PrecMul // 3*10^400
		}
		return PrecAtom
	case *AddExpr:
		return PrecAdd
	case *MulExpr:
		if CouldExtractMinus(x) {
			return PrecAdd
		}
		return PrecMul
	case *PowExpr:
		if n, ok := x.exp.(*Number); ok && n.Sign() < 0 && x.base != Zero {
			return PrecMul // printed as a quotient
		}
		if x.exp == Half {
			return PrecAtom // sqrt(x)
		}
		return PrecPow
	}
	return PrecAtom
}
