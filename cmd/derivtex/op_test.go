package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOpSeed: the exam's question 4, select even elements.
func TestOpSeed(t *testing.T) {
	r := runCLI(t, "", "op", "SEE(x[2N])[i] = x[2 i], i = 1..N", "N=10^6", "--loss", "sum(w[i] y[i], i, 1, N)")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "jacobian   dy[i]/dx[j] = [j = 2*i]\n")
	assert.Contains(t, r.stdout, "           N x 2*N (selection), N entries not 0\n")
	assert.Contains(t, r.stdout, "vjp        vjp_SEE(p)[j] = p[j/2] if j even, else 0\n")
	assert.Contains(t, r.stdout, "gradient   dL/dx[j] = w[j/2] if j even, else 0")
	assert.Contains(t, r.stdout, "with the Jacobian: 2*10^12 entries = 8 TB, 2*10^12 multiply-adds\n")
	assert.Contains(t, r.stdout, "with the VJP:      2*10^6 entries = 8 MB, 10^6 multiply-adds\n")

	r = runCLI(t, "", "op", "F(x[N])[i] = x[i], i = 1..1")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "           1 x N (selection), 1 entry not 0\n")
	assert.Contains(t, r.stdout, "           with the VJP:      N entries, 1 multiply-add\n")
}

// TestOpOthers: maps the exam does not name, worked out by hand. Every
// third entry from the second: x[3i - 1] is read for j = 2 (mod 3), at
// i = (j + 1)/3. A shift right by one skips x[1]. Reversal is a
// permutation. Repetition sums the copies back.
func TestOpOthers(t *testing.T) {
	for _, tt := range []struct{ def, want string }{
		{"E3(x[3N])[i] = x[3 i - 1], i = 1..N", "vjp_E3(p)[j] = p[j/3 + 1/3] if j = 2 (mod 3), else 0\n"},
		{"S(x[N])[i] = x[i + 1], i = 1..N - 1", "vjp_S(p)[j] = p[j - 1] if 2 <= j <= N, else 0\n"},
		{"R(x[N])[i] = x[N + 1 - i], i = 1..N", "vjp_R(p)[j] = p[N - j + 1]\n"},
		{"U(x[N])[i, r] = x[i], i = 1..N, r = 1..3", "vjp_U(p)[j] = p[j, 1] + p[j, 2] + p[j, 3]\n"},
		{"Q(x[N])[i] = x[i]^2, i = 1..N", "vjp_Q(p)[j] = 2*p[j]*x[j]\n"},
	} {
		r := runCLI(t, "", "op", tt.def)
		require.Equal(t, 0, r.status, r.stderr)
		assert.Contains(t, r.stdout, tt.want, tt.def)
	}
}

// TestOpErrors: mistakes are errors with their place, exit status 2.
func TestOpErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"op", ""}, "1:1: an operator is defined as"},
		{[]string{"op", "x"}, "1:1: an operator is defined as"},
		{[]string{"op", "SEE(x[2N])[i] = x[2 i], i = 1..N", "N=0"}, `1:3: size "N=0": a size is a whole number from 1, not 0`},
		{[]string{"op", "SEE(x[2N])[i] = x[2 i], i = 1..N", "M=3"}, "the cost 2*N^2 needs a value of N too"},
		{[]string{"op", "SEE(x[2N])[i] = x[2 i], i = 1..N", "--loss", "sum(w[i] y[i], i, 1, M)"}, "1:1: --loss: the sum over i runs from 1 to M; SEE's index i runs from 1 to N"},
		{[]string{"op", "SEE(x[2N])[i] = x[2 i], i = 1..N", "--loss", "sum(w[i] x[i], i, 1, N)"}, "--loss: the loss does not read y"},
		{[]string{"op", "SEE(x[2N])[i] = x[2 i], i = 1..N", "--precision", "fp128"}, `--precision: unknown precision "fp128"`},
	} {
		r := runCLI(t, "", tt.args...)
		assert.Equal(t, 2, r.status, tt.args)
		assert.Contains(t, r.stderr, tt.want, tt.args)
	}
}
