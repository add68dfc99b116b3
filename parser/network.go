package parser

import (
	"context"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/network"
)

// Networks are read with the expression syntax, in a mode where names
// stand for tensors and the calls are the network's operations: an
// assignment per line or between semicolons, name = expression, in which
// juxtaposition is the matrix product (W x, sin(w)^T x), * the product
// entry by entry, and ^T the transpose.

// networkInput is one assignment of a network.
type networkInput struct {
	Name ident   `parser:"@@ '='"`
	Body netTerm `parser:"@@"`
}

// netTerm is a term read in network mode.
type netTerm struct{ root node }

// Parse implements participle.Parseable, as term does.
func (t *netTerm) Parse(lex *lexer.PeekingLexer) (err error) {
	c := climber{lex: lex, network: true}
	defer recoverInto(lex, &err)
	t.root = c.expression(0)
	return nil
}

var networkParser = newParser[networkInput]()

// MaxAssignments bounds the assignments of a network.
const MaxAssignments = 1000

// ParseNetwork reads a network: assignments separated by semicolons or
// line breaks (blank ones and # comments skipped). Every mistake is an
// error at its line and column in src, with its line; all of them are
// reported, as a diag.List.
func ParseNetwork(filename, src string) (*network.Program, error) {
	if len(src) > MaxInputBytes {
		return nil, errorAt(lexer.Position{Filename: filename, Line: 1, Column: 1}, "input larger than 1 MiB").WithSource(src)
	}
	p := &network.Program{}
	var errs diag.List
	var rest []statement
	defined := map[string]bool{}
	for _, s := range statements(src) {
		if !isDefinition(s.text) {
			rest = append(rest, s)
			continue
		}
		d, err := definition(filename, s)
		if err != nil {
			errs = append(errs, diag.ListOf(err)...)
			continue
		}
		p.Defs = append(p.Defs, d)
		defined[d.Op.Name] = true
	}
	for _, s := range rest {
		if len(p.Assignments) == MaxAssignments {
			errs = append(errs, diag.At(diag.Pos{File: filename, Line: s.line, Col: s.col, Offset: s.offset},
				"more than %d assignments", MaxAssignments).WithSource(s.source))
			break
		}
		a, err := assignment(filename, s, defined)
		if err != nil {
			errs = append(errs, diag.ListOf(err)...)
			continue
		}
		p.Assignments = append(p.Assignments, a)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// isDefinition reports whether a statement defines an operator:
// op NAME(x[SIZE])[i] = body, i = LO..HI.
func isDefinition(text string) bool {
	t := strings.TrimLeft(text, " \t")
	return strings.HasPrefix(t, "op ") || strings.HasPrefix(t, "op\t")
}

// definition reads an operator's definition, its positions moved to
// where it stands in the whole source.
func definition(filename string, s statement) (*network.Definition, error) {
	t := strings.TrimLeft(s.text, " \t")
	skip := len(s.text) - len(t) + len("op ")
	at := diag.Pos{File: filename, Line: s.line, Col: s.col, Offset: s.offset}.Advance(s.text[:skip])
	op, err := ParseOp(context.Background(), "", s.text[skip:])
	if err != nil {
		d := *diag.From(err)
		d.Pos = at.Advance(s.text[skip:][:min(max(d.Pos.Offset, 0), len(s.text)-skip)])
		d.Pos.File = filename
		d.Src = s.source
		return nil, &d
	}
	return &network.Definition{Op: op, Pos: at, Src: s.source}, nil
}

// tensorTermInput is a whole input holding one term of a network.
type tensorTermInput struct {
	Body netTerm `parser:"@@"`
}

var tensorTermParser = newParser[tensorTermInput]()

// ParseTensorTerm reads one expression of a network on its own, in
// network mode (W x, sin(w)^T x, x[2:end]): a term over tensors, as
// derivtex eval reads one whose values are arrays. An error is at its
// place in src, with its line.
func ParseTensorTerm(src string) (network.Expr, error) {
	in, err := parse(tensorTermParser, "", src)
	if err != nil {
		return nil, err
	}
	nb := &netBuilder{shift: posOf, src: src}
	var x network.Expr
	if err := nb.run(func() { x = nb.expr(in.Body.root) }); err != nil {
		return nil, diag.From(err).WithSource(src)
	}
	return x, nil
}

// statement is one assignment's text and where it starts in the source.
type statement struct {
	text              string
	line, col, offset int
	source            string // the whole source line, for snippets
}

// statements splits src at line breaks and semicolons, dropping blank
// statements and comments (# to the end of the line).
func statements(src string) []statement {
	var out []statement
	offset := 0
	for n, line := range strings.SplitAfter(src, "\n") {
		whole := strings.TrimRight(line, "\r\n")
		code := whole
		if i := strings.IndexByte(code, '#'); i >= 0 {
			code = code[:i]
		}
		col := 0
		for _, part := range strings.Split(code, ";") {
			if strings.TrimSpace(part) != "" {
				out = append(out, statement{text: part, line: n + 1, col: col + 1, offset: offset + col, source: whole})
			}
			col += len(part) + 1
		}
		offset += len(line)
	}
	return out
}

// assignment reads one statement, its positions moved to where it stands
// in the whole source.
func assignment(filename string, s statement, defined map[string]bool) (a *network.Assignment, err error) {
	shift := func(p lexer.Position) diag.Pos {
		return diag.Pos{File: filename, Line: s.line, Col: p.Column + s.col - 1, Offset: p.Offset + s.offset}
	}
	defer func() {
		if err != nil {
			d := *diag.From(err)
			if d.Pos.Line == 1 || !d.Pos.IsValid() {
				d.Pos = diag.Pos{File: filename, Line: s.line, Col: max(d.Pos.Col, 1) + s.col - 1, Offset: d.Pos.Offset + s.offset}
			}
			d.Src = s.source
			err = &d
		}
	}()
	in, err := parse(networkParser, "", s.text)
	if err != nil {
		return nil, err
	}
	if isConstantName(in.Name.Name) || in.Name.Name == "end" || callees[in.Name.Name].fn != nil || network.IsOperation(in.Name.Name) {
		return nil, errorAt(in.Name.Pos, "%s cannot be assigned: it is a constant or an operation", in.Name.Name)
	}
	nb := &netBuilder{shift: shift, src: s.text, defined: defined}
	var x network.Expr
	if err := nb.run(func() { x = nb.expr(in.Body.root) }); err != nil {
		return nil, err
	}
	return &network.Assignment{Name: in.Name.Name, Pos: shift(in.Name.Pos), Expr: x, Src: s.source}, nil
}

// netCalls are the operations of a network called with more than one
// argument, as written: max(x) and max(a, b), reshape(x, [2, 3]),
// concat(a, b) and concat(A, B, 2) along the second dimension. The other
// operations take one.
var netCalls = map[string]callee{
	"max":          {minArgs: 1, maxArgs: 2},
	"min":          {minArgs: 1, maxArgs: 2},
	"reshape":      {minArgs: 2, maxArgs: 2},
	"concat":       {minArgs: 2, maxArgs: 3},
	"mse":          {minArgs: 2, maxArgs: 2},
	"bce":          {minArgs: 2, maxArgs: 2},
	"crossentropy": {minArgs: 2, maxArgs: 2},
	"nll":          {minArgs: 2, maxArgs: 2},
}

// networkName parses what starts with an identifier in network mode: an
// operation called on its arguments, or a tensor's name.
func (c *climber) networkName(t, next *lexer.Token) node {
	callable := network.IsOperation(t.Value) || t.Value == "sqrt"
	switch {
	case isPunct(next, "(") && windowOps[t.Value].keys != nil:
		return c.windowCall(t, next)
	case callable && isPunct(next, "("):
		c.lex.Next()
		args, _ := c.list(next, ")", true)
		arity, ok := netCalls[t.Value]
		if !ok {
			arity = callee{minArgs: 1, maxArgs: 1}
		}
		if !arity.arityOK(len(args)) {
			panic(errorAt(t.Pos, "%s takes %s, got %d", t.Value, arity.arityText(), len(args)))
		}
		return &callNode{pos: t.Pos, name: t.Value, args: args}
	case callable:
		panic(errorAt(next.Pos, "unexpected %s, expected \"(\" after %s", describe(next), t.Value))
	case isPunct(next, "(") && adjacent(t, next):
		if _, ok := callees[t.Value]; ok {
			panic(errorAt(t.Pos, "%s is no operation of a network", t.Value))
		}
		// An operator the program may define (op NAME(x[N])[i] = ...):
		// the builder, which knows the definitions, decides.
		c.lex.Next()
		args, _ := c.list(next, ")", true)
		return &callNode{pos: t.Pos, name: t.Value, args: args, defined: true}
	}
	return &nameNode{pos: t.Pos, name: t.Value}
}

// sliceNode is x[...] in network mode: an operand indexed, each index a
// position or a range (network.Index).
type sliceNode struct {
	pos   lexer.Position // of the "["
	of    node
	parts []slicePart
}

// slicePart is one index as written: its bounds separated by ":" (one
// for a position, two or three for a range), or ":" alone.
type slicePart struct {
	pos    lexer.Position
	bounds []node
	all    bool
}

func (n *sliceNode) at() lexer.Position { return n.pos }

// indexed parses the brackets that follow an operand in network mode,
// x[2], W[1, :], x[1:2:end], as many as follow.
func (c *climber) indexed(x node) node {
	for c.network && isPunct(c.lex.Peek(), "[") {
		open := c.lex.Next()
		c.count(open)
		n := &sliceNode{pos: open.Pos, of: x}
		c.nested(false, func() {
			for {
				n.parts = append(n.parts, c.slicePart())
				if !isPunct(c.lex.Peek(), ",") {
					return
				}
				c.lex.Next()
			}
		})
		c.close(open, "]", true)
		x = n
	}
	return x
}

// isColon reports whether t is ":", which the lexer does not count as
// punctuation: only an index has it.
func isColon(t *lexer.Token) bool { return t.Value == ":" && t.Type == tokOther }

// slicePart parses one index of x[...].
func (c *climber) slicePart() slicePart {
	t := c.lex.Peek()
	p := slicePart{pos: t.Pos}
	if isColon(t) {
		c.lex.Next()
		if next := c.lex.Peek(); !isPunct(next, ",") && !isPunct(next, "]") {
			panic(errorAt(next.Pos, "unexpected %s: \":\" alone is a whole dimension, and a range starts with its first index (1:3)", describe(next)))
		}
		p.all = true
		return p
	}
	p.bounds = append(p.bounds, c.expression(0))
	for isColon(c.lex.Peek()) {
		colon := c.lex.Next()
		if len(p.bounds) == 3 {
			panic(errorAt(colon.Pos, "a range is from:to or from:step:to, with at most two \":\""))
		}
		p.bounds = append(p.bounds, c.expression(0))
	}
	return p
}

// netBuilder turns the syntax tree of a network's expression into a
// network.Expr. Nothing is folded or reordered: W x is not x W.
type netBuilder struct {
	shift func(lexer.Position) diag.Pos
	src   string
	// defined are the names of the operators the program defines.
	defined map[string]bool
}

func (b *netBuilder) run(build func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*diag.Error)
			if !ok {
				e = diag.Recovered(r, diag.Pos{}, "reading the network")
			}
			err = e
		}
	}()
	build()
	return nil
}

