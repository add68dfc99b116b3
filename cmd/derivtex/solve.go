package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/parser/problem"
	"github.com/derivtex/derivtex/problems"
	"github.com/derivtex/derivtex/solve"
)

type solveCmd struct {
	Files  []string `arg:"" optional:"" help:"Problem files (.drv). None: the embedded midterm."`
	Output string   `short:"o" help:"Write the document here (one document for all files); default: stdout for one file, FILE.tex beside each of several."`
	PDF    bool     `name:"pdf" help:"Also compile each document to PDF with pdflatex (needs an output file)."`
	// PDFTimeout bounds each pdflatex run.
	PDFTimeout time.Duration `name:"pdf-timeout" default:"20s" help:"Stop pdflatex after this long (with --pdf)."`
	Fragment   bool          `help:"Only the document body, to \\input into an existing handout (which loads amsmath, amssymb, and for network problems tikz with \\usetikzlibrary{arrows.meta})."`
	JSON       bool          `name:"json" help:"Print the answers as JSON instead of LaTeX."`
	Questions  bool          `help:"Write the question sheet instead of the solutions: the same numbered sections, each question and room to answer it."`
}

// source is one problem file's name and text (to be read from the file
// of that name when onDisk).
type source struct {
	name, text string
	onDisk     bool
}

// sources are the files to solve, not read yet (readAndParse reads them):
// the command line's, or the embedded midterm.
func (c *solveCmd) sources() []source {
	if len(c.Files) == 0 {
		return []source{{name: problems.MidtermAName, text: problems.MidtermA}}
	}
	var out []source
	for _, f := range c.Files {
		out = append(out, source{name: f, onDisk: true})
	}
	return out
}

// readSource reads a problem file: a regular file of at most
// problem.MaxFileBytes. Anything else is refused before it is read, since
// a device (/dev/zero) never ends and opening a FIFO blocks until someone
// writes to it.
func readSource(path string) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", diag.Errorf("%v", err)
	}
	if err := regularSource(path, info); err != nil {
		return "", err
	}
	f, err := os.Open(path)
	if err != nil {
		return "", diag.Errorf("%v", err)
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(info, now) {
		return "", diag.Errorf("%s: the file changed while it was opened", path)
	}
	b, err := io.ReadAll(io.LimitReader(f, problem.MaxFileBytes+1))
	if err != nil {
		return "", diag.Errorf("%v", err)
	}
	if len(b) > problem.MaxFileBytes {
		return "", diag.Errorf("%s: larger than %d MiB, the most a problem file may hold", path, problem.MaxFileBytes>>20)
	}
	return string(b), nil
}

// regularSource refuses what is not a regular file of a problem file's
// size.
func regularSource(path string, info os.FileInfo) error {
	switch {
	case info.IsDir():
		return diag.Errorf("%s is a directory: give the problem files in it", path)
	case !info.Mode().IsRegular():
		return diag.Errorf("%s is not a regular file (a device, a pipe or a socket): save the problem file and give its path", path)
	case info.Size() > problem.MaxFileBytes:
		return diag.Errorf("%s: larger than %d MiB, the most a problem file may hold", path, problem.MaxFileBytes>>20)
	}
	return nil
}

// parseAll reads every file and reports all their errors at once.
func parseAll(srcs []source) ([]*problem.File, error) {
	var files []*problem.File
	var all diag.List
	for i := range srcs {
		f, err := readAndParse(&srcs[i])
		if err != nil {
			all = append(all, diag.ListOf(err)...)
			continue
		}
		files = append(files, f)
	}
	return files, all.Err()
}

// withSource gives an error of a problem file its source line, which the
// solver, holding the file's statements but not its text, could not.
func withSource(err error, srcs []source) error {
	d := diag.From(err)
	if d.Src != "" || !d.Pos.IsValid() {
		return err
	}
	for _, s := range srcs {
		if s.name == d.Pos.File {
			c := *d
			return c.WithSource(s.text)
		}
	}
	return err
}

func (c *solveCmd) Run(e *env) error {
	e.json = c.JSON
	if c.PDF && c.PDFTimeout <= 0 {
		return diag.Errorf("--pdf-timeout must be positive, not %s", c.PDFTimeout)
	}
	if c.JSON && c.Questions {
		return diag.Errorf("--questions writes a question sheet, which has no answers for --json")
	}
	if c.JSON {
		return c.answerJSON(e)
	}
	srcs := c.sources()
	files, err := parseAll(srcs)
	if err != nil {
		return err
	}
	for _, f := range files {
		warn(e.stderr, f.Warnings)
		if c.Questions {
			for _, p := range f.Problems {
				if solve.Question(p) == "" {
					fmt.Fprintf(e.stderr, "derivtex: warning: %s: problem %q has no question: the question sheet shows only its title\n", p.Pos, p.Title)
				}
			}
		}
	}
	if c.Output != "" && len(files) > 1 {
		files = []*problem.File{problem.Merge(files)}
	}
	docs := make([]*solve.Document, len(files))
	for i, f := range files {
		ctx, _ := e.job()
		d, err := solve.File(ctx, f)
		if err != nil {
			return withSource(err, srcs)
		}
		docs[i] = d
	}
	outputs, err := c.outputs(files)
	if err != nil {
		return err
	}
	for i, d := range docs {
		tex, lines := d.LaTeXWithMap(c.Fragment)
		if c.Questions {
			tex, lines = d.QuestionsWithMap(c.Fragment)
		}
		if outputs[i] == "" {
			if _, err := fmt.Fprint(e.stdout, tex); err != nil {
				return err
			}
			continue
		}
		if err := writeOutput(outputs[i], tex); err != nil {
			return err
		}
		if !c.PDF {
			fmt.Fprintf(e.stderr, "derivtex: wrote %s\n", outputs[i])
			continue
		}
		pdf := pdfPath(outputs[i])
		if err := solve.CompilePDF(tex, pdf, solve.PDFOptions{Timeout: c.PDFTimeout, Map: lines}); err != nil {
			return c.pdfError(outputs[i], err)
		}
		fmt.Fprintf(e.stderr, "derivtex: wrote %s and %s\n", outputs[i], pdf)
	}
	return nil
}

