package convarith

import (
	"fmt"
	"strconv"
	"strings"
)

// Dims is a size as written, 100x100x3: its numbers and the byte offset
// of each in the text, for errors.
type Dims struct {
	Vals []int64
	Offs []int
}

// SyntaxError is a size that cannot be read, at a byte offset of its
// text.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return e.Msg }

// ParseDims reads whole numbers separated by x (13x13, 4x2x13x13, 5);
// signs are read, so that the engine can say why a negative stride makes
// no sense.
func ParseDims(s string) (Dims, error) {
	var d Dims
	off := 0
	for part := range strings.SplitSeq(s, "x") {
		lead := len(part) - len(strings.TrimLeft(part, " "))
		t := strings.TrimSpace(part)
		if t == "" {
			return Dims{}, &SyntaxError{off + lead, fmt.Sprintf("expected a whole number in %q, as in 13x13", s)}
		}
		v, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			return Dims{}, &SyntaxError{off + lead, fmt.Sprintf("%q is not a whole number: sizes are written as 13x13", t)}
		}
		d.Vals = append(d.Vals, v)
		d.Offs = append(d.Offs, off+lead)
		off += len(part) + 1
	}
	return d, nil
}

// PerAxis spreads a value over n axes: one number serves all, otherwise
// there must be n.
func (d Dims) PerAxis(n int) ([]int64, error) {
	switch len(d.Vals) {
	case 1:
		out := make([]int64, n)
		for i := range out {
			out[i] = d.Vals[0]
		}
		return out, nil
	case n:
		return d.Vals, nil
	}
	at := d.Offs[min(n, len(d.Offs)-1)]
	return nil, &SyntaxError{at, fmt.Sprintf("%d numbers for %d axes: give one for all, or one per axis", len(d.Vals), n)}
}

// Off is the offset of the number that serves axis i.
func (d Dims) Off(i int) int {
	if len(d.Offs) == 0 {
		return 0
	}
	return d.Offs[min(i, len(d.Offs)-1)]
}

// List is several sizes separated by commas (3x3,3x3), each with its
// offset.
type List struct {
	Items []Dims
	Offs  []int
}

// ParseList reads sizes separated by commas.
func ParseList(s string) (List, error) {
	var l List
	off := 0
	for part := range strings.SplitSeq(s, ",") {
		d, err := ParseDims(part)
		if err != nil {
			e := err.(*SyntaxError)
			e.Offset += off
			return List{}, e
		}
		for i := range d.Offs {
			d.Offs[i] += off
		}
		l.Items = append(l.Items, d)
		l.Offs = append(l.Offs, off)
		off += len(part) + 1
	}
	return l, nil
}

// Off is the offset of the number of item i/2's axis i%2, as Stack
// errors count them (2 per layer).
func (l List) Off(i int) int {
	if len(l.Items) == 0 {
		return 0
	}
	item := min(i/2, len(l.Items)-1)
	return l.Items[item].Off(i % 2)
}