func (b *netBuilder) apply(op string, pos lexer.Position, args ...network.Expr) network.Expr {
	return &network.Apply{Op: op, Args: args, Pos: b.shift(pos)}
}

func (b *netBuilder) expr(n node) network.Expr {
	switch n := n.(type) {
	case *numberNode:
		return &network.Const{Value: n.val, Pos: b.shift(n.pos)}
	case *nameNode:
		switch n.name {
		case "pi":
			return &network.Const{Value: expr.Pi, Pos: b.shift(n.pos)}
		case "e":
			return &network.Const{Value: expr.E, Pos: b.shift(n.pos)}
		}
		if n.name == "end" {
			panic(errorAt(n.pos, "end stands for the last index of a dimension, inside x[...]"))
		}
		return &network.Ref{Name: n.name, Pos: b.shift(n.pos)}
	case *callNode:
		return b.call(n)
	case *windowCallNode:
		return b.windowCall(n)
	case *sliceNode:
		x := &network.Apply{Op: "index", Args: []network.Expr{b.expr(n.of)}, Pos: b.shift(n.pos)}
		for _, p := range n.parts {
			x.Index = append(x.Index, b.index(p))
		}
		return x
	case *absNode:
		return b.apply(expr.FnAbs.Name, n.pos, b.expr(n.arg))
	case *negNode:
		arg := b.expr(n.arg)
		if c, ok := arg.(*network.Const); ok {
			return &network.Const{Value: expr.Neg(c.Value), Pos: b.shift(n.pos)}
		}
		return b.apply("neg", n.pos, arg)
	case *binaryNode:
		if t, ok := n.rhs.(*nameNode); ok && t.name == "T" {
			return b.apply("transpose", n.pos, b.expr(n.lhs))
		}
		if s, ok := n.rhs.(*sliceNode); ok {
			if t, ok := s.of.(*nameNode); ok && t.name == "T" {
				// x^T[1] indexes the transpose, as it reads: (x^T)[1].
				inner := *n
				inner.rhs = t
				idx := *s
				idx.of = &inner
				return b.expr(&idx)
			}
		}
		return b.apply("pow", n.pos, b.expr(n.lhs), b.expr(n.rhs))
	case *chainNode:
		x := b.expr(n.first)
		for _, l := range n.rest {
			op := map[string]string{"+": "add", "-": "sub", "*": "mul", "/": "div"}[l.op]
			if l.juxtaposed {
				op = "matmul"
			}
			x = b.apply(op, l.pos, x, b.expr(l.arg))
		}
		return x
	case *arrayNode:
		panic(errorAt(n.pos, "an array in a network: give it as a value (x=[1, 2]) and use its name"))
	}
	panic(errorAt(n.at(), "this cannot stand in a network"))
}

