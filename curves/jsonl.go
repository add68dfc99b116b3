package curves

import (
	"encoding/json"

	"github.com/derivtex/derivtex/diag"
)

// readJSONL reads a log of one flat JSON object per line ({"step": 1,
// "loss": 0.5}). Columns are the keys, in the order they first appear; a
// row may leave any out. NaN, Infinity and -Infinity are read bare, as
// Python's json module writes them, or as strings.
func readJSONL(name string, src []byte, hint int) (*Log, error) {
	t := newTable(name, "jsonl", hint)
	index := map[string]int{}
	last, err := lines(src, func(n int, line []byte) error {
		if blank(line) {
			return nil
		}
		s := &jsonScanner{line: line}
		fail := func(format string, args ...any) error { return lineError(name, n, line, s.at, format, args...) }
		s.space()
		if !s.eat('{') {
			return fail("expected an object {...}, one per line")
		}
		s.space()
		for first := true; !s.eat('}'); first = false {
			if !first {
				if !s.eat(',') {
					return fail("expected , or } after a value")
				}
				s.space()
			}
			keyAt := s.at
			key, ok := s.str()
			if !ok {
				return fail("expected a key in quotes")
			}
			col, seen := index[string(key)]
			if !seen {
				col = t.addColumn(string(key), lineError(name, n, line, keyAt, "").Pos, string(line))
				index[string(key)] = col
			}
			s.space()
			if !s.eat(':') {
				return fail("expected : after the key")
			}
			s.space()
			valAt := s.at
			kind := t.cols[col].kind
			if kind == colIgnored {
				if !s.skipValue() {
					return fail("malformed value")
				}
				s.space()
				continue
			}
			text, str, ok := s.scalar()
			switch {
			case !ok:
				s.at = valAt
				return fail("the value of %s is not a number: a loss or a step is a number", diag.Quote(string(key)))
			case !str && string(text) == "null":
			default:
				v, isNum := number(string(text))
				if !isNum {
					s.at = valAt
					return fail("%s in column %s is not a number", diag.Quote(string(text)), diag.Quote(string(key)))
				}
				if err := t.stepValue(col, v, name, n, line, valAt); err != nil {
					return err
				}
				t.row = append(t.row, cell{col, v})
			}
			s.space()
		}
		s.space()
		if s.at < len(line) {
			return fail("text after the object: one object per line")
		}
		t.endRow()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t.finish(diag.Pos{File: name, Line: max(last, 1), Col: 1})
}

// jsonScanner reads one line of JSON Lines.
type jsonScanner struct {
	line []byte
	at   int
}

func (s *jsonScanner) space() {
	for s.at < len(s.line) && (s.line[s.at] == ' ' || s.line[s.at] == '\t') {
		s.at++
	}
}

func (s *jsonScanner) eat(c byte) bool {
	if s.at < len(s.line) && s.line[s.at] == c {
		s.at++
		return true
	}
	return false
}

// str reads a string, returning its contents unescaped.
func (s *jsonScanner) str() ([]byte, bool) {
	if !s.eat('"') {
		return nil, false
	}
	start, escaped := s.at, false
	for s.at < len(s.line) {
		switch s.line[s.at] {
		case '\\':
			escaped = true
			s.at += 2
			continue
		case '"':
			raw := s.line[start:s.at]
			s.at++
			if !escaped {
				return raw, true
			}
			var out string
			if err := json.Unmarshal(s.line[start-1:s.at], &out); err != nil {
				s.at = start - 1
				return nil, false
			}
			return []byte(out), true
		}
		s.at++
	}
	s.at = start - 1
	return nil, false
}

// scalar reads a number, a bare word (null, NaN, Infinity) or a
// string; str says it was a string. An object, an array or a bool is not
// a scalar a loss can be.
func (s *jsonScanner) scalar() (text []byte, str, ok bool) {
	if s.at < len(s.line) && s.line[s.at] == '"' {
		text, ok = s.str()
		return text, true, ok
	}
	start := s.at
	for s.at < len(s.line) {
		c := s.line[s.at]
		if c == ',' || c == '}' || c == ' ' || c == '\t' || c == '{' || c == '[' || c == '"' {
			break
		}
		s.at++
	}
	text = s.line[start:s.at]
	w := string(text)
	return text, false, len(text) > 0 && w != "true" && w != "false"
}

// skipValue steps over any value, nested or not.
func (s *jsonScanner) skipValue() bool {
	depth := 0
	for s.at < len(s.line) {
		switch c := s.line[s.at]; c {
		case '"':
			if _, ok := s.str(); !ok {
				return false
			}
			if depth == 0 {
				return true
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return true // the end of the row's object
			}
			depth--
			if depth == 0 {
				s.at++
				return true
			}
		case ',':
			if depth == 0 {
				return true
			}
		}
		s.at++
	}
	return depth == 0
}
