package convarith

import (
	"cmp"
	"fmt"
	"slices"
)

// MaxDesignSize caps the input sizes Design searches: its search grows
// with the square of the input size.
const MaxDesignSize = 4096

// MaxCandidates caps the designs listed; Design.Total counts them all.
const MaxCandidates = 1000

// DesignRequest asks for the layers that map an input of height x width
// x depth to an output of height x width x depth.
type DesignRequest struct {
	In, Out [3]int64
	// Exact keeps the designs whose windows cover the padded input
	// exactly; otherwise the floor of the size formula may drop rows.
	Exact bool
	// MaxKernel bounds the kernel (0: the input's size); MaxRate the
	// dilation rate (0 or 1: no dilation).
	MaxKernel, MaxRate int64
}

// Candidate is one layer that gives the wanted output: the kernel's
// height and width, the stride, padding and dilation rate shared by both
// axes, the size check of each axis and the parameter counts.
type Candidate struct {
	Kernel               [2]int64
	Stride, Pad, Rate    int64
	Axes                 [2]*AxisSize
	Wasted               int64 // input rows and columns no window reads; -1: not counted
	Exact                bool
	StrideWithinKernel   bool
	PadWithinHalf        bool
	Weights              Formula // of one kernel: k_h k_w C
	Params, ParamsBiased Formula // of the layer: C' k_h k_w C, C'(k_h k_w C + 1)
}

// Design is every candidate, ranked, the recommended first.
type Design struct {
	Request DesignRequest
	// Kernels is the number of kernels, the output's depth; Depth each
	// kernel's depth, the input's.
	Kernels, Depth int64
	Candidates     []*Candidate
	Total          int // candidates found, Candidates holds the first MaxCandidates
}

// Conventions are the ranking's rules, in order, as the handout states
// them.
var Conventions = []string{
	"no input row or column that no window reads (a stride larger than the kernel, or a floor that drops real rows, wastes input)",
	"a stride no larger than the kernel",
	"padding at most half the kernel, (k - 1)/2 (no window reads more zeros than input)",
	"a small kernel (fewest weights)",
	"an exact fit (no padded row left over by the floor)",
	"no dilation, or the smallest rate",
	"the least padding",
	"the smallest stride",
}

// NewDesign finds every layer within bounds (padding smaller than the
// kernel, kernel at most MaxKernel, rate at most MaxRate, stride, padding
// and rate the same for both axes) that maps r.In to r.Out, and ranks
// them by Conventions.
func NewDesign(r DesignRequest) (*Design, error) {
	for i, n := range r.In {
		if n < 1 || n > MaxDesignSize {
			return nil, errorf("in", i, "an input size to design for is a whole number from 1 to %d, not %d", MaxDesignSize, n)
		}
	}
	for i, n := range r.Out {
		if n < 1 || n > MaxDesignSize {
			return nil, errorf("out", i, "an output size is a whole number from 1 to %d, not %d", MaxDesignSize, n)
		}
	}
	maxK := r.MaxKernel
	if maxK == 0 {
		maxK = max(r.In[0], r.In[1])
	}
	if maxK < 1 || maxK > MaxDesignSize {
		return nil, errorf("max-kernel", 0, "the largest kernel is a whole number from 1 to %d, not %d", MaxDesignSize, maxK)
	}
	maxR := max(r.MaxRate, 1)
	if maxR > MaxDesignSize {
		return nil, errorf("max-rate", 0, "the largest rate is a whole number from 1 to %d, not %d", MaxDesignSize, maxR)
	}
	d := &Design{Request: r, Kernels: r.Out[2], Depth: r.In[2]}
	h := axisSolutions(r.In[0], r.Out[0], maxK, maxR, r.Exact)
	w, square := h, r.In[1] == r.In[0] && r.Out[1] == r.Out[0]
	if !square {
		w = axisSolutions(r.In[1], r.Out[1], maxK, maxR, r.Exact)
	}
	type shared struct{ s, p, r int64 }
	byShared := map[shared][]Axis{}
	for _, a := range w {
		k := shared{a.Stride, a.Pad, a.Rate}
		byShared[k] = append(byShared[k], a)
	}
	var all []*Candidate
	for _, a := range h {
		for _, b := range byShared[shared{a.Stride, a.Pad, a.Rate}] {
			if square && a.Kernel != b.Kernel {
				continue // the same axis twice: square kernels
			}
			all = append(all, d.candidate(a, b))
		}
	}
	if len(all) == 0 {
		return nil, d.none(maxK, maxR)
	}
	slices.SortStableFunc(all, rank)
	d.Total = len(all)
	d.Candidates = all[:min(len(all), MaxCandidates)]
	return d, nil
}

