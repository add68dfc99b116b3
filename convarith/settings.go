package convarith

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/derivtex/derivtex/indexmap"
)

// Settings are a request as written: the command line's flags, a problem
// file's settings, by name (in, kernel, stride, pad, rate, out, filters,
// input, precision, kernels, strides, channels, exact, max-kernel,
// max-rate) to their text. The requests are read from them here, once
// for both, and an error is placed at its number's offset in the text
// of the setting it blames (Locate).
type Settings map[string]string

// Keys lists the settings each request reads, besides its main one.
var Keys = map[string][]string{
	"size":   {"in", "kernel", "stride", "pad", "rate", "filters"},
	"design": {"in", "out", "exact", "max-kernel", "max-rate"},
	"count":  {"input", "kernel", "stride", "pad", "rate", "out", "precision", "filters", "per-channel"},
	"stack":  {"kernels", "strides", "out", "channels"},
}

func (s Settings) dims(name, def string) (Dims, error) {
	text, ok := s[name]
	if !ok {
		if def == "" {
			return Dims{}, &Error{Param: &Param{Name: name}, Offset: -1, Msg: fmt.Sprintf("%s is missing", name)}
		}
		text = def
	}
	d, err := ParseDims(text)
	if err != nil {
		e := err.(*SyntaxError)
		return Dims{}, &Error{Param: &Param{Name: name}, Offset: e.Offset, Msg: e.Msg}
	}
	return d, nil
}

func (s Settings) perAxis(name, def string, n int) ([]int64, error) {
	d, err := s.dims(name, def)
	if err != nil {
		return nil, err
	}
	v, err := d.PerAxis(n)
	if err != nil {
		e := err.(*SyntaxError)
		return nil, &Error{Param: &Param{Name: name}, Offset: e.Offset, Msg: e.Msg}
	}
	return v, nil
}

func (s Settings) number(name string, def int64) (int64, error) {
	if _, ok := s[name]; !ok {
		return def, nil
	}
	d, err := s.dims(name, "")
	if err != nil {
		return 0, err
	}
	if len(d.Vals) != 1 {
		return 0, &Error{Param: &Param{Name: name}, Offset: d.Offs[1], Msg: fmt.Sprintf("%s is one whole number", name)}
	}
	return d.Vals[0], nil
}

// Locate puts err at the offset of the number it blames, in the text of
// its setting.
func (s Settings) Locate(err error) error {
	var e *Error
	if !errors.As(err, &e) || e.Param == nil || e.Offset >= 0 {
		return err
	}
	c := *e
	c.Offset = 0
	if text, ok := s[e.Param.Name]; ok {
		if e.Param.Name == "kernels" || e.Param.Name == "strides" {
			if l, perr := ParseList(text); perr == nil {
				c.Offset = l.Off(e.Param.Axis)
			}
		} else if d, perr := ParseDims(text); perr == nil {
			c.Offset = d.Off(e.Param.Axis)
		}
	}
	return &c
}

// SizeLayer reads a layer whose size to work out: in (n, HxW or
// HxWxC), kernel, stride (1), pad (0), rate (1), each one number or one
// per axis, and filters.
func (s Settings) SizeLayer() (Layer, error) {
	in, err := s.dims("in", "")
	if err != nil {
		return Layer{}, err
	}
	n := len(in.Vals)
	var l Layer
	if n == 3 {
		n, l.Depth = 2, in.Vals[2]
		if l.Depth < 1 {
			return Layer{}, &Error{Param: &Param{Name: "in"}, Offset: in.Offs[2], Msg: fmt.Sprintf("a depth is a whole number from 1, not %d", l.Depth)}
		}
	}
	if n > 2 {
		return Layer{}, &Error{Param: &Param{Name: "in"}, Offset: in.Offs[3], Msg: "a layer's input is n, HxW or HxWxC"}
	}
	var vals [4][]int64
	for i, p := range [][2]string{{"kernel", ""}, {"stride", "1"}, {"pad", "0"}, {"rate", "1"}} {
		if vals[i], err = s.perAxis(p[0], p[1], n); err != nil {
			return Layer{}, err
		}
	}
	for a := range n {
		l.Axes = append(l.Axes, Axis{In: in.Vals[a], Kernel: vals[0][a], Stride: vals[1][a], Pad: vals[2][a], Rate: vals[3][a]})
	}
	l.Filters, err = s.number("filters", 0)
	return l, err
}

