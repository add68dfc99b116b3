package main

import (
	"context"
	"io"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/simplify"
	"github.com/derivtex/derivtex/solve"
)

// inputFlag is the --input flag of the commands that read an expression:
// the plain syntax, or LaTeX math (docs/latex-input.md).
type inputFlag struct {
	Input string `name:"input" enum:"plain,latex" default:"plain" help:"The syntax of the expression: ${enum} (LaTeX math as students and handouts write it, see docs/latex-input.md)."`
}

// located places an engine's error about the expression src, which is
// written in the syntax --input names (see located in values.go).
func (f inputFlag) located(err error, src string) error { return locatedAs(f.syntax(), err, src) }

// syntax is the syntax --input names.
func (f inputFlag) syntax() parser.Syntax {
	s, _ := parser.ParseSyntax(f.Input) // kong checked the enum
	return s
}

// readWrt reads the variables of --wrt as a problem file's wrt reads
// them (problem.ReadArgument): names or elements x[1], W[1, 2],
// separated by commas outside brackets, each once. A mistake is said of
// the flag, at its place in the flag's value.
func readWrt(src string) (*problem.Argument, error) {
	a, err := problem.ReadArgument("wrt", src)
	if err != nil {
		return nil, diag.Prefixed("--wrt", err)
	}
	return a, nil
}

