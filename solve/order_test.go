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
