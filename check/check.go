package check

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/equiv"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/simplify"
)

// Options are what a check is told besides the derivation.
type Options struct {
	Syntax parser.Syntax
	Assume *equiv.Assumptions
	// Wrt are the parameters of argmin and constant relations that do not
	// name their own, and the variable of derivative steps that do not.
	Wrt []string
}

// Step is the verdict on one line against the line before it.
type Step struct {
	// Line is the 1-based line of the file the step's right side starts
	// on; FromLine that of its left side.
	Line, FromLine int
	From, To       string // the two sides as written
	Rel            Rel
	Verdict        equiv.Verdict
	Conditions     []string
	Counterexample *equiv.Counterexample
	// Hint names the slip that explains a wrong step, empty when no rule
	// does; Kind is its identifier (sign, chain, dropped-term, ...).
	Hint, Kind string
	Reason     string
	// Expected is what the engine gets from the line before, for a wrong
	// step whose left side is a derivative: the derivative worked out.
	Expected string
}

// maxExpectedSize bounds the terms a wrong step shows as expected.
const maxExpectedSize = 80

// Report is a checked derivation.
type Report struct {
	Steps []Step
	// FirstWrong is the index in Steps of the first step that fails, -1
	// when none does.
	FirstWrong int
	// Errors are the lines that could not be read; the others are
	// checked all the same.
	Errors diag.List
	// Lines are the derivation's lines, Terms what they read as (nil for
	// a line that does not read), and StepOf the index in Steps of the
	// step ending at each line (-1 for the start of a chain).
	Lines  []Line
	Terms  []expr.Expr
	StepOf []int
	// Answer marks the check of a final answer against the expected
	// term, which Text writes as such.
	Answer bool
	// Definitions are the lines that name what the next line is
	// (L(w) = ..., read as a product with a name nothing else uses): they
	// start the chain and are not compared with it.
	Definitions []int
	// Defines maps the line of a definition's head to the name it
	// defines, for the heads that name one (L(w), \ell, f := ...): later
	// lines are read with the definition put in for the name.
	Defines map[int]string
	// Equations are the lines that set the line before them equal to
	// them (... = 0, a stationary point's condition) rather than state
	// an identity: the equation an implication after them solves.
	Equations []int
}

// Verdict is the derivation's: not equal when a step fails, else
// undecided when one is or when the derivation was cut (its lines past
// MaxLines are not checked), else equal under conditions when one holds
// only under some, else equal.
func (r *Report) Verdict() equiv.Verdict {
	worst := equiv.Holds
	if r.Cut() != nil || len(r.Steps) == 0 {
		worst = equiv.Undecided // cut, or nothing checked (no line read)
	}
	rank := map[equiv.Verdict]int{equiv.Holds: 0, equiv.HoldsUnder: 1, equiv.Undecided: 2, equiv.Fails: 3}
	for _, s := range r.Steps {
		if rank[s.Verdict] > rank[worst] {
			worst = s.Verdict
		}
	}
	return worst
}

// Cut is the error where the derivation was cut, nil when it was not.
func (r *Report) Cut() *diag.Error {
	for _, e := range r.Errors {
		if errors.Is(e, ErrCut) {
			return e
		}
	}
	return nil
}

// parsed is a line read into a term.
type parsed struct {
	Line
	x   expr.Expr
	err error
}