// call builds an operation called by name: sqrt(x) as x^(1/2), max(a, b)
// as maximum, the shape of reshape and the dimension of concat read as
// the numbers they are.
func (b *netBuilder) call(n *callNode) network.Expr {
	if n.defined {
		if !b.defined[n.name] {
			panic(errorAt(n.pos, "unknown operation %q", n.name))
		}
		if len(n.args) != 1 {
			panic(errorAt(n.pos, "%s takes 1 argument, got %d", n.name, len(n.args)))
		}
		return b.apply(n.name, n.pos, b.expr(n.args[0]))
	}
	if n.name == "sqrt" {
		return b.apply("pow", n.pos, b.expr(n.args[0]), &network.Const{Value: expr.Half, Pos: b.shift(n.pos)})
	}
	op, args := n.name, n.args
	x := &network.Apply{Pos: b.shift(n.pos)}
	switch {
	case (op == "max" || op == "min") && len(args) == 2:
		op += "imum"
	case op == "reshape":
		x.Shape = b.shape(args[1])
		args = args[:1]
	case op == "concat" && len(args) == 3:
		x.Axis = b.whole(args[2], "the dimension concat joins along", 1)
		args = args[:2]
	}
	x.Op = op
	for _, a := range args {
		x.Args = append(x.Args, b.expr(a))
	}
	return x
}

