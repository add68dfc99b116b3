package problem

import (
	"fmt"
	"github.com/derivtex/derivtex/parser/texcheck"
	"sort"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/derivtex/derivtex/define"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/internal/suggest"
	"github.com/derivtex/derivtex/parser"
)

// Parse reads a problem file. filename prefixes the positions of errors.
// When the file has mistakes, the error is an diag.List holding all of
// them (up to MaxErrors) in source order, and the File is what could be
// read, for tools; a solver should not use it.
func Parse(filename, src string) (f *File, err error) {
	c := newConverter(filename, src)
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, diag.List{diag.Recovered(r, c.start(), "reading the problem file").WithSource(c.src)}
		}
	}()
	if len(src) > MaxFileBytes {
		return nil, diag.List{c.newError(c.start(), fmt.Sprintf("file larger than %d MiB", MaxFileBytes>>20))}
	}
	lex, err := tokenize(filename, src)
	var g *fileNode
	if err == nil {
		g, err = fileParser.ParseFromLexer(lex)
	}
	if err != nil {
		// The grammar accepts every token sequence and the lexer every
		// text, so this is the token limit, or a bug.
		at := c.start()
		if pe, ok := err.(interface{ Position() lexer.Position }); ok {
			at = c.pos(pe.Position())
		}
		msg := err.Error()
		if le, ok := err.(*lexer.Error); ok {
			msg = le.Msg
		}
		return nil, diag.List{c.newError(at, msg)}
	}
	c.convertFile(g)
	c.file.Warnings = c.warnings()
	return c.file, c.result()
}

// newConverter returns a converter of src, which has read nothing yet.
func newConverter(filename, src string) *converter {
	return &converter{
		filename:  filename,
		src:       src,
		file:      &File{Name: filename, Precision: DefaultPrecision, Options: map[string]string{}},
		settings:  map[string]diag.Pos{},
		optionPos: map[string]diag.Pos{},
		namePos:   map[*Statement][]diag.Pos{},
		uses:      map[*Statement][]parser.Use{},
		named:     map[*Statement][]string{},
		labels:    map[string]*Problem{},
	}
}

// converter turns the grammar's nodes into a File, in one pass, collecting
// errors as it goes.
type converter struct {
	filename string
	src      string
	file     *File
	errs     diag.List
	dropped  bool // errors beyond MaxErrors were left out
	warns    diag.List
	// warnsDropped: warnings beyond MaxErrors were left out.
	warnsDropped bool

	// preamble is what the file's preamble setting declares, which its
	// texts may use; nil when it has none (or it was refused).
	preamble *texcheck.Preamble

	settings  map[string]diag.Pos // the first of each setting, for duplicates
	optionPos map[string]diag.Pos // the first of each option
	// namePos holds the position of each name of a statement's Names.
	namePos map[*Statement][]diag.Pos
	// uses holds the names each statement's terms use, each at its first
	// use in the term, placed in the file; for wrt, each variable.
	uses map[*Statement][]parser.Use
	// named holds the names a given statement binds, also those whose
	// value could not be read (and was reported), so that their uses are
	// not reported as unbound too.
	named map[*Statement][]string
	// defs are the functions the file's define settings made so far.
	defs *define.Scope
	// tooMany is set once the file has more than MaxProblems problems.
	tooMany bool
	// labels are the problems by label, as read so far; current is the
	// problem being read; later holds references to labels not read
	// yet, decided at the end (a label further down, or none).
	labels  map[string]*Problem
	current *Problem
	later   []pendingRef
	// other, when src is a command-line argument (ReadArgument), names
	// the argument the other statements were read from ("the
	// expression"), for messages that would give a line of the file.
	other string
}

// builder collects one problem's statements.
type builder struct {
	p     *Problem
	first map[string]*Statement // the first statement of each key
	given map[string]diag.Pos   // bound names of the given statements
	drop  bool                  // beyond MaxProblems: read, not kept
	// broken is set when a line of the problem could not be read as a
	// statement, or its block did not close: a statement saying what to
	// derive may have been lost, and that error is already reported.
	broken bool
}

