package parser

import (
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/expr"
)

// Scripts: subscripts, superscripts (powers, transposes, x^{(i)}) and
// factorials after an operand.

// postfix reads the scripts and factorials after an operand: x_i^2,
// x^2_i, n!, \mathbf{w}^\top. TeX allows one subscript and one
// superscript per operand; 2^3^4 is its "double superscript" error,
// and refused here too.
func (c *texClimber) postfix(n node) node {
	var sup *lexer.Token
	var power node
	haveSub := false
	finish := func() {
		if power != nil {
			n = &binaryNode{pos: sup.Pos, op: expr.BinaryOps["^"], lhs: n, rhs: power}
		}
		power, sup, haveSub = nil, nil, false
	}
	depth := c.depth
	defer func() { c.depth = depth }()
	for {
		t := c.peek()
		switch {
		case isTexPunct(t, "_"):
			name, ok := n.(*texName)
			if !ok {
				panic(errorAt(t.Pos, "a subscript is read only on a name: x_i, W_{i,j}, W_{\\mathrm{out}}"))
			}
			if haveSub {
				panic(errorAt(t.Pos, "double subscript: write x_{i,j}"))
			}
			haveSub = true
			c.next()
			c.subscript(name)
		case isTexPunct(t, "^"):
			if sup != nil {
				panic(errorAt(t.Pos, "double superscript: write braces, x^{a^{b}} or {x^{a}}^{b}"))
			}
			sup = c.next()
			power = c.superscript(n) // nil for a transpose or an index
		case isTexPunct(t, "!"):
			c.next()
			c.count(t)
			c.deeper(t)
			finish()
			n = &callNode{pos: t.Pos, name: expr.FnFactorial.Name, fn: expr.FnFactorial, args: []node{n}}
		case isTexPunct(t, "'"):
			panic(errorAt(t.Pos, "%s", primesRefused))
		default:
			finish()
			return n
		}
	}
}

// superscript reads what follows ^ on n: a power, or nil for a
// transpose (^\top, ^{\top}, ^T on a bold name), which a scalar term
// reads as itself, or for an index in parentheses on a name
// (x^{(i)}), which it adds to the name's subscripts.
func (c *texClimber) superscript(n node) node {
	name, isName := n.(*texName)
	t := c.peek()
	if c.transpose(isName && name.bold || c.boldGroups[n]) {
		return nil
	}
	if isTexPunct(t, "{") && isName {
		cp := c.lex.MakeCheckpoint()
		c.next()
		if open := c.peek(); isTexPunct(open, "(") {
			c.next()
			var ix node
			c.nested(false, func() { ix = c.expression(0, false) })
			if isTexPunct(c.peek(), ")") {
				c.next()
				if end := c.peek(); isTexPunct(end, "}") {
					c.next()
					name.subs = append(name.subs, subPart{pos: open.Pos, expr: ix})
					name.end = end.Pos.Offset + 1
					return nil
				}
			}
		}
		c.lex.LoadCheckpoint(cp)
	}
	if isTexPunct(t, "-") {
		panic(errorAt(t.Pos, "TeX takes one token after ^: write x^{-1}"))
	}
	return c.arg("exponent")
}

// transpose reads a transpose mark after ^, if one comes: \top,
// \intercal, \mathsf{T} or \mathrm{T}, alone or in braces, or T itself
// after a bold name or a group with one in it (elsewhere x^T is a power).
func (c *texClimber) transpose(bold bool) bool {
	cp := c.lex.MakeCheckpoint()
	braced := isTexPunct(c.peek(), "{")
	if braced {
		c.next()
	}
	t := c.next()
	ok := false
	switch {
	case isTex(t, texCommand, `\top`), isTex(t, texCommand, `\intercal`):
		ok = true
	case isTex(t, texLetter, "T"):
		ok = bold
	case isTex(t, texCommand, `\mathsf`), isTex(t, texCommand, `\mathrm`):
		ok = isTexPunct(c.next(), "{") && isTex(c.next(), texLetter, "T") && isTexPunct(c.next(), "}")
	}
	if ok && braced {
		ok = isTexPunct(c.next(), "}")
	}
	if !ok {
		c.lex.LoadCheckpoint(cp)
	}
	return ok
}
