// Package poly is polynomial and rational-function arithmetic over the
// exact rationals, in any number of variables. A variable is any atom of
// a term: a symbol, an indexed element x[i], a call sin(x) or exp(x), a
// power with a symbolic or fractional exponent. Polynomials convert from
// and back to expr terms (FromExpr, Poly.Expr), and the functions of
// api.go (Expand, Factor, Cancel, Together, GCD, Apart, Collect) work on
// terms directly, for the simplifier to call.
//
// What is decided, and what is not:
//   - Expansion, collection, division with remainder, content, GCD,
//     square-free factorisation, cancel and together are complete: GCD is
//     a recursive primitive remainder sequence (correct for any input),
//     tried after a heuristic GCD that checks its answer by division.
//   - Factorisation into irreducibles over the rationals is complete for
//     polynomials in one variable (Zassenhaus: factors modulo a small
//     prime, Hensel lifting, recombination by trial division), and for
//     polynomials whose factors each involve one variable, or which are
//     products of contents and homogeneous polynomials in two variables.
//     Other polynomials in several variables are split into contents in
//     every variable and square-free parts, which need not be irreducible.
//   - Atoms are independent: sqrt(x)^2 and x, exp(x)^2 and exp(2 x), are
//     different variables to this package, so what it proves equal is
//     equal, but it does not see every identity between atoms. Converting
//     back to a term folds what the expr constructors fold.
//
// Every operation that can grow charges the budget of its context (see
// package budget), and powers are refused before they start when their
// expansion would be too large (MaxTerms, MaxBits).
package poly

import (
	"math/big"
	"slices"

	"github.com/derivtex/derivtex/expr"
)

// Poly is a polynomial with rational coefficients in the variables of its
// ring. It is a value and immutable: operations return new polynomials and
// share the slices of their operands only read-only. The zero value is the
// zero polynomial in no variables.
type Poly struct {
	// vars are the variables, sorted by expr.Compare; vars[0] is the
	// most significant in the lexicographic order of terms.
	vars []expr.Expr
	// exps holds the exponent vectors, len(vars) per term, terms in
	// strictly decreasing lexicographic order.
	exps []uint32
	// cs are the coefficients, one per term, never zero.
	cs []*big.Rat
}

// Len returns the number of terms.
func (p Poly) Len() int { return len(p.cs) }

// IsZero reports whether p is the zero polynomial.
func (p Poly) IsZero() bool { return len(p.cs) == 0 }

// Vars returns the ring's variables (read-only).
func (p Poly) Vars() []expr.Expr { return p.vars }

func (p Poly) nv() int { return len(p.vars) }

// mono returns the exponents of term i (read-only).
func (p Poly) mono(i int) []uint32 { n := p.nv(); return p.exps[i*n : (i+1)*n] }

// IsConst reports whether p is a number (zero included).
func (p Poly) IsConst() bool {
	return p.IsZero() || (p.Len() == 1 && isZeroMono(p.mono(0)))
}

// Const returns the constant term of p.
func (p Poly) Const() *big.Rat {
	if p.IsZero() || !isZeroMono(p.mono(p.Len()-1)) {
		return new(big.Rat)
	}
	return p.cs[p.Len()-1]
}

func isZeroMono(m []uint32) bool {
	for _, e := range m {
		if e != 0 {
			return false
		}
	}
	return true
}

// cmpMono compares exponent vectors lexicographically.
func cmpMono(a, b []uint32) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] > b[i] {
				return 1
			}
			return -1
		}
	}
	return 0
}

// Constant returns the number c as a polynomial in vars.
func Constant(vars []expr.Expr, c *big.Rat) Poly {
	p := Poly{vars: vars}
	if c.Sign() != 0 {
		p.exps = make([]uint32, len(vars))
		p.cs = []*big.Rat{c}
	}
	return p
}

// Var returns variable k of vars as a polynomial.
func Var(vars []expr.Expr, k int) Poly {
	p := Constant(vars, big.NewRat(1, 1))
	p.exps[k] = 1
	return p
}

// builder collects terms in any order, then sorts and merges them.
type builder struct {
	vars []expr.Expr
	exps []uint32
	cs   []*big.Rat
}

func (b *builder) add(m []uint32, c *big.Rat) {
	if c.Sign() == 0 {
		return
	}
	b.exps = append(b.exps, m...)
	b.cs = append(b.cs, c)
}