// hwc reads HxW or HxWxC (depth 1).
func (s Settings) hwc(name string) ([3]int64, error) {
	d, err := s.dims(name, "")
	if err != nil {
		return [3]int64{}, err
	}
	switch len(d.Vals) {
	case 2:
		return [3]int64{d.Vals[0], d.Vals[1], 1}, nil
	case 3:
		return [3]int64{d.Vals[0], d.Vals[1], d.Vals[2]}, nil
	}
	return [3]int64{}, &Error{Param: &Param{Name: name}, Offset: d.Offs[0], Msg: fmt.Sprintf("%s is height x width x depth, as 100x100x3, not %d numbers", name, len(d.Vals))}
}

// Design reads a design request: in and out (HxWxC), exact, max-kernel,
// max-rate.
func (s Settings) Design() (DesignRequest, error) {
	var r DesignRequest
	var err error
	if r.In, err = s.hwc("in"); err != nil {
		return r, err
	}
	if r.Out, err = s.hwc("out"); err != nil {
		return r, err
	}
	if v, ok := s["exact"]; ok {
		if r.Exact, err = strconv.ParseBool(orTrue(v)); err != nil {
			return r, &Error{Param: &Param{Name: "exact"}, Offset: 0, Msg: "exact is true or false"}
		}
	}
	if r.MaxKernel, err = s.number("max-kernel", 0); err != nil {
		return r, err
	}
	r.MaxRate, err = s.number("max-rate", 1)
	return r, err
}

func orTrue(v string) string {
	if v == "" {
		return "true"
	}
	return v
}

// Count reads the counting questions: input (NxCxHxW, CxHxW or HxW),
// kernel, stride, pad, rate, out (optional), precision (FP32), filters (1).
func (s Settings) Count() (CountRequest, error) {
	var r CountRequest
	in, err := s.dims("input", "")
	if err != nil {
		return r, err
	}
	if len(in.Vals) < 2 || len(in.Vals) > 4 {
		return r, &Error{Param: &Param{Name: "input"}, Offset: 0, Msg: fmt.Sprintf("the input is N x C x H x W (or C x H x W, or H x W), not %d numbers", len(in.Vals))}
	}
	r.Input = [4]int64{1, 1, 1, 1}
	copy(r.Input[4-len(in.Vals):], in.Vals)
	for _, p := range []struct {
		name, def string
		to        *[2]int64
	}{{"kernel", "", &r.Kernel}, {"stride", "1", &r.Stride}, {"pad", "0", &r.Pad}, {"rate", "1", &r.Rate}} {
		v, err := s.perAxis(p.name, p.def, 2)
		if err != nil {
			return r, err
		}
		copy(p.to[:], v)
	}
	if _, ok := s["out"]; ok {
		if r.Want, err = s.perAxis("out", "", 2); err != nil {
			return r, err
		}
	}
	name, ok := s["precision"]
	if !ok {
		name = "FP32"
	}
	if r.Precision, err = indexmap.PrecisionNamed(name); err != nil {
		return r, &Error{Param: &Param{Name: "precision"}, Offset: 0, Msg: err.Error()}
	}
	if v, ok := s["per-channel"]; ok {
		if r.PerChannel, err = strconv.ParseBool(orTrue(v)); err != nil {
			return r, &Error{Param: &Param{Name: "per-channel"}, Offset: 0, Msg: "per-channel is true or false"}
		}
	}
	r.Filters, err = s.number("filters", 1)
	return r, err
}

// Stack reads a stack: kernels (3x3,3x3), strides (one per layer, 1),
// out (1x1), channels (1).
func (s Settings) Stack() (StackRequest, error) {
	var r StackRequest
	text, ok := s["kernels"]
	if !ok {
		return r, &Error{Param: &Param{Name: "kernels"}, Offset: -1, Msg: "kernels is missing"}
	}
	kernels, err := readPairs("kernels", text)
	if err != nil {
		return r, err
	}
	r.Kernels = kernels
	if text, ok := s["strides"]; ok {
		if r.Strides, err = readPairs("strides", text); err != nil {
			return r, err
		}
	}
	out, err := s.perAxis("out", "1", 2)
	if err != nil {
		return r, err
	}
	copy(r.Out[:], out)
	r.Channels, err = s.number("channels", 1)
	return r, err
}

// readPairs reads a list of sizes, one number or two each.
func readPairs(name, text string) ([][2]int64, error) {
	l, err := ParseList(text)
	if err != nil {
		e := err.(*SyntaxError)
		return nil, &Error{Param: &Param{Name: name}, Offset: e.Offset, Msg: e.Msg}
	}
	var out [][2]int64
	for _, d := range l.Items {
		v, err := d.PerAxis(2)
		if err != nil {
			e := err.(*SyntaxError)
			return nil, &Error{Param: &Param{Name: name}, Offset: e.Offset, Msg: e.Msg}
		}
		out = append(out, [2]int64{v[0], v[1]})
	}
	return out, nil
}
