package network

import (
	"strings"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
)

// The local Jacobians of convolution and pooling. A convolution is linear
// in its input and in its kernel, so each Jacobian is a band matrix of
// the other's entries (a Toeplitz matrix for a 1-D input), never formed:
// the backward pass is itself a correlation, as textbooks write it for a
// plain image at stride 1,
//
//	dL/dw = conv2d(x, dL/dy)                          (pad, rate as y's)
//	dL/dx = conv2d(dL/dy, w, pad: full, flip: true)   the full correlation with flip(w)
//
// and as the VJP of the operation otherwise (strides, channels, a
// flipped kernel), whose values are the same. A pooling's Jacobian
// routes each output's gradient to its window's maximum, or spreads it
// over the window.

const (
	// Convolution: by the input or the kernel of a convolution; the
	// backward pass is a correlation with the other.
	Convolution Structure = "convolution"
	// Pooling: each entry of the result reads one window of the input.
	Pooling Structure = "pooling"
)

// convEdge is the local Jacobian of the convolution n by its k-th
// argument, args the terms of its arguments.
func (fs *formulas) convEdge(n *Node, k int, args []Term) edge {
	os, as := n.Shape, args[k].Shape()
	if k == 2 { // the bias: every output of a channel gets it
		if isScalar(as) {
			return edge{structure: Broadcast, factor: number(expr.One)}
		}
		return fs.numericEdge(n, os, as)
	}
	e := fs.numericEdge(n, os, as)
	e.structure, e.conv, e.other, e.index = Convolution, n, args[1-k], k
	e.op, e.argShape = n.op.name, as
	return e
}

// convVJPTerm is the backward row of a convolution by its k-th argument
// with upstream gradient up, other standing for the other argument: a
// correlation, or the operation's VJP by name where no correlation of
// the syntax writes it.
func (fs *formulas) convVJPTerm(e edge, up Term) Term {
	n := e.conv
	g := n.geometryOf()
	k := e.index
	plain := len(n.Args[0].Shape) == g.axes
	if plain && k == 1 && !g.flip {
		if w, ok := kernelWindow(g); ok {
			return &convCall{name: n.op.name, a: e.other, b: up, window: w, shape: e.argShape}
		}
	}
	if plain && k == 0 {
		if w, ok := inputWindow(g); ok {
			return &convCall{name: n.op.name, a: up, b: e.other, window: w, shape: e.argShape}
		}
	}
	role := map[int]string{0: "input", 1: "kernel"}[k]
	return &applied{name: "vjp_" + n.op.name + "_" + role, tex: `\mathrm{vjp}_{` + latex.OperatorName(n.op.name) + `,\,\text{` + role + `}}`, a: up, shape: e.argShape}
}

// kernelWindow is the window of dL/dw = conv(x, dL/dy, ...): the
// kernel's rate is the correlation's stride and the stride its rate, the
// padding the same; false when the correlation would give more entries
// than the kernel has (a stride that skips entries the floor drops) or
// the padding differs between the sides.
func kernelWindow(g *geometry) (*Window, bool) {
	var stride, rate, pad []int
	for a := maxAxes - g.axes; a < maxAxes; a++ {
		if g.lo[a] != g.hi[a] {
			return nil, false
		}
		if (g.in[a]+2*g.lo[a]-g.s[a]*(g.out[a]-1)-1)/g.r[a]+1 != g.k[a] {
			return nil, false
		}
		stride, rate, pad = append(stride, g.r[a]), append(rate, g.s[a]), append(pad, g.lo[a])
	}
	return &Window{Stride: compact(stride, 1), Pad: compact(pad, 0), Rate: compact(rate, 1)}, true
}

// inputWindow is the window of dL/dx = conv(dL/dy, w, pad: r(k - 1) - p,
// rate: r, flip: true): at stride 1 only, and a pad at most the kernel's
// span.
func inputWindow(g *geometry) (*Window, bool) {
	var pad, rate []int
	full := true
	for a := maxAxes - g.axes; a < maxAxes; a++ {
		p := g.r[a]*(g.k[a]-1) - g.lo[a]
		if g.s[a] != 1 || g.lo[a] != g.hi[a] || p < 0 {
			return nil, false
		}
		full = full && g.lo[a] == 0
		pad, rate = append(pad, p), append(rate, g.r[a])
	}
	w := &Window{Pad: compact(pad, 0), Rate: compact(rate, 1), Flip: !g.flip}
	if full && w.Pad != nil {
		w.Pad, w.PadMode = nil, "full"
	}
	return w, true
}

// compact is a list of keyword values as one writes it: nil when every
// entry is the default, one number when they are all the same.
func compact(v []int, def int) []int {
	same := true
	for _, x := range v {
		same = same && x == v[0]
	}
	switch {
	case same && v[0] == def:
		return nil
	case same:
		return v[:1]
	}
	return v
}

// convCall is a correlation of two tensors written as the syntax calls
// it, conv2d(a, b, pad: full, flip: true); in LaTeX the flip is written
// on b, \operatorname{flip}(w).
type convCall struct {
	name   string
	a, b   Term
	window *Window
	shape  []int
}

func (t *convCall) Shape() []int { return t.shape }

// writeConv writes a convCall.
func (fs *formulas) writeConv(t *convCall, tex bool) string {
	a, b := fs.write(t.a, tex), fs.write(t.b, tex)
	var keys strings.Builder
	if !tex {
		formatWindow(&keys, t.window)
		return t.name + "(" + a + ", " + b + keys.String() + ")"
	}
	w := *t.window
	if w.Flip {
		b = `\operatorname{flip}\mathopen{}\left(` + b + `\right)`
		w.Flip = false
	}
	formatWindow(&keys, &w)
	text := ""
	if keys.Len() > 0 {
		text = `;\ \text{` + strings.TrimPrefix(keys.String(), ", ") + `}`
	}
	return latex.OperatorName(t.name) + `\mathopen{}\left(` + a + ", " + b + text + `\right)`
}
