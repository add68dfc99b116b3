package solve

import (
	"bytes"
	"compress/zlib"
	"io"
	"sort"
	"strconv"
	"strings"
)

// A handout is text and formulas. A PDF can also act: open a web page or
// run a program when it is opened (/OpenAction, /AA), hold links and other
// annotations, scripts, forms and embedded files; and a trailer can send a
// reader to a catalog of the author's (a second /Root) or lock the file
// (/Encrypt). pdfTeX writes any of these on request (\pdfcatalog,
// \pdfannot, \pdfstartlink, \pdfobj, \pdftrailer), so
// CompilePDF refuses a PDF in which they appear, whatever way a problem's
// text found to put them there.

// activeNames are the PDF names of everything that acts or links.
var activeNames = map[string]bool{
	"OpenAction": true, "AA": true, "Launch": true, "JavaScript": true, "JS": true,
	"URI": true, "GoToR": true, "GoToE": true, "SubmitForm": true, "ImportData": true,
	"Annot": true, "Annots": true, "EmbeddedFile": true, "EmbeddedFiles": true,
	"FileAttachment": true, "RichMedia": true, "AcroForm": true, "XFA": true,
	"Outlines": true, "Named": true, "Rendition": true, "Movie": true, "Sound": true,
	"Encrypt": true,
}

// maxInflated bounds the bytes CheckPDF inflates from one PDF.
const maxInflated = 4 * MaxPDFBytes

// ActiveContentError says a PDF holds what CheckPDF refuses.
type ActiveContentError struct {
	Names []string // what it holds: "/OpenAction", "/URI", "a malformed stream"
}

func (e *ActiveContentError) Error() string {
	return "the PDF would hold " + strings.Join(e.Names, ", ") +
		": problem text may not add actions, links, annotations, scripts or files to the handout"
}

// CheckPDF refuses a PDF (as an *ActiveContentError) that holds any of
// activeNames as a name of its objects, those at the top level of the
// file and those in its object streams, inflated, or more than one /Root. Names are read as a
// PDF reader reads them: strings and comments skipped, #xx escapes
// decoded (/Java#53cript is /JavaScript). Other streams (page contents,
// fonts, images) hold data, not objects, and are skipped by their
// /Length, which must end at the keyword endstream as pdfTeX writes it;
// an object stream must be compressed by FlateDecode, as pdfTeX does.
func CheckPDF(pdf []byte) error {
	c := &pdfChecker{found: map[string]bool{}}
	if err := c.scan(pdf, true); err != nil {
		return err
	}
	if c.roots > 1 {
		c.found["a second /Root"] = true
	}
	if len(c.found) == 0 {
		return nil
	}
	var list []string
	for n := range c.found {
		list = append(list, n)
	}
	sort.Strings(list)
	return &ActiveContentError{Names: list}
}

type pdfChecker struct {
	found    map[string]bool
	inflated int
	roots    int // /Root keys at the top level: the trailer's
}

// pdfToken is a token of PDF syntax that CheckPDF looks at.
type pdfToken struct {
	name string // a name, decoded, without its slash
	word string // a keyword or number: obj, stream, R, 12
}

// scan reads the tokens of b. At the top level of the file it also reads
// streams: their dictionaries are the tokens since the last "obj".
func (c *pdfChecker) scan(b []byte, top bool) error {
	var dict []pdfToken
	for i := 0; i < len(b); i++ {
		switch ch := b[i]; {
		case ch == '(':
			if i = skipString(b, i); i == len(b) {
				c.found["an unclosed string"] = true
			}
		case ch == '<' && i+1 < len(b) && b[i+1] == '<':
			i++
		case ch == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case ch == '<':
			for i < len(b) && b[i] != '>' {
				i++
			}
		case ch == '/':
			j := i + 1
			for j < len(b) && !isPDFDelimiter(b[j]) {
				j++
			}
			n := decodeName(b[i+1 : j])
			if activeNames[n] {
				c.found["/"+n] = true
			}
			if n == "Root" && top {
				c.roots++
			}
			dict = append(dict, pdfToken{name: n})
			i = j - 1
		case isPDFDelimiter(ch):
		default:
			j := i
			for j < len(b) && !isPDFDelimiter(b[j]) {
				j++
			}
			w := string(b[i:j])
			i = j - 1
			switch {
			case w == "obj":
				dict = dict[:0]
			case w == "stream" && top:
				end, err := c.stream(b, j, dict)
				if err != nil {
					return err
				}
				i, dict = end-1, dict[:0]
			default:
				dict = append(dict, pdfToken{word: w})
			}
		}
	}
	return nil
}

// stream handles the stream whose keyword ends at i, with the tokens of
// its dictionary; it returns where the stream's data ends.
func (c *pdfChecker) stream(b []byte, i int, dict []pdfToken) (int, error) {
	switch {
	case strings.HasPrefix(string(b[i:min(i+2, len(b))]), "\r\n"):
		i += 2
	case i < len(b) && b[i] == '\n':
		i++
	}
	length, lengths, objStm, filter := -1, 0, false, ""
	for k, t := range dict {
		switch {
		case t.name == "Length" && k+1 < len(dict):
			lengths++
			indirect := k+3 < len(dict) && dict[k+3].word == "R"
			if n, err := strconv.Atoi(dict[k+1].word); err == nil && !indirect {
				length = n
			}
		case t.name == "Type" && k+1 < len(dict) && dict[k+1].name == "ObjStm":
			objStm = true
		case t.name == "Filter" && k+1 < len(dict):
			filter = dict[k+1].name
			if filter == "" {
				filter = "an array of filters"
			}
		}
	}
	end := -1
	if lengths == 1 && length >= 0 && length <= len(b)-i {
		rest := bytes.TrimLeft(b[i+length:], " \t\r\n")
		if bytes.HasPrefix(rest, []byte("endstream")) {
			end = i + length
		}
	}
	if end < 0 {
		c.found["a malformed stream"] = true
		k := bytes.Index(b[i:], []byte("endstream"))
		if k < 0 {
			return len(b), nil
		}
		end = i + k
	}
	if !objStm {
		return end, nil
	}
	data := b[i:end]
	switch filter {
	case "":
	case "FlateDecode":
		r, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			c.found["an object stream that does not inflate"] = true
			return end, nil
		}
		data, err = io.ReadAll(io.LimitReader(r, int64(maxInflated-c.inflated+1)))
		if err != nil {
			c.found["an object stream that does not inflate"] = true
		}
		if c.inflated += len(data); c.inflated > maxInflated {
			return 0, &OutputLimitError{Limit: maxInflated}
		}
	default:
		c.found["an object stream in /"+filter] = true
		return end, nil
	}
	return end, c.scan(data, false)
}

// skipString returns the index of the ")" closing the string opened at i,
// or len(b) when there is none.
func skipString(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return i
}

func isPDFDelimiter(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\f', 0, '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// decodeName resolves the #xx escapes of a name.
func decodeName(n []byte) string {
	if !bytes.ContainsRune(n, '#') {
		return string(n)
	}
	var s strings.Builder
	for i := 0; i < len(n); i++ {
		if n[i] == '#' && i+2 < len(n) {
			if v, err := strconv.ParseUint(string(n[i+1:i+3]), 16, 8); err == nil {
				s.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		s.WriteByte(n[i])
	}
	return s.String()
}
