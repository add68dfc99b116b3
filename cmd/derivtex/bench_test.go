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

// BenchmarkDiffJSONNested is `derivtex diff --json` of sin nested 1600
// deep: the answer and its 1600 steps share their subterms, which the
// answer's terms table writes once (docs/json.md), so the work and the
// output stay linear in the depth. It reports the bytes written.
func BenchmarkDiffJSONNested(b *testing.B) {
	src := strings.Repeat("sin(", 1600) + "w" + strings.Repeat(")", 1600)
	b.ReportAllocs()
	var out countingWriter
	for b.Loop() {
		out = 0
		if status := run([]string{"diff", src, "--wrt", "w", "--json"}, strings.NewReader(""), &out, io.Discard); status != 0 {
			b.Fatalf("status %d", status)
		}
	}
	b.ReportMetric(float64(out), "bytes/answer")
}

// countingWriter counts what is written to it.
type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
