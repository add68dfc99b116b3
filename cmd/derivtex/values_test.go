package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEvalValues: eval reads its bindings with the parser's one reader of
// values, as a problem file's given: any term as an entry, exact values
// kept exact for the exact answer, matrices, and the shape of each
// indexed name checked against its binding.
func TestEvalValues(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		status int
		stdout string
		stderr string
	}{
		{"an entry with a comma inside", []string{"eval", "x[1] + x[2]", "x=[max(1, 2), 3]"}, 0, "5\n", ""},
		{"exact entries give an exact answer", []string{"eval", "sin(x[1])", "x=[pi/2, pi]"}, 0, "1\n", ""},
		{"exact entries, not a float", []string{"eval", "sin(x[1]) + y", "x=[pi/2, pi]", "y=1/3"}, 0, "4/3 = 1.3333333333333333\n", ""},
		{"exact sums of elements", []string{"eval", "sum(x[i], i, 1, N)", "x=[1/2, 1/3]", "N=2"}, 0, "5/6 = 0.8333333333333334\n", ""},
		{"the float of the exact value", []string{"eval", "x^2", "x=0.1"}, 0, "1/100 = 0.01\n", ""},
		{"exact but not rational", []string{"eval", "sin(x[1]) + x[2]", "x=[pi/2, pi]"}, 0, "pi + 1 = 4.141592653589793\n", ""},
		{"a sum up to a bound size", []string{"eval", "sum(x[i]^2, i, 1, N)", "x=[1, 2, sqrt(2)]", "N=3"}, 0, "7\n", ""},
		{"a matrix", []string{"eval", "W[2, 1] + W[1, 2]", "W=[[1, 2], [3, 4]]"}, 0, "5\n", ""},
		{"a matrix-vector product", []string{"eval", "sum(W[2, j] x[j], j, 1, 3)", "W=[[1, 0, 2], [2, 1, -1]]", "x=[1, 2, 3]"}, 0, "1\n", ""},
		{"rank 3", []string{"eval", "T[2, 1, 2]", "T=[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]"}, 0, "6\n", ""},
		{"a number with a trailing dot", []string{"eval", "x", "x=5."}, 0, "5\n", ""},
		{"a trailing dot before a letter is refused", []string{"eval", "x", "x=5.e3"}, 2, "",
			"derivtex: 1:2: value of x: unexpected \".\"\n5.e3\n ^\n"},
		{"spaces around the name", []string{"eval", "a", " a = 2"}, 0, "2\n", ""},
		{"an unused binding is a warning", []string{"eval", "x + 1", "x=1", "y=2"}, 0, "2\n",
			"derivtex: warning: binding y=2: the expression does not use y\n"},
		{"the index of a sum is not the binding", []string{"eval", "sum(x[i], i, 1, 2)", "x=[1, 2]", "i=5"}, 0, "3\n",
			"derivtex: warning: binding i=5: the expression does not use i\n"},
		{"more indices than the value has dimensions", []string{"eval", "x[1, 2]", "x=[1, 2]"}, 2, "",
			"derivtex: 1:1: x[1, 2] has 2 indices, but the binding x=[1, 2] is a vector of 2 entries, which takes 1 index\nx[1, 2]\n^\n"},
		{"a matrix used bare", []string{"eval", "1 + W", "W=[[1, 2], [3, 4]]"}, 2, "",
			"derivtex: 1:5: W has no index, but the binding W=[[1, 2], [3, 4]] is a 2x2 matrix, which takes 2 indices\n1 + W\n    ^\n"},
		{"a number indexed", []string{"eval", "a[1]", "a=3"}, 2, "",
			"derivtex: 1:1: a[1] has 1 index, but the binding a=3 is a number, which takes no index\na[1]\n^\n"},
		{"one name, two numbers of indices", []string{"eval", "x[1,2] + x[1]", "x=[1]"}, 2, "",
			"derivtex: 1:10: x[1] has 1 index, but x[1,2] before it has 2 indices\nx[1,2] + x[1]\n         ^\n"},
		{"an index out of range names the shape", []string{"eval", "W[3, 1]", "W=[[1, 2], [3, 4]]"}, 2, "",
			"derivtex: first index 3 out of range 1..2: W is a 2x2 matrix (in W[3, 1])\n"},
		{"a ragged matrix", []string{"eval", "W[1, 1]", "W=[[1, 0, 2], [2, 1]]"}, 2, "",
			"derivtex: 1:13: value of W: row 2 has 2 entries, row 1 has 3\n[[1, 0, 2], [2, 1]]\n            ^\n"},
		{"an unclosed array", []string{"eval", "x[1]", "x=[1, 2"}, 2, "",
			"derivtex: 1:1: value of x: unclosed \"[\"\n[1, 2\n^\n"},
		{"an empty array", []string{"eval", "x[1]", "x=[]"}, 2, "",
			"derivtex: 1:1: value of x: empty array: a value has at least one entry\n[]\n^\n"},
		{"a value with a variable", []string{"eval", "x[1]", "x=[1, y]"}, 2, "",
			"derivtex: 1:5: value of x: a value must be a number, but it mentions y\n[1, y]\n    ^\n"},
		{"a value too large for a float", []string{"eval", "x[1]", "x=[1, exp(1000)]"}, 2, "",
			"derivtex: value of x[2]: value overflows a float64 (in exp(1000))\n"},
		{"a function is no variable", []string{"eval", "x", "sin=2"}, 2, "",
			"derivtex: binding \"sin=2\": sin is a function, not a variable\n"},
		{"an unbound variable stays an error", []string{"eval", "x + y", "x=1"}, 2, "",
			"derivtex: no value for y (in y)\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", tc.args...)
			assert.Equal(t, tc.status, r.status, r.stderr)
			assert.Equal(t, tc.stdout, r.stdout)
			assert.Equal(t, tc.stderr, r.stderr)
		})
	}
}

