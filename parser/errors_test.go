package parser

import (
	"errors"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/derivtex/derivtex/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// render is what a user sees: the error, then the line and a caret.
func render(err error) string {
	var e *diag.Error
	if !errors.As(err, &e) {
		return "not a *diag.Error: " + err.Error()
	}
	return e.Error() + "\n" + e.Snippet()
}

// TestErrors checks messages, positions and snippets as full strings.
func TestErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"sin(x) + )", "1:10: unexpected \")\"\nsin(x) + )\n         ^"},
		{"x + ", "1:5: unexpected end of input, expected an operand\nx + \n    ^"},
		{"", "1:1: unexpected end of input, expected an operand\n"},
		{"(x + 1", "1:1: unclosed \"(\"\n(x + 1\n^"},
		{"2 * (x + 1]", "1:11: unexpected \"]\", expected \")\"\n2 * (x + 1]\n          ^"},
		{"|x - y", "1:1: unclosed \"|\"\n|x - y\n^"},
		{"|x - y)", "1:7: unexpected \")\", expected \"|\"\n|x - y)\n      ^"},
		{"x[i", "1:2: unclosed \"[\"\nx[i\n ^"},
		{"x[]", "1:3: unexpected \"]\"\nx[]\n  ^"},
		{"foo(x)", "1:1: unknown function \"foo\"\nfoo(x)\n^"},
		{"2 x(y + 1)", "1:3: unknown function \"x\"\n2 x(y + 1)\n  ^"},
		{"log(x, 2)", "1:1: log takes 1 argument, got 2\nlog(x, 2)\n^"},
		{"ln()", "1:1: ln takes 1 argument, got 0\nln()\n^"},
		{"max(x)", "1:1: max takes at least 2 arguments, got 1\nmax(x)\n^"},
		{"sum(x[i], i, 1)", "1:1: sum takes 4 arguments, got 3\nsum(x[i], i, 1)\n^"},
		{"sum(x[i], 2 i, 1, N)", "1:11: the index of sum must be a name\nsum(x[i], 2 i, 1, N)\n          ^"},
		{"prod(x, pi, 1, N)", "1:9: the index of prod must be a name\nprod(x, pi, 1, N)\n        ^"},
		{"diff(x^2, x^2)", "1:11: diff needs a variable to differentiate by\ndiff(x^2, x^2)\n          ^"},
		{"sin x", "1:5: unexpected \"x\", expected \"(\" after sin\nsin x\n    ^"},
		{"exp[i]", "1:4: unexpected \"[\", expected \"(\" after exp\nexp[i]\n   ^"},
		{"f(x, y", "1:1: unknown function \"f\"\nf(x, y\n^"},
		{"max(x, y", "1:4: unclosed \"(\"\nmax(x, y\n   ^"},
		{"max(x y; z)", "1:8: unexpected \";\", expected \",\" or \")\"\nmax(x y; z)\n       ^"},
		{"2 3", "1:3: unexpected \"3\": write \"*\" to multiply by a number\n2 3\n  ^"},
		{"x $ y", "1:3: unexpected \"$\"\nx $ y\n  ^"},
		{"x = y", "1:3: unexpected \"=\"\nx = y\n  ^"},
		{"x [i]", "1:3: unexpected \"[\"\nx [i]\n  ^"},
		{"1.x", "1:2: unexpected \".\"\n1.x\n ^"},
		{"5.e3", "1:2: unexpected \".\"\n5.e3\n ^"},
		{"5..5", "1:2: unexpected \".\"\n5..5\n ^"},
		{"1.5.", "1:4: unexpected \".\"\n1.5.\n   ^"},
		{"5. .5", "1:4: unexpected \".5\": write \"*\" to multiply by a number\n5. .5\n   ^"},
		{"α + 1", "1:1: unexpected \"α\"\nα + 1\n^"},
		{"x + ∞", "1:5: unexpected \"∞\"\nx + ∞\n    ^"},
		// Invalid UTF-8 is quoted in the message and shown escaped, and
		// so are characters a terminal would act on, the caret still
		// under the offending character.
		{"x + \xff", "1:5: unexpected \"\\xff\"\nx + \\xff\n    ^"},
		{"\x1b[2J + )", "1:1: unexpected \"\\x1b\"\n\\x1b[2J + )\n^"},
		{"a\u202e + )", "1:2: unexpected \"\\u202e\"\na\\u202e + )\n ^"},
		{"a + \u202e)", "1:5: unexpected \"\\u202e\"\na + \\u202e)\n    ^"},
		// Positions on later lines; tabs before the column are kept.
		{"x +\n\t(y *\n\t  z))", "3:6: unexpected \")\"\n\t  z))\n\t    ^"},
		{"a\r\n+ )", "2:3: unexpected \")\"\n+ )\n  ^"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := Parse(tt.src)
			require.Error(t, err)
			assert.Equal(t, tt.want, render(err))
		})
	}
}

func TestErrorFilename(t *testing.T) {
	_, err := ParseFile("model.dt", "x +\n  * y")
	require.Error(t, err)
	assert.Equal(t, "model.dt:2:3: unexpected \"*\"\n  * y\n  ^", render(err))
	var e *diag.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, diag.Pos{File: "model.dt", Offset: 6, Line: 2, Col: 3}, e.Pos)
}

// TestSnippetLongLine checks that a long line is cut to a window around
// the column, with the caret still under it.
func TestSnippetLongLine(t *testing.T) {
	src := strings.Repeat("x + ", 100) + ")" + strings.Repeat(" + x", 100)
	_, err := Parse(src)
	require.Error(t, err)
	var e *diag.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "1:401: unexpected \")\"", e.Error())
	lines := strings.Split(e.Snippet(), "\n")
	require.Len(t, lines, 2)
	assert.Equal(t, "...x + x + x + x + x + x + x + x + x + x + ) + x + x + x + x + x + x + x + x + x + ...", lines[0])
	assert.Equal(t, strings.Index(lines[0], ")"), strings.Index(lines[1], "^"))
}

// TestInternalError checks that a panic inside the parser comes back as a
// positioned *diag.Error rather than crossing the package boundary.
func TestInternalError(t *testing.T) {
	type strange struct{ nameNode }
	pos := lexer.Position{Line: 3, Column: 7, Offset: 10}
	b := newBuilder("a\nb\n      x")
	err := b.run(func() { b.term(&strange{nameNode{pos: pos, name: "x"}}) })
	require.Error(t, err)
	assert.Equal(t, "3:7: reading the expression: parser: build: unknown node *parser.strange\n      x\n      ^", render(err))
	assert.Equal(t, diag.Internal, diag.KindOf(err), "a bug of derivtex, not of the input")
}
