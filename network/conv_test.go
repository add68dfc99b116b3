package network_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/network"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/tensor"
)

// forwardTerm works one tensor expression out at the given values (name
// to value text), as derivtex eval does.
func forwardTerm(t *testing.T, src string, values map[string]string, exactly bool) (tensor.Tensor, error) {
	t.Helper()
	x, err := parser.ParseTensorTerm(src)
	require.NoError(t, err, src)
	inputs, shapes := given(t, values)
	g, err := network.BuildTerm(x, src, shapes)
	if err != nil {
		return tensor.Tensor{}, err
	}
	p, err := network.Forward(context.Background(), g, inputs, exactly)
	if err != nil {
		return tensor.Tensor{}, err
	}
	return p.Values[g.Loss.ID], nil
}

// TestSeedQuestion5: the exam's dilated and strided, padded convolution
// and its 2 x 2 max-pool, by hand: [[3]], [[2, 0], [0, 2]], [[2]].
func TestSeedQuestion5(t *testing.T) {
	values := map[string]string{"x": "[[1, 0, 2], [2, 1, -1], [0, 0, 2]]", "w": "[[1, -1], [0, 2]]"}
	for src, want := range map[string]string{
		"conv2d(x, w, stride: 1, pad: 0, rate: 2)": "[[3]]",
		"conv2d(x, w, stride: 3, pad: 1, rate: 1)": "[[2, 0], [0, 2]]",
		"maxpool(x, 2)":                 "[[2]]",
		"maxpool(x, [2, 2], stride: 2)": "[[2]]",
		// True convolution flips the kernel: [[2, 0], [-1, 1]] at rate 2
		// reads 1*2 + 2*0 + 0*(-1) + 2*1.
		"conv2d(x, w, rate: 2, flip: true)": "[[4]]",
	} {
		for _, exactly := range []bool{true, false} {
			got, err := forwardTerm(t, src, values, exactly)
			require.NoError(t, err, src)
			assert.Equal(t, want, got.String(), "%s exactly=%v", src, exactly)
		}
	}
}

// TestSeedQuestion6: f = max(conv(x, w), 1x2) at x = [2, 1, 2], w = [1,
// 0]: z = [2, 1], f = 2, df/dw = [2, 1], and after a step of SGD with
// rate 1/2, w = [0, -1/2]; the backward rows read as a textbook's.
func TestSeedQuestion6(t *testing.T) {
	for _, src := range []string{
		"z = conv1d(x, w)\nf = maxpool(z, 2)[1]",
		"z = conv1d(x, w)\nf = sum(maxpool(z, [2]))",
		"z = conv1d(x, w)\nf = max(z)",
	} {
		p, err := runNetwork(t, src, map[string]string{"x": "[2, 1, 2]", "w": "[1, 0]"}, true)
		require.NoError(t, err, src)
		z, _ := p.Graph.Node("z")
		f, _ := p.Graph.Node("f")
		assert.Equal(t, "[2, 1]", p.Values[z.ID].String(), src)
		assert.Equal(t, "2", p.Values[f.ID].String(), src)
		assert.Equal(t, "[2, 1]", gradient(t, p, "w"), src)
		next, err := p.Update([]string{"w"}, expr.Half)
		require.NoError(t, err)
		assert.Equal(t, "[0, -1/2]", next["w"].String(), src)
		assert.Empty(t, p.Notes, src)

		bp, err := p.Backprop(nil)
		require.NoError(t, err)
		rows := map[string]string{}
		for _, a := range bp.Adjoints {
			for _, c := range a.Contributions {
				rows[a.Bar.Plain] = c.Formula.Plain + " = " + c.Numbers.Plain
			}
		}
		assert.Equal(t, "conv1d(x, df/dz) = conv1d([2, 1, 2], [1, 0])", rows["df/dw"], src)
		assert.Equal(t, "conv1d(df/dz, w, pad: full, flip: true) = conv1d([1, 0], [1, 0], pad: full, flip: true)", rows["df/dx"], src)
	}
}

