package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOneReader: the command line reads values, variables and roles as a
// problem file does, with the same errors, each placed in the argument it
// is about (line:col and a caret), exit status 2.
func TestOneReader(t *testing.T) {
	const laplace = "p(y | x; w, b) = 1/2 exp(-|w x + b - y|)"
	const exponential = "p(y | x; w) = x w exp(-x w y)"
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		// A value that mentions a variable, though the term folds to a number.
		{"a value read as 0 x10", []string{"eval", "x", "x=0x10"},
			"derivtex: 1:4: binding \"x=0x10\": a value must be a number, but it mentions x10\nx=0x10\n   ^\n"},
		{"a value 0 y", []string{"eval", "x", "x=0 y"},
			"derivtex: 1:5: binding \"x=0 y\": a value must be a number, but it mentions y\nx=0 y\n    ^\n"},
		{"a value y-y", []string{"eval", "x", "x=y-y"},
			"derivtex: 1:3: binding \"x=y-y\": a value must be a number, but it mentions y\nx=y-y\n  ^\n"},
		{"a value y/y", []string{"eval", "x", "x=y/y"},
			"derivtex: 1:3: binding \"x=y/y\": a value must be a number, but it mentions y\nx=y/y\n  ^\n"},
		{"an entry that mentions a variable", []string{"eval", "x[1]", "x=[1, 0 q]"},
			"derivtex: 1:9: binding \"x=[1, 0 q]\": a value must be a number, but it mentions q\nx=[1, 0 q]\n        ^\n"},
		// Every name the expression uses is bound.
		{"a name the term folds away", []string{"eval", "a + z - z", "a=1"},
			"derivtex: 1:5: no value is given for z: add a binding z=...\na + z - z\n    ^\n"},
		{"an unbound name inside a function", []string{"eval", "sin(y) + x", "x=1"},
			"derivtex: 1:5: no value is given for y: add a binding y=...\nsin(y) + x\n    ^\n"},
		{"a name used outside the sum over it", []string{"eval", "sum(k, k, 1, 3) + k"},
			"derivtex: 1:19: no value is given for k: add a binding k=...\nsum(k, k, 1, 3) + k\n                  ^\n"},
		{"an unbound bound of a sum", []string{"eval", "sum(x[i], i, 1, N)", "x=[1, 2]"},
			"derivtex: 1:17: no value is given for N: add a binding N=...\nsum(x[i], i, 1, N)\n                ^\n"},
		// Errors of the evaluation point at the part they are about.
		{"an element past the end", []string{"eval", "x[3]", "x=[1,2]"},
			"derivtex: 1:1: index 3 out of range 1..2: x is a vector of 2 entries (in x[3])\nx[3]\n^\n"},
		{"the element past the end, not the first", []string{"eval", "x[1] + 2 x[3]", "x=[1,2]"},
			"derivtex: 1:10: index 3 out of range 1..2: x is a vector of 2 entries (in x[3])\nx[1] + 2 x[3]\n         ^\n"},
		{"an undefined part", []string{"eval", "1 + log(x - 1)", "x=1/2"},
			"derivtex: 1:5: log of non-positive number -0.5 (in log(x - 1))\n1 + log(x - 1)\n    ^\n"},
		// Bindings' names, placed in their argument.
		{"a function is no variable", []string{"eval", "x", "x=1", "sin=2"},
			"derivtex: 1:1: binding \"sin=2\": sin is a function, not a variable\nsin=2\n^\n"},
		{"a constant is no variable", []string{"eval", "x", "x=1", " pi=3"},
			"derivtex: 1:2: binding \" pi=3\": pi is a constant, not a variable\n pi=3\n ^\n"},
		{"an element is no name", []string{"eval", "x", "x[1]=3"},
			"derivtex: 1:1: binding \"x[1]=3\": expected a name, found \"x[1]\"\nx[1]=3\n^\n"},
		{"a binding without a value", []string{"eval", "x", "x="},
			"derivtex: 1:3: binding \"x=\": expected a value after \"=\"\nx=\n  ^\n"},
		{"a binding without =", []string{"eval", "x", "x"},
			"derivtex: 1:1: binding \"x\": expected NAME = VALUE, found \"x\"\nx\n^\n"},
		{"a name given twice", []string{"eval", "x", "x=1", "x=2"},
			"derivtex: 1:1: binding \"x=2\": x is given twice\nx=2\n^\n"},
		// --wrt, read and checked as a file's wrt.
		{"an element of a name with two indices", []string{"diff", "x[1,2]", "--wrt", "x[1]"},
			"derivtex: 1:1: --wrt: x[1] has 1 index, but x[1,2] in the expression has 2 indices\nx[1]\n^\n"},
		{"an element of a name without indices", []string{"diff", "x", "--wrt", "x[1]"},
			"derivtex: 1:1: --wrt: x[1] has 1 index, but x in the expression has no index\nx[1]\n^\n"},
		{"a variable listed twice", []string{"diff", "x", "--wrt", "x,x"},
			"derivtex: 1:3: --wrt: x is listed twice\nx,x\n  ^\n"},
		{"a trailing comma", []string{"diff", "x", "--wrt", "x,"},
			"derivtex: 1:3: --wrt: expected a variable after \",\"\nx,\n  ^\n"},
		{"a mistake after a comma, at its column", []string{"diff", "x", "--wrt", "x, y +"},
			"derivtex: 1:7: --wrt: unexpected end of input, expected an operand\nx, y +\n      ^\n"},
		// mle's --params and --response, read and checked as a file's.
		{"every mistake of params, each at its place", []string{"mle", laplace, "--params", "w,  q"},
			"derivtex: 1:1: --params: params w, q disagree with the density's parameters w, b\nw,  q\n^\n" +
				"derivtex: 1:5: --params: parameter q does not occur in the density\nw,  q\n    ^\n"},
		{"a number is no parameter", []string{"mle", laplace, "--params", "2"},
			"derivtex: 1:1: --params: expected a name, found \"2\"\n2\n^\n"},
		{"an unclosed element is no parameter", []string{"mle", laplace, "--params", "w[1"},
			"derivtex: 1:1: --params: expected a name, found \"w[1\"\nw[1\n^\n"},
		{"a trailing comma in params", []string{"mle", laplace, "--params", "w,"},
			"derivtex: 1:3: --params: expected a name after \",\"\nw,\n  ^\n"},
		{"params fewer than the header's", []string{"mle", laplace, "--params", "w"},
			"derivtex: 1:1: --params: params w disagree with the density's parameters w, b\nw\n^\n"},
		{"params that swap roles", []string{"mle", "p(y|x; w) = x w exp(-x w y)", "--params", "x"},
			"derivtex: 1:1: --params: params x disagree with the density's parameters w\nx\n^\n"},
		{"a parameter listed twice", []string{"mle", "w exp(-w y)", "--params", "w, w"},
			"derivtex: 1:4: --params: w is listed twice\nw, w\n   ^\n"},
		{"a response that is not the header's", []string{"mle", exponential, "--response", "x"},
			"derivtex: 1:1: --response: response x disagrees with the density, which is of y\nx\n^\n"},
		{"an empty response", []string{"mle", exponential, "--response", ""},
			"derivtex: 1:1: --response: expected a name\n"},
		{"two responses", []string{"mle", exponential, "--response", "y, x"},
			"derivtex: 1:4: --response: response takes one name\ny, x\n   ^\n"},
		// Errors of the density itself are placed in it.
		{"a density not of its response", []string{"mle", "p(y | x; w) = w"},
			"derivtex: 1:1: the density w is not a function of y\np(y | x; w) = w\n^\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", tc.args...)
			assert.Equal(t, 2, r.status, r.stderr)
			assert.Empty(t, r.stdout)
			assert.Equal(t, tc.stderr, r.stderr)
		})
	}
}

