package check

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/derivtex/derivtex/diag"
)

// SplitLaTeX reads a derivation written in LaTeX: the rows of align*,
// align, aligned, equation or gather environments (or the whole input,
// without its $$, \[ and \], when it has none), split at \\ and at the
// relations between expressions. & is ignored, and a row's third and later
// cells (&& \text{by the chain rule}), \label, \tag, \notag, \nonumber and
// comments are left out. A row without a relation continues the
// expression of the row before. The relations:
//
//	=                                      equal
//	\propto                                equal up to a positive factor
//	\stackrel{c}{=}, \stackrel{\text{const}}{=}   equal up to an additive constant
//	\stackrel{\arg\min_w}{=}, \overset{\arg\min_{w,b}}{=}   same argmin over w (and b)
//	NAME := e (\coloneqq, \triangleq, \equiv, \stackrel{\text{def}}{=})   a definition
//	\Rightarrow v = e (\implies, \iff, \Leftrightarrow, \therefore)   e solves the equation before
//
// A row whose left side is not empty starts a new chain: its left side is
// compared with nothing, its right side with it. Unknown relations
// (\approx, \leq, \sim, ...) are errors at their place.
func SplitLaTeX(filename, src string) ([]Line, diag.List) {
	b := []byte(src)
	blankComments(b)
	// The spacing of \\[2pt]; the \\ stays.
	for _, loc := range rowSpacing.FindAllIndex(b, -1) {
		blank(b, loc[0]+2, loc[1])
	}
	for _, re := range blanked {
		for _, loc := range re.FindAllIndex(b, -1) {
			blank(b, loc[0], loc[1])
		}
	}
	s := &splitter{src: src, b: b, file: filename}
	bodies := environments(b)
	for _, body := range bodies {
		s.rows(body[0], body[1])
	}
	if s.implies != nil {
		s.errorAt(s.impliesAt, "nothing after the relation %s", strings.TrimSpace(s.implies.Sign))
	}
	if len(s.lines) > MaxLines {
		s.lines = s.lines[:MaxLines]
	}
	return s.lines, s.errs
}

// blanked are the parts of a LaTeX derivation that say nothing about its
// expressions.
var blanked = []*regexp.Regexp{
	regexp.MustCompile(`\\(label|tag\*?|intertext|shortintertext)\{[^{}]*\}`),
	regexp.MustCompile(`\\(nonumber|notag|displaystyle)\b`),
	regexp.MustCompile(`\$\$|\\\[|\\\]`),
}

// blank replaces b[i:j] by spaces, keeping line breaks, so that every
// position after it stays where it was.
func blank(b []byte, i, j int) {
	for k := i; k < j; k++ {
		if b[k] != '\n' {
			b[k] = ' '
		}
	}
}

// blankComments removes % comments (not \%).
func blankComments(b []byte) {
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' {
			i++
			continue
		}
		if b[i] == '%' {
			j := i
			for j < len(b) && b[j] != '\n' {
				j++
			}
			blank(b, i, j)
			i = j
		}
	}
}

var rowSpacing = regexp.MustCompile(`\\\\\[[^\]]*\]`)

var envRE = regexp.MustCompile(`\\begin\{(align\*?|aligned|equation\*?|gather\*?|gathered|split|multline\*?)\}`)

// environments returns the byte ranges of the bodies of the math
// environments of b, or all of b when it has none.
func environments(b []byte) [][2]int {
	var out [][2]int
	for _, loc := range envRE.FindAllSubmatchIndex(b, -1) {
		if len(out) > 0 && loc[0] < out[len(out)-1][1] {
			continue // nested (aligned inside equation): the outer one holds it
		}
		name := string(b[loc[2]:loc[3]])
		end := strings.Index(string(b[loc[1]:]), `\end{`+name+`}`)
		stop := len(b)
		if end >= 0 {
			stop = loc[1] + end
		}
		// An aligned inside equation: blank the inner markers.
		for _, inner := range envRE.FindAllIndex(b[loc[1]:stop], -1) {
			blank(b, loc[1]+inner[0], loc[1]+inner[1])
		}
		for _, re := range []*regexp.Regexp{regexp.MustCompile(`\\end\{[a-z]+\*?\}`)} {
			for _, l := range re.FindAllIndex(b[loc[1]:stop], -1) {
				blank(b, loc[1]+l[0], loc[1]+l[1])
			}
		}
		out = append(out, [2]int{loc[1], stop})
	}
	if len(out) == 0 {
		for i, c := range b {
			if c == '$' && (i == 0 || b[i-1] != '\\') {
				b[i] = ' '
			}
		}
		out = append(out, [2]int{0, len(b)})
	}
	return out
}

