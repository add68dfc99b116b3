// Package latex renders derivtex terms and derivations as LaTeX for
// amsmath.
//
// The printer has the structure of expr's plain printer: parentheses come
// from the shared precedence table (expr.Precedence, expr.BinaryOps), in
// one place, so the two printers cannot disagree on what a term means. What
// differs is layout: quotients as \frac, radicals, function names, Greek
// letters and subscripts, and a few forms that run on to the right (\sum,
// \frac{\partial}{\partial w}, \log w), which need parentheses when
// something is written after them.
package latex

import (
	"bytes"
	"slices"

	"github.com/derivtex/derivtex/expr"
)

// Expr renders x as LaTeX math (without $ or other delimiters).
func Expr(x expr.Expr, opts ...Option) string {
	p := newPrinter(newConfig(opts), x)
	p.written = p.cfg.written
	p.expr(x, 0)
	return p.done()
}

type printer struct {
	buf   []byte
	cfg   *config
	subst map[expr.Expr]expr.Expr // cfg.subst, or nil while a value is written
	bound []*expr.Symbol          // indices of the enclosing sums and products
	d     string                  // \partial, or d under Ordinary
	// defining is the subterm whose definition is being written, which
	// must not be written as its own abbreviation.
	defining expr.Expr
	// written is set while the printer writes terms as the layout says
	// they were written (the first line of a derivation), and forms
	// holds the terms being written by their written forms.
	written bool
	forms   []expr.Expr
	// limit is the most bytes the printer writes before it stops (see
	// WithBudget); 0 is no limit.
	limit int
}

// full reports whether the printer has written its limit.
func (p *printer) full() bool { return p.limit > 0 && len(p.buf) > p.limit }

// done charges what was written to the budget and returns it; once the
// budget is exceeded, what was written is cut short and the caller learns
// so from the meter.
func (p *printer) done() string {
	if !p.cfg.meter.Output(len(p.buf)) {
		return ""
	}
	return string(p.buf)
}

// newPrinter prepares to write the terms tops, or the rows of a
// derivation that starts from them: whether derivatives are ordinary
// depends on all of them together.
func newPrinter(cfg *config, tops ...expr.Expr) *printer {
	p := &printer{buf: make([]byte, 0, 256), cfg: cfg, subst: cfg.subst, d: `\partial`, defining: cfg.defining}
	if l := cfg.meter.Limits().Output; l > 0 {
		_, spent := cfg.meter.Spent()
		p.limit = int(max(l-spent, 1))
	}
	if cfg.ordinary {
		vars := map[string]bool{}
		for _, t := range tops {
			for _, s := range expr.FreeSymbols(t) {
				vars[s.Name()] = true
			}
		}
		if len(vars) == 1 {
			p.d = "d"
		}
	}
	return p
}

func (p *printer) str(s string) { p.buf = append(p.buf, s...) }

// value returns what is written in place of x: its substitute under
// WithSubst, if it has one and is not the bound index of a sum.
func (p *printer) value(x expr.Expr) (expr.Expr, bool) {
	if p.subst == nil {
		return x, false
	}
	v, ok := p.subst[x]
	if !ok {
		return x, false
	}
	if s, isSym := x.(*expr.Symbol); isSym && slices.Contains(p.bound, s) {
		return x, false
	}
	return v, true
}

// next says what is written right after a term without an operator in
// between, which decides whether a form that runs on to the right must be
// closed off.
type next uint8

const (
	// nothing: the term ends a group, or an operator (+, =) follows.
	nothing next = iota
	// operator: a function name follows, as in \sin x \cos x, which no
	// reader takes for part of the argument before it.
	operator
	// juxtaposed: another factor follows, which \log w y would swallow.
	juxtaposed
)

// expr writes x in a position that needs precedence at least min.
func (p *printer) expr(x expr.Expr, min int) { p.parenthesize(x, min, nothing) }

