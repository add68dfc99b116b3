package problem

import (
	"fmt"
	"strings"
	"testing"
)

// fiftyProblems is a file of 50 problems of every kind, about the size of
// two midterms with their variants.
func fiftyProblems() string {
	var b strings.Builder
	b.WriteString("title \"Fifty problems\"\nauthor \"derivtex\"\nprecision 4\n\n")
	for i := range 50 {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, `problem "MLE %d" {
    question """
        You are given the model $p(y|x,w) = xw\exp(-xwy)$. Write down the
        optimisation problem of the maximum-likelihood estimate of $w$.
        """
    mle      p(y | x, w) = x w exp(-x w y)
    params   w
}

`, i)
		case 1:
			fmt.Fprintf(&b, `problem "Forward pass %d" {
    question "Compute the forward pass for $\mathbf{x} = [2, 1]^\top$."
    given    x = [2, 1], w1 = pi/2, w2 = pi
    eval     y = sin(w1) x[1] + sin(w2) x[2]
    note     "Then $\mathcal{L} = -\log(y \cdot l)$."
}

`, i)
		case 2:
			fmt.Fprintf(&b, `problem "Derivative %d" {
    diff     sin(w)^2 x + log(1 + exp(-w x)) / (1 + w^2)
    wrt      w, x
}

`, i)
		default:
			fmt.Fprintf(&b, `problem "Simplify %d" {
    simplify log(x^2 exp(y)) + 1/2 exp(-|w x + b - y|)
}

`, i)
		}
	}
	return b.String()
}

func BenchmarkParse50Problems(b *testing.B) {
	src := fiftyProblems()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		f, err := Parse("bench.drv", src)
		if err != nil || len(f.Problems) != 50 {
			b.Fatalf("%v, %d problems", err, len(f.Problems))
		}
	}
}

// BenchmarkParseLongList guards against work that grows faster than a
// list: 10,000 bindings on one line.
func BenchmarkParseLongList(b *testing.B) {
	items := make([]string, 10_000)
	for i := range items {
		items[i] = fmt.Sprintf("a%d = %d", i, i)
	}
	src := "problem \"P\" {\n    given " + strings.Join(items, ", ") + "\n    eval 1\n}\n"
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse("bench.drv", src); err != nil {
			b.Fatal(err)
		}
	}
}
