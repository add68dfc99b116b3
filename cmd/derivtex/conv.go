package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/convarith"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/solve"
)

// convCmd answers the layer arithmetic of convolutions.
type convCmd struct {
	Size   convSizeCmd   `cmd:"" help:"The output size of a layer: derivtex conv size --in 13x13 --kernel 5 --stride 2 --pad 2."`
	Design convDesignCmd `cmd:"" help:"Every kernel, stride and padding mapping one size to another, ranked: derivtex conv design --in 100x100x3 --out 40x40x6."`
	Count  convCountCmd  `cmd:"" help:"Padding for an output size, parameter memory, operations and applications of a filter: derivtex conv count --input 4x2x13x13 --kernel 5x5 --stride 2 --out 7x7 --precision fp64."`
	Stack  convStackCmd  `cmd:"" help:"What stacked linear convolutions amount to: derivtex conv stack --kernels 3x3,3x3."`
}

// convFormat are the output flags every conv command has.
type convFormat struct {
	LaTeX bool `name:"latex" xor:"format" help:"Print the derivation as a LaTeX fragment."`
	JSON  bool `name:"json" xor:"format" help:"Answer in JSON (docs/json.md)."`
}

type convSizeCmd struct {
	In      string `required:"" help:"The input: n, HxW, or HxWxC."`
	Kernel  string `required:"" help:"The kernel size, one for all axes or one per axis (5, 5x3)."`
	Stride  string `default:"1" help:"The stride, one or per axis."`
	Pad     string `default:"0" help:"Symmetric zero padding, one or per axis."`
	Rate    string `default:"1" help:"The dilation rate (1: none), one or per axis."`
	Filters *int64 `help:"The number of filters, the output's depth."`
	convFormat
}

type convDesignCmd struct {
	In        string `required:"" help:"The input, HxWxC (100x100x3)."`
	Out       string `required:"" help:"The output, HxWxC (40x40x6)."`
	Exact     bool   `help:"Only designs whose windows cover the padded input exactly (no floor)."`
	MaxKernel *int64 `name:"max-kernel" help:"The largest kernel to consider (default: the input's size)."`
	MaxRate   *int64 `name:"max-rate" help:"The largest dilation rate to consider (default 1: no dilation)."`
	Limit     int    `default:"10" help:"How many designs to list."`
	convFormat
}

type convCountCmd struct {
	Input      string `required:"" help:"The input volume, N x C x H x W (4x2x13x13), or C x H x W, or H x W."`
	Kernel     string `required:"" help:"The filter's height and width (5x5, or 5); its depth is C."`
	Stride     string `default:"1" help:"The stride, one or per axis."`
	Pad        string `default:"0" help:"The padding of the applications count, one or per axis."`
	Rate       string `default:"1" help:"The dilation rate, one or per axis."`
	Out        string `help:"An output size to find the padding for (7x7)."`
	Precision  string `default:"FP32" help:"The number format of the memory: FP64, FP32, FP16, BF16, FP8."`
	Filters    int64  `default:"1" help:"The number of filters of the layer."`
	PerChannel bool   `name:"per-channel" help:"Read the 2-D filter as one window applied to each channel on its own (depthwise), not one spanning all channels (the default, as deep-learning layers have it)."`
	convFormat
}

type convStackCmd struct {
	Kernels  string `required:"" help:"The layers' kernels, first layer first (3x3,3x3)."`
	Strides  string `help:"The layers' strides (default: 1 each), as --kernels."`
	Out      string `default:"1x1" help:"The output size (1x1: a scalar)."`
	Channels int64  `default:"1" help:"The kernels in every layer but the last, whose one kernel reads them all (the exam's four)."`
	convFormat
}

func (c *convSizeCmd) Run(e *env) error {
	s := convarith.Settings{"in": c.In, "kernel": c.Kernel, "stride": c.Stride, "pad": c.Pad, "rate": c.Rate}
	if c.Filters != nil {
		s["filters"] = fmt.Sprint(*c.Filters)
	}
	e.json = c.JSON
	l, err := s.SizeLayer()
	if err == nil {
		var r *convarith.Sized
		if r, err = convarith.Size(l); err == nil {
			a := answer.ConvSizeOf(r)
			a.Schema = answer.Schema
			return c.write(e, a, solve.ConvSizeLaTeX(r), plainSize(r))
		}
	}
	return convError(s, err)
}

func (c *convDesignCmd) Run(e *env) error {
	s := convarith.Settings{"in": c.In, "out": c.Out}
	if c.Exact {
		s["exact"] = "true"
	}
	if c.MaxKernel != nil {
		s["max-kernel"] = fmt.Sprint(*c.MaxKernel)
	}
	if c.MaxRate != nil {
		s["max-rate"] = fmt.Sprint(*c.MaxRate)
	}
	e.json = c.JSON
	if c.Limit < 1 {
		return diag.Errorf("--limit: list at least 1 design, not %d", c.Limit)
	}
	r, err := s.Design()
	if err == nil {
		var d *convarith.Design
		if d, err = convarith.NewDesign(r); err == nil {
			a := answer.ConvDesignOf(d, c.Limit)
			a.Schema = answer.Schema
			return c.write(e, a, solve.ConvDesignLaTeX(d, c.Limit), plainDesign(d, c.Limit))
		}
	}
	return convError(s, err)
}

