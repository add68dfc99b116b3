package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/answer"
)

func TestConv(t *testing.T) {
	r := runCLI(t, "", "conv", "size", "--in", "13x13", "--kernel", "5", "--stride", "2", "--pad", "2")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "floor((13 + 2*2 - 1*(5 - 1) - 1)/2) + 1 = 7")
	assert.Contains(t, r.stdout, "output   7x7\n")

	r = runCLI(t, "", "conv", "design", "--in", "100x100x3", "--out", "40x40x6", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var d answer.ConvDesign
	decodeStrict(t, r.stdout, &d)
	assert.Equal(t, int64(6), d.Kernels)
	assert.Equal(t, [2]int64{22, 22}, d.Designs[0].Kernel)
	assert.Equal(t, "8718", d.Designs[0].ParamsBias.Value)

	r = runCLI(t, "", "conv", "count", "--input", "4x2x13x13", "--kernel", "5x5", "--stride", "2", "--out", "7x7", "--precision", "fp64", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var c answer.ConvCount
	decodeStrict(t, r.stdout, &c)
	assert.Equal(t, []int64{2}, c.Padding[0].Pads)
	assert.Equal(t, "400", c.Memory[2].Filter.Value)
	assert.Equal(t, "100", c.Ops.TotalBias.Value)
	assert.Equal(t, "100", c.Applications.Count.Value)

	r = runCLI(t, "", "conv", "stack", "--kernels", "3x3,3x3", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var s answer.ConvStack
	decodeStrict(t, r.stdout, &s)
	assert.Equal(t, [2]int64{5, 5}, s.Input)
	assert.Equal(t, "25", s.FreeParams.Value)
	assert.True(t, s.ZeroInit.AllZero)

	r = runCLI(t, "", "conv", "stack", "--kernels", "3x3,3x3", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\boxed{x \in \mathbb{R}^{5 \times 5}}`)
}

// TestConvErrors: every mistake is said of its flag, at its number, with
// exit status 2.
func TestConvErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"size", "--in", "13x13", "--kernel", "15"}, "derivtex: 1:1: --kernel: the kernel spans 15 rows but the padded input has only n + 2p = 13: a kernel of at most 13 fits, or a padding of at least 1\n15\n^\n"},
		{[]string{"size", "--in", "13x13", "--kernel", "5", "--stride", "2x0"}, "derivtex: 1:3: --stride: a stride is a whole number from 1 to 1048576, not 0: the kernel moves at least one row at a time\n2x0\n  ^\n"},
		{[]string{"size", "--in", "13x13", "--kernel", "5x3x2"}, "derivtex: 1:5: --kernel: 3 numbers for 2 axes: give one for all, or one per axis\n5x3x2\n    ^\n"},
		{[]string{"size", "--in", "13xa", "--kernel", "3"}, "derivtex: 1:4: --in: \"a\" is not a whole number: sizes are written as 13x13\n13xa\n   ^\n"},
		{[]string{"size", "--in", "5", "--kernel", "3", "--rate", "3"}, "derivtex: 1:1: --kernel: the kernel dilated at rate 3 spans r(k - 1) + 1 = 7 rows but the padded input has only n + 2p = 5: a kernel of at most 2 fits, or a padding of at least 1\n3\n^\n"},
		{[]string{"size", "--in", "13x13", "--kernel", "3", "--pad", "1x-1"}, "derivtex: 1:3: --pad: a padding is a whole number from 0 to 1048576, not -1\n1x-1\n  ^\n"},
		{[]string{"design", "--in", "10x10", "--out", "40x40"}, "derivtex: 1:1: --out: no layer maps 10 to 40: with kernels up to 10 and padding smaller than the kernel, the output is at most n + k - 1 = 19; it takes a kernel of at least 31\n40x40\n^\n"},
		{[]string{"design", "--in", "100x100x3", "--out", "40x40x0"}, "derivtex: 1:7: --out: an output size is a whole number from 1 to 4096, not 0\n40x40x0\n      ^\n"},
		{[]string{"count", "--input", "4x2x13x13", "--kernel", "5", "--precision", "fp12"}, "derivtex: 1:1: --precision: unknown precision \"fp12\": one of FP64, FP32, FP16, BF16, FP8\nfp12\n^\n"},
		{[]string{"count", "--input", "4x2x13x13", "--kernel", "5", "--stride=-1"}, "derivtex: 1:1: --stride: a stride is a whole number from 1 to 1048576, not -1: the kernel moves at least one row at a time\n-1\n^\n"},
		{[]string{"stack", "--kernels", "3x3,3x0"}, "derivtex: 1:7: --kernels: a kernel size is a whole number from 1 to 1048576, not 0\n3x3,3x0\n      ^\n"},
		{[]string{"stack", "--kernels", "3x3,3x3", "--strides", "1"}, "derivtex: 1:1: --strides: 1 strides for 2 layers: give one per layer\n1\n^\n"},
	}
	for _, tc := range tests {
		t.Run(tc.args[0]+" "+tc.want[:30], func(t *testing.T) {
			r := runCLI(t, "", append([]string{"conv"}, tc.args...)...)
			assert.Equal(t, 2, r.status)
			assert.Equal(t, tc.want, r.stderr)
			r = runCLI(t, "", append(append([]string{"conv"}, tc.args...), "--json")...)
			assert.Equal(t, 2, r.status)
			var f answer.Failure
			decodeStrict(t, r.stdout, &f)
			assert.Equal(t, 1, f.Error.Line)
		})
	}
}

// TestConvProblems: the problem kinds answer as conv does, and their
// mistakes are placed in the file.
func TestConvProblems(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "conv.drv")
	require.NoError(t, os.WriteFile(good, []byte(`problem "Q7" {
    convdesign 100x100x3, out 40x40x6
}
problem "Q8" {
    convcount 4x2x13x13, kernel 5x5, stride 2, out 7x7, precision FP64
}
problem "Size" {
    convsize 13x13, kernel 5, stride 2, pad 2
}
problem "Q10" {
    convstack 3x3, 3x3
}
`), 0o644))
	r := runCLI(t, "", "solve", good, "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var s answer.Solve
	decodeStrict(t, r.stdout, &s)
	ps := s.Files[0].Problems
	require.Len(t, ps, 4)
	assert.Equal(t, [2]int64{22, 22}, ps[0].ConvDesign.Designs[0].Kernel)
	assert.Equal(t, "408", ps[1].ConvCount.Memory[2].FilterBias.Value)
	assert.Equal(t, int64(7), ps[2].ConvSize.Axes[0].Out)
	assert.Equal(t, 17, ps[3].ConvStack.Dimension)

	bad := filepath.Join(dir, "bad.drv")
	require.NoError(t, os.WriteFile(bad, []byte(`problem "A" {
    convsize 13x13, kernel 5, stride 2x0
}
problem "B" {
    convcount 4x2x13x13, kernel 5, colour red
}
problem "C" {
    convsize 13x13, kernel 15
}
`), 0o644))
	r = runCLI(t, "", "solve", bad)
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "bad.drv:2:39: a stride is a whole number from 1 to 1048576, not 0")
	assert.Contains(t, r.stderr, `bad.drv:5:36: convcount has no setting "colour"; expected one of kernel, stride, pad, rate, out, precision, filters`)
	assert.Contains(t, r.stderr, "bad.drv:8:27: the kernel spans 15 rows")

	// Mistakes found while solving are placed too.
	late := filepath.Join(dir, "late.drv")
	require.NoError(t, os.WriteFile(late, []byte(`problem "D" {
    convdesign 10x10, out 40x40
}
problem "E" {
    convstack 3x3, 3x3, 3x3, 3x3, 3x3, 3x3
}
`), 0o644))
	r = runCLI(t, "", "solve", late, "--json")
	assert.Equal(t, 2, r.status)
	decodeStrict(t, r.stdout, &s)
	ps = s.Files[0].Problems
	require.Len(t, ps, 2)
	assert.Equal(t, answer.Error{Message: "no layer maps 10 to 40: with kernels up to 10 and padding smaller than the kernel, the output is at most n + k - 1 = 19; it takes a kernel of at least 31", File: late, Line: 2, Col: 26}, *ps[0].Error)
	assert.Equal(t, answer.Error{Message: "a stack has 1 to 5 layers, not 6", File: late, Line: 5, Col: 15}, *ps[1].Error)
}
