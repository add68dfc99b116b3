package curves

import (
	"bytes"
	"errors"
	"strconv"

	"github.com/derivtex/derivtex/diag"
)

// Read reads a training log named name: JSON Lines when its first
// character (after blank space) is "{", CSV otherwise (comma, semicolon
// or tab separated, the header naming the columns). Blank lines, and in
// CSV lines starting with "#", are skipped. A malformed log is refused
// with the line and column of its first mistake.
func Read(name string, src []byte) (*Log, error) {
	trimmed := bytes.TrimLeft(src, " \t\r\n\ufeff")
	if len(trimmed) == 0 {
		return nil, diag.At(diag.Pos{File: name, Line: 1, Col: 1}, "empty log: no header and no rows")
	}
	hint := bytes.Count(src, []byte{'\n'}) + 1
	if trimmed[0] == '{' {
		return readJSONL(name, src, hint)
	}
	return readCSV(name, src, hint)
}

// lines calls f with each line of src (without its line break) and its
// 1-based number, until f returns an error.
func lines(src []byte, f func(n int, line []byte) error) (int, error) {
	n := 0
	for len(src) > 0 {
		n++
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if err := f(n, line); err != nil {
			return n, err
		}
	}
	return n, nil
}

// blank reports whether a line holds only spaces and tabs.
func blank(line []byte) bool { return len(bytes.Trim(line, " \t")) == 0 }

// span is a field of a CSV line: its text's bytes [start, end), quotes
// taken off.
type span struct{ start, end int }

// splitCSV appends the fields of line to out. A field may be quoted
// ("a,b", with "" for a quote inside).
func splitCSV(out []span, line []byte, delim byte) ([]span, int, error) {
	start := 0
	for {
		// Skip blank space before a field, to find its quote.
		s := start
		for s < len(line) && (line[s] == ' ' || line[s] == '\t') && line[s] != delim {
			s++
		}
		if s < len(line) && line[s] == '"' {
			end := s + 1
			for {
				q := bytes.IndexByte(line[end:], '"')
				if q < 0 {
					return out, s, errUnclosedQuote
				}
				end += q
				if end+1 < len(line) && line[end+1] == '"' {
					end += 2
					continue
				}
				break
			}
			out = append(out, span{s + 1, end})
			next := end + 1
			for next < len(line) && (line[next] == ' ' || line[next] == '\t') {
				next++
			}
			if next == len(line) {
				return out, 0, nil
			}
			if line[next] != delim {
				return out, next, errAfterQuote
			}
			start = next + 1
			continue
		}
		i := bytes.IndexByte(line[start:], delim)
		if i < 0 {
			return append(out, span{start, len(line)}), 0, nil
		}
		out = append(out, span{start, start + i})
		start += i + 1
	}
}

var (
	errUnclosedQuote = errors.New("unclosed quote")
	errAfterQuote    = errors.New("text after a closing quote: expected a separator")
)

// readCSV reads a log with a header line.
func readCSV(name string, src []byte, hint int) (*Log, error) {
	t := newTable(name, "csv", hint)
	var delim byte
	var fields []span
	headerLine := 0
	last, err := lines(src, func(n int, line []byte) error {
		if blank(line) || line[0] == '#' {
			return nil
		}
		if delim == 0 {
			delim = pickDelim(line)
		}
		fields = fields[:0]
		var off int
		var err error
		if fields, off, err = splitCSV(fields, line, delim); err != nil {
			return lineError(name, n, line, off, "%v", err)
		}
		if headerLine == 0 {
			headerLine = n
			for _, f := range fields {
				text := string(bytes.TrimSpace(bytes.ReplaceAll(line[f.start:f.end], []byte(`""`), []byte(`"`))))
				t.addColumn(text, lineError(name, n, line, f.start, "").Pos, string(line))
			}
			return nil
		}
		if len(fields) != len(t.cols) {
			at := len(line)
			if len(fields) > len(t.cols) {
				at = fields[len(t.cols)].start
			}
			return lineError(name, n, line, at, "this row has %d fields, the header (line %d) has %d", len(fields), headerLine, len(t.cols))
		}
		for i, f := range fields {
			c := &t.cols[i]
			if c.kind == colIgnored {
				continue
			}
			text := bytes.TrimSpace(line[f.start:f.end])
			if len(text) == 0 {
				continue // not logged on this row
			}
			v, ok := number(string(text))
			if !ok {
				return lineError(name, n, line, f.start+bytes.Index(line[f.start:f.end], text),
					"%s in column %s is not a number", diag.Quote(string(text)), diag.Quote(c.name))
			}
			if err := t.stepValue(i, v, name, n, line, f.start); err != nil {
				return err
			}
			t.row = append(t.row, cell{i, v})
		}
		t.endRow()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t.finish(diag.Pos{File: name, Line: max(last, 1), Col: 1})
}

// stepValue refuses a step that is not a finite number.
func (t *table) stepValue(col int, v float64, name string, n int, line []byte, off int) error {
	if col == t.xcol && (v != v || v > 1e300 || v < -1e300) {
		return lineError(name, n, line, off, "the step column %s holds %v: a step is a finite number", diag.Quote(t.cols[col].name), v)
	}
	return nil
}

// pickDelim is the separator a header line uses the most: comma,
// semicolon or tab (comma when it has none).
func pickDelim(header []byte) byte {
	best, count := byte(','), 0
	for _, d := range []byte{',', ';', '\t'} {
		if c := bytes.Count(header, []byte{d}); c > count {
			best, count = d, c
		}
	}
	return best
}

// parseFloat is strconv.ParseFloat, reading a number too large for a
// float64 as an infinity.
func parseFloat(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && errors.Is(err, strconv.ErrRange) {
		return v, nil
	}
	return v, err
}