// TestConvSymbolicKernel: a kernel of symbols gives each output as a
// formula, and the gradient by the input in them.
func TestConvSymbolicKernel(t *testing.T) {
	ctx := context.Background()
	prog, err := parser.ParseNetwork("", "y = conv2d(x, w)\nL = sum(y)")
	require.NoError(t, err)
	x := value(t, "[[1, 0, 2], [2, 1, -1], [0, 0, 2]]")
	w, err := tensor.New([]int{2, 2}, []expr.Expr{expr.Sym("a"), expr.Sym("b"), expr.Sym("c"), expr.Sym("d")})
	require.NoError(t, err)
	g, err := network.Build(prog, map[string][]int{"x": {3, 3}, "w": {2, 2}}, "")
	require.NoError(t, err)
	p, err := network.Run(ctx, g, map[string]tensor.Tensor{"x": x, "w": w}, true)
	require.NoError(t, err)
	y, _ := g.Node("y")
	assert.Equal(t, "[[a + 2*c + d, 2*b + c - d], [2*a + b, a - b + 2*d]]", p.Values[y.ID].String())
	assert.Equal(t, "[[a, a + b, b], [a + c, a + b + c + d, b + d], [c, c + d, d]]", gradient(t, p, "x"))
	assert.Equal(t, "[[4, 2], [3, 2]]", gradient(t, p, "w"))

	// maxpool compares: symbols cannot be.
	prog, err = parser.ParseNetwork("", "L = sum(maxpool(conv2d(x, w), 2))")
	require.NoError(t, err)
	g, err = network.Build(prog, map[string][]int{"x": {3, 3}, "w": {2, 2}}, "")
	require.NoError(t, err)
	_, err = network.Run(ctx, g, map[string]tensor.Tensor{"x": x, "w": w}, true)
	require.ErrorContains(t, err, "cannot be compared")
}

// convCase is a random convolution: its syntax, and what a direct loop
// needs to compute it.
type convCase struct {
	axes, layout        int // spatial axes (1, 2); 0 plain, 1 channels, 2 batch
	batch, inCh, outCh  int
	in, k, s, r, lo, hi [2]int // per axis, height first; a 1-D case has height 1
	flip, bias          bool
	src                 string
	shapes              map[string][]int
}

