package poly

import (
	"context"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// The functions of this file work on terms, for the simplifier: each reads
// its arguments as polynomials or rational functions over their atoms,
// works on those, and returns a canonical term, or an error when the
// budget of ctx ran out or an expansion would be too large.

// expandRaw is Expand without the bound on its numbers.
func expandRaw(ctx context.Context, x expr.Expr) (expr.Expr, error) {
	ps, err := fromExprs(ctx, expandInside(ctx), []expr.Expr{x})
	if err != nil {
		return nil, err
	}
	return ps[0].Expr(), nil
}

// expandInside is the atom rewrite of Expand: an atom's arguments are
// expanded (an atom itself is never a sum or a product).
func expandInside(ctx context.Context) func(expr.Expr) (expr.Expr, error) {
	return func(a expr.Expr) (expr.Expr, error) {
		args := a.Args()
		if len(args) == 0 || a.Kind() == expr.KindIndexed || a.Kind() == expr.KindBigOp || a.Kind() == expr.KindDerivative {
			return a, nil
		}
		out := make([]expr.Expr, len(args))
		changed := false
		for i, x := range args {
			y, err := Expand(ctx, x)
			if err != nil {
				return nil, err
			}
			out[i] = y
			changed = changed || y != x
		}
		if !changed {
			return a, nil
		}
		return expr.Rebuild(a, out), nil
	}
}

// collectRaw is Collect without the bound on its numbers.
func collectRaw(ctx context.Context, x, v expr.Expr) (expr.Expr, error) {
	ps, err := fromExprs(ctx, expandInside(ctx), []expr.Expr{x})
	if err != nil {
		return nil, err
	}
	p := ps[0]
	k := p.VarIndex(v)
	if k < 0 {
		return p.Expr(), nil
	}
	cs := p.coeffsIn(k)
	terms := make([]expr.Expr, 0, len(cs))
	for d := len(cs) - 1; d >= 0; d-- {
		if !cs[d].IsZero() {
			terms = append(terms, expr.Mul(cs[d].Expr(), expr.Pow(v, expr.Int(int64(d)))))
		}
	}
	return expr.Add(terms...), nil
}

// gcdRaw is GCD without the bound on its numbers.
func gcdRaw(ctx context.Context, a, b expr.Expr) (expr.Expr, error) {
	ps, err := FromExprs(ctx, a, b)
	if err != nil {
		return nil, err
	}
	g, err := gcd(ctx, ps[0], ps[1])
	if err != nil {
		return nil, err
	}
	return g.Expr(), nil
}

// togetherRaw is Together without the bound on its numbers.
func togetherRaw(ctx context.Context, x expr.Expr) (expr.Expr, error) {
	num, den, err := FromExprRational(ctx, x)
	if err != nil {
		return nil, err
	}
	return quotient(num, den), nil
}

// cancelRaw is Cancel without the bound on its numbers.
func cancelRaw(ctx context.Context, x expr.Expr) (expr.Expr, error) {
	num, den, err := FromExprRational(ctx, x)
	if err != nil {
		return nil, err
	}
	if num, den, err = cancel(ctx, num, den); err != nil {
		return nil, err
	}
	return quotient(num, den), nil
}

// cancel divides num and den by their GCD.
func cancel(ctx context.Context, num, den Poly) (Poly, Poly, error) {
	g, err := gcd(ctx, num, den)
	if err != nil {
		return Poly{}, Poly{}, err
	}
	if !g.IsConst() {
		if num, err = Quo(ctx, num, g); err != nil {
			return Poly{}, Poly{}, err
		}
		if den, err = Quo(ctx, den, g); err != nil {
			return Poly{}, Poly{}, err
		}
	}
	return num, den, nil
}

// quotient renders num/den with integer-primitive numerator and
// denominator, the denominator's leading coefficient positive, and the
// rational factor of both in front.
func quotient(num, den Poly) expr.Expr {
	cd, den := den.Primitive()
	cn, num := num.Primitive()
	if num.IsZero() {
		return expr.Zero
	}
	k := expr.NewNumber(cn.Quo(cn, cd))
	return expr.Mul(k, num.Expr(), expr.Pow(den.Expr(), expr.MinusOne))
}

// factorRaw is Factor without the bound on its numbers.
func factorRaw(ctx context.Context, x expr.Expr) (expr.Expr, error) {
	num, den, err := FromExprRational(ctx, x)
	if err != nil {
		return nil, err
	}
	if num, den, err = cancel(ctx, num, den); err != nil {
		return nil, err
	}
	cn, fn, err := FactorList(ctx, num)
	if err != nil {
		return nil, err
	}
	cd, fd, err := FactorList(ctx, den)
	if err != nil {
		return nil, err
	}
	out := []expr.Expr{expr.NewNumber(cn.Quo(cn, cd))}
	for _, f := range fn {
		out = append(out, expr.Pow(f.Poly.Expr(), expr.Int(int64(f.Mult))))
	}
	for _, f := range fd {
		out = append(out, expr.Pow(f.Poly.Expr(), expr.Int(-int64(f.Mult))))
	}
	return expr.Mul(out...), nil
}

// apartRaw is Apart without the bound on its numbers.
func apartRaw(ctx context.Context, x, v expr.Expr) (expr.Expr, error) {
	num, den, err := FromExprRational(ctx, x)
	if err != nil {
		return nil, err
	}
	k := den.VarIndex(v)
	if k < 0 {
		return Cancel(ctx, x)
	}
	p, fs, err := ApartList(ctx, num, den, k)
	if err != nil {
		return nil, err
	}
	terms := []expr.Expr{p.Expr()}
	for _, f := range fs {
		c, n := f.Num.Primitive()
		terms = append(terms, expr.Mul(expr.NewNumber(c), n.Expr(), expr.Pow(f.Denom.Expr(), expr.Int(-int64(f.Mult)))))
	}
	return expr.Add(terms...), nil
}

// The API's answers may not hold numbers larger than the term
// constructors make (maxAnswerBits): ((10^10)^20)^32 stays a power, never a
// number of 6400 digits.

// Expand multiplies out products and integer powers of sums, in x and
// inside the arguments of its functions and the bases of its other
// powers: (x + 1)^2 sin(y (y + 1)) = x^2 sin(y^2 + y) + 2 x sin(y^2 + y) +
// sin(y^2 + y). Denominators are expanded, not divided out.
func Expand(ctx context.Context, x expr.Expr) (expr.Expr, error) { return bounded(expandRaw(ctx, x)) }

// Collect expands x and gathers its terms by powers of v, highest first:
// Collect(a x + b x + x^2 y, x) = x^2 y + (a + b) x. A v that is not an
// atom of x leaves the expansion as it is.
func Collect(ctx context.Context, x, v expr.Expr) (expr.Expr, error) {
	return bounded(collectRaw(ctx, x, v))
}

// GCD returns the greatest common divisor of two polynomial terms, with
// coprime integer coefficients and a positive leading coefficient:
// GCD(x^2 - 1, 2 x^2 + 4 x + 2) = x + 1. Atoms are variables, so
// GCD(sin(x)^2 - 1, sin(x) + 1) = sin(x) + 1.
func GCD(ctx context.Context, a, b expr.Expr) (expr.Expr, error) { return bounded(gcdRaw(ctx, a, b)) }

// Together brings x over one common denominator, the least common multiple
// of its denominators, with numerator and denominator expanded:
// 1/x + 1/(x + 1) = (2 x + 1)/(x^2 + x). Factors common to the numerator
// and the denominator stay; Cancel removes them.
func Together(ctx context.Context, x expr.Expr) (expr.Expr, error) {
	return bounded(togetherRaw(ctx, x))
}

// Cancel writes x as p/q in lowest terms: p and q polynomials without a
// common factor, q with coprime integer coefficients and a positive
// leading coefficient (the rational factor goes in front):
// (x^2 - 1)/(2 x - 2) = (x + 1)/2.
func Cancel(ctx context.Context, x expr.Expr) (expr.Expr, error) { return bounded(cancelRaw(ctx, x)) }

// Factor factors x over the rationals: the numerator and the denominator
// of its cancelled form, each into a rational constant and powers of
// polynomials with coprime integer coefficients (irreducible in one
// variable; see the package comment for several):
// Factor(x^3 - x) = x (x - 1) (x + 1).
func Factor(ctx context.Context, x expr.Expr) (expr.Expr, error) { return bounded(factorRaw(ctx, x)) }

// Apart decomposes x, a rational function of v, into partial fractions
// over the rationals: a polynomial plus terms c/f^m with f an irreducible
// factor of the denominator and c of lower degree in v than f:
// Apart(1/(x^2 - 1), x) = 1/(2 (x - 1)) - 1/(2 (x + 1)). The denominator
// must involve v alone; other atoms may appear in the numerator.
func Apart(ctx context.Context, x, v expr.Expr) (expr.Expr, error) {
	return bounded(apartRaw(ctx, x, v))
}

// maxAnswerBits bounds the numbers of an answer. The constructors fold a power
// of numbers only when their estimate, bits of the base times the
// exponent, stays within expr.MaxNumberBits: 10^4320 (14351 bits, but
// estimated at 4 x 4320) stays a power. A number the answer holds prints
// as 10^k, and must read back as that number, so it stays well inside.
const maxAnswerBits = expr.MaxNumberBits * 3 / 4

// bounded refuses an answer with a number past maxAnswerBits.
func bounded(x expr.Expr, err error) (expr.Expr, error) {
	if err != nil {
		return nil, err
	}
	var bits int
	expr.Inspect(x, func(y expr.Expr) bool {
		if n, ok := y.(*expr.Number); ok {
			bits = max(bits, n.Bits())
		}
		return bits <= maxAnswerBits
	})
	if bits > maxAnswerBits {
		return nil, diag.Errorf("the answer would hold a number of more than %d bits", maxAnswerBits)
	}
	return x, nil
}
