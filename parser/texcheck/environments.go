package texcheck

import "sort"

// environment is one environment problem text may open with \begin.
// \begin{NAME} runs the command \NAME, so only these names are allowed.
type environment struct {
	name  string
	opens Mode // where it may open: Text, or Math for those inside a formula
	block bool // it stands between paragraphs (lists, displayed math); else in a line
	math  bool // its body is math
	amp   bool // & separates cells
	rows  bool // \\ ends rows
	rules bool // \hline, \cline and \multicolumn: tabular and array
	items bool // a list: its body is \item after \item
	pos   bool // it takes an optional [t], [c] or [b]
	spec  bool // it takes a column specification {lcr|}
	// repeat is how many times TeX typesets the body: align* and
	// multline* measure it first; 0 for once.
	repeat int
	group  string
}

// environmentRows is the allowlist of environments.
var environmentRows = []environment{
	{name: "itemize", opens: Text, block: true, items: true, group: "Lists"},
	{name: "enumerate", opens: Text, block: true, items: true, group: "Lists"},
	{name: "description", opens: Text, block: true, items: true, group: "Lists"},
	{name: "center", opens: Text, block: true, group: "Blocks"},
	{name: "flushleft", opens: Text, block: true, group: "Blocks"},
	{name: "flushright", opens: Text, block: true, group: "Blocks"},
	{name: "quote", opens: Text, block: true, group: "Blocks"},
	{name: "tabular", opens: Text, amp: true, rows: true, rules: true, pos: true, spec: true, group: "Tables"},
	{name: "equation*", opens: Text, block: true, math: true, group: "Displayed math"},
	{name: "align*", opens: Text, block: true, math: true, amp: true, rows: true, repeat: 2, group: "Displayed math"},
	{name: "gather*", opens: Text, block: true, math: true, rows: true, group: "Displayed math"},
	{name: "multline*", opens: Text, block: true, math: true, rows: true, repeat: 2, group: "Displayed math"},
	{name: "aligned", opens: Math, math: true, amp: true, rows: true, pos: true, group: "Inside math"},
	{name: "gathered", opens: Math, math: true, rows: true, pos: true, group: "Inside math"},
	{name: "cases", opens: Math, math: true, amp: true, rows: true, group: "Inside math"},
	{name: "array", opens: Math, math: true, amp: true, rows: true, rules: true, pos: true, spec: true, group: "Inside math"},
	{name: "matrix", opens: Math, math: true, amp: true, rows: true, group: "Inside math"},
	{name: "pmatrix", opens: Math, math: true, amp: true, rows: true, group: "Inside math"},
	{name: "bmatrix", opens: Math, math: true, amp: true, rows: true, group: "Inside math"},
	{name: "Bmatrix", opens: Math, math: true, amp: true, rows: true, group: "Inside math"},
	{name: "vmatrix", opens: Math, math: true, amp: true, rows: true, group: "Inside math"},
	{name: "Vmatrix", opens: Math, math: true, amp: true, rows: true, group: "Inside math"},
	{name: "smallmatrix", opens: Math, math: true, amp: true, rows: true, group: "Inside math"},
}

var environments = func() map[string]*environment {
	m := map[string]*environment{}
	for i := range environmentRows {
		m[environmentRows[i].name] = &environmentRows[i]
	}
	return m
}()

// body is the state inside the environment, opened where s holds.
func (e *environment) body(s state) state {
	s = s.group().repeated(e.repeat)
	if e.block {
		s.lists++
	}
	if e.items {
		s.items = &listBody{}
	}
	if !e.block || e.math {
		s.par, s.blocks, s.footnote = false, false, false
	}
	s.math, s.amp = e.math, e.amp
	switch {
	case e.rows:
		s.cr = crRow
		s.row = &alignRow{rules: e.rules, start: true, cell: true}
	case e.math:
		s.cr = crNone
	}
	return s
}

// Environment describes one allowed environment, for tools and for the
// manual.
type Environment struct {
	Name  string
	Mode  Mode // where it opens: Text, or Math for those inside a formula
	Group string
	// Example is a use Check accepts in Paragraph context.
	Example string
}

// Environments lists the allowed environments, sorted by group and name.
func Environments() []Environment {
	out := make([]Environment, 0, len(environmentRows))
	for _, e := range environmentRows {
		out = append(out, Environment{Name: e.name, Mode: e.opens, Group: e.group, Example: e.example()})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Group != out[j].Group {
			return out[i].Group < out[j].Group
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func (e *environment) example() string {
	body := "x"
	switch {
	case e.items:
		body = `\item x`
	case e.amp:
		body = `a & b \\ c & d`
	case e.rows:
		body = `a \\ b`
	}
	spec := ""
	if e.spec {
		spec = "{cc}"
	}
	ex := `\begin{` + e.name + `}` + spec + body + `\end{` + e.name + `}`
	if e.opens == Math {
		ex = "$" + ex + "$"
	}
	return ex
}
