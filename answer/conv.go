package answer

import (
	"github.com/derivtex/derivtex/convarith"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"strings"
)

// ConvStep is one worked count: what it is, the symbol it defines, the
// formula with its names and with the numbers put in, and its value (a
// decimal string: counts outgrow JSON's safe integers).
type ConvStep struct {
	What        string `json:"what"`
	Name        string `json:"name"`
	Formula     Expr   `json:"formula"`
	Substituted Expr   `json:"substituted"`
	Value       string `json:"value"`
}

// ConvAxis is an axis of a layer with its output size worked out:
// unused counts the padded rows past the last window (0: an exact fit),
// wasted the input rows no window reads (-1: not counted).
type ConvAxis struct {
	Axis   string     `json:"axis"`
	In     int64      `json:"in"`
	Kernel int64      `json:"kernel"`
	Stride int64      `json:"stride"`
	Pad    int64      `json:"pad"`
	Rate   int64      `json:"rate"`
	Steps  []ConvStep `json:"steps"`
	Out    int64      `json:"out"`
	Unused int64      `json:"unused"`
	Wasted int64      `json:"wasted"`
}

// ConvSize is the answer of conv size.
type ConvSize struct {
	Schema int        `json:"schema,omitempty"`
	Axes   []ConvAxis `json:"axes"`
	// Depth is the input's depth and each filter's, Filters the number
	// of filters and the output's depth; 0 when not given.
	Depth   int64 `json:"depth"`
	Filters int64 `json:"filters"`
}

// ConvDesign is the answer of conv design: the layers that map in to
// out, ranked by conventions, the first recommended.
type ConvDesign struct {
	Schema      int             `json:"schema,omitempty"`
	In          [3]int64        `json:"in"`
	Out         [3]int64        `json:"out"`
	Kernels     int64           `json:"kernels"`
	KernelDepth int64           `json:"kernel_depth"`
	Exact       bool            `json:"exact"`
	MaxKernel   int64           `json:"max_kernel"`
	MaxRate     int64           `json:"max_rate"`
	Conventions []string        `json:"conventions"`
	Total       int             `json:"total"`
	Designs     []ConvCandidate `json:"designs"`
}

// ConvCandidate is one design and its size check per axis.
type ConvCandidate struct {
	Kernel             [2]int64    `json:"kernel"`
	Stride             int64       `json:"stride"`
	Pad                int64       `json:"pad"`
	Rate               int64       `json:"rate"`
	Exact              bool        `json:"exact"`
	Wasted             int64       `json:"wasted"`
	StrideWithinKernel bool        `json:"stride_within_kernel"`
	PadWithinHalf      bool        `json:"pad_within_half"`
	Weights            ConvStep    `json:"weights"`
	Params             ConvStep    `json:"params"`
	ParamsBias         ConvStep    `json:"params_bias"`
	Check              [2]ConvAxis `json:"check"`
}

// ConvCount is the answer of conv count.
type ConvCount struct {
	Schema       int             `json:"schema,omitempty"`
	Input        [4]int64        `json:"input"` // N, C, H, W
	Kernel       [2]int64        `json:"kernel"`
	Stride       [2]int64        `json:"stride"`
	Pad          [2]int64        `json:"pad"`
	Rate         [2]int64        `json:"rate"`
	Filters      int64           `json:"filters"`
	Spans        string          `json:"spans"`
	PerChannel   bool            `json:"per_channel"`
	Padding      []ConvPadding   `json:"padding"`
	Weights      ConvStep        `json:"weights"`
	WeightsBias  ConvStep        `json:"weights_bias"`
	Layer        ConvStep        `json:"layer_weights"`
	LayerBias    ConvStep        `json:"layer_weights_bias"`
	Precision    string          `json:"precision"`
	Memory       []ConvMemory    `json:"memory"`
	Ops          ConvOps         `json:"ops"`
	Applications ConvApplication `json:"applications"`
	LayerOps     ConvStep        `json:"layer_ops"`
}