func (c *convCountCmd) Run(e *env) error {
	s := convarith.Settings{"input": c.Input, "kernel": c.Kernel, "stride": c.Stride, "pad": c.Pad, "rate": c.Rate,
		"precision": c.Precision, "filters": fmt.Sprint(c.Filters), "per-channel": fmt.Sprint(c.PerChannel)}
	if c.Out != "" {
		s["out"] = c.Out
	}
	e.json = c.JSON
	r, err := s.Count()
	if err == nil {
		var n *convarith.Count
		if n, err = convarith.NewCount(r); err == nil {
			a := answer.ConvCountOf(n)
			a.Schema = answer.Schema
			return c.write(e, a, solve.ConvCountLaTeX(n), plainCount(n))
		}
	}
	return convError(s, err)
}

func (c *convStackCmd) Run(e *env) error {
	s := convarith.Settings{"kernels": c.Kernels, "out": c.Out, "channels": fmt.Sprint(c.Channels)}
	if c.Strides != "" {
		s["strides"] = c.Strides
	}
	e.json = c.JSON
	r, err := s.Stack()
	if err == nil {
		ctx, m := e.job()
		var st *convarith.Stack
		if st, err = convarith.NewStack(ctx, r); err == nil {
			if err := m.Err(); err != nil {
				return err
			}
			a := answer.ConvStackOf(st)
			a.Schema = answer.Schema
			return c.write(e, a, solve.ConvStackLaTeX(st), plainStack(st))
		}
	}
	return convError(s, err)
}

// write prints the answer in the format asked for.
func (f convFormat) write(e *env, a any, tex, plain string) error {
	switch {
	case f.JSON:
		return writeJSON(e.stdout, a)
	case f.LaTeX:
		_, err := fmt.Fprint(e.stdout, tex)
		return err
	}
	_, err := fmt.Fprint(e.stdout, plain)
	return err
}

// convError puts a request's mistake at its number in the flag it came
// from: --kernel: 1:3: ..., with the flag's value and a caret.
func convError(s convarith.Settings, err error) error {
	err = s.Locate(err)
	var ce *convarith.Error
	if !errors.As(err, &ce) {
		return err
	}
	if ce.Param == nil {
		return diag.Errorf("%s", ce.Msg)
	}
	src, given := s[ce.Param.Name]
	if !given || ce.Offset < 0 {
		return diag.Errorf("--%s: %s", ce.Param.Name, ce.Msg)
	}
	at := diag.Pos{Line: 1, Col: 1}.Advance(src[:min(ce.Offset, len(src))])
	return diag.Prefixed("--"+ce.Param.Name, diag.At(at, "%s", ce.Msg).WithSource(src))
}

func plainSize(s *convarith.Sized) string {
	var b strings.Builder
	for _, a := range s.Axes {
		for _, st := range a.Steps {
			fmt.Fprintf(&b, "%-8s %s\n", a.Names.Axis, st.Line())
		}
		fmt.Fprintf(&b, "         %s\n", fitWords(a))
	}
	var outs []string
	for _, a := range s.Axes {
		outs = append(outs, fmt.Sprint(a.Out))
	}
	if s.Filters > 0 {
		outs = append(outs, fmt.Sprint(s.Filters))
	}
	if s.Depth > 0 {
		fmt.Fprintf(&b, "filter   spans the input's depth C = %d\n", s.Depth)
	}
	fmt.Fprintf(&b, "output   %s\n", strings.Join(outs, "x"))
	return b.String()
}

func fitWords(a *convarith.AxisSize) string {
	w := "exact fit"
	if a.Unused > 0 {
		w = fmt.Sprintf("the floor drops %d padded row(s)", a.Unused)
	}
	if a.Wasted > 0 {
		w += fmt.Sprintf(", %d input row(s) never read", a.Wasted)
	}
	return w
}

func plainDesign(d *convarith.Design, limit int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "kernels  %d (the output's depth), each of depth %d (the input's)\n", d.Kernels, d.Depth)
	fmt.Fprintf(&b, "designs  %d found; ranked by: %s\n", d.Total, strings.Join(convarith.Conventions, "; "))
	for i, c := range d.Candidates {
		if i == limit {
			break
		}
		mark := "  "
		if i == 0 {
			mark = "* "
		}
		fit := "floor"
		if c.Exact {
			fit = "exact"
		}
		fmt.Fprintf(&b, "%skernel %dx%dx%d  stride %d  pad %d  rate %d  %s  unread %s  params %s (%s with biases)\n", mark,
			c.Kernel[0], c.Kernel[1], d.Depth, c.Stride, c.Pad, c.Rate, fit, wastedWord(c.Wasted), c.Params.Value(), c.ParamsBiased.Value())
		if i == 0 {
			for _, a := range c.Axes {
				fmt.Fprintf(&b, "    check %s\n", a.Steps[len(a.Steps)-1].Line())
			}
			fmt.Fprintf(&b, "    params %s\n", convarith.Step{Name: "n", F: c.ParamsBiased}.Line())
		}
	}
	return b.String()
}

