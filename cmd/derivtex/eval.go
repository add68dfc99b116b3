package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/budget"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

type evalCmd struct {
	Expr     string   `arg:"" help:"Expression in plain syntax."`
	Bindings []string `arg:"" optional:"" help:"Values as NAME=VALUE: a number or exact term (w=pi/2), a vector x=[1, 2.5, 3] read 1-based as x[i], or a size N=3."`
	JSON     bool     `name:"json" help:"Answer in JSON (docs/json.md)."`
}

func (c *evalCmd) Run(e *env) error {
	e.json = c.JSON
	x, err := parseExpr(c.Expr)
	if err != nil {
		return err
	}
	ctx, m := e.job()
	envv := expr.Env{Scalars: map[string]float64{}, Vectors: map[string][]float64{}, Meter: m}
	exact := map[expr.Expr]expr.Expr{}
	bound := map[string]bool{}
	for _, b := range c.Bindings {
		name, val, ok := strings.Cut(b, "=")
		name = strings.TrimSpace(name)
		if !ok || !isName(name) {
			return diag.Errorf("binding %q: expected NAME=VALUE", b)
		}
		if name == "pi" || name == "e" {
			return diag.Errorf("binding %q: %s is a constant; it cannot be given a value", b, name)
		}
		if bound[name] {
			return diag.Errorf("binding %q: %s is given twice", b, name)
		}
		bound[name] = true
		val = strings.TrimSpace(val)
		if strings.HasPrefix(val, "[") {
			vec, err := parseVector(name, val, m)
			if err != nil {
				return err
			}
			envv.Vectors[name] = vec
			continue
		}
		v, err := parseExpr(val)
		if err != nil {
			return diag.Errorf("value of %s: %v", name, err)
		}
		f, err := expr.Eval(v, expr.Env{Meter: m})
		if err != nil {
			return valueError(fmt.Sprintf("value of %s", name), err)
		}
		envv.Scalars[name] = f
		exact[expr.Sym(name)] = v
	}
	f, err := expr.Eval(x, envv)
	if err != nil {
		return err
	}
	// The exact value, when every binding was exact and the result has a
	// closed form.
	var exactValue expr.Expr
	if ex := expr.Substitute(x, exact); len(expr.FreeSymbols(ex)) == 0 && ex.Kind() == expr.KindNumber {
		exactValue = ex
	}
	if c.JSON {
		a, err := answer.EvalOf(ctx, x, &f, exactValue)
		if err != nil {
			return err
		}
		a.Schema = answer.Schema
		return writeJSON(e.stdout, a)
	}
	out := formatFloat(f)
	if exactValue != nil {
		if s := expr.PlainMetered(exactValue, m); s != out {
			out = s + " = " + out
		}
	}
	if err := m.Err(); err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, out)
	return err
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// parseVector reads [e1, e2, ...], each element an exact term or number.
// valueError is an error in a given value, said of what; it keeps the
// error's kind and cause.
func valueError(what string, err error) error {
	d := diag.From(err)
	return &diag.Error{Kind: d.Kind, Msg: what + ": " + d.Error(), Err: err}
}

func parseVector(name, src string, m *budget.Meter) ([]float64, error) {
	if !strings.HasSuffix(src, "]") {
		return nil, diag.Errorf("value of %s: missing ] at the end of the vector", name)
	}
	body := strings.TrimSpace(src[1 : len(src)-1])
	if body == "" {
		return nil, diag.Errorf("value of %s: empty vector", name)
	}
	var out []float64
	for i, part := range strings.Split(body, ",") {
		v, err := parseExpr(strings.TrimSpace(part))
		if err != nil {
			return nil, diag.Errorf("element %d of %s: %v", i+1, name, err)
		}
		f, err := expr.Eval(v, expr.Env{Meter: m})
		if err != nil {
			return nil, valueError(fmt.Sprintf("element %d of %s", i+1, name), err)
		}
		out = append(out, f)
	}
	return out, nil
}
