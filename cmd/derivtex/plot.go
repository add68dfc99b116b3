package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/derivtex/derivtex/activation"
	"github.com/derivtex/derivtex/define"
	"github.com/derivtex/derivtex/diag"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/plot"
	"github.com/derivtex/derivtex/solve"
)

type plotCmd struct {
	Expr string `arg:"" help:"Expression of one variable: plain syntax (piecewise(x > 0: x, 0) allowed, or a definition f(x; a) = ..., a = 1/10), or LaTeX with --input latex."`
	inputFlag
	From       float64       `default:"-4" help:"Left end of the x range."`
	To         float64       `default:"4" help:"Right end of the x range."`
	Derivative bool          `short:"d" help:"Draw the derivative too, as a dashed second curve."`
	Output     string        `short:"o" placeholder:"FILE" help:"Write to FILE: .tex for the tikzpicture (pgfplots; \\input it in a document that loads pgfplots), .pdf for a page with the plot (needs pdflatex). Without it, the tikzpicture goes to stdout."`
	PDFTimeout time.Duration `name:"pdf-timeout" default:"20s" help:"Stop pdflatex after this long (with -o FILE.pdf)."`
}

func (c *plotCmd) Run(e *env) error {
	if err := c.checkFlags(); err != nil {
		return err
	}
	ctx, m := e.job()
	x, v, err := plotTerm(ctx, c.syntax(), c.Expr)
	if err != nil {
		return err
	}
	fig, err := plot.New(ctx, x, v, c.From, c.To, plot.Options{Derivative: c.Derivative})
	if err != nil {
		return c.located(err, c.Expr)
	}
	tex, err := fig.TeX(m)
	if err != nil {
		return err
	}
	if c.Output == "" {
		_, err = fmt.Fprint(e.stdout, tex)
		return err
	}
	return writePlot(tex, c.Output, c.PDFTimeout)
}

// writePlot writes a tikzpicture to out: as it is for .tex, compiled on
// a page of its own for .pdf.
func writePlot(tex, out string, timeout time.Duration) error {
	if strings.ToLower(filepath.Ext(out)) == ".pdf" {
		return solve.CompilePDF(plot.Document(tex), out, solve.PDFOptions{Timeout: timeout})
	}
	if err := os.WriteFile(out, []byte(tex), 0o644); err != nil {
		return diag.Wrap(diag.Internal, err, "writing the plot: "+err.Error())
	}
	return nil
}

// checkFlags says what is wrong with the range or the output, naming the
// flag.
func (c *plotCmd) checkFlags() error {
	if err := plot.CheckEnd(c.From); err != nil {
		return diag.Prefixed("--from", err)
	}
	if err := plot.CheckEnd(c.To); err != nil {
		return diag.Prefixed("--to", err)
	}
	if err := plot.CheckRange(c.From, c.To); err != nil {
		return diag.Prefixed("--from/--to", err)
	}
	return checkPlotOutput(c.Output, c.PDFTimeout)
}

// checkPlotOutput says what is wrong with -o FILE and --pdf-timeout, for
// the commands that write a plot.
func checkPlotOutput(out string, timeout time.Duration) error {
	switch ext := strings.ToLower(filepath.Ext(out)); {
	case out == "" || ext == ".tex" || ext == ".pdf":
	case ext == ".png" || ext == ".svg":
		return diag.Errorf("-o %s: plots are written as pgfplots (.tex) or PDF (.pdf), not %s; for an image, pdftoppm -png the PDF", diag.Quote(out), ext)
	default:
		return diag.Errorf("-o %s: the output's name must end in .tex or .pdf", diag.Quote(out))
	}
	if timeout <= 0 {
		return diag.Errorf("--pdf-timeout must be positive, not %s", timeout)
	}
	return nil
}

// plotTerm reads what plot draws: a term, which may use piecewise, or a
// definition followed by its parameters' values, f(x; a) = max(a x, x),
// a = 1/10, read as derivtex activation reads one. The variable is the
// term's first free name (plot.New refuses a second), or x for a
// constant.
func plotTerm(ctx context.Context, syntax parser.Syntax, src string) (expr.Expr, *expr.Symbol, error) {
	if syntax == parser.LaTeX {
		x, uses, err := parser.ParseTermAs(syntax, "", src)
		if err != nil {
			return nil, nil, err
		}
		for _, u := range uses {
			if u.Free.IsValid() {
				return x, expr.Sym(u.Name), nil
			}
		}
		return x, expr.Sym("x"), nil
	}
	if define.IsDefinition(src) {
		s, err := activation.Parse(src)
		if err != nil {
			return nil, nil, err
		}
		return s.F, s.Var, nil
	}
	x, uses, err := define.NewScope().Term(ctx, src)
	if err != nil {
		return nil, nil, err
	}
	if len(uses) > 0 {
		return x, expr.Sym(uses[0].Name), nil
	}
	return x, expr.Sym("x"), nil
}
