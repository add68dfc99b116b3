// Package mle derives maximum-likelihood estimates: from a model density
// p(y | x; θ) to the negative log-likelihood of a training set, its
// simplified objective, its gradient and, where one exists, the closed-form
// stationary point. Every rewrite on the way is a step of package simplify
// or derive, so the derivation shown is the one computed.
package mle

import (
	"context"
	"fmt"
	"slices"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/simplify"
)

// Model is a density over a response given data, with unknown parameters.
type Model struct {
	Name     string // the density's name, "p" by default
	Density  expr.Expr
	Response *expr.Symbol   // y: observed once per example
	Given    []*expr.Symbol // x, ...: observed once per example
	Params   []*expr.Symbol // θ: estimated
	// Consts are known constants shared by every example (a known noise
	// scale σ): neither estimated nor indexed by example.
	Consts []*expr.Symbol
	// Layout is how Density is written (parser.ParseDensityLayout), or
	// nil: the likelihood then shows the density as its author wrote it.
	Layout *expr.Layout
}

// NewModel checks a density and sorts its symbols into response, data,
// known constants and parameters. response defaults to y; every free
// symbol that is neither a parameter, a constant nor the response is data.
func NewModel(density expr.Expr, params []string, response string, consts ...string) (*Model, error) {
	if len(params) == 0 {
		return nil, diag.Errorf("no parameters to estimate: name them with --params")
	}
	if response == "" {
		response = "y"
	}
	m := &Model{Name: "p", Density: density, Response: expr.Sym(response)}
	free := expr.FreeSymbols(density)
	has := func(name string) bool {
		return slices.ContainsFunc(free, func(s *expr.Symbol) bool { return s.Name() == name })
	}
	seen := map[string]bool{}
	for _, p := range params {
		switch {
		case p == response:
			return nil, diag.Errorf("%s is the response variable; it cannot also be a parameter", p)
		case seen[p]:
			return nil, diag.Errorf("parameter %s is listed twice", p)
		case !has(p):
			return nil, diag.Errorf("parameter %s does not occur in the density %s", p, expr.Short(density))
		}
		seen[p] = true
		m.Params = append(m.Params, expr.Sym(p))
	}
	if !has(response) {
		return nil, diag.Errorf("the density %s is not a function of %s", expr.Short(density), response)
	}
	known := map[string]bool{}
	for _, c := range consts {
		switch {
		case c == response:
			return nil, diag.Errorf("%s is the response variable; it cannot also be a known constant", c)
		case seen[c]:
			return nil, diag.Errorf("%s is a parameter to estimate; it cannot also be a known constant", c)
		case known[c]:
			return nil, diag.Errorf("constant %s is listed twice", c)
		case !has(c):
			return nil, diag.Errorf("constant %s does not occur in the density %s", c, expr.Short(density))
		}
		known[c] = true
		m.Consts = append(m.Consts, expr.Sym(c))
	}
	for _, s := range free {
		if s.Name() != response && !seen[s.Name()] && !known[s.Name()] {
			m.Given = append(m.Given, s)
		}
	}
	indexed := false
	expr.Inspect(density, func(x expr.Expr) bool {
		_, ok := x.(*expr.Indexed)
		indexed = indexed || ok
		return !indexed
	})
	if indexed {
		return nil, diag.Errorf("the density must be written for one example, without indices: p(y | x) rather than p(y[i] | x[i])")
	}
	return m, nil
}

// FromDensity builds a model from a parsed density: the parameters are
// params, or else those its header names (parser.Density.HeaderParams);
// the response is response, or else the header's; consts are the known
// constants.
func FromDensity(d *parser.Density, params []string, response string, consts ...string) (*Model, error) {
	if len(params) == 0 {
		params = d.HeaderParams(consts)
	}
	if response == "" {
		response = d.Response
	}
	m, err := NewModel(d.Body, params, response, consts...)
	if err != nil {
		return nil, err
	}
	m.Layout = d.Layout
	if d.Name != "" {
		m.Name = d.Name
	}
	for _, g := range d.Given {
		if !slices.ContainsFunc(m.Given, func(s *expr.Symbol) bool { return s.Name() == g }) &&
			!slices.ContainsFunc(m.Params, func(s *expr.Symbol) bool { return s.Name() == g }) &&
			!slices.ContainsFunc(m.Consts, func(s *expr.Symbol) bool { return s.Name() == g }) {
			return nil, diag.Errorf("%s is named after | but does not occur in the density", g)
		}
	}
	return m, nil
}

// Partial is the derivative of the negative log-likelihood with respect
// to one parameter.
type Partial struct {
	Param *expr.Symbol
	Value expr.Expr
}

