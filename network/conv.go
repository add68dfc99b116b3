package network

import (
	"fmt"
	"strings"

	"github.com/derivtex/derivtex/diag"
)

// Convolution, as deep-learning libraries compute it: conv2d(x, w) is the
// cross-correlation y[i, j] = sum_{a, b} x[s i + r a - p, s j + r b - p]
// w[a, b], with stride s, symmetric zero padding p and dilation (rate) r,
// so that an output axis has floor((n + 2p - r(k - 1) - 1)/s) + 1
// entries; the rows and columns the floor leaves over are not read.
// flip: true flips the kernel along every spatial axis first, which is
// convolution as mathematics defines it. The layouts are PyTorch's: an
// image [H, W] with a kernel [kh, kw] (the exam's case), or with channels
// [C, H, W] or a batch [N, C, H, W] with kernels [Cout, Cin, kh, kw];
// conv1d likewise with [L], [C, L], [N, C, L]. conv3d takes a volume
// [D, H, W] and a kernel [kd, kh, kw] (a tensor has at most four
// dimensions, so no channels). A bias, conv2d(x, w, b), is a number for
// a plain image and one per output channel ([Cout]) otherwise.
//
// Pooling (pool.go) runs over the same windows, one channel at a time.

// Window is what a convolution or a pooling takes besides its tensors, as
// written: conv2d(x, w, stride: 3, pad: 1), maxpool(x, [2, 1]). A list
// holds one number per spatial axis, or one for all of them; nil is the
// default.
type Window struct {
	Size    []int  // a pooling's window; nil for a convolution, whose kernel gives it
	Stride  []int  // nil: 1 for a convolution, the window for a pooling
	Pad     []int  // nil: 0
	PadMode string // "same", "valid" or "full" as written; "" when Pad holds numbers
	Rate    []int  // the dilation; nil: 1
	Flip    bool   // true convolution: the kernel flipped
}

// maxAxes is the most spatial axes a window has (conv3d's).
const maxAxes = 3

// geometry is a convolution or pooling worked out at its arguments'
// shapes: for each spatial axis its input, kernel and output lengths,
// stride, rate and padding, the axes counted from the last and the
// missing ones (a 2-D image has no depth) of length 1.
type geometry struct {
	axes                     int // spatial axes, 1 to 3
	batch, inCh, outCh       int // a pooling's channels are its batch
	in, k, out, s, r, lo, hi [maxAxes]int
	flip, bias               bool
	// taps holds, per axis, the input position o s + t r - lo of output
	// position o and tap t (at o*k + t), or -1 in the padding.
	taps [maxAxes][]int
}

// spatialAxes are the axes of a convolution by name.
var spatialAxes = map[string]int{"conv1d": 1, "conv2d": 2, "conv3d": 3}

// axisNames name the spatial axes of a window of 1, 2 or 3 axes.
var axisNames = [][]string{nil, {"length"}, {"height", "width"}, {"depth", "height", "width"}}

