package simplify

import (
	"context"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
)

// Zero recognition: deciding that a term is identically zero.
//
// IsZero brings a term to a normal form over independent atoms and tests
// the numerator of that form:
//
//  1. elementary functions in terms of exp, sin and cos: sigmoid(u) =
//     1/(1 + exp(-u)), tanh, sinh and cosh through exp, tan = sin/cos;
//     exp of a sum with logs (exp(a + 2 log b) = b^2 exp(a)); logs of
//     products, quotients and powers split, log(exp(u)) = u; sqrt(u^2) =
//     |u|, |u v| = |u| |v|, |u|^2 = u^2. Every argument of a function is
//     brought to the normal form of step 3, so sigmoid((a + b)^2) and
//     sigmoid(a^2 + 2 a b + b^2) are one atom;
//  2. sin and cos of sums and rational multiples written in sin and cos
//     of the atoms a/L, with L the least common denominator of every
//     coefficient the atom a has in the term (sin(x) and sin(x/2) both
//     become polynomials in sin(x/2) and cos(x/2));
//  3. a rational normal form: an expanded numerator, whose monomials are
//     products of powers of atoms (negative powers allowed: exp(-x) is
//     1/exp(x), and expr's constructors merge exp(a) exp(b) = exp(a + b),
//     so exponentials need nothing more), over a product of powers of
//     sums;
//  4. the numerator with sin(a)^2 = 1 - cos(a)^2 until no power of a sine
//     above 1 is left, which is a canonical form of polynomials in sin a
//     and cos a.
//
// The term is zero when that numerator is 0. This decides zero for
// polynomials and rational functions in the atoms, for exp and log of
// them as far as the rules above go, for trigonometric polynomials in
// sin and cos of rational multiples and sums, and for the hyperbolic and
// sigmoid functions through exp. It does not decide identities that need
// a factorisation (log(x^2 - 1) = log(x - 1) + log(x + 1)), relations
// between logs of integers with a prime factor above 1000, nested
// radicals, or identities of |u| beyond products and even powers. A log
// splits whatever the signs (log(x y) = log x + log y), so a term counts
// as zero when it is zero wherever it is defined.
//
// As a safety net, a term the algebra calls zero is evaluated at random
// points, and IsZero answers true only when every value it could compute
// is 0 to rounding and it computed at least two. A term it cannot
// evaluate (sums over an index, symbolic indices) is never called zero.
//
// The work is bounded by zeroWork operations and by what is left of
// ctx's budget; a test that runs out answers false.

// IdenticallyZero is the rule of the step that replaces a term IsZero
// decides by 0.
var IdenticallyZero = expr.NewRule("identically-zero", "identically zero")

// zeroWork is the most work one zero test may do.
const zeroWork = 400_000

// IsZero reports whether x is identically zero, as described above. It
// never reports true for a term that is not.
func IsZero(ctx context.Context, x expr.Expr) bool {
	if x == expr.Zero {
		return true
	}
	if x.Kind() == expr.KindNumber || expr.HasDerivative(x) || expr.UndefinedIn(x) != nil {
		return false
	}
	parent := budget.From(ctx)
	limit := int64(zeroWork)
	if l := parent.Limits().Work; l > 0 {
		spent, _ := parent.Spent()
		limit = min(limit, (l-spent)/2)
	}
	if limit <= 0 || !parent.OK() {
		return false
	}
	m := budget.New(ctx, budget.Limits{Work: limit})
	defer func() {
		spent, _ := m.Spent()
		parent.Work(int(spent))
	}()
	n, ok := Numerator(ctx, x, m)
	if !ok || n != expr.Zero {
		return false
	}
	return numericallyZero(x, m)
}

// Numerator is the numerator of x's normal form (steps 1 to 4 above),
// charged to m; ok is false when m ran out or the form could not be
// built (a denominator that is 0). It is 0 exactly when IsZero's algebra
// calls x zero. This is the one place a stronger rational normal form
// (a cancelling one, from a polynomial package) plugs in: it is the only
// caller of fractionOf.
func Numerator(ctx context.Context, x expr.Expr, m *budget.Meter) (expr.Expr, bool) {
	z := &normalizer{m: m, frac: map[expr.Expr]*fraction{}, elem: map[expr.Expr]expr.Expr{}}
	e := z.elementary(x)
	if !m.OK() {
		return nil, false
	}
	t := z.expandTrig(e)
	if !m.OK() || t == nil {
		return nil, false
	}
	f := z.fractionOf(t)
	if f == nil || !m.OK() {
		return nil, false
	}
	n := z.reduceSines(f.num)
	if n == nil || !m.OK() {
		return nil, false
	}
	return n, true
}

// normalizer holds one normal-form computation: its meter and memos.
type normalizer struct {
	m     *budget.Meter
	frac  map[expr.Expr]*fraction
	elem  map[expr.Expr]expr.Expr
	angle map[expr.Expr]int64 // trig atom a to the L of step 2
	depth int
}

// maxDepth bounds the recursion of the normal form through arguments of
// arguments; a term nested deeper is not decided.
const maxDepth = 200

// argument returns a function argument in normal form: the expanded
// numerator over the product of its denominators, so that equal
// arguments written two ways become one atom.
func (z *normalizer) argument(u expr.Expr) expr.Expr {
	if u.Kind() == expr.KindNumber || u.Kind() == expr.KindSymbol || u.Kind() == expr.KindIndexed {
		return u
	}
	f := z.fractionOf(u)
	if f == nil {
		return u
	}
	return f.expr()
}
