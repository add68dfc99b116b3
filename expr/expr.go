// Package expr defines derivtex's terms: immutable, hash-consed expression
// trees over exact rational numbers.
//
// Every term is built by the constructors in this package (Add, Mul, Pow,
// Call, ...), which intern it: two structurally equal terms are the same
// pointer, so equality is ==, and a subterm that occurs many times is stored
// once. The constructors also keep terms in a light canonical form (flat
// sums and products, folded constants, collected like terms, merged powers,
// a deterministic order); heavier rewrites live in package simplify, where
// each one is a named step.
package expr

import "math/big"

// Expr is a term. The interface is sealed: only this package defines terms.
// Terms must never be modified after construction; the slices returned by
// Args and friends are shared and read-only.
type Expr interface {
	// Kind tells which node type the term is.
	Kind() Kind
	// ID is unique per distinct term in this process; it grows with creation
	// order, so it is a cheap map key but not a stable name.
	ID() uint64
	// Args are the direct subterms, in canonical order. Nil for atoms.
	Args() []Expr
	// String renders the term in derivtex's plain syntax, which Parse reads
	// back to the same term.
	String() string

	hdr() *header
}

// Kind enumerates the node types.
type Kind uint8

// The node kinds. Their numeric order is also the coarse canonical order of
// factors in a product (numbers first, sums last).
const (
	KindNumber Kind = iota
	KindSymbol
	KindIndexed
	KindPow
	KindBigOp
	KindCall
	KindDerivative
	KindMul
	KindAdd
	// KindUndefined is last. Add, Mul, Pow and Call return it rather than
	// hold it; only Index, NewBigOp and Diff, whose result types are
	// fixed, can hold one (see IsUndefined).
	KindUndefined
)

var kindNames = [...]string{"number", "symbol", "indexed", "pow", "bigop", "call", "derivative", "mul", "add", "undefined"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(?)"
}

// header holds what every node caches about itself at construction.
type header struct {
	id     uint64
	hash   uint64
	height int32  // 0 for atoms, 1 + max child height otherwise
	below  uint64 // nodes below this one written out as a tree, up to maxBelow
	flags  uint8
	degree float64 // termDegree, cached for ordering sums
	// names has the bit of every symbol and vector name the term
	// mentions (see nameBit), so DependsOn needs no walk.
	names uint64
}

// flagDerivative marks terms that contain an unevaluated Derivative, so
// rewrites of pending derivatives skip every subterm without one.
const flagDerivative uint8 = 1

// flagOutOfRange marks terms that contain a number out of float64's normal
// range (see Number.FitsFloat), so that evaluation looks for one only in
// them.
const flagOutOfRange uint8 = 4

// HasDerivative reports whether x contains an unevaluated Derivative.
func HasDerivative(x Expr) bool { return x.hdr().flags&flagDerivative != 0 }

func (h *header) ID() uint64    { return h.id }
func (h *header) hdr() *header  { return h }
func (h *header) Args() []Expr  { return nil }
func (h *header) Height() int32 { return h.height }

// Number is an exact rational constant. val is the value; most numbers in
// practice are small fractions, so those also keep it as int64 numerator
// and denominator (small), which the constructors' arithmetic uses without
// touching math/big.
type Number struct {
	header
	val   big.Rat
	f     float64 // nearest float64, for ordering and evaluation
	small bool    // num/den hold val, both within ±maxSmall
	num   int64
	den   int64 // > 0
}

// Symbol is a named scalar variable or constant (pi).
type Symbol struct {
	header
	name string
}

// Indexed is an element of a named vector or matrix: x[i], W[i, j].
// Indices are 1-based when evaluated.
type Indexed struct {
	header
	name  string
	index []Expr
}

// AddExpr is a sum of two or more terms, none of them an Add, at most one of
// them a Number (always last), no two with the same non-numeric part.
type AddExpr struct {
	header
	terms []Expr
}

// MulExpr is a product of two or more factors, none of them a Mul, at most one
// of them a Number (always first, never 1 or 0), no two with the same base.
type MulExpr struct {
	header
	factors []Expr
}

