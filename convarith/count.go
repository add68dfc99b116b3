package convarith

import (
	"github.com/derivtex/derivtex/indexmap"
)

// CountRequest asks the exam's counting questions of one filter over a
// batch: the input as N x C x H x W, the filter's height and width (its
// depth is C), stride, padding and rate per axis, optionally an output
// size to find the padding for, the number format, and how many filters
// the layer has.
type CountRequest struct {
	Input                     [4]int64 // N, C, H, W
	Kernel, Stride, Pad, Rate [2]int64
	Want                      []int64 // H', W' to find the padding for; nil: none
	Precision                 indexmap.Precision
	Filters                   int64
	// PerChannel reads "a 2-D filter" as one k_h x k_w window applied to
	// each channel on its own (depthwise), not one spanning all C
	// channels, the convention of deep-learning layers and the default.
	PerChannel bool
}

// PaddingFor is the padding that gives a wanted output size along one
// axis: from (o-1)s <= n + 2p - r(k-1) - 1 <= (o-1)s + s - 1, p lies
// between Low/2 and High/2.
type PaddingFor struct {
	Names     Names
	Want      int64
	Low, High Formula // twice the bounds on p
	Pads      []int64 // every whole p >= 0 between them, smallest first
	// Check is the size worked out at the smallest padding; when no
	// padding gives Want, Nearest is the padding whose output comes
	// closest (the smaller one on a tie).
	Check   *AxisSize
	Nearest *AxisSize
}

// Memory is the parameters' bytes in one number format: one filter and
// the layer, without and with the bias.
type Memory struct {
	Precision                                indexmap.Precision
	Filter, FilterBiased, Layer, LayerBiased Formula
}

// Count is the answer to the counting questions.
type Count struct {
	Request CountRequest
	Padding []*PaddingFor // per axis; nil without Want
	// Weights of one filter, k_h k_w C, with its bias k_h k_w C + 1; of
	// the layer, F k_h k_w C and F (k_h k_w C + 1).
	Weights, WeightsBiased, LayerWeights, LayerBiased Formula
	// Memory in FP16, FP32 and FP64, and the requested format if it is
	// another; Chosen is the requested one's index.
	Memory []Memory
	Chosen int
	// One application of the filter: k_h k_w C multiplications,
	// k_h k_w C - 1 additions to sum them, one more for the bias.
	Mults, Adds, AddsBiased, Ops, OpsBiased Formula
	// Applications: the output's size along each axis at the request's
	// padding, and N H' W' F in all.
	Axes   [2]*AxisSize
	Stamps Formula
	// LayerOps is every operation of the layer, Stamps (with bias) times
	// OpsBiased.
	LayerOps Formula
}

// standardPrecisions are the formats the memory is always given in.
var standardPrecisions = []string{"FP16", "FP32", "FP64"}

