package derive

import (
	"context"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/simplify"
)

// Simplify is what the simplify command and a simplify problem do: work
// out the derivatives written in x (diff(f, x)), then simplify, with the
// steps. The term it simplifies is returned first. A term that turns out
// undefined, 1/(exp(log(x)) - x), is an error; so is a spent budget.
func Simplify(ctx context.Context, x expr.Expr) (in, out expr.Expr, steps []expr.Step, err error) {
	return SimplifyTo(ctx, x, simplify.Simplify)
}

// SimplifyTo is Simplify with the rewrites of form (one of
// simplify.Forms) in place of simplify's pipeline.
func SimplifyTo(ctx context.Context, x expr.Expr, form func(context.Context, expr.Expr) (expr.Expr, []expr.Step)) (in, out expr.Expr, steps []expr.Step, err error) {
	in, err = Evaluate(ctx, x)
	if err != nil {
		return nil, nil, nil, err
	}
	out, steps = form(ctx, in)
	if err := budget.From(ctx).Err(); err != nil {
		return nil, nil, nil, err
	}
	if u := expr.UndefinedIn(out); u != nil {
		return nil, nil, nil, diag.Errorf("the expression is undefined once simplified: %s", u.Reason())
	}
	return in, out, steps, nil
}
