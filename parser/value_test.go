package parser

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/tensor"
)

// TestParseValue reads values of every rank, exactly: the shape and the
// print of the tensor (which is also how it reads back).
func TestParseValue(t *testing.T) {
	tests := []struct {
		src   string
		shape []int
		want  string
	}{
		{"2", nil, "2"},
		{"pi/2", nil, "pi/2"},
		{"sum(k, k, 1, 3)", nil, "sum(k, k, 1, 3)"},
		{"[2, 1]", []int{2}, "[2, 1]"},
		{"[pi/2, pi]", []int{2}, "[pi/2, pi]"},
		{"[max(1, 2), 3]", []int{2}, "[2, 3]"},
		{"[0.5, 1e-3, -2]", []int{3}, "[1/2, 1/1000, -2]"},
		{"5.", nil, "5"},
		{"[5., -2.]", []int{2}, "[5, -2]"},
		{"[7]", []int{1}, "[7]"},
		{"[[1, 0, 2], [2, 1, -1]]", []int{2, 3}, "[[1, 0, 2], [2, 1, -1]]"},
		{"[[1], [2]]", []int{2, 1}, "[[1], [2]]"},
		{"[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]", []int{2, 2, 2}, "[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]"},
		{"[[[[1]]]]", []int{1, 1, 1, 1}, "[[[[1]]]]"},
		{" [ 1 ,\n 2 ] ", []int{2}, "[1, 2]"},
		{"[sqrt(2)/2, |-3|, (1 + 2)^2]", []int{3}, "[sqrt(2)/2, 3, 9]"},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			v, err := ParseValue(tc.src)
			require.NoError(t, err)
			assert.Equal(t, len(tc.shape), v.Rank())
			if tc.shape != nil {
				assert.Equal(t, tc.shape, v.Shape())
			}
			assert.Equal(t, tc.want, v.String())
		})
	}
	v, err := ParseValue("[pi/2, pi]")
	require.NoError(t, err)
	assert.Same(t, expr.Div(expr.Pi, expr.Two), v.At(1), "exact, not 1.5707963267948966")
	m, err := ParseValue("[[1, 2], [3, 4]]")
	require.NoError(t, err)
	assert.Equal(t, expr.Int(3), m.At(2, 1), "row-major, 1-based")
}

// TestParseValueErrors checks the refusals as full strings: position,
// message, line and caret.
func TestParseValueErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"[[1, 0, 2], [2, 1]]", "1:13: row 2 has 2 entries, row 1 has 3\n[[1, 0, 2], [2, 1]]\n            ^"},
		{"[[1, 2], [3]]", "1:10: row 2 has 1 entry, row 1 has 2\n[[1, 2], [3]]\n         ^"},
		{"[1, [2]]", "1:5: entry 2 is a vector of 1 entry, entry 1 is a number\n[1, [2]]\n    ^"},
		{"[[1], 2]", "1:7: entry 2 is a number, entry 1 is a vector of 1 entry\n[[1], 2]\n      ^"},
		{"[[[1, 2], [3, 4]], [[1, 2]]]", "1:20: entry 2 is a 1x2 matrix, entry 1 is a 2x2 matrix\n[[[1, 2], [3, 4]], [[1, 2]]]\n                   ^"},
		{"[]", "1:1: empty array: a value has at least one entry\n[]\n^"},
		{"[[1], []]", "1:7: empty array: a value has at least one entry\n[[1], []]\n      ^"},
		{"[1, 2,]", "1:7: unexpected \"]\": expected an entry after \",\"\n[1, 2,]\n      ^"},
		{"[,]", "1:2: unexpected \",\"\n[,]\n ^"},
		{"[1 2]", "1:4: unexpected \"2\": write \"*\" to multiply by a number\n[1 2]\n   ^"},
		{"[1, 2", "1:1: unclosed \"[\"\n[1, 2\n^"},
		{"[1, 2)", "1:6: unexpected \")\", expected \",\" or \"]\"\n[1, 2)\n     ^"},
		{"[[[[[1]]]]]", "1:5: an array has at most 4 dimensions\n[[[[[1]]]]]\n    ^"},
		{"[1, 2] + 1", "1:8: unexpected \"+\" after the array: an array is a whole value, not part of a term\n[1, 2] + 1\n       ^"},
		{"[1, y]", "1:5: a value must be a number, but it mentions y\n[1, y]\n    ^"},
		{"2 x[1]", "1:3: a value must be a number, but it mentions x\n2 x[1]\n  ^"},
		{"[1/0]", "1:3: undefined value: division by zero\n[1/0]\n  ^"},
		// What the source mentions, though the term folds to a number.
		{"0x10", "1:2: a value must be a number, but it mentions x10\n0x10\n ^"},
		{"0 y", "1:3: a value must be a number, but it mentions y\n0 y\n  ^"},
		{"y-y", "1:1: a value must be a number, but it mentions y\ny-y\n^"},
		{"y/y", "1:1: a value must be a number, but it mentions y\ny/y\n^"},
		{"[1, 0 q]", "1:7: a value must be a number, but it mentions q\n[1, 0 q]\n      ^"},
		{"sum(k, k, 1, N)", "1:14: a value must be a number, but it mentions N\nsum(k, k, 1, N)\n             ^"},
		{"sum(k, k, 1, k)", "1:14: a value must be a number, but it mentions k\nsum(k, k, 1, k)\n             ^"},
		{"diff(x^2, x) - diff(x^2, x)", "1:6: a value must be a number, but it mentions x\ndiff(x^2, x) - diff(x^2, x)\n     ^"},
		{"[sin(]", "1:6: unexpected \"]\"\n[sin(]\n     ^"},
		{"", "1:1: unexpected end of input, expected an operand\n"},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			_, err := ParseValue(tc.src)
			require.Error(t, err)
			assert.Equal(t, tc.want, render(err))
		})
	}
}