// Check checks lines, each against the one before it. An error is a
// budget that ran out; lines that do not read are in the report's Errors.
func Check(ctx context.Context, lines []Line, opt Options) (*Report, error) {
	rep := &Report{FirstWrong: -1}
	if len(lines) == 0 {
		return nil, diag.Errorf("the derivation is empty: nothing to check")
	}
	ps := make([]parsed, len(lines))
	texts, heads := definitions(lines, opt.Syntax)
	rep.Defines = map[int]string{}
	for i, l := range lines {
		ps[i].Line = l
		if l.Rel.Unknown && l.Text == "" {
			ps[i].err = diag.At(l.Pos, "no expression")
			continue
		}
		syntax := opt.Syntax
		if l.Plain {
			syntax = parser.Plain
		}
		x, err := parser.ParseAs(syntax, l.Pos.File, texts[i])
		if err != nil && texts[i] != l.Text {
			// Where the line as written goes wrong, or else the line
			// with the definitions put in.
			if _, e := parser.ParseAs(syntax, l.Pos.File, l.Text); e != nil {
				err = e
			} else {
				err = diag.Errorf("with the definitions before it put in: %s", diag.From(err).Msg)
			}
		}
		if _, ok := heads[i]; ok {
			// A definition's head need not read (f(x) in plain syntax):
			// it is compared with nothing.
			ps[i].x = x
			continue
		}
		if err != nil {
			d := shiftError(err, l)
			switch {
			case len(rep.Errors) < maxErrors:
				rep.Errors = append(rep.Errors, d)
			case len(rep.Errors) == maxErrors:
				rep.Errors = append(rep.Errors, diag.At(l.Pos, "more lines do not read; the first %d are shown", maxErrors))
			}
			ps[i].err = d
			continue
		}
		if l.Rel.Kind == Start && strings.HasPrefix(l.Rel.Sign, "d/d") {
			x, err = firstDerivative(x, l, opt)
			if err != nil {
				rep.Errors = append(rep.Errors, diag.From(err))
				ps[i].err = err
				continue
			}
		}
		ps[i].x = x
	}
	rep.Lines = lines
	rep.Terms = make([]expr.Expr, len(ps))
	rep.StepOf = make([]int, len(ps))
	for i := range ps {
		rep.Terms[i] = ps[i].x
		rep.StepOf[i] = -1
	}
	var spent error
	// eq is the last equation (its left side minus its right, set to
	// zero) that an implication solves, and eqAt its line.
	var eq expr.Expr
	var eqAt parsed
	for i := 1; i < len(ps); i++ {
		if ps[i].Rel.Kind == Start {
			continue
		}
		if ps[i].Rel.Kind == Implies {
			if i+1 >= len(ps) || ps[i+1].Rel.Kind != Equal || ps[i+1].Rel.Unknown {
				rep.StepOf[i] = len(rep.Steps)
				rep.Steps = append(rep.Steps, Step{Line: ps[i].Pos.Line, FromLine: ps[i-1].Pos.Line, From: strings.TrimSpace(ps[i-1].Text), To: strings.TrimSpace(ps[i].Text),
					Rel: ps[i].Rel, Verdict: equiv.Undecided, Reason: ps[i].Rel.Sign + " wants an equation after it, the solution: v = expression"})
			}
			continue
		}
		if ps[i-1].Rel.Kind == Implies && ps[i].Rel.Kind == Equal {
			rep.StepOf[i] = len(rep.Steps)
			st, err := checkSolution(ctx, eq, eqAt, ps[i-1], ps[i], opt)
			if err != nil {
				return nil, err
			}
			if st.Verdict == equiv.Fails && rep.FirstWrong < 0 {
				rep.FirstWrong = len(rep.Steps)
			}
			rep.Steps = append(rep.Steps, st)
			if ps[i-1].x != nil && ps[i].x != nil {
				eq, eqAt = expr.Sub(ps[i-1].x, ps[i].x), ps[i]
				eqAt.Text = strings.TrimSpace(ps[i-1].Text) + " = " + strings.TrimSpace(ps[i].Text)
			}
			continue
		}
		if name, ok := heads[i-1]; ok {
			rep.Definitions = append(rep.Definitions, ps[i-1].Pos.Line)
			rep.Defines[ps[i-1].Pos.Line] = name
			continue
		}
		if ps[i].Rel.Define {
			st := Step{Line: ps[i].Pos.Line, FromLine: ps[i-1].Pos.Line, From: strings.TrimSpace(ps[i-1].Text), To: strings.TrimSpace(ps[i].Text), Rel: ps[i].Rel,
				Verdict: equiv.Undecided, Reason: "a definition whose left side is no name, or a name defined before: write NAME := ... or NAME(args) := ..."}
			rep.StepOf[i] = len(rep.Steps)
			rep.Steps = append(rep.Steps, st)
			continue
		}
		if ps[i-1].Rel.Kind == Start && ps[i].Rel.Kind == Equal && definition(ps, i) {
			rep.Definitions = append(rep.Definitions, ps[i-1].Pos.Line)
			continue
		}
		if equation(ps, i) && spent == nil {
			// An equation to solve rather than a step, unless it holds
			// as one (x - x = 0).
			st, err := checkStep(ctx, ps[i-1], ps[i], opt)
			if err == nil && st.Verdict != equiv.Holds && st.Verdict != equiv.HoldsUnder && ps[i-1].x != nil && ps[i].x != nil {
				eq, eqAt = expr.Sub(ps[i-1].x, ps[i].x), ps[i]
				eqAt.Text = strings.TrimSpace(ps[i-1].Text) + " = " + strings.TrimSpace(ps[i].Text)
				rep.Equations = append(rep.Equations, ps[i].Pos.Line)
				continue
			}
		}
		if ps[i].x != nil && i+1 < len(ps) && ps[i+1].Rel.Kind == Implies {
			// A step that holds before an implication: its line is
			// what is set to zero (... = 2 (w - 3) => w = 3).
			eq, eqAt = ps[i].x, ps[i]
			eqAt.Text = strings.TrimSpace(ps[i].Text) + " = 0"
		}
		rep.StepOf[i] = len(rep.Steps)
		if spent != nil {
			// The budget ran out: the steps left are not decided.
			rep.Steps = append(rep.Steps, Step{Line: ps[i].Pos.Line, FromLine: ps[i-1].Pos.Line,
				From: strings.TrimSpace(ps[i-1].Text), To: strings.TrimSpace(ps[i].Text), Rel: ps[i].Rel,
				Verdict: equiv.Undecided, Reason: "not checked: " + diag.From(spent).Msg})
			continue
		}
		st, err := checkStep(ctx, ps[i-1], ps[i], opt)
		if err != nil {
			if len(rep.Steps) == 0 {
				return nil, err
			}
			// What was checked is kept; the error is the report's.
			spent = err
			rep.Errors = append(rep.Errors, diag.At(ps[i].Pos, "%s", diag.From(err).Msg))
			rep.Errors[len(rep.Errors)-1].Err = err
			i--
			continue
		}
		if st.Verdict == equiv.Fails && rep.FirstWrong < 0 {
			rep.FirstWrong = len(rep.Steps)
		}
		rep.Steps = append(rep.Steps, st)
	}
	if len(rep.Steps) == 0 && len(rep.Errors) == 0 {
		return nil, diag.At(lines[0].Pos, "one expression and no step: a derivation needs two lines at least")
	}
	return rep, nil
}

