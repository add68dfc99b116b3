package parser

import (
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/expr"
)

// The LaTeX of calculus and of quotients: \frac and the derivatives
// written as one, \sqrt, \sum and \prod.

// sqrt reads \sqrt{x} and \sqrt[n]{x}.
func (c *texClimber) sqrt() node {
	t := c.next()
	c.count(t)
	var index node
	if open := c.peek(); isTexPunct(open, "[") {
		c.next()
		c.nested(false, func() { index = c.expression(0, false) })
		if !isTexPunct(c.peek(), "]") {
			panic(errorAt(c.peek().Pos, `unexpected %s, expected "]" after the index of \sqrt`, describe(c.peek())))
		}
		c.next()
	}
	x := c.arg(`argument of \sqrt`)
	if index == nil {
		return &callNode{pos: t.Pos, name: "sqrt", args: []node{x}}
	}
	one := &numberNode{pos: t.Pos, val: expr.One}
	return &binaryNode{pos: t.Pos, op: expr.BinaryOps["^"], lhs: x,
		rhs: &chainNode{prec: expr.PrecMul, first: one, rest: []link{{pos: t.Pos, op: "/", arg: index}}}}
}

// frac reads \frac{a}{b} (\dfrac, \tfrac, and \frac12 with one-token
// arguments), or a derivative written as one.
func (c *texClimber) frac() node {
	t := c.next()
	c.count(t)
	if kind, ok := c.derivativeAhead(); ok {
		return c.derivative(t, kind)
	}
	num := c.arg("numerator of " + t.Value)
	den := c.arg("denominator of " + t.Value)
	f := &chainNode{prec: expr.PrecMul, first: num, rest: []link{{pos: t.Pos, op: "/", arg: den}}}
	if n, ok := num.(*chainNode); ok && n.prec == expr.PrecMul {
		// \frac{2 (x + 1)}{y} is 2 (x + 1) / y, one product.
		f.first = n.first
		f.rest = append(append([]link(nil), n.rest...), f.rest...)
		delete(c.fracs, n)
	}
	c.fracs[f] = true
	return f
}

// dMark reads the d of a derivative if one comes next: \partial, d, or
// an upright d (\mathrm{d}, \mathrm d, \operatorname{d}); it returns
// "\partial", "d" or "".
func (c *texClimber) dMark() string {
	t := c.peek()
	switch {
	case isTex(t, texCommand, `\partial`):
		c.next()
		return `\partial`
	case isTex(t, texLetter, "d"):
		c.next()
		return "d"
	case isTex(t, texCommand, `\mathrm`) || isTex(t, texCommand, `\operatorname`):
		cp := c.lex.MakeCheckpoint()
		c.next()
		if p := c.next(); isTex(p, texLetter, "d") {
			return "d"
		} else if isTexPunct(p, "{") && isTex(c.next(), texLetter, "d") && isTexPunct(c.next(), "}") {
			return "d"
		}
		c.lex.LoadCheckpoint(cp)
	}
	return ""
}

// derivativeAhead reports whether the two braced arguments of a \frac
// just read have a derivative's form: {\partial ...}{\partial x ...}, or
// the same with d, a variable after the d below.
func (c *texClimber) derivativeAhead() (string, bool) {
	cp := c.lex.MakeCheckpoint()
	defer c.lex.LoadCheckpoint(cp)
	if !isTexPunct(c.next(), "{") {
		return "", false
	}
	kind := c.dMark()
	if kind == "" {
		return "", false
	}
	for depth := 1; depth > 0; {
		t := c.next()
		switch {
		case t.EOF():
			return "", false
		case isTexPunct(t, "{"):
			depth++
		case isTexPunct(t, "}"):
			depth--
		}
	}
	if !isTexPunct(c.next(), "{") || c.dMark() != kind {
		return "", false
	}
	v := c.peek()
	return kind, v.Type == texLetter || v.Type == texCommand
}

// derivative reads \frac{\partial f}{\partial x}, \frac{d^2 f}{dx^2},
// \frac{\partial^2 f}{\partial x \partial y}, or the operator form
// \frac{d}{dx}, which applies to the rest of the product after it, as
// \sum does: \frac{d}{dx} x^2 y is the derivative of x^2 y. The term is
// an unevaluated Derivative; the variable written last is applied first.
func (c *texClimber) derivative(t *lexer.Token, kind string) node {
	open := c.next() // {
	c.dMark()
	order, explicit := c.order()
	var body node
	if !isTexPunct(c.peek(), "}") {
		if p := c.peek(); !c.startsOperand(p) {
			panic(errorAt(p.Pos, "unexpected %s after %s", describe(p), kind))
		}
		c.nested(false, func() { body = c.expression(0, false) })
	}
	c.closeBrace(open)
	open = c.next() // {
	var vars []node
	for !isTexPunct(c.peek(), "}") {
		p := c.peek()
		if c.dMark() != kind {
			if p.EOF() {
				panic(errorAt(open.Pos, `unclosed "{"`))
			}
			panic(errorAt(p.Pos, "unexpected %s, expected %s and a variable", describe(p), kind))
		}
		v := c.variable(kind)
		k, _ := c.order()
		for range k {
			vars = append(vars, v)
		}
	}
	c.next()
	if len(vars) != order {
		if !explicit && order == 1 {
			panic(errorAt(t.Pos, "%s of order %d below and 1 above: write %s^%d above", kind, len(vars), kind, len(vars)))
		}
		panic(errorAt(t.Pos, "%s of order %d above and %d below", kind, order, len(vars)))
	}
	if body == nil {
		p := c.peek()
		if !c.startsOperand(p) {
			panic(errorAt(p.Pos, "unexpected %s, expected what %s differentiates", describe(p), `\frac{`+kind+`}{`+kind+` ...}`))
		}
		body = c.expression(expr.PrecMul, false)
	}
	for i := len(vars) - 1; i >= 0; i-- {
		body = &callNode{pos: t.Pos, name: "diff", args: []node{body, vars[i]}}
	}
	return body
}