// shape reads the shape of reshape(x, [2, 3]).
func (b *netBuilder) shape(n node) []int {
	a, ok := n.(*arrayNode)
	if !ok {
		panic(errorAt(start(n), "reshape takes the new shape as a list of lengths: reshape(x, [2, 3])"))
	}
	var out []int
	for _, e := range a.elems {
		out = append(out, b.whole(e, "a length of a shape", 1))
	}
	return out
}

// whole reads a whole number written in the program, at least least: a
// length, a dimension, a step.
func (b *netBuilder) whole(n node, what string, least int) int {
	k, ok := integer(n)
	if !ok || k < least {
		panic(errorAt(start(n), "%s is a whole number, at least %d", what, least))
	}
	return k
}

// integer is the whole number n writes (3, -1), if it writes one.
func integer(n node) (int, bool) {
	sign := 1
	if m, ok := n.(*negNode); ok {
		sign, n = -1, m.arg
	}
	num, ok := n.(*numberNode)
	if !ok || !num.val.IsInt() {
		return 0, false
	}
	k, ok := num.val.Int64()
	if !ok || k > 1<<30 {
		return 0, false
	}
	return sign * int(k), true
}

// index reads one index of x[...].
func (b *netBuilder) index(p slicePart) network.Index {
	ix := network.Index{Pos: b.shift(p.pos), Step: 1}
	switch len(p.bounds) {
	case 0:
		ix.All, ix.From, ix.To = true, network.Bound{N: 1}, network.Bound{End: true}
	case 1:
		ix.From, ix.Step = bound(p.bounds[0]), 0
	case 2:
		ix.From, ix.To = bound(p.bounds[0]), bound(p.bounds[1])
	case 3:
		ix.From, ix.To = bound(p.bounds[0]), bound(p.bounds[2])
		step, ok := integer(p.bounds[1])
		if !ok || step == 0 {
			panic(errorAt(start(p.bounds[1]), "the step of a range is a whole number other than 0 (2, -1)"))
		}
		ix.Step = step
	}
	return ix
}

