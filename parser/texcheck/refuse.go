package texcheck

import (
	"fmt"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/internal/suggest"
)

// Messages for what is not on the allowlist: why, for the commands and
// environments a teacher or an attacker is likely to try, and otherwise
// the nearest allowed name.

// refusedWhy says why well-known commands are refused, by what they do.
var refusedWhy = map[string][]string{
	"reads a file; problem text cannot read files": words(`input include includeonly InputIfFileExists
		IfFileExists verbatiminput lstinputlisting read readline openin closein endinput includegraphics
		pdfximage pdfrefximage pdffiledump pdfmdfivesum pdffilesize pdffilemoddate pdfobj font
		openinputfile UseRawInputEncoding`),
	"writes a file; problem text cannot write files": words(`write openout closeout immediate newwrite newread
		filecontents message typeout wlog`),
	"runs a program or passes commands to the PDF driver": words(`directlua latelua luaexec
		luadirect ShellEscape special pdfliteral pdfsavepos pdfcolorstack`),
	"adds a PDF link or action; write the address as text, e.g. \\texttt{example.org}": words(`href url
		hyperref hyperlink hypertarget nolinkurl pdfannot pdfcatalog pdfstartlink pdfendlink pdfdest
		pdfoutline pdfinfo pdfnames pdfpageattr pdfpagesattr pdfpageresources pdftrailer pdfstartthread`),
	"defines or changes commands; declare a macro in the file's preamble setting": words(`def edef
		gdef xdef let futurelet newcommand renewcommand providecommand DeclareRobustCommand
		NewDocumentCommand RenewDocumentCommand ProvideDocumentCommand DeclareDocumentCommand
		NewExpandableDocumentCommand newenvironment renewenvironment NewDocumentEnvironment newcounter
		setcounter addtocounter stepcounter refstepcounter newlength setlength addtolength settowidth
		chardef mathchardef countdef dimendef skipdef toksdef global long outer protected afterassignment
		aftergroup DeclareMathOperator DeclareMathSymbol newif renewif`),
	"builds a command name from text": words(`csname endcsname UseName nameuse
		ExpandArgs expandafter noexpand string meaning uppercase lowercase romannumeral number the
		detokenize unexpanded scantokens`),
	"changes how TeX reads characters": words(`catcode makeatletter makeatother
		ExplSyntaxOn ExplSyntaxOff lccode uccode sfcode mathcode delcode endlinechar escapechar
		newlinechar`),
	"is TeX programming": words(`loop repeat iftrue iffalse ifx ifnum ifdim
		ifcase ifthenelse whiledo else fi or relax begingroup endgroup bgroup egroup`),
	"uses the .aux file; number and cite by hand": words(`label ref eqref pageref cite nocite bibliography
		bibliographystyle tableofcontents listoffigures listoftables addcontentsline addtocontents index
		glossary tag nonumber notag`),
	"reads its argument verbatim; write \\texttt{...}, with \\textbackslash, \\{ and \\} for those characters": words(`verb`),
	"changes the document around the problem text": words(`documentclass usepackage
		RequirePackage maketitle title author date section subsection subsubsection paragraph
		subparagraph chapter part newpage clearpage cleardoublepage pagebreak nopagebreak pagestyle
		thispagestyle enlargethispage shipout output`),
	"needs the bm package, which the handout does not load; write \\boldsymbol{...}":    words(`bm`),
	"needs the mathrsfs package, which the handout does not load; write \\mathcal{...}": words(`mathscr`),
	"needs the xcolor package, which the handout does not load":                         words(`color textcolor colorbox fcolorbox`),
	"is not defined in the handout; write \\operatorname*{arg\\,max}":                   words(`argmax argmin`),
	"needs mathtools, which the handout does not load; write :=":                        words(`coloneqq`),
}

// refused maps each refused name of refusedWhy to its reason.
var refused = func() map[string]string {
	m := map[string]string{}
	for why, names := range refusedWhy {
		for _, n := range names {
			m[n] = why
		}
	}
	// Capital Greek letters that look like Latin ones have no command.
	for _, pair := range [][2]string{{"Alpha", "A"}, {"Beta", "B"}, {"Epsilon", "E"}, {"Zeta", "Z"}, {"Eta", "H"},
		{"Iota", "I"}, {"Kappa", "K"}, {"Mu", "M"}, {"Nu", "N"}, {"Omicron", "O"}, {"Rho", "P"}, {"Tau", "T"},
		{"Chi", "X"}, {"omicron", "o"}} {
		m[pair[0]] = "is not a LaTeX command: write " + pair[1]
	}
	return m
}()

// refusal says why the control sequence t is not allowed.
func refusal(t token) string {
	if t.kind == tSymbol {
		if t.text == "@" {
			return `\@ is not allowed in problem text`
		}
		return fmt.Sprintf(`\%s is not allowed in problem text`, t.text)
	}
	if why, ok := refused[t.text]; ok {
		return fmt.Sprintf(`\%s is not allowed in problem text: it %s`, t.text, why)
	}
	if near := suggest.Nearest(t.text, commandNames); near != "" {
		return fmt.Sprintf(`\%s is not allowed in problem text (did you mean \%s?)`, t.text, near)
	}
	return fmt.Sprintf(`\%s is not allowed in problem text: it is not one of the commands problem text may use`, t.text)
}

// refusedEnvironments say why well-known environments are refused.
var refusedEnvironments = map[string]string{
	"equation": "write equation*: problem text cannot refer to numbers", "align": "write align*: problem text cannot refer to numbers",
	"gather": "write gather*: problem text cannot refer to numbers", "multline": "write multline*: problem text cannot refer to numbers",
	"eqnarray": "write align*", "eqnarray*": "write align*", "displaymath": `write \[...\]`, "math": "write $...$",
	"verbatim": `it reads text verbatim; write \texttt{...}`, "verbatim*": `it reads text verbatim; write \texttt{...}`,
	"filecontents": "it writes a file", "filecontents*": "it writes a file", "document": "the handout has its own",
	"figure": "floats are not allowed; write a tabular inside center", "table": "floats are not allowed; write a tabular inside center",
	"minipage": "boxes of paragraphs are not allowed", "tabbing": "write a tabular", "split": "write aligned inside equation*",
}

// refusedEnvironment says why the environment name is not allowed.
func refusedEnvironment(name string) string {
	if why, ok := refusedEnvironments[name]; ok {
		return fmt.Sprintf("environment %s is not allowed in problem text: %s", diag.Quote(name), why)
	}
	if why, ok := refused[name]; ok {
		return fmt.Sprintf(`environment %s is not allowed in problem text: \begin{%s} runs \%s, which %s`, diag.Quote(name), name, name, why)
	}
	if near := suggest.Nearest(name, environmentNames); near != "" {
		return fmt.Sprintf("environment %s is not allowed in problem text (did you mean %s?)", diag.Quote(name), near)
	}
	return fmt.Sprintf("environment %s is not allowed in problem text: \\begin{NAME} runs the command \\NAME, so only the listed environments may be used", diag.Quote(name))
}

// commandNames and environmentNames are the allowed names, for
// suggestions; commandNames is filled with commands.
var commandNames, environmentNames []string

func init() {
	for _, e := range environmentRows {
		environmentNames = append(environmentNames, e.name)
	}
}
