package texcheck

// state is what may stand at a place in the text. Each group, argument,
// environment and math formula reads its inside with a state derived from
// the state outside it; nothing reaches back out, so a state is passed by
// value.
type state struct {
	math     bool
	cr       crKind // what \\ does here
	amp      bool   // & ends a cell here
	par      bool   // a paragraph may end here: a blank line, \par, \vspace
	blocks   bool   // lists, center, quote, displayed math may open here
	inline   bool   // tabular (in text), and aligned, cases, matrices, array (in math) may open here
	footnote bool   // \footnote may stand here
	scoped   bool   // a declaration (\bfseries) here ends with its group
	and      bool   // \and may stand here: the author line
	inLeft   bool   // \middle may stand here: between \left and \right
	lists    int    // how many lists and blocks this place is inside
	// times is how many times TeX typesets what stands here: the product
	// of the repeats of the commands and environments around it, at most
	// maxTimes.
	times int
	// items is the body of a list, where \item stands; nil elsewhere.
	items *listBody
	// row is the body of an alignment, for \hline, \cline and
	// \multicolumn, which must start a row or a cell; nil elsewhere.
	row *alignRow
}

// crKind is what \\ does at a place.
type crKind uint8

const (
	crNone crKind = iota // nothing: \\ is refused
	crLine               // it breaks the line: paragraph text
	crRow                // it ends a row: alignments, and the author line, which LaTeX sets as a table
)

// maxLists bounds nested lists and blocks; LaTeX stops at 4 enumerate or
// itemize lists inside each other, and at 6 lists of any kind.
const maxLists = 4

// listBody is the body of itemize, enumerate or description.
type listBody struct {
	seen bool // an \item has been read, or the missing one reported
}

// alignRow tracks where the body of an alignment is.
type alignRow struct {
	rules bool // \hline, \cline and \multicolumn are allowed: tabular and array
	start bool // at the start of a row
	cell  bool // at the start of a cell
	kept  bool // the last token left start and cell as it found or set them
}

// startState is the state at the start of a text placed in ctx.
func startState(ctx Context) state {
	switch ctx {
	case Title:
		return state{times: 1}
	case Author:
		return state{times: 1, cr: crRow, and: true}
	}
	return state{times: 1, cr: crLine, par: true, blocks: true, inline: true, footnote: true}
}

// maxTimes caps state.times, above any budget, so that it cannot
// overflow.
const maxTimes = 1 << 40

// repeated is the state inside something TeX typesets n times.
func (s state) repeated(n int) state {
	s.times = min(s.times*max(n, 1), maxTimes)
	return s
}

// group is the inside of {...}: a declaration ends at its "}", and & and
// \\ cannot end the cell or row around it.
func (s state) group() state {
	s.scoped = true
	s.amp = false
	if s.cr == crRow {
		s.cr = crNone
	}
	s.and, s.inLeft = false, false
	s.items, s.row = nil, nil
	return s
}

// arg is the inside of an argument: a group that holds no paragraphs.
func (s state) arg() state {
	s = s.group()
	s.par, s.blocks = false, false
	return s
}

// box is text set in a box in a line: \text, \mbox, an \item's label.
func (s state) box() state {
	s = s.arg()
	s.math, s.cr, s.footnote = false, crNone, false
	return s
}

// note is the text of a footnote: paragraphs and \\, no lists.
func (s state) note() state {
	s = s.group()
	s.math, s.cr, s.par, s.blocks, s.footnote = false, crLine, true, false, false
	return s
}

// formula is the inside of math: $...$, \(...\), \[...\].
func (s state) formula() state {
	s = s.arg()
	s.math, s.cr, s.footnote = true, crNone, false
	return s
}

// rows is the argument of \substack: math in rows.
func (s state) rows() state {
	s = s.arg()
	s.cr = crRow
	return s
}

// left is what stands between \left and \right.
func (s state) left() state {
	s = s.group()
	s.inLeft = true
	return s
}
