package expr

import (
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/derivtex/derivtex/budget"
)

// The plain syntax is what users type and what --json answers carry:
// every term prints to text that the parser reads back to the same term.

func (n *Number) String() string     { return Plain(n) }
func (s *Symbol) String() string     { return s.name }
func (x *Indexed) String() string    { return Plain(x) }
func (a *AddExpr) String() string    { return Plain(a) }
func (m *MulExpr) String() string    { return Plain(m) }
func (p *PowExpr) String() string    { return Plain(p) }
func (c *CallExpr) String() string   { return Plain(c) }
func (b *BigOp) String() string      { return Plain(b) }
func (u *Undefined) String() string  { return Plain(u) }
func (d *Derivative) String() string { return Plain(d) }

// Plain renders x in plain syntax with the fewest parentheses the operator
// table allows.
func Plain(x Expr) string {
	var p plainPrinter
	p.Grow(128)
	p.expr(x, 0)
	return p.String()
}

// PlainMetered is Plain charged to m's output budget. The printer stops
// once it has written what is left of the budget, so a term whose tree is
// far larger than the budget costs no more than the budget to refuse;
// it then returns "", and m says why.
func PlainMetered(x Expr, m *budget.Meter) string { return plainMetered(x, m, nil, nil, nil, false) }

// PlainNamed is PlainMetered writing the subterms that names names by
// their names (see Abbreviate).
func PlainNamed(x Expr, names *Names, m *budget.Meter) string {
	return plainMetered(x, m, names, nil, nil, false)
}

// PlainDefinition is PlainNamed for the definition of a named subterm x:
// x itself written out, its named parts by their names.
func PlainDefinition(x Expr, names *Names, m *budget.Meter) string {
	return plainMetered(x, m, names, x, nil, false)
}

// PlainLayout is PlainNamed with the sums and products in l's display
// order (see Layout); with written set, the terms the author wrote are
// written as written, for the first line of a derivation.
func PlainLayout(x Expr, l *Layout, written bool, names *Names, m *budget.Meter) string {
	return plainMetered(x, m, names, nil, l, written)
}

// PlainLayoutDefinition is PlainDefinition in l's display order.
func PlainLayoutDefinition(x Expr, l *Layout, names *Names, m *budget.Meter) string {
	return plainMetered(x, m, names, x, l, false)
}

func plainMetered(x Expr, m *budget.Meter, names *Names, defining Expr, l *Layout, written bool) string {
	p := plainPrinter{names: names, defining: defining, layout: l, written: written}
	if l := m.Limits().Output; l > 0 {
		_, spent := m.Spent()
		left := int(max(l-spent, 0))
		// Every node prints at least a byte, and every term knows its
		// tree size: a term that cannot fit is refused without printing
		// (with names it may print far less than its tree).
		if names.Len() == 0 && TreeSize(x, left+1) > left {
			m.Output(left + 1)
			return ""
		}
		p.limit = max(left, 1)
	}
	p.expr(x, 0)
	if !m.Output(p.Len()) {
		return ""
	}
	return p.String()
}

