package texcheck

import (
	"sort"
	"strings"
)

// Mode says where a command may stand: in text, in math, or in both.
type Mode uint8

const (
	Text Mode = 1 << iota
	Math
	Both = Text | Math
)

func (m Mode) String() string {
	switch m {
	case Text:
		return "text"
	case Math:
		return "math"
	case Both:
		return "text and math"
	}
	return "nowhere"
}

// command is one control sequence problem text may use.
type command struct {
	name  string // without the backslash: "frac", "," for \,
	mode  Mode
	group string // the heading the manual lists it under
	// args are what the command reads after it, from its signature.
	args []argKind
	// place narrows where it may stand beyond its mode.
	place place
	// repeat is how many times TeX typesets the command's arguments, at
	// most; 0 for once. optRepeat is the same when the optional argument
	// is given.
	repeat, optRepeat int
	// handle reads the command when it needs more than its signature:
	// \begin, \left, \\, \item. nil for the rest.
	handle func(c *checker, s state, cl closer, t token) bool
	// cost is the work of typesetting a macro's body, which each use of
	// it adds (times the repeats around it): the macros of a preamble.
	// 0 for the table's commands, whose work is their arguments'.
	cost int
}

// place is where a command may stand within its mode.
type place uint8

const (
	anywhere  place = iota
	paragraph       // only where a paragraph may end: \par, \noindent, \vspace
	scoped          // a declaration, only inside braces or an environment: \bfseries
	footnotes       // only where a footnote may stand
)

// argKind is one thing a command reads after its name. The letters are
// those of a signature; optional arguments are written [x].
type argKind uint8

const (
	argSame      argKind = 'a' // {...} or one token, in the command's mode
	argText      argKind = 't' // {...} set as text in a box: \text, \mbox
	argNote      argKind = 'f' // {...} footnote text: paragraphs and \\ allowed
	argRows      argKind = 's' // {...} math with \\ between rows: \substack
	argDim       argKind = 'd' // {DIM}: 1em, -2.5pt
	argOpName    argKind = 'n' // {name} of \operatorname: letters, digits, \,
	argDelim     argKind = 'D' // a delimiter: ( [ \{ \langle . ...
	argStar      argKind = '*' // an optional *
	argCount     argKind = '#' // {n}: a count of columns, 1 to 99
	argColumn    argKind = 'c' // {spec} of one column: l c r p{DIM} and |
	argRange     argKind = 'r' // {a-b}: columns of \cline
	argOptSame   argKind = 'A' // [...] in the command's mode: \sqrt[n]
	argOptText   argKind = 'T' // [...] text: \item[label]
	argOptDim    argKind = 'R' // [DIM]: \\[2pt]
	argOptRefuse argKind = 'X' // [...] that LaTeX reads but problem text may not use: \footnote[n]
)

// optional reports whether the argument is written in brackets, or is a
// star: LaTeX looks for these past spaces, and reads them only if there.
func (k argKind) optional() bool {
	return k == argStar || k == argOptSame || k == argOptText || k == argOptDim || k == argOptRefuse
}

// signature reads a signature string: "aa" for \frac, "[a]a" for \sqrt,
// "*d" for \hspace.
func signature(sig string) []argKind {
	var out []argKind
	for i := 0; i < len(sig); i++ {
		if sig[i] != '[' {
			out = append(out, argKind(sig[i]))
			continue
		}
		switch sig[i : i+3] {
		case "[a]":
			out = append(out, argOptSame)
		case "[t]":
			out = append(out, argOptText)
		case "[d]":
			out = append(out, argOptDim)
		case "[-]":
			out = append(out, argOptRefuse)
		default:
			panic("texcheck: bad signature " + sig)
		}
		i += 2
	}
	return out
}

// row is a line of the command table: commands alike in mode, place and
// signature.
type row struct {
	group string
	mode  Mode
	place place
	sig   string
	names []string
}

// words splits a list of names at spaces.
func words(s string) []string { return strings.Fields(s) }

