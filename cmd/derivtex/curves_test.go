package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/answer"
)

const overfitLog = "epoch,loss,val_loss,lr\n1,2.30,2.35,0.1\n2,1.40,1.52,0.1\n3,0.95,1.10,0.1\n4,0.70,0.92,0.1\n5,0.52,0.86,0.1\n6,0.40,0.90,0.1\n7,0.31,1.01,0.1\n8,0.25,1.15,0.1\n"

func TestCurves(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "run.csv")
	require.NoError(t, os.WriteFile(log, []byte(overfitLog), 0o644))

	r := runCLI(t, "", "curves", log)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "diagnosis: overfitting (loss/val_loss)")
	assert.Contains(t, r.stdout, "Early-stopping point: step 5")
	assert.Contains(t, r.stdout, "- stop early, at the validation minimum")
	assert.Contains(t, r.stderr, `run.csv:1:21: column "lr" is neither a step nor a loss: ignored`)

	r = runCLI(t, "", "curves", log, "--json")
	require.Equal(t, 0, r.status, r.stderr)
	var a answer.Curves
	decodeStrict(t, r.stdout, &a)
	assert.Equal(t, "keras", a.Tool)
	require.Len(t, a.Diagnoses, 1)
	assert.Equal(t, "overfitting", a.Diagnoses[0].Kind)
	require.NotNil(t, a.Diagnoses[0].Step)
	assert.Equal(t, 5.0, *a.Diagnoses[0].Step)
	require.Len(t, a.Warnings, 1)
	assert.Equal(t, 21, a.Warnings[0].Col)

	r = runCLI(t, overfitLog, "curves", "-", "--latex")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\begin{semilogyaxis}`)
	assert.Contains(t, r.stdout, `node[above right, font=\small] {early stopping}`)
	assert.Contains(t, r.stdout, `\paragraph{Diagnosis: overfitting (loss/val\_loss)}`)
}

func TestCurvesFailures(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("step,train_loss\n1,0.5\n2,0.4x\n"), 0o644))

	r := runCLI(t, "", "curves", bad)
	assert.Equal(t, 2, r.status)
	assert.Equal(t, "derivtex: "+bad+":3:3: \"0.4x\" in column \"train_loss\" is not a number\n2,0.4x\n  ^\n", r.stderr)

	r = runCLI(t, "", "curves", bad, "--json")
	assert.Equal(t, 2, r.status)
	var f answer.Failure
	decodeStrict(t, r.stdout, &f)
	assert.Equal(t, 3, f.Error.Line)
	assert.Equal(t, 3, f.Error.Col)

	for _, tc := range []struct{ name, src, msg string }{
		{"empty", "", "empty log"},
		{"ragged", "step,loss\n1,2,3\n", "this row has 3 fields"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.src, "curves", "-")
			assert.Equal(t, 2, r.status)
			assert.Contains(t, r.stderr, "<stdin>:")
			assert.Contains(t, r.stderr, tc.msg)
		})
	}

	r = runCLI(t, "", "curves", filepath.Join(dir, "missing.csv"))
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "no such file")
	r = runCLI(t, "", "curves", dir)
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "is a directory")

	r = runCLI(t, "step,loss\n1,0.5\n", "curves", "-")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "diagnosis: too short to diagnose (loss)")
}

// TestCurvesPlotFile writes the annotated plot as derivtex plot writes
// one: the tikzpicture for .tex, a compiled page for .pdf.
func TestCurvesPlotFile(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "run.csv")
	require.NoError(t, os.WriteFile(log, []byte(overfitLog), 0o644))

	out := filepath.Join(dir, "fig.tex")
	r := runCLI(t, "", "curves", log, "-o", out)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, "diagnosis: overfitting", "the report still goes to stdout")
	fig, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(fig), `\begin{tikzpicture}`), string(fig))
	assert.Contains(t, string(fig), `{early stopping}`)
	assert.Contains(t, string(fig), `coordinates {(5,`, "the mark is at the validation minimum, step 5")

	pdf := filepath.Join(dir, "fig.pdf")
	r = runCLI(t, "", "curves", log, "-o", pdf)
	require.Equal(t, 0, r.status, r.stderr)
	b, err := os.ReadFile(pdf)
	require.NoError(t, err)
	assert.Equal(t, "%PDF", string(b[:4]))

	r = runCLI(t, "", "curves", log, "-o", filepath.Join(dir, "fig.png"))
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "plots are written as pgfplots (.tex) or PDF (.pdf), not .png")

	one := filepath.Join(dir, "one.csv")
	require.NoError(t, os.WriteFile(one, []byte("step,loss\n1,nan\n"), 0o644))
	r = runCLI(t, "", "curves", one, "-o", out)
	assert.Equal(t, 2, r.status, r.stdout)
	assert.Contains(t, r.stderr, "no curve of "+one+" has enough finite points to plot")
}