func wastedWord(w int64) string {
	if w < 0 {
		return "?"
	}
	return fmt.Sprint(w)
}

func plainCount(c *convarith.Count) string {
	var b strings.Builder
	a := answer.ConvCountOf(c)
	for _, p := range c.Padding {
		if len(p.Pads) == 0 {
			fmt.Fprintf(&b, "padding  %s: no padding gives %d (%s/2 <= p <= %s/2); nearest: p = %d gives %d\n", p.Names.Axis, p.Want, p.Low.Value(), p.High.Value(), p.Nearest.Axis.Pad, p.Nearest.Out)
			continue
		}
		fmt.Fprintf(&b, "padding  %s: (%s)/2 <= p <= (%s)/2, p = %s; check %s\n", p.Names.Axis, p.Low.Substituted(convarith.Plain), p.High.Substituted(convarith.Plain), convarith.JoinInts(p.Pads), p.Check.Steps[len(p.Check.Steps)-1].Line())
	}
	spans := "the filter spans all C channels (--per-channel: a window per channel)"
	if c.Request.PerChannel {
		spans = "one window applied to each channel on its own"
	}
	fmt.Fprintf(&b, "weights  %s per filter (+1 bias); %s\n", convarith.Step{Name: "n", F: c.Weights}.Line(), spans)
	for i, m := range c.Memory {
		mark := " "
		if i == c.Chosen {
			mark = "*"
		}
		fmt.Fprintf(&b, "memory %s %-4s %s B, with bias %s B; layer %s B, with biases %s B\n", mark, m.Precision.Name,
			m.Filter.Substituted(convarith.Plain)+" = "+m.Filter.Value().String(), m.FilterBiased.Value(), m.Layer.Value(), m.LayerBiased.Value())
	}
	fmt.Fprintf(&b, "ops      %s multiplications, %s additions + 1 for the bias: %s operations (%s without the bias)\n", c.Mults.Value(), c.Adds.Value(), c.OpsBiased.Value(), c.Ops.Value())
	fmt.Fprintf(&b, "         %s\n", a.Ops.Bias)
	for _, a := range c.Axes {
		fmt.Fprintf(&b, "stamps   %s\n", a.Steps[len(a.Steps)-1].Line())
	}
	fmt.Fprintf(&b, "stamps   %s\n", convarith.Step{Name: "A", F: c.Stamps}.Line())
	fmt.Fprintf(&b, "         %s\n", a.Spans)
	fmt.Fprintf(&b, "layer    %s operations\n", convarith.Step{Name: "ops", F: c.LayerOps}.Line())
	return b.String()
}

func plainStack(s *convarith.Stack) string {
	var b strings.Builder
	for a := range 2 {
		for _, st := range s.InSteps[a] {
			fmt.Fprintf(&b, "input    %s\n", st.Line())
		}
	}
	fmt.Fprintf(&b, "input    %dx%d\n", s.In[0], s.In[1])
	fmt.Fprintf(&b, "field    %s\n", convarith.Step{Name: "R_h", F: s.Field[0]}.Line())
	fmt.Fprintf(&b, "field    %s\n", convarith.Step{Name: "R_w", F: s.Field[1]}.Line())
	fmt.Fprintf(&b, "one conv kernel %dx%d, stride %dx%d, the full convolution of the kernels\n", s.Field[0].Int(), s.Field[1].Int(), s.Stride[0], s.Stride[1])
	for i, row := range s.Composed {
		for j, k := range row {
			fmt.Fprintf(&b, "         K[%d, %d] = %s\n", i+1, j+1, expr.Plain(k))
		}
	}
	fmt.Fprintf(&b, "params   stack %s = %s; one convolution %s = %s\n", s.LayerCount.Symbolic(convarith.Plain), s.LayerCount.Value(), s.Free.Substituted(convarith.Plain), s.Free.Value())
	if s.Dimension >= 0 {
		fmt.Fprintf(&b, "         the composed kernels form a set of dimension %d; dim theta = %s\n", s.Dimension, s.Free.Value())
	}
	if z := s.Zero; z != nil {
		for _, g := range z.Grads {
			fmt.Fprintf(&b, "zero     dy/d%s = %s; at 0: %s\n", expr.Plain(g.Wrt), expr.Plain(g.D), expr.Plain(g.AtZero))
		}
		fmt.Fprintf(&b, "         every gradient vanishes at zero kernels: %v; SGD never moves them\n", z.AllZero)
	}
	return b.String()
}
