package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/internal/pdflatex"
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
		{"an index out of range", []string{"net", "y = W[1, 3]", "W=[[1, 2]]"},
			"derivtex: 1:10: second index 3 out of range 1..2: W has shape [1, 2]\ny = W[1, 3]\n         ^\n"},
		{"indices too few", []string{"net", "y = sum(W[2])", "W=[[1, 2], [3, 4]]"},
			"derivtex: 1:10: W has shape [2, 2], which takes 2 indices, not 1\ny = sum(W[2])\n         ^\n"},
		{"a range with three colons", []string{"net", "y = sum(x[1:1:2:2])", "x=[1, 2]"},
			"derivtex: 1:16: a range is from:to or from:step:to, with at most two \":\"\ny = sum(x[1:1:2:2])\n               ^\n"},
		{"reshape to another size", []string{"net", "y = sum(reshape(x, [3]))", "x=[1, 2]"},
			"derivtex: 1:9: reshape of shape [2] to [3]: its 2 entries do not fill 3\ny = sum(reshape(x, [3]))\n        ^\n"},
		{"reshape past rank 4", []string{"net", "y = sum(reshape(x, [1, 1, 1, 1, 2]))", "x=[1, 2]"},
			"derivtex: 1:9: reshape(x, [1, 1, 1, 1, 2]) would have shape [1, 1, 1, 1, 2]: a tensor has at most 4 dimensions\ny = sum(reshape(x, [1, 1, 1, 1, 2]))\n        ^\n"},
		{"concat of other shapes", []string{"net", "y = sum(concat(a, W))", "a=[1, 2]", "W=[[1]]"},
			"derivtex: 1:9: shapes [2] and [1, 1] do not concatenate: they have different numbers of dimensions\ny = sum(concat(a, W))\n        ^\n"},
		{"a loss of two shapes", []string{"net", "L = mse(a, b)", "a=[1, 2]", "b=[1]"},
			"derivtex: 1:5: shapes [2] and [1] differ in mse: the prediction and the target have one shape\nL = mse(a, b)\n    ^\n"},
		{"a class out of range", []string{"net", "L = crossentropy(z, c)", "z=[1, 2]", "c=0"},
			"derivtex: 1:5: L: the class 0 is not one of 1..2\nL = crossentropy(z, c)\n    ^\n"},
		{"max of three", []string{"net", "L = max(a, b, c)", "a=1"},
			"derivtex: 1:5: max takes 1 to 2 arguments, got 3\nL = max(a, b, c)\n    ^\n"},
		{"an empty network", []string{"net", ""},
			"derivtex: 1:1: the network has no assignment: write name = expression, separated by ; or new lines\n"},
		{"--wrt a computed tensor", []string{"net", "y = w * w", "w=1", "--wrt", "y"},
			"derivtex: --wrt: y is computed by the network, not given: gradients are of inputs\n"},
		{"--iterations without --lr", []string{"net", "y = w * w", "w=1", "--iterations", "2"},
			"derivtex: --iterations and --momentum train the network: give a learning rate with --lr\n"},
		{"--iterations too many", []string{"net", "y = w * w", "w=1", "--lr", "1", "--iterations", "1001"},
			"derivtex: --iterations: 1001 steps: take from 1 to 1000\n"},
		{"a step that fails", []string{"net", "y = log(w)", "w=1", "--lr", "1", "--iterations", "2"},
			"derivtex: 1:5: step 2: y: the log of 0, which is not positive\ny = log(w)\n    ^\n"},
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

// TestNetTensors: the operations on tensors, with their conventions
// said where they have no derivative.
func TestNetTensors(t *testing.T) {
	r := runCLI(t, "", "net", "h = W[:, 2:end] x[1:2]; L = crossentropy(h, 2) + max(x)", "W=[[1, 0, 0], [0, 0, 0]]", "x=[0, 0, 0]")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "  W[:, 2:end]                     = [[0, 0], [0, 0]]\n")
	assert.Contains(t, r.stdout, "  crossentropy(h, 2)              = log(2) ≈ 0.6931471805599453\n")
	assert.Contains(t, r.stdout, "  dL/dx = [1/3, 1/3, 1/3] ≈ [0.3333333333333333, 0.3333333333333333, 0.3333333333333333]\n")
	assert.Contains(t, r.stdout, "note: max has no derivative where entries tie for the largest; the backward pass splits the gradient evenly among them, as PyTorch's max does\n")

	r = runCLI(t, "", "net", "L = mse(reshape(x, [2, 2]), Y) + norm(x)", "x=[0, 0, 0, 0]", "Y=[[1, 1], [1, 1]]", "--float")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "  dL/dx = [-1/2, -1/2, -1/2, -1/2] ≈ [-0.5, -0.5, -0.5, -0.5]\n")
	assert.Contains(t, r.stdout, "note: norm has no derivative at 0; the backward pass takes 0 there, as PyTorch does\n")
}

// TestNetDefinedOperator: an operator defined by its index map runs in a
// network, backward by its derived VJP (question 4 with numbers).
func TestNetDefinedOperator(t *testing.T) {
	r := runCLI(t, "", "net", "op SEE(x[2N])[i] = x[2 i], i = 1..N; y = SEE(x); L = sum(w * y)", "x=[1, 2, 3, 4, 5, 6]", "w=[1, -1, 2]", "--steps")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "  dL/dx       = vjp_SEE(dL/dy) = vjp_SEE([1, -1, 2]) = [0, 1, 0, -1, 0, 2]\n")

	r = runCLI(t, "", "net", "op SEE(x[2N])[i] = x[2 i], i = 1..N; L = sum(SEE(x))", "x=[1, 2, 3]")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "1:46: SEE's size N would be 3/2 for shape [3]: a size is a whole number from 1\n")

	r = runCLI(t, "", "net", "op SEE(x[2N])[i] = x[i^2], i = 1..N; L = sum(SEE(x))", "x=[1, 2]")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "1:20: the position i^2 in x[i^2] is not an integer multiple of i plus a constant\n")
}

// TestNetLaTeX: --latex writes the handout's worked pass, which compiles
// in a document with the packages its help names.
func TestNetLaTeX(t *testing.T) {
	r := runCLI(t, "", "net", "y = sin(w)^T x; L = -log(y l)", "x=[2, 1]", "w=[pi/2, pi]", "l=1", "--wrt", "w", "--lr", "0.5", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\begin{tikzpicture}`)
	assert.Contains(t, r.stdout, `\paragraph{Local gradients.}`)
	assert.Contains(t, r.stdout, `\boxed{w' = w - \frac{1}{2} \frac{\partial L}{\partial w} = \begin{bmatrix} \frac{\pi}{2} \\ \pi - \frac{1}{4} \end{bmatrix}}`)
	pdflatex.Compile(t, "\\documentclass{article}\n\\usepackage{amsmath,amssymb,tikz}\n\\usetikzlibrary{arrows.meta}\n\\begin{document}\n"+r.stdout+"\\end{document}\n")

	r = runCLI(t, "", "net", "L = sum(w * w)", "w=[1, 2]", "--lr", "0.5", "--iterations", "2", "--latex")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "--latex shows one step of gradient descent")
}
