package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/check"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/equiv"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/solve"
)

// checkCmd checks a hand derivation, or a final answer.
type checkCmd struct {
	Source   string `arg:"" optional:"" name:"FILE-or-ANSWER" help:"The derivation's file (- or nothing: stdin); with --against or --problem, the answer to check."`
	Input    string `name:"input" default:"plain" help:"The syntax of the expressions: plain (one per line, each after the first optionally preceded by =, =c, propto, argmin or d/dVAR; NAME := e defines NAME; => v = e solves the equation before) or latex (an align* or aligned block: &=, \\propto, \\stackrel{c}{=}, \\stackrel{\\arg\\min_w}{=}, :=, \\Rightarrow)."`
	Assume   string `help:"Assumptions, comma-separated: 'w > 0, x[i] > 0'."`
	Wrt      string `help:"The parameters (w,b): what argmin and up-to-a-constant steps are about, and the variable of derivative steps."`
	Against  string `placeholder:"EXPR" help:"Final-answer mode: check the answer against this expression."`
	Problem  string `placeholder:"FILE#N" help:"Check the answer against what solve derives for problem N (1-based) of FILE."`
	Relation string `default:"=" help:"With --against: the relation the answer must have to EXPR: =, =c, propto, argmin."`
	JSON     bool   `name:"json" xor:"format" help:"Answer in JSON (docs/json.md)."`
	LaTeX    bool   `name:"latex" xor:"format" help:"Write the derivation back as a LaTeX document with each line marked: a feedback sheet."`
}

func (c *checkCmd) Run(e *env) error {
	e.json = c.JSON
	syntax, err := parser.ParseSyntax(c.Input)
	if err != nil {
		return diag.Prefixed("--input", diag.Errorf("%v", err))
	}
	opt := check.Options{Syntax: syntax}
	if strings.TrimSpace(c.Assume) != "" {
		as, err := equiv.ParseAssumptions("", c.Assume)
		if err != nil {
			return diag.Prefixed("--assume", err)
		}
		if err := as.Consistent(); err != nil {
			return diag.Prefixed("--assume", err)
		}
		opt.Assume = as
	}
	for _, w := range strings.Split(c.Wrt, ",") {
		if w = strings.TrimSpace(w); w != "" {
			opt.Wrt = append(opt.Wrt, w)
		}
	}
	ctx, _ := e.job()
	var lines []check.Line
	var lineErrs diag.List
	switch {
	case c.Against != "" && c.Problem != "":
		return diag.Errorf("--against and --problem do not go together: check an answer against one of them")
	case c.Against != "" || c.Problem != "":
		if c.Source == "" {
			return diag.Errorf("the answer to check is missing: derivtex check --against EXPR ANSWER")
		}
		lines, err = c.answerLines(ctx, &opt)
		if err != nil {
			return err
		}
	default:
		src, name, err := c.read(e.stdin)
		if err != nil {
			return err
		}
		if syntax == parser.LaTeX {
			lines, lineErrs = check.SplitLaTeX(name, src)
		} else {
			lines, lineErrs = check.SplitPlain(name, src)
		}
		if len(lines) == 0 && len(lineErrs) == 0 {
			return diag.At(diag.Pos{File: name, Line: 1, Col: 1}, "the derivation is empty: nothing to check")
		}
	}
	rep, err := check.Check(ctx, lines, opt)
	if err != nil {
		return err
	}
	rep.Errors = append(lineErrs, rep.Errors...)
	slices.SortStableFunc(rep.Errors, func(a, b *diag.Error) int { return a.Pos.Offset - b.Pos.Offset })
	rep.Answer = c.Against != "" || c.Problem != ""
	switch {
	case c.JSON:
		out := answer.CheckOf(rep)
		out.Schema = answer.Schema
		if err := writeJSON(e.stdout, out); err != nil {
			return err
		}
	case c.LaTeX:
		if _, err := fmt.Fprint(e.stdout, rep.LaTeX()); err != nil {
			return err
		}
	default:
		if _, err := fmt.Fprint(e.stdout, rep.Text()); err != nil {
			return err
		}
	}
	if len(rep.Errors) > 0 {
		// The lines that read were checked and answered; the others are
		// the input's mistakes.
		return answered{rep.Errors}
	}
	return nil
}

// read reads the derivation, at most parser.MaxInputBytes of it.
func (c *checkCmd) read(stdin io.Reader) (src, name string, err error) {
	if c.Source == "" || c.Source == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, parser.MaxInputBytes+1))
		if err != nil {
			return "", "", diag.Errorf("reading stdin: %v", err)
		}
		if len(b) > parser.MaxInputBytes {
			return "", "", diag.Errorf("the derivation is larger than %d bytes, the most check reads", parser.MaxInputBytes)
		}
		return string(b), "", nil
	}
	text, err := readSource(c.Source)
	if err != nil {
		return "", "", err
	}
	if len(text) > parser.MaxInputBytes {
		return "", "", diag.Errorf("%s: larger than %d bytes, the most check reads", c.Source, parser.MaxInputBytes)
	}
	return text, c.Source, nil
}

