package main

import (
	"io"
	"strings"
	"testing"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/expr/exprtest"
)

// BenchmarkBatchDiff is `derivtex diff - --wrt x --json` over 300 random
// smooth terms, the workload of bench/ section (a), minus process start-up.
// Terms are interned once per process, so after the first iteration the
// parser finds every term built; bench/ measures the cold first pass.
func BenchmarkBatchDiff(b *testing.B) {
	g := exprtest.New(7)
	g.Smooth = true
	var lines []string
	for len(lines) < 300 {
		if t := g.Expr(5); expr.DependsOn(t, expr.Sym("x")) {
			lines = append(lines, t.String())
		}
	}
	stdin := strings.Join(lines, "\n")
	b.ReportAllocs()
	for b.Loop() {
		if status := run([]string{"diff", "-", "--wrt", "x", "--json"}, strings.NewReader(stdin), io.Discard, io.Discard); status != 0 {
			b.Fatalf("status %d", status)
		}
	}
}
