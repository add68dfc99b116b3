package solve_test

import (
	"testing"

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
			for _, a := range s.Answers {
				fuzzcheck.LaTeX(t, "answer "+a.Name, a.LaTeX)
				if a.Expr == "" {
					continue
				}
				x, err := parser.Parse(a.Expr)
				if err != nil {
					t.Fatalf("answer %s = %s does not parse: %v", a.Name, a.Expr, err)
				}
				if x.String() != a.Expr {
					t.Fatalf("answer %s = %s reads back as %s", a.Name, a.Expr, x)
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
