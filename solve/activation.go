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
	a, err := activation.Analyze(ctx, st.Activations[0])
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

// solveActivations sets several activations side by side, each property
// derived as in its own analysis.
func solveActivations(ctx context.Context, _ *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "activations")
	var as []*activation.Analysis
	s := &Solution{}
	for _, spec := range st.Activations {
		a, err := activation.Analyze(ctx, spec)
		if err != nil {
			return nil, errorAt(st, err)
		}
		as = append(as, a)
		s.Answer.Activations = append(s.Answer.Activations, answer.ActivationOf(ctx, a))
	}
	s.Body = "The activations side by side, each property derived as in an analysis of its own; the last rows count the advantages and drawbacks that follow from them:\n" +
		activation.CompareTeX(as)
	return s, nil
}
