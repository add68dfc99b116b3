package latex

import (
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
		for i, a := range w.Args {
			switch {
			case i == 0:
				p.expr(a, expr.PrecAdd)
			case w.Flip[i]:
				p.str(" - ")
				p.expr(a, expr.PrecAdd+1)
			default:
				p.str(" + ")
				p.expr(a, expr.PrecAdd+1)
			}
		}
	case expr.WrittenProduct:
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
		p.str(`\frac{`)
		p.fracPart(num)
		p.str(`}{`)
		p.fracPart(den)
		p.str(`}`)
	case expr.WrittenNeg:
		p.str("-")
		p.parenthesize(w.Args[0], expr.PrecUnary, nx)
	case expr.WrittenPow:
		op := expr.BinaryOps["^"]
		p.expr(w.Args[0], expr.LeftOperandPrec(op))
		p.str("^{")
		p.expr(w.Args[1], 0)
		p.str("}")
	case expr.WrittenCall:
		p.writtenCall(w)
	case expr.WrittenNumber:
		p.writtenNumber(w.Text)
	default:
		panic("latex: unknown written form")
	}
}

// writtenCall writes a call the constructors evaluated (sqrt(4), abs(-3))
// as a call.
func (p *printer) writtenCall(w *expr.Written) {
	switch w.Name {
	case "sqrt":
		p.str(`\sqrt{`)
		p.expr(w.Args[0], 0)
		p.str("}")
		return
	case "abs":
		p.str(`\left|`)
		p.expr(w.Args[0], 0)
		p.str(`\right|`)
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
