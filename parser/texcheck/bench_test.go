package texcheck

import (
	"strings"
	"testing"
)

// question is a typical question of an exam handout: prose, inline and
// displayed math, a list.
const question = `You are given the probability distribution model
$p(y \mid x, w) = xw\exp(-xwy)$, which models the probability of
$y \in \mathbb{R}^+$ given a measurement $x \in \mathbb{R}$ and an
unknown parameter $w \in \mathbb{R}$, and a training set
$\mathcal{D} = \{(x_1, y_1), \dots, (x_N, y_N)\}$.
\begin{enumerate}
  \item Write down the optimisation problem of the maximum-likelihood
        estimate of $w$, and simplify it if possible.
  \item Show that
        \[ \frac{\partial}{\partial w} \sum_{i=1}^{N} \log p(y_i \mid x_i, w)
           = \sum_{i=1}^{N} \left( \frac{1}{w} - x_i y_i \right). \]
\end{enumerate}`

func BenchmarkCheckQuestion(b *testing.B) {
	b.SetBytes(int64(len(question)))
	for b.Loop() {
		if errs := Check(question, Paragraph); errs != nil {
			b.Fatal(errs)
		}
	}
}

// BenchmarkCheckLong guards against work that grows faster than the
// text: a question repeated up to the 64 KiB a problem file allows.
func BenchmarkCheckLong(b *testing.B) {
	text := strings.Repeat(question+"\n\n", (64<<10)/(len(question)+2))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if errs := Check(text, Paragraph); errs != nil {
			b.Fatal(errs)
		}
	}
}