// TestArrayIsNoTerm: an array literal is a whole value, never part of a
// term, and the error says so.
func TestArrayIsNoTerm(t *testing.T) {
	for _, src := range []string{"[1, 2]", "x + [1, 2]", "sin([1])"} {
		_, err := Parse(src)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), `unexpected "[": an array [a, b] is a whole value (of a binding or a given), not part of a term`, src)
	}
}

// TestValueLimits: the parser's limits bound values too.
func TestValueLimits(t *testing.T) {
	deep := strings.Repeat("[", 3) + strings.Repeat("(", MaxDepth) + "1" + strings.Repeat(")", MaxDepth) + strings.Repeat("]", 3)
	_, err := ParseValue(deep)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nesting deeper than 5000")

	wide := "[" + strings.Repeat("1, ", MaxNodes) + "1]"
	_, err = ParseValue(wide)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "expression too large")

	huge := "[" + strings.Repeat("1,", MaxInputBytes/2) + "1]"
	_, err = ParseValue(huge)
	require.Error(t, err)
	assert.Equal(t, "1:1: input larger than 1 MiB", err.Error())

	big := "[" + strings.Repeat("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], ", 999) + "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]"
	v, err := ParseValue(big)
	require.NoError(t, err)
	assert.Equal(t, []int{1000, 10}, v.Shape())
}

// TestValueRoundTrip prints random tensors of random shapes with exact
// entries and reads them back: the same shape and the same (interned)
// entries.
func TestValueRoundTrip(t *testing.T) {
	g := termGen{r: rand.New(rand.NewPCG(3, 4))}
	constant := func() expr.Expr {
		for {
			x := g.term(2)
			if len(expr.FreeSymbols(x)) == 0 && !expr.IsUndefined(x) {
				return x
			}
		}
	}
	for k := range 300 {
		shape := make([]int, k%(tensor.MaxRank+1))
		n := 1
		for d := range shape {
			shape[d] = 1 + g.r.IntN(3)
			n *= shape[d]
		}
		entries := make([]expr.Expr, n)
		for e := range entries {
			entries[e] = constant()
		}
		want, err := tensor.New(shape, entries)
		require.NoError(t, err)
		src := want.String()
		got, err := ParseValue(src)
		require.NoError(t, err, "case %d: %s", k, src)
		require.True(t, want.Equal(got), "case %d: %s read back as %s", k, src, got)
		require.Equal(t, src, got.String())
	}
}

// TestIndexCounts: within one input a name takes one number of indices,
// none for a plain name; the second use that differs is the error.
func TestIndexCounts(t *testing.T) {
	tests := []struct{ src, want string }{
		{"x[1,2] + x[1]", "1:10: x[1] has 1 index, but x[1,2] before it has 2 indices\nx[1,2] + x[1]\n         ^"},
		{"x + x[1]", "1:5: x[1] has 1 index, but x before it has no index\nx + x[1]\n    ^"},
		{"x[1] + x", "1:8: x has no index, but x[1] before it has 1 index\nx[1] + x\n       ^"},
		{"sum(x[i], i, 1, x)", "1:17: x has no index, but x[i] before it has 1 index\nsum(x[i], i, 1, x)\n                ^"},
		{"W[y[1], 2] + y", "1:14: y has no index, but y[1] before it has 1 index\nW[y[1], 2] + y\n             ^"},
		{"W[i, j] W[i]", "1:9: W[i] has 1 index, but W[i, j] before it has 2 indices\nW[i, j] W[i]\n        ^"},
		{"W[1,\n  2] + W[1]", "2:8: W[1] has 1 index, but W[1, 2] before it has 2 indices\n  2] + W[1]\n       ^"},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			_, err := Parse(tc.src)
			require.Error(t, err)
			assert.Equal(t, tc.want, render(err))
		})
	}
	_, _, err := ParseEquation("x[1] = x")
	require.Error(t, err)
	assert.Equal(t, "1:8: x has no index, but x[1] before it has 1 index", err.Error(), "both sides of an equation are one input")

	for _, ok := range []string{"W[1, 2] W[2, 1] + W[i, j]", "diff(x[1]^2, x[1])", "sum(x[i] y[i], i, 1, N)", "x[x_1]"} {
		_, err := Parse(ok)
		assert.NoError(t, err, ok)
	}
}

