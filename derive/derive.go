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
	"context"
	"math/bits"
	"slices"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/simplify"
)

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
	// Layout, when the caller sets it, is how the input was written
	// (parser.ParseLayout): printers then start from the input as the
	// author wrote it and keep the author's order from line to line.
	Layout *expr.Layout

	expansions    map[expr.Expr]expr.Expr
	simplifySteps []expr.Step
}

// Line is one line of a derivation as a reader sees it: the term after a
// round of rewrites, and the steps that round applied.
type Line struct {
	State expr.Expr
	Steps []expr.Step
}

// Lines replays the derivation as a chain of equalities, one rule per
// line, as a teacher writes it: each line takes the first pending
// derivative in reading order and applies its rule there and at every
// other pending derivative that the same kind of rule expands (RuleKind:
// "by the sum rule" once for all summands); the rest stay pending for
// later lines. Then each simplification is a line of its own. The last
// line's State is Result.
//
// A composition of more than longChain functions is expanded in a single
// line, as a reader writes the chain rule for f(g(h(...))) on one line:
// one line per function would make a depth-n composition n lines of up to
// n factors each. Lines charges ctx's budget for each derivative it
// expands and stops with the budget's error once it is spent.
func (d *Derivation) Lines(ctx context.Context) ([]Line, error) {
	m := budget.From(ctx)
	var lines []Line
	state := d.Start
	byBefore := map[expr.Expr]expr.Step{}
	for _, s := range d.Steps {
		if _, ok := s.Before.(*expr.Derivative); ok {
			byBefore[s.Before] = s
		}
	}
	// kind is the rule kind that expands p on this line: a long chain is
	// a kind of its own, collapsed in one go.
	kind := func(p *expr.Derivative) (string, expr.Expr, []expr.Expr) {
		out, run := chainRun(d.expansions, p.Body(), d.Var, longChain)
		m.Work(1 + len(run))
		if functions(run, byBefore, d.Var) > longChain {
			return kindChainRun, out, run
		}
		return RuleKind(byBefore[p]), d.expansions[p.Body()], []expr.Expr{p.Body()}
	}
	for expr.HasDerivative(state) {
		now, _, _ := kind(firstDerivative(state))
		var used []expr.Step
		seen := map[expr.Expr]bool{}
		replaced := map[expr.Expr]expr.Expr{}
		before := state
		state = expr.ReplaceDerivatives(state, m, func(p *expr.Derivative) expr.Expr {
			k, out, run := kind(p)
			if k != now {
				return p
			}
			replaced[p] = out
			for _, u := range run {
				if q := expr.Diff(u, d.Var); !seen[q] {
					seen[q] = true
					used = append(used, byBefore[q])
				}
			}
			return out
		})
		if !m.OK() {
			return nil, m.Err()
		}
		if s := cancelled(before, replaced, m); s != nil {
			used = append(used, *s)
		}
		lines = append(lines, Line{State: state, Steps: used})
	}
	for _, s := range d.simplifySteps {
		lines = append(lines, Line{State: s.After, Steps: []expr.Step{s}})
	}
	return lines, nil
}

// functions counts the compositions along a run: the steps of the chain
// rule, not the sums and constant factors between them.
func functions(run []expr.Expr, byBefore map[expr.Expr]expr.Step, v expr.Expr) int {
	n := 0
	for _, u := range run {
		if byBefore[expr.Diff(u, v)].Rule != RuleSum && byBefore[expr.Diff(u, v)].Rule != RuleConstantFactor {
			n++
		}
	}
	return n
}

// cancelled is the step that says a line also cancelled factors: a
// derivative put in place in a product whose other factors divide by one
// of its factors (d(2 pi s)/ds = 2 pi beside 1/(4 pi s) leaves 1/(2 s)),
// which the product's canonical form does at once. Nil when nothing
// cancels: a line that cancels is not just the rule that made it.
func cancelled(state expr.Expr, replaced map[expr.Expr]expr.Expr, m *budget.Meter) *expr.Step {
	var step *expr.Step
	expr.Inspect(state, func(x expr.Expr) bool {
		if step != nil || !expr.HasDerivative(x) || !m.Work(1+len(x.Args())) {
			return false
		}
		mul, ok := x.(*expr.MulExpr)
		if !ok {
			return true
		}
		for i, f := range mul.Factors() {
			out, ok := replaced[f]
			if !ok {
				continue
			}
			others := append(slices.Clip(mul.Factors()[:i]), mul.Factors()[i+1:]...)
			if dividesBy(others, out) {
				step = &expr.Step{Rule: simplify.RuleCancel, Before: x, After: expr.Mul(append(others, out)...)}
				return false
			}
		}
		return true
	})
	return step
}

