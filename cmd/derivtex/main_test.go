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

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
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
	var a answer.Diff
	decodeStrict(t, r.stdout, &a)
	assert.Equal(t, answer.Schema, a.Schema)
	assert.Equal(t, "sin(x)^2", a.Input.Plain)
	assert.Equal(t, "x", a.Wrt)
	assert.Equal(t, "2*cos(x)*sin(x)", a.Result.Plain)
	assert.Equal(t, "2 \\cos x \\sin x", a.Result.LaTeX)
	assert.Equal(t, "chain", a.Steps[0].Rule)
	assert.Empty(t, a.Terms)
	// Every term in the answer parses back to the term it names.
	for _, s := range append([]string{a.Result.Plain}, a.Steps[0].Before, a.Steps[0].After) {
		x, err := parser.Parse(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, x.String())
	}

	r = runCLI(t, "", "diff", "x sin(x)", "--wrt", "x", "--steps", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\begin{align*}`)
	assert.Contains(t, r.stdout, `\text{product rule}`)

	r = runCLI(t, "", "diff", "x sin(x)", "--wrt", "x", "--steps")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "diff(x*sin(x), x)\n"+
		"  = x*diff(sin(x), x) + sin(x)   product rule\n"+
		"  = x*cos(x) + sin(x)            derivative of sin\n", r.stdout)
}

// decodeStrict decodes one JSON answer, refusing fields the schema does
// not have (docs/json.md).
func decodeStrict(t *testing.T, text string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(text))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(v), text)
	require.False(t, dec.More(), "one answer: %s", text)
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
	var f answer.Failure
	decodeStrict(t, lines[1], &f)
	assert.Equal(t, answer.Failure{Schema: 1, Line: 2, Input: "sin(", Error: answer.Error{Message: "unexpected end of input, expected an operand", Line: 1, Col: 5}}, f)
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
	assert.JSONEq(t, `{"schema": 1, "input": {"plain": "x1*sin(w1) + x2*sin(w2)", "latex": "x_{1} \\sin w_{1} + x_{2} \\sin w_{2}"},
		"value": 2, "exact": {"plain": "2", "latex": "2"}}`, r.stdout)

	r = runCLI(t, "", "eval", "sum(x[i] y[i], i, 1, N)", "x=[1, 2, 3]", "y=[1, 1, 2]", "N=3")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "9\n", r.stdout)
}

func TestMLE(t *testing.T) {
	r := runCLI(t, "", "mle", "p(y | x, w) = x w exp(-x w y)", "--params", "w", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var a answer.MLE
	decodeStrict(t, r.stdout, &a)
	assert.Equal(t, "w*sum(x[i]*y[i], i, 1, N) - N*log(w)", a.Objective.Plain)
	require.Len(t, a.Estimates, 1)
	assert.Equal(t, "w", a.Estimates[0].Param)
	assert.Equal(t, "N/sum(x[i]*y[i], i, 1, N)", a.Estimates[0].Plain)
	assert.Equal(t, []string{"w"}, a.Params)
	assert.Equal(t, "y", a.Response)

	r = runCLI(t, "", "mle", "p(y | x; w, b) = 1/2 exp(-|w x + b - y|)", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var raw map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &raw))
	assert.Nil(t, raw["estimates"])
	assert.NotEmpty(t, raw["no_closed_form"])
	assert.Equal(t, "sum(abs(w*x[i] + b - y[i]), i, 1, N)", raw["objective"].(map[string]any)["plain"])

	r = runCLI(t, "", "mle", "p(y | x; w) = x w exp(-x w y)")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "nll:       w*sum(x[i]*y[i], i, 1, N) - N*log(w) - sum(log(x[i]), i, 1, N)\n", strings.SplitAfter(r.stdout, "\n")[0])
	assert.Equal(t, "domain:    w > 0\n", strings.SplitAfter(r.stdout, "\n")[3])
	assert.Equal(t, "w_hat:     N/sum(x[i]*y[i], i, 1, N)\n", strings.SplitAfter(r.stdout, "\n")[4], "the terms line up")

	// Known constants and a domain bounded on both sides, in text and JSON.
	r = runCLI(t, "", "mle", "p(y | x; w, theta) = theta^y (1 - theta)^(1 - y) exp(-(w x)^2/(2 sigma^2))", "--const", "sigma")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "\nknown:     sigma\n")
	assert.Contains(t, r.stdout, "\ndomain:    0 < theta < 1\n")
	r = runCLI(t, "", "mle", "p(y | x; w, theta) = theta^y (1 - theta)^(1 - y) exp(-(w x)^2/(2 sigma^2))", "--const", "sigma", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var m answer.MLE
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &m))
	assert.Equal(t, []string{"x"}, m.Data)
	assert.Equal(t, []string{"sigma"}, m.Consts)
	require.Len(t, m.Domain, 1)
	assert.Equal(t, "theta", m.Domain[0].Param)
	assert.Equal(t, "0", m.Domain[0].Lo.Plain)
	assert.Equal(t, "1", m.Domain[0].Hi.Plain)

	// --latex alone: the same results as align* rows.
	r = runCLI(t, "", "mle", "p(y | x; w) = x w exp(-x w y)", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "\\begin{align*}\n-\\log L(w) &= w \\sum_{i=1}^{N} x_{i} y_{i} - N \\log w"), r.stdout)
	assert.Contains(t, r.stdout, `\hat{w} &= \frac{N}{\sum_{i=1}^{N} x_{i} y_{i}}`)
	r = runCLI(t, "", "mle", "p(y | x; w, b) = 1/2 exp(-|w x + b - y|)", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\intertext{No closed-form estimate: `)
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
		{"mle unknown param", []string{"mle", "x w exp(-x w y)", "--params", "q"}, "derivtex: 1:1: --params: parameter q does not occur in the density"},
		{"mle no params", []string{"mle", "x w exp(-x w y)"}, "derivtex: 1:1: no parameters to estimate"},
		{"mle not in y", []string{"mle", "w exp(-w x)", "--params", "w"}, "derivtex: 1:1: the density w*exp(-w*x) is not a function of y"},
		{"eval unbound", []string{"eval", "x + y", "x=1"}, "derivtex: 1:5: no value is given for y"},
		{"eval log domain", []string{"eval", "log(x)", "x=-1"}, "derivtex: 1:1: log of non-positive number -1"},
		{"eval division by zero", []string{"eval", "1/x", "x=0"}, "derivtex: 1:1: division by zero"},
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
		done <- batch(&env{stdin: stdin, stdout: &out, stderr: io.Discard}, 2, false,
			func(string) (string, error) { panic("boom") })
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
	err := batch(e, 3, false, func(src string) (string, error) {
		if src == "boom" {
			panic("boom")
		}
		return src, nil
	})
	require.Error(t, err)
	assert.Equal(t, diag.Internal, diag.KindOf(err))
	assert.Equal(t, "boom", err.Error())
	assert.Equal(t, "a\nb\n", out.String())
}