// shiftError places a parse error of a line's text in the file.
func shiftError(err error, l Line) *diag.Error {
	d := *diag.From(err)
	if d.Pos.IsValid() {
		p := l.Pos
		if d.Pos.Line == 1 {
			p.Col += d.Pos.Col - 1
		} else {
			p.Line += d.Pos.Line - 1
			p.Col = d.Pos.Col
		}
		p.Offset += d.Pos.Offset
		d.Pos = p
	} else {
		d.Pos = l.Pos
		d.Src = l.Text
	}
	switch {
	case d.Pos.Line == l.Pos.Line && l.Src != "":
		d.Src = l.Src
	case d.Pos.Line == l.Pos.Line:
		first, _, _ := strings.Cut(l.Text, "\n")
		d.Src = strings.Repeat(" ", l.Pos.Col-1) + first
	}
	return &d
}

// checkStep decides one step.
func checkStep(ctx context.Context, from, to parsed, opt Options) (Step, error) {
	st := Step{Line: to.Pos.Line, FromLine: from.Pos.Line, From: strings.TrimSpace(from.Text), To: strings.TrimSpace(to.Text), Rel: to.Rel}
	if to.Rel.Unknown {
		st.Verdict, st.Reason = equiv.Undecided, "the relation sign is not one check knows"
		return st, nil
	}
	if from.err != nil || to.err != nil {
		bad := from
		if to.err != nil {
			bad = to
		}
		st.Verdict = equiv.Undecided
		st.Reason = fmt.Sprintf("line %d does not read: %s", bad.Pos.Line, diag.From(bad.err).Msg)
		return st, nil
	}
	params := to.Rel.Params
	if len(params) == 0 {
		params = opt.Wrt
	}
	left := from.x
	rel := to.Rel.Kind
	if rel == Derivative {
		if to.Rel.Wrt == "" {
			if len(opt.Wrt) == 0 {
				st.Verdict, st.Reason = equiv.Undecided, "d/d without a variable: write d/dw, or give --wrt"
				return st, nil
			}
			to.Rel.Wrt = opt.Wrt[0]
			st.Rel.Wrt = opt.Wrt[0]
		}
		v, err := parser.Parse(to.Rel.Wrt)
		if err != nil {
			st.Verdict, st.Reason = equiv.Undecided, fmt.Sprintf("d/d%s: %s is not a variable", to.Rel.Wrt, to.Rel.Wrt)
			return st, nil
		}
		left = expr.Diff(from.x, v)
		params = []string{to.Rel.Wrt}
	}
	p := equiv.Problem{Left: left, Right: to.x, Relation: rel.equiv(), Params: params, Assume: opt.Assume}
	res, err := equiv.Decide(ctx, p)
	if err != nil {
		if !budget.From(ctx).OK() {
			return st, err
		}
		st.Verdict, st.Reason = equiv.Undecided, diag.From(err).Msg
		return st, nil
	}
	st.Verdict, st.Conditions, st.Counterexample, st.Reason = res.Verdict, res.Conditions, res.Counterexample, res.Reason
	if res.Verdict == equiv.Fails {
		if expr.HasDerivative(left) {
			if e := evaluated(ctx, left); !expr.HasDerivative(e) && expr.Size(e) <= maxExpectedSize {
				st.Expected = expr.Plain(e)
			}
		}
		st.Kind, st.Hint = hint(ctx, p, derivativeVars(left, to.Rel, opt.Wrt))
		if len(params) == 0 && rel != Equal && rel != Derivative {
			if k, h := paramsHint(ctx, p); k != "" {
				st.Kind, st.Hint = k, h
			}
		}
	}
	return st, nil
}