// writeOutput writes a document to path. A path that cannot be created is
// the user's to fix (exit 2); a write that fails on the way, such as on a
// full disk, is a failure to deliver (exit 1), and a partial regular file
// is removed rather than left to be taken for the handout (a device such
// as /dev/full is left alone).
func writeOutput(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return diag.Errorf("%v", err)
	}
	info, statErr := f.Stat()
	_, err = io.WriteString(f, text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if statErr == nil && info.Mode().IsRegular() {
			os.Remove(path)
		}
		return diag.Wrap(diag.Internal, err, "writing the output: "+err.Error())
	}
	return nil
}

// pdfPath is where --pdf writes the PDF of the document at out.
func pdfPath(out string) string {
	return strings.TrimSuffix(out, filepath.Ext(out)) + ".pdf"
}

// pdfError words CompilePDF's complaints about the document for the
// command line: those that know the problem they came from start with its
// position, the others with the .tex file, and a time limit says how to
// raise it.
func (c *solveCmd) pdfError(tex string, err error) error {
	if diag.KindOf(err) != diag.Input {
		return err
	}
	msg := diag.From(err).Msg
	var (
		te *solve.TimeoutError
		le *solve.LaTeXError
	)
	known := errors.As(err, &le) && le.Origin != nil
	if errors.As(err, &te) {
		known = te.Origin != nil
		first, rest, _ := strings.Cut(msg, "\n")
		msg = first + fmt.Sprintf("; if the document is merely long, allow more time with --pdf-timeout %s", 2*c.PDFTimeout)
		if rest != "" {
			msg += "\n" + rest
		}
	}
	if !known {
		msg = tex + ": " + msg
	}
	return &diag.Error{Kind: diag.Input, Msg: msg, Err: err}
}

// answerJSON writes the answer of solve (docs/json.md): every file, every
// problem, the same shape however many files there are and whatever went
// wrong. A handout needs every problem solved; a script takes what was: a
// file that cannot be read has its errors in place of its problems, a
// problem that cannot be solved its error in place of its answer, and
// the others are answered all the same. The errors are also on stderr.
func (c *solveCmd) answerJSON(e *env) error {
	out := answer.Solve{Schema: answer.Schema, Files: []answer.File{}}
	var failed diag.List
	fail := func(err error) { failed = append(failed, diag.ListOf(err)...) }
	for _, s := range c.sources() {
		fa := answer.File{File: s.name, Problems: []answer.Problem{}, Warnings: []answer.Error{}, Errors: []answer.Error{}}
		f, err := readAndParse(&s)
		if err != nil {
			fa.Errors = answer.ErrorsOf(err)
			for i := range fa.Errors {
				if fa.Errors[i].File == "" {
					fa.Errors[i].File = s.name // unreadable: the file, no line
				}
			}
			fail(err)
			out.Files = append(out.Files, fa)
			continue
		}
		warn(e.stderr, f.Warnings)
		fa.Title, fa.Warnings = f.Title, answer.WarningsOf(f.Warnings)
		ctx, _ := e.job()
		d, err := solve.File(ctx, f)
		for i, p := range f.Problems {
			if err == nil || d.Errors[i] == nil {
				fa.Problems = append(fa.Problems, d.Solutions[i].Answer)
				continue
			}
			perr := withSource(d.Errors[i], []source{s})
			fail(perr)
			ea := answer.ErrorOf(perr)
			fa.Problems = append(fa.Problems, answer.Problem{Title: p.Title, Kind: p.Kind, Error: &ea})
		}
		out.Files = append(out.Files, fa)
	}
	if err := writeJSON(e.stdout, out); err != nil {
		return err
	}
	if len(failed) > 0 {
		return answered{failed}
	}
	return nil
}

// readAndParse reads s's file, if it is on disk, and parses it.
func readAndParse(s *source) (*problem.File, error) {
	if s.onDisk {
		text, err := readSource(s.name)
		if err != nil {
			return nil, err
		}
		s.text = text
	}
	return problem.Parse(s.name, s.text)
}

// answered is an error whose JSON answer is already written: the command
// reports it on stderr only.
type answered struct{ err error }

func (a answered) Error() string { return a.err.Error() }
func (a answered) Unwrap() error { return a.err }