// Estimate is a parameter's closed-form stationary value.
type Estimate struct {
	Param *expr.Symbol
	Value expr.Expr // in terms of the data alone
	// InTermsOf is the value as solved, which may refer to other
	// parameters' estimates (the Gaussian's scale to its mean).
	InTermsOf expr.Expr
	// Median, when not nil, is the a_i of an estimate that is the median
	// of the a_i (see Median), the minimiser of sum_i |p - a_i|: a
	// stated result, not the solution of a stationarity equation.
	Median expr.Expr
}

// Result is a complete MLE derivation.
type Result struct {
	*Model
	Index *expr.Symbol // the example index, i
	Count *expr.Symbol // the number of examples, N
	// Example is the density of example i; Likelihood the product over i.
	Example, Likelihood expr.Expr
	// Layout is the model's layout carried to example i (y as y_i, see
	// expr.Layout.Through), or nil: it writes Example as the density was
	// written.
	Layout *expr.Layout
	// NLLSteps rewrite -log Likelihood into NLL.
	NLLSteps []expr.Step
	// NLL is -sum_i log p(y_i | x_i; θ), exactly, nothing dropped.
	NLL expr.Expr
	// Objective is (NLL - Dropped) / Scale: the same minimiser.
	Objective expr.Expr
	Dropped   expr.Expr // the parameter-free part of NLL
	Scale     expr.Expr // the positive parameter-free factor divided out
	Gradient  []Partial
	// GradientSteps are the derivations behind Gradient, by parameter.
	GradientSteps []*derive.Derivation
	// Stationary holds the closed-form solution of Gradient = 0, or nil
	// with the reason in NoClosedForm.
	Stationary   []Estimate
	StationaryAt []expr.Step // the algebra that solved each equation
	NoClosedForm string
	// Domain bounds the parameters where the log-likelihood is defined
	// (its logarithms' arguments are positive), in the parameters' order;
	// a parameter it does not mention is unbounded.
	Domain []Bound
	// Positive lists the parameters the domain keeps positive, which picks
	// the positive root.
	Positive []*expr.Symbol

	inner *expr.Symbol // a second index, for sums substituted into sums
}

// deriving is a Result being filled in by Derive, with the context whose
// budget the derivation is charged to.
type deriving struct {
	*Result
	ctx context.Context
}

// Derive carries out the whole derivation, charging ctx's budget (package
// budget); when the budget runs out it returns the budget's error.
func Derive(ctx context.Context, m *Model) (*Result, error) {
	r := &deriving{Result: &Result{Model: m}, ctx: ctx}
	used := map[string]bool{}
	for _, s := range expr.FreeSymbols(m.Density) {
		used[s.Name()] = true
	}
	r.Index = expr.Sym(fresh(used, "i", "j", "k", "n"))
	r.Count = expr.Sym(fresh(used, "N", "M", "K", "T"))
	r.inner = expr.Sym(fresh(used, "j", "k", "l", "m"))

	perExample := map[expr.Expr]expr.Expr{m.Response: expr.Index(m.Response.Name(), r.Index)}
	for _, g := range m.Given {
		perExample[g] = expr.Index(g.Name(), r.Index)
	}
	r.Example = expr.Substitute(m.Density, perExample)
	r.Layout = m.Layout.Through(perExample)
	r.Likelihood = expr.ProdOver(r.Example, r.Index, expr.One, r.Count)

	if err := r.negativeLogLikelihood(); err != nil {
		return nil, err
	}
	if u := expr.UndefinedIn(r.NLL); u != nil {
		// 0^w y: the logarithm meets log(0).
		return nil, diag.Errorf("the log-likelihood of %s is undefined: %s", expr.Short(m.Density), u.Reason())
	}
	r.objective()
	if err := r.gradient(); err != nil {
		return nil, err
	}
	r.solve()
	if err := budget.From(ctx).Err(); err != nil {
		return nil, err
	}
	return r.Result, nil
}

func fresh(used map[string]bool, names ...string) string {
	for _, n := range names {
		if !used[n] {
			used[n] = true
			return n
		}
	}
	for k := 1; ; k++ {
		n := fmt.Sprintf("%s%d", names[0], k)
		if !used[n] {
			used[n] = true
			return n
		}
	}
}