// convShape checks a convolution's arguments and gives its geometry:
// x [..spatial], [C, ..spatial] or [N, C, ..spatial] and w [..kernel] or
// [Cout, Cin, ..kernel], and a bias.
func convShape(name string, args [][]int, win *Window) (*geometry, error) {
	if win == nil {
		win = &Window{}
	}
	d := spatialAxes[name]
	x, w := args[0], args[1]
	layouts := []string{"[L]", "[H, W]", "[D, H, W]"}[d-1]
	kernels := []string{"[k]", "[kh, kw]", "[kd, kh, kw]"}[d-1]
	spatial := strings.Trim(layouts, "[]")
	kspatial := strings.Trim(kernels, "[]")
	g := &geometry{axes: d, batch: 1, inCh: 1, outCh: 1, flip: win.Flip, bias: len(args) == 3}
	switch len(x) - d {
	case 0:
		if len(w) != d {
			return nil, diag.Errorf("%s of an input %s without channels takes a kernel %s; %s has shape %s", name, layouts, kernels, "the kernel", shapeText(w))
		}
	case 1, 2:
		if d+2 > 4 {
			return nil, diag.Errorf("%s takes a volume %s without channels (a kernel with channels would have five dimensions); the input has shape %s", name, layouts, shapeText(x))
		}
		if len(w) != d+2 {
			return nil, diag.Errorf("%s of an input with channels takes a kernel [Cout, Cin, %s] (PyTorch's layout); the kernel has shape %s", name, kspatial, shapeText(w))
		}
		if len(x)-d == 2 {
			g.batch = x[0]
		}
		g.inCh, g.outCh = x[len(x)-d-1], w[0]
		if w[1] != g.inCh {
			return nil, diag.Errorf("%s: the input has %d channels (shape %s) and the kernel takes %d (shape %s, [Cout, Cin, %s]): Cin must be the input's channels", name, g.inCh, shapeText(x), w[1], shapeText(w), kspatial)
		}
	default:
		return nil, diag.Errorf("%s takes an input %s, [C, %s] or [N, C, %s]; it has shape %s", name, layouts, spatial, spatial, shapeText(x))
	}
	if g.bias {
		b := args[2]
		want := []int{g.outCh}
		if len(x) == d && isScalar(b) {
			want = nil
		}
		if !sameShape(b, want) {
			return nil, diag.Errorf("%s: the bias has shape %s; it takes one number per output channel, %s", name, shapeText(b), shapeText([]int{g.outCh}))
		}
	}
	kernel := w[len(w)-d:]
	if err := g.fit(name, x[len(x)-d:], kernel, win, false); err != nil {
		return nil, err
	}
	return g, nil
}

// fit works out the spatial axes of a window over an input: its
// padding, stride, rate and output lengths, and says what would fit
// when nothing does.
func (g *geometry) fit(name string, in, kernel []int, win *Window, pooling bool) error {
	d := g.axes
	names := axisNames[d]
	list := func(what string, v []int, def []int) ([]int, error) {
		switch len(v) {
		case 0:
			return def, nil
		case 1:
			out := make([]int, d)
			for i := range out {
				out[i] = v[0]
			}
			return out, nil
		case d:
			return v, nil
		}
		return nil, diag.Errorf("%s: %s: %s has %d entries; the window has %d axes (%s): give one number or %d", name, what, shapeText(v), len(v), d, strings.Join(names, ", "), d)
	}
	ones := make([]int, d)
	zeros := make([]int, d)
	for i := range ones {
		ones[i] = 1
	}
	s, err := list("stride", win.Stride, ones)
	if pooling && win.Stride == nil {
		s = kernel
	}
	if err != nil {
		return err
	}
	r, err := list("rate", win.Rate, ones)
	if err != nil {
		return err
	}
	p, err := list("pad", win.Pad, zeros)
	if err != nil {
		return err
	}
	off := maxAxes - d
	for a := range maxAxes {
		g.in[a], g.k[a], g.out[a], g.s[a], g.r[a] = 1, 1, 1, 1, 1
	}
	for i := range d {
		a := off + i
		if s[i] < 1 || r[i] < 1 || p[i] < 0 {
			return diag.Errorf("%s: a stride and a rate are whole numbers from 1, a pad from 0", name)
		}
		g.in[a], g.k[a], g.s[a], g.r[a] = in[i], kernel[i], s[i], r[i]
		span := r[i]*(kernel[i]-1) + 1
		switch win.PadMode {
		case "same":
			if s[i] != 1 {
				return diag.Errorf("%s: pad: same needs stride 1, as in PyTorch; with stride %d write the pad as a number", name, s[i])
			}
			g.lo[a] = (span - 1) / 2
			g.hi[a] = span - 1 - g.lo[a] // the odd zero after, as PyTorch pads
		case "full":
			g.lo[a], g.hi[a] = span-1, span-1
		default:
			g.lo[a], g.hi[a] = p[i], p[i]
		}
		if pooling && 2*p[i] > kernel[i] {
			return diag.Errorf("%s: pad %d along the %s is more than half the window %d: a window would hold padding alone (PyTorch refuses it too)", name, p[i], names[i], kernel[i])
		}
		padded := in[i] + g.lo[a] + g.hi[a]
		if span > padded {
			return diag.Errorf("%s: along the %s the %s spans %s entries, more than the padded input's %s: there is no output; %s",
				name, names[i], map[bool]string{false: "kernel", true: "window"}[pooling], spanText(kernel[i], r[i], span), paddedText(in[i], g.lo[a], g.hi[a], win.PadMode), fits(in[i], kernel[i], r[i], g.lo[a]+g.hi[a], pooling))
		}
		g.out[a] = (padded-span)/s[i] + 1
		if g.out[a] > MaxEntries {
			return diag.Errorf("%s: along the %s the output would have %d entries, more than %d", name, names[i], g.out[a], MaxEntries)
		}
		g.taps[a] = make([]int, g.out[a]*kernel[i])
		for o := range g.out[a] {
			for t := range kernel[i] {
				at := o*s[i] + t*r[i] - g.lo[a]
				if at < 0 || at >= in[i] {
					at = -1
				}
				g.taps[a][o*kernel[i]+t] = at
			}
		}
	}
	for a := range off {
		g.taps[a] = []int{0}
	}
	return nil
}