// maxOrder bounds the order of a written derivative.
const maxOrder = 9

// order reads the ^n after a d, 1 without one.
func (c *texClimber) order() (int, bool) {
	if !isTexPunct(c.peek(), "^") {
		return 1, false
	}
	c.next()
	p := c.peek()
	n, ok := c.arg("order of the derivative").(*numberNode)
	var k, d int64
	if ok {
		k, d, ok = n.val.Small()
	}
	if !ok || d != 1 || k < 1 || k > maxOrder {
		panic(errorAt(p.Pos, "the order of a derivative is a whole number from 1 to %d", maxOrder))
	}
	return int(k), true
}

// variable reads the variable after a d: a name, perhaps with a
// subscript (\partial w_1, \partial x_i).
func (c *texClimber) variable(kind string) node {
	t := c.peek()
	var n *texName
	switch {
	case t.Type == texLetter:
		c.next()
		c.count(t)
		n = &texName{pos: t.Pos, name: t.Value, end: t.Pos.Offset + 1}
	case t.Type == texCommand && texGreek[t.Value[1:]]:
		c.next()
		c.count(t)
		n = &texName{pos: t.Pos, name: t.Value[1:], end: t.Pos.Offset + len(t.Value)}
	case texFonts[t.Value] || isTex(t, texCommand, `\mathit`):
		n = c.font()
	case isTex(t, texCommand, `\mathrm`):
		c.next()
		word, end := c.braceText(t)
		n = &texName{pos: t.Pos, name: word, end: end}
	default:
		panic(errorAt(t.Pos, "unexpected %s, expected a variable after %s", describe(t), kind))
	}
	if isTexPunct(c.peek(), "_") {
		c.next()
		c.subscript(n)
	}
	return n
}

// bigOp reads \sum_{i=lo}^{hi} body and \prod. The body runs over the
// product after it, up to the next + or -: \sum_{i=1}^{N} x_i y sums
// x_i y, as the printer means it. Without bounds, \sum_i x_i and
// \sum_{i} x_i, the sum is over the examples, i = 1 to N, the convention
// of machine-learning texts; a lower bound without an upper one,
// \sum_{i=1} x_i, is refused.
func (c *texClimber) bigOp() node {
	t := c.next()
	c.count(t)
	index, lo, hi := c.scripts(t, "upper bound of "+t.Value)
	if index == nil || hi == nil && lo != nil {
		panic(errorAt(t.Pos, "%s needs an index and bounds: %s_{i=1}^{N}", t.Value, t.Value))
	}
	if lo == nil {
		lo = &numberNode{pos: t.Pos, val: expr.One}
	}
	if hi == nil {
		hi = &nameNode{pos: t.Pos, name: examplesName}
	}
	if p := c.peek(); !c.startsOperand(p) {
		panic(errorAt(p.Pos, "unexpected %s, expected the body of %s", describe(p), t.Value))
	}
	body := c.expression(expr.PrecMul, false)
	return &callNode{pos: t.Pos, name: t.Value[1:], args: []node{body, index, lo, hi}}
}

// scripts reads the _{i=lo} and ^{hi} after op (\sum, \prod, the
// median), in either order; those not written are nil.
func (c *texClimber) scripts(op *lexer.Token, upper string) (index, lo, hi node) {
	for {
		p := c.peek()
		if isTexPunct(p, "_") && index == nil {
			c.next()
			index, lo = c.lowerBound(op)
			continue
		}
		if isTexPunct(p, "^") && hi == nil {
			c.next()
			hi = c.arg(upper)
			continue
		}
		return index, lo, hi
	}
}

// examplesName is the upper bound of a sum written without one: the
// number of examples.
const examplesName = "N"

// lowerBound reads the index after the _ of a \sum, and its lower bound
// if one is written: {i=lo}, or {i} or i alone (lo is then nil).
func (c *texClimber) lowerBound(op *lexer.Token) (index, lo node) {
	open := c.peek()
	braced := isTexPunct(open, "{")
	if braced {
		c.next()
	}
	v := c.peek()
	switch {
	case v.Type == texLetter:
		index = &nameNode{pos: v.Pos, name: v.Value}
	case v.Type == texCommand && texGreek[v.Value[1:]]:
		index = &nameNode{pos: v.Pos, name: v.Value[1:], end: v.Pos.Offset + len(v.Value)}
	case !braced:
		panic(errorAt(open.Pos, "%s needs an index and bounds: %s_{i=1}^{N}", op.Value, op.Value))
	default:
		panic(errorAt(v.Pos, "unexpected %s, expected the index of %s: %s_{i=1}^{N}", describe(v), op.Value, op.Value))
	}
	c.next()
	c.count(v)
	if !braced {
		return index, nil
	}
	if isTexPunct(c.peek(), "}") {
		c.next()
		return index, nil
	}
	if eq := c.peek(); !isTexPunct(eq, "=") {
		panic(errorAt(eq.Pos, "unexpected %s, expected \"=\" and the lower bound, or \"}\": %s_{i=1}^{N}, %s_{i}", describe(eq), op.Value, op.Value))
	}
	c.next()
	c.nested(false, func() { lo = c.expression(0, false) })
	c.closeBrace(open)
	return index, lo
}
