package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/derivtex/derivtex/answer"
	"github.com/derivtex/derivtex/curves"
	"github.com/derivtex/derivtex/diag"
)

// maxLogBytes is the largest training log curves reads (a 10^6-row
// Lightning log is about 40 MiB).
const maxLogBytes = 1 << 30

// curvesCmd diagnoses the loss curves of a training log.
type curvesCmd struct {
	Log   string `arg:"" name:"LOG" help:"The training log: CSV (a Lightning metrics.csv, a Keras CSVLogger file) or JSON Lines; - reads stdin."`
	LaTeX bool   `name:"latex" xor:"format" help:"Print the features, the diagnosis and a pgfplots plot as a LaTeX fragment."`
	JSON  bool   `name:"json" xor:"format" help:"Answer in JSON (docs/json.md)."`
	// Output is the annotated plot's file, as derivtex plot writes one.
	Output     string        `short:"o" placeholder:"FILE" help:"Also write the annotated plot to FILE: .tex for the tikzpicture (pgfplots), .pdf for a page with it (needs pdflatex)."`
	PDFTimeout time.Duration `name:"pdf-timeout" default:"20s" help:"Stop pdflatex after this long (with -o FILE.pdf)."`
}

func (c *curvesCmd) Run(e *env) error {
	e.json = c.JSON
	if err := checkPlotOutput(c.Output, c.PDFTimeout); err != nil {
		return err
	}
	src, err := readLog(c.Log, e.stdin)
	if err != nil {
		return err
	}
	name := c.Log
	if name == "-" {
		name = "<stdin>"
	}
	l, err := curves.Read(name, src)
	if err != nil {
		return err
	}
	warn(e.stderr, l.Warnings)
	r := curves.Analyze(l)
	if c.Output != "" {
		fig := r.Plot()
		if fig == "" {
			return diag.Errorf("-o %s: no curve of %s has enough finite points to plot", diag.Quote(c.Output), name)
		}
		if err := writePlot(fig, c.Output, c.PDFTimeout); err != nil {
			return err
		}
	}
	switch {
	case c.JSON:
		return writeJSON(e.stdout, answer.CurvesOf(r))
	case c.LaTeX:
		_, err = fmt.Fprint(e.stdout, r.LaTeX())
	default:
		_, err = fmt.Fprint(e.stdout, r.Text())
	}
	return err
}

// readLog reads a log file (a regular file, so a device or a FIFO cannot
// hang the command), or stdin for "-".
func readLog(path string, stdin io.Reader) ([]byte, error) {
	var r io.Reader = stdin
	if path != "-" {
		info, err := os.Stat(path)
		if err != nil {
			return nil, diag.Errorf("%v", err)
		}
		switch {
		case info.IsDir():
			return nil, diag.Errorf("%s is a directory: give the log file in it (metrics.csv)", path)
		case !info.Mode().IsRegular():
			return nil, diag.Errorf("%s is not a regular file: save the log and give its path, or pipe it to -", path)
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, diag.Errorf("%v", err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxLogBytes+1))
	if err != nil {
		return nil, diag.Errorf("%v", err)
	}
	if len(b) > maxLogBytes {
		return nil, diag.Errorf("%s: larger than %d MiB, the most a log may hold", path, maxLogBytes>>20)
	}
	return b, nil
}
