package network

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// convNode builds y = name(x, w) with the window, at the shapes.
func convNode(t *testing.T, name string, xs, ws []int, win *Window) (*Node, error) {
	t.Helper()
	p := &Program{Assignments: []*Assignment{{Name: "y", Expr: &Apply{Op: name, Args: []Expr{&Ref{Name: "x"}, &Ref{Name: "w"}}, Window: win}}}}
	g, err := Build(p, map[string][]int{"x": xs, "w": ws}, "")
	if err != nil {
		return nil, err
	}
	return g.Loss, nil
}

func randomArray(r *rand.Rand, shape []int) array[float64] {
	a := filled(shape, 0.0)
	for i := range a.data {
		a.data[i] = float64(r.IntN(9) - 4)
	}
	return a
}

// TestTextbookRows: where the backward rows are written as correlations
// (dL/dw = conv2d(x, dL/dy, ...), dL/dx = conv2d(dL/dy, w, pad: full,
// flip: true)), those correlations, computed by the operation itself,
// are the VJP.
func TestTextbookRows(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 7))
	kernels, inputs := 0, 0
	for range 400 {
		d := 1 + r.IntN(2)
		name := []string{"", "conv1d", "conv2d"}[d]
		var xs, ws, s, rate, pad []int
		for range d {
			xs, ws = append(xs, 1+r.IntN(7)), append(ws, 1+r.IntN(3))
			s, rate, pad = append(s, 1+r.IntN(3)), append(rate, 1+r.IntN(2)), append(pad, r.IntN(3))
		}
		if r.IntN(2) == 0 {
			s = []int{1}
		}
		win := &Window{Stride: s, Rate: rate, Pad: pad, Flip: r.IntN(3) == 0}
		if r.IntN(4) == 0 {
			win.Pad, win.PadMode = nil, "full"
		}
		n, err := convNode(t, name, xs, ws, win)
		if err != nil {
			continue // no output
		}
		f := float{}
		x, w := randomArray(r, xs), randomArray(r, ws)
		gy := randomArray(r, n.Shape)
		grads := vjp(f, n, []array[float64]{x, w}, array[float64]{}, gy)
		g := n.geometryOf()
		if kw, ok := kernelWindow(g); ok && !g.flip {
			m, err := convNode(t, name, xs, n.Shape, kw)
			require.NoError(t, err, "%v %v %+v", xs, ws, win)
			got, err := convForward(f, m, []array[float64]{x, gy})
			require.NoError(t, err)
			require.Equal(t, grads[1].data, got.data, "dL/dw: %v %v %+v -> %+v", xs, ws, win, kw)
			kernels++
		}
		if iw, ok := inputWindow(g); ok {
			m, err := convNode(t, name, n.Shape, ws, iw)
			require.NoError(t, err, "%v %v %+v", xs, ws, win)
			got, err := convForward(f, m, []array[float64]{gy, w})
			require.NoError(t, err)
			require.Equal(t, grads[0].data, got.data, "dL/dx: %v %v %+v -> %+v", xs, ws, win, iw)
			inputs++
		}
	}
	require.Greater(t, kernels, 50)
	require.Greater(t, inputs, 50)
}
