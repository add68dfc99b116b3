package diag

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// snippetWidth is the widest source line Snippet shows whole; longer lines
// (a 1 MiB one-liner) are cut to a window around the column.
const snippetWidth = 80

// Snippet renders a source line and, beneath it, a caret under the 1-based
// column col (in characters). Tabs before the column are kept so the caret
// lines up; a line wider than snippetWidth is cut to a window around the
// column; characters that a terminal would act on rather than show are
// written as escapes (see Visible), with the caret still under its
// character. Every error of every stage shows its source line this way.
func Snippet(src string, col int) string {
	// Only the characters of the window shown are converted, so that a
	// long line (a 1 MiB one-liner) costs a count, not a copy per error.
	n := utf8.RuneCountInString(src) // an invalid byte counts as one, as below
	col = min(max(col-1, 0), n)      // caret index into the line
	start, end := 0, n
	prefix, suffix := "", ""
	if n > snippetWidth {
		start = max(0, min(col-snippetWidth/2, n-snippetWidth))
		end = min(n, start+snippetWidth)
		if start > 0 {
			prefix = "..."
		}
		if end < n {
			suffix = "..."
		}
	}
	line := make([]string, 0, end-start) // the characters of src[start:end], as shown
	k := 0
	for i, r := range src {
		if k >= end {
			break
		}
		if k >= start {
			if r == utf8.RuneError && !strings.HasPrefix(src[i:], "\uFFFD") {
				line = append(line, fmt.Sprintf(`\x%02x`, src[i]))
			} else {
				line = append(line, visible(r))
			}
		}
		k++
	}
	col -= start
	var b strings.Builder
	b.WriteString(prefix)
	for _, c := range line {
		b.WriteString(c)
	}
	b.WriteString(suffix)
	b.WriteByte('\n')
	b.WriteString(strings.Repeat(" ", len(prefix)))
	for _, c := range line[:col] {
		if c == "\t" {
			b.WriteByte('\t')
		} else {
			b.WriteString(strings.Repeat(" ", utf8.RuneCountInString(c)))
		}
	}
	b.WriteByte('^')
	return b.String()
}

// Visible returns s with every character that a terminal would act on
// instead of showing written as an escape: control characters other than
// line breaks and tabs (\x1b starts an escape sequence that can rewrite
// the screen), bidirectional marks and other invisible format characters
// (\u202e reverses what follows), and bytes that are not UTF-8. Input
// echoed in a message goes through it, so a hostile input cannot disguise
// the message about it.
func Visible(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && r != '\t' && visible(r) != string(r) }) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		default:
			b.WriteString(visible(r))
		}
	}
	return b.String()
}

// visible is one character of input as a message shows it: itself, or its
// escape when it is a control or format character.
func visible(r rune) string {
	switch {
	case r == '\t':
		return "\t"
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r)
	case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r):
		return fmt.Sprintf(`\u%04x`, r)
	}
	return string(r)
}

// Quote quotes input text for a message, clipped (Clip).
func Quote(s string) string { return strconv.Quote(Clip(s)) }

// Clip cuts input text quoted in a message to 30 characters, so that a
// long argument or statement does not bury the message about it.
func Clip(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:27]) + "..."
	}
	return s
}
