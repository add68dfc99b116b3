package convarith

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/indexmap"
)

// windows counts a layer's windows along an axis by sliding one, and
// the input rows no tap reads: the reference for Size.
func windows(a Axis) (out, wasted int64) {
	room := a.In + 2*a.Pad
	read := make([]bool, room)
	for start := int64(0); start+a.Rate*(a.Kernel-1) < room; start += a.Stride {
		out++
		for t := int64(0); t < a.Kernel; t++ {
			read[start+t*a.Rate] = true
		}
	}
	for r := a.Pad; r < a.Pad+a.In; r++ {
		if !read[r] {
			wasted++
		}
	}
	return out, wasted
}

func TestSizeAgainstSliding(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		a := Axis{In: 1 + rng.Int64N(40), Kernel: 1 + rng.Int64N(9), Stride: 1 + rng.Int64N(6), Pad: rng.Int64N(6), Rate: 1 + rng.Int64N(4)}
		wantOut, wantWasted := windows(a)
		s, err := a.Size(Line, 0)
		if wantOut == 0 {
			require.Error(t, err, "%+v", a)
			assert.Equal(t, "kernel", ParamOf(err).Name)
			continue
		}
		require.NoError(t, err, "%+v", a)
		assert.Equal(t, wantOut, s.Out, "%+v", a)
		assert.Equal(t, wantWasted, s.Wasted, "%+v", a)
		assert.Equal(t, (a.In+2*a.Pad-a.Span())%a.Stride, s.Unused)
	}
}

func TestSizeErrors(t *testing.T) {
	tests := []struct {
		a     Axis
		param string
		msg   string
	}{
		{Axis{In: 13, Kernel: 15, Stride: 1, Rate: 1}, "kernel", "the kernel spans 15 rows but the padded input has only n + 2p = 13: a kernel of at most 13 fits, or a padding of at least 1"},
		{Axis{In: 5, Kernel: 3, Stride: 1, Rate: 3}, "kernel", "the kernel dilated at rate 3 spans r(k - 1) + 1 = 7 rows but the padded input has only n + 2p = 5: a kernel of at most 2 fits, or a padding of at least 1"},
		{Axis{In: 13, Kernel: 5, Stride: 0, Rate: 1}, "stride", "a stride is a whole number from 1 to 1048576, not 0: the kernel moves at least one row at a time"},
		{Axis{In: 13, Kernel: 5, Stride: -2, Rate: 1}, "stride", "a stride is a whole number from 1 to 1048576, not -2: the kernel moves at least one row at a time"},
		{Axis{In: 13, Kernel: 5, Stride: 1, Pad: -1, Rate: 1}, "pad", "a padding is a whole number from 0 to 1048576, not -1"},
		{Axis{In: 13, Kernel: 0, Stride: 1, Rate: 1}, "kernel", "a kernel size is a whole number from 1 to 1048576, not 0"},
		{Axis{In: 13, Kernel: 3, Stride: 1, Rate: 0}, "rate", "a dilation rate is a whole number from 1 (no dilation) to 1048576, not 0"},
	}
	for _, tc := range tests {
		_, err := tc.a.Size(Line, 1)
		require.Error(t, err)
		assert.Equal(t, tc.msg, err.Error())
		assert.Equal(t, &Param{tc.param, 1}, ParamOf(err))
	}
}

func TestFormula(t *testing.T) {
	s, err := Axis{In: 13, Kernel: 5, Stride: 2, Pad: 2, Rate: 1}.Size(Height, 0)
	require.NoError(t, err)
	f := s.Steps[0].F
	assert.Equal(t, "floor((H + 2*p - r*(k_h - 1) - 1)/s) + 1", f.Symbolic(Plain))
	assert.Equal(t, "floor((13 + 2*2 - 1*(5 - 1) - 1)/2) + 1", f.Substituted(Plain))
	assert.Equal(t, `\left\lfloor \frac{13 + 2 \cdot 2 - 1 \cdot \left(5 - 1\right) - 1}{2} \right\rfloor + 1`, f.Substituted(TeX))
	assert.Equal(t, int64(7), f.Int())
}

