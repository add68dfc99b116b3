package parser

import (
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/expr"
)

// The syntax tree the precedence climber produces. It stays inside the
// package: build turns it into expr terms in one place, so that every term
// the parser returns went through expr's canonical constructors exactly
// once per written operator.

// node is a piece of syntax. at is where it starts, or for an operator
// application, where its operator is, which is where errors about it point.
type node interface {
	at() lexer.Position
}

// numberNode is a literal, already read exactly.
type numberNode struct {
	pos lexer.Position
	val *expr.Number
}

// nameNode is an identifier used as a value: a symbol, pi or e.
type nameNode struct {
	pos  lexer.Position
	name string
	// end is the offset just after the name as written, where that is
	// not pos plus its length (\alpha, x_{1} in LaTeX); 0 otherwise.
	end int
}

// indexNode is name[index, ...]; end is the offset just after its "]".
type indexNode struct {
	pos   lexer.Position
	name  string
	index []node
	end   int
}

// callNode is f(args...): a function of the table (fn set), or one of the
// special forms sqrt, sum, prod and diff (fn nil, name tells which).
// Arity has been checked.
type callNode struct {
	pos  lexer.Position
	name string
	fn   *expr.Func
	args []node
	// defined marks, in a network, a call of an operator the program
	// may define itself.
	defined bool
}

// absNode is |arg|.
type absNode struct {
	pos lexer.Position
	arg node
}

// negNode is -arg.
type negNode struct {
	pos lexer.Position
	arg node
}

// binaryNode is a right-associative operator of the table applied to its
// operands: base ^ exp, the only one so far.
type binaryNode struct {
	pos      lexer.Position
	op       expr.BinaryOp
	lhs, rhs node
}

// chainNode is a run of left-associative operators of one precedence:
// a - b + c, or a / b c (juxtaposition counts as *). It becomes one Add or
// Mul call rather than a left fold, because the constructors' canonical
// form depends on grouping: Mul(2, x + 1, y) keeps the sum, while
// Mul(Mul(2, x + 1), y) distributes the 2 first. The printer writes the
// former as 2*(x + 1)*y, so reading a chain in one call is what makes
// printing and parsing inverse.
type chainNode struct {
	prec  int // expr.PrecAdd or expr.PrecMul
	first node
	rest  []link
}

// link is one operator of a chain and its right operand.
type link struct {
	pos lexer.Position
	op  string // "+", "-", "*" or "/"; juxtaposition is recorded as "*"
	// juxtaposed marks a "*" that was not written (w x): the same product
	// of numbers, but the matrix product in a network.
	juxtaposed bool
	arg        node
}

// arrayNode is an array literal [a, b], whose elements are terms or, for
// a matrix and up, arrays themselves. It is a value, never part of a
// term: only the climber's value method makes one, and build turns it
// into a tensor, not a term.
type arrayNode struct {
	pos   lexer.Position // of the "["
	elems []node
}

func (n *numberNode) at() lexer.Position { return n.pos }
func (n *arrayNode) at() lexer.Position  { return n.pos }
func (n *nameNode) at() lexer.Position   { return n.pos }
func (n *indexNode) at() lexer.Position  { return n.pos }
func (n *callNode) at() lexer.Position   { return n.pos }
func (n *absNode) at() lexer.Position    { return n.pos }
func (n *negNode) at() lexer.Position    { return n.pos }
func (n *binaryNode) at() lexer.Position { return n.pos }
func (n *chainNode) at() lexer.Position  { return n.first.at() }

// start returns where the text of n begins, which for an operator
// application is its leftmost operand rather than its operator.
func start(n node) lexer.Position {
	for {
		switch m := n.(type) {
		case *binaryNode:
			n = m.lhs
		case *chainNode:
			n = m.first
		default:
			return n.at()
		}
	}
}
