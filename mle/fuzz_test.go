package mle_test

import (
	"strings"
	"testing"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/internal/fuzzcheck"
	"github.com/derivtex/derivtex/mle"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/solve"
)

// FuzzMLE runs a whole maximum-likelihood derivation, as derivtex mle
// does: a density read with parser.ParseDensity (with or without its
// header), parameters as a comma-separated list (empty: the header's),
// a response name (empty: the header's, or y). It checks that failures
// are input errors (diag.Input), that every term of the result prints
// to text that parses back to it, and that the LaTeX is balanced.
//
// The seeds in testdata/fuzz/FuzzMLE run with go test.
func FuzzMLE(f *testing.F) {
	f.Fuzz(func(t *testing.T, src, params, response string) {
		defer fuzzcheck.NoPanic(t)
		if fuzzcheck.TooLong(src, params, response) {
			t.Skip("input too long")
		}
		d, err := parser.ParseDensity(src)
		if err != nil {
			return
		}
		if fuzzcheck.TooBig(d.Body) {
			t.Skip("density too big")
		}
		var names []string
		for p := range strings.SplitSeq(params, ",") {
			if p = strings.TrimSpace(p); p != "" {
				names = append(names, p)
			}
		}
		m, err := mle.FromDensity(d, names, strings.TrimSpace(response))
		if err != nil {
			if diag.KindOf(err) != diag.Input {
				t.Fatalf("%s: error %T: %v", src, err, err)
			}
			return
		}
		r, err := mle.Derive(fuzzcheck.Job(t), m)
		if fuzzcheck.Exceeded(err) {
			return
		}
		if err != nil {
			if diag.KindOf(err) != diag.Input {
				t.Fatalf("%s: error %T: %v", src, err, err)
			}
			return
		}
		fuzzcheck.RoundTrip(t, "the negative log-likelihood", r.NLL)
		fuzzcheck.RoundTrip(t, "the objective", r.Objective)
		if len(r.Gradient) != len(m.Params) {
			t.Fatalf("%s: %d gradient components for %d parameters", src, len(r.Gradient), len(m.Params))
		}
		for _, g := range r.Gradient {
			fuzzcheck.RoundTrip(t, "d/d"+g.Param.Name(), g.Value)
		}
		if r.Stationary == nil && r.NoClosedForm == "" {
			t.Fatalf("%s: neither an estimate nor why there is none", src)
		}
		for _, e := range r.Stationary {
			fuzzcheck.RoundTrip(t, e.Param.Name()+"_hat", e.Value)
		}
		tex, err := solve.MLELaTeX(fuzzcheck.Job(t), r)
		if fuzzcheck.Exceeded(err) {
			return
		}
		if err != nil {
			t.Fatalf("%s: LaTeX: %v", src, err)
		}
		fuzzcheck.LaTeX(t, "the derivation", tex)
	})
}
