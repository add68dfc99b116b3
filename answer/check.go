package answer

import (
	"github.com/derivtex/derivtex/check"
	"github.com/derivtex/derivtex/equiv"
)

// Check is the answer of check: the derivation's verdict (equal, equal
// under conditions, not equal, undecided), the line of its first wrong
// step (null when none), and a verdict per step.
type Check struct {
	Schema     int         `json:"schema,omitempty"`
	Verdict    string      `json:"verdict"`
	FirstWrong *int        `json:"first_wrong"`
	Steps      []CheckStep `json:"steps"`
	// Errors are the lines that could not be read (the steps touching
	// them are undecided); left out when there are none.
	Errors []Error `json:"errors,omitempty"`
}

// CheckStep is one step: the line it ends at and the line it starts
// from, both sides as written, the relation claimed, the verdict with
// its conditions or counterexample, the hint naming the slip (and its
// kind: sign, chain, dropped-term, log-exp-rule, constant, sum-n, power,
// solution, no-params), and
// how the verdict was reached.
type CheckStep struct {
	Line           int             `json:"line"`
	FromLine       int             `json:"from_line"`
	From           string          `json:"from"`
	To             string          `json:"to"`
	Relation       string          `json:"relation"`
	Verdict        string          `json:"verdict"`
	Conditions     []string        `json:"conditions"`
	Counterexample *Counterexample `json:"counterexample"`
	Hint           string          `json:"hint"`
	HintKind       string          `json:"hint_kind"`
	Reason         string          `json:"reason"`
	// Expected is what the engine gets from the line before, for a wrong
	// step whose left side is a derivative; left out otherwise.
	Expected string `json:"expected,omitempty"`
}

// Counterexample is a point where a step fails: the values of the
// variables (as text: "0.5", "[1, 2]"), and of both sides there; Other,
// for a relation other than equality, a second point with the same data.
type Counterexample struct {
	Point []Binding       `json:"point"`
	From  string          `json:"from"`
	To    string          `json:"to"`
	Other *Counterexample `json:"other,omitempty"`
}

// Binding is a variable's value.
type Binding struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// CheckOf is the answer of a checked derivation.
func CheckOf(r *check.Report) *Check {
	out := &Check{Verdict: r.Verdict().String(), Steps: []CheckStep{}}
	if r.FirstWrong >= 0 {
		line := r.Steps[r.FirstWrong].Line
		out.FirstWrong = &line
	}
	for _, s := range r.Steps {
		conds := s.Conditions
		if conds == nil {
			conds = []string{}
		}
		out.Steps = append(out.Steps, CheckStep{
			Line: s.Line, FromLine: s.FromLine, From: s.From, To: s.To,
			Relation: s.Rel.String(), Verdict: s.Verdict.String(), Conditions: conds,
			Counterexample: counterOf(s.Counterexample), Hint: s.Hint, HintKind: s.Kind, Reason: s.Reason, Expected: s.Expected,
		})
	}
	if len(r.Errors) > 0 {
		out.Errors = ErrorsOf(r.Errors)
	}
	return out
}

func counterOf(c *equiv.Counterexample) *Counterexample {
	if c == nil {
		return nil
	}
	out := &Counterexample{From: c.Left, To: c.Right, Point: []Binding{}, Other: counterOf(c.Other)}
	for _, b := range c.Point {
		out.Point = append(out.Point, Binding{Name: b.Name, Value: b.Value})
	}
	return out
}
