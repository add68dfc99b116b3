package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/expr/exprtest"
)

// Corpus is the fixed random corpus of section (a): smooth terms over x, y,
// w drawn by exprtest from one seed, kept when they are worth
// differentiating by x (they depend on x and are not tiny) and have a
// finite value somewhere (no 0^-1 or log(-2) as a whole term).
type Corpus struct {
	Seed    uint64
	N       int // number of terms
	Depth   int // exprtest depth
	MinSize int // smallest shared size kept
}

// DefaultCorpus is the corpus the published figures use.
var DefaultCorpus = Corpus{Seed: 20250605, N: 300, Depth: 5, MinSize: 8}

// samplePoints are where a kept term must have a finite value (any one).
var samplePoints = [][3]float64{{0.7, 1.3, 0.4}, {1.9, 0.6, 1.1}, {0.35, 2.2, 1.7}}

// Terms draws the corpus, deterministically.
func (c Corpus) Terms() []expr.Expr {
	g := exprtest.New(c.Seed)
	g.Smooth = true
	x := expr.Sym("x")
	seen := map[expr.Expr]bool{}
	var out []expr.Expr
	for len(out) < c.N {
		t := g.Expr(c.Depth)
		if seen[t] || !expr.DependsOn(t, x) || expr.Size(t) < c.MinSize || !finiteSomewhere(t) {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}

func finiteSomewhere(t expr.Expr) bool {
	for _, p := range samplePoints {
		env := expr.Env{Scalars: map[string]float64{"x": p[0], "y": p[1], "w": p[2]}}
		if _, err := expr.Eval(t, env); err == nil {
			return true
		}
	}
	return false
}

// Write prints the corpus in plain syntax, one term a line.
func (c Corpus) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, t := range c.Terms() {
		fmt.Fprintln(bw, expr.Plain(t))
	}
	return bw.Flush()
}

func corpusMain(args []string) error {
	c := DefaultCorpus
	fs := flag.NewFlagSet("corpus", flag.ExitOnError)
	fs.Uint64Var(&c.Seed, "seed", c.Seed, "generator seed")
	fs.IntVar(&c.N, "n", c.N, "number of terms")
	fs.IntVar(&c.Depth, "depth", c.Depth, "term depth")
	out := fs.String("o", "", "output file (default stdout)")
	fs.Parse(args)
	if *out == "" {
		return c.Write(os.Stdout)
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := c.Write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
