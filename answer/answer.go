// Package answer is what derivtex's commands write with --json: one
// schema, documented in docs/json.md, in which the same thing has the same
// shape everywhere. A term is an Expr (plain syntax and LaTeX) wherever it
// appears; a derivation step is a Step; a failure is a Failure; the answer
// of a problem in a problem file is the answer of the command of its kind.
// Every top-level answer carries "schema": Schema.
//
// Terms that share structure are written without repeating it: the large
// subterms an answer repeats (expr.Abbreviate) get names, listed once in
// the answer's "terms", and written by name elsewhere, so that an answer
// stays proportional to its distinct subterms (a derivative of a deep
// composition is quadratic written out as a tree).
package answer

import (
	"errors"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
)

// Schema is the version of the JSON written. It changes when a field
// changes meaning or disappears; new fields do not change it.
const Schema = 1

// Expr is a term: its plain syntax, which derivtex reads back (with the
// answer's terms substituted for their names), and its LaTeX.
type Expr struct {
	Plain string `json:"plain"`
	LaTeX string `json:"latex"`
}

// Term is a named shared subterm: Name stands for it in the plain syntax
// and in the LaTeX (u1, u_{1}) of the answer's other terms, and of later
// Terms (each is defined after the names it uses).
type Term struct {
	Name  string `json:"name"`
	Plain string `json:"plain"`
	LaTeX string `json:"latex"`
}

// Step is one step of a derivation: Rule (an identifier, "chain") turned
// Before into After; Title is the rule as a reader sees it, LaTeX the step
// as an equation, Assumptions what it took to be true ("x > 0").
type Step struct {
	Rule        string   `json:"rule"`
	Title       string   `json:"title"`
	Note        string   `json:"note,omitempty"`
	Before      string   `json:"before"`
	After       string   `json:"after"`
	LaTeX       string   `json:"latex"`
	Assumptions []string `json:"assumptions"`
}

// Diff is the answer of diff, and of each variable of a diff problem.
type Diff struct {
	Schema int    `json:"schema,omitempty"`
	Input  Expr   `json:"input"`
	Wrt    string `json:"wrt"`
	Result Expr   `json:"result"`
	Terms  []Term `json:"terms"`
	Steps  []Step `json:"steps"`
	// AtGiven is the derivative worked out at a diff problem's given
	// values, when it has some.
	AtGiven *Eval `json:"at_given,omitempty"`
	// Warnings of diff's own answer: its variable does not occur in the
	// expression. Left out when there are none.
	Warnings []Error `json:"warnings,omitempty"`
}

// Simplify is the answer of simplify, and of a simplify problem.
type Simplify struct {
	Schema int    `json:"schema,omitempty"`
	Input  Expr   `json:"input"`
	Result Expr   `json:"result"`
	Terms  []Term `json:"terms"`
	Steps  []Step `json:"steps"`
}

// Eval is the answer of eval, and of an eval problem: the value as a
// float (nil when it is not a number: symbols are left), and exactly (nil
// when it has no closed form). A tensor's value is its entries nested as
// its shape nests them, as a network's values are ([0, 0.5]), and Shape
// is its shape.
type Eval struct {
	Schema int    `json:"schema,omitempty"`
	Input  Expr   `json:"input"`
	Name   string `json:"name,omitempty"` // what the value is called, in a problem
	Value  any    `json:"value"`          // float64, nil, or nested []any
	Shape  []int  `json:"shape,omitempty"`
	Exact  *Expr  `json:"exact"`
	// Warnings of eval's own answer: bindings the term does not use. Left
	// out when there are none (in a problem, the file holds its warnings).
	Warnings []Error `json:"warnings,omitempty"`
}

// MLE is the answer of mle, and of an mle problem.
type MLE struct {
	Schema   int      `json:"schema,omitempty"`
	Density  Expr     `json:"density"`
	Response string   `json:"response"`
	Params   []string `json:"params"`
	// Data are the names with one value per example (x, read x[i]);
	// Consts the known constants shared by every example.
	Data   []string `json:"data"`
	Consts []string `json:"consts"`
	// Domain bounds the parameters where the log-likelihood is defined,
	// one entry per bounded parameter.
	Domain    []Bound `json:"domain"`
	NLL       Expr    `json:"nll"`
	Objective Expr    `json:"objective"`
	Gradient  []Param `json:"gradient"`
	// Estimates are the closed-form estimates, nil when there is none,
	// and NoClosedForm then says why.
	Estimates    []Param `json:"estimates"`
	NoClosedForm string  `json:"no_closed_form,omitempty"`
	// Steps take -log L to the negative log-likelihood.
	Steps []Step `json:"steps"`
	Terms []Term `json:"terms"`
}

