package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/answer"
)

func nest(f string, n int, x string) string {
	return strings.Repeat(f+"(", n) + x + strings.Repeat(")", n)
}

func product(n int) string {
	fs := make([]string, n)
	for i := range fs {
		fs[i] = "(x + " + strconv.Itoa(i+1) + ")"
	}
	return strings.Join(fs, "*")
}

// TestBudgetsStopBombs: inputs of a few kilobytes that ask for exponential
// or quadratic work, memory or output end with exit 2 and a message naming
// the budget and the flag that raises it. (How fast they end is measured
// by hand and quoted in the README, not asserted here.)
func TestBudgetsStopBombs(t *testing.T) {
	sum := make([]string, 100)
	for i := range sum {
		sum[i] = "sin(k*" + strings.Repeat("7", 1+i%4) + ")"
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"product rule over 2000 factors", []string{"diff", product(2000), "--wrt", "x", "--json"}, "work budget exceeded: more than 2,000,000 operations (raise it with --max-work)"},
		{"sum to 10^7 of a long body", []string{"eval", "sum(" + strings.Join(sum, " + ") + ", k, 1, 10^7)"}, "work budget exceeded"},
		{"power tower", []string{"diff", strings.Repeat("x^", 3000) + "x", "--wrt", "x", "--steps"}, "work budget exceeded"},
		{"answer of a 4999-deep composition", []string{"diff", nest("sin", 4999, "w"), "--wrt", "w"}, "output budget exceeded: more than 16,777,216 bytes (raise it with --max-output)"},
		{"mle of a 3000-deep density, written out", []string{"mle", "p(y; w) = " + nest("sin", 3000, "w y")}, "output budget exceeded"},
		{"exp tower, written out", []string{"diff", nest("exp", 3000, "x"), "--wrt", "x"}, "output budget exceeded"},
		{"a smaller work budget", []string{"diff", product(60), "--wrt", "x", "--max-work", "1000"}, "work budget exceeded: more than 1,000 operations"},
		{"a smaller output budget", []string{"diff", nest("sin", 50, "w"), "--wrt", "w", "--max-output", "1KiB"}, "output budget exceeded: more than 1,024 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", tc.args...)
			assert.Equal(t, 2, r.status, r.stderr)
			assert.Contains(t, r.stderr, tc.want)
			if slices.Contains(tc.args, "--json") {
				var f answer.Failure
				decodeStrict(t, r.stdout, &f)
				assert.NotEmpty(t, f.Error.Budget, "the failure names its budget")
			} else {
				assert.Empty(t, r.stdout, "no partial answer")
			}
		})
	}
}

// TestBudgetsServeRealWork: what the bombs are refused for passes when
// the budget is raised, and ordinary inputs never come near the defaults.
func TestBudgetsServeRealWork(t *testing.T) {
	r := runCLI(t, "", "diff", product(60), "--wrt", "x", "--max-work", "0")
	require.Equal(t, 0, r.status, r.stderr)
	r = runCLI(t, "", "diff", nest("sin", 50, "w"), "--wrt", "w", "--max-output", "1MiB")
	require.Equal(t, 0, r.status, r.stderr)
	r = runCLI(t, "", "solve")
	require.Equal(t, 0, r.status, r.stderr)
	r = runCLI(t, "", "diff", "x", "--wrt", "x", "--max-output", "lots")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, `"lots" is not a size`)
}

// TestDeepStepsAreSmall: the derivation of a 400-deep composition names
// the subterms its lines share instead of writing them out on every line,
// so it stays near the size of the term.
func TestDeepStepsAreSmall(t *testing.T) {
	r := runCLI(t, "", "diff", nest("sin", 400, "w"), "--wrt", "w", "--steps", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Less(t, len(r.stdout), 1<<20)
	assert.Contains(t, r.stdout, `\intertext{where}`)
	assert.Contains(t, r.stdout, `u_{1} &= `)
}

func TestByteSize(t *testing.T) {
	for in, want := range map[string]byteSize{"0": 0, "512": 512, "64KiB": 64 << 10, "16MiB": 16 << 20, "1GiB": 1 << 30, "2GB": 2e9, "3kb": 3000, "10 MiB": 10 << 20} {
		var s byteSize
		require.NoError(t, s.UnmarshalText([]byte(in)), in)
		assert.Equal(t, want, s, in)
	}
	for _, bad := range []string{"", "-1", "1.5MiB", "MiB", "9999999999GiB", "12 parsecs"} {
		var s byteSize
		assert.Error(t, s.UnmarshalText([]byte(bad)), bad)
	}
}

// TestUndefinedValues: values the reals do not have are errors with a
// position, not 0 or a power of 0.
func TestUndefinedValues(t *testing.T) {
	for _, args := range [][]string{
		{"eval", "0/0"}, {"eval", "0*(1/0)"}, {"simplify", "1/0"}, {"diff", "x/0", "--wrt", "x"}, {"eval", "log(0)"},
	} {
		r := runCLI(t, "", args...)
		assert.Equal(t, 2, r.status, "%v: %s", args, r.stdout)
		assert.Contains(t, r.stderr, "undefined value: ", "%v", args)
		assert.Regexp(t, `derivtex: 1:\d+: `, r.stderr)
	}
	r := runCLI(t, "", "eval", "1/x", "x=0")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "division by zero")
}