// ConvPadding is the padding that gives a wanted output size along an
// axis: 2p between low and high, every whole p in pads; check is the
// size at the first, nearest (when pads is empty) the closest output.
type ConvPadding struct {
	Axis    string    `json:"axis"`
	Want    int64     `json:"want"`
	Low     ConvStep  `json:"low"`
	High    ConvStep  `json:"high"`
	Pads    []int64   `json:"pads"`
	Check   *ConvAxis `json:"check"`
	Nearest *ConvAxis `json:"nearest"`
}

// ConvMemory is the parameters' bytes in one number format.
type ConvMemory struct {
	Precision  string   `json:"precision"`
	Bytes      int64    `json:"bytes_per_weight"`
	Filter     ConvStep `json:"filter"`
	FilterBias ConvStep `json:"filter_bias"`
	Layer      ConvStep `json:"layer"`
	LayerBias  ConvStep `json:"layer_bias"`
}

// ConvOps counts one application of a filter; bias says how the bias
// counts.
type ConvOps struct {
	Mults     ConvStep `json:"mults"`
	Adds      ConvStep `json:"adds"`
	AddsBias  ConvStep `json:"adds_bias"`
	Total     ConvStep `json:"total"`
	TotalBias ConvStep `json:"total_bias"`
	Bias      string   `json:"bias"`
}

// ConvApplication counts the applications of the filters.
type ConvApplication struct {
	Axes  [2]ConvAxis `json:"axes"`
	Count ConvStep    `json:"count"`
}

// ConvStack is the answer of conv stack.
type ConvStack struct {
	Schema         int           `json:"schema,omitempty"`
	Kernels        [][2]int64    `json:"kernels"`
	Strides        [][2]int64    `json:"strides"`
	Out            [2]int64      `json:"out"`
	Channels       int64         `json:"channels"`
	Input          [2]int64      `json:"input"`
	InputSteps     [2][]ConvStep `json:"input_steps"`
	ReceptiveField [2]ConvStep   `json:"receptive_field"`
	Stride         [2]int64      `json:"stride"`
	Names          []string      `json:"names"`
	Composed       [][]Expr      `json:"composed"`
	FreeParams     ConvStep      `json:"free_params"`
	StackParams    ConvStep      `json:"stack_params"`
	Dimension      int           `json:"dimension"`
	ZeroInit       *ConvZero     `json:"zero_init"`
}

// ConvZero is the zero-initialisation argument: the output as a
// polynomial, its derivative by each layer's first entry and its value at
// zero kernels, and whether every entry's derivative vanishes there.
type ConvZero struct {
	Output    Expr       `json:"output"`
	Gradients []ConvGrad `json:"gradients"`
	AllZero   bool       `json:"all_zero"`
}

// ConvGrad is dy/d(wrt) and its value at zero kernels.
type ConvGrad struct {
	Wrt    string `json:"wrt"`
	D      Expr   `json:"d"`
	AtZero Expr   `json:"at_zero"`
}

// ConvSpans says which dimensions a filter spans, for count; and
// ConvSpansPerChannel the per-channel (depthwise) reading.
const (
	ConvSpans           = "a filter spans all C input channels and a k_h x k_w window; it slides over H and W and is applied to each of the N images"
	ConvSpansPerChannel = "a filter is one k_h x k_w window applied to each of the C channels on its own (per-channel); it slides over H and W of each channel of each of the N images"
)

// ConvBias says how count counts the bias, after the exam's example;
// ConvBiasPerChannel the same for a window per channel.
const (
	ConvBias           = "as in a x + b y + c (2 multiplications, 2 additions): k_h k_w C products summed by k_h k_w C - 1 additions, and one more addition for the bias"
	ConvBiasPerChannel = "as in a x + b y + c (2 multiplications, 2 additions): k_h k_w products summed by k_h k_w - 1 additions, and one more addition for the bias"
)