// bound reads a bound of an index: 3, end, end - 1.
func bound(n node) network.Bound {
	if k, ok := integer(n); ok {
		return network.Bound{N: k}
	}
	if m, ok := n.(*nameNode); ok && m.name == "end" {
		return network.Bound{End: true}
	}
	if ch, ok := n.(*chainNode); ok && len(ch.rest) == 1 && (ch.rest[0].op == "+" || ch.rest[0].op == "-") && !ch.rest[0].juxtaposed {
		first, isName := ch.first.(*nameNode)
		k, isInt := integer(ch.rest[0].arg)
		if isName && first.name == "end" && isInt {
			if ch.rest[0].op == "-" {
				k = -k
			}
			return network.Bound{N: k, End: true}
		}
	}
	panic(errorAt(start(n), "an index is a whole number, end, or end - k (x[2], x[end - 1])"))
}

// UsesWhole reports whether a plain reading uses one of the arrays whole
// (W x, 1 + W): then the term is one over tensors.
func UsesWhole(uses []Use, arrays map[string]bool) bool {
	for _, u := range uses {
		if arrays[u.Name] && u.Free.IsValid() && u.Indices == 0 {
			return true
		}
	}
	return false
}

// TensorReading reads src in network mode, for a term whose plain
// reading failed with plainErr (nil when it read but UsesWhole holds):
// ok when the term is one over tensors, because it uses an array whole
// or writes what only networks write (a range, softmax(z), max(x)).
// When neither reading works, the error is that of the reading that got
// further, network mode's at a tie.
func TensorReading(src string, plainErr error, arrays map[string]bool) (network.Expr, bool, error) {
	t, err := ParseTensorTerm(src)
	switch {
	case plainErr == nil:
		return t, err == nil, err
	case err == nil && needsTensors(t, arrays):
		return t, true, nil
	case err == nil || diag.From(plainErr).Pos.Offset > diag.From(err).Pos.Offset:
		return nil, false, plainErr
	}
	return nil, false, err
}

// needsTensors reports whether x, read in network mode, writes what only
// a network writes: a name of an array whole, a range, an operation that
// is no function of plain syntax, a transpose.
func needsTensors(x network.Expr, arrays map[string]bool) bool {
	switch x := x.(type) {
	case *network.Ref:
		return arrays[x.Name]
	case *network.Apply:
		switch x.Op {
		case "add", "sub", "mul", "div", "pow", "neg", "matmul":
		case "index":
			if _, ok := x.Args[0].(*network.Ref); !ok {
				return true
			}
			for _, ix := range x.Index {
				if ix.Step != 0 || ix.From.End {
					return true
				}
			}
			return false // x[1, 2], as plain syntax has it
		default:
			if expr.LookupFunc(x.Op) == nil {
				return true
			}
		}
		for _, a := range x.Args {
			if needsTensors(a, arrays) {
				return true
			}
		}
	}
	return false
}
