// Package equiv decides whether two terms are equal, or related the way the
// steps of a machine-learning derivation relate them: equal up to an
// additive constant, up to a positive factor, or with the same minimisers
// over given parameters.
//
// The decision has a stated strength, reported in every Result's Reason:
//
//  1. Canonical simplification: interned terms that are one pointer are
//     equal; simplify.IsZero proves left - right = 0 (for Equal) from the
//     algebra of polynomials, rational functions, exp, log and trig, where
//     both sides are defined.
//  2. Exact evaluation: both sides rational functions (sums, products,
//     integer powers) are evaluated exactly at random rational points whose
//     coordinates come from a set S of 2*10^6 values; a nonzero numerator
//     of degree d vanishes at one point with probability at most d/|S|
//     (Schwartz-Zippel), so agreeing at k points errs with probability at
//     most (d/|S|)^k, stated in the reason.
//  3. Float evaluation: at random points (positive ones first, then with
//     random signs), with index sums evaluated for several sizes N and
//     random data; values agree when within 1e-9 of the larger of the
//     sides' magnitudes (float64 rounding over the few thousand operations
//     a step takes is below 1e-12). Agreement there is evidence, not
//     proof; a disagreement is a counterexample, reported with its point.
//     A derivative the engine cannot work out (a sum by one of its
//     elements, d/dw[j]) is taken by central differences with Richardson
//     extrapolation, and the tolerance is then 1e-6.
//
// Domains are respected: a point where one side has a value and the other
// has none shows that the sides' domains differ, and the verdict is
// HoldsUnder the conditions (log(a b) = log a + log b holds where a > 0,
// b > 0), found from the conditions each side's logs and roots need. A
// relation that holds where every variable is positive but fails
// elsewhere holds under the positivity of the variables it needs.
package equiv

import (
	"context"
	"fmt"
	"strings"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/simplify"
)

// Relation is what is claimed between two terms.
type Relation uint8

// The relations of derivation steps.
const (
	// Equal: the terms have the same value.
	Equal Relation = iota
	// UpToConstant: left - right does not depend on the parameters (an
	// NLL and the objective it simplifies to).
	UpToConstant
	// UpToFactor: left/right is positive and does not depend on the
	// parameters (a density and its kernel, \propto).
	UpToFactor
	// SameArgmin: left = a right + b with a > 0, a and b independent of
	// the parameters, so both have the same minimisers over them.
	SameArgmin
)

var relationNames = [...]string{"equal", "equal up to an additive constant", "equal up to a positive factor", "same argmin"}

func (r Relation) String() string {
	if int(r) < len(relationNames) {
		return relationNames[r]
	}
	return "relation(?)"
}

// Verdict is the answer about a relation.
type Verdict uint8

// The verdicts.
const (
	Holds Verdict = iota
	HoldsUnder
	Fails
	Undecided
)

var verdictNames = [...]string{"equal", "equal under conditions", "not equal", "undecided"}

func (v Verdict) String() string {
	if int(v) < len(verdictNames) {
		return verdictNames[v]
	}
	return "verdict(?)"
}

// Problem is one question: does Relation hold between Left and Right?
type Problem struct {
	Left, Right expr.Expr
	Relation    Relation
	// Params are the names (scalars, or arrays meaning all their entries)
	// that UpToConstant, UpToFactor and SameArgmin are about; empty means
	// every variable, so the constant or factor must be a number.
	Params []string
	// Assume restricts the points considered; nil assumes nothing.
	Assume *Assumptions
}

// Result is the decision.
type Result struct {
	Verdict Verdict
	// Conditions under which the relation holds, for HoldsUnder
	// ("a > 0").
	Conditions []string
	// Counterexample, for Fails.
	Counterexample *Counterexample
	// Reason says how the verdict was reached and how strong it is.
	Reason string
}

// Counterexample is a point where the relation fails, with both sides'
// values there; for a relation other than Equal, Other is a second point
// (same data, other parameters) that together with the first shows it.
type Counterexample struct {
	Point       []Binding
	Left, Right string
	Other       *Counterexample
}

// Binding is a variable's value at a point, as text ("1/2", "[1, 2]").
type Binding struct {
	Name, Value string
}

func (c *Counterexample) String() string {
	var parts []string
	for _, b := range c.Point {
		parts = append(parts, b.Name+" = "+b.Value)
	}
	s := fmt.Sprintf("%s vs %s", c.Left, c.Right)
	if len(parts) > 0 {
		s = fmt.Sprintf("at %s: %s", strings.Join(parts, ", "), s)
	}
	if c.Other != nil {
		s += "; and " + c.Other.String()
	}
	return s
}

// Decide answers p. Unevaluated derivatives (diff(f, x)) are worked out
// first. The work is charged to ctx's budget; an error is a budget that
// ran out or a term the engine cannot work with.
func Decide(ctx context.Context, p Problem) (*Result, error) {
	m := budget.From(ctx)
	numeric := false
	side := func(x expr.Expr) (expr.Expr, error) {
		y, err := derive.Evaluate(ctx, x)
		if err == nil || !m.OK() {
			return y, err
		}
		if numericDerivative(x) {
			numeric = true
			return x, nil
		}
		return nil, err
	}
	l, err := side(p.Left)
	if err != nil {
		return nil, err
	}
	r, err := side(p.Right)
	if err != nil {
		return nil, err
	}
	for _, side := range []expr.Expr{l, r} {
		if u := expr.UndefinedIn(side); u != nil {
			return &Result{Verdict: Undecided, Reason: "a side is undefined: " + u.Reason()}, nil
		}
	}
	d := &decider{ctx: ctx, m: m, l: l, r: r, rel: p.Relation, assume: p.Assume, tol: relTol}
	if numeric {
		d.tol = numericTol
	}
	d.space = spaceOf(l, r)
	d.params = d.paramSet(p.Params)
	res := d.decide()
	if err := m.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// decider holds one decision.
type decider struct {
	ctx    context.Context
	m      *budget.Meter
	l, r   expr.Expr
	rel    Relation
	assume *Assumptions
	space  *space
	params map[string]bool
	tol    float64 // relative tolerance of float agreement
}

// paramSet is the set of names the relation is about: those asked for, or
// every variable.
func (d *decider) paramSet(names []string) map[string]bool {
	ps := map[string]bool{}
	for _, n := range names {
		ps[n] = true
	}
	if len(ps) == 0 {
		for _, n := range d.space.scalars {
			ps[n] = true
		}
		for n := range d.space.arrays {
			ps[n] = true
		}
	}
	return ps
}

func (d *decider) decide() *Result {
	proved := ""
	if d.rel == Equal {
		switch {
		case d.l == d.r:
			proved = "the two sides are the same term"
		case simplify.IsZero(d.ctx, expr.Sub(d.l, d.r)):
			proved = "left - right simplifies to 0"
		}
		if d.space.rational {
			if res := d.exact(); res != nil {
				if proved != "" && res.Verdict == Holds {
					res.Reason = proved + "; " + res.Reason
				}
				return res
			}
		}
	}
	return d.numeric(proved)
}