// logRules are swept to a fixpoint inside the sum: products, powers and
// exponentials under the logarithm come apart. A log of a product comes
// apart only where that separates the parameters: log(2 pi s^2), with s
// a known constant, is one term the objective drops, not three.
func (r *deriving) logRules() []simplify.Rewrite {
	split := simplify.Rewrite{Rule: simplify.LogProduct.Rule, Try: func(x expr.Expr) (expr.Expr, []expr.Expr) {
		if c, ok := x.(*expr.CallExpr); ok && c.Func() == expr.FnLog && !r.dependsOnParams(c) {
			return nil, nil
		}
		return simplify.LogProduct.Try(x)
	}}
	return []simplify.Rewrite{split, simplify.LogPower, simplify.LogExp, simplify.ExpLog}
}

// negativeLogLikelihood rewrites -log prod_i p_i step by step.
func (r *deriving) negativeLogLikelihood() error {
	cur := expr.Neg(expr.Log(r.Likelihood))
	var steps []expr.Step
	next, s := simplify.Apply(r.ctx, cur, simplify.LogOfProduct)
	if s != nil {
		s.Note = "a density is positive on its support"
		s.Assume = nil // the note says why
		steps = append(steps, *s)
		cur = next
	}
	for range 6 {
		var ss []expr.Step
		cur, ss = simplify.Run(r.ctx, cur, r.logRules()...)
		if len(ss) == 0 {
			break
		}
		steps = append(steps, ss...)
	}
	for range 4 {
		var ss []expr.Step
		cur, ss = simplify.Run(r.ctx, cur, simplify.SumLinearity, simplify.SumConstant)
		if len(ss) == 0 {
			break
		}
		steps = append(steps, ss...)
	}
	r.NLLSteps = steps
	r.NLL = cur
	r.Domain = r.domain()
	r.Positive = positiveParams(r.Domain)
	return nil
}

func (r *deriving) dependsOnParams(x expr.Expr) bool {
	for _, p := range r.Params {
		if expr.DependsOn(x, p) {
			return true
		}
	}
	return false
}

// objective drops the parameter-free terms of the NLL and divides out a
// positive parameter-free factor common to the rest.
func (r *deriving) objective() {
	var kept, dropped []expr.Expr
	for _, t := range sumTerms(r.NLL) {
		if r.dependsOnParams(t) {
			kept = append(kept, t)
		} else {
			dropped = append(dropped, t)
		}
	}
	r.Dropped = expr.Add(dropped...)
	obj := expr.Add(kept...)
	r.Scale = expr.One
	if f := positiveCommonFactor(r.ctx, kept, r.dependsOnParams); f != expr.One {
		r.Scale = f
		obj = expr.Mul(obj, expr.Pow(f, expr.MinusOne))
	}
	r.Objective = obj
}

func sumTerms(x expr.Expr) []expr.Expr {
	if a, ok := x.(*expr.AddExpr); ok {
		return a.Terms()
	}
	return []expr.Expr{x}
}

// positiveCommonFactor is the product of the factors every term shares
// that are positive and free of the parameters, including the positive
// content of the numeric coefficients.
func positiveCommonFactor(ctx context.Context, terms []expr.Expr, dependent func(expr.Expr) bool) expr.Expr {
	if len(terms) == 0 {
		return expr.One
	}
	factored, _ := simplify.Apply(ctx, expr.Add(terms...), simplify.FactorTerms)
	if len(terms) == 1 {
		factored = terms[0]
	}
	m, ok := factored.(*expr.MulExpr)
	if !ok {
		return expr.One
	}
	var out []expr.Expr
	for _, f := range m.Factors() {
		if dependent(f) || f.Kind() == expr.KindAdd {
			continue
		}
		if n, ok := f.(*expr.Number); ok {
			if n.Sign() > 0 {
				out = append(out, n)
			} else if n != expr.MinusOne {
				out = append(out, expr.Neg(n))
			}
			continue
		}
		if simplify.IsPositive(f) || isEvenPower(f) {
			out = append(out, f)
		}
	}
	return expr.Mul(out...)
}

func isEvenPower(f expr.Expr) bool {
	_, e := expr.BaseExp(f)
	n, ok := e.(*expr.Number)
	if !ok {
		return false
	}
	k, ok := n.Int64()
	return ok && k%2 == 0
}

// gradient differentiates the NLL by each parameter and splits the sums.
func (r *deriving) gradient() error {
	for _, p := range r.Params {
		d, err := derive.Steps(r.ctx, r.NLL, p)
		if err != nil {
			return err
		}
		g, _ := simplify.Run(r.ctx, d.Result, simplify.SumLinearity, simplify.SumConstant, simplify.FactorTerms)
		g, _ = simplify.MergeSums(r.ctx, g)
		r.Gradient = append(r.Gradient, Partial{Param: p, Value: g})
		r.GradientSteps = append(r.GradientSteps, d)
	}
	return nil
}
