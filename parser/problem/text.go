package problem

import (
	"sort"
	"strings"
)

// text is the value of a string argument, and where each of its bytes
// stands in the string's token, so that a mistake found in the value is
// reported at its place in the file.
type text struct {
	value string
	// spans map the value to the token: the bytes of value from
	// spans[i].at on come from the token's bytes from spans[i].src on, up
	// to the next span. spans[0].at is 0.
	spans []span
}

type span struct{ at, src int }

// add appends s, which stands at src in the token, to the value.
func (t *text) add(b *strings.Builder, s string, src int) {
	t.spans = append(t.spans, span{b.Len(), src})
	b.WriteString(s)
}

// source returns the offset in the token of the value's byte at off; off
// may be len(value).
func (t text) source(off int) int {
	i := sort.Search(len(t.spans), func(i int) bool { return t.spans[i].at > off }) - 1
	return t.spans[i].src + off - t.spans[i].at
}

// unquote returns the text of a "..." token. The only escape is \" for a
// quote; every other backslash is kept as written, so LaTeX reads the
// same as in a .tex file: \exp stays \exp and \\ (a line break) stays \\.
// A backslash pairs with the character after it, which is why "a \\"
// ends after the \\ and a string cannot end in a single backslash.
func unquote(tok string) text {
	body := tok[1 : len(tok)-1]
	var t text
	var b strings.Builder
	from := 0 // the start of the body not yet added
	for i := 0; i < len(body); i++ {
		if body[i] != '\\' || i+1 == len(body) {
			continue
		}
		if body[i+1] == '"' {
			t.add(&b, body[from:i], 1+from)
			from = i + 1
		}
		i++
	}
	t.add(&b, body[from:], 1+from)
	t.value = b.String()
	return t
}

// dedent returns the text of a """...""" token: verbatim, without
// escapes, except that
//
//   - the line of the opening """ is dropped when nothing follows it,
//   - the line of the closing """ is dropped when only white space
//     precedes it,
//   - the white space that all other non-blank lines start with is
//     removed from each, and blank lines become empty, and
//   - line breaks are \n.
//
// Text right after the opening """ is kept as it is and takes no part in
// finding the common indentation.
func dedent(tok string) text {
	type line struct {
		s   string
		src int // where it starts in tok
	}
	body, at := tok[3:len(tok)-3], 3
	var lines []line
	for {
		l, rest, more := strings.Cut(body, "\n")
		if !more {
			lines = append(lines, line{l, at})
			break
		}
		lines = append(lines, line{strings.TrimSuffix(l, "\r"), at})
		body, at = rest, at+len(l)+1
	}
	var t text
	var b strings.Builder
	if len(lines) == 1 {
		t.add(&b, lines[0].s, lines[0].src)
		t.value = b.String()
		return t
	}
	head, rest := lines[0], lines[1:]
	if isBlank(rest[len(rest)-1].s) {
		rest = rest[:len(rest)-1]
	}
	margin, first := "", true
	for _, l := range rest {
		if isBlank(l.s) {
			continue
		}
		indent := l.s[:len(l.s)-len(strings.TrimLeft(l.s, " \t"))]
		if first {
			margin, first = indent, false
			continue
		}
		for !strings.HasPrefix(indent, margin) {
			margin = margin[:len(margin)-1]
		}
	}
	sep := ""
	if !isBlank(head.s) {
		t.add(&b, head.s, head.src)
		sep = "\n"
	}
	for _, l := range rest {
		b.WriteString(sep)
		sep = "\n"
		if isBlank(l.s) {
			t.add(&b, "", l.src+len(l.s))
		} else {
			t.add(&b, l.s[len(margin):], l.src+len(margin))
		}
	}
	if len(t.spans) == 0 {
		t.add(&b, "", 3)
	}
	t.value = b.String()
	return t
}

// isBlank reports whether a line is only white space.
func isBlank(line string) bool { return strings.TrimSpace(line) == "" }
