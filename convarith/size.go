package convarith

import (
	"errors"
	"fmt"
)

// MaxSize caps every size, kernel, stride, padding and rate a request
// may hold, so that counts stay far inside int64 and loops stay short.
const MaxSize = 1 << 20

// Axis is one axis of a convolution: the input's size along it, the
// kernel's, the stride, the symmetric zero padding and the dilation rate
// (1: none).
type Axis struct {
	In, Kernel, Stride, Pad, Rate int64
}

// Names are the symbols an axis is written with: the input size (H),
// the output size (H'), the kernel's (k_h); stride, padding and rate are
// s, p and r.
type Names struct {
	Axis          string // "height", for sentences
	In, Out, Kern string
}

// Height, Width and Line name the axes of a 2-D and a 1-D convolution.
var (
	Height = Names{"height", "H", "H'", "k_h"}
	Width  = Names{"width", "W", "W'", "k_w"}
	Line   = Names{"length", "n", "n'", "k"}
)

// Step is one line of a worked count: what it is, the symbol it defines
// and the formula (with its value).
type Step struct {
	What string
	Name string
	F    Formula
}

// AxisSize is an axis's output size worked out.
type AxisSize struct {
	Names Names
	Axis  Axis
	// Steps are the effective kernel (with dilation) and the output size.
	Steps []Step
	Out   int64
	// Unused is the padded input's rows past the last window, the
	// remainder the floor drops (0: the windows fit exactly).
	Unused int64
	// Wasted is the input's rows (not padding) no window reads: those
	// the floor drops, those a stride larger than the kernel skips, those
	// between a dilated kernel's taps that no position reaches.
	Wasted int64
}

// Exact reports whether the windows cover the padded input exactly.
func (a *AxisSize) Exact() bool { return a.Unused == 0 }

// Param names what a bad request got wrong, so that its error can be
// put at the number in the source: "in", "kernel", "stride", "pad",
// "rate", "out", and the axis (0: the first number of the value).
type Param struct {
	Name string
	Axis int
}

func (p *Param) Error() string { return fmt.Sprintf("%s (axis %d)", p.Name, p.Axis) }