// randomConv makes a random convolution whose output is not empty.
func randomConv(r *rand.Rand) convCase {
	for {
		c := convCase{axes: 1 + r.IntN(2), layout: r.IntN(3), batch: 1, inCh: 1, outCh: 1, flip: r.IntN(4) == 0, bias: r.IntN(3) == 0}
		if c.layout > 0 {
			c.inCh, c.outCh = 1+r.IntN(3), 1+r.IntN(3)
		}
		if c.layout == 2 {
			c.batch = 1 + r.IntN(2)
		}
		mode := []string{"", "", "", "same", "valid", "full"}[r.IntN(6)]
		var keys []string
		var stride, rate, pad []string
		for a := range 2 {
			c.in[a], c.k[a], c.s[a], c.r[a] = 1, 1, 1, 1
			if a == 0 && c.axes == 1 {
				continue
			}
			c.in[a], c.k[a] = 1+r.IntN(7), 1+r.IntN(3)
			c.s[a], c.r[a] = 1+r.IntN(3), 1+r.IntN(2)
			p := r.IntN(3)
			if mode == "same" {
				c.s[a] = 1
			}
			span := c.r[a]*(c.k[a]-1) + 1
			switch mode {
			case "same":
				c.lo[a], c.hi[a] = (span-1)/2, span-1-(span-1)/2
			case "full":
				c.lo[a], c.hi[a] = span-1, span-1
			case "valid":
			default:
				c.lo[a], c.hi[a] = p, p
			}
			stride, rate, pad = append(stride, fmt.Sprint(c.s[a])), append(rate, fmt.Sprint(c.r[a])), append(pad, fmt.Sprint(p))
		}
		if c.in[0]+c.lo[0]+c.hi[0] < c.r[0]*(c.k[0]-1)+1 || c.in[1]+c.lo[1]+c.hi[1] < c.r[1]*(c.k[1]-1)+1 {
			continue
		}
		list := func(v []string) string {
			if len(v) == 1 || r.IntN(2) == 0 && allEqual(v) {
				return v[0]
			}
			return "[" + strings.Join(v, ", ") + "]"
		}
		if r.IntN(3) > 0 {
			keys = append(keys, "stride: "+list(stride))
		} else {
			c.s = [2]int{1, 1}
		}
		switch {
		case mode != "":
			keys = append(keys, "pad: "+mode)
		case r.IntN(3) > 0:
			keys = append(keys, "pad: "+list(pad))
		default:
			c.lo, c.hi = [2]int{}, [2]int{}
		}
		if r.IntN(2) == 0 {
			keys = append(keys, "rate: "+list(rate))
		} else {
			c.r = [2]int{1, 1}
		}
		if mode == "same" || mode == "full" { // the padding follows the rate
			for a := range 2 {
				span := c.r[a]*(c.k[a]-1) + 1
				c.lo[a], c.hi[a] = (span-1)/2, span-1-(span-1)/2
				if mode == "full" {
					c.lo[a], c.hi[a] = span-1, span-1
				}
			}
		}
		if c.in[0]+c.lo[0]+c.hi[0] < c.r[0]*(c.k[0]-1)+1 || c.in[1]+c.lo[1]+c.hi[1] < c.r[1]*(c.k[1]-1)+1 {
			continue
		}
		if c.flip {
			keys = append(keys, "flip: true")
		}
		spatial := c.in[2-c.axes:]
		kernel := c.k[2-c.axes:]
		c.shapes = map[string][]int{}
		switch c.layout {
		case 0:
			c.shapes["x"], c.shapes["w"] = spatial, kernel
		case 1:
			c.shapes["x"] = append([]int{c.inCh}, spatial...)
		case 2:
			c.shapes["x"] = append([]int{c.batch, c.inCh}, spatial...)
		}
		if c.layout > 0 {
			c.shapes["w"] = append([]int{c.outCh, c.inCh}, kernel...)
		}
		args := "x, w"
		if c.bias {
			args += ", b"
			c.shapes["b"] = []int{c.outCh}
			if c.layout == 0 && r.IntN(2) == 0 {
				c.shapes["b"] = nil
			}
		}
		c.src = fmt.Sprintf("conv%dd(%s)", c.axes, strings.Join(append([]string{args}, keys...), ", "))
		return c
	}
}

func allEqual(v []string) bool {
	for _, s := range v {
		if s != v[0] {
			return false
		}
	}
	return true
}

// reference computes the convolution by its definition, a loop per
// index: y[n, o, i, j] = b[o] + sum_{c, a, e} x[n, c, s i + r a - lo,
// s j + r e - lo] w[o, c, a, e], the kernel flipped for a true
// convolution, out of range entries 0.
func (c convCase) reference(x, w, b []float64) []float64 {
	var out [2]int
	for a := range 2 {
		out[a] = (c.in[a]+c.lo[a]+c.hi[a]-c.r[a]*(c.k[a]-1)-1)/c.s[a] + 1
	}
	var y []float64
	for n := range c.batch {
		for o := range c.outCh {
			for i := range out[0] {
				for j := range out[1] {
					sum := 0.0
					if c.bias {
						sum = b[o%len(b)]
					}
					for ch := range c.inCh {
						for a := range c.k[0] {
							for e := range c.k[1] {
								p, q := c.s[0]*i+c.r[0]*a-c.lo[0], c.s[1]*j+c.r[1]*e-c.lo[1]
								if p < 0 || p >= c.in[0] || q < 0 || q >= c.in[1] {
									continue
								}
								ka, ke := a, e
								if c.flip {
									ka, ke = c.k[0]-1-a, c.k[1]-1-e
								}
								sum += x[((n*c.inCh+ch)*c.in[0]+p)*c.in[1]+q] * w[((o*c.inCh+ch)*c.k[0]+ka)*c.k[1]+ke]
							}
						}
					}
					y = append(y, sum)
				}
			}
		}
	}
	return y
}

