package latex

import "github.com/derivtex/derivtex/expr"

// bigOp writes \sum_{i=lo}^{hi} body. The body binds like a factor: a sum
// as the body is parenthesised, a product is not.
func (p *printer) bigOp(b *expr.BigOp) {
	if b.Op() == expr.Sum {
		p.str(`\sum_{`)
	} else {
		p.str(`\prod_{`)
	}
	p.symbol(b.Var())
	p.str("=")
	p.expr(b.Lo(), 0)
	p.str("}^{")
	p.expr(b.Hi(), 0)
	p.str("} ")
	p.bound = append(p.bound, b.Var())
	min := expr.PrecMul
	if w, ok := p.form(b.Body()); ok && w.Op == expr.WrittenProduct && expr.WrittenPrecedence(w) >= expr.PrecMul {
		// A product written as written is one body still, not a factor
		// of another product that parentheses must keep apart.
		min = expr.PrecAdd + 1
	}
	p.expr(b.Body(), min)
	p.bound = p.bound[:len(p.bound)-1]
}

// closedDerivative reports whether d is written as one fraction,
// \frac{\partial x}{\partial w}, which is possible when the body is a name.
func (p *printer) closedDerivative(d *expr.Derivative) bool {
	switch v, _ := p.value(d.Body()); v.(type) {
	case *expr.Symbol, *expr.Indexed:
		return true
	}
	return false
}

// derivative writes \frac{\partial x}{\partial w} for a name, else the
// operator form \frac{\partial}{\partial w} body, with the body in
// parentheses when it is a sum or a product.
func (p *printer) derivative(d *expr.Derivative) {
	if p.closedDerivative(d) {
		p.str(`\frac{` + p.d + " ")
		p.expr(d.Body(), 0)
		p.str(`}{` + p.d + " ")
		p.term(d.Var(), nothing) // the variable is a name, never substituted
		p.str("}")
		return
	}
	p.diffOperator(d)
	p.str(" ")
	p.expr(d.Body(), expr.PrecMul+1)
}

// diffOperator writes the operator \frac{\partial}{\partial w} of d.
func (p *printer) diffOperator(d *expr.Derivative) {
	p.str(`\frac{` + p.d + `}{` + p.d + " ")
	p.term(d.Var(), nothing)
	p.str("}")
}
