package poly

import (
	"context"
	"math/big"
	"slices"

	"github.com/derivtex/derivtex/expr"
)

// converter reads terms as polynomials or quotients of polynomials over
// their atoms. Every subterm that is not a sum, a product, a number or a
// power with a rational exponent is an atom; so is a power with a
// negative exponent when reading polynomials. A power b^(p/q) with q > 1
// is read as (b^(1/q))^p, so x^(3/2) and sqrt(x) share the atom sqrt(x).
type converter struct {
	ctx      context.Context
	rational bool                               // negative powers go to the denominator
	norm     func(expr.Expr) (expr.Expr, error) // rewrites an atom before use; may be nil
	atoms    map[expr.Expr]int                  // atom (as it stands in the term) to its variable
	vars     []expr.Expr
}

func newConverter(ctx context.Context, rational bool, norm func(expr.Expr) (expr.Expr, error)) *converter {
	return &converter{ctx: ctx, rational: rational, norm: norm, atoms: map[expr.Expr]int{}}
}

// scan registers the atoms of x. Call it for every term before read.
func (c *converter) scan(x expr.Expr) {
	switch x := x.(type) {
	case *expr.Number:
	case *expr.AddExpr, *expr.MulExpr:
		for _, a := range x.Args() {
			c.scan(a)
		}
	case *expr.PowExpr:
		base, _, ok := c.splitPow(x)
		switch {
		case !ok:
			c.atom(x)
		case base == x.Base():
			c.scan(base)
		default:
			c.atom(base)
		}
	default:
		c.atom(x)
	}
}

// splitPow reads a power as base^k, k an integer: the base itself for an
// integer exponent, or b^(1/q) for an exponent p/q. ok is false when the
// power is an atom.
func (c *converter) splitPow(x *expr.PowExpr) (base expr.Expr, k int, ok bool) {
	e, isNum := x.Exp().(*expr.Number)
	if !isNum {
		return nil, 0, false
	}
	num, den := e.Num(), e.Den()
	if !num.IsInt64() || !den.IsInt64() || num.Int64() > 1<<30 || num.Int64() < -(1<<30) {
		return nil, 0, false
	}
	k = int(num.Int64())
	if k < 0 && !c.rational {
		return nil, 0, false
	}
	if den.Int64() == 1 {
		return x.Base(), k, true
	}
	return expr.Pow(x.Base(), expr.Rat(1, den.Int64())), k, true
}

func (c *converter) atom(x expr.Expr) {
	if _, ok := c.atoms[x]; ok {
		return
	}
	c.atoms[x] = -1
}

// ring sorts the registered atoms into the variables, after rewriting
// each with norm; atoms that rewrite to the same term share a variable.
func (c *converter) ring() error {
	normed := make(map[expr.Expr]expr.Expr, len(c.atoms))
	for a := range c.atoms {
		n := a
		if c.norm != nil {
			var err error
			if n, err = c.norm(a); err != nil {
				return err
			}
		}
		normed[a] = n
		if !slices.Contains(c.vars, n) {
			c.vars = append(c.vars, n)
		}
	}
	slices.SortFunc(c.vars, expr.Compare)
	for a, n := range normed {
		c.atoms[a] = slices.Index(c.vars, n)
	}
	return nil
}

// read converts x, scanned already, to a polynomial.
func (c *converter) read(x expr.Expr) (Poly, error) {
	switch x := x.(type) {
	case *expr.Number:
		return Constant(c.vars, x.Rat()), nil
	case *expr.AddExpr:
		sum := Poly{vars: c.vars}
		for _, t := range x.Terms() {
			p, err := c.read(t)
			if err != nil {
				return Poly{}, err
			}
			sum = Add(sum, p)
		}
		return sum, nil
	case *expr.MulExpr:
		prod := Constant(c.vars, big.NewRat(1, 1))
		for _, f := range x.Factors() {
			p, err := c.read(f)
			if err != nil {
				return Poly{}, err
			}
			if prod, err = Mul(c.ctx, prod, p); err != nil {
				return Poly{}, err
			}
		}
		return prod, nil
	case *expr.PowExpr:
		if base, k, ok := c.splitPow(x); ok && k >= 0 {
			b, err := c.readBase(x, base)
			if err != nil {
				return Poly{}, err
			}
			return Pow(c.ctx, b, k)
		}
	}
	return Var(c.vars, c.atoms[x]), nil
}

// readBase reads the base of a power split by splitPow: a term of its own
// for an integer exponent, an atom for a fractional one.
func (c *converter) readBase(x *expr.PowExpr, base expr.Expr) (Poly, error) {
	if base == x.Base() {
		return c.read(base)
	}
	return Var(c.vars, c.atoms[base]), nil
}