func TestEvalBindings(t *testing.T) {
	r := runCLI(t, "", "eval", "pi", "pi=3")
	assert.Equal(t, 2, r.status, r.stdout)
	assert.Contains(t, r.stderr, `binding "pi=3": pi is a constant, not a variable`)
	r = runCLI(t, "", "eval", "x", "x=1", "x=2")
	assert.Equal(t, 2, r.status, r.stdout)
	assert.Contains(t, r.stderr, "x is given twice")
}

// failingWriter fails every write, like a full disk.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// closedPipe fails every write as a pipe whose reader went away does.
type closedPipe struct{}

func (closedPipe) Write([]byte) (int, error) { return 0, syscall.EPIPE }

// TestWriteErrors: when the answer cannot be written, every command says
// so and exits 1, whatever else happened.
func TestWriteErrors(t *testing.T) {
	for _, args := range [][]string{
		{"diff", "x^2", "--wrt", "x"}, {"diff", "x^2", "--wrt", "x", "--steps"}, {"simplify", "x", "--json"},
		{"eval", "1/2"}, {"mle", "p(y; w) = w exp(-w y)"}, {"solve"}, {"solve", "--json"}, {"--help"},
		{"diff", "-", "--wrt", "x"},
	} {
		var errb bytes.Buffer
		status := run(args, strings.NewReader("x\nx^2\n"), failingWriter{}, &errb)
		assert.Equal(t, 1, status, "%v", args)
		assert.Equal(t, "derivtex: writing the output: no space left on device\n", errb.String(), "%v", args)

		// derivtex ... | head -1: the reader left on purpose, and knows.
		errb.Reset()
		status = run(args, strings.NewReader("x\nx^2\n"), closedPipe{}, &errb)
		assert.Equal(t, 1, status, "%v", args)
		assert.Empty(t, errb.String(), "%v", args)
	}
}

// TestInternalErrorsAreOneLine: a panic is reported in one line, with the
// stack only when DERIVTEX_DEBUG asks for it.
func TestInternalErrorsAreOneLine(t *testing.T) {
	var errb bytes.Buffer
	status := internalError(&errb, "boom\nsecond line", []byte("goroutine 1 [running]:"))
	assert.Equal(t, 1, status)
	assert.Equal(t, "derivtex: internal error: boom (please report it; set DERIVTEX_DEBUG=1 for details)\n", errb.String())

	t.Setenv("DERIVTEX_DEBUG", "1")
	errb.Reset()
	internalError(&errb, "boom", []byte("goroutine 1 [running]:"))
	assert.Contains(t, errb.String(), "goroutine 1 [running]:")
}

// TestProblemFileInputs: only regular files of a problem file's size are
// read; the rest are refused before reading, so /dev/zero and a FIFO
// cannot make solve read forever or block.
func TestProblemFileInputs(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.drv")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	big := filepath.Join(dir, "big.drv")
	require.NoError(t, os.WriteFile(big, bytes.Repeat([]byte("# padding\n"), (4<<20)/10+1), 0o600))
	empty := filepath.Join(dir, "empty.drv")
	require.NoError(t, os.WriteFile(empty, nil, 0o600))
	tests := []struct{ path, want string }{
		{"/dev/zero", "/dev/zero is not a regular file"},
		{fifo, "fifo.drv is not a regular file"},
		{dir, "is a directory"},
		{big, "big.drv: larger than 4 MiB"},
		{filepath.Join(dir, "missing.drv"), "no such file or directory"},
	}
	for _, tc := range tests {
		r := runCLI(t, "", "solve", tc.path)
		assert.Equal(t, 2, r.status, tc.path)
		assert.Contains(t, r.stderr, tc.want)
	}
	r := runCLI(t, "", "solve", empty)
	assert.Equal(t, 0, r.status, r.stderr) // an empty file: an empty handout
}

// TestMessagesAreVisible: input echoed in messages cannot drive the
// terminal: escape sequences and bidirectional marks are shown escaped.
func TestMessagesAreVisible(t *testing.T) {
	r := runCLI(t, "", "simplify", "x + \x1b]0;pwned\x07 + \u202e")
	assert.Equal(t, 2, r.status)
	assert.NotContains(t, r.stderr, "\x1b")
	assert.NotContains(t, r.stderr, "\u202e")
	assert.Contains(t, r.stderr, `\x1b`)
	r = runCLI(t, "", "diff", "x", "--wrt", "\x1b[2J")
	assert.NotContains(t, r.stderr, "\x1b")
}

