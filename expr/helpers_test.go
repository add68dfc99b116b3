package expr_test

import (
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
)

var (
	x = expr.Sym("x")
	y = expr.Sym("y")
	z = expr.Sym("z")
	w = expr.Sym("w")
	a = expr.Sym("a")
	b = expr.Sym("b")
	i = expr.Sym("i")
	N = expr.Sym("N")
)

// must returns x, panicking on err; for building cases from plain syntax.
func must(x expr.Expr, err error) expr.Expr {
	if err != nil {
		panic(err)
	}
	return x
}

// p parses src, which a test case knows to be valid.
func p(src string) expr.Expr { return must(parser.Parse(src)) }

func call(f *expr.Func, args ...expr.Expr) expr.Expr { return expr.Call(f, args...) }
