package texcheck

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/derivtex/derivtex/internal/suggest"
)

// messages renders errors one per line, as "offset: message".
func messages(errs []Error) string {
	var lines []string
	for _, e := range errs {
		lines = append(lines, e.Error())
	}
	return strings.Join(lines, "\n")
}

func TestAccepted(t *testing.T) {
	tests := []struct {
		ctx  Context
		text string
	}{
		// Text.
		{Paragraph, `Plain text, with punctuation: (a) [b] 'c' "d" ! ? * + - = / < > | @ ~ -- --- ` + "``quotes''."},
		{Paragraph, `\textbf{bold} \textit{it} \emph{em} \texttt{tt} \textsf{sf} \textrm{rm} \textsc{sc} \underline{u}`},
		{Paragraph, `x\textsuperscript{2} H\textsubscript{2}O {\small small} {\bfseries\itshape both} {\Large big}`},
		{Paragraph, `50\% \$5 \& \# \_ \{ \} \ldots \dots \S 1 \P \dag \ddag \copyright \pounds \textbackslash \textasciitilde`},
		{Paragraph, "\\'e \\`a \\^o \\\"u \\~n \\=a \\.z \\u{a} \\v{s} \\H{o} \\c{c} \\d{a} \\b{b} \\r{a} \\t{oo} \\k{a} \\^\\i"},
		{Paragraph, `é ü ł ő ß Æ ø ñ ç ş ț – — ‘single’ “double” „low” … • † € ™ «guillemets» ¿ ¡ ° ± × ½ µ`},
		{Paragraph, `a\quad b\qquad c\,d\;e\:f\!g\ h\hspace{1em}i\hspace*{-2.5pt}j\/k\-l~m \hfill n`},
		{Paragraph, "line\\\\next\\\\[2pt]next\\\\*[1ex]next\\newline last\\par\\noindent x\n\nnew paragraph\\vspace{1cm}\\bigskip"},
		{Paragraph, `A note.\footnote{With \emph{text}, $x^2$ and a \\ break.} More.`},
		{Paragraph, "a\\\n\nb"}, // a backslash before the line break is a control space; then a blank line
		{Paragraph, "tab\tafter \\\tbackslash"},
		// Lists and blocks.
		{Paragraph, `\begin{itemize}\item one \item[*] two\end{itemize}`},
		{Paragraph, "\\begin{enumerate}\n\n  \\item one\n  \\item two\n    \\begin{itemize}\\item nested\\end{itemize}\n\\end{enumerate}"},
		{Paragraph, `\begin{description}\item[$x$] a variable \item[{[b]}] bracket\end{description}`},
		{Paragraph, `\begin{center}C\end{center}\begin{flushleft}L\end{flushleft}\begin{flushright}R\end{flushright}\begin{quote}Q\end{quote}`},
		{Paragraph, `\begin{center}\begin{tabular}{|l|c|r|p{3cm}|}\hline a & b & c & d \\ \hline \multicolumn{2}{|c|}{ab} & $x$ & \textbf{y} \\ \cline{1-2} \end{tabular}\end{center}`},
		{Paragraph, `\begin{tabular}[t]{ c c }a&b\\[2pt]c&d\end{tabular}`},
		// Math.
		{Paragraph, `$\frac{1}{2} + \dfrac12 + \tfrac{a}{b} + \binom{n}{k} + \sqrt{x} + \sqrt[3]{y}$`},
		{Paragraph, `$\alpha\beta\gamma\Gamma\varepsilon\varphi\vartheta\varGamma \sum_{i=1}^{N} \prod_i \int_0^\infty \oint \lim_{n\to\infty}$`},
		{Paragraph, `$\max_x \min \sup \inf \arg \log \ln \exp \sin \cos \tan \tanh \sinh \cosh \det \operatorname{softmax} \operatorname*{arg\,max}_w$`},
		{Paragraph, `$\leq \geq \neq \approx \sim \equiv \propto \mid \ll \gg \in \notin \subset \subseteq \cdot \times \circ \odot \otimes \oplus \pm \mp$`},
		{Paragraph, `$\top \intercal \partial \nabla \infty \emptyset \forall \exists \to \Rightarrow \mapsto \ldots \cdots \vdots \ddots$`},
		{Paragraph, `$\left( \frac{a}{b} \right) \left\{ x \middle| y \right\} \left. x \right|_0 \bigl( \Bigr] \langle x \rangle \lvert x \rvert \lVert x \rVert \lfloor x \rfloor \lceil x \rceil \{ \} \|$`},
		{Paragraph, `$\mathbf{x} \mathbb{R}^n \mathcal{L} \mathrm{d}x \mathit{it} \mathsf{sf} \mathtt{tt} \boldsymbol{\theta} \mathfrak{g}$`},
		{Paragraph, `$\hat{w} \widehat{xy} \bar x \overline{AB} \tilde a \widetilde{ab} \vec v \dot x \ddot x \underline{u} \overbrace{a+b}^{n} \underbrace{c}_{m}$`},
		{Paragraph, `$\boxed{x=1} \text{if $x>0$, else} \mbox{box} x' f''(x) x^{2^{k}} x_{i,j} e^{-x^\top x} \not= \displaystyle\sum$`},
		{Paragraph, `\(x\) and \[ y = \frac{1}{2} \] and \begin{equation*} z \end{equation*}`},
		{Paragraph, `\begin{align*} a &= b \\ &= c \\[1ex] \end{align*} \begin{gather*} a \\ b \end{gather*} \begin{multline*} a \\ b \end{multline*}`},
		{Paragraph, `$f(x) = \begin{cases} 0 & x < 0 \\ 1 & \text{otherwise} \end{cases}$`},
		{Paragraph, `$\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix} \begin{bmatrix} a \end{bmatrix} \begin{smallmatrix} a & b \end{smallmatrix} \begin{vmatrix} a \end{vmatrix}$`},
		{Paragraph, `$\begin{array}{c|c} a & b \\ \hline c & d \end{array}$ \[ \begin{aligned}[t] a &= b \end{aligned} \]`},
		{Paragraph, `$\sum_{\substack{i \\ j}} \xrightarrow[below]{above} \stackrel{?}{=} \overset{a}{b} \pmod{p} \sum\limits_i$`},
		// The old test files.
		{Paragraph, `You are given the model $p(y|x,w) = xw\exp(-xwy)$ ... Write down the optimisation problem.`},
		{Paragraph, `$\mathcal{D} = \{(x_1, y_1), \dots, (x_N, y_N)\}$ and $y \in \mathbb{R}^+$, $\frac{1}{2}\exp(-|wx + b - y|)$`},
		{Paragraph, `Compute $y = \sin(\mathbf{w})^\top \mathbf{x}$ and the loss $-\log(y l)$.`},
		// Titles and the author line.
		{Title, `MLE loss: an exponential model`},
		{Title, `The gradient of $\frac{1}{2}\|x\|^2$ and \emph{why}, {\small in short}`},
		{Title, "Müller's théorème ``quoted''"},
		{Author, `A. Teacher \and B. Assistant \\ University`},
		{Author, `\textsc{VIR} 2022\\[1ex] $\alpha$-team`},
		{Title, ``},
		{Paragraph, ``},
	}
	for _, tt := range tests {
		t.Run(tt.ctx.String()+"/"+tt.text, func(t *testing.T) {
			assert.Empty(t, messages(Check(tt.text, tt.ctx)))
		})
	}
}