// spanText is r(k - 1) + 1 with the numbers put in.
func spanText(k, r, span int) string {
	if r == 1 {
		return fmt.Sprint(span)
	}
	return fmt.Sprintf("r(k - 1) + 1 = %d(%d - 1) + 1 = %d", r, k, span)
}

// paddedText is n + 2p with the numbers put in.
func paddedText(n, lo, hi int, mode string) string {
	switch {
	case lo == 0 && hi == 0:
		return fmt.Sprint(n)
	case lo == hi:
		return fmt.Sprintf("n + 2p = %d + 2*%d = %d", n, lo, n+lo+hi)
	}
	return fmt.Sprintf("%d + %d + %d = %d (pad: %s)", n, lo, hi, n+lo+hi, mode)
}

// fits says what would fit an input of n entries: a smaller kernel, a
// smaller rate, or more padding.
func fits(n, k, r, pads int, pooling bool) string {
	room := n + pads
	var ways []string
	if pooling {
		return fmt.Sprintf("a window of at most %d fits", room)
	}
	ways = append(ways, fmt.Sprintf("a kernel of at most %d", (room-1)/r+1))
	if r > 1 && k > 1 {
		ways = append(ways, fmt.Sprintf("a rate of at most %d", max((room-1)/(k-1), 1)))
	}
	need := r*(k-1) + 1 - n
	ways = append(ways, fmt.Sprintf("a pad of at least %d", (need+1)/2))
	return strings.Join(ways, ", or ") + " would fit"
}

// outShape is the shape of the result for an input of the given rank.
func (g *geometry) outShape(rank int) []int {
	spatial := g.out[maxAxes-g.axes:]
	switch rank - g.axes {
	case 0:
		return append([]int(nil), spatial...)
	case 1:
		return append([]int{g.outCh}, spatial...)
	}
	return append([]int{g.batch, g.outCh}, spatial...)
}

// runs calls visit for every output y[yi] and input channel, in the
// order of y's entries and then of the channels: xb and wb are where the
// channel starts in x and its kernel in w, and ps holds the (input
// offset, tap) pairs of the output's window, from the stencil.
func (g *geometry) runs(visit func(yi, xb, wb int, ps []int32)) {
	start, pairs := g.stencil()
	K := g.k[0] * g.k[1] * g.k[2]
	X := g.in[0] * g.in[1] * g.in[2]
	yi := 0
	for n := range g.batch {
		for co := range g.outCh {
			for o := range g.outPerChannel() {
				for ci := range g.inCh {
					visit(yi, (n*g.inCh+ci)*X, (co*g.inCh+ci)*K, pairs[start[o]:start[o+1]])
				}
				yi++
			}
		}
	}
}

