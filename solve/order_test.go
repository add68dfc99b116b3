package solve_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestHandoutAsWritten: a handout shows the input as the author wrote it
// (the first line of a derivation, of a simplification, of an
// evaluation), the rewrite beyond order as a labelled step, and given
// decimals as given in the line that puts them in.
func TestHandoutAsWritten(t *testing.T) {
	doc := solveSource(t, "w.drv", `problem "D" {
    given    w = 0.5, x = 2, b = 1
    diff     log(exp(w x)/exp(b)) + (1 - x) w^2
    wrt      w
}

problem "S" {
    simplify 2*3 x + x - (x + 1)
}

problem "E" {
    given    w = 0.5, eta = 0.1, g = 2
    eval     u = w - eta g
}
`)
	d := doc.Solutions[0].Body
	assert.Contains(t, d, `\frac{\partial}{\partial w} \left(\log\mathopen{}\left(\frac{\exp\mathopen{}\left(w x\right)}{\exp\mathopen{}\left(b\right)}\right) + \left(1 - x\right) w^{2}\right)`)
	assert.Contains(t, d, `\text{law of exponents}`)
	assert.Contains(t, d, `At $w = 0.5$, $x = 2$`)
	simp := doc.Solutions[1].Body
	assert.Contains(t, simp, `2 \cdot 3 x + x - \left(x + 1\right) &= 6 x - 1`, "reading the input simplified it: a step")
	assert.Contains(t, simp, `collecting like terms`)
	e := doc.Solutions[2].Body
	assert.Contains(t, e, `u &= w - \eta g \\`+"\n"+`&= 0.5 - 0.1 \cdot 2 \\`)
	assert.Contains(t, e, `\frac{3}{10}`, "the exact result")
}

// TestMLEDensityAsWritten: the likelihood and the first lines of the
// negative log-likelihood show the density per example as its author
// wrote it (y as y_i): the author's order of factors, a reciprocal
// written before the exponential, |y - m| not |m - y|; the lines
// after keep the bars as written too.
func TestMLEDensityAsWritten(t *testing.T) {
	doc := solveSource(t, "mle.drv", `problem "Counts" {
    mle      p(y | r) = exp(-r) r^y / factorial(y)
}

problem "Laplace" {
    mle      p(y | m, c) = 1/(2 c) exp(-|y - m| / c)
    params   m, c
}
`)
	counts := doc.Solutions[0].Body
	assert.Contains(t, counts, `\prod_{i=1}^{N} \frac{\exp\mathopen{}\left(-r\right) r^{y_{i}}}{y_{i}!}.`)
	assert.Contains(t, counts, `-\log L(r) &= -\log\mathopen{}\left(\prod_{i=1}^{N} \frac{\exp\mathopen{}\left(-r\right) r^{y_{i}}}{y_{i}!}\right)`)
	assert.Contains(t, counts, `&= -\sum_{i=1}^{N} \log\mathopen{}\left(\frac{\exp\mathopen{}\left(-r\right) r^{y_{i}}}{y_{i}!}\right)`)
	laplace := doc.Solutions[1].Body
	assert.Contains(t, laplace, `\prod_{i=1}^{N} \frac{1}{2 c} \exp\mathopen{}\left(-\frac{\left|y_{i} - m\right|}{c}\right).`)
	assert.Contains(t, laplace, `&= -\sum_{i=1}^{N} \log\mathopen{}\left(\frac{1}{2 c} \exp\mathopen{}\left(-\frac{\left|y_{i} - m\right|}{c}\right)\right)`)
	assert.NotContains(t, laplace, `m - y_{i}\right|`, "the bars hold y - m on every line")
}