// parenthesize writes x, inside \left( \right) when it binds looser than
// min, or when it runs on to the right (\sum, \frac{\partial}{\partial w})
// and something follows it. It is the only place that adds parentheses for
// grouping.
func (p *printer) parenthesize(x expr.Expr, min int, nx next) {
	if p.full() {
		return
	}
	if name, ok := p.abbreviation(x); ok {
		p.symbolName(name)
		return
	}
	if v, ok := p.value(x); ok {
		if tex, ok := p.cfg.substTeX[x]; ok {
			if p.prec(v) < min {
				p.str(`\left(` + tex + `\right)`)
			} else {
				p.str(tex)
			}
			return
		}
		saved := p.subst
		p.subst = nil // a value is written as it is, not substituted again
		p.parenthesize(v, min, nx)
		p.subst = saved
		return
	}
	if w, ok := p.form(x); ok {
		p.forms = append(p.forms, x)
		p.writtenAt(w, min, nx)
		p.forms = p.forms[:len(p.forms)-1]
		return
	}
	if p.prec(x) < min || nx != nothing && p.openRight(x) {
		p.str(`\left(`)
		p.term(x, nothing)
		p.str(`\right)`)
		return
	}
	p.term(x, nx)
}

// prec is how tightly x binds as this printer writes it: expr.Precedence,
// refined for the forms LaTeX has and the plain syntax has not.
func (p *printer) prec(x expr.Expr) int {
	switch x := x.(type) {
	case *expr.CallExpr:
		if x == expr.E {
			return expr.PrecAtom
		}
		return formOf(x.Func()).prec
	case *expr.PowExpr:
		if rootIndex(x.Exp()) > 0 {
			return expr.PrecAtom // \sqrt[n]{x} is delimited
		}
	case *expr.BigOp:
		return expr.PrecPow // (\sum_{i} x_{i})^{2}
	case *expr.Derivative:
		if !p.closedDerivative(x) {
			return expr.PrecPow
		}
		return expr.PrecAtom
	case *expr.Number:
		// \frac{1}{2} is delimited: as a factor or after a minus it
		// needs no parentheses (-\frac{1}{2}), though as a base it does.
		if !x.IsInt() && x.Sign() > 0 && expr.Precedence(x) < expr.PrecPow {
			return expr.PrecPow
		}
	}
	return expr.Precedence(x)
}

// openRight reports whether x, as written, extends to the right as far as
// the expression goes, so that a factor after it would be read as part of
// it: \sum_{i} x_{i} y sums x_i y.
func (p *printer) openRight(x expr.Expr) bool {
	switch x := x.(type) {
	case *expr.BigOp:
		return true
	case *expr.Derivative:
		return !p.closedDerivative(x)
	}
	return false
}

// term writes x itself; nx is passed on to the part written last.
func (p *printer) term(x expr.Expr, nx next) {
	switch x := x.(type) {
	case *expr.Number:
		p.number(x)
	case *expr.Symbol:
		p.symbol(x)
	case *expr.Indexed:
		p.indexed(x)
	case *expr.AddExpr:
		for i, t := range p.cfg.layout.SumOrder(x) {
			p.sumTerm(i, t)
		}
	case *expr.MulExpr:
		p.product(x, nx)
	case *expr.PowExpr:
		p.power(x, nx)
	case *expr.CallExpr:
		p.call(x, nil, nx)
	case *expr.BigOp:
		p.bigOp(x)
	case *expr.Derivative:
		p.derivative(x)
	case *expr.Undefined:
		p.str(`\text{undefined}`)
	default:
		panic("latex: unknown kind " + x.Kind().String())
	}
}

// sumTerm writes the i-th term of a sum in display order with its sign:
// a - b, never a + -b.
func (p *printer) sumTerm(i int, t expr.Expr) {
	after, minus := p.cfg.layout.Minus(t)
	switch {
	case i == 0 && minus && after != expr.Neg(t):
		p.str("-")
		p.expr(after, expr.PrecAdd+1)
	case i == 0 && !minus:
		p.expr(after, expr.PrecAdd)
	case i == 0:
		p.expr(t, expr.PrecAdd)
	case minus:
		p.str(" - ")
		p.expr(after, expr.PrecAdd+1)
	default:
		p.str(" + ")
		p.expr(after, expr.PrecAdd+1)
	}
}

