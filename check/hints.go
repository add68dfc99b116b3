package check

import (
	"context"
	"fmt"

	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/equiv"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/poly"
	"github.com/derivtex/derivtex/simplify"
)

// The kinds of slip a hint can name.
const (
	KindSumN     = "sum-n"        // a constant summed over i = 1..N counted once
	KindLogExp   = "log-exp-rule" // log(a + b) = log a + log b and its kin
	KindChain    = "chain"        // a missing inner derivative
	KindSign     = "sign"         // a term, or the whole line, with the wrong sign
	KindConstant = "constant"     // a constant dropped from an equality
	KindDropped  = "dropped-term" // a term left out
	KindPower    = "power"        // a derivative's exponent not lowered, or not brought down
)

// maxCandidates bounds the rewrites a hint tries: each is an equiv
// decision.
const maxCandidates = 80

// hinter tries the rules a student most likely meant on a wrong step: it
// rewrites the left side (or the right) the way the slip would, and the
// slip is named when the rewritten side relates to the other.
type hinter struct {
	ctx   context.Context
	p     equiv.Problem
	tries int
}

// holds reports whether l relates to r as the step claims.
func (h *hinter) holds(l, r expr.Expr) bool {
	if h.tries >= maxCandidates || expr.IsUndefined(l) || expr.IsUndefined(r) {
		return false
	}
	h.tries++
	q := h.p
	q.Left, q.Right = l, r
	res, err := equiv.Decide(h.ctx, q)
	return err == nil && (res.Verdict == equiv.Holds || res.Verdict == equiv.HoldsUnder)
}

// hint names the slip of a wrong step, or says nothing.
func hint(ctx context.Context, p equiv.Problem, vars []expr.Expr) (kind, text string) {
	h := &hinter{ctx: ctx, p: p}
	f := p.Left
	e := evaluated(ctx, f)
	g := p.Right
	if k, t := h.sumN(f, g); k != "" {
		return k, t
	}
	if k, t := h.logExp(f, g); k != "" {
		return k, t
	}
	if expr.HasDerivative(f) {
		if k, t := h.chain(f, e, g, vars); k != "" {
			return k, t
		}
	}
	if expr.HasDerivative(f) {
		if k, t := h.power(f, g); k != "" {
			return k, t
		}
	}
	if k, t := h.sign(f, e, g); k != "" {
		return k, t
	}
	if p.Relation == equiv.Equal && !expr.HasDerivative(f) {
		if k, t := h.constant(e, g); k != "" {
			return k, t
		}
	}
	if k, t := h.dropped(f, e, g); k != "" {
		return k, t
	}
	return "", ""
}

// terms are x's top-level terms.
func terms(x expr.Expr) []expr.Expr {
	if a, ok := x.(*expr.AddExpr); ok {
		return a.Terms()
	}
	return []expr.Expr{x}
}

// sumN: sum(c + t[i], i, 1, N) taken as c + sum(t[i], i, 1, N).
func (h *hinter) sumN(f, g expr.Expr) (string, string) {
	var found string
	expr.Inspect(f, func(x expr.Expr) bool {
		if found != "" {
			return false
		}
		s, ok := x.(*expr.BigOp)
		if !ok || s.Op() != expr.Sum {
			return true
		}
		var indep, dep []expr.Expr
		for _, t := range terms(s.Body()) {
			if expr.DependsOn(t, s.Var()) {
				dep = append(dep, t)
			} else {
				indep = append(indep, t)
			}
		}
		if len(indep) == 0 {
			return true
		}
		c := expr.Add(indep...)
		repl := c
		if len(dep) > 0 {
			repl = expr.Add(c, expr.SumOver(expr.Add(dep...), s.Var(), s.Lo(), s.Hi()))
		}
		if h.holds(expr.Substitute(f, map[expr.Expr]expr.Expr{s: repl}), g) {
			count := expr.Add(s.Hi(), expr.Neg(s.Lo()), expr.One)
			found = fmt.Sprintf("the term %s of the sum over %s = %s..%s does not depend on %s, so the sum adds it up %s times: %s, not %s",
				expr.Plain(c), s.Var(), expr.Plain(s.Lo()), expr.Plain(s.Hi()), s.Var(), expr.Plain(count), expr.Plain(expr.Mul(count, c)), expr.Plain(c))
		}
		return true
	})
	if found != "" {
		return KindSumN, found
	}
	return "", ""
}

