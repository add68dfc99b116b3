package parser

import (
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// builder turns a syntax tree into an expr term. It is the one place the
// parser calls expr's constructors. One builder serves one input, so
// that the names of all its terms (both sides of an equation) are
// checked against each other.
type builder struct {
	src  string
	bits map[expr.Expr]int // foldBits memo
	work int               // folding so far, against MaxFoldWork
	pos  lexer.Position    // the node being built, for internal errors
	// uses holds the first use of each name, and order the names in the
	// order of their first uses.
	uses  map[string]*use
	order []string
	// bound counts, for each name, the sums and prods over it whose body
	// is being built; free lists the names used outside them, in the
	// order of their first such use.
	bound map[string]int
	free  []string
	// find is the term Locate looks for, and found where it was first
	// built, if it was.
	find  expr.Expr
	found *lexer.Position
	// layout, when set, records how the input is written (see
	// ParseLayout): form and argOrder are what the node just built
	// records, for term to file.
	layout   *expr.Layout
	form     *expr.Written
	argOrder []expr.Expr
	last     *expr.Written // the form of the node built last
	// raw and flip are the operands of the chains being built, as
	// written, and whether a "-" or "/" precedes each: a stack that
	// nested chains push onto and pop.
	raw  []expr.Expr
	flip []bool
	// subs holds, for each term built, its written form when no term
	// holds it (see carry), or nil: a stack, each node popping its
	// operands'.
	subs []*expr.Written
	lost *expr.Written // the form the node just recorded could not file
}

// use is the first use of a name in an input.
type use struct {
	pos     lexer.Position
	indices int
	text    string // as written: x, W[1,2]
	// free is the first use outside every sum and prod over the name;
	// isFree says whether there is one.
	free   lexer.Position
	isFree bool
}

func newBuilder(src string) *builder {
	return &builder{src: src, bits: map[expr.Expr]int{}, uses: map[string]*use{}, bound: map[string]int{}}
}

// run runs a conversion, turning its panics into the error it returns,
// which gets its source line.
func (b *builder) run(convert func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*diag.Error)
			if !ok {
				e = diag.Recovered(r, posOf(b.pos), "reading the expression")
			}
			err = e.WithSource(b.src)
		}
	}()
	convert()
	return nil
}

// Use is where an input first mentions a name, and with how many
// indices. Within one input a name always takes the same number: x[1]
// and x[1, 2] together are an error, and so are x and x[1].
type Use struct {
	Name    string
	Indices int      // 0 for a plain name x, 2 for W[i, j]
	Pos     diag.Pos // of the first use
	Text    string   // the first use as written, white space collapsed: x, W[1,2]
	// Free is the first use outside every sum and prod over the name, the
	// zero Pos when there is none: in sum(x[k], k, 1, N), x and N are
	// free and k is not. It is read from the source, not from the term,
	// which folds: 0 y and z - z are 0, yet they use y and z.
	Free diag.Pos
}

// firstUses returns the names the builder met, each at its first use, in
// source order.
func (b *builder) firstUses() []Use {
	out := make([]Use, len(b.order))
	for k, name := range b.order {
		u := b.uses[name]
		out[k] = Use{Name: name, Indices: u.indices, Pos: posOf(u.pos), Text: u.text}
		if u.isFree {
			out[k].Free = posOf(u.free)
		}
	}
	return out
}

// use records a use of name with the given number of indices, written
// from pos up to the offset end, and refuses one whose number differs
// from the first use's. Leaves are built in source order, so the error
// is at the later of the two.
func (b *builder) use(name string, indices int, pos lexer.Position, end int) {
	text := func() string { return strings.Join(strings.Fields(b.src[pos.Offset:end]), " ") }
	u, seen := b.uses[name]
	if !seen {
		u = &use{pos: pos, indices: indices, text: text()}
		b.uses[name] = u
		b.order = append(b.order, name)
	} else if u.indices != indices {
		panic(errorAt(pos, "%s has %s, but %s before it has %s", diag.Clip(text()), expr.DescribeIndices(indices), diag.Clip(u.text), expr.DescribeIndices(u.indices)))
	}
	if !u.isFree && b.bound[name] == 0 {
		u.free, u.isFree = pos, true
		b.free = append(b.free, name)
	}
}

