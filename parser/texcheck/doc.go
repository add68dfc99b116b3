// Package texcheck decides whether a piece of LaTeX written by a stranger
// may be pasted into a handout that pdflatex compiles. It accepts an
// allowlist and refuses everything else.
//
// A blocklist of dangerous commands cannot work: TeX builds a command
// from characters at run time, so any name can be reached without being
// written (\begin{input}{FILE} runs \input, and so do \UseName{input},
// \csname input\endcsname and a character code spelled ^^5c). So Check
// reads the text as TeX would, token by token, and accepts only
//
//   - the control words and control symbols of a table (commands.go),
//     each in the mode it belongs to (text, math or both) and with its
//     arguments checked as it reads them: ordinary arguments recursively
//     like the rest, names, dimensions and column specifications against
//     their own small grammars;
//   - the environments of a table (environments.go), properly nested and
//     closed inside the text;
//   - characters that cannot escape the place the text is put in: braces
//     balance in the text and in every argument, so that the text can
//     never close the \title{...} or \section{...} it stands in; no %
//     (a comment would hide the handout's closing brace), no # and no ^^;
//     ^ and _ only in math, & only in alignments; printable ASCII, and the
//     non-ASCII letters and punctuation that pdflatex's UTF-8 input with
//     T1 fonts sets (chars.go).
//
// What is allowed depends on where the text goes (Context): a paragraph
// (a question or a note) may hold lists, tables, displayed math and
// footnotes; a title is inline text; an author line is a title that may
// also use \and and \\.
//
// Check never panics and does work in proportion to the length of the
// text: it recurses once per level of nesting, at most MaxDepth levels,
// and stops after MaxErrors errors. It bounds pdflatex's work too: some
// allowed commands typeset their argument several times, and a text may
// nest them only as far as WorkPerByte and WorkBase allow.
package texcheck
