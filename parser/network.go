package parser

import (
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
	for _, s := range statements(src) {
		if len(p.Assignments) == MaxAssignments {
			errs = append(errs, diag.At(diag.Pos{File: filename, Line: s.line, Col: s.col, Offset: s.offset},
				"more than %d assignments", MaxAssignments).WithSource(s.source))
			break
		}
		a, err := assignment(filename, s)
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
func assignment(filename string, s statement) (a *network.Assignment, err error) {
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
	if isConstantName(in.Name.Name) || callees[in.Name.Name].fn != nil || network.IsOperation(in.Name.Name) {
		return nil, errorAt(in.Name.Pos, "%s cannot be assigned: it is a constant or an operation", in.Name.Name)
	}
	nb := &netBuilder{shift: shift, src: s.text}
	var x network.Expr
	if err := nb.run(func() { x = nb.expr(in.Body.root) }); err != nil {
		return nil, err
	}
	return &network.Assignment{Name: in.Name.Name, Pos: shift(in.Name.Pos), Expr: x, Src: s.source}, nil
}

// networkName parses what starts with an identifier in network mode: an
// operation called on one argument, or a tensor's name.
func (c *climber) networkName(t, next *lexer.Token) node {
	callable := network.IsOperation(t.Value) || t.Value == "sqrt"
	switch {
	case callable && isPunct(next, "("):
		c.lex.Next()
		args, _ := c.list(next, ")", true)
		if len(args) != 1 {
			panic(errorAt(t.Pos, "%s takes 1 argument, got %d", t.Value, len(args)))
		}
		return &callNode{pos: t.Pos, name: t.Value, args: args}
	case callable:
		panic(errorAt(next.Pos, "unexpected %s, expected \"(\" after %s", describe(next), t.Value))
	case isPunct(next, "(") && adjacent(t, next):
		if _, ok := callees[t.Value]; ok {
			panic(errorAt(t.Pos, "%s is no operation of a network", t.Value))
		}
		panic(errorAt(t.Pos, "unknown operation %q", t.Value))
	case isPunct(next, "[") && adjacent(t, next):
		panic(errorAt(next.Pos, "a network names whole tensors: %s[...] picks an entry, which networks do not do yet", t.Value))
	}
	return &nameNode{pos: t.Pos, name: t.Value}
}

// netBuilder turns the syntax tree of a network's expression into a
// network.Expr. Nothing is folded or reordered: W x is not x W.
type netBuilder struct {
	shift func(lexer.Position) diag.Pos
	src   string
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
		return &network.Ref{Name: n.name, Pos: b.shift(n.pos)}
	case *callNode:
		arg := b.expr(n.args[0])
		if n.name == "sqrt" {
			return b.apply("pow", n.pos, arg, &network.Const{Value: expr.Half, Pos: b.shift(n.pos)})
		}
		return b.apply(n.name, n.pos, arg)
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
	case *indexNode:
		panic(errorAt(n.pos, "a network names whole tensors: %s[...] picks an entry, which networks do not do yet", n.name))
	}
	panic(errorAt(n.at(), "this cannot stand in a network"))
}
