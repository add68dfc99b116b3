package network

// A Footprint is a convolution's or a pooling's geometry along its
// spatial axes, as a handout shows it: each axis's input, kernel (or
// window) and output lengths, stride, dilation rate and padding, and
// which input entry each tap of each output position reads.
type Footprint struct {
	// Pooling is "max" or "avg" for a pooling, "" for a convolution.
	Pooling string
	// Plain reports an input without channels or batch: an image, a
	// sequence, a volume, whose every output entry is one window.
	Plain bool
	// Flip reports a true convolution (the kernel flipped).
	Flip bool
	// Per spatial axis, first to last.
	In, Kernel, Out, Stride, Rate, PadBefore, PadAfter []int
	taps                                               [][]int
}

// Footprint is n's geometry, for a convolution or a pooling; ok is false
// for any other node.
func (n *Node) Footprint() (f *Footprint, ok bool) {
	if n.op == nil || (n.op.kind != conv && n.op.kind != pool) {
		return nil, false
	}
	g := n.geometryOf()
	f = &Footprint{Flip: g.flip, Plain: len(n.Args[0].Shape) == g.axes}
	if n.op.kind == pool {
		f.Pooling = map[string]string{"maxpool": "max", "avgpool": "avg"}[n.op.name]
	}
	for a := maxAxes - g.axes; a < maxAxes; a++ {
		f.In = append(f.In, g.in[a])
		f.Kernel = append(f.Kernel, g.k[a])
		f.Out = append(f.Out, g.out[a])
		f.Stride = append(f.Stride, g.s[a])
		f.Rate = append(f.Rate, g.r[a])
		f.PadBefore = append(f.PadBefore, g.lo[a])
		f.PadAfter = append(f.PadAfter, g.hi[a])
		f.taps = append(f.taps, g.taps[a])
	}
	return f, true
}

// Tap is the 0-based input position along axis that tap t of output
// position o reads, or -1 where it reads padding.
func (f *Footprint) Tap(axis, o, t int) int { return f.taps[axis][o*f.Kernel[axis]+t] }