// misrule is a wrong rule a student applies to a subterm: the rewrite,
// and what to say.
type misrule func(x expr.Expr) (expr.Expr, string)

var misrules = []misrule{
	func(x expr.Expr) (expr.Expr, string) { // log(a + b) -> log a + log b
		c, ok := x.(*expr.CallExpr)
		if !ok || c.Func() != expr.FnLog || c.Args()[0].Kind() != expr.KindAdd {
			return nil, ""
		}
		var logs []expr.Expr
		for _, t := range terms(c.Args()[0]) {
			logs = append(logs, expr.Log(t))
		}
		return expr.Add(logs...), fmt.Sprintf("log of a sum: %s is not the sum of the logs of its terms (log(a b) = log a + log b holds for products, not sums)", expr.Plain(x))
	},
	func(x expr.Expr) (expr.Expr, string) { // log(a b) -> log a log b, log(a/b) -> log a / log b
		c, ok := x.(*expr.CallExpr)
		if !ok || c.Func() != expr.FnLog {
			return nil, ""
		}
		m, ok := c.Args()[0].(*expr.MulExpr)
		if !ok {
			return nil, ""
		}
		var fs []expr.Expr
		for _, f := range m.Factors() {
			if p, ok := f.(*expr.PowExpr); ok && p.Exp() == expr.MinusOne {
				fs = append(fs, expr.Pow(expr.Log(p.Base()), expr.MinusOne))
				continue
			}
			fs = append(fs, expr.Log(f))
		}
		return expr.Mul(fs...), fmt.Sprintf("log of a product: %s is the sum of the logs of its factors (a quotient's: their difference), not their product", expr.Plain(x))
	},
	func(x expr.Expr) (expr.Expr, string) { // log(a^n) -> (log a)^n
		c, ok := x.(*expr.CallExpr)
		if !ok || c.Func() != expr.FnLog {
			return nil, ""
		}
		p, ok := c.Args()[0].(*expr.PowExpr)
		if !ok {
			return nil, ""
		}
		return expr.Pow(expr.Log(p.Base()), p.Exp()), fmt.Sprintf("log of a power: %s is %s, not %s", expr.Plain(x), expr.Plain(expr.Mul(p.Exp(), expr.Log(p.Base()))), expr.Plain(expr.Pow(expr.Log(p.Base()), p.Exp())))
	},
	func(x expr.Expr) (expr.Expr, string) { // exp(a + b) -> exp a + exp b
		c, ok := x.(*expr.CallExpr)
		if !ok || c.Func() != expr.FnExp || c.Args()[0].Kind() != expr.KindAdd {
			return nil, ""
		}
		var es []expr.Expr
		for _, t := range terms(c.Args()[0]) {
			es = append(es, expr.Exp(t))
		}
		return expr.Add(es...), fmt.Sprintf("exponential of a sum: %s is the product of the exponentials of its terms, not their sum", expr.Plain(x))
	},
	func(x expr.Expr) (expr.Expr, string) { // exp(a b) -> exp a exp b
		c, ok := x.(*expr.CallExpr)
		if !ok || c.Func() != expr.FnExp {
			return nil, ""
		}
		m, ok := c.Args()[0].(*expr.MulExpr)
		if !ok {
			return nil, ""
		}
		var es []expr.Expr
		for _, f := range m.Factors() {
			es = append(es, expr.Exp(f))
		}
		return expr.Mul(es...), fmt.Sprintf("exponential of a product: %s is not the product of exponentials (that is exp of a sum)", expr.Plain(x))
	},
	func(x expr.Expr) (expr.Expr, string) { // (a + b)^n -> a^n + b^n
		p, ok := x.(*expr.PowExpr)
		if !ok || p.Base().Kind() != expr.KindAdd {
			return nil, ""
		}
		var ps []expr.Expr
		for _, t := range terms(p.Base()) {
			ps = append(ps, expr.Pow(t, p.Exp()))
		}
		return expr.Add(ps...), fmt.Sprintf("power of a sum: %s is not the sum of the powers of its terms", expr.Plain(x))
	},
}

