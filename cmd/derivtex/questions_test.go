package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSolveQuestions(t *testing.T) {
	r := runCLI(t, "", "solve", "--questions")
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stdout, `\title{Training questions for the midterm, variant A}`)
	assert.Contains(t, r.stdout, `\section{MLE loss: a Laplace model}`)
	assert.NotContains(t, r.stdout, `\paragraph{Solution.}`)

	f := filepath.Join(t.TempDir(), "p.drv")
	require.NoError(t, os.WriteFile(f, []byte("problem \"V\" {\n    given a = 2\n    eval a + 1\n}\n"), 0o644))
	r = runCLI(t, "", "solve", "--questions", f)
	require.Equal(t, 0, r.status, r.stderr)
	assert.Contains(t, r.stderr, `p.drv:1:1: problem "V" has no question: the question sheet shows only its title`)

	r = runCLI(t, "", "solve", "--questions", "--json")
	assert.Equal(t, 2, r.status)
	assert.Contains(t, r.stderr, "--questions writes a question sheet")
}
