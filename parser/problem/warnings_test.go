package problem

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
)

// TestWarnings: what is read but probably not meant is a warning beside
// the file, with its position and source line; never an error.
func TestWarnings(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unused given", `problem "P" {
    given a = 1, b = [1, 2]
    eval a + 1
}
`, `f.drv:2:18: b is given but no statement of problem "P" uses it
    given a = 1, b = [1, 2]
                 ^
`},
		{"the index of a sum is not the given", `problem "P" {
    given x = [1, 2], i = 2
    eval sum(x[i], i, 1, 2)
}
`, `f.drv:2:23: i is given but no statement of problem "P" uses it
    given x = [1, 2], i = 2
                      ^
`},
		{"given in a simplify problem", `problem "S" {
    given x = 2
    simplify log(exp(x))
}
`, `f.drv:2:5: given has no effect in a simplify problem: only eval, diff, network or op problems use given values
    given x = 2
    ^
`},
		{"given in an mle problem", `problem "M" {
    mle p(y | x; w) = w exp(-w y)
    given w = 2
}
`, `f.drv:3:5: given has no effect in an mle problem: only eval, diff, network or op problems use given values
    given w = 2
    ^
`},
		{"option", `option padding.mode = zeros
problem "P" { simplify x }
`, `f.drv:1:8: option padding.mode is not used by any problem kind yet
option padding.mode = zeros
       ^
`},
		{"wrt a variable the expression does not mention", `problem "P" {
    diff x^2
    wrt x, y
}
`, `f.drv:3:12: y does not occur in the expression to differentiate: its derivative is 0
    wrt x, y
           ^
`},
		{"a given the network does not use", `problem "N" {
    network L = w * w
    given w = 1, v = 2
}
`, `f.drv:3:18: v is given but the network of problem "N" does not use it
    given w = 1, v = 2
                 ^
`},
		{"an option a kind reads", `option cse = on
problem "P" { simplify x }
`, ``},
		{"a given diff uses", `problem "D" {
    given w = pi/2, x = 3
    diff sin(w)^2 x
    wrt w
}
`, ``},
		{"a given that the term folds away is still used", `problem "F" {
    given a = 1, z = 2
    eval a + z - z
}
`, ``},
		{"a given used by an element", `problem "E" {
    given W = [[1, 2], [3, 4]]
    eval W[2, 1]
}
`, ``},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("f.drv", tc.src)
			require.NoError(t, err, "a warning is not an error")
			assert.Equal(t, tc.want, f.Warnings.Report())
			for _, w := range f.Warnings {
				assert.Equal(t, diag.Warning, w.Kind)
			}
		})
	}
}

func TestWarningsOfTheExample(t *testing.T) {
	src, err := os.ReadFile("testdata/example.drv")
	require.NoError(t, err)
	f := mustParse(t, string(src))
	assert.Empty(t, f.Warnings, "option convolution is read by eval and network problems")
}

func TestWarningsBesideErrors(t *testing.T) {
	f, err := Parse("f.drv", "option k = 1\nproblem \"P\" {\n    eval 1 +\n}\n")
	require.Error(t, err)
	assert.Equal(t, diag.Input, diag.KindOf(err))
	require.Len(t, f.Warnings, 1, "the file that could be read keeps its warnings, for tools")
}

func TestMergeKeepsWarnings(t *testing.T) {
	a := mustParse(t, "option k = 1\nproblem \"P\" { simplify x }\n")
	b := mustParse(t, "option j = 2\nproblem \"Q\" { simplify y }\n")
	m := Merge([]*File{a, b})
	require.Len(t, m.Warnings, 2)
	assert.Equal(t, "option j is not used by any problem kind yet", m.Warnings[1].Msg)
}
