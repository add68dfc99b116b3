package expr_test

import (
	"fmt"
	"testing"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/expr/exprtest"
)

// BenchmarkConstruct measures the canonical constructors: rebuilding terms
// that exist (an intern-table hit, what most constructor calls are),
// building new ones, collecting like terms in a long sum, and folding
// fractions.
func BenchmarkConstruct(b *testing.B) {
	x, y := expr.Sym("x"), expr.Sym("y")
	b.Run("existing", func(b *testing.B) {
		var terms [][]expr.Expr
		g := exprtest.New(3)
		for range 100 {
			terms = append(terms, g.Expr(4).Args())
		}
		b.ReportAllocs()
		for b.Loop() {
			for _, args := range terms {
				expr.Mul(args...)
				expr.Add(args...)
			}
		}
	})
	b.Run("new", func(b *testing.B) {
		b.ReportAllocs()
		k := int64(1 << 20) // past anything the other benchmarks built
		for b.Loop() {
			k++
			expr.Add(expr.Pow(x, expr.Int(k)), expr.Mul(expr.Int(k), y), expr.Int(k))
		}
	})
	b.Run("like terms", func(b *testing.B) {
		var ts []expr.Expr
		for k := range 50 {
			ts = append(ts, expr.Mul(expr.Int(int64(k+1)), expr.Pow(x, expr.Int(int64(k%7)))))
		}
		b.ReportAllocs()
		for b.Loop() {
			expr.Add(ts...)
		}
	})
	b.Run("fractions", func(b *testing.B) {
		var ts []expr.Expr
		for k := range 20 {
			ts = append(ts, expr.Rat(1, int64(k+1)))
		}
		b.ReportAllocs()
		for b.Loop() {
			expr.Add(ts...)
			expr.Mul(ts...)
		}
	})
}

// BenchmarkPlain measures the plain printer on random terms.
func BenchmarkPlain(b *testing.B) {
	g := exprtest.New(5)
	var terms []expr.Expr
	for range 100 {
		terms = append(terms, g.Expr(5))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range terms {
			_ = expr.Plain(t)
		}
	}
}

// BenchmarkSizeNested walks sin(sin(...sin(w))) once, memoised: linear
// work, so its time per level shows what the memory hierarchy alone adds
// as a term outgrows the caches (derive's BenchmarkDiffNested grows alike).
func BenchmarkSizeNested(b *testing.B) {
	for _, depth := range []int{1000, 10000, 40000} {
		t := exprtest.Nested(expr.FnSin, expr.Sym("w"), depth)
		b.Run(fmt.Sprint(depth), func(b *testing.B) {
			for b.Loop() {
				expr.Size(t)
			}
		})
	}
}

// BenchmarkEvalSum evaluates a sum of 10^5 products, powers and calls:
// the loop of a float evaluation, where each node costs a type switch.
func BenchmarkEvalSum(b *testing.B) {
	x := p("sum(v[k] w[k] + sin(k)*k^2/(1 + k), k, 1, 100000)")
	data := make([]float64, 100_000)
	for k := range data {
		data[k] = float64(k) / 7
	}
	env := expr.Env{Vectors: map[string][]float64{"v": data, "w": data}}
	for b.Loop() {
		if _, err := expr.Eval(x, env); err != nil {
			b.Fatal(err)
		}
	}
}
