package solve_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/solve"
)

// TestAnswersByName: a multi-part question written once, each part using
// the answer of the one before (a gradient, the step it gives, the loss
// after it; a network's gradient and its update).
func TestAnswersByName(t *testing.T) {
	d := solveSource(t, "chain.drv", `
problem "Gradient" as grad {
    diff     (w x - y)^2
    wrt      w
}
problem "Step" as update {
    given    g = grad.w, x = 2, y = 1, w = 0, eta = 1/10
    eval     w_new = w - eta g
}
problem "Loss after" {
    given    w = update.w_new, x = 2, y = 1
    eval     (w x - y)^2
}
problem "Network" as net {
    network  y = W x; L = sum(y * y) / 2
    given    W = [[1, 2], [3, 4]], x = [1, -1]
    wrt      W
}
problem "Update" {
    given    G = net.W, W = [[1, 2], [3, 4]]
    eval     W - G / 10
}
problem "Estimate" as est {
    mle      p(y | lambda) = lambda exp(-lambda y)
}
problem "At the data" {
    given    l = est, y = [1, 2, 3], N = 3
    eval     l
}
`)
	exact := func(i int) string {
		a := d.Solutions[i].Answer.Eval
		require.NotNil(t, a, d.Solutions[i].Problem.Title)
		require.NotNil(t, a.Exact, d.Solutions[i].Problem.Title)
		return a.Exact.Plain
	}
	// g = 2 x (w x - y) = -4 at x = 2, y = 1, w = 0; w - g/10 = 2/5.
	assert.Equal(t, "2/5", exact(1))
	assert.Contains(t, d.Solutions[1].Body, "From problem 1, $g = 2 x")
	// (2/5 * 2 - 1)^2 = 1/25.
	assert.Equal(t, "1/25", exact(2))
	// dL/dW = y x^T with y = W x = [-1, -1]: [[-1, 1], [-1, 1]].
	assert.Equal(t, "[[11/10, 19/10], [31/10, 39/10]]", exact(4))
	// The exponential's estimate N / sum(y[i]) at y = [1, 2, 3]: 1/2.
	assert.InDelta(t, 0.5, d.Solutions[6].Answer.Eval.Value, 1e-12)
}

// TestAnswerErrors: a part the answer has not, an answer of several
// parts used whole, and an answer with names the problem does not give
// are errors at the reference.
func TestAnswerErrors(t *testing.T) {
	for _, tc := range []struct{ name, use, want string }{
		{"no such part", "given g = grad.q, w = 1, x = 1, y = 1", "f.drv:6:15: the answer of problem grad has no part q: it has grad.b, grad.w"},
		{"several parts", "given g = grad, w = 1, x = 1, y = 1", "f.drv:6:15: the answer of problem grad has several parts: say which, grad.b, grad.w"},
		{"a name not given", "given g = grad.w, w = 1, y = 1", "f.drv:6:15: grad.w = 2*x*(w*x + b - y) mentions"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := problem.Parse("f.drv", `problem "G" as grad {
    diff (w x + b - y)^2
    wrt w, b
}
problem "U" {
    `+tc.use+`
    eval g
}
`)
			require.NoError(t, err)
			_, err = solve.File(t.Context(), f)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