// KindNoParams: a relation about parameters (=c, propto, argmin) checked
// without any named, so that every variable is one and only a number
// counts as a constant.
const KindNoParams = "no-params"

// maxParamTries bounds the variables paramsHint tries as parameters.
const maxParamTries = 12

// paramsHint names the variables with which a failed step about
// parameters holds, each tried alone as the only parameter; empty when
// none makes it hold (the step is wrong whatever the parameters).
func paramsHint(ctx context.Context, p equiv.Problem) (kind, text string) {
	var names, with []string
	for _, x := range []expr.Expr{p.Left, p.Right} {
		for _, s := range expr.FreeSymbols(x) {
			if !slices.Contains(names, s.Name()) {
				names = append(names, s.Name())
			}
		}
	}
	if len(names) > maxParamTries {
		return "", ""
	}
	for _, n := range names {
		q := p
		q.Params = []string{n}
		if res, err := equiv.Decide(ctx, q); err == nil && (res.Verdict == equiv.Holds || res.Verdict == equiv.HoldsUnder) {
			with = append(with, n)
		}
	}
	if len(with) == 0 {
		return "", ""
	}
	alt := ""
	if len(with) > 1 {
		alt = " (or --wrt " + strings.Join(with[1:], ", or --wrt ") + ")"
	}
	return KindNoParams, fmt.Sprintf("no parameters named: every variable counts as one, so only a number is a constant; the step holds with --wrt %s%s (what does not depend on the parameters is a constant): name them with --wrt, or in the relation (argmin_{w,b})", with[0], alt)
}

