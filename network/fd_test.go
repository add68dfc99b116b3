package network_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

// randomNetwork writes a random network over every operation (also
// convolutions and poolings), with the shapes of its inputs: vectors a
// and b of length n, a matrix W (n x n), a scalar s, and c, two class
// labels (1..n) for a batch, which is no variable (its gradient is 0 and
// it is not perturbed). Its last assignment is a scalar loss. Arguments
// of log stay positive (exp of something, or 1 + a square), and those of
// bce between 0 and 1, so that the network is smooth at every input but
// where max, min, norm or maxpool have a kink, which the pass notes.
func randomNetwork(r *rand.Rand, n int) (string, map[string][]int) {
	shapes := map[string][]int{"a": {n}, "b": {n}, "W": {n, n}, "s": nil, "c": {2}}
	vectors := []string{"a", "b"}
	scalars := []string{"s"}
	var lines []string
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	smooth := []string{"sin", "cos", "tanh", "sigmoid", "exp"}
	batch := func(x, y string) string { return fmt.Sprintf("reshape(concat(%s, %s), [2, %d])", x, y, n) }
	vector := func() string {
		x, y := pick(vectors), pick(vectors)
		switch r.IntN(26) {
		case 0:
			return pick(smooth) + "(" + x + ")"
		case 1:
			return x + " + " + y
		case 2:
			return x + " - " + pick(scalars)
		case 3:
			return x + " * " + y
		case 4:
			return x + "/(1 + " + y + "*" + y + ")"
		case 5:
			return "W " + x
		case 6:
			return "W^T " + x
		case 7:
			return "softmax(" + x + ")"
		case 8:
			return pick(scalars) + " " + x
		case 9:
			return "log(1 + " + x + " * " + x + ")"
		case 10:
			return "max(" + x + ", " + y + "/2 + 1/3)"
		case 11:
			return "min(" + x + ", " + pick(scalars) + ")"
		case 12:
			return "max(W, " + pick(scalars) + ") " + x
		case 13:
			return x + "[end:-1:1] + W[:, 1] - W[end, :]"
		case 14:
			return "W[1:end, 2] * " + x + "[1:end]"
		case 15:
			return fmt.Sprintf("reshape(W^T, [%d, %d]) %s", n, n, x)
		case 16:
			return "concat(W, W^T, 2) concat(" + x + ", " + y + ")"
		case 17:
			return "concat(" + x + ", " + pick(scalars) + ")[2:end] + concat(" + pick(scalars) + ", " + y + ")[1:end-1]"
		case 18:
			return x + "/(1 + norm(" + y + "))"
		case 19:
			return "reshape(flatten(" + x + " " + y + "^T)[1:" + fmt.Sprint(n+1) + ":end], [" + fmt.Sprint(n) + "])"
		case 20:
			return "conv1d(" + x + ", " + y + ", pad: same)"
		case 21:
			return "conv2d(W, W, pad: same, flip: true) " + x
		case 22:
			return "avgpool(concat(" + x + ", " + y + "), 2)"
		case 23:
			return "maxpool(concat(W, W^T, 2), [1, 2]) " + x
		case 24:
			return "conv1d(concat(" + x + ", " + y + "), " + x + ", pad: full, rate: 2, stride: 3)[1:" + fmt.Sprint(n) + "]"
		}
		return "(W W^T) " + x + " + " + x + "^2"
	}
	scalar := func() string {
		x, y := pick(vectors), pick(vectors)
		switch r.IntN(21) {
		case 0:
			return x + "^T " + y
		case 1:
			return "sum(" + x + ")"
		case 2:
			return "mean(" + x + " * " + y + ")"
		case 3:
			return "logsumexp(" + x + ")"
		case 4:
			return pick(scalars) + " * " + pick(scalars) + " - " + pick(scalars)
		case 5:
			return "-log(exp(" + pick(scalars) + ") + 1)"
		case 6:
			return "max(" + x + ") - min(" + y + ")"
		case 7:
			return "norm(" + x + ") + W[1, 2] * " + y + "[2]"
		case 8:
			return "mse(" + x + ", " + y + ")"
		case 9:
			return "crossentropy(" + x + ", softmax(" + y + ")) + crossentropy(" + y + ", sigmoid(" + x + "))"
		case 10:
			return "crossentropy(" + x + ", 2)"
		case 11:
			return "nll(log(softmax(" + x + ")), softmax(" + y + ")) + nll(" + y + ", 1)"
		case 12:
			return "bce(sigmoid(" + x + "), sigmoid(" + y + "))"
		case 13:
			return "crossentropy(" + batch(x, y) + ", c)"
		case 14:
			return "crossentropy(" + batch(x, y) + ", " + batch("softmax("+y+")", "softmax("+x+")") + ")"
		case 15:
			return "nll(" + batch(x, y) + ", c)"
		case 16:
			return "max(max(" + x + ", " + pick(scalars) + "))"
		case 17:
			return "sum(flatten(W) * flatten(W^T)) / (1 + norm(W))"
		case 18:
			return "sum(conv2d(W, W^T, " + pick(scalars) + ", stride: 2, pad: 1))"
		case 19:
			return "sum(maxpool(W, 2, stride: 1))"
		}
		return "sqrt(1 + " + x + "^T " + x + ")"
	}
	for i := range 2 + r.IntN(6) {
		name := fmt.Sprintf("t%d", i)
		if r.IntN(3) == 0 {
			lines = append(lines, name+" = "+scalar())
			scalars = append(scalars, name)
		} else {
			lines = append(lines, name+" = "+vector())
			vectors = append(vectors, name)
		}
	}
	lines = append(lines, "L = sum("+vectors[len(vectors)-1]+") + "+scalars[len(scalars)-1])
	return strings.Join(lines, "\n"), shapes
}