// PowExpr is Base^Exp, with Exp never 0 or 1.
type PowExpr struct {
	header
	base, exp Expr
	args      [2]Expr // base, exp: what Args returns, without allocating
}

// CallExpr applies a function from the function table to its arguments.
type CallExpr struct {
	header
	fn   *Func
	args []Expr
}

// BigOp is an indexed sum or product, sum(Body, Var, Lo, Hi), with bounds
// inclusive. It is never evaluated by construction: pulling constants out
// of a sum is a simplification step the reader should see.
type BigOp struct {
	header
	op     BigOpKind
	body   Expr
	index  *Symbol
	lo, hi Expr
	args   [4]Expr // body, Var, lo, hi
}

// BigOpKind is Sum or Product.
type BigOpKind uint8

// The two indexed operators.
const (
	Sum BigOpKind = iota
	Product
)

func (k BigOpKind) String() string {
	if k == Sum {
		return "sum"
	}
	return "prod"
}

// Derivative is an unevaluated partial derivative d Body / d Var. It only
// appears inside derivation steps, as the part still to be worked out.
type Derivative struct {
	header
	body Expr
	wrt  Expr    // a *Symbol or an *Indexed
	args [2]Expr // body, wrt
}

func (*Number) Kind() Kind     { return KindNumber }
func (*Symbol) Kind() Kind     { return KindSymbol }
func (*Indexed) Kind() Kind    { return KindIndexed }
func (*AddExpr) Kind() Kind    { return KindAdd }
func (*MulExpr) Kind() Kind    { return KindMul }
func (*PowExpr) Kind() Kind    { return KindPow }
func (*CallExpr) Kind() Kind   { return KindCall }
func (*BigOp) Kind() Kind      { return KindBigOp }
func (*Derivative) Kind() Kind { return KindDerivative }

func (e *Indexed) Args() []Expr    { return e.index }
func (e *AddExpr) Args() []Expr    { return e.terms }
func (e *MulExpr) Args() []Expr    { return e.factors }
func (e *PowExpr) Args() []Expr    { return e.args[:] }
func (e *CallExpr) Args() []Expr   { return e.args }
func (e *BigOp) Args() []Expr      { return e.args[:] }
func (e *Derivative) Args() []Expr { return e.args[:] }

// Name returns the name of the variable or constant.
func (e *Symbol) Name() string { return e.name }

// Name returns the name of the vector or matrix, x of x[i, j].
func (e *Indexed) Name() string { return e.name }

// Op returns Sum or Product.
func (e *BigOp) Op() BigOpKind { return e.op }

// Var returns the bound index variable, i of sum(x[i], i, 1, N).
func (e *BigOp) Var() *Symbol { return e.index }

// Var returns the variable differentiated with respect to.
func (e *Derivative) Var() Expr { return e.wrt }

// HasNumericIndex reports whether every index is a number: x[1, 2], not
// x[i] (an element a value can be looked up for).
func (e *Indexed) HasNumericIndex() bool {
	for _, ix := range e.index {
		if _, ok := ix.(*Number); !ok {
			return false
		}
	}
	return true
}

// Index returns the subscripts of x[i, ...].
func (e *Indexed) Index() []Expr { return e.index }

// Terms returns the summands, in canonical order.
func (e *AddExpr) Terms() []Expr { return e.terms }

// Factors returns the factors, in canonical order.
func (e *MulExpr) Factors() []Expr { return e.factors }

// Base returns the base of a power.
func (e *PowExpr) Base() Expr { return e.base }

// Exp returns the exponent of a power.
func (e *PowExpr) Exp() Expr { return e.exp }

// Func returns the applied function.
func (e *CallExpr) Func() *Func { return e.fn }

// Body returns the summand or factor of an indexed sum or product.
func (e *BigOp) Body() Expr { return e.body }

// Lo returns the lower bound (inclusive).
func (e *BigOp) Lo() Expr { return e.lo }

// Hi returns the upper bound (inclusive).
func (e *BigOp) Hi() Expr { return e.hi }

// Body returns the differentiated term.
func (e *Derivative) Body() Expr { return e.body }

// Height returns the depth of the term's tree: 0 for an atom.
func Height(e Expr) int { return int(e.hdr().height) }