// term converts one node. Its children were converted first, so the
// first node whose term is undefined (0/0, log(0)) is the one that made it
// so, and the error points at it.
func (b *builder) term(n node) expr.Expr {
	x := b.node(n)
	b.defined(x)
	if b.layout != nil {
		b.record(n, x)
	}
	if x == b.find && b.found == nil {
		at := start(n)
		b.found = &at
	}
	return x
}

// defined refuses an undefined term at the position being built.
func (b *builder) defined(x expr.Expr) {
	if u := expr.UndefinedIn(x); u != nil {
		panic(errorAt(b.pos, "undefined value: %s", u.Reason()))
	}
}

// node converts one node, and while a layout is recorded, carries the
// written forms of its operands that no term holds (see carry).
func (b *builder) node(n node) expr.Expr {
	mark := len(b.subs)
	x := b.build(n)
	if b.layout != nil {
		b.carry(n, x, mark)
	}
	return x
}

// build converts one node; the switch names every node kind and fails
// loudly on one it was not taught.
func (b *builder) build(n node) expr.Expr {
	b.pos = n.at()
	switch n := n.(type) {
	case *numberNode:
		if b.layout != nil {
			if text := b.src[n.pos.Offset : n.pos.Offset+numberLength(b.src[n.pos.Offset:])]; text != n.val.String() {
				b.form = &expr.Written{Op: expr.WrittenNumber, Text: text}
			}
		}
		return n.val
	case *nameNode:
		switch n.name {
		case "pi":
			return expr.Pi
		case "e":
			return expr.E
		}
		end := n.end
		if end == 0 {
			end = n.pos.Offset + len(n.name)
		}
		b.use(n.name, 0, n.pos, end)
		return expr.Sym(n.name)
	case *indexNode:
		b.use(n.name, len(n.index), n.pos, n.end)
		index := b.terms(n.index)
		b.pos = n.pos
		return expr.Index(n.name, index...)
	case *callNode:
		return b.call(n)
	case *absNode:
		arg := b.term(n.arg)
		x := expr.Call(expr.FnAbs, arg)
		if b.layout != nil && !sameCall(x, expr.FnAbs, arg) {
			b.form = &expr.Written{Op: expr.WrittenCall, Name: "abs", Args: []expr.Expr{arg}}
		}
		return x
	case *negNode:
		arg := b.term(n.arg)
		// -(a + b) distributes, -(-a) cancels, and -(a b) is written with
		// its parentheses: after "/", -a*b would divide by each factor.
		if b.layout != nil && (arg.Kind() == expr.KindAdd || arg.Kind() == expr.KindMul || expr.CouldExtractMinus(arg)) {
			b.form = &expr.Written{Op: expr.WrittenNeg, Args: []expr.Expr{arg}}
		}
		return expr.Neg(arg)
	case *binaryNode:
		lhs, rhs := b.term(n.lhs), b.term(n.rhs)
		b.checkProduct(n.pos, lhs, rhs) // (x^a)^b multiplies exponents
		b.pos = n.pos
		x := n.op.Build(lhs, rhs)
		if p, ok := x.(*expr.PowExpr); b.layout != nil && !(ok && p.Base() == lhs && p.Exp() == rhs) {
			b.form = &expr.Written{Op: expr.WrittenPow, Args: []expr.Expr{lhs, rhs}}
		}
		return x
	case *chainNode:
		return b.chain(n)
	}
	panic(fmt.Sprintf("parser: build: unknown node %T", n))
}

// terms converts a list of nodes, in order.
func (b *builder) terms(ns []node) []expr.Expr {
	xs := make([]expr.Expr, len(ns))
	for i, n := range ns {
		xs[i] = b.term(n)
	}
	return xs
}

