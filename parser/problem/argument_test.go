package problem

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/parser"
)

// TestReadArgument: a command-line argument read as a statement gets the
// statement's own errors, placed in the argument with its snippet.
func TestReadArgument(t *testing.T) {
	tests := []struct {
		key, src string
		names    []string
		want     string // the errors' reports; "" for none
	}{
		{"wrt", "w, b", []string{"w", "b"}, ""},
		{"wrt", "W[1, 2], x", []string{"W[1, 2]", "x"}, ""},
		{"wrt", "x,x", nil, "1:3: x is listed twice\nx,x\n  ^\n"},
		{"wrt", "x,", nil, "1:3: expected a variable after \",\"\nx,\n  ^\n"},
		{"wrt", ", sin", nil, "1:1: expected a variable\n, sin\n^\n1:3: sin is a function, not a variable\n, sin\n  ^\n"},
		{"wrt", "x, sin(", nil, "1:8: unexpected end of input, expected an operand\nx, sin(\n       ^\n"},
		{"params", " w ,  b ", []string{"w", "b"}, ""},
		{"params", "2", nil, "1:1: expected a name, found \"2\"\n2\n^\n"},
		{"params", "w[1", nil, "1:1: expected a name, found \"w[1\"\nw[1\n^\n"},
		{"params", "w,", nil, "1:3: expected a name after \",\"\nw,\n  ^\n"},
		{"params", "pi", nil, "1:1: pi is a constant, not a variable\npi\n^\n"},
		{"response", "y", []string{"y"}, ""},
		{"response", "", nil, "1:1: expected a name\n"},
		{"response", "y, x", nil, "1:4: response takes one name\ny, x\n   ^\n"},
		{"given", "x=[1, 2]", nil, ""},
		{"given", "x=0x10", nil, "1:4: a value must be a number, but it mentions x10\nx=0x10\n   ^\n"},
		{"given", "sin=2", nil, "1:1: sin is a function, not a variable\nsin=2\n^\n"},
	}
	for _, tc := range tests {
		t.Run(tc.key+" "+tc.src, func(t *testing.T) {
			a, err := ReadArgument(tc.key, tc.src)
			if tc.want != "" {
				var list diag.List
				require.ErrorAs(t, err, &list)
				assert.Equal(t, tc.want, list.Report())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.names, a.Names)
		})
	}
	_, err := ReadArgument("diff", "x")
	assert.Equal(t, diag.Internal, diag.KindOf(err), "diff is what to derive, not an argument")
}

// TestArgumentCheck: an argument is checked against the expression or
// density it goes with as a file's statement is against its problem's.
func TestArgumentCheck(t *testing.T) {
	tests := []struct {
		key, src, kind string
		want           string
	}{
		{"wrt", "x, y", "x y", ""},
		{"wrt", "z", "z - z + x", ""},
		{"wrt", "y", "x^2", "1:1: y does not occur in the expression to differentiate: its derivative is 0\ny\n^\n"},
		{"wrt", "x[1]", "x", "1:1: x[1] has 1 index, but x in the expression has no index\nx[1]\n^\n"},
		{"wrt", "x, x[1]", "x[1,2]", "1:1: x has no index, but x[1,2] in the expression has 2 indices\nx, x[1]\n^\n1:4: x[1] has 1 index, but x[1,2] in the expression has 2 indices\nx, x[1]\n   ^\n"},
		{"params", "w, b", "p(y | x; w, b) = exp(-|w x + b - y|)", ""},
		{"params", "w", "p(y | x; w, b) = exp(-|w x + b - y|)", "1:1: params w disagree with the density's parameters w, b\nw\n^\n"},
		{"params", "x", "p(y | x; w) = w x exp(-w x y)", "1:1: params x disagree with the density's parameters w\nx\n^\n"},
		{"params", "q", "exp(-w y) w", "1:1: parameter q does not occur in the density\nq\n^\n"},
		{"response", "y", "p(y | x; w) = w x exp(-w x y)", ""},
		{"response", "x", "p(y | x; w) = w x exp(-w x y)", "1:1: response x disagrees with the density, which is of y\nx\n^\n"},
		{"response", "t", "exp(-w y) w", "1:1: response t does not occur in the density\nt\n^\n"},
	}
	for _, tc := range tests {
		t.Run(tc.key+" "+tc.src+" "+tc.kind, func(t *testing.T) {
			a, err := ReadArgument(tc.key, tc.src)
			require.NoError(t, err)
			var kind *Statement
			var uses []parser.Use
			if tc.key == "wrt" {
				x, u, err := parser.ParseTerm("", tc.kind)
				require.NoError(t, err)
				kind, uses = &Statement{Key: "diff", Expr: x}, u
			} else {
				d, err := parser.ParseDensity(tc.kind)
				require.NoError(t, err)
				kind, uses = &Statement{Key: "mle", Density: d, Expr: d.Body}, d.Uses
			}
			warnings, err := a.Check(kind, uses, "the expression")
			if err == nil {
				// A warning is reported as an error would be.
				assert.Equal(t, tc.want, warnings.Report())
				return
			}
			var list diag.List
			require.ErrorAs(t, err, &list)
			assert.Equal(t, tc.want, list.Report())
		})
	}
}
