package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/answer"
)

var updateNet = flag.Bool("update-net", false, "rewrite testdata/net/*.golden")

// TestNetGolden: the backward pass in steps, the symbolic gradient and
// a descent with momentum, as the terminal shows them.
func TestNetGolden(t *testing.T) {
	seed := []string{"net", "y = sin(w)^T x; L = -log(y l)", "x=[2, 1]", "w=[pi/2, pi]", "l=1", "--wrt", "w", "--lr", "0.5"}
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"seed-steps.golden", append(seed, "--steps")},
		{"symbolic.golden", []string{"net", "z = sin(w); y = z^T x; L = -log(y l)", "--wrt", "w"}},
		{"momentum.golden", append(seed, "--momentum", "0.9", "--iterations", "2")},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			r := runCLI(t, "", tc.args...)
			require.Equal(t, 0, r.status, r.stderr)
			path := filepath.Join("testdata", "net", tc.golden)
			if *updateNet {
				require.NoError(t, os.WriteFile(path, []byte(r.stdout), 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, string(want), r.stdout, "go test ./cmd/derivtex -update-net to refresh")
		})
	}
}

func TestNetStepsContent(t *testing.T) {
	r := runCLI(t, "", "net", "y = sin(w)^T x; L = -log(y l)", "x=[2, 1]", "w=[pi/2, pi]", "l=1", "--wrt", "w", "--steps")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "d(sin(w))/dw          = diag(cos(w)), cos(w) = [0, -1]   2 x 2, diagonal\n")
	assert.Contains(t, r.stdout, "dy/d(sin(w)^T)        = x^T = [[2, 1]]   1 x 2, outer product\n")
	assert.Contains(t, r.stdout, "= dL/d(sin(w)) * cos(w) = [-1, -1/2] * [0, -1] = [0, 1/2] ≈ [0, 0.5]   (diagonal: Hadamard product)\n")

	// Several steps and momentum need a learning rate; the JSON carries
	// each step.
	r = runCLI(t, "", "net", "L = sum(w * w)", "w=[1, 2]", "--iterations", "2")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "give a learning rate with --lr")
	r = runCLI(t, "", "net", "L = sum(w * w)", "w=[1, 2]", "--lr", "1/4", "--momentum", "1/2")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "descent (1 step: v' = 1/2 v + dL/dw, w' = w - 1/4 v', v = 0 at the start)\n")
	r = runCLI(t, "", "net", "L = sum(w * w)", "w=[1, 2]", "--lr", "1/4", "--momentum", "1/2", "--iterations", "3", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var a answer.Network
	decodeStrict(t, r.stdout, &a)
	require.Len(t, a.Steps, 3)
	// g = 2 w; v1 = [2, 4], w1 = [1/2, 1]; v2 = v1/2 + 2 w1 = [2, 4], w2 = [0, 0].
	assert.Equal(t, "[1/2, 1]", a.Steps[0].Inputs["w"].Exact.Plain)
	assert.Equal(t, "[2, 4]", a.Steps[1].Velocity["w"].Exact.Plain)
	assert.Equal(t, "[0, 0]", a.Steps[1].Inputs["w"].Exact.Plain)
	assert.Equal(t, "5/4", a.Steps[1].Loss.Exact.Plain)
	require.NotEmpty(t, a.Locals)
	assert.Equal(t, "diagonal", a.Locals[len(a.Locals)-1].Structure)

	// Without values, the gradient as formulas; with --json, a failure.
	r = runCLI(t, "", "net", "h = tanh(W x + b); L = sum(h * h)", "--symbolic")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "symbolic (taking W a matrix, x a vector, b a vector)\n")
	assert.Contains(t, r.stdout, "dL/dW = (dL/dh * (1 - h^2)) x^T\n")
	// Finding the shapes is work, charged to the budget.
	r = runCLI(t, "", "net", "h = tanh(W x + b); L = sum(h * h)", "--max-work", "5")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "work budget exceeded")
	r = runCLI(t, "", "net", "L = sum(w)", "--tikz")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "give the inputs' values")
}