// TestDesignChecked: every design gives the wanted size by the formula
// and by sliding, keeps within the bounds, and none is missed (against
// a search of every kernel, stride, padding and rate).
func TestDesignChecked(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 60 {
		n := 1 + rng.Int64N(30)
		want := 1 + rng.Int64N(n+3)
		maxR := 1 + rng.Int64N(3)
		exact := rng.IntN(2) == 0
		r := DesignRequest{In: [3]int64{n, n, 3}, Out: [3]int64{want, want, 4}, MaxRate: maxR, Exact: exact}
		d, err := NewDesign(r)
		seen := map[Axis]bool{}
		if err == nil {
			assert.Equal(t, int64(4), d.Kernels)
			assert.Equal(t, int64(3), d.Depth)
			for _, c := range d.Candidates {
				a := Axis{In: n, Kernel: c.Kernel[0], Stride: c.Stride, Pad: c.Pad, Rate: c.Rate}
				out, err := a.Out()
				require.NoError(t, err)
				assert.Equal(t, want, out, "%+v", a)
				slid, _ := windows(a)
				assert.Equal(t, want, slid)
				assert.Less(t, a.Pad, a.Kernel)
				assert.Equal(t, c.Kernel[0], c.Kernel[1])
				assert.Equal(t, 4*(c.Kernel[0]*c.Kernel[1]*3+1), c.ParamsBiased.Int())
				if exact {
					assert.True(t, c.Exact)
				}
				seen[a] = true
			}
		}
		count := 0
		for k := int64(1); k <= n; k++ {
			for rate := int64(1); rate <= maxR; rate++ {
				if k == 1 && rate > 1 {
					continue
				}
				for p := int64(0); p < k; p++ {
					for s := int64(1); s <= n+2*p; s++ {
						a := Axis{In: n, Kernel: k, Stride: s, Pad: p, Rate: rate}
						out, err := a.Out()
						if err != nil || out != want || exact && (n+2*p-a.Span())%s != 0 {
							continue
						}
						if want == 1 && s != n+2*p-a.Span()+1 {
							continue // output 1: the smallest stride that leaves one window
						}
						count++
						assert.True(t, seen[a], "missed %+v for %d to %d", a, n, want)
					}
				}
			}
		}
		if count == 0 {
			assert.Error(t, err)
		} else {
			require.NoError(t, err)
			assert.Equal(t, count, d.Total)
		}
	}
}