// readDiff reads the expression to differentiate and checks the variables
// of --wrt against it, as a file's wrt is checked against its diff: each
// has as many indices as its name has there, and one that does not occur
// is a warning.
//
// With layout set it also records how src is written (parser.ParseLayout),
// for derivations shown from the input as the author wrote it; LaTeX
// input has no layout (its first line is the engine's form).
func readDiff(syntax parser.Syntax, src string, wrt *problem.Argument, layout bool) (expr.Expr, *expr.Layout, diag.List, error) {
	var x expr.Expr
	var uses []parser.Use
	var l *expr.Layout
	var err error
	if layout && syntax == parser.Plain {
		x, uses, l, err = parser.ParseLayout("", src)
	} else {
		x, uses, err = parser.ParseTermAs(syntax, "", src)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	warnings, err := wrt.Check(&problem.Statement{Key: "diff", Expr: x}, uses, "the expression")
	if err != nil {
		return nil, nil, nil, diag.Prefixed("--wrt", err)
	}
	for i, w := range warnings {
		warnings[i] = diag.Prefixed("--wrt", w).(*diag.Error)
	}
	return x, l, warnings, nil
}

// writeJSON writes v as one line of JSON.
func writeJSON(w io.Writer, v any) error { return answer.Encode(w, v) }

// encodedLine is the line encode writes, without its line break. The
// builder's string is the bytes written, not a copy of them.
func encodedLine(encode func(io.Writer) error) (string, error) {
	var b strings.Builder
	if err := encode(&b); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

type diffCmd struct {
	Expr string `arg:"" help:"Expression (plain syntax, or LaTeX with --input latex), or - to read one per line from stdin."`
	inputFlag
	Wrt   string `required:"" help:"Variables to differentiate by: a name, or an element such as x[1]; several separated by commas (w,b), each answered in turn."`
	Steps bool   `help:"Print the derivation, a step per line (as LaTeX align* rows with --latex)."`
	LaTeX bool   `name:"latex" xor:"format" help:"Print LaTeX: the derivative as math, or with --steps the derivation."`
	JSON  bool   `name:"json" xor:"format" help:"Answer in JSON (docs/json.md), steps included (JSON Lines with -)."`
	CSE   bool   `name:"cse" help:"Write the derivative with its repeated subexpressions named (u1 = ...), as a person writes a long answer."`
	Subst string `name:"subst" enum:"off,auto,on" default:"off" help:"With --steps, write the derivation through an inner function (where z = w*x + b: the outer derivative by z, then the inner one, multiplied): off, auto (when that is shorter) or on (whenever there is one)."`
	Jobs  int    `help:"With -, how many lines to answer in parallel (0: one per CPU; at most 4 per CPU). Answers come in input order either way."`
}

func (c *diffCmd) Run(e *env) error {
	e.json = c.JSON
	wrt, err := readWrt(c.Wrt)
	if err != nil {
		return err
	}
	vars := wrt.Terms
	one := func(x expr.Expr, l *expr.Layout, k int, warnings diag.List) (string, error) {
		ctx, _ := e.job()
		v := vars[k]
		switch {
		case c.JSON:
			// The warnings about this variable go in its answer.
			var mine diag.List
			for _, w := range warnings {
				if w.Pos == wrt.NamePos(k) {
					mine = append(mine, w)
				}
			}
			return c.json(ctx, x, l, v, mine)
		case c.Steps:
			return c.steps(ctx, x, l, v)
		}
		return c.result(ctx, x, l, v)
	}
	// With several variables, an answer per variable, each on its own
	// line(s), named unless it is JSON, which names its variable itself.
	answer := func(src string) (string, error) {
		x, l, warnings, err := readDiff(c.syntax(), src, wrt, c.Steps || c.JSON || c.LaTeX)
		if err != nil {
			return "", err
		}
		if c.Expr == "-" {
			// In a batch, a line without the variable is a derivative of
			// 0 like any other; on its own, probably a slip.
			warnings = nil
		}
		warn(e.stderr, warnings)
		if len(vars) == 1 {
			a, err := one(x, l, 0, warnings)
			return a, c.located(err, src)
		}
		var parts []string
		for k, v := range vars {
			a, err := one(x, l, k, warnings)
			if err != nil {
				return "", c.located(err, src)
			}
			if !c.JSON {
				a = "d/d" + v.String() + ": " + a
			}
			parts = append(parts, a)
		}
		return strings.Join(parts, "\n"), nil
	}
	return answerInput(e, c.Expr, c.Jobs, c.JSON, answer)
}

// answerInput answers src, or with "-" every line of stdin (see batch).
func answerInput(e *env, src string, jobs int, json bool, answer lineAnswer) error {
	if src == "-" {
		return batch(e, jobs, json, answer)
	}
	a, err := answer(src)
	if err != nil {
		return err
	}
	return writeAnswer(e.stdout, a)
}

// writeAnswer writes an answer and its line break, without copying it
// (fmt would, into a buffer as large as the answer).
func writeAnswer(w io.Writer, a string) error {
	if _, err := io.WriteString(w, a); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// result is the derivative alone, without a step record.
func (c *diffCmd) result(ctx context.Context, x expr.Expr, l *expr.Layout, v expr.Expr) (string, error) {
	r, err := derive.Diff(ctx, x, v)
	if err != nil {
		return "", err
	}
	m := budget.From(ctx)
	if c.CSE {
		return cse(r, c.LaTeX, m)
	}
	out := expr.PlainMetered(r, m)
	if c.LaTeX {
		out = latex.Expr(r, latex.WithLayout(l), latex.WithBudget(m)) // in the author's order
	}
	return out, m.Err()
}

// cse writes x with its repeated subexpressions named: x in terms of the
// names, then "where" and each name's definition, innermost first.
func cse(x expr.Expr, tex bool, m *budget.Meter) (string, error) {
	names := expr.AbbreviateFrom(expr.CSESize, x)
	write := func(y expr.Expr) string { return expr.PlainNamed(y, names, m) }
	define := func(y expr.Expr) string { return expr.PlainDefinition(y, names, m) }
	if tex {
		write = func(y expr.Expr) string { return latex.Expr(y, latex.Abbreviated(names), latex.WithBudget(m)) }
		define = func(y expr.Expr) string {
			return latex.Expr(y, latex.Abbreviated(names), latex.Defining(y), latex.WithBudget(m))
		}
	}
	var name func(string) string
	if tex {
		name = func(n string) string { return latex.Expr(expr.Sym(n)) }
	}
	out := write(x) + "\n" + definitions(names, define, name)
	return strings.TrimSuffix(out, "\n"), m.Err()
}

// json is the whole answer (docs/json.md).
func (c *diffCmd) json(ctx context.Context, x expr.Expr, l *expr.Layout, v expr.Expr, warnings diag.List) (string, error) {
	d, err := derive.Steps(ctx, x, v)
	if err != nil {
		return "", err
	}
	d.Layout = l
	return encodedLine(func(w io.Writer) error {
		return answer.EncodeDiff(ctx, w, v.String(), d, c.CSE, answer.WarningsOf(warnings))
	})
}

// steps is the derivation, a line per step: as a reader follows it in plain
// syntax, or as LaTeX rows.
func (c *diffCmd) steps(ctx context.Context, x expr.Expr, l *expr.Layout, v expr.Expr) (string, error) {
	d, err := derive.Steps(ctx, x, v)
	if err != nil {
		return "", err
	}
	mode := substModes[c.Subst]
	d.Layout = l
	if c.LaTeX {
		rows, err := solve.Derivation(ctx, d, c.CSE, mode)
		return rows, err
	}
	return plainDerivation(ctx, d, c.CSE, mode)
}

// substModes are the values of diff --subst.
var substModes = map[string]derive.SubstMode{"off": derive.SubstOff, "auto": derive.SubstAuto, "on": derive.SubstOn}

type simplifyCmd struct {
	Expr string `arg:"" help:"Expression (plain syntax, or LaTeX with --input latex), or - to read one per line from stdin."`
	inputFlag
	LaTeX bool   `name:"latex" xor:"format" help:"Print the result as LaTeX math."`
	JSON  bool   `name:"json" xor:"format" help:"Answer in JSON (docs/json.md), steps included (JSON Lines with -)."`
	Jobs  int    `help:"With -, how many lines to answer in parallel (0: one per CPU; at most 4 per CPU). Answers come in input order either way."`
	To    string `enum:"textbook,expanded,factored,together,cancelled,apart,exponential,trig-expanded" default:"textbook" help:"The form to bring the expression to: ${enum}."`
	Steps bool   `xor:"format" help:"Print each rewrite on a line, with the rule that made it."`
}

// answer simplifies src, as one job of e.
func (c *simplifyCmd) answer(e *env, src string) (string, error) {
	var l *expr.Layout
	x, err := parser.ParseAs(c.syntax(), "", src)
	if c.Steps && err == nil && c.syntax() == parser.Plain {
		x, _, l, err = parser.ParseLayout("", src)
	}
	if err != nil {
		return "", err
	}
	ctx, m := e.job()
	x, r, steps, err := derive.SimplifyTo(ctx, x, simplify.Forms[c.To])
	if err != nil {
		return "", c.located(err, src)
	}
	switch {
	case c.Steps:
		return plainSteps(x, l, steps, m)
	case c.JSON:
		return encodedLine(func(w io.Writer) error { return answer.EncodeSimplify(ctx, w, x, r, steps) })
	case c.LaTeX:
		out := latex.Expr(r, latex.WithBudget(m))
		return out, m.Err()
	}
	out := expr.PlainMetered(r, m)
	return out, m.Err()
}

func (c *simplifyCmd) Run(e *env) error {
	e.json = c.JSON
	return answerInput(e, c.Expr, c.Jobs, c.JSON, func(src string) (string, error) { return c.answer(e, src) })
}
