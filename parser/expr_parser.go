package parser

import (
	"strconv"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// term is where participle hands over to the precedence climber: the
// grammar structs hold a term wherever an expression goes, and participle
// calls its Parse method (the Parseable hook) with the token stream.
type term struct{ root node }

// Parse implements participle.Parseable. It never returns NextMatch: every
// place a term may go, one is required.
func (t *term) Parse(lex *lexer.PeekingLexer) (err error) {
	c := climber{lex: lex}
	defer recoverInto(lex, &err)
	t.root = c.expression(0)
	return nil
}

// recoverInto turns a panic of the climber into *err: its *diag.Error,
// or an internal error at the token it stopped at.
func recoverInto(lex *lexer.PeekingLexer, err *error) {
	if r := recover(); r != nil {
		e, ok := r.(*diag.Error)
		if !ok {
			e = diag.Recovered(r, posOf(lex.Peek().Pos), "reading the expression")
		}
		*err = e
	}
}

// climber parses one term by precedence climbing over the operator table
// expr.BinaryOps, the same table the printers parenthesise by. Errors are
// panics of *Error, recovered once in term.Parse.
type climber struct {
	lex   *lexer.PeekingLexer
	depth int
	nodes int
	// inAbs is set while the innermost open bracket is an abs bar, so that a
	// "|" in operator position closes it; inside parentheses, brackets or a
	// call it opens a new abs instead, as it does outside any abs.
	inAbs bool
	// network is set while reading a network's expression, whose calls
	// are the network's operations (network.IsOperation).
	network bool
}

// count charges one operand or operator against MaxNodes.
func (c *climber) count(t *lexer.Token) {
	if c.nodes++; c.nodes > MaxNodes {
		panic(errorAt(t.Pos, "expression too large: more than %d operands and operators", MaxNodes))
	}
}

// expression parses a term whose operators bind at least as tightly as
// minPrec. Every nested construct passes through here, so this is where
// MaxDepth is enforced.
func (c *climber) expression(minPrec int) node {
	if c.depth++; c.depth > MaxDepth {
		panic(errorAt(c.lex.Peek().Pos, "nesting deeper than %d", MaxDepth))
	}
	lhs := c.unary()
	var chain *chainNode // the left-associative run lhs is, if any
	for {
		t := c.lex.Peek()
		op, ok := c.operator(t)
		if !ok || op.Prec < minPrec {
			break
		}
		juxtaposed := !isPunct(t, op.Token)
		if !juxtaposed {
			c.lex.Next()
		} // else juxtaposition: t starts the right operand
		c.count(t)
		rhs := c.expression(expr.RightOperandPrec(op))
		if op.Assoc == expr.Right {
			lhs, chain = &binaryNode{pos: t.Pos, op: op, lhs: lhs, rhs: rhs}, nil
			continue
		}
		// Operators binding tighter than op were taken into rhs, so op
		// either continues the current run or starts a looser one around it.
		if chain == nil || chain.prec != op.Prec {
			chain = &chainNode{prec: op.Prec, first: lhs}
			lhs = chain
		}
		chain.rest = append(chain.rest, link{pos: t.Pos, op: op.Token, juxtaposed: juxtaposed, arg: rhs})
	}
	c.depth--
	return lhs
}

// operator returns the binary operator t stands for in operator position.
// A token that starts an operand is juxtaposition, which multiplies; a
// number there is refused, since "2 3" and "x 2" are more likely typos
// than products.
func (c *climber) operator(t *lexer.Token) (expr.BinaryOp, bool) {
	switch t.Type {
	case tokPunct:
		if op, ok := expr.BinaryOps[t.Value]; ok {
			return op, true
		}
		if t.Value == "(" || (t.Value == "|" && !c.inAbs) {
			return expr.BinaryOps["*"], true
		}
	case tokIdent:
		return expr.BinaryOps["*"], true
	case tokNumber:
		panic(errorAt(t.Pos, "unexpected %q: write \"*\" to multiply by a number", t.Value))
	}
	return expr.BinaryOp{}, false
}

// unary parses a unary minus, which binds looser than ^ (-x^2 = -(x^2))
// and may open any operand, also an exponent (2^-x).
func (c *climber) unary() node {
	t := c.lex.Peek()
	if !isPunct(t, "-") {
		return c.indexed(c.primary())
	}
	c.lex.Next()
	c.count(t)
	return &negNode{pos: t.Pos, arg: c.expression(expr.PrecUnary)}
}

// primary parses a number, a name, a call, an index, or a parenthesised
// or abs-barred term.
func (c *climber) primary() node {
	t := c.lex.Peek()
	switch {
	case t.Type == tokNumber:
		c.lex.Next()
		c.count(t)
		return &numberNode{pos: t.Pos, val: parseNumber(t)}
	case t.Type == tokIdent:
		return c.name()
	case isPunct(t, "("):
		c.lex.Next()
		var x node
		c.nested(false, func() { x = c.expression(0) })
		c.close(t, ")", false)
		return x
	case isPunct(t, "|"):
		c.lex.Next()
		c.count(t)
		var x node
		c.nested(true, func() { x = c.expression(0) })
		c.close(t, "|", false)
		return &absNode{pos: t.Pos, arg: x}
	case isPunct(t, "[") && c.network:
		return c.array(1) // the shape of reshape(x, [2, 3]); refused elsewhere
	case isPunct(t, "["):
		panic(errorAt(t.Pos, `unexpected "[": an array [a, b] is a whole value (of a binding or a given), not part of a term`))
	case t.EOF():
		panic(errorAt(t.Pos, "unexpected end of input, expected an operand"))
	}
	panic(errorAt(t.Pos, "unexpected %s", describe(t)))
}

// nested runs parse inside a bracket just opened, with inAbs set for it.
func (c *climber) nested(inAbs bool, parse func()) {
	saved := c.inAbs
	c.inAbs = inAbs
	parse()
	c.inAbs = saved
}

// close consumes closer, the token that matches open, and returns the
// offset just after it. In a list, a comma could have come instead of a
// wrong token, and the error says so.
func (c *climber) close(open *lexer.Token, closer string, inList bool) int {
	t := c.lex.Peek()
	switch {
	case isPunct(t, closer):
		c.lex.Next()
		return t.Pos.Offset + len(t.Value)
	case t.EOF():
		panic(errorAt(open.Pos, "unclosed %q", open.Value))
	}
	want := strconv.Quote(closer)
	if inList {
		want = `"," or ` + want
	}
	panic(errorAt(t.Pos, "unexpected %s, expected %s", describe(t), want))
}

// list parses the comma-separated terms of a call (which may have none;
// the caller checks arity) or an index, and the closer after them; end
// is the offset just after the closer.
func (c *climber) list(open *lexer.Token, closer string, mayBeEmpty bool) (xs []node, end int) {
	c.nested(false, func() {
		if mayBeEmpty && isPunct(c.lex.Peek(), closer) {
			return
		}
		for {
			xs = append(xs, c.expression(0))
			if !isPunct(c.lex.Peek(), ",") {
				return
			}
			c.lex.Next()
		}
	})
	return xs, c.close(open, closer, true)
}
