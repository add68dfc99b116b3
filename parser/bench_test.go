package parser

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParse measures a typical density line and a long sum, the
// shape of an expanded log-likelihood.
func BenchmarkParse(b *testing.B) {
	var terms []string
	for k := range 1000 {
		terms = append(terms, fmt.Sprintf("%d/%d x[%d]^2 w", k+1, k%7+2, k))
	}
	inputs := []struct{ name, src string }{
		{"typical", "1/2 exp(-|w x + b - y|) + log(sigmoid(w x + b)) - lambda w^2"},
		{"long sum", strings.Join(terms, " - ")},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(in.src); err != nil {
					b.Fatal(err)
				}
			}
		})
		// With the layout recorded (diff --steps, --json, handouts).
		b.Run(in.name+"/layout", func(b *testing.B) {
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, _, err := ParseLayout("", in.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
