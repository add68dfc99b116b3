package latex

import (
	"slices"
	"strings"

	"github.com/derivtex/derivtex/expr"
)

// form returns the written form to write in place of x, if the printer
// writes terms as written and x is not already being written by its form.
func (p *printer) form(x expr.Expr) (*expr.Written, bool) {
	if !p.written {
		return nil, false
	}
	w, ok := p.cfg.layout.FormOf(x)
	if !ok || containsExpr(p.forms, x) {
		return nil, false
	}
	return w, true
}

// writtenForm writes w as the author wrote it, with the conventions of the
// printer: a product with a divisor as one \frac, factors juxtaposed.
func (p *printer) writtenForm(w *expr.Written, nx next) {
	switch w.Op {
	case expr.WrittenSum:
		for i := range w.Args {
			switch {
			case i == 0:
				p.operand(w, i, expr.PrecAdd)
			case w.Flip[i]:
				p.str(" - ")
				p.operand(w, i, expr.PrecAdd+1)
			default:
				p.str(" + ")
				p.operand(w, i, expr.PrecAdd+1)
			}
		}
	case expr.WrittenProduct:
		if w.Sub != nil {
			p.writtenProduct(w, nx)
			return
		}
		var num, den []expr.Expr
		for i, a := range w.Args {
			if w.Flip[i] {
				den = append(den, a)
			} else {
				num = append(num, a)
			}
		}
		if w.Neg {
			p.str("-")
		}
		if len(den) == 0 {
			p.factors(num, w.Neg, nx)
			return
		}
		if len(num) > 1 && num[0] == expr.One && !w.Flip[0] {
			// 1/(2 b) exp(-x): the reciprocal, then the other factors,
			// as written (not \frac{1 \exp(-x)}{2 b}).
			p.str(`\frac{1}{`)
			p.fracPart(den)
			p.str(`} `)
			p.factors(num[1:], true, nx)
			return
		}
		p.str(`\frac{`)
		p.fracPart(num)
		p.str(`}{`)
		p.fracPart(den)
		p.str(`}`)
	case expr.WrittenNeg:
		p.str("-")
		if sub := subOf(w, 0); sub != nil {
			p.writtenAt(sub, expr.PrecUnary, nx)
		} else {
			p.parenthesize(w.Args[0], expr.PrecUnary, nx)
		}
	case expr.WrittenPow:
		op := expr.BinaryOps["^"]
		p.operand(w, 0, expr.LeftOperandPrec(op))
		p.str("^{")
		p.operand(w, 1, 0)
		p.str("}")
	case expr.WrittenCall:
		p.writtenCall(w)
	case expr.WrittenNumber:
		p.writtenNumber(w.Text)
	default:
		panic("latex: unknown written form")
	}
}

// subOf returns the written form of operand i of w that its term does not
// hold, or nil.
func subOf(w *expr.Written, i int) *expr.Written {
	if w.Sub == nil {
		return nil
	}
	return w.Sub[i]
}

// operand writes operand i of w, by its own written form if its term does
// not hold it.
func (p *printer) operand(w *expr.Written, i, min int) {
	if sub := subOf(w, i); sub != nil {
		p.writtenAt(sub, min, nothing)
		return
	}
	p.expr(w.Args[i], min)
}

// writtenAt writes w in a position that needs precedence min.
func (p *printer) writtenAt(w *expr.Written, min int, nx next) {
	if expr.WrittenPrecedence(w) < min || w.Op == expr.WrittenProduct && min >= expr.PrecMul {
		p.str(`\left(`)
		p.writtenForm(w, nothing)
		p.str(`\right)`)
		return
	}
	p.writtenForm(w, nx)
}

// writtenProduct writes a product some of whose operands are written by
// forms their terms do not hold: its factors juxtaposed, over its
// divisors, \cdot before a factor that starts with a digit.
func (p *printer) writtenProduct(w *expr.Written, nx next) {
	if w.Neg {
		p.str("-")
	}
	part := func(flip bool) {
		first := true
		prev := len(p.buf) // where the factor before this one starts
		for i := range w.Args {
			if w.Flip[i] != flip {
				continue
			}
			min := expr.PrecMul
			if first && w.Neg && !flip {
				min = expr.PrecUnary
			}
			if !first {
				p.str(" ")
			}
			mark := len(p.buf)
			p.operand(w, i, min)
			end := len(p.buf)
			if !first && mark < len(p.buf) && p.buf[mark] >= '0' && p.buf[mark] <= '9' {
				p.buf = slices.Insert(p.buf, mark, []byte(`\cdot `)...)
			} else if !first && rootAlone(p.buf[prev:mark-1]) {
				p.buf = slices.Insert(p.buf, mark-1, []byte(`\,`)...)
			}
			prev = len(p.buf) - (end - mark)
			first = false
		}
		if first {
			p.str("1")
		}
	}
	if !slices.Contains(w.Flip, true) {
		part(false)
		return
	}
	p.str(`\frac{`)
	part(false)
	p.str(`}{`)
	part(true)
	p.str(`}`)
}

// writtenCall writes a call the constructors evaluated (sqrt(4), abs(-3))
// as a call.
func (p *printer) writtenCall(w *expr.Written) {
	switch w.Name {
	case "sqrt":
		p.str(`\sqrt{`)
		p.operand(w, 0, 0)
		p.str("}")
		return
	case "abs":
		p.str(`\left|`)
		p.operand(w, 0, 0)
		p.str(`\right|`)
		return
	}
	if w.Sub != nil { // the operands by their forms: f(a, b) as a call
		p.str(`\operatorname{` + w.Name + `}\left(`)
		for i := range w.Args {
			if i > 0 {
				p.str(", ")
			}
			p.operand(w, i, 0)
		}
		p.str(`\right)`)
		return
	}
	if fn := expr.LookupFunc(w.Name); fn != nil {
		f := formOf(fn)
		if f.layout != nil {
			f.layout(p, w.Args)
			return
		}
		p.str(f.op)
	} else {
		p.str(`\operatorname{` + w.Name + `}`)
	}
	p.args(w.Args)
}

// writtenNumber writes a literal as the author wrote it: 0.5 stays 0.5,
// and 1e-3 is 1 \cdot 10^{-3}.
func (p *printer) writtenNumber(text string) {
	m, e, sci := strings.Cut(strings.ToLower(text), "e")
	if strings.HasPrefix(m, ".") {
		m = "0" + m
	}
	m = strings.TrimSuffix(m, ".")
	if !sci {
		p.str(m)
		return
	}
	e = strings.TrimPrefix(e, "+")
	if m != "1" {
		p.str(m + ` \cdot `)
	}
	p.str("10^{" + e + "}")
}
