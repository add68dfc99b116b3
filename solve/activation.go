package solve

import (
	"context"

	"github.com/derivtex/derivtex/activation"
	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/parser/problem"
)

// solveActivation analyses an activation as derivtex activation does:
// its derivative derived step by step, the properties table, a plot of f
// and f', and the discussion, each point with the property it follows
// from.
func solveActivation(ctx context.Context, _ *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "activation")
	a, err := activation.Analyze(ctx, st.Activation)
	if err != nil {
		return nil, errorAt(st, err)
	}
	rows, err := a.DerivationTeX(ctx, handoutLineWidth)
	if err != nil {
		return nil, errorAt(st, err)
	}
	body, err := a.LaTeX(ctx, rows)
	if err != nil {
		return nil, errorAt(st, err)
	}
	return &Solution{Body: body, Draws: true, Answer: answer.Problem{Activation: answer.ActivationOf(ctx, a)}}, nil
}
