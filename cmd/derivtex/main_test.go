package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/parser"
)

// result is one run of the command.
type result struct {
	status         int
	stdout, stderr string
}

func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	status := run(args, strings.NewReader(stdin), &out, &errb)
	return result{status, out.String(), errb.String()}
}

func TestDiff(t *testing.T) {
	r := runCLI(t, "", "diff", "x w exp(-x w y)", "--wrt", "w")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "x*exp(-w*x*y)*(1 - w*x*y)\n", r.stdout)

	r = runCLI(t, "", "diff", "sin(x)^2", "--wrt", "x", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var a exprAnswer
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &a))
	assert.Equal(t, "sin(x)^2", a.Input)
	assert.Equal(t, "2*cos(x)*sin(x)", a.Result)
	assert.Equal(t, "chain", a.Steps[0].Rule)
	// Every term in the answer parses back to the term it names.
	for _, s := range append([]string{a.Result}, a.Steps[0].Before, a.Steps[0].After) {
		x, err := parser.Parse(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, x.String())
	}

	r = runCLI(t, "", "diff", "x sin(x)", "--wrt", "x", "--steps")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\begin{align*}`)
	assert.Contains(t, r.stdout, `\text{product rule}`)
}

func TestLaTeXAnswers(t *testing.T) {
	r := runCLI(t, "", "diff", "x^3/3 + sin(x)", "--wrt", "x", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "x^{2} + \\cos x\n", r.stdout)

	r = runCLI(t, "x^2\nsqrt(x)\n", "diff", "-", "--wrt", "x", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "2 x\n\\frac{1}{2 \\sqrt{x}}\n", r.stdout)

	r = runCLI(t, "", "simplify", "log(exp(x)) + x", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "2 x\n", r.stdout)

	r = runCLI(t, "", "diff", "x", "--wrt", "x", "--latex", "--json")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "can't be used together")
}

func TestDiffBatch(t *testing.T) {
	r := runCLI(t, "x^2\nsin(x)\n\nlog(x)\n", "diff", "-", "--wrt", "x")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "2*x\ncos(x)\n1/x\n", r.stdout)

	r = runCLI(t, "x^2\nsin(\n", "diff", "-", "--wrt", "x", "--json")
	assert.Equal(t, 2, r.status)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, lines, 2)
	assert.Contains(t, lines[1], `"error":"line 2: 1:5:`)
}

// TestBatchJobs checks that answering lines in parallel changes nothing
// in the output: answers and errors in input order, the same exit status,
// for any number of workers.
func TestBatchJobs(t *testing.T) {
	var in strings.Builder
	for k := range 200 {
		switch k % 17 {
		case 5:
			fmt.Fprintf(&in, "sin(x %d\n", k) // unclosed
		case 11:
			in.WriteString("\n")
		default:
			fmt.Fprintf(&in, "x^%d exp(%d x) + sin(x/%d)\n", k, k%5, k+1)
		}
	}
	for _, cmd := range [][]string{{"diff", "-", "--wrt", "x", "--json"}, {"diff", "-", "--wrt", "x"}, {"diff", "-", "--wrt", "x", "--latex"}, {"simplify", "-"}} {
		want := runCLI(t, in.String(), append(cmd, "--jobs", "1")...)
		require.Equal(t, 2, want.status, want.stderr)
		require.Contains(t, want.stderr, "12 of the input lines failed")
		for _, jobs := range []string{"0", "2", "7"} {
			got := runCLI(t, in.String(), append(cmd, "--jobs", jobs)...)
			assert.Equal(t, want, got, "%v --jobs %s", cmd, jobs)
		}
	}
	// A line over the input limit gets its error in its place, and the
	// lines after it are answered.
	long := strings.Repeat("x", parser.MaxInputBytes+2)
	for _, jobs := range []string{"1", "3"} {
		r := runCLI(t, "x^2\n"+long+"\nx^3\n"+long+"\n", "diff", "-", "--wrt", "x", "--jobs", jobs)
		assert.Equal(t, 2, r.status)
		assert.Equal(t, "2*x\nerror: line 2: 1:1: line longer than 1048576 bytes, the most an expression may hold\n3*x^2\n"+
			"error: line 4: 1:1: line longer than 1048576 bytes, the most an expression may hold\n", r.stdout)
		assert.Contains(t, r.stderr, "2 of the input lines failed")
	}
}

func TestSimplifyAndEval(t *testing.T) {
	r := runCLI(t, "", "simplify", "log(exp(x)) + x")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "2*x\n", r.stdout)

	r = runCLI(t, "", "eval", "sin(w1) x1 + sin(w2) x2", "x1=2", "x2=1", "w1=pi/2", "w2=pi", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	assert.JSONEq(t, `{"value": 2, "exact": "2"}`, r.stdout)

	r = runCLI(t, "", "eval", "sum(x[i] y[i], i, 1, N)", "x=[1, 2, 3]", "y=[1, 1, 2]", "N=3")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "9\n", r.stdout)
}

func TestMLE(t *testing.T) {
	r := runCLI(t, "", "mle", "p(y | x, w) = x w exp(-x w y)", "--params", "w", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var a mleAnswer
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &a))
	assert.Equal(t, "w*sum(x[i]*y[i], i, 1, N) - N*log(w)", a.Objective)
	assert.Equal(t, map[string]string{"w": "N/sum(x[i]*y[i], i, 1, N)"}, a.Stationary)

	r = runCLI(t, "", "mle", "p(y | x; w, b) = 1/2 exp(-|w x + b - y|)", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var raw map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &raw))
	assert.Nil(t, raw["stationary"])
	assert.Equal(t, "sum(abs(w*x[i] + b - y[i]), i, 1, N)", raw["objective"])
}

