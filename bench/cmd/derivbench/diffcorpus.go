package main

import (
	"bufio"
	"context"
	"flag"
	"os"
	"strings"
	"time"

	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/latex"
	"github.com/derivtex/derivtex/parser"
)

// answerLine does in-process what `derivtex diff - --wrt x --json` does
// for one line: parse, differentiate keeping the steps, and print the
// answer and every step in plain syntax and LaTeX. It returns the bytes
// printed, so the work cannot be optimised away.
func answerLine(src string, v expr.Expr) (int, error) {
	x, err := parser.Parse(src)
	if err != nil {
		return 0, err
	}
	d, err := derive.Steps(context.Background(), x, v)
	if err != nil {
		return 0, err
	}
	n := len(d.Result.String()) + len(latex.Expr(d.Result))
	for _, s := range d.Steps {
		n += len(s.Before.String()) + len(s.After.String()) + len(latex.Expr(s.Before)) + len(latex.Expr(s.After))
	}
	return n, nil
}

func diffCorpusMain(args []string) error {
	fs := flag.NewFlagSet("diffcorpus", flag.ExitOnError)
	in := fs.String("in", "", "corpus file, one term a line")
	reps := fs.Int("reps", 5, "passes over the corpus; the median is reported")
	plain := fs.Bool("plain", false, "only derive.Diff (no steps, no LaTeX, no printing)")
	profile := fs.String("cpuprofile", "", "write a CPU profile of all passes here")
	wrt := fs.String("wrt", "x", "the variable to differentiate by")
	fs.Parse(args)
	b, err := os.ReadFile(*in)
	if err != nil {
		return err
	}
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			lines = append(lines, l)
		}
	}
	if *profile != "" {
		stop, err := startProfile(*profile)
		if err != nil {
			return err
		}
		defer stop()
	}
	v := expr.Sym(*wrt)
	var times []time.Duration
	failed := 0
	for range *reps {
		t := time.Now()
		failed = 0
		for _, l := range lines {
			if *plain {
				x, err := parser.Parse(l)
				if err == nil {
					_, err = derive.Diff(context.Background(), x, v)
				}
				if err != nil {
					failed++
				}
				continue
			}
			if _, err := answerLine(l, v); err != nil {
				failed++
			}
		}
		times = append(times, time.Since(t))
	}
	return emit(map[string]any{"lines": len(lines), "failed": failed, "reps": *reps,
		"seconds": seconds(median(times)), "first_seconds": seconds(times[0]), "plain": *plain})
}