func TestEvalValuesJSON(t *testing.T) {
	r := runCLI(t, "", "eval", "sin(x[1])", "x=[pi/2, pi]", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	assert.JSONEq(t, `{"schema": 1, "input": {"plain": "sin(x[1])", "latex": "\\sin x_{1}"},
		"value": 1, "exact": {"plain": "1", "latex": "1"}}`, r.stdout)

	// A warning is on stderr, and in the answer for scripts.
	r = runCLI(t, "", "eval", "x + 1", "x=1", "y=2", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "derivtex: warning: binding y=2: the expression does not use y\n", r.stderr)
	assert.JSONEq(t, `{"schema": 1, "input": {"plain": "x + 1", "latex": "x + 1"}, "value": 2,
		"exact": {"plain": "2", "latex": "2"}, "warnings": [{"message": "binding y=2: the expression does not use y"}]}`, r.stdout)
}

// TestDiffVariables: --wrt is read by the reader of a problem file's wrt,
// and a name with two numbers of indices is an error, not a panic.
func TestDiffVariables(t *testing.T) {
	r := runCLI(t, "", "diff", "W[1,2]^2 + W[2,1]", "--wrt", "W[1,2]")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "2*W[1, 2]\n", r.stdout)

	r = runCLI(t, "", "diff", "x[1,2] + x[1]", "--wrt", "x[1]")
	assert.Equal(t, 2, r.status)
	assert.Equal(t, "derivtex: 1:10: x[1] has 1 index, but x[1,2] before it has 2 indices\nx[1,2] + x[1]\n         ^\n", r.stderr)

	r = runCLI(t, "", "diff", "x", "--wrt", "pi")
	assert.Equal(t, 2, r.status)
	assert.Equal(t, "derivtex: 1:1: --wrt: pi is a constant, not a variable\npi\n^\n", r.stderr)

	r = runCLI(t, "", "diff", "x", "--wrt", "x[0]")
	assert.Equal(t, 2, r.status)
	assert.True(t, strings.HasPrefix(r.stderr, "derivtex: 1:1: --wrt: the indices of x[0] must be whole numbers from 1, or names\n"), r.stderr)
}

// TestSolveWarnings: a problem file's warnings go to stderr before the
// handout, with their snippets, and leave the exit status alone.
func TestSolveWarnings(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.drv")
	require.NoError(t, os.WriteFile(path, []byte(`option convolution = cross-correlation
problem "P" {
    given W = [[1, 2], [3, 4]], b = 1
    diff W[1,2]^2 + W[2,1]
    wrt W[1,2]
}
`), 0o644))
	r := runCLI(t, "", "solve", path, "--fragment")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "derivtex: warning: "+path+":1:8: option convolution is not used by any problem kind yet\n"+
		"option convolution = cross-correlation\n       ^\n"+
		"derivtex: warning: "+path+":3:33: b is given but no statement of problem \"P\" uses it\n"+
		"    given W = [[1, 2], [3, 4]], b = 1\n                                ^\n", r.stderr)
	assert.Contains(t, r.stdout, `\frac{\partial}{\partial W_{1,2}}`)
	assert.Contains(t, r.stdout, "At $W_{1,2} = 2$:")

	warnings := r.stderr
	r = runCLI(t, "", "solve", path, "--json")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, warnings, r.stderr)
	assert.Contains(t, r.stdout, `"warnings":[{"message":"option convolution is not used by any problem kind yet","file":"`+path+`","line":1,"col":8},`+
		`{"message":"b is given but no statement of problem \"P\" uses it","file":"`+path+`","line":3,"col":33}]`)
	assert.Contains(t, r.stdout, `"at_given":{"input":{"plain":"2*W[1, 2]","latex":"2 W_{1,2}"},"value":4,"exact":{"plain":"4","latex":"4"}}`)
}

// TestSolveIndexErrors: a given and a statement that disagree on a
// name's number of indices is an error at the statement.
func TestSolveIndexErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "e.drv")
	require.NoError(t, os.WriteFile(path, []byte("problem \"P\" {\n    given x = [1, 2]\n    eval x[1, 2]\n}\n"), 0o644))
	r := runCLI(t, "", "solve", path)
	assert.Equal(t, 2, r.status)
	assert.Equal(t, "derivtex: "+path+":3:10: x[1, 2] has 2 indices, but x is given at line 2 as a vector of 2 entries, which takes 1 index\n"+
		"    eval x[1, 2]\n         ^\n", r.stderr)
}
