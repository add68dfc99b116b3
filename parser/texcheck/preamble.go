package texcheck

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/derivtex/derivtex/diag"
)

// A problem file's preamble setting declares the author's macros and
// packages. It may hold only
//
//	\usepackage{bm}                       a package of preamblePackages
//	\newcommand{\R}{\mathbb{R}}           a new command, up to 9 parameters
//	\newcommand{\norm}[1]{\lVert #1 \rVert}
//	\DeclareMathOperator{\sgn}{sgn}       an operator name, \DeclareMathOperator* with limits
//
// separated by white space. A macro's body is problem text like any other,
// read by the same allowlist, in inline text or in math (whichever it
// reads in), with its parameters standing for arguments that the text
// using it gives and that are checked there; so nothing a macro stands
// for could not have been written out, and the refused primitives (files,
// the shell, \catcode, \csname, \def) stay refused. A macro only uses
// the macros defined before it, so none can recurse; and what its body
// costs pdflatex is counted at every use.

// Preamble is a checked preamble: what it declares, for CheckWith.
type Preamble struct {
	// TeX is the preamble as written, checked, for the handout's
	// preamble; "" for none.
	TeX string
	// commands are the commands it declares: its macros and operators,
	// and those of the packages it loads.
	commands map[string]*command
}

// Commands lists the names of the commands p declares, sorted, without
// backslashes.
func (p *Preamble) Commands() []string {
	if p == nil {
		return nil
	}
	var out []string
	for name := range p.commands {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// preamblePackages are the packages a preamble may load, with the commands
// each brings, as rows of the command table. Each is in Debian's
// texlive-latex-base or texlive-latex-recommended, and defines no command
// that reads or writes files.
var preamblePackages = map[string][]row{
	"bm":       {{"Fonts", Math, anywhere, "a", words(`bm`)}},
	"mathrsfs": {{"Fonts", Math, anywhere, "a", words(`mathscr`)}},
}

// Limits on a preamble.
const (
	// MaxMacros bounds the commands a preamble declares.
	MaxMacros = 100
	// maxMacroName bounds the length of a declared name.
	maxMacroName = 40
)

// paramName is the command a parameter #1 ... #9 of a macro's body reads
// as while the body is checked: no control sequence is spelled so (\# is
// "#").
const paramName = "#n"

// CheckPreamble reads a preamble and returns what it declares, and what
// is not allowed in it, as Check does. With errors, the preamble holds
// what was declared without one, so that the texts using it are checked
// against it and the same mistake is not reported at every use; it must
// not be typeset.
func CheckPreamble(text string) (*Preamble, []Error) {
	p := &Preamble{TeX: strings.TrimSpace(text), commands: map[string]*command{}}
	c := &checker{src: text, limit: len(text)}
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(stop); !ok {
					panic(r)
				}
			}
		}()
		c.next()
		for c.tok.kind != tEnd {
			t := c.tok
			switch {
			case t.kind == tSpace || t.kind == tPar:
				c.next()
				continue
			case t.is("usepackage"):
				c.next()
				c.usePackage(p, t)
			case t.is("newcommand"):
				c.next()
				c.newCommand(p, t)
			case t.is("DeclareMathOperator"):
				c.next()
				c.declareOperator(p, t)
			default:
				c.fatalf(t.at, `a preamble holds only \usepackage{%s}, \newcommand and \DeclareMathOperator declarations, found %s`,
					strings.Join(packageNames(), ","), describeToken(t))
			}
			if len(p.commands) > MaxMacros {
				c.fatalf(t.at, "a preamble declares at most %d commands", MaxMacros)
			}
		}
	}()
	return p, c.errs
}