func stepOf(s convarith.Step) ConvStep {
	return ConvStep{
		What: s.What, Name: s.Name,
		Formula:     Expr{Plain: s.F.Symbolic(convarith.Plain), LaTeX: s.F.Symbolic(convarith.TeX)},
		Substituted: Expr{Plain: s.F.Substituted(convarith.Plain), LaTeX: s.F.Substituted(convarith.TeX)},
		Value:       s.F.Value().String(),
	}
}

func formulaOf(what, name string, f convarith.Formula) ConvStep {
	return stepOf(convarith.Step{What: what, Name: name, F: f})
}

func axisOf(a *convarith.AxisSize) ConvAxis {
	out := ConvAxis{Axis: a.Names.Axis, In: a.Axis.In, Kernel: a.Axis.Kernel, Stride: a.Axis.Stride, Pad: a.Axis.Pad, Rate: a.Axis.Rate,
		Out: a.Out, Unused: a.Unused, Wasted: a.Wasted, Steps: []ConvStep{}}
	for _, s := range a.Steps {
		out.Steps = append(out.Steps, stepOf(s))
	}
	return out
}

// ConvSizeOf is the answer of a layer's size.
func ConvSizeOf(s *convarith.Sized) *ConvSize {
	a := &ConvSize{Depth: s.Depth, Filters: s.Filters, Axes: []ConvAxis{}}
	for _, x := range s.Axes {
		a.Axes = append(a.Axes, axisOf(x))
	}
	return a
}

// ConvDesignOf is the answer of a design, its first limit candidates.
func ConvDesignOf(d *convarith.Design, limit int) *ConvDesign {
	r := d.Request
	a := &ConvDesign{In: r.In, Out: r.Out, Kernels: d.Kernels, KernelDepth: d.Depth, Exact: r.Exact,
		MaxKernel: r.MaxKernel, MaxRate: max(r.MaxRate, 1), Conventions: convarith.Conventions, Total: d.Total, Designs: []ConvCandidate{}}
	for i, c := range d.Candidates {
		if i == limit {
			break
		}
		a.Designs = append(a.Designs, ConvCandidate{
			Kernel: c.Kernel, Stride: c.Stride, Pad: c.Pad, Rate: c.Rate, Exact: c.Exact, Wasted: c.Wasted,
			StrideWithinKernel: c.StrideWithinKernel, PadWithinHalf: c.PadWithinHalf,
			Weights:    formulaOf("weights of one kernel", "k_h k_w C", c.Weights),
			Params:     formulaOf("weights of the layer", "C' k_h k_w C", c.Params),
			ParamsBias: formulaOf("parameters of the layer with biases", "C' (k_h k_w C + 1)", c.ParamsBiased),
			Check:      [2]ConvAxis{axisOf(c.Axes[0]), axisOf(c.Axes[1])},
		})
	}
	return a
}

