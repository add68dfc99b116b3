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
	b.layout = expr.NewLayout()
	var x expr.Expr
	if err := b.run(func() { x = b.term(in.Term.root) }); err != nil {
		return nil, nil, nil, err
	}
	if b.last != nil && x.Kind() != expr.KindSymbol && x.Kind() != expr.KindIndexed {
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
// term itself. A writing no term holds is left in b.lost, for the parent
// node to carry (see carry).
func (b *builder) record(n node, x expr.Expr) {
	form, order := b.form, b.argOrder
	b.form, b.argOrder = nil, nil
	b.last = form
	b.lost = nil
	defer func() { b.subs = append(b.subs, b.lost) }()
	if x.Kind() <= expr.KindIndexed {
		// A name or number is written as itself everywhere else: its
		// writing here (sqrt(4), 0.5) goes with this place only.
		b.lost = form
		return
	}
	if b.layout.Seen(x) {
		b.lost = form // the term holds its first writing
		return
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
func (b *builder) writtenChain(x expr.Expr, xs []expr.Expr, op expr.WrittenOp, start, mark int, neg bool) {
	if b.layout == nil {
		return
	}
	raw, flip := b.raw[start:], b.flip[start:]
	defer func() { b.raw, b.flip = b.raw[:start], b.flip[:start] }()
	if neg {
		// The leading minus is the form's Neg, not an operand -1 (which
		// it stays in a product flattened into this one: a/(b/(-c))).
		raw, flip = raw[1:], flip[1:]
		b.subs = slices.Delete(b.subs, mark, mark+1)
	}
	if (x.Kind() == expr.KindAdd || x.Kind() == expr.KindMul) && sameElements(x.Args(), xs) && !anyForm(b.subs[mark:]) {
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

// carry gives the node n, which built x, the written forms of its
// operands that no term holds (a part written twice keeps its first
// writing; a name or number holds none), so that the input as written
// shows every part as written: the node records a form of its own if it
// has none, with those forms beside its operands (Written.Sub). The
// operands' entries are popped from b.subs.
func (b *builder) carry(n node, x expr.Expr, mark int) {
	subs := b.subs[mark:]
	defer func() { b.subs = b.subs[:mark] }()
	if !anyForm(subs) {
		return
	}
	if b.form == nil {
		switch n := n.(type) {
		case *negNode:
			b.form = &expr.Written{Op: expr.WrittenNeg, Args: []expr.Expr{expr.Neg(x)}} // x is -a, so a is -x
		case *binaryNode:
			if p, ok := x.(*expr.PowExpr); ok {
				b.form = &expr.Written{Op: expr.WrittenPow, Args: []expr.Expr{p.Base(), p.Exp()}}
			}
		case *callNode:
			if len(x.Args()) == len(subs) && n.fn != nil {
				b.form = &expr.Written{Op: expr.WrittenCall, Name: n.name, Args: x.Args()}
			}
		case *absNode:
			b.form = &expr.Written{Op: expr.WrittenCall, Name: "abs", Args: x.Args()}
		}
	}
	if b.form != nil && len(b.form.Args) == len(subs) {
		b.form.Sub = slices.Clone(subs)
	}
}

// anyForm reports whether a form is among ws.
func anyForm(ws []*expr.Written) bool {
	for _, w := range ws {
		if w != nil {
			return true
		}
	}
	return false
}
