package derive

import "github.com/derivtex/derivtex/expr"

// Names picks the subterms a rendering of d's lines writes by name
// (expr.Names), so that a handout, a terminal and a JSON answer name the
// same ones.
//
// These are the large subterms the lines repeat, which keeps a deep
// composition's derivation linear in size. With cse they are also the
// parts the question and its answer share, however small, as a person
// names them by hand (u_1 = \sigma(w x + b)): the question itself keeps
// no name, and the derivatives the lines work out stay in sight.
func (d *Derivation) Names(lines []Line, cse bool) *expr.Names {
	tops := []expr.Expr{d.Start}
	for _, l := range lines {
		tops = append(tops, l.State)
	}
	return d.names(tops, cse)
}

// StepNames is Names for a rendering of d's steps rather than its lines.
func (d *Derivation) StepNames(cse bool) *expr.Names {
	return d.names(expr.StepTerms(d.Steps, d.Input, d.Result), cse)
}

func (d *Derivation) names(tops []expr.Expr, cse bool) *expr.Names {
	large := expr.Abbreviate(tops...)
	if !cse {
		return large
	}
	small := expr.AbbreviateFrom(expr.CSESize, append(append([]expr.Expr(nil), d.Input.Args()...), d.Result)...)
	return expr.Union(tops, small, large)
}