func TestDesignSeed(t *testing.T) {
	d, err := NewDesign(DesignRequest{In: [3]int64{100, 100, 3}, Out: [3]int64{40, 40, 6}})
	require.NoError(t, err)
	c := d.Candidates[0]
	assert.Equal(t, [2]int64{22, 22}, c.Kernel)
	assert.Equal(t, int64(2), c.Stride)
	assert.Equal(t, int64(0), c.Pad)
	assert.Equal(t, int64(8718), c.ParamsBiased.Int())
	assert.Equal(t, int64(8712), c.Params.Int())

	_, err = NewDesign(DesignRequest{In: [3]int64{10, 10, 1}, Out: [3]int64{40, 40, 1}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "it takes a kernel of at least 31")
}

func TestCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 300 {
		r := CountRequest{
			Input:   [4]int64{1 + rng.Int64N(5), 1 + rng.Int64N(4), 5 + rng.Int64N(20), 5 + rng.Int64N(20)},
			Kernel:  [2]int64{1 + rng.Int64N(5), 1 + rng.Int64N(5)},
			Stride:  [2]int64{1 + rng.Int64N(3), 1 + rng.Int64N(3)},
			Rate:    [2]int64{1, 1},
			Want:    []int64{1 + rng.Int64N(25), 1 + rng.Int64N(25)},
			Filters: 1 + rng.Int64N(3),
		}
		r.Precision.Name, r.Precision.Bytes = "FP64", 8
		c, err := NewCount(r)
		require.NoError(t, err)
		for i, p := range c.Padding {
			var pads []int64
			for pad := int64(0); pad < 100; pad++ {
				out, _ := windows(Axis{In: r.Input[2+i], Kernel: r.Kernel[i], Stride: r.Stride[i], Pad: pad, Rate: 1})
				if out == r.Want[i] {
					pads = append(pads, pad)
				}
			}
			assert.Equal(t, pads, p.Pads, "%+v axis %d", r, i)
			if len(pads) == 0 {
				require.NotNil(t, p.Nearest)
				assert.NotEqual(t, r.Want[i], p.Nearest.Out)
			}
		}
		// Applications and operations by loops.
		var stamps, mults, adds int64
		oh, _ := windows(Axis{In: r.Input[2], Kernel: r.Kernel[0], Stride: r.Stride[0], Rate: 1})
		ow, _ := windows(Axis{In: r.Input[3], Kernel: r.Kernel[1], Stride: r.Stride[1], Rate: 1})
		for range r.Input[0] * r.Filters * oh * ow {
			stamps++
		}
		for range r.Input[1] * r.Kernel[0] * r.Kernel[1] {
			mults++
			adds++ // one to add each product to the running sum, the first to the bias
		}
		assert.Equal(t, stamps, c.Stamps.Int())
		assert.Equal(t, mults, c.Mults.Int())
		assert.Equal(t, adds, c.AddsBiased.Int())
		assert.Equal(t, adds-1, c.Adds.Int())
		assert.Equal(t, 8*mults, c.Memory[c.Chosen].Filter.Int())
		assert.Equal(t, 8*(mults+1)*r.Filters, c.Memory[c.Chosen].LayerBiased.Int())
	}
}

func TestCountSeed(t *testing.T) {
	c, err := Settings{"input": "4x2x13x13", "kernel": "5x5", "stride": "2", "out": "7x7", "precision": "fp64"}.Count()
	require.NoError(t, err)
	n, err := NewCount(c)
	require.NoError(t, err)
	assert.Equal(t, []int64{2}, n.Padding[0].Pads)
	assert.Equal(t, int64(400), n.Memory[n.Chosen].Filter.Int())
	assert.Equal(t, int64(408), n.Memory[n.Chosen].FilterBiased.Int())
	assert.Equal(t, int64(100), n.OpsBiased.Int())
	assert.Equal(t, int64(100), n.Stamps.Int())
}

// correlate is a strided cross-correlation without padding.
func correlate(x, k [][]int64, s [2]int64) [][]int64 {
	oh := (int64(len(x))-int64(len(k)))/s[0] + 1
	ow := (int64(len(x[0]))-int64(len(k[0])))/s[1] + 1
	out := grid[int64](oh, ow)
	for i := range oh {
		for j := range ow {
			for a := range k {
				for b := range k[a] {
					out[i][j] += k[a][b] * x[s[0]*i+int64(a)][s[1]*j+int64(b)]
				}
			}
		}
	}
	return out
}

