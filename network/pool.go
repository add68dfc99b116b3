package network

import (
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
)

// Pooling: maxpool(x, k) keeps the largest entry of every k x k window,
// avgpool(x, k) their mean. The window is one number, for every axis of
// a vector or the last two axes of a matrix or larger tensor, or a list
// with one length per pooled axis, the last ones ([1, 2] pools along
// rows only). The stride is the window unless given, so maxpool(x, 2) is
// 2 x 2 with stride 2; the rows and columns left over are dropped, the
// output length floor((n + 2p - k)/s) + 1, as PyTorch computes it. Every
// axis before the pooled ones is a channel or a batch, pooled apart.
// Padding is at most half the window; maxpool pads with -infinity (a
// padded entry is never the largest), avgpool with zeros that count in
// the mean (PyTorch's count_include_pad). A tie for the largest entry
// of a window sends the whole gradient to the first of them in row-major
// order, as PyTorch's CPU kernel does, and the pass notes it.

// poolTieNote is the note a pass gives when a window of maxpool ties.
const poolTieNote = "maxpool has no derivative where a window's largest entries tie; the backward pass gives the gradient to the first of them in row-major order, as PyTorch's max_pool2d does"

// poolShape checks a pooling's input and window and gives its geometry.
func poolShape(name string, x []int, win *Window) (*geometry, error) {
	if win == nil || len(win.Size) == 0 {
		return nil, diag.Internalf("network: %s without a window", name)
	}
	d := len(win.Size)
	if d == 1 {
		d = min(len(x), 2)
	}
	switch {
	case len(x) == 0:
		return nil, diag.Errorf("%s of a number: it pools a vector, a matrix or a tensor of images", name)
	case d > len(x) || d > maxAxes:
		return nil, diag.Errorf("%s: a window %s of %d axes over a tensor of shape %s", name, shapeText(win.Size), d, shapeText(x))
	case win.Rate != nil:
		return nil, diag.Errorf("%s takes no rate", name)
	case win.PadMode != "" && win.PadMode != "valid":
		return nil, diag.Errorf("%s: pad: %s is for a convolution; a pooling's pad is a number", name, win.PadMode)
	case win.Flip:
		return nil, diag.Errorf("%s takes no flip", name)
	}
	size := win.Size
	if len(size) == 1 {
		size = make([]int, d)
		for i := range size {
			size[i] = win.Size[0]
		}
	}
	for _, k := range size {
		if k < 1 {
			return nil, diag.Errorf("%s: a window is whole numbers from 1", name)
		}
	}
	g := &geometry{axes: d, batch: 1, inCh: 1, outCh: 1}
	for _, n := range x[:len(x)-d] {
		g.batch *= n
	}
	if err := g.fit(name, x[len(x)-d:], size, win, true); err != nil {
		return nil, err
	}
	return g, nil
}

// poolOutShape is a pooling's result shape: its input's, the pooled axes
// shortened.
func (g *geometry) poolOutShape(x []int) []int {
	out := append([]int(nil), x...)
	copy(out[len(x)-g.axes:], g.out[maxAxes-g.axes:])
	return out
}

// windows calls visit with each output position (row-major) and the
// input positions under its window, padding left out.
func (g *geometry) windows(visit func(yi int, xis []int)) {
	X := g.in[0] * g.in[1] * g.in[2]
	buf := make([]int, 0, g.k[0]*g.k[1]*g.k[2])
	yi := 0
	for c := range g.batch {
		for oz := range g.out[0] {
			for oy := range g.out[1] {
				for ox := range g.out[2] {
					buf = buf[:0]
					g.window(oz, oy, ox, func(xo, _ int) { buf = append(buf, c*X+xo) })
					visit(yi, buf)
					yi++
				}
			}
		}
	}
}

// poolForward is maxpool(x) or avgpool(x).
func poolForward[T any](f field[T], n *Node, x array[T]) (array[T], error) {
	g := n.geometryOf()
	out := filled(n.Shape, f.zero())
	var err error
	g.windows(func(yi int, xis []int) {
		if err != nil {
			return
		}
		if n.op.name == "maxpool" {
			var best int
			best, _, err = argmax(f, x, xis)
			out.data[yi] = x.data[best]
			return
		}
		s := f.zero()
		for _, xi := range xis {
			s = f.add(s, x.data[xi])
		}
		out.data[yi] = f.div(s, count(f, g.k[0]*g.k[1]*g.k[2]))
	})
	return out, err
}

// argmax is the position among xis of x's largest entry, the first of
// those tied, and how many tie.
func argmax[T any](f field[T], x array[T], xis []int) (best, ties int, err error) {
	best, ties = xis[0], 1
	for _, xi := range xis[1:] {
		c, ok := compare(f, x.data[xi], x.data[best])
		switch {
		case !ok:
			return best, ties, diag.Errorf("%s and %s cannot be compared", expr.Short(f.toExpr(x.data[xi])), expr.Short(f.toExpr(x.data[best])))
		case c > 0:
			best, ties = xi, 1
		case c == 0:
			ties++
		}
	}
	return best, ties, nil
}

// poolVJP is the adjoint of x: each output's adjoint routed to its
// window's largest entry (maxpool), or spread over its window, divided
// by the window's size (avgpool). Windows that overlap add up.
func poolVJP[T any](f field[T], n *Node, x, gy array[T]) array[T] {
	g := n.geometryOf()
	gx := filled(x.shape, f.zero())
	k := count(f, g.k[0]*g.k[1]*g.k[2])
	g.windows(func(yi int, xis []int) {
		if n.op.name == "maxpool" {
			best, _, _ := argmax(f, x, xis) // the forward pass compared them
			gx.data[best] = f.add(gx.data[best], gy.data[yi])
			return
		}
		share := f.div(gy.data[yi], k)
		for _, xi := range xis {
			gx.data[xi] = f.add(gx.data[xi], share)
		}
	})
	return gx
}

// poolNote is the note for a maxpool whose window ties, or "".
func poolNote[T any](f field[T], n *Node, x array[T]) string {
	if n.op.name != "maxpool" {
		return ""
	}
	tied := false
	n.geometryOf().windows(func(_ int, xis []int) {
		if _, ties, err := argmax(f, x, xis); err == nil && ties > 1 {
			tied = true
		}
	})
	if tied {
		return poolTieNote
	}
	return ""
}
