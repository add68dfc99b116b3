package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/network"
)

func TestParseNetwork(t *testing.T) {
	p, err := ParseNetwork("", "y = sin(w)^T x; L = -log(y l)\n# a comment\n\n z = W x + b ; s = softmax(z) * 2 - sqrt(|z|)")
	require.NoError(t, err)
	var got []string
	for _, a := range p.Assignments {
		got = append(got, a.Name+" = "+network.Format(a.Expr))
	}
	assert.Equal(t, []string{
		"y = sin(w)^T x",
		"L = -log(y l)",
		"z = W x + b",
		"s = softmax(z) * 2 - abs(z)^(1/2)",
	}, got)
	assert.Equal(t, diag.Pos{Line: 1, Col: 17, Offset: 16}, p.Assignments[1].Pos)
	assert.Equal(t, diag.Pos{Line: 4, Col: 2, Offset: 44}, p.Assignments[2].Pos)
}

func TestParseNetworkErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"y = sin(w", "1:8: unclosed \"(\"\ny = sin(w\n       ^"},
		{"y = 1; z = foo(y)", "1:12: unknown operation \"foo\"\ny = 1; z = foo(y)\n           ^"},
		{"y = x[1]", "1:6: a network names whole tensors: x[...] picks an entry, which networks do not do yet\ny = x[1]\n     ^"},
		{"sin = 2", "1:1: sin cannot be assigned: it is a constant or an operation\nsin = 2\n^"},
		{"y = 2\n  = 3", "2:3: unexpected \"=\"\n  = 3\n  ^"},
	} {
		_, err := ParseNetwork("", tc.src)
		require.Error(t, err, tc.src)
		assert.Equal(t, tc.want, diag.ListOf(err).Report()[:len(diag.ListOf(err).Report())-1], tc.src)
	}
}