// Error is a request that cannot be answered, and which number is to
// blame (Param, nil when no one number is) at which byte offset of its
// setting's text (-1 until Settings.Locate finds it).
type Error struct {
	Param  *Param
	Offset int
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

func errorf(param string, axis int, format string, args ...any) *Error {
	return &Error{Param: &Param{param, axis}, Offset: -1, Msg: fmt.Sprintf(format, args...)}
}

// ParamOf returns the number err blames, or nil.
func ParamOf(err error) *Param {
	var e *Error
	if errors.As(err, &e) {
		return e.Param
	}
	return nil
}

// effective is the span of the dilated kernel, r(k - 1) + 1.
func (a Axis) effective(n Names) Formula {
	return Prod(Var("r", a.Rate), Sum(Var(n.Kern, a.Kernel)).Minus(Num(1))).Plus(Num(1))
}

// outFormula is floor((n + 2p - r(k - 1) - 1)/s) + 1, written in full
// even at r = 1, so that the reader sees the one formula every time.
func (a Axis) outFormula(n Names) Formula {
	span := Prod(Var("r", a.Rate), Sum(Var(n.Kern, a.Kernel)).Minus(Num(1)))
	return Sum(Floor(Sum(Var(n.In, a.In), Prod(Num(2), Var("p", a.Pad))).Minus(span).Minus(Num(1)), Var("s", a.Stride)), Num(1))
}

// Span is the rows the dilated kernel covers, r(k - 1) + 1.
func (a Axis) Span() int64 { return a.Rate*(a.Kernel-1) + 1 }

// check reports what makes a an impossible layer, blaming axis i's
// numbers.
func (a Axis) check(i int) error {
	switch {
	case a.In < 1 || a.In > MaxSize:
		return errorf("in", i, "an input size is a whole number from 1 to %d, not %d", MaxSize, a.In)
	case a.Kernel < 1 || a.Kernel > MaxSize:
		return errorf("kernel", i, "a kernel size is a whole number from 1 to %d, not %d", MaxSize, a.Kernel)
	case a.Stride < 1 || a.Stride > MaxSize:
		return errorf("stride", i, "a stride is a whole number from 1 to %d, not %d: the kernel moves at least one row at a time", MaxSize, a.Stride)
	case a.Pad < 0 || a.Pad > MaxSize:
		return errorf("pad", i, "a padding is a whole number from 0 to %d, not %d", MaxSize, a.Pad)
	case a.Rate < 1 || a.Rate > MaxSize:
		return errorf("rate", i, "a dilation rate is a whole number from 1 (no dilation) to %d, not %d", MaxSize, a.Rate)
	}
	if span, room := a.Span(), a.In+2*a.Pad; span > room {
		what := fmt.Sprintf("the kernel spans %d rows", span)
		if a.Rate > 1 {
			what = fmt.Sprintf("the kernel dilated at rate %d spans r(k - 1) + 1 = %d rows", a.Rate, span)
		}
		fit := (room-1)/a.Rate + 1
		pad := (span - a.In + 1) / 2
		return errorf("kernel", i, "%s but the padded input has only n + 2p = %d: a kernel of at most %d fits, or a padding of at least %d", what, room, fit, pad)
	}
	return nil
}

// Out is the output size along the axis, and whether the layer is
// possible at all.
func (a Axis) Out() (int64, error) {
	if err := a.check(0); err != nil {
		return 0, err
	}
	return (a.In+2*a.Pad-a.Span())/a.Stride + 1, nil
}

// Size works an axis's output size out, with its steps; i is the axis
// the errors blame.
func (a Axis) Size(n Names, i int) (*AxisSize, error) {
	if err := a.check(i); err != nil {
		return nil, err
	}
	s := &AxisSize{Names: n, Axis: a}
	if a.Rate != 1 {
		s.Steps = append(s.Steps, Step{"span of the dilated kernel", "\\hat " + n.Kern, a.effective(n)})
	}
	f := a.outFormula(n)
	s.Steps = append(s.Steps, Step{"output " + n.Axis, n.Out, f})
	s.Out = f.Int()
	s.Unused = (a.In + 2*a.Pad - a.Span()) % a.Stride
	s.Wasted = a.wasted(s.Out)
	return s, nil
}

// maxMarks bounds the taps wasted marks one by one (a dilated kernel);
// past it the count is not known, -1.
const maxMarks = 1 << 24

// wasted counts the input's rows that no tap of any window reads.
func (a Axis) wasted(out int64) int64 {
	room := a.In + 2*a.Pad
	read := make([]bool, room)
	if a.Rate == 1 {
		end := int64(-1) // rows before end are marked
		for j := int64(0); j < out; j++ {
			start := max(j*a.Stride, end)
			for r := start; r < j*a.Stride+a.Kernel; r++ {
				read[r] = true
			}
			end = max(end, j*a.Stride+a.Kernel)
		}
	} else {
		if out*a.Kernel > maxMarks {
			return -1
		}
		for t := int64(0); t < a.Kernel; t++ {
			for j := int64(0); j < out; j++ {
				read[j*a.Stride+t*a.Rate] = true
			}
		}
	}
	var n int64
	for r := a.Pad; r < a.Pad+a.In; r++ {
		if !read[r] {
			n++
		}
	}
	return n
}

// TeXName writes the step's symbol in LaTeX: k_h as k_{h}.
func (s Step) TeXName() string { return texName(s.Name) }

// Row writes the step as an align* row: name = formula = numbers = value.
func (s Step) Row() string {
	return s.TeXName() + ` &= ` + s.F.Symbolic(TeX) + ` = ` + s.F.Substituted(TeX) + ` = ` + s.F.Value().String()
}

// Line writes the step in plain text: name = formula = numbers = value.
func (s Step) Line() string {
	return s.Name + " = " + s.F.Symbolic(Plain) + " = " + s.F.Substituted(Plain) + " = " + s.F.Value().String()
}
