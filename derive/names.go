package derive

import "github.com/derivtex/derivtex/expr"

// Names picks the subterms a rendering of d's lines writes by name
// (expr.Names), so that a handout and a terminal name the same ones.
//
// By default these are the large subterms the lines repeat, which keeps a
// deep composition's derivation linear in size. With cse they are the
// parts the question and its answer share, however small, as a person
// names them by hand (u_1 = \sigma(w x + b)): the question itself keeps
// no name, and the derivatives the lines work out stay in sight, since
// only the question's parts and the answer are looked at.
func (d *Derivation) Names(lines []Line, cse bool) *expr.Names {
	if cse {
		tops := append(append([]expr.Expr(nil), d.Input.Args()...), d.Result)
		return expr.AbbreviateFrom(expr.CSESize, tops...)
	}
	tops := []expr.Expr{d.Start}
	for _, l := range lines {
		tops = append(tops, l.State)
	}
	return expr.Abbreviate(tops...)
}