// answerLines are the two lines of the final-answer modes: the expected
// expression, and the answer with the relation it must have.
func (c *checkCmd) answerLines(ctx context.Context, opt *check.Options) ([]check.Line, error) {
	rel := check.Rel{Kind: check.Equal, Sign: "="}
	expected := c.Against
	from := diag.Pos{File: "--against", Line: 1, Col: 1}
	if c.Problem != "" {
		x, r, params, err := problemAnswer(ctx, c.Problem, c.Source, opt.Syntax)
		if err != nil {
			return nil, err
		}
		expected, rel = expr.Plain(x), r
		if len(opt.Wrt) == 0 {
			opt.Wrt = params
		}
		from = diag.Pos{File: c.Problem, Line: 1, Col: 1}
		// The expected answer is derivtex's own, in plain syntax; only
		// the student's answer is read in --input's syntax.
		return []check.Line{
			{Text: expected, Pos: from, Rel: check.Rel{Kind: check.Start}, Plain: true},
			{Text: c.Source, Pos: diag.Pos{File: "ANSWER", Line: 1, Col: 1}, Rel: rel},
		}, nil
	}
	if c.Relation != "=" {
		r, ok := check.ParseRelation(c.Relation)
		if !ok {
			return nil, diag.Errorf("--relation %q: want =, =c, propto or argmin", c.Relation)
		}
		rel = r
	}
	return []check.Line{
		{Text: expected, Pos: from, Rel: check.Rel{Kind: check.Start}},
		{Text: c.Source, Pos: diag.Pos{File: "ANSWER", Line: 1, Col: 1}, Rel: rel},
	}, nil
}

// problemAnswer solves problem N of FILE (FILE#N) and returns the term an
// answer is checked against, with the relation it must have: a diff
// problem's derivative (by its first variable), a simplify problem's
// result, an eval problem's exact value, an mle problem's objective (same
// argmin over its parameters) or, for a one-parameter answer without the
// parameter, its estimate.
func problemAnswer(ctx context.Context, spec, ans string, syntax parser.Syntax) (expr.Expr, check.Rel, []string, error) {
	eq := check.Rel{Kind: check.Equal, Sign: "="}
	path, num, ok := strings.Cut(spec, "#")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 1 {
		return nil, eq, nil, diag.Errorf("--problem %q: want FILE#N, N the problem's number from 1", spec)
	}
	text, err := readSource(path)
	if err != nil {
		return nil, eq, nil, err
	}
	f, err := problem.Parse(path, text)
	if err != nil {
		return nil, eq, nil, err
	}
	if n > len(f.Problems) {
		return nil, eq, nil, diag.Errorf("--problem %q: %s has %d problems", spec, path, len(f.Problems))
	}
	s, err := solve.Problem(ctx, f, f.Problems[n-1])
	if err != nil {
		return nil, eq, nil, err
	}
	a := s.Answer
	read := func(plain string, terms []answer.Term) (expr.Expr, error) {
		m := map[expr.Expr]expr.Expr{}
		for _, t := range terms {
			x, err := parser.Parse(t.Plain)
			if err != nil {
				return nil, err
			}
			m[expr.Sym(t.Name)] = expr.Substitute(x, m)
		}
		x, err := parser.Parse(plain)
		if err != nil {
			return nil, err
		}
		return expr.Substitute(x, m), nil
	}
	var x expr.Expr
	switch {
	case len(a.Diff) > 0:
		x, err = read(a.Diff[0].Result.Plain, a.Diff[0].Terms)
	case a.Simplify != nil:
		x, err = read(a.Simplify.Result.Plain, a.Simplify.Terms)
	case a.Eval != nil && a.Eval.Exact != nil:
		x, err = read(a.Eval.Exact.Plain, nil)
	case a.MLE != nil:
		// An answer without the parameters is an estimate; one with
		// them, an objective.
		mentions := true
		if y, err := parser.ParseAs(syntax, "", ans); err == nil {
			mentions = false
			for _, p := range a.MLE.Params {
				if v, err := parser.Parse(p); err == nil && expr.DependsOn(y, v) {
					mentions = true
				}
			}
		}
		if !mentions && len(a.MLE.Estimates) == 1 {
			x, err = read(a.MLE.Estimates[0].Plain, a.MLE.Terms)
			return x, eq, a.MLE.Params, err
		}
		x, err = read(a.MLE.Objective.Plain, a.MLE.Terms)
		return x, check.Rel{Kind: check.SameArgmin, Sign: "argmin", Params: a.MLE.Params}, a.MLE.Params, err
	default:
		return nil, eq, nil, diag.Errorf("--problem %q: a %s problem has no single term to check an answer against", spec, a.Kind)
	}
	return x, eq, nil, err
}