// integers gives each input small random whole entries, as tensors and
// as floats.
func integers(r *rand.Rand, shapes map[string][]int) (map[string]tensor.Tensor, map[string][]float64) {
	inputs := randomTensors(shapes, func(string) expr.Expr { return expr.Int(int64(r.IntN(9) - 4)) })
	fl := map[string][]float64{}
	for name, v := range inputs {
		for _, e := range v.Entries() {
			n, _ := e.(*expr.Number)
			fl[name] = append(fl[name], n.Float())
		}
	}
	return inputs, fl
}

// TestConvAgainstReference: on random shapes, strides, paddings, rates,
// channels and batches, conv1d and conv2d give what the direct loop
// gives, exactly and in float64.
func TestConvAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 12))
	ctx := context.Background()
	for range 300 {
		c := randomConv(r)
		inputs, fl := integers(r, c.shapes)
		want := c.reference(fl["x"], fl["w"], fl["b"])
		x, err := parser.ParseTensorTerm(c.src)
		require.NoError(t, err, c.src)
		g, err := network.BuildTerm(x, c.src, c.shapes)
		require.NoError(t, err, "%s %v", c.src, c.shapes)
		for _, exactly := range []bool{true, false} {
			p, err := network.Forward(ctx, g, inputs, exactly)
			require.NoError(t, err, c.src)
			require.Equal(t, want, floats(t, p.Values[g.Loss.ID]), "%s %v exactly=%v", c.src, c.shapes, exactly)
		}
	}
}

// poolReference is maxpool or avgpool by its definition over the last
// two axes of x, its leading ones flattened into batch.
func poolReference(max bool, x []float64, batch int, in, k, s, p [2]int) []float64 {
	var out [2]int
	for a := range 2 {
		out[a] = (in[a]+2*p[a]-k[a])/s[a] + 1
	}
	var y []float64
	for n := range batch {
		for i := range out[0] {
			for j := range out[1] {
				best, sum := math.Inf(-1), 0.0
				for a := range k[0] {
					for e := range k[1] {
						u, v := s[0]*i+a-p[0], s[1]*j+e-p[1]
						if u < 0 || u >= in[0] || v < 0 || v >= in[1] {
							continue
						}
						best = math.Max(best, x[(n*in[0]+u)*in[1]+v])
						sum += x[(n*in[0]+u)*in[1]+v]
					}
				}
				if max {
					y = append(y, best)
				} else {
					y = append(y, sum/float64(k[0]*k[1]))
				}
			}
		}
	}
	return y
}