// TestOneReaderAccepts: what a file accepts, the command line does too.
func TestOneReaderAccepts(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdout string
	}{
		{"params with spaces", []string{"mle", "p(y | x; w, b) = 1/2 exp(-|w x + b - y|)", "--params", " b , w "}, "nll:"},
		{"the header's response", []string{"mle", "p(y | x; w) = x w exp(-x w y)", "--response", "y"}, "nll:"},
		{"a variable the term folds away", []string{"diff", "z - z + x", "--wrt", "z"}, "0\n"},
		{"a sum's own index needs no value", []string{"eval", "sum(k, k, 1, 3)"}, "6\n"},
		{"two bindings in one argument", []string{"eval", "x + y", "x=1, y=2"}, "3\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", tc.args...)
			require.Equal(t, 0, r.status, r.stderr)
			assert.Contains(t, r.stdout, tc.stdout)
		})
	}
}

// TestOneReaderJSON: with --json the error carries its place too.
func TestOneReaderJSON(t *testing.T) {
	for _, tc := range []struct {
		args      []string
		line, col int
	}{
		{[]string{"eval", "sin(y) + x", "x=1", "--json"}, 1, 5},
		{[]string{"eval", "x[1] + x[3]", "x=[1, 2]", "--json"}, 1, 8},
		{[]string{"diff", "x[1,2]", "--wrt", "x, x[1]", "--json"}, 1, 1},
		{[]string{"mle", "p(y | x; w) = w", "--json"}, 1, 1},
	} {
		r := runCLI(t, "", tc.args...)
		assert.Equal(t, 2, r.status, r.stderr)
		var a struct {
			Error struct{ Line, Col int }
		}
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &a), r.stdout)
		assert.Equal(t, [2]int{tc.line, tc.col}, [2]int{a.Error.Line, a.Error.Col}, "%q", tc.args)
	}
}