// poly sorts and merges the collected terms. The coefficients added are
// owned by the builder: merging may modify them.
func (b *builder) poly() Poly {
	n := len(b.vars)
	idx := make([]int, len(b.cs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int {
		return -cmpMono(b.exps[i*n:(i+1)*n], b.exps[j*n:(j+1)*n])
	})
	p := Poly{vars: b.vars}
	for _, i := range idx {
		m := b.exps[i*n : (i+1)*n]
		if k := p.Len(); k > 0 && cmpMono(p.mono(k-1), m) == 0 {
			p.cs[k-1].Add(p.cs[k-1], b.cs[i])
			continue
		}
		p.exps = append(p.exps, m...)
		p.cs = append(p.cs, b.cs[i])
	}
	return p.dropZeros()
}

// dropZeros removes terms whose coefficient is zero, in place: only for
// polynomials being built.
func (p Poly) dropZeros() Poly {
	n, k := p.nv(), 0
	for i, c := range p.cs {
		if c.Sign() == 0 {
			continue
		}
		copy(p.exps[k*n:(k+1)*n], p.exps[i*n:(i+1)*n])
		p.cs[k] = c
		k++
	}
	p.exps, p.cs = p.exps[:k*n], p.cs[:k]
	return p
}

// Equal reports whether p and q are the same polynomial.
func Equal(p, q Poly) bool {
	p, q = align(p, q)
	if p.Len() != q.Len() || !slices.Equal(p.exps, q.exps) {
		return false
	}
	for i := range p.cs {
		if p.cs[i].Cmp(q.cs[i]) != 0 {
			return false
		}
	}
	return true
}

// align returns p and q over one ring, the union of their variables.
func align(p, q Poly) (Poly, Poly) {
	if sameVars(p.vars, q.vars) {
		return p, q
	}
	vars := mergeVars(p.vars, q.vars)
	return p.withVars(vars), q.withVars(vars)
}

func sameVars(a, b []expr.Expr) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return slices.Equal(a, b)
}

// mergeVars returns the sorted union of two sorted variable lists.
func mergeVars(a, b []expr.Expr) []expr.Expr {
	out := make([]expr.Expr, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b):
			out = append(out, a[i])
			i++
		case i == len(a):
			out = append(out, b[j])
			j++
		default:
			switch c := expr.Compare(a[i], b[j]); {
			case c == 0:
				out = append(out, a[i])
				i++
				j++
			case c < 0:
				out = append(out, a[i])
				i++
			default:
				out = append(out, b[j])
				j++
			}
		}
	}
	return out
}

// withVars rewrites p over vars, a sorted superset of p's variables, which
// keeps the order of terms.
func (p Poly) withVars(vars []expr.Expr) Poly {
	if sameVars(p.vars, vars) {
		return p
	}
	where := make([]int, p.nv())
	for i, v := range p.vars {
		where[i] = slices.IndexFunc(vars, func(w expr.Expr) bool { return w == v })
		if where[i] < 0 {
			panic("poly: withVars: not a superset")
		}
	}
	n := len(vars)
	out := Poly{vars: vars, exps: make([]uint32, n*p.Len()), cs: p.cs}
	for t := range p.Len() {
		for i, e := range p.mono(t) {
			out.exps[t*n+where[i]] = e
		}
	}
	return out
}

// Shrink returns p over only the variables it uses.
func (p Poly) Shrink() Poly {
	used := make([]bool, p.nv())
	k := 0
	for t := range p.Len() {
		for i, e := range p.mono(t) {
			if e != 0 && !used[i] {
				used[i] = true
				k++
			}
		}
	}
	if k == p.nv() {
		return p
	}
	vars := make([]expr.Expr, 0, k)
	for i, v := range p.vars {
		if used[i] {
			vars = append(vars, v)
		}
	}
	out := Poly{vars: vars, exps: make([]uint32, 0, k*p.Len()), cs: p.cs}
	for t := range p.Len() {
		for i, e := range p.mono(t) {
			if used[i] {
				out.exps = append(out.exps, e)
			}
		}
	}
	return out
}

// Degree returns the degree of p in variable k (-1 for zero).
func (p Poly) Degree(k int) int {
	if p.IsZero() {
		return -1
	}
	d := 0
	for t := range p.Len() {
		d = max(d, int(p.mono(t)[k]))
	}
	return d
}

// TotalDegree returns the largest sum of exponents of a term (-1 for zero).
func (p Poly) TotalDegree() int {
	d := -1
	for t := range p.Len() {
		s := 0
		for _, e := range p.mono(t) {
			s += int(e)
		}
		d = max(d, s)
	}
	return d
}

// VarIndex returns the index of v among p's variables, or -1.
func (p Poly) VarIndex(v expr.Expr) int {
	return slices.IndexFunc(p.vars, func(w expr.Expr) bool { return w == v })
}

// LC returns the leading coefficient in the lexicographic order.
func (p Poly) LC() *big.Rat {
	if p.IsZero() {
		return new(big.Rat)
	}
	return p.cs[0]
}

// String renders p through its term form.
func (p Poly) String() string {
	return p.Expr().String()
}
