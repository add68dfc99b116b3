package derive

import (
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// The structural rules. Function rules are in funcs.go.
var (
	RuleSum            = expr.NewRule("sum", "sum rule")
	RuleConstantFactor = expr.NewRule("constant-factor", "constant factor rule")
	RuleProduct        = expr.NewRule("product", "product rule")
	RuleQuotient       = expr.NewRule("quotient", "quotient rule")
	RulePower          = expr.NewRule("power", "power rule")
	RuleExponential    = expr.NewRule("exponential", "exponential rule")
	RuleLogDiff        = expr.NewRule("logarithmic", "logarithmic differentiation")
	RuleChain          = expr.NewRule("chain", "chain rule")
	RuleSumIndex       = expr.NewRule("sum-linearity", "linearity of the sum")
	RuleProdIndex      = expr.NewRule("prod-index", "product over an index (logarithmic derivative)")
	RuleVariable       = expr.NewRule("variable", "derivative of the variable")
	RuleConstant       = expr.NewRule("constant", "derivative of a constant")
)

// deriv stands for "the derivative of this subterm", left pending for a
// later step unless it is immediate (0 or 1).
type deriv func(u expr.Expr) expr.Expr

// depends tells whether a subterm varies with the variable.
type depends func(u expr.Expr) bool

// apply picks the rule for u and returns its expansion in terms of d. The
// note names the inner rule where a chain rule wraps it.
func apply(u, v expr.Expr, d deriv, dep depends) (rule *expr.Rule, note string, out expr.Expr, err error) {
	switch u := u.(type) {
	case *expr.AddExpr:
		ts := make([]expr.Expr, len(u.Terms()))
		for i, t := range u.Terms() {
			ts[i] = d(t)
		}
		return RuleSum, "", expr.Add(ts...), nil
	case *expr.MulExpr:
		rule, out := product(u, d, dep)
		return rule, "", out, nil
	case *expr.PowExpr:
		return power(u, v, d)
	case *expr.CallExpr:
		return call(u, v, d)
	case *expr.BigOp:
		return bigOp(u, v, d)
	}
	return nil, "", nil, diag.Errorf("cannot differentiate %s with respect to %s", expr.Short(u), v)
}

// product splits off the constant factors, then uses the quotient rule
// when a dependent factor is in the denominator and the product rule
// otherwise.
func product(u *expr.MulExpr, d deriv, dep depends) (*expr.Rule, expr.Expr) {
	var consts, num, den []expr.Expr
	for _, f := range u.Factors() {
		if !dep(f) {
			consts = append(consts, f)
			continue
		}
		if b, e := expr.BaseExp(f); e.Kind() == expr.KindNumber && e.(*expr.Number).Sign() < 0 {
			den = append(den, expr.Pow(b, expr.Neg(e)))
			continue
		}
		num = append(num, f)
	}
	c := expr.Mul(consts...)
	if len(num)+len(den) == 1 && len(consts) > 0 {
		return RuleConstantFactor, expr.Mul(c, d(expr.Mul(append(num, expr.Pow(expr.Mul(den...), expr.MinusOne))...)))
	}
	if len(den) > 0 {
		n, q := expr.Mul(num...), expr.Mul(den...)
		top := expr.Sub(expr.Mul(d(n), q), expr.Mul(n, d(q)))
		return RuleQuotient, expr.Mul(c, top, expr.Pow(q, expr.Int(-2)))
	}
	terms := make([]expr.Expr, len(num))
	for i := range num {
		fs := make([]expr.Expr, 0, len(num)+1)
		fs = append(fs, c, d(num[i]))
		fs = append(fs, num[:i]...)
		fs = append(fs, num[i+1:]...)
		terms[i] = expr.Mul(fs...)
	}
	return RuleProduct, expr.Add(terms...)
}

// power covers u^n (power rule), a^u (exponential rule) and u^w with both
// varying (logarithmic differentiation).
func power(u *expr.PowExpr, v expr.Expr, d deriv) (*expr.Rule, string, expr.Expr, error) {
	b, n := u.Base(), u.Exp()
	db, dn := d(b), d(n)
	switch {
	case dn == expr.Zero:
		out := expr.Mul(n, expr.Pow(b, expr.Sub(n, expr.One)), db)
		if b == v {
			return RulePower, "", out, nil
		}
		return RuleChain, RulePower.Title, out, nil
	case db == expr.Zero:
		out := expr.Mul(u, expr.Log(b), dn)
		if n == v {
			return RuleExponential, "", out, nil
		}
		return RuleChain, RuleExponential.Title, out, nil
	}
	out := expr.Mul(u, expr.Add(expr.Mul(dn, expr.Log(b)), expr.Mul(n, db, expr.Pow(b, expr.MinusOne))))
	return RuleLogDiff, "", out, nil
}

// call is the chain rule over the function table: the sum over arguments
// of the partial derivative times the argument's derivative.
func call(u *expr.CallExpr, v expr.Expr, d deriv) (*expr.Rule, string, expr.Expr, error) {
	fr, ok := funcRules[u.Func()]
	if !ok {
		return nil, "", nil, diag.Errorf("no derivative rule for %s", u.Func().Name)
	}
	args := u.Args()
	var terms []expr.Expr
	direct := true
	for i, a := range args {
		da := d(a)
		if da == expr.Zero {
			continue
		}
		if a != v {
			direct = false
		}
		p, err := fr.partial(args, i)
		if err != nil {
			return nil, "", nil, err
		}
		terms = append(terms, expr.Mul(p, da))
	}
	if direct {
		return fr.rule, "", expr.Add(terms...), nil
	}
	return RuleChain, fr.rule.Title, expr.Add(terms...), nil
}

// bigOp differentiates an indexed sum term by term, and an indexed product
// through its logarithmic derivative.
func bigOp(u *expr.BigOp, v expr.Expr, d deriv) (*expr.Rule, string, expr.Expr, error) {
	if u.Var() == v {
		return nil, "", nil, diag.Errorf("cannot differentiate with respect to %s: it is the bound index of %s", v, u.Op())
	}
	if d(u.Lo()) != expr.Zero || d(u.Hi()) != expr.Zero {
		return nil, "", nil, diag.Errorf("cannot differentiate %s: its bounds depend on %s", expr.Short(u), v)
	}
	if ix, ok := v.(*expr.Indexed); ok {
		return nil, "", nil, diag.Errorf("cannot differentiate %s with respect to the single element %s; differentiate the summand", expr.Short(u), ix)
	}
	db := d(u.Body())
	if u.Op() == expr.Sum {
		return RuleSumIndex, "", expr.SumOver(db, u.Var(), u.Lo(), u.Hi()), nil
	}
	inner := expr.SumOver(expr.Div(db, u.Body()), u.Var(), u.Lo(), u.Hi())
	return RuleProdIndex, "", expr.Mul(u, inner), nil
}

// indexedDerivative is d x[i] / d v for an element x[i]: 1 when it is v,
// 0 when both are elements of one vector at different numeric positions,
// and nil (pending) when that cannot be told.
func indexedDerivative(x *expr.Indexed, v expr.Expr) expr.Expr {
	vi, ok := v.(*expr.Indexed)
	if !ok || vi.Name() != x.Name() {
		return nil
	}
	if x == vi {
		return expr.One
	}
	if len(x.Index()) != len(vi.Index()) {
		return nil // x[1, 2] and x[1]: not the same kind of element; undecided
	}
	for i, a := range x.Index() {
		b := vi.Index()[i]
		if a.Kind() == expr.KindNumber && b.Kind() == expr.KindNumber && a != b {
			return expr.Zero
		}
	}
	return nil
}
