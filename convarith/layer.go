package convarith

import (
	"strconv"
	"strings"
)

// Layer is a convolutional layer's request: its spatial axes (one for a
// 1-D convolution, height and width for a 2-D one), and optionally the
// input's depth and the number of filters (0: not given).
type Layer struct {
	Axes    []Axis
	Depth   int64
	Filters int64
}

// Sized is a layer's output worked out.
type Sized struct {
	Axes []*AxisSize
	// Depth is the input's depth, each filter's depth too; Filters the
	// number of filters, the output's depth. 0 when not given.
	Depth, Filters int64
}

// AxisNames names the axes of a layer with n spatial axes.
func AxisNames(n int) []Names {
	if n == 1 {
		return []Names{Line}
	}
	return []Names{Height, Width}
}

// Size works out the output size of a layer, axis by axis.
func Size(l Layer) (*Sized, error) {
	if len(l.Axes) < 1 || len(l.Axes) > 2 {
		return nil, errorf("in", 0, "a layer has 1 or 2 spatial axes (n, or HxW), not %d", len(l.Axes))
	}
	if l.Depth < 0 || l.Depth > MaxSize {
		return nil, errorf("in", len(l.Axes), "a depth is a whole number from 1 to %d, not %d", MaxSize, l.Depth)
	}
	if l.Filters < 0 || l.Filters > MaxSize {
		return nil, errorf("filters", 0, "a number of filters is a whole number from 1 to %d, not %d", MaxSize, l.Filters)
	}
	names := AxisNames(len(l.Axes))
	s := &Sized{Depth: l.Depth, Filters: l.Filters}
	for i, a := range l.Axes {
		as, err := a.Size(names[i], i)
		if err != nil {
			return nil, err
		}
		s.Axes = append(s.Axes, as)
	}
	return s, nil
}

// JoinInts writes numbers as a list, "2, 3".
func JoinInts(xs []int64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.FormatInt(x, 10)
	}
	return strings.Join(parts, ", ")
}
