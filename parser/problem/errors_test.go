package problem

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/derivtex/derivtex/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseErrors parses src, which must fail, and returns its errors.
func parseErrors(t *testing.T, filename, src string) diag.List {
	t.Helper()
	_, err := Parse(filename, src)
	require.Error(t, err)
	var list diag.List
	require.True(t, errors.As(err, &list), "error is %T, not an diag.List", err)
	require.NotEmpty(t, list)
	return list
}

func TestErrors(t *testing.T) {
	for _, tt := range errorCases {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, parseErrors(t, tt.file, tt.src).Report())
		})
	}
}

// TestAllErrorsAtOnce: mistakes of different kinds in one file are all
// reported, in source order, and reading goes on after each.
func TestAllErrorsAtOnce(t *testing.T) {
	src := `title "Three mistakes"

problem "First" {
    dif   x^2
}

problem "Second" {
    given a = (1 + 2
    eval  a
}
}

problem "Fine" {
    diff x^2
    wrt  x
}
`
	list := parseErrors(t, "three.drv", src)
	assert.Equal(t, `three.drv:4:5: unknown statement "dif"; expected one of question, note, mle, params, response, const, diff, wrt, simplify, eval, network, op, curves, activation, activations, convsize, convdesign, convcount, convstack, loss, dtype, lr, momentum, steps, given (did you mean diff?)
three.drv:8:15: unclosed "("
three.drv:11:1: stray "}": no problem block is open`, list.Error())
	assert.Equal(t, `three.drv:8:15: unclosed "("`, list[1].Error())
	assert.Equal(t, "    given a = (1 + 2\n              ^", list[1].Snippet())
}

func TestManualErrorExample(t *testing.T) {
	src := "problem \"Three mistakes\" {\n    dif   x^2          # unknown statement \"dif\" (did you mean diff?)\n" +
		"    given a = (1 + 2   # unclosed \"(\"\n}\n}                      # stray \"}\"\n"
	assert.Len(t, parseErrors(t, "m.drv", src), 3)
}

func TestLimits(t *testing.T) {
	t.Run("file size", func(t *testing.T) {
		list := parseErrors(t, "big.drv", strings.Repeat("# padding\n", MaxFileBytes/10+1))
		require.Len(t, list, 1)
		assert.Equal(t, "big.drv:1:1: file larger than 4 MiB", list[0].Error())
	})
	t.Run("problems", func(t *testing.T) {
		src := strings.Repeat("problem \"P\" { simplify x }\n", MaxProblems+5)
		list := parseErrors(t, "many.drv", src)
		require.Len(t, list, 1)
		assert.Equal(t, fmt.Sprintf("many.drv:%d:1: more than 1000 problems in one file", MaxProblems+1), list[0].Error())
	})
	t.Run("string length", func(t *testing.T) {
		src := "title \"" + strings.Repeat("a", MaxStringBytes+1) + "\"\n"
		list := parseErrors(t, "long.drv", src)
		require.Len(t, list, 1)
		assert.Equal(t, "long.drv:1:7: string longer than 64 KiB", list[0].Error())
	})
	t.Run("tokens", func(t *testing.T) {
		list := parseErrors(t, "braces.drv", strings.Repeat("}", MaxTokens+1))
		require.Len(t, list, 1)
		assert.Equal(t, fmt.Sprintf("braces.drv:1:%d: more than %d tokens in one file", MaxTokens+1, MaxTokens), list[0].Error())
	})
	t.Run("errors", func(t *testing.T) {
		list := parseErrors(t, "errs.drv", strings.Repeat("}\n", 2*MaxErrors))
		require.Len(t, list, MaxErrors+1)
		assert.Equal(t, fmt.Sprintf("errs.drv:%d:1: too many errors; only the first 100 are shown", MaxErrors), list[MaxErrors].Error())
	})
	t.Run("deep expression", func(t *testing.T) {
		list := parseErrors(t, "deep.drv", "problem \"P\" {\n    simplify "+strings.Repeat("(", 50_000)+"x"+strings.Repeat(")", 50_000)+"\n}\n")
		require.Len(t, list, 1)
		assert.Equal(t, 2, list[0].Pos.Line)
	})
}