// stencil lists the window of every output position of one channel:
// pairs holds, from start[o] to start[o+1], the input offset and the tap
// of each entry it reads, padding left out. Every channel and batch
// reads through the same stencil.
func (g *geometry) stencil() (start []int, pairs []int32) {
	O := g.outPerChannel()
	start = make([]int, 0, O+1)
	pairs = make([]int32, 0, 2*O*g.k[0]*g.k[1]*g.k[2])
	for oz := range g.out[0] {
		for oy := range g.out[1] {
			for ox := range g.out[2] {
				start = append(start, len(pairs))
				g.window(oz, oy, ox, func(xo, t int) { pairs = append(pairs, int32(xo), int32(t)) })
			}
		}
	}
	return append(start, len(pairs)), pairs
}

// window calls visit with the offset of each input entry under the
// window at output position (oz, oy, ox), and the tap (its position in
// the kernel, flipped for a true convolution), padding skipped.
func (g *geometry) window(oz, oy, ox int, visit func(xo, t int)) {
	kz, ky, kx := g.k[0], g.k[1], g.k[2]
	for tz := range kz {
		iz := g.taps[0][oz*kz+tz]
		if iz < 0 {
			continue
		}
		for ty := range ky {
			iy := g.taps[1][oy*ky+ty]
			if iy < 0 {
				continue
			}
			for tx := range kx {
				ix := g.taps[2][ox*kx+tx]
				if ix < 0 {
					continue
				}
				t := (tz*ky+ty)*kx + tx
				if g.flip {
					t = ((kz-1-tz)*ky+ky-1-ty)*kx + kx - 1 - tx
				}
				visit((iz*g.in[1]+iy)*g.in[2]+ix, t)
			}
		}
	}
}

// outPerChannel is the number of output positions of one channel.
func (g *geometry) outPerChannel() int { return g.out[0] * g.out[1] * g.out[2] }

// geometryOf is n's geometry, which Build checked.
func (n *Node) geometryOf() *geometry {
	shapes := make([][]int, len(n.Args))
	for i, a := range n.Args {
		shapes[i] = a.Shape
	}
	var g *geometry
	var err error
	if n.op.kind == pool {
		g, err = poolShape(n.op.name, shapes[0], n.window)
	} else {
		g, err = convShape(n.op.name, shapes, n.window)
	}
	if err != nil {
		panic(diag.Internalf("network: %s's shapes, accepted once, are refused: %v", n.Text, err))
	}
	return g
}

// convForward is y = conv(x, w) (+ b).
func convForward[T any](f field[T], n *Node, args []array[T]) (array[T], error) {
	g := n.geometryOf()
	x, w := args[0], args[1]
	out := filled(n.Shape, f.zero())
	if xs, ok := any(x.data).([]float64); ok {
		// Without a call per product: a float pass over an image runs
		// millions of them.
		ws, ys := any(w.data).([]float64), any(out.data).([]float64)
		g.runs(func(yi, xb, wb int, ps []int32) {
			acc := 0.0
			for p := 0; p < len(ps); p += 2 {
				acc += xs[xb+int(ps[p])] * ws[wb+int(ps[p+1])]
			}
			ys[yi] += acc
		})
	} else {
		g.runs(func(yi, xb, wb int, ps []int32) {
			for p := 0; p < len(ps); p += 2 {
				out.data[yi] = f.add(out.data[yi], f.mul(x.data[xb+int(ps[p])], w.data[wb+int(ps[p+1])]))
			}
		})
	}
	if g.bias {
		per := g.outPerChannel()
		for i := range out.data {
			out.data[i] = f.add(out.data[i], entry(args[2], (i/per)%g.outCh))
		}
	}
	for _, v := range out.data {
		if err := f.check(v); err != nil {
			return out, err
		}
	}
	return out, nil
}