// equation reports whether line i sets line i-1 equal to it, an
// equation rather than a step, when it does not hold as an identity: a
// line 0 that comes before an implication (... = 0 => v = e) or ends a
// chain that works out a derivative (a stationary point's condition;
// w - c = 0 elsewhere is a claim), or the first step of a chain that
// comes before an implication (N/v = S => v = N/S).
func equation(ps []parsed, i int) bool {
	if ps[i].Rel.Kind != Equal || ps[i].Rel.Unknown {
		return false
	}
	next := Start
	if i+1 < len(ps) {
		next = ps[i+1].Rel.Kind
	}
	if ps[i].x == expr.Zero && (next == Implies || next == Start && derivativeChain(ps, i)) {
		return true
	}
	return next == Implies && ps[i-1].Rel.Kind == Start
}

// derivativeChain reports whether the chain line i ends in works out a
// derivative: a step of it is d/dw, or its first line is one.
func derivativeChain(ps []parsed, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if ps[j].Rel.Kind == Derivative {
			return true
		}
		if ps[j].Rel.Kind == Start {
			return ps[j].x != nil && expr.HasDerivative(ps[j].x)
		}
	}
	return false
}

// checkSolution decides an implication: the equation lhs = rhs after it
// follows from the equation eq = 0 of line eqAt. A variable (its estimate
// v_hat standing for v) set to an expression without it is substituted
// into eq; another equation is solved for a variable it holds linearly,
// and that solution substituted. The verdict is whether eq vanishes
// there: the stated solution satisfies the equation.
func checkSolution(ctx context.Context, eq expr.Expr, eqAt, lhs, rhs parsed, opt Options) (Step, error) {
	st := Step{Line: rhs.Pos.Line, FromLine: eqAt.Pos.Line, From: eqAt.Text, To: strings.TrimSpace(lhs.Text) + " = " + strings.TrimSpace(rhs.Text), Rel: lhs.Rel, Verdict: equiv.Undecided}
	switch {
	case lhs.err != nil || rhs.err != nil:
		bad := lhs
		if rhs.err != nil {
			bad = rhs
		}
		st.Reason = fmt.Sprintf("line %d does not read: %s", bad.Pos.Line, diag.From(bad.err).Msg)
		return st, nil
	case eq == nil:
		st.FromLine, st.From = lhs.Pos.Line, ""
		st.Reason = "no equation before it to solve: set a line to zero (... = 0) before " + lhs.Rel.Sign
		return st, nil
	}
	// v_hat is the estimate of v: the equation is about v.
	hats := map[expr.Expr]expr.Expr{}
	for _, x := range []expr.Expr{lhs.x, rhs.x} {
		for _, s := range expr.FreeSymbols(x) {
			if base, ok := strings.CutSuffix(s.Name(), "_hat"); ok && !expr.DependsOn(eq, s) && expr.DependsOn(eq, expr.Sym(base)) {
				hats[s] = expr.Sym(base)
			}
		}
	}
	l, r := expr.Substitute(lhs.x, hats), expr.Substitute(rhs.x, hats)
	q := expr.Sub(l, r)
	var v, sol expr.Expr
	if s, ok := l.(*expr.Symbol); ok && !expr.DependsOn(r, s) {
		v, sol = s, r
	} else {
		for _, s := range expr.FreeSymbols(q) {
			if !expr.DependsOn(eq, s) {
				continue
			}
			if x, ok := linearSolution(ctx, q, s); ok {
				v, sol = s, x
				break
			}
		}
	}
	if v == nil {
		st.Reason = "the equation is not solved for a variable of the equation before (v = expression, or one where it appears linearly)"
		return st, nil
	}
	at := expr.Substitute(eq, map[expr.Expr]expr.Expr{v: sol})
	res, err := equiv.Decide(ctx, equiv.Problem{Left: at, Right: expr.Zero, Relation: equiv.Equal, Assume: opt.Assume.Without(v)})
	if err != nil {
		if !budget.From(ctx).OK() {
			return st, err
		}
		st.Reason = diag.From(err).Msg
		return st, nil
	}
	st.Verdict, st.Conditions, st.Counterexample = res.Verdict, res.Conditions, res.Counterexample
	st.Reason = fmt.Sprintf("%s = %s substituted into %s: %s", expr.Plain(v), expr.Plain(sol), eqAt.Text, res.Reason)
	if res.Verdict == equiv.Fails {
		if x, ok := linearSolution(ctx, eq, v); ok && expr.Size(x) <= maxExpectedSize {
			st.Expected = expr.Plain(x)
		}
		left := "a value that is not 0 everywhere"
		if e, _ := simplify.Simplify(ctx, at); e != nil && expr.Size(e) <= maxExpectedSize {
			left = expr.Plain(e)
		}
		st.Kind = KindSolution
		st.Hint = fmt.Sprintf("the solution does not satisfy the equation of line %d: %s = %s leaves %s there, not 0", eqAt.Pos.Line, expr.Plain(v), expr.Plain(sol), left)
	}
	return st, nil
}

