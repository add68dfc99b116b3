package latex

import (
	"strconv"

	"github.com/derivtex/derivtex/expr"
)

// power writes base^{exp}: exponents always in braces, 1/n as a radical,
// a negative numeric exponent as a quotient, and a positive integer power
// of sin, cos, tan, tanh, sinh, cosh on the function name.
func (p *printer) power(x *expr.PowExpr, nx next) {
	base, exp := x.Base(), x.Exp()
	if n, ok := exp.(*expr.Number); ok {
		if n.Sign() < 0 && base != expr.Zero { // 0^{-2} stays a power
			p.product(x, nx)
			return
		}
		if k := rootIndex(n); k > 0 {
			p.str(`\sqrt`)
			if k > 2 {
				p.str("[" + strconv.FormatInt(k, 10) + "]")
			}
			p.str("{")
			p.expr(base, 0)
			p.str("}")
			return
		}
		if c, ok := p.superscriptCall(x); ok {
			p.call(c, n, nx)
			return
		}
	}
	op := expr.BinaryOps["^"]
	p.expr(base, expr.LeftOperandPrec(op))
	p.str("^{")
	if n, ok := exp.(*expr.Number); ok && !n.IsInt() {
		// A fraction in an exponent reads better inline: x^{3/2}.
		p.digits(n.Num().String())
		p.str("/")
		p.digits(n.Den().String())
	} else {
		p.expr(exp, 0)
	}
	p.str("}")
}

// rootIndex returns n for an exponent 1/n (n >= 2), written as a radical,
// and 0 for any other exponent.
func rootIndex(e expr.Expr) int64 {
	n, ok := e.(*expr.Number)
	if !ok || n.IsInt() || n.Sign() < 0 {
		return 0
	}
	if num := n.Num(); !num.IsInt64() || num.Int64() != 1 {
		return 0
	}
	if den := n.Den(); den.IsInt64() {
		return den.Int64()
	}
	return 0
}

// superscriptCall returns the function of x when x is a positive integer
// power written on the function name: \sin^{2} x.
func (p *printer) superscriptCall(x *expr.PowExpr) (*expr.CallExpr, bool) {
	c, ok := x.Base().(*expr.CallExpr)
	n, isNum := x.Exp().(*expr.Number)
	if !ok || !isNum || !n.IsInt() || n.Sign() <= 0 || !formOf(c.Func()).superscript {
		return nil, false
	}
	if _, sub := p.value(c); sub {
		return nil, false
	}
	if _, named := p.abbreviation(c); named {
		return nil, false // u_1^{3}, not \tanh^{3} of what u_1 stands for
	}
	return c, true
}
