package main

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/solve"
)

type evalCmd struct {
	Expr string `arg:"" help:"Expression (plain syntax, or LaTeX with --input latex)."`
	inputFlag
	Bindings []string `arg:"" optional:"" help:"Values as NAME=VALUE: a number or exact term (w=pi/2), a vector x='[1, 2.5, 3]' read 1-based as x[i], a matrix W='[[1, 2], [3, 4]]' read as W[i, j], or a size N=3."`
	JSON     bool     `name:"json" help:"Answer in JSON (docs/json.md)."`
}

func (c *evalCmd) Run(e *env) error {
	e.json = c.JSON
	x, uses, err := parser.ParseTermAs(c.syntax(), "", c.Expr)
	if t, ok, terr := c.tensorTerm(err, uses); c.syntax() == parser.Plain && (terr != nil || ok) {
		if terr != nil {
			return terr
		}
		return c.tensors(e, t)
	}
	if err != nil {
		return err
	}
	ctx, m := e.job()
	b, warnings, err := readBindings(ctx, c.Expr, uses, c.Bindings)
	if err != nil {
		return err
	}
	warn(e.stderr, warnings) // with --json, in the answer too
	// The exact value first, as the handout's eval problems have it: its
	// float is then the value (0.1^2 is 0.01, not 0.010000000000000002),
	// and a binding's float matters only where the answer has no exact
	// value (a sum too long to write out), or none at all.
	sub, err := solve.Substitute(ctx, x, b)
	if err != nil {
		return c.located(evalError(ctx, x, b, err), c.Expr)
	}
	if !sub.Numeric && sub.Value == nil {
		if err := sub.Approximate(ctx, b); err != nil {
			return c.located(err, c.Expr)
		}
	}
	exact := sub.ExactValue() // when every binding was exact and the result has a closed form
	if c.JSON {
		a, err := answer.EvalOf(ctx, x, sub.Value, exact)
		if err != nil {
			return c.located(err, c.Expr)
		}
		a.Schema = answer.Schema
		if len(warnings) > 0 {
			a.Warnings = answer.WarningsOf(warnings)
		}
		return writeJSON(e.stdout, a)
	}
	out := evalLine(exact, sub.Value, m)
	if err := m.Err(); err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, out)
	return err
}

// evalError is the error of an evaluation whose exact value failed with
// err: the float evaluation's when it fails too, since it names the
// subterm (division by zero (in 1/x)), else err (tan(pi/2) has a float,
// 1.6e16, but no value).
func evalError(ctx context.Context, x expr.Expr, b *solve.Bindings, err error) error {
	m := budget.From(ctx)
	if m.Err() != nil {
		return err
	}
	env := b.Env
	env.Meter = m
	if _, ferr := expr.Eval(x, env); ferr != nil {
		return ferr
	}
	return err
}

// evalLine is eval's answer: the exact value, then " = " and its decimal
// when that says more (4/3 = 1.3333333333333333, pi + 1 =
// 4.141592653589793, 10^400 written out = 1e+400, but 1000000 alone), or
// the decimal alone when there is no exact value.
func evalLine(exact expr.Expr, value *float64, m *budget.Meter) string {
	var decimal string
	n, isNumber := exact.(*expr.Number)
	switch {
	case isNumber && n.FitsFloat():
		decimal = expr.FormatFloat(n.Float())
	case isNumber:
		decimal = n.Decimal('g', -1)
	default:
		decimal = expr.FormatFloat(*value)
	}
	if exact == nil {
		return decimal
	}
	s := expr.PlainMetered(exact, m)
	if s == decimal || isNumber && n.IsInt() && len(s) <= expr.MaxPlainDigits {
		return s
	}
	return s + " = " + decimal
}

// tensorTerm decides whether eval works its term out over tensors, as a
// network's expression (juxtaposition the matrix product, ^T the
// transpose, x[2:end] an index). That takes a binding that is an array,
// and then either a use of it whole in the plain reading (W x, 1 + W), or
// a term that does not read as plain syntax (perr) but reads in network
// mode as something only networks write: an array whole, a range
// (x[1:2]), an operation plain syntax lacks (softmax(z), max(x)).
// Otherwise eval is as it was: x[i] is an indexed variable, and
// sum(x[i], i, 1, N) a sum. When neither reading works, the error is
// the one of the reading that got further, network mode's at a tie: an
// array is bound, so reshape(x) is reshape taking two arguments, not an
// unknown function.
func (c *evalCmd) tensorTerm(perr error, uses []parser.Use) (network.Expr, bool, error) {
	values, _, err := readTensors(c.Bindings)
	if err != nil {
		return nil, false, nil // readBindings says so
	}
	arrays := map[string]bool{}
	for name, v := range values {
		if v.Rank() > 0 {
			arrays[name] = true
		}
	}
	if len(arrays) == 0 {
		return nil, false, nil
	}
	if perr == nil && !parser.UsesWhole(uses, arrays) {
		return nil, false, nil
	}
	return parser.TensorReading(c.Expr, perr, arrays)
}

// tensors evaluates a term over tensors with the network's one
// evaluator (network.BuildTerm, network.Forward), exactly.
func (c *evalCmd) tensors(e *env, x network.Expr) error {
	values, given, err := readTensors(c.Bindings)
	if err != nil {
		return err
	}
	shapes := shapesOf(values)
	g, err := network.BuildTerm(x, c.Expr, shapes)
	if err != nil {
		return c.located(err, c.Expr)
	}
	var warnings diag.List
	for _, name := range slices.Sorted(maps.Keys(values)) {
		if _, used := g.Node(name); !used {
			warnings = append(warnings, &diag.Error{Kind: diag.Warning, Msg: fmt.Sprintf("binding %s: the expression does not use %s", given[name], name)})
		}
	}
	warn(e.stderr, warnings)
	ctx, m := e.job()
	p, err := network.Forward(ctx, g, values, true)
	if err != nil {
		return c.located(err, c.Expr)
	}
	v := p.Values[g.Loss.ID]
	if c.JSON {
		a, err := answer.EvalTensorOf(ctx, x, v)
		if err != nil {
			return err
		}
		a.Schema = answer.Schema
		if len(warnings) > 0 {
			a.Warnings = answer.WarningsOf(warnings)
		}
		return writeJSON(e.stdout, a)
	}
	out := approximated(v, " = ", m)
	if v.Rank() == 0 {
		if f, err := expr.Eval(v.At(), expr.Env{}); err == nil {
			out = evalLine(v.At(), &f, m)
		}
	}
	if err := m.Err(); err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, out)
	return err
}