func (c *converter) convertFile(g *fileNode) {
	// open is a problem written without its "{": the statements after
	// it are read as its own, up to a "}", a setting or the next problem,
	// so that one missing brace is one error.
	var open *builder
	// The preamble first, wherever it stands: every text may use what it
	// declares.
	for _, top := range g.Tops {
		if isPreamble(top.Line) {
			c.topLine(top.Line)
		}
	}
	for _, top := range g.Tops {
		switch {
		case isPreamble(top.Line):
			c.finish(open)
			open = nil
		case top.Problem != nil:
			c.finish(open)
			open = c.problem(top.Problem)
		case top.Close != nil:
			if open != nil {
				c.finish(open)
				open = nil
				continue
			}
			c.errorf(c.pos(top.Close.Pos), `stray "}": no problem block is open`)
		case open != nil && belongsToProblem(top.Line):
			c.item(open, top.Line)
		default:
			c.finish(open)
			open = nil
			c.topLine(top.Line)
		}
	}
	c.finish(open)
	c.decideLater()
}

// isPreamble reports whether a top-level line is the preamble setting.
func isPreamble(l *lineNode) bool {
	return l != nil && l.Stmt != nil && l.Stmt.Key == "preamble"
}

// belongsToProblem reports whether a top-level line reads as part of a
// problem: a statement of problems, or a blank or malformed line.
func belongsToProblem(l *lineNode) bool {
	return l.Stmt == nil || statementByKey[l.Stmt.Key] != nil
}

// topLine converts a line outside the problems: a setting, or a mistake.
func (c *converter) topLine(l *lineNode) {
	switch {
	case l.Stmt != nil:
		key, at := l.Stmt.Key, c.pos(l.Stmt.Pos)
		if def := settingByKey[key]; def != nil {
			if first, dup := c.settings[key]; dup && !def.repeat {
				c.errorf(at, "duplicate %s; the first is at line %d", key, first.Line)
				return
			}
			c.settings[key] = at
			s := c.statement(def, l.Stmt)
			switch key {
			case "title":
				c.file.Title = s.Text
			case "author":
				c.file.Author = s.Text
			}
			return
		}
		if statementByKey[key] != nil {
			c.errorf(at, `%s outside a problem; write it inside problem "..." { }`, key)
			return
		}
		c.unknown(at, "setting", key, keys(settingDefs, problemKeyword))
	case l.Junk != nil:
		c.errorf(c.pos(l.Junk.Pos), "expected a setting or a problem, found %s", describe(l.Junk.Args[0].Token))
	case l.Open != nil:
		c.errorf(c.pos(l.Open.Pos), `stray "{": a block opens on the line of its problem "..."`)
	}
}

// problem converts a problem block; it returns the builder, still open,
// when the block has no "{".
func (c *converter) problem(n *problemNode) *builder {
	b := &builder{
		p:     &Problem{Pos: c.pos(n.Pos)},
		first: map[string]*Statement{},
		given: map[string]diag.Pos{},
	}
	switch {
	case c.tooMany:
		b.drop = true
	case len(c.file.Problems) == MaxProblems:
		c.errorf(b.p.Pos, "more than %d problems in one file", MaxProblems)
		c.tooMany, b.drop = true, true
	}
	args := n.Args
	if len(args) == 2 && args[1].Token.Type != tokString && args[1].Token.Type != tokRaw &&
		strings.HasPrefix(args[1].Token.Value, "as ") {
		c.label(b, args[1].Token)
		args = args[:1]
	}
	title := c.statement(problemDef, &stmtNode{Pos: n.Pos, Key: problemKeyword, Args: args})
	b.p.Title = title.Text
	if n.Block == nil {
		end := title.ArgPos
		if len(n.Args) > 0 {
			last := n.Args[len(n.Args)-1].Token
			end = c.pos(last.Pos).Advance(strings.TrimRight(last.Value, " \t\r\f\v"))
		}
		c.errorf(end, `expected "{" after the title of %s`, b.name())
		return b
	}
	c.current = b.p
	defer func() { c.current = nil }()
	for _, l := range n.Block.Lines {
		c.item(b, l)
	}
	if !n.Block.Closed {
		c.errorf(c.pos(n.Block.Pos), `unclosed "{" of %s`, b.name())
		b.broken = true
	}
	c.finish(b)
	return nil
}

