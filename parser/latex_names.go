package parser

import (
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/expr"
)

// Names with subscripts. LaTeX writes the symbol w_1, the element x[i]
// and the labelled name W_out all with _, so the reader decides once the
// whole formula is read:
//
//   - a label, \mathrm{out} or \text{out}, is part of the name: W_out
//     (but among subscripts that are expressions, W_{\sigma,\mathrm{loss}},
//     it is a name used as an index: W[sigma, loss]);
//   - several subscripts, W_{i,j}, or an expression, x_{i+1}, x_{2i}, are
//     indices: W[i, j], x[i + 1], x[2 i];
//   - one letter is an index: x_i is x[i];
//   - digits are part of the name, w_1 is the symbol w_1, unless the same
//     name takes an index elsewhere in the formula (it is data-like):
//     in \sum_{i=1}^{N} x_i - x_1, x_1 is x[1];
//   - letters with digits (W_{h1}) are part of the name, and so are
//     several letters (x_{ij}), unless each is the index of an enclosing
//     \sum or \prod: there W_{ij} is W[i, j].
//
// The superscript x^{(i)} of machine-learning texts (the i-th example) is
// an index too.

// texName is a name as written, before that decision: built from a
// letter, a Greek letter or a word, with its subscripts. Only the
// reader makes it, and resolveTeX replaces every one.
type texName struct {
	pos  lexer.Position
	name string
	bold bool // written as a vector: \mathbf{w}, \vec w
	subs []subPart
	end  int // the offset after the name and its scripts
}

func (n *texName) at() lexer.Position { return n.pos }

// subPart is one comma-separated subscript: a label (\mathrm{out}), a
// run of letters and digits (1, i, ij, h1), or an expression.
type subPart struct {
	pos   lexer.Position
	label string
	raw   string
	expr  node
}

// subscript reads the subscripts after _ onto n.
func (c *texClimber) subscript(n *texName) {
	t := c.peek()
	switch {
	case isTexPunct(t, "{"):
		c.next()
		for {
			n.subs = append(n.subs, c.subPart())
			p := c.next()
			if isTexPunct(p, "}") {
				n.end = p.Pos.Offset + 1
				return
			}
			if !isTexPunct(p, ",") {
				if p.EOF() {
					panic(errorAt(t.Pos, `unclosed "{"`))
				}
				panic(errorAt(p.Pos, `unexpected %s in a subscript, expected "," or "}"`, describe(p)))
			}
		}
	case t.Type == texLetter || t.Type == texDigit:
		c.next()
		c.count(t)
		n.subs = append(n.subs, subPart{pos: t.Pos, raw: t.Value})
		n.end = t.Pos.Offset + 1
	case t.Type == texCommand && texGreek[t.Value[1:]]:
		c.next()
		c.count(t)
		n.subs = append(n.subs, subPart{pos: t.Pos, expr: &texName{pos: t.Pos, name: t.Value[1:], end: t.Pos.Offset + len(t.Value)}})
		n.end = t.Pos.Offset + len(t.Value)
	case isTex(t, texCommand, `\mathrm`) || isTex(t, texCommand, `\text`):
		n.subs = append(n.subs, c.subPart())
		n.end = c.peek().Pos.Offset
	default:
		panic(errorAt(t.Pos, "unexpected %s after _: put the subscript in braces", describe(t)))
	}
}

// subPart reads one subscript inside braces.
func (c *texClimber) subPart() subPart {
	t := c.peek()
	switch {
	case isTex(t, texCommand, `\mathrm`) || isTex(t, texCommand, `\text`) || isTex(t, texCommand, `\textrm`):
		// A label, unless more follows it: W_{\mathrm{sign}(x)} is an index.
		cp := c.lex.MakeCheckpoint()
		c.next()
		word, _ := c.braceText(t)
		if p := c.peek(); isTexPunct(p, "}") || isTexPunct(p, ",") {
			c.count(t)
			return subPart{pos: t.Pos, label: word}
		}
		c.lex.LoadCheckpoint(cp)
	case t.Type == texLetter || t.Type == texDigit:
		cp := c.lex.MakeCheckpoint()
		var b strings.Builder
		last := t
		for p := c.peek(); (p.Type == texLetter || p.Type == texDigit) && (p == t || adjacent(last, p)); p = c.peek() {
			last = c.next()
			b.WriteString(last.Value)
		}
		if p := c.peek(); isTexPunct(p, "}") || isTexPunct(p, ",") {
			c.count(t)
			return subPart{pos: t.Pos, raw: b.String()}
		}
		c.lex.LoadCheckpoint(cp)
	}
	var x node
	c.nested(false, func() { x = c.expression(0, false) })
	return subPart{pos: t.Pos, expr: x}
}

// texResolver turns every texName of a tree into a nameNode or an
// indexNode (see the rules above).
type texResolver struct {
	dataLike map[string]bool // names that take an index somewhere
	bound    map[string]int  // indices of the enclosing sums and prods
	marking  bool            // the first pass, which only fills dataLike
}

// resolveTeX resolves the names of a tree read by texClimber.
func resolveTeX(root node) node {
	r := newTexResolver()
	r.mark(root)
	return r.resolve(root)
}