// convVJP is the adjoint of x, w (and b) for the adjoint gy of y: each
// product x[xi] w[wi] in y[yi] gives gy[yi] w[wi] to x[xi] and gy[yi]
// x[xi] to w[wi]. Written as whole tensors, the gradient by the kernel
// is the correlation of the input with the upstream gradient, and the
// gradient by the input the full correlation of the upstream gradient
// with the flipped kernel (see convEdge).
func convVJP[T any](f field[T], n *Node, args []array[T], gy array[T]) []array[T] {
	g := n.geometryOf()
	x, w := args[0], args[1]
	gx := filled(x.shape, f.zero())
	gw := filled(w.shape, f.zero())
	if xs, ok := any(x.data).([]float64); ok {
		ws, gys, gxs, gws := any(w.data).([]float64), any(gy.data).([]float64), any(gx.data).([]float64), any(gw.data).([]float64)
		g.runs(func(yi, xb, wb int, ps []int32) {
			up := gys[yi]
			for p := 0; p < len(ps); p += 2 {
				xi, wi := xb+int(ps[p]), wb+int(ps[p+1])
				gxs[xi] += up * ws[wi]
				gws[wi] += up * xs[xi]
			}
		})
	} else {
		g.runs(func(yi, xb, wb int, ps []int32) {
			for p := 0; p < len(ps); p += 2 {
				xi, wi := xb+int(ps[p]), wb+int(ps[p+1])
				gx.data[xi] = f.add(gx.data[xi], f.mul(gy.data[yi], w.data[wi]))
				gw.data[wi] = f.add(gw.data[wi], f.mul(gy.data[yi], x.data[xi]))
			}
		})
	}
	grads := []array[T]{gx, gw}
	if g.bias {
		gb := filled(args[2].shape, f.zero())
		per := g.outPerChannel()
		for i, v := range gy.data {
			c := (i / per) % g.outCh
			gb.data[c] = f.add(gb.data[c], v)
		}
		grads = append(grads, gb)
	}
	return grads
}

// windowCost is the work of a convolution or pooling, forward: a
// multiplication and an addition per tap of every output.
func (n *Node) windowCost() int {
	if n.op == nil || (n.op.kind != conv && n.op.kind != pool) {
		return 0
	}
	g := n.geometryOf()
	return 2 * size(n.Shape) * g.inCh * g.k[0] * g.k[1] * g.k[2]
}

// takes reports whether o takes n arguments: a convolution takes a bias
// after its input and kernel, if one is given.
func (o *op) takes(n int) bool {
	return n == o.arity || o.kind == conv && n == o.arity+1
}

// Setting is an argument of a convolution or a pooling after its
// tensors, as written: the window (Key "") or a keyword (stride: 2).
type Setting struct{ Key, Value string }

// Settings are the node's window, stride, padding, rate and flip as the
// author wrote them, so that a renderer can print maxpool(z, 2) and not
// maxpool(z); nil for other nodes.
func (n *Node) Settings() []Setting { return settings(n.window) }

func settings(w *Window) []Setting {
	if w == nil {
		return nil
	}
	list := func(v []int) string {
		if len(v) == 1 {
			return fmt.Sprint(v[0])
		}
		return shapeText(v)
	}
	var out []Setting
	if w.Size != nil {
		out = append(out, Setting{"", list(w.Size)})
	}
	if w.Stride != nil {
		out = append(out, Setting{"stride", list(w.Stride)})
	}
	switch {
	case w.PadMode != "":
		out = append(out, Setting{"pad", w.PadMode})
	case w.Pad != nil:
		out = append(out, Setting{"pad", list(w.Pad)})
	}
	if w.Rate != nil {
		out = append(out, Setting{"rate", list(w.Rate)})
	}
	if w.Flip {
		out = append(out, Setting{"flip", "true"})
	}
	return out
}

// formatWindow writes a window's settings as the syntax has them:
// ", stride: 3, pad: 1".
func formatWindow(b *strings.Builder, w *Window) {
	for _, s := range settings(w) {
		b.WriteString(", ")
		if s.Key != "" {
			b.WriteString(s.Key + ": ")
		}
		b.WriteString(s.Value)
	}
}