// item converts a line inside a problem.
func (c *converter) item(b *builder, l *lineNode) {
	switch {
	case l.Stmt != nil:
		key, at := l.Stmt.Key, c.pos(l.Stmt.Pos)
		def := statementByKey[key]
		switch {
		case def != nil:
			c.add(b, def, c.statement(def, l.Stmt))
		case settingByKey[key] != nil:
			c.errorf(at, "%s is a setting of the file; write it outside the problems", key)
		default:
			c.unknown(at, "statement", key, keys(statementDefs))
			b.broken = true
		}
	case l.Junk != nil:
		c.errorf(c.pos(l.Junk.Pos), "expected a statement, found %s", describe(l.Junk.Args[0].Token))
		b.broken = true
	case l.Open != nil:
		c.errorf(c.pos(l.Open.Pos), `unexpected "{" inside %s`, b.name())
	}
}

// add appends a statement to its problem, checking that it is not one
// too many.
func (c *converter) add(b *builder, def *statementDef, s *Statement) {
	if def.kind {
		if k := b.first[b.p.Kind]; k != nil {
			c.errorf(s.Pos, "%s already says what to derive (%s, line %d); put %s in a problem of its own",
				b.name(), k.Key, k.Pos.Line, s.Key)
			return
		}
		b.p.Kind = s.Key
	}
	if first := b.first[s.Key]; first != nil && !def.repeat {
		c.errorf(s.Pos, "duplicate %s; the first is at line %d", s.Key, first.Pos.Line)
		return
	}
	if b.first[s.Key] == nil {
		b.first[s.Key] = s
	}
	switch s.Key {
	case "question":
		b.p.Question = s.Text
	case "note":
		b.p.Note = s.Text
	case "given":
		for _, bd := range s.Bindings {
			if first, dup := b.given[bd.Name]; dup {
				c.errorf(bd.Pos, "%s is given twice; the first is at line %d", bd.Name, first.Line)
				continue
			}
			b.given[bd.Name] = bd.Pos
		}
	}
	b.p.Statements = append(b.p.Statements, s)
}

// finish checks a whole problem and keeps it.
func (c *converter) finish(b *builder) {
	if b == nil {
		return
	}
	p := b.p
	switch {
	case p.Kind == "" && b.broken:
		// Reported already: the unreadable line or the unclosed block.
	case p.Kind == "":
		c.errorf(p.Pos, "%s says nothing to derive: add %s", b.name(), orList(kindKeys()))
	default:
		if p.Kind == "eval" {
			c.decideTensorEval(p)
		}
		// A network's names are whole tensors, never indexed, and so are
		// those of an eval over tensors.
		if p.Kind != "network" && (p.Kind != "eval" || p.Statement("eval").Tensor == nil) {
			c.checkIndices(p)
		}
		for _, s := range p.Statements {
			def := statementByKey[s.Key]
			switch {
			case def.with != nil && !contains(def.with, p.Kind):
				c.errorf(s.Pos, "%s only goes with %s, and this is a %s problem", s.Key, orList(def.with), p.Kind)
			case def.check != nil:
				def.check(c, p, s)
			}
		}
	}
	if !b.drop {
		c.file.Problems = append(c.file.Problems, p)
	}
}

// statement reads a keyword line's argument as def says.
func (c *converter) statement(def *statementDef, n *stmtNode) *Statement {
	s := &Statement{Pos: c.pos(n.Pos), Key: def.key}
	s.ArgPos = s.Pos.Advance(n.Key)
	if len(n.Args) == 0 {
		c.errorf(s.ArgPos, "%s needs %s", def.key, def.arg.what)
		return s
	}
	tok := n.Args[0].Token
	s.ArgPos = c.pos(tok.Pos)
	switch quoted := tok.Type == tokString || tok.Type == tokRaw; {
	case tok.Type == tokBadString:
		c.errorf(s.ArgPos, "unterminated string")
		return s
	case tok.Type == tokBadRaw:
		c.errorf(s.ArgPos, `unterminated """ string`)
		return s
	case def.arg.quoted && !quoted:
		c.errorf(s.ArgPos, "%s needs %s", def.key, def.arg.what)
		return s
	case !def.arg.quoted && quoted:
		c.errorf(s.ArgPos, "%s needs %s, not a string", def.key, def.arg.what)
		return s
	}
	if len(n.Args) > 1 {
		extra := n.Args[1].Token
		switch extra.Type {
		case tokBadString:
			c.errorf(c.pos(extra.Pos), "unterminated string")
		case tokBadRaw:
			c.errorf(c.pos(extra.Pos), `unterminated """ string`)
		default:
			c.errorf(c.pos(extra.Pos), "unexpected %s after the argument of %s", describe(extra), def.key)
		}
		return s
	}
	if !def.arg.quoted {
		s.Text = strings.TrimRight(tok.Value, " \t\r\f\v")
	}
	def.arg.read(c, s, tok)
	return s
}