func packageNames() []string {
	var out []string
	for name := range preamblePackages {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// describeToken names a token for a message.
func describeToken(t token) string {
	switch t.kind {
	case tWord, tSymbol:
		return show(t)
	case tEnd:
		return "the end"
	}
	return diag.Quote(t.text)
}

// usePackage reads {name,name} after \usepackage t.
func (c *checker) usePackage(p *Preamble, t token) {
	c.skipSpaces()
	if c.tok.isChar("[") {
		c.fatalf(c.tok.at, `\usepackage[...] is not allowed in a preamble: the packages it may load need no options`)
	}
	raw, at, ok := c.braced(t)
	if !ok {
		panic(stop{})
	}
	for _, name := range strings.Split(raw, ",") {
		name = strings.TrimSpace(name)
		rows, ok := preamblePackages[name]
		if !ok {
			c.errorf(at, `\usepackage{%s} is not allowed: a preamble may load only %s`, name, strings.Join(packageNames(), ", "))
			continue
		}
		for _, r := range rows {
			for _, n := range r.names {
				p.commands[n] = &command{name: n, mode: r.mode, group: r.group, args: signature(r.sig), repeat: repeats[n]}
			}
		}
	}
}

// definable are the refused names that LaTeX leaves undefined, refused in
// problem text only because the handout does not define them: a preamble
// may.
var definable = setOf(words(`argmax argmin coloneqq bm mathscr`))

// macroName matches a name \newcommand may define.
var macroName = regexp.MustCompile(`^\\([A-Za-z]+)$`)

// declaredName reads the name a declaration t defines: {\name} or \name.
// It must be new: not a command of problem text, not one refused (whose
// meaning LaTeX or TeX gives it), not declared already, and not starting
// with "end", which LaTeX keeps for environments.
func (c *checker) declaredName(p *Preamble, t token) (string, bool) {
	c.skipSpaces()
	var name string
	at := c.tok.at
	switch c.tok.kind {
	case tWord:
		name = c.tok.text
		c.next()
	case tOpen:
		raw, _, ok := c.braced(t)
		if !ok {
			return "", false
		}
		m := macroName.FindStringSubmatch(strings.TrimSpace(raw))
		if m == nil {
			c.errorf(at, `%s needs the name of a command, such as {\R}, found %s`, show(t), diag.Quote(raw))
			return "", false
		}
		name = m[1]
	default:
		c.fatalf(at, `%s needs the name of a command, such as {\R}`, show(t))
	}
	switch {
	case len(name) > maxMacroName:
		c.errorf(at, `\%s: a command's name has at most %d letters`, name, maxMacroName)
	case commands[name] != nil || p.commands[name] != nil:
		c.errorf(at, `\%s is defined already: %s defines a new command`, name, show(t))
	case refused[name] != "" && !definable[name]:
		c.errorf(at, `\%s is a command of LaTeX or TeX (it %s): choose another name`, name, refused[name])
	case strings.HasPrefix(name, "end"):
		c.errorf(at, `\%s: LaTeX keeps names that start with "end" for environments; choose another name`, name)
	default:
		return name, true
	}
	return "", false
}

// newCommand reads \newcommand{\name}[n]{body} after t.
func (c *checker) newCommand(p *Preamble, t token) {
	c.skipSpaces()
	if c.tok.isChar("*") {
		c.next()
	}
	name, ok := c.declaredName(p, t)
	shown := `\` + name
	if !ok {
		shown = "the command"
	}
	params := 0
	c.skipSpaces()
	if c.tok.isChar("[") {
		at := c.tok.at
		end := c.closing(c.pos, ']')
		n, err := strconv.Atoi(strings.TrimSpace(c.src[c.pos:max(end, c.pos)]))
		if end < 0 || err != nil || n < 0 || n > 9 {
			c.fatalf(at, `%s{\name}[n]: n is a number of parameters from 0 to 9`, show(t))
		}
		params = n
		c.pos = end + 1
		c.next()
		c.skipSpaces()
		if c.tok.isChar("[") {
			c.fatalf(c.tok.at, `%s with a default for its first parameter is not allowed: give every argument`, show(t))
		}
	}
	body, at, found := c.braced(t)
	if !found {
		panic(stop{})
	}
	cmd, errs := checkBody(body, params, p)
	for _, e := range errs {
		c.errorf(at+e.Offset, "in the definition of %s: %s", shown, e.Msg)
	}
	if ok && len(errs) == 0 {
		cmd.name = name
		p.commands[name] = cmd
	}
}

// checkBody checks the body of a macro of params parameters, as inline
// text and as math, and returns the command it makes: usable where its
// body reads, each argument typeset as many times as the body typesets
// its parameters, at the cost of the body's work.
func checkBody(body string, params int, p *Preamble) (*command, []Error) {
	var best []Error
	cmd := &command{group: "Preamble"}
	for _, mode := range []Mode{Text, Math} {
		c := &checker{src: body, limit: len(body), budget: WorkPerByte*len(body) + WorkBase, params: params}
		c.extra = map[string]*command{paramName: {name: paramName, mode: Both, handle: (*checker).parameter}}
		for n, x := range p.commands {
			c.extra[n] = x
		}
		s := startState(Title)
		if mode == Math {
			s = s.formula()
		}
		c.read(s)
		if len(c.errs) == 0 {
			cmd.mode |= mode
			cmd.cost = max(cmd.cost, c.work)
			cmd.repeat = max(cmd.repeat, c.paramTimes)
		} else if best == nil || len(c.errs) < len(best) {
			best = c.errs
		}
	}
	if cmd.mode == 0 {
		return nil, best
	}
	for range params {
		cmd.args = append(cmd.args, argSame)
	}
	if cmd.repeat <= 1 {
		cmd.repeat = 0
	}
	return cmd, nil
}

// parameter reads a parameter #n of a macro's body: it counts the times
// TeX typesets it there.
func (c *checker) parameter(s state, _ closer, _ token) bool {
	c.paramTimes += s.times
	c.next()
	return false
}

// declareOperator reads \DeclareMathOperator{\name}{text} after t, with
// an optional star for limits under and over.
func (c *checker) declareOperator(p *Preamble, t token) {
	c.skipSpaces()
	if c.tok.isChar("*") {
		c.next()
	}
	name, ok := c.declaredName(p, t)
	raw, at, found := c.braced(t)
	if !found {
		panic(stop{})
	}
	if !opName.MatchString(raw) || !strings.ContainsAny(raw, letters) {
		c.errorf(at, `%s needs a name of letters, such as {sgn} or {arg\,max}, found %s`, show(t), diag.Quote(raw))
		return
	}
	if ok {
		p.commands[name] = &command{name: name, mode: Math, group: "Preamble"}
	}
}

// String describes p for messages and tests: its commands.
func (p *Preamble) String() string {
	return fmt.Sprintf("preamble declaring %s", strings.Join(p.Commands(), ", "))
}
