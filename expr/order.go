package expr

import (
	"cmp"
	"math/big"
	"strings"
)

// The canonical order decides how sums and products read in print, so it
// follows the habits of hand-written algebra: a product starts with its
// coefficient, then symbols alphabetically (2 w x), then indexed symbols,
// sums over an index, functions, and parenthesised sums last; a sum puts
// higher-degree terms first (x^2 + 2x + 1) and its constant last.
//
// Comparisons look at cached heights before recursing, so ordering the
// factors of a deeply nested derivative costs O(1) per comparison.

// Compare is a total order on terms, consistent with ==.
func Compare(a, b Expr) int {
	if a == b {
		return 0
	}
	if c := cmp.Compare(a.Kind(), b.Kind()); c != 0 {
		return c
	}
	switch a := a.(type) {
	case *Number:
		return a.val.Cmp(&b.(*Number).val)
	case *Symbol:
		return naturalCompare(a.name, b.(*Symbol).name)
	case *Undefined:
		return cmp.Compare(a.reason, b.(*Undefined).reason)
	case *Indexed:
		b := b.(*Indexed)
		if c := naturalCompare(a.name, b.name); c != 0 {
			return c
		}
		return compareLists(a.index, b.index)
	case *PowExpr:
		b := b.(*PowExpr)
		if c := Compare(a.base, b.base); c != 0 {
			return c
		}
		return Compare(a.exp, b.exp)
	case *CallExpr:
		b := b.(*CallExpr)
		if c := cmp.Compare(a.fn.Name, b.fn.Name); c != 0 {
			return c
		}
		if c := cmp.Compare(a.height, b.height); c != 0 {
			return c
		}
		return compareLists(a.args, b.args)
	}
	// Compound nodes: the shallower first, then element by element.
	if c := cmp.Compare(a.hdr().height, b.hdr().height); c != 0 {
		return c
	}
	if a, ok := a.(*BigOp); ok {
		if c := cmp.Compare(a.op, b.(*BigOp).op); c != 0 {
			return c
		}
	}
	return compareLists(a.Args(), b.Args())
}

func compareLists(a, b []Expr) int {
	for i := range min(len(a), len(b)) {
		if c := Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

// BaseExp splits x into base and exponent: x^n gives (x, n), x gives (x, 1).
func BaseExp(x Expr) (base, exp Expr) {
	if p, ok := x.(*PowExpr); ok {
		return p.base, p.exp
	}
	return x, One
}

// factorRank is the coarse position of a factor in a product, by its base.
func factorRank(base Expr) int {
	switch base.Kind() {
	case KindNumber:
		return 0 // sqrt(2) right after the coefficient
	case KindSymbol:
		return 1
	case KindIndexed:
		return 2
	case KindBigOp:
		return 3
	case KindCall:
		return 4
	case KindDerivative:
		return 6
	case KindAdd:
		return 5
	}
	return 7
}

// compareFactors orders the factors of a product.
func compareFactors(a, b Expr) int {
	if a == b {
		return 0
	}
	ba, ea := BaseExp(a)
	bb, eb := BaseExp(b)
	if c := cmp.Compare(factorRank(ba), factorRank(bb)); c != 0 {
		return c
	}
	if c := Compare(ba, bb); c != 0 {
		return c
	}
	return Compare(ea, eb)
}

// Degree is the total degree of a monomial: the sum of its numeric
// exponents, counting a symbolic exponent or a non-power factor as 1.
func Degree(x Expr) *big.Rat {
	_, rest := SplitCoeff(x)
	d := new(big.Rat)
	fs := []Expr{rest}
	if m, ok := rest.(*MulExpr); ok {
		fs = m.factors
	}
	for _, f := range fs {
		if f == One {
			continue
		}
		b, e := BaseExp(f)
		if b.Kind() == KindNumber {
			continue
		}
		if n, ok := e.(*Number); ok {
			d.Add(d, &n.val)
		} else {
			d.Add(d, big.NewRat(1, 1))
		}
	}
	return d
}

// compareAddTerms orders the non-constant terms of a sum: higher degree
// first, then by their factors, ignoring numeric coefficients.
func compareAddTerms(a, b Expr) int {
	if a == b {
		return 0
	}
	if c := cmp.Compare(b.hdr().degree, a.hdr().degree); c != 0 {
		return c
	}
	_, ra := SplitCoeff(a)
	_, rb := SplitCoeff(b)
	fa, fb := []Expr{ra}, []Expr{rb}
	if m, ok := ra.(*MulExpr); ok {
		fa = m.factors
	}
	if m, ok := rb.(*MulExpr); ok {
		fb = m.factors
	}
	for i := range min(len(fa), len(fb)) {
		if c := compareFactors(fa[i], fb[i]); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(len(fa), len(fb)); c != 0 {
		return c
	}
	return Compare(a, b)
}

// naturalCompare orders names with their digit runs read as numbers, so
// w2 comes before w10. Names whose digit runs are equal as numbers but
// spelled apart (x0 and x00, x01 and x1) are ordered by their spelling:
// they are different names, and Compare must not call them equal, or the
// canonical order of a product holding both would depend on the order it
// was built in.
func naturalCompare(a, b string) int {
	if c := numericCompare(a, b); c != 0 {
		return c
	}
	return cmp.Compare(a, b)
}

// numericCompare is naturalCompare without the tie-break by spelling.
func numericCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitPrefix(a), digitPrefix(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Compare(len(na), len(nb)); c != 0 {
				return c
			}
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digitPrefix(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// termDegree is Degree as a float, computed once per node at construction
// for ordering sums: the sum of the numeric exponents of a monomial's
// non-numeric factors, a symbolic exponent or other factor counting 1.
func termDegree(x Expr) float64 {
	switch x := x.(type) {
	case *Number:
		return 0
	case *PowExpr:
		if x.base.Kind() == KindNumber {
			return 0
		}
		if n, ok := x.exp.(*Number); ok {
			return n.Float()
		}
		return 1
	case *MulExpr:
		d := 0.0
		for _, f := range x.factors {
			d += f.hdr().degree // factors are interned, their degree set
		}
		return d
	}
	return 1
}
