package expr

import (
	"slices"
	"strings"
)

// WrittenPrecedence is how tightly a written form binds, as Precedence is
// for a term: a product after a minus, like a negation, counts as a sum.
func WrittenPrecedence(w *Written) int {
	switch w.Op {
	case WrittenSum, WrittenNeg:
		return PrecAdd
	case WrittenProduct:
		if w.Neg || len(w.Flip) > 0 && w.Flip[0] {
			return PrecAdd
		}
		return PrecMul
	case WrittenPow:
		return PrecPow
	}
	return PrecAtom
}

// nestedProduct reports whether the written product w, in a position
// that needs precedence min, is a factor of another product: it then
// keeps the parentheses the author must have written, for without them
// the two products read as one, which is not the same term when the
// inner one was rewritten ((2 - pi) 0.5 is 1 - pi/2).
func nestedProduct(w *Written, min int) bool {
	return w.Op == WrittenProduct && min >= PrecMul
}

// form returns the written form to write in place of x, if the printer
// writes terms as written and x is not already being written by its form.
func (p *plainPrinter) form(x Expr) (*Written, bool) {
	if !p.written {
		return nil, false
	}
	w, ok := p.layout.FormOf(x)
	if !ok || containsTerm(p.forms, x) || p.only != nil && x != p.only {
		return nil, false
	}
	return w, true
}

func containsTerm(xs []Expr, x Expr) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// divisor writes x after a "/". A parenthesised product there divides by
// each of its factors (see parser.builder.factors), which is not the
// term when the product was rewritten (1/(0.5 (y + 1)) is not 1/(y/2 +
// 1/2)): such a divisor is written as the term it is.
func (p *plainPrinter) divisor(x Expr) {
	if w, ok := p.form(x); ok && w.Op == WrittenProduct {
		p.forms = append(p.forms, x)
		defer func() { p.forms = p.forms[:len(p.forms)-1] }()
	}
	p.expr(x, PrecMul+1)
}

// writtenForm writes w in plain syntax, its operands in the order and
// with the operators the author wrote: a product as a run of * and /, so
// exp(w*x)/exp(b) and a/b*c read back as written.
func (p *plainPrinter) writtenForm(w *Written) {
	switch w.Op {
	case WrittenSum:
		for i := range w.Args {
			switch {
			case i == 0:
				p.operand(w, i, PrecAdd)
			case w.Flip[i]:
				p.WriteString(" - ")
				p.operand(w, i, PrecAdd+1)
			default:
				p.WriteString(" + ")
				p.operand(w, i, PrecAdd+1)
			}
		}
	case WrittenProduct:
		if w.Neg {
			p.WriteByte('-')
		}
		for i := range w.Args {
			min := PrecMul + 1
			switch {
			case w.Flip[i]:
				p.divide(w, i)
				continue
			case i == 0 && w.Neg:
				min = PrecUnary
			case i == 0:
				min = PrecMul
			default:
				p.WriteByte('*')
			}
			p.operand(w, i, min)
		}
	case WrittenNeg:
		p.WriteByte('-')
		p.operand(w, 0, PrecUnary)
	case WrittenPow:
		op := BinaryOps["^"]
		p.operand(w, 0, LeftOperandPrec(op))
		p.WriteByte('^')
		p.operand(w, 1, RightOperandPrec(op))
	case WrittenCall:
		p.WriteString(w.Name)
		p.WriteByte('(')
		for i := range w.Args {
			if i > 0 {
				p.WriteString(", ")
			}
			p.operand(w, i, 0)
		}
		p.WriteByte(')')
	case WrittenNumber:
		p.WriteString(w.Text)
	default:
		panic("expr: Plain: unknown written form")
	}
}

// sub returns the written form of operand i that its term does not hold,
// or nil.
func (w *Written) sub(i int) *Written {
	if w.Sub == nil {
		return nil
	}
	return w.Sub[i]
}

// operand writes operand i of w: by its own written form if it has one
// its term does not hold, else as its term.
func (p *plainPrinter) operand(w *Written, i, min int) {
	if sub := w.sub(i); sub != nil && p.written {
		p.writtenAt(sub, min)
		return
	}
	p.expr(w.Args[i], min)
}

// divide writes operand i of the product w, written after a "/". A
// parenthesised product there would divide by each of its factors (see
// parser.builder.factors), which is not the term when the product was
// rewritten (1/(0.5 (y + 1)) is not 1/(y/2 + 1/2)), so a product is
// written as a power instead: *(a*b)^-1.
func (p *plainPrinter) divide(w *Written, i int) {
	a, sub := w.Args[i], w.sub(i)
	if !p.written {
		sub = nil
	}
	if sub == nil {
		if f, ok := p.form(a); ok {
			sub = f
		}
	}
	if sub != nil && sub.Op != WrittenProduct || sub == nil && a.Kind() != KindMul {
		if i == 0 {
			p.WriteByte('1')
		}
		p.WriteByte('/')
		p.operand(w, i, PrecMul+1)
		return
	}
	if i > 0 {
		p.WriteByte('*')
	}
	p.WriteByte('(')
	p.operand(w, i, 0)
	p.WriteString(")^-1")
}

