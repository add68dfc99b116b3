package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/derivtex/derivtex/expr"
	"github.com/derivtex/derivtex/mle"
	"github.com/derivtex/derivtex/parser"
	"github.com/derivtex/derivtex/solve"
)

// Density is a row of section (b): a model density from mle/mle_test.go's
// table and the parameters to estimate. The response is y, the data x.
type Density struct {
	Name   string
	Src    string
	Params []string
}

// Densities are the densities of section (b), as mle/mle_test.go states
// them.
var Densities = []Density{
	{"exponential with rate x w", "x w exp(-x w y)", []string{"w"}},
	{"Laplace regression", "1/2 exp(-|w x + b - y|)", []string{"w", "b"}},
	{"Gaussian mean and scale", "1/(sigma sqrt(2 pi)) exp(-(y - mu)^2/(2 sigma^2))", []string{"mu", "sigma"}},
	{"Poisson", "lambda^y exp(-lambda)/factorial(y)", []string{"lambda"}},
	{"Bernoulli", "theta^y (1 - theta)^(1 - y)", []string{"theta"}},
	{"least squares regression", "exp(-(y - w x - b)^2/2)/sqrt(2 pi)", []string{"w", "b"}},
	{"logistic regression", "sigmoid(w x)^y (1 - sigmoid(w x))^(1 - y)", []string{"w"}},
	{"exponential", "lambda exp(-lambda y)", []string{"lambda"}},
	{"Rayleigh", "y/sigma^2 exp(-y^2/(2 sigma^2))", []string{"sigma"}},
	{"Gamma, shape 2", "beta^2 y exp(-beta y)", []string{"beta"}},
	{"geometric", "(1 - q)^(y - 1) q", []string{"q"}},
	{"Laplace scale", "1/(2 s) exp(-|y|/s)", []string{"s"}},
	{"Pareto, scale 1", "alpha y^(-alpha - 1)", []string{"alpha"}},
	{"Weibull, shape 2", "2/lambda (y/lambda) exp(-(y/lambda)^2)", []string{"lambda"}},
	{"binomial, 5 trials", "factorial(5)/(factorial(y) factorial(5 - y)) theta^y (1 - theta)^(5 - y)", []string{"theta"}},
	{"Poisson regression", "exp(w x)^y exp(-exp(w x))/factorial(y)", []string{"w"}},
	{"Gaussian with precision", "sqrt(tau/(2 pi)) exp(-tau (y - mu)^2/2)", []string{"mu", "tau"}},
}

// densityRow is a density as bench.py reads it: the body in derivtex's
// own plain printing, which has explicit * and abs(), so the SymPy side
// needs no juxtaposition rules.
type densityRow struct {
	Name   string   `json:"name"`
	Src    string   `json:"src"`
	Plain  string   `json:"plain"`
	Params []string `json:"params"`
}

func densitiesMain([]string) error {
	for _, d := range Densities {
		body, err := parser.Parse(d.Src)
		if err != nil {
			return fmt.Errorf("%s: %w", d.Name, err)
		}
		if err := emit(densityRow{d.Name, d.Src, expr.Plain(body), d.Params}); err != nil {
			return err
		}
	}
	return nil
}

// mleAnswer is what one derivation yields, as the CLI's --json would
// print it (the LaTeX is computed and timed, but only its length kept).
type mleAnswer struct {
	Name         string            `json:"name"`
	NLL          string            `json:"nll"`
	Gradient     map[string]string `json:"gradient"`
	Stationary   map[string]string `json:"stationary"`
	NoClosedForm string            `json:"no_closed_form,omitempty"`
	Positive     []string          `json:"positive"`
	LaTeXLen     int               `json:"latex_len"`
	Seconds      float64           `json:"seconds"` // median over the runs
}

// deriveMLE does the work of `derivtex mle SRC --params P --json`: parse,
// derive, print every term and the LaTeX derivation.
func deriveMLE(d Density) (mleAnswer, error) {
	pd, err := parser.ParseDensity(d.Src)
	if err != nil {
		return mleAnswer{}, err
	}
	m, err := mle.FromDensity(pd, d.Params, "y")
	if err != nil {
		return mleAnswer{}, err
	}
	r, err := mle.Derive(context.Background(), m)
	if err != nil {
		return mleAnswer{}, err
	}
	a := mleAnswer{
		Name:         d.Name,
		NLL:          r.NLL.String(),
		Gradient:     map[string]string{},
		NoClosedForm: r.NoClosedForm,
		LaTeXLen:     texLen(r),
	}
	for _, g := range r.Gradient {
		a.Gradient[g.Param.Name()] = g.Value.String()
	}
	if r.Stationary != nil {
		a.Stationary = map[string]string{}
		for _, s := range r.Stationary {
			a.Stationary[s.Param.Name()] = s.Value.String()
		}
	}
	for _, p := range r.Positive {
		a.Positive = append(a.Positive, p.Name())
	}
	return a, nil
}

func mleMain(args []string) error {
	fs := flag.NewFlagSet("mle", flag.ExitOnError)
	reps := fs.Int("reps", 20, "runs over the whole table; the median is reported")
	fs.Parse(args)
	answers := make([]mleAnswer, len(Densities))
	times := make([][]time.Duration, len(Densities))
	var totals []time.Duration
	var first time.Duration
	for rep := range *reps {
		start := time.Now()
		for k, d := range Densities {
			t := time.Now()
			a, err := deriveMLE(d)
			if err != nil {
				return fmt.Errorf("%s: %w", d.Name, err)
			}
			times[k] = append(times[k], time.Since(t))
			answers[k] = a
		}
		totals = append(totals, time.Since(start))
		if rep == 0 {
			first = totals[0]
		}
	}
	for k := range answers {
		answers[k].Seconds = seconds(median(times[k]))
		if err := emit(answers[k]); err != nil {
			return err
		}
	}
	return emit(map[string]any{"total_seconds": seconds(median(totals)), "first_seconds": seconds(first), "reps": *reps})
}

// texLen is the length of r's LaTeX, 0 when it could not be printed.
func texLen(r *mle.Result) int {
	tex, err := solve.MLELaTeX(context.Background(), r)
	if err != nil {
		return 0
	}
	return len(tex)
}
