// Package diag is derivtex's one error type. Every stage (the parsers,
// the engines, the solver, the command line) returns a *diag.Error or a
// List of them: what is wrong, where in which source, the source line to
// show under it, and whose fault it is. The command line takes its exit
// status from that last part alone (Kind), so a new package cannot turn a
// user's mistake into an internal failure by returning an error type the
// command does not know.
//
// Warnings are the same type, of kind Warning: input that was read and
// will be answered, but that its author probably did not mean (a given
// value nothing uses). A stage hands them over beside its result (as
// problem.File.Warnings does), never as its error, so they cannot change
// an exit status.
package diag

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"unicode/utf8"
)

// Pos is a place in a source: its file (empty for a command-line
// argument), the 1-based line and column (in characters, as an editor
// counts them) and the byte offset. The zero Pos is no place.
type Pos struct {
	File   string
	Line   int
	Col    int
	Offset int
}

// IsValid reports whether p is a place (line 1 or later).
func (p Pos) IsValid() bool { return p.Line > 0 }

// String renders file:line:col, or line:col without a file, or "" for no
// place.
func (p Pos) String() string {
	switch {
	case !p.IsValid():
		return ""
	case p.File == "":
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Advance returns the position just after s, when s starts at p.
func (p Pos) Advance(s string) Pos {
	p.Offset += len(s)
	if nl := strings.LastIndexByte(s, '\n'); nl >= 0 {
		p.Line += strings.Count(s, "\n")
		p.Col = 1 + utf8.RuneCountInString(s[nl+1:])
		return p
	}
	p.Col += utf8.RuneCountInString(s)
	return p
}

// Kind says whose fault an error is.
type Kind uint8

const (
	// Input: the user's input is wrong, or asks for more than its budget;
	// the command line exits 2.
	Input Kind = iota
	// Internal: derivtex failed (a bug, an output that could not be
	// written); the command line exits 1.
	Internal
	// Warning: nothing is wrong enough to stop, but the reader should
	// know (a value given and never used). Warnings are reported beside
	// an answer, never returned as an error.
	Warning
)

// Error is what went wrong, and where.
type Error struct {
	Kind Kind
	Pos  Pos    // where in the source; the zero Pos when nowhere in particular
	Msg  string // what is wrong, without the position
	// Src is the source line holding Pos, without its line break, so that
	// Snippet works after the source is gone. Empty when not known.
	Src string
	// Err is the cause, kept for errors.As: the details of a budget that
	// ran out, of a TeX error, of a panic.
	Err error
	// Stack is the stack of a panic recovered as an Internal error.
	Stack []byte
}

// Errorf returns an Input error with no position.
func Errorf(format string, args ...any) *Error {
	return &Error{Kind: Input, Msg: fmt.Sprintf(format, args...)}
}

// At returns an Input error at pos.
func At(pos Pos, format string, args ...any) *Error {
	return &Error{Kind: Input, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// WarningAt returns a Warning at pos.
func WarningAt(pos Pos, format string, args ...any) *Error {
	return &Error{Kind: Warning, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Internalf returns an Internal error.
func Internalf(format string, args ...any) *Error {
	return &Error{Kind: Internal, Msg: fmt.Sprintf(format, args...)}
}

// Recovered is the error of a panic, r, recovered at pos (if known) while
// doing what ("solving problem \"P\""): a bug of derivtex, not of its
// input, with the stack for whoever reports it. Every recover makes its
// error here, so the command line prints them all the same way.
func Recovered(r any, pos Pos, what string) *Error {
	msg := fmt.Sprint(r)
	if what != "" {
		msg = what + ": " + msg
	}
	return &Error{Kind: Internal, Pos: pos, Msg: msg, Stack: debug.Stack()}
}

// Wrap returns an error of kind with the message msg and the cause err.
func Wrap(kind Kind, err error, msg string) *Error {
	return &Error{Kind: kind, Msg: msg, Err: err}
}

// Error renders pos: msg, or msg alone without a position.
func (e *Error) Error() string {
	if p := e.Pos.String(); p != "" {
		return p + ": " + e.Msg
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// Snippet returns the source line and, beneath it, a caret under the
// column; "" when the line is not known (or empty: there is nothing to
// point at).
func (e *Error) Snippet() string {
	if e.Src == "" || !e.Pos.IsValid() {
		return ""
	}
	return Snippet(e.Src, e.Pos.Col)
}

// WithSource fills in Src from the whole text of the source at Pos, and
// returns e.
func (e *Error) WithSource(src string) *Error {
	off := min(max(e.Pos.Offset, 0), len(src))
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	e.Src = strings.TrimSuffix(src[start:end], "\r")
	return e
}

// Located returns e at pos when e has no position yet: an engine says
// what is wrong, and the caller, which knows the statement, says where.
func (e *Error) Located(pos Pos, src string) *Error {
	if e.Pos.IsValid() {
		return e
	}
	c := *e
	c.Pos, c.Src = pos, src
	return &c
}

// Report renders e as the command line shows it: "pos: msg", then the
// source line and a caret when there is one.
func (e *Error) Report() string {
	if s := e.Snippet(); s != "" {
		return e.Error() + "\n" + s
	}
	return e.Error()
}

// List is several errors, in source order, such as all the mistakes of a
// problem file.
type List []*Error

// Error renders the errors one per line.
func (l List) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Report renders each error with its snippet, each ending in a line
// break.
func (l List) Report() string {
	var b strings.Builder
	for _, e := range l {
		b.WriteString(e.Report())
		b.WriteByte('\n')
	}
	return b.String()
}

// ListOf returns the errors err holds: those of a List, or err alone;
// none for nil.
func ListOf(err error) List {
	if err == nil {
		return nil
	}
	var l List
	if errors.As(err, &l) {
		return l
	}
	return List{From(err)}
}

// Prefixed says what each error of err was about ("--wrt", "d/dw"), in
// front of its message, keeping kinds, positions and source lines: a
// List stays a List, one error stays one.
func Prefixed(what string, err error) error {
	list := ListOf(err)
	out := make(List, len(list))
	for i, d := range list {
		c := *d
		c.Msg = what + ": " + d.Msg
		c.Err = d
		out[i] = &c
	}
	if len(out) == 1 {
		return out[0]
	}
	return out
}

// Err returns l as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// KindOf says whose fault err is: Input for a *Error or List of Input
// errors (a List is Internal if any of its errors is; warnings in it do
// not count), and Internal for any other error, which is a failure no
// stage meant to report.
func KindOf(err error) Kind {
	var l List
	if errors.As(err, &l) {
		for _, e := range l {
			if e.Kind == Internal {
				return Internal
			}
		}
		return Input
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// From returns err as a *Error: itself, or the first of a List, or an
// Internal error wrapping it.
func From(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var l List
	if errors.As(err, &l) && len(l) > 0 {
		return l[0]
	}
	return Wrap(Internal, err, err.Error())
}