// logExp: a log, exponential or power rule applied where it does not
// hold, to one subterm of the line before or to all of them; or read
// backwards, from the line after (log a + log b = log(a + b)).
func (h *hinter) logExp(f, g expr.Expr) (string, string) {
	if say := h.misapplied(f, func(x expr.Expr) bool { return h.holds(x, g) }); say != "" {
		return KindLogExp, say
	}
	if say := h.misapplied(g, func(x expr.Expr) bool { return h.holds(f, x) }); say != "" {
		return KindLogExp, say
	}
	return "", ""
}

// misapplied rewrites x by each wrong rule, everywhere it applies and at
// each subterm in turn, and says what is wrong with the first rewrite ok
// accepts.
func (h *hinter) misapplied(x expr.Expr, ok func(expr.Expr) bool) string {
	// Wherever it applies, as a student who believes the rule does:
	// (x + y)^3 - (x - y)^3 = x^3 + y^3 - (x^3 - y^3).
	for _, rule := range misrules {
		say, n := "", 0
		everywhere := expr.Map(x, func(y expr.Expr) expr.Expr {
			if wrong, s := rule(y); wrong != nil {
				say, n = s, n+1
				return wrong
			}
			return y
		})
		if n > 1 && ok(everywhere) {
			return say
		}
	}
	var found string
	expr.Inspect(x, func(y expr.Expr) bool {
		if found != "" {
			return false
		}
		for _, rule := range misrules {
			wrong, say := rule(y)
			if wrong == nil {
				continue
			}
			if ok(expr.Substitute(x, map[expr.Expr]expr.Expr{y: wrong})) {
				found = say
				return false
			}
		}
		return true
	})
	return found
}

// chain: the derivative without the derivative of an inner function,
// in the whole line or in one term.
func (h *hinter) chain(f, e, g expr.Expr, vars []expr.Expr) (string, string) {
	var found string
	for _, v := range vars {
		seen := map[expr.Expr]bool{}
		expr.Inspect(f, func(x expr.Expr) bool {
			if found != "" {
				return false
			}
			var inner []expr.Expr
			switch y := x.(type) {
			case *expr.CallExpr:
				inner = y.Args()
			case *expr.PowExpr:
				inner = y.Args()
			}
			for _, u := range inner {
				if seen[u] || u.Kind() == expr.KindSymbol || u.Kind() == expr.KindNumber || !expr.DependsOn(u, v) {
					continue
				}
				seen[u] = true
				du, err := derive.Diff(h.ctx, u, v)
				if err != nil || du.Kind() == expr.KindNumber && (du == expr.One || du == expr.Zero) {
					continue
				}
				cands := []expr.Expr{expr.Div(e, du)}
				if len(terms(e)) > 1 {
					for _, t := range terms(e) {
						// Only a term that comes from the composite lacks
						// its inner derivative.
						if expr.Contains(t, u) {
							cands = append(cands, expr.Add(expr.Sub(e, t), expr.Div(t, du)))
						}
					}
				}
				for _, c := range cands {
					if h.holds(c, g) {
						found = fmt.Sprintf("missing chain-rule factor: the inner function %s has derivative %s with respect to %s, and the line lacks that factor", expr.Plain(u), expr.Plain(du), expr.Plain(v))
						return false
					}
				}
			}
			return true
		})
		if found != "" {
			return KindChain, found
		}
	}
	return "", ""
}

// sign: the whole line, or one term, with the wrong sign: a term of the
// line before (in one of its forms) negated, or a term of the line that
// is right once negated.
func (h *hinter) sign(f, e, g expr.Expr) (string, string) {
	if h.holds(expr.Neg(e), g) {
		return KindSign, "sign error: the line is the negative of what the line before gives"
	}
	for _, t := range terms(g) {
		if len(terms(g)) > 1 && h.holds(e, expr.Sub(g, expr.Mul(expr.Int(2), t))) {
			return KindSign, fmt.Sprintf("sign error: the term %s of this line has the wrong sign", expr.Plain(t))
		}
	}
	for _, w := range h.forms(f, e) {
		ts := terms(w)
		if len(ts) < 2 || len(ts) > maxTerms {
			continue
		}
		for _, t := range ts {
			if h.holds(expr.Sub(w, expr.Mul(expr.Int(2), t)), g) {
				return KindSign, fmt.Sprintf("sign error: the term %s of the line before has its sign flipped", expr.Plain(t))
			}
		}
	}
	return "", ""
}