// TestCommandLineAsTyped: a term that starts with a minus sign is a term
// where the command has no flag of that name, so an answer pastes into
// the next command unchanged; --wrt takes a list; a mistake in a flag's
// value names the flag.
func TestCommandLineAsTyped(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"eval", "-x", "x=2"}, "-2\n"},
		{[]string{"simplify", "-2*x + x"}, "-x\n"},
		{[]string{"diff", "-x^2", "--wrt", "x"}, "-2*x\n"},
		{[]string{"diff", "--wrt", "x", "-x^3", "--latex"}, "-3 x^{2}\n"},
		{[]string{"diff", "w x + b", "--wrt", "w,b"}, "d/dw: x\nd/db: 1\n"},
		{[]string{"diff", "W[1,2] x", "--wrt", "W[1,2], x"}, "d/dW[1, 2]: x\nd/dx: W[1, 2]\n"},
		{[]string{"diff", "-", "--wrt", "x", "--jobs", "1"}, "-2*x\n"},
	}
	for _, tc := range tests {
		stdin := ""
		if tc.args[1] == "-" {
			stdin = "-x^2\n"
		}
		r := runCLI(t, stdin, tc.args...)
		require.Equal(t, 0, r.status, "%q: %s", tc.args, r.stderr)
		assert.Equal(t, tc.want, r.stdout, "%q", tc.args)
	}
	// A previous answer, pasted as it is.
	first := runCLI(t, "", "diff", "1/x", "--wrt", "x")
	second := runCLI(t, "", "diff", strings.TrimSpace(first.stdout), "--wrt", "x")
	require.Equal(t, 0, second.status, second.stderr)
	assert.Equal(t, "2/x^3\n", second.stdout)

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"diff", "x", "--wrt", "x, sin("}, "derivtex: 1:8: --wrt: unexpected end of input"},
		{[]string{"diff", "x", "--wrt", "x+1"}, "derivtex: 1:1: --wrt: x+1 is not a variable: "},
		{[]string{"diff", "x", "--wrt", "x", "--max-output", "lots"}, "derivtex: --max-output: "},
		{[]string{"diff", "x", "--wrt", "x", "--jobs", "many"}, "derivtex: --jobs: "},
		{[]string{"diff", "x", "--wrt", "x", "--bogus"}, "derivtex: unknown flag --bogus"},
	} {
		r := runCLI(t, "", tc.args...)
		assert.Equal(t, 2, r.status, "%q", tc.args)
		assert.True(t, strings.HasPrefix(r.stderr, tc.want), "%q: %s", tc.args, r.stderr)
	}
}