type splitter struct {
	src   string
	b     []byte
	file  string
	lines []Line
	errs  diag.List
	// at is the last position computed, so that pos advances from it
	// rather than from the start of the source each time; lineStart and
	// lineEnd bound its source line (lineEnd -1 until looked for).
	at                 diag.Pos
	lineStart, lineEnd int
	// implies is an implication that ended the row before: it leads to
	// the next row.
	implies   *Rel
	impliesAt int
}

func (s *splitter) pos(off int) diag.Pos {
	if !s.at.IsValid() || off < s.at.Offset {
		s.at = diag.Pos{File: s.file, Line: 1, Col: 1}
		s.lineStart, s.lineEnd = 0, -1
	}
	chunk := s.src[s.at.Offset:off]
	if nl := strings.LastIndexByte(chunk, '\n'); nl >= 0 {
		s.lineStart, s.lineEnd = s.at.Offset+nl+1, -1
	}
	s.at = s.at.Advance(chunk)
	return s.at
}

func (s *splitter) errorAt(off int, format string, args ...any) {
	if len(s.errs) > maxErrors {
		return
	}
	if len(s.errs) == maxErrors {
		s.errs = append(s.errs, diag.At(s.pos(off), "more errors follow; the first %d are shown", maxErrors))
		return
	}
	e := diag.At(s.pos(off), format, args...)
	e.Src = s.sourceLine(off)
	s.errs = append(s.errs, e)
}

// sourceLine is the line of the source holding offset off.
func (s *splitter) sourceLine(off int) string {
	s.pos(off)
	if s.lineEnd < 0 {
		s.lineEnd = len(s.src)
		if nl := strings.IndexByte(s.src[s.lineStart:], '\n'); nl >= 0 {
			s.lineEnd = s.lineStart + nl
		}
	}
	return strings.TrimRight(s.src[s.lineStart:s.lineEnd], "\r")
}

// maxErrors bounds the errors reported of one derivation: past it, a
// broken input would only repeat itself (and each error shows its line).
const maxErrors = 20

// rows splits the body b[from:to] at \\ (outside braces).
func (s *splitter) rows(from, to int) {
	depth, start := 0, from
	for i := from; i < to; i++ {
		switch s.b[i] {
		case '{':
			depth++
		case '}':
			depth--
		case '\\':
			if i+1 < to && s.b[i+1] == '\\' && depth == 0 {
				blank(s.b, i, i+2)
				s.row(start, i)
				start = i + 2
				i++
			} else {
				i++
			}
		}
	}
	s.row(start, to)
}

// relation signs of LaTeX, and the unknown ones.
var (
	stackRE      = regexp.MustCompile(`^\\(stackrel|overset)\s*\{((?:[^{}]|\{[^{}]*\})*)\}\s*\{\s*=\s*\}`)
	argminRE     = regexp.MustCompile(`arg\s*(\\[,;! ]\s*)?\\?min|argmin`)
	subscriptRE  = regexp.MustCompile(`_\s*(\{([^{}]*)\}|\\?[A-Za-z]+|[A-Za-z])`)
	defRE        = regexp.MustCompile(`^\s*(\\text\{\s*def\.?\s*\}|\\mathrm\{\s*def\.?\s*\}|def)\s*$`)
	constRE      = regexp.MustCompile(`^\s*(\+\s*)?(c|C|\\text\{\s*(const\.?|c)\s*\}|\\mathrm\{\s*(const\.?|c)\s*\}|const\.?)\s*$`)
	unknownLaTeX = []string{`\approx`, `\leq`, `\geq`, `\le`, `\ge`, `\neq`, `\ne`, `\sim`, `\simeq`, `\lt`, `\gt`, `<`, `>`}
	// defineLaTeX define the left side by the right.
	defineLaTeX = []string{`:=`, `\coloneqq`, `\triangleq`, `\equiv`}
	// impliesLaTeX lead from an equation to its solution.
	impliesLaTeX = []string{`\Longrightarrow`, `\Longleftrightarrow`, `\Rightarrow`, `\Leftrightarrow`, `\implies`, `\iff`, `\therefore`}
)

