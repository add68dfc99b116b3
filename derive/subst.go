package derive

import (
	"context"
	"slices"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/simplify"
)

// The rules of a derivation written through an inner function.
var (
	RuleSubstitution   = expr.NewRule("substitution", "chain rule through the inner function")
	RuleBackSubstitute = expr.NewRule("back-substitution", "substituting back")
)

// Substitution is a derivation written as a person writes a long
// compound derivative (u-substitution): name the inner function, z =
// Inner, differentiate the outer function with respect to z, then the
// inner one, and multiply. Lines replace Derivation.Lines; their last
// State is the derivation's Result.
type Substitution struct {
	Name  *expr.Symbol // z
	Inner expr.Expr    // what z stands for
	Lines []Line
	// Layout is the derivation's layout carried through z = Inner (see
	// expr.Layout.Through): the lines in z keep the order and places the
	// author wrote their terms in. Nil when the derivation has none.
	Layout *expr.Layout
}

// LayoutOf is the layout that prints the lines Presented returned with
// s: d.Layout, carried through s's inner function when there is one.
func (d *Derivation) LayoutOf(s *Substitution) *expr.Layout {
	if s == nil || s.Layout == nil {
		return d.Layout
	}
	return s.Layout
}

// maxCandidates bounds the inner functions Substituted tries.
const maxCandidates = 12

// maxSubstSize bounds the terms Substituted writes through an inner
// function: the size of a term a person writes by hand. Each candidate
// is a derivation of its own, and finding them is quadratic in the size.
const maxSubstSize = 200

// Substituted writes d through the inner function that makes it shortest
// (Size), and returns it when always is set or when it is shorter than
// lines, d's own lines; otherwise nil. An inner function is a subterm
// that holds every occurrence of the variable (w x + b in
// log(1 + e^{w x + b})); a written-through derivation that would not end
// exactly at d.Result is never used, so the answer stays the one shown.
// The work is charged to ctx's budget.
func (d *Derivation) Substituted(ctx context.Context, lines []Line, always bool) (*Substitution, error) {
	m := budget.From(ctx)
	if expr.Size(d.Input) > maxSubstSize {
		return nil, nil
	}
	z := freshName(d.Input, d.Var)
	var best *Substitution
	bestSize := 0
	for _, u := range innerFunctions(d.Input, d.Var, z) {
		s, err := d.through(ctx, z, u)
		if err != nil {
			return nil, err
		}
		if s == nil {
			continue
		}
		if n := Size(s.Lines, m) + len(expr.PlainMetered(u, m)); best == nil || n < bestSize {
			best, bestSize = s, n
		}
	}
	if best == nil || (!always && bestSize >= Size(lines, m)) {
		return nil, m.Err()
	}
	return best, m.Err()
}

// Size measures lines as a reader meets them: the characters of their
// terms in plain syntax, and a line's worth for each line.
func Size(lines []Line, m *budget.Meter) int {
	const perLine = 8
	n := 0
	for _, l := range lines {
		n += perLine + len(expr.PlainMetered(l.State, m))
	}
	return n
}

// innerFunctions lists the subterms of x, larger first, that contain
// every occurrence of v and are neither v nor x (z is a symbol x does not
// use, to put in their place).
func innerFunctions(x, v expr.Expr, z *expr.Symbol) []expr.Expr {
	var out []expr.Expr
	expr.Inspect(x, func(u expr.Expr) bool {
		if !expr.DependsOn(u, v) {
			return false
		}
		if expr.CouldExtractMinus(u) {
			u = expr.Neg(u) // z = w x + b, not -w x - b
		}
		if u != x && u != v && !slices.Contains(out, u) && !expr.DependsOn(substituteInner(x, u, z), v) {
			out = append(out, u)
		}
		return len(out) < maxCandidates
	})
	return out
}

// substituteInner writes x in terms of z = u: u and -u (e^{-(w x + b)}
// beside w x + b) both go.
func substituteInner(x, u expr.Expr, z *expr.Symbol) expr.Expr {
	return expr.Substitute(x, innerMap(u, z))
}