// TestSmallestInputs: a bare variable, a constant, an empty expression,
// on every command and output format: an answer or exit 2, never 1.
func TestSmallestInputs(t *testing.T) {
	for _, src := range []string{"x", "3", "0", "", " ", "x/x", "x^1", "-x", "pi", "e"} {
		for _, args := range [][]string{
			{"diff", src, "--wrt", "x"}, {"diff", src, "--wrt", "x", "--steps"}, {"diff", src, "--wrt", "x", "--json"},
			{"diff", src, "--wrt", "x", "--latex"}, {"simplify", src}, {"simplify", src, "--json"}, {"eval", src, "x=2"},
			{"mle", src, "--params", "x"},
		} {
			if strings.HasPrefix(src, "-") {
				args = append(args[:1], append([]string{"--"}, args[1:]...)...)
			}
			r := runCLI(t, "", args...)
			assert.Contains(t, []int{0, 2}, r.status, "%q: %s", args, r.stderr)
			assert.NotContains(t, r.stderr, "internal error", "%q", args)
		}
	}
	for _, stdin := range []string{"", "\n", "x\n\n3\n"} {
		r := runCLI(t, stdin, "diff", "-", "--wrt", "x", "--steps")
		assert.NotEqual(t, 1, r.status, "%q: %s", stdin, r.stderr)
	}
}

func TestByteSizeString(t *testing.T) {
	for n, want := range map[byteSize]string{0: "0", 1000: "1000", 1024: "1KiB", 16 << 20: "16MiB", 1 << 30: "1GiB", 3 << 29: "1536MiB"} {
		assert.Equal(t, want, n.String())
		var back byteSize
		require.NoError(t, back.UnmarshalText([]byte(want)))
		assert.Equal(t, n, back)
	}
}

// TestOutputFileErrors: a path that cannot be created is the user's to
// fix (exit 2); a write that fails on the way is exit 1, and a device
// given as the output is left in place.
func TestOutputFileErrors(t *testing.T) {
	r := runCLI(t, "", "solve", "-o", filepath.Join(t.TempDir(), "missing", "x.tex"))
	assert.Equal(t, 2, r.status, r.stderr)
	r = runCLI(t, "", "solve", "-o", "/dev/full")
	assert.Equal(t, 1, r.status, r.stderr)
	assert.Contains(t, r.stderr, "derivtex: writing the output: ")
	_, err := os.Stat("/dev/full")
	assert.NoError(t, err, "the device is still there")
	out := filepath.Join(t.TempDir(), "s.tex")
	r = runCLI(t, "", "solve", "-o", out)
	assert.Equal(t, 0, r.status, r.stderr)
	assert.Equal(t, "derivtex: wrote "+out+"\n", r.stderr)
}

// TestReviewFindings: what a review of the budgets found getting past
// them, each now refused with exit 2 and a message.
func TestReviewFindings(t *testing.T) {
	body := make([]string, 10)
	for i := range body {
		body[i] = "sin(" + strconv.Itoa(i+1) + "*k)"
	}
	long := "sum(" + strings.Join(body, " + ") + ", k, 1, 10^7)"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a diff inside simplify runs out", []string{"simplify", "diff(" + product(60) + ", x)", "--max-work", "5000"}, "work budget exceeded"},
		{"a diff inside diff runs out", []string{"diff", "y*diff(" + product(60) + ", x)", "--wrt", "y", "--max-work", "5000"}, "work budget exceeded"},
		{"a given value is charged", []string{"eval", "x", "x=" + long}, "work budget exceeded"},
		{"undefined once simplified", []string{"simplify", "1/(exp(log(x)) - x)"}, "the expression is undefined once simplified: division by zero"},
		{"undefined inside an index", []string{"simplify", "x[1/(exp(log(y)) - y)]"}, "undefined once simplified"},
		{"an undefined log-likelihood", []string{"mle", "0^w*y", "--params", "w"}, "the log-likelihood of 0^w*y is undefined: log of zero"},
		{"an undefined derivative", []string{"diff", "0^x", "--wrt", "x"}, "the derivative of 0^x with respect to x is undefined: log of zero"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", tc.args...)
			assert.Equal(t, 2, r.status, r.stderr)
			assert.Contains(t, r.stderr, tc.want)
		})
	}
	// A message about a huge term quotes its beginning only.
	r := runCLI(t, "", "diff", "0^diff("+nest("sin", 3000, "x")+", x)", "--wrt", "x", "--max-output", "1KiB")
	assert.Equal(t, 2, r.status)
	assert.Less(t, len(r.stderr), 500, r.stderr)
}

// TestSharedBudgetBlamesTheBigProblem: when the problems of a file spend
// its budget together, the error names the problem that spent it.
func TestSharedBudgetBlamesTheBigProblem(t *testing.T) {
	src := "problem \"small\" {\n  diff sin(x)^2\n  wrt x\n}\nproblem \"big\" {\n  diff " + product(450) + "\n  wrt x\n}\n"
	dir := t.TempDir()
	path := filepath.Join(dir, "two.drv")
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	for range 3 {
		r := runCLI(t, "", "solve", path)
		assert.Equal(t, 2, r.status)
		assert.Contains(t, r.stderr, path+":6:8: work budget exceeded")
	}
}