// row splits one row at its relations, outside braces.
func (s *splitter) row(from, to int) {
	// Cells: the third and later ones are justifications.
	cell, depth := 0, 0
	for i := from; i < to; i++ {
		switch s.b[i] {
		case '{':
			depth++
		case '}':
			depth--
		case '\\':
			i++
		case '&':
			if depth == 0 {
				cell++
				s.b[i] = ' '
				if cell == 2 {
					blank(s.b, i, to)
					i = to
				}
			}
		}
	}
	// Trailing punctuation.
	end := to
	for end > from && strings.ContainsRune(" \t\n\r", rune(s.b[end-1])) {
		end--
	}
	if end > from && strings.ContainsRune(".,;", rune(s.b[end-1])) && (end-2 < from || s.b[end-2] != '\\') {
		s.b[end-1] = ' '
	}
	type seg struct {
		start, end int
		rel        Rel
	}
	var segs []seg
	cur := seg{start: from, rel: Rel{Kind: Start}}
	depth = 0
	for i := from; i < to; i++ {
		c := s.b[i]
		if c == '{' {
			depth++
			continue
		}
		if c == '}' {
			depth--
			continue
		}
		if depth != 0 {
			if c == '\\' {
				i++
			}
			continue
		}
		rest := s.b[i:to]
		if mb := stackRE.FindSubmatch(rest); mb != nil {
			m := []string{string(mb[0]), string(mb[1]), string(mb[2])}
			rel, ok := stackRelation(m[2])
			if !ok {
				s.errorAt(i, "unknown relation %s: want \\stackrel{c}{=} (up to a constant) or \\stackrel{\\arg\\min_w}{=} (same argmin)", strings.TrimSpace(m[0]))
				rel = Rel{Kind: Equal, Unknown: true}
			}
			rel.Sign = m[0]
			cur.end = i
			segs = append(segs, cur)
			cur = seg{start: i + len(m[0]), rel: rel}
			i += len(m[0]) - 1
			continue
		}
		if bytes.HasPrefix(rest, []byte(`\propto`)) && !letterAt(rest, 7) {
			cur.end = i
			segs = append(segs, cur)
			cur = seg{start: i + 7, rel: Rel{Kind: UpToFactor, Sign: `\propto`}}
			i += 6
			continue
		}
		if sign := signAt(rest, defineLaTeX); sign != "" {
			cur.end = i
			segs = append(segs, cur)
			cur = seg{start: i + len(sign), rel: Rel{Kind: Equal, Sign: sign, Define: true}}
			i += len(sign) - 1
			continue
		}
		if sign := signAt(rest, impliesLaTeX); sign != "" {
			cur.end = i
			segs = append(segs, cur)
			cur = seg{start: i + len(sign), rel: Rel{Kind: Implies, Sign: sign}}
			i += len(sign) - 1
			continue
		}
		if unknown := unknownAt(rest); unknown != "" {
			s.errorAt(i, "unknown relation sign %s (want =, \\propto, \\stackrel{c}{=} or \\stackrel{\\arg\\min_w}{=})", unknown)
			cur.end = i
			segs = append(segs, cur)
			cur = seg{start: i + len(unknown), rel: Rel{Kind: Equal, Sign: unknown, Unknown: true}}
			i += len(unknown) - 1
			continue
		}
		if c == '=' {
			cur.end = i
			segs = append(segs, cur)
			cur = seg{start: i + 1, rel: Rel{Kind: Equal, Sign: "="}}
			continue
		}
		if c == '\\' {
			i++ // a command's first letter cannot start a sign
		}
	}
	cur.end = to
	segs = append(segs, cur)
	for k, sg := range segs {
		text := strings.TrimSpace(string(s.b[sg.start:sg.end]))
		if text == "" {
			if k == 0 {
				continue // the empty left side of &= ...
			}
			if sg.rel.Kind == Implies && k == len(segs)-1 {
				// ... = 0 \Rightarrow at a row's end: the next row is
				// the solution.
				s.implies, s.impliesAt = &segs[k].rel, sg.start
				continue
			}
			if !sg.rel.Unknown {
				s.errorAt(sg.start, "nothing after the relation %s", strings.TrimSpace(sg.rel.Sign))
			}
			continue
		}
		if k == 0 && len(segs) == 1 && len(s.lines) > 0 && !s.lines[len(s.lines)-1].Rel.Unknown && s.implies == nil {
			// No relation: the row continues the expression before.
			last := len(s.lines) - 1
			s.lines[last].Text = strings.TrimRight(string(s.b[s.offset(last):sg.end]), " \t\r\n")
			continue
		}
		lead := sg.start
		for lead < sg.end && strings.ContainsRune(" \t\n\r", rune(s.b[lead])) {
			lead++
		}
		rel := sg.rel
		if s.implies != nil && k == 0 {
			rel = *s.implies
		}
		s.implies = nil
		if len(s.lines) == 0 && k > 0 && segs[0].start < segs[0].end && strings.TrimSpace(string(s.b[segs[0].start:segs[0].end])) == "" {
			rel = Rel{Kind: Start} // a first row "&= x": x starts the chain
		}
		if len(s.lines) >= MaxLines {
			if len(s.lines) == MaxLines {
				e := cutError(s.pos(lead))
				e.Src = s.sourceLine(lead)
				s.errs = append(s.errs, e)
				s.lines = append(s.lines, Line{}) // marks the cut; dropped below
			}
			continue
		}
		s.lines = append(s.lines, Line{Text: strings.TrimRight(string(s.b[lead:sg.end]), " \t\r\n"), Pos: s.pos(lead), Rel: rel, Src: s.sourceLine(lead)})
	}
}