// ConvCountOf is the answer of the counting questions.
func ConvCountOf(c *convarith.Count) *ConvCount {
	r := c.Request
	a := &ConvCount{
		Input: r.Input, Kernel: r.Kernel, Stride: r.Stride, Pad: r.Pad, Rate: r.Rate, Filters: r.Filters,
		Spans: ConvSpans, Padding: []ConvPadding{}, Precision: r.Precision.Name, Memory: []ConvMemory{},
		PerChannel:  r.PerChannel,
		Weights:     formulaOf("weights of one filter", "k_h k_w C", c.Weights),
		WeightsBias: formulaOf("parameters of one filter with its bias", "k_h k_w C + 1", c.WeightsBiased),
		Layer:       formulaOf("weights of the layer", "F k_h k_w C", c.LayerWeights),
		LayerBias:   formulaOf("parameters of the layer with biases", "F (k_h k_w C + 1)", c.LayerBiased),
		Ops: ConvOps{
			Mults:     formulaOf("multiplications", "k_h k_w C", c.Mults),
			Adds:      formulaOf("additions without the bias", "k_h k_w C - 1", c.Adds),
			AddsBias:  formulaOf("additions with the bias", "k_h k_w C", c.AddsBiased),
			Total:     formulaOf("operations without the bias", "", c.Ops),
			TotalBias: formulaOf("operations with the bias", "", c.OpsBiased),
			Bias:      ConvBias,
		},
		Applications: ConvApplication{Axes: [2]ConvAxis{axisOf(c.Axes[0]), axisOf(c.Axes[1])}, Count: formulaOf("applications of the filters", "N H' W' F", c.Stamps)},
		LayerOps:     formulaOf("operations of the layer, with biases", "A (m + a)", c.LayerOps),
	}
	if r.PerChannel { // the formulas have no C: name them so
		a.Spans, a.Ops.Bias = ConvSpansPerChannel, ConvBiasPerChannel
		for _, st := range []*ConvStep{&a.Weights, &a.WeightsBias, &a.Layer, &a.LayerBias, &a.Ops.Mults, &a.Ops.Adds, &a.Ops.AddsBias} {
			st.Name = strings.ReplaceAll(st.Name, " C", "")
		}
		a.Applications.Count.Name = "N C H' W' F"
	}
	for _, p := range c.Padding {
		cp := ConvPadding{Axis: p.Names.Axis, Want: p.Want, Pads: append([]int64{}, p.Pads...),
			Low: formulaOf("twice the least padding", "2p_min", p.Low), High: formulaOf("twice the most padding", "2p_max", p.High)}
		if p.Check != nil {
			x := axisOf(p.Check)
			cp.Check = &x
		}
		if p.Nearest != nil {
			x := axisOf(p.Nearest)
			cp.Nearest = &x
		}
		a.Padding = append(a.Padding, cp)
	}
	for _, m := range c.Memory {
		a.Memory = append(a.Memory, ConvMemory{Precision: m.Precision.Name, Bytes: m.Precision.Bytes,
			Filter:     formulaOf("bytes of one filter", "k_h k_w C b", m.Filter),
			FilterBias: formulaOf("bytes of one filter with its bias", "(k_h k_w C + 1) b", m.FilterBiased),
			Layer:      formulaOf("bytes of the layer", "F k_h k_w C b", m.Layer),
			LayerBias:  formulaOf("bytes of the layer with biases", "F (k_h k_w C + 1) b", m.LayerBiased)})
	}
	return a
}

// ConvStackOf is the answer of a stack.
func ConvStackOf(s *convarith.Stack) *ConvStack {
	r := s.Request
	ex := func(x expr.Expr) Expr { return Expr{Plain: expr.Plain(x), LaTeX: latex.Expr(x)} }
	a := &ConvStack{Kernels: r.Kernels, Strides: r.Strides, Out: r.Out, Channels: r.Channels, Input: s.In, Stride: s.Stride,
		Names:       s.Names,
		FreeParams:  formulaOf("entries of the composed kernel", "R_h R_w", s.Free),
		StackParams: formulaOf("parameters of the stack", "", s.LayerCount),
		Dimension:   s.Dimension,
	}
	for ax := range 2 {
		a.InputSteps[ax] = []ConvStep{}
		for _, st := range s.InSteps[ax] {
			a.InputSteps[ax] = append(a.InputSteps[ax], stepOf(st))
		}
		a.ReceptiveField[ax] = formulaOf("receptive field", []string{"R_h", "R_w"}[ax], s.Field[ax])
	}
	if s.Composed != nil {
		for _, row := range s.Composed {
			var out []Expr
			for _, x := range row {
				out = append(out, ex(x))
			}
			a.Composed = append(a.Composed, out)
		}
	}
	if z := s.Zero; z != nil {
		a.ZeroInit = &ConvZero{Output: ex(z.Output), AllZero: z.AllZero, Gradients: []ConvGrad{}}
		for _, g := range z.Grads {
			a.ZeroInit.Gradients = append(a.ZeroInit.Gradients, ConvGrad{Wrt: expr.Plain(g.Wrt), D: ex(g.D), AtZero: ex(g.AtZero)})
		}
	}
	return a
}