// KindSolution: an implication's solution that does not satisfy the
// equation it solves.
const KindSolution = "solution"

// linearSolution solves q = 0 for v when q is linear in v (a v + b, a not
// zero and free of v), in the variable or once the denominators holding it
// are cleared (N/v - S = 0: N - S v = 0).
func linearSolution(ctx context.Context, q expr.Expr, v expr.Expr) (expr.Expr, bool) {
	for _, x := range []expr.Expr{q, cleared(q, v)} {
		if x == nil {
			continue
		}
		a, err := derive.Diff(ctx, x, v)
		if err != nil || expr.DependsOn(a, v) && !simplify.IsZero(ctx, mustDiff(ctx, a, v)) {
			continue
		}
		if simplify.IsZero(ctx, a) {
			continue
		}
		b := expr.Substitute(x, map[expr.Expr]expr.Expr{v: expr.Zero})
		if expr.IsUndefined(b) {
			continue
		}
		sol, _ := simplify.Simplify(ctx, expr.Neg(expr.Div(b, a)))
		if sol == nil || expr.DependsOn(sol, v) {
			continue
		}
		return sol, true
	}
	return nil, false
}

// mustDiff is d x/d v, or x itself when the engine cannot (so that it is
// not taken for zero).
func mustDiff(ctx context.Context, x, v expr.Expr) expr.Expr {
	d, err := derive.Diff(ctx, x, v)
	if err != nil {
		return x
	}
	return d
}

// maxCleared bounds the denominators cleared and their powers.
const maxCleared = 8

// cleared is q times the denominators of its terms that hold v, each to
// the highest power it has (N/v - S (1 - v)^-1 times v (1 - v)); nil when
// no term has one.
func cleared(q, v expr.Expr) expr.Expr {
	var bases []expr.Expr
	most := map[expr.Expr]int64{}
	for _, t := range terms(q) {
		for _, f := range factors(t) {
			p, ok := f.(*expr.PowExpr)
			if !ok || !expr.DependsOn(p.Base(), v) {
				continue
			}
			n, ok := p.Exp().(*expr.Number)
			if !ok || n.Sign() >= 0 {
				continue
			}
			k, ok := n.Int64()
			if !ok || -k > maxCleared {
				continue
			}
			if _, seen := most[p.Base()]; !seen {
				bases = append(bases, p.Base())
			}
			most[p.Base()] = max(most[p.Base()], -k)
		}
	}
	if len(bases) == 0 || len(bases) > maxCleared {
		return nil
	}
	var by []expr.Expr
	for _, b := range bases {
		by = append(by, expr.Pow(b, expr.Int(most[b])))
	}
	var out []expr.Expr
	for _, t := range terms(q) {
		out = append(out, expr.Mul(append([]expr.Expr{t}, by...)...))
	}
	return expr.Add(out...)
}