// Short renders x in plain syntax for a message: whole when it is short,
// else its first shortWidth characters and "...". It prints no more than
// that, however large x is as a tree, so an error about a huge term costs
// no more than one about a small one.
func Short(x Expr) string {
	p := plainPrinter{limit: shortWidth}
	p.expr(x, 0)
	s := p.String()
	if len(s) <= shortWidth {
		return s
	}
	cut := shortWidth - 3
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// shortWidth is the widest term Short writes whole.
const shortWidth = 80

type plainPrinter struct {
	strings.Builder
	limit    int    // the most bytes to write, or 0
	names    *Names // subterms written by their names
	defining Expr   // the named subterm being defined, written out
	layout   *Layout
	written  bool // write terms as the layout says they were written
	// forms are the written forms being written, which a form's operands
	// must not expand again (see WrittenForms).
	forms []Expr
	only  Expr // when set, the one term written by its form
}

func (p *plainPrinter) expr(x Expr, minPrec int) {
	if p.limit > 0 && p.Len() > p.limit {
		return
	}
	if name, ok := p.names.Of(x); ok && x != p.defining {
		p.WriteString(name)
		return
	}
	if w, ok := p.form(x); ok {
		p.forms = append(p.forms, x)
		p.writtenAt(w, minPrec)
		p.forms = p.forms[:len(p.forms)-1]
		return
	}
	if Precedence(x) < minPrec {
		p.WriteByte('(')
		p.expr(x, 0)
		p.WriteByte(')')
		return
	}
	switch x := x.(type) {
	case *Number:
		if x.small {
			p.WriteString(strconv.FormatInt(x.num, 10))
			if x.den != 1 {
				p.WriteByte('/')
				p.WriteString(strconv.FormatInt(x.den, 10))
			}
			break
		}
		p.integer(x.val.Num())
		if !x.val.IsInt() {
			p.WriteByte('/')
			if m, _, ok := Scientific(x.val.Denom().String()); ok && m != "1" {
				p.WriteByte('(') // 1/(3*10^400), not (1/3)*10^400
				p.integer(x.val.Denom())
				p.WriteByte(')')
			} else {
				p.integer(x.val.Denom())
			}
		}
	case *Symbol:
		p.WriteString(x.name)
	case *Indexed:
		p.WriteString(x.name)
		p.WriteByte('[')
		p.list(x.index)
		p.WriteByte(']')
	case *AddExpr:
		p.sum(x)
	case *MulExpr:
		p.product(x)
	case *PowExpr:
		p.power(x)
	case *CallExpr:
		p.WriteString(x.fn.Name)
		p.WriteByte('(')
		if x.fn == FnAbs {
			p.list([]Expr{p.layout.AbsArg(x.args[0])})
		} else {
			p.list(x.args)
		}
		p.WriteByte(')')
	case *BigOp:
		p.WriteString(x.op.String())
		p.WriteByte('(')
		p.list([]Expr{x.body, x.index, x.lo, x.hi})
		p.WriteByte(')')
	case *Derivative:
		p.WriteString("diff(")
		p.list([]Expr{x.body, x.wrt})
		p.WriteByte(')')
	case *Undefined:
		p.WriteString("undefined") // no syntax reads it back: stages refuse terms holding one
	default:
		panic("expr: Plain: unknown kind " + x.Kind().String())
	}
}

// integer writes n, with a power of ten when it is long and ends in
// zeros (see Scientific): 10^400, -3*10^25.
func (p *plainPrinter) integer(n *big.Int) {
	s := n.String()
	neg := strings.HasPrefix(s, "-")
	if neg {
		p.WriteByte('-')
		s = s[1:]
	}
	m, e, ok := Scientific(s)
	if !ok {
		p.WriteString(s)
		return
	}
	if m != "1" {
		p.WriteString(m)
		p.WriteByte('*')
	}
	p.WriteString("10^")
	p.WriteString(strconv.Itoa(e))
}

func (p *plainPrinter) list(xs []Expr) {
	for i, x := range xs {
		if i > 0 {
			p.WriteString(", ")
		}
		p.expr(x, 0)
	}
}

func (p *plainPrinter) sum(a *AddExpr) {
	for i, t := range p.layout.SumOrder(a) {
		after, minus := p.layout.Minus(t)
		switch {
		case i == 0 && minus && after != Neg(t):
			p.WriteString("-")
			p.expr(after, PrecAdd+1)
		case i == 0 && !minus:
			p.expr(after, PrecAdd)
		case i == 0:
			p.expr(t, PrecAdd)
		case minus:
			p.WriteString(" - ")
			p.expr(after, PrecAdd+1)
		default:
			p.WriteString(" + ")
			p.expr(after, PrecAdd+1)
		}
	}
}

// SumDisplayOrder returns the terms of a in the order to print them: the
// canonical order, except that the first positive term moves to the front
// when the sum would start with a minus: y - x and 1 - x, not -x + y.
func SumDisplayOrder(a *AddExpr) []Expr { return leadPositive(a.terms, CouldExtractMinus) }

// leadPositive moves the first positive term of ts to the front when ts
// starts with a minus.
func leadPositive(ts []Expr, negative func(Expr) bool) []Expr {
	if !negative(ts[0]) {
		return ts
	}
	for i, t := range ts {
		if !negative(t) {
			out := make([]Expr, 0, len(ts))
			out = append(out, t)
			out = append(out, ts[:i]...)
			return append(out, ts[i+1:]...)
		}
	}
	return ts
}

// NumDen splits a product into numerator and denominator factors: factors
// with a negative numeric exponent, and the denominator of the coefficient,
// go below the line. The sign is returned apart so printers can lead with it.
// The slices may share x's factors: they are read-only, like Args.
func NumDen(x Expr) (negative bool, num, den []Expr) {
	fs := []Expr{x}
	if m, ok := x.(*MulExpr); ok {
		fs = m.factors
	}
	return numDenOf(fs)
}

// numDenOf is NumDen of the factors fs of a product, its number (if any)
// first.
func numDenOf(fs []Expr) (negative bool, num, den []Expr) {
	fs = slices.Clip(fs)
	if !hasDenominator(fs) { // the common case: share the factors
		if k, ok := fs[0].(*Number); ok && k.Sign() < 0 {
			if k == MinusOne {
				return true, fs[1:], nil
			}
			num = make([]Expr, len(fs))
			num[0] = NegNumber(k)
			copy(num[1:], fs[1:])
			return true, num, nil
		}
		if fs[0] == One { // x is the number 1
			return false, nil, nil
		}
		return false, fs, nil
	}
	num = make([]Expr, 0, len(fs))
	for _, f := range fs {
		if n, ok := f.(*Number); ok {
			if n.Sign() < 0 {
				negative = true
			}
			nu, d := numDen(n)
			if nu != One {
				num = append(num, nu)
			}
			if d != One {
				den = append(den, d)
			}
			continue
		}
		if b, e := BaseExp(f); e.Kind() == KindNumber && e.(*Number).Sign() < 0 && b != Zero {
			den = append(den, Pow(b, NegNumber(e.(*Number))))
			continue
		}
		num = append(num, f)
	}
	return negative, num, den
}

// hasDenominator reports whether NumDen puts anything below the line.
func hasDenominator(fs []Expr) bool {
	for _, f := range fs {
		switch f := f.(type) {
		case *Number:
			if !f.IsInt() {
				return true
			}
		case *PowExpr:
			if n, ok := f.exp.(*Number); ok && n.Sign() < 0 && f.base != Zero {
				return true
			}
		}
	}
	return false
}

func (p *plainPrinter) product(m *MulExpr) {
	neg, num, den := p.layout.NumDen(m)
	if neg {
		p.WriteByte('-')
	}
	p.factors(num, neg && len(den) == 0)
	if len(den) > 0 {
		p.WriteByte('/')
		if len(den) == 1 {
			p.divisor(den[0])
		} else {
			p.WriteByte('(')
			p.factors(den, false)
			p.WriteByte(')')
		}
	}
}

func (p *plainPrinter) factors(fs []Expr, afterMinus bool) {
	if len(fs) == 0 {
		p.WriteByte('1')
		return
	}
	for i, f := range fs {
		if i > 0 {
			p.WriteByte('*')
		}
		min := PrecMul
		if i == 0 && afterMinus {
			min = PrecUnary
		}
		p.expr(f, min)
	}
}

func (p *plainPrinter) power(x *PowExpr) {
	if x.exp == Half {
		p.WriteString("sqrt(")
		p.expr(x.base, 0)
		p.WriteByte(')')
		return
	}
	// A negative power of 0 stays a power: as 1/0^2 it would fold to 1/0.
	if n, ok := x.exp.(*Number); ok && n.Sign() < 0 && x.base != Zero {
		p.WriteString("1/")
		p.divisor(Pow(x.base, NegNumber(n)))
		return
	}
	op := BinaryOps["^"]
	p.expr(x.base, LeftOperandPrec(op))
	p.WriteByte('^')
	p.expr(x.exp, RightOperandPrec(op))
}
