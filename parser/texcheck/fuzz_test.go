package texcheck

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCheck checks, for any text and context, that Check does not panic,
// that its errors lie inside the text, and above all that any text it
// accepts keeps the promise it exists for, as an independent reading of
// the text confirms (rescan): put in \title{...} or a paragraph, it closes
// every brace it opens and no other, and holds no control word, control
// symbol or environment outside the allowlist of its context. The seeds
// in testdata/fuzz/FuzzCheck run with go test.
func FuzzCheck(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string, where byte) {
		ctx := Context(where % 3)
		errs := Check(text, ctx)
		if len(errs) > MaxErrors {
			t.Fatalf("%d errors, more than %d", len(errs), MaxErrors)
		}
		for i, e := range errs {
			if e.Offset < 0 || e.Offset > len(text) || e.Msg == "" {
				t.Fatalf("error %v outside the text of %d bytes, or without a message", e, len(text))
			}
			if i > 0 && errs[i-1].Offset > e.Offset {
				t.Fatalf("errors out of order: %v before %v", errs[i-1], e)
			}
		}
		if len(errs) > 0 {
			return
		}
		if err := rescan(text, ctx); err != nil {
			t.Fatalf("accepted in %v, but %v:\n%q", ctx, err, text)
		}
		wrapped := `\title{` + text + `}`
		if end := closingBrace(wrapped, len(`\title{`)); end != len(wrapped)-1 {
			t.Fatalf("accepted in %v, but the brace of \\title{ closes at %d of %q", ctx, end, wrapped)
		}
	})
}

// neverAllowed are control words that no accepted text may hold, whatever
// the tables say: the ones that read or write files, run programs, define
// commands or build their names. It is a second guard on the tables.
var neverAllowed = setOf(words(`input include write openout openin read immediate special csname
	endcsname def edef gdef xdef let catcode makeatletter newcommand renewcommand UseName scantokens
	directlua usepackage documentclass font pdfximage pdfannot pdfcatalog href url loop expandafter
	begingroup endinput filecontents verb label`))

// rescan reads an accepted text again, with none of Check's machinery,
// and says what it holds that Check should not have accepted in ctx.
func rescan(text string, ctx Context) error {
	words, symbols, envs := allowedIn(ctx)
	if !utf8.ValidString(text) {
		return fmt.Errorf("not UTF-8")
	}
	if strings.Contains(text, "^^") {
		return fmt.Errorf("^^ notation")
	}
	if ctx != Paragraph && blankLine(text) {
		return fmt.Errorf("a blank line")
	}
	depth, dollars := 0, 0
	var open []string // environments
	for i := 0; i < len(text); i++ {
		switch b := text[i]; {
		case b == '%' || b == '#':
			return fmt.Errorf("%q at %d", b, i)
		case b < 0x20 && b != '\t' && b != '\n' || b == 0x7f:
			return fmt.Errorf("control character %U at %d", b, i)
		case b >= 0x80:
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isTextRune(r) || 0x200B <= r && r <= 0x200F || 0x202A <= r && r <= 0x202E || 0x2066 <= r && r <= 0x2069 || r == 0xFEFF {
				return fmt.Errorf("character %U at %d", r, i)
			}
			i += size - 1
		case b == '{':
			depth++
		case b == '}':
			if depth--; depth < 0 {
				return fmt.Errorf(`"}" at %d closes what the text did not open`, i)
			}
		case b == '$':
			dollars++
		case b == '\\':
			if i+1 == len(text) {
				return fmt.Errorf("a backslash at the end")
			}
			j := i + 1
			for j < len(text) && isLetter(text[j]) {
				j++
			}
			if j == i+1 {
				switch s := text[i+1]; {
				case s == ' ' || s == '\t' || s == '\n':
				case !symbols[string(s)]:
					return fmt.Errorf(`control symbol \%c at %d`, s, i)
				}
				i++
				continue
			}
			name := text[i+1 : j]
			if !words[name] || neverAllowed[name] {
				return fmt.Errorf(`control word \%s at %d`, name, i)
			}
			if name == "begin" || name == "end" {
				env, ok := braced(text[j:])
				if !ok || !envs[env] {
					return fmt.Errorf(`\%s{%s} at %d`, name, env, i)
				}
				if name == "begin" {
					open = append(open, env)
				} else if len(open) == 0 || open[len(open)-1] != env {
					return fmt.Errorf(`\end{%s} at %d closes what is not open`, env, i)
				} else {
					open = open[:len(open)-1]
				}
			}
			i = j - 1
		}
	}
	switch {
	case depth != 0:
		return fmt.Errorf("%d braces left open", depth)
	case dollars%2 != 0:
		return fmt.Errorf("an odd number of $")
	case len(open) > 0:
		return fmt.Errorf(`\begin{%s} left open`, open[len(open)-1])
	}
	return nil
}

// closingBrace returns the offset of the "}" that closes the group open at
// offset from, reading as TeX does: a backslash and the character after
// it are never a brace. -1 when it does not close.
func closingBrace(s string, from int) int {
	depth := 1
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

// allowedIn sorts the allowlist for a context into control words,
// control symbols and environments.
func allowedIn(ctx Context) (words, symbols, envs map[string]bool) {
	words, symbols, envs = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range Commands() {
		ok := false
		for _, x := range c.Contexts {
			ok = ok || x == ctx
		}
		switch {
		case !ok:
		case isLetter(c.Name[0]):
			words[c.Name] = true
		default:
			symbols[c.Name] = true
		}
	}
	if ctx == Paragraph {
		for _, e := range Environments() {
			envs[e.Name] = true
		}
	}
	return words, symbols, envs
}

// braced reads {name} after optional white space.
func braced(s string) (string, bool) {
	s = strings.TrimLeft(s, " \t\n")
	if !strings.HasPrefix(s, "{") {
		return "", false
	}
	name, _, ok := strings.Cut(s[1:], "}")
	return name, ok
}

// blankLine reports whether s holds two line breaks with only spaces and
// tabs between them.
func blankLine(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			return true
		}
	}
	return false
}

// TestRescanCatches: the re-scan itself refuses what it must, so that a
// fuzz run that finds nothing means something.
func TestRescanCatches(t *testing.T) {
	for _, text := range []string{`}`, `{`, `\input`, `\@`, `%`, `#`, `$`, `^^5c`, `\begin{input}`,
		`\begin{itemize}`, `\end{itemize}`, "\u202e", "\x00", `\`, `\textbff`} {
		if rescan(text, Paragraph) == nil {
			t.Errorf("rescan accepts %q", text)
		}
	}
	for _, text := range []string{"a\n\nb", `\footnote{x}`, `\begin{center}x\end{center}`, `a\\b`} {
		if rescan(text, Title) == nil {
			t.Errorf("rescan accepts %q in a title", text)
		}
	}
}
