package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/derivtex/derivtex/derive"
	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/expr/exprtest"
)

// ScaleTerm builds the terms of section (c): sin(sin(...sin(w))) of depth
// n differentiated by w, or the explicit sum of k x^k for k = 1..n
// differentiated by x.
func ScaleTerm(kind string, n int) (term, v expr.Expr, err error) {
	switch kind {
	case "nested":
		return exprtest.Nested(expr.FnSin, expr.Sym("w"), n), expr.Sym("w"), nil
	case "sum":
		x := expr.Sym("x")
		terms := make([]expr.Expr, n)
		for k := 1; k <= n; k++ {
			terms[k-1] = expr.Mul(expr.Int(int64(k)), expr.Pow(x, expr.Int(int64(k))))
		}
		return expr.Add(terms...), x, nil
	}
	return nil, nil, fmt.Errorf("unknown kind %q (nested or sum)", kind)
}

// scaleResult is one size of section (c).
type scaleResult struct {
	Kind         string  `json:"kind"`
	N            int     `json:"n"`
	Runs         int     `json:"runs"`
	Seconds      float64 `json:"seconds"`       // median derive.Diff time
	FirstSeconds float64 `json:"first_seconds"` // the first run, before any result term is interned
	Size         int     `json:"size"`          // expr.Size of the answer: its shared (DAG) size
	TreeSize     int     `json:"tree_size"`     // expr.TreeSize, saturating at treeLimit
	PrintLen     int     `json:"print_len"`     // len(expr.Plain(answer)), -1 when too big to print (see -printmax)
	PrintSeconds float64 `json:"print_seconds"`
}

const treeLimit = 1 << 40

func scaleMain(args []string) error {
	fs := flag.NewFlagSet("scale", flag.ExitOnError)
	kind := fs.String("kind", "nested", "nested or sum")
	sizes := fs.String("n", "100,1000,10000", "comma-separated sizes")
	budget := fs.Duration("budget", 3*time.Second, "repeat each size while the total stays under this (at most 9 runs)")
	printMax := fs.Int("printmax", 5_000_000, "print the answer in plain syntax, and report its length, when its tree size is at most this")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the differentiations here")
	fs.Parse(args)
	if *profile != "" {
		stop, err := startProfile(*profile)
		if err != nil {
			return err
		}
		defer stop()
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(s)
		if err != nil {
			return err
		}
		term, v, err := ScaleTerm(*kind, n)
		if err != nil {
			return err
		}
		var times []time.Duration
		var total time.Duration
		var res expr.Expr
		for len(times) < 9 && (len(times) < 3 || total < *budget) {
			runtime.GC()
			t := time.Now()
			res, err = derive.Diff(context.Background(), term, v)
			d := time.Since(t)
			if err != nil {
				return fmt.Errorf("%s %d: %w", *kind, n, err)
			}
			times = append(times, d)
			total += d
			if total > 4**budget {
				break
			}
		}
		r := scaleResult{Kind: *kind, N: n, Runs: len(times), Seconds: seconds(median(times)),
			FirstSeconds: seconds(times[0]), Size: expr.Size(res), TreeSize: expr.TreeSize(res, treeLimit), PrintLen: -1}
		if r.TreeSize <= *printMax {
			t := time.Now()
			r.PrintLen = len(expr.Plain(res))
			r.PrintSeconds = seconds(time.Since(t))
		}
		if err := emit(r); err != nil {
			return err
		}
	}
	return nil
}