// commandRows is the allowlist of control words and control symbols, as
// data. Only commands of the LaTeX kernel and of the packages the handout
// loads (amsmath, amssymb, geometry, fontenc with T1) are here; each is
// checked to compile in solve's tests. The group names head the lists of
// the manual (docs/problem-language.md).
var commandRows = []row{
	// Text.
	{"Text styles", Text, anywhere, "a", words(`textbf textit textsl textsc textup textmd textrm textsf texttt
		textnormal emph textsuperscript textsubscript`)},
	{"Text styles", Both, anywhere, "a", words(`underline`)},
	{"Text styles", Text, scoped, "", words(`bfseries mdseries itshape slshape scshape upshape rmfamily sffamily
		ttfamily normalfont em tiny scriptsize footnotesize small normalsize large Large LARGE huge Huge`)},
	{"Boxes", Both, anywhere, "t", words(`text mbox`)},
	{"Boxes", Both, anywhere, "a", words(`phantom hphantom vphantom`)},
	{"Spacing", Both, anywhere, "", append(words(`quad qquad enspace enskip thinspace hfill , ; : ! /`), " ")},
	{"Spacing", Both, anywhere, "*d", words(`hspace`)},
	{"Spacing", Text, paragraph, "*d", words(`vspace`)},
	{"Spacing", Text, paragraph, "", words(`par noindent smallskip medskip bigskip`)},
	{"Spacing", Text, anywhere, "", words(`-`)},
	{"Footnotes", Text, footnotes, "[-]f", words(`footnote`)},
	{"Text symbols", Both, anywhere, "", words(`ldots dots S P dag ddag copyright pounds { } % $ & # _`)},
	{"Text symbols", Text, anywhere, "", words(`textendash textemdash textbackslash textasciitilde textasciicircum
		textbar textless textgreater textquotedblleft textquotedblright textquoteleft textquoteright
		textquotesingle textbullet textperiodcentered textdegree texttrademark textregistered textcopyright
		textellipsis textunderscore textbraceleft textbraceright textdollar textsterling texteuro
		textdagger textdaggerdbl textsection textparagraph textvisiblespace textexclamdown textquestiondown
		guillemotleft guillemotright texttimes textdiv textpm textonehalf textonequarter textthreequarters
		textmu textcelsius TeX LaTeX LaTeXe
		o O ae AE oe OE aa AA ss SS l L i j`)},
	{"Text accents", Text, anywhere, "a", words("' ` ^ \" ~ = . u v H c d b r t k")},
	// Math.
	{"Greek letters", Math, anywhere, "", words(`alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta
		iota kappa varkappa lambda mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi
		omega digamma Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega varGamma varDelta varTheta
		varLambda varXi varPi varSigma varUpsilon varPhi varPsi varOmega aleph beth gimel daleth`)},
	{"Operators and functions", Math, anywhere, "", words(`sum prod coprod int iint iiint iiiint idotsint oint
		bigcup bigcap bigsqcup bigvee bigwedge bigoplus bigotimes bigodot biguplus
		arccos arcsin arctan arg cos cosh cot coth csc deg det dim exp gcd hom inf ker lg lim liminf limsup
		ln log max min Pr sec sin sinh sup tan tanh varliminf varlimsup injlim projlim bmod limits nolimits`)},
	{"Operators and functions", Math, anywhere, "*n", words(`operatorname`)},
	{"Operators and functions", Math, anywhere, "a", words(`pmod pod`)},
	{"Relations", Math, anywhere, "", words(`leq le geq ge neq ne approx approxeq sim simeq cong equiv propto
		ll gg lll ggg prec succ preceq succeq subset supset subseteq supseteq subsetneq supsetneq nsubseteq
		nsupseteq sqsubset sqsupset sqsubseteq sqsupseteq in notin ni owns mid nmid parallel nparallel perp
		models vdash dashv doteq triangleq asymp bowtie smile frown leqslant geqslant lesssim gtrsim nless
		ngtr nleq ngeq lneq gneq vartriangleleft vartriangleright trianglelefteq trianglerighteq therefore
		because colon eqsim backsim thicksim thickapprox ncong nsim succcurlyeq preccurlyeq not`)},
	{"Arrows", Math, anywhere, "", words(`to gets leftarrow rightarrow leftrightarrow Leftarrow Rightarrow
		Leftrightarrow longleftarrow longrightarrow longleftrightarrow Longleftarrow Longrightarrow
		Longleftrightarrow mapsto longmapsto implies impliedby iff nearrow searrow swarrow nwarrow
		hookleftarrow hookrightarrow leftharpoonup leftharpoondown rightharpoonup rightharpoondown
		rightleftharpoons leftrightharpoons rightleftarrows leftrightarrows rightrightarrows leftleftarrows
		twoheadrightarrow twoheadleftarrow rightarrowtail leftarrowtail curvearrowright curvearrowleft
		circlearrowright circlearrowleft nrightarrow nleftarrow nRightarrow nLeftarrow nleftrightarrow
		nLeftrightarrow leadsto rightsquigarrow`)},
	{"Arrows", Math, anywhere, "[a]a", words(`xrightarrow xleftarrow`)},
	{"Binary operators", Math, anywhere, "", words(`pm mp times div cdot ast star circ bullet cap cup sqcap
		sqcup vee wedge land lor setminus smallsetminus oplus ominus otimes oslash odot bigcirc amalg uplus
		wr diamond triangleleft triangleright bigtriangleup bigtriangledown lhd rhd unlhd unrhd boxplus
		boxminus boxtimes boxdot ltimes rtimes leftthreetimes rightthreetimes curlywedge curlyvee circleddash
		circledast circledcirc centerdot dotplus divideontimes intercal barwedge veebar`)},
	{"Other math symbols", Math, anywhere, "", words(`prime backprime infty partial nabla emptyset varnothing
		forall exists nexists neg lnot top bot ell hbar hslash Re Im wp imath jmath angle measuredangle
		sphericalangle triangle square blacksquare Box Diamond checkmark dagger ddagger clubsuit
		diamondsuit heartsuit spadesuit flat natural sharp surd complement mho eth Bbbk lozenge
		blacklozenge bigstar diagup diagdown cdots vdots ddots dotsc dotsb dotsm dotsi dotso
		displaystyle textstyle scriptstyle scriptscriptstyle |`)},
	{"Delimiters", Math, anywhere, "", words(`langle rangle lvert rvert lVert rVert lfloor rfloor lceil rceil
		lbrace rbrace lbrack rbrack vert Vert backslash uparrow downarrow updownarrow Uparrow Downarrow
		Updownarrow ulcorner urcorner llcorner lrcorner`)},
	{"Delimiters", Math, anywhere, "D", words(`big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr
		bigm Bigm biggm Biggm`)},
	{"Math fonts", Math, anywhere, "a", words(`mathbf mathbb mathcal mathrm mathit mathsf mathtt mathfrak
		mathnormal boldsymbol pmb`)},
	{"Fractions and roots", Math, anywhere, "aa", words(`frac dfrac tfrac binom dbinom tbinom overset underset
		stackrel`)},
	{"Fractions and roots", Math, anywhere, "[a]a", words(`sqrt`)},
	{"Fractions and roots", Math, anywhere, "a", words(`boxed`)},
	{"Fractions and roots", Math, anywhere, "s", words(`substack`)},
	{"Math accents", Math, anywhere, "a", words(`hat widehat bar overline tilde widetilde vec dot ddot dddot
		acute grave breve check mathring overbrace underbrace overrightarrow overleftarrow`)},
}

