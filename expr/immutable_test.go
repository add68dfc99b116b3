package expr_test

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/derivtex/derivtex/expr"
)

// TestTermsHaveNoExportedFields: interned terms are shared by every
// holder, so no package outside expr may be able to write one; what they
// expose, they expose through accessors.
func TestTermsHaveNoExportedFields(t *testing.T) {
	i := expr.Sym("i")
	terms := []expr.Expr{
		expr.Int(3), i, expr.Index("x", i),
		expr.Add(i, expr.Sym("j")), expr.Mul(i, expr.Sym("j")), expr.Pow(i, expr.Sym("j")),
		expr.Call(expr.FnSin, i),
		expr.SumOver(expr.Index("x", i), i, expr.One, expr.Sym("N")),
		expr.Diff(expr.Call(expr.FnSin, i), i),
		expr.Div(expr.One, expr.Zero),
	}
	kinds := map[expr.Kind]bool{}
	for _, x := range terms {
		kinds[x.Kind()] = true
		typ := reflect.TypeOf(x).Elem()
		for f := range typ.Fields() {
			assert.False(t, f.IsExported(), "%s.%s is exported", typ.Name(), f.Name)
		}
	}
	assert.Len(t, kinds, int(expr.KindUndefined)+1, "every kind of term is checked")
}
