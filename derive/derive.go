// Package derive differentiates terms and records how.
//
// Every rule is written once, as a function of the term and of a callback
// that stands for "the derivative of this subterm". Run with a callback that
// leaves the subterm's derivative pending (an unevaluated expr.Derivative),
// a rule yields the step a reader sees; the answer is then assembled from
// those very steps by replacing each pending derivative with its own
// result. So the shown steps are the computation, and cannot disagree with
// the answer.
package derive

import (
	"fmt"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/simplify"
)

// Error is a differentiation failure, such as a function with no rule for
// the requested argument.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Derivation is the record of one differentiation.
type Derivation struct {
	Input  expr.Expr // the differentiated term
	Var    expr.Expr // the variable: *expr.Symbol or *expr.Indexed
	Start  expr.Expr // the pending derivative d Input / d Var
	Raw    expr.Expr // the derivative as the rules produced it
	Result expr.Expr // Raw after simplification
	// Steps rewrite Start into Result: first the rule applications, one per
	// distinct subterm, breadth-first, then the simplification steps.
	Steps []expr.Step

	expansions    map[expr.Expr]expr.Expr
	simplifySteps []expr.Step
}

// Line is one line of a derivation as a reader sees it: the term after a
// round of rewrites, and the steps that round applied.
type Line struct {
	State expr.Expr
	Steps []expr.Step
}

// Lines replays the derivation as a chain of equalities, one line per
// round: each round expands every pending derivative in place (the steps
// of that round), then each simplification is a line of its own. The last
// line's State is Result. Lines costs time quadratic in the depth of the
// term; it is for display.
func (d *Derivation) Lines() []Line {
	var lines []Line
	state := d.Start
	byBefore := map[expr.Expr]expr.Step{}
	for _, s := range d.Steps {
		if _, ok := s.Before.(*expr.Derivative); ok {
			byBefore[s.Before] = s
		}
	}
	for expr.HasDerivative(state) {
		var used []expr.Step
		seen := map[expr.Expr]bool{}
		state = expr.ReplaceDerivatives(state, func(p *expr.Derivative) expr.Expr {
			if !seen[p] {
				seen[p] = true
				used = append(used, byBefore[p])
			}
			return d.expansions[p.Body()]
		})
		lines = append(lines, Line{State: state, Steps: used})
	}
	for _, s := range d.simplifySteps {
		lines = append(lines, Line{State: s.After, Steps: []expr.Step{s}})
	}
	return lines
}

// Diff returns the simplified derivative of x with respect to v.
func Diff(x, v expr.Expr) (expr.Expr, error) {
	d, err := derive(x, v, false)
	if err != nil {
		return nil, err
	}
	return d.Result, nil
}

// Steps differentiates x with respect to v and keeps the step record.
func Steps(x, v expr.Expr) (*Derivation, error) {
	return derive(x, v, true)
}

func derive(x, v expr.Expr, record bool) (*Derivation, error) {
	switch v.(type) {
	case *expr.Symbol, *expr.Indexed:
	default:
		return nil, &Error{fmt.Sprintf("cannot differentiate with respect to %s: not a variable", v)}
	}
	if s, ok := v.(*expr.Symbol); ok && expr.IsConstantSymbol(s) {
		return nil, &Error{fmt.Sprintf("cannot differentiate with respect to the constant %s", s.Name)}
	}
	x, err := Evaluate(x)
	if err != nil {
		return nil, err
	}
	e := &engine{v: v, expansions: map[expr.Expr]expr.Expr{}, deps: map[uint64]bool{}}
	if record {
		e.steps = []expr.Step{}
	}
	raw, err := e.run(x)
	if err != nil {
		return nil, err
	}
	res, ssteps := simplify.AfterDerivative(raw)
	d := &Derivation{Input: x, Var: v, Start: expr.Diff(x, v), Raw: raw, Result: res}
	if record {
		d.Steps = append(e.steps, ssteps...)
		d.expansions = e.expansions
		d.simplifySteps = ssteps
	}
	return d, nil
}

// Evaluate works out every unevaluated derivative inside x (as typed in
// diff(f, x)), innermost first.
func Evaluate(x expr.Expr) (out expr.Expr, err error) {
	if !expr.HasDerivative(x) {
		return x, nil
	}
	defer func() {
		if r := recover(); r != nil {
			de, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			out, err = nil, de
		}
	}()
	return expr.ReplaceDerivatives(x, func(d *expr.Derivative) expr.Expr {
		r, err := Diff(d.Body(), d.Var)
		if err != nil {
			panic(err)
		}
		return r
	}), nil
}