// TestOneReaderBatch: --wrt is checked against each line of a batch, and
// a line it does not fit gets its error in place; a line without the
// variable has the derivative 0, as a constant has.
func TestOneReaderBatch(t *testing.T) {
	r := runCLI(t, "x^2\ny^2\nx[1]^2\n", "diff", "-", "--wrt", "x", "--jobs", "1")
	assert.Equal(t, 2, r.status)
	assert.Equal(t, "2*x\n0\nerror: line 3: 1:1: --wrt: x has no index, but x[1] in the expression has 1 index\n", r.stdout)
}

// TestWrtNotInTheExpression: differentiating by a variable the term does
// not mention gives 0, with a warning, as a file's wrt does.
func TestWrtNotInTheExpression(t *testing.T) {
	r := runCLI(t, "", "diff", "x^2", "--wrt", "y")
	assert.Equal(t, 0, r.status)
	assert.Equal(t, "0\n", r.stdout)
	assert.Equal(t, "derivtex: warning: 1:1: --wrt: y does not occur in the expression to differentiate: its derivative is 0\ny\n^\n", r.stderr)

	// x[i] against x[1]: whether i = 1 is unknown, so no warning that
	// it does not occur, but the differentiator's error.
	r = runCLI(t, "", "diff", "x[1]^2", "--wrt", "x[i]")
	assert.Equal(t, 2, r.status)
	assert.Equal(t, "derivtex: 1:1: cannot differentiate x[1] with respect to x[i]\nx[1]^2\n^\n", r.stderr)

	// With --json, in the answer of that variable too.
	r = runCLI(t, "", "diff", "x^2", "--wrt", "x,y", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 2)
	assert.NotContains(t, lines[0], `"warnings"`)
	assert.Contains(t, lines[1], `"warnings":[{"message":"--wrt: y does not occur in the expression to differentiate: its derivative is 0","line":1,"col":3}]`)

	r = runCLI(t, "", "diff", "5", "--wrt", "x", "--json")
	assert.Equal(t, 0, r.status)
	assert.Contains(t, r.stdout, `"result":{"plain":"0","latex":"0"}`)
}