// constant: an equality whose sides differ by a constant in the
// parameters.
func (h *hinter) constant(e, g expr.Expr) (string, string) {
	q := h.p
	q.Left, q.Right, q.Relation = e, g, equiv.UpToConstant
	res, err := equiv.Decide(h.ctx, q)
	if err != nil || res.Verdict != equiv.Holds && res.Verdict != equiv.HoldsUnder {
		return "", ""
	}
	d, _ := simplify.Simplify(h.ctx, expr.Sub(e, g))
	what := "a constant"
	if d != nil && expr.Size(d) < 40 {
		what = expr.Plain(d)
	}
	return KindConstant, fmt.Sprintf("a constant was dropped: the line differs from the line before by %s, which does not depend on the parameters; that is fine for an argmin (argmin, \\stackrel{\\arg\\min_w}{=}) or up to a constant (=c, \\stackrel{c}{=}), not in an equality", what)
}

// maxTerms bounds the terms of one form that dropped tries.
const maxTerms = 24

// forms are terms equal to e written as sums in the ways a student may
// have: e itself, the derivative before simplification (the product and
// quotient rules' terms), expanded, and with its sums split by linearity.
func (h *hinter) forms(f, e expr.Expr) []expr.Expr {
	out := []expr.Expr{e}
	if d, ok := f.(*expr.Derivative); ok {
		if dv, err := derive.Steps(h.ctx, d.Body(), d.Var()); err == nil && dv.Raw != e {
			out = append(out, dv.Raw)
		}
	}
	if x, err := poly.Expand(h.ctx, spread(h.ctx, e)); err == nil && x != e {
		out = append(out, x)
	}
	for _, w := range out {
		if d := distributed(w); d != nil {
			out = append(out, d)
		}
	}
	return out
}

// distributed writes a product with a sum among its factors as a sum, the
// other factors multiplied into each term: (a - b)/c = a/c - b/c, the
// quotient rule's two terms. Nil when x is no such product.
func distributed(x expr.Expr) expr.Expr {
	m, ok := x.(*expr.MulExpr)
	if !ok {
		return nil
	}
	for i, f := range m.Factors() {
		if f.Kind() != expr.KindAdd {
			continue
		}
		rest := append(append([]expr.Expr{}, m.Factors()[:i]...), m.Factors()[i+1:]...)
		var ts []expr.Expr
		for _, t := range terms(f) {
			ts = append(ts, expr.Mul(append([]expr.Expr{t}, rest...)...))
		}
		return expr.Add(ts...)
	}
	return nil
}

// spread writes each sum of x as a sum of sums of the terms of its
// expanded body, with the factors that do not depend on the index
// outside: sum(2 x[i] (y[i] - w x[i])) = 2 sum(x[i] y[i]) - 2 w sum(x[i]^2).
func spread(ctx context.Context, x expr.Expr) expr.Expr {
	return expr.Map(x, func(y expr.Expr) expr.Expr {
		s, ok := y.(*expr.BigOp)
		if !ok || s.Op() != expr.Sum {
			return y
		}
		body, err := poly.Expand(ctx, s.Body())
		if err != nil {
			body = s.Body()
		}
		var parts []expr.Expr
		for _, t := range terms(body) {
			var out, in []expr.Expr
			for _, f := range factors(t) {
				if expr.DependsOn(f, s.Var()) {
					in = append(in, f)
				} else {
					out = append(out, f)
				}
			}
			if len(in) == 0 {
				parts = append(parts, expr.Mul(append(out, expr.Add(s.Hi(), expr.Neg(s.Lo()), expr.One))...))
				continue
			}
			parts = append(parts, expr.Mul(append(out, expr.SumOver(expr.Mul(in...), s.Var(), s.Lo(), s.Hi()))...))
		}
		return expr.Add(parts...)
	})
}

