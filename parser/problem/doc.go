// Package problem reads derivtex problem files: a problem set written
// once, the way an exam states it, that derivtex solve turns into a
// handout of worked solutions. docs/problem-language.md is the manual;
// this comment is its summary.
//
// # Example
//
//	# A comment runs to the end of the line.
//	title "Training questions for the midterm, variant A"
//	author "VIR 2022"
//	precision 4            # decimals shown for numeric results (default 4)
//	option convolution = cross-correlation
//
//	problem "MLE loss: exponential model" {
//	    question """
//	        You are given the model $p(y|x,w) = xw\exp(-xwy)$ ... Write down the
//	        optimisation problem of the maximum-likelihood estimate of $w$.
//	        """
//	    mle      p(y | x, w) = x w exp(-x w y)
//	    params   w
//	}
//
//	problem "Backpropagation: forward pass" {
//	    question "Compute the forward pass for $\mathbf{x} = [2, 1]^\top$."
//	    given    x = [2, 1], w1 = pi/2, w2 = pi
//	    eval     y = sin(w1) x[1] + sin(w2) x[2]
//	    note     "The loss is then $-\log(y \cdot l)$."
//	}
//
//	problem "A derivative" {
//	    diff     sin(w)^2 x
//	    wrt      w
//	}
//
//	problem "Simplify" {
//	    simplify log(x^2 exp(y))
//	}
//
// # Grammar
//
// A file is lines. Settings and problem blocks come in any order; inside a
// block, one statement per line. Every line starts with a keyword, and
// what follows the keyword is its argument: a string, or else the rest of
// the line, which for most statements is an expression in the plain
// syntax of package parser.
//
//	file      = { setting | problem } .
//	setting   = "title" string | "author" string | "precision" int
//	          | "option" NAME "=" rest | "preamble" string .
//	problem   = "problem" string [ "as" NAME ] "{" { statement } "}" .
//	statement = "question" string | "note" string
//	          | "mle" density | "params" names | "response" NAME
//	          | "diff" expression | "wrt" variables
//	          | "simplify" expression
//	          | "eval" [ NAME "=" ] expression
//	          | "given" binding { "," binding } .
//	binding   = NAME "=" ( value | answer ) .
//	answer    = NAME [ "." NAME ] .         // an earlier problem's, by its label
//	value     = expression | array .          // mentions no variable
//	array     = "[" value { "," value } "]" . // rows of one shape, at most 4 deep
//	density   = [ NAME "(" NAME [ "|" names ] [ ";" names ] ")" "=" ] expression .
//	variables = variable { "," variable } .   // x, or an element x[1], W[1, 2]
//	string    = `"` ... `"` | `"""` ... `"""` .
//
// The "{" ends the problem's line (or starts the next one); "}" goes on a
// line of its own or ends the last statement's line. "#" starts a comment
// anywhere outside a string.
//
// Each problem has exactly one statement that says what to derive: mle,
// diff, simplify or eval; Problem.Kind is its keyword. params and response
// go with mle, wrt with diff. given may repeat; no other statement may.
//
// Values and variables are read as on the command line, by package
// parser (ParseValue, ParseVariable): a given is a number, exact, or an
// array, [2, 1] read as x[1], x[2], or [[1, 2], [3, 4]] read as W[i, j].
// A name takes one number of indices throughout its problem: as many as
// its given value has dimensions, or else as many as its first use.
//
// # Strings
//
// A "..." string is one line. Its only escape is \" for a quote: every
// other backslash is kept, so LaTeX is written as in a .tex file ($\exp$,
// and \\ for a line break, which is why "a \\" ends after the \\). A
// """...""" string is raw, may span lines, and cannot contain """; its
// opening and closing lines are dropped when blank, and the indentation
// common to its other lines is removed.
//
// Strings are the author's LaTeX and reach the handout as written, but
// only LaTeX on the allowlist of package texcheck is accepted, each
// string checked for the place it goes: titles (the file's and the
// problems') and the author line are one line of inline text and math,
// questions and notes paragraphs that may also hold lists, tables,
// displayed math and footnotes. A mistake is reported at its character in
// the file, through the escapes of "..." and the indentation of """.
//
// # Errors
//
// Parse reports every mistake of a file at once, as an diag.List of
// *Error, each rendered file:line:col: message with a Snippet showing the
// line and a caret. A mistake inside an expression is placed at its
// column in the file, not in the expression.
//
// What reads but is probably not meant is a warning in File.Warnings, in
// the same form: a given that no statement of its problem uses, a given
// in a kind of problem that uses none, an option that nothing reads.
//
// # Implementation
//
// The lexer is participle's stateful lexer, switching to a rest-of-line
// state after each keyword (lexer.go). The participle grammar (grammar.go)
// only describes the shape of a file and accepts any token sequence, so
// that mistakes become nodes to report rather than the end of parsing.
// The grammar's nodes become the public types in one place (convert.go),
// driven by the table of statements (statements.go) whose argument kinds
// (args.go) do the reading and whose checks (check.go) relate a
// statement to the rest of its problem.
package problem