// chain builds a run of + and - as one Add, and of *, / and juxtaposition
// as one Mul (see chainNode for why not a left fold), with a - b read as
// a + (-b) and a / b as a * b^-1, as expr.Sub and expr.Div do.
func (b *builder) chain(n *chainNode) expr.Expr {
	var xs []expr.Expr
	start, mark := len(b.raw), len(b.subs) // this chain's operands as written, while a layout is recorded
	switch n.prec {
	case expr.PrecAdd:
		xs = append(xs, b.term(n.first))
		b.operand(xs[0], false)
		for _, l := range n.rest {
			x := b.term(l.arg)
			b.operand(x, l.op == "-")
			if l.op == "-" {
				x = expr.Neg(x)
			}
			xs = append(xs, x)
		}
		b.pos = n.rest[0].pos
		b.checkSum(b.pos, xs)
		x := expr.Add(xs...)
		b.writtenChain(x, xs, expr.WrittenSum, start, mark, false)
		return x
	case expr.PrecMul:
		xs = b.factors(xs, n, false)
		b.pos = n.rest[0].pos
		b.checkProduct(b.pos, xs...)
		x := expr.Mul(xs...)
		_, neg := n.first.(*negNode)
		b.writtenChain(x, xs, expr.WrittenProduct, start, mark, neg)
		return x
	}
	panic(fmt.Sprintf("parser: build: no n-ary constructor for precedence %d", n.prec))
}

// factors appends the factors of a product chain to xs, inverted if
// invert is set. Two written forms are read as the printers mean them,
// factor by factor, rather than as nested constructor calls:
//
//   - a leading minus is the sign of the whole product: -(a + b)/c is
//     Mul(-1, a + b, c^-1), where Mul(Neg(a + b), c^-1) would distribute
//     the minus into the sum first;
//   - a parenthesised product after "/" divides by each of its factors:
//     1/(3*(x - 1)) is Mul(3^-1, (x - 1)^-1), where 1/Mul(3, x - 1) would
//     first make the denominator 3*x - 3.
//
// Both are the same value either way; the reading chosen is the one that
// keeps the factors as written, which is what makes expr.Plain's output
// read back to the term it printed.
func (b *builder) factors(xs []expr.Expr, n *chainNode, invert bool) []expr.Expr {
	add := func(x expr.Expr, invert bool) {
		b.operand(x, invert)
		if invert {
			x = expr.Pow(x, expr.MinusOne)
			b.defined(x) // at the "/" (b.pos)
		}
		xs = append(xs, x)
	}
	if neg, ok := n.first.(*negNode); ok && !invert {
		xs = append(xs, expr.MinusOne)
		if b.layout != nil { // the sign, an operand as written
			b.operand(expr.MinusOne, false)
			b.subs = append(b.subs, nil)
		}
		add(b.term(neg.arg), false)
	} else {
		add(b.term(n.first), invert)
	}
	for _, l := range n.rest {
		inv := invert != (l.op == "/")
		if c, ok := l.arg.(*chainNode); ok && c.prec == expr.PrecMul && l.op == "/" {
			xs = b.factors(xs, c, inv)
			continue
		}
		x := b.term(l.arg)
		b.pos = l.pos
		add(x, inv)
	}
	return xs
}

// call builds a function of the table or a special form. Arity and the
// special forms' variables were checked while parsing.
func (b *builder) call(n *callNode) expr.Expr {
	var args []expr.Expr
	if n.name == "sum" || n.name == "prod" {
		// The index is bound in the body, and not in the bounds.
		index := n.args[1].(*nameNode).name
		b.bound[index]++
		args = b.terms(n.args[:2])
		b.bound[index]--
		args = append(args, b.terms(n.args[2:])...)
	} else {
		args = b.terms(n.args)
	}
	b.pos = n.pos
	x := b.special(n, args)
	if b.layout != nil && !sameArgs(x, n, args) {
		b.form = &expr.Written{Op: expr.WrittenCall, Name: n.name, Args: args}
	}
	return x
}

// special builds a call of the table or a special form from its
// arguments.
func (b *builder) special(n *callNode, args []expr.Expr) expr.Expr {
	if n.fn != nil {
		return expr.Call(n.fn, args...)
	}
	switch n.name {
	case "sqrt":
		return expr.Sqrt(args[0])
	case "sum":
		return expr.SumOver(args[0], args[1].(*expr.Symbol), args[2], args[3])
	case "prod":
		return expr.ProdOver(args[0], args[1].(*expr.Symbol), args[2], args[3])
	case "diff":
		return expr.Diff(args[0], args[1])
	}
	panic("parser: build: unknown special form " + n.name)
}