// TestPoolAgainstReference: maxpool and avgpool on random shapes,
// windows, strides and paddings, against the direct loop.
func TestPoolAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 1))
	ctx := context.Background()
	for range 300 {
		rank := 1 + r.IntN(4)
		var in, k, s, p [2]int
		in[0], k[0], s[0] = 1, 1, 1
		shape := []int{}
		for range rank {
			shape = append(shape, 1+r.IntN(6))
		}
		batch := 1
		axes := min(rank, 2)
		for _, d := range shape[:rank-axes] {
			batch *= d
		}
		window := fmt.Sprint(1 + r.IntN(3))
		list := r.IntN(2) == 0
		var ws, ss, ps []string
		for a := 2 - axes; a < 2; a++ {
			in[a] = shape[rank-2+a]
			if rank == 1 {
				in[a] = shape[0]
			}
			if list {
				window = fmt.Sprint(1 + r.IntN(3))
			}
			fmt.Sscan(window, &k[a])
			s[a] = k[a]
			ws = append(ws, window)
		}
		keys := ""
		if r.IntN(2) == 0 {
			for a := 2 - axes; a < 2; a++ {
				s[a] = 1 + r.IntN(3)
				ss = append(ss, fmt.Sprint(s[a]))
			}
			keys += ", stride: [" + strings.Join(ss, ", ") + "]"
		}
		if r.IntN(2) == 0 {
			for a := 2 - axes; a < 2; a++ {
				p[a] = r.IntN(k[a]/2 + 1)
				ps = append(ps, fmt.Sprint(p[a]))
			}
			keys += ", pad: [" + strings.Join(ps, ", ") + "]"
		}
		if in[0]+2*p[0] < k[0] || in[1]+2*p[1] < k[1] {
			continue
		}
		win := window
		if list {
			win = "[" + strings.Join(ws, ", ") + "]"
		}
		for _, op := range []string{"maxpool", "avgpool"} {
			src := fmt.Sprintf("%s(x, %s%s)", op, win, keys)
			inputs, fl := integers(r, map[string][]int{"x": shape})
			want := poolReference(op == "maxpool", fl["x"], batch, in, k, s, p)
			x, err := parser.ParseTensorTerm(src)
			require.NoError(t, err, src)
			g, err := network.BuildTerm(x, src, map[string][]int{"x": shape})
			require.NoError(t, err, "%s %v", src, shape)
			for _, exactly := range []bool{true, false} {
				pass, err := network.Forward(ctx, g, inputs, exactly)
				require.NoError(t, err, src)
				got := floats(t, pass.Values[g.Loss.ID])
				require.Len(t, got, len(want), "%s %v", src, shape)
				for i := range want {
					require.InDelta(t, want[i], got[i], 1e-12, "%s %v", src, shape)
				}
			}
		}
	}
}

// TestConvGradients: the gradients of random convolutions and poolings,
// with channels, batches and biases, agree with finite differences, and
// the exact pass with the float one.
func TestConvGradients(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	ctx := context.Background()
	checked := 0
	for trial := range 120 {
		c := randomConv(r)
		pool := []string{"", "maxpool(y, 2)", "avgpool(y, 2, stride: 1)"}[r.IntN(3)]
		src := "y = " + c.src
		last := "y"
		if pool != "" {
			src += "\nq = " + pool
			last = "q"
		}
		src += "\nL = sum(" + last + " * " + last + ")"
		prog, err := parser.ParseNetwork("", src)
		require.NoError(t, err, src)
		g, err := network.Build(prog, c.shapes, "")
		if err != nil {
			require.Contains(t, err.Error(), "there is no output", src) // a pool larger than y
			continue
		}
		inputs := randomInputs(r, c.shapes)
		pass, err := network.Run(ctx, g, inputs, false)
		require.NoError(t, err, src)
		if len(pass.Notes) > 0 {
			continue // a tie in a max-pool: no derivative
		}
		checked++
		checkGradients(t, src+fmt.Sprint(c.shapes), g, inputs, pass, trial%4 == 0)
	}
	require.Greater(t, checked, 80)
}

// TestPoolTies: a tie in a max-pool window sends the gradient to the
// first maximum in row-major order, as PyTorch's max_pool2d does (checked
// with torch 1.13: [[1, 2], [2, 2]] gives [[0, 1], [0, 0]]), and the pass
// says so.
func TestPoolTies(t *testing.T) {
	p, err := runNetwork(t, "L = sum(maxpool(x, 2))", map[string]string{"x": "[[1, 2], [2, 2]]"}, true)
	require.NoError(t, err)
	assert.Equal(t, "[[0, 1], [0, 0]]", gradient(t, p, "x"))
	require.Len(t, p.Notes, 1)
	assert.Contains(t, p.Notes[0], "first of them in row-major order")

	p, err = runNetwork(t, "L = sum(maxpool(x, 2, stride: 1))", map[string]string{"x": "[3, 3, 1]"}, false)
	require.NoError(t, err)
	assert.Equal(t, "[1, 1, 0]", gradient(t, p, "x"))

	p, err = runNetwork(t, "L = sum(avgpool(x, 2, pad: 1))", map[string]string{"x": "[3, 1]"}, true)
	require.NoError(t, err)
	assert.Equal(t, "[1/2, 1/2]", gradient(t, p, "x")) // windows [0, 3] and [1, 0]: the padding counts in the mean
	assert.Empty(t, p.Notes)
}