// product writes a product, or a power with a negative exponent, as a
// leading minus and either juxtaposed factors or one \frac: \frac{x}{2},
// never \frac{1}{2} x.
func (p *printer) product(x expr.Expr, nx next) {
	neg, num, den := p.cfg.layout.NumDen(x)
	if neg {
		p.str("-")
	}
	if len(den) == 0 {
		p.factors(num, neg, nx)
		return
	}
	p.str(`\frac{`)
	p.fracPart(num)
	p.str(`}{`)
	p.fracPart(den)
	p.str(`}`)
}

// fracPart writes a numerator or denominator. A lone factor needs no
// parentheses there: the braces group it (\frac{x + 1}{2}).
func (p *printer) fracPart(fs []expr.Expr) {
	if len(fs) == 1 {
		p.expr(fs[0], 0)
		return
	}
	p.factors(fs, false, nothing)
}

// factors writes factors by juxtaposition (2 w x), with \cdot before a
// number that is not the first factor (2 \cdot 3, x \cdot 2^{y}), where
// juxtaposition would run the digits together or read as a coefficient.
// substituted reports whether f shows a value in place of a symbol (or is
// a power of one): next to it, juxtaposition would read as digits run
// together, so factors are joined by \cdot.
func (p *printer) substituted(f expr.Expr) bool {
	b, _ := expr.BaseExp(f)
	_, ok := p.value(b)
	return ok
}

func (p *printer) factors(fs []expr.Expr, afterMinus bool, nx next) {
	if len(fs) == 0 {
		p.str("1")
		return
	}
	prev := len(p.buf) // where the factor before this one starts
	for i, f := range fs {
		min := expr.PrecMul
		if i == 0 && afterMinus {
			min = expr.PrecUnary // -(-2) x, but -x^{2}
		}
		if i > 0 {
			p.str(" ")
		}
		mark := len(p.buf)
		after := nx
		if i < len(fs)-1 {
			after = p.follower(fs[i+1])
		}
		p.parenthesize(f, min, after)
		end := len(p.buf)
		if i > 0 && (p.numeric(f, mark) || p.substituted(fs[i-1]) || p.substituted(f) || p.readsAsCall(mark)) {
			p.buf = slices.Insert(p.buf, mark, []byte(`\cdot `)...)
		} else if i > 0 && rootAlone(p.buf[prev:mark-1]) {
			p.buf = slices.Insert(p.buf, mark-1, []byte(`\,`)...)
		}
		prev = len(p.buf) - (end - mark)
	}
}

// rootAlone reports whether b is a root and nothing more, \sqrt{2} or
// \sqrt[3]{x}: TeX sets a factor juxtaposed to it against its bar, √2x,
// so a thin space \, goes between them, as in \sqrt{2}\, x.
func rootAlone(b []byte) bool {
	rest, ok := bytes.CutPrefix(b, []byte(`\sqrt`))
	if !ok {
		return false
	}
	if len(rest) > 0 && rest[0] == '[' {
		i := bytes.IndexByte(rest, ']')
		if i < 0 {
			return false
		}
		rest = rest[i+1:]
	}
	if len(rest) == 0 || rest[0] != '{' {
		return false
	}
	depth := 0
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i == len(rest)-1
			}
		}
	}
	return false
}

// readsAsCall reports whether the factor written from mark on opens with
// a parenthesis right after \sigma or \psi, which a reader would take for
// the sigmoid or polygamma function applied to it: \sigma \cdot (x + 1).
func (p *printer) readsAsCall(mark int) bool {
	if !bytes.HasPrefix(p.buf[mark:], []byte(`\left(`)) {
		return false
	}
	before := bytes.TrimSuffix(p.buf[:mark], []byte(" "))
	return bytes.HasSuffix(before, []byte(`\sigma`)) || bytes.HasSuffix(before, []byte(`\psi`))
}

// numeric reports whether the factor f, written from mark on, reads as a
// number: a non-negative number (\frac{1}{2} included), or anything that
// starts with a digit.
func (p *printer) numeric(f expr.Expr, mark int) bool {
	if v, _ := p.value(f); v.Kind() == expr.KindNumber && v.(*expr.Number).Sign() >= 0 {
		return true
	}
	return mark < len(p.buf) && p.buf[mark] >= '0' && p.buf[mark] <= '9'
}