// readRational converts x, scanned already, to a numerator and a
// denominator. Sums are brought over a common denominator, the least
// common multiple of theirs; nothing else is cancelled.
func (c *converter) readRational(x expr.Expr) (num, den Poly, err error) {
	one := Constant(c.vars, big.NewRat(1, 1))
	switch x := x.(type) {
	case *expr.AddExpr:
		num, den = Poly{vars: c.vars}, one
		for _, t := range x.Terms() {
			n, d, err := c.readRational(t)
			if err != nil {
				return Poly{}, Poly{}, err
			}
			if num, den, err = addFractions(c.ctx, num, den, n, d); err != nil {
				return Poly{}, Poly{}, err
			}
		}
		return num, den, nil
	case *expr.MulExpr:
		num, den = one, one
		for _, f := range x.Factors() {
			n, d, err := c.readRational(f)
			if err != nil {
				return Poly{}, Poly{}, err
			}
			if num, err = Mul(c.ctx, num, n); err != nil {
				return Poly{}, Poly{}, err
			}
			if den, err = Mul(c.ctx, den, d); err != nil {
				return Poly{}, Poly{}, err
			}
		}
		return num, den, nil
	case *expr.PowExpr:
		if base, k, ok := c.splitPow(x); ok {
			var n, d Poly
			if base == x.Base() {
				if n, d, err = c.readRational(base); err != nil {
					return Poly{}, Poly{}, err
				}
			} else {
				n, d = Var(c.vars, c.atoms[base]), one
			}
			if k < 0 {
				n, d, k = d, n, -k
				if n.IsZero() {
					return Poly{}, Poly{}, errDivZero
				}
			}
			if num, err = Pow(c.ctx, n, k); err != nil {
				return Poly{}, Poly{}, err
			}
			if den, err = Pow(c.ctx, d, k); err != nil {
				return Poly{}, Poly{}, err
			}
			return num, den, nil
		}
	}
	p, err := c.read(x)
	return p, one, err
}

// addFractions returns a/b + c/d over the least common multiple of b and d.
func addFractions(ctx context.Context, a, b, c, d Poly) (Poly, Poly, error) {
	if a.IsZero() {
		return c, d, nil
	}
	if c.IsZero() {
		return a, b, nil
	}
	if Equal(b, d) {
		return Add(a, c), b, nil
	}
	g, err := gcd(ctx, b, d)
	if err != nil {
		return Poly{}, Poly{}, err
	}
	bg, _ := divExact(b, g)
	dg, _ := divExact(d, g)
	x, err := Mul(ctx, a, dg)
	if err != nil {
		return Poly{}, Poly{}, err
	}
	y, err := Mul(ctx, c, bg)
	if err != nil {
		return Poly{}, Poly{}, err
	}
	den, err := Mul(ctx, b, dg)
	if err != nil {
		return Poly{}, Poly{}, err
	}
	return Add(x, y), den, nil
}

// FromExpr reads x as a polynomial over its atoms (see the package
// comment); a negative power is an atom.
func FromExpr(ctx context.Context, x expr.Expr) (Poly, error) {
	ps, err := FromExprs(ctx, x)
	if err != nil {
		return Poly{}, err
	}
	return ps[0], nil
}

// FromExprs reads several terms as polynomials over one ring.
func FromExprs(ctx context.Context, xs ...expr.Expr) ([]Poly, error) {
	return fromExprs(ctx, nil, xs)
}

func fromExprs(ctx context.Context, norm func(expr.Expr) (expr.Expr, error), xs []expr.Expr) ([]Poly, error) {
	c := newConverter(ctx, false, norm)
	for _, x := range xs {
		c.scan(x)
	}
	if err := c.ring(); err != nil {
		return nil, err
	}
	out := make([]Poly, len(xs))
	for i, x := range xs {
		p, err := c.read(x)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// FromExprRational reads x as a quotient of two polynomials over its
// atoms, bringing sums over common denominators (which are not cancelled
// against the numerator: see Cancel).
func FromExprRational(ctx context.Context, x expr.Expr) (num, den Poly, err error) {
	c := newConverter(ctx, true, nil)
	c.scan(x)
	if err := c.ring(); err != nil {
		return Poly{}, Poly{}, err
	}
	return c.readRational(x)
}

// Expr returns p as a canonical term: a sum of coefficients times powers
// of the variables.
func (p Poly) Expr() expr.Expr {
	terms := make([]expr.Expr, p.Len())
	for t := range p.Len() {
		fs := []expr.Expr{expr.NewNumber(p.cs[t])}
		for i, e := range p.mono(t) {
			if e != 0 {
				fs = append(fs, expr.Pow(p.vars[i], expr.Int(int64(e))))
			}
		}
		terms[t] = expr.Mul(fs...)
	}
	return expr.Add(terms...)
}
