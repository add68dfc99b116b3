package curves

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/derivtex/derivtex/diag"
)

// colKind is what a column of a log holds, for the reader.
type colKind uint8

const (
	colIgnored colKind = iota
	colStep            // a step column (the x column or another)
	colLoss
)

// column is one column of a log as the reader keeps it.
type column struct {
	name   string
	kind   colKind
	rank   int     // of a step column (stepRank)
	series *Series // of a loss column
}

// cell is one number of a row, by column.
type cell struct {
	col int
	v   float64
}

// table gathers the rows of a log, whatever its format, into series.
type table struct {
	log   *Log
	cols  []column
	xcol  int // the x column's index, -1 for none
	lastX float64
	row   []cell // the current row's numbers
	hint  int    // the expected number of rows, to size the series
}

func newTable(name, format string, hint int) *table {
	return &table{log: &Log{File: name, Format: format}, xcol: -1, hint: hint}
}

// addColumn adds a column named name, met at pos on the line src; a step
// column becomes the x column when it ranks before the current one and
// no row has been kept yet.
func (t *table) addColumn(name string, pos diag.Pos, src string) int {
	c := column{name: name, rank: stepRank(name)}
	switch role, isLoss := lossRole(name); {
	case c.rank >= 0:
		c.kind = colStep
		if t.log.Rows == 0 && (t.xcol < 0 || c.rank < t.cols[t.xcol].rank) {
			t.xcol = len(t.cols)
		}
	case isLoss:
		c.kind = colLoss
		c.series = &Series{Name: name, Role: role,
			X: make([]float64, 0, min(t.hint, 1<<20)), Y: make([]float64, 0, min(t.hint, 1<<20))}
		t.log.Series = append(t.log.Series, c.series)
	default:
		t.log.Warnings = append(t.log.Warnings, &diag.Error{Kind: diag.Warning, Pos: pos, Src: src,
			Msg: fmt.Sprintf("column %s is neither a step nor a loss: ignored", diag.Quote(name))})
	}
	t.cols = append(t.cols, c)
	return len(t.cols) - 1
}

// endRow files the current row's numbers under their series, at the
// row's step.
func (t *table) endRow() {
	t.log.Rows++
	x := float64(t.log.Rows)
	if t.xcol >= 0 {
		x = t.lastX
	}
	for _, c := range t.row {
		if c.col == t.xcol {
			x, t.lastX = c.v, c.v
		}
	}
	for _, c := range t.row {
		if s := t.cols[c.col].series; s != nil {
			s.X = append(s.X, x)
			s.Y = append(s.Y, c.v)
		}
	}
	t.row = t.row[:0]
}

// finish checks what was read and returns the log.
func (t *table) finish(end diag.Pos) (*Log, error) {
	var names []string
	for _, c := range t.cols {
		names = append(names, c.name)
	}
	if len(t.log.Series) == 0 {
		if len(names) == 0 {
			return nil, diag.At(diag.Pos{File: t.log.File, Line: 1, Col: 1}, "empty log: no columns")
		}
		return nil, diag.At(diag.Pos{File: t.log.File, Line: 1, Col: 1},
			"no loss column: expected a name like loss, train_loss or val_loss, but the columns are %s", diag.Clip(strings.Join(names, ", ")))
	}
	if t.log.Rows == 0 {
		return nil, diag.At(end, "no rows: the log has a header and nothing under it")
	}
	if t.xcol >= 0 {
		t.log.XName = t.cols[t.xcol].name
	}
	t.log.Tool = guessTool(names)
	kept := t.log.Series[:0]
	for _, s := range t.log.Series {
		if len(s.Y) == 0 {
			t.log.Warnings = append(t.log.Warnings, &diag.Error{Kind: diag.Warning, Pos: diag.Pos{File: t.log.File, Line: 1, Col: 1},
				Msg: fmt.Sprintf("column %s has no values: ignored", diag.Quote(s.Name))})
			continue
		}
		kept = append(kept, s)
	}
	if len(kept) == 0 {
		return nil, diag.At(end, "no loss values: every loss cell is empty")
	}
	t.log.Series = kept
	return t.log, nil
}

// number reads the text of a cell: a number, NaN or
// Inf (in any case, as Python and Keras write them); false for text.
func number(text string) (float64, bool) {
	v, err := parseFloat(text)
	if err == nil {
		return v, true
	}
	switch strings.ToLower(strings.TrimLeft(text, "+-")) {
	case "infinity", "inf":
		if strings.HasPrefix(text, "-") {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	}
	return 0, false
}

// lineError is a mistake at byte off of line (number n) of a log.
func lineError(file string, n int, line []byte, off int, format string, args ...any) *diag.Error {
	off = min(max(off, 0), len(line))
	col := utf8.RuneCount(line[:off]) + 1
	return &diag.Error{Kind: diag.Input, Pos: diag.Pos{File: file, Line: n, Col: col},
		Msg: fmt.Sprintf(format, args...), Src: strings.TrimSuffix(string(line), "\r")}
}
