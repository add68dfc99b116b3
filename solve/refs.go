package solve

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/tensor"
)

// A given value may be an earlier problem's answer (given g = grad.w,
// see package problem). The problems of a file are solved in parallel;
// one that uses another's answer waits for it, then takes the part it
// names from the solution's Parts, with its own given numbers put in.

// refsOf returns the problems whose answers p uses.
func refsOf(p *problem.Problem) []*problem.Problem {
	var out []*problem.Problem
	for _, s := range p.Statements {
		for _, bd := range s.Bindings {
			if bd.Ref != nil && !slices.Contains(out, bd.Ref.Problem) {
				out = append(out, bd.Ref.Problem)
			}
		}
	}
	return out
}

// withAnswers is p with the answers it uses put in its given values, and
// a paragraph for the top of its solution that says where they came
// from; p itself when it uses none. solved holds the solutions by
// problem, those p uses among them.
func withAnswers(p *problem.Problem, index map[*problem.Problem]int, solved []*Solution) (*problem.Problem, string, error) {
	if len(refsOf(p)) == 0 {
		return p, "", nil
	}
	numbers := map[expr.Expr]expr.Expr{}
	given := map[string]bool{}
	for _, s := range p.Statements {
		for _, bd := range s.Bindings {
			given[bd.Name] = true
			if bd.Ref == nil && bd.Value.Rank() == 0 {
				numbers[expr.Sym(bd.Name)] = bd.Value.At()
			}
		}
	}
	q := *p
	q.Statements = make([]*problem.Statement, len(p.Statements))
	var said []string
	for i, s := range p.Statements {
		q.Statements[i] = s
		if s.Key != "given" || !slices.ContainsFunc(s.Bindings, func(b problem.Binding) bool { return b.Ref != nil }) {
			continue
		}
		c := *s
		c.Bindings = slices.Clone(s.Bindings)
		for k, bd := range c.Bindings {
			if bd.Ref == nil {
				continue
			}
			j := index[bd.Ref.Problem]
			v, err := part(bd.Ref, j, solved[j])
			if err != nil {
				return nil, "", err
			}
			put, err := putIn(bd, v, numbers, given)
			if err != nil {
				return nil, "", err
			}
			c.Bindings[k].Value = put
			line := fmt.Sprintf("$%s = %s", latex.Expr(expr.Sym(bd.Name)), latex.Tensor(v))
			if !put.Equal(v) {
				line += " = " + latex.Tensor(put)
			}
			said = append(said, "from problem "+fmt.Sprint(j+1)+", "+line+"$")
		}
		q.Statements[i] = &c
	}
	text := strings.Join(said, "; ")
	return &q, "F" + text[1:] + ".\n\n", nil
}

// part is the part of problem j's answer that r names.
func part(r *problem.Ref, j int, s *Solution) (tensor.Tensor, error) {
	if s == nil {
		return tensor.Tensor{}, diag.At(r.Pos, "problem %s (line %d) has no answer to use: see its error", r.Problem.Label, r.Problem.Pos.Line)
	}
	names := make([]string, 0, len(s.Parts))
	for n := range s.Parts {
		names = append(names, n)
	}
	sort.Strings(names)
	if r.Part == "" {
		if len(names) == 1 {
			return s.Parts[names[0]], nil
		}
		if len(names) == 0 {
			return tensor.Tensor{}, diag.At(r.Pos, "the answer of problem %s (%s) is not a value a problem can use", r.Problem.Label, r.Problem.Kind)
		}
		return tensor.Tensor{}, diag.At(r.Pos, "the answer of problem %s has several parts: say which, %s", r.Problem.Label, listParts(r.Problem.Label, names))
	}
	v, ok := s.Parts[r.Part]
	if !ok {
		if len(names) == 0 {
			return tensor.Tensor{}, diag.At(r.Pos, "the answer of problem %s (%s) is not a value a problem can use", r.Problem.Label, r.Problem.Kind)
		}
		return tensor.Tensor{}, diag.At(r.Pos, "the answer of problem %s has no part %s: it has %s", r.Problem.Label, r.Part, listParts(r.Problem.Label, names))
	}
	return v, nil
}

func listParts(label string, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = label + "." + n
	}
	return strings.Join(out, ", ")
}

// putIn puts the problem's given numbers in an answer it uses: the
// derivative 2 x (w x - y) at its x, w and y. A name the answer keeps
// must be one the problem gives (a vector, which its statement indexes).
func putIn(bd problem.Binding, v tensor.Tensor, numbers map[expr.Expr]expr.Expr, given map[string]bool) (tensor.Tensor, error) {
	entries := v.Entries()
	for i, a := range entries {
		x := expr.Substitute(a, numbers)
		for _, s := range expr.FreeSymbols(x) {
			if !given[s.Name()] && !expr.IsConstantSymbol(s) {
				return tensor.Tensor{}, diag.At(bd.Ref.Pos, "%s = %s mentions %s, which this problem does not give: add %s = ... to its given values",
					bd.Ref, expr.Short(a), s.Name(), s.Name())
			}
		}
		entries[i] = x
	}
	if v.Rank() == 0 {
		return tensor.Scalar(entries[0]), nil
	}
	return tensor.New(v.Shape(), entries)
}
