package parser

import (
	"slices"

	"github.com/derivtex/derivtex/expr"
)

// ParseLayout reads one term like ParseTerm, and also records how it is
// written (expr.Layout): the order of its sums and products, where each
// part starts, and the parts the constructors rewrote beyond their order
// (exp(w x)/exp(b) is the term exp(w*x - b)), so that a derivation of it
// can start from the input as the author wrote it and keep the author's
// order from line to line. Recording costs a map entry per node, which is
// why ParseFile does not.
func ParseLayout(filename, src string) (expr.Expr, []Use, *expr.Layout, error) {
	in, err := parse(termParser, filename, src)
	if err != nil {
		return nil, nil, nil, err
	}
	b := newBuilder(src)
	b.layout, b.built = expr.NewLayout(), map[expr.Expr]bool{}
	var x expr.Expr
	if err := b.run(func() { x = b.term(in.Term.root) }); err != nil {
		return nil, nil, nil, err
	}
	if b.last != nil && x.Kind() > expr.KindIndexed {
		// The whole input is written as written even when its term was
		// built before, as part of it: -(-(x + 1)) is the term x + 1.
		// (Not a name: the variable of a derivative is written by it.)
		b.layout.Form(x, b.last)
	}
	return x, b.firstUses(), b.layout, nil
}

// record files what the node n, which built x, says about how x is
// written, when x is built here for the first time: a term written twice
// keeps its first writing, and no term's form can then refer back to the
// term itself.
func (b *builder) record(n node, x expr.Expr) {
	form, order := b.form, b.argOrder
	b.form, b.argOrder = nil, nil
	b.last = form
	if form == nil && x.Kind() <= expr.KindIndexed {
		// A name or number written as itself anywhere is written so
		// everywhere: the 2 that sqrt(4) built must not make x^2 read
		// x^sqrt(4), whichever comes first.
		b.layout.DropForm(x)
	}
	if x.Kind() > expr.KindIndexed {
		if b.layout.Seen(x) {
			return
		}
	} else if b.built[x] {
		return
	} else {
		b.built[x] = true // names and numbers have no place of their own
	}
	if form != nil {
		b.layout.Form(x, form)
	}
	if order != nil {
		b.layout.Order(x, order)
	}
	b.layout.Place(x, start(n).Offset)
}

// operand pushes an operand of a chain as written, while a layout is
// recorded; flip marks a "-" or "/" before it.
func (b *builder) operand(x expr.Expr, flip bool) {
	if b.layout != nil {
		b.raw = append(b.raw, x)
		b.flip = append(b.flip, flip)
	}
}

// writtenChain decides how the chain that built x from the operands xs
// is recorded, and pops its operands as written (from start on): by the
// order of xs when x is the sum or product of exactly those operands,
// else by its written form (op, with neg for a product after a minus).
func (b *builder) writtenChain(x expr.Expr, xs []expr.Expr, op expr.WrittenOp, start int, neg bool) {
	if b.layout == nil {
		return
	}
	raw, flip := b.raw[start:], b.flip[start:]
	defer func() { b.raw, b.flip = b.raw[:start], b.flip[:start] }()
	if (x.Kind() == expr.KindAdd || x.Kind() == expr.KindMul) && sameElements(x.Args(), xs) && !b.literalFactor(x, xs) {
		b.argOrder = xs
		return
	}
	b.form = &expr.Written{Op: op, Args: slices.Clone(raw), Flip: slices.Clone(flip), Neg: neg}
}

// sameElements reports whether xs holds the elements of args, each once.
func sameElements(args, xs []expr.Expr) bool {
	if len(args) != len(xs) {
		return false
	}
	in := make(map[expr.Expr]bool, len(args))
	for _, a := range args {
		in[a] = true
	}
	for _, x := range xs {
		if !in[x] {
			return false
		}
		delete(in, x)
	}
	return true
}

// sameCall reports whether x is the call fn(args...) as written.
func sameCall(x expr.Expr, fn *expr.Func, args ...expr.Expr) bool {
	c, ok := x.(*expr.CallExpr)
	return ok && c.Func() == fn && equalTerms(c.Args(), args)
}

// sameArgs reports whether x, built by the call n from args, is written
// as n writes it: the call itself, or the special form's term.
func sameArgs(x expr.Expr, n *callNode, args []expr.Expr) bool {
	if n.fn != nil {
		return sameCall(x, n.fn, args...)
	}
	switch n.name {
	case "sqrt":
		p, ok := x.(*expr.PowExpr)
		return ok && p.Base() == args[0] && p.Exp() == expr.Half
	case "sum", "prod":
		o, ok := x.(*expr.BigOp)
		return ok && equalTerms(o.Args(), args)
	case "diff":
		d, ok := x.(*expr.Derivative)
		return ok && equalTerms(d.Args(), args)
	}
	return false
}

func equalTerms(a, b []expr.Expr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// literalFactor reports whether the product x has a factor among xs that
// is a number written otherwise than it prints (0.5): printers write a
// product's coefficient as a fraction, so the product keeps its written
// form, which writes the literal.
func (b *builder) literalFactor(x expr.Expr, xs []expr.Expr) bool {
	if x.Kind() != expr.KindMul {
		return false
	}
	for _, f := range xs {
		if _, ok := b.layout.FormOf(f); ok && f.Kind() == expr.KindNumber {
			return true
		}
	}
	return false
}
