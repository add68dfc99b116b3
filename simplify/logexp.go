package simplify

import (
	"math/big"

	"github.com/derivtex/derivtex/expr"
)

// The logarithm and exponential identities. Those that hold only for
// positive arguments assume it, and the step says so.
var (
	// LogExp: log(exp(u)) = u, for every real u.
	LogExp = Rewrite{Rule: expr.NewRule("log-exp", "log of exp"), Try: logExp}
	// ExpLog: exp(log u) = u, where log u is defined, i.e. u > 0.
	ExpLog = Rewrite{Rule: expr.NewRule("exp-log", "exp of log"), Try: expLog}
	// LogProduct: log(a b) = log a + log b, for a, b > 0; factors known to
	// be positive need no assumption.
	LogProduct = Rewrite{Rule: expr.NewRule("log-product", "log of a product"), Try: logProduct}
	// LogPower: log(u^n) = n log u, for u > 0.
	LogPower = Rewrite{Rule: expr.NewRule("log-power", "log of a power"), Try: logPower}
)

func logArg(x expr.Expr) (expr.Expr, bool) {
	c, ok := x.(*expr.CallExpr)
	if !ok || c.Func() != expr.FnLog {
		return nil, false
	}
	return c.Args()[0], true
}

func logExp(x expr.Expr) (expr.Expr, []expr.Expr) {
	u, ok := logArg(x)
	if !ok {
		return nil, nil
	}
	if c, ok := u.(*expr.CallExpr); ok && c.Func() == expr.FnExp {
		return c.Args()[0], nil
	}
	return nil, nil
}

func expLog(x expr.Expr) (expr.Expr, []expr.Expr) {
	c, ok := x.(*expr.CallExpr)
	if !ok || c.Func() != expr.FnExp {
		return nil, nil
	}
	// exp(n log u + rest) = u^n exp(rest)
	terms := []expr.Expr{c.Args()[0]}
	if a, ok := c.Args()[0].(*expr.AddExpr); ok {
		terms = a.Terms()
	}
	var pows, rest, assume []expr.Expr
	for _, t := range terms {
		k, r := expr.SplitCoeff(t)
		if u, ok := logArg(r); ok {
			pows = append(pows, expr.Pow(u, k))
			if !IsPositive(u) {
				assume = append(assume, u)
			}
			continue
		}
		rest = append(rest, t)
	}
	if len(pows) == 0 {
		return nil, nil
	}
	return expr.Mul(append(pows, expr.Exp(expr.Add(rest...)))...), assume
}

func logProduct(x expr.Expr) (expr.Expr, []expr.Expr) {
	u, ok := logArg(x)
	if !ok {
		return nil, nil
	}
	m, ok := u.(*expr.MulExpr)
	if !ok || len(expr.FreeSymbols(u)) == 0 {
		return nil, nil // log(2 pi) is better left whole
	}
	// The constant factors stay together, log(2 pi s) = log(2 pi) + log s:
	// splitting log(2 pi) helps no reader.
	var consts, logs, assume []expr.Expr
	for _, f := range m.Factors() {
		if k, ok := f.(*expr.Number); ok && k.Sign() < 0 {
			return nil, nil // log(-a b): split as log(a) + log(-b)? leave it
		}
		if len(expr.FreeSymbols(f)) == 0 {
			consts = append(consts, f)
			continue
		}
		logs = append(logs, expr.Log(f))
		if !IsPositive(f) {
			assume = append(assume, f)
		}
	}
	if len(consts) > 0 {
		c := expr.Mul(consts...)
		logs = append([]expr.Expr{expr.Log(c)}, logs...)
		if !IsPositive(c) {
			assume = append(assume, c)
		}
	}
	return expr.Add(logs...), assume
}

func logPower(x expr.Expr) (expr.Expr, []expr.Expr) {
	u, ok := logArg(x)
	if !ok {
		return nil, nil
	}
	if n, ok := u.(*expr.Number); ok && n.Sign() > 0 && !n.IsInt() {
		// log(p/q) = log p - log q
		return expr.Sub(expr.Log(expr.NewNumber(new(big.Rat).SetInt(n.Num()))),
			expr.Log(expr.NewNumber(new(big.Rat).SetInt(n.Den())))), nil
	}
	p, ok := u.(*expr.PowExpr)
	if !ok {
		return nil, nil
	}
	var assume []expr.Expr
	if !IsPositive(p.Base()) {
		assume = append(assume, p.Base())
	}
	return expr.Mul(p.Exp(), expr.Log(p.Base())), assume
}

// IsPositive reports whether x is positive for every real value of its
// symbols: positive constants, exponentials, sigmoids, and products,
// sums and powers of positive terms.
func IsPositive(x expr.Expr) bool {
	switch x := x.(type) {
	case *expr.Number:
		return x.Sign() > 0
	case *expr.Symbol:
		return x == expr.Pi
	case *expr.CallExpr:
		switch x.Func() {
		case expr.FnExp, expr.FnSigmoid:
			return true
		}
		return false
	case *expr.PowExpr:
		return IsPositive(x.Base())
	case *expr.MulExpr:
		for _, f := range x.Factors() {
			if !IsPositive(f) {
				return false
			}
		}
		return true
	case *expr.AddExpr:
		for _, t := range x.Terms() {
			if !IsPositive(t) {
				return false
			}
		}
		return true
	case *expr.BigOp:
		return x.Op() == expr.Product && IsPositive(x.Body())
	}
	return false
}