// singlePending matches an expansion c1 c2 ... d(inner)/dv whose only
// pending derivative is one factor, returning the other factors and inner.
func singlePending(x expr.Expr) (coef []expr.Expr, inner expr.Expr, ok bool) {
	switch x := x.(type) {
	case *expr.Derivative:
		return nil, x.Body(), true
	case *expr.MulExpr:
		for _, f := range x.Factors() {
			if !expr.HasDerivative(f) {
				coef = append(coef, f)
				continue
			}
			d, isD := f.(*expr.Derivative)
			if !isD || inner != nil {
				return nil, nil, false
			}
			inner = d.Body()
		}
		return coef, inner, inner != nil
	}
	return nil, nil, false
}

// engine holds one differentiation: the variable, the expansion of every
// subterm reached so far, and the step record when one is kept.
type engine struct {
	v          expr.Expr
	expansions map[expr.Expr]expr.Expr // d u/dv in terms of pending derivatives
	deps       map[uint64]bool         // by term ID
	steps      []expr.Step             // nil when not recording
	pending    []expr.Expr             // subterms whose derivative a rule left pending
}

// pend is the callback rules see: the derivative of u, left pending
// unless it is immediate (0 for a constant, 1 for the variable itself).
func (e *engine) pend(u expr.Expr) expr.Expr {
	if u == e.v {
		return expr.One
	}
	if !e.dependsOn(u) {
		return expr.Zero
	}
	if ix, ok := u.(*expr.Indexed); ok {
		if r := indexedDerivative(ix, e.v); r != nil {
			return r
		}
	}
	e.pending = append(e.pending, u)
	return expr.Diff(u, e.v)
}

// dependsOn tells whether u varies with the variable, memoised over the
// shared term so a deep composition costs linear time overall. An element
// of the variable's vector counts as varying (x[j] when v is x[i], or x[1]
// when v is the symbol x), so that an undecidable case becomes a clear
// error rather than a silent zero.
func (e *engine) dependsOn(u expr.Expr) bool {
	if r, ok := e.deps[u.ID()]; ok {
		return r
	}
	r := false
	switch u := u.(type) {
	case *expr.Symbol:
		r = u == e.v
	case *expr.Indexed:
		r = u == e.v || u.Name == varName(e.v)
	}
	for _, a := range u.Args() {
		if r {
			break
		}
		r = e.dependsOn(a)
	}
	e.deps[u.ID()] = r
	return r
}

func varName(v expr.Expr) string {
	switch v := v.(type) {
	case *expr.Symbol:
		return v.Name
	case *expr.Indexed:
		return v.Name
	}
	return ""
}

// run applies the rules breadth-first from x, recording each distinct
// subterm's expansion, then assembles the answer from the expansions.
func (e *engine) run(x expr.Expr) (expr.Expr, error) {
	top := e.pend(x)
	if _, ok := top.(*expr.Derivative); !ok {
		// The variable itself, or a constant: one step, so that a
		// derivation of x or 3 has a line like any other.
		rule := RuleConstant
		if top == expr.One {
			rule = RuleVariable
		}
		e.expansions[x] = top
		if e.steps != nil {
			e.steps = append(e.steps, expr.Step{Rule: rule, Before: expr.Diff(x, e.v), After: top})
		}
		return top, nil
	}
	queue := []expr.Expr{x}
	e.pending = nil
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if _, done := e.expansions[u]; done {
			continue
		}
		rule, note, after, err := apply(u, e.v, e.pend, e.dependsOn)
		if err != nil {
			return nil, err
		}
		e.expansions[u] = after
		if e.steps != nil {
			e.steps = append(e.steps, expr.Step{Rule: rule, Before: expr.Diff(u, e.v), After: after, Note: note})
		}
		queue = append(queue, e.pending...)
		e.pending = e.pending[:0]
	}
	return assemble(top, e.expansions, true), nil
}

// assemble rewrites the pending derivative top into its answer the way a
// reader works through the steps: every pending derivative of the current
// term is replaced by its expansion, in place, level after level, until
// none is left. Replacing in place (not building each subterm's derivative
// apart and inserting it) is what makes the answer exactly the last line of
// the shown chain.
//
// With collapse set, a run of expansions that are products with a single
// pending factor (a chain of compositions) is spliced in one go, up to the
// chain's last pending derivative. Every product along the run contains a
// pending factor, so it only merges factors, and merging them in one go
// gives the same product; a depth-n composition then costs O(n), not
// O(n^2).
func assemble(top expr.Expr, expansions map[expr.Expr]expr.Expr, collapse bool) expr.Expr {
	state := top
	for expr.HasDerivative(state) {
		state = expr.ReplaceDerivatives(state, func(d *expr.Derivative) expr.Expr {
			if !collapse {
				return expansions[d.Body()]
			}
			var factors []expr.Expr
			u := d.Body()
			for {
				coef, inner, ok := singlePending(expansions[u])
				if !ok {
					break
				}
				factors = append(factors, coef...)
				u = inner
			}
			if len(factors) == 0 {
				return expansions[u]
			}
			// The chain's last derivative stays pending for the next round,
			// so it is expanded in place like any other.
			return expr.Mul(append(factors, expr.Diff(u, d.Var))...)
		})
	}
	return state
}