// randomInputs gives each input small random entries: exact fractions,
// so that the exact and the float pass start from the same numbers.
func randomInputs(r *rand.Rand, shapes map[string][]int) map[string]tensor.Tensor {
	return randomTensors(shapes, func(name string) expr.Expr {
		v := expr.Rat(int64(r.IntN(17)-8), int64(4+r.IntN(4)))
		if name == "c" { // class labels
			v = expr.Int(int64(1 + r.IntN(2)))
		}
		return v
	})
}

// randomTensors makes a tensor of each shape, its entries drawn one by
// one, row-major.
func randomTensors(shapes map[string][]int, entry func(name string) expr.Expr) map[string]tensor.Tensor {
	out := map[string]tensor.Tensor{}
	for name, shape := range shapes {
		count := 1
		for _, d := range shape {
			count *= d
		}
		entries := make([]expr.Expr, count)
		for i := range entries {
			entries[i] = entry(name)
		}
		out[name], _ = tensor.New(shape, entries)
	}
	return out
}

// floats is t's entries as floats.
func floats(t *testing.T, v tensor.Tensor) []float64 {
	var out []float64
	for _, x := range v.Entries() {
		f, err := expr.Eval(x, expr.Env{})
		require.NoError(t, err, "%s", x)
		out = append(out, f)
	}
	return out
}

// TestGradientsAgainstFiniteDifferences: on random networks over every
// operation at random inputs, the gradient of the loss by each input
// agrees with central finite differences of the float pass, and the exact
// pass agrees with the float one.
func TestGradientsAgainstFiniteDifferences(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 3))
	ctx := context.Background()
	checked := 0
	for trial := range 150 {
		src, shapes := randomNetwork(r, 2+r.IntN(2))
		prog, err := parser.ParseNetwork("", src)
		require.NoError(t, err, src)
		inputs := randomInputs(r, shapes)
		g, err := network.Build(prog, shapes, "")
		require.NoError(t, err, src)
		pass, err := network.Run(ctx, g, inputs, false)
		require.NoError(t, err, src)
		if len(pass.Notes) > 0 {
			// A tie of max or min, or a norm at 0: no derivative there
			// for finite differences to check.
			continue
		}
		checked++
		checkGradients(t, src, g, inputs, pass, trial%5 == 0) // exact passes build terms: fewer of them
	}
	require.Greater(t, checked, 120, "most networks are smooth at their inputs")
}

// checkGradients checks a float pass's gradients of every input (but the
// class labels c) against central finite differences, and, when exactly
// is set, against an exact pass.
func checkGradients(t *testing.T, src string, g *network.Graph, inputs map[string]tensor.Tensor, pass *network.Pass, exactly bool) {
	t.Helper()
	ctx := context.Background()
	loss := func(in map[string]tensor.Tensor) float64 {
		p, err := network.Run(ctx, g, in, false)
		require.NoError(t, err, src)
		return floats(t, p.Values[g.Loss.ID])[0]
	}
	for _, name := range g.Inputs() {
		if name == "c" {
			continue // class labels: not a variable
		}
		n, _ := g.Node(name)
		var grad []float64
		if a := pass.Adjoints[n.ID]; a != nil {
			grad = floats(t, *a)
		} else {
			grad = make([]float64, inputs[name].Len())
		}
		base := inputs[name].Entries()
		for i := range base {
			const h = 1e-6
			shifted := func(d float64) float64 {
				e := append([]expr.Expr(nil), base...)
				v, _ := expr.Eval(e[i], expr.Env{})
				e[i] = expr.Rat(int64(math.Round((v+d)*1e12)), 1e12)
				in := map[string]tensor.Tensor{}
				for k, v := range inputs {
					in[k] = v
				}
				in[name], _ = tensor.New(inputs[name].Shape(), e)
				return loss(in)
			}
			fd := (shifted(h) - shifted(-h)) / (2 * h)
			require.InDelta(t, fd, grad[i], 1e-4*(1+math.Abs(fd)), "dL/d%s[%d]\n%s", name, i, src)
		}
	}
	if !exactly {
		return
	}
	exactPass, err := network.Run(ctx, g, inputs, true)
	require.NoError(t, err, src)
	for _, name := range g.Inputs() {
		n, _ := g.Node(name)
		if pass.Adjoints[n.ID] == nil {
			continue
		}
		want, got := floats(t, *pass.Adjoints[n.ID]), floats(t, *exactPass.Adjoints[n.ID])
		for i := range want {
			require.InDelta(t, want[i], got[i], 1e-9*(1+math.Abs(want[i])), "exact dL/d%s\n%s", name, src)
		}
	}
}
