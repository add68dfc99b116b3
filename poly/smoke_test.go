package poly_test

import (
	"context"
	"testing"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/poly"
)

func TestSmoke(t *testing.T) {
	ctx := context.Background()
	for _, s := range []string{"(x+1)^3 - x^3", "(a+b)^2 - a^2 - b^2", "(x+y+z+1)^3", "sin(x*(x+1))*(y+1)^2", "x^(3/2)*sqrt(x)", "(x + 1)^100000"} {
		x, err := parser.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		y, err := poly.Expand(ctx, x)
		t.Log(s, "=>", y, err)
	}
	for _, s := range []string{"(x^2-1)/(x-1)", "1/x + 1/(x+1)", "(x^2-1)/(2*x-2)", "(x^3*y - x*y^3)/(x^2 + 2*x*y + y^2)", "(a^2*b^2 - 1)/((a*b+1)*(x+2))"} {
		x, _ := parser.Parse(s)
		y, err := poly.Cancel(ctx, x)
		z, _ := poly.Together(ctx, x)
		t.Log(s, "=> cancel", y, err, " together", z)
	}
}
func parserSym(s string) expr.Expr { return expr.Sym(s) }

func TestSmokeFactor(t *testing.T) {
	ctx := context.Background()
	for _, s := range []string{"x^3 - x", "x^4 - 1", "x^2 - y^2", "(x+1)^2*(x+2)^3*(y-1)", "2*x^2 + 4*x + 2", "x^6 - 1", "x^8 - 1", "(x^2+x+1)*(x^3-2)*(3*x^5 - 7*x + 11)", "(x^2 - 1)/(x^2 + 2*x + 1)", "x^4 + 4", "(x*y + 1)*(x + y)", "x^3*y - x*y^3", "x^4 - 10*x^2 + 1", "x^16 - 1"} {
		x, _ := parser.Parse(s)
		y, err := poly.Factor(ctx, x)
		t.Log(s, "=>", y, err)
	}
	for _, s := range []string{"1/(x^2-1)", "(x^3+1)/(x^2*(x+1)^2)", "(2*x+3)/(x^2+3*x+2)", "a/(x*(x+1))", "1/((x^2+1)*(x-1)^2)"} {
		x, _ := parser.Parse(s)
		y, err := poly.Apart(ctx, x, parserSym("x"))
		t.Log(s, "=> apart", y, err)
	}
}
