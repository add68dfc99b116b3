package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNetSeed: the exam's question 3, forward, backward and one step.
func TestNetSeed(t *testing.T) {
	r := runCLI(t, "", "net", "y = sin(w)^T x; L = -log(y l)", "x=[2, 1]", "w=[pi/2, pi]", "l=1", "--wrt", "w", "--lr", "0.5")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "  y = sin(w)^T x = 2\n")
	assert.Contains(t, r.stdout, "  L = -log(y l)  = -log(2) ≈ -0.6931471805599453\n")
	assert.Contains(t, r.stdout, "  dL/dw = [0, 1/2] ≈ [0, 0.5]\n")
	assert.Contains(t, r.stdout, "  w' = [pi/2, pi - 1/4] ≈ [1.5707963267948966, 2.891592653589793]\n")
}

// TestNetOtherNetworks: a hidden layer and a squared error, worked out by
// hand: h = relu(W x + b) = relu([-1, -1] + [0, 2]) = [0, 1], y = v^T h = 3,
// L = (y - t)^2 = 4 at t = 1; dL/dy = 2 (y - t) = 4, dL/dv = 4 h = [0, 4],
// dL/dh = 4 v = [8, 12], through relu [0, 12]; dL/db = [0, 12],
// dL/dW = [0, 12] x^T = [[0, 0], [12, -12]].
func TestNetOtherNetworks(t *testing.T) {
	r := runCLI(t, "", "net", "h = relu(W x + b)\ny = v^T h\nL = (y - t)^2",
		"W=[[1, 2], [0, 1]]", "x=[1, -1]", "b=[0, 2]", "v=[2, 3]", "t=1", "--wrt", "W, b, v")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "  y = v^T h         = 3\n")
	assert.Contains(t, r.stdout, "  dL/dW = [[0, 0], [12, -12]]\n")
	assert.Contains(t, r.stdout, "  dL/db = [0, 12]\n")
	assert.Contains(t, r.stdout, "  dL/dv = [0, 4]\n")

	r = runCLI(t, "", "net", "L = mean(x * x)", "x=[0.5, 1.5]", "--float")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "forward (float64)\n")
	assert.Contains(t, r.stdout, "  dL/dx = [1/2, 3/2] ≈ [0.5, 1.5]\n")
}

// TestNetErrors: every mistake has its place in the network and exit
// status 2.
func TestNetErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"shapes", []string{"net", "y = w + x", "w=[1, 2]", "x=[1, 2, 3]"},
			"derivtex: 1:7: shapes [2] and [3] differ in +: only a scalar goes with every entry of a tensor\ny = w + x\n      ^\n"},
		{"an undefined name", []string{"net", "y = w + q", "w=1"},
			"derivtex: 1:9: no value for q: give it (q=...) or assign it\ny = w + q\n        ^\n"},
		{"assigned twice", []string{"net", "y = w\ny = 2 w", "w=1"},
			"derivtex: 2:1: y is assigned twice; the first is at 1:1\ny = 2 w\n^\n"},
		{"a cycle", []string{"net", "a = b + 1; b = a * 2"},
			"derivtex: 1:16: a is defined in terms of itself: the network has a cycle\na = b + 1; b = a * 2\n               ^\n"},
		{"a loss that is not a number", []string{"net", "y = 2 w", "w=[1, 2]"},
			"derivtex: 1:7: the loss y is a tensor of shape [2], not a number: a gradient needs a scalar loss (sum or mean it)\ny = 2 w\n      ^\n"},
		{"the log of a non-positive value", []string{"net", "z = w x; L = -log(z)", "w=1", "x=0"},
			"derivtex: 1:15: log(z): the log of 0, which is not positive\nz = w x; L = -log(z)\n              ^\n"},
		{"two vectors side by side", []string{"net", "y = x x", "x=[1, 2]"},
			"derivtex: 1:7: two vectors side by side (shapes [2] and [2]): write x^T y for their dot product, x y^T for the outer product, or x * y entry by entry\ny = x x\n      ^\n"},
		{"an empty network", []string{"net", ""},
			"derivtex: 1:1: the network has no assignment: write name = expression, separated by ; or new lines\n"},
		{"--wrt a computed tensor", []string{"net", "y = w * w", "w=1", "--wrt", "y"},
			"derivtex: --wrt: y is computed by the network, not given: gradients are of inputs\n"},
		{"--lr not a number", []string{"net", "y = w * w", "w=1", "--lr", "[1, 2]"},
			"derivtex: 1:1: --lr: a learning rate is a number, not a vector of 2 entries\n[1, 2]\n^\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", tc.args...)
			assert.Equal(t, 2, r.status, r.stdout)
			assert.Equal(t, tc.want, r.stderr)
		})
	}

	r := runCLI(t, "", "net", "y = w * w", "w=1", "q=2")
	assert.Equal(t, 0, r.status)
	assert.Equal(t, "derivtex: warning: q is given but the network does not use it\n", r.stderr)
}

// TestNetKinks: a derivative taken where the function has none is said,
// with the convention used.
func TestNetKinks(t *testing.T) {
	r := runCLI(t, "", "net", "L = sum(relu(x) + abs(x))", "x=[0, 2, -1]")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "  dL/dx = [0, 2, -1]\n")
	assert.Contains(t, r.stdout, "note: relu has no derivative at 0; the backward pass takes 0 there, as PyTorch does\n")
	assert.Contains(t, r.stdout, "note: abs has no derivative at 0")

	r = runCLI(t, "", "net", "L = sum(relu(x))", "x=[1, 2]")
	assert.NotContains(t, r.stdout, "note:")
}

// TestNetDrawings: --tikz draws the seed's graph as a tikzpicture, --dot
// as a digraph; the formats exclude each other.
func TestNetDrawings(t *testing.T) {
	seed := []string{"net", "y = sin(w)^T x; L = -log(y l)", "x=[2, 1]", "w=[pi/2, pi]", "l=1", "--wrt", "w"}
	r := runCLI(t, "", append(seed, "--tikz")...)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\begin{tikzpicture}`)
	assert.Contains(t, r.stdout, `{$\color{red!70!black}\begin{bmatrix}0 \\[2pt] \frac{1}{2}\end{bmatrix}$}`, "the gradient of w")
	assert.True(t, strings.HasSuffix(r.stdout, "\\end{tikzpicture}\n"))

	r = runCLI(t, "", append(seed, "--dot")...)
	require.Equal(t, 0, r.status, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "digraph network {\n"))
	assert.Contains(t, r.stdout, `n0 -> n1 [label=<[pi/2, pi]<br/><font color="#b30000">[0, 1/2]</font>>];`)

	r = runCLI(t, "", append(seed, "--dot", "--tikz")...)
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "--dot")
}
