package main

import (
	"encoding/json"
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
			"derivtex: 1:4: binding \"x=5.e3\": unexpected \".\"\nx=5.e3\n   ^\n"},
		{"spaces around the name", []string{"eval", "a", " a = 2"}, 0, "2\n", ""},
		{"an unused binding is a warning", []string{"eval", "x + 1", "x=1", "y=2"}, 0, "2\n",
			"derivtex: warning: binding y=2: the expression does not use y\n"},
		{"a long binding is clipped in a message", []string{"eval", "x", "x=1", "y=[" + strings.Repeat("1, ", 500) + "1]"}, 0, "1\n",
			"derivtex: warning: binding y=[1, 1, 1, 1, 1, 1, 1, 1, ...: the expression does not use y\n"},
		{"the index of a sum is not the binding", []string{"eval", "sum(x[i], i, 1, 2)", "x=[1, 2]", "i=5"}, 0, "3\n",
			"derivtex: warning: binding i=5: the expression does not use i\n"},
		{"more indices than the value has dimensions", []string{"eval", "x[1, 2]", "x=[1, 2]"}, 2, "",
			"derivtex: 1:1: x[1, 2] has 2 indices, but the binding x=[1, 2] is a vector of 2 entries, which takes 1 index\nx[1, 2]\n^\n"},
		{"a matrix used whole is a tensor", []string{"eval", "1 + W", "W=[[1, 2], [3, 4]]"}, 0, "[[2, 3], [4, 5]]\n", ""},
		{"used whole and indexed", []string{"eval", "W - W[1, 1]", "W=[[1, 2], [3, 4]]"}, 0, "[[0, 1], [2, 3]]\n", ""},
		{"a number indexed", []string{"eval", "a[1]", "a=3"}, 2, "",
			"derivtex: 1:1: a[1] has 1 index, but the binding a=3 is a number, which takes no index\na[1]\n^\n"},
		{"one name, two numbers of indices", []string{"eval", "x[1,2] + x[1]", "x=[1]"}, 2, "",
			"derivtex: 1:10: x[1] has 1 index, but x[1,2] before it has 2 indices\nx[1,2] + x[1]\n         ^\n"},
		{"an index out of range names the shape", []string{"eval", "W[3, 1]", "W=[[1, 2], [3, 4]]"}, 2, "",
			"derivtex: 1:1: first index 3 out of range 1..2: W is a 2x2 matrix (in W[3, 1])\nW[3, 1]\n^\n"},
		{"a ragged matrix", []string{"eval", "W[1, 1]", "W=[[1, 0, 2], [2, 1]]"}, 2, "",
			"derivtex: 1:15: binding \"W=[[1, 0, 2], [2, 1]]\": row 2 has 2 entries, row 1 has 3\nW=[[1, 0, 2], [2, 1]]\n              ^\n"},
		{"an unclosed array", []string{"eval", "x[1]", "x=[1, 2"}, 2, "",
			"derivtex: 1:3: binding \"x=[1, 2\": unclosed \"[\"\nx=[1, 2\n  ^\n"},
		{"an empty array", []string{"eval", "x[1]", "x=[]"}, 2, "",
			"derivtex: 1:3: binding \"x=[]\": empty array: a value has at least one entry\nx=[]\n  ^\n"},
		{"a value with a variable", []string{"eval", "x[1]", "x=[1, y]"}, 2, "",
			"derivtex: 1:7: binding \"x=[1, y]\": a value must be a number, but it mentions y\nx=[1, y]\n      ^\n"},
		{"an entry too large for a float, unused", []string{"eval", "x[1]", "x=[1, exp(1000)]"}, 0, "1\n", ""},
		{"an entry too large for a float, used", []string{"eval", "x[2]", "x=[1, exp(1000)]"}, 2, "",
			"derivtex: 1:1: value of x[2]: value overflows a float64 (in exp(1000))\nx[2]\n^\n"},
		{"a function is no variable", []string{"eval", "x", "sin=2"}, 2, "",
			"derivtex: 1:1: binding \"sin=2\": sin is a function, not a variable\nsin=2\n^\n"},
		{"an unbound variable is an error at its use", []string{"eval", "x + y", "x=1"}, 2, "",
			"derivtex: 1:5: no value is given for y: add a binding y=...\nx + y\n    ^\n"},
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
	require.NoError(t, os.WriteFile(path, []byte(`option padding.mode = zeros
problem "P" {
    given W = [[1, 2], [3, 4]], b = 1
    diff W[1,2]^2 + W[2,1]
    wrt W[1,2]
}
`), 0o644))
	r := runCLI(t, "", "solve", path, "--fragment")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "derivtex: warning: "+path+":1:8: option padding.mode is not used by any problem kind yet\n"+
		"option padding.mode = zeros\n       ^\n"+
		"derivtex: warning: "+path+":3:33: b is given but no statement of problem \"P\" uses it\n"+
		"    given W = [[1, 2], [3, 4]], b = 1\n                                ^\n", r.stderr)
	assert.Contains(t, r.stdout, `\frac{\partial}{\partial W_{1,2}}`)
	assert.Contains(t, r.stdout, "At $W_{1,2} = 2$:")

	warnings := r.stderr
	r = runCLI(t, "", "solve", path, "--json")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, warnings, r.stderr)
	assert.Contains(t, r.stdout, `"warnings":[{"message":"option padding.mode is not used by any problem kind yet","file":"`+path+`","line":1,"col":8},`+
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

// TestEvalExactValues: eval answers with the exact value first, a binding
// whose float under- or overflows included, and writes the decimal only
// when it says more than the exact value.
func TestEvalExactValues(t *testing.T) {
	zeros := strings.Repeat("0", 400)
	vector := "[" + strings.Repeat("1, ", 1000) + "1]"
	tests := []struct {
		name   string
		args   []string
		stdout string
		stderr string
	}{
		{"a quotient of a tiny binding", []string{"eval", "1/x", "x=1e-400"}, "10^400\n", ""},
		{"a tiny binding itself", []string{"eval", "x", "x=1e-400"}, "1/10^400 = 1e-400\n", ""},
		{"a long integer with zeros", []string{"eval", "3*x", "x=1e30"}, "3*10^30\n", ""},
		{"a huge fraction", []string{"eval", "1/x + 1/3", "x=1e-400"}, "3" + zeros[1:] + "1/3 = 1e+400\n", ""},
		{"log of a tiny binding", []string{"eval", "log(x)", "x=1e-400"}, "log(1/10^400) = -921.0340371976182\n", ""},
		{"log of a tiny literal", []string{"eval", "log(10^-400)"}, "log(1/10^400) = -921.0340371976182\n", ""},
		{"a root of a huge binding", []string{"eval", "x^(1/4)", "x=1e400"}, "10^100\n", ""},
		{"a root of a huge binding, not exact", []string{"eval", "10 x^(1/3)", "x=1e400"}, "10*(10^400)^(1/3) = 2.1544346900318838e+134\n", ""},
		{"a root of a tiny binding", []string{"eval", "2 sqrt(x)", "x=1e-401"}, "2/sqrt(10^401) = 6.324555320336758e-201\n", ""},
		{"an unused huge binding", []string{"eval", "1", "x=1e400"}, "1\n",
			"derivtex: warning: binding x=1e400: the expression does not use x\n"},
		{"a huge binding that cancels", []string{"eval", "x - x + 1", "x=1e400"}, "1\n", ""},
		{"a sum to the end of int64", []string{"eval", "sum(k, k, 0, N)", "N=9223372036854775807"},
			"42535295865117307928310139910543638528 = 4.253529586511731e+37\n", ""},
		{"a sum from the start of int64", []string{"eval", "sum(k, k, -9223372036854775808, 0)"},
			"-42535295865117307937533511947398414336 = -4.253529586511731e+37\n", ""},
		{"a short sum past int64", []string{"eval", "sum(k, k, N, N+2)", "N=10^30"}, "3000000000000000000000000000003 = 3e+30\n", ""},
		{"an empty sum and product", []string{"eval", "sum(x[k], k, 1, 0) + prod(k, k, 3, 1)", "x=[5]"}, "1\n", ""},
		{"huge numbers that cancel", []string{"eval", "10^400 - 10^400 + 1"}, "1\n", ""},
		{"an integer", []string{"eval", "1000000"}, "1000000\n", ""},
		{"a negative integer", []string{"eval", "-2^60"}, "-1152921504606846976\n", ""},
		{"an integer of 22 digits", []string{"eval", "10^21 + 1"}, "1000000000000000000001 = 1e+21\n", ""},
		{"a fraction", []string{"eval", "x/4", "x=4000001"}, "4000001/4 = 1000000.25\n", ""},
		{"a small fraction", []string{"eval", "1/2^30"}, "1/1073741824 = 9.313225746154785e-10\n", ""},
		{"a closed sum", []string{"eval", "sum(k, k, 1, N)", "N=5000"}, "12502500\n", ""},
		{"a closed sum of squares", []string{"eval", "sum(k^2/2, k, 1, N)", "N=5001"}, "41704177501/2 = 20852088750.5\n", ""},
		{"a long sum without a closed form", []string{"eval", "sum(1/k^2, k, 1, 10^5)"}, "sum(1/k^2, k, 1, 100000) = 1.6449240668982423\n", ""},
		{"a long sum over a vector", []string{"eval", "sum(x[i], i, 1, 1001)", "x=" + vector}, "1001\n", ""},
		{"a long sum over a vector, not an integer", []string{"eval", "sum(x[i], i, 1, 1001)/2", "x=" + vector}, "500.5\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", tc.args...)
			assert.Equal(t, 0, r.status, r.stderr)
			assert.Equal(t, tc.stdout, r.stdout)
			assert.Equal(t, tc.stderr, r.stderr)
		})
	}
	errs := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"tan at pi/2 has no value, though its float has", []string{"eval", "tan(x)", "x=pi/2"},
			"derivtex: 1:1: undefined at the given values: tan of an odd multiple of pi/2\ntan(x)\n^\n"},
		{"a huge value", []string{"eval", "exp(x)", "x=1e400"}, "derivtex: 1:1: value overflows a float64 (in exp(x))\nexp(x)\n^\n"},
		{"a huge binding in a long sum", []string{"eval", "sum(x + k, k, 1, 10^4) + sum(1/k, k, 1, 2000)", "x=1e400"}, ""},
		{"log of a negative tiny binding", []string{"eval", "log(x)", "x=-1e-400"}, "derivtex: 1:1: log of non-positive number -1e-400 (in log(x))\nlog(x)\n^\n"},
	}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", tc.args...)
			assert.Equal(t, 2, r.status, r.stdout)
			if tc.stderr != "" {
				assert.Equal(t, tc.stderr, r.stderr)
			}
			assert.NotContains(t, r.stdout+r.stderr, "Inf")
			assert.NotContains(t, r.stdout+r.stderr, "NaN")
		})
	}
}