// dividesBy reports whether some non-numeric factor of e meets its
// inverse among fs (or the other way round).
func dividesBy(fs []expr.Expr, e expr.Expr) bool {
	sign := map[expr.Expr]int{}
	for _, f := range fs {
		if b, k, ok := numericPower(f); ok {
			sign[b] = k
		}
	}
	efs := []expr.Expr{e}
	if em, ok := e.(*expr.MulExpr); ok {
		efs = em.Factors()
	}
	for _, f := range efs {
		if b, k, ok := numericPower(f); ok && sign[b] == -k {
			return true
		}
	}
	return false
}

// numericPower splits a non-numeric factor into its base and the sign of
// its numeric exponent.
func numericPower(f expr.Expr) (expr.Expr, int, bool) {
	if f.Kind() == expr.KindNumber {
		return nil, 0, false
	}
	b, e := expr.BaseExp(f)
	n, ok := e.(*expr.Number)
	if !ok || n.Sign() == 0 {
		return nil, 0, false
	}
	return b, n.Sign(), true
}

// kindChainRun is the kind of a line that collapses a long chain.
const kindChainRun = "chain-run"

// firstDerivative is the first pending derivative in x as it is read:
// a sum's terms in the order they are printed (expr.SumDisplayOrder), a
// product's numerator before its denominator, outside in.
func firstDerivative(x expr.Expr) *expr.Derivative {
	if p, ok := x.(*expr.Derivative); ok {
		return p
	}
	args := x.Args()
	switch x := x.(type) {
	case *expr.AddExpr:
		args = expr.SumDisplayOrder(x)
	case *expr.MulExpr:
		_, num, den := expr.NumDen(x)
		args = append(slices.Clip(num), den...)
	}
	for _, a := range args {
		if expr.HasDerivative(a) {
			return firstDerivative(a)
		}
	}
	return nil
}

// RuleKind is the kind of rule a derivation step applies, which decides
// what shares a line: every chain rule is one kind whatever its outer
// function, and the derivatives read off the table (of x^n, sin x, a
// constant, the variable itself) are another; every other rule is a kind
// of its own.
func RuleKind(s expr.Step) string {
	switch {
	case s.Rule == RuleChain:
		return "chain"
	case s.Rule == RulePower, s.Rule == RuleExponential, s.Rule == RuleVariable, s.Rule == RuleConstant, tableRules[s.Rule]:
		return "table"
	case s.Rule == nil:
		return ""
	}
	return s.Rule.Name
}

// tableRules are the rules of the derivative table applied to the
// variable itself.
var tableRules = func() map[*expr.Rule]bool {
	out := map[*expr.Rule]bool{}
	for _, fr := range funcRules {
		out[fr.rule] = true
	}
	return out
}()

// longChain is the longest composition Lines expands one function per
// line.
const longChain = 8

// chainRun follows the run of compositions that starts at u: expansions
// that are products with a single pending factor, d(u)/dv = c1 d(u1)/dv =
// c1 c2 d(u2)/dv = .... A run ends where an expansion has several pending
// derivatives, which stays pending, or none, which joins the run. When
// the run is longer than limit, chainRun returns the product that
// replaces d(u)/dv and the subterms along the run, whose steps it
// applies; otherwise nil.
func chainRun(expansions map[expr.Expr]expr.Expr, u, v expr.Expr, limit int) (out expr.Expr, run []expr.Expr) {
	var factors []expr.Expr
	for {
		e := expansions[u]
		coef, inner, ok := singlePending(e)
		if !ok {
			if e != nil && !expr.HasDerivative(e) {
				factors = append(factors, e)
				run = append(run, u)
			} else {
				factors = append(factors, expr.Diff(u, v))
			}
			break
		}
		factors = append(factors, coef...)
		run = append(run, u)
		u = inner
	}
	if len(run) <= limit {
		return nil, nil
	}
	return expr.Mul(factors...), run
}

// Diff returns the simplified derivative of x with respect to v. The work
// is charged to ctx's budget (package budget); when it runs out, Diff
// returns the budget's error.
func Diff(ctx context.Context, x, v expr.Expr) (expr.Expr, error) {
	d, err := derive(ctx, x, v, false)
	if err != nil {
		return nil, err
	}
	return d.Result, nil
}

// Steps differentiates x with respect to v and keeps the step record.
func Steps(ctx context.Context, x, v expr.Expr) (*Derivation, error) {
	return derive(ctx, x, v, true)
}