func TestParseTermUses(t *testing.T) {
	x, uses, err := ParseTerm("f.drv", "sin(W[1,2]) + sum(x[i], i, 1, N) + pi")
	require.NoError(t, err)
	assert.Equal(t, "pi + sum(x[i], i, 1, N) + sin(W[1, 2])", x.String())
	var got []string
	for _, u := range uses {
		got = append(got, fmt.Sprintf("%s %s %s %d", u.Name, u.Text, u.Pos, u.Indices))
	}
	assert.Equal(t, []string{"W W[1,2] f.drv:1:5 2", "x x[i] f.drv:1:19 1", "i i f.drv:1:21 0", "N N f.drv:1:31 0"}, got,
		"first uses in source order, as written; pi is a constant, not a name")
}

// TestParseTermFree: Free is the first use outside every sum and prod
// over the name, read from the source, so that names a term folds away
// (0 y, z - z) still count.
func TestParseTermFree(t *testing.T) {
	tests := []struct {
		src  string
		want []string // name and its Free position, "-" for none
	}{
		{"0 y", []string{"y 1:3"}},
		{"a + z - z", []string{"a 1:1", "z 1:5"}},
		{"sum(x[k], k, 1, N)", []string{"x 1:5", "k -", "N 1:17"}},
		{"sum(k, k, 1, 3) + k", []string{"k 1:19"}},
		{"prod(sum(k j, k, 1, j), j, 1, k)", []string{"k 1:31", "j -"}},
		{"sum(k, k, 1, k)", []string{"k 1:14"}},
		{"pi + e", nil},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			_, uses, err := ParseTerm("", tc.src)
			require.NoError(t, err)
			var got []string
			for _, u := range uses {
				at := "-"
				if u.Free.IsValid() {
					at = u.Free.String()
				}
				got = append(got, u.Name+" "+at)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestLocate finds the part of a source that builds a term, the first
// where several do, and none where folding lost it.
func TestLocate(t *testing.T) {
	tests := []struct {
		src, term string
		want      string // "" for none
	}{
		{"x[1] + x[3]", "x[3]", "1:8"},
		{"2 x[3] + x[3]^2", "x[3]", "1:3"},
		{"sin(y) + x", "y", "1:5"},
		{"sin(y) + x", "sin(y)", "1:1"},
		{"1 + log(x - 1)", "log(x - 1)", "1:5"},
		{"1 + log(x - 1)", "x - 1", "1:9"},
		{"0 x[3]", "x[3]", "1:3"},
		{"0 x[3]", "x[4]", ""},
		{"sin(", "x", ""},
	}
	for _, tc := range tests {
		t.Run(tc.src+" "+tc.term, func(t *testing.T) {
			x, err := Parse(tc.term)
			require.NoError(t, err)
			at, ok := Locate(tc.src, x)
			if tc.want == "" {
				assert.False(t, ok)
				return
			}
			require.True(t, ok)
			assert.Equal(t, tc.want, at.String())
		})
	}
}

func TestParseVariable(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"w", "w"},
		{" x ", "x"},
		{"x[1]", "x[1]"},
		{"W[1,2]", "W[1, 2]"},
		{"x[i]", "x[i]"},
	} {
		v, err := ParseVariable(tc.src)
		require.NoError(t, err, tc.src)
		assert.Equal(t, tc.want, v.String())
	}
	for _, tc := range []struct{ src, want string }{
		{"x+1", "1:1: x+1 is not a variable: expected a name, or an element such as x[1]\nx+1\n^"},
		{"2", "1:1: 2 is not a variable: expected a name, or an element such as x[1]\n2\n^"},
		{"pi", "1:1: pi is a constant, not a variable\npi\n^"},
		{" e", "1:2: e is a constant, not a variable\n e\n ^"},
		{"sin", "1:1: sin is a function, not a variable\nsin\n^"},
		{"x[0]", "1:1: the indices of x[0] must be whole numbers from 1, or names\nx[0]\n^"},
		{"x[i + 1]", "1:1: the indices of x[i + 1] must be whole numbers from 1, or names\nx[i + 1]\n^"},
		{"x[1/2]", "1:1: the indices of x[1/2] must be whole numbers from 1, or names\nx[1/2]\n^"},
		{"x[", "1:3: unexpected end of input, expected an operand\nx[\n  ^"},
		{"[1]", "1:1: unexpected \"[\": an array [a, b] is a whole value (of a binding or a given), not part of a term\n[1]\n^"},
	} {
		_, err := ParseVariable(tc.src)
		require.Error(t, err, tc.src)
		assert.Equal(t, tc.want, render(err), tc.src)
	}
}
