package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/solve"
)

// readBindings reads eval's NAME=VALUE arguments with the parser's one
// reader of values (parser.ParseValue), so that a binding reads as a
// problem file's given does: x=2, w=pi/2, x='[pi/2, pi]', W='[[1, 2], [3,
// 4]]'. The values are bound exactly and as floats, under ctx's budget; a
// float that under- or overflows fails only where it is needed
// (solve.Bindings.Bind).
//
// Each binding is checked against the expression x, read from src, whose
// names uses lists (parser.ParseTerm): a name the expression indexes with
// another number of indices than its value has dimensions is an error at
// the use; a binding the expression does not use is a warning. A name the
// expression uses and no binding gives is left to the evaluation, whose
// error says so.
func readBindings(ctx context.Context, src string, x expr.Expr, uses []parser.Use, args []string) (*solve.Bindings, diag.List, error) {
	b := solve.NewBindings()
	given := map[string]string{} // name to its argument, for messages
	for _, arg := range args {
		name, val, ok := strings.Cut(arg, "=")
		name = strings.TrimSpace(name)
		if !ok || !isName(name) {
			return nil, nil, diag.Errorf("binding %q: expected NAME=VALUE", arg)
		}
		if _, err := parser.ParseVariable(name); err != nil {
			return nil, nil, diag.Errorf("binding %q: %s", arg, diag.From(err).Msg)
		}
		if _, twice := given[name]; twice {
			return nil, nil, diag.Errorf("binding %q: %s is given twice", arg, name)
		}
		given[name] = arg
		v, err := parser.ParseValue(val)
		if err != nil {
			return nil, nil, prefixed("value of "+name, err)
		}
		if err := b.Bind(ctx, name, v); err != nil {
			return nil, nil, err
		}
	}
	free := map[string]bool{}
	for _, s := range expr.FreeSymbols(x) {
		free[s.Name()] = true
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

// prefixed says what an error of the parser was reading (a flag's value,
// a binding's value), keeping its position and source line, which are
// those of that argument.
func prefixed(what string, err error) error {
	d := diag.From(err)
	c := *d
	c.Msg = what + ": " + d.Msg
	return &c
}

// warn prints warnings as the command line shows them, before the answer:
// "derivtex: warning: " and the warning with its source line, if any.
// They never change the exit status.
func warn(stderr io.Writer, warnings diag.List) {
	for _, w := range warnings {
		fmt.Fprintf(stderr, "derivtex: warning: %s\n", w.Report())
	}
}