func derive(ctx context.Context, x, v expr.Expr, record bool) (*Derivation, error) {
	switch v.(type) {
	case *expr.Symbol, *expr.Indexed:
	default:
		return nil, diag.Errorf("cannot differentiate with respect to %s: not a variable", expr.Short(v))
	}
	if s, ok := v.(*expr.Symbol); ok && expr.IsConstantSymbol(s) {
		return nil, diag.Errorf("cannot differentiate with respect to the constant %s", s.Name())
	}
	x, err := Evaluate(ctx, x)
	if err != nil {
		return nil, err
	}
	if u := expr.UndefinedIn(x); u != nil {
		return nil, diag.Errorf("the expression is undefined: %s", u.Reason())
	}
	m := budget.From(ctx)
	e := &engine{v: v, m: m, expansions: map[expr.Expr]expr.Expr{}, deps: map[uint64]bool{}}
	if record {
		e.steps = []expr.Step{}
	}
	raw, err := e.run(x)
	if err != nil {
		return nil, err
	}
	res, ssteps := simplify.AfterDerivative(ctx, raw)
	if err := m.Err(); err != nil {
		return nil, err
	}
	if u := expr.UndefinedIn(res); u != nil {
		return nil, diag.Errorf("the derivative of %s with respect to %s is undefined: %s", expr.Short(x), v, u.Reason())
	}
	// A term undefined everywhere, 1/(log(exp(x)) - x), can have a
	// derivative that looks defined: the chain rule's factor 0 wipes out
	// the 1/0. The simplifier sees it in the term itself.
	if sx, _ := simplify.Basic(ctx, x); m.OK() {
		if u := expr.UndefinedIn(sx); u != nil {
			return nil, diag.Errorf("%s is undefined once simplified: %s", expr.Short(x), u.Reason())
		}
	}
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
func Evaluate(ctx context.Context, x expr.Expr) (expr.Expr, error) {
	if !expr.HasDerivative(x) {
		return x, nil
	}
	m := budget.From(ctx)
	var failed error // the first; the derivatives after it are left alone
	out := expr.ReplaceDerivatives(x, m, func(d *expr.Derivative) expr.Expr {
		if failed != nil {
			return d
		}
		r, err := Diff(ctx, d.Body(), d.Var())
		if err != nil {
			failed = err
			return d
		}
		return r
	})
	if failed == nil {
		failed = m.Err()
	}
	if failed != nil {
		return nil, failed
	}
	return out, nil
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
	m          *budget.Meter
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
		r = u == e.v || u.Name() == varName(e.v)
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
		return v.Name()
	case *expr.Indexed:
		return v.Name()
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
		if !e.m.Work(ruleCost(u)) {
			return nil, e.m.Err()
		}
		rule, note, after, err := apply(u, e.v, e.pend, e.dependsOn)
		if err != nil {
			return nil, err
		}
		if un := expr.UndefinedIn(after); un != nil {
			// 0^x by the exponential rule meets log(0).
			return nil, diag.Errorf("the derivative of %s with respect to %s is undefined: %s", expr.Short(u), e.v, un.Reason())
		}
		e.expansions[u] = after
		if e.steps != nil {
			e.steps = append(e.steps, expr.Step{Rule: rule, Before: expr.Diff(u, e.v), After: after, Note: note})
		}
		queue = append(queue, e.pending...)
		e.pending = e.pending[:0]
	}
	out := assemble(top, e.expansions, e.m)
	if err := e.m.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// ruleCost is the work of one rule application: the product rule writes
// each of n factors' derivative beside the n-1 others, n products that
// are each sorted (n log n), and so does the rule of a function of any
// number of arguments (max, min), whose partial by each argument compares
// it with all the others; every other rule touches each argument about
// once.
func ruleCost(u expr.Expr) int {
	n := len(u.Args())
	switch u := u.(type) {
	case *expr.MulExpr:
		return 1 + n*n*bits.Len(uint(n))
	case *expr.CallExpr:
		if u.Func().MaxArgs < 0 {
			return 1 + n*n*bits.Len(uint(n))
		}
	}
	return 1 + n
}

// assemble rewrites the pending derivative top into its answer the way a
// reader works through the steps: every pending derivative of the current
// term is replaced by its expansion, in place, level after level, until
// none is left. Replacing in place (not building each subterm's derivative
// apart and inserting it) is what makes the answer exactly the last line of
// the shown chain.
//
// A run of expansions that are products with a single pending factor (a
// chain of compositions) is spliced in one go, up to the chain's last
// pending derivative. Every product along the run contains a pending
// factor, so it only merges factors, and merging them in one go gives the
// same product; a depth-n composition then costs O(n), not O(n^2).
func assemble(top expr.Expr, expansions map[expr.Expr]expr.Expr, m *budget.Meter) expr.Expr {
	state := top
	for expr.HasDerivative(state) && m.OK() {
		state = expr.ReplaceDerivatives(state, m, func(d *expr.Derivative) expr.Expr {
			out, run := chainRun(expansions, d.Body(), d.Var(), 0)
			m.Work(1 + len(run))
			if run == nil {
				return expansions[d.Body()]
			}
			// A derivative left pending where the chain ends is expanded
			// in place in the next round, like any other.
			return out
		})
	}
	return state
}
