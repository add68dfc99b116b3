package problem

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
			assert.Equal(t, tt.want, unquote(tt.in))
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
			assert.Equal(t, tt.want, dedent(tt.in))
		})
	}
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
			assert.Equal(t, tt.want, nearest(tt.word, known))
		})
	}
}