// writtenAt writes w in a position that needs precedence min.
func (p *plainPrinter) writtenAt(w *Written, min int) {
	if WrittenPrecedence(w) < min || nestedProduct(w, min) {
		p.WriteByte('(')
		p.writtenForm(w)
		p.WriteByte(')')
		return
	}
	p.writtenForm(w)
}

// Rewrites names what the constructors did to x as written under l,
// beyond reordering, in the order the author wrote the rewritten parts:
// "law of exponents" for exp(a)/exp(b) = exp(a - b), "collecting like
// terms" for x + x = 2 x, and so on, each once. It is the justification of
// the step from the written first line of a derivation to the term the
// derivation starts from; nil when the constructors only reordered.
func Rewrites(x Expr, l *Layout) []string {
	if l == nil {
		return nil
	}
	var out []string
	left := rewriteBytes
	seen := map[Expr]bool{}
	add := func(rs string) {
		for _, r := range strings.Split(rs, ", ") {
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	var walk func(x Expr)
	// walkForm labels the forms of w's operands that their terms do
	// not hold, which always read otherwise than their terms.
	var walkForm func(w *Written)
	walkForm = func(w *Written) {
		for i, a := range w.Args {
			if sub := w.sub(i); sub != nil {
				if r := rewriteOf(a, sub); r != "" {
					add(r)
				}
				walkForm(sub)
				continue
			}
			walk(a)
		}
	}
	walk = func(x Expr) {
		if seen[x] {
			return
		}
		seen[x] = true
		w, ok := l.FormOf(x)
		if !ok {
			for _, a := range x.Args() {
				walk(a)
			}
			return
		}
		if r := rewriteOf(x, w); r != "" && reads(x, l, &left) {
			add(r)
		}
		walkForm(w)
	}
	walk(x)
	return out
}

// reads reports whether the written form of x reads differently from
// x in display order, its operands' own forms aside: -2 x is the term
// -2*x, while exp(a)/exp(b) is not exp(a - b).
//
// It prints at most *left bytes, which it takes from *left: once they are
// spent, every form counts as read differently, so that hostile input
// costs no more than rewriteBytes, and an honest one loses at most the
// precision of its labels.
func reads(x Expr, l *Layout, left *int) bool {
	if *left <= 0 {
		return true
	}
	w := plainPrinter{layout: l, written: true, only: x, limit: *left}
	w.expr(x, 0)
	o := plainPrinter{layout: l, limit: *left}
	o.expr(x, 0)
	*left -= w.Len() + o.Len()
	return w.String() != o.String()
}

// rewriteBytes is the most Rewrite prints to compare the written and the
// canonical forms.
const rewriteBytes = 1 << 22

// rewriteOf names the rule that turns the written form w into the term x,
// or "" when writing x itself reads the same.
func rewriteOf(x Expr, w *Written) string {
	switch w.Op {
	case WrittenNumber:
		return "decimals as exact fractions"
	case WrittenNeg:
		if w.Args[0].Kind() == KindAdd {
			return "distributing the minus sign"
		}
		return "sign rules"
	case WrittenPow:
		if _, ok := w.Args[0].(*PowExpr); ok {
			return "power of a power"
		}
		if w.Args[0].Kind() == KindNumber && w.Args[1].Kind() == KindNumber {
			return "arithmetic"
		}
		if w.Args[0].Kind() == KindMul {
			return "power of a product"
		}
		if c, ok := w.Args[0].(*CallExpr); ok && c.fn == FnExp {
			return "law of exponents"
		}
		return "rewriting the power"
	case WrittenCall:
		return "evaluating " + w.Name
	case WrittenSum:
		var out []string
		terms := 0 // the terms once the parentheses are gone
		for i, a := range w.Args {
			terms++
			if a.Kind() != KindAdd {
				continue
			}
			terms += len(a.Args()) - 1
			r := "removing parentheses"
			if w.Flip[i] {
				r = "distributing the minus sign"
			}
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
		if n := 1; x.Kind() != KindAdd || len(x.Args()) < terms {
			if x.Kind() == KindAdd {
				n = len(x.Args())
			}
			if n < terms {
				out = append(out, "collecting like terms")
			}
		}
		return strings.Join(out, ", ")
	case WrittenProduct:
		numbers, exps := 0, 0
		bases := map[Expr]bool{}
		shared := false
		for _, a := range w.Args {
			switch a.Kind() {
			case KindNumber:
				numbers++
				continue
			case KindAdd:
				if x.Kind() == KindAdd {
					return "distributive law"
				}
			case KindMul:
				return "removing parentheses"
			}
			if c, ok := a.(*CallExpr); ok && c.fn == FnExp {
				exps++
			}
			b, _ := BaseExp(a)
			shared = shared || bases[b]
			bases[b] = true
		}
		switch {
		case exps > 1:
			return "law of exponents"
		case shared:
			return "product of powers"
		case numbers > 1:
			return "arithmetic"
		case numbers == 1:
			return "" // where the coefficient goes, or how it is written (0.5)
		}
		return "rewriting the product"
	}
	return ""
}