// unknown reports a keyword that is not in the table, with the keywords
// that are and the nearest of them.
func (c *converter) unknown(at diag.Pos, what, key string, known []string) {
	msg := fmt.Sprintf("unknown %s %q; expected one of %s", what, diag.Clip(key), strings.Join(known, ", "))
	if near := suggest.Nearest(key, known); near != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", near)
	}
	c.errorf(at, "%s", msg)
}

// name names the problem in messages: by its title, or by its line when
// it has none.
func (b *builder) name() string { return problemName(b.p) }

// problemName names a problem in messages.
func problemName(p *Problem) string {
	if p.Title == "" {
		return fmt.Sprintf("the problem at line %d", p.Pos.Line)
	}
	return fmt.Sprintf("problem %q", diag.Clip(p.Title))
}

// describe names an argument token in a message.
func describe(t lexer.Token) string {
	switch t.Type {
	case tokString, tokRaw, tokBadString, tokBadRaw:
		return "a string"
	}
	return diag.Quote(strings.TrimSpace(t.Value))
}

// pos converts a lexer position.
func (c *converter) pos(p lexer.Position) diag.Pos {
	return diag.Pos{File: c.filename, Line: p.Line, Col: p.Column, Offset: p.Offset}
}

// start is the first position of the file.
func (c *converter) start() diag.Pos { return diag.Pos{File: c.filename, Line: 1, Col: 1} }

// errorf records an error at a position.
func (c *converter) errorf(at diag.Pos, format string, args ...any) {
	if len(c.errs) == MaxErrors {
		c.dropped = true
		return
	}
	c.errs = append(c.errs, c.newError(at, fmt.Sprintf(format, args...)))
}

// newError makes an error holding the source line at its position.
func (c *converter) newError(at diag.Pos, msg string) *diag.Error {
	return diag.At(at, "%s", msg).WithSource(c.src)
}

// reported reports whether an error is recorded at a position already,
// so that a check can leave a place that has its error alone.
func (c *converter) reported(at diag.Pos) bool {
	for _, e := range c.errs {
		if e.Pos == at {
			return true
		}
	}
	return false
}

// warnf records a warning at a position.
func (c *converter) warnf(at diag.Pos, format string, args ...any) {
	if len(c.warns) == MaxErrors {
		c.warnsDropped = true
		return
	}
	c.warns = append(c.warns, diag.WarningAt(at, format, args...).WithSource(c.src))
}

// warnings returns the warnings in source order, or nil.
func (c *converter) warnings() diag.List {
	if len(c.warns) == 0 {
		return nil
	}
	sort.SliceStable(c.warns, func(i, j int) bool { return c.warns[i].Pos.Offset < c.warns[j].Pos.Offset })
	if c.warnsDropped {
		last := c.warns[len(c.warns)-1]
		c.warns = append(c.warns, &diag.Error{Kind: diag.Warning, Pos: last.Pos, Msg: fmt.Sprintf("too many warnings; only the first %d are shown", MaxErrors), Src: last.Src})
	}
	return c.warns
}

// result returns the errors in source order, or nil.
func (c *converter) result() error {
	if len(c.errs) == 0 {
		return nil
	}
	sort.SliceStable(c.errs, func(i, j int) bool { return c.errs[i].Pos.Offset < c.errs[j].Pos.Offset })
	if c.dropped {
		last := c.errs[len(c.errs)-1]
		c.errs = append(c.errs, &diag.Error{Pos: last.Pos, Msg: fmt.Sprintf("too many errors; only the first %d are shown", MaxErrors), Src: last.Src})
	}
	return c.errs
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
