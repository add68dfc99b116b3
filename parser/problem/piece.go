package problem

import (
	"strings"

	"github.com/derivtex/derivtex/diag"
)

// piece is part of a rest-of-line argument and where it starts, so that
// a mistake inside it is reported at its place in the file.
type piece struct {
	text string
	pos  diag.Pos
}

// trimmed returns s, which starts at pos, as a piece without the white
// space around it.
func trimmed(s string, pos diag.Pos) piece {
	t := strings.TrimLeft(s, " \t\r\f\v")
	return piece{strings.TrimRight(t, " \t\r\f\v"), pos.Advance(s[:len(s)-len(t)])}
}

// at returns the position of byte off of p's text (clamped to the text).
func (p piece) at(off int) diag.Pos {
	return p.pos.Advance(p.text[:min(max(off, 0), len(p.text))])
}

// slice returns p.text[i:j] as a trimmed piece. It counts columns from
// the start of p, so a loop over many pieces uses split instead.
func (p piece) slice(i, j int) piece {
	return trimmed(p.text[i:j], p.pos.Advance(p.text[:i]))
}

// split cuts p at every sep outside brackets, (), [], and LaTeX math,
// $...$, into trimmed
// pieces. Positions are counted as it goes, so that a long list costs
// time in proportion to its length.
func (p piece) split(sep byte) []piece {
	var out []piece
	depth, start, at := 0, 0, p.pos // at is the position of p.text[start]
	math := false
	for i := 0; i < len(p.text); i++ {
		switch c := p.text[i]; {
		case c == '$':
			math = !math
		case math:
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth = max(depth-1, 0)
		case c == sep && depth == 0:
			out = append(out, trimmed(p.text[start:i], at))
			at = at.Advance(p.text[start : i+1])
			start = i + 1
		}
	}
	return append(out, trimmed(p.text[start:], at))
}

// cut cuts p around its first sep outside brackets and LaTeX math.
func (p piece) cut(sep byte) (before, after piece, found bool) {
	depth, math := 0, false
	for i := 0; i < len(p.text); i++ {
		switch c := p.text[i]; {
		case c == '$':
			math = !math
		case math:
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth = max(depth-1, 0)
		case c == sep && depth == 0:
			return p.slice(0, i), p.slice(i+1, len(p.text)), true
		}
	}
	return p, piece{}, false
}

// math returns the inside of p when p is LaTeX math between $ signs,
// $\frac{1}{2} w^2$, with its position.
func (p piece) math() (piece, bool) {
	t := p.text
	if len(t) < 2 || t[0] != '$' || t[len(t)-1] != '$' || strings.Contains(t[1:len(t)-1], "$") {
		return piece{}, false
	}
	return piece{t[1 : len(t)-1], p.pos.Advance("$")}, true
}
