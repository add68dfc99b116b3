package solve

import (
	"context"
	"strconv"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/curves"
	"github.com/derivtex/derivtex/parser/problem"
)

// solveCurves draws the loss curves of a textbook case, generated with
// the problem's seed, and diagnoses them from their measured features,
// as derivtex curves does a real log: each diagnosis with its evidence
// and the fixes to try.
func solveCurves(ctx context.Context, f *problem.File, p *problem.Problem) (*Solution, error) {
	st := statement(p, "curves")
	r := curves.Analyze(curves.Synthetic(st.Names[0], st.Seed))
	body := "The loss over the training iterations (generated: the textbook shape of the case, seed " +
		strconv.FormatUint(st.Seed, 10) + "), its measured features, and what they say:\n\n" + r.LaTeX()
	a := answer.CurvesOf(r)
	return &Solution{Body: body, Draws: true, Answer: answer.Problem{Curves: &a}}, nil
}
