package parser

import (
	"fmt"

	"github.com/derivtex/derivtex/expr"
)

// callee is a name that can be called: a function of expr's table, an
// alias of one (ln), or a special form that builds something other than a
// call (sqrt is a power, sum and prod are indexed operators, diff is an
// unevaluated derivative).
type callee struct {
	fn               *expr.Func // nil for a special form
	minArgs, maxArgs int        // maxArgs < 0: unbounded
}

// arityOK reports whether n arguments fit, asking the function table when
// the callee is one of its functions.
func (c callee) arityOK(n int) bool {
	if c.fn != nil {
		return c.fn.ArityOK(n)
	}
	return n >= c.minArgs && (c.maxArgs < 0 || n <= c.maxArgs)
}

// callees maps every callable name to what it calls. These names are
// reserved: none of them can be a symbol or an indexed name.
var callees = map[string]callee{
	"sqrt": {minArgs: 1, maxArgs: 1},
	"sum":  {minArgs: 4, maxArgs: 4},
	"prod": {minArgs: 4, maxArgs: 4},
	"diff": {minArgs: 2, maxArgs: 2},
}

func init() {
	for _, f := range expr.Funcs {
		callees[f.Name] = callee{fn: f, minArgs: f.MinArgs, maxArgs: f.MaxArgs}
	}
	callees["ln"] = callees[expr.FnLog.Name]
}

// arityText says how many arguments a callee takes: "1 argument",
// "at least 2 arguments", "1 to 3 arguments".
func (c callee) arityText() string {
	plural := func(n int) string {
		if n == 1 {
			return "1 argument"
		}
		return fmt.Sprintf("%d arguments", n)
	}
	switch {
	case c.maxArgs < 0:
		return "at least " + plural(c.minArgs)
	case c.minArgs == c.maxArgs:
		return plural(c.minArgs)
	}
	return fmt.Sprintf("%d to %s", c.minArgs, plural(c.maxArgs))
}

// isConstantName reports whether a name reads as a constant, not a
// variable: pi, and e for Euler's number.
func isConstantName(name string) bool { return name == "pi" || name == "e" }

// name parses what starts with an identifier. Whitespace decides one case:
// a name that is not callable, directly followed by "(", is reported as an
// unknown function (f(x) is almost always meant as a call), while with a
// space between, "x (y + 1)", it multiplies. A callable name must be
// called, with or without the space; a name directly followed by "[" is
// indexed.
func (c *climber) name() node {
	t := c.lex.Next()
	c.count(t)
	next := c.lex.Peek()
	if c.network {
		return c.networkName(t, next)
	}
	if f, ok := callees[t.Value]; ok {
		if !isPunct(next, "(") {
			panic(errorAt(next.Pos, "unexpected %s, expected \"(\" after %s", describe(next), t.Value))
		}
		c.lex.Next()
		args, _ := c.list(next, ")", true)
		if !f.arityOK(len(args)) {
			panic(errorAt(t.Pos, "%s takes %s, got %d", t.Value, f.arityText(), len(args)))
		}
		checkSpecialForm(t.Value, args)
		return &callNode{pos: t.Pos, name: t.Value, fn: f.fn, args: args}
	}
	switch {
	case isPunct(next, "(") && adjacent(t, next):
		panic(errorAt(t.Pos, "unknown function %q", t.Value))
	case isPunct(next, "[") && adjacent(t, next):
		c.lex.Next()
		index, end := c.list(next, "]", false)
		return &indexNode{pos: t.Pos, name: t.Value, index: index, end: end}
	}
	return &nameNode{pos: t.Pos, name: t.Value}
}

// checkSpecialForm checks what the grammar cannot: the index of sum and
// prod is a plain name, and diff differentiates by a variable.
func checkSpecialForm(name string, args []node) {
	switch name {
	case "sum", "prod":
		if v, ok := args[1].(*nameNode); !ok || isConstantName(v.name) {
			panic(errorAt(start(args[1]), "the index of %s must be a name", name))
		}
	case "diff":
		switch v := args[1].(type) {
		case *nameNode:
			if !isConstantName(v.name) {
				return
			}
		case *indexNode:
			return
		}
		panic(errorAt(start(args[1]), "diff needs a variable to differentiate by"))
	}
}