// innerMap is the replacement of z = u, as substituteInner makes it.
func innerMap(u expr.Expr, z *expr.Symbol) map[expr.Expr]expr.Expr {
	return map[expr.Expr]expr.Expr{u: z, expr.Neg(u): expr.Neg(z)}
}

// freshName is a symbol for the inner function that x does not use.
func freshName(x, v expr.Expr) *expr.Symbol {
	used := map[string]bool{varName(v): true}
	for _, s := range expr.FreeSymbols(x) {
		used[s.Name()] = true
	}
	for _, n := range []string{"z", "u", "t", "s", "q"} {
		if !used[n] {
			return expr.Sym(n)
		}
	}
	return expr.Sym("z_0")
}

// through writes d through z = u: dF/dz dz/dv, the lines of the outer
// derivative, then of the inner one, then z put back and the result
// simplified. It is nil when that does not end at d.Result.
func (d *Derivation) through(ctx context.Context, z *expr.Symbol, u expr.Expr) (*Substitution, error) {
	m := budget.From(ctx)
	outer := substituteInner(d.Input, u, z)
	df, err := Steps(ctx, outer, z)
	if err != nil {
		return nil, nil // the outer function alone can be undefined
	}
	du, err := Steps(ctx, u, d.Var)
	if err != nil {
		return nil, nil
	}
	fLines, err := df.Lines(ctx)
	if err != nil {
		return nil, err
	}
	uLines, err := du.Lines(ctx)
	if err != nil {
		return nil, err
	}
	// The inner derivative first: it is short (x for z = w x + b), and
	// the outer one's lines then carry it rather than d z/d v.
	state := expr.Mul(df.Start, du.Start)
	lines := []Line{{State: state, Steps: []expr.Step{{Rule: RuleSubstitution, Before: d.Start, After: state}}}}
	for _, l := range uLines {
		lines = append(lines, Line{State: expr.Mul(df.Start, l.State), Steps: l.Steps})
	}
	for _, l := range fLines {
		lines = append(lines, Line{State: expr.Mul(l.State, du.Result), Steps: l.Steps})
	}
	last := lines[len(lines)-1].State
	back := expr.Substitute(last, map[expr.Expr]expr.Expr{z: u})
	if back != last {
		lines = append(lines, Line{State: back, Steps: []expr.Step{{Rule: RuleBackSubstitute, Before: last, After: back}}})
	}
	if back != d.Result {
		// The clean-up of every derivative, or else the textbook forms
		// (y σ(z) - (1 - y) σ(-z) needs σ(-z) = 1 - σ(z)).
		out, steps := simplify.AfterDerivative(ctx, back)
		if out != d.Result {
			out, steps = simplify.Simplify(ctx, back)
		}
		for _, s := range steps {
			lines = append(lines, Line{State: s.After, Steps: []expr.Step{s}})
		}
		back = out
	}
	if err := m.Err(); err != nil {
		return nil, err
	}
	if back != d.Result || slices.ContainsFunc(lines, func(l Line) bool { return l.State == nil }) {
		return nil, nil
	}
	return &Substitution{Name: z, Inner: u, Lines: lines}, nil
}

// SubstMode says when a derivation is written through an inner function.
type SubstMode int

const (
	SubstOff  SubstMode = iota // never: the rules applied to the term itself
	SubstAuto                  // when that is shorter (Size)
	SubstOn                    // whenever there is an inner function to name
)

// Presented is d's lines as mode writes them, with the substitution they
// go through, or nil when they are d.Lines.
func (d *Derivation) Presented(ctx context.Context, mode SubstMode) ([]Line, *Substitution, error) {
	lines, err := d.Lines(ctx)
	if err != nil || mode == SubstOff {
		return lines, nil, err
	}
	s, err := d.Substituted(ctx, lines, mode == SubstOn)
	if err != nil {
		return nil, nil, err
	}
	if s == nil {
		return lines, nil, nil
	}
	if d.Layout != nil {
		s.Layout = d.Layout.Through(innerMap(s.Inner, s.Name))
	}
	return s.Lines, s, nil
}

// StepsOf are the steps of lines, in order (see expr.Layout.Following).
func StepsOf(lines []Line) []expr.Step {
	var out []expr.Step
	for _, l := range lines {
		out = append(out, l.Steps...)
	}
	return out
}
