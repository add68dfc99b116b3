package parser

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/stretchr/testify/require"
)

// regexpLexer is the plain syntax as participle regexp rules: the
// specification the hand-written plainLexer must agree with.
var regexpLexer = lexer.MustSimple([]lexer.SimpleRule{
	{Name: "Ident", Pattern: `[A-Za-z][A-Za-z0-9_]*`},
	{Name: "Punct", Pattern: `[-+*/^()\[\],|;=]`},
	{Name: "whitespace", Pattern: `\s+`},
	{Name: "Number", Pattern: `(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?`},
	{Name: "Other", Pattern: `(?s).`},
})

// trailingDot is the rule RE2 cannot say, having no lookahead: a whole
// number takes the dot right after it when no letter, digit, "_" or "."
// follows that dot (5. and 5.) but not 5.x, 5.e3 or 5..5).
func trailingDot(src string, toks []lexer.Token) []lexer.Token {
	var out []lexer.Token
	for k := 0; k < len(toks); k++ {
		tok := toks[k]
		if tok.Type == regexpLexer.Symbols()["Number"] && strings.Trim(tok.Value, "0123456789") == "" && k+1 < len(toks) {
			dot := toks[k+1]
			end := dot.Pos.Offset + 1
			if dot.Value == "." && dot.Pos.Offset == tok.Pos.Offset+len(tok.Value) &&
				(end == len(src) || !strings.ContainsAny(src[end:end+1], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")) {
				tok.Value += "."
				k++
			}
		}
		out = append(out, tok)
	}
	return out
}

func lexAll(t *testing.T, def lexer.StringDefinition, src string) []lexer.Token {
	lex, err := def.LexString("f", src)
	require.NoError(t, err)
	var out []lexer.Token
	for {
		tok, err := lex.Next()
		require.NoError(t, err)
		out = append(out, tok)
		if tok.EOF() {
			return out
		}
	}
}

// TestLexerMatchesRegexp lexes hand-picked and random texts with both
// lexers: same token kinds, texts and positions.
func TestLexerMatchesRegexp(t *testing.T) {
	names := func(def lexer.Definition) map[lexer.TokenType]string {
		m := map[lexer.TokenType]string{}
		for k, v := range def.Symbols() {
			m[v] = k
		}
		return m
	}
	want, got := names(regexpLexer), names(plainLexer)
	inputs := []string{
		"", " ", "x", "2e", "2e5", "2e+", "2E-3x", "1.5.3", ".5", "5.", "5.)", "5. x", "5.x", "5.e3", "5.5.", "5..5", "1e3.", "5._", "..5", "2exp(x)",
		"x_1 + y2*3^-4", "|a|b|", "p(y | x; w) = 1", "a\n  b\r\n\tc", "\v", "é x", "\xff",
		"1e-1000", "x[i, j]", "$", "a__b", "_a", "3.25e10.5",
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab_e E19..+-*/^()[],|;=$ \n\t\v\xc3\xa9")
	for range 3000 {
		b := make([]byte, r.IntN(20))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		inputs = append(inputs, string(b))
	}
	for _, src := range inputs {
		a, b := trailingDot(src, lexAll(t, regexpLexer, src)), lexAll(t, plainLexer, src)
		require.Equal(t, len(a), len(b), "%q", src)
		for i := range a {
			require.Equal(t, want[a[i].Type], got[b[i].Type], "%q token %d", src, i)
			require.Equal(t, a[i].Value, b[i].Value, "%q token %d", src, i)
			require.Equal(t, a[i].Pos, b[i].Pos, "%q token %d", src, i)
		}
	}
}