// specialRows are the commands with handlers of their own; the manual
// lists them with the environments, lists and tables they belong to.
var specialRows = []struct {
	row
	handle func(c *checker, s state, cl closer, t token) bool
}{
	{row{"Structure", Both, anywhere, "", words(`begin`)}, (*checker).begin},
	{row{"Structure", Both, anywhere, "", words(`end`)}, (*checker).end},
	{row{"Structure", Both, anywhere, "", words(`\`)}, (*checker).lineBreak},
	{row{"Structure", Text, anywhere, "", words(`newline`)}, (*checker).newline},
	{row{"Structure", Text, anywhere, "", words(`item`)}, (*checker).item},
	{row{"Structure", Text, anywhere, "", words(`and`)}, (*checker).and},
	{row{"Structure", Both, anywhere, "", words(`hline`)}, (*checker).hline},
	{row{"Structure", Both, anywhere, "", words(`cline`)}, (*checker).cline},
	{row{"Structure", Both, anywhere, "", words(`multicolumn`)}, (*checker).multicolumn},
	{row{"Math", Text, anywhere, "", words(`( [`)}, (*checker).openMath},
	{row{"Math", Math, anywhere, "", words(`) ]`)}, (*checker).closeMath},
	{row{"Delimiters", Math, anywhere, "", words(`left`)}, (*checker).left},
	{row{"Delimiters", Math, anywhere, "", words(`right`)}, (*checker).right},
	{row{"Delimiters", Math, anywhere, "", words(`middle`)}, (*checker).middle},
}

// repeats are the commands that typeset their arguments more than once,
// and how many times at most: \mathchoice sets all four math styles, and
// amsmath's \binrel@ sets the argument of \boldsymbol, \overset and
// \underset twice more to see what kind of atom it is. (pdflatex's time on
// ten nested levels of each was measured; the others stay linear.)
var repeats = map[string]int{
	"text": 4, "phantom": 4, "hphantom": 4, "vphantom": 4, "boldsymbol": 8, "pmb": 12,
	"overrightarrow": 6, "overleftarrow": 6, "overset": 3, "underset": 3, "xrightarrow": 2, "xleftarrow": 2,
}

// optRepeats are the same for commands whose optional argument makes
// them repeat: \sqrt[n]{x} sets x in all four styles, \sqrt{x} once.
var optRepeats = map[string]int{"sqrt": 4}

// commands maps each allowed name to its command. It is filled in init,
// since the handlers of the special commands read it.
var commands map[string]*command

func init() {
	commands = buildCommands()
	for name := range commands {
		if len(name) > 1 {
			commandNames = append(commandNames, name)
		}
	}
	sort.Strings(commandNames)
}

func buildCommands() map[string]*command {
	m := map[string]*command{}
	add := func(r row, handle func(c *checker, s state, cl closer, t token) bool) {
		for _, name := range r.names {
			if m[name] != nil {
				panic(`texcheck: \` + name + " is listed twice")
			}
			m[name] = &command{name: name, mode: r.mode, group: r.group, args: signature(r.sig), place: r.place,
				repeat: repeats[name], optRepeat: optRepeats[name], handle: handle}
		}
	}
	for _, r := range commandRows {
		add(r, nil)
	}
	for _, r := range specialRows {
		add(r.row, r.handle)
	}
	return m
}

// delimiters are what \left, \right, \middle and \bigl take: characters,
// control symbols (by their character) and control words.
var (
	delimChars  = "()[]<>|/."
	delimSymbol = "{}|"
	delimWords  = setOf(words(`langle rangle lvert rvert lVert rVert lfloor rfloor lceil rceil lbrace rbrace
		lbrack rbrack vert Vert backslash uparrow downarrow updownarrow Uparrow Downarrow Updownarrow
		ulcorner urcorner llcorner lrcorner`))
)

func setOf(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// Command describes one allowed control sequence, for tools and for the
// manual.
type Command struct {
	Name  string // without the backslash: "frac", "," for \,
	Mode  Mode
	Group string // the heading the manual lists it under
	// Contexts are the places it may be used: all three for most, only
	// Paragraph for \par, \vspace, \footnote, \item, \begin, only
	// Paragraph and Author for \\, only Author for \and.
	Contexts []Context
	// Example is a use of the command that Check accepts in the first of
	// Contexts: `$\frac{x}{x}$`.
	Example string
}

// Commands lists the allowed control sequences, sorted by group and name.
func Commands() []Command {
	out := make([]Command, 0, len(commands))
	for _, c := range commands {
		out = append(out, Command{Name: c.name, Mode: c.mode, Group: c.group, Contexts: c.contexts(), Example: c.example()})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Group != out[j].Group {
			return out[i].Group < out[j].Group
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// contexts are the contexts the command may be used in.
func (c *command) contexts() []Context {
	switch {
	case c.name == "and":
		return []Context{Author}
	case c.name == `\`:
		return []Context{Paragraph, Author}
	case c.place == paragraph || c.place == footnotes || paragraphOnly[c.name]:
		return []Context{Paragraph}
	}
	return []Context{Paragraph, Title, Author}
}

// paragraphOnly are the special commands that only paragraph text may
// use: environments, and what stands in lists and tables.
var paragraphOnly = setOf(words(`begin end item hline cline multicolumn newline [ ]`))

// specialExamples are uses of the commands with handlers of their own.
var specialExamples = map[string]string{
	"begin":       `\begin{center}x\end{center}`,
	"end":         `\begin{center}x\end{center}`,
	`\`:           `a\\b`,
	"newline":     `a\newline b`,
	"item":        `\begin{itemize}\item x\end{itemize}`,
	"and":         `\and`,
	"hline":       `\begin{tabular}{c}\hline x\\ \hline\end{tabular}`,
	"cline":       `\begin{tabular}{cc}a & b\\ \cline{1-2}\end{tabular}`,
	"multicolumn": `\begin{tabular}{cc}\multicolumn{2}{c}{x}\end{tabular}`,
	"(":           `\(x\)`,
	")":           `\(x\)`,
	"[":           `\[x\]`,
	"]":           `\[x\]`,
	"left":        `$\left( x \middle| y \right)$`,
	"right":       `$\left( x \middle| y \right)$`,
	"middle":      `$\left( x \middle| y \right)$`,
	"/":           `f\/x`,
	"limits":      `$\sum\limits_{i} x$`,
	"nolimits":    `$\int\nolimits_{0}^{1} x$`,
}

// example writes a use of the command, with arguments made up from its
// signature, in paragraph text.
func (c *command) example() string {
	if ex, ok := specialExamples[c.name]; ok {
		return ex
	}
	var b strings.Builder
	b.WriteString(`\` + c.name)
	for _, a := range c.args {
		switch a {
		case argSame:
			b.WriteString("{x}")
		case argText, argNote:
			b.WriteString("{text}")
		case argRows:
			b.WriteString(`{i \\ j}`)
		case argDim:
			b.WriteString("{1em}")
		case argOpName:
			b.WriteString("{softmax}")
		case argDelim:
			b.WriteString("(")
		case argOptSame:
			b.WriteString("[3]")
		case argCount:
			b.WriteString("{1}")
		case argColumn:
			b.WriteString("{c}")
		case argRange:
			b.WriteString("{1-1}")
		}
	}
	use := b.String()
	switch {
	case c.place == scoped:
		use = "{" + use + " x}"
	case len(c.args) == 0 && isLetter(c.name[0]):
		use += " x"
	}
	if c.mode == Math {
		return "$" + use + "$"
	}
	return use
}