// axisSolutions lists every (kernel, stride, padding, rate) that maps n
// to want along one axis: floor(m/s) = want - 1 with m = n + 2p - r(k-1) - 1
// gives the strides directly, (m/want, m/(want-1)].
func axisSolutions(n, want, maxK, maxR int64, exact bool) []Axis {
	var out []Axis
	q := want - 1
	for k := int64(1); k <= maxK; k++ {
		for r := int64(1); r <= maxR && (r == 1 || k > 1); r++ {
			for p := int64(0); p < k; p++ {
				m := n + 2*p - (r*(k-1) + 1)
				if m < 0 {
					continue
				}
				lo, hi := m/(q+1)+1, int64(MaxSize)
				if q > 0 {
					hi = m / q
				} else {
					hi = lo // output 1: the smallest stride that leaves one window
				}
				for s := lo; s <= hi; s++ {
					if exact && m%s != 0 {
						continue
					}
					out = append(out, Axis{In: n, Kernel: k, Stride: s, Pad: p, Rate: r})
				}
			}
		}
	}
	return out
}

func (d *Design) candidate(h, w Axis) *Candidate {
	hs, _ := h.Size(Height, 0)
	ws, _ := w.Size(Width, 1)
	c := &Candidate{
		Kernel: [2]int64{h.Kernel, w.Kernel}, Stride: h.Stride, Pad: h.Pad, Rate: h.Rate,
		Axes: [2]*AxisSize{hs, ws}, Exact: hs.Exact() && ws.Exact(),
		StrideWithinKernel: h.Stride <= h.Span() && w.Stride <= w.Span(),
		PadWithinHalf:      2*h.Pad <= h.Span()-1 && 2*w.Pad <= w.Span()-1,
	}
	c.Wasted = hs.Wasted + ws.Wasted
	if hs.Wasted < 0 || ws.Wasted < 0 {
		c.Wasted = -1
	}
	c.Weights = Prod(Var("k_h", h.Kernel), Var("k_w", w.Kernel), Var("C", d.Depth))
	c.Params = Prod(Var("C'", d.Kernels), Var("k_h", h.Kernel), Var("k_w", w.Kernel), Var("C", d.Depth))
	c.ParamsBiased = Prod(Var("C'", d.Kernels), c.Weights.Plus(Num(1)))
	return c
}

// rank orders candidates by Conventions.
func rank(a, b *Candidate) int {
	waste := func(c *Candidate) int64 {
		if c.Wasted < 0 {
			return MaxSize
		}
		return c.Wasted
	}
	flag := func(ok bool) int {
		if ok {
			return 0
		}
		return 1
	}
	return cmp.Or(
		cmp.Compare(waste(a), waste(b)),
		cmp.Compare(flag(a.StrideWithinKernel), flag(b.StrideWithinKernel)),
		cmp.Compare(flag(a.PadWithinHalf), flag(b.PadWithinHalf)),
		cmp.Compare(a.Kernel[0]*a.Kernel[1], b.Kernel[0]*b.Kernel[1]),
		cmp.Compare(flag(a.Exact), flag(b.Exact)),
		cmp.Compare(a.Rate, b.Rate),
		cmp.Compare(a.Pad, b.Pad),
		cmp.Compare(a.Stride, b.Stride),
		cmp.Compare(a.Kernel[0], b.Kernel[0]),
	)
}

// none says why no layer fits, and what would.
func (d *Design) none(maxK, maxR int64) error {
	r := d.Request
	for i := range 2 {
		// The largest output within bounds: stride 1, the most padding.
		if most := r.In[i] + maxK - 1; r.Out[i] > most {
			return errorf("out", i, "no layer maps %d to %d: with kernels up to %d and padding smaller than the kernel, the output is at most n + k - 1 = %d; it takes a kernel of at least %d", r.In[i], r.Out[i], maxK, most, r.Out[i]-r.In[i]+1)
		}
	}
	what := "kernel, stride and padding"
	if maxR > 1 {
		what = "kernel, stride, padding and rate"
	}
	if r.Exact {
		return errorf("out", 0, "no %s shared by both axes fits %dx%d to %dx%d exactly; without exact, the floor of the size formula allows more", what, r.In[0], r.In[1], r.Out[0], r.Out[1])
	}
	return errorf("out", 0, "no %s shared by both axes maps %dx%d to %dx%d (kernels up to %d); %s", what, r.In[0], r.In[1], r.Out[0], r.Out[1], maxK, hint(r))
}

func hint(r DesignRequest) string {
	if r.MaxKernel != 0 {
		return "a larger largest kernel may fit"
	}
	return fmt.Sprintf("the axes need different strides (%d to %d, %d to %d)", r.In[0], r.Out[0], r.In[1], r.Out[1])
}
