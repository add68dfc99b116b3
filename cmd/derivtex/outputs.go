package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/parser/problem"
)

// outputs decides where each document goes: -o, stdout for a single
// file, or FILE.tex beside each of several. It refuses a plan that would
// write over one of the input files, or write two documents (or a
// document and a PDF) to the same file.
func (c *solveCmd) outputs(files []*problem.File) ([]string, error) {
	out := make([]string, len(files))
	switch {
	case c.Output != "":
		out[0] = c.Output
	case len(files) > 1:
		for i, f := range files {
			out[i] = strings.TrimSuffix(f.Name, filepath.Ext(f.Name)) + ".tex"
		}
	case c.PDF:
		return nil, diag.Errorf("--pdf needs an output file: add -o solutions.tex")
	}
	if c.PDF && c.Fragment {
		return nil, diag.Errorf("--pdf and --fragment do not go together: a fragment is not a whole document")
	}
	// Every file the command will write, and what it is.
	type write struct{ path, what string }
	var writes []write
	for i, o := range out {
		if o == "" {
			continue
		}
		what := "the output"
		if c.Output == "" {
			what = "the output of " + files[i].Name
		}
		writes = append(writes, write{o, what})
		if c.PDF {
			writes = append(writes, write{pdfPath(o), "the PDF of " + o})
		}
	}
	for i, w := range writes {
		for _, in := range c.Files {
			if sameFile(w.path, in) {
				return nil, diag.Errorf("%s, %s, is the input file %s: it would be overwritten; choose another output with -o", w.path, w.what, in)
			}
		}
		for _, v := range writes[:i] {
			if sameFile(w.path, v.path) {
				return nil, diag.Errorf("%s (%s) and %s (%s) are the same file; give the inputs different names, or -o for one document of all files",
					v.what, v.path, w.what, w.path)
			}
		}
	}
	return out, nil
}

// sameFile reports whether two paths name the same file: os.SameFile
// when both exist, else the same absolute path once the folder's
// symbolic links are resolved.
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	return canonical(a) == canonical(b)
}

// canonical is a path made absolute and clean, its folder's symbolic
// links resolved when the folder exists.
func canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	dir, base := filepath.Split(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		return filepath.Join(real, base)
	}
	return abs
}
