package problem

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/internal/suggest"
)

func TestUnquote(t *testing.T) {
	tests := []struct{ in, want string }{
		{`""`, ``},
		{`"plain"`, `plain`},
		{`"$\exp(x)$"`, `$\exp(x)$`},
		{`"say \"hi\""`, `say "hi"`},
		{`"a \\ b"`, `a \\ b`},
		{`"ends in \\"`, `ends in \\`},
		{`"\\\""`, `\\"`},
		{`"\n\t"`, `\n\t`},
		{`"ü \ü"`, `ü \ü`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := unquote(tt.in)
			assert.Equal(t, tt.want, got.value)
			checkSource(t, tt.in, got)
		})
	}
}

func TestDedent(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"one line", `  a b  `, `  a b  `},
		{"blank first and last lines", "\n    a\n      b\n    c\n    ", "a\n  b\nc"},
		{"closing after text", "\n    a\n    b", "a\nb"},
		{"text after the opening", "a\n    b\n    c\n  ", "a\nb\nc"},
		{"blank lines inside", "\n    a\n\n  \n    b\n", "a\n\n\nb"},
		{"least indented line wins", "\n      a\n    b\n", "  a\nb"},
		{"tabs and spaces share only their common prefix", "\n\t  a\n\t b\n", " a\nb"},
		{"CRLF", "\r\n    a\r\n    b\r\n", "a\nb"},
		{"no indentation", "\na\nb\n", "a\nb"},
		{"only blank", "\n   \n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := `"""` + tt.in + `"""`
			got := dedent(tok)
			assert.Equal(t, tt.want, got.value)
			checkSource(t, tok, got)
		})
	}
}

// checkSource checks that every byte of a string's value maps to the same
// byte of its token, but for the line breaks of a """ string, which map
// to the end of their line (where a \r may stand).
func checkSource(t *testing.T, tok string, got text) {
	t.Helper()
	for i := 0; i < len(got.value); i++ {
		src := got.source(i)
		require.True(t, src >= 0 && src < len(tok), "byte %d of %q maps to %d, outside %q", i, got.value, src, tok)
		if got.value[i] == '\n' {
			assert.Contains(t, "\r\n", string(tok[src]), "byte %d of %q maps to %d of %q", i, got.value, src, tok)
			continue
		}
		assert.Equal(t, string(got.value[i]), string(tok[src]), "byte %d of %q maps to %d of %q", i, got.value, src, tok)
	}
	assert.LessOrEqual(t, got.source(len(got.value)), len(tok))
}

func TestNearest(t *testing.T) {
	known := keys(statementDefs)
	tests := []struct{ word, want string }{
		{"dif", "diff"},
		{"Diff", "diff"},
		{"simplfy", "simplify"},
		{"quesiton", "question"},
		{"parms", "params"},
		{"wrt", "wrt"},
		{"x", ""},
		{"ab", ""},
		{"derivative", ""},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			assert.Equal(t, tt.want, suggest.Nearest(tt.word, known))
		})
	}
}