func factors(x expr.Expr) []expr.Expr {
	if m, ok := x.(*expr.MulExpr); ok {
		return m.Factors()
	}
	return []expr.Expr{x}
}

// dropped: a term of the line before left out (in one of the forms it
// can be written in), or a term of the body of one of its sums.
func (h *hinter) dropped(f, e, g expr.Expr) (string, string) {
	for _, w := range h.forms(f, e) {
		ts := terms(w)
		if len(ts) < 2 || len(ts) > maxTerms {
			continue
		}
		for _, t := range ts {
			if h.holds(expr.Sub(w, t), g) {
				return KindDropped, fmt.Sprintf("dropped term: the term %s is missing", expr.Plain(t))
			}
		}
	}
	var found string
	expr.Inspect(e, func(x expr.Expr) bool {
		s, ok := x.(*expr.BigOp)
		if !ok || found != "" {
			return found == ""
		}
		body := terms(s.Body())
		if len(body) < 2 {
			return true
		}
		for _, t := range body {
			less := expr.NewBigOp(s.Op(), expr.Sub(s.Body(), t), s.Var(), s.Lo(), s.Hi())
			if h.holds(expr.Substitute(e, map[expr.Expr]expr.Expr{s: less}), g) {
				found = fmt.Sprintf("dropped term: the term %s of the sum over %s is missing", expr.Plain(t), s.Var())
				return false
			}
		}
		return true
	})
	if found != "" {
		return KindDropped, found
	}
	return "", ""
}

// power: a power u^n differentiated by the power rule wrongly, in one
// term of what a derivative of f differentiates. Each slip is the right
// derivative of another power: n u^n u' (the exponent brought down but not
// lowered) is the derivative of n u^(n+1)/(n+1) (n log u when n = -1), and
// u^(n-1) u' (the exponent lowered but not brought down) that of u^n/n.
// The line is compared with the engine's derivative of the body with u^n
// so replaced, so the slip is found wherever the power sits.
func (h *hinter) power(f, g expr.Expr) (string, string) {
	var found string
	expr.Inspect(f, func(x expr.Expr) bool {
		d, ok := x.(*expr.Derivative)
		if !ok || found != "" {
			return found == ""
		}
		v := d.Var()
		seen := map[expr.Expr]bool{}
		expr.Inspect(d.Body(), func(y expr.Expr) bool {
			p, ok := y.(*expr.PowExpr)
			if found != "" || !ok || seen[p] {
				return found == ""
			}
			seen[p] = true
			n, ok := p.Exp().(*expr.Number)
			u := p.Base()
			if !ok || n.Sign() == 0 || n == expr.One || !expr.DependsOn(u, v) {
				return true
			}
			right := expr.Mul(n, expr.Pow(u, expr.Add(n, expr.MinusOne)))
			inner := ""
			if u != v {
				inner = fmt.Sprintf(" (times the derivative of %s)", expr.Plain(u))
			}
			notLowered := expr.Mul(n, expr.Pow(u, expr.Add(n, expr.One)), expr.Pow(expr.Add(n, expr.One), expr.MinusOne))
			if expr.Add(n, expr.One) == expr.Zero {
				notLowered = expr.Mul(n, expr.Log(u))
			}
			slips := []struct {
				as  expr.Expr
				say string
			}{
				{notLowered, fmt.Sprintf("power rule: the exponent %s was brought down but not lowered; the derivative of %s is %s%s",
					expr.Plain(n), expr.Plain(p), expr.Plain(right), inner)},
				{expr.Div(p, n), fmt.Sprintf("power rule: the exponent was lowered but not brought down as a factor; the derivative of %s is %s%s",
					expr.Plain(p), expr.Plain(right), inner)},
			}
			for _, s := range slips {
				body := expr.Substitute(d.Body(), map[expr.Expr]expr.Expr{p: s.as})
				l := evaluated(h.ctx, expr.Substitute(f, map[expr.Expr]expr.Expr{d: expr.Diff(body, v)}))
				if !expr.HasDerivative(l) && h.holds(l, g) {
					found = s.say
					return false
				}
			}
			return true
		})
		return found == ""
	})
	if found != "" {
		return KindPower, found
	}
	return "", ""
}