// derivativeVars are the variables a step differentiates by: its own,
// those of diff(...) in its left side, or --wrt.
func derivativeVars(from expr.Expr, rel Rel, wrt []string) []expr.Expr {
	var vs []expr.Expr
	if rel.Kind == Derivative {
		if v, err := parser.Parse(rel.Wrt); err == nil {
			vs = append(vs, v)
		}
	}
	expr.Inspect(from, func(x expr.Expr) bool {
		if d, ok := x.(*expr.Derivative); ok {
			vs = append(vs, d.Var())
		}
		return true
	})
	if len(vs) == 0 {
		for _, w := range wrt {
			if v, err := parser.Parse(w); err == nil {
				vs = append(vs, v)
			}
		}
	}
	return vs
}

// evaluated is x with its derivatives worked out, or x.
func evaluated(ctx context.Context, x expr.Expr) expr.Expr {
	if y, err := derive.Evaluate(ctx, x); err == nil {
		return y
	}
	return x
}

// definition reports whether the first line of a chain, ps[i-1], names
// the line after it rather than states something to check: it is a
// product of names and their powers (L(w), -log p(y | w) read as
// products, possibly under a minus and a log), and one of its names,
// one that names functions (capitalised, longer than a letter and no
// Greek letter, or f, g, h, p, q), appears in no later line. (x y = x^2
// is checked, not taken for a definition of x y.)
func definition(ps []parsed, i int) bool {
	l := ps[i-1].x
	if l == nil || ps[i].x == nil || !nameLike(l) {
		return false
	}
	for _, s := range expr.FreeSymbols(l) {
		used := false
		for _, p := range ps[i:] {
			if p.x != nil && expr.DependsOn(p.x, s) {
				used = true
				break
			}
		}
		if !used && functionName(s.Name()) {
			return true
		}
	}
	return false
}

// nameLike: x is a name, or a product of names and powers of names, under
// a minus sign, a log or an exp.
func nameLike(x expr.Expr) bool {
	switch y := x.(type) {
	case *expr.Symbol, *expr.Indexed:
		return true
	case *expr.PowExpr:
		return nameLike(y.Base())
	case *expr.CallExpr:
		return (y.Func() == expr.FnLog || y.Func() == expr.FnExp) && nameLike(y.Args()[0])
	case *expr.MulExpr:
		for _, f := range y.Factors() {
			if n, ok := f.(*expr.Number); ok && (n == expr.MinusOne || n.Sign() != 0) {
				continue
			}
			if !nameLike(f) {
				return false
			}
		}
		return true
	}
	return false
}

func functionName(n string) bool {
	switch {
	case greek[n]:
		return false // \lambda = N/S states a value
	case len(n) > 1:
		return true
	case n >= "A" && n <= "Z":
		return true
	}
	return strings.Contains("fghpq", n)
}

// firstDerivative is d/dVAR x, written before a derivation's first line:
// the derivative the derivation works out.
func firstDerivative(x expr.Expr, l Line, opt Options) (expr.Expr, error) {
	wrt := l.Rel.Wrt
	if wrt == "" {
		if len(opt.Wrt) == 0 {
			return nil, diag.At(l.Pos, "d/d without a variable: write d/dw, or give --wrt")
		}
		wrt = opt.Wrt[0]
	}
	v, err := parser.ParseVariable(wrt)
	if err != nil {
		return nil, diag.At(l.Pos, "d/d%s: %s is not a variable", wrt, wrt)
	}
	return expr.Diff(x, v), nil
}