// TestEvalExactValuesJSON: value is the float, null when the exact value
// has none; exact is the exact value.
func TestEvalExactValuesJSON(t *testing.T) {
	r := runCLI(t, "", "eval", "1000000", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	assert.JSONEq(t, `{"schema": 1, "input": {"plain": "1000000", "latex": "1000000"},
		"value": 1000000, "exact": {"plain": "1000000", "latex": "1000000"}}`, r.stdout)

	r = runCLI(t, "", "eval", "1/x", "x=1e-400", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var a struct {
		Value *float64
		Exact struct{ Plain string }
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &a))
	assert.Nil(t, a.Value, "10^400 has no float")
	assert.Equal(t, "10^400", a.Exact.Plain)

	r = runCLI(t, "", "eval", "log(x)", "x=1e-400", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &a))
	require.NotNil(t, a.Value)
	assert.InDelta(t, -921.0340371976182, *a.Value, 1e-12)
}

// TestSolveLongSum: a problem file's sum over a given vector too long to
// write out is worked out as the command line works it out, in the
// handout and in --json.
func TestSolveLongSum(t *testing.T) {
	dir := writeFiles(t, map[string]string{"long.drv": "problem \"Long\" {\n    given x = [" + strings.Repeat("1, ", 1000) + "1]\n    eval y = sum(x[i], i, 1, 1001)\n}\n"})
	path := filepath.Join(dir, "long.drv")
	r := runCLI(t, "", "solve", path, "--json")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `"name":"y","value":1001,`)
	r = runCLI(t, "", "solve", path, "--fragment")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\boxed{y = \sum_{i=1}^{1001} x_{i} \approx 1001.0000}`)

	dir = writeFiles(t, map[string]string{"bad.drv": "problem \"Long\" {\n    given x = [" + strings.Repeat("1, ", 1000) + "1]\n    eval y = sum(sqrt(-x[i]), i, 1, 1001)\n}\n"})
	r = runCLI(t, "", "solve", filepath.Join(dir, "bad.drv"), "--json")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "bad.drv:3:10: -1 raised to the non-integer power 0.5 is not real (in sqrt(-x[i]))")
}