// TestCSE: --cse writes a derivative with its repeated subexpressions
// named, and the definitions put back give the derivative itself.
func TestCSE(t *testing.T) {
	r := runCLI(t, "", "diff", "sigmoid(w x + b)^2 log(sigmoid(w x + b))", "--wrt", "w", "--cse")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "x*u1^2*(1 - u1)*(2*log(u1) + 1)\nwhere\n  u1 = sigmoid(w*x + b)\n", r.stdout)

	plain := runCLI(t, "", "diff", "sigmoid(w x + b)^2 log(sigmoid(w x + b))", "--wrt", "w")
	named, err := parser.Parse("x*u1^2*(1 - u1)*(2*log(u1) + 1)")
	require.NoError(t, err)
	u1, err := parser.Parse("sigmoid(w*x + b)")
	require.NoError(t, err)
	assert.Equal(t, strings.TrimSpace(plain.stdout), expr.Substitute(named, map[expr.Expr]expr.Expr{expr.Sym("u1"): u1}).String())

	r = runCLI(t, "", "diff", "x^2", "--wrt", "x", "--cse")
	assert.Equal(t, "2*x\n", r.stdout, "nothing repeated, nothing named")

	// JSON names the same parts, in its terms.
	r = runCLI(t, "", "diff", "sigmoid(w x + b)^2 log(sigmoid(w x + b))", "--wrt", "w", "--cse", "--json")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `"result":{"plain":"x*u1^2*(1 - u1)*(2*log(u1) + 1)",`)
	assert.Contains(t, r.stdout, `"terms":[{"name":"u1","plain":"sigmoid(w*x + b)",`)

	// With --steps, the lines work on the names; what they differentiate
	// stays written out.
	r = runCLI(t, "", "diff", "tanh(a x + c)^3", "--wrt", "a", "--steps", "--cse")
	require.Equal(t, 0, r.status, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "diff(u1^3, a)\n"), r.stdout)
	assert.Contains(t, r.stdout, "diff(a*x + c, a)")
	assert.True(t, strings.HasSuffix(r.stdout, "\nwhere\n  u1 = tanh(a*x + c)\n"), r.stdout)
	r = runCLI(t, "", "diff", "tanh(a x + c)^3", "--wrt", "a", "--steps", "--cse", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\frac{\partial}{\partial a} u_{1}^{3} &= 3 u_{1}^{2} \frac{\partial}{\partial a} u_{1}`)
}

// TestTextbookForms: derivatives end in the forms a textbook prints, and
// simplify answers 0 for an identity, each rewrite named with --steps.
func TestTextbookForms(t *testing.T) {
	tests := []struct{ args, want string }{
		{"diff|1/(1 + exp(-x))|--wrt|x", "sigmoid(x)*(1 - sigmoid(x))"},
		{"diff|(exp(x) - exp(-x))/(exp(x) + exp(-x))|--wrt|x", "1 - tanh(x)^2"},
		{"diff|-(y log(sigmoid(w x)) + (1 - y) log(1 - sigmoid(w x)))|--wrt|w", "x*(sigmoid(w*x) - y)"},
		{"diff|sinh(2 x)|--wrt|x", "2*cosh(2*x)"},
		{"simplify|sin(x)^2 + cos(x)^2 - 1", "0"},
		{"simplify|tanh(x) - 2 sigmoid(2 x) + 1", "0"},
		{"simplify|sigmoid(x) - 1/(1 + exp(x))", "2*sigmoid(x) - 1"},
		{"simplify|(x + 1)^2 - x^2|--to|expanded", "2*x + 1"},
		{"simplify|tanh(x)|--to|exponential", "(exp(2*x) - 1)/(exp(2*x) + 1)"},
		{"simplify|sin(x + y)|--to|trig-expanded", "cos(x)*sin(y) + cos(y)*sin(x)"},
		{"simplify|(a + b)^2 - a^2 - b^2", "2*a*b"},
		{"simplify|sum(a x[i] + b, i, 1, N)", "N*b + a*sum(x[i], i, 1, N)"},
		{"simplify|factor(x^3 - x) + expand((y + 1)^2)", "x*(x - 1)*(x + 1) + y^2 + 2*y + 1"},
		{"simplify|apart((2 x + 3)/(x^2 + 3 x + 2))", "1/(x + 1) + 1/(x + 2)"},
		{"simplify|collect(a x + b x + c x^2, x)", "c*x^2 + x*(a + b)"},
		{"simplify|together(1/x + 1/y)", "(x + y)/(x*y)"},
		{"diff|factor(x^2 - 1)|--wrt|x", "2*x"},
		{"simplify|(x^3 - 8)/(x - 2)", "x^2 + 2*x + 4"},
		{"simplify|2 sigmoid(-t) + 2 sigmoid(t) + u", "u + 2"},
		{"simplify|x^3 y - x y^3|--to|factored", "x*y*(x + y)*(x - y)"},
		{"simplify|(3 x + 5)/((x + 1)*(x + 2))|--to|apart", "2/(x + 1) + 1/(x + 2)"},
		{"simplify|(x^2 - 4)/(2 x + 4)|--to|cancelled", "x/2 - 1"},
	}
	for _, tc := range tests {
		t.Run(tc.args, func(t *testing.T) {
			r := runCLI(t, "", strings.Split(tc.args, "|")...)
			require.Equal(t, 0, r.status, r.stderr)
			assert.Equal(t, tc.want+"\n", r.stdout)
		})
	}
	r := runCLI(t, "", "simplify", "--steps", "sigmoid(x) + sigmoid(-x) - 1")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "sigmoid(x) + sigmoid(-x) - 1\n"+
		"  = 0   σ(-u) = 1 - σ(u) beside σ(u) [sigmoid-pair]\n", r.stdout)
	r = runCLI(t, "", "simplify", "--steps", "sin(x + y) - sin(x) cos(y) - cos(x) sin(y)")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "  = 0   identically zero [identically-zero]\n")
}

// TestDiffSubst: diff --steps --subst writes the derivation through its
// inner function, named under "where" (LaTeX: a sentence before the
// rows); off, the default, does not; a term without one is unchanged.
func TestDiffSubst(t *testing.T) {
	r := runCLI(t, "", "diff", "log(1 + exp(w x + b))", "--wrt", "w", "--steps", "--subst", "on")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "chain rule through the inner function")
	assert.Contains(t, r.stdout, "substituting back")
	assert.True(t, strings.HasSuffix(r.stdout, "where\n  z = w*x + b\n"), r.stdout)

	r = runCLI(t, "", "diff", "log(1 + exp(w x + b))", "--wrt", "w", "--steps", "--subst", "on", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "Let $z = w x + b$.\n\\begin{align*}"), r.stdout)

	r = runCLI(t, "", "diff", "log(1 + exp(w x + b))", "--wrt", "w", "--steps")
	require.Equal(t, 0, r.status, r.stderr)
	assert.NotContains(t, r.stdout, "inner function")

	r = runCLI(t, "", "diff", "sin(x)", "--wrt", "x", "--steps", "--subst", "on")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "diff(sin(x), x)\n  = cos(x)   derivative of sin\n", r.stdout)

	r = runCLI(t, "", "diff", "sin(x)", "--wrt", "x", "--steps", "--subst", "sometimes")
	assert.Equal(t, 2, r.status)
}
