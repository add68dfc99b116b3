package derive

import (
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// funcRule is the derivative of one function of the table: its rule, and
// the partial derivative with respect to argument i.
type funcRule struct {
	rule    *expr.Rule
	partial func(args []expr.Expr, i int) (expr.Expr, error)
}

// unary makes the rule of a one-argument function from its derivative f'(u).
func unary(name, title string, df func(u expr.Expr) expr.Expr) funcRule {
	return funcRule{
		rule: expr.NewRule(name, title),
		partial: func(args []expr.Expr, _ int) (expr.Expr, error) {
			return df(args[0]), nil
		},
	}
}

// algebraRule is the derivative of an algebra function: it is its first
// argument in value, so the partial by that is 1 and by the variable of
// collect 0.
func algebraRule(name string) funcRule {
	return funcRule{
		rule: expr.NewRule("d-"+name, name+" is its argument in value"),
		partial: func(_ []expr.Expr, i int) (expr.Expr, error) {
			if i == 0 {
				return expr.One, nil
			}
			return expr.Zero, nil
		},
	}
}

// extremum is the rule of max (dir 1) or min (dir -1): the partial with
// respect to argument i is 1 where it is the strict extremum, else 0.
func extremum(name, title string, dir int64) funcRule {
	return funcRule{
		rule: expr.NewRule(name, title),
		partial: func(args []expr.Expr, i int) (expr.Expr, error) {
			fs := make([]expr.Expr, 0, len(args)-1)
			for j, a := range args {
				if j != i {
					gap := expr.Mul(expr.Int(dir), expr.Sub(args[i], a))
					fs = append(fs, expr.Call(expr.FnStep, gap))
				}
			}
			return expr.Mul(fs...), nil
		},
	}
}

// funcRules is the derivative table, keyed by the functions of expr.
// The algebra functions (expand, factor, ...) are the identity in value,
// so a derivative passes through them (algebraRule).
var funcRules = map[*expr.Func]funcRule{
	expr.FnExpand:   algebraRule("expand"),
	expr.FnFactor:   algebraRule("factor"),
	expr.FnCancel:   algebraRule("cancel"),
	expr.FnTogether: algebraRule("together"),
	expr.FnApart:    algebraRule("apart"),
	expr.FnCollect:  algebraRule("collect"),
	expr.FnExp:      unary("d-exp", "derivative of exp", expr.Exp),
	expr.FnLog: unary("d-log", "derivative of log", func(u expr.Expr) expr.Expr {
		return expr.Pow(u, expr.MinusOne)
	}),
	expr.FnSin: unary("d-sin", "derivative of sin", func(u expr.Expr) expr.Expr {
		return expr.Call(expr.FnCos, u)
	}),
	expr.FnCos: unary("d-cos", "derivative of cos", func(u expr.Expr) expr.Expr {
		return expr.Neg(expr.Call(expr.FnSin, u))
	}),
	expr.FnTan: unary("d-tan", "derivative of tan", func(u expr.Expr) expr.Expr {
		return expr.Add(expr.One, expr.Pow(expr.Call(expr.FnTan, u), expr.Two))
	}),
	expr.FnTanh: unary("d-tanh", "derivative of tanh", func(u expr.Expr) expr.Expr {
		return expr.Sub(expr.One, expr.Pow(expr.Call(expr.FnTanh, u), expr.Two))
	}),
	expr.FnSinh: unary("d-sinh", "derivative of sinh", func(u expr.Expr) expr.Expr {
		return expr.Call(expr.FnCosh, u)
	}),
	expr.FnCosh: unary("d-cosh", "derivative of cosh", func(u expr.Expr) expr.Expr {
		return expr.Call(expr.FnSinh, u)
	}),
	expr.FnSigmoid: unary("d-sigmoid", "derivative of the sigmoid", func(u expr.Expr) expr.Expr {
		s := expr.Call(expr.FnSigmoid, u)
		return expr.Mul(s, expr.Sub(expr.One, s))
	}),
	expr.FnRelu: unary("d-relu", "derivative of ReLU (0 at the kink)", func(u expr.Expr) expr.Expr {
		return expr.Call(expr.FnStep, u)
	}),
	expr.FnStep: unary("d-step", "the step function is flat away from 0", func(expr.Expr) expr.Expr {
		return expr.Zero
	}),
	expr.FnAbs: unary("d-abs", "derivative of |u| (0 at the kink)", func(u expr.Expr) expr.Expr {
		return expr.Call(expr.FnSign, u)
	}),
	expr.FnSign: unary("d-sign", "sign is flat away from 0", func(expr.Expr) expr.Expr {
		return expr.Zero
	}),
	expr.FnFactorial: unary("d-factorial", "derivative of the factorial", func(u expr.Expr) expr.Expr {
		return expr.Mul(expr.Call(expr.FnFactorial, u), expr.Call(expr.FnPolygamma, expr.Zero, expr.Add(u, expr.One)))
	}),
	expr.FnLgamma: unary("d-lgamma", "derivative of log Gamma", func(u expr.Expr) expr.Expr {
		return expr.Call(expr.FnPolygamma, expr.Zero, u)
	}),
	expr.FnMax: extremum("d-max", "derivative of max (0 at ties)", 1),
	expr.FnMin: extremum("d-min", "derivative of min (0 at ties)", -1),
	expr.FnPolygamma: {
		rule: expr.NewRule("d-polygamma", "derivative of polygamma"),
		partial: func(args []expr.Expr, i int) (expr.Expr, error) {
			if i == 0 {
				return nil, diag.Errorf("cannot differentiate polygamma with respect to its order %s", expr.Short(args[0]))
			}
			return expr.Call(expr.FnPolygamma, expr.Add(args[0], expr.One), args[1]), nil
		},
	},
}