// offset is where line k's text starts.
func (s *splitter) offset(k int) int { return s.lines[k].Pos.Offset }

func letterAt(s []byte, i int) bool {
	return i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z')
}

// unknownAt returns the unknown relation sign rest starts with, or "".
func unknownAt(rest []byte) string { return signAt(rest, unknownLaTeX) }

// signAt returns the sign of signs rest starts with, or "".
func signAt(rest []byte, signs []string) string {
	for _, u := range signs {
		if bytes.HasPrefix(rest, []byte(u)) && (u[0] != '\\' || !letterAt(rest, len(u))) {
			return u
		}
	}
	return ""
}

// stackRelation reads what is stacked over an = sign.
func stackRelation(over string) (Rel, bool) {
	if constRE.MatchString(over) {
		return Rel{Kind: UpToConstant}, true
	}
	if defRE.MatchString(over) {
		return Rel{Kind: Equal, Define: true}, true
	}
	if loc := argminRE.FindStringIndex(over); loc != nil {
		r := Rel{Kind: SameArgmin}
		if m := subscriptRE.FindStringSubmatch(over[loc[1]:]); m != nil {
			p := m[1]
			if m[2] != "" || strings.HasPrefix(p, "{") {
				p = m[2]
			}
			for _, name := range paramList(p) {
				r.Params = append(r.Params, strings.TrimPrefix(strings.TrimSpace(strings.NewReplacer(`\mathbf`, "", `\boldsymbol`, "", "{", "", "}", "").Replace(name)), `\`))
			}
		}
		return r, true
	}
	return Rel{}, false
}
