package solve_test

import (
	"testing"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/internal/fuzzcheck"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/solve"
)

// FuzzSolve solves problem files, as derivtex solve does: problem.Parse,
// solve.File, then the handout's LaTeX. A failure must be an input error (diag.Input) at a place in the file
// (which carries the position the user sees); a solved file must render,
// every answer's term must read back to the text given for it, and the
// LaTeX derivtex generates (each solution's body and answers, not the
// author's titles and questions) must be balanced.
//
// The seeds in testdata/fuzz/FuzzSolve run with go test.
func FuzzSolve(f *testing.F) {
	f.Fuzz(func(t *testing.T, src string) {
		if fuzzcheck.TooLong(src) {
			t.Skip("input too long")
		}
		file, err := problem.Parse("fuzz.drv", src)
		if err != nil {
			return
		}
		if tooBig(file) {
			t.Skip("term too big")
		}
		doc, err := solve.File(fuzzcheck.Job(t), file)
		if fuzzcheck.Exceeded(err) {
			return
		}
		if err != nil {
			if diag.KindOf(err) != diag.Input || !diag.From(err).Pos.IsValid() {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		if len(doc.Solutions) != len(file.Problems) {
			t.Fatalf("%d solutions for %d problems", len(doc.Solutions), len(file.Problems))
		}
		for _, s := range doc.Solutions {
			fuzzcheck.LaTeX(t, "the solution of "+s.Problem.Title, s.Body)
			for _, a := range answerExprs(s.Answer) {
				fuzzcheck.LaTeX(t, "an answer", a.LaTeX)
				x, err := parser.Parse(a.Plain)
				if err != nil {
					t.Fatalf("answer %s does not parse: %v", a.Plain, err)
				}
				if x.String() != a.Plain {
					t.Fatalf("answer %s reads back as %s", a.Plain, x)
				}
			}
		}
		_ = doc.LaTeX(false)
		_ = doc.LaTeX(true)
	})
}

// tooBig reports whether a term of f is beyond fuzzcheck's bounds.
func tooBig(f *problem.File) bool {
	for _, p := range f.Problems {
		for _, s := range p.Statements {
			if fuzzcheck.TooBig(s.Expr) {
				return true
			}
			for _, b := range s.Bindings {
				if fuzzcheck.TooBig(b.Value.Entries()...) {
					return true
				}
			}
		}
	}
	return false
}

// answerExprs are the results a problem's answer holds, those that have
// no terms table (a table's names do not parse on their own).
func answerExprs(p answer.Problem) []answer.Expr {
	var out []answer.Expr
	for _, d := range p.Diff {
		if len(d.Terms) == 0 {
			out = append(out, d.Result)
		}
	}
	if s := p.Simplify; s != nil && len(s.Terms) == 0 {
		out = append(out, s.Result)
	}
	if e := p.Eval; e != nil && e.Exact != nil {
		out = append(out, *e.Exact)
	}
	if m := p.MLE; m != nil && len(m.Terms) == 0 {
		out = append(out, m.NLL, m.Objective)
		for _, g := range m.Gradient {
			out = append(out, g.Expr)
		}
	}
	return out
}
