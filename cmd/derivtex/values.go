package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/solve"
)

// readBindings reads eval's NAME=VALUE arguments as a problem file's
// given reads its bindings (problem.ReadArgument), values with the
// parser's one reader of values (parser.ParseValue): x=2, w=pi/2,
// x='[pi/2, pi]', W='[[1, 2], [3, 4]]'. A mistake is placed in its
// argument. The values are bound exactly and as floats, under ctx's
// budget; a float that under- or overflows fails only where it is needed
// (solve.Bindings.Bind).
//
// Each binding is checked against the expression, read from src, whose
// names uses lists (parser.ParseTerm), as a file's eval is checked
// against its given values: a name the expression uses and no binding
// gives is an error at its first use, even when the term folds it away
// (z - z); a name the expression indexes with another number of indices
// than its value has dimensions is an error at the use; a binding the
// expression does not use is a warning.
func readBindings(ctx context.Context, src string, uses []parser.Use, args []string) (*solve.Bindings, diag.List, error) {
	b := solve.NewBindings()
	given := map[string]string{} // name to its argument, for messages
	err := eachBinding(args, func(arg string, bd problem.Binding) error {
		given[bd.Name] = diag.Clip(arg)
		if err := b.Bind(ctx, bd.Name, bd.Value); err != nil {
			return placed(err, bd.Pos, arg)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	free := map[string]bool{} // the names the source uses outside sums over them
	for _, u := range uses {
		if !u.Free.IsValid() {
			continue
		}
		free[u.Name] = true
		if _, ok := given[u.Name]; !ok {
			return nil, nil, diag.At(u.Free, "no value is given for %s: add a binding %s=...", u.Name, u.Name).WithSource(src)
		}
	}
	for _, u := range uses {
		v, ok := b.Values[u.Name]
		if !ok || !free[u.Name] || v.Rank() == u.Indices {
			continue
		}
		return nil, nil, diag.At(u.Pos, "%s has %s, but the binding %s is %s, which takes %s",
			u.Text, expr.DescribeIndices(u.Indices), given[u.Name], v.Describe(), expr.DescribeIndices(v.Rank())).WithSource(src)
	}
	var warnings diag.List
	for _, name := range b.Names {
		if !free[name] {
			warnings = append(warnings, &diag.Error{Kind: diag.Warning, Msg: fmt.Sprintf("binding %s: the expression does not use %s", given[name], name)})
		}
	}
	return b, warnings, nil
}

// eachBinding reads the NAME=VALUE arguments as eval and net take them
// and hands each binding, in order, to use with its argument; a name
// given twice is an error at its second binding, and every error names
// the argument.
func eachBinding(args []string, use func(arg string, bd problem.Binding) error) error {
	seen := map[string]bool{}
	for _, arg := range args {
		what := fmt.Sprintf("binding %q", diag.Clip(arg))
		a, err := problem.ReadArgument("given", arg)
		if err != nil {
			return diag.Prefixed(what, err)
		}
		for _, bd := range a.Bindings {
			if seen[bd.Name] {
				return diag.Prefixed(what, diag.At(bd.Pos, "%s is given twice", bd.Name).WithSource(arg))
			}
			seen[bd.Name] = true
			if err := use(arg, bd); err != nil {
				return diag.Prefixed(what, err)
			}
		}
	}
	return nil
}

// placed returns err at pos of src when it has no position yet, with
// src's line under it.
func placed(err error, pos diag.Pos, src string) error {
	d := diag.From(err)
	if d.Pos.IsValid() {
		return err
	}
	c := *d
	c.Pos = pos
	return c.WithSource(src)
}

// located places an error of an engine working on the term read from
// src: at the part of the term it is about, when it says which
// (expr.TermError) and src writes it, else at 1:1, the whole expression.
// An error with a position keeps it, and a budget that ran out has none:
// it is the job's, not the expression's.
func located(err error, src string) error { return locatedAs(parser.Plain, err, src) }

// locatedAs is located for a source written in syntax s.
func locatedAs(s parser.Syntax, err error, src string) error {
	if err == nil {
		return nil
	}
	var be *budget.Exceeded
	if errors.As(err, &be) || diag.KindOf(err) != diag.Input || diag.From(err).Pos.IsValid() {
		return err
	}
	at := diag.Pos{Line: 1, Col: 1}
	var te *expr.TermError
	if errors.As(err, &te) {
		if p, ok := parser.LocateAs(s, src, te.Term); ok {
			at = p
		}
	}
	return placed(err, at, src)
}

// warn prints warnings as the command line shows them, before the answer:
// "derivtex: warning: " and the warning with its source line, if any.
// They never change the exit status.
func warn(stderr io.Writer, warnings diag.List) {
	for _, w := range warnings {
		fmt.Fprintf(stderr, "derivtex: warning: %s\n", w.Report())
	}
}
