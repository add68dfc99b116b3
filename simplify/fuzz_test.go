package simplify_test

import (
	"math/rand/v2"
	"testing"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/internal/fuzzcheck"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/simplify"
)

// FuzzSimplify runs the pipeline of derivtex simplify on a term read from
// plain syntax and checks that
//
//   - the steps replay from the input to the result, as the handout's
//     chain shows them;
//   - simplifying the result again changes nothing (idempotence);
//   - the result and every step print to text that parses back to them,
//     and the LaTeX of the chain is balanced;
//   - the input and the result agree in value at points drawn from seed,
//     wherever both are defined and the steps' assumptions hold.
//
// The seeds in testdata/fuzz/FuzzSimplify run with go test.
func FuzzSimplify(f *testing.F) {
	f.Fuzz(func(t *testing.T, src string, seed uint64) {
		defer fuzzcheck.NoPanic(t)
		if fuzzcheck.TooLong(src) {
			t.Skip("input too long")
		}
		x, err := parser.Parse(src)
		if err != nil {
			return
		}
		if fuzzcheck.TooBig(x) {
			t.Skip("term too big")
		}
		ctx := fuzzcheck.Job(t)
		r, steps := simplify.Simplify(ctx, x)
		if fuzzcheck.Exceeded(budget.From(ctx).Err()) {
			return // a partial result, which the caller throws away
		}
		if r == nil {
			t.Fatalf("%s simplifies to nil", x)
		}
		var assume []expr.Expr
		for _, s := range steps {
			if s.Rule == nil || s.Before == nil || s.After == nil {
				t.Fatalf("%s: incomplete step %+v", x, s)
			}
			fuzzcheck.RoundTrip(t, "a step's result", s.After)
			assume = append(assume, s.Assume...)
		}
		last := x
		if states := expr.Replay(x, steps); len(states) > 0 {
			last = states[len(states)-1]
		}
		if last != r {
			t.Fatalf("%s: the steps replay to %s, the result is %s", x, last, r)
		}
		ctx = fuzzcheck.Job(t)
		if again, _ := simplify.Simplify(ctx, r); again != r && budget.From(ctx).OK() {
			t.Fatalf("not idempotent: %s simplifies to %s, which simplifies to %s", x, r, again)
		}
		fuzzcheck.RoundTrip(t, "the result", r)
		fuzzcheck.LaTeX(t, "the chain", latex.Align(latex.Chain(x, steps)))
		fuzzcheck.LaTeX(t, "the result", latex.Expr(r))

		if !fuzzcheck.Evaluable(x) {
			return
		}
		rng := rand.New(rand.NewPCG(seed, 0x5eed))
		for range 3 {
			env := fuzzcheck.Point(rng, x)
			if !fuzzcheck.Positive(assume, env) {
				continue
			}
			a, errA := expr.Eval(x, env)
			b, errB := expr.Eval(r, env)
			if errA != nil || errB != nil {
				continue
			}
			if !agree(a, b) {
				t.Fatalf("%s simplifies to %s, but at %v %v they are %g and %g",
					x, r, env.Scalars, env.Arrays, a, b)
			}
		}
	})
}
