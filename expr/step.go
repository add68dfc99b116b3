package expr

import (
	"slices"
	"strings"
	"sync"
)

// Rule names a rewrite: derivation rules (chain, product, ...) and
// simplification rules (log of a product, ...). Steps refer to rules, so
// the justification shown beside a step is the rule that made it.
type Rule struct {
	Name  string // short identifier used in --json, e.g. "chain"
	Title string // the justification as a reader sees it, e.g. "chain rule"
}

var rules = struct {
	sync.Mutex
	byName map[string]*Rule
}{byName: map[string]*Rule{}}

// NewRule registers a rule. Names are unique; registering one twice panics,
// since two rules with one name would make step records ambiguous.
func NewRule(name, title string) *Rule {
	rules.Lock()
	defer rules.Unlock()
	if _, dup := rules.byName[name]; dup {
		panic("expr: rule " + name + " registered twice")
	}
	r := &Rule{Name: name, Title: title}
	rules.byName[name] = r
	return r
}

// Step is one rewrite: Rule turned the subterm Before into After. Before is
// often the whole term being worked on, but derivation steps are local (the
// pending derivative of one subterm), which keeps a derivation's record
// linear in the size of the term.
type Step struct {
	Rule   *Rule
	Before Expr
	After  Expr
	// Assume lists terms the step takes to be positive (log(a b) = log a +
	// log b needs a, b > 0); the justification states them.
	Assume []Expr
	// Note is an optional remark shown with the justification.
	Note string
}

// Justification is the step's rule as a reader sees it, with its note:
// "chain rule (power rule)".
func (s Step) Justification() string {
	t := s.title()
	if s.Note != "" {
		t += " (" + s.Note + ")"
	}
	return t
}

// Replay applies steps in order to start, each one replacing every
// occurrence of its Before, and returns the states after each step. This is
// how a local step record becomes the chain of equalities a reader sees.
func Replay(start Expr, steps []Step) []Expr {
	out := make([]Expr, 0, len(steps))
	cur := start
	for _, s := range steps {
		if s.Before == cur {
			cur = s.After
		} else {
			cur = Substitute(cur, map[Expr]Expr{s.Before: s.After})
		}
		out = append(out, cur)
	}
	return out
}

// StepTerms is tops and the terms of steps (each Before and After):
// every term a rendering of the steps writes, for naming what they share
// (Abbreviate).
func StepTerms(steps []Step, tops ...Expr) []Expr {
	for _, s := range steps {
		tops = append(tops, s.Before, s.After)
	}
	return tops
}

// Titles is the justification of a line made by steps: each distinct rule
// once, in order of first use, the notes of one rule gathered in one
// parenthesis ("chain rule (derivative of exp, derivative of log)"), as a
// teacher writes "by the chain rule" once for every place it applies.
func Titles(steps []Step) []string {
	var titles []string
	notes := map[string][]string{}
	for _, s := range steps {
		t := s.title()
		ns, seen := notes[t]
		if !seen {
			titles = append(titles, t)
		}
		if s.Note != "" && !slices.Contains(ns, s.Note) {
			ns = append(ns, s.Note)
		}
		notes[t] = ns
	}
	for i, t := range titles {
		if ns := notes[t]; len(ns) > 0 {
			titles[i] = t + " (" + strings.Join(ns, ", ") + ")"
		}
	}
	return titles
}

// title is the step's rule title without its note.
func (s Step) title() string {
	if s.Rule != nil && s.Rule.Title != "" {
		return s.Rule.Title
	}
	return "rewrite"
}