func TestRefused(t *testing.T) {
	tests := []struct {
		name string
		ctx  Context
		text string
		want string // the first error, "offset: message"
	}{
		// The attacks a blocklist lost to.
		{"begin runs any command", Paragraph, `\begin{input}{/etc/passwd}\end{input}`,
			`0: environment "input" is not allowed in problem text: \begin{input} runs \input, which reads a file; problem text cannot read files`},
		{"UseName", Paragraph, `\UseName{input}{/etc/passwd}`, `0: \UseName is not allowed in problem text: it builds a command name from text`},
		{"makeatletter environment", Paragraph, `\begin{makeatletter}\@@input /etc/passwd\end{makeatletter}`,
			`0: environment "makeatletter" is not allowed in problem text: \begin{makeatletter} runs \makeatletter, which changes how TeX reads characters`},
		{"catcode environment", Paragraph, "\\begin{catcode}`\\^^M=13\\end{catcode}", `0: environment "catcode" is not allowed in problem text: \begin{catcode} runs \catcode, which changes how TeX reads characters`},
		{"openout environment", Paragraph, `\begin{openout}1=x.tex\begin{write}1{\x}`, `0: environment "openout" is not allowed in problem text: \begin{openout} runs \openout, which writes a file; problem text cannot write files`},
		{"filecontents", Paragraph, `\filecontents{x.tex}`, `0: \filecontents is not allowed in problem text: it writes a file; problem text cannot write files`},
		{"filecontents environment", Paragraph, `\begin{filecontents*}{x.tex}x\end{filecontents*}`, `0: environment "filecontents*" is not allowed in problem text: it writes a file`},
		{"gdef environment", Paragraph, `\begin{gdef}\x{y}\end{gdef}`, `0: environment "gdef" is not allowed in problem text: \begin{gdef} runs \gdef, which defines or changes commands; declare a macro in the file's preamble setting`},
		{"NewDocumentCommand", Paragraph, `\NewDocumentCommand{\x}{}{y}`, `0: \NewDocumentCommand is not allowed in problem text: it defines or changes commands; declare a macro in the file's preamble setting`},
		{"pdfcatalog launch", Paragraph, `\pdfcatalog{/OpenAction << /S /Launch /F (calc.exe) >>}`, `0: \pdfcatalog is not allowed in problem text: it adds a PDF link or action; write the address as text, e.g. \texttt{example.org}`},
		{"pdfannot javascript", Paragraph, `\pdfannot{/Subtype /Widget /A << /S /JavaScript /JS (app.alert(1)) >>}`, `0: \pdfannot is not allowed in problem text: it adds a PDF link or action; write the address as text, e.g. \texttt{example.org}`},
		{"pdfximage", Paragraph, `\pdfximage{/etc/passwd}`, `0: \pdfximage is not allowed in problem text: it reads a file; problem text cannot read files`},
		{"font", Paragraph, `\font\x=/etc/passwd`, `0: \font is not allowed in problem text: it reads a file; problem text cannot read files`},
		{"loop", Paragraph, `\loop\iftrue\repeat`, `0: \loop is not allowed in problem text: it is TeX programming`},
		{"brace escapes the title", Title, `x} \input{/etc/passwd} \title{y`, `1: unbalanced "}": nothing is open here for it to close`},
		{"csname", Paragraph, `\csname input\endcsname{x}`, `0: \csname is not allowed in problem text: it builds a command name from text`},
		{"input", Paragraph, `\input{/etc/passwd}`, `0: \input is not allowed in problem text: it reads a file; problem text cannot read files`},
		{"input after a word", Paragraph, `x\input x`, `1: \input is not allowed in problem text: it reads a file; problem text cannot read files`},
		{"write18", Paragraph, `\immediate\write18{rm -rf /}`, `0: \immediate is not allowed in problem text: it writes a file; problem text cannot write files`},
		{"href", Paragraph, `\href{http://x}{y}`, `0: \href is not allowed in problem text: it adds a PDF link or action; write the address as text, e.g. \texttt{example.org}`},
		{"url", Paragraph, `\url{http://x}`, `0: \url is not allowed in problem text: it adds a PDF link or action; write the address as text, e.g. \texttt{example.org}`},
		{"label", Paragraph, `\label{x}`, `0: \label is not allowed in problem text: it uses the .aux file; number and cite by hand`},
		{"ref", Paragraph, `\ref{x}`, `0: \ref is not allowed in problem text: it uses the .aux file; number and cite by hand`},
		{"cite", Paragraph, `\cite{x}`, `0: \cite is not allowed in problem text: it uses the .aux file; number and cite by hand`},
		{"verb", Paragraph, `\verb|\input|`, `0: \verb is not allowed in problem text: it reads its argument verbatim; write \texttt{...}, with \textbackslash, \{ and \} for those characters`},
		{"special", Paragraph, `\special{ps: x}`, `0: \special is not allowed in problem text: it runs a program or passes commands to the PDF driver`},
		{"end document", Paragraph, `\end{document}`, `0: \end{document} without \begin{document}`},
		{"begin document", Paragraph, `\begin{document}`, `0: environment "document" is not allowed in problem text: the handout has its own`},
		{"usepackage", Paragraph, `\usepackage{shellesc}`, `0: \usepackage is not allowed in problem text: it changes the document around the problem text`},
		// Characters.
		{"comment", Title, `x % hides the brace`, `2: % starts a comment in LaTeX, which would hide the rest of the line: write \% for a percent sign`},
		{"parameter", Paragraph, `#1`, `0: # is not allowed in problem text: write \# for a number sign`},
		{"caret notation", Paragraph, `^^5cinput`, `0: ^^ is not allowed in problem text: it can spell any character, a backslash too`},
		{"caret notation after a backslash", Paragraph, `\^^5c`, `1: ^^ is not allowed in problem text: it can spell any character, a backslash too`},
		{"caret notation in math", Paragraph, `$x^^41$`, `2: ^^ is not allowed in problem text: it can spell any character, a backslash too`},
		{"control character", Paragraph, "a\x00b", `1: the control character U+0000 is not allowed in problem text`},
		{"carriage return", Title, "a\rb}", `1: the control character U+000D is not allowed in problem text`},
		{"delete", Paragraph, "a\x7f", `1: the control character U+007F is not allowed in problem text`},
		{"form feed", Paragraph, "a\fb", `1: the control character U+000C is not allowed in problem text`},
		{"bidi override", Paragraph, "abc\u202edef", `3: U+202E is a bidirectional control, which is not allowed in problem text`},
		{"bidi isolate", Title, "abc\u2066def", `3: U+2066 is a bidirectional control, which is not allowed in problem text`},
		{"zero width space", Paragraph, "in\u200bput", `2: U+200B is a zero-width character, which is not allowed in problem text`},
		{"byte order mark", Paragraph, "\ufeffx", `0: U+FEFF is a zero-width character (byte order mark), which is not allowed in problem text`},
		{"soft hyphen", Paragraph, "hy\u00adphen", `2: U+00AD is a soft hyphen: write \- for a place to hyphenate, which is not allowed in problem text`},
		{"not UTF-8", Paragraph, "a\xffb", `1: problem text must be UTF-8, and this is not`},
		{"CJK", Paragraph, "中文", `0: 中 (U+4E2D) is not allowed in problem text: pdflatex has no letter for it in the handout's fonts (allowed are accented Latin letters, and typographic quotes and dashes)`},
		{"greek letter", Paragraph, "α", `0: α (U+03B1) is not allowed in problem text: write \alpha in math, $\alpha$`},
		{"less or equal", Paragraph, "a ≤ b", `2: ≤ (U+2264) is not allowed in problem text: write \leq in math, $\leq$`},
		{"special space", Paragraph, "a\u2009b", `1: U+2009 is a special space, which is not allowed in problem text: write a space, ~ or \quad`},
		{"accented letter in math", Paragraph, `$é$`, `1: é cannot stand in math: write \text{é}`},
		{"times in math", Paragraph, `$a × b$`, `3: × cannot stand in math: write \times`},
		{"backslash before non-ASCII", Paragraph, `\é`, `0: \é is not a command: a backslash goes before ASCII letters or one ASCII symbol`},
		{"lone backslash at the end", Paragraph, `a \`, `2: a lone \ at the end of the text: write \textbackslash for a backslash`},
		{"superscript in text", Paragraph, `x^2`, `1: ^ is math: put it inside $...$ (for a caret in text write \textasciicircum, for a superscript \textsuperscript{...})`},
		{"subscript in text", Paragraph, `file_name`, `4: _ is math: put it inside $...$ (for an underscore in text write \_)`},
		{"ampersand in text", Paragraph, `A & B`, `2: & separates the cells of tabular, array, align*, cases and matrices, and only there: write \& for an ampersand`},
		{"ampersand in inline math", Paragraph, `$a & b$`, `3: & separates the cells of tabular, array, align*, cases and matrices, and only there: write \& for an ampersand`},
		{"ampersand in a group of a table", Paragraph, `\begin{tabular}{cc}{a & b}\end{tabular}`, `22: & separates the cells of tabular, array, align*, cases and matrices, and only there: write \& for an ampersand`},
		{"control symbol @", Paragraph, `\@`, `0: \@ is not allowed in problem text`},
		{"control symbol *", Paragraph, `$a\*b$`, `2: \* is not allowed in problem text`},
		// Braces and math that do not close.
		{"unclosed brace", Title, `{x`, `0: unclosed "{": every "{" needs its "}" in the same text`},
		{"unclosed brace in an argument", Paragraph, `\textbf{x`, `7: unclosed "{": every "{" needs its "}" in the same text`},
		{"brace closes an argument early", Paragraph, `\textbf{x}}`, `10: unbalanced "}": nothing is open here for it to close`},
		{"unclosed dollar", Title, `$x`, `0: unclosed $: math must end with $ in the same text`},
		{"dollar in a group", Paragraph, `${x$}`, `3: $ cannot close the "{" before it: close that first`},
		{"brace out of math", Paragraph, `{$x}$`, `3: "}" cannot close the math opened with $: close that first`},
		{"double dollar", Paragraph, `$$x$$`, `0: $$ is not allowed in problem text: write \[...\] for displayed math`},
		{"unclosed paren math", Paragraph, `\(x`, `0: unclosed \(: math must end with \) in the same text`},
		{"stray close paren", Paragraph, `x\)`, `1: unbalanced \): nothing is open here for it to close`},
		{"mismatched math", Paragraph, `\(x\]`, `3: \] cannot close the math opened with \(: close that first`},
		{"math in math", Paragraph, `$\(x\)$`, `1: \( opens math, and this is math already`},
		{"unclosed left", Paragraph, `$\left( x$`, `9: $ cannot close the \left before it: close that first`},
		{"right without left", Paragraph, `$x \right)$`, `3: \right cannot close the math opened with $: close that first`},
		{"left without delimiter", Paragraph, `$\left x \right)$`, `7: \left needs a delimiter after it: ( ) [ ] | \{ \} \| \langle \rangle \lvert \lfloor \lceil, or . for none`},
		{"middle outside left", Paragraph, `$a \middle| b$`, `3: \middle only goes between \left and \right, outside braces`},
		{"unclosed environment", Paragraph, `\begin{itemize}\item x`, `0: \begin{itemize} is not closed: add \end{itemize}`},
		{"mismatched environment", Paragraph, `\begin{itemize}\item x\end{enumerate}`, `22: \end{enumerate} cannot close \begin{itemize}: close that first`},
		{"end in a group", Paragraph, `\begin{center}{x\end{center}}`, `16: \end{center} cannot close the "{" before it: close that first`},
		{"unclosed optional argument", Paragraph, `$\sqrt[3{x}$`, `6: unclosed "[" after \sqrt: LaTeX reads [...] after \sqrt as its optional argument`},
		// Commands in the wrong mode or place.
		{"math command in text", Paragraph, `\frac{1}{2}`, `0: \frac is math: put it inside $...$`},
		{"greek in text", Title, `\alpha`, `0: \alpha is math: put it inside $...$`},
		{"text command in math", Paragraph, `$\textbf{x}$`, `1: \textbf is text: in math write \mathbf{...}`},
		{"text accent in math", Paragraph, `$\'e$`, `1: \' is text: in math write \acute{...}`},
		{"emph in math", Paragraph, `$\emph{x}$`, `1: \emph is text: in math write \mathit{...}`},
		{"footnote in a title", Title, `T\footnote{x}`, `1: \footnote only goes in the text of a question or a note, outside math and tables`},
		{"footnote in math", Paragraph, `$x\footnote{y}$`, `2: \footnote is text: in math put it inside \text{...}`},
		{"footnote number", Paragraph, `x\footnote[3]{y}`, `10: \footnote[...] is not allowed in problem text: write \footnote{...} alone`},
		{"line break in a title", Title, `A\\B`, `1: \\ is not allowed here: it breaks lines in questions, notes and the author line, and ends the rows of a table outside braces`},
		{"and outside the author", Title, `A \and B`, `2: \and only separates names on the author line, outside braces`},
		{"line break in math", Paragraph, `$a \\ b$`, `3: \\ in math only goes between the rows of align*, gather*, multline*, aligned, cases, a matrix or array`},
		{"line break in a table group", Paragraph, `\begin{tabular}{c}{a \\ b}\end{tabular}`, `21: \\ is not allowed here: it breaks lines in questions, notes and the author line, and ends the rows of a table outside braces`},
		{"paragraph in a title", Title, "A\n\nB", `1: a blank line (a new paragraph) is not allowed here: titles, the author line and arguments of commands are one paragraph`},
		{"paragraph in math", Paragraph, "$a\n\nb$", `2: a blank line cannot stand in math: remove it`},
		{"paragraph in an argument", Paragraph, "\\textbf{a\n\nb}", `9: a blank line (a new paragraph) is not allowed here: titles, the author line and arguments of commands are one paragraph`},
		{"par in a title", Title, `A\par B`, `1: \par only goes between the paragraphs of a question or a note, not in a title or the argument of a command`},
		{"vspace in a title", Title, `A\vspace{1em}`, `1: \vspace only goes between the paragraphs of a question or a note, not in a title or the argument of a command`},
		{"declaration outside braces", Paragraph, `\bfseries all the rest`, `0: \bfseries changes the font up to the end of its group: put it inside braces, {\bfseries ...}`},
		{"size outside braces", Title, `\Huge title`, `0: \Huge changes the font up to the end of its group: put it inside braces, {\Huge ...}`},
		{"environment in a title", Title, `\begin{itemize}\item x\end{itemize}`, `0: itemize only goes between the paragraphs of a question or a note, not in a title, a table or the argument of a command`},
		{"tabular in a title", Title, `\begin{tabular}{c}x\end{tabular}`, `0: tabular only goes in the text of a question or a note, not in a title`},
		{"cases in a title", Title, `$\begin{cases}x\end{cases}$`, `1: cases only goes in the text of a question or a note, not in a title`},
		{"display math in a title", Title, `\[x\]`, `0: displayed math \[...\] only goes between the paragraphs of a question or a note; in a line write $...$`},
		{"display environment in inline math", Paragraph, `$\begin{align*}x\end{align*}$`, `1: align* cannot stand in math: close the math first`},
		{"math environment in text", Paragraph, `\begin{pmatrix}x\end{pmatrix}`, `0: pmatrix is math: put it inside $...$ or \[...\]`},
		{"list in a table", Paragraph, `\begin{tabular}{c}\begin{itemize}\item x\end{itemize}\end{tabular}`, `18: itemize only goes between the paragraphs of a question or a note, not in a title, a table or the argument of a command`},
		{"lists too deep", Paragraph, strings.Repeat(`\begin{quote}`, 5) + strings.Repeat(`\end{quote}`, 5), `52: lists and blocks nest at most 4 deep`},
		{"item outside a list", Paragraph, `\item x`, `0: \item only goes directly inside itemize, enumerate or description`},
		{"text before the first item", Paragraph, `\begin{itemize} x \item y\end{itemize}`, `16: text before the first \item of itemize: start the list with \item`},
		{"empty list", Paragraph, `\begin{enumerate}\end{enumerate}`, `17: enumerate needs at least one \item`},
		{"hline in text", Paragraph, `\hline`, `0: \hline only goes in tabular or array`},
		{"hline inside a row", Paragraph, `\begin{tabular}{c}x \hline\end{tabular}`, `20: \hline only goes at the start of a row: after \begin{...}{...} or \\`},
		{"multicolumn inside a cell", Paragraph, `\begin{tabular}{cc}x \multicolumn{1}{c}{y}\end{tabular}`, `21: \multicolumn only goes at the start of a cell: after & or \\`},
		{"newline in a title", Title, `a\newline b`, `1: \newline only breaks lines in the text of questions and notes`},
		{"equation numbered", Paragraph, `\begin{equation}x\end{equation}`, `0: environment "equation" is not allowed in problem text: write equation*: problem text cannot refer to numbers`},
		{"unknown environment", Paragraph, `\begin{itemise}\item x\end{itemise}`, `0: environment "itemise" is not allowed in problem text (did you mean itemize?)`},
		{"environment name with a space", Paragraph, `\begin{ itemize}\item x\end{itemize}`, `0: environment " itemize" is not allowed in problem text (did you mean itemize?)`},
		{"environment name unbraced", Paragraph, `\begin itemize`, `7: \begin needs the name of an environment in braces: \begin{itemize}`},
		// Misspellings and commands from packages the handout does not load.
		{"misspelt", Paragraph, `\textbff{x}`, `0: \textbff is not allowed in problem text (did you mean \textbf?)`},
		{"misspelt greek", Paragraph, `$\alpah$`, `1: \alpah is not allowed in problem text (did you mean \alpha?)`},
		{"capital alpha", Paragraph, `$\Alpha$`, `1: \Alpha is not allowed in problem text: it is not a LaTeX command: write A`},
		{"bm", Paragraph, `$\bm{x}$`, `1: \bm is not allowed in problem text: it needs the bm package, which the handout does not load; write \boldsymbol{...}`},
		{"argmax", Paragraph, `$\argmax_x$`, `1: \argmax is not allowed in problem text: it is not defined in the handout; write \operatorname*{arg\,max}`},
		{"unknown", Paragraph, `\zzzq`, `0: \zzzq is not allowed in problem text: it is not one of the commands problem text may use`},
		// Arguments that are names, dimensions and specifications.
		{"dimension glue", Paragraph, `\hspace{1em plus 1fil}`, `8: \hspace needs a dimension such as 1em, 2.5pt or -3mm, found "1em plus 1fil"`},
		{"dimension command", Paragraph, `\hspace{\fill}`, `8: \hspace needs a dimension such as 1em, 2.5pt or -3mm, found "\\fill"`},
		{"dimension unit", Paragraph, `\vspace{2}`, `8: \vspace needs a dimension such as 1em, 2.5pt or -3mm, found "2"`},
		{"dimension too large", Paragraph, `\vspace{50cm}`, `8: \vspace: "50cm" is too large; a dimension may be at most 1000pt (about 35cm)`},
		{"dimension of a line break", Paragraph, `a\\[x]b`, `4: \\[...] needs a dimension such as 1em, 2.5pt or -3mm, found "x"`},
		{"line break reads a bracket after spaces", Paragraph, `a\\ [note] b`, `5: \\[...] needs a dimension such as 1em, 2.5pt or -3mm, found "note"`},
		{"operator name command", Paragraph, `$\operatorname{\input}$`, `15: \operatorname needs a name of letters, such as {softmax} or {arg\,max}, found "\\input"`},
		{"column spec at", Paragraph, `\begin{tabular}{@{}l}x\end{tabular}`, `16: \begin{tabular}: "@" is not allowed in a column specification; use l, c, r, | and p{width}`},
		{"column spec before", Paragraph, `\begin{tabular}{>{\input x}l}x\end{tabular}`, `16: \begin{tabular}: ">" is not allowed in a column specification; use l, c, r, | and p{width}`},
		{"column spec repeat", Paragraph, `\begin{tabular}{*{3}{c}}x\end{tabular}`, `16: \begin{tabular}: "*" is not allowed in a column specification; use l, c, r, | and p{width}`},
		{"column spec bang", Paragraph, `\begin{tabular}{c!{x}c}x\end{tabular}`, `17: \begin{tabular}: "!" is not allowed in a column specification; use l, c, r, | and p{width}`},
		{"column spec empty", Paragraph, `\begin{tabular}{}x\end{tabular}`, `16: \begin{tabular} needs at least one column, such as {lc} or {|c|c|}`},
		{"column width", Paragraph, `\begin{tabular}{p{\linewidth}}x\end{tabular}`, `18: \begin{tabular} p{...} needs a dimension such as 1em, 2.5pt or -3mm, found "\\linewidth"`},
		{"multicolumn spec", Paragraph, `\begin{tabular}{cc}\multicolumn{2}{cc}{x}\end{tabular}`, `35: \multicolumn needs the specification of one column, such as {c} or {|l|}, found "cc"`},
		{"multicolumn count", Paragraph, `\begin{tabular}{cc}\multicolumn{0}{c}{x}\end{tabular}`, `32: \multicolumn needs a number of columns from 1 to 99, found "0"`},
		{"cline range", Paragraph, `\begin{tabular}{cc}\cline{2-1}\end{tabular}`, `26: \cline needs a range of columns such as {2-3}, found "2-1"`},
		{"tabular position", Paragraph, `\begin{tabular}[h]{c}x\end{tabular}`, `16: \begin{tabular}[...] takes t, b or c, found "h"`},
		{"argument missing", Paragraph, `$\frac{1}$`, `9: \frac needs an argument here: \frac{...}`},
		{"argument unbraced command", Paragraph, `$\sqrt\frac12$`, `6: put \frac and its arguments in braces, as the argument of \sqrt: {\frac...}`},
		{"script missing", Paragraph, `$x^$`, `2: ^ needs something after it: x^2, x^{i+1}`},
		{"script unbraced command", Paragraph, `$x^\frac12$`, `3: put \frac and its arguments in braces, as what ^ raises or lowers: {\frac...}`},
		{"non-ASCII unbraced argument", Paragraph, `\'é`, `2: put é in braces: {é}, as the argument of \'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := Check(tt.text, tt.ctx)
			require.NotEmpty(t, errs, "%q is accepted", tt.text)
			assert.Equal(t, tt.want, errs[0].Error(), "all errors:\n%s", messages(errs))
		})
	}
}

// TestEveryCommand: every allowed command is accepted in its example,
// in every context it is allowed in, and refused in the others.
func TestEveryCommand(t *testing.T) {
	for _, cmd := range Commands() {
		t.Run(cmd.Name, func(t *testing.T) {
			require.NotEmpty(t, cmd.Contexts)
			for _, ctx := range []Context{Paragraph, Title, Author} {
				errs := Check(cmd.Example, ctx)
				if contains(cmd.Contexts, ctx) {
					assert.Empty(t, messages(errs), "%q in %v", cmd.Example, ctx)
				} else {
					assert.NotEmpty(t, errs, "%q in %v", cmd.Example, ctx)
				}
			}
			if cmd.Mode == Math && strings.HasPrefix(cmd.Example, "$") {
				inText := strings.Trim(cmd.Example, "$")
				assert.NotEmpty(t, Check(inText, Paragraph), "math %q accepted in text", inText)
			}
		})
	}
}

// TestEveryEnvironment: every allowed environment is accepted in its
// example in paragraph text, and refused in a title.
func TestEveryEnvironment(t *testing.T) {
	for _, env := range Environments() {
		t.Run(env.Name, func(t *testing.T) {
			assert.Empty(t, messages(Check(env.Example, Paragraph)))
			assert.NotEmpty(t, Check(env.Example, Title))
		})
	}
}

// TestTablesAgree: no name is both allowed and refused with a reason,
// every delimiter word is an allowed math command, and every signature
// reads.
func TestTablesAgree(t *testing.T) {
	for name := range refused {
		assert.Nil(t, commands[name], `\%s is allowed and refused`, name)
	}
	for name := range refusedEnvironments {
		assert.Nil(t, environments[name], "%s is allowed and refused", name)
	}
	for name := range delimWords {
		require.NotNil(t, commands[name], `delimiter \%s is not a command`, name)
		assert.Equal(t, Math, commands[name].mode)
	}
	for name := range mathTwins {
		assert.NotNil(t, commands[name], `\%s has a math twin but is not allowed`, name)
	}
	for _, cmd := range commands {
		for _, a := range cmd.args {
			assert.Contains(t, "atfsdnD*#crATRX", string(rune(a)), `\%s`, cmd.name)
		}
	}
}

func TestSuggestions(t *testing.T) {
	tests := []struct{ word, want string }{
		{"textbff", "textbf"},
		{"fracc", "frac"},
		{"lamda", "lambda"},
		{"mathbbm", "mathbb"},
		{"Textbf", "textbf"},
		{"x", ""},
		{"zzzq", ""},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			assert.Equal(t, tt.want, suggest.Nearest(tt.word, commandNames))
		})
	}
	assert.Equal(t, "enumerate", suggest.Nearest("enumarate", environmentNames))
}

// TestCharacters: every non-ASCII character of the list is accepted in
// text and refused in math; every invisible one is refused everywhere.
func TestCharacters(t *testing.T) {
	for _, r := range TextRunes() {
		s := string(r)
		require.Empty(t, messages(Check(s, Title)), "%U", r)
		require.NotEmpty(t, Check("$"+s+"$", Paragraph), "%U in math", r)
	}
	for _, in := range invisible {
		for r := in.lo; r <= in.hi; r++ {
			require.NotEmpty(t, Check("a"+string(r)+"b", Paragraph), "%U", r)
		}
	}
	for r := rune(0); r < 0x80; r++ {
		errs := Check(string(r), Paragraph)
		switch {
		case r < 0x20 && r != '\t' && r != '\n' || r == 0x7f:
			assert.NotEmpty(t, errs, "%U", r)
		case strings.ContainsRune(`%#\^_&{}$`, r):
			assert.NotEmpty(t, errs, "%q", r)
		default:
			assert.Empty(t, messages(errs), "%q", r)
		}
	}
}

func TestLimits(t *testing.T) {
	t.Run("depth", func(t *testing.T) {
		ok := strings.Repeat("{", MaxDepth-1) + "x" + strings.Repeat("}", MaxDepth-1)
		assert.Empty(t, messages(Check(ok, Paragraph)))
		deep := strings.Repeat("{", MaxDepth) + "x" + strings.Repeat("}", MaxDepth)
		assert.Equal(t, "63: nested deeper than 64 levels of braces, arguments, environments and math", messages(Check(deep, Paragraph)))
		// A million braces: one error, no stack growth.
		huge := strings.Repeat("{", 1_000_000)
		assert.Len(t, Check(huge, Paragraph), 1)
	})
	t.Run("work", func(t *testing.T) {
		nest := func(open, close string, n int) string {
			return "$" + strings.Repeat(open, n) + "x" + strings.Repeat(close, n) + "$"
		}
		// What a teacher nests passes.
		for _, ok := range []string{nest(`\boldsymbol{`, "}", 3), nest(`\text{$`, "$}", 4), nest(`\sqrt[3]{`, "}", 4),
			nest(`\overset{a}{`, "}", 5), nest(`\sqrt{`, "}", 5), nest(`\frac{1}{`, "}", 60)} {
			assert.Empty(t, messages(Check(ok, Paragraph)), ok)
		}
		// Ten nested \boldsymbol would typeset x 8^10 times.
		errs := Check(nest(`\boldsymbol{`, "}", 10), Paragraph)
		require.Len(t, errs, 1)
		assert.Contains(t, errs[0].Msg, "pdflatex would take too long over this text")
		assert.Len(t, Check(nest(`\text{$`, "$}", 12), Paragraph), 1)
		assert.Len(t, Check(nest(`\pmb{`, "}", 5), Title), 1)
		// The budget grows with the text: many formulas that are each
		// fine stay fine, and so does the longest string of a problem
		// file with a \boldsymbol nested 5 deep.
		many := strings.Repeat(`$\sqrt[3]{\boldsymbol{x}^\top \boldsymbol{y}}$ and $\text{if $\boldsymbol{\theta} \neq 0$}$ `, 1000)
		assert.Empty(t, messages(Check(many, Paragraph)))
		long := strings.Repeat("word ", 13000) + nest(`\boldsymbol{`, "}", 5)
		assert.Empty(t, messages(Check(long, Paragraph)))
	})
	t.Run("errors", func(t *testing.T) {
		errs := Check(strings.Repeat(`\x `, 1000), Paragraph)
		assert.Len(t, errs, MaxErrors)
	})
	t.Run("offsets", func(t *testing.T) {
		text := `ok $x$ \bad{y} and é, then % and ^^`
		errs := Check(text, Paragraph)
		require.Len(t, errs, 3)
		assert.True(t, strings.HasPrefix(text[errs[0].Offset:], `\bad`))
		assert.True(t, strings.HasPrefix(text[errs[1].Offset:], `%`))
		assert.True(t, strings.HasPrefix(text[errs[2].Offset:], `^^`))
	})
}

func contains(list []Context, c Context) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}

// TestManualListsEverything: the manual's section on allowed LaTeX names
// every allowed command and environment.
func TestManualListsEverything(t *testing.T) {
	manual, err := os.ReadFile("../../docs/problem-language.md")
	require.NoError(t, err)
	_, section, found := strings.Cut(string(manual), "### What LaTeX is allowed")
	require.True(t, found)
	section, _, _ = strings.Cut(section, "\n## ")
	for _, cmd := range Commands() {
		name := regexp.QuoteMeta(`\` + cmd.Name)
		if isLetter(cmd.Name[0]) {
			name += `([^A-Za-z]|$)`
		}
		assert.Regexp(t, name, section, `the manual does not list \%s`, cmd.Name)
	}
	for _, env := range Environments() {
		assert.Contains(t, section, "`"+env.Name+"`", "the manual does not list %s", env.Name)
	}
}