func newTexResolver() *texResolver {
	return &texResolver{dataLike: map[string]bool{}, bound: map[string]int{}}
}

// mark notes the names root takes with an index; marking several trees
// before resolving any makes them decide alike.
func (r *texResolver) mark(root node) {
	r.marking = true
	r.node(root)
	r.marking = false
}

// resolve returns root with its names decided.
func (r *texResolver) resolve(root node) node { return r.node(root) }

func (r *texResolver) nodes(ns []node) []node {
	out := make([]node, len(ns))
	for i, n := range ns {
		out[i] = r.node(n)
	}
	return out
}

// node resolves the names in n, rebuilding the nodes above them.
func (r *texResolver) node(n node) node {
	switch n := n.(type) {
	case *texName:
		return r.name(n)
	case *numberNode, *nameNode:
		return n
	case *indexNode:
		return &indexNode{pos: n.pos, name: n.name, index: r.nodes(n.index), end: n.end}
	case *callNode:
		m := *n
		if n.name == "sum" || n.name == "prod" {
			index := n.args[1].(*nameNode).name
			r.bound[index]++
			body := r.node(n.args[0])
			r.bound[index]--
			m.args = append([]node{body}, r.nodes(n.args[1:])...)
		} else {
			m.args = r.nodes(n.args)
		}
		if !r.marking {
			checkSpecialForm(n.name, m.args)
		}
		return &m
	case *absNode:
		return &absNode{pos: n.pos, arg: r.node(n.arg)}
	case *negNode:
		return &negNode{pos: n.pos, arg: r.node(n.arg)}
	case *binaryNode:
		return &binaryNode{pos: n.pos, op: n.op, lhs: r.node(n.lhs), rhs: r.node(n.rhs)}
	case *chainNode:
		m := &chainNode{prec: n.prec, first: r.node(n.first), rest: make([]link, len(n.rest))}
		for i, l := range n.rest {
			l.arg = r.node(l.arg)
			m.rest[i] = l
		}
		return m
	}
	panic(fmt.Sprintf("parser: latex: unknown node %T", n))
}

// name decides what a written name is.
func (r *texResolver) name(n *texName) node {
	if len(n.subs) == 0 {
		return &nameNode{pos: n.pos, name: n.name, end: n.end}
	}
	index := func(parts []subPart) node {
		if r.marking {
			r.dataLike[n.name] = true
		}
		ix := make([]node, len(parts))
		for i, p := range parts {
			ix[i] = r.part(p)
		}
		return &indexNode{pos: n.pos, name: n.name, index: ix, end: n.end}
	}
	symbol := func(parts ...string) node {
		name := n.name + "_" + strings.Join(parts, "_")
		if _, reserved := callees[name]; reserved || isConstantName(name) {
			panic(errorAt(n.pos, "%s is a reserved name", name))
		}
		return &nameNode{pos: n.pos, name: name, end: n.end}
	}
	var labels []string
	for _, p := range n.subs {
		if p.label != "" {
			labels = append(labels, p.label)
		}
	}
	mixed := false
	for _, p := range n.subs {
		mixed = mixed || p.expr != nil
	}
	if len(labels) > 0 && !mixed {
		var words []string
		for _, p := range n.subs {
			words = append(words, p.label+p.raw)
		}
		return symbol(words...)
	}
	if len(n.subs) > 1 {
		return index(n.subs)
	}
	p := n.subs[0]
	switch {
	case p.expr != nil, len(p.raw) == 1 && isLetter(p.raw[0]):
		return index(n.subs)
	case allDigitsRaw(p.raw):
		if r.dataLike[n.name] {
			return index(n.subs)
		}
		return symbol(p.raw)
	case isDigit(p.raw[0]):
		return index(n.subs) // x_{2i}
	case r.allBound(p.raw):
		parts := make([]subPart, len(p.raw))
		for i := range p.raw {
			parts[i] = subPart{pos: p.pos, raw: p.raw[i : i+1]}
		}
		return index(parts)
	}
	return symbol(p.raw)
}

// part is one index as a node: digits a number, a letter a name, 2i a
// product.
func (r *texResolver) part(p subPart) node {
	if p.expr != nil {
		return r.node(p.expr)
	}
	if p.label != "" { // W_{\sigma,\mathrm{loss}}: a name as an index
		return &nameNode{pos: p.pos, name: p.label}
	}
	s := p.raw
	k := 0
	for k < len(s) && isDigit(s[k]) {
		k++
	}
	var num, name node
	if k > 0 {
		tok := lexer.Token{Type: tokNumber, Value: s[:k], Pos: p.pos}
		num = &numberNode{pos: p.pos, val: parseNumber(&tok)}
	}
	if k < len(s) {
		pos := p.pos
		pos.Offset += k
		pos.Column += k
		name = &nameNode{pos: pos, name: s[k:]}
	}
	switch {
	case name == nil:
		return num
	case num == nil:
		return name
	}
	return &chainNode{prec: expr.PrecMul, first: num, rest: []link{{pos: name.at(), op: "*", juxtaposed: true, arg: name}}}
}

// allBound reports whether every character of s is a letter bound by an
// enclosing sum or prod.
func (r *texResolver) allBound(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) || r.bound[s[i:i+1]] == 0 {
			return false
		}
	}
	return true
}

func allDigitsRaw(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