// TestComposedKernel: the layers applied one after the other equal one
// correlation with the composed kernel, its symbols given the kernels'
// random values, on a random image.
func TestComposedKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 40 {
		n := 2 + rng.IntN(2)
		r := StackRequest{Out: [2]int64{1 + rng.Int64N(3), 1 + rng.Int64N(3)}}
		for range n {
			r.Kernels = append(r.Kernels, [2]int64{1 + rng.Int64N(4), 1 + rng.Int64N(4)})
			r.Strides = append(r.Strides, [2]int64{1 + rng.Int64N(2), 1 + rng.Int64N(2)})
		}
		s, err := NewStack(context.Background(), r)
		require.NoError(t, err)
		require.NotNil(t, s.Composed)
		values := map[expr.Expr]expr.Expr{}
		var kernels [][][]int64
		for _, ker := range s.Kernels {
			k := grid[int64](int64(len(ker)), int64(len(ker[0])))
			for i, row := range ker {
				for j, w := range row {
					k[i][j] = rng.Int64N(11) - 5
					values[w] = expr.Int(k[i][j])
				}
			}
			kernels = append(kernels, k)
		}
		x := grid[int64](s.In[0], s.In[1])
		for i := range x {
			for j := range x[i] {
				x[i][j] = rng.Int64N(11) - 5
			}
		}
		layered := x
		for l, k := range kernels {
			layered = correlate(layered, k, r.Strides[l])
		}
		assert.Equal(t, r.Out, [2]int64{int64(len(layered)), int64(len(layered[0]))})
		composed := grid[int64](int64(len(s.Composed)), int64(len(s.Composed[0])))
		for i, row := range s.Composed {
			for j, e := range row {
				v, ok := expr.Substitute(e, values).(*expr.Number)
				require.True(t, ok)
				composed[i][j], _ = v.Int64()
			}
		}
		assert.Equal(t, [2]int64{s.Field[0].Int(), s.Field[1].Int()}, [2]int64{int64(len(composed)), int64(len(composed[0]))})
		assert.Equal(t, layered, correlate(x, composed, s.Stride), "%+v", r)
	}
}

func TestStackSeed(t *testing.T) {
	s, err := NewStack(context.Background(), StackRequest{Kernels: [][2]int64{{3, 3}, {3, 3}}})
	require.NoError(t, err)
	assert.Equal(t, [2]int64{5, 5}, s.In)
	assert.Equal(t, int64(25), s.Free.Int())
	assert.Equal(t, 17, s.Dimension, "one kernel per layer: 9 + 9 - 1 (a scale)")
	assert.Equal(t, "v11*w22 + v12*w21 + v21*w12 + v22*w11", expr.Plain(s.Composed[1][1]))
	require.NotNil(t, s.Zero)
	assert.True(t, s.Zero.AllZero)
	require.Len(t, s.Zero.Grads, 2)
	assert.Equal(t, "v11*x[1, 1] + v12*x[1, 2] + v13*x[1, 3] + v21*x[2, 1] + v22*x[2, 2] + v23*x[2, 3] + v31*x[3, 1] + v32*x[3, 2] + v33*x[3, 3]", expr.Plain(s.Zero.Grads[0].D))
	assert.Equal(t, "0", expr.Plain(s.Zero.Grads[1].AtZero))

	s, err = NewStack(context.Background(), StackRequest{Kernels: [][2]int64{{3, 3}, {3, 3}}, Channels: 4})
	require.NoError(t, err)
	assert.Equal(t, 25, s.Dimension, "four kernels per layer fill the 5x5 kernels")
	assert.Equal(t, int64(72), s.LayerCount.Int())
}

// TestCountPerChannel: read per channel, a 5x5 filter over 2 channels
// has 25 weights (200 B in FP64), 49 operations without the bias, and is
// applied to each channel: 4 images x 2 channels x 5 x 5 positions.
func TestCountPerChannel(t *testing.T) {
	c, err := NewCount(CountRequest{Input: [4]int64{4, 2, 13, 13}, Kernel: [2]int64{5, 5}, Stride: [2]int64{2, 2},
		Rate: [2]int64{1, 1}, Precision: mustPrecision(t, "FP64"), Filters: 1, PerChannel: true})
	if err != nil {
		t.Fatal(err)
	}
	if c.Weights.Int() != 25 || c.Memory[c.Chosen].Filter.Int() != 200 || c.Ops.Int() != 49 || c.Stamps.Int() != 200 {
		t.Fatalf("per channel: weights %d, bytes %d, ops %d, stamps %d", c.Weights.Int(), c.Memory[c.Chosen].Filter.Int(), c.Ops.Int(), c.Stamps.Int())
	}
}

func mustPrecision(t *testing.T, name string) indexmap.Precision {
	p, err := indexmap.PrecisionNamed(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