// TestBadInput: every malformed input gets exit status 2 and a one-line
// reason with line:col (then the line and a caret), never a panic.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		first string // the first line of stderr
	}{
		{"unbalanced", []string{"diff", "sin(x))", "--wrt", "x"}, `derivtex: 1:7: unexpected ")"`},
		{"unknown function", []string{"simplify", "foo(x)"}, `derivtex: 1:1: unknown function "foo"`},
		{"empty", []string{"simplify", ""}, `derivtex: 1:1: `},
		{"not a variable", []string{"diff", "x", "--wrt", "x+1"}, "derivtex: 1:1: --wrt: x+1 is not a variable: expected a name, or an element such as x[1]"},
		{"missing wrt", []string{"diff", "x"}, "derivtex: missing flags: --wrt=STRING"},
		{"unknown command", []string{"frobnicate"}, "derivtex: unexpected argument frobnicate"},
		{"mle unknown param", []string{"mle", "x w exp(-x w y)", "--params", "q"}, "derivtex: parameter q does not occur in the density"},
		{"mle no params", []string{"mle", "x w exp(-x w y)"}, "derivtex: no parameters to estimate"},
		{"mle not in y", []string{"mle", "w exp(-w x)", "--params", "w"}, "derivtex: the density w*exp(-w*x) is not a function of y"},
		{"eval unbound", []string{"eval", "x + y", "x=1"}, "derivtex: no value for y"},
		{"eval log domain", []string{"eval", "log(x)", "x=-1"}, "derivtex: log of non-positive number -1"},
		{"eval division by zero", []string{"eval", "1/x", "x=0"}, "derivtex: division by zero"},
		{"deep parens", []string{"simplify", strings.Repeat("(", 20000) + "x" + strings.Repeat(")", 20000)}, "derivtex: 1:"},
		{"deep sin", []string{"diff", strings.Repeat("sin(", 20000) + "x" + strings.Repeat(")", 20000), "--wrt", "x"}, "derivtex: 1:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", tc.args...)
			assert.Equal(t, 2, r.status, "stderr: %s", r.stderr)
			first, _, _ := strings.Cut(r.stderr, "\n")
			assert.True(t, strings.HasPrefix(first, tc.first), "stderr %q lacks %q", first, tc.first)
			assert.NotContains(t, r.stderr, "goroutine", "no stack traces")
		})
	}
}

// TestResourceBombs: inputs built to explode end with an answer or a clean
// error, never a panic (the time each took is logged; the budgets that
// bound it are tested in TestBudgetsStopBombs).
func TestResourceBombs(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"tower", []string{"simplify", "9^9^9^9"}},
		{"power of a sum", []string{"diff", "(x+1)^100000", "--wrt", "x"}},
		{"huge literal", []string{"eval", "1e999999999"}},
		{"3000-deep sin", []string{"diff", strings.Repeat("sin(", 3000) + "x" + strings.Repeat(")", 3000), "--wrt", "x"}},
		{"factorial", []string{"simplify", "factorial(100000)"}},
		{"huge sum bound", []string{"eval", "sum(i, i, 1, 10^12)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			r := runCLI(t, "", tc.args...)
			assert.Contains(t, []int{0, 2}, r.status, r.stderr)
			assert.NotContains(t, r.stderr, "internal error")
			t.Logf("status %d in %v: %.120s", r.status, time.Since(start), r.stderr)
		})
	}
}

// TestBatchJobsBounded: however many workers are asked for, a few per CPU
// are started.
func TestBatchJobsBounded(t *testing.T) {
	for _, jobs := range []string{"200000000", "2305843009213693952", "4611686018427387904"} {
		r := runCLI(t, "x + 1\nx^2\n", "diff", "-", "--wrt", "x", "--jobs", jobs)
		require.Equal(t, 0, r.status, r.stderr)
		assert.Equal(t, "1\n2*x\n", r.stdout)
	}
}

// TestBatchStopsOnInternalError: after an internal error the batch
// returns at once, without waiting for stdin to end.
func TestBatchStopsOnInternalError(t *testing.T) {
	stdin, feed := io.Pipe()
	defer feed.Close()
	go fmt.Fprintln(feed, "boom") // and stdin stays open
	var out bytes.Buffer
	done := make(chan error)
	go func() {
		done <- batch(&env{stdin: stdin, stdout: &out, stderr: io.Discard}, 2, outPlain,
			func(string) (*exprAnswer, error) { panic("boom") })
	}()
	select {
	case err := <-done:
		require.Error(t, err)
		assert.Equal(t, diag.Internal, diag.KindOf(err))
		assert.Equal(t, "boom", err.Error())
	case <-time.After(10 * time.Second):
		t.Fatal("batch waited for stdin after an internal error")
	}
}

// TestBatchWorkerPanic checks that a panic while answering a line on a
// worker goroutine is reported as an internal failure, like one on the
// main goroutine, instead of ending the process.
func TestBatchWorkerPanic(t *testing.T) {
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader("a\nb\nboom\nc\n"), stdout: &out, stderr: &errb}
	err := batch(e, 3, outPlain, func(src string) (*exprAnswer, error) {
		if src == "boom" {
			panic("boom")
		}
		return &exprAnswer{Result: src}, nil
	})
	require.Error(t, err)
	assert.Equal(t, diag.Internal, diag.KindOf(err))
	assert.Equal(t, "boom", err.Error())
	assert.Equal(t, "a\nb\n", out.String())
}
