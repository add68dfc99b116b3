package main

import (
	"path/filepath"
	"strings"

	"github.com/derivtex/derivtex/parser/problem"
)

// outputs decides where each document goes: -o, stdout for a single
// file, or FILE.tex beside each of several.
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
		return nil, inputErrorf("--pdf needs an output file: add -o solutions.tex")
	}
	if c.PDF && c.Fragment {
		return nil, inputErrorf("--pdf and --fragment do not go together: a fragment is not a whole document")
	}
	return out, nil
}
