package derive_test

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/internal/fuzzcheck"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser"
)

// FuzzDerive differentiates a term by a variable, both read from plain
// syntax, and follows the derivation all the way to its LaTeX, as
// derivtex diff --steps and solve render it. Beyond not panicking:
//
//   - a failure is an input error (diag.Input), the same from Diff as from Steps, and
//     anything but a variable is refused;
//   - Diff gives the answer Steps records, with no pending derivative
//     left in it;
//   - the lines a reader sees start from d/dv of the input and end at the
//     answer;
//   - every term shown (answer, steps, lines) prints to text that parses
//     back to it, as --json promises, and the LaTeX is balanced;
//   - the derivative by a symbol agrees with a finite difference of the
//     input at random points, for terms without kinks or jumps.
//
// The seeds in testdata/fuzz/FuzzDerive run with go test.
func FuzzDerive(f *testing.F) {
	f.Fuzz(func(t *testing.T, src, wrt string) {
		defer fuzzcheck.NoPanic(t)
		if fuzzcheck.TooLong(src, wrt) {
			t.Skip("input too long")
		}
		x, err := parser.Parse(src)
		if err != nil {
			return
		}
		v, err := parser.Parse(wrt)
		if err != nil {
			return
		}
		if fuzzcheck.TooBig(x, v) {
			t.Skip("term too big")
		}
		d, err := derive.Steps(fuzzcheck.Job(t), x, v)
		r, errDiff := derive.Diff(fuzzcheck.Job(t), x, v)
		if fuzzcheck.Exceeded(err) || fuzzcheck.Exceeded(errDiff) {
			return // Steps and Diff charge alike, but either may be the one over
		}
		if err != nil {
			if diag.KindOf(err) != diag.Input {
				t.Fatalf("d/d%s %s: error %T: %v", v, x, err, err)
			}
			if errDiff == nil || errDiff.Error() != err.Error() {
				t.Fatalf("d/d%s %s: Steps fails with %q, Diff with %v", v, x, err, errDiff)
			}
			return
		}
		switch v := v.(type) {
		case *expr.Symbol:
			if expr.IsConstantSymbol(v) {
				t.Fatalf("differentiated by the constant %s", v)
			}
		case *expr.Indexed:
		default:
			t.Fatalf("differentiated by %s, which is not a variable", v)
		}
		if errDiff != nil {
			t.Fatalf("d/d%s %s: Steps succeeds, Diff fails: %v", v, x, errDiff)
		}
		if r != d.Result {
			t.Fatalf("d/d%s %s: Diff gives %s, Steps %s", v, x, r, d.Result)
		}
		if d.Start != expr.Diff(d.Input, v) || d.Var != v {
			t.Fatalf("d/d%s %s: the derivation starts at %s", v, x, d.Start)
		}
		if expr.HasDerivative(d.Input) || expr.HasDerivative(d.Result) {
			t.Fatalf("d/d%s %s: a pending derivative is left in %s or %s", v, x, d.Input, d.Result)
		}
		for _, s := range d.Steps {
			if s.Rule == nil || s.Before == nil || s.After == nil {
				t.Fatalf("d/d%s %s: incomplete step %+v", v, x, s)
			}
			fuzzcheck.RoundTrip(t, "a step's left side", s.Before)
			fuzzcheck.RoundTrip(t, "a step's right side", s.After)
		}

		lines, err := d.Lines(fuzzcheck.Job(t))
		if fuzzcheck.Exceeded(err) {
			return
		}
		if err != nil {
			t.Fatalf("d/d%s %s: lines: %v", v, x, err)
		}
		if len(lines) == 0 {
			t.Fatalf("d/d%s %s = %s: no lines", v, x, d.Result)
		}
		rows := make([]latex.Row, len(lines))
		for i, l := range lines {
			if l.State == nil {
				t.Fatalf("d/d%s %s: line %d has no term", v, x, i+1)
			}
			fuzzcheck.RoundTrip(t, "a line", l.State)
			rows[i] = latex.Row{State: l.State, Steps: l.Steps}
		}
		if last := lines[len(lines)-1].State; last != d.Result {
			t.Fatalf("d/d%s %s: the lines end at %s, the answer is %s", v, x, last, d.Result)
		}
		if sl, _, err := d.Presented(fuzzcheck.Job(t), derive.SubstOn); err == nil && sl[len(sl)-1].State != d.Result {
			t.Fatalf("d/d%s %s: written through an inner function, the lines end at %s, the answer is %s", v, x, sl[len(sl)-1].State, d.Result)
		} else if err != nil && !fuzzcheck.Exceeded(err) {
			t.Fatalf("d/d%s %s: substitution: %v", v, x, err)
		}
		fuzzcheck.LaTeX(t, "the derivation", latex.Align(latex.Rows(d.Start, rows)))
		fuzzcheck.LaTeX(t, "the boxed answer", latex.Boxed(d.Start, d.Result))
		fuzzcheck.RoundTrip(t, "the derivative", d.Result)
		checkValue(t, d, src+"\x00"+wrt)
	})
}

// checkValue compares the derivative by a symbol with a central finite
// difference of the input at three points drawn from a hash of key,
// skipping points where either is undefined or the difference cannot be
// trusted, and terms with kinks or jumps.
func checkValue(t *testing.T, d *derive.Derivation, key string) {
	v, ok := d.Var.(*expr.Symbol)
	if !ok || !smooth(d.Input) || !fuzzcheck.Evaluable(d.Input) {
		return
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	rng := rand.New(rand.NewPCG(h.Sum64(), 0xd1ff))
	for range 3 {
		env := fuzzcheck.Point(rng, d.Input)
		x0, bound := env.Scalars[v.Name()]
		if !bound {
			x0 = 0.25 + 2*rng.Float64()
		}
		at := func(val float64) (float64, error) {
			env.Scalars[v.Name()] = val
			return expr.Eval(d.Input, env)
		}
		want, ok := centralDifference(at, x0)
		if !ok {
			continue
		}
		env.Scalars[v.Name()] = x0
		got, err := expr.Eval(d.Result, env)
		if err != nil {
			continue
		}
		if math.Abs(got-want) > 1e-4*math.Max(1, math.Abs(want)) {
			t.Fatalf("d/d%s %s = %s is %g at %v %v, but the finite difference is %g",
				v, d.Input, d.Result, got, env.Scalars, env.Arrays, want)
		}
	}
}

// smooth reports whether x is free of the functions with kinks or jumps,
// where a finite difference says nothing about the derivative.
func smooth(x expr.Expr) bool {
	ok := true
	expr.Inspect(x, func(y expr.Expr) bool {
		if c, isCall := y.(*expr.CallExpr); isCall {
			switch c.Func() {
			case expr.FnAbs, expr.FnRelu, expr.FnStep, expr.FnSign, expr.FnMax, expr.FnMin:
				ok = false
			}
		}
		return ok
	})
	return ok
}
