package poly

import (
	"context"
	"math/big"
	"slices"

	"github.com/derivtex/derivtex/expr"
)

// Power is a factor of a polynomial and its multiplicity.
type Power struct {
	Poly Poly
	Mult int
}

// SqfList returns the square-free decomposition of p: p = c f_1^m_1 ...
// f_k^m_k with each f_i square-free, coprime to the others, with coprime
// integer coefficients and a positive leading coefficient. It takes the
// content in one variable at a time (recursively) and runs Yun's
// algorithm on the primitive part, so it is complete in any number of
// variables.
func SqfList(ctx context.Context, p Poly) (*big.Rat, []Power, error) {
	if p.IsZero() {
		return new(big.Rat), nil, nil
	}
	fs, err := sqf(ctx, p)
	if err != nil {
		return nil, nil, err
	}
	return constantOf(p, fs), fs, nil
}

// constantOf returns the c with p = c prod f_i^m_i, from leading
// coefficients: the lexicographic leading term of a product is the
// product of the leading terms.
func constantOf(p Poly, fs []Power) *big.Rat {
	c := new(big.Rat).Set(p.LC())
	for _, f := range fs {
		for range f.Mult {
			c.Quo(c, f.Poly.LC())
		}
	}
	return c
}

func sqf(ctx context.Context, p Poly) ([]Power, error) {
	_, p = p.Primitive()
	if p.IsConst() {
		return nil, nil
	}
	k := -1
	for i := range p.nv() {
		if p.Degree(i) > 0 {
			k = i
			break
		}
	}
	cont, pp, err := primitiveIn(ctx, p, k)
	if err != nil {
		return nil, err
	}
	out, err := sqf(ctx, cont)
	if err != nil {
		return nil, err
	}
	// Yun: a_0 = gcd(f, f'), b = f/a_0, d = f'/a_0 - b'; then each
	// a_i = gcd(b, d) is the product of the factors of multiplicity i.
	df := pp.Diff(k)
	g, err := gcd(ctx, pp, df)
	if err != nil {
		return nil, err
	}
	b, err := Quo(ctx, pp, g)
	if err != nil {
		return nil, err
	}
	c, err := Quo(ctx, df, g)
	if err != nil {
		return nil, err
	}
	d := Sub(c, b.Diff(k))
	for i := 1; !b.IsConst(); i++ {
		a, err := gcd(ctx, b, d)
		if err != nil {
			return nil, err
		}
		if b, err = Quo(ctx, b, a); err != nil {
			return nil, err
		}
		if c, err = Quo(ctx, d, a); err != nil {
			return nil, err
		}
		d = Sub(c, b.Diff(k))
		if !a.IsConst() {
			_, a = a.Primitive()
			out = append(out, Power{a, i})
		}
	}
	return out, nil
}

// FactorList returns the factorisation of p over the rationals: p = c
// f_1^m_1 ... f_k^m_k, the f_i with coprime integer coefficients and
// positive leading coefficients, sorted. In one variable the f_i are
// irreducible; in several, see the package comment for when they are.
func FactorList(ctx context.Context, p Poly) (*big.Rat, []Power, error) {
	if p.IsZero() {
		return new(big.Rat), nil, nil
	}
	sq, err := sqf(ctx, p)
	if err != nil {
		return nil, nil, err
	}
	var out []Power
	for _, s := range sq {
		irr, err := factorSqf(ctx, s.Poly)
		if err != nil {
			return nil, nil, err
		}
		for _, f := range irr {
			out = append(out, Power{f, s.Mult})
		}
	}
	slices.SortStableFunc(out, func(a, b Power) int {
		if c := a.Poly.TotalDegree() - b.Poly.TotalDegree(); c != 0 {
			return c
		}
		return a.Poly.Len() - b.Poly.Len()
	})
	return constantOf(p, out), out, nil
}

// factorSqf factors a square-free primitive polynomial with a positive
// leading coefficient.
func factorSqf(ctx context.Context, f Poly) ([]Poly, error) {
	used := usedVars(f)
	switch {
	case len(used) == 0:
		return nil, nil
	case len(used) == 1:
		return factorUni(ctx, f, used[0])
	}
	// A content in any variable splits f.
	for _, k := range used {
		cont, pp, err := primitiveIn(ctx, f, k)
		if err != nil {
			return nil, err
		}
		if !cont.IsConst() {
			a, err := factorSqf(ctx, cont)
			if err != nil {
				return nil, err
			}
			b, err := factorSqf(ctx, pp)
			if err != nil {
				return nil, err
			}
			return append(a, b...), nil
		}
	}
	if len(used) == 2 && isHomogeneous(f) {
		return factorHomogeneous(ctx, f, used[0], used[1])
	}
	return []Poly{f}, nil
}

func usedVars(p Poly) []int {
	var used []int
	for k := range p.nv() {
		if p.Degree(k) > 0 {
			used = append(used, k)
		}
	}
	return used
}

func isHomogeneous(p Poly) bool {
	d := p.TotalDegree()
	for t := range p.Len() {
		s := 0
		for _, e := range p.mono(t) {
			s += int(e)
		}
		if s != d {
			return false
		}
	}
	return true
}

// factorHomogeneous factors a homogeneous f in x_j and x_k, primitive in
// both, through f(x_j, 1), whose factors it homogenises again: complete,
// since the factors of a homogeneous polynomial are homogeneous.
func factorHomogeneous(ctx context.Context, f Poly, j, k int) ([]Poly, error) {
	var b builder
	b.vars = f.vars
	for t := range f.Len() {
		m := append([]uint32(nil), f.mono(t)...)
		m[k] = 0
		b.add(m, f.cs[t])
	}
	fs, err := factorUni(ctx, b.poly(), j)
	if err != nil {
		return nil, err
	}
	for i, g := range fs {
		d := g.Degree(j)
		var h builder
		h.vars = f.vars
		for t := range g.Len() {
			m := append([]uint32(nil), g.mono(t)...)
			m[k] = uint32(d) - m[j]
			h.add(m, g.cs[t])
		}
		fs[i] = h.poly()
	}
	return fs, nil
}

// factorUni factors f, square-free and primitive in the one variable k,
// into irreducibles by Zassenhaus's algorithm.
func factorUni(ctx context.Context, f Poly, k int) ([]Poly, error) {
	z := toZ(f, k)
	var out []Poly
	if z[0].Sign() == 0 { // x divides f, once: f is square-free
		out = append(out, Var(f.vars, k))
		z = z[1:]
	}
	if z.deg() < 1 {
		return out, nil
	}
	fs, err := zassenhaus(ctx, z)
	if err != nil {
		return nil, err
	}
	for _, g := range fs {
		out = append(out, fromZ(g, f.vars, k))
	}
	return out, nil
}

// toZ returns the dense form of f, a polynomial in variable k alone with
// integer coefficients.
func toZ(f Poly, k int) zpoly {
	z := make(zpoly, f.Degree(k)+1)
	for i := range z {
		z[i] = new(big.Int)
	}
	for t := range f.Len() {
		z[f.mono(t)[k]].Set(f.cs[t].Num())
	}
	return z
}

func fromZ(z zpoly, vars []expr.Expr, k int) Poly {
	var b builder
	b.vars = vars
	for d, c := range z {
		if c.Sign() != 0 {
			m := make([]uint32, len(vars))
			m[k] = uint32(d)
			b.add(m, new(big.Rat).SetInt(c))
		}
	}
	return b.poly()
}