// NewCount answers the counting questions.
func NewCount(r CountRequest) (*Count, error) {
	for i, n := range r.Input {
		if n < 1 || n > MaxSize {
			return nil, errorf("input", i, "a size of the input is a whole number from 1 to %d, not %d", MaxSize, n)
		}
	}
	if r.Filters < 1 || r.Filters > MaxSize {
		return nil, errorf("filters", 0, "a number of filters is a whole number from 1 to %d, not %d", MaxSize, r.Filters)
	}
	c := &Count{Request: r}
	names := []Names{Height, Width}
	for i := range 2 {
		a := Axis{In: r.Input[2+i], Kernel: r.Kernel[i], Stride: r.Stride[i], Pad: r.Pad[i], Rate: r.Rate[i]}
		s, err := a.Size(names[i], i)
		if err != nil {
			return nil, err
		}
		c.Axes[i] = s
	}
	if r.Want != nil {
		for i := range 2 {
			if r.Want[i] < 1 || r.Want[i] > MaxSize {
				return nil, errorf("out", i, "an output size is a whole number from 1 to %d, not %d", MaxSize, r.Want[i])
			}
			a := Axis{In: r.Input[2+i], Kernel: r.Kernel[i], Stride: r.Stride[i], Rate: r.Rate[i]}
			c.Padding = append(c.Padding, paddingFor(a, names[i], r.Want[i]))
		}
	}
	kh, kw, ch := Var("k_h", r.Kernel[0]), Var("k_w", r.Kernel[1]), Var("C", r.Input[1])
	f := Var("F", r.Filters)
	depth := []Formula{ch} // the filter spans the channels
	perStamp := Formula{}
	if r.PerChannel {
		depth, perStamp = nil, ch // the window is applied to each channel
	}
	c.Weights = Prod(append([]Formula{kh, kw}, depth...)...)
	c.WeightsBiased = c.Weights.Plus(Num(1))
	c.LayerWeights = Prod(append([]Formula{f, kh, kw}, depth...)...)
	c.LayerBiased = Prod(f, c.WeightsBiased)
	c.Chosen = -1
	for _, name := range standardPrecisions {
		p, _ := indexmap.PrecisionNamed(name)
		if p == r.Precision {
			c.Chosen = len(c.Memory)
		}
		c.Memory = append(c.Memory, c.memory(p))
	}
	if c.Chosen < 0 {
		c.Chosen = len(c.Memory)
		c.Memory = append(c.Memory, c.memory(r.Precision))
	}
	c.Mults = Prod(append([]Formula{kh, kw}, depth...)...)
	c.Adds = Prod(append([]Formula{kh, kw}, depth...)...).Minus(Num(1))
	c.AddsBiased = Prod(append([]Formula{kh, kw}, depth...)...)
	c.Ops = Sum(c.Mults, c.Adds)
	c.OpsBiased = Sum(c.Mults, c.AddsBiased)
	stamps := []Formula{Var("N", r.Input[0])}
	if r.PerChannel {
		stamps = append(stamps, perStamp)
	}
	c.Stamps = Prod(append(stamps, Var("H'", c.Axes[0].Out), Var("W'", c.Axes[1].Out), f)...)
	c.LayerOps = Prod(Var("A", c.Stamps.Int()), Sum(Var("m", c.Mults.Int()), Var("a", c.AddsBiased.Int())))
	return c, nil
}

func (c *Count) memory(p indexmap.Precision) Memory {
	b := Var("b", p.Bytes)
	return Memory{
		Precision:    p,
		Filter:       Prod(c.Weights, b),
		FilterBiased: Prod(c.WeightsBiased, b),
		Layer:        Prod(c.LayerWeights, b),
		LayerBiased:  Prod(c.LayerBiased, b),
	}
}

// paddingFor solves floor((n + 2p - r(k-1) - 1)/s) + 1 = o for p.
func paddingFor(a Axis, n Names, o int64) *PaddingFor {
	span := Prod(Var("r", a.Rate), Sum(Var(n.Kern, a.Kernel)).Minus(Num(1)))
	low := Sum(Prod(Sum(Var(n.Out, o)).Minus(Num(1)), Var("s", a.Stride)), span, Num(1)).Minus(Var(n.In, a.In))
	high := low.Plus(Var("s", a.Stride)).Minus(Num(1))
	pf := &PaddingFor{Names: n, Want: o, Low: low, High: high}
	lo, hi := low.Int(), high.Int()
	for p := max(0, (lo+1)/2); 2*p <= hi; p++ {
		if 2*p >= lo {
			pf.Pads = append(pf.Pads, p)
		}
	}
	if len(pf.Pads) > 0 {
		b := a
		b.Pad = pf.Pads[0]
		pf.Check, _ = b.Size(n, 0)
		return pf
	}
	// None: the padding whose output comes closest, among those that
	// leave room for the kernel, up to the one past the bound.
	var best *AxisSize
	for p := int64(0); p <= max(a.Kernel, (lo+1)/2+1); p++ {
		b := a
		b.Pad = p
		s, err := b.Size(n, 0)
		if err != nil {
			continue
		}
		if best == nil || abs(s.Out-o) < abs(best.Out-o) {
			best = s
		}
	}
	pf.Nearest = best
	return pf
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
