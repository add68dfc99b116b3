package check

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/equiv"
	"github.com/derivtex/derivtex/parser"
)

func checkPlain(t *testing.T, src string, opt Options) *Report {
	t.Helper()
	lines, errs := SplitPlain("", src)
	require.Empty(t, errs)
	rep, err := Check(context.Background(), lines, opt)
	require.NoError(t, err)
	return rep
}

// TestDefinition: a first line that names the next (L(w) read as L w) is
// not compared with it; a first line that does not is.
func TestDefinition(t *testing.T) {
	rep := checkPlain(t, "L w\n= w S - N log(w)\nargmin (w S - N log(w))/N\n", Options{Wrt: []string{"w"}})
	assert.Equal(t, []int{1}, rep.Definitions)
	require.Len(t, rep.Steps, 1)
	assert.Equal(t, equiv.Holds, rep.Steps[0].Verdict)
	assert.Contains(t, rep.Text(), "line 1: a definition")

	rep = checkPlain(t, "x y\n= x^2\n", Options{})
	assert.Empty(t, rep.Definitions)
	assert.Equal(t, equiv.Fails, rep.Verdict())
}

// TestNoHint: a slip no rule explains is called wrong, at its line, and
// nothing more.
func TestNoHint(t *testing.T) {
	rep := checkPlain(t, "x^3\n= 3 x^3 + 7 sin(x)\n", Options{})
	require.Equal(t, 0, rep.FirstWrong)
	assert.Empty(t, rep.Steps[0].Hint)
	assert.Contains(t, rep.Text(), "line 2 (=, from line 1): not equal\n")
}

// TestUnreadLines: a line that does not read leaves the steps next to it
// undecided, and the others checked.
func TestUnreadLines(t *testing.T) {
	lines, errs := SplitPlain("d.txt", "x^2\n= x x\n= x*(x\n= x^2 + 1\n= x^2 + 1\n")
	require.Empty(t, errs)
	rep, err := Check(context.Background(), lines, Options{Syntax: parser.Plain})
	require.NoError(t, err)
	require.Len(t, rep.Errors, 1)
	assert.Equal(t, "d.txt:3:5", rep.Errors[0].Pos.String())
	var verdicts []equiv.Verdict
	for _, s := range rep.Steps {
		verdicts = append(verdicts, s.Verdict)
	}
	assert.Equal(t, []equiv.Verdict{equiv.Holds, equiv.Undecided, equiv.Undecided, equiv.Holds}, verdicts)
}

// TestFirstLineDerivative: d/dx before the first line is the derivative
// the derivation works out, not dropped; another relation there is an
// error at its place.
func TestFirstLineDerivative(t *testing.T) {
	rep := checkPlain(t, "d/dx log(1 + x^2)\n= 2 x/(1 + x^2)\n", Options{})
	assert.Equal(t, equiv.Holds, rep.Verdict())
	rep = checkPlain(t, "d/dx log(1 + x^2)\n= log(1 + x^2)\n", Options{})
	assert.Equal(t, equiv.Fails, rep.Verdict())

	_, errs := SplitPlain("d.txt", "= x\n= x\n")
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), "d.txt:1:1: the first line has no line before it")
}

// TestNothingChecked: a derivation none of whose lines read is undecided,
// not equal.
func TestNothingChecked(t *testing.T) {
	lines, _ := SplitPlain("d.txt", "x +\n")
	rep, err := Check(context.Background(), lines, Options{})
	require.NoError(t, err)
	assert.Empty(t, rep.Steps)
	assert.Equal(t, equiv.Undecided, rep.Verdict())
}