// TestConvErrors: every mistake is an error at its place, saying what
// would fit.
func TestConvErrors(t *testing.T) {
	img := map[string][]int{"x": {3, 3}, "w": {2, 2}}
	for _, tc := range []struct {
		src    string
		shapes map[string][]int
		want   string
	}{
		{"y = conv2d(x, w, rate: 3)", img,
			"1:5: conv2d: along the height the kernel spans r(k - 1) + 1 = 3(2 - 1) + 1 = 4 entries, more than the padded input's 3: there is no output; a kernel of at most 1, or a rate of at most 2, or a pad of at least 1 would fit"},
		{"y = conv2d(x, w)", map[string][]int{"x": {3, 3}, "w": {4, 2}},
			"1:5: conv2d: along the height the kernel spans 4 entries, more than the padded input's 3: there is no output; a kernel of at most 3, or a pad of at least 1 would fit"},
		{"y = conv2d(x, w, pad: 1)", map[string][]int{"x": {1, 1}, "w": {4, 1}},
			"1:5: conv2d: along the height the kernel spans 4 entries, more than the padded input's n + 2p = 1 + 2*1 = 3: there is no output; a kernel of at most 3, or a pad of at least 2 would fit"},
		{"y = conv2d(x, w)", map[string][]int{"x": {3, 5, 5}, "w": {4, 2, 3, 3}},
			"1:5: conv2d: the input has 3 channels (shape [3, 5, 5]) and the kernel takes 2 (shape [4, 2, 3, 3], [Cout, Cin, kh, kw]): Cin must be the input's channels"},
		{"y = conv2d(x, w)", map[string][]int{"x": {3, 5, 5}, "w": {3, 3}},
			"1:5: conv2d of an input with channels takes a kernel [Cout, Cin, kh, kw] (PyTorch's layout); the kernel has shape [3, 3]"},
		{"y = conv2d(x, w)", map[string][]int{"x": {5}, "w": {3}},
			"1:5: conv2d takes an input [H, W], [C, H, W] or [N, C, H, W]; it has shape [5]"},
		{"y = conv1d(x, w)", map[string][]int{"x": {5}, "w": {1, 3}},
			"1:5: conv1d of an input [L] without channels takes a kernel [k]; the kernel has shape [1, 3]"},
		{"y = conv2d(x, w, b)", map[string][]int{"x": {2, 5, 5}, "w": {4, 2, 3, 3}, "b": {2}},
			"1:5: conv2d: the bias has shape [2]; it takes one number per output channel, [4]"},
		{"y = conv2d(x, w, stride: [1, 2, 3])", img,
			"1:5: conv2d: stride: [1, 2, 3] has 3 entries; the window has 2 axes (height, width): give one number or 2"},
		{"y = conv2d(x, w, stride: 2, pad: same)", img,
			"1:5: conv2d: pad: same needs stride 1, as in PyTorch; with stride 2 write the pad as a number"},
		{"y = conv3d(x, w)", map[string][]int{"x": {2, 3, 3, 3}, "w": {2, 2, 2}},
			"1:5: conv3d takes a volume [D, H, W] without channels (a kernel with channels would have five dimensions); the input has shape [2, 3, 3, 3]"},
		{"y = maxpool(x, 4)", img,
			"1:5: maxpool: along the height the window spans 4 entries, more than the padded input's 3: there is no output; a window of at most 3 fits"},
		{"y = maxpool(x, 2, pad: 2)", img,
			"1:5: maxpool: pad 2 along the height is more than half the window 2: a window would hold padding alone (PyTorch refuses it too)"},
		{"y = avgpool(x, [2, 2, 2])", img,
			"1:5: avgpool: a window [2, 2, 2] of 3 axes over a tensor of shape [3, 3]"},
		{"y = maxpool(x, 2)", map[string][]int{"x": nil},
			"1:5: maxpool of a number: it pools a vector, a matrix or a tensor of images"},
		{"y = conv2d(x, w, pad: 1000000000)", img,
			"1:5: conv2d: along the height the output would have 2000000002 entries, more than 1048576"},
		{"y = conv2d(x, w, pad: [1, 300000])", img,
			"1:5: conv2d(x, w, pad: [1, 300000]) would have 2400008 entries, more than 1048576"},
		{"y = maxpool(x, 2, pad: same)", img,
			"1:5: maxpool: pad: same is for a convolution; a pooling's pad is a number"},
		// The parser's: at the keyword or its value.
		{"y = conv2d(x, w, stride: 0)", img, "1:26: a stride is a whole number, at least 1, or a list of them, one per axis ([2, 1])"},
		{"y = conv2d(x, w, stride: [2, 0])", img, "1:30: a stride is a whole number, at least 1"},
		{"y = conv2d(x, w, pad: -1)", img, "1:23: a pad is a whole number, at least 0, or a list of them, one per axis ([2, 1])"},
		{"y = conv2d(x, w, rate: 1/2)", img, "1:24: a rate (dilation) is a whole number, at least 1, or a list of them, one per axis ([2, 1])"},
		{"y = conv2d(x, w, pad: some)", img, "1:23: a pad is a whole number, at least 0, or a list of them, one per axis ([2, 1])"},
		{"y = conv2d(x, w, flip: yes)", img, "1:24: flip is true (the kernel flipped: convolution) or false (cross-correlation, the default)"},
		{"y = conv2d(x, w, stride = 2)", img, "1:25: a keyword takes a colon: stride: ..."},
		{"y = conv2d(x, w, step: 2)", img, "1:18: conv2d takes the keywords stride, pad, rate, flip, not step"},
		{"y = maxpool(x, 2, rate: 2)", img, "1:19: maxpool takes the keywords stride, pad, not rate"},
		{"y = conv2d(x, w, pad: 1, pad: 2)", img, "1:26: pad is given twice"},
		{"y = conv2d(x, stride: 2, w)", img, "1:26: conv2d's tensors come before its keywords"},
		{"y = conv2d(x, stride: 2)", img, "1:5: conv2d takes 2 to 3 arguments before its keywords, got 1"},
		{"y = maxpool(x)", img, "1:5: maxpool takes 2 arguments before its keywords, got 1"},
		{"y = maxpool(x, 0)", img, "1:16: a window is a whole number, at least 1, or a list of them, one per axis ([2, 1])"},
		{"conv2d = x", img, "1:1: conv2d cannot be assigned: it is a constant or an operation"},
	} {
		t.Run(tc.src, func(t *testing.T) {
			prog, err := parser.ParseNetwork("", tc.src)
			if err == nil {
				_, err = network.Build(prog, tc.shapes, "")
			}
			require.Error(t, err)
			d := diag.From(err)
			assert.Equal(t, tc.want, d.Pos.String()+": "+d.Msg)
		})
	}
}

// TestConvFormat: a convolution's keywords are written back as read.
func TestConvFormat(t *testing.T) {
	for _, src := range []string{
		"conv2d(x, w, stride: [2, 1], pad: same, rate: 2, flip: true)",
		"conv1d(x, w, b, pad: 1)",
		"maxpool(x, [1, 2], stride: 1, pad: [0, 1])",
		"avgpool(x, 2)",
		"conv2d(x, w, pad: full) + 1",
	} {
		x, err := parser.ParseTensorTerm(src)
		require.NoError(t, err)
		assert.Equal(t, src, network.Format(x))
	}
}