// Bound is the open interval a parameter lies in, lo < param < hi; a
// side without a bound is null.
type Bound struct {
	Param string `json:"param"`
	Lo    *Expr  `json:"lo"`
	Hi    *Expr  `json:"hi"`
}

// Param is a term that belongs to one parameter: its gradient component,
// its estimate.
type Param struct {
	Param string `json:"param"`
	Expr
}

// Solve is the answer of solve: every file, every problem.
type Solve struct {
	Schema int    `json:"schema"`
	Files  []File `json:"files"`
}

// File is a solved problem file.
type File struct {
	File     string    `json:"file"`
	Title    string    `json:"title"`
	Problems []Problem `json:"problems"`
	// Warnings are what the file says that has no effect: a given no
	// statement uses, an option nothing reads.
	Warnings []Error `json:"warnings"`
	// Errors are why the file could not be read: unreadable, or every
	// mistake in its text. A problem that could not be solved has its
	// own error.
	Errors []Error `json:"errors"`
}

// Problem is a solved problem: the field named after its kind holds the
// answer the command of that name gives (a diff problem has one per
// variable).
type Problem struct {
	Title    string    `json:"title"`
	Kind     string    `json:"kind"`
	Diff     []Diff    `json:"diff,omitempty"`
	Simplify *Simplify `json:"simplify,omitempty"`
	Eval     *Eval     `json:"eval,omitempty"`
	MLE      *MLE      `json:"mle,omitempty"`
	Network  *Network  `json:"network,omitempty"`
	IndexMap *IndexMap `json:"op,omitempty"`
	// Curves is a curves problem's diagnosis.
	Curves *Curves `json:"curves,omitempty"`
	// Activation is an activation problem's analysis.
	Activation *Activation `json:"activation,omitempty"`
	// Activations are an activations comparison's analyses.
	Activations []*Activation `json:"activations,omitempty"`
	// Symbolic is a network problem's answer without values.
	Symbolic *SymbolicNetwork `json:"symbolic,omitempty"`
	// The convolution kinds, each the answer of its derivtex conv command.
	ConvSize   *ConvSize   `json:"convsize,omitempty"`
	ConvDesign *ConvDesign `json:"convdesign,omitempty"`
	ConvCount  *ConvCount  `json:"convcount,omitempty"`
	ConvStack  *ConvStack  `json:"convstack,omitempty"`
	// Error is why the problem could not be solved, in place of its
	// answer.
	Error *Error `json:"error,omitempty"`
}

// Failure is the answer when there is none: the command's, or a batch
// line's (Line and Input then say which).
type Failure struct {
	Schema int    `json:"schema"`
	Line   int    `json:"line,omitempty"`
	Input  string `json:"input,omitempty"`
	Error  Error  `json:"error"`
}

// Error is what went wrong, and where when that is known.
type Error struct {
	Message string `json:"message"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	// Budget names the budget that ran out ("work", "output", "memory").
	Budget string `json:"budget,omitempty"`
	// Internal is set when derivtex failed rather than the input.
	Internal bool `json:"internal,omitempty"`
}

// WarningsOf describes warnings, [] when there are none.
func WarningsOf(warnings diag.List) []Error { return ErrorsOf(warnings) }

// ErrorsOf describes each error of a list (diag.List), or err alone; []
// when err is nil.
func ErrorsOf(err error) []Error {
	list := diag.ListOf(err)
	out := make([]Error, len(list))
	for i, e := range list {
		out[i] = ErrorOf(e)
	}
	return out
}

// ErrorOf describes err.
func ErrorOf(err error) Error {
	d := diag.From(err)
	e := Error{Message: d.Msg, File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Internal: d.Kind == diag.Internal}
	var be *budget.Exceeded
	if errors.As(err, &be) {
		e.Budget = string(be.Kind)
	}
	return e
}
